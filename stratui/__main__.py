"""``python -m stratui``: the same as the ``stratui`` command."""

import sys

from stratui.cli import main

sys.exit(main())
