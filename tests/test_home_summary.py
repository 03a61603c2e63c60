"""Home's summary (home.json): built from the tables, patched by every write, a cache that is rebuilt when
missing, stale or unreadable."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from netbook.domain.demo import generate_demo
from netbook.domain.models import Contact, FollowUp, FollowUpKind, LeadStatus, Meeting, MeetingStatus, Organization
from netbook.domain.home_lists import home_data, load_home_data
from netbook.storage import home_cache as home_summary
from netbook.storage.home_cache import FILE_NAME, HomeSummary
from netbook.storage.store import Store

NOW = datetime(2026, 3, 10, 14, 0)
TODAY = NOW.date()


def shape(h: HomeSummary) -> dict:
    return {
        "meetings": {i: s.model_dump() for i, s in sorted(h.meetings.items())},
        "leads": sorted(h.leads),
        "recent": [s.id for s in h.recent()],
        "totals": (h.ended_total, h.leads_total, h.contacts_total),
    }


def assert_current(store: Store) -> None:
    """The patched summary equals one built afresh from the tables, names included."""
    kept = store.cached_home_summary()
    assert kept is not None
    fresh = HomeSummary.build(store.meeting_summaries(), store.contacts(), store.record_name)
    assert shape(kept) == shape(fresh)
    assert {k: kept.names.get(k) for k in fresh.names} == fresh.names


def rows(data) -> dict:
    return {
        "followups": [(f.id, s.id) for f, s in data.followups],
        "leads": [c.id for c in data.leads][:home_summary.LEADS],
        "upcoming": [s.id for s in data.upcoming],
        "recent": [s.id for s in data.recent][:home_summary.RECENT],
        "titles": [data.title(f) for f, _ in data.followups],
        "totals": (data.leads_total, data.recent_total, data.contacts_total),
    }


def test_home_from_the_summary_shows_what_the_full_load_shows(data_dir):
    generate_demo(data_dir, meetings=300, contacts=900, seed=2, now=NOW)
    store = Store(data_dir, read_only=True)
    summary = store.cached_home_summary()
    assert summary is not None  # the demo's bulk writes left a fresh home.json
    assert len(summary.meetings) < 300 and len(summary.leads) <= home_summary.LEADS
    assert rows(home_data(summary, TODAY)) == rows(load_home_data(store, TODAY))


def test_every_write_keeps_the_summary_current(data_dir, monkeypatch):
    """Random saves, deletes, renames and status changes, with tiny caps so rows leave and refill."""
    monkeypatch.setattr(home_summary, "RECENT", 3)
    monkeypatch.setattr(home_summary, "LEADS", 2)
    rng = random.Random(7)
    with Store.open(data_dir) as store:
        store.home_summary()  # known from the start (as after Home's first draw)
        orgs = [store.save_organization(Organization(name=f"Org {i}")) for i in range(3)]
        people: list[Contact] = []
        meetings: list[Meeting] = []
        for step in range(160):
            op = rng.choice(["contact", "contact", "lead", "meeting", "meeting", "edit", "delete", "rename", "org"])
            if op in ("contact", "lead") or not people:
                c = Contact(name=f"Person {step}", organization_id=rng.choice(orgs).id,
                            created_at=NOW - timedelta(days=rng.randint(0, 50)),
                            lead_status=LeadStatus.TO_CONTACT if op == "lead" else None,
                            referred_by_id=rng.choice(people).id if people and op == "lead" else None)
                people.append(store.save_contact(c))
            elif op == "meeting" or not meetings:
                m = Meeting(contact_id=rng.choice(people).id, status=rng.choice(list(MeetingStatus)),
                            started_at=NOW - timedelta(days=rng.randint(0, 90), minutes=step))
                if rng.random() < 0.4:
                    who = rng.choice(people)
                    m.followups = [FollowUp(kind=FollowUpKind.CONTACT_LEAD, title=f"Contact {who.name}",
                                            due=TODAY + timedelta(days=rng.randint(-3, 10)), contact_id=who.id)]
                store.save_meeting(m, now=NOW)
                meetings.append(m)
            elif op == "edit":
                m = store.load_meeting(rng.choice(meetings).id)
                m.status = rng.choice(list(MeetingStatus))
                m.started_at = NOW - timedelta(days=rng.randint(0, 90))
                for f in m.followups:
                    f.done = rng.random() < 0.5
                store.save_meeting(m, now=NOW)
            elif op == "delete":
                if rng.random() < 0.5:
                    store.delete_meeting(meetings.pop(rng.randrange(len(meetings))).id)
                else:
                    store.delete_contact(people.pop(rng.randrange(len(people))).id)
            elif op == "rename":
                c = store.get_contact(rng.choice(people).id)
                c.name = f"{c.name}*"  # the very object the store holds, changed in place, then saved
                c.lead_status = rng.choice([None, LeadStatus.TO_CONTACT, LeadStatus.CONTACTED])
                store.save_contact(c)
            else:
                org = store.get_organization(rng.choice(orgs).id).model_copy()
                org.name = f"{org.name}+"
                store.save_organization(org)
            assert_current(store)


def test_the_file_follows_the_writes_and_is_read_at_the_next_start(data_dir):
    with Store.open(data_dir) as store:
        store.home_summary()
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        store.save_contact(Contact(name="Susan Smith", referred_by_id=jane.id, lead_status=LeadStatus.TO_CONTACT,
                                   created_at=NOW))
    assert (data_dir / FILE_NAME).stat().st_mode & 0o777 == 0o600
    store = Store(data_dir, read_only=True)
    summary = store.cached_home_summary()  # no table read
    assert summary is not None and store._contacts._items is None and store._index._items is None
    assert [c.name for c in summary.leads.values()] == ["Susan Smith"]
    assert summary.names[jane.id] == "Jane Doe" and summary.contacts_total == 2


def test_a_summary_older_than_the_book_is_not_used(data_dir):
    """Killed after a write but before the summary caught up: its stamp no longer matches."""
    with Store.open(data_dir) as store:
        store.home_summary()
        store.ensure_contact("Jane Doe")
    old = (data_dir / FILE_NAME).read_bytes()
    with Store.open(data_dir) as store:
        store.save_contact(Contact(name="Susan Smith", lead_status=LeadStatus.TO_CONTACT, created_at=NOW))
    (data_dir / FILE_NAME).write_bytes(old)
    with Store.open(data_dir) as store:
        assert store.cached_home_summary() is None
        summary = store.home_summary()
        assert [c.name for c in summary.leads.values()] == ["Susan Smith"]
        assert not store.warnings  # stale is ordinary, not worth a notice
    assert Store(data_dir, read_only=True).cached_home_summary() is not None  # and written back


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"format": 99, "stamp": []}', b"[1, 2]"])
def test_an_unreadable_summary_is_rebuilt_with_a_notice(data_dir, garbage):
    with Store.open(data_dir) as store:
        store.save_contact(Contact(name="Susan Smith", lead_status=LeadStatus.TO_CONTACT, created_at=NOW))
    (data_dir / FILE_NAME).write_bytes(garbage)
    with Store.open(data_dir) as store:
        assert store.cached_home_summary() is None
        assert [w for w in store.warnings if FILE_NAME in w]
        assert [c.name for c in store.home_summary().leads.values()] == ["Susan Smith"]
    assert Store(data_dir, read_only=True).cached_home_summary() is not None


def test_a_meeting_file_removed_by_hand_rebuilds_index_and_summary(data_dir):
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        gone = store.create_meeting(jane, status=MeetingStatus.PLANNED, scheduled_at=NOW + timedelta(days=1))
        kept = store.create_meeting(jane, status=MeetingStatus.PLANNED, scheduled_at=NOW + timedelta(days=2))
        store.home_summary()
    (data_dir / "meetings" / f"{gone.id}.json").unlink()
    with Store.open(data_dir) as store:
        assert set(store.cached_home_summary().meetings) == {gone.id, kept.id}  # the journals did not change
        seen = []
        store.add_listener(lambda kind, record_id: seen.append((kind, record_id)))
        store.meeting_summaries()  # the index's own check (the palette or People load it after the first draw)
        assert set(store.cached_home_summary().meetings) == {kept.id}
        assert ("meeting", None) in seen  # Home draws again


def test_a_compaction_restamps_the_summary_on_close(data_dir, monkeypatch):
    monkeypatch.setattr("netbook.storage.journal.Journal.MIN_COMPACT_ENTRIES", 3)
    with Store.open(data_dir) as store:
        store.home_summary()
        for n in range(12):
            store.save_contact(Contact(name=f"Person {n}", created_at=NOW))
        assert store._people_file.journal.compactions or store._people_file.journal._compactor
    assert Store(data_dir, read_only=True).cached_home_summary().contacts_total == 12


def test_counts_survive_a_contact_changed_in_place(store):
    store.home_summary()
    lead = store.save_contact(Contact(name="Susan Smith", lead_status=LeadStatus.TO_CONTACT, created_at=NOW))
    same = store.get_contact(lead.id)
    same.lead_status = LeadStatus.CONTACTED
    same.last_contact = date(2026, 3, 9)
    store.save_contact(same)
    assert store.cached_home_summary().leads_total == 0 and not store.cached_home_summary().leads


def test_damaged_meeting_files_flow_into_home(data_dir):
    """A meeting file that cannot be read is named in the summary, as the store names it, for Home to list."""
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        bad = store.create_meeting(jane, status=MeetingStatus.PLANNED, scheduled_at=NOW + timedelta(days=1))
        store.home_summary()
    (data_dir / "index.json").unlink()  # the index is rebuilt from the meeting files...
    path = data_dir / "meetings" / f"{bad.id}.json"
    path.write_text("{ torn")  # ...one of which is damaged
    with Store.open(data_dir) as store:
        damaged = store.home_summary().damaged
        assert [d[0] for d in damaged] == [str(path)] and damaged[0][1]  # the file and what is wrong with it
        shown = home_data(store.home_summary(), TODAY).damaged
        assert [(str(e.path), e.problem) for e in shown] == [(str(e.path), e.problem) for e in store.damaged_meetings()]
    assert Store(data_dir, read_only=True).cached_home_summary().damaged == damaged  # drawn at the next start too
