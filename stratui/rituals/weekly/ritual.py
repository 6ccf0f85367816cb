"""The weekly review as a ritual the engine runs: whose it is, which week, what it reads,
what completing writes, its summary.

A review is one person's (``scope`` ``{"owner": name}``) for one ISO week, looked for
among the weeks around today; the rules of a run live in the modules beside this one
(:mod:`stratui.rituals.weekly`).

Pure module: the store is read through the workspace the engine passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from stratui.domain import records as rec
from stratui.domain.metrics.roadblocks import worst_first
from stratui.domain.people import same_name
from stratui.domain.weeks import is_valid_week, next_week, shift_week, week_of, week_range, window
from stratui.rituals.base import (
    Ritual,
    RitualWorkspace,
    by_ids,
    file_safe,
    written,
)
from stratui.rituals.weekly.capacity import HINT_WEEKS
from stratui.rituals.weekly.completion import Completion, plan_completion
from stratui.rituals.weekly.draft import ReviewContext, WeeklyDraft
from stratui.rituals.weekly.periods import DueReview, is_due
from stratui.rituals.weekly.steps import RITUAL_TITLE, STEP_TITLES, STEPS
from stratui.rituals.weekly.summary import (
    completion_markdown,
    still_blocking_ids,
    weekly_summary_markdown,
)

DRAFT_WEEKS_BACK = 8
"""How many weeks back the resume offer (and the next review due) looks."""

CHECKIN_WEEKS = 53
"""How far back a goal's previous reading is looked for (about a year)."""


def recent_weeks(today: dt.date, weeks_back: int = DRAFT_WEEKS_BACK) -> list[str]:
    """The weeks from ``weeks_back`` weeks before today's to the next: where a weekly
    ritual's drafts are looked for."""
    this_week = week_of(today)
    return week_range(shift_week(this_week, -weeks_back), shift_week(this_week, 1))


def check_week(period: str) -> None:
    """ValueError unless ``period`` is an ISO week that exists."""
    if not is_valid_week(period):
        raise ValueError(f"period: expected an ISO week YYYY-Www that exists, got {period!r}")


