"""The retrospective's icebreaker: which question of a team's pool to offer.

A team's template may give a pool of icebreakers (:mod:`stratui.rituals.templates`); a
retrospective offers one the team did not use in its last :data:`ICEBREAKER_MEMORY`
retrospectives, and its review keeps the one used (``answers.icebreaker``) so the rule
can be checked and the next offer follows it.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Sequence

ICEBREAKER_MEMORY = 5
"""How many of a team's latest retrospectives an offered icebreaker was not used in."""


def offer_icebreaker(pool: Sequence[str], used: Sequence[str], *, after: str | None = None) -> str:
    """The icebreaker a retrospective offers from ``pool`` ("" when it is empty).

    ``used`` is what each of the team's earlier retrospectives used, newest first (""
    for one without). The offer is the first of the pool (in the template's order) that
    the team did not use in its last :data:`ICEBREAKER_MEMORY` retrospectives; when it
    used them all, the one it used longest ago. ``after`` asks for another one than
    ``after``: the next fresh one after it in the pool, wrapping round (the next in the
    pool when no other is fresh).
    """
    if not pool:
        return ""
    recent = list(used[:ICEBREAKER_MEMORY])
    order = list(pool)
    if after in order:
        start = order.index(after) + 1
        order = [*order[start:], *order[:start]]
        order.remove(after)
        if not order:
            return after or ""
    fresh = [question for question in order if question not in recent]
    if fresh:
        return fresh[0]
    if after in pool:
        return order[0]
    return max(order, key=recent.index)  # every one is recent: the one used longest ago
