"""What every phase of the retrospective shares: the weekly review's step, typed for a
retrospective's draft, and one way to show what the ritual's rules refuse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from stratui.rituals.retro import RetroContext, RetroDraft, RetroRefused
from stratui.ui.screens.steps import Step

T = TypeVar("T")


class Phase(Step[RetroDraft, RetroContext]):
    """One phase of the retrospective (``STEP`` is its name in ``PHASES``).

    A phase edits the draft through its methods (which enforce the rules) and asks the
    screen to save; it never writes the store itself.
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
