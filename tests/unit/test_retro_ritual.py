"""The retrospective as pure logic: cards, votes, groups, follow-up, health, plan, summary.

"now" and "today" are passed in, so every expectation is exact. Records are made by the
domain's own constructors, so they are valid records of the export format.
"""

import datetime as dt
import json
import pkgutil
import subprocess
import sys

import pytest

import stratui.rituals
from stratui.domain import records
from stratui.domain.schema import validate_record
from stratui.rituals.retro import (
    PHASES,
    DraftInvalid,
    NewAction,
    RetroContext,
    RetroDraft,
    RetroRefused,
    rank_topics,
    similar,
    validate_phase,
)
from stratui.rituals.retro.completion import action_week, plan_retro_completion
from stratui.rituals.retro.formats import CATEGORIES, FORMATS, categories
from stratui.rituals.retro.history import (
    HealthChange,
    compare_health,
    next_retro_due,
    open_actions,
)
from stratui.rituals.retro.summary import completion_markdown
from stratui.rituals.retro.validation import context_problems

NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 20)  # a Friday of 2026-W47


def review_record(period="2026-W47", status="draft", **extra) -> dict:
    fields = {
        "ritual": "retro",
        "period": period,
        "team": "Platform",
        "participants": ["ana", "ben"],
        "status": status,
        "started_at": "2026-11-20T16:00:00Z",
        **extra,
    }
    return records.new_record("reviews", fields, NOW)


PREVIOUS = review_record("2026-W45", "complete", health={"pace": 3, "fun": 4, "mission": 2})
REVIEW = review_record()


def action(title, owner="ben", status="open", progress=None) -> dict:
    record = records.new_commitment(
        title=title, owner=owner, week="2026-W46", now=NOW, source="retro", review_id=PREVIOUS["id"]
    )
    if progress is not None:
        record = records.updated("commitments", record, {"progress": progress}, NOW)
    if status != "open":
        record = records.close_commitment(record, status, NOW, TODAY)
    return record


def draft_at(phase: str, context: RetroContext | None = None) -> RetroDraft:
    draft = RetroDraft(team="Platform", period="2026-W47", facilitator="ana")
    draft.fill_defaults(context or RetroContext(members=["ana", "ben", "chioma"]))
    draft.choose_format("start-stop-continue")
    draft.step = PHASES.index(phase)
    return draft


# -- formats ------------------------------------------------------------------------------


def test_every_format_has_its_categories():
    assert set(CATEGORIES) == set(FORMATS)
    assert categories("4ls") == ("liked", "learned", "lacked", "longed-for")
    assert categories("well-improve-ideas") == ("well", "improve", "ideas")
    with pytest.raises(ValueError, match="format: expected one of start-stop-continue"):
        categories("kanban")


def test_the_format_cannot_change_under_cards_that_would_not_fit():
    draft = draft_at("gather")
    draft.add_card("stop", "Late deploys")
    with pytest.raises(RetroRefused, match="format: 1 card"):
        draft.choose_format("mad-sad-glad")
    draft.choose_format("start-stop-continue")
    with pytest.raises(RetroRefused, match="category: expected one of start, stop, continue"):
        draft.add_card("glad", "Nice")


# -- gather: cards, authors, hidden until revealed ----------------------------------------


def test_a_card_is_hidden_until_revealed_and_blank_author_means_anonymous():
    draft = draft_at("gather")
    named = draft.add_card("start", "  Pair on reviews ", author=" ben ")
    anonymous = draft.add_card("stop", "Meetings without agenda", author="   ")
    assert (named.text, named.author, named.revealed) == ("Pair on reviews", "ben", False)
    assert anonymous.author is None
    assert draft.advance(TODAY) == ["cards: 2 still hidden; reveal them to go on"]
    draft.reveal(named.id)
    assert draft.hidden_count == 1
    assert draft.reveal_all() == 1 and draft.advance(TODAY) == []
    with pytest.raises(RetroRefused, match="text: write something"):
        draft.add_card("start", "  ")


