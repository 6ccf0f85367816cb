"""Completing a quarterly review: every record it writes, built and validated, none written.

:func:`plan_quarterly_completion` reads what the review decided and builds the records,
each validated by the schema, without touching any store; the quarterly review service
writes them in one transaction:

* each goal's final reading (a value and/or a confidence) becomes a check-in dated today;
* ``achieved`` and ``dropped`` set the goal's status; a dropped goal also gets an
  adjustment (kind ``drop``, the lesson as its rationale);
* ``continued`` keeps the goal active and moves its end to the next quarter's last day
  when it ended sooner, recorded as an adjustment (kind ``reschedule``); a goal that
  already runs past it, or has no end, is left as it is;
* next quarter's planned goals are created, active, with the next quarter's dates, each
  under its parent (a planned parent first) and inheriting its team;
* the review becomes complete (ritual ``quarterly``, its period, owner or team,
  facilitator, participants), its notes followed by the lessons, its answers holding
  the final draft, the alignment view as it was (so the summary stays what it was) and
  ``written``: the ids of the records it made.

Pure module: no Textual, no TinyDB, no store. "now" and "today" are parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from stratui.domain import key_results as kr
from stratui.domain import records as rec
from stratui.domain.quarters import next_quarter, quarter_bounds, quarter_end
from stratui.rituals.quarterly import (
    CLOSING,
    STEPS,
    DraftInvalid,
    GoalVerdict,
    NewGoal,
    QuarterContext,
    QuarterlyDraft,
    validate,
)
from stratui.rituals.quarterly.alignment import AlignmentView
from stratui.rituals.typed import read_number, read_whole


@dataclass
class QuarterlyCompletion:
    """Every record a completed quarterly review writes, already validated.

    ``goals_after`` holds each reviewed goal as it is after the review (for the summary);
    ``changed_goals`` only those whose record changed and must be written.
    """

    review: dict
    alignment: AlignmentView
    goals_after: dict[str, dict] = field(default_factory=dict)
    changed_goals: list[dict] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)
    adjustments: list[dict] = field(default_factory=list)
    new_goals: list[dict] = field(default_factory=list)

    def writes(self) -> dict[str, list[dict]]:
        """The records by collection, as ``Transaction.put_many`` takes them."""
        return {
            "goals": [*self.changed_goals, *self.new_goals],
            "goal_checkins": list(self.checkins),
            "adjustments": list(self.adjustments),
            "reviews": [self.review],
        }


def plan_quarterly_completion(
    draft: QuarterlyDraft,
    context: QuarterContext,
    *,
    review: Mapping,
    now: dt.datetime,
    today: dt.date,
) -> QuarterlyCompletion:
    """The records to write when ``draft`` completes ``review``; nothing is written here.

    ``context`` is what the store holds now (the service fills the draft's defaults from
    it first, so every goal of the quarter has a verdict). Verdicts of goals that are no
    longer active are ignored.

    Raises:
        DraftInvalid: a step is invalid, or a planned goal's parent is gone.
    """
    problems = validate(draft)
    if problems:
        raise DraftInvalid(problems)
    plan = QuarterlyCompletion(review={}, alignment=context.alignment())
    goals = {str(g["id"]): g for g in context.every_goal if rec.is_live(g)}
    review_id = str(review["id"])
    for goal_id, verdict in draft.verdicts.items():
        goal = goals.get(goal_id)
        if goal is None or goal.get("status") != "active":
            continue
        reading = _reading(goal_id, verdict, today, now)
        if reading is not None:
            plan.checkins.append(reading)
        after, adjustment = _dispose(draft, goal, verdict, review_id, now, today)
        plan.goals_after[goal_id] = after
        if after != goal:
            plan.changed_goals.append(after)
        if adjustment is not None:
            plan.adjustments.append(adjustment)
    plan.new_goals = _new_goals(draft, goals, now)
    plan.review = _completed_review(review, draft, plan, now)
    return plan


def _reading(goal_id: str, verdict: GoalVerdict, today: dt.date, now: dt.datetime) -> dict | None:
    value, confidence = read_number(verdict.value), read_whole(verdict.confidence, 1, 5)
    if value is None and confidence is None:
        return None
    fields = {
        "goal_id": goal_id,
        "date": today.isoformat(),
        "value": value,
        "confidence": confidence,
        "note": verdict.note.strip() or None,
    }
    return rec.new_record("goal_checkins", fields, now)


def _dispose(
    draft: QuarterlyDraft,
    goal: Mapping,
    verdict: GoalVerdict,
    review_id: str,
    now: dt.datetime,
    today: dt.date,
) -> tuple[dict, dict | None]:
    """The goal after its disposition, and the adjustment that records it (if any)."""
    title = str(goal.get("title", ""))
    lesson = verdict.lesson.strip() or None
    if verdict.disposition in CLOSING:
        after = rec.updated("goals", goal, {"status": verdict.disposition}, now)
        if verdict.disposition == "achieved":
            return after, None
        text = f"Dropped {title!r} at the {draft.period} quarterly review"
        return after, _adjustment("drop", text, lesson, goal, review_id, now, today)
    following = next_quarter(draft.period)
    last = quarter_end(following, draft.fiscal_start).isoformat()
    end = goal.get("end")
    if not end or end >= last:
        return dict(goal), None
    after = rec.updated("goals", goal, {"end": last}, now)
    text = f"Continued {title!r} into {following}: end {end} -> {last}"
    return after, _adjustment("reschedule", text, lesson, goal, review_id, now, today)


def _adjustment(
    kind: str,
    description: str,
    rationale: str | None,
    goal: Mapping,
    review_id: str,
    now: dt.datetime,
    today: dt.date,
) -> dict:
    fields = {
        "kind": kind,
        "description": description,
        "rationale": rationale,
        "goal_id": goal["id"],
        "review_id": review_id,
        "decided_on": today.isoformat(),
    }
    return rec.new_record("adjustments", fields, now)


def _new_goals(draft: QuarterlyDraft, goals: Mapping[str, Mapping], now: dt.datetime) -> list[dict]:
    """The planned goals as records, each parent before its children."""
    first, last = quarter_bounds(next_quarter(draft.period), draft.fiscal_start)
    closing = {gid for gid, v in draft.verdicts.items() if v.disposition in CLOSING}
    made: dict[str, dict] = {}
    numbers = {item.key: number for number, item in enumerate(draft.new_goals, start=1)}
    pending = list(draft.new_goals)
    while pending:
        ready = [item for item in pending if item.parent not in {p.key for p in pending}]
        if not ready:  # validation refuses cycles; never loop on one that slipped through
            raise DraftInvalid(["plan: the new goals' parents make a cycle"])
        for item in ready:
            parent = _parent(item, made, goals, closing, numbers[item.key])
            made[item.key] = _new_goal(draft, item, parent, first, last, now)
            pending.remove(item)
    return [made[item.key] for item in draft.new_goals]


def _parent(
    item: NewGoal,
    made: Mapping[str, dict],
    goals: Mapping[str, Mapping],
    closing: set[str],
    number: int,
) -> Mapping | None:
    if not item.parent:
        return None
    parent = made.get(item.parent) or goals.get(item.parent)
    if parent is None or item.parent in closing or parent.get("status") != "active":
        raise DraftInvalid([f"new goal {number}: its parent is not an active goal any more"])
    return parent


def _new_goal(
    draft: QuarterlyDraft,
    item: NewGoal,
    parent: Mapping | None,
    first: dt.date,
    last: dt.date,
    now: dt.datetime,
) -> dict:
    team = item.team.strip() or (parent or {}).get("team") or draft.team.strip() or None
    fields: dict[str, object] = {
        "title": item.title.strip(),
        "description": item.description.strip() or None,
        "owner": item.owner.strip() or draft.owner.strip() or None,
        "team": team,
        "parent_id": parent["id"] if parent else None,
        "start": first.isoformat(),
        "end": last.isoformat(),
        "status": "active",
        "priority": read_whole(item.priority, 1, 5),
    }
    if item.metric_name.strip():
        fields["metric"] = kr.make_metric(
            item.metric_name, item.baseline, item.target, item.metric_unit or None
        )
    return rec.new_record("goals", fields, now)


def _completed_review(
    review: Mapping, draft: QuarterlyDraft, plan: QuarterlyCompletion, now: dt.datetime
) -> dict:
    answers = draft.to_answers()
    answers["step"] = len(STEPS) - 1
    answers["alignment"] = plan.alignment.as_json()
    answers["written"] = {
        "checkins": [c["id"] for c in plan.checkins],
        "goals": [g["id"] for g in plan.changed_goals],
        "adjustments": [a["id"] for a in plan.adjustments],
        "new_goals": [g["id"] for g in plan.new_goals],
    }
    lessons = [
        f"- {verdict.title}: {verdict.lesson.strip()}"
        for verdict in draft.verdicts.values()
        if verdict.lesson.strip()
    ]
    notes = draft.notes.strip()
    if lessons:
        notes = "\n".join([*([notes, ""] if notes else []), "Lessons:", *lessons])
    changes = {
        "ritual": "quarterly",
        "period": draft.period,
        "owner": draft.owner.strip() or None,
        "team": draft.team.strip() or None,
        "facilitator": draft.facilitator.strip() or None,
        "participants": list(draft.participants),
        "status": "complete",
        "notes": notes or None,
        "completed_at": rec.stamp(now),
        "answers": answers,
    }
    return rec.updated("reviews", review, changes, now)
