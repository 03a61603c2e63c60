"""The live meeting screen, driven with the pilot: tagging, links, questions, clock, panel, saving."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets.text_area import Selection

from netbook.domain.meeting_lifecycle import default_questions, start
from netbook.domain.models import AskStatus, LeadStatus, MeetingStatus, MentionKind, MentionStatus, QuestionStatus
from netbook.domain.question_bank import shipped_bank
from netbook.screens.meeting import MeetingScreen
from netbook.storage.config import Config
from netbook.storage.store import Store
from netbook.widgets.meeting_clock import MeetingClock
from netbook.widgets.mentions_panel import MentionsPanel
from netbook.widgets.note_pad import NotePad

from screen_view import NoticeLog

SIZE = (120, 40)


@pytest.fixture
def meeting_id(data_dir: Path, clock) -> str:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme", role="Director")
        store.ensure_organization("Initech")
        store.ensure_contact("Bob Known")
        meeting = store.create_meeting(jane, planned_minutes=30, questions=default_questions(shipped_bank()))
        start(meeting, clock.now())
        store.save_meeting(meeting)
        return meeting.id


def stored(data_dir: Path, meeting_id: str):
    return Store(data_dir, read_only=True).load_meeting(meeting_id)


async def ready(app, pilot) -> tuple[MeetingScreen, NotePad]:
    await pilot.pause()
    await app.workers.wait_for_complete()  # the contact book is loaded
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen, screen.query_one(NotePad)


async def type_text(pilot, pad: NotePad, text: str) -> None:
    """Type into the pad as the keyboard does (one edit per character)."""
    for ch in text:
        pad.insert(ch)
    await pilot.pause()


async def counted(app, pilot, screen: MeetingScreen) -> None:
    """Recount the note's mentions (a worker) and wait until the panel shows the result."""
    screen._refresh_mentions()
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not screen.counting:
            return


def entry(screen: MeetingScreen, name: str):
    found = screen.model.get(name)
    assert found is not None, f"{name!r} not among {[m.name for m in screen.model.mentions]}"
    return found


def panel_shown(panel: MentionsPanel) -> list[str]:
    """The panel's lines as drawn on screen (inside its border), top first."""
    strips = panel.render_lines(panel.region.reset_offset)
    lines = ["".join(seg.text for seg in strip) for strip in strips[1:-1]]  # border rows off
    return [line.strip("│╭╮╰╯─ ").strip() for line in lines]


def panel_top(panel: MentionsPanel, lines: int = 4) -> str:
    """The first lines drawn in the panel, joined: where its prompts are (wrapped to its width)."""
    return " ".join(line for line in panel_shown(panel)[:lines] if line)


def panel_labels(screen: MeetingScreen) -> list[str]:
    return [row.label for row in screen.query_one(MentionsPanel).rows]


# --------------------------------------------------------------------------- tagging


