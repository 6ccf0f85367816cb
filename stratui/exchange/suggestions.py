"""Look-back suggestions: what other tools recorded of a person's week, as hints.

The weekly review's look-back can show what a person already has elsewhere beside the
week's commitments, so "what did I do?" is not answered from memory: their own commits
of the week (``git log``), the Taskwarrior tasks they completed or touched (``task
export``), and the issues and pull requests closed (``gh issue list --json
number,title,state,closedAt``). A suggestion is not a record: nothing is written until
the person turns one into a commitment or an outcome note, and each keeps an external
reference (``ref``) so one already taken is not offered again (the same ``ref`` the
importer gives a Taskwarrior task: :func:`~stratui.exchange.foreign.task_ref`).

This module reads what the tools printed or wrote; running git and opening files is the
look-back service's (:mod:`stratui.usecases.lookback`). A source that cannot be read is
one :class:`SuggestionError` naming the entry and the field.

Pure module: no Textual, no TinyDB, no store; the reviewed week is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stratui.domain.weeks import monday
from stratui.exchange.foreign import ForeignError, json_objects, local_day, read_tasks, task_ref

GIT_FIELDS = ("%H", "%aI", "%s")
"""What ``git log`` prints of a commit: full hash, author date (strict ISO 8601), subject."""
GIT_FORMAT = "%x00".join(GIT_FIELDS)
"""The ``--format`` of :func:`git_log_args`: the fields NUL-separated, and ``-z`` puts a
NUL between commits, so a subject holds anything but NUL and still reads unambiguously."""
GH_FIELDS = "number,title,state,closedAt"
"""The fields of ``gh issue list --json`` (and ``gh pr list``) a suggestion reads."""


class SuggestionError(ValueError):
    """A source's content cannot be read as suggestions; the message names where."""


@dataclass(frozen=True)
class Suggestion:
    """One hint for the look-back: ``title`` as the tool has it, the ``day`` it happened,
    ``origin`` (which source, shown beside it) and ``ref`` (``git:<hash>``,
    ``taskwarrior:<uuid>``, ``github:<url>``), kept on what it becomes."""

    ref: str
    origin: str
    title: str
    day: dt.date

    @property
    def mention(self) -> str:
        """The suggestion as a line of an outcome note: its title, then where it is
        from (``Fix the login redirect (git api 1a2b3c4d)``)."""
        kind, _, key = self.ref.partition(":")
        short = key[:8] if kind in ("git", "taskwarrior") else ""
        return f"{self.title} ({self.origin}{' ' + short if short else ''})"


def week_bounds(period: str) -> tuple[dt.date, dt.date]:
    """The first day of ``period`` and the first day after it."""
    start = monday(period)
    return start, start + dt.timedelta(days=7)


def git_log_args(author: str, period: str) -> list[str]:
    """The ``git log`` arguments listing ``author``'s commits of ``period`` on every
    branch (merges left out): ``author`` is matched as a fixed string (an e-mail address
    holds regex dots), the dates bound the committer date and :func:`git_suggestions`
    then keeps those *authored* in the week."""
    start, end = week_bounds(period)
    return [
        "log",
        "--exclude=refs/stash",  # a stash is work put aside, not a commit of the week
        "--all",
        "--no-merges",
        "--fixed-strings",
        f"--author={author}",
        f"--since={start.isoformat()} 00:00",
        f"--until={end.isoformat()} 00:00",
        "-z",
        f"--format={GIT_FORMAT}",
    ]


