"""The weekly and team review summaries say what is so (issue 12, item 4): a roadblock the
weekly review left blocking is listed, and a member's next week lists the commitments
that exist, not only those the team review made.

Pure functions, records made by the domain's own constructors.
"""

from __future__ import annotations

import datetime as dt

from stratui.domain import records
from stratui.rituals.team import MemberPart, TeamReviewDraft
from stratui.rituals.team.summary import team_summary_markdown
from stratui.rituals.weekly.summary import still_blocking_ids, weekly_summary_markdown

NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


def commitment(title: str, owner: str = "ana", week: str = "2026-W47", **extra) -> dict:
    return records.new_commitment(title=title, owner=owner, week=week, now=NOW, **extra)


def roadblock(title: str, **extra) -> dict:
    fields = {"title": title, "kind": "dependency", "severity": "high", "raised_on": "2026-11-10"}
    return records.new_record("roadblocks", {**fields, **extra}, NOW)


def weekly_review(decisions: dict) -> dict:
    fields = {
        "ritual": "weekly",
        "period": "2026-W47",
        "owner": "ana",
        "participants": ["ana"],
        "status": "complete",
        "started_at": "2026-11-20T16:00:00Z",
        "completed_at": "2026-11-20T17:00:00Z",
        "answers": {"roadblocks": decisions},
    }
    return records.new_record("reviews", fields, NOW)


def test_the_weekly_summary_lists_the_roadblocks_still_blocking():
    migrate = commitment("Migrate billing")
    waiting = roadblock("Waiting on the DBA", commitment_id=migrate["id"])
    vendor = roadblock("Vendor contract", severity="critical", kind="external")
    fixed = roadblock("Flaky CI")
    review = weekly_review(
        {
            waiting["id"]: {"title": "Waiting on the DBA", "decision": "still"},
            fixed["id"]: {"title": "Flaky CI", "decision": "resolved", "resolution": "retried"},
            vendor["id"]: {"title": "Vendor contract", "decision": "still"},
        }
    )
    assert still_blocking_ids(review) == [waiting["id"], vendor["id"]]
    resolved = records.updated("roadblocks", fixed, {"resolved_on": "2026-11-20"}, NOW)
    text = weekly_summary_markdown(
        review, [migrate], [], [], [resolved], [], [], [], [], still_blocking=[waiting, vendor]
    )
    assert (
        "## Roadblocks\n\nStill blocking:\n\n"
        "- Waiting on the DBA (high, dependency) · blocks: Migrate billing\n"
        "- Vendor contract (critical, external)\n\nResolved:\n\n- Flaky CI"
    ) in text


def test_a_roadblock_left_blocking_is_named_even_without_its_record():
    """The completion preview and an old summary may not have the record at hand: the
    title the review's answers keep still names it."""
    gone = roadblock("Budget freeze")
    review = weekly_review({gone["id"]: {"title": "Budget *freeze*", "decision": "still"}})
    text = weekly_summary_markdown(review, [], [], [], [], [], [], [], [])
    assert "Still blocking:\n\n- Budget \\*freeze\\*" in text


def test_the_team_summary_shows_each_members_next_week_as_it_is():
    draft = TeamReviewDraft(
        team="Platform",
        period="2026-W47",
        facilitator="ana",
        members=[MemberPart(name="ana"), MemberPart(name="bo")],
    )
    review = records.new_record(
        "reviews",
        {
            "ritual": "team",
            "period": "2026-W47",
            "team": "Platform",
            "participants": ["ana", "bo"],
            "status": "complete",
            "started_at": "2026-11-20T16:00:00Z",
        },
        NOW,
    )
    planned = [commitment(f"Ana's plan {n}", week="2026-W48") for n in range(1, 8)]
    made = commitment("Pair with bo", week="2026-W48", source="review", review_id=review["id"])
    text = team_summary_markdown(
        review, draft, [], [], [made], [], [], [], planned=[*planned, made]
    )
    ana, bo = text.split("## ana", 1)[1].split("## bo", 1)
    assert "no commitments yet" not in ana
    listed = [line for line in ana.splitlines() if line.startswith("- ")]
    assert listed == [*(f"- Ana's plan {n}" for n in range(1, 8)), "- Pair with bo"]  # once each
    assert "Next week 2026-W48: _no commitments yet._" in bo  # bo has none
