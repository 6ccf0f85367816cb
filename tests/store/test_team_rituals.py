"""People, teams and the team rituals over a real store: one transaction each, resumable.

Every test runs on a store in memory and on a directory (the ``store`` fixture); the
resume test opens the same directory again, as a new process would.
"""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.clock import Clock
from stratui.demo import generate_history
from stratui.domain.schema import ValidationError
from stratui.rituals.base import ReviewError
from stratui.rituals.retro import PHASES, DraftInvalid, RetroDraft
from stratui.rituals.retro.ritual import RETRO
from stratui.rituals.team import NewAdjustment, NewCommitment, NewRoadblock
from stratui.rituals.team.ritual import TEAM
from stratui.store.store import Store
from stratui.usecases import commitments, exchange, goals, people, roadblocks
from stratui.usecases.workspace import Workspace
from tests._ritual_support import Bound, bound

FRIDAY = dt.date(2026, 11, 20)  # 2026-W47
TWO_WEEKS_LATER = dt.date(2026, 12, 4)  # 2026-W49


def app_on(store: Store, today: dt.date = FRIDAY) -> Workspace:
    return Workspace(store, Clock(today))


def files(store: Store) -> dict[str, bytes]:
    """What a user or git sees of the store: its record files, byte for byte."""
    backend = store.backend
    return {rel: backend.read(rel) for rel in sorted(backend.listing())}


def platform(app: Workspace) -> None:
    for name in ("ana", "ben", "chioma"):
        people.add_person(app, name)
    people.add_person(app, "mia")
    people.add_team(app, "Platform", "ana,ben,chioma")


# -- people and teams ----------------------------------------------------------------------


def test_a_team_and_its_members_agree_after_every_change(store, monkeypatch):
    monkeypatch.setenv("STRATUI_ME", "ana")  # no one else is made a person by the first write
    app = app_on(store)
    platform(app)
    assert [t["members"] for t in people.teams(app)] == [["ana", "ben", "chioma"]]
    assert {p["name"]: p["teams"] for p in people.people(app)} == {
        "ana": ["Platform"],
        "ben": ["Platform"],
        "chioma": ["Platform"],
        "mia": [],
    }
    people.add_members(app, "platform", "MIA")  # names are found up to case
    people.remove_members(app, "Platform", ["ben"])
    assert people.team(app, "Platform")["members"] == ["ana", "chioma", "mia"]
    assert people.person(app, "mia")["teams"] == ["Platform"]
    assert people.person(app, "ben")["teams"] == []
    assert [t["name"] for t in people.teams_of(app, "ana")] == ["Platform"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda app: people.add_person(app, "ANA"), "name", "already exists"),
        (lambda app: people.add_person(app, " "), "name", "non-empty"),
        (lambda app: people.add_team(app, "platform"), "name", "already exists"),
        (lambda app: people.add_team(app, "Growth", "ana,zed"), "members", "'zed'"),
        (lambda app: people.add_members(app, "Platform", "ana"), "members", "already"),
        (lambda app: people.add_members(app, "Nope", "ana"), "team", "no team named"),
        (lambda app: people.remove_members(app, "Platform", "mia"), "members", "not a member"),
        (lambda app: people.rename_person(app, "ana", "Ben"), "new name", "already exists"),
        (lambda app: people.rename_person(app, "zed", "x"), "person", "no person named"),
        (lambda app: people.rename_team(app, "Platform", "a,b"), "new name", "commas"),
        (lambda app: people.set_me(app, "zed"), "person", "no person named"),
    ],
)
def test_refused_changes_name_the_field_and_write_nothing(store, change, field, words):
    app = app_on(store)
    platform(app)
    before = files(store)
    with pytest.raises(ValidationError) as caught:
        change(app)
    assert caught.value.field == field and words in str(caught.value)
    assert files(store) == before


