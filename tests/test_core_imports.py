"""The core must stay free of Textual so it can be tested, scripted and reused without a terminal."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import netbook

UI_MODULES = {"netbook.app", "netbook.cli", "netbook.__main__"}


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(netbook.__path__, "netbook."):
        name = info.name
        if name in UI_MODULES or name.startswith(("netbook.screens", "netbook.widgets")):
            continue
        names.append(name)
    return names


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
