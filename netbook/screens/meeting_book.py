"""The live meeting's side of the contact book: loading its names, writing confirmed mentions back.

Both run in worker threads (the UI thread never reads or rewrites the book); results come
back to the meeting screen with ``call_from_thread``. Writes from meeting screens happen one
at a time (one lock for the process).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from netbook.domain.mention_records import needs_records, persist_mentions
from netbook.domain.models import Mention, MentionKind

if TYPE_CHECKING:
    from netbook.screens.meeting import MeetingScreen

_book_lock = threading.Lock()  # contact-book writes from meeting screens happen one at a time


class MeetingBook:
    """The contact book as one meeting screen uses it: its names (loaded once) and the leads it writes."""

    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen
        self.people: list[str] = []
        self.orgs: list[str] = []
        self.loaded = False
        self.removed: list[Mention] = []  # stored leads whose entry went (removed, merged away, re-kinded)

    def load(self) -> None:
        """Every name and alias of the book, read in a worker; the screen re-detects when they arrive."""
        screen = self.screen
        store = screen.app.store

        def load() -> None:
            people = [n for c in store.contacts() for n in c.all_names()]
            orgs = [n for o in store.organizations() for n in o.all_names()]
            screen.app.call_from_thread(self._loaded, people, orgs)

        screen.run_worker(load, thread=True, group="book-load", exclusive=True)

    def _loaded(self, people: list[str], orgs: list[str]) -> None:
        self.people, self.orgs, self.loaded = people, orgs, True
        self.screen._known_changed()

    def forget_lead_if_kind_changes(self, entry: Mention, kind: MentionKind) -> None:
        if entry.kind is not kind and entry.kind is MentionKind.PERSON and entry.contact_id:
            self.removed.append(entry.model_copy())

    # ------------------------------------------------------------------ writing

    def pending(self) -> bool:
        """Confirmed entries not yet stored records, or stored leads to forget."""
        model = self.screen.model
        assert model is not None
        return needs_records(model.mentions) or bool(self.removed)

    def _job(self) -> tuple[list[Mention], list[Mention]]:
        model = self.screen.model
        assert model is not None
        entries = [m.model_copy(deep=True) for m in model.mentions]
        removed, self.removed = self.removed, []
        return entries, removed

    def _own(self) -> str | None:
        meeting = self.screen.meeting
        return meeting.contact_id if meeting else None

    def persist(self) -> None:
        """Write the confirmed entries to the book in a worker; they link to their records when it is done."""
        screen = self.screen
        if screen.app.store.read_only:
            return
        entries, removed = self._job()
        store, meeting_id, own = screen.app.store, screen.meeting_id, self._own()

        def work() -> None:
            try:
                with _book_lock:
                    ids = persist_mentions(store, entries, meeting_id=meeting_id, meeting_contact_id=own,
                                           removed=removed)
            except Exception as exc:  # noqa: BLE001
                screen.app.call_from_thread(screen._report, f"Could not update the contact book: {exc}")
                return
            screen.app.call_from_thread(self.apply_ids, ids)

        screen.run_worker(work, thread=True, group="book")

    def persist_now(self) -> None:
        """The same, on the calling (UI) thread: leaving, quitting."""
        entries, removed = self._job()
        with _book_lock:
            ids = persist_mentions(self.screen.app.store, entries, meeting_id=self.screen.meeting_id,
                                   meeting_contact_id=self._own(), removed=removed)
        self.apply_ids(ids, redraw=False)

    def apply_ids(self, ids: dict, *, redraw: bool = True) -> None:
        """Entries that are now stored records link to them and take their names ("tom" -> Tom Baker)."""
        screen = self.screen
        if screen.model is None:
            return
        changed = False
        for key, book in ids.items():
            changed = screen.model.link_record(key, book) or changed
        if changed and screen.session is not None:
            screen.session.changed(by_user=False)
            if redraw:
                screen._known_changed()
