"""The quarterly strategy review (PRODUCT.md, Rituals 4) as pure logic: steps, draft, rules.

One person, or a team with a facilitator, closes a fiscal quarter (``YYYY-Qn``, see
:mod:`stratui.domain.quarters`) in four steps (:data:`STEPS`):

1. ``goals``, walked goal by goal (``goal_index`` says whose turn it is): every active
   goal in scope whose dates overlap the quarter gets a final reading (a value of its
   key result and/or a confidence, written as a check-in dated the review day), a
   **disposition**, and a lesson learned (text, optional). The dispositions
   (:data:`DISPOSITIONS`):

   - ``achieved`` and ``dropped`` close the goal (its status);
   - ``continued`` keeps **the same goal** active into the next quarter: its end moves to
     the next quarter's last day (an end already later, or no end, is kept). Its
     history (check-ins, linked commitments, children) carries on unbroken, which a copy
     would cut in two; the decision is recorded as an adjustment (kind ``reschedule``,
     linked to the goal and the review). A goal reviewed as continued is therefore
     reviewed again at the next quarter's end.

   Every goal needs a disposition before the review can complete.
2. ``plan``: next quarter's goals (:class:`NewGoal`), each cascaded from a parent: a
   goal that goes on into the next quarter (see :meth:`QuarterContext.parent_options`)
   or another new goal of the plan (named by its ``key``, ``new-1``...). They get the
   next quarter's dates and inherit their parent's team unless given one.
3. ``alignment``: nothing to answer; the view of how the quarter's commitments were
   spread across goals against their priority
   (:func:`~stratui.rituals.quarterly.alignment.alignment_view`).
4. ``summary``: notes, then completion.

A run is a :class:`QuarterlyDraft`, plain data that round-trips through JSON
(:meth:`QuarterlyDraft.to_answers`), so the store keeps it in the review record's
``answers`` at every step and quitting loses nothing. The scope (one ``owner``, or one
``team``) is fixed when the review starts; its quarter may be changed while it is a
draft (the review moves with it, and :meth:`QuarterlyDraft.fill_defaults` walks the new
quarter's goals).

The records a completed review writes are planned in
:mod:`stratui.rituals.quarterly.completion`; its Markdown summary is written by
:mod:`stratui.rituals.quarterly.summary`; the use cases over the store are in
:mod:`stratui.usecases.quarterly`.

Pure module: no Textual, no TinyDB, no store. "today" is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from stratui.domain import goal_tree
from stratui.domain import key_results as kr
from stratui.domain.metrics.basics import day_or_none
from stratui.domain.quarters import (
    DEFAULT_FISCAL_START,
    next_quarter,
    overlaps,
    quarter_bounds,
)
from stratui.rituals.quarterly.alignment import AlignmentView, alignment_view
from stratui.rituals.quarterly.validation import (
    CLOSING,
    DISPOSITIONS,
    STEPS,
    new_goal_problems,
    validate,
    validate_step,
    verdict_problems,
)
from stratui.rituals.weekly.draft import read_part_list, read_part_map
from stratui.rituals.weekly.validation import DraftInvalid

__all__ = [
    "ANSWERS_VERSION",
    "CLOSING",
    "DISPOSITIONS",
    "RITUAL_TITLE",
    "STEPS",
    "STEP_TITLES",
    "WALKED_STEPS",
    "DraftInvalid",
    "GoalVerdict",
    "NewGoal",
    "ParentOption",
    "QuarterContext",
    "QuarterlyDraft",
    "new_goal_problems",
    "validate",
    "validate_step",
    "verdict_problems",
]

ANSWERS_VERSION = 1
"""The version of the ``answers`` layout :meth:`QuarterlyDraft.to_answers` writes."""

RITUAL_TITLE = "Quarterly strategy review"

STEP_TITLES: dict[str, str] = {
    "goals": "Goals of the quarter",
    "plan": "Plan next quarter",
    "alignment": "Alignment",
    "summary": "Summary",
}
"""What the step indicator shows for each step."""

WALKED_STEPS: tuple[str, ...] = ("goals",)
"""The steps walked goal by goal (``goal_index`` is whose turn it is)."""

NEW_KEY_PREFIX = "new-"
"""How a planned goal is named before it has an id (``new-1``), as another's parent."""


