"""Question sets (templates) are saved through the Store like every other record: checked, versioned, never on a read-only store."""

from __future__ import annotations

import json

import pytest

from netbook.domain.models import SCHEMA_VERSION
from netbook.storage.files import ReadOnlyError
from netbook.storage.store import Store


def test_a_set_saved_again_under_its_name_replaces_it(tmp_path) -> None:
    with Store.open(tmp_path, allow_read_only=False) as store:
        first = store.save_template("Short chat", [{"text": "How did you start?"}])
        again = store.save_template("Short chat", [{"text": "What surprised you?"}, {"text": "Who else?"}])
        assert first == again
        assert [(t["name"], len(t["questions"])) for t in store.templates()] == [("Short chat", 2)]
    stored = json.loads((tmp_path / "library.json").read_text())["templates"]
    assert [row["schema_version"] for row in stored.values()] == [SCHEMA_VERSION]


def test_a_read_only_store_refuses_to_save_a_set(tmp_path) -> None:
    with Store.open(tmp_path, allow_read_only=False) as store:
        store.save_template("Kept", [{"text": "Q?"}])
    before = (tmp_path / "library.json").read_bytes()
    reader = Store(tmp_path, read_only=True)
    with pytest.raises(ReadOnlyError):
        reader.save_template("New", [{"text": "Q?"}])
    assert (tmp_path / "library.json").read_bytes() == before
