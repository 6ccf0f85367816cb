"""The retrospective's board: cards, their groups, the dot-votes, and the topics they make.

:class:`CardBoard` holds the edits of the gather, group, vote and discuss phases; the
retrospective's draft (:class:`~stratui.rituals.retro.RetroDraft`) is a board, so a
screen calls them on the draft. Each edit enforces its rule at once and raises
:class:`~stratui.rituals.retro.phases.RetroRefused` naming the field:

* a card is written in one of the format's categories, with text, and an optional
  author (blank: anonymous, stored without an author); it is hidden until revealed;
* a participant has at most ``votes_per_person`` dots (stacking several on one card is
  fine); only revealed cards take votes;
* a group is a label shared by cards, and one topic. A dot is put on a card or on a
  group: a group's own dots belong to the group, not to any of its cards, so each card
  keeps only the dots put on it and a group's topic counts its own dots plus its
  cards'. A group that loses its last card gives its dots back (renamed, they follow).

:func:`rank_topics` orders topics by votes with a fixed tie-break (the topic written
first comes first); :func:`similar` finds cards that look alike, to suggest groups.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stratui.domain import records as rec
from stratui.rituals.retro.formats import CATEGORIES
from stratui.rituals.retro.phases import DEFAULT_VOTES, GROUP_KEY, MAX_VOTES, RetroRefused
from stratui.rituals.typed import read_whole


@dataclass
class Card:
    """A card: its category, text and optional author (None: anonymous).

    ``id`` is made when the card is written and becomes the stored retro item's id.
    A card is hidden until revealed; ``group`` is the label of the group it is in.
    """

    id: str = ""
    category: str = ""
    text: str = ""
    author: str | None = None
    revealed: bool = False
    group: str | None = None


@dataclass(frozen=True)
class Topic:
    """What is discussed: a group of cards or a single card.

    ``key`` is ``group:<label>`` for a group, else the card's id. ``votes`` is the
    topic's total: for a group, the dots on the group itself (``group_votes``) plus
    those on its cards.
    """

    key: str
    label: str
    card_ids: tuple[str, ...]
    votes: int
    group_votes: int = 0

    @property
    def is_group(self) -> bool:
        """True for a group of cards."""
        return self.key.startswith(GROUP_KEY)


class CardBoard:
    """The edits of the cards and votes; mixed into the retrospective's draft.

    Uses the draft's ``format``, ``participants``, ``votes_per_person``, ``cards`` and
    ``votes`` (participant -> card id or group key -> dots).
    """

    format: str
    participants: list[str]
    votes_per_person: object
    cards: list[Card]
    votes: dict[str, dict[str, int]]

    # -- gather -------------------------------------------------------------------------------

    def add_card(self, category: str, text: str, author: str | None = None) -> Card:
        """Write a card (hidden until revealed); a blank ``author`` makes it anonymous."""
        self._check_category(category)
        if not isinstance(text, str) or not text.strip():
            raise RetroRefused("text: write something on the card")
        name = author.strip() if isinstance(author, str) and author.strip() else None
        card = Card(id=rec.new_id(), category=category, text=text.strip(), author=name)
        self.cards.append(card)
        return card

    def edit_card(
        self, card_id: str, *, text: str | None = None, category: str | None = None
    ) -> Card:
        """Change a card's text or category."""
        card = self.card(card_id)
        if category is not None:
            self._check_category(category)
        if text is not None and not text.strip():
            raise RetroRefused("text: write something on the card")
        if category is not None:
            card.category = category
        if text is not None:
            card.text = text.strip()
        return card

    def remove_card(self, card_id: str) -> Card:
        """Take a card out, with the votes on it (and its group's, if it was the last)."""
        card = self.card(card_id)
        before = self.groups()
        self.cards.remove(card)
        for dots in self.votes.values():
            dots.pop(card_id, None)
        self._settle_group_votes(before)
        return card

    def card(self, card_id: str) -> Card:
        """The card ``card_id``; RetroRefused if there is none."""
        for card in self.cards:
            if card.id == card_id:
                return card
        raise RetroRefused(f"card: no card {card_id!r}")

    def reveal(self, card_id: str) -> Card:
        """Show a card's text to everyone."""
        card = self.card(card_id)
        card.revealed = True
        return card

    def reveal_all(self, category: str | None = None) -> int:
        """Reveal every card (of ``category``, if given); returns how many were hidden."""
        hidden = [c for c in self.cards if not c.revealed and category in (None, c.category)]
        for card in hidden:
            card.revealed = True
        return len(hidden)

    @property
    def hidden_count(self) -> int:
        """How many cards are still hidden."""
        return sum(1 for card in self.cards if not card.revealed)

    def _check_category(self, category: str) -> None:
        allowed = CATEGORIES.get(self.format)
        if allowed is None:
            raise RetroRefused("format: choose the format before writing cards")
        if category not in allowed:
            raise RetroRefused(f"category: expected one of {', '.join(allowed)}, got {category!r}")

    # -- group --------------------------------------------------------------------------------

    def group_cards(self, card_ids: Iterable[str], label: str) -> list[Card]:
        """Put cards in the group ``label`` (joining it if it exists).

        A group left without cards gives its dots back, unless all its cards went to
        ``label``: then it was renamed (or merged) and its dots follow them.
        """
        if not isinstance(label, str) or not label.strip():
            raise RetroRefused("group: name the group")
        cards = [self.card(card_id) for card_id in card_ids]
        before = self.groups()
        for card in cards:
            card.group = label.strip()
        self._settle_group_votes(before)
        return cards

    def ungroup(self, card_ids: Iterable[str]) -> None:
        """Take cards out of their group (a group left without cards gives its dots back)."""
        cards = [self.card(card_id) for card_id in card_ids]
        before = self.groups()
        for card in cards:
            card.group = None
        self._settle_group_votes(before)

    def groups(self) -> dict[str, list[Card]]:
        """The groups by label, each with its cards in the order written."""
        found: dict[str, list[Card]] = {}
        for card in self.cards:
            if card.group:
                found.setdefault(card.group, []).append(card)
        return found

    def suggest_groups(self) -> list[list[str]]:
        """Ungrouped cards that look alike, as lists of card ids (see :func:`similar`)."""
        return similar([(card.id, card.text) for card in self.cards if not card.group])

    def _settle_group_votes(self, before: Mapping[str, list[Card]]) -> None:
        """After a regrouping: the dots of each group that no longer exists follow its
        cards when they all went to one group, else they are given back."""
        after = self.groups()
        for label, cards in before.items():
            if label in after:
                continue
            labels = {card.group for card in cards if card in self.cards}
            target = labels.pop() if len(labels) == 1 else None
            for dots in self.votes.values():
                count = dots.pop(f"{GROUP_KEY}{label}", 0)
                if count and target:
                    key = f"{GROUP_KEY}{target}"
                    dots[key] = dots.get(key, 0) + count
        for voter in [voter for voter, dots in self.votes.items() if not dots]:
            del self.votes[voter]

    # -- vote ---------------------------------------------------------------------------------

    def cast_vote(self, voter: str, target: str) -> int:
        """Put one of ``voter``'s dots on a card, or on a group (a group key ``group:CI``):
        the group's own dot, not any of its cards'.

        Refused for someone who is not a participant, a hidden or unknown card, a group
        that does not exist or has a hidden card, and once the voter has used all their
        dots. Returns the dots the voter has left.
        """
        if voter not in self.participants:
            raise RetroRefused(f"voter: {voter!r} is not a participant")
        key, cards = self._vote_target(target)
        if not all(card.revealed for card in cards):
            raise RetroRefused("card: reveal the card before voting on it")
        limit = self.vote_limit
        if self.votes_used(voter) >= limit:
            raise RetroRefused(f"votes: {voter} has used all {limit} votes; take one back first")
        dots = self.votes.setdefault(voter, {})
        dots[key] = dots.get(key, 0) + 1
        return self.votes_left(voter)

    def retract_vote(self, voter: str, target: str) -> int:
        """Take back one of ``voter``'s dots from a card or a group; returns dots left.

        From a group, the group's own dot goes first, else one on a card of the group:
        the voter takes back a dot from the topic.
        """
        key, cards = self._vote_target(target)
        dots = self.votes.get(voter, {})
        if not dots.get(key) and key.startswith(GROUP_KEY):
            key = next((card.id for card in cards if dots.get(card.id)), key)
        if not dots.get(key):
            raise RetroRefused(f"votes: {voter} has no vote on that card")
        dots[key] -= 1
        if not dots[key]:
            del dots[key]
        if not dots:
            self.votes.pop(voter, None)
        return self.votes_left(voter)

    @property
    def vote_limit(self) -> int:
        """The dot-votes each participant has (the default while the setting is unreadable)."""
        try:
            return read_whole(self.votes_per_person, 1, MAX_VOTES) or DEFAULT_VOTES
        except ValueError:
            return DEFAULT_VOTES

    def votes_used(self, voter: str) -> int:
        """How many dots ``voter`` has cast."""
        return sum(self.votes.get(voter, {}).values())

    def votes_left(self, voter: str) -> int:
        """How many dots ``voter`` may still cast."""
        return max(self.vote_limit - self.votes_used(voter), 0)

    def dots_on(self, voter: str, topic: Topic) -> int:
        """``voter``'s dots on a topic: on the group itself and on its cards, or on the
        card."""
        mine = self.votes.get(voter, {})
        on_cards = sum(mine.get(card_id, 0) for card_id in topic.card_ids)
        return on_cards + (mine.get(topic.key, 0) if topic.is_group else 0)

    def card_votes(self) -> dict[str, int]:
        """The dots put on each card itself (every card, 0 when it has none); a group's
        own dots are in :meth:`group_votes`."""
        totals = {card.id: 0 for card in self.cards}
        for dots in self.votes.values():
            for card_id, count in dots.items():
                if card_id in totals:
                    totals[card_id] += count
        return totals

    def group_votes(self) -> dict[str, int]:
        """The dots put on each group itself, by label (every group, 0 when it has none)."""
        totals = dict.fromkeys(self.groups(), 0)
        for dots in self.votes.values():
            for key, count in dots.items():
                label = key[len(GROUP_KEY) :] if key.startswith(GROUP_KEY) else None
                if label in totals:
                    totals[label] += count
        return totals

    def vote_keys(self) -> set[str]:
        """What a dot may be on: every card's id and every group's key."""
        return {card.id for card in self.cards} | {f"{GROUP_KEY}{g}" for g in self.groups()}

    def _vote_target(self, target: str) -> tuple[str, list[Card]]:
        """The key a dot on ``target`` is kept under, and the cards it concerns."""
        if target.startswith(GROUP_KEY):
            label = target[len(GROUP_KEY) :]
            members = self.groups().get(label)
            if not members:
                raise RetroRefused(f"group: no group {label!r}")
            return f"{GROUP_KEY}{label}", members
        card = self.card(target)
        return card.id, [card]

    # -- discuss ------------------------------------------------------------------------------

    def topics(self) -> list[Topic]:
        """What to discuss, most votes first (see :func:`rank_topics`)."""
        totals = self.card_votes()
        return rank_topics(
            [
                {"id": c.id, "text": c.text, "group": c.group, "votes": totals[c.id]}
                for c in self.cards
            ],
            self.group_votes(),
        )


