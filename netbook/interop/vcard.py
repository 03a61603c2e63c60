"""vCard files: export the contact book as vCard 3.0, read 2.1 / 3.0 / 4.0 cards back.

3.0 is what phones and Google / Apple / Outlook import best. The library is vobject; its
output is re-folded by :func:`netbook.interop.folding.fold_content_lines` (vobject leaves
long accented or emoji lines unfolded).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import vobject

from netbook import __version__
from netbook.domain.models import Contact
from netbook.interop.contact_fields import (
    categories,
    contact_note,
    contact_uid,
    how_met_from_note,
    split_name,
)
from netbook.interop.folding import fold_content_lines
from netbook.interop.incoming import BadFileError, IncomingPerson, Row, SkippedRow, read_text_file, tidy_field
from netbook.storage.store import Store

PRODID = f"-//netbook//netbook {__version__}//EN"


# --------------------------------------------------------------------------- export


def contact_card(store: Store, contact: Contact, now: datetime) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("prodid").value = PRODID
    card.add("uid").value = contact_uid(contact)
    card.add("fn").value = contact.name
    given, family = split_name(contact.name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if org := store.organization_name(contact):
        card.add("org").value = [org]
    if contact.role:
        card.add("title").value = contact.role
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.type_param = "work"
    if contact.phone:
        tel = card.add("tel")
        tel.value = contact.phone
        tel.type_param = "voice"
    if contact.linkedin_url:
        card.add("url").value = contact.linkedin_url
        profile = card.add("x-socialprofile")  # Apple Contacts shows it as the LinkedIn profile
        profile.value = contact.linkedin_url
        profile.type_param = "linkedin"
    if note := contact_note(store, contact):
        card.add("note").value = note
    card.add("categories").value = categories(contact)
    card.add("rev").value = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return card


def contacts_vcard(store: Store, contacts: Iterable[Contact], now: datetime) -> bytes:
    """One vCard 3.0 per contact, CRLF line ends, folded at 75 octets, UTF-8."""
    text = "".join(contact_card(store, c, now).serialize() for c in contacts)
    return fold_content_lines(text).encode("utf-8")


# --------------------------------------------------------------------------- import

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)


def _join_quoted_printable_breaks(lines: list[str]) -> list[str]:
    """vCard 2.1 quoted-printable values end a line with "=" to go on (a soft break vobject can't read)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper():
            while line.endswith("=") and i + 1 < len(lines):
                i += 1
                line = line[:-1] + lines[i].lstrip(" \t")
        out.append(line)
        i += 1
    return out


def _cards(text: str, path: Path) -> list[tuple[int, str]]:
    """(first line number, text) of every BEGIN:VCARD ... END:VCARD block."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[tuple[int, str]] = []
    start: int | None = None
    depth = 0
    for number, line in enumerate(lines, 1):
        if _BEGIN.match(line):
            if depth == 0:
                start = number
            depth += 1
        elif _END.match(line) and depth:
            depth -= 1
            if depth == 0 and start is not None:
                block = _join_quoted_printable_breaks(lines[start - 1:number])
                blocks.append((start, "\r\n".join(block) + "\r\n"))
                start = None
    if depth and start is not None:
        raise BadFileError(path, f"the vCard at line {start} has no END:VCARD (cut short?)")
    if not blocks:
        raise BadFileError(path, "is not a vCard file (no BEGIN:VCARD ... END:VCARD)")
    return blocks


def _types(line: Any) -> set[str]:
    """TYPE parameters in any version: TYPE=work,pref (3.0/4.0) or bare WORK;PREF (2.1)."""
    found = set()
    for value in [*line.params.get("TYPE", []), *line.singletonparams]:
        found.update(part.strip().strip('"').casefold() for part in str(value).split(","))
    if line.params.get("PREF"):
        found.add("pref")
    return found


def _best(lines: list[Any], preferred: tuple[str, ...]) -> str:
    """The value of the line whose types rank best (then the first), as text."""
    def rank(line: Any) -> int:
        types = _types(line)
        return next((i for i, t in enumerate(preferred) if t in types), len(preferred))

    for line in sorted(lines, key=rank):
        value = tidy_field(line.value) if isinstance(line.value, str) else ""
        if value:
            return value
    return ""


def _organization(card: Any) -> str:
    for line in card.contents.get("org", []):
        value = line.value
        first = value[0] if isinstance(value, list) and value else value
        if isinstance(first, list):  # an unescaped comma (vCard 2.1 "Acme, Inc.") splits the part
            first = ",".join(first)
        if tidy_field(first or ""):
            return tidy_field(first)
    return ""


def _name(card: Any) -> str:
    for line in card.contents.get("fn", []):
        if isinstance(line.value, str) and tidy_field(line.value):
            return tidy_field(line.value)
    for line in card.contents.get("n", []):
        n = line.value
        if isinstance(n, vobject.vcard.Name):
            parts = [n.prefix, n.given, n.additional, n.family, n.suffix]
            text = tidy_field(" ".join(" ".join(p) if isinstance(p, list) else str(p or "") for p in parts))
            if text:
                return text
    return ""


def _linkedin(card: Any) -> str:
    for key in ("url", "x-socialprofile"):
        for line in card.contents.get(key, []):
            value = tidy_field(line.value).replace("\\:", ":") if isinstance(line.value, str) else ""  # Google writes https\://
            if "linkedin.com" in value.casefold():
                return value
    return ""


def person_from_card(card: Any, where: str) -> Row:
    name = _name(card)
    if not name:
        return SkippedRow(where, "no name (FN or N)")
    phone = _best(card.contents.get("tel", []), ("pref", "cell", "mobile", "work", "voice"))
    if phone.casefold().startswith("tel:"):
        phone = phone[4:]
    note = "\n".join(line.value for line in card.contents.get("note", []) if isinstance(line.value, str))
    uid = card.contents.get("uid", [])
    return IncomingPerson(
        where=where,
        name=name,
        organization=_organization(card),
        role=_best(card.contents.get("title", []), ()),
        email=_best(card.contents.get("email", []), ("pref", "work", "internet")),
        phone=phone,
        linkedin_url=_linkedin(card),
        how_met=how_met_from_note(note),
        uid=str(uid[0].value) if uid else "",
    )


def parse_vcards(text: str, path: Path) -> list[Row]:
    """Every card in ``text``; a card vobject cannot read is a skipped row, a file with none readable is bad."""
    rows: list[Row] = []
    for number, (line, block) in enumerate(_cards(text, path), 1):
        where = f"card {number} (line {line})"
        try:
            card = vobject.readOne(block, ignoreUnreadable=False)
        except Exception as exc:  # noqa: BLE001 - vobject raises many kinds; the row says which
            rows.append(SkippedRow(where, f"not a readable vCard ({tidy_field(str(exc)) or type(exc).__name__})"))
            continue
        rows.append(person_from_card(card, where))
    if rows and all(isinstance(r, SkippedRow) for r in rows) and all("readable" in r.reason for r in rows):
        raise BadFileError(path, f"is not a valid vCard file ({rows[0].where}: {rows[0].reason})")
    return rows


def read_vcards(path: Path | str) -> list[Row]:
    path = Path(path)
    return parse_vcards(read_text_file(path, "vCard file"), path)
