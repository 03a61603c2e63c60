"""Follow-up rules: due dates, merging by rule key, done/snooze, check-ins reset by contact."""

from __future__ import annotations

from datetime import date, datetime

from netbook.domain.closing_checklist import build_checklist, record_outcome, set_channel, set_intro
from netbook.storage.config import Config, FollowUpRules
from netbook.domain.followups import (
    complete_checkin,
    generate_followups,
    is_due,
    log_contact,
    mark_done,
    merge_followups,
    snooze,
    sort_followups,
)
from netbook.domain.closing_checklist import leads
from netbook.domain.meeting_lifecycle import end, reopen, start
from netbook.domain.models import (
    AskKind,
    AskOutcome,
    Channel,
    Contact,
    FollowUp,
    FollowUpKind,
    LeadStatus,
    Meeting,
    Mention,
    MentionKind,
)
from netbook.storage.store import Store
from netbook.domain.meeting_wrapup import finish_meeting

RULES = FollowUpRules()
ENDED = datetime(2026, 3, 10, 14, 30)


def ended_meeting(*mentions: Mention) -> Meeting:
    m = Meeting(contact_id="jane", mentions=list(mentions), started_at=datetime(2026, 3, 10, 14), ended_at=ENDED)
    m.asks = build_checklist(m, contact_name="Jane Doe")
    return m


def susan() -> list[Mention]:
    return [
        Mention(kind=MentionKind.ORGANIZATION, name="Citibank", first_line=0),
        Mention(kind=MentionKind.PERSON, name="Susan Smith", organization_key="citibank", first_line=0),
    ]


def say_yes_to_susan(m: Meeting, *, use_name: bool | None, intro_by: date | None = None) -> None:
    good, channel, name, intro = m.asks[:4]
    record_outcome(good, AskOutcome.YES)
    set_channel(channel, Channel.EMAIL)
    if use_name is not None:
        record_outcome(name, AskOutcome.YES if use_name else AskOutcome.NO)
    if intro_by:
        set_intro(intro, True, intro_by)


def by_kind(followups: list[FollowUp]) -> dict[FollowUpKind, list[FollowUp]]:
    out: dict[FollowUpKind, list[FollowUp]] = {}
    for f in followups:
        out.setdefault(f.kind, []).append(f)
    return out


def test_default_rules_kept():
    assert Config().followups == FollowUpRules(
        thank_you_days=1, contact_lead_days=3, nudge_intro_days=7, close_loop_days=2, checkin_weeks=4, snooze_days=3
    )


def test_no_leads_thank_you_and_checkin():
    m = ended_meeting()
    jane = Contact(id="jane", name="Jane Doe")
    out = generate_followups(m, contact=jane, leads=leads(m, "Jane Doe"), rules=RULES, today=date(2026, 3, 12))
    kinds = by_kind(out)
    assert set(kinds) == {FollowUpKind.THANK_YOU, FollowUpKind.CHECK_IN}
    assert kinds[FollowUpKind.THANK_YOU][0].due == date(2026, 3, 11)  # from the meeting, not today
    assert kinds[FollowUpKind.THANK_YOU][0].title == "Send Jane Doe a thank-you note"
    assert kinds[FollowUpKind.CHECK_IN][0].due == date(2026, 4, 7)  # no logged contact: meeting + 4 weeks


def test_lead_with_permission_and_promised_intro():
    m = ended_meeting(*susan())
    say_yes_to_susan(m, use_name=True, intro_by=date(2026, 3, 13))
    jane = Contact(id="jane", name="Jane Doe")
    out = by_kind(generate_followups(m, contact=jane, leads=leads(m, "Jane Doe"), rules=RULES, today=ENDED.date()))
    lead = out[FollowUpKind.CONTACT_LEAD][0]
    assert lead.due == date(2026, 3, 13)
    assert lead.title == "E-mail Susan Smith (Citibank) — you may say Jane Doe sent you"
    nudge = out[FollowUpKind.NUDGE_INTRO][0]
    assert nudge.due == date(2026, 3, 20) and nudge.contact_id == "jane"
    assert "Susan Smith" in nudge.title