def rank_topics(
    cards: Sequence[Mapping], group_votes: Mapping[str, object] | None = None
) -> list[Topic]:
    """Topics from cards (``id``, ``text``, ``group``, ``votes``), most votes first.

    A group is one topic, labelled with the group's name, whose votes are the dots on
    the group itself (``group_votes``, by label) plus its cards'; an ungrouped card is a
    topic of its own. Ties are broken by the order of the cards: the topic whose first
    card was written earlier comes first, so the order is the same on every run.
    """
    order: dict[str, int] = {}
    labels: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    votes: dict[str, int] = {}
    for position, card in enumerate(cards):
        group = card.get("group")
        key = f"{GROUP_KEY}{group}" if group else str(card["id"])
        order.setdefault(key, position)
        labels.setdefault(key, str(group) if group else str(card.get("text", "")))
        members.setdefault(key, []).append(str(card["id"]))
        count = card.get("votes")
        votes[key] = votes.get(key, 0) + (count if isinstance(count, int) else 0)
    own = {
        f"{GROUP_KEY}{label}": count
        for label, count in (group_votes or {}).items()
        if f"{GROUP_KEY}{label}" in order and isinstance(count, int) and count > 0
    }
    for key, count in own.items():
        votes[key] += count
    ranked = sorted(order, key=lambda key: (-votes[key], order[key], key))
    return [
        Topic(key, labels[key], tuple(members[key]), votes[key], own.get(key, 0))
        for key in ranked
    ]


