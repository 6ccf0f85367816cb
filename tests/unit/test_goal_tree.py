"""The goal cascade as a tree: order, depth, ancestors, descendants, and refused cycles."""

from __future__ import annotations

import pytest

from stratui.domain.goal_tree import (
    CascadeError,
    ancestors,
    check_move,
    children_by_parent,
    depth,
    descendants,
    roots,
    walk,
)
from stratui.domain.schema import ValidationError


def g(rid: str, parent: str | None = None, priority: int | None = None, title: str = "") -> dict:
    record = {"id": rid, "title": title or rid.upper(), "status": "active"}
    if parent:
        record["parent_id"] = parent
    if priority:
        record["priority"] = priority
    return record


# company -> two team goals -> personal goals; "solo" is another root.
CASCADE = [
    g("co", priority=1),
    g("t1", "co", 2),
    g("t2", "co", 1),
    g("p1", "t1"),
    g("p2", "t1", 3),
    g("p3", "t2"),
    g("solo"),
]


def ids(goals) -> list[str]:
    return [goal["id"] for goal in goals]


def test_children_are_grouped_by_parent_in_priority_then_title_order():
    tree = children_by_parent(CASCADE)
    assert ids(tree[None]) == ["co", "solo"]
    assert ids(tree["co"]) == ["t2", "t1"]  # priority 1 before 2
    assert ids(tree["t1"]) == ["p2", "p1"]  # a priority before none
    assert ids(roots(CASCADE)) == ["co", "solo"]


def test_walk_lists_each_root_then_its_subtree_with_depths():
    rows = [(goal["id"], level) for goal, level in walk(CASCADE)]
    assert rows == [
        ("co", 0),
        ("t2", 1),
        ("p3", 2),
        ("t1", 1),
        ("p2", 2),
        ("p1", 2),
        ("solo", 0),
    ]


def test_depth_and_ancestors():
    assert depth("co", CASCADE) == 0
    assert depth("t1", CASCADE) == 1
    assert depth("p1", CASCADE) == 2
    assert ids(ancestors("p1", CASCADE)) == ["t1", "co"]
    assert ancestors("solo", CASCADE) == []
    assert ancestors("nobody", CASCADE) == []


def test_descendants_are_depth_first():
    assert ids(descendants("co", CASCADE)) == ["t2", "p3", "t1", "p2", "p1"]
    assert ids(descendants("t1", CASCADE)) == ["p2", "p1"]
    assert descendants("p1", CASCADE) == []


def test_a_goal_whose_parent_is_not_given_is_a_root():
    partial = [goal for goal in CASCADE if goal["id"] != "t1"]
    assert ids(roots(partial)) == ["co", "p2", "p1", "solo"]
    assert depth("p1", partial) == 0
    assert {goal["id"] for goal, _ in walk(partial)} == set(ids(partial))


def test_a_cycle_from_a_bad_merge_is_walked_once_and_loses_no_goal():
    looped = [g("a", "b"), g("b", "a"), g("c", "c")]
    rows = walk(looped)
    assert sorted(goal["id"] for goal, _ in rows) == ["a", "b", "c"]
    assert ids(ancestors("a", looped)) == ["b"]
    assert ids(descendants("a", looped)) == ["b"]
    assert depth("c", looped) == 0  # its own parent counts as none


def test_moving_under_another_branch_or_to_the_root_is_fine():
    check_move("t1", "t2", CASCADE)
    check_move("p1", "solo", CASCADE)
    check_move("t1", None, CASCADE)


def test_a_goal_cannot_move_under_itself():
    with pytest.raises(CascadeError, match="own parent") as caught:
        check_move("t1", "t1", CASCADE)
    assert caught.value.field == "parent"
    assert isinstance(caught.value, ValidationError)


@pytest.mark.parametrize(("goal", "under"), [("co", "t1"), ("co", "p3"), ("t1", "p2")])
def test_a_goal_cannot_move_under_its_descendants(goal, under):
    with pytest.raises(CascadeError, match="cycle") as caught:
        check_move(goal, under, CASCADE)
    message = str(caught.value)
    assert message.startswith("parent: ")
    assert goal.upper() in message and under.upper() in message
