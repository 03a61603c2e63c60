"""The closing checklist core: built from mentions, links and questions; merges without duplicates."""

from __future__ import annotations

from datetime import date

from netbook.domain.closing_checklist import (
    build_checklist,
    describe_ask,
    leads,
    next_channel,
    open_asks,
    people_outcomes,
    record_outcome,
    set_channel,
    suggested_mentions,
)
from netbook.domain.models import (
    Ask,
    AskKind,
    AskOutcome,
    AskStatus,
    Channel,
    Meeting,
    MeetingQuestion,
    Mention,
    MentionKind,
    MentionStatus,
    QuestionStatus,
)

STANDING = [
    AskKind.RESUME_FEEDBACK,
    AskKind.ORGANIZATIONS_TO_JOIN,
    AskKind.ANYONE_ELSE,
    AskKind.STAY_IN_TOUCH,
    AskKind.THANK_YOU,
]
PERSON = [AskKind.GOOD_PERSON, AskKind.CHANNEL, AskKind.USE_NAME, AskKind.INTRODUCE]


def person(name: str, line: int = 0, org: str | None = None, **kw) -> Mention:
    return Mention(
        kind=MentionKind.PERSON,
        name=name,
        organization_key=org,
        first_line=line,
        quote=kw.pop("quote", f"line about {name}"),
        **kw,
    )


def org(name: str, line: int = 0, **kw) -> Mention:
    return Mention(kind=MentionKind.ORGANIZATION, name=name, first_line=line, quote=f"line about {name}", **kw)


def meeting(*mentions: Mention, questions: list[MeetingQuestion] | None = None) -> Meeting:
    return Meeting(contact_id="c1", mentions=list(mentions), questions=questions or [])


def kinds(asks: list[Ask]) -> list[AskKind]:
    return [a.kind for a in asks]


def test_no_mentions_gives_only_standing_asks():
    asks = build_checklist(meeting(), contact_name="Jane Doe")
    assert kinds(asks) == STANDING
    assert all(a.subject is None and a.status is AskStatus.OPEN for a in asks)


def test_person_with_organization_quotes_the_line():
    m = meeting(
        org("Citibank", 2),
        person("Susan Smith", 2, org="citibank", quote="Talk to Susan Smith at Citibank about ops"),
    )
    asks = build_checklist(m, contact_name="Jane Doe")
    assert kinds(asks) == PERSON + STANDING  # no "someone at Citibank": Susan is named there
    good = asks[0]
    assert good.text == "You mentioned Susan Smith at Citibank — would Susan be a good person for me to talk to?"
    assert good.quote == "Talk to Susan Smith at Citibank about ops"
    assert good.subject == "susan smith"
    assert asks[1].text == "Should I call Susan, e-mail, or reach out on LinkedIn?"
    assert asks[2].text == "May I use your name when I contact Susan?"
    assert asks[3].text == "Would you be willing to send Susan a short introduction on my behalf?"
    assert {a.quote for a in asks[:4]} == {"Talk to Susan Smith at Citibank about ops"}


def test_person_without_organization():
    asks = build_checklist(meeting(person("Bob")), contact_name="Jane Doe")
    assert asks[0].text == "You mentioned Bob — would Bob be a good person for me to talk to?"


def test_organization_without_person_gets_someone_there():
    asks = build_checklist(meeting(org("Montclair State University", 1)), contact_name="Jane Doe")
    assert asks[0].kind is AskKind.SOMEONE_AT_ORG
    assert asks[0].text == (
        "You mentioned Montclair State University — is there someone there you'd recommend I contact?"
    )
    assert asks[0].quote == "line about Montclair State University"


def test_organization_with_several_people():
    m = meeting(
        org("Citibank", 0),
        person("Susan Smith", 1, org="citibank"),
        person("Raj Patel", 3, org="citibank"),
    )
    asks = build_checklist(m, contact_name="Jane Doe")
    assert kinds(asks) == PERSON + PERSON + STANDING
    assert [a.subject for a in asks[:8]] == ["susan smith"] * 4 + ["raj patel"] * 4
    assert "Raj Patel at Citibank" in asks[4].text


