"""A series as a line of block characters, one per value, for a glance at a trend."""

from __future__ import annotations

from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], high: float | None = None) -> str:
    """One bar per value, its height proportional to the value on a scale from 0 to
    ``high`` (the series' highest when None): a say/do of 100% is a full bar when
    ``high`` is 1. Empty for no values; all-zero values sit on the lowest bar."""
    if not values:
        return ""
    top = max(values) if high is None else high
    if top <= 0:
        return BARS[0] * len(values)
    last = len(BARS) - 1
    return "".join(BARS[round(min(max(value, 0), top) / top * last)] for value in values)
