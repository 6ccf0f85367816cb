"""Templates a team writes (``templates/*.toml``): what they give, and each mistake named.

A template is read by the pure core (:mod:`stratui.rituals.templates`); a mistake is one
line naming the file, the line or the key, and what is accepted, and the file is
refused whole while the others still count.
"""

from __future__ import annotations

import pytest

from stratui.rituals.retro import RetroContext, RetroDraft, RetroRefused
from stratui.rituals.retro.icebreakers import ICEBREAKER_MEMORY, offer_icebreaker
from stratui.rituals.templates import (
    Template,
    TemplateError,
    parse_template,
    read_templates,
)
from tests._templates import KUDOS

TEAMS = [{"name": "Platform", "members": ["ana"]}, {"name": "Mobile", "members": ["bo"]}]


def refused(text: str, *, file: str = "templates/x.toml", teams=TEAMS) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        parse_template(file, text.encode(), teams=teams)
    return caught.value


def test_a_retro_format_of_the_teams_own():
    template = parse_template("templates/retro-kudos.toml", KUDOS.encode(), teams=TEAMS)
    assert (template.team, template.scope) == ("Platform", "team Platform")
    fmt = template.retro
    assert fmt is not None and not fmt.is_built_in
    assert (fmt.name, fmt.title, fmt.source) == (
        "kudos",
        "Kudos board",
        "templates/retro-kudos.toml",
    )
    # A category's id is its title as a slug unless the template gives one.
    assert fmt.category_ids == ("thank-you", "wish")
    assert fmt.category("thank-you").prompt == "Who helped you this sprint?"
    assert template.defines == ["retro format kudos"]


def test_health_icebreakers_and_the_checkin_question():
    template = parse_template(
        "templates/everyone.toml",
        b'[health]\ndimensions = ["Focus", "Sleep"]\n'
        b'[icebreakers]\nquestions = ["Best meal?", "Worst bug?"]\n'
        b'[weekly]\ncheckin = "What did you learn?"\n',
        teams=TEAMS,
    )
    assert template.team is None and template.scope == "everyone"
    assert template.health == ("Focus", "Sleep")
    assert template.icebreakers == ("Best meal?", "Worst bug?")
    assert template.checkin == "What did you learn?"


@pytest.mark.parametrize(
    ("text", "where", "accepted"),
    [
        ('[retro\nname = "x"\n', "line 1, column 7", "expected TOML"),
        ('colour = "red"\n', "colour", "expected team, retro, health, icebreakers or weekly"),
        ('team = "Platform"\n', "", "defines nothing"),
        ('team = "Nope"\n[weekly]\ncheckin = "Q?"\n', "team", "known teams: Mobile, Platform"),
        ("[weekly]\ncheckin = 3\n", "weekly.checkin", "expected text, got 3"),
        ("[weekly]\n", "weekly.checkin", "missing; it is required"),
        ('[weekly]\ncheckin = "a"\nmood = "b"\n', "weekly.mood", "unknown key"),
        ('[retro]\nname = "Kudos"\ntitle = "K"\n', "retro.name", "lowercase letters, digits"),
        (
            '[retro]\nname = "4ls"\ntitle = "K"\ncategories = [{title = "a"}]\n',
            "retro.name",
            "is a built-in format",
        ),
        ('[retro]\nname = "k"\ntitle = "K"\ncategories = []\n', "retro.categories", "1 to 8"),
        (
            '[retro]\nname = "k"\ntitle = "K"\n[[retro.categories]]\nprompt = "p"\n',
            "retro.categories[1].title",
            "missing; it is required",
        ),
        (
            '[retro]\nname = "k"\ntitle = "K"\n[[retro.categories]]\ntitle = "A b"\n'
            '[[retro.categories]]\ntitle = "a-B"\n',
            "retro.categories[2].id",
            "is taken by another category",
        ),
        ('[health]\ndimensions = ["Pace", "pace"]\n', "health.dimensions[2]", "listed twice"),
        ("[health]\ndimensions = []\n", "health.dimensions", "expected a list of texts"),
        ('[icebreakers]\nquestions = ["one\\ntwo"]\n', "icebreakers.questions[1]", "one line"),
    ],
)
def test_a_mistake_is_one_line_naming_file_where_and_what_is_accepted(text, where, accepted):
    error = refused(text)
    line = str(error)
    assert "\n" not in line
    assert line.startswith("templates/x.toml: ")
    assert error.where == where
    assert accepted in line


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(TemplateError, match="expected UTF-8 text"):
        parse_template("templates/x.toml", b"\xff\xfe[weekly]", teams=TEAMS)


def test_a_refused_file_leaves_the_others_standing():
    found = read_templates(
        [
            ("templates/b-broken.toml", b"[weekly\n"),
            ("templates/a-kudos.toml", KUDOS.encode()),
        ],
        teams=TEAMS,
    )
    assert [t.file for t in found.templates] == ["templates/a-kudos.toml"]
    (problem,) = found.problems
    assert problem.startswith("templates/b-broken.toml: line 1")


