"""People's right side: one page at a time — the hint, a contact's or an organization's page, their forms,
the merge picker, the referral tree.

Each ``show_…`` / ``edit_…`` method fills its page and brings it forward; the People screen
decides which one and handles focus and the footer.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import ContentSwitcher, Static

from netbook.domain.contact_details import ContactDetails, OrganizationDetails, ReferralNode
from netbook.domain.contact_search import SearchEntry, SearchIndex
from netbook.widgets.contact_form import ContactForm
from netbook.widgets.contact_page import ContactPage
from netbook.widgets.merge_picker import MergePicker
from netbook.widgets.organization_form import OrganizationForm
from netbook.widgets.organization_page import OrganizationPage
from netbook.widgets.referral_tree import ReferralTree

HINT = """Your contact book is empty.

People land here when you tag them in a meeting's notes, or when you add them yourself.

  ctrl+n   add a contact
  esc      back to Home, to prepare or start a meeting
  ctrl+t   the referral tree, once someone has led you to someone
  F1       every key on this screen
"""

RECORD_VIEWS = ("people-hint", "people-contact", "people-org")  # what follows the list's cursor
FORM_VIEWS = ("people-form", "people-org-form", "people-merge")  # escape leaves them for the record


class PeoplePages(ContentSwitcher):
    DEFAULT_CSS = """
    PeoplePages #people-hint { padding: 1 2; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, initial="people-hint")

    def compose(self) -> ComposeResult:
        yield Static(Text(HINT), id="people-hint")
        yield ContactPage(id="people-contact")
        yield OrganizationPage(id="people-org")
        yield ContactForm(id="people-form")
        yield OrganizationForm(id="people-org-form")
        yield MergePicker(id="people-merge")
        yield ReferralTree(id="people-tree")

    @property
    def follows_list(self) -> bool:
        """The hint or a record's page is shown: moving in the list may change it."""
        return self.current in RECORD_VIEWS

    def show_hint(self) -> None:
        self.current = "people-hint"

    def show_contact(self, details: ContactDetails, today: date, *, mentions_ready: bool) -> ContactPage:
        page = self.query_one("#people-contact", ContactPage)
        page.show(details, today, mentions_ready=mentions_ready)
        self.current = "people-contact"
        return page

    def show_organization(self, details: OrganizationDetails, *, mentions_ready: bool) -> OrganizationPage:
        page = self.query_one("#people-org", OrganizationPage)
        page.show(details, mentions_ready=mentions_ready)
        self.current = "people-org"
        return page

    def edit_contact(self, contact_id: str | None, values: dict[str, str], organizations: list[str]) -> ContactForm:
        form = self.query_one("#people-form", ContactForm)
        form.load(contact_id, values, organizations)
        self.current = "people-form"
        return form

    def edit_organization(self, organization_id: str, values: dict[str, str]) -> OrganizationForm:
        form = self.query_one("#people-org-form", OrganizationForm)
        form.load(organization_id, values)
        self.current = "people-org-form"
        return form

    def show_tree(self, roots: list[ReferralNode]) -> ReferralTree:
        tree = self.query_one("#people-tree", ReferralTree)
        tree.load(roots)
        self.current = "people-tree"
        return tree

    def start_merge(self, entry: SearchEntry, index: SearchIndex) -> MergePicker:
        picker = self.query_one(MergePicker)
        self.current = "people-merge"
        picker.start(entry, index)
        return picker