async def test_opens_with_the_note_pad_focused_and_the_header(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        assert app.focused is pad
        header = str(screen.query_one("#meeting-who").render())
        assert "Jane Doe" in header and "Director" in header and "Acme" in header
        assert str(screen.query_one(MeetingClock).render()) == "00:00 / 30:00"


async def test_ctrl_t_tags_the_name_before_the_cursor_and_makes_a_lead(make_app, meeting_id, data_dir) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await pilot.press(*"met", "space", *"Susan", "space", *"Smith")
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        susan = entry(screen, "Susan Smith")
        assert susan.kind is MentionKind.PERSON and susan.status is MentionStatus.CONFIRMED
        assert susan.first_line == 0 and susan.quote == "met Susan Smith" and susan.contact_id
        assert "Susan Smith" in panel_labels(screen)
        assert pad.text == "met Susan Smith"  # tagging never edits the text
        app.flush_saves()
        lead = app.store.get_contact(susan.contact_id)
        assert lead.lead_status is LeadStatus.TO_CONTACT
        assert lead.referred_in_meeting_id == meeting_id
        assert lead.referred_by_id == stored(data_dir, meeting_id).contact_id
    saved = stored(data_dir, meeting_id)
    assert saved.notes == "met Susan Smith"
    assert [(m.name, m.status, m.contact_id) for m in saved.mentions if m.key == "susan smith"] == [
        ("Susan Smith", MentionStatus.CONFIRMED, susan.contact_id)
    ]


PEOPLE = ["Susan Smith", "Anne-Marie O'Neill", "José Núñez", "J. Park", "María de la Cruz", "Nguyen Van An"]
ORGS = ["J.P. Morgan", "AT&T", "Smith & Nephew", "Montclair State University", "3M"]


async def test_tagging_names_at_line_start_after_bullets_and_timestamps(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    prefixes = ["", "- ", "[12:40] ", "talked to "]
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        for i, name in enumerate(PEOPLE + ORGS):
            kind = "ctrl+t" if name in PEOPLE else "ctrl+o"
            await type_text(pilot, pad, ("\n" if i else "") + prefixes[i % len(prefixes)] + name)
            await pilot.press(kind)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for name in PEOPLE:
            assert entry(screen, name).kind is MentionKind.PERSON
            assert entry(screen, name).name == name
        for name in ORGS:
            assert entry(screen, name).kind is MentionKind.ORGANIZATION
            assert entry(screen, name).name == name
            assert entry(screen, name).organization_id  # stored as an organization
        assert all(entry(screen, n).status is MentionStatus.CONFIRMED for n in PEOPLE + ORGS)


async def test_tagging_the_selection(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "notes: the acme widgets team is hiring")
        start = pad.text.index("acme")
        pad.selection = Selection((0, start), (0, start + len("acme widgets")))
        await pilot.press("ctrl+o")
        await pilot.pause()
        org = entry(screen, "acme widgets")
        assert org.kind is MentionKind.ORGANIZATION and org.name == "acme widgets"
        assert pad.text == "notes: the acme widgets team is hiring"


async def test_no_name_at_the_cursor_is_a_gentle_notice(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "nothing to see here")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.model.mentions == []  # nothing tagged, nothing made up
        assert isinstance(app.screen, MeetingScreen)  # no dialog
        assert app.focused is pad


async def test_first_name_repeats_are_the_same_person(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "talked to Susan Smith")
        await pilot.press("ctrl+t")
        await type_text(pilot, pad, "\nsusan said to e-mail her\nSmith knows everyone")
        await counted(app, pilot, screen)
        susan = entry(screen, "Susan Smith")
        assert susan.count == 3 and susan.first_line == 0
        assert [m.key for m in screen.model.mentions if m.kind is MentionKind.PERSON] == ["susan smith"]
        styled = [span for row in (1, 2) for span in pad.get_line(row).spans]
        assert len(styled) == 2  # "susan" and "Smith" are styled as the person


@pytest.mark.parametrize(
    ("line", "person", "org"),
    [
        ("Susan Smith at Citibank", "Susan Smith", "Citibank"),
        ("Susan Smith (Citibank)", "Susan Smith", "Citibank"),
        ("Carol King, Initech", "Carol King", "Initech"),  # comma: a known organization
        ("Susan from Citibank", "Susan", "Citibank"),
        ("Susan @ Citibank", "Susan", "Citibank"),
    ],
)
async def test_link_phrases_link_the_person_to_the_organization(make_app, meeting_id, line, person, org) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, line)
        pad.move_cursor((0, len(person)))
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert entry(screen, person).organization_key == entry(screen, org).key
        assert f"{person} · {org}" in panel_labels(screen)
        app.flush_saves()
        contact = app.store.get_contact(entry(screen, person).contact_id)
        assert app.store.get_organization(contact.organization_id).name == org


async def test_known_contacts_are_flagged_as_typed(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "ask bob known about INITECH")
        spans = pad.get_line(0).spans
        assert len(spans) == 2  # the person and the organization, in different styles
        assert spans[0].style != spans[1].style
        await counted(app, pilot, screen)
        bob = entry(screen, "bob known")
        assert bob.status is MentionStatus.CONFIRMED and bob.kind is MentionKind.PERSON
        assert entry(screen, "initech").kind is MentionKind.ORGANIZATION


async def test_the_person_being_met_is_never_a_lead(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "Jane Doe")
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        jane = entry(screen, "Jane Doe")
        assert jane.contact_id == screen.meeting.contact_id
        app.flush_saves()
        assert app.store.get_contact(jane.contact_id).lead_status is None
        assert len([c for c in app.store.contacts() if c.name == "Jane Doe"]) == 1


async def test_ctrl_t_on_a_flagged_name_confirms_it_and_can_change_its_kind(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "Initech")
        pad.move_cursor((0, 3))
        await pilot.press("ctrl+t")  # the cursor is on a flagged organization: now a person
        await pilot.pause()
        assert entry(screen, "Initech").kind is MentionKind.PERSON
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert entry(screen, "Initech").kind is MentionKind.ORGANIZATION


async def test_keymap_remaps_the_tag_key(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id, config=Config(keymap={"meeting.tag_person": "f9"}))
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "met Susan Smith")
        await pilot.press("f9")
        await pilot.pause()
        assert entry(screen, "Susan Smith").status is MentionStatus.CONFIRMED


