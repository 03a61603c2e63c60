"""Drafted e-mails: specifics of the meeting, the referrer only with permission, names verbatim."""

from __future__ import annotations

from datetime import date, datetime

from netbook.domain.closing_checklist import build_checklist, record_outcome, set_channel, set_intro
from netbook.domain.drafts import drafts_for_export, lead_draft, meeting_drafts
from netbook.domain.models import (
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
from netbook.storage.store import Store

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
    assert "One thing you said will stay with me:\n- Learn SQL before anything else" in thanks.body
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
    drafts = {d.to: d for d in meeting_drafts(m, JANE) if not d.key.startswith("linkedin:")}
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
    assert drafts[1].title == "LinkedIn note to Susan Smith (after the introduction)" and len(drafts) == 2
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
        assert [t for t, _ in pairs] == ["Thank-you to Jane Doe", "First message to Susan Smith",
                                         "LinkedIn note to Susan Smith"]
        assert pairs[0][1].startswith("Subject: Thank you for your time\n\nDear Jane,")
        planned = store.create_meeting(jane)
        assert drafts_for_export(store, planned) == []


def test_lead_draft_direct():
    m = meeting_with("Susan Smith")
    from netbook.domain.closing_checklist import leads

    d = lead_draft(leads(m, "Jane Doe")[0], JANE)
    assert d.key == "lead:susan smith" and "at Citibank" in d.body and "Jane" not in d.text()


# --------------------------------------------------------------------------- issue 11: drafts that use the notes

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from netbook.domain.closing_checklist import leads  # noqa: E402
from netbook.storage.config import Profile  # noqa: E402
from netbook.domain.drafts import LINKEDIN_LIMIT, NO_JOB_LINE, followup_keys_done_by, linkedin_note, mark_sent  # noqa: E402
from netbook.domain.hiring import notes_say_hiring, says_hiring  # noqa: E402
from netbook.domain.note_marks import MARK, marked_lines, strip_mark, toggle_mark  # noqa: E402

ANN = Profile(name="Ann Lee", email="ann@example.com", linkedin="https://www.linkedin.com/in/annlee",
              pitch="I'm a data analyst moving into product management", signature="Warm regards,")


def with_quote(m: Meeting, name: str, quote: str) -> Meeting:
    for mention in m.mentions:
        if mention.name == name:
            mention.quote = quote
    return m


def test_thank_you_names_the_marked_lines_first():
    m = meeting_with("Susan Smith")
    m.notes = "intro chat\n★ start with SQL, then Python\nboring bit\n  ★ volunteer at PyData\n★ third one\n★ \n"
    resume = next(a for a in m.asks if a.kind is AskKind.RESUME_FEEDBACK)
    resume.answer = "send it to her by Friday"  # a typed ask-answer is not advice
    body = meeting_drafts(m, JANE)[0].body
    assert "Two things you said will stay with me:\n- start with SQL, then Python\n- volunteer at PyData\n" in body
    assert "third one" not in body and "Learn SQL" not in body and "send it to her" not in body and MARK not in body


def test_thank_you_falls_back_to_answers_of_questions_never_ask_answers():
    m = meeting_with("Susan Smith")
    for a in m.asks:
        if a.kind in (AskKind.ORGANIZATIONS_TO_JOIN, AskKind.RESUME_FEEDBACK):
            a.answer = "join ACM"
    body = meeting_drafts(m, JANE)[0].body
    assert "- Learn SQL before anything else" in body and "join ACM" not in body


def test_lead_message_quotes_the_note_line_and_says_what_to_learn():
    m = with_quote(meeting_with("Susan Smith", use_name={"Susan Smith": True}), "Susan Smith",
                   "★ Susan Smith at Citibank runs the data platform team")
    d = meeting_drafts(m, JANE, ANN)[1]
    assert d.key == "lead:susan smith"
    assert "Jane Doe suggested I get in touch with you." in d.body
    assert "Jane mentioned you when we talked: “Susan Smith at Citibank runs the data platform team”" in d.body
    assert "I'd like to learn how you got into your work at Citibank" in d.body
    assert f"A little about me: {ANN.pitch}." in d.body


def test_quote_that_names_the_referrer_is_left_out_without_permission():
    m = with_quote(meeting_with("Raj", use_name={"Raj": False}), "Raj", "Raj was Jane's manager at Citibank")
    for d in meeting_drafts(m, JANE):
        if d.to == "Raj":
            assert "Jane" not in d.text() and "manager" not in d.text()


def test_linkedin_note_has_no_subject_and_fits_300():
    m = with_quote(meeting_with("Susan Smith", use_name={"Susan Smith": True}), "Susan Smith",
                   "Susan Smith at Citibank runs the data platform team")
    ask = next(a for a in m.asks if a.kind is AskKind.CHANNEL and a.subject == "susan smith")
    set_channel(ask, Channel.LINKEDIN)
    drafts = meeting_drafts(m, JANE, ANN)
    assert [d.key for d in drafts] == ["thank_you", "linkedin:susan smith"]  # LinkedIn channel: the note only
    note = drafts[1]
    assert note.subject == "" and not note.text().startswith("Subject")
    assert len(note.text()) <= LINKEDIN_LIMIT
    assert note.body.startswith("Hi Susan, Jane Doe suggested we connect (“Susan Smith at Citibank") and note.body.endswith("Thanks! Ann Lee")
    assert "runs the data platform" in note.body


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=400), quote=st.text(max_size=600), pitch=st.text(max_size=600),
       me=st.text(max_size=300), referrer=st.text(min_size=1, max_size=300))
