"""One open meeting: the single copy the meeting, closing and summary screens all edit.

Before this, each of those screens loaded its own copy of the meeting, had its own saver
and handed changes on through the disk; a copy left behind by one screen could be saved
over what another had written (a reopened meeting stored as ended, its follow-ups gone).
Now the app keeps one :class:`MeetingSession` per open meeting
(``app.session_for(meeting_id)``): screens change :attr:`MeetingSession.meeting` or its
:attr:`MeetingSession.mentions` and call :meth:`MeetingSession.changed`; one debounced
saver writes snapshots off the UI thread. Core: no Textual.

A session is the one writer of its meeting while it is open: core code that rewrites
meetings (a merge relinking them, a wrap-up superseding older check-ins) calls
:func:`rewrite_meeting`, which changes the session's copy when one is open (its saver
writes it, with the notes as typed) and the file otherwise.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from datetime import datetime
from typing import Any

from netbook.domain import meeting_lifecycle as meeting_rules
from netbook.domain.meeting_mentions import MeetingMentions
from netbook.domain.models import Meeting, MeetingStatus
from netbook.storage.autosave import DebouncedSaver

NotesSource = Callable[[], str]

# store -> {meeting id: the session open on it}; a session registers itself and leaves on close
_OPEN: weakref.WeakKeyDictionary[Any, dict[str, MeetingSession]] = weakref.WeakKeyDictionary()
_OPEN_LOCK = threading.Lock()


def open_session_of(store, meeting_id: str) -> MeetingSession | None:
    """The live session holding ``meeting_id`` in ``store``, if any."""
    with _OPEN_LOCK:
        return _OPEN.get(store, {}).get(meeting_id)


def rewrite_meeting(store, meeting_id: str, fix: Callable[[Meeting], bool], *, now: datetime | None = None) -> bool:
    """Apply ``fix`` (True: it changed something) to a meeting and save it, through its
    open session if there is one, so there is one writer per meeting: the session's next
    save carries the fix and the notes as typed.  Raises FileNotFoundError for no such file."""
    session = open_session_of(store, meeting_id)
    if session is not None:
        return session.apply(fix)
    meeting = store.load_meeting(meeting_id)
    if not fix(meeting):
        return False
    store.save_meeting(meeting, now=now)
    return True


class MeetingSession:
    """The meeting, its mentions model, where its notes live and its one saver.

    ``on_error`` is told about a failed write once per distinct message until a write
    succeeds again (a full disk is not reported on every keystroke).
    """

    def __init__(
        self,
        store,  # netbook.storage.store.Store (duck-typed: this module stays light)
        meeting: Meeting,
        *,
        interval: float,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.meeting = meeting
        contact = store.get_contact(meeting.contact_id)
        self.contact_name: str | None = contact.name if contact else None
        self.mentions = MeetingMentions(
            meeting.mentions,
            own_contact_id=meeting.contact_id,
            own_names=contact.all_names() if contact else [],
            dismissed=set(meeting.dismissed_mentions),
        )
        self._on_error = on_error
        self._reported: set[str] = set()
        self._notes_source: NotesSource | None = None
        self._version = 0
        self._meta: tuple[int, dict[str, Any]] | None = None
        self._counts_stale = False
        self.saver: DebouncedSaver[tuple[str, dict[str, Any]]] = DebouncedSaver(
            self._write, interval, on_error=self._failed, on_saved=self._saved, name=f"netbook-meeting-{meeting.id}"
        )
        with _OPEN_LOCK:
            _OPEN.setdefault(store, {})[meeting.id] = self

    @classmethod
    def open(cls, store, meeting_id: str, **kwargs) -> MeetingSession:
        return cls(store, store.load_meeting(meeting_id), **kwargs)

    @property
    def id(self) -> str:
        return self.meeting.id

    @property
    def version(self) -> int:
        """Goes up with every change but the notes (screens cache what they derive from it)."""
        return self._version

    @property
    def read_only(self) -> bool:
        return bool(self.store.read_only)

    # ------------------------------------------------------------------ notes

    def attach_notes(self, source: NotesSource) -> None:
        """The note pad holds the notes while it is open; snapshots read them from there."""
        self._notes_source = source

    def detach_notes(self) -> None:
        if self._notes_source is not None:
            self.meeting.notes = self._notes_source()
        self._notes_source = None

    def notes(self) -> str:
        return self._notes_source() if self._notes_source is not None else self.meeting.notes

    # ------------------------------------------------------------------ changes and saving

    def changed(self, *, by_user: bool = True) -> None:
        """Anything but the notes changed (questions, mentions, asks, follow-ups, status).

        In a read-only data dir an edit by the user is answered, once, with why it is not saved.
        """
        self._version += 1
        if self.read_only and by_user:
            self._failed(RuntimeError("the data dir is open read-only (another netbook holds the lock)"))
        self.submit()

    def submit(self) -> None:
        """Hand the newest state to the saver; returns at once (the notes are read, not copied)."""
        if self.read_only:
            return
        self.saver.submit(self._snapshot())

    def counts_changed(self) -> None:
        """Only the panel's counts moved: they ride along with the next change or the flush."""
        self._counts_stale = True

    def _snapshot(self) -> tuple[str, dict[str, Any]]:
        """(notes, the rest as plain data): a dump, not a deep copy of 1,400 mentions."""
        if self._meta is None or self._meta[0] != self._version:
            self._counts_stale = False
            self.meeting.dismissed_mentions = sorted(self.mentions.dismissed)
            self._meta = (self._version, self.meeting.model_dump(exclude={"notes"}))
        return self.notes(), self._meta[1]

    def _write(self, snapshot: tuple[str, dict[str, Any]]) -> None:
        notes, meta = snapshot  # rebuilt into a model here, in the saver's thread
        self.store.save_meeting(Meeting.model_validate({**meta, "notes": notes}))

    def _failed(self, exc: BaseException) -> None:
        message = f"Could not save the meeting: {exc}"
        if message in self._reported:
            return
        self._reported.add(message)
        if self._on_error is not None:
            self._on_error(message)

    def _saved(self, _seq: int) -> None:
        self._reported.clear()

    def flush(self) -> None:
        """Write everything now, on the calling thread; raises the last write error."""
        if not self.read_only:
            self.meeting.notes = self.notes()
            if self._counts_stale:
                self._version += 1
            self.submit()
        self.saver.flush()
        if self.saver.last_error is not None:
            raise self.saver.last_error

    @property
    def unsaved(self) -> bool:
        """The last write failed (nothing has been written since): what is shown is not all on disk."""
        return not self.read_only and (self.saver.last_error is not None or self.saver.dirty)

    def rescue_text(self, now: datetime) -> str:
        """The notes, exactly, under one line saying whose they are: for a rescue file when saving fails."""
        who = self.contact_name or "?"
        return (f"netbook: the notes of the meeting with {who} (meeting {self.id}), "
                f"which could not be saved in the data dir on {now:%Y-%m-%d %H:%M}\n\n{self.notes()}")

    def save_now(self) -> bool:
        """:meth:`flush` for screens: a failure is reported through ``on_error``, never raised."""
        try:
            self.flush()
        except Exception as exc:  # noqa: BLE001 - a full disk, a read-only dir...
            self._failed(exc)
            return False
        return True

    def apply(self, fix: Callable[[Meeting], bool]) -> bool:
        """A change made outside the screens (a merge, another meeting's wrap-up) to this
        session's copy; saved by its saver like any other change.  True if ``fix`` changed it."""
        if not fix(self.meeting):
            return False
        self.changed(by_user=False)
        return True

    def close(self) -> None:
        self.detach_notes()
        try:
            self.flush()
        finally:
            self.saver.close()
            with _OPEN_LOCK:
                held = _OPEN.get(self.store)
                if held is not None and held.get(self.id) is self:
                    del held[self.id]

    # ------------------------------------------------------------------ lifecycle

    def start(self, now: datetime) -> None:
        if self.meeting.status is MeetingStatus.PLANNED:
            meeting_rules.start(self.meeting, now)
            self.changed(by_user=False)  # opening it starts it: nothing to answer in a read-only dir

    def end(self, now: datetime) -> None:
        self.meeting.notes = self.notes()
        meeting_rules.end(self.meeting, now)
        self.changed()

    def reopen(self, now: datetime) -> None:
        meeting_rules.reopen(self.meeting, now)
        self.changed()

    def adopt_wrap_up(self, wrapped: Meeting) -> None:
        """Take what the wrap-up (run on a copy, in a worker) worked out: asks, follow-ups, lead links."""
        self.meeting.asks = wrapped.asks
        self.meeting.followups = wrapped.followups
        linked = {m.key: m.contact_id for m in wrapped.mentions if m.contact_id}
        for m in self.meeting.mentions:
            if m.contact_id is None and linked.get(m.key):
                m.contact_id = linked[m.key]
        self.changed(by_user=False)
