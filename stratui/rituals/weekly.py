"""The personal weekly review (PRODUCT.md, Rituals 1) as pure logic.

A run of the ritual is a :class:`WeeklyDraft`: what the person has answered so far, step
by step (check in, look back, roadblocks, goals, adjust, commit, summary). The draft is
plain data that round-trips through JSON (:meth:`WeeklyDraft.to_answers`), so the store
keeps it in the review record's ``answers`` field and a crash at any step loses nothing.

The draft holds what the person typed: numeric answers (pulse, progress, confidence,
metric values) may be numbers or their text (``"40"``, ``"40%"``), so an input widget can
hand its value over untouched. :func:`validate_step` turns mistakes into inline messages
that name the field; :func:`plan_completion` converts and builds every record a completed
review writes, each validated by the schema, without touching any store.

Why defaults matter: a quick review should be mostly Enter. Each open commitment starts
as done (or partial at the progress already recorded), carrying over is one toggle,
roadblocks start as still blocking, and goals keep their previous confidence.

Pure module: no Textual, no TinyDB, no store. "now" and "today" are parameters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields

from stratui.domain import records as rec
from stratui.domain.dates import _WEEKDAYS, parse_date  # the weekday words it reads
from stratui.domain.schema import (
    ADJUSTMENT_KINDS,
    REVIEWED_STATUSES,
    ROADBLOCK_KINDS,
    SEVERITIES,
)
from stratui.domain.weeks import (
    is_valid_week,
    monday,
    next_week,
    previous_week,
    sunday,
    week_of,
    window,
)

STEPS: tuple[str, ...] = (
    "check-in",
    "look back",
    "roadblocks",
    "goals",
    "adjust",
    "commit",
    "summary",
)
"""The steps of the weekly review, in order; a draft's ``step`` indexes this."""

STEP_TITLES: dict[str, str] = {
    "check-in": "Check in",
    "look back": "Look back",
    "roadblocks": "Roadblocks",
    "goals": "Goals",
    "adjust": "Adjust",
    "commit": "Commit",
    "summary": "Summary",
}
"""What the step indicator shows for each step."""

RITUAL_TITLE = "Weekly review"
HINT_WEEKS = 8
"""How many weeks of a person's own history the capacity hint looks at."""

ROADBLOCK_DECISIONS = ("still", "resolved")
ANSWERS_VERSION = 1
DUE_WEEKDAY = 3  # Thursday (Monday is 0): the weekly review is due from then


# --- the calendar of the ritual -----------------------------------------------------------


def default_period(today: dt.date) -> str:
    """The week a review started ``today`` looks back on.

    From Thursday to Sunday it is the current ISO week (enough of it has happened to
    review); from Monday to Wednesday, the previous week, which is still being closed.
    """
    week = week_of(today)
    return week if today.weekday() >= DUE_WEEKDAY else previous_week(week)


def due_from(week: str) -> dt.date:
    """The Thursday of ``week``: its weekly review is due from that day on."""
    return monday(week) + dt.timedelta(days=DUE_WEEKDAY)


@dataclass(frozen=True)
class DueReview:
    """The next weekly review a person owes, for the dashboard.

    ``due`` is true from the Thursday of ``period`` on; ``overdue`` once that week has
    ended without a completed review.
    """

    period: str
    due_from: dt.date
    due: bool
    overdue: bool

    @property
    def text(self) -> str:
        """One line for the dashboard: ``weekly review 2026-W47: due since Thu 19 Nov``."""
        day = f"{self.due_from:%a} {self.due_from.day} {self.due_from:%b}"
        if self.overdue:
            state = f"overdue (week ended {sunday(self.period).isoformat()})"
        elif self.due:
            state = f"due since {day}"
        else:
            state = f"due from {day}"
        return f"weekly review {self.period}: {state}"