def test_same_name_twice_gives_one_set_of_asks():
    m = meeting(person("Susan Smith", 1), person("susan  SMITH", 5))
    asks = build_checklist(m, contact_name="Jane Doe")
    assert kinds(asks) == PERSON + STANDING


def test_the_contact_mentioning_themselves_gets_no_asks():
    m = meeting(person("Jane Doe", 0), person("jane doe", 3), person("Sam", 4, contact_id="c1"), person("Bob", 5))
    asks = build_checklist(m, contact_name="Jane Doe")
    assert [a.subject for a in asks if a.subject] == ["bob"] * 4


def test_thirty_mentions_in_note_order():
    mentions = [person(f"Person {i:02d}", line=30 - i) for i in range(20)]
    mentions += [org(f"Org {i:02d}", line=100 + i) for i in range(10)]
    asks = build_checklist(meeting(*mentions), contact_name="Jane Doe")
    assert len(asks) == 20 * 4 + 10 + len(STANDING)
    subjects = list(dict.fromkeys(a.subject for a in asks if a.subject))
    assert subjects[0] == "person 19" and subjects[19] == "person 00" and subjects[20] == "org 00"
    assert len({a.id for a in asks}) == len(asks)


def test_suggested_mentions_get_no_asks_until_confirmed():
    m = meeting(person("Maybe Name", 1, status=MentionStatus.SUGGESTED), org("Guess Corp", 2, status=MentionStatus.SUGGESTED))
    asks = build_checklist(m, contact_name="Jane Doe")
    assert kinds(asks) == STANDING
    assert [s.name for s in suggested_mentions(m, "Jane Doe")] == ["Maybe Name", "Guess Corp"]
    m.mentions[0].status = MentionStatus.CONFIRMED
    asks = build_checklist(m, contact_name="Jane Doe", existing=asks)
    assert kinds(asks) == PERSON + STANDING


def test_asked_questions_cover_standing_asks():
    qs = [
        MeetingQuestion(text="resume?", question_id="resume-01", status=QuestionStatus.ASKED),
        MeetingQuestion(text="who else?", question_id="referrals-01", status=QuestionStatus.ASKED),
        MeetingQuestion(text="orgs?", question_id="organizations-01", status=QuestionStatus.PENDING),
        MeetingQuestion(text="touch?", question_id="referrals-13", status=QuestionStatus.SKIPPED),
        MeetingQuestion(text="my own", question_id=None, status=QuestionStatus.ASKED),
    ]
    asks = build_checklist(meeting(questions=qs), contact_name="Jane Doe")
    assert kinds(asks) == [AskKind.ORGANIZATIONS_TO_JOIN, AskKind.STAY_IN_TOUCH, AskKind.THANK_YOU]


def test_merge_keeps_outcomes_and_never_duplicates():
    m = meeting(person("Susan Smith", 1))
    first = build_checklist(m, contact_name="Jane Doe")
    record_outcome(first[0], AskOutcome.YES)
    first[0].answer = "e-mail; use my name; she'll intro by Friday"
    first[1].channel = Channel.EMAIL
    m.asks = first
    # more names tagged live
    m.mentions.append(org("Acme", 4))
    m.mentions.append(person("Raj", 6))
    second = build_checklist(m, contact_name="Jane Doe")
    assert len(second) == 4 + 1 + 4 + len(STANDING)
    assert second[0].id == first[0].id
    assert second[0].outcome is AskOutcome.YES and second[0].status is AskStatus.ASKED
    assert second[0].answer == "e-mail; use my name; she'll intro by Friday"
    assert second[1].channel is Channel.EMAIL
    again = build_checklist(m, contact_name="Jane Doe", existing=second)
    assert [a.id for a in again] == [a.id for a in second]


