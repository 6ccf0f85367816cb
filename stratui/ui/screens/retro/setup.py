"""Phase 1, setup: the format (the four built-ins, then the team's templates'), the
participants, the dots each; the icebreaker when the team's template has a pool."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Static

from stratui.rituals.retro.formats import RetroFormat, built_in_formats
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import ReviewTable


class SetupPhase(Phase):
    """The row under the cursor is the format; the votes and participants are typed."""

    STEP = "setup"
    QUESTION = "which format, who takes part, how many votes each?"
    BINDINGS = [
        Binding("i", "icebreaker", "Another icebreaker", show=False, id="retro.icebreaker"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(
            "↑↓ chooses the format · Tab: votes and participants · p: another week",
            classes="step-hint",
        )
        yield ReviewTable(id="setup-formats")
        yield Static(id="setup-source", classes="step-hint")
        yield Static(id="setup-icebreaker")
        yield Static(id="setup-refused")
        with Horizontal(id="setup-fields"):
            with Vertical(id="setup-votes-box"):
                yield Label("Votes per participant", classes="field-label")
                yield Input(id="setup-votes", type="integer")
            with Vertical(id="setup-participants-box"):
                yield Label("Participants (comma separated)", classes="field-label")
                yield Input(id="setup-participants", select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Format", "Categories")

    def formats(self) -> list[RetroFormat]:
        """The formats offered: the built-ins, then the templates' for the team, then the
        draft's own copy of a template's format no longer offered (changed or gone)."""
        offered = [*built_in_formats(), *self.context.formats]
        kept = self.draft.custom_format
        if kept is not None and kept.name not in {fmt.name for fmt in offered}:
            offered.append(kept)
        return offered

    def show(self) -> None:
        rows = [
            (fmt.name, (cell(fmt.title), cell(", ".join(c.title for c in fmt.categories))))
            for fmt in self.formats()
        ]
        self.query_one(ReviewTable).refill(rows, self.draft.format or None)
        self._show_source()
        self._show_icebreaker()
        refused = self.context.template_problems
        note = self.query_one("#setup-refused", Static)
        note.display = bool(refused)
        note.update(
            literal(
                f"Refused (stratui template check): {refused[0]}"
                + (f" (and {len(refused) - 1} more)" if len(refused) > 1 else "")
            )
            if refused
            else ""
        )
        # A field being typed in keeps what is typed: the screen redraws whenever someone
        # writes to the retrospective (a card from a participant), and a redraw must not
        # undo the leader's typing before Enter hands it to the draft.
        for selector, value in (
            ("#setup-votes", str(self.draft.votes_per_person)),
            ("#setup-participants", ", ".join(self.draft.participants)),
        ):
            field = self.query_one(selector, Input)
            if not field.has_focus:
                field.value = value

    def _show_source(self) -> None:
        fmt = self.draft.retro_format
        where = ""
        if fmt is not None and not fmt.is_built_in:
            scope = f"team {fmt.team}" if fmt.team else "everyone"
            where = f"{fmt.title}: a template for {scope} ({fmt.source})"
        source = self.query_one("#setup-source", Static)
        source.display = bool(where)
        source.update(literal(where))

    def _show_icebreaker(self) -> None:
        line = self.query_one("#setup-icebreaker", Static)
        line.display = bool(self.draft.icebreaker)
        more = " · i: another" if len(self.context.icebreakers) > 1 else ""
        line.update(literal(f"Icebreaker: {self.draft.icebreaker}{more}"))

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    @on(DataTable.RowHighlighted, "#setup-formats")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        name = event.row_key.value
        if not name or name == self.draft.format:
            return
        fmt = next((fmt for fmt in self.formats() if fmt.name == name), None)
        if fmt is not None and self.attempt(lambda: self.draft.choose_format(fmt) or True):
            self._show_source()

    def action_icebreaker(self) -> None:
        if self.attempt(lambda: self.draft.another_icebreaker(self.context)) is not None:
            self._show_icebreaker()

    def apply_pending(self) -> bool:
        if not super().apply_pending():
            return False
        votes = self.query_one("#setup-votes", Input).value
        if self.attempt(lambda: self.draft.set_votes_per_person(votes)) is None:
            return False
        typed = self.query_one("#setup-participants", Input).value
        names = [name.strip() for name in typed.split(",") if name.strip()]
        if names != self.draft.participants:
            self.draft.participants = names
            self.changed()
        return True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.ritual.action_next()
