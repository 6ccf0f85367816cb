"""The team weekly review (PRODUCT.md, Rituals 2) as pure logic: steps, draft, messages.

A manager runs it with the team: choose the team and the week, walk each member in turn
(look back on their commitments, decide on their open roadblocks, escalating one to
whoever can remove it), record the team's adjustments, agree each member's commitments
for next week, and read the summary.

A run is a :class:`TeamReviewDraft`. Like the weekly review's draft it is plain data
that round-trips through JSON (:meth:`TeamReviewDraft.to_answers`), so the store keeps
it in the review record's ``answers`` at every step and quitting loses nothing. Two of
its steps are *walked* member by member (:data:`WALKED_STEPS`): ``member_index`` says
whose turn it is, and :meth:`~TeamReviewDraft.advance` moves to the next member before
it moves to the next step.

Each member's part (:class:`MemberPart`) answers the same questions as a personal weekly
review, so it reuses that ritual's parts (:class:`~stratui.rituals.weekly.draft.Outcome`,
:class:`~stratui.rituals.weekly.draft.NewRoadblock`,
:class:`~stratui.rituals.weekly.draft.NewCommitment`), its defaults and its inline messages,
through :meth:`MemberPart.as_weekly`. A member with nothing this week (no commitment, no
open roadblock) keeps a part, marked :attr:`MemberPart.nothing_this_week`: the walk
shows them, and the summary says so, rather than skipping them.

This is the public module: import the ritual from here. The rest lives, one seam a
module, in :mod:`~stratui.rituals.team.steps` (the steps and their choices),
:mod:`~stratui.rituals.team.validation` (the inline messages),
:mod:`~stratui.rituals.team.completion` (the records a completed review writes) and
:mod:`~stratui.rituals.team.summary` (the Markdown summary).

Pure module: no Textual, no TinyDB, no store. "today" is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from stratui.domain import records as rec
from stratui.domain.shapes import text as _text
from stratui.domain.weeks import is_valid_week, monday, next_week
from stratui.rituals.team.steps import (
    RITUAL_TITLE,
    ROADBLOCK_CALLS,
    STEP_TITLES,
    STEPS,
    WALKED_STEPS,
)
from stratui.rituals.team.validation import validate, validate_member, validate_step
from stratui.rituals.weekly.capacity import CapacityHint, commit_hint
from stratui.rituals.weekly.draft import (
    NewAdjustment,
    NewCommitment,
    NewRoadblock,
    Outcome,
    ReviewContext,
    WeeklyDraft,
    answers_version,
    forget_old_defaults,
    read_part_list,
    read_parts,
)
from stratui.rituals.weekly.periods import default_period
from stratui.rituals.weekly.validation import DraftInvalid

ANSWERS_VERSION = 2
"""The version of the ``answers`` layout :meth:`TeamReviewDraft.to_answers` writes.

Version 2: an outcome starts undecided, as in the weekly review's draft (whose version 1
defaults are forgotten the same way: :func:`~stratui.rituals.weekly.draft.forget_old_defaults`)."""


@dataclass
class RoadblockCall:
    """The decision on one open roadblock: still blocking, resolved, or escalated.

    Escalating hands the roadblock to ``owner`` (who removes it: required) and raises
    its ``severity`` to the one given, or one level when none is given.
    """

    title: str = ""
    decision: str = "still"
    owner: str = ""
    severity: str = ""
    resolution: str = ""


@dataclass
class MemberPart:
    """One member's part of the review: look back, roadblocks and next week's plan.

    ``outcomes`` and ``roadblocks`` map a record id to its answer, in the order shown;
    ``present`` is whether the member took part (the review's participants).
    """

    name: str = ""
    present: bool = True
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    roadblocks: dict[str, RoadblockCall] = field(default_factory=dict)
    new_roadblocks: list[NewRoadblock] = field(default_factory=list)
    new_commitments: list[NewCommitment] = field(default_factory=list)
    note: str = ""

    @property
    def nothing_this_week(self) -> bool:
        """True when the member had no commitment and no open roadblock this week."""
        return not self.outcomes and not self.roadblocks

    def as_weekly(self, period: str) -> WeeklyDraft:
        """This part seen as a personal weekly review of ``period``.

        The view shares this part's outcomes and lists, so an edit through it (a status,
        a carry-over) is an edit of the part; it lends the weekly review's rules.
        """
        return WeeklyDraft(
            period=period,
            owner=self.name,
            outcomes=self.outcomes,
            new_roadblocks=self.new_roadblocks,
            new_commitments=self.new_commitments,
        )

    def set_status(self, commitment_id: str, status: str) -> Outcome:
        """Set an outcome's status, keeping progress and carry-over consistent."""
        return self.as_weekly("").set_status(commitment_id, status)

    def toggle_carry(self, commitment_id: str) -> Outcome:
        """Toggle carrying a commitment over; carrying a done one makes it missed."""
        return self.as_weekly("").toggle_carry(commitment_id)

    def undecided_count(self) -> int:
        """How many of the member's commitments still have no outcome chosen."""
        return self.as_weekly("").undecided_count()

    def escalate(self, roadblock_id: str, owner: str, severity: str = "") -> RoadblockCall:
        """Escalate an open roadblock to ``owner`` (who removes it), at ``severity``."""
        call = self.roadblocks[roadblock_id]
        call.decision, call.owner, call.severity = "escalate", owner, severity
        return call


