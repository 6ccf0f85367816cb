"""The person's own keys: ``[keys]`` of their config.toml, binding id = "keys".

```toml
[keys]
"app.weekly" = "W"            # the weekly review on W instead of w
"app.quit" = "ctrl+q,ctrl+c"  # several keys: comma-separated
```

Every key of the app is a binding with an id (``app.weekly``, ``retro.vote``, ...), and
Textual's keymap (``App.set_keymap``) replaces the keys of the bindings it names: the
old key no longer does it, and a binding that had the new key loses it. A mistake in the
file never keeps the app from starting: a value that is not a key list is left out, and
each problem, or an id no binding has, is one notice naming it (:func:`read_keymap`,
:func:`unknown_ids`). :func:`binding_keys` lists every id and its default keys, which the
help screen shows with the keys in force.
"""

from __future__ import annotations

import importlib
import re

from textual.binding import Binding
from textual.dom import DOMNode

from stratui.store.user_config import UserConfigError, config_section

SECTION = "keys"

_KEY = re.compile(r"(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[a-z0-9_]{2,}|\S)")
"""One key as Textual names it: a single character, or a lower-case name such as
``f2``, ``escape`` or ``question_mark``, after any modifiers (``ctrl+shift+w``)."""


def read_keymap() -> tuple[dict[str, str], list[str]]:
    """The keymap of the person's ``[keys]`` and one line per problem in it.

    A value that is not text naming keys (``"W"``, ``"ctrl+w,f2"``) is left out; a file
    that cannot be read at all gives no keymap. Ids are checked later
    (:func:`unknown_ids`): knowing every id means importing every screen.
    """
    try:
        section = config_section(SECTION)
    except UserConfigError as error:
        return {}, [f"keys not remapped: {error}"]
    keymap: dict[str, str] = {}
    problems = []
    for binding_id, value in section.items():
        keys = value.strip() if isinstance(value, str) else ""
        parts = [part.strip() for part in keys.split(",")]
        if not keys or not all(_KEY.fullmatch(part) for part in parts):
            problems.append(
                f'[keys] {binding_id}: expected keys like "W", "ctrl+w" or "f2,ctrl+w", '
                f"got {value!r}; its default kept"
            )
            continue
        keymap[binding_id] = ",".join(parts)
    return keymap, problems


def binding_keys(modules: tuple[str, ...]) -> dict[str, str]:
    """Every binding id of the app and its screens, with its default keys.

    ``modules`` are the app's screen modules (imported here); the bindings are read from
    every class Textual knows by then that declares ``BINDINGS``.
    """
    for module in modules:
        importlib.import_module(module)
    found: dict[str, str] = {}
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, binding.key)
    return found


def unknown_ids(keymap: dict[str, str], known: dict[str, str]) -> list[str]:
    """One line per id of ``keymap`` that no binding has."""
    return [
        f"[keys] {binding_id}: no key has this id; the help (F1) lists the ids"
        for binding_id in keymap
        if binding_id not in known
    ]
