"""Six people in one retrospective at once, each from a process of their own (real
processes on one store, not threads), while the facilitator leads the phases: every card
and every dot is stored once, and none is lost.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from stratui.clock import Clock
from stratui.rituals.retro.ritual import RETRO
from stratui.store.store import Store
from stratui.usecases import people, retro_room, rituals
from stratui.usecases.workspace import Workspace

CHILD = Path(__file__).with_name("_retro_participant.py")
PEOPLE = ("ana", "ben", "cy", "dee", "eli", "fay")
CARDS, DOTS = 10, 3
TODAY = "2026-12-02"


def wait_for(what, deadline: float) -> None:
    while not what():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_six_participants_write_sixty_cards_and_eighteen_dots_each_once(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATUI_ME", "lea")
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path / "config"))
    path = str(tmp_path / "store")
    lea = Workspace(Store.at(path), Clock(dt.date.fromisoformat(TODAY)))
    for name in ("lea", *PEOPLE):
        people.add_person(lea, name)
    people.add_team(lea, "Platform", ["lea", *PEOPLE])
    review, draft = rituals.start_or_resume(lea, RETRO, team="Platform")
    draft.step = RETRO.steps.index("gather")
    review = rituals.save(lea, RETRO, review, draft)

    env = {**os.environ, "STRATUI_TODAY": TODAY, "PYTHONPATH": os.getcwd()}
    children = [
        subprocess.Popen(
            [sys.executable, str(CHILD), path, name, review["id"], str(CARDS), str(DOTS)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in PEOPLE
    ]
    try:
        deadline = time.monotonic() + 120

        def cards() -> list[dict]:
            lea.store.refresh()
            return lea.store.find("retro_items", periods=["2026-W49"])

        wait_for(lambda: len(cards()) == CARDS * len(PEOPLE), deadline)
        # The facilitator reveals, groups nothing, and opens the vote, as the screen does.
        review, draft = rituals.start_or_resume(lea, RETRO, team="Platform")
        draft.reveal_all()
        draft.step = RETRO.steps.index("vote")
        review = rituals.save(lea, RETRO, review, draft)
        for child in children:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            assert out == "done\n"
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    lea.store.refresh()
    review, draft = rituals.start_or_resume(lea, RETRO, team="Platform")
    assert {voter: draft.votes_used(voter) for voter in draft.votes} == dict.fromkeys(PEOPLE, 3)
    draft.step = RETRO.steps.index("summary")
    rituals.save(lea, RETRO, review, draft)
    rituals.complete(lea, RETRO, review, draft)

    items = lea.store.find("retro_items", periods=["2026-W49"])
    texts = sorted(item["text"] for item in items)
    assert texts == sorted(f"{n} card {i}" for n in PEOPLE for i in range(CARDS))
    assert len({item["id"] for item in items}) == 60
    assert sum(item["votes"] for item in items) == 18
    assert retro_room.open_review(lea, "Platform") is None  # completed
