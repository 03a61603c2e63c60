"""Drafted messages after a meeting (thank-you, first message to each lead, LinkedIn notes).

Plain text built from the user's own words: names, answers, note lines and organizations
are copied exactly as typed (never interpreted as markup). The rules:

- the thank-you names one or two specifics: the note lines the user marked
  (:mod:`netbook.domain.note_marks`), else the answers to the questions asked — never the typed
  answers to the closing asks;
- a first message to a lead says who suggested them (only when the contact said the
  name may be used), why (the note line where the lead came up) and what you'd like to
  learn; "I'm not asking for a job" is left out when the notes say they are hiring
  (:mod:`netbook.domain.hiring`);
- a LinkedIn message has no subject and fits LinkedIn's connection note
  (:data:`LINKEDIN_LIMIT` characters);
- every draft signs with the user's profile (:class:`netbook.storage.config.Profile`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from netbook.domain.closing_checklist import LeadInfo, ask_for, first_name, leads
from netbook.storage.config import Profile
from netbook.domain.hiring import notes_say_hiring
from netbook.domain.followups import mark_done
from netbook.domain.models import AskKind, AskOutcome, Channel, Contact, FollowUp, Meeting, MeetingStatus, MentionKind
from netbook.domain.note_marks import marked_lines, strip_mark
from netbook.storage.store import Store

LINKEDIN_LIMIT = 300  # characters in a LinkedIn connection note
SPECIFICS = 2  # the thank-you names at most this many
QUOTE_CHARS = 160  # a quoted note line is cut (at a word) to this length
NO_JOB_LINE = "I'm not asking for a job, just for your perspective."


@dataclass(frozen=True)
class Draft:
    key: str  # stable: "thank_you", "lead:<mention key>" or "linkedin:<mention key>"
    title: str  # shown in the summary, not sent
    to: str
    subject: str  # empty for a LinkedIn message
    body: str
    contact_id: str | None = None  # whom sending it is contact with (logged when marked sent)
    sent_at: datetime | None = None

    def text(self) -> str:
        """What goes to the clipboard: subject line then the body."""
        return (f"Subject: {self.subject}\n\n" if self.subject else "") + self.body

    @property
    def mention_key(self) -> str | None:
        """The lead's mention key for a lead's draft."""
        kind, _, key = self.key.partition(":")
        return key if kind in ("lead", "linkedin") and key else None


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters ("…" marks the cut)."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-—") + "…"


def _person(info: LeadInfo) -> str:
    return f"{info.mention.name} at {info.organization}" if info.organization else info.mention.name


def sign_off(profile: Profile, closing: str = "Best regards,") -> list[str]:
    """The signature: the profile's sign-off (or ``closing``), then name, e-mail and LinkedIn."""
    own = profile.signature.strip("\n")
    lines = own.splitlines() if own.strip() else [closing]
    for part in (profile.name, profile.email, profile.linkedin):
        part = _one_line(part)
        if part and part not in own:
            lines.append(part)
    return lines


def specifics(meeting: Meeting) -> list[str]:
    """One or two things they said: the marked note lines, else the answers to the questions asked."""
    found = marked_lines(meeting.notes)
    if not found:
        found = [_one_line(q.answer) for q in meeting.questions if q.answer.strip()]
    return [clip(s, QUOTE_CHARS) for s in found[:SPECIFICS]]


def thank_you_draft(meeting: Meeting, contact: Contact, suggested: list[LeadInfo], profile: Profile | None = None) -> Draft:
    """A thank-you that names specifics: what they said, the people and places they suggested."""
    first = first_name(contact.name)
    when = meeting.when()
    on = f" on {when:%A}" if when else ""
    lines = [f"Dear {first},", "", f"Thank you for taking the time to meet with me{on}."]
    said = specifics(meeting)
    if said:
        lines.append("Two things you said will stay with me:" if len(said) > 1 else "One thing you said will stay with me:")
        lines += [f"- {s}" for s in said]
    else:
        lines.append("Your advice and perspective were really helpful.")
    lines.append("")
    if suggested:
        names = _join([_person(i) for i in suggested])
        lines.append(f"Thank you also for suggesting I talk to {names}. I will reach out soon.")
        intros = [i.mention.name for i in suggested if i.intro_promised]
        if intros:
            lines.append(f"And thank you for offering to introduce me to {_join(intros)}.")
    orgs = {m.key: m.name for m in meeting.mentions if m.kind is MentionKind.ORGANIZATION}
    pointers = [
        orgs[a.subject]
        for a in meeting.asks
        if a.kind is AskKind.SOMEONE_AT_ORG and a.outcome is AskOutcome.YES and a.subject in orgs
    ]
    if pointers:
        lines.append(f"I appreciated the pointer to someone at {_join(pointers)}.")
    resume = ask_for(meeting.asks, AskKind.RESUME_FEEDBACK, None)
    if resume and resume.outcome is AskOutcome.YES:
        lines.append("As you kindly offered, I will send you my resume for a look.")
    if suggested or pointers or (resume and resume.outcome is AskOutcome.YES):
        lines.append("")
    lines += ["I'll keep you posted on how things go.", "", *sign_off(profile or Profile())]
    return Draft(
        key="thank_you",
        title=f"Thank-you to {contact.name}",
        to=contact.name,
        subject="Thank you for your time",
        body="\n".join(lines),
        contact_id=contact.id,
    )