# --------------------------------------------------------------------------- the mentions panel


async def test_panel_confirm_merge_link_and_remove(make_app, meeting_id, data_dir) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "Sue Ellen said hi\nmet Susan Smith\nGlobex Corp is big\nBob Known too")
        pad.move_cursor((0, 3))
        await pilot.press("ctrl+t")  # "Sue Ellen"
        pad.move_cursor((1, 15))
        await pilot.press("ctrl+t")  # "Susan Smith"
        pad.move_cursor((2, 11))
        await pilot.press("ctrl+o")  # "Globex Corp"
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = screen.query_one(MentionsPanel)
        await pilot.press("f4")
        assert app.focused is panel
        # merge "Sue Ellen" into "Susan Smith"
        panel.select_key("sue ellen")
        await pilot.press("m")
        panel.select_key("susan smith")
        await pilot.press("enter")
        await pilot.pause()
        susan = entry(screen, "Susan Smith")
        assert "Sue Ellen" in susan.aliases and screen.model.get("sue ellen") is susan
        assert susan.first_line == 0 and susan.count == 2
        # link Susan to Globex Corp
        panel.select_key("susan smith")
        await pilot.press("l")
        panel.select_key("globex corp")
        await pilot.press("enter")
        await pilot.pause()
        assert "Susan Smith · Globex Corp" in panel_labels(screen)
        await pilot.press("u")  # unlink again
        panel.select_key("susan smith")
        await pilot.press("u")
        await pilot.pause()
        assert "Susan Smith" in panel_labels(screen)
        # change Globex to a person and back
        panel.select_key("globex corp")
        await pilot.press("p")
        await pilot.pause()
        assert entry(screen, "globex corp").kind is MentionKind.PERSON
        await pilot.press("o")
        await pilot.pause()
        assert entry(screen, "globex corp").kind is MentionKind.ORGANIZATION
        # remove Bob's flag: the text stays, the flag goes
        panel.select_key("bob known")
        await pilot.press("x")
        await pilot.pause()
        assert screen.model.get("bob known") is None
        assert "Bob Known too" in pad.text
        assert pad.get_line(3).spans == []
        await pilot.press("escape")
        assert app.focused is pad
        await app.workers.wait_for_complete()
        app.flush_saves()
        assert app.store.find_contact("Sue Ellen").id == susan.contact_id  # alias on the lead
    saved = stored(data_dir, meeting_id)
    assert "bob known" in saved.dismissed_mentions
    assert {m.key for m in saved.mentions} >= {"susan smith", "globex corp"}
    assert "bob known" not in {m.key for m in saved.mentions}


async def test_removing_a_tag_deletes_the_lead_it_created(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "Zed Zulu")
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        assert app.store.find_contact("Zed Zulu") is not None
        panel = screen.query_one(MentionsPanel)
        panel.focus()
        panel.select_key("zed zulu")
        await pilot.press("delete")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.find_contact("Zed Zulu") is None
        assert pad.text == "Zed Zulu"


# --------------------------------------------------------------------------- questions


