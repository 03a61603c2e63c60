"""Open asks (Home a, palette): every later / promised ask by person; d logs one done, stored."""

from __future__ import annotations

from datetime import date, datetime, timedelta


from netbook.domain.closing_checklist import ask_for, build_checklist, record_outcome, set_intro
from netbook.domain.models import AskKind, AskOutcome, MeetingStatus, Mention, MentionKind
from netbook.domain.pending_asks import OpenAsk, is_open, tracking_followup
from netbook.screens.open_asks import OpenAsksScreen
from netbook.storage.store import Store
from netbook.widgets.hit_list import HitList
from pilot_steps import palette_pick, settle

NOW = datetime(2026, 3, 10, 14, 0)


def seed(data_dir) -> dict[str, str]:
    """Jane promised an intro to Susan and resume feedback; Bob said later to "anyone else" ([red] in a name)."""
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        bob = store.ensure_contact("Bob [red]Adams[/]")
        first = store.create_meeting(jane, status=MeetingStatus.ENDED, started_at=NOW - timedelta(days=9),
                                     ended_at=NOW - timedelta(days=9, minutes=-40),
                                     notes="Susan Smith at Citibank\n",
                                     mentions=[Mention(kind=MentionKind.PERSON, name="Susan Smith", first_line=0,
                                                       quote="Susan Smith at Citibank")])
        first.asks = build_checklist(first, contact_name=jane.name)
        set_intro(ask_for(first.asks, AskKind.INTRODUCE, "susan smith"), True, date(2026, 3, 20))
        resume = ask_for(first.asks, AskKind.RESUME_FEEDBACK, None)
        record_outcome(resume, AskOutcome.YES)
        resume.answer = "send it by Friday"
        store.save_meeting(first)
        second = store.create_meeting(bob, status=MeetingStatus.ENDED, started_at=NOW - timedelta(days=2),
                                      ended_at=NOW - timedelta(days=2, minutes=-30), notes="quick chat\n")
        second.asks = build_checklist(second, contact_name=bob.name)
        record_outcome(ask_for(second.asks, AskKind.ANYONE_ELSE, None), AskOutcome.LATER)
        store.save_meeting(second)
    return {"jane": first.id, "bob": second.id, "resume": resume.id}


def rows(lst: HitList) -> list[str]:
    """The list's lines as drawn."""
    shown = [lst.render_line(y).text.strip() for y in range(lst.scrollable_content_region.height)]
    return [line for line in shown if line]


def asks(lst: HitList) -> list[OpenAsk]:
    return [row for row in lst.rows if isinstance(row, OpenAsk)]


async def open_asks(pilot) -> HitList:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OpenAsksScreen)
    return pilot.app.screen.query_one("#open-asks-list", HitList)


async def test_open_asks_are_listed_by_person(make_app, data_dir):
    seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await open_asks(pilot)
        shown = rows(lst)
        assert shown[0].startswith("Bob [red]Adams[/]  1")  # a name is shown, never run as markup
        assert "later" in shown[1] and "anyone else to talk to?" in shown[1]
        assert shown[2].startswith("Jane Doe  2")
        assert "would you introduce me? — Susan Smith" in shown[3] and "yes, not done" in shown[3]
        assert "resume feedback" in shown[4] and "send it by Friday" in shown[4]
        assert lst.cursor == 1 and lst.highlighted is asks(lst)[0]  # the first ask, not a heading
        await pilot.press("up")
        assert lst.cursor == 1
        await pilot.press("down")
        assert lst.cursor == 3  # over Jane's heading


async def test_d_logs_the_ask_done_and_the_stored_meeting_shows_it(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await open_asks(pilot)
        lst.cursor = 4  # Jane's resume feedback
        await pilot.press("d")
        await settle(pilot)
        assert not any("resume feedback" in row for row in rows(lst))
        assert rows(lst)[2].startswith("Jane Doe  1")
        assert isinstance(lst.highlighted, OpenAsk)
    stored = Store(data_dir, read_only=True).load_meeting(ids["jane"])
    resume = next(a for a in stored.asks if a.id == ids["resume"])
    followup = tracking_followup(stored, resume)
    assert followup is not None and followup.done and followup.done_at == NOW
    assert not is_open(stored, resume)


async def test_done_on_a_meeting_open_in_another_screen_goes_through_its_session(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = app.session_for(ids["bob"])  # as the summary screen holds it
        lst = await open_asks(pilot)
        await pilot.press("d")  # Bob's "anyone else": later
        await settle(pilot)
        ask = next(a for a in session.meeting.asks if a.kind is AskKind.ANYONE_ELSE)
        assert not is_open(session.meeting, ask)
        assert len(asks(lst)) == 2
        app.release_session(session)
    stored = Store(data_dir, read_only=True).load_meeting(ids["bob"])
    assert not is_open(stored, next(a for a in stored.asks if a.kind is AskKind.ANYONE_ELSE))


async def test_enter_opens_the_meeting_and_the_palette_opens_the_list(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    opened: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_pick(pilot, "Open asks")
        assert isinstance(app.screen, OpenAsksScreen)
        app.open_meeting_by_status = lambda mid, **_: opened.append(mid)
        await pilot.press("enter")
    assert opened == [ids["bob"]]


async def test_nothing_open_says_so(make_app, data_dir):
    with Store.open(data_dir) as store:
        store.create_meeting(store.ensure_contact("Ann Lee"), status=MeetingStatus.ENDED, started_at=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        lst = await open_asks(pilot)
        assert asks(lst) == [] and "Nothing open" in rows(lst)[0]


# --------------------------------------------------------------------------- snapshots


async def _listed(pilot) -> None:
    await open_asks(pilot)


def test_snapshot_open_asks_80x24(snap_compare, make_app, data_dir):
    seed(data_dir)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_listed)


def test_snapshot_open_asks_120x40(snap_compare, make_app, data_dir):
    seed(data_dir)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_listed)
