"""The domain core stays pure: importing all of it loads no Textual, TinyDB or Rich.

The CLI's fast path and every test of rules rest on this. Modules are discovered with
pkgutil, so a module added to ``stratui.domain`` later is covered without editing this.
"""

import json
import subprocess
import sys

FORBIDDEN = ("textual", "tinydb", "rich")

_PROBE = """
import importlib, json, pkgutil, sys
import stratui.domain as domain
names = sorted(
    info.name for info in pkgutil.walk_packages(domain.__path__, domain.__name__ + ".")
)
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "modules": sorted(sys.modules)}))
"""


def _probe() -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(done.stdout)


def test_importing_the_whole_domain_loads_no_ui_or_store_library():
    """No module named textual*, tinydb* or rich* is loaded by any domain module."""
    result = _probe()
    # Guard against a vacuous pass: discovery found the modules that exist today.
    expected = {f"stratui.domain.{name}" for name in ("weeks", "schema", "records", "dates")}
    assert expected <= set(result["imported"])
    assert expected <= set(result["modules"])
    leaked = [name for name in result["modules"] if name.startswith(FORBIDDEN)]
    assert leaked == []
