"""The quarterly strategy review as a ritual the engine runs: whose it is, which quarter,
what it reads, what completing writes, its summary.

A review is one person's (``scope`` ``{"owner": name}``) or one team's (``{"team":
name}``, with a facilitator and the members taking part) for one fiscal quarter
``YYYY-Qn``; the rules of a run live in the modules beside this one
(:mod:`stratui.rituals.quarterly`).

The fiscal year's first month comes from the workspace (the store's local config) when a
review starts, and is kept in the draft, so a review's quarter means the same dates until
it completes. Drafts are looked for among the previous, the current and the next quarter.

Pure module: the store is read through the workspace the engine passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from stratui.domain import goal_tree
from stratui.domain import key_results as kr
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
from stratui.domain.shapes import mapping
from stratui.rituals.base import ReviewError, Ritual, RitualWorkspace, by_ids, file_safe, written
from stratui.rituals.quarterly import (
    RITUAL_TITLE,
    STEP_TITLES,
    STEPS,
    QuarterContext,
    QuarterlyDraft,
)
from stratui.rituals.quarterly.alignment import AlignmentView
from stratui.rituals.quarterly.completion import QuarterlyCompletion, plan_quarterly_completion
from stratui.rituals.quarterly.summary import quarterly_summary_markdown

CLOSING_DAYS = 14
"""From this many days before a quarter's end, the default review closes that quarter."""

CHOICE_QUARTERS_BACK = 4
"""How many quarters before the one in progress a review's quarter may be chosen from."""


class QuarterlyReview(Ritual[QuarterlyDraft, QuarterContext, QuarterlyCompletion]):
    """The quarterly strategy review (PRODUCT.md, Rituals 4)."""

    name = "quarterly"
    title = RITUAL_TITLE
    steps = STEPS
    step_titles = STEP_TITLES

    # -- whose review, which quarter -----------------------------------------------------

    def scope(self, ws: RitualWorkspace, **options: Any) -> dict[str, str]:
        """A team's review when ``team=`` names one (refused when unknown), else the
        ``owner=``'s (default me)."""
        team = str(options.get("team") or "").strip()
        if team:
            _team_members(ws, team)
            return {"team": team}
        return {"owner": ws.person_named(options.get("owner"), "owner")}

    def who(self, scope: Mapping[str, str]) -> str:
        return f"team {scope['team']}" if "team" in scope else scope["owner"]

    def check_period(self, period: str) -> None:
        if not is_valid_quarter(period):
            raise ValidationError("period", f"expected a quarter YYYY-Qn (2026-Q4), got {period!r}")

    def default_period(self, ws: RitualWorkspace, scope: dict[str, str]) -> str:
        """The quarter a review started today closes: the current one in its last
        :data:`CLOSING_DAYS` days, else the previous one, unless that one's review of
        ``scope`` is complete already (then the current one)."""
        start = ws.fiscal_start
        today = ws.clock.today()
        current = quarter_of(today, start)
        if (quarter_bounds(current, start)[1] - today).days < CLOSING_DAYS:
            return current
        previous = previous_quarter(current)
        return current if _completed(ws, previous, scope) else previous

    def draft_periods(self, ws: RitualWorkspace) -> list[str]:
        current = self.quarter_in_progress(ws)
        return [shift_quarter(current, step) for step in (-1, 0, 1)]

    def quarter_in_progress(self, ws: RitualWorkspace) -> str:
        """The fiscal quarter today is in: what the goals screen's quarterly review opens
        (the goals on screen are this quarter's)."""
        return quarter_of(ws.clock.today(), ws.fiscal_start)

    def quarter_choices(self, ws: RitualWorkspace, draft: QuarterlyDraft) -> list[tuple[str, str]]:
        """The quarters a review may close, oldest first, each with a note: the
        :data:`CHOICE_QUARTERS_BACK` quarters before the one in progress, that one and
        the next (and the draft's own, if not among them). ``("2026-Q4", "in
        progress")``; a quarter whose review of the draft's scope is complete says so
        (it cannot be chosen)."""
        current = self.quarter_in_progress(ws)
        quarters = [shift_quarter(current, step) for step in range(-CHOICE_QUARTERS_BACK, 2)]
        if is_valid_quarter(draft.period) and draft.period not in quarters:
            quarters = sorted([*quarters, draft.period])
        scope = _draft_scope(draft)
        choices = []
        for quarter in quarters:
            notes = []
            if quarter == current:
                notes.append("in progress")
            if quarter == draft.period:
                notes.append("this review")
            elif _completed(ws, quarter, scope):
                notes.append("complete")
            choices.append((quarter, ", ".join(notes)))
        return choices

    # -- the draft -----------------------------------------------------------------------

    def new_draft(
        self, ws: RitualWorkspace, scope: dict[str, str], period: str, **options: Any
    ) -> QuarterlyDraft:
        """The team's members take part in a team's review, with a facilitator (default
        me); a person's review is theirs alone."""
        team = scope.get("team", "")
        return QuarterlyDraft(
            period=period,
            owner=scope.get("owner", ""),
            team=team,
            facilitator=ws.person_named(options.get("facilitator"), "facilitator") if team else "",
            participants=_team_members(ws, team) if team else [scope["owner"]],
            fiscal_start=ws.fiscal_start,
        )

    def read_draft(self, review: Mapping) -> QuarterlyDraft:
        """Who and when come from the record, not the answers: the record is what a
        rename of a person or team rewrites, so a resumed draft never brings an old name
        back."""
        draft = QuarterlyDraft.from_answers(review.get("answers"))
        draft.period = str(review["period"])
        draft.owner = str(review.get("owner") or "")
        draft.team = str(review.get("team") or "")
        draft.facilitator = str(review.get("facilitator") or "")
        draft.participants = list(review.get("participants") or ())
        return draft

    def record_fields(self, draft: QuarterlyDraft) -> dict[str, object]:
        if not is_valid_quarter(draft.period):
            raise ReviewError(f"period: expected a quarter YYYY-Qn (2026-Q4), got {draft.period!r}")
        return {
            "period": draft.period,
            "owner": draft.owner.strip() or None,
            "team": draft.team.strip() or None,
            "facilitator": draft.facilitator.strip() or None,
            "participants": list(draft.participants),
        }

    def check_change(self, current: Mapping, draft: QuarterlyDraft) -> None:
        """The scope is fixed when a review starts."""
        if _draft_scope(draft) != _record_scope(current):
            raise ReviewError(
                f"review {current['id']}: its scope is fixed when it starts; "
                "start another review for another person or team"
            )

    def moved(self, draft: QuarterlyDraft) -> None:
        """Another quarter's goals are walked from the first."""
        draft.step = 0
        draft.goal_index = 0

    def fill_defaults(self, draft: QuarterlyDraft, context: QuarterContext) -> QuarterlyDraft:
        return draft.fill_defaults(context)

    # -- what it works on ------------------------------------------------------------------

    def read_context(
        self, ws: RitualWorkspace, draft: QuarterlyDraft, review_id: str | None
    ) -> QuarterContext:
        """See :class:`QuarterContext`: the goals (one file), the check-ins of the
        quarter's goals (from their earliest start to today) and the commitments in
        scope of the quarter's ISO weeks."""
        store = ws.store
        context = QuarterContext(draft.period, draft.fiscal_start, ws.clock.today())
        if not is_valid_quarter(draft.period):
            return context
        with store.reading():
            scope = _metric_scope(ws, draft)
            context.every_goal = store.all("goals")
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
            weeks = kr.reading_weeks(context.goals, ws.clock.today())
            wanted = {str(goal["id"]) for goal in context.goals}
            context.checkins = (
                store.find("goal_checkins", weeks=weeks, where=lambda c: c["goal_id"] in wanted)
                if weeks
                else []
            )
            context.commitments = store.find(
                "commitments",
                weeks=quarter_weeks(draft.period, draft.fiscal_start),
                where=scope.has_owned,
            )
        return context

    # -- completing and summing up ---------------------------------------------------------

    def plan(
        self,
        draft: QuarterlyDraft,
        context: QuarterContext,
        *,
        review: Mapping,
        now: dt.datetime,
        today: dt.date,
        **options: Any,
    ) -> QuarterlyCompletion:
        return plan_quarterly_completion(draft, context, review=review, now=now, today=today)

    def preview(
        self, ws: RitualWorkspace, completion: QuarterlyCompletion, draft: QuarterlyDraft
    ) -> str:
        return _markdown(
            ws, completion.review, completion.checkins, completion.new_goals, completion.goals_after
        )

    def summary(self, ws: RitualWorkspace, review: Mapping) -> str:
        made = written(review)
        checkins = by_ids(ws.store, "goal_checkins", made.get("checkins", ()))
        new_goals = by_ids(ws.store, "goals", made.get("new_goals", ()))
        return _markdown(ws, review, checkins, new_goals, {})

    def file_name(self, review: Mapping) -> str:
        """``quarterly-review-2026-Q4-Platform.md``: the team (or owner) made safe."""
        who = review.get("team") or review.get("owner")
        return f"quarterly-review-{review['period']}-{file_safe(who)}.md"


