"""Issue 11: the contact page shows what was recorded — channel, may-use-name, intro promised
(by when), the typed answer, every meeting and ask involving them — and a LinkedIn URL field."""

from __future__ import annotations

from datetime import date

from screen_view import screen_text
from test_people_screen import open_people, settle
from test_summary_screen import open_summary, reader, seed

from netbook.domain.contact_record import asks_involving, lead_details
from netbook.domain.linkedin_url import linkedin_url_problem, tidy_linkedin_url
from netbook.domain.models import Channel, Contact
from netbook.domain.contact_editing import contact_form_problems
from netbook.widgets.contact_page import ContactPage


def test_linkedin_urls_checked_lightly():
    for good in ("https://www.linkedin.com/in/susan-smith", "linkedin.com/in/x", "http://uk.linkedin.com/in/zoë", ""):
        assert linkedin_url_problem(good) is None, good
    for bad in ("susan smith", "https://example.com/in/x", "linkdin.com/in/x", "https://linkedin.com/in/a b"):
        assert linkedin_url_problem(bad), bad
    assert tidy_linkedin_url(" linkedin.com/in/x ") == "https://linkedin.com/in/x"
    assert tidy_linkedin_url("https://www.linkedin.com/in/x") == "https://www.linkedin.com/in/x"
    assert "linkedin_url" in contact_form_problems({"name": "A", "linkedin_url": "nope"})


def test_lead_details_rows():
    c = Contact(name="Susan", preferred_channel=Channel.LINKEDIN, may_use_referrer_name=True, intro_promised=True,
                intro_by=date(2026, 3, 13))
    assert lead_details(c, "Jane Doe") == [("Channel", "LinkedIn"), ("May use name", "yes (say Jane Doe sent you)"),
                                           ("Intro", "promised by Fri 13 Mar 2026")]
    assert lead_details(Contact(name="x", may_use_referrer_name=False, intro_promised=False), None) == [
        ("May use name", "no — don't say who sent you"), ("Intro", "not offered")]
    assert lead_details(Contact(name="x"), None) == []


async def _wrapped(make_app, data_dir):
    mid = seed(data_dir)
    app = make_app()
    return app, mid


async def test_contact_page_shows_what_was_recorded(make_app, data_dir):
    app, mid = await _wrapped(make_app, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary(app, pilot, mid)  # the wrap-up makes Susan a lead with what was said
        susan = app.store.find_contact("Susan Smith")
        await open_people(pilot, susan.id)
        await settle(pilot)
        text = screen_text(app.screen)
        assert "Channel       e-mail" in text
        assert "May use name  yes (say Jane Doe sent you)" in text
        assert "Intro         promised by Fri 13 Mar 2026" in text
        assert "2026-03-10 with Jane Doe" in text  # the meeting that mentions her
        page = app.screen.query_one(ContactPage)
        said = [(r.label, r.said) for r in page.records]
        assert ("good person to talk to?", "yes · e-mail; use my name; she'll intro by Friday") in said  # typed answer
        assert ("call or e-mail?", "e-mail") in said and ("would you introduce me?", "yes · intro by 2026-03-13") in said
        assert "2026-03-10 with Jane Doe, about them" in text
        assert "  good person to talk to? yes · e-mail; use my name;" in text
        jane = app.store.find_contact("Jane Doe")
        await open_people(pilot, jane.id)
        await settle(pilot)
        page = app.screen.query_one(ContactPage)
        assert page.details.contact.id == jane.id
        assert any(r.about == "Susan Smith" and r.label == "good person to talk to?" for r in page.records)
        assert any(r.about == "Raj Patel" and r.said == "no" for r in page.records)


def test_asks_involving_skips_unreadable_meetings(store):
    jane = store.ensure_contact("Jane Doe")
    assert asks_involving(store, jane, ["missing"]) == []


async def test_linkedin_url_edited_validated_and_stored(make_app, data_dir):
    app, mid = await _wrapped(make_app, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary(app, pilot, mid)
        susan = app.store.find_contact("Susan Smith")
        screen = await open_people(pilot, susan.id)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab", "tab")
        assert app.focused.id == "form-linkedin_url"
        await pilot.press(*"linkdin.com/in/susan")
        await pilot.pause()
        assert screen.query_one("#problem-linkedin_url").display
        assert "LinkedIn should look like linkedin.com/in/your-name" in screen_text(app.screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.main.current == "people-form"  # not saved
        app.focused.value = "www.linkedin.com/in/susan-smith"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.main.current == "people-contact"
        assert "https://www.linkedin.com/in/susan-smith" in screen_text(app.screen)
    assert reader(data_dir).find_contact("Susan Smith").linkedin_url == "https://www.linkedin.com/in/susan-smith"
