"""Completing a team review: every record it writes, built and validated, none written.

:func:`plan_team_completion` reads what the walk decided and builds the records, each
validated by the schema, without touching any store; the team review service writes
them in one transaction:

* each member's answered commitments of the period get their outcome, progress and note;
  one marked to carry is carried into the following week, linked to the review;
* roadblocks decided "resolved" are resolved today; "escalate" hands a roadblock to its
  new owner and raises its severity; new roadblocks are raised today, owned by the member
  whose turn it was;
* adjustments are decided today, linked to the review;
* each member's new commitments are for the following week, with source ``review``;
* the review becomes complete (ritual ``team``, team, facilitator, participants), with
  the final answers, whose ``written`` lists the ids of the records it made, for the
  summary.

Pure module: no Textual, no TinyDB, no store. "now" and "today" are parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from stratui.domain import records as rec
from stratui.domain.schema import SEVERITIES
from stratui.domain.weeks import next_week
from stratui.rituals.completion import _differs  # "changed in more than its stamp", shared
from stratui.rituals.team import (
    STEPS,
    DraftInvalid,
    MemberPart,
    TeamContext,
    TeamReviewDraft,
    open_roadblocks,
    validate,
)
from stratui.rituals.typed import read_date, read_number, read_whole


@dataclass
class TeamCompletion:
    """Every record a completed team review writes, already validated.

    ``reviewed`` holds all the members' commitments of the period as they are after the
    review (for the summary); ``changed`` only those whose record changed.
    """

    review: dict
    reviewed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    carried: list[dict] = field(default_factory=list)
    resolved_roadblocks: list[dict] = field(default_factory=list)
    escalated_roadblocks: list[dict] = field(default_factory=list)
    new_roadblocks: list[dict] = field(default_factory=list)
    adjustments: list[dict] = field(default_factory=list)
    new_commitments: list[dict] = field(default_factory=list)

    def writes(self) -> dict[str, list[dict]]:
        """The records by collection, as ``Transaction.put_many`` takes them."""
        return {
            "commitments": [*self.changed, *self.carried, *self.new_commitments],
            "roadblocks": [
                *self.resolved_roadblocks,
                *self.escalated_roadblocks,
                *self.new_roadblocks,
            ],
            "adjustments": list(self.adjustments),
            "reviews": [self.review],
        }


def plan_team_completion(
    draft: TeamReviewDraft,
    context: TeamContext,
    *,
    review: Mapping,
    now: dt.datetime,
    today: dt.date,
) -> TeamCompletion:
    """The records to write when ``draft`` completes ``review``; nothing is written here.

    ``context`` is what the store holds now (see
    :class:`~stratui.rituals.team.TeamContext`): a commitment already carried into the
    following week (from the command line, or a member's own weekly review) is not carried
    twice, and a roadblock resolved elsewhere meanwhile is left as it is. Raises
    :class:`~stratui.rituals.validation.DraftInvalid` if any step is invalid.
    """
    problems = validate(draft, today=today)
    if problems:
        raise DraftInvalid(problems)
    review_id = str(review["id"])
    plan = TeamCompletion(review={})
    open_ = open_roadblocks(context.roadblocks)
    following = next_week(draft.period)
    carried_before = {c.get("carried_from") for c in context.planned if rec.is_live(c)}
    for part in draft.members:
        _plan_member(plan, draft, part, context, review_id, carried_before, now, today)
        _plan_roadblocks(plan, part, open_, now, today)
        for item in part.new_commitments:
            plan.new_commitments.append(
                rec.new_commitment(
                    title=item.title,
                    owner=part.name,
                    week=following,
                    now=now,
                    goal_id=item.goal_id or None,
                    due=read_date(item.due, today, following),
                    confidence=read_whole(item.confidence, 1, 5),
                    source="review",
                    review_id=review_id,
                )
            )
    for item in draft.adjustments:
        fields_ = {
            "kind": item.kind,
            "description": item.description.strip(),
            "rationale": item.rationale.strip() or None,
            "goal_id": item.goal_id or None,
            "commitment_id": item.commitment_id or None,
            "review_id": review_id,
            "decided_on": today.isoformat(),
        }
        plan.adjustments.append(rec.new_record("adjustments", fields_, now))
    plan.review = _completed_review(review, draft, plan, now)
    return plan


def _plan_member(
    plan: TeamCompletion,
    draft: TeamReviewDraft,
    part: MemberPart,
    context: TeamContext,
    review_id: str,
    carried_before: set,
    now: dt.datetime,
    today: dt.date,
) -> None:
    following = next_week(draft.period)
    for record in context.commitments:
        if not rec.is_live(record) or record.get("owner") != part.name:
            continue
        if record.get("week") != draft.period:
            continue
        outcome = part.outcomes.get(record["id"])
        if outcome is None:  # logged after the draft was last filled: left as it is
            plan.reviewed.append(dict(record))
            continue
        closed = rec.close_commitment(
            record,
            outcome.status,
            now,
            today,
            progress=read_number(outcome.progress),
            note=outcome.note.strip() or None,
        )
        if _differs(record, closed):
            plan.changed.append(closed)
        else:
            closed = dict(record)
        plan.reviewed.append(closed)
        if outcome.carry and record["id"] not in carried_before:
            plan.carried.append(rec.carry_over(closed, now, week=following, review_id=review_id))


def _plan_roadblocks(
    plan: TeamCompletion,
    part: MemberPart,
    open_: Mapping[str, Mapping],
    now: dt.datetime,
    today: dt.date,
) -> None:
    for rid, call in part.roadblocks.items():
        record = open_.get(rid)
        if record is None:
            continue
        if call.decision == "resolved":
            changes = {
                "resolved_on": today.isoformat(),
                "resolution": call.resolution.strip() or None,
            }
            plan.resolved_roadblocks.append(rec.updated("roadblocks", record, changes, now))
        elif call.decision == "escalate":
            changes = {
                "owner": call.owner.strip(),
                "severity": call.severity or escalated_severity(str(record.get("severity"))),
            }
            plan.escalated_roadblocks.append(rec.updated("roadblocks", record, changes, now))
    for block in part.new_roadblocks:
        fields_ = {
            "title": block.title.strip(),
            "kind": block.kind,
            "severity": block.severity,
            "owner": part.name,
            "commitment_id": block.commitment_id or None,
            "goal_id": block.goal_id or None,
            "raised_on": today.isoformat(),
        }
        plan.new_roadblocks.append(rec.new_record("roadblocks", fields_, now))


def escalated_severity(severity: str) -> str:
    """One level up: low -> medium -> high -> critical (critical stays critical)."""
    if severity not in SEVERITIES:
        return "high"
    return SEVERITIES[min(SEVERITIES.index(severity) + 1, len(SEVERITIES) - 1)]


def _completed_review(
    review: Mapping, draft: TeamReviewDraft, plan: TeamCompletion, now: dt.datetime
) -> dict:
    answers = draft.to_answers()
    answers["step"] = len(STEPS) - 1
    answers["written"] = {
        "carried": [c["id"] for c in plan.carried],
        "new_commitments": [c["id"] for c in plan.new_commitments],
        "resolved_roadblocks": [r["id"] for r in plan.resolved_roadblocks],
        "escalated_roadblocks": [r["id"] for r in plan.escalated_roadblocks],
        "new_roadblocks": [r["id"] for r in plan.new_roadblocks],
        "adjustments": [a["id"] for a in plan.adjustments],
    }
    changes = {
        "ritual": "team",
        "period": draft.period,
        "team": draft.team,
        "facilitator": draft.facilitator.strip(),
        "participants": draft.participants,
        "status": "complete",
        "pulse": read_whole(draft.pulse, 1, 5),
        "notes": draft.notes.strip() or None,
        "completed_at": rec.stamp(now),
        "answers": answers,
    }
    return rec.updated("reviews", review, changes, now)
