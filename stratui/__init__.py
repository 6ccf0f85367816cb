"""stratui: execution reviews in the terminal.

Kept import-free on purpose: the command line's fast path imports this package first.
"""

__version__ = "0.1.0"
