"""The user's notebook on disk.

Layout of a data dir (all files 0600, folders 0700)::

    people.json          snapshot (TinyDB-shaped): tables "contacts" and "organizations"
    people.<N>.jsonl     journal: one line per contact/organization saved or deleted since
    library.json         TinyDB: the user's own questions and question-set templates
    index.json           snapshot: table "meetings", one summary row per meeting (a cache)
    index.<N>.jsonl      journal of index rows changed since that snapshot
    home.json            what Home draws (a cache of the two above, see netbook.storage.home_cache)
    meetings/<id>.json   one file per meeting, the source of truth for it
    .lock                held by the one process allowed to write

The contact book and the index are journals (see :class:`netbook.storage.journal.Journal`): a
change appends one fsynced line, so saving a contact costs the contact, not the book;
the log is folded into a new snapshot in the background once it grows.

Autosaving the live meeting rewrites only its own file, so its cost does not grow
with the history. The index is derived from the meeting files and rebuilt when it is
missing, stale or unreadable. Home draws from ``home.json`` alone, so start-up reads
neither the contact book nor the index; they load when a screen first needs them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb import TinyDB

from netbook.domain.models import Contact, Meeting, MeetingSummary, Organization
from netbook.storage.files import (
    AtomicJSONStorage,
    CorruptFileError,
    DataDirLockedError,
    ReadOnlyError,
    StoreError,
    atomic_write_json,
    ensure_private_dir,
    read_json,
    remove_stale_temp_files,
)
from netbook.storage.data_dir_lock import DataDirLock
from netbook.storage.home_cache import FILE_NAME as HOME_FILE
from netbook.storage.home_cache import HomeSummary, LatestWriter, journal_stamp
from netbook.storage.home_upkeep import HomeUpkeepMixin
from netbook.storage.meeting_index import MeetingIndexMixin
from netbook.storage.migrations import migrate
from netbook.storage.record_tables import RecordTable, TableFile, first_error
from netbook.storage.user_library import UserLibraryMixin


def _clean_meetings_folder(folder: Path, go: threading.Event) -> None:
    go.wait()  # set by start_upkeep (the app, once its first screen is drawn) or by close
    try:
        remove_stale_temp_files(folder)
    except OSError:  # a temp file that will not go is harmless (the next start tries again)
        pass


class Store(MeetingIndexMixin, HomeUpkeepMixin, UserLibraryMixin):
    """All reads and writes of one data dir. Thread-safe: autosave runs in a worker.

    The one door to the data dir for the app, the CLI and the domain. Its parts live in
    modules of their own: the record tables (:mod:`netbook.storage.record_tables`), the
    meeting index (:mod:`netbook.storage.meeting_index`), Home's summary upkeep
    (:mod:`netbook.storage.home_upkeep`) and the user's library (:mod:`netbook.storage.user_library`).
    """

    def __init__(self, root: Path | str, *, read_only: bool = False, locked_by: str | None = None) -> None:
        self.root = Path(root)
        self.read_only = read_only
        self.locked_by = locked_by
        self.meetings_dir = self.root / "meetings"
        self.warnings: list[str] = []  # one line each, for the user; see :meth:`_warn`
        self.on_warning: Callable[[str], None] | None = None  # told of each new warning (from any thread)
        self._lock = threading.RLock()
        self._dir_lock: DataDirLock | None = None
        self._cleanup: threading.Thread | None = None  # stale temp files of meetings/ (see open)
        self._upkeep_go = threading.Event()
        self._damaged: dict[Path, StoreError] = {}  # meeting files that could not be read, and why
        self._library_db = TinyDB(self.root / "library.json", storage=AtomicJSONStorage, read_only=read_only)
        self._people_file = TableFile(self.root / "people.json", read_only=read_only,
                                      on_compact_error=self._compaction_failed)
        self._index_file = TableFile(self.root / "index.json", read_only=read_only,
                                     on_compact_error=self._compaction_failed)
        self._contacts = RecordTable("contacts", Contact, "contact", self._people_file)
        self._organizations = RecordTable("organizations", Organization, "organization", self._people_file)
        self._index = RecordTable("meetings", MeetingSummary, "summary", self._index_file)
        for table in (self._contacts, self._organizations, self._index):
            table.lock = self._lock
        self._index_checked = False
        self._library_checked = False
        self._listeners: list[Any] = []
        self._home: HomeSummary | None = None  # what Home draws, patched on every write once known
        self._home_read = False  # home.json tried (once, before the first write or Home's first draw)
        self._home_stamp: list[tuple[str, int, int]] | None = None  # the journal files the written summary matches
        self._home_writer = LatestWriter(self.root / HOME_FILE, on_error=self._home_write_failed)
        self._lead_ids: set[str] | None = None  # contacts to contact, as last saved (built on first need)

    # ------------------------------------------------------------------ change notices

    @property
    def write_lock(self) -> threading.RLock:
        """Held by a change that reads and writes several records as one (re-entrant: the store's own lock)."""
        return self._lock

    def add_listener(self, listener: Any) -> None:
        """``listener(kind, record_id)`` after each contact/organization/meeting-row write (record_id None: many)."""
        self._listeners.append(listener)

    def _warn(self, message: str) -> None:
        """A problem the user should hear of (the app shows a notice, the CLI a line on stderr)."""
        self.warnings.append(message)
        if self.on_warning is not None:
            try:
                self.on_warning(message)
            except Exception:  # noqa: BLE001 - telling must never fail a read
                pass

    def remove_listener(self, listener: Any) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self, kind: str, record_id: str | None) -> None:
        for listener in list(self._listeners):
            try:
                listener(kind, record_id)
            except Exception as exc:  # noqa: BLE001 - a listener never fails a save
                self._warn(f"could not update after a change: {exc}")

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, root: Path | str, *, allow_read_only: bool = True) -> Store:
        """Open a data dir, taking the writer lock or falling back to read-only.

        With ``allow_read_only=False`` a held lock raises :class:`DataDirLockedError`.
        """
        root = Path(root)
        lock = DataDirLock(root)
        try:
            ensure_private_dir(root / "meetings")
            locked = lock.acquire()
            if locked:
                remove_stale_temp_files(root)
        except OSError as exc:  # not ours to write (permissions), not a folder...: one line naming it
            lock.release()
            raise StoreError(exc.filename or root, f"cannot be written ({exc.strerror or exc})") from exc
        if locked:
            store = cls(root)
            store._dir_lock = lock
            # meetings/ holds one file per meeting: scanning it (~7 ms of CPU at 10,000, and the folder
            # read from disk) waits in a thread for start_upkeep, off the way to the first screen
            store._cleanup = threading.Thread(target=_clean_meetings_folder,
                                              args=(root / "meetings", store._upkeep_go),
                                              name="netbook-temp-cleanup", daemon=True)
            store._cleanup.start()
            return store
        holder = lock.holder_pid()
        if not allow_read_only:
            raise DataDirLockedError(root, f"is in use by another netbook (pid {holder})", holder)
        store = cls(root, read_only=True, locked_by=holder)
        store._warn(f"{root} is in use by another netbook (pid {holder}); opened read-only, nothing will be saved")
        return store

    def _compaction_failed(self, exc: BaseException) -> None:
        self._warn(f"could not compact the journal ({exc}); the log keeps every change")

    def start_upkeep(self) -> None:
        """Let the clean-up that grows with the history run now (the app calls it after its first paint)."""
        self._upkeep_go.set()

    def close(self) -> None:
        if self._cleanup is not None:
            self._upkeep_go.set()  # a store closed without start_upkeep (the CLI) cleans up on the way out
            self._cleanup.join()
            self._cleanup = None
        for file in (self._people_file, self._index_file):
            file.journal.close()
        if self._home is not None and not self.read_only and journal_stamp(self.root) != self._home_stamp:
            self._write_home()  # a compaction since the last write changed the files it is stamped with
        self._home_writer.flush()
        if self._dir_lock is not None:
            self._dir_lock.release()
            self._dir_lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_writable(self, path: Path) -> None:
        if self.read_only:
            raise ReadOnlyError(path, "data dir is open read-only (another netbook holds the lock)")
        if path in self._damaged:
            raise CorruptFileError(path, "was unreadable when loaded; refusing to write over it")
        if not self._home_read:
            self._read_home()  # before the write changes the journal files it is checked against

    # ------------------------------------------------------------------ organizations

    def organizations(self) -> list[Organization]:
        return sorted(self._organizations.items().values(), key=lambda o: o.name.casefold())

    def get_organization(self, org_id: str | None) -> Organization | None:
        return self._organizations.items().get(org_id) if org_id else None

    def find_organization(self, name: str) -> Organization | None:
        return self._organizations.find_by_name(name)

    def save_organization(self, org: Organization) -> Organization:
        with self._lock:
            self._check_writable(self.root / "people.json")
            if org.created_at is None:
                org.created_at = datetime.now()
            self._organizations.save(org)
            self._home_organization(org.id)
        self._changed("organization", org.id)
        return org

    def ensure_organization(self, name: str) -> Organization:
        with self._lock:
            return self.find_organization(name) or self.save_organization(Organization(name=name.strip()))

    def delete_organization(self, org_id: str) -> None:
        with self._lock:
            self._check_writable(self.root / "people.json")
            self._organizations.delete(org_id)
            self._home_organization(org_id)
        self._changed("organization", org_id)

    # ------------------------------------------------------------------ contacts

    def contacts(self) -> list[Contact]:
        return sorted(self._contacts.items().values(), key=lambda c: c.name.casefold())

    def get_contact(self, contact_id: str | None) -> Contact | None:
        return self._contacts.items().get(contact_id) if contact_id else None

    def find_contact(self, name: str) -> Contact | None:
        return self._contacts.find_by_name(name)

    def save_contact(self, contact: Contact) -> Contact:
        with self._lock:
            self._check_writable(self.root / "people.json")
            if contact.created_at is None:
                contact.created_at = datetime.now()
            self._contacts.save(contact)
            self._home_contact(contact.id)
        self._changed("contact", contact.id)
        return contact

    def ensure_contact(self, name: str, *, organization: str | None = None, role: str | None = None) -> Contact:
        """The contact called ``name`` (created if new), with organization/role filled in if given."""
        with self._lock:
            contact = self.find_contact(name) or Contact(name=name.strip())
            if organization:
                contact.organization_id = self.ensure_organization(organization).id
            if role:
                contact.role = role
            return self.save_contact(contact)

    def delete_contact(self, contact_id: str) -> None:
        with self._lock:
            self._check_writable(self.root / "people.json")
            self._contacts.delete(contact_id)
            self._home_contact(contact_id)
        self._changed("contact", contact_id)

    def contacts_of_organization(self, org_id: str) -> list[Contact]:
        return [c for c in self._contacts.items().values() if c.organization_id == org_id]

    def record_name(self, record_id: str) -> str | None:
        """The current name of a contact or organization by id (None if there is none)."""
        contact = self.get_contact(record_id)
        if contact is not None:
            return contact.name
        org = self.get_organization(record_id)
        return org.name if org is not None else None

    def organization_name(self, contact: Contact | None) -> str:
        org = self.get_organization(contact.organization_id) if contact else None
        return org.name if org else ""

    # ------------------------------------------------------------------ meetings

    def meeting_path(self, meeting_id: str) -> Path:
        return self.meetings_dir / f"{meeting_id}.json"

    def create_meeting(self, contact: Contact, **fields: Any) -> Meeting:
        meeting = Meeting(contact_id=contact.id, **fields)
        self.save_meeting(meeting)
        return meeting

    def read_meeting_record(self, meeting_id: str) -> dict[str, Any]:
        """A meeting file as a plain dict at today's schema (migrated, not validated): for fast scans."""
        path = self.meeting_path(meeting_id)
        return migrate(read_json(path), "meeting", path, meeting_id)

    def load_meeting(self, meeting_id: str) -> Meeting:
        path = self.meeting_path(meeting_id)
        if not path.exists():
            raise FileNotFoundError(f"no meeting {meeting_id} in {self.meetings_dir}")
        try:
            meeting = Meeting.model_validate(self.read_meeting_record(meeting_id))
        except ValidationError as exc:
            error = CorruptFileError(path, f"invalid meeting: {first_error(exc)}", meeting_id)
            self._damaged[path] = error
            raise error from exc
        except StoreError as exc:
            self._damaged[path] = exc
            raise
        self._damaged.pop(path, None)
        return meeting

    def save_meeting(self, meeting: Meeting, *, now: datetime | None = None) -> None:
        """Write the meeting's own file; touch the index only if its summary changed."""
        path = self.meeting_path(meeting.id)
        with self._lock:
            self._check_writable(path)
            meeting.updated_at = now or datetime.now()
            atomic_write_json(path, meeting.to_storage_dict())
            summary = self._summarise(meeting)
            index = self._ensure_index()
            old = index.get(meeting.id)
            if old is None or old.model_dump(exclude={"updated_at"}) != summary.model_dump(exclude={"updated_at"}):
                self._index.save(summary)
                self._home_meeting(old, summary)
                self._changed("meeting", meeting.id)

    def delete_meeting(self, meeting_id: str) -> None:
        path = self.meeting_path(meeting_id)
        with self._lock:
            self._check_writable(path)
            path.unlink(missing_ok=True)
            old = self._ensure_index().get(meeting_id)
            self._index.delete(meeting_id)
            self._home_meeting(old, None)
        self._changed("meeting", meeting_id)

    def iter_meetings(self, meeting_ids: Iterable[str] | None = None) -> Iterator[Meeting]:
        """Every meeting (most recent first), or those of ``meeting_ids``, loaded one at a time.

        A file that cannot be read is skipped; :meth:`damaged_meetings` names it afterwards.
        """
        ids = [s.id for s in self.meeting_summaries()] if meeting_ids is None else meeting_ids
        for meeting_id in ids:
            try:
                yield self.load_meeting(meeting_id)
            except StoreError:
                continue

    # ------------------------------------------------------------------ bulk writes (demo data, imports)

    def save_organizations(self, orgs: Iterable[Organization]) -> None:
        """Add or replace many organizations with a single rewrite of people.json (none if there are none)."""
        orgs = list(orgs)
        if not orgs:
            return
        with self._lock:
            self._check_writable(self.root / "people.json")
            merged = dict(self._organizations.items())
            merged.update((o.id, o) for o in orgs)
            self._organizations.replace_all(merged.values())
            self._home_rebuild()
        self._changed("organization", None)

    def save_contacts(self, contacts: Iterable[Contact]) -> None:
        """Add or replace many contacts with a single rewrite of people.json (none if there are none)."""
        contacts = list(contacts)
        if not contacts:
            return
        with self._lock:
            self._check_writable(self.root / "people.json")
            merged = dict(self._contacts.items())
            merged.update((c.id, c) for c in contacts)
            self._contacts.replace_all(merged.values())
            self._home_rebuild()
        self._changed("contact", None)

    def save_meetings(self, meetings: Iterable[Meeting]) -> None:
        """Write many meeting files, then the index once (save contacts first: rows name them)."""
        with self._lock:
            index = dict(self._ensure_index())
            for meeting in meetings:
                path = self.meeting_path(meeting.id)
                self._check_writable(path)
                meeting.updated_at = meeting.updated_at or datetime.now()
                atomic_write_json(path, meeting.to_storage_dict())
                index[meeting.id] = self._summarise(meeting)
            self._index.replace_all(index.values())
            self._home_rebuild()
        self._changed("meeting", None)