# -- group and vote -----------------------------------------------------------------------


def test_similar_cards_are_suggested_and_grouped_into_one_topic():
    draft = draft_at("group")
    a = draft.add_card("stop", "Meetings without an agenda")
    draft.add_card("start", "Pairing on reviews")
    c = draft.add_card("stop", "Meetings without agenda drag on")
    assert draft.suggest_groups() == [[a.id, c.id]]
    draft.group_cards([a.id, c.id], " Meetings ")
    assert list(draft.groups()) == ["Meetings"] and draft.suggest_groups() == []
    draft.reveal_all()
    draft.cast_vote("ana", "group:Meetings")  # the group's own dot
    draft.cast_vote("ben", c.id)
    (top, second) = draft.topics()
    assert (top.key, top.label, top.card_ids, top.votes) == (
        "group:Meetings",
        "Meetings",
        (a.id, c.id),
        2,
    )
    assert top.is_group and not second.is_group
    with pytest.raises(RetroRefused, match="group: name the group"):
        draft.group_cards([a.id], " ")
    draft.ungroup([c.id])
    assert [card.id for card in draft.groups()["Meetings"]] == [a.id]


def test_a_dot_on_a_group_is_the_groups_not_its_first_cards():
    draft = draft_at("vote")
    a = draft.add_card("stop", "Meetings without an agenda")
    b = draft.add_card("stop", "Meetings drag on")
    lone = draft.add_card("start", "Pairing")
    draft.group_cards([a.id, b.id], "Meetings")
    draft.reveal_all()
    draft.cast_vote("ana", "group:Meetings")
    draft.cast_vote("ben", "group:Meetings")
    draft.cast_vote("ben", b.id)  # a dot on one card of the group
    draft.cast_vote("ana", lone.id)
    assert draft.card_votes() == {a.id: 0, b.id: 1, lone.id: 1}  # each card its own
    assert draft.group_votes() == {"Meetings": 2}
    (top, second) = draft.topics()
    assert (top.key, top.votes, top.group_votes) == ("group:Meetings", 3, 2)
    assert (second.key, second.votes, second.group_votes) == (lone.id, 1, 0)
    assert draft.votes_left("ben") == 1  # the limit counts dots on groups too
    draft.retract_vote("ben", "group:Meetings")  # the group's own dot first
    draft.retract_vote("ben", "group:Meetings")  # then one on a card of it
    assert "ben" not in draft.votes
    assert draft.group_votes() == {"Meetings": 1} and draft.card_votes()[b.id] == 0
    assert validate_phase(draft, "vote") == []


def test_a_groups_dots_follow_a_rename_and_come_back_when_it_is_gone():
    draft = draft_at("vote")
    a = draft.add_card("stop", "Meetings without an agenda")
    b = draft.add_card("stop", "Meetings drag on")
    draft.group_cards([a.id, b.id], "Meetings")
    draft.reveal_all()
    draft.cast_vote("ana", "group:Meetings")
    draft.group_cards([a.id, b.id], "Too many meetings")  # renamed: the dot follows
    assert draft.votes == {"ana": {"group:Too many meetings": 1}}
    with pytest.raises(RetroRefused, match="group: no group 'Meetings'"):
        draft.cast_vote("ana", "group:Meetings")
    draft.ungroup([a.id, b.id])  # the group is gone: its dot is given back
    assert draft.votes == {} and draft.votes_left("ana") == 3


