"""Everyone in the retrospective: each participant writes their own records.

A team's retrospective is a draft review that its facilitator leads through the phases
(:mod:`stratui.usecases.rituals` saves the facilitator's draft). Everyone else, from
their own terminal, a shell or another clone, writes only records of their own, so ten
people writing at once never overwrite one another and two clones merge with no
conflict:

* a card (``retro_items``), from the setup up to the end of the gather phase, signed by
  me or anonymous (then no record names its author);
* their ballot (``retro_ballots``, one per person and retrospective, with the same id on
  every clone): the dots they spend in the vote phase, at most the retrospective's dots
  per person (checked in the transaction that writes them, so two windows of one person
  cannot overspend), and their health ratings in the health phase.

Each use case reads the retrospective as it is stored now, inside the transaction that
writes, so a card written while the facilitator completes the retrospective is refused
with a message, never dropped. Refusals are :class:`~stratui.domain.schema.ValidationError`
naming the field (exit 2 in the CLI, an inline message in the TUI); nothing is written.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass

from stratui.domain import records as rec
from stratui.domain.people import same_name
from stratui.domain.schema import ValidationError
from stratui.rituals.base import ReviewError
from stratui.rituals.retro import GROUP_KEY, RetroDraft, RetroRefused
from stratui.rituals.retro import room as rules
from stratui.rituals.retro.ritual import RETRO
from stratui.store.errors import UnknownId
from stratui.usecases import rituals
from stratui.usecases.workspace import Workspace


@dataclass
class Room:
    """A retrospective as it is stored now: its review record and its draft, with every
    participant's cards and ballots laid on the board."""

    review: dict
    draft: RetroDraft

    @property
    def phase(self) -> str:
        return self.draft.phase

    @property
    def joined(self) -> list[str]:
        """The people with a ballot: who has joined (in name order)."""
        return sorted(self.draft.joined, key=str.casefold)

    def view(self, me: str, mine: Collection[str] = ()) -> rules.View:
        """What ``me`` may see (see :func:`~stratui.rituals.retro.room.view_for`)."""
        return rules.view_for(self.draft, me, mine)

    def attendance(self) -> rules.Attendance:
        return rules.attendance(self.draft, self.joined)


# -- finding the room ------------------------------------------------------------------------


def open_review(ws: Workspace, team: str | None = None) -> dict | None:
    """The team's retrospective in progress (its newest draft of the recent weeks), or
    None. ``team``: the team named, else the only team, else me's only team.

    Raises:
        ValidationError: on ``team``, for a team that does not exist (listing them).
    """
    found = rituals.drafts(ws, RETRO, team=team)
    return found[0] if found else None


def add_card_ahead(
    ws: Workspace,
    text: str,
    *,
    team: str | None = None,
    category: str | None = None,
    anonymous: bool = False,
) -> tuple[dict, dict]:
    """Write a card in the team's retrospective in progress, else in its next one,
    started now (this week, the team's usual format, led by no one yet: the first to
    open it in the app leads it; the same id on every clone, see
    :meth:`~stratui.rituals.retro.ritual.Retrospective.draft_id`). Returns the review
    and the card. A card refused refuses before anything is started.

    Raises:
        ValidationError: as :func:`add_card`, or on ``team``.
    """
    ws.person_named(None, "me")  # who writes must be a person, anonymous or not
    review = open_review(ws, team)
    if review is None:
        scope = RETRO.scope(ws, team=team)
        period = RETRO.default_period(ws, scope)
        would_be = RETRO.new_draft(ws, scope, period, lead=False)
        rules.card_category(would_be, category)
        _card_text(text)
        review, _draft = rituals.start_or_resume(ws, RETRO, team=team, lead=False)
    card = add_card(ws, review["id"], text, category=category, anonymous=anonymous)
    return review, card


def room(ws: Workspace, review_id: str) -> Room:
    """The retrospective ``review_id`` as stored now.

    Raises:
        UnknownId: there is no such review.
    """
    review = ws.store.get("reviews", review_id)
    if review is None:
        raise UnknownId(f"no retrospective {review_id}")
    draft = RETRO.read_draft(review)
    RETRO.fill_defaults(draft, RETRO.read_context(ws, draft, review["id"]))
    return Room(review, draft)


def _open_room(ws: Workspace, review_id: str) -> Room:
    """:func:`room`, refused once the retrospective has closed."""
    current = room(ws, review_id)
    rules.check_open(current.review)
    return current


# -- what a participant writes ---------------------------------------------------------------


