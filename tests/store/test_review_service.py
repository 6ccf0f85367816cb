"""The weekly review's use cases over a real store: drafts survive, completion is atomic.

Every test runs on a store in memory and on a directory (the ``store`` fixture); the
restart tests open the same directory again, as a new process would, and one kills a
process with SIGKILL right after a save.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from stratui.clock import Clock
from stratui.domain import records
from stratui.domain.schema import ValidationError
from stratui.rituals.base import ReviewError
from stratui.rituals.weekly import (
    UNDECIDED,
    DraftInvalid,
    NewAdjustment,
    NewCommitment,
    NewRoadblock,
    WeeklyDraft,
)
from stratui.rituals.weekly.ritual import WEEKLY
from stratui.store.store import Store
from stratui.usecases import commitments, people, roadblocks
from stratui.usecases.workspace import Workspace
from tests._ritual_support import Bound, bound

FRIDAY = dt.date(2026, 11, 20)  # 2026-W47: its weekly review is due


def reviews_of(store: Store, today: dt.date = FRIDAY) -> Bound:
    return bound(Workspace(store, Clock(today)), WEEKLY)


def seed(app: Workspace) -> dict[str, dict]:
    """Ana's week 2026-W47: three commitments, an open roadblock, an active goal."""
    people.add_person(app, "ana")
    people.add_person(app, "ben")
    goal = records.new_record(
        "goals", {"title": "Cut latency", "owner": "ana", "status": "active"}, app.clock.now()
    )
    with app.store.transaction() as tx:
        tx.insert("goals", goal)
    made = {
        "a": commitments.log(
            app, "Profile the gateway", owner="ana", week="2026-W47", goal=goal["id"]
        ),
        "b": commitments.log(app, "Add a cache", owner="ana", week="2026-W47"),
        "c": commitments.log(app, "Write the runbook", owner="ana", week="2026-W47"),
        "other": commitments.log(app, "Ben's work", owner="ben", week="2026-W47"),
    }
    made["block"] = roadblocks.block(app, "Waiting on legal", owner="ana", kind="dependency")
    made["goal"] = goal
    return made


def answer_everything(draft: WeeklyDraft, made: dict[str, dict]) -> WeeklyDraft:
    """A full review: outcomes, a carry-over, a resolved and a new roadblock, and so on."""
    draft.pulse, draft.checkin = 4, "Busy but good"
    draft.set_status(made["a"]["id"], "done")
    draft.set_status(made["b"]["id"], "partial")
    draft.outcomes[made["b"]["id"]].progress = 50
    draft.toggle_carry(made["b"]["id"])
    draft.set_status(made["c"]["id"], "missed")
    draft.roadblocks[made["block"]["id"]].decision = "resolved"
    draft.new_roadblocks = [NewRoadblock(title="No staging env", severity="high")]
    draft.goals[made["goal"]["id"]].confidence = 3
    draft.adjustments = [NewAdjustment(kind="rescope", description="Cache later")]
    draft.new_commitments = [NewCommitment(title="Ship the cache"), NewCommitment(title="Demo")]
    return draft


def test_start_creates_a_draft_with_defaults(store):
    service = reviews_of(store)
    made = seed(service.ws)
    review, draft = service.start_or_resume("ana")
    assert (review["ritual"], review["status"], review["period"]) == ("weekly", "draft", "2026-W47")
    assert (review["owner"], review["participants"]) == ("ana", ["ana"])
    assert review["started_at"] == "2026-11-20T12:00:00Z"
    assert review["answers"] == draft.to_answers()
    assert store.get("reviews", review["id"]) == review
    assert set(draft.outcomes) == {made[k]["id"] for k in "abc"}  # not ben's
    assert {o.status for o in draft.outcomes.values()} == {UNDECIDED}  # nobody chose yet
    assert list(draft.roadblocks) == [made["block"]["id"]]
    assert list(draft.goals) == [made["goal"]["id"]]
    assert service.drafts("ana") == [review]
    assert service.drafts("ben") == []


def test_start_twice_resumes_the_same_draft(store):
    service = reviews_of(store)
    seed(service.ws)
    first, _ = service.start_or_resume("ana")
    again, _ = service.start_or_resume("ana")
    assert again["id"] == first["id"]
    assert len(store.find("reviews")) == 1


def test_save_then_a_restart_resumes_the_draft_with_its_answers(tmp_path):
    root = str(tmp_path / "store")
    service = reviews_of(Store.at(root))
    made = seed(service.ws)
    review, draft = service.start_or_resume("ana")
    answer_everything(draft, made)
    draft.step = 5
    saved = service.save(review, draft)
    assert saved["id"] == review["id"]

    restarted = reviews_of(Store.at(root))  # a new process on the same directory
    assert [r["id"] for r in restarted.drafts("ana")] == [review["id"]]
    resumed, again = restarted.start_or_resume("ana")
    assert resumed["id"] == review["id"]
    assert again == draft
    assert again.step_name == "commit"


