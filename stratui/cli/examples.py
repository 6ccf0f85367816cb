"""Real invocations of the main commands, shown under ``examples:`` in their ``--help``.

Each is parsed by the real parser in the tests (tests/cli/test_help_examples.py), so an
example cannot name an option that no longer exists. Plain data: importing it costs
nothing on ``log``'s path.
"""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": (
        "log 'Write the migration plan' --due fri --confidence 4",
        "review weekly",
        "due --quiet",
        "report --weeks 8 --style slack",
    ),
    "log": (
        "log 'Write the migration plan' --due fri --confidence 4",
        "log 'Pair with Ben on the flaky test' --week next --goal 3fa2",
        "log 'Rotate the keys' --owner ben --due +3d --json",
    ),
    "list": (
        "list",
        "list --week last --owner ana --status missed",
        "list --all --json",
    ),
    "done": (
        "done 9c41",
        "done 9c41 --note 'merged in #412' --json",
    ),
    "set": (
        "set 9c41 --status partial --progress 60",
        "set 9c41 --due 'next monday' --note 'waiting on review'",
        "set 9c41 --week next",
    ),
    "block": (
        "block 'Waiting on API keys' --kind dependency --severity high --on 9c41",
        "block 'Need a decision on pricing' --kind decision",
    ),
    "review": (
        "review weekly",
        "review team --team Platform",
        "review retro --team Platform --facilitate",
        "review quarterly --quarter 2026-Q4",
    ),
    "due": (
        "due",
        "due --quiet",
        "due --json",
    ),
    "away": (
        "away 2026-12-21..2027-01-03",
        "away",
        "away 2026-12-21..2027-01-03 --cancel",
    ),
    "import": (
        "import backup.json",
        "import --from taskwarrior tasks.json",
        "import --from jrnl jrnl.json",
        "import --from csv jira.csv --map 'title=Summary,due=Due,owner=Assignee,ref=Key'",
    ),
    "export": (
        "export --out backup.json",
        "export --format csv --collection roadblocks --out roadblocks.csv",
        "export --format md",
        "export --format ics --out stratui.ics",
    ),
    "report": (
        "report",
        "report --owner ana --weeks 8",
        "report --team Platform --format json",
        "report --style slack --post https://hooks.slack.com/services/T000/B000/XXXX",
    ),
    "summary": (
        "summary 3fa2c1",
        "summary 3fa2c1 --style slack --post https://hooks.slack.com/services/T000/B000/XXXX",
    ),
    "sync": (
        "sync setup",
        "sync",
    ),
    "serve": (
        "serve --team Platform",
        "serve --people ana,ben --port 8080",
        "serve --team Platform --host 0.0.0.0 --public-url https://stratui.example.com",
    ),
    "goal": (
        "goal add 'Cut p95 latency' --quarter 2026-Q4 --metric p95 --baseline 800 --target 300",
        "goal list --all",
        "goal checkin 7b1c --value 420 --confidence 3",
        "goal show 7b1c",
    ),
    "quarter": (
        "quarter",
        "quarter next --json",
        "quarter --fiscal-start april",
    ),
    "retro": (
        "retro card 'Deploys were calm this sprint' --team Platform",
        "retro cards --team Platform",
        "retro vote 5e1a --team Platform",
    ),
    "person": (
        "person add ben",
        "person me ana",
        "person rename ben 'Ben Ito'",
    ),
    "team": (
        "team add Platform --members ana,ben",
        "team list --json",
    ),
    "completion": (
        "completion bash",
        "completion zsh",
    ),
    "docs": (
        "docs metrics",
        "docs format --path",
    ),
}
"""Each command's examples, without the leading ``stratui`` (``""``: the main help)."""


def epilog(command: str) -> str | None:
    """The ``examples:`` block of ``command``'s help (None when it has none); the main
    help also points at the documents."""
    found = EXAMPLES.get(command)
    if not found:
        return None
    lines = ["examples:", *(f"  stratui {example}" for example in found)]
    if not command:
        lines += [
            "",
            "Every figure is defined in 'stratui docs metrics';",
            "the export format in 'stratui docs format'.",
        ]
    return "\n".join(lines)
