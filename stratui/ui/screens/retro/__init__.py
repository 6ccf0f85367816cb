"""The retrospective ritual: one screen (:mod:`.screen`) and one module per phase."""

from stratui.ui.screens.retro.screen import RetroScreen

__all__ = ["RetroScreen"]
