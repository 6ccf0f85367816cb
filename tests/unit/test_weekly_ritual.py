"""The weekly review as pure logic: its calendar, draft, defaults, messages, hint and plan.

"now" and "today" are passed in, so every expectation is exact. Records are made by the
domain's own constructors, so they are valid records of the export format.
"""

import datetime as dt
import json
import subprocess
import sys

import pytest

from stratui.domain import records
from stratui.domain.schema import validate_record
from stratui.domain.weeks import next_week, window
from stratui.rituals import weekly
from stratui.rituals.weekly import (
    STEPS,
    UNDECIDED,
    DraftInvalid,
    GoalReading,
    NewAdjustment,
    NewCommitment,
    NewRoadblock,
    Outcome,
    ReviewContext,
    Undecided,
    WeeklyDraft,
    capacity_hint,
    default_period,
    due_from,
    is_due,
    plan_completion,
    validate,
    validate_step,
)
from stratui.rituals.weekly.summary import completion_markdown, say_do

NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 20)  # a Friday of 2026-W47


def commitment(title="Ship it", week="2026-W47", owner="ana", **extra) -> dict:
    return records.new_commitment(title=title, owner=owner, week=week, now=NOW, **extra)


def closed(record: dict, status: str) -> dict:
    return records.close_commitment(record, status, NOW, TODAY)


def roadblock(title="Waiting on legal", **extra) -> dict:
    fields = {"title": title, "kind": "dependency", "severity": "high", "owner": "ana"}
    return records.new_record("roadblocks", {**fields, "raised_on": "2026-11-10", **extra}, NOW)


def goal(title="Cut latency", **extra) -> dict:
    return records.new_record("goals", {"title": title, "status": "active", **extra}, NOW)


def draft_review(period="2026-W47") -> dict:
    return records.new_record(
        "reviews",
        {
            "ritual": "weekly",
            "period": period,
            "owner": "ana",
            "participants": ["ana"],
            "status": "draft",
            "started_at": "2026-11-20T16:00:00Z",
        },
        NOW,
    )


# --- the calendar ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (dt.date(2026, 11, 16), "2026-W46"),  # Monday: last week is still being closed
        (dt.date(2026, 11, 17), "2026-W46"),
        (dt.date(2026, 11, 18), "2026-W46"),  # Wednesday
        (dt.date(2026, 11, 19), "2026-W47"),  # Thursday: this week is due
        (dt.date(2026, 11, 20), "2026-W47"),
        (dt.date(2026, 11, 21), "2026-W47"),
        (dt.date(2026, 11, 22), "2026-W47"),  # Sunday
        (dt.date(2026, 11, 23), "2026-W47"),  # the next Monday: still the week just ended
    ],
)
def test_default_period_is_this_week_from_thursday_else_the_previous_one(day, period):
    assert default_period(day) == period


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (dt.date(2026, 12, 31), "2026-W53"),  # Thursday of 2026's 53rd week
        (dt.date(2027, 1, 1), "2026-W53"),  # Friday: the ISO week is still 2026-W53
        (dt.date(2027, 1, 4), "2026-W53"),  # Monday of 2027-W01: the week just ended
        (dt.date(2027, 1, 7), "2027-W01"),  # Thursday of 2027-W01
        (dt.date(2026, 1, 1), "2026-W01"),  # Thursday in 2026-W01
        (dt.date(2025, 12, 29), "2025-W52"),  # Monday of 2026-W01; 2025 has no W53
    ],
)
def test_default_period_across_year_ends(day, period):
    assert default_period(day) == period


def test_due_from_is_the_thursday_of_the_week():
    assert due_from("2026-W47") == dt.date(2026, 11, 19)
    assert due_from("2026-W53") == dt.date(2026, 12, 31)
    assert due_from("2027-W01") == dt.date(2027, 1, 7)


