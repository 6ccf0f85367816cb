"""The pure domain core: records, weeks, dates, rules and figures (no Textual, no TinyDB)."""
