"""People screen: search and open, edit with validation, log, merge, referral tree; snapshots."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from netbook.domain.models import (
    Contact,
    LeadStatus,
    MeetingStatus,
    Mention,
    MentionKind,
)
from netbook.screens.people import PeopleScreen
from netbook.storage.store import Store
from netbook.widgets.contact_page import ContactPage
from netbook.widgets.people_list import PeopleList

from screen_view import screen_text

STARTED = datetime(2026, 2, 20, 10, 0)
HOSTILE = "[bold]Mallory[/] [@click=app.quit]x \x1b[31m"


def make_people(data_dir: Path) -> dict[str, str]:
    """A small book: Bob led you to Sue, Sue to Carol; Susan Smith is Sue's duplicate."""
    store = Store.open(data_dir)
    try:
        bob = store.ensure_contact("Bob Jones", organization="Acme", role="CTO")
        bob.email = "bob@acme.example"
        bob.next_checkin = date(2026, 3, 1)
        store.save_contact(bob)
        sue = store.ensure_contact("Sue Smith", organization="Citi")
        sue.referred_by_id = bob.id
        sue.lead_status = LeadStatus.CONTACTED
        sue.notes = "Prefers e-mail. Sails on weekends."
        store.save_contact(sue)
        susan = store.ensure_contact("Susan Smith", organization="Citibank", role="Director of Risk")
        susan.last_contact = date(2026, 3, 2)
        susan.next_checkin = date(2026, 3, 30)
        store.save_contact(susan)
        carol = store.save_contact(
            Contact(name="Carol White", referred_by_id=sue.id, lead_status=LeadStatus.TO_CONTACT, role="Recruiter")
        )
        store.save_contact(Contact(name=HOSTILE))
        coffee = store.create_meeting(
            bob, title="Coffee with Bob", status=MeetingStatus.ENDED, started_at=STARTED,
            ended_at=datetime(2026, 2, 20, 10, 40),
        )
        coffee.notes = "You should talk to Sue Smith at Citi."
        coffee.mentions = [
            Mention(kind=MentionKind.PERSON, name="Sue Smith", contact_id=sue.id, quote=coffee.notes, count=1),
        ]
        store.save_meeting(coffee)
        lunch = store.create_meeting(
            sue, title="Lunch with Sue", status=MeetingStatus.ENDED, started_at=datetime(2026, 3, 5, 12, 0),
            ended_at=datetime(2026, 3, 5, 13, 0),
        )
        return {"bob": bob.id, "sue": sue.id, "susan": susan.id, "carol": carol.id, "coffee": coffee.id,
                "lunch": lunch.id}
    finally:
        store.close()


async def open_people(pilot, contact_id: str | None = None) -> PeopleScreen:
    pilot.app.open_people(contact_id=contact_id)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PeopleScreen)
    return screen


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# --------------------------------------------------------------------------- flows


async def test_search_and_open_a_contact(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot)
        people_list = screen.query_one("#people-list", PeopleList)
        assert len(people_list.rows) == 5
        await pilot.press(*"smi")
        assert [r.name for r in people_list.rows] == ["Sue Smith", "Susan Smith"]
        await pilot.press("enter")
        await pilot.pause()
        page = screen.query_one(ContactPage)
        assert page.details.contact.id == ids["sue"]
        text = screen_text(app.screen)
        assert "Sue Smith" in text and " met " in text
        assert "Referred by   Bob Jones" in text
        assert "Carol White · to contact" in text
        assert "Lunch with Sue · ended" in text
        assert "2026-02-20 with Bob Jones" in text  # mentioned in Bob's meeting
        assert "Prefers e-mail." in text
        # enter on "Referred by" follows the link
        assert app.focused is page.links
        await pilot.press("enter")
        await pilot.pause()
        assert page.details.contact.id == ids["bob"]
        assert "Next check-in 2026-03-01 (9 days ago)" in screen_text(app.screen)
        # esc goes back to the list, then clears the search, then leaves
        await pilot.press("escape")
        assert app.focused is people_list
        await pilot.press("escape")
        assert screen.search_input.value == "" and len(people_list.rows) == 5
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PeopleScreen)


async def test_hostile_names_are_shown_verbatim(make_app, data_dir):
    make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(pilot)
        await pilot.press(*"mal")
        text = screen_text(app.screen)
        assert "[bold]Mallory[/] [@click=app.quit]x \u241b[31m" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running


