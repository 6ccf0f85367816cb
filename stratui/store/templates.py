"""Where a store keeps its templates: TOML files in its ``templates/`` folder.

The folder sits beside the collections, so it travels with the store through git
(``stratui sync`` commits ``templates/*.toml``); what a template means is the rituals'
(:mod:`stratui.rituals.templates`). This module only says which files are templates and
reads them, from a directory store or from memory (tests).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stratui.store.store import Store

TEMPLATES_DIR = "templates"
"""The store's folder of templates."""

SUFFIX = ".toml"


def is_template(rel: str) -> bool:
    """True for a template's path relative to the store: ``templates/retro-kudos.toml``
    (not in a subfolder, not hidden)."""
    folder, slash, name = rel.partition("/")
    return (
        folder == TEMPLATES_DIR
        and bool(slash)
        and "/" not in name
        and name.endswith(SUFFIX)
        and not name.startswith(".")
        and len(name) > len(SUFFIX)
    )


def template_files(store: Store) -> list[tuple[str, bytes]]:
    """Every template of ``store`` as ``(templates/NAME.toml, its bytes)``, by name."""
    backend = store.backend
    root = getattr(backend, "root", None)
    if root is None:  # the memory backend: its files by path
        files = getattr(backend, "files", {})
        return sorted((rel, data) for rel, data in files.items() if is_template(rel))
    found = []
    try:
        entries = sorted(os.scandir(os.path.join(root, TEMPLATES_DIR)), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        rel = f"{TEMPLATES_DIR}/{entry.name}"
        if is_template(rel) and entry.is_file():
            data = backend.read(rel)
            if data is not None:
                found.append((rel, data))
    return found
