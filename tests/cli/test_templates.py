"""``stratui template list|show|check``: the built-ins and the team's templates, as a user
sees them.

Templates are real TOML files written into ``<store>/templates/``. A template with a
mistake is refused with one line naming the file, the line or the key, and what is
accepted; these commands only read, so every file of the store stays byte-for-byte the
same and a store that does not exist is not made.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ._support import fingerprint, one_error_line

BUILT_INS = [
    "start-stop-continue  built-in  retro format start-stop-continue",
    "4ls                  built-in  retro format 4ls",
    "mad-sad-glad         built-in  retro format mad-sad-glad",
    "well-improve-ideas   built-in  retro format well-improve-ideas",
    "health               built-in  health (6 dimensions)",
    "checkin              built-in  weekly check-in question",
]

KUDOS = """\
# Platform's own retrospective: kudos first.
team = "Platform"

[retro]
name = "kudos"
title = "Kudos and puzzles"

[[retro.categories]]
title = "Kudos"
prompt = "Who helped you this week?"

[[retro.categories]]
title = "Puzzles"
prompt = "What still puzzles you? [not markup]"
"""

EVERYONE = """\
[health]
dimensions = ["pace", "fun", "focus"]

[icebreakers]
questions = ["Best snack this week?", "A tool you love?"]

[weekly]
checkin = "One word for the week?"
"""

# One kind of mistake each: (file name, text, the line `check` prints for it).
MISTAKES = {
    "syntax": (
        "broken.toml",
        '[weekly]\ncheckin = "fine"\ncolour = blue\n',
        "templates/broken.toml: line 3, column 10: invalid value "
        "(expected TOML: key = value, [table] lines)",
    ),
    "unknown key": (
        "extra.toml",
        'colour = "blue"\n[weekly]\ncheckin = "How was it?"\n',
        "templates/extra.toml: colour: unknown key; "
        "expected team, retro, health, icebreakers or weekly",
    ),
    "unknown team": (
        "ghost.toml",
        'team = "Ghosts"\n[weekly]\ncheckin = "Boo?"\n',
        "templates/ghost.toml: team: no team named 'Ghosts'; known teams: Platform",
    ),
    "format name taken": (
        "twin.toml",  # after retro-kudos.toml, which names the format kudos first
        '[retro]\nname = "kudos"\ntitle = "Kudos again"\n[[retro.categories]]\ntitle = "Thanks"\n',
        "templates/twin.toml: retro.name: 'kudos' is the format of "
        "templates/retro-kudos.toml already; expected a name of its own",
    ),
    "category without a title": (
        "sailboat.toml",
        '[retro]\nname = "sailboat"\ntitle = "Sailboat"\n'
        '[[retro.categories]]\ntitle = "Wind"\n[[retro.categories]]\ntitle = ""\n',
        "templates/sailboat.toml: retro.categories[2].title: expected text, got nothing",
    ),
}


@pytest.fixture
def platform(cli):
    """ana (me) and ben, the team Platform of both."""
    assert cli("person", "add", "ben").returncode == 0
    done = cli("team", "add", "Platform", "--members", "ana,ben")
    assert done.returncode == 0, done.stderr
    return cli


def write(store: Path, name: str, text: str) -> Path:
    """A template file of the store, written as a user's editor would."""
    folder = store / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture
def good(platform, store):
    """The store of ``platform`` with two sound templates: Platform's, everyone's."""
    write(store, "retro-kudos.toml", KUDOS)
    write(store, "everyone.toml", EVERYONE)
    return platform


# -- a fresh user ----------------------------------------------------------------------------


def test_a_fresh_user_sees_the_built_ins_and_no_store_is_made(cli, store):
    listed = cli("template", "list")
    assert (listed.returncode, listed.stdout.splitlines(), listed.stderr) == (0, BUILT_INS, "")
    as_json = json.loads(cli("template", "list", "--json").stdout)
    assert [row["name"] for row in as_json] == [line.split()[0] for line in BUILT_INS]
    checked = cli("template", "check")
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout == f"0 templates sound (none in {store / 'templates'})\n"
    assert cli("template", "show", "4ls").returncode == 0
    assert cli("template", "show", "kudos").returncode == 2
    assert not store.exists()


