"""Contacts as CSV: header row, every field, exact values; --bom mode for spreadsheets."""

from __future__ import annotations

import csv
import io

from interop_book import LONG_ACCENTED, contact, make_meeting

from netbook.domain.models import Contact
from netbook.interop.contact_fields import contact_uid
from netbook.interop.contacts_csv import HEADER, contacts_csv


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_round_trip_gives_back_every_field(store):
    make_meeting(store)
    data = contacts_csv(store, store.contacts())
    assert data.split(b"\r\n")[0].decode() == ",".join(HEADER)
    by_name = {r["Name"]: r for r in rows(data)}
    jane = by_name["Jane Doe"]
    assert jane == {
        "Name": "Jane Doe", "First name": "Jane", "Last name": "Doe", "Organization": 'Acme; Ltd, "Global"',
        "Role": "Director of Operations", "E-mail": "jane@acme.example", "Phone": "+1 973 555 0100",
        "LinkedIn": "https://www.linkedin.com/in/jane-doe", "How we met": "NJ career fair — table 12; she runs the ops team",
        "Referred by": "", "Lead status": "", "Last contact": "2026-03-10", "Next check-in": "2026-04-07",
        "UID": contact_uid(contact(store, "Jane Doe")),
    }
    assert by_name[LONG_ACCENTED]["Referred by"] == "Jane Doe"
    assert by_name["Susan Smith"]["Lead status"] == "to_contact"
    assert b"PRIVATE" not in data


def test_no_bom_by_default_and_a_bom_on_request(store):
    store.save_contact(Contact(name="Zoë"))
    assert not contacts_csv(store, store.contacts()).startswith(b"\xef\xbb\xbf")
    assert contacts_csv(store, store.contacts(), bom=True).startswith(b"\xef\xbb\xbf")


def test_spreadsheet_mode_defuses_formulas_and_plain_mode_keeps_values_exact(store):
    store.save_contact(Contact(name="=HYPERLINK(\"http://evil.example\")", phone="+1 555 0100", role="Lead, \"ops\"\nteam"))
    exact = rows(contacts_csv(store, store.contacts()))[0]
    assert exact["Name"] == "=HYPERLINK(\"http://evil.example\")" and exact["Role"] == "Lead, \"ops\"\nteam"
    sheet = rows(contacts_csv(store, store.contacts(), bom=True))[0]
    assert sheet["Name"].startswith("'=") and sheet["Phone"] == "'+1 555 0100"