def test_is_due_without_reviews_is_the_default_period():
    thursday = is_due([], dt.date(2026, 11, 19))
    assert (thursday.period, thursday.due, thursday.overdue) == ("2026-W47", True, False)
    assert thursday.text == "weekly review 2026-W47: due since Thu 19 Nov"
    monday = is_due([], dt.date(2026, 11, 23))
    assert (monday.period, monday.due, monday.overdue) == ("2026-W47", True, True)
    assert "overdue" in monday.text


def test_is_due_after_a_completed_review_is_the_next_week_not_due_yet():
    done = {**draft_review("2026-W47"), "status": "complete"}
    draft = draft_review("2026-W48")  # drafts and other rituals do not count
    retro = {**done, "ritual": "retro", "period": "2026-W48"}
    nxt = is_due([done, draft, retro], dt.date(2026, 11, 20))
    assert (nxt.period, nxt.due_from, nxt.due, nxt.overdue) == (
        "2026-W48",
        dt.date(2026, 11, 26),
        False,
        False,
    )
    assert nxt.text == "weekly review 2026-W48: due from Thu 26 Nov"


# --- the capacity hint -------------------------------------------------------------------------


def test_capacity_hint_without_history():
    hint = capacity_hint([], "ana", "2026-W48", 3)
    assert hint.mean_done is None
    assert hint.over is False
    assert hint.warning is None
    assert hint.text == "you commit to 3; no history yet"
    assert len(hint.weeks) == 8
    assert (hint.weeks[0].week, hint.weeks[-1].week) == ("2026-W40", "2026-W47")


def test_capacity_hint_means_over_the_weeks_with_commitments_only():
    history = [
        closed(commitment(week="2026-W45"), "done"),
        closed(commitment(week="2026-W45"), "done"),
        closed(commitment(week="2026-W45"), "missed"),
        closed(commitment(week="2026-W47"), "done"),
        commitment(week="2026-W47"),  # open: planned, not done
        closed(commitment(week="2026-W47", owner="ben"), "done"),  # someone else
        closed(commitment(week="2026-W39"), "done"),  # before the 8 weeks
        closed(commitment(week="2026-W48"), "done"),  # the week being planned
    ]
    hint = capacity_hint(history, "ana", "2026-W48", 2)
    assert hint.mean_done == 1.5
    assert hint.over is True
    assert hint.text == (
        "you commit to 2; you finished 1.5 a week over the last 8 weeks (2 with commitments)"
    )
    assert hint.warning == "that is more than the 1.5 you usually finish"
    loads = {load.week: (load.planned, load.done) for load in hint.weeks}
    assert loads["2026-W45"] == (3, 2)
    assert loads["2026-W47"] == (2, 1)
    assert loads["2026-W46"] == (0, 0)


def test_capacity_hint_over_and_under_with_a_full_history():
    weeks = window("2026-W47", 8)
    history = [closed(commitment(week=w), "done") for w in weeks for _ in range(4)]
    history += [closed(commitment(week=w), "done") for w in weeks[:4]]  # 4.5 a week
    under = capacity_hint(history, "ana", "2026-W48", 4)
    assert under.mean_done == 4.5
    assert under.over is False
    assert under.text == "you commit to 4; you finished 4.5 a week over the last 8 weeks"
    assert capacity_hint(history, "ana", "2026-W48", 5).over is True


def test_capacity_hint_rounds_to_one_decimal_and_compares_the_rounded_mean():
    weeks = window("2026-W47", 3)
    history = [
        closed(commitment(week=week), "done")
        for week, count in zip(weeks, (5, 5, 4), strict=True)
        for _ in range(count)
    ]
    hint = capacity_hint(history, "ana", "2026-W48", 5)
    assert hint.mean_done == 4.7  # 14 / 3 = 4.666...
    assert "you finished 4.7 a week" in hint.text
    assert hint.over is True