async def test_question_keys(make_app, meeting_id, data_dir) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        qs = screen.meeting.questions
        assert len(qs) >= 3 and screen.meeting.current_question == 0
        await pilot.press("ctrl+n")
        assert qs[0].status is QuestionStatus.ASKED and screen.meeting.current_question == 1
        await pilot.press("ctrl+s")
        assert qs[1].status is QuestionStatus.SKIPPED and screen.meeting.current_question == 2
        await pilot.press("ctrl+b")
        assert screen.meeting.current_question == 1
        await pilot.press("ctrl+down")
        assert screen.meeting.current_question == 2
        await pilot.press("ctrl+up", "ctrl+up")
        assert screen.meeting.current_question == 0
        await pilot.press("f3")  # next question not asked yet (skipped ones count as done)
        assert screen.meeting.current_question == 2
        await pilot.pause()
        rows = screen.query("QuestionRow")
        assert rows[2].has_class("-current") and rows[0].has_class("-asked") and rows[1].has_class("-skipped")
        prefix = [str(r.query_one(".question-prefix").render()) for r in rows]
        assert "✓" in prefix[0] and "▶" in prefix[2]
        await pilot.click(rows[1])
        await pilot.pause()
        assert screen.meeting.current_question == 1 and app.focused is pad
        assert pad.text == ""  # none of the keys typed anything
        app.flush_saves()
    saved = stored(data_dir, meeting_id)
    assert saved.current_question == 1
    assert [q.status for q in saved.questions[:2]] == [QuestionStatus.ASKED, QuestionStatus.SKIPPED]


async def test_timestamp_key_inserts_elapsed_time(make_app, meeting_id, clock) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        clock.advance(minutes=12, seconds=40)
        await pilot.press("ctrl+r")
        await type_text(pilot, pad, "Susan")
        assert pad.text == "[12:40] Susan"


# --------------------------------------------------------------------------- the clock


async def test_time_to_close_is_said_in_the_header_with_open_asks_never_as_a_toast(make_app, meeting_id, clock) -> None:
    app = make_app(meeting_id=meeting_id)
    notices = NoticeLog()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "Susan Smith")
        await pilot.press("ctrl+t")
        widget = screen.query_one(MeetingClock)
        clock.advance(minutes=26, seconds=59)  # 30-minute meeting: the notice comes 3 minutes before the end
        screen.update_clock()
        assert not widget.has_class("-closing") and "close" not in str(widget.render())
        clock.advance(seconds=2)
        screen.update_clock()
        await pilot.pause()
        shown = str(widget.render())
        assert widget.has_class("-closing") and "time to close" in shown
        assert f"{screen.open_asks()} asks open, ^l" in shown and screen.open_asks() >= 5  # Susan's four + standing
        assert not notices  # nothing covers the note pad
        assert isinstance(app.screen, MeetingScreen) and app.focused is pad
        await pilot.press("ctrl+l")  # the checklist and coming back: still no toast, the header still says it
        await pilot.pause()
        assert not notices
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and not notices
        assert "time to close" in str(widget.render())
        clock.advance(minutes=10)
        screen.update_clock()
        assert widget.has_class("-over") and "over time" in str(widget.render()) and not notices


@pytest.mark.parametrize(("planned", "override", "lead"), [(60, None, 5), (15, None, 2), (30, None, 3),
                                                           (120, None, 10), (1, None, 0.5), (30, 10, 10)])
def test_closing_notice_lead_time_scales_with_the_planned_length(planned, override, lead) -> None:
    from netbook.domain.meeting_lifecycle import closing_notice_seconds

    assert closing_notice_seconds(planned, override) == lead * 60


async def test_closing_notice_minutes_in_the_config_overrides_and_recorded_asks_count(make_app, meeting_id, clock) -> None:
    from netbook.domain.models import Ask, AskKind

    app = make_app(meeting_id=meeting_id, config=Config(closing_notice_minutes=10))
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await ready(app, pilot)
        screen.meeting.asks = [Ask(kind=AskKind.THANK_YOU), Ask(kind=AskKind.ANYONE_ELSE, status=AskStatus.ASKED)]
        screen._state_changed()
        clock.advance(minutes=21)  # ten minutes before the end of 30
        screen.update_clock()
        await pilot.pause()
        assert "time to close: 1 ask open" in str(screen.query_one(MeetingClock).render())


# --------------------------------------------------------------------------- saving, leaving, coming back


async def test_typing_is_saved_without_flushing(make_app, meeting_id, data_dir) -> None:
    app = make_app(meeting_id=meeting_id, config=Config(autosave_seconds=0.05))
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "first words")
        for _ in range(200):
            if stored(data_dir, meeting_id).notes == "first words":
                break
            await pilot.pause(0.01)
        assert stored(data_dir, meeting_id).notes == "first words"


