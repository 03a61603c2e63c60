"""Profile: who you are, for the drafts — name, e-mail, LinkedIn, a one-line pitch, a sign-off.

Reached from Home (``y``) and the palette. ctrl+s checks and saves it into the config
file's ``[profile]`` table (in a worker; the drafts use it at once), escape goes back
without saving.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static, TextArea

from netbook.domain.profile_fields import FIELDS, SIGNATURE, profile_from_values, profile_problems, profile_values
from netbook.storage.config import Profile, save_profile
from netbook.widgets.text_box import TextBox
from netbook.widgets.text_input import TextInput

HELP = "ctrl+s saves · esc goes back without saving · tab moves on"
ABOUT = ("Drafted e-mails sign with your name, e-mail and LinkedIn under the sign-off; "
         "a first message to someone new introduces you with the pitch.")


class ProfileScreen(Screen[None]):
    HELP_TITLE = "Profile"

    DEFAULT_CSS = """
    ProfileScreen #profile-form { padding: 0 1; }
    ProfileScreen #profile-about { color: $text-muted; margin-bottom: 1; }
    ProfileScreen .form-row { height: 1; margin-bottom: 1; }
    ProfileScreen .form-row.-invalid { margin-bottom: 0; }
    ProfileScreen .form-label { width: 12; }
    ProfileScreen .form-row Input { width: 1fr; background: $boost; }
    ProfileScreen .form-row Input.-invalid { background: $error 20%; }
    ProfileScreen .form-row Input > .input--placeholder { color: $text-disabled; text-style: italic; }
    ProfileScreen .form-problem { color: $error; padding-left: 12; display: none; margin-bottom: 1; }
    ProfileScreen .form-problem.-shown { display: block; }
    ProfileScreen #profile-signature { height: 4; background: $boost; border: none; padding: 0; }
    ProfileScreen #profile-help { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="profile.save", priority=True),
        Binding("escape", "back", "Back", id="profile.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="profile-form"):
            yield Static(Text(ABOUT), id="profile-about")
            for key, label, placeholder in FIELDS:
                with Horizontal(classes="form-row", id=f"row-{key}"):
                    yield Label(label, classes="form-label")
                    yield TextInput(placeholder=placeholder, id=f"profile-{key}", compact=True, select_on_focus=False)
                yield Static("", classes="form-problem", id=f"problem-{key}", markup=False)
            yield Label("Sign-off (above your name; empty: “Best regards,”)", classes="form-label-wide")
            yield TextBox(id="profile-signature", soft_wrap=True, show_line_numbers=False, compact=True)
            yield Static(Text(HELP, style="dim"), id="profile-help")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Profile"
        values = profile_values(self.app.config.profile)
        for key, _label, _ph in FIELDS:
            field = self.query_one(f"#profile-{key}", Input)
            if self.app.is_headless:
                field.cursor_blink = False
            with field.prevent(Input.Changed):
                field.value = values.get(key, "")
            field.cursor_position = len(field.value)
        signature = self.query_one("#profile-signature", TextArea)
        signature.cursor_blink = not self.app.is_headless
        signature.load_text(values.get(SIGNATURE, ""))
        self._show_problems(profile_problems(values))  # a hand-edited config may hold a typo
        self.query_one("#profile-name", Input).focus()

    def values(self) -> dict[str, str]:
        out = {key: self.query_one(f"#profile-{key}", Input).value for key, _l, _p in FIELDS}
        out[SIGNATURE] = self.query_one("#profile-signature", TextArea).text
        return out

    def _show_problems(self, problems: dict[str, str], only: set[str] | None = None) -> None:
        for key, _label, _ph in FIELDS:
            if only is not None and key not in only:
                continue
            problem = problems.get(key)
            widget = self.query_one(f"#problem-{key}", Static)
            widget.update(problem or "")
            widget.set_class(bool(problem), "-shown")
            self.query_one(f"#row-{key}").set_class(bool(problem), "-invalid")
            self.query_one(f"#profile-{key}", Input).set_class(bool(problem), "-invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("profile-")
        self._show_problems(profile_problems(self.values()), only={key})

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        values = self.values()
        problems = profile_problems(values)
        self._show_problems(problems)
        if problems:
            first = next(k for k, _l, _p in FIELDS if k in problems)
            self.query_one(f"#profile-{first}", Input).focus()
            return
        profile = profile_from_values(values)
        self.app.config.profile = profile  # the drafts sign with it from now on
        if self.app.config_path is None:
            self.app.say("Profile saved for this session (no config file).", timeout=4)
        else:
            self._write(profile)
        self.dismiss()

    def _write(self, profile: Profile) -> None:
        """In an app worker: the screen is gone by the time the file is written."""
        app, path = self.app, self.app.config_path

        def write() -> None:
            problem = save_profile(path, profile)
            if problem:
                app.call_from_thread(app.say, problem, severity="warning")
            else:
                app.call_from_thread(app.say, f"Profile saved in {path}.", timeout=4)

        app.run_worker(write, thread=True, group="config")

    def action_back(self) -> None:
        self.dismiss()
