"""Test shorthand: the ritual engine's use cases for one ritual and one workspace.

``bound(ws, WEEKLY).start_or_resume("ana")`` is ``rituals.start_or_resume(ws, WEEKLY,
owner="ana")``: the tests of a ritual call its use cases many times over one workspace,
and name whose review it is first, as a person would. Nothing here decides anything:
every call goes to :mod:`stratui.usecases.rituals` or to the ritual's definition.
"""

from __future__ import annotations

from typing import Any

from stratui.rituals.base import Ritual
from stratui.usecases import rituals
from stratui.usecases.workspace import Workspace


class Bound:
    """The engine's use cases of ``ritual`` over ``ws``."""

    def __init__(self, ws: Workspace, ritual: Ritual[Any, Any, Any]) -> None:
        self.ws = ws
        self.ritual = ritual
        self.store = ws.store
        self.clock = ws.clock

    def _scope(self, who: str | None, options: dict) -> dict:
        """Whose review the first argument names: an owner's, or a team's."""
        if who is not None:
            key = "owner" if self.ritual.name == "weekly" else "team"
            options = {key: who, **options}
        return options

    def start_or_resume(self, who: str | None = None, period: str | None = None, **options: Any):
        options = self._scope(who, options)
        return rituals.start_or_resume(self.ws, self.ritual, period=period, **options)

    def drafts(self, who: str | None = None, **options: Any) -> list[dict]:
        return rituals.drafts(self.ws, self.ritual, **self._scope(who, options))

    def save(self, review, draft) -> dict:
        return rituals.save(self.ws, self.ritual, review, draft)

    def move(self, review, draft, period: str):
        return rituals.move(self.ws, self.ritual, review, draft, period)

    def discard(self, review) -> dict:
        return rituals.discard(self.ws, review)

    def context(self, draft, review_id: str | None = None):
        return rituals.context(self.ws, self.ritual, draft, review_id)

    def complete(self, review, draft, **options: Any):
        return rituals.complete(self.ws, self.ritual, review, draft, **options)

    def preview_markdown(self, review, draft) -> str:
        return rituals.preview_markdown(self.ws, self.ritual, review, draft)

    def summary_markdown(self, review_id: str) -> str:
        return rituals.summary_markdown(self.ws, self.ritual, review_id)

    def write_summary(self, review_id: str, path=None):
        return rituals.write_summary(self.ws, self.ritual, review_id, path)

    def default_period(self, who: str | None = None, **options: Any) -> str:
        scope = self.ritual.scope(self.ws, **self._scope(who, options))
        return self.ritual.default_period(self.ws, scope)

    def __getattr__(self, name: str):
        """The ritual's own questions (``next_due``, ``open_actions``, ...), asked of ws."""
        method = getattr(self.ritual, name)
        return lambda *args, **kwargs: method(self.ws, *args, **kwargs)


def bound(ws: Workspace, ritual: Ritual[Any, Any, Any]) -> Bound:
    """The engine's use cases of ``ritual`` over ``ws``."""
    return Bound(ws, ritual)
