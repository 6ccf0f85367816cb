"""The goal tree: the cascade of active goals, each with its progress and health.

A Textual ``Tree`` rather than a table with indentation: expanding and collapsing a
branch, the guides that show who cascades from whom, and moving to a parent
(shift+left) come with it. Each node's label is Rich ``Text`` (Tree labels given as
``str`` are parsed as markup), so a title is shown exactly as typed.

Every action is one call of :mod:`stratui.usecases.goals` from a form; a refused change (a move
into a cycle, a bad date) is shown inline in the form, which stays open.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Tree

from stratui.domain.dates import parse_date
from stratui.domain.inputs import optional, parse_priority
from stratui.ui.modals.choose import Choose
from stratui.ui.modals.confirm import Confirm
from stratui.ui.modals.form import Field, Form
from stratui.ui.screens.base import StratuiScreen
from stratui.ui.text import literal, plain
from stratui.ui.widgets.standing import health_text, number, percent
from stratui.usecases import goals as usecases

ROOT = "-"  # the choice that puts a moved goal at the top level


def goal_label(row: usecases.TreeRow) -> Text:
    """One node: progress, health, then the title, owner or team, and end date."""
    goal, standing = row.goal, row.standing
    who = goal.get("owner") or goal.get("team") or ""
    tail = " · ".join(
        part for part in (who, f"ends {goal['end']}" if goal.get("end") else "") if part
    )
    return Text.assemble(
        (f"{percent(standing.progress):>4} ", "bold"),
        health_text(standing.health, 9),
        " ",
        plain(goal["title"]),
        (f"  {tail}" if tail else "", "dim"),
    )


class GoalTree(Tree[str]):
    """The cascade; each node's data is its goal's id. Enter opens the goal's detail."""

    def __init__(self, **kwargs) -> None:
        super().__init__("Goals", **kwargs)
        self.show_root = False
        self.auto_expand = False  # Enter opens the detail; space expands and collapses
        self.guide_depth = 3


