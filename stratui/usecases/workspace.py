"""The use cases the command line and the TUI share: one function per thing a user does.

Each use case validates its input through the domain, reads and writes through one store
transaction, and returns the records it touched. Neither door holds a rule of its own:
the CLI parses arguments and prints, the TUI shows and asks; both call these.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

from stratui.clock import Clock
from stratui.domain import records as rec
from stratui.domain.schema import ValidationError
from stratui.store.config import current_user, read_config
from stratui.store.store import Store

TYPE_CHECKING = False  # as typing.TYPE_CHECKING: `log` does not import typing

if TYPE_CHECKING:
    from stratui.rituals.templates import Templates

FISCAL_START = "fiscal_start"
"""The local config's key of the fiscal year's first month."""


class Workspace:
    """One store, one clock and who me is: what every use case is a function of."""

    def __init__(self, store: Store, clock: Clock | None = None) -> None:
        self.store = store
        self.clock = clock or Clock()
        store.before_commit = self._me_first

    def _me_first(self, tx) -> None:
        """A store's first write (or any write while it has no people) makes ``me`` a person.

        So a new user's first ``stratui log`` (or ``person add ben``, or weekly review)
        just works, and the records it writes name a person. An import writes its
        document as it is (see :meth:`import_document`); a ``me`` that is not a valid
        name is not added.
        """
        from stratui.domain import people as rules

        if self.store.backend.exists() and tx.committed("people"):
            return  # a store with people: me is one of them, or says who they are
        everyone = self.store.all("people")  # with this write's
        try:
            name = rules.check_name(self.me)
        except ValidationError:
            return
        if rules.find_named(everyone, name) is None:
            person = rec.new_record("people", {"name": name, "teams": []}, self.clock.now())
            tx.insert("people", person)

    def person_named(self, name: str | None, field: str) -> str:
        """The stored name of the person ``name`` (default: me) for a record's ``field``.

        Found exactly, else up to case (``ANA`` gives ``ana``). Anyone else is refused
        with a ValidationError naming ``field`` and who exists. ``me`` is accepted while
        the store has no people yet, as the write then makes me its first person (see
        :meth:`_me_first`). Call it inside the write's transaction.
        """
        from stratui.domain import people as rules

        given = (name or "").strip()
        name = given or self.me
        everyone = self.store.all("people")
        if not everyone and rules.same_name(name, self.me):
            return rules.check_name(self.me, field)
        if given:
            return str(rules.require_named(everyone, name, field, "person")["name"])
        found = rules.find_named(everyone, name)
        if found is None:  # me, by default, and me is nobody here
            raise ValidationError(
                "me",
                f"{name!r} is not a person of this store (known people: "
                f"{rules.known_names(everyone)}); say who you are with `stratui person me "
                f"NAME`, or add yourself with `stratui person add {name}`",
            )
        return str(found["name"])

    @property
    def me(self) -> str:
        """The current user's name."""
        return current_user(self.store)

    @property
    def fiscal_start(self) -> int:
        """The first month of the fiscal year (1-12) in the local config; January when
        unset or not a month."""
        from stratui.domain.quarters import DEFAULT_FISCAL_START  # dateutil: not for `log`

        value = read_config(self.store).get(FISCAL_START)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
            return value
        return DEFAULT_FISCAL_START

    def templates(self) -> Templates:
        """The store's templates (``templates/*.toml``), read and checked now: what the
        rituals' context carries (see :mod:`stratui.usecases.templates`)."""
        from stratui.usecases.templates import read

        return read(self)

    def this_week(self) -> str:
        """The ISO week of today."""
        from stratui.domain.weeks import week_of

        return week_of(self.clock.today())


__all__ = ["Workspace", "current_user"]
