"""The quarterly strategy review screen (one module per step)."""

from stratui.ui.screens.quarterly.screen import QuarterlyReviewScreen

__all__ = ["QuarterlyReviewScreen"]
