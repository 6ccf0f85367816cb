"""Phase 3, gather: everyone writes cards, each from their own seat; the facilitator
reveals them.

People write without reading each other: a participant's card shows here as "hidden
card" (with its author, or "anonymous") until the facilitator reveals them all (ctrl+o)
or one (r on the list). The facilitator writes cards too, as a participant: signed, or
anonymous (then stored without an author; this screen alone remembers it is theirs).
The line above the cards says who has written so far.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Static

from stratui.domain.people import same_name
from stratui.rituals.retro.room import attendance
from stratui.store.errors import StoreError
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.screens.retro.widgets import ChoicePicker
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import InlineEdit, ReviewTable
from stratui.usecases import retro_room

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
            yield Checkbox("anonymous", id="gather-anonymous")
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
        me = retro_room.my_name(self.ritual.ws)
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
                    cell(card.text) if card.revealed or self._signed_by(card, me) else HIDDEN,
                ),
            )
            for card in self.draft.cards
        ]
        self.query_one(ReviewTable).refill(rows, select)
        hidden = self.draft.hidden_count
        room = attendance(draft, draft.joined).line("gather")
        count = f"{room} · {hidden} hidden" + (" (ctrl+o reveals all)" if hidden else "")
        self.query_one("#gather-count", Static).update(
            literal(count + " · Tab: anonymous, list (r reveal, e edit, Del)")
        )

    @staticmethod
    def _signed_by(card, me: str) -> bool:
        """Whether I signed ``card``: its text is mine to see before it is revealed. (A
        card I wrote anonymously stays "hidden card" here: on a screen the room can see,
        its text beside the others' hidden ones would say who wrote it.)"""
        return card.author is not None and same_name(card.author, me)

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

    def _add_typed(self, submitted: str | None = None) -> bool:
        """Write the typed card (``submitted``: the text Enter sent), as mine; False when
        nothing was typed (or it was refused)."""
        text_field = self.query_one("#gather-text", Input)
        text = text_field.value if submitted is None else submitted
        review = self.ritual.review
        if not text.strip() or review is None:
            return False
        category, anonymous = self.category, self.query_one(Checkbox).value
        ws = self.ritual.ws
        card = self.write_own(
            lambda: retro_room.add_card(
                ws, review["id"], text, category=category, anonymous=anonymous
            )
        )
        if card is None:
            return False
        if anonymous:
            self.ritual.mine.add(str(card["id"]))
        if text_field.value == text:  # not what was typed after Enter: the next card
            text_field.value = ""
        self.show(select=str(card["id"]))
        text_field.focus()
        return True

    @on(Input.Submitted, "#gather-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._add_typed(event.value) and not event.value.strip():
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
        card_id, review = self._selected(), self.ritual.review
        if card_id is None or review is None:
            return
        if card_id not in self.draft.stored_cards:  # a first-version draft's own card
            self.attempt(lambda: self.draft.remove_card(card_id))
        else:
            ws, mine = self.ritual.ws, self.ritual.mine
            self.write_own(lambda: retro_room.remove_card(ws, review["id"], card_id, mine))
        self.show()

    def action_edit(self) -> None:
        card_id = self._selected()
        if card_id is None:
            return
        card = self.draft.card(card_id)

        review, ws, mine = self.ritual.review, self.ritual.ws, self.ritual.mine

        def answer(text: str) -> None:
            if card_id not in self.draft.stored_cards or review is None:
                self.draft.edit_card(card_id, text=text)  # refused: the question stays open
                self.changed()
            else:
                try:
                    retro_room.edit_card(ws, review["id"], card_id, text, mine)
                except StoreError as error:  # busy or gone: the question stays open
                    raise ValueError(str(error)) from None
                self.ritual.refresh_context()
            self.show()

        self.query_one(InlineEdit).ask(
            literal("Card text:"), card.text, answer, self.query_one(ReviewTable)
        )
