"""Phase 4, group: similar cards go under one label and are voted on as one topic."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.domain.wording import counted
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import InlineEdit, ReviewTable


class GroupPhase(Phase):
    """Space marks cards (the cursor stays), g groups the marked ones (or the one under
    the cursor), s marks cards that look alike and says how many groups it found."""

    STEP = "group"
    QUESTION = "which cards belong together?"
    BINDINGS = [
        Binding("space", "mark", "Mark", id="retro.mark"),
        Binding("g", "group", "Group", id="retro.group"),
        Binding("u", "ungroup", "Ungroup", id="retro.ungroup"),
        Binding("s", "suggest", "Suggest", id="retro.suggest"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.marked: set[str] = set()
        self.said = ""  # what the last s did, shown on the hint line until the next edit

    def compose(self) -> ComposeResult:
        yield Static(id="group-hint", classes="step-hint")
        yield ReviewTable(id="group-table")
        yield Static(id="group-empty", classes="step-empty")
        yield InlineEdit(id="group-edit")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("", "Group", "Category", "Card")

    def show(self, select: str | None = None) -> None:
        known = {card.id for card in self.draft.cards}
        self.marked &= known
        order = {card.id: index for index, card in enumerate(self.draft.cards)}
        cards = sorted(
            self.draft.cards, key=lambda c: (c.group is None, c.group or "", order[c.id])
        )
        rows = [
            (
                card.id,
                (
                    "✓" if card.id in self.marked else "",
                    cell(card.group or ""),
                    cell(self.draft.category_title(card.category)),
                    cell(card.text),
                ),
            )
            for card in cards
        ]
        self.query_one(ReviewTable).refill(rows, select)
        hint = self.said or "Space marks · g groups the marked cards · u ungroups · s suggests"
        self.query_one("#group-hint", Static).update(hint)
        empty = self.query_one("#group-empty", Static)
        empty.display = not rows
        empty.update("No cards to group. Enter goes on.")

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _chosen(self) -> list[str]:
        """The marked cards, else the one under the cursor."""
        if self.marked:
            return [card.id for card in self.draft.cards if card.id in self.marked]
        key = self.query_one(ReviewTable).selected_key()
        return [key] if key is not None else []

    def action_mark(self) -> None:
        """Mark or unmark the card under the cursor; the cursor stays on it."""
        key = self.query_one(ReviewTable).selected_key()
        if key is None:
            return
        self.marked ^= {key}
        self.said = ""
        self.show(select=key)

    def action_suggest(self) -> None:
        """Mark the cards of one group of look-alike cards (the next one on each press),
        and say so; or say that no ungrouped cards look alike."""
        suggestions = self.draft.suggest_groups()
        if not suggestions:
            self.said = "s: no ungrouped cards look alike · Space marks cards, g groups them"
            self.show()
            return
        current = next((i for i, ids in enumerate(suggestions) if set(ids) == self.marked), -1)
        index = (current + 1) % len(suggestions)
        chosen = suggestions[index]
        self.marked = set(chosen)
        if len(suggestions) == 1:
            marked = counted(len(chosen), "card")
            self.said = f"s: 1 group looks alike; marked its {marked} · g groups them"
        else:
            self.said = (
                f"s: {len(suggestions)} groups look alike; marked group {index + 1} "
                f"({counted(len(chosen), 'card')}) · g groups them · s: the next"
            )
        self.show(select=chosen[0])

    def action_group(self) -> None:
        chosen = self._chosen()
        if not chosen:
            return
        first = self.draft.card(chosen[0])
        label = next((self.draft.card(c).group for c in chosen if self.draft.card(c).group), None)

        def answer(text: str) -> None:
            self.draft.group_cards(chosen, text)  # refused: the question stays open
            self.marked.clear()
            self.said = ""
            self.changed()
            self.show(select=chosen[0])

        self.query_one(InlineEdit).ask(
            literal(f"Group {counted(len(chosen), 'card')} as:"),
            label or first.text[:30],
            answer,
            self.query_one(ReviewTable),
        )

    def action_ungroup(self) -> None:
        chosen = self._chosen()
        if chosen:
            self.attempt(lambda: self.draft.ungroup(chosen))
            self.marked.clear()
            self.said = ""
            self.show()
