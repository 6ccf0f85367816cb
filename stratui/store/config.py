"""The store's local config: this machine's settings for one store (who me is, the fiscal
year's first month), in ``.stratui/config.json``, which git never shares; and who me is.

One reader and one writer for every setting: an unreadable or misshapen file reads as
empty (each setting then has its default) and is rewritten whole by the next change.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

TYPE_CHECKING = False  # as typing.TYPE_CHECKING: `log` does not import typing

if TYPE_CHECKING:
    from stratui.store.store import Store

CONFIG_FILE = "config.json"
"""The local config's file, inside the store's local folder."""


def read_config(store: Store) -> dict:
    """The local config of ``store`` ({} when there is none or it cannot be read)."""
    try:
        data = store.backend.local_read(CONFIG_FILE)
        config = json.loads(data) if data else {}
    except (OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


def update_config(store: Store, changes: Mapping[str, object]) -> dict:
    """Set ``changes`` in the local config, keeping the other settings; returns it."""
    config = {**read_config(store), **changes}
    data = json.dumps(config, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    store.backend.local_write(CONFIG_FILE, data.encode("utf-8"))
    return config


def current_user(store: Store | None = None) -> str:
    """Who ``me`` is: ``STRATUI_ME``, else the store's local config, else the login name."""
    name = os.environ.get("STRATUI_ME", "").strip()
    if name:
        return name
    if store is not None:
        configured = read_config(store).get("me")
        if isinstance(configured, str) and configured.strip():
            return configured.strip()
    for variable in ("LOGNAME", "USER", "USERNAME"):  # what getpass reads first, unimported
        if os.environ.get(variable):
            return os.environ[variable]
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"
