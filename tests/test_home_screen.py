"""Home: first run, follow-ups done/snoozed with one key, leads, meetings, search; snapshots."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from netbook.domain.clock import FixedClock
from netbook.domain.demo import generate_demo
from netbook.domain.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    LeadStatus,
    Meeting,
    MeetingStatus,
)
from netbook.storage.home_cache import RECENT
from netbook.storage.store import Store
from netbook.widgets.item_list import ItemList

NOW = datetime(2026, 3, 10, 14, 0)
TODAY = NOW.date()


def lines_of(widget: ItemList) -> list[str]:
    return [str(o.prompt) for o in widget.options]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def seed_followups(data_dir) -> tuple[str, list[str]]:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        lead = store.save_contact(Contact(name="Susan Smith", referred_by_id=jane.id,
                                          lead_status=LeadStatus.TO_CONTACT, created_at=NOW))
        meeting = Meeting(contact_id=jane.id, status=MeetingStatus.ENDED,
                          started_at=NOW - timedelta(days=2), ended_at=NOW - timedelta(days=2, minutes=-30))
        meeting.followups = [
            FollowUp(kind=FollowUpKind.THANK_YOU, title="Thank Jane Doe", due=TODAY - timedelta(days=1)),
            FollowUp(kind=FollowUpKind.CONTACT_LEAD, title="Contact Susan Smith", due=TODAY, contact_id=lead.id),
            FollowUp(kind=FollowUpKind.CHECK_IN, title="Check in with Jane", due=TODAY + timedelta(days=20)),
        ]
        store.save_meeting(meeting)
        return meeting.id, [f.id for f in meeting.followups]


async def test_first_run_says_what_to_do(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-empty")
        text = str(app.screen.query_one("#home-empty").render())
        assert "prepare your first meeting" in text and "netbook demo" in text
        await pilot.press("n")
        await settle(pilot)
        assert type(app.screen).__name__ == "PrepareScreen"


async def test_first_run_prepare_start_back_home(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Jane Doe")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingScreen"
        meeting_id = app.screen.meeting_id
        app.open_home()
        await settle(pilot)
        upcoming = app.screen.query_one("#home-upcoming", ItemList)
        assert any("Jane Doe" in line and "resume" in line for line in lines_of(upcoming))
    stored = Store(data_dir, read_only=True).load_meeting(meeting_id)
    assert stored.status is MeetingStatus.LIVE and stored.started_at == NOW
    assert len(stored.questions) >= 4


async def test_mark_followup_done_and_snooze(make_app, data_dir):
    meeting_id, (thank_id, contact_id, _later) = seed_followups(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        followups = app.screen.query_one("#home-followups", ItemList)
        assert app.focused is followups
        shown = lines_of(followups)
        assert len(shown) == 2 and "1d late" in shown[0] and "Thank Jane Doe" in shown[0]
        assert "today" in shown[1] and "Check in" not in " ".join(shown)
        await pilot.press("d")
        assert ["Contact Susan Smith" in line for line in lines_of(followups)] == [True]
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert [line.split()[:3] for line in lines_of(followups)] == [["Fri", "Mar", "13"]]  # snoozed: coming
    meeting = Store(data_dir, read_only=True).load_meeting(meeting_id)
    by_id = {f.id: f for f in meeting.followups}
    assert by_id[thank_id].done and by_id[thank_id].done_at == NOW
    assert not by_id[contact_id].done and by_id[contact_id].snoozed_until == TODAY + timedelta(days=3)


async def test_lead_one_key_prepares_meeting(make_app, data_dir):
    seed_followups(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        leads = app.screen.query_one("#home-leads", ItemList)
        assert lines_of(leads) == ["Susan Smith  ← Jane Doe"]
        leads.focus()
        await pilot.press("p")
        await settle(pilot)
        assert type(app.screen).__name__ == "PrepareScreen"
        assert app.screen.query_one("#prep-contact").value == "Susan Smith"
        assert app.screen.query_one("#prep-referrer").value == "Jane Doe"


async def test_search_filters_every_list_and_finds_people(make_app, data_dir):
    generate_demo(data_dir, meetings=40, contacts=120, seed=0, now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#home-recent", ItemList)
        name = app.screen.data.recent[0].contact_name
        await pilot.press("f", *name)
        await pilot.pause()
        assert app.screen.has_class("-searching")
        assert all(name in line for line in lines_of(recent) if recent.count)
        people = app.screen.query_one("#home-people", ItemList)
        assert people.display and any(name in line for line in lines_of(people))
        await pilot.press("enter")
        assert app.focused is people
        await pilot.press("escape")  # clears the search
        await pilot.pause()
        assert app.screen.query_one("#home-search").value == ""


async def test_enter_opens_meetings_by_status(make_app, data_dir):
    generate_demo(data_dir, meetings=12, contacts=30, seed=1, now=NOW)
    app = make_app()
    opened: list[tuple[str, str]] = []
    app.open_meeting = lambda mid, **_: opened.append(("meeting", mid))
    app.open_summary = lambda mid: opened.append(("summary", mid))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        upcoming = app.screen.query_one("#home-upcoming", ItemList)
        upcoming.focus()
        upcoming.highlighted = 0  # the live meeting comes first
        await pilot.press("enter")
        recent = app.screen.query_one("#home-recent", ItemList)
        recent.focus()
        await pilot.press("enter")
    store = Store(data_dir, read_only=True)
    statuses = {s.id: s.status for s in store.meeting_summaries()}
    assert [kind for kind, _ in opened] == ["meeting", "summary"]
    assert statuses[opened[0][1]] is MeetingStatus.LIVE and statuses[opened[1][1]] is MeetingStatus.ENDED


async def test_hostile_names_are_shown_verbatim(make_app, data_dir):
    nasty = "[bold]Eve[/] [@click=app.quit]x \x1b[31mred"
    with Store.open(data_dir) as store:
        store.save_contact(Contact(name=nasty, lead_status=LeadStatus.TO_CONTACT, created_at=NOW))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        leads = app.screen.query_one("#home-leads", ItemList)
        assert "[bold]Eve[/] [@click=app.quit]x" in lines_of(leads)[0]


async def test_home_loads_big_notebook_in_a_worker(make_app, data_dir):
    generate_demo(data_dir, meetings=300, contacts=900, seed=2, now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#home-recent", ItemList)
        ended = sum(s.status is MeetingStatus.ENDED for s in app.store.meeting_summaries())
        assert f"{RECENT} of {ended}" in str(recent.border_title)  # capped list says how many there are
        assert recent.count == RECENT


# --------------------------------------------------------------------------- snapshots


async def _loaded(pilot) -> None:
    await settle(pilot)


def test_snapshot_home_empty_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded)


def test_snapshot_home_empty_120x40(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_loaded)


def test_snapshot_home_demo_80x24(snap_compare, make_app, data_dir):
    generate_demo(data_dir, meetings=40, contacts=120, seed=0, now=NOW)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded)


def test_snapshot_home_demo_120x40(snap_compare, make_app, data_dir):
    generate_demo(data_dir, meetings=40, contacts=120, seed=0, now=NOW)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_loaded)


async def test_unfinished_meeting_is_one_key_away(make_app, data_dir):
    """After a crash, plain `netbook` offers the live meeting: Enter resumes it, even with follow-ups due."""
    seed_followups(data_dir)
    with Store.open(data_dir) as store:
        jane = store.find_contact("Jane Doe")
        live = store.create_meeting(jane, status=MeetingStatus.LIVE, started_at=NOW - timedelta(minutes=12),
                                    notes="typed before the crash")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        upcoming = app.screen.query_one("#home-upcoming", ItemList)
        assert app.focused is upcoming and upcoming.highlighted == 0
        row = str(upcoming.get_option_at_index(0).prompt)
        assert "live" in row and "Jane Doe" in row and "resume" in row
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingScreen" and app.screen.meeting_id == live.id
        assert "typed before the crash" in app.screen.query_one("NotePad").text


# --------------------------------------------------------------------------- issue 12


async def test_followups_show_due_and_overdue_then_the_next_seven_days(make_app, data_dir):
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        meeting = Meeting(contact_id=jane.id, status=MeetingStatus.ENDED, started_at=NOW, ended_at=NOW)
        meeting.followups = [
            FollowUp(kind=FollowUpKind.THANK_YOU, title="Thank Jane Doe", due=TODAY + timedelta(days=1)),
            FollowUp(kind=FollowUpKind.CHECK_IN, title="Check in with Jane", due=TODAY + timedelta(days=7)),
            FollowUp(kind=FollowUpKind.CHECK_IN, title="Later check-in", due=TODAY + timedelta(days=8)),
            FollowUp(kind=FollowUpKind.CHECK_IN, title="Old one", due=TODAY - timedelta(days=3)),
        ]
        store.save_meeting(meeting)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        followups = app.screen.query_one("#home-followups", ItemList)
        shown = lines_of(followups)
        assert [line[:11].strip() for line in shown] == ["3d late", "tomorrow", "Tue Mar 17"]
        assert "Thank Jane Doe" in shown[1] and not any("Later check-in" in line for line in shown)
        assert "next 7 days" in str(followups.border_title)


async def test_empty_sections_say_their_whole_message_at_120x40(make_app, data_dir):
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        store.save_meeting(Meeting(contact_id=jane.id, status=MeetingStatus.ENDED, started_at=NOW, ended_at=NOW))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for list_id in ("#home-followups", "#home-leads", "#home-upcoming"):
            section = app.screen.query_one(list_id, ItemList)
            message = str(section.options[0].prompt)
            inner = section.scrollable_content_region.width
            assert len(message) <= inner, f"{list_id}: {message!r} is cut at {inner} columns"
            assert message.endswith(".")


# --------------------------------------------------------------------------- one rule with the summary


def seed_ended_with_followups(data_dir) -> tuple[str, str]:
    """A meeting that ended in January: its thank-you and its check-in are both due now."""
    from netbook.storage.config import FollowUpRules
    from netbook.domain.meeting_wrapup import finish_meeting

    with Store.open(data_dir) as store:
        tom = store.ensure_contact("Tom Baker")
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        jane.referred_by_id = tom.id
        store.save_contact(jane)
        meeting = Meeting(contact_id=jane.id, status=MeetingStatus.ENDED,
                          started_at=datetime(2026, 1, 5, 10, 0), ended_at=datetime(2026, 1, 5, 10, 30))
        store.save_meeting(meeting)
        finish_meeting(store, meeting, rules=FollowUpRules(), now=datetime(2026, 1, 5, 10, 30))
        return meeting.id, jane.id


async def test_done_on_a_checkin_from_home_schedules_the_next_one(make_app, data_dir):
    meeting_id, jane_id = seed_ended_with_followups(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        followups = app.screen.query_one("#home-followups", ItemList)
        shown = lines_of(followups)
        row = next(i for i, line in enumerate(shown) if "Check in with Jane Doe" in line)
        followups.highlighted = row
        await pilot.press("d")
        await settle(pilot)
    store = Store(data_dir, read_only=True)
    checkins = [f for f in store.load_meeting(meeting_id).followups if f.kind is FollowUpKind.CHECK_IN]
    assert sorted(f.done for f in checkins) == [False, True]
    live = next(f for f in checkins if not f.done)
    assert live.due == TODAY + timedelta(weeks=4)
    assert store.get_contact(jane_id).last_contact == TODAY


async def test_followup_titles_on_home_show_a_renamed_contact(make_app, data_dir):
    _meeting_id, jane_id = seed_ended_with_followups(data_dir)
    with Store.open(data_dir) as store:
        jane = store.get_contact(jane_id)
        jane.name = "Jane Smith"
        store.save_contact(jane)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = " | ".join(lines_of(app.screen.query_one("#home-followups", ItemList)))
    assert "Send Jane Smith a thank-you note" in shown and "Jane Doe" not in shown


async def test_home_opens_a_meeting_by_its_status_as_stored_now(make_app, data_dir):
    """Home's lists can be older than the file: Enter opens what the meeting is now (one rule with the palette)."""
    meeting_id, _jane_id = seed_ended_with_followups(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#home-recent", ItemList)
        assert any("Jane Doe" in line for line in lines_of(recent))
        meeting = app.store.load_meeting(meeting_id)
        meeting.status, meeting.ended_at = MeetingStatus.LIVE, None  # e.g. reopened in the meantime
        app.store.save_meeting(meeting)
        recent.focus()
        recent.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingScreen"


async def test_search_ignores_accents_and_curly_apostrophes(make_app, data_dir):
    store = Store.open(data_dir)
    store.save_contact(Contact(name="José Núñez"))
    store.save_contact(Contact(name="Siobhán O’Neill"))
    store.save_contact(Contact(name="Bob Jones"))
    store.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        people = app.screen.query_one("#home-people", ItemList)
        await pilot.press("f", *"jose nun")  # f: the Home filter (/ opens Search notes)
        await pilot.pause()
        assert [line for line in lines_of(people) if "Núñez" in line] and not any("Bob" in l for l in lines_of(people))
        app.screen.query_one("#home-search").value = "o'neill"
        await pilot.pause()
        assert any("Siobhán O’Neill" in line for line in lines_of(people))
