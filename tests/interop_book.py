"""A small contact book with one finished meeting, for the interop tests (vCard, CSV, iCalendar, Markdown)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from netbook.domain.closing_checklist import build_checklist, record_outcome, set_channel, set_intro
from netbook.domain.meeting_lifecycle import end, start
from netbook.domain.meeting_wrapup import finish_meeting
from netbook.domain.models import AskOutcome, Channel, Contact, Meeting, MeetingQuestion, Mention, MentionKind, QuestionStatus
from netbook.storage.config import FollowUpRules
from netbook.storage.store import Store

FILES = Path(__file__).parent / "files"
MEETING_END = datetime(2026, 3, 10, 14, 35)
EXPORT_NOW = datetime(2026, 3, 11, 9, 0)

# Names and notes that stress folding (accents, emoji, CJK) and escaping (; , \ newlines).
LONG_ACCENTED = "Zoë Ñúñez-Ørsted de la Peña y Müller-Lüdenscheidt 🎉🎉 Ægir"


def make_meeting(store: Store) -> Meeting:
    jane = store.ensure_contact("Jane Doe", organization="Acme; Ltd, \"Global\"", role="Director of Operations")
    jane.email = "jane@acme.example"
    jane.phone = "+1 973 555 0100"
    jane.linkedin_url = "https://www.linkedin.com/in/jane-doe"
    jane.how_met = "NJ career fair — table 12; she runs the ops team"
    jane.notes = "PRIVATE: do not share — salary 180k"
    store.save_contact(jane)
    zoe = store.ensure_contact(LONG_ACCENTED, organization="Citibank", role="Vice-présidente, Talent 🎯")
    zoe.referred_by_id = jane.id
    zoe.how_met = "Jane's former colleague; café near Grand Central ☕ — ask about the 2027 graduate programme"
    store.save_contact(zoe)
    m = store.create_meeting(
        jane,
        planned_minutes=30,
        notes="Talk to Susan Smith at Citibank\nAlso Montclair State University\n",
        questions=[MeetingQuestion(text="Skills?", status=QuestionStatus.ASKED, answer="SQL")],
        mentions=[
            Mention(kind=MentionKind.ORGANIZATION, name="Citibank", first_line=0, quote="Talk to Susan Smith at Citibank"),
            Mention(kind=MentionKind.PERSON, name="Susan Smith", organization_key="citibank", first_line=0,
                    quote="Talk to Susan Smith at Citibank"),
            Mention(kind=MentionKind.ORGANIZATION, name="Montclair State University", first_line=1,
                    quote="Also Montclair State University"),
        ],
    )
    start(m, datetime(2026, 3, 10, 14))
    m.asks = build_checklist(m, contact_name="Jane Doe")
    good, channel, use_name, intro = m.asks[:4]
    record_outcome(good, AskOutcome.YES)
    set_channel(channel, Channel.EMAIL)
    record_outcome(use_name, AskOutcome.YES)
    set_intro(intro, True, date(2026, 3, 13))
    end(m, MEETING_END)
    finish_meeting(store, m, rules=FollowUpRules(), now=MEETING_END)
    return store.load_meeting(m.id)


def contact(store: Store, name: str) -> Contact:
    found = store.find_contact(name)
    assert found is not None, name
    return found
