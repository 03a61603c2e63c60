"""An organization's page: its names, its people (enter opens one) and where it came up."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netbook.domain.contact_details import OrganizationDetails
from netbook.domain.display_text import visible_text
from netbook.widgets.contact_page import link_prompt, mention_body


class OrganizationPage(VerticalScroll):
    DEFAULT_CSS = """
    OrganizationPage { padding: 0 1; }
    OrganizationPage > #org-card { margin: 0 0 1 0; }
    OrganizationPage > #org-links { height: auto; max-height: 100%; border: none; padding: 0; background: $surface; }
    OrganizationPage > #org-notes { margin-top: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.details: OrganizationDetails | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="org-card")
        yield OptionList(id="org-links")
        yield Static(id="org-notes")

    @property
    def links(self) -> OptionList:
        return self.query_one("#org-links", OptionList)

    def show(self, details: OrganizationDetails, *, mentions_ready: bool = True) -> None:
        self.details = details
        org = details.organization
        card = Text()
        card.append(visible_text(org.name) or "(no name)", style="bold")
        card.append("\nAlso known as ", style="bold")
        if org.aliases:
            card.append(", ".join(visible_text(a) for a in org.aliases))
        else:
            card.append("no other names — e to add some", style="dim")
        self.query_one("#org-card", Static).update(card)
        options: list[Option] = []
        if details.people:
            for i, person in enumerate(details.people):
                body = Text(visible_text(person.name))
                if person.role:
                    body.append(f" · {visible_text(person.role)}", style="dim")
                options.append(Option(link_prompt("People", body, first=i == 0), id=f"contact:{person.id}"))
        else:
            options.append(Option(link_prompt("People", Text("nobody here yet", style="dim"), first=True), disabled=True))
        if not mentions_ready:
            options.append(Option(link_prompt("Mentioned in", Text("looking through your meetings…", style="dim"), first=True), disabled=True))
        elif details.mentions:
            seen: set[str] = set()
            for ref, summary in details.mentions:
                key = f"mention:{ref.meeting_id}"
                if key not in seen:
                    options.append(Option(link_prompt("Mentioned in", mention_body(ref, summary), first=not seen), id=key))
                    seen.add(key)
        else:
            options.append(Option(link_prompt("Mentioned in", Text("no meeting notes yet", style="dim"), first=True), disabled=True))
        self.links.set_options(options)
        if self.links.option_count:
            self.links.action_first()
        notes = Text("Notes\n", style="bold")
        notes.append(Text(visible_text(org.notes, keep_newlines=True)) if org.notes.strip() else Text("none yet", style="dim italic"))
        self.query_one("#org-notes", Static).update(notes)
        self.scroll_home(animate=False)
