"""Issue 10's size rule, kept: no module over 500 lines, no function over 80 (data tables aside).

A module that outgrows this is doing more than one thing; split it by what each part does
(tools/sizes.py prints the offenders the same way).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sizes():
    spec = importlib.util.spec_from_file_location("sizes", ROOT / "tools" / "sizes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_module_or_function_is_over_the_size_limits() -> None:
    assert _sizes().offenders([ROOT / "netbook"], 500, 80) == []


def test_the_size_check_can_fail(tmp_path: Path) -> None:
    long_function = "def f():\n" + "    x = 1\n" * 90
    (tmp_path / "big.py").write_text(long_function + "\n" * 450)
    found = _sizes().offenders([tmp_path], 500, 80)
    assert [(size, line.split()[0]) for size, line in found] == [(541, "module"), (91, "function")]
