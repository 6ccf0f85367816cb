"""The draft of a weekly review: what a person has answered so far, step by step.

A run of the ritual is a :class:`WeeklyDraft` (check in, look back, roadblocks, goals,
adjust, commit, summary). The draft is plain data that round-trips through JSON
(:meth:`WeeklyDraft.to_answers`), so the store keeps it in the review record's
``answers`` field and a crash at any step loses nothing.

The draft holds what the person typed: numeric answers may be numbers or their text
(``"40"``, ``"40%"``), read later by :mod:`stratui.rituals.typed`.

What starts answered, and what does not: an outcome is a decision, so each open
commitment starts *undecided* (:data:`~stratui.rituals.weekly.steps.UNDECIDED`) and is recorded
only once a person chooses done, partial, missed or dropped (one key each); a review
completed with undecided commitments asks once what to do with them. Likewise a goal
starts with no reading this week: a check-in is written only for a confidence or a value
the person gives (one key keeps last week's confidence). Only what writes nothing may
start answered: roadblocks start as still blocking (:meth:`WeeklyDraft.fill_defaults`).

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from stratui.domain import records as rec
from stratui.domain.shapes import text as _text
from stratui.rituals.typed import number_or_none, typed_confidence, typed_date
from stratui.rituals.weekly.capacity import CapacityHint, commit_hint
from stratui.rituals.weekly.steps import STEPS, UNDECIDED
from stratui.rituals.weekly.validation import validate_step

ANSWERS_VERSION = 2
"""The version of the ``answers`` layout :meth:`WeeklyDraft.to_answers` writes.

Version 2: an outcome starts undecided. A version 1 draft started every open commitment
as done at 100%, so such an answer may be a default nobody chose: it is read back as
undecided (:func:`forget_old_defaults`)."""


@dataclass
class Outcome:
    """The look-back answer for one commitment: undecided (``status`` is
    :data:`~stratui.rituals.weekly.steps.UNDECIDED`) until a person chooses. ``progress`` None
    keeps the record's."""

    title: str = ""
    status: str = UNDECIDED
    progress: object = None
    note: str = ""
    carry: bool = False

    @property
    def decided(self) -> bool:
        """True once a person has chosen the outcome."""
        return self.status != UNDECIDED


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

    @classmethod
    def typed(
        cls,
        title: str,
        *,
        due: str = "",
        confidence: str = "",
        goal_id: str | None = None,
        today: dt.date,
    ) -> NewCommitment:
        """A new commitment from what a person typed: the title (spaces collapsed), an
        optional due date read now (so the date shown is the date kept), an optional
        confidence 1-5 and an optional goal.

        Raises:
            ValueError: naming the field (``title``, ``due``, ``confidence``) and what is
                accepted.
        """
        text = " ".join(title.split())
        if not text:
            raise ValueError("title: type what you commit to")
        day, level = typed_date(due, today), typed_confidence(confidence)
        return cls(title=text, goal_id=goal_id or None, due=day, confidence=level)


