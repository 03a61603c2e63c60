"""Hostile text on every screen: a name that would retitle or clear the terminal is shown as text.

Each screen is drawn with names, notes, questions and follow-ups that carry
``ESC ] 0 ; PWNED BEL ESC [ 2 J`` (retitle the terminal, clear the screen); nothing the
terminal would act on may reach it, and the title bar must show the same text made visible.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from netbook.domain.meeting_lifecycle import end, start
from netbook.domain.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    LeadStatus,
    MeetingQuestion,
    MeetingStatus,
    Mention,
    MentionKind,
)
from netbook.storage.store import Store

from screen_view import screen_text

NOW = datetime(2026, 3, 10, 14, 0)
PWNED = "\x1b]0;PWNED\x07\x1b[2J"
SHOWN = "\u241b]0;PWNED\u2407\u241b[2J"
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def seed(data_dir) -> dict[str, str]:
    with Store.open(data_dir) as store:
        eve = store.ensure_contact(f"Eve {PWNED}", organization=f"Acme {PWNED}", role=f"CTO {PWNED}")
        eve.notes = f"private {PWNED}\nsecond"
        eve.email = f"eve{PWNED}@example.com"
        store.save_contact(eve)
        lead = store.save_contact(Contact(name=f"Mal {PWNED}", referred_by_id=eve.id,
                                          lead_status=LeadStatus.TO_CONTACT, created_at=NOW))
        quote = f"Talk to Mal {PWNED} soon"
        ended = store.create_meeting(
            eve, title=f"Coffee {PWNED}", planned_minutes=30, goal=f"Learn {PWNED}",
            notes=f"{quote}\nsecond line {PWNED}\n",
            questions=[MeetingQuestion(text=f"Why {PWNED}?", answer=f"Because {PWNED}")],
            mentions=[Mention(kind=MentionKind.PERSON, name=f"Mal {PWNED}", contact_id=lead.id, first_line=0,
                              quote=quote)],
        )
        start(ended, NOW - timedelta(days=1, hours=1))
        end(ended, NOW - timedelta(days=1))
        ended.followups = [FollowUp(kind=FollowUpKind.THANK_YOU, title=f"Thank Eve {PWNED}", due=date(2026, 3, 9))]
        store.save_meeting(ended)
        live = store.create_meeting(
            eve, title=f"Call {PWNED}", notes=f"{quote}\n",
            questions=[MeetingQuestion(text=f"Who {PWNED}?")],
            mentions=[Mention(kind=MentionKind.PERSON, name=f"Mal {PWNED}", first_line=0, quote=quote)],
        )
        start(live, NOW - timedelta(minutes=5))
        store.save_meeting(live)
        planned = store.create_meeting(eve, title=f"Lunch {PWNED}", scheduled_at=NOW + timedelta(days=1),
                                       questions=[MeetingQuestion(text=f"Plan {PWNED}?")])
        assert planned.status is MeetingStatus.PLANNED
        return {"eve": eve.id, "lead": lead.id, "ended": ended.id, "live": live.id, "planned": planned.id}


def drawn(app) -> str:
    return screen_text(app.screen)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def assert_safe(app, *, expect_shown: bool = True) -> None:
    text = drawn(app)
    raw = RAW_CONTROL.search(text)
    assert raw is None, f"{type(app.screen).__name__}: {text[max(0, raw.start() - 60):raw.end() + 20]!r}"
    if expect_shown:
        assert SHOWN in text
    for title in (app.title, app.sub_title, app.screen.title or "", app.screen.sub_title or ""):
        assert RAW_CONTROL.search(title) is None, repr(title)


async def test_every_screen_shows_control_characters_as_text(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert_safe(app)
        for opener in (
            lambda: app.open_summary(ids["ended"]),
            lambda: app.open_meeting(ids["live"]),
            lambda: app.open_closing(ids["live"]),
            lambda: app.open_people(contact_id=ids["eve"]),
            lambda: app.open_people(contact_id=ids["lead"]),
            lambda: app.open_prepare(meeting_id=ids["planned"]),
        ):
            opener()
            await settle(pilot)
            assert_safe(app)
        app.open_people(contact_id=ids["eve"])
        await settle(pilot)
        await pilot.press("e")  # the edit form: inputs and the notes area
        await settle(pilot)
        assert_safe(app)
        app.open_summary(ids["ended"])
        await settle(pilot)
        assert SHOWN in (app.screen.sub_title or "") + (app.screen.title or "")


def test_home_in_a_real_terminal_never_sends_the_name_s_escape_sequences(data_dir):
    """The real app on a pseudo-terminal: what the terminal receives holds no OSC title or clear."""
    from pty_terminal import PtyTerminal

    seed(data_dir)
    term = PtyTerminal(["--data-dir", str(data_dir)])
    try:
        term.wait_for(lambda: "PWNED" in term.text() and "Home" in term.text(), "Home with the hostile names")
        term.write(b"\x11")  # ctrl+q
    finally:
        status = term.finish()
    assert status == 0, term.tail()
    received = bytes(term.output)
    assert b"\x1b]0;PWNED" not in received and b"PWNED\x07" not in received
    assert "␛]0;PWNED".encode() in received  # drawn as visible symbols (the terminal may move the cursor mid-string)