def test_lead_without_permission_never_names_the_referrer():
    m = ended_meeting(*susan())
    say_yes_to_susan(m, use_name=False)
    jane = Contact(id="jane", name="Jane Doe")
    out = by_kind(generate_followups(m, contact=jane, leads=leads(m, "Jane Doe"), rules=RULES, today=ENDED.date()))
    lead = out[FollowUpKind.CONTACT_LEAD][0]
    assert "Jane" not in lead.title and "don't name the referrer" in lead.title
    assert FollowUpKind.NUDGE_INTRO not in out


def test_nudge_skipped_once_lead_contacted():
    m = ended_meeting(*susan())
    say_yes_to_susan(m, use_name=True, intro_by=date(2026, 3, 13))
    lead = Contact(name="Susan Smith", lead_status=LeadStatus.CONTACTED)
    out = by_kind(
        generate_followups(
            m,
            contact=Contact(id="jane", name="Jane Doe"),
            leads=leads(m, "Jane Doe"),
            rules=RULES,
            today=ENDED.date(),
            lead_contacts={"susan smith": lead},
        )
    )
    assert FollowUpKind.NUDGE_INTRO not in out
    assert out[FollowUpKind.CONTACT_LEAD][0].contact_id == lead.id


def test_close_the_loop_with_referrer():
    m = ended_meeting()
    jane = Contact(id="jane", name="Jane Doe", referred_by_id="ann")
    ann = Contact(id="ann", name="Ann Lee")
    out = by_kind(generate_followups(m, contact=jane, leads=[], rules=RULES, today=ENDED.date(), referrer=ann))
    loop = out[FollowUpKind.CLOSE_LOOP][0]
    assert loop.title == "Tell Ann Lee how it went with Jane" and loop.due == date(2026, 3, 12)
    assert loop.contact_id == "ann"


def test_configurable_days():
    rules = FollowUpRules(thank_you_days=0, checkin_weeks=2)
    m = ended_meeting()
    out = by_kind(generate_followups(m, contact=Contact(id="jane", name="J"), leads=[], rules=rules, today=ENDED.date()))
    assert out[FollowUpKind.THANK_YOU][0].due == date(2026, 3, 10)
    assert out[FollowUpKind.CHECK_IN][0].due == date(2026, 3, 24)


def test_checkin_reset_by_logged_contact():
    jane = Contact(id="jane", name="Jane Doe")
    log_contact(jane, date(2026, 3, 10), RULES)
    assert jane.next_checkin == date(2026, 4, 7)
    m = ended_meeting()
    old = generate_followups(m, contact=jane, leads=[], rules=RULES, today=ENDED.date())
    log_contact(jane, date(2026, 3, 30), RULES)  # e.g. a coffee logged on the people screen
    merged = merge_followups(old, generate_followups(m, contact=jane, leads=[], rules=RULES, today=ENDED.date()))
    checkin = by_kind(merged)[FollowUpKind.CHECK_IN]
    assert len(checkin) == 1 and checkin[0].due == date(2026, 4, 27)
    assert checkin[0].id == by_kind(old)[FollowUpKind.CHECK_IN][0].id


def test_complete_checkin_recurs():
    jane = Contact(id="jane", name="Jane Doe")
    f = FollowUp(kind=FollowUpKind.CHECK_IN, title="Check in", due=date(2026, 4, 7), rule_key="check_in:jane")
    record, live = complete_checkin(f, jane, datetime(2026, 4, 8, 9), RULES)
    assert record.done and record.rule_key == "check_in:jane@2026-04-08" and record.id != live.id
    assert not live.done and live.due == date(2026, 5, 6) and jane.last_contact == date(2026, 4, 8)


