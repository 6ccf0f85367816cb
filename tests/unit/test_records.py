"""Making and changing records: ids, stamps, closing, carrying over and counting slips.

"now" and "today" are always passed in, so every expectation here is exact.
"""

import datetime as dt
import re

import pytest

from stratui.domain import records
from stratui.domain.schema import ValidationError, validate_record

NOW = dt.datetime(2026, 11, 22, 9, 30, 15, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=2)
TODAY = dt.date(2026, 11, 22)


def commitment(week: str = "2026-W47", **extra) -> dict:
    """A fresh open commitment of ada in ``week``."""
    return records.new_commitment(
        title="Write the importer", owner="ada", week=week, now=NOW, **extra
    )


def test_new_record_has_id_and_both_stamps():
    """A new record gets an id and equal created/updated stamps in the format's UTC form."""
    person = records.new_record("people", {"name": "Ada", "teams": None}, NOW)
    assert re.fullmatch(r"[0-9a-f]{16}", person["id"])
    assert person["created_at"] == person["updated_at"] == "2026-11-22T09:30:15Z"
    assert person["name"] == "Ada"
    assert "teams" not in person  # None means absent, not null
    validate_record("people", person)


def test_new_record_validates():
    """A record that breaks the schema is never made."""
    with pytest.raises(ValidationError) as info:
        records.new_record("people", {"name": "  "}, NOW)
    assert info.value.field == "name"


