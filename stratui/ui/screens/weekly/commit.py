"""Step 6, commit: next week's commitments, typed one per line, against the capacity hint.

A title and Enter adds one; its due date, confidence and goal are optional, typed on the
line below before Enter (Tab reaches them) or changed later with ``e`` on its row. The
due date is read when the commitment is added, with the words every date field reads,
so the day shown in the list is the day kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Label, Select, Static

from stratui.domain.weeks import monday, next_week
from stratui.rituals.weekly import NewCommitment
from stratui.rituals.weekly.capacity import CapacityHint
from stratui.rituals.weekly.draft import WeeklyDraft
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.steps import Step
from stratui.ui.text import cell, literal
from stratui.ui.widgets.line_input import LineInput
from stratui.ui.widgets.review import ReviewTable

NEW = "new:"  # the row key prefix of a commitment made in this review


class CommitSource(Protocol):
    """What the commit step reads of the store: the commitments already planned for
    next week, the goals a commitment may serve, the capacity hint (a weekly review's
    context; the team review gives one member's)."""

    @property
    def planned(self) -> list[dict]: ...

    @property
    def goals(self) -> list[dict]: ...

    def hint(self, draft: WeeklyDraft) -> CapacityHint: ...


class CommitStep(Step[WeeklyDraft, CommitSource]):
    """Type a title and Enter to add it; Enter on an empty line goes on to the summary."""

    STEP = "commit"
    _goal_ids: list[str] | None = None  # the goals the goal choice offers now
    BINDINGS = [
        Binding("e", "edit", "Edit new", id="weekly.edit_commitment"),
        Binding("delete", "remove", "Remove new", id="weekly.remove_commitment"),
        Binding("down", "to_list", "To the list", show=False, id="weekly.to_list"),
    ]

    def question(self) -> str:
        return f"what will you do in {next_week(self.draft.period)}?"

    def compose(self) -> ComposeResult:
        yield Static(id="commit-hint")
        yield Static(id="commit-warning")
        yield LineInput(id="commit-title")
        with Horizontal(id="commit-details"):
            yield Label("Due", classes="commit-label")
            yield LineInput(placeholder="fri, +3d", id="commit-due")
            yield Label("Confidence", classes="commit-label")
            yield LineInput(placeholder="1-5", id="commit-confidence")
            yield Label("Goal", classes="commit-label")
            yield Select[str]([], prompt="none", id="commit-goal")
        yield Static(
            "Enter adds it (due, confidence, goal: optional, Tab) · Enter on an empty line: "
            "next step · ↓ the list: e edit, Delete remove a new one",
            classes="step-hint",
        )
        yield ReviewTable(id="commit-table")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns("From", "Next week", "Due", "Conf", "Goal")

    def goals(self) -> list[dict]:
        """The goals a new commitment may be linked to (the owner's active goals)."""
        return list(self.context.goals)

    def show(self, select: str | None = None) -> None:
        following = next_week(self.draft.period)
        self.query_one("#commit-title", LineInput).placeholder = f"a commitment for {following}"
        titles = {goal["id"]: str(goal.get("title", "")) for goal in self.goals()}
        rows = [
            (record["id"], ("planned", *_plan_cells(record, titles)))
            for record in self.context.planned
            if record.get("owner") == self.draft.owner and not record.get("deleted")
        ]
        rows += [
            (f"carry:{cid}", ("carried", cell(outcome.title), "", "", ""))
            for cid, outcome in self.draft.outcomes.items()
            if outcome.carry
        ]
        rows += [
            (f"{NEW}{number}", ("new", *_plan_cells(vars(item), titles)))
            for number, item in enumerate(self.draft.new_commitments)
        ]
        self.query_one(ReviewTable).refill(rows, select)
        goal = self.query_one("#commit-goal", Select)
        options = [(cell(title), gid) for gid, title in titles.items()]
        if [value for _, value in options] != self._goal_ids:
            self._goal_ids = [value for _, value in options]
            goal.set_options(options)
        hint = self.context.hint(self.draft)
        text = _sentence(hint.text) if hint.subject == "you" else hint.text  # a name as typed
        self.query_one("#commit-hint", Static).update(literal(text))
        warning = self.query_one("#commit-warning", Static)
        warning.update(literal(f"⚠ {_sentence(hint.warning)}" if hint.warning else ""))
        warning.display = hint.over

    def focus_first(self) -> None:
        self.query_one("#commit-title", LineInput).focus()

    def apply_pending(self) -> bool:
        try:
            self._add_typed()
        except ValueError as error:
            self.ritual.show_problems([str(error)])
            return False
        return super().apply_pending()

    def _typed(self) -> tuple[LineInput, LineInput, LineInput, Select]:
        return (
            self.query_one("#commit-title", LineInput),
            self.query_one("#commit-due", LineInput),
            self.query_one("#commit-confidence", LineInput),
            self.query_one("#commit-goal", Select),
        )

    def _add_typed(self) -> bool:
        """Add what is typed as a new commitment; False when nothing was typed.

        Raises ValueError naming the field when a detail cannot be read (nothing is
        added, and what was typed stays to be corrected).
        """
        title, due, confidence, goal = self._typed()
        chosen = goal.value if isinstance(goal.value, str) else None
        if not title.value.strip() and not (due.value.strip() or confidence.value or chosen):
            return False
        item = NewCommitment.typed(
            title.value,
            due=due.value,
            confidence=confidence.value,
            goal_id=chosen,
            today=self.ritual.ws.clock.today(),
        )
        self.draft.new_commitments.append(item)
        following = next_week(self.draft.period)
        if item.due and dt.date.fromisoformat(item.due) < monday(following):
            self.notify(f"Due {item.due}: before {following} starts.", title="Due date")
        title.value = due.value = confidence.value = ""
        goal.clear()
        self.ritual.show_problems([])
        self.changed()
        self.show(select=f"{NEW}{len(self.draft.new_commitments) - 1}")
        title.focus()
        return True

    @on(LineInput.Submitted, "#commit-title, #commit-due, #commit-confidence")
    def _submitted(self, event: LineInput.Submitted) -> None:
        event.stop()
        try:
            added = self._add_typed()
        except ValueError as error:
            self.ritual.show_problems([str(error)])
            return
        if not added:
            self.ritual.action_next()

    def action_to_list(self) -> None:
        self.query_one(ReviewTable).focus()

    def _selected_new(self) -> int | None:
        table = self.query_one(ReviewTable)
        key = (table.selected_key() if table.has_focus else None) or ""
        return int(key.removeprefix(NEW)) if key.startswith(NEW) else None

    def action_remove(self) -> None:
        number = self._selected_new()
        if number is not None:
            del self.draft.new_commitments[number]
            self.changed()
            self.show()

    def action_edit(self) -> None:
        """Change a new commitment's title, due date, confidence or goal."""
        number = self._selected_new()
        if number is None:
            return
        item = self.draft.new_commitments[number]
        today = self.ritual.ws.clock.today()

        def submit(values: dict[str, str]) -> NewCommitment:
            return NewCommitment.typed(
                values["title"],
                due=values["due"],
                confidence=values["confidence"],
                goal_id=values["goal"] or None,
                today=today,
            )

        def done(result: object) -> None:
            if isinstance(result, NewCommitment):
                self.draft.new_commitments[number] = result
                self.changed()
                self.show(select=f"{NEW}{number}")
            self.query_one(ReviewTable).focus()

        goals = [(str(goal.get("title", "")), goal["id"]) for goal in self.goals()]
        confidence = item.confidence
        fields = [
            Field("title", "Title", item.title),
            Field("due", "Due (optional)", item.due or "", placeholder="fri, +3d, 2026-12-04"),
            Field("confidence", "Confidence 1-5 (optional)", str(confidence or "")),
            Field("goal", "Goal (optional)", item.goal_id or "", options=goals),
        ]
        self.app.push_screen(Form("Edit the commitment", fields, submit), done)


def _plan_cells(record: dict, goal_titles: dict[str, str]) -> tuple:
    """A commitment's title, due date, confidence and goal, as the list shows them."""
    confidence = record.get("confidence")
    goal = goal_titles.get(str(record.get("goal_id")), "") if record.get("goal_id") else ""
    return (
        cell(record.get("title", "")),
        str(record.get("due") or ""),
        str(confidence) if confidence is not None else "",
        cell(goal),
    )


def _sentence(text: str | None) -> str:
    """``you commit to 5`` -> ``You commit to 5``."""
    return (text or "")[:1].upper() + (text or "")[1:]