def test_capacity_hint_window_crosses_the_53rd_week():
    history = [closed(commitment(week="2026-W53"), "done")]
    hint = capacity_hint(history, "ana", "2027-W02", 1)
    assert [load.week for load in hint.weeks][-2:] == ["2026-W53", "2027-W01"]
    assert hint.mean_done == 1


def test_commit_hint_counts_planned_carried_and_new_and_uses_the_draft_outcomes():
    first, second = commitment("A"), commitment("B")
    later = commitment("Logged for next week", week="2026-W48")
    context = ReviewContext(commitments=[first, second], history=[first, second], planned=[later])
    draft = WeeklyDraft(period="2026-W47", owner="ana").fill_defaults(context)
    draft.set_status(first["id"], "done")
    draft.toggle_carry(second["id"])
    draft.new_commitments = [NewCommitment(title="C"), NewCommitment(title="  ")]
    hint = context.hint(draft)
    assert hint.planned == 3  # one already logged, one carried, one titled new one
    assert hint.mean_done == 1  # A is done in the draft, B missed: not yet in the store


# --- the draft ---------------------------------------------------------------------------------


def test_draft_round_trips_through_json():
    draft = WeeklyDraft(
        period="2026-W47",
        owner="ana",
        step=3,
        pulse="4",
        checkin="Tired but *fine*",
        outcomes={"c1": Outcome(title="A", status="partial", progress="40%", carry=True)},
        roadblocks={"r1": weekly.RoadblockDecision(title="R", decision="resolved")},
        new_roadblocks=[NewRoadblock(title="New", commitment_id="c1")],
        goals={"g1": GoalReading(title="G", confidence=4, value=12.5)},
        adjustments=[NewAdjustment(kind="rescope", description="Less")],
        new_commitments=[NewCommitment(title="Next", due="fri", confidence=3)],
        notes="n",
    )
    answers = json.loads(json.dumps(draft.to_answers()))
    assert answers["ritual"] == "weekly"
    assert WeeklyDraft.from_answers(answers) == draft


def test_from_answers_is_forgiving_and_fills_period_and_owner():
    answers = {
        "step": 99,
        "pulse": 3,
        "outcomes": {"c1": {"status": "missed", "note": 5, "carry": "yes", "extra": 1}, "c2": 7},
        "new_commitments": [{"title": "x"}, "junk"],
        "goals": [],
    }
    draft = WeeklyDraft.from_answers(answers, period="2026-W47", owner="ana")
    assert (draft.period, draft.owner, draft.step) == ("2026-W47", "ana", len(STEPS) - 1)
    assert draft.outcomes == {"c1": Outcome(status="missed", carry=False)}
    assert draft.new_commitments == [NewCommitment(title="x")]
    assert draft.goals == {}
    assert WeeklyDraft.from_answers(None, period="2026-W47", owner="ana").step == 0


def test_defaults_make_a_quick_review_mostly_enter():
    open_ = commitment("Open")
    halfway = records.updated("commitments", commitment("Halfway"), {"progress": 40}, NOW)
    missed = closed(commitment("Missed already"), "missed")
    other_week = commitment("Next week", week="2026-W48")
    blocked, measured, fresh = roadblock(), goal("Measured"), goal("Fresh")
    reading = records.new_record(
        "goal_checkins", {"goal_id": measured["id"], "date": "2026-11-06", "confidence": 2}, NOW
    )
    later = records.new_record(
        "goal_checkins", {"goal_id": measured["id"], "date": "2026-11-13", "value": 7}, NOW
    )
    context = ReviewContext(
        commitments=[open_, halfway, missed, other_week],
        roadblocks=[blocked],
        goals=[measured, fresh],
        checkins=[later, reading],
    )
    draft = WeeklyDraft(period="2026-W47", owner="ana").fill_defaults(context)
    assert draft.outcomes == {  # no outcome nobody chose: open ones start undecided
        open_["id"]: Outcome(title="Open", status=UNDECIDED, progress=None),
        halfway["id"]: Outcome(title="Halfway", status=UNDECIDED, progress=40),
        missed["id"]: Outcome(title="Missed already", status="missed", progress=None),
    }
    assert draft.undecided_count() == 2
    assert draft.roadblocks[blocked["id"]].decision == "still"
    assert draft.goals[measured["id"]].confidence is None  # no reading nobody gave
    assert draft.goals[fresh["id"]].confidence is None
    assert context.previous_reading(measured["id"]) == (2, 7)


