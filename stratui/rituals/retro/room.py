"""The retrospective as a room many people are in: what each may do in which phase,
what each may see, and who has taken part so far.

The facilitator leads the phases (the review's draft); every participant writes their
own records (:mod:`stratui.usecases.retro_room`): cards up to the end of the gather
phase, dots in the vote phase, health ratings in the health phase. What a person sees
of the board: their own cards, every revealed card, and of the others' hidden cards only
how many each person has written (anonymous ones counted together).

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from stratui.domain.people import same_name
from stratui.domain.schema import ValidationError
from stratui.domain.wording import counted
from stratui.rituals.retro import PHASES, Card, RetroDraft

CARDS_UNTIL = "gather"
"""The last phase in which cards are taken (from the setup on: ahead of time)."""

ANONYMOUS = "anonymous"
"""How a count of hidden cards names those written without an author."""


def phase_index(phase: str) -> int:
    """Where ``phase`` stands among :data:`~stratui.rituals.retro.PHASES`."""
    return PHASES.index(phase)


def check_open(review: Mapping) -> None:
    """Refuse anything written to a retrospective that is complete (or not one).

    Raises:
        ValidationError: on ``retro``, naming the team and week.
    """
    if review.get("ritual") != "retro":
        raise ValidationError("retro", f"review {review.get('id')} is not a retrospective")
    if review.get("status") != "draft":
        raise ValidationError(
            "retro",
            f"the retrospective of {review.get('team')} for {review.get('period')} has "
            "closed; nothing more is taken (start the next one with stratui retro card)",
        )


def check_cards_taken(draft: RetroDraft) -> None:
    """Cards are taken up to the end of the gather phase.

    Raises:
        ValidationError: on ``card``, saying which phase the retrospective is in.
    """
    if phase_index(draft.phase) > phase_index(CARDS_UNTIL):
        raise ValidationError(
            "card",
            f"the retrospective of {draft.team} is in the {draft.phase} phase: cards were "
            "taken until the gather phase ended",
        )


def check_phase(draft: RetroDraft, phase: str, what: str) -> None:
    """``what`` (votes, ratings) is given in ``phase`` only.

    Raises:
        ValidationError: on ``what``, naming the phase it is in.
    """
    if draft.phase != phase:
        raise ValidationError(
            what,
            f"{what} are given in the {phase} phase; the retrospective of {draft.team} is "
            f"in the {draft.phase} phase",
        )


def card_category(draft: RetroDraft, category: str | None) -> str:
    """The category a card goes in: ``category`` (an id, or a title of the format's, in
    any case), else the format's first.

    Raises:
        ValidationError: on ``category``, listing the format's categories.
    """
    ids = draft.category_ids
    if not ids:
        raise ValidationError("category", "the retrospective has no format yet")
    if category is None or not category.strip():
        return ids[0]
    wanted = category.strip().casefold()
    for cid in ids:
        if wanted in (cid.casefold(), draft.category_title(cid).casefold()):
            return cid
    raise ValidationError(
        "category", f"{draft.format_title} has {', '.join(ids)}; got {category.strip()!r}"
    )


@dataclass(frozen=True)
class View:
    """The board as one person may see it: ``cards`` they may read (their own and the
    revealed ones, in the order written) and ``hidden``, how many cards each other
    person has written that are not revealed yet (:data:`ANONYMOUS` for those without
    an author)."""

    cards: list[Card]
    hidden: dict[str, int]

    @property
    def hidden_count(self) -> int:
        return sum(self.hidden.values())


def view_for(draft: RetroDraft, me: str, mine: Collection[str] = ()) -> View:
    """What ``me`` may see of the board; ``mine`` are the ids of cards ``me`` wrote
    anonymously in this session (no record says so: only the writer's process knows)."""
    shown: list[Card] = []
    hidden: dict[str, int] = {}
    for card in draft.cards:
        own = card.id in mine or (card.author is not None and same_name(card.author, me))
        if own or card.revealed:
            shown.append(card)
        else:
            who = card.author or ANONYMOUS
            hidden[who] = hidden.get(who, 0) + 1
    return View(shown, hidden)


@dataclass(frozen=True)
class Attendance:
    """Who has taken part, for the facilitator: ``joined`` (a ballot each), ``writers``
    (people with a signed card), the cards and how many are anonymous, and the dots and
    ratings each person has given."""

    expected: list[str]
    joined: list[str]
    writers: list[str]
    cards: int
    anonymous: int
    dots: dict[str, int]
    raters: list[str]

    def line(self, phase: str) -> str:
        """One line for the facilitator: ``4 of 6 have written; 17 cards (3 anonymous)``
        in the gather phase, the voters in the vote phase, the raters in the health
        phase."""
        total = len(self.expected) or len(self.joined)
        if phase == "vote":
            given = sum(1 for name in self.dots if self.dots[name])
            return f"{given} of {total} have voted"
        if phase == "health":
            return f"{len(self.raters)} of {total} have rated"
        anonymous = f" ({self.anonymous} anonymous)" if self.anonymous else ""
        return (
            f"{len(self.writers)} of {total} have written; {counted(self.cards, 'card')}{anonymous}"
            f" · joined: {', '.join(self.joined) or 'no one yet'}"
        )


def attendance(draft: RetroDraft, joined: Iterable[str]) -> Attendance:
    """Who has taken part in ``draft`` so far (``joined``: the people with a ballot;
    the facilitator is there too)."""
    present = list(joined)
    if draft.facilitator and not any(same_name(draft.facilitator, p) for p in present):
        present.append(draft.facilitator)
    writers: list[str] = []
    for card in draft.cards:
        if card.author and not any(same_name(card.author, w) for w in writers):
            writers.append(card.author)
    return Attendance(
        expected=list(draft.participants),
        joined=sorted(present, key=str.casefold),
        writers=writers,
        cards=len(draft.cards),
        anonymous=sum(1 for card in draft.cards if not card.author),
        dots={voter: draft.votes_used(voter) for voter in draft.votes},
        raters=draft.raters(),
    )
