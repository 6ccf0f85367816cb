"""What a ritual is: the interface every ritual implements, so one engine runs them all.

A ritual (the weekly review, the team review, the retrospective, the quarterly review)
is a :class:`Ritual`: a definition that says what is the ritual's own (whose review it
is, which period, what its draft holds, what the store holds for it, what completing
writes, what its summary says). What every ritual does the same way (start or resume a
draft, save it at every step, discard it, complete it in one transaction, preview and
write its summary, move it to another period) is written once, in the engine
(:mod:`stratui.usecases.rituals`), which calls these hooks.

A ritual reads the store through the workspace it is given (:class:`RitualWorkspace`,
a protocol: the engine passes the use cases' workspace), so this package never imports
the store and stays pure: the logic of a ritual is tested without one.

Pure module: no Textual, no TinyDB, no store.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from stratui.domain import records as rec

if TYPE_CHECKING:
    from stratui.clock import Clock
    from stratui.rituals.templates import Templates
    from stratui.store.store import Store


class ReviewError(ValueError):
    """A review cannot change as asked; the message names the review and says why."""


class RitualWorkspace(Protocol):
    """What a ritual may know of the workspace it runs in (the use cases' Workspace)."""

    store: Store
    clock: Clock

    @property
    def me(self) -> str: ...

    @property
    def fiscal_start(self) -> int: ...

    def person_named(self, name: str | None, field: str) -> str: ...

    def templates(self) -> Templates:
        """The store's templates, read and checked (:mod:`stratui.rituals.templates`)."""
        ...


class Draft(Protocol):
    """A ritual's draft: plain data that round-trips through a review's ``answers``."""

    period: str
    step: int

    @property
    def step_name(self) -> str: ...

    def to_answers(self) -> dict: ...

    def advance(self, today: dt.date | None = None) -> list[str]: ...

    def back(self) -> None: ...


class Completion(Protocol):
    """What completing a ritual writes: the completed review and the records by
    collection (as ``Transaction.put_many`` takes them)."""

    review: dict

    def writes(self) -> dict[str, list[dict]]: ...


D = TypeVar("D", bound=Draft)
C = TypeVar("C")
P = TypeVar("P", bound=Completion)


class Ritual(ABC, Generic[D, C, P]):
    """A ritual's definition: what differs from one ritual to the next.

    ``D`` is its draft, ``C`` what the store holds for it (its context), ``P`` what
    completing it writes. ``scope`` names whose review it is as the review record's
    fields (``{"owner": "ana"}``, ``{"team": "Platform"}``); a review of the same ritual,
    scope and period is the same review.
    """

    name: ClassVar[str]
    """The ritual's name, as review records store it (``weekly``)."""
    title: ClassVar[str]
    """What a screen or a summary calls it (``Weekly review``)."""
    steps: ClassVar[Sequence[str]]
    """Its steps, in order (a draft's ``step`` indexes them)."""
    step_titles: ClassVar[Mapping[str, str]]
    """What the step indicator shows for each step."""
    once_per_period: ClassVar[bool] = True
    """Whether a scope completes at most one review of a period (not so a retro)."""
    preview_options: ClassVar[Mapping[str, object]] = {}
    """The options a summary's preview completes with (see :meth:`plan`)."""

    # -- whose review, which period ----------------------------------------------------

    @abstractmethod
    def scope(self, ws: RitualWorkspace, **options: Any) -> dict[str, str]:
        """Whose review ``options`` name (``owner=``, ``team=``), checked and defaulted:
        the review record's fields that say so. ValueError (naming the option) when
        they name nobody."""

    @abstractmethod
    def check_period(self, period: str) -> None:
        """ValueError, naming ``period`` and what is accepted, when it is not one."""

    @abstractmethod
    def default_period(self, ws: RitualWorkspace, scope: dict[str, str]) -> str:
        """The period a new review of ``scope`` is for."""

    @abstractmethod
    def draft_periods(self, ws: RitualWorkspace) -> list[str]:
        """The periods where a draft to resume is looked for (a few around today)."""

    def who(self, scope: Mapping[str, str]) -> str:
        """``scope`` for a message: ``ana``, ``team Platform``."""
        return ", ".join(scope.values())

    # -- the draft -----------------------------------------------------------------------

    @abstractmethod
    def new_draft(
        self, ws: RitualWorkspace, scope: dict[str, str], period: str, **options: Any
    ) -> D:
        """A new draft of ``scope`` for ``period`` (its defaults are filled afterwards)."""

    @abstractmethod
    def read_draft(self, review: Mapping) -> D:
        """The draft a stored review holds (who and when read from the record itself)."""

    @abstractmethod
    def record_fields(self, draft: D) -> dict[str, object]:
        """The review record's fields the draft decides: its period (when valid),
        whose it is, who takes part. ReviewError for a change the ritual refuses."""

    def draft_id(self, ws: RitualWorkspace, scope: dict[str, str], period: str) -> str | None:
        """The id a new draft of ``scope`` and ``period`` gets (None: a fresh random id).
        A ritual that many clones may start before they sync names it alike on each."""
        return None

    def check_change(self, current: Mapping, draft: D) -> None:
        """ReviewError when ``draft`` changes what the stored review ``current`` fixes."""

    def moved(self, draft: D) -> None:
        """The draft was moved to another period: reset what belongs to the old one."""

    @abstractmethod
    def fill_defaults(self, draft: D, context: C) -> D:
        """Give every item of ``context`` an answer in ``draft``, keeping those given."""

    # -- what it works on, what completing writes, what it says ---------------------------

    @abstractmethod
    def read_context(self, ws: RitualWorkspace, draft: D, review_id: str | None) -> C:
        """What the store holds for ``draft`` (not counting the review ``review_id``)."""

    @abstractmethod
    def plan(
        self,
        draft: D,
        context: C,
        *,
        review: Mapping,
        now: dt.datetime,
        today: dt.date,
        **options: Any,
    ) -> P:
        """The records completing ``draft`` writes; nothing is written here. Raises
        ``DraftInvalid`` (and ``Undecided``, for a ritual with outcomes)."""

    @abstractmethod
    def preview(self, ws: RitualWorkspace, completion: P, draft: D) -> str:
        """The Markdown summary the review would have if completed as planned."""

    @abstractmethod
    def summary(self, ws: RitualWorkspace, review: Mapping) -> str:
        """The Markdown summary of the completed ``review``."""

    @abstractmethod
    def file_name(self, review: Mapping) -> str:
        """The summary file's default name: ``weekly-review-2026-W47-ana.md``."""


# -- what the rituals share -----------------------------------------------------------------


def team_draft_id(ws: RitualWorkspace, ritual: str, team: str, period: str) -> str:
    """The id of a team's n-th draft of ``ritual`` for ``period``, the same on every
    clone (the first number no review, live or deleted, has yet): two clones that each
    start the team's next review before they sync hold one review after the merge."""
    key = team.strip().casefold()
    number = 1
    while ws.store.get("reviews", rec.stable_id(ritual, key, period, str(number)), deleted=True):
        number += 1
    return rec.stable_id(ritual, key, period, str(number))


def newest_first(reviews: Iterable[dict]) -> list[dict]:
    """``reviews`` by their last update, newest first (the order of a resume offer)."""
    return sorted(reviews, key=lambda r: (r["updated_at"], r["id"]), reverse=True)


def written(review: Mapping) -> dict[str, list]:
    """The ids a completed review lists in ``answers.written``, by part."""
    answers = review.get("answers")
    made = answers.get("written") if isinstance(answers, Mapping) else None
    if not isinstance(made, Mapping):
        return {}
    return {key: value for key, value in made.items() if isinstance(value, list)}


def by_ids(store: Store, collection: str, ids: Iterable[object]) -> list[dict]:
    """The live records of ``ids``, in that order (missing ones left out)."""
    found = (store.get(collection, str(rid)) for rid in ids)
    return [record for record in found if record is not None]


def file_safe(name: object) -> str:
    """``name`` made safe for a file name (``"Ana M"`` -> ``"Ana-M"``), or ``"me"``."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", str(name or "")).strip("-.")
    return safe or "me"


def new_draft_record(ritual: str, fields: Mapping, *, answers: dict, now: dt.datetime) -> dict:
    """A new draft review record of ``ritual``, started now, with ``fields`` (its period,
    whose review it is, who takes part) in the order they are stored."""
    return rec.new_record(
        "reviews",
        {
            "ritual": ritual,
            **fields,
            "status": "draft",
            "started_at": rec.stamp(now),
            "answers": answers,
        },
        now,
    )
