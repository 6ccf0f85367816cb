"""A small form dialog: labelled fields, inline validation, submit with Enter.

A form does not know any rule: its ``submit`` callback runs the use case and raises
``ValueError`` (the domain's validation errors are ValueErrors) with a message naming
the field; the form shows it inline and stays open, so nothing is lost or half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from stratui.ui.styles import stylesheet
from stratui.ui.text import cell, literal


@dataclass(frozen=True)
class Field:
    """One field of a form: a text input, or a choice when ``options`` is given."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] | None = None  # (shown, value); "" means none


class Form(ModalScreen[object]):
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
        with Vertical(classes="dialog form"):
            yield Static(self.form_title, classes="dialog-title")
            for spec in self.fields:
                yield Label(spec.label, classes="field-label")
                if spec.options is not None:
                    # Rich Text, not Content: both are literal, but Select's type-to-search
                    # only reads str and Text prompts (so "p" jumps to "pivot").
                    yield Select(
                        [(cell(shown), value) for shown, value in spec.options],
                        value=spec.value if spec.value else Select.NULL,
                        allow_blank=True,
                        id=f"field-{spec.name}",
                    )
                else:
                    yield Input(spec.value, placeholder=spec.placeholder, id=f"field-{spec.name}")
            yield Static("", id="form-error", classes="form-error")
            yield Static("Enter: save   Esc: cancel", classes="dialog-hint")

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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Run the submit callback; show its error inline, or close with its result."""
        try:
            result = self.submit(self.values())
        except (ValueError, LookupError) as error:
            self.query_one("#form-error", Static).update(literal(str(error).strip("'\"")))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
