"""Home: what needs doing today, whom to contact, which meetings are coming or just past.

Home draws from the store's small summary of what it shows (netbook.storage.home_cache),
whatever the size of the history: at start-up it is read from ``home.json``; when that
is missing, stale or unreadable it is rebuilt in a thread worker while the sections say
"Loading…". Searching needs every contact and meeting: the first search loads them in a
worker (the people list says "Loading…" meanwhile) and the lists fill in when they come.
A follow-up is done or snoozed with one key: its meeting file is loaded, updated and
saved in a worker, and the row leaves the list immediately.
"""

from __future__ import annotations

import threading
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from netbook.domain.dates import day_label
from netbook.domain.display_text import one_line
from netbook.domain.followups import COMING_DAYS, FollowUpAction, apply
from netbook.domain.home_lists import MAX_ROWS, HomeData, home_data, load_home_data
from netbook.domain.models import Contact, FollowUp, LeadStatus, MeetingStatus, MeetingSummary
from netbook.screens import apply_breakpoints
from netbook.storage.files import StoreError
from netbook.widgets.item_list import ItemList
from netbook.widgets.text_input import TextInput

DAMAGED_ID = "__damaged__:"  # row id prefix of a meeting file that cannot be read (not selectable as a meeting)


WELCOME = (
    "Welcome to netbook.\n\n"
    "Nothing here yet. netbook keeps your networking meetings: the questions you want to ask, "
    "the notes you take, every person and organization mentioned, and the follow-ups that turn "
    "one conversation into the next.\n\n"
    "  n        prepare your first meeting\n"
    "  ctrl+p   command palette: jump anywhere, export, themes\n"
    "  F1       every key on this screen\n\n"
    "Just looking around? Quit (ctrl+q) and run:  netbook demo"
)