class GoalsScreen(StratuiScreen):
    """The plan: the active goals as a tree, with where each stands today."""

    TABLE = "goals-tree"
    HELP_TITLE = "Goals"
    BINDINGS = [
        Binding("n", "create", "New goal", id="goals.create"),
        Binding("c", "child", "New child", id="goals.child"),
        Binding("i", "check_in", "Check in", id="goals.check_in"),
        Binding("e", "edit", "Edit", id="goals.edit"),
        Binding("m", "move", "Move", id="goals.move"),
        Binding("k", "metric", "Key result", id="goals.metric"),
        Binding("a", "achieve", "Achieved", id="goals.achieve"),
        Binding("x", "drop", "Drop", id="goals.drop"),
        Binding("l", "link", "Link commitment", id="goals.link"),
        Binding("enter", "detail", "Detail", show=False, id="goals.detail"),
        Binding("Q", "quarterly", "Quarterly review", id="goals.quarterly"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.collapsed: set[str] = set()  # the goals whose branch is folded, kept on reload
        self.nodes: dict = {}

    def compose_body(self) -> ComposeResult:
        yield GoalTree(id="goals-tree")

    def on_mount(self) -> None:
        self.query_one(GoalTree).focus()

    def reload(self, select: str | None = None) -> None:
        tree = self.query_one(GoalTree)
        keep = select or self.selected_id()
        tree.clear()
        self.nodes = {}
        for row in usecases.tree(self.ws):
            gid = row.goal["id"]
            parent = (
                self.nodes.get(row.goal.get("parent_id"), tree.root) if row.depth else tree.root
            )
            node = parent.add(goal_label(row), data=gid, expand=gid not in self.collapsed)
            node.allow_expand = False  # until it gets a child
            parent.allow_expand = parent is not tree.root
            self.nodes[gid] = node
        if keep in self.nodes:
            _ = tree.last_line  # lays the new nodes out, so the cursor can find its line
            tree.move_cursor(self.nodes[keep])
        elif self.nodes:
            tree.cursor_line = 0

    def selected_id(self) -> str | None:
        node = self.query_one(GoalTree).cursor_node
        return node.data if node is not None else None

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed) -> None:
        if event.node.data:
            self.collapsed.add(event.node.data)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        self.collapsed.discard(event.node.data or "")

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        self.action_detail()

    # -- forms --------------------------------------------------------------------------

    def _fields(self, goal: dict | None = None) -> list[Field]:
        """A new goal's fields (its owner me), or ``goal``'s as they are: a goal without
        an owner (a company goal) is not given one by being edited."""
        owner = self.ws.me if goal is None else goal.get("owner") or ""
        goal = goal or {}
        return [
            Field("title", "Goal", goal.get("title", "")),
            Field("owner", "Owner", owner),
            Field("team", "Team (optional)", goal.get("team") or ""),
            Field("priority", "Priority 1-5 (optional)", str(goal.get("priority") or "")),
            Field("start", "Start (optional)", goal.get("start") or ""),
            Field("end", "End (optional)", goal.get("end") or ""),
        ]

    def _values(self, values: dict[str, str]) -> dict:
        today = self.ws.clock.today()

        def day(text: str) -> str:
            return parse_date(text, today).isoformat()

        return {
            "title": values["title"].strip(),
            "owner": values["owner"].strip() or None,
            "team": values["team"].strip() or None,
            "priority": optional(parse_priority, values["priority"], "priority"),
            "start": optional(day, values["start"], "start"),
            "end": optional(day, values["end"], "end"),
        }

    def _ask(self, dialog: Form | Choose) -> None:
        """Show a form; reload with the cursor on the goal it wrote."""

        def done(result: object) -> None:
            if isinstance(result, dict) and "goal_id" not in result:
                self.reload(select=result.get("id"))
            elif result is not None:
                self.reload()

        self.app.push_screen(dialog, done)

    def _selected_goal(self) -> dict | None:
        gid = self.selected_id()
        return usecases.goal(self.ws, gid) if gid else None

    # -- actions ------------------------------------------------------------------------

    def action_create(self) -> None:
        """A new top-level goal."""

        def submit(values: dict[str, str]) -> dict:
            return usecases.create(self.ws, self._values(values))

        self._ask(Form("New goal", self._fields(), submit))

    def action_child(self) -> None:
        """A goal under the one at the cursor: it inherits the dates and team left blank."""
        parent = self._selected_goal()
        if parent is None:
            return
        fields = [
            Field("title", "Goal"),
            Field("owner", "Owner", self.ws.me),
            Field("priority", "Priority 1-5 (optional)"),
            Field("start", "Start (blank: the parent's)", placeholder=parent.get("start") or ""),
            Field("end", "End (blank: the parent's)", placeholder=parent.get("end") or ""),
        ]

        def submit(values: dict[str, str]) -> dict:
            chosen = self._values({**values, "team": ""})
            return usecases.create(self.ws, {**chosen, "parent": parent["id"]})

        self._ask(Form(literal(f"New goal under “{parent['title']}”"), fields, submit))  # type: ignore[arg-type]

    def action_edit(self) -> None:
        goal = self._selected_goal()
        if goal is None:
            return

        def submit(values: dict[str, str]) -> dict:
            return usecases.edit(self.ws, goal["id"], self._values(values))

        self._ask(Form("Edit goal", self._fields(goal), submit))

    def action_move(self) -> None:
        """Put the goal under another one, chosen from the tree; a cycle is refused."""
        goal = self._selected_goal()
        if goal is None:
            return
        options = [("(top level)", ROOT)] + [
            ("  " * row.depth + plain(row.goal["title"]), row.goal["id"])
            for row in usecases.tree(self.ws)
            if row.goal["id"] != goal["id"]
        ]

        def submit(parent: str) -> dict:
            return usecases.move(self.ws, goal["id"], None if parent == ROOT else parent)

        title = literal(f"Move “{goal['title']}” under")
        dialog = Choose(title, options, submit, current=goal.get("parent_id") or ROOT)
        self._ask(dialog)

    def action_metric(self) -> None:
        """Set the goal's key result (name, baseline, target, unit)."""
        goal = self._selected_goal()
        if goal is None:
            return
        metric = goal.get("metric") if isinstance(goal.get("metric"), dict) else {}
        fields = [
            Field("name", "Key result", metric.get("name", ""), placeholder="p95 latency"),
            Field("baseline", "Baseline", number(metric.get("baseline")).strip("-")),
            Field("target", "Target", number(metric.get("target")).strip("-")),
            Field("unit", "Unit (optional)", metric.get("unit") or ""),
        ]

        def submit(values: dict[str, str]) -> dict:
            return usecases.set_metric(
                self.ws,
                goal["id"],
                name=values["name"],
                baseline=values["baseline"],
                target=values["target"],
                unit=values["unit"].strip() or None,
            )

        self._ask(Form(literal(f"Key result of “{goal['title']}”"), fields, submit))  # type: ignore[arg-type]

    def action_check_in(self) -> None:
        gid = self.selected_id()
        if gid is not None:
            self._ask(check_in_form(self.ws, gid))

    def action_achieve(self) -> None:
        self._close("achieved", usecases.achieve)

    def action_drop(self) -> None:
        self._close("dropped", usecases.drop)

    def _close(self, status: str, change) -> None:
        goal = self._selected_goal()
        if goal is None:
            return
        verb = "Drop" if status == "dropped" else "Mark achieved"

        def answered(answer: bool | None) -> None:
            if answer:
                change(self.ws, goal["id"])
                self.reload()
                self.notify(literal(f"“{goal['title']}” {status}"), title="Goals")

        self.app.push_screen(Confirm(literal(f"{verb}: “{goal['title']}”?")), answered)

    def action_link(self) -> None:
        gid = self.selected_id()
        if not gid:
            return

        def submit(values: dict[str, str]) -> dict:
            return usecases.link(self.ws, gid, values["commitment"])

        fields = [Field("commitment", "Commitment id (or prefix)")]
        self._ask(Form("Link a commitment", fields, submit))

    def action_detail(self) -> None:
        gid = self.selected_id()
        if gid is not None:
            from stratui.ui.screens.goal_detail import GoalDetailScreen

            self.app.push_screen(GoalDetailScreen(gid))

    def action_quarterly(self) -> None:
        """Open my quarterly strategy review of the quarter in progress (resuming its
        draft) over the goals; the screen's p chooses another quarter."""
        from stratui.rituals.quarterly.ritual import QUARTERLY
        from stratui.ui.app import screen_class
        from stratui.ui.screens import ritual_open

        if not ritual_open(self.app.screen_stack, QUARTERLY.name):
            quarter = QUARTERLY.quarter_in_progress(self.ws)
            self.app.push_screen(screen_class("quarterly")(period=quarter))


def check_in_form(ws, gid: str) -> Form:
    """The check-in dialog of a goal: value (with a key result), confidence 1-5, note."""
    goal = usecases.goal(ws, gid)
    metric = goal.get("metric") if isinstance(goal.get("metric"), dict) else None
    fields = []
    if metric:
        unit = f" ({metric['unit']})" if metric.get("unit") else ""
        span = f"{number(metric.get('baseline'))} → {number(metric.get('target'))}"
        label = literal(f"{metric.get('name', 'Value')}{unit}, {span}")
        fields.append(Field("value", label))  # type: ignore[arg-type]
    fields += [
        Field("confidence", "Confidence 1-5"),
        Field("note", "Note (optional)"),
    ]

    def submit(values: dict[str, str]) -> dict:
        return usecases.check_in(
            ws,
            gid,
            value=values.get("value", "").strip() or None,
            confidence=values["confidence"].strip() or None,
            note=values["note"].strip() or None,
        )

    return Form(literal(f"Check in on “{goal['title']}”"), fields, submit)  # type: ignore[arg-type]
