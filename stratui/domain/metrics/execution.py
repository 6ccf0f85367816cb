"""Figures of commitments: say/do, load, throughput, slips, carry-over, alignment, effort,
calibration (docs/METRICS.md, first rows of the table).

A commitment is *reviewed* when its status is done, partial, missed or dropped. Open
commitments are left out of say/do, carry-over and calibration (nothing is known yet) but
count in planned load, alignment, effort by goal and chronic slips (they are planned work).

Each function takes the commitments it measures, already chosen by week and scope by the
caller (see :mod:`.scope` and :func:`by_week`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from stratui.domain.metrics.basics import mean, ratio
from stratui.domain.records import slip_count
from stratui.domain.schema import REVIEWED_STATUSES

__all__ = [
    "CONFIDENCE_PROBABILITY",
    "UNLINKED",
    "alignment",
    "by_week",
    "calibration",
    "carry_over_rate",
    "chronic_slips",
    "done_count",
    "effort_by_goal",
    "is_done",
    "is_reviewed",
    "planned_load",
    "reviewed_count",
    "rolling_say_do",
    "say_do",
    "slip_count",
    "throughput",
]

# Calibration: the probability each stated confidence 1..5 claims (docs/METRICS.md).
CONFIDENCE_PROBABILITY = {1: 0.1, 2: 0.3, 3: 0.5, 4: 0.7, 5: 0.9}
# Effort by goal: the key of the share of commitments linked to no goal.
UNLINKED = "unlinked"


def is_reviewed(commitment: Mapping) -> bool:
    """True when the outcome is known: done, partial, missed or dropped."""
    return commitment.get("status") in REVIEWED_STATUSES


def is_done(commitment: Mapping) -> bool:
    """True when the commitment was done."""
    return commitment.get("status") == "done"


def by_week(commitments: Iterable[Mapping]) -> dict[str, list[Mapping]]:
    """The commitments grouped by their ``week`` (ISO week of the commitment)."""
    weeks: dict[str, list[Mapping]] = {}
    for commitment in commitments:
        weeks.setdefault(str(commitment["week"]), []).append(commitment)
    return weeks


def planned_load(commitments: Iterable[Mapping]) -> int:
    """Planned load: how many commitments were made (all statuses, open ones too)."""
    return sum(1 for _ in commitments)


def reviewed_count(commitments: Iterable[Mapping]) -> int:
    """How many commitments are reviewed (the denominator of say/do and carry-over)."""
    return sum(1 for commitment in commitments if is_reviewed(commitment))


def done_count(commitments: Iterable[Mapping]) -> int:
    """How many commitments are done."""
    return sum(1 for commitment in commitments if is_done(commitment))


def throughput(commitments: Iterable[Mapping]) -> int:
    """Throughput of a week: the number of its done commitments."""
    return done_count(commitments)


def say_do(commitments: Iterable[Mapping]) -> float | None:
    """Say/do ratio: done / reviewed; ``None`` when none is reviewed."""
    commitments = list(commitments)
    return ratio(done_count(commitments), reviewed_count(commitments))


def rolling_say_do(weeks: Iterable[Iterable[Mapping]]) -> float | None:
    """Rolling say/do over N weeks: sum of done / sum of reviewed over all of them.

    Pooled, not the mean of the weekly ratios: a week with one reviewed commitment weighs
    no more than its one commitment.
    """
    return say_do(commitment for week in weeks for commitment in week)


def carry_over_rate(
    commitments: Iterable[Mapping], following_week: Iterable[Mapping]
) -> float | None:
    """Carry-over rate of a week: reviewed commitments of the week that some commitment of
    the following week names as ``carried_from``, over the reviewed ones.

    ``commitments`` are the week's (in scope); ``following_week`` are the next week's
    commitments of any owner (a slip may be carried over to someone else). ``None`` when
    nothing of the week is reviewed.
    """
    carried = {str(c["carried_from"]) for c in following_week if c.get("carried_from")}
    reviewed = [commitment for commitment in commitments if is_reviewed(commitment)]
    return ratio(sum(1 for c in reviewed if c["id"] in carried), len(reviewed))


def chronic_slips(commitments: Iterable[Mapping], by_id: Mapping[str, Mapping]) -> list[str]:
    """Chronic slips: ids of the commitments whose slip count is 2 or more, not done.

    The slip count walks ``carried_from`` back through ``by_id``, which must therefore
    hold the predecessors too (they may lie before the window). Open commitments count:
    a third attempt still open is exactly what this figure is for. In the given order.
    """
    return [
        str(commitment["id"])
        for commitment in commitments
        if not is_done(commitment) and slip_count(commitment, by_id) >= 2
    ]


def alignment(commitments: Iterable[Mapping]) -> float | None:
    """Alignment: commitments with a ``goal_id`` / all commitments; ``None`` for none."""
    commitments = list(commitments)
    return ratio(sum(1 for c in commitments if c.get("goal_id")), len(commitments))


def effort_by_goal(commitments: Iterable[Mapping]) -> dict[str, float] | None:
    """Effort by goal: each goal's share of the commitments, plus ``"unlinked"``.

    Lists the goals that have commitments, largest share first (then by id), and
    ``"unlinked"`` last when some commitments have no goal. ``None`` for no commitments.
    """
    counts = Counter(str(c.get("goal_id") or "") for c in commitments)
    total = sum(counts.values())
    if not total:
        return None
    unlinked = counts.pop("", 0)
    shares = {goal: count / total for goal, count in sorted(counts.items(), key=_larger_first)}
    if unlinked:
        shares[UNLINKED] = unlinked / total
    return shares


def _larger_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def calibration(commitments: Iterable[Mapping]) -> float | None:
    """Calibration (Brier score): mean of (p - o)^2 over the reviewed commitments that
    stated a confidence; p is 0.1, 0.3, 0.5, 0.7, 0.9 for confidence 1..5 and o is 1 when
    done, else 0.

    Lower is better; always saying 3 earns 0.25. ``None`` when no reviewed commitment
    stated a confidence.
    """
    return mean(
        (CONFIDENCE_PROBABILITY[c["confidence"]] - (1.0 if is_done(c) else 0.0)) ** 2
        for c in commitments
        if is_reviewed(c) and c.get("confidence") in CONFIDENCE_PROBABILITY
    )
