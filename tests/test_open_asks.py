"""Open asks across meetings: which asks are open, grouped by person, logged done by the one follow-up rule."""

from __future__ import annotations

from datetime import date, datetime

from netbook.domain.closing_checklist import ask_for, build_checklist, record_outcome, set_intro
from netbook.domain.meeting_wrapup import finish_meeting
from netbook.domain.models import AskKind, AskOutcome, Contact, FollowUpKind, Meeting, MeetingStatus, Mention, MentionKind
from netbook.domain.pending_asks import ask_rule_key, collect_open_asks, is_open, log_done, open_asks_in, tracking_followup
from netbook.storage.config import FollowUpRules
from netbook.storage.store import Store

RULES = FollowUpRules()
ENDED = datetime(2026, 3, 10, 14, 30)
NOW = datetime(2026, 3, 12, 9, 0)


def meeting_with_susan(contact_id: str = "jane", when: datetime = ENDED) -> Meeting:
    m = Meeting(contact_id=contact_id, status=MeetingStatus.ENDED, started_at=when.replace(hour=14, minute=0),
                ended_at=when, notes="Susan Smith at Citibank runs the data team\n",
                mentions=[Mention(kind=MentionKind.PERSON, name="Susan Smith", first_line=0,
                                  quote="Susan Smith at Citibank runs the data team")])
    m.asks = build_checklist(m, contact_name="Jane Doe")
    return m


def kinds(m: Meeting) -> set[AskKind]:
    return {next(a for a in m.asks if a.id == o.ask_id).kind for o in open_asks_in(m)}


def test_nothing_is_open_before_anything_is_said():
    assert open_asks_in(meeting_with_susan()) == []


def test_later_and_promises_are_open_plain_yes_and_no_are_not():
    m = meeting_with_susan()
    record_outcome(ask_for(m.asks, AskKind.GOOD_PERSON, "susan smith"), AskOutcome.YES)
    record_outcome(ask_for(m.asks, AskKind.USE_NAME, "susan smith"), AskOutcome.LATER)
    record_outcome(ask_for(m.asks, AskKind.RESUME_FEEDBACK, None), AskOutcome.YES)  # a resume to send
    record_outcome(ask_for(m.asks, AskKind.ANYONE_ELSE, None), AskOutcome.NO)
    record_outcome(ask_for(m.asks, AskKind.THANK_YOU, None), AskOutcome.LATER)  # never a thing to chase
    set_intro(ask_for(m.asks, AskKind.INTRODUCE, "susan smith"), True, date(2026, 3, 20))
    assert kinds(m) == {AskKind.USE_NAME, AskKind.RESUME_FEEDBACK, AskKind.INTRODUCE}
    labels = {o.label for o in open_asks_in(m)}
    assert "would you introduce me? — Susan Smith" in labels


def test_open_asks_are_grouped_by_person_the_oldest_meeting_first():
    older, newer = meeting_with_susan("jane", datetime(2026, 1, 5, 15)), meeting_with_susan("jane")
    other = meeting_with_susan("bob")
    for m in (older, newer, other):
        record_outcome(ask_for(m.asks, AskKind.RESUME_FEEDBACK, None), AskOutcome.LATER)
    names = {"jane": "Jane Doe", "bob": "Bob Adams"}
    groups = collect_open_asks([newer, other, older], names.get)
    assert [g.name for g in groups] == ["Bob Adams", "Jane Doe"]
    assert [a.meeting_id for a in groups[1].asks] == [older.id, newer.id]


def test_logging_an_ask_done_stores_a_done_follow_up_and_it_is_no_longer_open():
    m = meeting_with_susan()
    resume = ask_for(m.asks, AskKind.RESUME_FEEDBACK, None)
    record_outcome(resume, AskOutcome.YES)
    done = log_done(m, resume.id, now=NOW, rules=RULES, name_of={"jane": "Jane Doe"}.get)
    f = tracking_followup(m, resume)
    assert f is not None and f.done and f.done_at == NOW and f.rule_key == ask_rule_key(m, resume)
    assert f.kind is FollowUpKind.CUSTOM and "Jane Doe" in f.title
    assert done.message.startswith("Done: ")
    assert not is_open(m, resume) and open_asks_in(m) == []
    again = log_done(m, resume.id, now=NOW, rules=RULES)  # a second press changes nothing
    assert again.message.startswith("Already done") and len(m.followups) == 1


def test_a_promised_intro_is_tracked_by_its_nudge_and_regenerating_keeps_the_done(tmp_path):
    with Store.open(tmp_path / "data") as store:
        jane = store.ensure_contact("Jane Doe")
        m = meeting_with_susan(jane.id)
        record_outcome(ask_for(m.asks, AskKind.GOOD_PERSON, "susan smith"), AskOutcome.YES)
        intro = ask_for(m.asks, AskKind.INTRODUCE, "susan smith")
        resume = ask_for(m.asks, AskKind.RESUME_FEEDBACK, None)
        set_intro(intro, True, date(2026, 3, 20))
        record_outcome(resume, AskOutcome.LATER)
        store.save_meeting(m)
        finish_meeting(store, m, rules=RULES, now=ENDED)
        nudge = tracking_followup(m, intro)
        assert nudge is not None and nudge.kind is FollowUpKind.NUDGE_INTRO and not nudge.done
        log_done(m, intro.id, now=NOW, rules=RULES, name_of=store.record_name)
        log_done(m, resume.id, now=NOW, rules=RULES, name_of=store.record_name)
        assert next(f for f in m.followups if f.id == nudge.id).done  # the one follow-up, not a second
        store.save_meeting(m, now=NOW)
        finish_meeting(store, m, rules=RULES, now=NOW)  # a reopen and re-end regenerates the follow-ups
        stored = store.load_meeting(m.id)
    assert open_asks_in(stored) == []
    assert [f.done for f in stored.followups if f.rule_key == ask_rule_key(stored, resume)] == [True]
    summary_open = Store(tmp_path / "data", read_only=True).meeting_summary(m.id).open_followups
    assert nudge.id not in {f.id for f in summary_open}


def test_unknown_ask_is_a_lookup_error():
    m = meeting_with_susan()
    try:
        log_done(m, "nope", now=NOW, rules=RULES)
    except LookupError:
        pass
    else:
        raise AssertionError("expected LookupError")


def test_contact_name_comes_from_the_book():
    m = meeting_with_susan("c1")
    record_outcome(ask_for(m.asks, AskKind.RESUME_FEEDBACK, None), AskOutcome.LATER)
    book = {"c1": Contact(id="c1", name="Zoë Ørsted").name}
    assert collect_open_asks([m], book.get)[0].name == "Zoë Ørsted"
