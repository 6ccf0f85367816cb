"""Personal links: a random secret token per person, checked in constant time.

Tokens are made anew each time ``stratui serve`` starts (``secrets``, 32 bytes) and are
never written anywhere: the server keeps only their SHA-256 digests, and a request's
token is compared, digest against digest, with :func:`hmac.compare_digest` against every
person's, so neither a wrong guess's length nor its first differing byte shows in the
time the answer takes. Revoking a link is starting again: every old link stops working.

Standard library only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

TOKEN_BYTES = 32
"""Random bytes in a token (43 URL-safe characters)."""


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


class Passes:
    """Who may come in: one secret token per person, kept only as a digest."""

    def __init__(self) -> None:
        self._digests: list[tuple[bytes, str]] = []

    def issue(self, names: Iterable[str]) -> dict[str, str]:
        """A new random token for each of ``names`` (in order); returns name -> token.
        The tokens are shown once, to be handed out: this object keeps their digests."""
        tokens = {name: secrets.token_urlsafe(TOKEN_BYTES) for name in names}
        self._digests = [(_digest(token), name) for name, token in tokens.items()]
        return tokens

    def person_of(self, token: str | None) -> str | None:
        """Whose ``token`` it is, or None (no token, a wrong one, one of an earlier start).

        Every digest is compared, whatever matched, so the time taken does not tell how
        far a guess got or whose it nearly was."""
        if not token:
            return None
        given = _digest(token)
        found = None
        for digest, name in self._digests:
            if hmac.compare_digest(given, digest):
                found = name
        return found

    @property
    def people(self) -> list[str]:
        """The names links were issued to, in order."""
        return [name for _digest_, name in self._digests]
