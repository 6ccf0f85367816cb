"""The store's templates (``templates/*.toml``), read for the rituals and the CLI.

A template is read and checked by the rituals' core (:mod:`stratui.rituals.templates`):
this use case only hands it the files of the store's folder and the store's teams (a
template's ``team`` must be one of them). The rituals read it through the workspace
(:meth:`~stratui.usecases.workspace.Workspace.templates`), so they stay pure.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

from stratui.domain.people import same_name
from stratui.rituals.templates import Templates, read_templates
from stratui.store.templates import TEMPLATES_DIR, template_files
from stratui.usecases.workspace import Workspace

__all__ = ["TEMPLATES_DIR", "naming_team", "read", "source"]


def read(ws: Workspace) -> Templates:
    """Every template of the store, checked: the good ones and a line per refused file."""
    return read_templates(template_files(ws.store), teams=ws.store.all("teams"))


def source(ws: Workspace, name: str) -> tuple[str, str] | None:
    """The file of the template ``name`` (``retro-kudos``, ``retro-kudos.toml``, its
    path, or the name of the format it defines) and its text, as written; None when
    there is no such template. A refused template is found too (to show its mistake)."""
    files = template_files(ws.store)
    for rel, data in files:
        stem = rel.rsplit("/", 1)[-1]
        if name in (rel, stem, stem.removesuffix(".toml")):
            return rel, data.decode("utf-8", "replace")
    found = read(ws).named(name)
    if found is not None:
        for rel, data in files:
            if rel == found.file:
                return rel, data.decode("utf-8", "replace")
    return None


def naming_team(ws: Workspace, team: str) -> list[str]:
    """The template files whose ``team`` is ``team`` (whether or not that team exists).

    A template is a file the team wrote, so a rename does not rewrite it: the command
    that renames a team names these files for the person to change."""
    unchecked = read_templates(template_files(ws.store), teams=None)
    return [t.file for t in unchecked.templates if t.team and same_name(t.team, team)]
