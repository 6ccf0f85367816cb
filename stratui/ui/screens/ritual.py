"""What the ritual screens (weekly review, retrospective, quarterly review) share.

A ritual screen holds the review record and its draft; each step (one module each) edits
the draft and asks the screen to save it. The screen lays out the header, the step
indicator, the heading, the step's body and the inline problems; it goes back and next,
saves the draft at every change (and, while typing, a moment after the last key, so
quitting, a crash or ``kill -9`` loses nothing but the last few characters typed),
resumes the draft, completes the review and writes its summary file, all through the
ritual engine (:mod:`stratui.usecases.rituals`). A ritual's screen supplies its
definition (``RITUAL``), its steps and the few hooks below; every rule lives in the
ritual's package (:mod:`stratui.rituals`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Markdown, Static

from stratui.rituals.base import Completion, Draft, ReviewError, Ritual
from stratui.rituals.weekly.steps import UNDECIDED_CHOICES
from stratui.rituals.weekly.validation import DraftInvalid, Undecided
from stratui.store.errors import StoreError
from stratui.ui.modals.choose import Choose
from stratui.ui.screens.steps import Step, step_id
from stratui.ui.text import literal, literal_block
from stratui.ui.widgets.footer import Footer
from stratui.ui.widgets.header import app_header
from stratui.ui.widgets.review import StepIndicator
from stratui.usecases import rituals
from stratui.usecases.workspace import Workspace

SAVE_DELAY = 0.3  # seconds after the last key typed before the draft is saved
MAX_PROBLEMS = 4  # inline messages shown at once (the rest are counted)

D = TypeVar("D", bound=Draft)
C = TypeVar("C")
P = TypeVar("P", bound=Completion)


def ritual_bindings(
    prefix: str, *, digits: int = 5, leave: str = "Dashboard", extra: Iterable[Binding] = ()
) -> list[Binding]:
    """The keys every ritual screen has, with ids ``<prefix>.next`` ... (remappable).

    Next and back (ctrl+b is also tmux's prefix: alt+arrows do the same where it is
    taken), Enter for next, Escape to leave, ``extra``, and the digits 1 to ``digits``
    kept for answers (pulse, confidence, health): the app's digits would switch to
    another screen and leave the ritual half-way behind it.
    """
    return [
        Binding("ctrl+n,alt+right", "next", "Next", id=f"{prefix}.next"),
        Binding("ctrl+b,alt+left", "back", "Back", id=f"{prefix}.back"),
        Binding("enter", "next", "Next", show=False, id=f"{prefix}.enter"),
        Binding("escape", "leave", leave, id=f"{prefix}.leave"),
        *extra,
        Binding(
            ",".join(str(n) for n in range(1, digits + 1)),
            "stay",
            show=False,
            id=f"{prefix}.digits",
        ),
    ]


class RitualScreen(Screen, Generic[D, C, P]):
    """A ritual's steps, back and next, resumed from its draft and saved at every change.

    ``D``, ``C`` and ``P`` are the ritual's draft, context and completion. A subclass
    sets ``RITUAL`` (the definition the engine runs) and the class attributes, sets
    ``context`` to an empty context in its ``__init__``, and implements
    :meth:`validate` and :meth:`show_period`; it must not define ``on_mount`` or
    ``on_unmount`` (Textual would run them as well as these).
    """

    RITUAL: Ritual[D, C, P]
    """The ritual's definition (what the engine runs)."""
    ID_PREFIX: ClassVar[str] = ""
    """The prefix of the shell's widget ids: ``PREFIX-steps``, ``-heading``, ``-body``,
    ``-problems``."""
    NOUN: ClassVar[str] = "review"
    """What is started, in "cannot start the ...\""""
    STEP_WORD: ClassVar[str] = "Step"
    """What a step is called in the heading."""
    STEP_CLASSES: ClassVar[tuple[type[Step], ...]] = ()
    START_ERRORS: ClassVar[tuple[type[Exception], ...]] = (ValueError, StoreError)
    """What starting or resuming may raise, shown instead of the first step (a
    ReviewError is a ValueError)."""
    EXTRA_HELP: ClassVar[tuple[Binding, ...]] = ()
    """Keys off the footer that the help screen lists too."""
    FOLLOW_SECONDS: ClassVar[float | None] = None
    """How often the screen looks for others' writes itself, when it must follow them
    faster than the app's poll (a ritual many people take part in at once)."""

    context: C
    """What the store holds for the draft, read when a step is shown."""

    def __init__(self, **options: str | None) -> None:
        """``options`` are the launch's (``team``, ``period``): None is the default."""
        super().__init__()
        self.options = {key: value for key, value in options.items() if value is not None}
        self.review: dict | None = None
        self.draft: D | None = None
        self.completion: P | None = None
        self.summary_path: Path | None = None
        self._save_timer: Timer | None = None

    @classmethod
    def enter(cls, ws: Workspace, **options: Any) -> Screen:
        """The screen that opens this ritual with the launch's ``options`` (this one; a
        ritual many people take part in may send a person to another)."""
        return cls(**options)

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """Every key of the ritual, the screen's and each step's, for the help screen."""
        found = [b for b in cls.BINDINGS if isinstance(b, Binding) and b.show]
        for step in cls.STEP_CLASSES:
            found += [b for b in step.BINDINGS if isinstance(b, Binding) and b.show]
        return [*found, *cls.EXTRA_HELP]

    @property
    def ws(self) -> Workspace:
        return self.app.workspace  # type: ignore[attr-defined]

    # -- through the engine ---------------------------------------------------------------

    def start_or_resume(self) -> tuple[dict, D]:
        """The review record and its draft, resumed if there is one."""
        return rituals.start_or_resume(self.ws, self.RITUAL, **self.options)

    def read_context(self) -> C:
        """What the store holds for the draft."""
        assert self.draft is not None and self.review is not None
        return rituals.context(self.ws, self.RITUAL, self.draft, self.review["id"])

    def change_period(self, period: str) -> bool:
        """Hold the ritual for ``period`` instead: the review moves, the answers about
        what both periods hold are kept and the others dropped (see the engine's move).

        When ``period`` has a draft of its own (or the one shown must stay with its week:
        see the engine's move), that draft is resumed or started instead (the one shown
        is saved for its own period) and shown on the step being shown, so that nothing
        of it is skipped: returns True then, for the step to say so.

        Raises:
            ValueError (ReviewError), StoreError: refused (not a period, a completed one,
                ...); the draft is as it was.
        """
        assert self.draft is not None and self.review is not None
        if period == self.draft.period:
            return False
        shown, step = self.review["id"], self.draft.step
        self.review, self.draft = rituals.move(
            self.ws, self.RITUAL, self.review, self.draft, period
        )
        self.context = self.read_context()
        if self.review["id"] == shown:
            self.show_period()
            return False
        self.draft.step = step
        self.show_step()
        return True

    # -- what each ritual supplies ------------------------------------------------------

    def show_period(self) -> None:
        """Name the period (and whose ritual it is) in the header."""
        raise NotImplementedError

    def step_name(self) -> str:
        """The name of the draft's current step."""
        assert self.draft is not None
        return self.draft.step_name

    def at_first(self) -> bool:
        """Whether there is nothing to go back to."""
        assert self.draft is not None
        return self.draft.step == 0

    def advance(self) -> list[str]:
        """Go to the next step if the current one is valid; the problems if not."""
        assert self.draft is not None
        return self.draft.advance(self.ws.clock.today())

    def validate(self, name: str, today: dt.date) -> list[str]:
        """The problems of step ``name``."""
        raise NotImplementedError

    def unplaced_invalid(self, invalid: DraftInvalid) -> None:
        """Completing found the draft invalid but no step says why: show its problems."""
        self.show_problems(list(invalid.problems))

    def write_summary_file(self) -> Path:
        """Write the completed review's Markdown into the current directory."""
        assert self.completion is not None
        return rituals.write_summary(self.ws, self.RITUAL, self.completion.review["id"])

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        prefix = self.ID_PREFIX
        yield app_header()
        titles = [self.RITUAL.step_titles[name] for name in self.RITUAL.steps]
        yield StepIndicator(titles, id=f"{prefix}-steps")
        yield Static(id=f"{prefix}-heading")
        with ContentSwitcher(id=f"{prefix}-body"):
            for step in self.STEP_CLASSES:
                yield step()
        yield Static(id=f"{prefix}-problems", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.HELP_TITLE
        if self.FOLLOW_SECONDS:
            self.set_interval(self.FOLLOW_SECONDS, self.follow_store)
        try:
            self.review, self.draft = self.start_or_resume()
        except self.START_ERRORS as error:
            self.show_problems([f"cannot start the {self.NOUN}: {error}"])
            return
        self.show_step()

    def follow_store(self) -> None:
        """Read the step again when another process wrote to the store."""
        if self.ws.store.refresh():
            self.reload()

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self.save_now()  # typed a moment ago, then quit: keep it

    def current_step(self) -> Step:
        assert self.draft is not None
        return self.query_one(f"#{step_id(self.step_name())}", Step)

    def refresh_context(self) -> None:
        """Read the step's records afresh; give the open draft its defaults."""
        assert self.draft is not None
        self.context = self.read_context()
        if self.completion is None:
            self.RITUAL.fill_defaults(self.draft, self.context)

    def show_step(self) -> None:
        """Show the draft's current step, read afresh, with its first answer focused."""
        assert self.draft is not None
        self.refresh_context()
        self.show_period()
        step = self.current_step()
        self.query_one(ContentSwitcher).current = step.id
        done = self.completion is not None
        count = len(self.RITUAL.steps)
        self.query_one(StepIndicator).show(count if done else self.draft.step)
        self.show_problems([])
        step.show()
        question = "complete and saved" if done else step.question()
        self.query_one(f"#{self.ID_PREFIX}-heading", Static).update(
            Content.assemble(
                (f"{self.STEP_WORD} {self.draft.step + 1} of {count} · ", "dim"),
                (self.RITUAL.step_titles[step.STEP], "bold"),
                f": {question}",
            )
        )
        step.focus_first()
        self.refresh_bindings()

    def show_problems(self, problems: list[str]) -> None:
        """Show why the step cannot be left (or an edit failed), under the step."""
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"... and {len(problems) - MAX_PROBLEMS} more")
        widget = self.query_one(f"#{self.ID_PREFIX}-problems", Static)
        widget.update(literal_block("\n".join(shown)))
        widget.display = bool(shown)

    def reload(self) -> None:
        """The store changed elsewhere (the CLI): read the step's records again."""
        if self.draft is None or self.review is None or self.completion is not None:
            return
        self.refresh_context()
        self.current_step().show()

    # -- saving -------------------------------------------------------------------------

    def save_now(self) -> bool:
        """Store the draft; False (with the reason shown) if the store refused it."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.review is None or self.draft is None or self.completion is not None:
            return False
        try:
            self.review = rituals.save(self.ws, self.RITUAL, self.review, self.draft)
        except (ReviewError, StoreError) as error:
            self.show_problems([str(error)])
            return False
        return True

    def save_soon(self) -> None:
        """Store the draft a moment after the last key typed."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)

    # -- navigation ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "back"):
            if self.draft is None or self.completion is not None:
                return False
            if action == "back" and self.at_first():
                return None  # shown, but disabled
        return True

    def action_next(self) -> None:
        """Leave the step if its answers are valid (else say why); complete on the last."""
        if self.draft is None or self.completion is not None:
            return
        step = self.current_step()
        if not step.apply_pending():
            return
        if step.STEP == "summary":
            self.complete()
            return
        problems = self.advance()
        if problems:
            self.show_problems(problems)
            return
        self.save_now()
        self.show_step()

    def action_back(self) -> None:
        if self.draft is None or self.completion is not None or self.at_first():
            return
        if not self.current_step().apply_pending():
            return
        self.draft.back()
        self.save_now()
        self.show_step()

    def action_leave(self) -> None:
        """Back to where it was opened from; the draft stays, to be resumed."""
        if self.completion is None:
            self.save_now()
        self.app.pop_screen()

    def action_stay(self) -> None:
        """A digit where it answers nothing: stay in the ritual."""

    # -- completing ---------------------------------------------------------------------

    def complete(self, undecided: str | None = None) -> None:
        """Write the review; on a problem, go to the first step that has one.

        ``undecided`` is what the person chose for the commitments nobody decided on
        (see :meth:`ask_undecided`); a ritual without outcomes never asks.
        """
        assert self.review is not None and self.draft is not None
        self.save_now()
        options = {"undecided": undecided} if undecided is not None else {}
        try:
            self.completion = rituals.complete(
                self.ws, self.RITUAL, self.review, self.draft, **options
            )
        except Undecided as asked:
            self.ask_undecided(asked)
            return
        except DraftInvalid as invalid:
            today = self.ws.clock.today()
            for index, name in enumerate(self.RITUAL.steps):
                problems = self.validate(name, today)
                if problems:
                    self.draft.step = index
                    self.save_now()
                    self.show_step()
                    self.show_problems(problems)
                    return
            self.unplaced_invalid(invalid)
            return
        except (ReviewError, StoreError) as error:
            self.show_problems([str(error)])
            return
        self.show_step()

    def ask_undecided(self, asked: Undecided) -> None:
        """Ask once what becomes of the commitments nobody decided on: left open, marked
        missed, or go back to decide them (:meth:`undecided_step`)."""
        shown = ", ".join(f"“{title}”" for title in asked.titles[:3])
        if asked.count > 3:
            shown += f" and {asked.count - 3} more"
        noun = "commitment" if asked.count == 1 else "commitments"
        title = literal(f"{asked.count} {noun} not decided: {shown}")
        options = [(text.capitalize(), key) for key, text in UNDECIDED_CHOICES.items()]
        options.append(("Go back and decide them", "back"))

        def chosen(choice: object) -> None:
            if choice == "back":
                self.undecided_step()
                self.save_now()
                self.show_step()
            elif isinstance(choice, str):
                self.complete(undecided=choice)

        self.app.push_screen(Choose(title, options, lambda value: value), chosen)

    def undecided_step(self) -> None:
        """Go to where the undecided commitments are decided (a ritual with outcomes
        says where)."""

    def write_summary(self) -> None:
        """Write the completed review's Markdown into the current directory."""
        assert self.completion is not None
        try:
            target = self.write_summary_file()
        except OSError as error:
            self.show_problems([f"summary: cannot write {error.filename}: {error.strerror}"])
            return
        self.summary_path = target
        self.current_step().show()
        self.notify(literal(f"Written to {target}"), title="Summary")


