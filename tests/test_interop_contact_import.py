"""Importing people: dry-run plan, matching (UID, LinkedIn URL, e-mail, name key), fill only where empty."""

from __future__ import annotations

from interop_book import EXPORT_NOW, FILES, contact, make_meeting

from netbook.domain.models import Contact
from netbook.interop.contact_import import apply_import, linkedin_key, plan_import
from netbook.interop.incoming import IncomingPerson
from netbook.interop.linkedin import read_connections
from netbook.interop.vcard import contacts_vcard, parse_vcards, read_vcards
from netbook.storage.store import Store

CONNECTIONS = FILES / "Connections.csv"


def test_dry_run_counts_new_matched_and_skipped_and_writes_nothing(store, data_dir):
    store.ensure_contact("José Núñez", organization="Acme")  # matched by the one name key
    before = (data_dir / "people.json").read_bytes()
    plan = plan_import(store, read_connections(CONNECTIONS), CONNECTIONS)
    assert plan.summary() == "5 new, 1 matched (1 to fill in), 3 skipped; 4 new organizations"
    assert (data_dir / "people.json").read_bytes() == before
    assert len(store.contacts()) == 1
    assert [c.contact.name for c in plan.new] == ["Susan Smith", "Zoë O'Brien", "小龙 李", "Ana Lima 🌱", "Priya Raman"]
    assert plan.details() == [
        "skipped line 10: no first or last name",
        "skipped line 12: has 8 fields but the header has 7 (a comma outside quotes?)",
        "skipped line 13: same person as line 5 (LinkedIn URL); adds e-mail",
        "fill in José Núñez (line 6, matched by name): role, e-mail, LinkedIn URL, how we met",
    ]


def test_apply_then_a_second_run_changes_nothing(store):
    apply_import(store, plan_import(store, read_connections(CONNECTIONS), CONNECTIONS))
    susan = contact(store, "Susan Smith")
    assert susan.linkedin_url == "https://www.linkedin.com/in/susan-smith-1a2b3c"
    assert susan.role == "Vice President, Talent Acquisition"
    assert susan.email == "susan.smith@citi.example"  # from the repeated row
    assert store.organization_name(susan) == "Citibank"
    assert susan.created_at is not None
    assert store.organization_name(contact(store, "Ana Lima 🌱")) == ""  # "Self-employed" is no employer
    assert contact(store, "Ana Lima 🌱").role == "Career Coach"
    count = len(store.contacts()), len(store.organizations())
    again = plan_import(store, read_connections(CONNECTIONS), CONNECTIONS)
    assert again.summary() == "0 new, 6 matched (0 to fill in), 3 skipped"
    assert not again.changes_anything
    apply_import(store, again)
    assert (len(store.contacts()), len(store.organizations())) == count
    reopened = Store(store.root, read_only=True)
    assert contact(reopened, "Susan Smith").linkedin_url == susan.linkedin_url  # on disk


def test_existing_fields_are_never_overwritten(store):
    own = store.ensure_contact("Susan Smith", organization="Citigroup", role="Recruiter")
    own.email = "susan@old.example"
    store.save_contact(own)
    plan = plan_import(store, read_connections(CONNECTIONS), CONNECTIONS)
    apply_import(store, plan)
    susan = contact(store, "Susan Smith")
    assert (susan.role, susan.email, store.organization_name(susan)) == ("Recruiter", "susan@old.example", "Citigroup")
    assert susan.linkedin_url == "https://www.linkedin.com/in/susan-smith-1a2b3c"  # was empty: filled


def test_matching_by_url_and_email_before_the_name(store):
    renamed = Contact(name="Sue Smith", linkedin_url="http://linkedin.com/in/Susan-Smith-1a2b3c/")
    priya = Contact(name="P. Raman", email="PRIYA@example.org")
    store.save_contacts([renamed, priya])
    plan = plan_import(store, read_connections(CONNECTIONS), CONNECTIONS)
    how = {m.contact.name: m.how for m in plan.matched}
    assert how == {"Sue Smith": "LinkedIn URL", "P. Raman": "e-mail"}