def test_renaming_a_person_rewrites_every_record_naming_them_in_one_go(store, monkeypatch):
    monkeypatch.delenv("STRATUI_ME", raising=False)
    app = app_on(store)
    platform(app)
    people.set_me(app, "ana")
    goals.create(app, {"title": "Cut latency", "team": "Platform"})  # owned by me: ana
    commitments.log(app, "Profile", owner="ana", week="2026-W47")
    roadblocks.block(app, "Waiting on legal", owner="ana")
    reviews = bound(app_on(store), TEAM)
    review, draft = reviews.start_or_resume("Platform", facilitator="ana")
    reviews.save(review, draft)

    renamed = people.rename_person(app, "ana", "ana lima")
    assert renamed["name"] == "ana lima"
    assert renamed["former_names"] == ["ana"]  # kept to follow a rename racing a sync
    everything = store.collections()
    others = {**everything, "people": [p for p in everything["people"] if p["id"] != renamed["id"]]}
    assert "'ana'" not in repr(others)  # no other record names the old name any more
    assert everything["goals"][0]["owner"] == "ana lima"
    assert everything["commitments"][0]["owner"] == "ana lima"
    assert everything["roadblocks"][0]["owner"] == "ana lima"
    assert everything["teams"][0]["members"] == ["ana lima", "ben", "chioma"]
    (draft_review,) = everything["reviews"]
    assert draft_review["facilitator"] == "ana lima"
    assert draft_review["answers"]["members"][0]["name"] == "ana lima"
    assert app.me == "ana lima"  # the local "me" setting followed
    resumed = bound(app_on(store), TEAM).start_or_resume("Platform")[1]
    assert [m.name for m in resumed.members] == ["ana lima", "ben", "chioma"]

    people.rename_team(app, "Platform", "Core")
    assert people.person(app, "ben")["teams"] == ["Core"]
    assert store.find("goals")[0]["team"] == "Core"
    assert store.find("reviews")[0]["team"] == "Core"
    assert store.find("reviews")[0]["answers"]["team"] == "Core"


def test_me_is_set_in_the_local_config_and_stratui_me_still_wins(store, monkeypatch):
    monkeypatch.delenv("STRATUI_ME", raising=False)
    app = app_on(store)
    platform(app)
    me = people.set_me(app, "BEN")
    assert (me.name, me.source, me.configured) == ("ben", "config", "ben")
    assert app.me == "ben"
    monkeypatch.setenv("STRATUI_ME", "chioma")
    assert people.who_am_i(app) == people.Me("chioma", "STRATUI_ME", "ben")


def test_choosing_a_team_by_name_or_by_me(store, monkeypatch):
    app = app_on(store)
    with pytest.raises(ValidationError, match="team: no team yet"):
        people.choose_team(app)
    platform(app)
    assert people.choose_team(app)["name"] == "Platform"  # the only one
    people.add_team(app, "Growth", "mia")
    monkeypatch.setenv("STRATUI_ME", "mia")
    assert people.choose_team(app)["name"] == "Growth"  # me's only team
    monkeypatch.setenv("STRATUI_ME", "zed")
    with pytest.raises(ValidationError, match=r"choose a team \(you are in none of them\)"):
        people.choose_team(app)


# -- the team weekly review ----------------------------------------------------------------


