"""One goal in full: where it stands, its readings over time, the work and the roadblocks.

Pushed from the goal tree with Enter. Everything shown comes from one call,
:func:`stratui.usecases.goals.detail`; every user text is Rich ``Text`` or literal content.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Sparkline, Static

from stratui.store.errors import UnknownId
from stratui.ui.screens.base import StratuiScreen
from stratui.ui.styles import stylesheet
from stratui.ui.text import plain
from stratui.ui.widgets.standing import health_text, number, percent
from stratui.usecases import goals as usecases

MAX_SHOWN = 8  # readings listed beside a sparkline (the latest ones)


class GoalDetailScreen(StratuiScreen):
    """The goal ``goal_id``: standing, confidence and value history, cascade, work."""

    HELP_TITLE = "Goal detail"
    CSS_PATH = stylesheet("goals.tcss")
    BINDINGS = [
        Binding("escape", "back", "Goals", id="goal.back"),
        Binding("i", "check_in", "Check in", id="goal.check_in"),
    ]

    def __init__(self, goal_id: str) -> None:
        super().__init__()
        self.goal_id = goal_id

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="goal-detail"):
            yield Static(id="goal-title")
            yield Static(id="goal-cascade")
            yield Static(id="goal-standing")
            with Horizontal(classes="spark-row"):
                yield Static("Confid.", classes="spark-label")
                yield Sparkline([], id="goal-confidence-spark")
                yield Static(id="goal-confidences", classes="goal-readings")
            with Horizontal(classes="spark-row"):
                yield Static("Value", classes="spark-label")
                yield Sparkline([], id="goal-value-spark")
                yield Static(id="goal-values", classes="goal-readings")
            yield Static("Children", classes="panel-title")
            yield Static(id="goal-children")
            yield Static("Roadblocks", classes="panel-title")
            yield Static(id="goal-roadblocks")
            yield Static("Linked commitments, week by week", classes="panel-title")
            yield Static(id="goal-work")

    def on_mount(self) -> None:
        self.query_one("#goal-detail").focus()

    def reload(self) -> None:
        try:
            data = usecases.detail(self.ws, self.goal_id)
        except UnknownId:  # deleted elsewhere
            self.app.pop_screen()
            return
        goal, standing = data.goal, data.standing
        self.sub_title = "Goal detail"
        dates = " – ".join(d for d in (goal.get("start"), goal.get("end")) if d)  # noqa: RUF001
        facts = [goal["status"], goal.get("owner") or "", goal.get("team") or "", dates]
        if goal.get("priority"):
            facts.insert(1, f"priority {goal['priority']}")
        self._set(
            "#goal-title",
            Text.assemble(
                (plain(goal["title"]), "bold"),
                ("  " + " · ".join(plain(f) for f in facts if f), "dim"),
            ),
        )
        chain = " > ".join(plain(g["title"]) for g in reversed(data.ancestors))
        self._set("#goal-cascade", Text.assemble(("Under ", "dim"), chain or "(top level)"))
        metric = goal.get("metric") if isinstance(goal.get("metric"), dict) else None
        key_result = Text("no key result", style="dim")
        if metric:
            unit = f" {plain(metric['unit'])}" if metric.get("unit") else ""
            key_result = Text(
                f"{plain(metric.get('name', ''))}: "
                f"{number(metric.get('baseline'))} → {number(metric.get('target'))}{unit}"
            )
        pace = "-" if standing.pace is None else f"{standing.pace:.2f}"
        self._set(
            "#goal-standing",
            Text.assemble(
                ("Progress ", "dim"),
                (percent(standing.progress), "bold"),
                ("  pace ", "dim"),
                pace,
                ("  health ", "dim"),
                health_text(standing.health),
                ("  · ", "dim"),
                key_result,
            ),
        )
        self.query_one("#goal-confidence-spark", Sparkline).data = list(data.confidences)
        self.query_one("#goal-value-spark", Sparkline).data = list(data.values)
        self._set("#goal-confidences", _readings(data.confidences))
        self._set("#goal-values", _readings(data.values))
        children = Text("none", style="dim")
        if data.children:
            children = Text("\n").join(
                Text.assemble(f"{plain(c['title'])}", (f"  {c['status']}", "dim"))
                for c in data.children
            )
        self._set("#goal-children", children)
        self._set("#goal-work", _work(data.commitments_by_week))
        self._set("#goal-roadblocks", _roadblocks(data.roadblocks))

    def _set(self, selector: str, content: Text) -> None:
        self.query_one(selector, Static).update(content)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_check_in(self) -> None:
        from stratui.ui.screens.goals import check_in_form

        self.ask(check_in_form(self.ws, self.goal_id))


def _readings(values: list) -> Text:
    """The latest readings as numbers, oldest first (``…`` when older ones are left out)."""
    if not values:
        return Text("no check-ins yet", style="dim")
    shown = [number(v) for v in values[-MAX_SHOWN:]]
    more = "… " if len(values) > MAX_SHOWN else ""
    return Text(more + " ".join(shown))


def _work(by_week: dict[str, list[dict]]) -> Text:
    if not by_week:
        return Text("none linked", style="dim")
    lines = []
    for week, commitments in by_week.items():
        for c in commitments:
            lines.append(
                Text.assemble(
                    (f"{week}  ", "dim"),
                    (f"{c['status']:<8} ", "bold" if c["status"] == "done" else ""),
                    plain(c["title"]),
                    (f"  {plain(c.get('owner') or '')}", "dim"),
                )
            )
    return Text("\n").join(lines)


def _roadblocks(roadblocks: list[dict]) -> Text:
    if not roadblocks:
        return Text("none", style="dim")
    lines = []
    for r in roadblocks:
        state = f"resolved {r['resolved_on']}" if r.get("resolved_on") else "open"
        lines.append(
            Text.assemble(
                (f"{state:<20}", "dim" if r.get("resolved_on") else "bold red"),
                (f"{r.get('severity', '')}  ", "dim"),
                plain(r["title"]),
            )
        )
    return Text("\n").join(lines)
