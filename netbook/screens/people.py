"""People (placeholder until its issue lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class PeopleScreen(Screen[None]):
    HELP_TITLE = "People"

    def __init__(self, *, contact_id: str | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("People")
        yield Footer()
