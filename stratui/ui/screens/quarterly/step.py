"""What every step of the quarterly review is: a ritual step over a quarterly draft and
what the store holds for its quarter."""

from __future__ import annotations

from stratui.rituals.quarterly import QuarterContext, QuarterlyDraft
from stratui.ui.screens.steps import Step


class QuarterlyStep(Step[QuarterlyDraft, QuarterContext]):
    """One step of the quarterly review (``STEP`` is its name in the ritual's ``STEPS``)."""
