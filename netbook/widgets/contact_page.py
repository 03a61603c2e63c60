"""A contact's page: who they are, how you are doing with them, and every link to them."""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netbook.domain.contact_record import AskRecord, asks_involving, lead_details
from netbook.domain.contact_details import STATUS_LABELS, ContactDetails
from netbook.domain.dates import relative_day
from netbook.domain.contact_references import MentionRef
from netbook.domain.display_text import visible_text
from netbook.domain.models import LeadStatus, MeetingSummary

STATUS_STYLES = {LeadStatus.TO_CONTACT: "bold yellow", LeadStatus.CONTACTED: "bold cyan", LeadStatus.MET: "bold green"}
LABEL_WIDTH = 14


def meeting_line(summary: MeetingSummary) -> str:
    when = summary.when()
    day = when.strftime("%Y-%m-%d") if when else "unscheduled"
    title = summary.title or "meeting"
    return f"{day}  {title} · {summary.status.value}"


def link_prompt(label: str, body: Text | str, *, first: bool) -> Table:
    """A label column and a body that wraps under itself (hanging indent)."""
    grid = Table.grid(padding=0, expand=True)
    grid.add_column(width=LABEL_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(
        Text(label if first else "", style="bold"),
        body if isinstance(body, Text) else Text(visible_text(body)),
    )
    return grid


def mention_body(ref: MentionRef, summary: MeetingSummary | None) -> Text:
    text = Text()
    if summary is not None:
        when = summary.when()
        text.append(when.strftime("%Y-%m-%d") if when else "unscheduled")
        text.append(f" with {visible_text(summary.contact_name or '?')}")
    else:
        text.append("a meeting")
    if ref.quote.strip():
        text.append(": “", style="dim")
        text.append(visible_text(ref.quote.strip()[:200]), style="italic")
        text.append("”", style="dim")
    return text


def asks_text(records: list[AskRecord]) -> Text:
    """Every ask involving them, under the meeting it was asked in:

    2026-03-10 with Jane Doe, about them
      good person to talk to? yes · e-mail; use my name
    """
    text = Text()
    if not records:
        return text
    text.append("Asks", style="bold")
    heading = None
    for r in records:
        day = r.when.strftime("%Y-%m-%d") if r.when else "unscheduled"
        head = (r.meeting_id, r.about_them)
        if head != heading:
            heading = head
            text.append(f"\n{day} with {visible_text(r.met)}" + (", about them" if r.about_them else ""), style="dim")
        text.append("\n  ")
        if r.about:
            text.append(f"about {visible_text(r.about)}: ")
        text.append(f"{r.label} ")
        text.append(visible_text(r.said), style="dim italic" if r.said == "not asked" else "")
    return text


class ContactPage(VerticalScroll):
    """Card, links (referrer, leads, meetings, mentions — enter opens one) and private notes."""

    DEFAULT_CSS = """
    ContactPage { padding: 0 1; }
    ContactPage > #contact-card { margin: 0 0 1 0; }
    ContactPage > #contact-links { height: auto; max-height: 100%; border: none; padding: 0; background: $surface; }
    ContactPage > #contact-links:focus { background-tint: $foreground 3%; }
    ContactPage > #contact-asks { margin-top: 1; display: none; }
    ContactPage > #contact-notes-title { margin-top: 1; text-style: bold; }
    ContactPage > #contact-notes { color: $text; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.details: ContactDetails | None = None
        self.records: list[AskRecord] = []  # every ask involving them, once read

    def compose(self) -> ComposeResult:
        yield Static(id="contact-card")
        yield OptionList(id="contact-links")
        yield Static(id="contact-asks")
        yield Static(Text("Private notes"), id="contact-notes-title")
        yield Static(id="contact-notes")

    @property
    def links(self) -> OptionList:
        return self.query_one("#contact-links", OptionList)

    def show(self, details: ContactDetails, today: date, *, mentions_ready: bool = True) -> None:
        same = self.details is not None and self.details.contact.id == details.contact.id
        self.details = details
        self.query_one("#contact-card", Static).update(self._card(details, today))
        links = self.links
        keep = links.highlighted if same else None
        links.set_options(self._links(details, mentions_ready))
        if links.option_count:
            links.highlighted = keep if keep is not None and keep < links.option_count else None
            if links.highlighted is None:
                links.action_first()
        self._load_asks(details, same)
        notes = details.contact.notes
        self.query_one("#contact-notes", Static).update(
            Text(visible_text(notes, keep_newlines=True)) if notes.strip() else Text("none yet — e to edit", style="dim italic")
        )
        if not same:
            self.scroll_home(animate=False)

    def _card(self, d: ContactDetails, today: date) -> Text:
        c = d.contact
        text = Text()
        text.append(visible_text(c.name) or "(no name)", style="bold")
        text.append("   ")
        text.append(f" {STATUS_LABELS[d.status]} ", style=f"reverse {STATUS_STYLES[d.status]}")
        line = ", ".join(p for p in (visible_text(c.role), visible_text(d.organization.name) if d.organization else "") if p)
        if line:
            text.append(f"\n{line}")
        reach = "   ".join(p for p in (visible_text(c.email), visible_text(c.phone), visible_text(c.linkedin_url)) if p)
        if reach:
            text.append(f"\n{reach}")
        text.append("\n")
        for label, value in lead_details(c, d.referred_by.name if d.referred_by else None):
            text.append(f"\n{label:<{LABEL_WIDTH}}", style="bold")
            text.append(visible_text(value))
        text.append("\nLast contact  ", style="bold")
        if c.last_contact:
            text.append(f"{c.last_contact.isoformat()} ({relative_day(c.last_contact, today)})")
        else:
            text.append("never logged", style="dim")
        text.append("\nNext check-in ", style="bold")
        if c.next_checkin:
            due = c.next_checkin <= today
            text.append(
                f"{c.next_checkin.isoformat()} ({relative_day(c.next_checkin, today)})",
                style="bold red" if due else "",
            )
        else:
            text.append("none set", style="dim")
        if c.how_met.strip():
            text.append("\nHow met       ", style="bold")
            text.append(visible_text(c.how_met))
        if c.aliases:
            text.append("\nAlso known as ", style="bold")
            text.append(", ".join(visible_text(a) for a in c.aliases))
        return text

    # ------------------------------------------------------------------ asks (read in a worker)

    def _load_asks(self, details: ContactDetails, same: bool) -> None:
        if not same:
            self.records = []
            self.query_one("#contact-asks", Static).display = False
        contact = details.contact
        ids = [s.id for s in details.meetings] + [ref.meeting_id for ref, _s in details.mentions]
        store = self.app.store

        def read() -> None:
            records = asks_involving(store, contact, ids)
            try:
                self.app.call_from_thread(self._show_asks, contact.id, records)
            except RuntimeError:  # the app is closing
                pass

        self.run_worker(read, thread=True, group="contact-asks", exclusive=True, exit_on_error=False)

    def _show_asks(self, contact_id: str, records: list[AskRecord]) -> None:
        if self.details is None or self.details.contact.id != contact_id:
            return  # another contact is shown now
        self.records = records
        shown = self.query_one("#contact-asks", Static)
        shown.update(asks_text(records))
        shown.display = bool(records)  # no empty heading for someone never asked about

    def _links(self, d: ContactDetails, mentions_ready: bool) -> list[Option]:
        options: list[Option] = []
        if d.referred_by is not None:
            options.append(Option(link_prompt("Referred by", d.referred_by.name, first=True), id=f"contact:{d.referred_by.id}"))
        else:
            options.append(Option(link_prompt("Referred by", Text("nobody — you know them directly", style="dim"), first=True), disabled=True))
        if d.led_to:
            for i, (lead, status) in enumerate(d.led_to):
                body = Text(visible_text(lead.name))
                body.append(f" · {STATUS_LABELS[status]}", style=STATUS_STYLES[status])
                # "lead:" not "contact:": in a referral loop (A referred by B, B by A) the
                # same person is both the referrer and a lead, and option ids must be unique.
                options.append(Option(link_prompt("Led you to", body, first=i == 0), id=f"lead:{lead.id}"))
        else:
            options.append(Option(link_prompt("Led you to", Text("nobody yet", style="dim"), first=True), disabled=True))
        if d.meetings:
            for i, summary in enumerate(d.meetings):
                options.append(Option(link_prompt("Meetings", meeting_line(summary), first=i == 0), id=f"meeting:{summary.id}"))
        else:
            options.append(Option(link_prompt("Meetings", Text("none yet — p prepares one", style="dim"), first=True), disabled=True))
        if not mentions_ready:
            options.append(Option(link_prompt("Mentioned in", Text("looking through your meetings…", style="dim"), first=True), disabled=True))
        elif d.mentions:
            seen: set[str] = set()
            first = True
            for ref, summary in d.mentions:
                key = f"mention:{ref.meeting_id}"
                if key in seen:
                    continue
                seen.add(key)
                options.append(Option(link_prompt("Mentioned in", mention_body(ref, summary), first=first), id=key))
                first = False
        else:
            options.append(Option(link_prompt("Mentioned in", Text("no meeting notes yet", style="dim"), first=True), disabled=True))
        return options
