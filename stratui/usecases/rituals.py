"""The ritual engine: what every ritual does, written once, over a ritual's definition.

Each ritual (:mod:`stratui.rituals`) keeps its run as a draft review: a review record
with status ``draft`` whose ``answers`` hold the draft, saved at every step so that
quitting, a crash or ``kill -9`` loses nothing. These use cases start or resume a draft,
save it, discard it, move it to another period, complete it (everything it decided, in
one transaction) and preview and write its summary. They are functions of the workspace
and a :class:`~stratui.rituals.base.Ritual`, which supplies only what is its own.

Where drafts are found, and why it is cheap: a review is stored by its period, so only
the reviews of the few periods around today (the ritual's ``draft_periods``) are read
to offer a resume, whatever the length of the history.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from stratui.domain import records as rec
from stratui.rituals.base import (
    Completion,
    Draft,
    ReviewError,
    Ritual,
    new_draft_record,
    newest_first,
)
from stratui.store.errors import UnknownId
from stratui.store.files import write_atomically
from stratui.usecases.workspace import Workspace

D = TypeVar("D", bound=Draft)
C = TypeVar("C")
P = TypeVar("P", bound=Completion)

__all__ = [
    "ReviewError",
    "complete",
    "completed_review",
    "context",
    "discard",
    "drafts",
    "move",
    "preview_markdown",
    "save",
    "start_or_resume",
    "summary_markdown",
    "write_summary",
]


# -- starting, resuming, saving ----------------------------------------------------------------


def start_or_resume(
    ws: Workspace, ritual: Ritual[D, C, P], *, period: str | None = None, **options: Any
) -> tuple[dict, D]:
    """The review of ``options``'s scope to work on, with its draft filled with defaults.

    Resumes the scope's newest draft (of ``period``, when given); else stores a new draft
    review for ``period`` or the ritual's default period. One transaction, so two windows
    starting at once do not make two drafts.

    Raises:
        ValueError: ``period`` is not one, or the options name nobody (the message names
            the option).
        ReviewError: ``period`` already has the scope's completed review.
    """
    if period is not None:
        ritual.check_period(period)
    with ws.store.transaction() as tx:
        scope = ritual.scope(ws, **options)
        found = _drafts(ws, ritual, scope, period)
        if found:
            review = found[0]
            draft = ritual.read_draft(review)
            return review, _filled(ws, ritual, draft, review["id"])
        period = period or ritual.default_period(ws, scope)
        _refuse_completed(ws, ritual, period, scope)
        draft = _filled(ws, ritual, ritual.new_draft(ws, scope, period, **options), None)
        fields = ritual.record_fields(draft)
        review = new_draft_record(
            ritual.name, fields, answers=draft.to_answers(), now=ws.clock.now()
        )
        review["id"] = ritual.draft_id(ws, scope, period) or review["id"]
        return tx.insert("reviews", review), draft


def save(ws: Workspace, ritual: Ritual[D, C, P], review: Mapping, draft: D) -> dict:
    """Store ``draft`` in the review's ``answers``; returns the stored review record.

    The record's own fields follow the draft's (its period, whose it is, who takes
    part), so a draft moved to another period moves the review.

    Raises:
        UnknownId: the review is gone (deleted elsewhere).
        ReviewError: it was completed meanwhile, the draft changes what the ritual fixes,
            or the draft's new period already has the scope's completed review (the
            message starts with ``period:``).
    """
    with ws.store.transaction() as tx:
        current = current_draft(ws, review["id"])
        ritual.check_change(current, draft)
        fields = ritual.record_fields(draft)
        _refuse_moved_onto_a_completed(ws, ritual, current, fields)
        changes = {"answers": draft.to_answers(), **fields}
        return tx.put("reviews", rec.updated("reviews", current, changes, ws.clock.now()))


def move(
    ws: Workspace, ritual: Ritual[D, C, P], review: Mapping, draft: D, period: str
) -> tuple[dict, D]:
    """The review moved to ``period``: its draft's answers about what both periods hold
    are kept, the others dropped; returns the stored review and the draft.

    When the scope already has a draft of ``period`` (one left unfinished, or started by
    ``stratui import --from jrnl``), that one is resumed instead: the draft given is saved
    as it is, for its own period, so neither period's notes move to the other and no
    period gets two drafts. A draft holding a journal's entries (``jrnl``) stays with
    their week too: ``period`` gets a draft of its own.

    Raises:
        ValueError: ``period`` is not one.
        ReviewError, UnknownId: as :func:`save`; the draft given is left as it was.
    """
    ritual.check_period(period)
    waiting = [
        other
        for other in _drafts(ws, ritual, _scope_of(ritual, review), period)
        if other["id"] != review["id"]
    ]
    if waiting:
        save(ws, ritual, review, draft)
        other = ritual.read_draft(waiting[0])
        return waiting[0], _filled(ws, ritual, other, waiting[0]["id"])
    if review.get("jrnl"):  # the entries are notes of their own week: they do not move
        save(ws, ritual, review, draft)
        return start_or_resume(ws, ritual, period=period, **_scope_of(ritual, review))
    moved = ritual.read_draft({**review, "answers": draft.to_answers(), "period": period})
    moved.period = period
    ritual.moved(moved)
    _filled(ws, ritual, moved, review["id"])
    return save(ws, ritual, review, moved), moved


def discard(ws: Workspace, review: Mapping) -> dict:
    """Delete a draft review (a tombstone is kept for merges); returns the tombstone.

    Raises:
        UnknownId: it was deleted already.
        ReviewError: it was completed meanwhile.
    """
    with ws.store.transaction() as tx:
        current = current_draft(ws, review["id"])
        return tx.delete("reviews", current["id"], ws.clock.now())


def drafts(ws: Workspace, ritual: Ritual[D, C, P], **options: Any) -> list[dict]:
    """The scope's open drafts of the recent periods, newest first (the resume offer)."""
    return _drafts(ws, ritual, ritual.scope(ws, **options), None)


