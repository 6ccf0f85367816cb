"""Phase 3, gather: cards per category, author optional, hidden until revealed.

People write without reading each other: a new card shows as "hidden card" until the
facilitator reveals them all (ctrl+o) or one (r on the list). An empty author makes the
card anonymous: it is stored without one.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from stratui.ui.screens.retro.phase import Phase
from stratui.ui.screens.retro.widgets import ChoicePicker
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import InlineEdit, ReviewTable

HIDDEN = "hidden card"


class GatherPhase(Phase):
    """Type a card and Enter; ↑↓ change the category; an empty Enter goes on."""

    STEP = "gather"
    QUESTION = "write the cards"
    BINDINGS = [
        Binding("ctrl+o", "reveal_all", "Reveal all", id="retro.reveal_all"),
        Binding("up", "category(-1)", "Category", show=False, id="retro.category_up"),
        Binding("down", "category(1)", "Category", show=False, id="retro.category_down"),
        Binding("r", "reveal", "Reveal", show=False, id="retro.reveal"),
        Binding("e", "edit", "Edit", show=False, id="retro.edit_card"),
        Binding("delete", "remove", "Remove", show=False, id="retro.remove_card"),
    ]

    def compose(self) -> ComposeResult:
        yield ChoicePicker(id="gather-category")
        yield Static(id="gather-prompt")
        with Horizontal(id="gather-fields"):
            yield Input(id="gather-text", select_on_focus=False)
            yield Input(placeholder="author (optional)", id="gather-author")
        yield Static(id="gather-count", classes="step-hint")
        yield ReviewTable(id="gather-cards")
        yield InlineEdit(id="gather-edit")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Category", "By", "Card")

    @property
    def category(self) -> str:
        picker = self.query_one(ChoicePicker)
        return picker.value or ""

    def show(self, select: str | None = None) -> None:
        draft = self.draft
        categories = draft.category_ids
        picker = self.query_one(ChoicePicker)
        current = picker.value if picker.value in categories else None
        picker.set_options([(draft.category_title(c), c) for c in categories], current)
        self._show_prompt()
        rows = [
            (
                card.id,
                (
                    cell(draft.category_title(card.category)),
                    cell(card.author or "anonymous"),
                    cell(card.text) if card.revealed else HIDDEN,
                ),
            )
            for card in self.draft.cards
        ]
        self.query_one(ReviewTable).refill(rows, select)
        hidden = self.draft.hidden_count
        count = f"{len(rows)} card(s), {hidden} hidden"
        if hidden:
            count += " (ctrl+o reveals all)"
        self.query_one("#gather-count", Static).update(
            count + " · Tab: author, list (r reveal, e edit, Del)"
        )

    def _show_prompt(self) -> None:
        category, draft = self.category, self.draft
        prompt = draft.category_prompt(category)  # a template's is the team's own text
        self.query_one("#gather-prompt", Static).update(
            Content.assemble(literal(prompt), "  " if prompt else "", "(↑↓ another category)")
        )
        self.query_one(
            "#gather-text", Input
        ).placeholder = f"a {draft.category_title(category)} card; Enter adds it"

    def focus_first(self) -> None:
        self.query_one("#gather-text", Input).focus()

    def apply_pending(self) -> bool:
        self._add_typed()
        return super().apply_pending()

    def _add_typed(self) -> bool:
        """Add the typed card; False when nothing was typed (or it was refused)."""
        text_field = self.query_one("#gather-text", Input)
        author_field = self.query_one("#gather-author", Input)
        text = text_field.value
        if not text.strip():
            return False
        category, author = self.category, author_field.value
        card = self.attempt(lambda: self.draft.add_card(category, text, author))
        if card is None:
            return False
        text_field.value = ""
        author_field.value = ""  # the next card is anonymous unless someone signs it
        self.show(select=card.id)
        text_field.focus()
        return True

    @on(Input.Submitted, "#gather-fields Input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._add_typed() and not self.query_one("#gather-text", Input).value.strip():
            self.ritual.action_next()

    @on(ChoicePicker.Picked, "#gather-category")
    def _picked(self, event: ChoicePicker.Picked) -> None:
        self._show_prompt()

    def action_category(self, delta: int) -> None:
        self.query_one(ChoicePicker).action_step(delta)

    def action_reveal_all(self) -> None:
        self.attempt(self.draft.reveal_all)
        self.show()

    def _selected(self) -> str | None:
        table = self.query_one(ReviewTable)
        return table.selected_key() if table.has_focus else None

    def action_reveal(self) -> None:
        card_id = self._selected()
        if card_id is not None:
            self.attempt(lambda: self.draft.reveal(card_id))
            self.show()

    def action_remove(self) -> None:
        card_id = self._selected()
        if card_id is not None:
            self.attempt(lambda: self.draft.remove_card(card_id))
            self.show()

    def action_edit(self) -> None:
        card_id = self._selected()
        if card_id is None:
            return
        card = self.draft.card(card_id)

        def answer(text: str) -> None:
            self.draft.edit_card(card_id, text=text)  # refused: the question stays open
            self.changed()
            self.show()

        self.query_one(InlineEdit).ask(
            literal("Card text:"), card.text, answer, self.query_one(ReviewTable)
        )
