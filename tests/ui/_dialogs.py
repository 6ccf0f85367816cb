"""Every dialog the app opens, how to open it on the demo data, and what it refuses.

Shared by the dialog snapshots (``tests/snapshots/test_dialogs.py``) and the Pilot tests
of what a dialog shows (``tests/ui/test_dialogs.py``). A dialog that gains a field needs
no change here: its snapshot is updated with ``--snapshot-update -k <case>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.errors import NoWidget
from textual.widget import Widget
from textual.widgets import Select

from stratui.ui.app import StratuiApp


@dataclass(frozen=True)
class Case:
    """How a dialog is opened: ``keys`` pressed on the dashboard, or in ritual ``start``
    once it shows ``step``."""

    keys: tuple[str, ...]
    start: str | None = None
    step: str | None = None


DIALOGS: dict[str, Case] = {
    "commitment-new": Case(("2", "a")),
    "commitment-edit": Case(("2", "e")),
    "commitment-outcome": Case(("2", "o")),
    "commitment-delete": Case(("2", "delete")),
    "roadblock-raise": Case(("3", "a")),
    "roadblock-assign": Case(("3", "s")),
    "roadblock-resolve": Case(("3", "r")),
    "goal-new": Case(("4", "n")),
    "goal-child": Case(("4", "c")),
    "goal-edit": Case(("4", "e")),
    "goal-key-result": Case(("4", "k")),
    "goal-check-in": Case(("4", "i")),
    "goal-link": Case(("4", "l")),
    "goal-move": Case(("4", "m")),
    "goal-achieve": Case(("4", "a")),
    "goal-drop": Case(("4", "x")),
    "weekly-raise-roadblock": Case(("a",), start="weekly", step="roadblocks"),
    "weekly-adjustment": Case(("a",), start="weekly", step="adjust"),
    "retro-action": Case(("a",), start="retro", step="discuss"),
    "quarterly-plan": Case(("n",), start="quarterly", step="plan"),
}

FIRST = "<first option>"  # in BAD_VALUES: pick a choice field's first option

BAD_VALUES: dict[str, dict[str, str]] = {
    # dialog: the values typed into it, in order, the last one being refused
    "commitment-new": {"title": "Ship the importer", "due": "someday"},
    "commitment-edit": {"confidence": "9"},
    "roadblock-raise": {"title": "Waiting on the vendor", "on": "nope"},
    "goal-check-in": {"value": "abc"},
    "retro-action": {"title": "Fix the flaky tests", "owner": FIRST, "due": "someday"},
    "quarterly-plan": {"title": "Grow", "priority": "9"},
}
"""The dialogs the issue names (and a few more), with a value each refuses."""

BIGGEST = ["commitment-new", "commitment-edit", "goal-edit", "roadblock-raise", "retro-action"]
"""The dialogs with the most fields: tabbed through in the Pilot tests."""


async def open_dialog(app: StratuiApp, pilot, case: Case) -> None:
    """Open ``case``'s dialog in a running ``app`` (started with ``case.start``)."""
    await pilot.pause()
    if case.step is not None:
        screen = app.screen
        screen.draft.step = screen.RITUAL.steps.index(case.step)
        screen.show_step()
        await pilot.pause()
    for key in case.keys:
        await pilot.press(key)
        await pilot.pause()
    await pilot.pause()  # a pushed screen lays out a moment after it mounts


async def type_values(app: StratuiApp, pilot, values: dict[str, str]) -> None:
    """Type ``values`` into the open form's fields by name, then press Enter in the last."""
    for name, value in values.items():
        field = app.screen.query_one(f"#field-{name}")
        field.focus()
        await pilot.pause()
        if isinstance(field, Select):
            (spec,) = [spec for spec in app.screen.fields if spec.name == name]
            field.value = spec.options[0][1] if value == FIRST else value
        else:
            field.value = value
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def on_screen(widget: Widget) -> bool:
    """True when ``widget`` is drawn where it is: each corner of its region shows the
    widget (or a part of it), not something above it, nor nothing (scrolled away)."""
    region = widget.region
    if not region:
        return False
    screen = widget.screen
    corners = {(region.x, region.y), (region.right - 1, region.bottom - 1)}
    corners |= {(region.x, region.bottom - 1), (region.right - 1, region.y)}
    for x, y in corners:
        if not (0 <= x < screen.size.width and 0 <= y < screen.size.height):
            return False
        try:
            shown, _ = screen.get_widget_at(x, y)
        except NoWidget:
            return False
        if shown is not widget and widget not in shown.ancestors:
            return False
    return True