def test_fill_defaults_keeps_answers_and_drops_the_gone():
    kept, gone = commitment("Kept"), commitment("Gone")
    draft = WeeklyDraft(period="2026-W47", owner="ana")
    draft.fill_defaults(ReviewContext(commitments=[kept, gone]))
    draft.set_status(kept["id"], "partial")
    renamed = {**kept, "title": "Kept, renamed"}
    draft.fill_defaults(ReviewContext(commitments=[renamed]))
    assert list(draft.outcomes) == [kept["id"]]
    assert draft.outcomes[kept["id"]].status == "partial"
    assert draft.outcomes[kept["id"]].title == "Kept, renamed"


def test_a_decision_made_elsewhere_answers_an_undecided_outcome_only():
    asked, answered = commitment("Asked"), commitment("Answered")
    draft = WeeklyDraft(period="2026-W47", owner="ana")
    draft.fill_defaults(ReviewContext(commitments=[asked, answered]))
    draft.outcomes[asked["id"]].note = "typed before"
    draft.set_status(answered["id"], "partial")
    # Meanwhile the owner decided both elsewhere (their own review, `stratui done`).
    elsewhere = [closed(asked, "done"), closed(answered, "missed")]
    draft.fill_defaults(ReviewContext(commitments=elsewhere))
    taken = draft.outcomes[asked["id"]]
    assert (taken.status, taken.note) == ("done", "typed before")
    assert draft.outcomes[answered["id"]].status == "partial"  # the answer given stays
    assert draft.undecided_count() == 0


def test_set_status_and_toggle_carry_keep_the_outcome_consistent():
    item = commitment()
    draft = WeeklyDraft(period="2026-W47", owner="ana")
    draft.fill_defaults(ReviewContext(commitments=[item]))
    outcome = draft.toggle_carry(item["id"])  # carrying a done one: it was not done
    assert (outcome.status, outcome.progress, outcome.carry) == ("missed", None, True)
    draft.set_status(item["id"], "done")
    assert (outcome.status, outcome.progress, outcome.carry) == ("done", 100, False)
    assert draft.carried_count() == 0


def test_advance_stops_on_an_invalid_step_and_back_returns():
    draft = WeeklyDraft(period="2026-W47", owner="ana")
    assert draft.advance() == ["pulse: choose 1-5"]
    assert draft.step_name == "check-in"
    draft.pulse = 4
    assert draft.advance() == []
    assert draft.step_name == "look back"
    draft.back()
    draft.back()
    assert draft.step == 0


# --- validation messages -----------------------------------------------------------------------


@pytest.mark.parametrize("pulse", [None, "", 0, 6, 2.5, "x", True])
def test_pulse_must_be_1_to_5(pulse):
    draft = WeeklyDraft(period="2026-W47", owner="ana", pulse=pulse)
    assert validate_step(draft, 0) == ["pulse: choose 1-5"]


def test_check_in_accepts_a_typed_pulse_and_names_a_bad_period():
    assert validate_step(WeeklyDraft(period="2026-W47", owner="ana", pulse="3"), 0) == []
    draft = WeeklyDraft(period="2025-W53", owner=" ", pulse=3)
    assert validate_step(draft, "check-in") == [
        "period: expected an ISO week YYYY-Www that exists",
        "owner: name the person whose week this is",
    ]


