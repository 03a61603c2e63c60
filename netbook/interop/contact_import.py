"""Importing people into the contact book: match, plan (the dry run), apply.

A row matches an existing contact by, in order: a UID netbook exported, the LinkedIn
URL, the e-mail address, then the name (the model's one name key,
:func:`netbook.domain.models.normalise_key`) unless the URL or e-mail says it is someone else.
A matched contact's fields are only filled where empty, never overwritten, so running
the same import twice changes nothing the second time. Rows in one file that are the
same person land on one contact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from netbook.domain.models import Contact, Organization, normalise_key
from netbook.interop.contact_fields import contact_uid
from netbook.interop.incoming import IncomingPerson, Row, SkippedRow
from netbook.storage.store import Store

# Filled where empty, in this order; the labels are what the dry run says it will fill in.
FILLABLE = {"role": "role", "email": "e-mail", "phone": "phone", "linkedin_url": "LinkedIn URL", "how_met": "how we met"}

# What people type in a company field when there is no employer to link them to.
NOT_AN_EMPLOYER = frozenset(
    normalise_key(w) for w in ("self-employed", "self employed", "freelance", "freelancer", "independent",
                               "retired", "unemployed", "stealth", "stealth mode", "n/a", "na", "none", "-")
)


def linkedin_key(url: str) -> str:
    """"https://www.linkedin.com/in/Jane-Doe/?trk=x" -> "linkedin.com/in/jane-doe"."""
    text = url.strip().casefold()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^([a-z]{2,3}\.|www\.)(?=linkedin\.com)", "", text)
    return re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")


def email_key(email: str) -> str:
    return email.strip().casefold()


@dataclass
class NewContact:
    where: str
    contact: Contact
    organization: str = ""


@dataclass
class MatchedContact:
    where: str
    contact: Contact  # a copy with the empty fields filled in
    fills: list[str] = field(default_factory=list)  # labels of the fields filled in
    how: str = ""  # what matched: "LinkedIn URL", "e-mail", "name", ...


@dataclass
class ImportPlan:
    """What an import would do; :func:`apply_import` writes exactly this."""

    source: Path
    new: list[NewContact] = field(default_factory=list)
    matched: list[MatchedContact] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    new_organizations: list[Organization] = field(default_factory=list)

    @property
    def updates(self) -> list[MatchedContact]:
        return [m for m in self.matched if m.fills]

    @property
    def changes_anything(self) -> bool:
        return bool(self.new or self.updates)

    def summary(self) -> str:
        """"42 new, 7 matched (3 to fill in), 3 skipped" (and the organizations it adds)."""
        text = f"{len(self.new)} new, {len(self.matched)} matched ({len(self.updates)} to fill in), {len(self.skipped)} skipped"
        if self.new_organizations:
            text += f"; {len(self.new_organizations)} new organization{'s' if len(self.new_organizations) != 1 else ''}"
        return text

    def details(self, *, verbose: bool = False) -> list[str]:
        """One line per skipped row (with why) and per contact filled in; with ``verbose``, every row."""
        lines = [f"skipped {s.where}: {s.reason}" for s in self.skipped]
        for m in self.matched:
            if m.fills:
                lines.append(f"fill in {m.contact.name} ({m.where}, matched by {m.how}): {', '.join(m.fills)}")
            elif verbose:
                lines.append(f"matched {m.contact.name} ({m.where}, by {m.how}): nothing to fill in")
        if verbose:
            for n in self.new:
                extra = ", ".join(x for x in (n.contact.role, n.organization) if x)
                lines.append(f"new {n.contact.name} ({n.where})" + (f": {extra}" if extra else ""))
        return lines


class _Book:
    """The contact book (and the contacts this import adds) indexed by every matching key."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.by_uid: dict[str, Contact] = {}
        self.by_url: dict[str, Contact] = {}
        self.by_email: dict[str, Contact] = {}
        self.by_name: dict[str, list[Contact]] = {}
        for contact in contacts:
            self.add(contact)

    def add(self, contact: Contact) -> None:
        self.by_uid.setdefault(contact_uid(contact), contact)
        if contact.linkedin_url:
            self.by_url.setdefault(linkedin_key(contact.linkedin_url), contact)
        if contact.email:
            self.by_email.setdefault(email_key(contact.email), contact)
        for name in contact.all_names():
            self.by_name.setdefault(normalise_key(name), []).append(contact)

    def match(self, row: IncomingPerson) -> tuple[Contact | None, str]:
        if row.uid and (c := self.by_uid.get(row.uid)):
            return c, "netbook id"
        if row.linkedin_url and (c := self.by_url.get(linkedin_key(row.linkedin_url))):
            return c, "LinkedIn URL"
        if row.email and (c := self.by_email.get(email_key(row.email))):
            return c, "e-mail"
        for candidate in self.by_name.get(normalise_key(row.name), []):
            if _same_person(candidate, row):
                return candidate, "name"
        return None, ""


