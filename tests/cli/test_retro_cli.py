"""``stratui retro card|cards|vote``: a team's retrospective from a shell, ahead of time.

Run in this process (``cli``) with me as ana, or as another person (``STRATUI_ME``);
today is Sunday 2026-11-22 (2026-W47). Every refusal is one line, exit 2, and leaves the
store's files byte for byte as they were.
"""

from __future__ import annotations

import json

import pytest

from stratui.clock import Clock
from stratui.rituals.retro.ritual import RETRO
from stratui.store.store import Store
from stratui.usecases import rituals
from stratui.usecases.workspace import Workspace

from ._support import as_ben, fingerprint, one_error_line

SECRET = "The release process scares me"


@pytest.fixture
def team(cli):
    for name in ("ana", "ben"):
        assert cli("person", "add", name).returncode == 0
    assert cli("team", "add", "Platform", "--members", "ana,ben").returncode == 0
    return "Platform"


def facilitator_moves_to(store, phase: str, *, reveal: bool = True) -> None:
    """ana leads the retrospective to ``phase`` (as her screen would)."""
    ws = Workspace(Store.at(str(store)), Clock.from_env())
    review, draft = rituals.start_or_resume(ws, RETRO, team="Platform")
    draft.facilitator = draft.facilitator or "ana"
    if reveal:
        draft.reveal_all()
    draft.step = RETRO.steps.index(phase)
    rituals.save(ws, RETRO, review, draft)


def test_a_card_ahead_of_time_starts_the_teams_next_retro(cli, team, store):
    done = cli("retro", "card", "Deploys got faster")
    assert done.returncode == 0, done.stderr
    assert "to the retrospective of Platform for 2026-W47 (setup phase)" in done.stdout
    listed = cli("retro", "cards").stdout
    assert "Platform · 2026-W47 · Start / Stop / Continue · setup phase" in listed
    assert "Deploys got faster  (hidden from others)" in listed
    assert cli("retro", "card", "Flaky tests", "--category", "Stop").returncode == 0
    document = json.loads(cli("retro", "cards", "--json").stdout)
    assert sorted((c["category"], c["text"]) for c in document["cards"]) == [
        ("start", "Deploys got faster"),
        ("stop", "Flaky tests"),
    ]
    # Started from a shell: no one leads it until someone opens it in the app.
    assert document["facilitator"] is None and document["phase"] == "setup"


def test_others_cards_are_counts_until_revealed(cli, team, store, monkeypatch):
    cli("retro", "card", "Deploys got faster")
    as_ben(cli, monkeypatch, "retro", "card", "Flaky tests")
    as_ben(cli, monkeypatch, "retro", "card", "Slow CI")
    document = json.loads(cli("retro", "cards", "--json").stdout)
    assert [c["text"] for c in document["cards"]] == ["Deploys got faster"]
    assert document["hidden"] == {"ben": 2}
    assert "hidden until revealed: ben 2" in cli("retro", "cards").stdout
    facilitator_moves_to(store, "gather")
    document = json.loads(cli("retro", "cards", "--json").stdout)
    assert len(document["cards"]) == 3 and document["hidden"] == {}


