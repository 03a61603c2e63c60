"""The core must stay free of Textual so it can be tested, scripted and reused without a terminal.

The core is the packages domain/, storage/, detector/ and interop/; the UI is app.py,
app_tasks.py, heap_hold.py, cli/, __main__.py, screens/ and widgets/. This is the run-time twin of the static
import-linter contracts (tests/test_layer_contracts.py).
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import netbook

CORE_PACKAGES = ("netbook.domain", "netbook.storage", "netbook.detector", "netbook.interop")
UI = ("netbook.app", "netbook.app_tasks", "netbook.heap_hold", "netbook.cli", "netbook.__main__", "netbook.screens", "netbook.widgets")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(netbook.__path__, "netbook."):
        if info.name.startswith(tuple(p + "." for p in CORE_PACKAGES)) or info.name in CORE_PACKAGES:
            names.append(info.name)
    return names


def test_every_module_is_core_or_ui() -> None:
    top = {f"netbook.{info.name}" for info in pkgutil.iter_modules(netbook.__path__)}
    assert top == set(CORE_PACKAGES) | set(UI)


def test_core_never_imports_textual():
    modules = core_modules()
    assert "netbook.storage.store" in modules and "netbook.domain.models" in modules
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
