"""What every step of a ritual shares (the weekly review's, and the team review's, the
retrospective's and the quarterly review's, which follow its pattern): access to the
draft, redrawing from it, and handing what is typed but not yet submitted over before
the step is left. Beside the screens, not in the weekly package, so that the ritual
screen shell (:mod:`stratui.ui.screens.ritual`) and the weekly review can both import it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from textual.containers import Vertical

from stratui.ui.widgets.review import InlineEdit

if TYPE_CHECKING:
    from stratui.ui.screens.ritual import RitualScreen

D = TypeVar("D")
C = TypeVar("C")


def step_id(name: str) -> str:
    """The widget id of a step: ``look back`` -> ``step-look-back``."""
    return "step-" + name.replace(" ", "-")


class Step(Vertical, Generic[D, C]):
    """One step of a ritual whose draft is a ``D`` and context a ``C``. A step never
    writes the store itself: it edits the draft and asks the screen to save
    (:meth:`changed`)."""

    STEP: ClassVar[str] = ""
    """The step's name in :data:`~stratui.rituals.weekly.STEPS`."""
    QUESTION: ClassVar[str] = ""
    """What the step asks, after its title in the heading."""

    def __init__(self) -> None:
        super().__init__(id=step_id(self.STEP), classes="step")

    @property
    def ritual(self) -> RitualScreen[Any, Any, Any]:
        """The ritual screen the step is shown on."""
        return cast("RitualScreen[Any, Any, Any]", self.screen)

    @property
    def draft(self) -> D:
        """The draft being answered (loaded before any step is shown)."""
        draft = self.ritual.draft
        assert draft is not None
        return cast(D, draft)

    @property
    def context(self) -> C:
        """What the store holds for the draft, read when the step was shown."""
        return cast(C, self.ritual.context)

    def question(self) -> str:
        """The heading's question; a step may name the period in it."""
        return self.QUESTION

    def show(self) -> None:
        """Redraw from the draft."""

    def focus_first(self) -> None:
        """Put the focus where the step's first answer is typed."""

    def apply_pending(self) -> bool:
        """Hand over what is typed but not yet submitted; False if it cannot be read
        (the reason is shown). Called before the step is left."""
        return all(edit.submit() for edit in self.query(InlineEdit) if edit.is_open)

    def changed(self, *, soon: bool = False) -> None:
        """The draft changed: save it now, or ``soon`` (while typing)."""
        if soon:
            self.ritual.save_soon()
        else:
            self.ritual.save_now()

    def on_inline_edit_failed(self, event: InlineEdit.Failed) -> None:
        self.ritual.show_problems([event.problem])
