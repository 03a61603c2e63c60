"""Quitting while the notes will not save (a full disk, a data dir turned read-only) never
quits silently over them: the app says so and offers to retry or to write a rescue file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from netbook.domain.meeting_lifecycle import default_questions, start
from netbook.domain.question_bank import shipped_bank
from netbook.storage.store import Store
from netbook.widgets.note_pad import NotePad

TYPED = "Susan Smith at Citibank, e-mail her Friday"


@pytest.fixture
def meeting_id(data_dir: Path, clock) -> str:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        meeting = store.create_meeting(jane, planned_minutes=30, questions=default_questions(shipped_bank()))
        start(meeting, clock.now())
        store.save_meeting(meeting)
        return meeting.id


@pytest.fixture
def disk_full(monkeypatch):
    """Every meeting write fails as on a full disk; ``disk_full.undo()`` frees space again."""

    def write(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("netbook.storage.store.atomic_write_json", write)
    return monkeypatch


async def _type(pilot, text: str) -> None:
    await pilot.pause()
    assert pilot.app.screen.query_one(NotePad).has_focus
    await pilot.press(*("space" if ch == " " else ch for ch in text))
    await pilot.pause()


def _rescue_dir() -> Path:
    return Path(os.environ["NETBOOK_CACHE_DIR"]) / "rescue"


def _screen_text(app) -> str:
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_quit_over_unsaved_notes_asks_and_the_rescue_file_holds_every_character(make_app, meeting_id, disk_full):
    from netbook.screens.unsaved import UnsavedScreen

    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await _type(pilot, TYPED)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen), "quit without a word over notes that are not saved"
        shown = _screen_text(app)
        assert "could not be saved" in shown and "No space left on device" in shown and "rescue file" in shown
        await pilot.press("w")
        await pilot.pause()
    assert app.return_code == 1
    (path,) = app.rescued
    assert path.parent == _rescue_dir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n\n" + TYPED) and "Jane Doe" in text.splitlines()[0]
    disk_full.undo()
    assert Store(app.store.root, read_only=True).load_meeting(meeting_id).notes == ""  # it really was not saved


async def test_retry_once_the_disk_has_room_saves_and_quits(make_app, meeting_id, disk_full, data_dir):
    from netbook.screens.unsaved import UnsavedScreen

    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await _type(pilot, TYPED)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("r")  # still full: asked again
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        disk_full.undo()
        await pilot.press("r")
        await pilot.pause()
    assert app.rescued == []
    assert Store(data_dir, read_only=True).load_meeting(meeting_id).notes == TYPED


async def test_escape_goes_back_to_the_notes(make_app, meeting_id, disk_full):
    from netbook.screens.meeting import MeetingScreen

    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await _type(pilot, "abc")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.is_running
        await _type(pilot, "d")
        assert app.screen.query_one(NotePad).text == "abcd"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")  # the dialog says: ctrl+q again quits without saving them
        await pilot.pause()
    assert app.return_code == 1 and app.rescued == []


async def test_a_signal_while_saves_fail_rescues_the_notes_unasked(make_app, meeting_id, disk_full):
    """SIGTERM, SIGHUP or the terminal gone: nobody to ask, so the rescue file is written."""
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await _type(pilot, TYPED)
        app.save_and_exit_unattended()
        await pilot.pause()
    assert app.return_code == 1
    (path,) = app.rescued
    assert path.read_text(encoding="utf-8").endswith(TYPED)


def test_the_cli_prints_the_rescue_path_after_the_app_exits(tmp_path, monkeypatch, capsys):
    from netbook import cli

    rescued = tmp_path / "netbook-rescue.txt"

    class Exited:
        on_home_drawn = None
        rescued = [tmp_path / "netbook-rescue.txt"]
        fatal_error = None
        return_code = 1

        def run(self):
            pass

    monkeypatch.setattr("netbook.app.create_app", lambda data_dir, **options: Exited())
    assert cli.launch(tmp_path / "data") == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(rescued) in line and "could not be saved" in line


# --------------------------------------------------------------------------- the dialog's look


async def _dialog(pilot) -> None:
    from netbook.screens.unsaved import UnsavedScreen

    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.app.push_screen(UnsavedScreen(f"[Errno 28] {os.strerror(errno.ENOSPC)}: '/data/meetings/x.json'"))
    await pilot.pause()


def test_unsaved_dialog_80x24(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(80, 24), run_before=_dialog)


def test_unsaved_dialog_120x40(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(120, 40), run_before=_dialog)
