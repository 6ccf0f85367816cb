"""People, teams and the goal cascade with its key-result check-ins.

Company goals come one a year; each quarter every team picks one or two goal templates and
most people add a personal goal under one of them. Each goal's outcome (achieved, dropped,
or still active) is decided up front, so that its check-ins can drift toward it believably
and the weekly steps (:mod:`.weeks`, :mod:`.rituals`) know which goals are still live.
"""

from __future__ import annotations

import datetime as dt

from .catalogue import CHECKIN_NOTES, COMPANY_GOALS, PERSONAL_GOALS, PERSONAL_TASKS
from .state import DAY, Goal, Run, clamp, quarter_bounds, quarter_of, rounded


class GoalRun(Run):
    """A run that can cast the team and plan, follow and settle its goals."""

    def people_and_teams(self) -> None:
        day = self.mondays[0] - dt.timedelta(days=7)
        for team, members in self.teams:
            self.add("teams", self.at(day, 540, 560), {"name": team, "members": list(members)})
        for name in self.names:
            self.add(
                "people", self.at(day, 560, 600), {"name": name, "teams": [self.team_of[name]]}
            )

    def metric(self, spec: tuple) -> tuple[dict, tuple[float, float, int]]:
        """A key result near the template's numbers: each quarter's plan differs a little."""
        name, unit, baseline, target = spec
        span = target - baseline
        whole = isinstance(baseline, int) and isinstance(target, int)
        decimals = 0 if whole or abs(span) >= 20 else 1 if abs(span) >= 1 else 2
        rng = self.rng
        base = baseline + (span * rng.uniform(-0.15, 0.15) if baseline else 0)
        goal = base + span * rng.uniform(0.85, 1.15)
        if unit == "%":
            goal = min(goal, 99.99)
        base, goal = rounded(base, decimals), rounded(goal, decimals)
        if base == goal:
            goal = rounded(base + span, decimals)
        record = {"name": name, "unit": unit, "baseline": base, "target": goal}
        return record, (base, goal, decimals)

    def outcome(self, end: dt.date) -> tuple[str, float]:
        rng = self.rng
        if end >= self.today:
            return "active", rng.uniform(0.55, 1.2)
        if rng.random() < 0.68:
            return "achieved", rng.uniform(0.95, 1.2)
        return "dropped", rng.uniform(0.15, 0.6)

    def goal(self, fields: dict, created: str, *, team, start, end, tasks, metric) -> Goal:
        status, reach = self.outcome(end)
        spec = None
        if metric:
            fields["metric"], spec = self.metric(metric)
        fields.update(start=start.isoformat(), end=end.isoformat(), status=status)
        record = self.add("goals", created, fields)
        return Goal(record, team, start, end, tasks, spec, reach)

    def plan_goals(self) -> None:
        """Company goals per year; team and personal goals per quarter, cascaded."""
        rng, first = self.rng, self.mondays[0]
        for year in range(first.year, self.today.year + 1):
            title, description, metric = COMPANY_GOALS[year % len(COMPANY_GOALS)]
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            created = self.at(start - dt.timedelta(days=4), 600, 660)
            fields = {"title": title, "description": description, "priority": 1}
            self.company[year] = self.goal(
                fields, created, team=None, start=start, end=end, tasks=(), metric=metric
            )
        order = {
            t: rng.sample(range(len(pool[1])), len(pool[1])) for t, pool in self.pool_of.items()
        }
        key, last = quarter_of(first), quarter_of(self.today)
        count = 0
        while key <= last:
            start, end = quarter_bounds(*key)
            parent = self.company[key[0]]
            team_goals: dict[str, list[Goal]] = {}
            personal: dict[str, Goal] = {}
            for team, members in self.teams:
                services, templates = self.pool_of[team]
                picks = []
                for n in range(1 if rng.random() < 0.4 else 2):
                    title, metric, tasks = templates[order[team][(2 * count + n) % len(templates)]]
                    svc = rng.choice(services)
                    fields = {
                        "title": title,
                        "owner": self.lead[team],
                        "team": team,
                        "parent_id": parent.record["id"],
                        "priority": rng.randint(1, 3),
                    }
                    created = self.at(start - dt.timedelta(days=4), 600, 720)
                    formatted = tuple(task.format(svc=svc) for task in tasks)
                    picks.append(
                        self.goal(
                            fields,
                            created,
                            team=team,
                            start=start,
                            end=end,
                            tasks=formatted,
                            metric=metric,
                        )
                    )
                team_goals[team] = picks
                for name in members:
                    if rng.random() >= 0.85:
                        continue
                    above = rng.choice(picks)
                    title, metric = rng.choice(PERSONAL_GOALS)
                    svc = rng.choice(services)
                    if metric:
                        metric = (metric[0].format(svc=svc), *metric[1:])
                    fields = {
                        "title": title.format(svc=svc),
                        "owner": name,
                        "parent_id": above.record["id"],
                        "priority": rng.randint(2, 5),
                    }
                    made = min(start + dt.timedelta(days=rng.randint(0, 6)), self.today)
                    tasks = above.tasks + tuple(t.format(svc=svc) for t in PERSONAL_TASKS)
                    personal[name] = self.goal(
                        fields,
                        self.at(made, 600, 720),
                        team=team,
                        start=start,
                        end=end,
                        tasks=tasks,
                        metric=metric,
                    )
            self.quarters[key] = (team_goals, personal)
            key = (key[0] + 1, 1) if key[1] == 4 else (key[0], key[1] + 1)
            count += 1
        ended = [g for g in self.all_goals() if g.team and g.end < self.today]
        self.balance(ended)
        for goal in ended:
            self.plan_drop(goal)

    def balance(self, ended: list[Goal]) -> None:
        """Past quarters show both outcomes, however short the history."""
        for status, low, high in (("achieved", 0.95, 1.2), ("dropped", 0.15, 0.6)):
            if len(ended) > 1 and all(g.record["status"] != status for g in ended):
                goal = self.rng.choice(ended)
                goal.record["status"], goal.reach = status, self.rng.uniform(low, high)

    def plan_drop(self, goal: Goal) -> None:
        """Half the dropped goals are dropped mid-quarter, at a team review."""
        if goal.record["status"] != "dropped" or self.rng.random() < 0.5:
            return
        span = (goal.end - goal.start).days
        earliest = goal.start + dt.timedelta(days=int(span * 0.4))
        weeks = [
            i
            for i, monday in enumerate(self.mondays[: self.current])
            if earliest <= monday + 3 * DAY <= goal.end - dt.timedelta(days=7)
        ]
        if weeks:
            i = self.rng.choice(weeks)
            goal.drop_day = self.mondays[i] + 3 * DAY
            self.drops.setdefault(i, []).append(goal)

    def goal_options(self, name: str, day: dt.date) -> list[Goal]:
        """The goals ``name`` works toward on ``day``, their own goal weighted up."""
        team_goals, personal = self.quarters[quarter_of(day)]
        live = [g for g in team_goals[self.team_of[name]] if not g.drop_day or g.drop_day > day]
        mine = personal.get(name)
        if mine and (not mine.drop_day or mine.drop_day > day):
            live += [mine, mine, mine]
        return live

    def checkins(self, goal: Goal) -> None:
        """Weekly-ish readings moving toward target with noise; confidence drifts."""
        rng = self.rng
        stop = min(goal.end, goal.drop_day or goal.end, self.today)
        every, chance, weekday = (4, 1.0, 3) if goal.team is None else (1, 0.8, 4)
        if goal.record.get("team"):
            chance, weekday = 0.85, 3
        length = max(1, (goal.end - goal.start).days)
        confidence = float(rng.choice((3, 4)))
        aim = 4.6 if goal.reach >= 1 else 3.4 if goal.reach >= 0.8 else 2.0
        first = max(0, (goal.start - self.mondays[0]).days // 7)
        last = min(self.current, (stop - self.mondays[0]).days // 7)
        for i in range(first, last + 1):
            day = self.mondays[i] + weekday * DAY
            if i % every or day < goal.start or day > stop or rng.random() > chance:
                continue
            confidence += (aim - confidence) * 0.3 + rng.uniform(-0.7, 0.7)
            value = None
            if goal.metric:
                base, target, decimals = goal.metric
                share = goal.reach * (day - goal.start).days / length + rng.gauss(0, 0.05)
                value = max(0, base + (target - base) * share)
                value = rounded(
                    min(value, 100) if goal.record["metric"]["unit"] == "%" else value, decimals
                )
            note = rng.choice(CHECKIN_NOTES) if rng.random() < 0.3 else None
            record = self.add(
                "goal_checkins",
                self.at(day, 960, 1080),
                {
                    "goal_id": goal.record["id"],
                    "date": day.isoformat(),
                    "value": value,
                    "confidence": int(clamp(round(confidence), 1, 5)),
                    "note": note,
                },
            )
            goal.record["updated_at"] = max(goal.record["updated_at"], record["created_at"])

    def all_goals(self) -> list[Goal]:
        goals = list(self.company.values())
        for team_goals, personal in self.quarters.values():
            goals += [g for gs in team_goals.values() for g in gs] + list(personal.values())
        return goals

    def finish_goals(self) -> None:
        """Each goal's updated_at: its last check-in or the decision on its final status."""
        for goal in self.all_goals():
            if goal.decided is None and goal.end < self.today:
                goal.decided = f"{goal.end.isoformat()}T17:00:00Z"
            if goal.decided:
                goal.record["updated_at"] = max(goal.record["updated_at"], goal.decided)
