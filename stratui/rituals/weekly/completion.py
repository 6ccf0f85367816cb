"""Completing a weekly review: every record it writes, built and validated, none written.

:func:`plan_completion` converts what the person typed and builds the records a
completed review writes (closed and carried-over commitments, resolved and new
roadblocks, goal check-ins, adjustments, next week's commitments and the review itself),
each validated by the schema, without touching any store; the review service writes them
in one transaction.

Pure module: no Textual, no TinyDB, no store. "now" and "today" are parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stratui.domain import records as rec
from stratui.domain.weeks import next_week
from stratui.rituals.typed import read_date, read_number, read_whole
from stratui.rituals.weekly.draft import (
    NewAdjustment,
    NewCommitment,
    NewRoadblock,
    Outcome,
    WeeklyDraft,
)
from stratui.rituals.weekly.steps import STEPS
from stratui.rituals.weekly.validation import DraftInvalid, refuse_undecided, validate

if TYPE_CHECKING:
    from stratui.rituals.team.completion import TeamCompletion


@dataclass
class Completion:
    """Every record a completed weekly review writes, already validated.

    ``reviewed`` holds all the period's commitments as they are after the review (for the
    summary); ``changed`` only those whose record changed and must be written.
    """

    review: dict
    reviewed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    carried: list[dict] = field(default_factory=list)
    still_blocking: list[str] = field(default_factory=list)
    """The ids of the open roadblocks the review left blocking (nothing is written)."""
    resolved_roadblocks: list[dict] = field(default_factory=list)
    new_roadblocks: list[dict] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)
    adjustments: list[dict] = field(default_factory=list)
    new_commitments: list[dict] = field(default_factory=list)

    def writes(self) -> dict[str, list[dict]]:
        """The records by collection, as ``Transaction.put_many`` takes them."""
        return {
            "commitments": [*self.changed, *self.carried, *self.new_commitments],
            "roadblocks": [*self.resolved_roadblocks, *self.new_roadblocks],
            "goal_checkins": list(self.checkins),
            "adjustments": list(self.adjustments),
            "reviews": [self.review],
        }


def plan_completion(
    draft: WeeklyDraft,
    commitments: Iterable[Mapping],
    roadblocks: Iterable[Mapping],
    goals: Iterable[Mapping],
    *,
    review: Mapping,
    now: dt.datetime,
    today: dt.date,
    undecided: str | None = None,
) -> Completion:
    """The records to write when ``draft`` completes ``review``; nothing is written here.

    * each commitment of the period with a chosen outcome gets it, with its progress and
      note (:func:`~stratui.domain.records.close_commitment`); one marked to carry is
      carried into the following week, linked by ``carried_from`` and to the review;
    * an open commitment with no outcome chosen (undecided, or logged after the draft
      was last filled) gets what ``undecided`` says, a choice of
      :data:`~stratui.rituals.weekly.steps.UNDECIDED_CHOICES` a person made: left open, or
      missed. Without that choice, :class:`~stratui.rituals.weekly.validation.Undecided` is
      raised, so that no outcome is ever recorded that nobody chose;
    * open roadblocks decided "resolved" are resolved today; new ones are raised today,
      owned by the draft's owner;
    * each goal reading with a confidence or a value becomes a check-in dated today;
    * adjustments are decided today; new commitments are for the following week, with
      source ``review``;
    * the review becomes complete with its pulse, notes (the check-in line, then the
      notes), ``completed_at`` now, and the final answers (``answers.written`` lists the
      ids of the records it made, in the draft's order, for the summary).

    ``commitments`` are the period's; the following week's may be included too, so that
    one already carried over (from the command line) is not carried twice. Commitments
    of the period that are not open any more and that the draft has no answer for stay
    as they are. Raises :class:`DraftInvalid` if any step is invalid.
    """
    problems = validate(draft, today=today)
    if problems:
        raise DraftInvalid(problems)
    review_id = str(review["id"])
    following = next_week(draft.period)
    plan = Completion(review={})
    commitments = [record for record in commitments if rec.is_live(record)]
    already_carried = {c.get("carried_from") for c in commitments if c.get("week") == following}
    reviewed = [
        record
        for record in commitments
        if record.get("owner") == draft.owner and record.get("week") == draft.period
    ]
    refuse_undecided(undecided_titles(reviewed, draft.outcomes), undecided)
    for record in reviewed:
        outcome = draft.outcomes.get(record["id"])
        plan_outcome(plan, record, outcome, already_carried, review_id, now, today, undecided)
    _plan_roadblocks(plan, draft, roadblocks, now, today)
    active = {goal["id"] for goal in goals if rec.is_live(goal)}
    for goal_id, reading in draft.goals.items():
        confidence, value = read_whole(reading.confidence, 1, 5), read_number(reading.value)
        if goal_id in active and (confidence is not None or value is not None):
            fields_ = {
                "goal_id": goal_id,
                "date": today.isoformat(),
                "value": value,
                "confidence": confidence,
                "note": reading.note.strip() or None,
            }
            plan.checkins.append(rec.new_record("goal_checkins", fields_, now))
    for item in draft.adjustments:
        plan.adjustments.append(new_adjustment(item, review_id, now, today))
    for planned in draft.new_commitments:
        plan.new_commitments.append(
            new_commitment(planned, draft.owner, following, review_id, now, today)
        )
    plan.review = _completed_review(review, draft, plan, now)
    return plan


def undecided_titles(records: Iterable[Mapping], outcomes: Mapping[str, Outcome]) -> list[str]:
    """The titles of the open ``records`` whose outcome nobody has chosen in ``outcomes``
    (undecided, or with no answer at all)."""
    undecided = []
    for record in records:
        outcome = outcomes.get(str(record["id"]))
        if record.get("status") == "open" and (outcome is None or not outcome.decided):
            undecided.append(str(record.get("title", "")))
    return undecided


def plan_outcome(
    plan: Completion | TeamCompletion,
    record: Mapping,
    outcome: Outcome | None,
    carried_before: Collection[object],
    review_id: str,
    now: dt.datetime,
    today: dt.date,
    undecided: str | None = None,
) -> None:
    """Add the commitment ``record`` as reviewed with ``outcome`` to ``plan``.

    The record closed with the outcome's status, progress and note
    (:func:`~stratui.domain.records.close_commitment`) goes to ``plan.changed`` when it
    changed in more than its stamp; one marked to carry and not in ``carried_before``
    (the ids the following week's commitments were carried from) is carried into the
    week after the record's, linked to the review. With no outcome chosen, an open
    commitment is marked missed when ``undecided`` is ``"missed"`` (a person's choice),
    else it stays open (keeping a note typed for it); a closed one stays as it is. The
    weekly and the team review share this rule.
    """
    if outcome is None or not outcome.decided:
        note = outcome.note.strip() if outcome is not None else ""
        if record.get("status") == "open" and undecided == "missed":
            outcome = Outcome(status="missed", note=note)
        else:
            kept = dict(record)
            if note:
                notes = rec.append_note(record.get("notes"), note)
                kept = rec.updated("commitments", record, {"notes": notes}, now)
                plan.changed.append(kept)
            plan.reviewed.append(kept)
            return
    closed = rec.close_commitment(
        record,
        outcome.status,
        now,
        today,
        progress=read_number(outcome.progress),
        note=outcome.note.strip() or None,
    )
    if differs(record, closed):
        plan.changed.append(closed)
    else:
        closed = dict(record)
    plan.reviewed.append(closed)
    if outcome.carry and record["id"] not in carried_before:
        following = next_week(str(record["week"]))
        plan.carried.append(rec.carry_over(closed, now, week=following, review_id=review_id))


def resolved(roadblock: Mapping, resolution: str, now: dt.datetime, today: dt.date) -> dict:
    """``roadblock`` resolved today with ``resolution`` (None when blank)."""
    changes = {"resolved_on": today.isoformat(), "resolution": resolution.strip() or None}
    return rec.updated("roadblocks", roadblock, changes, now)


def new_roadblock(block: NewRoadblock, owner: str, now: dt.datetime, today: dt.date) -> dict:
    """A roadblock a review raises today, owned by ``owner``."""
    fields_ = {
        "title": block.title.strip(),
        "kind": block.kind,
        "severity": block.severity,
        "owner": owner,
        "commitment_id": block.commitment_id or None,
        "goal_id": block.goal_id or None,
        "raised_on": today.isoformat(),
    }
    return rec.new_record("roadblocks", fields_, now)


def new_adjustment(item: NewAdjustment, review_id: str, now: dt.datetime, today: dt.date) -> dict:
    """An adjustment a review decides today, linked to the review."""
    fields_ = {
        "kind": item.kind,
        "description": item.description.strip(),
        "rationale": item.rationale.strip() or None,
        "goal_id": item.goal_id or None,
        "commitment_id": item.commitment_id or None,
        "review_id": review_id,
        "decided_on": today.isoformat(),
    }
    return rec.new_record("adjustments", fields_, now)


def new_commitment(
    item: NewCommitment,
    owner: str,
    week: str,
    review_id: str,
    now: dt.datetime,
    today: dt.date,
) -> dict:
    """A commitment a review makes for ``week`` (the following one), source ``review``."""
    return rec.new_commitment(
        title=item.title,
        owner=owner,
        week=week,
        now=now,
        goal_id=item.goal_id or None,
        due=read_date(item.due, today),
        confidence=read_whole(item.confidence, 1, 5),
        source="review",
        review_id=review_id,
    )


def _plan_roadblocks(
    plan: Completion,
    draft: WeeklyDraft,
    roadblocks: Iterable[Mapping],
    now: dt.datetime,
    today: dt.date,
) -> None:
    open_ = {r["id"]: r for r in roadblocks if rec.is_live(r) and not r.get("resolved_on")}
    for rid, decision in draft.roadblocks.items():
        if rid not in open_:
            continue  # resolved or deleted elsewhere meanwhile: nothing to decide
        if decision.decision == "resolved":
            resolution = decision.resolution
            plan.resolved_roadblocks.append(resolved(open_[rid], resolution, now, today))
        else:
            plan.still_blocking.append(rid)
    for block in draft.new_roadblocks:
        plan.new_roadblocks.append(new_roadblock(block, draft.owner, now, today))


def _completed_review(
    review: Mapping, draft: WeeklyDraft, plan: Completion, now: dt.datetime
) -> dict:
    answers = draft.to_answers()
    answers["step"] = len(STEPS) - 1
    answers["written"] = {
        "still_blocking": list(plan.still_blocking),
        "resolved_roadblocks": [r["id"] for r in plan.resolved_roadblocks],
        "new_roadblocks": [r["id"] for r in plan.new_roadblocks],
        "checkins": [c["id"] for c in plan.checkins],
        "adjustments": [a["id"] for a in plan.adjustments],
        "carried": [c["id"] for c in plan.carried],
        "new_commitments": [c["id"] for c in plan.new_commitments],
    }
    notes = "\n".join(text for text in (draft.checkin.strip(), draft.notes.strip()) if text)
    changes = {
        "ritual": "weekly",
        "period": draft.period,
        "owner": draft.owner,
        "participants": [draft.owner],
        "status": "complete",
        "pulse": read_whole(draft.pulse, 1, 5),
        "notes": notes or None,
        "completed_at": rec.stamp(now),
        "answers": answers,
    }
    return rec.updated("reviews", review, changes, now)


def differs(before: Mapping, after: Mapping) -> bool:
    """True when a record changed in anything but its ``updated_at`` stamp."""
    keys = (set(before) | set(after)) - {"updated_at"}
    return any(before.get(key) != after.get(key) for key in keys)
