"""The summaries the store keeps per shard: what each keeps, and what it drops."""

from __future__ import annotations

import json

from stratui.domain import digests
from stratui.domain.digests import (
    HEADER_FIELDS,
    OPEN,
    completed_rows,
    last_open_day,
    open_retro_actions,
    review_headers,
    search_text,
)


def roadblock(rid: str, resolved_on: str | None) -> dict:
    return {"id": rid, "raised_on": "2026-03-02", "resolved_on": resolved_on}


def test_no_roadblocks_have_no_last_open_day():
    assert last_open_day([]) == ""


def test_resolved_roadblocks_were_last_open_on_the_latest_resolution():
    found = [
        roadblock("a", "2026-03-12"),
        roadblock("b", "2026-03-20"),
        roadblock("c", "2026-03-05"),
    ]
    assert last_open_day(found) == "2026-03-20"


def test_one_open_roadblock_makes_the_shard_open():
    found = [roadblock("a", "2026-03-12"), roadblock("b", None), roadblock("c", "2026-03-20")]
    assert last_open_day(found) == OPEN
    assert last_open_day([{"id": "d", "raised_on": "2026-03-02"}]) == OPEN  # no field at all


def test_open_is_later_than_any_resolution():
    assert OPEN > "2099-12-31"
    assert max(last_open_day([roadblock("a", "2099-12-31")]), OPEN) == OPEN


def review(**extra) -> dict:
    return {
        "id": "r1",
        "ritual": "weekly",
        "owner": "ana",
        "team": None,
        "facilitator": None,
        "period": "2026-W12",
        "status": "complete",
        "completed_at": "2026-03-20T09:30:00Z",
        "created_at": "2026-03-20T09:00:00Z",
        "updated_at": "2026-03-20T09:30:00Z",
        "answers": {"wins": "Shipped the importer", "risks": "A long secret text"},
        "notes": "Private notes",
        "participants": ["ana", "ben"],
        **extra,
    }


def test_review_headers_keep_the_header_fields_and_drop_answers_and_notes():
    headers = review_headers([review()])
    assert headers == [
        {
            "id": "r1",
            "ritual": "weekly",
            "owner": "ana",
            "team": None,
            "facilitator": None,
            "period": "2026-W12",
            "status": "complete",
            "completed_at": "2026-03-20T09:30:00Z",
            "updated_at": "2026-03-20T09:30:00Z",
        }
    ]
    assert set(headers[0]) == set(HEADER_FIELDS)
    assert "Shipped the importer" not in json.dumps(headers)


def test_review_headers_leave_out_missing_fields_and_keep_the_order_of_reviews():
    draft = {"id": "r2", "ritual": "retro", "period": "2026-W13", "status": "draft"}
    headers = review_headers([review(), draft])
    assert [h["id"] for h in headers] == ["r1", "r2"]
    assert headers[1] == draft  # no completed_at, owner or team invented
    assert review_headers([]) == []


def test_review_headers_do_not_share_the_records():
    original = review()
    review_headers([original])[0]["status"] = "changed"
    assert original["status"] == "complete"


def commitment(rid: str, source: str, status: str) -> dict:
    return {"id": rid, "title": f"Action {rid}", "source": source, "status": status, "week": "W"}


def test_open_retro_actions_keep_only_open_commitments_from_a_retro_whole():
    found = [
        commitment("a", "retro", "open"),
        commitment("b", "retro", "done"),
        commitment("c", "manual", "open"),
        commitment("d", "retro", "missed"),
        commitment("e", "retro", "open"),
        {"id": "f", "status": "open"},  # no source
    ]
    assert open_retro_actions(found) == [found[0], found[4]]
    assert open_retro_actions([]) == []


def test_open_retro_actions_are_copies():
    original = commitment("a", "retro", "open")
    open_retro_actions([original])[0]["status"] = "done"
    assert original["status"] == "open"


def test_every_summary_is_json_as_the_store_requires():
    summaries = [
        last_open_day([roadblock("a", None)]),
        review_headers([review()]),
        open_retro_actions([commitment("a", "retro", "open")]),
    ]
    assert json.loads(json.dumps(summaries)) == summaries


def test_each_summary_has_its_own_versioned_name():
    names = [digests.LAST_OPEN_DAY, digests.REVIEW_HEADERS, digests.OPEN_RETRO_ACTIONS]
    assert len(set(names)) == 3
    assert digests.LAST_OPEN_DAY.endswith("-1") and digests.OPEN_RETRO_ACTIONS.endswith("-1")


def test_review_headers_are_named_after_their_fields():
    fewer = digests.named_after("review-headers", digests.HEADER_FIELDS[:-1])
    assert digests.named_after("review-headers", digests.HEADER_FIELDS) == digests.REVIEW_HEADERS
    assert fewer.startswith("review-headers-") and fewer != digests.REVIEW_HEADERS


def test_search_text_holds_a_reviews_nested_answers_and_notes_case_folded():
    (text,) = search_text("reviews")(
        [review(answers={"risks": [{"text": "The Zeppelin"}]})]
    ).values()
    assert "the zeppelin" in text and "private notes" in text and "ben" in text


def test_search_text_of_other_collections_is_by_review_and_skips_records_of_none():
    cards = [
        {"id": "c1", "review_id": "r1", "text": "Runbooks", "category": "start"},
        {"id": "c2", "review_id": "r1", "text": "Pairing", "category": "continue"},
        {"id": "c3", "text": "A commitment made outside any review"},
    ]
    texts = search_text("retro_items")(cards)
    assert list(texts) == ["r1"]
    assert "runbooks" in texts["r1"] and "pairing" in texts["r1"]


def test_completed_rows_keep_completed_reviews_only_as_rows_of_the_row_fields():
    rows = completed_rows([review(pulse=4), review(id="r2", status="draft")])
    assert rows == [["r1", "2026-03-20T09:30:00Z", "weekly", "2026-W12", "ana", None, 4]]
    assert "Private notes" not in json.dumps(rows)
