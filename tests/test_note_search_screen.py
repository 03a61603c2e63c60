"""Search notes (Home /, palette): type a query, see the line, Enter opens the meeting at that line."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import TextArea

from netbook.domain.models import MeetingStatus
from netbook.screens.meeting import MeetingScreen
from netbook.screens.meeting_notes import MeetingNotesScreen
from netbook.screens.note_search import NoteSearchScreen
from netbook.storage.store import Store
from netbook.widgets.hit_list import HitList
from pilot_steps import palette_pick, settle

NOW = datetime(2026, 3, 10, 14, 0)
HOSTILE = "[red]Acme[/] \x1b]0;pwned\x07 [@click=app.quit]x[/] salary"
NOTES = "\n".join([
    "Jane runs the data team at Acme",
    *[f"filler line {i}" for i in range(60)],
    "Ask Núñez about the résumé workshop",
    "more filler",
]) + "\n"


def seed(data_dir) -> dict[str, str]:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        bob = store.ensure_contact("Bob Adams")
        ended = store.create_meeting(jane, status=MeetingStatus.ENDED, started_at=NOW - timedelta(days=3),
                                     ended_at=NOW - timedelta(days=3, minutes=-30), notes=NOTES)
        live = store.create_meeting(bob, status=MeetingStatus.LIVE, started_at=NOW - timedelta(minutes=10),
                                    notes="first\nsecond\nthe resume line while live\nlast\n")
        odd = store.create_meeting(bob, status=MeetingStatus.ENDED, started_at=NOW - timedelta(days=20),
                                   ended_at=NOW - timedelta(days=20, minutes=-30), notes=HOSTILE + "\n")
    return {"ended": ended.id, "live": live.id, "odd": odd.id}


def rows(results: HitList) -> list[str]:
    """The list's lines as drawn (the empty hint when nothing matches)."""
    shown = [results.render_line(y).text.strip() for y in range(results.scrollable_content_region.height)]
    return [line for line in shown if line]


async def open_search(pilot, query: str) -> HitList:
    await settle(pilot)
    await pilot.press("slash")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NoteSearchScreen)
    await pilot.press(*query)
    await settle(pilot)
    return pilot.app.screen.query_one("#note-search-results", HitList)


async def test_query_shows_the_line_and_enter_opens_the_ended_meeting_at_it(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        results = await open_search(pilot, "NUNEZ resume")  # case and accents aside, every word
        assert rows(results) == [rows(results)[0]] and "Ask Núñez about the résumé workshop" in rows(results)[0]
        assert "Jane Doe" in rows(results)[0] and "2026-03-07" in rows(results)[0]
        await pilot.press("enter", "enter")  # into the list, then open the hit
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingNotesScreen) and screen.meeting_id == ids["ended"]
        area = screen.query_one("#meeting-notes-text", TextArea)
        assert area.cursor_location == (61, 0)
        assert area.document.get_line(61) == "Ask Núñez about the résumé workshop"
        assert area.scroll_offset.y > 0  # line 61 of 63 is on screen, not below it
        assert area.region.height > 0 and area.scroll_offset.y <= 61 < area.scroll_offset.y + area.region.height
        await pilot.press("escape")
        assert isinstance(app.screen, NoteSearchScreen)
        assert app.screen.query_one("#note-search-input").value == "NUNEZ resume"
        await pilot.press("enter", "enter", "enter")  # the notes' Enter opens the meeting as Home does
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"


async def test_a_live_meeting_opens_on_its_note_pad_at_the_line(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        results = await open_search(pilot, "while live")
        assert len(results.rows) == 1
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen) and app.screen.meeting_id == ids["live"]
        assert app.screen.note_pad.cursor_location == (2, 0)
        assert app.focused is app.screen.note_pad


async def test_user_text_is_shown_never_run_as_markup(make_app, data_dir):
    seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        results = await open_search(pilot, "pwned")
        row = rows(results)[0]
        assert "[red]Acme[/]" in row and "[@click=app.quit]x[/]" in row
        assert "\x1b" not in row and "\x07" not in row and "␛" in row
        await pilot.press("enter", "enter")
        await settle(pilot)
        area = app.screen.query_one("#meeting-notes-text", TextArea)
        assert "\x1b" not in area.text and area.text.startswith("[red]Acme[/] ␛]0;pwned␇")


async def test_no_match_says_so_and_an_empty_query_lists_nothing(make_app, data_dir):
    seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        results = await open_search(pilot, "zzqx")
        assert results.rows == [] and rows(results) == ["No line holds all of that."]
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.pause()
        assert results.rows == [] and rows(results) == ["Type a word or two from your notes."]
        assert "note lines in 3 meetings" in str(app.screen.query_one("#note-search-status").render())


async def test_palette_entry_opens_note_search(make_app, data_dir):
    seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_pick(pilot, "Search notes")
        assert isinstance(app.screen, NoteSearchScreen)


async def test_a_meeting_typed_since_the_last_search_is_found_on_the_next(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_search(pilot, "workshop")
        await pilot.press("escape")
        meeting = app.store.load_meeting(ids["odd"])
        meeting.notes += "a brand new workshop idea\n"
        app.store.save_meeting(meeting)
        results = await open_search(pilot, "")
        await pilot.press(*"workshop")
        await settle(pilot)
        assert len(results.rows) == 2


# --------------------------------------------------------------------------- snapshots


async def _searched(pilot) -> None:
    await open_search(pilot, "resume")


async def _at_line(pilot) -> None:
    await open_search(pilot, "nunez")
    await pilot.press("enter", "enter")
    await settle(pilot)


def test_snapshot_note_search_80x24(snap_compare, make_app, data_dir):
    seed(data_dir)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_searched)


def test_snapshot_note_search_120x40(snap_compare, make_app, data_dir):
    seed(data_dir)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_searched)


def test_snapshot_meeting_notes_80x24(snap_compare, make_app, data_dir):
    seed(data_dir)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_at_line)


def test_snapshot_meeting_notes_120x40(snap_compare, make_app, data_dir):
    seed(data_dir)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_at_line)