async def test_narrow_terminal_shows_list_then_page(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_people(pilot)
        assert screen.narrow
        await pilot.press("down", "down", "down")  # into the list; Mallory, Bob, Carol
        assert screen.query_one(PeopleList).highlighted.name == "Carol White"
        assert not screen.has_class("-detail") and not screen.query_one("#people-main").display  # the list alone
        await pilot.press("enter")
        await pilot.pause()
        assert screen.has_class("-detail")
        assert screen.query_one(ContactPage).details.contact.id == ids["carol"]
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-detail") and app.focused is screen.query_one(PeopleList)


async def test_open_people_on_a_contact(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_people(pilot, ids["susan"])
        assert screen.query_one(ContactPage).details.contact.id == ids["susan"]
        assert screen.has_class("-detail")


async def test_edit_with_validation(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot, ids["carol"])
        await pilot.press("e")
        await pilot.pause()
        assert app.focused.id == "form-name"
        await pilot.press("tab", "tab", "tab")
        assert app.focused.id == "form-email"
        await pilot.press(*"c@")
        await pilot.pause()
        problem = screen.query_one("#problem-email")
        assert problem.display and "name@example.com" in screen_text(app.screen)
        app.focused.value = "carol@acme.example"  # as if typed on
        await pilot.pause()
        assert not problem.display
        await pilot.press("tab", "tab", "tab", "tab")
        assert app.focused.id == "form-next_checkin"
        await pilot.press(*"soon")
        await pilot.pause()
        assert "could not read a date there; try fri, +3 or 2026-03-13" in screen_text(app.screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.main.current == "people-form"  # not saved
        assert app.store.get_contact(ids["carol"]).email == ""
        app.focused.value = "2026-04-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.main.current == "people-contact"
        assert "carol@acme.example" in screen_text(app.screen)
    fresh = Store.open(data_dir)
    try:
        carol = fresh.get_contact(ids["carol"])
        assert (carol.email, carol.next_checkin) == ("carol@acme.example", date(2026, 4, 1))
    finally:
        fresh.close()


async def test_escape_leaves_the_form_without_saving(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot, ids["bob"])
        await pilot.press("e", *"XYZ", "escape")
        await settle(pilot)
        assert screen.main.current == "people-contact"
        assert app.store.get_contact(ids["bob"]).name == "Bob Jones"


async def test_new_contact(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot)
        assert "Your contact book is empty." in screen_text(app.screen)
        await pilot.press("ctrl+n", *"Dana", "tab", "tab", *"Globex", "ctrl+s")
        await settle(pilot)
        assert [r.name for r in screen.query_one(PeopleList).rows] == ["Dana"]
        contact = app.store.find_contact("dana")
        assert app.store.organization_name(contact) == "Globex"


async def test_log_contact(make_app, data_dir, clock):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(pilot, ids["carol"])
        await pilot.press("l")
        await settle(pilot)
        assert "Last contact  2026-03-10 (today)" in screen_text(app.screen)
        assert "Next check-in 2026-04-07 (in 28 days)" in screen_text(app.screen)
    fresh = Store.open(data_dir)
    try:
        carol = fresh.get_contact(ids["carol"])
        assert (carol.last_contact, carol.next_checkin, carol.lead_status) == (
            clock.today(), date(2026, 4, 7), LeadStatus.CONTACTED,
        )
    finally:
        fresh.close()


async def test_merge_two_contacts_keeps_links(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot, ids["susan"])
        await pilot.press("m")
        await pilot.pause()
        picker_list = screen.query_one("#merge-list", PeopleList)
        assert picker_list.rows[0].name == "Sue Smith"  # the likely duplicate first
        await pilot.press("enter")
        await pilot.pause()
        assert "Merge Sue Smith (Citi) into Susan Smith" in screen_text(app.screen)
        await pilot.press("y")
        await settle(pilot)
        assert screen.query_one(ContactPage).details.contact.id == ids["susan"]
        text = screen_text(app.screen)
        assert "Also known as Sue Smith" in text
        assert "Referred by   Bob Jones" in text
        assert "Carol White · to contact" in text
        assert "Lunch with Sue" in text
        assert [r.name for r in screen.query_one("#people-list", PeopleList).rows].count("Sue Smith") == 0
    fresh = Store.open(data_dir)
    try:
        assert fresh.get_contact(ids["sue"]) is None
        susan = fresh.get_contact(ids["susan"])
        assert susan.aliases == ["Sue Smith"] and susan.referred_by_id == ids["bob"]
        assert "Prefers e-mail." in susan.notes
        assert fresh.get_contact(ids["carol"]).referred_by_id == ids["susan"]
        assert fresh.load_meeting(ids["lunch"]).contact_id == ids["susan"]
        assert fresh.load_meeting(ids["coffee"]).mentions[0].contact_id == ids["susan"]
        assert {s.contact_id for s in fresh.meeting_summaries()} == {ids["bob"], ids["susan"]}
    finally:
        fresh.close()


async def test_merge_can_be_called_off(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot, ids["susan"])
        await pilot.press("m", "enter", "escape", "escape")
        await settle(pilot)
        assert screen.main.current == "people-contact"
        assert app.store.get_contact(ids["sue"]) is not None


async def test_referral_tree_shows_statuses(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        text = screen_text(app.screen)
        assert "You  1 people you know led you to 2 more" in text
        assert "Bob Jones  met  → 1" in text
        assert "Sue Smith  met  → 1" in text  # a meeting was held with her
        assert "Carol White  to contact" in text
        await pilot.press("down", "down", "down", "enter")  # You -> Bob -> Sue -> Carol
        await pilot.pause()
        assert screen.query_one(ContactPage).details.contact.id == ids["carol"]


async def test_organizations_and_aliases(make_app, data_dir):
    make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot)
        await pilot.press("ctrl+o", *"citib", "enter")
        await pilot.pause()
        assert "Susan Smith · Director of Risk" in screen_text(app.screen)
        await pilot.press("e", "tab")
        app.focused.value = "Citi Group, CB"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Also known as Citi Group, CB" in screen_text(app.screen)
        assert app.store.find_organization("cb").name == "Citibank"


# --------------------------------------------------------------------------- snapshots


async def _show_people(pilot, contact_id: str | None = None) -> None:
    await open_people(pilot, contact_id)


def test_snapshot_empty_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_show_people)


def test_snapshot_empty_120x40(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_show_people)


def test_snapshot_list_80x24(snap_compare, make_app, data_dir):
    make_people(data_dir)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_show_people)


def test_snapshot_list_120x40(snap_compare, make_app, data_dir):
    make_people(data_dir)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_show_people)


