"""Figures of commitments (METRICS.md), each against a small table worked out by hand."""

import datetime as dt

import pytest

from stratui.domain.metrics import execution as ex
from stratui.domain.metrics.window import latest_reviewed_week, window_days


def c(rid: str, week: str, status: str, owner: str = "ana", **fields) -> dict:
    """A commitment as the export format holds it (only the fields the figures read)."""
    return {"id": rid, "week": week, "status": status, "owner": owner, **fields}


# Week 2026-W10 of ana, and what the next week did with it.
#   a1 done    conf 5
#   a2 missed  conf 1                 -> carried over by ben's b1 in W11
#   a3 partial conf 3  goal g1
#   a4 open    conf 5  goal g1        -> carried over by b2, but open: not reviewed
#   a5 dropped         goal g2
W10 = [
    c("a1", "2026-W10", "done", confidence=5),
    c("a2", "2026-W10", "missed", confidence=1),
    c("a3", "2026-W10", "partial", confidence=3, goal_id="g1"),
    c("a4", "2026-W10", "open", confidence=5, goal_id="g1"),
    c("a5", "2026-W10", "dropped", goal_id="g2"),
]
W11 = [
    c("b1", "2026-W11", "open", owner="ben", carried_from="a2"),
    c("b2", "2026-W11", "open", carried_from="a4"),
    c("b3", "2026-W11", "done"),
]


def test_planned_load_counts_every_status_and_throughput_the_done():
    assert ex.planned_load(W10) == 5  # open a4 included: it is planned work
    assert ex.reviewed_count(W10) == 4  # a1 a2 a3 a5
    assert ex.throughput(W10) == 1  # a1


def test_say_do_is_done_over_reviewed_leaving_open_out():
    assert ex.say_do(W10) == 1 / 4  # a1 / (a1 a2 a3 a5)


def test_rolling_say_do_pools_the_weeks_rather_than_averaging_their_ratios():
    # W10: 1 done of 4 reviewed; W11: 1 done of 1 reviewed (b1 b2 open).
    # Pooled: 2 / 5 = 0.4; the mean of the ratios would be (0.25 + 1) / 2 = 0.625.
    assert ex.rolling_say_do([W10, W11]) == pytest.approx(0.4)


def test_carry_over_rate_counts_reviewed_ones_named_by_the_next_weeks_commitments():
    # a2 is named by b1 (ben's: any owner counts); a4 is named too but is open.
    assert ex.carry_over_rate(W10, W11) == 1 / 4
    assert ex.carry_over_rate(W10, []) == 0.0


def test_alignment_and_effort_by_goal_count_open_commitments():
    assert ex.alignment(W10) == 3 / 5  # a3 a4 a5 have a goal
    effort = ex.effort_by_goal(W10)
    # g1: a3 a4 = 2/5; g2: a5 = 1/5; unlinked: a1 a2 = 2/5, listed last.
    assert effort == {"g1": 0.4, "g2": 0.2, "unlinked": 0.4}
    assert list(effort) == ["g1", "g2", "unlinked"]


def test_effort_by_goal_has_no_unlinked_key_when_every_commitment_has_a_goal():
    assert ex.effort_by_goal([c("x", "2026-W10", "open", goal_id="g")]) == {"g": 1.0}


def test_calibration_is_the_brier_score_of_reviewed_commitments_with_a_confidence():
    # a1: conf 5 -> p 0.9, done o 1: (0.9-1)^2 = 0.01
    # a2: conf 1 -> p 0.1, missed o 0: (0.1-0)^2 = 0.01
    # a3: conf 3 -> p 0.5, partial o 0: (0.5-0)^2 = 0.25
    # a4 is open, a5 stated no confidence: left out. Mean: 0.27 / 3 = 0.09
    assert ex.calibration(W10) == pytest.approx(0.09)


@pytest.mark.parametrize("statuses", [["done"], ["missed"], ["done", "missed", "partial"]])
def test_always_saying_3_earns_a_brier_score_of_a_quarter(statuses):
    rows = [c(f"x{i}", "2026-W10", s, confidence=3) for i, s in enumerate(statuses)]
    assert ex.calibration(rows) == pytest.approx(0.25)


def test_no_data_is_none_and_counts_are_zero():
    assert ex.say_do([]) is None
    assert ex.rolling_say_do([[], []]) is None
    assert ex.carry_over_rate([], W11) is None
    assert ex.alignment([]) is None
    assert ex.effort_by_goal([]) is None
    assert ex.calibration([]) is None
    assert ex.planned_load([]) == 0
    assert ex.throughput([]) == 0
    assert ex.chronic_slips([], {}) == []


def test_a_week_of_open_commitments_has_a_load_but_no_say_do():
    week = [c("o1", "2026-W12", "open", confidence=4), c("o2", "2026-W12", "open")]
    assert ex.planned_load(week) == 2
    assert ex.say_do(week) is None
    assert ex.carry_over_rate(week, W11) is None
    assert ex.calibration(week) is None


# A chain of three carry-overs: x0 <- x1 <- x2 <- x3.
CHAIN = [
    c("x0", "2026-W01", "missed"),
    c("x1", "2026-W02", "missed", carried_from="x0"),
    c("x2", "2026-W03", "partial", carried_from="x1"),
    c("x3", "2026-W04", "open", carried_from="x2"),
]


def test_slip_counts_along_a_chain_of_three_carry_overs():
    by_id = {one["id"]: one for one in CHAIN}
    assert [ex.slip_count(one, by_id) for one in CHAIN] == [0, 1, 2, 3]


def test_chronic_slips_are_slipped_twice_or_more_and_not_done_open_included():
    by_id = {one["id"]: one for one in CHAIN}
    assert ex.chronic_slips(CHAIN, by_id) == ["x2", "x3"]
    done_at_last = [*CHAIN[:3], {**CHAIN[3], "status": "done"}]
    assert ex.chronic_slips(done_at_last, {one["id"]: one for one in done_at_last}) == ["x2"]


def test_chronic_slips_of_a_window_walk_back_before_it():
    """Only x3 is in the window; its predecessors (before it) are in ``by_id``."""
    assert ex.chronic_slips([CHAIN[3]], {one["id"]: one for one in CHAIN}) == ["x3"]


def test_by_week_groups_commitments():
    assert {week: [x["id"] for x in rows] for week, rows in ex.by_week(W10 + W11).items()} == {
        "2026-W10": ["a1", "a2", "a3", "a4", "a5"],
        "2026-W11": ["b1", "b2", "b3"],
    }


def test_the_latest_reviewed_week_is_the_last_with_a_decided_commitment_up_to_a_week():
    rows = [
        c("p", "2026-W45", "done"),
        c("q", "2026-W46", "open"),  # not reviewed
        c("r", "2026-W48", "done"),  # after the week asked about
    ]
    assert latest_reviewed_week(rows, "2026-W47") == "2026-W45"
    assert latest_reviewed_week([], "2026-W47") is None
    assert latest_reviewed_week(rows[1:], "2026-W47") is None
    assert latest_reviewed_week([c("y", "2026-W53", "done")], "2027-W01") == "2026-W53"


def test_a_window_runs_monday_of_its_first_week_to_sunday_of_its_last():
    assert window_days(["2026-W52", "2026-W53", "2027-W01"]) == (
        dt.date(2026, 12, 21),
        dt.date(2027, 1, 10),
    )
