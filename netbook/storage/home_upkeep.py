"""Keeping Home's summary (``home.json``, see :mod:`netbook.storage.home_cache`) in step with every write.

Home draws from ``home.json`` alone, so start-up reads neither the contact book nor the
index. Each write patches the summary in memory and rewrites the file in the background;
a summary whose journal stamp no longer matches the files (a kill, a compaction) is stale
and built again, in one pass, when Home needs it.
"""

from __future__ import annotations

from netbook.domain.models import MeetingSummary
from netbook.storage.files import CorruptFileError
from netbook.storage.home_cache import FILE_NAME as HOME_FILE
from netbook.storage.home_cache import HomeSummary, is_lead, journal_stamp


class HomeUpkeepMixin:
    """Home's summary as part of :class:`netbook.storage.store.Store` (it shares the store's state).

    Uses the store's ``_home*`` fields and ``_lead_ids`` (set up in ``Store.__init__``), ``_lock``,
    the tables, the meeting index (:class:`netbook.storage.meeting_index.MeetingIndexMixin`),
    ``record_name``, ``get_organization`` and ``_warn``.
    """


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