def test_a_full_team_review_of_three_people_is_stored_as_the_right_records(
    store, tmp_path, monkeypatch
):
    app = app_on(store)
    platform(app)
    a1 = commitments.log(app, "Profile the gateway", owner="ana", week="2026-W47")
    a2 = commitments.log(app, "Write the runbook", owner="ana", week="2026-W47")
    b1 = commitments.log(app, "Add a cache", owner="ben", week="2026-W47")
    block = roadblocks.block(
        app, "Waiting on legal", owner="ben", kind="dependency", severity="high"
    )
    service = bound(app, TEAM)
    review, draft = service.start_or_resume(facilitator="mia")
    assert (review["ritual"], review["status"], review["team"]) == ("team", "draft", "Platform")
    assert review["period"] == "2026-W47" and review["participants"] == ["ana", "ben", "chioma"]
    assert draft.member("chioma").nothing_this_week

    assert draft.advance(FRIDAY) == []  # team and week
    ana, ben, chioma = draft.members
    ana.set_status(a1["id"], "done")
    ana.set_status(a2["id"], "missed")
    ana.toggle_carry(a2["id"])
    service.save(review, draft)
    assert draft.advance(FRIDAY) == []  # ana's turn done
    ben.set_status(b1["id"], "partial")
    ben.outcomes[b1["id"]].progress = "50%"
    ben.escalate(block["id"], "mia")
    ben.new_roadblocks.append(NewRoadblock(title="No staging env", severity="medium"))
    service.save(review, draft)
    while draft.step_name != "adjust":
        assert draft.advance(FRIDAY) == []
    draft.adjustments.append(NewAdjustment(kind="reallocate", description="chioma pairs with ben"))
    assert draft.advance(FRIDAY) == []
    ana.new_commitments.append(NewCommitment(title="Ship the runbook", due="wed"))
    chioma.new_commitments.append(NewCommitment(title="Pair on the cache", confidence=4))
    while draft.step_name != "summary":
        assert draft.advance(FRIDAY) == []
        service.save(review, draft)
    preview = service.preview_markdown(review, draft)
    completion = service.complete(review, draft)

    stored = store.get("reviews", review["id"])
    assert (stored["status"], stored["ritual"], stored["facilitator"]) == (
        "complete",
        "team",
        "mia",
    )
    assert stored["participants"] == ["ana", "ben", "chioma"]
    assert stored["completed_at"] == "2026-11-20T12:00:00Z"
    assert store.get("commitments", a1["id"])["status"] == "done"
    assert store.get("commitments", a2["id"])["status"] == "missed"
    assert store.get("commitments", b1["id"])["progress"] == 50
    (carried,) = completion.carried
    assert store.get("commitments", carried["id"])["carried_from"] == a2["id"]
    escalated = store.get("roadblocks", block["id"])
    assert (escalated["owner"], escalated["severity"]) == ("mia", "critical")
    assert {r["title"] for r in store.find("roadblocks")} == {"Waiting on legal", "No staging env"}
    next_week = commitments.find(app, week="2026-W48")
    assert {(c["owner"], c["title"], c["review_id"]) for c in next_week} == {
        ("ana", "Write the runbook", review["id"]),
        ("ana", "Ship the runbook", review["id"]),
        ("chioma", "Pair on the cache", review["id"]),
    }
    assert store.find("adjustments", review_id=review["id"])[0]["kind"] == "reallocate"
    summary = service.summary_markdown(review["id"][:6])
    assert summary == preview
    assert "## chioma" in summary and "⚠ escalated to mia (critical)" in summary
    written_to = service.write_summary(review["id"], tmp_path / "team.md")
    assert written_to.read_text(encoding="utf-8") == summary
    monkeypatch.chdir(tmp_path)
    default = service.write_summary(review["id"])
    assert default == tmp_path / "team-review-2026-W47-Platform.md"
    assert default.read_text(encoding="utf-8") == summary
    with pytest.raises(ReviewError, match="already complete"):
        service.start_or_resume("Platform", "2026-W47")


def test_a_team_review_draft_is_resumed_not_doubled_and_can_be_discarded(store):
    app = app_on(store)
    platform(app)
    service = bound(app, TEAM)
    review, draft = service.start_or_resume("Platform")
    draft.step, draft.member_index = 1, 2
    service.save(review, draft)
    again, resumed = bound(app_on(store), TEAM).start_or_resume("platform")
    assert again["id"] == review["id"] and resumed.current_member.name == "chioma"
    assert [r["id"] for r in service.drafts()] == [review["id"]]
    service.discard(again)
    assert service.drafts() == []


# -- retrospectives --------------------------------------------------------------------------


def run_retro(service: Bound, cards, actions, started=None) -> tuple[dict, RetroDraft]:
    """A retro from setup (or from ``started``, a review and its draft) to the summary,
    saving at every phase like the screens do; it stops at a phase that is refused."""
    review, draft = started or service.start_or_resume("Platform", facilitator="ana")
    draft.choose_format("mad-sad-glad")
    while draft.phase != "summary":
        if draft.phase == "gather":
            for category, text, author in cards:
                draft.add_card(category, text, author)
            draft.reveal_all()
        if draft.phase == "vote":
            draft.cast_vote("ben", draft.cards[-1].id)
        if draft.phase == "discuss":
            for title, owner in actions:
                draft.add_action(title, owner, due="+3d", topic=draft.topics()[0].key)
        if draft.phase == "health":
            draft.rate("pace", 3 + len(actions))
        problems = draft.advance(service.clock.today())
        if problems:
            return review, draft
        service.save(review, draft)
    return review, draft


