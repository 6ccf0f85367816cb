"""The look-back's sources read for a week: a real git repository, the files the config
names, and every way a source can fail without breaking the review (one line each)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from stratui.usecases.lookback import GIT_TIMEOUT, week_suggestions
from tests._git_week import BO, OURS, git_repo, needs_git, write_config

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PERIOD = "2026-W47"


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("STRATUI_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


@needs_git
def test_only_my_commits_of_the_week_are_suggested(tmp_path, config):
    repo = git_repo(tmp_path / "api")
    write_config(config, f'[lookback]\ngit = ["{repo}"]\n')
    read = week_suggestions(PERIOD)
    assert read.problems == [] and read.configured
    assert [s.title for s in read.found] == OURS
    assert {s.origin for s in read.found} == {"git api"}
    assert all(s.ref.startswith("git:") and len(s.ref) == 44 for s in read.found)


@needs_git
def test_work_put_aside_in_a_stash_is_not_suggested(tmp_path, config):
    import os
    import subprocess

    repo = git_repo(tmp_path / "api")
    (repo / "work.txt").write_text("half done\n", encoding="utf-8")
    date = "2026-11-20T12:00:00"
    env = {
        **os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
    }  # fmt: skip
    subprocess.run(["git", "-C", str(repo), "stash", "-q"], check=True, env=env)
    write_config(config, f'[lookback]\ngit = ["{repo}"]\n')
    assert [s.title for s in week_suggestions(PERIOD).found] == OURS


@needs_git
def test_the_author_can_be_named_in_the_config(tmp_path, config):
    repo = git_repo(tmp_path / "api")
    write_config(config, f'[lookback]\ngit = "{repo}"\nauthor = "{BO[1]}"\n')
    assert [s.title for s in week_suggestions(PERIOD).found] == ["Bo's change in the same week"]


def test_files_are_read_relative_to_the_config_folder(config):
    write_config(
        config,
        f'[lookback]\ntaskwarrior = "{FIXTURES / "taskwarrior-export.json"}"\n'
        'github = ["gh.json"]\n',
    )
    (config / "gh.json").write_bytes((FIXTURES / "gh-issues.json").read_bytes())
    read = week_suggestions(PERIOD)
    assert read.problems == []
    assert [s.title for s in read.found][:1] == ["#412 Login redirect loops on Safari"]
    assert "Fix flaky CI" in [s.title for s in week_suggestions("2026-W50").found]


@needs_git
def test_each_source_that_fails_is_one_line_and_the_others_are_read(tmp_path, config):
    repo = git_repo(tmp_path / "api")
    (config / "bad.json").parent.mkdir(parents=True)
    (config / "bad.json").write_text("[{", encoding="utf-8")
    (tmp_path / "plain").mkdir()
    write_config(
        config,
        f'[lookback]\ngit = ["{tmp_path / "gone"}", "{tmp_path / "plain"}", "{repo}"]\n'
        'taskwarrior = "missing.json"\ngithub = ["bad.json"]\n',
    )
    read = week_suggestions(PERIOD)
    assert [s.title for s in read.found] == OURS
    assert len(read.problems) == 4
    gone, plain, missing, bad = read.problems
    assert gone == f"git {tmp_path / 'gone'}: no such folder"
    assert plain.startswith(f"git {tmp_path / 'plain'}: ") and "not a git repository" in plain
    assert missing == f"taskwarrior {config / 'missing.json'}: no such file"
    assert bad == f"github {config / 'bad.json'}: not JSON (line 1, column 3)"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[lookback\n", "config.toml: line 1, column 10: "),
        ("[lookback]\ngit = 3\n", "config.toml: lookback.git: expected a path or a list of paths"),
        (
            '[lookback]\ngithib = "x"\n',
            "config.toml: lookback.githib: unknown key; expected one of",
        ),
    ],
)
def test_a_bad_section_is_one_line_naming_the_file_and_key(config, text, problem):
    write_config(config, text)
    read = week_suggestions(PERIOD)
    assert read.found == [] and len(read.problems) == 1
    assert read.problems[0].startswith("look-back sources: ") and problem in read.problems[0]


def test_no_section_means_no_sources_and_no_message(config):
    read = week_suggestions(PERIOD)
    assert (read.found, read.problems, read.configured) == ([], [], False)


def test_git_missing_or_too_slow_is_a_line_not_a_failure(tmp_path, config):
    (tmp_path / "api").mkdir()
    write_config(config, f'[lookback]\ngit = ["{tmp_path / "api"}"]\nauthor = "ana"\n')

    def no_git(command, **options):
        raise FileNotFoundError(command[0])

    def slow(command, **options):
        assert options["timeout"] == GIT_TIMEOUT
        raise subprocess.TimeoutExpired(command, options["timeout"])

    assert week_suggestions(PERIOD, run=no_git).problems == [
        f"git {tmp_path / 'api'}: git is not installed (not found on PATH)"
    ]
    assert week_suggestions(PERIOD, run=slow).problems == [
        f"git {tmp_path / 'api'}: git took longer than 5 s, skipped"
    ]


def test_a_review_left_meanwhile_reads_no_further_source(tmp_path, config):
    """The look-back reads its sources in a thread; once the review is left (the worker
    cancelled), no further source is read."""
    write_config(config, '[lookback]\ngit = ["/nowhere/a", "/nowhere/b"]\ngithub = ["x.json"]\n')
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 1  # left after the first source

    read = week_suggestions(PERIOD, stop=stop)
    assert read.problems == ["git /nowhere/a: no such folder"]
