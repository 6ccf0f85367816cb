"""The retrospective (PRODUCT.md, Rituals 3) as pure logic: its draft, phases and rules.

A team runs it on one terminal with a facilitator at the keyboard:

1. ``setup``: the format (:mod:`~stratui.rituals.retro.formats`), who takes part, and how
   many dot-votes each participant has;
2. ``follow-up``: every action of the team's previous retrospective (commitments with
   source ``retro`` linked to that review) gets a disposition: done, dropped or carried
   (carried over into a new commitment, linked to this retrospective). The retro cannot
   finish until each has one;
3. ``gather``: cards per category, each with an optional author (anonymous cards are
   stored without one), hidden until revealed so that people write without reading
   each other;
4. ``group``: similar cards grouped under a label (``suggest_groups`` proposes some);
5. ``vote``: dot-voting, at most ``votes_per_person`` dots per participant (enforced);
6. ``discuss``: topics (a group counts as one) in vote order, and actions with an owner
   and a due date, which become commitments with source ``retro``;
7. ``health``: an optional health check, dimensions rated 1-5, compared with the previous
   retrospective's (:func:`~stratui.rituals.retro.history.compare_health`);
8. ``summary``.

A run is a :class:`RetroDraft`, plain data that round-trips through JSON
(:meth:`RetroDraft.to_answers`), so the store keeps it in the review record's
``answers`` at every phase and quitting loses nothing. The edits a screen makes
(``add_card``, ``cast_vote``, :meth:`~RetroDraft.dispose`, ...) enforce the rules at
once and raise :class:`RetroRefused` naming the field; :func:`validate_phase` gives the
inline messages that keep a phase from being left.

This is the public module: import the ritual from here. The logic lives, one seam a
module, in :mod:`~stratui.rituals.retro.draft` (the draft and its context),
:mod:`~stratui.rituals.retro.phases` (phases and fixed choices),
:mod:`~stratui.rituals.retro.board` (cards, groups, votes, topics),
:mod:`~stratui.rituals.retro.validation` (the inline messages),
:mod:`~stratui.rituals.retro.completion` (the records a finished retro writes),
:mod:`~stratui.rituals.retro.history` (health against the previous retro, cadence, the
age of open actions) and :mod:`~stratui.rituals.retro.summary` (the Markdown summary).

The names are loaded when first used (PEP 562): a module of the package that needs
none of them, such as :mod:`~stratui.rituals.retro.status` (what ``stratui due`` reads),
costs no more than itself.

Pure module: no Textual, no TinyDB, no store. "today" is a parameter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stratui.rituals.retro.draft import (
        ANSWERS_VERSION,
        DEFAULT_VOTES,
        DISPOSITIONS,
        GROUP_KEY,
        MAX_VOTES,
        PHASE_TITLES,
        PHASES,
        RITUAL_TITLE,
        Card,
        DraftInvalid,
        FollowUp,
        NewAction,
        RetroContext,
        RetroDraft,
        RetroRefused,
        Topic,
        countdown,
        rank_topics,
        similar,
        validate,
        validate_phase,
    )

__all__ = [
    "ANSWERS_VERSION",
    "DEFAULT_VOTES",
    "DISPOSITIONS",
    "GROUP_KEY",
    "MAX_VOTES",
    "PHASES",
    "PHASE_TITLES",
    "RITUAL_TITLE",
    "Card",
    "DraftInvalid",
    "FollowUp",
    "NewAction",
    "RetroContext",
    "RetroDraft",
    "RetroRefused",
    "Topic",
    "countdown",
    "rank_topics",
    "similar",
    "validate",
    "validate_phase",
]


def __getattr__(name: str) -> object:
    """A public name, loaded from :mod:`~stratui.rituals.retro.draft` on first use."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from stratui.rituals.retro import draft

    value = getattr(draft, name)
    globals()[name] = value
    return value
