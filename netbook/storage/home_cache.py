"""What Home draws, kept small and current: a rebuildable cache beside the index.

Home shows the due follow-ups, the leads, what is upcoming or unfinished and the most
recent meetings, with counts. Reading the whole contact book and meeting index for
that made start-up grow with years of history, so the store keeps this summary, in
memory and in ``home.json``:

* ``meetings``: the index rows Home can show: every meeting not ended, every meeting
  with an open follow-up, and the :data:`RECENT` most recent ended ones;
* ``leads``: the :data:`LEADS` newest contacts still to contact (Home lists no more), in
  the file with only the fields Home uses (:data:`LEAD_FIELDS`);
* ``names``: the current name of every contact and organization those rows refer to
  (follow-up titles, referrers, organizations);
* counts: ended meetings, leads and contacts in all;
* ``damaged``: the meeting files found unreadable (path, problem, record), as
  :meth:`netbook.storage.store.Store.damaged_meetings` has them, so Home lists them without
  reading the folder.

It is patched record by record from the store's write path (:meth:`HomeSummary.meeting_written`,
:meth:`HomeSummary.contact_written`, ...) with the record as it was and as it is, so the
counts stay exact without a scan; the rare change that pushes a row out of a capped list
refills it from the (then loaded) tables. The file records a *stamp* of the journal files
it matches (see :func:`journal_stamp`): missing, unreadable or stamped for other files,
it is not used and is rebuilt from the tables, off the UI thread.

Pure core: no Textual.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netbook.domain.models import Contact, LeadStatus, MeetingStatus, MeetingSummary, Organization
from netbook.storage.files import CorruptFileError, atomic_write_bytes

FILE_NAME = "home.json"
FORMAT = 1
RECENT = 50  # ended meetings Home lists (the rest are a search away)
LEADS = 200  # leads Home lists
# what Home uses of a lead (its row, its search text, its order); the rest of the record stays in the book
LEAD_FIELDS = {"schema_version", "id", "name", "aliases", "role", "organization_id", "referred_by_id", "lead_status",
               "created_at"}

_JOURNAL_FILE = re.compile(r"(?:people|index)(?:\.json|\.\d+\.jsonl)")

NameOf = Callable[[str], "str | None"]


def journal_stamp(root: Path) -> list[tuple[str, int, int]]:
    """Name, size and mtime of every file the contact book and the index are read from.

    Any write to them (an appended line, a compaction, a hand edit) changes it; one
    scandir of the data dir's top level, whatever the size of the history.
    """
    stamp = []
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if _JOURNAL_FILE.fullmatch(entry.name):
                    st = entry.stat()
                    stamp.append((entry.name, st.st_size, st.st_mtime_ns))
    except FileNotFoundError:
        pass
    return sorted(stamp)


def recent_key(s: MeetingSummary) -> tuple[datetime, str]:
    """Most recent first when sorted in reverse (the index's own order)."""
    return (s.when() or datetime.min, s.id)


def lead_key(c: Contact) -> tuple[datetime, str]:
    """Newest first when sorted in reverse (Home's order of leads)."""
    return (c.created_at or datetime.min, c.id)


def is_lead(c: Contact | None) -> bool:
    return c is not None and c.lead_status is LeadStatus.TO_CONTACT


def _ended(s: MeetingSummary | None) -> bool:
    return s is not None and s.status is MeetingStatus.ENDED


class _File(BaseModel):
    model_config = ConfigDict(extra="ignore")

    format: int
    stamp: list[tuple[str, int, int]]
    meetings: list[MeetingSummary] = Field(default_factory=list)
    leads: list[Contact] = Field(default_factory=list)
    names: dict[str, str] = Field(default_factory=dict)
    ended_total: int = 0
    leads_total: int = 0
    contacts_total: int = 0
    damaged: list[tuple[str, str, str | None]] = Field(default_factory=list)


class HomeSummary:
    """The rows and counts Home draws. Replaced, never mutated, dict by dict: readers need no lock."""

    def __init__(self, meetings: dict[str, MeetingSummary], leads: dict[str, Contact], names: dict[str, str],
                 *, ended_total: int, leads_total: int, contacts_total: int,
                 damaged: list[tuple[str, str, str | None]] | None = None) -> None:
        self.meetings = meetings
        self.leads = leads
        self.names = names
        self.ended_total = ended_total
        self.leads_total = leads_total
        self.contacts_total = contacts_total
        self.damaged = damaged or []

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, summaries: Iterable[MeetingSummary], contacts: Iterable[Contact], name_of: NameOf,
              damaged: Iterable[tuple[str, str, str | None]] = ()) -> HomeSummary:
        """From every index row and contact (the one full pass; everything else is a patch)."""
        rows = list(summaries)
        ended = sorted((s for s in rows if _ended(s)), key=recent_key, reverse=True)
        recent = {s.id for s in ended[:RECENT]}
        held = {s.id: s for s in rows if not _ended(s) or s.open_followups or s.id in recent}
        book = list(contacts)
        leads = sorted((c for c in book if is_lead(c)), key=lead_key, reverse=True)
        summary = cls(held, {c.id: c for c in leads[:LEADS]}, {}, ended_total=len(ended),
                      leads_total=len(leads), contacts_total=len(book), damaged=list(damaged))
        summary.names = summary._names_for(held.values(), summary.leads.values(), name_of, {})
        return summary

    @staticmethod
    def _names_for(rows: Iterable[MeetingSummary], leads: Iterable[Contact], name_of: NameOf,
                   names: dict[str, str]) -> dict[str, str]:
        refs: list[str | None] = []
        for s in rows:
            refs.append(s.contact_id)
            for f in s.open_followups:
                refs.append(f.contact_id)
                refs.extend(p.contact_id or p.organization_id for p in f.title_parts)
        for c in leads:
            refs.extend((c.id, c.organization_id, c.referred_by_id))
        for ref in refs:
            if ref and ref not in names:
                name = name_of(ref)
                if name is not None:
                    names[ref] = name
        return names

    # ------------------------------------------------------------------ reading

    def recent(self) -> list[MeetingSummary]:
        ended = sorted((s for s in self.meetings.values() if _ended(s)), key=recent_key, reverse=True)
        return ended[:RECENT]

    def name_of(self, record_id: str) -> str | None:
        return self.names.get(record_id)

    # ------------------------------------------------------------------ patching (the store's write path)

    def meeting_written(self, old: MeetingSummary | None, new: MeetingSummary | None, name_of: NameOf,
                        all_rows: Callable[[], Iterable[MeetingSummary]]) -> HomeSummary:
        """One index row changed from ``old`` to ``new`` (None: absent). ``all_rows`` refills the recent list."""
        meetings = dict(self.meetings)
        ended_total = self.ended_total + _ended(new) - _ended(old)
        cutoff = self._recent_cutoff()
        was_recent = old is not None and old.id in meetings and _ended(old) and (cutoff is None or recent_key(old) >= cutoff)
        meetings.pop((new or old).id, None)  # type: ignore[union-attr]
        if new is not None:
            recent_now = _ended(new) and (cutoff is None or recent_key(new) >= cutoff or ended_total <= RECENT)
            if not _ended(new) or new.open_followups or recent_now:
                meetings[new.id] = new
        summary = HomeSummary(meetings, self.leads, self.names, ended_total=ended_total,
                              leads_total=self.leads_total, contacts_total=self.contacts_total, damaged=self.damaged)
        held_ended = sum(1 for s in meetings.values() if _ended(s))
        dropped = was_recent and (new is None or not _ended(new) or recent_key(new) < recent_key(old))  # type: ignore[arg-type]
        if dropped and held_ended < ended_total:
            return summary.refill_meetings(all_rows(), name_of)
        summary._prune_meetings()
        if new is not None and new.id in meetings:
            summary.names = self._names_for([new], [], name_of, dict(self.names))
        return summary

    def refill_meetings(self, rows: Iterable[MeetingSummary], name_of: NameOf) -> HomeSummary:
        fresh = HomeSummary.build(rows, [], name_of)
        summary = HomeSummary(fresh.meetings, self.leads, self.names, ended_total=fresh.ended_total,
                              leads_total=self.leads_total, contacts_total=self.contacts_total, damaged=self.damaged)
        summary.names = self._names_for(fresh.meetings.values(), [], name_of, dict(self.names))
        return summary

    def _recent_cutoff(self) -> tuple[datetime, str] | None:
        """The key of the last meeting on the recent list, or None while the list is not full."""
        recent = self.recent()
        return recent_key(recent[-1]) if len(recent) >= RECENT else None

    def _prune_meetings(self) -> None:
        """Ended rows without an open follow-up that fell below the recent list leave it."""
        keep = {s.id for s in self.recent()}
        for s in [s for s in self.meetings.values() if _ended(s) and not s.open_followups and s.id not in keep]:
            del self.meetings[s.id]

    def contact_written(self, record_id: str, new: Contact | None, name_of: NameOf,
                        all_contacts: Callable[[], Iterable[Contact]], *, leads_total: int,
                        contacts_total: int) -> HomeSummary:
        """Contact ``record_id`` is now ``new`` (None: deleted); the totals are the book's as it is now.

        The store counts (it knows what each contact was when last saved, even when a caller
        changed the very object it saves); ``all_contacts`` refills the lead list.
        """
        if not is_lead(new) and record_id not in self.leads and record_id not in self.names:
            # most saves: a contact Home does not show; only the counts change
            return HomeSummary(self.meetings, self.leads, self.names, ended_total=self.ended_total,
                               leads_total=leads_total, contacts_total=contacts_total, damaged=self.damaged)
        leads = dict(self.leads)
        held = sorted(leads.values(), key=lead_key, reverse=True)
        cutoff = lead_key(held[-1]) if len(held) >= LEADS else None
        leads.pop(record_id, None)
        if is_lead(new) and (cutoff is None or lead_key(new) >= cutoff or leads_total <= LEADS):  # type: ignore[arg-type]
            leads[record_id] = new  # type: ignore[assignment]
        names = dict(self.names)
        if record_id in names:
            if new is None:
                del names[record_id]
            else:
                names[record_id] = new.name
        summary = HomeSummary(self.meetings, leads, names, ended_total=self.ended_total,
                              leads_total=leads_total, contacts_total=contacts_total, damaged=self.damaged)
        if len(leads) < min(leads_total, LEADS):  # a held lead left: the next one comes up
            return summary.refill_leads(all_contacts(), name_of)
        if len(leads) > LEADS:
            for c in sorted(leads.values(), key=lead_key, reverse=True)[LEADS:]:
                del leads[c.id]
        if record_id in leads:
            summary.names = self._names_for([], [new], name_of, names)  # type: ignore[list-item]
        return summary

    def refill_leads(self, contacts: Iterable[Contact], name_of: NameOf) -> HomeSummary:
        fresh = HomeSummary.build([], contacts, name_of)
        summary = HomeSummary(self.meetings, fresh.leads, self.names, ended_total=self.ended_total,
                              leads_total=fresh.leads_total, contacts_total=fresh.contacts_total, damaged=self.damaged)
        summary.names = self._names_for([], fresh.leads.values(), name_of, dict(self.names))
        return summary

    def with_damaged(self, damaged: list[tuple[str, str, str | None]]) -> HomeSummary:
        return HomeSummary(self.meetings, self.leads, self.names, ended_total=self.ended_total,
                           leads_total=self.leads_total, contacts_total=self.contacts_total, damaged=damaged)

    def organization_written(self, org_id: str, new: Organization | None) -> HomeSummary:
        if org_id not in self.names:
            return self
        names = dict(self.names)
        if new is None:
            del names[org_id]
        else:
            names[org_id] = new.name
        return HomeSummary(self.meetings, self.leads, names, ended_total=self.ended_total,
                           leads_total=self.leads_total, contacts_total=self.contacts_total, damaged=self.damaged)

    # ------------------------------------------------------------------ the file

    def to_json(self, stamp: list[tuple[str, int, int]]) -> bytes:
        data = _File(format=FORMAT, stamp=stamp, meetings=list(self.meetings.values()), leads=list(self.leads.values()),
                     names=self.names, ended_total=self.ended_total, leads_total=self.leads_total,
                     contacts_total=self.contacts_total, damaged=self.damaged)
        return data.model_dump_json(exclude_defaults=True, include={
            "leads": {"__all__": LEAD_FIELDS}, **{k: True for k in _File.model_fields if k != "leads"}}).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes, path: Path) -> tuple[HomeSummary, list[tuple[str, int, int]]]:
        """The summary and the stamp it was written with; :class:`CorruptFileError` if it cannot be read."""
        try:
            data = _File.model_validate_json(raw)
        except (ValidationError, ValueError) as exc:
            raise CorruptFileError(path, "is not a netbook Home summary") from exc
        if data.format != FORMAT:
            raise CorruptFileError(path, f"has format {data.format}, expected {FORMAT}")
        summary = cls({s.id: s for s in data.meetings}, {c.id: c for c in data.leads}, data.names,
                      ended_total=data.ended_total, leads_total=data.leads_total, contacts_total=data.contacts_total,
                      damaged=[tuple(d) for d in data.damaged])  # type: ignore[misc]
        return summary, [tuple(x) for x in data.stamp]  # type: ignore[misc]


