"""Live meeting (placeholder until the live-meeting issue lands)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class MeetingScreen(Screen[None]):
    HELP_TITLE = "Live meeting"

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        meeting = self.app.store.load_meeting(self.meeting_id)
        contact = self.app.store.get_contact(meeting.contact_id)
        yield Header()
        yield Static(Text(f"Meeting with {contact.name if contact else '?'}"), id="meeting-title")
        yield Footer()
