"""The person's own configuration file, ``config.toml`` in their config directory.

One file per person (not per store): the look-back's sources and the app's keys live
here, each section read and checked by the part of stratui it configures. The file is
optional; a missing one is an empty configuration. ``STRATUI_CONFIG_DIR`` points
elsewhere (tests, several people on one machine).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

FILE_NAME = "config.toml"

_LOCATION = re.compile(r"\(at line (\d+), column (\d+)\)")


class UserConfigError(ValueError):
    """The configuration file cannot be read or has a bad value: one line, naming where."""

    def __init__(self, path: Path, where: str, problem: str) -> None:
        self.path, self.where, self.problem = path, where, problem
        place = f"{path}: {where}: " if where else f"{path}: "
        super().__init__(place + problem)


def config_dir() -> Path:
    """``$STRATUI_CONFIG_DIR``, else the user's config directory for stratui."""
    folder = os.environ.get("STRATUI_CONFIG_DIR")
    if not folder:
        from platformdirs import user_config_dir

        folder = user_config_dir("stratui", appauthor=False)
    return Path(folder)


def config_path() -> Path:
    """Where the configuration file is (whether or not it exists)."""
    return config_dir() / FILE_NAME


def read_user_config(path: Path | None = None) -> dict:
    """The whole file as a table; ``{}`` when there is none.

    Raises:
        UserConfigError: the file is not UTF-8 TOML (naming the line and column).
    """
    path = path or config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise UserConfigError(path, "", f"cannot be read ({error.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserConfigError(path, "", "expected UTF-8 text (a TOML file)") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _LOCATION.search(message)
        problem = (message[: found.start()] if found else message).strip() or "invalid TOML"
        where = f"line {found.group(1)}, column {found.group(2)}" if found else ""
        raise UserConfigError(
            path, where, f"{problem[0].lower()}{problem[1:]} (expected TOML: key = value)"
        ) from None


def config_section(name: str, path: Path | None = None) -> dict:
    """One ``[name]`` table of the file (``{}`` when absent).

    Raises:
        UserConfigError: the file is unreadable, or ``name`` is not a table.
    """
    path = path or config_path()
    value = read_user_config(path).get(name, {})
    if not isinstance(value, dict):
        raise UserConfigError(path, name, f"expected a [{name}] table")
    return value
