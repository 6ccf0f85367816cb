"""The commit step's capacity hint: a plan against what the person usually finishes.

People tend to commit to more than they finish; the hint puts next week's load next to
the mean number of commitments done per week over their own recent history, and warns
when the plan is over it.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stratui.domain import records as rec
from stratui.domain.weeks import next_week, previous_week, window

if TYPE_CHECKING:
    from stratui.rituals.weekly.draft import WeeklyDraft

HINT_WEEKS = 8
"""How many weeks of a person's own history the capacity hint looks at."""


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
    subject: str = "you"
    """Whose plan it is, as the sentences name them: ``you``, or a member's name."""

    @property
    def warning(self) -> str | None:
        """A short warning when the plan exceeds what is usually finished, else None."""
        if not self.over:
            return None
        finish = "finish" if self.subject == "you" else "finishes"
        return f"that is more than the {_fmt(self.mean_done)} {self.subject} usually {finish}"


def capacity_hint(
    history: Iterable[Mapping], owner: str, period: str, planned: int, subject: str = "you"
) -> CapacityHint:
    """Compare ``planned`` commitments for ``period`` with ``owner``'s last 8 weeks.

    The weeks are the :data:`HINT_WEEKS` before ``period`` (the week being planned).
    Weeks without any commitment are left out of the mean: a holiday is not a week in
    which nothing was finished. ``subject`` is who the sentences speak of: ``you`` in
    one's own review, the member's name in a team review (``ana commits to 5``).
    """
    commit = "commit" if subject == "you" else "commits"
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
        text = f"{subject} {commit} to {planned}; no history yet"
        return CapacityHint(planned, None, loads, False, text, subject)
    mean = round(sum(load.done for load in active) / len(active), 1)
    span = f"over the last {HINT_WEEKS} weeks"
    if len(active) < HINT_WEEKS:
        span += f" ({len(active)} with commitments)"
    text = f"{subject} {commit} to {planned}; {subject} finished {_fmt(mean)} a week {span}"
    return CapacityHint(planned, mean, loads, planned > mean, text, subject)


def commit_hint(
    draft: WeeklyDraft,
    history: Iterable[Mapping],
    planned: Iterable[Mapping] = (),
    subject: str = "you",
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
        if outcome is not None and outcome.decided and record.get("week") == draft.period:
            record = {**record, "status": outcome.status}
        answered.append(record)
    return capacity_hint(answered, draft.owner, target, load, subject)


def _fmt(number: float | None) -> str:
    """``4.0`` -> ``4``, ``4.5`` -> ``4.5``."""
    if number is None:
        return "no data"
    return str(int(number)) if float(number).is_integer() else f"{number:g}"
