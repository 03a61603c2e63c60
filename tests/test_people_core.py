"""The contact book's rules without a terminal: search, merge, referral tree, edits."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netbook.domain.contact_details import contact_details, referral_tree
from netbook.domain.contact_editing import (
    contact_form_problems,
    log_contact,
    save_contact_form,
    save_organization_form,
)
from netbook.domain.contact_merge import merge_contacts, merge_organizations
from netbook.domain.contact_references import ReferenceIndex
from netbook.domain.contact_search import CONTACT, SearchIndex, fold, likely_duplicates
from netbook.domain.dates import parse_date, parse_day
from netbook.domain.display_text import visible_text
from netbook.domain.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    LeadStatus,
    MeetingStatus,
    Mention,
    MentionKind,
    Organization,
)
from netbook.storage.store import Store

NOW = datetime(2026, 3, 10, 14, 0)


def people(store: Store) -> dict[str, Contact]:
    bob = store.ensure_contact("Bob Jones", organization="Acme", role="CTO")
    sue = store.ensure_contact("Sue Smith", organization="Citi")
    susan = store.ensure_contact("Susan Smith", organization="Citibank", role="Director")
    carol = store.save_contact(Contact(name="Carol White", referred_by_id=sue.id, lead_status=LeadStatus.TO_CONTACT))
    sue.referred_by_id = bob.id
    sue.email = "sue@citi.example"
    sue.notes = "Likes sailing."
    sue.last_contact = date(2026, 2, 1)
    store.save_contact(sue)
    susan.notes = "Runs the risk team."
    store.save_contact(susan)
    return {"bob": bob, "sue": sue, "susan": susan, "carol": carol}


def test_fold_ignores_case_accents_and_spacing():
    assert fold("  Zoë   MÜLLER ") == "zoe muller"
    assert fold("Siobhán") == "siobhan"


def test_printable_makes_control_characters_visible():
    assert visible_text("a\x1b[31mb") == "a\u241b[31mb"
    assert visible_text("line\nnext") == "line\u240anext"
    assert visible_text("line\nnext", keep_newlines=True) == "line\nnext"
    assert visible_text("[bold]x[/]") == "[bold]x[/]"


def test_search_matches_every_word_names_first_and_narrows(store):
    p = people(store)
    index = SearchIndex.contacts_of(store)
    assert [e.name for e in index.search("")] == ["Bob Jones", "Carol White", "Sue Smith", "Susan Smith"]
    assert [e.name for e in index.search("smi")] == ["Sue Smith", "Susan Smith"]
    assert [e.name for e in index.search("su")] == ["Sue Smith", "Susan Smith"]
    assert [e.name for e in index.search("sus")] == ["Susan Smith"]
    assert [e.name for e in index.search("citibank dir")] == ["Susan Smith"]  # organization and role count
    assert [e.name for e in index.search("acme")] == ["Bob Jones"]
    assert index.search("nobody") == []
    # a name starting with the query comes before one that only contains it
    store.ensure_contact("Ann Bobson")
    index = SearchIndex.contacts_of(store)
    assert [e.name for e in index.search("bob")] == ["Bob Jones", "Ann Bobson"]
    assert p["sue"].id in index.by_id


def test_search_finds_aliases_and_accents(store):
    store.save_contact(Contact(name="Zoë Müller", aliases=["Zo"]))
    index = SearchIndex.contacts_of(store)
    assert [e.name for e in index.search("zoe mull")] == ["Zoë Müller"]
    assert [e.name for e in index.search("ZO")] == ["Zoë Müller"]


def test_organization_index_counts_people(store):
    people(store)
    index = SearchIndex.organizations_of(store)
    acme = index.search("acme")[0]
    assert acme.detail == "1 person"


def test_likely_duplicates_finds_sue_for_susan(store):
    p = people(store)
    index = SearchIndex.contacts_of(store)
    dupes = likely_duplicates(index.by_id[p["susan"].id], index)
    assert [e.name for e in dupes] == ["Sue Smith"]


def test_likely_duplicates_put_the_best_match_first(store):
    keep = store.ensure_contact("Susan Smith")
    for name in ("Su Smith", "Susan", "Sue Smith", "Sam Smith", "S. Smithers"):
        store.ensure_contact(name)
    index = SearchIndex.contacts_of(store)
    dupes = [e.name for e in likely_duplicates(index.by_id[keep.id], index)]
    assert dupes == ["Sue Smith", "Su Smith", "Susan"]  # nickname + surname, shared start + surname, first name


def _meeting_with_links(store: Store, p: dict[str, Contact]):
    meeting = store.create_meeting(p["bob"], title="Coffee with Bob", status=MeetingStatus.ENDED, started_at=NOW)
    meeting.mentions = [
        Mention(kind=MentionKind.PERSON, name="Sue Smith", contact_id=p["sue"].id, quote="Talk to Sue Smith at Citi"),
        Mention(kind=MentionKind.ORGANIZATION, name="Citi", organization_id=p["sue"].organization_id, quote="at Citi"),
    ]
    meeting.followups = [FollowUp(kind=FollowUpKind.CONTACT_LEAD, title="Contact Sue", due=date(2026, 3, 12), contact_id=p["sue"].id)]
    store.save_meeting(meeting)
    with_sue = store.create_meeting(p["sue"], title="Lunch with Sue", status=MeetingStatus.ENDED, started_at=NOW)
    return meeting, with_sue


def test_merge_contacts_keeps_every_link(data_dir):
    store = Store.open(data_dir)
    p = people(store)
    bob_meeting, sue_meeting = _meeting_with_links(store, p)
    result = merge_contacts(store, p["susan"].id, p["sue"].id, now=NOW)
    assert sorted(result.meetings_rewritten) == sorted([bob_meeting.id, sue_meeting.id])
    assert result.records_relinked == 1
    store.close()

    fresh = Store.open(data_dir)  # everything as stored
    try:
        assert fresh.get_contact(p["sue"].id) is None
        susan = fresh.get_contact(p["susan"].id)
        assert susan.aliases == ["Sue Smith"]
        assert susan.email == "sue@citi.example"  # filled from the dropped one
        assert susan.role == "Director"  # kept one's value wins
        assert fresh.organization_name(susan) == "Citibank"
        assert susan.referred_by_id == p["bob"].id  # who referred the dropped one
        assert susan.last_contact == date(2026, 2, 1)
        assert "Runs the risk team." in susan.notes and "Likes sailing." in susan.notes
        assert fresh.get_contact(p["carol"].id).referred_by_id == susan.id  # whom she led you to
        assert fresh.find_contact("Sue Smith").id == susan.id  # the old name still finds her
        lunch = fresh.load_meeting(sue_meeting.id)
        assert lunch.contact_id == susan.id
        coffee = fresh.load_meeting(bob_meeting.id)
        assert coffee.mentions[0].contact_id == susan.id
        assert coffee.followups[0].contact_id == susan.id
        row = next(s for s in fresh.meeting_summaries() if s.id == sue_meeting.id)
        assert (row.contact_id, row.contact_name, row.organization_name) == (susan.id, "Susan Smith", "Citibank")
        assert all(s.contact_id != p["sue"].id for s in fresh.meeting_summaries())
    finally:
        fresh.close()


def test_merge_contacts_with_narrowed_meetings_and_rerun_safety(store):
    p = people(store)
    bob_meeting, sue_meeting = _meeting_with_links(store, p)
    refs = ReferenceIndex()
    refs.refresh(store)
    assert refs.meetings_referring_to_contact(p["sue"].id) == {bob_meeting.id, sue_meeting.id}
    merge_contacts(store, p["susan"].id, p["sue"].id, meeting_ids=refs.meetings_referring_to_contact(p["sue"].id))
    refs.refresh(store)
    assert refs.meetings_referring_to_contact(p["sue"].id) == set()
    assert [r.name for r in refs.mentions_of(CONTACT, p["susan"].id)] == ["Sue Smith"]
    with pytest.raises(LookupError):
        merge_contacts(store, p["susan"].id, p["sue"].id)
    with pytest.raises(ValueError):
        merge_contacts(store, p["susan"].id, p["susan"].id)


def test_merge_drops_self_referral(store):
    p = people(store)
    # Susan was referred by Sue: after merging, she must not be referred by herself
    susan = p["susan"]
    susan.referred_by_id = p["sue"].id
    store.save_contact(susan)
    merge_contacts(store, susan.id, p["sue"].id)
    assert store.get_contact(susan.id).referred_by_id == p["bob"].id


def test_merge_organizations_moves_people_mentions_and_names(data_dir):
    store = Store.open(data_dir)
    p = people(store)
    bob_meeting, _ = _meeting_with_links(store, p)
    citi = store.find_organization("Citi")
    citibank = store.find_organization("Citibank")
    result = merge_organizations(store, citibank.id, citi.id)
    assert result.records_relinked == 1
    store.close()
    fresh = Store.open(data_dir)
    try:
        assert fresh.get_organization(citi.id) is None
        assert fresh.find_organization("citi").id == citibank.id
        assert fresh.get_organization(citibank.id).aliases == ["Citi"]
        assert fresh.get_contact(p["sue"].id).organization_id == citibank.id
        assert fresh.load_meeting(bob_meeting.id).mentions[1].organization_id == citibank.id
    finally:
        fresh.close()


def test_referral_tree_with_statuses_and_loops(store):
    p = people(store)
    met = store.create_meeting(p["sue"], status=MeetingStatus.ENDED, started_at=NOW)
    assert met.contact_id == p["sue"].id
    dan = store.save_contact(Contact(name="Dan Brown", referred_by_id=p["carol"].id, last_contact=date(2026, 3, 1)))
    # a loop nobody outside points into
    x = store.save_contact(Contact(name="Xavier", referred_by_id="later"))
    y = store.save_contact(Contact(name="Yvonne", referred_by_id=x.id))
    x.referred_by_id = y.id
    store.save_contact(x)

    roots = referral_tree(store)
    assert [r.name for r in roots] == ["Bob Jones", "Xavier"]
    bob = roots[0]
    sue = bob.children[0]
    assert (sue.name, sue.status) == ("Sue Smith", LeadStatus.MET)
    carol = sue.children[0]
    assert (carol.name, carol.status) == ("Carol White", LeadStatus.TO_CONTACT)
    assert (carol.children[0].name, carol.children[0].status) == ("Dan Brown", LeadStatus.CONTACTED)
    assert [c.name for c in roots[1].children] == ["Yvonne"]
    assert sum(r.size() for r in roots) == 6
    assert dan.id == carol.children[0].contact_id


def test_contact_details_lists_meetings_mentions_referrals(store):
    p = people(store)
    bob_meeting, sue_meeting = _meeting_with_links(store, p)
    refs = ReferenceIndex()
    refs.refresh(store)
    d = contact_details(store, p["sue"].id, refs)
    assert d.referred_by.id == p["bob"].id
    assert [c.name for c, _ in d.led_to] == ["Carol White"]
    assert [m.id for m in d.meetings] == [sue_meeting.id]
    assert [(r.meeting_id, r.quote) for r, _ in d.mentions] == [(bob_meeting.id, "Talk to Sue Smith at Citi")]
    assert d.status is LeadStatus.MET


def test_reference_index_rereads_only_changed_meetings(store):
    p = people(store)
    bob_meeting, _ = _meeting_with_links(store, p)
    refs = ReferenceIndex()
    refs.refresh(store)
    assert len(refs.mentions_of(CONTACT, p["sue"].id)) == 1
    meeting = store.load_meeting(bob_meeting.id)
    meeting.mentions = []
    store.save_meeting(meeting)
    refs.refresh(store)
    assert refs.mentions_of(CONTACT, p["sue"].id) == []
    store.delete_meeting(bob_meeting.id)
    refs.refresh(store)
    assert bob_meeting.id not in refs.meetings_referring_to_contact(p["bob"].id)


@pytest.mark.parametrize(
    ("values", "problems"),
    [
        ({"name": "A", "email": "a@b.co", "next_checkin": "2026-04-01"}, set()),
        ({"name": " ", "email": "", "next_checkin": ""}, {"name"}),
        ({"name": "A", "email": "not-an-email"}, {"email"}),
        ({"name": "A", "email": "a@b"}, {"email"}),
        ({"name": "A", "next_checkin": "04/13/2026"}, {"next_checkin"}),  # day first, as every date field reads it
        ({"name": "A", "next_checkin": "some day"}, {"next_checkin"}),
        ({"name": "A", "next_checkin": "2026-02-30"}, {"next_checkin"}),
        ({"name": "A", "phone": "call me"}, {"phone"}),
        ({"name": "A", "phone": "+1 (555) 010-0100 ext 4"}, set()),
    ],
)
def test_contact_form_problems(values, problems):
    assert set(contact_form_problems(values)) == problems


def test_parse_day():
    assert parse_day("2026-04-07", date(2026, 3, 11)) == date(2026, 4, 7)
    assert parse_day("7 April", date(2026, 3, 11)) == date(2026, 4, 7)
    assert parse_day(" ", date(2026, 3, 11)) is None
    with pytest.raises(ValueError, match="try fri"):
        parse_day("someday", date(2026, 3, 11))


def test_save_contact_form_and_rename_refreshes_meeting_rows(store):
    p = people(store)
    meeting = store.create_meeting(p["bob"], title="Coffee")
    values = {
        "name": "Robert Jones", "role": "CTO", "organization": "Acme Corp", "email": "bob@acme.example",
        "phone": "", "how_met": "[bold]alumni[/] \x1b[31m", "next_checkin": "2026-04-01", "notes": "x",
    }
    saved = save_contact_form(store, p["bob"], values)
    assert saved.name == "Robert Jones" and saved.next_checkin == date(2026, 4, 1)
    assert saved.how_met == "[bold]alumni[/] \x1b[31m"  # stored verbatim
    assert store.organization_name(saved) == "Acme Corp"
    row = next(s for s in store.meeting_summaries() if s.id == meeting.id)
    assert (row.contact_name, row.organization_name) == ("Robert Jones", "Acme Corp")
    with pytest.raises(ValueError):
        save_contact_form(store, None, {**values, "email": "nope"})
    new = save_contact_form(store, None, {**values, "name": "New Person", "organization": ""})
    assert new.organization_id is None and store.get_contact(new.id).name == "New Person"


def test_save_organization_form_aliases(store):
    org = store.save_organization(Organization(name="Citibank"))
    saved = save_organization_form(store, org, {"name": "Citibank", "aliases": "Citi, citigroup; Citi, Citibank", "notes": ""})
    assert saved.aliases == ["Citi", "citigroup"]
    assert store.find_organization("CITIGROUP").id == org.id


def test_log_contact_sets_last_contact_and_next_checkin(store):
    p = people(store)
    contact = log_contact(store, p["carol"].id, date(2026, 3, 10), 4)
    assert contact.last_contact == date(2026, 3, 10)
    assert contact.next_checkin == date(2026, 4, 7)
    assert contact.lead_status is LeadStatus.CONTACTED
    assert store.get_contact(p["carol"].id).next_checkin == date(2026, 4, 7)


def _tom_jane_and_a_second_tom(store: Store) -> tuple[Contact, Contact, Contact]:
    """Tom referred me to Jane; a second Tom record was later noted as Jane's suggestion."""
    tom = store.save_contact(Contact(name="Tom Baker"))
    jane = store.save_contact(Contact(name="Jane Doe", referred_by_id=tom.id, lead_status=LeadStatus.CONTACTED))
    tom_again = store.save_contact(Contact(name="Tom B.", referred_by_id=jane.id, lead_status=LeadStatus.TO_CONTACT))
    return tom, jane, tom_again


