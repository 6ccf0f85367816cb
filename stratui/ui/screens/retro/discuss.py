"""Phase 6, discuss: the topics in vote order, and the actions agreed (owner, due date,
and optionally the goal they serve and a confidence).

An action becomes a commitment with source ``retro`` when the retrospective finishes,
and is followed up at the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.rituals.retro import NewAction
from stratui.rituals.typed import read_date
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.retro.phase import Phase
from stratui.ui.text import cell, literal
from stratui.ui.widgets.review import InlineEdit, ReviewTable

ACTION = "action:"  # the row key prefix of an action in the actions table


class DiscussPhase(Phase):
    """a adds an action for the topic under the cursor; n notes what was said."""

    STEP = "discuss"
    QUESTION = "talk about the top topics; what will we do?"
    BINDINGS = [
        Binding("a", "add", "Action", id="retro.add_action"),
        Binding("n", "note", "Note", id="retro.topic_note"),
        Binding("delete", "remove", "Remove action", id="retro.remove_action"),
    ]

    def compose(self) -> ComposeResult:
        yield ReviewTable(id="discuss-topics")
        yield Static(id="discuss-count", classes="step-hint")
        yield ReviewTable(id="discuss-actions")
        yield InlineEdit(id="discuss-edit")

    def on_mount(self) -> None:
        self.query_one("#discuss-topics", ReviewTable).add_columns("Dots", "Topic", "Note")
        self.query_one("#discuss-actions", ReviewTable).add_columns(
            "Owner", "Due", "Conf", "Action", "Goal"
        )

    def show(self, select: str | None = None) -> None:
        topics = [
            (
                topic.key,
                (
                    str(topic.votes),
                    cell(topic.label),
                    cell(self.draft.discussion.get(topic.key, "")),
                ),
            )
            for topic in self.draft.topics()
        ]
        self.query_one("#discuss-topics", ReviewTable).refill(topics)
        goals = {str(g["id"]): str(g.get("title", "")) for g in self.context.goals}
        today = self.ritual.ws.clock.today()
        actions = [
            (
                f"{ACTION}{number}",
                (
                    cell(a.owner),
                    cell(_due(a.due, today)),
                    cell("" if a.confidence in (None, "") else f"{a.confidence}/5"),
                    cell(a.title),
                    cell(goals.get(a.goal_id or "", "")),
                ),
            )
            for number, a in enumerate(self.draft.actions)
        ]
        table = self.query_one("#discuss-actions", ReviewTable)
        table.refill(actions, select)
        table.display = bool(actions)
        self.query_one("#discuss-count", Static).update(
            f"{len(actions)} action(s) · a: add one for the topic under the cursor · "
            "n: note · Tab: the actions (Delete removes)"
        )

    def focus_first(self) -> None:
        self.query_one("#discuss-topics", ReviewTable).focus()

    def _topic(self) -> str | None:
        return self.query_one("#discuss-topics", ReviewTable).selected_key()

    def action_add(self) -> None:
        topic = self._topic()
        labels = {t.key: t.label for t in self.draft.topics()}
        today = self.ritual.ws.clock.today()
        people = self.context.people

        def submit(values: dict[str, str]) -> NewAction:
            return NewAction.typed(
                values["title"],
                values["owner"],
                people=people,
                today=today,
                due=values["due"],
                confidence=values["confidence"],
                topic=values["topic"],
                goal_id=values["goal"],
            )

        fields = [
            Field("title", "Action"),
            Field("owner", "Owner", options=owner_options(self.draft.participants, people)),
            Field("due", "Due (optional)", placeholder="fri, +1w, 2026-12-04"),
            Field("goal", "Goal (optional)", options=goal_options(self.context.goals)),
            Field("confidence", "Confidence 1-5 (optional)", placeholder="how sure, 1-5"),
            Field("topic", "Topic", topic or "", options=[(v, k) for k, v in labels.items()]),
        ]
        self.app.push_screen(Form("Add an action", fields, submit), self._added)

    def _added(self, action: object) -> None:
        if isinstance(action, NewAction):
            self.draft.actions.append(action)
            self.changed()
            self.show(select=f"{ACTION}{len(self.draft.actions) - 1}")
            self.focus_first()

    def action_note(self) -> None:
        key = self._topic()
        if key is None:
            return

        def answer(text: str) -> None:
            self.draft.discussion[key] = text.strip()
            self.changed()
            self.show()

        label = next((t.label for t in self.draft.topics() if t.key == key), "")
        self.query_one(InlineEdit).ask(
            literal(f"Note on “{label[:30]}”:"),
            self.draft.discussion.get(key, ""),
            answer,
            self.query_one("#discuss-topics", ReviewTable),
        )

    def action_remove(self) -> None:
        table = self.query_one("#discuss-actions", ReviewTable)
        key = (table.selected_key() if table.has_focus else None) or ""
        if key.startswith(ACTION):
            del self.draft.actions[int(key.removeprefix(ACTION))]
            self.changed()
            self.show()
            if not self.draft.actions:
                self.focus_first()


def owner_options(participants: Sequence[str], people: Iterable[Mapping]) -> list[tuple[str, str]]:
    """Who may own an action: the participants who are known people, then everyone else
    known (an owner must be a known person)."""
    known = [str(person["name"]) for person in people]
    first = [name for name in participants if name in known]
    rest = sorted((name for name in known if name not in first), key=str.casefold)
    return [(name, name) for name in [*first, *rest]]


def goal_options(goals: Iterable[Mapping]) -> list[tuple[str, str]]:
    """The active goals an action may serve, by title (blank: none)."""
    return [(str(goal.get("title", "")), str(goal["id"])) for goal in goals]


def _due(typed: str | None, today: dt.date) -> str:
    """The day a typed due date means (``fri`` -> ``2026-12-04``), else as typed."""
    try:
        return read_date(typed, today) or ""
    except ValueError:
        return typed or ""
