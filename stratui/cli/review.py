"""``stratui review RITUAL``: open the TUI straight into a ritual."""

from __future__ import annotations

import argparse

from stratui.cli import argtypes
from stratui.cli.common import UsageError, needs_terminal, run_tui

RITUALS = ("weekly", "team", "retro", "quarterly")
TEAM_RITUALS = ("team", "retro")  # the rituals --team applies to
AVAILABLE = ("weekly",)  # the rituals the app has a screen for


def define_review(review: argparse.ArgumentParser) -> None:
    review.add_argument("ritual", **argtypes.one_of(RITUALS))
    review.add_argument(
        "--team", type=argtypes.nonempty, metavar="NAME", help="team and retro: which team"
    )


def run_review(args) -> int:
    if args.ritual not in AVAILABLE:
        raise UsageError(f"review {args.ritual}: not available yet")
    if args.team and args.ritual not in TEAM_RITUALS:
        raise UsageError(f"--team: only for {' and '.join(TEAM_RITUALS)} reviews")
    needs_terminal(f"review {args.ritual}")
    return run_tui(args, start=args.ritual, team=args.team)