# --------------------------------------------------------------------------- leads


def referral_quote(info: LeadInfo, referrer: Contact) -> str:
    """The note line where the lead came up, marks stripped — or "" if it would name the
    referrer without permission (or there is none)."""
    quote = _one_line(strip_mark(info.mention.quote))
    if not quote:
        return ""
    if info.may_use_name is not True:
        folded = quote.casefold()
        names = {referrer.name, first_name(referrer.name), *referrer.aliases}
        if any(n.strip() and n.casefold() in folded for n in names):
            return ""
    return quote


def lead_is_hiring(info: LeadInfo, notes: str) -> bool:
    names = [info.mention.name, *info.mention.aliases, info.organization or ""]
    return notes_say_hiring(notes, names, [info.mention.quote, *info.answers])


def _learn(info: LeadInfo) -> str:
    where = f" at {info.organization}" if info.organization else ""
    return f"I'd like to learn how you got into your work{where} and what you'd advise someone in my position."


def lead_draft(info: LeadInfo, referrer: Contact, profile: Profile | None = None, notes: str = "") -> Draft:
    """A first message to a lead: who suggested them (with permission), why, what you'd like to learn."""
    profile = profile or Profile()
    m = info.mention
    named = info.may_use_name is True
    quote = referral_quote(info, referrer)
    lines = [f"Dear {first_name(m.name)},", ""]
    if named:
        lines.append(f"{referrer.name} suggested I get in touch with you.")
    else:
        where = f" at {info.organization}" if info.organization else ""
        lines.append(f"I'm reaching out because I'd value your perspective on your work{where}.")
    if quote:
        said = f"{first_name(referrer.name)} mentioned you when we talked" if named else "Your name came up in a conversation"
        lines.append(f"{said}: “{clip(quote, QUOTE_CHARS)}”")
    lines.append("")
    pitch = _one_line(profile.pitch).rstrip(" .")
    lines.append(f"A little about me: {pitch}." if pitch else
                 "I'm exploring my next career step and am talking with people in the field for advice.")
    lines.append(_learn(info))
    if not lead_is_hiring(info, notes):
        lines.append(NO_JOB_LINE)
    lines += [
        "",
        "Would you have 20 minutes for a short call or a coffee in the next couple of weeks?",
        "",
        *sign_off(profile, "Thank you, and best regards,"),
    ]
    how = {
        Channel.CALL: "What to say when you call",
        Channel.LINKEDIN: "LinkedIn message to",
        Channel.EMAIL: "First e-mail to",
        None: "First message to",
    }[info.channel]
    title = f"{how} {m.name}"
    if info.intro_promised:
        title += " (after the introduction)"
    subject = f"{referrer.name} suggested I contact you" if named else "Asking for your advice"
    return Draft(key=f"lead:{m.key}", title=title, to=m.name, subject=subject, body="\n".join(lines),
                 contact_id=m.contact_id)


def _fit(parts: list[tuple[str, str]], limit: int) -> str:
    """Join (name, text) parts; drop the optional ones (named "?...") from the end until it fits, then clip."""
    while True:
        text = "".join(t for _, t in parts)
        if len(text) <= limit:
            return text
        optional = [i for i, (name, _) in enumerate(parts) if name.startswith("?")]
        if not optional:
            return clip(text, limit)
        del parts[optional[-1]]


