"""vCard: export the book as 3.0 and read it back with vobject; import 2.1 / 3.0 / 4.0 files."""

from __future__ import annotations

import vobject
from interop_book import EXPORT_NOW, FILES, LONG_ACCENTED, contact, make_meeting

from netbook.interop.contact_fields import contact_uid
from netbook.interop.incoming import BadFileError, IncomingPerson, SkippedRow
from netbook.interop.vcard import contacts_vcard, parse_vcards, read_vcards

import pytest


def exported(store) -> tuple[bytes, dict[str, vobject.base.Component]]:
    data = contacts_vcard(store, store.contacts(), EXPORT_NOW)
    cards = {c.fn.value: c for c in vobject.readComponents(data.decode("utf-8"))}
    return data, cards


def test_round_trip_gives_back_every_field(store):
    make_meeting(store)
    jane = contact(store, "Jane Doe")
    _, cards = exported(store)
    card = cards["Jane Doe"]
    assert card.version.value == "3.0"
    assert (card.n.value.given, card.n.value.family) == ("Jane", "Doe")
    assert card.org.value == ['Acme; Ltd, "Global"']
    assert card.title.value == "Director of Operations"
    assert card.email.value == "jane@acme.example" and card.email.params["TYPE"] == ["work"]
    assert card.tel.value == "+1 973 555 0100"
    assert card.url.value == "https://www.linkedin.com/in/jane-doe"
    assert card.note.value == "How we met: NJ career fair — table 12; she runs the ops team"
    assert card.categories.value == ["netbook"]
    assert card.uid.value == contact_uid(jane)
    assert card.rev.value.endswith("Z")


def test_private_notes_never_leave(store):
    make_meeting(store)
    data, _ = exported(store)
    assert b"PRIVATE" not in data and b"salary" not in data


def test_note_says_who_referred_them_and_categories_mark_leads(store):
    make_meeting(store)
    _, cards = exported(store)
    zoe = cards[LONG_ACCENTED]
    assert zoe.note.value.splitlines() == [
        "How we met: Jane's former colleague; café near Grand Central ☕ — ask about the 2027 graduate programme",
        "Referred by: Jane Doe",
    ]
    susan = cards["Susan Smith"]  # a lead from the meeting
    assert "lead" in susan.categories.value


def test_crlf_and_75_octet_folding_never_split_a_character(store):
    make_meeting(store)
    data, cards = exported(store)
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert any(line.startswith(b" ") for line in lines)  # the long accented name and note were folded
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")
    assert cards[LONG_ACCENTED].fn.value == LONG_ACCENTED


def test_uid_is_stable_across_exports(store):
    make_meeting(store)
    first = [c.uid.value for c in exported(store)[1].values()]
    again = [c.uid.value for c in exported(store)[1].values()]
    assert first == again and len(set(first)) == len(first)


def test_reading_an_export_back_gives_the_same_people(store):
    make_meeting(store)
    data, _ = exported(store)
    rows = parse_vcards(data.decode("utf-8"), FILES / "export.vcf")
    jane = next(r for r in rows if r.name == "Jane Doe")
    assert jane == IncomingPerson(
        where=jane.where, name="Jane Doe", organization='Acme; Ltd, "Global"', role="Director of Operations",
        email="jane@acme.example", phone="+1 973 555 0100", linkedin_url="https://www.linkedin.com/in/jane-doe",
        how_met="NJ career fair — table 12; she runs the ops team", uid=contact_uid(contact(store, "Jane Doe")),
    )


def test_phone_export_in_vcard_2_1():
    rows = read_vcards(FILES / "phone-2.1.vcf")
    jose, chinedu, org_only = rows
    assert jose.name == "José Núñez"  # quoted-printable UTF-8
    assert jose.organization == "Acme, Inc."  # 2.1 does not escape the comma
    assert jose.phone == "+1-555-0100"  # the PREF one
    assert jose.email == "jose@acme.example"
    assert jose.how_met == "Met at the café meetup; knows everyone in platform engineering"  # soft line break joined
    assert chinedu.name == "Chinedu Okafor" and chinedu.phone == "+234 803 555 0101"
    assert org_only == SkippedRow("card 3 (line 22)", "no name (FN or N)")


