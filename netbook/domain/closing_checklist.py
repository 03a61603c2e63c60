"""The closing checklist: what to ask before the meeting ends, built from the meeting itself.

:func:`build_checklist` is pure. It reads the meeting's mentions, their links and the
status of its questions, and returns the asks in the order to say them:

- per **confirmed** person mentioned (never the person you are meeting): would they be a
  good person to talk to; call, e-mail or LinkedIn; may I use your name; would you send
  an introduction — each quoting the note line where the person came up;
- per **confirmed** organization with no confirmed person linked to it: is there someone
  there you'd recommend;
- the standing asks (resume feedback, organizations to join, anyone else, stay in touch)
  unless an ASKED question whose bank entry ``covers`` them took care of it, and thank them.

SUGGESTED mentions (the detector's guesses) get **no** asks: a guess is not a name the
user vouched for, and asking "would X be a good person to talk to?" about a misread
word is worse than useless. :func:`suggested_mentions` lists them so the closing screen
can show them and let the user confirm one with a key; confirming adds its asks on the
next build.

Merging with ``existing`` keeps each ask's id, status, outcome, answer and structured
fields, matched by ``(kind, subject)`` (subject = the mention key, or ``None`` for the
standing asks); the wording and quote are refreshed. Re-running it as more names are
tagged, or after a reopen, never duplicates an ask. An existing ask the new build no
longer produces (its name was untagged, or a question now covers it) is dropped only if
the user never touched it; anything recorded is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netbook.domain.models import (
    Ask,
    AskKind,
    AskOutcome,
    AskStatus,
    Channel,
    Meeting,
    Mention,
    MentionKind,
    MentionStatus,
    QuestionStatus,
    first_name,
    normalise_key,
)
from netbook.domain.question_bank import QuestionBank, shipped_bank

PERSON_KINDS = (AskKind.GOOD_PERSON, AskKind.CHANNEL, AskKind.USE_NAME, AskKind.INTRODUCE)

# standing ask -> the `covers` tag of questions that take care of it
STANDING: tuple[tuple[AskKind, str | None, str], ...] = (
    (AskKind.RESUME_FEEDBACK, "resume-feedback", "Would you be willing to look over my resume and give me feedback?"),
    (
        AskKind.ORGANIZATIONS_TO_JOIN,
        "organizations-to-join",
        "Are there organizations or associations you'd recommend I join?",
    ),
    (AskKind.ANYONE_ELSE, "anyone-else", "Is there anyone else you think I should talk to?"),
    (AskKind.STAY_IN_TOUCH, "stay-in-touch", "I'd like to stay in touch and keep you posted on how it goes."),
    (AskKind.THANK_YOU, None, "Thank you so much for your time and advice today."),
)

CHANNEL_LABELS = {Channel.CALL: "call", Channel.EMAIL: "e-mail", Channel.LINKEDIN: "LinkedIn"}

ASK_LABELS = {
    AskKind.GOOD_PERSON: "good person to talk to?",
    AskKind.CHANNEL: "call or e-mail?",
    AskKind.USE_NAME: "may I use your name?",
    AskKind.INTRODUCE: "would you introduce me?",
    AskKind.SOMEONE_AT_ORG: "someone there to contact?",
    AskKind.RESUME_FEEDBACK: "resume feedback",
    AskKind.ORGANIZATIONS_TO_JOIN: "organizations to join",
    AskKind.ANYONE_ELSE: "anyone else to talk to?",
    AskKind.STAY_IN_TOUCH: "stay in touch",
    AskKind.THANK_YOU: "thank them",
}


def is_contact_mention(mention: Mention, meeting: Meeting, contact_name: str | None) -> bool:
    """True when the mention is the person you are meeting (they mentioned themselves)."""
    if mention.kind is not MentionKind.PERSON:
        return False
    if mention.contact_id and mention.contact_id == meeting.contact_id:
        return True
    if not contact_name:
        return False
    key = normalise_key(contact_name)
    return key == mention.key or any(normalise_key(a) == key for a in mention.aliases)


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per (kind, key), in order of first appearance in the notes."""
    seen: dict[tuple[MentionKind, str], Mention] = {}
    for m in mentions:
        seen.setdefault((m.kind, m.key), m)
    order = list(seen.values())
    big = 1 << 60
    return sorted(order, key=lambda m: m.first_line if m.first_line is not None else big)


