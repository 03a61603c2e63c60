"""Sample data for ``netbook demo`` and the benchmarks: a lived-in notebook in seconds.

Everything is derived from one :class:`random.Random` seeded by ``seed`` and from ``now``,
so the same arguments always give the same data (snapshots and benchmarks rely on it).
The demo dir is marked with a ``.netbook-demo`` file; :func:`generate_demo` refuses to
overwrite a folder that holds netbook data without that mark.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

import platformdirs

from netbook.domain.meeting_lifecycle import meeting_questions
from netbook.domain.models import (
    Ask,
    AskKind,
    AskOutcome,
    AskStatus,
    Channel,
    Contact,
    FollowUp,
    FollowUpKind,
    LeadStatus,
    Meeting,
    MeetingQuestion,
    MeetingStatus,
    Mention,
    MentionKind,
    MentionStatus,
    Organization,
    QuestionStatus,
    normalise_key,
)
from netbook.domain.question_bank import shipped_bank
from netbook.storage.files import ensure_private_dir
from netbook.storage.paths import APP_NAME
from netbook.storage.store import Store

DEMO_MARK = ".netbook-demo"

FIRST_NAMES = (
    "Susan Maria James Priya Wei Ahmed Olivia Daniel Fatima Carlos Grace Noah Aisha Tom Elena Kenji "
    "Hannah Marcus Lucia Omar Rachel Diego Mei Samuel Chloe Ravi Natalie Jonah Amara Victor Zoë Ethan "
    "Siobhán Luis Ingrid Kwame Sofia Patrick Yuki Benjamin Leila Andre Claire Mateo Nadia Owen Rosa "
    "Hiroshi Emily Tariq Julia Felix Anjali Gabriel Irene Malik Camille Peter Dana José Laura Ibrahim "
    "Monica Arjun Teresa Kofi Alice Raymond Beatriz Sean Helen Dmitri Vanessa Lars Keiko Brian Esther"
).split()
LAST_NAMES = (
    "Smith Garcia Chen Patel Okafor Johnson Nguyen Kim Rossi Müller Cohen Silva Haddad Brown O'Neill "
    "Kowalski Tanaka Williams Martin Lopez Ahmed Park Andersson Dubois Mensah Rivera Schwartz Ivanova "
    "Jones Fischer Romero Hughes Nakamura Osei Moreau Gupta Reyes Bianchi Novak Walsh Sato Clarke "
    "Fernández Lindqvist Adeyemi Morgan Bauer Costa Yilmaz Davies Kaur Wright Jensen Ortiz Mbeki Hall "
    "Leclerc Sandoval Price Varga Hoffman Castillo Byrne Suzuki Bennett Abiodun Ferrari Stewart Ali"
).split()
ORG_STEMS = (
    "Northwind Harborview Bluewater Summit Cedar Riverside Meridian Lakeshore Granite Brightline Oakridge "
    "Evergreen Keystone Silverline Redwood Beacon Crescent Highland Pioneer Horizon Fairmont Ironbridge "
    "Westfield Maple Clearwater Copperleaf Stonegate Bayside Ashford Sterling"
).split()
ORG_KINDS = (
    "Health", "Analytics", "Bank", "Logistics", "Labs", "Consulting", "Insurance", "Energy", "Media",
    "Software", "Foundation", "Partners", "Financial", "Robotics", "Pharma", "Learning",
)
INSTITUTIONS = (
    "Montclair State University", "Career Services at Rutgers", "City Library Business Center",
    "Public Health Department", "Women in Data", "Product Managers Guild", "Regional Chamber of Commerce",
    "Association for Talent Development", "Data Science Meetup", "Nonprofit Leadership Alliance",
)
ASSOCIATIONS = (
    "Women in Data", "Product Managers Guild", "Association for Talent Development", "Data Science Meetup",
    "Nonprofit Leadership Alliance", "Regional Chamber of Commerce", "UX Collective", "Project Management Institute",
)
ROLES = (
    "Data Analyst", "Senior Product Manager", "Director of Operations", "UX Researcher", "Recruiter",
    "Engineering Manager", "Marketing Lead", "Financial Analyst", "Program Coordinator", "VP of Sales",
    "HR Business Partner", "Software Engineer", "Career Counselor", "Supply Chain Manager", "Policy Advisor",
    "Head of Customer Success", "Clinical Research Associate", "Controller", "Communications Director",
)
HOW_MET = (
    "alumni network", "LinkedIn", "former colleague", "conference", "neighbour", "meetup",
    "church group", "volunteer project", "career fair", "friend of a friend",
)
GOALS = (
    "Learn how they moved into product management",
    "Understand what the analytics team looks for",
    "Get feedback on my resume and LinkedIn profile",
    "Find out which associations are worth joining",
    "Ask how to explain my career gap",
    "Learn about the culture and the hiring process",
    "Get two or three names to talk to next",
)
TEAMS = ("analytics", "operations", "platform", "research", "partnerships", "growth", "risk", "people")
SKILLS = (
    "SQL and clear writing", "stakeholder management", "Excel modelling and storytelling",
    "user interviews and synthesis", "budgeting and vendor management", "Python and dashboards",
    "negotiation and patience", "running a meeting well",
)
ANSWERS_CHANNEL = {Channel.EMAIL: "e-mail", Channel.CALL: "call", Channel.LINKEDIN: "LinkedIn message"}


def default_demo_dir() -> Path:
    """Where ``netbook demo`` writes: beside the real data dir, never inside it."""
    return Path(platformdirs.user_data_dir(f"{APP_NAME}-demo", appauthor=False))


class DemoDirError(ValueError):
    """The folder holds real netbook data (no demo mark); it is left untouched."""


def _prepare_dir(path: Path) -> None:
    has_data = any((path / name).exists() for name in ("people.json", "index.json", "library.json", "meetings"))
    if has_data and not (path / DEMO_MARK).exists():
        raise DemoDirError(f"{path} holds netbook data that is not demo data; refusing to overwrite it")
    for name in ("people.json", "index.json", "library.json"):
        (path / name).unlink(missing_ok=True)
    for journal in [*path.glob("people.*.jsonl"), *path.glob("index.*.jsonl")]:
        journal.unlink()
    if (path / "meetings").is_dir():
        shutil.rmtree(path / "meetings")
    ensure_private_dir(path)
    (path / DEMO_MARK).write_text("sample data written by `netbook demo`; safe to delete\n")
    (path / DEMO_MARK).chmod(0o600)


class _Generator:
    def __init__(self, *, meetings: int, contacts: int, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.today = now.date()
        self.n_meetings = meetings
        self.n_contacts = max(contacts, 1 if meetings else 0)
        self.bank = shipped_bank()
        self.people: list[Contact] = []
        self.by_id: dict[str, Contact] = {}
        self.used_names: set[str] = set()
        self.orgs: list[Organization] = []
        self.meetings: list[Meeting] = []
        self.leads: list[Contact] = []  # referred, not met yet
        self.other_questions = [q for q in self.bank.questions if not q.default]

    # ------------------------------------------------------------------ helpers

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def make_orgs(self) -> None:
        count = max(12, min(400, self.n_contacts // 12))
        names: list[str] = list(INSTITUTIONS)
        combos = [f"{s} {k}" for s in ORG_STEMS for k in ORG_KINDS]
        self.rng.shuffle(combos)
        names += combos[: max(0, count - len(names))]
        created = datetime.combine(self.today - timedelta(days=1000), time(9, 0))
        self.orgs = [Organization(id=self.new_id(), name=n, created_at=created) for n in names]

    def budget_left(self) -> bool:
        return len(self.people) < self.n_contacts

    def person_name(self) -> str:
        for _ in range(50):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self.used_names:
                break
        else:  # a big contact book runs out of plain pairs: add a middle initial
            name = f"{self.rng.choice(FIRST_NAMES)} {chr(65 + self.rng.randrange(26))}. {self.rng.choice(LAST_NAMES)}"
            while name in self.used_names:
                name = f"{name.split()[0]} {chr(65 + self.rng.randrange(26))}. {name.split()[-1]}"
        self.used_names.add(name)
        return name

    def new_contact(self, when: datetime, **fields) -> Contact:
        name = self.person_name()
        org = self.rng.choice(self.orgs)
        first, last = name.split()[0], name.split()[-1]
        domain = "".join(ch for ch in org.name.lower() if ch.isalnum())[:18]
        contact = Contact(
            id=self.new_id(),
            name=name,
            role=self.rng.choice(ROLES),
            organization_id=org.id,
            email=f"{first.lower()}.{last.lower()}@{domain}.example".replace("'", ""),
            phone=f"555-01{self.rng.randrange(100):02d}" if self.rng.random() < 0.4 else "",
            created_at=when,
            **fields,
        )
        self.people.append(contact)
        self.by_id[contact.id] = contact
        return contact

    def org_of(self, contact: Contact) -> Organization:
        return next(o for o in self.orgs if o.id == contact.organization_id)

    def slot(self, day: date) -> datetime:
        return datetime.combine(day, time(8 + self.rng.randrange(10), self.rng.choice((0, 30))))

    def questions(self, status_for: str) -> list[MeetingQuestion]:
        picked = [*self.bank.defaults(), *self.rng.sample(self.other_questions, k=min(6, len(self.other_questions)))]
        qs = meeting_questions(picked)
        if status_for == "ended":
            for q in qs:
                roll = self.rng.random()
                q.status = QuestionStatus.ASKED if roll < 0.75 else QuestionStatus.SKIPPED if roll < 0.9 else q.status
        return qs

    # ------------------------------------------------------------------ meetings

    def target(self, when: datetime) -> Contact:
        """Whom the meeting is with: often a lead someone referred earlier, else someone new."""
        if self.leads and (self.rng.random() < 0.55 or not self.budget_left()):
            lead = self.leads.pop(self.rng.randrange(len(self.leads)))
            return lead
        if self.budget_left():
            return self.new_contact(when, how_met=self.rng.choice(HOW_MET))
        return self.rng.choice(self.people)

    def notes_and_mentions(self, meeting: Meeting, who: Contact, when: datetime, *, live: bool) -> list[Contact]:
        """Notes that mention people and organizations; returns the new leads."""
        rng = self.rng
        first = who.name.split()[0]
        org = self.org_of(who)
        prev = rng.choice(self.orgs)
        lines = [
            f"Told {first} I'm taking notes.",
            f"{first} has been at {org.name} for {rng.randrange(2, 15)} years; started out at {prev.name}.",
            f"Most critical skills for the role: {rng.choice(SKILLS)}.",
        ]
        mentions: list[Mention] = [
            Mention(id=self.new_id(), kind=MentionKind.ORGANIZATION, name=org.name, organization_id=org.id, count=1,
                    first_line=1, quote=lines[1]),
        ]
        if prev.id != org.id:
            mentions.append(Mention(id=self.new_id(), kind=MentionKind.ORGANIZATION, name=prev.name, organization_id=prev.id,
                                    count=1, first_line=1, quote=lines[1]))
        leads: list[Contact] = []
        for _ in range(rng.choice((1, 1, 2, 2, 3)) if not live else 1):
            if self.budget_left():
                lead = self.new_contact(when, how_met=f"referred by {who.name}", referred_by_id=who.id,
                                        referred_in_meeting_id=meeting.id, lead_status=LeadStatus.TO_CONTACT)
                leads.append(lead)
            else:
                lead = rng.choice(self.people)
                if lead.id == who.id:
                    continue
            lead_org = self.org_of(lead)
            line = rng.choice((
                f"Mentioned {lead.name} at {lead_org.name} — runs the {rng.choice(TEAMS)} team.",
                f"You should talk to {lead.name} at {lead_org.name}, they hire career changers.",
                f"{lead.name} ({lead_org.name}) went through the same switch two years ago.",
            ))
            lines.append(line)
            idx = len(lines) - 1
            mentions.append(Mention(id=self.new_id(), kind=MentionKind.PERSON, name=lead.name, contact_id=lead.id, count=1,
                                    organization_key=normalise_key(lead_org.name), first_line=idx, quote=line))
            if all(m.key != normalise_key(lead_org.name) for m in mentions):
                mentions.append(Mention(id=self.new_id(), kind=MentionKind.ORGANIZATION, name=lead_org.name,
                                        organization_id=lead_org.id, count=1, first_line=idx, quote=line))
        if not live:
            assoc = rng.choice(ASSOCIATIONS)
            lines += [
                f"Join {assoc}; the monthly events are where people actually hire.",
                "Resume: lead with outcomes, cut the objective line, one page is fine.",
                "Roadblock: the career gap. Say it plainly once, then talk about what I did with the time.",
                f"{first} will keep an eye out; I promised to keep {first} posted.",
            ]
            mentions.append(Mention(id=self.new_id(), kind=MentionKind.ORGANIZATION, name=assoc, status=MentionStatus.SUGGESTED,
                                    count=1, first_line=len(lines) - 4, quote=lines[-4]))
        else:
            lines.append("")
        meeting.notes = "\n".join(lines) + "\n"
        meeting.mentions = mentions
        return leads

    def asks_and_followups(self, meeting: Meeting, who: Contact, end: datetime) -> None:
        rng = self.rng
        asks: list[Ask] = []
        followups: list[FollowUp] = []
        age = (self.today - end.date()).days
        settled = age > 21 and rng.random() < 0.97  # old meetings: follow-ups all dealt with

        def fu(kind: FollowUpKind, title: str, due: date, contact_id: str | None, key: str) -> None:
            done = settled or due < self.today - timedelta(days=rng.randrange(1, 6))
            followups.append(FollowUp(
                id=self.new_id(), kind=kind, title=title, due=due, done=done,
                done_at=datetime.combine(min(due, self.today), time(18, 0)) if done else None,
                contact_id=contact_id, meeting_id=meeting.id, rule_key=key,
            ))

        fu(FollowUpKind.THANK_YOU, f"Thank {who.name} for the meeting", end.date() + timedelta(days=1), who.id,
           f"thank_you:{who.id}")
        for mention in meeting.mentions:
            if mention.kind is not MentionKind.PERSON or not mention.contact_id:
                continue
            lead = self.by_id[mention.contact_id]
            first = lead.name.split()[0]
            channel = rng.choice((Channel.EMAIL, Channel.EMAIL, Channel.CALL, Channel.LINKEDIN))
            use_name = rng.random() < 0.8
            intro = rng.random() < 0.45
            intro_by = end.date() + timedelta(days=rng.randrange(2, 8)) if intro else None
            asks += [
                Ask(id=self.new_id(), kind=AskKind.GOOD_PERSON, subject=mention.key, quote=mention.quote,
                    text=f"Would {first} be a good person to talk to?", status=AskStatus.ASKED,
                    outcome=AskOutcome.YES, answer="yes, very open to these chats"),
                Ask(id=self.new_id(), kind=AskKind.CHANNEL, subject=mention.key, quote=mention.quote,
                    text=f"Should I call {first} or e-mail?", status=AskStatus.ASKED, outcome=AskOutcome.YES,
                    channel=channel, answer=ANSWERS_CHANNEL[channel]),
                Ask(id=self.new_id(), kind=AskKind.USE_NAME, subject=mention.key, quote=mention.quote,
                    text="May I use your name?", status=AskStatus.ASKED,
                    outcome=AskOutcome.YES if use_name else AskOutcome.NO, may_use_name=use_name,
                    answer="of course" if use_name else "better not, just say we met"),
                Ask(id=self.new_id(), kind=AskKind.INTRODUCE, subject=mention.key, quote=mention.quote,
                    text=f"Would you be willing to introduce me to {first}?", status=AskStatus.ASKED,
                    outcome=AskOutcome.YES if intro else AskOutcome.LATER, intro_promised=intro, intro_by=intro_by,
                    answer=f"will intro by {intro_by:%A}" if intro_by else "maybe after the quarter ends"),
            ]
            if lead.referred_in_meeting_id == meeting.id:
                lead.preferred_channel = channel
                lead.may_use_referrer_name = use_name
                lead.intro_promised = intro
                lead.intro_by = intro_by
            fu(FollowUpKind.CONTACT_LEAD, f"Contact {lead.name} ({ANSWERS_CHANNEL[channel]})",
               end.date() + timedelta(days=3), lead.id, f"contact_lead:{lead.id}")
            if intro_by:
                fu(FollowUpKind.NUDGE_INTRO, f"Nudge {who.name} about the intro to {lead.name}",
                   intro_by + timedelta(days=2), who.id, f"nudge_intro:{lead.id}")
        for kind, text in (
            (AskKind.RESUME_FEEDBACK, "Would you look over my resume?"),
            (AskKind.ORGANIZATIONS_TO_JOIN, "Which organizations should I join?"),
            (AskKind.ANYONE_ELSE, "Is there anyone else I should talk to?"),
            (AskKind.STAY_IN_TOUCH, "I'd like to stay in touch and keep you posted."),
            (AskKind.THANK_YOU, "Thank you for your time."),
        ):
            asked = rng.random() < 0.85
            asks.append(Ask(id=self.new_id(), kind=kind, text=text,
                            status=AskStatus.ASKED if asked else AskStatus.OPEN,
                            outcome=AskOutcome.YES if asked else AskOutcome.NONE))
        checkin = end.date() + timedelta(weeks=4)
        fu(FollowUpKind.CHECK_IN, f"Check in with {who.name}", checkin, who.id, f"check_in:{who.id}")
        who.next_checkin = checkin
        meeting.asks = asks
        meeting.followups = followups

    def meeting(self, when: datetime, status: MeetingStatus) -> Meeting:
        who = self.target(when)
        rng = self.rng
        meeting = Meeting(
            id=self.new_id(),
            contact_id=who.id,
            title=f"Coffee with {who.name.split()[0]}" if rng.random() < 0.3 else "",
            scheduled_at=when,
            planned_minutes=rng.choice((20, 30, 30, 30, 45, 60)),
            goal=rng.choice(GOALS),
            status=status,
        )
        created = when - timedelta(days=rng.randrange(1, 10))
        if status is MeetingStatus.PLANNED:
            meeting.questions = self.questions("planned")
            if who.lead_status is LeadStatus.TO_CONTACT:
                who.lead_status = LeadStatus.CONTACTED
            meeting.updated_at = created
            return meeting
        meeting.started_at = when
        live = status is MeetingStatus.LIVE
        meeting.questions = self.questions("live" if live else "ended")
        self.leads += self.notes_and_mentions(meeting, who, when, live=live)
        if who.lead_status is not None:
            who.lead_status = LeadStatus.MET
        who.last_contact = when.date()
        if live:
            for q in meeting.questions[:3]:
                q.status = QuestionStatus.ASKED
            meeting.current_question = 3
            meeting.updated_at = self.now
        else:
            end = when + timedelta(minutes=meeting.planned_minutes + rng.randrange(-5, 15))
            meeting.ended_at = end
            meeting.current_question = len(meeting.questions)
            self.asks_and_followups(meeting, who, end)
            meeting.updated_at = end + timedelta(minutes=20)
        return meeting

    def run(self) -> None:
        self.make_orgs()
        n = self.n_meetings
        live = 1 if n >= 3 else 0
        planned = min(12, max(1, n // 10)) if n >= 2 else 0
        ended = n - live - planned
        span = min(max(21, ended * 3), 900)
        days = sorted(self.rng.randrange(1, span + 1) for _ in range(ended))
        for back in reversed(days):  # oldest first, so referrals flow forward in time
            self.meetings.append(self.meeting(self.slot(self.today - timedelta(days=back)), MeetingStatus.ENDED))
        if live:
            start = self.now - timedelta(minutes=20)
            self.meetings.append(self.meeting(start, MeetingStatus.LIVE))
        for i in range(planned):
            day = self.today + timedelta(days=1 + (i * 3 + self.rng.randrange(3)) % 21)
            self.meetings.append(self.meeting(self.slot(day), MeetingStatus.PLANNED))
        # older leads: most of them have been written to by now
        for lead in self.leads:
            if lead.lead_status is LeadStatus.TO_CONTACT and lead.created_at and \
                    (self.now - lead.created_at).days > 30 and self.rng.random() < 0.8:
                lead.lead_status = LeadStatus.CONTACTED
                lead.last_contact = lead.created_at.date() + timedelta(days=4)
        while self.budget_left():  # the rest of the contact book: people met elsewhere
            when = datetime.combine(self.today - timedelta(days=self.rng.randrange(30, 1500)), time(12, 0))
            contact = self.new_contact(when, how_met=self.rng.choice(HOW_MET))
            contact.last_contact = when.date() if self.rng.random() < 0.5 else None


def generate_demo(
    path: Path | str,
    *,
    meetings: int = 40,
    contacts: int = 120,
    seed: int = 0,
    now: datetime | None = None,
) -> Path:
    """Fill ``path`` with sample data (replacing earlier demo data there) and return it.

    ``contacts`` is the size of the contact book (at least one when there are meetings);
    ``now`` anchors the dates (default: the current minute), so a fixed clock gives fixed data.
    """
    path = Path(path)
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    _prepare_dir(path)
    gen = _Generator(meetings=meetings, contacts=contacts, seed=seed, now=now)
    gen.run()
    with Store.open(path, allow_read_only=False) as store:
        store.save_organizations(gen.orgs)
        store.save_contacts(gen.people)
        store.save_meetings(gen.meetings)
        store.save_template("First chat (demo)", [
            {"text": q.text, "question_id": q.id, "category": q.category}
            for q in [*gen.bank.defaults(), *gen.other_questions[:6]]
        ], template_id="demo-first-chat")
    return path
