"""``stratui sync``: commit the store's changes, merge the team's, push; lose nothing.

One run, in this order:

1. **Check** (nothing is changed when a check fails): the store is in a git work tree set
   up for the merge driver (``stratui sync setup``), on a branch, with no merge or rebase
   left unfinished and no change to tracked files outside the store. This clone's driver
   entry is written if missing (a fresh clone has none: git does not copy it).
2. **Commit** the store's files (and only those) with a message listing what changed.
3. **Fetch** the upstream branch (or the only remote's branch of the same name). When
   the network fails nothing is merged: the commit stays local and the message says so.
4. **Merge**, under the store's exclusive lock so no stratui process writes meanwhile:
   the incoming store files are decoded first (a damaged or too new file refuses the
   merge before it starts); git merges, calling the driver for each file both sides
   changed; the store re-reads what git changed, :mod:`stratui.store.reconcile` removes
   twins and revives deleted records still linked to, reading only what those files
   concern (so a sync costs what changed, not the length of the history), and the merge
   is committed. A conflict (the driver refused a file) is left for the user with the
   paths named.
5. **Push**. When someone pushed meanwhile, fetch and merge again (a few times); when
   the push fails otherwise, the local commits stay and the message says so.

Every outcome is a line through ``say`` or a :class:`SyncError` whose message says what
was kept and what to do.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable

from stratui.store.codec import ShardError, decode_meta, decode_shard
from stratui.store.layout import LOCAL_DIR, META_FILE, parse_relpath
from stratui.store.templates import is_template
from stratui.sync.git import GitFailed, Repo
from stratui.sync.message import commit_message, describe
from stratui.sync.setup import (
    ATTRIBUTES,
    IGNORE,
    SetupError,
    attributes_in_place,
    attributes_to_complete,
    complete_attributes,
    configure_driver,
    repository_of,
    untrack_local,
)

PUSH_ATTEMPTS = 3
"""How many times a push rejected because someone pushed meanwhile is merged and retried."""

Say = Callable[[str], None]

SYNCED_FILE = "synced-head"
"""In the store's local folder: the commit this clone last reconciled (see
:meth:`_Session.changed_since_sync`)."""


class SyncError(Exception):
    """The sync stopped; the message says what was kept and what to do next."""


AfterMerge = Callable[[object, list[str] | None], list[str]]
"""What the door runs on the store after a merge, before its commit (the use cases' rules
a merge of files cannot apply, such as following renames), given the store files changed
since the last sync (None: unknown, the whole store may have); lines to say."""


def sync(store_dir: str, say: Say, after_merge: AfterMerge | None = None) -> None:
    """Run ``stratui sync`` on the store in ``store_dir`` (see the module doc)."""
    from stratui.store.config import current_user
    from stratui.store.store import Store

    store = Store.at(store_dir)
    store.open()
    if not store.backend.exists():
        raise SyncError(
            f"no store at {store.location} yet: run stratui sync setup to create one in "
            "your clone of the team's repository"
        )
    session = _Session(store, current_user(store), say, after_merge)
    session.check()
    session.commit_local()
    session.exchange()


class _Session:
    """One run of ``stratui sync`` over one store and its git work tree."""

    def __init__(self, store, me: str, say: Say, after_merge: AfterMerge | None = None) -> None:
        self.store, self.me, self.say = store, me, say
        self.after_merge = after_merge
        self.root = store.location
        try:
            self.repo: Repo = repository_of(self.root)
        except SetupError as error:
            raise SyncError(str(error)) from None
        self.prefix = self.repo.relative(self.root)
        self.committed: str | None = None  # the commit of ours made by this run
        # store files changed since the last sync, before this run's merges (None: unknown)
        self.since_sync: list[str] | None = None

    # -- which paths are the store's --------------------------------------------------

    def store_rel(self, path: str) -> str | None:
        """``path`` (from the top of the work tree) relative to the store, if inside it."""
        if not self.prefix:
            return path
        return path[len(self.prefix) + 1 :] if path.startswith(self.prefix + "/") else None

    def is_store_file(self, path: str) -> bool:
        """True for the files sync commits: the store's files, its templates and its git
        settings."""
        rel = self.store_rel(path)
        return rel is not None and (
            rel in (META_FILE, ATTRIBUTES, IGNORE)
            or parse_relpath(rel) is not None
            or is_template(rel)
        )

    def is_local(self, path: str) -> bool:
        rel = self.store_rel(path)
        return rel is not None and rel.startswith(f"{LOCAL_DIR}/")

    # -- 1. check ---------------------------------------------------------------------

    def check(self) -> None:
        """Refuse, before changing anything, what sync cannot do safely."""
        repo = self.repo
        if not attributes_in_place(self.root) and not attributes_to_complete(self.root):
            raise SyncError(
                f"the store {self.root} is not set up for git merges: run stratui sync "
                "setup, then stratui sync; nothing was done"
            )
        operation = repo.operation_in_progress()
        if operation:
            raise SyncError(
                f"{operation} is unfinished in {repo.top}: finish it (resolve the files, "
                "then git commit) or undo it (git merge --abort, git rebase --abort), "
                "then run stratui sync again; nothing was done"
            )
        if repo.branch() is None:
            raise SyncError(
                f"{repo.top} is not on a branch (detached HEAD): switch to your branch "
                "(git switch main), then run stratui sync again; nothing was done"
            )
        others = [
            path
            for code, path in repo.status()
            if code != "??" and not self.is_store_file(path) and not self.is_local(path)
        ]
        if others:
            listed = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if others[3:] else "")
            raise SyncError(
                f"the working tree of {repo.top} has changes outside the store ({listed}): "
                "commit or stash them (git stash), then run stratui sync again; nothing "
                "was done"
            )
        completed = complete_attributes(self.root)  # a newer stratui's collections
        if completed:
            self.say(completed)
        note = configure_driver(repo)
        if note:
            self.say(f"set up the merge driver in this clone: {note}")
        for line in untrack_local(repo, self.root):
            self.say(line)

    # -- 2. commit --------------------------------------------------------------------

    def commit_local(self) -> None:
        """Commit the store's changed files, if any, with a message saying what changed.

        Twins a plain ``git pull`` (or any change git made) may have left are removed
        first: in the files changed since the last sync, when this clone knows it (see
        :meth:`changed_since_sync`), else in the whole store.
        """
        from stratui.store.reconcile import notice_files, reconcile, reconcile_files

        with self.store.backend.lock(True):
            self.since_sync = scope = self.changed_since_sync()
            if scope is None:
                fixes = reconcile(self.store)
            else:
                notice_files(self.store, scope)
                fixes = reconcile_files(self.store, scope)
            for line in fixes:
                self.say(line)
            self._commit_store_files()
            self.mark_synced()

    def changed_since_sync(self) -> list[str] | None:
        """The store files (relative to the store) that differ from the commit this
        clone last reconciled (:meth:`mark_synced`): changed by commits since (a plain
        git pull), in the work tree, or new. None when that commit is unknown or is not
        an ancestor of HEAD (a first sync here, history rewritten): everything may have."""
        head = self.repo.head()
        try:
            synced = (self.store.backend.local_read(SYNCED_FILE) or b"").decode("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not head or not _is_commit_name(synced) or not self.repo.is_ancestor(synced, head):
            return None
        paths = set(self.repo.changed(synced, None, self.prefix))
        paths.update(path for code, path in self.repo.status() if code == "??")
        return sorted(rel for path in paths if (rel := self.store_rel(path)) and parse_relpath(rel))

    def mark_synced(self) -> None:
        """Remember HEAD as reconciled (the store files are as committed there), best
        effort: without it the next sync reconciles the whole store."""
        head = self.repo.head()
        if head:
            with contextlib.suppress(OSError):
                self.store.backend.local_write(SYNCED_FILE, head.encode("ascii"))

    def _commit_store_files(self) -> None:
        repo = self.repo
        self.store.verify_changes()  # a damaged store file is reported, never committed
        status = repo.status()
        paths = [path for _code, path in status if self.is_store_file(path)]
        untracked_local = [p for code, p in status if self.is_local(p) and code[0] == "D"]
        if not paths and not untracked_local:
            return  # (a .stratui/ that setup untracked is staged already: committed below)
        head = repo.head()
        before = self._records(paths, lambda path: repo.show(head, path) if head else None)
        after = self._records(paths, self._read_work_tree)
        repo.add(paths)
        if not repo.has_staged():
            return
        templates = [
            rel.rsplit("/", 1)[-1]
            for path in paths
            if (rel := self.store_rel(path)) is not None and is_template(rel)
        ]
        message = commit_message(self.me, before, after, templates)
        self.committed = repo.commit(message)
        subject = message.splitlines()[0].partition("): ")[2]
        self.say(f"committed your changes ({self.committed[:7]}): {subject}")

    def _read_work_tree(self, path: str) -> bytes | None:
        try:
            with open(os.path.join(self.repo.top, path), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def _records(self, paths: Iterable[str], read: Callable[[str], bytes | None]) -> dict:
        """The records of the store files among ``paths``, as ``read`` gives their bytes.

        A version that does not decode counts as empty: it only shapes a message.
        """
        found: dict[str, dict[str, dict]] = {}
        for path in paths:
            parsed = parse_relpath(self.store_rel(path) or "")
            data = read(path) if parsed else None
            if not data:
                continue
            try:
                records = decode_shard(parsed[0], data)
            except ShardError:
                continue
            found.setdefault(parsed[0], {}).update(records)
        return found

    def _records_at(self, read: Callable[[str], bytes | None]) -> Callable[[str], dict]:
        """The records of a store file (named relative to the store) in the version
        ``read`` gives (by its path from the top of the work tree), decoded once per
        file; ``{}`` for none, or none that decode."""
        decoded: dict[str, dict] = {}

        def records(rel: str) -> dict:
            if rel not in decoded:
                path = f"{self.prefix}/{rel}" if self.prefix else rel
                decoded[rel] = self._records([path], read).get(parse_relpath(rel)[0], {})
            return decoded[rel]

        return records

    def kept(self) -> str:
        """What is safe, for the messages of a sync that stopped."""
        if self.committed:
            return f"your changes are committed locally ({self.committed[:7]})"
        return "your commits are kept locally"

    # -- 3-5. fetch, merge, push -------------------------------------------------------

    def upstream(self) -> tuple[str, str, bool]:
        """``(remote, branch there, whether it is the configured upstream)``."""
        repo = self.repo
        found = repo.upstream()
        if found:
            return (*found, True)
        remotes = repo.remotes()
        if not remotes:
            raise SyncError(
                f"no remote to sync with: {self.kept()}; add your team's repository with "
                f"git -C {repo.top} remote add origin URL, then run stratui sync again"
            )
        if "origin" not in remotes and len(remotes) > 1:
            raise SyncError(
                f"several remotes ({', '.join(remotes)}) and no upstream branch: {self.kept()}; "
                f"choose one with git -C {repo.top} push -u REMOTE {repo.branch()}"
            )
        return ("origin" if "origin" in remotes else remotes[0]), repo.branch() or "main", False

    def exchange(self) -> None:
        """Fetch, merge and push, again when someone pushed meanwhile."""
        remote, branch, configured = self.upstream()
        where = f"{remote}/{branch}"
        url = self.repo.config(f"remote.{remote}.url") or remote
        for _attempt in range(PUSH_ATTEMPTS):
            try:
                self.repo.fetch(remote)
            except GitFailed as error:
                raise SyncError(
                    f"cannot fetch from {remote} ({url}): {error.detail}; {self.kept()}; "
                    "nothing was merged; run stratui sync again when it can be reached"
                ) from None
            incoming = self.repo.resolve(f"refs/remotes/{remote}/{branch}")
            with self.store.backend.lock(True):
                self._commit_store_files()  # what was written while fetching
                if incoming:
                    self.merge(incoming, where)
            head = self.repo.head()
            if head is None or head == incoming:
                self.say(f"the store is in sync with {where}")
                return
            done = self.repo.push(remote, branch)
            if done.returncode == 0:
                if not configured:
                    self.repo.set_upstream(remote, branch)
                self.say(f"pushed to {where}: the store is in sync with it")
                return
            if not self.remote_moved(remote, branch, incoming):
                output = (done.stdout + done.stderr).decode("utf-8", "replace")
                detail = GitFailed(["push"], done.returncode, "", output).detail
                raise SyncError(
                    f"cannot push to {remote} ({url}): {detail}; your changes are committed "
                    f"and merged locally ({head[:7]}); run stratui sync again later"
                )
            self.say(f"someone pushed to {where} meanwhile: merging again")
        raise SyncError(
            f"{where} kept changing while syncing; your changes are committed and merged "
            "locally; run stratui sync again"
        )

    def remote_moved(self, remote: str, branch: str, seen: str | None) -> bool:
        """After a failed push: True when the remote's branch moved since ``seen``.

        That is a race with a teammate's push (git words it in several ways: rejected,
        fetch first, cannot lock ref), to be merged and pushed again; any other failure
        (the network, permissions, a hook) is reported.
        """
        try:
            self.repo.fetch(remote)
        except GitFailed:
            return False
        return self.repo.resolve(f"refs/remotes/{remote}/{branch}") != seen

    def merge(self, incoming: str, where: str) -> None:
        """Merge ``incoming`` into HEAD, reconcile the store and commit (module doc)."""
        from stratui.store.reconcile import notice_files, reconcile_files

        repo, head = self.repo, self.repo.head()
        if head and repo.is_ancestor(incoming, head):
            return  # nothing new there
        self.check_incoming(head, incoming, where)
        fast_forward = head is None or repo.is_ancestor(head, incoming)
        notes = os.path.join(self.store.location, LOCAL_DIR, "merge-notes.jsonl")
        clashes = _merge_noting(repo, incoming, notes)
        done = clashes.done
        if done.returncode != 0:
            self.merge_failed(done, where)
        changed = repo.changed(head, None, self.prefix)
        rels = [rel for path in changed if (rel := self.store_rel(path))]
        notice_files(self.store, rels)
        at_head = _Memo(lambda path: repo.show(head, path) if head else None)
        try:
            # only what the merge changed; before it, each file was as committed at head
            fixes = reconcile_files(
                self.store, rels, None if fast_forward else self._records_at(at_head)
            )
            if self.after_merge is not None:
                since = None if self.since_sync is None else sorted({*self.since_sync, *rels})
                fixes += self.after_merge(self.store, since)
        except Exception:
            self.undo_merge(head)
            raise
        before = self._records(changed, at_head)
        after = self._records(changed, self._read_work_tree)
        paths = [path for code, path in repo.status() if self.is_store_file(path)]
        repo.add(paths)
        subject, body = describe(before, after)
        if not fast_forward:
            lines = [f"Merge {where} (stratui sync by {self.me})"]
            if subject:
                lines += ["", f"Incoming: {subject}", "", *body]
            if clashes.lines:
                lines += ["", "Both sides changed:", *clashes.lines]
            if fixes:
                lines += ["", "Reconciled:", *fixes]
            repo.commit("\n".join(lines) + "\n")
        elif repo.has_staged():
            repo.commit(f"stratui ({self.me}): reconcile the store after merging {where}\n")
        self.mark_synced()
        self.say(f"merged {where}: {subject or 'no record changed'}")
        for line in clashes.lines:
            self.say(f"both sides changed {line}")
        for line in fixes:
            self.say(line)

    def check_incoming(self, head: str | None, incoming: str, where: str) -> None:
        """Refuse to merge store files that are damaged (a record of the wrong shape
        included: every command would then refuse the store) or from a newer stratui."""
        from stratui.domain.schema import ValidationError, validate_record
        from stratui.store.store import SCHEMA_VERSION

        repo = self.repo
        base = repo.merge_base(head, incoming) if head else None
        for path in repo.changed(base, incoming, self.prefix):
            rel = self.store_rel(path)
            parsed = parse_relpath(rel) if rel else None
            if rel != META_FILE and parsed is None:
                continue
            data = repo.show(incoming, path)
            if data is None:
                continue  # removed there
            try:
                if parsed is None:
                    schema = decode_meta(data)["schema"]
                    if schema > SCHEMA_VERSION:
                        raise SyncError(
                            f"{where} holds a store of schema {schema}, newer than this "
                            f"stratui understands ({SCHEMA_VERSION}): upgrade stratui, then "
                            f"run stratui sync again; nothing was merged; {self.kept()}"
                        )
                else:
                    for record in decode_shard(parsed[0], data).values():
                        validate_record(parsed[0], record)  # as every read will check it
            except (ShardError, ValidationError) as error:
                raise SyncError(
                    f"{where} holds a damaged store file {path} ({error}): nothing was "
                    f"merged; {self.kept()}; ask whoever pushed it to repair it "
                    "(stratui check names it)"
                ) from None

    def merge_failed(self, done, where: str) -> None:
        """Report a merge git could not finish: conflicts left, or nothing merged."""
        repo = self.repo
        lines = (done.stdout + done.stderr).decode("utf-8", "replace").splitlines()
        for line in lines:
            if line.startswith("stratui: error: merge-driver"):
                self.say(line.removeprefix("stratui: error: "))
        conflicts = repo.unmerged()
        if conflicts:
            self.notice_work_tree()
            raise SyncError(
                f"merging {where} left conflicts in {', '.join(conflicts)}: {self.kept()}; "
                f"fix those files and run git -C {repo.top} commit, or undo the merge with "
                f"git -C {repo.top} merge --abort"
            )
        detail = GitFailed(["merge"], done.returncode, "", "\n".join(lines)).detail
        raise SyncError(f"git could not merge {where}: {detail}; nothing was merged; {self.kept()}")

    def notice_work_tree(self) -> None:
        from stratui.store.reconcile import notice_files

        notice_files(self.store, [])

    def undo_merge(self, head: str | None) -> None:
        """Put the work tree back as it was before the merge (our commit included)."""
        if self.repo.operation_in_progress():
            self.repo.abort_merge()
        elif head:
            self.repo.git("reset", "--keep", head)
        self.notice_work_tree()


def _is_commit_name(text: str) -> bool:
    """A full commit id (SHA-1 or SHA-256), as :meth:`_Session.mark_synced` writes it."""
    return len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text)


class _Memo:
    """``read(path)`` called once per path (a ``git show`` each)."""

    def __init__(self, read: Callable[[str], bytes | None]) -> None:
        self.read, self.known = read, {}

    def __call__(self, path: str) -> bytes | None:
        if path not in self.known:
            self.known[path] = self.read(path)
        return self.known[path]


class _Merged:
    """A git merge and the fields its driver found both sides changed differently."""

    def __init__(self, done, lines: list[str]) -> None:
        self.done = done
        self.lines = lines


def _merge_noting(repo: Repo, incoming: str, notes: str) -> _Merged:
    """``git merge incoming`` with the driver noting field conflicts in ``notes``; the
    merge's result and one line per conflict (``commitments 3f2a9c1e title: kept the
    incoming edit (the later one)``)."""
    import json

    from stratui.sync.driver import NOTES_VARIABLE

    with contextlib.suppress(FileNotFoundError):
        os.remove(notes)  # a note of an earlier merge is no news
    os.environ[NOTES_VARIABLE] = notes
    try:
        done = repo.merge(incoming)
    finally:
        del os.environ[NOTES_VARIABLE]
    lines = []
    try:
        with open(notes, encoding="utf-8") as noted:
            entries = [json.loads(line) for line in noted if line.strip()]
        os.remove(notes)
    except (OSError, ValueError):
        entries = []
    for entry in entries:
        kept = "yours" if entry.get("kept") == "ours" else "the incoming edit"
        field = entry.get("field")
        lines.append(
            f"{entry.get('collection')} {str(entry.get('id'))[:8]} {field}: kept {kept} "
            "(the later one)"
        )
    return _Merged(done, lines)