def test_the_finished_retro_keeps_a_groups_dots_and_the_summary_credits_the_group():
    context = RetroContext(members=["ana", "ben"], people=PEOPLE)
    draft = draft_at("summary", context)
    a = draft.add_card("stop", "Meetings without an agenda")
    b = draft.add_card("stop", "Meetings drag on")
    lone = draft.add_card("start", "Pairing")
    draft.group_cards([a.id, b.id], "Meetings")
    draft.reveal_all()
    for voter in ("ana", "ben"):
        draft.cast_vote(voter, "group:Meetings")
    draft.cast_vote("ana", b.id)
    draft.cast_vote("ben", lone.id)
    plan = plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    assert {item["id"]: item["votes"] for item in plan.items} == {a.id: 0, b.id: 1, lone.id: 1}
    assert plan.review["answers"]["group_votes"] == {"Meetings": 2}
    text = completion_markdown(plan, draft)
    assert "1. **Meetings** (2 cards) · 3 votes (2 on the group, 1 on its cards)" in text
    assert "2. Pairing · 1 vote" in text
    assert "- Meetings without an agenda · group: Meetings · 0 votes" in text
    assert "- Meetings drag on · group: Meetings · 1 vote" in text


def test_an_action_takes_a_goal_and_a_confidence_and_a_known_owner():
    goal = records.new_record("goals", {"title": "Ship *faster*", "status": "active"}, NOW)
    context = RetroContext(members=["ana", "ben"], people=PEOPLE, goals=[goal])
    draft = draft_at("summary", context)
    draft.add_action("Cache the builds", "Ben", due="fri", goal_id=goal["id"], confidence=4)
    plan = plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    (made,) = plan.actions
    assert (made["owner"], made["goal_id"], made["confidence"]) == ("ben", goal["id"], 4)
    text = completion_markdown(plan, draft, goals=[goal])
    assert "- Cache the builds · owner ben · goal: Ship \\*faster\\* · due 2026-11-20" in text
    assert "· confidence 4/5" in text
    draft.add_action("Ask legal", "zed", confidence="6", goal_id="nope")
    assert validate_phase(draft, "discuss", today=TODAY) == [
        "action 2: confidence must be 1-5, or blank"
    ]
    with pytest.raises(DraftInvalid) as refused:
        plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    assert refused.value.problems[-2:] == [
        "action 2: owner: no person named 'zed'; known people: ana, ben, chioma",
        "action 2: goal: it is not an active goal; choose another",
    ]


def test_votes_are_limited_per_participant_and_refused_beyond():
    draft = draft_at("vote")
    draft.set_votes_per_person(2)
    card = draft.add_card("start", "Pair more")
    hidden = draft.add_card("stop", "Late deploys")
    draft.reveal(card.id)
    with pytest.raises(RetroRefused, match="reveal the card"):
        draft.cast_vote("ana", hidden.id)
    with pytest.raises(RetroRefused, match="voter: 'zed' is not a participant"):
        draft.cast_vote("zed", card.id)
    assert draft.cast_vote("ana", card.id) == 1
    assert draft.cast_vote("ana", card.id) == 0  # dots stack on one card
    with pytest.raises(RetroRefused, match="votes: ana has used all 2 votes"):
        draft.cast_vote("ana", card.id)
    assert draft.cast_vote("ben", card.id) == 1  # the limit is per participant
    with pytest.raises(RetroRefused, match="someone has cast 2 already"):
        draft.set_votes_per_person(1)
    assert draft.retract_vote("ana", card.id) == 1
    with pytest.raises(RetroRefused, match="ben has no vote"):
        draft.retract_vote("ben", hidden.id)
    assert draft.card_votes() == {card.id: 2, hidden.id: 0}
    with pytest.raises(RetroRefused, match="votes per person: expected a whole number"):
        draft.set_votes_per_person("lots")


def test_votes_edited_beyond_the_limit_keep_the_phase_from_being_left():
    draft = draft_at("vote")
    card = draft.add_card("start", "Pair more")
    draft.reveal_all()
    draft.votes = {"ana": {card.id: 4}, "zed": {card.id: 1}, "ben": {"gone": 1}}
    assert validate_phase(draft, "vote") == [
        "votes: ana cast 4 of 3; take some back",
        "votes: 'zed' is not a participant",
        "votes: ben voted on a card or group that is gone",
    ]