async def test_ctrl_l_flushes_opens_closing_and_shares_its_changes(make_app, meeting_id, data_dir) -> None:
    """The closing checklist edits the same meeting: back in the notes, its outcomes are there and kept."""
    from netbook.domain.models import AskKind, AskOutcome

    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "Susan Smith")
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        on_disk = stored(data_dir, meeting_id)
        assert on_disk.notes == "Susan Smith" and on_disk.mentions
        await pilot.press("y")  # "would Susan be a good person to talk to?" yes
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is screen and app.focused is pad
        good = next(a for a in screen.meeting.asks if a.kind is AskKind.GOOD_PERSON)
        assert good.outcome is AskOutcome.YES
        await type_text(pilot, pad, " again")
        app.flush_saves()
        saved = stored(data_dir, meeting_id)
        assert saved.notes == "Susan Smith again"
        assert next(a for a in saved.asks if a.kind is AskKind.GOOD_PERSON).outcome is AskOutcome.YES


async def test_ctrl_g_ends_the_meeting_and_opens_the_summary(make_app, meeting_id, data_dir, clock) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "the end")
        clock.advance(minutes=31)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        saved = stored(data_dir, meeting_id)
        assert saved.status is MeetingStatus.ENDED and saved.notes == "the end"
        assert saved.ended_at == clock.now()


async def test_f1_lists_the_meeting_keys(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#keys-list").render())
        for label in ("Tag person", "Tag org", "Asked→next", "Skip question", "Closing", "End", "Mentions panel"):
            assert label in text


# --------------------------------------------------------------------------- hostile text

HOSTILE = ["[bold]Evil[/bold]", "[/]", "[@click=app.quit]x", "\x1b[31mred\x1b[0m", "bell\x07nul\x00",
           "emoji 😀👩‍💻", "RTL עברית العربية", "[link=https://x]y[/link]"]


async def test_hostile_text_is_just_text(make_app, meeting_id, data_dir) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        text = "\n".join(HOSTILE)
        pad.insert(text)
        await pilot.pause()
        # tag a hostile string as an organization via the selection
        pad.selection = Selection((2, 0), (2, len(HOSTILE[2])))
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MeetingScreen)
        assert pad.text == text
        rendered = [str(pad.get_line(i)) for i in range(len(HOSTILE))]
        assert rendered[:4] == ["[bold]Evil[/bold]", "[/]", "[@click=app.quit]x", "␛[31mred␛[0m"]
        assert rendered[4] == "bell␇nul␀" and rendered[5:] == HOSTILE[5:]  # control characters shown
        strips = pad.render_lines(pad.region.reset_offset)
        assert not any("\x1b" in seg.text for strip in strips for seg in strip)  # never sent raw
        assert "[@click=app.quit]x" in panel_labels(screen)
        panel = screen.query_one(MentionsPanel)
        row_text = " ".join(seg.text for strip in panel.render_lines(panel.region.reset_offset) for seg in strip)
        assert "[@click=app.quit]x" in row_text
        app.flush_saves()
        assert app.store.find_organization("[@click=app.quit]x") is not None
    assert stored(data_dir, meeting_id).notes == text


