"""Deterministic, realistic execution histories: ``stratui demo`` and the benchmarks.

:func:`generate_history` returns one document in the interchange format of
EXPORT-FORMAT.md (version 1): a team (two from eight people on), a goal cascade
(company -> team -> personal) with key-result check-ins, about five commitments per
person-week with believable outcomes and carry-over chains, roadblocks, adjustments,
weekly, team, retrospective and quarterly reviews, and retro cards. Every screen and every
figure of docs/METRICS.md has something real-looking to show, for a newcomer as for a test.

Why deterministic: demo screenshots, snapshot tests and benchmark runs must see the same
data every time. All randomness comes from one ``random.Random(seed)``, ids included, and
every timestamp derives from ``today`` (no clock, no OS randomness), so the same arguments
give byte-identical JSON.

Pure package: no Textual, TinyDB or Rich. Ten years of a ten-person team (~26k
commitments, ~45k records) take about a second.

The package is layered along the generator's seams: :mod:`.catalogue` (the texts),
:mod:`.state` (the run's rng, calendar and primitives), :mod:`.goals` (people, teams,
goals and check-ins), :mod:`.weeks` (commitments, roadblocks, weekly reviews,
adjustments) and :mod:`.rituals` (team, retrospective and quarterly reviews); this module
walks the weeks in order and exposes the public functions.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from stratui.domain.schema import (
    COLLECTIONS,
    ValidationError,
    record_label,
    references,
    validate_record,
)

from .rituals import RitualRun
from .state import DAY, quarter_bounds

BENCHMARK_TODAY = dt.date(2026, 11, 22)
BENCHMARK_SEED = 7

__all__ = [
    "BENCHMARK_SEED",
    "BENCHMARK_TODAY",
    "check_document",
    "generate_history",
    "history_years",
]


class _History(RitualRun):
    """One generation run, start to finish: the cast, the goals, then the weeks in order."""

    def run_weeks(self) -> None:
        """Walk the weeks in order, as the team lived them."""
        carried: dict[str, list[tuple[dict, int]]] = {}
        previous: dict[str, dict | None] = {}
        quarterlies: dict[int, list[tuple[tuple[int, int], dt.date]]] = {}
        for key in self.quarters:
            end = quarter_bounds(*key)[1]
            day = end - dt.timedelta(days=(end.weekday() - 4) % 7)  # its last Friday
            i = (day - self.mondays[0]).days // 7
            if end < self.today and day >= self.mondays[0]:
                quarterlies.setdefault(i, []).append((key, day))
        for i, monday in enumerate(self.mondays):
            goal_day = min(monday + 3 * DAY, self.today)
            for t_index, (team, members) in enumerate(self.teams):
                week_items: list[list] = []
                for name in members:
                    items = self.commit_week(name, i, carried.pop(name, []), previous.get(name))
                    blocked = self.roadblock(name, i, items, goal_day)
                    if i < self.current:
                        previous[name], carried[name] = self.close_week(name, i, items, blocked)
                    else:
                        self.early_done(items, monday)
                    week_items += items
                self.team_review(team, members, i, week_items, goal_day)
                if (self.current - i) % 2 == 1:
                    self.retro(team, members, i, t_index)
            for key, day in quarterlies.get(i, ()):
                for team, members in self.teams:
                    self.quarterly(team, members, key, day)

    def build(self) -> dict:
        self.people_and_teams()
        self.plan_goals()
        self.run_weeks()
        for goal in self.all_goals():
            self.checkins(goal)
        self.finish_goals()
        self.keep_one_roadblock_open()
        return {
            "format": "stratui",
            "version": 1,
            "exported_at": f"{self.today.isoformat()}T20:00:00Z",
            **self.out,
        }


def generate_history(
    *,
    people: int = 4,
    weeks: int = 16,
    today: dt.date,
    seed: int = 7,
    team: str = "Platform",
    validate: bool = False,
) -> dict:
    """A believable history of ``people`` over the ``weeks`` ISO weeks ending with ``today``'s.

    Returns an export document (EXPORT-FORMAT.md, version 1). Weeks before the current one
    are fully reviewed; the current week is mostly open and has no weekly review yet. The
    same arguments always give the same document. ``validate`` checks every record and
    reference before returning (slower; the tests do it anyway).
    """
    if people < 1:
        raise ValueError("people: expected at least 1")
    if weeks < 1:
        raise ValueError("weeks: expected at least 1")
    if not isinstance(team, str) or not team.strip():
        raise ValueError("team: expected a non-empty name")
    document = _History(random.Random(seed), today, people, weeks, team.strip()).build()
    if validate:
        check_document(document)
    return document


def history_years(
    years: int,
    *,
    people: int = 10,
    today: dt.date = BENCHMARK_TODAY,
    seed: int = BENCHMARK_SEED,
) -> dict:
    """``years`` of a ``people``-strong organisation (52 weeks a year): the benchmark data."""
    return generate_history(people=people, weeks=52 * years, today=today, seed=seed)


def check_document(document: Mapping) -> None:
    """Raise :class:`ValidationError` for the first invalid record or dangling reference."""
    ids = {
        name: {record["id"] for record in document[name] if isinstance(record, Mapping)}
        for name in COLLECTIONS
    }
    for name in COLLECTIONS:
        refs = references(name)
        for record in document[name]:
            validate_record(name, record)
            for field, target in refs.items():
                value = record.get(field)
                if value is not None and value not in ids[target]:
                    raise ValidationError(
                        field,
                        f"no {target} record has id {value!r}",
                        record=record_label(name, record),
                    )
