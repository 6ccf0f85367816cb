"""A participant's retrospective: follow the facilitator's phase, write my own part.

Whoever opens a team's retrospective that someone else leads lands here. The screen
reads the retrospective every half second and follows the facilitator's phase with no
key pressed. What it shows and lets me do, by phase:

* up to the end of **gather**: write my cards (a category, the text, signed by me or
  anonymous); I see my cards and the revealed ones, and of the others' hidden cards
  only how many each person has written;
* **vote**: my dots on the topics (+ or Space puts one, - takes it back), at most the
  retrospective's dots per person;
* **health**: my own rating of each dimension (1-5, 0 takes it back);
* the other phases: the board as the facilitator shapes it, to read.

Every write is a record of my own (:mod:`stratui.usecases.retro_room`); a refusal (too
late, no dots left) is shown under the board and nothing is written. The ids of the
cards I write anonymously are remembered by this screen only: no record says whose they
are.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Markdown, Static

from stratui.domain.schema import ValidationError
from stratui.rituals.retro import PHASE_TITLES, PHASES, countdown
from stratui.rituals.retro.ritual import RETRO
from stratui.rituals.retro.room import CARDS_UNTIL, phase_index
from stratui.store.errors import StoreError
from stratui.ui.screens.retro.widgets import ChoicePicker
from stratui.ui.styles import stylesheet
from stratui.ui.text import cell, literal
from stratui.ui.widgets.footer import Footer
from stratui.ui.widgets.header import app_header
from stratui.ui.widgets.review import ReviewTable
from stratui.usecases import retro_room, rituals
from stratui.usecases.workspace import Workspace

FOLLOW_SECONDS = 0.5
"""How often the screen reads the retrospective again (a stat when nothing changed)."""


class RetroRoomScreen(Screen):
    """My part of a team's retrospective that someone else leads."""

    RITUAL = RETRO  # so the app does not open a second retrospective over it (R)

    HELP_TITLE = "Retrospective (taking part)"
    CSS_PATH = [stylesheet("weekly.tcss"), stylesheet("ritual.tcss")]
    BINDINGS = [
        Binding("escape", "leave", "Dashboard", id="room.leave"),
        Binding("plus,space", "vote", "Dot", id="room.vote"),
        Binding("minus", "take_back", "Take back", id="room.take_back"),
        Binding("up", "category(-1)", "Category", show=False, id="room.category_up"),
        Binding("down", "category(1)", "Category", show=False, id="room.category_down"),
        Binding("delete", "remove", "Take my card back", show=False, id="room.remove"),
        *(Binding(str(n), f"rate({n})", str(n), show=False, id=f"room.rate{n}") for n in range(6)),
    ]

    def __init__(self, review_id: str) -> None:
        super().__init__()
        self.review_id = review_id
        self.room: retro_room.Room | None = None
        self.mine: set[str] = set()  # the cards I wrote anonymously, known here only
        self.seen: tuple | None = None  # what the board showed last: redraw on change
        self._drawn_phase = ""
        self._me: str | None = None
        self._read: tuple[str, ...] = ()  # the records' stamp when the room was read

    @property
    def ws(self) -> Workspace:
        return self.app.workspace  # type: ignore[attr-defined]

    @property
    def me(self) -> str:
        """Me as the store spells my name (what my ballot and cards say)."""
        if self._me is None:
            self._me = retro_room.my_name(self.ws)
        return self._me

    def compose(self) -> ComposeResult:
        yield app_header()
        yield Static(id="room-heading")
        yield ChoicePicker(id="room-category")
        with Horizontal(id="room-fields"):
            yield Input(id="room-text", select_on_focus=False)
            yield Checkbox("anonymous", id="room-anonymous")
        yield Static(id="room-status", classes="step-hint")
        yield ReviewTable(id="room-board")
        with VerticalScroll(id="room-summary"):
            yield Markdown(id="room-summary-text")
        yield Static(id="room-problems", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.HELP_TITLE
        try:
            retro_room.join(self.ws, self.review_id)
        except (ValidationError, StoreError) as error:
            self.show_problem(str(error))
        self.follow()
        self.set_interval(FOLLOW_SECONDS, self.follow)

    # -- following the facilitator ---------------------------------------------------------

    def follow(self) -> None:
        """Read the retrospective again when anyone wrote to it (its records' stamp:
        the whole room, templates and history included, is read only then); redraw when
        anything I may see changed, else move the countdown on."""
        try:
            stamp = retro_room.stamp_of(self.ws, self.review_id)
            if self.room is not None and stamp == self._read:
                self._draw_heading()
                return
            self.room = retro_room.room(self.ws, self.review_id)
            self._read = stamp
        except (StoreError, ValueError) as error:
            self.show_problem(str(error))
            return
        room, me = self.room, self.me
        view = room.view(me, self.mine)
        seen = (
            room.review.get("status"),
            room.phase,
            room.review.get("facilitator"),
            tuple((c.id, c.text, c.category, c.revealed, c.group) for c in view.cards),
            tuple(sorted(view.hidden.items())),
            tuple(sorted((k, tuple(sorted(v.items()))) for k, v in room.draft.votes.items())),
            tuple(sorted((k, tuple(sorted(v.items()))) for k, v in room.draft.ratings.items())),
            tuple((a.title, a.owner, a.due) for a in room.draft.actions),
        )
        if seen != self.seen:
            self.seen = seen
            self.draw()
        else:
            self._draw_heading()  # the countdown moves on

    def draw(self) -> None:
        assert self.room is not None
        room, draft = self.room, self.room.draft
        done = room.review.get("status") == "complete"
        phase = "summary" if done else room.phase
        lead = room.review.get("facilitator") or "no one yet"
        self.sub_title = f"{draft.team} · {draft.period} · led by {lead}"
        self._draw_heading()
        writing = not done and phase_index(phase) <= phase_index(CARDS_UNTIL)
        for selector in ("#room-category", "#room-fields"):
            self.query_one(selector).display = writing

        if writing:
            picker = self.query_one(ChoicePicker)
            current = picker.value if picker.value in draft.category_ids else None
            picker.set_options([(draft.category_title(c), c) for c in draft.category_ids], current)
            self._placeholder()
        self.query_one(ReviewTable).display = not done
        self.query_one("#room-summary").display = done
        if done:
            self._draw_summary()
        elif phase == "vote":
            self._draw_topics()
        elif phase == "health":
            self._draw_health()
        elif phase in ("discuss", "summary"):
            self._draw_discussion()
        else:
            self._draw_cards(writing)
        table = self.query_one(ReviewTable)
        if phase != self._drawn_phase:  # a new phase: the cursor starts at the top
            self._drawn_phase = phase
            self.show_problem("")  # a refusal of the last phase is no longer news
            table.move_cursor(row=0)
            # the keys of this phase act on the card field, or on the board
            (self.query_one("#room-text", Input) if writing else table).focus()
        self.refresh_bindings()  # the footer shows this phase's keys

    def _draw_heading(self) -> None:
        """The phase, the time it has left (when time-boxed), the format and who I am."""
        assert self.room is not None
        room, draft = self.room, self.room.draft
        done = room.review.get("status") == "complete"
        phase = "summary" if done else room.phase
        number = phase_index(phase) + 1
        state = "complete" if done else f"Phase {number} of {len(PHASES)} · {PHASE_TITLES[phase]}"
        left = "" if done else countdown(draft.time_left(self.ws.clock.now()))
        heading = Content.assemble(
            (f"{state} · " + (f"{left} · " if left else ""), "bold"),
            literal(f"{draft.format_title} · you take part as {self.me}"),
        )
        widget = self.query_one("#room-heading", Static)
        if str(widget.render()) != str(heading):
            widget.update(heading)

    def _placeholder(self) -> None:
        assert self.room is not None
        draft, category = self.room.draft, self.query_one(ChoicePicker).value or ""
        prompt = draft.category_prompt(category) or f"a {draft.category_title(category)} card"
        self.query_one("#room-text", Input).placeholder = f"{prompt} · Enter adds it"

    def _draw_cards(self, writing: bool) -> None:
        assert self.room is not None
        draft, me = self.room.draft, self.me
        view = self.room.view(me, self.mine)
        totals = draft.card_votes()
        self._columns("Dots", "Category", "By", "Card")
        rows = [
            (
                card.id,
                (
                    str(totals.get(card.id) or ""),
                    cell(draft.category_title(card.category)),
                    cell("you" if card.id in self.mine else card.author or "anonymous"),
                    cell(f"[{card.group}] {card.text}" if card.group else card.text),
                ),
            )
            for card in view.cards
        ]
        self.query_one(ReviewTable).refill(rows)
        hidden = ", ".join(f"{who} {n}" for who, n in sorted(view.hidden.items()))
        if writing:
            mine_hidden = any(not card.revealed for card in view.cards)
            if hidden:
                status = f"Hidden until the facilitator reveals them: {hidden}"
            elif mine_hidden:
                status = "Your cards are hidden from the others until the facilitator reveals them"
            elif view.cards:
                status = "Every card is revealed"
            else:
                status = "No cards yet: yours stay hidden from the others until revealed"
            status += " · ↑↓ category · Tab: anonymous, your cards (Del takes one back)"
        else:
            status = f"{self.room.review.get('facilitator')} leads this phase: the board, to read"
        self.query_one("#room-status", Static).update(literal(status))

    def _draw_topics(self) -> None:
        assert self.room is not None
        draft, me = self.room.draft, self.me
        visible = {card.id for card in draft.cards if card.revealed}  # what takes dots
        position = {card.id: index for index, card in enumerate(draft.cards)}
        topics = sorted(  # as written, not by the dots: they would show how others vote
            (t for t in draft.topics() if set(t.card_ids) <= visible),
            key=lambda t: position.get(t.card_ids[0], 0),
        )
        self._columns("Your dots", "", "Card or group")

        def kind(topic) -> str:
            return "group" if topic.is_group else ""

        rows = [
            (topic.key, ("●" * draft.dots_on(me, topic), kind(topic), cell(topic.label)))
            for topic in topics
        ]
        self.query_one(ReviewTable).refill(rows, self.query_one(ReviewTable).selected_key())
        left, limit = draft.votes_left(me), draft.vote_limit
        self.query_one("#room-status", Static).update(
            literal(f"Your dots: {left} of {limit} left · + or Space: a dot · -: take it back")
        )

    def _draw_discussion(self) -> None:
        """What the meeting discusses, most votes first, and the actions agreed so far."""
        assert self.room is not None
        draft = self.room.draft
        visible = {card.id for card in draft.cards if card.revealed}
        self._columns("Votes", "", "Topic or action")
        rows = [
            (
                topic.key,
                (str(topic.votes or ""), "group" if topic.is_group else "", cell(topic.label)),
            )
            for topic in draft.topics()
            if set(topic.card_ids) <= visible
        ]
        for number, action in enumerate(draft.actions):
            owner = action.owner.strip() or "no owner yet"
            due = f" · due {action.due}" if action.due else ""
            line = cell(f"{action.title} · {owner}{due}")
            rows.append((f"action-{number}", ("", "action", line)))
        self.query_one(ReviewTable).refill(rows)
        lead = self.room.review.get("facilitator") or "the facilitator"
        self.query_one("#room-status", Static).update(
            literal(f"{lead} leads the discussion: topics by votes, then the actions agreed")
        )

    def _draw_summary(self) -> None:
        """The completed retrospective as stored: its summary, as everyone reads it."""
        try:
            text = rituals.summary_markdown(self.ws, RETRO, self.review_id)
        except (ValueError, StoreError) as error:
            text = ""
            self.show_problem(str(error))
        self.query_one("#room-summary-text", Markdown).update(text)
        self.query_one("#room-status", Static).update(
            "The retrospective is complete. Esc: back to the dashboard"
        )

    def _draw_health(self) -> None:
        assert self.room is not None
        draft, me = self.room.draft, self.me
        mine = draft.ratings.get(me, {})
        self._columns("You", "Dimension")
        rows = [
            (dimension, (f"{mine[dimension]}/5" if dimension in mine else "-", cell(dimension)))
            for dimension in draft.health
        ]
        self.query_one(ReviewTable).refill(rows)
        self.query_one("#room-status", Static).update(
            "How healthy is the team, for you? 1-5 rates the row under the cursor · 0 clears"
        )

    def _columns(self, *labels: str) -> None:
        """The board's columns for what it shows now (cards, topics to vote on, health)."""
        table = self.query_one(ReviewTable)
        if tuple(str(c.label) for c in table.columns.values()) != labels:
            table.clear(columns=True)
            table.add_columns(*labels)

    # -- what I write ------------------------------------------------------------------------

    def attempt(self, write) -> bool:
        """Run one write of mine; show why when it is refused (nothing is written)."""
        try:
            write()
        except (ValidationError, StoreError, ValueError) as error:
            self.show_problem(str(error))
            return False
        self.show_problem("")
        self.seen = None  # redraw now, not on the next look
        self.follow()
        return True

    def show_problem(self, problem: str) -> None:
        widget = self.query_one("#room-problems", Static)
        widget.display = bool(problem)
        widget.update(literal(problem))

    @on(Input.Submitted, "#room-text")
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            return
        anonymous = self.query_one(Checkbox).value
        category = self.query_one(ChoicePicker).value

        def write() -> None:
            card = retro_room.add_card(
                self.ws, self.review_id, text, category=category, anonymous=anonymous
            )
            if anonymous:
                self.mine.add(str(card["id"]))

        if self.attempt(write) and event.input.value == text:
            event.input.value = ""  # (text typed after Enter is the next card: kept)

    @on(ChoicePicker.Picked, "#room-category")
    def _picked(self, event: ChoicePicker.Picked) -> None:
        self._placeholder()

    def action_category(self, delta: int) -> None:
        if self.query_one("#room-category").display:
            self.query_one(ChoicePicker).action_step(delta)

    def _selected(self) -> str | None:
        return self.query_one(ReviewTable).selected_key()

    def action_vote(self) -> None:
        key = self._selected()
        if key is not None and self.room is not None and self.room.phase == "vote":
            self.attempt(lambda: retro_room.vote(self.ws, self.review_id, key))

    def action_take_back(self) -> None:
        key = self._selected()
        if key is not None and self.room is not None and self.room.phase == "vote":
            self.attempt(lambda: retro_room.vote(self.ws, self.review_id, key, take_back=True))

    def action_rate(self, score: int) -> None:
        key = self._selected()
        if key is None or self.room is None or self.room.phase != "health":
            return
        self.attempt(lambda: retro_room.rate(self.ws, self.review_id, key, score or None))

    def action_remove(self) -> None:
        key = self._selected()
        if key is not None and self.room is not None and self.room.phase in PHASES[:3]:
            self.attempt(lambda: retro_room.remove_card(self.ws, self.review_id, key, self.mine))

    def action_leave(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.room.phase if self.room is not None else ""
        if action in ("vote", "take_back"):
            return phase == "vote"
        return True  # a digit outside the health phase does nothing: it leaves nothing
