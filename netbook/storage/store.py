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

The contact book and the index are journals (see :class:`netbook.storage.files.Journal`): a
change appends one fsynced line, so saving a contact costs the contact, not the book;
the log is folded into a new snapshot in the background once it grows.

Autosaving the live meeting rewrites only its own file, so its cost does not grow
with the history. The index is derived from the meeting files and rebuilt when it is
missing, stale or unreadable. Home draws from ``home.json`` alone, so start-up reads
neither the contact book nor the index; they load when a screen first needs them.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from tinydb import Query, TinyDB

from netbook.domain.models import (
    SCHEMA_VERSION,
    Contact,
    Meeting,
    MeetingStatus,
    MeetingSummary,
    Organization,
    normalise_key,
)
from netbook.storage.files import (
    AtomicJSONStorage,
    CorruptFileError,
    DataDirLock,
    DataDirLockedError,
    Journal,
    ReadOnlyError,
    StoreError,
    atomic_write_json,
    ensure_private_dir,
    read_json,
    remove_stale_temp_files,
)
from netbook.storage.home_cache import FILE_NAME as HOME_FILE
from netbook.storage.home_cache import HomeSummary, LatestWriter, is_lead, journal_stamp
from netbook.storage.migrations import migrate

M = TypeVar("M", bound=BaseModel)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ())) or "record"
    return f"{loc}: {err.get('msg', 'invalid')}"


class _Table:
    """One table of pydantic records, mirrored in memory by id, saved through its file's journal."""

    def __init__(self, name: str, model: type[M], kind: str, file: _TableFile) -> None:
        self.name = name
        self.model = model
        self._kind = kind
        self._items: dict[str, Any] | None = None
        self.file = file
        self.lock = threading.RLock()
        self._by_name: dict[str, list[str]] | None = None  # normalised name -> ids, built on first lookup
        self._names_of: dict[str, tuple[str, ...]] = {}
        file.tables.append(self)

    def items(self) -> dict[str, Any]:
        if self._items is None:
            with self.lock:  # one load, even when two workers (Home's search, the palette) ask at once
                if self._items is None:
                    self.file.load()
        return self._items  # type: ignore[return-value]

    def save(self, model: Any) -> None:
        items = self.items()
        self.file.journal.append(self.name, model.id, model.to_storage_dict())
        items[model.id] = model
        self._index_names(model)
        self.file.maybe_compact()

    def replace_all(self, models: Iterable[Any]) -> None:
        """The whole table in ONE atomic snapshot (with the file's other tables as they are)."""
        models = list(models)
        self.file.load()
        self._items = {m.id: m for m in models}
        self._by_name = None
        self.file.write_snapshot()

    def delete(self, record_id: str) -> None:
        items = self.items()
        self.file.journal.append(self.name, record_id, None)
        items.pop(record_id, None)
        self._unindex_names(record_id)
        self.file.maybe_compact()

    # ------------------------------------------------------------------ lookup by name

    def find_by_name(self, name: str) -> Any | None:
        """The first record called ``name`` (or one of its aliases), from an index built once."""
        key = normalise_key(name)
        if self._by_name is None:
            with self.lock:
                if self._by_name is None:
                    self._names_of = {}
                    self._by_name = {}
                    for model in self.items().values():
                        self._index_names(model)
        for record_id in self._by_name.get(key, ()):
            model = self.items().get(record_id)
            if model is not None and any(normalise_key(n) == key for n in model.all_names()):
                return model
        return None

    def _index_names(self, model: Any) -> None:
        if self._by_name is None:
            return
        self._unindex_names(model.id)
        keys = tuple(dict.fromkeys(normalise_key(n) for n in model.all_names()))
        self._names_of[model.id] = keys
        for key in keys:
            self._by_name.setdefault(key, []).append(model.id)

    def _unindex_names(self, record_id: str) -> None:
        if self._by_name is None:
            return
        for key in self._names_of.pop(record_id, ()):
            ids = self._by_name.get(key)
            if ids and record_id in ids:
                ids.remove(record_id)
                if not ids:
                    del self._by_name[key]


