"""Hostile invocations of the command line and hostile import documents, as strategies.

Shared by ``tests/cli/test_fuzz.py`` (a few hundred cases, every CI run) and
``python -m benchmarks.fuzz`` (tens of thousands). Every value is built from parts that
have broken stratui before, or sit at an edge: control characters, bytes that are not
UTF-8 (the surrogate escapes a shell's argument becomes) and lone surrogates, dates and
weeks at and past the ends of the calendar and of the supported years, numbers too big
or not numbers at all, titles that start with ``-``, values nested hundreds deep.

The ids the invocations name are those of ``tests/cli/_support.py``'s seed document
and of ``tests/_far_dates.py``'s records (and prefixes of them), so that ``done`` and
``set`` reach real records.
"""

from __future__ import annotations

import copy
import json

from hypothesis import strategies as st

# -- the parts ------------------------------------------------------------------------------

CONTROL = [chr(c) for c in (*range(32), 0x7F, 0x85, 0x2028, 0x202E, 0xFEFF)]
SURROGATE_ESCAPES = [chr(c) for c in (0xDC80, 0xDCC3, 0xDCFE, 0xDCFF)]  # bytes 80 C3 FE FF
LONE_SURROGATES = ["\ud800", "\udbff", "\udfff"]
PUNCTUATION = ["-", "—", "=", " ", "[", "]", "\\", "'", '"']
ODD = [*CONTROL, *SURROGATE_ESCAPES, *LONE_SURROGATES, *PUNCTUATION]

DATES = [
    "today", "tomorrow", "yesterday", "fri", "next monday", "eow", "eom", "eoy",
    "+3d", "-1d", "+2w", "+1m", "+1y", "dec 4", "feb 29", "29 feb 2027", "dec 4 0001",
    "1900-01-01", "1899-12-31", "2999-12-31", "3000-01-01", "0001-01-01", "9999-12-31",
    "2026-02-30", "2026-12-04", "+999999w", "-999999d", "+1000y", "-2000y", "+99999m",
    "999999d", "",
]  # fmt: skip
WEEKS = [
    "this", "next", "last", "2026-W53", "2025-W53", "1900-W01", "2999-W52", "1899-W52",
    "3000-W01", "0001-W01", "9999-W52", "9999-W53", "2026-W00", "2026-W54", "2026w07",
    "2026-W47", *DATES,
]  # fmt: skip
QUARTERS = [
    "this", "next", "last", "2026-Q4", "1900-Q1", "2999-Q4", "1899-Q4", "3000-Q1",
    "0001-Q1", "9999-Q4", "9998-Q4", "2026-Q5", "2026-q4", *DATES,
]  # fmt: skip
NUMBERS = [
    "0", "1", "3", "5", "6", "-1", "3.5", "100", "101", "520", "521", "1e308", "-1e308",
    "1e309", "nan", "inf", "-inf", "99999999999999999999999", "0x10", "\u0663", "1_000",
    " 4 ", "", "-0",
]  # fmt: skip
CONFIDENCES = ["1", "2", "3", "4", "5", "0", "6", "3.5", "high"]
PROGRESS = ["0", "50", "100", "12.5", "101", "-1", "nan", "1e308"]
WINDOWS = ["1", "4", "12", "520", "521", "0", "99999999999999999999"]
MONTHS = ["april", "apr", "1", "12", "13", "0", "ap", "Octo", ""]
STATUSES = ["open", "done", "partial", "missed", "dropped", "DONE", "finished", ""]
KINDS = ["dependency", "other", "people", ""]
SEVERITIES = ["low", "critical", "urgent", ""]
FORMATS = ["md", "json", "xml", ""]
NAMES = ["ana", "ben", "nobody", "Platform", "", " "]
IDS = [
    "aaaa1111aaaa1111", "aaaa2222", "bbbb3333bbbb3333", "bbbb", "cccc2222cccc2222", "aaaa1",
    "bbbb3", "aaaa", "cccc", "9f00aa11bb22cc33", "9f00", "dddd", "", "c0a1000000000001",
    "c0a1000000000002", "c0a1000000000003", "c0a1", "f0a1000000000001", "b0a1",
]  # fmt: skip
TITLES = [
    "Ship it", "-x", "--", "-", "--x", "-5", "—dash", "x\x00y", "\x1b[31mred\x1b[0m",
    "bad\udcff\udcfe", "z\ud800", "[bold]x[/]", "x" * 2000, "\u202eevil", " ",
]  # fmt: skip

