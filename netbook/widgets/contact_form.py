"""Edit (or create) a contact: one line per field, problems shown under the field as you type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from netbook.domain.contact_editing import contact_form_problems
from netbook.domain.display_text import one_line
from netbook.widgets.text_box import TextBox
from netbook.widgets.text_input import TextInput

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


class ContactForm(VerticalScroll):
    """Posts :class:`ContactForm.Submitted` with valid values on ctrl+s, ``Cancelled`` on escape."""

    DEFAULT_CSS = """
    ContactForm { padding: 0 1; }
    ContactForm > #form-title { text-style: bold; margin-bottom: 1; }
    ContactForm .form-row { height: 1; margin-bottom: 1; }
    ContactForm .form-row.-invalid { margin-bottom: 0; }
    ContactForm .form-label { width: 15; }
    ContactForm .form-row Input { width: 1fr; background: $boost; }
    ContactForm .form-row Input.-invalid { background: $error 20%; }
    ContactForm .form-row Input > .input--placeholder { color: $text-disabled; text-style: italic; }
    ContactForm .form-problem { color: $error; padding-left: 15; display: none; margin-bottom: 1; }
    ContactForm .form-problem.-shown { display: block; }
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
        for key, label, placeholder in FIELDS:
            with Horizontal(classes="form-row", id=f"row-{key}"):
                yield Label(label, classes="form-label")
                yield TextInput(placeholder=placeholder, id=f"form-{key}", compact=True, select_on_focus=False)
            yield Static("", classes="form-problem", id=f"problem-{key}", markup=False)
        yield Label("Private notes", classes="form-label")
        yield TextBox(id="form-notes", soft_wrap=True, show_line_numbers=False, compact=True)
        yield Static(Text("ctrl+s saves · esc goes back without saving · tab moves on", style="dim"), id="form-help")

    def on_mount(self) -> None:
        if self.app.is_headless:
            for widget in self.query(Input):
                widget.cursor_blink = False
            self.query_one(TextArea).cursor_blink = False

    def load(self, contact_id: str | None, values: dict[str, str], organizations: list[str]) -> None:
        self.contact_id = contact_id
        title = "New contact" if contact_id is None else f"Edit {values.get('name', '')}"
        self.query_one("#form-title", Static).update(Text(one_line(title)))
        for key, _label, _ph in FIELDS:
            field = self.query_one(f"#form-{key}", Input)
            with field.prevent(Input.Changed):
                field.value = values.get(key, "")
            field.cursor_position = len(field.value)
        self.query_one("#form-organization", Input).suggester = SuggestFromList(organizations, case_sensitive=False)
        self.query_one("#form-notes", TextArea).load_text(values.get("notes", ""))
        self._show_problems({})
        self.scroll_home(animate=False)

    def values(self) -> dict[str, str]:
        out = {key: self.query_one(f"#form-{key}", Input).value for key, _l, _p in FIELDS}
        out["notes"] = self.query_one("#form-notes", TextArea).text
        return out

    def focus_first(self) -> None:
        self.query_one("#form-name", Input).focus()

    def _show_problems(self, problems: dict[str, str], only: set[str] | None = None) -> None:
        for key, _label, _ph in FIELDS:
            if only is not None and key not in only:
                continue
            problem = problems.get(key)
            widget = self.query_one(f"#problem-{key}", Static)
            widget.update(problem or "")
            widget.set_class(bool(problem), "-shown")
            self.query_one(f"#row-{key}").set_class(bool(problem), "-invalid")
            self.query_one(f"#form-{key}", Input).set_class(bool(problem), "-invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("form-")
        problems = contact_form_problems(self.values(), today=self.app.clock.today())
        # a field's problem appears as soon as it is typed in; "name needed" waits for save
        if key != "name" or event.value.strip():
            self._show_problems(problems, only={key})

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def action_save(self) -> None:
        values = self.values()
        problems = contact_form_problems(values, today=self.app.clock.today())
        self._show_problems(problems)
        if problems:
            first = next(k for k, _l, _p in FIELDS if k in problems)
            self.query_one(f"#form-{first}", Input).focus()
            return
        self.post_message(self.Submitted(self, values))