@functools.cache
def _file_model(stem: str, tables: tuple[tuple[str, type[BaseModel]], ...]) -> type[BaseModel]:
    fields: dict[str, Any] = {name: (dict[str, model], {}) for name, model in tables}
    return create_model(f"_{stem}_file", __config__=ConfigDict(extra="ignore"), **fields)


class _TableFile:
    """The tables of one data file (a journal: snapshot + log), loaded together.

    The snapshot is parsed and validated in a single pydantic-core pass when it can be:
    several times faster than json + per-record validation. Anything unusual (an old
    schema, a bad record, broken JSON) falls back to the record-by-record path, which
    migrates or names the problem. Logged changes are then replayed record by record.
    """

    def __init__(self, path: Path, *, read_only: bool, on_compact_error: Any = None) -> None:
        self.path = path
        self.tables: list[_Table] = []
        self.journal = Journal(path, read_only=read_only)
        self._loaded = False
        self._on_compact_error = on_compact_error

    def load(self) -> None:
        if self._loaded:
            return
        raw = self.journal.read_snapshot()
        parsed = None
        loaded = self._load_fast(raw) if raw is not None else {t.name: {} for t in self.tables}
        if loaded is None:
            parsed = read_json(self.path)
            loaded = self._load_checked(parsed)
        generation = Journal.snapshot_generation(raw, parsed)
        for entry in self.journal.read_entries(generation):
            table = next((t for t in self.tables if t.name == entry.table), None)
            if table is None:
                continue
            if entry.doc is None:
                loaded[table.name].pop(entry.record_id, None)
                continue
            where = f"{entry.record_id}, line {entry.line}"
            data = migrate(entry.doc, table._kind, entry.path, where)
            try:
                model = table.model.model_validate(data)
            except ValidationError as exc:
                raise CorruptFileError(entry.path, f"invalid {table._kind}: {_first_error(exc)}", where) from exc
            loaded[table.name][model.id] = model
        for table in self.tables:
            table._items = loaded[table.name]
        self._loaded = True
        self.maybe_compact()

    def _load_fast(self, raw: bytes) -> dict[str, dict[str, Any]] | None:
        signature = (self.path.stem, tuple((t.name, t.model) for t in self.tables))
        try:
            parsed = _file_model(*signature).model_validate_json(raw)
        except (ValidationError, ValueError):
            return None
        loaded: dict[str, dict[str, Any]] = {}
        for table in self.tables:
            rows = getattr(parsed, table.name)
            if any("schema_version" not in m.model_fields_set or m.schema_version != SCHEMA_VERSION for m in rows.values()):
                return None
            loaded[table.name] = {m.id: m for m in rows.values()}
        return loaded

    def _load_checked(self, data: Any) -> dict[str, dict[str, Any]]:
        """Record by record, migrating old ones and naming the record that is wrong."""
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise CorruptFileError(self.path, "is not a netbook table file")
        loaded: dict[str, dict[str, Any]] = {}
        for table in self.tables:
            items: dict[str, Any] = {}
            for doc_id, doc in data.get(table.name, {}).items():
                record = str(doc.get("id", doc_id)) if isinstance(doc, dict) else "?"
                doc = migrate(doc, table._kind, self.path, record)
                try:
                    model = table.model.model_validate(doc)
                except ValidationError as exc:
                    raise CorruptFileError(self.path, f"invalid {table._kind}: {_first_error(exc)}", record) from exc
                items[model.id] = model
            loaded[table.name] = items
        return loaded

    def _rows(self) -> dict[str, list[Any]]:
        return {t.name: list((t._items or {}).values()) for t in self.tables}

    def write_snapshot(self) -> None:
        self.journal.write_snapshot(self._rows(), _storage_dict)

    def maybe_compact(self) -> None:
        """Fold the log into a new snapshot in the background once it outgrows a quarter of the file."""
        if self.journal.read_only:
            return
        if not self.path.exists() and self.journal.entries:
            self.write_snapshot()  # a new data dir: its first records make the snapshot
            return
        records = sum(len(t._items or ()) for t in self.tables)
        if self.journal.needs_compaction(records):
            self.journal.compact_in_background(self._rows(), _storage_dict, self._on_compact_error)


