"""``stratui sync`` when things go wrong: a clear line, exit 1, and nothing lost.

Each test checks what a user cares about: the message says what happened and what to
do, the store still holds every record, local commits stay, and git is left either as
it was or (a refused merge) in its conflict state with valid store files.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ._support import MONDAY, TUESDAY, Member, Team, git


def one_error(done) -> str:
    """The single ``stratui: error: ...`` line of a sync that stopped with exit 1."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("stratui: error: ")
    return lines[0]


def head(member: Member) -> str:
    return member.git("rev-parse", "HEAD").strip()


def shared_file(member: Member) -> Path:
    return member.store / "commitments" / "2026-Q4.json"


def test_a_second_sync_with_nothing_new_changes_nothing(team: Team):
    lea = team.founded()
    lea.log("Something")
    lea.sync()
    before = head(lea)
    assert lea.sync() == "the store is in sync with origin/main\n"
    assert head(lea) == before


def test_without_a_remote_the_changes_are_committed_locally_and_the_message_says_so(
    tmp_path: Path, team: Team
):
    alone = Member("ana", tmp_path / "alone", team.env)
    git(tmp_path, "init", "-q", "alone", env=team.env)
    alone.ok("sync", "setup")
    made = alone.log("Solo work")
    done = alone.run("sync")
    line = one_error(done)
    assert "no remote to sync with: your changes are committed locally" in line
    assert "git -C" in line and "remote add origin URL" in line
    assert "committed your changes" in done.stdout
    assert alone.git("status", "--porcelain") == ""
    assert "commitments: 1 added" in alone.git("log", "-1", "--format=%s")
    assert made in alone.commitments()


def test_other_changes_in_the_working_tree_stop_sync_before_anything_is_done(team: Team):
    lea = team.founded()
    (lea.clone / "README.md").write_text("Our team\n", encoding="utf-8")
    lea.git("add", "README.md")
    lea.git("commit", "-q", "-m", "readme")
    lea.git("push", "-q")
    ana = team.clone("ana")
    made = ana.log("Mine")
    (ana.clone / "README.md").write_text("Our team, edited\n", encoding="utf-8")
    before = head(ana)
    line = one_error(ana.run("sync"))
    assert "has changes outside the store (README.md)" in line
    assert "commit or stash them" in line and "nothing was done" in line
    assert head(ana) == before  # nothing committed
    assert made in ana.commitments()  # nothing lost: the store change is still there
    assert "store/commitments/" in ana.git("status", "--porcelain", "--untracked-files=all")


def test_an_unreachable_remote_keeps_the_commit_and_merges_nothing(team: Team):
    lea = team.founded()
    ana = team.clone("ana")
    made = ana.log("Offline work")
    ana.git("remote", "set-url", "origin", "http://127.0.0.1:9/team.git")
    done = ana.run("sync")
    line = one_error(done)
    assert "cannot fetch from origin (http://127.0.0.1:9/team.git)" in line
    assert "your changes are committed locally" in line and "nothing was merged" in line
    assert ana.git("status", "--porcelain") == ""
    assert not (ana.clone / ".git" / "MERGE_HEAD").exists()
    assert made in ana.commitments()
    # Back online: the same sync goes through and the commit reaches the team.
    ana.git("remote", "set-url", "origin", str(team.remote))
    assert "pushed to origin/main" in ana.sync()
    lea.sync()
    assert made in lea.commitments()


def test_an_unreachable_push_keeps_the_merged_commit(team: Team):
    team.founded()
    ana = team.clone("ana")
    made = ana.log("Work")
    ana.git("remote", "set-url", "--push", "origin", "http://127.0.0.1:9/team.git")
    line = one_error(ana.run("sync"))
    assert "cannot push to origin" in line
    assert "your changes are committed and merged locally" in line
    assert made in ana.commitments()
    assert ana.git("status", "--porcelain") == ""