def test_topics_are_ordered_by_votes_then_by_the_card_written_first():
    cards = [
        {"id": "c1", "text": "one", "votes": 2},
        {"id": "c2", "text": "two", "votes": 3},
        {"id": "c3", "text": "three", "group": "G", "votes": 1},
        {"id": "c4", "text": "four", "votes": 3},
        {"id": "c5", "text": "five", "group": "G", "votes": 1},
        {"id": "c6", "text": "six", "votes": 0},
    ]
    ranked = rank_topics(cards)
    assert [(t.key, t.votes) for t in ranked] == [
        ("c2", 3),  # ties at 3: c2 was written before c4
        ("c4", 3),
        ("c1", 2),  # the group's 2 ties with c1, written earlier
        ("group:G", 2),
        ("c6", 0),
    ]
    assert rank_topics(list(reversed(cards)))[0].key == "c4"  # order decides ties only


def test_similar_needs_half_the_significant_words_in_common():
    cards = [("a", "Flaky tests in CI"), ("b", "CI tests are flaky"), ("c", "The coffee")]
    assert similar(cards) == [["a", "b"]]
    assert similar(cards, threshold=1.1) == []


# -- follow-up: the gate -------------------------------------------------------------------


def follow_up_context() -> RetroContext:
    return RetroContext(
        members=["ana", "ben"],
        people=PEOPLE,
        previous_review=PREVIOUS,
        previous_actions=[
            action("Timebox standups", status="done"),
            action("Quarantine flaky tests", owner="ana"),
            action("Write a handover template", progress=50),
        ],
    )


def test_each_previous_action_must_get_a_disposition_before_the_retro_can_finish():
    context = follow_up_context()
    draft = draft_at("follow-up", context)
    done, flaky, handover = (a["id"] for a in context.previous_actions)
    assert draft.follow_ups[done].disposition == "done"  # settled already
    assert draft.undisposed == [flaky, handover]
    assert draft.advance(TODAY) == [
        "action 'Quarantine flaky tests': choose done, dropped or carried",
        "action 'Write a handover template': choose done, dropped or carried",
    ]
    draft.step = PHASES.index("summary")  # jumping ahead does not open the gate
    with pytest.raises(DraftInvalid) as caught:
        plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    assert len(caught.value.problems) == 2
    with pytest.raises(RetroRefused, match="it is done already"):
        draft.dispose(done, "dropped")
    with pytest.raises(RetroRefused, match="disposition: expected one of done, dropped"):
        draft.dispose(flaky, "forgotten")
    draft.dispose(flaky, "dropped", note="Not worth it")
    draft.dispose(handover, "carried")
    draft.step = PHASES.index("follow-up")
    assert draft.undisposed == [] and draft.advance(TODAY) == []


def test_a_carried_action_becomes_a_new_linked_retro_commitment():
    context = follow_up_context()
    draft = draft_at("summary", context)
    done, flaky, handover = (a["id"] for a in context.previous_actions)
    draft.dispose(flaky, "dropped", note="Not worth it")
    draft.dispose(handover, "carried")
    plan = plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    after = {r["id"]: r for r in plan.followed_up}
    assert after[done]["status"] == "done"
    assert (after[flaky]["status"], after[flaky]["notes"]) == ("dropped", "Not worth it")
    assert after[handover]["status"] == "partial"  # it had progress: counted as a slip
    assert {r["id"] for r in plan.changed} == {flaky, handover}
    (carried,) = plan.carried
    assert carried["carried_from"] == handover
    assert (carried["source"], carried["review_id"]) == ("retro", REVIEW["id"])
    assert (carried["owner"], carried["week"], carried["status"]) == ("ben", "2026-W48", "open")
    assert plan.review["answers"]["written"]["carried"] == [carried["id"]]
    context.carried_before = {handover}  # carried over elsewhere already: not twice
    assert plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY).carried == []


