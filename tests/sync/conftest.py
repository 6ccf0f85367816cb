"""Fixtures of the sync tests: a team around a bare git repository (see ``_support``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._support import Team


@pytest.fixture
def team(tmp_path: Path) -> Team:
    """An empty team repository; ``team.founded()`` and ``team.clone(name)`` add people."""
    return Team(tmp_path)