@dataclass
class ReviewContext:
    """What the store holds that a weekly review works on (read by the review service).

    ``commitments``: the owner's commitments of the period; ``roadblocks``: the open ones
    in the owner's scope; ``goals``: the owner's active goals; ``checkins``: recent goal
    check-ins (for the previous reading, shown beside this week's); ``history``: the
    owner's commitments over the :data:`~stratui.rituals.weekly.capacity.HINT_WEEKS` weeks
    ending with the period; ``planned``: the owner's commitments already made for the
    following week; ``checkin_question``: what the check-in asks, from the template of
    the owner's team (:mod:`stratui.rituals.templates`; "" for the built-in question).
    """

    commitments: list[dict] = field(default_factory=list)
    roadblocks: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    planned: list[dict] = field(default_factory=list)
    checkin_question: str = ""

    def previous_reading(self, goal_id: str) -> tuple[int | None, float | None]:
        """The latest stated confidence and the latest value of a goal (None when none)."""
        confidence = value = None
        ordered = sorted(self.checkins, key=lambda c: (str(c.get("date")), c["created_at"]))
        for checkin in ordered:
            if checkin.get("goal_id") == goal_id and rec.is_live(checkin):
                confidence = checkin.get("confidence", confidence)
                value = checkin.get("value", value)
        return confidence, value

    def external_refs(self) -> set[str]:
        """The external references (``ref``: a commit, a task, an issue) the owner's
        commitments in view keep: a look-back suggestion with one of them is taken."""
        records = [*self.commitments, *self.history, *self.planned]
        return {str(c["ref"]) for c in records if isinstance(c.get("ref"), str)}

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
    ``checkin_question`` is the team's own check-in question when a template sets one
    (kept with the answer, so the review reads the same when the template changes).
    ``taken`` holds the references of the look-back suggestions added as outcome notes
    (one made a commitment keeps its reference on the record), so none is offered twice.
    """

    period: str
    owner: str
    step: int = 0
    pulse: object = None
    checkin: str = ""
    checkin_question: str = ""
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    roadblocks: dict[str, RoadblockDecision] = field(default_factory=dict)
    new_roadblocks: list[NewRoadblock] = field(default_factory=list)
    goals: dict[str, GoalReading] = field(default_factory=dict)
    adjustments: list[NewAdjustment] = field(default_factory=list)
    new_commitments: list[NewCommitment] = field(default_factory=list)
    notes: str = ""
    taken: list[str] = field(default_factory=list)

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
            checkin_question=_text(data.get("checkin_question")),
            notes=_text(data.get("notes")),
        )
        taken = data.get("taken")
        if isinstance(taken, list):
            draft.taken = [ref for ref in taken if isinstance(ref, str)]
        read_parts(draft, _PARTS, data)
        if answers_version(data) < 2:
            forget_old_defaults(draft.outcomes)
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
        period chosen) are dropped; titles are refreshed; the check-in question is the
        template's until the person answers it. Returns the draft itself.
        """
        if not self.checkin.strip():
            self.checkin_question = context.checkin_question
        outcomes: dict[str, Outcome] = {}
        for record in context.commitments:
            if record.get("owner") != self.owner or record.get("week") != self.period:
                continue
            outcome = _kept_or_decided(self.outcomes.get(record["id"]), record)
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
            reading = self.goals.get(goal["id"]) or GoalReading()
            reading.title = str(goal.get("title", ""))
            readings[goal["id"]] = reading
        self.goals = readings
        return self

    # -- edits a screen makes in one key ----------------------------------------------------

    def set_status(self, commitment_id: str, status: str) -> Outcome:
        """Set an outcome's status, keeping progress and carry-over consistent with it.

        Done means progress 100 and nothing to carry; leaving done drops the implied 100;
        undecided carries nothing.
        """
        outcome = self.outcomes[commitment_id]
        if status == "done":
            outcome.progress, outcome.carry = 100, False
        elif outcome.status == "done" and number_or_none(outcome.progress) == 100:
            outcome.progress = None
        if status == UNDECIDED:
            outcome.carry = False
        outcome.status = status
        return outcome

    def toggle_carry(self, commitment_id: str) -> Outcome:
        """Toggle carrying a commitment over.

        Carrying over says the commitment was not finished: one still undecided or done
        becomes partial when it has progress short of 100, else missed.
        """
        outcome = self.outcomes[commitment_id]
        if not outcome.carry and outcome.status in (UNDECIDED, "done"):
            progress = number_or_none(outcome.progress)
            unfinished = "partial" if progress and 0 < progress < 100 else "missed"
            self.set_status(commitment_id, unfinished)
        outcome.carry = not outcome.carry
        return outcome

    def add_note(self, commitment_id: str, text: str, ref: str) -> Outcome:
        """Append ``text`` (a look-back suggestion's) to a commitment's outcome note, on a
        line of its own, and remember ``ref`` as taken. The outcome stays as chosen."""
        outcome = self.outcomes[commitment_id]
        outcome.note = rec.append_note(outcome.note, text)
        if ref not in self.taken:
            self.taken.append(ref)
        return outcome

    def carried_count(self) -> int:
        """How many commitments are marked to carry over into next week."""
        return sum(1 for outcome in self.outcomes.values() if outcome.carry)

    def undecided_count(self) -> int:
        """How many of the period's commitments still have no outcome chosen."""
        return sum(1 for outcome in self.outcomes.values() if not outcome.decided)


