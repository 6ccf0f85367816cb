"""Key results and readings of goals: the metric, check-ins, standing, at-risk order.

A goal may be measured by one key result, its ``metric``: ``{name, unit?, baseline,
target}``. A check-in is a dated reading of a goal: a metric value, a confidence 1-5, or
both, and an optional note. This module turns what a person typed into those records'
fields, with an error naming the field, and puts the figures of docs/METRICS.md (progress,
pace, health, confidence trend, from :mod:`stratui.domain.metrics.goal_figures`, never
recomputed here) together for the goal screens and the dashboard.

A target equal to the baseline is accepted (a key result may be "hold at 99.9%"), but
docs/METRICS.md defines no progress for it: such a goal's progress, pace and health are "no
data". A target below the baseline (fewer incidents) measures progress downwards.

Pure module: no Textual, no TinyDB, no store. "today" is a parameter.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stratui.domain.metrics.goal_figures import (
    AT_RISK,
    BEHIND,
    ON_TRACK,
    goal_health,
    goal_pace,
    goal_progress,
)
from stratui.domain.schema import ValidationError
from stratui.domain.weeks import clamp_to_supported, week_of, week_range

HEALTH_ORDER: dict[str | None, int] = {AT_RISK: 0, BEHIND: 1, ON_TRACK: 2, None: 3}
"""How goals are ordered for attention: at risk, behind, on track, then no data."""


# -- reading typed values -----------------------------------------------------------------------


def read_number(value: object, field: str) -> int | float | None:
    """A typed number (``12``, ``"12.5"``, ``" -3 "``) or None when blank.

    Integral values come back as ``int`` so that the store shows ``40``, not ``40.0``.

    Raises:
        ValidationError: not a finite number; ``field`` names it.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: object = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number):
        raise ValidationError(field, f"expected a number, got {value!r}")
    return int(number) if float(number).is_integer() else float(number)


def read_confidence(value: object, field: str = "confidence") -> int | None:
    """A typed confidence, a whole number from 1 to 5, or None when blank.

    Raises:
        ValidationError: anything else; ``field`` names it.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and text.isdigit():
        text = int(text)
    if isinstance(text, int) and not isinstance(text, bool) and 1 <= text <= 5:
        return text
    raise ValidationError(field, f"expected a whole number from 1 to 5, got {value!r}")


def optional_text(value: object, field: str) -> str | None:
    """Text kept as typed, or None when blank (stored absent)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(field, f"expected text, got {value!r}")
    return value if value.strip() else None


# -- the metric -----------------------------------------------------------------------------


def make_metric(
    name: object, baseline: object, target: object, unit: object = None
) -> dict[str, object]:
    """A goal's ``metric`` from typed parts; ``baseline`` and ``target`` may be text.

    Raises:
        ValidationError: ``name`` blank, or ``baseline`` / ``target`` missing or not a
            number, or ``unit`` not text; the field is ``name``, ``baseline``, ``target``
            or ``unit``.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("name", "expected the key result's name, e.g. 'p95 latency'")
    numbers = {}
    for field, value in (("baseline", baseline), ("target", target)):
        number = read_number(value, field)
        if number is None:
            raise ValidationError(field, "expected a number: the key result needs both ends")
        numbers[field] = number
    metric: dict[str, object] = {"name": name.strip(), **numbers}
    unit_text = optional_text(unit, "unit")
    if unit_text is not None:
        metric["unit"] = unit_text.strip()
    return metric


def has_metric(goal: Mapping) -> bool:
    """True when the goal has a key result with both a baseline and a target."""
    metric = goal.get("metric")
    return isinstance(metric, Mapping) and "baseline" in metric and "target" in metric


def measurable(goal: Mapping) -> bool:
    """True when progress can be computed at all: a metric whose target is not its baseline."""
    return has_metric(goal) and goal["metric"]["target"] != goal["metric"]["baseline"]


# -- check-ins ------------------------------------------------------------------------------


def checkin_fields(
    goal: Mapping,
    *,
    day: dt.date,
    today: dt.date,
    value: object = None,
    confidence: object = None,
    note: object = None,
) -> dict[str, object]:
    """The fields of a new check-in of ``goal`` on ``day``, from what a person typed.

    A check-in holds a value, a confidence, or both; a value needs the goal to have a key
    result (it would measure nothing); it cannot be dated after ``today`` (a reading
    of the future is a forecast, which is what confidence is for).

    Raises:
        ValidationError: naming ``value``, ``confidence``, ``note`` or ``date``.
    """
    number = read_number(value, "value")
    stated = read_confidence(confidence)
    text = optional_text(note, "note")
    if number is None and stated is None:
        raise ValidationError("value", "give a value or a confidence 1-5 (or both)")
    if number is not None and not has_metric(goal):
        raise ValidationError(
            "value",
            f"goal {goal.get('title', goal['id'])!r} has no key result to measure; "
            "set its metric first, or give only a confidence",
        )
    if day > today:
        raise ValidationError(
            "date", f"a check-in cannot be dated after today ({today}), got {day}"
        )
    return {
        "goal_id": goal["id"],
        "date": day.isoformat(),
        "value": number,
        "confidence": stated,
        "note": text,
    }


def _reading_order(checkin: Mapping) -> tuple[str, str, str]:
    return str(checkin["date"]), str(checkin.get("created_at", "")), str(checkin.get("id", ""))


def goal_checkins(checkins: Iterable[Mapping], goal_id: str) -> list[Mapping]:
    """The goal's check-ins in date order (on one date, in the order recorded)."""
    own = (c for c in checkins if c.get("goal_id") == goal_id and not c.get("deleted"))
    return sorted(own, key=_reading_order)


