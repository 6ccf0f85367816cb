"""Step 2, members: one member at a time, their commitments' outcomes (the weekly
review's look-back, reused) and a decision on each of their open roadblocks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from stratui.rituals.weekly.draft import WeeklyDraft
from stratui.ui.screens.team.step import (
    TeamStep,
    current_part,
    member_line,
    member_notes,
    member_view,
)
from stratui.ui.screens.weekly.lookback import LookBackStep
from stratui.ui.text import cell, literal, literal_block
from stratui.ui.widgets.review import InlineEdit, ReviewTable
from stratui.usecases import people


class MemberLookBack(LookBackStep):
    """The weekly look-back over the current member's commitments (d p m x c n)."""

    _member: str | None = None  # whose commitments the table shows

    @property
    def draft(self) -> WeeklyDraft:
        return member_view(self)

    def first_row(self, rows: list[tuple[str, tuple]]) -> str | None:
        """Each member's turn starts on their first commitment."""
        name = current_part(self).name
        if name == self._member:
            return None
        self._member = name
        return rows[0][0] if rows else None


class MemberRoadblocks(TeamStep):
    """The current member's open roadblocks: s still, r resolved, e escalate."""

    STEP = "member roadblocks"
    _member: str | None = None  # whose roadblocks the table shows
    BINDINGS = [
        Binding("s", "decide('still')", "Still blocking", id="team.still"),
        Binding("r", "resolve", "Resolved", id="team.resolve"),
        Binding("e", "escalate", "Escalate", id="team.escalate"),
    ]

    def compose(self) -> ComposeResult:
        yield ReviewTable(id="team-roadblocks-table")
        yield InlineEdit(id="team-roadblocks-edit")

    def on_mount(self) -> None:
        self.query_one(ReviewTable).add_columns(
            "Decision", "Severity", "Roadblock", "Owner", "Resolution"
        )

    def show(self, select: str | None = None) -> None:
        by_id = {r["id"]: r for r in self.context.roadblocks}
        rows = []
        for rid, call in current_part(self).roadblocks.items():
            record = by_id.get(rid, {})
            severity = call.severity or record.get("severity", "")
            rows.append(
                (
                    rid,
                    (
                        call.decision,
                        severity,
                        cell(call.title),
                        cell(call.owner or record.get("owner", "")),
                        cell(call.resolution),
                    ),
                )
            )
        name = current_part(self).name
        if name != self._member:  # each member's turn starts on their first roadblock
            self._member = name
            select = select or (rows[0][0] if rows else None)
        self.query_one(ReviewTable).refill(rows, select)
        self.display = bool(rows)

    def focus_first(self) -> None:
        self.query_one(ReviewTable).focus()

    def _selected(self) -> str | None:
        table = self.query_one(ReviewTable)
        key = table.selected_key() if table.has_focus else None
        return key if key in current_part(self).roadblocks else None

    def _answered(self, rid: str) -> None:
        self.ritual.show_problems([])
        self.changed()
        self.show(select=rid)

    def action_decide(self, decision: str) -> None:
        rid = self._selected()
        if rid is not None:
            call = current_part(self).roadblocks[rid]
            call.decision, call.owner, call.severity = decision, "", ""
            self._answered(rid)

    def action_resolve(self) -> None:
        rid = self._selected()
        if rid is None:
            return
        call = current_part(self).roadblocks[rid]
        call.decision, call.owner, call.severity = "resolved", "", ""
        self._answered(rid)

        def answer(text: str) -> None:
            call.resolution = text.strip()
            self._answered(rid)

        question = literal(f"How was “{call.title}” resolved?")
        table = self.query_one(ReviewTable)
        self.query_one(InlineEdit).ask(question, call.resolution, answer, table)

    def action_escalate(self) -> None:
        rid = self._selected()
        if rid is None:
            return
        part = current_part(self)
        call = part.roadblocks[rid]

        def answer(text: str) -> None:
            if not text.strip():
                raise ValueError("owner: name who removes it")
            owner = people.person(self.ritual.ws, text, field="owner")["name"]
            part.escalate(rid, owner)
            self._answered(rid)

        question = literal(f"Escalate “{call.title}” to whom?")
        table = self.query_one(ReviewTable)
        self.query_one(InlineEdit).ask(question, call.owner, answer, table)


class MembersStep(TeamStep):
    """The walk: Enter goes on to the next member, then to the next step."""

    STEP = "members"

    def question(self) -> str:
        return f"how did {self.draft.period} go for {current_part(self).name}?"

    def compose(self) -> ComposeResult:
        yield Static(id="team-member")
        yield Static(id="team-own")
        yield Static(id="team-nothing")
        yield Static(
            "Commitments: d done · p partial · m missed · x dropped · c carry · n note\n"
            "Roadblocks (Tab): s still · r resolved · e escalate · Enter: next member",
            classes="step-hint",
        )
        yield MemberLookBack()
        yield MemberRoadblocks()

    def show(self) -> None:
        part = current_part(self)
        self.query_one("#team-member", Static).update(literal(member_line(self)))
        notes = self.query_one("#team-own", Static)
        notes.update(literal_block(member_notes(self)))
        notes.display = bool(member_notes(self))
        nothing = self.query_one("#team-nothing", Static)
        nothing.update(literal(f"{part.name} has nothing this week: no commitment, no roadblock."))
        nothing.display = part.nothing_this_week
        lookback = self.query_one(MemberLookBack)
        lookback.display = bool(part.outcomes)
        lookback.show()
        self.query_one(MemberRoadblocks).show()

    def focus_first(self) -> None:
        part = current_part(self)
        if part.outcomes:
            self.query_one(MemberLookBack).focus_first()
        elif part.roadblocks:
            self.query_one(MemberRoadblocks).focus_first()
        else:
            self.screen.set_focus(None)
