"""A completed retrospective's vote totals, as its records keep them.

Each card's ``votes`` are the dots put on that card itself; the dots put on a group as a
whole are no card's, so the review keeps them (``answers.group_votes``, {label: dots}:
part of the interchange format, see docs/EXPORT-FORMAT.md). A group's total is both.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def group_votes(review: Mapping) -> dict[str, int]:
    """The dots put on each group itself, by label, as the review keeps them."""
    answers = review.get("answers")
    kept = answers.get("group_votes") if isinstance(answers, Mapping) else None
    if not isinstance(kept, Mapping):
        return {}
    return {
        str(label): count
        for label, count in kept.items()
        if isinstance(count, int) and not isinstance(count, bool) and count > 0
    }


def group_totals(review: Mapping, cards: Iterable[Mapping]) -> dict[str, int]:
    """Each group's total, by label: the dots on the group plus those on its cards, for
    every group a card of ``cards`` is in (most votes first, then by label)."""
    totals = dict(group_votes(review))
    for card in cards:
        label = card.get("group")
        if isinstance(label, str) and label:
            votes = card.get("votes")
            count = votes if isinstance(votes, int) and not isinstance(votes, bool) else 0
            totals[label] = totals.get(label, 0) + count
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0].casefold())))
