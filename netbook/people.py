"""The contact book's rules: search, a contact's page, merging duplicates, the referral tree.

Pure core (no Textual). The People screen builds a :class:`SearchIndex` once and filters
it in memory on every keystroke; a :class:`ReferenceIndex` remembers which meetings
mention whom, refreshed from file modification times so only changed meetings are
read again.
"""

from __future__ import annotations

import json
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from netbook.linkedin_url import linkedin_url_problem, tidy_linkedin_url
from netbook.models import (
    Contact,
    LeadStatus,
    Meeting,
    MeetingStatus,
    MeetingSummary,
    Organization,
    name_likeness,
    normalise_key,
)
from netbook.store import Store

CONTACT = "contact"
ORGANIZATION = "organization"

# --------------------------------------------------------------------------- text helpers

def fold(text: str) -> str:
    """Search form of ``text``: the name key ("Zoë  O’Brien" -> "zoe o'brien")."""
    return normalise_key(text)


# --------------------------------------------------------------------------- search


@dataclass(frozen=True, slots=True)
class SearchEntry:
    kind: str  # CONTACT or ORGANIZATION
    id: str
    name: str
    detail: str  # "Role, Organization" or "12 people"
    haystack: str  # folded name, aliases and details
    folded_name: str


class SearchIndex:
    """Contacts and organizations, pre-folded, filtered in memory.

    ``search`` narrows the previous result when the query only grew (the usual case
    while typing), so a keystroke costs a pass over the current matches, not the book.
    """

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        self.entries: list[SearchEntry] = sorted(entries, key=lambda e: (e.folded_name, e.id))
        self.by_id: dict[str, SearchEntry] = {e.id: e for e in self.entries}
        self._last: tuple[str, list[SearchEntry]] = ("", self.entries)

    @classmethod
    def contacts_of(cls, store: Store) -> SearchIndex:
        return cls(contact_entry(c, store) for c in store.contacts())

    @classmethod
    def organizations_of(cls, store: Store) -> SearchIndex:
        counts: dict[str, int] = {}
        for contact in store.contacts():
            if contact.organization_id:
                counts[contact.organization_id] = counts.get(contact.organization_id, 0) + 1
        return cls(organization_entry(o, counts.get(o.id, 0)) for o in store.organizations())

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, query: str) -> list[SearchEntry]:
        """Entries containing every word of ``query``; names starting with it first."""
        folded = fold(query)
        if not folded:
            self._last = ("", self.entries)
            return self.entries
        last_query, last_result = self._last
        pool = last_result if last_query and folded.startswith(last_query) else self.entries
        words = folded.split()
        if len(words) == 1:
            word = words[0]
            matches = [e for e in pool if word in e.haystack]
        else:
            matches = [e for e in pool if all(w in e.haystack for w in words)]
        self._last = (folded, matches)
        starts = [e for e in matches if e.folded_name.startswith(folded)]
        if not starts or len(starts) == len(matches):
            return matches
        first = {id(e) for e in starts}
        return starts + [e for e in matches if id(e) not in first]


def contact_entry(contact: Contact, store: Store) -> SearchEntry:
    org = store.organization_name(contact)
    detail = ", ".join(p for p in (contact.role, org) if p)
    hay = " | ".join([contact.name, *contact.aliases, contact.role, org, contact.email])
    return SearchEntry(CONTACT, contact.id, contact.name, detail, fold(hay), fold(contact.name))


def organization_entry(org: Organization, people: int) -> SearchEntry:
    detail = f"{people} {'person' if people == 1 else 'people'}" if people else ""
    hay = " | ".join(org.all_names())
    return SearchEntry(ORGANIZATION, org.id, org.name, detail, fold(hay), fold(org.name))