def context(ws: Workspace, ritual: Ritual[D, C, P], draft: D, review_id: str | None = None) -> C:
    """What the store holds for ``draft`` (see the ritual's context)."""
    return ritual.read_context(ws, draft, review_id)


# -- completing ----------------------------------------------------------------------------


def complete(
    ws: Workspace, ritual: Ritual[D, C, P], review: Mapping, draft: D, **options: Any
) -> P:
    """Write everything the review decided, in one transaction; returns what was written.

    The draft is first refilled from the store, so what was added meanwhile (a
    commitment logged, a previous action, a goal of the quarter) is answered for, or
    stops it. ``options`` are the ritual's (the weekly review's ``undecided``).

    Raises:
        DraftInvalid: a step is invalid (its ``problems`` are the inline messages).
        Undecided: commitments nobody decided on, and no word of what becomes of them.
        ReviewError: the review is complete already, or its period has another
            completed review of the scope.
        UnknownId: the review is gone.
    """
    with ws.store.transaction() as tx:
        current = current_draft(ws, review["id"])
        ritual.check_change(current, draft)
        if _is_period(ritual, draft.period):
            _refuse_completed(ws, ritual, draft.period, _scope_of(ritual, current))
        completion = _plan(ws, ritual, current, draft, **options)
        tx.put_many(completion.writes())
    return completion


def preview_markdown(ws: Workspace, ritual: Ritual[D, C, P], review: Mapping, draft: D) -> str:
    """The summary the review would have if completed now; nothing is written.

    Raises:
        DraftInvalid: a step is invalid.
    """
    completion = _plan(ws, ritual, review, draft, **ritual.preview_options)
    return ritual.preview(ws, completion, draft)


def summary_markdown(ws: Workspace, ritual: Ritual[D, C, P], review_id: str) -> str:
    """The Markdown summary of a completed review (``review_id`` or a prefix).

    Raises:
        UnknownId, AmbiguousId: no single review matches.
        ReviewError: the review is not a completed review of ``ritual``.
    """
    return ritual.summary(ws, completed_review(ws, ritual, review_id))


def any_summary_markdown(ws: Workspace, review_id: str) -> tuple[dict, str]:
    """A completed review of any ritual (``review_id`` or a prefix) and its Markdown
    summary.

    Raises:
        UnknownId, AmbiguousId: no single review matches.
        ReviewError: the review is a draft.
    """
    from stratui.rituals import ritual_named

    review = ws.store.resolve("reviews", review_id)
    if review.get("status") != "complete":
        raise ReviewError(
            f"review {review['id']} is a draft: its summary exists once it is completed"
        )
    return review, ritual_named(str(review["ritual"])).summary(ws, review)