def is_due(completed_reviews: Iterable[Mapping], today: dt.date) -> DueReview:
    """The next weekly review due, given a person's completed reviews.

    It is :func:`default_period` unless that week (or a later one) already has a completed
    weekly review; then it is the week after the latest reviewed one, due from its
    Thursday. Reviews of other rituals, drafts and tombstones are ignored.
    """
    done = [
        str(review["period"])
        for review in completed_reviews
        if review.get("ritual") == "weekly"
        and review.get("status") == "complete"
        and rec.is_live(review)
        and is_valid_week(str(review.get("period", "")))
    ]
    period = default_period(today)
    latest = max(done, key=monday, default=None)
    if latest is not None and monday(latest) >= monday(period):
        period = next_week(latest)
    start = due_from(period)
    return DueReview(period, start, today >= start, today > sunday(period))


# --- the draft ----------------------------------------------------------------------------


@dataclass
class Outcome:
    """The look-back answer for one commitment. ``progress`` None keeps the record's."""

    title: str = ""
    status: str = "done"
    progress: object = 100
    note: str = ""
    carry: bool = False


@dataclass
class RoadblockDecision:
    """Whether an open roadblock still blocks, and how it was resolved if not."""

    title: str = ""
    decision: str = "still"
    resolution: str = ""


@dataclass
class NewRoadblock:
    """A roadblock raised during the review; its owner is the draft's owner."""

    title: str = ""
    kind: str = "other"
    severity: str = "medium"
    commitment_id: str | None = None
    goal_id: str | None = None


@dataclass
class GoalReading:
    """This week's reading of an active goal; both None means no check-in is written."""

    title: str = ""
    confidence: object = None
    value: object = None
    note: str = ""


@dataclass
class NewAdjustment:
    """A course correction decided in the review; ``kind`` must be chosen."""

    kind: str = ""
    description: str = ""
    rationale: str = ""
    goal_id: str | None = None
    commitment_id: str | None = None


@dataclass
class NewCommitment:
    """A commitment for the week after the period; ``due`` may be typed words (``fri``)."""

    title: str = ""
    goal_id: str | None = None
    due: str | None = None
    confidence: object = None


@dataclass
class ReviewContext:
    """What the store holds that a weekly review works on (read by the review service).

    ``commitments``: the owner's commitments of the period; ``roadblocks``: the open ones
    in the owner's scope; ``goals``: the owner's active goals; ``checkins``: recent goal
    check-ins (for the previous confidence); ``history``: the owner's commitments over
    the :data:`HINT_WEEKS` weeks ending with the period; ``planned``: the owner's
    commitments already made for the following week.
    """

    commitments: list[dict] = field(default_factory=list)
    roadblocks: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    planned: list[dict] = field(default_factory=list)

    def previous_reading(self, goal_id: str) -> tuple[int | None, float | None]:
        """The latest stated confidence and the latest value of a goal (None when none)."""
        confidence = value = None
        ordered = sorted(self.checkins, key=lambda c: (str(c.get("date")), c["created_at"]))
        for checkin in ordered:
            if checkin.get("goal_id") == goal_id and rec.is_live(checkin):
                confidence = checkin.get("confidence", confidence)
                value = checkin.get("value", value)
        return confidence, value

    def hint(self, draft: WeeklyDraft) -> CapacityHint:
        """The commit step's capacity hint for ``draft`` (see :func:`commit_hint`)."""
        return commit_hint(draft, self.history, self.planned)


_PARTS = {
    "outcomes": Outcome,
    "roadblocks": RoadblockDecision,
    "goals": GoalReading,
    "new_roadblocks": NewRoadblock,
    "adjustments": NewAdjustment,
    "new_commitments": NewCommitment,
}