def test_merge_keeps_done_and_snoozed_never_duplicates():
    m = ended_meeting(*susan())
    say_yes_to_susan(m, use_name=True)
    jane = Contact(id="jane", name="Jane Doe")
    first = generate_followups(m, contact=jane, leads=leads(m, "Jane Doe"), rules=RULES, today=ENDED.date())
    mark_done(first[0], datetime(2026, 3, 10, 18))
    snooze(first[1], date(2026, 3, 11), 3)
    custom = FollowUp(kind=FollowUpKind.CUSTOM, title="Send article", due=date(2026, 3, 30))
    existing = [*first, custom]
    again = merge_followups(existing, generate_followups(m, contact=jane, leads=leads(m, "Jane Doe"), rules=RULES, today=ENDED.date()))
    assert [f.id for f in again] == [f.id for f in existing]
    assert again[0].done and again[1].snoozed_until == date(2026, 3, 14)
    # after a reopen Susan became a "no": her untouched nudge... and lead follow-up (snoozed) stays
    record_outcome(m.asks[0], AskOutcome.NO)
    later = merge_followups(again, generate_followups(m, contact=jane, leads=leads(m, "Jane Doe"), rules=RULES, today=ENDED.date()))
    assert [f.kind for f in later].count(FollowUpKind.CONTACT_LEAD) == 1  # snoozed: kept
    assert custom in later


def test_untouched_stale_followup_dropped():
    m = ended_meeting(*susan())
    say_yes_to_susan(m, use_name=True)
    jane = Contact(id="jane", name="Jane Doe")
    first = generate_followups(m, contact=jane, leads=leads(m, "Jane Doe"), rules=RULES, today=ENDED.date())
    record_outcome(m.asks[0], AskOutcome.NO)
    later = merge_followups(first, generate_followups(m, contact=jane, leads=leads(m, "Jane Doe"), rules=RULES, today=ENDED.date()))
    assert FollowUpKind.CONTACT_LEAD not in by_kind(later)


def test_snooze_and_due_and_sort():
    f = FollowUp(kind=FollowUpKind.THANK_YOU, title="b", due=date(2026, 3, 11))
    g = FollowUp(kind=FollowUpKind.CUSTOM, title="a", due=date(2026, 3, 12))
    assert is_due(f, date(2026, 3, 11))
    snooze(f, date(2026, 3, 11), 3)
    assert f.effective_due() == date(2026, 3, 14) and not is_due(f, date(2026, 3, 11))
    snooze(f, date(2026, 3, 11), 3)
    assert f.effective_due() == date(2026, 3, 17)
    assert sort_followups([f, g]) == [g, f]
    mark_done(g, datetime(2026, 3, 11))
    assert sort_followups([f, g]) == [f, g] and not is_due(g, date(2026, 4, 1))


