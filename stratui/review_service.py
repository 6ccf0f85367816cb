"""The weekly review's use cases over the store: start or resume, save, complete, summarise.

The ritual's rules live in :mod:`stratui.rituals.weekly` (pure); this module reads what a
review needs, keeps the draft in the store at every step, and writes a completed review in
one transaction, so the TUI only shows steps and calls these.

Where drafts live, and why finding them is cheap: a review record is sharded by its
period (``layout.key_for_period``), and a draft keeps its answers in the record's
``answers`` field (an extra field the export format preserves). To offer a resume, only
the shards holding the :data:`DRAFT_WEEKS_BACK` weeks before this week, this week and
the next are read (one or two 13-week shards), whatever the length of the history. A
draft left for a period older than that is not offered any more; it stays in the store,
visible to the export and ``stratui check``.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from stratui.domain import records as rec
from stratui.domain.weeks import (
    is_valid_week,
    next_week,
    shift_week,
    week_of,
    week_range,
    window,
)
from stratui.rituals.summary import completion_markdown, weekly_summary_markdown
from stratui.rituals.weekly import (
    HINT_WEEKS,
    Completion,
    DueReview,
    ReviewContext,
    WeeklyDraft,
    is_due,
    plan_completion,
)
from stratui.services import Stratui
from stratui.store.errors import UnknownId
from stratui.store.layout import key_for_date, key_for_period, key_for_week, keys_for_weeks

DRAFT_WEEKS_BACK = 8
"""How many weeks back the resume offer (and :meth:`WeeklyReviews.next_due`) looks."""

CHECKIN_WEEKS = 53
"""How far back a goal's previous confidence is looked for (about a year of shards)."""

_SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class ReviewError(ValueError):
    """A review cannot change as asked; the message names the review and says why."""


