"""Mentions, leads and follow-ups name the records as stored (issue 9, "data that goes stale or wrong")."""

from __future__ import annotations

from datetime import datetime

from netbook.domain.closing_checklist import build_checklist, record_outcome
from netbook.domain.meeting_lifecycle import end, start
from netbook.domain.meeting_mentions import MeetingMentions
from netbook.domain.meeting_wrapup import finish_meeting
from netbook.domain.mention_records import persist_mentions
from netbook.domain.models import AskKind, AskOutcome, AskStatus, LeadStatus, MentionKind
from netbook.storage.config import FollowUpRules
from netbook.storage.store import Store

P, O = MentionKind.PERSON, MentionKind.ORGANIZATION
NOW = datetime(2026, 3, 10, 14, 0)


def meeting_with(store: Store, *names: tuple[str, MentionKind]):
    """Jane Doe (Acme Pharma), referred by Tom Baker; a live meeting whose notes flag ``names``."""
    tom = store.ensure_contact("Tom Baker")
    jane = store.ensure_contact("Jane Doe", organization="Acme Pharma")
    jane.referred_by_id = tom.id
    store.save_contact(jane)
    meeting = store.create_meeting(jane)
    start(meeting, datetime(2026, 3, 10, 13, 30))
    mm = MeetingMentions(meeting.mentions, own_contact_id=jane.id, own_names=jane.all_names())
    for line, (name, kind) in enumerate(names):
        mm.tag(name, kind, line=line, quote=f"{name} said so")
    return meeting, mm, jane, tom


def test_a_mention_that_matches_a_record_links_to_it(data_dir):
    with Store.open(data_dir) as store:
        meeting, mm, jane, tom = meeting_with(store, ("acme", O), ("tom", P))
        acme = store.find_organization("Acme Pharma")
        ids = persist_mentions(store, mm.mentions, meeting_id=meeting.id, meeting_contact_id=jane.id)
        assert ids["acme"].organization_id == acme.id
        assert ids["tom"].contact_id == tom.id
        assert [o.name for o in store.organizations()] == ["Acme Pharma"]
        assert sorted(c.name for c in store.contacts()) == ["Jane Doe", "Tom Baker"]
        assert store.get_contact(tom.id).lead_status is None


def test_asks_and_followups_name_the_record_as_stored(data_dir):
    with Store.open(data_dir) as store:
        meeting, mm, jane, tom = meeting_with(store, ("tom", P))
        ids = persist_mentions(store, mm.mentions, meeting_id=meeting.id, meeting_contact_id=jane.id)
        for key, book in ids.items():
            mm.link_record(key, book)
        meeting.asks = build_checklist(meeting, contact_name="Jane Doe")
        good = next(a for a in meeting.asks if a.kind is AskKind.GOOD_PERSON)
        assert good.text == "You mentioned Tom Baker — would Tom be a good person for me to talk to?"
        record_outcome(good, AskOutcome.YES)
        end(meeting, NOW)
        store.save_meeting(meeting)
        wrap = finish_meeting(store, meeting, rules=FollowUpRules(), now=NOW)
        titles = [f.display_title(store.record_name) for f in wrap.meeting.followups]
        assert any(t.startswith("Contact Tom Baker") for t in titles), titles
        assert not any("tom " in t for t in titles)
        assert sorted(c.name for c in store.contacts()) == ["Jane Doe", "Tom Baker"]


def test_no_on_good_person_means_no_lead_and_drops_the_rest(data_dir):
    with Store.open(data_dir) as store:
        meeting, mm, jane, _tom = meeting_with(store, ("Raj Patel", P))
        ids = persist_mentions(store, mm.mentions, meeting_id=meeting.id, meeting_contact_id=jane.id)
        raj = store.get_contact(ids["raj patel"].contact_id)
        assert raj.lead_status is LeadStatus.TO_CONTACT  # tagged in the meeting: a lead for now
        mm.get("raj patel").contact_id = raj.id
        meeting.asks = build_checklist(meeting, contact_name="Jane Doe")
        record_outcome(next(a for a in meeting.asks if a.kind is AskKind.GOOD_PERSON), AskOutcome.NO)
        meeting.asks = build_checklist(meeting, contact_name="Jane Doe")
        raj_asks = [a for a in meeting.asks if a.subject == "raj patel"]
        assert [a.kind for a in raj_asks] == [AskKind.GOOD_PERSON]
        assert not any(a.status is AskStatus.OPEN for a in raj_asks)
        end(meeting, NOW)
        wrap = finish_meeting(store, meeting, rules=FollowUpRules(), now=NOW)
        assert wrap.leads == []
        assert store.get_contact(raj.id).lead_status is None
        assert not any(f.kind.value == "contact_lead" for f in wrap.meeting.followups)
        # changing the answer to yes makes him a lead again
        record_outcome(next(a for a in meeting.asks if a.kind is AskKind.GOOD_PERSON), AskOutcome.YES)
        wrap = finish_meeting(store, meeting, rules=FollowUpRules(), now=NOW)
        assert store.get_contact(raj.id).lead_status is LeadStatus.TO_CONTACT
        assert len([a for a in wrap.meeting.asks if a.subject == "raj patel"]) == 4


def test_followup_titles_follow_a_rename(data_dir):
    with Store.open(data_dir) as store:
        meeting, _mm, jane, tom = meeting_with(store)
        end(meeting, NOW)
        wrap = finish_meeting(store, meeting, rules=FollowUpRules(), now=NOW)
        jane = store.get_contact(jane.id)
        jane.name = "Jane Smith"
        store.save_contact(jane)
        titles = [f.display_title(store.record_name) for f in wrap.meeting.followups]
        assert "Send Jane Smith a thank-you note" in titles
        assert "Check in with Jane Smith — keep them posted" in titles
        assert "Tell Tom Baker how it went with Jane" in titles
        tom = store.get_contact(tom.id)
        tom.name = "Thomas Baker"
        store.save_contact(tom)
        assert "Tell Thomas Baker how it went with Jane" in [
            f.display_title(store.record_name) for f in wrap.meeting.followups
        ]


def test_old_followups_without_parts_keep_their_title(data_dir):
    from netbook.domain.models import FollowUp, FollowUpKind

    old = FollowUp.model_validate({"kind": "thank_you", "title": "Send Jane Doe a thank-you note", "due": "2026-03-11"})
    assert old.display_title(lambda _id: "Someone Else") == "Send Jane Doe a thank-you note"
    assert old.kind is FollowUpKind.THANK_YOU


def test_confirmed_entries_without_a_record_need_one_suggested_and_linked_ones_do_not() -> None:
    from netbook.domain.mention_records import needs_records
    from netbook.domain.models import Mention, MentionKind, MentionStatus

    person = Mention(name="Tom Baker", kind=MentionKind.PERSON, status=MentionStatus.CONFIRMED)
    org = Mention(name="Initech", kind=MentionKind.ORGANIZATION, status=MentionStatus.CONFIRMED)
    suggested = Mention(name="Sue", kind=MentionKind.PERSON, status=MentionStatus.SUGGESTED)
    assert needs_records([person]) and needs_records([org])
    assert not needs_records([suggested])
    assert not needs_records([person.model_copy(update={"contact_id": "c1"}),
                              org.model_copy(update={"organization_id": "o1"})])
