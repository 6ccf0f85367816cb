"""Deterministic, realistic execution histories: ``stratui demo`` and the benchmarks.

:func:`generate_history` returns one document in the interchange format of
EXPORT-FORMAT.md (version 1): a team (two from eight people on), a goal cascade
(company -> team -> personal) with key-result check-ins, about five commitments per
person-week with believable outcomes and carry-over chains, roadblocks, adjustments,
weekly, team, retrospective and quarterly reviews, and retro cards. Every screen and every
figure of METRICS.md has something real-looking to show, for a newcomer as for a test.

Why deterministic: demo screenshots, snapshot tests and benchmark runs must see the same
data every time. All randomness comes from one ``random.Random(seed)``, ids included, and
every timestamp derives from ``today`` (no clock, no OS randomness), so the same arguments
give byte-identical JSON.

Pure module: no Textual, TinyDB or Rich. Ten years of a ten-person team (~26k
commitments, ~45k records) take about a second.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass

from stratui.domain.schema import (
    COLLECTIONS,
    RETRO_FORMATS,
    ValidationError,
    record_label,
    references,
    validate_record,
)
from stratui.domain.weeks import monday as monday_of
from stratui.domain.weeks import week_of

BENCHMARK_TODAY = dt.date(2026, 11, 22)
BENCHMARK_SEED = 7

_DAY = dt.timedelta(days=1)

# --- the cast and the catalogue ----------------------------------------------------------

# The catalogue is data: kept compact and aligned by hand, so the formatter leaves it be.
# fmt: off
_NAMES = (
    "ana", "ben", "chioma", "dmitri", "elena", "farid", "grace", "hiro", "ines", "jonas",
    "kemi", "lucas", "maya", "nikhil", "olga", "pablo", "qing", "rosa", "sami", "tomas",
    "uma", "viktor", "wen", "yusuf", "zara", "amir", "bea", "carlos", "dana", "emeka",
)
_SECOND_TEAMS = ("Payments", "Growth")
_OTHER_TEAMS = ("data", "security", "infra")

# (title, description, key result (name, unit, baseline, target)), one a year in turn.
_COMPANY_GOALS = (
    ("Be the platform customers never have to think about",
     "Reliability is what renewals cite first.", ("uptime", "%", 99.5, 99.95)),
    ("Double self-serve revenue",
     "Grow without growing the sales team.", ("self-serve ARR", "M EUR", 2.4, 4.8)),
    ("Customers see value on day one",
     "Most churn happens in the first week.", ("activation rate", "%", 38, 55)),
    ("Ship smaller, ship more often",
     "Small changes fail less and teach us more.", ("deploys per week", "deploys", 12, 30)),
)

# Per team (the first team takes the first pool): its services, then goal templates
# (title, key result or None, task titles where {svc} is one of the services).
_TEAM_POOLS = (
    (("gateway", "auth", "search", "scheduler", "notifications", "reports"), (
        ("Cut p95 API latency", ("p95 latency", "ms", 420, 250),
         ("Profile the slowest {svc} endpoints", "Add a read-through cache to {svc}",
          "Remove N+1 queries in {svc}", "Load-test {svc} at twice the peak",
          "Tune the {svc} connection pool")),
        ("Make deploys boring", ("deploy lead time", "min", 45, 15),
         ("Parallelise the CI test stage", "Canary deploys for {svc}",
          "Automate rollback for {svc}", "Cache Docker layers in CI")),
        ("Fewer pages at night", ("on-call pages", "pages/week", 14, 4),
         ("Fix the noisiest {svc} alert", "Write the {svc} failover runbook",
          "Tune alert thresholds for {svc}", "Postmortem for the {svc} outage")),
        ("Raise test coverage on core services", ("test coverage", "%", 58, 75),
         ("Integration tests for {svc}", "Fix flaky tests in {svc}",
          "Contract tests between {svc} and the gateway")),
        ("Move every service to Postgres 16", ("services migrated", "services", 0, 8),
         ("Migrate {svc} to Postgres 16", "Dry-run the {svc} database upgrade",
          "Verify {svc} backups restore")),
        ("Cut cloud spend", ("monthly cloud cost", "k EUR", 84, 65),
         ("Right-size {svc} instances", "Delete orphaned volumes",
          "Move {svc} batch jobs to spot instances")),
        ("Self-serve developer environments", None,
         ("One-command dev setup for {svc}", "Seed data script for {svc}",
          "Document the local {svc} stack")),
    )),
    (("checkout", "ledger", "billing-api", "webhooks", "invoicing", "payouts"), (
        ("Raise checkout conversion", ("checkout conversion", "%", 61.5, 66.0),
         ("A/B test the one-page checkout", "Trim the card form to four fields",
          "Add Apple Pay to {svc}")),
        ("Fewer failed payments", ("payment failure rate", "%", 4.2, 2.5),
         ("Retry soft declines in {svc}", "Add a 3DS fallback to {svc}",
          "Alert on PSP error spikes")),
        ("Refunds within a day", ("median refund time", "hours", 72, 24),
         ("Auto-approve refunds under 50 EUR", "Refund status page for support",
          "Refund webhooks from {svc}")),
        ("Launch invoicing for business customers",
         ("business accounts invoiced", "accounts", 0, 40),
         ("Invoice PDF generator", "EU VAT rules in {svc}", "Dunning emails for overdue invoices")),
        ("Pass the PCI audit", None,
         ("Rotate PSP API keys", "Document cardholder data flows",
          "Quarterly access review for {svc}")),
        ("Reconcile the ledger daily", ("unreconciled transactions", "tx/day", 230, 20),
         ("Match PSP payouts to the ledger", "Backfill missing settlement files",
          "Reconciliation report in {svc}")),
    )),
)

# (title, key result or None); a personal goal works on its parent team goal's tasks too.
_PERSONAL_GOALS = (
    ("Own {svc} performance",               ("{svc} p95", "ms", 380, 240)),
    ("Lead the {svc} migration",            ("{svc} tables migrated", "tables", 0, 12)),
    ("Become the go-to person for {svc}",   None),
    ("Ship {svc} v2 to beta",               ("{svc} beta users", "users", 0, 50)),
    ("Cut the {svc} error rate",            ("{svc} error rate", "%", 1.8, 0.5)),
    ("Bring the {svc} docs up to date",     ("{svc} docs pages reviewed", "pages", 0, 12)),
    ("Mentor the new joiner on {svc}",      None),
)
_PERSONAL_TASKS = ("Write up what I learned about {svc}", "Review the {svc} dashboards")

_UNLINKED_TASKS = (
    "Review the open pull requests", "Interview a backend candidate",
    "Onboarding buddy for {mate}", "Update the team wiki", "Prepare the sprint demo",
    "Help support with escalations", "Patch base images for the CVE",
    "Write the monthly ops report", "Pair with {mate} on a tricky bug",
    "Clean up stale feature flags", "Upgrade Python dependencies",
    "Answer the security questionnaire", "Triage the bug backlog",
)
_SLIP_NOTES = (
    "Blocked waiting on a review", "Underestimated: needs a design doc first",
    "Lost two days to an incident", "Deprioritised at the team review",
    "Waiting on another team", "Out sick for two days", "Scope grew once I started",
)

# kind -> ((title, resolution), ...); {svc} a service, {other} another team.
_ROADBLOCKS = {
    "dependency": (
        ("Waiting on the {other} team for the {svc} API change", "The {other} team shipped it"),
        ("{svc} release blocked on a shared library upgrade", "Library upgraded everywhere")),
    "resources": (
        ("Staging is out of capacity", "Added two nodes to staging"),
        ("Not enough reviewers for {svc} changes", "Second reviewer assigned for a month")),
    "decision": (
        ("No decision on {svc} data retention", "Legal chose 13 months"),
        ("Unclear whether {svc} v1 clients stay supported", "Product drops v1 at quarter end")),
    "skills": (
        ("Nobody left who knows the {svc} internals", "Pairing session with the former owner"),
        ("Need Terraform help for the {svc} module", "Sorted in platform office hours")),
    "external": (
        ("Vendor sandbox down for {svc} testing", "Vendor restored the sandbox"),
        ("Waiting on the customer's security review", "Customer signed off")),
    "priority": (
        ("Pulled into incident work all week", "Incident closed, back on plan"),
        ("Two goals compete for the same week", "The team review ranked them")),
    "other": (
        ("Laptop replacement delayed", "New laptop arrived"),
        ("Access to {svc} production logs pending", "Access granted")),
}
_ROADBLOCK_KINDS = tuple(_ROADBLOCKS)
_ROADBLOCK_WEIGHTS = (26, 12, 16, 8, 12, 18, 8)
_SEVERITIES = ("low", "medium", "high", "critical")
_SEVERITY_WEIGHTS = (30, 42, 21, 7)

# kind -> (description, rationale); {title} is the goal or commitment adjusted.
_ADJUSTMENTS = {
    "reprioritize": ("Move '{title}' ahead of new feature work", "It unblocks two other items"),
    "reallocate":   ("{mate} helps with '{title}' for two weeks", "Only one person knows it"),
    "rescope":      ("Cut '{title}' down to the essential part", "The full scope does not fit"),
    "reschedule":   ("Push '{title}' out by a week", "Waiting on another team"),
    "pivot":        ("Switch '{title}' to incremental fixes", "A rewrite is too risky now"),
    "drop":         ("Drop '{title}'", "No longer matters after the roadmap change"),
    "add":          ("Add '{title}'", "New commitment to a key customer"),
}
_ADJUSTMENT_KINDS = tuple(_ADJUSTMENTS)
_ADJUSTMENT_WEIGHTS = (25, 12, 20, 22, 6, 10, 5)

_WEEKLY_NOTES = {  # by pulse
    1: ("Rough week: most of it went to firefighting.", "Blocked most of the week."),
    2: ("Too many interrupts; protecting focus time next week.", "Overcommitted again."),
    3: ("Steady week, a few things slipped.", "Half the week in meetings, rest went fine."),
    4: ("Good week: shipped what I said I would.", "Good focus, one surprise."),
    5: ("Great week, finished early and helped with reviews.", "Everything landed."),
}
_TEAM_NOTES = (
    "Walked everyone's week; roadblocks assigned.",
    "Capacity is tight this week; no new work until the queue is clear.",
    "Good momentum on the quarter goals.", "Agreed to pair on the riskiest item.",
    "Two members on call; lighter commitments.",
)
_CHECKIN_NOTES = (
    "On track after the last release.", "Slower than hoped; dependency on another team.",
    "Big jump after the cache work.", "Flat this week.",
    "Measurement fixed, numbers are real now.",
)

_RETRO_CATEGORIES = {
    "start-stop-continue": ("start", "stop", "continue"),
    "4ls":                 ("liked", "learned", "lacked", "longed-for"),
    "mad-sad-glad":        ("mad", "sad", "glad"),
    "well-improve-ideas":  ("well", "improve", "ideas"),
}
# category -> ((topic, text), ...): cards on one topic in a retro are often grouped.
_CARDS = {
    "start": (("meetings", "Timeboxing standups to 15 minutes"),
              ("ci", "Fixing flaky tests the day they appear"),
              ("docs", "A short design note before big changes"),
              ("team", "Pairing on tricky reviews"),
              ("planning", "Splitting tickets smaller than two days"),
              ("oncall", "A proper on-call handover on Mondays")),
    "stop": (("meetings", "Meetings without an agenda"),
             ("planning", "Taking unplanned work without telling the team"),
             ("ci", "Merging with a red build"),
             ("oncall", "Paging for warnings nobody acts on"),
             ("releases", "Friday afternoon deploys")),
    "continue": (("team", "Demo Fridays"), ("docs", "Runbooks next to the code"),
                 ("releases", "Small, frequent releases"), ("oncall", "Blameless postmortems"),
                 ("planning", "Weekly commitments we actually review")),
    "liked": (("team", "How fast we swarmed on the outage"),
              ("releases", "The canary rollout worked first time"),
              ("docs", "The new onboarding guide"),
              ("planning", "Clear priorities from the team review")),
    "learned": (("ci", "Most flaky tests were timing assumptions"),
                ("oncall", "Our alerts miss slow degradation"),
                ("releases", "Feature flags make rollback trivial"),
                ("planning", "We underestimate migrations by about 2x")),
    "lacked": (("docs", "Docs for the billing edge cases"), ("team", "Time for code review"),
               ("oncall", "A second person who knows the ledger"),
               ("ci", "A staging environment that matches production")),
    "longed-for": (("meetings", "A meeting-free day"), ("ci", "Ten-minute builds"),
                   ("team", "A team offsite"), ("planning", "Fewer priority changes mid-week")),
    "mad": (("oncall", "Paged three nights in a row"),
            ("planning", "Scope changed after we committed"),
            ("ci", "Main was red for two days"),
            ("meetings", "Status meetings that could be a message")),
    "sad": (("team", "A great teammate moved to another team"),
            ("releases", "The launch slipped again"), ("docs", "Nobody reads the runbooks"),
            ("planning", "We dropped the goal we cared about")),
    "glad": (("team", "Great pairing sessions"), ("releases", "Zero-downtime migration"),
             ("oncall", "A quiet on-call week"), ("ci", "Builds are twice as fast")),
    "well": (("releases", "Zero-downtime deploy of the new gateway"),
             ("team", "Everyone helped clear the review queue"),
             ("planning", "Commitments met two weeks in a row"),
             ("oncall", "Incident handled in under an hour")),
    "improve": (("ci", "Flaky integration tests"), ("meetings", "Standups run long"),
                ("docs", "Outdated architecture diagrams"), ("oncall", "Alert noise at night")),
    "ideas": (("ci", "Quarantine flaky tests automatically"),
              ("meetings", "Async standup on Fridays"),
              ("docs", "A docs afternoon once a month"),
              ("team", "Rotate the retro facilitator")),
}
_GROUP_LABELS = {
    "ci": "CI", "oncall": "On-call", "meetings": "Meetings", "planning": "Planning",
    "docs": "Docs", "team": "Teamwork", "releases": "Releases",
}
_RETRO_ACTIONS = (
    "Timebox standups to 15 minutes", "Quarantine the five flakiest tests",
    "Write an on-call handover template", "Set up a review rota",
    "Add an agenda template for team meetings", "Document the ledger reconciliation steps",
    "No deploys after 3pm on Fridays", "Turn the noisiest alert into a ticket queue",
    "Book a docs afternoon", "Ask product for a mid-week priority freeze",
    "Pair new joiners on their first on-call",
)
_HEALTH_DIMENSIONS = ("pace", "fun", "teamwork", "codebase", "learning", "mission")
# fmt: on


@dataclass
class _Goal:
    """A goal record plus what the generator needs to make its history believable."""

    record: dict
    team: str | None  # the team whose reviews decide about it (None: company level)
    start: dt.date
    end: dt.date
    tasks: tuple[str, ...]
    metric: tuple[float, float, int] | None  # baseline, target, decimals
    reach: float  # share of the way to target the goal gets by its end
    drop_day: dt.date | None = None  # dropped at the team review of this day
    decided: str | None = None  # when its final status was recorded


def _names(count: int) -> list[str]:
    """``count`` distinct lowercase first names; past the list, ``ana2``, ``ben2``, ..."""
    size = len(_NAMES)
    return [_NAMES[i % size] + (str(i // size + 1) if i >= size else "") for i in range(count)]


def _round(value: float, decimals: int) -> float | int:
    return round(value) if decimals == 0 else round(value, decimals)


def _clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def _workday(day: dt.date) -> dt.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + (7 - day.weekday()) * _DAY if day.weekday() >= 5 else day


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - _DAY


class _History:
    """One generation run: the rng, the calendar, and the collections being filled."""

    def __init__(self, rng: random.Random, today: dt.date, people: int, weeks: int, team: str):
        self.rng = rng
        self.today = today
        self.small = people <= 4
        self.names = _names(people)
        half = (people + 1) // 2 if people >= 8 else people
        second = next(name for name in _SECOND_TEAMS if name != team)
        self.teams = [(team, self.names[:half])]
        if half < people:
            self.teams.append((second, self.names[half:]))
        self.members = dict(self.teams)
        self.team_of = {name: t for t, members in self.teams for name in members}
        self.pool_of = {t: _TEAM_POOLS[index % 2] for index, (t, _) in enumerate(self.teams)}
        self.lead = {t: members[0] for t, members in self.teams}
        monday = today - dt.timedelta(days=today.weekday())
        self.mondays = [monday - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
        self.week_ids = [week_of(day) for day in self.mondays]
        self.current = weeks - 1
        self.out: dict[str, list[dict]] = {name: [] for name in COLLECTIONS}
        self.ids: set[str] = set()
        # Reliability differs: the first person is strong, the second struggles (and is
        # overconfident), the rest sit in between.
        self.reliability, self.habit, self.bias = {}, {}, {}
        for index, name in enumerate(self.names):
            if index == 0:
                rel, habit, bias = 0.9, 0.97, 0
            elif index == 1:
                rel, habit, bias = 0.55, 0.72, 1
            else:
                rel, habit = rng.uniform(0.68, 0.84), rng.uniform(0.8, 0.95)
                bias = rng.choice((0, 0, 1, -1))
            self.reliability[name], self.habit[name], self.bias[name] = rel, habit, bias
        self.retro_load: dict[tuple[str, int], int] = {}
        self.retro_count = {t: 0 for t, _ in self.teams}
        self.last_retro: dict[str, list[tuple[dict, int]]] = {}
        self.retro_deck: list[str] = []
        self.chronic_owner = self.names[min(1, people - 1)]  # the one who struggles
        self.chronic: set[str] = set()  # ids of the planted chronic slip's chain
        self.company: dict[int, _Goal] = {}  # by year
        self.quarters: dict[tuple[int, int], tuple[dict, dict]] = {}  # team and personal goals
        self.drops: dict[int, list[_Goal]] = {}  # goals dropped at week i's team review

    # --- primitives ----------------------------------------------------------------------

    def new_id(self) -> str:
        while True:
            value = f"{self.rng.getrandbits(64):016x}"
            if value not in self.ids:
                self.ids.add(value)
                return value

    def stamp(self, day: dt.date, minute: int) -> str:
        return (
            f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}:{self.rng.randrange(60):02d}Z"
        )

    def at(self, day: dt.date, low: int, high: int) -> str:
        """A timestamp on ``day`` between minute ``low`` and ``high`` of the day (UTC)."""
        return self.stamp(day, self.rng.randrange(low, high))

    def add(
        self,
        collection: str,
        created: str,
        fields: Mapping[str, object],
        updated: str | None = None,
        rid: str | None = None,
    ) -> dict:
        record = {"id": rid or self.new_id()}
        record.update((key, value) for key, value in fields.items() if value is not None)
        record["created_at"] = created
        record["updated_at"] = updated or created
        self.out[collection].append(record)
        return record

    # --- people, teams, goals ------------------------------------------------------------

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
        base, goal = _round(base, decimals), _round(goal, decimals)
        if base == goal:
            goal = _round(base + span, decimals)
        record = {"name": name, "unit": unit, "baseline": base, "target": goal}
        return record, (base, goal, decimals)

    def outcome(self, end: dt.date) -> tuple[str, float]:
        rng = self.rng
        if end >= self.today:
            return "active", rng.uniform(0.55, 1.2)
        if rng.random() < 0.68:
            return "achieved", rng.uniform(0.95, 1.2)
        return "dropped", rng.uniform(0.15, 0.6)

    def goal(self, fields: dict, created: str, *, team, start, end, tasks, metric) -> _Goal:
        status, reach = self.outcome(end)
        spec = None
        if metric:
            fields["metric"], spec = self.metric(metric)
        fields.update(start=start.isoformat(), end=end.isoformat(), status=status)
        record = self.add("goals", created, fields)
        return _Goal(record, team, start, end, tasks, spec, reach)

    def plan_goals(self) -> None:
        """Company goals per year; team and personal goals per quarter, cascaded."""
        rng, first = self.rng, self.mondays[0]
        for year in range(first.year, self.today.year + 1):
            title, description, metric = _COMPANY_GOALS[year % len(_COMPANY_GOALS)]
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            created = self.at(start - dt.timedelta(days=4), 600, 660)
            fields = {"title": title, "description": description, "priority": 1}
            self.company[year] = self.goal(
                fields, created, team=None, start=start, end=end, tasks=(), metric=metric
            )
        order = {
            t: rng.sample(range(len(pool[1])), len(pool[1])) for t, pool in self.pool_of.items()
        }
        key, last = _quarter(first), _quarter(self.today)
        count = 0
        while key <= last:
            start, end = _quarter_bounds(*key)
            parent = self.company[key[0]]
            team_goals: dict[str, list[_Goal]] = {}
            personal: dict[str, _Goal] = {}
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
                    title, metric = rng.choice(_PERSONAL_GOALS)
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
                    tasks = above.tasks + tuple(t.format(svc=svc) for t in _PERSONAL_TASKS)
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

    def balance(self, ended: list[_Goal]) -> None:
        """Past quarters show both outcomes, however short the history."""
        for status, low, high in (("achieved", 0.95, 1.2), ("dropped", 0.15, 0.6)):
            if len(ended) > 1 and all(g.record["status"] != status for g in ended):
                goal = self.rng.choice(ended)
                goal.record["status"], goal.reach = status, self.rng.uniform(low, high)

    def plan_drop(self, goal: _Goal) -> None:
        """Half the dropped goals are dropped mid-quarter, at a team review."""
        if goal.record["status"] != "dropped" or self.rng.random() < 0.5:
            return
        span = (goal.end - goal.start).days
        earliest = goal.start + dt.timedelta(days=int(span * 0.4))
        weeks = [
            i
            for i, monday in enumerate(self.mondays[: self.current])
            if earliest <= monday + 3 * _DAY <= goal.end - dt.timedelta(days=7)
        ]
        if weeks:
            i = self.rng.choice(weeks)
            goal.drop_day = self.mondays[i] + 3 * _DAY
            self.drops.setdefault(i, []).append(goal)

    def goal_options(self, name: str, day: dt.date) -> list[_Goal]:
        """The goals ``name`` works toward on ``day``, their own goal weighted up."""
        team_goals, personal = self.quarters[_quarter(day)]
        live = [g for g in team_goals[self.team_of[name]] if not g.drop_day or g.drop_day > day]
        mine = personal.get(name)
        if mine and (not mine.drop_day or mine.drop_day > day):
            live += [mine, mine, mine]
        return live

    def checkins(self, goal: _Goal) -> None:
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
            day = self.mondays[i] + weekday * _DAY
            if i % every or day < goal.start or day > stop or rng.random() > chance:
                continue
            confidence += (aim - confidence) * 0.3 + rng.uniform(-0.7, 0.7)
            value = None
            if goal.metric:
                base, target, decimals = goal.metric
                share = goal.reach * (day - goal.start).days / length + rng.gauss(0, 0.05)
                value = max(0, base + (target - base) * share)
                value = _round(
                    min(value, 100) if goal.record["metric"]["unit"] == "%" else value, decimals
                )
            note = rng.choice(_CHECKIN_NOTES) if rng.random() < 0.3 else None
            record = self.add(
                "goal_checkins",
                self.at(day, 960, 1080),
                {
                    "goal_id": goal.record["id"],
                    "date": day.isoformat(),
                    "value": value,
                    "confidence": int(_clamp(round(confidence), 1, 5)),
                    "note": note,
                },
            )
            goal.record["updated_at"] = max(goal.record["updated_at"], record["created_at"])

    def all_goals(self) -> list[_Goal]:
        goals = list(self.company.values())
        for team_goals, personal in self.quarters.values():
            goals += [g for gs in team_goals.values() for g in gs] + list(personal.values())
        return goals

    # --- the weeks -----------------------------------------------------------------------

    def run_weeks(self) -> None:
        """Walk the weeks in order, as the team lived them."""
        carried: dict[str, list[tuple[dict, int]]] = {}
        previous: dict[str, dict | None] = {}
        quarterlies: dict[int, list[tuple[tuple[int, int], dt.date]]] = {}
        for key in self.quarters:
            end = _quarter_bounds(*key)[1]
            day = end - dt.timedelta(days=(end.weekday() - 4) % 7)  # its last Friday
            i = (day - self.mondays[0]).days // 7
            if end < self.today and day >= self.mondays[0]:
                quarterlies.setdefault(i, []).append((key, day))
        for i, monday in enumerate(self.mondays):
            goal_day = min(monday + 3 * _DAY, self.today)
            for t_index, (team, members) in enumerate(self.teams):
                week_items: list[list] = []
                for name in members:
                    items = self.commit_week(name, i, carried.pop(name, []), previous.get(name))
                    blocked = self.roadblock(name, i, items, goal_day)
                    if i < self.current:
                        previous[name], carried[name] = self.close_week(name, i, items, blocked)
                    else:
                        self.early_done(items, monday)
                    week_items += items
                self.team_review(team, members, i, week_items, goal_day)
                if (self.current - i) % 2 == 1:
                    self.retro(team, members, i, t_index)
            for key, day in quarterlies.get(i, ()):
                for team, members in self.teams:
                    self.quarterly(team, members, key, day)

    def p_done(self, name: str, slip: int) -> float:
        """Chance of finishing: the person's reliability, lower for work that already slipped."""
        value = self.reliability[name] - 0.15 * slip + self.rng.uniform(-0.1, 0.1)
        return _clamp(value, 0.05, 0.97)

    def confidence(self, name: str, p_done: float) -> int:
        guess = p_done + 0.15 * self.bias[name] + self.rng.gauss(0, 0.12)
        return int(_clamp(round(1 + 4 * guess), 1, 5))

    def commit_week(self, name: str, i: int, carried, review: dict | None) -> list[list]:
        """This week's commitments of ``name``: carried-over ones plus new ones."""
        rng, monday = self.rng, self.mondays[i]
        items = [[record, self.p_done(name, slip), slip] for record, slip in carried]
        target = rng.randint(3, 6) if self.small else rng.choice((4, 5, 5, 5, 6))
        count = max(1, target - len(items) - self.retro_load.pop((name, i), 0))
        options = self.goal_options(name, min(monday + 3 * _DAY, self.today))
        mates = [m for m in self.members[self.team_of[name]] if m != name] or [name]
        titles = {record["title"] for record, _, _ in items}
        for _ in range(count):
            goal = rng.choice(options) if options and rng.random() < 0.8 else None
            for _attempt in range(3):
                if goal:
                    title = rng.choice(goal.tasks)
                else:
                    title = rng.choice(_UNLINKED_TASKS).format(mate=rng.choice(mates))
                if title not in titles:
                    break
            titles.add(title)
            p = self.p_done(name, 0)
            if review and rng.random() < 0.35:
                source, review_id, created = "review", review["id"], review["completed_at"]
            else:
                source, review_id, created = "manual", None, self.at(monday, 510, 630)
            due = monday + rng.choice((1, 2, 3, 4, 4)) * _DAY if rng.random() < 0.6 else None
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
        raised = self.mondays[i] + rng.randint(0, 4) * _DAY
        if raised > self.today:
            return None
        kind = rng.choices(_ROADBLOCK_KINDS, _ROADBLOCK_WEIGHTS)[0]
        title, resolution = rng.choice(_ROADBLOCKS[kind])
        team = self.team_of[name]
        svc = rng.choice(self.pool_of[team][0])
        others = [t for t, _ in self.teams if t != team] + list(_OTHER_TEAMS)
        other = rng.choice(others)
        title, resolution = title.format(svc=svc, other=other), resolution.format(other=other)
        options = self.goal_options(name, day)
        commitment = rng.choice(items)[0] if rng.random() < 0.7 or not options else None
        goal = None if commitment else rng.choice(options)
        if rng.random() < 0.07:
            days = rng.randint(16, 45)
        else:
            days = min(15, 1 + int(rng.expovariate(1 / 3.5)))
        resolved = _workday(raised + days * _DAY)
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
                "severity": rng.choices(_SEVERITIES, _SEVERITY_WEIGHTS)[0],
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
        review_day = monday + (4 if rng.random() < 0.6 else 3) * _DAY
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
                day = monday + rng.randint(0, last) * _DAY
            else:
                roll = rng.random()
                status = "partial" if roll < 0.45 else "missed" if roll < 0.85 else "dropped"
                if record["id"] in self.chronic:
                    status = "partial"  # always nearly there, never done
                progress = {"partial": rng.randrange(30, 85, 5), "missed": 0}.get(status)
                note = rng.choice(_SLIP_NOTES) if rng.random() < 0.35 else None
                day = review_day if has_review else monday + rng.choice((4, 7)) * _DAY
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
        pulse = int(_clamp(round(1.2 + 3.5 * ratio + rng.uniform(-0.9, 0.9)), 1, 5))
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
                "notes": rng.choice(_WEEKLY_NOTES[pulse]),
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
                day = monday + rng.randint(0, min(elapsed, 4)) * _DAY
                record.update(status="done", progress=100, closed_on=day.isoformat())
                record["updated_at"] = max(record["created_at"], self.at(day, 660, 1080))

    def adjustment(self, kind, day, review_id, when, *, goal=None, commitment=None, mate=None):
        description, rationale = _ADJUSTMENTS[kind]
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

    def team_review(
        self, team: str, members: list[str], i: int, items: list[list], goal_day: dt.date
    ) -> None:
        """The manager's weekly walk through the team, with its course corrections."""
        rng, day = self.rng, self.mondays[i] + 3 * _DAY
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
                "pulse": int(_clamp(round(rng.gauss(3.6, 0.7)), 1, 5)),
                "notes": rng.choice(_TEAM_NOTES),
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
            kind = rng.choices(_ADJUSTMENT_KINDS, _ADJUSTMENT_WEIGHTS)[0]
            goals = [g for g in self.quarters[_quarter(goal_day)][0][team] if not g.drop_day]
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
        rng, day = self.rng, self.mondays[i] + 4 * _DAY
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
            category = rng.choice(_RETRO_CATEGORIES[fmt])
            topic, text = rng.choice(_CARDS[category])
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
                    "group": _GROUP_LABELS[topic] if topic in grouped else None,
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
            due = self.mondays[i + 1] + rng.randint(1, 4) * _DAY
            fields = {
                "title": rng.choice(_RETRO_ACTIONS),
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
            dims = rng.sample(_HEALTH_DIMENSIONS, rng.randint(3, 4))
            health = {dim: int(_clamp(round(rng.gauss(3.5, 0.9)), 1, 5)) for dim in dims}
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
                "pulse": int(_clamp(round(rng.gauss(3.5, 0.8)), 1, 5)),
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
        next_retro = monday + 11 * _DAY
        if not self.retro_deck:
            # Dealt from a shuffled deck rather than rolled, so that even a short demo
            # has actions done in time, done late and not done, in these proportions.
            fates = ["in time"] * 5 + ["late"] * 2 + ["missed"] * 2
            self.retro_deck = [*fates, rng.choice(("partial", "dropped"))]
            rng.shuffle(self.retro_deck)
        fate = self.retro_deck.pop()
        if fate == "in time":
            status, day = "done", _workday(monday + rng.randint(0, 9) * _DAY)
        elif fate == "late":
            status, day = "done", _workday(next_retro + rng.randint(1, 10) * _DAY)
        else:
            status, day = fate, next_retro
        if day > self.today:
            if i >= self.current:
                return  # still open this week
            day = monday + 7 * _DAY
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
                "pulse": int(_clamp(round(rng.gauss(3.5, 0.8)), 1, 5)),
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

    def finish_goals(self) -> None:
        """Each goal's updated_at: its last check-in or the decision on its final status."""
        for goal in self.all_goals():
            if goal.decided is None and goal.end < self.today:
                goal.decided = f"{goal.end.isoformat()}T17:00:00Z"
            if goal.decided:
                goal.record["updated_at"] = max(goal.record["updated_at"], goal.decided)

    def keep_one_roadblock_open(self) -> None:
        """A history always has an open roadblock to show: if none is, the latest stays open."""
        blocks = self.out["roadblocks"]
        if blocks and all(block.get("resolved_on") for block in blocks):
            latest = max(blocks, key=lambda block: (block["raised_on"], block["created_at"]))
            del latest["resolved_on"], latest["resolution"]
            latest["updated_at"] = latest["created_at"]

    def build(self) -> dict:
        self.people_and_teams()
        self.plan_goals()
        self.run_weeks()
        for goal in self.all_goals():
            self.checkins(goal)
        self.finish_goals()
        self.keep_one_roadblock_open()
        return {
            "format": "stratui",
            "version": 1,
            "exported_at": f"{self.today.isoformat()}T20:00:00Z",
            **self.out,
        }


def generate_history(
    *,
    people: int = 4,
    weeks: int = 16,
    today: dt.date,
    seed: int = 7,
    team: str = "Platform",
    validate: bool = False,
) -> dict:
    """A believable history of ``people`` over the ``weeks`` ISO weeks ending with ``today``'s.

    Returns an export document (EXPORT-FORMAT.md, version 1). Weeks before the current one
    are fully reviewed; the current week is mostly open and has no weekly review yet. The
    same arguments always give the same document. ``validate`` checks every record and
    reference before returning (slower; the tests do it anyway).
    """
    if people < 1:
        raise ValueError("people: expected at least 1")
    if weeks < 1:
        raise ValueError("weeks: expected at least 1")
    if not isinstance(team, str) or not team.strip():
        raise ValueError("team: expected a non-empty name")
    document = _History(random.Random(seed), today, people, weeks, team.strip()).build()
    if validate:
        check_document(document)
    return document


def history_years(
    years: int,
    *,
    people: int = 10,
    today: dt.date = BENCHMARK_TODAY,
    seed: int = BENCHMARK_SEED,
) -> dict:
    """``years`` of a ``people``-strong organisation (52 weeks a year): the benchmark data."""
    return generate_history(people=people, weeks=52 * years, today=today, seed=seed)


def check_document(document: Mapping) -> None:
    """Raise :class:`ValidationError` for the first invalid record or dangling reference."""
    ids = {
        name: {record["id"] for record in document[name] if isinstance(record, Mapping)}
        for name in COLLECTIONS
    }
    for name in COLLECTIONS:
        refs = references(name)
        for record in document[name]:
            validate_record(name, record)
            for field, target in refs.items():
                value = record.get(field)
                if value is not None and value not in ids[target]:
                    raise ValidationError(
                        field,
                        f"no {target} record has id {value!r}",
                        record=record_label(name, record),
                    )
