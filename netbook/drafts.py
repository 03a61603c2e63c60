"""Drafted e-mails after a meeting (thank-you, first message to each lead).

Plain text built from the user's own words: names, answers and organizations are
copied exactly as typed (never interpreted as markup). A first message to a lead names
the person who suggested them only when the contact said the name may be used.
"""

from __future__ import annotations

from dataclasses import dataclass

from netbook.checklist import LeadInfo, ask_for, first_name, leads
from netbook.models import AskKind, AskOutcome, Channel, Contact, Meeting, MeetingStatus, MentionKind
from netbook.store import Store


@dataclass(frozen=True)
class Draft:
    key: str  # stable: "thank_you" or "lead:<mention key>"
    title: str  # shown in the summary, not sent
    to: str
    subject: str
    body: str

    def text(self) -> str:
        """What goes to the clipboard: subject line then the body."""
        return (f"Subject: {self.subject}\n\n" if self.subject else "") + self.body


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _person(info: LeadInfo) -> str:
    return f"{info.mention.name} at {info.organization}" if info.organization else info.mention.name


def thank_you_draft(meeting: Meeting, contact: Contact, suggested: list[LeadInfo]) -> Draft:
    """A thank-you that names specifics: their advice, the people and places they suggested."""
    first = first_name(contact.name)
    when = meeting.when()
    on = f" on {when:%A}" if when else ""
    lines = [f"Dear {first},", "", f"Thank you for taking the time to meet with me{on}."]
    advice = [_one_line(q.answer) for q in meeting.questions if q.answer.strip()]
    advice += [
        _one_line(a.answer)
        for a in meeting.asks
        if a.answer.strip() and a.kind in (AskKind.ORGANIZATIONS_TO_JOIN, AskKind.RESUME_FEEDBACK)
    ]
    if advice:
        lines.append("I especially appreciated your advice:")
        lines += [f"- {a}" for a in advice[:5]]
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
    lines += ["I'll keep you posted on how things go.", "", "Best regards,", ""]
    return Draft(
        key="thank_you",
        title=f"Thank-you to {contact.name}",
        to=contact.name,
        subject="Thank you for your time",
        body="\n".join(lines),
    )


def lead_draft(info: LeadInfo, referrer: Contact) -> Draft:
    """A first message to a lead; says who suggested them only with permission."""
    m = info.mention
    first = first_name(m.name)
    named = info.may_use_name is True
    lines = [f"Dear {first},", ""]
    if named:
        lines.append(f"{referrer.name} suggested I get in touch with you.")
    else:
        where = f" at {info.organization}" if info.organization else ""
        lines.append(f"I'm reaching out because I'd value your perspective on your work{where}.")
    lines += [
        "I'm exploring my next career step and am talking with people in the field for advice —",
        "I'm not asking for a job, just for your perspective.",
        "",
        "Would you have 20 minutes for a short call or a coffee in the next couple of weeks?",
        "",
        "Thank you, and best regards,",
        "",
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
    return Draft(key=f"lead:{m.key}", title=title, to=m.name, subject=subject, body="\n".join(lines))


def meeting_drafts(meeting: Meeting, contact: Contact) -> list[Draft]:
    """All drafts for a meeting: the thank-you, then one per lead."""
    found = leads(meeting, contact.name)
    return [thank_you_draft(meeting, contact, found), *(lead_draft(i, contact) for i in found)]


def drafts_for_store(store: Store, meeting: Meeting) -> list[Draft]:
    contact = store.get_contact(meeting.contact_id) or Contact(id=meeting.contact_id, name="(unknown contact)")
    return meeting_drafts(meeting, contact)


def drafts_for_export(store: Store, meeting: Meeting) -> list[tuple[str, str]]:
    """(title, body) pairs for the Markdown export (none for a meeting not yet held)."""
    if meeting.status is MeetingStatus.PLANNED:
        return []
    return [(d.title, d.text()) for d in drafts_for_store(store, meeting)]