@pytest.mark.parametrize("keep_first", [True, False])
def test_merge_keeps_every_referral_pointing_the_way_it_did(store, keep_first):
    tom, jane, tom_again = _tom_jane_and_a_second_tom(store)
    keep, drop = (tom, tom_again) if keep_first else (tom_again, tom)
    merge_contacts(store, keep.id, drop.id, now=NOW)
    merged = store.get_contact(keep.id)
    assert store.get_contact(jane.id).referred_by_id == merged.id  # Tom still led me to Jane
    assert merged.referred_by_id is None  # and Jane is not now the one who led me to Tom
    tree = referral_tree(store)
    assert [(n.name, [c.name for c in n.children]) for n in tree] == [(merged.name, ["Jane Doe"])]
    details = contact_details(store, merged.id)
    assert details.referred_by is None and [c.name for c, _ in details.led_to] == ["Jane Doe"]


def test_merge_takes_the_dropped_referrer_when_it_makes_no_loop(store):
    p = people(store)
    merge_contacts(store, p["susan"].id, p["sue"].id, now=NOW)
    assert store.get_contact(p["susan"].id).referred_by_id == p["bob"].id


@pytest.mark.parametrize("typed", ["fri", "next tue", "+3", "2w", "13/3", "9 Dec", "tomorrow", "2026-12-09"])
def test_contact_form_reads_a_date_as_the_intro_by_field_does(store, typed):
    """A check-in typed in the contact form is read by the same rule as a follow-up's "intro by"
    (closing: dates.parse_date): the stored contact has that day, read back through the Store."""
    today = date(2026, 3, 11)  # a Wednesday
    values = {"name": "Dana Wu", "next_checkin": typed}
    assert contact_form_problems(values, today=today) == {}
    saved = save_contact_form(store, None, values, today=today)
    assert store.get_contact(saved.id).next_checkin == parse_date(typed, today) is not None


