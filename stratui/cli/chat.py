"""Text for a chat: ``--style md|slack`` and ``--post URL``, shared by ``report`` and
``summary``.

``--style slack`` turns stratui's Markdown into Slack's mrkdwn
(:func:`stratui.domain.slack.slack_text`); ``--post URL`` sends the text to a webhook
(:mod:`stratui.cli.webhook`) instead of printing it.
"""

from __future__ import annotations

import argparse
import sys

from stratui.cli import argtypes
from stratui.cli.common import EXIT_STORE

STYLES = ("md", "slack")


def add_chat_options(parser: argparse.ArgumentParser, what: str) -> None:
    """``--style`` and ``--post`` on ``parser``, for ``what`` it prints."""
    parser.add_argument(
        "--style",
        default=None,
        **argtypes.one_of(STYLES),
        help=f"{what} as Markdown or as Slack text (mrkdwn); default md, and slack with --post",
    )
    parser.add_argument(
        "--post", metavar="URL", help=f"send {what} to a chat webhook as {{\"text\": ...}}"
    )


def send_text(markdown: str, args, what: str) -> int:
    """Print ``markdown`` in the style asked, or post it; the exit code."""
    from stratui.cli.webhook import PostFailed, check_url, post

    url = check_url(args.post) if args.post else None
    style = args.style or ("slack" if url else "md")  # a chat reads mrkdwn, not headings
    if style == "slack":
        from stratui.domain.slack import slack_text

        text = slack_text(markdown)
    else:
        text = markdown
    if url is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    try:
        status = post(url, text)
    except PostFailed as error:
        print(f"stratui: error: {error}; {what} was not posted", file=sys.stderr)
        return EXIT_STORE
    print(f"posted {what} ({status})", file=sys.stderr)
    return 0
