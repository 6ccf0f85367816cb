"""The quarterly strategy review over a store: drafts resume, completion writes it all."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from stratui.clock import Clock
from stratui.domain import records
from stratui.domain.schema import ValidationError
from stratui.rituals.base import ReviewError
from stratui.rituals.quarterly import DraftInvalid, QuarterlyDraft
from stratui.rituals.quarterly.ritual import QUARTERLY
from stratui.store.store import Store
from stratui.usecases import commitments, people
from stratui.usecases import goals as cases
from stratui.usecases.workspace import Workspace
from tests._ritual_support import Bound, bound

REVIEW_DAY = dt.date(2026, 12, 18)  # a Friday, 13 days before the end of 2026-Q4


@pytest.fixture
def app(monkeypatch) -> Workspace:
    monkeypatch.setenv("STRATUI_ME", "ana")
    return Workspace(Store.in_memory(), Clock(dt.date(2026, 9, 28)))


def seed(app: Workspace) -> dict[str, dict]:
    """Ana's fourth quarter: three goals under a company goal, work on two of them."""
    for name in ("ana", "ben", "ceo"):  # whom the goals and commitments name
        people.add_person(app, name)
    company = cases.create(
        app,
        {
            "title": "Grow",
            "owner": "ceo",
            "start": "2026-01-01",
            "end": "2027-12-31",
            "priority": 1,
        },
    )

    def mine(title: str, priority: int, **fields) -> dict:
        return cases.create(
            app,
            {
                "title": title,
                "parent": company["id"],
                "quarter": "2026-Q4",
                "priority": priority,
                **fields,
            },
        )

    made = {
        "company": company,
        "latency": mine(
            "Cut latency", 1, metric={"name": "p95", "unit": "ms", "baseline": 400, "target": 200}
        ),
        "docs": mine("Write the docs", 3),
        "hiring": mine("Hire two", 2, team="Platform"),
        "old": cases.create(app, {"title": "Last quarter", "quarter": "2026-Q3"}),
        "bens": cases.create(app, {"title": "Ben's goal", "owner": "ben", "quarter": "2026-Q4"}),
    }
    app.clock = Clock(dt.date(2026, 11, 2))
    cases.check_in(app, made["latency"]["id"], value=320, confidence=3)
    commitments.log(app, "Profile", week="2026-W41", goal=made["latency"]["id"])
    for week in ("2026-W42", "2026-W43", "2026-W44"):
        commitments.log(app, "Docs page", week=week, goal=made["docs"]["id"])
    commitments.log(app, "Admin", week="2026-W45")
    commitments.log(app, "Ben's work", week="2026-W45", owner="ben", goal=made["bens"]["id"])
    commitments.log(
        app, "Next year", week="2027-W01", goal=made["latency"]["id"]
    )  # not the quarter's
    app.clock = Clock(REVIEW_DAY)
    return made


def walk(reviews: Bound, review: dict, draft: QuarterlyDraft, made) -> None:
    """Answer the goals step goal by goal, saving at every step as the screen does."""
    answers = {
        made["latency"]["id"]: ("continued", "260", "Measure before caching"),
        made["hiring"]["id"]: ("continued", None, "Start sourcing earlier"),
        made["docs"]["id"]: ("achieved", None, ""),
    }
    for _ in draft.goal_ids:
        goal_id = draft.current_goal_id
        disposition, value, lesson = answers[goal_id]
        verdict = draft.dispose(goal_id, disposition)
        if value is not None:
            verdict.value = value
        verdict.lesson = lesson
        assert draft.advance() == []
        reviews.save(review, draft)