def confirmed_people(meeting: Meeting, contact_name: str | None = None) -> list[Mention]:
    return [
        m
        for m in _unique(meeting.mentions)
        if m.kind is MentionKind.PERSON
        and m.status is MentionStatus.CONFIRMED
        and not is_contact_mention(m, meeting, contact_name)
    ]


def suggested_mentions(meeting: Meeting, contact_name: str | None = None) -> list[Mention]:
    """Detector suggestions awaiting confirmation (they get no asks until confirmed)."""
    return [
        m
        for m in _unique(meeting.mentions)
        if m.status is MentionStatus.SUGGESTED and not is_contact_mention(m, meeting, contact_name)
    ]


def organization_names(meeting: Meeting) -> dict[str, str]:
    """Organization mention key -> its name as typed."""
    return {m.key: m.name for m in meeting.mentions if m.kind is MentionKind.ORGANIZATION}


def covered_standing(meeting: Meeting, bank: QuestionBank | None = None) -> set[str]:
    """The ``covers`` tags of the questions asked in this meeting."""
    bank = bank or shipped_bank()
    covered: set[str] = set()
    for q in meeting.questions:
        if q.status is QuestionStatus.ASKED and q.question_id:
            entry = bank.by_id(q.question_id)
            if entry:
                covered.update(entry.covers)
    return covered


def _person_asks(m: Mention, org_name: str | None) -> list[Ask]:
    first = first_name(m.name)
    where = f"{m.name} at {org_name}" if org_name else m.name
    texts = {
        AskKind.GOOD_PERSON: f"You mentioned {where} — would {first} be a good person for me to talk to?",
        AskKind.CHANNEL: f"Should I call {first}, e-mail, or reach out on LinkedIn?",
        AskKind.USE_NAME: f"May I use your name when I contact {first}?",
        AskKind.INTRODUCE: f"Would you be willing to send {first} a short introduction on my behalf?",
    }
    return [Ask(kind=kind, subject=m.key, text=texts[kind], quote=m.quote) for kind in PERSON_KINDS]


def _org_ask(m: Mention) -> Ask:
    return Ask(
        kind=AskKind.SOMEONE_AT_ORG,
        subject=m.key,
        text=f"You mentioned {m.name} — is there someone there you'd recommend I contact?",
        quote=m.quote,
    )


def is_touched(ask: Ask) -> bool:
    """Has the user recorded anything on this ask?"""
    return (
        ask.status is not AskStatus.OPEN
        or ask.outcome is not AskOutcome.NONE
        or bool(ask.answer)
        or ask.channel is not None
        or ask.may_use_name is not None
        or ask.intro_promised is not None
        or ask.intro_by is not None
    )


def declined(asks: Iterable[Ask]) -> set[str]:
    """Subjects the contact said no to ("would X be a good person to talk to?" — no)."""
    return {a.subject for a in asks if a.kind is AskKind.GOOD_PERSON and a.outcome is AskOutcome.NO and a.subject}


def _generate(
    meeting: Meeting, contact_name: str | None, bank: QuestionBank | None, existing: Iterable[Ask] = ()
) -> list[Ask]:
    orgs = organization_names(meeting)
    people = confirmed_people(meeting, contact_name)
    staffed = {p.organization_key for p in people if p.organization_key}
    said_no = declined(existing)
    asks: list[Ask] = []
    for m in _unique(meeting.mentions):
        if m.status is not MentionStatus.CONFIRMED:
            continue
        if m.kind is MentionKind.PERSON:
            if is_contact_mention(m, meeting, contact_name):
                continue
            person = _person_asks(m, orgs.get(m.organization_key) if m.organization_key else None)
            if {m.key, *(normalise_key(a) for a in m.aliases)} & said_no:
                person = person[:1]  # no means no: how to reach them no longer matters
            asks += person
        elif m.key not in staffed:
            asks.append(_org_ask(m))
    covered = covered_standing(meeting, bank)
    for kind, tag, text in STANDING:
        if tag is None or tag not in covered:
            asks.append(Ask(kind=kind, subject=None, text=text))
    return asks


