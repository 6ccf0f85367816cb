"""Who a figure covers: one person, one team, or everyone (docs/METRICS.md, "Scope").

- A team's members are its ``members`` and every person whose ``teams`` names it.
- Commitments and reviews are in scope by owner.
- A roadblock is in scope when its owner is, or when it is linked to a commitment or a
  goal in scope.
- A goal is in scope when its owner is (for a team: when its ``team`` is that team or its
  owner a member).

For everyone, every record is in scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


def team_members(team: str, teams: Iterable[Mapping], people: Iterable[Mapping]) -> frozenset:
    """The names of ``team``'s members: its ``members`` and every person whose ``teams``
    names it (the two lists may disagree; either is enough)."""
    names = {
        str(name)
        for record in teams
        if record.get("name") == team
        for name in record.get("members") or ()
    }
    names.update(str(person["name"]) for person in people if team in (person.get("teams") or ()))
    return frozenset(names)


@dataclass(frozen=True)
class Scope:
    """One person (``owner``), one team (``team`` and its ``members``), or everyone."""

    owner: str | None = None
    team: str | None = None
    members: frozenset = frozenset()

    def __post_init__(self) -> None:
        if self.owner is not None and self.team is not None:
            raise ValueError("a scope is one person or one team, not both")

    @classmethod
    def of_team(cls, team: str, teams: Iterable[Mapping], people: Iterable[Mapping]) -> Scope:
        """The scope of ``team``, its members found as :func:`team_members` says."""
        return cls(team=team, members=team_members(team, teams, people))

    @property
    def everyone(self) -> bool:
        """True when the scope is not narrowed to a person or a team."""
        return self.owner is None and self.team is None

    def as_json(self) -> dict[str, str]:
        """The report's ``scope``: ``{"owner": ...}``, ``{"team": ...}`` or ``{}``."""
        if self.owner is not None:
            return {"owner": self.owner}
        if self.team is not None:
            return {"team": self.team}
        return {}

    def has_person(self, name: object) -> bool:
        """True when the person ``name`` is in scope (for everyone: anyone, even nobody)."""
        if self.everyone:
            return True
        if self.owner is not None:
            return name == self.owner
        return name in self.members

    def has_owned(self, record: Mapping) -> bool:
        """A commitment or review: in scope by its ``owner``."""
        return self.has_person(record.get("owner"))

    def has_goal(self, goal: Mapping) -> bool:
        """A goal: its owner is in scope, or (team) its ``team`` is the team."""
        if self.team is not None and goal.get("team") == self.team:
            return True
        return self.has_owned(goal)

    def has_roadblock(
        self,
        roadblock: Mapping,
        commitment: Callable[[str], Mapping | None],
        goal: Callable[[str], Mapping | None],
    ) -> bool:
        """A roadblock: its owner is in scope, or the commitment or goal it is linked to.

        ``commitment`` and ``goal`` look a linked record up by id (``None`` if unknown);
        they are called only when the owner alone does not decide.
        """
        if self.has_owned(roadblock):
            return True
        linked = roadblock.get("commitment_id")
        if linked and (record := commitment(str(linked))) is not None and self.has_owned(record):
            return True
        linked = roadblock.get("goal_id")
        return bool(linked and (record := goal(str(linked))) is not None and self.has_goal(record))
