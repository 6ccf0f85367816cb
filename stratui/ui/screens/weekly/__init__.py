"""The weekly review ritual: one screen (:mod:`.screen`) and one module per step."""

from stratui.ui.screens.weekly.screen import WeeklyReviewScreen

__all__ = ["WeeklyReviewScreen"]
