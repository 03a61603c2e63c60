"""Drafted e-mails: specifics of the meeting, the referrer only with permission, names verbatim."""

from __future__ import annotations

from datetime import date, datetime

from netbook.checklist import build_checklist, record_outcome, set_channel, set_intro
from netbook.drafts import drafts_for_export, lead_draft, meeting_drafts
from netbook.models import (
    AskKind,
    AskOutcome,
    Channel,
    Contact,
    Meeting,
    MeetingQuestion,
    MeetingStatus,
    Mention,
    MentionKind,
    QuestionStatus,
    normalise_key,
)
from netbook.store import Store

HOSTILE = "[bold]Zoë[/] [@click=app.quit]x\x1b[31m עברית 🎉"


def meeting_with(*people: str, use_name: dict[str, bool | None] | None = None) -> Meeting:
    mentions = [Mention(kind=MentionKind.ORGANIZATION, name="Citibank", first_line=0)]
    for i, name in enumerate(people):
        mentions.append(
            Mention(kind=MentionKind.PERSON, name=name, first_line=i + 1, organization_key="citibank" if i == 0 else None)
        )
    m = Meeting(
        contact_id="jane",
        started_at=datetime(2026, 3, 10, 14),
        ended_at=datetime(2026, 3, 10, 14, 30),
        status=MeetingStatus.ENDED,
        mentions=mentions,
        questions=[
            MeetingQuestion(text="Skills?", status=QuestionStatus.ASKED, answer="Learn SQL before anything else"),
            MeetingQuestion(text="Why join?", status=QuestionStatus.ASKED),
        ],
    )
    m.asks = build_checklist(m, contact_name="Jane Doe")
    for name in people:
        key = normalise_key(name)  # "Dr. Amy Wu" is keyed "amy wu": the title is not part of the key
        asks = {a.kind: a for a in m.asks if a.subject == key}
        record_outcome(asks[AskKind.GOOD_PERSON], AskOutcome.YES)
        choice = (use_name or {}).get(name)
        if choice is not None:
            record_outcome(asks[AskKind.USE_NAME], AskOutcome.YES if choice else AskOutcome.NO)
    return m


JANE = Contact(id="jane", name="Jane Doe")


def test_thank_you_names_advice_and_people():
    m = meeting_with("Susan Smith", "Raj")
    resume = next(a for a in m.asks if a.kind is AskKind.RESUME_FEEDBACK)
    record_outcome(resume, AskOutcome.YES)
    thanks = meeting_drafts(m, JANE)[0]
    assert thanks.key == "thank_you" and thanks.to == "Jane Doe"
    assert thanks.body.startswith("Dear Jane,\n\nThank you for taking the time to meet with me on Tuesday.")
    assert "- Learn SQL before anything else" in thanks.body
    assert "suggesting I talk to Susan Smith at Citibank and Raj." in thanks.body
    assert "send you my resume" in thanks.body
    assert "keep you posted" in thanks.body


def test_thank_you_without_specifics_still_reads_well():
    m = Meeting(contact_id="jane", status=MeetingStatus.ENDED)
    m.asks = build_checklist(m, contact_name="Jane Doe")
    drafts = meeting_drafts(m, JANE)
    assert len(drafts) == 1
    assert "Your advice and perspective were really helpful." in drafts[0].body
    assert "suggesting" not in drafts[0].body


def test_lead_draft_names_referrer_only_with_permission():
    m = meeting_with("Susan Smith", "Raj", "Kim Ode", use_name={"Susan Smith": True, "Raj": False})
    drafts = {d.to: d for d in meeting_drafts(m, JANE)}
    assert set(drafts) == {"Jane Doe", "Susan Smith", "Raj", "Kim Ode"}
    assert "Jane Doe suggested I get in touch with you." in drafts["Susan Smith"].body
    assert drafts["Susan Smith"].subject == "Jane Doe suggested I contact you"
    for name in ("Raj", "Kim Ode"):  # refused, or never asked: never named
        text = drafts[name].title + drafts[name].text()
        assert "Jane" not in text and "Doe" not in text
    assert drafts["Raj"].body.startswith("Dear Raj,")
    assert "not asking for a job" in drafts["Raj"].body


def test_lead_draft_title_follows_channel_and_intro():
    m = meeting_with("Susan Smith", use_name={"Susan Smith": True})
    asks = {a.kind: a for a in m.asks if a.subject == "susan smith"}
    set_channel(asks[AskKind.CHANNEL], Channel.LINKEDIN)
    set_intro(asks[AskKind.INTRODUCE], True, date(2026, 3, 13))
    drafts = meeting_drafts(m, JANE)
    assert drafts[1].title == "LinkedIn message to Susan Smith (after the introduction)"
    assert "offering to introduce me to Susan Smith" in drafts[0].body


def test_names_exactly_as_typed_never_markup():
    m = meeting_with(HOSTILE, use_name={HOSTILE: True})
    contact = Contact(id="jane", name="[red]Jane[/red] O'Neil")
    drafts = meeting_drafts(m, contact)
    assert HOSTILE in drafts[0].body
    assert drafts[1].to == HOSTILE and HOSTILE in drafts[1].title
    assert drafts[1].body.startswith("Dear [bold]Zoë[/],")
    assert "[red]Jane[/red] O'Neil suggested I get in touch" in drafts[1].body
    assert drafts[0].body.startswith("Dear [red]Jane[/red],")


def test_title_before_name_is_kept_whole():
    m = meeting_with("Dr. Amy Wu", use_name={"Dr. Amy Wu": True})
    assert meeting_drafts(m, JANE)[1].body.startswith("Dear Dr. Amy Wu,")


def test_drafts_for_export(data_dir):
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        m = meeting_with("Susan Smith")
        m.contact_id = jane.id
        store.save_meeting(m)
        pairs = drafts_for_export(store, m)
        assert [t for t, _ in pairs] == ["Thank-you to Jane Doe", "First message to Susan Smith"]
        assert pairs[0][1].startswith("Subject: Thank you for your time\n\nDear Jane,")
        planned = store.create_meeting(jane)
        assert drafts_for_export(store, planned) == []


def test_lead_draft_direct():
    m = meeting_with("Susan Smith")
    from netbook.checklist import leads

    d = lead_draft(leads(m, "Jane Doe")[0], JANE)
    assert d.key == "lead:susan smith" and "at Citibank" in d.body and "Jane" not in d.text()
