"""How a goal's standing reads on screen: progress as a percentage, health in words.

The figures come from :mod:`stratui.domain.key_results` (docs/METRICS.md); this only words
and colours them, the same way on the goal tree, the goal detail, the dashboard and the
quarterly review.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

NO_DATA = "no data"
HEALTH_STYLES = {"on track": "green", "behind": "yellow", "at risk": "bold red"}


def percent(value: float | None) -> str:
    """``0.4`` -> ``40%``; ``-`` when there is no figure."""
    return "-" if value is None else f"{value:.0%}"


def health_text(health: str | None, width: int = 0) -> Text:
    """The health in words (``no data`` for None), coloured, padded to ``width``."""
    words = health or NO_DATA
    return Text(words.ljust(width), style=HEALTH_STYLES.get(words, "dim"))


def health_content(health: str | None) -> Content:
    """The health in words, coloured, as Textual content (for a Static)."""
    words = health or NO_DATA
    return Content.styled(words, HEALTH_STYLES.get(words, "dim"))


def number(value: object) -> str:
    """A number as people write it (``40``, ``2.5``); ``-`` for none."""
    if value is None or value == "":
        return "-"
    return f"{value:g}" if isinstance(value, int | float) else str(value)
