"""Open asks across meetings: what someone said "later" to, or promised and has not yet done.

An ask is *open* when its outcome is "later" (any ask but the thank-you), or "yes" to an
ask that promises something still to happen — an introduction, resume feedback, a
name at an organization — and the follow-up that tracks it is not done.

Every ask is tracked by one follow-up in its meeting, so that "done" is stored the one
way follow-ups are: through :func:`netbook.domain.followups.apply`. A promised introduction is
tracked by the meeting's ``nudge_intro`` follow-up for that person when there is one;
any other ask by a follow-up of its own (``ask:<meeting>:<ask id>``, made when it is
logged done, kept by every later regeneration as a custom follow-up). Pure core.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from netbook.domain.closing_checklist import ASK_LABELS
from netbook.domain.followups import Applied, FollowUpAction, apply
from netbook.domain.models import (
    Ask,
    AskKind,
    AskOutcome,
    FollowUp,
    FollowUpKind,
    Meeting,
    MentionKind,
    NameOf,
    TitlePart,
    render_title,
)
from netbook.storage.config import FollowUpRules

# "yes" to these is a promise that something will still happen
PROMISES = frozenset({AskKind.INTRODUCE, AskKind.RESUME_FEEDBACK, AskKind.SOMEONE_AT_ORG})
ASK_RULE = "ask"


def ask_rule_key(meeting: Meeting, ask: Ask) -> str:
    return f"{ASK_RULE}:{meeting.id}:{ask.id}"


def is_pending(ask: Ask) -> bool:
    """"later", or "yes" to a promise (whether it has been done is the follow-up's to say)."""
    if ask.outcome is AskOutcome.LATER:
        return ask.kind is not AskKind.THANK_YOU
    return ask.outcome is AskOutcome.YES and ask.kind in PROMISES


def tracking_followup(meeting: Meeting, ask: Ask) -> FollowUp | None:
    """The follow-up whose done state is this ask's (None until one exists)."""
    keys = [ask_rule_key(meeting, ask)]
    if ask.kind is AskKind.INTRODUCE and ask.outcome is AskOutcome.YES and ask.subject:
        keys.insert(0, f"nudge_intro:{meeting.id}:{ask.subject}")
    for key in keys:
        found = next((f for f in meeting.followups if f.rule_key == key), None)
        if found is not None:
            return found
    return None


def is_open(meeting: Meeting, ask: Ask) -> bool:
    if not is_pending(ask):
        return False
    followup = tracking_followup(meeting, ask)
    return followup is None or not followup.done


def subject_name(meeting: Meeting, ask: Ask) -> str:
    """The person or organization an ask is about, as typed in the notes ("" for standing asks)."""
    if not ask.subject:
        return ""
    kind = MentionKind.ORGANIZATION if ask.kind is AskKind.SOMEONE_AT_ORG else MentionKind.PERSON
    mention = next((m for m in meeting.mentions if m.key == ask.subject and m.kind is kind), None)
    mention = mention or next((m for m in meeting.mentions if m.key == ask.subject), None)
    return mention.name if mention else ask.subject


def ask_label(meeting: Meeting, ask: Ask) -> str:
    """"would you introduce me? — Susan Smith": what was asked, and about whom."""
    about = subject_name(meeting, ask)
    return f"{ASK_LABELS[ask.kind]} — {about}" if about else ASK_LABELS[ask.kind]


@dataclass(frozen=True)
class OpenAsk:
    """One open ask, with what a list row shows."""

    meeting_id: str
    ask_id: str
    contact_id: str  # the person who was asked (the meeting's contact)
    when: datetime | None
    label: str
    outcome: AskOutcome
    detail: str  # the typed answer, or the note line it came from


def open_asks_in(meeting: Meeting) -> list[OpenAsk]:
    return [
        OpenAsk(meeting.id, ask.id, meeting.contact_id, meeting.when(), ask_label(meeting, ask), ask.outcome,
                ask.answer or ask.quote)
        for ask in meeting.asks if is_open(meeting, ask)
    ]


@dataclass(frozen=True)
class PersonAsks:
    contact_id: str
    name: str
    asks: list[OpenAsk]


def group_by_person(asks: Iterable[OpenAsk], name_of: NameOf) -> list[PersonAsks]:
    """Open asks per person asked, people by name; each person's asks oldest meeting first."""
    groups: dict[str, list[OpenAsk]] = {}
    for ask in asks:
        groups.setdefault(ask.contact_id, []).append(ask)
    out = [PersonAsks(cid, name_of(cid) or "(unknown contact)",
                      sorted(items, key=lambda a: (a.when or datetime.min, a.meeting_id)))
           for cid, items in groups.items()]
    return sorted(out, key=lambda p: (p.name.casefold(), p.contact_id))


def collect_open_asks(meetings: Iterable[Meeting], name_of: NameOf) -> list[PersonAsks]:
    return group_by_person((a for m in meetings for a in open_asks_in(m)), name_of)


def _ask_followup(meeting: Meeting, ask: Ask, now: datetime, name_of: NameOf) -> FollowUp:
    """The follow-up of its own that tracks an ask without one (a custom follow-up: regeneration keeps it)."""
    parts = [TitlePart(text=ASK_LABELS[ask.kind].rstrip("?").capitalize())]
    about = subject_name(meeting, ask)
    if about:
        parts.append(TitlePart(text=f" ({about})"))
    parts += [TitlePart(text=" — asked "), TitlePart(text=name_of(meeting.contact_id) or "", contact_id=meeting.contact_id)]
    return FollowUp(kind=FollowUpKind.CUSTOM, title=render_title(parts, name_of), title_parts=parts,
                    due=now.date(), contact_id=meeting.contact_id, meeting_id=meeting.id,
                    rule_key=ask_rule_key(meeting, ask))


def log_done(
    meeting: Meeting, ask_id: str, *, now: datetime, rules: FollowUpRules, name_of: NameOf = lambda _id: None
) -> Applied:
    """Log an open ask done: its tracking follow-up (made if need be) is marked done by the one rule.

    Raises LookupError if the meeting has no such ask.
    """
    ask = next((a for a in meeting.asks if a.id == ask_id), None)
    if ask is None:
        raise LookupError(f"no ask {ask_id} in meeting {meeting.id}")
    followup = tracking_followup(meeting, ask)
    if followup is None:
        followup = _ask_followup(meeting, ask, now, name_of)
        meeting.followups.append(followup)
    return apply(meeting, followup.id, FollowUpAction.DONE, contact=None, now=now, rules=rules, name_of=name_of)