@dataclass
class TeamContext:
    """What the store holds that a team review works on (read by the team review service).

    ``members``: the team's members; ``commitments``: their commitments of the period;
    ``planned``: theirs already made for the following week; ``roadblocks``: the open
    roadblocks owned by a member or blocking a member's commitment of the period;
    ``history``: their commitments over the capacity hint's weeks ending with the period;
    ``goals``: the active goals of the team or of a member (what a new commitment may be
    linked to); ``people``: every person (whom a roadblock may be escalated to);
    ``team``: the reviewed team's name; ``self_reviewed``: the members who completed
    their own weekly review of the period, with the day they did (their outcomes are in
    their commitments already: the walk confirms them rather than asks again);
    ``points``: the talking points members brought to this review, oldest first.
    """

    members: list[str] = field(default_factory=list)
    commitments: list[dict] = field(default_factory=list)
    planned: list[dict] = field(default_factory=list)
    roadblocks: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    team: str = ""
    people: list[dict] = field(default_factory=list)
    self_reviewed: dict[str, str] = field(default_factory=dict)
    points: list[dict] = field(default_factory=list)

    def goals_of(self, name: str) -> list[dict]:
        """The goals member ``name``'s new commitments may be linked to: their own, and
        the reviewed team's (not another team's a member's goal belongs to)."""
        return [
            g
            for g in self.goals
            if g.get("owner") == name or (self.team and g.get("team") == self.team)
        ]

    def member_of(self, roadblock: Mapping) -> str | None:
        """Whose turn a roadblock comes up in: its owner's, else the blocked commitment's."""
        if roadblock.get("owner") in self.members:
            return str(roadblock["owner"])
        for record in self.commitments:
            if record["id"] == roadblock.get("commitment_id") and record["owner"] in self.members:
                return str(record["owner"])
        return None

    def hint(self, draft: TeamReviewDraft, name: str) -> CapacityHint:
        """The commit step's capacity hint for member ``name`` (see ``commit_hint``)."""
        part = draft.member(name)
        return commit_hint(part.as_weekly(draft.period), self.history, self.planned, name)


_MEMBER_PARTS = {
    "outcomes": Outcome,
    "roadblocks": RoadblockCall,
    "new_roadblocks": NewRoadblock,
    "new_commitments": NewCommitment,
}


