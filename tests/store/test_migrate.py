"""A schema-1 store (one file per collection) is migrated on opening, after a backup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stratui.store.errors import StoreDamaged
from stratui.store.layout import META_FILE
from stratui.store.store import Store

from ._support import commitment, tree

STAMP = "2026-03-20T09:30:00Z"


def stamped(rid: str, **fields) -> dict:
    return {"id": rid, **fields, "created_at": STAMP, "updated_at": STAMP}


PERSON = stamped("p000000000000001", name="Ada")
REVIEW = stamped(
    "r000000000000001",
    ritual="retro",
    period="2026-W13",
    participants=["Ada"],
    status="complete",
    started_at=STAMP,
)
QUARTERLY = stamped(
    "r000000000000002",
    ritual="quarterly",
    period="2026-Q4",
    participants=["Ada"],
    status="draft",
    started_at=STAMP,
)
ITEMS = [
    stamped("i000000000000001", review_id=REVIEW["id"], category="start", text="Pair", votes=2),
    stamped("i000000000000002", review_id=QUARTERLY["id"], category="stop", text="Meet", votes=0),
]
COMMITMENTS = [
    stamped(
        f"c00000000000000{n}", title=f"c{n}", owner="Ada", week=week, status=status, source="manual"
    )
    for n, (week, status) in enumerate(
        [("2026-W13", "done"), ("2026-W14", "open"), ("2026-W53", "open"), ("2027-W01", "open")]
    )
]
COMMITMENTS[0]["closed_on"] = "2026-03-27"
COMMITMENTS[1]["review_id"] = REVIEW["id"]
TOMBSTONE = {
    **stamped(
        "c000000000000009",
        title="gone",
        owner="Ada",
        week="2026-W02",
        status="open",
        source="manual",
    ),
    "deleted": True,
}


def write_schema_1(root: Path) -> dict[str, bytes]:
    """A store as schema 1 wrote it; returns its files."""
    root.mkdir(parents=True)
    files = {
        META_FILE: {"format": "stratui-store", "schema": 1},
        "people.json": {"people": {PERSON["id"]: PERSON}},
        "reviews.json": {"reviews": {r["id"]: r for r in (REVIEW, QUARTERLY)}},
        "retro_items.json": {"retro_items": {i["id"]: i for i in ITEMS}},
        "commitments.json": {"commitments": {c["id"]: c for c in (*COMMITMENTS, TOMBSTONE)}},
    }
    for rel, content in files.items():
        (root / rel).write_text(json.dumps(content, indent=2), encoding="utf-8")
    (root / ".gitignore").write_text(".stratui/\n")
    return tree(root)


@pytest.mark.parametrize("first", ["read", "write"])
def test_a_schema_1_store_is_migrated_after_a_backup(tmp_path, first):
    root = tmp_path / "store"
    old = write_schema_1(root)
    store = Store.at(str(root))
    if first == "read":
        assert store.get("commitments", COMMITMENTS[2]["id"]) == COMMITMENTS[2]
    else:
        with store.transaction() as tx:
            tx.insert("commitments", commitment(week="2026-W14", title="new"))

    assert json.loads((root / META_FILE).read_text())["schema"] == 3  # through schema 2, on to 3
    for gone in ("commitments.json", "reviews.json", "retro_items.json"):
        assert not (root / gone).exists()
    assert (root / "people.json").exists()
    assert sorted(p.name for p in (root / "commitments").iterdir()) == [
        "2026-Q1.json",
        "2026-Q2.json",
        "2026-Q4.json",
        "2027-Q1.json",
    ]

    fresh = Store.at(str(root))
    for record in COMMITMENTS:
        assert fresh.get("commitments", record["id"]) == record
        assert fresh.resolve("commitments", record["id"]) == record
    assert fresh.get("commitments", TOMBSTONE["id"]) is None
    assert fresh.get("commitments", TOMBSTONE["id"], deleted=True) == TOMBSTONE
    assert [c["id"] for c in fresh.find("commitments", keys=["2026-Q1"])] == [COMMITMENTS[0]["id"]]
    by_week = fresh.find("commitments", keys=["2026-Q4"], where=lambda r: r["week"] == "2026-W53")
    assert by_week == [COMMITMENTS[2]]
    assert fresh.find("retro_items", keys=["2026-Q1"]) == [ITEMS[0]]
    assert fresh.find("retro_items", keys=["2026-Q4"]) == [ITEMS[1]]
    assert fresh.find("reviews", keys=["2026-Q4"]) == [QUARTERLY]
    assert fresh.get("people", PERSON["id"]) == PERSON
    assert fresh.check() == []

    backups = list((root / ".stratui" / "backups").glob("schema-1-*"))
    assert len(backups) == 1
    assert tree(backups[0]) == old  # the whole old store, byte for byte

    # opening again migrates nothing more
    Store.at(str(root)).find("commitments")
    assert len(list((root / ".stratui" / "backups").glob("schema-1-*"))) == 1


def test_a_damaged_schema_1_file_is_not_migrated(tmp_path):
    root = tmp_path / "store"
    write_schema_1(root)
    (root / "commitments.json").write_bytes(b'{"commitments": {"c0')
    with pytest.raises(StoreDamaged, match=r"commitments\.json"):
        Store.at(str(root)).find("commitments")
    assert (root / "commitments.json").read_bytes() == b'{"commitments": {"c0'
    assert json.loads((root / META_FILE).read_text())["schema"] == 1


def test_a_schema_2_store_becomes_schema_3_with_its_files_unchanged(tmp_path):
    """Schema 3 moves nothing: it tells an older stratui to upgrade rather than run a
    retrospective without the participants' cards and ballots."""
    from stratui.clock import Clock
    from stratui.usecases import commitments
    from stratui.usecases.workspace import Workspace

    root = tmp_path / "store"
    ws = Workspace(Store.at(str(root)), Clock())
    commitments.log(ws, "Before the upgrade", owner=None)
    (root / META_FILE).write_text('{"format": "stratui-store", "schema": 2}\n', encoding="utf-8")
    before = {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*.json")
        if ".stratui" not in p.parts and p.name != META_FILE
    }
    again = Store.at(str(root))
    assert [c["title"] for c in again.all("commitments")] == ["Before the upgrade"]
    assert json.loads((root / META_FILE).read_text())["schema"] == 3
    after = {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*.json")
        if ".stratui" not in p.parts and p.name != META_FILE
    }
    assert after == before
    assert list((root / ".stratui" / "backups").glob("schema-2-*"))
