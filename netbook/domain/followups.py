"""Follow-up rules: what to do after a meeting, and by when. Pure functions on the models.

The rules (days configurable in :class:`netbook.storage.config.FollowUpRules`):

- ``thank_you``   — a thank-you note to the contact within ``thank_you_days`` of the meeting;
- ``contact_lead`` — contact each lead (a person the contact said yes to, or offered to
  introduce) within ``contact_lead_days``; the title says whether you may mention the
  referrer, and names them only if permission was given;
- ``nudge_intro`` — an introduction was promised: ``nudge_intro_days`` after the promised
  date (or the meeting), nudge the referrer — unless the lead has already been contacted;
- ``close_loop``  — the contact was a lead someone gave you: tell that referrer how it went
  within ``close_loop_days``;
- ``check_in``    — keep in touch with the contact every ``checkin_weeks``; due at the
  contact's ``next_checkin`` (or ``last_contact`` + the interval), so any logged contact
  resets it. Marking it done logs contact and schedules the next one.

Each follow-up carries a ``rule_key`` (rule + subject). :func:`merge_followups` keeps the
existing entry for a key (its id, done and snooze state) and updates its title and due
date, so regenerating never duplicates. A generated follow-up the rules no longer
produce is dropped only while untouched (not done, not snoozed); custom ones are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from netbook.domain.closing_checklist import LeadInfo
from netbook.domain.models import (
    Contact,
    FollowUp,
    FollowUpKind,
    LeadStatus,
    Meeting,
    NameOf,
    TitlePart,
    first_name,
    render_title,
)
from netbook.storage.config import FollowUpRules

GENERATED = {
    FollowUpKind.THANK_YOU,
    FollowUpKind.CONTACT_LEAD,
    FollowUpKind.NUDGE_INTRO,
    FollowUpKind.CLOSE_LOOP,
    FollowUpKind.CHECK_IN,
}


def meeting_day(meeting: Meeting, today: date) -> date:
    """The day the follow-up clock starts: when the meeting ended (or today)."""
    moment = meeting.ended_at or meeting.started_at or meeting.scheduled_at
    return moment.date() if moment else today


def checkin_due(contact: Contact, rules: FollowUpRules, fallback: date) -> date:
    """Next keep-in-touch date: explicit ``next_checkin``, else last contact + the interval."""
    if contact.next_checkin is not None:
        return contact.next_checkin
    base = contact.last_contact or fallback
    return base + timedelta(weeks=rules.checkin_weeks)


def log_contact(contact: Contact, day: date, rules: FollowUpRules) -> Contact:
    """Record contact with someone on ``day``; the next check-in moves on from there."""
    if contact.last_contact is None or day >= contact.last_contact:
        contact.last_contact = day
    contact.next_checkin = contact.last_contact + timedelta(weeks=rules.checkin_weeks)
    return contact


# --------------------------------------------------------------------------- titles


def _name(contact: Contact, *, first: bool = False) -> TitlePart:
    return TitlePart(text=contact.name, contact_id=contact.id, first_name=first)


def _titled(*parts: TitlePart | str) -> dict:
    """``title`` and ``title_parts`` for a FollowUp: names stay links to their records."""
    pieces = [p if isinstance(p, TitlePart) else TitlePart(text=p) for p in parts]
    return {"title": render_title(pieces, lambda _id: None), "title_parts": pieces}


def generate_followups(
    meeting: Meeting,
    *,
    contact: Contact,
    leads: Iterable[LeadInfo],
    rules: FollowUpRules,
    today: date,
    referrer: Contact | None = None,
    lead_contacts: dict[str, Contact] | None = None,
) -> list[FollowUp]:
    """The follow-ups the rules produce for this meeting (fresh objects, not merged).

    ``leads`` are :class:`~netbook.domain.closing_checklist.LeadInfo` with ``is_lead`` true;
    ``referrer`` is who referred ``contact`` to you (for closing the loop);
    ``lead_contacts`` maps a lead's mention key to its stored Contact, if any.
    """
    lead_contacts = lead_contacts or {}
    day = meeting_day(meeting, today)
    who = _name(contact)
    out: list[FollowUp] = [
        FollowUp(
            kind=FollowUpKind.THANK_YOU,
            **_titled("Send ", who, " a thank-you note"),
            due=day + timedelta(days=rules.thank_you_days),
            contact_id=contact.id,
            meeting_id=meeting.id,
            rule_key=f"thank_you:{meeting.id}",
        )
    ]
    for info in leads:
        if info.is_lead:
            out.extend(_lead_followups(meeting, info, lead_contacts.get(info.mention.key), contact, rules, day))
    if referrer is not None and referrer.id != contact.id:
        out.append(
            FollowUp(
                kind=FollowUpKind.CLOSE_LOOP,
                **_titled("Tell ", _name(referrer), " how it went with ", _name(contact, first=True)),
                due=day + timedelta(days=rules.close_loop_days),
                contact_id=referrer.id,
                meeting_id=meeting.id,
                rule_key=f"close_loop:{meeting.id}",
            )
        )
    out.append(
        FollowUp(
            kind=FollowUpKind.CHECK_IN,
            **_titled("Check in with ", who, " — keep them posted"),
            due=checkin_due(contact, rules, day),
            contact_id=contact.id,
            meeting_id=meeting.id,
            rule_key=f"check_in:{contact.id}",
        )
    )
    return out


def _lead_followups(
    meeting: Meeting, info: LeadInfo, lead_contact: Contact | None, contact: Contact,
    rules: FollowUpRules, day: date,
) -> list[FollowUp]:
    """One lead's follow-ups: reach out (saying how you may name the referrer), and nudge a promised intro."""
    out: list[FollowUp] = []
    who = _name(contact)
    m = info.mention
    name = _name(lead_contact) if lead_contact else TitlePart(text=m.name)
    at: list[TitlePart | str] = []
    if info.organization:
        org_id = lead_contact.organization_id if lead_contact else None
        at = [" (", TitlePart(text=info.organization, organization_id=org_id), ")"]
    if info.may_use_name:
        how: list[TitlePart | str] = ["you may say ", who, " sent you"]
    elif info.may_use_name is False:
        how = ["don't name the referrer"]
    else:
        how = ["referrer's name not cleared"]
    channel = {"call": "Call", "email": "E-mail", "linkedin": "Message on LinkedIn"}
    verb = channel[info.channel.value] if info.channel else "Contact"
    out.append(
        FollowUp(
            kind=FollowUpKind.CONTACT_LEAD,
            **_titled(f"{verb} ", name, *at, " — ", *how),
            due=day + timedelta(days=rules.contact_lead_days),
            contact_id=lead_contact.id if lead_contact else None,
            meeting_id=meeting.id,
            rule_key=f"contact_lead:{meeting.id}:{m.key}",
        )
    )
    already = lead_contact is not None and lead_contact.lead_status in (LeadStatus.CONTACTED, LeadStatus.MET)
    if info.intro_promised and not already:
        out.append(
            FollowUp(
                kind=FollowUpKind.NUDGE_INTRO,
                **_titled("Nudge ", who, " about the introduction to ", name),
                due=(info.intro_by or day) + timedelta(days=rules.nudge_intro_days),
                contact_id=contact.id,
                meeting_id=meeting.id,
                rule_key=f"nudge_intro:{meeting.id}:{m.key}",
            )
        )
    return out


