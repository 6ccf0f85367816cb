"""stratui's Markdown as Slack text (mrkdwn): what reads well pasted or posted in chat.

Slack does not read CommonMark: a heading shows its ``#``, ``**bold**`` shows its stars,
and every backslash escape shows as a backslash (``foo\\_bar \\*urgent\\* \\#412``). The
summaries and reports are written by stratui in a small subset of Markdown (headings,
``**bold**``, ``_italic_``, ``- `` lists, ``[x]`` boxes, backslash escapes from
:func:`stratui.domain.markdown.md` and hard line breaks), so this converts exactly that
subset: headings and bold become ``*bold*``, list markers bullets, escapes the
characters they stand for, and only ``&``, ``<`` and ``>`` are escaped, as Slack asks.
A person's text with stars or underscores may then read as emphasis in Slack: Slack has
no escape for them. (The Markdown-to-mrkdwn libraries on PyPI, tried, turn ``\\*x\\*``
into italics and an escaped ``\\[a\\](b)`` into a link: they read Markdown written by
people, not this escaped subset.)

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"#{1,6} (.*)\Z")
_LIST = re.compile(r"(\s*)[-*] (.*)\Z", re.DOTALL)
_SLACK_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def slack_text(markdown: str) -> str:
    """``markdown`` (stratui's own subset, see the module doc) as Slack mrkdwn text."""
    lines = []
    for line in markdown.split("\n"):
        if line.endswith("\\") and not line.endswith("\\\\"):
            line = line[:-1]  # a hard line break: the newline is enough in Slack
        heading = _HEADING.match(line)
        if heading:
            lines.append(f"*{_inline(heading.group(1))}*")
            continue
        item = _LIST.match(line)
        if item:
            lines.append(f"{item.group(1)}• {_inline(item.group(2))}")
            continue
        lines.append(_inline(line))
    return "\n".join(lines)


def _inline(text: str) -> str:
    """One line's text: escapes resolved, ``**`` as ``*``, ``& < >`` escaped for Slack."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            out.append(_SLACK_ESCAPES.get(text[index + 1], text[index + 1]))
            index += 2
            continue
        if text.startswith("**", index):
            out.append("*")
            index += 2
            continue
        out.append(_SLACK_ESCAPES.get(char, char))
        index += 1
    return "".join(out)