WRITES = frozenset({"log", "done", "set", "block", "goal", "quarter"})
"""The commands of :func:`invocations` that may change the store."""
READERS = (("export", "--format", "md"), ("check",), ("goal", "list"))
"""What must still work after any accepted change (issue 17: accepted, then broke)."""


# -- values -----------------------------------------------------------------------------------


def hostile_text(max_size: int = 24) -> st.SearchStrategy[str]:
    """Any text, leaning on the odd characters: a third of it with surrogates (which
    st.text leaves out), a third with control characters but none."""
    printable = st.one_of(st.sampled_from([*CONTROL, *PUNCTUATION]), st.characters())
    anything = st.one_of(st.sampled_from(ODD), st.characters())
    return st.one_of(
        st.sampled_from(TITLES),
        st.text(printable, max_size=max_size),
        st.text(anything, max_size=max_size),
    )


def _one_of(values: list[str]) -> st.SearchStrategy[str]:
    """A value from ``values`` most of the time (5 in 7), else a value spoiled by an odd
    character, else hostile text: a command is often accepted, so that what it wrote is
    read back."""
    spoiled = st.builds(
        lambda value, odd, at: value[:at] + odd + value[at:],
        st.sampled_from(values),
        st.sampled_from(ODD),
        st.integers(0, 12),
    )
    valid = st.sampled_from(values)
    return st.one_of(valid, valid, valid, valid, valid, spoiled, hostile_text())


@st.composite
def _options(draw, spec: dict[str, st.SearchStrategy[str] | None], least: int = 0) -> list[str]:
    """``least`` to three of the options of ``spec`` (``None``: a flag), each ``--opt
    VALUE`` or ``--opt=VALUE``, in any order."""
    chosen = draw(st.lists(st.sampled_from(sorted(spec)), unique=True, min_size=least, max_size=3))
    argv: list[str] = []
    for option in chosen:
        value = spec[option]
        if value is None:
            argv.append(option)
        elif draw(st.booleans()):
            argv += [option, draw(value)]
        else:
            argv.append(f"{option}={draw(value)}")
    return argv


@st.composite
def _with_title(draw, command: list[str], options: list[str]) -> list[str]:
    """``command TITLE OPTIONS``, the title after the options or after ``--`` at times."""
    title = draw(st.one_of(st.sampled_from(TITLES), hostile_text()))
    where = draw(st.integers(0, 2))
    if where == 0:
        return [*command, title, *options]
    if where == 1:
        return [*command, *options, title]
    return [*command, *options, "--", title]


# -- invocations ------------------------------------------------------------------------------


