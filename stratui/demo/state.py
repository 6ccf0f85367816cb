"""One generation run's state and primitives, and the small date and number helpers.

:class:`Run` holds what every step of the generator shares: the single seeded rng, the
calendar (the Mondays of the weeks generated and their ISO week ids), the cast and its
teams, each person's reliability and habits, and the collections being filled. Its
primitives make ids and timestamps from that rng only, which is what keeps a history
byte-identical for the same arguments. The steps build on it in layers:
:mod:`.goals`, then :mod:`.weeks`, then :mod:`.rituals`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass

from stratui.domain.schema import COLLECTIONS
from stratui.domain.weeks import week_of

from .catalogue import MORE_TEAMS, NAMES, SECOND_TEAMS, TEAM_POOLS

DAY = dt.timedelta(days=1)


@dataclass
class Goal:
    """A goal record plus what the generator needs to make its history believable."""

    record: dict
    team: str | None  # the team whose reviews decide about it (None: company level)
    start: dt.date
    end: dt.date
    tasks: tuple[str, ...]
    metric: tuple[float, float, int] | None  # baseline, target, decimals
    reach: float  # share of the way to target the goal gets by its end
    drop_day: dt.date | None = None  # dropped at the team review of this day
    decided: str | None = None  # when its final status was recorded


def _names(count: int) -> list[str]:
    """``count`` distinct lowercase first names; past the list, ``ana2``, ``ben2``, ..."""
    size = len(NAMES)
    return [NAMES[i % size] + (str(i // size + 1) if i >= size else "") for i in range(count)]


def rounded(value: float, decimals: int) -> float | int:
    return round(value) if decimals == 0 else round(value, decimals)


def clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def workday(day: dt.date) -> dt.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + (7 - day.weekday()) * DAY if day.weekday() >= 5 else day


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - DAY


def _teams(first: str, names: list[str]) -> list[tuple[str, list[str]]]:
    """The organisation's teams and their members, in order: one team up to seven people,
    two halves up to sixteen, then teams of about ten (50 people: five teams), so a large
    organisation looks like one (more than two teams to review and compare)."""
    people = len(names)
    count = 1 if people < 8 else 2 if people <= 16 else -(-people // 10)
    titles = [first, *(name for name in (*SECOND_TEAMS, *MORE_TEAMS) if name != first)]
    count = min(count, len(titles))
    size = -(-people // count)
    return [(titles[i], names[i * size : (i + 1) * size]) for i in range(count)]


class Run:
    """One generation run: the rng, the calendar, and the collections being filled."""

    def __init__(self, rng: random.Random, today: dt.date, people: int, weeks: int, team: str):
        self.rng = rng
        self.today = today
        self.small = people <= 4
        self.names = _names(people)
        self.teams = _teams(team, self.names)
        self.members = dict(self.teams)
        self.team_of = {name: t for t, members in self.teams for name in members}
        self.pool_of = {t: TEAM_POOLS[index % 2] for index, (t, _) in enumerate(self.teams)}
        self.lead = {t: members[0] for t, members in self.teams}
        monday = today - dt.timedelta(days=today.weekday())
        self.mondays = [monday - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
        self.week_ids = [week_of(day) for day in self.mondays]
        self.current = weeks - 1
        self.out: dict[str, list[dict]] = {name: [] for name in COLLECTIONS}
        self.ids: set[str] = set()
        # Reliability differs: the first person is strong, the second struggles (and is
        # overconfident), the rest sit in between.
        self.reliability, self.habit, self.bias = {}, {}, {}
        for index, name in enumerate(self.names):
            if index == 0:
                rel, habit, bias = 0.9, 0.97, 0
            elif index == 1:
                rel, habit, bias = 0.55, 0.72, 1
            else:
                rel, habit = rng.uniform(0.68, 0.84), rng.uniform(0.8, 0.95)
                bias = rng.choice((0, 0, 1, -1))
            self.reliability[name], self.habit[name], self.bias[name] = rel, habit, bias
        self.retro_load: dict[tuple[str, int], int] = {}
        self.retro_count = {t: 0 for t, _ in self.teams}
        self.last_retro: dict[str, list[tuple[dict, int]]] = {}
        self.retro_deck: list[str] = []
        self.chronic_owner = self.names[min(1, people - 1)]  # the one who struggles
        self.chronic: set[str] = set()  # ids of the planted chronic slip's chain
        self.company: dict[int, Goal] = {}  # by year
        self.quarters: dict[tuple[int, int], tuple[dict, dict]] = {}  # team and personal goals
        self.drops: dict[int, list[Goal]] = {}  # goals dropped at week i's team review

    # --- primitives ----------------------------------------------------------------------

    def new_id(self) -> str:
        while True:
            value = f"{self.rng.getrandbits(64):016x}"
            if value not in self.ids:
                self.ids.add(value)
                return value

    def stamp(self, day: dt.date, minute: int) -> str:
        return (
            f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}:{self.rng.randrange(60):02d}Z"
        )

    def at(self, day: dt.date, low: int, high: int) -> str:
        """A timestamp on ``day`` between minute ``low`` and ``high`` of the day (UTC)."""
        return self.stamp(day, self.rng.randrange(low, high))

    def add(
        self,
        collection: str,
        created: str,
        fields: Mapping[str, object],
        updated: str | None = None,
        rid: str | None = None,
    ) -> dict:
        record = {"id": rid or self.new_id()}
        record.update((key, value) for key, value in fields.items() if value is not None)
        record["created_at"] = created
        record["updated_at"] = updated or created
        self.out[collection].append(record)
        return record
