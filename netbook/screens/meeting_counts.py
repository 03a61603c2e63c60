"""The mentions panel kept up to date in a live meeting: the note's mentions counted in a worker.

:class:`~netbook.domain.mention_counter.MentionCounter` is fed edit by edit by the note pad;
shortly after typing pauses (and when the known names change) a worker counts, one count
at a time, and the UI thread only merges the result into the entries (cost: the entries,
never the note) and hands the panel its rows. Once the contact book is loaded and counted
the heap is frozen (:mod:`netbook.heap_hold`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netbook.domain.meeting_mentions import Occurrence
from netbook.domain.mention_counter import MentionCounter
from netbook.widgets.mentions_panel import MentionsPanel, PanelRow
from netbook.widgets.note_pad import MAX_STYLED_LINE, make_tracker

if TYPE_CHECKING:
    from netbook.screens.meeting import MeetingScreen


class PanelCounts:
    """One meeting screen's counting: never a second count while one is pending."""

    def __init__(self, screen: MeetingScreen, people: list[str], orgs: list[str]) -> None:
        self.screen = screen
        self.counter = MentionCounter(make_tracker, (people, orgs), max_line=MAX_STYLED_LINE)
        self.counting = False  # a count is running in a worker
        self._again = False  # ...and the text or names changed since it started
        self._occurrences: list[Occurrence] = []

    def refresh(self) -> None:
        """Bring counts, first lines and suggestions up to date, in a worker (one at a time)."""
        screen = self.screen
        if screen.note_pad is None or screen.model is None:
            return
        if self.counting:
            self._again = True
            return
        self.counting = True
        counter = self.counter

        def count() -> None:
            result = counter.count()
            try:
                screen.app.call_from_thread(self._counted, *result)
            except RuntimeError:  # the app is closing
                pass

        screen.run_worker(count, thread=True, group="mention-count", exit_on_error=False)

    def _counted(self, occurrences: list[Occurrence], changed: bool) -> None:
        self.counting = False
        if changed:
            self._occurrences = occurrences
            self.sync()
        if self._again:
            self._again = False
            self.refresh()
        if self.screen.book.loaded and not self.counting and self.screen.app.screen is self.screen:
            self.screen.heap.freeze()  # loaded and on top: full GC passes while typing skip all of it

    def sync(self) -> None:
        """Merge the latest counts into the entries (cost: the entries, not the note) and show them."""
        screen = self.screen
        if screen.model is None or screen.session is None:
            return
        change = screen.model.sync(self._occurrences)
        if change.value == "entries":
            screen.session.changed(by_user=False)
            if screen.note_pad is not None:
                screen.note_pad.restyle()  # an entry confirmed or re-kinded: the visible lines show it
        elif change.value == "counts":
            # Counts, first lines and quotes are re-derived from the notes whenever the meeting
            # is opened: they ride along with the next change or the flush (leaving, quitting)
            # rather than costing a fresh copy of every mention at each typing pause.
            screen.session.counts_changed()
        self.show()

    def show(self) -> None:
        model, meeting = self.screen.model, self.screen.meeting
        assert model is not None and meeting is not None
        own = meeting.contact_id
        rows = [
            PanelRow(m.key, model.label(m), m.kind, m.status, m.count, m.first_line,
                     own=bool(m.contact_id and m.contact_id == own))
            for m in model.ordered()
        ]
        self.screen.query_one(MentionsPanel).show(rows)
