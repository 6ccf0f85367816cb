"""The quarterly strategy review's use cases over the store: start or resume, save,
complete, summarise.

The ritual's rules live in :mod:`stratui.rituals.quarterly` (pure); this module reads what
a review needs, keeps the draft in the store at every step, and writes a completed review
in one transaction, so the TUI only shows steps and calls these (see
:class:`QuarterlyReviews`).

Where drafts live: a quarterly review's period is a fiscal quarter ``YYYY-Qn`` and the
store shards such a review under that very key (``reviews/2026-Q4.json``); its draft is
the record's ``answers``. The resume offer reads only the shards of the previous, the
current and the next quarter, whatever the length of the history.

The fiscal year's first month comes from the store's local config
(:func:`stratui.usecases.fiscal.fiscal_start`) when a review starts, and is kept in the draft, so
a review's quarter means the same dates until it completes.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import os
from pathlib import Path

from stratui.domain import goal_tree
from stratui.domain import records as rec
from stratui.domain.metrics.basics import day_or_none
from stratui.domain.metrics.scope import Scope
from stratui.domain.quarters import (
    is_valid_quarter,
    overlaps,
    previous_quarter,
    quarter_bounds,
    quarter_of,
    quarter_weeks,
    shift_quarter,
)
from stratui.domain.schema import ValidationError
from stratui.rituals.quarterly import QuarterContext, QuarterlyDraft
from stratui.rituals.quarterly.alignment import AlignmentView
from stratui.rituals.quarterly.completion import QuarterlyCompletion, plan_quarterly_completion
from stratui.rituals.quarterly.summary import quarterly_summary_markdown
from stratui.store.layout import keys_for_weeks
from stratui.usecases import goals as goal_cases
from stratui.usecases.fiscal import fiscal_start
from stratui.usecases.ritual_drafts import (
    ReviewError,
    by_ids,
    completed_review,
    current_draft,
    discard_draft,
    file_safe,
    new_draft_record,
    newest_first,
    write_summary_file,
    written,
)
from stratui.usecases.workspace import Workspace

__all__ = ["CLOSING_DAYS", "QuarterlyReviews", "ReviewError", "summary_file_name"]

CLOSING_DAYS = 14
"""From this many days before a quarter's end, the default review closes that quarter."""

CHOICE_QUARTERS_BACK = 4
"""How many quarters before the one in progress a review's quarter may be chosen from."""


