"""The app shell: opens on the data dir, quits with ctrl+q, reports problems in one line."""

from __future__ import annotations

from netbook.app import create_app
from netbook.screens.keys import KeysScreen
from netbook.storage.config import Config
from netbook.storage.store import Store

from screen_view import NoticeLog


async def test_opens_home_showing_data_dir_and_quits(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.sub_title == str(data_dir)
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_f1_lists_the_keys(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        shown = str(app.screen.query_one("#keys-list").render())
        assert "Quit" in shown and "^q" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, KeysScreen)


async def test_second_copy_opens_read_only_and_says_so(data_dir, clock):
    holder = Store.open(data_dir)
    try:
        app = create_app(data_dir, config=Config(), clock=clock)
        notices = NoticeLog()
        async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
            await pilot.pause()
            assert app.store.read_only
            assert app.sub_title.endswith("(read-only)")
            messages = list(notices.messages)
            assert any("in use by another netbook" in m for m in messages)
    finally:
        holder.close()


async def test_bad_config_is_one_line_and_defaults(data_dir, clock, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("closing_notice_minutes = 'soon'\n")
    app = create_app(data_dir, config_path=path, clock=clock)
    notices = NoticeLog()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await pilot.pause()
        assert app.config.closing_notice_minutes is None  # the default: the notice scales with the meeting
        messages = list(notices.messages)
        assert any(str(path) in m and "closing_notice_minutes" in m for m in messages)


async def test_savers_run_on_quit(make_app):
    app = make_app()
    saved = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.register_saver("probe", lambda: saved.append("x"))
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert saved and saved[0] == "x"


async def test_corrupt_contact_book_ends_with_one_line_and_is_untouched(make_app, data_dir):
    with Store.open(data_dir) as store:
        store.ensure_contact("Jane Doe")
    people = data_dir / "people.json"
    people.write_text('{"contacts": {"1": {"name": ')
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 1
    assert app.fatal_error.startswith(str(people)) and "not valid JSON" in app.fatal_error
    assert "\n" not in app.fatal_error
    assert people.read_text() == '{"contacts": {"1": {"name": '


async def test_gc_is_back_on_once_the_first_screen_is_drawn(make_app):
    import gc

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert gc.isenabled()
    assert gc.isenabled()


async def test_what_start_up_and_the_palette_load_is_kept_out_of_the_gc_until_exit(make_app, data_dir):
    import gc

    from netbook.domain.demo import generate_demo

    generate_demo(data_dir, meetings=8, contacts=20, seed=5)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.start_jump_targets()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.jump_targets.ready
        assert gc.get_freeze_count() > 0  # the book and the targets: full collections skip them
    assert gc.get_freeze_count() == 0


async def test_the_meetings_folder_is_cleaned_once_home_is_drawn(make_app, data_dir):
    from netbook.domain.demo import generate_demo

    generate_demo(data_dir, meetings=3, contacts=5, seed=5)
    stale = data_dir / "meetings" / ".x.json.123.abcd.tmp"
    stale.write_text("partial")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):  # wait for the condition: Home drawn, then its upkeep timer
            if not stale.exists():
                break
            await pilot.pause(0.02)
        assert not stale.exists()
        assert app.is_running
