"""The retrospective as a ritual the engine runs: whose it is, which week, what it reads,
what finishing writes, its summary.

A retrospective is one team's (``scope`` ``{"team": name}``), held for a week (this one
by default); a team may hold more than one in a week. The rules of a run live in the
modules beside this one (:mod:`stratui.rituals.retro`).

How far back it looks: the previous retrospective and a team's open actions are found
among the team's retrospectives of the last year (:data:`status.HISTORY_WEEKS`); a team
whose last retrospective is older than that starts afresh.

Pure module: the store is read through the workspace the engine passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from stratui.domain import goal_tree
from stratui.domain import people as names
from stratui.domain.weeks import is_valid_week, next_week, shift_week, week_of, week_range
from stratui.rituals.base import (
    ReviewError,
    Ritual,
    RitualWorkspace,
    by_ids,
    file_safe,
    team_draft_id,
    written,
)
from stratui.rituals.retro import RITUAL_TITLE, RetroContext, RetroDraft
from stratui.rituals.retro import status as retro_status
from stratui.rituals.retro.completion import RetroCompletion, plan_retro_completion
from stratui.rituals.retro.formats import FORMATS
from stratui.rituals.retro.history import OpenAction, RetroDue
from stratui.rituals.retro.phases import PHASE_TITLES, PHASES
from stratui.rituals.retro.summary import completion_markdown, retro_summary_markdown
from stratui.rituals.weekly.ritual import check_week, recent_weeks

CHOICE_WEEKS_BACK = 6
"""How many weeks before this one a retrospective's week may be chosen from."""