def value_trend(checkins: Iterable[Mapping], goal_id: str) -> list[float]:
    """The goal's check-in values in date order (those without a value skipped).

    The sparkline of the key result, beside
    :func:`~stratui.domain.metrics.goal_figures.confidence_trend` for the confidence.
    """
    return [c["value"] for c in goal_checkins(checkins, goal_id) if c.get("value") is not None]


def previous_reading(checkins: Iterable[Mapping], goal_id: str) -> tuple[object, object]:
    """The latest stated value and the latest stated confidence of a goal (None if none)."""
    value = confidence = None
    for checkin in goal_checkins(checkins, goal_id):
        if checkin.get("value") is not None:
            value = checkin["value"]
        if checkin.get("confidence") is not None:
            confidence = checkin["confidence"]
    return value, confidence


# -- standing: progress, pace, health -----------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Where a goal stands on ``as_of``: docs/METRICS.md's progress (0..1), pace and health.

    Each is None when there is no data (no metric, no value, no dates, not started).
    """

    goal: Mapping
    as_of: dt.date
    progress: float | None
    pace: float | None
    health: str | None

    @property
    def goal_id(self) -> str:
        """The goal's id."""
        return str(self.goal["id"])


def standing(goal: Mapping, checkins: Iterable[Mapping], as_of: dt.date) -> Standing:
    """The goal's :class:`Standing` on ``as_of``; ``checkins`` may hold any goal's.

    Pace and health are for active goals only (docs/METRICS.md judges "the active goals"):
    an achieved or dropped goal keeps its progress, but how fast it was going means
    nothing once it is closed.
    """
    progress = goal_progress(goal, checkins, as_of)
    if goal.get("status", "active") != "active":
        return Standing(goal, as_of, progress, None, None)
    pace = goal_pace(goal, progress, as_of)
    return Standing(goal, as_of, progress, pace, goal_health(pace))


def standings(
    goals: Iterable[Mapping], checkins: Iterable[Mapping], as_of: dt.date
) -> list[Standing]:
    """:func:`standing` of each goal, in the order given (check-ins grouped once)."""
    grouped: dict[str, list[Mapping]] = {}
    for checkin in checkins:
        grouped.setdefault(str(checkin.get("goal_id")), []).append(checkin)
    return [standing(goal, grouped.get(str(goal["id"]), []), as_of) for goal in goals]


def attention_order(item: Standing) -> tuple:
    """The sort key of :func:`at_risk_first`."""
    pace = item.pace if item.pace is not None else math.inf
    priority = item.goal.get("priority")
    return (
        HEALTH_ORDER.get(item.health, 3),
        pace,
        priority if isinstance(priority, int) else 9,
        str(item.goal.get("title", "")).casefold(),
        item.goal_id,
    )


def at_risk_first(items: Sequence[Standing]) -> list[Standing]:
    """Goals ordered for attention: at risk, behind, on track, then those with no data.

    Within a health the slowest pace comes first, then the higher priority, then the
    title. The dashboard's goal list and the goal tree's "needs attention" view.
    """
    return sorted(items, key=attention_order)


# -- where readings are looked for --------------------------------------------------------------


def first_day(goal_record: Mapping) -> dt.date:
    """The earliest day a goal's readings and work are looked for: start or creation."""
    created = dt.date.fromisoformat(str(goal_record["created_at"])[:10])
    start = goal_record.get("start")
    return min(created, dt.date.fromisoformat(start)) if start else created


def reading_weeks(goal_records: Iterable[Mapping], last: dt.date) -> list[str]:
    """The ISO weeks from the goals' earliest first day to ``last``: where the goals'
    check-ins are (none before a goal starts or is created).

    Both ends are kept within the supported years: a goal a store holds from an older
    stratui, starting in year 1 or ending in 9999, is read from 1900 to 2999.
    """
    firsts = [first_day(g) for g in goal_records]
    if not firsts:
        return []
    last = clamp_to_supported(last)
    first = min(clamp_to_supported(min(firsts)), last)
    return week_range(week_of(first), week_of(last))
