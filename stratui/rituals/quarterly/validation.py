"""Validating a quarterly review draft: the inline messages that keep a step from being left.

Each message names what it is about (``goal 'Cut latency': choose achieved, dropped or
continued``, ``new goal 2: title is empty``), so the screen can show it beside the input.
A disposition is required for every goal of the quarter before the review completes;
the lesson and the final reading are optional. A completed review is validated again,
record by record, by the schema.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stratui.domain.quarters import is_valid_quarter
from stratui.rituals.typed import read_number, read_whole

if TYPE_CHECKING:
    from stratui.rituals.quarterly import GoalVerdict, NewGoal, QuarterlyDraft

STEPS: tuple[str, ...] = ("goals", "plan", "alignment", "summary")
"""The steps of the quarterly review, in order; a draft's ``step`` indexes this."""

DISPOSITIONS: tuple[str, ...] = ("achieved", "dropped", "continued")
"""What becomes of each goal of the quarter (``continued``: it stays active into the
next quarter; see :mod:`stratui.rituals.quarterly`)."""

CLOSING: tuple[str, ...] = ("achieved", "dropped")
"""The dispositions that close a goal."""


def validate_step(draft: QuarterlyDraft, step: int | str) -> list[str]:
    """The inline messages that keep ``step`` from being left, [] when it may be."""
    name = STEPS[step] if isinstance(step, int) else step
    if name not in STEPS:
        raise ValueError(f"step: expected one of {', '.join(STEPS)}, got {step!r}")
    return _CHECKS[name](draft)


def validate(draft: QuarterlyDraft) -> list[str]:
    """The messages of every step, in step order: [] when the review can be completed."""
    return [problem for step in STEPS for problem in validate_step(draft, step)]


def verdict_problems(verdict: GoalVerdict) -> list[str]:
    """What keeps one goal's verdict from being accepted (the walk checks one at a time)."""
    subject = f"goal {verdict.title!r}"
    problems = []
    if verdict.disposition not in DISPOSITIONS:
        problems.append(f"{subject}: choose {', '.join(DISPOSITIONS[:-1])} or {DISPOSITIONS[-1]}")
    try:
        value = read_number(verdict.value)
    except ValueError:
        problems.append(f"{subject}: value must be a number")
    else:
        if value is not None and not verdict.measured:
            problems.append(f"{subject}: it has no key result, so leave the value empty")
    try:
        read_whole(verdict.confidence, 1, 5)
    except ValueError:
        problems.append(f"{subject}: confidence must be 1-5")
    return problems


def _check_scope(draft: QuarterlyDraft) -> list[str]:
    problems = []
    if not is_valid_quarter(draft.period):
        problems.append("period: expected a quarter YYYY-Qn (2026-Q4)")
    if bool(draft.owner.strip()) == bool(draft.team.strip()):
        problems.append("scope: a quarterly review is one person's or one team's")
    return problems


def _check_goals(draft: QuarterlyDraft) -> list[str]:
    problems = _check_scope(draft)
    for verdict in draft.verdicts.values():
        problems += verdict_problems(verdict)
    return problems


def new_goal_problems(draft: QuarterlyDraft, number: int, item: NewGoal) -> list[str]:
    """What keeps one planned goal (``number`` counts from 1) from being accepted."""
    subject = f"new goal {number}"
    problems = []
    if not item.title.strip():
        problems.append(f"{subject}: title is empty")
    try:
        read_whole(item.priority, 1, 5)
    except ValueError:
        problems.append(f"{subject}: priority must be 1-5")
    problems += _metric_problems(subject, item)
    problems += _parent_problems(draft, subject, item)
    return problems


def _metric_problems(subject: str, item: NewGoal) -> list[str]:
    given = (item.metric_name.strip(), item.metric_unit.strip(), item.baseline, item.target)
    if not any(part not in (None, "") for part in given):
        return []
    problems = []
    if not item.metric_name.strip():
        problems.append(f"{subject}: the key result needs a name")
    for label, value in (("baseline", item.baseline), ("target", item.target)):
        try:
            number = read_number(value)
        except ValueError:
            number = None
        if number is None:
            problems.append(f"{subject}: the key result's {label} must be a number")
    return problems


def _parent_problems(draft: QuarterlyDraft, subject: str, item: NewGoal) -> list[str]:
    parent = item.parent
    if not parent:
        return []
    keys = {goal.key: goal for goal in draft.new_goals}
    if parent in keys:
        seen: set[str] = {item.key}
        current: str | None = parent
        while current is not None and current in keys:
            if current in seen:
                return [f"{subject}: its parent chain among the new goals makes a cycle"]
            seen.add(current)
            current = keys[current].parent
        return []
    verdict = draft.verdicts.get(parent)
    if verdict is not None and verdict.disposition in CLOSING:
        return [
            f"{subject}: its parent {verdict.title!r} is {verdict.disposition} this quarter; "
            "choose a goal that goes on"
        ]
    return []


def _check_plan(draft: QuarterlyDraft) -> list[str]:
    problems = []
    for number, item in enumerate(draft.new_goals, start=1):
        problems += new_goal_problems(draft, number, item)
    return problems


_CHECKS = {
    "goals": _check_goals,
    "plan": _check_plan,
    "alignment": lambda draft: [],
    "summary": lambda draft: [],
}
