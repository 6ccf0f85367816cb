"""The steps of the team weekly review and the fixed choices they offer.

Kept apart from the draft so that the draft, its validation and its completion can all
name the steps without importing one another.

Pure module: no Textual, no TinyDB, no store.
"""

STEPS: tuple[str, ...] = ("team", "members", "adjust", "commit", "summary")
"""The steps of the team review, in order; a draft's ``step`` indexes this."""

STEP_TITLES: dict[str, str] = {
    "team": "Team and week",
    "members": "Members",
    "adjust": "Adjust",
    "commit": "Commit",
    "summary": "Summary",
}
"""What the step indicator shows for each step."""

WALKED_STEPS: tuple[str, ...] = ("members", "commit")
"""The steps walked member by member (``member_index`` is whose turn it is)."""

RITUAL_TITLE = "Team review"

ROADBLOCK_CALLS: tuple[str, ...] = ("still", "resolved", "escalate")
"""What the walk decides about each open roadblock of a member."""
