"""Other tools' exports as stratui interchange documents: Taskwarrior and CSV.

``stratui import --from taskwarrior FILE`` and ``--from csv FILE --map ...`` turn the
file into commitments of an interchange document (docs/EXPORT-FORMAT.md) that the
ordinary importer then writes, all or nothing. Each commitment keeps its external
reference (``ref``: ``taskwarrior:<uuid>``, ``csv:<key>``) and its id is computed from
it (:func:`~stratui.domain.records.stable_id`), so importing the same file twice changes
nothing, and importing it again after edits in the other tool updates the same
commitments (the newer ``updated_at`` wins) rather than adding copies.

* **Taskwarrior** (the JSON array of ``task export``): pending and waiting are open,
  completed done, deleted dropped (recurring templates are skipped: their instances are
  the tasks); the week is the due date's, else the entry's; project and tags are kept in
  the notes; the stamps are the task's entry and modified times.
* **CSV** with a column map (``title=Summary,due=Due,owner=Assignee,ref=Issue key``):
  ``title`` is required; ``ref`` (recommended: the issue key) makes re-imports update;
  without it the title and owner name the row. Status words are read loosely (done,
  closed, resolved; dropped, cancelled, won't do; anything else open).

A bad file is one :class:`ForeignError` naming the entry (its number, and its uuid or
key) and the field; nothing is written.

Pure module: no Textual, no TinyDB, no store. "me", "now" and "today" are parameters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from stratui.domain import records as rec
from stratui.domain.weeks import week_of
from stratui.exchange.document import FORMAT, VERSION

FORMATS = ("taskwarrior", "csv")
MAP_FIELDS = ("title", "due", "owner", "week", "status", "ref", "notes")
_TASK_STATUS = {"pending": "open", "waiting": "open", "completed": "done", "deleted": "dropped"}
_TASK_TIME = re.compile(r"[0-9]{8}T[0-9]{6}Z")
_DONE_WORDS = {"done", "closed", "resolved", "complete", "completed", "fixed"}
_DROPPED_WORDS = {"dropped", "cancelled", "canceled", "won't do", "wont do", "rejected"}


class ForeignError(ValueError):
    """The other tool's file cannot be read as commitments; the message names where."""


@dataclass(slots=True)
class Task:
    """One task of ``task export``, checked: what stratui reads of it (times in UTC)."""

    uuid: str
    status: str  # pending, waiting, completed or deleted
    description: str
    entry: dt.datetime
    modified: dt.datetime
    due: dt.datetime | None
    end: dt.datetime | None
    project: object
    tags: object


def read_tasks(tasks: object) -> list[Task]:
    """The tasks of ``task export``'s array ``tasks``, recurring templates left out
    (their instances are the tasks).

    Raises:
        ForeignError: not the array of ``task export``, naming the task and the field.
    """
    read = []
    for number, task in json_objects(
        tasks, "taskwarrior: expected the JSON array of `task export`", "taskwarrior task"
    ):
        where = f"taskwarrior task {number}"
        uuid = task.get("uuid")
        if not isinstance(uuid, str) or not uuid.strip():
            raise ForeignError(f"{where}: uuid: expected the task's uuid")
        where = f"taskwarrior task {number} ({uuid})"
        status = task.get("status")
        if status == "recurring":
            continue
        if status not in _TASK_STATUS:
            raise ForeignError(
                f"{where}: status: expected one of {', '.join(_TASK_STATUS)} or recurring, "
                f"got {status!r}"
            )
        title = task.get("description")
        if not isinstance(title, str) or not title.strip():
            raise ForeignError(f"{where}: description: expected text")
        entry = _task_moment(task, "entry", where, required=True)
        assert entry is not None
        read.append(
            Task(
                uuid=uuid,
                status=str(status),
                description=title,
                entry=entry,
                modified=_task_moment(task, "modified", where) or entry,
                due=_task_moment(task, "due", where),
                end=_task_moment(task, "end", where),
                project=task.get("project"),
                tags=task.get("tags"),
            )
        )
    return read


def json_objects(
    value: object, array: str, entry: str, error: type[ValueError] = ForeignError
) -> list[tuple[int, Mapping]]:
    """The objects of the JSON array ``value``, numbered from 1: another tool's list.

    Raises:
        error: ``value`` is no array (``array``, then what it is), or an entry is no
            object (``entry`` and its number).
    """
    if not isinstance(value, list):
        raise error(f"{array}, got {type(value).__name__}")
    for number, item in enumerate(value, 1):
        if not isinstance(item, Mapping):
            raise error(f"{entry} {number}: expected an object")
    return list(enumerate(value, 1))


def task_ref(uuid: str) -> str:
    """The external reference a task's commitment keeps: ``taskwarrior:<uuid>``."""
    return f"taskwarrior:{uuid}"


def taskwarrior_document(tasks: object, *, owner: str, now: dt.datetime) -> dict:
    """The commitments of ``task export``'s array ``tasks``, owned by ``owner``."""
    commitments = []
    for task in read_tasks(tasks):
        due, end = task.due, task.end
        commitments.append(
            _commitment(
                ref=task_ref(task.uuid),
                title=task.description,
                owner=owner,
                week=week_of(local_day(due or task.entry)),
                status=_TASK_STATUS[task.status],
                due=local_day(due).isoformat() if due else None,
                closed=local_day(end) if end and task.status in ("completed", "deleted") else None,
                notes=_notes(("project", task.project), ("tags", task.tags)),
                created=task.entry,
                updated=task.modified,
            )
        )
    return _document(commitments, now)


