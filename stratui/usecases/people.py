"""The people and team use cases: add, list, rename, membership, and who ``me`` is.

Shared by the command line (``stratui person ...``, ``stratui team ...``) and the TUI.
Each change is one store transaction, all or nothing: a team's ``members`` and each
member's ``teams`` change together, and a rename rewrites every record that names the
person or team (see :data:`~stratui.domain.people.PERSON_REFERENCES` and
:data:`~stratui.domain.people.TEAM_REFERENCES`), the rituals' drafts included.

Refused input raises :class:`~stratui.domain.schema.ValidationError` whose ``field`` is
the input's name (``name``, ``new name``, ``members``, ``team``, ``person``) and whose
message says what is accepted; nothing is written then.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from stratui.domain import people as rules
from stratui.domain import records as rec
from stratui.domain.schema import ValidationError
from stratui.rituals.renames import rename_person_in_answers, rename_team_in_answers
from stratui.store.config import read_config, update_config
from stratui.store.layout import relpath
from stratui.usecases.workspace import Workspace, current_user

# -- reading -------------------------------------------------------------------------------


def people(ws: Workspace) -> list[dict]:
    """Every person, by name (case-insensitive)."""
    return sorted(ws.store.all("people"), key=lambda r: (r["name"].casefold(), r["name"]))


def teams(ws: Workspace) -> list[dict]:
    """Every team, by name (case-insensitive)."""
    return sorted(ws.store.all("teams"), key=lambda r: (r["name"].casefold(), r["name"]))


def person(ws: Workspace, name: str, field: str = "person") -> dict:
    """The person named ``name`` (exact, else up to case); ValidationError naming ``field``
    and the known people if none."""
    return dict(rules.require_named(ws.store.all("people"), name, field, "person"))


def team(ws: Workspace, name: str) -> dict:
    """The team named ``name`` (exact, else up to case); ValidationError if none."""
    return dict(rules.require_named(ws.store.all("teams"), name, "team", "team"))


def teams_of(ws: Workspace, name: str) -> list[dict]:
    """The teams ``name`` is a member of, by name."""
    return [t for t in teams(ws) if any(rules.same_name(m, name) for m in t.get("members", ()))]


def choose_team(ws: Workspace, name: str | None = None) -> dict:
    """The team a team ritual is for: ``name``, else the only team, else me's only team
    (see :func:`stratui.domain.people.choose_team`)."""
    return dict(rules.choose_team(ws.store.all("teams"), name, ws.me))


def add_person(ws: Workspace, name: str) -> dict:
    """A new person named ``name``, in no team yet; returns the record."""
    name = rules.check_name(name, "name")
    with ws.store.transaction() as tx:
        rules.refuse_taken(ws.store.all("people"), name, "name", "person")
        record = rec.new_record("people", {"name": name, "teams": []}, ws.clock.now())
        return tx.insert("people", record)


def rename_person(ws: Workspace, old: str, new: str) -> dict:
    """Rename a person everywhere, in one transaction; returns the renamed person.

    Every record naming the person (commitment, roadblock and goal owners, review owners,
    facilitators and participants, team members, retro card authors, and the names inside
    the rituals' drafts) is rewritten, with the local ``me`` setting when it named them.
    When the person was me by the login name, me is set to the new name, so that me stays
    a person (``STRATUI_ME`` is the user's to change).
    """
    me = who_am_i(ws)
    person, old_name = _rename_everywhere(
        ws, "people", "person", old, new, rules.PERSON_REFERENCES, rename_person_in_answers
    )
    followed = me.name if me.source == "login" else me.configured
    if person["name"] != old_name and followed == old_name:
        update_config(ws.store, {"me": person["name"]})
    return person


def _rename_everywhere(
    ws: Workspace,
    collection: str,
    kind: str,
    old: str,
    new: str,
    references: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
    rename_in_answers: Callable[[Mapping, str, str], dict | None],
) -> tuple[dict, str]:
    """Rename the ``kind`` (person or team) named ``old`` to ``new`` in its record and in
    every record that names it (``references``, and the drafts' answers through
    ``rename_in_answers``), in one transaction; returns the renamed record and its old
    name. Renaming to the same name writes nothing.
    """
    new = rules.check_name(new, "new name")
    with ws.store.transaction() as tx:
        every = ws.store.all(collection)
        current = rules.require_named(every, old, kind, kind)
        rules.refuse_taken(every, new, "new name", kind, but=current["id"])
        old_name = str(current["name"])
        if new == old_name:
            return dict(current), old_name
        writes = rules.renamed_records(
            ws.store.collections(),
            old_name,
            new,
            references,
            ws.clock.now(),
            answers=lambda answers: rename_in_answers(answers, old_name, new),
        )
        renamed = next(r for r in writes[collection] if r["id"] == current["id"])
        former = [n for n in renamed.get("former_names") or () if n != new]
        renamed["former_names"] = [*former, old_name] if old_name not in former else former
        tx.put_many(writes)
    return renamed, old_name


def _renamed_answers(
    rename: Callable[[Mapping, str, str], dict | None], old: str, new: str, answers: Mapping
) -> dict | None:
    return rename(answers, old, new)


def follow_renames(ws: Workspace, files: Iterable[str] | None = None) -> list[str]:
    """Rename what still names a person or team by a name a rename took away (written
    on a clone that had not seen the rename when it synced), in one transaction; a
    line for each name followed. A former name someone holds now is left alone.

    ``files`` (store files, relative paths): only the records they hold can name a
    former name (what a merge and a plain git pull since the last sync changed: every
    other record followed the renames already), unless the people or teams changed
    there (a rename arriving: every record may name the name it took away).
    """
    if files is not None and {relpath("people", None), relpath("teams", None)} & set(files):
        files = None
    lines: list[str] = []
    with ws.store.transaction() as tx:
        for collection, kind, references, in_answers in (
            ("people", "person", rules.PERSON_REFERENCES, rename_person_in_answers),
            ("teams", "team", rules.TEAM_REFERENCES, rename_team_in_answers),
        ):
            holders = ws.store.all(collection)
            taken = {str(r["name"]) for r in holders}
            for holder in holders:
                for old in holder.get("former_names") or ():
                    if old in taken:
                        continue
                    new = str(holder["name"])
                    writes = rules.renamed_records(
                        ws.store.collections(files=files),
                        old,
                        new,
                        references,
                        ws.clock.now(),
                        answers=functools.partial(_renamed_answers, in_answers, old, new),
                    )
                    if writes:
                        tx.put_many(writes)
                        count = sum(len(records) for records in writes.values())
                        lines.append(
                            f"{kind} {old} is {new} now (renamed on another clone): "
                            f"{count} record{'' if count == 1 else 's'} followed"
                        )
    return lines


# -- teams ---------------------------------------------------------------------------------


def add_team(ws: Workspace, name: str, members: list[str] | str | None = None) -> dict:
    """A new team named ``name`` with ``members`` (existing people); returns the team.

    ``members`` may be a list of names or ``"a,b"``; each member's ``teams`` gains the
    team in the same transaction.
    """
    name = rules.check_name(name, "name")
    wanted = rules.parse_names(members, "members") if members else []
    with ws.store.transaction() as tx:
        rules.refuse_taken(ws.store.all("teams"), name, "name", "team")
        found = _people_named(ws, wanted)
        now = ws.clock.now()
        record = rec.new_record("teams", {"name": name, "members": [p["name"] for p in found]}, now)
        tx.put_many(
            {
                "teams": [record],
                "people": [_joined(p, name, now) for p in found],
            }
        )
        return record


def rename_team(ws: Workspace, old: str, new: str) -> dict:
    """Rename a team everywhere (members' teams, goals, reviews, drafts); returns it."""
    team, _ = _rename_everywhere(
        ws, "teams", "team", old, new, rules.TEAM_REFERENCES, rename_team_in_answers
    )
    return team


def add_members(ws: Workspace, team_name: str, names: list[str] | str) -> dict:
    """Add existing people to a team (and the team to their ``teams``); returns the team.

    Refused (nothing written) for an unknown person or one who is a member already.
    """
    wanted = rules.parse_names(names, "members")
    with ws.store.transaction() as tx:
        current = team(ws, team_name)
        found = _people_named(ws, wanted)
        members = list(current.get("members", ()))
        for record in found:
            if any(rules.same_name(m, record["name"]) for m in members):
                raise ValidationError(
                    "members", f"{record['name']!r} is in {current['name']!r} already"
                )
            members.append(record["name"])
        now = ws.clock.now()
        updated = rec.updated("teams", current, {"members": members}, now)
        tx.put_many(
            {"teams": [updated], "people": [_joined(p, current["name"], now) for p in found]}
        )
        return updated


def remove_members(ws: Workspace, team_name: str, names: list[str] | str) -> dict:
    """Take people out of a team (and the team out of their ``teams``); returns the team.

    Their past records keep naming them; refused for a name that is not a member.
    """
    wanted = rules.parse_names(names, "members")
    with ws.store.transaction() as tx:
        current = team(ws, team_name)
        members = list(current.get("members", ()))
        for name in wanted:
            if not any(rules.same_name(m, name) for m in members):
                raise ValidationError(
                    "members",
                    f"{name!r} is not a member of {current['name']!r}; members: "
                    + (", ".join(members) or "none"),
                )
            members = rules.without_name(members, name)
        now = ws.clock.now()
        leaving = [
            p
            for p in ws.store.all("people")
            if any(rules.same_name(p["name"], name) for name in wanted)
        ]
        updated = rec.updated("teams", current, {"members": members}, now)
        people_changes = [
            rec.updated(
                "people", p, {"teams": rules.without_name(p.get("teams", ()), current["name"])}, now
            )
            for p in leaving
            if any(rules.same_name(t, current["name"]) for t in p.get("teams", ()))
        ]
        tx.put_many({"teams": [updated], "people": people_changes})
        return updated


def _people_named(ws: Workspace, names: list[str]) -> list[dict]:
    """The person records for ``names``, in order; ValidationError for an unknown one."""
    everyone = ws.store.all("people")
    return [dict(rules.require_named(everyone, name, "members", "person")) for name in names]


def _joined(person_record: dict, team_name: str, now) -> dict:
    teams_ = rules.with_name(person_record.get("teams", ()), team_name)
    return rec.updated("people", person_record, {"teams": teams_}, now)


# -- me ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Me:
    """Who ``me`` is and why: ``source`` is ``STRATUI_ME``, ``config`` or ``login``.

    ``configured`` is the name the store's local config holds (None when unset); it is
    what ``me`` becomes when ``STRATUI_ME`` is not set.
    """

    name: str
    source: str
    configured: str | None


def who_am_i(ws: Workspace) -> Me:
    """The current user and where the name comes from (see :func:`set_me`)."""
    configured = _configured_me(ws)
    if os.environ.get("STRATUI_ME", "").strip():
        source = "STRATUI_ME"
    elif configured:
        source = "config"
    else:
        source = "login"
    return Me(current_user(ws.store), source, configured)


def set_me(ws: Workspace, name: str) -> Me:
    """Make ``name`` (an existing person) ``me`` on this machine, for this store.

    Written to the store's local config (``.stratui/config.json``, which git never
    shares), where :func:`stratui.usecases.workspace.current_user` reads it; ``STRATUI_ME`` still
    wins when set. The store's records are not changed.
    """
    check = rules.check_name(name, "person")
    record = person(ws, check)
    update_config(ws.store, {"me": record["name"]})
    return who_am_i(ws)


def _configured_me(ws: Workspace) -> str | None:
    value = read_config(ws.store).get("me")
    return value.strip() if isinstance(value, str) and value.strip() else None
