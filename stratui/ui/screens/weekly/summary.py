"""Step 7, summary: the review as it will be stored; Enter completes it, s writes a file."""

from __future__ import annotations

from textual.binding import Binding

from stratui.ui.screens.ritual import RitualSummaryStep


class SummaryStep(RitualSummaryStep):
    """A preview before completing; the stored summary after.

    The Markdown comes from :mod:`stratui.rituals.weekly.summary`, which escapes user text, so a
    title is shown as typed by the Markdown widget (it never reads Textual markup).
    """

    BINDINGS = [Binding("s", "write", "Write to a file", id="weekly.write")]
