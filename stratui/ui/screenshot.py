"""The command palette's Screenshot: saved where a folder exists, and the path said.

Textual saves a screenshot into the user's Downloads folder and, when that folder does
not exist (a server, a container), only says "Failed to save screenshot". stratui saves
it into the Downloads folder when there is one, else into the current directory (where
a ritual's summary is written too), and says the full path, or why it could not be
saved.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_downloads_path
from textual import events, on
from textual.app import App

TITLE = "Screenshot"


def screenshot_folder() -> Path:
    """The Downloads folder when it exists, else the current directory."""
    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def failure(error: BaseException) -> str:
    """Why a screenshot could not be saved, for a person."""
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"Screenshot not saved: {error.strerror}{where}"
    return f"Screenshot not saved: {error}"


class Screenshots(App):
    """Mixed into the app: the palette's Screenshot, saved and reported as above."""

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        folder = path if path is not None else str(screenshot_folder())
        return super().deliver_screenshot(filename, folder, time_format)

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name != "screenshot":
            return
        event.prevent_default()  # Textual's own message reads the path as markup
        where = f" to {event.path}" if event.path is not None else ""
        self.notify(f"Saved the screenshot{where}", title=TITLE, markup=False)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name != "screenshot":
            return
        event.prevent_default()  # instead of Textual's reasonless "Failed to save"
        self.notify(failure(event.exception), title=TITLE, severity="error", markup=False)
