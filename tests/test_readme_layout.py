"""README's Layout section matches the tree: every package is listed, every name it lists exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def layout_entries() -> list[Path]:
    """The paths the Layout tree names (``foo.py, bar.py`` lines count each name)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Layout"):]
    block = section.split("```")[1]
    paths: list[Path] = []
    parents: list[tuple[int, Path]] = []
    for line in block.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        names = re.split(r"\s{2,}", line.strip())[0]
        while parents and parents[-1][0] >= indent:
            parents.pop()
        base = parents[-1][1] if parents else ROOT
        for name in (n.strip() for n in names.split(",")):
            path = base / name.rstrip("/")
            paths.append(path)
            if name.endswith("/"):
                parents.append((indent, path))
    return paths


def test_every_name_in_the_layout_exists() -> None:
    missing = [str(p.relative_to(ROOT)) for p in layout_entries() if not p.exists()]
    assert missing == []


def test_every_package_is_in_the_layout() -> None:
    listed = set(layout_entries())
    packages = {p.parent for p in (ROOT / "netbook").glob("*/__init__.py")}
    assert packages - listed == set()
