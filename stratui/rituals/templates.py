"""Rituals a team can shape: templates, TOML files in the store's ``templates/`` folder.

A template travels with the store through git (``stratui sync`` commits
``templates/*.toml``) and defines any of:

* ``[retro]``: a retrospective format of the team's own: ``name`` (its id, a slug such as
  ``kudos``, stored as the review's ``format``), ``title``, and ``[[retro.categories]]``,
  each with a ``title``, an optional ``prompt`` (what the gather phase asks) and an
  optional ``id`` (the title as a slug by default: stored on each card);
* ``[health]``: ``dimensions``, the health check's (instead of the built-in six);
* ``[icebreakers]``: ``questions``, a pool; a retrospective offers one the team did not
  use in its last five retrospectives (:mod:`stratui.rituals.retro.icebreakers`);
* ``[weekly]``: ``checkin``, the question the weekly review's check-in asks.

Where a template applies (the scope rule): a top-level ``team = "Platform"`` makes it
that team's (its retrospectives, and the weekly reviews of its members); without
``team`` it is for everyone in the store. A retrospective offers the built-in formats,
then every format of a template for its team or for everyone, in file-name order. The
health dimensions, the icebreakers and the check-in question come from the team's
template, else from the one for everyone, else are the built-ins; a person in several
teams gets the check-in question of the first of their teams (by name) that has one.

One template per scope may set each of these, and a format's name is taken once in the
store (a built-in's is taken already): a later file (by name) that sets it again is a
mistake. A template with a mistake is refused whole with one line naming the file, the
line (a TOML syntax error) or the key, and what is accepted (:class:`TemplateError`); a
ritual then runs with the built-ins and names the refused file.

Pure module: no Textual, no TinyDB, no store. Reading the folder is a use case's
(:mod:`stratui.usecases.templates`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NoReturn

from stratui.domain.people import find_named, known_names, same_name
from stratui.domain.schema import FORMAT_NAME_MAX, RETRO_FORMATS, is_format_name
from stratui.rituals.retro.formats import FormatCategory, RetroFormat

PARTS = ("retro", "health", "icebreakers", "weekly")
"""The tables a template may define (at least one)."""

TOP_KEYS = ("team", *PARTS)
"""Every top-level key a template may have."""

MAX_CATEGORIES = 8
MAX_TITLE = 40
MAX_FORMAT_TITLE = 60
MAX_PROMPT = 120
MAX_DIMENSIONS = 12
MAX_DIMENSION = 30
MAX_QUESTION = 200

_LOCATION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


class TemplateError(ValueError):
    """A template with a mistake: one line naming the file, where (``line 3`` or a key
    such as ``retro.categories[2].prompt``) and what is accepted."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        self.file, self.where, self.problem = file, where, problem
        super().__init__(f"{file}: {where}: {problem}" if where else f"{file}: {problem}")


@dataclass(frozen=True)
class Template:
    """One template file, read and checked. ``team`` is the team it is for (its stored
    name; None: everyone in the store); the parts it does not define are empty."""

    file: str
    team: str | None = None
    retro: RetroFormat | None = None
    health: tuple[str, ...] = ()
    icebreakers: tuple[str, ...] = ()
    checkin: str = ""

    @property
    def scope(self) -> str:
        """Where it applies, for a listing: ``team Platform`` or ``everyone``."""
        return f"team {self.team}" if self.team else "everyone"

    def applies_to(self, team: str | None) -> bool:
        """True when it is for everyone, or for ``team``."""
        return self.team is None or (team is not None and same_name(self.team, team))

    @property
    def defines(self) -> list[str]:
        """What it sets, for a listing: ``retro format kudos``, ``health``, ..."""
        parts = []
        if self.retro is not None:
            parts.append(f"retro format {self.retro.name}")
        if self.health:
            parts.append(f"health ({len(self.health)} dimensions)")
        if self.icebreakers:
            parts.append(f"icebreakers ({len(self.icebreakers)})")
        if self.checkin:
            parts.append("weekly check-in question")
        return parts


