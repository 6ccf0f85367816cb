"""Validating a retrospective's draft: the inline messages that keep a phase from being left.

Each message names the field (``format: choose one of ...``, ``action 2: owner is
empty``), so a screen can show it beside the input. The follow-up's message is the gate
of the ritual: the retrospective cannot finish while a previous action has no
disposition. A completed retrospective is validated again, record by record, by the
schema.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from stratui.domain.people import require_named
from stratui.domain.schema import ValidationError
from stratui.domain.weeks import is_valid_week
from stratui.rituals.retro.formats import FORMATS
from stratui.rituals.retro.phases import DISPOSITIONS, MAX_VOTES, PHASES
from stratui.rituals.typed import DATE_EXAMPLES, read_date, read_whole

if TYPE_CHECKING:
    from stratui.rituals.retro import FollowUp, RetroContext, RetroDraft



def validate_phase(
    draft: RetroDraft, phase: int | str, *, today: dt.date | None = None
) -> list[str]:
    """The inline messages that keep ``phase`` from being left, [] when it may be.

    Due dates accept the words :func:`~stratui.domain.dates.parse_date` reads when
    ``today`` is given, else ISO dates only.
    """
    name = PHASES[phase] if isinstance(phase, int) else phase
    if name not in PHASES:
        raise ValueError(f"phase: expected one of {', '.join(PHASES)}, got {phase!r}")
    return _CHECKS[name](draft, today)


def validate(draft: RetroDraft, *, today: dt.date | None = None) -> list[str]:
    """The messages of every phase, in order: [] when the retrospective can finish."""
    return [problem for phase in PHASES for problem in validate_phase(draft, phase, today=today)]


def disposition_problem(item: FollowUp, disposition: str) -> str:
    """Why ``disposition`` does not fit a previous action ("" when it does)."""
    if disposition not in DISPOSITIONS:
        return f"action {item.title!r}: choose done, dropped or carried"
    if item.status == "done" and disposition != "done":
        return f"action {item.title!r}: it is done already; its disposition is done"
    return ""


def default_disposition(record: Mapping) -> str:
    """Done and dropped actions are settled already; the others wait for the team ("")."""
    status = record.get("status")
    return str(status) if status in ("done", "dropped") else ""


def _check_setup(draft: RetroDraft, today: dt.date | None) -> list[str]:
    problems = []
    if not draft.team.strip():
        problems.append("team: choose the team")
    if not is_valid_week(draft.period) or draft.period != draft.period.strip():
        problems.append("period: expected an ISO week YYYY-Www that exists")
    if not draft.facilitator.strip():
        problems.append("facilitator: name who runs the retrospective")
    if draft.retro_format is None:
        problems.append(f"format: choose one of {', '.join(FORMATS)}")
    if not draft.participants:
        problems.append("participants: at least one person takes part")
    elif len(set(draft.participants)) != len(draft.participants):
        problems.append("participants: a name is listed twice")
    try:
        if read_whole(draft.votes_per_person, 1, MAX_VOTES) is None:
            raise ValueError(draft.votes_per_person)
    except ValueError:
        problems.append(f"votes per person: expected a whole number from 1 to {MAX_VOTES}")
    return problems


def _check_follow_up(draft: RetroDraft, today: dt.date | None) -> list[str]:
    problems = [disposition_problem(item, item.disposition) for item in draft.follow_ups.values()]
    return [problem for problem in problems if problem]


def _check_gather(draft: RetroDraft, today: dt.date | None) -> list[str]:
    problems = []
    allowed = draft.category_ids
    for number, card in enumerate(draft.cards, start=1):
        if card.category not in allowed:
            problems.append(f"card {number}: category must be one of {', '.join(allowed)}")
        if not card.text.strip():
            problems.append(f"card {number}: text is empty")
    if draft.hidden_count:
        problems.append(f"cards: {draft.hidden_count} still hidden; reveal them to go on")
    return problems


def _check_group(draft: RetroDraft, today: dt.date | None) -> list[str]:
    return [
        f"card {number}: the group needs a name"
        for number, card in enumerate(draft.cards, start=1)
        if card.group is not None and not card.group.strip()
    ]


def _check_vote(draft: RetroDraft, today: dt.date | None) -> list[str]:
    problems = []
    known = draft.vote_keys()
    for voter, dots in draft.votes.items():
        if voter not in draft.participants:
            problems.append(f"votes: {voter!r} is not a participant")
        used = draft.votes_used(voter)
        if used > draft.vote_limit:
            problems.append(f"votes: {voter} cast {used} of {draft.vote_limit}; take some back")
        if any(card_id not in known for card_id in dots):
            problems.append(f"votes: {voter} voted on a card or group that is gone")
    return problems


def _check_discuss(draft: RetroDraft, today: dt.date | None) -> list[str]:
    problems = []
    topics = {topic.key for topic in draft.topics()}
    for number, action in enumerate(draft.actions, start=1):
        subject = f"action {number}"
        if not action.title.strip():
            problems.append(f"{subject}: title is empty")
        if not action.owner.strip():
            problems.append(f"{subject}: owner is empty; name who does it")
        try:
            read_date(action.due, today)
        except ValueError:
            words = DATE_EXAMPLES if today else "a date YYYY-MM-DD"
            problems.append(f"{subject}: due must be {words}")
        try:
            read_whole(action.confidence, 1, 5)
        except ValueError:
            problems.append(f"{subject}: confidence must be 1-5, or blank")
        if action.topic and action.topic not in topics:
            problems.append(f"{subject}: its topic is gone; choose another or none")
    return problems


def context_problems(
    draft: RetroDraft, context: RetroContext, phase: str | None = None
) -> list[str]:
    """What only the store can tell is wrong, in ``phase`` (every phase when None): a
    facilitator, participant, card author or action owner who is not a known person (the
    message lists who exists), an action's goal that is not an active one."""
    problems: list[str] = []

    def person(field_: str, name: str) -> None:
        try:
            require_named(context.people, name, field_, "person")
        except ValidationError as error:
            problems.append(str(error))

    if phase in (None, "setup"):
        if draft.facilitator.strip():
            person("facilitator", draft.facilitator)
        for name in draft.participants:
            if name.strip():
                person("participants", name)
    if phase in (None, "gather"):
        for card in draft.cards:
            if card.author:
                person(f"card {card.text!r}: author", card.author)
    if phase in (None, "discuss"):
        active = {str(goal.get("id")) for goal in context.goals}
        for number, action in enumerate(draft.actions, start=1):
            if action.owner.strip():
                person(f"action {number}: owner", action.owner)
            if action.goal_id and action.goal_id not in active:
                problems.append(f"action {number}: goal: it is not an active goal; choose another")
    return problems


def _check_health(draft: RetroDraft, today: dt.date | None) -> list[str]:
    if not draft.health_check:
        return []
    problems = []
    for dimension, value in draft.health.items():
        if not dimension.strip():
            problems.append("health: a dimension has no name")
        try:
            read_whole(value, 1, 5)
        except ValueError:
            problems.append(f"health {dimension}: choose 1-5, or leave it blank")
    if not problems and not draft.health_scores():
        problems.append("health: rate at least one dimension, or skip the health check")
    return problems


_CHECKS = {
    "setup": _check_setup,
    "follow-up": _check_follow_up,
    "gather": _check_gather,
    "group": _check_group,
    "vote": _check_vote,
    "discuss": _check_discuss,
    "health": _check_health,
    "summary": lambda draft, today: [],
}