class QuarterlyReviews:
    """The quarterly strategy review of one store and clock (those of ``ws``)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.store = ws.store
        self.clock = ws.clock

    # -- which quarter, whose review ----------------------------------------------------------

    def default_period(self, *, owner: str | None = None, team: str | None = None) -> str:
        """The quarter a review started today closes.

        The current quarter in its last :data:`CLOSING_DAYS` days, else the previous one;
        but when that previous quarter's review (of this owner or team) is complete
        already, the current one.
        """
        start = fiscal_start(self.ws)
        today = self.clock.today()
        current = quarter_of(today, start)
        if (quarter_bounds(current, start)[1] - today).days < CLOSING_DAYS:
            return current
        previous = previous_quarter(current)
        owner, team = self._scope_names(owner, team)
        return current if self._completed(previous, owner, team) else previous

    def quarter_in_progress(self) -> str:
        """The fiscal quarter today is in: what the goals screen's quarterly review opens
        (the goals on screen are this quarter's)."""
        return quarter_of(self.clock.today(), fiscal_start(self.ws))

    def quarter_choices(self, draft: QuarterlyDraft) -> list[tuple[str, str]]:
        """The quarters a review may close, oldest first, each with a note: the
        :data:`CHOICE_QUARTERS_BACK` quarters before the one in progress, that one and
        the next (and the draft's own, if not among them). ``("2026-Q4", "in
        progress")``; a quarter whose review of the draft's scope is complete says so
        (it cannot be chosen)."""
        current = self.quarter_in_progress()
        quarters = [shift_quarter(current, step) for step in range(-CHOICE_QUARTERS_BACK, 2)]
        if is_valid_quarter(draft.period) and draft.period not in quarters:
            quarters = sorted([*quarters, draft.period])
        owner, team = draft.owner.strip(), draft.team.strip()
        choices = []
        for quarter in quarters:
            notes = []
            if quarter == current:
                notes.append("in progress")
            if quarter == draft.period:
                notes.append("this review")
            elif self._completed(quarter, owner, team):
                notes.append("complete")
            choices.append((quarter, ", ".join(notes)))
        return choices

    def _scope_names(self, owner: str | None, team: str | None) -> tuple[str, str]:
        """``(owner, team)``, exactly one non-empty: the team's review, else the owner's or mine."""
        if team is not None and team.strip():
            return "", team.strip()
        return (owner or self.ws.me).strip(), ""

    def _team_members(self, team: str) -> list[str]:
        """The team's members (its ``members``, then people naming it); refuses an unknown team."""
        teams, people = self.store.all("teams"), self.store.all("people")
        record = next((t for t in teams if t["name"] == team), None)
        members = list(record.get("members") or ()) if record else []
        members += sorted(p["name"] for p in people if team in (p.get("teams") or ()))
        if record is None and not members:
            known = sorted({t["name"] for t in teams})
            listed = f"; teams: {', '.join(known)}" if known else "; there is no team yet"
            raise ValidationError("team", f"no team named {team!r}{listed}")
        return list(dict.fromkeys(members))

    # -- starting, resuming, saving -----------------------------------------------------------

    def start_or_resume(
        self,
        *,
        period: str | None = None,
        owner: str | None = None,
        team: str | None = None,
        facilitator: str | None = None,
    ) -> tuple[dict, QuarterlyDraft]:
        """The review to work on, with its draft filled with defaults.

        A team's review when ``team`` is given (its members take part, ``facilitator``
        defaults to me), else ``owner``'s (default me). Resumes the newest draft of that
        scope (of ``period``, when given); else stores a new draft review for ``period``
        or for :meth:`default_period`. One transaction, so two windows starting at once
        do not make two drafts.

        Raises:
            ValidationError: ``period`` is not a quarter ``YYYY-Qn`` (field ``period``),
                or ``team`` is unknown (field ``team``).
            ReviewError: ``period`` already has a completed review of that scope.
        """
        owner, team = self._scope_names(owner, team)
        if period is not None and not is_valid_quarter(period):
            raise ValidationError("period", f"expected a quarter YYYY-Qn (2026-Q4), got {period!r}")
        with self.store.transaction() as tx:
            if owner:
                owner = self.ws.person_named(owner, "owner")
            members = self._team_members(team) if team else [owner]
            found = self._drafts(owner, team, period)
            if found:
                review = found[0]
                return review, self._resumed(review)
            period = period or self.default_period(owner=owner or None, team=team or None)
            self._refuse_completed(period, owner, team)
            draft = QuarterlyDraft(
                period=period,
                owner=owner,
                team=team,
                facilitator=self.ws.person_named(facilitator, "facilitator") if team else "",
                participants=members,
                fiscal_start=fiscal_start(self.ws),
            )
            draft.fill_defaults(self.context(draft))
            fields = {
                "period": period,
                "owner": owner or None,
                "team": team or None,
                "facilitator": draft.facilitator or None,
                "participants": draft.participants,
            }
            review = new_draft_record(
                "quarterly", fields, answers=draft.to_answers(), now=self.clock.now()
            )
            return tx.insert("reviews", review), draft

    def _resumed(self, review: dict) -> QuarterlyDraft:
        """The draft of a stored review, filled with defaults.

        Who and when come from the record, not the answers: the record is what a rename
        of a person or team rewrites, so a resumed draft never brings an old name back.
        """
        draft = QuarterlyDraft.from_answers(review.get("answers"))
        draft.period = str(review["period"])
        draft.owner = str(review.get("owner") or "")
        draft.team = str(review.get("team") or "")
        draft.facilitator = str(review.get("facilitator") or "")
        draft.participants = list(review.get("participants") or ())
        return draft.fill_defaults(self.context(draft))

    def save(self, review: dict, draft: QuarterlyDraft) -> dict:
        """Store ``draft`` in the review's ``answers``; returns the stored review record.

        Called at every step, so quitting or a crash loses nothing. Another quarter in
        the draft moves the review to it (the quarter chosen in the TUI).

        Raises:
            UnknownId: the review is gone (deleted elsewhere).
            ReviewError: it was completed meanwhile, the draft names another scope than
                the review (fixed when it starts), or its new quarter is not one or has
                a completed review of the scope (the message starts with ``period:``).
        """
        with self.store.transaction() as tx:
            current = current_draft(self.store, review["id"])
            self._refuse_moved(current, draft)
            changes = {
                "answers": draft.to_answers(),
                "participants": list(draft.participants),
                "facilitator": draft.facilitator.strip() or None,
            }
            if draft.period != current["period"]:
                if not is_valid_quarter(draft.period):
                    raise ReviewError(
                        f"period: expected a quarter YYYY-Qn (2026-Q4), got {draft.period!r}"
                    )
                self._refuse_completed(draft.period, draft.owner, draft.team)
                changes["period"] = draft.period
            return tx.put("reviews", rec.updated("reviews", current, changes, self.clock.now()))

    def discard(self, review: dict) -> dict:
        """Delete a draft review (a tombstone is kept for merges); returns the tombstone."""
        return discard_draft(self.store, review, self.clock.now())

    def drafts(self, *, owner: str | None = None, team: str | None = None) -> list[dict]:
        """The scope's open quarterly drafts of the previous, current and next quarter,
        newest first (the resume offer)."""
        owner, team = self._scope_names(owner, team)
        return self._drafts(owner, team, None)

    # -- what a review works on -----------------------------------------------------------------

    def context(self, draft: QuarterlyDraft) -> QuarterContext:
        """What the store holds for ``draft``: see :class:`QuarterContext`.

        Reads the goals (one file), the check-ins of the quarter's goals (from their
        earliest start to today) and the commitments of the quarter's ISO weeks.
        """
        context = QuarterContext(draft.period, draft.fiscal_start, self.clock.today())
        if not is_valid_quarter(draft.period):
            return context
        with self.store.reading():
            scope = self._scope(draft)
            context.every_goal = self.store.all("goals")
            first, last = quarter_bounds(draft.period, draft.fiscal_start)
            chosen = [
                goal
                for goal in context.every_goal
                if goal.get("status") == "active"
                and scope.has_goal(goal)
                and overlaps(
                    day_or_none(goal.get("start")), day_or_none(goal.get("end")), first, last
                )
            ]
            context.goals = [dict(goal) for goal, _ in goal_tree.walk(chosen)]
            context.checkins = goal_cases.checkins_of(self.ws, context.goals)
            weeks = set(quarter_weeks(draft.period, draft.fiscal_start))
            context.commitments = self.store.find(
                "commitments",
                keys=keys_for_weeks(weeks),
                where=lambda c: c["week"] in weeks and scope.has_owned(c),
            )
        return context

    def _scope(self, draft: QuarterlyDraft) -> Scope:
        if draft.team.strip():
            teams, people = self.store.all("teams"), self.store.all("people")
            return Scope.of_team(draft.team.strip(), teams, people)
        return Scope(owner=draft.owner.strip())

    # -- completing ----------------------------------------------------------------------------

    def complete(self, review: dict, draft: QuarterlyDraft) -> QuarterlyCompletion:
        """Write everything the review decided, in one transaction; returns what was written.

        The draft's defaults are refreshed from the store first: a goal of the quarter
        added meanwhile needs its disposition too.

        Raises:
            DraftInvalid: a step is invalid (its ``problems`` are the inline messages).
            ReviewError: the review is complete already, its scope was changed, or its
                period has another completed review of the scope.
            UnknownId: the review is gone.
        """
        with self.store.transaction() as tx:
            current = current_draft(self.store, review["id"])
            self._refuse_moved(current, draft)
            self._refuse_completed(draft.period, draft.owner, draft.team)
            completion = self._plan(current, draft)
            tx.put_many(completion.writes())
        return completion

    def _plan(self, review: dict, draft: QuarterlyDraft) -> QuarterlyCompletion:
        context = self.context(draft)
        draft.fill_defaults(context)
        return plan_quarterly_completion(
            draft, context, review=review, now=self.clock.now(), today=self.clock.today()
        )

    def preview_markdown(self, review: dict, draft: QuarterlyDraft) -> str:
        """The summary the review would have if completed now; nothing is written.

        Raises:
            DraftInvalid: a step is invalid.
        """
        plan = self._plan(review, draft)
        return self._markdown(plan.review, plan.checkins, plan.new_goals, plan.goals_after)

    # -- the summary -----------------------------------------------------------------------------

    def summary_markdown(self, review_id: str) -> str:
        """The Markdown summary of a completed quarterly review (``review_id`` or a prefix).

        Raises:
            UnknownId, AmbiguousId: no single review matches.
            ReviewError: the review is not a completed quarterly review.
        """
        review = completed_review(self.store, review_id, "quarterly")
        ids = written(review)
        checkins = by_ids(self.store, "goal_checkins", ids.get("checkins", ()))
        new_goals = by_ids(self.store, "goals", ids.get("new_goals", ()))
        return self._markdown(review, checkins, new_goals, {})

    def _markdown(self, review: dict, checkins, new_goals, goals_after: dict) -> str:
        goals = {goal["id"]: goal for goal in self.store.all("goals")}
        goals.update(goals_after)
        answers = review.get("answers") if isinstance(review.get("answers"), dict) else {}
        alignment = AlignmentView.from_json(answers.get("alignment"))
        return quarterly_summary_markdown(review, goals, checkins, new_goals, alignment)

    def write_summary(self, review_id: str, path: str | os.PathLike | None = None) -> Path:
        """Write the review's Markdown summary to ``path`` atomically; returns the path.

        The default path is ``quarterly-review-<period>-<team or owner>.md`` in the
        current directory.
        """
        review = completed_review(self.store, review_id, "quarterly")
        text = self.summary_markdown(review["id"])
        return write_summary_file(text, path, summary_file_name(review))

    # -- helpers ---------------------------------------------------------------------------------

    def _drafts(self, owner: str, team: str, period: str | None) -> list[dict]:
        if period is None:
            current = quarter_of(self.clock.today(), fiscal_start(self.ws))
            keys = [shift_quarter(current, step) for step in (-1, 0, 1)]
        else:
            keys = [period]
        found = self.store.find(
            "reviews",
            keys=keys,
            where=lambda r: (
                (r.get("owner") or "") == owner
                and (r.get("team") or "") == team
                and (period is None or r["period"] == period)
            ),
            ritual="quarterly",
            status="draft",
        )
        return newest_first(found)

    def _completed(self, period: str, owner: str, team: str) -> dict | None:
        found = self.store.find(
            "reviews",
            keys=[period],
            where=lambda r: (r.get("owner") or "") == owner and (r.get("team") or "") == team,
            ritual="quarterly",
            status="complete",
            period=period,
        )
        return found[0] if found else None

    def _refuse_completed(self, period: str, owner: str, team: str) -> None:
        done = self._completed(period, owner.strip(), team.strip())
        if done:
            who = f"team {team}" if team.strip() else owner
            raise ReviewError(
                f"period: the quarterly review of {period} for {who} is already complete "
                f"(review {done['id']})"
            )

    def _refuse_moved(self, current: dict, draft: QuarterlyDraft) -> None:
        same = draft.owner.strip() == (current.get("owner") or "") and draft.team.strip() == (
            current.get("team") or ""
        )
        if not same:
            raise ReviewError(
                f"review {current['id']}: its scope is fixed when it starts; "
                "start another review for another person or team"
            )


def summary_file_name(review: dict) -> str:
    """``quarterly-review-2026-Q4-platform.md``: the team (or owner) made safe for a file."""
    who = review.get("team") or review.get("owner")
    return f"quarterly-review-{review['period']}-{file_safe(who)}.md"
