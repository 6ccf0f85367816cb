"""The retrospective formats, their card categories, and the health check's dimensions.

One table for every door: the retrospective ritual, its summary, the demo generator and
the TUI read the categories of a built-in format from :data:`CATEGORIES`. A category is
stored on each card (``retro_items.category``) by its id (``start``, ``longed-for``); the
titles and prompts are what a screen shows.

A team may add formats of its own in a template (:mod:`stratui.rituals.templates`); a
format, built-in or a template's, is a :class:`RetroFormat` (:func:`built_in` gives the
built-ins as such). The four built-ins stay as these tables say.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stratui.domain.schema import RETRO_FORMATS, is_format_name

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


BUILT_IN = "built-in"
"""Where a built-in format comes from (:attr:`RetroFormat.source`)."""


@dataclass(frozen=True)
class FormatCategory:
    """One category of a format: its id (stored on each card), title and prompt."""

    id: str
    title: str
    prompt: str = ""


@dataclass(frozen=True)
class RetroFormat:
    """A retrospective format: its name (``reviews.format``), title and categories, in the
    order they are gathered. ``source`` is :data:`BUILT_IN` or the template file that
    defines it (``templates/retro-kudos.toml``); ``team`` the team it is for (None: any).
    """

    name: str
    title: str
    categories: tuple[FormatCategory, ...]
    source: str = BUILT_IN
    team: str | None = None

    @property
    def category_ids(self) -> tuple[str, ...]:
        """The ids of its categories, in order."""
        return tuple(category.id for category in self.categories)

    def category(self, category_id: str) -> FormatCategory | None:
        """The category ``category_id`` (None when the format has none of that id)."""
        for category in self.categories:
            if category.id == category_id:
                return category
        return None

    @property
    def is_built_in(self) -> bool:
        """True for one of the four formats stratui ships."""
        return self.source == BUILT_IN

    def to_answers(self) -> dict:
        """The format as JSON-ready data: what a review of a template's format keeps, so
        that it reads and sums up when the template is gone."""
        return {
            "name": self.name,
            "title": self.title,
            "categories": [
                {"id": c.id, "title": c.title, "prompt": c.prompt} for c in self.categories
            ],
            "source": self.source,
            "team": self.team,
        }

    @classmethod
    def from_answers(cls, data: object) -> RetroFormat | None:
        """The format :meth:`to_answers` wrote; None when ``data`` is not one (forgiving:
        a review written by another version still opens)."""
        if not isinstance(data, Mapping) or not is_format_name(data.get("name")):
            return None
        categories = []
        raw = data.get("categories")
        for item in raw if isinstance(raw, list) else ():
            if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"]:
                title, prompt = item.get("title"), item.get("prompt")
                categories.append(
                    FormatCategory(
                        item["id"],
                        title if isinstance(title, str) and title else item["id"],
                        prompt if isinstance(prompt, str) else "",
                    )
                )
        if not categories:
            return None
        title, source, team = data.get("title"), data.get("source"), data.get("team")
        return cls(
            name=str(data["name"]),
            title=title if isinstance(title, str) and title.strip() else str(data["name"]),
            categories=tuple(categories),
            source=source if isinstance(source, str) and source else "a template",
            team=team if isinstance(team, str) and team else None,
        )


def built_in(fmt: str) -> RetroFormat | None:
    """The built-in format ``fmt`` as a :class:`RetroFormat` (None when it is not one)."""
    if fmt not in CATEGORIES:
        return None
    return RetroFormat(
        name=fmt,
        title=FORMAT_TITLES[fmt],
        categories=tuple(
            FormatCategory(c, CATEGORY_TITLES[c], CATEGORY_PROMPTS[c]) for c in CATEGORIES[fmt]
        ),
    )


def built_in_formats() -> list[RetroFormat]:
    """The four built-in formats, in the order a setup screen lists them."""
    return [fmt for name in FORMATS if (fmt := built_in(name)) is not None]