def test_reopened_meeting_keeps_everything_recorded():
    m = meeting(person("Susan Smith", 1), org("Citibank", 2))
    m.asks = build_checklist(m, contact_name="Jane Doe")
    record_outcome(m.asks[0], AskOutcome.NO)
    untouched_org_ask = next(a for a in m.asks if a.kind is AskKind.SOMEONE_AT_ORG)
    # after the reopen Susan is linked to Citibank and a resume question got asked
    m.mentions[0].organization_key = "citibank"
    m.questions.append(MeetingQuestion(text="resume?", question_id="resume-01", status=QuestionStatus.ASKED))
    asks = build_checklist(m, contact_name="Jane Doe")
    assert untouched_org_ask.id not in {a.id for a in asks}  # untouched, now redundant: dropped
    assert AskKind.RESUME_FEEDBACK not in kinds(asks)
    assert asks[0].outcome is AskOutcome.NO
    assert "Susan Smith at Citibank" in asks[0].text


def test_untagged_name_keeps_recorded_asks_drops_untouched():
    m = meeting(person("Susan Smith", 1))
    m.asks = build_checklist(m, contact_name="Jane Doe")
    m.asks[2].answer = "yes, use my name"
    m.mentions = []
    asks = build_checklist(m, contact_name="Jane Doe")
    assert [a.kind for a in asks] == STANDING + [AskKind.USE_NAME]
    assert asks[-1].answer == "yes, use my name"


def test_renamed_mention_keeps_its_asks_via_alias():
    m = meeting(person("Sue", 1))
    m.asks = build_checklist(m, contact_name="Jane Doe")
    record_outcome(m.asks[0], AskOutcome.YES)
    m.mentions = [person("Susan Smith", 1, aliases=["Sue"])]
    asks = build_checklist(m, contact_name="Jane Doe")
    assert asks[0].subject == "susan smith" and asks[0].outcome is AskOutcome.YES
    assert len(asks) == 4 + len(STANDING)


def test_outcomes_feed_structured_fields_and_leads():
    m = meeting(org("Citibank", 0), person("Susan Smith", 1, org="citibank"), person("Bob", 2))
    m.asks = build_checklist(m, contact_name="Jane Doe")
    good, channel, use_name, intro = m.asks[:4]
    record_outcome(good, AskOutcome.YES)
    set_channel(channel, next_channel(None))
    record_outcome(use_name, AskOutcome.YES)
    record_outcome(intro, AskOutcome.YES)
    intro.intro_by = date(2026, 3, 13)
    assert use_name.may_use_name is True and intro.intro_promised is True
    record_outcome(m.asks[4], AskOutcome.NO)  # Bob: no
    found = leads(m, "Jane Doe")
    assert [i.mention.name for i in found] == ["Susan Smith"]
    info = found[0]
    assert (info.organization, info.channel, info.may_use_name, info.intro_by) == (
        "Citibank",
        Channel.CALL,
        True,
        date(2026, 3, 13),
    )
    assert [p.mention.name for p in people_outcomes(m, "Jane Doe")] == ["Susan Smith", "Bob"]
    assert describe_ask(intro) == "yes · intro by 2026-03-13"
    assert len(open_asks(m.asks)) == len(m.asks) - 5


def test_record_outcome_twice_clears_it():
    ask = Ask(kind=AskKind.ANYONE_ELSE)
    record_outcome(ask, AskOutcome.LATER)
    assert ask.outcome is AskOutcome.LATER and ask.status is AskStatus.ASKED
    record_outcome(ask, AskOutcome.LATER)
    assert ask.outcome is AskOutcome.NONE and ask.status is AskStatus.ASKED


def test_hostile_names_are_copied_verbatim():
    name = "[bold]Eve[/] \x1b[31m"
    asks = build_checklist(meeting(person(name, 0)), contact_name="Jane Doe")
    assert name in asks[0].text
