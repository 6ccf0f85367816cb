"""``stratui sync setup``: make a git clone merge the store with stratui's merge driver.

Three things, each only when missing, each reported:

1. the store's ``.gitattributes`` names the driver for every store file: the meta file,
   the small collection files and each sharded collection's files (derived from
   :mod:`stratui.store.layout`, so a new collection is covered). It is committed, so
   every clone of the team's repository carries it;
2. the store's ``.gitignore`` keeps ``.stratui/`` (this machine's lock, journal, index and
   backups) out of git, and a ``.stratui/`` that was committed by mistake is untracked;
3. this clone's ``.git/config`` defines the driver. Git does not copy a repository's
   configuration into its clones, so every clone needs this once; ``stratui sync`` does
   it by itself when the attributes are there and the entry is not.

The driver command names the Python interpreter that runs this stratui, by absolute
path (``"/path/to/python" -P -m stratui merge-driver %O %A %B %P``): git runs it through
a shell in which the ``stratui`` script may not be on ``PATH`` (a venv not activated, an
IDE, a GUI client), and ``-m stratui`` from that interpreter always finds this stratui.
``-P`` keeps the directory git runs it in (the work tree) off ``sys.path``. The entry
lives in ``.git/config``, which belongs to this clone on this machine, so an absolute
path there is safe; ``stratui sync`` rewrites it when stratui is run from elsewhere.

A fresh clone of an empty repository has no store yet: setup creates one (the meta file
only) when the directory holds nothing but hidden entries such as ``.git``.
"""

from __future__ import annotations

import os
import shlex
import sys

from stratui.store.layout import LOCAL_DIR, META_FILE, SHARDED, UNSHARDED
from stratui.sync.git import Repo

DRIVER = "stratui"
ATTRIBUTES = ".gitattributes"
IGNORE = ".gitignore"
_HEADER = "# stratui: git merges the store's files record by record (stratui sync setup)"


class SetupError(Exception):
    """The store cannot be shared as asked; the message says why and what to do."""


def attribute_lines() -> list[str]:
    """The ``.gitattributes`` lines that send every store file to the merge driver."""
    paths = [META_FILE, *(f"{c}.json" for c in UNSHARDED), *(f"{c}/*.json" for c in SHARDED)]
    return [f"/{path} merge={DRIVER}" for path in paths]


def driver_command() -> str:
    """The shell command git runs to merge a store file (see the module doc)."""
    return f"{shlex.quote(sys.executable)} -P -m stratui merge-driver %O %A %B %P"


def repository_of(store_dir: str) -> Repo:
    """The git work tree holding the store; raises :class:`SetupError` outside one."""
    repo = Repo.containing(store_dir)
    if repo is None:
        raise SetupError(
            f"the store {store_dir} is not inside a git repository: clone your team's "
            f"repository (git clone URL DIR) and use a store inside it (--db DIR/store)"
        )
    return repo


def setup(store_dir: str) -> list[str]:
    """Set the clone up (see the module doc); returns one line per thing done or found."""
    store_dir = os.path.abspath(store_dir)
    repo = repository_of(store_dir)
    said = [_create_store(store_dir)]
    said.append(_write_lines(store_dir, ATTRIBUTES, attribute_lines(), _HEADER))
    said.append(_write_lines(store_dir, IGNORE, [f"{LOCAL_DIR}/"], None))
    said.extend(untrack_local(repo, store_dir))
    said.append(configure_driver(repo) or f"git config merge.{DRIVER}.driver: already set")
    return said


def attributes_in_place(store_dir: str) -> bool:
    """True when the store's ``.gitattributes`` names the driver for every store file."""
    return not _missing(os.path.join(store_dir, ATTRIBUTES), attribute_lines())


def attributes_to_complete(store_dir: str) -> list[str]:
    """The lines a newer stratui's collections add to a ``.gitattributes`` that ``stratui
    sync setup`` wrote before (its header is there); [] when none is missing, or when the
    file is not stratui's (then setup is needed: :func:`attributes_in_place`)."""
    path = os.path.join(store_dir, ATTRIBUTES)
    try:
        with open(path, encoding="utf-8") as handle:
            ours = _HEADER in handle.read()
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    return _missing(path, attribute_lines()) if ours else []


def complete_attributes(store_dir: str) -> str | None:
    """Add :func:`attributes_to_complete`'s lines; a line saying so, or None."""
    missing = attributes_to_complete(store_dir)
    if not missing:
        return None
    _write_lines(store_dir, ATTRIBUTES, attribute_lines(), _HEADER)
    added = ", ".join(line.split()[0] for line in missing)
    return f"{ATTRIBUTES}: added the merge driver for {added} (files of a newer stratui)"


def configure_driver(repo: Repo) -> str | None:
    """Define the driver in this clone's config; a line saying so, or None if it was."""
    command = driver_command()
    if repo.config(f"merge.{DRIVER}.driver") == command:
        return None
    repo.set_config(f"merge.{DRIVER}.name", "stratui: merge store files record by record")
    repo.set_config(f"merge.{DRIVER}.driver", command)
    return f"git config merge.{DRIVER}.driver (this clone only): {command}"


def _create_store(store_dir: str) -> str:
    from stratui.store.backend import DirectoryBackend
    from stratui.store.codec import encode_meta
    from stratui.store.layout import STORE_FORMAT
    from stratui.store.store import SCHEMA_VERSION

    backend = DirectoryBackend(store_dir)
    if backend.exists():
        return f"store: {store_dir}"
    if os.path.isdir(store_dir):
        visible = sorted(name for name in os.listdir(store_dir) if not name.startswith("."))
        if visible:
            raise SetupError(
                f"{store_dir} is not a stratui store and holds other files ({visible[0]}); "
                f"put the store in a directory of its own, e.g. --db {store_dir}/store"
            )
    with backend.lock(True):
        backend.commit({META_FILE: encode_meta({"format": STORE_FORMAT, "schema": SCHEMA_VERSION})})
    return f"store: {store_dir} (created, empty)"


def _missing(path: str, lines: list[str]) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            present = {line.strip() for line in handle}
    except FileNotFoundError:
        present = set()
    equivalent = {f"{LOCAL_DIR}/", LOCAL_DIR, f"/{LOCAL_DIR}", f"/{LOCAL_DIR}/"}
    if present & equivalent:
        present |= equivalent
    return [line for line in lines if line not in present]


def _write_lines(store_dir: str, name: str, lines: list[str], header: str | None) -> str:
    """Append the ``lines`` missing from the store's file ``name`` (created if absent)."""
    path = os.path.join(store_dir, name)
    missing = _missing(path, lines)
    if not missing:
        return f"{name}: already in place"
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
    except FileNotFoundError:
        text = ""
    if text and not text.endswith("\n"):
        text += "\n"
    if header and header not in text:
        text += header + "\n"
    text += "".join(line + "\n" for line in missing)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)
    what = "git merges the store's files with stratui's merge driver"
    if name == IGNORE:
        what = f"{LOCAL_DIR}/ (this machine's lock, index and backups) stays out of git"
    return f"wrote {path}: {what}"


def untrack_local(repo: Repo, store_dir: str) -> list[str]:
    """Stop tracking a ``.stratui/`` committed by mistake (the files stay on disk)."""
    local = "/".join(p for p in (repo.relative(store_dir), LOCAL_DIR) if p)
    if not repo.git("ls-files", "-z", "--", local):
        return []
    repo.git("rm", "-r", "-q", "--cached", "--", local)
    return [f"{local}/ was in git: it is no longer tracked (kept on disk); sync commits that"]
