"""The commit message of ``stratui sync``: what changed in the store, in words.

The subject counts the changes per collection (``stratui (ana): commitments: 2 added, 1
changed; reviews: 1 added``); the body lists each record changed, so that ``git log``
reads as the team's journal. Records are matched by id across files, so a commitment that
moved to another week's shard reads as changed, not as deleted and added.

Pure module: it compares records it is given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

BODY_LINES = 40
"""At most this many records are listed in the body; the rest are counted."""

Collections = Mapping[str, Mapping[str, Mapping]]  # collection -> id -> record


def changes(before: Collections, after: Collections) -> list[tuple[str, str, Mapping]]:
    """``(verb, collection, record)`` for each record that differs, in a stable order.

    The verb is ``added``, ``changed``, ``deleted`` (it became a tombstone) or
    ``removed`` (gone from the files compared).
    """
    found = []
    for collection in sorted({*before, *after}):
        old_records, new_records = before.get(collection, {}), after.get(collection, {})
        for rid in sorted({*old_records, *new_records}):
            old, new = old_records.get(rid), new_records.get(rid)
            if old == new:
                continue
            if new is None:
                found.append(("removed", collection, old))
            elif new.get("deleted") and not (old or {}).get("deleted"):
                found.append(("deleted", collection, new))
            elif old is None:
                found.append(("added", collection, new))
            else:
                found.append(("changed", collection, new))
    return found


def describe(before: Collections, after: Collections) -> tuple[str, list[str]]:
    """A one-line count of the changes per collection (``""`` when none), and one line
    per record changed (at most :data:`BODY_LINES`, then a count of the rest)."""
    found = changes(before, after)
    counts: dict[str, dict[str, int]] = {}
    for verb, collection, _record in found:
        counts.setdefault(collection, {}).setdefault(verb, 0)
        counts[collection][verb] += 1
    subject = "; ".join(
        f"{collection}: " + ", ".join(f"{n} {verb}" for verb, n in verbs.items())
        for collection, verbs in counts.items()
    )
    body = [f"{verb} {collection} {label(collection, r)}" for verb, collection, r in found]
    if len(body) > BODY_LINES:
        body[BODY_LINES:] = [f"... and {len(body) - BODY_LINES} more"]
    return subject, body


def commit_message(
    who: str, before: Collections, after: Collections, templates: Sequence[str] = ()
) -> str:
    """The message of a commit of ``who``'s changes: a subject line, then the records.

    ``templates`` names the template files (``retro-kudos.toml``) the commit changes:
    they hold no records, so the subject names them."""
    subject, body = describe(before, after)
    if templates:
        named = f"templates: {', '.join(sorted(templates))}"
        subject = f"{subject}; {named}" if subject else named
    if not subject:
        return f"stratui ({who}): store files updated (no record changed)\n"
    if not body:
        return f"stratui ({who}): {subject}\n"
    return f"stratui ({who}): {subject}\n\n" + "\n".join(body) + "\n"


def label(collection: str, record: Mapping) -> str:
    """How the body names a record: its id, then its title (or what stands for one)."""
    words = ""
    if collection == "retro_items":  # a card's words could tell who wrote it: not in git
        return str(record.get("id", "?"))
    for field in ("title", "name", "text", "description"):
        if isinstance(record.get(field), str):
            words = record[field]
            break
    if collection == "reviews":
        words = f"{record.get('ritual', '')} review {record.get('period', '')}"
        if record.get("owner"):
            words += f" of {record['owner']}"
    elif collection == "goal_checkins":
        words = f"check-in of {record.get('date', '')}"
    if collection == "commitments" and record.get("week"):
        words += f" ({record['owner']}, {record['week']})" if record.get("owner") else ""
    words = " ".join(str(words).split())  # one line, whatever was typed
    if len(words) > 60:
        words = words[:57] + "..."
    return f"{record.get('id', '?')}: {words}" if words else str(record.get("id", "?"))
