"""``.stratui/`` is a cache and a journal: what can be rebuilt is rebuilt, what cannot is
refused naming the file, and a journal is followed only when it is what stratui writes.

Also: a record of the wrong shape in a store file is refused as damage by every
operation (and reported by ``check`` naming the record and its field), a refused first
write leaves nothing behind, and the temporaries of killed processes are swept by the
next write.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from stratui.domain import records
from stratui.store.backend import DirectoryBackend
from stratui.store.errors import JournalRefused, StoreDamaged
from stratui.store.lock import FileLock
from stratui.store.store import Store

from ._support import NOW, commitment, tree

WEEK_12 = "commitments/2026-Q1.json"


def person(name) -> dict:
    return records.new_record("people", {"name": name, "teams": []}, NOW)


@pytest.fixture
def root(tmp_path) -> Path:
    """A store with a commitment (2026-W12) and a person, written in two commits."""
    path = tmp_path / "store"
    with Store.at(str(path)).transaction() as tx:
        tx.insert("commitments", commitment(title="kept"))
    with Store.at(str(path)).transaction() as tx:
        tx.insert("people", person("ada"))
    return path


def store_files(root: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in tree(root).items() if not rel.startswith(".stratui")}


# -- the journal ------------------------------------------------------------------------


def _journal(root: Path, document: object) -> Path:
    path = root / ".stratui" / "journal.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def _temporary(root: Path, name: str = "1-0.json", data: bytes | None = None) -> str:
    path = root / ".stratui" / "tmp" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data if data is not None else (root / WEEK_12).read_bytes())
    return f".stratui/tmp/{name}"


BAD_JOURNALS = {
    "empty-object": ({}, "is not a journal stratui writes"),
    "not-json": ("{'renames'", "is not a journal stratui writes"),
    "renames-not-a-list": ({"renames": {"a": "b"}}, "is not a journal stratui writes"),
    "entry-not-a-pair": ({"renames": [["a"]]}, "is not a journal stratui writes"),
    "numbers": ({"renames": [[1, 2]]}, "is not a journal stratui writes"),
}


@pytest.mark.parametrize("kind", sorted(BAD_JOURNALS))
def test_a_journal_of_the_wrong_shape_is_refused_by_every_operation_and_left(root, kind):
    document, problem = BAD_JOURNALS[kind]
    journal = _journal(root, document)
    before = tree(root)
    operations = {
        "get": lambda s: s.get("commitments", "x"),
        "find": lambda s: s.find("commitments"),
        "write": lambda s: s.transaction().__enter__(),
    }
    for name, operation in operations.items():
        with pytest.raises(JournalRefused) as refused:
            operation(Store.at(str(root)))
        message = str(refused.value)
        assert str(journal) in message and problem in message, name
        assert "delete it" in message  # what to do
    (problem_line,) = Store.at(str(root)).check()
    assert str(journal) in problem_line
    assert tree(root) == before  # nothing touched, the journal kept for the user


def test_once_the_refused_journal_is_removed_the_store_works(root):
    journal = _journal(root, {})
    with pytest.raises(JournalRefused):
        Store.at(str(root)).find("commitments")
    journal.unlink()
    store = Store.at(str(root))
    assert [r["title"] for r in store.find("commitments")] == ["kept"]
    assert store.check() == []


@pytest.mark.parametrize(
    "final",
    [
        "../outside.json",
        "/tmp/outside.json",
        "commitments/../../outside.json",
        ".stratui/manifest.json",
        "notes.txt",
        "commitments/2026-Q1.json/x.json",
        "people/.json",
    ],
)
def test_a_journal_naming_a_path_that_is_not_a_store_file_is_never_followed(root, final):
    tmp = _temporary(root)
    journal = _journal(root, {"renames": [[tmp, final]]})
    before = tree(root)
    with pytest.raises(JournalRefused, match="which is not a store file") as refused:
        Store.at(str(root)).find("commitments")
    assert str(journal) in str(refused.value)
    assert tree(root) == before
    assert not (root.parent / "outside.json").exists()


@pytest.mark.parametrize(
    "tmp", ["../elsewhere.json", "/etc/hostname", ".stratui/manifest.json", "people.json"]
)
def test_a_journal_taking_a_file_that_is_not_a_stratui_temporary_is_never_followed(root, tmp):
    _journal(root, {"renames": [[tmp, WEEK_12]]})
    before = tree(root)
    with pytest.raises(JournalRefused, match="not one of stratui's temporary files"):
        Store.at(str(root)).find("commitments")
    assert tree(root) == before


def test_a_journal_whose_temporary_is_a_link_or_not_the_file_it_replaces_is_refused(root):
    outside = root.parent / "secret.json"
    outside.write_text('{"commitments": {}}\n')
    link = root / ".stratui" / "tmp" / "1-0.json"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(outside)
    _journal(root, {"renames": [[".stratui/tmp/1-0.json", WEEK_12]]})
    before = tree(root)
    with pytest.raises(JournalRefused, match="not a regular file"):
        Store.at(str(root)).find("commitments")
    assert tree(root) == before
    link.unlink()
    # a temporary holding another collection's file
    tmp = _temporary(root, data=(root / "people.json").read_bytes())
    _journal(root, {"renames": [[tmp, WEEK_12]]})
    with pytest.raises(JournalRefused, match=r"does not hold a commitments/2026-Q1\.json"):
        Store.at(str(root)).find("commitments")
    assert store_files(root) == {k: v for k, v in before.items() if not k.startswith(".stratui")}


def test_a_sound_journal_is_still_rolled_forward(root):
    """The refusals above leave the journal of a real cut commit alone."""
    new = commitment(title="rolled")
    data = (root / WEEK_12).read_bytes().replace(b'{"commitments": {\n', b"", 1)
    line = f'{{"commitments": {{\n"{new["id"]}": {json.dumps(new, sort_keys=True)},\n'
    tmp = _temporary(root, data=line.encode() + data)
    _journal(root, {"renames": [[tmp, WEEK_12]]})
    store = Store.at(str(root))
    assert store.get("commitments", new["id"]) == new
    assert not (root / ".stratui" / "journal.json").exists()
    assert store.check() == []


# -- the manifest and the id index: rebuilt --------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b'{"files": []}',
        b"[]",
        b"\xff\xfe not text",
        b'{"files": {"commitments/2026-Q1.json": "big"}, "version": 2}',
        b'{"files": {"commitments/2026-Q1.json": [1, 2, 3, 4]}, "version": 2}',
        b'{"files": {"../../etc/x.json": [1, 2]}, "version": 2}',
        b'{"files": {"commitments/2026-Q1.json": [true, 2]}, "version": 2}',
    ],
    ids=["files-a-list", "a-list", "not-utf8", "entry-a-string", "long", "outside", "bool"],
)
def test_a_manifest_of_the_wrong_shape_is_rebuilt(root, content):
    (root / ".stratui" / "manifest.json").write_bytes(content)
    store = Store.at(str(root))
    assert [r["title"] for r in store.find("commitments")] == ["kept"]
    rid = store.find("commitments")[0]["id"]
    assert store.resolve("commitments", rid[:6])["title"] == "kept"
    with store.transaction() as tx:
        tx.insert("commitments", commitment(title="after"))
    assert store.check() == []
    manifest = json.loads((root / ".stratui" / "manifest.json").read_text())
    assert sorted(manifest["files"]) == ["commitments/2026-Q1.json", "people.json", META]
    assert len(Store.at(str(root)).find("commitments")) == 2


META = "stratui-store.json"


@pytest.mark.parametrize("content", [b"\xff\xfe\x00", b"\x80abc"], ids=["bom-nul", "cont-byte"])
def test_an_id_index_that_is_not_text_is_rebuilt(root, content):
    rid = Store.at(str(root)).find("commitments")[0]["id"]
    index = root / ".stratui" / "ids" / f"{WEEK_12}.ids"
    index.write_bytes(content)
    store = Store.at(str(root))
    assert store.resolve("commitments", rid[:5])["id"] == rid
    assert store.get("commitments", rid)["title"] == "kept"
    assert index.read_text() == rid  # rewritten from the file


def test_unreadable_caches_are_rebuilt(root):
    """A cache that is a folder (or a pipe) instead of a file reads as missing."""
    rid = Store.at(str(root)).find("commitments")[0]["id"]
    manifest = root / ".stratui" / "manifest.json"
    manifest.unlink()
    manifest.mkdir()
    index = root / ".stratui" / "ids" / f"{WEEK_12}.ids"
    index.unlink()
    os.mkfifo(index)  # reading a pipe would block forever
    store = Store.at(str(root))
    assert store.resolve("commitments", rid[:5])["id"] == rid


# -- a record of the wrong shape -------------------------------------------------------


def _rename_to_42(root: Path) -> str:
    path = root / "people.json"
    text = path.read_text()
    assert '"name": "ada"' in text
    path.write_text(text.replace('"name": "ada"', '"name": 42'))
    return json.loads(text)["people"].popitem()[0]


def test_a_record_of_the_wrong_shape_is_damage_every_operation_names(root):
    rid = _rename_to_42(root)
    before = tree(root)
    for operation in (
        lambda s: s.all("people"),
        lambda s: s.find("commitments"),  # any read checks what changed
        lambda s: s.collections(),
        lambda s: s.transaction().__enter__(),
    ):
        with pytest.raises(StoreDamaged) as damaged:
            operation(Store.at(str(root)))
        message = str(damaged.value)
        assert str(root / "people.json") in message
        assert f"people {rid}: name: expected non-empty text, got 42" in message
        assert "latest good backup" in message  # the copy of the previous commit
        assert damaged.value.backup and "42" not in Path(damaged.value.backup).read_text()
    assert tree(root) == before


def test_check_names_the_record_and_its_field(root):
    rid = _rename_to_42(root)
    problems = Store.at(str(root)).check()
    assert problems == [
        f"people {rid}: name: expected non-empty text, got 42 (in {root / 'people.json'})"
    ]


def test_a_record_an_earlier_stratui_accepted_is_checked_once(root):
    """A manifest of an earlier version listed the file as seen: it is checked again."""
    _rename_to_42(root)
    listing = DirectoryBackend(str(root)).listing()
    old = {"files": {rel: list(sig) for rel, sig in listing.items()}}  # no version
    (root / ".stratui" / "manifest.json").write_text(json.dumps(old))
    with pytest.raises(StoreDamaged, match="name: expected non-empty text, got 42"):
        Store.at(str(root)).all("people")


def test_records_written_by_stratui_are_not_checked_again(root, monkeypatch):
    """Checking costs only for files changed from outside: a read of files the
    manifest lists as seen validates nothing."""
    Store.at(str(root)).find("commitments")  # sees everything
    import stratui.domain.schema as schema

    def fail(*args):
        raise AssertionError("validated again")

    monkeypatch.setattr(schema, "validate_record", fail)
    assert len(Store.at(str(root)).find("commitments")) == 1
    assert len(Store.at(str(root)).all("people")) == 1


# -- a refused first write leaves nothing ----------------------------------------------


class Refused(Exception):
    pass


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder", "empty-folder"])
def test_a_first_write_refused_at_commit_leaves_nothing_behind(tmp_path, existing):
    root = tmp_path / "a" / "b" / "store"
    if existing:
        root.mkdir(parents=True)
    store = Store.at(str(root))

    def refuse(tx):
        assert (root / ".stratui" / "lock").exists()  # it was locked
        raise Refused

    store.before_commit = refuse
    with pytest.raises(Refused), store.transaction() as tx:
        tx.insert("commitments", commitment())
    if existing:
        assert list(root.iterdir()) == []
    else:
        assert list(tmp_path.iterdir()) == []
    # and the store takes its first write afterwards
    store.before_commit = None
    with store.transaction() as tx:
        tx.insert("commitments", commitment(title="first"))
    assert [r["title"] for r in Store.at(str(root)).find("commitments")] == ["first"]


def test_a_first_write_failing_on_disk_leaves_nothing_behind(tmp_path, monkeypatch):
    import stratui.store.backend as backend

    def full(path, data):
        Path(path).write_bytes(data[:3])  # what a full disk leaves: part of it
        raise OSError(28, os.strerror(28), path)

    monkeypatch.setattr(backend, "_write_durably", full)
    root = tmp_path / "store"
    with pytest.raises(Exception, match="No space left"), Store.at(str(root)).transaction() as tx:
        tx.insert("commitments", commitment())
    assert not root.exists()


def test_a_first_write_keeps_what_the_folder_held_and_a_cut_first_commit(tmp_path, monkeypatch):
    root = tmp_path / "store"
    (root / ".stratui").mkdir(parents=True)
    (root / ".stratui" / "config.json").write_text('{"me": "ada"}')
    store = Store.at(str(root))
    store.before_commit = lambda tx: (_ for _ in ()).throw(Refused())
    with pytest.raises(Refused), store.transaction() as tx:
        tx.insert("commitments", commitment())
    assert sorted(p.name for p in (root / ".stratui").iterdir()) == ["config.json"]


def test_a_lock_removed_while_waited_for_is_taken_on_the_file_now_there(tmp_path):
    path = str(tmp_path / "lock")
    first, second = FileLock(path), FileLock(path)
    taken = threading.Event()
    with first.hold(True):

        def wait():
            with second.hold(True):
                held = os.fstat(second._fd)  # type: ignore[arg-type]
                now = os.stat(path)
                assert (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
                taken.set()

        waiter = threading.Thread(target=wait)
        waiter.start()
        time.sleep(0.2)
        assert not taken.is_set()
        os.remove(path)  # what a refused first write does, under the lock
    waiter.join(5)
    assert taken.is_set()


# -- temporaries of killed processes ---------------------------------------------------


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **_OUT)
    return int(done.stdout)


_OUT = {"capture_output": True, "text": True, "check": True}


def test_the_next_write_sweeps_the_temporaries_dead_processes_left(root):
    dead = _dead_pid()
    local = root / ".stratui"
    (local / "tmp").mkdir(exist_ok=True)
    stale = [
        local / "tmp" / "4242-0.json",  # a commit's, never journalled
        local / "tmp" / f"cache-{dead}-3.tmp",
        local / "journal.json.tmp",
        local / f"manifest.json.{dead}.tmp",  # where earlier versions put them
        local / "ids" / "commitments" / f"2026-Q1.json.ids.{dead}.tmp",
    ]
    kept = [
        local / "tmp" / f"cache-{os.getpid()}-9.tmp",  # a live process's
        local / "tmp" / "notes.txt",  # not stratui's
        local / f"config.json.{os.getpid()}.tmp",
    ]
    for path in stale + kept:
        path.write_bytes(b"partial")
    Store.at(str(root)).find("commitments")  # a read sweeps nothing
    assert all(path.exists() for path in stale)
    with Store.at(str(root)).transaction() as tx:
        tx.insert("commitments", commitment(title="next"))
    assert [path for path in stale if path.exists()] == []
    assert all(path.exists() for path in kept)


def test_a_commit_that_fails_leaves_no_temporaries(root, monkeypatch):
    import stratui.store.backend as backend

    written = []
    real = backend._write_durably

    def second_fails(path, data):
        written.append(path)
        if len(written) == 2:
            raise OSError(28, os.strerror(28), path)
        real(path, data)

    monkeypatch.setattr(backend, "_write_durably", second_fails)
    before = store_files(root)
    with (
        pytest.raises(Exception, match="No space left"),
        Store.at(str(root)).transaction() as tx,
    ):
        tx.insert("commitments", commitment(title="a"))
        tx.insert("commitments", commitment("2026-W30", title="b"))
    assert os.listdir(root / ".stratui" / "tmp") == []
    assert not (root / ".stratui" / "journal.json").exists()
    assert store_files(root) == before
