"""Modules and functions over the size limits of issue 10.

    python tools/sizes.py [--module-lines 500] [--function-lines 80] [PATH ...]

Prints one line per module over ``--module-lines`` lines and per function (or method)
over ``--function-lines`` lines, largest first, and exits 1 if there is any. Data tables
(module-level assignments) are not functions, so they never count against the function
limit. Defaults to the ``netbook`` package.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def offenders(paths: list[Path], module_lines: int, function_lines: int) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for root in paths:
        files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for path in files:
            text = path.read_text(encoding="utf-8")
            n = len(text.splitlines())
            if n > module_lines:
                found.append((n, f"module   {n:5d}  {path}"))
            for node in ast.walk(ast.parse(text, str(path))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = node.end_lineno - node.lineno + 1
                    if length > function_lines:
                        found.append((length, f"function {length:5d}  {path}:{node.lineno} {node.name}"))
    return sorted(found, key=lambda item: (not item[1].startswith("module"), -item[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("netbook")])
    parser.add_argument("--module-lines", type=int, default=500)
    parser.add_argument("--function-lines", type=int, default=80)
    args = parser.parse_args(argv)
    found = offenders(args.paths, args.module_lines, args.function_lines)
    for _, line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