def test_a_format_name_is_taken_once_and_a_scope_sets_a_part_once():
    found = read_templates(
        [
            ("templates/a.toml", KUDOS.encode()),
            ("templates/b.toml", KUDOS.replace('team = "Platform"', 'team = "Mobile"').encode()),
            ("templates/c.toml", b'[weekly]\ncheckin = "One?"\n'),
            ("templates/d.toml", b'[weekly]\ncheckin = "Two?"\n'),
        ],
        teams=TEAMS,
    )
    assert [t.file for t in found.templates] == ["templates/a.toml", "templates/c.toml"]
    assert "'kudos' is the format of templates/a.toml already" in found.problems[0]
    assert "templates/c.toml sets it already for everyone" in found.problems[1]


def test_the_teams_template_comes_before_the_one_for_everyone():
    found = read_templates(
        [
            ("templates/all.toml", b'[health]\ndimensions = ["Fun"]\n[weekly]\ncheckin = "All?"\n'),
            ("templates/mobile.toml", b'team = "Mobile"\n[health]\ndimensions = ["Speed"]\n'),
            ("templates/platform.toml", b'team = "Platform"\n[weekly]\ncheckin = "Platform?"\n'),
            ("templates/kudos.toml", KUDOS.encode()),
        ],
        teams=TEAMS,
    )
    assert found.health_for("Mobile") == ("Speed",)
    assert found.health_for("Platform") == ("Fun",)  # Platform's sets none: everyone's
    assert found.checkin_for(["Platform"]) == "Platform?"
    assert found.checkin_for(["Mobile"]) == "All?"
    assert found.checkin_for([]) == "All?"
    # Only the team's formats and everyone's are offered to a team.
    assert [f.name for f in found.formats_for("Platform")] == ["kudos"]
    assert found.formats_for("Mobile") == []
    assert found.named("kudos").file == "templates/kudos.toml"


def test_no_templates_means_the_built_ins():
    found = read_templates([], teams=TEAMS)
    assert (found.formats_for("Platform"), found.health_for("Platform")) == ([], ())
    assert found.checkin_for(["Platform"]) == ""


# -- the icebreaker ----------------------------------------------------------------------


POOL = ("a", "b", "c", "d", "e", "f", "g")


def test_the_icebreaker_offered_was_not_used_in_the_last_five_retros():
    used = ["a", "b", "", "c", "d", "e"]  # newest first; "e" is sixth: usable again
    assert offer_icebreaker(POOL, used) == "e"
    assert offer_icebreaker(POOL, ["a", "b", "c", "d", "f"]) == "e"
    assert len(used[:ICEBREAKER_MEMORY]) == 5


def test_when_every_one_is_recent_the_one_used_longest_ago_is_offered():
    assert offer_icebreaker(("a", "b", "c"), ["b", "c", "a"]) == "a"


def test_another_icebreaker_moves_on_through_the_fresh_ones():
    used = ["a", "c"]
    first = offer_icebreaker(POOL, used)
    second = offer_icebreaker(POOL, used, after=first)
    third = offer_icebreaker(POOL, used, after=second)
    assert (first, second, third) == ("b", "d", "e")
    assert offer_icebreaker(("only",), [], after="only") == "only"
    assert offer_icebreaker((), []) == ""


# -- a retrospective of a template's format ------------------------------------------------


def kudos() -> Template:
    return parse_template("templates/retro-kudos.toml", KUDOS.encode(), teams=TEAMS)


def test_a_draft_keeps_a_copy_of_the_templates_format():
    fmt = kudos().retro
    draft = RetroDraft(team="Platform", period="2026-W47", facilitator="ana")
    draft.choose_format(fmt)
    draft.add_card("wish", "More pairing")
    answers = draft.to_answers()
    again = RetroDraft.from_answers(answers)
    # Read back with no template at all: the copy still names the categories.
    assert again.format == "kudos" and again.format_title == "Kudos board"
    assert again.category_ids == ("thank-you", "wish")
    assert again.category_title("wish") == "I wish"
    assert again.category_prompt("thank-you") == "Who helped you this sprint?"


def test_a_card_outside_the_templates_categories_is_refused():
    draft = RetroDraft(team="Platform", period="2026-W47", facilitator="ana")
    draft.choose_format(kudos().retro)
    with pytest.raises(RetroRefused, match="category: expected one of thank-you, wish"):
        draft.add_card("start", "Start pairing")


def test_a_format_that_does_not_fit_the_written_cards_is_refused():
    draft = RetroDraft(team="Platform", period="2026-W47", facilitator="ana")
    draft.choose_format("start-stop-continue")
    draft.add_card("start", "Start pairing")
    with pytest.raises(RetroRefused, match="1 card"):
        draft.choose_format(kudos().retro)
    assert draft.format == "start-stop-continue"


def test_the_teams_health_dimensions_and_an_icebreaker_start_the_draft():
    context = RetroContext(
        members=["ana"], health_dimensions=("Focus", "Sleep"), icebreakers=("x?", "y?")
    )
    context.used_icebreakers = ["x?"]
    draft = RetroDraft(team="Platform", period="2026-W47", facilitator="ana")
    draft.fill_defaults(context)
    assert list(draft.health) == ["Focus", "Sleep"]
    assert draft.icebreaker == "y?"
    assert draft.another_icebreaker(context) == "x?"