def add_card(
    ws: Workspace,
    review_id: str,
    text: str,
    *,
    category: str | None = None,
    anonymous: bool = False,
) -> dict:
    """Write a card in the retrospective, signed by me unless ``anonymous`` (then the
    record has no author at all); returns the stored card.

    Raises:
        ValidationError: on ``retro`` (closed), ``card`` (past the gather phase),
            ``category`` (not the format's: the message lists them) or ``text`` (empty).
    """
    with ws.store.transaction() as tx:
        current = _open_room(ws, review_id)
        draft = current.draft
        rules.check_cards_taken(draft)
        chosen = rules.card_category(draft, category)
        words = _card_text(text)
        me = ws.person_named(None, "me")  # who writes must be a person, anonymous or not
        author = None if anonymous else me
        fields = {
            "review_id": review_id,
            "category": chosen,
            "text": words,
            "author": author,
            "votes": 0,
        }
        return tx.insert("retro_items", rec.new_record("retro_items", fields, ws.clock.now()))


def remove_card(ws: Workspace, review_id: str, card_id: str, mine: Collection[str] = ()) -> dict:
    """Take back a card of mine (signed by me, or written anonymously in this session:
    ``mine``), or, as the facilitator, any card, while cards are taken; returns its
    tombstone.

    Raises:
        ValidationError: on ``card``: not mine, not in this retrospective, or too late.
    """
    with ws.store.transaction() as tx:
        _current, record = _card_of_mine(ws, review_id, card_id, mine)
        return tx.delete("retro_items", record["id"], ws.clock.now())


def edit_card(
    ws: Workspace, review_id: str, card_id: str, text: str, mine: Collection[str] = ()
) -> dict:
    """Change the text of a card of mine (or, as the facilitator, of any card) while
    cards are taken; returns the card.

    Raises:
        ValidationError: on ``card`` (as :func:`remove_card`) or ``text`` (empty).
    """
    with ws.store.transaction() as tx:
        _current, record = _card_of_mine(ws, review_id, card_id, mine)
        changes = {"text": _card_text(text)}
        return tx.put("retro_items", rec.updated("retro_items", record, changes, ws.clock.now()))


def _card_of_mine(
    ws: Workspace, review_id: str, card_id: str, mine: Collection[str]
) -> tuple[Room, dict]:
    """The open retrospective and its card ``card_id``, which I may change."""
    current = _open_room(ws, review_id)
    rules.check_cards_taken(current.draft)
    record = ws.store.get("retro_items", card_id)
    if record is None or record.get("review_id") != review_id:
        raise ValidationError("card", f"no card {card_id} in this retrospective")
    author = record.get("author")
    if not (
        card_id in mine
        or (author and same_name(str(author), ws.me))
        or facilitated_by_me(ws, current.review)
    ):
        raise ValidationError("card", "only its author (or the facilitator) changes a card")
    return current, record


def join(ws: Workspace, review_id: str) -> dict:
    """Say I am here: my ballot, made empty if I have none yet; returns it."""
    with ws.store.transaction() as tx:
        current = _open_room(ws, review_id)
        return tx.put("retro_ballots", _ballot(ws, current, changes={}))


def vote(ws: Workspace, review_id: str, target: str, *, take_back: bool = False) -> int:
    """Put one of my dots on a card (an id or a unique prefix of one I may see) or on a
    group (``group:LABEL``), or take one back; returns the dots I have left.

    Raises:
        ValidationError: on ``votes`` (not the vote phase; no dots left; none to take
            back) or ``card`` (no such card, or hidden).
    """
    with ws.store.transaction() as tx:
        current = _open_room(ws, review_id)
        draft = current.draft
        rules.check_phase(draft, "vote", "votes")
        me = ws.person_named(None, "voter")
        key = _target(current, target, me)
        if me not in draft.participants:
            draft.participants.append(me)  # whoever comes votes: the room is open
        try:
            left = draft.retract_vote(me, key) if take_back else draft.cast_vote(me, key)
        except RetroRefused as error:
            field, _, message = str(error).partition(": ")
            raise ValidationError(field, message) from None
        tx.put("retro_ballots", _ballot(ws, current, changes={"dots": draft.votes.get(me, {})}))
        return left


def rate(ws: Workspace, review_id: str, dimension: str, score: int | None) -> dict:
    """Rate a health dimension 1-5 for myself (None takes my rating back); returns my
    ballot.

    Raises:
        ValidationError: on ``ratings`` (not the health phase), ``dimension`` (not one
            of the retrospective's: the message lists them) or ``score`` (not 1-5).
    """
    with ws.store.transaction() as tx:
        current = _open_room(ws, review_id)
        draft = current.draft
        rules.check_phase(draft, "health", "ratings")
        known = list(draft.health)
        found = next((d for d in known if same_name(d, dimension)), None)
        if found is None:
            raise ValidationError(
                "dimension", f"expected one of {', '.join(known)}, got {dimension!r}"
            )
        if score is not None and (
            not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5
        ):
            raise ValidationError("score", f"expected 1-5, got {score!r}")
        ratings = dict(draft.ratings.get(ws.person_named(None, "person"), {}))
        if score is None:
            ratings.pop(found, None)
        else:
            ratings[found] = score
        return tx.put("retro_ballots", _ballot(ws, current, changes={"ratings": ratings or None}))


