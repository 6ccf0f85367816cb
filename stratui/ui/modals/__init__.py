"""Dialogs: small self-contained screens that return a value when dismissed."""
