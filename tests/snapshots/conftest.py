"""Screen snapshots: SVG screenshots compared with syrupy, fixed data, frozen today.

pytest-textual-snapshot cannot install beside pytest 9 (STACK.md), so this is the
checked alternative: syrupy's single-file extension writing the SVG as text. Update
with ``pytest tests/snapshots --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from stratui.clock import Clock
from stratui.demo import generate_history
from stratui.store.store import Store
from stratui.usecases import exchange
from stratui.usecases.workspace import Workspace

TODAY = dt.date(2026, 11, 22)


class SVGSnapshot(SingleFileSnapshotExtension):
    """One ``.svg`` file per snapshot, stored as text so diffs are readable."""

    file_extension = "svg"
    _write_mode = WriteMode.TEXT


@pytest.fixture
def svg(snapshot):
    return snapshot.use_extension(SVGSnapshot)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("STRATUI_ME", "ana")


@pytest.fixture
def demo(tmp_path) -> Workspace:
    """The demo history (deterministic ids and texts) in a fresh store."""
    app = Workspace(Store.at(str(tmp_path / "store")), Clock(TODAY))
    exchange.import_document(app, generate_history(people=4, weeks=16, today=TODAY))
    return app
