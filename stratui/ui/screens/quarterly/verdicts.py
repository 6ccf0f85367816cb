"""Step 1, goals of the quarter: one goal at a time, its final reading, what becomes of
it (achieved, dropped, continued) and the lesson learned.

The final reading starts blank, the latest one shown beside it: ``k`` keeps it in one
key, 1-5 and ``v`` give a new one, and a goal left blank gets no check-in.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from stratui.rituals.quarterly import DISPOSITIONS, GoalVerdict
from stratui.ui.screens.quarterly.step import QuarterlyStep
from stratui.ui.screens.weekly.goal_readings import _number
from stratui.ui.text import literal, plain
from stratui.ui.widgets.review import InlineEdit
from stratui.ui.widgets.standing import health_text, number, percent

KEYS = {"achieved": "a", "dropped": "d", "continued": "c"}


class VerdictStep(QuarterlyStep):
    """The goal whose turn it is; Enter goes on to the next goal (each needs a disposition)."""

    STEP = "goals"
    BINDINGS = [
        Binding("a", "dispose('achieved')", "Achieved", id="quarterly.achieved"),
        Binding("d", "dispose('dropped')", "Dropped", id="quarterly.dropped"),
        Binding("c", "dispose('continued')", "Continued", id="quarterly.continued"),
        *(
            Binding(str(n), f"confidence({n})", str(n), show=False, id=f"quarterly.confidence{n}")
            for n in range(1, 6)
        ),
        Binding("k", "keep", "Keep last", id="quarterly.keep_reading"),
        Binding("v", "value", "Value", id="quarterly.value"),
        Binding("l", "lesson", "Lesson", id="quarterly.lesson"),
        Binding("n", "note", "Note", show=False, id="quarterly.note"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="verdict-card"):
            yield Static(id="verdict-goal")
            yield Static(id="verdict-standing")
            yield Static(id="verdict-reading")
            yield Static(id="verdict-disposition")
            yield Static(id="verdict-lesson")
        yield Static(
            "a/d/c: achieved, dropped, continued · 1-5 confidence · v value · k keep the "
            "last reading · l lesson · n note · Enter: next goal · p: another quarter",
            classes="step-hint",
        )
        yield InlineEdit(id="verdict-edit")

    def question(self) -> str:
        total = len(self.draft.verdicts)
        if not total:
            return "no goals this quarter"
        return f"goal {self.draft.goal_index + 1} of {total}, how did it go?"

    def _current(self) -> tuple[str, GoalVerdict] | None:
        gid = self.draft.current_goal_id
        return (gid, self.draft.verdicts[gid]) if gid is not None else None

    def show(self) -> None:
        current = self._current()
        if current is None:
            self._set(
                "#verdict-goal",
                Text("No active goals in this quarter: p chooses another, Enter goes on."),
            )
            for part in ("standing", "reading", "disposition", "lesson"):
                self._set(f"#verdict-{part}", Text(""))
            return
        gid, verdict = current
        goal = self.context.goal(gid) or {}
        parent = self.context.goal(goal.get("parent_id") or "")
        self._set(
            "#verdict-goal",
            Text.assemble(
                (plain(verdict.title), "bold"),
                (f"  {plain(goal.get('owner') or goal.get('team') or '')}", "dim"),
                (f"  under {plain(parent['title'])}" if parent else "", "dim"),
            ),
        )
        standing = self.context.standing(gid)
        metric = goal.get("metric") if isinstance(goal.get("metric"), dict) else None
        key_result = (
            f"{plain(metric.get('name', ''))} {number(metric.get('baseline'))} → "
            f"{number(metric.get('target'))}"
            if metric
            else "no key result"
        )
        self._set(
            "#verdict-standing",
            Text.assemble(
                ("Progress ", "dim"),
                (percent(standing.progress if standing else None), "bold"),
                "  ",
                health_text(standing.health if standing else None),
                ("  · ", "dim"),
                key_result,
            ),
        )
        value = number(verdict.value) if verdict.measured else "(no key result)"
        confidence = "-" if verdict.confidence in (None, "") else f"{verdict.confidence}/5"
        self._set(
            "#verdict-reading",
            Text.assemble(
                ("Final reading: value ", "dim"),
                value or "-",
                ("  confidence ", "dim"),
                confidence,
                ("  note ", "dim") if verdict.note else "",
                plain(verdict.note),
                (f"  ({_last_reading(self.context.previous_reading(gid), verdict)})", "dim"),
            ),
        )
        choices: list[Text | str] = [Text("Disposition: ", style="dim")]
        for disposition in DISPOSITIONS:
            label = f" {KEYS[disposition]} {disposition} "
            chosen = verdict.disposition == disposition
            choices += [Text(label, style="reverse bold" if chosen else ""), " "]
        self._set("#verdict-disposition", Text.assemble(*choices))
        lesson = plain(verdict.lesson) or "(l to write one)"
        self._set("#verdict-lesson", Text.assemble(("Lesson: ", "dim"), lesson))

    def _set(self, selector: str, content: Text) -> None:
        self.query_one(selector, Static).update(content)

    def focus_first(self) -> None:
        self.query_one("#verdict-card").focus()

    def _edited(self, *, soon: bool = False) -> None:
        self.changed(soon=soon)
        self.show()
        self.ritual.show_problems([])

    def action_dispose(self, disposition: str) -> None:
        current = self._current()
        if current is not None:
            self.draft.dispose(current[0], disposition)
            self._edited()

    def action_confidence(self, number_: int) -> None:
        current = self._current()
        if current is not None:
            current[1].confidence = number_
            self._edited()

    def action_keep(self) -> None:
        """The final reading is the latest one: one key, for a goal that has not moved."""
        current = self._current()
        if current is None:
            return
        gid, verdict = current
        value, confidence = self.context.previous_reading(gid)
        if value is None and confidence is None:
            self.ritual.show_problems(["reading: this goal has no earlier reading; type 1-5"])
            return
        verdict.value = value if verdict.measured else None
        verdict.confidence = confidence
        self._edited()

    def _ask(self, question: str, value: str, answer) -> None:
        self.query_one(InlineEdit).ask(
            literal(question), value, answer, self.query_one("#verdict-card")
        )

    def action_value(self) -> None:
        current = self._current()
        if current is None:
            return
        verdict = current[1]

        def answer(text: str) -> None:
            verdict.value = _number(text)
            self._edited()

        shown = "" if verdict.value is None else number(verdict.value)
        self._ask(f"Final value of “{verdict.title}”:", shown, answer)

    def action_lesson(self) -> None:
        current = self._current()
        if current is None:
            return
        verdict = current[1]

        def answer(text: str) -> None:
            verdict.lesson = text.strip()
            self._edited()

        self._ask(f"Lesson learned from “{verdict.title}”:", verdict.lesson, answer)

    def action_note(self) -> None:
        current = self._current()
        if current is None:
            return
        verdict = current[1]

        def answer(text: str) -> None:
            verdict.note = text.strip()
            self._edited()

        self._ask(f"Note with the final reading of “{verdict.title}”:", verdict.note, answer)


def _last_reading(previous: tuple[object, object], verdict: GoalVerdict) -> str:
    """``last: value 5, confidence 4/5 · k keeps it``, or that there is none."""
    value, confidence = previous
    parts = []
    if verdict.measured and value is not None:
        parts.append(f"value {number(value)}")
    if confidence is not None:
        parts.append(f"confidence {confidence}/5")
    if not parts:
        return "no earlier reading"
    return f"last: {', '.join(parts)} · k keeps it"
