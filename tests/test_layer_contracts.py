"""The layers, checked statically by import-linter (the contracts live in pyproject.toml).

domain/, storage/, detector/ and interop/ never import Textual or the UI (app, cli,
screens/, widgets/); the detector imports nothing of netbook but itself. The run-time
twin of the first contract is tests/test_core_imports.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LINT, "--no-cache", "--no-logo"], cwd=root, capture_output=True,
                          text=True, timeout=120, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_the_layer_contracts_hold() -> None:
    out = lint_imports(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Contracts: 2 kept, 0 broken." in out.stdout


def test_a_domain_module_importing_textual_breaks_a_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "netbook", tmp_path / "netbook", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    models = tmp_path / "netbook" / "domain" / "models.py"
    models.write_text(models.read_text(encoding="utf-8") + "\nfrom textual.widgets import Static\n", encoding="utf-8")
    detector = tmp_path / "netbook" / "detector" / "scoring.py"
    detector.write_text(detector.read_text(encoding="utf-8") + "\nfrom netbook.domain import dates\n",
                        encoding="utf-8")
    out = lint_imports(tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Contracts: 0 kept, 2 broken." in out.stdout
    assert "netbook.domain.models -> textual" in out.stdout
    assert "netbook.detector.scoring -> netbook.domain" in out.stdout
