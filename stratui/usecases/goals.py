"""The goal use cases: the cascade, key results, check-ins, and what the goal screens show.

Shared by the command line (``stratui goal ...``) and the TUI's goal tree and goal
detail. Each change is one store transaction; refused input raises
:class:`~stratui.domain.schema.ValidationError` whose ``field`` names the input (``parent``,
``end``, ``owner``, ``name``, ``baseline``, ``target``, ``value``, ``confidence``,
``date``...) and nothing is written. Ids may be given as any unique prefix.

- the cascade: :func:`create` (a child inherits its parent's dates and team),
  :func:`edit`, :func:`move` (never into a cycle), :func:`drop`, :func:`achieve`,
  :func:`link`; the tree as rows: :func:`tree`;
- key results: :func:`set_metric`, :func:`clear_metric`;
- check-ins: :func:`check_in`, :func:`checkins`;
- reading: :func:`detail` (one goal with everything about it), :func:`at_risk_first`
  (the dashboard's order).

What is read: people, teams and goals whole (one small file each); goal check-ins and
commitments only from the shards the goals' dates need (from the earliest start or
creation to today); roadblocks whole, as the dashboard does (an old one may be open).

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stratui.domain import goal_tree
from stratui.domain import key_results as kr
from stratui.domain import records as rec
from stratui.domain.dates import parse_date
from stratui.domain.metrics.goal_figures import confidence_trend
from stratui.domain.metrics.roadblocks import worst_first
from stratui.domain.metrics.scope import Scope
from stratui.domain.schema import ValidationError
from stratui.domain.weeks import next_week
from stratui.usecases import commitments as commitment_cases
from stratui.usecases.workspace import Workspace

# -- reading goals ---------------------------------------------------------------------------


def goals(ws: Workspace, *, status: str | None = None) -> list[dict]:
    """Goals, optionally of one status, by priority then title."""
    found = ws.store.find("goals", where=(lambda g: g.get("status") == status) if status else None)
    return sorted(found, key=lambda g: (g.get("priority") or 9, g["title"].lower(), g["id"]))


def goal(ws: Workspace, ref: str) -> dict:
    """The goal whose id starts with ``ref`` (UnknownId, AmbiguousId otherwise)."""
    return ws.store.resolve("goals", ref)


def in_scope(
    ws: Workspace, found: Iterable[dict], *, owner: str | None = None, team: str | None = None
) -> list[dict]:
    """The goals of ``found`` in the scope of ``owner`` or ``team`` (docs/METRICS.md, Scope).

    A goal is in a person's scope when they own it; in a team's when its ``team`` is the
    team or its owner is a member. Neither given: all of them.
    """
    if team is not None:
        scope = Scope.of_team(team, ws.store.all("teams"), ws.store.all("people"))
    else:
        scope = Scope(owner=owner)
    return [g for g in found if scope.has_goal(g)]


# -- the cascade -----------------------------------------------------------------------------


def create(ws: Workspace, fields: dict) -> dict:
    """A new active goal; returns the record.

    ``parent`` may be an id prefix: the child gets its ``parent_id`` and inherits the
    parent's ``start``, ``end`` and ``team`` unless given (``None`` counts as not given).
    ``quarter`` (``YYYY-Qn``) gives ``start`` and ``end`` (unless given) the fiscal
    quarter's first and last day, before anything is inherited. ``owner`` defaults to
    me and must be a person (see :meth:`Workspace.person_named`). ``metric`` may be a dict
    of typed parts (see :func:`~stratui.domain.key_results.make_metric`). The end may not
    precede the start.
    """
    fields = {key: value for key, value in fields.items() if value is not None}
    parent_ref = fields.pop("parent", None)
    quarter = fields.pop("quarter", None)
    with ws.store.transaction() as tx:
        if quarter:
            _quarter_dates(ws, fields, quarter)
        if parent_ref:
            parent = ws.store.resolve("goals", parent_ref)
            fields["parent_id"] = parent["id"]
            for inherited in ("start", "end", "team"):
                if parent.get(inherited) is not None:
                    fields.setdefault(inherited, parent[inherited])
        if isinstance(fields.get("metric"), Mapping):
            metric = fields["metric"]
            fields["metric"] = kr.make_metric(
                metric.get("name"), metric.get("baseline"), metric.get("target"), metric.get("unit")
            )
        fields["owner"] = ws.person_named(fields.get("owner"), "owner")
        _check_dates(fields)
        record = rec.new_record("goals", {**fields, "status": "active"}, ws.clock.now())
        return tx.insert("goals", record)


def _quarter_dates(ws: Workspace, fields: dict, quarter: str) -> None:
    """Fill ``start``/``end`` from a fiscal quarter (the configured fiscal year)."""
    from stratui.domain.quarters import quarter_bounds
    from stratui.domain.weeks import DATES_TAKEN, is_supported_date
    from stratui.usecases.fiscal import fiscal_start

    try:
        first, last = quarter_bounds(quarter, fiscal_start(ws))
    except ValueError as error:
        raise ValidationError("quarter", str(error)) from None
    if not (is_supported_date(first) and is_supported_date(last)):
        raise ValidationError(
            "quarter", f"{quarter} runs {first} to {last}: stratui takes {DATES_TAKEN}"
        )
    fields.setdefault("start", first.isoformat())
    fields.setdefault("end", last.isoformat())


def _check_dates(record: Mapping) -> None:
    """Refuse an end before the start (both ISO dates; the schema checks their form)."""
    start, end = record.get("start"), record.get("end")
    if isinstance(start, str) and isinstance(end, str) and end < start:
        raise ValidationError("end", f"expected a date on or after the start {start}, got {end}")


def edit(ws: Workspace, ref: str, changes: dict) -> dict:
    """Change a goal's fields (``None`` removes an optional one); returns the record.

    A change of ``parent_id`` is checked like :func:`move`; the end may not precede the
    start; a new ``owner`` must be a person (see :meth:`Workspace.person_named`).
    """
    with ws.store.transaction() as tx:
        record = ws.store.resolve("goals", ref)
        if changes.get("owner") is not None:
            changes = {**changes, "owner": ws.person_named(changes["owner"], "owner")}
        if changes.get("parent_id"):
            goal_tree.check_move(record["id"], changes["parent_id"], ws.store.all("goals"))
        changed = rec.updated("goals", record, changes, ws.clock.now())
        _check_dates(changed)
        return tx.put("goals", changed)


def move(ws: Workspace, ref: str, parent_ref: str | None) -> dict:
    """Put a goal under another parent (an id prefix), or at the root with ``None``.

    The goal keeps its own dates and team; its subtree moves with it.

    Raises:
        CascadeError: the new parent is the goal itself or one of its descendants
            (field ``parent``); nothing is written.
    """
    with ws.store.transaction() as tx:
        record = ws.store.resolve("goals", ref)
        parent_id = ws.store.resolve("goals", parent_ref)["id"] if parent_ref else None
        goal_tree.check_move(record["id"], parent_id, ws.store.all("goals"))
        changed = rec.updated("goals", record, {"parent_id": parent_id}, ws.clock.now())
        return tx.put("goals", changed)


def drop(ws: Workspace, ref: str) -> dict:
    """Drop a goal: it stays in the history, marked dropped."""
    return edit(ws, ref, {"status": "dropped"})


def achieve(ws: Workspace, ref: str) -> dict:
    """Mark a goal achieved."""
    return edit(ws, ref, {"status": "achieved"})


def link(ws: Workspace, goal_ref: str, commitment_ref: str) -> dict:
    """Link a commitment to a goal."""
    goal_record = ws.store.resolve("goals", goal_ref)
    return commitment_cases.change(ws, commitment_ref, goal=goal_record["id"])


# -- key results -----------------------------------------------------------------------------


def set_metric(
    ws: Workspace,
    ref: str,
    *,
    name: str,
    baseline: object,
    target: object,
    unit: str | None = None,
) -> dict:
    """Give a goal its key result (replacing any); numbers may be typed text.

    A target equal to the baseline is accepted, but such a goal has no progress
    (docs/METRICS.md): its progress, pace and health read "no data".

    Raises:
        ValidationError: field ``name``, ``baseline``, ``target`` or ``unit``.
    """
    metric = kr.make_metric(name, baseline, target, unit)
    return edit(ws, ref, {"metric": metric})


def clear_metric(ws: Workspace, ref: str) -> dict:
    """Remove a goal's key result; its check-ins stay (their values measure nothing now)."""
    return edit(ws, ref, {"metric": None})


