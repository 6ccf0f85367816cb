"""The phases of a retrospective and the fixed numbers and choices they use.

Kept apart from the draft so that the draft, its board, its validation and its
completion can all name them without importing one another.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

PHASES: tuple[str, ...] = (
    "setup",
    "follow-up",
    "gather",
    "group",
    "vote",
    "discuss",
    "health",
    "summary",
)
"""The phases of a retrospective, in order; a draft's ``step`` indexes this."""

PHASE_TITLES: dict[str, str] = {
    "setup": "Format",
    "follow-up": "Follow up",
    "gather": "Gather",
    "group": "Group",
    "vote": "Vote",
    "discuss": "Discuss",
    "health": "Health check",
    "summary": "Summary",
}
"""What the phase indicator shows for each phase."""

RITUAL_TITLE = "Retrospective"

DISPOSITIONS: tuple[str, ...] = ("done", "dropped", "carried")
"""What the follow-up decides for each action of the previous retrospective."""

DEFAULT_VOTES = 3
"""Dot-votes per participant unless the facilitator chooses another number."""

MAX_VOTES = 20
"""The most dot-votes a participant may be given."""

TIME_BOXES: dict[str, int] = {"gather": 5, "vote": 2, "discuss": 20}
"""Minutes each time-boxed phase has when it starts (as the anchors run them); the
facilitator extends a phase or ends it early by moving on. Nothing is lost when the time
runs out: the countdown only says so."""

EXTEND_MINUTES = 1
"""How much one extension of the facilitator adds to the phase's time box."""

GROUP_KEY = "group:"
"""How a topic key names a group (``group:CI``); a single card's topic key is its id."""


class RetroRefused(ValueError):
    """An edit the retrospective's rules refuse; the message names the field and why."""
