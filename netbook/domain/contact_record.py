"""What was recorded about one contact across meetings: every ask about them and of them.

The contact page shows it under the card. Reading it opens the meetings involved (theirs,
the ones that mention them, the one that referred them), so it runs in a worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from netbook.domain.closing_checklist import ASK_LABELS, CHANNEL_LABELS, describe_ask, is_touched
from netbook.domain.models import Ask, AskKind, Contact, Meeting, MentionKind, normalise_key
from netbook.storage.store import Store


@dataclass(frozen=True)
class AskRecord:
    meeting_id: str
    when: datetime | None
    met: str  # whom the meeting was with
    about: str  # in a meeting with them: whom the ask was about ("" for a standing ask)
    about_them: bool  # asked of someone else about them (they were mentioned)
    label: str  # "good person to talk to?"
    said: str  # "yes · e-mail · may use name · her answer", or "not asked"
    answer: str  # the typed answer, as typed


def _their_keys(meeting: Meeting, contact: Contact) -> set[str]:
    keys = {m.key for m in meeting.mentions if m.kind is MentionKind.PERSON and m.contact_id == contact.id}
    if not keys:  # a mention not linked yet: by name
        names = {normalise_key(n) for n in contact.all_names()}
        keys = {m.key for m in meeting.mentions if m.kind is MentionKind.PERSON and m.key in names}
    return keys


def _record(meeting: Meeting, met: str, about: str, ask: Ask, *, about_them: bool = False) -> AskRecord:
    return AskRecord(meeting.id, meeting.when(), met, about, about_them, ASK_LABELS[ask.kind],
                     describe_ask(ask) or "not asked", ask.answer)


def meeting_asks_involving(meeting: Meeting, contact: Contact, met: str) -> list[AskRecord]:
    """Asks about ``contact`` in ``meeting`` (all of them), and, in a meeting with them, what they answered."""
    out: list[AskRecord] = []
    if meeting.contact_id == contact.id:
        names = {m.key: m.name for m in meeting.mentions}
        for ask in meeting.asks:
            if is_touched(ask) and ask.kind is not AskKind.THANK_YOU:
                out.append(_record(meeting, met, names.get(ask.subject or "", ""), ask))
        return out
    keys = _their_keys(meeting, contact)
    for ask in meeting.asks:
        if ask.subject in keys:
            out.append(_record(meeting, met, "", ask, about_them=True))
    return out


def meetings_involving(contact: Contact, meeting_ids: Iterable[str]) -> list[str]:
    """Their meetings, those mentioning them and the one that referred them: each once, in order."""
    ids = list(meeting_ids)
    if contact.referred_in_meeting_id:
        ids.append(contact.referred_in_meeting_id)
    return list(dict.fromkeys(ids))


def asks_involving(store: Store, contact: Contact, meeting_ids: Iterable[str]) -> list[AskRecord]:
    """Every ask involving ``contact`` in those meetings, newest meeting first (unreadable ones skipped)."""
    out: list[AskRecord] = []
    for meeting_id in meetings_involving(contact, meeting_ids):
        try:
            meeting = store.load_meeting(meeting_id)
        except Exception:  # noqa: BLE001 - a missing or bad file is reported where it is opened
            continue
        other = store.get_contact(meeting.contact_id)
        out += meeting_asks_involving(meeting, contact, other.name if other else "?")
    out.sort(key=lambda r: r.when or datetime.min, reverse=True)
    return out


def lead_details(contact: Contact, referrer: str | None) -> list[tuple[str, str]]:
    """(label, value) rows of what was settled about reaching them: channel, the name, the intro."""
    rows: list[tuple[str, str]] = []
    if contact.preferred_channel is not None:
        rows.append(("Channel", CHANNEL_LABELS[contact.preferred_channel]))
    if contact.may_use_referrer_name is not None:
        who = f" (say {referrer} sent you)" if referrer and contact.may_use_referrer_name else ""
        rows.append(("May use name", ("yes" + who) if contact.may_use_referrer_name else "no — don't say who sent you"))
    if contact.intro_promised is not None:
        if contact.intro_promised:
            by = f" by {contact.intro_by:%a %d %b %Y}" if contact.intro_by else ""
            rows.append(("Intro", f"promised{by}"))
        else:
            rows.append(("Intro", "not offered"))
    return rows