def _touched(f: FollowUp) -> bool:
    return f.done or f.snoozed_until is not None


def merge_followups(existing: Iterable[FollowUp], fresh: Iterable[FollowUp]) -> list[FollowUp]:
    """Existing follow-ups updated by a fresh generation, keyed by ``rule_key``.

    Done follow-ups keep their due date (a record of what was owed); open ones take the
    fresh title and due date (a snooze still wins, see :meth:`FollowUp.effective_due`).
    """
    existing = list(existing)
    fresh = list(fresh)
    by_key = {f.rule_key: f for f in existing if f.rule_key}
    fresh_keys = {f.rule_key for f in fresh}
    result: list[FollowUp] = []
    seen: set[str] = set()
    for f in fresh:
        if f.rule_key in seen:
            continue
        seen.add(f.rule_key)
        old = by_key.get(f.rule_key)
        if old is None:
            result.append(f)
        elif old.done:
            result.append(old)
        else:
            result.append(old.model_copy(update={"title": f.title, "title_parts": f.title_parts, "due": f.due,
                                                 "contact_id": f.contact_id}))
    for old in existing:
        if old.rule_key and old.rule_key in seen:
            continue
        if old.kind in GENERATED and old.rule_key not in fresh_keys and not _touched(old):
            continue  # the rule no longer applies and the user never acted on it
        result.append(old)
    return result