def test_template_commands_never_load_textual(run, store, user_env):
    probe = (
        "import sys\nfrom stratui.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "assert 'textual' not in sys.modules, 'textual loaded'\n"
        "sys.exit(code)\n"
    )
    assert run("person", "add", "ben").returncode == 0
    write(store, "everyone.toml", EVERYONE)
    for args in (["list"], ["show", "everyone"], ["check"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, "--db", str(store), "template", *args],
            capture_output=True,
            text=True,
            env=user_env,
            timeout=60,
        )
        assert (done.returncode, done.stderr) == (0, ""), args


# -- list ------------------------------------------------------------------------------------


def test_list_gives_the_built_ins_then_each_file_by_name_with_scope_and_refused_ones(good, store):
    write(store, "sailboat.toml", MISTAKES["category without a title"][1])
    done = good("template", "list")
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    width = len("templates/retro-kudos.toml")
    assert [line[:width].rstrip() for line in lines] == [
        *(line.split()[0] for line in BUILT_INS),
        "templates/everyone.toml",
        "templates/retro-kudos.toml",
        "templates/sailboat.toml",
    ]
    assert lines[6:] == [
        "templates/everyone.toml     everyone       "
        "health (3 dimensions), icebreakers (2), weekly check-in question",
        "templates/retro-kudos.toml  team Platform  retro format kudos",
        "templates/sailboat.toml     refused        "
        "retro.categories[2].title: expected text, got nothing",
    ]
    assert [line.split()[1] for line in lines[:6]] == ["built-in"] * 6


def test_list_json_is_an_array_of_objects(good, store):
    write(store, "ghost.toml", MISTAKES["unknown team"][1])
    done = good("template", "list", "--json")
    assert (done.returncode, done.stderr) == (0, "")
    rows = json.loads(done.stdout)
    assert rows[0] == {
        "name": "start-stop-continue",
        "file": None,
        "built_in": True,
        "scope": "built-in",
        "team": None,
        "defines": ["retro format start-stop-continue"],
        "refused": False,
        "mistake": None,
    }
    files = {row["file"]: row for row in rows if not row["built_in"]}
    assert list(files) == [
        "templates/everyone.toml",
        "templates/ghost.toml",
        "templates/retro-kudos.toml",
    ]
    kudos = files["templates/retro-kudos.toml"]
    assert (kudos["name"], kudos["scope"], kudos["team"]) == (
        "retro-kudos",
        "team Platform",
        "Platform",
    )
    assert kudos["defines"] == ["retro format kudos"]
    ghost = files["templates/ghost.toml"]
    assert (ghost["refused"], ghost["defines"]) == (True, [])
    assert ghost["mistake"] == "team: no team named 'Ghosts'; known teams: Platform"
    assert files["templates/everyone.toml"]["team"] is None


# -- show ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["retro-kudos", "retro-kudos.toml", "templates/retro-kudos.toml", "kudos"]
)
def test_show_prints_the_file_exactly_as_written(good, store, name):
    done = good("template", "show", name)
    assert (done.returncode, done.stdout, done.stderr) == (0, KUDOS, "")


def test_show_keeps_the_file_as_it_is_without_a_last_newline(good, store):
    text = '[weekly]\r\ncheckin = "Çà va? [b]bold[/b]"'  # CRLF, no newline at the end
    write(store, "crlf.toml", text)
    done = good("template", "show", "crlf")
    assert (done.returncode, done.stdout, done.stderr) == (0, text, "")


def test_show_of_a_refused_file_prints_it_and_names_its_mistake(good, store):
    name, text, line = MISTAKES["unknown key"]
    write(store, name, text)
    done = good("template", "show", "extra")
    assert (done.returncode, done.stdout) == (0, text)
    assert done.stderr == f"stratui: {line.replace(': ', ' is refused: ', 1)}\n"


def test_show_describes_a_built_in_format(cli, store):
    done = cli("template", "show", "start-stop-continue")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "start-stop-continue: Start / Stop / Continue (a built-in retro format)",
        "  Start     What should we start doing?",
        "  Stop      What should we stop doing?",
        "  Continue  What should we keep doing?",
    ]
    health = cli("template", "show", "health")
    assert health.stdout.splitlines()[1:7] == [
        f"  {d}" for d in ("pace", "fun", "teamwork", "codebase", "learning", "mission")
    ]


