"""People and teams as pure rules: names, lookups, and what a rename must change.

The rename tests hold :data:`PERSON_REFERENCES` and :data:`TEAM_REFERENCES` against the
schema itself, so a field added to the schema later that names a person or a team
cannot be forgotten by a rename.
"""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.domain import records
from stratui.domain.people import (
    NAME_MAX,
    PERSON_REFERENCES,
    TEAM_REFERENCES,
    check_name,
    find_named,
    parse_names,
    refuse_taken,
    renamed_records,
    require_named,
)
from stratui.domain.schema import SCHEMA, ValidationError, validate_record
from stratui.rituals.renames import rename_person_in_answers, rename_team_in_answers
from stratui.rituals.retro import RetroDraft
from stratui.rituals.team import MemberPart, RoadblockCall, TeamReviewDraft

NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
TODAY = "2026-11-20"


def person(name: str, *teams: str) -> dict:
    return records.new_record("people", {"name": name, "teams": list(teams)}, NOW)


def team(name: str, *members: str) -> dict:
    return records.new_record("teams", {"name": name, "members": list(members)}, NOW)


# -- names ------------------------------------------------------------------------------------


def test_a_name_is_stripped_text_on_one_line_without_commas():
    assert check_name("  Ana Lima ") == "Ana Lima"
    for bad, words in [
        ("", "non-empty"),
        ("   ", "non-empty"),
        ("ana,ben", "commas"),
        ("ana\nben", "one line"),
        ("x" * (NAME_MAX + 1), f"at most {NAME_MAX}"),
        (None, "non-empty"),
    ]:
        with pytest.raises(ValidationError) as caught:
            check_name(bad, "members")
        assert caught.value.field == "members"
        assert words in str(caught.value)


def test_a_list_of_names_is_comma_separated_without_repeats_or_blanks():
    assert parse_names("ana, ben,Ana ,chioma") == ["ana", "ben", "chioma"]
    assert parse_names(["ana", "ben"]) == ["ana", "ben"]
    for bad in ("", " , ", "ana,,ben", "ana,"):
        with pytest.raises(ValidationError, match="members"):
            parse_names(bad)


def test_lookup_prefers_the_exact_name_then_a_unique_match_up_to_case():
    people = [person("ana"), person("Ben"), person("ben2")]
    assert find_named(people, "ana")["name"] == "ana"
    assert find_named(people, " ANA ")["name"] == "ana"
    assert find_named(people, "ben")["name"] == "Ben"
    assert find_named(people, "zed") is None
    assert find_named([person("Ana"), person("ana")], "ANA") is None  # ambiguous
    with pytest.raises(ValidationError) as caught:
        require_named(people, "zed", "members", "person")
    assert str(caught.value) == "members: no person named 'zed'; known people: ana, Ben, ben2"


def test_a_name_is_taken_whatever_its_case_except_by_the_record_itself():
    people = [person("ana"), person("ben")]
    with pytest.raises(ValidationError, match="a person named 'ana' already exists"):
        refuse_taken(people, "ANA", "name", "person")
    refuse_taken(people, "Ana", "new name", "person", but=people[0]["id"])  # a case change
    refuse_taken(people, "carla", "name", "person")


# -- what a rename changes ------------------------------------------------------------------


def _name_fields(references) -> set[tuple[str, str]]:
    return {
        (collection, name) for collection, (single, lists) in references.items() for name in single
    } | {(collection, name) for collection, (single, lists) in references.items() for name in lists}


def test_every_schema_field_that_names_a_person_or_a_team_is_renamed():
    """Fields holding names, by the schema: lists of names, owners, authors, teams..."""
    person_like = {"owner", "facilitator", "author", "participants", "members"}
    team_like = {"team", "teams"}
    covered_people = _name_fields(PERSON_REFERENCES)
    covered_teams = _name_fields(TEAM_REFERENCES)
    for collection, fields in SCHEMA.items():
        for name in fields:
            if name in person_like:
                assert (collection, name) in covered_people, (collection, name)
            if name in team_like:
                assert (collection, name) in covered_teams, (collection, name)
    assert ("people", "name") in covered_people and ("teams", "name") in covered_teams
    for collection, field in covered_people | covered_teams:
        assert field in SCHEMA[collection], (collection, field)


