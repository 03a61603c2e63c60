"""Profile: who you are, for the drafts — name, e-mail, LinkedIn, a one-line pitch, a sign-off.

Reached from Home (``y``) and the palette. ctrl+s checks and saves it into the config
file's ``[profile]`` table (in a worker; the drafts use it at once), escape goes back
without saving.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header

from netbook.domain.profile_fields import profile_from_values, profile_values
from netbook.storage.config import Profile, save_profile
from netbook.widgets.profile_form import ProfileForm


class ProfileScreen(Screen[None]):
    HELP_TITLE = "Profile"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="profile.save", priority=True),
        Binding("escape", "back", "Back", id="profile.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield ProfileForm(id="profile-form")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Profile"
        form = self.query_one(ProfileForm)
        form.load(profile_values(self.app.config.profile))
        form.field("name").focus()

    def action_save(self) -> None:
        values = self.query_one(ProfileForm).checked_values()
        if values is None:
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