def test_votes_spend_my_own_dots_in_the_vote_phase(cli, team, store, monkeypatch):
    cli("retro", "card", "Deploys got faster")
    before = fingerprint(store)
    early = one_error_line(cli("retro", "vote", "abc"))
    assert "votes are given in the vote phase; the retrospective of Platform is in" in early
    assert fingerprint(store) == before
    facilitator_moves_to(store, "vote")
    card = json.loads(cli("retro", "cards", "--json").stdout)["cards"][0]["id"]
    for left in (2, 1, 0):
        assert (
            cli("retro", "vote", card[:6]).stdout
            == f"put a dot on {card[:6]}; {left} dot(s) left\n"
        )
    before = fingerprint(store)
    line = one_error_line(cli("retro", "vote", card[:6]))
    assert "ana has used all 3 votes" in line
    assert fingerprint(store) == before
    # ben's dots are ben's: ana's spending took none of them.
    assert as_ben(cli, monkeypatch, "retro", "vote", card).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("retro", "card", "x", "--category", "Kudos"), "--category: Start / Stop / Continue has"),
        (("retro", "card", "x", "--team", "Nope"), "--team: no team named 'Nope'; known teams"),
        (("retro", "cards"), "--team: the team has no retrospective in progress"),
        (("retro", "vote", "abc", "--team", "Nope"), "no team named 'Nope'"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(cli, team, store, args, message):
    before = fingerprint(store)
    assert message in one_error_line(cli(*args))
    assert fingerprint(store) == before


def test_a_card_for_a_closed_retro_goes_to_the_next_one(cli, team, store):
    cli("retro", "card", "First retro's card")
    facilitator_moves_to(store, "summary")
    ws = Workspace(Store.at(str(store)), Clock.from_env())
    review, draft = rituals.start_or_resume(ws, RETRO, team="Platform")
    rituals.complete(ws, RETRO, review, draft)
    done = cli("retro", "card", "For the next one")
    assert done.returncode == 0, done.stderr
    document = json.loads(cli("retro", "cards", "--json").stdout)
    assert document["review_id"] != review["id"]
    assert [c["text"] for c in document["cards"]] == ["For the next one"]


def test_late_card_after_the_gather_phase_is_refused(cli, team, store):
    cli("retro", "card", "On time")
    facilitator_moves_to(store, "vote")
    before = fingerprint(store)
    line = one_error_line(cli("retro", "card", "Too late"))
    assert "error: card: the retrospective of Platform is in the vote phase" in line
    assert fingerprint(store) == before


def lines_of(store) -> set[tuple[str, str]]:
    """Every line of every file of the store (its local cache too), with its file."""
    return {
        (str(path.relative_to(store)), line)
        for path in store.rglob("*")
        if path.is_file()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    }


def test_an_anonymous_card_names_its_author_nowhere(cli, team, store, monkeypatch):
    """Writing it adds no line that names its author (no author field, no updated-by, no
    participant link), and no export shows one."""
    cli("retro", "card", "ana's signed card")  # the retro exists: its start names no one
    before = lines_of(store)
    assert as_ben(cli, monkeypatch, "retro", "card", SECRET, "--anonymous").returncode == 0
    added = lines_of(store) - before
    assert any(SECRET in line for _file, line in added)
    assert [line for _file, line in added if "ben" in line] == []
    assert json.loads(cli("retro", "cards", "--json").stdout)["hidden"] == {"anonymous": 1}
    facilitator_moves_to(store, "vote")
    shown = [c for c in json.loads(cli("retro", "cards", "--json").stdout)["cards"]]
    (secret,) = [c for c in shown if c["text"] == SECRET]
    assert secret["author"] is None
    for fmt in ("json", "md"):
        exported = cli("export", "--format", fmt).stdout
        if fmt == "json":  # a value a line: a record's line also holds its participants
            exported = json.dumps(json.loads(exported), indent=2)
        for line in exported.splitlines():
            if SECRET in line or secret["id"] in line:
                assert "ben" not in line, line
    csv = cli("export", "--format", "csv", "--collection", "retro_items").stdout
    (row,) = [line for line in csv.splitlines() if SECRET in line]
    assert "ben" not in row


def test_someone_who_is_not_a_person_starts_nothing(cli, team, store, monkeypatch):
    before = fingerprint(store)
    monkeypatch.setenv("STRATUI_ME", "zed")
    line = one_error_line(cli("retro", "card", "Hello", "--anonymous"))
    assert "me: 'zed' is not a person of this store" in line
    assert fingerprint(store) == before


def test_a_card_with_json_prints_the_card_written(cli, team, store):
    from stratui.exchange.document import public_record

    done = cli("retro", "card", "Deploys were calm", "--json")
    assert done.returncode == 0, done.stderr
    card = json.loads(done.stdout)
    assert (card["text"], card["author"], card["votes"]) == ("Deploys were calm", "ana", 0)
    kept = Store.at(str(store)).get("retro_items", card["id"])
    assert kept is not None and card == public_record(kept)