def test_look_back_messages_name_the_commitment():
    draft = WeeklyDraft(period="2026-W47", owner="ana")
    draft.outcomes = {
        "a": Outcome(title="X", status="partial", progress=150),
        "b": Outcome(title="Y", status="partial", progress="lots"),
        "c": Outcome(title="Z", status="done", carry=True),
        "d": Outcome(title="W", status="open"),
        "e": Outcome(title="V", status="partial", progress="40%"),
    }
    assert validate_step(draft, "look back") == [
        "outcome of 'X': progress must be 0-100",
        "outcome of 'Y': progress must be 0-100",
        "outcome of 'Z': a done commitment cannot be carried over",
        "outcome of 'W': choose done, partial, missed or dropped",
    ]


def test_roadblock_goal_adjust_and_commit_messages():
    draft = WeeklyDraft(period="2026-W47", owner="ana", pulse=3)
    draft.roadblocks = {"r": weekly.RoadblockDecision(title="R", decision="maybe")}
    draft.new_roadblocks = [NewRoadblock(title="", kind="weather", severity="meh")]
    draft.goals = {"g": GoalReading(title="G", confidence=9, value="ten")}
    draft.adjustments = [NewAdjustment(), NewAdjustment(kind="rescope", description="ok")]
    draft.new_commitments = [
        NewCommitment(title="fine", due="fri", confidence="2"),
        NewCommitment(title=" ", confidence=0, due="someday"),
    ]
    assert validate_step(draft, "roadblocks") == [
        "roadblock 'R': choose still or resolved",
        "new roadblock 1: title is empty",
        "new roadblock 1: kind must be one of dependency, resources, decision, skills, "
        "external, priority, other",
        "new roadblock 1: severity must be one of low, medium, high, critical",
    ]
    assert validate_step(draft, "goals") == [
        "goal 'G': confidence must be 1-5",
        "goal 'G': value must be a number",
    ]
    assert validate_step(draft, "adjust") == [
        "adjustment 1: choose a kind: reprioritize, reallocate, rescope, reschedule, pivot, "
        "drop, add",
        "adjustment 1: description is empty",
    ]
    # Without today only ISO dates are read; with it, the words people type.
    assert validate_step(draft, "commit", today=TODAY) == [
        "new commitment 2: title is empty",
        "new commitment 2: confidence must be 1-5",
        "new commitment 2: due must be a date (2026-12-04, fri, +3d, eow)",
    ]
    assert "new commitment 1: due must be a date YYYY-MM-DD" in validate_step(draft, 5)
    assert validate_step(draft, "summary") == []
    assert len(validate(draft, today=TODAY)) == 11


def test_validate_step_refuses_an_unknown_step():
    with pytest.raises(ValueError, match="step: expected one of"):
        validate_step(WeeklyDraft(period="2026-W47", owner="ana"), "dance")


# --- completing --------------------------------------------------------------------------------


def _full_review(period="2026-W47"):
    """A draft of ana's ``period`` answered in every step, with what it works on."""
    following = next_week(period)
    done, partial, missed, late = (
        commitment("Done thing", week=period),
        commitment("Partial thing", week=period, confidence=4),
        commitment("Missed thing", week=period),
        commitment("Logged after the draft", week=period),
    )
    blocked, staying = roadblock("Legal"), roadblock("Budget")
    target = goal("Latency", metric={"name": "p95", "unit": "ms", "baseline": 400, "target": 250})
    context = ReviewContext(commitments=[done, partial, missed], roadblocks=[blocked, staying])
    context.goals = [target]
    draft = WeeklyDraft(period=period, owner="ana", pulse=4, checkin="Good week").fill_defaults(
        context
    )
    draft.set_status(done["id"], "done")
    draft.set_status(partial["id"], "partial")
    draft.outcomes[partial["id"]].progress = "60"
    draft.outcomes[partial["id"]].note = "half of it"
    draft.toggle_carry(partial["id"])
    draft.set_status(missed["id"], "missed")
    draft.roadblocks[blocked["id"]].decision = "resolved"
    draft.roadblocks[blocked["id"]].resolution = "Signed"
    draft.new_roadblocks = [NewRoadblock(title="No staging", commitment_id=missed["id"])]
    draft.goals[target["id"]].confidence, draft.goals[target["id"]].value = 3, "310"
    draft.adjustments = [NewAdjustment(kind="rescope", description="Smaller", rationale="Time")]
    draft.new_commitments = [
        NewCommitment(title="Next A", goal_id=target["id"], due="next fri", confidence="3"),
        NewCommitment(title="Next B"),
    ]
    commitments = [done, partial, missed, late]
    return draft, commitments, [blocked, staying], [target], following


