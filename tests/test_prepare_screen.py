"""Prepare: validation, start now, save for later, autocomplete, question picker, templates."""

from __future__ import annotations

from datetime import datetime

from netbook.domain.demo import generate_demo
from netbook.domain.models import Contact, LeadStatus, Meeting, MeetingStatus
from netbook.domain.dates import parse_moment
from netbook.screens.prepare import PrepareScreen
from netbook.storage.store import Store
from netbook.widgets.autocomplete import Autocomplete
from netbook.widgets.form_field import FormField
from netbook.widgets.item_list import ItemList
from netbook.widgets.question_picker import QuestionPicker

NOW = datetime(2026, 3, 10, 14, 0)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_prepare(pilot, **kw) -> PrepareScreen:
    await settle(pilot)
    pilot.app.open_prepare(**kw)
    await settle(pilot)
    assert isinstance(pilot.app.screen, PrepareScreen)
    return pilot.app.screen


def error_of(screen, field_id: str) -> str:
    field = screen.query_one(f"#{field_id}", FormField)
    return field.error


def test_when_is_read_by_the_one_date_reader():
    today = datetime(2026, 3, 10).date()  # a Tuesday
    assert parse_moment("2026-03-12 09:30", today) == datetime(2026, 3, 12, 9, 30)
    assert parse_moment(" 2026-03-12T09:30 ", today) == datetime(2026, 3, 12, 9, 30)
    assert parse_moment("2026-03-12", today) == datetime(2026, 3, 12, 9, 0)
    assert parse_moment("next tuesday", today) == datetime(2026, 3, 17, 9, 0)
    assert parse_moment("fri 2pm", today) == datetime(2026, 3, 13, 14, 0)
    assert parse_moment("soon", today) is None


