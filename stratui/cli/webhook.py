"""Posting a report or a summary to a chat webhook: ``--post URL``.

Slack's incoming webhooks (and Mattermost's, Rocket.Chat's, Discord's Slack-compatible
endpoint) take a JSON body ``{"text": ...}``. The standard library's HTTP client is
enough for one POST; it is given :data:`TIMEOUT_SECONDS`, and a failure (refused,
timed out, an answer other than 2xx) is one line saying what happened and that nothing
was posted, exit 1 (the text was right; the place it went to failed).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from stratui.cli.common import UsageError

TIMEOUT_SECONDS = 10.0


class PostFailed(Exception):
    """The webhook did not take the text; the message says why."""


def check_url(url: str) -> str:
    """``url`` if it is an http(s) address, else UsageError naming ``--post``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--post: expected a webhook address http(s)://..., got {url!r}")
    return url.strip()


def post(url: str, text: str, timeout: float | None = None) -> int:
    """POST ``{"text": text}`` to ``url`` (within ``timeout`` seconds, default
    :data:`TIMEOUT_SECONDS`); the HTTP status. PostFailed when it fails."""
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    where = urlsplit(url).netloc  # the host, not the path: a webhook's path is its secret
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        raise PostFailed(f"--post: {where} answered {error.code} {error.reason}") from None
    except TimeoutError:
        raise PostFailed(f"--post: {where} did not answer within {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise PostFailed(f"--post: {where} did not answer within {timeout:g} s") from None
        raise PostFailed(f"--post: could not reach {where}: {reason}") from None
