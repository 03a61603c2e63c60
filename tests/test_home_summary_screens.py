"""What the user sees when Home's summary (home.json) is missing, stale or unreadable: Home, People and the
palette show what is stored; an unreadable summary is rebuilt with a notice."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from textual.command import CommandPalette

from netbook.domain.models import Contact, FollowUp, FollowUpKind, LeadStatus, Meeting, MeetingStatus
from netbook.storage.home_cache import FILE_NAME
from netbook.storage.store import Store
from netbook.widgets.item_list import ItemList
from netbook.widgets.people_list import PeopleList

from screen_view import NoticeLog

NOW = datetime(2026, 3, 10, 14, 0)
TODAY = NOW.date()


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def lines_of(widget: ItemList) -> list[str]:
    return [str(o.prompt) for o in widget.options]


def seed(data_dir) -> bytes:
    """Jane (met, a follow-up due), then, in a later write, Susan: a lead that Jane referred."""
    with Store.open(data_dir) as store:
        store.home_summary()
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        meeting = Meeting(contact_id=jane.id, status=MeetingStatus.ENDED, started_at=NOW - timedelta(days=2),
                          ended_at=NOW - timedelta(days=2, minutes=-30))
        meeting.followups = [FollowUp(kind=FollowUpKind.THANK_YOU, title="Thank Jane Doe", due=TODAY)]
        store.save_meeting(meeting, now=NOW)
    older = (data_dir / FILE_NAME).read_bytes()
    with Store.open(data_dir) as store:
        store.save_contact(Contact(name="Susan Smith", referred_by_id=jane.id, lead_status=LeadStatus.TO_CONTACT,
                                   created_at=NOW))
    return older


def break_summary(data_dir, how: str, older: bytes) -> None:
    path = data_dir / FILE_NAME
    if how == "missing":
        path.unlink()
    elif how == "stale":
        path.write_bytes(older)  # as if killed after Susan was saved, before the summary caught up
    elif how == "corrupt":
        path.write_bytes(b'{"format": 1, "stamp": [[')


@pytest.mark.parametrize("how", ["fresh", "missing", "stale", "corrupt"])
async def test_home_shows_what_is_stored(make_app, data_dir, how):
    older = seed(data_dir)
    break_summary(data_dir, how, older)
    app = make_app()
    notices = NoticeLog()
    async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
        await settle(pilot)
        home = app.screen
        leads = lines_of(home.query_one("#home-leads", ItemList))
        assert leads and "Susan Smith" in leads[0] and "· Acme" not in leads[0] and "← Jane Doe" in leads[0]
        followups = lines_of(home.query_one("#home-followups", ItemList))
        assert "Thank Jane Doe" in followups[0]
        recent = lines_of(home.query_one("#home-recent", ItemList))
        assert "Jane Doe · Acme" in recent[0] and "1 follow-up" in recent[0]
        if how == "corrupt":
            assert [m for m in notices.messages if FILE_NAME in m and "rebuilds it" in m]
        else:
            assert not [m for m in notices.messages if FILE_NAME in m]
    assert Store(data_dir, read_only=True).cached_home_summary() is not None  # fresh again for the next start


@pytest.mark.parametrize("how", ["missing", "stale", "corrupt"])
async def test_people_and_palette_show_what_is_stored(make_app, data_dir, how):
    older = seed(data_dir)
    break_summary(data_dir, how, older)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Susan")
        palette = app.screen
        for _ in range(50):  # the palette searches asynchronously
            await pilot.pause(0.05)
            if palette._list_visible and palette.query_one("CommandList").option_count:
                break
        shown = [str(palette.query_one("CommandList").get_option_at_index(i).prompt)
                 for i in range(palette.query_one("CommandList").option_count)]
        assert any("Susan Smith" in line for line in shown)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")  # People
        await settle(pilot)
        names = [r.name for r in app.screen.query_one("#people-list", PeopleList).rows]
        assert names == ["Jane Doe", "Susan Smith"]


async def test_home_search_reads_every_record_in_a_worker(make_app, data_dir):
    """Home's summary holds only what it lists; a search finds any contact, after a Loading state."""
    with Store.open(data_dir) as store:
        store.save_contacts(Contact(name=f"Person {n}", created_at=NOW) for n in range(30))
        store.save_contact(Contact(name="Zelda Quist", created_at=NOW - timedelta(days=400)))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.store._contacts._items is None  # Home drew without the contact book
        await pilot.press("f", *"zelda")
        people = app.screen.query_one("#home-people", ItemList)
        await settle(pilot)
        assert any("Zelda Quist" in line for line in lines_of(people))


async def test_home_after_a_write_elsewhere_shows_it(make_app, data_dir):
    seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        store = app.store
        lead = next(c for c in store.contacts() if c.name == "Susan Smith").model_copy()
        lead.lead_status = LeadStatus.CONTACTED
        store.save_contact(lead)  # as People's "log contact" does
        await pilot.press("f1")  # another screen on top...
        await settle(pilot)
        assert type(app.screen).__name__ == "KeysScreen"
        await pilot.press("escape")  # ...and back
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert not any("Susan Smith" in line for line in lines_of(app.screen.query_one("#home-leads", ItemList)))


async def test_home_draws_again_when_the_index_is_rebuilt_behind_it(make_app, data_dir):
    """A meeting file removed by hand: Home's summary still lists it until the index's own check (in a
    background thread, after the first draw) rebuilds both; then Home draws what is on disk."""
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        gone = store.create_meeting(jane, status=MeetingStatus.PLANNED, scheduled_at=NOW + timedelta(days=1))
        store.create_meeting(jane, status=MeetingStatus.PLANNED, scheduled_at=NOW + timedelta(days=2))
        store.home_summary()
    (data_dir / "meetings" / f"{gone.id}.json").unlink()
    app = make_app()
    app.start_jump_targets = lambda: None  # this test runs the index check itself
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        upcoming = app.screen.query_one("#home-upcoming", ItemList)
        assert len([line for line in lines_of(upcoming) if "Jane Doe" in line]) == 2
        checker = threading.Thread(target=app.store.meeting_summaries)  # a plain thread, not a Textual worker
        checker.start()
        checker.join()
        await settle(pilot)
        assert len([line for line in lines_of(upcoming) if "Jane Doe" in line]) == 1
        assert not app.store.warnings