class LatestWriter:
    """Writes the newest of the contents handed to it, atomically, in a background thread.

    ``put`` takes a function that makes the bytes: it runs in the writer thread, ``delay``
    seconds after the first put of a burst, so a saver pays neither for encoding nor for
    the disk and a burst of saves costs one write. The file is a cache: a kill before the
    write leaves an older file whose stamp no longer matches. ``flush`` writes now.
    """

    def __init__(self, path: Path, on_error: Callable[[BaseException], None] | None = None,
                 delay: float = 0.5) -> None:
        self.path = path
        self.delay = delay
        self._pending: Callable[[], bytes] | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._now = threading.Event()
        self._on_error = on_error

    def put(self, data: Callable[[], bytes]) -> None:
        with self._lock:
            self._pending = data
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"write-{self.path.name}", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            self._now.wait(self.delay)
            with self._lock:
                data, self._pending = self._pending, None
                if data is None:
                    self._thread = None
                    return
            try:
                atomic_write_bytes(self.path, data())
            except (OSError, ValueError) as exc:
                if self._on_error is not None:
                    self._on_error(exc)

    def flush(self) -> None:
        self._now.set()
        try:
            while True:
                with self._lock:
                    thread = self._thread
                if thread is None:
                    return
                thread.join()
        finally:
            self._now.clear()
