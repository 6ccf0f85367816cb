"""The retrospective's use cases over the store: start or resume, save, finish, summarise,
and what the dashboard shows of it (the next retro due, the open actions and their age).

The ritual's rules live in :mod:`stratui.rituals.retro` (pure); this module reads what a
retrospective needs (:meth:`Retros.context`: the team, its previous retrospective and
that retro's actions), keeps the draft in the store at every phase (a review record with
status ``draft``, ritual ``retro``, whose ``answers`` hold the draft), and writes a
finished retrospective in one transaction. ``stratui review retro [--team NAME]`` opens
it.

How far back it looks: the previous retrospective, a team's open actions and the next
retro due are found among the team's retrospectives of the last year
(:data:`stratui.rituals.retro.status.HISTORY_WEEKS`: four or five shards,
whatever the length of the history). A team whose last retrospective is older than
that starts afresh.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import os
from pathlib import Path

from stratui.domain import goal_tree
from stratui.domain import people as names
from stratui.domain import records as rec
from stratui.domain.weeks import is_valid_week, next_week, shift_week, week_of, week_range
from stratui.rituals.retro import RetroContext, RetroDraft
from stratui.rituals.retro import status as retro_status
from stratui.rituals.retro.completion import RetroCompletion, plan_retro_completion
from stratui.rituals.retro.history import OpenAction, RetroDue
from stratui.rituals.retro.summary import completion_markdown, retro_summary_markdown
from stratui.store.layout import key_for_period, keys_for_weeks
from stratui.usecases import people
from stratui.usecases.ritual_drafts import (
    by_ids,
    completed_review,
    current_draft,
    discard_draft,
    file_safe,
    write_summary_file,
    written,
)
from stratui.usecases.team_rituals import new_draft_review, team_drafts
from stratui.usecases.workspace import Workspace

CHOICE_WEEKS_BACK = 6
"""How many weeks before this one a retrospective's week may be chosen from in the TUI."""


