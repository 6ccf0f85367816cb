"""People and teams: what a valid name is, who is who, and what a rename must change.

People and teams are referred to by ``name`` everywhere (EXPORT-FORMAT.md), so a name is
both a label and a key. This module holds the rules the people and team use cases share:

* a name is non-empty text on one line, without commas (lists of names are written
  ``a,b`` on the command line), at most :data:`NAME_MAX` characters;
* two names are the same name when they differ only in case or surrounding spaces, so
  ``Ana`` cannot be added beside ``ana``; a lookup tries the exact name first;
* renaming changes every field that names the person or team, in every collection:
  :data:`PERSON_REFERENCES` and :data:`TEAM_REFERENCES` list them, and a unit test holds
  them against the schema so a field added later is not forgotten.

Every refusal is a :class:`~stratui.domain.schema.ValidationError` whose ``field`` names
the input and whose message says what is accepted.

Pure module: no Textual, no TinyDB, no store. "now" is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from stratui.domain import records as rec
from stratui.domain.schema import ValidationError

NAME_MAX = 60
"""The longest name accepted, in characters (a name shows in narrow columns)."""

SHOWN_NAMES = 12
"""How many known names an "unknown name" message lists before it says "and N more"."""

# collection -> (fields holding one name, fields holding a list of names)
PERSON_REFERENCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "people": (("name",), ()),
    "teams": ((), ("members",)),
    "goals": (("owner",), ()),
    "commitments": (("owner",), ()),
    "roadblocks": (("owner",), ()),
    "reviews": (("owner", "facilitator"), ("participants",)),
    "retro_items": (("author",), ()),
    "retro_ballots": (("person",), ()),
}
"""Every field of every collection that names a person (what a person rename changes)."""

TEAM_REFERENCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "teams": (("name",), ()),
    "people": ((), ("teams",)),
    "goals": (("team",), ()),
    "reviews": (("team",), ()),
}
"""Every field of every collection that names a team (what a team rename changes)."""

AnswersRenamer = Callable[[Mapping], Mapping | None]
"""Renames inside a review's ``answers``; returns the new answers, or None if unchanged."""


def check_name(text: object, field: str = "name") -> str:
    """``text`` as a stored name (surrounding spaces dropped), or ValidationError.

    Accepted: non-empty text on one line, without commas, at most :data:`NAME_MAX`
    characters.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(field, "expected a non-empty name")
    name = text.strip()
    if "," in name:
        raise ValidationError(
            field, f"expected a name without commas (commas separate names), got {text!r}"
        )
    if any(not char.isprintable() for char in name):
        raise ValidationError(field, f"expected a name on one line, got {text!r}")
    if len(name) > NAME_MAX:
        raise ValidationError(field, f"expected at most {NAME_MAX} characters, got {len(name)}")
    return name


def parse_names(text: object, field: str = "members") -> list[str]:
    """``"ana, ben"`` (or a list of names) -> ``["ana", "ben"]``, each checked, no repeats.

    Raises ValidationError for an empty list or an empty or invalid name in it.
    """
    if isinstance(text, str):
        pieces: list[object] = list(text.split(","))
    elif isinstance(text, Iterable):
        pieces = list(text)
    else:
        pieces = []
    if not pieces or all(isinstance(p, str) and not p.strip() for p in pieces):
        raise ValidationError(field, "expected one or more names separated by commas")
    names: list[str] = []
    for piece in pieces:
        if isinstance(piece, str) and not piece.strip():
            raise ValidationError(field, f"expected names separated by single commas, got {text!r}")
        name = check_name(piece, field)
        if not any(same_name(name, seen) for seen in names):
            names.append(name)
    return names


def same_name(a: object, b: object) -> bool:
    """True when ``a`` and ``b`` are the same name up to case and surrounding spaces."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    return a.strip().casefold() == b.strip().casefold()


def find_named(records: Iterable[Mapping], name: str) -> Mapping | None:
    """The live record whose ``name`` is ``name``: the exact name first, else the one
    record equal up to case (None when there is none, or several)."""
    live = [record for record in records if rec.is_live(record)]
    wanted = name.strip() if isinstance(name, str) else name
    for record in live:
        if record.get("name") == wanted:
            return record
    matches = [record for record in live if same_name(record.get("name"), wanted)]
    return matches[0] if len(matches) == 1 else None


