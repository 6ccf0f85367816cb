""":func:`stratui.domain.visible.visible` looks first with one character class (fast on
the long texts of an export), and must escape exactly what :data:`CONTROLS` matches."""

from __future__ import annotations

from stratui.domain.visible import CONTROLS, visible


def escaped_everywhere(text: str) -> str:
    return CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def test_every_character_up_to_c1_is_escaped_as_controls_says():
    for code in range(0xA2):
        for text in (chr(code), f"a{chr(code)}b", f"{chr(code)}\n", f"x\r{chr(code)}"):
            assert visible(text) == escaped_everywhere(text), repr(text)


def test_a_line_ending_carriage_return_is_kept_and_a_bare_one_escaped():
    assert visible("one\r\ntwo\n\tthree") == "one\r\ntwo\n\tthree"
    assert visible("one\rtwo") == "one\\u000dtwo"
    assert visible("plain — text") == "plain — text"
