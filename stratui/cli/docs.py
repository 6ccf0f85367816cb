"""``stratui docs metrics|format``: the project's own documents, from the installed copy.

What every figure means (``docs/METRICS.md``) and the interchange format
(``docs/EXPORT-FORMAT.md``) ship inside the package (the wheel maps ``docs/`` to
``stratui/docs/``, as it does the stylesheets), so an installed stratui can show them
without the repository: printed as Markdown, or with ``--path`` where the file is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stratui.cli import argtypes
from stratui.cli.common import UsageError

DOCUMENTS = {"metrics": "METRICS.md", "format": "EXPORT-FORMAT.md"}
"""The documents by the name ``stratui docs`` takes."""

_PACKAGE = Path(__file__).resolve().parent.parent


def define_docs(docs: argparse.ArgumentParser) -> None:
    docs.add_argument("document", **argtypes.one_of(tuple(DOCUMENTS)))
    docs.add_argument("--path", action="store_true", help="print where the file is instead")


def document_path(name: str) -> Path:
    """Where document ``name`` is: in the installed package, else in the checkout."""
    for folder in (_PACKAGE / "docs", _PACKAGE.parent / "docs"):
        candidate = folder / DOCUMENTS[name]
        if candidate.is_file():
            return candidate
    raise UsageError(f"docs: {DOCUMENTS[name]} is missing from this installation")


def run_docs(args) -> int:
    path = document_path(args.document)
    if args.path:
        print(path)
    else:
        sys.stdout.write(path.read_text(encoding="utf-8"))
    return 0
