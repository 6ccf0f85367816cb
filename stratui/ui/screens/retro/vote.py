"""Phase 5, vote: my own dots on the topics, as everyone spends theirs from their seat.

Each participant spends their own dots, from their own terminal (or with ``stratui retro
vote``); the facilitator does the same here, and sees how many have voted. A group is
one topic: a dot on it is the group's own, not one of its cards'; the limit per person
is checked when the dot is written, shown inline when reached.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.domain.wording import counted
from stratui.rituals.retro.room import attendance
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import ReviewTable
from stratui.usecases import retro_room


class VotePhase(Phase):
    """+ or Space gives one of my dots to the topic under the cursor, - takes it back."""

    STEP = "vote"
    QUESTION = "dot-vote the topics"
    BINDINGS = [
        Binding("plus,space", "vote", "Dot", id="retro.vote"),
        Binding("minus", "retract", "Take back", id="retro.retract"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="vote-left")
        yield ReviewTable(id="vote-table")
        yield Static(id="vote-empty", classes="step-empty")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Dots", "Mine", "Topic")

    def show(self, select: str | None = None) -> None:
        draft, me = self.draft, retro_room.my_name(self.ritual.ws)
        position = {card.id: index for index, card in enumerate(draft.cards)}
        topics = sorted(draft.topics(), key=lambda t: position.get(t.card_ids[0], 0))
        rows = [
            (
                topic.key,
                (
                    "●" * topic.votes if topic.votes <= 10 else str(topic.votes),
                    str(draft.dots_on(me, topic) or ""),
                    cell(f"{topic.label} ({counted(len(topic.card_ids), 'card')})")
                    if topic.is_group
                    else cell(topic.label),
                ),
            )
            for topic in topics
        ]
        self.query_one(ReviewTable).refill(rows, select)
        room = attendance(draft, draft.joined).line("vote")
        left = f"{me}: {draft.votes_left(me)} of {draft.vote_limit} dots left"
        self.query_one("#vote-left", Static).update(
            literal(f"{left} · {room} · +/Space a dot, - takes back")
        )
        empty = self.query_one("#vote-empty", Static)
        empty.display = not rows
        empty.update("No cards to vote on. Enter goes on.")

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _target(self) -> str | None:
        return self.query_one(ReviewTable).selected_key()

    def action_vote(self) -> None:
        self._write(take_back=False)

    def action_retract(self) -> None:
        self._write(take_back=True)

    def _write(self, *, take_back: bool) -> None:
        target, review = self._target(), self.ritual.review
        if target is None or review is None:
            return
        if self.ritual.save_now():  # the phase others see is this one: vote
            self.write_own(
                lambda: retro_room.vote(self.ritual.ws, review["id"], target, take_back=take_back)
            )
            self.show(select=target)