def test_same_name_with_a_different_profile_is_someone_else(store):
    store.save_contact(Contact(name="Susan Smith", linkedin_url="https://www.linkedin.com/in/another-susan"))
    plan = plan_import(store, read_connections(CONNECTIONS), CONNECTIONS)
    assert "Susan Smith" in [n.contact.name for n in plan.new]


def test_organizations_are_matched_by_the_name_key_or_created_once(store):
    store.ensure_organization("CITIBANK")
    rows = [IncomingPerson("line 1", "A One", organization="citibank"),
            IncomingPerson("line 2", "B Two", organization="Initech"),
            IncomingPerson("line 3", "C Three", organization="INITECH ")]
    plan = plan_import(store, rows, "x.csv")
    assert [o.name for o in plan.new_organizations] == ["Initech"]
    apply_import(store, plan)
    assert sorted(o.name for o in store.organizations()) == ["CITIBANK", "Initech"]
    assert store.organization_name(contact(store, "C Three")) == "Initech"


def test_a_netbook_export_imported_again_matches_by_uid_even_after_a_rename(store):
    make_meeting(store)
    cards = parse_vcards(contacts_vcard(store, store.contacts(), EXPORT_NOW).decode(), FILES / "x.vcf")
    jane = contact(store, "Jane Doe")
    jane.name = "Jane Doe-Martin"
    store.save_contact(jane)
    plan = plan_import(store, cards, "x.vcf")
    assert not plan.new and not plan.updates
    assert {m.how for m in plan.matched} == {"netbook id"}


def test_vcard_files_import_into_the_book(store):
    rows = [*read_vcards(FILES / "phone-2.1.vcf"), *read_vcards(FILES / "google-3.0.vcf"), *read_vcards(FILES / "apple-4.0.vcf")]
    plan = plan_import(store, rows, "all.vcf")
    assert plan.summary() == "6 new, 0 matched (0 to fill in), 1 skipped; 5 new organizations"
    apply_import(store, plan)
    marta = contact(store, "Marta Kowalska-Wiśniewska")
    assert (marta.email, marta.phone, store.organization_name(marta)) == ("marta@pkobp.example", "+48-22-555-0123", "PKO Bank Polski")
    again = plan_import(store, rows, "all.vcf")
    assert again.summary() == "0 new, 6 matched (0 to fill in), 1 skipped"


def test_linkedin_keys():
    assert linkedin_key("https://www.linkedin.com/in/Jane-Doe/?trk=abc") == "linkedin.com/in/jane-doe"
    assert linkedin_key("br.linkedin.com/in/analima") == "linkedin.com/in/analima"


def test_the_linkedin_url_field_keeps_stored_data_backward_compatible(data_dir):
    import json

    from netbook.storage.files import ensure_private_dir

    ensure_private_dir(data_dir)
    old = {"contacts": {"1": {"schema_version": 1, "id": "c1", "name": "Old Friend", "email": "o@x.example"}},
           "organizations": {}}
    (data_dir / "people.json").write_text(json.dumps(old), encoding="utf-8")
    with Store.open(data_dir) as store:
        friend = contact(store, "Old Friend")
        assert friend.linkedin_url == ""
        assert "linkedin_url" not in friend.to_storage_dict()  # files without a URL stay as they were
        friend.linkedin_url = "https://www.linkedin.com/in/old-friend"
        store.save_contact(friend)
    assert Store(data_dir, read_only=True).get_contact("c1").linkedin_url == "https://www.linkedin.com/in/old-friend"


def test_names_match_with_the_models_one_name_key(store):
    from netbook.domain.models import normalise_key

    store.save_contact(Contact(name="Dr. Jose  NUNEZ"))  # title, case, spacing, accents: the model's key decides
    assert normalise_key("Dr. Jose  NUNEZ") == normalise_key("José Núñez")
    plan = plan_import(store, read_connections(CONNECTIONS), CONNECTIONS)
    assert [(m.contact.name, m.how) for m in plan.matched] == [("Dr. Jose  NUNEZ", "name")]
