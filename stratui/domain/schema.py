"""The record schema: every collection of EXPORT-FORMAT.md, its fields and their rules.

This table is the single source of truth for what a valid record is. The store, the
importer, the CLI and the CSV exporter all validate through :func:`validate_record`, so a
rule is written once. Records are plain ``dict``s, exactly as they appear in the export
format; unknown extra fields are allowed and preserved.

Pure module: no Textual, no TinyDB.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from stratui.domain.weeks import (
    DATES_TAKEN,
    FIRST_DAY,
    LAST_DAY,
    SUPPORTED_YEARS,
    WEEKS_TAKEN,
    is_valid_week,
)

COLLECTIONS: tuple[str, ...] = (
    "people",
    "teams",
    "goals",
    "goal_checkins",
    "commitments",
    "roadblocks",
    "adjustments",
    "reviews",
    "retro_items",
    "retro_ballots",
)

GOAL_STATUSES = ("active", "achieved", "dropped")
COMMITMENT_STATUSES = ("open", "done", "partial", "missed", "dropped")
REVIEWED_STATUSES = ("done", "partial", "missed", "dropped")
SOURCES = ("manual", "review", "retro")
ROADBLOCK_KINDS = (
    "dependency",
    "resources",
    "decision",
    "skills",
    "external",
    "priority",
    "other",
)
SEVERITIES = ("low", "medium", "high", "critical")
ADJUSTMENT_KINDS = ("reprioritize", "reallocate", "rescope", "reschedule", "pivot", "drop", "add")
RITUALS = ("weekly", "team", "retro", "quarterly")
REVIEW_STATUSES = ("draft", "complete")
RETRO_FORMATS = ("start-stop-continue", "4ls", "mad-sad-glad", "well-improve-ideas")
FORMAT_NAME_MAX = 40
"""The longest name a retrospective's format may have (a team's template names its own)."""
_FORMAT_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z", re.ASCII)

# ASCII digits only, and \Z (not $, which also matches before a trailing newline).
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_STAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z\Z", re.ASCII)
_QUARTER_RE = re.compile(r"^\d{4}-Q[1-4]\Z", re.ASCII)


class ValidationError(ValueError):
    """A record breaks a rule. ``field`` names the field; the message says what is accepted."""

    def __init__(self, field: str, message: str, *, record: str | None = None) -> None:
        self.field = field
        self.record = record
        where = f"{record}: " if record else ""
        super().__init__(f"{where}{field}: {message}")


# --- value checks: each returns None when fine, else "what is accepted" ------------------


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return False
    import datetime as _dt

    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_id(value: object) -> bool:
    # An id names a record in the id index (one line each), file lines and messages: a
    # newline in one split the index and made check see the record twice. Any other text
    # an older stratui took stays readable.
    return (
        isinstance(value, str)
        and bool(value.strip())
        and value == value.strip()
        and value.isprintable()
        and len(value) <= 200
    )


def _check_id(value: object) -> str | None:
    if _is_id(value):
        return None
    return "expected an id: text on one line, no control characters, at most 200 characters"


def _check_text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "expected non-empty text"
    return None


def _check_opt_text(value: object) -> str | None:
    return None if isinstance(value, str) else "expected text"


def _check_date(value: object) -> str | None:
    return None if _is_date(value) else "expected a date YYYY-MM-DD"


def _check_stamp(value: object) -> str | None:
    if isinstance(value, str) and _STAMP_RE.match(value) and _is_date(value[:10]):
        return None
    return "expected a UTC timestamp like 2026-11-22T09:30:00Z"


def _is_exact_week(value: object) -> bool:
    # is_valid_week forgives surrounding spaces (it reads typed input); a stored week may not.
    return isinstance(value, str) and value == value.strip() and is_valid_week(value)


def _check_week(value: object) -> str | None:
    if _is_exact_week(value):
        return None
    return "expected an ISO week YYYY-Www that exists (2026-W53 does, 2025-W53 does not)"


def _check_period(value: object) -> str | None:
    if isinstance(value, str) and (_is_exact_week(value) or _QUARTER_RE.match(value)):
        return None
    return "expected an ISO week YYYY-Www or a quarter YYYY-Qn"


def _enum(options: Iterable[str]) -> Callable[[object], str | None]:
    options = tuple(options)

    def check(value: object) -> str | None:
        return None if value in options else "expected one of " + ", ".join(options)

    return check


def is_format_name(value: object) -> bool:
    """True for a retrospective format's name: a built-in's, or a template's own, which
    is a slug (lowercase letters, digits, single dashes: ``kudos``, ``sailboat-2``)."""
    return (
        isinstance(value, str)
        and len(value) <= FORMAT_NAME_MAX
        and _FORMAT_NAME_RE.match(value) is not None
    )


def _check_format(value: object) -> str | None:
    # A review of a template's format keeps that name, whether or not the file still
    # exists (the review's answers keep the format's categories), so any slug is one.
    if value in RETRO_FORMATS or is_format_name(value):
        return None
    return (
        f"expected one of {', '.join(RETRO_FORMATS)}, or a template's format name "
        f"(lowercase letters, digits and dashes, at most {FORMAT_NAME_MAX})"
    )


def _int_range(low: int, high: int) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return None
        return f"expected a whole number from {low} to {high}"

    return check


def _number_range(low: float, high: float) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high:
            return None
        return f"expected a number from {low:g} to {high:g}"

    return check


def _check_number(value: object) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None
    return "expected a number"


def _check_votes(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    return "expected a whole number >= 0"


def _check_dots(value: object) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and k and isinstance(v, int) and not isinstance(v, bool) and v >= 1
        for k, v in value.items()
    ):
        return None
    return "expected {card id or group:LABEL: dots >= 1}"


def _check_away(value: object) -> str | None:
    if isinstance(value, list) and all(
        isinstance(v, dict) and _is_date(v.get("from")) and _is_date(v.get("to"))
        and str(v["from"]) <= str(v["to"])
        for v in value
    ):
        return None
    return "expected a list of {from: YYYY-MM-DD, to: YYYY-MM-DD}, from not after to"


def _check_names(value: object) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return "expected a list of names"


def _check_metric(value: object) -> str | None:
    if not isinstance(value, dict):
        return "expected {name, unit?, baseline, target}"
    if _check_text(value.get("name")):
        return "metric.name: expected non-empty text"
    for key in ("baseline", "target"):
        if _check_number(value.get(key)):
            return f"metric.{key}: expected a number"
    unit = value.get("unit")
    if unit is not None and not isinstance(unit, str):
        return "metric.unit: expected text"
    return None


def _check_health(value: object) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and _int_range(1, 5)(v) is None for k, v in value.items()
    ):
        return None
    return "expected {dimension: 1-5}"


_confidence = _int_range(1, 5)


class Field:
    """One field of a collection: its checker, whether it is required, and what it references.

    A plain slotted class rather than a NamedTuple or dataclass: this module is on the
    CLI's fast path, and building those classes costs more at import than all the rest.
    """

    __slots__ = ("check", "ref", "required")

    def __init__(
        self, check: Callable[[object], str | None], required: bool = False, ref: str | None = None
    ) -> None:
        self.check = check
        self.required = required
        self.ref = ref  # the collection an id field points into


def _f(check, required=False, ref=None) -> Field:
    return Field(check, required, ref)


_ID_FIELDS = {
    "id": _f(_check_id, True),
    "created_at": _f(_check_stamp, True),
    "updated_at": _f(_check_stamp, True),
}

SCHEMA: dict[str, dict[str, Field]] = {
    # former_names: the names a rename took away, oldest first: a record written on a
    # clone that had not yet seen the rename still finds its person after a sync.
    "people": {
        "name": _f(_check_text, True),
        "teams": _f(_check_names),
        "former_names": _f(_check_names),
        "away": _f(_check_away),
    },
    "teams": {
        "name": _f(_check_text, True),
        "members": _f(_check_names),
        "former_names": _f(_check_names),
    },
    "goals": {
        "title": _f(_check_text, True),
        "description": _f(_check_opt_text),
        "owner": _f(_check_opt_text),
        "team": _f(_check_opt_text),
        "parent_id": _f(_check_text, ref="goals"),
        "start": _f(_check_date),
        "end": _f(_check_date),
        "status": _f(_enum(GOAL_STATUSES), True),
        "priority": _f(_int_range(1, 5)),
        "metric": _f(_check_metric),
    },
    "goal_checkins": {
        "goal_id": _f(_check_text, True, ref="goals"),
        "date": _f(_check_date, True),
        "value": _f(_check_number),
        "confidence": _f(_confidence),
        "note": _f(_check_opt_text),
    },
    "commitments": {
        "title": _f(_check_text, True),
        "owner": _f(_check_text, True),
        "week": _f(_check_week, True),
        "goal_id": _f(_check_text, ref="goals"),
        "due": _f(_check_date),
        "confidence": _f(_confidence),
        "status": _f(_enum(COMMITMENT_STATUSES), True),
        "progress": _f(_number_range(0, 100)),
        "carried_from": _f(_check_text, ref="commitments"),
        "source": _f(_enum(SOURCES), True),
        "review_id": _f(_check_text, ref="reviews"),
        "notes": _f(_check_opt_text),
        "closed_on": _f(_check_date),
    },
    "roadblocks": {
        "title": _f(_check_text, True),
        "kind": _f(_enum(ROADBLOCK_KINDS), True),
        "severity": _f(_enum(SEVERITIES), True),
        "owner": _f(_check_opt_text),
        "commitment_id": _f(_check_text, ref="commitments"),
        "goal_id": _f(_check_text, ref="goals"),
        "raised_on": _f(_check_date, True),
        "resolved_on": _f(_check_date),
        "resolution": _f(_check_opt_text),
    },
    "adjustments": {
        "kind": _f(_enum(ADJUSTMENT_KINDS), True),
        "description": _f(_check_text, True),
        "rationale": _f(_check_opt_text),
        "goal_id": _f(_check_text, ref="goals"),
        "commitment_id": _f(_check_text, ref="commitments"),
        "review_id": _f(_check_text, ref="reviews"),
        "decided_on": _f(_check_date, True),
    },
    "reviews": {
        "ritual": _f(_enum(RITUALS), True),
        "period": _f(_check_period, True),
        "owner": _f(_check_opt_text),
        "team": _f(_check_opt_text),
        "facilitator": _f(_check_opt_text),
        "participants": _f(_check_names, True),
        "status": _f(_enum(REVIEW_STATUSES), True),
        "pulse": _f(_confidence),
        "format": _f(_check_format),
        "health": _f(_check_health),
        "notes": _f(_check_opt_text),
        "started_at": _f(_check_stamp, True),
        "completed_at": _f(_check_stamp),
    },
    "retro_items": {
        "review_id": _f(_check_text, True, ref="reviews"),
        "category": _f(_check_text, True),
        "text": _f(_check_text, True),
        "author": _f(_check_opt_text),
        "votes": _f(_check_votes, True),
        "group": _f(_check_opt_text),
    },
    # A participant's own part of a retrospective: their dots and their health ratings,
    # written by their own process (one record per person and retrospective).
    "retro_ballots": {
        "review_id": _f(_check_text, True, ref="reviews"),
        "person": _f(_check_text, True),
        "dots": _f(_check_dots, True),
        "ratings": _f(_check_health),
    },
}

# Fields the store keeps on every record besides the schema's own (tombstones).
STORE_FIELDS = ("deleted",)


def record_label(collection: str, record: Mapping[str, object]) -> str:
    """How an error names a record: ``commitments 3f2a9c1e`` (an id that is not one is
    quoted, ``people 'p1\\nX'``, so the message stays one line)."""
    rid = record.get("id") if isinstance(record, Mapping) else None
    if not isinstance(rid, str) or not rid:
        return f"{collection} record"
    return f"{collection} {rid}" if _is_id(rid) else f"{collection} {rid!r}"


def validate_record(collection: str, record: Mapping[str, object]) -> None:
    """Raise :class:`ValidationError` naming the first broken field of ``record``.

    Optional fields may be absent or ``None``. Extra fields are accepted untouched.
    Tombstones (``deleted: true``) are checked only for their identity fields.
    """
    if collection not in SCHEMA:
        raise ValidationError("collection", "expected one of " + ", ".join(COLLECTIONS))
    label = record_label(collection, record)
    if not isinstance(record, Mapping):
        raise ValidationError("record", "expected an object", record=label)
    fields = dict(_ID_FIELDS)
    if not record.get("deleted"):
        fields.update(SCHEMA[collection])
    for name, spec in fields.items():
        value = record.get(name)
        if value is None:
            if spec.required:
                raise ValidationError(name, "is required", record=label)
            continue
        problem = spec.check(value)
        if problem:
            raise ValidationError(name, f"{problem}, got {value!r}", record=label)
    deleted = record.get("deleted")
    if deleted is not None and not isinstance(deleted, bool):
        raise ValidationError("deleted", "expected true or false", record=label)


_QUARTERS_TAKEN = f"quarters from {SUPPORTED_YEARS[0]}-Q1 to {SUPPORTED_YEARS[-1]}-Q4"
_TAKEN: dict[Callable[[object], str | None], str] = {
    _check_date: DATES_TAKEN,
    _check_stamp: f"times from {FIRST_DAY} to {LAST_DAY}",
    _check_week: WEEKS_TAKEN,
    _check_period: WEEKS_TAKEN,  # or the quarters, for a quarter
}
"""The checks of the fields that name a day, a week or a quarter, and what is taken."""


def check_supported_years(collection: str, record: Mapping[str, object]) -> None:
    """Raise :class:`ValidationError` naming the first date, week, quarter or timestamp
    of ``record`` outside the supported years (1900 to 2999, see
    :data:`~stratui.domain.weeks.SUPPORTED_YEARS`).

    Apart from :func:`validate_record`, which accepts the whole calendar: the store keeps
    and reads a record holding such a value (an older stratui wrote it, a synced file
    brought it), but what comes in, typed or imported, is held to this rule. Call it on a
    record :func:`validate_record` accepted: the values' forms are known to be right.
    """
    label = record_label(collection, record)
    fields = dict(_ID_FIELDS)
    if not record.get("deleted"):
        fields.update(SCHEMA.get(collection, {}))
    for name, spec in fields.items():
        taken = _TAKEN.get(spec.check)
        value = record.get(name)
        if taken is None or not isinstance(value, str) or not value[:4].isdigit():
            continue
        if int(value[:4]) not in SUPPORTED_YEARS:
            if spec.check is _check_period and _QUARTER_RE.match(value):
                taken = _QUARTERS_TAKEN
            raise ValidationError(name, f"stratui takes {taken}, got {value!r}", record=label)


MAX_NESTING = 32
"""How deep lists and objects may nest in a record's field: far more than any record of
stratui needs (a review's answers nest five deep), and far less than what makes reading,
copying or writing a record run out of stack."""


def check_storable(collection: str, record: Mapping[str, object]) -> None:
    """Raise :class:`ValidationError` naming the first field of ``record`` that cannot be
    stored: text that is not Unicode UTF-8 can write (a lone surrogate, which JSON can
    spell ``"\\ud800"``), in a value or a key, or lists and objects nested more than
    :data:`MAX_NESTING` deep. Unknown extra fields are checked too: they are kept.

    Apart from :func:`validate_record` because only documents from outside (an import)
    can hold such values; the doors refuse them in typed input.
    """
    label = record_label(collection, record)
    for name, value in record.items():
        problem = _unstorable(name) or _unstorable(value)
        if problem:
            field = name if isinstance(name, str) and _unstorable(name) is None else repr(name)
            raise ValidationError(field, problem, record=label)


def _unstorable(value: object) -> str | None:
    """What keeps ``value`` from being stored, or None; a walk, not a recursion, so that
    any depth is measured without running out of stack."""
    pending = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError as error:
                    return (
                        f"holds text that is not valid Unicode: {item[error.start]!r} "
                        f"(a lone surrogate) at character {error.start + 1}"
                    )
        elif isinstance(item, Mapping | list):
            if depth == MAX_NESTING:
                return f"nests lists or objects more than {MAX_NESTING} deep"
            children = [*item.keys(), *item.values()] if isinstance(item, Mapping) else item
            pending.extend((child, depth + 1) for child in children)
    return None


def references(collection: str) -> dict[str, str]:
    """The id fields of ``collection`` and the collection each points into."""
    return {name: spec.ref for name, spec in SCHEMA[collection].items() if spec.ref}