def test_plan_completion_writes_what_the_review_decided():
    draft, commitments, roadblocks, goals, following = _full_review()
    done, partial, missed, late = commitments
    review = draft_review()
    plan = plan_completion(
        draft,
        commitments,
        roadblocks,
        goals,
        review=review,
        now=NOW,
        today=TODAY,
        undecided="open",
    )
    by_id = {c["id"]: c for c in plan.reviewed}
    assert by_id[done["id"]]["status"] == "done"
    assert by_id[done["id"]]["progress"] == 100
    assert by_id[done["id"]]["closed_on"] == "2026-11-20"
    assert by_id[partial["id"]]["status"] == "partial"
    assert by_id[partial["id"]]["progress"] == 60
    assert by_id[partial["id"]]["notes"] == "half of it"
    assert by_id[missed["id"]]["status"] == "missed"
    assert by_id[late["id"]] == late  # not decided, and left open: not written
    assert {c["id"] for c in plan.changed} == {done["id"], partial["id"], missed["id"]}

    [carried] = plan.carried
    assert carried["carried_from"] == partial["id"]
    assert (carried["week"], carried["status"], carried["source"]) == (following, "open", "review")
    assert carried["review_id"] == review["id"]
    assert carried["confidence"] == 4

    [resolved] = plan.resolved_roadblocks
    assert (resolved["resolved_on"], resolved["resolution"]) == ("2026-11-20", "Signed")
    [raised] = plan.new_roadblocks
    assert (raised["raised_on"], raised["owner"], raised["kind"]) == ("2026-11-20", "ana", "other")
    assert raised["commitment_id"] == missed["id"]

    [checkin] = plan.checkins
    assert (checkin["date"], checkin["confidence"], checkin["value"]) == ("2026-11-20", 3, 310)
    [adjustment] = plan.adjustments
    assert (adjustment["decided_on"], adjustment["review_id"]) == ("2026-11-20", review["id"])
    next_a, next_b = plan.new_commitments
    assert (next_a["week"], next_a["source"], next_a["review_id"]) == (
        following,
        "review",
        review["id"],
    )
    assert (next_a["due"], next_a["confidence"], next_a["goal_id"]) == (
        "2026-11-27",  # "next fri" on Friday 20 November, as everywhere else
        3,
        goals[0]["id"],
    )
    assert next_b["owner"] == "ana"

    completed = plan.review
    assert completed["id"] == review["id"]
    assert (completed["status"], completed["pulse"], completed["period"]) == (
        "complete",
        4,
        "2026-W47",
    )
    assert completed["started_at"] == review["started_at"]
    assert completed["completed_at"] == "2026-11-20T17:00:00Z"
    assert completed["participants"] == ["ana"]
    assert completed["notes"] == "Good week"
    assert completed["answers"]["written"]["new_roadblocks"] == [raised["id"]]

    for collection, written in plan.writes().items():
        for record in written:
            validate_record(collection, record)
    assert len(plan.writes()["commitments"]) == 3 + 1 + 2


