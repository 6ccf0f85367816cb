"""``stratui summary REVIEW``: a completed review's summary, for a chat or a file.

Any ritual's (weekly, team, retrospective, quarterly), found by its id or a unique start
of it (History shows them), as Markdown or Slack text, printed or posted to a webhook
(:mod:`stratui.cli.chat`).
"""

from __future__ import annotations

import argparse

from stratui.cli.chat import add_chat_options, send_text
from stratui.cli.common import UsageError, open_workspace


def define_summary(summary: argparse.ArgumentParser) -> None:
    summary.add_argument("review", metavar="REVIEW", help="the review's id, or its start")
    add_chat_options(summary, "the summary")


def run_summary(args) -> int:
    from stratui.rituals.base import ReviewError
    from stratui.usecases import rituals

    ws = open_workspace(args)
    try:
        _review, markdown = rituals.any_summary_markdown(ws, args.review)
    except ReviewError as error:
        raise UsageError(f"REVIEW: {error}") from None
    return send_text(markdown, args, "the summary")
