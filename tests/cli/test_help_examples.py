"""``--help`` shows real examples: every one of them parses with the real parser, so an
example cannot name a command or an option that is gone, and the main help points at
the project's documents."""

from __future__ import annotations

import shlex

import pytest

from stratui.cli import COMMANDS, build_parser, main
from stratui.cli.examples import EXAMPLES

CASES = [(command, example) for command, found in EXAMPLES.items() for example in found]
MAIN = ("log", "list", "done", "set", "block", "review", "due", "away", "import", "export")


@pytest.mark.parametrize(("command", "example"), CASES)
def test_every_example_parses_with_the_real_parser(command, example):
    argv = shlex.split(example)
    args = build_parser().parse_args(argv)  # argparse exits (2) on anything it refuses
    assert args.command == argv[0]
    assert command in ("", argv[0])


def test_the_main_commands_have_examples_and_the_help_shows_them(capsys):
    assert set(MAIN) | {"report", "sync", "serve"} <= set(EXAMPLES)
    assert set(EXAMPLES) - {""} <= set(COMMANDS)
    with pytest.raises(SystemExit) as stop:
        main(["import", "--help"])
    assert stop.value.code == 0
    shown = capsys.readouterr().out
    assert "examples:\n  stratui import backup.json\n" in shown
    assert "  stratui import --from jrnl jrnl.json\n" in shown


def test_the_main_help_points_at_the_documents(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "stratui docs metrics" in shown and "stratui docs format" in shown
    assert "examples:\n  stratui log " in shown