def _default_outcome(record: Mapping) -> Outcome:
    """Undecided for an open commitment (showing the progress recorded so far); an
    already reviewed commitment keeps the outcome someone chose for it."""
    status = record.get("status")
    progress = record.get("progress")
    if status != "open":
        return Outcome(status=str(status), progress=progress)
    return Outcome(progress=progress)


def _kept_or_decided(outcome: Outcome | None, record: Mapping) -> Outcome:
    """The answer given for ``record``; while it is undecided, the outcome someone chose
    for the record meanwhile (its owner's own weekly review, ``stratui done``), keeping a
    note typed for it: a decision made elsewhere is not asked again."""
    if outcome is None:
        return _default_outcome(record)
    if not outcome.decided and record.get("status") != "open":
        decided = _default_outcome(record)
        decided.note = outcome.note
        return decided
    return outcome


def forget_old_defaults(outcomes: Mapping[str, Outcome]) -> None:
    """Make undecided the outcomes of a version 1 draft that look like its default.

    Version 1 answered every open commitment before anyone looked at it: "done at 100%",
    or "partial" at the progress already recorded. Since a chosen answer cannot be told
    from those defaults, it is asked again rather than recorded as an outcome nobody may
    have chosen; one with a note or carried over was surely touched, and is kept.
    """
    for outcome in outcomes.values():
        done = outcome.status == "done" and number_or_none(outcome.progress) == 100
        if (done or outcome.status == "partial") and not outcome.carry and not outcome.note:
            outcome.status = UNDECIDED
            if done:
                outcome.progress = None


def answers_version(data: Mapping) -> int:
    """The ``version`` of a stored ``answers`` layout (1 when it is missing or unreadable)."""
    version = data.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else 1


def read_parts(target: object, kinds: Mapping[str, type], data: Mapping) -> None:
    """Set ``target``'s answer parts read back from ``data``, forgivingly.

    ``kinds`` maps an attribute of ``target`` to the dataclass of its answers: an
    attribute holding a dict takes the answers of a mapping (:func:`read_part_map`), one
    holding a list those of a list (:func:`read_part_list`); a value of another shape
    leaves the attribute as it is. The weekly draft and a team review's member parts
    read theirs this way.
    """
    for name, kind in kinds.items():
        value = data.get(name)
        if isinstance(getattr(target, name), dict) and isinstance(value, Mapping):
            setattr(target, name, read_part_map(kind, value))
        elif isinstance(getattr(target, name), list) and isinstance(value, list):
            setattr(target, name, read_part_list(kind, value))


def read_part_map(kind: type, values: Mapping) -> dict[str, Any]:
    """The answers of ``kind`` read back from ``values`` by key; those that do not read
    (not a mapping) are left out."""
    parts = {str(key): read_part(kind, value) for key, value in values.items()}
    return {key: part for key, part in parts.items() if part is not None}


def read_part_list(kind: type, values: list) -> list[Any]:
    """The answers of ``kind`` read back from ``values``, in order; those that do not
    read are left out."""
    return [part for part in (read_part(kind, value) for value in values) if part]


def read_part(kind: type, value: object) -> object | None:
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


def _clamp_step(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(max(value, 0), len(STEPS) - 1)
    return 0
