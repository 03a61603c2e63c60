"""Merging duplicate contacts or organizations, with every meeting that refers to them relinked.

Pure core (no Textual).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netbook.domain.contact_details import STATUS_ORDER
from netbook.domain.contact_editing import refresh_summaries_of
from netbook.domain.contact_references import ReferenceIndex
from netbook.domain.contact_search import CONTACT
from netbook.domain.display_text import visible_text
from netbook.domain.meeting_session import rewrite_meeting
from netbook.domain.models import Contact, Meeting, Organization, normalise_key
from netbook.storage.store import Store


# --------------------------------------------------------------------------- merging


@dataclass
class MergeResult:
    kept: Contact | Organization
    meetings_rewritten: list[str] = field(default_factory=list)
    records_relinked: int = 0  # contacts whose referrer / organization now points at the kept one


def _merge_aliases(keep_name: str, keep_aliases: list[str], drop_names: list[str]) -> list[str]:
    seen = {normalise_key(keep_name)}
    out = []
    for alias in [*keep_aliases, *drop_names]:
        key = normalise_key(alias)
        if alias.strip() and key not in seen:
            seen.add(key)
            out.append(alias)
    return out


def _merge_text(a: str, b: str) -> str:
    a_s, b_s = a.strip(), b.strip()
    if not b_s or b_s in a:
        return a
    if not a_s:
        return b
    return f"{a.rstrip()}\n\n{b}"


def _fill_extras(keep: Any, drop: Any) -> None:
    """Unknown (future) fields of ``drop`` fill the ones ``keep`` lacks."""
    extra_keep = keep.__pydantic_extra__ or {}
    for k, v in (drop.__pydantic_extra__ or {}).items():
        if extra_keep.get(k) in (None, "", [], {}):
            setattr(keep, k, v)


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    return min(x for x in (a, b) if x is not None) if (a or b) else None


def _rewrite_meetings(
    store: Store, meeting_ids: Iterable[str] | None, fix: Callable[[Meeting], bool], now: datetime | None
) -> list[str]:
    """Apply ``fix`` to each meeting (all of them by default); save the ones it changed
    (an open meeting through its session: see :func:`rewrite_meeting`)."""
    ids = list(meeting_ids) if meeting_ids is not None else [s.id for s in store.meeting_summaries()]
    rewritten = []
    for meeting_id in dict.fromkeys(ids):
        try:
            if rewrite_meeting(store, meeting_id, fix, now=now):
                rewritten.append(meeting_id)
        except FileNotFoundError:
            continue
    return rewritten


def merge_contacts(
    store: Store,
    keep_id: str,
    drop_id: str,
    *,
    meeting_ids: Iterable[str] | None = None,
    now: datetime | None = None,
) -> MergeResult:
    """Fold the contact ``drop_id`` into ``keep_id`` and delete it, keeping every link.

    Meetings with the dropped contact, mentions and follow-ups naming it, and people it
    referred now point at the kept one; its names become aliases; its fields fill the
    kept contact's empty ones (notes are joined). ``meeting_ids`` narrows the meetings
    examined (those known to refer to either contact); by default all are read. Safe
    to run again after an interruption: each step only rewrites what still points at
    the dropped contact, and it is deleted last.
    """
    if keep_id == drop_id:
        raise ValueError("cannot merge a contact with itself")
    keep, drop = store.get_contact(keep_id), store.get_contact(drop_id)
    if keep is None or drop is None:
        raise LookupError(f"no contact {keep_id if keep is None else drop_id}")
    keep = keep.model_copy(deep=True)
    result = MergeResult(kept=keep)

    def relink(meeting: Meeting) -> bool:
        changed = False
        if meeting.contact_id == drop_id:
            meeting.contact_id = keep_id
            changed = True
        for item in (*meeting.mentions, *meeting.followups):
            if item.contact_id == drop_id:
                item.contact_id = keep_id
                changed = True
        return changed

    result.meetings_rewritten = _rewrite_meetings(store, meeting_ids, relink, now)
    referred = []
    for other in store.contacts():
        if other.id not in (keep_id, drop_id) and other.referred_by_id == drop_id:
            other = other.model_copy(deep=True)
            other.referred_by_id = keep_id
            referred.append(other)
    store.save_contacts(referred)  # one write of the contact book, however many were referred
    result.records_relinked += len(referred)

    keep.aliases = _merge_aliases(keep.name, keep.aliases, drop.all_names())
    for name in ("role", "email", "phone", "how_met"):
        if not getattr(keep, name).strip():
            setattr(keep, name, getattr(drop, name))
    for name in ("organization_id", "referred_in_meeting_id", "next_checkin", "preferred_channel",
                 "may_use_referrer_name", "intro_promised", "intro_by"):
        if hasattr(keep, name) and getattr(keep, name) is None:
            setattr(keep, name, getattr(drop, name, None))
    keep.referred_by_id = _merged_referrer(store, keep, drop)
    if drop.last_contact and (keep.last_contact is None or drop.last_contact > keep.last_contact):
        keep.last_contact = drop.last_contact
    statuses = [s for s in (keep.lead_status, drop.lead_status) if s is not None]
    keep.lead_status = max(statuses, key=STATUS_ORDER.__getitem__) if statuses else None
    keep.notes = _merge_text(keep.notes, drop.notes)
    keep.created_at = _earliest(keep.created_at, drop.created_at)
    _fill_extras(keep, drop)
    store.save_contact(keep)
    store.delete_contact(drop_id)
    refresh_summaries_of(store, contact_ids={keep_id})
    return result


def _merged_referrer(store: Store, keep: Contact, drop: Contact) -> str | None:
    """Who referred the merged contact: the kept one's referrer, else the dropped one's.

    Never someone the merged contact led you to (directly or down a chain): Tom referred
    you to Jane and Jane suggested a second "Tom" record; merging the two Toms keeps
    Tom -> Jane rather than turning it into a loop that shows Jane -> Tom.
    """
    merged = {keep.id, drop.id}
    contacts = {c.id: c for c in store.contacts()}
    for candidate in (keep.referred_by_id, drop.referred_by_id):
        if candidate is None or candidate in merged:
            continue
        seen: set[str] = set()
        up: str | None = candidate
        while up is not None and up not in merged and up not in seen:  # walk up the referral chain
            seen.add(up)
            found = contacts.get(up)
            up = found.referred_by_id if found is not None else None
        if up not in merged:
            return candidate
    return None


def merge_organizations(
    store: Store,
    keep_id: str,
    drop_id: str,
    *,
    meeting_ids: Iterable[str] | None = None,
    now: datetime | None = None,
) -> MergeResult:
    """Fold organization ``drop_id`` into ``keep_id``: its people, mentions and names move over."""
    if keep_id == drop_id:
        raise ValueError("cannot merge an organization with itself")
    keep, drop = store.get_organization(keep_id), store.get_organization(drop_id)
    if keep is None or drop is None:
        raise LookupError(f"no organization {keep_id if keep is None else drop_id}")
    keep = keep.model_copy(deep=True)
    result = MergeResult(kept=keep)

    def relink(meeting: Meeting) -> bool:
        changed = False
        for mention in meeting.mentions:
            if mention.organization_id == drop_id:
                mention.organization_id = keep_id
                changed = True
        return changed

    result.meetings_rewritten = _rewrite_meetings(store, meeting_ids, relink, now)
    movers = []
    for contact in store.contacts():
        if contact.organization_id == drop_id:
            contact = contact.model_copy(deep=True)
            contact.organization_id = keep_id
            movers.append(contact)
    store.save_contacts(movers)  # one write of the contact book
    moved = {c.id for c in movers}
    result.records_relinked = len(moved)

    keep.aliases = _merge_aliases(keep.name, keep.aliases, drop.all_names())
    keep.notes = _merge_text(keep.notes, drop.notes)
    keep.created_at = _earliest(keep.created_at, drop.created_at)
    _fill_extras(keep, drop)
    store.save_organization(keep)
    store.delete_organization(drop_id)
    refresh_summaries_of(store, contact_ids=moved)
    return result


def merge_records(store: Store, refs: ReferenceIndex, kind: str, keep_id: str, drop_id: str, *,
                  now: datetime | None = None) -> str:
    """Merge contact (or organization, by ``kind``) ``drop_id`` into ``keep_id``, every meeting that refers
    to it relinked (found through ``refs``, refreshed before and after); says what moved over."""
    refs.refresh(store)
    dropped = store.get_contact(drop_id) if kind == CONTACT else store.get_organization(drop_id)
    if kind == CONTACT:
        candidates = refs.meetings_referring_to_contact(drop_id)
        candidates |= {s.id for s in store.meeting_summaries() if s.contact_id == drop_id}
        result = merge_contacts(store, keep_id, drop_id, meeting_ids=sorted(candidates), now=now)
        moved = f"{result.records_relinked} referral{'s' if result.records_relinked != 1 else ''}"
    else:
        candidates = refs.meetings_referring_to_organization(drop_id)
        result = merge_organizations(store, keep_id, drop_id, meeting_ids=sorted(candidates), now=now)
        moved = f"{result.records_relinked} {'person' if result.records_relinked == 1 else 'people'}"
    refs.refresh(store)
    meetings = len(result.meetings_rewritten)
    return (
        f"Merged {visible_text(dropped.name if dropped else '?')} into {visible_text(result.kept.name)}: "
        f"{meetings} meeting{'s' if meetings != 1 else ''} and {moved} moved over."
    )
