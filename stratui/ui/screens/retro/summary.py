"""Phase 8, summary: the retrospective as it will be stored; Enter completes it, s writes
the Markdown to a file whose path is shown."""

from __future__ import annotations

from textual.binding import Binding

from stratui.ui.screens.retro.phase import Phase
from stratui.ui.screens.ritual import RitualSummaryStep


class RetroSummaryPhase(RitualSummaryStep, Phase):
    """A preview before completing; the stored summary after.

    The Markdown comes from :mod:`stratui.rituals.retro.summary`, which escapes user
    text, so a card is shown as written (the Markdown widget never reads Textual markup).
    """

    BINDINGS = [Binding("s", "write", "Write to a file", id="retro.write")]
    DONE = "Retrospective complete"
    WRITE_HINT = "s: write it to a Markdown file · Esc: dashboard"
    OPEN_HINT = "Enter completes the retrospective · ctrl+b goes back"
