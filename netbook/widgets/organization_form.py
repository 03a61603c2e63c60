"""Edit an organization: its name, the other names it goes by, notes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Static, TextArea

from netbook.domain.contact_editing import organization_form_problems
from netbook.widgets.text_box import TextBox
from netbook.widgets.text_input import TextInput


class OrganizationForm(VerticalScroll):
    DEFAULT_CSS = """
    OrganizationForm { padding: 0 1; }
    OrganizationForm > #org-form-title { text-style: bold; margin-bottom: 1; }
    OrganizationForm .form-row { height: 1; margin-bottom: 1; }
    OrganizationForm .form-label { width: 15; }
    OrganizationForm .form-row Input { width: 1fr; background: $boost; }
    OrganizationForm .form-row Input > .input--placeholder { color: $text-disabled; text-style: italic; }
    OrganizationForm #org-form-problem { color: $error; }
    OrganizationForm #org-form-notes { height: 6; background: $boost; border: none; padding: 0; }
    OrganizationForm > #org-form-help { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("ctrl+s", "save", "Save", id="org_form.save", priority=True)]

    class Submitted(Message):
        def __init__(self, form: OrganizationForm, values: dict[str, str]) -> None:
            super().__init__()
            self.form = form
            self.values = values

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.organization_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="org-form-title")
        with Horizontal(classes="form-row"):
            yield Label("Name", classes="form-label")
            yield TextInput(id="org-form-name", compact=True, select_on_focus=False)
        with Horizontal(classes="form-row"):
            yield Label("Also known as", classes="form-label")
            yield TextInput(id="org-form-aliases", placeholder="e.g. Citi, Citigroup (comma-separated)", compact=True,
                        select_on_focus=False)
        yield Static("", id="org-form-problem", markup=False)
        yield Label("Notes", classes="form-label")
        yield TextBox(id="org-form-notes", soft_wrap=True, compact=True)
        yield Static(Text("ctrl+s saves · esc goes back without saving", style="dim"), id="org-form-help")

    def on_mount(self) -> None:
        if self.app.is_headless:
            for widget in self.query(Input):
                widget.cursor_blink = False
            self.query_one(TextArea).cursor_blink = False

    def load(self, organization_id: str, values: dict[str, str]) -> None:
        self.organization_id = organization_id
        self.query_one("#org-form-title", Static).update(Text(f"Edit {values.get('name', '')}"))
        for key in ("name", "aliases"):
            field = self.query_one(f"#org-form-{key}", Input)
            field.value = values.get(key, "")
            field.cursor_position = len(field.value)
        self.query_one("#org-form-notes", TextArea).load_text(values.get("notes", ""))
        self.query_one("#org-form-problem", Static).update("")

    def values(self) -> dict[str, str]:
        return {
            "name": self.query_one("#org-form-name", Input).value,
            "aliases": self.query_one("#org-form-aliases", Input).value,
            "notes": self.query_one("#org-form-notes", TextArea).text,
        }

    def focus_first(self) -> None:
        self.query_one("#org-form-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def action_save(self) -> None:
        values = self.values()
        problems = organization_form_problems(values)
        self.query_one("#org-form-problem", Static).update("; ".join(problems.values()))
        if not problems:
            self.post_message(self.Submitted(self, values))
