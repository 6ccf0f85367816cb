"""The Textual user interface: a thin layer over ``stratui.usecases.workspace``.

Imported only by ``stratui`` without a command (or ``stratui review``): the rest of the
command line never loads Textual.
"""