def test_linkedin_note_always_fits(name, quote, pitch, me, referrer):
    m = meeting_with("Susan Smith", use_name={"Susan Smith": True})
    info = leads(with_quote(m, "Susan Smith", quote), "Jane Doe")[0]
    info.mention.name = name
    note = linkedin_note(info, Contact(id="r", name=referrer.strip() or "R"), Profile(name=me, pitch=pitch))
    assert len(note.text()) <= LINKEDIN_LIMIT and note.subject == ""


def test_no_job_line_left_out_when_the_notes_say_hiring():
    m = meeting_with("Susan Smith", "Raj")
    m.notes = "Citibank is hiring two analysts this spring\nRaj: hiring freeze at his shop\n"
    drafts = {d.key: d for d in meeting_drafts(m, JANE)}
    assert NO_JOB_LINE not in drafts["lead:susan smith"].body  # her organization is hiring
    assert "Not asking for a job" not in drafts["linkedin:susan smith"].body
    assert NO_JOB_LINE in drafts["lead:raj"].body  # a freeze is not hiring


def test_hiring_cues():
    for line in ("They're hiring!", "Citibank has open roles in risk", "two openings on her team",
                 "recruiting for a PM", "got headcount for Q3", "HIRING now"):
        assert says_hiring(line), line
    for line in ("not hiring this year", "hiring freeze", "they aren’t hiring", "no openings", "she likes hiking",
                 "rehiring nobody", "opening remarks", ""):
        assert not says_hiring(line), line
    assert notes_say_hiring("Acme is hiring\nBeta: quiet", ["acme"]) and not notes_say_hiring("Acme is hiring", ["Beta"])
    assert notes_say_hiring("", ["x"], ["yes — and they are hiring"])


def test_drafts_sign_with_the_profile():
    m = meeting_with("Susan Smith")
    for d in meeting_drafts(m, JANE, ANN):
        if d.key.startswith("linkedin:"):
            continue
        assert d.body.endswith("Warm regards,\nAnn Lee\nann@example.com\nhttps://www.linkedin.com/in/annlee"), d.key
    plain = meeting_drafts(m, JANE)[0].body
    assert plain.endswith("Best regards,")
    own = Profile(name="Ann Lee", email="ann@example.com", signature="Cheers,\nAnn Lee")
    assert meeting_drafts(m, JANE, own)[0].body.endswith("Cheers,\nAnn Lee\nann@example.com")  # no name twice


def test_mark_sent_is_recorded_once_and_takes_care_of_its_followup():
    from netbook.domain.models import FollowUp, FollowUpKind

    m = meeting_with("Susan Smith")
    m.followups = [FollowUp(kind=FollowUpKind.CONTACT_LEAD, title="Contact Susan", due=date(2026, 3, 13),
                            rule_key=f"contact_lead:{m.id}:susan smith"),
                   FollowUp(kind=FollowUpKind.THANK_YOU, title="Thank Jane", due=date(2026, 3, 11),
                            rule_key=f"thank_you:{m.id}")]
    drafts = meeting_drafts(m, JANE)
    now, later = datetime(2026, 3, 11, 9), datetime(2026, 3, 12, 9)
    assert [f.title for f in mark_sent(m, drafts[1], now)] == ["Contact Susan"]
    assert mark_sent(m, drafts[1], later) == [] and m.drafts_sent == {"lead:susan smith": now}
    again = meeting_drafts(m, JANE)
    assert again[1].sent_at == now and again[0].sent_at is None and not m.followups[1].done
    assert followup_keys_done_by(m, drafts[0]) == {f"thank_you:{m.id}"}
    assert followup_keys_done_by(m, drafts[2]) == {f"contact_lead:{m.id}:susan smith"}


def test_note_marks_toggle_and_read():
    assert toggle_mark("SQL first") == "★ SQL first" and toggle_mark("★ SQL first") == "SQL first"
    assert toggle_mark("  indented") == "  ★ indented" and strip_mark("  ★ indented") == "  indented"
    assert toggle_mark("") == "★ " and marked_lines("a\n★ b\n★\n c") == ["b"]
