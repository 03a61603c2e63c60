"""A pydantic plugin installed beside netbook never sees a record (netbook/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PLUGIN = '''
import os


class _Plugin:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
        with open(os.environ["SPY_LOG"], "a") as log:
            log.write(f"{schema_type_path.name}\\n")
        return None, None, None


plugin = _Plugin()
'''


@pytest.fixture
def spy_plugin(tmp_path: Path) -> tuple[Path, Path]:
    """An installed package that registers a pydantic plugin logging each model it is shown."""
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    (site / "spy_plugin.py").write_text(PLUGIN)
    return site, tmp_path / "seen.log"


def _run(code: str, site: Path, log: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env.update(PYTHONPATH=os.pathsep.join([str(site), str(REPO)]), SPY_LOG=str(log))
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, check=True, cwd=REPO)
    return log.read_text() if log.exists() else ""


def test_the_spy_plugin_sees_models_outside_netbook(spy_plugin):
    site, log = spy_plugin
    seen = _run("""
        from pydantic import BaseModel
        class Note(BaseModel):
            text: str
        Note(text="private")
    """, site, log)
    assert "Note" in seen  # the plugin works: the test below can fail


def test_netbook_records_never_reach_a_pydantic_plugin(spy_plugin):
    site, log = spy_plugin
    seen = _run("""
        from netbook.domain.models import Contact, Meeting
        from netbook.storage.home_cache import HomeSummary
        Contact.model_validate({"id": "c1", "name": "Susan Smith"})
        Meeting.model_validate({"id": "m1", "contact_id": "c1", "notes": "private"})
    """, site, log)
    assert seen == ""
