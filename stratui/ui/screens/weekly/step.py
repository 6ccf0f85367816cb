"""What every step of the weekly review is: a ritual step over a weekly draft and what
the store holds for it (the team review reuses some of them for one member at a time)."""

from __future__ import annotations

from stratui.rituals.weekly.draft import ReviewContext, WeeklyDraft
from stratui.ui.screens.steps import Step


class WeeklyStep(Step[WeeklyDraft, ReviewContext]):
    """One step of the weekly review (``STEP`` is its name in the ritual's ``STEPS``)."""
