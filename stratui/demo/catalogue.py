"""The text catalogue of the generated histories: names, goal templates, card texts.

Pure data, no logic: the cast's first names, the company goals (one a year in turn), each
team's services and goal templates, personal goals, task titles, slip notes, roadblocks and
adjustments by kind (with their weights), review notes, retrospective cards and actions
(the formats' categories live in ``stratui.rituals.retro.formats``). The generator draws
from these with its seeded rng, so reordering or editing an entry changes every generated
history (and the benchmark data) downstream.
"""

# The catalogue is data: kept compact and aligned by hand, so the formatter leaves it be.
# fmt: off
NAMES = (
    "ana", "ben", "chioma", "dmitri", "elena", "farid", "grace", "hiro", "ines", "jonas",
    "kemi", "lucas", "maya", "nikhil", "olga", "pablo", "qing", "rosa", "sami", "tomas",
    "uma", "viktor", "wen", "yusuf", "zara", "amir", "bea", "carlos", "dana", "emeka",
)
SECOND_TEAMS = ("Payments", "Growth")
# More teams for an organisation of more than 16 people (teams of about ten).
MORE_TEAMS = ("Mobile", "Identity", "Billing", "Insights")
OTHER_TEAMS = ("data", "security", "infra")

# (title, description, key result (name, unit, baseline, target)), one a year in turn.
COMPANY_GOALS = (
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
TEAM_POOLS = (
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
PERSONAL_GOALS = (
    ("Own {svc} performance",               ("{svc} p95", "ms", 380, 240)),
    ("Lead the {svc} migration",            ("{svc} tables migrated", "tables", 0, 12)),
    ("Become the go-to person for {svc}",   None),
    ("Ship {svc} v2 to beta",               ("{svc} beta users", "users", 0, 50)),
    ("Cut the {svc} error rate",            ("{svc} error rate", "%", 1.8, 0.5)),
    ("Bring the {svc} docs up to date",     ("{svc} docs pages reviewed", "pages", 0, 12)),
    ("Mentor the new joiner on {svc}",      None),
)
PERSONAL_TASKS = ("Write up what I learned about {svc}", "Review the {svc} dashboards")

UNLINKED_TASKS = (
    "Review the open pull requests", "Interview a backend candidate",
    "Onboarding buddy for {mate}", "Update the team wiki", "Prepare the sprint demo",
    "Help support with escalations", "Patch base images for the CVE",
    "Write the monthly ops report", "Pair with {mate} on a tricky bug",
    "Clean up stale feature flags", "Upgrade Python dependencies",
    "Answer the security questionnaire", "Triage the bug backlog",
)
SLIP_NOTES = (
    "Blocked waiting on a review", "Underestimated: needs a design doc first",
    "Lost two days to an incident", "Deprioritised at the team review",
    "Waiting on another team", "Out sick for two days", "Scope grew once I started",
)

# kind -> ((title, resolution), ...); {svc} a service, {other} another team.
ROADBLOCKS = {
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
ROADBLOCK_KINDS = tuple(ROADBLOCKS)
ROADBLOCK_WEIGHTS = (26, 12, 16, 8, 12, 18, 8)
SEVERITIES = ("low", "medium", "high", "critical")
SEVERITY_WEIGHTS = (30, 42, 21, 7)

# kind -> (description, rationale); {title} is the goal or commitment adjusted.
ADJUSTMENTS = {
    "reprioritize": ("Move '{title}' ahead of new feature work", "It unblocks two other items"),
    "reallocate":   ("{mate} helps with '{title}' for two weeks", "Only one person knows it"),
    "rescope":      ("Cut '{title}' down to the essential part", "The full scope does not fit"),
    "reschedule":   ("Push '{title}' out by a week", "Waiting on another team"),
    "pivot":        ("Switch '{title}' to incremental fixes", "A rewrite is too risky now"),
    "drop":         ("Drop '{title}'", "No longer matters after the roadmap change"),
    "add":          ("Add '{title}'", "New commitment to a key customer"),
}
ADJUSTMENT_KINDS = tuple(ADJUSTMENTS)
ADJUSTMENT_WEIGHTS = (25, 12, 20, 22, 6, 10, 5)

WEEKLY_NOTES = {  # by pulse
    1: ("Rough week: most of it went to firefighting.", "Blocked most of the week."),
    2: ("Too many interrupts; protecting focus time next week.", "Overcommitted again."),
    3: ("Steady week, a few things slipped.", "Half the week in meetings, rest went fine."),
    4: ("Good week: shipped what I said I would.", "Good focus, one surprise."),
    5: ("Great week, finished early and helped with reviews.", "Everything landed."),
}
TEAM_NOTES = (
    "Walked everyone's week; roadblocks assigned.",
    "Capacity is tight this week; no new work until the queue is clear.",
    "Good momentum on the quarter goals.", "Agreed to pair on the riskiest item.",
    "Two members on call; lighter commitments.",
)
CHECKIN_NOTES = (
    "On track after the last release.", "Slower than hoped; dependency on another team.",
    "Big jump after the cache work.", "Flat this week.",
    "Measurement fixed, numbers are real now.",
)

# The categories of each retro format and the health dimensions: stratui.rituals.retro.formats.
# category -> ((topic, text), ...): cards on one topic in a retro are often grouped.
CARDS = {
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
GROUP_LABELS = {
    "ci": "CI", "oncall": "On-call", "meetings": "Meetings", "planning": "Planning",
    "docs": "Docs", "team": "Teamwork", "releases": "Releases",
}
RETRO_ACTIONS = (
    "Timebox standups to 15 minutes", "Quarantine the five flakiest tests",
    "Write an on-call handover template", "Set up a review rota",
    "Add an agenda template for team meetings", "Document the ledger reconciliation steps",
    "No deploys after 3pm on Fridays", "Turn the noisiest alert into a ticket queue",
    "Book a docs afternoon", "Ask product for a mid-week priority freeze",
    "Pair new joiners on their first on-call",
)
# fmt: on
