"""The team weekly review: one screen (:mod:`.screen`) and one module per step."""

# The weekly package first: it and stratui.ui.screens.ritual import each other.
import stratui.ui.screens.weekly  # noqa: F401
from stratui.ui.screens.team_review.screen import TeamReviewScreen

__all__ = ["TeamReviewScreen"]