class WeeklyReview(Ritual[WeeklyDraft, ReviewContext, Completion]):
    """The personal weekly review (PRODUCT.md, Rituals 1)."""

    name = "weekly"
    title = RITUAL_TITLE
    steps = STEPS
    step_titles = STEP_TITLES
    preview_options = {"undecided": "open"}

    def scope(self, ws: RitualWorkspace, **options: Any) -> dict[str, str]:
        return {"owner": ws.person_named(options.get("owner"), "owner")}

    def check_period(self, period: str) -> None:
        check_week(period)

    def default_period(self, ws: RitualWorkspace, scope: dict[str, str]) -> str:
        return self.next_due(ws, scope["owner"]).period

    def draft_periods(self, ws: RitualWorkspace) -> list[str]:
        return recent_weeks(ws.clock.today())

    def next_due(self, ws: RitualWorkspace, owner: str | None = None) -> DueReview:
        """The next weekly review ``owner`` (default me) owes, and whether it is due."""
        name = (owner or ws.me).strip()
        done = ws.store.find(
            "reviews",
            periods=recent_weeks(ws.clock.today()),
            ritual=self.name,
            status="complete",
            owner=name,
        )
        return is_due(done, ws.clock.today())

    # -- the draft -----------------------------------------------------------------------

    def new_draft(
        self, ws: RitualWorkspace, scope: dict[str, str], period: str, **options: Any
    ) -> WeeklyDraft:
        return WeeklyDraft(period=period, owner=scope["owner"])

    def read_draft(self, review: Mapping) -> WeeklyDraft:
        return WeeklyDraft.from_answers(
            review.get("answers"), period=str(review["period"]), owner=review.get("owner")
        )

    def record_fields(self, draft: WeeklyDraft) -> dict[str, object]:
        fields: dict[str, object] = {}
        if is_valid_week(draft.period) and draft.period.strip() == draft.period:
            fields["period"] = draft.period
        owner = draft.owner.strip()
        if owner:
            fields.update(owner=owner, participants=[owner])
        return fields

    def fill_defaults(self, draft: WeeklyDraft, context: ReviewContext) -> WeeklyDraft:
        return draft.fill_defaults(context)

    # -- what it works on ------------------------------------------------------------------

    def read_context(
        self, ws: RitualWorkspace, draft: WeeklyDraft, review_id: str | None
    ) -> ReviewContext:
        """The owner's commitments of the :data:`HINT_WEEKS` weeks ending with the period
        and of the following week, the owner's active goals and their check-ins of about
        a year, and the open roadblocks (of any age) that are the owner's or block the
        owner's commitments or goals, worst first; the check-in question of the owner's
        teams' templates."""
        store, owner = ws.store, draft.owner
        goals = store.find("goals", owner=owner, status="active")
        goal_ids = {goal["id"] for goal in goals}
        context = ReviewContext(goals=goals)
        if is_valid_week(draft.period) and draft.period.strip() == draft.period:
            following = next_week(draft.period)
            found = store.find(
                "commitments", weeks=[*window(draft.period, HINT_WEEKS), following], owner=owner
            )
            context.history = [c for c in found if c["week"] != following]
            context.commitments = [c for c in found if c["week"] == draft.period]
            context.planned = [c for c in found if c["week"] == following]
        mine = {c["id"] for c in context.history}
        context.roadblocks = worst_first(
            store.find(
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
        )
        if goal_ids:
            context.checkins = store.find(
                "goal_checkins",
                weeks=window(week_of(ws.clock.today()), CHECKIN_WEEKS),
                where=lambda c: c["goal_id"] in goal_ids,
            )
        teams = [
            str(team["name"])
            for team in store.all("teams")
            if rec.is_live(team) and any(same_name(m, owner) for m in team.get("members", ()))
        ]
        context.checkin_question = ws.templates().checkin_for(teams)
        return context

    # -- completing and summing up ---------------------------------------------------------

    def plan(
        self,
        draft: WeeklyDraft,
        context: ReviewContext,
        *,
        review: Mapping,
        now: dt.datetime,
        today: dt.date,
        **options: Any,
    ) -> Completion:
        return plan_completion(
            draft,
            [*context.commitments, *context.planned],
            context.roadblocks,
            context.goals,
            review=review,
            now=now,
            today=today,
            undecided=options.get("undecided"),
        )

    def preview(self, ws: RitualWorkspace, completion: Completion, draft: WeeklyDraft) -> str:
        still = by_ids(ws.store, "roadblocks", still_blocking_ids(completion.review))
        blocked = _blocked(ws, still)
        return completion_markdown(completion, ws.store.find("goals"), still, blocked)

    def summary(self, ws: RitualWorkspace, review: Mapping) -> str:
        store = ws.store
        rid, period, owner = review["id"], str(review["period"]), review.get("owner")
        following = next_week(period)
        found = store.find("commitments", weeks=[period, following], owner=owner)
        mine = [c for c in found if c["week"] == period]
        made = [c for c in found if c["week"] == following and c.get("review_id") == rid]
        ids = written(review)
        carried = [c for c in made if c.get("carried_from")]
        new = [c for c in made if not c.get("carried_from")]
        if "new_commitments" in ids:  # in the order the person wrote them
            carried = by_ids(store, "commitments", ids.get("carried", ()))
            new = by_ids(store, "commitments", ids["new_commitments"])
        if "adjustments" in ids:
            adjustments = by_ids(store, "adjustments", ids["adjustments"])
        else:  # a review written elsewhere: its adjustments are found by review id
            day = str(review.get("completed_at", ""))[:10]
            weeks = [week_of(dt.date.fromisoformat(day))] if day else None
            adjustments = store.find("adjustments", weeks=weeks, review_id=rid)
        still = by_ids(store, "roadblocks", still_blocking_ids(review))
        return weekly_summary_markdown(
            review,
            mine,
            carried,
            by_ids(store, "roadblocks", ids.get("new_roadblocks", ())),
            by_ids(store, "roadblocks", ids.get("resolved_roadblocks", ())),
            adjustments,
            by_ids(store, "goal_checkins", ids.get("checkins", ())),
            new,
            store.find("goals"),
            still,
            _blocked(ws, still),
        )

    def file_name(self, review: Mapping) -> str:
        """``weekly-review-2026-W47-ana.md``: the owner's name made safe for a file name."""
        return f"weekly-review-{review['period']}-{file_safe(review.get('owner'))}.md"


def _blocked(ws: RitualWorkspace, roadblocks: list[dict]) -> list[dict]:
    """The commitments ``roadblocks`` block, for their titles in a summary."""
    ids = [r["commitment_id"] for r in roadblocks if r.get("commitment_id")]
    return by_ids(ws.store, "commitments", ids)


WEEKLY = WeeklyReview()
"""The weekly review, as the engine (:mod:`stratui.usecases.rituals`) runs it."""