async def test_inline_errors_and_nothing_saved(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        screen.query_one("#prep-minutes").value = "half an hour"
        screen.query_one("#prep-when").value = "soon"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        assert "Type their name" in error_of(screen, "field-contact")
        assert "whole number" in error_of(screen, "field-minutes")
        assert "YYYY-MM-DD HH:MM" in error_of(screen, "field-when")
        assert "Fix the 3 fields" in str(screen.query_one("#prepare-status").render())
        assert app.focused is screen.query_one("#prep-contact", Autocomplete).input
        await pilot.press(*"Ann Lee")
        screen.query_one("#prep-minutes").value = "45"
        await pilot.press("ctrl+g")  # start now does not need a valid time... but a typed one must parse
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        assert error_of(screen, "field-contact") == "" and error_of(screen, "field-minutes") == ""
        assert error_of(screen, "field-when")
    assert Store(data_dir, read_only=True).meeting_summaries() == []


async def test_save_for_later_then_start_from_home(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        await pilot.press(*"Priya Patel")
        screen.query_one("#prep-role").value = "Data Analyst"
        screen.query_one("#prep-org", Autocomplete).value = "Northwind Health"
        screen.query_one("#prep-referrer", Autocomplete).value = "Jane Doe"
        screen.query_one("#prep-when").value = "2026-03-12 09:30"
        screen.query_one("#prep-minutes").value = "20"
        screen.query_one("#prep-goal").value = "Learn how the analytics team hires"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        upcoming = app.screen.query_one("#home-upcoming", ItemList)
        assert "Priya Patel · Northwind Health" in str(upcoming.options[0].prompt)
        meeting_id = upcoming.item_ids()[0]
        app.open_prepare(meeting_id=meeting_id)
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#prep-contact", Autocomplete).value == "Priya Patel"
        assert screen.query_one("#prep-when").value == "2026-03-12 09:30"
        assert screen.query_one("#prep-goal").value == "Learn how the analytics team hires"
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingScreen"
    store = Store(data_dir, read_only=True)
    meeting = store.load_meeting(meeting_id)
    assert meeting.status is MeetingStatus.LIVE and meeting.started_at == NOW
    assert meeting.scheduled_at == datetime(2026, 3, 12, 9, 30)
    assert meeting.planned_minutes == 20 and len(meeting.questions) == 4
    priya = store.get_contact(meeting.contact_id)
    assert priya.role == "Data Analyst" and store.organization_name(priya) == "Northwind Health"
    assert store.get_contact(priya.referred_by_id).name == "Jane Doe"
    assert len(store.meeting_summaries()) == 1


async def test_autocomplete_picks_a_known_contact(make_app, data_dir):
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        store.save_contact(Contact(name="Susan Smith", role="Head of Data", referred_by_id=jane.id,
                                   lead_status=LeadStatus.TO_CONTACT,
                                   organization_id=store.ensure_organization("Citibank").id))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        box = screen.query_one("#prep-contact", Autocomplete)
        await pilot.press(*"smi")
        await pilot.pause()
        assert box.is_open
        assert [str(o.prompt) for o in box.dropdown.options] == ["Susan Smith  Head of Data · Citibank"]
        await pilot.press("enter")
        await pilot.pause()
        assert box.value == "Susan Smith" and not box.is_open
        assert screen.query_one("#prep-role").value == "Head of Data"
        assert screen.query_one("#prep-org", Autocomplete).value == "Citibank"
        assert screen.query_one("#prep-referrer", Autocomplete).value == "Jane Doe"
        await pilot.press("ctrl+g")
        await settle(pilot)
    store = Store(data_dir, read_only=True)
    assert len(store.contacts()) == 2  # the existing contact was used, not a new one
    susan = store.find_contact("Susan Smith")
    assert susan.lead_status is LeadStatus.MET and susan.last_contact == NOW.date()


async def test_question_picker_filter_pick_reorder_remove(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        picker = screen.query_one(QuestionPicker)
        defaults = [q.text for q in picker.chosen]
        assert len(defaults) == 4
        picker.query_one("#qp-filter").focus()
        await pilot.press(*"gap")
        await pilot.pause()
        bank = picker.query_one("#qp-bank", ItemList)
        assert bank.count and all("gap" in str(o.prompt).casefold() for o in bank.options)
        await pilot.press("enter")  # to the filtered list
        assert app.focused is bank
        await pilot.press("space")
        await pilot.pause()
        assert len(picker.chosen) == 5 and "gap" in picker.chosen[-1].text.casefold()
        assert str(bank.options[0].prompt).startswith("✓")
        chosen = picker.query_one("#qp-chosen", ItemList)
        chosen.focus()
        chosen.highlighted = 4
        await pilot.press("shift+up")
        await pilot.pause()
        assert "gap" in picker.chosen[3].text.casefold() and chosen.highlighted == 3
        await pilot.press("delete")
        await pilot.pause()
        assert [q.text for q in picker.chosen] == defaults
        assert "4 picked" in str(picker.query_one("#qp-hint").render())


async def test_own_question_is_kept_in_the_bank(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        picker = screen.query_one(QuestionPicker)
        picker.query_one("#qp-own").focus()
        await pilot.press(*"What would you ask [bold]me[/]?", "enter")
        await settle(pilot)
        assert picker.chosen[-1].text == "What would you ask [bold]me[/]?"
        assert picker.chosen[-1].question_id == "own-001"
        assert app.bank.by_id("own-001").text == "What would you ask [bold]me[/]?"
    own = Store(data_dir, read_only=True).user_questions()
    assert own == [{"id": "own-001", "category": "my-questions", "text": "What would you ask [bold]me[/]?"}]


async def test_save_a_template_and_reuse_it(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        picker = screen.query_one(QuestionPicker)
        picker.chosen = picker.chosen[:2]
        picker.refresh_chosen()
        picker.query_one("#qp-template-name").focus()
        await pilot.press(*"Short chat", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        screen = await open_prepare(pilot)
        picker = screen.query_one(QuestionPicker)
        assert len(picker.chosen) == 4
        select = picker.query_one("#qp-template")
        template_id = next(value for _label, value in picker._template_options())
        select.value = template_id
        await pilot.pause()
        assert len(picker.chosen) == 2
    templates = Store(data_dir, read_only=True).templates()
    assert [t["name"] for t in templates] == ["Short chat"] and len(templates[0]["questions"]) == 2


async def test_template_needs_a_name(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        picker = screen.query_one(QuestionPicker)
        picker.query_one("#qp-save-template").press()
        await pilot.pause()
        assert "name" in str(picker.query_one("#qp-hint").render())


async def test_hostile_name_stored_verbatim(make_app, data_dir):
    nasty = "[bold]Zoë[/] \u202eאבג [@click=app.quit]x"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        screen.query_one("#prep-contact", Autocomplete).value = nasty
        await pilot.press("ctrl+s")
        await settle(pilot)
    store = Store(data_dir, read_only=True)
    assert [c.name for c in store.contacts()] == [nasty]


# --------------------------------------------------------------------------- snapshots


async def _prepare_new(pilot) -> None:
    await settle(pilot)
    pilot.app.open_prepare()
    await settle(pilot)


def _prepare_lead(data_dir):
    async def run(pilot) -> None:
        await settle(pilot)
        lead = next(c for c in pilot.app.store.contacts() if c.lead_status is LeadStatus.TO_CONTACT)
        pilot.app.open_prepare(contact_id=lead.id)
        await settle(pilot)

    return run


def test_snapshot_prepare_empty_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_prepare_new)


def test_snapshot_prepare_empty_120x40(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_prepare_new)


def test_snapshot_prepare_demo_80x24(snap_compare, make_app, data_dir):
    generate_demo(data_dir, meetings=40, contacts=120, seed=0, now=NOW)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_prepare_lead(data_dir))


def test_snapshot_prepare_demo_120x40(snap_compare, make_app, data_dir):
    generate_demo(data_dir, meetings=40, contacts=120, seed=0, now=NOW)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_prepare_lead(data_dir))


# --------------------------------------------------------------------------- issue 12


async def test_a_second_ctrl_g_right_after_starting_asks_before_ending(make_app, data_dir, clock):
    from netbook.screens.confirm_end import ConfirmEndScreen
    from netbook.screens.meeting import MeetingScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prepare(pilot)
        await pilot.press(*"Ann Lee")
        await pilot.press("ctrl+g", "ctrl+g")  # start, and the same chord again while it loads
        await settle(pilot)
        if isinstance(app.screen, MeetingScreen):
            await pilot.press("ctrl+g")
            await settle(pilot)
        assert isinstance(app.screen, ConfirmEndScreen)
        shown = str(app.screen.query_one("#confirm-end-question").render())
        assert shown == "End the meeting with Ann Lee?\nIt started 00:00 ago and nothing is written yet."
        await pilot.press("ctrl+g")  # the chord again does not answer
        assert isinstance(app.screen, ConfirmEndScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        meeting_id = app.screen.meeting_id
        assert Store(data_dir, read_only=True).load_meeting(meeting_id).status is MeetingStatus.LIVE
        await pilot.press("ctrl+g")  # asked again: still under two minutes; this time yes
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert Store(data_dir, read_only=True).load_meeting(meeting_id).status is MeetingStatus.ENDED


async def test_a_meeting_with_notes_past_two_minutes_ends_on_the_first_ctrl_g(make_app, data_dir, clock):
    from netbook.screens.meeting import MeetingScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_prepare(pilot)
        await pilot.press(*"Ann Lee", "ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press(*"notes")
        clock.advance(minutes=2)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"


async def test_your_questions_are_in_view_at_80x24_without_scrolling(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prepare(pilot)
        chosen = screen.query_one("#qp-chosen", ItemList)
        form = screen.query_one("#prepare-form")
        assert form.scroll_y == 0 and len(chosen.item_ids()) == 4
        assert chosen.region.height > 2 and chosen.region.bottom <= 23  # above the footer, not cut
        assert chosen.max_scroll_y == 0  # all four defaults whole
        category = screen.query_one("#qp-category")
        assert category.region.height == 1 and category.region.y == screen.query_one("#qp-filter").region.y


async def test_changing_the_category_puts_the_cursor_on_the_first_question_shown(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prepare(pilot)
        picker = screen.query_one(QuestionPicker)
        bank = screen.query_one("#qp-bank", ItemList)
        bank.focus()
        bank.highlighted = 12
        await pilot.pause()
        category = screen.query_one("#qp-category")
        category.value = "roadblocks"
        await pilot.pause()
        first = bank.item_ids()[0]
        assert bank.highlighted == 0 and bank.highlighted_id == first and bank.scroll_y == 0
        await pilot.press("space")
        assert picker.chosen[-1].question_id == first


async def test_autocomplete_finds_a_name_typed_without_accents(make_app, data_dir):
    with Store.open(data_dir) as store:
        store.save_contact(Contact(name="José Núñez", role="CFO"))
        store.save_contact(Contact(name="Joseph Smith"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot)
        box = screen.query_one("#prep-contact", Autocomplete)
        await pilot.press(*"nun")
        await pilot.pause()
        assert [str(o.prompt) for o in box.dropdown.options] == ["José Núñez  CFO"]
        await pilot.press("enter")
        await pilot.pause()
        assert box.value == "José Núñez"