def test_completing_with_undecided_commitments_needs_a_choice_and_records_only_it():
    draft, commitments, roadblocks, goals, _ = _full_review()
    done, partial, missed, late = commitments
    draft.set_status(done["id"], UNDECIDED)  # nobody decided "Done thing" after all
    args = (draft, commitments, roadblocks, goals)
    options = {"review": draft_review(), "now": NOW, "today": TODAY}
    with pytest.raises(Undecided) as asked:
        plan_completion(*args, **options)
    assert asked.value.titles == ["Done thing", "Logged after the draft"]
    assert str(asked.value) == (
        "outcomes: 2 commitments not decided; leave them open or mark them missed"
    )
    kept_open = plan_completion(*args, **options, undecided="open")
    left = {c["id"]: c for c in kept_open.reviewed}
    assert left[done["id"]] == done and left[late["id"]] == late
    assert {c["id"] for c in kept_open.changed} == {partial["id"], missed["id"]}
    marked = plan_completion(*args, **options, undecided="missed")
    statuses = {c["id"]: c["status"] for c in marked.reviewed}
    assert statuses == {
        done["id"]: "missed",
        partial["id"]: "partial",
        missed["id"]: "missed",
        late["id"]: "missed",
    }
    with pytest.raises(ValueError, match="undecided: expected one of open, missed"):
        plan_completion(*args, **options, undecided="done")


def test_a_note_on_an_undecided_commitment_is_kept_and_decides_nothing():
    item = commitment("Unsure")
    draft = WeeklyDraft(period="2026-W47", owner="ana", pulse=3)
    draft.fill_defaults(ReviewContext(commitments=[item]))
    draft.outcomes[item["id"]].note = "waiting on Ben"
    plan = plan_completion(
        draft, [item], [], [], review=draft_review(), now=NOW, today=TODAY, undecided="open"
    )
    [kept] = plan.changed
    assert (kept["status"], kept["notes"]) == ("open", "waiting on Ben")
    assert kept.get("closed_on") is None


def test_carrying_over_an_undecided_commitment_says_it_was_not_finished():
    fresh, halfway = commitment("Fresh"), commitment("Halfway")
    halfway = records.updated("commitments", halfway, {"progress": 40}, NOW)
    draft = WeeklyDraft(period="2026-W47", owner="ana")
    draft.fill_defaults(ReviewContext(commitments=[fresh, halfway]))
    assert draft.toggle_carry(fresh["id"]).status == "missed"
    assert draft.toggle_carry(halfway["id"]).status == "partial"
    assert draft.undecided_count() == 0


def test_a_version_1_draft_forgets_its_done_defaults_but_keeps_real_answers():
    answers = {
        "ritual": "weekly",
        "version": 1,
        "period": "2026-W47",
        "owner": "ana",
        "outcomes": {
            "a": {"title": "Default", "status": "done", "progress": 100},
            "b": {"title": "Noted", "status": "done", "progress": 100, "note": "shipped"},
            "c": {"title": "Missed", "status": "missed", "progress": None},
            "d": {"title": "Halfway", "status": "partial", "progress": 40},
        },
    }
    draft = WeeklyDraft.from_answers(answers)
    assert {cid: o.status for cid, o in draft.outcomes.items()} == {
        "a": UNDECIDED,
        "b": "done",
        "c": "missed",
        "d": UNDECIDED,
    }
    assert draft.outcomes["d"].progress == 40  # the progress recorded, still shown
    assert WeeklyDraft.from_answers(draft.to_answers()).outcomes == draft.outcomes


def test_carry_over_crosses_from_the_53rd_week_into_the_next_year():
    draft, commitments, roadblocks, goals, following = _full_review("2026-W53")
    assert following == "2027-W01"
    plan = plan_completion(
        draft,
        commitments,
        roadblocks,
        goals,
        review=draft_review("2026-W53"),
        now=NOW,
        today=dt.date(2027, 1, 1),
        undecided="open",
    )
    [carried] = plan.carried
    assert carried["week"] == "2027-W01"
    assert {c["week"] for c in plan.new_commitments} == {"2027-W01"}
    assert plan.new_commitments[0]["due"] == "2027-01-08"  # Friday of 2027-W01


