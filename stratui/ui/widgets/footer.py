"""The footer: Textual's, recomposed only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's footer, but a bindings update that shows the same keys does nothing.

    Textual's footer recomposes, restyling every key, on each bindings update, and a
    screen sends one for every change of focus: opening the dashboard sent eight, which
    cost a quarter of the start-up time. What the footer shows is a pure function of the
    screen's active bindings, so it only needs to be drawn again when that changes.
    """

    _shown: tuple = ()

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if self._bindings_ready and shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus:
            self._shown = shown