@dataclass
class WeeklyDraft:
    """Everything a person has answered in one weekly review so far.

    Keyed parts (``outcomes``, ``roadblocks``, ``goals``) map a record id to its answer
    and keep the order the screen shows them in; list parts hold new records to write.
    """

    period: str
    owner: str
    step: int = 0
    pulse: object = None
    checkin: str = ""
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    roadblocks: dict[str, RoadblockDecision] = field(default_factory=dict)
    new_roadblocks: list[NewRoadblock] = field(default_factory=list)
    goals: dict[str, GoalReading] = field(default_factory=dict)
    adjustments: list[NewAdjustment] = field(default_factory=list)
    new_commitments: list[NewCommitment] = field(default_factory=list)
    notes: str = ""

    # -- (de)serialising: the review record's ``answers`` field ---------------------------

    def to_answers(self) -> dict:
        """The draft as a JSON-ready dict, for the review record's ``answers`` field."""
        answers = asdict(self)
        answers["ritual"] = "weekly"
        answers["version"] = ANSWERS_VERSION
        return answers

    @classmethod
    def from_answers(
        cls, answers: object, *, period: str | None = None, owner: str | None = None
    ) -> WeeklyDraft:
        """A draft read back from ``answers``; ``period`` and ``owner`` fill in if absent.

        Reading is forgiving: unknown keys are ignored and a part of the wrong shape is
        dropped, so a draft written by another version still opens.
        """
        data = answers if isinstance(answers, Mapping) else {}
        draft = cls(
            period=_text(data.get("period")) or period or "",
            owner=_text(data.get("owner")) or owner or "",
            step=_clamp_step(data.get("step")),
            pulse=data.get("pulse"),
            checkin=_text(data.get("checkin")),
            notes=_text(data.get("notes")),
        )
        for name, kind in _PARTS.items():
            value = data.get(name)
            if isinstance(getattr(draft, name), dict) and isinstance(value, Mapping):
                parts = {str(k): _part(kind, v) for k, v in value.items()}
                setattr(draft, name, {k: v for k, v in parts.items() if v is not None})
            elif isinstance(getattr(draft, name), list) and isinstance(value, list):
                setattr(draft, name, [p for p in (_part(kind, v) for v in value) if p])
        return draft

    # -- navigation -----------------------------------------------------------------------

    @property
    def step_name(self) -> str:
        """The name of the current step, one of :data:`STEPS`."""
        return STEPS[_clamp_step(self.step)]

    def advance(self, today: dt.date | None = None) -> list[str]:
        """Go to the next step if the current one is valid; returns the messages if not."""
        problems = validate_step(self, self.step, today=today)
        if not problems:
            self.step = min(_clamp_step(self.step) + 1, len(STEPS) - 1)
        return problems

    def back(self) -> None:
        """Go to the previous step (answers are kept)."""
        self.step = max(_clamp_step(self.step) - 1, 0)

    # -- defaults -------------------------------------------------------------------------

    def fill_defaults(self, context: ReviewContext) -> WeeklyDraft:
        """Give every item of ``context`` an answer, keeping the answers already given.

        Answers for records no longer in the context (deleted, resolved elsewhere, another
        period chosen) are dropped; titles are refreshed. Returns the draft itself.
        """
        outcomes: dict[str, Outcome] = {}
        for record in context.commitments:
            if record.get("owner") != self.owner or record.get("week") != self.period:
                continue
            outcome = self.outcomes.get(record["id"]) or _default_outcome(record)
            outcome.title = str(record.get("title", ""))
            outcomes[record["id"]] = outcome
        self.outcomes = outcomes
        decisions: dict[str, RoadblockDecision] = {}
        for record in context.roadblocks:
            decision = self.roadblocks.get(record["id"]) or RoadblockDecision()
            decision.title = str(record.get("title", ""))
            decisions[record["id"]] = decision
        self.roadblocks = decisions
        readings: dict[str, GoalReading] = {}
        for goal in context.goals:
            reading = self.goals.get(goal["id"])
            if reading is None:
                reading = GoalReading(confidence=context.previous_reading(goal["id"])[0])
            reading.title = str(goal.get("title", ""))
            readings[goal["id"]] = reading
        self.goals = readings
        return self

    # -- edits a screen makes in one key ----------------------------------------------------

    def set_status(self, commitment_id: str, status: str) -> Outcome:
        """Set an outcome's status, keeping progress and carry-over consistent with it.

        Done means progress 100 and nothing to carry; leaving done drops the implied 100.
        """
        outcome = self.outcomes[commitment_id]
        if status == "done":
            outcome.progress, outcome.carry = 100, False
        elif outcome.status == "done" and _number_or_none(outcome.progress) == 100:
            outcome.progress = None
        outcome.status = status
        return outcome

    def toggle_carry(self, commitment_id: str) -> Outcome:
        """Toggle carrying a commitment over; carrying a "done" one makes it "missed"."""
        outcome = self.outcomes[commitment_id]
        if not outcome.carry and outcome.status == "done":
            self.set_status(commitment_id, "missed")
        outcome.carry = not outcome.carry
        return outcome

    def carried_count(self) -> int:
        """How many commitments are marked to carry over into next week."""
        return sum(1 for outcome in self.outcomes.values() if outcome.carry)


