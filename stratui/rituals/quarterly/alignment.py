"""The quarterly review's alignment view: where the quarter's work went, against priority.

It answers "did the work follow the plan?": each goal's share of the quarter's
commitments (docs/METRICS.md's effort by goal) beside the goal's priority, the share of work
linked to no goal, and the alignment figure (linked / all). The shares come from
:func:`~stratui.domain.metrics.execution.effort_by_goal` and
:func:`~stratui.domain.metrics.execution.alignment`; nothing is recomputed here.

A goal is **under-served** when some goal of lower priority (a larger number) received
a larger share of the work: the plan said one thing, the weeks did another. Goals of the
quarter that received no work at all are listed too, with a share of 0, because those
are what the view is for.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from stratui.domain.metrics.execution import UNLINKED, alignment, effort_by_goal


@dataclass(frozen=True)
class GoalEffort:
    """One goal's part of the quarter's work.

    ``commitments`` counts the commitments linked to it; ``share`` is that count over all
    the quarter's commitments (0 when it got none); ``underserved`` is true when a goal
    of lower priority got a larger share.
    """

    goal_id: str
    title: str
    priority: int | None
    commitments: int
    share: float
    underserved: bool = False


@dataclass(frozen=True)
class AlignmentView:
    """How the quarter's commitments were spread across goals.

    ``total`` is the number of the quarter's commitments (in scope, all statuses);
    ``alignment`` the share linked to a goal and ``unlinked_share`` the share linked to
    none (both None without commitments: "no data"); ``rows`` one :class:`GoalEffort`
    per goal, by priority (1 first, none last), then the larger share.
    """

    total: int
    alignment: float | None
    unlinked_share: float | None
    rows: list[GoalEffort] = field(default_factory=list)

    @property
    def underserved(self) -> list[GoalEffort]:
        """The rows whose goal got less work than a goal of lower priority."""
        return [row for row in self.rows if row.underserved]

    def as_json(self) -> dict:
        """The view as plain data (kept in the completed review's answers)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> AlignmentView | None:
        """A view read back from :meth:`as_json`; None when ``data`` is not one."""
        if not isinstance(data, Mapping) or not isinstance(data.get("total"), int):
            return None
        rows = []
        for row in data.get("rows") or ():
            try:
                rows.append(GoalEffort(**row))
            except TypeError:
                continue
        return cls(data["total"], data.get("alignment"), data.get("unlinked_share"), rows)


def alignment_view(
    commitments: Iterable[Mapping], shown: Iterable[Mapping], known: Iterable[Mapping] = ()
) -> AlignmentView:
    """The alignment view of ``commitments`` (the quarter's, in scope).

    Args:
        commitments: The quarter's commitments in scope, all statuses.
        shown: The goals listed even when no commitment is linked to them (the goals
            of the quarter).
        known: Further goals, for the title and priority of any goal a commitment is
            linked to (pass every goal).
    """
    commitments = list(commitments)
    by_id = {str(goal["id"]): goal for goal in known}
    by_id.update({str(goal["id"]): goal for goal in shown})
    shares = effort_by_goal(commitments) or {}
    counts: dict[str, int] = {}
    for commitment in commitments:
        if commitment.get("goal_id"):
            counts[str(commitment["goal_id"])] = counts.get(str(commitment["goal_id"]), 0) + 1
    ids = list(dict.fromkeys([*(str(g["id"]) for g in shown), *counts]))
    rows = [_row(goal_id, by_id.get(goal_id, {}), counts, shares) for goal_id in ids]
    rows = _mark_underserved(rows)
    rows.sort(
        key=lambda r: (
            r.priority if r.priority is not None else 9,
            -r.share,
            r.title.casefold(),
            r.goal_id,
        )
    )
    unlinked = None if not commitments else shares.get(UNLINKED, 0.0)
    return AlignmentView(len(commitments), alignment(commitments), unlinked, rows)


def _row(
    goal_id: str, goal: Mapping, counts: Mapping[str, int], shares: Mapping[str, float]
) -> GoalEffort:
    priority = goal.get("priority")
    return GoalEffort(
        goal_id=goal_id,
        title=str(goal.get("title") or goal_id[:8]),
        priority=priority if isinstance(priority, int) and not isinstance(priority, bool) else None,
        commitments=counts.get(goal_id, 0),
        share=shares.get(goal_id, 0.0),
    )


def _mark_underserved(rows: list[GoalEffort]) -> list[GoalEffort]:
    """Mark each goal that got a smaller share than some goal of lower priority."""
    ranked = [row for row in rows if row.priority is not None]
    marked = []
    for row in rows:
        under = row.priority is not None and any(
            other.priority is not None and other.priority > row.priority and other.share > row.share
            for other in ranked
        )
        marked.append(GoalEffort(**{**asdict(row), "underserved": under}))
    return marked