@dataclass
class GoalVerdict:
    """The review of one goal of the quarter.

    ``value`` and ``confidence`` are the final reading, as typed (either may be blank:
    no check-in is written when both are); ``note`` goes with the reading;
    ``disposition`` is one of :data:`DISPOSITIONS` (``""`` until chosen); ``lesson`` is
    the lesson learned. ``title`` and ``measured`` (the goal has a key result that a
    value can measure) are refreshed from the goal by :meth:`QuarterlyDraft.fill_defaults`.
    """

    title: str = ""
    value: object = None
    confidence: object = None
    note: str = ""
    disposition: str = ""
    lesson: str = ""
    measured: bool = False


@dataclass
class NewGoal:
    """A goal planned for the next quarter.

    ``key`` names it before it exists (``new-1``); ``parent`` is an existing goal's id or
    another new goal's key; ``owner`` blank means the review's owner (a personal review)
    or no owner (a team review); ``team`` blank inherits the parent's, else the review's
    team. The key result is ``metric_name``, ``metric_unit``, ``baseline`` and
    ``target`` (all blank for none); numbers may be typed text.
    """

    key: str = ""
    title: str = ""
    description: str = ""
    parent: str | None = None
    owner: str = ""
    team: str = ""
    priority: object = None
    metric_name: str = ""
    metric_unit: str = ""
    baseline: object = None
    target: object = None


@dataclass(frozen=True)
class ParentOption:
    """A goal that a planned goal may cascade from: ``ref`` is its id or new-goal key."""

    ref: str
    title: str
    depth: int
    new: bool = False


@dataclass
class QuarterContext:
    """What the store holds that a quarterly review works on (read by the service).

    ``goals``: the quarter's goals in scope (active, overlapping the quarter), in tree
    order; ``every_goal``: all goals (parents, titles, the next quarter's cascade);
    ``checkins``: the check-ins of the quarter's goals up to ``today``; ``commitments``:
    the quarter's commitments in scope (the ISO weeks of the quarter, all statuses).
    """

    period: str
    fiscal_start: int = DEFAULT_FISCAL_START
    today: dt.date | None = None
    goals: list[dict] = field(default_factory=list)
    every_goal: list[dict] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)
    commitments: list[dict] = field(default_factory=list)

    def goal(self, goal_id: str) -> dict | None:
        """A goal by id, among every goal."""
        return next((g for g in self.every_goal if g["id"] == goal_id), None)

    def standing(self, goal_id: str) -> kr.Standing | None:
        """Where a goal of the quarter stands today (progress, pace, health)."""
        goal = next((g for g in self.goals if g["id"] == goal_id), None)
        if goal is None or self.today is None:
            return None
        return kr.standing(goal, self.checkins, self.today)

    def previous_reading(self, goal_id: str) -> tuple[object, object]:
        """The goal's latest value and latest confidence before the review (None if none)."""
        return kr.previous_reading(self.checkins, goal_id)

    def alignment(self) -> AlignmentView:
        """The alignment step's view: the quarter's work across goals, against priority."""
        return alignment_view(self.commitments, self.goals, self.every_goal)

    def parent_options(self, draft: QuarterlyDraft) -> list[ParentOption]:
        """The goals a planned goal may cascade from, in tree order, then the new goals.

        Active goals whose dates overlap the next quarter, and the goals this review
        continues, but not those it achieves or drops (nor their subtrees' closed goals).
        """
        first, last = quarter_bounds(next_quarter(self.period), self.fiscal_start)
        closing = {gid for gid, v in draft.verdicts.items() if v.disposition in CLOSING}
        going = {gid for gid, v in draft.verdicts.items() if v.disposition == "continued"}
        live = [
            g
            for g in self.every_goal
            if g.get("status") == "active"
            and g["id"] not in closing
            and (
                g["id"] in going
                or overlaps(day_or_none(g.get("start")), day_or_none(g.get("end")), first, last)
            )
        ]
        options = [
            ParentOption(str(g["id"]), str(g.get("title", "")), level)
            for g, level in goal_tree.walk(live)
        ]
        options += [
            ParentOption(item.key, item.title, 0, new=True)
            for item in draft.new_goals
            if item.title.strip()
        ]
        return options


