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
from pathlib import Path

from stratui.domain import records as rec
from stratui.domain.weeks import is_valid_week, next_week, week_of, window
from stratui.rituals.weekly import (
    HINT_WEEKS,
    Completion,
    DueReview,
    ReviewContext,
    WeeklyDraft,
    is_due,
    plan_completion,
)
from stratui.rituals.weekly.summary import (
    completion_markdown,
    still_blocking_ids,
    weekly_summary_markdown,
)
from stratui.store.layout import key_for_date, keys_for_weeks
from stratui.usecases.ritual_drafts import (
    DRAFT_WEEKS_BACK,
    ReviewError,
    by_ids,
    completed_review,
    current_draft,
    discard_draft,
    file_safe,
    new_draft_record,
    recent_completed,
    refuse_completed_week,
    week_drafts,
    write_summary_file,
    written,
)
from stratui.usecases.workspace import Workspace

__all__ = [
    "CHECKIN_WEEKS",
    "DRAFT_WEEKS_BACK",
    "ReviewError",
    "WeeklyReviews",
    "summary_file_name",
]

CHECKIN_WEEKS = 53
"""How far back a goal's previous confidence is looked for (about a year of shards)."""

_SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class WeeklyReviews:
    """The weekly review of one store and clock (those of ``ws``)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.store = ws.store
        self.clock = ws.clock

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
        if period is not None and not is_valid_week(period):
            raise ValueError(f"period: expected an ISO week YYYY-Www that exists, got {period!r}")
        with self.store.transaction() as tx:
            owner = self.ws.person_named(owner, "owner")
            found = week_drafts(self.store, "weekly", self.clock.today(), period, owner=owner)
            if found:
                review = found[0]
                draft = WeeklyDraft.from_answers(
                    review.get("answers"), period=review["period"], owner=owner
                )
                draft.fill_defaults(self.context(draft))
                return review, draft
            if period is None:
                period = self.next_due(owner).period
            refuse_completed_week(self.store, "weekly", period, owner=owner)
            draft = WeeklyDraft(period=period, owner=owner)
            draft.fill_defaults(self.context(draft))
            review = new_draft_record(
                "weekly",
                {"period": period, "owner": owner, "participants": [owner]},
                answers=draft.to_answers(),
                now=self.clock.now(),
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
            current = current_draft(self.store, review["id"])
            changes: dict[str, object] = {"answers": draft.to_answers()}
            owner = draft.owner.strip() or str(current.get("owner", ""))
            if owner:
                changes.update(owner=owner, participants=[owner])
            if is_valid_week(draft.period) and draft.period.strip() == draft.period:
                if draft.period != current["period"] or owner != current.get("owner"):
                    refuse_completed_week(self.store, "weekly", draft.period, owner=owner)
                changes["period"] = draft.period
            record = rec.updated("reviews", current, changes, self.clock.now())
            return tx.put("reviews", record)

    def discard(self, review: dict) -> dict:
        """Delete a draft review (a tombstone is kept for merges); returns the tombstone."""
        return discard_draft(self.store, review, self.clock.now())

    def drafts(self, owner: str | None = None) -> list[dict]:
        """The owner's open weekly review drafts, newest first (the resume offer).

        Only the shards of the last :data:`DRAFT_WEEKS_BACK` weeks, this week and the next
        are read (see the module's docstring).
        """
        owner = (owner or self.ws.me).strip()
        return week_drafts(self.store, "weekly", self.clock.today(), owner=owner)

    def next_due(self, owner: str | None = None) -> DueReview:
        """The next weekly review the owner owes, and whether it is due or overdue."""
        owner = (owner or self.ws.me).strip()
        found = recent_completed(self.store, "weekly", self.clock.today(), owner=owner)
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

    def complete(
        self, review: dict, draft: WeeklyDraft, undecided: str | None = None
    ) -> Completion:
        """Write everything the completed review decided, in one transaction.

        Outcomes, carried-over and new commitments, resolved and new roadblocks, goal
        check-ins, adjustments and the completed review record are committed together or
        not at all. The commitments nobody decided on get what ``undecided`` says (the
        person's answer to "leave them open or mark them missed"). Returns what was
        written.

        Raises:
            Undecided: commitments are undecided and ``undecided`` is None (ask).
            DraftInvalid: a step is invalid (its ``problems`` are the inline messages).
            ReviewError: the review is complete already, or its period has another
                completed review of the owner.
            UnknownId: the review is gone.
        """
        with self.store.transaction() as tx:
            current = current_draft(self.store, review["id"])
            if is_valid_week(draft.period):
                refuse_completed_week(self.store, "weekly", draft.period, owner=draft.owner.strip())
            completion = self._plan(current, draft, undecided)
            tx.put_many(completion.writes())
        return completion

    def _plan(self, review: dict, draft: WeeklyDraft, undecided: str | None) -> Completion:
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
            undecided=undecided,
        )

    def preview_markdown(self, review: dict, draft: WeeklyDraft) -> str:
        """The summary the review would have if completed now, the undecided commitments
        left open; nothing is written.

        Raises:
            DraftInvalid: a step is invalid.
        """
        completion = self._plan(review, draft, "open")
        still = by_ids(self.store, "roadblocks", still_blocking_ids(completion.review))
        blocked = self._blocked(still)
        return completion_markdown(completion, self.store.find("goals"), still, blocked)

    # -- the summary -----------------------------------------------------------------------

    def summary_markdown(self, review_id: str) -> str:
        """The Markdown summary of a completed weekly review (``review_id`` or a prefix).

        Raises:
            UnknownId, AmbiguousId: no single review matches.
            ReviewError: the review is not a completed weekly review.
        """
        review = completed_review(self.store, review_id, "weekly")
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
        ids = written(review)
        carried = [c for c in made if c.get("carried_from")]
        new = [c for c in made if not c.get("carried_from")]
        if "new_commitments" in ids:  # in the order the person wrote them
            carried = by_ids(self.store, "commitments", ids.get("carried", ()))
            new = by_ids(self.store, "commitments", ids["new_commitments"])
        if "adjustments" in ids:
            adjustments = by_ids(self.store, "adjustments", ids["adjustments"])
        else:  # a review written elsewhere: its adjustments are found by review id
            day = str(review.get("completed_at", ""))[:10]
            keys = [key_for_date(day)] if day else None
            adjustments = self.store.find("adjustments", keys=keys, review_id=rid)
        still = by_ids(self.store, "roadblocks", still_blocking_ids(review))
        return weekly_summary_markdown(
            review,
            mine,
            carried,
            by_ids(self.store, "roadblocks", ids.get("new_roadblocks", ())),
            by_ids(self.store, "roadblocks", ids.get("resolved_roadblocks", ())),
            adjustments,
            by_ids(self.store, "goal_checkins", ids.get("checkins", ())),
            new,
            self.store.find("goals"),
            still,
            self._blocked(still),
        )

    def _blocked(self, roadblocks: list[dict]) -> list[dict]:
        """The commitments ``roadblocks`` block, for their titles in a summary."""
        ids = [r["commitment_id"] for r in roadblocks if r.get("commitment_id")]
        return by_ids(self.store, "commitments", ids)

    def write_summary(self, review_id: str, path: str | os.PathLike | None = None) -> Path:
        """Write the review's Markdown summary to ``path``, atomically; returns the path.

        The default path is ``weekly-review-<period>-<owner>.md`` in the current
        directory. The file is written next to its destination and renamed into place,
        so a reader never sees half a summary.
        """
        review = completed_review(self.store, review_id, "weekly")
        text = self.summary_markdown(review["id"])
        return write_summary_file(text, path, summary_file_name(review))


def summary_file_name(review: dict) -> str:
    """``weekly-review-2026-W47-ana.md``: the owner's name made safe for a file name."""
    return f"weekly-review-{review['period']}-{file_safe(review.get('owner'))}.md"
