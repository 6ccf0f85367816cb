"""Renaming a person or a team inside the rituals' drafts (a review's ``answers``).

A review keeps its draft in ``answers`` (drafts and completed reviews alike), and a draft
names people and teams in places of its own: the weekly review's owner, the team
review's members and roadblock owners, the retrospective's participants, card authors,
voters and action owners. A rename must reach them too, or a resumed draft would bring
the old name back. The places are listed per ritual as paths into the JSON, so a rename
touches exactly those values and never, say, a card whose text happens to be a name.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

EACH = "*"
"""A path step meaning every item of a list, or every value of an object."""

KEYS = "<keys>"
"""A last path step meaning the keys of an object (the retro's voters)."""

PERSON_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "weekly": (("owner",),),
    "team": (
        ("facilitator",),
        ("participants", EACH),
        ("members", EACH, "name"),
        ("members", EACH, "roadblocks", EACH, "owner"),
    ),
    "retro": (
        ("facilitator",),
        ("participants", EACH),
        ("follow_ups", EACH, "owner"),
        ("cards", EACH, "author"),
        ("votes", KEYS),
        ("actions", EACH, "owner"),
    ),
    "quarterly": (
        ("owner",),
        ("facilitator",),
        ("participants", EACH),
        ("new_goals", EACH, "owner"),
    ),
}
"""Where each ritual's draft names a person."""

TEAM_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "team": (("team",),),
    "retro": (("team",),),
    "quarterly": (("team",), ("new_goals", EACH, "team")),
}
"""Where each ritual's draft names a team."""


def rename_person_in_answers(answers: Mapping, old: str, new: str) -> dict | None:
    """``answers`` with person ``old`` renamed ``new``; None when nothing changed."""
    return _rename(answers, PERSON_PATHS, old, new)


def rename_team_in_answers(answers: Mapping, old: str, new: str) -> dict | None:
    """``answers`` with team ``old`` renamed ``new``; None when nothing changed."""
    return _rename(answers, TEAM_PATHS, old, new)


def _rename(
    answers: Mapping, paths: Mapping[str, tuple[tuple[str, ...], ...]], old: str, new: str
) -> dict | None:
    if not isinstance(answers, Mapping):
        return None
    result = copy.deepcopy(dict(answers))
    changed = False
    for path in paths.get(str(result.get("ritual")), ()):
        changed |= _replace(result, path, old, new)
    return result if changed else None


def _replace(node: object, path: tuple[str, ...], old: str, new: str) -> bool:
    """Replace ``old`` by ``new`` at ``path`` under ``node`` (in place); True if it did."""
    step, rest = path[0], path[1:]
    if step == KEYS:
        if not isinstance(node, dict) or old not in node or new in node:
            return False
        items = [(new if key == old else key, value) for key, value in node.items()]
        node.clear()
        node.update(items)
        return True
    if step == EACH:
        if isinstance(node, list):
            slots: list[tuple[Any, Any]] = list(enumerate(node))
        elif isinstance(node, dict):
            slots = list(node.items())
        else:
            return False
    elif isinstance(node, dict) and step in node:
        slots = [(step, node[step])]
    else:
        return False
    changed = False
    for slot, value in slots:
        if rest:
            changed |= _replace(value, rest, old, new)
        elif value == old:
            node[slot] = new
            changed = True
    return changed
