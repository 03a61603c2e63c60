"""The contact book and the index as snapshot + journal: a save costs the record, and nothing is ever lost."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from netbook.domain.models import Contact, Organization
from netbook.storage.files import CorruptFileError
from netbook.storage.journal import Journal
from netbook.storage.store import Store


def logs(data_dir: Path, stem: str = "people") -> list[Path]:
    return sorted(data_dir.glob(f"{stem}.*.jsonl"))


def log_lines(data_dir: Path, stem: str = "people") -> list[dict]:
    return [json.loads(line) for path in logs(data_dir, stem) for line in path.read_text().splitlines()]


def names(store: Store) -> list[str]:
    return [c.name for c in store.contacts()]


def test_a_new_contact_appends_one_line_and_leaves_the_book_file_alone(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_contacts(Contact(name=f"Person {i:03d}") for i in range(300))
        book = data_dir / "people.json"
        before = (book.stat().st_mtime_ns, book.read_bytes())
        store.save_contact(Contact(name="Susan Smith"))
        assert (book.stat().st_mtime_ns, book.read_bytes()) == before
        entries = log_lines(data_dir)
        assert len(entries) == 1 and entries[0]["t"] == "contacts" and entries[0]["doc"]["name"] == "Susan Smith"
    for path in logs(data_dir):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with Store.open(data_dir) as again:
        assert len(again.contacts()) == 301 and again.find_contact("susan smith") is not None


def test_deletes_and_changes_are_replayed_in_order(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name="Keep Me"), Contact(name="Drop Me")])
        keep, drop = store.find_contact("Keep Me"), store.find_contact("Drop Me")
        keep.role = "Director"
        store.save_contact(keep)
        store.delete_contact(drop.id)
        org = store.save_organization(Organization(name="Citibank"))
    with Store.open(data_dir) as again:
        assert names(again) == ["Keep Me"]
        assert again.get_contact(keep.id).role == "Director"
        assert again.get_organization(org.id).name == "Citibank"


def test_a_line_torn_by_a_crash_is_ignored_and_cut_off_before_the_next_save(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name="First Person")])
        store.save_contact(Contact(name="Second Person"))
    log = logs(data_dir)[-1]
    whole = log.read_bytes()
    log.write_bytes(whole + b'{"t": "contacts", "id": "x", "doc": {"name": "Half')  # killed mid-append
    with Store.open(data_dir) as store:
        assert names(store) == ["First Person", "Second Person"]
        store.save_contact(Contact(name="Third Person"))
    assert log.read_bytes().startswith(whole) and b"Half" not in log.read_bytes()
    with Store.open(data_dir) as again:
        assert names(again) == ["First Person", "Second Person", "Third Person"]


def test_a_damaged_line_inside_the_log_is_named_and_nothing_is_overwritten(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name="First Person")])
        store.save_contact(Contact(name="Second Person"))
        store.save_contact(Contact(name="Third Person"))
    log = logs(data_dir)[-1]
    lines = log.read_bytes().split(b"\n")
    lines[0] = b"garbage"
    log.write_bytes(b"\n".join(lines))
    damaged = log.read_bytes()
    with Store.open(data_dir) as store:
        with pytest.raises(CorruptFileError) as err:
            store.contacts()
        assert str(log) in str(err.value) and "line 1" in str(err.value)
        with pytest.raises(CorruptFileError):
            store.ensure_contact("Someone New")
    assert log.read_bytes() == damaged


def test_the_log_is_compacted_in_the_background_and_reloads_the_same(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name="Seed Person")])
        journal = store._people_file.journal
        for i in range(Journal.MIN_COMPACT_ENTRIES + 5):
            store.save_contact(Contact(name=f"Person {i:03d}"))
        journal.wait()
        assert journal.compactions == 1
        expected = names(store)
    snapshot = json.loads((data_dir / "people.json").read_text())
    assert len(snapshot["contacts"]) > Journal.MIN_COMPACT_ENTRIES  # folded into the snapshot
    assert sum(1 for _ in log_lines(data_dir)) < 10  # only what came after the compaction started
    with Store.open(data_dir) as again:
        assert names(again) == expected


def test_a_crash_during_compaction_loses_nothing(data_dir: Path) -> None:
    """Killed after the next log was started but before the new snapshot was renamed in."""
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name="Seed Person")])
        store.save_contact(Contact(name="In Old Log"))
    old_log = logs(data_dir)[-1]
    generation = int(old_log.name.split(".")[1])
    newer = old_log.with_name(f"people.{generation + 1}.jsonl")
    doc = Contact(name="In New Log").to_storage_dict()
    newer.write_text(json.dumps({"t": "contacts", "id": doc["id"], "doc": doc}) + "\n")
    (data_dir / ".people.json.123.abcd.tmp").write_text("{half a snapsh")  # the unfinished snapshot
    with Store.open(data_dir) as store:
        assert names(store) == ["In New Log", "In Old Log", "Seed Person"]
    assert not (data_dir / ".people.json.123.abcd.tmp").exists()


def test_a_crash_after_compaction_leaves_an_old_log_that_is_not_replayed(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name="Seed Person")])
        seed = store.find_contact("Seed Person")
        seed.role = "Engineer"
        store.save_contact(seed)
        store._people_file.write_snapshot()  # the compaction's snapshot, then the kill before the old log is deleted
        stale = data_dir / "people.0.jsonl"
        doc = {**seed.to_storage_dict(), "role": "Old Value"}
        stale.write_text(json.dumps({"t": "contacts", "id": seed.id, "doc": doc}) + "\n")
    with Store.open(data_dir) as store:
        assert store.get_contact(seed.id).role == "Engineer"
    assert not (data_dir / "people.0.jsonl").exists()


def test_a_data_dir_from_before_the_journal_is_read_as_it_is(data_dir: Path) -> None:
    old = {"contacts": {"1": {"schema_version": 1, "id": "c1", "name": "Old Friend"}},
           "organizations": {"1": {"schema_version": 1, "id": "o1", "name": "Old Corp"}}}
    data_dir.mkdir(exist_ok=True)
    (data_dir / "people.json").write_text(json.dumps(old))
    with Store.open(data_dir) as store:
        assert names(store) == ["Old Friend"] and store.find_organization("old corp").id == "o1"
        store.save_contact(Contact(name="New Friend"))
    assert json.loads((data_dir / "people.json").read_text()) == old  # untouched; the change is logged
    with Store.open(data_dir) as again:
        assert names(again) == ["New Friend", "Old Friend"]


def test_the_index_is_a_journal_too(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        contact = store.ensure_contact("Jane Doe")
        first = store.create_meeting(contact, title="first")
        index = (data_dir / "index.json").read_bytes()
        second = store.create_meeting(contact, title="second")
        first.title = "first, renamed"
        store.save_meeting(first)
        assert (data_dir / "index.json").read_bytes() == index
    with Store.open(data_dir) as again:
        titles = {s.id: s.title for s in again.meeting_summaries()}
        assert titles == {first.id: "first, renamed", second.id: "second"}


def test_find_contact_follows_renames_aliases_and_deletes(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        susan = store.ensure_contact("Susan Smith")
        assert store.find_contact("SUSAN  smith") is susan
        susan.name = "Susan Jones"
        susan.aliases = ["Sue"]
        store.save_contact(susan)
        assert store.find_contact("Susan Smith") is None
        assert store.find_contact("susan jones") is susan and store.find_contact("sue") is susan
        store.delete_contact(susan.id)
        assert store.find_contact("Sue") is None


WRITER = textwrap.dedent(
    """
    import sys
    from netbook.domain.models import Contact
    from netbook.storage.store import Store
    store = Store.open(sys.argv[1], allow_read_only=False)
    store.save_contacts([Contact(name="Seed Person")])
    i = 0
    while True:
        contact = store.save_contact(Contact(name=f"Person {i}"))
        print(contact.id, flush=True)  # acknowledged: it is on disk
        i += 1
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [7, 130, 260])
def test_kill_9_while_saving_contacts_keeps_every_acknowledged_one(tmp_path: Path, kill_after: int) -> None:
    data_dir = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir)], stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    acknowledged = []
    deadline = time.monotonic() + 120
    while len(acknowledged) < kill_after and time.monotonic() < deadline:
        acknowledged.append(proc.stdout.readline().decode().strip())
    os.kill(proc.pid, signal.SIGKILL)  # mid-append or mid-compaction, wherever it is
    proc.wait()
    with Store.open(data_dir) as store:
        stored = {c.id for c in store.contacts()}
        assert set(acknowledged) <= stored
        assert store.find_contact("Seed Person") is not None