def _storage_dict(model: Any) -> dict[str, Any]:
    return model.to_storage_dict()


class Store:
    """All reads and writes of one data dir. Thread-safe: autosave runs in a worker."""

    def __init__(self, root: Path | str, *, read_only: bool = False, locked_by: str | None = None) -> None:
        self.root = Path(root)
        self.read_only = read_only
        self.locked_by = locked_by
        self.meetings_dir = self.root / "meetings"
        self.warnings: list[str] = []  # one line each, for the user; see :meth:`_warn`
        self.on_warning: Callable[[str], None] | None = None  # told of each new warning (from any thread)
        self._lock = threading.RLock()
        self._dir_lock: DataDirLock | None = None
        self._damaged: dict[Path, StoreError] = {}  # meeting files that could not be read, and why
        self._library_db = TinyDB(self.root / "library.json", storage=AtomicJSONStorage, read_only=read_only)
        self._people_file = _TableFile(self.root / "people.json", read_only=read_only,
                                       on_compact_error=self._compaction_failed)
        self._index_file = _TableFile(self.root / "index.json", read_only=read_only,
                                      on_compact_error=self._compaction_failed)
        self._contacts = _Table("contacts", Contact, "contact", self._people_file)
        self._organizations = _Table("organizations", Organization, "organization", self._people_file)
        self._index = _Table("meetings", MeetingSummary, "summary", self._index_file)
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
                remove_stale_temp_files(root / "meetings")
        except OSError as exc:  # not ours to write (permissions), not a folder...: one line naming it
            lock.release()
            raise StoreError(exc.filename or root, f"cannot be written ({exc.strerror or exc})") from exc
        if locked:
            store = cls(root)
            store._dir_lock = lock
            return store
        holder = lock.holder_pid()
        if not allow_read_only:
            raise DataDirLockedError(root, f"is in use by another netbook (pid {holder})", holder)
        store = cls(root, read_only=True, locked_by=holder)
        store._warn(f"{root} is in use by another netbook (pid {holder}); opened read-only, nothing will be saved")
        return store

    def _compaction_failed(self, exc: BaseException) -> None:
        self._warn(f"could not compact the journal ({exc}); the log keeps every change")

    def close(self) -> None:
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

    # ------------------------------------------------------------------ Home's summary

    def cached_home_summary(self) -> HomeSummary | None:
        """What Home draws, if known without reading the tables (home.json fresh, or kept since); else None."""
        if not self._home_read:
            with self._lock:
                self._read_home()
        return self._home

    def home_summary(self) -> HomeSummary:
        """What Home draws, built from the index and the contact book when not known (call it in a worker)."""
        home = self.cached_home_summary()
        if home is not None:
            return home
        with self._lock:
            if self._home is None:
                self._build_home()
            return self._home  # type: ignore[return-value]

    def _read_home(self) -> None:
        self._home_read = True
        path = self.root / HOME_FILE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self._warn(f"{path}: cannot be read ({exc.strerror or exc}); Home rebuilds it from the index and the contact book")
            return
        try:
            home, stamp = HomeSummary.from_json(raw, path)
        except CorruptFileError as exc:
            self._warn(f"{exc}; Home rebuilds it from the index and the contact book")
            return
        if stamp == journal_stamp(self.root):  # else stale: written before the last change (or a kill)
            self._home, self._home_stamp = home, stamp

    def _build_home(self) -> None:
        """The one full pass (a new, missing, stale or unreadable summary; bulk writes; a rebuilt index)."""
        self._lead_ids = None
        index = self._ensure_index()
        rows = [r for r in index.values() if self.meeting_path(r.id) not in self._damaged]
        self._home = HomeSummary.build(rows, self._contacts.items().values(), self.record_name, self._damaged_rows())
        self._home_read = True
        self._write_home()

    def _write_home(self) -> None:
        if self.read_only or self._home is None:
            return
        home, stamp = self._home, journal_stamp(self.root)
        self._home_stamp = stamp
        self._home_writer.put(lambda: home.to_json(stamp))

    def _home_write_failed(self, exc: BaseException) -> None:
        self._warn(f"could not write {self.root / HOME_FILE} ({exc}); Home rebuilds it at the next start")

    def _home_meeting(self, old: MeetingSummary | None, new: MeetingSummary | None) -> None:
        if self._home is None:
            return  # stale on disk already (its stamp no longer matches): rebuilt when Home needs it
        self._home = self._home.meeting_written(old, new, self.record_name, lambda: self._index.items().values())
        self._write_home()

    def _home_contact(self, contact_id: str) -> None:
        if self._home is None:
            return
        items = self._contacts.items()
        if self._lead_ids is None:
            self._lead_ids = {c.id for c in items.values() if is_lead(c)}
        new = items.get(contact_id)
        if is_lead(new):
            self._lead_ids.add(contact_id)
        else:
            self._lead_ids.discard(contact_id)
        self._home = self._home.contact_written(contact_id, new, self.record_name, lambda: items.values(),
                                                leads_total=len(self._lead_ids), contacts_total=len(items))
        self._write_home()

    def _home_organization(self, org_id: str) -> None:
        if self._home is None:
            return
        home = self._home.organization_written(org_id, self.get_organization(org_id))
        if home is not self._home:
            self._home = home
            self._write_home()

    def _home_rebuild(self) -> None:
        """After a bulk write: rebuilt if it was known or is asked for at the next start anyway."""
        if not self.read_only:
            self._build_home()

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

    def load_meeting(self, meeting_id: str) -> Meeting:
        path = self.meeting_path(meeting_id)
        if not path.exists():
            raise FileNotFoundError(f"no meeting {meeting_id} in {self.meetings_dir}")
        try:
            data = migrate(read_json(path), "meeting", path, meeting_id)
            meeting = Meeting.model_validate(data)
        except ValidationError as exc:
            error = CorruptFileError(path, f"invalid meeting: {_first_error(exc)}", meeting_id)
            self._damaged[path] = error
            raise error from exc
        except StoreError as exc:
            self._damaged[path] = exc
            raise
        self._damaged.pop(path, None)
        return meeting

    def _damaged_rows(self) -> list[tuple[str, str, str | None]]:
        """The damaged meeting files as Home's summary keeps them: (path, problem, record)."""
        return [(str(p), self._damaged[p].problem, self._damaged[p].record)
                for p in sorted(self._damaged) if p.parent == self.meetings_dir and p.exists()]

    def damaged_meetings(self) -> list[StoreError]:
        """The meeting files on disk that could not be read, each error naming its file (meeting id: its stem).

        Found when the index is built and whenever a meeting is loaded; they are left as they are.
        """
        self._ensure_index()
        return [self._damaged[p] for p in sorted(self._damaged) if p.parent == self.meetings_dir and p.exists()]

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

    def _summarise(self, meeting: Meeting) -> MeetingSummary:
        contact = self.get_contact(meeting.contact_id)
        return MeetingSummary(
            id=meeting.id,
            contact_id=meeting.contact_id,
            contact_name=contact.name if contact else "",
            organization_name=self.organization_name(contact),
            title=meeting.title,
            scheduled_at=meeting.scheduled_at,
            started_at=meeting.started_at,
            ended_at=meeting.ended_at,
            planned_minutes=meeting.planned_minutes,
            status=meeting.status,
            open_followups=[f for f in meeting.followups if not f.done],
            updated_at=meeting.updated_at,
        )

    def _ensure_index(self) -> dict[str, MeetingSummary]:
        """The meeting index, rebuilt from the meeting files if missing, stale or unreadable.

        A meeting file that cannot be read gets no row; it is kept in :meth:`damaged_meetings`
        and, alone, never makes the index look stale (no rebuild at every start).
        """
        if self._index_checked:
            return self._index.items()
        with self._lock:
            if self._index_checked:
                return self._index.items()
            try:
                items = self._index.items()
            except CorruptFileError as exc:
                items = None
                problem = exc
            on_disk = self._meeting_ids_on_disk()
            rebuilt = True
            if items is None:
                aside = self._rebuild_index(on_disk, set_aside_corrupt=True)
                self._warn(f"{problem}; set aside as {aside.name} and rebuilt from the meeting files" if aside else
                           f"{problem}; listing the meeting files instead (rebuilt when netbook next opens it to write)")
            elif set(items) != on_disk and not self._only_damaged_differ(items, on_disk):
                self._rebuild_index(on_disk, set_aside_corrupt=False)
            else:
                rebuilt = False
            self._index_checked = True
            if rebuilt:
                if not self.read_only or self._home is not None:
                    self._build_home()  # Home may have drawn from a summary of the index as it was
                self._changed("meeting", None)
            elif self._home is not None and self._home.damaged != self._damaged_rows():
                self._home = self._home.with_damaged(self._damaged_rows())  # found by the check, without a rebuild
                self._write_home()
                self._changed("meeting", None)
            return self._index.items()

    def _only_damaged_differ(self, items: dict[str, MeetingSummary], on_disk: set[str]) -> bool:
        """True when every file missing from the index fails to read and no row lacks its file."""
        if set(items) - on_disk:
            return False
        for meeting_id in on_disk - set(items):
            try:
                self.load_meeting(meeting_id)
            except StoreError:
                continue
            return False
        return True

    def _meeting_ids_on_disk(self) -> set[str]:
        # os.scandir, not Path.glob: ~1 ms instead of ~20 ms for 2,000 meetings, on every start
        with os.scandir(self.meetings_dir) as entries:
            return {e.name[:-5] for e in entries if e.name.endswith(".json") and not e.name.startswith(".")}

    def _rebuild_index(self, meeting_ids: set[str], *, set_aside_corrupt: bool) -> Path | None:
        """Index rows from the meeting files (unreadable ones are recorded as damaged); returns where a corrupt index went."""
        summaries = []
        for meeting_id in sorted(meeting_ids):
            try:
                summaries.append(self._summarise(self.load_meeting(meeting_id)))
            except StoreError:
                pass  # kept in self._damaged by load_meeting
        index_path = self.root / "index.json"
        if self.read_only:
            self._index._items = {s.id: s for s in summaries}
            return None
        aside = None
        if set_aside_corrupt and index_path.exists():
            aside = index_path.with_name(f"index.json.corrupt-{datetime.now():%Y%m%d%H%M%S}")
            index_path.replace(aside)
        if set_aside_corrupt:
            self._index_file = _TableFile(index_path, read_only=False, on_compact_error=self._compaction_failed)
            self._index = _Table("meetings", MeetingSummary, "summary", self._index_file)
            self._index.lock = self._lock
            self._index_file._loaded = True
            self._index._items = {}
        self._index.replace_all(summaries)
        return aside

    def meeting_summary(self, meeting_id: str) -> MeetingSummary | None:
        return self._ensure_index().get(meeting_id)

    def meeting_summaries(self) -> list[MeetingSummary]:
        """All meetings, most recent first (but those whose file turned out unreadable: see :meth:`damaged_meetings`)."""
        rows = list(self._ensure_index().values())
        if self._damaged:  # e.g. cut short after its row was written: it is listed as damaged, not as a meeting
            rows = [r for r in rows if self.meeting_path(r.id) not in self._damaged]
        return sorted(rows, key=lambda s: (s.when() or datetime.min, s.id), reverse=True)

    def resolve_meeting_id(self, ref: str) -> str:
        """``latest``, a full id or a unique id prefix -> a meeting id (or LookupError).

        A damaged meeting file matches too: its error (a StoreError naming the file) is raised.
        """
        summaries = self.meeting_summaries()
        damaged = {e.path.stem: e for e in self.damaged_meetings()}
        if not summaries and (ref == "latest" or not damaged):
            raise LookupError(f"no readable meetings in {self.root} ({len(damaged)} damaged: 'netbook meetings' lists them)"
                              if damaged else f"no meetings yet in {self.root}")
        if ref == "latest":
            return summaries[0].id
        listed = [s.id for s in summaries]
        matches = [i for i in listed if i.startswith(ref)] + [i for i in damaged if i.startswith(ref) and i not in listed]
        if len(matches) == 1:
            if matches[0] in damaged:
                raise damaged[matches[0]]
            return matches[0]
        if not matches:
            raise LookupError(f"no meeting with id {ref!r} in {self.root}")
        raise LookupError(f"meeting id {ref!r} is ambiguous ({len(matches)} meetings match)")

    def unfinished_meetings(self) -> list[MeetingSummary]:
        return [s for s in self.meeting_summaries() if s.status is MeetingStatus.LIVE]

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

    def refresh_summaries(self, meeting_ids: Iterable[str]) -> None:
        """Re-derive index rows (e.g. after a contact or organization is renamed) without rewriting meetings."""
        with self._lock:
            index = self._ensure_index()
            for meeting_id in meeting_ids:
                try:
                    summary = self._summarise(self.load_meeting(meeting_id))
                except (FileNotFoundError, StoreError):
                    continue
                old = index.get(meeting_id)
                if old is None or old.model_dump(exclude={"updated_at"}) != summary.model_dump(exclude={"updated_at"}):
                    self._check_writable(self.root / "index.json")
                    self._index.save(summary)
                    self._home_meeting(old, summary)
                    self._changed("meeting", meeting_id)

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

    # ------------------------------------------------------------------ user library

    def check_library(self) -> None:
        """Read library.json (the user's own questions and question sets) and check every record, once.

        The rule of the contact book: a file that does not parse, a record that is not one,
        or one written by a newer netbook raises a StoreError naming the file, and nothing is
        ever written over it. The app checks at start (and ends with that line), ``netbook meet``
        before it creates the meeting, so a bad library never ends a meeting half-way.
        """
        if self._library_checked:
            return
        from netbook.domain.question_bank import Question

        with self._lock:
            path = self.root / "library.json"
            for name, rows in (self._library_db.storage.read() or {}).items():
                kind = _LIBRARY_KINDS.get(name, "library")
                for doc_id, doc in rows.items():
                    record = str(doc.get("id", doc_id)) if isinstance(doc, dict) else str(doc_id)
                    doc = migrate(doc, kind, path, record)
                    try:
                        if kind == "question":
                            Question.model_validate({**doc, "own": True})
                        elif kind == "template":
                            _Template.model_validate(doc)
                    except ValidationError as exc:
                        raise CorruptFileError(path, f"invalid {kind}: {_first_error(exc)}", record) from exc
            self._library_checked = True

    def user_questions(self) -> list[dict[str, Any]]:
        self.check_library()
        return [{k: v for k, v in doc.items() if k != "schema_version"} for doc in self._library_db.table("questions").all()]

    def add_user_question(self, question: dict[str, Any]) -> None:
        with self._lock:
            self._check_writable(self.root / "library.json")
            self.check_library()
            question = {**question, "schema_version": SCHEMA_VERSION}
            self._library_db.table("questions").upsert(question, Query().id == question["id"])

    def library_table(self, name: str):
        """Raw TinyDB table in library.json (templates and other small user lists)."""
        self.check_library()
        return self._library_db.table(name)


_LIBRARY_KINDS = {"questions": "question", "templates": "template"}


class _TemplateQuestion(BaseModel):
    text: str


class _Template(BaseModel):
    """What a question set in library.json must hold to be offered (the rest is the picker's business)."""

    name: str
    questions: list[_TemplateQuestion]