class WeeklyReviews:
    """The weekly review of one store and clock (those of ``app``)."""

    def __init__(self, app: Stratui) -> None:
        self.app = app
        self.store = app.store
        self.clock = app.clock

    # -- starting, resuming, saving --------------------------------------------------------

    def start_or_resume(
        self, owner: str | None = None, period: str | None = None
    ) -> tuple[dict, WeeklyDraft]:
        """The owner's weekly review to work on, with its draft filled with defaults.

        Resumes the owner's newest draft (of ``period``, when given); else stores a new
        draft review (status ``draft``, ``started_at`` now) for ``period``, or without
        one for the next review due (:meth:`next_due`: the default period, or the week
        after the latest completed one). One transaction, so two windows starting at
        once do not make two drafts.

        Raises:
            ValueError: ``period`` is not an ISO week that exists.
            ReviewError: ``period`` already has a completed weekly review of the owner.
        """
        owner = (owner or self.app.me).strip()
        if period is not None and not is_valid_week(period):
            raise ValueError(f"period: expected an ISO week YYYY-Www that exists, got {period!r}")
        with self.store.transaction() as tx:
            found = self._drafts(owner, period)
            if found:
                review = found[0]
                draft = WeeklyDraft.from_answers(
                    review.get("answers"), period=review["period"], owner=owner
                )
                draft.fill_defaults(self.context(draft))
                return review, draft
            if period is None:
                period = self.next_due(owner).period
            self._refuse_completed(owner, period)
            draft = WeeklyDraft(period=period, owner=owner)
            draft.fill_defaults(self.context(draft))
            now = self.clock.now()
            review = rec.new_record(
                "reviews",
                {
                    "ritual": "weekly",
                    "period": period,
                    "owner": owner,
                    "participants": [owner],
                    "status": "draft",
                    "started_at": rec.stamp(now),
                    "answers": draft.to_answers(),
                },
                now,
            )
            return tx.insert("reviews", review), draft

    def save(self, review: dict, draft: WeeklyDraft) -> dict:
        """Store ``draft`` in the review's ``answers``; returns the stored review record.

        Called at every step, so quitting, a crash or ``kill -9`` loses nothing. A valid
        period or owner changed in the draft moves the review with it.

        Raises:
            UnknownId: the review is gone (deleted elsewhere).
            ReviewError: it was completed meanwhile, or the draft's new period already
                has a completed review (the message starts with ``period:``).
        """
        with self.store.transaction() as tx:
            current = self._current_draft(review["id"])
            changes: dict[str, object] = {"answers": draft.to_answers()}
            owner = draft.owner.strip() or str(current.get("owner", ""))
            if owner:
                changes.update(owner=owner, participants=[owner])
            if is_valid_week(draft.period) and draft.period.strip() == draft.period:
                if draft.period != current["period"] or owner != current.get("owner"):
                    self._refuse_completed(owner, draft.period)
                changes["period"] = draft.period
            record = rec.updated("reviews", current, changes, self.clock.now())
            return tx.put("reviews", record)

    def discard(self, review: dict) -> dict:
        """Delete a draft review (a tombstone is kept for merges); returns the tombstone."""
        with self.store.transaction() as tx:
            current = self._current_draft(review["id"])
            return tx.delete("reviews", current["id"], self.clock.now())

    def drafts(self, owner: str | None = None) -> list[dict]:
        """The owner's open weekly review drafts, newest first (the resume offer).

        Only the shards of the last :data:`DRAFT_WEEKS_BACK` weeks, this week and the next
        are read (see the module's docstring).
        """
        return self._drafts((owner or self.app.me).strip(), None)

    def next_due(self, owner: str | None = None) -> DueReview:
        """The next weekly review the owner owes, and whether it is due or overdue."""
        owner = (owner or self.app.me).strip()
        found = self.store.find(
            "reviews",
            keys=self._recent_keys(),
            ritual="weekly",
            status="complete",
            owner=owner,
        )
        return is_due(found, self.clock.today())

    # -- what a review works on ------------------------------------------------------------

    def context(self, draft: WeeklyDraft) -> ReviewContext:
        """What the store holds for ``draft``: see :class:`ReviewContext`.

        Reads the commitment shards of the :data:`HINT_WEEKS` weeks ending with the period
        and of the following week, the goals, the goal check-ins of about a year, and the
        roadblocks (all shards: an open roadblock may be old). Open roadblocks are the
        owner's and those linked to the owner's commitments or goals, worst first.
        """
        owner = draft.owner
        goals = self.store.find("goals", owner=owner, status="active")
        goal_ids = {goal["id"] for goal in goals}
        context = ReviewContext(goals=goals)
        if is_valid_week(draft.period) and draft.period.strip() == draft.period:
            weeks = window(draft.period, HINT_WEEKS)
            following = next_week(draft.period)
            wanted = {*weeks, following}
            found = self.store.find(
                "commitments",
                keys=keys_for_weeks(wanted),
                where=lambda record: record["week"] in wanted,
                owner=owner,
            )
            context.history = [c for c in found if c["week"] != following]
            context.commitments = [c for c in found if c["week"] == draft.period]
            context.planned = [c for c in found if c["week"] == following]
        mine = {c["id"] for c in context.history}
        roadblocks = self.store.find(
            "roadblocks",
            where=lambda r: (
                not r.get("resolved_on")
                and (
                    r.get("owner") == owner
                    or r.get("commitment_id") in mine
                    or r.get("goal_id") in goal_ids
                )
            ),
        )
        context.roadblocks = sorted(
            roadblocks,
            key=lambda r: (_SEVERITY_ORDER.get(r.get("severity"), 9), r["raised_on"], r["id"]),
        )
        if goal_ids:
            recent = window(week_of(self.clock.today()), CHECKIN_WEEKS)
            context.checkins = self.store.find(
                "goal_checkins",
                keys=keys_for_weeks(recent),
                where=lambda c: c["goal_id"] in goal_ids,
            )
        return context

    # -- completing ------------------------------------------------------------------------

    def complete(self, review: dict, draft: WeeklyDraft) -> Completion:
        """Write everything the completed review decided, in one transaction.

        Outcomes, carried-over and new commitments, resolved and new roadblocks, goal
        check-ins, adjustments and the completed review record are committed together or
        not at all. Returns what was written.

        Raises:
            DraftInvalid: a step is invalid (its ``problems`` are the inline messages).
            ReviewError: the review is complete already, or its period has another
                completed review of the owner.
            UnknownId: the review is gone.
        """
        with self.store.transaction() as tx:
            current = self._current_draft(review["id"])
            if is_valid_week(draft.period):
                self._refuse_completed(draft.owner.strip(), draft.period)
            completion = self._plan(current, draft)
            tx.put_many(completion.writes())
        return completion

    def _plan(self, review: dict, draft: WeeklyDraft) -> Completion:
        """What completing ``draft`` now would write, against the store's current state."""
        context = self.context(draft)
        return plan_completion(
            draft,
            [*context.commitments, *context.planned],
            context.roadblocks,
            context.goals,
            review=review,
            now=self.clock.now(),
            today=self.clock.today(),
        )

    def preview_markdown(self, review: dict, draft: WeeklyDraft) -> str:
        """The summary the review would have if completed now; nothing is written.

        Raises:
            DraftInvalid: a step is invalid.
        """
        completion = self._plan(review, draft)
        return completion_markdown(completion, self.store.find("goals"))

    # -- the summary -----------------------------------------------------------------------

    def summary_markdown(self, review_id: str) -> str:
        """The Markdown summary of a completed weekly review (``review_id`` or a prefix).

        Raises:
            UnknownId, AmbiguousId: no single review matches.
            ReviewError: the review is not a completed weekly review.
        """
        review = self._completed_review(review_id)
        rid, period, owner = review["id"], str(review["period"]), review.get("owner")
        following = next_week(period)
        found = self.store.find(
            "commitments",
            keys=keys_for_weeks([period, following]),
            where=lambda c: c["week"] in (period, following),
            owner=owner,
        )
        mine = [c for c in found if c["week"] == period]
        made = [c for c in found if c["week"] == following and c.get("review_id") == rid]
        written = _written(review)
        carried = [c for c in made if c.get("carried_from")]
        new = [c for c in made if not c.get("carried_from")]
        if "new_commitments" in written:  # in the order the person wrote them
            carried = self._by_ids("commitments", written.get("carried", ()))
            new = self._by_ids("commitments", written["new_commitments"])
        if "adjustments" in written:
            adjustments = self._by_ids("adjustments", written["adjustments"])
        else:  # a review written elsewhere: its adjustments are found by review id
            day = str(review.get("completed_at", ""))[:10]
            keys = [key_for_date(day)] if day else None
            adjustments = self.store.find("adjustments", keys=keys, review_id=rid)
        return weekly_summary_markdown(
            review,
            mine,
            carried,
            self._by_ids("roadblocks", written.get("new_roadblocks", ())),
            self._by_ids("roadblocks", written.get("resolved_roadblocks", ())),
            adjustments,
            self._by_ids("goal_checkins", written.get("checkins", ())),
            new,
            self.store.find("goals"),
        )

    def write_summary(self, review_id: str, path: str | os.PathLike | None = None) -> Path:
        """Write the review's Markdown summary to ``path``, atomically; returns the path.

        The default path is ``weekly-review-<period>-<owner>.md`` in the current
        directory. The file is written next to its destination and renamed into place,
        so a reader never sees half a summary.
        """
        review = self._completed_review(review_id)
        text = self.summary_markdown(review["id"])
        target = Path(path) if path is not None else Path.cwd() / summary_file_name(review)
        target = target.absolute()
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    # -- helpers -----------------------------------------------------------------------------

    def _recent_keys(self) -> list[str]:
        this_week = week_of(self.clock.today())
        weeks = week_range(shift_week(this_week, -DRAFT_WEEKS_BACK), shift_week(this_week, 1))
        return keys_for_weeks(weeks)

    def _drafts(self, owner: str, period: str | None) -> list[dict]:
        equals: dict[str, object] = {"ritual": "weekly", "status": "draft", "owner": owner}
        if period is None:
            keys = self._recent_keys()
        else:
            keys, equals["period"] = [key_for_period(period)], period
        found = self.store.find("reviews", keys=keys, **equals)
        return sorted(found, key=lambda r: (r["updated_at"], r["id"]), reverse=True)

    def _current_draft(self, rid: str) -> dict:
        current = self.store.get("reviews", rid)
        if current is None:
            raise UnknownId(f"no review {rid}: it was deleted")
        if current.get("status") != "draft":
            raise ReviewError(f"review {rid} is already complete; start a new one")
        return current

    def _refuse_completed(self, owner: str, period: str) -> None:
        done = self.store.find(
            "reviews",
            keys=[key_for_week(period)],
            ritual="weekly",
            status="complete",
            owner=owner,
            period=period,
        )
        if done:
            raise ReviewError(
                f"period: the weekly review of {period} for {owner} is already complete "
                f"(review {done[0]['id']})"
            )

    def _completed_review(self, review_id: str) -> dict:
        review = self.store.resolve("reviews", review_id)
        if review.get("ritual") != "weekly" or review.get("status") != "complete":
            raise ReviewError(
                f"review {review['id']} is not a completed weekly review "
                f"({review.get('ritual')}, {review.get('status')})"
            )
        return review

    def _by_ids(self, collection: str, ids: Iterable[object]) -> list[dict]:
        found = (self.store.get(collection, str(rid)) for rid in ids)
        return [record for record in found if record is not None]


def summary_file_name(review: dict) -> str:
    """``weekly-review-2026-W47-ana.md``: the owner's name made safe for a file name."""
    owner = re.sub(r"[^A-Za-z0-9._-]+", "-", str(review.get("owner") or "")).strip("-.")
    return f"weekly-review-{review['period']}-{owner or 'me'}.md"


def _written(review: dict) -> dict[str, list]:
    answers = review.get("answers")
    written = answers.get("written") if isinstance(answers, dict) else None
    if not isinstance(written, dict):
        return {}
    return {k: v for k, v in written.items() if isinstance(v, list)}