def test_snapshot_contact_80x24(snap_compare, make_app, data_dir):
    ids = make_people(data_dir)

    async def run_before(pilot):
        await open_people(pilot, ids["sue"])

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_contact_120x40(snap_compare, make_app, data_dir):
    ids = make_people(data_dir)

    async def run_before(pilot):
        await open_people(pilot, ids["sue"])

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_snapshot_referral_tree_80x24(snap_compare, make_app, data_dir):
    make_people(data_dir)

    async def run_before(pilot):
        await open_people(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def test_merge_into_someone_they_referred_keeps_the_page_and_the_tree(make_app, data_dir):
    """m, pick the duplicate, y: used to crash (DuplicateID) and turn Tom → Jane around."""
    with Store.open(data_dir) as store:
        tom = store.save_contact(Contact(name="Tom Baker"))
        jane = store.save_contact(Contact(name="Jane Doe", referred_by_id=tom.id, lead_status=LeadStatus.CONTACTED))
        store.save_contact(Contact(name="Tom Baker", referred_by_id=jane.id, lead_status=LeadStatus.TO_CONTACT,
                                   email="tom@example.com"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot, tom.id)
        await pilot.press("m")
        await pilot.pause()
        assert screen.query_one("#merge-list", PeopleList).rows[0].name == "Tom Baker"
        await pilot.press("enter", "y")
        await settle(pilot)
        assert app.is_running
        text = screen_text(app.screen)
        assert "Referred by   nobody" in text and "Jane Doe · contacted" in text
        screen.open_record("contact", tom.id, focus=True)  # opening it again works too
        await settle(pilot)
        assert app.is_running and screen.query_one(ContactPage).details.contact.id == tom.id
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Tom Baker" in screen_text(app.screen).split("Jane Doe")[0]  # Tom above Jane in the tree
    with Store.open(data_dir) as fresh:
        assert fresh.get_contact(jane.id).referred_by_id == tom.id
        assert fresh.get_contact(tom.id).referred_by_id is None


async def test_a_referral_loop_on_disk_still_opens(make_app, data_dir):
    """A contact file already holding a loop (an older merge) opens instead of crashing every time."""
    with Store.open(data_dir) as store:
        tom = store.save_contact(Contact(name="Tom Baker"))
        jane = store.save_contact(Contact(name="Jane Doe", referred_by_id=tom.id))
        tom.referred_by_id = jane.id
        store.save_contact(tom)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(pilot, tom.id)
        assert app.is_running
        text = screen_text(app.screen)
        assert "Referred by   Jane Doe" in text and "Led you to    Jane Doe" in text


# --------------------------------------------------------------------------- issue 12


async def test_slash_in_the_search_box_selects_it_and_the_old_page_leaves_as_the_search_narrows(make_app, data_dir):
    ids = make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot)
        people_list = screen.query_one("#people-list", PeopleList)
        await pilot.press(*"bob", "enter")
        await pilot.pause()
        assert screen.shown == ("contact", ids["bob"]) and "Bob Jones" in screen_text(app.screen)
        await pilot.press("/")  # from the page: back to the search box, its text selected
        assert app.focused is screen.search_input and screen.search_input.value == "bob"
        await pilot.press("/")  # in the search box: no slash is typed
        assert screen.search_input.value == "bob"
        await pilot.press(*"car")  # replaces the selected search
        await pilot.pause()
        assert screen.search_input.value == "car" and [r.name for r in people_list.rows] == ["Carol White"]
        assert screen.shown != ("contact", ids["bob"]) and "bob@acme.example" not in screen_text(app.screen)
        await pilot.press("down")  # into the list: the match is the page
        await pilot.pause()
        assert screen.shown == ("contact", ids["carol"])


async def test_slash_still_types_in_the_contact_form(make_app, data_dir):
    make_people(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused.id == "form-name"
        assert str(app.focused.placeholder).startswith("e.g. ")
        await pilot.press(*"Ann/Lee")
        assert app.focused.value == "Ann/Lee"
