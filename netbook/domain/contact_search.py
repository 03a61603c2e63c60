"""Searching the contact book: one index built once, filtered in memory on every keystroke.

Pure core (no Textual). :class:`SearchIndex` over contacts or organizations, and
:func:`likely_duplicates` for the merge picker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from netbook.domain.models import Contact, Organization, name_likeness, normalise_key
from netbook.storage.store import Store

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
