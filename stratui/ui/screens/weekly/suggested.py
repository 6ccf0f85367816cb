"""The personal look-back with suggestions: what git, Taskwarrior and GitHub hold of the
reviewed week, shown under the commitments as hints, never as records.

The sources are those of the ``[lookback]`` section of the person's config.toml
(:mod:`stratui.usecases.lookback`), read in a thread when the step is first shown for a
week, so a slow repository never holds the review up; a source that cannot be read is a
line under the list, and the review goes on. ``a`` makes the highlighted suggestion a
commitment of the reviewed week (undecided, like any other: the person then decides its
outcome), ``o`` appends it to the outcome note of the commitment under the cursor above.
A suggestion taken either way is not offered again (its ``ref``).

The team review's member look-back is the plain step: suggestions are a person's own.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static
from textual.worker import get_current_worker

from stratui.exchange.suggestions import Suggestion, untaken
from stratui.ui.screens.weekly.lookback import LookBackStep
from stratui.ui.text import cell, literal_block
from stratui.ui.widgets.review import ReviewTable
from stratui.usecases.lookback import Suggestions, week_suggestions

SUGGESTION_ACTIONS = ("take_commitment", "take_note")


class SuggestedLookBack(LookBackStep):
    """The weekly look-back, with the week's suggestions from the person's own tools."""

    BINDINGS = [
        *LookBackStep.BINDINGS,
        Binding("a", "take_commitment", "Commitment", id="weekly.suggestion.commit"),
        Binding("o", "take_note", "To note", id="weekly.suggestion.note"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._read: dict[str, Suggestions] = {}  # by period: what the sources held
        self._offered: dict[str, Suggestion] = {}  # by ref: the rows of the table

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(id="lookback-suggest-title", classes="step-hint")
        yield ReviewTable(id="lookback-suggestions")
        yield Static(id="lookback-sources", classes="step-hint")

    def on_mount(self) -> None:  # after LookBackStep's own (Textual calls each class's)
        self.suggestions_table().add_columns("From", "Day", "Suggestion")

    def suggestions_table(self) -> ReviewTable:
        """The table of the week's suggestions."""
        return self.query_one("#lookback-suggestions", ReviewTable)

    def show(self) -> None:
        super().show()
        period = self.draft.period
        if period not in self._read:
            self._read[period] = Suggestions()  # asked once per week shown
            self._read_sources(period)
        self._show_suggestions()

    @work(thread=True, exclusive=True, group="lookback-sources")
    def _read_sources(self, period: str) -> None:
        worker = get_current_worker()
        found = week_suggestions(period, stop=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return  # the review was left: nothing to show
        self.app.call_from_thread(self._sources_read, period, found)

    def _sources_read(self, period: str, found: Suggestions) -> None:
        self._read[period] = found
        if self.is_mounted and self.draft.period == period:
            self._show_suggestions()

    def _show_suggestions(self) -> None:
        read = self._read.get(self.draft.period) or Suggestions()
        taken = self.context.external_refs() | set(self.draft.taken)
        offered = untaken(read.found, taken)
        self._offered = {s.ref: s for s in offered}
        table = self.suggestions_table()
        table.refill([(s.ref, (cell(s.origin), f"{s.day:%a %d}", cell(s.title))) for s in offered])
        table.display = bool(offered)
        title = self.query_one("#lookback-suggest-title", Static)
        title.display = bool(offered)
        title.update(
            f"{len(offered)} suggestion{'s' if len(offered) != 1 else ''}, not records: "
            "a makes one a commitment · o adds it to the note above"
        )
        problems = self.query_one("#lookback-sources", Static)
        problems.display = bool(read.problems)
        problems.update(literal_block("\n".join(read.problems)))
        self.refresh_bindings()

    def _highlighted(self) -> Suggestion | None:
        table = self.suggestions_table()
        if not table.has_focus:
            return None
        ref = table.selected_key()
        return self._offered.get(ref) if ref else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SUGGESTION_ACTIONS:
            return bool(self._offered)  # shown only when there are some
        return True

    def action_take_commitment(self) -> None:
        suggestion = self._highlighted()
        if suggestion is None:
            self.ritual.show_problems(["highlight a suggestion first (Tab to the list)"])
            return
        if self.ritual.commit_suggestion(suggestion):  # type: ignore[attr-defined]
            self._show_suggestions()

    def action_take_note(self) -> None:
        suggestion = self._highlighted()
        cid = self.commitments_table().selected_key()
        if suggestion is None or cid is None:
            self.ritual.show_problems(
                ["highlight a suggestion, with the commitment it belongs to selected above"]
            )
            return
        self.draft.add_note(cid, suggestion.mention, suggestion.ref)
        self.changed()
        self.show()
        self.ritual.show_problems([])
