"""The dashboard's data (stratui.usecases.views.dashboard) against full reads of the same store.

The dashboard reads only some shards, through their summaries (Store.digests): these
tests check that what it shows equals what reading everything would give, and that a
review in progress is the one ``w`` resumes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.clock import Clock
from stratui.demo import generate_history
from stratui.domain.metrics.rituals import review_streak
from stratui.domain.metrics.roadblocks import roadblock_age
from stratui.rituals.weekly.periods import is_due
from stratui.rituals.weekly.ritual import WEEKLY
from stratui.store.store import Store
from stratui.usecases import exchange
from stratui.usecases.views.dashboard import build_dashboard
from stratui.usecases.workspace import Workspace
from tests._ritual_support import bound

TODAY = dt.date(2026, 11, 20)  # a Friday: 2026-W47


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> str:
    """A directory store with 30 weeks of a 4-person team's history."""
    path = str(tmp_path_factory.mktemp("history") / "store")
    exchange.import_document(
        Workspace(Store.at(path), Clock(TODAY)),
        generate_history(people=4, weeks=30, today=TODAY)
    )
    return path


@pytest.mark.parametrize("who", ["ana", "ben", "chioma", "dmitri"])
@pytest.mark.parametrize("days_later", [0, 3, 40])
def test_the_dashboard_shows_what_reading_every_shard_shows(history, who, days_later, monkeypatch):
    monkeypatch.setenv("STRATUI_ME", who)
    today = TODAY + dt.timedelta(days=days_later)
    shown = build_dashboard(Workspace(Store.at(history), Clock(today)))
    full = Workspace(Store.at(history), Clock(today))  # reads every shard, no summaries
    roadblocks = full.store.find("roadblocks")
    reviews = full.store.find("reviews", ritual="weekly", owner=who)

    open_ones = {r["id"]: roadblock_age(r, today) for r in roadblocks if not r.get("resolved_on")}
    assert {record["id"]: age for record, age in shown.roadblocks} == open_ones
    assert shown.streak == review_streak(reviews, who, today)
    completed = [r for r in reviews if r.get("status") == "complete"]
    assert shown.due.startswith(f"Weekly review {is_due(completed, today).period}")


def test_a_review_in_progress_is_the_one_w_resumes(store, monkeypatch):
    monkeypatch.setenv("STRATUI_ME", "ana")
    first = Workspace(store, Clock(dt.datetime(2026, 11, 12, 9, tzinfo=dt.UTC)))
    later = Workspace(store, Clock(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)))
    older, _ = bound(first, WEEKLY).start_or_resume("ana", period="2026-W44")
    newer, _ = bound(later, WEEKLY).start_or_resume("ana", period="2026-W45")

    (resumed, *_) = bound(later, WEEKLY).drafts("ana")
    assert resumed["id"] == newer["id"]  # the last one worked on
    shown = build_dashboard(later)
    assert [d["id"] for d in shown.drafts] == [newer["id"], older["id"]]
    assert shown.drafts[0]["period"] == "2026-W45"
