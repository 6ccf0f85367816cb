"""``stratui check``: a full verification of a store, file by file and record by record.

Unlike the cheap check every command makes (only files changed since last seen), this
reads everything: each file decodes, each record is valid (its dates in the supported
years, its text storable) and sits in the shard its fields call for, ids are unique, and
every reference points to a live record. And :func:`unknown_people` lists the records
that name someone who is not a person.

It reads the store twice, one file at a time, never the whole of it: first each file's
ids (into :class:`_Ids`, a compact table), then each record, checked against them. So
its memory stays that of one file and the ids, whatever the length of the history.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from stratui.domain.people import PERSON_REFERENCES
from stratui.domain.schema import (
    ValidationError,
    check_storable,
    check_supported_years,
    references,
    validate_record,
)
from stratui.store.errors import StoreError
from stratui.store.layout import (
    FOLLOW_REVIEW,
    META_FILE,
    SHARDED,
    UNSHARDED,
    key_for_period,
    parse_relpath,
    shard_key,
)

_REFERENCES = {c: tuple(references(c).items()) for c in (*UNSHARDED, *SHARDED)}
_PERSON_ORDER = {collection: place for place, collection in enumerate(PERSON_REFERENCES)}


@dataclass(frozen=True)
class Problem:
    """One thing ``stratui check`` found wrong: its line (``message``, as printed), and
    what it is about, for a script (``check --json``): the file (a path), the record
    (its collection and id) and the field, each None when it is not about one."""

    message: str
    file: str | None = None
    collection: str | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class Verdict:
    """What a full check found: its problems (none: the store is sound) and how many
    live records the store holds."""

    problems: list[Problem] = field(default_factory=list)
    records: int = 0


class _Ids:
    """The ids of one collection and whether each is live, in about 20 bytes an id.

    A set of the ids themselves costs some 100 bytes an id (a str and its slot): 20 MB
    for ten years of fifty people. This keeps each id's 64-bit hash instead, in an open
    addressing table (an ``array``), and its live flag in a ``bytearray``. Two ids of
    the same hash (a chance of about one in 10^9 in the largest store, and another
    draw in the next process: ``str`` hashes are salted) count as one for references
    and the live count, which could hide a dangling reference or report a live one;
    a shared hash is said "stored twice" only when the ids themselves are the same.
    """

    def __init__(self) -> None:
        self._marks = array("q", bytes(8 * 1024))
        self._live = bytearray(1024)
        self._count = 0

    @staticmethod
    def _mark(rid: str) -> int:
        return hash(rid) | 1  # never 0, the mark of an empty slot

    def _slot(self, mark: int) -> int:
        marks, mask = self._marks, len(self._marks) - 1
        index = (mark >> 1) & mask
        while marks[index] != mark and marks[index] != 0:
            index = (index + 1) & mask
        return index

    def add(self, rid: str, live: bool) -> bool:
        """Note ``rid`` and whether it is live (the last copy read decides); False when
        an id of its hash was already noted."""
        mark = self._mark(rid)
        index = self._slot(mark)
        new = self._marks[index] == 0
        self._marks[index] = mark
        self._live[index] = live
        if new:
            self._count += 1
            if 2 * self._count > len(self._marks):
                self._grow()
        return new

    def _grow(self) -> None:
        marks, live = self._marks, self._live
        self._marks = array("q", bytes(16 * len(marks)))
        self._live = bytearray(2 * len(live))
        for old, mark in enumerate(marks):
            if mark:
                index = self._slot(mark)
                self._marks[index], self._live[index] = mark, live[old]

    def is_live(self, rid: str) -> bool:
        """Whether ``rid`` was noted, and live."""
        mark = self._mark(rid)
        index = self._slot(mark)
        return self._marks[index] == mark and bool(self._live[index])

    def live_count(self) -> int:
        return sum(self._live)


def check_store(store) -> list[str]:
    """Every problem found, one line each naming the file or the record; [] when sound."""
    return [problem.message for problem in verify_store(store).problems]


def verify_store(store, *, people: bool = False) -> Verdict:
    """Every problem of the store (and, with ``people``, of :func:`unknown_people`,
    found in the same reading), and the number of its live records."""
    backend = store.backend
    try:
        store.open()
        if backend.exists():
            store._read_meta()  # again: the store may have been opened before it broke
    except StoreError as error:
        return Verdict([_store_problem(error)])
    if not backend.exists():
        return Verdict(
            [Problem(f"no store at {store.location} yet (it is created by the first write)")]
        )
    verdict = Verdict()
    with store.shared_lock():  # one consistent state
        listing = backend.listing()
        for rel in sorted(set(store._load_manifest()) - set(listing)):
            try:
                store._refuse_missing(rel)  # a file this store wrote, gone
            except StoreError as error:
                verdict.problems.append(_store_problem(error))
        rels = sorted(rel for rel in listing if rel != META_FILE)
        index = _Index(store, verdict.problems)
        readable = index.read_ids(rels)
        records = _Records(store, index, verdict.problems, people)
        for collection in (*UNSHARDED, *SHARDED):
            for rel in readable:
                if parse_relpath(rel)[0] == collection:  # type: ignore[index]
                    records.check_file(collection, rel)
        records.finish()
    verdict.records = sum(ids.live_count() for ids in index.ids.values())
    return verdict


def _store_problem(error: StoreError) -> Problem:
    return Problem(str(error), file=getattr(error, "path", None))


class _Index:
    """The first reading: each file's ids, and the period of each review a retro item or
    ballot belongs to (it decides their shard)."""

    def __init__(self, store, problems: list[Problem]) -> None:
        self.store = store
        self.problems = problems
        self.ids: dict[str, _Ids] = {c: _Ids() for c in (*UNSHARDED, *SHARDED)}
        self.shared: set[int] = set()  # marks noted twice: an id stored twice, or a shared hash
        self.periods: dict[str, object] = {}  # review id -> period, of the reviews followed
        self.people: set[object] = set()  # the names of the live people

    def read_ids(self, rels: list[str]) -> list[str]:
        """Note the ids of every file of ``rels`` (in order: the last copy of an id
        stored twice decides, as the store reads it); the files that could be read."""
        readable = []
        followed: set[str] = set()
        # Retro items and ballots before reviews, to keep only the periods they need.
        for rel in sorted(rels, key=lambda r: parse_relpath(r)[0] == "reviews"):  # type: ignore[index]
            collection = parse_relpath(rel)[0]  # type: ignore[index]
            try:
                shard = self.store._shard_records(rel, checked=False, keep=False)
            except StoreError as error:
                self.problems.append(_store_problem(error))
                continue
            readable.append(rel)
            ids = self.ids[collection]
            for rid, record in shard.items():
                if not ids.add(rid, not record.get("deleted")):
                    self.shared.add(_Ids._mark(rid))
                if collection in FOLLOW_REVIEW and isinstance(record.get("review_id"), str):
                    followed.add(record["review_id"])
                elif collection == "reviews" and rid in followed:
                    self.periods[rid] = record.get("period")
                elif collection == "people" and not record.get("deleted"):
                    self.people.add(record.get("name"))
        return sorted(readable)


class _Records:
    """The second reading: each record checked, against the ids of the first."""

    def __init__(self, store, index: _Index, problems: list[Problem], people: bool) -> None:
        self.store = store
        self.index = index
        self.problems = problems
        self.people = people
        self.unknown: list[tuple[tuple, Problem]] = []
        # Copies of the ids whose hash was noted twice, checked once all are read.
        self.copies: dict[tuple[str, str], list[tuple[str, dict]]] = {}

    def check_file(self, collection: str, rel: str) -> None:
        try:
            shard = self.store._shard_records(rel, checked=False, keep=False)
        except StoreError as error:  # changed since the first reading: it cannot be, locked
            self.problems.append(_store_problem(error))
            return
        path = self.store.backend.path_of(rel)
        shared = self.index.shared
        for rid, record in shard.items():
            if shared and _Ids._mark(rid) in shared:
                self.copies.setdefault((collection, rid), []).append((rel, record))
            else:
                self.check_record(collection, rid, record, rel, path)

    def finish(self) -> None:
        """The records whose id is stored twice: said so, then the last copy checked
        (the one the store reads); then the people no one is."""
        twice = [(c, rid, found) for (c, rid), found in self.copies.items() if len(found) > 1]
        for collection, rid, found in twice:
            first, last = found[-2][0], found[-1][0]
            self.problems.append(
                Problem(
                    f"{collection} {rid}: stored twice ({first}, {last}); "
                    "after a git merge, `stratui sync` keeps the right copy",
                    file=self.store.backend.path_of(last),
                    collection=collection,
                    record=rid,
                )
            )
        for (collection, rid), found in self.copies.items():
            rel, record = found[-1]
            self.check_record(collection, rid, record, rel, self.store.backend.path_of(rel))
        self.unknown.sort(key=lambda entry: entry[0])
        self.problems.extend(problem for _, problem in self.unknown)

    def check_record(self, collection: str, rid: str, record: dict, rel: str, path: str) -> None:
        if self.people and collection != "people" and not record.get("deleted"):
            self._people(collection, rid, record, path)
        try:
            check_storable(collection, record)
            validate_record(collection, record)
            check_supported_years(collection, record)
        except ValidationError as error:
            self.problems.append(
                Problem(f"{error} (in {path})", path, collection, rid, error.field)
            )
            return
        if record.get("deleted"):
            return
        actual = parse_relpath(rel)[1]  # type: ignore[index]
        expected = self._expected_key(collection, record)
        if collection not in UNSHARDED and expected is not None and expected != actual:
            self.problems.append(
                Problem(
                    f"{collection} {rid}: belongs in shard {expected}, found in {actual}",
                    path,
                    collection,
                    rid,
                )
            )
        for name, target in _REFERENCES[collection]:
            value = record.get(name)
            if value is None:
                continue
            if not (isinstance(value, str) and self.index.ids[target].is_live(value)):
                self.problems.append(
                    Problem(
                        f"{collection} {rid}: {name} {value} points to no {target} record",
                        path,
                        collection,
                        rid,
                        name,
                    )
                )

    def _expected_key(self, collection: str, record: dict) -> str | None:
        if collection in FOLLOW_REVIEW:
            period = self.index.periods.get(str(record.get("review_id")))
            return key_for_period(str(period)) if period is not None else None
        return shard_key(collection, record)

    def _people(self, collection: str, rid: str, record: dict, path: str) -> None:
        if collection not in PERSON_REFERENCES:
            return
        place = _PERSON_ORDER[collection]
        found = _unknown_names(collection, record, self.index.people)
        for number, problem in enumerate(found):
            problem = Problem(problem.message, path, collection, rid, problem.field)
            self.unknown.append(((place, rid, number), problem))


def unknown_people(store) -> list[str]:
    """A line for each live record that names someone who is not a person: a field of
    ``PERSON_REFERENCES`` (an owner, a member, a participant...), matched exactly, as a
    rename matches names. [] when everyone named exists.

    Apart from :func:`check_store` (what ``Store.check`` returns: is the store sound as a
    store) because it is about what the records say, not how they are kept: ``stratui
    check`` reports both, in one reading (:func:`verify_store` with ``people``).
    """
    from stratui.store.ordered import in_order

    with store.reading():
        people = {p.get("name") for p in store.all("people")}
        problems: list[str] = []
        for collection in PERSON_REFERENCES:
            if collection == "people":
                continue
            for record in in_order(store, collection, lambda r: r["id"]):
                problems += [p.message for p in _unknown_names(collection, record, people)]
    return problems


def _unknown_names(collection: str, record: dict, people) -> Iterator[Problem]:
    """A problem for each field of ``record`` naming people not in ``people``."""
    single, lists = PERSON_REFERENCES[collection]
    rid = record["id"]
    for name in (*single, *lists):
        value = record.get(name)
        names = value if isinstance(value, list) else [] if value is None else [value]
        unknown = [n for n in dict.fromkeys(names) if n not in people]
        if unknown:
            who = ", ".join(repr(n) for n in unknown)
            verb = "names" if len(unknown) == 1 else "name"
            yield Problem(
                f"{collection} {rid}: {name} {who} {verb} no person",
                collection=collection,
                record=rid,
                field=name,
            )
