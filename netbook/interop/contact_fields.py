"""What a contact exports as, shared by the vCard and CSV exports so the two never disagree."""

from __future__ import annotations

import uuid

from netbook.domain.models import Contact
from netbook.interop.incoming import tidy_field
from netbook.storage.store import Store

# UIDs are derived from the contact id, so every export names a contact the same way and
# an address book that re-imports the file updates its card instead of adding a second one.
_UID_NAMESPACE = uuid.UUID("0f6c3f0e-6a53-4a55-9d5a-6e6574626f6b")


def contact_uid(contact: Contact) -> str:
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, f'contact:{contact.id}')}"


def split_name(name: str) -> tuple[str, str]:
    """(given, family) for the structured name: the last word is the family name."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return " ".join(words[:-1]), words[-1]


def referrer_name(store: Store, contact: Contact) -> str:
    referrer = store.get_contact(contact.referred_by_id)
    return referrer.name if referrer else ""


def contact_note(store: Store, contact: Contact) -> str:
    """How we met and who referred them: shareable context. Private notes never leave netbook."""
    lines = []
    if contact.how_met:
        lines.append(f"How we met: {contact.how_met}")
    if referrer := referrer_name(store, contact):
        lines.append(f"Referred by: {referrer}")
    return "\n".join(lines)


def how_met_from_note(note: str) -> str:
    """The ``how_met`` a note carries: our own "How we met: ..." line, else the whole note."""
    for line in note.splitlines():
        if line.startswith("How we met: "):
            return tidy_field(line[len("How we met: "):])
    if any(line.startswith("Referred by: ") for line in note.splitlines()):
        return ""
    return tidy_field(note)


def categories(contact: Contact) -> list[str]:
    labels = ["netbook"]
    if contact.lead_status is not None:
        labels.append("lead")
    return labels