def test_a_draft_survives_kill_9_right_after_a_save(tmp_path):
    root = tmp_path / "store"
    child = textwrap.dedent(
        f"""
        import datetime as dt, os, signal
        from stratui.usecases import commitments, people
        from stratui.clock import Clock
        from stratui.rituals.weekly.ritual import WEEKLY
        from tests._ritual_support import bound
        from stratui.usecases.workspace import Workspace
        from stratui.store.store import Store

        app = Workspace(Store.at({str(root)!r}), Clock(dt.date(2026, 11, 20)))
        people.add_person(app, "ana")
        commitments.log(app, "Profile the gateway", owner="ana", week="2026-W47")
        service = bound(app, WEEKLY)
        review, draft = service.start_or_resume("ana")
        draft.pulse, draft.checkin, draft.step = 2, "rough week", 1
        service.save(review, draft)
        print(review["id"], flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    service = reviews_of(Store.at(str(root)))
    review, draft = service.start_or_resume("ana")
    assert review["id"] == done.stdout.strip()
    assert (draft.pulse, draft.checkin, draft.step) == (2, "rough week", 1)
    assert Store.at(str(root)).check() == []


def test_complete_writes_everything_in_one_transaction_and_leaves_no_draft(store):
    service = reviews_of(store)
    made = seed(service.ws)
    review, draft = service.start_or_resume("ana")
    answer_everything(draft, made)
    commits: list[set[str]] = []
    real_commit = store.backend.commit

    def counting(writes):
        commits.append(set(writes))
        real_commit(writes)

    store.backend.commit = counting
    completion = service.complete(review, draft)
    assert len(commits) == 1  # one transaction: every collection in one commit
    assert {rel.split("/")[0] for rel in commits[0]} >= {
        "commitments",
        "roadblocks",
        "goal_checkins",
        "adjustments",
        "reviews",
    }

    stored = store.get("reviews", review["id"])
    assert stored == completion.review
    assert (stored["status"], stored["pulse"], stored["notes"]) == ("complete", 4, "Busy but good")
    assert stored["completed_at"] == "2026-11-20T12:00:00Z"
    assert service.drafts("ana") == []
    assert store.get("commitments", made["a"]["id"])["status"] == "done"
    assert store.get("commitments", made["b"]["id"])["progress"] == 50
    assert store.get("commitments", made["c"]["id"])["status"] == "missed"
    assert store.get("commitments", made["other"]["id"]) == made["other"]
    next_week = commitments.find(service.ws, week="2026-W48", owner="ana")
    assert sorted(c["title"] for c in next_week) == ["Add a cache", "Demo", "Ship the cache"]
    [carried] = [c for c in next_week if c.get("carried_from")]
    assert carried["carried_from"] == made["b"]["id"]
    assert carried["review_id"] == review["id"]
    assert store.get("roadblocks", made["block"]["id"])["resolved_on"] == "2026-11-20"
    assert sorted(r["title"] for r in store.find("roadblocks", owner="ana")) == [
        "No staging env",
        "Waiting on legal",
    ]
    [checkin] = store.find("goal_checkins")
    assert (checkin["goal_id"], checkin["confidence"]) == (made["goal"]["id"], 3)
    [adjustment] = store.find("adjustments")
    assert adjustment["review_id"] == review["id"]
    assert store.check() == []

    with pytest.raises(ReviewError, match="already complete"):
        service.save(review, draft)
    with pytest.raises(ReviewError, match="already complete"):
        service.complete(review, draft)


def test_a_failed_completion_writes_nothing(store):
    service = reviews_of(store)
    made = seed(service.ws)
    review, draft = service.start_or_resume("ana")
    answer_everything(draft, made)
    before = store.collections(deleted=True)

    def broken(writes):
        raise OSError("disk full")

    real_commit, store.backend.commit = store.backend.commit, broken
    with pytest.raises(OSError, match="disk full"):
        service.complete(review, draft)
    store.backend.commit = real_commit
    assert store.collections(deleted=True) == before

    draft.new_commitments.append(NewCommitment(title=" "))
    with pytest.raises(DraftInvalid, match="new commitment 3: title is empty"):
        service.complete(review, draft)
    assert store.collections(deleted=True) == before
    assert service.drafts("ana")[0]["id"] == review["id"]


def test_after_completion_a_new_start_is_a_fresh_draft_for_the_next_week(store):
    service = reviews_of(store)
    made = seed(service.ws)
    review, draft = service.start_or_resume("ana")
    service.complete(review, answer_everything(draft, made))
    assert service.next_due("ana").period == "2026-W48"
    assert service.next_due("ana").due is False

    fresh, next_draft = service.start_or_resume("ana")
    assert fresh["id"] != review["id"]
    assert (fresh["period"], fresh["status"]) == ("2026-W48", "draft")
    titles = sorted(outcome.title for outcome in next_draft.outcomes.values())
    assert titles == ["Add a cache", "Demo", "Ship the cache"]
    with pytest.raises(ReviewError, match="period: the weekly review of 2026-W47 for ana"):
        service.start_or_resume("ana", period="2026-W47")


def test_changing_the_period_moves_the_draft_and_refuses_a_reviewed_week(store):
    service = reviews_of(store)
    seed(service.ws)
    review, draft = service.start_or_resume("ana", period="2026-W46")
    assert draft.outcomes == {}  # nothing committed that week
    draft.period = "2026-W47"
    draft.fill_defaults(service.context(draft))
    moved = service.save(review, draft)
    assert moved["period"] == "2026-W47"
    assert len(draft.outcomes) == 3
    assert store.find("reviews", period="2026-W46") == []

    draft.period = "2026-W4"  # half typed: kept in the answers, the record stays put
    assert service.save(review, draft)["period"] == "2026-W47"


def test_discard_deletes_the_draft(store):
    service = reviews_of(store)
    seed(service.ws)
    review, _ = service.start_or_resume("ana")
    service.discard(review)
    assert service.drafts("ana") == []
    assert store.get("reviews", review["id"], deleted=True)["deleted"] is True


def test_next_due_before_thursday_is_last_week_overdue(store):
    due = reviews_of(store, dt.date(2026, 11, 23)).next_due("ana")
    assert (due.period, due.due, due.overdue) == ("2026-W47", True, True)


def test_context_scope_and_history(store):
    service = reviews_of(store)
    made = seed(service.ws)
    app = service.ws
    commitments.log(app, "Eight weeks back", owner="ana", week="2026-W40")
    commitments.log(app, "Nine weeks back", owner="ana", week="2026-W39")
    planned = commitments.log(app, "Already planned", owner="ana", week="2026-W48")
    linked = roadblocks.block(app, "Ben's block on ana's work", owner="ben", on=made["a"]["id"])
    roadblocks.block(app, "Ben's own block", owner="ben")
    draft = WeeklyDraft(period="2026-W47", owner="ana")
    context = service.context(draft)
    assert [c["title"] for c in context.history if c["week"] != "2026-W47"] == ["Eight weeks back"]
    assert context.planned == [planned]
    assert {r["id"] for r in context.roadblocks} == {made["block"]["id"], linked["id"]}
    assert context.hint(draft).text.startswith("you commit to 1; you finished 0 a week")


def test_summary_is_written_to_a_file(store, tmp_path, monkeypatch):
    service = reviews_of(store)
    made = seed(service.ws)
    review, draft = service.start_or_resume("ana")
    answer_everything(draft, made)
    draft.notes = "Remember *this* [link](x)"
    service.complete(review, draft)

    text = service.summary_markdown(review["id"][:6])
    assert text.startswith("# Weekly review 2026-W47 — ana\n")
    assert "Check-in: Busy but good" in text
    assert "Say/do: 1 of 3 done (33%)." in text
    assert "- [ ] Add a cache (partial, 50%) · ↻ carried over" in text
    assert "Resolved:\n\n- Waiting on legal" in text
    assert "Raised:\n\n- No staging env (high, other)" in text
    assert "- Cut latency · confidence 3/5" in text
    assert "- rescope: Cache later" in text
    assert "- Ship the cache\n- Demo" in text
    assert "Remember \\*this\\* \\[link\\](x)" in text

    target = service.write_summary(review["id"], tmp_path / "summary.md")
    assert target.read_text(encoding="utf-8") == text
    monkeypatch.chdir(tmp_path)
    default = service.write_summary(review["id"])
    assert default == tmp_path / "weekly-review-2026-W47-ana.md"
    assert default.read_text(encoding="utf-8") == text
    written = sorted(name for name in os.listdir(tmp_path) if name != "store")
    assert written == ["summary.md", "weekly-review-2026-W47-ana.md"]  # no temporary left


def test_summary_of_a_draft_is_refused_but_previewed(store):
    service = reviews_of(store)
    made = seed(service.ws)
    review, draft = service.start_or_resume("ana")
    with pytest.raises(ReviewError, match="not a completed weekly review"):
        service.summary_markdown(review["id"])
    preview = service.preview_markdown(review, answer_everything(draft, made))
    assert preview.startswith("# Weekly review 2026-W47 — ana\n")
    assert store.get("reviews", review["id"])["status"] == "draft"


def test_summary_file_name_is_safe():
    review = {"period": "2026-W47", "owner": "ana / ../x"}
    assert WEEKLY.file_name(review) == "weekly-review-2026-W47-ana-..-x.md"


def test_a_review_for_a_me_who_is_nobody_here_is_refused_naming_me(store, monkeypatch):
    monkeypatch.setenv("STRATUI_ME", "ana")
    service = reviews_of(store)
    seed(service.ws)  # ana and ben are people
    monkeypatch.setenv("STRATUI_ME", "zed")
    before = store.collections(deleted=True)
    with pytest.raises(ValidationError) as refused:
        service.start_or_resume()
    assert str(refused.value) == (
        "me: 'zed' is not a person of this store (known people: ana, ben); say who you are "
        "with `stratui person me NAME`, or add yourself with `stratui person add zed`"
    )
    assert store.collections(deleted=True) == before
