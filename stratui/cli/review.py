"""``stratui review RITUAL``: open the TUI straight into a ritual; ``review team --point
TEXT`` brings a talking point to the team's next review from a shell instead."""

from __future__ import annotations

import argparse

from stratui.cli import argtypes
from stratui.cli.common import UsageError, needs_terminal, open_workspace, options_named, run_tui

RITUALS = ("weekly", "team", "retro", "quarterly")  # as stratui.rituals.RITUALS (unimported)
TEAM_RITUALS = ("team", "retro", "quarterly")  # the rituals --team applies to


def define_review(review: argparse.ArgumentParser) -> None:
    review.add_argument("ritual", **argtypes.one_of(RITUALS))
    review.add_argument(
        "--team", type=argtypes.nonempty, metavar="NAME", help="team, retro, quarterly: which team"
    )
    review.add_argument(
        "--quarter", type=argtypes.quarter, metavar="YYYY-Qn", help="quarterly: which quarter"
    )
    review.add_argument("--week", type=argtypes.week, help="team: which ISO week (YYYY-Www)")
    review.add_argument(
        "--facilitate",
        action="store_true",
        help="retro: lead the team's retrospective in progress (taking it over)",
    )
    review.add_argument(
        "--point",
        type=argtypes.nonempty,
        metavar="TEXT",
        help="team: bring a talking point to the team's next review (no TUI)",
    )


def run_review(args) -> int:
    if args.quarter and args.ritual != "quarterly":
        raise UsageError("--quarter: only for the quarterly review")
    if args.week and args.ritual != "team":
        raise UsageError("--week: only for the team review")
    if args.team and args.ritual not in TEAM_RITUALS:
        raise UsageError(f"--team: only for the {', '.join(TEAM_RITUALS)} reviews")
    if args.facilitate and args.ritual != "retro":
        raise UsageError("--facilitate: only for the retrospective")
    if args.point is not None:
        if args.ritual != "team":
            raise UsageError("--point: only for the team review")
        return _bring_point(args)
    _refuse_what_cannot_start(args)
    needs_terminal(f"review {args.ritual}")
    options = {"team": args.team, "period": args.quarter or args.week}
    if args.facilitate:
        options["facilitate"] = True
    return run_tui(args, start=args.ritual, **options)


def _refuse_what_cannot_start(args) -> None:
    """Refuse, before the TUI opens, a ``--team`` the store does not know and a team
    review ``--week`` that is already complete (the screen could only say so)."""
    if not (args.team or args.week):
        return
    from stratui.domain.schema import ValidationError
    from stratui.rituals import ritual_named
    from stratui.rituals.base import ReviewError
    from stratui.usecases import people, rituals

    ws = open_workspace(args)
    with options_named({"team": "--team"}):
        team = people.team(ws, args.team)["name"] if args.team else None
    if not args.week:
        return
    if team is None:
        try:
            team = people.choose_team(ws)["name"]
        except ValidationError:
            return  # no team to tell by: the screen says why
    try:
        rituals.refuse_completed(ws, ritual_named("team"), args.week, team=team)
    except ReviewError as error:
        raise UsageError(f"--week: {str(error).removeprefix('period: ')}") from None


def _bring_point(args) -> int:
    """Write my talking point for the team's review in progress, else its next one."""
    from stratui.domain.wording import counted
    from stratui.rituals.base import ReviewError
    from stratui.usecases import talking_points

    ws = open_workspace(args)
    try:
        with options_named({"team": "--team", "text": "--point"}):
            review, point = talking_points.add_point(
                ws, args.point, team=args.team, period=args.week
            )
    except ReviewError as error:
        message = str(error).removeprefix("period: ")
        raise UsageError(f"--week: {message}" if args.week else message) from None
    count = len(talking_points.points(ws, review))
    runs = f", run by {review['facilitator']}" if review.get("facilitator") else ""
    print(
        f"added talking point {point['id'][:8]} to the team review of {review['team']} "
        f"for {review['period']}{runs} ({counted(count, 'point')} so far)"
    )
    return 0
