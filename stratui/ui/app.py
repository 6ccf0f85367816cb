"""The stratui Textual app: modes for the main screens, keys, palette, live reload."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from stratui.ui.keys import binding_keys, read_keymap, unknown_ids
from stratui.ui.screenshot import Screenshots
from stratui.ui.settings import DEFAULT_THEME, load_settings, save_setting
from stratui.ui.styles import stylesheet
from stratui.usecases.workspace import Workspace

POLL_SECONDS = 1.0  # how often the app looks for writes by other processes (stat only):
# a write elsewhere shows within two seconds even when the redraw is slow (a served app)

# Each screen by the module and class that define it. A screen's module is imported the
# first time the screen is shown, so that opening on the dashboard does not pay for the
# others (the history screen alone brings in the Markdown widget and its parser).
SCREENS = {
    "dashboard": ("stratui.ui.screens.dashboard", "DashboardScreen"),
    "commitments": ("stratui.ui.screens.commitments", "CommitmentsScreen"),
    "roadblocks": ("stratui.ui.screens.roadblocks", "RoadblocksScreen"),
    "goals": ("stratui.ui.screens.goals", "GoalsScreen"),
    "history": ("stratui.ui.screens.history", "HistoryScreen"),
    "trends": ("stratui.ui.screens.trends", "TrendsScreen"),
    "weekly": ("stratui.ui.screens.weekly", "WeeklyReviewScreen"),
    "retro": ("stratui.ui.screens.retro", "RetroScreen"),
    "quarterly": ("stratui.ui.screens.quarterly", "QuarterlyReviewScreen"),
    "team": ("stratui.ui.screens.team", "TeamReviewScreen"),
    "help": ("stratui.ui.screens.help", "HelpScreen"),
}
MAIN_SCREENS = ("dashboard", "commitments", "roadblocks", "goals", "history", "trends")  # the modes
# The rituals ``stratui review RITUAL`` opens straight into, by the screen that runs them.
# A ritual's screen takes ``team=`` when the ritual belongs to a team; the team and
# quarterly reviews' take ``period=`` (a week or a quarter other than their default).
# Those options are the launch's: they go to the ritual opened at launch only, and a
# ritual opened later by its key starts from its own defaults.
RITUAL_SCREENS = {
    "weekly": "weekly",
    "team": "team",
    "retro": "retro",
    "quarterly": "quarterly",
}


def screen_class(name: str) -> type[Screen]:
    """The class of the screen called ``name`` in :data:`SCREENS` (imported on first use)."""
    module, cls = SCREENS[name]
    return getattr(importlib.import_module(module), cls)


def _new_screen(name: str) -> Screen:
    return screen_class(name)()


def _mode_screen(name: str) -> Screen:
    """The screen of a mode: made once, it lives as long as the app (its first visit's
    objects are then frozen out of the garbage collector's walks: ``StratuiScreen``)."""
    screen = _new_screen(name)
    screen.lives_with_app = True  # type: ignore[attr-defined]
    return screen


class StratuiApp(Screenshots, App):
    """Execution reviews in the terminal."""

    TITLE = "stratui"
    CSS_PATH = stylesheet("app.tcss")
    MODES = {mode: partial(_mode_screen, mode) for mode in MAIN_SCREENS}
    DEFAULT_MODE = "dashboard"
    BINDINGS = [  # in footer order: what matters most first, for narrow terminals
        Binding("w", "weekly", "Weekly review", id="app.weekly"),
        # Upper case: r and t are taken on the roadblocks and trends screens.
        Binding("R", "ritual('retro')", "Retrospective", show=False, id="app.retro"),
        Binding("T", "ritual('team')", "Team review", show=False, id="app.team"),
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("1", "switch_mode('dashboard')", "Dashboard", id="app.dashboard"),
        Binding("2", "switch_mode('commitments')", "Commitments", id="app.commitments"),
        Binding("3", "switch_mode('roadblocks')", "Roadblocks", id="app.roadblocks"),
        Binding("4", "switch_mode('goals')", "Goals", id="app.goals"),
        Binding("5", "switch_mode('history')", "History", id="app.history"),
        Binding("6", "switch_mode('trends')", "Trends", id="app.trends"),
        Binding("ctrl+r", "reload", "Refresh", show=False, id="app.reload"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, id="app.theme"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        poll: float | None = POLL_SECONDS,
        start: str | None = None,
        team: str | None = None,
        period: str | None = None,
        facilitate: bool = False,
    ) -> None:
        """``start`` names a ritual of :data:`RITUAL_SCREENS` to open straight into
        (``stratui review weekly``); ``team``, ``period`` and ``facilitate`` are options
        of that ritual only (``--team``, ``--week``, ``--quarter``, ``--facilitate``),
        not of those opened later."""
        super().__init__()
        if start is not None and start not in RITUAL_SCREENS:
            raise ValueError(f"start: expected one of {', '.join(RITUAL_SCREENS)}, got {start!r}")
        self.workspace = workspace
        self.poll = poll
        self.start = start
        self.launch_options: dict[str, object] = {
            k: v for k, v in (("team", team), ("period", period), ("facilitate", facilitate)) if v
        }
        # Set before the header is drawn: setting it on mount would lay the screen out again.
        self.sub_title = f"{workspace.me} · {workspace.store.location}"
        theme = load_settings().get("theme", DEFAULT_THEME)
        if theme != self.theme:  # a change of theme re-parses every stylesheet
            self.theme = theme
        # The person's [keys] (stratui.ui.keys): applied now, reported once drawn.
        self.keymap, self.key_problems = read_keymap()
        if self.keymap:
            self.set_keymap(self.keymap)

    freezes = False
    """Whether a mode's screen freezes what its first visit built (``StratuiScreen``):
    set by :meth:`run`; not under ``run_test``, whose apps end with their test (frozen,
    their widgets would never be freed in a test session)."""

    def run(self, *args, **kwargs):  # type: ignore[override]
        """Run the app, after taking what exists now out of the garbage collector's walks.

        The modules, classes and the store handle made before the app runs live as long
        as the process; frozen (:func:`gc.freeze`), they are no longer traversed by every
        full collection, one of which otherwise costs 10 to 20 ms during start-up. Each
        main screen does the same after its first visit (:attr:`freezes`).
        """
        gc.freeze()
        self.freezes = True
        return super().run(*args, **kwargs)

    def on_mount(self) -> None:
        if self.poll:
            self.set_interval(self.poll, self.check_store)
        if self.keymap or self.key_problems:
            self.call_after_refresh(self.report_keys)
        if self.start is not None:
            ritual = screen_class(RITUAL_SCREENS[self.start])
            self.push_screen(ritual.enter(self.workspace, **self.launch_options))  # type: ignore[attr-defined]

    def format_title(self, title: str, sub_title: str) -> Content:
        """``title · sub title``, the sub title dimmed, both literal.

        Textual joins them with an em dash, which Rich cannot measure without loading
        its Unicode width table (about 15 ms of start-up); a middle dot it can.
        """
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title), (" · ", "dim"), Content(sub_title).stylize("dim"))

    def _load_screen_css(self, screen: Screen) -> None:
        """Load a new screen's own CSS, then bring the screen's styles up to date by
        re-applying the rules, not by re-parsing them.

        Textual refreshes all CSS when it shows a screen whose CSS generation is behind
        the app's, and a new screen's always is: that re-parses every stylesheet twice
        (once in the refresh, once more on the next mount, the refresh having emptied
        the parse cache), about 30 ms each time a screen opens (measured: the trends
        screen, benchmarks/trends.py). The theme's variables have not changed (a change
        of theme refreshes everything itself), and loading a screen's own CSS re-parses
        when it adds any; what the new screen needs is the rules applied to it now that
        it hangs under the app, which is what this does.

        This overrides a private method of Textual and reads its private CSS counters:
        a deliberate exception, for that figure. Textual is pinned below 9, and
        ``tests/ui/test_app.py`` checks the text colours of screens made after start-up
        in both themes, so a Textual that changes them fails a test, not a user.
        """
        super()._load_screen_css(screen)
        if screen._css_update_count != self._css_update_count:
            self.stylesheet.update(self)
            screen._css_update_count = self._css_update_count

    def check_store(self) -> None:
        """Reload the screen when another process (the CLI, a sync) changed the store."""
        if self.workspace.store.refresh():
            self.action_reload()

    def action_reload(self) -> None:
        """Read the store again and redraw the current screen."""
        reload = getattr(self.screen, "reload", None)
        if reload is not None:
            reload()

    def key_named(self, binding_id: str) -> str:
        """The first key of the binding ``binding_id`` as the person's ``[keys]`` set it,
        for hints such as "press w" (the app's own bindings only)."""
        defaults = {binding.id: binding.key for binding in self.BINDINGS if binding.id}
        keys = self.keymap.get(binding_id) or defaults[binding_id]
        return keys.split(",")[0].strip()

    def report_keys(self) -> None:
        """One notice per problem of the person's ``[keys]``: a bad value, or an id no
        binding has (known only by importing every screen: done after the first draw,
        and only for people who remap keys)."""
        problems = list(self.key_problems)
        if self.keymap:
            known = binding_keys(tuple(module for module, _cls in SCREENS.values()))
            problems += unknown_ids(self.keymap, known)
        for line in problems:
            self.notify(line, severity="warning", timeout=12, markup=False)

    def action_help(self) -> None:
        sections = [("Everywhere", list(self.BINDINGS))]
        for mode in MAIN_SCREENS:
            screen = screen_class(mode)
            sections.append((screen.HELP_TITLE, list(screen.BINDINGS)))
        for ritual in ("weekly", "team", "retro", "quarterly"):
            screen = screen_class(ritual)
            sections.append((screen.HELP_TITLE, screen.help_bindings()))  # type: ignore[attr-defined]
        self.push_screen(screen_class("help")(sections, self.keymap))

    async def action_weekly(self) -> None:
        """Open the weekly review (resuming the draft, if any) over the dashboard."""
        await self.switch_mode("dashboard")  # so that leaving the review lands there
        self.push_screen(_new_screen("weekly"))

    async def action_ritual(self, name: str) -> None:
        """Open a team ritual of :data:`RITUAL_SCREENS` (resuming its draft) over the
        dashboard, with its defaults (the only team, else one's own): the launch's
        options were the launch ritual's."""
        await self.switch_mode("dashboard")
        self.push_screen(screen_class(RITUAL_SCREENS[name]).enter(self.workspace))  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("weekly", "ritual"):  # not while in it (perhaps under its dialogs)
            ritual = parameters[0] if parameters else action
            from stratui.ui.screens import ritual_open

            return not ritual_open(self.screen_stack, str(ritual))
        return True

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def watch_theme(self, theme: str) -> None:
        save_setting("theme", theme)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action in the command palette: the app's keys and the screen's."""
        yield from super().get_system_commands(screen)
        for binding in (*self.BINDINGS, *getattr(screen, "BINDINGS", ())):
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(
                    binding.description,
                    f"key: {binding.key}",
                    lambda action=binding.action, target=screen: self.run_action(action, target),
                )


def run(workspace: Workspace, start: str | None = None, **options) -> None:
    """Start the app (what ``stratui`` without a command does; ``stratui review RITUAL``
    gives ``start=RITUAL``, and its ``--team`` and ``--quarter``, ``team`` and ``period``)."""
    StratuiApp(workspace, start=start, **options).run()
