"""The interchange layer: the export document, the importer, CSV and Markdown exports.

Everything here is pure: it works on plain record dicts and callables handed in by the
caller, never on the store itself, and imports neither Textual, TinyDB nor Rich. The JSON
document it reads and writes is the public contract of ``EXPORT-FORMAT.md``.
"""
