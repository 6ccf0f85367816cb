"""``stratui sync setup``: every store file goes to the driver, and it says what it did."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from stratui.store.layout import SHARDED, UNSHARDED

from ._support import Member, Team, git


def test_setup_in_a_fresh_clone_creates_the_store_and_says_what_it_wrote(team: Team):
    ana = team.clone("ana")
    out = ana.ok("sync", "setup")
    assert f"store: {ana.store} (created, empty)" in out
    assert f"wrote {ana.store / '.gitattributes'}" in out
    assert f"wrote {ana.store / '.gitignore'}" in out
    assert "git config merge.stratui.driver (this clone only)" in out
    assert out.rstrip().endswith(
        "next: stratui sync (commits these files and shares them with your team)"
    )
    assert (ana.store / "stratui-store.json").is_file()
    assert ".stratui/" in (ana.store / ".gitignore").read_text().splitlines()
    ana.check()


def test_setup_again_changes_nothing_and_says_so(team: Team):
    ana = team.clone("ana")
    ana.ok("sync", "setup")
    files = {p: p.read_bytes() for p in ana.store.iterdir() if p.is_file()}
    out = ana.ok("sync", "setup")
    assert ".gitattributes: already in place" in out and ".gitignore: already in place" in out
    assert "git config merge.stratui.driver: already set" in out
    assert {p: p.read_bytes() for p in ana.store.iterdir() if p.is_file()} == files


def test_git_sends_every_store_file_to_the_driver(team: Team):
    ana = team.clone("ana")
    ana.ok("sync", "setup")
    paths = ["store/stratui-store.json"]
    paths += [f"store/{c}.json" for c in UNSHARDED]
    paths += [f"store/{c}/2026-Q4.json" for c in SHARDED]
    out = ana.git("check-attr", "merge", "--", *paths, "store/notes.json", "README.md")
    found = dict(line.rsplit(": ", 2)[::2] for line in out.splitlines())
    assert all(found[p] == "stratui" for p in paths), found
    assert found["store/notes.json"] == found["README.md"] == "unspecified"


def test_the_driver_entry_runs_this_stratui_wherever_git_runs_it(team: Team):
    ana = team.clone("ana")
    ana.ok("sync", "setup")
    command = ana.git("config", "merge.stratui.driver").strip()
    assert command == f"{shlex.quote(sys.executable)} -P -m stratui merge-driver %O %A %B %P"


def test_setup_keeps_an_existing_ignore_file_and_adds_its_line(team: Team):
    ana = team.clone("ana")
    ana.store.mkdir()
    (ana.store / ".gitignore").write_text("*.swp", encoding="utf-8")
    ana.ok("sync", "setup")
    assert (ana.store / ".gitignore").read_text() == "*.swp\n.stratui/\n"


def test_a_committed_local_directory_is_untracked_and_kept_on_disk(team: Team):
    lea = team.founded()
    lea.log("Something")  # writes .stratui/manifest.json and the like
    lea.git("add", "-f", "store/.stratui")
    lea.git("commit", "-q", "-m", "oops")
    out = lea.ok("sync", "setup")
    assert "store/.stratui/ was in git: it is no longer tracked" in out
    assert (lea.store / ".stratui" / "manifest.json").is_file()
    lea.sync()
    assert lea.git("ls-files", "store/.stratui") == ""


def test_setup_refuses_a_directory_holding_other_files(tmp_path: Path, team: Team):
    git(tmp_path, "init", "-q", "repo", env=team.env)
    (tmp_path / "repo" / "README.md").write_text("hello\n", encoding="utf-8")
    member = Member("ana", tmp_path / "repo", team.env)
    member.store = member.clone  # the store would be the repository's top
    done = member.run("sync", "setup")
    assert done.returncode == 1
    assert "holds other files (README.md)" in done.stderr
    assert f"--db {member.clone}/store" in done.stderr
    assert not (member.clone / "stratui-store.json").exists()


def test_the_store_may_be_the_top_of_an_empty_repository(tmp_path: Path, team: Team):
    git(tmp_path, "init", "-q", "repo", env=team.env)
    member = Member("ana", tmp_path / "repo", team.env)
    member.store = member.clone
    member.ok("sync", "setup")
    member.log("At the top")
    out = member.git("check-attr", "merge", "--", "commitments/2026-Q4.json")
    assert out.strip().endswith("merge: stratui")
    member.check()


def test_sync_adds_the_driver_lines_of_a_newer_stratuis_collections(team: Team):
    """A clone set up by an older stratui (no retro_ballots line) is completed by sync,
    which says so and commits the file with the store; nothing else is asked of anyone."""
    lea = team.founded()
    attributes = lea.store / ".gitattributes"
    lines = attributes.read_text(encoding="utf-8").splitlines(keepends=True)
    older = [line for line in lines if "retro_ballots" not in line]
    assert len(older) == len(lines) - 1
    attributes.write_text("".join(older), encoding="utf-8")
    lea.git("commit", "-qam", "as an older stratui set it up")
    said = lea.sync()
    assert ".gitattributes: added the merge driver for /retro_ballots/*.json" in said
    assert attributes.read_text(encoding="utf-8") == "".join(lines)
    assert lea.git("status", "--porcelain") == ""
