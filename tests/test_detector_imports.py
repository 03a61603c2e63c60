"""The detector is a package of its own: it imports nothing of netbook but itself."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import netbook.detector

DETECTOR = Path(netbook.detector.__file__).parent


def test_detector_modules_import_only_the_detector() -> None:
    outside = []
    for path in sorted(DETECTOR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            outside += [f"{path.name}: {n}" for n in names
                        if n.split(".")[0] == "netbook" and not n.startswith("netbook.detector")]
    assert outside == []


def test_detecting_loads_no_other_netbook_module() -> None:
    code = ("import json, sys; from netbook.detector import MentionTracker, find_mentions; "
            "find_mentions('Susan Smith at Citibank'); MentionTracker().set_text('Susan'); "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('netbook'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    assert [m for m in loaded if m != "netbook" and not m.startswith("netbook.detector")] == []


def test_detecting_stays_clear_of_the_slow_standard_modules() -> None:
    """Start-up (import + word lists, bench_mentions): dataclasses (with inspect, ast, dis),
    pathlib (with urllib) and hashlib cost the detector more than all its own modules."""
    code = ("import json, sys; from netbook.detector import MentionTracker, find_mentions, load_data; "
            "load_data(); find_mentions('Susan Smith at Citibank'); MentionTracker().set_text('Susan'); "
            "print(json.dumps(sorted(m for m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert loaded & {"dataclasses", "inspect", "pathlib", "hashlib"} == set()
