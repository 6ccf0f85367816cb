"""The team weekly review as a ritual the engine runs: whose it is, which week, what it
reads, what completing writes, its summary.

A review is one team's (``scope`` ``{"team": name}``) for one ISO week; the rules of a
run live in the modules beside this one (:mod:`stratui.rituals.team`).

Pure module: the store is read through the workspace the engine passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from stratui.domain import people as names
from stratui.domain.metrics.roadblocks import worst_first
from stratui.domain.weeks import is_valid_week, next_week, window
from stratui.rituals.base import (
    Ritual,
    RitualWorkspace,
    by_ids,
    file_safe,
    team_draft_id,
    written,
)
from stratui.rituals.team import (
    RITUAL_TITLE,
    STEP_TITLES,
    STEPS,
    TeamContext,
    TeamReviewDraft,
    next_period,
    open_roadblocks,
)
from stratui.rituals.team.completion import TeamCompletion, plan_team_completion
from stratui.rituals.team.points import talking_points
from stratui.rituals.team.summary import completion_markdown, team_summary_markdown
from stratui.rituals.weekly.capacity import HINT_WEEKS
from stratui.rituals.weekly.ritual import check_week, recent_weeks


class TeamReview(Ritual[TeamReviewDraft, TeamContext, TeamCompletion]):
    """The team weekly review (PRODUCT.md, Rituals 2)."""

    name = "team"
    title = RITUAL_TITLE
    steps = STEPS
    step_titles = STEP_TITLES
    preview_options = {"undecided": "open"}

    def scope(self, ws: RitualWorkspace, **options: Any) -> dict[str, str]:
        """The team ``team=`` names, else the only team, else me's only team."""
        team = names.choose_team(ws.store.all("teams"), options.get("team"), ws.me)
        return {"team": str(team["name"])}

    def check_period(self, period: str) -> None:
        check_week(period)

    def default_period(self, ws: RitualWorkspace, scope: dict[str, str]) -> str:
        return self.next_period(ws, scope["team"])

    def draft_periods(self, ws: RitualWorkspace) -> list[str]:
        return recent_weeks(ws.clock.today())

    def next_period(self, ws: RitualWorkspace, team: str) -> str:
        """The week the team's next review is for (see :func:`rituals.team.next_period`)."""
        done = ws.store.find(
            "reviews",
            periods=recent_weeks(ws.clock.today()),
            ritual=self.name,
            status="complete",
            team=team,
        )
        return next_period([str(r["period"]) for r in done], ws.clock.today())

    # -- the draft -----------------------------------------------------------------------

    def new_draft(
        self, ws: RitualWorkspace, scope: dict[str, str], period: str, **options: Any
    ) -> TeamReviewDraft:
        """A new review of the team, run by whoever starts it (``lead`` False: by no one
        yet, as when a talking point from a shell starts it: whoever opens it in the app
        runs it)."""
        lead = options.get("lead", True)
        facilitator = ws.person_named(options.get("facilitator"), "facilitator") if lead else ""
        return TeamReviewDraft(team=scope["team"], period=period, facilitator=facilitator)

    def draft_id(self, ws: RitualWorkspace, scope: dict[str, str], period: str) -> str:
        """The team's review of ``period`` has the same id on every clone."""
        return team_draft_id(ws, self.name, scope["team"], period)

    def read_draft(self, review: Mapping) -> TeamReviewDraft:
        return TeamReviewDraft.from_answers(
            review.get("answers"),
            team=review.get("team"),
            period=str(review["period"]),
            facilitator=review.get("facilitator"),
        )

    def record_fields(self, draft: TeamReviewDraft) -> dict[str, object]:
        fields: dict[str, object] = {
            "participants": draft.participants,
            "facilitator": draft.facilitator.strip() or None,
        }
        if draft.team.strip():
            fields["team"] = draft.team.strip()
        if is_valid_week(draft.period) and draft.period.strip() == draft.period:
            fields["period"] = draft.period
        return fields

    def fill_defaults(self, draft: TeamReviewDraft, context: TeamContext) -> TeamReviewDraft:
        return draft.fill_defaults(context)

    # -- what it works on ------------------------------------------------------------------

    def read_context(
        self, ws: RitualWorkspace, draft: TeamReviewDraft, review_id: str | None
    ) -> TeamContext:
        """The team; its members' commitments of the capacity hint's weeks ending with
        the period and of the following week; the open roadblocks (of any age) a member
        owns or that block a member's commitment, worst and oldest first; the active
        goals of the team and its members; every person; the members who completed their
        own weekly review of the period; the talking points brought to this review."""
        store = ws.store
        found = names.find_named(store.all("teams"), draft.team)
        members = list(found.get("members", ())) if found else []
        context = TeamContext(members=members, people=store.all("people"), team=draft.team.strip())
        if not members or not is_valid_week(draft.period):
            return context
        following = next_week(draft.period)
        team = set(members)
        commitments = store.find(
            "commitments",
            weeks=[*window(draft.period, HINT_WEEKS), following],
            where=lambda c: c["owner"] in team,
        )
        context.history = [c for c in commitments if c["week"] != following]
        context.commitments = [c for c in commitments if c["week"] == draft.period]
        context.planned = [c for c in commitments if c["week"] == following]
        theirs = {c["id"] for c in context.commitments}
        roadblocks = store.find(
            "roadblocks",
            where=lambda r: (
                not r.get("resolved_on")
                and (r.get("owner") in team or r.get("commitment_id") in theirs)
            ),
        )
        context.roadblocks = worst_first([dict(r) for r in open_roadblocks(roadblocks).values()])
        context.goals = store.find(
            "goals",
            status="active",
            where=lambda g: g.get("owner") in team or g.get("team") == draft.team,
        )
        own = store.find(
            "reviews",
            periods=[draft.period],
            ritual="weekly",
            status="complete",
            where=lambda r: r.get("owner") in team,
        )
        context.self_reviewed = {
            str(r["owner"]): str(r.get("completed_at") or "")[:10] for r in own
        }
        if review_id is not None:
            items = store.find("retro_items", periods=[draft.period], review_id=review_id)
            context.points = talking_points(items)
        return context

    # -- completing and summing up ---------------------------------------------------------

    def plan(
        self,
        draft: TeamReviewDraft,
        context: TeamContext,
        *,
        review: Mapping,
        now: dt.datetime,
        today: dt.date,
        **options: Any,
    ) -> TeamCompletion:
        return plan_team_completion(
            draft,
            context,
            review=review,
            now=now,
            today=today,
            undecided=options.get("undecided"),
        )

    def preview(
        self, ws: RitualWorkspace, completion: TeamCompletion, draft: TeamReviewDraft
    ) -> str:
        planned = _planned(ws, draft.period, {part.name for part in draft.members})
        points = _points(ws, completion.review)
        return completion_markdown(completion, draft, ws.store.find("goals"), planned, points)

    def summary(self, ws: RitualWorkspace, review: Mapping) -> str:
        store = ws.store
        draft = self.read_draft(review)
        period = str(review["period"])
        members = {part.name for part in draft.members}
        reviewed = store.find("commitments", weeks=[period], where=lambda c: c["owner"] in members)
        made = written(review)
        return team_summary_markdown(
            review,
            draft,
            reviewed,
            by_ids(store, "commitments", made.get("carried", ())),
            by_ids(store, "commitments", made.get("new_commitments", ())),
            by_ids(store, "roadblocks", made.get("new_roadblocks", ())),
            by_ids(store, "roadblocks", made.get("escalated_roadblocks", ())),
            by_ids(store, "adjustments", made.get("adjustments", ())),
            store.find("goals"),
            _planned(ws, period, members),
            _points(ws, review),
        )

    def file_name(self, review: Mapping) -> str:
        """``team-review-2026-W47-Platform.md``."""
        return f"team-review-{review['period']}-{file_safe(review.get('team'))}.md"


def _planned(ws: RitualWorkspace, period: str, members: set[str]) -> list[dict]:
    """The members' commitments of the week after ``period``, however they were made
    (the summary lists each member's next week, not only what the review added)."""
    if not is_valid_week(period):
        return []
    return ws.store.find(
        "commitments", weeks=[next_week(period)], where=lambda c: c["owner"] in members
    )


def _points(ws: RitualWorkspace, review: Mapping) -> list[dict]:
    """The talking points brought to ``review``."""
    if not is_valid_week(str(review.get("period", ""))):
        return []
    items = ws.store.find("retro_items", periods=[str(review["period"])], review_id=review["id"])
    return talking_points(items)


TEAM = TeamReview()
"""The team weekly review, as the engine (:mod:`stratui.usecases.rituals`) runs it."""