def test_a_person_rename_reaches_every_reference_and_only_exact_ones():
    ana = person("ana", "Platform")
    platform = team("Platform", "ana", "ben")
    goal = records.new_record("goals", {"title": "G", "owner": "ana", "status": "active"}, NOW)
    mine = records.new_commitment(title="ana's", owner="ana", week="2026-W47", now=NOW)
    other = records.new_commitment(title="ana", owner="Ana", week="2026-W47", now=NOW)
    block = records.new_record(
        "roadblocks",
        {
            "title": "B",
            "kind": "other",
            "severity": "low",
            "owner": "ana",
            "raised_on": "2026-11-20",
        },
        NOW,
    )
    review = records.new_record(
        "reviews",
        {
            "ritual": "retro",
            "period": "2026-W47",
            "facilitator": "ana",
            "participants": ["ben", "ana"],
            "status": "complete",
            "started_at": "2026-11-20T09:00:00Z",
        },
        NOW,
    )
    card = records.new_record(
        "retro_items",
        {"review_id": review["id"], "category": "glad", "text": "ana", "author": "ana", "votes": 0},
        NOW,
    )
    gone = records.tombstone(
        records.new_commitment(title="x", owner="ana", week="2026-W47", now=NOW), NOW
    )
    collections = {
        "people": [ana, person("ben")],
        "teams": [platform],
        "goals": [goal],
        "commitments": [mine, other, gone],
        "roadblocks": [block],
        "reviews": [review],
        "retro_items": [card],
    }
    changed = renamed_records(collections, "ana", "ana lima", PERSON_REFERENCES, LATER)
    assert {k: len(v) for k, v in changed.items()} == {
        "people": 1,
        "teams": 1,
        "goals": 1,
        "commitments": 1,
        "roadblocks": 1,
        "reviews": 1,
        "retro_items": 1,
    }
    by_id = {r["id"]: r for rs in changed.values() for r in rs}
    assert by_id[ana["id"]]["name"] == "ana lima"
    assert by_id[platform["id"]]["members"] == ["ana lima", "ben"]
    assert by_id[goal["id"]]["owner"] == "ana lima"
    assert by_id[mine["id"]]["owner"] == "ana lima" and by_id[mine["id"]]["title"] == "ana's"
    assert other["id"] not in by_id  # "Ana" is not "ana": names are matched exactly
    assert by_id[block["id"]]["owner"] == "ana lima"
    assert by_id[review["id"]]["facilitator"] == "ana lima"
    assert by_id[review["id"]]["participants"] == ["ben", "ana lima"]
    assert by_id[card["id"]]["author"] == "ana lima" and by_id[card["id"]]["text"] == "ana"
    for collection, rs in changed.items():
        for record in rs:
            validate_record(collection, record)
            assert record["updated_at"] == "2026-11-21T09:00:00Z"


def test_a_team_rename_reaches_members_goals_and_reviews():
    platform = team("Platform", "ana")
    ana = person("ana", "Platform", "Growth")
    goal = records.new_record("goals", {"title": "G", "team": "Platform", "status": "active"}, NOW)
    changed = renamed_records(
        {"teams": [platform, team("Growth")], "people": [ana], "goals": [goal]},
        "Platform",
        "Core",
        TEAM_REFERENCES,
        LATER,
    )
    assert changed["teams"][0]["name"] == "Core" and len(changed["teams"]) == 1
    assert changed["people"][0]["teams"] == ["Core", "Growth"]
    assert changed["goals"][0]["team"] == "Core"


# -- renames inside the rituals' drafts ---------------------------------------------------


def test_renames_reach_names_inside_every_ritual_draft_but_not_free_text():
    team_draft = TeamReviewDraft(team="Platform", period="2026-W47", facilitator="ana")
    team_draft.members = [
        MemberPart(name="ana", roadblocks={"r1": RoadblockCall(title="ana", owner="ana")}),
        MemberPart(name="ben", note="ana helped"),
    ]
    answers = rename_person_in_answers(team_draft.to_answers(), "ana", "ana lima")
    again = TeamReviewDraft.from_answers(answers)
    assert again.facilitator == "ana lima"
    assert [m.name for m in again.members] == ["ana lima", "ben"]
    assert again.members[0].roadblocks["r1"].owner == "ana lima"
    assert again.members[0].roadblocks["r1"].title == "ana"
    assert again.members[1].note == "ana helped"
    assert answers["participants"] == ["ana lima", "ben"]
    assert rename_team_in_answers(team_draft.to_answers(), "Platform", "Core")["team"] == "Core"

    retro = RetroDraft(team="Platform", period="2026-W47", facilitator="ben")
    retro.participants = ["ana", "ben"]
    retro.choose_format("mad-sad-glad")
    card = retro.add_card("glad", "ana", author="ana")
    retro.reveal_all()
    retro.cast_vote("ana", card.id)
    retro.add_action("Fix it", "ana")
    renamed = RetroDraft.from_answers(rename_person_in_answers(retro.to_answers(), "ana", "al"))
    assert renamed.participants == ["al", "ben"]
    assert renamed.cards[0].author == "al" and renamed.cards[0].text == "ana"
    assert renamed.votes == {"al": {card.id: 1}}
    assert renamed.actions[0].owner == "al"

    weekly = {"ritual": "weekly", "owner": "ana", "checkin": "ana"}
    assert rename_person_in_answers(weekly, "ana", "al") == {**weekly, "owner": "al"}
    assert rename_person_in_answers(weekly, "zed", "al") is None
    assert rename_person_in_answers({}, "ana", "al") is None


def test_renames_reach_a_quarterly_drafts_people_and_planned_goals():
    from stratui.rituals.quarterly import QuarterlyDraft

    draft = QuarterlyDraft(period="2026-Q4", owner="ana", team="Platform", facilitator="ana")
    draft.add_goal("Faster builds", owner="ana", team="Platform")
    renamed = QuarterlyDraft.from_answers(rename_person_in_answers(draft.to_answers(), "ana", "al"))
    assert (renamed.owner, renamed.facilitator, renamed.new_goals[0].owner) == ("al", "al", "al")
    moved = QuarterlyDraft.from_answers(
        rename_team_in_answers(draft.to_answers(), "Platform", "Core")
    )
    assert (moved.team, moved.new_goals[0].team) == ("Core", "Core")