# -- check-ins -------------------------------------------------------------------------------


def check_in(
    ws: Workspace,
    ref: str,
    *,
    value: object = None,
    confidence: object = None,
    note: str | None = None,
    date: str | dt.date | None = None,
) -> dict:
    """Record a reading of a goal; returns the new check-in.

    ``value`` (the key result's reading) and ``confidence`` (1-5) may be numbers or
    typed text; at least one is needed, and a value only on a goal with a key result.
    ``date`` is a date, ISO text or words (``yesterday``, ``fri``); default today; not
    after today.

    Raises:
        ValidationError: field ``value``, ``confidence``, ``note`` or ``date``.
    """
    today = ws.clock.today()
    day = _read_day(date, today)
    with ws.store.transaction() as tx:
        record = ws.store.resolve("goals", ref)
        fields = kr.checkin_fields(
            record, day=day, today=today, value=value, confidence=confidence, note=note
        )
        return tx.insert("goal_checkins", rec.new_record("goal_checkins", fields, ws.clock.now()))


def _read_day(date: str | dt.date | None, today: dt.date) -> dt.date:
    if date is None:
        return today
    if isinstance(date, dt.date):
        return date.date() if isinstance(date, dt.datetime) else date
    try:
        return parse_date(str(date), today)
    except ValueError as error:
        raise ValidationError("date", str(error)) from None


