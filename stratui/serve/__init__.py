"""``stratui serve``: the app in a browser, for teammates without a terminal.

A door beside the command line and the TUI: textual-serve runs one stratui app process
per browser connection on the serving host, all on one store, so browser sessions and
terminal users share the store with its locking. This package adds what textual-serve
leaves out: who each connection is (a personal link with a secret token:
:mod:`~stratui.serve.access`), and the limits of a shared host (a cap on sessions, an
idle timeout, no process left behind: :mod:`~stratui.serve.server`).
"""
