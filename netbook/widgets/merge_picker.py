"""Pick the duplicate to fold into the record you are looking at, then confirm."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from netbook.domain.contact_search import CONTACT, SearchEntry, SearchIndex, likely_duplicates
from netbook.domain.display_text import visible_text
from netbook.widgets.people_list import PeopleList
from netbook.widgets.text_input import TextInput


class MergePicker(Vertical, can_focus=True):
    """Stage 1: search and pick the duplicate. Stage 2: enter (or y) merges, esc goes back."""

    DEFAULT_CSS = """
    MergePicker { padding: 0 1; }
    MergePicker > #merge-title { margin-bottom: 1; }
    MergePicker > #merge-search { background: $boost; margin-bottom: 1; }
    MergePicker > #merge-list { height: 1fr; }
    MergePicker > #merge-confirm { display: none; border: round $warning; padding: 0 1; height: auto; }
    MergePicker.-confirming > #merge-confirm { display: block; }
    MergePicker.-confirming > #merge-search, MergePicker.-confirming > #merge-list { display: none; }
    """
    BINDINGS = [
        Binding("enter,y", "confirm", "Merge", id="merge.confirm"),
        Binding("n", "back", "Back", id="merge.back", show=False),
    ]

    class Confirmed(Message):
        def __init__(self, kind: str, keep_id: str, drop_id: str) -> None:
            super().__init__()
            self.kind = kind
            self.keep_id = keep_id
            self.drop_id = drop_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keep: SearchEntry | None = None
        self.drop: SearchEntry | None = None
        self._index: SearchIndex | None = None
        self._suggested: list[SearchEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(id="merge-title")
        yield TextInput(placeholder="search for the duplicate…", id="merge-search", compact=True)
        yield PeopleList(id="merge-list", empty_text="No match.")
        yield Static(id="merge-confirm")

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False

    @property
    def confirming(self) -> bool:
        return self.has_class("-confirming")

    def start(self, keep: SearchEntry, index: SearchIndex) -> None:
        self.keep, self.drop, self._index = keep, None, index
        self.remove_class("-confirming")
        noun = "contact" if keep.kind == CONTACT else "organization"
        title = Text()
        title.append("Merge a duplicate into ", style="bold")
        title.append(visible_text(keep.name), style="bold")
        title.append(
            f"\nPick the other {noun}: its meetings, mentions, "
            f"{'referrals' if keep.kind == CONTACT else 'people'} and notes move to "
        )
        title.append(visible_text(keep.name))
        title.append(" and its name becomes an alias. Likely duplicates come first.", style="")
        self.query_one("#merge-title", Static).update(title)
        self._suggested = likely_duplicates(keep, index)
        search = self.query_one("#merge-search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self._fill("")
        search.focus()

    def _fill(self, query: str) -> None:
        assert self._index is not None and self.keep is not None
        keep_id = self.keep.id
        if query.strip():
            rows = [e for e in self._index.search(query) if e.id != keep_id]
        else:
            first = {e.id for e in self._suggested}
            rows = [*self._suggested, *(e for e in self._index.entries if e.id != keep_id and e.id not in first)]
        self.query_one("#merge-list", PeopleList).set_rows(rows)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        people_list = self.query_one("#merge-list", PeopleList)
        if people_list.highlighted is not None:
            self._ask(people_list.highlighted)

    def on_key(self, event) -> None:
        if event.key == "down" and isinstance(self.app.focused, Input):
            self.query_one("#merge-list", PeopleList).focus()
            event.stop()

    def on_people_list_selected(self, event: PeopleList.Selected) -> None:
        event.stop()
        if event.entry is not None:
            self._ask(event.entry)

    def on_people_list_highlighted(self, event: PeopleList.Highlighted) -> None:
        event.stop()

    def _ask(self, drop: SearchEntry) -> None:
        assert self.keep is not None
        self.drop = drop
        text = Text()
        text.append("Merge ", style="bold")
        text.append(visible_text(drop.name), style="bold")
        if drop.detail:
            text.append(f" ({visible_text(drop.detail)})")
        text.append(" into ", style="bold")
        text.append(visible_text(self.keep.name), style="bold")
        if self.keep.detail:
            text.append(f" ({visible_text(self.keep.detail)})")
        text.append("?\n")
        text.append(visible_text(self.keep.name))
        text.append(" is kept; ")
        text.append(visible_text(drop.name))
        text.append(" becomes one of its names and every link moves over.\n")
        text.append("enter / y  merge     esc / n  pick again", style="dim")
        self.query_one("#merge-confirm", Static).update(text)
        self.add_class("-confirming")
        self.focus()

    def back(self) -> bool:
        """Esc: from the question back to the list (True), or nothing to go back to (False)."""
        if self.confirming:
            self.remove_class("-confirming")
            self.query_one("#merge-search", Input).focus()
            return True
        return False

    def action_back(self) -> None:
        self.back()

    def action_confirm(self) -> None:
        if self.confirming and self.keep is not None and self.drop is not None:
            self.remove_class("-confirming")
            self.post_message(self.Confirmed(self.keep.kind, self.keep.id, self.drop.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("confirm", "back"):
            return self.confirming
        return True
