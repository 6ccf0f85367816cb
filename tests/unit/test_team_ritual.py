"""The team weekly review as pure logic: the walk, the defaults, the messages, the plan.

"now" and "today" are passed in, so every expectation is exact. Records are made by the
domain's own constructors, so they are valid records of the export format.
"""

import datetime as dt
import json

import pytest

from stratui.domain import records
from stratui.domain.schema import validate_record
from stratui.rituals.team import (
    STEPS,
    DraftInvalid,
    MemberPart,
    NewAdjustment,
    NewCommitment,
    NewRoadblock,
    TeamContext,
    TeamReviewDraft,
    next_period,
    validate,
    validate_step,
)
from stratui.rituals.team.completion import escalated_severity, plan_team_completion
from stratui.rituals.team.summary import completion_markdown
from stratui.rituals.weekly import UNDECIDED, Undecided

NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 20)  # a Friday of 2026-W47
REVIEW = records.new_record(
    "reviews",
    {
        "ritual": "team",
        "period": "2026-W47",
        "team": "Platform",
        "participants": [],
        "status": "draft",
        "started_at": "2026-11-20T16:00:00Z",
    },
    NOW,
)


def commitment(title, owner, week="2026-W47", progress=None, **extra) -> dict:
    record = records.new_commitment(title=title, owner=owner, week=week, now=NOW, **extra)
    return records.updated("commitments", record, {"progress": progress}, NOW)


def roadblock(title, owner, severity="medium", **extra) -> dict:
    fields = {
        "title": title,
        "kind": "dependency",
        "severity": severity,
        "owner": owner,
        "raised_on": "2026-11-16",
        **extra,
    }
    return records.new_record("roadblocks", fields, NOW)


@pytest.fixture
def context() -> TeamContext:
    """ana has two commitments, ben one and a roadblock, chioma nothing this week."""
    made = [
        commitment("Profile the gateway", "ana"),
        commitment("Write the *runbook*", "ana", progress=40),
        commitment("Add a cache", "ben"),
        commitment("Someone else's", "zed"),
    ]
    return TeamContext(
        members=["ana", "ben", "chioma"],
        people=[records.new_record("people", {"name": n}, NOW) for n in ("ana", "ben", "mia")],
        commitments=made,
        roadblocks=[
            roadblock("Waiting on legal", "ben"),
            roadblock("Blocks ana's work", "legal", commitment_id=made[0]["id"]),
        ],
    )


def draft_for(context: TeamContext) -> TeamReviewDraft:
    draft = TeamReviewDraft(team="Platform", period="2026-W47", facilitator="mia")
    return draft.fill_defaults(context)


def test_every_member_has_a_part_and_one_with_nothing_is_present_as_such(context):
    draft = draft_for(context)
    assert [part.name for part in draft.members] == ["ana", "ben", "chioma"]
    ana, ben, chioma = draft.members
    assert [o.status for o in ana.outcomes.values()] == [UNDECIDED, UNDECIDED]  # nobody chose
    assert list(ana.outcomes.values())[1].progress == 40  # as recorded so far
    assert [c.title for c in ana.roadblocks.values()] == ["Blocks ana's work"]
    assert [c.title for c in ben.roadblocks.values()] == ["Waiting on legal"]
    assert chioma.nothing_this_week and not ana.nothing_this_week
    assert draft.participants == ["ana", "ben", "chioma"]


def test_the_walk_visits_each_member_in_turn_then_moves_on(context):
    draft = draft_for(context)
    assert draft.advance(TODAY) == [] and draft.step_name == "members"
    assert draft.current_member.name == "ana"
    assert draft.advance(TODAY) == [] and draft.current_member.name == "ben"
    assert draft.advance(TODAY) == [] and draft.current_member.name == "chioma"
    assert draft.advance(TODAY) == [] and draft.step_name == "adjust"
    draft.back()
    assert (draft.step_name, draft.current_member.name) == ("members", "chioma")
    draft.back()
    assert draft.current_member.name == "ben"


def test_a_members_turn_cannot_be_left_with_a_mistake_and_messages_name_them(context):
    draft = draft_for(context)
    draft.step = STEPS.index("members")
    ben = draft.member("ben")
    rid = next(iter(ben.roadblocks))
    ben.roadblocks[rid].decision = "escalate"
    ben.new_roadblocks.append(NewRoadblock(title=" ", severity="urgent"))
    draft.member_index = 1
    problems = draft.advance(TODAY)
    assert problems == [
        "ben: new roadblock 1: title is empty",
        "ben: new roadblock 1: severity must be one of low, medium, high, critical",
        "ben: roadblock 'Waiting on legal': name who removes it when escalating",
    ]
    assert draft.current_member.name == "ben"
    draft.member("chioma").new_commitments.append(NewCommitment(title="", due="someday"))
    commit = validate_step(draft, "commit", today=TODAY)
    assert commit == [
        "chioma: new commitment 1: title is empty",
        "chioma: new commitment 1: due must be a date (2026-12-04, fri, +3d, eow)",
    ]


