"""Shared fixtures: every test gets its own data dir, a fixed clock and default config."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

from netbook.domain.clock import FixedClock
from netbook.storage.config import Config
from netbook.storage.store import Store

# Never touch the real user's data or config from a test.
os.environ.pop("NETBOOK_HOME", None)
os.environ["NETBOOK_CONFIG"] = os.devnull
os.environ["NETBOOK_CACHE_DIR"] = tempfile.mkdtemp(prefix="netbook-test-cache-")

FIXED_NOW = datetime(2026, 3, 10, 14, 0, 0)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FIXED_NOW)


@pytest.fixture
def store(data_dir: Path):
    s = Store.open(data_dir)
    yield s
    s.close()


@pytest.fixture
def make_app(data_dir: Path, clock: FixedClock):
    """Build a NetbookApp on the test's data dir: ``make_app(meeting_id=..., config=...)``."""
    from netbook.app import create_app

    def factory(**kwargs):
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("config", Config())
        return create_app(data_dir, **kwargs)

    return factory
