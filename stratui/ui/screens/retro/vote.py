"""Phase 5, vote: each participant's dots on the topics, at most the number each has.

A group is one topic: a dot on it is the group's own, not one of its cards'; the limit
is the draft's rule, shown inline when reached.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.rituals.retro import Topic
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.screens.retro.widgets import ChoicePicker
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import ReviewTable


class VotePhase(Phase):
    """Choose the voter (v, or ←→ on the row of names), then + gives a dot, - takes it."""

    STEP = "vote"
    QUESTION = "dot-vote the topics"
    BINDINGS = [
        Binding("plus,space", "vote", "Dot", id="retro.vote"),
        Binding("minus", "retract", "Take back", id="retro.retract"),
        Binding("v", "voter(1)", "Next voter", id="retro.next_voter"),
    ]

    def compose(self) -> ComposeResult:
        yield ChoicePicker(id="vote-voter")
        yield Static(id="vote-left")
        yield ReviewTable(id="vote-table")
        yield Static(id="vote-empty", classes="step-empty")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Dots", "Mine", "Topic")

    @property
    def voter(self) -> str | None:
        return self.query_one(ChoicePicker).value

    def show(self, select: str | None = None) -> None:
        picker = self.query_one(ChoicePicker)
        current = picker.value if picker.value in self.draft.participants else None
        picker.set_options([(name, name) for name in self.draft.participants], current)
        voter = self.voter
        mine = self.draft.votes.get(voter or "", {})
        position = {card.id: index for index, card in enumerate(self.draft.cards)}
        topics = sorted(self.draft.topics(), key=lambda t: position.get(t.card_ids[0], 0))
        rows = [
            (
                topic.key,
                (
                    "●" * topic.votes if topic.votes <= 10 else str(topic.votes),
                    str(_mine(mine, topic) or ""),
                    cell(f"{topic.label} ({len(topic.card_ids)} cards)")
                    if topic.is_group
                    else cell(topic.label),
                ),
            )
            for topic in topics
        ]
        self.query_one(ReviewTable).refill(rows, select)
        left = ""
        if voter is not None:
            limit = self.draft.vote_limit
            left = f"{voter}: {self.draft.votes_left(voter)} of {limit} dots left"
        self.query_one("#vote-left", Static).update(
            literal(f"{left} · + or Space: a dot · -: take it back · v: next voter")
        )
        empty = self.query_one("#vote-empty", Static)
        empty.display = not rows
        empty.update("No cards to vote on. Enter goes on.")

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _target(self) -> str | None:
        return self.query_one(ReviewTable).selected_key()

    def action_vote(self) -> None:
        voter, target = self.voter, self._target()
        if voter is not None and target is not None:
            self.attempt(lambda: self.draft.cast_vote(voter, target))
            self.show()

    def action_retract(self) -> None:
        voter, target = self.voter, self._target()
        if voter is not None and target is not None:
            self.attempt(lambda: self.draft.retract_vote(voter, target))
            self.show()

    def action_voter(self, delta: int) -> None:
        self.query_one(ChoicePicker).action_step(delta)

    @on(ChoicePicker.Picked, "#vote-voter")
    def _picked(self, event: ChoicePicker.Picked) -> None:
        self.ritual.show_problems([])
        self.show()


def _mine(mine: dict[str, int], topic: Topic) -> int:
    """The voter's dots on a topic: on the group itself and on its cards, or on the card."""
    on_cards = sum(mine.get(card_id, 0) for card_id in topic.card_ids)
    return on_cards + (mine.get(topic.key, 0) if topic.is_group else 0)
