"""The contact book as CSV: a header row, one contact per row, UTF-8 (with a BOM on request).

``bom=True`` is the spreadsheet mode: the BOM makes Excel read UTF-8, and a cell that
starts with ``= + - @`` (which a spreadsheet would run as a formula) gets a leading
apostrophe, which spreadsheets show as text. Without it the values are exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from netbook.domain.models import Contact
from netbook.interop.contact_fields import contact_uid, referrer_name, split_name
from netbook.storage.store import Store

HEADER = (
    "Name", "First name", "Last name", "Organization", "Role", "E-mail", "Phone", "LinkedIn",
    "How we met", "Referred by", "Lead status", "Last contact", "Next check-in", "UID",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def contact_row(store: Store, contact: Contact) -> list[str]:
    given, family = split_name(contact.name)
    return [
        contact.name,
        given,
        family,
        store.organization_name(contact),
        contact.role,
        contact.email,
        contact.phone,
        contact.linkedin_url,
        contact.how_met,
        referrer_name(store, contact),
        contact.lead_status.value if contact.lead_status else "",
        contact.last_contact.isoformat() if contact.last_contact else "",
        contact.next_checkin.isoformat() if contact.next_checkin else "",
        contact_uid(contact),
    ]


def _spreadsheet_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def contacts_csv(store: Store, contacts: Iterable[Contact], *, bom: bool = False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for contact in contacts:
        row = contact_row(store, contact)
        writer.writerow([_spreadsheet_safe(c) for c in row] if bom else row)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")
