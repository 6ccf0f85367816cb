"""Reading what a person typed into a weekly review: numbers, whole numbers, due dates.

The draft keeps numeric answers (pulse, progress, confidence, metric values) as typed,
numbers or their text (``"40"``, ``"40%"``), so an input widget can hand its value over
untouched; validation and the completed review read them through these functions, which
raise ValueError when a value cannot be read.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
import math

from stratui.domain.dates import parse_date
from stratui.domain.weeks import is_supported_date


def read_number(value: object) -> int | float | None:
    """A typed number: None when blank; ``"40"``, ``"40%"``, ``40.5``. ValueError if not."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not text:
            return None
        value = float(text)
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(value)
    return int(value) if float(value).is_integer() else value


def number_or_none(value: object) -> int | float | None:
    """A typed number as :func:`read_number` reads it, None when it cannot be read."""
    try:
        return read_number(value)
    except ValueError:
        return None


def read_whole(value: object, low: int, high: int) -> int | None:
    """A typed whole number from ``low`` to ``high``, None when blank; ValueError if not."""
    number = read_number(value)
    if number is None:
        return None
    if not isinstance(number, int) or not low <= number <= high:
        raise ValueError(value)
    return number


DATE_EXAMPLES = "a date (2026-12-04, fri, +3d, eow)"
"""What a due date field accepts, for its messages."""


def read_date(value: object, today: dt.date | None) -> str | None:
    """A typed due date as ISO text, None when blank; ValueError if it cannot be read.

    Every date field of every ritual reads its words here, through the one resolver the
    command line uses too (:func:`~stratui.domain.dates.parse_date`), so ``fri`` means the
    same day wherever it is typed. Without ``today`` only ISO dates are read.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    if today is None:
        day = dt.date.fromisoformat(value.strip())
        if not is_supported_date(day):
            raise ValueError(value)
        return day.isoformat()
    return parse_date(value, today).isoformat()


def typed_date(text: str, today: dt.date, field: str = "due") -> str | None:
    """A date a person typed in ``field``, read now as ISO text (None when blank), so
    the day shown is the day kept. ValueError naming the field and what is accepted."""
    try:
        return read_date(text, today)
    except ValueError:
        raise ValueError(f"{field}: expected {DATE_EXAMPLES}, or nothing") from None


def typed_confidence(text: object, field: str = "confidence") -> int | None:
    """A confidence 1-5 a person typed (None when blank). ValueError naming the field."""
    try:
        return read_whole(text, 1, 5)
    except ValueError:
        raise ValueError(f"{field}: expected a whole number 1-5, or nothing") from None
