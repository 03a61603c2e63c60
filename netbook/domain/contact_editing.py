"""Editing the contact book: form checks, saving a contact or organization form, logging a contact.

Pure core (no Textual): the form widgets call these and show the problems they return.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from netbook.domain.clock import Clock
from netbook.domain.dates import parse_day
from netbook.domain.linkedin_url import linkedin_url_problem, tidy_linkedin_url
from netbook.domain.models import Contact, LeadStatus, Organization, normalise_key
from netbook.storage.store import Store


# --------------------------------------------------------------------------- editing


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE = re.compile(r"^[0-9+()\-./ ]*(?:(?:ext|x)\.? ?[0-9]+)?$", re.IGNORECASE)


def email_problem(text: str) -> str | None:
    text = text.strip()
    if not text or _EMAIL.match(text):
        return None
    return "e-mail should look like name@example.com"


def phone_problem(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not _PHONE.match(text) or sum(ch.isdigit() for ch in text) < 3:
        return "phone: digits, spaces and + - ( ) . / only"
    return None


def date_problem(text: str, today: date) -> str | None:
    try:
        parse_day(text, today)
    except ValueError as exc:
        return str(exc)
    return None


CONTACT_FIELDS = ("name", "role", "organization", "email", "phone", "linkedin_url", "how_met", "next_checkin", "notes")


def contact_form_problems(values: dict[str, str], *, today: date | None = None) -> dict[str, str]:
    """Field -> problem for a contact form; empty when it can be saved.  ``today``: what
    relative dates ("fri", "+3") count from (default: the real clock's)."""
    problems: dict[str, str] = {}
    if not values.get("name", "").strip():
        problems["name"] = "a name is needed"
    if p := email_problem(values.get("email", "")):
        problems["email"] = p
    if p := phone_problem(values.get("phone", "")):
        problems["phone"] = p
    if p := linkedin_url_problem(values.get("linkedin_url", "")):
        problems["linkedin_url"] = p
    if p := date_problem(values.get("next_checkin", ""), today or Clock().today()):
        problems["next_checkin"] = p
    return problems


def contact_form_values(store: Store, contact: Contact | None) -> dict[str, str]:
    if contact is None:
        return {k: "" for k in CONTACT_FIELDS}
    return {
        "name": contact.name,
        "role": contact.role,
        "organization": store.organization_name(contact),
        "email": contact.email,
        "phone": contact.phone,
        "linkedin_url": contact.linkedin_url,
        "how_met": contact.how_met,
        "next_checkin": contact.next_checkin.isoformat() if contact.next_checkin else "",
        "notes": contact.notes,
    }


def organization_form_values(org: Organization) -> dict[str, str]:
    return {"name": org.name, "aliases": ", ".join(org.aliases), "notes": org.notes}


def save_contact_form(store: Store, contact: Contact | None, values: dict[str, str], *,
                      today: date | None = None) -> Contact:
    """Apply a valid form to ``contact`` (a new one if None) and save it; raises ValueError if invalid."""
    today = today or Clock().today()
    problems = contact_form_problems(values, today=today)
    if problems:
        raise ValueError("; ".join(problems.values()))
    contact = contact.model_copy(deep=True) if contact is not None else Contact(name=values["name"].strip())
    renamed = contact.name != values["name"].strip()
    org_name = values.get("organization", "").strip()
    old_org = contact.organization_id
    contact.organization_id = store.ensure_organization(org_name).id if org_name else None
    contact.name = values["name"].strip()
    contact.role = values.get("role", "").strip()
    contact.email = values.get("email", "").strip()
    contact.phone = values.get("phone", "").strip()
    contact.linkedin_url = tidy_linkedin_url(values.get("linkedin_url", ""))
    contact.how_met = values.get("how_met", "").strip()
    contact.next_checkin = parse_day(values.get("next_checkin", ""), today)
    contact.notes = values.get("notes", "")
    store.save_contact(contact)
    if renamed or old_org != contact.organization_id:
        refresh_summaries_of(store, contact_ids={contact.id})
    return contact


def organization_form_problems(values: dict[str, str]) -> dict[str, str]:
    return {} if values.get("name", "").strip() else {"name": "a name is needed"}


def split_aliases(text: str) -> list[str]:
    seen: set[str] = set()
    out = []
    for part in text.replace("\n", ",").replace(";", ",").split(","):
        part = " ".join(part.split())
        if part and normalise_key(part) not in seen:
            seen.add(normalise_key(part))
            out.append(part)
    return out


def save_organization_form(store: Store, org: Organization, values: dict[str, str]) -> Organization:
    problems = organization_form_problems(values)
    if problems:
        raise ValueError("; ".join(problems.values()))
    org = org.model_copy(deep=True)
    renamed = org.name != values["name"].strip()
    org.name = values["name"].strip()
    org.aliases = [a for a in split_aliases(values.get("aliases", "")) if normalise_key(a) != normalise_key(org.name)]
    org.notes = values.get("notes", org.notes)
    store.save_organization(org)
    if renamed:
        people = {c.id for c in store.contacts() if c.organization_id == org.id}
        refresh_summaries_of(store, contact_ids=people)
    return org


def log_contact(store: Store, contact_id: str, today: date, checkin_weeks: int) -> Contact:
    """You got in touch today: last contact is today, next check-in ``checkin_weeks`` out."""
    contact = store.get_contact(contact_id)
    if contact is None:
        raise LookupError(f"no contact {contact_id}")
    contact = contact.model_copy(deep=True)
    contact.last_contact = today
    contact.next_checkin = today + timedelta(weeks=checkin_weeks)
    if contact.lead_status in (None, LeadStatus.TO_CONTACT) and contact.referred_by_id:
        contact.lead_status = LeadStatus.CONTACTED
    return store.save_contact(contact)


def refresh_summaries_of(store: Store, *, contact_ids: set[str]) -> None:
    """Index rows name the contact and organization: re-derive those of ``contact_ids``' meetings."""
    if not contact_ids:
        return
    ids = [s.id for s in store.meeting_summaries() if s.contact_id in contact_ids]
    if ids:
        store.refresh_summaries(ids)
