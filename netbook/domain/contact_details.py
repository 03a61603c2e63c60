"""What a contact's page shows: lead status, the referral tree, a contact's or organization's details.

Pure core (no Textual); the widgets in netbook/widgets/ draw these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from netbook.domain.contact_references import MentionRef, ReferenceIndex
from netbook.domain.contact_search import CONTACT, ORGANIZATION
from netbook.domain.models import Contact, LeadStatus, MeetingStatus, MeetingSummary, Organization
from netbook.storage.store import Store


# --------------------------------------------------------------------------- lead status

STATUS_ORDER = {LeadStatus.TO_CONTACT: 0, LeadStatus.CONTACTED: 1, LeadStatus.MET: 2}
STATUS_LABELS = {LeadStatus.TO_CONTACT: "to contact", LeadStatus.CONTACTED: "contacted", LeadStatus.MET: "met"}


def met_contact_ids(summaries: Iterable[MeetingSummary]) -> set[str]:
    return {s.contact_id for s in summaries if s.status is not MeetingStatus.PLANNED or s.started_at is not None}


def lead_status(contact: Contact, met_ids: set[str]) -> LeadStatus:
    """The furthest of: the recorded status, contacted (a logged contact), met (a meeting held)."""
    status = contact.lead_status or LeadStatus.TO_CONTACT
    if contact.last_contact is not None and STATUS_ORDER[status] < 1:
        status = LeadStatus.CONTACTED
    if contact.id in met_ids:
        status = LeadStatus.MET
    return status


# --------------------------------------------------------------------------- referral tree


@dataclass
class ReferralNode:
    contact_id: str
    name: str
    status: LeadStatus
    children: list[ReferralNode] = field(default_factory=list)

    def size(self) -> int:
        return 1 + sum(c.size() for c in self.children)


def referral_tree(store: Store, summaries: Iterable[MeetingSummary] | None = None) -> list[ReferralNode]:
    """Everyone who led you to someone, with the people they led you to, from you outward.

    The roots are people you know without a referral (or whose referrer is gone) who
    referred at least one person. A referral loop (A referred by B, B by A) is cut at
    its first name so every contact in it still appears once.
    """
    contacts = {c.id: c for c in store.contacts()}
    met = met_contact_ids(summaries if summaries is not None else store.meeting_summaries())
    children: dict[str, list[Contact]] = {}
    for c in contacts.values():
        if c.referred_by_id and c.referred_by_id in contacts and c.referred_by_id != c.id:
            children.setdefault(c.referred_by_id, []).append(c)
    for kids in children.values():
        kids.sort(key=lambda c: (c.name.casefold(), c.id))

    placed: set[str] = set()

    def build(contact: Contact) -> ReferralNode:
        node = ReferralNode(contact.id, contact.name, lead_status(contact, met))
        placed.add(contact.id)
        stack = [(node, contact.id)]
        while stack:  # iterative: referral chains can be long
            parent, pid = stack.pop()
            for kid in children.get(pid, []):
                if kid.id in placed:
                    continue
                placed.add(kid.id)
                child = ReferralNode(kid.id, kid.name, lead_status(kid, met))
                parent.children.append(child)
                stack.append((child, kid.id))
        return node

    ordered = sorted(contacts.values(), key=lambda c: (c.name.casefold(), c.id))
    roots = [
        build(c)
        for c in ordered
        if c.id in children and not (c.referred_by_id and c.referred_by_id in contacts and c.referred_by_id != c.id)
    ]
    for c in ordered:  # loops: nobody in them has a root above
        if c.id in children and c.id not in placed:
            roots.append(build(c))
    roots.sort(key=lambda n: (n.name.casefold(), n.contact_id))
    return roots


# --------------------------------------------------------------------------- a contact's page


@dataclass
class ContactDetails:
    contact: Contact
    organization: Organization | None
    status: LeadStatus
    referred_by: Contact | None
    led_to: list[tuple[Contact, LeadStatus]]
    meetings: list[MeetingSummary]
    mentions: list[tuple[MentionRef, MeetingSummary | None]]


def contact_details(store: Store, contact_id: str, refs: ReferenceIndex | None = None) -> ContactDetails | None:
    contact = store.get_contact(contact_id)
    if contact is None:
        return None
    summaries = store.meeting_summaries()
    by_id = {s.id: s for s in summaries}
    met = met_contact_ids(summaries)
    led_to = sorted(
        ((c, lead_status(c, met)) for c in store.contacts() if c.referred_by_id == contact.id and c.id != contact.id),
        key=lambda p: p[0].name.casefold(),
    )
    mentions: list[tuple[MentionRef, MeetingSummary | None]] = []
    if refs is not None:
        for ref in refs.mentions_of(CONTACT, contact.id):
            mentions.append((ref, by_id.get(ref.meeting_id)))
        mentions.sort(key=lambda p: (p[1].when() if p[1] and p[1].when() else datetime.min), reverse=True)
    return ContactDetails(
        contact=contact,
        organization=store.get_organization(contact.organization_id),
        status=lead_status(contact, met),
        referred_by=store.get_contact(contact.referred_by_id) if contact.referred_by_id != contact.id else None,
        led_to=led_to,
        meetings=[s for s in summaries if s.contact_id == contact.id],
        mentions=mentions,
    )


@dataclass
class OrganizationDetails:
    organization: Organization
    people: list[Contact]
    mentions: list[tuple[MentionRef, MeetingSummary | None]]


def organization_details(store: Store, org_id: str, refs: ReferenceIndex | None = None) -> OrganizationDetails | None:
    org = store.get_organization(org_id)
    if org is None:
        return None
    people = [c for c in store.contacts() if c.organization_id == org.id]
    mentions: list[tuple[MentionRef, MeetingSummary | None]] = []
    if refs is not None:
        by_id = {s.id: s for s in store.meeting_summaries()}
        mentions = [(ref, by_id.get(ref.meeting_id)) for ref in refs.mentions_of(ORGANIZATION, org.id)]
        mentions.sort(key=lambda p: (p[1].when() if p[1] and p[1].when() else datetime.min), reverse=True)
    return OrganizationDetails(org, people, mentions)
