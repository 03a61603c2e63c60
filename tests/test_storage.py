"""The store never loses or corrupts data: atomic writes, one writer, refusing bad files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netbook.domain.models import SCHEMA_VERSION, Contact, MeetingStatus
from netbook.storage.files import CorruptFileError, DataDirLockedError, ReadOnlyError, atomic_write_json, read_json
from netbook.storage.migrations import NewerSchemaError
from netbook.storage.store import Store


def make_meeting(store: Store, notes: str = "hello", name: str = "Jane Doe"):
    contact = store.ensure_contact(name, organization="Acme")
    meeting = store.create_meeting(contact, planned_minutes=45)
    meeting.notes = notes
    store.save_meeting(meeting)
    return meeting


def test_round_trip_reloads_everything(data_dir: Path):
    with Store.open(data_dir) as store:
        meeting = make_meeting(store, notes="[bold]not markup[/] \x1b[31m ✨ שלום")
        contact = store.find_contact("jane  DOE")
    assert contact is not None
    with Store.open(data_dir) as again:
        loaded = again.load_meeting(meeting.id)
        assert loaded.notes == "[bold]not markup[/] \x1b[31m ✨ שלום"
        assert loaded.planned_minutes == 45
        assert again.get_contact(contact.id).name == "Jane Doe"
        assert again.organization_name(again.get_contact(contact.id)) == "Acme"
        assert [s.id for s in again.meeting_summaries()] == [meeting.id]


def test_files_are_private(data_dir: Path):
    with Store.open(data_dir) as store:
        make_meeting(store)
        store.add_user_question({"id": "own-001", "category": "mine", "text": "Why?"})
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "meetings").stat().st_mode) == 0o700
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"people.json", "index.json", "library.json", ".lock"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_autosave_touches_only_the_meeting_file(data_dir: Path):
    with Store.open(data_dir) as store:
        meeting = make_meeting(store)
        before = {p.name: p.stat().st_mtime_ns for p in data_dir.glob("*.json")}
        meeting.notes += " more typing"
        store.save_meeting(meeting)
        after = {p.name: p.stat().st_mtime_ns for p in data_dir.glob("*.json")}
    assert before == after


def test_index_rebuilt_when_missing_or_stale(data_dir: Path):
    with Store.open(data_dir) as store:
        first = make_meeting(store)
    (data_dir / "index.json").unlink()
    with Store.open(data_dir) as store:
        assert [s.id for s in store.meeting_summaries()] == [first.id]
        assert store.meeting_summaries()[0].contact_name == "Jane Doe"


def test_corrupt_index_is_set_aside_and_rebuilt(data_dir: Path):
    with Store.open(data_dir) as store:
        first = make_meeting(store)
    (data_dir / "index.json").write_text("{ not json")
    with Store.open(data_dir) as store:
        assert [s.id for s in store.meeting_summaries()] == [first.id]
        assert any("index.json" in w for w in store.warnings)
    kept = list(data_dir.glob("index.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{ not json"


@pytest.mark.parametrize("content", ["", "{\"contacts\": {\"1\": {\"name\": ", "\x00\x00garbage", "[1, 2]"])
def test_corrupt_people_file_is_named_and_left_untouched(data_dir: Path, content: str):
    with Store.open(data_dir) as store:
        make_meeting(store)
    people = data_dir / "people.json"
    people.write_text(content)
    with Store.open(data_dir) as store:
        with pytest.raises(CorruptFileError) as err:
            store.contacts()
        assert str(people) in str(err.value)
        with pytest.raises(CorruptFileError):
            store.ensure_contact("Someone New")
    assert people.read_text() == content


def test_truncated_meeting_is_refused_and_never_overwritten(data_dir: Path):
    with Store.open(data_dir) as store:
        meeting = make_meeting(store, notes="x" * 1000)
    path = data_dir / "meetings" / f"{meeting.id}.json"
    truncated = path.read_bytes()[:200]
    path.write_bytes(truncated)
    with Store.open(data_dir) as store:
        with pytest.raises(CorruptFileError) as err:
            store.load_meeting(meeting.id)
        assert str(path) in str(err.value) and meeting.id in str(err.value)
        with pytest.raises(CorruptFileError):
            store.save_meeting(meeting)
    assert path.read_bytes() == truncated


def test_invalid_record_names_file_and_record(data_dir: Path):
    with Store.open(data_dir) as store:
        meeting = make_meeting(store)
    path = data_dir / "meetings" / f"{meeting.id}.json"
    doc = json.loads(path.read_text())
    doc["planned_minutes"] = "soon"
    path.write_text(json.dumps(doc))
    with Store.open(data_dir) as store:
        with pytest.raises(CorruptFileError) as err:
            store.load_meeting(meeting.id)
    message = str(err.value)
    assert str(path) in message and meeting.id in message and "planned_minutes" in message


def test_newer_schema_is_refused_not_rewritten(data_dir: Path):
    with Store.open(data_dir) as store:
        meeting = make_meeting(store)
    path = data_dir / "meetings" / f"{meeting.id}.json"
    doc = json.loads(path.read_text())
    doc["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(doc))
    original = path.read_bytes()
    with Store.open(data_dir) as store:
        with pytest.raises(NewerSchemaError) as err:
            store.load_meeting(meeting.id)
        assert "newer netbook" in str(err.value) and str(path) in str(err.value)
        with pytest.raises(CorruptFileError):
            store.save_meeting(meeting)
    assert path.read_bytes() == original


def test_newer_contact_schema_is_refused(data_dir: Path):
    with Store.open(data_dir) as store:
        contact = store.ensure_contact("Jane Doe")
    people = data_dir / "people.json"
    doc = json.loads(people.read_text())
    doc["contacts"]["1"]["schema_version"] = SCHEMA_VERSION + 5
    people.write_text(json.dumps(doc))
    with Store.open(data_dir) as store:
        with pytest.raises(NewerSchemaError) as err:
            store.contacts()
    assert "record " + contact.id in str(err.value) and "people.json" in str(err.value)


def test_older_schema_is_migrated(data_dir: Path):
    with Store.open(data_dir) as store:
        contact = store.ensure_contact("Jane Doe")
    old_meeting = {"id": "abc123", "contact_id": contact.id, "text": "old notes", "questions": ["Why Acme?"]}
    atomic_write_json(data_dir / "meetings" / "abc123.json", old_meeting)
    people = data_dir / "people.json"
    doc = json.loads(people.read_text())
    row = doc["contacts"]["1"]
    del row["schema_version"]
    row["company"] = "Acme"
    people.write_text(json.dumps(doc))
    with Store.open(data_dir) as store:
        meeting = store.load_meeting("abc123")
        assert meeting.schema_version == SCHEMA_VERSION
        assert meeting.notes == "old notes"
        assert [q.text for q in meeting.questions] == ["Why Acme?"]
        migrated = store.get_contact(contact.id)
        assert migrated.schema_version == SCHEMA_VERSION and migrated.how_met == "works at Acme"
        store.save_meeting(meeting)
    assert read_json(data_dir / "meetings" / "abc123.json")["schema_version"] == SCHEMA_VERSION


def test_unknown_fields_survive_a_round_trip(data_dir: Path):
    with Store.open(data_dir) as store:
        meeting = make_meeting(store)
    path = data_dir / "meetings" / f"{meeting.id}.json"
    doc = json.loads(path.read_text())
    doc["added_by_hand"] = {"keep": True}
    path.write_text(json.dumps(doc))
    with Store.open(data_dir) as store:
        loaded = store.load_meeting(meeting.id)
        loaded.notes = "edited"
        store.save_meeting(loaded)
    assert json.loads(path.read_text())["added_by_hand"] == {"keep": True}


def test_stale_temp_files_are_cleaned(data_dir: Path):
    with Store.open(data_dir) as store:
        make_meeting(store)
    stale = data_dir / "meetings" / ".x.json.123.abcd.tmp"
    stale.write_text("partial")
    Store.open(data_dir).close()
    assert not stale.exists()


def test_the_meetings_folder_clean_up_waits_for_start_up_to_end(data_dir: Path):
    """Scanning meetings/ grows with the history: it runs once the app says its first screen is drawn."""
    with Store.open(data_dir) as store:
        make_meeting(store)
    stale = data_dir / "meetings" / ".x.json.123.abcd.tmp"
    stale.write_text("partial")
    store = Store.open(data_dir)
    try:
        assert stale.exists()  # the thread waits for start_upkeep
        store.start_upkeep()
        store._cleanup.join(timeout=10)
        assert not stale.exists()
    finally:
        store.close()


# --------------------------------------------------------------------------- one writer

HOLDER = textwrap.dedent(
    """
    import sys
    from netbook.storage.store import Store
    store = Store.open(sys.argv[1], allow_read_only=False)
    print("locked", flush=True)
    sys.stdin.readline()
    """
)


def test_second_process_gets_read_only_and_cannot_write(data_dir: Path):
    with Store.open(data_dir) as store:
        meeting = make_meeting(store, notes="first copy")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DataDirLockedError) as err:
            Store.open(data_dir, allow_read_only=False)
        assert "in use by another netbook" in str(err.value) and str(holder.pid) in str(err.value)
        reader = Store.open(data_dir)
        assert reader.read_only and "read-only" in reader.warnings[0]
        loaded = reader.load_meeting(meeting.id)
        assert loaded.notes == "first copy"
        loaded.notes = "second copy"
        with pytest.raises(ReadOnlyError):
            reader.save_meeting(loaded)
        with pytest.raises(ReadOnlyError):
            reader.ensure_contact("Someone Else")
        reader.close()
    finally:
        holder.communicate("\n", timeout=10)
    with Store.open(data_dir) as store:
        assert not store.read_only
        assert store.load_meeting(meeting.id).notes == "first copy"


def test_lock_released_when_holder_is_killed(data_dir: Path):
    Store.open(data_dir).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    assert Store.open(data_dir).read_only
    holder.kill()
    holder.wait(timeout=10)
    with Store.open(data_dir, allow_read_only=False) as store:
        assert not store.read_only


# --------------------------------------------------------------------------- kill -9

WRITER = textwrap.dedent(
    """
    import sys
    from netbook.storage.store import Store
    store = Store.open(sys.argv[1], allow_read_only=False)
    meeting = store.load_meeting(sys.argv[2])
    contact = store.get_contact(meeting.contact_id)
    padding = "x" * 200_000
    i = int(meeting.notes.split()[0])
    while True:
        i += 1
        print(f"start {i}", flush=True)
        meeting.notes = f"{i} {padding}"
        store.save_meeting(meeting)
        contact.notes = f"{i} {padding[:50_000]}"
        store.save_contact(contact)
        print(f"done {i}", flush=True)
    """
)


@pytest.mark.slow
def test_kill_9_at_random_moments_never_corrupts(data_dir: Path):
    import random

    rng = random.Random(20261125)
    with Store.open(data_dir) as store:
        meeting = make_meeting(store, notes="0 start")
        contact = store.get_contact(meeting.contact_id)
        contact.notes = "0"
        store.save_contact(contact)
        for n in range(200):  # some history, so the shared tables are not trivially small
            store.save_contact(Contact(name=f"Person {n}", notes="history " * 20))
    kills = 0
    prev_notes = prev_contact = 0
    for _ in range(110):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), meeting.id],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        first = child.stdout.readline()
        assert first.startswith("start"), first
        try:  # a random moment inside the write loop; wait() returns only if the child died on its own
            child.wait(timeout=rng.uniform(0.0, 0.06))
            raise AssertionError("writer exited on its own")
        except subprocess.TimeoutExpired:
            pass
        child.kill()
        rest = child.communicate()[0]
        kills += 1
        lines = (first + rest).split()
        started = [int(n) for tag, n in zip(lines[::2], lines[1::2]) if tag == "start"]
        # Every file must load, and hold the previous or the in-flight value.
        with Store.open(data_dir, allow_read_only=False) as check:
            notes_n = int(check.load_meeting(meeting.id).notes.split()[0])
            contact_n = int(check.get_contact(meeting.contact_id).notes.split()[0])
            assert check.meeting_summaries()[0].id == meeting.id
            assert len(check.contacts()) == 201
        last = started[-1]
        # The meeting file holds the last completed write or the one in flight ...
        assert notes_n in (last - 1, last) and notes_n in (prev_notes, *started), (notes_n, last)
        # ... and the contact table an old or a new value, never something else.
        assert contact_n in (prev_contact, *started) and contact_n <= notes_n, (contact_n, started)
        prev_notes, prev_contact = notes_n, contact_n
        assert not list(data_dir.rglob("*.tmp"))
    assert kills >= 100
