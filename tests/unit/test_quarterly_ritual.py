"""The quarterly strategy review as pure logic: draft, walk, messages, plan, view, summary."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from stratui.rituals.quarterly import (
    DraftInvalid,
    GoalVerdict,
    QuarterContext,
    QuarterlyDraft,
    validate,
    validate_step,
)
from stratui.rituals.quarterly.alignment import AlignmentView, alignment_view
from stratui.rituals.quarterly.completion import plan_quarterly_completion
from stratui.rituals.quarterly.summary import quarterly_summary_markdown

NOW = dt.datetime(2026, 12, 18, 15, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
STAMP = "2026-10-01T09:00:00Z"


def goal(rid: str, title: str, **fields) -> dict:
    record = {
        "id": rid,
        "title": title,
        "status": "active",
        "owner": "ana",
        "start": "2026-10-01",
        "end": "2026-12-31",
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    record.update(fields)
    return record


def commitment(rid: str, week: str, goal_id: str | None = None, owner: str = "ana") -> dict:
    record = {"id": rid, "title": rid, "owner": owner, "week": week, "status": "done"}
    if goal_id:
        record["goal_id"] = goal_id
    return record


COMPANY = goal("co", "Grow", owner="ceo", start="2026-01-01", end="2027-12-31", priority=1)
LATENCY = goal(
    "lat",
    "Cut latency",
    parent_id="co",
    priority=1,
    metric={"name": "p95", "unit": "ms", "baseline": 400, "target": 200},
)
DOCS = goal("doc", "Write docs", priority=3)
HIRING = goal("hire", "Hire two", priority=2, end="2027-06-30")
CHECKINS = [
    {
        "id": "k1",
        "goal_id": "lat",
        "date": "2026-11-01",
        "value": 300,
        "confidence": 3,
        "created_at": STAMP,
    },
]


def context(**changes) -> QuarterContext:
    ctx = QuarterContext(
        "2026-Q4",
        1,
        TODAY,
        goals=[LATENCY, HIRING, DOCS],
        every_goal=[COMPANY, LATENCY, DOCS, HIRING],
        checkins=CHECKINS,
        commitments=[
            commitment("c1", "2026-W41", "lat"),
            commitment("c2", "2026-W42", "lat"),
            commitment("c3", "2026-W43", "doc"),
            commitment("c4", "2026-W44", "doc"),
            commitment("c5", "2026-W45", "doc"),
            commitment("c6", "2026-W46"),
        ],
    )
    for key, value in changes.items():
        setattr(ctx, key, value)
    return ctx


def filled() -> QuarterlyDraft:
    return QuarterlyDraft(period="2026-Q4", owner="ana", participants=["ana"]).fill_defaults(
        context()
    )


def decided() -> QuarterlyDraft:
    draft = filled()
    draft.dispose("lat", "continued")
    draft.dispose("hire", "continued")
    draft.dispose("doc", "achieved")
    draft.verdicts["lat"].value = "250"
    draft.verdicts["lat"].confidence = 3
    draft.verdicts["lat"].lesson = "Profile *first*, [then] cache"
    draft.verdicts["doc"].confidence = 5
    return draft


# -- the draft ---------------------------------------------------------------------------------


def test_defaults_walk_the_quarters_goals_with_no_reading_nobody_gave():
    draft = filled()
    assert draft.goal_ids == ["lat", "hire", "doc"]
    assert draft.verdicts["lat"] == GoalVerdict(title="Cut latency", measured=True)
    assert context().previous_reading("lat") == (300, 3)  # shown beside it, not taken
    assert draft.verdicts["doc"].value is None and not draft.verdicts["doc"].measured
    assert draft.undisposed() == ["lat", "hire", "doc"]


def test_defaults_keep_answers_and_drop_goals_no_longer_in_the_quarter():
    draft = filled()
    draft.dispose("doc", "dropped")
    draft.verdicts["doc"].lesson = "too big"
    draft.fill_defaults(context(goals=[DOCS]))
    assert list(draft.verdicts) == ["doc"]
    assert draft.verdicts["doc"].lesson == "too big"


def test_the_draft_round_trips_through_json_and_forgives_junk():
    draft = decided()
    draft.add_goal("Faster builds", parent="lat", baseline="20", target=10, metric_name="build")
    draft.step, draft.goal_index, draft.notes = 1, 2, "notes"
    again = QuarterlyDraft.from_answers(json.loads(json.dumps(draft.to_answers())))
    assert again == draft
    junk = {"step": "x", "verdicts": {"a": "nope", "b": {"disposition": 3}}, "new_goals": [1]}
    read = QuarterlyDraft.from_answers(junk, period="2026-Q4", team="Platform")
    assert (read.period, read.team, read.step) == ("2026-Q4", "Platform", 0)
    assert list(read.verdicts) == ["b"] and read.verdicts["b"].disposition == ""
    assert read.new_goals == []


def test_the_walk_stops_at_a_goal_without_a_disposition_and_goes_back():
    draft = filled()
    assert draft.current_goal_id == "lat"
    assert draft.advance() == ["goal 'Cut latency': choose achieved, dropped or continued"]
    draft.dispose("lat", "continued")
    assert draft.advance() == [] and draft.current_goal_id == "hire"
    draft.back()
    assert draft.current_goal_id == "lat"
    draft.advance()
    draft.dispose("hire", "achieved")
    draft.advance()
    assert draft.current_goal_id == "doc" and draft.step_name == "goals"
    assert draft.advance() == ["goal 'Write docs': choose achieved, dropped or continued"]
    draft.dispose("doc", "dropped")
    assert draft.advance() == [] and draft.step_name == "plan"
    draft.back()
    assert draft.step_name == "goals" and draft.current_goal_id == "doc"


def test_a_disposition_outside_the_choices_is_refused():
    with pytest.raises(ValueError, match="achieved, dropped, continued"):
        filled().dispose("lat", "postponed")


def test_reading_messages_name_the_goal():
    draft = decided()
    draft.verdicts["lat"].value = "fast"
    draft.verdicts["doc"].value = 3
    draft.verdicts["hire"].confidence = 9
    assert validate_step(draft, "goals") == [
        "goal 'Cut latency': value must be a number",
        "goal 'Hire two': confidence must be 1-5",
        "goal 'Write docs': it has no key result, so leave the value empty",
    ]


def test_plan_messages_name_the_new_goal():
    draft = decided()
    draft.dispose("doc", "dropped")
    draft.add_goal("")
    draft.add_goal("Bad prio", priority="7")
    draft.add_goal("Half metric", baseline="3")
    draft.add_goal("Under a dropped goal", parent="doc")
    a = draft.add_goal("Loop A")
    b = draft.add_goal("Loop B", parent=a.key)
    a.parent = b.key
    assert validate_step(draft, "plan") == [
        "new goal 1: title is empty",
        "new goal 2: priority must be 1-5",
        "new goal 3: the key result needs a name",
        "new goal 3: the key result's target must be a number",
        "new goal 4: its parent 'Write docs' is dropped this quarter; choose a goal that goes on",
        "new goal 5: its parent chain among the new goals makes a cycle",
        "new goal 6: its parent chain among the new goals makes a cycle",
    ]


def test_removing_a_planned_goal_moves_its_children_up():
    draft = filled()
    top = draft.add_goal("Top", parent="lat")
    mid = draft.add_goal("Mid", parent=top.key)
    low = draft.add_goal("Low", parent=mid.key)
    draft.remove_goal(mid.key)
    assert low.parent == top.key
    assert draft.add_goal("Next").key == "new-4"


def test_parents_offered_are_the_goals_that_go_on_and_the_new_ones():
    draft = decided()  # latency and hiring continue, docs achieved
    draft.add_goal("Faster builds")
    options = context().parent_options(draft)
    assert [(o.ref, o.depth, o.new) for o in options] == [
        ("co", 0, False),
        ("lat", 1, False),
        ("hire", 0, False),
        ("new-1", 0, True),
    ]


# -- the alignment view ---------------------------------------------------------------------------


def test_alignment_sets_effort_against_priority():
    view = context().alignment()
    assert view.total == 6
    assert view.alignment == pytest.approx(5 / 6)
    assert view.unlinked_share == pytest.approx(1 / 6)
    rows = [
        (r.goal_id, r.priority, r.commitments, round(r.share, 4), r.underserved) for r in view.rows
    ]
    assert rows == [
        ("lat", 1, 2, 0.3333, True),  # less than docs, of lower priority
        ("hire", 2, 0, 0.0, True),
        ("doc", 3, 3, 0.5, False),
    ]
    assert [r.goal_id for r in view.underserved] == ["lat", "hire"]
    assert AlignmentView.from_json(json.loads(json.dumps(view.as_json()))) == view


def test_alignment_without_commitments_is_no_data_and_lists_goals_linked_from_elsewhere():
    empty = alignment_view([], [DOCS])
    assert (empty.total, empty.alignment, empty.unlinked_share) == (0, None, None)
    assert [r.share for r in empty.rows] == [0.0]
    outside = alignment_view([commitment("x", "2026-W41", "co")], [], [COMPANY])
    assert [(r.title, r.share) for r in outside.rows] == [("Grow", 1.0)]
    assert outside.unlinked_share == 0.0


# -- completing ------------------------------------------------------------------------------------


def review_record() -> dict:
    return {
        "id": "rev1",
        "ritual": "quarterly",
        "period": "2026-Q4",
        "owner": "ana",
        "participants": ["ana"],
        "status": "draft",
        "started_at": STAMP,
        "created_at": STAMP,
        "updated_at": STAMP,
    }


def test_completion_refuses_a_goal_without_a_disposition():
    draft = filled()
    with pytest.raises(DraftInvalid) as caught:
        plan_quarterly_completion(draft, context(), review=review_record(), now=NOW, today=TODAY)
    assert len(caught.value.problems) == 3
    assert validate(draft) == caught.value.problems


def test_completion_closes_continues_reads_and_plans():
    draft = decided()
    top = draft.add_goal(
        "Faster builds",
        parent="lat",
        priority="2",
        team="Build",
        metric_name="build time",
        metric_unit="min",
        baseline="20",
        target="10",
    )
    draft.add_goal("Cache the deps", parent=top.key)
    draft.add_goal("Own the runbook", owner="ben")
    draft.notes = "A good quarter"
    plan = plan_quarterly_completion(draft, context(), review=review_record(), now=NOW, today=TODAY)

    changed = {g["id"]: g for g in plan.changed_goals}
    assert set(changed) == {"lat", "doc"}  # hiring already runs past 2027-Q1: unchanged
    assert changed["lat"]["end"] == "2027-03-31" and changed["lat"]["status"] == "active"
    assert changed["doc"]["status"] == "achieved"
    assert plan.goals_after["hire"] == HIRING

    assert [(c["goal_id"], c.get("value"), c.get("confidence")) for c in plan.checkins] == [
        ("lat", 250, 3),
        ("doc", None, 5),
    ]
    assert all(c["date"] == "2026-12-18" for c in plan.checkins)

    (adjustment,) = plan.adjustments
    assert adjustment["kind"] == "reschedule" and adjustment["goal_id"] == "lat"
    assert adjustment["review_id"] == "rev1"
    assert adjustment["rationale"] == "Profile *first*, [then] cache"
    assert "2026-12-31 -> 2027-03-31" in adjustment["description"]

    builds, cache, runbook = plan.new_goals
    assert builds["parent_id"] == "lat" and cache["parent_id"] == builds["id"]
    assert (builds["start"], builds["end"]) == ("2027-01-01", "2027-03-31")
    assert builds["team"] == "Build" and cache["team"] == "Build"  # inherited
    assert builds["metric"] == {"name": "build time", "unit": "min", "baseline": 20, "target": 10}
    assert (builds["priority"], builds["owner"], runbook["owner"]) == (2, "ana", "ben")
    assert "parent_id" not in runbook and "team" not in runbook

    review = plan.review
    assert (review["status"], review["completed_at"]) == ("complete", "2026-12-18T15:00:00Z")
    assert review["notes"] == (
        "A good quarter\n\nLessons:\n- Cut latency: Profile *first*, [then] cache"
    )
    written = review["answers"]["written"]
    assert written["new_goals"] == [g["id"] for g in plan.new_goals]
    assert written["goals"] == ["lat", "doc"]
    assert review["answers"]["alignment"]["total"] == 6
    assert plan.writes()["reviews"] == [review]


def test_a_dropped_goal_records_a_drop_adjustment_with_its_lesson():
    draft = decided()
    draft.dispose("doc", "dropped")
    draft.verdicts["doc"].lesson = "nobody reads them"
    plan = plan_quarterly_completion(draft, context(), review=review_record(), now=NOW, today=TODAY)
    drop = next(a for a in plan.adjustments if a["kind"] == "drop")
    assert (drop["goal_id"], drop["rationale"]) == ("doc", "nobody reads them")


def test_a_planned_goal_whose_parent_vanished_is_refused():
    draft = decided()
    draft.add_goal("Orphan", parent="gone")
    with pytest.raises(DraftInvalid, match="new goal 1: its parent is not an active goal"):
        plan_quarterly_completion(draft, context(), review=review_record(), now=NOW, today=TODAY)


def test_the_summary_shows_user_text_literally():
    draft = decided()
    draft.add_goal("Ship *it* [now](x)", parent="lat")
    plan = plan_quarterly_completion(draft, context(), review=review_record(), now=NOW, today=TODAY)
    goals = {g["id"]: g for g in [COMPANY, LATENCY, DOCS, HIRING]}
    goals.update(plan.goals_after)
    text = quarterly_summary_markdown(
        plan.review, goals, plan.checkins, plan.new_goals, plan.alignment
    )
    assert text.startswith("# Quarterly strategy review 2026-Q4 — ana\n")
    assert "3 goals: 1 achieved, 0 dropped, 2 continued." in text
    assert "final value 250 (75% of the way)" in text
    assert r"lesson: Profile \*first\*, \[then\] cache" in text
    assert r"- Ship \*it\* \[now\](x) · under: Cut latency" in text
    assert "- Cut latency · until 2027-03-31" in text
    assert "6 commitments; 83% linked to a goal, 17% to none." in text
    assert (
        "- Cut latency (priority 1): 2 commitments, 33% · less work than a lower-priority goal"
        in text
    )
