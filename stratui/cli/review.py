"""``stratui review RITUAL``: open the TUI straight into a ritual."""

from __future__ import annotations

import argparse

from stratui.cli import argtypes
from stratui.cli.common import UsageError, needs_terminal, run_tui

RITUALS = ("weekly", "team", "retro", "quarterly")


def define_review(review: argparse.ArgumentParser) -> None:
    review.add_argument("ritual", **argtypes.one_of(RITUALS))


def run_review(args) -> int:
    if args.ritual != "weekly":
        raise UsageError(f"review {args.ritual}: not available yet")
    needs_terminal("review weekly")
    return run_tui(args, start="weekly")
