"""The rituals of PRODUCT.md as pure step logic: drafts, defaults, validation, plans.

Each ritual is a subpackage (``weekly``, ``team``, ``retro``, ``quarterly``) that holds
what a run of the ritual *means*: its steps, the draft a person fills in, the defaults,
the inline messages that stop a step, the records a completed run writes, its summary;
and its definition (``<ritual>/ritual.py``), the :class:`~stratui.rituals.base.Ritual`
the engine (:mod:`stratui.usecases.rituals`) runs. The TUI only shows and asks; neither
it nor the engine holds a rule of a ritual.

A ritual is registered in :data:`RITUALS` by name; :func:`ritual_named` imports its
definition only when asked, so a command that runs one ritual loads only that one.

Pure package: no Textual, no TinyDB, no store. Time is always a parameter.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stratui.rituals.base import Ritual

RITUALS: dict[str, str] = {
    "weekly": "stratui.rituals.weekly.ritual:WEEKLY",
    "team": "stratui.rituals.team.ritual:TEAM",
    "retro": "stratui.rituals.retro.ritual:RETRO",
    "quarterly": "stratui.rituals.quarterly.ritual:QUARTERLY",
}
"""Every ritual by the name review records store, with where its definition lives."""


def ritual_named(name: str) -> Ritual[Any, Any, Any]:
    """The definition of the ritual ``name`` (one of :data:`RITUALS`).

    Raises:
        KeyError: no ritual has that name.
    """
    module, _, attribute = RITUALS[name].partition(":")
    return getattr(importlib.import_module(module), attribute)
