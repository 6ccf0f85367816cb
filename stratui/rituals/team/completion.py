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
from stratui.rituals.team import (
    STEPS,
    DraftInvalid,
    MemberPart,
    TeamContext,
    TeamReviewDraft,
    open_roadblocks,
    validate,
)
from stratui.rituals.team.validation import context_problems
from stratui.rituals.typed import read_whole
from stratui.rituals.weekly.completion import (
    new_adjustment,
    new_commitment,
    new_roadblock,
    plan_outcome,
    resolved,
    undecided_titles,
)
from stratui.rituals.weekly.validation import refuse_undecided


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
    undecided: str | None = None,
) -> TeamCompletion:
    """The records to write when ``draft`` completes ``review``; nothing is written here.

    ``context`` is what the store holds now (see
    :class:`~stratui.rituals.team.TeamContext`): a commitment already carried into the
    following week (from the command line, or a member's own weekly review) is not carried
    twice, and a roadblock resolved elsewhere meanwhile is left as it is. A member's open
    commitment with no outcome chosen gets what ``undecided`` says, as in the weekly
    review (:func:`~stratui.rituals.weekly.completion.plan_completion`). Raises
    :class:`~stratui.rituals.weekly.validation.DraftInvalid` if any step is invalid, and
    :class:`~stratui.rituals.weekly.validation.Undecided` when commitments are undecided and
    ``undecided`` is None.
    """
    problems = validate(draft, today=today) + context_problems(draft, context)
    if problems:
        raise DraftInvalid(problems)
    refuse_undecided(team_undecided(draft, context), undecided)
    review_id = str(review["id"])
    plan = TeamCompletion(review={})
    open_ = open_roadblocks(context.roadblocks)
    following = next_week(draft.period)
    carried_before = {c.get("carried_from") for c in context.planned if rec.is_live(c)}
    for part in draft.members:
        for record in _reviewed(draft, part, context):
            outcome = part.outcomes.get(record["id"])
            plan_outcome(
                plan, record, outcome, carried_before, review_id, now, today, undecided
            )
        _plan_roadblocks(plan, part, open_, now, today)
        for item in part.new_commitments:
            plan.new_commitments.append(
                new_commitment(item, part.name, following, review_id, now, today)
            )
    for adjustment in draft.adjustments:
        plan.adjustments.append(new_adjustment(adjustment, review_id, now, today))
    plan.review = _completed_review(review, draft, plan, now)
    return plan


def team_undecided(draft: TeamReviewDraft, context: TeamContext) -> list[str]:
    """``member: title`` of every member's open commitment with no outcome chosen."""
    return [
        f"{part.name}: {title}"
        for part in draft.members
        for title in undecided_titles(_reviewed(draft, part, context), part.outcomes)
    ]


def _reviewed(draft: TeamReviewDraft, part: MemberPart, context: TeamContext) -> list[Mapping]:
    """The live commitments of member ``part`` in the reviewed week."""
    return [
        record
        for record in context.commitments
        if rec.is_live(record)
        and record.get("owner") == part.name
        and record.get("week") == draft.period
    ]


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
            plan.resolved_roadblocks.append(resolved(record, call.resolution, now, today))
        elif call.decision == "escalate":
            changes = {
                "owner": call.owner.strip(),
                "severity": call.severity or escalated_severity(str(record.get("severity"))),
            }
            plan.escalated_roadblocks.append(rec.updated("roadblocks", record, changes, now))
    for block in part.new_roadblocks:
        plan.new_roadblocks.append(new_roadblock(block, part.name, now, today))


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
