"""The team weekly review's use cases over the store: start or resume, save, complete,
summarise.

The ritual's rules live in :mod:`stratui.rituals.team` (pure); this module reads what a
review needs (:meth:`TeamReviews.context`), keeps the draft in the store at every step
(a review record with status ``draft``, ritual ``team``, whose ``answers`` hold the
draft), and writes a completed review in one transaction. The TUI shows the steps and
calls these; ``stratui review team [--team NAME]`` opens it.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import os
from pathlib import Path

from stratui.domain import people as names
from stratui.domain import records as rec
from stratui.domain.weeks import is_valid_week, next_week, window
from stratui.rituals.team import TeamContext, TeamReviewDraft, next_period, open_roadblocks
from stratui.rituals.team.completion import TeamCompletion, plan_team_completion
from stratui.rituals.team.summary import completion_markdown, team_summary_markdown
from stratui.rituals.weekly.capacity import HINT_WEEKS
from stratui.store.layout import key_for_week, keys_for_weeks
from stratui.usecases import people
from stratui.usecases.ritual_drafts import (
    by_ids,
    completed_review,
    current_draft,
    discard_draft,
    file_safe,
    recent_completed,
    refuse_completed_week,
    write_summary_file,
    written,
)
from stratui.usecases.team_rituals import new_draft_review, team_drafts
from stratui.usecases.workspace import Workspace

_SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class TeamReviews:
    """The team weekly review of one store and clock (those of ``ws``)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.store = ws.store
        self.clock = ws.clock

    # -- starting, resuming, saving --------------------------------------------------------

    def start_or_resume(
        self,
        team: str | None = None,
        period: str | None = None,
        facilitator: str | None = None,
    ) -> tuple[dict, TeamReviewDraft]:
        """The team's review to work on, with its draft filled with defaults.

        ``team`` defaults as :func:`stratui.usecases.people.choose_team` says (the only team, else
        me's only team); ``period`` to :meth:`next_period` (the week the weekly review
        would look back on, or the week after the team's latest review); ``facilitator``
        to me. Resumes the team's newest draft (of ``period``, when given), else stores a
        new draft review. One transaction, so two windows do not make two drafts.

        Raises:
            ValidationError: the team is unknown or cannot be chosen (field ``team``).
            ValueError: ``period`` is not an ISO week that exists.
            ReviewError: ``period`` already has a completed review of the team.
        """
        if period is not None and not is_valid_week(period):
            raise ValueError(f"period: expected an ISO week YYYY-Www that exists, got {period!r}")
        with self.store.transaction() as tx:
            name = people.choose_team(self.ws, team)["name"]
            found = team_drafts(self.store, "team", name, self.clock.today(), period)
            if found:
                review = found[0]
                draft = TeamReviewDraft.from_answers(
                    review.get("answers"),
                    team=name,
                    period=review["period"],
                    facilitator=review.get("facilitator"),
                )
                return review, draft.fill_defaults(self.context(draft))
            period = period or self.next_period(name)
            refuse_completed_week(self.store, "team", period, team=name)
            draft = TeamReviewDraft(
                team=name,
                period=period,
                facilitator=self.ws.person_named(facilitator, "facilitator"),
            )
            draft.fill_defaults(self.context(draft))
            review = new_draft_review(
                "team",
                period=period,
                team=name,
                facilitator=draft.facilitator,
                participants=draft.participants,
                answers=draft.to_answers(),
                now=self.clock.now(),
            )
            return tx.insert("reviews", review), draft

    def save(self, review: dict, draft: TeamReviewDraft) -> dict:
        """Store ``draft`` in the review's ``answers``; returns the stored review record.

        Called at every step (and at each member's turn), so quitting loses nothing. A
        valid period, team, facilitator or participants changed in the draft move the
        review record with them.

        Raises:
            UnknownId: the review is gone (deleted elsewhere).
            ReviewError: it was completed meanwhile, or the draft's new period already
                has a completed review of the team (the message starts with ``period:``).
        """
        with self.store.transaction() as tx:
            current = current_draft(self.store, review["id"])
            changes: dict[str, object] = {
                "answers": draft.to_answers(),
                "participants": draft.participants,
                "facilitator": draft.facilitator.strip() or None,
            }
            if draft.team.strip():
                changes["team"] = draft.team.strip()
            if is_valid_week(draft.period) and draft.period.strip() == draft.period:
                if draft.period != current["period"] or draft.team != current.get("team"):
                    refuse_completed_week(self.store, "team", draft.period, team=draft.team)
                changes["period"] = draft.period
            return tx.put("reviews", rec.updated("reviews", current, changes, self.clock.now()))

    def discard(self, review: dict) -> dict:
        """Delete a draft review (a tombstone is kept for merges); returns the tombstone."""
        return discard_draft(self.store, review, self.clock.now())

    def next_period(self, team: str | None = None) -> str:
        """The week the team's next review is for (see ``rituals.team.next_period``)."""
        name = people.choose_team(self.ws, team)["name"]
        done = recent_completed(self.store, "team", self.clock.today(), team=name)
        return next_period([str(r["period"]) for r in done], self.clock.today())

    def drafts(self, team: str | None = None) -> list[dict]:
        """The team's open team review drafts, newest first (the resume offer)."""
        name = people.choose_team(self.ws, team)["name"]
        return team_drafts(self.store, "team", name, self.clock.today())

    # -- what a review works on ------------------------------------------------------------

    def context(self, draft: TeamReviewDraft) -> TeamContext:
        """What the store holds for ``draft``: see :class:`~stratui.rituals.team.TeamContext`.

        Reads the team, the commitment shards of the capacity hint's weeks ending with
        the period and of the following week, the roadblocks (all shards: an open
        roadblock may be old), worst and oldest first, and the active goals of the team
        and its members.
        """
        found = names.find_named(self.store.all("teams"), draft.team)
        members = list(found.get("members", ())) if found else []
        context = TeamContext(
            members=members, people=self.store.all("people"), team=draft.team.strip()
        )
        if not members or not is_valid_week(draft.period):
            return context
        following = next_week(draft.period)
        wanted = {*window(draft.period, HINT_WEEKS), following}
        team = set(members)
        commitments = self.store.find(
            "commitments",
            keys=keys_for_weeks(wanted),
            where=lambda c: c["week"] in wanted and c["owner"] in team,
        )
        context.history = [c for c in commitments if c["week"] != following]
        context.commitments = [c for c in commitments if c["week"] == draft.period]
        context.planned = [c for c in commitments if c["week"] == following]
        theirs = {c["id"] for c in context.commitments}
        roadblocks = self.store.find(
            "roadblocks",
            where=lambda r: (
                not r.get("resolved_on")
                and (r.get("owner") in team or r.get("commitment_id") in theirs)
            ),
        )
        context.roadblocks = sorted(
            open_roadblocks(roadblocks).values(),
            key=lambda r: (_SEVERITY_ORDER.get(r.get("severity"), 9), r["raised_on"], r["id"]),
        )
        context.goals = self.store.find(
            "goals",
            status="active",
            where=lambda g: g.get("owner") in team or g.get("team") == draft.team,
        )
        return context

    # -- completing ------------------------------------------------------------------------

    def complete(
        self, review: dict, draft: TeamReviewDraft, undecided: str | None = None
    ) -> TeamCompletion:
        """Write everything the completed review decided, in one transaction.

        Outcomes, carried-over and new commitments, resolved, escalated and new
        roadblocks, adjustments and the completed review record are committed together or
        not at all. The members' commitments nobody decided on get what ``undecided``
        says (as in :meth:`WeeklyReviews.complete`). Returns what was written.

        Raises:
            Undecided: commitments are undecided and ``undecided`` is None (ask).
            DraftInvalid: a step is invalid (its ``problems`` are the inline messages).
            ReviewError: the review is complete already, or its period has another
                completed review of the team.
            UnknownId: the review is gone.
        """
        with self.store.transaction() as tx:
            current = current_draft(self.store, review["id"])
            if is_valid_week(draft.period):
                refuse_completed_week(self.store, "team", draft.period, team=draft.team)
            completion = self._plan(current, draft, undecided)
            tx.put_many(completion.writes())
        return completion

    def _plan(
        self, review: dict, draft: TeamReviewDraft, undecided: str | None
    ) -> TeamCompletion:
        return plan_team_completion(
            draft,
            self.context(draft),
            review=review,
            now=self.clock.now(),
            today=self.clock.today(),
            undecided=undecided,
        )

    def preview_markdown(self, review: dict, draft: TeamReviewDraft) -> str:
        """The summary the review would have if completed now, the undecided commitments
        left open; nothing is written.

        Raises:
            DraftInvalid: a step is invalid.
        """
        completion = self._plan(review, draft, "open")
        planned = self._planned(draft.period, {part.name for part in draft.members})
        return completion_markdown(completion, draft, self.store.find("goals"), planned)

    # -- the summary -----------------------------------------------------------------------

    def summary_markdown(self, review_id: str) -> str:
        """The Markdown summary of a completed team review (``review_id`` or a prefix).

        Raises:
            UnknownId, AmbiguousId: no single review matches.
            ReviewError: the review is not a completed team review.
        """
        review = completed_review(self.store, review_id, "team")
        draft = TeamReviewDraft.from_answers(
            review.get("answers"),
            team=review.get("team"),
            period=review["period"],
            facilitator=review.get("facilitator"),
        )
        period = str(review["period"])
        members = {part.name for part in draft.members}
        reviewed = self.store.find(
            "commitments",
            keys=[key_for_week(period)],
            where=lambda c: c["week"] == period and c["owner"] in members,
        )
        made = written(review)
        return team_summary_markdown(
            review,
            draft,
            reviewed,
            by_ids(self.store, "commitments", made.get("carried", ())),
            by_ids(self.store, "commitments", made.get("new_commitments", ())),
            by_ids(self.store, "roadblocks", made.get("new_roadblocks", ())),
            by_ids(self.store, "roadblocks", made.get("escalated_roadblocks", ())),
            by_ids(self.store, "adjustments", made.get("adjustments", ())),
            self.store.find("goals"),
            self._planned(period, members),
        )

    def _planned(self, period: str, members: set[str]) -> list[dict]:
        """The members' commitments of the week after ``period``, however they were made
        (the summary lists each member's next week, not only what the review added)."""
        if not is_valid_week(period):
            return []
        following = next_week(period)
        return self.store.find(
            "commitments",
            keys=[key_for_week(following)],
            where=lambda c: c["week"] == following and c["owner"] in members,
        )

    def write_summary(self, review_id: str, path: str | os.PathLike | None = None) -> Path:
        """Write the team review's Markdown summary to ``path`` atomically; returns the path.

        The default path is ``team-review-<period>-<team>.md`` in the current directory.
        """
        review = completed_review(self.store, review_id, "team")
        name = f"team-review-{review['period']}-{file_safe(review.get('team'))}.md"
        return write_summary_file(self.summary_markdown(review["id"]), path, name)
