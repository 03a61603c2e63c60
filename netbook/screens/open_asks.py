"""Open asks: everything people said "later" to, or promised and have not yet done, by person.

Read from every meeting file in a worker (:func:`netbook.domain.pending_asks.collect_open_asks`).
``d`` logs the highlighted ask done through the one follow-up rule
(:func:`netbook.domain.pending_asks.log_done` -> :func:`netbook.domain.followups.apply`): in the open
session if a screen holds that meeting, else its file is loaded, changed and saved in a
worker. The row leaves the list at once. Enter opens the meeting.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from netbook.domain.display_text import one_line
from netbook.domain.models import AskOutcome
from netbook.domain.pending_asks import OpenAsk, PersonAsks, collect_open_asks, log_done
from netbook.widgets.hit_list import HitList

OUTCOME_STYLE = {AskOutcome.YES: "green", AskOutcome.LATER: "yellow"}
OUTCOME_WORD = {AskOutcome.YES: "yes, not done", AskOutcome.LATER: "later"}


def ask_row(ask: OpenAsk) -> Text:
    text = Text("  ", no_wrap=True, overflow="ellipsis")
    text.append(f"{ask.when:%Y-%m-%d}  " if ask.when else f"{'':10}  ", style="dim")
    text.append(f"{OUTCOME_WORD[ask.outcome]:<15}", style=OUTCOME_STYLE[ask.outcome])
    text.append(one_line(ask.label))
    if ask.detail:
        text.append(f"  “{one_line(ask.detail)}”", style="dim italic")
    return text


def heading(person: PersonAsks) -> Text:
    head = Text(one_line(person.name), style="bold", no_wrap=True, overflow="ellipsis")
    head.append(f"  {len(person.asks)}", style="dim")
    return head


NOTHING_OPEN = "Nothing open: every ask has an answer, every promise is kept."


class OpenAsksScreen(Screen[None]):
    HELP_TITLE = "Open asks"

    DEFAULT_CSS = """
    OpenAsksScreen #open-asks-status { height: 1; padding: 0 1; color: $text-muted; }
    OpenAsksScreen #open-asks-list { height: 1fr; margin: 0 1; border: round $panel-lighten-2; }
    OpenAsksScreen #open-asks-list:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("d", "done", "Log done", id="open_asks.done"),
        Binding("escape", "back", "Back", id="open_asks.back"),
        Binding("ctrl+r", "reload", "Reload", id="open_asks.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[PersonAsks] | None = None
        self._save_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("Reading meetings…", id="open-asks-status", markup=False)
        yield HitList(self._row, empty_text="Loading…", selectable=lambda row: isinstance(row, OpenAsk),
                      id="open-asks-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Open asks"
        self.query_one("#open-asks-list", HitList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="open-asks")
    def load(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        groups = collect_open_asks(store.iter_meetings(), store.record_name)  # a damaged file is skipped...
        self.app.call_on_ui(self._show, groups, len(store.damaged_meetings()))  # type: ignore[attr-defined]  # ...and counted

    @staticmethod
    def _row(row: PersonAsks | OpenAsk) -> Text:
        return heading(row) if isinstance(row, PersonAsks) else ask_row(row)

    def _show(self, groups: list[PersonAsks], unreadable: int = 0) -> None:
        self.groups = groups
        if unreadable:
            self.app.say(f"{unreadable} meeting file(s) could not be read; their asks are not listed",  # type: ignore[attr-defined]
                         severity="warning")
        self._fill()

    def _fill(self, cursor: int | None = None) -> None:
        """One row per person (a heading the cursor skips), then their asks; drawn only when visible."""
        groups = self.groups or []
        rows: list[PersonAsks | OpenAsk] = []
        for person in groups:
            rows.append(person)
            rows += person.asks
        lst = self.query_one("#open-asks-list", HitList)
        lst.set_rows(rows, empty_text=NOTHING_OPEN, cursor=cursor)
        asks = len(rows) - len(groups)
        lst.border_title = Text(f"Open asks by person ({asks})" if asks else "Open asks by person")
        self.query_one("#open-asks-status", Static).update(
            f"{asks} open ask(s) with {len(groups)} people · Enter opens the meeting" if asks else "", layout=False)

    def _highlighted(self) -> OpenAsk | None:
        row = self.query_one("#open-asks-list", HitList).highlighted
        return row if isinstance(row, OpenAsk) else None

    # ------------------------------------------------------------------ actions

    def action_done(self) -> None:
        ask = self._highlighted()
        if ask is None:
            return
        row = self.query_one("#open-asks-list", HitList).cursor
        for person in self.groups or []:  # the row leaves at once; the file is written in a worker
            if ask in person.asks:
                person.asks.remove(ask)
                if not person.asks:
                    row -= 1  # its heading goes too
        self.groups = [p for p in self.groups or [] if p.asks]
        self._fill(cursor=max(0, row))
        session = self.app.open_session(ask.meeting_id)  # type: ignore[attr-defined]
        if session is not None:  # a screen has this meeting open: change it there, never behind its back
            self.app.say(self._log(session.meeting, ask), timeout=4)  # type: ignore[attr-defined]
            session.changed()
            return
        self._save(ask)

    def _log(self, meeting, ask: OpenAsk) -> str:
        app = self.app
        return log_done(meeting, ask.ask_id, now=app.clock.now(), rules=app.config.followups,  # type: ignore[attr-defined]
                        name_of=app.store.record_name).message  # type: ignore[attr-defined]

    @work(thread=True, group="open-asks-save")
    def _save(self, ask: OpenAsk) -> None:
        app = self.app
        store = app.store  # type: ignore[attr-defined]
        try:
            with self._save_lock:
                meeting = store.load_meeting(ask.meeting_id)
                message = self._log(meeting, ask)
                store.save_meeting(meeting, now=app.clock.now())  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - reported, and the list reloads as stored
            app.call_on_ui(app.say, f"could not log the ask done: {exc}", severity="error")  # type: ignore[attr-defined]
            app.call_on_ui(self.load)  # type: ignore[attr-defined]
            return
        app.call_on_ui(app.say, message, timeout=4)  # type: ignore[attr-defined]

    @on(HitList.Selected, "#open-asks-list")
    def _open(self, event: HitList.Selected) -> None:
        event.stop()
        if isinstance(event.row, OpenAsk):
            self.app.open_meeting_by_status(event.row.meeting_id)  # type: ignore[attr-defined]

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