def test_google_export_in_vcard_3_0():
    priya, zoe = read_vcards(FILES / "google-3.0.vcf")
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-raman"  # Google's "https\://"
    assert priya.organization == "Montclair State University"  # first ORG part, not the department
    assert priya.role == "Assistant Director" and priya.email == "priya@example.org"
    assert priya.how_met == "Met at the NJ career fair, spring 2026"
    assert zoe.name == "Zoë O'Brien 🎉" and zoe.organization == 'The "Good" Company'


def test_vcard_4_0_with_tel_uri_and_preferred_email():
    marta, soren = read_vcards(FILES / "apple-4.0.vcf")
    assert marta.name == "Marta Kowalska-Wiśniewska"
    assert marta.email == "marta@pkobp.example"  # TYPE=work;PREF=1 over the home one
    assert marta.phone == "+48-22-555-0123"  # tel: URI
    assert marta.linkedin_url == "https://pl.linkedin.com/in/marta-kowalska"
    assert soren.name == "Søren Ærø" and soren.organization == "Maersk"


def test_a_card_vobject_cannot_read_is_skipped_with_why(tmp_path):
    path = tmp_path / "mixed.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nEND:VCARD\n"
                    "BEGIN:VCARD\nVERSION:3.0\nthis line has no colon\nEND:VCARD\n", encoding="utf-8")
    ana, bad = read_vcards(path)
    assert ana.name == "Ana Lima"
    assert isinstance(bad, SkippedRow) and bad.where == "card 2 (line 5)" and "not a readable vCard" in bad.reason


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"First Name,Last Name\nAna,Lima\n", "is not a vCard file (no BEGIN:VCARD"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Ana\n", "has no END:VCARD"),
        (b"BEGIN:VCARD\nnot a property\nEND:VCARD\n", "is not a valid vCard file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        (b"BEGIN:VCARD\nFN:Jos\xe9\nEND:VCARD\n", "not UTF-8"),
        (b"", "is empty"),
    ],
)
def test_bad_files_raise_one_problem_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(content)
    with pytest.raises(BadFileError) as caught:
        read_vcards(path)
    assert str(caught.value).startswith(f"{path}: ") and problem in str(caught.value)


def test_an_unreadable_file_is_a_bad_file(tmp_path):
    with pytest.raises(BadFileError, match="cannot be read"):
        read_vcards(tmp_path / "missing.vcf")
    with pytest.raises(BadFileError, match="is a folder"):
        read_vcards(tmp_path)


HOSTILE = "[bold]Eve[/] \x1b[31m\u0007 ;,\\ `` \"q\" 🎉 مرحبا"


def test_hostile_text_round_trips_exactly(store):
    from netbook.domain.models import Contact

    store.save_contact(Contact(name=HOSTILE, role=HOSTILE, how_met=f"line one\n{HOSTILE}\r\nline three"))
    data = contacts_vcard(store, store.contacts(), EXPORT_NOW)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
    (card,) = vobject.readComponents(data.decode("utf-8"))
    assert card.fn.value == HOSTILE and card.title.value == HOSTILE
    (row,) = parse_vcards(data.decode("utf-8"), FILES / "x.vcf")
    assert row.name == " ".join(HOSTILE.split()) and row.role == " ".join(HOSTILE.split())


def test_a_card_with_only_a_structured_name(tmp_path):
    path = tmp_path / "n-only.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:García Márquez;Gabriel;José;Dr.;\r\nEND:VCARD\r\n", encoding="utf-8")
    (row,) = read_vcards(path)
    assert row.name == "Dr. Gabriel José García Márquez"


def test_a_utf16_file_from_a_windows_address_book(tmp_path):
    path = tmp_path / "outlook.vcf"
    path.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ærø\r\nEND:VCARD\r\n".encode("utf-16"))
    (row,) = read_vcards(path)
    assert row.name == "Zoë Ærø"
