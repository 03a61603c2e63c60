"""Edit (or create) a contact: one line per field, problems shown under the field as you type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Label, Static, TextArea

from netbook.domain.contact_editing import contact_form_problems
from netbook.domain.display_text import one_line
from netbook.widgets.checked_form import CheckedForm
from netbook.widgets.text_box import TextBox

FIELDS = [  # placeholders read as examples ("e.g. …", dim italic), never as values already filled in
    ("name", "Name", "e.g. Susan Smith"),
    ("role", "Role", "e.g. Director of Engineering"),
    ("organization", "Organization", "e.g. Citibank"),
    ("email", "E-mail", "e.g. susan@example.com"),
    ("phone", "Phone", "e.g. +1 555 0100"),
    ("linkedin_url", "LinkedIn", "e.g. https://www.linkedin.com/in/susan-smith"),
    ("how_met", "How met", "e.g. Bob's referral, alumni night"),
    ("next_checkin", "Next check-in", "e.g. 2026-04-07"),
]


class ContactForm(CheckedForm):
    """Posts :class:`ContactForm.Submitted` with valid values on ctrl+s, ``Cancelled`` on escape."""

    FIELDS = FIELDS
    PREFIX = "form-"
    DEFAULT_CSS = """
    ContactForm > #form-title { text-style: bold; margin-bottom: 1; }
    ContactForm .form-label { width: 15; }
    ContactForm .form-problem { padding-left: 15; }
    ContactForm #form-notes { height: 6; background: $boost; border: none; padding: 0; }
    ContactForm > #form-help { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="contact_form.save", priority=True),
    ]

    class Submitted(Message):
        def __init__(self, form: ContactForm, values: dict[str, str]) -> None:
            super().__init__()
            self.form = form
            self.values = values

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.contact_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="form-title")
        yield from self.field_rows()
        yield Label("Private notes", classes="form-label")
        yield TextBox(id="form-notes", soft_wrap=True, show_line_numbers=False, compact=True)
        yield Static(Text("ctrl+s saves · esc goes back without saving · tab moves on", style="dim"), id="form-help")

    def problems(self, values: dict[str, str]) -> dict[str, str]:
        return contact_form_problems(values, today=self.app.clock.today())

    def shows_problem_while_typing(self, key: str, value: str) -> bool:
        return key != "name" or bool(value.strip())  # "name needed" waits for save

    def load(self, contact_id: str | None, values: dict[str, str], organizations: list[str]) -> None:
        self.contact_id = contact_id
        title = "New contact" if contact_id is None else f"Edit {values.get('name', '')}"
        self.query_one("#form-title", Static).update(Text(one_line(title)))
        self.load_fields(values)
        self.field("organization").suggester = SuggestFromList(organizations, case_sensitive=False)
        self.query_one("#form-notes", TextArea).load_text(values.get("notes", ""))
        self.show_problems({})
        self.scroll_home(animate=False)

    def values(self) -> dict[str, str]:
        return {**self.field_values(), "notes": self.query_one("#form-notes", TextArea).text}

    def focus_first(self) -> None:
        self.field("name").focus()

    def action_save(self) -> None:
        values = self.checked_values()
        if values is not None:
            self.post_message(self.Submitted(self, values))