# -- actions, health, the finished review ------------------------------------------------


def test_health_is_compared_with_the_previous_retro():
    changes = compare_health({"pace": 4, "fun": 4, "codebase": 2}, PREVIOUS["health"])
    assert changes == [
        HealthChange("pace", 4, 3),
        HealthChange("fun", 4, 4),
        HealthChange("codebase", 2, None),
        HealthChange("mission", None, 2),
    ]
    assert [c.delta for c in changes] == [1, 0, None, None]
    assert [c.text for c in changes] == [
        "pace 4/5 (was 3, +1)",
        "fun 4/5 (was 4, no change)",
        "codebase 2/5 (new)",
        "mission not rated (was 2)",
    ]
    assert compare_health({"pace": 2}, None) == [HealthChange("pace", 2, None)]


def test_the_health_check_defaults_to_the_previous_dimensions_and_is_optional():
    draft = draft_at("health", follow_up_context())
    assert list(draft.health) == ["pace", "fun", "mission"]
    assert draft.advance(TODAY) == [] and draft.health_scores() == {}  # skipped
    draft.step = PHASES.index("health")
    draft.health_check = True
    assert draft.advance(TODAY) == ["health: rate at least one dimension, or skip the health check"]
    draft.health["fun"] = "7"
    assert validate_phase(draft, "health") == ["health fun: choose 1-5, or leave it blank"]
    with pytest.raises(RetroRefused, match="pace: choose 1-5"):
        draft.rate("pace", 0)
    draft.rate("pace", "4")
    draft.rate("fun", None)
    assert draft.health_scores() == {"pace": 4}
    fresh = draft_at("health")
    assert list(fresh.health) == ["pace", "fun", "teamwork", "codebase", "learning", "mission"]


PEOPLE = [records.new_record("people", {"name": name}, NOW) for name in ("ana", "ben", "chioma")]


def finished_draft() -> tuple[RetroDraft, RetroContext]:
    context = RetroContext(
        members=["ana", "ben", "chioma"], previous_review=PREVIOUS, people=PEOPLE
    )
    draft = draft_at("summary", context)
    draft.set_votes_per_person(2)
    first = draft.add_card("start", "Pair on *reviews*", author="ana")
    draft.add_card("stop", "Deploys on [Friday](http://x)")
    draft.reveal_all()
    draft.cast_vote("ben", first.id)
    draft.add_action("Set up a review rota", "ben", due="today", topic=first.id)
    draft.add_action("Book a docs afternoon", "chioma")
    draft.add_action("Ask product for a freeze", "ana", due="fri")
    draft.rate("pace", 4)
    draft.discussion[first.id] = "Everyone agrees"
    return draft, context


def test_finishing_writes_cards_actions_and_the_retro_review():
    draft, context = finished_draft()
    plan = plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    named, anonymous = plan.items
    assert (named["id"], named["author"], named["votes"]) == (draft.cards[0].id, "ana", 1)
    assert "author" not in anonymous and anonymous["votes"] == 0
    rota, docs, freeze = plan.actions
    assert (rota["source"], rota["review_id"], rota["owner"]) == ("retro", REVIEW["id"], "ben")
    assert (rota["due"], rota["week"]) == ("2026-11-20", "2026-W47")  # the week it is due in
    assert (docs["week"], "due" in docs) == ("2026-W48", False)  # else the week after
    # fri: the coming Friday, as everywhere (today, a Friday), so the week it is due in
    assert (freeze["due"], freeze["week"]) == ("2026-11-20", "2026-W47")
    review = plan.review
    assert (review["ritual"], review["status"], review["format"]) == (
        "retro",
        "complete",
        "start-stop-continue",
    )
    assert review["health"] == {"pace": 4} and review["participants"] == ["ana", "ben", "chioma"]
    assert review["answers"]["votes"] == {}  # who voted for what is not kept
    assert review["answers"]["written"]["items"] == [named["id"], anonymous["id"]]
    for collection, made in plan.writes().items():
        for record in made:
            validate_record(collection, record)


