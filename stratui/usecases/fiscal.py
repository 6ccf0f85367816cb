"""The fiscal year's first month: where it is kept, and the quarter it makes of today.

The setting lives in the store's local config, ``.stratui/config.json``, under
``fiscal_start`` (a month 1-12), beside the ``me`` that
:func:`stratui.usecases.workspace.current_user` reads there: it belongs to one store (one
organisation's plan), not to the person, who may keep several stores. Without a valid
value the fiscal year starts in January (:data:`DEFAULT_FISCAL_START`), so quarters are
calendar quarters. The file is local to each clone of a shared store (git never shares
``.stratui/``), so each teammate sets it once (``stratui quarter --fiscal-start apr``).

Which year names a fiscal year, and which weeks a quarter has: see
:mod:`stratui.domain.quarters`.

No Textual and no Rich here; the store only through its local files.
"""

from __future__ import annotations

from stratui.domain.quarters import parse_month, quarter_of
from stratui.store.config import update_config
from stratui.usecases.workspace import FISCAL_START, Workspace


def fiscal_start(ws: Workspace) -> int:
    """The configured first month of the fiscal year (1-12); January when unset or invalid."""
    return ws.fiscal_start


def set_fiscal_start(ws: Workspace, month: int | str) -> int:
    """Make ``month`` (``4``, ``"apr"``, ``"April"``) the fiscal year's first month.

    Other settings in the local config (``me``) are kept. Returns the month number.

    Raises:
        ValueError: not a month; the message says what is accepted.
    """
    number = parse_month(month)
    update_config(ws.store, {FISCAL_START: number})
    return number


def this_quarter(ws: Workspace) -> str:
    """The fiscal quarter holding today, ``YYYY-Qn``."""
    return quarter_of(ws.clock.today(), fiscal_start(ws))