def _same_person(contact: Contact, row: IncomingPerson) -> bool:
    """Same name, and no LinkedIn URL or e-mail on both sides that disagree."""
    if contact.linkedin_url and row.linkedin_url and linkedin_key(contact.linkedin_url) != linkedin_key(row.linkedin_url):
        return False
    if contact.email and row.email and email_key(contact.email) != email_key(row.email):
        return False
    return True


class _Organizations:
    """Organizations by name key (indexed once: a LinkedIn file has thousands of rows), new ones made once."""

    def __init__(self, store: Store) -> None:
        self.known: dict[str, Organization] = {}
        for org in store.organizations():
            for name in org.all_names():
                self.known.setdefault(normalise_key(name), org)
        self.created: dict[str, Organization] = {}

    def id_for(self, name: str) -> str | None:
        key = normalise_key(name)
        if not key or key in NOT_AN_EMPLOYER:
            return None
        if key in self.known:
            return self.known[key].id
        if key not in self.created:
            self.created[key] = Organization(name=name)
        return self.created[key].id


def _fill(contact: Contact, row: IncomingPerson, orgs: _Organizations) -> list[str]:
    """Fill ``contact``'s empty fields from ``row``; the labels of what was filled."""
    filled = []
    for attr, label in FILLABLE.items():
        value = getattr(row, attr)
        if value and not getattr(contact, attr):
            setattr(contact, attr, value)
            filled.append(label)
    if contact.organization_id is None and (org_id := orgs.id_for(row.organization)):
        contact.organization_id = org_id
        filled.append("organization")
    return filled


def plan_import(store: Store, rows: Iterable[Row], source: Path | str) -> ImportPlan:
    """The dry run: what importing ``rows`` would add and fill in. Writes nothing."""
    plan = ImportPlan(source=Path(source))
    book = _Book(store.contacts())
    orgs = _Organizations(store)
    pending: dict[str, NewContact | MatchedContact] = {}  # contact id -> its planned entry
    for row in rows:
        if isinstance(row, SkippedRow):
            plan.skipped.append(row)
            continue
        found, how = book.match(row)
        if found is None:
            contact = Contact(name=row.name)
            _fill(contact, row, orgs)
            entry = NewContact(row.where, contact, row.organization if contact.organization_id else "")
            plan.new.append(entry)
            pending[contact.id] = entry
            book.add(contact)
            continue
        earlier = pending.get(found.id)
        if isinstance(earlier, NewContact):  # the same person twice in this file
            extra = _fill(earlier.contact, row, orgs)
            plan.skipped.append(SkippedRow(row.where, f"same person as {earlier.where} ({how})"
                                           + (f"; adds {', '.join(extra)}" if extra else "")))
            continue
        if isinstance(earlier, MatchedContact):
            extra = _fill(earlier.contact, row, orgs)
            earlier.fills += extra
            plan.skipped.append(SkippedRow(row.where, f"same person as {earlier.where} ({how})"
                                           + (f"; adds {', '.join(extra)}" if extra else "")))
            continue
        copy = found.model_copy(deep=True)
        entry = MatchedContact(row.where, copy, _fill(copy, row, orgs), how)
        plan.matched.append(entry)
        pending[found.id] = entry
    used = {c.organization_id for c in (*[n.contact for n in plan.new], *[m.contact for m in plan.matched])}
    plan.new_organizations = [o for o in orgs.created.values() if o.id in used]
    return plan


def apply_import(store: Store, plan: ImportPlan) -> None:
    """Write the plan: new organizations, then every new and filled-in contact, one write each."""
    now = datetime.now()
    for record in (*plan.new_organizations, *(n.contact for n in plan.new)):
        record.created_at = record.created_at or now
    store.save_organizations(plan.new_organizations)
    store.save_contacts([n.contact for n in plan.new] + [m.contact for m in plan.updates])