def test_the_first_step_needs_a_team_a_week_a_facilitator_and_someone_present():
    draft = TeamReviewDraft(team=" ", period="2025-W53", facilitator="", pulse=9)
    assert validate_step(draft, "team") == [
        "team: choose the team to review",
        "period: expected an ISO week YYYY-Www that exists",
        "facilitator: name who runs the review",
        "members: the team has no members to review",
        "pulse: choose 1-5, or leave it blank",
    ]
    draft = TeamReviewDraft(team="P", period="2026-W47", facilitator="mia")
    draft.members = [MemberPart(name="ana", present=False)]
    assert validate_step(draft, 0) == ["participants: at least one member takes part"]


def test_the_draft_round_trips_through_json(context):
    draft = draft_for(context)
    draft.member("ana").toggle_carry(next(iter(draft.member("ana").outcomes)))
    draft.member("ben").escalate(next(iter(draft.member("ben").roadblocks)), "mia", "critical")
    draft.member("chioma").new_commitments.append(NewCommitment(title="Pair with ben", due="fri"))
    draft.members[2].present = False
    draft.adjustments.append(NewAdjustment(kind="reallocate", description="chioma helps ben"))
    draft.step, draft.member_index, draft.pulse, draft.notes = 3, 2, "4", "Good week"
    answers = json.loads(json.dumps(draft.to_answers()))
    assert answers["ritual"] == "team" and answers["participants"] == ["ana", "ben"]
    assert TeamReviewDraft.from_answers(answers) == draft
    assert TeamReviewDraft.from_answers({"members": "nope", "step": 99}, team="P").step == 4


def test_completion_writes_outcomes_carry_overs_escalations_and_the_review(context):
    draft = draft_for(context)
    ana, ben, chioma = draft.members
    first, second = list(ana.outcomes)
    ana.set_status(first, "done")
    ana.toggle_carry(second)  # partial (40% so far), carried
    block = next(iter(ben.roadblocks))
    ben.escalate(block, "mia")
    ben.set_status(next(iter(ben.outcomes)), "missed")
    ben.new_roadblocks.append(NewRoadblock(title="No staging", severity="high"))
    chioma.new_commitments.append(
        NewCommitment(title="Pair with ben", due="next fri", confidence="4")
    )
    draft.adjustments.append(NewAdjustment(kind="reallocate", description="chioma helps ben"))
    draft.pulse, draft.notes = 4, "Tight week"
    plan = plan_team_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)

    statuses = {c["title"]: c["status"] for c in plan.reviewed}
    assert statuses == {
        "Profile the gateway": "done",
        "Write the *runbook*": "partial",
        "Add a cache": "missed",
    }
    (carried,) = plan.carried
    assert carried["carried_from"] == second and carried["week"] == "2026-W48"
    assert (carried["source"], carried["review_id"], carried["owner"]) == (
        "review",
        REVIEW["id"],
        "ana",
    )
    (escalated,) = plan.escalated_roadblocks
    assert (escalated["id"], escalated["owner"], escalated["severity"]) == (block, "mia", "high")
    assert plan.new_roadblocks[0]["owner"] == "ben"
    (new,) = plan.new_commitments
    assert (new["owner"], new["week"], new["due"], new["confidence"]) == (
        "chioma",
        "2026-W48",
        "2026-11-27",
        4,
    )
    assert plan.adjustments[0]["review_id"] == REVIEW["id"]
    review = plan.review
    assert (review["ritual"], review["status"], review["team"], review["facilitator"]) == (
        "team",
        "complete",
        "Platform",
        "mia",
    )
    assert review["participants"] == ["ana", "ben", "chioma"] and review["pulse"] == 4
    assert review["answers"]["written"]["escalated_roadblocks"] == [block]
    for collection, made in plan.writes().items():
        for record in made:
            validate_record(collection, record)


def test_a_commitment_carried_already_is_not_carried_twice(context):
    draft = draft_for(context)
    rid = next(iter(draft.member("ben").outcomes))
    draft.member("ben").toggle_carry(rid)
    context.planned = [commitment("Add a cache", "ben", week="2026-W48", carried_from=rid)]
    plan = plan_team_completion(
        draft, context, review=REVIEW, now=NOW, today=TODAY, undecided="open"
    )
    assert plan.carried == []


