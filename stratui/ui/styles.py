"""Where the stylesheets are: inside the installed package, or in the checkout.

The wheel maps the top-level ``styles/`` folder to ``stratui/styles`` (pyproject.toml);
in a checkout the files sit beside the package. The packaged copy wins.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def styles_dir() -> Path:
    """The folder holding the ``.tcss`` files."""
    for candidate in (_PACKAGE / "styles", _PACKAGE.parent / "styles"):
        if (candidate / "app.tcss").is_file():
            return candidate
    raise FileNotFoundError("stratui's stylesheets are missing (styles/app.tcss)")


def stylesheet(name: str) -> Path:
    """The path of one stylesheet, e.g. ``stylesheet("app.tcss")``."""
    return styles_dir() / name
