"""A store that cannot be written can still be read: a read-only folder or file system,
a full disk. A write that cannot be made names the store file, not a temporary, and
changes nothing.

The tests run as root, where chmod stops nothing: ``unwritable`` makes a folder refuse
writes for this process instead (as EROFS, EACCES or ENOSPC), and one test drops to an
unprivileged user in a child process, to meet the kernel's own refusal.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from stratui.clock import Clock
from stratui.domain import schema  # noqa: F401  (loaded before a child drops privileges)
from stratui.store import tiny  # noqa: F401
from stratui.store.errors import LockUnavailable, StoreError, StoreUnwritable
from stratui.store.store import Store
from stratui.usecases import exchange
from stratui.usecases.views.dashboard import build_dashboard
from stratui.usecases.workspace import Workspace

from ._support import commitment, goal, tree, unwritable

WEEK_12 = "commitments/2026-Q1.json"


@pytest.fixture
def root(tmp_path) -> Path:
    """A store with commitments in two shards and a goal, and one shard then changed
    from outside (as by git), so that reading it has caches to bring up to date."""
    path = tmp_path / "store"
    store = Store.at(str(path))
    with store.transaction() as tx:
        tx.insert("commitments", commitment(title="kept"))
        tx.insert("commitments", commitment("2026-W30", title="summer"))
        tx.insert("goals", goal())
    shard = path / WEEK_12
    shard.write_bytes(shard.read_bytes().replace(b'"kept"', b'"edited"'))
    return path


def reads(store: Store) -> dict:
    """What reading commands do: list, resolve a prefix, export, check, summaries."""
    found = store.find("commitments")
    rid = found[0]["id"]
    return {
        "titles": sorted(r["title"] for r in found),
        "resolved": store.resolve("commitments", rid[:5])["id"] == rid,
        "collections": {k: len(v) for k, v in store.collections().items() if v},
        "check": store.check(),
        "digests": store.digests("commitments", "count-1", len),
    }


EXPECTED = {
    "titles": ["edited", "summer"],
    "resolved": True,
    "collections": {"commitments": 2, "goals": 1},
    "check": [],
    "digests": {"2026-Q1": 1, "2026-Q3": 1},
}


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_every_read_works_on_a_store_that_cannot_be_written(root, monkeypatch, code):
    before = tree(root)
    unwritable(monkeypatch, root, code)
    assert reads(Store.at(str(root))) == EXPECTED
    monkeypatch.undo()
    assert tree(root) == before  # no cache written, no temporary left


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_reads_work_without_any_local_folder_it_could_create(root, monkeypatch, code):
    """A fresh clone on a read-only medium: no ``.stratui``, not even a lock file."""
    shutil.rmtree(root / ".stratui")
    unwritable(monkeypatch, root, code)
    assert reads(Store.at(str(root))) == EXPECTED
    monkeypatch.undo()
    assert not (root / ".stratui").exists()


def test_the_dashboard_reads_a_store_that_cannot_be_written(tmp_path, monkeypatch):
    import datetime as dt

    from stratui.demo import generate_history

    today = dt.date(2026, 11, 20)
    root = tmp_path / "history"
    exchange.import_document(
        Workspace(Store.at(str(root)), Clock(today)),
        generate_history(people=2, weeks=8, today=today),
    )
    expected = build_dashboard(Workspace(Store.at(str(root)), Clock(today)))
    shutil.rmtree(root / ".stratui" / "digests")
    (root / ".stratui" / "manifest.json").unlink()
    for code in (errno.EROFS, errno.ENOSPC):
        switch = unwritable(monkeypatch, root, code)
        assert build_dashboard(Workspace(Store.at(str(root)), Clock(today))) == expected
        switch["on"] = False
    assert not (root / ".stratui" / "digests").exists()


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_a_write_that_cannot_be_made_names_the_store_and_changes_nothing(root, monkeypatch, code):
    Store.at(str(root)).find("commitments")  # the caches are up to date
    before = tree(root)
    unwritable(monkeypatch, root, code)
    with pytest.raises(StoreUnwritable) as refused, Store.at(str(root)).transaction() as tx:
        tx.insert("commitments", commitment(title="new"))
    message = str(refused.value)
    assert os.strerror(code) in message
    if code == errno.ENOSPC:  # the lock file exists: it is the commit that fails
        assert f"cannot write {root / WEEK_12}" in message
    else:
        assert f"cannot write the store {root}" in message
    assert ".stratui/tmp" not in message
    assert "nothing was changed" in message or "the store was not changed" in message
    monkeypatch.undo()
    assert tree(root) == before


def test_a_reader_without_the_lock_refuses_what_changed_while_it_read(root, monkeypatch):
    """Without a lock file to wait on, a read that overlapped a write fails (run it
    again) instead of returning part of it."""
    Store.at(str(root)).find("commitments")
    (root / ".stratui" / "lock").unlink()
    switch = unwritable(monkeypatch, root, errno.EROFS)
    reader = Store.at(str(root))
    with reader.reading():
        assert len(reader.find("commitments")) == 2
    assert not reader.backend.lock_held()
    with (
        pytest.raises(StoreError, match="was being written while it was read"),
        reader.reading(),
    ):
        reader.find("commitments", weeks=["2026-W12"])
        switch["on"] = False  # another user, who may write, commits meanwhile
        with Store.at(str(root)).transaction() as tx:
            tx.insert("commitments", commitment("2026-W30", title="meanwhile"))
        switch["on"] = True
        reader.find("commitments", weeks=["2026-W30"])
    (root / ".stratui" / "lock").unlink()  # the writer made it
    assert len(reader.find("commitments")) == 3  # read again: whole


def test_a_cut_write_cannot_be_finished_by_a_reader_that_cannot_write(root, monkeypatch):
    journal = root / ".stratui" / "journal.json"
    journal.write_text(json.dumps({"renames": [[".stratui/tmp/1-0.json", WEEK_12]]}))
    unwritable(monkeypatch, root, errno.EROFS)
    with pytest.raises(LockUnavailable) as refused:
        Store.at(str(root)).find("commitments")
    assert "a write that was cut short" in str(refused.value)
    assert str(journal) in str(refused.value)


# -- immutable files ---------------------------------------------------------------------


def _immutable(monkeypatch, path: Path) -> None:
    """``path`` refuses to be opened for writing or replaced, as ``chattr +i`` makes it."""
    real_open, real_replace = os.open, os.replace
    target = str(path)

    def os_open(name, flags, *args, **kwargs):
        if os.fspath(name) == target and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), name)
        return real_open(name, flags, *args, **kwargs)

    def replace(source, destination, *args, **kwargs):
        if os.fspath(destination) == target:
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), source, destination)
        return real_replace(source, destination, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("files", [1, 2], ids=["one-file", "journalled"])
def test_a_write_to_an_immutable_file_names_it_and_changes_nothing(root, monkeypatch, files):
    Store.at(str(root)).find("commitments")
    before = tree(root)
    _immutable(monkeypatch, root / WEEK_12)
    with pytest.raises(StoreUnwritable) as refused, Store.at(str(root)).transaction() as tx:
        tx.insert("commitments", commitment(title="new"))
        if files == 2:
            tx.insert("goals", goal("new"))
    message = str(refused.value)
    assert message == (
        f"cannot write {root / WEEK_12}: Operation not permitted; the store was not changed"
    )
    assert refused.value.path == str(root / WEEK_12)
    monkeypatch.undo()
    assert tree(root) == before


def test_a_journalled_write_cut_by_a_file_it_cannot_replace_is_finished_later(root, monkeypatch):
    """Past the check made before writing (the file became immutable meanwhile): the
    error names the file, and the next write, once it can be replaced, finishes it."""
    real_replace = os.replace
    target = str(root / WEEK_12)

    def replace(source, destination, *args, **kwargs):
        if os.fspath(destination) == target:
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), source, destination)
        return real_replace(source, destination, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    new, other = commitment(title="new"), goal("new")
    with (
        pytest.raises(StoreUnwritable, match=f"cannot write {target}: Operation not permitted"),
        Store.at(str(root)).transaction() as tx,
    ):
        tx.insert("commitments", new)
        tx.insert("goals", other)
    with pytest.raises(StoreUnwritable, match=f"cannot write {target}.*cut short"):
        Store.at(str(root)).find("commitments")  # every command says so until it is fixed
    monkeypatch.undo()
    store = Store.at(str(root))
    assert store.get("commitments", new["id"]) == new
    assert store.get("goals", other["id"]) == other
    assert store.check() == []


def test_a_real_immutable_file(root):
    if shutil.which("chattr") is None:
        pytest.skip("no chattr")
    shard = root / WEEK_12
    if subprocess.run(["chattr", "+i", str(shard)], capture_output=True).returncode:
        pytest.skip("chattr +i is not permitted here")
    try:
        Store.at(str(root)).find("commitments")  # the caches are up to date
        before = tree(root)
        with (
            pytest.raises(StoreUnwritable) as refused,
            Store.at(str(root)).transaction() as tx,
        ):
            tx.insert("commitments", commitment(title="new"))
            tx.insert("goals", goal("new"))
        assert str(refused.value).startswith(f"cannot write {shard}: Operation not permitted")
        assert tree(root) == before
    finally:
        subprocess.run(["chattr", "-i", str(shard)], check=True)


# -- the kernel's own refusal ------------------------------------------------------------

NOBODY = 65534


@pytest.fixture
def shared_dir():
    """A folder an unprivileged user may enter (pytest's tmp_path is root's own)."""
    path = Path(tempfile.mkdtemp(prefix="stratui-ro-"))
    path.chmod(0o755)
    yield path
    for folder, _dirs, _files in os.walk(path):
        os.chmod(folder, 0o755)
    shutil.rmtree(path)


def _as_reader_without_rights(action):
    """Run ``action()`` where the kernel refuses writes to a read-only folder: in this
    process when not root, else in a forked child that drops to the user nobody.
    Returns what it returned (JSON), or raises what it raised (as text)."""
    if os.geteuid() != 0:
        return action()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = ["ok", action()]
        except BaseException as error:
            result = ["error", f"{type(error).__name__}: {error}"]
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        outcome = json.loads(pipe.read() or '["error", "the child died"]')
    os.waitpid(pid, 0)
    if outcome[0] == "error":
        raise AssertionError(outcome[1])
    return outcome[1]


def test_a_really_read_only_store_is_read(shared_dir):
    root = shared_dir / "store"
    with Store.at(str(root)).transaction() as tx:
        tx.insert("commitments", commitment(title="kept"))
        tx.insert("commitments", commitment("2026-W30", title="summer"))
        tx.insert("goals", goal())
    shard = root / WEEK_12
    shard.write_bytes(shard.read_bytes().replace(b'"kept"', b'"edited"'))
    before = tree(root)
    for folder, _dirs, files in os.walk(root):
        for name in files:
            os.chmod(os.path.join(folder, name), stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.chmod(folder, 0o555)

    def read_then_write():
        store = Store.at(str(root))
        found = reads(store)
        try:
            with store.transaction() as tx:
                tx.insert("commitments", commitment(title="refused"))
        except StoreUnwritable as error:
            found["write"] = str(error)
        return found

    found = _as_reader_without_rights(read_then_write)
    assert found.pop("write") == (
        f"cannot write the store {root}: Permission denied ({root}/.stratui/lock); "
        "nothing was changed"
    )
    assert found == EXPECTED
    assert tree(root) == before


def test_a_saved_write_is_reported_saved_when_its_backup_copy_cannot_be_kept(root, monkeypatch):
    """Issue 17, item 2: on a full disk `log` said 'No space left on device' (exit 1)
    although the commitment was committed; retrying made a duplicate. The backup copy,
    made after the durable commit, is best effort: the write is reported as it is."""
    from stratui.store import backend as backend_module

    store = Store.at(str(root))
    real_open = open

    def full_for_backups(path, mode="r", *args, **kwargs):
        if "backups" in str(path) and "w" in mode:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(backend_module, "open", full_for_backups, raising=False)
    with store.transaction() as tx:  # no error: the commit is made
        tx.insert("commitments", commitment(title="saved"))
    monkeypatch.undo()
    titles = [c["title"] for c in Store.at(str(root)).all("commitments")]
    assert titles.count("saved") == 1