def take_over(ws: Workspace, review_id: str, *, if_unled: bool = False) -> dict:
    """Lead the retrospective from now on (the previous facilitator's screen is told and
    follows as a participant); returns the review. ``if_unled``: only if no one leads
    it (two people opening an unled retrospective at once: the first leads it, and the
    review returned names who does).

    Raises:
        ValidationError: on ``retro`` once it has closed.
    """
    with ws.store.transaction() as tx:
        current = _open_room(ws, review_id)
        if if_unled and current.review.get("facilitator"):
            return current.review
        me = ws.person_named(None, "facilitator")
        answers = dict(current.review.get("answers") or {})
        answers["facilitator"] = me
        changes = {"facilitator": me, "answers": answers}
        return tx.put("reviews", rec.updated("reviews", current.review, changes, ws.clock.now()))


def stamp_of(ws: Workspace, review_id: str) -> tuple[str, ...]:
    """What changes whenever anyone writes to the retrospective: the review, its cards
    and its ballots as stored, each as its JSON text (stamps are whole seconds: two
    writes within one would look alike). Cheap: the store reads a file again only when
    it changed. A screen that follows the room compares it."""
    review = ws.store.get("reviews", review_id)
    if review is None:
        return ()
    shard = [str(review["period"])]
    records = [review]
    for collection in ("retro_items", "retro_ballots"):
        records += ws.store.find(collection, periods=shard, review_id=review_id)
    return tuple(sorted(json.dumps(record, sort_keys=True, default=str) for record in records))


def my_name(ws: Workspace) -> str:
    """Me as the store spells my name (``Ben`` for a login ``ben``): what my ballot and
    my signed cards say, so what a screen looks my dots and cards up by."""
    try:
        return ws.person_named(None, "person")
    except ValidationError:
        return ws.me  # not a person (yet): nothing of mine to find


def facilitated_by_me(ws: Workspace, review: dict) -> bool:
    """True when I lead ``review``."""
    return same_name(str(review.get("facilitator") or ""), ws.me)


# -- helpers --------------------------------------------------------------------------------


def _card_text(text: object) -> str:
    """A card's text on one line; refused when empty."""
    words = " ".join(text.split()) if isinstance(text, str) else ""
    if not words:
        raise ValidationError("text", "write something on the card")
    return words


def _ballot(ws: Workspace, current: Room, *, changes: dict) -> dict:
    """My ballot in ``current`` with ``changes``: the stored one, else a new one whose id
    every clone computes alike (one ballot per person, whatever syncs after)."""
    me = ws.person_named(None, "person")
    review_id = str(current.review["id"])
    shard = [str(current.review["period"])]
    mine = [  # found by person: a rename keeps the ballot's id, not its name's
        b
        for b in ws.store.find("retro_ballots", periods=shard, review_id=review_id)
        if same_name(str(b["person"]), me)
    ]
    rid = mine[0]["id"] if mine else rec.stable_id("ballot", review_id, me.casefold())
    now = ws.clock.now()
    stored = ws.store.get("retro_ballots", rid, deleted=True)
    if stored is None:
        fields = {"review_id": review_id, "person": me, "dots": {}, **changes}
        return {**rec.new_record("retro_ballots", fields, now), "id": rid}
    if stored.get("deleted"):
        stored = {key: value for key, value in stored.items() if key != "deleted"}
    return rec.updated("retro_ballots", stored, changes, now)


def _target(current: Room, target: str, me: str) -> str:
    """The vote key ``target`` names: ``group:LABEL``, or a card I may see by id or a
    unique prefix of its id."""
    if target.startswith(GROUP_KEY):
        return target
    seen = current.view(me).cards
    matches = [card.id for card in seen if card.id.startswith(target.strip())]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        hidden = any(card.id.startswith(target.strip()) for card in current.draft.cards)
        why = "it is hidden until the facilitator reveals it" if hidden else "no such card"
        raise ValidationError("card", f"{target!r}: {why}")
    raise ValidationError("card", f"{target!r} starts {len(matches)} cards' ids; type more of it")


__all__ = [
    "ReviewError",
    "Room",
    "add_card",
    "add_card_ahead",
    "edit_card",
    "facilitated_by_me",
    "join",
    "my_name",
    "open_review",
    "rate",
    "remove_card",
    "room",
    "stamp_of",
    "take_over",
    "vote",
]
