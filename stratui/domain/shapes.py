"""Reading stored JSON whose shape is not guaranteed: a draft's answers, a review's
fields, what an older version or a teammate wrote. Each reader returns the value when it
has the expected shape, else an empty one, so a reader never fails on a stored value.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

from collections.abc import Mapping


def text(value: object) -> str:
    """``value`` when it is text, else ``""``."""
    return value if isinstance(value, str) else ""


def mapping(value: object) -> Mapping:
    """``value`` when it is a mapping (a JSON object), else an empty one."""
    return value if isinstance(value, Mapping) else {}