@pytest.mark.parametrize("typed", ["someday", "2026-02-30", "\x1b]0;pwned\x07", "[bold]fri[/]"])
def test_contact_form_says_what_dates_work_and_saves_nothing(store, typed):
    problems = contact_form_problems({"name": "Dana Wu", "next_checkin": typed}, today=date(2026, 3, 11))
    assert "try fri, +3 or 2026-03-13" in problems["next_checkin"]
    with pytest.raises(ValueError):
        save_contact_form(store, None, {"name": "Dana Wu", "next_checkin": typed}, today=date(2026, 3, 11))
    assert [c.name for c in store.contacts()] == []


def test_references_read_meetings_through_the_store_rules(store):
    # A meeting file from a newer netbook is refused by the Store (never read half-understood); the
    # references on a contact's page follow the same rule instead of reading the JSON raw.
    import json

    p = people(store)
    bob_meeting, _sue_meeting = _meeting_with_links(store, p)
    path = store.meeting_path(bob_meeting.id)
    doc = json.loads(path.read_text())
    doc["schema_version"] = 999
    path.write_text(json.dumps(doc))
    refs = ReferenceIndex()
    refs.refresh(store)
    assert bob_meeting.id not in refs.meetings_referring_to_contact(p["sue"].id)
    assert refs.meetings_referring_to_contact(p["sue"].id)  # the readable meeting still counts
