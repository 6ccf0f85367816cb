"""The weekly and team review summaries over a real store say what is so (issue 12,
item 4): the roadblocks a weekly review left blocking are listed, in the preview and in
the stored summary, and the team review lists each member's next-week commitments that
exist, not only those the review made.
"""

from __future__ import annotations

import datetime as dt

from stratui.clock import Clock
from stratui.rituals.team.ritual import TEAM
from stratui.rituals.weekly.ritual import WEEKLY
from stratui.store.store import Store
from stratui.usecases import commitments, people, roadblocks
from stratui.usecases.workspace import Workspace
from tests._ritual_support import bound

FRIDAY = dt.date(2026, 11, 20)  # 2026-W47


def app_at(tmp_path) -> Workspace:
    app = Workspace(Store.at(str(tmp_path / "store")), Clock(FRIDAY))
    for name in ("ana", "ben"):
        people.add_person(app, name)
    people.add_team(app, "Platform", "ana,ben")
    return app


def test_the_weekly_summary_lists_the_roadblocks_left_blocking(tmp_path):
    app = app_at(tmp_path)
    billing = commitments.log(app, "Migrate billing", owner="ana", week="2026-W47")
    dba = roadblocks.block(
        app, "Waiting on the DBA", owner="ana", kind="dependency", on=billing["id"]
    )
    flaky = roadblocks.block(app, "Flaky CI", owner="ana", severity="high")
    service = bound(app, WEEKLY)
    review, draft = service.start_or_resume(owner="ana", period="2026-W47")
    draft.pulse = 3
    draft.set_status(billing["id"], "missed")
    draft.roadblocks[flaky["id"]].decision = "resolved"  # the DBA still blocks
    expected = (
        "Still blocking:\n\n- Waiting on the DBA (medium, dependency) · blocks: Migrate billing"
    )
    assert expected in service.preview_markdown(review, draft)
    completion = service.complete(review, draft)
    text = service.summary_markdown(completion.review["id"])
    assert expected in text
    assert "Resolved:\n\n- Flaky CI" in text
    assert app.store.get("roadblocks", dba["id"]).get("resolved_on") is None


def test_the_team_summary_lists_each_members_next_week_as_it_is(tmp_path):
    app = app_at(tmp_path)
    done = commitments.log(app, "Profile the gateway", owner="ana", week="2026-W47")
    planned = [commitments.log(app, f"Plan {n}", owner="ana", week="2026-W48") for n in range(1, 8)]
    service = bound(app, TEAM)
    review, draft = service.start_or_resume(team="Platform", period="2026-W47")
    ana, _ = draft.members
    ana.set_status(done["id"], "done")
    while draft.step_name != "summary":
        assert draft.advance(FRIDAY) == []
    preview = service.preview_markdown(review, draft)
    completion = service.complete(review, draft)
    text = service.summary_markdown(completion.review["id"])
    for shown in (preview, text):
        section = shown.split("## ana", 1)[1].split("## ben", 1)[0]
        assert "no commitments yet" not in section
        listed = [line for line in section.splitlines() if line.startswith("- Plan")]
        assert sorted(listed) == [f"- {record['title']}" for record in planned]
        assert "## ben" in shown and "Next week 2026-W48: _no commitments yet._" in shown


def test_still_blocking_is_what_completing_found_open_and_names_what_it_blocks(tmp_path):
    from stratui.usecases import roadblocks

    app = app_at(tmp_path)
    earlier = commitments.log(app, "Migrate billing", owner="ana", week="2026-W45")  # another week
    dba = roadblocks.block(app, "Waiting on the DBA", owner="ana", on=earlier["id"])
    legal = roadblocks.block(app, "Waiting on legal", owner="ana")
    service = bound(app, WEEKLY)
    review, draft = service.start_or_resume(owner="ana", period="2026-W47")
    draft.pulse = 3
    roadblocks.resolve(app, legal["id"], "signed")  # elsewhere, while the review is open
    completion = service.complete(review, draft)
    text = service.summary_markdown(completion.review["id"])
    assert "- Waiting on the DBA (medium, other) · blocks: Migrate billing" in text
    assert "Waiting on legal" not in text
    roadblocks.resolve(app, dba["id"], "done")  # later: the summary says how it was then
    assert service.summary_markdown(completion.review["id"]) == text
