"""User text as Markdown that renders exactly as typed: one escaper for every summary,
report and export written in Markdown.

Every character that Markdown (CommonMark and GitHub's extensions) would read as
formatting is backslash-escaped, so a title like ``*x*`` or ``[a](b)`` shows as typed
instead of turning bold or into a link; a control character shows as its ``\\u`` escape
(:mod:`stratui.domain.visible`), so a summary shown in a terminal obeys nothing in it.

Pure module: no Textual, no TinyDB, no Rich.
"""

from __future__ import annotations

import re

from stratui.domain.visible import visible

# Inline characters Markdown (CommonMark and GitHub's extensions) treats as syntax.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
# "&amp;" would show as "&": escape an ampersand only where it starts an entity.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# At the start of a line these open a list, a heading underline or a numbered list.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def md(value: object, indent: str = "") -> str:
    """``value`` as Markdown text that renders exactly as typed.

    Multi-line text keeps its line breaks as hard breaks, each continuation line indented
    by ``indent`` so it stays inside the surrounding list item; blank lines and the
    whitespace around each line are dropped because Markdown would collapse them anyway.
    """
    lines = []
    for raw in visible(str(value)).splitlines():
        line = raw.strip()
        if not line:
            continue
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
        line = _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)
        lines.append(line)
    return ("\\\n" + indent).join(lines)
