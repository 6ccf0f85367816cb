"""``stratui completion bash|zsh|fish``: a shell completion script, printed.

The script is generated from the command line's own parser by shtab (a maintained
library that writes static completion scripts), so it completes every command and
option as they are, and costs nothing at run time: ``stratui log`` imports neither.
Install it once, for example ``stratui completion bash > ~/.local/share/bash-completion/
completions/stratui`` (README: "Shell completion").
"""

from __future__ import annotations

import argparse
import sys

from stratui.cli import argtypes

SHELLS = ("bash", "zsh", "fish")


def define_completion(completion: argparse.ArgumentParser) -> None:
    completion.add_argument("shell", **argtypes.one_of(SHELLS))


def run_completion(args) -> int:
    import shtab

    from stratui.cli import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return 0