def test_show_of_an_unknown_name_names_what_exists(good, store):
    before = fingerprint(store)
    line = one_error_line(good("template", "show", "sailboat"))
    assert line == (
        "stratui: error: NAME: no template named 'sailboat'; known: start-stop-continue, 4ls, "
        "mad-sad-glad, well-improve-ideas, health, checkin, everyone, retro-kudos"
    )
    assert fingerprint(store) == before


# -- check -----------------------------------------------------------------------------------


def test_check_of_a_sound_set_says_how_many(good, store):
    before = fingerprint(store)
    done = good("template", "check")
    assert (done.returncode, done.stdout, done.stderr) == (0, "2 templates sound\n", "")
    assert fingerprint(store) == before


@pytest.mark.parametrize("kind", list(MISTAKES))
def test_check_refuses_a_mistake_with_one_line_naming_file_place_and_what_is_accepted(
    good, store, kind
):
    name, text, line = MISTAKES[kind]
    write(store, name, text)
    before = fingerprint(store)
    done = good("template", "check")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", line + "\n")
    assert fingerprint(store) == before


def test_check_names_every_refused_file_and_leaves_the_store_as_it_was(good, store):
    for name, text, _ in MISTAKES.values():
        write(store, name, text)
    before = fingerprint(store)
    done = good("template", "check")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == sorted(line for _, _, line in MISTAKES.values())
    assert good("template", "list").returncode == 0
    assert fingerprint(store) == before
    assert (store / "templates" / "broken.toml").read_text(encoding="utf-8") == MISTAKES["syntax"][
        1
    ]


def test_check_of_files_outside_the_store(platform, store, tmp_path):
    elsewhere = tmp_path / "drafts"
    elsewhere.mkdir()
    (elsewhere / "kudos.toml").write_text(KUDOS, encoding="utf-8")  # team Platform is known
    (elsewhere / "ghost.toml").write_text(MISTAKES["unknown team"][1], encoding="utf-8")
    before = fingerprint(store)
    done = platform("template", "check", "drafts/kudos.toml")
    assert (done.returncode, done.stdout, done.stderr) == (0, "1 template sound\n", "")
    done = platform("template", "check", "drafts/kudos.toml", "drafts/ghost.toml")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "drafts/ghost.toml: team: no team named 'Ghosts'; known teams: Platform\n"
    assert fingerprint(store) == before
    assert not (store / "templates").exists()


@pytest.mark.parametrize("missing", ["drafts/nowhere.toml", "drafts"])
def test_check_of_a_file_that_cannot_be_read_names_it(platform, tmp_path, missing):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "kudos.toml").write_text(KUDOS, encoding="utf-8")
    line = one_error_line(platform("template", "check", "drafts/kudos.toml", missing))
    assert line.startswith(f"stratui: error: FILE: cannot read {missing}: ")
    reason = line.rsplit(": ", 1)[1]
    assert reason == ("Is a directory" if missing == "drafts" else "No such file or directory")


def test_a_team_rename_names_the_templates_that_still_name_the_old_team(cli, store):
    """A template is the team's own file: stratui does not rewrite it, it says which."""
    assert cli("person", "add", "ana").returncode == 0
    assert cli("team", "add", "Platform", "--members", "ana").returncode == 0
    folder = store / "templates"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        'team = "Platform"\n[weekly]\ncheckin = "What did you learn?"\n', encoding="utf-8"
    )
    (folder / "all.toml").write_text('[health]\ndimensions = ["Fun"]\n', encoding="utf-8")
    done = cli("team", "rename", "Platform", "Core")
    assert done.returncode == 0
    assert (
        done.stderr == 'templates/mine.toml names team Platform: change its line to team = "Core"\n'
    )


def test_a_template_saved_with_a_byte_order_mark_is_read(cli, store):
    assert cli("person", "add", "ana").returncode == 0
    (store / "templates").mkdir()
    (store / "templates" / "bom.toml").write_bytes(b'\xef\xbb\xbf[weekly]\ncheckin = "Learned?"\n')
    done = cli("template", "check")
    assert (done.returncode, done.stdout) == (0, "1 template sound\n")
