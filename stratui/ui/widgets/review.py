"""Small widgets the rituals' steps share: the step indicator, a table that goes on
with Enter, a one-line question under a table, and the pulse picker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from stratui.rituals.weekly import STEP_TITLES, STEPS
from stratui.ui.widgets.line_input import LineInput


class StepIndicator(Horizontal):
    """The steps in a row: the done ones, the current one highlighted, the rest.

    ``titles`` are the steps' titles, the weekly review's seven by default (the team
    review and the retrospective pass their own).
    """

    def __init__(self, titles: Sequence[str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.titles = list(titles) if titles is not None else [STEP_TITLES[n] for n in STEPS]

    def compose(self) -> ComposeResult:
        for title in self.titles:
            yield Static(title, classes="step-label")

    def show(self, current: int) -> None:
        """Highlight step number ``current`` (0-based)."""
        for index, label in enumerate(self.query(".step-label")):
            label.set_class(index < current, "-done")
            label.set_class(index == current, "-current")


class ReviewTable(DataTable):
    """A row table whose Enter goes on to the next step (a click only moves the cursor)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    async def action_select_cursor(self) -> None:
        await self.run_action("screen.next")

    def selected_key(self) -> str | None:
        """The key of the row under the cursor, None when the table is empty."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate)[0].value

    def refill(self, rows: list[tuple[str, tuple]], select: str | None = None) -> None:
        """Replace the rows (``(key, cells)``), keeping the cursor on ``select`` or where
        it was (a row removed: the cursor stays at its place)."""
        keep = select or self.selected_key()
        row = self.cursor_row
        self.clear()
        for key, cells in rows:
            self.add_row(*cells, key=key)
        keys = [key for key, _ in rows]
        if keep in keys:
            self.move_cursor(row=keys.index(keep), animate=False)
        elif rows:
            self.move_cursor(row=min(row, len(rows) - 1), animate=False)


class InlineEdit(Horizontal):
    """A one-line question shown under a table: Enter answers it, Esc cancels.

    ``answer`` takes the typed text and raises ``ValueError`` with a message for the
    person when it cannot be read; the question then stays open with the message shown.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="weekly.edit.cancel")]

    @dataclass
    class Failed(Message):
        """An answer could not be read; ``problem`` says why."""

        problem: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._answer: Callable[[str], None] | None = None
        self._return_to: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="inline-label")
        yield LineInput(classes="inline-input")  # a paste keeps all its lines

    def on_mount(self) -> None:
        self.display = False

    @property
    def is_open(self) -> bool:
        """True while a question waits for its answer."""
        return self.display

    def ask(
        self,
        question: Content,
        value: str,
        answer: Callable[[str], None],
        return_to: Widget,
    ) -> None:
        """Show ``question`` with ``value`` typed in; ``answer`` receives the text."""
        self._answer, self._return_to = answer, return_to
        self.query_one(".inline-label", Static).update(question)
        field = self.query_one(".inline-input", Input)
        field.value = value
        self.display = True
        field.focus()

    def submit(self) -> bool:
        """Answer with what is typed; False (and a :class:`Failed`) if it cannot be read."""
        if not self.is_open or self._answer is None:
            return True
        try:
            self._answer(self.query_one(".inline-input", Input).value)
        except ValueError as error:
            self.post_message(self.Failed(str(error)))
            return False
        self.close()
        return True

    def close(self) -> None:
        """Hide the question and give the focus back."""
        self.display = False
        self._answer = None
        if self._return_to is not None:
            self._return_to.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def action_cancel(self) -> None:
        self.close()


class PulsePicker(Widget, can_focus=True):
    """How the week felt, 1 to 5: one key sets it."""

    COMPONENT_CLASSES = {"pulse--chosen"}
    BINDINGS = [
        *(Binding(str(n), f"pick({n})", str(n), show=False) for n in range(1, 6)),
        Binding("left", "step(-1)", "Less", show=False),
        Binding("right", "step(1)", "More", show=False),
    ]
    WORDS = {1: "rough", 2: "meh", 3: "okay", 4: "good", 5: "great"}

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Picked(Message):
        """The person chose a pulse; ``by_number`` when typed (then the step moves on)."""

        value: int
        by_number: bool = True

    def render(self) -> Content:
        chosen = self.get_visual_style("pulse--chosen")
        parts: list[Content | tuple[str, object] | str] = []
        for number, word in self.WORDS.items():
            label = f" {number} {word} "
            parts.append((label, chosen) if number == self.value else label)
            parts.append(" ")
        return Content.assemble(*parts)

    def action_pick(self, number: int) -> None:
        self.value = number
        self.post_message(self.Picked(number))

    def action_step(self, delta: int) -> None:
        start = self.value if self.value is not None else 3 - delta  # the first press: 3
        self.value = min(max(start + delta, 1), 5)
        self.post_message(self.Picked(self.value, by_number=False))
