"""Finishing a retrospective: every record it writes, built and validated, none written.

:func:`plan_retro_completion` builds, without touching any store, what the retro
service then writes in one transaction:

* the follow-up: each action of the previous retrospective per its disposition: *done*
  closes it done (if it was not); *dropped* closes it dropped (if still open); *carried*
  closes it (missed, or partial when it has progress) and carries it over into a new
  commitment of the week after the retro (``carried_from`` the action, source
  ``retro``, ``review_id`` this retrospective, so the next retro follows it up);
* the cards, as ``retro_items``: each card its author wrote gets the votes put on the
  card itself and its group (a card of a first-version draft, which kept its cards in
  its answers, is written whole: id, category, text, author unless anonymous);
* the ballots, deleted: the cards keep the totals, and who voted for what stays in
  the room (the tombstones keep nothing a merge does not need: see ``writes``);
* the actions, as commitments with source ``retro`` linked to the review, in the week of
  their due date (else the week after the retro);
* the review, complete (ritual ``retro``, team, facilitator, participants, format,
  health), with its final answers: the per-person dots are left out (the cards keep the
  totals), a group's own dots are kept as ``group_votes`` (by label: they are no card's),
  and ``written`` lists what it made, for the summary.

Pure module: no Textual, no TinyDB, no store. "now" and "today" are parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from stratui.domain import records as rec
from stratui.domain.people import find_named
from stratui.domain.weeks import monday, next_week, week_of
from stratui.rituals.retro import PHASES, RetroContext, RetroDraft
from stratui.rituals.retro.validation import context_problems, validate
from stratui.rituals.typed import read_date, read_whole
from stratui.rituals.weekly.validation import DraftInvalid


@dataclass
class RetroCompletion:
    """Every record a finished retrospective writes, already validated.

    ``followed_up`` holds the previous retro's actions as they are after the follow-up
    (for the summary); ``changed`` only those whose record changed.
    """

    review: dict
    items: list[dict] = field(default_factory=list)
    followed_up: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    carried: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    ballots: list[dict] = field(default_factory=list)

    def writes(self) -> dict[str, list[dict]]:
        """The records by collection, as ``Transaction.put_many`` takes them."""
        return {
            "commitments": [*self.changed, *self.carried, *self.actions],
            "reviews": [self.review],
            "retro_items": list(self.items),
            "retro_ballots": list(self.ballots),
        }


def plan_retro_completion(
    draft: RetroDraft,
    context: RetroContext,
    *,
    review: Mapping,
    now: dt.datetime,
    today: dt.date,
) -> RetroCompletion:
    """The records to write when ``draft`` finishes ``review``; nothing is written here.

    ``context`` is what the store holds now: its ``previous_actions`` are followed up
    as they are (an action closed meanwhile keeps its outcome unless the disposition
    changes it), and one in ``carried_before`` is not carried a second time. Raises
    :class:`~stratui.rituals.weekly.validation.DraftInvalid` when a phase is invalid, in
    particular while a previous action has no disposition.
    """
    problems = validate(draft, today=today) + context_problems(draft, context)
    if problems:
        raise DraftInvalid(problems)
    review_id = str(review["id"])
    following = next_week(draft.period)
    plan = RetroCompletion(review={})
    for record in context.previous_actions:
        item = draft.follow_ups.get(record["id"])
        if item is None or not rec.is_live(record):
            continue
        after = _followed_up(record, item.disposition, item.note.strip(), now, today)
        if after is not record:
            plan.changed.append(dict(after))
        plan.followed_up.append(dict(after))
        if item.disposition == "carried" and record["id"] not in context.carried_before:
            carried = rec.carry_over(after, now, week=following)  # keeps source "retro"
            plan.carried.append(rec.updated("commitments", carried, {"review_id": review_id}, now))
    totals = draft.card_votes()
    written = {str(record["id"]): record for record in context.cards if rec.is_live(record)}
    for card in draft.cards:
        outcome = {"votes": totals[card.id], "group": card.group.strip() if card.group else None}
        if card.id in written:
            plan.items.append(rec.updated("retro_items", written[card.id], outcome, now))
            continue
        fields_ = {
            "review_id": review_id,
            "category": card.category,
            "text": card.text.strip(),
            "author": card.author or None,
            **outcome,
        }
        plan.items.append({**rec.new_record("retro_items", fields_, now), "id": card.id})
    plan.ballots = [
        _emptied_ballot(ballot, now) for ballot in context.ballots if rec.is_live(ballot)
    ]
    for action in draft.actions:
        due = read_date(action.due, today)
        owner = find_named(context.people, action.owner) or {"name": action.owner.strip()}
        plan.actions.append(
            rec.new_commitment(
                title=action.title,
                owner=str(owner["name"]),
                week=action_week(due, draft.period),
                now=now,
                goal_id=action.goal_id or None,
                due=due,
                confidence=read_whole(action.confidence, 1, 5),
                source="retro",
                review_id=review_id,
            )
        )
    plan.review = _finished_review(review, draft, plan, now)
    return plan


def _emptied_ballot(ballot: Mapping, now: dt.datetime) -> dict:
    """A ballot's tombstone, with its dots and ratings taken off (who voted for what is
    not kept once the retrospective is complete)."""
    gone = rec.tombstone(ballot, now)
    gone["dots"] = {}
    gone.pop("ratings", None)
    return gone


def action_week(due: str | None, period: str) -> str:
    """The week an action is a commitment of: its due date's, else the week after the
    retro (a due date before the retro's week also means the week after)."""
    if due:
        week = week_of(dt.date.fromisoformat(due))
        if monday(week) >= monday(period):
            return week
    return next_week(period)


def _followed_up(
    record: Mapping, disposition: str, note: str, now: dt.datetime, today: dt.date
) -> Mapping:
    """The previous action after its disposition (``record`` itself when unchanged)."""
    status = record.get("status")
    if disposition == "done" and status != "done":
        return rec.close_commitment(record, "done", now, today, note=note or None)
    if disposition == "dropped" and status == "open":
        return rec.close_commitment(record, "dropped", now, today, note=note or None)
    if disposition == "carried" and status == "open":
        outcome = "partial" if record.get("progress") else "missed"
        return rec.close_commitment(record, outcome, now, today, note=note or None)
    if note:
        notes = rec.append_note(record.get("notes"), note)
        return rec.updated("commitments", record, {"notes": notes}, now)
    return record


def _took_part(draft: RetroDraft) -> list[str]:
    """Who took part: the participants named, then whoever joined with a ballot (in
    name order), each once."""
    named = list(draft.participants)
    known = {name.casefold() for name in named}
    joined = [p for p in sorted(draft.joined, key=str.casefold) if p.casefold() not in known]
    return [*named, *joined]


def _finished_review(
    review: Mapping, draft: RetroDraft, plan: RetroCompletion, now: dt.datetime
) -> dict:
    answers = draft.to_answers()
    answers["step"] = len(PHASES) - 1
    answers["votes"] = {}  # who voted for what stays in the room; the cards keep the totals
    answers["health"] = {}  # the facilitator's own ratings too: the review keeps the means
    # A group's own dots belong to no card: the review keeps them, by group.
    answers["group_votes"] = {label: n for label, n in draft.group_votes().items() if n}
    answers["written"] = {
        "items": [item["id"] for item in plan.items],
        "actions": [action["id"] for action in plan.actions],
        "carried": [carried["id"] for carried in plan.carried],
        "followed_up": [record["id"] for record in plan.followed_up],
    }
    changes = {
        "ritual": "retro",
        "period": draft.period,
        "team": draft.team,
        "facilitator": draft.facilitator.strip(),
        "participants": _took_part(draft),
        "status": "complete",
        "format": draft.format,
        "health": draft.health_scores() or None,
        "notes": draft.notes.strip() or None,
        "completed_at": rec.stamp(now),
        "answers": answers,
    }
    return rec.updated("reviews", review, changes, now)