def test_two_retros_in_a_row_the_second_disposes_of_the_firsts_actions(
    store, tmp_path, monkeypatch
):
    app = app_on(store)
    platform(app)
    first_review, first = run_retro(
        bound(app, RETRO),
        [("glad", "Pairing works", "ana"), ("sad", "Flaky *CI*", None)],
        [("Quarantine flaky tests", "ben"), ("Write a handover", "chioma")],
    )
    done = bound(app, RETRO).complete(first_review, first)
    actions = {a["title"]: a for a in done.actions}
    assert {a["source"] for a in actions.values()} == {"retro"}
    items = store.find("retro_items", review_id=first_review["id"])
    assert {(i["text"], i.get("author")) for i in items} == {
        ("Pairing works", "ana"),
        ("Flaky *CI*", None),
    }
    assert "author" not in next(i for i in items if i["text"] == "Flaky *CI*")
    commitments.complete(app, actions["Quarantine flaky tests"]["id"])  # done in between

    later = app_on(store, TWO_WEEKS_LATER)
    service = bound(later, RETRO)
    assert service.next_due().due
    cards = [("mad", "Too many meetings", "ben")]
    review, draft = run_retro(service, cards, [])
    assert draft.phase == "follow-up"  # the handover has no disposition: cannot go on
    handover = actions["Write a handover"]["id"]
    assert draft.undisposed == [handover]
    draft.step = PHASES.index("summary")  # even at the summary, it cannot finish
    with pytest.raises(DraftInvalid, match="Write a handover"):
        service.complete(review, draft)
    assert store.get("reviews", review["id"])["status"] == "draft"
    draft.step = PHASES.index("follow-up")
    draft.dispose(handover, "carried")
    review, draft = run_retro(service, cards, [], started=(review, draft))
    completion = service.complete(review, draft)
    (carried,) = completion.carried
    stored = store.get("commitments", carried["id"])
    assert (stored["carried_from"], stored["review_id"], stored["source"]) == (
        handover,
        review["id"],
        "retro",
    )
    assert store.get("commitments", handover)["status"] == "missed"
    finished = store.get("reviews", review["id"])
    assert (finished["format"], finished["health"]) == ("mad-sad-glad", {"pace": 3})
    summary = service.summary_markdown(review["id"])
    assert "## Follow-up of the previous retrospective" in summary
    assert "- [x] Quarantine flaky tests · owner ben · done" in summary
    assert "- [ ] Write a handover · owner chioma · ↻ carried over" in summary
    assert "- pace 3/5 (was 5, -2)" in summary
    monkeypatch.chdir(tmp_path)
    written_to = service.write_summary(review["id"])
    assert written_to.name == f"retro-{review['period']}-{review['team']}.md"
    assert written_to.read_text(encoding="utf-8") == summary
    assert [(a.commitment["title"], a.age_days) for a in service.open_actions()] == [
        ("Write a handover", 0)
    ]


def test_an_interrupted_retro_resumes_from_its_draft(tmp_path):
    root = str(tmp_path / "store")
    app = app_on(Store.at(root))
    platform(app)
    service = bound(app, RETRO)
    review, draft = service.start_or_resume("Platform")
    draft.choose_format("4ls")
    draft.set_votes_per_person(2)
    assert draft.advance(FRIDAY) == [] and draft.advance(FRIDAY) == []
    hidden = draft.add_card("lacked", "Time for tests", author=None)
    shown = draft.add_card("liked", "The new dashboard", author="ben")
    draft.reveal(shown.id)
    draft.cast_vote("chioma", shown.id)
    service.save(review, draft)

    restarted = bound(app_on(Store.at(root)), RETRO)  # a new process on the same directory
    assert [r["id"] for r in restarted.drafts("Platform")] == [review["id"]]
    again, resumed = restarted.start_or_resume("Platform")
    assert again["id"] == review["id"] and resumed == draft
    assert resumed.phase == "gather" and resumed.card(hidden.id).revealed is False
    assert resumed.votes_left("chioma") == 1
    assert again["format"] == "4ls"


def test_the_demo_history_gives_every_team_retros_to_follow_up(store):
    document = generate_history(people=8, weeks=12, today=dt.date(2026, 11, 22))
    app = app_on(store, dt.date(2026, 11, 27))
    exchange.import_document(app, document)
    for team in people.teams(app):
        retros = [
            r for r in store.find("reviews", ritual="retro", team=team["name"]) if r.get("format")
        ]
        assert len(retros) >= 2
        service = bound(app, RETRO)
        review, draft = service.start_or_resume(team["name"], facilitator=team["members"][0])
        context = service.context(draft, review["id"])
        assert context.previous_review is not None and context.previous_actions
        assert set(draft.follow_ups) == {a["id"] for a in context.previous_actions}
        assert service.next_due(team["name"]).last_period is not None
