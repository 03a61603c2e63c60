"""Ending (and re-ending) a meeting: the checklist, lead contacts and follow-ups, stored.

:func:`refresh_checklist` and :func:`finish_meeting` are idempotent: run them after
every edit, after a reopen, as often as you like — they merge, never duplicate.
Core module: uses the Store, never Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from netbook.domain.closing_checklist import LeadInfo, build_checklist, leads, people_outcomes
from netbook.domain.followups import generate_followups, log_contact, meeting_day, merge_followups
from netbook.domain.meeting_session import rewrite_meeting
from netbook.domain.mention_records import match_contact, related_records
from netbook.domain.models import AskOutcome, Contact, FollowUpKind, LeadStatus, Meeting, MeetingStatus
from netbook.domain.question_bank import QuestionBank
from netbook.storage.config import FollowUpRules
from netbook.storage.store import Store


def contact_name(store: Store, meeting: Meeting) -> str | None:
    contact = store.get_contact(meeting.contact_id)
    return contact.name if contact else None


def refresh_checklist(store: Store, meeting: Meeting, bank: QuestionBank | None = None) -> Meeting:
    """Rebuild ``meeting.asks`` from its mentions, keeping everything recorded (not saved)."""
    meeting.asks = build_checklist(meeting, contact_name=contact_name(store, meeting), existing=meeting.asks, bank=bank)
    return meeting


@dataclass
class WrapUp:
    meeting: Meeting
    leads: list[LeadInfo] = field(default_factory=list)
    lead_contacts: dict[str, Contact] = field(default_factory=dict)  # mention key -> contact


def _save_if_changed(store: Store, contact: Contact, before: dict | None, batch: list[Contact] | None = None) -> Contact:
    if before is None or contact.model_dump() != before:
        if batch is None:
            store.save_contact(contact)
        else:
            batch.append(contact)
    return contact


def upsert_lead(
    store: Store, meeting: Meeting, referrer: Contact, info: LeadInfo, batch: list[Contact] | None = None
) -> Contact:
    """The lead's contact record, created or updated with what was said about them.

    With ``batch``, changed records are collected there for one write of the contact book.
    """
    m = info.mention
    lead = store.get_contact(m.contact_id) if m.contact_id else None
    lead = lead or match_contact(store, m.name, related=related_records(store, meeting.contact_id)[0])
    before = lead.model_dump() if lead else None
    if lead is None:
        lead = Contact(name=m.name, how_met=f"suggested by {referrer.name}")
    if info.organization and lead.organization_id is None:
        lead.organization_id = store.ensure_organization(info.organization).id
    ours = lead.referred_in_meeting_id in (None, meeting.id)
    if lead.referred_by_id is None and lead.id != referrer.id:
        lead.referred_by_id = referrer.id
    if ours:
        lead.referred_in_meeting_id = meeting.id
        if lead.lead_status is None:
            lead.lead_status = LeadStatus.TO_CONTACT
        if info.channel is not None:
            lead.preferred_channel = info.channel
        if info.may_use_name is not None:
            lead.may_use_referrer_name = info.may_use_name
        if info.intro_promised is not None:
            lead.intro_promised = info.intro_promised
        if info.intro_by is not None:
            lead.intro_by = info.intro_by
    return _save_if_changed(store, lead, before, batch)


def decline_leads(store: Store, meeting: Meeting, batch: list[Contact] | None = None) -> list[Contact]:
    """A no to "would X be a good person to talk to?": X is no lead of this meeting's (any more).

    Tagging X made them a lead for the time being; this takes that back (a yes later makes
    them one again). With ``batch`` the changed contacts are collected there, else saved.
    """
    referrer_id = meeting.contact_id
    changed: list[Contact] = []
    for info in people_outcomes(meeting, contact_name(store, meeting)):
        contact = store.get_contact(info.mention.contact_id) if info.mention.contact_id else None
        if (info.good_person is not AskOutcome.NO or contact is None or contact.referred_in_meeting_id != meeting.id
                or contact.lead_status is not LeadStatus.TO_CONTACT):
            continue
        contact = contact.model_copy(deep=True)
        contact.lead_status = None
        if contact.referred_by_id == referrer_id:
            contact.referred_by_id = None
        changed.append(contact)
    if batch is not None:
        batch.extend(changed)
    elif changed:
        store.save_contacts(changed)
    return changed


def finish_meeting(
    store: Store,
    meeting: Meeting,
    *,
    rules: FollowUpRules,
    now: datetime,
    bank: QuestionBank | None = None,
) -> WrapUp:
    """Checklist, lead contacts, the contact's last contact and the follow-ups — then save.

    Safe to run again after a reopen: leads are matched by name and follow-ups by
    rule key, so nothing is duplicated.
    """
    with store.write_lock:
        contact = store.get_contact(meeting.contact_id) or Contact(id=meeting.contact_id, name="(unknown contact)")
        refresh_checklist(store, meeting, bank)
        found = leads(meeting, contact.name)
        lead_contacts: dict[str, Contact] = {}
        batch: list[Contact] = []
        decline_leads(store, meeting, batch)
        for info in found:
            lead = upsert_lead(store, meeting, contact, info, batch)
            lead_contacts[info.mention.key] = lead
            for mention in meeting.mentions:
                if mention.key == info.mention.key and mention.contact_id is None:
                    mention.contact_id = lead.id
        if batch:
            store.save_contacts(batch)  # one fsynced write for all the leads
        if meeting.status is MeetingStatus.ENDED and store.get_contact(contact.id) is not None:
            before = contact.model_dump()
            log_contact(contact, meeting_day(meeting, now.date()), rules)
            if contact.lead_status in (LeadStatus.TO_CONTACT, LeadStatus.CONTACTED):
                contact.lead_status = LeadStatus.MET
            _save_if_changed(store, contact, before)
        referrer = store.get_contact(contact.referred_by_id) if contact.referred_by_id else None
        fresh = generate_followups(
            meeting,
            contact=contact,
            leads=found,
            rules=rules,
            today=now.date(),
            referrer=referrer,
            lead_contacts=lead_contacts,
        )
        meeting.followups = merge_followups(meeting.followups, fresh)
        store.save_meeting(meeting)
        _supersede_old_checkins(store, meeting, now)
    return WrapUp(meeting=meeting, leads=found, lead_contacts=lead_contacts)


def _supersede_old_checkins(store: Store, meeting: Meeting, now: datetime) -> None:
    """A newer meeting with the same contact replaces the check-in owed by older ones."""
    key = f"check_in:{meeting.contact_id}"
    mine = meeting.when() or now

    def close_checkin(older: Meeting) -> bool:
        owed = [f for f in older.followups if f.rule_key == key and not f.done]
        for f in owed:
            f.done = True
            f.done_at = now
        return bool(owed)

    for summary in store.meeting_summaries():
        if summary.id == meeting.id or summary.contact_id != meeting.contact_id:
            continue
        if (summary.when() or datetime.min) > mine:
            continue
        if not any(f.kind is FollowUpKind.CHECK_IN and f.rule_key == key for f in summary.open_followups):
            continue
        rewrite_meeting(store, summary.id, close_checkin)  # an open older meeting: through its session