class Retrospective(Ritual[RetroDraft, RetroContext, RetroCompletion]):
    """The retrospective (PRODUCT.md, Rituals 3)."""

    name = "retro"
    title = RITUAL_TITLE
    steps = PHASES
    step_titles = PHASE_TITLES
    once_per_period = False

    def scope(self, ws: RitualWorkspace, **options: Any) -> dict[str, str]:
        """The team ``team=`` names, else the only team, else me's only team."""
        team = names.choose_team(ws.store.all("teams"), options.get("team"), ws.me)
        return {"team": str(team["name"])}

    def check_period(self, period: str) -> None:
        check_week(period)

    def default_period(self, ws: RitualWorkspace, scope: dict[str, str]) -> str:
        return week_of(ws.clock.today())

    def draft_periods(self, ws: RitualWorkspace) -> list[str]:
        return recent_weeks(ws.clock.today())

    # -- the draft -----------------------------------------------------------------------

    def new_draft(
        self, ws: RitualWorkspace, scope: dict[str, str], period: str, **options: Any
    ) -> RetroDraft:
        """A new retrospective of the team, facilitated by whoever starts it (``lead``
        False: by no one yet, as when a card from a shell starts it: the first to open
        it in the app leads it), in the team's usual format (its last retrospective's,
        else the first built-in), so that cards can be written from the start."""
        lead = options.get("lead", True)
        facilitator = ws.person_named(options.get("facilitator"), "facilitator") if lead else ""
        draft = RetroDraft(team=scope["team"], period=period, facilitator=facilitator)
        held = sorted(self.held(ws, scope["team"]), key=_held_order)
        usual = self.read_draft(held[-1]) if held else None
        if usual is not None and usual.retro_format is not None:
            draft.choose_format(usual.retro_format)
        else:
            draft.choose_format(FORMATS[0])
        return draft

    def draft_id(self, ws: RitualWorkspace, scope: dict[str, str], period: str) -> str:
        """The team's n-th retrospective of ``period`` has the same id on every clone,
        so two clones that each start it before they sync hold one retrospective."""
        return team_draft_id(ws, self.name, scope["team"], period)

    def check_change(self, current: Mapping, draft: RetroDraft) -> None:
        """Only its facilitator leads a retrospective: once someone takes over, the
        previous facilitator's screen may no longer change it."""
        facilitator = str(current.get("facilitator") or "")
        if facilitator and not names.same_name(facilitator, draft.facilitator):
            raise ReviewError(
                f"facilitator: {facilitator} leads this retrospective now; you take part "
                "as a participant (stratui review retro --facilitate takes it back)"
            )

    def read_draft(self, review: Mapping) -> RetroDraft:
        return RetroDraft.from_answers(
            review.get("answers"),
            team=review.get("team"),
            period=str(review["period"]),
            facilitator=review.get("facilitator"),
        )

    def record_fields(self, draft: RetroDraft) -> dict[str, object]:
        fields: dict[str, object] = {
            "participants": [p for p in draft.participants if p.strip()],
            "facilitator": draft.facilitator.strip() or None,
            "format": draft.format or None,
        }
        if draft.team.strip():
            fields["team"] = draft.team.strip()
        if is_valid_week(draft.period) and draft.period.strip() == draft.period:
            fields["period"] = draft.period
        return fields

    def fill_defaults(self, draft: RetroDraft, context: RetroContext) -> RetroDraft:
        return draft.fill_defaults(context)

    # -- what it works on ------------------------------------------------------------------

    def read_context(
        self, ws: RitualWorkspace, draft: RetroDraft, review_id: str | None
    ) -> RetroContext:
        """The team's members, every person, the active goals; the cards and ballots the
        participants wrote in ``review_id``; what the store's templates give the team
        (formats, health dimensions, icebreakers, and the files refused); the team's
        previous retrospective (its latest completed one, not ``review_id``, of a period
        up to the draft's) and that retro's actions: the commitments with source
        ``retro`` linked to it, of the weeks from its period to the week after the
        draft's."""
        store = ws.store
        found = names.find_named(store.all("teams"), draft.team)
        context = RetroContext(members=list(found.get("members", ())) if found else [])
        context.people = store.all("people")
        stored = store.get("reviews", review_id) if review_id else None
        if stored is not None:  # what the participants wrote, in the review's shard
            shard = [str(stored["period"])]
            context.cards = store.find("retro_items", periods=shard, review_id=review_id)
            context.ballots = store.find("retro_ballots", periods=shard, review_id=review_id)
        active = [goal for goal in store.all("goals") if goal.get("status") == "active"]
        context.goals = [dict(goal) for goal, _ in goal_tree.walk(active)]
        templates = ws.templates()
        context.formats = templates.formats_for(draft.team)
        context.health_dimensions = templates.health_for(draft.team)
        context.icebreakers = templates.icebreakers_for(draft.team)
        context.template_problems = templates.problems
        earlier = [r for r in self.held(ws, draft.team) if r["id"] != review_id]
        if context.icebreakers:
            context.used_icebreakers = [
                _icebreaker_of(r) for r in sorted(earlier, key=_held_order, reverse=True)
            ]
        if not is_valid_week(draft.period):
            return context
        held = [r for r in earlier if is_valid_week(r["period"]) and r["period"] <= draft.period]
        if not held:
            return context
        previous = max(held, key=_held_order)
        context.previous_review = previous
        this_week = week_of(ws.clock.today())
        weeks = week_range(str(previous["period"]), next_week(max(draft.period, this_week)))
        linked = store.find(
            "commitments",
            weeks=weeks,
            where=lambda c: c.get("review_id") == previous["id"] or bool(c.get("carried_from")),
        )
        context.previous_actions = [
            c for c in linked if c.get("review_id") == previous["id"] and c["source"] == "retro"
        ]
        ids = {c["id"] for c in context.previous_actions}
        context.carried_before = {
            str(c["carried_from"])
            for c in linked
            if c.get("carried_from") in ids and c.get("review_id") != previous["id"]
        }
        return context

    def held(self, ws: RitualWorkspace, team: str) -> list[dict]:
        """The team's completed retrospectives of the last year, whole (answers too)."""
        return ws.store.find(
            "reviews",
            periods=retro_status.history_weeks(ws.clock.today()),
            ritual=self.name,
            status="complete",
            team=team,
        )

    # -- finishing and summing up ----------------------------------------------------------

    def plan(
        self,
        draft: RetroDraft,
        context: RetroContext,
        *,
        review: Mapping,
        now: dt.datetime,
        today: dt.date,
        **options: Any,
    ) -> RetroCompletion:
        return plan_retro_completion(draft, context, review=review, now=now, today=today)

    def preview(self, ws: RitualWorkspace, completion: RetroCompletion, draft: RetroDraft) -> str:
        goals = ws.store.all("goals")
        return completion_markdown(completion, draft, _previous(ws, draft), goals)

    def summary(self, ws: RitualWorkspace, review: Mapping) -> str:
        store = ws.store
        draft = self.read_draft(review)
        made = written(review)
        items = store.find("retro_items", periods=[str(review["period"])], review_id=review["id"])
        if "items" in made:  # in the order they were written
            position = {rid: index for index, rid in enumerate(made["items"])}
            items.sort(key=lambda item: position.get(item["id"], len(position)))
        made_actions = [*made.get("carried", ()), *made.get("actions", ())]
        return retro_summary_markdown(
            review,
            draft,
            items,
            by_ids(store, "commitments", made.get("followed_up", ())),
            by_ids(store, "commitments", made_actions),
            _previous(ws, draft),
            store.all("goals"),
        )

    def file_name(self, review: Mapping) -> str:
        """``retro-2026-W47-Platform.md``."""
        return f"retro-{review['period']}-{file_safe(review.get('team'))}.md"

    # -- choosing the week, and where a team stands --------------------------------------

    def week_choices(self, ws: RitualWorkspace, draft: RetroDraft) -> list[tuple[str, str]]:
        """The weeks a retrospective may be held for, oldest first, each with a note:
        the :data:`CHOICE_WEEKS_BACK` weeks before this one, this week and the next,
        and the draft's own week if it is not among them. ``("2026-W49", "this week")``;
        a week whose retrospective of the team is complete says so."""
        this = week_of(ws.clock.today())
        weeks = [shift_week(this, step) for step in range(-CHOICE_WEEKS_BACK, 2)]
        if is_valid_week(draft.period) and draft.period not in weeks:
            weeks = sorted([*weeks, draft.period])
        done = {r["period"] for r in self.held(ws, draft.team)}
        choices = []
        for week in weeks:
            notes = []
            if week == this:
                notes.append("this week")
            if week == draft.period:
                notes.append("this retrospective")
            if week in done:
                notes.append("a retrospective is complete")
            choices.append((week, ", ".join(notes)))
        return choices

    def next_due(self, ws: RitualWorkspace, team: str | None = None) -> RetroDue:
        """When the team's next retrospective is due (every two weeks after the last)."""
        name = self.scope(ws, team=team)["team"]
        return retro_status.next_due(ws.store, name, ws.clock.today())

    def open_actions(self, ws: RitualWorkspace, team: str | None = None) -> list[OpenAction]:
        """The team's open retro actions with their age in days, oldest first."""
        name = self.scope(ws, team=team)["team"]
        return retro_status.open_retro_actions(ws.store, name, ws.clock.today())


def _held_order(review: Mapping) -> tuple[str, str, str]:
    """The order a team held its retrospectives in: by week, then as completed."""
    return (str(review["period"]), str(review.get("completed_at", "")), str(review["id"]))


def _icebreaker_of(review: Mapping) -> str:
    """The icebreaker a completed retrospective used ("" for none)."""
    answers = review.get("answers")
    used = answers.get("icebreaker") if isinstance(answers, Mapping) else None
    return used if isinstance(used, str) else ""


def _previous(ws: RitualWorkspace, draft: RetroDraft) -> dict | None:
    """The retrospective ``draft`` followed up (None for a first)."""
    rid = draft.previous_review_id
    return ws.store.get("reviews", rid) if rid else None


RETRO = Retrospective()
"""The retrospective, as the engine (:mod:`stratui.usecases.rituals`) runs it."""
