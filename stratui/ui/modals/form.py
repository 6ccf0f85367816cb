"""A small form dialog: labelled fields, inline validation, submit with Enter.

A form does not know any rule: its ``submit`` callback runs the use case and raises
``ValueError`` (the domain's validation errors are ValueErrors) with a message naming
the field; the form shows it inline and stays open, so nothing is lost or half-written.

Each field takes one row, its label beside it, when the dialog is wide enough (at 80
columns a six-field form fits a 24-row terminal without scrolling); on a narrow
terminal the label goes above its field. The fields scroll between the title and the
error line and hint, which stay on screen (:mod:`stratui.ui.modals.frame`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, Select

from stratui.ui.modals.frame import DialogFrame, DialogScreen, dialog_parts
from stratui.ui.styles import stylesheet
from stratui.ui.text import cell, error_message
from stratui.ui.widgets.line_input import LineInput

LABEL_WIDTH = 30  # at most; a longer label wraps onto a second row
STACK_BELOW = 60  # terminal columns under which a label goes above its field


@dataclass(frozen=True)
class Field:
    """One field of a form: a text input, or a choice when ``options`` is given."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] | None = None  # (shown, value); "" means none


def _width(label: Content | str) -> int:
    return label.cell_length if isinstance(label, Content) else cell_len(label)


class Form(DialogScreen[object]):
    """Ask for ``fields``; ``submit(values)`` returns the result or raises ValueError."""

    CSS_PATH = stylesheet("dialogs.tcss")

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel")]

    def __init__(
        self, title: str, fields: Sequence[Field], submit: Callable[[dict[str, str]], object]
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.submit = submit

    def compose(self) -> ComposeResult:
        with DialogFrame(classes="dialog form"):
            yield from dialog_parts(
                self.form_title, "Tab: next field   Enter: save   Esc: cancel"
            )
            for spec in self.fields:
                with Horizontal(classes="form-field"):
                    yield Label(spec.label, classes="form-label")
                    if spec.options is not None:
                        # Rich Text, not Content: both are literal, but Select's
                        # type-to-search only reads str and Text prompts.
                        yield Select(
                            [(cell(shown), value) for shown, value in spec.options],
                            value=spec.value if spec.value else Select.NULL,
                            allow_blank=True,
                            compact=True,
                            id=f"field-{spec.name}",
                        )
                    else:
                        yield LineInput(
                            spec.value,
                            placeholder=spec.placeholder,
                            compact=True,
                            id=f"field-{spec.name}",
                        )

    def on_mount(self) -> None:
        self._lay_out(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(event.size.width)

    def _lay_out(self, columns: int) -> None:
        """Labels beside their fields (as wide as the longest, up to LABEL_WIDTH), or
        above them on a terminal narrower than STACK_BELOW."""
        stacked = columns < STACK_BELOW
        self.query_one(DialogFrame).set_class(stacked, "-stacked")
        widest = max((_width(spec.label) for spec in self.fields), default=0)
        for label in self.query(".form-label"):
            label.styles.width = None if stacked else min(widest + 2, LABEL_WIDTH)

    def values(self) -> dict[str, str]:
        """The current value of every field, as text ("" for none)."""
        result = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                result[spec.name] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                result[spec.name] = widget.value
        return result

    def on_input_submitted(self, event: LineInput.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Run the submit callback; show its error inline, or close with its result."""
        try:
            result = self.submit(self.values())
        except (ValueError, LookupError) as error:
            message = error_message(error)
            self._focus_field(getattr(error, "field", None) or message.split(":", 1)[0])
            self.show_error(message)
            return
        self.dismiss(result)

    def _focus_field(self, name: object) -> None:
        """Focus the field an error names, if the form has it, so the person lands where
        the fix is: ``ValidationError.field``, or the ``field:`` its message starts with
        (``due: cannot read ...``; ``--on:`` from a use case the CLI shares is ``on``)."""
        name = str(name).strip().lstrip("-")
        if any(spec.name == name for spec in self.fields):
            self.query_one(f"#field-{name}").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
