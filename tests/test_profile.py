"""Profile: stored in the config's [profile] table, written atomically (0600), comments and other keys kept."""

from __future__ import annotations

import tomllib

from netbook.storage.config import Config, Profile, load_config, save_profile, save_theme

HOSTILE = 'Zoë "Z" \\ [bold]x[/] 🎉\x1b[31m\x7f'


def test_profile_saved_into_a_new_file_private(tmp_path):
    path = tmp_path / "cfg" / "config.toml"
    profile = Profile(name="Ann Lee", email="ann@example.com", linkedin="https://www.linkedin.com/in/annlee",
                      pitch="Data analyst moving into product", signature="Warm regards,\nAnn")
    assert save_profile(path, profile) is None
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert load_config(path) == (Config(profile=profile), None)


def test_profile_keeps_comments_other_keys_and_replaces_itself(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"\n\n[profile]\nname = "Old"\n# note\n\n[keymap]\n"home.new_meeting" = "ctrl+n"\n')
    assert save_profile(path, Profile(name="Ann", pitch="p")) is None
    text = path.read_text()
    assert text.startswith("# mine\ntheme = \"nord\"") and '"Old"' not in text
    assert tomllib.loads(text) == {"theme": "nord", "keymap": {"home.new_meeting": "ctrl+n"},
                                   "profile": Profile(name="Ann", pitch="p").model_dump()}
    assert save_theme(path, "gruvbox") is None
    assert load_config(path)[0].profile.name == "Ann"


def test_hostile_profile_text_round_trips(tmp_path):
    path = tmp_path / "config.toml"
    profile = Profile(name=HOSTILE, signature=HOSTILE + "\nline two\ttab")
    assert save_profile(path, profile) is None
    assert load_config(path) == (Config(profile=profile), None)


def test_broken_file_left_alone(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("theme = [\n")
    problem = save_profile(path, Profile(name="Ann"))
    assert problem and str(path) in problem and "profile" in problem and "\n" not in problem
    assert path.read_text() == "theme = [\n"
