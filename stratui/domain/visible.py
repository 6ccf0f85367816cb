"""Control characters made visible: text people typed, shown and never obeyed.

A title, a note or a name can hold control characters: typed by mistake, pasted, or
arriving from a teammate's clone through git. Sent to a terminal as they are, an escape
sequence would change the terminal's title, clear the screen or worse; a carriage
return would overwrite what was printed before it. stratui keeps text as it was typed
(the store and the JSON export hold it exactly) and neutralises it where it is shown or
written for people: every control character except newline, tab and a carriage return
that ends a line (C0, DEL and C1) is shown as its ``\\u`` escape:
``T\\u001b]0;x\\u0007`` for ``T<ESC>]0;x<BEL>``.

The ``\\u`` form is the one JSON already uses for C0 characters, so JSON output passed
through :func:`visible` stays valid JSON and decodes to exactly the text stored.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import re

CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
"""The characters a terminal may obey: C0 but newline and tab, DEL, C1. A carriage
return ending a line (``\\r\\n``, a file's Windows line ending) is a line ending; a bare
one would let what follows overwrite what came before, and is escaped."""


_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Every character :data:`CONTROLS` may match (a carriage return too, ending a line or
not): a first look, as one character class is scanned several times faster than
:data:`CONTROLS`' alternative (a JSON export of years of history passes through here)."""


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab as its ``\\u`` escape."""
    return CONTROLS.sub(_escape, text) if _ANY_CONTROL.search(text) else text


def pictured(text: str) -> str:
    """``text`` with each control character (but newline and tab) as one visible
    character in its place: the Unicode control picture for C0 and DEL (``␛`` for ESC),
    U+FFFD for C1. Same length, for a field being edited, whose cursor counts characters."""
    if not CONTROLS.search(text):
        return text
    return CONTROLS.sub(_picture, text)


def _picture(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character :func:`visible` would escape."""
    return CONTROLS.search(text) is not None
