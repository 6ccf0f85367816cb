"""A store already holding dates and weeks outside 1900-2999: every reader shows them.

stratui takes dates, weeks and quarters of the years 1900 to 2999 only; an older stratui,
or a synced file, may have left others in a store (``tests/_far_dates.py``). Reading
such a store must never crash: the far values are shown as stored, the figures and
windows keep to the supported years, and ``check`` names each far value with its
record and field.
"""

from __future__ import annotations

import json

import pytest

from stratui.clock import Clock
from stratui.domain.schema import COLLECTIONS
from stratui.store.store import Store
from stratui.usecases.workspace import Workspace
from tests._far_dates import CHILD, EARLY, GOAL, LATE, NOW, fill_far_store

from ._support import TODAY


@pytest.fixture
def far(cli, store):
    """``cli`` on a store holding the far records."""
    import datetime as dt

    fill_far_store(Workspace(Store.at(str(store)), Clock(dt.date.fromisoformat(TODAY))))
    return cli


READS = [
    ["list"],
    ["list", "--all"],
    ["list", "--all", "--json"],
    ["list", "--week", "last"],
    ["list", "--owner", "ana", "--status", "done", "--all"],
    ["export"],
    ["export", "--format", "md"],
    *[["export", "--format", "csv", "--collection", name] for name in COLLECTIONS],
    ["goal", "list"],
    ["goal", "list", "--all", "--json"],
    ["goal", "list", "--team", "Platform"],
    ["goal", "show", GOAL],
    ["goal", "show", GOAL, "--json"],
    ["goal", "show", CHILD],
    ["report"],
    ["report", "--weeks", "520"],
    ["report", "--format", "json"],
    ["report", "--owner", "ana"],
    ["report", "--team", "Platform"],
    ["report", "--as-of", "2026-01-01"],
    ["report", "--end", "1900-W01"],
    ["report", "--end", "2999-W52", "--weeks", "520"],
    ["quarter"],
    ["quarter", "2999-Q4"],
    ["person", "list"],
    ["team", "list"],
    ["template", "list"],
]


@pytest.mark.parametrize("argv", READS, ids=" ".join)
def test_every_reader_survives_far_dates(far, argv):
    """Exit 0 and no traceback (the ``cli`` fixture refuses one on stderr)."""
    done = far(*argv)
    assert done.returncode == 0, done.stderr


def test_far_weeks_and_dates_are_shown_as_stored(far):
    markdown = far("export", "--format", "md").stdout
    assert "### 9999-W52\n" in markdown  # no "(Monday to Sunday)": 9999-W52 has no Sunday
    assert "### 0001-W01\n" in markdown
    assert "### 2026-W47 (2026-11-16 to 2026-11-22)" in markdown
    shown = far("goal", "show", GOAL).stdout
    assert "0001-01-01 to 9999-12-31" in shown
    listed = {c["id"]: c for c in json.loads(far("list", "--all", "--json").stdout)}
    assert listed[LATE]["week"] == "9999-W52"
    assert listed[EARLY]["closed_on"] == "0001-01-01"
    assert listed[NOW]["due"] == "9999-12-31"


def test_check_names_each_far_value_with_its_record_and_field(far):
    done = far("check")
    assert done.returncode == 1
    problems = done.stderr
    for line in (
        f"goals {GOAL}: created_at: stratui takes times from 1900-01-01 to 2999-12-31, "
        "got '0001-01-01T00:00:00Z'",
        f"goals {CHILD}: end: stratui takes dates from 1900-01-01 to 2999-12-31, got '9999-12-31'",
        f"commitments {LATE}: week: stratui takes weeks from 1900-W01 to 2999-W52, got '9999-W52'",
        f"commitments {EARLY}: week: stratui takes weeks from 1900-W01 to 2999-W52, got '0001-W01'",
        f"commitments {NOW}: due: stratui takes dates from 1900-01-01 to 2999-12-31, "
        "got '9999-12-31'",
        "reviews d0a1000000000004: period: stratui takes quarters from 1900-Q1 to 2999-Q4, "
        "got '9999-Q4'",
    ):
        assert line in problems


def test_a_far_record_can_be_brought_back_into_the_supported_years(far):
    """``set --week`` moves a commitment of 9999-W52 to a week that is taken."""
    done = far("set", LATE, "--week", "this")
    assert done.returncode == 0, done.stderr
    listed = {c["id"]: c for c in json.loads(far("list", "--json").stdout)}
    assert listed[LATE]["week"] == "2026-W47"
