"""``stratui report``: the figures of docs/METRICS.md over a window, as JSON or as Markdown.

:func:`build_report` reads what the window needs from the store (:mod:`.reading`),
computes the figures with :mod:`stratui.domain.metrics` (:mod:`.document`) and renders
them (:mod:`.markdown`). The CLI calls it; so can a script or the TUI.

No Textual and no Rich here; TinyDB only through the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stratui.report.document import report_document
from stratui.report.markdown import report_markdown
from stratui.report.reading import ReportData, ReportError, gather
from stratui.store.store import Store

__all__ = ["Report", "ReportData", "ReportError", "build_report"]


@dataclass(frozen=True)
class Report:
    """One report: the records it stands on and its JSON document."""

    data: ReportData
    document: dict

    def markdown(self) -> str:
        """The report as Markdown, for a chat or an e-mail."""
        return report_markdown(self.data, self.document)


def build_report(
    store: Store,
    as_of: dt.date,
    *,
    end: str | None = None,
    weeks: int = 4,
    owner: str | None = None,
    team: str | None = None,
) -> Report:
    """The report of ``weeks`` weeks ending with ``end`` (default: docs/METRICS.md's rule),
    for ``owner``, ``team`` or everyone, with "today" being ``as_of``.

    Raises :class:`ReportError` for an unknown owner or team.
    """
    data = gather(store, as_of, end=end, weeks=weeks, owner=owner, team=team)
    return Report(data, report_document(data))
