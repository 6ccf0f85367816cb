"""CSV and Markdown exports: stable columns, literal user text, a readable document."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

import pytest

from stratui.domain.markdown import md
from stratui.domain.records import close_commitment, new_commitment, new_record, tombstone
from stratui.exchange.csvout import to_csv
from stratui.exchange.markdown import to_markdown

T0 = dt.datetime(2026, 11, 9, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 20)
EXPORTED = "2026-11-22T09:30:00Z"
HOSTILE = "[@click=app.quit]x[/]"


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# --- CSV ----------------------------------------------------------------------------------


def test_csv_header_is_id_schema_fields_timestamps_then_sorted_extras():
    item = {
        **new_commitment(title="t", owner="ana", week="2026-W47", now=T0),
        "zeta": 1,
        "alpha": 2,
    }

    header = rows(to_csv([item], "commitments"))[0]

    assert header == [
        "id",
        "title",
        "owner",
        "week",
        "goal_id",
        "due",
        "confidence",
        "status",
        "progress",
        "carried_from",
        "source",
        "review_id",
        "notes",
        "closed_on",
        "created_at",
        "updated_at",
        "alpha",
        "zeta",
    ]


def test_csv_row_joins_lists_and_leaves_none_empty():
    person = new_record("people", {"name": "ana", "teams": ["core", "web"]}, T0)
    person["teams_note"] = None

    header, row = rows(to_csv([person], "people"))

    cells = dict(zip(header, row, strict=True))
    assert cells["teams"] == "core, web"
    assert cells["teams_note"] == ""
    assert cells["name"] == "ana" and cells["id"] == person["id"]


def test_csv_writes_objects_as_compact_json_and_text_literally():
    goal = new_record(
        "goals",
        {
            "title": f'{HOSTILE}, "quoted"\nsecond line',
            "status": "active",
            "metric": {"name": "NPS", "baseline": 1, "target": 5},
        },
        T0,
    )

    header, row = rows(to_csv([goal], "goals"))

    cells = dict(zip(header, row, strict=True))
    assert cells["metric"] == '{"baseline":1,"name":"NPS","target":5}'
    assert cells["title"] == goal["title"]
    assert cells["priority"] == ""


def test_csv_leaves_out_tombstones_and_orders_rows_by_creation():
    late = new_commitment(title="late", owner="ana", week="2026-W47", now=T1)
    early = new_commitment(title="early", owner="ana", week="2026-W46", now=T0)
    gone = tombstone(new_commitment(title="gone", owner="ana", week="2026-W46", now=T0), T1)

    table = rows(to_csv([late, gone, early], "commitments"))

    assert [row[1] for row in table[1:]] == ["early", "late"]
    assert "deleted" not in table[0]


def test_csv_of_no_records_is_just_the_header_and_unknown_collections_are_refused():
    assert to_csv([], "teams") == "id,name,members,former_names,created_at,updated_at\n"
    with pytest.raises(ValueError, match="collection: expected one of"):
        to_csv([], "commitment")


# --- Markdown -----------------------------------------------------------------------------


def store() -> dict[str, list[dict]]:
    parent = new_record(
        "goals",
        {
            "title": "Grow revenue",
            "status": "active",
            "owner": "ana",
            "metric": {"name": "ARR", "baseline": 10, "target": 20, "unit": "k€"},
        },
        T0,
    )
    child = new_record(
        "goals", {"title": "Launch *bold*", "status": "achieved", "parent_id": parent["id"]}, T0
    )
    done = close_commitment(
        new_commitment(
            title="Ship pricing", owner="ana", week="2026-W46", now=T0, goal_id=parent["id"]
        ),
        "done",
        T0,
        DAY,
    )
    partial = close_commitment(
        new_commitment(title="Write docs", owner="bob", week="2026-W46", now=T0),
        "partial",
        T0,
        DAY,
        progress=60,
    )
    carried = new_commitment(
        title="Write docs", owner="bob", week="2026-W47", now=T1, carried_from=partial["id"]
    )
    hostile = new_commitment(title=HOSTILE, owner="ana", week="2026-W47", now=T1)
    gone = tombstone(new_commitment(title="Deleted one", owner="ana", week="2026-W47", now=T1), T1)
    blocks = [
        new_record(
            "roadblocks",
            {
                "title": "Fixed thing",
                "kind": "decision",
                "severity": "low",
                "raised_on": "2026-11-02",
                "resolved_on": "2026-11-05",
                "resolution": "decided",
            },
            T0,
        ),
        new_record(
            "roadblocks",
            {
                "title": "Waiting on legal",
                "kind": "external",
                "severity": "high",
                "raised_on": "2026-11-12",
            },
            T1,
        ),
    ]
    review = new_record(
        "reviews",
        {
            "ritual": "weekly",
            "period": "2026-W46",
            "owner": "ana",
            "participants": ["ana"],
            "status": "complete",
            "pulse": 4,
            "notes": "Good week",
            "started_at": "2026-11-13T16:00:00Z",
        },
        T0,
    )
    adjust = new_record(
        "adjustments",
        {
            "kind": "rescope",
            "description": "Cut | scope",
            "decided_on": "2026-11-13",
            "goal_id": parent["id"],
        },
        T0,
    )
    return {
        "goals": [child, parent],
        "commitments": [hostile, done, partial, carried, gone],
        "roadblocks": blocks,
        "reviews": [review],
        "adjustments": [adjust],
    }


def test_markdown_has_title_and_sections_in_order():
    text = to_markdown(store(), EXPORTED)

    assert text.startswith("# stratui export\n\nExported 2026-11-22T09:30:00Z.\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Goals",
        "## Commitments",
        "## Roadblocks",
        "## Adjustments",
        "## Reviews",
    ]
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_goal_tree_nests_children_with_status_owner_and_metric():
    text = to_markdown(store(), EXPORTED)

    lines = text.splitlines()
    parent = lines.index("- Grow revenue (active) · owner ana · metric: ARR 10 → 20 k€")
    assert lines[parent + 1] == "  - Launch \\*bold\\* (achieved)"


def test_markdown_weeks_newest_first_grouped_by_owner_as_task_lists():
    data = store()
    partial_id = data["commitments"][2]["id"]

    text = to_markdown(data, EXPORTED)

    assert text.index("### 2026-W47 (2026-11-16 to 2026-11-22)") < text.index("### 2026-W46")
    week46 = text[text.index("### 2026-W46") :]
    assert week46.index("#### ana") < week46.index("#### bob")
    assert "- [x] Ship pricing (done) · goal: Grow revenue" in text
    assert "- [ ] Write docs (partial, 60%)" in text
    assert f"- [ ] Write docs (open) · ↻ carried from {partial_id[:8]}" in text
    assert "Deleted one" not in text


def test_markdown_roadblocks_open_first_with_ages():
    text = to_markdown(store(), EXPORTED)

    assert text.index("### Open") < text.index("### Resolved")
    assert "- Waiting on legal · high · external · raised 2026-11-12, open 10 days" in text
    assert (
        "- Fixed thing · low · decision · raised 2026-11-02, resolved 2026-11-05 after 3 days"
        " · resolution: decided"
    ) in text


def test_markdown_lists_adjustments_and_reviews():
    text = to_markdown(store(), EXPORTED)

    assert "- 2026-11-13 rescope: Cut \\| scope · goal: Grow revenue" in text
    assert (
        "- weekly review 2026-W46 · owner ana · complete · pulse 4/5 · with ana · notes: Good week"
    ) in text


def test_markdown_gives_each_retro_group_its_total_with_the_dots_on_the_group():
    retro = new_record(
        "reviews",
        {
            "ritual": "retro",
            "period": "2026-W46",
            "team": "Platform",
            "participants": ["ana", "ben"],
            "status": "complete",
            "started_at": "2026-11-13T16:00:00Z",
            "answers": {"group_votes": {"Meetings": 4}},
        },
        T0,
    )

    def card(text: str, votes: int, group: str | None = None) -> dict:
        fields = {"review_id": retro["id"], "category": "stop", "text": text, "votes": votes}
        return new_record("retro_items", {**fields, "group": group}, T0)

    records = {
        "reviews": [retro],
        "retro_items": [
            card("Too many meetings", 1, "Meetings"),
            card("Retro too long", 0, "Meetings"),
            card("Flaky tests", 2),
        ],
    }
    text = to_markdown(records, EXPORTED)
    assert "  - stop: Too many meetings (1 vote)" in text
    assert "  - group Meetings: 5 votes in all" in text  # 4 on the group, 1 on a card


def test_markdown_writes_hostile_text_escaped():
    text = to_markdown(store(), EXPORTED)

    assert "\\[@click=app.quit\\]x\\[/\\]" in text
    assert HOSTILE not in text
    assert "\\*bold\\*" in text and " *bold*" not in text


@pytest.mark.parametrize(
    "typed",
    [
        HOSTILE,
        "*bold* and _em_ and **strong**",
        "[a](b) and ![img](x.png)",
        "`code` <b>html</b> &amp; a | pipe ~~gone~~",
        "# not a heading",
        "back\\slash\\* stays",
        "first line\n- not a list\n1. not numbered\n===\n\n> quoted",
    ],
)
def test_escaped_text_renders_exactly_as_typed(typed):
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])

    html = renderer.render(f"- {md(typed, '  ')}\n")

    inner = html.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>\n")
    expected = "\n".join(line.strip() for line in typed.splitlines() if line.strip())
    unescaped = (
        inner.replace("<br />", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )
    assert "<" not in inner.replace("<br />", "")
    assert unescaped == expected


def test_markdown_is_deterministic_whatever_the_input_order():
    data = store()
    shuffled = {
        name: random.Random(7).sample(records, len(records)) for name, records in data.items()
    }

    assert to_markdown(data, EXPORTED) == to_markdown(shuffled, EXPORTED)


def test_markdown_survives_a_goal_parent_cycle_and_an_empty_store():
    a = new_record("goals", {"title": "A", "status": "active"}, T0)
    b = new_record("goals", {"title": "B", "status": "active", "parent_id": a["id"]}, T0)
    a["parent_id"] = b["id"]

    text = to_markdown({"goals": [a, b]}, EXPORTED)

    assert text.count("- A (active)") == 1 and text.count("- B (active)") == 1
    empty = to_markdown({}, EXPORTED)
    assert "_No goals._" in empty and "_No commitments._" in empty and "_No reviews._" in empty
