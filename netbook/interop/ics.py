"""Follow-ups as an iCalendar file of to-dos (VTODO), via the icalendar library.

Each follow-up keeps one UID across exports (derived from its rule key, so a
keep-in-touch check-in stays one recurring to-do however many meetings you have with
the person), so importing the file again updates the calendar's to-dos instead of
adding copies. Done follow-ups are COMPLETED.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

import icalendar

from netbook import __version__
from netbook.domain.models import FollowUp, FollowUpKind, Meeting, MentionKind
from netbook.storage.config import FollowUpRules
from netbook.storage.store import Store

PRODID = f"-//netbook//netbook {__version__}//EN"
_UID_NAMESPACE = uuid.UUID("3b1f6a56-2d7e-4f0b-8c1a-6e6574626f6b")

# RFC 5545 priorities: 1 is the most urgent, 9 the least.
PRIORITY = {
    FollowUpKind.THANK_YOU: 1,
    FollowUpKind.CONTACT_LEAD: 3,
    FollowUpKind.NUDGE_INTRO: 5,
    FollowUpKind.CLOSE_LOOP: 5,
    FollowUpKind.CUSTOM: 5,
    FollowUpKind.CHECK_IN: 7,
}
LABEL = {
    FollowUpKind.THANK_YOU: "thank-you",
    FollowUpKind.CONTACT_LEAD: "lead",
    FollowUpKind.NUDGE_INTRO: "introduction",
    FollowUpKind.CLOSE_LOOP: "close the loop",
    FollowUpKind.CHECK_IN: "keep in touch",
    FollowUpKind.CUSTOM: "follow-up",
}


def followup_uid(followup: FollowUp) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, followup.rule_key or followup.id)}@netbook"


@dataclass(frozen=True)
class _Item:
    followup: FollowUp
    meeting: Meeting


def _utc(moment: datetime) -> datetime:
    """Naive times in netbook are local; iCalendar stamps are UTC."""
    return moment.astimezone(timezone.utc)


def _lead_name(followup: FollowUp, meeting: Meeting, store: Store) -> str:
    """The lead a follow-up is about: from its rule key (contact_lead/nudge_intro), else its contact."""
    if followup.kind in (FollowUpKind.CONTACT_LEAD, FollowUpKind.NUDGE_INTRO):
        key = followup.rule_key.split(":", 2)[-1] if followup.rule_key.count(":") >= 2 else ""
        mention = next((m for m in meeting.mentions if m.key == key and m.kind is MentionKind.PERSON), None)
        if mention is not None:
            lead = store.get_contact(mention.contact_id)
            org = store.organization_name(lead) if lead else ""
            return mention.name + (f" ({org})" if org else "")
        lead = store.get_contact(followup.contact_id) if followup.kind is FollowUpKind.CONTACT_LEAD else None
        if lead is not None:
            return lead.name
    return ""


def describe(followup: FollowUp, meeting: Meeting, store: Store) -> str:
    contact = store.get_contact(meeting.contact_id)
    who = contact.name if contact else "(unknown contact)"
    org = store.organization_name(contact)
    when = meeting.when()
    lines = [f"From your meeting with {who}" + (f" ({org})" if org else "") + (f" on {when:%Y-%m-%d}" if when else "") + "."]
    if lead := _lead_name(followup, meeting, store):
        lines.append(f"Lead: {lead}, suggested by {who}.")
    elif followup.contact_id and followup.contact_id != meeting.contact_id:
        other = store.get_contact(followup.contact_id)
        if other is not None:
            lines.append(f"With: {other.name}.")
    return "\n".join(lines)


def todo(item: _Item, store: Store, *, now: datetime, rules: FollowUpRules, alarm: time | None) -> icalendar.Todo:
    f, meeting = item.followup, item.meeting
    entry = icalendar.Todo()
    entry.add("uid", followup_uid(f))
    entry.add("dtstamp", _utc(now))
    entry.add("summary", f.title)
    due = f.due if f.done else f.effective_due()
    recurring = f.kind is FollowUpKind.CHECK_IN and not f.done
    if recurring:  # a recurrence is counted from DTSTART, which must come before DUE
        entry.add("dtstart", due - timedelta(days=1))
    entry.add("due", due)
    entry.add("priority", PRIORITY[f.kind])
    entry.add("categories", ["netbook", LABEL[f.kind]])
    entry.add("description", describe(f, meeting, store))
    if f.done:
        entry.add("status", "COMPLETED")
        entry.add("percent-complete", 100)
        entry.add("completed", _utc(f.done_at or now))
    else:
        entry.add("status", "NEEDS-ACTION")
    if recurring:
        entry.add("rrule", {"freq": "weekly", "interval": rules.checkin_weeks})
    if alarm is not None and not f.done:
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", f.title)
        # DUE is a date, so it starts at midnight: the reminder rings at ``alarm`` on the due day
        reminder.add("trigger", timedelta(hours=alarm.hour, minutes=alarm.minute), parameters={"RELATED": "END"})
        entry.add_component(reminder)
    return entry


def _items(meetings: Iterable[Meeting]) -> list[_Item]:
    """Every follow-up once per UID: an open one beats a done one, then the latest meeting's."""
    chosen: dict[str, _Item] = {}
    for meeting in meetings:
        for f in meeting.followups:
            uid = followup_uid(f)
            old = chosen.get(uid)
            if old is None or (old.followup.done and not f.done) or (
                old.followup.done == f.done and (meeting.when() or datetime.min) > (old.meeting.when() or datetime.min)
            ):
                chosen[uid] = _Item(f, meeting)
    return sorted(chosen.values(), key=lambda i: (i.followup.done, i.followup.effective_due(), i.followup.title))


def followups_ics(
    store: Store,
    meetings: Iterable[Meeting],
    *,
    now: datetime,
    rules: FollowUpRules | None = None,
    alarm: time | None = None,
) -> bytes:
    """A VCALENDAR with one VTODO per follow-up of ``meetings`` (open and done)."""
    rules = rules or FollowUpRules()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "netbook follow-ups")
    for item in _items(meetings):
        calendar.add_component(todo(item, store, now=now, rules=rules, alarm=alarm))
    return calendar.to_ical()