@dataclass
class Templates:
    """The store's templates: the ones read and checked, in file-name order, and the
    mistakes of the files refused (one per file)."""

    templates: list[Template] = field(default_factory=list)
    refused: list[TemplateError] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """One line per refused file, for an inline message."""
        return [str(error) for error in self.refused]

    def formats_for(self, team: str | None) -> list[RetroFormat]:
        """The formats of the templates for ``team`` or for everyone, in file order."""
        return [t.retro for t in self.templates if t.retro is not None and t.applies_to(team)]

    def health_for(self, team: str | None) -> tuple[str, ...]:
        """The health dimensions the team's template sets, else the one for everyone's
        (() when none does: the built-ins)."""
        return _most_specific(self.templates, team, lambda t: t.health) or ()

    def icebreakers_for(self, team: str | None) -> tuple[str, ...]:
        """The icebreaker pool of the team's template, else of the one for everyone."""
        return _most_specific(self.templates, team, lambda t: t.icebreakers) or ()

    def checkin_for(self, teams: Iterable[str]) -> str:
        """The weekly check-in question for a member of ``teams``: the first of those
        teams (by name) whose template sets one, else the one for everyone ("" when none
        does: the built-in)."""
        for team in sorted(teams, key=str.casefold):
            for template in self.templates:
                if template.team is not None and template.applies_to(team) and template.checkin:
                    return template.checkin
        return next((t.checkin for t in self.templates if t.team is None and t.checkin), "")

    def named(self, name: str) -> Template | None:
        """The template of file ``name`` (``retro-kudos``, ``retro-kudos.toml`` or its
        path) or of the format ``name``."""
        for template in self.templates:
            stem = template.file.rsplit("/", 1)[-1]
            if name in (template.file, stem, stem.removesuffix(".toml")):
                return template
        for template in self.templates:
            if template.retro is not None and template.retro.name == name:
                return template
        return None


def _most_specific(
    templates: Sequence[Template], team: str | None, part: Callable[[Template], tuple[str, ...]]
) -> tuple[str, ...]:
    """``part`` of the team's template that sets it, else of the one for everyone."""
    mine = [t for t in templates if t.team is not None and t.applies_to(team) and part(t)]
    everyone = [t for t in templates if t.team is None and part(t)]
    found = [*mine, *everyone]
    return part(found[0]) if found else ()


# -- reading the files --------------------------------------------------------------------


def read_templates(
    files: Iterable[tuple[str, bytes]], *, teams: Iterable[Mapping] | None = None
) -> Templates:
    """Every template of ``files`` (``(path, content)``, the path as a message names it:
    ``templates/retro-kudos.toml``), checked one by one in file-name order, then against
    the ones before (a format's name, a part a scope sets twice). ``teams`` are the
    store's team records: a template's ``team`` must be one of them (None: not checked).
    """
    known = list(teams) if teams is not None else None
    found = Templates()
    for path, data in sorted(files, key=lambda item: item[0]):
        try:
            template = parse_template(path, data, teams=known)
            _check_against(template, found.templates)
        except TemplateError as error:
            found.refused.append(error)
            continue
        found.templates.append(template)
    return found


def parse_template(
    file: str, data: bytes | str, *, teams: Iterable[Mapping] | None = None
) -> Template:
    """The template ``file`` holds, checked on its own.

    Raises:
        TemplateError: one line naming ``file``, the line or the key, and what is accepted.
    """
    try:
        # utf-8-sig: a byte-order mark some editors write is not a TOML mistake
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise TemplateError(file, "", "expected UTF-8 text (a TOML file)") from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(file, text, error) from None
    unknown = [key for key in table if key not in TOP_KEYS]
    if unknown:
        raise TemplateError(file, unknown[0], f"unknown key; expected {_listed(TOP_KEYS)}")
    if not any(part in table for part in PARTS):
        raise TemplateError(file, "", f"defines nothing; expected a table of {_listed(PARTS)}")
    known = list(teams) if teams is not None else None
    team = _team(file, table.get("team"), known) if "team" in table else None
    retro = _retro(file, table["retro"], team) if "retro" in table else None
    health: tuple[str, ...] = ()
    if "health" in table:
        health = _texts(
            file, "health", table["health"], "dimensions", MAX_DIMENSIONS, MAX_DIMENSION
        )
    icebreakers: tuple[str, ...] = ()
    if "icebreakers" in table:
        icebreakers = _texts(
            file, "icebreakers", table["icebreakers"], "questions", None, MAX_QUESTION
        )
    checkin = ""
    if "weekly" in table:
        weekly = _table(file, "weekly", table["weekly"], ("checkin",))
        checkin = _line(file, "weekly.checkin", _required(file, "weekly", weekly, "checkin"))
        checkin = _at_most(file, "weekly.checkin", checkin, MAX_QUESTION)
    return Template(file, team, retro, health, icebreakers, checkin)


