"""The arithmetic the figures share: ratios and averages that know "no data", and dates.

docs/METRICS.md: "a figure with no data to stand on is shown as 'no data', never as 0", so
each helper returns ``None`` when it has nothing to divide by or average over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or ``None`` when ``whole`` is 0 (nothing to measure)."""
    return part / whole if whole else None


def mean(values: Iterable[float]) -> float | None:
    """The arithmetic mean, or ``None`` for no values."""
    values = list(values)
    return sum(values) / len(values) if values else None


def median(values: Iterable[float]) -> float | None:
    """The middle value; of an even count, the mean of the two middle ones (docs/METRICS.md).

    ``None`` for no values.
    """
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def clip(value: float, low: float = 0.0, high: float = 1.0) -> float:
    """``value`` held within ``low..high``."""
    return max(low, min(high, value))


def day(value: object) -> dt.date:
    """A record's date field (``YYYY-MM-DD``, or the date part of a UTC stamp) as a date."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def day_or_none(value: object) -> dt.date | None:
    """Like :func:`day`, but ``None`` for an absent or empty field."""
    return day(value) if value else None
