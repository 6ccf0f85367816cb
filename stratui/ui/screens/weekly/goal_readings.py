"""Step 4, goals: each active goal's confidence (one key, 1-5) and key-result value.

A goal starts with no reading this week, its last one shown beside it: a check-in is
written only for what the person gives (``k`` keeps last week's confidence, in one key),
so a goal nobody looked at does not gain a reading.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.ui.screens.weekly.step import WeeklyStep
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import InlineEdit, ReviewTable


class GoalsStep(WeeklyStep):
    """1-5 sets the confidence of the goal under the cursor, k keeps its last one."""

    STEP = "goals"
    QUESTION = "how confident are you in each goal?"
    BINDINGS = [
        *(
            Binding(str(n), f"confidence({n})", str(n), show=False, id=f"weekly.confidence{n}")
            for n in range(1, 6)
        ),
        Binding("k", "keep", "Keep last", id="weekly.keep_confidence"),
        Binding("v", "value", "Value", id="weekly.value"),
        Binding("n", "note", "Note", id="weekly.goal_note"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(
            "1-5 sets the confidence of the goal under the cursor, k keeps last week's; "
            "a goal left blank gets no check-in.",
            classes="step-hint",
        )
        yield ReviewTable(id="goals-table")
        yield Static(id="goals-empty", classes="step-empty")
        yield InlineEdit(id="goals-edit")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("Conf.", "Value", "Goal", "Key result", "Note")

    def show(self) -> None:
        goals = {goal["id"]: goal for goal in self.context.goals}
        rows = []
        for gid, reading in self.draft.goals.items():
            confidence = reading.confidence
            value = reading.value
            last = self.context.previous_reading(gid)[0]
            if confidence not in (None, ""):
                shown: object = f"{confidence}/5"
            else:
                shown = Text(f"- (last {last})" if last is not None else "-", style="dim")
            rows.append(
                (
                    gid,
                    (
                        shown,
                        _shown(value),
                        cell(reading.title),
                        cell(self._key_result(goals.get(gid, {}), gid)),
                        cell(reading.note),
                    ),
                )
            )
        self.query_one(ReviewTable).refill(rows)
        self.query_one(".step-hint").display = bool(rows)
        empty = self.query_one("#goals-empty", Static)
        empty.display = not rows
        empty.update("No active goals of yours. Enter goes on.")

    def _key_result(self, goal: dict, gid: str) -> str:
        metric = goal.get("metric")
        if not isinstance(metric, dict):
            return ""
        unit = f" {metric['unit']}" if metric.get("unit") else ""
        last = self.context.previous_reading(gid)[1]
        span = f"{_shown(metric.get('baseline'))} → {_shown(metric.get('target'))}{unit}"
        text = f"{metric.get('name', '')}: {span}"
        return text if last is None else f"{text} (last {_shown(last)})"

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _selected(self) -> str | None:
        table = self.query_one(ReviewTable)
        return table.selected_key() if table.has_focus else None

    def action_confidence(self, number: int) -> None:
        gid = self._selected()
        if gid is not None:
            self.draft.goals[gid].confidence = number
            self.changed()
            self.show()

    def action_keep(self) -> None:
        """This week's confidence is last week's: one key, for a goal that has not moved."""
        gid = self._selected()
        if gid is None:
            return
        last = self.context.previous_reading(gid)[0]
        if last is None:
            self.ritual.show_problems(["confidence: this goal has no earlier reading; type 1-5"])
            return
        self.action_confidence(last)

    def action_value(self) -> None:
        gid = self._selected()
        if gid is None:
            return
        reading = self.draft.goals[gid]

        def answer(text: str) -> None:
            reading.value = _number(text)
            self.changed()
            self.show()

        value = "" if reading.value is None else str(reading.value)
        question = literal(f"Key-result value of “{reading.title}”:")
        self.query_one(InlineEdit).ask(question, value, answer, self.query_one(ReviewTable))

    def action_note(self) -> None:
        gid = self._selected()
        if gid is None:
            return
        reading = self.draft.goals[gid]

        def answer(text: str) -> None:
            reading.note = text.strip()
            self.changed()
            self.show()

        question = literal(f"Note on “{reading.title}”:")
        self.query_one(InlineEdit).ask(question, reading.note, answer, self.query_one(ReviewTable))


def _shown(value: object) -> str:
    """A number as people write it (``40``, ``2.5``); anything else as it is."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _number(text: str) -> int | float | None:
    """A typed key-result value; None when blank."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"value: expected a number, got {text!r}")
    return int(value) if value.is_integer() else value