def test_ids_are_unique_16_hex_digits():
    """10k ids: all distinct, all 16 lowercase hex digits."""
    ids = [records.new_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{16}", one) for one in ids)


def test_stamp_converts_to_utc_and_drops_fractions():
    """An aware time in another zone is written as UTC; naive times are taken as UTC."""
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert records.stamp(dt.datetime(2026, 11, 22, 11, 30, 0, 999, tzinfo=plus_two)) == (
        "2026-11-22T09:30:00Z"
    )
    assert records.stamp(dt.datetime(2026, 11, 22, 9, 30)) == "2026-11-22T09:30:00Z"


def test_updated_bumps_updated_at_and_keeps_created_at():
    """An edit moves updated_at to now and leaves id and created_at alone."""
    original = commitment()
    changed = records.updated("commitments", original, {"notes": "started"}, LATER)
    assert changed["updated_at"] == "2026-11-22T11:30:15Z"
    assert changed["created_at"] == original["created_at"]
    assert changed["id"] == original["id"]
    assert changed["notes"] == "started"
    assert "notes" not in original  # the input is not mutated


def test_updated_never_moves_updated_at_backwards():
    """A clock behind the record's stamp (another machine, a skewed clock) keeps the stamp."""
    original = records.updated("commitments", commitment(), {"notes": "x"}, LATER)
    earlier = records.updated("commitments", original, {"notes": "y"}, NOW)
    assert earlier["updated_at"] == original["updated_at"] == "2026-11-22T11:30:15Z"


def test_updated_never_moves_backwards_within_one_second():
    """A stored stamp with a fraction is later than the same whole second: keep it."""
    original = {**commitment(), "updated_at": "2026-11-22T09:30:15.500Z"}
    changed = records.updated("commitments", original, {"notes": "y"}, NOW)
    assert changed["updated_at"] == "2026-11-22T09:30:15.500Z"
    gone = records.tombstone(original, NOW)
    assert gone["updated_at"] == "2026-11-22T09:30:15.500Z"
    # ... but a later second still wins over the fraction.
    moved = records.updated("commitments", original, {"notes": "y"}, NOW + dt.timedelta(seconds=1))
    assert moved["updated_at"] == "2026-11-22T09:30:16Z"


def test_updated_none_removes_a_field_and_validates():
    """``None`` drops an optional field; a bad change raises and nothing is returned."""
    original = commitment(due="2026-11-27")
    assert "due" not in records.updated("commitments", original, {"due": None}, LATER)
    with pytest.raises(ValidationError) as info:
        records.updated("commitments", original, {"progress": 101}, LATER)
    assert info.value.field == "progress"


def test_tombstone_keeps_fields_and_marks_deleted():
    """A deleted record keeps its fields, is marked, and is stamped now."""
    original = commitment()
    gone = records.tombstone(original, LATER)
    assert gone["deleted"] is True
    assert gone["title"] == original["title"]
    assert gone["updated_at"] == "2026-11-22T11:30:15Z"
    assert not records.is_live(gone)
    assert records.is_live(original)
    assert records.live([original, gone]) == [original]
    validate_record("commitments", gone)


def test_new_commitment_is_open_and_trimmed():
    """A new commitment starts open, manual, with its title trimmed."""
    made = records.new_commitment(title="  Ship it  ", owner="ada", week="2026-W53", now=NOW)
    assert made["status"] == "open"
    assert made["source"] == "manual"
    assert made["title"] == "Ship it"
    assert made["week"] == "2026-W53"


def test_new_commitment_rejects_a_week_that_does_not_exist():
    """2025-W53 cannot hold a commitment."""
    with pytest.raises(ValidationError) as info:
        commitment(week="2025-W53")
    assert info.value.field == "week"


def test_close_as_done_sets_closed_on_and_full_progress():
    """Done means closed today at 100% unless a progress is given."""
    done = records.close_commitment(commitment(), "done", LATER, TODAY, note="shipped")
    assert done["status"] == "done"
    assert done["closed_on"] == "2026-11-22"
    assert done["progress"] == 100
    assert done["notes"] == "shipped"
    assert done["updated_at"] == "2026-11-22T11:30:15Z"


def test_close_as_partial_keeps_the_given_progress():
    """Partial records the progress given and does not invent 100."""
    partial = records.close_commitment(commitment(), "partial", LATER, TODAY, progress=40)
    assert partial["progress"] == 40
    assert partial["closed_on"] == "2026-11-22"
    missed = records.close_commitment(commitment(), "missed", LATER, TODAY)
    assert "progress" not in missed


def test_reclosing_keeps_the_first_closed_on():
    """Changing the outcome later keeps the day it was first closed."""
    partial = records.close_commitment(commitment(), "partial", NOW, TODAY, progress=40)
    done = records.close_commitment(partial, "done", LATER, TODAY + dt.timedelta(days=3))
    assert done["closed_on"] == "2026-11-22"


def test_reopening_clears_closed_on():
    """Back to open: no closed_on, notes appended rather than replaced."""
    done = records.close_commitment(commitment(), "done", NOW, TODAY, note="shipped")
    reopened = records.close_commitment(done, "open", LATER, TODAY, note="bug found")
    assert reopened["status"] == "open"
    assert "closed_on" not in reopened
    assert reopened["notes"] == "shipped\nbug found"


def test_close_with_a_bad_status_is_rejected():
    """An unknown outcome is a validation error naming status."""
    with pytest.raises(ValidationError) as info:
        records.close_commitment(commitment(), "finished", LATER, TODAY)
    assert info.value.field == "status"


def test_carry_over_makes_a_new_open_commitment_next_week():
    """The carried commitment is new, open, next week, same owner/goal, pointing back."""
    old = records.close_commitment(
        commitment(goal_id="g1", confidence=4), "partial", NOW, TODAY, progress=50
    )
    new = records.carry_over(old, LATER)
    assert new["id"] != old["id"]
    assert new["carried_from"] == old["id"]
    assert new["week"] == "2026-W48"
    assert new["status"] == "open"
    assert "closed_on" not in new and "progress" not in new
    assert (new["title"], new["owner"], new["goal_id"], new["confidence"]) == (
        old["title"],
        "ada",
        "g1",
        4,
    )
    assert new["created_at"] == "2026-11-22T11:30:15Z"
    assert old["status"] == "partial"  # the original keeps its outcome


def test_carry_over_across_a_53_week_year_end():
    """2026-W53 carries into 2027-W01, and 2025-W52 into 2026-W01."""
    assert records.carry_over(commitment("2026-W53"), LATER)["week"] == "2027-W01"
    assert records.carry_over(commitment("2025-W52"), LATER)["week"] == "2026-W01"


def test_carry_over_to_a_chosen_week_from_a_review():
    """A review may carry to a given week; the new one is then sourced from the review."""
    new = records.carry_over(commitment(), LATER, week="2026-W50", review_id="r1")
    assert new["week"] == "2026-W50"
    assert new["source"] == "review"
    assert new["review_id"] == "r1"


def test_carry_over_refuses_a_done_commitment():
    """What is done is not carried."""
    done = records.close_commitment(commitment(), "done", NOW, TODAY)
    with pytest.raises(ValueError, match="done commitment cannot be carried"):
        records.carry_over(done, LATER)


def test_slip_count_along_a_chain_of_carry_overs():
    """An original has 0 slips; each carry-over adds one."""
    first = commitment("2026-W52")
    second = records.carry_over(first, LATER)
    third = records.carry_over(second, LATER)
    by_id = {one["id"]: one for one in (first, second, third)}
    assert [records.slip_count(one, by_id) for one in (first, second, third)] == [0, 1, 2]
    assert third["week"] == "2027-W01"


def test_slip_count_with_a_missing_link_counts_what_it_can():
    """A carried_from pointing at an unknown record still counts that one slip."""
    orphan = {**commitment(), "carried_from": "gone"}
    assert records.slip_count(orphan, {}) == 1


def test_slip_count_survives_a_cycle():
    """A corrupted chain that loops back terminates with a finite count."""
    a = {**commitment(), "id": "a", "carried_from": "c"}
    b = {**commitment(), "id": "b", "carried_from": "a"}
    c = {**commitment(), "id": "c", "carried_from": "b"}
    by_id = {"a": a, "b": b, "c": c}
    assert records.slip_count(c, by_id) == 2
    selfish = {**commitment(), "id": "s", "carried_from": "s"}
    assert records.slip_count(selfish, {"s": selfish}) == 0


def test_append_note():
    """Notes accumulate on new lines; an empty history takes the note as is."""
    assert records.append_note(None, "a") == "a"
    assert records.append_note("", "a") == "a"
    assert records.append_note("a", "b") == "a\nb"


def test_clean_drops_only_none():
    """Falsy values that mean something (0, "", False) are kept."""
    assert records.clean({"a": None, "b": 0, "c": "", "d": False}) == {"b": 0, "c": "", "d": False}