def test_finish_meeting_creates_leads_and_is_idempotent(data_dir):
    store = Store.open(data_dir)
    try:
        ann = store.ensure_contact("Ann Lee")
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        jane.referred_by_id = ann.id
        jane.lead_status = LeadStatus.TO_CONTACT
        store.save_contact(jane)
        meeting = store.create_meeting(jane, mentions=susan())
        start(meeting, datetime(2026, 3, 10, 14))
        meeting.asks = build_checklist(meeting, contact_name="Jane Doe")
        say_yes_to_susan(meeting, use_name=True, intro_by=date(2026, 3, 13))
        end(meeting, ENDED)
        result = finish_meeting(store, meeting, rules=RULES, now=ENDED)
        assert [i.mention.name for i in result.leads] == ["Susan Smith"]
        susan_c = store.find_contact("Susan Smith")
        assert susan_c.referred_by_id == jane.id and susan_c.referred_in_meeting_id == meeting.id
        assert susan_c.preferred_channel is Channel.EMAIL and susan_c.may_use_referrer_name is True
        assert susan_c.intro_promised is True and susan_c.intro_by == date(2026, 3, 13)
        assert susan_c.lead_status is LeadStatus.TO_CONTACT
        assert store.organization_name(susan_c) == "Citibank"
        jane = store.get_contact(jane.id)
        assert jane.last_contact == date(2026, 3, 10) and jane.lead_status is LeadStatus.MET
        kinds = sorted(f.kind.value for f in meeting.followups)
        assert kinds == ["check_in", "close_loop", "contact_lead", "nudge_intro", "thank_you"]
        # reopen, add a name, end again: no duplicates anywhere
        reopen(meeting)
        meeting.mentions.append(Mention(kind=MentionKind.PERSON, name="Raj", first_line=5))
        meeting.asks = build_checklist(meeting, contact_name="Jane Doe")
        record_outcome(next(a for a in meeting.asks if a.subject == "raj" and a.kind is AskKind.GOOD_PERSON), AskOutcome.YES)
        end(meeting, datetime(2026, 3, 10, 14, 45))
        finish_meeting(store, meeting, rules=RULES, now=datetime(2026, 3, 10, 14, 45))
        keys = [f.rule_key for f in meeting.followups]
        assert len(keys) == len(set(keys)) == 6
        assert [c.name for c in store.contacts()] == ["Ann Lee", "Jane Doe", "Raj", "Susan Smith"]
    finally:
        store.close()
    fresh = Store(data_dir, read_only=True)
    stored = fresh.load_meeting(meeting.id)
    assert len(stored.followups) == 6 and len(stored.asks) == len(meeting.asks)
    assert next(m for m in stored.mentions if m.name == "Susan Smith").contact_id == susan_c.id


def test_newer_meeting_supersedes_older_checkin(data_dir):
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe")
        first = store.create_meeting(jane)
        start(first, datetime(2026, 2, 1, 10))
        end(first, datetime(2026, 2, 1, 10, 30))
        finish_meeting(store, first, rules=RULES, now=datetime(2026, 2, 1, 10, 30))
        second = store.create_meeting(jane)
        start(second, ENDED)
        end(second, ENDED)
        finish_meeting(store, second, rules=RULES, now=ENDED)
        older = store.load_meeting(first.id)
        assert [f.done for f in older.followups if f.kind is FollowUpKind.CHECK_IN] == [True]
        assert [f.due for f in second.followups if f.kind is FollowUpKind.CHECK_IN] == [date(2026, 4, 7)]


def test_apply_is_the_one_rule_for_done_snooze_and_checkins():
    from netbook.domain.followups import FollowUpAction, apply

    rules = FollowUpRules()
    jane = Contact(name="Jane Doe")
    meeting = ended_meeting()
    meeting.followups = generate_followups(meeting, contact=jane, leads=[], rules=rules, today=date(2026, 3, 10))
    thank = next(f for f in meeting.followups if f.kind is FollowUpKind.THANK_YOU)
    checkin = next(f for f in meeting.followups if f.kind is FollowUpKind.CHECK_IN)
    now = datetime(2026, 3, 12, 9, 0)
    first = apply(meeting, thank.id, FollowUpAction.SNOOZE, contact=None, now=now, rules=rules)
    assert thank.snoozed_until == date(2026, 3, 15) and "Sun Mar 15" in first.message
    apply(meeting, thank.id, "snooze", contact=None, now=now, rules=rules)
    assert thank.snoozed_until == date(2026, 3, 18)  # adds to the earlier snooze
    done = apply(meeting, thank.id, "done", contact=None, now=now, rules=rules)
    assert thank.done and thank.done_at == now and done.contact is None
    apply(meeting, thank.id, "undo", contact=None, now=now, rules=rules)
    assert not thank.done and thank.done_at is None
    logged = apply(meeting, checkin.id, "done", contact=jane, now=now, rules=rules)
    assert logged.contact is jane and jane.last_contact == date(2026, 3, 12)
    assert not checkin.done and checkin.due == date(2026, 4, 9)  # the live one moved on
    assert [f.done for f in meeting.followups if f.kind is FollowUpKind.CHECK_IN] == [False, True]
