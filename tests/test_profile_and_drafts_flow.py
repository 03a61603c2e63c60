"""Issue 11, inside the app: the Profile screen, drafts that sign with it, a marked note line in
the thank-you, a draft marked sent (contact logged), snapshots of the Profile screen."""

from __future__ import annotations

import tomllib
from datetime import date, datetime

from screen_view import NoticeLog, screen_text
from test_summary_screen import open_summary, reader, seed

from netbook.app import create_app
from netbook.domain.meeting_lifecycle import start
from netbook.domain.models import FollowUpKind, LeadStatus
from netbook.screens.profile import ProfileScreen
from netbook.storage.config import Config, Profile
from netbook.storage.store import Store
from netbook.widgets.draft_view import DraftView


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_edit_profile_then_drafts_sign_with_it(tmp_path, data_dir, clock):
    mid = seed(data_dir)
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n')
    mode = path.stat().st_mode & 0o777
    app = create_app(data_dir, config_path=path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press(*"Ann Lee", "tab", *"ann@", "tab")
        assert "e-mail should look like name@example.com" in screen_text(app.screen)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ProfileScreen)  # not saved while a field is wrong
        await pilot.press("end", *"example.com", "tab", *"linkedin.com/in/annlee", "tab",
                          *"Analyst moving into product", "tab", *"Cheers,")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ProfileScreen)
        want = Profile(name="Ann Lee", email="ann@example.com", linkedin="https://linkedin.com/in/annlee",
                       pitch="Analyst moving into product", signature="Cheers,")
        assert app.config.profile == want
        await open_summary(app, pilot, mid)
        view = app.screen.query_one(DraftView)
        for draft in view.drafts:
            if not draft.key.startswith("linkedin:"):
                assert draft.body.endswith("Cheers,\nAnn Lee\nann@example.com\nhttps://linkedin.com/in/annlee")
        assert "A little about me: Analyst moving into product." in view.drafts[1].body
        assert "Ann Lee" in screen_text(app.screen).split("Drafted e-mails")[1]
    stored = tomllib.loads(path.read_text())
    assert stored["theme"] == "nord" and stored["profile"] == want.model_dump()
    assert path.stat().st_mode & 0o777 == mode  # an existing config keeps its mode (a new one is 0600: test_profile)


async def test_profile_from_the_palette_and_escape_keeps_it(make_app):
    app = make_app(config=Config(profile=Profile(name="Ann")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_profile()
        await settle(pilot)
        assert app.screen.query_one("#profile-name").value == "Ann"
        await pilot.press(*"xyz", "escape")
        await settle(pilot)
        assert app.config.profile.name == "Ann" and not isinstance(app.screen, ProfileScreen)
        from netbook.screens.command_palette import ActionsProvider

        names = [name for name, _h, _c in ActionsProvider(app.screen)._commands()]
        assert "Profile" in names


async def test_marked_note_line_is_named_in_the_thank_you(make_app, data_dir):
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        meeting = store.create_meeting(jane, notes="hello\nstart with SQL, then Python\nweather talk\n")
        start(meeting, datetime(2026, 3, 10, 13, 30))
        store.save_meeting(meeting)
        mid = meeting.id
    app = make_app(meeting_id=mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pad = app.screen.query_one("#notes")
        pad.cursor_location = (1, 6)
        await pilot.press("f5")
        assert pad.document.get_line(1) == "★ start with SQL, then Python" and pad.cursor_location == (1, 8)
        assert "★ start with SQL" in screen_text(app.screen)
        await pilot.press("ctrl+g")
        await settle(pilot)
        thanks = app.screen.query_one(DraftView).drafts[0]
        assert "One thing you said will stay with me:\n- start with SQL, then Python" in thanks.body
        assert "weather" not in thanks.body
    assert reader(data_dir).load_meeting(mid).notes.splitlines()[1] == "★ start with SQL, then Python"


async def test_f5_again_unmarks(make_app, data_dir):
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        mid = store.create_meeting(jane, status="live", notes="★ keep this\n").id
    app = make_app(meeting_id=mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pad = app.screen.query_one("#notes")
        pad.cursor_location = (0, 4)
        await pilot.press("f5")
        assert pad.document.get_line(0) == "keep this" and pad.cursor_location == (0, 2)


async def test_mark_sent_logs_contact_and_shows_sent(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    notices = NoticeLog()
    async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
        screen = await open_summary(app, pilot, mid)
        await pilot.press("right_square_bracket")  # the first e-mail to Susan Smith
        assert screen.query_one(DraftView).current.key == "lead:susan smith"
        await pilot.press("m")
        await settle(pilot)
        assert "✓ sent Tue 10 Mar" in screen_text(app.screen)
        assert "[x]" in screen_text(app.screen)  # its follow-up (e-mail Susan) is done
        await pilot.press("m")  # again: nothing more happens
        await settle(pilot)
        assert any("Already marked sent" in m for m in notices.messages)
    store = reader(data_dir)
    susan = store.find_contact("Susan Smith")
    assert susan.last_contact == date(2026, 3, 10) and susan.lead_status is LeadStatus.CONTACTED
    m = store.load_meeting(mid)
    assert m.drafts_sent == {"lead:susan smith": datetime(2026, 3, 10, 14, 0)}
    done = [f.kind for f in m.followups if f.done]
    assert done == [FollowUpKind.CONTACT_LEAD]


# --------------------------------------------------------------------------- snapshots (new screen)


async def _open_profile(pilot) -> None:
    await settle(pilot)
    pilot.app.open_profile()
    await settle(pilot)


def _profile_app(make_app):
    return make_app(config=Config(profile=Profile(name="Ann Lee", email="ann@example", pitch="Analyst → product",
                                                  signature="Cheers,")))


def test_snapshot_profile_80x24(snap_compare, make_app):
    assert snap_compare(_profile_app(make_app), terminal_size=(80, 24), run_before=_open_profile)


def test_snapshot_profile_120x40(snap_compare, make_app):
    assert snap_compare(_profile_app(make_app), terminal_size=(120, 40), run_before=_open_profile)


def test_cli_markdown_export_drafts_sign_with_the_configs_profile(tmp_path, data_dir):
    import subprocess
    import sys

    from netbook.storage.config import save_profile
    from netbook.domain.models import MeetingStatus

    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        store.create_meeting(jane, status=MeetingStatus.ENDED, started_at=datetime(2026, 3, 10, 13))
    config = tmp_path / "config.toml"
    assert save_profile(config, Profile(name="Ann Lee", email="ann@example.com")) is None
    target = tmp_path / "out.md"
    out = subprocess.run([sys.executable, "-m", "netbook", "--data-dir", str(data_dir), "--config", str(config),
                          "export", "latest", "--format", "md", "-o", str(target)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Best regards,\nAnn Lee\nann@example.com" in target.read_text()
