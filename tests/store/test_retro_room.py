"""Everyone in the retrospective: each participant's cards and ballot are their own
records, the phase gates what each may write, and the facilitator's completion counts
every card and dot once (use cases of :mod:`stratui.usecases.retro_room` on a store).

Today is Wednesday 2026-12-02 (2026-W49). Platform is ana, ben and cy; ana facilitates.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from stratui.clock import Clock
from stratui.domain.schema import ValidationError
from stratui.rituals.retro.ritual import RETRO
from stratui.usecases import people, retro_room, rituals
from stratui.usecases.workspace import Workspace
from tests._person import Person

TODAY = dt.date(2026, 12, 2)


class Team:
    """One store, and a workspace per person on it (as each person's process has)."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        ana = self.as_("ana")
        for name in ("ana", "ben", "cy"):
            people.add_person(ana, name)
        people.add_team(ana, "Platform", ["ana", "ben", "cy"])

    def as_(self, name: str) -> Workspace:
        return Person(self.path, Clock(TODAY), name)


@pytest.fixture
def team(tmp_path, monkeypatch) -> Team:
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("STRATUI_ME", "ana")
    return Team(tmp_path / "store")


def start(ws: Workspace) -> dict:
    """Platform's retrospective in progress, or a new one led by ``ws``'s person."""
    review, _draft = rituals.start_or_resume(ws, RETRO, team="Platform")
    return review


def to_phase(ws: Workspace, review_id: str, phase: str) -> None:
    """The facilitator moves the retrospective to ``phase`` (revealing every card)."""
    review = ws.store.get("reviews", review_id)
    review, draft = rituals.start_or_resume(ws, RETRO, team=review["team"])
    draft.reveal_all()
    draft.step = RETRO.steps.index(phase)
    rituals.save(ws, RETRO, review, draft)


def test_each_card_is_its_authors_record_and_others_see_counts_until_revealed(team):
    ana, ben = team.as_("ana"), team.as_("ben")
    review = start(ana)
    retro_room.add_card(ana, review["id"], "Deploys got faster")
    retro_room.add_card(ben, review["id"], "Flaky tests", category="Stop")
    secret = retro_room.add_card(ben, review["id"], "Too many meetings", anonymous=True)

    stored = {r["text"]: r for r in ana.store.find("retro_items", periods=["2026-W49"])}
    assert stored["Flaky tests"]["author"] == "ben"
    assert stored["Flaky tests"]["category"] == "stop"
    assert "author" not in stored["Too many meetings"]
    # The review's answers hold no card: each card is its author's record only.
    answers = ana.store.get("reviews", review["id"])["answers"]
    assert answers["cards"] == [] and "Flaky" not in json.dumps(answers)

    view = retro_room.room(ana, review["id"]).view("ana")
    assert [c.text for c in view.cards] == ["Deploys got faster"]
    assert view.hidden == {"ben": 1, "anonymous": 1}
    mine = retro_room.room(ben, review["id"]).view("ben", mine={secret["id"]})
    assert sorted(c.text for c in mine.cards) == ["Flaky tests", "Too many meetings"]

    to_phase(ana, review["id"], "gather")
    revealed = retro_room.room(ben, review["id"]).view("ben")
    assert sorted(c.text for c in revealed.cards) == [
        "Deploys got faster",
        "Flaky tests",
        "Too many meetings",
    ]
    assert revealed.hidden == {}


def test_cards_are_taken_until_the_gather_phase_ends(team):
    ana, ben = team.as_("ana"), team.as_("ben")
    review = start(ana)
    to_phase(ana, review["id"], "group")
    with pytest.raises(ValidationError, match="group phase: cards were taken until"):
        retro_room.add_card(ben, review["id"], "Late thought")
    assert ana.store.find("retro_items", periods=["2026-W49"]) == []


@pytest.mark.parametrize(
    ("category", "message"), [("nope", "has start, stop, continue; got 'nope'")]
)
def test_a_card_in_an_unknown_category_is_refused_naming_the_categories(team, category, message):
    ana = team.as_("ana")
    review = start(ana)
    with pytest.raises(ValidationError, match=message):
        retro_room.add_card(ana, review["id"], "x", category=category)


def test_dots_are_limited_per_person_and_given_in_the_vote_phase_only(team):
    ana, ben = team.as_("ana"), team.as_("ben")
    review = start(ana)
    card = retro_room.add_card(ben, review["id"], "Flaky tests")
    with pytest.raises(ValidationError, match="votes are given in the vote phase"):
        retro_room.vote(ben, review["id"], card["id"])
    to_phase(ana, review["id"], "vote")
    assert [retro_room.vote(ben, review["id"], card["id"][:6]) for _ in range(3)] == [2, 1, 0]
    with pytest.raises(ValidationError, match="ben has used all 3 votes"):
        retro_room.vote(ben, review["id"], card["id"])
    assert retro_room.vote(ben, review["id"], card["id"], take_back=True) == 1
    (ballot,) = ben.store.find("retro_ballots", periods=["2026-W49"])
    assert (ballot["person"], ballot["dots"]) == ("ben", {card["id"]: 2})
    # ana's dots are her own ballot: ben's stays as it is.
    retro_room.vote(ana, review["id"], card["id"])
    ballots = {
        b["person"]: b["dots"] for b in ana.store.find("retro_ballots", periods=["2026-W49"])
    }
    assert ballots == {"ben": {card["id"]: 2}, "ana": {card["id"]: 1}}


def test_a_hidden_card_takes_no_dot(team):
    ana, ben = team.as_("ana"), team.as_("ben")
    review = start(ana)
    card = retro_room.add_card(ana, review["id"], "Not revealed yet")
    current, draft = rituals.start_or_resume(ana, RETRO, team="Platform")
    draft.step = RETRO.steps.index("vote")  # on to the vote without revealing it
    rituals.save(ana, RETRO, current, draft)
    with pytest.raises(ValidationError, match="hidden until the facilitator reveals it"):
        retro_room.vote(ben, review["id"], card["id"])
    assert ana.store.find("retro_ballots", periods=["2026-W49"]) == []


def test_each_person_rates_the_health_for_themselves_and_the_review_keeps_the_mean(team):
    ana, ben, cy = team.as_("ana"), team.as_("ben"), team.as_("cy")
    review = start(ana)
    retro_room.add_card(ben, review["id"], "Flaky tests")
    to_phase(ana, review["id"], "vote")
    card = ana.store.find("retro_items", periods=["2026-W49"])[0]
    retro_room.vote(ben, review["id"], card["id"])
    retro_room.vote(cy, review["id"], card["id"])
    to_phase(ana, review["id"], "health")
    with pytest.raises(ValidationError, match="dimension: expected one of"):
        retro_room.rate(ben, review["id"], "vibes", 3)
    retro_room.rate(ben, review["id"], "pace", 4)
    retro_room.rate(cy, review["id"], "Pace", 1)
    retro_room.rate(cy, review["id"], "fun", 5)

    review_now, draft = rituals.start_or_resume(ana, RETRO, team="Platform")
    assert retro_room.room(ana, review["id"]).attendance().line("health").startswith(
        "2 of 3 have rated"
    )
    draft.rate("pace", 3)  # the facilitator's own rating
    draft.step = RETRO.steps.index("summary")
    rituals.save(ana, RETRO, review_now, draft)
    assert retro_room.room(ana, review["id"]).attendance().line("health").startswith(
        "3 of 3 have rated"  # the facilitator counts too
    )
    rituals.complete(ana, RETRO, review_now, draft)

    done = ana.store.get("reviews", review["id"])
    assert done["status"] == "complete"
    assert done["health"] == {"pace": 3, "fun": 5}  # (4 + 1 + 3) / 3 = 2.67 -> 3
    assert set(done["participants"]) >= {"ana", "ben", "cy"}
    (item,) = ana.store.find("retro_items", periods=["2026-W49"])
    assert item["votes"] == 2
    # Who voted or rated what is not kept: the ballots are gone, the card keeps the
    # total, and the facilitator's own ratings are not kept either.
    assert ana.store.find("retro_ballots", periods=["2026-W49"]) == []
    assert done["answers"]["health"] == {}
    with pytest.raises(ValidationError, match="has closed"):
        retro_room.add_card(ben, review["id"], "One more thing")


def test_two_starts_of_the_teams_next_retro_are_one_retro(team):
    """The id of the team's n-th retrospective of a week is the same on every machine."""
    ana, ben = team.as_("ana"), team.as_("ben")
    first = start(ana)
    assert start(ben)["id"] == first["id"]
    expected = RETRO.draft_id(ana, {"team": "Platform"}, "2026-W49")
    assert first["id"] != expected  # the first is taken: a next one would get another id
    assert RETRO.draft_id(ben, {"team": "platform"}, "2026-W49") == expected


def test_taking_over_makes_the_previous_facilitators_saves_refused(team):
    ana, ben = team.as_("ana"), team.as_("ben")
    review = start(ana)
    stale, draft = rituals.start_or_resume(ana, RETRO, team="Platform")
    retro_room.take_over(ben, review["id"])
    assert ana.store.get("reviews", review["id"])["facilitator"] == "ben"
    draft.step = 2
    with pytest.raises(ValueError, match="facilitator: ben leads this retrospective now"):
        rituals.save(ana, RETRO, stale, draft)


def test_a_retro_moved_to_another_quarter_takes_its_cards_along(team):
    ana = team.as_("ana")
    review = start(ana)
    retro_room.add_card(ana, review["id"], "Card written in W49")
    current, draft = rituals.start_or_resume(ana, RETRO, team="Platform")
    rituals.move(ana, RETRO, current, draft, "2027-W01")  # another shard (2027-Q1)
    moved = retro_room.room(ana, review["id"])
    assert [c.text for c in moved.draft.cards] == ["Card written in W49"]
    assert ana.store.find("retro_items", periods=["2026-W49"]) == []


def test_a_card_from_a_shell_starts_the_next_retro_led_by_no_one_yet(team):
    """So an anonymous first card does not name its writer as the one who started it."""
    ben = team.as_("ben")
    review, card = retro_room.add_card_ahead(ben, "Nobody knows", team="Platform", anonymous=True)
    assert "facilitator" not in ben.store.get("reviews", review["id"])
    assert "author" not in card
    assert retro_room.open_review(ben, "Platform")["id"] == review["id"]


def test_a_refused_card_from_a_shell_starts_no_retro(team):
    ben = team.as_("ben")
    with pytest.raises(ValidationError, match="category"):
        retro_room.add_card_ahead(ben, "x", team="Platform", category="kudos")
    with pytest.raises(ValidationError, match="text: write something"):
        retro_room.add_card_ahead(ben, "  ", team="Platform")
    assert retro_room.open_review(ben, "Platform") is None


def test_my_ratings_and_dots_are_found_by_my_stored_name_whatever_its_case(tmp_path, monkeypatch):
    """ben's login is ben; the team stored him as Ben: his second rating keeps his first."""
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path / "config"))
    path = str(tmp_path / "store")
    ana = Person(path, Clock(TODAY), "ana")
    for name in ("ana", "Ben"):
        people.add_person(ana, name)
    people.add_team(ana, "Platform", ["ana", "Ben"])
    ben = Person(path, Clock(TODAY), "ben")
    review = start(ana)
    to_phase(ana, review["id"], "health")
    retro_room.rate(ben, review["id"], "pace", 4)
    retro_room.rate(ben, review["id"], "fun", 2)
    (ballot,) = ana.store.find("retro_ballots", periods=["2026-W49"])
    assert (ballot["person"], ballot["ratings"]) == ("Ben", {"pace": 4, "fun": 2})
    assert retro_room.my_name(ben) == "Ben"


def test_after_a_rename_my_ballot_is_still_the_one_i_vote_with(team):
    ana, ben = team.as_("ana"), team.as_("ben")
    review = start(ana)
    card = retro_room.add_card(ben, review["id"], "Flaky tests")
    to_phase(ana, review["id"], "vote")
    retro_room.vote(ben, review["id"], card["id"])
    people.rename_person(ana, "ben", "benjamin")
    benjamin = team.as_("benjamin")
    assert retro_room.vote(benjamin, review["id"], card["id"]) == 1  # 2 of 3 used
    (ballot,) = ana.store.find("retro_ballots", periods=["2026-W49"])
    assert (ballot["person"], ballot["dots"]) == ("benjamin", {card["id"]: 2})
