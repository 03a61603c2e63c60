"""Home: where netbook opens (placeholder until the home-screen issue lands)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class HomeScreen(Screen[None]):
    HELP_TITLE = "Home"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"netbook — data in {self.app.store.root}"), id="home-data-dir")
        yield Footer()
