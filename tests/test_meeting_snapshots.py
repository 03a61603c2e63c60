"""Snapshots of the live meeting at 80x24 and 120x40 (fixed clock, no cursor blink)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netbook.meetings import default_questions, start
from netbook.questions import shipped_bank
from netbook.store import Store
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
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_meeting_80x24(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(80, 24), run_before=_meeting_in_progress)


def test_meeting_120x40(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(120, 40), run_before=_meeting_in_progress)


async def _closing_time(pilot) -> None:
    await _meeting_in_progress(pilot)
    pilot.app.clock.advance(minutes=14)
    pilot.app.screen.update_clock()
    pilot.app.clear_notifications()  # the toast's timing is not what this snapshot checks
    await pilot.pause()


def test_meeting_closing_clock_80x24(snap_compare, make_app, meeting_id) -> None:
    assert snap_compare(make_app(meeting_id=meeting_id), terminal_size=(80, 24), run_before=_closing_time)
