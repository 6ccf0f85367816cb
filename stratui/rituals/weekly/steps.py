"""The steps of the weekly review and the fixed choices they offer.

Kept apart from the draft so that the draft, its validation and the completed review can
all name the steps without importing one another.

Pure module: no Textual, no TinyDB, no store.
"""

STEPS: tuple[str, ...] = (
    "check-in",
    "look back",
    "roadblocks",
    "goals",
    "adjust",
    "commit",
    "summary",
)
"""The steps of the weekly review, in order; a draft's ``step`` indexes this."""

STEP_TITLES: dict[str, str] = {
    "check-in": "Check in",
    "look back": "Look back",
    "roadblocks": "Roadblocks",
    "goals": "Goals",
    "adjust": "Adjust",
    "commit": "Commit",
    "summary": "Summary",
}
"""What the step indicator shows for each step."""

RITUAL_TITLE = "Weekly review"

ROADBLOCK_DECISIONS = ("still", "resolved")
"""What the roadblocks step asks of each open roadblock."""

UNDECIDED = ""
"""The outcome status of a commitment nobody has decided on yet (where every open
commitment starts: an outcome is recorded only when a person chooses it)."""

UNDECIDED_LABEL = "undecided"
"""What a screen or a summary shows for an undecided outcome."""

UNDECIDED_CHOICES: dict[str, str] = {
    "open": "leave them open",
    "missed": "mark them missed",
}
"""What completing a review may do with the commitments still undecided, once a person
has chosen it: leave them open (nothing recorded) or record them as missed."""
