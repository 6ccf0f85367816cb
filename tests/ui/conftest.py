"""Fixtures for the TUI: a store with fixed data, a frozen today, settings in tmp."""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.clock import Clock
from stratui.store.store import Store
from stratui.ui.app import StratuiApp
from stratui.usecases.workspace import Workspace

TODAY = dt.date(2026, 11, 22)  # a Sunday, in 2026-W47


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("STRATUI_ME", "ana")


@pytest.fixture
def stratui(tmp_path) -> Workspace:
    return Workspace(Store.at(str(tmp_path / "store")), Clock(TODAY))


@pytest.fixture
def app(stratui) -> StratuiApp:
    return StratuiApp(stratui, poll=None)
