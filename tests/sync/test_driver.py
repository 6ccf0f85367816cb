"""``stratui merge-driver %O %A %B %P``: one store file merged as git calls it.

Git hands the driver three temporary files and the path; the result must replace ``%A``
(exit 0), or ``%A`` must stay untouched with one line on stderr naming the file and the
fault (exit 1, which git turns into a conflict for the user).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stratui.cli import main
from stratui.store.codec import decode_shard, encode_meta, encode_shard

from .test_merge import LATER, LATEST, by_id, rec, tomb

PATH = "store/commitments/2026-Q4.json"


def shard(*records: dict) -> bytes:
    return encode_shard("commitments", by_id(*records))[0]


class Driver:
    """Writes the three sides into files and runs ``stratui merge-driver`` on them."""

    def __init__(self, tmp_path: Path, capsys) -> None:
        self.dir, self.capsys = tmp_path, capsys

    def __call__(self, base: bytes, ours: bytes, theirs: bytes, path: str | None = PATH):
        files = []
        for name, data in (("O", base), ("A", ours), ("B", theirs)):
            file = self.dir / f".merge_file_{name}"
            file.write_bytes(data)
            files.append(str(file))
        self.capsys.readouterr()
        code = main(["merge-driver", *files, *([path] if path else [])])
        _, err = self.capsys.readouterr()
        return code, (self.dir / ".merge_file_A").read_bytes(), err


@pytest.fixture
def driver(tmp_path, capsys) -> Driver:
    return Driver(tmp_path, capsys)


BASE = rec("c1")
OURS = by_id(BASE, rec("a1"), {**BASE, "progress": 40, "updated_at": LATER})
THEIRS = by_id(BASE, rec("b1"), {**BASE, "progress": 70, "updated_at": LATEST})


def test_the_driver_merges_records_and_writes_the_store_form(driver):
    code, result, err = driver(shard(BASE), shard(*OURS.values()), shard(*THEIRS.values()))
    assert (code, err) == (0, "")
    merged = decode_shard("commitments", result)
    assert sorted(merged) == ["a1", "b1", "c1"]
    assert merged["c1"]["progress"] == 70  # newer updated_at
    assert result == encode_shard("commitments", merged)[0]  # sorted, one record a line
    assert b"<<<<<<<" not in result


def test_merging_the_same_inputs_twice_or_the_other_way_round_gives_identical_bytes(driver):
    base, ours, theirs = shard(BASE), shard(*OURS.values()), shard(*THEIRS.values())
    first = driver(base, ours, theirs)[1]
    again = driver(base, ours, theirs)[1]
    swapped = driver(base, theirs, ours)[1]
    assert first == again == swapped


def test_an_empty_ancestor_means_both_sides_added_the_file(driver):
    code, result, _ = driver(b"", shard(rec("a1")), shard(rec("b1")))
    assert code == 0
    assert sorted(decode_shard("commitments", result)) == ["a1", "b1"]


def test_a_tombstone_newer_than_an_edit_is_kept(driver):
    edited = {**BASE, "status": "done", "updated_at": LATER}
    code, result, _ = driver(shard(BASE), shard(edited), shard(tomb(BASE, LATEST)))
    assert code == 0
    assert decode_shard("commitments", result)["c1"]["deleted"] is True


def test_without_the_path_the_collection_is_read_from_the_file(driver):
    code, result, _ = driver(shard(BASE), shard(BASE, rec("a1")), shard(BASE, rec("b1")), None)
    assert code == 0
    assert sorted(decode_shard("commitments", result)) == ["a1", "b1", "c1"]


def test_the_meta_file_is_merged_too(driver):
    meta = encode_meta({"format": "stratui-store", "schema": 2})
    code, result, _ = driver(meta, meta, meta, "store/stratui-store.json")
    assert (code, result) == (0, meta)


@pytest.mark.parametrize(
    ("side", "named"),
    [(0, "the common ancestor (%O)"), (1, "ours (%A)"), (2, "theirs (%B)")],
)
@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda data: data[: len(data) // 2], "not valid JSON"),
        (lambda data: b"\x00" * len(data), "NUL bytes"),
        (lambda data: b"<<<<<<< HEAD\n" + data, "not valid JSON"),
        (lambda data: json.dumps({"goals": {}}).encode(), 'single key "commitments"'),
    ],
    ids=["cut short", "zeroed", "conflict markers", "another collection"],
)
def test_a_damaged_side_is_refused_and_ours_is_left_untouched(driver, side, named, damage, problem):
    sides = [shard(BASE), shard(*OURS.values()), shard(*THEIRS.values())]
    sides[side] = damage(sides[side])
    code, result, err = driver(*sides)
    assert code == 1
    assert result == sides[1]  # %A exactly as git gave it
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("stratui: error: merge-driver: store/commitments/2026-Q4.json:")
    assert named in lines[0] and problem in lines[0]
    assert "Traceback" not in err


def test_a_merge_whose_result_breaks_the_schema_is_refused(driver):
    broken = {**BASE, "status": "finished", "updated_at": LATEST}
    code, result, err = driver(shard(BASE), shard(BASE, rec("a1")), shard(broken))
    assert code == 1
    assert result == shard(BASE, rec("a1"))
    assert "status" in err and "invalid" in err


def test_a_file_that_is_no_store_file_is_refused(driver):
    other = b'{"anything": 1}\n'
    code, result, err = driver(other, other, b'{"anything": 2}\n', "package.json")
    assert code == 1 and result == other
    assert "not a stratui store file" in err


def test_the_driver_loads_no_textual_rich_or_tinydb(tmp_path):
    """Git runs the driver once per file: it must stay light."""
    files = []
    for name, data in (("O", shard(BASE)), ("A", shard(rec("a1"))), ("B", shard(rec("b1")))):
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    probe = (
        "import sys, json\n"
        "from stratui.cli import main\n"
        f"code = main(['merge-driver', *{files!r}, 'commitments/2026-Q4.json'])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    code, modules = json.loads(done.stdout)
    assert code == 0
    assert "stratui.domain.merge" in modules
    assert [m for m in modules if m.startswith(("textual", "rich", "tinydb"))] == []
