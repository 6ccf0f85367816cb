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


class StoreUnwritable(StoreError):
    """The store cannot be written here: a read-only folder or file system, a full disk,
    an immutable file. ``path`` is the store file (or the store) that could not be
    written; the message says whether the store was changed (it is not, unless a
    journalled write was cut short: the next command that can write finishes it).

    Reading such a store still works (see ``lock.py``).
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(message)


class LockUnavailable(StoreUnwritable):
    """The store's lock cannot be taken for writing (its file cannot be opened for
    writing): nothing can be written here, though the store can be read."""


class JournalRefused(StoreError):
    """The store's journal (``.stratui/journal.json``) records a write cut short that
    stratui will not finish: it is not what stratui writes, or it names a path that is not
    one of the store's files or of its own temporary files. Nothing it names was touched,
    and it is left in place for the user to look at and remove."""

    def __init__(self, path: str, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(
            f"store journal {path} {problem}; nothing it names was touched. It records a "
            "write that was cut short and that stratui will not finish: look at it, then "
            "delete it to go on with the store's files as they are (without that write), "
            "and run `stratui check`"
        )


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
