"""Validating a weekly review draft: the inline messages that keep a step from being left.

Each message names the field (``pulse: choose 1-5``, ``new commitment 2: title is
empty``), so the screen can show it next to the input. Only what is needed to write
valid records is checked; a completed review is validated again, record by record, by
the schema.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from stratui.domain.schema import (
    ADJUSTMENT_KINDS,
    REVIEWED_STATUSES,
    ROADBLOCK_KINDS,
    SEVERITIES,
)
from stratui.domain.weeks import is_valid_week
from stratui.rituals.typed import DATE_EXAMPLES, read_date, read_number, read_whole
from stratui.rituals.weekly.steps import ROADBLOCK_DECISIONS, STEPS, UNDECIDED, UNDECIDED_CHOICES

if TYPE_CHECKING:
    from stratui.rituals.weekly.draft import WeeklyDraft


def validate_step(
    draft: WeeklyDraft, step: int | str, *, today: dt.date | None = None
) -> list[str]:
    """The inline messages that keep ``step`` from being left, [] when it may be.

    Each message names the field (``pulse: choose 1-5``, ``new commitment 2: title is
    empty``). Only what is needed to write valid records is checked. Due dates accept
    the words :func:`~stratui.domain.dates.parse_date` reads when ``today`` is given,
    else ISO dates only.
    """
    name = STEPS[step] if isinstance(step, int) else step
    if name not in STEPS:
        raise ValueError(f"step: expected one of {', '.join(STEPS)}, got {step!r}")
    return _CHECKS[name](draft, today)


def validate(draft: WeeklyDraft, *, today: dt.date | None = None) -> list[str]:
    """The messages of every step, in step order: [] when the review can be completed."""
    return [problem for step in STEPS for problem in validate_step(draft, step, today=today)]


def _check_checkin(draft: WeeklyDraft, today: dt.date | None) -> list[str]:
    problems = []
    if not is_valid_week(draft.period) or draft.period != draft.period.strip():
        problems.append("period: expected an ISO week YYYY-Www that exists")
    if not draft.owner.strip():
        problems.append("owner: name the person whose week this is")
    try:
        if read_whole(draft.pulse, 1, 5) is None:
            problems.append("pulse: choose 1-5")
    except ValueError:
        problems.append("pulse: choose 1-5")
    return problems


def _check_look_back(draft: WeeklyDraft, today: dt.date | None) -> list[str]:
    problems = []
    for outcome in draft.outcomes.values():
        subject = f"outcome of {outcome.title!r}"
        if outcome.status not in (*REVIEWED_STATUSES, UNDECIDED):
            problems.append(f"{subject}: choose done, partial, missed or dropped")
        if outcome.carry and outcome.status == UNDECIDED:
            problems.append(f"{subject}: choose partial or missed to carry it over")
        try:
            progress = read_number(outcome.progress)
        except ValueError:
            progress = -1
        if progress is not None and not 0 <= progress <= 100:
            problems.append(f"{subject}: progress must be 0-100")
        if outcome.carry and outcome.status == "done":
            problems.append(f"{subject}: a done commitment cannot be carried over")
    return problems


def _check_roadblocks(draft: WeeklyDraft, today: dt.date | None) -> list[str]:
    problems = [
        f"roadblock {decision.title!r}: choose still or resolved"
        for decision in draft.roadblocks.values()
        if decision.decision not in ROADBLOCK_DECISIONS
    ]
    for number, block in enumerate(draft.new_roadblocks, start=1):
        subject = f"new roadblock {number}"
        if not block.title.strip():
            problems.append(f"{subject}: title is empty")
        if block.kind not in ROADBLOCK_KINDS:
            problems.append(f"{subject}: kind must be one of {', '.join(ROADBLOCK_KINDS)}")
        if block.severity not in SEVERITIES:
            problems.append(f"{subject}: severity must be one of {', '.join(SEVERITIES)}")
    return problems


def _check_goals(draft: WeeklyDraft, today: dt.date | None) -> list[str]:
    problems = []
    for reading in draft.goals.values():
        subject = f"goal {reading.title!r}"
        try:
            read_whole(reading.confidence, 1, 5)
        except ValueError:
            problems.append(f"{subject}: confidence must be 1-5")
        try:
            read_number(reading.value)
        except ValueError:
            problems.append(f"{subject}: value must be a number")
    return problems


def _check_adjust(draft: WeeklyDraft, today: dt.date | None) -> list[str]:
    problems = []
    for number, item in enumerate(draft.adjustments, start=1):
        subject = f"adjustment {number}"
        if item.kind not in ADJUSTMENT_KINDS:
            problems.append(f"{subject}: choose a kind: {', '.join(ADJUSTMENT_KINDS)}")
        if not item.description.strip():
            problems.append(f"{subject}: description is empty")
    return problems


def _check_commit(draft: WeeklyDraft, today: dt.date | None) -> list[str]:
    problems = []
    for number, item in enumerate(draft.new_commitments, start=1):
        subject = f"new commitment {number}"
        if not item.title.strip():
            problems.append(f"{subject}: title is empty")
        try:
            read_whole(item.confidence, 1, 5)
        except ValueError:
            problems.append(f"{subject}: confidence must be 1-5")
        try:
            read_date(item.due, today)
        except ValueError:
            words = DATE_EXAMPLES if today else "a date YYYY-MM-DD"
            problems.append(f"{subject}: due must be {words}")
    return problems


_CHECKS = {
    "check-in": _check_checkin,
    "look back": _check_look_back,
    "roadblocks": _check_roadblocks,
    "goals": _check_goals,
    "adjust": _check_adjust,
    "commit": _check_commit,
    "summary": lambda draft, today: [],
}


class Undecided(ValueError):
    """A review would complete with commitments nobody decided on, and no one has said
    what becomes of them (one of :data:`~stratui.rituals.weekly.steps.UNDECIDED_CHOICES`).

    ``titles`` are those commitments' titles, in the order they were found.
    """

    def __init__(self, titles: list[str]) -> None:
        self.titles = titles
        count = len(titles)
        noun = "commitment" if count == 1 else "commitments"
        choices = " or ".join(UNDECIDED_CHOICES.values())
        super().__init__(f"outcomes: {count} {noun} not decided; {choices}")

    @property
    def count(self) -> int:
        """How many commitments are undecided."""
        return len(self.titles)


def refuse_undecided(titles: list[str], choice: str | None) -> None:
    """Raise :class:`Undecided` when ``titles`` are undecided and ``choice`` says nothing
    of what becomes of them; ValueError for a choice that is not one."""
    if choice is not None and choice not in UNDECIDED_CHOICES:
        raise ValueError(
            f"undecided: expected one of {', '.join(UNDECIDED_CHOICES)}, got {choice!r}"
        )
    if titles and choice is None:
        raise Undecided(titles)


class DraftInvalid(ValueError):
    """A draft cannot be completed; ``problems`` are the inline messages of every step."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))
