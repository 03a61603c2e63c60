"""Closing checklist screen: keys record outcomes and details, everything is stored, back to notes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from netbook.domain.meeting_lifecycle import start
from netbook.domain.models import (
    AskKind,
    AskOutcome,
    AskStatus,
    Channel,
    MeetingQuestion,
    Mention,
    MentionKind,
    MentionStatus,
    QuestionStatus,
)
from netbook.screens.closing import ClosingScreen
from netbook.storage.store import Store
from netbook.widgets.ask_list import AskList

from screen_view import NoticeLog, screen_text

SUSAN_LINE = "Talk to Susan Smith at Citibank — runs their ops analytics team"
HOSTILE = "[bold]Eve[/] [@click=app.quit]x\x1b[31m"


def seed(data_dir: Path, *, raj: str = "Raj Patel") -> str:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme", role="Director of Operations")
        m = store.create_meeting(
            jane,
            planned_minutes=30,
            notes=f"Jane: 12 years in logistics\n{SUSAN_LINE}\nMontclair State University career services\n{raj} now consulting\nPMI chapter\n",
            questions=[
                MeetingQuestion(text="What skills matter most?", question_id="skills-01", status=QuestionStatus.ASKED),
                MeetingQuestion(text="Who else should I talk to?", question_id="referrals-01", status=QuestionStatus.ASKED),
            ],
            mentions=[
                Mention(kind=MentionKind.PERSON, name="Jane Doe", first_line=0, quote="Jane: 12 years in logistics"),
                Mention(kind=MentionKind.ORGANIZATION, name="Citibank", first_line=1, quote=SUSAN_LINE),
                Mention(kind=MentionKind.PERSON, name="Susan Smith", organization_key="citibank", first_line=1, quote=SUSAN_LINE),
                Mention(
                    kind=MentionKind.ORGANIZATION,
                    name="Montclair State University",
                    first_line=2,
                    quote="Montclair State University career services",
                ),
                Mention(kind=MentionKind.PERSON, name=raj, first_line=3, quote=f"{raj} now consulting"),
                Mention(
                    kind=MentionKind.ORGANIZATION,
                    name="PMI",
                    first_line=4,
                    quote="PMI chapter",
                    status=MentionStatus.SUGGESTED,
                ),
            ],
        )
        start(m, datetime(2026, 3, 10, 13, 32))
        store.save_meeting(m)
        return m.id


def stored(data_dir: Path, meeting_id: str):
    return Store(data_dir, read_only=True).load_meeting(meeting_id)


def lines(app) -> str:
    return screen_text(app.screen)


async def open_closing(app, pilot, meeting_id: str) -> ClosingScreen:
    await pilot.pause()
    app.open_closing(meeting_id)
    await pilot.pause()
    assert isinstance(app.screen, ClosingScreen)
    return app.screen


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def go_to(pilot, screen: ClosingScreen, option_id: str, key: str = "down") -> None:
    """Move the highlight with the arrow keys, as a user does, to the row ``option_id``."""
    asks = screen.query_one(AskList)
    for _ in range(asks.option_count):
        if asks.current_id == option_id:
            return
        await pilot.press(key)
    assert asks.current_id == option_id


def ask(meeting, kind: AskKind, subject: str | None):
    return next(a for a in meeting.asks if a.kind is kind and a.subject == subject)


async def test_checklist_shows_asks_quoting_note_lines(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_closing(app, pilot, mid)
        text = lines(app)
        assert "You mentioned Susan Smith at Citibank — would Susan be a good person for me to talk to?" in text
        assert f"“{SUSAN_LINE}”" in text
        assert "You mentioned Montclair State University — is there someone there you'd recommend I contact?" in text
        assert "would Jane be a good person" not in text  # the contact mentioning themselves
        assert "Is there anyone else you think I should talk to?" not in text  # covered by referrals-01
        assert "Jane Doe — 13 of 13 asks open · 1 suggested name to confirm" in text
        await settle(app, pilot)
    assert len(stored(data_dir, mid).asks) == 13


async def test_keys_record_outcomes_and_details(make_app, data_dir, clock):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_closing(app, pilot, mid)
        asks = screen.query_one(AskList)
        assert asks.current_id == f"ask:{ask(screen.meeting, AskKind.GOOD_PERSON, 'susan smith').id}"
        await pilot.press("y")
        await pilot.press("down", "c", "c")  # channel: call -> e-mail
        await pilot.press("down", "u")  # may use my name: yes
        await pilot.press("down", "i", "b", *"fri", "enter")  # intro promised, by Friday
        await pilot.press("down", "l")  # Montclair: later
        await pilot.press("down", "n")  # Raj: no (how to reach him no longer matters: his other asks drop)
        await settle(app, pilot)
        text = lines(app)
        assert "→ yes" in text and "e-mail" in text and "intro by 2026-03-13" in text
        await pilot.press("up", "up", "up")  # back on Susan's intro ask: her details below the list
        assert "channel: e-mail · use my name: yes · intro: promised by Fri 13 Mar" in lines(app)
    m = stored(data_dir, mid)
    good = ask(m, AskKind.GOOD_PERSON, "susan smith")
    assert good.outcome is AskOutcome.YES and good.status is AskStatus.ASKED
    assert ask(m, AskKind.CHANNEL, "susan smith").channel is Channel.EMAIL
    assert ask(m, AskKind.USE_NAME, "susan smith").may_use_name is True
    intro = ask(m, AskKind.INTRODUCE, "susan smith")
    assert intro.intro_promised is True and intro.intro_by == date(2026, 3, 13)
    assert ask(m, AskKind.SOMEONE_AT_ORG, "montclair state university").outcome is AskOutcome.LATER
    assert ask(m, AskKind.GOOD_PERSON, "raj patel").outcome is AskOutcome.NO
    assert [a.kind for a in m.asks if a.subject == "raj patel"] == [AskKind.GOOD_PERSON]


async def test_typed_answer_never_triggers_shortcuts(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_closing(app, pilot, mid)
        answer = "yes e-mail; use my name; she'll intro by Friday [bold]x[/]"
        await pilot.press("a", *answer, "enter")
        await settle(app, pilot)
        assert app.focused is app.screen.query_one(AskList)
        assert "she'llintrobyFriday[bold]x[/]" in "".join(lines(app).split())
    m = stored(data_dir, mid)
    good = ask(m, AskKind.GOOD_PERSON, "susan smith")
    assert good.answer == answer and good.outcome is AskOutcome.NONE and good.status is AskStatus.ASKED
    assert all(a.outcome is AskOutcome.NONE for a in m.asks)
    assert ask(m, AskKind.CHANNEL, "susan smith").channel is None


async def test_escape_closes_field_then_goes_back_saving_everything(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        under = app.screen
        await open_closing(app, pilot, mid)
        await pilot.press("a", *"half typed", "escape")  # esc keeps what was typed
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("down", "a", *"more", "ctrl+l")  # ctrl+l: straight back, nothing lost
        await pilot.pause()
        assert app.screen is under
    m = stored(data_dir, mid)
    assert ask(m, AskKind.GOOD_PERSON, "susan smith").answer == "half typed"
    assert ask(m, AskKind.CHANNEL, "susan smith").answer == "more"


async def test_reopening_the_checklist_never_duplicates(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_closing(app, pilot, mid)
        await pilot.press("y", "escape")
        await pilot.pause()
        # a name tagged in the notes meanwhile
        m = app.store.load_meeting(mid)
        m.mentions.append(Mention(kind=MentionKind.PERSON, name="Kim Ode", first_line=5, quote="Kim Ode, recruiter"))
        app.store.save_meeting(m)
        screen = await open_closing(app, pilot, mid)
        assert "You mentioned Kim Ode — would Kim be a good person for me to talk to?" in lines(app)
        assert ask(screen.meeting, AskKind.GOOD_PERSON, "susan smith").outcome is AskOutcome.YES
        await pilot.press("escape")
        await settle(app, pilot)
    m = stored(data_dir, mid)
    identities = [(a.kind, a.subject) for a in m.asks]
    assert len(identities) == len(set(identities)) == 17


async def test_confirming_a_suggestion_adds_its_ask(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_closing(app, pilot, mid)
        await pilot.press("end")
        assert screen.query_one(AskList).current_id.startswith("mention:")
        await pilot.press("y")
        await settle(app, pilot)
        assert "You mentioned PMI — is there someone there you'd recommend I contact?" in lines(app)
        assert "suggested name" not in lines(app)
    m = stored(data_dir, mid)
    assert next(x for x in m.mentions if x.name == "PMI").status is MentionStatus.CONFIRMED
    assert ask(m, AskKind.SOMEONE_AT_ORG, "pmi").status is AskStatus.OPEN


async def test_details_only_for_people(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    notices = NoticeLog()
    async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
        screen = await open_closing(app, pilot, mid)
        await pilot.press("down", "down", "down", "down", "c")  # on Montclair's ask
        await pilot.pause()
        assert ask(screen.meeting, AskKind.SOMEONE_AT_ORG, "montclair state university").channel is None
        assert any("only for a person" in m for m in notices.messages)


async def test_ctrl_g_ends_the_meeting_and_opens_summary(make_app, data_dir):
    from netbook.domain.models import MeetingStatus
    from netbook.screens.summary import SummaryScreen

    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_closing(app, pilot, mid)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
    assert stored(data_dir, mid).status is MeetingStatus.ENDED


async def test_hostile_names_shown_verbatim(make_app, data_dir):
    mid = seed(data_dir, raj=HOSTILE)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_closing(app, pilot, mid)
        text = lines(app)
        assert "[bold]Eve[/] [@click=app.quit]x" in text
        assert "\x1b" not in text
        assert app.is_running


async def test_f1_lists_closing_keys(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_closing(app, pilot, mid)
        await pilot.press("f1")
        await pilot.pause()
        text = lines(app)
        assert "Keys — Closing checklist" in text
        for label in ("Back to notes", "Yes", "No", "Later", "Answer", "Channel", "Use name", "Intro by…"):
            assert label in text


def _closing_snapshot(data_dir: Path):
    mid = seed(data_dir)

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.open_closing(mid)
        await pilot.pause()
        await pilot.press("y", "down", "c", "c", "down", "u")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def test_snapshot_closing_80x24(snap_compare, make_app, data_dir):
    run_before = _closing_snapshot(data_dir)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_closing_120x40(snap_compare, make_app, data_dir):
    run_before = _closing_snapshot(data_dir)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


async def test_read_only_data_dir_never_crashes(make_app, data_dir):
    mid = seed(data_dir)
    holder = Store.open(data_dir)  # another netbook holds the writer lock
    try:
        app = make_app()
        assert app.store.read_only
        notices = NoticeLog()
        async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
            await open_closing(app, pilot, mid)
            await pilot.press("y")
            await settle(app, pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, ClosingScreen)
            assert any("Could not save the meeting" in m for m in notices.messages)
    finally:
        holder.close()


PWNED = "\x1b]0;PWNED\x07\x1b[2J"


async def test_confirming_a_suggested_name_says_so_in_plain_text(make_app, data_dir):
    """`y` on a "Suggested names" row used to crash: the notice was a rich Text."""
    mid = seed(data_dir)
    with Store.open(data_dir) as store:
        m = store.load_meeting(mid)
        next(x for x in m.mentions if x.name == "PMI").name = f"PMI [red]x[/] {PWNED}"
        store.save_meeting(m)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_closing(app, pilot, mid)
        await pilot.press("end", "y")
        await settle(app, pilot)
        assert app.is_running
        text = lines(app)
        assert "Confirmed PMI [red]x[/] \u241b]0;PWNED\u2407\u241b[2J (organization)" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_unreadable_intro_date_says_so_in_plain_text(make_app, data_dir):
    """`b` with a date it cannot read used to crash: the warning was a rich Text."""
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_closing(app, pilot, mid)
        await pilot.press("b", *"[b]soon", "enter")
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.is_running
        assert "Could not read a date in '[b]soon'" in lines(app)
async def test_confirming_a_suggested_person_confirms_their_organization(make_app, data_dir):
    """Closing confirms through MeetingMentions.confirm, the one path: the linked organization comes with them."""
    line = "- Mark Ortiz (Genentech) runs their launch team"
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        m = store.create_meeting(
            jane,
            notes=line + "\n",
            mentions=[
                Mention(kind=MentionKind.ORGANIZATION, name="Genentech", first_line=0, quote=line,
                        status=MentionStatus.SUGGESTED),
                Mention(kind=MentionKind.PERSON, name="Mark Ortiz", organization_key="genentech", first_line=0,
                        quote=line, status=MentionStatus.SUGGESTED),
            ],
        )
        start(m, datetime(2026, 3, 10, 13, 32))
        store.save_meeting(m)
        mid = m.id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_closing(app, pilot, mid)
        mark = next(x for x in screen.meeting.mentions if x.name == "Mark Ortiz")
        await pilot.press("end")
        await go_to(pilot, screen, f"mention:{mark.id}", "up")
        await pilot.press("y")
        await settle(app, pilot)
        assert "would Mark be a good person for me to talk to?" in lines(app)
        assert "suggested name" not in lines(app)
        await pilot.press("escape")
        await settle(app, pilot)
    saved = stored(data_dir, mid)
    assert {x.name: x.status for x in saved.mentions} == {
        "Genentech": MentionStatus.CONFIRMED, "Mark Ortiz": MentionStatus.CONFIRMED}
    assert ask(saved, AskKind.GOOD_PERSON, "mark ortiz").status is AskStatus.OPEN
    assert not [a for a in saved.asks if a.kind is AskKind.SOMEONE_AT_ORG]  # Genentech has a person named


async def test_no_to_good_person_drops_their_other_asks_at_once(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_closing(app, pilot, mid)
        await go_to(pilot, screen, f"ask:{ask(screen.meeting, AskKind.GOOD_PERSON, 'raj patel').id}")
        await pilot.press("n")
        await settle(app, pilot)
        assert [a.kind for a in screen.meeting.asks if a.subject == "raj patel"] == [AskKind.GOOD_PERSON]
        assert "Should I call Raj" not in lines(app)
        await pilot.press("n")  # pressed again: the no is cleared, the asks come back
        await settle(app, pilot)
        assert len([a for a in screen.meeting.asks if a.subject == "raj patel"]) == 4
        await pilot.press("n")
        await pilot.press("escape")
        await settle(app, pilot)
    assert [a.kind for a in stored(data_dir, mid).asks if a.subject == "raj patel"] == [AskKind.GOOD_PERSON]


async def test_intro_by_reads_loose_dates(make_app, data_dir):
    """"by Friday" and "next Tue" are what people say; the one date reader takes them."""
    mid = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_closing(app, pilot, mid)
        await go_to(pilot, screen, f"ask:{ask(screen.meeting, AskKind.INTRODUCE, 'susan smith').id}")
        await pilot.press("b", *"by Friday", "enter")
        await settle(app, pilot)
        assert "intro by 2026-03-13" in lines(app)
        await pilot.press("b", "ctrl+u", *"next Tue", "enter")
        await pilot.press("escape")
        await settle(app, pilot)
    saved = ask(stored(data_dir, mid), AskKind.INTRODUCE, "susan smith")
    assert saved.intro_promised is True and saved.intro_by == date(2026, 3, 17)


async def test_no_to_good_person_takes_back_their_lead_at_once(make_app, data_dir):
    """Tagged, Raj became a lead; a no in the checklist undoes that in the contact book (Home stops listing him)."""
    from netbook.domain.models import Contact, LeadStatus

    mid = seed(data_dir)
    with Store.open(data_dir) as store:
        m = store.load_meeting(mid)
        jane_id = m.contact_id
        raj = store.save_contact(Contact(name="Raj Patel", referred_by_id=jane_id, referred_in_meeting_id=mid,
                                         lead_status=LeadStatus.TO_CONTACT))
        next(x for x in m.mentions if x.name == "Raj Patel").contact_id = raj.id
        store.save_meeting(m)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_closing(app, pilot, mid)
        await go_to(pilot, screen, f"ask:{ask(screen.meeting, AskKind.GOOD_PERSON, 'raj patel').id}")
        await pilot.press("n")
        await settle(app, pilot)
        book = Store(data_dir, read_only=True)
        assert book.get_contact(raj.id).lead_status is None
        assert book.get_contact(raj.id).referred_by_id is None