def test_an_untouched_review_writes_only_what_changed():
    item = closed(commitment(), "done")
    draft = WeeklyDraft(period="2026-W47", owner="ana", pulse=3)
    draft.fill_defaults(ReviewContext(commitments=[item]))
    plan = plan_completion(draft, [item], [], [], review=draft_review(), now=NOW, today=TODAY)
    assert plan.changed == []
    assert plan.reviewed == [item]
    assert plan.writes()["reviews"] == [plan.review]
    assert "notes" not in plan.review


def test_a_commitment_already_carried_is_not_carried_twice():
    item = closed(commitment(), "missed")
    earlier = records.carry_over(item, NOW)  # carried from the command line
    draft = WeeklyDraft(period="2026-W47", owner="ana", pulse=3)
    draft.fill_defaults(ReviewContext(commitments=[item]))
    draft.toggle_carry(item["id"])
    plan = plan_completion(
        draft, [item, earlier], [], [], review=draft_review(), now=NOW, today=TODAY
    )
    assert plan.carried == []
    assert plan.reviewed == [item]


def test_plan_completion_refuses_an_invalid_draft():
    draft = WeeklyDraft(period="2026-W47", owner="ana")
    draft.new_commitments = [NewCommitment()]
    with pytest.raises(DraftInvalid) as info:
        plan_completion(draft, [], [], [], review=draft_review(), now=NOW, today=TODAY)
    assert info.value.problems == ["pulse: choose 1-5", "new commitment 1: title is empty"]


def test_summary_of_a_completion_is_literal_markdown():
    draft, commitments, roadblocks, goals, _ = _full_review()
    draft.checkin = "[@click=app.quit]x[/] *bold*"
    plan = plan_completion(
        draft,
        commitments,
        roadblocks,
        goals,
        review=draft_review(),
        now=NOW,
        today=TODAY,
        undecided="open",
    )
    text = completion_markdown(plan, goals)
    assert text.startswith("# Weekly review 2026-W47 — ana\n")
    assert "Check-in: \\[@click=app.quit\\]x\\[/\\] \\*bold\\*" in text
    assert "Say/do: 1 of 3 done (33%). 1 done, 1 partial, 1 missed, 0 dropped." in text
    assert "1 carried over to next week." in text
    assert "- [ ] Partial thing (partial, 60%) · ↻ carried over · notes: half of it" in text
    assert "## Next week 2026-W48" in text
    assert "- Next A · goal: Latency · due 2026-11-27 · confidence 3/5" in text
    assert "- Latency · confidence 3/5 · value 310" in text
    assert "- rescope: Smaller · why: Time" in text
    assert "Resolved:\n\n- Legal · resolution: Signed" in text
    assert say_do(plan.reviewed) == (1, 3)


def test_the_ritual_modules_are_pure():
    """Importing the ritual logic loads no Textual, TinyDB, Rich, nor the store."""
    probe = (
        "import json, sys, stratui.rituals.weekly, stratui.rituals.weekly.summary; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    modules = json.loads(done.stdout)
    leaked = [m for m in modules if m.startswith(("textual", "tinydb", "rich", "stratui.store"))]
    assert leaked == []


def test_a_date_word_means_the_day_it_means_anywhere_else():
    """``fri`` typed on Wednesday 18 November is Friday 20 November, in a review's new
    commitment as in ``log --due`` (issue 12: the review once read it as the Friday of
    the week planned, 27 November)."""
    from stratui.domain.dates import parse_date

    wednesday = dt.date(2026, 11, 18)
    draft = WeeklyDraft(period="2026-W47", owner="ana", pulse=3)
    draft.new_commitments = [NewCommitment(title="Demo", due="fri")]
    plan = plan_completion(draft, [], [], [], review=draft_review(), now=NOW, today=wednesday)
    assert plan.new_commitments[0]["due"] == "2026-11-20"
    assert parse_date("fri", wednesday).isoformat() == "2026-11-20"
