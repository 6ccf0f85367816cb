"""A damaged store file is reported, by every operation and command, and never touched.

The message names the damaged file and the latest good backup of it, and that backup is
a file that exists and decodes, so the user can put it back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stratui.store.codec import decode_meta, decode_shard
from stratui.store.errors import StoreDamaged
from stratui.store.layout import META_FILE
from stratui.store.store import Store

from ._support import commitment, goal, tree

DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "nul-bytes": lambda data: b"\0" * len(data),
    "not-json": lambda data: b"this is not JSON at all\n",
    "a-list": lambda data: b"[1, 2]\n",
    "another-object": lambda data: b'{"other": {}}\n',
    "empty": lambda data: b"",
}
TARGETS = ["commitments/2026-Q1.json", "goals.json", META_FILE]


def build(root: Path) -> dict[str, dict]:
    """A store written in three commits (so every file has backups); its records."""
    store = Store.at(str(root))
    kept = {"c": commitment(title="one"), "g": goal()}
    with store.transaction() as tx:
        tx.insert("commitments", kept["c"])
        tx.insert("goals", kept["g"])
    for n in range(2):
        with store.transaction() as tx:
            tx.insert("commitments", commitment(title=f"more {n}"))
            tx.insert("goals", goal(f"goal {n}"))
    return kept


def damage(root: Path, rel: str, kind: str) -> bytes:
    path = root / rel
    data = DAMAGE[kind](path.read_bytes())
    path.write_bytes(data)
    return data


def decodes(rel: str, path: str) -> bool:
    data = Path(path).read_bytes()
    if rel == META_FILE:
        decode_meta(data)
    else:
        decode_shard(rel.split("/")[0].removesuffix(".json"), data)
    return True


@pytest.mark.parametrize("rel", TARGETS)
@pytest.mark.parametrize("kind", DAMAGE)
def test_every_operation_reports_the_damage_and_the_backup(tmp_path, kind, rel):
    root = tmp_path / "store"
    kept = build(root)
    long_lived = Store.at(str(root))
    assert long_lived.get("commitments", kept["c"]["id"]) == kept["c"]
    damaged = damage(root, rel, kind)
    before = tree(root)

    def write(store):
        with store.transaction() as tx:
            tx.insert("commitments", commitment(title="refused"))

    attempts = {
        "find": lambda s: s.find("commitments"),
        "find goals": lambda s: s.find("goals"),
        "get": lambda s: s.get("commitments", kept["c"]["id"]),
        "get goal": lambda s: s.get("goals", kept["g"]["id"]),
        "resolve": lambda s: s.resolve("commitments", kept["c"]["id"][:6]),
        "transaction": write,
        "refresh": lambda s: s.refresh(),
    }
    for name, attempt in attempts.items():
        for label, store in (("new", Store.at(str(root))), ("long-lived", long_lived)):
            with pytest.raises(StoreDamaged) as caught:
                attempt(store)
            error = caught.value
            message = str(error)
            where = f"{name} on a {label} store"
            assert str(root / rel) in message, where
            assert error.path == str(root / rel), where
            assert error.backup is not None and error.backup in message, where
            assert os.path.isfile(error.backup) and decodes(rel, error.backup), where
            assert str(root) in error.backup and ".stratui" in error.backup, where
            assert (root / rel).read_bytes() == damaged, where
    for store in (Store.at(str(root)), long_lived):
        problems = store.check()
        assert any(str(root / rel) in line for line in problems), problems
    assert tree(root) == before


def test_the_backup_named_holds_the_last_good_state(tmp_path):
    root = tmp_path / "store"
    build(root)
    rel = "commitments/2026-Q1.json"
    good = (root / rel).read_bytes()
    damage(root, rel, "truncated")
    with pytest.raises(StoreDamaged) as caught:
        Store.at(str(root)).find("commitments")
    assert Path(caught.value.backup).read_bytes() == good
    # putting the backup back repairs the store
    (root / rel).write_bytes(good)
    assert len(Store.at(str(root)).find("commitments")) == 3
    assert Store.at(str(root)).check() == []


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "STRATUI_TODAY": "2026-03-20", "STRATUI_ME": "ada"}
    env.pop("STRATUI_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "stratui", "--db", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
    )


@pytest.mark.parametrize(
    ("rel", "kind"),
    [("commitments/2026-Q1.json", kind) for kind in DAMAGE] + [(META_FILE, "not-json")],
)
def test_the_cli_says_what_is_damaged_and_exits_1(tmp_path, rel, kind):
    root = tmp_path / "store"
    build(root)
    damaged = damage(root, rel, kind)
    for args in (["list", "--all"], ["log", "x"], ["list"]):
        done = cli(root, *args)
        assert done.returncode == 1, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, (args, done.stderr)
        assert str(root / rel) in lines[0] and "damaged" in lines[0]
        assert "latest good backup: " + str(root / ".stratui" / "backups") in lines[0]
        assert done.stdout == ""
    done = cli(root, "check")
    assert done.returncode == 1
    assert str(root / rel) in done.stderr
    assert (root / rel).read_bytes() == damaged


def test_the_cli_on_a_sound_store(tmp_path):
    root = tmp_path / "store"
    done = cli(root, "list", "--all")
    assert done.returncode == 0 and not root.exists()
    done = cli(root, "log", "Write tests")
    assert done.returncode == 0, done.stderr
    rid = done.stdout.strip()
    assert Store.at(str(root)).get("commitments", rid)["title"] == "Write tests"
    assert Store.at(str(root)).get("commitments", rid)["week"] == "2026-W12"
    assert cli(root, "check").returncode == 0


GONE = {
    "deleted": lambda path, tmp: path.unlink(),
    "a-directory": lambda path, tmp: (path.unlink(), path.mkdir()),
    "a-link-away": lambda path, tmp: (
        (tmp / "elsewhere.json").write_bytes(path.read_bytes()),
        path.unlink(),
        path.symlink_to(tmp / "elsewhere.json"),
    ),
}


@pytest.mark.parametrize("kind", GONE)
def test_a_file_the_store_wrote_that_is_gone_is_damage_with_its_backup(tmp_path, kind):
    """Issue 17, item 1: a deleted shard read as empty, check said sound, and three more
    writes rotated away the last backup of its records."""
    root = tmp_path / "store"
    build(root)
    assert cli(root, "list", "--all").returncode == 0  # this machine has seen every file
    rel = "commitments/2026-Q1.json"
    GONE[kind](root / rel, tmp_path)
    backups = sorted((root / ".stratui" / "backups").rglob("*"))
    for args in (["list", "--all"], ["log", "x", "--week", "2026-W02"], ["check"]):
        done = cli(root, *args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert f"store file {root / rel} is damaged (it is missing" in done.stderr
        assert "latest good backup: " + str(root / ".stratui" / "backups") in done.stderr
    assert sorted((root / ".stratui" / "backups").rglob("*")) == backups  # none rotated


def test_a_file_never_written_here_that_is_absent_is_simply_empty(tmp_path):
    root = tmp_path / "store"
    build(root)
    done = cli(root, "list", "--week", "2026-W40")  # a quarter no commitment was ever in
    assert done.returncode == 0 and "no commitments" in done.stdout