def test_a_full_review_continues_two_goals_achieves_one_and_plans_the_next_quarter(app):
    made = seed(app)
    reviews = bound(app, QUARTERLY)
    assert reviews.default_period() == "2026-Q4"
    review, draft = reviews.start_or_resume()
    assert (review["status"], review["period"], review["owner"]) == ("draft", "2026-Q4", "ana")
    ids = [made[name]["id"] for name in ("latency", "hiring", "docs")]
    assert draft.goal_ids == ids  # in scope, overlapping the quarter, by priority
    assert draft.verdicts[ids[0]].value is None  # no reading until someone gives one
    walk(reviews, review, draft, made)
    assert draft.step_name == "plan"

    context = reviews.context(draft)
    assert [o.title for o in context.parent_options(draft)] == ["Grow", "Cut latency", "Hire two"]
    top = draft.add_goal(
        "Faster builds",
        parent=made["latency"]["id"],
        priority="2",
        metric_name="build",
        metric_unit="min",
        baseline="20",
        target="10",
    )
    draft.add_goal("Cache the deps", parent=top.key)
    assert draft.advance() == [] and draft.step_name == "alignment"
    view = context.alignment()
    assert view.total == 5  # ana's commitments of the quarter's weeks, not ben's, not 2027's
    assert view.unlinked_share == pytest.approx(0.2)
    assert [(r.title, r.commitments) for r in view.rows] == [
        ("Cut latency", 1),
        ("Hire two", 0),
        ("Write the docs", 3),
    ]
    assert [r.title for r in view.underserved] == ["Cut latency", "Hire two"]
    assert draft.advance() == [] and draft.step_name == "summary"
    draft.notes = "Docs shipped; latency needs another quarter"
    reviews.save(review, draft)
    preview = reviews.preview_markdown(review, draft)

    done = reviews.complete(review, draft)

    store = app.store
    latency, hiring, docs = (store.get("goals", gid) for gid in ids)
    assert (latency["status"], latency["end"]) == ("active", "2027-03-31")
    assert (hiring["status"], hiring["end"]) == ("active", "2027-03-31")
    assert docs["status"] == "achieved"
    assert store.get("goals", made["old"]["id"])["status"] == "active"  # not this quarter's
    checkins = cases.checkins(app, ids[0])
    assert [(c["date"], c["value"]) for c in checkins] == [("2026-11-02", 320), ("2026-12-18", 260)]
    adjustments = store.find("adjustments", review_id=review["id"])
    assert sorted((a["kind"], a["goal_id"]) for a in adjustments) == sorted(
        [("reschedule", ids[0]), ("reschedule", ids[1])]
    )
    builds, cache = (store.get("goals", g["id"]) for g in done.new_goals)
    assert (builds["parent_id"], cache["parent_id"]) == (ids[0], builds["id"])
    assert (builds["start"], builds["end"], builds["status"]) == (
        "2027-01-01",
        "2027-03-31",
        "active",
    )
    stored = store.get("reviews", review["id"])
    assert stored["status"] == "complete" and stored["completed_at"] == "2026-12-18T12:00:00Z"
    assert stored["notes"].startswith("Docs shipped")
    assert "- Cut latency: Measure before caching" in stored["notes"]
    summary = reviews.summary_markdown(review["id"][:8])
    assert summary == preview  # the summary step showed what was written
    assert "3 goals: 1 achieved, 0 dropped, 2 continued." in summary
    assert "- Faster builds · under: Cut latency" in summary
    assert QUARTERLY.file_name(stored) == "quarterly-review-2026-Q4-ana.md"
    rows = [(row.goal["title"], row.depth) for row in cases.tree(app)]
    assert ("Cache the deps", 3) in rows and ("Write the docs", 1) not in rows

    with pytest.raises(ReviewError, match="already complete"):
        reviews.start_or_resume(period="2026-Q4")
    with pytest.raises(ReviewError, match="already complete"):
        reviews.save(review, draft)


