"""A small widget the retrospective's phases share: a row of choices, one highlighted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget


class ChoicePicker(Widget, can_focus=True):
    """One of a few choices in a row (a category, a voter): left and right change it.

    Labels may be user text (a participant's name): they are shown literally.
    """

    COMPONENT_CLASSES = {"choice--chosen"}
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right", "step(1)", "Next", show=False),
    ]

    @dataclass
    class Picked(Message):
        """A choice was made; ``value`` is its value."""

        picker: ChoicePicker
        value: str

        @property
        def control(self) -> ChoicePicker:
            return self.picker

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.options: list[tuple[str, str]] = []  # (label, value)
        self.index = 0

    def set_options(self, options: Sequence[tuple[str, str]], value: str | None) -> None:
        """Show ``options`` (label, value) with ``value`` chosen (else the first)."""
        self.options = list(options)
        values = [v for _, v in self.options]
        self.index = values.index(value) if value in values else 0
        self.refresh()

    @property
    def value(self) -> str | None:
        """The chosen value, None when there are no options."""
        return self.options[self.index][1] if self.options else None

    def render(self) -> Content:
        chosen = self.get_visual_style("choice--chosen")
        parts: list[Content] = []
        for index, (label, _) in enumerate(self.options):
            text = Content(f" {label} ")
            parts.append(text.stylize(chosen) if index == self.index else text)
            parts.append(Content(" "))
        return Content("").join(parts) if parts else Content("")

    def action_step(self, delta: int) -> None:
        """Choose the previous or next option (wrapping round)."""
        if not self.options:
            return
        self.index = (self.index + delta) % len(self.options)
        self.refresh()
        self.post_message(self.Picked(self, self.options[self.index][1]))
