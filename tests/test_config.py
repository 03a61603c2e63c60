"""Config: keymap overrides, the theme remembered, a bad file = one clear line + defaults."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from netbook.app import create_app
from netbook.storage.config import Config, load_config, save_theme

from screen_view import NoticeLog


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_keymap_override_remaps_a_binding(make_app):
    app = make_app(config=Config(keymap={"home.new_meeting": "ctrl+n"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert type(app.screen).__name__ == "PrepareScreen"


async def test_theme_from_config_and_remembered(tmp_path, data_dir, clock):
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"\nclosing_notice_minutes = 3\n\n[keymap]\n"home.new_meeting" = "ctrl+n"\n')
    path.chmod(0o640)  # the user's choice of mode: kept
    app = create_app(data_dir, config_path=path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        assert path.read_text().startswith("# mine\ntheme = \"nord\"")  # nothing written at start
        app.theme = "gruvbox"
        await settle(pilot)
    text = path.read_text()
    assert "# mine" in text
    assert tomllib.loads(text) == {"theme": "gruvbox", "closing_notice_minutes": 3,
                                   "keymap": {"home.new_meeting": "ctrl+n"}}
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert load_config(path) == (Config(theme="gruvbox", closing_notice_minutes=3,
                                        keymap={"home.new_meeting": "ctrl+n"}), None)


async def test_theme_remembered_in_a_new_config_file(tmp_path, data_dir, clock):
    path = tmp_path / "fresh" / "config.toml"
    app = create_app(data_dir, config_path=path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "dracula"
        await settle(pilot)
    assert tomllib.loads(path.read_text()) == {"theme": "dracula"}
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # a file netbook creates


async def test_bad_config_one_clear_line_and_defaults(tmp_path, data_dir, clock):
    path = tmp_path / "config.toml"
    path.write_text("theme = [\n")
    app = create_app(data_dir, config_path=path, clock=clock)
    notices = NoticeLog()
    async with app.run_test(size=(80, 24), message_hook=notices) as pilot:
        await settle(pilot)
        assert app.config == Config()
        messages = list(notices.messages)
        problem = [m for m in messages if str(path) in m]
        assert len(problem) == 1 and "\n" not in problem[0] and "using defaults" in problem[0]
        app.theme = "nord"
        await settle(pilot)
    assert path.read_text() == "theme = [\n"  # a broken file is never overwritten


def test_unknown_key_names_the_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('colour = "blue"\n')
    config, problem = load_config(path)
    assert config == Config() and "colour" in problem and "\n" not in problem


def test_save_theme_edge_cases(tmp_path):
    assert save_theme(Path(os.devnull), "nord") is None  # tests point the config at /dev/null
    odd = tmp_path / "odd.toml"
    odd.write_text('followups = { snooze_days = 2 }\nkeymap = { "a.b" = "x" }\n')
    assert save_theme(odd, "nord") is None
    assert tomllib.loads(odd.read_text()) == {"theme": "nord", "followups": {"snooze_days": 2},
                                              "keymap": {"a.b": "x"}}
    assert save_theme(odd, 'we"ird\\theme') is None
    assert tomllib.loads(odd.read_text())["theme"] == 'we"ird\\theme'
