"""One person's workspace on a shared store: what each person's own process has.

``STRATUI_ME`` is one value for a whole test process; tests of many people at once
(a retrospective's facilitator and participants) give each workspace its own me.
"""

from __future__ import annotations

from stratui.clock import Clock
from stratui.store.store import Store
from stratui.usecases.workspace import Workspace


class Person(Workspace):
    """A workspace whose me is ``name``, on the store at ``path``."""

    def __init__(self, path: str, clock: Clock, name: str) -> None:
        super().__init__(Store.at(path), clock)
        self.name = name

    @property
    def me(self) -> str:
        return self.name
