"""Each person's week: commitments, roadblocks, the weekly review, carry-overs, adjustments.

A person commits to about five things a week, mostly toward their live goals; finishing
depends on their reliability and on how often the work already slipped. Past weeks are
closed, usually in a weekly review that carries some slips into the next week (the
overconfident carry more), and one chronic slip is planted for the trend screens to find.
"""

from __future__ import annotations

import datetime as dt

from stratui.domain.weeks import monday as monday_of

from .catalogue import (
    ADJUSTMENTS,
    OTHER_TEAMS,
    ROADBLOCK_KINDS,
    ROADBLOCK_WEIGHTS,
    ROADBLOCKS,
    SEVERITIES,
    SEVERITY_WEIGHTS,
    SLIP_NOTES,
    UNLINKED_TASKS,
    WEEKLY_NOTES,
)
from .goal_cascade import GoalRun
from .state import DAY, clamp, workday


class WeekRun(GoalRun):
    """A run that can live one person's week, from commitments to the weekly review."""

    def p_done(self, name: str, slip: int) -> float:
        """Chance of finishing: the person's reliability, lower for work that already slipped."""
        value = self.reliability[name] - 0.15 * slip + self.rng.uniform(-0.1, 0.1)
        return clamp(value, 0.05, 0.97)

    def confidence(self, name: str, p_done: float) -> int:
        guess = p_done + 0.15 * self.bias[name] + self.rng.gauss(0, 0.12)
        return int(clamp(round(1 + 4 * guess), 1, 5))

    def commit_week(self, name: str, i: int, carried, review: dict | None) -> list[list]:
        """This week's commitments of ``name``: carried-over ones plus new ones."""
        rng, monday = self.rng, self.mondays[i]
        items = [[record, self.p_done(name, slip), slip] for record, slip in carried]
        target = rng.randint(3, 6) if self.small else rng.choice((4, 5, 5, 5, 6))
        count = max(1, target - len(items) - self.retro_load.pop((name, i), 0))
        options = self.goal_options(name, min(monday + 3 * DAY, self.today))
        mates = [m for m in self.members[self.team_of[name]] if m != name] or [name]
        titles = {record["title"] for record, _, _ in items}
        for _ in range(count):
            goal = rng.choice(options) if options and rng.random() < 0.8 else None
            for _attempt in range(3):
                if goal:
                    title = rng.choice(goal.tasks)
                else:
                    title = rng.choice(UNLINKED_TASKS).format(mate=rng.choice(mates))
                if title not in titles:
                    break
            titles.add(title)
            p = self.p_done(name, 0)
            if review and rng.random() < 0.35:
                source, review_id, created = "review", review["id"], review["completed_at"]
            else:
                source, review_id, created = "manual", None, self.at(monday, 510, 630)
            due = monday + rng.choice((1, 2, 3, 4, 4)) * DAY if rng.random() < 0.6 else None
            record = self.add(
                "commitments",
                created,
                {
                    "title": title,
                    "owner": name,
                    "week": self.week_ids[i],
                    "goal_id": goal.record["id"] if goal else None,
                    "due": due.isoformat() if due else None,
                    "confidence": self.confidence(name, p) if rng.random() < 0.85 else None,
                    "status": "open",
                    "source": source,
                    "review_id": review_id,
                },
            )
            items.append([record, p, 0])
        if name == self.chronic_owner and i == self.current - 2:
            # Plant one chronic slip: carried twice, it sits open in the current week.
            self.chronic.add(items[-1][0]["id"])
        return items

    def roadblock(self, name: str, i: int, items: list[list], day: dt.date) -> str | None:
        """About one roadblock per person every two to three weeks; returns what it blocks."""
        rng = self.rng
        if rng.random() >= 0.4:
            return None
        raised = self.mondays[i] + rng.randint(0, 4) * DAY
        if raised > self.today:
            return None
        kind = rng.choices(ROADBLOCK_KINDS, ROADBLOCK_WEIGHTS)[0]
        title, resolution = rng.choice(ROADBLOCKS[kind])
        team = self.team_of[name]
        svc = rng.choice(self.pool_of[team][0])
        others = [t for t, _ in self.teams if t != team] + list(OTHER_TEAMS)
        other = rng.choice(others)
        title, resolution = title.format(svc=svc, other=other), resolution.format(other=other)
        options = self.goal_options(name, day)
        commitment = rng.choice(items)[0] if rng.random() < 0.7 or not options else None
        goal = None if commitment else rng.choice(options)
        if rng.random() < 0.07:
            days = rng.randint(16, 45)
        else:
            days = min(15, 1 + int(rng.expovariate(1 / 3.5)))
        resolved = workday(raised + days * DAY)
        if resolved > self.today or (i >= self.current - 5 and rng.random() < 0.2):
            resolved = None
        # Who removes it: the lead for decisions, priorities and people, else the person.
        escalated = kind in ("decision", "priority", "resources") and rng.random() < 0.6
        created = self.at(raised, 540, 1020)
        self.add(
            "roadblocks",
            created,
            {
                "title": title,
                "kind": kind,
                "severity": rng.choices(SEVERITIES, SEVERITY_WEIGHTS)[0],
                "owner": self.lead[team] if escalated else name,
                "commitment_id": commitment["id"] if commitment else None,
                "goal_id": goal.record["id"] if goal else None,
                "raised_on": raised.isoformat(),
                "resolved_on": resolved.isoformat() if resolved else None,
                "resolution": resolution if resolved else None,
            },
            self.at(resolved, 600, 1080) if resolved else None,
        )
        return commitment["id"] if commitment else None

    def close_week(self, name: str, i: int, items: list[list], blocked: str | None):
        """Record the outcomes of a past week, usually in a weekly review that carries slips."""
        rng, monday = self.rng, self.mondays[i]
        chronic = any(record["id"] in self.chronic for record, _, _ in items)
        forced = chronic or (name == self.names[0] and i >= self.current - 4)
        has_review = forced or rng.random() < self.habit[name]
        review_day = monday + (4 if rng.random() < 0.6 else 3) * DAY
        start = rng.randrange(900, 1040)
        started = self.stamp(review_day, start)
        completed = self.stamp(review_day, start + rng.randrange(8, 30))
        review_id = self.new_id() if has_review else None
        done = reviewed = 0
        for record, p, _slip in items:
            if record["source"] == "retro":
                continue
            if record["id"] == blocked:
                p -= 0.25
            reviewed += 1
            if rng.random() < p and record["id"] not in self.chronic:
                done += 1
                status, progress, note = "done", 100, None
                last = (review_day - monday).days if has_review else 4
                day = monday + rng.randint(0, last) * DAY
            else:
                roll = rng.random()
                status = "partial" if roll < 0.45 else "missed" if roll < 0.85 else "dropped"
                if record["id"] in self.chronic:
                    status = "partial"  # always nearly there, never done
                progress = {"partial": rng.randrange(30, 85, 5), "missed": 0}.get(status)
                note = rng.choice(SLIP_NOTES) if rng.random() < 0.35 else None
                day = review_day if has_review else monday + rng.choice((4, 7)) * DAY
            record["status"] = status
            if progress is not None:
                record["progress"] = progress
            if note:
                record["notes"] = note
            record["closed_on"] = day.isoformat()
            on_review = has_review and day == review_day
            record["updated_at"] = completed if on_review else self.at(day, 660, 1080)
        if not has_review:
            return None, []
        ratio = done / reviewed if reviewed else 0.5
        pulse = int(clamp(round(1.2 + 3.5 * ratio + rng.uniform(-0.9, 0.9)), 1, 5))
        review = self.add(
            "reviews",
            started,
            {
                "ritual": "weekly",
                "period": self.week_ids[i],
                "owner": name,
                "team": self.team_of[name],
                "participants": [name],
                "status": "complete",
                "pulse": pulse,
                "notes": rng.choice(WEEKLY_NOTES[pulse]),
                "started_at": started,
                "completed_at": completed,
            },
            completed,
            review_id,
        )
        carried = []
        for record, _p, slip in items:
            status = record["status"]
            if record["source"] == "retro" or status not in ("partial", "missed") or slip >= 3:
                continue
            # The overconfident keep pushing the same work forward.
            chance = (0.6 if status == "partial" else 0.45) + (0.15 if self.bias[name] > 0 else 0)
            if rng.random() < chance or record["id"] in self.chronic:
                again = self.carry(record, i + 1, "review", review_id, completed)
                if record["id"] in self.chronic:
                    self.chronic.add(again["id"])
                carried.append((again, slip + 1))
        unfinished = [record for record, _, _ in items if record["status"] != "done"]
        if unfinished and rng.random() < 0.1:
            kind = rng.choice(("reprioritize", "rescope", "reschedule", "drop"))
            target = rng.choice(unfinished)
            self.adjustment(kind, review_day, review_id, completed, commitment=target)
        return review, carried

    def carry(self, record: dict, i: int, source: str, review_id: str, when: str) -> dict:
        """A new open commitment in week ``i`` that points back to ``record``."""
        due = record.get("due")
        shift = self.mondays[i] - monday_of(record["week"])  # same weekday, new week
        confidence = record.get("confidence")
        if confidence and confidence > 1 and self.rng.random() < 0.5:
            confidence -= 1  # slipped once: a little less sure this time
        fields = {
            "title": record["title"],
            "owner": record["owner"],
            "week": self.week_ids[i],
            "goal_id": record.get("goal_id"),
            "due": (dt.date.fromisoformat(due) + shift).isoformat() if due else None,
            "confidence": confidence,
            "status": "open",
            "carried_from": record["id"],
            "source": source,
            "review_id": review_id,
        }
        return self.add("commitments", when, fields)

    def early_done(self, items: list[list], monday: dt.date) -> None:
        """In the current week a few commitments are already done; most stay open."""
        rng = self.rng
        elapsed = (self.today - monday).days
        room = (len(items) - 1) // 2  # fewer than half, whatever the day
        for record, p, _slip in items:
            if record["status"] != "open" or record["id"] in self.chronic:
                continue
            if room and rng.random() < p * elapsed / 7 * 0.5:
                room -= 1
                day = monday + rng.randint(0, min(elapsed, 4)) * DAY
                record.update(status="done", progress=100, closed_on=day.isoformat())
                record["updated_at"] = max(record["created_at"], self.at(day, 660, 1080))

    def adjustment(self, kind, day, review_id, when, *, goal=None, commitment=None, mate=None):
        description, rationale = ADJUSTMENTS[kind]
        title = (goal.record if goal else commitment)["title"]
        self.add(
            "adjustments",
            when,
            {
                "kind": kind,
                "description": description.format(title=title, mate=mate or "a teammate"),
                "rationale": rationale,
                "goal_id": goal.record["id"] if goal else None,
                "commitment_id": commitment["id"] if commitment else None,
                "review_id": review_id,
                "decided_on": day.isoformat(),
            },
        )

    def keep_one_roadblock_open(self) -> None:
        """A history always has an open roadblock to show: if none is, the latest stays open."""
        blocks = self.out["roadblocks"]
        if blocks and all(block.get("resolved_on") for block in blocks):
            latest = max(blocks, key=lambda block: (block["raised_on"], block["created_at"]))
            del latest["resolved_on"], latest["resolution"]
            latest["updated_at"] = latest["created_at"]
