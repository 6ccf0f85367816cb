"""The goal cascade as a tree: roots, children, depth, ancestors, descendants, moves.

Goals cascade through ``parent_id`` (company -> team -> personal). These functions take
any collection of goal records and never trust it to be a perfect tree: a goal whose
parent is not among the goals given (filtered out, deleted, not merged yet) is a root,
and a cycle that a merge of two stores could produce is walked once, never forever.
Changing a parent goes through :func:`check_move`, which refuses to make a cycle.

Siblings are ordered as the goal lists are: by priority (1 first, none last), title
(ignoring case), then id.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from stratui.domain.schema import ValidationError

__all__ = [
    "CascadeError",
    "ancestors",
    "by_id",
    "check_move",
    "children_by_parent",
    "depth",
    "descendants",
    "roots",
    "sibling_order",
    "walk",
]


class CascadeError(ValidationError):
    """A change would break the cascade (a goal under itself or its descendant).

    Its ``field`` is ``parent``; the message names both goals.
    """

    def __init__(self, message: str) -> None:
        super().__init__("parent", message)


def sibling_order(goal: Mapping) -> tuple[int, str, str]:
    """The sort key of goals side by side: priority, title ignoring case, id."""
    priority = goal.get("priority")
    return (
        priority if isinstance(priority, int) else 9,
        str(goal.get("title", "")).casefold(),
        str(goal["id"]),
    )


def by_id(goals: Iterable[Mapping]) -> dict[str, Mapping]:
    """The goals keyed by id."""
    return {str(goal["id"]): goal for goal in goals}


def _parent_in(goal: Mapping, known: Mapping[str, Mapping]) -> str | None:
    """The goal's parent id when that parent is among ``known`` (and is not itself)."""
    parent = goal.get("parent_id")
    if parent and parent in known and parent != goal["id"]:
        return str(parent)
    return None


def children_by_parent(goals: Iterable[Mapping]) -> dict[str | None, list[Mapping]]:
    """Each parent id's children in sibling order; the key ``None`` holds the roots."""
    known = by_id(goals)
    tree: dict[str | None, list[Mapping]] = {}
    for goal in known.values():
        tree.setdefault(_parent_in(goal, known), []).append(goal)
    for children in tree.values():
        children.sort(key=sibling_order)
    return tree


def roots(goals: Iterable[Mapping]) -> list[Mapping]:
    """The goals without a parent among ``goals``, in sibling order."""
    return children_by_parent(goals).get(None, [])


def ancestors(goal_id: str, goals: Mapping[str, Mapping] | Iterable[Mapping]) -> list[Mapping]:
    """The chain above a goal: its parent first, the root last ([] for a root).

    ``goals`` may be a list or a mapping by id. The walk stops at a parent that is not
    known, and at a goal already seen (a cycle), so it always ends.
    """
    known = goals if isinstance(goals, Mapping) else by_id(goals)
    chain: list[Mapping] = []
    seen = {goal_id}
    current = known.get(goal_id)
    while current is not None:
        parent = _parent_in(current, known)
        if parent is None or parent in seen:
            break
        seen.add(parent)
        current = known[parent]
        chain.append(current)
    return chain


def depth(goal_id: str, goals: Mapping[str, Mapping] | Iterable[Mapping]) -> int:
    """How many ancestors a goal has among ``goals``: 0 for a root."""
    return len(ancestors(goal_id, goals))


def descendants(goal_id: str, goals: Iterable[Mapping]) -> list[Mapping]:
    """Every goal below ``goal_id``, depth first, each after its parent, siblings in order."""
    tree = children_by_parent(goals)
    found: list[Mapping] = []
    seen = {goal_id}
    stack = list(reversed(tree.get(goal_id, [])))
    while stack:
        goal = stack.pop()
        if goal["id"] in seen:
            continue
        seen.add(goal["id"])
        found.append(goal)
        stack.extend(reversed(tree.get(goal["id"], [])))
    return found


def walk(goals: Iterable[Mapping]) -> list[tuple[Mapping, int]]:
    """Every goal once, as ``(goal, depth)``, in tree order: each root, then its subtree.

    The order a tree-indented list shows. Goals caught in a cycle (no root above them)
    come last, each starting a subtree of its own, so none is lost.
    """
    goals = list(goals)
    tree = children_by_parent(goals)
    rows: list[tuple[Mapping, int]] = []
    seen: set[str] = set()

    def visit(start: Mapping) -> None:
        stack = [(start, 0)]
        while stack:
            goal, level = stack.pop()
            if goal["id"] in seen:
                continue
            seen.add(goal["id"])
            rows.append((goal, level))
            stack.extend((child, level + 1) for child in reversed(tree.get(goal["id"], [])))

    for root in tree.get(None, []):
        visit(root)
    for goal in sorted(goals, key=sibling_order):
        if goal["id"] not in seen:
            visit(goal)
    return rows


def check_move(goal_id: str, parent_id: str | None, goals: Iterable[Mapping]) -> None:
    """Refuse to put ``goal_id`` under ``parent_id`` when that would make a cycle.

    ``parent_id`` None (a root) is always fine. A goal cannot move under itself, nor
    under any of its descendants.

    Raises:
        CascadeError: the move would make a cycle; the message names the goals.
    """
    if parent_id is None:
        return
    known = by_id(goals)
    title = _title(known, goal_id)
    if parent_id == goal_id:
        raise CascadeError(f"{title} cannot be its own parent")
    below = {str(goal["id"]) for goal in descendants(goal_id, known.values())}
    if parent_id in below:
        raise CascadeError(
            f"cannot put {title} under {_title(known, parent_id)}: that goal is below it "
            "in the cascade, so the move would make a cycle"
        )


def _title(known: Mapping[str, Mapping], goal_id: str) -> str:
    goal = known.get(goal_id)
    title = goal.get("title") if goal else None
    return f"{title!r} ({goal_id[:8]})" if title else goal_id[:8]
