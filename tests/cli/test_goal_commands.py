"""``stratui goal ...`` and ``stratui quarter``: happy paths, stored data, bad input.

Today is pinned to Sunday 2026-11-22 and ``me`` is ana (see ``conftest.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from stratui.store.store import Store

from ._support import ID_LINE, fingerprint, one_error_line


def new_id(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    assert ID_LINE.fullmatch(done.stdout), done.stdout
    return done.stdout.strip()


def goal_of(store, rid: str) -> dict:
    record = Store.at(str(store)).get("goals", rid)
    assert record is not None
    return record


@pytest.fixture
def cascade(cli):
    """A company goal with a key result, a team goal under it, a personal goal under that."""
    assert cli("person", "add", "ceo").returncode == 0
    company = new_id(
        cli(
            "goal",
            "add",
            "Grow revenue",
            "--owner",
            "ceo",
            "--start",
            "2026-01-01",
            "--end",
            "2026-12-31",
            "--priority",
            "1",
            "--metric",
            "ARR",
            "--baseline",
            "10",
            "--target",
            "20",
            "--unit",
            "M",
        )
    )
    team = new_id(
        cli(
            "goal",
            "add",
            "Platform reliability",
            "--parent",
            company[:6],
            "--team",
            "Platform",
            "--priority",
            "2",
        )
    )
    personal = new_id(
        cli("goal", "add", "Own the gateway", "--parent", team, "--quarter", "2026-Q4")
    )
    return {"company": company, "team": team, "personal": personal}


def test_goal_add_stores_the_goal_and_a_child_inherits(cli, store, cascade):
    company = goal_of(store, cascade["company"])
    assert company["metric"] == {"name": "ARR", "unit": "M", "baseline": 10, "target": 20}
    assert (company["owner"], company["priority"], company["status"]) == ("ceo", 1, "active")
    team = goal_of(store, cascade["team"])
    assert team["parent_id"] == company["id"]
    assert (team["start"], team["end"], team["team"], team["owner"]) == (
        "2026-01-01",
        "2026-12-31",
        "Platform",
        "ana",
    )
    personal = goal_of(store, cascade["personal"])
    assert (personal["start"], personal["end"], personal["team"]) == (
        "2026-10-01",
        "2026-12-31",
        "Platform",
    )


def test_goal_list_shows_the_tree_with_progress_and_health(cli, cascade):
    assert cli("goal", "checkin", cascade["company"], "--value", "18").returncode == 0
    done = cli("goal", "list")
    assert done.returncode == 0, done.stderr
    header, *lines = done.stdout.splitlines()
    assert header.split() == ["ID", "STATUS", "P", "PROGRESS", "HEALTH", "END", "OWNER", "GOAL"]
    assert lines[0].startswith(cascade["company"][:8])
    # day 325 of 364: elapsed 0.893; progress 0.8: pace 0.896, behind.
    assert "80%" in lines[0] and "behind" in lines[0]
    assert lines[0].endswith("  Grow revenue")
    assert lines[1].endswith("    Platform reliability")
    assert lines[2].endswith("      Own the gateway")
    rows = json.loads(cli("goal", "list", "--json").stdout)
    assert [(r["title"], r["depth"]) for r in rows] == [
        ("Grow revenue", 0),
        ("Platform reliability", 1),
        ("Own the gateway", 2),
    ]
    assert (rows[0]["progress"], rows[0]["pace"], rows[0]["health"]) == (0.8, 0.896, "behind")
    assert rows[1]["progress"] is None and rows[1]["health"] is None
    mine = json.loads(cli("goal", "list", "--json", "--owner", "ceo").stdout)
    assert [r["title"] for r in mine] == ["Grow revenue"]


def test_goal_list_hides_closed_goals_unless_all(cli, store, cascade):
    assert cli("goal", "move", cascade["personal"], "--root").returncode == 0
    from stratui.clock import Clock
    from stratui.usecases import goals
    from stratui.usecases.workspace import Workspace

    goals.drop(Workspace(Store.at(str(store)), Clock()), cascade["personal"])
    titles = [r["title"] for r in json.loads(cli("goal", "list", "--json").stdout)]
    assert "Own the gateway" not in titles
    every = json.loads(cli("goal", "list", "--all", "--json").stdout)
    assert ("Own the gateway", "dropped", 0) in [
        (r["title"], r["status"], r["depth"]) for r in every
    ]


def test_goal_list_on_an_empty_store_says_so_and_creates_nothing(cli, store):
    done = cli("goal", "list")
    assert (done.returncode, done.stdout) == (0, "no active goals\n")
    assert cli("goal", "list", "--all", "--json").stdout == "[]\n"
    assert not store.exists()


def test_goal_checkin_records_a_reading_and_says_where_the_goal_stands(cli, store, cascade):
    done = cli(
        "goal",
        "checkin",
        cascade["company"][:5],
        "--value",
        "12.5",
        "--confidence",
        "2",
        "--note",
        "*slow* [start]",
        "--date",
        "2026-03-01",
    )
    assert done.returncode == 0, done.stderr
    rid, rest = done.stdout.split(" ", 1)
    assert rest == "Grow revenue: progress 25%, at risk\n"
    checkin = Store.at(str(store)).get("goal_checkins", rid)
    assert {k: checkin[k] for k in ("goal_id", "date", "value", "confidence", "note")} == {
        "goal_id": cascade["company"],
        "date": "2026-03-01",
        "value": 12.5,
        "confidence": 2,
        "note": "*slow* [start]",
    }
    plain = cli("goal", "checkin", cascade["personal"], "--confidence", "4")
    assert plain.stdout.endswith("Own the gateway: progress no data, health: no data\n")


def test_goal_move_and_metric(cli, store, cascade):
    done = cli("goal", "move", cascade["personal"], "--under", cascade["company"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"{cascade['personal']} moved under {cascade['company'][:8]}: Own the gateway\n"
    )
    assert goal_of(store, cascade["personal"])["parent_id"] == cascade["company"]
    done = cli(
        "goal",
        "metric",
        cascade["team"],
        "--name",
        "uptime",
        "--baseline",
        "99",
        "--target",
        "99.9",
        "--unit",
        "%",
    )
    assert done.stdout == f"{cascade['team']} key result: uptime from 99 to 99.9 %\n"
    assert goal_of(store, cascade["team"])["metric"]["target"] == 99.9
    assert cli("goal", "metric", cascade["team"], "--clear").returncode == 0
    assert "metric" not in goal_of(store, cascade["team"])


def test_goal_show_prints_the_detail(cli, cascade):
    cli(
        "goal",
        "checkin",
        cascade["company"],
        "--value",
        "14",
        "--confidence",
        "3",
        "--date",
        "2026-06-01",
    )
    cli("goal", "checkin", cascade["company"], "--value", "18", "--confidence", "4")
    cli("log", "Close the deal", "--goal", cascade["company"])
    cli("block", "Legal review", "--on", cascade["company"], "--severity", "high")
    text = cli("goal", "show", cascade["team"]).stdout
    assert "under: Grow revenue" in text
    shown = json.loads(cli("goal", "show", cascade["company"], "--json").stdout)
    assert shown["goal"]["title"] == "Grow revenue"
    assert shown["children"] == [cascade["team"]]
    assert (shown["values"], shown["confidences"]) == ([14, 18], [3, 4])
    assert list(shown["commitments_by_week"]) == ["2026-W47"]
    assert len(shown["roadblocks"]) == 1 and shown["health"] == "behind"


def test_quarter_shows_the_quarter_and_sets_the_fiscal_start(cli, store, cascade):
    done = cli("quarter")
    assert done.stdout.splitlines() == [
        "2026-Q4  2026-10-01 to 2026-12-31  weeks 2026-W40 to 2026-W53 (14)",
        "fiscal year 2026 runs 2026-01-01 to 2026-12-31 (starts in January)",
    ]
    done = cli("quarter", "--fiscal-start", "april")
    assert done.stdout.splitlines()[0].startswith("2027-Q3  2026-10-01 to 2026-12-31")
    assert "fiscal year 2027 runs 2026-04-01 to 2027-03-31 (starts in April)" in done.stdout
    config = json.loads((store / ".stratui" / "config.json").read_text(encoding="utf-8"))
    assert config == {"fiscal_start": 4}
    assert cli("quarter", "next").stdout.startswith("2027-Q4  2027-01-01 to 2027-03-31")
    rid = new_id(cli("goal", "add", "Fiscal Q1", "--quarter", "2028-Q1"))
    assert (goal_of(store, rid)["start"], goal_of(store, rid)["end"]) == (
        "2027-04-01",
        "2027-06-30",
    )


# -- bad input ----------------------------------------------------------------------------------

GOAL = "9f00aa11bb22cc33"  # the seeded goal, with a key result
CHILD = "9f00bb22cc33dd44"  # a goal under it

BAD = [
    (["goal"], ["ACTION"]),
    (["goal", "frob"], ["frob"]),
    (["goal", "add", ""], ["TITLE"]),
    (["goal", "add", "x", "--priority", "6"], ["--priority", "1 (highest) to 5"]),
    (["goal", "add", "x", "--start", "someday"], ["--start", "YYYY-MM-DD"]),
    (["goal", "add", "x", "--start", "2026-05-01", "--end", "2026-04-01"], ["--end", "2026-05-01"]),
    (["goal", "add", "x", "--quarter", "2026-Q5"], ["--quarter", "YYYY-Qn"]),
    (["goal", "add", "x", "--quarter", "2026-Q4", "--end", "2026-12-01"], ["--quarter", "--end"]),
    (["goal", "add", "x", "--parent", "ffff"], ["goal", "'ffff'"]),
    (["goal", "add", "x", "--baseline", "1"], ["--metric", "--baseline"]),
    (["goal", "add", "x", "--metric", "m", "--baseline", "1"], ["--metric", "--target"]),
    (
        ["goal", "add", "x", "--metric", "m", "--baseline", "1", "--target", "ten"],
        ["--target", "number"],
    ),
    (["goal", "list", "--owner", "ana", "--team", "x"], ["--team", "--owner"]),
    (["goal", "checkin", GOAL], ["--value", "--confidence"]),
    (["goal", "checkin", GOAL, "--confidence", "6"], ["--confidence", "1 to 5"]),
    (["goal", "checkin", GOAL, "--value", "lots"], ["--value", "number"]),
    (["goal", "checkin", GOAL, "--value", "nan"], ["--value", "number"]),
    (
        ["goal", "checkin", GOAL, "--confidence", "3", "--date", "tomorrow"],
        ["--date", "after today"],
    ),
    (["goal", "checkin", GOAL, "--confidence", "3", "--date", "2026-02-30"], ["--date"]),
    (["goal", "checkin", CHILD, "--value", "3"], ["--value", "no key result"]),
    (["goal", "checkin", "ffff", "--confidence", "3"], ["goal", "'ffff'"]),
    (["goal", "move", GOAL], ["--under", "--root"]),
    (["goal", "move", GOAL, "--under", CHILD], ["--under", "cycle"]),
    (["goal", "move", GOAL, "--under", GOAL], ["--under", "own parent"]),
    (["goal", "move", GOAL, "--under", CHILD, "--root"], ["--root", "--under"]),
    (["goal", "metric", GOAL], ["--name", "--clear"]),
    (["goal", "metric", GOAL, "--clear", "--name", "x"], ["--clear"]),
    (["goal", "show", "ffff"], ["goal", "'ffff'"]),
    (["quarter", "--fiscal-start", "13"], ["--fiscal-start", "1-12"]),
    (["quarter", "--fiscal-start", "Smarch"], ["--fiscal-start", "apr"]),
    (["quarter", "someday"], ["WHEN", "YYYY-Qn"]),
    (["quarter", "someday", "--fiscal-start", "apr"], ["WHEN", "YYYY-Qn"]),
]


@pytest.fixture
def seeded(cli, tmp_path):
    document = {
        "format": "stratui",
        "version": 1,
        "exported_at": "2026-11-20T09:00:00Z",
        "goals": [
            {
                "id": GOAL,
                "title": "Ship v2",
                "status": "active",
                "start": "2026-10-01",
                "end": "2026-12-31",
                "metric": {"name": "features", "baseline": 0, "target": 10},
                "created_at": "2026-11-20T09:00:00Z",
                "updated_at": "2026-11-20T09:00:00Z",
            },
            {
                "id": CHILD,
                "title": "Docs",
                "status": "active",
                "parent_id": GOAL,
                "created_at": "2026-11-20T09:00:01Z",
                "updated_at": "2026-11-20T09:00:01Z",
            },
        ],
    }
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert cli("import", str(path)).returncode == 0
    return cli


@pytest.mark.parametrize(("args", "words"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_nothing_written(seeded, store, args, words):
    before = fingerprint(store)
    local = (store / ".stratui" / "config.json").exists()
    line = one_error_line(seeded(*args))
    for word in words:
        assert word in line, line
    assert fingerprint(store) == before
    assert (store / ".stratui" / "config.json").exists() == local


@pytest.mark.parametrize(
    "args",
    [
        ["goal", "add", "x", "--parent", "ffff"],
        ["goal", "checkin", "ffff", "--confidence", "3"],
        ["quarter", "--fiscal-start", "0"],
    ],
)
def test_bad_input_on_a_missing_store_leaves_no_store_behind(cli, store, args):
    one_error_line(cli(*args))
    assert not store.exists()


def test_the_goal_commands_load_neither_textual_nor_rich(run, user_env, store):
    rid = new_id(
        run("goal", "add", "Measured", "--metric", "m", "--baseline", "0", "--target", "1")
    )
    probe = (
        "import sys; from stratui.cli import main; code = main(sys.argv[1:]); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print(code, bad, file=sys.stderr)"
    )
    for args in (["goal", "list"], ["goal", "show", rid, "--json"], ["quarter"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, "--db", str(store), *args],
            capture_output=True,
            text=True,
            env=user_env,
            timeout=60,
        )
        assert done.stderr.strip().splitlines()[-1] == "0 []", done.stderr