def _default_outcome(record: Mapping) -> Outcome:
    """Done for an open commitment, partial when it had recorded progress short of 100;
    an already reviewed commitment keeps its outcome."""
    status = record.get("status")
    progress = record.get("progress")
    if status != "open":
        return Outcome(status=str(status), progress=progress)
    if isinstance(progress, int | float) and 0 < progress < 100:
        return Outcome(status="partial", progress=progress)
    return Outcome()


def _part(kind: type, value: object) -> object | None:
    """One answer read back: a field of the wrong type keeps its default."""
    if not isinstance(value, Mapping):
        return None
    kept: dict[str, object] = {}
    for spec in fields(kind):
        if spec.name not in value:
            continue
        item = value[spec.name]
        if isinstance(spec.default, bool):
            kept[spec.name] = item is True
        elif isinstance(spec.default, str):
            if isinstance(item, str):
                kept[spec.name] = item
        elif spec.type == "str | None":
            if item is None or isinstance(item, str):
                kept[spec.name] = item
        elif item is None or isinstance(item, str | int | float):
            kept[spec.name] = item
    return kind(**kept)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _clamp_step(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(max(value, 0), len(STEPS) - 1)
    return 0


# --- reading what was typed ---------------------------------------------------------------


def _number(value: object) -> int | float | None:
    """A typed number: None when blank; ``"40"``, ``"40%"``, ``40.5``. ValueError if not."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not text:
            return None
        value = float(text)
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(value)
    return int(value) if float(value).is_integer() else value


def _number_or_none(value: object) -> int | float | None:
    try:
        return _number(value)
    except ValueError:
        return None


def _whole(value: object, low: int, high: int) -> int | None:
    """A typed whole number from ``low`` to ``high``, None when blank; ValueError if not."""
    number = _number(value)
    if number is None:
        return None
    if not isinstance(number, int) or not low <= number <= high:
        raise ValueError(value)
    return number


def _date(value: object, today: dt.date | None, week: str | None = None) -> str | None:
    """A typed due date as ISO text; words like ``fri`` need ``today``.

    A commitment is planned for ``week`` (next week), so a bare weekday (``fri``) or
    ``eow`` means that day of ``week`` when read on a day before it; every other word
    (``tomorrow``, ``+3d``) counts from ``today``, as everywhere else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    if today is None:
        return dt.date.fromisoformat(value.strip()).isoformat()
    words = value.strip().lower()
    if week is not None and (words in _WEEKDAYS or words == "eow"):
        today = max(today, monday(week))
    return parse_date(value, today).isoformat()


def _planned_week(draft: WeeklyDraft) -> str | None:
    """The week the draft's new commitments are for, None while the period is invalid."""
    return next_week(draft.period) if is_valid_week(draft.period) else None


# --- validation ---------------------------------------------------------------------------


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
        if _whole(draft.pulse, 1, 5) is None:
            problems.append("pulse: choose 1-5")
    except ValueError:
        problems.append("pulse: choose 1-5")
    return problems


def _check_look_back(draft: WeeklyDraft, today: dt.date | None) -> list[str]:
    problems = []
    for outcome in draft.outcomes.values():
        subject = f"outcome of {outcome.title!r}"
        if outcome.status not in REVIEWED_STATUSES:
            problems.append(f"{subject}: choose done, partial, missed or dropped")
        try:
            progress = _number(outcome.progress)
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
            _whole(reading.confidence, 1, 5)
        except ValueError:
            problems.append(f"{subject}: confidence must be 1-5")
        try:
            _number(reading.value)
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
            _whole(item.confidence, 1, 5)
        except ValueError:
            problems.append(f"{subject}: confidence must be 1-5")
        try:
            _date(item.due, today, _planned_week(draft))
        except ValueError:
            words = "a date (2026-12-04, fri, +3d, eow)" if today else "a date YYYY-MM-DD"
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


class DraftInvalid(ValueError):
    """A draft cannot be completed; ``problems`` are the inline messages of every step."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


# --- the capacity hint --------------------------------------------------------------------


@dataclass(frozen=True)
class WeekLoad:
    """One past week of a person: commitments made and commitments done."""

    week: str
    planned: int
    done: int


@dataclass(frozen=True)
class CapacityHint:
    """How a plan compares with what the person actually finishes.

    ``mean_done`` is the mean number of done commitments per week over the weeks of
    ``weeks`` that had any commitment (None without any), rounded to one decimal; the
    plan is ``over`` when ``planned`` exceeds it. ``text`` is the line the commit step
    shows; ``warning`` an extra line when the plan is over.
    """

    planned: int
    mean_done: float | None
    weeks: tuple[WeekLoad, ...]
    over: bool
    text: str

    @property
    def warning(self) -> str | None:
        """A short warning when the plan exceeds what is usually finished, else None."""
        if not self.over:
            return None
        return f"that is more than the {_fmt(self.mean_done)} you usually finish"


def capacity_hint(
    history: Iterable[Mapping], owner: str, period: str, planned: int
) -> CapacityHint:
    """Compare ``planned`` commitments for ``period`` with ``owner``'s last 8 weeks.

    The weeks are the :data:`HINT_WEEKS` before ``period`` (the week being planned).
    Weeks without any commitment are left out of the mean: a holiday is not a week in
    which nothing was finished.
    """
    weeks = window(previous_week(period), HINT_WEEKS)
    made = dict.fromkeys(weeks, 0)
    done = dict.fromkeys(weeks, 0)
    for record in history:
        week = record.get("week")
        if record.get("owner") != owner or week not in made or not rec.is_live(record):
            continue
        made[week] += 1
        done[week] += record.get("status") == "done"
    loads = tuple(WeekLoad(week, made[week], done[week]) for week in weeks)
    active = [load for load in loads if load.planned]
    if not active:
        text = f"you commit to {planned}; no history yet"
        return CapacityHint(planned, None, loads, False, text)
    mean = round(sum(load.done for load in active) / len(active), 1)
    span = f"over the last {HINT_WEEKS} weeks"
    if len(active) < HINT_WEEKS:
        span += f" ({len(active)} with commitments)"
    text = f"you commit to {planned}; you finished {_fmt(mean)} a week {span}"
    return CapacityHint(planned, mean, loads, planned > mean, text)


def commit_hint(
    draft: WeeklyDraft, history: Iterable[Mapping], planned: Iterable[Mapping] = ()
) -> CapacityHint:
    """The hint for the commit step: next week's load against the owner's history.

    Next week's load is what is already planned for it, the carried-over commitments and
    the new ones with a title. The outcomes answered in the draft count as the period's
    results, since they are not stored until the review completes.
    """
    target = next_week(draft.period)
    load = sum(1 for r in planned if r.get("owner") == draft.owner and r.get("week") == target)
    load += draft.carried_count()
    load += sum(1 for item in draft.new_commitments if item.title.strip())
    answered = []
    for record in history:
        outcome = draft.outcomes.get(str(record.get("id")))
        if outcome is not None and record.get("week") == draft.period:
            record = {**record, "status": outcome.status}
        answered.append(record)
    return capacity_hint(answered, draft.owner, target, load)


def _fmt(number: float | None) -> str:
    """``4.0`` -> ``4``, ``4.5`` -> ``4.5``."""
    if number is None:
        return "no data"
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


# --- completing -----------------------------------------------------------------------------


@dataclass
class Completion:
    """Every record a completed weekly review writes, already validated.

    ``reviewed`` holds all the period's commitments as they are after the review (for the
    summary); ``changed`` only those whose record changed and must be written.
    """

    review: dict
    reviewed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    carried: list[dict] = field(default_factory=list)
    resolved_roadblocks: list[dict] = field(default_factory=list)
    new_roadblocks: list[dict] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)
    adjustments: list[dict] = field(default_factory=list)
    new_commitments: list[dict] = field(default_factory=list)

    def writes(self) -> dict[str, list[dict]]:
        """The records by collection, as ``Transaction.put_many`` takes them."""
        return {
            "commitments": [*self.changed, *self.carried, *self.new_commitments],
            "roadblocks": [*self.resolved_roadblocks, *self.new_roadblocks],
            "goal_checkins": list(self.checkins),
            "adjustments": list(self.adjustments),
            "reviews": [self.review],
        }


def plan_completion(
    draft: WeeklyDraft,
    commitments: Iterable[Mapping],
    roadblocks: Iterable[Mapping],
    goals: Iterable[Mapping],
    *,
    review: Mapping,
    now: dt.datetime,
    today: dt.date,
) -> Completion:
    """The records to write when ``draft`` completes ``review``; nothing is written here.

    * each answered commitment of the period gets its outcome, progress and note
      (:func:`~stratui.domain.records.close_commitment`); one marked to carry is carried
      into the following week, linked by ``carried_from`` and to the review;
    * open roadblocks decided "resolved" are resolved today; new ones are raised today,
      owned by the draft's owner;
    * each goal reading with a confidence or a value becomes a check-in dated today;
    * adjustments are decided today; new commitments are for the following week, with
      source ``review``;
    * the review becomes complete with its pulse, notes (the check-in line, then the
      notes), ``completed_at`` now, and the final answers (``answers.written`` lists the
      ids of the records it made, in the draft's order, for the summary).

    ``commitments`` are the period's; the following week's may be included too, so that
    one already carried over (from the command line) is not carried twice. Commitments
    of the period the draft has no answer for (logged after the draft was last filled)
    stay as they are. Raises :class:`DraftInvalid` if any step is invalid.
    """
    problems = validate(draft, today=today)
    if problems:
        raise DraftInvalid(problems)
    review_id = str(review["id"])
    following = next_week(draft.period)
    plan = Completion(review={})
    commitments = [record for record in commitments if rec.is_live(record)]
    already_carried = {c.get("carried_from") for c in commitments if c.get("week") == following}
    for record in commitments:
        if record.get("owner") != draft.owner or record.get("week") != draft.period:
            continue
        outcome = draft.outcomes.get(record["id"])
        if outcome is None:
            plan.reviewed.append(dict(record))
            continue
        closed = rec.close_commitment(
            record,
            outcome.status,
            now,
            today,
            progress=_number(outcome.progress),
            note=outcome.note.strip() or None,
        )
        if _differs(record, closed):
            plan.changed.append(closed)
        else:
            closed = dict(record)
        plan.reviewed.append(closed)
        if outcome.carry and record["id"] not in already_carried:
            plan.carried.append(rec.carry_over(closed, now, week=following, review_id=review_id))
    _plan_roadblocks(plan, draft, roadblocks, now, today)
    active = {goal["id"] for goal in goals if rec.is_live(goal)}
    for goal_id, reading in draft.goals.items():
        confidence, value = _whole(reading.confidence, 1, 5), _number(reading.value)
        if goal_id in active and (confidence is not None or value is not None):
            fields_ = {
                "goal_id": goal_id,
                "date": today.isoformat(),
                "value": value,
                "confidence": confidence,
                "note": reading.note.strip() or None,
            }
            plan.checkins.append(rec.new_record("goal_checkins", fields_, now))
    for item in draft.adjustments:
        fields_ = {
            "kind": item.kind,
            "description": item.description.strip(),
            "rationale": item.rationale.strip() or None,
            "goal_id": item.goal_id or None,
            "commitment_id": item.commitment_id or None,
            "review_id": review_id,
            "decided_on": today.isoformat(),
        }
        plan.adjustments.append(rec.new_record("adjustments", fields_, now))
    for item in draft.new_commitments:
        plan.new_commitments.append(
            rec.new_commitment(
                title=item.title,
                owner=draft.owner,
                week=following,
                now=now,
                goal_id=item.goal_id or None,
                due=_date(item.due, today, following),
                confidence=_whole(item.confidence, 1, 5),
                source="review",
                review_id=review_id,
            )
        )
    plan.review = _completed_review(review, draft, plan, now)
    return plan


def _plan_roadblocks(
    plan: Completion,
    draft: WeeklyDraft,
    roadblocks: Iterable[Mapping],
    now: dt.datetime,
    today: dt.date,
) -> None:
    open_ = {r["id"]: r for r in roadblocks if rec.is_live(r) and not r.get("resolved_on")}
    for rid, decision in draft.roadblocks.items():
        if decision.decision == "resolved" and rid in open_:
            changes = {
                "resolved_on": today.isoformat(),
                "resolution": decision.resolution.strip() or None,
            }
            plan.resolved_roadblocks.append(rec.updated("roadblocks", open_[rid], changes, now))
    for block in draft.new_roadblocks:
        fields_ = {
            "title": block.title.strip(),
            "kind": block.kind,
            "severity": block.severity,
            "owner": draft.owner,
            "commitment_id": block.commitment_id or None,
            "goal_id": block.goal_id or None,
            "raised_on": today.isoformat(),
        }
        plan.new_roadblocks.append(rec.new_record("roadblocks", fields_, now))


def _completed_review(
    review: Mapping, draft: WeeklyDraft, plan: Completion, now: dt.datetime
) -> dict:
    answers = draft.to_answers()
    answers["step"] = len(STEPS) - 1
    answers["written"] = {
        "resolved_roadblocks": [r["id"] for r in plan.resolved_roadblocks],
        "new_roadblocks": [r["id"] for r in plan.new_roadblocks],
        "checkins": [c["id"] for c in plan.checkins],
        "adjustments": [a["id"] for a in plan.adjustments],
        "carried": [c["id"] for c in plan.carried],
        "new_commitments": [c["id"] for c in plan.new_commitments],
    }
    notes = "\n".join(text for text in (draft.checkin.strip(), draft.notes.strip()) if text)
    changes = {
        "ritual": "weekly",
        "period": draft.period,
        "owner": draft.owner,
        "participants": [draft.owner],
        "status": "complete",
        "pulse": _whole(draft.pulse, 1, 5),
        "notes": notes or None,
        "completed_at": rec.stamp(now),
        "answers": answers,
    }
    return rec.updated("reviews", review, changes, now)


def _differs(before: Mapping, after: Mapping) -> bool:
    """True when a record changed in anything but its ``updated_at`` stamp."""
    keys = (set(before) | set(after)) - {"updated_at"}
    return any(before.get(key) != after.get(key) for key in keys)
