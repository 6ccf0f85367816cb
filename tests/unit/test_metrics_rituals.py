"""Figures of the rituals (METRICS.md): follow-through, review streak, pulse."""

import datetime as dt

import pytest

from stratui.domain.metrics.rituals import (
    follow_through,
    next_retro,
    pulse,
    retro_deadline,
    review_streak,
)

D = dt.date


def retro(rid: str, team: str, completed: str | None, period: str = "2026-W45", **f) -> dict:
    record = {"id": rid, "ritual": "retro", "team": team, "period": period, **f}
    record["status"] = "complete" if completed else "draft"
    if completed:
        record["completed_at"] = f"{completed}T15:00:00Z"
    return record


def action(rid: str, review: str, status: str, closed: str | None = None, owner="ana") -> dict:
    record = {"id": rid, "review_id": review, "source": "retro", "status": status, "owner": owner}
    if closed:
        record["closed_on"] = closed
    return record


# Platform holds R1 (the first: no previous one) and R2, Payments holds P1 (its only one).
R1 = retro("R1", "Platform", "2026-11-06", "2026-W45")
DRAFT = retro("Rd", "Platform", None, "2026-W46")  # a draft is nobody's "next"
R2 = retro("R2", "Platform", "2026-11-20", "2026-W47")
P1 = retro("P1", "Payments", "2026-11-13", "2026-W46")
RETROS = [R1, DRAFT, R2, P1]
ACTIONS = [
    action("a", "R1", "done", "2026-11-19"),  # before R2 (11-20): in time
    action("b", "R1", "done", "2026-11-20", owner="ben"),  # on R2's day: in time
    action("c", "R1", "done", "2026-11-21"),  # after R2: late
    action("d", "R1", "missed", "2026-11-20"),  # not done
    action("e", "R2", "done", "2026-11-22"),  # latest retro: by the as-of date
    action("f", "R2", "open"),
    action("g", "P1", "done", "2026-11-16"),  # Payments has no next one: by as-of
    {**action("h", "R1", "done", "2026-11-19"), "source": "manual"},  # not an action
]
AS_OF = D(2026, 11, 22)


def test_the_deadline_is_the_same_teams_next_completed_retro_or_the_as_of_date():
    assert next_retro(R1, RETROS) is R2  # the draft and Payments' retro are skipped
    assert retro_deadline(R1, RETROS, AS_OF) == D(2026, 11, 20)
    assert retro_deadline(R1, RETROS, D(2026, 11, 19)) == D(2026, 11, 19)  # as-of earlier
    assert retro_deadline(R2, RETROS, AS_OF) == AS_OF  # the latest
    assert retro_deadline(P1, RETROS, AS_OF) == AS_OF


def test_follow_through_of_one_retro():
    # R1: a and b in time, c late, d missed: 2 / 4
    assert follow_through([R1], ACTIONS, AS_OF, RETROS) == 0.5
    # R2, the latest: e done by the as-of date, f open: 1 / 2
    assert follow_through([R2], ACTIONS, AS_OF, RETROS) == 0.5


def test_follow_through_pools_several_retrospectives():
    # R1 2/4, R2 1/2, P1 1/1: (2 + 1 + 1) / (4 + 2 + 1) = 4/7, not the mean of the shares.
    assert follow_through([R1, R2, P1], ACTIONS, AS_OF, RETROS) == pytest.approx(4 / 7)


def test_the_next_retro_is_found_among_the_held_ones_too():
    assert follow_through([R1, R2], ACTIONS, AS_OF) == pytest.approx(3 / 6)


def test_follow_through_with_an_earlier_as_of_date_cuts_the_deadline():
    # As of 11-19, R1's actions are due by 11-19: only a is in time: 1 / 4
    assert follow_through([R1], ACTIONS, D(2026, 11, 19), RETROS) == 0.25


def test_one_persons_follow_through_counts_only_their_actions():
    mine = [one for one in ACTIONS if one["owner"] == "ana"]
    assert follow_through([R1], mine, AS_OF, RETROS) == pytest.approx(1 / 3)  # a; c d not


def test_follow_through_without_actions_or_retros_is_no_data():
    assert follow_through([R1], [], AS_OF, RETROS) is None
    assert follow_through([], ACTIONS, AS_OF, RETROS) is None
    assert follow_through([DRAFT], ACTIONS, AS_OF, RETROS) is None  # not held


def weekly(owner: str, completed: str | None, pulse: int | None = None, ritual="weekly") -> dict:
    record = {"ritual": ritual, "owner": owner, "status": "complete" if completed else "draft"}
    if completed:
        record["completed_at"] = completed
    if pulse is not None:
        record["pulse"] = pulse
    return record


REVIEWS = [
    weekly("ana", "2026-11-06T16:00:00Z", 4),  # W45
    weekly("ana", "2026-11-13T16:00:00Z", 2),  # W46
    weekly("ana", "2026-11-20T16:00:00Z", 3),  # W47
    weekly("ana", "2026-10-23T16:00:00Z", 5),  # W43: W44 is missing, so the streak stops
    weekly("ben", "2026-11-20T16:00:00Z", 1),
    weekly("ana", None, 5),  # a draft
    weekly("ana", "2026-11-27T16:00:00Z", 5),  # after the as-of date
]


def test_review_streak_ends_with_this_or_last_week():
    assert review_streak(REVIEWS, "ana", D(2026, 11, 22)) == 3  # W45 W46 W47
    assert review_streak(REVIEWS, "ana", D(2026, 11, 26)) == 3  # W48 not yet: from W47
    assert review_streak(REVIEWS, "ana", D(2026, 12, 2)) == 4  # W49 not yet: W48 back to W45
    assert review_streak(REVIEWS, "ana", D(2026, 12, 9)) == 0  # neither W50 nor W49
    assert review_streak(REVIEWS, "ana", D(2026, 10, 25)) == 1  # W43 alone
    assert review_streak(REVIEWS, "ben", D(2026, 11, 22)) == 1
    assert review_streak(REVIEWS, "cara", D(2026, 11, 22)) == 0


def test_review_streak_counts_the_week_of_completion_not_the_period():
    late = {**weekly("ana", "2026-11-16T09:00:00Z"), "period": "2026-W46"}  # done in W47
    assert review_streak([late], "ana", D(2026, 11, 22)) == 1
    assert review_streak([late], "ana", D(2026, 11, 15)) == 0


def test_review_streak_counts_weekly_reviews_only():
    assert (
        review_streak(
            [weekly("ana", "2026-11-20T09:00:00Z", ritual="team")], "ana", D(2026, 11, 22)
        )
        == 0
    )


def test_pulse_is_the_mean_of_reviews_completed_in_the_period():
    # From 11-02 to 11-22: ana 4, 2, 3 and ben 1 -> 10 / 4 (the draft, W43 and 11-27 out)
    assert pulse(REVIEWS, D(2026, 11, 2), D(2026, 11, 22)) == 2.5
    # Any ritual counts; a review without a pulse is skipped.
    team = weekly("ana", "2026-11-20T16:00:00Z", 5, ritual="team")
    assert (
        pulse([team, weekly("ana", "2026-11-20T16:00:00Z")], D(2026, 11, 16), D(2026, 11, 22)) == 5
    )


def test_pulse_without_reviews_is_no_data():
    assert pulse(REVIEWS, D(2026, 1, 5), D(2026, 1, 11)) is None
    assert pulse([], D(2026, 1, 5), D(2026, 1, 11)) is None