async def test_a_5mb_paste_is_kept_verbatim(make_app, meeting_id, data_dir) -> None:
    app = make_app(meeting_id=meeting_id)
    line = "Susan Smith at Citibank [bold]x[/] " + "lorem ipsum " * 8
    big = "\n".join(f"{i} {line}" for i in range(5 * 1024 * 1024 // (len(line) + 8)))
    big += "\n" + "y" * 200_000  # and one enormous line
    assert len(big) >= 5_000_000
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        app.post_message(events.Paste(big))  # as the terminal delivers it
        await pilot.pause()
        assert pad.text == big
        await type_text(pilot, pad, "!")
        assert app.is_running
        app.flush_saves()
    assert stored(data_dir, meeting_id).notes == big + "!"


async def test_a_big_paste_is_flagged_in_the_background_and_typing_goes_on(make_app, meeting_id, data_dir, monkeypatch):
    import netbook.widgets.note_pad as note_pad

    monkeypatch.setattr(note_pad, "BIG_EDIT_LINES", 50)
    monkeypatch.setattr(note_pad, "READ_SLICE_LINES", 20)
    app = make_app(meeting_id=meeting_id)
    pasted = "\n".join(f"- met Priya Raman at Citibank, item {i}" for i in range(300))
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        # awaited directly: this checks the moment the paste is in and its flags are not yet read
        await pad._on_paste(events.Paste(pasted))
        assert pad.detecting and pad.line_mentions(0) == []  # shown at once, flags follow
        pad.move_cursor((0, 0))
        await type_text(pilot, pad, "Ana Souza said: ")  # typed while the paste is read
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not pad.detecting
        assert pad.text.startswith("Ana Souza said: - met Priya Raman at Citibank, item 0")
        first = {pad.text.split("\n")[0][m.start:m.end] for m in pad.line_mentions(0)}
        assert {"Ana Souza", "Priya Raman", "Citibank"} <= first
        last = {pad.text.split("\n")[299][m.start:m.end] for m in pad.line_mentions(299)}
        assert {"Priya Raman", "Citibank"} <= last
        await pilot.pause()  # the panel is refreshed when the reading is adopted
        assert entry(screen, "Priya Raman") is not None


async def test_a_second_copy_shows_the_meeting_read_only(meeting_id, data_dir, clock) -> None:
    import os

    from textual.widgets import Footer

    from netbook.app import create_app

    holder = Store.open(data_dir)  # the first netbook
    try:
        app = create_app(data_dir, config=Config(), clock=clock, meeting_id=meeting_id)
        notices = NoticeLog()
        async with app.run_test(size=(80, 24), message_hook=notices) as pilot:
            screen, pad = await ready(app, pilot)
            header = str(screen.query_one("#meeting-read-only").render())
            assert header == f"read-only: open in another netbook (pid {os.getpid()})"
            footer_keys = {fk.description for fk in screen.query_one(Footer).query("FooterKey")}
            assert {"Tag person", "Tag org", "Asked→next", "End"}.isdisjoint(footer_keys)
            assert "Closing" in footer_keys
            before = pad.text
            notices.clear()
            app.clear_notifications()  # the start-up warning is not what this checks
            await pilot.press("x", "y", "ctrl+t")
            await pilot.pause()
            notes = list(notices.messages)
            assert len(notes) == 1 and "read-only" in notes[0] and "nothing typed here is saved" in notes[0]
            assert pad.read_only and pad.text == before and not screen.model.mentions
            assert app.is_running
            clock.advance(minutes=40)
            screen.update_clock()
            await pilot.pause()
            assert str(screen.query_one("#meeting-read-only").render()).startswith("read-only")
    finally:
        holder.close()
    assert stored(data_dir, meeting_id).notes == before


def drawn_flags(pad: NotePad, row: int = 0) -> set[str]:
    """The words of a note line drawn as flagged mentions (the styled spans the user sees)."""
    line = pad.get_line(row)
    return {line.plain[span.start:span.end] for span in line.spans}


async def test_typing_into_a_long_line_rereads_it_when_typing_pauses(make_app, meeting_id) -> None:
    import netbook.widgets.note_pad as note_pad

    app = make_app(meeting_id=meeting_id)
    long_line = "- met Priya Raman at Citibank; " + "notes about the team and the roles " * 12
    assert len(long_line) > note_pad.LONG_LINE
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        pad.load_text(long_line)
        await pilot.pause()
        pad.move_cursor((0, len(long_line)))
        for ch in " ask Ana Souza":
            pad.insert(ch)
        # while typing: the flags drawn before the edit stay, the tail waits for a pause
        assert {"Priya Raman", "Citibank"} <= drawn_flags(pad) and "Ana Souza" not in drawn_flags(pad)
        # anything that needs the mentions (tagging, the panel) gets them current
        line = pad.document.get_line(0)
        current = {line[m.start:m.end] for m in pad.line_mentions(0)}
        assert {"Priya Raman", "Citibank", "Ana Souza"} <= current
        for ch in " and Wei Park":
            pad.insert(ch)
        assert "Wei Park" not in drawn_flags(pad)
        await pilot.pause(note_pad.LONG_LINE_PAUSE * 3)  # typing pauses
        assert "Wei Park" in drawn_flags(pad)


# --------------------------------------------------------------------------- issue 12: tagging and the F4 panel


async def test_ctrl_t_on_a_lowercase_titled_name_and_a_later_organization(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    notices = NoticeLog()
    async with app.run_test(size=(80, 24), message_hook=notices) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "talked to dr. patel")
        await pilot.press("ctrl+t")
        assert entry(screen, "Patel").name == "Dr. Patel" and not notices
        await type_text(pilot, pad, "\nRaj said he spent ten years at Merck")
        pad.move_cursor((1, 3))
        await pilot.press("ctrl+t")
        raj = entry(screen, "Raj")
        assert raj.organization_key == entry(screen, "Merck").key


async def test_tagging_sue_near_susan_smith_offers_the_merge_f4_m_enter(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, pad = await ready(app, pilot)
        await type_text(pilot, pad, "met Susan Smith")
        await pilot.press("ctrl+t")
        await type_text(pilot, pad, "\nSam Brown too\nSue says e-mail her")
        pad.move_cursor((1, 9))
        await pilot.press("ctrl+t")
        pad.move_cursor((2, 3))
        await pilot.press("ctrl+t")
        await pilot.pause()
        panel = screen.query_one(MentionsPanel)
        offer = "Sue may be Susan Smith: F4, m, Enter merges them."
        assert panel_top(panel).startswith(offer)  # the top lines of the panel, whatever it scrolled to
        await pilot.press("f4", "m")  # the cursor is on Sue (just tagged); merge goes to the best match
        assert panel.selected_key == entry(screen, "Susan Smith").key
        await pilot.press("enter")
        await pilot.pause()
        susan = entry(screen, "Susan Smith")
        assert "Sue" in susan.aliases and screen.model.get("sue") is susan and offer not in panel_top(panel, 40)


async def test_f4_link_prompt_stays_in_view_and_a_person_target_says_why(make_app, meeting_id) -> None:
    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, pad = await ready(app, pilot)
        names = [f"Person{c} Test" for c in "ABCDEFGHIJKL"]
        await type_text(pilot, pad, "\n".join(names) + "\nRaj Kumar")
        for row in range(len(names) + 1):
            pad.move_cursor((row, 5))
            await pilot.press("ctrl+t")
        pad.move_cursor((len(names), len("Raj Kumar")))
        await type_text(pilot, pad, "\nworked at Initech")
        await pilot.press("ctrl+o")
        await pilot.pause()
        panel = screen.query_one(MentionsPanel)
        await pilot.press("f4")
        panel.select_key(entry(screen, "Raj Kumar").key)
        await pilot.press("l")
        await pilot.pause()
        assert panel_top(panel).startswith("Link Raj Kumar to an organization")  # drawn, not scrolled away
        panel.select_key(entry(screen, "PersonA Test").key)
        await pilot.press("enter")
        await pilot.pause()
        assert panel_top(panel).startswith("PersonA Test is a person, not an organization. Link Raj Kumar")
        assert panel.mode == "link" and entry(screen, "Raj Kumar").organization_key is None
        panel.select_key(entry(screen, "Initech").key)
        await pilot.press("enter")
        await pilot.pause()
        assert entry(screen, "Raj Kumar").organization_key == entry(screen, "Initech").key
        assert "Link Raj Kumar" not in panel_top(panel, 40)


# --------------------------------------------------------------------------- issue 12: the meeting at 80x24


async def test_footer_at_80x24_shows_the_keys_a_meeting_exists_for(make_app, meeting_id) -> None:
    from textual.widgets import Footer

    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await ready(app, pilot)
        shown = {fk.description: fk.region for fk in screen.query_one(Footer).query("FooterKey")}
        for label in ("Tag person", "Tag org", "Asked→next", "Closing", "End", "Keys"):
            assert label in shown, f"{label} not in the footer"
            region = shown[label]
            assert region.width > len(label) and region.right <= 80, f"{label} is cut: {region}"
        assert "Skip question" not in shown and "Insert elapsed time" not in shown  # in F1


async def test_questions_at_80x24_current_whole_and_the_next_few(make_app, meeting_id) -> None:
    from netbook.widgets.current_question import CurrentQuestion
    from netbook.widgets.question_list import QuestionList

    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await ready(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        current = screen.meeting.questions[1].text
        banner = screen.query_one(CurrentQuestion)
        assert banner.display and banner.region.height >= 1
        assert str(banner.query_one("#current-question-text").render()) == current
        text_widget = banner.query_one("#current-question-text")
        assert text_widget.region.height * text_widget.region.width >= len(current)  # room for all of it
        listing = screen.query_one(QuestionList)
        visible = [row for row in listing.query("QuestionRow") if listing.region.contains_region(row.region)]
        assert len(visible) >= 4  # the current one and the next few, one line each
    async with make_app(meeting_id=meeting_id).run_test(size=(120, 40)) as pilot:
        app = pilot.app
        screen, _ = await ready(app, pilot)
        assert not screen.query_one(CurrentQuestion).display  # wide: the list itself has room
        row = screen.query("QuestionRow").first()
        prefix, text = row.query_one(".question-prefix"), row.query_one(".question-text")
        assert text.region.height > 1 and text.region.x == prefix.region.right  # wrapped lines keep the indent
# --------------------------------------------------------------------------- long meetings


async def test_the_panel_lists_every_mention_of_a_long_typed_note(make_app, data_dir, clock) -> None:
    firsts = ["Alma", "Bruno", "Cleo", "Dmitri", "Esme", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
    lasts = ["Abbott", "Barros", "Castellano", "Duarte", "Ekwueme", "Fontaine", "Gallo", "Halvorsen"]
    people = [f"{f} {l}" for f in firsts for l in lasts]  # 80 people
    orgs = [f"{w} Holdings" for w in ("Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel",
                                     "Ironwood", "Juniper", "Kapok", "Larch")]
    with Store.open(data_dir) as store:
        for name in orgs:
            store.ensure_organization(name)
        for name in people:
            store.ensure_contact(name)
        jane = store.ensure_contact("Jane Doe")
        meeting = store.create_meeting(jane, planned_minutes=60)
        start(meeting, clock.now())
        store.save_meeting(meeting)
    lines = [f"- {people[i // 3 % len(people)]} at {orgs[i // 3 % len(orgs)]} talked about roles" if i % 3 == 0
             else "- notes about the team" for i in range(1500)]
    app = make_app(meeting_id=meeting.id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        for i, line in enumerate(lines):  # typed line by line, the panel recounting as it goes
            pad.insert(("\n" if i else "") + line)
            if i % 100 == 0:
                screen._refresh_mentions()
                await pilot.pause()
        await counted(app, pilot, screen)
        panel = screen.query_one(MentionsPanel)
        listed = {row.label.split(" · ")[0]: row for row in panel.rows}
        assert set(people) | set(orgs) <= set(listed)
        hits = [i // 3 for i in range(len(lines)) if i % 3 == 0]
        assert listed[people[0]].count == sum(1 for n in hits if n % len(people) == 0)
        assert listed[people[0]].first_line == 0
        assert listed[orgs[5]].count == sum(1 for n in hits if n % len(orgs) == 5)
        assert listed[orgs[5]].first_line == 15
        last = panel.rows[-1]
        panel.focus()
        panel.select_key(last.key)
        await pilot.pause()
        shown = " ".join(seg.text for strip in panel.render_lines(panel.region.reset_offset) for seg in strip)
        assert last.label.split(" · ")[0] in shown  # the panel scrolled to it and drew it


async def test_what_the_open_meeting_loaded_is_kept_out_of_full_gc_passes_until_it_closes(make_app, meeting_id) -> None:
    # Full (generation-2) GC passes over the loaded meeting were the worst keystroke waits
    # (benchmarks/bench_meeting_typing.py): once loaded, the heap is frozen; leaving lets go of the meeting's hold.
    import gc

    app = make_app(meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await ready(app, pilot)
        await counted(app, pilot, screen)
        assert screen.heap.held and gc.get_freeze_count() > 0
        await type_text(pilot, pad, "Met Bob Known at Initech")
        await counted(app, pilot, screen)
        assert "Bob Known" in {row.label.split(" · ")[0] for row in screen.query_one(MentionsPanel).rows}
        screen.action_end_meeting()
        await pilot.pause()
        assert not isinstance(app.screen, MeetingScreen)
        assert not screen.heap.held and app.heap.held  # the app's own hold (start-up, palette) stays
