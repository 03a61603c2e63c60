"""What the command palette can jump to: every contact, organization and meeting, by name.

Pure core (no Textual). With years of history that is tens of thousands of targets, so
they are built once, in a worker after the first screen is drawn, and then kept current
record by record from the store's change notices; opening the palette never builds them.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from itertools import chain, islice

from netbook.domain.models import MeetingSummary
from netbook.storage.store import Store

CONTACT = "contact"
ORGANIZATION = "organization"
MEETING = "meeting"


@dataclass(frozen=True, slots=True)
class JumpTarget:
    kind: str
    id: str
    label: str
    key: str  # casefolded label, for the palette's cheap pre-filter
    help: str


class JumpTargets:
    """The palette's targets, built off the UI thread and patched as records change."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._targets: dict[tuple[str, str], JumpTarget] = {}
        self._list: list[JumpTarget] | None = None
        self._dirty: set[tuple[str, str | None]] | None = None  # changes seen while building
        self.ready = False
        self.started = False
        store.add_listener(self.changed)

    # ------------------------------------------------------------------ building

    def build(self) -> None:
        """Every target, from the store (meant for a worker thread)."""
        with self._lock:
            if self.started:
                return
            self.started = True
            self._dirty = set()
        store = self._store
        targets: dict[tuple[str, str], JumpTarget] = {}
        orgs = store.organizations()
        names = {o.id: o.name for o in orgs}
        for contact in store.contacts():
            targets[(CONTACT, contact.id)] = self._contact(contact.id, names)
        for org in orgs:
            targets[(ORGANIZATION, org.id)] = _organization_target(org.id, org.name)
        for summary in store.meeting_summaries():
            targets[(MEETING, summary.id)] = _meeting_target(summary)
        with self._lock:
            self._targets = targets
            self._list = None
            dirty, self._dirty = self._dirty or set(), None
        for kind, record_id in dirty:  # written while the book was being read
            self.changed(kind, record_id)
        self.ready = True

    def targets(self) -> list[JumpTarget]:
        """The current targets (empty until built), in book order: contacts, organizations, meetings."""
        with self._lock:
            if self._list is None:
                self._list = list(self._targets.values())
            return self._list

    def best(self, query: str, limit: int) -> tuple[list[JumpTarget], int]:
        """At most ``limit`` targets for ``query`` (typed letters in order, as the palette's fuzzy
        match wants them), best first, and how many match in all.

        Ranked cheaply: the label starts with the query, then a word of it does, then it holds
        the query, then only its letters in order; book order within each. The palette scores
        and highlights just these: with 30,000 targets a short query matches nearly all of
        them, and the fuzzy scorer is far too slow to run on every one per keystroke.
        """
        typed = query.casefold()  # spaces included: the fuzzy match wants them too
        if not typed.strip():
            return [], 0
        in_order = re.compile(".*?".join(re.escape(letter) for letter in typed))
        starts: list[JumpTarget] = []
        word: list[JumpTarget] = []
        inside: list[JumpTarget] = []
        scattered: list[JumpTarget] = []
        for target in self.targets():
            key = target.key
            at = key.find(typed)
            if at == 0:
                starts.append(target)
            elif at > 0:
                (word if key[at - 1] == " " else inside).append(target)
            elif in_order.search(key):
                scattered.append(target)
        total = len(starts) + len(word) + len(inside) + len(scattered)
        return list(islice(chain(starts, word, inside, scattered), limit)), total

    # ------------------------------------------------------------------ keeping current

    def changed(self, kind: str, record_id: str | None) -> None:
        """A record was saved or deleted (``record_id`` None: every record of that kind)."""
        with self._lock:
            if self._dirty is not None:
                self._dirty.add((kind, record_id))
                return
            if not self.started:
                return
        store = self._store
        if record_id is None:
            ids = {i for k, i in list(self._targets) if k == kind}
            if kind == CONTACT:
                ids |= {c.id for c in store.contacts()}
            elif kind == ORGANIZATION:
                ids |= {o.id for o in store.organizations()}
            else:
                ids |= {s.id for s in store.meeting_summaries()}
            for one in ids:
                self.changed(kind, one)
            return
        update: dict[tuple[str, str], JumpTarget | None] = {}
        if kind == CONTACT:
            contact = store.get_contact(record_id)
            update[(CONTACT, record_id)] = self._contact(record_id, None) if contact else None
        elif kind == ORGANIZATION:
            org = store.get_organization(record_id)
            update[(ORGANIZATION, record_id)] = _organization_target(org.id, org.name) if org else None
            for contact in store.contacts_of_organization(record_id):  # their help names the organization
                update[(CONTACT, contact.id)] = self._contact(contact.id, None)
        else:
            summary = store.meeting_summary(record_id)
            update[(MEETING, record_id)] = _meeting_target(summary) if summary else None
        with self._lock:
            for key, target in update.items():
                if target is None:
                    self._targets.pop(key, None)
                else:
                    self._targets[key] = target
            self._list = None

    def _contact(self, contact_id: str, org_names: dict[str, str] | None) -> JumpTarget:
        contact = self._store.get_contact(contact_id)
        assert contact is not None
        if org_names is None:
            org = self._store.organization_name(contact)
        else:
            org = org_names.get(contact.organization_id or "", "")
        detail = " · ".join(x for x in (contact.role, org) if x)
        return JumpTarget(CONTACT, contact.id, contact.name, contact.name.casefold(),
                          f"contact{' · ' + detail if detail else ''}")


def _organization_target(org_id: str, name: str) -> JumpTarget:
    return JumpTarget(ORGANIZATION, org_id, name, name.casefold(), "organization")


def _meeting_target(summary: MeetingSummary) -> JumpTarget:
    when = summary.when()
    label = f"Meeting with {summary.contact_name or '?'}" + (f", {when:%Y-%m-%d}" if when else "")
    detail = f"meeting · {summary.status.value}" + (f" · {summary.organization_name}" if summary.organization_name else "")
    return JumpTarget(MEETING, summary.id, label, label.casefold(), detail)
