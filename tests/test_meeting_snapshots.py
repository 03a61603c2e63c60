"""Snapshots of the live meeting at 80x24 and 120x40 (fixed clock, no cursor blink)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netbook.domain.meeting_lifecycle import default_questions, start
from netbook.domain.question_bank import shipped_bank
from netbook.storage.store import Store
from netbook.widgets.note_pad import NotePad


@pytest.fixture
def meeting_id(data_dir: Path, clock) -> str:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme", role="Director of Product")
        store.ensure_organization("Initech")
        meeting = store.create_meeting(jane, planned_minutes=30, questions=default_questions(shipped_bank()))
        start(meeting, clock.now())
        store.save_meeting(meeting)
        return meeting.id


async def _meeting_in_progress(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    pad = app.screen.query_one(NotePad)
    for line, key in (
        ("[02:10] talked to Susan Smith", "ctrl+t"),
        (" at Citibank about product roles\n- Susan says e-mail her, use my name", None),
        ("\n- check Initech and María de la Cruz", "ctrl+t"),
        ("\n- [bold]markup[/] stays text", None),
    ):
        pad.insert(line)
        if key:
            await pilot.press(key)
    await pilot.press("ctrl+n", "ctrl+s")
    app.clock.advance(minutes=12, seconds=5)
    app.screen.update_clock()
    app.screen._refresh_mentions()
    while True:  # the count runs in a worker; one more may follow if the names changed meanwhile
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.screen.counting:
            break


def test_meeting_80x24(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(80, 24), run_before=_meeting_in_progress)


def test_meeting_120x40(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(120, 40), run_before=_meeting_in_progress)


async def _closing_time(pilot) -> None:
    await _meeting_in_progress(pilot)
    pilot.app.clock.advance(minutes=15)  # 27:05 of 30: inside the last three minutes
    pilot.app.screen.update_clock()
    await pilot.pause()


def test_meeting_closing_clock_80x24(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(80, 24), run_before=_closing_time)


def test_meeting_closing_clock_120x40(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(120, 40), run_before=_closing_time)


async def _link_prompt(pilot) -> None:
    await _meeting_in_progress(pilot)
    screen = pilot.app.screen
    await pilot.press("f4")
    from netbook.widgets.mentions_panel import MentionsPanel

    panel = screen.query_one(MentionsPanel)
    panel.select_key(screen.model.get("María de la Cruz").key)
    await pilot.press("l")
    panel.select_key(screen.model.get("Susan Smith").key)
    await pilot.press("enter")  # a person as the target: the prompt says why
    await pilot.pause()


def test_meeting_link_prompt_80x24(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(80, 24), run_before=_link_prompt)


def test_meeting_link_prompt_120x40(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(120, 40), run_before=_link_prompt)


async def _confirm_end(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.press("ctrl+g")  # just started, nothing typed
    await pilot.pause()


def test_meeting_confirm_end_80x24(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(80, 24), run_before=_confirm_end)


def test_meeting_confirm_end_120x40(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(120, 40), run_before=_confirm_end)


@pytest.fixture
def read_only_app(data_dir, clock, meeting_id):
    """The meeting opened by a second netbook while the first holds the data dir (pid shown is fixed)."""
    from netbook.app import create_app
    from netbook.storage.config import Config

    holder = Store.open(data_dir)
    store = Store.open(data_dir)
    store.locked_by = "4242"
    yield create_app(data_dir, config=Config(), clock=clock, meeting_id=meeting_id, store=store)
    holder.close()


async def _read_only(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_meeting_read_only_80x24(snap_compare, read_only_app) -> None:
    assert snap_compare(read_only_app, terminal_size=(80, 24), run_before=_read_only)


def test_meeting_read_only_120x40(snap_compare, read_only_app) -> None:
    assert snap_compare(read_only_app, terminal_size=(120, 40), run_before=_read_only)
