"""Live meeting: the question list beside a note pad that flags people and organizations.

Everything the user does here is one chord while the note pad keeps focus. The meeting
is the app's one :class:`~netbook.domain.meeting_session.MeetingSession` for it, shared with the closing
and summary screens; notes are handed to its debounced background saver on every change
(never a disk write per key). The mentions panel is refreshed shortly after typing pauses
by a worker that counts the note's mentions (:class:`MentionCounter`, fed edit by edit),
so however long the note the UI thread only merges the counts; the contact book is
written from a worker thread.
"""

from __future__ import annotations

import threading
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.events import Key, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from netbook.domain import meeting_lifecycle as meeting_rules
from netbook.storage.autosave import DebouncedSaver
from netbook.domain.display_text import visible_text
from netbook.domain.models import (
    AskStatus,
    Meeting,
    Mention,
    MentionKind,
    MentionStatus,
    QuestionStatus,
)
from netbook.domain.meeting_session import MeetingSession
from netbook.domain.meeting_mentions import MeetingMentions, Occurrence
from netbook.domain.mention_counter import QUOTE_MAX, MentionCounter
from netbook.domain.mention_records import persist_mentions
from netbook.domain.tagging import name_span_at, org_link_in_line, same_person_offer
from netbook.widgets.current_question import CurrentQuestion
from netbook.widgets.mentions_panel import MentionsPanel, PanelRow
from netbook.widgets.meeting_clock import MeetingClock
from netbook.widgets.note_pad import (
    MAX_STYLED_LINE,
    ORGANIZATION,
    ORGANIZATION_SUGGESTED,
    PERSON,
    PERSON_SUGGESTED,
    NotePad,
    make_tracker,
)
from netbook.widgets.question_list import QuestionList
from netbook.screens.heap_hold import HeapHold

PANEL_REFRESH_SECONDS = 0.3  # the mentions panel catches up this long after typing pauses
NARROW_WIDTH = 110
STANDING_ASKS = 5

_book_lock = threading.Lock()  # contact-book writes from this screen happen one at a time


def read_only_notice(pid: str | None) -> str:
    return f"read-only: open in another netbook{f' (pid {pid})' if pid else ''}"


def _source_is_suggested(mention: Any) -> bool:
    source = getattr(mention, "source", "known")
    return getattr(source, "value", source) == "suggested"