def checkins(ws: Workspace, ref: str) -> list[dict]:
    """The goal's check-ins in date order (from its start or creation to today)."""
    record = ws.store.resolve("goals", ref)
    return [dict(c) for c in kr.goal_checkins(checkins_of(ws, [record]), record["id"])]


def checkins_of(ws: Workspace, goal_records: Sequence[Mapping]) -> list[dict]:
    """The check-ins of ``goal_records`` (any order), of the weeks from the earliest start
    or creation among them to today (only those weeks are read)."""
    weeks = kr.reading_weeks(goal_records, ws.clock.today())
    if not weeks:
        return []
    wanted = {str(g["id"]) for g in goal_records}
    return ws.store.find("goal_checkins", weeks=weeks, where=lambda c: c["goal_id"] in wanted)


# -- the tree and the attention order ------------------------------------------------------


@dataclass(frozen=True)
class TreeRow:
    """One line of the goal tree: the goal, how deep it sits, and where it stands today."""

    goal: dict
    depth: int
    standing: kr.Standing


def tree(
    ws: Workspace,
    *,
    status: str | None = "active",
    owner: str | None = None,
    team: str | None = None,
) -> list[TreeRow]:
    """The goals as a tree, in tree order, each with its depth and standing today.

    ``status`` None shows every goal. With ``owner`` or ``team`` only the goals in that
    scope are shown; a goal whose parent is not shown sits at the root.
    """
    with ws.store.reading():
        chosen = in_scope(ws, goals(ws, status=status), owner=owner, team=team)
        readings = kr.standings(chosen, checkins_of(ws, chosen), ws.clock.today())
    by_goal = {item.goal_id: item for item in readings}
    return [
        TreeRow(dict(record), level, by_goal[str(record["id"])])
        for record, level in goal_tree.walk(chosen)
    ]