def test_someone_pushing_meanwhile_is_merged_and_the_push_retried(team: Team):
    team.founded()
    ana, ben = team.clone("ana"), team.clone("ben")
    ben.ok("sync", "setup")
    bens = ben.log("Ben's")
    ben.git("add", "-A", "store")
    ben.git("commit", "-q", "-m", "ben's work")
    # Ben's push lands between ana's fetch and her push: her first push is rejected.
    hook = ana.clone / ".git" / "hooks" / "pre-push"
    marker = team.root / "raced"
    hook.write_text(
        "#!/bin/sh\n"
        f"if [ -e '{marker}' ]; then exit 0; fi\n"
        f"touch '{marker}'\n"
        "unset $(git rev-parse --local-env-vars)\n"  # ben's git must not see ana's repo
        f"git -C '{ben.clone}' push -q origin main\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    anas = ana.log("Ana's")
    out = ana.sync()
    assert "someone pushed to origin/main meanwhile: merging again" in out
    assert "pushed to origin/main" in out
    assert {anas, bens} <= set(ana.commitments())
    ana.check()


def test_a_damaged_file_on_the_remote_is_refused_before_merging(team: Team):
    lea = team.founded()
    lea.log("Shared")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    damaged = shared_file(ben).read_bytes()[:-20]
    shared_file(ben).write_bytes(damaged)
    ben.git("commit", "-q", "-am", "a bad hand edit")
    ben.git("push", "-q")
    made = ana.log("Mine")
    line = one_error(ana.run("sync"))
    assert "origin/main holds a damaged store file store/commitments/2026-Q4.json" in line
    assert "nothing was merged" in line and "your changes are committed locally" in line
    assert not (ana.clone / ".git" / "MERGE_HEAD").exists()
    assert made in ana.commitments()
    ana.check()


def test_git_pull_with_a_damaged_side_leaves_the_conflict_and_a_valid_store(team: Team):
    """The driver fails loudly; git keeps its conflict state; no broken file is written."""
    lea = team.founded()
    lea.log("Shared")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    shared_file(ben).write_bytes(shared_file(ben).read_bytes()[:-20])
    ben.git("commit", "-q", "-am", "a bad hand edit")
    ben.git("push", "-q")
    ana.ok("sync", "setup")
    ana.log("Mine")
    ana.git("add", "-A", "store")
    ana.git("commit", "-q", "-m", "mine")
    ours = shared_file(ana).read_bytes()
    pulled = subprocess.run(
        ["git", "pull", "--no-rebase", "--no-edit"],
        cwd=ana.clone,
        env=ana.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert pulled.returncode != 0  # git stops and says so
    assert (
        "stratui: error: merge-driver: store/commitments/2026-Q4.json: theirs (%B) is damaged"
        in pulled.stderr
    )
    status = ana.git("ls-files", "-u")
    assert "store/commitments/2026-Q4.json" in status  # git's conflict state, for the user
    assert shared_file(ana).read_bytes() == ours  # the driver wrote nothing
    ana.no_conflict_markers()
    ana.check()  # the store stays valid meanwhile
    line = one_error(ana.run("sync"))
    assert "a merge is unfinished" in line and "git merge --abort" in line


def test_a_record_another_tool_broke_is_refused_before_anything_is_merged(team: Team):
    """An incoming record of the wrong shape would make every command refuse the store
    (each read checks records), so sync refuses it before git merges: nothing merged,
    nothing left in conflict, ours untouched."""
    lea = team.founded()
    shared = lea.log("Shared")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    # Ben's version decodes but breaks the schema (a status stratui does not know).
    text = shared_file(ben).read_text(encoding="utf-8")
    shared_file(ben).write_text(
        text.replace('"status": "open"', '"status": "finished"').replace(
            "2026-11-22T12:00:00Z",
            "2026-11-25T12:00:00Z",  # newer than ana's edit
        ),
        encoding="utf-8",
    )
    ben.git("commit", "-q", "-am", "edited by another tool")
    ben.git("push", "-q")
    ana.ok("set", shared, "--progress", "10", today=MONDAY)
    done = ana.run("sync")
    line = one_error(done)
    assert "origin/main holds a damaged store file store/commitments/2026-Q4.json" in line
    assert "status: expected one of" in line and "nothing was merged" in line
    ana.no_conflict_markers()
    assert ana.commitments()[shared]["progress"] == 10  # ours, untouched
    assert ana.run("list", "--all").returncode == 0


def test_twins_left_by_a_plain_git_pull_are_reconciled_by_the_next_sync(team: Team):
    lea = team.founded()
    september = lea.log("Close Q3 books", "--week", "2026-W39")
    lea.sync()
    ana, ben = team.clone("ana"), team.clone("ben")
    ana.ok("set", september, "--week", "2026-W40", today=MONDAY)
    ana.sync()
    ben.ok("set", september, "--progress", "50", today=TUESDAY)
    ben.ok("sync", "setup")
    ben.git("add", "-A", "store")
    ben.git("commit", "-q", "-m", "ben")
    ben.git("pull", "-q", "--no-rebase", "--no-edit")
    ben.no_conflict_markers()
    check = ben.run("check")
    assert check.returncode == 1 and f"commitments {september}: stored twice" in check.stderr
    assert "`stratui sync` keeps the right copy" in check.stderr  # what to do about it
    out = ben.sync()
    assert f"commitments {september} was stored twice after the merge" in out
    ben.check()
    assert ben.commitments()[september]["progress"] == 50


def test_outside_a_git_repository_sync_says_how_to_start(tmp_path: Path, team: Team):
    loner = Member("ana", tmp_path / "loner", team.env)
    loner.clone.mkdir()
    loner.log("Not shared")
    for args in (("sync",), ("sync", "setup")):
        line = one_error(loner.run(*args))
        assert "is not inside a git repository" in line and "git clone" in line


def test_without_a_store_sync_points_to_setup(team: Team):
    ana = team.clone("ana")
    line = one_error(ana.run("sync"))
    assert "no store at" in line and "stratui sync setup" in line


def test_a_repository_not_set_up_for_the_driver_is_refused(team: Team):
    ana = team.clone("ana")
    ana.log("Created by the first write")
    line = one_error(ana.run("sync"))
    assert "not set up for git merges: run stratui sync setup" in line
    assert ana.git("log", "--oneline", check=False) == ""  # nothing committed


def test_a_bad_action_is_a_usage_error(team: Team):
    done = team.clone("ana").run("sync", "upload")
    assert done.returncode == 2
    assert "expected one of setup" in done.stderr


def test_a_damaged_store_file_of_ours_is_never_committed(team: Team):
    lea = team.founded()
    lea.log("Shared")
    lea.sync()
    before = head(lea)
    shared_file(lea).write_bytes(b"\x00" * 64)
    line = one_error(lea.run("sync"))
    assert "store/commitments/2026-Q4.json is damaged (the file contains NUL bytes)" in line
    assert head(lea) == before
    assert lea.git("show", "HEAD:store/commitments/2026-Q4.json").startswith('{"commitments"')


def test_without_a_git_identity_sync_says_how_to_set_one(team: Team):
    ana = team.clone("ana")
    ana.ok("sync", "setup")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        ana.env.pop(name)
    ana.git("config", "user.useConfigOnly", "true")
    line = one_error(ana.run("sync"))
    assert "git does not know who you are" in line and "git config --global user.name" in line
    assert "stratui-store.json" in ana.git("status", "--porcelain", "--untracked-files=all")


def test_sync_loads_neither_textual_nor_rich(team: Team):
    import json
    import sys

    lea = team.founded()
    lea.log("Something to commit")
    probe = (
        "import json, sys\n"
        "from stratui.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "--db", str(lea.store), "sync"],
        capture_output=True,
        text=True,
        env=lea.env,
        cwd=lea.clone,
        timeout=60,
    )
    code, modules = json.loads(done.stderr.splitlines()[-1])
    assert code == 0 and "pushed to origin/main" in done.stdout
    assert [m for m in modules if m.startswith(("textual", "rich"))] == []
