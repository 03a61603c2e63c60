"""A meeting's confirmed mentions into the contact book: matching names to records, saving leads.

:func:`persist_mentions` writes confirmed entries (new people become leads referred by
the person met); :func:`match_contact` / :func:`match_organization` find the record a
name means ("tom" is Tom Baker when he referred the person met). Pure core, no Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from netbook.domain.models import (
    Contact,
    LeadStatus,
    Mention,
    MentionKind,
    MentionStatus,
    Organization,
    normalise_key,
)


# --------------------------------------------------------------------------- the contact book


@dataclass(frozen=True, slots=True)
class BookIds:
    contact_id: str | None = None
    organization_id: str | None = None
    name: str = ""  # the record's name as stored


def _words(name: str) -> list[str]:
    return normalise_key(name).split()


def _the_one(near: Iterable, anywhere: Callable[[], Iterable], fits: Callable[[object], bool]):
    """The one record that fits among the ``near`` ones, else the one in the whole book; None if not one."""
    close = [r for r in near if r is not None and fits(r)]
    if close:
        return close[0] if len(close) == 1 else None
    found = [r for r in anywhere() if fits(r)]
    return found[0] if len(found) == 1 else None


def match_contact(store, name: str, *, related: Sequence[str] = ()) -> Contact | None:
    """The stored contact a mention names, or None.

    The full name or an alias first; a single word ("tom") is the first or last name of
    one of the ``related`` contacts (the person met, who referred them), or else of the
    only contact in the book it could be.
    """
    found = store.find_contact(name)
    words = _words(name)
    if found is not None or len(words) != 1:
        return found

    def named(contact: Contact) -> bool:
        return any(len(w := _words(n)) > 1 and words[0] in (w[0], w[-1]) for n in contact.all_names())

    return _the_one((store.get_contact(i) for i in dict.fromkeys(related)), store.contacts, named)


def match_organization(store, name: str, *, related: Sequence[str] = ()) -> Organization | None:
    """The stored organization a mention names, or None.

    The full name or an alias first; else the organization whose name begins with these
    words ("acme" -> "Acme Pharma"): one of the ``related`` ones (where the person met
    works), or else the only one in the book.
    """
    found = store.find_organization(name)
    words = _words(name)
    if found is not None or not words:
        return found

    def starts(org: Organization) -> bool:
        return any(len(w := _words(n)) > len(words) and w[:len(words)] == words for n in org.all_names())

    return _the_one((store.get_organization(i) for i in dict.fromkeys(related)), store.organizations, starts)


def _part_of(alias: str, name: str) -> bool:
    """ "tom" of "Tom Baker", "acme" of "Acme Pharma": how the record was matched, not a new alias."""
    a, n = _words(alias), _words(name)
    return bool(a) and len(a) < len(n) and (n[:len(a)] == a or n[-len(a):] == a)


def related_records(store, meeting_contact_id: str | None) -> tuple[list[str], list[str]]:
    """(contact ids, organization ids) a bare first name or a short company name most likely means."""
    contact = store.get_contact(meeting_contact_id)
    if contact is None:
        return [], []
    return [i for i in (contact.id, contact.referred_by_id) if i], [i for i in (contact.organization_id,) if i]


def needs_records(mentions: Iterable[Mention]) -> bool:
    """A confirmed person with no contact, or a confirmed organization with no organization record, yet."""
    for m in mentions:
        if m.status is not MentionStatus.CONFIRMED:
            continue
        if m.kind is MentionKind.PERSON and not m.contact_id:
            return True
        if m.kind is MentionKind.ORGANIZATION and not m.organization_id:
            return True
    return False


def persist_mentions(
    store,  # netbook.storage.store.Store (duck-typed to keep this module light)
    mentions: Sequence[Mention],
    *,
    meeting_id: str,
    meeting_contact_id: str | None,
    removed: Sequence[Mention] = (),
) -> dict[str, BookIds]:
    """Write confirmed entries to the contact book; return key -> stored ids.

    New people become leads referred by the person being met in this meeting; people
    already in the book keep their history (only a missing organization is filled in).
    The meeting's own contact is never made a lead. Leads this meeting created for
    entries the user ``removed`` are deleted again. Runs off the UI thread.
    """
    out: dict[str, BookIds] = {}
    orgs: dict[str, Organization] = {}
    near_people, near_orgs = related_records(store, meeting_contact_id)
    for m in mentions:
        if m.kind is MentionKind.ORGANIZATION and m.status is MentionStatus.CONFIRMED:
            org = store.get_organization(m.organization_id) or match_organization(store, m.name, related=near_orgs)
            if org is None:
                org = store.save_organization(Organization(name=m.name, aliases=list(m.aliases)))
            else:
                missing = [a for a in m.aliases if normalise_key(a) not in {normalise_key(n) for n in org.all_names()}
                           and not _part_of(a, org.name)]
                if missing:
                    org.aliases.extend(missing)
                    store.save_organization(org)
            orgs[m.key] = org
            out[m.key] = BookIds(organization_id=org.id, name=org.name)
    for m in mentions:
        if m.kind is not MentionKind.PERSON or m.status is not MentionStatus.CONFIRMED:
            continue
        org = orgs.get(m.organization_key or "")
        if meeting_contact_id and m.contact_id == meeting_contact_id:
            out[m.key] = BookIds(contact_id=meeting_contact_id)
            continue
        contact = store.get_contact(m.contact_id) or match_contact(store, m.name, related=near_people)
        if contact is not None and contact.id == meeting_contact_id:
            out[m.key] = BookIds(contact_id=meeting_contact_id)
            continue
        changed = False
        if contact is None:
            contact = Contact(
                name=m.name,
                aliases=list(m.aliases),
                referred_by_id=meeting_contact_id,
                referred_in_meeting_id=meeting_id,
                lead_status=LeadStatus.TO_CONTACT,
                how_met="mentioned in a meeting",
            )
            changed = True
        known = {normalise_key(n) for n in contact.all_names()}
        extra = [a for a in m.aliases if normalise_key(a) not in known and not _part_of(a, contact.name)]
        if extra:
            contact.aliases.extend(extra)
            changed = True
        if contact.referred_in_meeting_id == meeting_id:
            # a lead from this meeting follows the link as edited here
            wanted = org.id if org else None
            if contact.organization_id != wanted:
                contact.organization_id = wanted
                changed = True
        elif org is not None and contact.organization_id is None:
            contact.organization_id = org.id
            changed = True
        if changed:
            store.save_contact(contact)
        out[m.key] = BookIds(contact_id=contact.id, name=contact.name)
    for m in removed:
        if m.kind is MentionKind.PERSON and m.contact_id and m.contact_id != meeting_contact_id:
            contact = store.get_contact(m.contact_id)
            if contact is not None and contact.referred_in_meeting_id == meeting_id:
                store.delete_contact(contact.id)
    return out
