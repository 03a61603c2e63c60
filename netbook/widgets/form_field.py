"""One row of a form: a label, the control, and an inline error line shown only when set."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormField(Vertical):
    DEFAULT_CSS = """
    FormField { height: auto; margin: 0; }
    FormField > Horizontal { height: auto; }
    FormField > Horizontal > .form-label { width: 16; color: $text-muted; padding: 0 1 0 0; text-align: right; }
    FormField:focus-within > Horizontal > .form-label { color: $text; text-style: bold; }
    FormField > Horizontal > .form-control { width: 1fr; }
    FormField > .form-error { display: none; color: $error; text-style: bold; padding: 0 0 0 16; }
    FormField.-invalid > .form-error { display: block; }
    FormField.-invalid > Horizontal > .form-label { color: $error; }
    """

    def __init__(self, label: str, control: Widget, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.control = control
        control.add_class("form-control")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(Text(self.label), classes="form-label")
            yield self.control
        yield Static("", classes="form-error", markup=False)

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the control (None clears it)."""
        self.set_class(bool(message), "-invalid")
        self.query_one(".form-error", Static).update(Text(message or ""))

    @property
    def error(self) -> str:
        return str(self.query_one(".form-error", Static).render()) if self.has_class("-invalid") else ""