def _syntax_error(file: str, text: str, error: tomllib.TOMLDecodeError) -> TemplateError:
    message = str(error)
    found = _LOCATION.search(message)
    problem = (message[: found.start()] if found else message).strip() or "invalid TOML"
    if found and found.group(1):
        where = f"line {found.group(1)}, column {found.group(2)}"
    else:
        where = f"line {max(text.count(chr(10)) + (0 if text.endswith(chr(10)) else 1), 1)}"
    problem = problem[0].lower() + problem[1:]
    return TemplateError(file, where, f"{problem} (expected TOML: key = value, [table] lines)")


def _team(file: str, value: object, teams: list[Mapping] | None) -> str:
    name = _line(file, "team", value)
    if teams is None:
        return name
    found = find_named(teams, name)
    if found is None:
        return _refuse(file, "team", f"no team named {name!r}; known teams: {known_names(teams)}")
    return str(found["name"])


def _retro(file: str, value: object, team: str | None) -> RetroFormat:
    retro = _table(file, "retro", value, ("name", "title", "categories"))
    name = _required(file, "retro", retro, "name")
    if not isinstance(name, str) or not is_format_name(name):
        _refuse(
            file,
            "retro.name",
            f"expected a name of lowercase letters, digits and dashes (at most "
            f"{FORMAT_NAME_MAX}: kudos, sailboat-2), got {_shown(name)}",
        )
    if name in RETRO_FORMATS:
        _refuse(file, "retro.name", f"{name!r} is a built-in format; expected a name of its own")
    title = _line(file, "retro.title", _required(file, "retro", retro, "title"))
    title = _at_most(file, "retro.title", title, MAX_FORMAT_TITLE)
    raw = _required(file, "retro", retro, "categories")
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        _refuse(
            file,
            "retro.categories",
            f"expected [[retro.categories]] tables (a title and a prompt each), got {_shown(raw)}",
        )
    if not 1 <= len(raw) <= MAX_CATEGORIES:
        _refuse(file, "retro.categories", f"expected 1 to {MAX_CATEGORIES}, got {len(raw)}")
    categories: list[FormatCategory] = []
    for number, item in enumerate(raw, start=1):
        key = f"retro.categories[{number}]"
        category = _category(file, key, item)
        if category.id in {c.id for c in categories}:
            _refuse(
                file,
                f"{key}.id",
                f"{category.id!r} is taken by another category; "
                "expected an id (or a title) of its own",
            )
        categories.append(category)
    return RetroFormat(name, title, tuple(categories), source=file, team=team)


def _category(file: str, key: str, item: dict) -> FormatCategory:
    table = _table(file, key, item, ("id", "title", "prompt"))
    title = _line(file, f"{key}.title", _required(file, key, table, "title"))
    title = _at_most(file, f"{key}.title", title, MAX_TITLE)
    prompt = ""
    if "prompt" in table:
        prompt = _at_most(
            file,
            f"{key}.prompt",
            _line(file, f"{key}.prompt", table["prompt"], blank=True),
            MAX_PROMPT,
        )
    if "id" in table:
        cid = table["id"]
        if not is_format_name(cid):
            _refuse(
                file,
                f"{key}.id",
                "expected lowercase letters, digits and dashes "
                f"(kudos, went-well), got {_shown(cid)}",
            )
    else:
        cid = slug(title)
        if not cid:
            _refuse(
                file,
                f"{key}.id",
                f"the title {title!r} makes no id; expected an id of "
                "lowercase letters, digits and dashes",
            )
    return FormatCategory(cid, title, prompt)