def invocations() -> st.SearchStrategy[list[str]]:
    """``log``, ``list``, ``done``, ``set``, ``block``, ``report``, ``quarter`` and
    ``goal add`` invocations, as argv lists (without ``--db``)."""
    names, ids, numbers = _one_of(NAMES), _one_of(IDS), _one_of(NUMBERS)
    confidence, progress = _one_of(CONFIDENCES), _one_of(PROGRESS)
    weeks, dates = _one_of(WEEKS), _one_of(DATES)
    text = hostile_text()
    log = _options(
        {
            "--owner": names,
            "--goal": ids,
            "--week": weeks,
            "--due": dates,
            "--confidence": confidence,
        }
    ).flatmap(lambda options: _with_title(["log"], options))
    listing = _options(
        {
            "--week": weeks,
            "--all": None,
            "--owner": names,
            "--status": _one_of(STATUSES),
            "--json": None,
        }
    ).map(lambda options: ["list", *options])
    done = st.builds(lambda rid, options: ["done", rid, *options], ids, _options({"--note": text}))
    change = st.builds(
        lambda rid, options: ["set", rid, *options],
        ids,
        _options(
            {
                "--status": _one_of(STATUSES),
                "--progress": progress,
                "--note": text,
                "--title": text,
                "--week": weeks,
                "--goal": ids,
                "--due": dates,
                "--confidence": confidence,
            },
            least=1,
        ),
    )
    block = _options(
        {
            "--kind": _one_of(KINDS),
            "--severity": _one_of(SEVERITIES),
            "--on": ids,
            "--owner": names,
        }
    ).flatmap(lambda options: _with_title(["block"], options))
    report = _options(
        {
            "--as-of": dates,
            "--end": weeks,
            "--week": weeks,
            "--weeks": _one_of(WINDOWS),
            "--owner": names,
            "--team": names,
            "--format": _one_of(FORMATS),
        }
    ).map(lambda options: ["report", *options])
    quarter = st.builds(
        lambda when, options: ["quarter", *when, *options],
        st.lists(_one_of(QUARTERS), max_size=1),
        _options({"--fiscal-start": _one_of(MONTHS)}),
    )
    goal = _options(
        {
            "--parent": ids,
            "--owner": names,
            "--team": names,
            "--description": text,
            "--start": dates,
            "--end": dates,
            "--quarter": _one_of(QUARTERS),
            "--priority": confidence,
            "--metric": text,
            "--baseline": numbers,
            "--target": numbers,
            "--unit": text,
        }
    ).flatmap(lambda options: _with_title(["goal", "add"], options))
    return st.one_of(log, listing, done, change, block, report, quarter, goal)


# -- import documents -----------------------------------------------------------------------

FAR_VALUES = [
    "0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01", "0001-W01", "9999-W52",
    "3000-W01", "9999-Q4", "0001-Q1", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
    "2025-W53", "2026-02-30", "1900-01-01", "2999-12-31", "2999-W52",
]  # fmt: skip


def _nested(depth: int) -> object:
    value: object = "deep"
    for index in range(depth):
        value = [value] if index % 2 else {"k": value}
    return value


def hostile_value() -> st.SearchStrategy[object]:
    """A value to put in a record's field: far dates, bad text, odd types, deep nesting."""
    return st.one_of(
        st.sampled_from(FAR_VALUES),
        hostile_text(),
        st.sampled_from([None, True, 0, -1, 10**30, 1.5, 1e308, [], {}, [1], {"a": None}]),
        st.integers(1, 950).map(_nested),  # deeper: see the "[" * 5000 of documents()
    )


@st.composite
def documents(draw, base: dict) -> str:
    """The JSON text of ``base`` (an interchange document) with hostile changes: fields set
    to :func:`hostile_value`, removed or added, records duplicated; now and then text that
    is not JSON at all, or a header gone wrong."""
    document = copy.deepcopy(base)
    lists = [name for name, value in document.items() if isinstance(value, list) and value]
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(lists))
        records = document[name]
        record = records[draw(st.integers(0, len(records) - 1))]
        action = draw(st.integers(0, 9))
        if action <= 5:
            field = draw(st.sampled_from(sorted(record)))
            record[field] = draw(hostile_value())
        elif action == 6:
            record.pop(draw(st.sampled_from(sorted(record))), None)
        elif action == 7:
            record[draw(hostile_text(8))] = draw(hostile_value())
        elif action == 8:
            records.append(dict(record))  # shallow: the text is all that is kept
        else:
            document[draw(st.sampled_from(["format", "version", "exported_at"]))] = draw(
                hostile_value()
            )
    text = json.dumps(document, ensure_ascii=draw(st.booleans()), default=str)
    spoil = draw(st.integers(0, 19))
    if spoil == 0:
        return text[: draw(st.integers(0, len(text)))]
    if spoil == 1:
        return "[" * 5000 + "]" * 5000
    return text