def linkedin_note(info: LeadInfo, referrer: Contact, profile: Profile | None = None, notes: str = "") -> Draft:
    """A LinkedIn connection note: no subject, at most :data:`LINKEDIN_LIMIT` characters.

    What matters most stays: the greeting, who suggested them (with permission), what
    you'd like to learn, your name; the quote is shortened first, then the pitch and the
    no-job line go.
    """
    profile = profile or Profile()
    m = info.mention
    named = info.may_use_name is True
    where = f" at {info.organization}" if info.organization else ""
    who = f" {_one_line(referrer.name)} suggested we connect" if named else f" I'd value your perspective on your work{where}"
    me = _one_line(profile.name)
    parts = [
        ("greet", f"Hi {_one_line(first_name(m.name))},"),
        ("who", who),
        ("?quote", ""),
        ("dot", "."),
        ("?pitch", f" {_one_line(profile.pitch).rstrip(' .')}." if profile.pitch.strip(" .") else ""),
        ("learn", f" I'd love to learn about your work{where} and hear your advice."),
        ("?nojob", "" if lead_is_hiring(info, notes) else " Not asking for a job, just advice."),
        ("sign", f" Thanks! {me}" if me else " Thanks!"),
    ]
    quote = referral_quote(info, referrer)
    if quote:
        room = LINKEDIN_LIMIT - len("".join(t for _, t in parts)) - len(" (“”)")
        if room >= 20:
            parts[2] = ("?quote", f" (“{clip(quote, room)}”)")  # "… suggested we connect (“…”)."
    body = _fit([p for p in parts if p[1]], LINKEDIN_LIMIT)
    return Draft(key=f"linkedin:{m.key}", title=f"LinkedIn note to {m.name}", to=m.name, subject="", body=body,
                 contact_id=m.contact_id)


def lead_drafts(info: LeadInfo, referrer: Contact, profile: Profile | None, notes: str) -> list[Draft]:
    """A lead's drafts: the LinkedIn note alone if that is the channel; a message (plus a LinkedIn
    variant when no channel was settled) otherwise."""
    if info.channel is Channel.LINKEDIN:
        note = linkedin_note(info, referrer, profile, notes)
        title = note.title + (" (after the introduction)" if info.intro_promised else "")
        return [replace(note, title=title)]
    drafts = [lead_draft(info, referrer, profile, notes)]
    if info.channel is None:
        drafts.append(linkedin_note(info, referrer, profile, notes))
    return drafts


# --------------------------------------------------------------------------- the meeting's drafts


def meeting_drafts(meeting: Meeting, contact: Contact, profile: Profile | None = None) -> list[Draft]:
    """All drafts for a meeting: the thank-you, then each lead's; sent ones carry when."""
    found = leads(meeting, contact.name)
    drafts = [thank_you_draft(meeting, contact, found, profile)]
    for info in found:
        drafts += lead_drafts(info, contact, profile, meeting.notes)
    return [replace(d, sent_at=meeting.drafts_sent.get(d.key)) for d in drafts]


def drafts_for_store(store: Store, meeting: Meeting, profile: Profile | None = None) -> list[Draft]:
    contact = store.get_contact(meeting.contact_id) or Contact(id=meeting.contact_id, name="(unknown contact)")
    return meeting_drafts(meeting, contact, profile)


def drafts_for_export(store: Store, meeting: Meeting, profile: Profile | None = None) -> list[tuple[str, str]]:
    """(title, body) pairs for the Markdown export (none for a meeting not yet held)."""
    if meeting.status is MeetingStatus.PLANNED:
        return []
    return [(d.title, d.text()) for d in drafts_for_store(store, meeting, profile)]


# --------------------------------------------------------------------------- marking one sent


def followup_keys_done_by(meeting: Meeting, draft: Draft) -> set[str]:
    """The follow-ups sending ``draft`` takes care of (their rule keys)."""
    if draft.key == "thank_you":
        return {f"thank_you:{meeting.id}"}
    key = draft.mention_key
    return {f"contact_lead:{meeting.id}:{key}"} if key else set()


def mark_sent(meeting: Meeting, draft: Draft, now: datetime) -> list[FollowUp]:
    """Record that ``draft`` was sent and mark done the follow-ups it takes care of (returned).

    Sending it again changes nothing (the first time is kept). The caller logs the contact.
    """
    meeting.drafts_sent.setdefault(draft.key, now)
    keys = followup_keys_done_by(meeting, draft)
    done = [f for f in meeting.followups if f.rule_key in keys and not f.done]
    for f in done:
        mark_done(f, now)
    return done