# -- helpers -------------------------------------------------------------------------------------


def _team_members(ws: RitualWorkspace, team: str) -> list[str]:
    """The team's members (its ``members``, then people naming it); refuses an unknown team."""
    teams, people = ws.store.all("teams"), ws.store.all("people")
    record = next((t for t in teams if t["name"] == team), None)
    members = list(record.get("members") or ()) if record else []
    members += sorted(p["name"] for p in people if team in (p.get("teams") or ()))
    if record is None and not members:
        known = sorted({t["name"] for t in teams})
        listed = f"; teams: {', '.join(known)}" if known else "; there is no team yet"
        raise ValidationError("team", f"no team named {team!r}{listed}")
    return list(dict.fromkeys(members))


def _draft_scope(draft: QuarterlyDraft) -> dict[str, str]:
    if draft.team.strip():
        return {"team": draft.team.strip()}
    return {"owner": draft.owner.strip()}


def _record_scope(review: Mapping) -> dict[str, str]:
    if review.get("team"):
        return {"team": str(review["team"])}
    return {"owner": str(review.get("owner") or "")}


def _metric_scope(ws: RitualWorkspace, draft: QuarterlyDraft) -> Scope:
    if draft.team.strip():
        return Scope.of_team(draft.team.strip(), ws.store.all("teams"), ws.store.all("people"))
    return Scope(owner=draft.owner.strip())


def _completed(ws: RitualWorkspace, period: str, scope: Mapping[str, str]) -> bool:
    """Whether ``period`` has a completed quarterly review of ``scope``."""
    return bool(
        ws.store.find(
            "reviews",
            periods=[period],
            where=lambda r: _record_scope(r) == dict(scope),
            ritual="quarterly",
            status="complete",
        )
    )


def _markdown(
    ws: RitualWorkspace, review: Mapping, checkins: list, new_goals: list, goals_after: Mapping
) -> str:
    goals = {goal["id"]: goal for goal in ws.store.all("goals")}
    goals.update(goals_after)
    answers = mapping(review.get("answers"))
    alignment = AlignmentView.from_json(answers.get("alignment"))
    return quarterly_summary_markdown(dict(review), goals, checkins, new_goals, alignment)


QUARTERLY = QuarterlyReview()
"""The quarterly strategy review, as the engine (:mod:`stratui.usecases.rituals`) runs it."""
