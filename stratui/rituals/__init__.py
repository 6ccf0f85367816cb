"""The rituals of PRODUCT.md as pure step logic: drafts, defaults, validation, plans.

Each ritual module holds what a run of the ritual *means*: its steps, the draft a person
fills in, the defaults that make a quick run mostly Enter, the inline messages that stop a
step, and the records a completed run writes. The TUI only shows and asks, and the use
cases in ``stratui.usecases.weekly_review`` read and write the store; neither holds a rule.

Pure package: no Textual, no TinyDB, no store. Time is always a parameter.
"""
