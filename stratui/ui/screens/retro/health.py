"""Phase 7, health: an optional check, each dimension rated 1-5 beside the last one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.rituals.retro.room import attendance
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import ReviewTable


class HealthPhase(Phase):
    """A digit rates the dimension under the cursor (and turns the check on); k skips."""

    STEP = "health"
    QUESTION = "how healthy is the team? (optional)"
    BINDINGS = [
        *(
            Binding(str(n), f"rate({n})", str(n), show=False, id=f"retro.health{n}")
            for n in range(1, 6)
        ),
        Binding("0,backspace", "clear", "Clear", show=False, id="retro.health_clear"),
        Binding("k", "skip", "Skip the check", id="retro.health_skip"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="health-status", classes="step-hint")
        yield ReviewTable(id="health-table")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Now", "Last retro", "Dimension")

    def show(self, select: str | None = None) -> None:
        previous = self.context.previous_health
        rows = []
        for dimension, value in self.draft.health.items():
            now = f"{value}/5" if value not in (None, "") and self.draft.health_check else "-"
            before = f"{previous[dimension]}/5" if dimension in previous else ""
            rows.append((dimension, (now, before, cell(dimension))))
        self.query_one(ReviewTable).refill(rows, select)
        draft = self.draft
        state = "on" if draft.health_check else "off (skipped)"
        room = attendance(draft, draft.joined).line("health")
        team = draft.health_scores()
        means = ", ".join(f"{dimension} {score}" for dimension, score in team.items())
        self.query_one("#health-status", Static).update(
            literal(
                f"Your check {state} · {room}"
                + (f" (mean so far: {means})" if means else "")
                + " · 1-5 rates the row under the cursor · 0 clears · k skips yours"
                + " · Enter goes on"
            )
        )

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _selected(self) -> str | None:
        return self.query_one(ReviewTable).selected_key()

    def action_rate(self, score: int) -> None:
        dimension = self._selected()
        if dimension is None:
            return
        self.attempt(lambda: self.draft.rate(dimension, score) or True)
        self.show(select=after(list(self.draft.health), dimension))

    def action_clear(self) -> None:
        dimension = self._selected()
        if dimension is not None:
            self.attempt(lambda: self.draft.rate(dimension, ""))
            self.show()

    def action_skip(self) -> None:
        self.draft.health_check = False
        self.changed()
        self.ritual.show_problems([])
        self.show()


def after(keys: list[str], key: str) -> str:
    """The key after ``key`` (the last stays): where the cursor goes once one is answered."""
    index = keys.index(key) if key in keys else len(keys) - 1
    return keys[min(index + 1, len(keys) - 1)]
