"""Which meetings mention whom: the references shown on a contact's or organization's page.

Pure core (no Textual). A :class:`ReferenceIndex` is refreshed from file modification
times, so only changed meetings are read again.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from netbook.domain.contact_search import CONTACT, ORGANIZATION
from netbook.storage.files import StoreError
from netbook.storage.store import Store


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
            refs = _read_refs(store, meeting_id, stamp)
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


def _read_refs(store: Store, meeting_id: str, stamp: tuple[int, int]) -> _MeetingRefs | None:
    """The ids a meeting file refers to, read through the store's migrations as a plain dict (fast; a broken file
    is skipped here, and named by the store's damaged-meetings list)."""
    try:
        doc = store.read_meeting_record(meeting_id)
    except (OSError, StoreError):
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