class RitualSummaryStep(Step[Any, Any]):
    """The last step of a ritual: a preview before completing, the stored summary after;
    Enter completes it, s writes a file.

    The Markdown comes from the ritual's summary module, which escapes user text, so
    what was typed is shown as typed (the Markdown widget never reads Textual markup).
    A subclass sets its ``BINDINGS`` (``s``, with its own id) and the texts below.
    """

    STEP = "summary"
    QUESTION = "read it over"
    ID_PREFIX: ClassVar[str] = ""
    """Put before ``summary-status``, ``summary-scroll`` and ``summary-text``."""
    DONE: ClassVar[str] = "Review complete"
    WRITE_HINT: ClassVar[str] = "s: write it to a Markdown file · Esc: back to the dashboard"
    OPEN_HINT: ClassVar[str] = "Enter completes the review · ctrl+b goes back to change an answer"

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.ID_PREFIX}summary-status")
        with VerticalScroll(id=f"{self.ID_PREFIX}summary-scroll"):
            yield Markdown(id=f"{self.ID_PREFIX}summary-text")

    def show(self) -> None:
        status = self.query_one(f"#{self.ID_PREFIX}summary-status", Static)
        ritual = self.ritual
        if ritual.completion is not None:
            rid = ritual.completion.review["id"]
            text = rituals.summary_markdown(ritual.ws, ritual.RITUAL, rid)
            done = f"{self.DONE}. {self.WRITE_HINT}"
            if ritual.summary_path is not None:
                done = f"{self.DONE}. Summary written to {ritual.summary_path}"
            status.update(literal(done))
            status.add_class("-complete")
        else:
            assert ritual.review is not None
            try:
                text = rituals.preview_markdown(ritual.ws, ritual.RITUAL, ritual.review, self.draft)
            except DraftInvalid as error:
                text = ""
                ritual.show_problems(error.problems)
            status.update(self.OPEN_HINT)
            status.remove_class("-complete")
        self.query_one(Markdown).update(text)

    def focus_first(self) -> None:
        self.query_one(f"#{self.ID_PREFIX}summary-scroll").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "write":
            return self.ritual.completion is not None
        return True

    def action_write(self) -> None:
        self.ritual.write_summary()
