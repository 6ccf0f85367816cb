"""The retrospective's draft: :class:`RetroDraft` and the context it works on.

The draft is everything gathered so far in one retrospective, plain data that
round-trips through the review record's ``answers``; its edits enforce the rules at once
(:class:`~stratui.rituals.retro.phases.RetroRefused`). The package
(:mod:`stratui.rituals.retro`) re-exports it with the rest of the ritual.

Pure module: no Textual, no TinyDB, no store. "today" is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from stratui.domain import records as rec
from stratui.domain.people import require_named
from stratui.domain.shapes import text as _text
from stratui.rituals.retro.board import Card, CardBoard, Topic, rank_topics, similar
from stratui.rituals.retro.formats import (
    FORMATS,
    HEALTH_DIMENSIONS,
    RetroFormat,
    built_in,
    category_title,
)
from stratui.rituals.retro.icebreakers import offer_icebreaker
from stratui.rituals.retro.phases import (
    DEFAULT_VOTES,
    DISPOSITIONS,
    EXTEND_MINUTES,
    GROUP_KEY,
    MAX_VOTES,
    PHASE_TITLES,
    PHASES,
    RITUAL_TITLE,
    TIME_BOXES,
    RetroRefused,
)
from stratui.rituals.retro.validation import (
    default_disposition,
    disposition_problem,
    validate,
    validate_phase,
)
from stratui.rituals.typed import read_whole, typed_confidence, typed_date
from stratui.rituals.weekly.draft import read_part_list, read_part_map
from stratui.rituals.weekly.validation import DraftInvalid

ANSWERS_VERSION = 1
"""The version of the ``answers`` layout :meth:`RetroDraft.to_answers` writes."""


@dataclass
class FollowUp:
    """One action of the previous retrospective and its disposition (``""``: not yet).

    ``title``, ``owner`` and ``status`` are the action as it is when the draft was last
    filled; ``note`` is appended to the action's notes when the retro finishes.
    """

    title: str = ""
    owner: str = ""
    status: str = ""
    disposition: str = ""
    note: str = ""


@dataclass
class NewAction:
    """An action agreed while discussing a topic: a commitment with source ``retro``.

    ``due`` may be typed words (``fri``, ``+1w``); ``topic`` is the key of the topic it
    came from (see :class:`~stratui.rituals.retro.board.Topic`), if any; ``goal_id`` the
    goal it serves and ``confidence`` (1-5, as typed) how sure its owner is, both
    optional, as for any commitment.
    """

    title: str = ""
    owner: str = ""
    due: str | None = None
    topic: str | None = None
    goal_id: str | None = None
    confidence: object = None

    @classmethod
    def typed(
        cls,
        title: str,
        owner: str,
        *,
        people: Iterable[Mapping],
        today: dt.date,
        due: str = "",
        confidence: str = "",
        topic: str | None = None,
        goal_id: str | None = None,
    ) -> NewAction:
        """An action from what a person typed: a title, an owner who is a known person
        (stored by their own spelling), and optionally a due date read now (so the day
        shown is the day kept), a confidence 1-5, a goal and the topic it came from.

        Raises:
            ValueError: naming the field and what is accepted.
        """
        text = " ".join(title.split())
        if not text:
            raise ValueError("title: say what will be done")
        if not owner.strip():
            raise ValueError("owner: name who does it")
        name = str(require_named(people, owner, "owner", "person")["name"])
        return cls(
            title=text,
            owner=name,
            due=typed_date(due, today),
            topic=topic or None,
            goal_id=goal_id or None,
            confidence=typed_confidence(confidence),
        )


@dataclass
class RetroContext:
    """What the store holds that a retrospective works on (read by the retro service).

    ``members``: the team's members (the default participants); ``previous_review``:
    the team's latest completed retrospective before this one (None for a first);
    ``previous_actions``: the commitments with source ``retro`` linked to it, as they are
    now; ``carried_before``: ids of those already carried over elsewhere (not carried
    twice); ``people``: every person (an action's owner must be one of them); ``goals``:
    the active goals, in tree order (what an action may serve).

    What the participants wrote, each as a record of their own: ``cards``, the
    retrospective's ``retro_items`` in the order written, and ``ballots``, its
    ``retro_ballots`` (each person's dots and health ratings).

    What the store's templates (:mod:`stratui.rituals.templates`) give the team:
    ``formats``, the templates' formats offered after the built-ins; ``health_dimensions``
    (() for the built-ins); ``icebreakers``, the pool, and ``used_icebreakers``, what each
    of the team's earlier retrospectives used, newest first; ``template_problems``, one
    line per template refused for a mistake (the ritual runs without it).
    """

    members: list[str] = field(default_factory=list)
    previous_review: dict | None = None
    previous_actions: list[dict] = field(default_factory=list)
    carried_before: set[str] = field(default_factory=set)
    people: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    formats: list[RetroFormat] = field(default_factory=list)
    health_dimensions: tuple[str, ...] = ()
    icebreakers: tuple[str, ...] = ()
    used_icebreakers: list[str] = field(default_factory=list)
    template_problems: list[str] = field(default_factory=list)
    cards: list[dict] = field(default_factory=list)
    ballots: list[dict] = field(default_factory=list)

    @property
    def previous_health(self) -> dict[str, int]:
        """The previous retrospective's health check ({} when it had none)."""
        health = (self.previous_review or {}).get("health")
        return dict(health) if isinstance(health, Mapping) else {}


@dataclass
class RetroDraft(CardBoard):
    """Everything gathered so far in one retrospective.

    The draft is the facilitator's part, kept in the review's ``answers``: the phase, the
    format, the follow-up, which cards are revealed and how they are grouped, the
    discussion, the actions and the facilitator's own health ratings. What participants
    write is theirs, each a record (docs/EXPORT-FORMAT.md, version 2): their cards
    (``retro_items``) and their ballots (``retro_ballots``: dots and ratings).
    :meth:`fill_defaults` lays those records on the board, so ``cards`` (in the order
    written) and ``votes`` (participant -> card id or group key -> dots) are the board
    as the store has it; the edits of cards and votes are those of
    :class:`~stratui.rituals.retro.board.CardBoard`, the rules that the use cases of
    :mod:`stratui.usecases.retro_room` apply before writing a participant's record.
    ``ratings`` are the participants' health ratings from their ballots.

    ``follow_ups`` maps each previous action's id to its :class:`FollowUp`;
    ``discussion`` holds notes per topic key; ``health`` maps each dimension to the
    facilitator's typed rating (blank or None: not rated), used when ``health_check``
    is on.

    A draft of the first version kept the cards and dots themselves in its answers:
    those are still read, kept, and written as records when the retrospective finishes.

    ``format`` names the format; for a template's format, ``custom_format`` is a copy of
    it made when it was chosen, so the review reads and sums up with its categories even
    when the template is later changed or deleted. ``icebreaker`` is the one offered
    (and, once finished, used): kept so the next offers can avoid it.
    """

    team: str
    period: str
    facilitator: str
    format: str = ""
    custom_format: RetroFormat | None = None
    icebreaker: str = ""
    step: int = 0
    participants: list[str] = field(default_factory=list)
    votes_per_person: object = DEFAULT_VOTES
    previous_review_id: str | None = None
    follow_ups: dict[str, FollowUp] = field(default_factory=dict)
    cards: list[Card] = field(default_factory=list)
    votes: dict[str, dict[str, int]] = field(default_factory=dict)
    discussion: dict[str, str] = field(default_factory=dict)
    actions: list[NewAction] = field(default_factory=list)
    health_check: bool = False
    health: dict[str, object] = field(default_factory=dict)
    notes: str = ""
    timer_phase: str = ""
    timer_ends: str = ""
    ratings: dict[str, dict[str, int]] = field(default_factory=dict, compare=False)
    stored_cards: set[str] = field(default_factory=set, compare=False)
    """Ids of the cards that are records (the others come from a first-version draft)."""
    balloted: set[str] = field(default_factory=set, compare=False)
    """Whose dots are their ballot's (not the answers')."""
    joined: set[str] = field(default_factory=set, compare=False)
    """Who has a ballot: who has joined."""
    revealed_ids: set[str] = field(default_factory=set, compare=False)
    """The cards revealed, as the answers keep them (applied to ``cards`` when filled)."""
    group_of: dict[str, str] = field(default_factory=dict, compare=False)
    """Each grouped card's group, as the answers keep them (applied when filled)."""

    # -- (de)serialising: the review record's ``answers`` field ---------------------------

    def to_answers(self) -> dict:
        """The draft as a JSON-ready dict, for the review record's ``answers`` field."""
        answers = asdict(self)
        for derived in (
            "ratings",
            "stored_cards",
            "balloted",
            "joined",
            "revealed_ids",
            "group_of",
        ):
            del answers[derived]  # read from the records, or kept below as the answers say
        answers["cards"] = [asdict(c) for c in self.cards if c.id not in self.stored_cards]
        answers["votes"] = {
            voter: dict(dots) for voter, dots in self.votes.items() if voter not in self.balloted
        }
        on_board = {card.id for card in self.cards}
        answers["revealed"] = sorted(
            {card.id for card in self.cards if card.revealed}
            | {rid for rid in self.revealed_ids if rid not in on_board}
        )
        answers["groups"] = {
            **{rid: label for rid, label in self.group_of.items() if rid not in on_board},
            **{card.id: card.group for card in self.cards if card.group},
        }
        answers["custom_format"] = self.custom_format.to_answers() if self.custom_format else None
        answers["ritual"] = "retro"
        answers["version"] = ANSWERS_VERSION
        return answers

    @classmethod
    def from_answers(
        cls,
        answers: object,
        *,
        team: str | None = None,
        period: str | None = None,
        facilitator: str | None = None,
    ) -> RetroDraft:
        """A draft read back from ``answers``; the keyword arguments fill in if absent.

        Reading is forgiving: unknown keys are ignored and a part of the wrong shape is
        dropped, so a draft written by another version still opens.
        """
        data = answers if isinstance(answers, Mapping) else {}
        previous = data.get("previous_review_id")
        draft = cls(
            team=_text(data.get("team")) or team or "",
            period=_text(data.get("period")) or period or "",
            facilitator=_text(data.get("facilitator")) or facilitator or "",
            format=_text(data.get("format")),
            custom_format=RetroFormat.from_answers(data.get("custom_format")),
            icebreaker=_text(data.get("icebreaker")),
            step=_step(data.get("step")),
            participants=_names(data.get("participants")),
            votes_per_person=data.get("votes_per_person", DEFAULT_VOTES),
            previous_review_id=previous if isinstance(previous, str) else None,
            health_check=data.get("health_check") is True,
            notes=_text(data.get("notes")),
            timer_phase=_text(data.get("timer_phase")),
            timer_ends=_text(data.get("timer_ends")),
        )
        if isinstance(data.get("follow_ups"), Mapping):
            draft.follow_ups = read_part_map(FollowUp, data["follow_ups"])
        if isinstance(data.get("cards"), list):
            draft.cards = [c for c in read_part_list(Card, data["cards"]) if c.id]
        if isinstance(data.get("actions"), list):
            draft.actions = read_part_list(NewAction, data["actions"])
        draft.votes = _votes(data.get("votes"))
        draft.discussion = _strings(data.get("discussion"))
        draft.revealed_ids = set(_names(data.get("revealed")))
        draft.group_of = _strings(data.get("groups"))
        if isinstance(data.get("health"), Mapping):
            draft.health = {str(k): v for k, v in data["health"].items() if _is_rating(v)}
        return draft

    # -- navigation -------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        """The name of the current phase, one of :data:`PHASES`."""
        return PHASES[_step(self.step)]

    @property
    def step_name(self) -> str:
        """The current phase (what every ritual's draft calls its step)."""
        return self.phase

    def advance(self, today: dt.date | None = None) -> list[str]:
        """Go to the next phase if the current one is valid; returns the messages if not."""
        problems = validate_phase(self, self.phase, today=today)
        if not problems:
            self.step = min(_step(self.step) + 1, len(PHASES) - 1)
        return problems

    def back(self) -> None:
        """Go to the previous phase (everything gathered is kept)."""
        self.step = max(_step(self.step) - 1, 0)

    # -- the facilitator's clock -----------------------------------------------------------

    def time_phase(self, now: dt.datetime) -> bool:
        """Start the current phase's time box (:data:`~stratui.rituals.retro.phases.TIME_BOXES`)
        when the phase is not the one timed; True when it started one. A phase without
        a box has no end (``timer_ends`` "")."""
        if self.timer_phase == self.phase:
            return False
        self.timer_phase = self.phase
        minutes = TIME_BOXES.get(self.phase)
        self.timer_ends = rec.stamp(now + dt.timedelta(minutes=minutes)) if minutes else ""
        return True

    def extend_time(self, now: dt.datetime, minutes: int = EXTEND_MINUTES) -> None:
        """Give the current phase ``minutes`` more (from now, when its time is up)."""
        if self.timer_phase != self.phase or not self.timer_ends:
            raise RetroRefused(f"time: the {self.phase} phase has no time box")
        try:
            ends = max(_moment(self.timer_ends), now)
        except ValueError:
            ends = now
        self.timer_ends = rec.stamp(ends + dt.timedelta(minutes=minutes))

    def time_left(self, now: dt.datetime) -> dt.timedelta | None:
        """How long the current phase has left (negative: over time); None when it has
        no time box."""
        if self.timer_phase != self.phase or not self.timer_ends:
            return None
        try:
            return _moment(self.timer_ends) - now
        except ValueError:  # an answer edited by hand: no clock rather than a crash
            return None

    # -- defaults ---------------------------------------------------------------------------

    def fill_defaults(self, context: RetroContext) -> RetroDraft:
        """Fill what the context decides, keeping every answer already given.

        Participants default to the team's members; each previous action gets a
        follow-up (done or dropped ones start with that disposition, the others with
        none: the team must choose), refreshed from the action as it is now; the health
        check's dimensions default to the team's template's, else the previous retro's,
        else :data:`~stratui.rituals.retro.formats.HEALTH_DIMENSIONS`; with an icebreaker
        pool, one is offered (see :func:`~stratui.rituals.templates.offer_icebreaker`).
        Returns the draft.
        """
        if not self.participants:
            self.participants = list(context.members)
        previous = context.previous_review
        self.previous_review_id = str(previous["id"]) if previous else None
        follow_ups: dict[str, FollowUp] = {}
        for record in context.previous_actions:
            if not rec.is_live(record):
                continue
            item = self.follow_ups.get(record["id"]) or FollowUp(
                disposition=default_disposition(record)
            )
            item.title = str(record.get("title", ""))
            item.owner = str(record.get("owner", ""))
            item.status = str(record.get("status", ""))
            follow_ups[record["id"]] = item
        self.follow_ups = follow_ups
        dimensions = (
            list(context.health_dimensions)
            or list(context.previous_health)
            or list(HEALTH_DIMENSIONS)
        )
        if not self.health:
            self.health = dict.fromkeys(dimensions)
        else:  # the template's order on every screen (a stored draft's keys come sorted)
            known = [d for d in dimensions if d in self.health]
            self.health = {d: self.health[d] for d in [*known, *self.health]}
        if not self.icebreaker and context.icebreakers:
            self.icebreaker = offer_icebreaker(context.icebreakers, context.used_icebreakers)
        self.lay_out(context.cards, context.ballots)
        return self

    def lay_out(self, cards: Iterable[Mapping], ballots: Iterable[Mapping]) -> None:
        """Put the participants' records on the board: every live card record in the
        order written (revealed and grouped as the answers say, and as edited here
        since), then the cards of a first-version draft; each ballot's dots and ratings
        as its person's.

        A dot on a card or group that is no longer on the board (removed, regrouped) is
        not counted: its voter has it back.
        """
        on_board = {card.id for card in self.cards}
        self.revealed_ids = {rid for rid in self.revealed_ids if rid not in on_board} | {
            card.id for card in self.cards if card.revealed
        }
        self.group_of = {
            **{rid: label for rid, label in self.group_of.items() if rid not in on_board},
            **{card.id: card.group for card in self.cards if card.group},
        }
        live = [record for record in cards if rec.is_live(record)]
        stored = {str(record["id"]) for record in live}
        legacy = [card for card in self.cards if card.id not in self.stored_cards]
        self.cards = [
            Card(
                id=str(record["id"]),
                category=str(record.get("category", "")),
                text=str(record.get("text", "")),
                author=record.get("author") or None,
                revealed=str(record["id"]) in self.revealed_ids,
                group=self.group_of.get(str(record["id"])),
            )
            for record in sorted(live, key=_written_order)
        ] + [card for card in legacy if card.id not in stored]
        self.stored_cards = stored
        known = self.vote_keys()
        self.ratings = {}
        for ballot in ballots:
            if not rec.is_live(ballot):
                continue
            person = str(ballot["person"])
            dots = ballot.get("dots")
            kept = {
                key: n
                for key, n in (dots.items() if isinstance(dots, Mapping) else ())
                if key in known and isinstance(n, int) and n > 0
            }
            self.joined.add(person)
            if kept:
                self.votes[person] = kept
                self.balloted.add(person)
            elif person in self.balloted:
                self.votes.pop(person, None)  # took every dot back
            # (a ballot with no dots yet, as joining writes, leaves a first-version
            # draft's dots of that person where they live: in the answers)
            ratings = ballot.get("ratings")
            if isinstance(ratings, Mapping) and ratings:
                self.ratings[person] = {str(k): v for k, v in ratings.items()}

    # -- the format -----------------------------------------------------------------------

    @property
    def retro_format(self) -> RetroFormat | None:
        """The chosen format: the template's copy, else the built-in (None: none yet)."""
        if self.custom_format is not None and self.custom_format.name == self.format:
            return self.custom_format
        return built_in(self.format)

    @property
    def category_ids(self) -> tuple[str, ...]:
        """The ids of the chosen format's categories, in order (() before one is chosen)."""
        fmt = self.retro_format
        return fmt.category_ids if fmt else ()

    def category_title(self, category: str) -> str:
        """What a screen calls a category: its format's title, else the built-in's, else
        its id (a review of a format no one knows any more still reads)."""
        fmt = self.retro_format
        found = fmt.category(category) if fmt else None
        return found.title if found else category_title(category)

    def category_prompt(self, category: str) -> str:
        """The question the gather phase asks for ``category`` ("" for none)."""
        fmt = self.retro_format
        found = fmt.category(category) if fmt else None
        return found.prompt if found else ""

    @property
    def format_title(self) -> str:
        """What a screen and the summary call the chosen format."""
        fmt = self.retro_format
        return fmt.title if fmt else self.format

    def _check_category(self, category: str) -> None:
        """The board's rule over the chosen format's categories, built-in or a
        template's (the board alone knows only the built-ins)."""
        allowed = self.category_ids
        if not allowed:
            raise RetroRefused("format: choose the format before writing cards")
        if category not in allowed:
            raise RetroRefused(f"category: expected one of {', '.join(allowed)}, got {category!r}")

    # -- the icebreaker -------------------------------------------------------------------

    def another_icebreaker(self, context: RetroContext) -> str:
        """Offer another icebreaker of the pool than the one offered; returns it."""
        if not context.icebreakers:
            raise RetroRefused("icebreaker: no template of the team has icebreakers")
        self.icebreaker = offer_icebreaker(
            context.icebreakers, context.used_icebreakers, after=self.icebreaker or None
        )
        return self.icebreaker

    # -- setup --------------------------------------------------------------------------------

    def choose_format(self, fmt: str | RetroFormat) -> None:
        """Choose a built-in format by name, or a template's format (a copy is kept);
        refused when written cards would not fit its categories."""
        chosen = built_in(fmt) if isinstance(fmt, str) else fmt
        if chosen is None:
            if self.custom_format is not None and fmt == self.custom_format.name:
                chosen = self.custom_format  # the template's format chosen before
            else:
                raise RetroRefused(
                    f"format: expected one of {', '.join(FORMATS)} or a template's format, "
                    f"got {fmt!r}"
                )
        misfits = [card for card in self.cards if card.category not in chosen.category_ids]
        if misfits:
            raise RetroRefused(
                f"format: {len(misfits)} card(s) are in categories {chosen.name} does not "
                "have; move or remove them first"
            )
        self.format = chosen.name
        self.custom_format = None if chosen.is_built_in else chosen

    def set_votes_per_person(self, value: object) -> int:
        """Set the dots per participant (1 to :data:`MAX_VOTES`), never below what a
        participant has cast already; returns the number."""
        try:
            number = read_whole(value, 1, MAX_VOTES)
        except ValueError:
            number = None
        if number is None:
            raise RetroRefused(f"votes per person: expected a whole number from 1 to {MAX_VOTES}")
        most = max((self.votes_used(voter) for voter in self.votes), default=0)
        if number < most:
            raise RetroRefused(
                f"votes per person: someone has cast {most} already; expected {most} or more"
            )
        self.votes_per_person = number
        return number

    # -- follow-up ----------------------------------------------------------------------------

    def dispose(self, action_id: str, disposition: str, note: str | None = None) -> FollowUp:
        """Decide what becomes of a previous action: done, dropped or carried.

        A done action can only be disposed of as done. Carried means carried over into a
        new commitment, linked to this retrospective, when it finishes.
        """
        if disposition not in DISPOSITIONS:
            raise RetroRefused(
                f"disposition: expected one of {', '.join(DISPOSITIONS)}, got {disposition!r}"
            )
        try:
            item = self.follow_ups[action_id]
        except KeyError:
            raise RetroRefused(f"action: no previous action {action_id!r}") from None
        problem = disposition_problem(item, disposition)
        if problem:
            raise RetroRefused(problem)
        item.disposition = disposition
        if note is not None:
            item.note = note
        return item

    @property
    def undisposed(self) -> list[str]:
        """The ids of previous actions still without a disposition (the finish gate)."""
        return [
            rid for rid, item in self.follow_ups.items() if item.disposition not in DISPOSITIONS
        ]

    # -- discuss ------------------------------------------------------------------------------

    def add_action(
        self,
        title: str,
        owner: str,
        due: str | None = None,
        topic: str | None = None,
        *,
        goal_id: str | None = None,
        confidence: object = None,
    ) -> NewAction:
        """Agree an action (checked when the phase is left: see :func:`validate_phase`)."""
        action = NewAction(
            title=title, owner=owner, due=due, topic=topic, goal_id=goal_id, confidence=confidence
        )
        self.actions.append(action)
        return action

    # -- health -------------------------------------------------------------------------------

    def rate(self, dimension: str, score: object) -> None:
        """Rate a health dimension 1-5 (blank clears it), turning the check on; a new
        dimension is added."""
        if not isinstance(dimension, str) or not dimension.strip():
            raise RetroRefused("dimension: name the dimension")
        try:
            read_whole(score, 1, 5)
        except ValueError:
            raise RetroRefused(f"{dimension.strip()}: choose 1-5") from None
        self.health_check = True
        self.health[dimension.strip()] = score

    def health_scores(self) -> dict[str, int]:
        """Each rated dimension's score: the mean of every participant's rating (the
        facilitator's and each ballot's), rounded half up ({} when no one rated and the
        facilitator skipped the check); unreadable ratings are left out (validation
        reports them)."""
        given = self.health_ratings()
        return {
            dimension: int(sum(scores) / len(scores) + 0.5)
            for dimension, scores in given.items()
            if scores
        }

    def health_ratings(self) -> dict[str, list[int]]:
        """Every rating given, by dimension: the facilitator's (when the check is on)
        and each participant's from their ballot, one per person."""
        return {dimension: list(by.values()) for dimension, by in self._ratings().items()}

    def raters(self) -> list[str]:
        """Who has rated at least one dimension, the facilitator included (name order)."""
        names = {person for by in self._ratings().values() for person in by}
        return sorted(names, key=str.casefold)

    def _ratings(self) -> dict[str, dict[str, int]]:
        """Each dimension's ratings by person (see :meth:`health_ratings`)."""
        given: dict[str, dict[str, int]] = {}
        if self.health_check:
            for dimension, value in self.health.items():
                try:
                    score = read_whole(value, 1, 5)
                except ValueError:
                    continue
                if score is not None:
                    given.setdefault(dimension, {})[self.facilitator] = score
        for person, ratings in self.ratings.items():
            for dimension, value in ratings.items():
                if dimension not in self.health:
                    continue  # a dimension the check no longer has
                if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
                    given.setdefault(dimension, {})[person] = value
        return given


# -- reading answers back ---------------------------------------------------------------------


def _moment(stamp: str) -> dt.datetime:
    """A stored stamp (``2026-11-22T12:05:00Z``) as an aware UTC moment."""
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def countdown(left: dt.timedelta | None) -> str:
    """A time box's state for a screen: ``4:05 left``, ``time is up``, or "" for none."""
    if left is None:
        return ""
    seconds = int(left.total_seconds())
    if seconds <= 0:
        return "time is up"
    return f"{seconds // 60}:{seconds % 60:02d} left"


def _written_order(card: Mapping) -> tuple[str, str, str]:
    """The order cards are shown in: as written, and cards written in the same second
    (stamps are whole seconds) by their text, so every screen and clone agrees."""
    return (str(card["created_at"]), str(card.get("text", "")).casefold(), str(card["id"]))


def _step(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(max(value, 0), len(PHASES) - 1)
    return 0


def _names(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [name for name in value if isinstance(name, str) and name.strip()]


def _strings(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def _is_rating(value: object) -> bool:
    if value is None:
        return True
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _votes(value: object) -> dict[str, dict[str, int]]:
    if not isinstance(value, Mapping):
        return {}
    votes: dict[str, dict[str, int]] = {}
    for voter, dots in value.items():
        if isinstance(voter, str) and isinstance(dots, Mapping):
            kept = {
                str(card_id): count
                for card_id, count in dots.items()
                if isinstance(count, int) and not isinstance(count, bool) and count > 0
            }
            if kept:
                votes[voter] = kept
    return votes


__all__ = [
    "ANSWERS_VERSION",
    "DEFAULT_VOTES",
    "DISPOSITIONS",
    "GROUP_KEY",
    "MAX_VOTES",
    "PHASES",
    "PHASE_TITLES",
    "RITUAL_TITLE",
    "Card",
    "DraftInvalid",
    "FollowUp",
    "NewAction",
    "RetroContext",
    "RetroDraft",
    "RetroRefused",
    "Topic",
    "countdown",
    "rank_topics",
    "similar",
    "validate",
    "validate_phase",
]