def test_a_draft_resumes_where_it_was_left(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATUI_ME", "ana")
    path = str(tmp_path / "store")
    made = seed(Workspace(Store.at(path), Clock(dt.date(2026, 9, 28))))
    first = bound(Workspace(Store.at(path), Clock(REVIEW_DAY)), QUARTERLY)
    review, draft = first.start_or_resume()
    draft.dispose(draft.current_goal_id, "continued")
    draft.verdicts[draft.current_goal_id].lesson = "half way"
    assert draft.advance() == []
    first.save(review, draft)

    # A new process, the next day: the same draft, at the same goal, answers kept.
    later = bound(Workspace(Store.at(path), Clock(REVIEW_DAY + dt.timedelta(days=1))), QUARTERLY)
    assert [r["id"] for r in later.drafts()] == [review["id"]]
    again, resumed = later.start_or_resume()
    assert again["id"] == review["id"]
    assert resumed.goal_index == 1 and resumed.step_name == "goals"
    assert resumed.verdicts[made["latency"]["id"]].lesson == "half way"
    assert resumed.verdicts[made["latency"]["id"]].disposition == "continued"
    assert len(Store.at(path).find("reviews", ritual="quarterly")) == 1

    # A goal added to the quarter meanwhile joins the walk and needs its disposition.
    extra = cases.create(later.ws, {"title": "Late addition", "quarter": "2026-Q4"})
    _, refreshed = later.start_or_resume()
    assert refreshed.goal_ids[-1] == extra["id"]
    for goal_id in refreshed.undisposed():
        refreshed.dispose(goal_id, "dropped")
    del refreshed.verdicts[extra["id"]]  # as if the screen never showed it
    before = json.dumps(Store.at(path).collections(deleted=True), sort_keys=True)
    with pytest.raises(DraftInvalid, match="Late addition"):
        later.complete(again, refreshed)
    assert json.dumps(Store.at(path).collections(deleted=True), sort_keys=True) == before


def test_a_team_review_covers_the_teams_goals_and_members_work(app):
    made = seed(app)
    with app.store.transaction() as tx:
        tx.insert(
            "teams",
            records.new_record("teams", {"name": "Platform", "members": ["ben"]}, app.clock.now()),
        )
    reviews = bound(app, QUARTERLY)
    with pytest.raises(ValidationError, match="no team named 'Infra'; teams: Platform"):
        reviews.start_or_resume(team="Infra")
    review, draft = reviews.start_or_resume(team="Platform")
    assert (review["team"], review["facilitator"], review["participants"]) == (
        "Platform",
        "ana",
        ["ben"],
    )
    assert "owner" not in review
    assert draft.goal_ids == [made["hiring"]["id"], made["bens"]["id"]]
    assert [c["title"] for c in reviews.context(draft).commitments] == ["Ben's work"]
    # ana's own review is another scope, with its own draft.
    mine, _ = reviews.start_or_resume()
    assert mine["id"] != review["id"]
    assert [r["id"] for r in reviews.drafts(team="Platform")] == [review["id"]]


def test_the_scope_is_fixed_and_the_quarter_moves_to_one_not_reviewed_yet(app):
    seed(app)
    reviews = bound(app, QUARTERLY)
    with pytest.raises(ValidationError) as caught:
        reviews.start_or_resume(period="2026-Q5")
    assert caught.value.field == "period"
    done, empty = reviews.start_or_resume(period="2026-Q2")
    reviews.complete(done, empty)
    review, draft = reviews.start_or_resume(period="2026-Q3")
    assert review["period"] == "2026-Q3"
    draft.period = "2026-Q4"  # another quarter chosen in the TUI: the review moves
    review = reviews.save(review, draft)
    assert (review["period"], review["answers"]["period"]) == ("2026-Q4", "2026-Q4")
    assert [r["id"] for r in reviews.drafts()] == [review["id"]]
    for period, refusal in (("2026-Q2", "already complete"), ("2026-Q5", "expected a quarter")):
        draft.period = period
        with pytest.raises(ReviewError, match=f"period: .*{refusal}"):
            reviews.save(review, draft)
    draft.period, draft.team = "2026-Q4", "Platform"
    with pytest.raises(ReviewError, match="scope is fixed"):
        reviews.save(review, draft)
    assert app.store.get("reviews", review["id"])["period"] == "2026-Q4"
    tombstone = reviews.discard(review)
    assert tombstone["deleted"] is True
    assert reviews.drafts() == []


def test_the_default_period_closes_the_previous_quarter_early_in_a_new_one(app):
    seed(app)
    early = bound(Workspace(app.store, Clock(dt.date(2027, 1, 12))), QUARTERLY)
    assert early.default_period() == "2026-Q4"
    mid = bound(Workspace(app.store, Clock(dt.date(2026, 11, 22))), QUARTERLY)
    assert mid.default_period() == "2026-Q3"


def test_a_resumed_draft_takes_who_and_when_from_the_record(app):
    seed(app)
    reviews = bound(app, QUARTERLY)
    review, draft = reviews.start_or_resume()
    draft.dispose(draft.current_goal_id, "achieved")
    reviews.save(review, draft)
    # A rename rewrote the record (as ``stratui person rename`` does) but not the answers.
    stored = app.store.get("reviews", review["id"])
    with app.store.transaction() as tx:
        tx.put("reviews", {**stored, "owner": "ana", "participants": ["ana", "ben"]})
    again, resumed = reviews.start_or_resume()
    assert again["id"] == review["id"]
    assert resumed.participants == ["ana", "ben"]
    assert reviews.save(again, resumed)["participants"] == ["ana", "ben"]
