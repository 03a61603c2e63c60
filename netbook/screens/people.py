"""People: the contact book and organizations, searchable as you type; pages, edits, merges, the referral tree.

Layout: a searchable list on the left, the open record on the right. Below 100
columns one of the two is shown at a time (enter opens, esc goes back).

Speed: the list is filtered in memory from a pre-folded :class:`SearchIndex` and drawn
line by line (:class:`PeopleList`), so a keystroke never rebuilds widgets. Building
the indexes, reading meetings for mentions and every write run in worker threads.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, TextArea, Tree

from netbook.domain.contact_details import contact_details, organization_details, referral_tree
from netbook.domain.contact_editing import contact_form_values, log_contact, organization_form_values
from netbook.domain.contact_editing import save_contact_form, save_organization_form
from netbook.domain.contact_merge import merge_records
from netbook.domain.contact_references import reference_index
from netbook.domain.contact_search import CONTACT, ORGANIZATION, SearchIndex
from netbook.domain.display_text import visible_text
from netbook.widgets.contact_form import ContactForm
from netbook.widgets.merge_picker import MergePicker
from netbook.widgets.organization_form import OrganizationForm
from netbook.widgets.people_finder import PeopleFinder
from netbook.widgets.people_pages import FORM_VIEWS, HINT, PeoplePages
from netbook.widgets.people_list import PeopleList
from netbook.widgets.referral_tree import ReferralTree

NARROW = 100  # below this many columns the list and the page take turns

ITEM_ACTIONS = {"edit", "log_contact", "merge", "prepare"}
SEARCH_PAUSE_SECONDS = 0.2  # the top match opens beside the list this long after typing stops


class PeopleScreen(Screen[None]):
    HELP_TITLE = "People"

    DEFAULT_CSS = """
    PeopleScreen #people-body { height: 1fr; }
    PeopleScreen #people-side { width: 40%; min-width: 30; max-width: 56; border-right: tall $panel; }
    PeopleScreen #people-main { width: 1fr; }
    PeopleScreen.-narrow #people-side { width: 1fr; max-width: 100%; border-right: none; }
    PeopleScreen.-narrow #people-main { display: none; }
    PeopleScreen.-narrow.-detail #people-side { display: none; }
    PeopleScreen.-narrow.-detail #people-main { display: block; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="people.back"),
        Binding("e", "edit", "Edit", id="people.edit"),
        Binding("l", "log_contact", "Log contact", id="people.log"),
        Binding("m", "merge", "Merge", id="people.merge"),
        Binding("p", "prepare", "Prepare", id="people.prepare"),
        # priority: "/" in the search box selects it rather than typing a slash (other fields type it)
        Binding("slash", "search", "Search", id="people.search", priority=True),
        Binding("ctrl+o", "toggle_kind", "Orgs/People", id="people.toggle_kind"),
        Binding("ctrl+t", "tree", "Tree", id="people.tree"),
        Binding("ctrl+n", "new_contact", "New", id="people.new"),
    ]

    def __init__(self, *, contact_id: str | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.shown: tuple[str, str] | None = None  # record on the page
        self._refs = None
        self._follow_timer: Timer | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="people-body"):
            yield PeopleFinder(id="people-side")
            yield PeoplePages(id="people-main")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "People"
        self._refs = reference_index(self.app.store)
        if self.app.is_headless:
            self.search_input.cursor_blink = False
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self.finder.update_tabs()
        self.search_input.focus()
        self.load_indexes(select=(CONTACT, self.contact_id) if self.contact_id else None, focus=True)
        self.refresh_references()

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            self.apply_search(self.search_input.value)

    def on_screen_resume(self) -> None:
        if self.indexes:  # back from a meeting or Prepare: names, meetings and mentions may have changed
            self.load_indexes(select=self.shown)
            self.refresh_references()

    @property
    def finder(self) -> PeopleFinder:
        return self.query_one("#people-side", PeopleFinder)

    @property
    def kind(self) -> str:
        """Contacts or organizations: which the list shows."""
        return self.finder.kind

    @property
    def indexes(self) -> dict[str, SearchIndex]:
        return self.finder.indexes

    @property
    def search_input(self) -> Input:
        return self.finder.search_input

    @property
    def people_list(self) -> PeopleList:
        return self.finder.people_list

    @property
    def main(self) -> PeoplePages:
        return self.query_one("#people-main", PeoplePages)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    # ------------------------------------------------------------------ background work

    @work(thread=True, exclusive=True, group="people-index")
    def load_indexes(self, select: tuple[str, str] | None = None, focus: bool = False) -> None:
        store = self.app.store
        contacts = SearchIndex.contacts_of(store)
        organizations = SearchIndex.organizations_of(store)
        today = self.app.clock.today()
        badges = {c.id: "check-in due" for c in store.contacts() if c.next_checkin and c.next_checkin <= today}
        self.app.call_from_thread(self._indexes_loaded, contacts, organizations, badges, select, focus)

    def _indexes_loaded(self, contacts: SearchIndex, organizations: SearchIndex, badges: dict[str, str],
                        select: tuple[str, str] | None, focus: bool) -> None:
        if not self.is_mounted:
            return
        self.finder.set_indexes(contacts, organizations, badges)
        self.apply_search(self.search_input.value)
        if select is not None:
            kind, record_id = select
            if kind != self.kind:
                self._set_kind(kind)
            self.people_list.select_id(record_id)
            self.open_record(kind, record_id, focus=focus)
        elif not self.narrow and self.people_list.highlighted is not None:
            entry = self.people_list.highlighted
            self.open_record(entry.kind, entry.id, focus=False)
        elif not len(contacts):
            self.main.show_hint()

    @work(thread=True, exclusive=True, group="people-refs")
    def refresh_references(self) -> None:
        self._refs.refresh(self.app.store)
        self.app.call_from_thread(self._references_refreshed)

    def _references_refreshed(self) -> None:
        if self.is_mounted and self.shown is not None and self.main.current in ("people-contact", "people-org"):
            self.open_record(*self.shown, focus=False)

    def _report(self, message: str, *, error: bool = False) -> None:
        self.app.say(message, severity="error" if error else "information", timeout=6 if error else 4)

    # ------------------------------------------------------------------ search and list

    def apply_search(self, query: str) -> None:
        """Filter the current kind by ``query`` and show the matches (the per-keystroke path)."""
        hint = HINT if self.narrow else "No contacts yet — ctrl+n adds one."
        self.finder.apply_search(query, empty_hint=hint)

    @on(Input.Changed, "#people-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.apply_search(event.value)
        self._follow_search()

    def _follow_search(self) -> None:
        """The page beside the list shows a record the search still lists: the old one leaves at
        once, and the top match is opened once typing pauses (never a page load per keystroke)."""
        if self.narrow or not self.main.follows_list:
            return
        shown = self.shown
        if shown is not None and all(row.id != shown[1] for row in self.people_list.rows):
            self.main.show_hint()
            self.shown = None
        if self._follow_timer is not None:
            self._follow_timer.stop()
        self._follow_timer = self.set_timer(SEARCH_PAUSE_SECONDS, self._open_top_match)

    def _open_top_match(self) -> None:
        self._follow_timer = None
        self._open_highlighted()

    def _open_highlighted(self) -> None:
        """Beside the list (wide layout, a record's page or the hint shown): the highlighted record's page."""
        if self.narrow or not self.main.follows_list:
            return
        entry = self.people_list.highlighted
        if entry is not None and self.shown != (entry.kind, entry.id):
            self.open_record(entry.kind, entry.id, focus=False)

    @on(Input.Submitted, "#people-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        entry = self.people_list.highlighted
        if entry is not None:
            self.open_record(entry.kind, entry.id, focus=True)

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.search_input:
            self.people_list.focus()
            event.stop()

    @on(PeopleList.Highlighted, "#people-list")
    def _list_highlighted(self, event: PeopleList.Highlighted) -> None:
        if self.focused is not self.people_list:
            return  # typing in the search box: keep the keystroke cheap
        if event.entry is not None and not self.narrow:
            if self.main.follows_list:
                self.open_record(event.entry.kind, event.entry.id, focus=False)
                return
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.people_list:
            self._open_highlighted()
        self.refresh_bindings()

    @on(PeopleList.Selected, "#people-list")
    def _list_selected(self, event: PeopleList.Selected) -> None:
        if event.entry is not None:
            self.open_record(event.entry.kind, event.entry.id, focus=True)

    def _set_kind(self, kind: str) -> None:
        self.finder.set_kind(kind)
        self.apply_search(self.search_input.value)

    # ------------------------------------------------------------------ pages

    def open_record(self, kind: str, record_id: str, *, focus: bool) -> None:
        store = self.app.store
        refs = self._refs if self._refs is not None and self._refs.ready else None
        if kind == CONTACT:
            details = contact_details(store, record_id, refs)
            if details is None:
                self._report("That contact is no longer in your book.", error=True)
                return
            page = self.main.show_contact(details, self.app.clock.today(), mentions_ready=refs is not None)
        else:
            org = organization_details(store, record_id, refs)
            if org is None:
                self._report("That organization is no longer in your book.", error=True)
                return
            page = self.main.show_organization(org, mentions_ready=refs is not None)
        self.shown = (kind, record_id)
        if focus:
            self.add_class("-detail")
            page.links.focus()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#contact-links, #org-links")
    def _link_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, target = (event.option.id or "").partition(":")
        if kind in ("contact", "lead"):
            if self.kind == CONTACT:
                self.people_list.select_id(target)
            self.open_record(CONTACT, target, focus=True)
        elif kind in ("meeting", "mention"):
            self._open_meeting(target)

    def _open_meeting(self, meeting_id: str) -> None:
        if self.app.store.meeting_summary(meeting_id) is None:  # one lookup, not a scan of every meeting
            self._report("That meeting is no longer on disk.", error=True)
        else:
            self.app.open_meeting_by_status(meeting_id)

    @on(Tree.NodeSelected, "#people-tree")
    def _tree_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data:
            self.open_record(CONTACT, event.node.data, focus=True)

    def _leave_page(self) -> None:
        """From a form, the merge picker or the tree back to the record (or the hint)."""
        if self.shown is not None:
            self.open_record(*self.shown, focus=True)
        else:
            self.main.show_hint()
            self.remove_class("-detail")
            self.people_list.focus()
        self.refresh_bindings()

    # ------------------------------------------------------------------ actions

    def _target(self) -> tuple[str, str] | None:
        """The record a one-letter action applies to: the highlighted row, the node or the page."""
        focused = self.focused
        view = self.main.current
        if focused is self.people_list:
            entry = self.people_list.highlighted
            return (entry.kind, entry.id) if entry else None
        if view == "people-tree":
            tree = self.query_one("#people-tree", ReferralTree)
            if focused is tree and tree.cursor_node is not None and tree.cursor_node.data:
                return (CONTACT, tree.cursor_node.data)
            return None
        if view in ("people-contact", "people-org"):
            return self.shown
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":
            focused = self.focused
            return focused is self.search_input or not isinstance(focused, (Input, TextArea))
        if action in ITEM_ACTIONS:
            if isinstance(self.focused, (Input, TextArea)):
                return False
            target = self._target()
            if target is None:
                return False
            if action in ("log_contact", "prepare") and target[0] != CONTACT:
                return False
        return True

    def action_back(self) -> None:
        view = self.main.current
        if view == "people-merge" and self.query_one(MergePicker).back():
            return
        if view in FORM_VIEWS:
            self._leave_page()
            return
        if self.narrow and self.has_class("-detail"):
            self.remove_class("-detail")
            self.people_list.focus()
            return
        if not self.narrow and self.focused is not None and self.main in self.focused.ancestors:
            self.people_list.focus()
            return
        if self.search_input.value:
            self.search_input.value = ""
            self.search_input.focus()
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.open_home()

    def action_search(self) -> None:
        if self.narrow:
            self.remove_class("-detail")
        self.search_input.focus()
        self.search_input.select_all()  # typing now replaces the old search

    def action_toggle_kind(self) -> None:
        self._set_kind(ORGANIZATION if self.kind == CONTACT else CONTACT)
        if self.narrow:
            self.remove_class("-detail")
        if self.focused is not self.search_input:
            self.people_list.focus()

    def action_tree(self) -> None:
        tree = self.main.show_tree(referral_tree(self.app.store))
        self.add_class("-detail")
        tree.focus()
        self.refresh_bindings()

    def action_new_contact(self) -> None:
        store = self.app.store
        form = self.main.edit_contact(None, contact_form_values(store, None), [o.name for o in store.organizations()])
        self.add_class("-detail")
        form.focus_first()
        self.refresh_bindings()

    def action_edit(self) -> None:
        target = self._target()
        if target is None:
            return
        kind, record_id = target
        store = self.app.store
        if kind == CONTACT:
            contact = store.get_contact(record_id)
            if contact is None:
                return
            self.shown = target
            form = self.main.edit_contact(record_id, contact_form_values(store, contact),
                                          [o.name for o in store.organizations()])
        else:
            org = store.get_organization(record_id)
            if org is None:
                return
            self.shown = target
            form = self.main.edit_organization(record_id, organization_form_values(org))
        self.add_class("-detail")
        form.focus_first()
        self.refresh_bindings()

    def action_log_contact(self) -> None:
        target = self._target()
        if target and target[0] == CONTACT:
            self._log_contact(target[1])

    def action_prepare(self) -> None:
        target = self._target()
        if target and target[0] == CONTACT:
            self.app.open_prepare(contact_id=target[1])

    def action_merge(self) -> None:
        target = self._target()
        if target is None or target[0] not in self.indexes:
            return
        if any(getattr(s, "meeting_id", None) for s in self.app.screen_stack if s is not self):
            self._report("Finish the open meeting first: merging rewrites meetings.", error=True)
            return
        entry = self.indexes[target[0]].by_id.get(target[1])
        if entry is None:
            return
        self.shown = target
        self.add_class("-detail")
        self.main.start_merge(entry, self.indexes[target[0]])
        self.refresh_bindings()

    # ------------------------------------------------------------------ writes (worker threads)

    @work(thread=True, exclusive=True, group="people-write")
    def _write(self, write: Callable[[], tuple[tuple[str, str], str] | None], failed: str,
               focus: bool = True) -> None:
        """Run ``write`` off the UI thread; it returns the record to show and what to say (None: nothing done)."""
        try:
            done = write()
        except Exception as exc:  # noqa: BLE001 - reported; a form stays open
            self.app.call_from_thread(self._report, f"{failed}: {exc}", error=True)
            return
        if done is not None:
            self.app.call_from_thread(self._after_write, *done, focus)

    @on(ContactForm.Submitted)
    def _contact_submitted(self, event: ContactForm.Submitted) -> None:
        event.stop()
        store, contact_id, values, today = self.app.store, event.form.contact_id, event.values, self.app.clock.today()

        def save() -> tuple[tuple[str, str], str]:
            contact = save_contact_form(store, store.get_contact(contact_id) if contact_id else None, values,
                                        today=today)
            return (CONTACT, contact.id), f"Saved {visible_text(contact.name)}."

        self._write(save, "Not saved")

    @on(OrganizationForm.Submitted)
    def _org_submitted(self, event: OrganizationForm.Submitted) -> None:
        event.stop()
        store, org_id, values = self.app.store, event.form.organization_id, event.values

        def save() -> tuple[tuple[str, str], str] | None:
            org = store.get_organization(org_id) if org_id else None
            if org is None:
                return None
            org = save_organization_form(store, org, values)
            return (ORGANIZATION, org.id), f"Saved {visible_text(org.name)}."

        self._write(save, "Not saved")

    def _log_contact(self, contact_id: str) -> None:
        app = self.app

        def log() -> tuple[tuple[str, str], str]:
            contact = log_contact(app.store, contact_id, app.clock.today(), app.config.followups.checkin_weeks)
            return ((CONTACT, contact.id),
                    f"Logged contact with {visible_text(contact.name)} today; next check-in {contact.next_checkin}.")

        self._write(log, "Not logged", focus=False)

    @on(MergePicker.Confirmed)
    def _merge_confirmed(self, event: MergePicker.Confirmed) -> None:
        event.stop()
        app, refs, kind, keep_id, drop_id = self.app, self._refs, event.kind, event.keep_id, event.drop_id

        def merge() -> tuple[tuple[str, str], str]:
            return (kind, keep_id), merge_records(app.store, refs, kind, keep_id, drop_id, now=app.clock.now())

        self._write(merge, "Not merged")

    def _after_write(self, select: tuple[str, str], message: str, focus: bool = True) -> None:
        if not self.is_mounted:
            return
        self._report(message)
        self.shown = select
        self.load_indexes(select=select, focus=focus)
