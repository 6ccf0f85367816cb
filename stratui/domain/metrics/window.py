"""The window a trend covers: whole ISO weeks, and where it ends by default (docs/METRICS.md).

"Windows are whole ISO weeks, ending with the latest week that has reviewed commitments
unless the user picks another end." Precisely: the latest week, up to the as-of date's
week, that has reviewed commitments in scope; if there is none, the as-of date's week.
The weeks themselves come from :func:`stratui.domain.weeks.window`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from stratui.domain.metrics.execution import is_reviewed
from stratui.domain.weeks import monday, sunday


def latest_reviewed_week(commitments: Iterable[Mapping], up_to: str) -> str | None:
    """The latest week, ``up_to`` or before, of a reviewed commitment; ``None`` if none.

    ``commitments`` are those in scope. Week ids ``YYYY-Www`` sort as text in time order.
    """
    weeks = (str(c["week"]) for c in commitments if is_reviewed(c))
    return max((week for week in weeks if week <= up_to), default=None)


def window_days(weeks: list[str]) -> tuple[dt.date, dt.date]:
    """The window's dates: Monday of its first week to Sunday of its last."""
    return monday(weeks[0]), sunday(weeks[-1])
