"""The pure three-way merge of records: every rule, one test each, then its properties.

Records here are plain dicts as the store holds them; ``rec(...)`` builds a commitment
with a chosen id, stamp and fields.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stratui.domain.merge import FieldConflict, MergeConflict, merge_meta, merge_records, newest


def rec(rid: str, stamp: str = "2026-11-20T09:00:00Z", **fields) -> dict:
    record = {
        "id": rid,
        "title": f"Commitment {rid}",
        "owner": "ana",
        "week": "2026-W47",
        "status": "open",
        "source": "manual",
        "created_at": "2026-11-20T09:00:00Z",
        "updated_at": stamp,
    }
    record.update(fields)
    return record


def tomb(record: dict, stamp: str) -> dict:
    return {**record, "deleted": True, "updated_at": stamp}


def by_id(*records: dict) -> dict[str, dict]:
    return {r["id"]: r for r in records}


BASE = rec("c1")
LATER = "2026-11-21T09:00:00Z"
LATEST = "2026-11-22T09:00:00Z"


def test_records_added_on_both_sides_with_different_ids_are_all_kept():
    ours, theirs = rec("a1"), rec("b1")
    merged = merge_records(by_id(BASE), by_id(BASE, ours), by_id(BASE, theirs))
    assert merged == by_id(BASE, ours, theirs)
    assert list(merged) == ["a1", "b1", "c1"]  # in id order


def test_a_record_added_on_one_side_only_is_kept():
    added = rec("a1")
    assert merge_records({}, by_id(added), {}) == by_id(added)
    assert merge_records({}, {}, by_id(added)) == by_id(added)


def test_the_same_edit_on_both_sides_is_kept_once():
    edited = {**BASE, "status": "done", "updated_at": LATER}
    assert merge_records(by_id(BASE), by_id(edited), by_id(dict(edited))) == by_id(edited)


def test_an_edit_on_one_side_wins_over_the_unchanged_other_whatever_its_stamp():
    # One side changed it, the other did not: no conflict, the change is kept even if
    # its stamp is older than the ancestor's (a clock running late).
    edited = {**BASE, "title": "Renamed", "updated_at": "2026-01-01T00:00:00Z"}
    assert merge_records(by_id(BASE), by_id(BASE), by_id(edited)) == by_id(edited)
    assert merge_records(by_id(BASE), by_id(edited), by_id(BASE)) == by_id(edited)


def test_the_same_record_changed_on_both_sides_keeps_the_newer_updated_at():
    ours = {**BASE, "progress": 40, "updated_at": LATER}
    theirs = {**BASE, "progress": 70, "updated_at": LATEST}
    assert merge_records(by_id(BASE), by_id(ours), by_id(theirs))["c1"] == theirs
    assert merge_records(by_id(BASE), by_id(theirs), by_id(ours))["c1"] == theirs


def test_newer_is_by_time_not_by_text_within_one_second():
    # "…:00Z" sorts after "…:00.5Z" as text although it is half a second earlier.
    whole = {**BASE, "progress": 10, "updated_at": "2026-11-21T09:00:00Z"}
    half = {**BASE, "progress": 20, "updated_at": "2026-11-21T09:00:00.5Z"}
    assert merge_records(by_id(BASE), by_id(whole), by_id(half))["c1"] == half


def test_an_equal_updated_at_is_broken_the_same_way_on_every_machine():
    one = {**BASE, "progress": 10, "updated_at": LATER}
    two = {**BASE, "progress": 90, "updated_at": LATER}
    kept = merge_records(by_id(BASE), by_id(one), by_id(two))["c1"]
    assert kept == merge_records(by_id(BASE), by_id(two), by_id(one))["c1"]
    assert kept == two  # the greater canonical JSON: '"progress": 90' > '"progress": 10'


def test_edits_of_different_fields_are_both_kept_with_the_later_stamp():
    ours = {**BASE, "status": "done", "progress": 100, "updated_at": LATER}
    theirs = {**BASE, "title": "Renamed", "updated_at": LATEST}
    conflicts: list[FieldConflict] = []
    merged = merge_records(by_id(BASE), by_id(ours), by_id(theirs), conflicts)["c1"]
    assert merged == {
        **BASE,
        "status": "done",
        "progress": 100,
        "title": "Renamed",
        "updated_at": LATEST,
    }
    assert conflicts == []
    assert merge_records(by_id(BASE), by_id(theirs), by_id(ours))["c1"] == merged


def test_a_field_both_changed_keeps_the_later_edit_and_is_noted():
    ours = {**BASE, "title": "Ours", "status": "done", "updated_at": LATEST}
    theirs = {**BASE, "title": "Theirs", "notes": "kept", "updated_at": LATER}
    conflicts: list[FieldConflict] = []
    merged = merge_records(by_id(BASE), by_id(ours), by_id(theirs), conflicts)["c1"]
    assert (merged["title"], merged["status"], merged["notes"]) == ("Ours", "done", "kept")
    assert conflicts == [FieldConflict("c1", "title", "ours")]
    swapped: list[FieldConflict] = []
    assert merge_records(by_id(BASE), by_id(theirs), by_id(ours), swapped)["c1"] == merged
    assert swapped == [FieldConflict("c1", "title", "theirs")]  # ours there is theirs here


def test_a_review_is_kept_whole():
    base = {**BASE, "ritual": "weekly", "answers": {"step": 1}}
    ours = {**base, "answers": {"step": 2}, "updated_at": LATER}
    theirs = {**base, "notes": "n", "updated_at": LATEST}
    assert merge_records(by_id(base), by_id(ours), by_id(theirs))["c1"] == theirs


def test_a_field_merge_the_caller_finds_invalid_keeps_the_later_copy_whole():
    ours = {**BASE, "status": "done", "updated_at": LATER}
    theirs = {**BASE, "progress": 30, "updated_at": LATEST}
    conflicts: list[FieldConflict] = []
    merged = merge_records(
        by_id(BASE),
        by_id(ours),
        by_id(theirs),
        conflicts,
        valid=lambda r: "progress" not in r or r["status"] != "done",
    )
    assert merged["c1"] == theirs
    assert conflicts == [FieldConflict("c1", "(whole record)", "theirs")]


def test_a_deletion_newer_than_the_other_sides_edit_wins():
    edited = {**BASE, "status": "done", "updated_at": LATER}
    deleted = tomb(BASE, LATEST)
    assert merge_records(by_id(BASE), by_id(edited), by_id(deleted))["c1"] == deleted
    assert merge_records(by_id(BASE), by_id(deleted), by_id(edited))["c1"] == deleted


def test_an_edit_newer_than_the_other_sides_deletion_wins():
    deleted = tomb(BASE, LATER)
    edited = {**BASE, "status": "done", "updated_at": LATEST}
    assert merge_records(by_id(BASE), by_id(deleted), by_id(edited))["c1"] == edited
    assert merge_records(by_id(BASE), by_id(edited), by_id(deleted))["c1"] == edited


def test_a_deletion_and_an_edit_at_the_same_instant_keep_the_live_record():
    deleted = tomb(BASE, LATER)
    edited = {**BASE, "status": "done", "updated_at": LATER}
    assert merge_records(by_id(BASE), by_id(deleted), by_id(edited))["c1"] == edited


def test_a_deletion_on_one_side_of_an_unchanged_record_is_kept():
    deleted = tomb(BASE, LATER)
    assert merge_records(by_id(BASE), by_id(BASE), by_id(deleted)) == by_id(deleted)


def test_a_record_moved_out_of_the_file_on_one_side_and_unchanged_on_the_other_leaves():
    # It moved to another shard there: that file brings it; this one no longer holds it.
    assert merge_records(by_id(BASE), by_id(BASE), {}) == {}
    assert merge_records(by_id(BASE), {}, by_id(BASE)) == {}


def test_a_record_moved_out_on_one_side_and_edited_on_the_other_is_never_dropped():
    edited = {**BASE, "progress": 50, "updated_at": LATER}
    assert merge_records(by_id(BASE), {}, by_id(edited)) == by_id(edited)
    assert merge_records(by_id(BASE), by_id(edited), {}) == by_id(edited)


def test_a_record_gone_from_both_sides_stays_gone():
    assert merge_records(by_id(BASE), {}, {}) == {}


def test_without_an_ancestor_both_versions_are_merged_as_additions():
    ours, theirs = rec("a1"), rec("b1")
    same_ours = {**rec("s1"), "progress": 10, "updated_at": LATER}
    same_theirs = {**rec("s1"), "progress": 20, "updated_at": LATEST}
    merged = merge_records({}, by_id(ours, same_ours), by_id(theirs, same_theirs))
    assert merged == by_id(ours, theirs, same_theirs)


def test_newest_prefers_a_later_stamp_then_a_live_record():
    old, new = rec("x", LATER), rec("x", LATEST)
    assert newest([old, new]) is new
    assert newest([tomb(old, LATER), old]) is old


def test_a_missing_stamp_counts_as_the_oldest():
    stamped = rec("x", LATER)
    unstamped = {k: v for k, v in rec("x").items() if k != "updated_at"}
    assert newest([unstamped, stamped]) is stamped


# -- the meta file -------------------------------------------------------------------------

META = {"format": "stratui-store", "schema": 2}


def test_the_meta_file_takes_the_one_side_that_changed():
    newer = {**META, "note": "x"}
    assert merge_meta(META, META, newer) == newer
    assert merge_meta(META, newer, META) == newer
    assert merge_meta(None, META, dict(META)) == META


def test_the_meta_file_changed_differently_on_both_sides_refuses():
    with pytest.raises(MergeConflict, match="schema 2 and 3"):
        merge_meta(META, {**META, "x": 1}, {**META, "schema": 3})


# -- properties ------------------------------------------------------------------------------

IDS = st.sampled_from(["a", "b", "c", "d"])
VERSIONS = st.builds(
    lambda rid, stamp, progress, deleted: {
        **rec(rid, f"2026-11-2{stamp}T09:00:00Z", progress=progress),
        **({"deleted": True} if deleted else {}),
    },
    IDS,
    st.integers(0, 3),
    st.integers(0, 100),
    st.booleans(),
)
SIDES = st.lists(VERSIONS, max_size=5).map(lambda records: {r["id"]: r for r in records})


@given(SIDES, SIDES, SIDES)
def test_the_result_does_not_depend_on_which_side_is_ours(base, ours, theirs):
    assert merge_records(base, ours, theirs) == merge_records(base, theirs, ours)


@given(SIDES, SIDES, SIDES)
def test_no_record_either_side_holds_is_dropped_unless_it_moved_away(base, ours, theirs):
    merged = merge_records(base, ours, theirs)
    for rid in {*ours, *theirs}:
        moved_away = (rid not in ours and theirs.get(rid) == base.get(rid)) or (
            rid not in theirs and ours.get(rid) == base.get(rid)
        )
        assert rid in merged or moved_away
        if rid in merged:
            assert merged[rid] in (ours.get(rid), theirs.get(rid))


@given(SIDES, SIDES)
def test_merging_a_side_with_itself_or_with_the_ancestor_changes_nothing(base, ours):
    assert merge_records(base, ours, ours) == ours
    assert merge_records(base, ours, base) == ours
    assert merge_records(base, base, ours) == ours


def test_a_led_retro_draft_beats_a_placeholder_of_it_started_from_a_shell():
    """bob leads the team's next retro on his clone; ana, not synced, adds a card from
    her shell, which starts the same retro (same id) led by no one, later. The merge
    keeps bob's: the leader's phase and reveals are not undone."""
    from stratui.domain.merge import merge_records

    base: dict = {}
    bobs = {
        "id": "r1",
        "ritual": "retro",
        "status": "draft",
        "facilitator": "bob",
        "answers": {"step": 4},
        "updated_at": "2026-11-22T12:00:00Z",
    }
    anas = {
        "id": "r1",
        "ritual": "retro",
        "status": "draft",
        "answers": {"step": 0},
        "updated_at": "2026-11-22T12:05:00Z",
    }
    assert merge_records(base, {"r1": bobs}, {"r1": anas})["r1"] == bobs
    assert merge_records(base, {"r1": anas}, {"r1": bobs})["r1"] == bobs
