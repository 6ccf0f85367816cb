"""Step 5, summary: the team review as it will be stored; Enter completes it, s writes
the Markdown to a file whose path is shown."""

from __future__ import annotations

from textual.binding import Binding

from stratui.ui.screens.ritual import RitualSummaryStep


class TeamSummaryStep(RitualSummaryStep):
    """A preview before completing; the stored summary after.

    The Markdown comes from :mod:`stratui.rituals.team.summary`, which escapes user text.
    """

    BINDINGS = [Binding("s", "write", "Write to a file", id="team.write")]
    DONE = "Team review complete"
    WRITE_HINT = "s: write it to a Markdown file · Esc: dashboard"
    OPEN_HINT = "Enter completes the team review · ctrl+b goes back"
