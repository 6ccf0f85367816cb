"""Who a figure covers (METRICS.md, "Scope"): a person, a team, or everyone."""

import pytest

from stratui.domain.metrics.scope import Scope, team_members

TEAMS = [{"name": "Platform", "members": ["ana", "ben"]}, {"name": "Payments", "members": []}]
PEOPLE = [
    {"name": "ana", "teams": ["Platform"]},
    {"name": "cara", "teams": ["Platform"]},  # in the team by her own `teams` only
    {"name": "dev", "teams": ["Payments"]},
]


def test_a_teams_members_are_its_members_and_people_who_name_it():
    assert team_members("Platform", TEAMS, PEOPLE) == {"ana", "ben", "cara"}
    assert team_members("Payments", TEAMS, PEOPLE) == {"dev"}
    assert team_members("Nobody", TEAMS, PEOPLE) == frozenset()


def test_owned_records_are_in_scope_by_owner():
    team = Scope.of_team("Platform", TEAMS, PEOPLE)
    assert team.has_owned({"owner": "cara"}) and not team.has_owned({"owner": "dev"})
    assert Scope(owner="ana").has_owned({"owner": "ana"})
    assert not Scope(owner="ana").has_owned({"owner": "ben"})
    assert not Scope(owner="ana").has_owned({})
    assert Scope().has_owned({}) and Scope().everyone


def test_goals_are_in_scope_by_owner_or_team():
    team = Scope.of_team("Platform", TEAMS, PEOPLE)
    assert team.has_goal({"team": "Platform"})
    assert team.has_goal({"owner": "ben", "team": "Payments"})
    assert not team.has_goal({"owner": "dev"})
    assert not Scope(owner="ana").has_goal({"team": "Platform"})


def test_roadblocks_are_in_scope_by_owner_or_by_what_they_block():
    commitments = {"c1": {"owner": "ana"}, "c2": {"owner": "dev"}}
    goals = {"g1": {"owner": "ana"}}
    ana = Scope(owner="ana")

    def has(roadblock):
        return ana.has_roadblock(roadblock, commitments.get, goals.get)

    assert has({"owner": "ana"})
    assert has({"owner": "dev", "commitment_id": "c1"})
    assert has({"goal_id": "g1"})
    assert not has({"owner": "dev", "commitment_id": "c2"})
    assert not has({"owner": "dev", "commitment_id": "gone"})


def test_a_scope_is_one_person_or_one_team():
    with pytest.raises(ValueError):
        Scope(owner="ana", team="Platform")
    assert Scope(owner="ana").as_json() == {"owner": "ana"}
    assert Scope(team="Platform").as_json() == {"team": "Platform"}
    assert Scope().as_json() == {}
