"""What can go wrong with a store, as exceptions whose message a user can act on.

Every message names the file involved; the CLI prints it as one line and exits non-zero.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the store cannot be used as asked."""


class StoreDamaged(StoreError):
    """A store file is not what stratui writes. It is never overwritten.

    ``path`` is the damaged file, ``problem`` what is wrong with it, ``backup`` the latest
    good backup of it (or ``None`` when there is none).
    """

    def __init__(self, path: str, problem: str, backup: str | None) -> None:
        self.path, self.problem, self.backup = path, problem, backup
        hint = f"latest good backup: {backup}" if backup else "no good backup of it was found"
        super().__init__(f"store file {path} is damaged ({problem}); it was left untouched; {hint}")


class StoreTooNew(StoreError):
    """The store was written by a newer stratui; this one refuses to touch it."""


class NotAStore(StoreError):
    """The path holds something that is not a stratui store."""


class UnknownId(StoreError, LookupError):
    """No record matches the given id or prefix."""


class AmbiguousId(StoreError, LookupError):
    """More than one record matches the given prefix; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[dict]) -> None:
        self.candidates = candidates
        super().__init__(message)
