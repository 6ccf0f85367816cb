"""Other tools' exports as stratui interchange documents: Taskwarrior, jrnl and CSV.

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

* **jrnl** (``jrnl --export json``: an object whose ``entries`` each have ``date``
  ``YYYY-MM-DD``, ``time`` ``HH:MM``, ``title``, ``body``, ``tags``, ``starred``): an
  entry tagged ``#roadblock`` becomes a roadblock of mine raised that day; every other
  entry becomes part of the notes of my weekly review of its week (a draft review is
  started when the week has none), where the weekly review shows and keeps them. The
  reference is ``jrnl:<date>T<time>`` (jrnl has no ids; a second entry of the same
  minute gets ``#2``); the review keeps the text each reference added (``jrnl``: {ref:
  text}), so an import after an edit in jrnl replaces that text in the notes, and
  what the person wrote there themselves stays.

A bad file is one :class:`ForeignError` naming the entry (its number, and its uuid or
key) and the field; nothing is written.

Pure module: no Textual, no TinyDB, no store. "me", "now" and "today" are parameters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from stratui.domain import records as rec
from stratui.domain.weeks import week_of
from stratui.exchange.document import FORMAT, VERSION

FORMATS = ("taskwarrior", "jrnl", "csv")
ROADBLOCK_TAG = "#roadblock"
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


def jrnl_document(
    export: object,
    *,
    owner: str,
    now: dt.datetime,
    weekly_review: Callable[[str], Mapping | None],
    roadblock: Callable[[str], Mapping | None],
    written: dt.datetime | None = None,
) -> dict:
    """The notes and roadblocks of jrnl's JSON ``export``, of ``owner``.

    ``written`` is when the file was written (its modification time; default ``now``):
    a roadblock changed in stratui after that keeps its changes.

    ``weekly_review(week)`` is the owner's weekly review of that week in the store (any
    status), or None: the entries of the week go into its notes. ``roadblock(id)`` is
    the stored roadblock of that id (deleted ones too), or None.
    """
    if not isinstance(export, Mapping) or not isinstance(export.get("entries"), list):
        got = type(export).__name__ if not isinstance(export, Mapping) else "no entries list"
        raise ForeignError(
            f'jrnl: expected the JSON object of `jrnl --export json` with "entries", got {got}'
        )
    notes: dict[str, dict[str, str]] = {}  # week -> ref -> text
    latest: dict[str, dt.datetime] = {}  # week -> when its last entry was written
    roadblocks = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(export["entries"], 1):
        where = f"jrnl entry {number}"
        if not isinstance(entry, Mapping):
            raise ForeignError(f"{where}: expected an object")
        day = _jrnl_day(entry.get("date"), where)
        clock = entry.get("time", "")
        if not isinstance(clock, str) or (clock and not _is_clock(clock)):
            raise ForeignError(f"{where} ({day}): time: expected HH:MM, got {clock!r}")
        where = f"jrnl entry {number} ({day} {clock})".replace(" )", ")")
        title = entry.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ForeignError(f"{where}: title: expected text")
        body = entry.get("body", "")
        if not isinstance(body, str):
            raise ForeignError(f"{where}: body: expected text, got {_json_name(body)}")
        tags = entry.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ForeignError(f"{where}: tags: expected a list of tags like #roadblock")
        key = f"jrnl:{day.isoformat()}T{clock}" if clock else f"jrnl:{day.isoformat()}"
        seen[key] = seen.get(key, 0) + 1
        ref = key if seen[key] == 1 else f"{key}#{seen[key]}"
        moment = _jrnl_moment(day, clock)
        if ROADBLOCK_TAG in (t.lower() for t in tags):
            fields = {
                "title": title.strip(),
                "owner": owner,
                "raised_on": day.isoformat(),
                "notes": body.strip() or None,
            }
            stored = roadblock(rec.stable_id(ref))
            roadblocks.append(_roadblock(stored, ref, fields, moment, now, written or now))
        else:
            text = f"{day.isoformat()} {clock} {title.strip()}".replace("  ", " ", 1)
            if entry.get("starred") is True:
                text += " ★"
            if body.strip():
                text += "\n" + body.strip()
            week = week_of(day)
            notes.setdefault(week, {})[ref] = text
            latest[week] = max(latest.get(week, moment), moment)
    reviews = [
        _review_with_notes(weekly_review(week), week, owner, texts, latest[week])
        for week, texts in sorted(notes.items())
    ]
    document = _document([], now)
    document.update(reviews=reviews, roadblocks=roadblocks)
    return document


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


def _jrnl_day(value: object, where: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2999:
        raise ForeignError(f"{where}: date: expected YYYY-MM-DD (1900 to 2999), got {value!r}")
    return day


def _is_clock(text: str) -> bool:
    try:
        dt.time.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 5


def _jrnl_moment(day: dt.date, clock: str) -> dt.datetime:
    """When an entry was written, in local time as jrnl keeps it, as an aware moment."""
    when = dt.time.fromisoformat(clock) if clock else dt.time()
    return dt.datetime.combine(day, when).astimezone()


def _json_name(value: object) -> str:
    return {dict: "an object", list: "a list", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _roadblock(
    stored: Mapping | None,
    ref: str,
    fields: Mapping[str, object],
    moment: dt.datetime,
    now: dt.datetime,
    written: dt.datetime,
) -> dict:
    """The roadblock of an entry: new (raised when the entry was written), or ``stored``
    with the entry's text and day when the journal file was ``written`` after the
    roadblock last changed; its owner, resolution and other edits made in stratui are
    kept, and an edit made in stratui after the file was written wins over it (so an
    unchanged file imported again changes nothing)."""
    if stored is None:
        record = rec.new_record(
            "roadblocks", {**fields, "kind": "other", "severity": "medium"}, moment
        )
        record["id"] = rec.stable_id(ref)
        record["ref"] = ref
        record["updated_at"] = rec.stamp(max(now, moment))
        return record
    if str(stored.get("updated_at") or "") >= rec.stamp(written):
        return dict(stored)  # changed in stratui since the journal was written
    entry = {key: value for key, value in fields.items() if key != "owner"}
    return _changed("roadblocks", stored, entry, now)


def _changed(collection: str, record: Mapping, changes: Mapping, now: dt.datetime) -> dict:
    """``record`` with ``changes``, stamped later than it (an import must win over the
    copy it changes, even on a clock behind the record's); ``record`` if nothing changes."""
    if all(record.get(key) == value for key, value in changes.items()):
        return dict(record)
    result = rec.updated(collection, record, changes, now)
    if result["updated_at"] == record.get("updated_at"):
        later = dt.datetime.fromisoformat(str(record["updated_at"]).replace("Z", "+00:00"))
        result["updated_at"] = rec.stamp(later + dt.timedelta(milliseconds=1))
    return result


def _review_with_notes(
    review: Mapping | None, week: str, owner: str, texts: Mapping[str, str], written: dt.datetime
) -> dict:
    """``review`` (or a new draft weekly review of ``owner`` for ``week``) whose notes
    hold ``texts`` (ref -> text): the texts an earlier import added are replaced, what
    else the notes say stays. Unchanged when the notes already say it all.

    It is stamped when the week's last entry was ``written`` (or just after its stored
    stamp, if later): the weekly review resumes the newest draft, which must stay the
    person's own, or the latest week's, not the one an import touched last."""
    now = written
    if review is None:
        fields = {"ritual": "weekly", "period": week, "owner": owner, "participants": [owner]}
        new = rec.new_record(
            "reviews",
            {**fields, "status": "draft", "started_at": rec.stamp(now), "answers": {}},
            now,
        )
        new["id"] = rec.stable_id("jrnl", owner, week)
        review = new
    earlier = review.get("jrnl") if isinstance(review.get("jrnl"), Mapping) else {}
    merged = {**earlier, **texts}
    changes: dict[str, object] = {"jrnl": dict(sorted(merged.items()))}
    changes["notes"] = _notes_with(review.get("notes"), earlier.values(), merged.values())
    answers = review.get("answers")
    if isinstance(answers, Mapping):  # what the weekly review shows and writes back
        changes["answers"] = {
            **answers,
            "notes": _notes_with(answers.get("notes"), earlier.values(), merged.values()),
        }
    return _changed("reviews", review, changes, now)


def _notes_with(notes: object, earlier: Iterable[str], texts: Iterable[str]) -> str:
    """``notes`` without the ``earlier`` imported texts, followed by ``texts``.

    An earlier text is taken out only where it stands whole, as a paragraph of its own:
    a paragraph the person edited (``Shipped X (to prod)``) is theirs now and stays as
    they wrote it, and so do their own words that happen to contain an imported text.
    """
    own = notes if isinstance(notes, str) else ""
    imported = set(earlier) | set(texts)
    kept = [part for part in own.split("\n\n") if part.strip("\n") not in imported]
    own = "\n\n".join(kept).strip("\n")
    return "\n\n".join([own, *sorted(texts)] if own else sorted(texts))


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