def build_checklist(
    meeting: Meeting,
    *,
    contact_name: str | None = None,
    existing: list[Ask] | None = None,
    bank: QuestionBank | None = None,
) -> list[Ask]:
    """The closing asks for ``meeting``, merged with ``existing`` (see the module docstring).

    ``contact_name`` is the person you are meeting, so that their own name in the notes
    never turns into "would Jane be a good person to talk to?". ``bank`` (default: the
    shipped bank) resolves which standing asks the asked questions cover.
    """
    existing = list(existing if existing is not None else meeting.asks)
    fresh = _generate(meeting, contact_name, bank, existing)
    # a mention whose key changed (e.g. "Sue" grew into "Susan Smith") keeps its asks
    alias_keys: dict[str, list[str]] = {}
    for m in meeting.mentions:
        alias_keys.setdefault(m.key, []).extend(normalise_key(a) for a in m.aliases)
    by_identity: dict[tuple[AskKind, str | None], Ask] = {}
    for ask in existing:
        by_identity.setdefault((ask.kind, ask.subject), ask)
    used: set[str] = set()
    result: list[Ask] = []
    for ask in fresh:
        old = by_identity.get((ask.kind, ask.subject))
        if (old is None or old.id in used) and ask.subject is not None:
            old = next(
                (
                    o
                    for alias in alias_keys.get(ask.subject, ())
                    if (o := by_identity.get((ask.kind, alias))) is not None and o.id not in used
                ),
                None,
            )
        if old is not None and old.id not in used:
            used.add(old.id)
            merged = old.model_copy(update={"text": ask.text, "quote": ask.quote, "subject": ask.subject})
            result.append(merged)
        else:
            result.append(ask)
    for ask in existing:  # nothing recorded is ever lost
        if ask.id not in used and is_touched(ask):
            used.add(ask.id)
            result.append(ask)
    return result


# --------------------------------------------------------------------------- reading the outcomes


def open_asks(asks: Iterable[Ask]) -> list[Ask]:
    return [a for a in asks if a.status is AskStatus.OPEN]


def ask_for(asks: Iterable[Ask], kind: AskKind, subject: str | None) -> Ask | None:
    return next((a for a in asks if a.kind is kind and a.subject == subject), None)


@dataclass(frozen=True)
class LeadInfo:
    """What the contact said about one person they mentioned."""

    mention: Mention
    organization: str | None  # organization name as typed
    good_person: AskOutcome
    channel: Channel | None
    may_use_name: bool | None
    intro_promised: bool | None
    intro_by: date | None
    answers: tuple[str, ...]

    @property
    def is_lead(self) -> bool:
        """A person you should now contact: the contact said yes, or offered an intro — never after a no."""
        if self.good_person is AskOutcome.NO:
            return False
        return self.good_person is AskOutcome.YES or bool(self.intro_promised)


def may_use_name(ask: Ask | None) -> bool | None:
    if ask is None:
        return None
    if ask.may_use_name is not None:
        return ask.may_use_name
    return {AskOutcome.YES: True, AskOutcome.NO: False}.get(ask.outcome)


def intro_promised(ask: Ask | None) -> bool | None:
    if ask is None:
        return None
    if ask.intro_promised is not None:
        return ask.intro_promised
    return {AskOutcome.YES: True, AskOutcome.NO: False}.get(ask.outcome)


def lead_info(meeting: Meeting, mention: Mention, asks: list[Ask] | None = None) -> LeadInfo:
    asks = meeting.asks if asks is None else asks
    by_kind = {k: ask_for(asks, k, mention.key) for k in PERSON_KINDS}
    good = by_kind[AskKind.GOOD_PERSON]
    channel_ask = by_kind[AskKind.CHANNEL]
    intro = by_kind[AskKind.INTRODUCE]
    orgs = organization_names(meeting)
    return LeadInfo(
        mention=mention,
        organization=orgs.get(mention.organization_key) if mention.organization_key else None,
        good_person=good.outcome if good else AskOutcome.NONE,
        channel=channel_ask.channel if channel_ask else None,
        may_use_name=may_use_name(by_kind[AskKind.USE_NAME]),
        intro_promised=intro_promised(intro),
        intro_by=intro.intro_by if intro else None,
        answers=tuple(a.answer for a in by_kind.values() if a is not None and a.answer),
    )


