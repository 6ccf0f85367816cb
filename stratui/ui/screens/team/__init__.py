"""The team weekly review: one screen (:mod:`.screen`) and one module per step."""

from stratui.ui.screens.team.screen import TeamReviewScreen

__all__ = ["TeamReviewScreen"]