def known_names(records: Iterable[Mapping]) -> str:
    """The names of ``records`` for a message: ``ana, ben, chioma`` (or ``none yet``)."""
    names = sorted((str(r.get("name")) for r in records if rec.is_live(r)), key=str.casefold)
    if not names:
        return "none yet"
    shown = ", ".join(names[:SHOWN_NAMES])
    more = len(names) - SHOWN_NAMES
    return f"{shown} and {more} more" if more > 0 else shown


def require_named(records: Iterable[Mapping], name: str, field: str, kind: str) -> Mapping:
    """The record named ``name`` (see :func:`find_named`), or ValidationError naming the
    known ones. ``kind`` is ``"person"`` or ``"team"``."""
    records = list(records)
    found = find_named(records, name)
    if found is None:
        plural = "people" if kind == "person" else "teams"
        raise ValidationError(
            field, f"no {kind} named {name.strip()!r}; known {plural}: {known_names(records)}"
        )
    return found


def choose_team(teams: Iterable[Mapping], name: str | None, me: str) -> Mapping:
    """The team a team ritual is for: ``name``, else the only team, else ``me``'s only
    team.

    Raises ValidationError (field ``team``) when ``name`` is unknown, when there is no
    team, or when it cannot tell which team is meant (the message lists them).
    """
    teams = sorted(
        (t for t in teams if rec.is_live(t)), key=lambda t: (str(t["name"]).casefold(), t["name"])
    )
    if name is not None:
        return require_named(teams, name, "team", "team")
    if len(teams) == 1:
        return teams[0]
    if not teams:
        raise ValidationError("team", "no team yet; add one first (a name and its members)")
    mine = [t for t in teams if any(same_name(m, me) for m in t.get("members", ()))]
    if len(mine) == 1:
        return mine[0]
    which = "you are in none of them" if not mine else "you are in several"
    raise ValidationError("team", f"choose a team ({which}); teams: {known_names(mine or teams)}")


def refuse_taken(
    records: Iterable[Mapping], name: str, field: str, kind: str, *, but: str | None = None
) -> None:
    """ValidationError when a live record other than the one with id ``but`` has ``name``."""
    for record in records:
        if record.get("id") == but:
            continue
        if rec.is_live(record) and same_name(record.get("name"), name):
            raise ValidationError(
                field,
                f"a {kind} named {record['name']!r} already exists; expected a new name",
            )


def with_name(names: Iterable[str], name: str) -> list[str]:
    """``names`` with ``name`` appended unless it is there already (in any case)."""
    names = list(names)
    return names if any(same_name(n, name) for n in names) else [*names, name]


def without_name(names: Iterable[str], name: str) -> list[str]:
    """``names`` without ``name`` (in any case)."""
    return [n for n in names if not same_name(n, name)]


def renamed_records(
    collections: Mapping[str, Iterable[Mapping]],
    old: str,
    new: str,
    references: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
    now: dt.datetime,
    answers: AnswersRenamer | None = None,
) -> dict[str, list[dict]]:
    """Every live record that names ``old`` in a field of ``references``, renamed to ``new``.

    Returns the changed records by collection (as ``Transaction.put_many`` takes them),
    each validated and stamped ``now``. A name is matched exactly (the stored name); in a
    list the new name replaces the old one in place, and appears once. ``answers``, when
    given, renames inside each review's ``answers`` too (the rituals' drafts). Tombstones
    are left as they are.
    """
    changed: dict[str, list[dict]] = {}
    for collection, (single, lists) in references.items():
        for record in collections.get(collection, ()):
            if not rec.is_live(record):
                continue
            changes: dict[str, object] = {}
            for field in single:
                if record.get(field) == old:
                    changes[field] = new
            for field in lists:
                value = record.get(field)
                if isinstance(value, list) and old in value:
                    renamed: list[str] = []
                    for item in value:
                        item = new if item == old else item
                        if item not in renamed:
                            renamed.append(item)
                    changes[field] = renamed
            if answers is not None and collection == "reviews":
                renamed_answers = answers(record.get("answers") or {})
                if renamed_answers is not None:
                    changes["answers"] = renamed_answers
            if changes:
                changed.setdefault(collection, []).append(
                    rec.updated(collection, record, changes, now)
                )
    return changed
