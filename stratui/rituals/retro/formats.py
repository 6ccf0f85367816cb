"""The retrospective formats, their card categories, and the health check's dimensions.

One table for every door: the retrospective ritual, its summary, the demo generator and
the TUI read the categories of a format from :data:`CATEGORIES`. A category is stored on
each card (``retro_items.category``) by its id (``start``, ``longed-for``); the titles
and prompts are what a screen shows.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from stratui.domain.schema import RETRO_FORMATS

FORMATS: tuple[str, ...] = RETRO_FORMATS
"""The formats, as the schema knows them (``reviews.format``)."""

FORMAT_TITLES: dict[str, str] = {
    "start-stop-continue": "Start / Stop / Continue",
    "4ls": "4Ls",
    "mad-sad-glad": "Mad / Sad / Glad",
    "well-improve-ideas": "Went well / To improve / Ideas",
}
"""What a screen calls each format."""

CATEGORIES: dict[str, tuple[str, ...]] = {
    "start-stop-continue": ("start", "stop", "continue"),
    "4ls": ("liked", "learned", "lacked", "longed-for"),
    "mad-sad-glad": ("mad", "sad", "glad"),
    "well-improve-ideas": ("well", "improve", "ideas"),
}
"""The card categories of each format, in the order they are gathered."""

CATEGORY_TITLES: dict[str, str] = {
    "start": "Start",
    "stop": "Stop",
    "continue": "Continue",
    "liked": "Liked",
    "learned": "Learned",
    "lacked": "Lacked",
    "longed-for": "Longed for",
    "mad": "Mad",
    "sad": "Sad",
    "glad": "Glad",
    "well": "Went well",
    "improve": "To improve",
    "ideas": "Ideas",
}
"""What a screen and the summary call each category."""

CATEGORY_PROMPTS: dict[str, str] = {
    "start": "What should we start doing?",
    "stop": "What should we stop doing?",
    "continue": "What should we keep doing?",
    "liked": "What did you like?",
    "learned": "What did you learn?",
    "lacked": "What was missing?",
    "longed-for": "What did you wish for?",
    "mad": "What made you mad?",
    "sad": "What made you sad?",
    "glad": "What made you glad?",
    "well": "What went well?",
    "improve": "What could be better?",
    "ideas": "What should we try?",
}
"""The question a gather screen asks for each category."""

HEALTH_DIMENSIONS: tuple[str, ...] = ("pace", "fun", "teamwork", "codebase", "learning", "mission")
"""The health check's default dimensions, each rated 1-5 (a team may use others)."""


def categories(fmt: str) -> tuple[str, ...]:
    """The categories of format ``fmt``; ValueError naming the formats if it is unknown."""
    try:
        return CATEGORIES[fmt]
    except KeyError:
        raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}") from None


def category_title(category: str) -> str:
    """The title of a category, or the category itself when it is not a known one."""
    return CATEGORY_TITLES.get(category, category)