def likely_duplicates(entry: SearchEntry, index: SearchIndex, limit: int = 5) -> list[SearchEntry]:
    """Others in ``index`` that may be the same person or organization, the best match first.

    Sue Smith ~ Susan Smith; a record whose alias is this name counts as the same.
    """
    if not entry.folded_name.split():
        return []
    found = []
    for other in index.entries:
        if other.id == entry.id or other.kind != entry.kind or not other.folded_name.split():
            continue
        if other.folded_name == entry.folded_name or entry.folded_name in other.haystack.split(" | "):
            score = 100
        else:
            score = name_likeness(entry.folded_name, other.folded_name)
        if score:
            found.append((-score, other.folded_name, other))
    found.sort(key=lambda p: (p[0], p[1]))
    return [e for _, _, e in found[:limit]]


# --------------------------------------------------------------------------- references in meetings


@dataclass(frozen=True, slots=True)
class MentionRef:
    meeting_id: str
    name: str  # as typed in the notes
    quote: str
    count: int


@dataclass
class _MeetingRefs:
    stamp: tuple[int, int]
    contact_ids: set[str]  # every contact the meeting refers to (its contact, mentions, follow-ups)
    organization_ids: set[str]
    mentions: list[tuple[str, str, MentionRef]]  # (kind, id, ref)


class ReferenceIndex:
    """Which meetings mention whom: read from the meeting files, re-read only when they change.

    ``refresh`` is meant for a worker thread (the first run reads every meeting file once).
    """

    def __init__(self) -> None:
        self._meetings: dict[str, _MeetingRefs] = {}
        self._lock = threading.Lock()
        self.ready = False

    def refresh(self, store: Store) -> None:
        seen: set[str] = set()
        updates: dict[str, _MeetingRefs] = {}
        try:
            paths = list(os.scandir(store.meetings_dir))
        except FileNotFoundError:
            paths = []
        for entry in paths:
            if not entry.name.endswith(".json"):
                continue
            meeting_id = entry.name[:-5]
            try:
                st = entry.stat()
            except FileNotFoundError:
                continue
            seen.add(meeting_id)
            stamp = (st.st_mtime_ns, st.st_size)
            old = self._meetings.get(meeting_id)
            if old is not None and old.stamp == stamp:
                continue
            refs = _read_refs(Path(entry.path), meeting_id, stamp)
            if refs is not None:
                updates[meeting_id] = refs
        with self._lock:
            for meeting_id in list(self._meetings):
                if meeting_id not in seen:
                    del self._meetings[meeting_id]
            self._meetings.update(updates)
            self.ready = True

    def mentions_of(self, kind: str, record_id: str) -> list[MentionRef]:
        with self._lock:
            return [ref for refs in self._meetings.values() for k, i, ref in refs.mentions if k == kind and i == record_id]

    def meetings_referring_to_contact(self, contact_id: str) -> set[str]:
        with self._lock:
            return {mid for mid, refs in self._meetings.items() if contact_id in refs.contact_ids}

    def meetings_referring_to_organization(self, org_id: str) -> set[str]:
        with self._lock:
            return {mid for mid, refs in self._meetings.items() if org_id in refs.organization_ids}


def _read_refs(path: Path, meeting_id: str, stamp: tuple[int, int]) -> _MeetingRefs | None:
    """The ids a meeting file refers to, read as plain JSON (fast; a broken file is skipped)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict):
        return None
    contacts: set[str] = set()
    orgs: set[str] = set()
    mentions: list[tuple[str, str, MentionRef]] = []
    if isinstance(doc.get("contact_id"), str):
        contacts.add(doc["contact_id"])
    for m in doc.get("mentions") or []:
        if not isinstance(m, dict):
            continue
        ref = MentionRef(meeting_id, str(m.get("name", "")), str(m.get("quote", "")), int(m.get("count") or 0))
        if isinstance(m.get("contact_id"), str):
            contacts.add(m["contact_id"])
            mentions.append((CONTACT, m["contact_id"], ref))
        if isinstance(m.get("organization_id"), str):
            orgs.add(m["organization_id"])
            mentions.append((ORGANIZATION, m["organization_id"], ref))
    for f in doc.get("followups") or []:
        if isinstance(f, dict) and isinstance(f.get("contact_id"), str):
            contacts.add(f["contact_id"])
    return _MeetingRefs(stamp, contacts, orgs, mentions)


_REFERENCE_INDEXES: dict[str, ReferenceIndex] = {}


def reference_index(store: Store) -> ReferenceIndex:
    """The shared :class:`ReferenceIndex` of ``store``'s data dir (kept for the process)."""
    key = str(store.root.resolve())
    return _REFERENCE_INDEXES.setdefault(key, ReferenceIndex())


