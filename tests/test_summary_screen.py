"""Summary screen: wrap-up on opening, follow-ups done/snooze, drafts copied, export, reopen, home.

Also the whole Pilot flow: meet -> tag -> closing -> outcomes -> summary -> export.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.widgets.text_area import Selection

from netbook.domain.closing_checklist import build_checklist, record_outcome, set_channel, set_intro
from netbook.domain.meeting_lifecycle import end, start
from netbook.domain.models import (
    AskKind,
    AskOutcome,
    Channel,
    FollowUpKind,
    LeadStatus,
    MeetingQuestion,
    MeetingStatus,
    Mention,
    MentionKind,
    QuestionStatus,
)
from netbook.screens.summary import SummaryScreen
from netbook.storage.store import Store
from netbook.widgets.draft_view import DraftView
from netbook.widgets.followup_list import FollowUpList

from screen_view import NoticeLog, screen_text

SUSAN_LINE = "Talk to Susan Smith at Citibank — runs their ops analytics team"
HOSTILE = "[bold]Eve[/] [@click=app.quit]x\x1b[31m"


def seed(data_dir: Path, *, susan: str = "Susan Smith", ended: bool = True) -> str:
    with Store.open(data_dir) as store:
        ann = store.ensure_contact("Ann Lee")
        jane = store.ensure_contact("Jane Doe", organization="Acme", role="Director of Operations")
        jane.referred_by_id = ann.id
        jane.lead_status = LeadStatus.TO_CONTACT
        store.save_contact(jane)
        m = store.create_meeting(
            jane,
            planned_minutes=30,
            goal="Learn how to move into ops analytics",
            notes=f"{SUSAN_LINE}\nRaj Patel now consulting\nMontclair State University career services\n",
            questions=[
                MeetingQuestion(
                    text="What skills matter most?",
                    question_id="skills-01",
                    status=QuestionStatus.ASKED,
                    answer="SQL and stakeholder management",
                ),
                MeetingQuestion(text="Which organizations should I join?", question_id="organizations-01"),
            ],
            mentions=[
                Mention(kind=MentionKind.ORGANIZATION, name="Citibank", first_line=0, quote=SUSAN_LINE),
                Mention(kind=MentionKind.PERSON, name=susan, organization_key="citibank", first_line=0, quote=SUSAN_LINE),
                Mention(kind=MentionKind.PERSON, name="Raj Patel", first_line=1, quote="Raj Patel now consulting"),
                Mention(
                    kind=MentionKind.ORGANIZATION,
                    name="Montclair State University",
                    first_line=2,
                    quote="Montclair State University career services",
                ),
            ],
        )
        start(m, datetime(2026, 3, 10, 13, 32))
        m.asks = build_checklist(m, contact_name="Jane Doe")
        key = " ".join(susan.casefold().split())
        asks = {a.kind: a for a in m.asks if a.subject == key}
        record_outcome(asks[AskKind.GOOD_PERSON], AskOutcome.YES)
        asks[AskKind.GOOD_PERSON].answer = "e-mail; use my name; she'll intro by Friday"
        set_channel(asks[AskKind.CHANNEL], Channel.EMAIL)
        record_outcome(asks[AskKind.USE_NAME], AskOutcome.YES)
        set_intro(asks[AskKind.INTRODUCE], True, date(2026, 3, 13))
        record_outcome(next(a for a in m.asks if a.subject == "raj patel"), AskOutcome.NO)
        if ended:
            end(m, datetime(2026, 3, 10, 14, 0))
        store.save_meeting(m)
        return m.id


def lines(app) -> str:
    return screen_text(app.screen)


def report(app) -> str:
    return app.screen.report.plain


def followup_titles(app) -> list[str]:
    return [o.prompt.plain for o in app.screen.query_one(FollowUpList).options]


async def open_summary(app, pilot, meeting_id: str) -> SummaryScreen:
    await pilot.pause()
    app.open_summary(meeting_id)
    await pilot.pause()  # mounted: its wrap-up worker has started
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen) and app.screen.ready
    return app.screen


def reader(data_dir: Path) -> Store:
    return Store(data_dir, read_only=True)


async def test_summary_shows_everything(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary(app, pilot, mid)
        text = lines(app)
        assert "Jane Doe · Director of Operations · Acme" in text
        assert "Tue 10 Mar 2026 13:32 · planned 30 min · took 28:00" in text
        assert "Questions — 1 asked, 1 not" in text
        assert "Susan Smith · Citibank" in text
        assert "good person to talk to? yes · e-mail; use my name; she'll intro by Friday" in report(app)
        assert "someone there to contact? not asked" in report(app)
        assert followup_titles(app) == [
            "[ ] Wed 11 Mar  Send Jane Doe a thank-you note",
            "[ ] Thu 12 Mar  Tell Ann Lee how it went with Jane",
            "[ ] Fri 13 Mar  E-mail Susan Smith (Citibank) — you may say Jane Doe sent you",
            "[ ] Fri 20 Mar  Nudge Jane Doe about the introduction to Susan Smith",
            "[ ] Tue 07 Apr  Check in with Jane Doe — keep them posted",
        ]
        assert "1/2  Thank-you to Jane Doe" in text
        view = app.screen.query_one(DraftView)
        assert [d.title for d in view.drafts] == [
            "Thank-you to Jane Doe",
            "First e-mail to Susan Smith (after the introduction)",
        ]
        assert (
            "Susan Smith — at Citibank · suggested by Jane Doe · e-mail · may use the name · intro promised by Fri 13 Mar"
            in report(app)
        )
        assert "Raj Patel\n    good person to talk to? no" in report(app)
    store = reader(data_dir)
    susan = store.find_contact("Susan Smith")
    assert susan.referred_by_id == store.find_contact("Jane Doe").id
    assert susan.preferred_channel is Channel.EMAIL and susan.intro_by == date(2026, 3, 13)
    assert store.find_contact("Raj Patel") is None  # a "no" is not a lead
    kinds = sorted(f.kind.value for f in store.load_meeting(mid).followups)
    assert kinds == ["check_in", "close_loop", "contact_lead", "nudge_intro", "thank_you"]


async def test_done_and_snooze_are_stored(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_summary(app, pilot, mid)
        followups = screen.query_one(FollowUpList)
        assert app.focused is followups
        first = followups.current_id
        await pilot.press("d")  # thank-you (earliest): done
        await pilot.press("down", "s")  # next one: snoozed 3 days
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[x]" in lines(app) and "(snoozed)" in lines(app)
        assert followups.current_id != first
    m = reader(data_dir).load_meeting(mid)
    done = [f for f in m.followups if f.done]
    assert [f.kind for f in done] == [FollowUpKind.THANK_YOU]
    snoozed = [f for f in m.followups if f.snoozed_until]
    assert len(snoozed) == 1 and snoozed[0].snoozed_until == date(2026, 3, 13)


async def test_checkin_done_logs_contact_and_recurs(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_summary(app, pilot, mid)
        await pilot.press("end", "d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.meeting is not None
    store = reader(data_dir)
    m = store.load_meeting(mid)
    checkins = [f for f in m.followups if f.kind is FollowUpKind.CHECK_IN]
    assert sorted(f.done for f in checkins) == [False, True]
    assert store.find_contact("Jane Doe").last_contact == date(2026, 3, 10)
    assert next(f for f in checkins if not f.done).due == date(2026, 4, 7)


async def test_copy_draft_and_switch(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(app, pilot, mid)
        await pilot.press("c")
        assert app.clipboard.startswith("Subject: Thank you for your time\n\nDear Jane,")
        await pilot.press("right_square_bracket", "c")
        assert "Jane Doe suggested I get in touch with you." in app.clipboard
        assert app.clipboard.startswith("Subject: Jane Doe suggested I contact you\n\nDear Susan,")


async def test_export_writes_markdown_and_says_where(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    notices = NoticeLog()
    async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
        screen = await open_summary(app, pilot, mid)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = screen.last_export
        assert path is not None and path.parent == data_dir / "exports"
        assert path.name == f"2026-03-10-jane-doe-{mid}.md"
        assert any(str(path) in m for m in notices.messages)
    text = path.read_text()
    assert text.startswith("---\ndate: 2026-03-10T13:32")
    assert "## Closing checklist" in text and "## Follow-ups" in text and "### Thank-you to Jane Doe" in text
    assert "## New leads\n\n- Susan Smith — Citibank; e-mail" in text
    assert path.stat().st_mode & 0o077 == 0


async def test_reopen_then_end_again_updates_without_duplicates(make_app, data_dir):
    from netbook.screens.meeting import MeetingScreen

    mid = seed(data_dir, ended=False)
    app = make_app(meeting_id=mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert reader(data_dir).load_meeting(mid).status is MeetingStatus.ENDED
        await pilot.press("d")  # the thank-you: done, must survive the reopen
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert reader(data_dir).load_meeting(mid).status is MeetingStatus.LIVE
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    m = reader(data_dir).load_meeting(mid)
    assert m.status is MeetingStatus.ENDED
    keys = [f.rule_key for f in m.followups]
    assert len(keys) == len(set(keys)) == 5
    assert [f.kind for f in m.followups if f.done] == [FollowUpKind.THANK_YOU]
    identities = [(a.kind, a.subject) for a in m.asks]
    assert len(identities) == len(set(identities))
    assert [c.name for c in reader(data_dir).contacts()].count("Susan Smith") == 1


async def test_home_key(make_app, data_dir):
    from netbook.screens.home import HomeScreen

    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary(app, pilot, mid)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_hostile_names_in_summary_and_drafts(make_app, data_dir):
    mid = seed(data_dir, susan=HOSTILE)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary(app, pilot, mid)
        await pilot.press("right_square_bracket", "c")
        assert app.is_running
        assert "[bold]Eve[/] [@click=app.quit]x" in lines(app)
        assert "\x1b" not in lines(app)
        assert app.clipboard.startswith("Subject: Jane Doe suggested I contact you\n\nDear [bold]Eve[/],")
    assert reader(data_dir).find_contact(HOSTILE) is not None


async def test_flow_meet_tag_closing_outcomes_summary_export(make_app, data_dir):
    """The whole close of a meeting through the real screens, checking what is shown and stored."""
    from netbook.screens.closing import ClosingScreen
    from netbook.screens.meeting import MeetingScreen

    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        meeting = store.create_meeting(jane, planned_minutes=30)
        start(meeting, datetime(2026, 3, 10, 13, 35))
        store.save_meeting(meeting)
        mid = meeting.id
    app = make_app(meeting_id=mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        pad = app.screen.query_one("#notes")
        await pilot.press(*"Talk to Susan Smith at Citibank")
        pad.selection = Selection((0, 8), (0, 19))
        await pilot.press("ctrl+t")  # tag Susan Smith (linked to Citibank)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        assert "You mentioned Susan Smith at Citibank — would Susan be a good person for me to talk to?" in lines(app)
        assert "“Talk to Susan Smith at Citibank”" in lines(app)
        await pilot.press("y", "a", *"e-mail her", "enter", "down", "c", "c", "down", "y", "down", "i")
        await pilot.press("ctrl+l")  # back to the notes
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+g")  # end: summary
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert any("E-mail Susan Smith (Citibank) — you may say Jane Doe sent you" in t for t in followup_titles(app))
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = app.screen.last_export
    store = reader(data_dir)
    m = store.load_meeting(mid)
    assert m.status is MeetingStatus.ENDED and m.notes.startswith("Talk to Susan Smith at Citibank")
    good = next(a for a in m.asks if a.kind is AskKind.GOOD_PERSON)
    assert good.outcome is AskOutcome.YES and good.answer == "e-mail her"
    susan = store.find_contact("Susan Smith")
    assert susan.preferred_channel is Channel.EMAIL and susan.may_use_referrer_name is True
    assert susan.intro_promised is True and susan.referred_by_id == store.find_contact("Jane Doe").id
    md = path.read_text()
    assert "people: [\"Susan Smith\"]" in md
    assert "- [x] You mentioned Susan Smith at Citibank — would Susan be a good person for me to talk to? — yes · e-mail her" in md
    assert "Jane Doe suggested I get in touch with you." in md


def _summary_snapshot(data_dir: Path):
    mid = seed(data_dir)

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.open_summary(mid)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def test_snapshot_summary_80x24(snap_compare, make_app, data_dir):
    run_before = _summary_snapshot(data_dir)  # seed before the app takes the data dir lock
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_summary_120x40(snap_compare, make_app, data_dir):
    run_before = _summary_snapshot(data_dir)  # seed before the app takes the data dir lock
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


async def test_read_only_summary_still_shows(make_app, data_dir):
    mid = seed(data_dir)
    holder = Store.open(data_dir)
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await open_summary(app, pilot, mid)
            assert "Susan Smith — at Citibank · suggested by Jane Doe" in report(app)
            await pilot.press("d")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running
    finally:
        holder.close()
