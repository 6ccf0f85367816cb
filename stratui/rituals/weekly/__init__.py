"""The personal weekly review (PRODUCT.md, Rituals 1) as pure logic.

A run of the ritual is a :class:`WeeklyDraft`: what the person has answered so far, step
by step (check in, look back, roadblocks, goals, adjust, commit, summary). The draft is
plain data that round-trips through JSON (:meth:`WeeklyDraft.to_answers`), so the store
keeps it in the review record's ``answers`` field and a crash at any step loses nothing.

The draft holds what the person typed: numeric answers (pulse, progress, confidence,
metric values) may be numbers or their text (``"40"``, ``"40%"``), so an input widget can
hand its value over untouched. :func:`validate_step` turns mistakes into inline messages
that name the field; :func:`plan_completion` converts and builds every record a completed
review writes, each validated by the schema, without touching any store.

Figures come from decisions: each open commitment starts undecided and gets an outcome
only when the person chooses one (one key each); completing a review with commitments
still undecided needs the person's answer (leave them open, or mark them missed). A
goal's check-in is written only for a confidence or value the person gives. Carrying
over is one toggle, and roadblocks start as still blocking (which writes nothing).

This is the public module: import the ritual from here. The logic lives, one seam a
module, in :mod:`~stratui.rituals.weekly.steps` (the steps and their choices),
:mod:`~stratui.rituals.weekly.periods` (which week, and when it is due),
:mod:`~stratui.rituals.weekly.draft` (the draft and its parts),
:mod:`~stratui.rituals.typed` (reading typed numbers and dates),
:mod:`~stratui.rituals.weekly.validation` (the inline messages),
:mod:`~stratui.rituals.weekly.capacity` (the commit step's hint) and
:mod:`~stratui.rituals.weekly.completion` (the records a completed review writes).

The names are loaded from their modules when first used (PEP 562): a module of the
package that needs none of them, such as :mod:`~stratui.rituals.weekly.periods` (what
``stratui due`` reads), costs no more than itself.

Pure module: no Textual, no TinyDB, no store. "now" and "today" are parameters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The schema's choices the steps offer, re-exported because this module always
    # exposed them.
    from stratui.domain.schema import (
        ADJUSTMENT_KINDS,
        REVIEWED_STATUSES,
        ROADBLOCK_KINDS,
        SEVERITIES,
    )
    from stratui.rituals.weekly.capacity import (
        HINT_WEEKS,
        CapacityHint,
        WeekLoad,
        capacity_hint,
        commit_hint,
    )
    from stratui.rituals.weekly.completion import Completion, plan_completion
    from stratui.rituals.weekly.draft import (
        ANSWERS_VERSION,
        GoalReading,
        NewAdjustment,
        NewCommitment,
        NewRoadblock,
        Outcome,
        ReviewContext,
        RoadblockDecision,
        WeeklyDraft,
    )
    from stratui.rituals.weekly.periods import (
        DUE_WEEKDAY,
        DueReview,
        default_period,
        due_from,
        is_due,
    )
    from stratui.rituals.weekly.steps import (
        RITUAL_TITLE,
        ROADBLOCK_DECISIONS,
        STEP_TITLES,
        STEPS,
        UNDECIDED,
        UNDECIDED_CHOICES,
    )
    from stratui.rituals.weekly.validation import DraftInvalid, Undecided, validate, validate_step

_HOMES = {
    "ADJUSTMENT_KINDS": "stratui.domain.schema",
    "ANSWERS_VERSION": "stratui.rituals.weekly.draft",
    "DUE_WEEKDAY": "stratui.rituals.weekly.periods",
    "HINT_WEEKS": "stratui.rituals.weekly.capacity",
    "REVIEWED_STATUSES": "stratui.domain.schema",
    "RITUAL_TITLE": "stratui.rituals.weekly.steps",
    "ROADBLOCK_DECISIONS": "stratui.rituals.weekly.steps",
    "ROADBLOCK_KINDS": "stratui.domain.schema",
    "SEVERITIES": "stratui.domain.schema",
    "STEPS": "stratui.rituals.weekly.steps",
    "STEP_TITLES": "stratui.rituals.weekly.steps",
    "UNDECIDED": "stratui.rituals.weekly.steps",
    "UNDECIDED_CHOICES": "stratui.rituals.weekly.steps",
    "CapacityHint": "stratui.rituals.weekly.capacity",
    "Completion": "stratui.rituals.weekly.completion",
    "DraftInvalid": "stratui.rituals.weekly.validation",
    "DueReview": "stratui.rituals.weekly.periods",
    "GoalReading": "stratui.rituals.weekly.draft",
    "NewAdjustment": "stratui.rituals.weekly.draft",
    "NewCommitment": "stratui.rituals.weekly.draft",
    "NewRoadblock": "stratui.rituals.weekly.draft",
    "Outcome": "stratui.rituals.weekly.draft",
    "ReviewContext": "stratui.rituals.weekly.draft",
    "RoadblockDecision": "stratui.rituals.weekly.draft",
    "Undecided": "stratui.rituals.weekly.validation",
    "WeekLoad": "stratui.rituals.weekly.capacity",
    "WeeklyDraft": "stratui.rituals.weekly.draft",
    "capacity_hint": "stratui.rituals.weekly.capacity",
    "commit_hint": "stratui.rituals.weekly.capacity",
    "default_period": "stratui.rituals.weekly.periods",
    "due_from": "stratui.rituals.weekly.periods",
    "is_due": "stratui.rituals.weekly.periods",
    "plan_completion": "stratui.rituals.weekly.completion",
    "validate": "stratui.rituals.weekly.validation",
    "validate_step": "stratui.rituals.weekly.validation",
}
"""Each public name and the module it lives in."""

__all__ = [
    "ADJUSTMENT_KINDS",
    "ANSWERS_VERSION",
    "DUE_WEEKDAY",
    "HINT_WEEKS",
    "REVIEWED_STATUSES",
    "RITUAL_TITLE",
    "ROADBLOCK_DECISIONS",
    "ROADBLOCK_KINDS",
    "SEVERITIES",
    "STEPS",
    "STEP_TITLES",
    "UNDECIDED",
    "UNDECIDED_CHOICES",
    "CapacityHint",
    "Completion",
    "DraftInvalid",
    "DueReview",
    "GoalReading",
    "NewAdjustment",
    "NewCommitment",
    "NewRoadblock",
    "Outcome",
    "ReviewContext",
    "RoadblockDecision",
    "Undecided",
    "WeekLoad",
    "WeeklyDraft",
    "capacity_hint",
    "commit_hint",
    "default_period",
    "due_from",
    "is_due",
    "plan_completion",
    "validate",
    "validate_step",
]


def __getattr__(name: str) -> object:
    """A public name, loaded from its module (:data:`_HOMES`) on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