# --------------------------------------------------------------------------- lead status

_STATUS_ORDER = {LeadStatus.TO_CONTACT: 0, LeadStatus.CONTACTED: 1, LeadStatus.MET: 2}
STATUS_LABELS = {LeadStatus.TO_CONTACT: "to contact", LeadStatus.CONTACTED: "contacted", LeadStatus.MET: "met"}


def met_contact_ids(summaries: Iterable[MeetingSummary]) -> set[str]:
    return {s.contact_id for s in summaries if s.status is not MeetingStatus.PLANNED or s.started_at is not None}


def lead_status(contact: Contact, met_ids: set[str]) -> LeadStatus:
    """The furthest of: the recorded status, contacted (a logged contact), met (a meeting held)."""
    status = contact.lead_status or LeadStatus.TO_CONTACT
    if contact.last_contact is not None and _STATUS_ORDER[status] < 1:
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


# --------------------------------------------------------------------------- editing


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE = re.compile(r"^[0-9+()\-./ ]*(?:(?:ext|x)\.? ?[0-9]+)?$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def email_problem(text: str) -> str | None:
    text = text.strip()
    if not text or _EMAIL.match(text):
        return None
    return "e-mail should look like name@example.com"


def phone_problem(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not _PHONE.match(text) or sum(ch.isdigit() for ch in text) < 3:
        return "phone: digits, spaces and + - ( ) . / only"
    return None


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` -> date, empty -> None; anything else raises ValueError with a clear message."""
    text = text.strip()
    if not text:
        return None
    if not _DATE.match(text):
        raise ValueError("date should be YYYY-MM-DD, e.g. 2026-04-07")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a real date") from None


def date_problem(text: str) -> str | None:
    try:
        parse_day(text)
    except ValueError as exc:
        return str(exc)
    return None


CONTACT_FIELDS = ("name", "role", "organization", "email", "phone", "linkedin_url", "how_met", "next_checkin", "notes")


def contact_form_problems(values: dict[str, str]) -> dict[str, str]:
    """Field -> problem for a contact form; empty when it can be saved."""
    problems: dict[str, str] = {}
    if not values.get("name", "").strip():
        problems["name"] = "a name is needed"
    if p := email_problem(values.get("email", "")):
        problems["email"] = p
    if p := phone_problem(values.get("phone", "")):
        problems["phone"] = p
    if p := linkedin_url_problem(values.get("linkedin_url", "")):
        problems["linkedin_url"] = p
    if p := date_problem(values.get("next_checkin", "")):
        problems["next_checkin"] = p
    return problems


def contact_form_values(store: Store, contact: Contact | None) -> dict[str, str]:
    if contact is None:
        return {k: "" for k in CONTACT_FIELDS}
    return {
        "name": contact.name,
        "role": contact.role,
        "organization": store.organization_name(contact),
        "email": contact.email,
        "phone": contact.phone,
        "linkedin_url": contact.linkedin_url,
        "how_met": contact.how_met,
        "next_checkin": contact.next_checkin.isoformat() if contact.next_checkin else "",
        "notes": contact.notes,
    }


def save_contact_form(store: Store, contact: Contact | None, values: dict[str, str]) -> Contact:
    """Apply a valid form to ``contact`` (a new one if None) and save it; raises ValueError if invalid."""
    problems = contact_form_problems(values)
    if problems:
        raise ValueError("; ".join(problems.values()))
    contact = contact.model_copy(deep=True) if contact is not None else Contact(name=values["name"].strip())
    renamed = contact.name != values["name"].strip()
    org_name = values.get("organization", "").strip()
    old_org = contact.organization_id
    contact.organization_id = store.ensure_organization(org_name).id if org_name else None
    contact.name = values["name"].strip()
    contact.role = values.get("role", "").strip()
    contact.email = values.get("email", "").strip()
    contact.phone = values.get("phone", "").strip()
    contact.linkedin_url = tidy_linkedin_url(values.get("linkedin_url", ""))
    contact.how_met = values.get("how_met", "").strip()
    contact.next_checkin = parse_day(values.get("next_checkin", ""))
    contact.notes = values.get("notes", "")
    store.save_contact(contact)
    if renamed or old_org != contact.organization_id:
        refresh_summaries_of(store, contact_ids={contact.id})
    return contact


def organization_form_problems(values: dict[str, str]) -> dict[str, str]:
    return {} if values.get("name", "").strip() else {"name": "a name is needed"}


def split_aliases(text: str) -> list[str]:
    seen: set[str] = set()
    out = []
    for part in text.replace("\n", ",").replace(";", ",").split(","):
        part = " ".join(part.split())
        if part and normalise_key(part) not in seen:
            seen.add(normalise_key(part))
            out.append(part)
    return out


def save_organization_form(store: Store, org: Organization, values: dict[str, str]) -> Organization:
    problems = organization_form_problems(values)
    if problems:
        raise ValueError("; ".join(problems.values()))
    org = org.model_copy(deep=True)
    renamed = org.name != values["name"].strip()
    org.name = values["name"].strip()
    org.aliases = [a for a in split_aliases(values.get("aliases", "")) if normalise_key(a) != normalise_key(org.name)]
    org.notes = values.get("notes", org.notes)
    store.save_organization(org)
    if renamed:
        people = {c.id for c in store.contacts() if c.organization_id == org.id}
        refresh_summaries_of(store, contact_ids=people)
    return org


def log_contact(store: Store, contact_id: str, today: date, checkin_weeks: int) -> Contact:
    """You got in touch today: last contact is today, next check-in ``checkin_weeks`` out."""
    contact = store.get_contact(contact_id)
    if contact is None:
        raise LookupError(f"no contact {contact_id}")
    contact = contact.model_copy(deep=True)
    contact.last_contact = today
    contact.next_checkin = today + timedelta(weeks=checkin_weeks)
    if contact.lead_status in (None, LeadStatus.TO_CONTACT) and contact.referred_by_id:
        contact.lead_status = LeadStatus.CONTACTED
    return store.save_contact(contact)


def refresh_summaries_of(store: Store, *, contact_ids: set[str]) -> None:
    """Index rows name the contact and organization: re-derive those of ``contact_ids``' meetings."""
    if not contact_ids:
        return
    ids = [s.id for s in store.meeting_summaries() if s.contact_id in contact_ids]
    if ids:
        store.refresh_summaries(ids)


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
    """Apply ``fix`` to each meeting (all of them by default); save the ones it changed."""
    ids = list(meeting_ids) if meeting_ids is not None else [s.id for s in store.meeting_summaries()]
    rewritten = []
    for meeting_id in dict.fromkeys(ids):
        try:
            meeting = store.load_meeting(meeting_id)
        except FileNotFoundError:
            continue
        if fix(meeting):
            store.save_meeting(meeting, now=now)
            rewritten.append(meeting.id)
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
    keep.lead_status = max(statuses, key=_STATUS_ORDER.__getitem__) if statuses else None
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


# --------------------------------------------------------------------------- display helpers


def relative_day(day: date, today: date) -> str:
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"