def write_summary(
    ws: Workspace,
    ritual: Ritual[D, C, P],
    review_id: str,
    path: str | os.PathLike | None = None,
) -> Path:
    """Write the review's Markdown summary to ``path``, whole or not at all; returns the
    absolute path written. The default is the ritual's file name in the current
    directory."""
    review = completed_review(ws, ritual, review_id)
    target = Path(path) if path is not None else Path.cwd() / ritual.file_name(review)
    return write_atomically(target, ritual.summary(ws, review))


def completed_review(ws: Workspace, ritual: Ritual[D, C, P], review_id: str) -> dict:
    """The completed review of ``ritual`` whose id starts with ``review_id``.

    Raises:
        UnknownId, AmbiguousId: no single review matches.
        ReviewError: it is not a completed review of ``ritual``.
    """
    review = ws.store.resolve("reviews", review_id)
    if review.get("ritual") != ritual.name or review.get("status") != "complete":
        raise ReviewError(
            f"review {review['id']} is not a completed {ritual.name} review "
            f"({review.get('ritual')}, {review.get('status')})"
        )
    return review


def current_draft(ws: Workspace, rid: str) -> dict:
    """The draft review ``rid`` as stored now.

    Raises:
        UnknownId: it was deleted.
        ReviewError: it was completed meanwhile.
    """
    current = ws.store.get("reviews", rid)
    if current is None:
        raise UnknownId(f"no review {rid}: it was deleted")
    if current.get("status") != "draft":
        raise ReviewError(f"review {rid} is already complete; start a new one")
    return current


def refuse_completed(ws: Workspace, ritual: Ritual[D, C, P], period: str, **options: Any) -> None:
    """Refuse to start a review of ``period`` for the scope ``options`` name when it has
    a completed one already (what ``stratui review`` checks before the TUI starts).

    Raises:
        ValueError: the options name nobody, or ``period`` is not one.
        ReviewError: the period's review is complete (the message starts ``period:``).
    """
    ritual.check_period(period)
    _refuse_completed(ws, ritual, period, ritual.scope(ws, **options))


# -- helpers ---------------------------------------------------------------------------------


def _filled(ws: Workspace, ritual: Ritual[D, C, P], draft: D, review_id: str | None) -> D:
    return ritual.fill_defaults(draft, ritual.read_context(ws, draft, review_id))


def _plan(ws: Workspace, ritual: Ritual[D, C, P], review: Mapping, draft: D, **options: Any) -> P:
    found = ritual.read_context(ws, draft, review["id"])
    ritual.fill_defaults(draft, found)
    now, today = ws.clock.now(), ws.clock.today()
    return ritual.plan(draft, found, review=review, now=now, today=today, **options)


def _drafts(
    ws: Workspace, ritual: Ritual[D, C, P], scope: Mapping[str, str], period: str | None
) -> list[dict]:
    periods = ritual.draft_periods(ws) if period is None else [period]
    found = ws.store.find(
        "reviews",
        periods=periods,
        where=lambda r: _scope_of(ritual, r) == dict(scope),
        ritual=ritual.name,
        status="draft",
    )
    return newest_first(found)


def _is_period(ritual: Ritual, period: str) -> bool:
    try:
        ritual.check_period(period)
    except ValueError:
        return False  # the draft's own validation says so
    return True


def _scope_of(ritual: Ritual, review: Mapping) -> dict[str, str]:
    """The scope a stored review is of: its owner or team, whichever it names."""
    return {key: str(review[key]) for key in ("owner", "team") if review.get(key)}


def _refuse_completed(
    ws: Workspace, ritual: Ritual[D, C, P], period: str, scope: Mapping[str, str]
) -> None:
    if not ritual.once_per_period:
        return
    done = ws.store.find(
        "reviews",
        periods=[period],
        where=lambda r: _scope_of(ritual, r) == dict(scope),
        ritual=ritual.name,
        status="complete",
    )
    if done:
        raise ReviewError(
            f"period: the {ritual.name} review of {period} for {ritual.who(scope)} is "
            f"already complete (review {done[0]['id']})"
        )


def _refuse_moved_onto_a_completed(
    ws: Workspace, ritual: Ritual, current: Mapping, fields: Mapping
) -> None:
    """A draft whose period or scope changed may not land on a completed review."""
    after = {**current, **fields}
    period, scope = str(after.get("period")), _scope_of(ritual, after)
    moved = period != current.get("period") or scope != _scope_of(ritual, current)
    if moved and _is_period(ritual, period):
        _refuse_completed(ws, ritual, period, scope)
