"""People: the contact book and organizations, searchable as you type; pages, edits, merges, the referral tree.

Layout: a searchable list on the left, the open record on the right. Below 100
columns one of the two is shown at a time (enter opens, esc goes back).

Speed: the list is filtered in memory from a pre-folded :class:`SearchIndex` and drawn
line by line (:class:`PeopleList`), so a keystroke never rebuilds widgets. Building
the indexes, reading meetings for mentions and every write run in worker threads.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Input, OptionList, Static, TextArea, Tree

from netbook.domain.contact_details import contact_details, organization_details, referral_tree
from netbook.domain.contact_editing import (
    contact_form_values,
    log_contact,
    save_contact_form,
    save_organization_form,
)
from netbook.domain.contact_merge import merge_contacts, merge_organizations
from netbook.domain.contact_references import reference_index
from netbook.domain.contact_search import CONTACT, ORGANIZATION, SearchEntry, SearchIndex
from netbook.domain.display_text import visible_text
from netbook.widgets.contact_form import ContactForm
from netbook.widgets.contact_page import ContactPage
from netbook.widgets.merge_picker import MergePicker
from netbook.widgets.organization_form import OrganizationForm
from netbook.widgets.organization_page import OrganizationPage
from netbook.widgets.people_list import PeopleList
from netbook.widgets.referral_tree import ReferralTree
from netbook.widgets.text_input import TextInput

NARROW = 100  # below this many columns the list and the page take turns

HINT = """Your contact book is empty.

People land here when you tag them in a meeting's notes, or when you add them yourself.

  ctrl+n   add a contact
  esc      back to Home, to prepare or start a meeting
  ctrl+t   the referral tree, once someone has led you to someone
  F1       every key on this screen