@dataclass
class QuarterlyDraft:
    """Everything answered so far in one quarterly review.

    ``verdicts`` maps each goal of the quarter (by id, in tree order) to its
    :class:`GoalVerdict`; ``new_goals`` are next quarter's planned goals; ``step``
    indexes :data:`STEPS`; ``goal_index`` is whose turn it is in the ``goals`` walk.
    Exactly one of ``owner`` (a personal review) and ``team`` (a team review) is set.
    """

    period: str
    owner: str = ""
    team: str = ""
    facilitator: str = ""
    participants: list[str] = field(default_factory=list)
    fiscal_start: int = DEFAULT_FISCAL_START
    step: int = 0
    goal_index: int = 0
    verdicts: dict[str, GoalVerdict] = field(default_factory=dict)
    new_goals: list[NewGoal] = field(default_factory=list)
    notes: str = ""

    # -- (de)serialising: the review record's ``answers`` field ---------------------------

    def to_answers(self) -> dict:
        """The draft as a JSON-ready dict, for the review record's ``answers`` field."""
        answers = asdict(self)
        answers["ritual"] = "quarterly"
        answers["version"] = ANSWERS_VERSION
        return answers

    @classmethod
    def from_answers(cls, answers: object, **defaults: object) -> QuarterlyDraft:
        """A draft read back from ``answers``; ``defaults`` (``period``, ``owner``,
        ``team``, ``facilitator``) fill in what is absent.

        Reading is forgiving: unknown keys are ignored and a part of the wrong shape is
        dropped, so a draft written by another version still opens.
        """
        data = answers if isinstance(answers, Mapping) else {}

        def text(name: str) -> str:
            value = data.get(name)
            fallback = defaults.get(name)
            return value if isinstance(value, str) and value else str(fallback or "")

        start = data.get("fiscal_start", defaults.get("fiscal_start"))
        draft = cls(
            period=text("period"),
            owner=text("owner"),
            team=text("team"),
            facilitator=text("facilitator"),
            participants=_names(data.get("participants")) or _names(defaults.get("participants")),
            fiscal_start=start
            if isinstance(start, int) and 1 <= start <= 12
            else DEFAULT_FISCAL_START,
            step=_index(data.get("step"), len(STEPS)),
            goal_index=_index(data.get("goal_index"), 10**6),
            notes=str(data["notes"]) if isinstance(data.get("notes"), str) else "",
        )
        verdicts = data.get("verdicts")
        if isinstance(verdicts, Mapping):
            draft.verdicts = read_part_map(GoalVerdict, verdicts)
        planned = data.get("new_goals")
        if isinstance(planned, list):
            draft.new_goals = read_part_list(NewGoal, planned)
        draft.goal_index = min(draft.goal_index, max(len(draft.verdicts) - 1, 0))
        return draft

    # -- the walk -------------------------------------------------------------------------

    @property
    def step_name(self) -> str:
        """The name of the current step, one of :data:`STEPS`."""
        return STEPS[_index(self.step, len(STEPS))]

    @property
    def goal_ids(self) -> list[str]:
        """The goals of the quarter, in walk order."""
        return list(self.verdicts)

    @property
    def current_goal_id(self) -> str | None:
        """Whose turn it is in the ``goals`` walk (None without goals)."""
        ids = self.goal_ids
        return ids[min(max(self.goal_index, 0), len(ids) - 1)] if ids else None

    def advance(self, today: dt.date | None = None) -> list[str]:
        """Go to the next goal of the walk, else to the next step, if valid (``today``
        is not needed: a quarter's answers do not depend on it).

        Returns the inline messages that keep the draft where it is ([] when it moved).
        In the walk only the current goal is checked before the next goal's turn;
        leaving the step checks every goal.
        """
        name = self.step_name
        if name in WALKED_STEPS and self.goal_index < len(self.verdicts) - 1:
            problems = verdict_problems(self.verdicts[str(self.current_goal_id)])
            if not problems:
                self.goal_index += 1
            return problems
        problems = validate_step(self, name)
        if not problems:
            self.step = min(STEPS.index(name) + 1, len(STEPS) - 1)
            self.goal_index = 0
        return problems

    def back(self) -> None:
        """Go to the previous goal of the walk, else to the previous step (answers kept)."""
        name = self.step_name
        if name in WALKED_STEPS and self.goal_index > 0:
            self.goal_index -= 1
            return
        self.step = max(STEPS.index(name) - 1, 0)
        last = max(len(self.verdicts) - 1, 0)
        self.goal_index = last if self.step_name in WALKED_STEPS else 0

    # -- defaults ---------------------------------------------------------------------------

    def fill_defaults(self, context: QuarterContext) -> QuarterlyDraft:
        """Give every goal of the quarter a verdict, keeping the answers already given.

        A new verdict starts with no final reading (the latest one is shown beside it,
        and one key keeps it: a check-in is written only for a reading someone gave) and
        no disposition. Verdicts of goals no longer in the quarter (closed or deleted
        elsewhere) are dropped; titles are refreshed. Returns the draft itself.
        """
        verdicts: dict[str, GoalVerdict] = {}
        for goal in context.goals:
            verdict = self.verdicts.get(goal["id"]) or GoalVerdict()
            measured = kr.has_metric(goal)
            verdict.title = str(goal.get("title", ""))
            verdict.measured = measured
            verdicts[goal["id"]] = verdict
        self.verdicts = verdicts
        self.goal_index = min(self.goal_index, max(len(verdicts) - 1, 0))
        return self

    # -- edits a screen makes in one key ------------------------------------------------------

    def dispose(self, goal_id: str, disposition: str) -> GoalVerdict:
        """Set a goal's disposition; ValueError for one not in :data:`DISPOSITIONS`."""
        if disposition not in DISPOSITIONS:
            raise ValueError(
                f"disposition: expected one of {', '.join(DISPOSITIONS)}, got {disposition!r}"
            )
        verdict = self.verdicts[goal_id]
        verdict.disposition = disposition
        return verdict

    def undisposed(self) -> list[str]:
        """The ids of the goals still without a disposition, in walk order."""
        return [gid for gid, v in self.verdicts.items() if v.disposition not in DISPOSITIONS]

    def continued(self) -> list[str]:
        """The ids of the goals continued into the next quarter, in walk order."""
        return [gid for gid, v in self.verdicts.items() if v.disposition == "continued"]

    def add_goal(self, title: str = "", parent: str | None = None, **fields: object) -> NewGoal:
        """Plan a new goal for the next quarter; returns it with a fresh ``key``."""
        taken = {item.key for item in self.new_goals}
        number = len(self.new_goals) + 1
        while f"{NEW_KEY_PREFIX}{number}" in taken:
            number += 1
        item = NewGoal(key=f"{NEW_KEY_PREFIX}{number}", title=title, parent=parent)
        for name, value in fields.items():
            if name not in NewGoal.__dataclass_fields__:
                raise TypeError(f"NewGoal has no field {name!r}")
            setattr(item, name, value)
        self.new_goals.append(item)
        return item

    def remove_goal(self, key: str) -> None:
        """Drop a planned goal; goals planned under it move up to its parent."""
        removed = next((item for item in self.new_goals if item.key == key), None)
        if removed is None:
            return
        self.new_goals.remove(removed)
        for item in self.new_goals:
            if item.parent == key:
                item.parent = removed.parent


def _names(value: object) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


def _index(value: object, size: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(max(value, 0), size - 1)
    return 0
