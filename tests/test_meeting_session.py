"""One meeting, one copy: the meeting, closing and summary screens share a MeetingSession.

Regressions from the hardening issue: reopening from the summary and typing must never
save a stale copy (status ended, no follow-ups, the old end time) held by another screen.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from netbook.domain.clock import FixedClock
from netbook.domain.meeting_lifecycle import start
from netbook.domain.models import FollowUpKind, MeetingStatus
from netbook.storage.store import Store

NOW = datetime(2026, 3, 10, 14, 0, 0)


def seed(data_dir: Path) -> str:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        meeting = store.create_meeting(jane, planned_minutes=30, notes="Met Jane\n")
        start(meeting, datetime(2026, 3, 10, 13, 30))
        store.save_meeting(meeting)
        return meeting.id


def stored(data_dir: Path, meeting_id: str):
    return Store(data_dir, read_only=True).load_meeting(meeting_id)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def end_from_the_checklist(app, pilot) -> None:
    """In the live meeting: ctrl+l (the checklist), ctrl+g (end): the summary is up."""
    await pilot.press("ctrl+l")
    await settle(app, pilot)
    await pilot.press("ctrl+g")
    await settle(app, pilot)


async def test_reopen_after_ending_from_closing_then_typing_keeps_it_live(make_app, data_dir):
    """meeting -> ctrl+l -> ctrl+g -> summary: d, r, type: stored live, follow-ups and done marks kept."""
    from netbook.screens.closing import ClosingScreen
    from netbook.screens.meeting import MeetingScreen
    from netbook.screens.summary import SummaryScreen

    mid = seed(data_dir)
    app = make_app(meeting_id=mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen) and app.screen.ready
        await pilot.press("d")  # the first follow-up (thank-you) done
        await settle(app, pilot)
        app.flush_saves()
        ended = stored(data_dir, mid)
        assert ended.status is MeetingStatus.ENDED and ended.followups
        done_before = {f.rule_key for f in ended.followups if f.done}
        assert done_before
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press(*"more notes")
        await settle(app, pilot)
        app.flush_saves()
        live = stored(data_dir, mid)
        assert live.notes.endswith("more notes")
        assert live.status is MeetingStatus.LIVE
        assert live.ended_at is None
        assert {f.rule_key for f in live.followups} == {f.rule_key for f in ended.followups}
        assert {f.rule_key for f in live.followups if f.done} == done_before
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
    again = stored(data_dir, mid)
    assert again.status is MeetingStatus.ENDED
    assert {f.rule_key for f in again.followups if f.done} == done_before
    assert again.notes.endswith("more notes")
    assert [s.status for s in Store(data_dir, read_only=True).meeting_summaries()] == [MeetingStatus.ENDED]


async def test_reopened_meeting_is_offered_by_home_after_a_crash(make_app, data_dir):
    """What Home reads (the index) says live after a reopen and typing, as a restart after kill -9 sees it."""
    from netbook.screens.meeting import MeetingScreen

    mid = seed(data_dir)
    app = make_app(meeting_id=mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await end_from_the_checklist(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press(*"typed after reopening")
        await settle(app, pilot)
        app.flush_saves()
        # no clean exit: read the files as the next start would
        index = Store(data_dir, read_only=True).unfinished_meetings()
        assert [s.id for s in index] == [mid]
        assert index[0].open_followups


# --------------------------------------------------------------------------- "took" after a reopen


async def test_reopening_does_not_count_the_time_it_sat_ended(make_app, data_dir, clock):
    """Ended at 14:00 after 30 min, reopened at 16:00, ended again at 16:05: it took 35 minutes."""
    from netbook.screens.meeting import MeetingScreen
    from netbook.screens.summary import SummaryScreen

    mid = seed(data_dir)  # started 13:30; the clock says 14:00
    app = make_app(meeting_id=mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "took 30:00" in app.screen.report.plain
        clock.advance(hours=2)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.elapsed() == 30 * 60
        clock.advance(minutes=5)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert "took 35:00" in app.screen.report.plain
    assert stored(data_dir, mid).ended_at == datetime(2026, 3, 10, 16, 5)


async def test_the_three_screens_share_one_session_saving_at_the_configured_interval(make_app, data_dir):
    from netbook.storage.config import Config
    from netbook.screens.closing import ClosingScreen
    from netbook.screens.summary import SummaryScreen

    mid = seed(data_dir)
    app = make_app(meeting_id=mid, config=Config(autosave_seconds=1.25))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        session = app.screen.session
        assert session.saver.interval == 1.25
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, ClosingScreen) and app.screen.session is session
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen) and app.screen.session is session
        assert app.open_session(mid) is session
        await pilot.press("h")  # Home: no screen holds the meeting any more
        await settle(app, pilot)
        assert app.open_session(mid) is None


async def test_reopen_from_a_summary_opened_on_home(make_app, data_dir):
    from netbook.screens.meeting import MeetingScreen

    mid = seed(data_dir)
    app = make_app(meeting_id=mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        app.open_meeting_by_status(mid)  # ended: its summary, over Home
        await settle(app, pilot)
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press(*" and more")
        await settle(app, pilot)
        app.flush_saves()
        live = stored(data_dir, mid)
        assert live.status is MeetingStatus.LIVE and live.notes == "Met Jane\n and more"
        assert live.followups


# --------------------------------------------------------------------------- one writer per meeting


def _held_meeting(store: Store, contact, **fields):
    """A meeting open in a live session whose note pad holds text not saved yet."""
    from netbook.domain.meeting_session import MeetingSession

    meeting = store.create_meeting(contact, notes="saved line\n", **fields)
    session = MeetingSession.open(store, meeting.id, interval=3600)  # no save unless flushed
    typed = ["saved line\ntyped, not saved yet\n"]
    session.attach_notes(lambda: typed[0])
    return meeting, session


def test_merging_the_contact_of_an_open_meeting_goes_through_its_session(data_dir):
    from netbook.domain.contact_merge import merge_contacts

    store = Store.open(data_dir)
    try:
        a, b = store.ensure_contact("Ann Duplicate"), store.ensure_contact("Ann Kept")
        meeting, session = _held_meeting(store, a)
        merge_contacts(store, b.id, a.id)
        session.close()  # the session's next save
        back = Store(data_dir, read_only=True).load_meeting(meeting.id)
        assert back.contact_id == b.id  # the merge is not saved over by the session's older copy
        assert back.notes == "saved line\ntyped, not saved yet\n"  # nor are the unsaved notes lost
    finally:
        store.close()


def test_superseding_the_check_in_of_an_open_older_meeting_goes_through_its_session(data_dir):
    from netbook.domain.followups import FollowUpRules
    from netbook.domain.meeting_wrapup import finish_meeting
    from netbook.domain.models import FollowUp

    store = Store.open(data_dir)
    try:
        ann = store.ensure_contact("Ann Lee")
        key = f"check_in:{ann.id}"
        older, session = _held_meeting(store, ann, status=MeetingStatus.ENDED, started_at=datetime(2026, 3, 1, 9),
                                       ended_at=datetime(2026, 3, 1, 10),
                                       followups=[FollowUp(kind=FollowUpKind.CHECK_IN, title="Check in",
                                                           due=datetime(2026, 4, 1).date(), rule_key=key)])
        newer = store.create_meeting(ann, status=MeetingStatus.ENDED, started_at=datetime(2026, 3, 10, 9),
                                     ended_at=datetime(2026, 3, 10, 10))
        finish_meeting(store, newer, rules=FollowUpRules(), now=datetime(2026, 3, 10, 10, 5))
        session.close()
        back = Store(data_dir, read_only=True).load_meeting(older.id)
        assert [(f.rule_key, f.done) for f in back.followups if f.kind is FollowUpKind.CHECK_IN] == [(key, True)]
        assert back.notes == "saved line\ntyped, not saved yet\n"
    finally:
        store.close()
