"""``stratui completion bash|zsh|fish``: scripts the shells accept, completing the
commands and the choices of their options; ``log`` stays as fast (shtab is imported by
this command only)."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def complete(script: str, *words: str) -> list[str]:
    """What bash offers after ``words`` (the last is being typed), with the script sourced."""
    quoted = " ".join(f"'{w}'" for w in words)
    program = (
        f"source /dev/stdin; COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; "
        '_shtab_stratui; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(["bash", "-c", program], input=script, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_bash_script_parses_registers_and_completes(cli):
    script = cli("completion", "bash").stdout
    assert subprocess.run(["bash", "-n"], input=script, text=True).returncode == 0
    registered = subprocess.run(
        ["bash", "-c", "source /dev/stdin; complete -p stratui"],
        input=script,
        capture_output=True,
        text=True,
    )
    assert registered.stdout.strip().endswith(" stratui")
    assert complete(script, "stratui", "lo") == ["log"]
    assert "retro" in complete(script, "stratui", "re")
    assert complete(script, "stratui", "list", "--status", "") == [
        "open",
        "done",
        "partial",
        "missed",
        "dropped",
    ]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_the_zsh_and_fish_scripts_are_made_and_parse_where_the_shell_is_here(cli, shell):
    script = cli("completion", shell).stdout
    assert "stratui" in script and "log" in script and "--status" in script
    if shutil.which(shell):
        assert subprocess.run([shell, "-n"], input=script, text=True).returncode == 0


def test_an_unknown_shell_is_refused(cli):
    done = cli("completion", "tcsh")
    assert done.returncode == 2
    assert "expected one of bash, zsh, fish" in done.stderr