# --------------------------------------------------------------------------- acting on one


def mark_done(followup: FollowUp, now: datetime) -> FollowUp:
    followup.done = True
    followup.done_at = now
    return followup


def mark_undone(followup: FollowUp) -> FollowUp:
    followup.done = False
    followup.done_at = None
    return followup


def snooze(followup: FollowUp, today: date, days: int) -> FollowUp:
    """Push it ``days`` past today (or past the current snooze, pressing again adds more)."""
    base = max(today, followup.snoozed_until or today)
    followup.snoozed_until = base + timedelta(days=days)
    return followup


def complete_checkin(
    followup: FollowUp, contact: Contact, now: datetime, rules: FollowUpRules
) -> tuple[FollowUp, FollowUp]:
    """Check-ins recur: log the contact, keep a done record, and move the live one on.

    Returns ``(done_record, live)``; the live one keeps the ``check_in:<contact>`` key.
    """
    log_contact(contact, now.date(), rules)
    record = followup.model_copy(
        update={
            "id": f"{followup.id}-{now:%Y%m%d}",
            "done": True,
            "done_at": now,
            "rule_key": f"{followup.rule_key}@{now:%Y-%m-%d}",
        }
    )
    followup.due = contact.next_checkin or now.date()
    followup.snoozed_until = None
    followup.done = False
    followup.done_at = None
    return record, followup


class FollowUpAction(str, Enum):
    DONE = "done"
    UNDO = "undo"
    SNOOZE = "snooze"


@dataclass
class Applied:
    """What :func:`apply` did: a message for the user, and a contact to save (a check-in logs contact)."""

    message: str
    contact: Contact | None = None


def is_recurring(followup: FollowUp) -> bool:
    """The live keep-in-touch check-in (its done records carry ``@date`` in their key)."""
    return followup.kind is FollowUpKind.CHECK_IN and "@" not in followup.rule_key


def apply(
    meeting: Meeting,
    followup_id: str,
    action: FollowUpAction | str,
    *,
    contact: Contact | None,
    now: datetime,
    rules: FollowUpRules,
    name_of: NameOf = lambda _id: None,
) -> Applied:
    """Done / undo / snooze one follow-up of ``meeting``: the one rule every screen uses.

    Done on a check-in logs contact with ``contact`` (pass a copy: it is changed and
    returned to be saved) and schedules the next one; snoozing again adds to the snooze.
    Raises LookupError if the meeting has no such follow-up.
    """
    action = FollowUpAction(action)
    followup = next((f for f in meeting.followups if f.id == followup_id), None)
    if followup is None:
        raise LookupError(f"no follow-up {followup_id} in meeting {meeting.id}")
    title = followup.display_title(name_of)
    if action is FollowUpAction.UNDO:
        mark_undone(followup)
        return Applied(f"Not done: {title}")
    if action is FollowUpAction.SNOOZE:
        if followup.done:
            return Applied(f"Already done: {title}")
        snooze(followup, now.date(), rules.snooze_days)
        until = followup.effective_due()
        return Applied(f"Snoozed until {until:%a %b} {until.day}: {title}")
    if followup.done:
        return Applied(f"Already done: {title}")
    if is_recurring(followup) and contact is not None:
        record, live = complete_checkin(followup, contact, now, rules)
        meeting.followups.append(record)
        return Applied(f"Check-in logged; next one {live.due:%a %b} {live.due.day}.", contact=contact)
    mark_done(followup, now)
    return Applied(f"Done: {title}")


def is_due(followup: FollowUp, today: date) -> bool:
    return not followup.done and followup.effective_due() <= today


COMING_DAYS = 7  # Home lists what is due today and overdue, then what comes in the next week


def is_coming(followup: FollowUp, today: date, days: int = COMING_DAYS) -> bool:
    """Open and due by ``today + days``: what Home's follow-up list shows (overdue and today first)."""
    return not followup.done and followup.effective_due() <= today + timedelta(days=days)


def order_key(f: FollowUp) -> tuple[bool, date, str]:
    """Open ones first by date, then the done ones (every list of follow-ups sorts by this)."""
    return f.done, f.effective_due(), f.title.casefold()


def sort_followups(followups: Iterable[FollowUp]) -> list[FollowUp]:
    return sorted(followups, key=order_key)
