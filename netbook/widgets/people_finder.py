"""People's left side: the Contacts / Organizations tabs, the search box, the match count and the list.

It holds the two search indexes and which kind is shown; :meth:`PeopleFinder.apply_search`
is the per-keystroke path (filter in memory, replace the list's rows, update the count).
The People screen reacts to the search box and the list's messages, which bubble up to it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from netbook.domain.contact_search import CONTACT, ORGANIZATION, SearchIndex
from netbook.widgets.people_list import PeopleList
from netbook.widgets.text_input import TextInput

PLACEHOLDERS = {CONTACT: "search contacts…", ORGANIZATION: "search organizations…"}


class PeopleFinder(Vertical):
    DEFAULT_CSS = """
    PeopleFinder #people-tabs { height: 1; padding: 0 1; }
    PeopleFinder #people-search { margin: 0 1; background: $boost; }
    PeopleFinder #people-count { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = CONTACT
        self.indexes: dict[str, SearchIndex] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="people-tabs")
        yield TextInput(placeholder=PLACEHOLDERS[CONTACT], id="people-search", compact=True)
        yield Static(id="people-count")
        yield PeopleList(id="people-list", empty_text="Loading…")

    @property
    def search_input(self) -> Input:
        return self.query_one("#people-search", Input)

    @property
    def people_list(self) -> PeopleList:
        return self.query_one("#people-list", PeopleList)

    def set_indexes(self, contacts: SearchIndex, organizations: SearchIndex, badges: dict[str, str]) -> None:
        self.indexes = {CONTACT: contacts, ORGANIZATION: organizations}
        self.people_list.badges = badges
        self.update_tabs()

    def apply_search(self, query: str, *, empty_hint: str) -> None:
        """Filter the current kind by ``query`` and show the matches (``empty_hint``: no contacts at all)."""
        index = self.indexes.get(self.kind)
        if index is None:
            return
        rows = index.search(query)
        people_list = self.people_list
        noun = "contacts" if self.kind == CONTACT else "organizations"
        if not len(index):
            if self.kind == CONTACT:
                people_list.empty_text = empty_hint
            else:
                people_list.empty_text = "No organizations yet: they come with contacts and meeting notes."
        else:
            people_list.empty_text = f"No {noun} match — ctrl+n adds a contact."
        people_list.set_rows(rows)
        count = f"{len(rows):,} of {len(index):,}" if query.strip() else f"{len(index):,} {noun}"
        self.query_one("#people-count", Static).update(count, layout=False)

    def set_kind(self, kind: str) -> None:
        """Show contacts or organizations (the caller searches again)."""
        self.kind = kind
        self.search_input.placeholder = PLACEHOLDERS[kind]
        self.update_tabs()

    def update_tabs(self) -> None:
        text = Text()
        for kind, label in ((CONTACT, "Contacts"), (ORGANIZATION, "Organizations")):
            index = self.indexes.get(kind)
            count = f" {len(index):,}" if index is not None else ""
            style = "bold reverse" if kind == self.kind else "dim"
            text.append(f" {label}{count} ", style=style)
            text.append(" ")
        text.append("ctrl+o", style="dim italic")
        self.query_one("#people-tabs", Static).update(text)
