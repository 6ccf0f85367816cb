"""Step 4, summary: the review as it will be stored; Enter completes it, s writes a file."""

from __future__ import annotations

from textual.binding import Binding

from stratui.ui.screens.ritual import RitualSummaryStep


class QuarterlySummaryStep(RitualSummaryStep):
    """A preview before completing; the stored summary after.

    The Markdown comes from :mod:`stratui.rituals.quarterly.summary`, which escapes user
    text; the Markdown widget never reads Textual markup.
    """

    BINDINGS = [Binding("s", "write", "Write to a file", id="quarterly.write")]
    ID_PREFIX = "quarterly-"
    WRITE_HINT = "s: write it to a Markdown file · Esc: leave"
