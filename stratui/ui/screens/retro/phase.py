"""What every phase of the retrospective shares: the weekly review's step, typed for a
retrospective's draft, and one way to show what the ritual's rules refuse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from stratui.domain.schema import ValidationError
from stratui.rituals.retro import RetroContext, RetroDraft, RetroRefused
from stratui.store.errors import StoreError
from stratui.ui.screens.steps import Step

T = TypeVar("T")


class Phase(Step[RetroDraft, RetroContext]):
    """One phase of the retrospective (``STEP`` is its name in ``PHASES``).

    A phase edits the draft (the facilitator's part) through its methods, which enforce
    the rules, and asks the screen to save. What is the facilitator's own as a
    participant (a card, a dot) is written as a record of their own, like everyone's
    (:meth:`write_own`), and the board is laid out again from the store.
    """

    def attempt(self, edit: Callable[[], T]) -> T | None:
        """Run one edit of the draft; save and clear the messages when it is accepted,
        show why when the rules refuse it (then None)."""
        try:
            result = edit()
        except RetroRefused as refused:
            self.ritual.show_problems([str(refused)])
            return None
        self.ritual.show_problems([])
        self.changed()
        return result

    def write_own(self, write: Callable[[], T]) -> T | None:
        """Write a record of my own through a use case of
        :mod:`stratui.usecases.retro_room`; show why when it is refused (then None), else
        read the board again."""
        try:
            result = write()
        except (ValidationError, StoreError) as refused:
            self.ritual.show_problems([str(refused)])
            return None
        self.ritual.show_problems([])
        self.ritual.refresh_context()
        return result