def at_risk_first(
    ws: Workspace, *, owner: str | None = None, team: str | None = None
) -> list[kr.Standing]:
    """The active goals (in scope) ordered for attention: at risk, behind, on track, no data.

    For the dashboard's goal health; see :func:`stratui.domain.key_results.at_risk_first`.
    """
    with ws.store.reading():
        chosen = in_scope(ws, goals(ws, status="active"), owner=owner, team=team)
        readings = kr.standings(chosen, checkins_of(ws, chosen), ws.clock.today())
    return kr.at_risk_first(readings)


# -- one goal in full --------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalDetail:
    """Everything the goal detail screen shows about one goal, as of today.

    ``ancestors`` run from the parent up to the root; ``checkins`` are in date order, and
    ``values`` / ``confidences`` are their sparklines; ``commitments_by_week`` maps each
    ISO week (in order) to the commitments linked to the goal; ``roadblocks`` are those
    on the goal or on one of those commitments, open ones first (worst first), then the
    resolved ones, newest first.
    """

    goal: dict
    ancestors: list[dict]
    children: list[dict]
    standing: kr.Standing
    checkins: list[dict]
    values: list[float]
    confidences: list[int]
    commitments_by_week: dict[str, list[dict]]
    roadblocks: list[dict]

    @property
    def open_roadblocks(self) -> list[dict]:
        """The roadblocks not resolved yet."""
        return [r for r in self.roadblocks if not r.get("resolved_on")]


def detail(ws: Workspace, ref: str) -> GoalDetail:
    """The goal ``ref`` with its standing, readings, linked work and roadblocks, today."""
    today = ws.clock.today()
    with ws.store.reading():
        record = ws.store.resolve("goals", ref)
        every = ws.store.all("goals")
        readings = kr.goal_checkins(checkins_of(ws, [record]), record["id"])
        linked = _linked_commitments(ws, record)
        blocks = _roadblocks_on(ws, record["id"], {c["id"] for c in linked})
    rid = record["id"]
    return GoalDetail(
        goal=record,
        ancestors=[dict(g) for g in goal_tree.ancestors(rid, every)],
        children=[dict(g) for g in goal_tree.children_by_parent(every).get(rid, [])],
        standing=kr.standing(record, readings, today),
        checkins=[dict(c) for c in readings],
        values=kr.value_trend(readings, rid),
        confidences=confidence_trend(readings, rid),
        commitments_by_week=_by_week(linked),
        roadblocks=blocks,
    )


def _linked_commitments(ws: Workspace, record: Mapping) -> list[dict]:
    """Commitments linked to the goal, from its first day to the week after today (or
    its end, if later)."""
    today = ws.clock.today()
    end = record.get("end")
    last = max(today, dt.date.fromisoformat(end)) if end else today
    weeks = kr.reading_weeks([record], last)
    weeks.append(next_week(weeks[-1]))
    return ws.store.find("commitments", weeks=weeks, goal_id=record["id"])


def _by_week(commitments: Iterable[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    ordered = sorted(commitments, key=lambda c: (c["week"], c["owner"], c["created_at"], c["id"]))
    for commitment in ordered:
        grouped.setdefault(commitment["week"], []).append(commitment)
    return grouped


def _roadblocks_on(ws: Workspace, goal_id: str, commitment_ids: set[str]) -> list[dict]:
    found = ws.store.find(
        "roadblocks",
        where=lambda r: r.get("goal_id") == goal_id or r.get("commitment_id") in commitment_ids,
    )
    open_ = [r for r in found if not r.get("resolved_on")]
    closed = [r for r in found if r.get("resolved_on")]
    open_ = worst_first(open_)
    closed.sort(key=lambda r: (r["resolved_on"], r["id"]), reverse=True)
    return open_ + closed
