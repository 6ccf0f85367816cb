"""The app's screens, one per module."""

from __future__ import annotations

from collections.abc import Iterable


def ritual_open(screens: Iterable[object], name: str) -> bool:
    """Whether a screen of the ritual ``name`` is among ``screens`` (one at a time).

    Asked of every key binding when the footer draws, from the first frame on: it looks
    at the screens' ``RITUAL`` rather than importing the ritual screens' module, which
    would load every ritual at start-up (about 60 ms)."""
    return any(getattr(getattr(s, "RITUAL", None), "name", None) == name for s in screens)
