"""Fixtures of the store tests: every behavioural test runs on both backends.

As in TinyDB's own test suite, ``store`` is parametrised: once over a store in memory,
once over a directory on disk (which does not exist yet: the first write creates it).
"""

from __future__ import annotations

import datetime as dt

import pytest

from stratui.store.store import Store


@pytest.fixture
def now() -> dt.datetime:
    """A fixed "now" (2026-W12), so every stamp in these tests is exact."""
    return dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(params=["memory", "directory"])
def store(request, tmp_path) -> Store:
    """A fresh, empty store: in memory, or in ``tmp_path / "store"``."""
    if request.param == "memory":
        return Store.in_memory()
    return Store.at(str(tmp_path / "store"))
