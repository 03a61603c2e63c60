"""Search notes: type a few words, see every line of past notes that holds them, Enter opens it.

The index (:class:`netbook.domain.note_text_index.NoteIndex`, kept on the app) is read in a worker
when the screen opens — the whole notebook the first time, only the changed meeting
files after that — and queried on the UI thread per keystroke (milliseconds on 2,000
meetings: benchmarks/bench_note_search.py). Enter on a hit opens its meeting at that
line (``app.open_meeting_by_status(id, line=...)``).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from netbook.domain.display_text import one_line, visible_text
from netbook.domain.note_text_index import NoteHit, NoteIndex, NoteLine, SearchResult
from netbook.widgets.hit_list import HitList
from netbook.widgets.text_input import TextInput

EMPTY_QUERY = "Type a word or two from your notes."
CONTEXT_BEFORE = 40  # a match further into a long line is shown with this much before it, after an ellipsis


def hit_text(hit: NoteHit, *, dim: str = "dim", mark: str = "bold reverse") -> Text:
    """One row: date, who, the line with every match marked (user text never parsed as markup)."""
    when = hit.meeting.when
    text = Text(f"{when:%Y-%m-%d}  " if when else f"{'':10}  ", style=dim, no_wrap=True, overflow="ellipsis")
    who = one_line(hit.meeting.contact_name) or "(no name)"
    text.append(f"{who[:18]:<18}  ")
    line = visible_text(hit.note.text).replace("\t", " ")  # one character for one: the spans still fit
    start = 0
    if hit.spans and hit.spans[0][0] > CONTEXT_BEFORE:
        start = hit.spans[0][0] - CONTEXT_BEFORE // 2
    shown = Text(line[start:])
    for begin, end in hit.spans:
        if end > start:
            shown.stylize(mark, max(begin, start) - start, end - start)
    if start:
        text.append("…", style=dim)
    text.append_text(shown)
    return text


class NoteSearchScreen(Screen[None]):
    HELP_TITLE = "Search notes"

    DEFAULT_CSS = """
    NoteSearchScreen #note-search-input { margin: 0 1; background: $boost; }
    NoteSearchScreen #note-search-status { height: 1; width: 1fr; padding: 0 1; color: $text-muted; }
    NoteSearchScreen #note-search-results { height: 1fr; margin: 0 1; border: round $panel-lighten-2; }
    NoteSearchScreen #note-search-results:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="note_search.back"),
        Binding("slash", "focus_query", "Search", id="note_search.focus", show=False),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self._initial = query
        self.result: SearchResult | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        search = TextInput(value=self._initial, placeholder="Search the notes of every meeting",
                           id="note-search-input", compact=True)
        search.cursor_blink = not self.app.is_headless
        yield search
        yield Static("Reading notes…", id="note-search-status", markup=False)
        yield HitList(self._row, empty_text=EMPTY_QUERY, id="note-search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Search notes"
        self.query_one("#note-search-input", Input).focus()
        self.refresh_index()

    def on_screen_resume(self) -> None:
        if self.result is not None:  # back from a meeting: notes may have changed
            self.refresh_index()

    @property
    def index(self) -> NoteIndex:
        return self.app.note_index  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="note-index")
    def refresh_index(self) -> None:
        self.index.refresh(self.app.store)
        self.app.call_on_ui(self._index_ready)  # type: ignore[attr-defined]

    def _index_ready(self) -> None:
        if self.index.unreadable:
            n = len(self.index.unreadable)
            self.app.say(f"{n} meeting file(s) could not be read and are not searched", severity="warning")  # type: ignore[attr-defined]
        self.search(self.query_one("#note-search-input", Input).value)

    # ------------------------------------------------------------------ searching

    @on(Input.Changed, "#note-search-input")
    def _changed(self, event: Input.Changed) -> None:
        if self.index.ready:
            self.search(event.value)

    def search(self, query: str) -> None:
        """Query the index and show the hits (what a keystroke costs)."""
        index = self.index
        result = self.result = index.search(query, limit=0)
        results = self.query_one("#note-search-results", HitList)
        results.set_rows(result.found, empty_text="No line holds all of that." if query.strip() else EMPTY_QUERY)
        results.border_title = Text(f"Note lines ({result.total})" if result.total else "Note lines")
        status = self.query_one("#note-search-status", Static)
        if not query.strip():
            status.update(f"{len(index.lines)} note lines in {index.meeting_count} meetings. "
                          "Case and accents are ignored; Enter opens the meeting at the line.", layout=False)
        else:  # one line, always: no layout pass per keystroke
            status.update(f"{result.total} line(s) in {result.meetings} meeting(s)", layout=False)

    def _row(self, note: NoteLine) -> Text:
        assert self.result is not None
        return hit_text(self.result.hit(note))

    @on(Input.Submitted, "#note-search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#note-search-results", HitList)
        if results.rows:
            results.focus()
            results.cursor = 0

    def on_key(self, event: Key) -> None:
        search = self.query_one("#note-search-input", Input)
        if event.key == "down" and self.focused is search:
            event.stop()
            self._submitted(Input.Submitted(search, search.value))

    @on(HitList.Selected, "#note-search-results")
    def _open(self, event: HitList.Selected) -> None:
        event.stop()
        note: NoteLine = event.row
        self.app.open_meeting_by_status(note.meeting_id, line=note.line)  # type: ignore[attr-defined]

    def action_focus_query(self) -> None:
        self.query_one("#note-search-input", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
