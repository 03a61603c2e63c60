"""Live meeting: the question list beside a note pad that flags people and organizations.

Everything the user does here is one chord while the note pad keeps focus. The meeting
is the app's one :class:`~netbook.domain.meeting_session.MeetingSession` for it, shared with the closing
and summary screens; notes are handed to its debounced background saver on every change
(never a disk write per key). The mentions panel is refreshed shortly after typing pauses
by a worker that counts the note's mentions (:mod:`netbook.screens.meeting_counts`), so
however long the note the UI thread only merges the counts; the contact book is read and
written from worker threads (:mod:`netbook.screens.meeting_book`); what ctrl+t and the
panel's keys do is :mod:`netbook.screens.meeting_tagging`.
"""

from __future__ import annotations


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
from netbook.domain.closing_checklist import open_asks_count
from netbook.domain.models import Meeting, MentionKind, QuestionStatus
from netbook.domain.meeting_session import MeetingSession
from netbook.domain.meeting_mentions import MeetingMentions
from netbook.domain.tagging import same_person_offer
from netbook.widgets.current_question import CurrentQuestion
from netbook.widgets.mentions_panel import MentionsPanel
from netbook.widgets.meeting_clock import MeetingClock
from netbook.widgets.note_pad import NotePad, make_tracker
from netbook.widgets.question_list import QuestionList
from netbook.heap_hold import HeapHold
from netbook.screens.meeting_book import MeetingBook
from netbook.screens.meeting_counts import PanelCounts
from netbook.screens.meeting_tagging import EMPTY, NO_NAME, act_on_entry, mention_style, tag_in_pad

PANEL_REFRESH_SECONDS = 0.3  # the mentions panel catches up this long after typing pauses
NARROW_WIDTH = 110

def read_only_notice(pid: str | None) -> str:
    return f"read-only: open in another netbook{f' (pid {pid})' if pid else ''}"


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
        self.book = MeetingBook(self)  # its names (loaded in a worker) and the leads written back
        self._panel_timer: Timer | None = None
        self.counts: PanelCounts | None = None  # made in compose, with the names known then
        self._errors_shown: set[str] = set()
        self._shown = False
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
        self.counts = PanelCounts(self, people, orgs)
        self.note_pad = NotePad(meeting.notes, tracker=tracker, known=(people, orgs), styler=self._style_mention,
                                mirrors=[self.counts.counter], id="notes")
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
        self.book.load()
        if self.book.pending():
            self.book.persist()

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

    def _known(self) -> tuple[list[str], list[str]]:
        assert self.model is not None
        people, orgs = self.model.known_names()
        return [*self.book.people, *people], [*self.book.orgs, *orgs]

    def _known_changed(self) -> None:
        if self.note_pad is None:
            return
        people, orgs = self._known()
        self.note_pad.set_known(people, orgs)
        self._refresh_mentions()

    def _style_mention(self, mention: object) -> str | None:
        assert self.model is not None
        return mention_style(self.model, mention)

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
        return self.counts is not None and self.counts.counting

    def _refresh_mentions(self) -> None:
        if self.counts is not None:
            self.counts.refresh()

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
            if not self.app.store.read_only and self.book.pending():
                self.book.persist_now()
        finally:
            self.session.flush()

    def on_unmount(self) -> None:
        try:
            self.flush()
        except Exception:  # noqa: BLE001 - already reported by the saver
            pass
        self.app.unregister_saver(self._saver_key)
        self.heap.close()
        if self.session is not None:
            self.session.detach_notes()
            self.app.release_session(self.session)

    # ------------------------------------------------------------------ tagging

    def action_tag(self, kind_name: str) -> None:
        pad, model = self.note_pad, self.model
        assert pad is not None and model is not None
        entry = tag_in_pad(pad, model, MentionKind(kind_name), self.book)
        if entry in (NO_NAME, EMPTY):
            self.app.bell()
            if entry == NO_NAME:
                what = "person" if kind_name == "person" else "organization"
                self.app.say(f"No name at the cursor: select the {what}'s name, then press the key again.",
                             timeout=4)
            return
        assert not isinstance(entry, str)
        self._user_changed(select=entry.key)
        same = same_person_offer(model.mentions, entry) if entry.kind is MentionKind.PERSON else None
        self.query_one(MentionsPanel).offer_merge(entry.key, same.key if same is not None else None)

    def _user_changed(self, *, select: str | None = None) -> None:
        assert self.meeting is not None and self.model is not None
        self.meeting.dismissed_mentions = sorted(self.model.dismissed)
        self.counts.sync()  # type: ignore[union-attr]  # the user's decision shows at once; the recount follows
        self._known_changed()  # restyles and recounts
        if select:
            self.query_one(MentionsPanel).select_key(select)
        self._state_changed()
        self.book.persist()

    @on(MentionsPanel.Act)
    def _panel_action(self, event: MentionsPanel.Act) -> None:
        model = self.model
        assert model is not None
        if event.action == "leave":
            self.note_pad.focus()  # type: ignore[union-attr]
            return
        outcome, select = act_on_entry(model, self.book, event.action, event.key or "", event.target)
        if outcome == "refused":
            self.app.bell()
        if outcome == "done":
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
        if not self.meeting.questions:
            self.app.bell()
            return
        meeting_rules.set_current_question(self.meeting, index)
        self._show_questions()
        self._state_changed()

    def _mark(self, status: QuestionStatus) -> None:
        assert self.meeting is not None
        if not self.meeting.questions:
            self.app.bell()
            return
        meeting_rules.mark_current_question(self.meeting, status)
        self._show_questions()
        self._state_changed()

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
            self._set_current(meeting_rules.next_pending_question(self.meeting.questions, self.meeting.current_question))

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
        assert self.meeting is not None
        return open_asks_count(self.meeting, self._contact_name or None)

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
        if self.book.pending():
            self.book.persist()
        pad.focus()
