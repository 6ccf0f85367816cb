"""Test what ships: the wheel builds, installs without the checkout, and runs anywhere.

The wheel is built with pip (hatchling from the index, as a user's install would) and
installed with ``--target`` into a temporary folder; the CLI then runs from another
directory with only that folder on the path, so nothing of the checkout can leak in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )
    (built,) = out.glob("stratui-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    return target


def test_the_wheel_holds_the_package_and_no_stray_files(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "stratui/cli/__init__.py" in names
    assert "stratui/store/store.py" in names
    assert {"stratui/styles/app.tcss", "stratui/styles/weekly.tcss"} <= set(names)
    assert {"stratui/docs/METRICS.md", "stratui/docs/EXPORT-FORMAT.md"} <= set(names)
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "benchmarks/"))]
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "stratui = stratui.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_cli_works_from_another_directory(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(installed),
        "STRATUI_DB": str(tmp_path / "store"),
        "STRATUI_ME": "ana",
        "STRATUI_TODAY": "2026-11-22",
    }

    def stratui(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "stratui", *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    where = stratui("--version")
    assert where.stdout.strip() == "stratui 0.1.0"
    logged = stratui("log", "Ship the installer")
    assert logged.returncode == 0, logged.stderr
    listed = json.loads(stratui("list", "--json").stdout)
    assert [(r["title"], r["week"], r["owner"]) for r in listed] == [
        ("Ship the installer", "2026-W47", "ana")
    ]
    metrics = stratui("docs", "metrics")
    assert metrics.stdout.startswith("# What stratui's figures mean")
    assert stratui("docs", "format", "--path").stdout.strip().startswith(str(installed))
    origin = subprocess.run(
        [sys.executable, "-c", "import stratui; print(stratui.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert origin.stdout.startswith(str(installed))