def test_completion_refuses_an_invalid_draft(context):
    draft = draft_for(context)
    draft.member("ana").new_commitments.append(NewCommitment(title=""))
    with pytest.raises(DraftInvalid) as caught:
        plan_team_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    assert caught.value.problems == ["ana: new commitment 1: title is empty"]
    assert validate(draft, today=TODAY) == caught.value.problems


def test_completion_with_undecided_commitments_asks_and_records_only_the_choice(context):
    draft = draft_for(context)
    draft.member("ana").set_status(next(iter(draft.member("ana").outcomes)), "done")
    options = {"review": REVIEW, "now": NOW, "today": TODAY}
    with pytest.raises(Undecided) as asked:
        plan_team_completion(draft, context, **options)
    assert asked.value.titles == ["ana: Write the *runbook*", "ben: Add a cache"]
    kept_open = plan_team_completion(draft, context, **options, undecided="open")
    assert {c["title"]: c["status"] for c in kept_open.reviewed} == {
        "Profile the gateway": "done",
        "Write the *runbook*": "open",
        "Add a cache": "open",
    }
    assert [c["title"] for c in kept_open.changed] == ["Profile the gateway"]
    marked = plan_team_completion(draft, context, **options, undecided="missed")
    assert {c["title"]: c["status"] for c in marked.reviewed} == {
        "Profile the gateway": "done",
        "Write the *runbook*": "missed",
        "Add a cache": "missed",
    }


def test_escalating_raises_the_severity_one_level():
    assert [escalated_severity(s) for s in ("low", "medium", "high", "critical", "?")] == [
        "medium",
        "high",
        "critical",
        "critical",
        "high",
    ]


def test_the_summary_shows_every_member_and_user_text_literally(context):
    draft = draft_for(context)
    draft.member("ben").note = "[click](http://x) <b>"
    draft.notes = "# not a heading"
    ana = draft.member("ana")
    first, second = list(ana.outcomes)
    ana.set_status(first, "done")
    ana.set_status(second, "partial")
    draft.member("ben").set_status(next(iter(draft.member("ben").outcomes)), "done")
    plan = plan_team_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    text = completion_markdown(plan, draft)
    assert text.startswith("# Team review Platform 2026-W47\n\nCompleted 2026-11-20 · ")
    assert "facilitator mia" in text and "Participants: ana, ben, chioma" in text
    assert "Say/do: 2 of 3 done (67%)." in text
    assert "## chioma\n\n_Nothing this week: no commitments, no open roadblocks._" in text
    assert "Write the \\*runbook\\* (partial, 40%)" in text
    assert "Note: \\[click\\](http://x) \\<b\\>" in text
    assert "## Notes\n\n\\# not a heading" in text
    assert "- Waiting on legal · still blocking" in text


def test_a_member_with_nothing_decided_has_no_say_do_rather_than_0_of_0(context):
    draft = draft_for(context)
    ana = draft.member("ana")
    for rid in ana.outcomes:
        ana.set_status(rid, "done")
    plan = plan_team_completion(
        draft, context, review=REVIEW, now=NOW, today=TODAY, undecided="open"
    )
    text = completion_markdown(plan, draft)
    ben = text.split("## ben", 1)[1].split("##", 1)[0]
    assert "Say/do: no data (nothing decided yet)." in ben
    assert "0 of 0" not in text


def test_a_new_review_is_for_the_weekly_reviews_week_unless_the_team_did_it_already():
    assert next_period([], TODAY) == "2026-W47"  # a Friday: this week
    assert next_period([], dt.date(2026, 11, 17)) == "2026-W46"  # a Tuesday: last week
    assert next_period(["2026-W45", "2026-W46"], TODAY) == "2026-W47"
    assert next_period(["2026-W47", "nonsense"], TODAY) == "2026-W48"


def test_an_escalation_to_someone_who_is_not_a_person_is_refused(context):
    draft = draft_for(context)
    ben = draft.member("ben")
    ben.escalate(next(iter(ben.roadblocks)), "zed")  # a draft from before the check, say
    with pytest.raises(DraftInvalid) as refused:
        plan_team_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    assert refused.value.problems == [
        "ben: roadblock 'Waiting on legal': owner: no person named 'zed'; "
        "known people: ana, ben, mia"
    ]


def test_a_member_may_link_to_their_goals_and_the_teams_not_another_teams():
    def goal(title: str, **fields: str) -> dict:
        return records.new_record("goals", {"title": title, "status": "active", **fields}, NOW)

    own, team = goal("Own", owner="ana"), goal("Ours", team="Platform")
    other = goal("Theirs", owner="ben", team="Mobile")
    context = TeamContext(members=["ana", "ben"], goals=[own, team, other], team="Platform")
    assert [g["title"] for g in context.goals_of("ana")] == ["Own", "Ours"]
    assert [g["title"] for g in context.goals_of("ben")] == ["Ours", "Theirs"]
