"""A past meeting's notes, read-only, with the cursor on one line (where a note search hit lands).

The summary an ended meeting opens on shows the outcomes, not the notes; this screen
shows the notes as typed (control characters made visible, one for one, so line and
column stay true), the cursor on the line asked for, scrolled into the middle. Enter
opens the meeting the usual way (``app.open_meeting_by_status``); Esc goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from netbook.domain.display_text import one_line, visible_text
from netbook.domain.models import Meeting


class MeetingNotesScreen(Screen[None]):
    HELP_TITLE = "Meeting notes"

    DEFAULT_CSS = """
    MeetingNotesScreen #meeting-notes-who { height: 1; padding: 0 1; background: $panel; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis; }
    MeetingNotesScreen #meeting-notes-text { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "open_meeting", "Open meeting", id="meeting_notes.open", priority=True),
        Binding("escape", "back", "Back", id="meeting_notes.back"),
    ]

    def __init__(self, meeting_id: str, line: int = 0, column: int = 0) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.line = line
        self.column = column

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("Loading…", id="meeting-notes-who", markup=False)
        notes = TextArea("", read_only=True, soft_wrap=True, id="meeting-notes-text")
        notes.cursor_blink = False
        yield notes
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Meeting notes"
        self.load()

    @work(thread=True, exclusive=True, group="meeting-notes")
    def load(self) -> None:
        app = self.app
        session = app.open_session(self.meeting_id)  # type: ignore[attr-defined]
        try:
            meeting = session.meeting if session is not None else app.store.load_meeting(self.meeting_id)  # type: ignore[attr-defined]
            notes = session.notes() if session is not None else meeting.notes
        except Exception as exc:  # noqa: BLE001 - one line naming the problem
            app.call_on_ui(app.say, f"Could not open the meeting: {exc}", severity="error")  # type: ignore[attr-defined]
            return
        contact = app.store.get_contact(meeting.contact_id)  # type: ignore[attr-defined]
        org = app.store.organization_name(contact)  # type: ignore[attr-defined]
        app.call_on_ui(self._show, meeting, contact.name if contact else "", org, notes)  # type: ignore[attr-defined]

    def _show(self, meeting: Meeting, who: str, org: str, notes: str) -> None:
        title = Text(f"Notes of the meeting with {one_line(who) or '?'}")
        if org:
            title.append(f" · {one_line(org)}", style="not bold")
        when = meeting.when()
        if when:
            title.append(f" · {when:%a %d %b %Y %H:%M}", style="not bold")
        self.query_one("#meeting-notes-who", Static).update(title)
        area = self.query_one("#meeting-notes-text", TextArea)
        area.load_text(visible_text(notes, keep_newlines=True))
        line = max(0, min(self.line, area.document.line_count - 1))
        column = max(0, min(self.column, len(area.document.get_line(line))))
        area.focus()
        area.move_cursor((line, column), center=True)
        self.call_after_refresh(area.scroll_cursor_visible, center=True, animate=False)

    def action_open_meeting(self) -> None:
        self.app.open_meeting_by_status(self.meeting_id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()