class MeetingScreen(Screen[None]):
    HELP_TITLE = "Live meeting"

    DEFAULT_CSS = """
    MeetingScreen { layout: vertical; }
    MeetingScreen #meeting-top { height: 1; background: $panel; }
    MeetingScreen #meeting-who { width: 1fr; padding: 0 1; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    MeetingScreen #meeting-read-only { width: auto; padding: 0 1; background: $error; color: $text; text-style: bold; }
    MeetingScreen #meeting-body {
        height: 1fr; layout: grid; grid-size: 3 1; grid-columns: 36 1fr 34;
    }
    MeetingScreen #current-question { display: none; }
    MeetingScreen.-narrow #current-question { display: block; }
    MeetingScreen #meeting-body.-narrow { grid-size: 2 2; grid-columns: 30 1fr; grid-rows: 1fr 1fr; }
    MeetingScreen #meeting-body.-narrow NotePad { row-span: 2; }
    MeetingScreen QuestionList, MeetingScreen MentionsPanel, MeetingScreen NotePad { height: 1fr; }
    """

    # The footer shows what a meeting exists for (tag, next question, closing, end, F1);
    # everything else is listed by F1. One label per action: F1 joins the keys that share it.
    BINDINGS = [
        Binding("ctrl+t", "tag('person')", "Tag person", id="meeting.tag_person"),
        Binding("ctrl+o", "tag('organization')", "Tag org", id="meeting.tag_organization"),
        Binding("ctrl+n", "question_asked", "Asked→next", id="meeting.question_asked"),
        Binding("ctrl+l", "closing", "Closing", id="meeting.closing"),
        Binding("ctrl+g", "end_meeting", "End", id="meeting.end"),
        Binding("ctrl+s", "question_skip", "Skip question", id="meeting.question_skip", show=False),
        Binding("ctrl+b", "question_move(-1)", "Previous question", id="meeting.question_back", show=False),
        Binding("ctrl+up", "question_move(-1)", "Previous question", id="meeting.question_up", show=False),
        Binding("ctrl+down", "question_move(1)", "Next question (not marked)", id="meeting.question_down", show=False),
        Binding("f3", "question_pending", "Next unasked question", id="meeting.question_pending", show=False),
        Binding("ctrl+r", "timestamp", "Insert elapsed time", id="meeting.timestamp", show=False),
        Binding("f2", "timestamp", "Insert elapsed time", id="meeting.timestamp_f2", show=False),
        Binding("f4", "toggle_panel", "Mentions panel", id="meeting.mentions", show=False),
        Binding("f5", "mark_line", "Mark line for the thank-you", id="meeting.mark_line", show=False),
    ]

    def __init__(self, meeting_id: str, *, line: int | None = None, session: MeetingSession | None = None) -> None:
        """``session``: a hold on the meeting's session already taken (app.open_meeting checks it loads first)."""
        super().__init__()
        self.meeting_id = meeting_id
        self._start_line = line  # where the cursor starts (a note search hit); None: the end of the notes
        self.session: MeetingSession | None = session
        self.note_pad: NotePad | None = None
        self._asks_count: tuple[int, int] | None = None
        self._read_only_said = False
        self._contact_name = ""
        self._book_people: list[str] = []
        self._book_orgs: list[str] = []
        self._panel_timer: Timer | None = None
        self._counter: MentionCounter | None = None
        self._counting = False  # a count is running in a worker
        self._count_again = False  # ...and the text or names changed since it started
        self._occurrences: list[Occurrence] = []
        self._seen_lines_changed = -1
        self._removed: list[Mention] = []
        self._errors_shown: set[str] = set()
        self._shown = False
        self._book_loaded = False
        self.heap = HeapHold()  # frozen once the book is loaded and counted; released when covered or gone

    # ------------------------------------------------------------------ building

    @property
    def _saver_key(self) -> str:
        return f"meeting-book:{self.meeting_id}"

    @property
    def meeting(self) -> Meeting | None:
        return self.session.meeting if self.session is not None else None

    @property
    def model(self) -> MeetingMentions | None:
        return self.session.mentions if self.session is not None else None

    @property
    def saver(self) -> DebouncedSaver | None:
        return self.session.saver if self.session is not None else None

    def compose(self) -> ComposeResult:
        app = self.app
        if self.session is None:
            self.session = app.session_for(self.meeting_id)
        meeting = self.session.meeting
        contact = app.store.get_contact(meeting.contact_id)
        self._contact_name = contact.name if contact else ""
        people, orgs = self._known()
        tracker = make_tracker(people, orgs)
        self._counter = MentionCounter(make_tracker, (people, orgs), max_line=MAX_STYLED_LINE)
        self.note_pad = NotePad(meeting.notes, tracker=tracker, known=(people, orgs), styler=self._style_mention,
                                mirrors=[self._counter], id="notes")
        if app.is_headless:
            self.note_pad.cursor_blink = False
        if app.store.read_only:
            # Another netbook writes this data dir: typing here could never be saved, so it is not offered.
            self.note_pad.read_only = True
        who = Text(f"Meeting with {visible_text(self._contact_name) or '?'}")
        details = [d for d in ((contact.role if contact else ""), app.store.organization_name(contact)) if d]
        if details:
            who.append(" — " + visible_text(", ".join(details)), style="not bold")
        with Horizontal(id="meeting-top"):
            yield Static(who, id="meeting-who", markup=False)
            if app.store.read_only:
                yield Static(read_only_notice(app.store.locked_by), id="meeting-read-only", markup=False)
            yield MeetingClock(id="meeting-clock")
        yield CurrentQuestion(id="current-question")
        with Container(id="meeting-body"):
            yield QuestionList(id="questions")
            yield self.note_pad
            yield MentionsPanel(id="mentions")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p still works; F1 lists it

    def on_mount(self) -> None:
        pad = self.note_pad
        assert pad is not None and self.session is not None
        self.session.attach_notes(lambda: pad.text)
        self.session.start(self.app.clock.now())
        self.app.register_saver(self._saver_key, self.flush)
        if self._start_line is None:
            last = pad.document.line_count - 1
            pad.move_cursor((last, len(pad.document.get_line(last))))
        else:
            self.go_to_line(self._start_line)
        pad.focus()
        self._show_questions()
        self._refresh_mentions()
        self.update_clock()
        self.set_interval(1.0, self.update_clock)
        self._set_narrow(self.size.width)
        self._load_book()
        if self._book_pending():
            self._persist_book()

    # ------------------------------------------------------------------ read-only (another netbook writes)

    EDITING_ACTIONS = frozenset({"tag", "question_asked", "question_skip", "question_move", "question_pending",
                                 "timestamp", "end_meeting", "mark_line"})
    QUIET_KEYS = frozenset({"f1", "f4", "ctrl+l", "ctrl+p", "ctrl+q", "tab", "shift+tab", "escape", "up", "down",
                            "left", "right", "pageup", "pagedown", "home", "end"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.EDITING_ACTIONS and self.app.store.read_only:
            return False  # hidden from the footer: nothing done here could be saved
        return True

    def on_key(self, event: Key) -> None:
        """A read-only copy says why, once, when the user first tries to write."""
        if not self.app.store.read_only or self._read_only_said or event.key in self.QUIET_KEYS:
            return
        self._read_only_said = True
        self.app.say(f"This meeting is {read_only_notice(self.app.store.locked_by)}: nothing typed here is "
                     "saved. Close the other netbook, then open the meeting again.",
                     severity="warning", timeout=8)

    def on_resize(self, event: Resize) -> None:
        self._set_narrow(event.size.width)

    def _set_narrow(self, width: int) -> None:
        narrow = 0 < width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        self.query_one("#meeting-body").set_class(narrow, "-narrow")
        self.query_one(QuestionList).set_class(narrow, "-compact")

    # ------------------------------------------------------------------ known names

    def _load_book(self) -> None:
        store = self.app.store

        def load() -> None:
            people = [n for c in store.contacts() for n in c.all_names()]
            orgs = [n for o in store.organizations() for n in o.all_names()]
            self.app.call_from_thread(self._set_book, people, orgs)

        self.run_worker(load, thread=True, group="book-load", exclusive=True)

    def _set_book(self, people: list[str], orgs: list[str]) -> None:
        self._book_people, self._book_orgs = people, orgs
        self._book_loaded = True
        self._known_changed()

    def _known(self) -> tuple[list[str], list[str]]:
        assert self.model is not None
        people, orgs = self.model.known_names()
        return [*self._book_people, *people], [*self._book_orgs, *orgs]

    def _known_changed(self) -> None:
        if self.note_pad is None:
            return
        people, orgs = self._known()
        self.note_pad.set_known(people, orgs)
        self._refresh_mentions()

    def _style_mention(self, mention: Any) -> str | None:
        assert self.model is not None
        style = self.model.style_for(mention.key, mention.text, mention.kind,
                                     _source_is_suggested(mention))
        if style is None:
            return None
        kind, confirmed = style
        if kind is MentionKind.PERSON:
            return PERSON if confirmed else PERSON_SUGGESTED
        return ORGANIZATION if confirmed else ORGANIZATION_SUGGESTED

    # ------------------------------------------------------------------ typing

    def on_note_pad_redetected(self, event: NotePad.Redetected) -> None:
        self._refresh_mentions()

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self._submit()
        if self._panel_timer is not None:
            self._panel_timer.stop()
        self._panel_timer = self.set_timer(PANEL_REFRESH_SECONDS, self._refresh_mentions)

    @property
    def counting(self) -> bool:
        """True while the panel's counts are being brought up to date in a worker."""
        return self._counting

    def _refresh_mentions(self) -> None:
        """Bring counts, first lines and suggestions up to date, in a worker (one at a time)."""
        if self.note_pad is None or self.model is None or self._counter is None:
            return
        if self._counting:
            self._count_again = True  # never a second count while one is pending
            return
        self._counting = True
        counter = self._counter

        def count() -> None:
            result = counter.count()
            try:
                self.app.call_from_thread(self._counted, *result)
            except RuntimeError:  # the app is closing
                pass

        self.run_worker(count, thread=True, group="mention-count", exit_on_error=False)

    def _counted(self, occurrences: list[Occurrence], changed: bool) -> None:
        self._counting = False
        if changed:
            self._occurrences = occurrences
            self._sync_panel()
        if self._count_again:
            self._count_again = False
            self._refresh_mentions()
        if self._book_loaded and not self._counting and self.app.screen is self:
            self.heap.freeze()  # loaded and on top: full GC passes while typing skip all of it

    def _sync_panel(self) -> None:
        """Merge the latest counts into the entries (cost: the entries, not the note) and show them."""
        if self.model is None or self.session is None:
            return
        change = self.model.sync(self._occurrences)
        if change.value == "entries":
            self.session.changed(by_user=False)
            if self.note_pad is not None:
                self.note_pad.restyle()  # an entry confirmed or re-kinded: the visible lines show it
        elif change.value == "counts":
            # Counts, first lines and quotes are re-derived from the notes whenever the meeting
            # is opened: they ride along with the next change or the flush (leaving, quitting)
            # rather than costing a fresh copy of every mention at each typing pause.
            self.session.counts_changed()
        self._show_mentions()

    def _show_mentions(self) -> None:
        assert self.model is not None and self.meeting is not None
        own = self.meeting.contact_id
        rows = [
            PanelRow(m.key, self.model.label(m), m.kind, m.status, m.count, m.first_line,
                     own=bool(m.contact_id and m.contact_id == own))
            for m in self.model.ordered()
        ]
        self.query_one(MentionsPanel).show(rows)

    # ------------------------------------------------------------------ saving

    def _state_changed(self) -> None:
        """Questions, mentions or status changed: the next snapshot carries a fresh copy."""
        if self.session is not None:
            self.session.changed()

    def _submit(self) -> None:
        if self.session is not None:
            self.session.submit()

    def _report(self, message: str) -> None:
        if message not in self._errors_shown:
            self._errors_shown.add(message)
            self.app.say(message, severity="error", timeout=10)

    def flush(self) -> None:
        """Write everything now (quit, signals, leaving the screen). Called on the UI thread."""
        if self.session is None or self.note_pad is None:
            return
        try:
            if not self.app.store.read_only and self._book_pending():
                self._persist_now()
        finally:
            self.session.flush()

    def on_unmount(self) -> None:
        try:
            self.flush()
        except Exception:  # noqa: BLE001 - already reported by the saver
            pass
        self.app.unregister_saver(self._saver_key)
        self.heap.release()
        if self.session is not None:
            self.session.detach_notes()
            self.app.release_session(self.session)

    # ------------------------------------------------------------------ contact book

    def _book_pending(self) -> bool:
        assert self.model is not None
        for m in self.model.mentions:
            if m.status is not MentionStatus.CONFIRMED:
                continue
            if m.kind is MentionKind.PERSON and not m.contact_id:
                return True
            if m.kind is MentionKind.ORGANIZATION and not m.organization_id:
                return True
        return bool(self._removed)

    def _book_job(self) -> tuple[list[Mention], list[Mention]]:
        assert self.model is not None
        entries = [m.model_copy(deep=True) for m in self.model.mentions]
        removed, self._removed = self._removed, []
        return entries, removed

    def _persist_book(self) -> None:
        if self.app.store.read_only:
            return
        entries, removed = self._book_job()
        store, meeting_id, own = self.app.store, self.meeting_id, self.meeting.contact_id if self.meeting else None

        def work() -> None:
            try:
                with _book_lock:
                    ids = persist_mentions(store, entries, meeting_id=meeting_id, meeting_contact_id=own,
                                           removed=removed)
            except Exception as exc:  # noqa: BLE001
                self.app.call_from_thread(self._report, f"Could not update the contact book: {exc}")
                return
            self.app.call_from_thread(self._apply_book_ids, ids)

        self.run_worker(work, thread=True, group="book")

    def _persist_now(self) -> None:
        entries, removed = self._book_job()
        with _book_lock:
            ids = persist_mentions(self.app.store, entries, meeting_id=self.meeting_id,
                                   meeting_contact_id=self.meeting.contact_id if self.meeting else None,
                                   removed=removed)
        self._apply_book_ids(ids, redraw=False)

    def _apply_book_ids(self, ids: dict, *, redraw: bool = True) -> None:
        """Entries that are now stored records link to them and take their names ("tom" -> Tom Baker)."""
        if self.model is None:
            return
        changed = False
        for key, book in ids.items():
            changed = self.model.link_record(key, book) or changed
        if changed and self.session is not None:
            self.session.changed(by_user=False)
            if redraw:
                self._known_changed()

    # ------------------------------------------------------------------ tagging

    def action_tag(self, kind_name: str) -> None:
        pad, model = self.note_pad, self.model
        assert pad is not None and model is not None
        kind = MentionKind(kind_name)
        selection = pad.selection
        row, col = selection.end
        start_loc, end_loc = sorted((selection.start, selection.end))
        span: tuple[int, int] | None = None
        name = ""
        entry = None
        if selection.start != selection.end:
            row = start_loc[0]
            line = pad.document.get_line(row)
            if end_loc[0] == row:
                span = (start_loc[1], end_loc[1])
                name = line[span[0]:span[1]]
            else:
                span = (start_loc[1], len(line))
                name = line[start_loc[1]:]
            lead = len(name) - len(name.lstrip())
            name = name.strip().rstrip(",;:")
            span = (span[0] + lead, span[0] + lead + len(name))
        else:
            line = pad.document.get_line(row)
            span = name_span_at(line, col, kind)
            hit = pad.mention_at(row, col)
            if hit is not None and (span is None or (hit.start <= span[0] and span[1] <= hit.end)):
                # the flagged mention under the cursor: confirm it (as this kind)
                span = (hit.start, hit.end)
                existing = model.get(model.resolve(hit.key, hit.text))
                if existing is not None and model.get(hit.text) is not existing:
                    existing = None  # the detector's guess ("Sue" is Susan Smith): tag what was typed, offer the merge
                if existing is not None:
                    self._forget_lead_if_kind_changes(existing, kind)
                    entry = model.confirm(existing.key, kind)
                else:
                    name = hit.text
            elif span is not None:
                name = line[span[0]:span[1]]
            else:
                what = "person" if kind is MentionKind.PERSON else "organization"
                self.app.bell()
                self.app.say(f"No name at the cursor: select the {what}'s name, then press the key again.",
                            timeout=4)
                return
        if entry is None:
            if not name.strip():
                self.app.bell()
                return
            existing = model.get(name)
            if existing is not None:
                self._forget_lead_if_kind_changes(existing, kind)
            entry = model.tag(name, kind, line=row, quote=line.strip()[:QUOTE_MAX])
        if kind is MentionKind.PERSON and span is not None:
            link = org_link_in_line(line, span[1])
            if link is not None:
                org_name = line[link.start:link.end]
                org = model.get(org_name)
                if link.strong or (org is not None and org.kind is MentionKind.ORGANIZATION):
                    model.link_by_name(entry.key, org_name, line=row, quote=line.strip()[:QUOTE_MAX])
        self._user_changed(select=entry.key)
        same = same_person_offer(model.mentions, entry) if entry.kind is MentionKind.PERSON else None
        self.query_one(MentionsPanel).offer_merge(entry.key, same.key if same is not None else None)

    def _forget_lead_if_kind_changes(self, entry: Mention, kind: MentionKind) -> None:
        if entry.kind is not kind and entry.kind is MentionKind.PERSON and entry.contact_id:
            self._removed.append(entry.model_copy())

    def _user_changed(self, *, select: str | None = None) -> None:
        assert self.meeting is not None and self.model is not None
        self.meeting.dismissed_mentions = sorted(self.model.dismissed)
        self._sync_panel()  # the user's decision shows at once; the recount follows
        self._known_changed()  # restyles and recounts
        if select:
            self.query_one(MentionsPanel).select_key(select)
        self._state_changed()
        self._persist_book()

    @on(MentionsPanel.Act)
    def _panel_action(self, event: MentionsPanel.Act) -> None:
        model = self.model
        assert model is not None
        if event.action == "leave":
            self.note_pad.focus()  # type: ignore[union-attr]
            return
        key = event.key or ""
        entry = model.get(key)
        if entry is None:
            return
        select = entry.key
        if event.action == "confirm":
            model.confirm(key)
        elif event.action in ("person", "organization"):
            kind = MentionKind(event.action)
            self._forget_lead_if_kind_changes(entry, kind)
            model.change_kind(key, kind)
        elif event.action == "link" and event.target:
            if model.link(key, event.target) is None:
                self.app.bell()
                return
        elif event.action == "unlink":
            model.link(key, None)
        elif event.action == "merge" and event.target:
            source = entry.model_copy()
            merged = model.merge(key, event.target)
            if merged is None:
                return
            if source.contact_id and source.contact_id != merged.contact_id:
                self._removed.append(source)
            select = merged.key
        elif event.action == "remove":
            removed = model.remove(key)
            if removed is not None and removed.contact_id:
                self._removed.append(removed)
            select = None
        else:
            return
        self._user_changed(select=select)

    def action_toggle_panel(self) -> None:
        panel = self.query_one(MentionsPanel)
        if panel.has_focus:
            self.note_pad.focus()  # type: ignore[union-attr]
        else:
            panel.focus()

    # ------------------------------------------------------------------ questions

    def _show_questions(self) -> None:
        assert self.meeting is not None
        self.query_one(QuestionList).show(self.meeting.questions, self.meeting.current_question)
        self.query_one(CurrentQuestion).show(self.meeting.questions, self.meeting.current_question)

    def _set_current(self, index: int) -> None:
        assert self.meeting is not None
        questions = self.meeting.questions
        if not questions:
            self.app.bell()
            return
        self.meeting.current_question = max(0, min(index, len(questions) - 1))
        self._show_questions()
        self._state_changed()

    def _next_pending(self, after: int) -> int:
        assert self.meeting is not None
        questions = self.meeting.questions
        n = len(questions)
        for step in range(1, n + 1):
            i = (after + step) % n
            if questions[i].status is QuestionStatus.PENDING:
                return i
        return min(after + 1, n - 1)

    def _mark(self, status: QuestionStatus) -> None:
        assert self.meeting is not None
        questions = self.meeting.questions
        if not questions:
            self.app.bell()
            return
        current = max(0, min(self.meeting.current_question, len(questions) - 1))
        questions[current].status = status
        self._set_current(self._next_pending(current))

    def action_question_asked(self) -> None:
        self._mark(QuestionStatus.ASKED)

    def action_question_skip(self) -> None:
        self._mark(QuestionStatus.SKIPPED)

    def action_question_move(self, delta: int) -> None:
        assert self.meeting is not None
        self._set_current(self.meeting.current_question + delta)

    def action_question_pending(self) -> None:
        assert self.meeting is not None
        if self.meeting.questions:
            self._set_current(self._next_pending(self.meeting.current_question))

    @on(QuestionList.Jump)
    def _jump(self, event: QuestionList.Jump) -> None:
        self._set_current(event.index)
        self.note_pad.focus()  # type: ignore[union-attr]

    # ------------------------------------------------------------------ clock

    def elapsed(self) -> int:
        assert self.meeting is not None
        return meeting_rules.elapsed_seconds(self.meeting, self.app.clock.now())

    def update_clock(self) -> None:
        if self.meeting is None:
            return
        notice = meeting_rules.closing_notice_seconds(self.meeting.planned_minutes,
                                                      self.app.config.closing_notice_minutes)
        elapsed = self.elapsed()
        clock = self.query_one(MeetingClock)
        phase = clock.phase_of(elapsed, self.meeting.planned_minutes, notice)
        asks = self._open_asks_cached() if phase != "running" else None
        clock.show(elapsed, self.meeting.planned_minutes, notice, asks, closing_key=self._key_for("closing"))

    def _key_for(self, action: str) -> str:
        for active in self.active_bindings.values():
            if active.binding.action == action:
                return self.app.get_key_display(active.binding)
        return action

    def _open_asks_cached(self) -> int:
        """Counted once per change of the meeting, not on every tick of the clock."""
        version = self.session.version if self.session is not None else 0
        if self._asks_count is None or self._asks_count[0] != version:
            self._asks_count = (version, self.open_asks())
        return self._asks_count[1]

    def open_asks(self) -> int:
        assert self.meeting is not None and self.model is not None
        meeting = self.meeting
        if meeting.asks:
            return sum(1 for a in meeting.asks if a.status is AskStatus.OPEN)
        try:
            from netbook.domain.closing_checklist import build_checklist

            meeting = meeting.model_copy(update={"notes": ""})
            asks = build_checklist(meeting, contact_name=self._contact_name or None)
            return sum(1 for a in asks if a.status is AskStatus.OPEN)
        except Exception:  # noqa: BLE001 - the checklist module is not there (yet) or failed
            own = meeting.contact_id
            confirmed = [m for m in self.model.mentions if m.status is MentionStatus.CONFIRMED]
            people = [m for m in confirmed if m.kind is MentionKind.PERSON and m.contact_id != own]
            linked = {m.organization_key for m in people if m.organization_key}
            orgs = [m for m in confirmed if m.kind is MentionKind.ORGANIZATION and m.key not in linked]
            return len(people) * 4 + len(orgs) + STANDING_ASKS

    def action_timestamp(self) -> None:
        pad = self.note_pad
        assert pad is not None
        stamp = f"[{meeting_rules.format_elapsed(self.elapsed())}] "
        row, col = pad.cursor_location
        if col > 0 and not pad.document.get_line(row)[col - 1].isspace():
            stamp = " " + stamp
        pad.replace(stamp, *pad.selection)

    def action_mark_line(self) -> None:
        """Mark (or unmark) the cursor's line: the thank-you names the marked lines (netbook.domain.note_marks)."""
        pad = self.note_pad
        assert pad is not None
        pad.toggle_mark()

    # ------------------------------------------------------------------ leaving and coming back

    def _leave(self) -> None:
        """The closing and summary screens edit the same session; write now so a crash loses nothing."""
        try:
            self.flush()
        except Exception as exc:  # noqa: BLE001
            self._report(f"Could not save the meeting: {exc}")

    def action_closing(self) -> None:
        self._leave()
        self.app.open_closing(self.meeting_id)

    def action_end_meeting(self) -> None:
        """Ends the meeting; one that has barely begun (a double ctrl+g from Prepare) asks first."""
        assert self.meeting is not None and self.note_pad is not None
        from netbook.screens.confirm_end import ConfirmEndScreen, needs_confirmation

        if needs_confirmation(self.elapsed(), self.note_pad.text):
            who = visible_text(self._contact_name)
            self.app.push_screen(ConfirmEndScreen(who, self.elapsed(), self.note_pad.text),
                                 lambda end: self._end_now() if end else None)
            return
        self._end_now()

    def _end_now(self) -> None:
        assert self.session is not None
        self.session.end(self.app.clock.now())
        self._leave()
        self.app.open_summary(self.meeting_id)

    def go_to_line(self, line: int) -> None:
        """The cursor at the start of note line ``line`` (clamped), scrolled to the middle."""
        pad = self.note_pad
        if pad is None:
            return
        line = max(0, min(line, pad.document.line_count - 1))
        pad.move_cursor((line, 0), center=True)
        pad.focus()

    def on_screen_suspend(self) -> None:
        self.heap.release()  # closing or summary on top: frozen again after the recount on coming back

    def on_screen_resume(self) -> None:
        """Back from the closing checklist or a reopened summary: show what they changed (same session)."""
        meeting, pad = self.meeting, self.note_pad
        if meeting is None or pad is None:
            return
        if not self._shown:  # the first show: on_mount has done all this
            self._shown = True
            return
        self._show_questions()
        self._known_changed()
        self.update_clock()
        if self._book_pending():
            self._persist_book()
        pad.focus()