class HomeScreen(Screen[None]):
    HELP_TITLE = "Home"
    AUTO_FOCUS = ""  # no auto focus: goes to the first non-empty list once loaded
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    COMPONENT_CLASSES = {"home--overdue", "home--today", "home--dim", "home--live", "home--lead"}

    DEFAULT_CSS = """
    HomeScreen { layout: vertical; }
    HomeScreen #home-search { margin: 0 1; background: $boost; }
    HomeScreen #home-search:focus { background: $surface-lighten-1; }
    HomeScreen #home-body { height: 1fr; padding: 0 1; }
    HomeScreen.-wide #home-body {
        layout: grid; grid-size: 2 2; grid-columns: 1fr 1fr; grid-rows: 1fr 1fr; grid-gutter: 0 1;
    }
    HomeScreen.-wide #home-body ItemList { height: 1fr; }
    HomeScreen #home-body ItemList { text-wrap: nowrap; text-overflow: ellipsis; }
    HomeScreen.-narrow #home-body { layout: vertical; overflow-y: auto; }
    HomeScreen.-narrow #home-body ItemList { height: auto; max-height: 9; min-height: 3; }
    HomeScreen #home-people { display: none; }
    HomeScreen.-searching #home-people { display: block; }
    HomeScreen.-searching #home-leads { display: none; }
    HomeScreen #home-empty {
        display: none; height: 1fr; padding: 1 2; margin: 0 1;
        border: round $accent; background: $panel;
    }
    HomeScreen.-empty #home-empty { display: block; }
    HomeScreen.-empty #home-body, HomeScreen.-empty #home-search { display: none; }
    HomeScreen > .home--overdue { color: $error; text-style: bold; }
    HomeScreen > .home--today { color: $warning; text-style: bold; }
    HomeScreen > .home--dim { color: $text-muted; }
    HomeScreen > .home--live { color: $success; text-style: bold; }
    HomeScreen > .home--lead { color: $accent; }
    """

    BINDINGS = [
        Binding("n", "new_meeting", "New meeting", id="home.new_meeting"),
        Binding("slash", "note_search", "Search notes", id="home.note_search"),
        Binding("f", "focus_search", "Filter", id="home.search", show=False),  # the filter box says ( f )
        Binding("a", "open_asks", "Open asks", id="home.open_asks"),
        Binding("d", "followup_done", "Done", id="home.followup_done"),
        Binding("s", "followup_snooze", "Snooze", id="home.followup_snooze"),
        Binding("p", "prepare_with", "Prepare meeting", id="home.prepare_with"),
        Binding("c", "people", "People", id="home.people", show=False),
        Binding("y", "profile", "Profile", id="home.profile", show=False),
        Binding("escape", "clear_search", "Clear search", id="home.clear_search", show=False),
        Binding("ctrl+r", "reload", "Reload lists", id="home.reload", show=False),
    ]

    class StoreRebuilt(Message):
        """Many records changed at once (posted from the writing thread)."""

    class Ready(Message):
        """Posted once the loaded lists have been painted (tests and the startup benchmark)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None
        self._announced = False
        self._save_lock = threading.Lock()
        self._loading_all = False  # a search's load of every record is under way

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        apply_breakpoints(self)  # before the children exist: only the screen is restyled
        yield Header(show_clock=False)
        search = TextInput(placeholder="Filter people, organizations, meetings   ( f )", id="home-search", compact=True)
        search.cursor_blink = not self.app.is_headless
        yield search
        with Container(id="home-body"):
            yield ItemList(f"Follow-ups: due, then the next {COMING_DAYS} days", empty="Loading…", id="home-followups")
            yield ItemList("Leads to contact", empty="Loading…", id="home-leads")
            yield ItemList("People", empty="No one matches.", id="home-people")
            yield ItemList("Upcoming and unfinished", empty="Loading…", id="home-upcoming")
            yield ItemList("Recent meetings", empty="Loading…", id="home-recent")
        yield Static(Text(WELCOME), id="home-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Home"
        self.app.store.add_listener(self._store_changed)

    def on_unmount(self) -> None:
        self.app.store.remove_listener(self._store_changed)

    def on_screen_resume(self) -> None:
        # The summary is kept current by every write, so returning here draws what is stored now.
        summary = self.app.store.cached_home_summary()
        if summary is not None:
            self._show(home_data(summary, self.app.clock.today()))
        else:
            self.load()  # missing, stale or unreadable: rebuilt in the worker

    def _store_changed(self, kind: str, record_id: str | None) -> None:
        """Many records at once (an import, a rebuilt index): draw again from the new summary.

        Called on the writing thread, maybe holding the store's lock: only a message is
        posted (thread-safe, never waits on the UI thread, which may be waiting on the lock).
        """
        if record_id is None:
            self.post_message(self.StoreRebuilt())

    def on_home_screen_store_rebuilt(self, message: StoreRebuilt) -> None:
        message.stop()
        if self.is_current:
            self.load()

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="home-load")
    def load(self) -> None:
        store = self.app.store
        summary = store.home_summary()
        data = home_data(summary, self.app.clock.today())
        try:
            self.app.call_from_thread(self._show, data)
        except RuntimeError:  # app closing
            pass

    @work(thread=True, exclusive=True, group="home-load-all")
    def load_all(self) -> None:
        data = load_home_data(self.app.store, self.app.clock.today())
        try:
            self.app.call_from_thread(self._show_all, data)
        except RuntimeError:  # app closing
            pass

    def _show_all(self, data: HomeData) -> None:
        self._loading_all = False
        if self.data is not None and not self.data.complete:
            self.data = data
            self._fill()

    def _show(self, data: HomeData) -> None:
        self.data = data
        if data.empty != self.has_class("-empty"):
            self.set_class(data.empty, "-empty")
            self.refresh_bindings()  # search is offered only when there is something to search
        self._fill()
        if data.empty:
            return
        unfinished = [m for m in data.upcoming if m.status is MeetingStatus.LIVE]
        if unfinished and not self._announced:
            # After a crash or a closed terminal, one key (Enter) takes the user back into the meeting.
            upcoming = self.query_one("#home-upcoming", ItemList)
            upcoming.focus()
            upcoming.highlighted = 0  # its row reads "● live … resume ⏎"
        elif self.focused is None:
            for list_id in ("#home-followups", "#home-upcoming", "#home-leads", "#home-recent"):
                lst = self.query_one(list_id, ItemList)
                if lst.count:
                    lst.focus()
                    break
        if not self._announced:
            self._announced = True
            self.call_after_refresh(self.post_message, self.Ready())

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _fill(self) -> None:
        data = self.data
        if data is None:
            return
        rows = data.matching(self.query_one("#home-search", Input).value)
        searching = rows.searching
        self.set_class(searching, "-searching")
        today = data.today
        if searching and not data.complete and not self._loading_all:
            self._loading_all = True  # a search looks through every record: read them now, off the UI thread
            self.load_all()
        self.query_one("#home-followups", ItemList).set_items(
            ((f"{s.id}:{f.id}", self._followup_text(f, s, today)) for f, s in rows.followups[:MAX_ROWS]),
            total=len(rows.followups),
            empty=f"Nothing due in the next {COMING_DAYS} days." if not searching else "No match.",
        )
        self.query_one("#home-leads", ItemList).set_items(
            ((c.id, self._lead_text(c)) for c in rows.leads[:MAX_ROWS]), total=rows.leads_total,
            empty="No leads waiting: referrals show up here.",
        )
        self.query_one("#home-upcoming", ItemList).set_items(
            ((s.id, self._meeting_text(s, today)) for s in rows.upcoming[:MAX_ROWS]),
            total=len(rows.upcoming),
            empty="No meetings planned: n prepares one." if not searching else "No match.",
        )
        self.query_one("#home-recent", ItemList).set_items(
            [*((f"{DAMAGED_ID}{e.path.stem}", self._damaged_text(e)) for e in rows.damaged),
             *((s.id, self._meeting_text(s, today)) for s in rows.recent[:MAX_ROWS])],
            total=rows.recent_total,
            empty="No meetings yet." if not searching else "No match.",
        )
        if searching:
            self.query_one("#home-people", ItemList).set_items(
                ((c.id, self._person_text(c)) for c in rows.people[:MAX_ROWS]), total=len(rows.people),
                empty="Loading…" if not data.complete else "No one matches.",
            )

    # ------------------------------------------------------------------ row texts

    def _followup_text(self, f: FollowUp, s: MeetingSummary, today: date) -> Text:
        due = f.effective_due()
        late = (today - due).days
        if late > 0:
            label, style = (f"{late}d late", self._style("home--overdue"))
        elif late == 0:
            label, style = ("today", self._style("home--today"))
        else:
            label, style = (day_label(due, today), self._style("home--dim"))
        text = Text(f"{label:<11}", style=style, no_wrap=True, overflow="ellipsis")
        assert self.data is not None
        title = self.data.title(f)
        text.append(one_line(title))
        who = self.data.name_of(s.contact_id) or s.contact_name
        if who and who not in title:
            text.append(f"  · {one_line(who)}", style=self._style("home--dim"))
        return text

    def _damaged_text(self, error: StoreError) -> Text:
        text = Text(f"{'damaged':<18}", style=self._style("home--overdue"), no_wrap=True, overflow="ellipsis")
        text.append(one_line(f"{error.path.name}: {error.problem}"))
        return text

    def _lead_text(self, c: Contact) -> Text:
        assert self.data is not None
        text = Text(one_line(c.name), no_wrap=True, overflow="ellipsis")
        org = self.data.names.get(c.organization_id or "")
        if org:
            text.append(f" · {one_line(org)}", style=self._style("home--dim"))
        referrer = self.data.names.get(c.referred_by_id or "")
        if referrer:
            text.append(f"  ← {one_line(referrer)}", style=self._style("home--lead"))
        return text

    def _person_text(self, c: Contact) -> Text:
        text = self._lead_text(c)
        if c.lead_status is LeadStatus.TO_CONTACT:
            text.append("  lead", style=self._style("home--today"))
        return text

    def _meeting_text(self, s: MeetingSummary, today: date) -> Text:
        when = s.when()
        if s.status is MeetingStatus.LIVE:
            text = Text(f"{'● live':<18}", style=self._style("home--live"))
        elif when is not None:
            text = Text(f"{day_label(when.date(), today):<11}{when:%H:%M}  ", style=self._style("home--dim"))
        else:
            text = Text(f"{'unscheduled':<18}", style=self._style("home--dim"))
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.append(one_line(s.contact_name) or "(no name)")
        if s.organization_name:
            text.append(f" · {one_line(s.organization_name)}", style=self._style("home--dim"))
        if s.status is MeetingStatus.LIVE:
            text.append("  resume ⏎", style=self._style("home--live"))
        elif s.status is MeetingStatus.ENDED and s.open_followups:
            n = len(s.open_followups)
            text.append(f"  {n} follow-up{'s' if n != 1 else ''}", style=self._style("home--lead"))
        return text

    # ------------------------------------------------------------------ search

    @on(Input.Changed, "#home-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._fill()

    @on(Input.Submitted, "#home-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        order = ("#home-people", "#home-followups", "#home-upcoming", "#home-recent", "#home-leads")
        for list_id in order:
            lst = self.query_one(list_id, ItemList)
            if lst.display and lst.count:
                lst.focus()
                return

    def action_focus_search(self) -> None:
        self.query_one("#home-search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#home-search", Input)
        if search.value:
            search.value = ""
            search.focus()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.focused
        focused_id = focused.id if focused is not None else None
        if action in ("followup_done", "followup_snooze"):
            return focused_id == "home-followups"
        if action == "prepare_with":
            return focused_id in ("home-leads", "home-people")
        if action in ("focus_search", "note_search", "open_asks"):
            return not self.has_class("-empty")
        if action == "clear_search":
            return bool(self.query_one("#home-search", Input).value)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_new_meeting(self) -> None:
        self.app.open_prepare()

    def action_people(self) -> None:
        self.app.open_people()

    def action_note_search(self) -> None:
        self.app.open_note_search()

    def action_open_asks(self) -> None:
        self.app.open_open_asks()

    def action_profile(self) -> None:
        self.app.open_profile()

    def action_reload(self) -> None:
        self.load()

    def action_prepare_with(self) -> None:
        lst = self.focused
        if isinstance(lst, ItemList) and lst.highlighted_id:
            self.app.open_prepare(contact_id=lst.highlighted_id)

    def _highlighted_followup(self) -> tuple[str, str] | None:
        lst = self.query_one("#home-followups", ItemList)
        if lst.highlighted_id is None:
            return None
        meeting_id, _, followup_id = lst.highlighted_id.partition(":")
        return meeting_id, followup_id

    def action_followup_done(self) -> None:
        self._change_followup("done")

    def action_followup_snooze(self) -> None:
        self._change_followup("snooze")

    def _change_followup(self, op: str) -> None:
        ids = self._highlighted_followup()
        if ids is None or self.data is None:
            return
        meeting_id, followup_id = ids
        action = FollowUpAction.DONE if op == "done" else FollowUpAction.SNOOZE
        lst = self.query_one("#home-followups", ItemList)
        row = lst.highlighted or 0
        # the list changes now (s s s snoozes three); the file is written in a worker
        if not self.data.take_followup(meeting_id, followup_id, action, self.app.config.followups.snooze_days):
            return
        self._fill()
        if lst.count:
            lst.highlighted = min(row, lst.count - 1)  # the cursor stays on the row: s s s snoozes three
        session = self.app.open_session(meeting_id)
        if session is not None:  # a screen has this meeting open: change it there, never behind its back
            self.app.say(self._apply(session.meeting, followup_id, action), timeout=4)
            session.changed()
            return
        self._save_followup(meeting_id, followup_id, action)

    def _apply(self, meeting, followup_id: str, action: FollowUpAction) -> str:
        """The one follow-up rule (netbook.domain.followups.apply), as the summary uses it; saves a logged contact."""
        store = self.app.store
        f = next(f for f in meeting.followups if f.id == followup_id)
        contact = store.get_contact(f.contact_id)
        done = apply(meeting, followup_id, action, contact=contact.model_copy(deep=True) if contact else None,
                     now=self.app.clock.now(), rules=self.app.config.followups, name_of=store.record_name)
        if done.contact is not None:
            store.save_contact(done.contact)
        return done.message

    @work(thread=True, group="home-save")
    def _save_followup(self, meeting_id: str, followup_id: str, action: FollowUpAction) -> None:
        store = self.app.store
        try:
            with self._save_lock:  # s s s: three snoozes in a row add up, none is read before the last is saved
                meeting = store.load_meeting(meeting_id)
                message = self._apply(meeting, followup_id, action)
                store.save_meeting(meeting, now=self.app.clock.now())
        except Exception as exc:  # noqa: BLE001 - reported, and the list reloads as stored
            self.app.call_from_thread(self.app.say, f"could not update the follow-up: {exc}",
                                      severity="error")
            self.app.call_from_thread(self.load)
            return
        self.app.call_from_thread(self.app.say, message, timeout=4)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item_id = event.option.id
        if item_id and item_id.startswith(DAMAGED_ID) and self.data is not None:
            error = self.data.damaged_file(item_id[len(DAMAGED_ID):])
            if error is not None:
                self.app.say(f"Cannot open this meeting: {error}. netbook leaves the file as it is.",
                             severity="error", timeout=10)
            return
        if not item_id or item_id.startswith("__") or self.data is None:
            return
        list_id = event.option_list.id
        if list_id in ("home-upcoming", "home-recent"):
            self.app.open_meeting_by_status(item_id)
        elif list_id == "home-followups":
            self.app.open_meeting_by_status(item_id.partition(":")[0])
        elif list_id == "home-leads":
            self.app.open_prepare(contact_id=item_id)
        elif list_id == "home-people":
            self.app.open_people(contact_id=item_id)
