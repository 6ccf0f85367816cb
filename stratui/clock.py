"""What "now" and "today" are: the real clock, or a fixed one for tests and demos.

Every use case takes a :class:`Clock`, never the system time directly, so rituals, trends
and screenshots are deterministic under test. ``STRATUI_TODAY=YYYY-MM-DD`` freezes the
date for a whole process (scripts, snapshot tests, reproducible demos).
"""

from __future__ import annotations

import datetime as dt
import os


class Clock:
    """The current time; ``fixed`` pins it (a date pins noon UTC of that day)."""

    def __init__(self, fixed: dt.datetime | dt.date | None = None) -> None:
        if isinstance(fixed, dt.date) and not isinstance(fixed, dt.datetime):
            fixed = dt.datetime(fixed.year, fixed.month, fixed.day, 12, tzinfo=dt.UTC)
        self.fixed = fixed

    @classmethod
    def from_env(cls) -> Clock:
        """The real clock, unless ``STRATUI_TODAY`` names a date to pin.

        Raises:
            ValueError: ``STRATUI_TODAY`` is not a date of the supported years.
        """
        text = os.environ.get("STRATUI_TODAY")
        if not text:
            return cls()
        from stratui.domain.weeks import DATES_TAKEN, is_supported_date

        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"STRATUI_TODAY: expected a date YYYY-MM-DD, got {text!r}") from None
        if not is_supported_date(day):
            raise ValueError(f"STRATUI_TODAY: stratui takes {DATES_TAKEN}, got {text!r}")
        return cls(day)

    def now(self) -> dt.datetime:
        """The current moment, timezone-aware UTC."""
        return self.fixed or dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        """The user's current date (local time, unless pinned)."""
        return self.fixed.date() if self.fixed else dt.date.today()