@dataclass
class TeamReviewDraft:
    """Everything answered so far in one team review.

    ``members`` holds one :class:`MemberPart` per team member, in the team's order;
    ``step`` indexes :data:`STEPS`; ``member_index`` is whose turn it is in a walked step.
    """

    team: str
    period: str
    facilitator: str
    step: int = 0
    member_index: int = 0
    pulse: object = None
    members: list[MemberPart] = field(default_factory=list)
    adjustments: list[NewAdjustment] = field(default_factory=list)
    notes: str = ""

    # -- (de)serialising: the review record's ``answers`` field ---------------------------

    def to_answers(self) -> dict:
        """The draft as a JSON-ready dict, for the review record's ``answers`` field."""
        answers = asdict(self)
        answers["ritual"] = "team"
        answers["version"] = ANSWERS_VERSION
        answers["participants"] = self.participants
        return answers

    @classmethod
    def from_answers(
        cls,
        answers: object,
        *,
        team: str | None = None,
        period: str | None = None,
        facilitator: str | None = None,
    ) -> TeamReviewDraft:
        """A draft read back from ``answers``; the keyword arguments fill in if absent.

        Reading is forgiving: unknown keys are ignored and a part of the wrong shape is
        dropped, so a draft written by another version still opens.
        """
        data = answers if isinstance(answers, Mapping) else {}
        draft = cls(
            team=_text(data.get("team")) or team or "",
            period=_text(data.get("period")) or period or "",
            facilitator=_text(data.get("facilitator")) or facilitator or "",
            step=_index(data.get("step"), len(STEPS)),
            pulse=data.get("pulse"),
            notes=_text(data.get("notes")),
        )
        for value in data.get("members") or ():
            if isinstance(value, Mapping) and _text(value.get("name")):
                draft.members.append(_member(value))
        if answers_version(data) < 2:
            for part in draft.members:
                forget_old_defaults(part.outcomes)
        adjustments = data.get("adjustments")
        if isinstance(adjustments, list):
            draft.adjustments = read_part_list(NewAdjustment, adjustments)
        draft.member_index = _index(data.get("member_index"), max(len(draft.members), 1))
        return draft

    # -- who --------------------------------------------------------------------------------

    @property
    def participants(self) -> list[str]:
        """The members who took part (the review record's ``participants``)."""
        return [part.name for part in self.members if part.present]

    def member(self, name: str) -> MemberPart:
        """The part of member ``name``; KeyError if the team has no such member."""
        for part in self.members:
            if part.name == name:
                return part
        raise KeyError(name)

    @property
    def current_member(self) -> MemberPart | None:
        """Whose turn it is in a walked step (None without members)."""
        if not self.members:
            return None
        return self.members[min(max(self.member_index, 0), len(self.members) - 1)]

    # -- navigation -------------------------------------------------------------------------

    @property
    def step_name(self) -> str:
        """The name of the current step, one of :data:`STEPS`."""
        return STEPS[_index(self.step, len(STEPS))]

    def advance(self, today: dt.date | None = None) -> list[str]:
        """Go to the next member of a walked step, else to the next step, if valid.

        Returns the inline messages that keep the draft where it is ([] when it moved).
        In a walked step only the current member is checked before the next member's
        turn; leaving the step checks every member.
        """
        name = self.step_name
        walked = name in WALKED_STEPS and self.members
        if walked and self.member_index < len(self.members) - 1:
            problems = validate_member(self, self.members[self.member_index], name, today)
            if not problems:
                self.member_index += 1
            return problems
        problems = validate_step(self, name, today=today)
        if not problems:
            self.step = min(STEPS.index(name) + 1, len(STEPS) - 1)
            self.member_index = 0
        return problems

    def back(self) -> None:
        """Go to the previous member of a walked step, else to the previous step."""
        name = self.step_name
        if name in WALKED_STEPS and self.member_index > 0:
            self.member_index -= 1
            return
        self.step = max(STEPS.index(name) - 1, 0)
        self.member_index = max(len(self.members) - 1, 0) if self.step_name in WALKED_STEPS else 0

    # -- defaults ---------------------------------------------------------------------------

    def fill_defaults(self, context: TeamContext) -> TeamReviewDraft:
        """Give every member a part and every item an answer, keeping those given.

        Members follow the team (a member who left is dropped, one who joined is added);
        outcomes start undecided, as in the weekly review; roadblocks default to still
        blocking. Returns the draft itself.
        """
        parts = {part.name: part for part in self.members}
        weekly_context = ReviewContext(commitments=context.commitments)
        members: list[MemberPart] = []
        for name in context.members:
            part = parts.get(name) or MemberPart(name=name)
            view = part.as_weekly(self.period)
            view.fill_defaults(weekly_context)
            part.outcomes = view.outcomes
            calls: dict[str, RoadblockCall] = {}
            for block in context.roadblocks:
                if context.member_of(block) == name:
                    call = part.roadblocks.get(block["id"]) or RoadblockCall()
                    call.title = str(block.get("title", ""))
                    calls[block["id"]] = call
            part.roadblocks = calls
            members.append(part)
        self.members = members
        self.member_index = min(self.member_index, max(len(members) - 1, 0))
        return self


def next_period(completed_periods: Iterable[str], today: dt.date) -> str:
    """The week a new team review is for, given the weeks the team has reviewed.

    The week a weekly review started today looks back on
    (:func:`~stratui.rituals.weekly.periods.default_period`), unless the team has reviewed that
    week or a later one already: then the week after the latest reviewed.
    """
    period = default_period(today)
    reviewed = [week for week in completed_periods if is_valid_week(week)]
    latest = max(reviewed, key=monday, default=None)
    if latest is not None and monday(latest) >= monday(period):
        return next_week(latest)
    return period


def open_roadblocks(roadblocks: Iterable[Mapping]) -> dict[str, Mapping]:
    """The live, unresolved roadblocks of ``roadblocks`` by id."""
    return {r["id"]: r for r in roadblocks if rec.is_live(r) and not r.get("resolved_on")}


# -- reading answers back ---------------------------------------------------------------------


def _member(value: Mapping) -> MemberPart:
    part = MemberPart(
        name=_text(value.get("name")).strip(),
        present=value.get("present") is not False,
        note=_text(value.get("note")),
    )
    read_parts(part, _MEMBER_PARTS, value)
    return part


def _index(value: object, size: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(max(value, 0), size - 1)
    return 0


__all__ = [
    "ANSWERS_VERSION",
    "RITUAL_TITLE",
    "ROADBLOCK_CALLS",
    "STEPS",
    "STEP_TITLES",
    "WALKED_STEPS",
    "DraftInvalid",
    "MemberPart",
    "NewAdjustment",
    "NewCommitment",
    "NewRoadblock",
    "Outcome",
    "RoadblockCall",
    "TeamContext",
    "TeamReviewDraft",
    "next_period",
    "open_roadblocks",
    "validate",
    "validate_member",
    "validate_step",
]