def people_outcomes(meeting: Meeting, contact_name: str | None = None) -> list[LeadInfo]:
    """Every confirmed person mentioned (not the contact) with the outcome of their asks."""
    return [lead_info(meeting, m) for m in confirmed_people(meeting, contact_name)]


def leads(meeting: Meeting, contact_name: str | None = None) -> list[LeadInfo]:
    return [info for info in people_outcomes(meeting, contact_name) if info.is_lead]


# --------------------------------------------------------------------------- editing one ask


def mark_asked(ask: Ask, asked: bool = True) -> Ask:
    ask.status = AskStatus.ASKED if asked else AskStatus.OPEN
    return ask


def record_outcome(ask: Ask, outcome: AskOutcome) -> Ask:
    """yes / no / later (recording one marks the ask asked); the same outcome again clears it."""
    if ask.outcome is outcome:
        ask.outcome = AskOutcome.NONE
    else:
        ask.outcome = outcome
        ask.status = AskStatus.ASKED
    if ask.kind is AskKind.USE_NAME and ask.outcome in (AskOutcome.YES, AskOutcome.NO):
        ask.may_use_name = ask.outcome is AskOutcome.YES
    if ask.kind is AskKind.INTRODUCE and ask.outcome in (AskOutcome.YES, AskOutcome.NO):
        ask.intro_promised = ask.outcome is AskOutcome.YES
    return ask


CHANNEL_CYCLE: tuple[Channel | None, ...] = (Channel.CALL, Channel.EMAIL, Channel.LINKEDIN, None)


def next_channel(current: Channel | None) -> Channel | None:
    return CHANNEL_CYCLE[(CHANNEL_CYCLE.index(current) + 1) % len(CHANNEL_CYCLE)]


def cycle_tristate(value: bool | None) -> bool | None:
    """None -> yes -> no -> None."""
    return {None: True, True: False, False: None}[value]


def describe_ask(ask: Ask) -> str:
    """A one-line record of what was said: "yes · e-mail · may use name · intro by 2026-03-13 · answer"."""
    parts: list[str] = []
    if ask.outcome is not AskOutcome.NONE:
        parts.append(ask.outcome.value)
    if ask.channel is not None:
        parts.append(CHANNEL_LABELS[ask.channel])
    implied = {AskOutcome.YES: True, AskOutcome.NO: False}.get(ask.outcome)
    if ask.may_use_name is not None and not (ask.kind is AskKind.USE_NAME and ask.may_use_name == implied):
        parts.append("may use name" if ask.may_use_name else "don't use name")
    if ask.intro_promised is not None:
        if ask.intro_promised and ask.intro_by:
            parts.append(f"intro by {ask.intro_by:%Y-%m-%d}")
        elif not (ask.kind is AskKind.INTRODUCE and ask.intro_promised == implied):
            parts.append("intro promised" if ask.intro_promised else "no intro")
    if ask.answer:
        parts.append(ask.answer)
    if not parts and ask.status is AskStatus.ASKED:
        parts.append("asked")
    return " · ".join(parts)


def set_channel(ask: Ask, channel: Channel | None) -> Ask:
    """Preferred channel; recording one means the ask was asked."""
    ask.channel = channel
    if channel is not None:
        ask.status = AskStatus.ASKED
    return ask


def set_may_use_name(ask: Ask, value: bool | None) -> Ask:
    ask.may_use_name = value
    if value is not None:
        ask.status = AskStatus.ASKED
        if ask.kind is AskKind.USE_NAME:
            ask.outcome = AskOutcome.YES if value else AskOutcome.NO
    return ask


def set_intro(ask: Ask, promised: bool | None, by: date | None = None) -> Ask:
    ask.intro_promised = promised
    ask.intro_by = by if promised else None
    if promised is not None:
        ask.status = AskStatus.ASKED
        if ask.kind is AskKind.INTRODUCE:
            ask.outcome = AskOutcome.YES if promised else AskOutcome.NO
    return ask


def open_asks_count(meeting: Meeting, contact_name: str | None = None) -> int:
    """Asks still open: the stored checklist's, or (none stored yet) what the checklist would ask now."""
    asks = meeting.asks or build_checklist(meeting.model_copy(update={"notes": ""}), contact_name=contact_name)
    return sum(1 for a in asks if a.status is AskStatus.OPEN)
