"""Locate the files shipped in data/.

In a wheel, data/ is installed as ``netbook/data``; in a source checkout it sits
beside the package. Both are tried so the same code works installed and in place.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "data", _PACKAGE_DIR.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"netbook data folder not found beside {_PACKAGE_DIR}")


def data_path(*parts: str) -> Path:
    return data_dir().joinpath(*parts)