_WORD = re.compile(r"[^\W_]+")
_COMMON_WORDS = (  # words that say nothing about what a card is about
    "the and for with that this are was were too not but our out its into from have has "
    "more less when than then they them their what who all any can get got just very"
)
_STOPWORDS = frozenset(_COMMON_WORDS.split())


def similar(cards: Sequence[tuple[str, str]], threshold: float = 0.5) -> list[list[str]]:
    """Clusters of cards that look alike: ``[(id, text), ...]`` -> ``[[id, id], ...]``.

    Two cards look alike when they share at least ``threshold`` of their words (Jaccard,
    on lower-case words of three letters or more, common words left out); clusters join
    cards alike through another. Only clusters of two or more are returned, in the
    order of their first card.
    """
    words = [_significant(text) for _, text in cards]
    parent = list(range(len(cards)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(cards)):
        for j in range(i + 1, len(cards)):
            union = words[i] | words[j]
            if union and len(words[i] & words[j]) / len(union) >= threshold:
                parent[root(j)] = root(i)
    clusters: dict[int, list[str]] = {}
    for i, (card_id, _) in enumerate(cards):
        clusters.setdefault(root(i), []).append(card_id)
    return [ids for ids in clusters.values() if len(ids) > 1]


def _significant(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if len(word) >= 3} - _STOPWORDS
