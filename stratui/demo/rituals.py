"""The team rituals: the team review, the retrospective and the quarterly review.

The team review walks the team's week and records course corrections (adjustments),
including goals dropped mid-quarter; the fortnightly retrospective leaves cards, groups,
votes, an occasional health check and actions that are later done in time, late or not
at all; the quarterly review settles the quarter's goals and looks at the next plan.
"""

from __future__ import annotations

import datetime as dt

from stratui.domain.schema import RETRO_FORMATS
from stratui.rituals.retro.formats import CATEGORIES as RETRO_CATEGORIES
from stratui.rituals.retro.formats import HEALTH_DIMENSIONS

from .catalogue import (
    ADJUSTMENT_KINDS,
    ADJUSTMENT_WEIGHTS,
    CARDS,
    GROUP_LABELS,
    RETRO_ACTIONS,
    TEAM_NOTES,
)
from .state import DAY, clamp, quarter_of, workday
from .weeks import WeekRun


class RitualRun(WeekRun):
    """A run that can hold the team's reviews and retrospectives."""

    def team_review(
        self, team: str, members: list[str], i: int, items: list[list], goal_day: dt.date
    ) -> None:
        """The manager's weekly walk through the team, with its course corrections."""
        rng, day = self.rng, self.mondays[i] + 3 * DAY
        if day > self.today:
            return
        start = rng.randrange(600, 630)
        started = self.stamp(day, start)
        completed = self.stamp(day, start + rng.randrange(30, 55))
        review = self.add(
            "reviews",
            started,
            {
                "ritual": "team",
                "period": self.week_ids[i],
                "team": team,
                "facilitator": self.lead[team],
                "participants": list(members),
                "status": "complete",
                "pulse": int(clamp(round(rng.gauss(3.6, 0.7)), 1, 5)),
                "notes": rng.choice(TEAM_NOTES),
                "started_at": started,
                "completed_at": completed,
            },
            completed,
        )
        for goal in self.drops.get(i, ()):
            if goal.team == team:
                self.adjustment("drop", day, review["id"], completed, goal=goal)
                goal.decided = completed
        if rng.random() < 0.3:
            kind = rng.choices(ADJUSTMENT_KINDS, ADJUSTMENT_WEIGHTS)[0]
            goals = [g for g in self.quarters[quarter_of(goal_day)][0][team] if not g.drop_day]
            mate = rng.choice(members)
            if goals and (rng.random() < 0.55 or not items):
                self.adjustment(
                    kind, day, review["id"], completed, goal=rng.choice(goals), mate=mate
                )
            elif items:
                target = rng.choice(items)[0]
                self.adjustment(kind, day, review["id"], completed, commitment=target, mate=mate)

    def retro(self, team: str, members: list[str], i: int, t_index: int) -> None:
        """A fortnightly retrospective: cards, groups, votes, follow-up, actions."""
        rng, day = self.rng, self.mondays[i] + 4 * DAY
        n = self.retro_count[team]
        self.retro_count[team] += 1
        fmt = RETRO_FORMATS[(n + t_index) % len(RETRO_FORMATS)]
        facilitator = members[n % len(members)]
        participants = list(members)
        if len(members) > 3 and rng.random() < 0.25:
            participants.remove(rng.choice([m for m in members if m != facilitator]))
        start = rng.randrange(840, 870)
        end = start + rng.randrange(45, 80)
        started, completed = self.stamp(day, start), self.stamp(day, end)
        review_id = self.new_id()
        cards = []
        for _ in range(rng.randint(5, 8) + len(participants) // 2):
            category = rng.choice(RETRO_CATEGORIES[fmt])
            topic, text = rng.choice(CARDS[category])
            author = None if rng.random() < 0.3 else rng.choice(participants)
            votes = rng.choice((0, 0, 0, 1, 1, 2, 3, 4, 5))
            cards.append([topic, category, text, author, votes])
        topics: dict[str, int] = {}
        for card in cards:
            topics[card[0]] = topics.get(card[0], 0) + 1
        grouped = {t for t, count in topics.items() if count >= 2 and rng.random() < 0.7}
        for topic, category, text, author, votes in cards:
            self.add(
                "retro_items",
                self.stamp(day, start + rng.randrange(5, 25)),
                {
                    "review_id": review_id,
                    "category": category,
                    "text": text,
                    "author": author,
                    "votes": votes,
                    "group": GROUP_LABELS[topic] if topic in grouped else None,
                },
                completed,
            )
        actions: list[tuple[dict, int]] = []
        for record, slip in self.last_retro.get(team, []):
            if (
                record["status"] in ("missed", "partial")
                and record.get("closed_on") == day.isoformat()
                and slip < 2
                and len(actions) < 2
                and rng.random() < 0.4
            ):
                actions.append((self.carry(record, i + 1, "retro", review_id, completed), slip + 1))
        for _ in range(max(0 if actions else 1, rng.randint(1, 3) - len(actions))):
            owner = rng.choice(participants)
            due = self.mondays[i + 1] + rng.randint(1, 4) * DAY
            fields = {
                "title": rng.choice(RETRO_ACTIONS),
                "owner": owner,
                "week": self.week_ids[i + 1],
                "due": due.isoformat(),
                "confidence": rng.randint(3, 5) if rng.random() < 0.6 else None,
                "status": "open",
                "source": "retro",
                "review_id": review_id,
            }
            actions.append((self.add("commitments", completed, fields), 0))
        for record, _slip in actions:
            self.retro_outcome(record, i + 1)
            key = (record["owner"], i + 1)
            self.retro_load[key] = self.retro_load.get(key, 0) + 1
        self.last_retro[team] = actions
        top = max(cards, key=lambda card: card[4])
        health = None
        if n % 2 == 0:  # a health check every other retro
            dims = rng.sample(HEALTH_DIMENSIONS, rng.randint(3, 4))
            health = {dim: int(clamp(round(rng.gauss(3.5, 0.9)), 1, 5)) for dim in dims}
        self.add(
            "reviews",
            started,
            {
                "ritual": "retro",
                "period": self.week_ids[i],
                "team": team,
                "facilitator": facilitator,
                "participants": participants,
                "status": "complete",
                "pulse": int(clamp(round(rng.gauss(3.5, 0.8)), 1, 5)),
                "format": fmt,
                "health": health,
                "notes": f"Top card: {top[2]}. Actions agreed: {len(actions)}.",
                "started_at": started,
                "completed_at": completed,
            },
            completed,
            review_id,
        )

    def retro_outcome(self, record: dict, i: int) -> None:
        """Actions get done in time, late (after the next retro), or not at all."""
        rng, monday = self.rng, self.mondays[i]
        next_retro = monday + 11 * DAY
        if not self.retro_deck:
            # Dealt from a shuffled deck rather than rolled, so that even a short demo
            # has actions done in time, done late and not done, in these proportions.
            fates = ["in time"] * 5 + ["late"] * 2 + ["missed"] * 2
            self.retro_deck = [*fates, rng.choice(("partial", "dropped"))]
            rng.shuffle(self.retro_deck)
        fate = self.retro_deck.pop()
        if fate == "in time":
            status, day = "done", workday(monday + rng.randint(0, 9) * DAY)
        elif fate == "late":
            status, day = "done", workday(next_retro + rng.randint(1, 10) * DAY)
        else:
            status, day = fate, next_retro
        if day > self.today:
            if i >= self.current:
                return  # still open this week
            day = monday + 7 * DAY
        record["status"] = status
        progress = {"done": 100, "missed": 0}.get(status)
        if status == "partial":
            progress = rng.randrange(20, 65, 5)
        if progress is not None:
            record["progress"] = progress
        record["closed_on"] = day.isoformat()
        record["updated_at"] = self.at(day, 660, 1080)

    def quarterly(self, team: str, members: list[str], key: tuple[int, int], day: dt.date):
        """The quarter's strategy review: final statuses and the next quarter's plan."""
        rng = self.rng
        team_goals, personal = self.quarters[key]
        goals = team_goals[team] + [personal[m] for m in members if m in personal]
        start = rng.randrange(780, 810)
        started, completed = self.stamp(day, start), self.stamp(day, start + rng.randrange(60, 100))
        achieved = sum(1 for g in goals if g.record["status"] == "achieved")
        period = f"{key[0]}-Q{key[1]}"
        review = self.add(
            "reviews",
            started,
            {
                "ritual": "quarterly",
                "period": period,
                "team": team,
                "facilitator": self.lead[team],
                "participants": list(members),
                "status": "complete",
                "pulse": int(clamp(round(rng.gauss(3.5, 0.8)), 1, 5)),
                "notes": f"{period}: {achieved} of {len(goals)} goals achieved.",
                "started_at": started,
                "completed_at": completed,
            },
            completed,
        )
        for goal in goals:
            if goal.decided is None:
                goal.decided = completed
                if goal.record["status"] == "dropped" and goal.record.get("team"):
                    self.adjustment("drop", day, review["id"], completed, goal=goal)
        upcoming = (key[0] + 1, 1) if key[1] == 4 else (key[0], key[1] + 1)
        if upcoming in self.quarters and rng.random() < 0.5:
            goal = rng.choice(self.quarters[upcoming][0][team])
            self.adjustment("add", day, review["id"], completed, goal=goal)
