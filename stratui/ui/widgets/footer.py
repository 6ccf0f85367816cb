"""The footer: the screen's keys on one line, drawn by a single widget.

Textual's own footer is a container of one widget per key, and it recomposes them all on
each bindings update (a screen sends one for every change of focus). On the dashboard
that was eleven widgets to style, lay out and render before the first frame, about a
fifth of stratui's start-up. What a footer shows is a pure function of the screen's
active bindings, so this one keeps that as data, draws it as one line of text, and
redraws only when it changes. It reads the same theme variables as Textual's footer.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class FooterKey(NamedTuple):
    """One key as the footer shows it."""

    key: str  # the key to simulate when clicked
    display: str  # how the key reads, e.g. ``^p`` or ``f1``
    description: str
    enabled: bool


class Footer(Widget, can_focus=False):
    """The active screen's shown keys, left to right, and the command palette's on the
    right; when the line is too narrow, keys are cut from the end, never the palette."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[FooterKey, ...] = ()  # the keys shown, in order
        self.palette: FooterKey | None = None  # the command palette's key
        self._spans: list[tuple[int, int, FooterKey]] = []  # where each key was drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Read the screen's active bindings; redraw only if what is shown changed."""
        app = self.app
        keys: list[FooterKey] = []
        palette = None
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = FooterKey(binding.key, app.get_key_display(binding), "palette", enabled)
            elif binding.show and binding.action not in seen:  # one key per action
                seen.add(binding.action)
                display = app.get_key_display(binding)
                keys.append(FooterKey(binding.key, display, binding.description, enabled))
        if (tuple(keys), palette) != (self.keys, self.palette):
            self.keys, self.palette = tuple(keys), palette
            self.refresh()

    def render(self) -> Content:
        key_style = self.get_visual_style("footer--key")
        description_style = self.get_visual_style("footer--description")
        width = self.size.width
        right = self._label(self.palette, key_style, description_style) if self.palette else None
        room = width - (right.cell_length if right else 0)
        parts: list[Content] = []
        spans: list[tuple[int, int, FooterKey]] = []
        position = 0
        for key in self.keys:
            label = self._label(key, key_style, description_style)
            if position + label.cell_length > room:
                break
            parts.append(label)
            spans.append((position, position + label.cell_length, key))
            position += label.cell_length
        if right is not None:
            parts.append(Content(" " * (width - position - right.cell_length)))
            spans.append((width - right.cell_length, width, self.palette))  # type: ignore[arg-type]
            parts.append(right)
        self._spans = spans
        return Content.assemble(*parts)

    @staticmethod
    def _label(key: FooterKey, key_style: object, description_style: object) -> Content:
        """`` w Weekly review `` with the key and the description in their styles,
        dimmed when the key does nothing here."""
        label = Content.assemble(
            (f" {key.display} ", key_style),  # type: ignore[arg-type]
            (f"{key.description} ", description_style),  # type: ignore[arg-type]
        )
        return label if key.enabled else label.stylize("dim")

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it."""
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
