"""Open asks: everything people said "later" to, or promised and have not yet done, by person.

Read from every meeting file in a worker (:func:`netbook.open_asks.collect_open_asks`).
``d`` logs the highlighted ask done through the one follow-up rule
(:func:`netbook.open_asks.log_done` -> :func:`netbook.followups.apply`): in the open
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
from textual.widgets import Footer, Header, OptionList, Static

from netbook.display_text import one_line
from netbook.models import AskOutcome
from netbook.open_asks import OpenAsk, PersonAsks, collect_open_asks, log_done
from netbook.widgets.item_list import ItemList

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


def ask_id(ask: OpenAsk) -> str:
    return f"{ask.meeting_id}:{ask.ask_id}"


class OpenAsksScreen(Screen[None]):
    HELP_TITLE = "Open asks"

    DEFAULT_CSS = """
    OpenAsksScreen #open-asks-status { height: 1; padding: 0 1; color: $text-muted; }
    OpenAsksScreen #open-asks-list { height: 1fr; margin: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
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
        yield ItemList("Open asks by person", empty="Loading…", id="open-asks-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Open asks"
        self.query_one("#open-asks-list", ItemList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="open-asks")
    def load(self) -> None:
        from netbook.interop.export_files import readable_meetings

        store = self.app.store  # type: ignore[attr-defined]
        skipped: list[str] = []
        groups = collect_open_asks(readable_meetings(store, skipped), store.record_name)
        self.app.call_on_ui(self._show, groups, len(skipped))  # type: ignore[attr-defined]

    def _show(self, groups: list[PersonAsks], unreadable: int = 0) -> None:
        self.groups = groups
        if unreadable:
            self.app.say(f"{unreadable} meeting file(s) could not be read; their asks are not listed",  # type: ignore[attr-defined]
                         severity="warning")
        self._fill()

    def _fill(self) -> None:
        groups = self.groups or []
        lst = self.query_one("#open-asks-list", ItemList)
        row = lst.highlighted or 0
        options: list[tuple[str, Text]] = []
        for person in groups:
            options.append((f"__person__{person.contact_id}", heading(person)))
            options += [(ask_id(a), ask_row(a)) for a in person.asks]
        lst.set_items(options, empty="Nothing open: every ask has an answer, every promise is kept.")
        for index, option in enumerate(lst.options):  # person headings are not rows to act on
            if option.id and option.id.startswith("__person__"):
                lst.disable_option_at_index(index)
        self._count()
        if lst.option_count and groups:
            self._highlight_from(min(row, lst.option_count - 1), lst)

    def _count(self) -> None:
        groups = self.groups or []
        asks = sum(len(p.asks) for p in groups)
        lst = self.query_one("#open-asks-list", ItemList)
        lst.border_title = Text(f"{lst.title} ({asks})" if asks else lst.title)
        self.query_one("#open-asks-status", Static).update(
            f"{asks} open ask(s) with {len(groups)} people · Enter opens the meeting" if asks else "")

    def _highlight_from(self, row: int, lst: ItemList) -> None:
        options = lst.options
        for index in [*range(row, len(options)), *range(row - 1, -1, -1)]:
            if not options[index].disabled:
                lst.highlighted = index
                return

    def _highlighted(self) -> OpenAsk | None:
        option = self.query_one("#open-asks-list", ItemList).highlighted_option
        if option is None or option.disabled or not option.id:
            return None
        return next((a for p in self.groups or [] for a in p.asks if ask_id(a) == option.id), None)

    # ------------------------------------------------------------------ actions

    def action_done(self) -> None:
        ask = self._highlighted()
        if ask is None:
            return
        lst = self.query_one("#open-asks-list", ItemList)
        row = lst.highlighted or 0
        lst.remove_option(ask_id(ask))  # the row leaves at once; the file is written in a worker
        for person in self.groups or []:
            if ask in person.asks:
                person.asks.remove(ask)
                if not person.asks:
                    lst.remove_option(f"__person__{person.contact_id}")
                    row -= 1
                else:
                    lst.replace_option_prompt(f"__person__{person.contact_id}", heading(person))
        self.groups = [p for p in self.groups or [] if p.asks]
        if not self.groups:
            self._fill()
        else:
            self._count()
            self._highlight_from(max(0, min(row, lst.option_count - 1)), lst)
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

    @on(OptionList.OptionSelected, "#open-asks-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        meeting_id = (event.option.id or "").partition(":")[0]
        if meeting_id and not meeting_id.startswith("__"):
            self.app.open_meeting_by_status(meeting_id)  # type: ignore[attr-defined]

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

