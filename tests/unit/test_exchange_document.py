"""The export document: shape, order, what is left out, what is kept, and its bytes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from stratui.domain.records import new_commitment, new_record, tombstone
from stratui.domain.schema import COLLECTIONS
from stratui.exchange.document import (
    FORMAT,
    INTERNAL_FIELDS,
    VERSION,
    build_document,
    dump_document,
    public_record,
)

T0 = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 11, 17, 9, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 11, 18, 9, 0, tzinfo=dt.UTC)
EXPORTED = "2026-11-22T09:30:00Z"


def _records() -> dict[str, list[dict]]:
    goal = new_record("goals", {"title": "Ship v1", "status": "active"}, T0)
    first = new_commitment(title="Write the importer", owner="ana", week="2026-W47", now=T1)
    second = new_commitment(title="Ünïcode ✓ title", owner="ana", week="2026-W47", now=T2)
    return {"goals": [goal], "commitments": [second, first]}


def test_document_has_header_then_all_nine_collections_in_order():
    doc = build_document(_records(), EXPORTED)

    assert list(doc) == ["format", "version", "exported_at", *COLLECTIONS]
    assert (doc["format"], doc["version"], doc["exported_at"]) == (FORMAT, VERSION, EXPORTED)
    assert doc["people"] == [] and doc["retro_items"] == []


def test_records_are_sorted_by_created_at_then_id():
    same_time = [
        new_commitment(title=f"c{i}", owner="ana", week="2026-W47", now=T1) for i in range(5)
    ]
    earlier = new_commitment(title="early", owner="ana", week="2026-W47", now=T0)

    doc = build_document({"commitments": [*same_time, earlier]}, EXPORTED)

    ids = [record["id"] for record in doc["commitments"]]
    assert ids == [earlier["id"], *sorted(record["id"] for record in same_time)]


def test_tombstones_and_internal_fields_are_left_out():
    records = _records()
    gone = tombstone(records["commitments"][0], T2)
    live_with_flag = {**records["commitments"][1], "deleted": False}

    doc = build_document({"commitments": [gone, live_with_flag]}, EXPORTED)

    assert [record["id"] for record in doc["commitments"]] == [live_with_flag["id"]]
    assert not any(key in doc["commitments"][0] for key in INTERNAL_FIELDS)


def test_unknown_extra_fields_are_kept():
    record = {**_records()["goals"][0], "x_future": {"nested": [1, 2]}}

    doc = build_document({"goals": [record]}, EXPORTED)

    assert doc["goals"][0]["x_future"] == {"nested": [1, 2]}


def test_names_that_are_not_collections_are_ignored():
    doc = build_document({"_default": [{"id": "x"}], **_records()}, EXPORTED)

    assert "_default" not in doc


def test_building_does_not_change_the_input_records():
    records = _records()
    gone = tombstone(records["goals"][0], T2)
    before = json.dumps(gone, sort_keys=True)

    build_document({"goals": [gone]}, EXPORTED)

    assert json.dumps(gone, sort_keys=True) == before


def test_dump_is_deterministic_whatever_the_input_order():
    records = _records()
    shuffled = {
        "commitments": list(reversed(records["commitments"])),
        "goals": [dict(reversed(list(records["goals"][0].items())))],
    }

    first = dump_document(build_document(records, EXPORTED))
    second = dump_document(build_document(shuffled, EXPORTED))

    assert first == second


def test_dump_keeps_top_level_order_sorts_record_keys_and_ends_with_newline():
    doc = build_document(_records(), EXPORTED)
    text = dump_document(doc)

    assert text.endswith("}\n")
    positions = [text.index(f'"{key}":') for key in ("format", "version", "exported_at")]
    positions += [text.index(f'"{name}":') for name in COLLECTIONS]
    assert positions == sorted(positions)
    goal = json.loads(text)["goals"][0]
    assert list(goal) == sorted(goal)
    assert json.loads(text) == doc


def test_dump_writes_unicode_literally_with_two_space_indent():
    text = dump_document(build_document(_records(), EXPORTED))

    assert "Ünïcode ✓ title" in text
    assert '\n  "format": "stratui",\n' in text


def test_dump_refuses_values_that_are_not_json():
    doc = build_document({}, EXPORTED)
    doc["goals"] = [{"id": "g", "value": float("nan")}]

    with pytest.raises(ValueError):
        dump_document(doc)


def test_exchange_modules_import_no_ui_or_storage_library():
    code = (
        "import sys\n"
        "import stratui.exchange.document, stratui.exchange.importer\n"
        "import stratui.exchange.csvout, stratui.exchange.markdown\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'tinydb', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"


def test_public_record_drops_only_internal_fields():
    record = {**_records()["goals"][0], "deleted": True, "x_extra": 1}

    shown = public_record(record)

    assert "deleted" not in shown and shown["x_extra"] == 1 and "deleted" in record
