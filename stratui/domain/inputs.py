"""Reading the numbers people type (confidence, progress), for every door alike.

Each parser raises ``ValueError`` saying what is accepted; callers add the field's name.
Pure and cheap to import: the CLI's fast path uses it.
"""

from __future__ import annotations


def parse_confidence(text: str) -> int:
    """``"4"`` -> 4; a whole number from 1 to 5."""
    return _one_to_five(text, "a whole number from 1 to 5")


def parse_priority(text: str) -> int:
    """``"2"`` -> 2; a whole number from 1 (highest) to 5."""
    return _one_to_five(text, "a whole number from 1 (highest) to 5")


def _one_to_five(text: str, accepted: str) -> int:
    value = text.strip()
    if value.isdigit() and 1 <= int(value) <= 5:
        return int(value)
    raise ValueError(f"expected {accepted}, got {text!r}")


def parse_progress(text: str) -> int | float:
    """``"60"`` or ``"60%"`` -> 60; a number from 0 to 100."""
    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise ValueError(f"expected a number from 0 to 100, got {text!r}")
    return int(value) if value.is_integer() else value


def optional(parse, text: str, field: str):
    """``parse(text)``, or None for blank text; errors name ``field``."""
    if not text.strip():
        return None
    try:
        return parse(text)
    except ValueError as error:
        raise ValueError(f"{field}: {error}") from None
