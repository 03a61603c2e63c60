"""The profile's fields — name, e-mail, LinkedIn, a one-line pitch — and the sign-off, checked as you type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label, Static, TextArea

from netbook.domain.profile_fields import FIELDS, SIGNATURE, profile_problems
from netbook.widgets.checked_form import CheckedForm
from netbook.widgets.text_box import TextBox

HELP = "ctrl+s saves · esc goes back without saving · tab moves on"
ABOUT = ("Drafted e-mails sign with your name, e-mail and LinkedIn under the sign-off; "
         "a first message to someone new introduces you with the pitch.")


class ProfileForm(CheckedForm):
    FIELDS = FIELDS
    PREFIX = "profile-"
    DEFAULT_CSS = """
    ProfileForm #profile-about { color: $text-muted; margin-bottom: 1; }
    ProfileForm .form-label { width: 12; }
    ProfileForm .form-problem { padding-left: 12; }
    ProfileForm #profile-signature { height: 4; background: $boost; border: none; padding: 0; }
    ProfileForm #profile-help { color: $text-muted; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text(ABOUT), id="profile-about")
        yield from self.field_rows()
        yield Label("Sign-off (above your name; empty: “Best regards,”)", classes="form-label-wide")
        yield TextBox(id="profile-signature", soft_wrap=True, show_line_numbers=False, compact=True)
        yield Static(Text(HELP, style="dim"), id="profile-help")

    def problems(self, values: dict[str, str]) -> dict[str, str]:
        return profile_problems(values)

    def load(self, values: dict[str, str]) -> None:
        self.load_fields(values)
        self.query_one("#profile-signature", TextArea).load_text(values.get(SIGNATURE, ""))
        self.show_problems(self.problems(values))  # a hand-edited config may hold a typo

    def values(self) -> dict[str, str]:
        return {**self.field_values(), SIGNATURE: self.query_one("#profile-signature", TextArea).text}