def git_suggestions(output: str, period: str, origin: str) -> list[Suggestion]:
    """The commits ``git log`` printed with :func:`git_log_args` that were authored in
    ``period`` (by the day where they were made), oldest first."""
    fields = output.strip("\n\x00").split("\x00") if output.strip("\n\x00") else []
    if len(fields) % len(GIT_FIELDS):
        raise SuggestionError(f"{origin}: expected hash, date and subject per commit")
    found = []
    for at in range(0, len(fields), len(GIT_FIELDS)):
        commit, date, subject = fields[at : at + len(GIT_FIELDS)]
        commit = commit.strip("\n")
        try:
            day = dt.datetime.fromisoformat(date).date()
        except ValueError:
            raise SuggestionError(
                f"{origin}: commit {commit[:12]}: expected an ISO date, got {date!r}"
            ) from None
        found.append(Suggestion(f"git:{commit}", origin, subject, day))
    return _of_week(found, period)


def task_suggestions(tasks: object, period: str, origin: str = "task") -> list[Suggestion]:
    """The Taskwarrior tasks (``task export``'s array) completed in ``period``, and those
    pending or waiting that were modified in it; deleted ones are not offered.

    Raises:
        SuggestionError: not a ``task export`` array (naming the task and the field).
    """
    try:
        read = read_tasks(tasks)
    except ForeignError as error:
        raise SuggestionError(str(error)) from None
    found, near = [], _near(period)
    for task in read:
        if task.status == "deleted":
            continue
        moment = task.end if task.status == "completed" and task.end else task.modified
        if near(moment):
            day = local_day(moment)
            found.append(Suggestion(task_ref(task.uuid), origin, task.description, day))
    return _of_week(found, period)


def github_suggestions(items: object, period: str, origin: str) -> list[Suggestion]:
    """The issues and pull requests of a ``gh ... list --json number,title,state,closedAt``
    array closed in ``period`` (``url``, when listed too, is their reference; else the
    number within ``origin``, the file's name).

    Raises:
        SuggestionError: not such an array, naming the entry and the field.
    """
    array = f"{origin}: expected the JSON array of `gh issue list --json {GH_FIELDS}`"
    found, near = [], _near(period)
    for index, item in json_objects(items, array, f"{origin} entry", SuggestionError):
        where = f"{origin} entry {index}"
        number = item.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            raise SuggestionError(f"{where}: number: expected the issue's number")
        where = f"{origin} #{number}"
        title = item.get("title")
        if not isinstance(title, str):
            raise SuggestionError(f"{where}: title: expected text")
        closed = item.get("closedAt")
        if closed in (None, "") or str(item.get("state", "")).upper() == "OPEN":
            continue
        try:
            moment = dt.datetime.fromisoformat(str(closed).replace("Z", "+00:00"))
        except ValueError:
            raise SuggestionError(
                f"{where}: closedAt: expected a time like 2026-12-03T10:00:00Z, got {closed!r}"
            ) from None
        if not near(moment):
            continue
        day = moment.astimezone().date() if moment.tzinfo else moment.date()
        url = item.get("url")
        ref = f"github:{url}" if isinstance(url, str) and url else f"github:{origin}#{number}"
        found.append(Suggestion(ref, origin, f"#{number} {title}", day))
    return _of_week(found, period)


def untaken(suggestions: Iterable[Suggestion], taken: Iterable[object]) -> list[Suggestion]:
    """``suggestions`` but those whose ``ref`` is ``taken`` (kept by a commitment, or
    added as a note), each ref once, by day then source."""
    seen = {ref for ref in taken if isinstance(ref, str)}
    kept = []
    for suggestion in sorted(suggestions, key=lambda s: (s.day, s.origin)):
        if suggestion.ref not in seen:
            seen.add(suggestion.ref)
            kept.append(suggestion)
    return kept


def _near(period: str) -> Callable[[dt.datetime], bool]:
    """Whether a moment may fall in ``period`` wherever it is read (a day either side of
    its own date): the local day, a costly conversion, is then found only for those."""
    start, end = week_bounds(period)
    first = start - dt.timedelta(days=1)
    return lambda moment: first <= moment.date() <= end


def _of_week(found: list[Suggestion], period: str) -> list[Suggestion]:
    start, end = week_bounds(period)
    return sorted((s for s in found if start <= s.day < end), key=lambda s: s.day)
