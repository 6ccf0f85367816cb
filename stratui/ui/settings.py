"""The interface's own settings (the theme), kept in the user's config directory.

``STRATUI_CONFIG_DIR`` points elsewhere (tests). A missing or unreadable file gives the
defaults; settings are never worth crashing over.
"""

from __future__ import annotations

import json
from pathlib import Path

from stratui.store.files import write_atomically
from stratui.store.user_config import config_dir

DEFAULT_THEME = "textual-dark"


def settings_path() -> Path:
    """The settings file: ``$STRATUI_CONFIG_DIR/settings.json`` or the user config dir."""
    return config_dir() / "settings.json"


def load_settings() -> dict:
    """The saved settings, or ``{}``."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value: object) -> None:
    """Remember one setting (whole or not at all; a preference need not be durable)."""
    path = settings_path()
    data = load_settings()
    data[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, indent=1, sort_keys=True), durable=False)
    except OSError:
        pass  # a read-only home loses the preference, not the user's work