"""

ITEM_ACTIONS = {"edit", "log_contact", "merge", "prepare"}
SEARCH_PAUSE_SECONDS = 0.2  # the top match opens beside the list this long after typing stops


class PeopleScreen(Screen[None]):
    HELP_TITLE = "People"

    DEFAULT_CSS = """
    PeopleScreen #people-body { height: 1fr; }
    PeopleScreen #people-side { width: 40%; min-width: 30; max-width: 56; border-right: tall $panel; }
    PeopleScreen #people-tabs { height: 1; padding: 0 1; }
    PeopleScreen #people-search { margin: 0 1; background: $boost; }
    PeopleScreen #people-count { height: 1; padding: 0 1; color: $text-muted; }
    PeopleScreen #people-main { width: 1fr; }
    PeopleScreen #people-hint { padding: 1 2; color: $text-muted; }
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
        self.kind = CONTACT
        self.indexes: dict[str, SearchIndex] = {}
        self.shown: tuple[str, str] | None = None  # record on the page
        self._badges: dict[str, str] = {}
        self._refs = None
        self._follow_timer: Timer | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="people-body"):
            with Vertical(id="people-side"):
                yield Static(id="people-tabs")
                yield TextInput(placeholder="search contacts…", id="people-search", compact=True)
                yield Static(id="people-count")
                yield PeopleList(id="people-list", empty_text="Loading…")
            with ContentSwitcher(id="people-main", initial="people-hint"):
                yield Static(Text(HINT), id="people-hint")
                yield ContactPage(id="people-contact")
                yield OrganizationPage(id="people-org")
                yield ContactForm(id="people-form")
                yield OrganizationForm(id="people-org-form")
                yield MergePicker(id="people-merge")
                yield ReferralTree(id="people-tree")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "People"
        self._refs = reference_index(self.app.store)
        if self.app.is_headless:
            self.search_input.cursor_blink = False
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self._update_tabs()
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
    def search_input(self) -> Input:
        return self.query_one("#people-search", Input)

    @property
    def people_list(self) -> PeopleList:
        return self.query_one("#people-list", PeopleList)

    @property
    def main(self) -> ContentSwitcher:
        return self.query_one("#people-main", ContentSwitcher)

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
        self.indexes = {CONTACT: contacts, ORGANIZATION: organizations}
        self._badges = badges
        self.people_list.badges = badges
        self._update_tabs()
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
            self.main.current = "people-hint"

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
        index = self.indexes.get(self.kind)
        if index is None:
            return
        rows = index.search(query)
        people_list = self.people_list
        noun = "contacts" if self.kind == CONTACT else "organizations"
        if not len(index):
            if self.kind == CONTACT:
                people_list.empty_text = HINT if self.narrow else "No contacts yet — ctrl+n adds one."
            else:
                people_list.empty_text = "No organizations yet: they come with contacts and meeting notes."
        else:
            people_list.empty_text = f"No {noun} match — ctrl+n adds a contact."
        people_list.set_rows(rows)
        count = f"{len(rows):,} of {len(index):,}" if query.strip() else f"{len(index):,} {noun}"
        self.query_one("#people-count", Static).update(count, layout=False)

    @on(Input.Changed, "#people-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.apply_search(event.value)
        self._follow_search()

    def _follow_search(self) -> None:
        """The page beside the list shows a record the search still lists: the old one leaves at
        once, and the top match is opened once typing pauses (never a page load per keystroke)."""
        if self.narrow or self.main.current not in ("people-hint", "people-contact", "people-org"):
            return
        shown = self.shown
        if shown is not None and all(row.id != shown[1] for row in self.people_list.rows):
            self.main.current = "people-hint"
            self.shown = None
        if self._follow_timer is not None:
            self._follow_timer.stop()
        self._follow_timer = self.set_timer(SEARCH_PAUSE_SECONDS, self._open_top_match)

    def _open_top_match(self) -> None:
        self._follow_timer = None
        if self.narrow or self.main.current not in ("people-hint", "people-contact", "people-org"):
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
            if self.main.current in ("people-hint", "people-contact", "people-org"):
                self.open_record(event.entry.kind, event.entry.id, focus=False)
                return
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.people_list and not self.narrow:
            entry = self.people_list.highlighted
            if entry is not None and self.shown != (entry.kind, entry.id):
                if self.main.current in ("people-hint", "people-contact", "people-org"):
                    self.open_record(entry.kind, entry.id, focus=False)
        self.refresh_bindings()

    @on(PeopleList.Selected, "#people-list")
    def _list_selected(self, event: PeopleList.Selected) -> None:
        if event.entry is not None:
            self.open_record(event.entry.kind, event.entry.id, focus=True)

    def _set_kind(self, kind: str) -> None:
        self.kind = kind
        self.search_input.placeholder = "search contacts…" if kind == CONTACT else "search organizations…"
        self._update_tabs()
        self.apply_search(self.search_input.value)

    def _update_tabs(self) -> None:
        text = Text()
        for kind, label in ((CONTACT, "Contacts"), (ORGANIZATION, "Organizations")):
            index = self.indexes.get(kind)
            count = f" {len(index):,}" if index is not None else ""
            style = "bold reverse" if kind == self.kind else "dim"
            text.append(f" {label}{count} ", style=style)
            text.append(" ")
        text.append("ctrl+o", style="dim italic")
        self.query_one("#people-tabs", Static).update(text)

    # ------------------------------------------------------------------ pages

    def open_record(self, kind: str, record_id: str, *, focus: bool) -> None:
        store = self.app.store
        refs = self._refs if self._refs is not None and self._refs.ready else None
        if kind == CONTACT:
            details = contact_details(store, record_id, refs)
            if details is None:
                self._report("That contact is no longer in your book.", error=True)
                return
            page = self.query_one("#people-contact", ContactPage)
            page.show(details, self.app.clock.today(), mentions_ready=refs is not None)
            self.main.current = "people-contact"
        else:
            org = organization_details(store, record_id, refs)
            if org is None:
                self._report("That organization is no longer in your book.", error=True)
                return
            page = self.query_one("#people-org", OrganizationPage)
            page.show(org, mentions_ready=refs is not None)
            self.main.current = "people-org"
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
        summary = next((s for s in self.app.store.meeting_summaries() if s.id == meeting_id), None)
        if summary is None:
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
            self.main.current = "people-hint"
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
        if view in ("people-form", "people-org-form", "people-merge"):
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
        tree = self.query_one("#people-tree", ReferralTree)
        tree.load(referral_tree(self.app.store))
        self.main.current = "people-tree"
        self.add_class("-detail")
        tree.focus()
        self.refresh_bindings()

    def action_new_contact(self) -> None:
        form = self.query_one("#people-form", ContactForm)
        form.load(None, contact_form_values(self.app.store, None), [o.name for o in self.app.store.organizations()])
        self.main.current = "people-form"
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
            form = self.query_one("#people-form", ContactForm)
            form.load(record_id, contact_form_values(store, contact), [o.name for o in store.organizations()])
            self.main.current = "people-form"
        else:
            org = store.get_organization(record_id)
            if org is None:
                return
            self.shown = target
            form = self.query_one("#people-org-form", OrganizationForm)
            form.load(record_id, {"name": org.name, "aliases": ", ".join(org.aliases), "notes": org.notes})
            self.main.current = "people-org-form"
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
        picker = self.query_one(MergePicker)
        self.main.current = "people-merge"
        self.add_class("-detail")
        picker.start(entry, self.indexes[target[0]])
        self.refresh_bindings()

    # ------------------------------------------------------------------ writes (worker threads)

    @on(ContactForm.Submitted)
    def _contact_submitted(self, event: ContactForm.Submitted) -> None:
        event.stop()
        self._save_contact(event.form.contact_id, event.values)

    @work(thread=True, exclusive=True, group="people-write")
    def _save_contact(self, contact_id: str | None, values: dict[str, str]) -> None:
        store = self.app.store
        try:
            contact = save_contact_form(store, store.get_contact(contact_id) if contact_id else None, values,
                                        today=self.app.clock.today())
        except Exception as exc:  # noqa: BLE001 - report, keep the form open
            self.app.call_from_thread(self._report, f"Not saved: {exc}", error=True)
            return
        self.app.call_from_thread(self._after_write, (CONTACT, contact.id), f"Saved {visible_text(contact.name)}.")

    @on(OrganizationForm.Submitted)
    def _org_submitted(self, event: OrganizationForm.Submitted) -> None:
        event.stop()
        if event.form.organization_id:
            self._save_org(event.form.organization_id, event.values)

    @work(thread=True, exclusive=True, group="people-write")
    def _save_org(self, org_id: str, values: dict[str, str]) -> None:
        store = self.app.store
        org = store.get_organization(org_id)
        if org is None:
            return
        try:
            org = save_organization_form(store, org, values)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._report, f"Not saved: {exc}", error=True)
            return
        self.app.call_from_thread(self._after_write, (ORGANIZATION, org.id), f"Saved {visible_text(org.name)}.")

    @work(thread=True, exclusive=True, group="people-write")
    def _log_contact(self, contact_id: str) -> None:
        try:
            contact = log_contact(
                self.app.store, contact_id, self.app.clock.today(), self.app.config.followups.checkin_weeks
            )
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._report, f"Not logged: {exc}", error=True)
            return
        when: date = contact.next_checkin  # type: ignore[assignment]
        self.app.call_from_thread(
            self._after_write, (CONTACT, contact.id),
            f"Logged contact with {visible_text(contact.name)} today; next check-in {when.isoformat()}.",
            False,
        )

    @on(MergePicker.Confirmed)
    def _merge_confirmed(self, event: MergePicker.Confirmed) -> None:
        event.stop()
        self._merge(event.kind, event.keep_id, event.drop_id)

    @work(thread=True, exclusive=True, group="people-write")
    def _merge(self, kind: str, keep_id: str, drop_id: str) -> None:
        store = self.app.store
        refs = self._refs
        try:
            refs.refresh(store)
            dropped = store.get_contact(drop_id) if kind == CONTACT else store.get_organization(drop_id)
            if kind == CONTACT:
                candidates = refs.meetings_referring_to_contact(drop_id)
                candidates |= {s.id for s in store.meeting_summaries() if s.contact_id == drop_id}
                result = merge_contacts(store, keep_id, drop_id, meeting_ids=sorted(candidates), now=self.app.clock.now())
                moved = f"{result.records_relinked} referral{'s' if result.records_relinked != 1 else ''}"
            else:
                candidates = refs.meetings_referring_to_organization(drop_id)
                result = merge_organizations(store, keep_id, drop_id, meeting_ids=sorted(candidates), now=self.app.clock.now())
                moved = f"{result.records_relinked} {'person' if result.records_relinked == 1 else 'people'}"
            refs.refresh(store)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._report, f"Not merged: {exc}", error=True)
            return
        meetings = len(result.meetings_rewritten)
        message = (
            f"Merged {visible_text(dropped.name if dropped else '?')} into {visible_text(result.kept.name)}: "
            f"{meetings} meeting{'s' if meetings != 1 else ''} and {moved} moved over."
        )
        self.app.call_from_thread(self._after_write, (kind, keep_id), message)

    def _after_write(self, select: tuple[str, str], message: str, focus: bool = True) -> None:
        if not self.is_mounted:
            return
        self._report(message)
        self.shown = select
        self.load_indexes(select=select, focus=focus)