def csv_document(
    text: str,
    mapping: Mapping[str, str],
    *,
    owner: str,
    now: dt.datetime,
    read_date: Callable[[str], dt.date],
    person: Callable[[str], str],
    written: dt.datetime | None = None,
) -> dict:
    """The commitments of a CSV export whose columns ``mapping`` names (field -> column).

    ``read_date`` reads a date cell as people write them, ``person`` an owner cell as the
    name of a person of the store (each raises ValueError, saying what is accepted).
    ``written`` is when the file was written (its modification time; default ``now``):
    each row is stamped with it, so importing the same file again changes nothing, an
    edit made in stratui since stays (it is newer), and a newer export of the file wins.
    """
    written = written or now
    text = text.removeprefix("\ufeff")  # a spreadsheet's byte-order mark is no column name
    if "title" not in mapping:
        raise ForeignError("--map: title: name the column that holds the title")
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = set(rows[0]) if rows else set()
    for field, column in mapping.items():
        if rows and column not in columns:
            raise ForeignError(
                f"--map: {field}={column}: no such column; the file has "
                + ", ".join(sorted(c for c in columns if c))
            )
    commitments = []
    for number, row in enumerate(rows, 2):  # line 1 is the header

        def cell(field: str, row: Mapping = row) -> str:
            column = mapping.get(field)
            return str(row.get(column) or "").strip() if column else ""

        title = cell("title")
        key = cell("ref")
        where = f"csv line {number}" + (f" ({key})" if key else "")
        if not title:
            raise ForeignError(f"{where}: {mapping['title']}: expected the title")
        who = owner
        if cell("owner"):
            try:
                who = person(cell("owner"))
            except ValueError as error:
                raise ForeignError(f"{where}: {mapping['owner']}: {error}") from None
        due_text = cell("due")
        try:
            due = read_date(due_text) if due_text else None
        except ValueError as error:
            raise ForeignError(f"{where}: {mapping['due']}: {error}") from None
        week = cell("week") or week_of(due or now.date())
        ref = f"csv:{key}" if key else f"csv:{who}:{title}"
        commitments.append(
            _commitment(
                ref=ref,
                title=title,
                owner=who,
                week=week,
                status=_status_word(cell("status")),
                due=due.isoformat() if due else None,
                closed=None,
                notes=cell("notes") or None,
                created=written,
                updated=written,
            )
        )
    return _document(commitments, now)


def parse_map(text: str) -> dict[str, str]:
    """``title=Summary,due=Due`` as {field: column}; ForeignError naming ``--map``."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        field, sep, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not column or field not in MAP_FIELDS:
            raise ForeignError(
                f"--map: expected FIELD=COLUMN pairs with FIELD one of {', '.join(MAP_FIELDS)}, "
                f"got {part.strip()!r}"
            )
        mapping[field] = column
    return mapping


def _status_word(word: str) -> str:
    lowered = word.strip().lower()
    if lowered in _DONE_WORDS:
        return "done"
    if lowered in _DROPPED_WORDS:
        return "dropped"
    return "open"


def _task_moment(
    task: Mapping, field: str, where: str, required: bool = False
) -> dt.datetime | None:
    """A Taskwarrior time (``20261204T120000Z``) as an aware UTC moment.

    Checked by pattern, then read by ``fromisoformat``: 35 times faster than
    ``strptime``, which was most of the time of reading a large export."""
    value = task.get(field)
    if value is None and not required:
        return None
    try:
        if not isinstance(value, str) or not _TASK_TIME.fullmatch(value):
            raise ValueError(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ForeignError(
            f"{where}: {field}: expected a Taskwarrior time like 20261204T120000Z, got {value!r}"
        ) from None


def local_day(moment: dt.datetime) -> dt.date:
    """The day a Taskwarrior time (stored in UTC) falls on here: a task due on Monday
    at midnight east of UTC is stored as Sunday 23:00Z, and is due on Monday."""
    return moment.astimezone().date()


def _notes(*parts: tuple[str, object]) -> str | None:
    bits = []
    for name, value in parts:
        if isinstance(value, list) and value:
            bits.append(f"{name}: {', '.join(str(v) for v in value)}")
        elif isinstance(value, str) and value.strip():
            bits.append(f"{name}: {value.strip()}")
    return " · ".join(bits) or None


def _commitment(
    *,
    ref: str,
    title: str,
    owner: str,
    week: str,
    status: str,
    due: str | None,
    closed: dt.date | None,
    notes: str | None,
    created: dt.datetime,
    updated: dt.datetime,
) -> dict:
    record = rec.new_commitment(
        title=title, owner=owner, week=week, now=created, due=due, notes=notes
    )
    record["id"] = rec.stable_id(ref)
    record["ref"] = ref
    record["status"] = status
    if status != "open":
        record["closed_on"] = (closed or updated.date()).isoformat()
        if status == "done":
            record["progress"] = 100
    record["updated_at"] = rec.stamp(max(updated, created))
    return {k: v for k, v in record.items() if v is not None}


def _document(commitments: list[dict], now: dt.datetime) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": rec.stamp(now),
        "commitments": commitments,
    }