def test_an_action_needs_a_title_an_owner_and_a_readable_due_date():
    draft = draft_at("discuss")
    draft.add_action(" ", " ", due="someday", topic="nope")
    assert draft.advance(TODAY) == [
        "action 1: title is empty",
        "action 1: owner is empty; name who does it",
        "action 1: due must be a date (2026-12-04, fri, +3d, eow)",
        "action 1: its topic is gone; choose another or none",
    ]
    assert action_week("2026-11-10", "2026-W47") == "2026-W48"  # before the retro's week


def test_the_setup_names_every_missing_choice():
    draft = RetroDraft(team="", period="2026-W54", facilitator=" ", votes_per_person=0)
    draft.participants = ["ana", "ana"]
    assert validate_phase(draft, "setup") == [
        "team: choose the team",
        "period: expected an ISO week YYYY-Www that exists",
        "facilitator: name who runs the retrospective",
        "format: choose one of start-stop-continue, 4ls, mad-sad-glad, well-improve-ideas",
        "participants: a name is listed twice",
        "votes per person: expected a whole number from 1 to 20",
    ]


def test_the_draft_round_trips_through_json():
    draft, _ = finished_draft()
    draft.cards[1].group = "Deploys"
    answers = json.loads(json.dumps(draft.to_answers()))
    assert answers["ritual"] == "retro"
    assert RetroDraft.from_answers(answers) == draft
    broken = RetroDraft.from_answers({"cards": [{"text": "no id"}], "votes": {"x": "y"}})
    assert broken.cards == [] and broken.votes == {} and broken.phase == "setup"


def test_the_summary_shows_user_text_literally_and_the_health_trend():
    draft, context = finished_draft()
    plan = plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)
    text = completion_markdown(plan, draft, PREVIOUS)
    assert text.startswith(
        "# Retrospective Platform 2026-W47\n\nCompleted 2026-11-20 · "
        "format Start / Stop / Continue · facilitator ana\n\nParticipants: ana, ben, chioma"
    )
    assert "### Start\n\n- Pair on \\*reviews\\* · by ana · 1 vote" in text
    assert "### Stop\n\n- Deploys on \\[Friday\\](http://x) · 0 votes" in text
    assert "1. Pair on \\*reviews\\* · 1 vote · notes: Everyone agrees" in text
    assert "- Set up a review rota · owner ben · due 2026-11-20" in text
    assert "## Health\n\n- pace 4/5 (was 3, +1)\n- fun not rated (was 4)" in text


# -- the cadence and the open actions ------------------------------------------------------


def test_the_next_retro_is_due_two_weeks_after_the_last():
    held = [PREVIOUS, review_record("2026-W43", "complete"), review_record("2026-W47")]
    due = next_retro_due("Platform", held, TODAY)  # the draft of W47 does not count
    assert (due.period, due.last_period, due.due, due.overdue) == (
        "2026-W47",
        "2026-W45",
        True,
        False,
    )
    assert due.text == "retrospective Platform 2026-W47: due this week"
    later = next_retro_due("Platform", held, dt.date(2026, 11, 23))
    assert later.overdue and "overdue" in later.text
    early = next_retro_due("Platform", held, dt.date(2026, 11, 13))
    assert not early.due and early.text.endswith("due from Mon 16 Nov")
    first = next_retro_due("Growth", held, TODAY)
    assert (first.period, first.due, first.last_period) == ("2026-W47", True, None)