def _texts(
    file: str, part: str, value: object, key: str, most: int | None, longest: int
) -> tuple[str, ...]:
    table = _table(file, part, value, (key,))
    items = _required(file, part, table, key)
    where = f"{part}.{key}"
    if not isinstance(items, list) or not items:
        _refuse(file, where, f'expected a list of texts (["a", "b"]), got {_shown(items)}')
    if most is not None and len(items) > most:
        _refuse(file, where, f"expected at most {most}, got {len(items)}")
    seen: list[str] = []
    for number, item in enumerate(items, start=1):
        text = _at_most(
            file, f"{where}[{number}]", _line(file, f"{where}[{number}]", item), longest
        )
        if any(same_name(text, other) for other in seen):
            _refuse(file, f"{where}[{number}]", f"{text!r} is listed twice; expected each once")
        seen.append(text)
    return tuple(seen)


def _table(file: str, where: str, value: object, keys: Sequence[str]) -> dict:
    if not isinstance(value, dict):
        _refuse(
            file, where, f"expected a table ([{where}] with {_listed(keys)}), got {_shown(value)}"
        )
    for key in value:
        if key not in keys:
            _refuse(file, f"{where}.{key}", f"unknown key; expected {_listed(keys)}")
    return value


def _required(file: str, where: str, table: dict, key: str) -> object:
    if key not in table:
        _refuse(file, f"{where}.{key}", "missing; it is required")
    return table[key]


def _line(file: str, where: str, value: object, *, blank: bool = False) -> str:
    """``value`` as one line of text (spaces around it dropped)."""
    if not isinstance(value, str):
        _refuse(file, where, f"expected text, got {_shown(value)}")
    if "\n" in value or "\r" in value:
        _refuse(file, where, "expected one line of text, got several")
    text = " ".join(value.split())
    if not text and not blank:
        _refuse(file, where, "expected text, got nothing")
    return text


def _at_most(file: str, where: str, text: str, longest: int) -> str:
    if len(text) > longest:
        _refuse(file, where, f"expected at most {longest} characters, got {len(text)}")
    return text


def _refuse(file: str, where: str, problem: str) -> NoReturn:
    raise TemplateError(file, where, problem)


def _listed(keys: Sequence[str]) -> str:
    return ", ".join(keys[:-1]) + f" or {keys[-1]}" if len(keys) > 1 else keys[0]


def _shown(value: object) -> str:
    """A TOML value as a message shows it: ``3``, ``'x'``, ``true``, ``a table``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def slug(text: str) -> str:
    """``text`` as an id: ``"Went well!"`` -> ``went-well`` ("" when nothing is left)."""
    words = re.findall(r"[a-z0-9]+", text.casefold(), re.ASCII)
    return "-".join(words)[:FORMAT_NAME_MAX].strip("-")


def _check_against(template: Template, before: Sequence[Template]) -> None:
    """A format's name taken by an earlier file, or a part an earlier file of the same
    scope sets: a mistake of this file."""
    if template.retro is not None:
        for other in before:
            if other.retro is not None and other.retro.name == template.retro.name:
                _refuse(
                    template.file,
                    "retro.name",
                    f"{template.retro.name!r} is the format of {other.file} already; "
                    "expected a name of its own",
                )
    for key, part in (
        ("health.dimensions", lambda t: t.health),
        ("icebreakers.questions", lambda t: t.icebreakers),
        ("weekly.checkin", lambda t: t.checkin),
    ):
        if not part(template):
            continue
        for other in before:
            same_scope = (other.team is None and template.team is None) or (
                other.team is not None
                and template.team is not None
                and same_name(other.team, template.team)
            )
            if same_scope and part(other):
                _refuse(
                    template.file,
                    key,
                    f"{other.file} sets it already for {template.scope}; expected one "
                    "template per team (and one for everyone) to set it",
                )
