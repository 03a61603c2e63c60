"""Demo data: realistic, deterministic, fast, and never written over real data."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from netbook import cli
from netbook.domain.demo import DEMO_MARK, DemoDirError, default_demo_dir, generate_demo
from netbook.domain.models import AskOutcome, LeadStatus, MeetingStatus, MentionKind
from netbook.storage.paths import resolve_data_dir
from netbook.storage.store import Store

NOW = datetime(2026, 3, 10, 14, 0)


def snapshot_dir(path):
    """The data files (not home.json: a cache stamped with the journal files' times)."""
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*.json")) if p.name != "home.json"}


def test_demo_is_realistic(tmp_path):
    generate_demo(tmp_path / "d", meetings=40, contacts=120, seed=0, now=NOW)
    store = Store(tmp_path / "d", read_only=True)
    summaries = store.meeting_summaries()
    assert len(summaries) == 40 and len(store.contacts()) == 120
    statuses = {s.status for s in summaries}
    assert statuses == {MeetingStatus.LIVE, MeetingStatus.PLANNED, MeetingStatus.ENDED}
    meetings = list(store.iter_meetings())
    ended = [m for m in meetings if m.status is MeetingStatus.ENDED]
    assert all(m.notes and m.mentions and m.asks and m.followups for m in ended)
    for m in ended:
        for mention in m.mentions:
            assert mention.quote == m.notes.splitlines()[mention.first_line]
            if mention.kind is MentionKind.PERSON:
                assert mention.name in mention.quote and store.get_contact(mention.contact_id)
    assert {a.outcome for m in ended for a in m.asks} >= {AskOutcome.YES, AskOutcome.NO, AskOutcome.LATER}
    assert any(not f.done for m in ended for f in m.followups)
    leads = [c for c in store.contacts() if c.lead_status is LeadStatus.TO_CONTACT]
    assert leads and all(store.get_contact(c.referred_by_id) for c in leads)
    # referral chains: someone referred by someone who was referred themselves
    by_id = {c.id: c for c in store.contacts()}
    depth = max(_depth(c, by_id) for c in by_id.values())
    assert depth >= 2
    assert any(s.when() > NOW for s in summaries if s.status is MeetingStatus.PLANNED)
    assert (tmp_path / "d" / DEMO_MARK).exists()
    assert store.templates()


def _depth(contact, by_id, seen=None):
    seen = seen or set()
    if not contact.referred_by_id or contact.id in seen:
        return 0
    seen.add(contact.id)
    parent = by_id.get(contact.referred_by_id)
    return 1 + (_depth(parent, by_id, seen) if parent else 0)


def test_demo_is_deterministic(tmp_path):
    generate_demo(tmp_path / "a", meetings=30, contacts=80, seed=7, now=NOW)
    generate_demo(tmp_path / "b", meetings=30, contacts=80, seed=7, now=NOW)
    generate_demo(tmp_path / "c", meetings=30, contacts=80, seed=8, now=NOW)
    a, b, c = (snapshot_dir(tmp_path / x) for x in "abc")
    assert a == b and a != c


def test_demo_regenerates_but_refuses_real_data(tmp_path):
    generate_demo(tmp_path / "d", meetings=10, contacts=20, now=NOW)
    generate_demo(tmp_path / "d", meetings=3, contacts=5, now=NOW)
    assert len(list((tmp_path / "d" / "meetings").glob("*.json"))) == 3
    real = tmp_path / "real"
    with Store.open(real) as store:
        store.ensure_contact("Jane Doe")
    before = snapshot_dir(real)
    with pytest.raises(DemoDirError):
        generate_demo(real, meetings=3, contacts=5, now=NOW)
    assert snapshot_dir(real) == before


def test_demo_small_and_empty_sizes(tmp_path):
    generate_demo(tmp_path / "z", meetings=0, contacts=0, now=NOW)
    assert Store(tmp_path / "z", read_only=True).meeting_summaries() == []
    generate_demo(tmp_path / "one", meetings=1, contacts=0, now=NOW)
    store = Store(tmp_path / "one", read_only=True)
    assert len(store.meeting_summaries()) == 1 and len(store.contacts()) >= 1


def test_demo_builds_the_sizes_asked_for(tmp_path):
    generate_demo(tmp_path / "big", meetings=400, contacts=1000, now=NOW)
    store = Store(tmp_path / "big", read_only=True)
    assert len(store.meeting_summaries()) == 400 and len(store.contacts()) == 1000


def test_default_demo_dir_is_not_the_real_one(monkeypatch):
    monkeypatch.delenv("NETBOOK_HOME", raising=False)
    assert default_demo_dir() != resolve_data_dir(None)
    assert default_demo_dir().name.endswith("-demo")


def test_cli_demo_no_open(tmp_path, capsys):
    assert cli.main(["demo", "--data-dir", str(tmp_path / "d"), "--meetings", "6", "--contacts", "9",
                     "--no-open"]) == 0
    assert len(Store(tmp_path / "d", read_only=True).meeting_summaries()) == 6


def test_cli_demo_refuses_real_data_dir(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NETBOOK_HOME", str(tmp_path / "real"))
    assert cli.main(["demo", "--data-dir", str(tmp_path / "real"), "--no-open"]) == 2
    assert "refusing" in capsys.readouterr().err
    assert not (tmp_path / "real").exists()


def test_demo_files_are_plain_json(tmp_path):
    generate_demo(tmp_path / "d", meetings=3, contacts=5, now=NOW)
    for path in (tmp_path / "d").rglob("*.json"):
        json.loads(path.read_text())
        assert oct(path.stat().st_mode & 0o777) == "0o600"