class Retros:
    """The retrospectives of one store and clock (those of ``ws``)."""

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
    ) -> tuple[dict, RetroDraft]:
        """The team's retrospective to work on, with its draft filled with defaults.

        ``team`` defaults as :func:`stratui.usecases.people.choose_team` says; ``period`` to this
        week; ``facilitator`` to me. Resumes the team's newest draft (of ``period``, when
        given) at the phase it was left in, else stores a new draft review. One
        transaction, so two windows do not make two drafts.

        Raises:
            ValidationError: the team is unknown or cannot be chosen (field ``team``).
            ValueError: ``period`` is not an ISO week that exists.
        """
        if period is not None and not is_valid_week(period):
            raise ValueError(f"period: expected an ISO week YYYY-Www that exists, got {period!r}")
        with self.store.transaction() as tx:
            name = people.choose_team(self.ws, team)["name"]
            found = team_drafts(self.store, "retro", name, self.clock.today(), period)
            if found:
                review = found[0]
                draft = RetroDraft.from_answers(
                    review.get("answers"),
                    team=name,
                    period=review["period"],
                    facilitator=review.get("facilitator"),
                )
                return review, draft.fill_defaults(self.context(draft, review["id"]))
            draft = RetroDraft(
                team=name,
                period=period or week_of(self.clock.today()),
                facilitator=self.ws.person_named(facilitator, "facilitator"),
            )
            draft.fill_defaults(self.context(draft))
            review = new_draft_review(
                "retro",
                period=draft.period,
                team=name,
                facilitator=draft.facilitator,
                participants=list(draft.participants),
                answers=draft.to_answers(),
                now=self.clock.now(),
            )
            return tx.insert("reviews", review), draft

    def save(self, review: dict, draft: RetroDraft) -> dict:
        """Store ``draft`` in the review's ``answers``; returns the stored review record.

        Called at every phase and after each edit worth keeping (a card, a vote), so
        quitting loses nothing. The team, period, facilitator, participants and format
        of the record follow the draft's when they are valid.

        Raises:
            UnknownId: the review is gone (deleted elsewhere).
            ReviewError: it was finished meanwhile.
        """
        with self.store.transaction() as tx:
            current = current_draft(self.store, review["id"])
            changes: dict[str, object] = {
                "answers": draft.to_answers(),
                "participants": [p for p in draft.participants if p.strip()],
                "facilitator": draft.facilitator.strip() or None,
                "format": draft.format or None,
            }
            if draft.team.strip():
                changes["team"] = draft.team.strip()
            if is_valid_week(draft.period) and draft.period.strip() == draft.period:
                changes["period"] = draft.period
            return tx.put("reviews", rec.updated("reviews", current, changes, self.clock.now()))

    def discard(self, review: dict) -> dict:
        """Delete a draft retrospective (a tombstone is kept); returns the tombstone."""
        return discard_draft(self.store, review, self.clock.now())

    def drafts(self, team: str | None = None) -> list[dict]:
        """The team's open retrospective drafts, newest first (the resume offer)."""
        name = people.choose_team(self.ws, team)["name"]
        return team_drafts(self.store, "retro", name, self.clock.today())

    # -- what a retrospective works on ----------------------------------------------------

    def context(self, draft: RetroDraft, review_id: str | None = None) -> RetroContext:
        """What the store holds for ``draft``: see :class:`~stratui.rituals.retro.RetroContext`.

        The previous retrospective is the team's latest completed one (not
        ``review_id``) of a period up to the draft's; its actions are the commitments
        with source ``retro`` linked to it, read from the shards between its period and
        the week after the draft's. The people and the active goals are what an action
        may name.
        """
        found = names.find_named(self.store.all("teams"), draft.team)
        context = RetroContext(members=list(found.get("members", ())) if found else [])
        context.people = self.store.all("people")
        active = [goal for goal in self.store.all("goals") if goal.get("status") == "active"]
        context.goals = [dict(goal) for goal, _ in goal_tree.walk(active)]
        if not is_valid_week(draft.period):
            return context
        held = [
            r
            for r in self._completed(draft.team)
            if r["id"] != review_id and is_valid_week(r["period"]) and r["period"] <= draft.period
        ]
        if not held:
            return context
        previous = max(held, key=lambda r: (r["period"], r.get("completed_at", ""), r["id"]))
        context.previous_review = previous
        weeks = week_range(str(previous["period"]), next_week(max(draft.period, _now(self))))
        linked = self.store.find(
            "commitments",
            keys=keys_for_weeks(weeks),
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

    # -- finishing -------------------------------------------------------------------------

    def complete(self, review: dict, draft: RetroDraft) -> RetroCompletion:
        """Write everything the retrospective decided, in one transaction.

        The follow-up of the previous actions, the carried-over actions, the cards as
        retro items, the new actions and the completed review are committed together or
        not at all. The draft is first refilled from the store (an action of the
        previous retro it has not seen gets a follow-up without a disposition), so no
        action escapes the gate. Returns what was written.

        Raises:
            DraftInvalid: a phase is invalid, in particular while a previous action has
                no disposition (its ``problems`` are the inline messages).
            ReviewError: the retrospective was finished already.
            UnknownId: the review is gone.
        """
        with self.store.transaction() as tx:
            current = current_draft(self.store, review["id"])
            completion = self._plan(current, draft)
            tx.put_many(completion.writes())
        return completion

    def _plan(self, review: dict, draft: RetroDraft) -> RetroCompletion:
        context = self.context(draft, review["id"])
        draft.fill_defaults(context)
        return plan_retro_completion(
            draft, context, review=review, now=self.clock.now(), today=self.clock.today()
        )

    def preview_markdown(self, review: dict, draft: RetroDraft) -> str:
        """The summary the retrospective would have if finished now; nothing is written.

        Raises:
            DraftInvalid: a phase is invalid.
        """
        completion = self._plan(review, draft)
        goals = self.store.all("goals")
        return completion_markdown(completion, draft, self._previous(draft), goals)

    def summary_markdown(self, review_id: str) -> str:
        """The Markdown summary of a finished retrospective (``review_id`` or a prefix).

        Raises:
            UnknownId, AmbiguousId: no single review matches.
            ReviewError: the review is not a completed retrospective.
        """
        review = completed_review(self.store, review_id, "retro")
        draft = RetroDraft.from_answers(
            review.get("answers"),
            team=review.get("team"),
            period=review["period"],
            facilitator=review.get("facilitator"),
        )
        made = written(review)
        items = self.store.find(
            "retro_items", keys=[key_for_period(review["period"])], review_id=review["id"]
        )
        if "items" in made:  # in the order they were written
            position = {rid: index for index, rid in enumerate(made["items"])}
            items.sort(key=lambda item: position.get(item["id"], len(position)))
        made_actions = [*made.get("carried", ()), *made.get("actions", ())]
        return retro_summary_markdown(
            review,
            draft,
            items,
            by_ids(self.store, "commitments", made.get("followed_up", ())),
            by_ids(self.store, "commitments", made_actions),
            self._previous(draft),
            self.store.all("goals"),
        )

    def write_summary(self, review_id: str, path: str | os.PathLike | None = None) -> Path:
        """Write the retrospective's Markdown summary to ``path`` atomically; returns the path.

        The default path is ``retro-<period>-<team>.md`` in the current directory.
        """
        review = completed_review(self.store, review_id, "retro")
        name = f"retro-{review['period']}-{file_safe(review.get('team'))}.md"
        return write_summary_file(self.summary_markdown(review["id"]), path, name)

    # -- choosing the week ------------------------------------------------------------

    def week_choices(self, draft: RetroDraft) -> list[tuple[str, str]]:
        """The weeks a retrospective may be held for, oldest first, each with a note:
        the :data:`CHOICE_WEEKS_BACK` weeks before this one, this week and the next,
        and the draft's own week if it is not among them. ``("2026-W49", "this week")``;
        a week whose retrospective of the team is complete says so."""
        this = _now(self)
        weeks = [shift_week(this, step) for step in range(-CHOICE_WEEKS_BACK, 2)]
        if is_valid_week(draft.period) and draft.period not in weeks:
            weeks = sorted([*weeks, draft.period])
        held = {r["period"] for r in self._completed(draft.team)}
        choices = []
        for week in weeks:
            notes = []
            if week == this:
                notes.append("this week")
            if week == draft.period:
                notes.append("this retrospective")
            if week in held:
                notes.append("a retrospective is complete")
            choices.append((week, ", ".join(notes)))
        return choices

    # -- for the dashboard and the history ---------------------------------------------

    def next_due(self, team: str | None = None) -> RetroDue:
        """When the team's next retrospective is due (every two weeks after the last)."""
        name = people.choose_team(self.ws, team)["name"]
        return retro_status.next_due(self.store, name, self.clock.today())

    def open_actions(self, team: str | None = None) -> list[OpenAction]:
        """The team's open retro actions with their age in days, oldest first."""
        name = people.choose_team(self.ws, team)["name"]
        return retro_status.open_retro_actions(self.store, name, self.clock.today())

    def _previous(self, draft: RetroDraft) -> dict | None:
        """The retrospective ``draft`` followed up (None for a first)."""
        rid = draft.previous_review_id
        return self.store.get("reviews", rid) if rid else None

    def _completed(self, team: str) -> list[dict]:
        """The team's completed retrospectives of the last year, whole (answers too)."""
        weeks = retro_status.history_weeks(self.clock.today())
        return self.store.find(
            "reviews", periods=weeks, ritual="retro", status="complete", team=team
        )


def _now(retros: Retros) -> str:
    """This week, for the retros' clock."""
    return week_of(retros.clock.today())