def test_open_actions_are_aged_from_their_retro_oldest_first():
    previous = {**PREVIOUS, "completed_at": "2026-11-06T16:00:00Z"}
    items = [action("Recent", owner="ana"), action("Done", status="done")]
    older = {**review_record("2026-W41", "complete"), "completed_at": "2026-10-09T16:00:00Z"}
    old = {**action("Old"), "review_id": older["id"]}
    manual = {**action("Not an action"), "source": "manual"}
    found = open_actions([*items, old, manual], {r["id"]: r for r in (previous, older)}, TODAY)
    assert [(a.commitment["title"], a.age_days) for a in found] == [("Old", 42), ("Recent", 14)]


def test_the_ritual_modules_are_pure():
    """Importing every ritual module loads no Textual, TinyDB, Rich, nor the store."""
    names = [
        info.name for info in pkgutil.walk_packages(stratui.rituals.__path__, "stratui.rituals.")
    ]
    assert {"stratui.rituals.retro", "stratui.rituals.team"} <= set(names)
    probe = (
        "import importlib, json, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    modules = json.loads(done.stdout)
    leaked = [m for m in modules if m.startswith(("textual", "tinydb", "rich", "stratui.store"))]
    assert leaked == []


def test_participants_and_authors_must_be_known_people():
    context = RetroContext(members=["ana", "ben"], people=PEOPLE)
    draft = draft_at("summary", context)
    draft.participants = ["ana", "ghost"]
    draft.add_card("start", "Pair more", author="casper")
    assert context_problems(draft, context, "setup") == [
        "participants: no person named 'ghost'; known people: ana, ben, chioma"
    ]
    assert context_problems(draft, context, "gather") == [
        "card 'Pair more': author: no person named 'casper'; known people: ana, ben, chioma"
    ]
    with pytest.raises(DraftInvalid):
        plan_retro_completion(draft, context, review=REVIEW, now=NOW, today=TODAY)


def test_an_action_typed_keeps_the_day_its_due_date_meant_when_typed():
    wednesday = dt.date(2026, 11, 18)
    action = NewAction.typed("Fix CI", "BEN", people=PEOPLE, today=wednesday, due="fri")
    assert (action.owner, action.due) == ("ben", "2026-11-20")  # not re-read on finishing
    with pytest.raises(ValueError, match="owner: no person named 'zed'"):
        NewAction.typed("Fix CI", "zed", people=PEOPLE, today=wednesday)
    with pytest.raises(ValueError, match=r"^confidence: expected a whole number 1-5"):
        NewAction.typed("Fix CI", "ben", people=PEOPLE, today=wednesday, confidence="9")


# -- the facilitator's clock (issue 13) ------------------------------------------------------


def test_a_time_boxed_phase_counts_down_from_when_it_starts():
    import datetime as dt

    from stratui.rituals.retro import RetroDraft, countdown

    noon = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    draft = RetroDraft(team="Platform", period="2026-W47", facilitator="ana")
    assert draft.time_phase(noon) is True and draft.time_left(noon) is None  # setup: no box
    draft.step = 2  # gather: 5 minutes
    assert draft.time_phase(noon) is True
    assert countdown(draft.time_left(noon + dt.timedelta(seconds=55))) == "4:05 left"
    assert draft.time_phase(noon + dt.timedelta(minutes=3)) is False  # resumed: same box
    draft.extend_time(noon + dt.timedelta(minutes=4))
    assert countdown(draft.time_left(noon + dt.timedelta(minutes=4))) == "2:00 left"
    late = noon + dt.timedelta(minutes=9)
    assert countdown(draft.time_left(late)) == "time is up"
    draft.extend_time(late)  # from now, when the time is up
    assert countdown(draft.time_left(late)) == "1:00 left"
    draft.step = 3  # group: no box
    draft.time_phase(late)
    assert draft.time_left(late) is None
    with pytest.raises(RetroRefused, match="the group phase has no time box"):
        draft.extend_time(late)
    again = RetroDraft.from_answers(draft.to_answers())
    assert (again.timer_phase, again.timer_ends) == ("group", "")
