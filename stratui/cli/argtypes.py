"""Argument types of the command line: each names what it accepts in its error.

They import what they parse with when they run, so defining ``log`` costs nothing.
"""

from __future__ import annotations

import argparse


def _today():
    from stratui.clock import Clock

    try:
        return Clock.from_env().today()
    except ValueError as error:  # STRATUI_TODAY is not a date we take
        raise argparse.ArgumentTypeError(str(error)) from None


def path(text: str) -> str:
    """A file or directory path, as the operating system gives it.

    The one kind of argument that may hold bytes that are not UTF-8 (a Linux file name is
    any bytes, which Python keeps as surrogate escapes): the parser checks every other
    argument with :func:`utf8_problem`.
    """
    return text


def utf8_problem(text: str) -> str | None:
    """Why ``text`` is not UTF-8 text, or None when it is.

    An argument holding bytes that are not UTF-8 (``$'bad\\xff'`` in a shell) reaches
    Python as lone surrogates, which no file of the store can hold: such text is refused
    where it is typed, not when it is written.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "backslashreplace")
        return f"not valid UTF-8: {raw!r} holds bytes that are not text; give UTF-8 text"
    return None


def week(text: str) -> str:
    from stratui.domain.dates import parse_week_arg

    try:
        return parse_week_arg(text, _today())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def date(text: str) -> str:
    from stratui.domain.dates import parse_date

    try:
        return parse_date(text, _today()).isoformat()
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def confidence(text: str) -> int:
    from stratui.domain.inputs import parse_confidence

    try:
        return parse_confidence(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def progress(text: str) -> float:
    from stratui.domain.inputs import parse_progress

    try:
        return parse_progress(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def quarter(text: str) -> str:
    """A fiscal quarter written ``YYYY-Qn``, returned as such (``2026-q4`` -> ``2026-Q4``),
    of a supported year (1900 to 2999)."""
    from stratui.domain.quarters import supported_quarter

    try:
        return supported_quarter(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def nonempty(text: str) -> str:
    """Text that is not blank."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected non-empty text")
    return text


def whole(low: int, high: int):
    """A type accepting a whole number from ``low`` to ``high``, naming the range."""

    def check(text: str) -> int:
        value = text.strip()
        if value.isascii() and value.isdigit() and low <= int(value) <= high:
            return int(value)
        raise argparse.ArgumentTypeError(
            f"expected a whole number from {low} to {high}, got {text!r}"
        )

    return check


def positive(text: str) -> int:
    if text.strip().isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")


def port(text: str) -> int:
    """A TCP port, 0 (any free one) to 65535."""
    if text.strip().isdigit() and 0 <= int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {text!r}")


def minutes(text: str) -> float:
    """A duration in minutes, more than 0 (``0.5`` is half a minute)."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value > 0 and value == value and value != float("inf"):
        return value
    raise argparse.ArgumentTypeError(f"expected a number of minutes above 0, got {text!r}")


def one_of(options: tuple[str, ...]) -> dict:
    """``add_argument`` options for a choice among ``options``: the type (any case), its
    metavar, and the choices themselves (what shell completion offers; the type has
    already made a value one of them, so argparse's own check never refuses)."""
    return {"type": choices(options), "metavar": "|".join(options), "choices": options}


def choices(options: tuple[str, ...]):
    """A type accepting one of ``options``, in any case."""

    def check(text: str) -> str:
        value = text.strip().lower()
        if value in options:
            return value
        raise argparse.ArgumentTypeError(f"expected one of {', '.join(options)}, got {text!r}")

    return check


# The enumerations, repeated here from the schema so that parsing ``log`` does not import
# it; tests/cli check that both lists stay equal.
STATUSES = ("open", "done", "partial", "missed", "dropped")
KINDS = ("dependency", "resources", "decision", "skills", "external", "priority", "other")
SEVERITIES = ("low", "medium", "high", "critical")
