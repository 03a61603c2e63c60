"""Follow-ups as iCalendar VTODOs, parsed back with the icalendar library."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import icalendar
from interop_book import EXPORT_NOW, make_meeting

from netbook.domain.followups import mark_done
from netbook.domain.models import FollowUpKind
from netbook.interop.ics import followup_uid, followups_ics
from netbook.storage.config import FollowUpRules


def todos(data: bytes) -> dict[str, icalendar.Todo]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(t["summary"]): t for t in calendar.walk("VTODO")}


def export(store, meetings, **kw) -> bytes:
    return followups_ics(store, meetings, now=EXPORT_NOW, **kw)


def test_one_vtodo_per_followup_with_every_field(store):
    meeting = make_meeting(store)
    data = export(store, [meeting])
    found = todos(data)
    assert len(found) == len(meeting.followups)
    thanks = next(f for f in meeting.followups if f.kind is FollowUpKind.THANK_YOU)
    todo = found[thanks.title]
    assert str(todo["uid"]) == followup_uid(thanks)
    assert todo.decoded("due") == thanks.due == date(2026, 3, 11)
    assert todo.decoded("dtstamp") == EXPORT_NOW.astimezone(timezone.utc)
    assert str(todo["status"]) == "NEEDS-ACTION"
    assert int(todo["priority"]) == 1
    assert [str(c) for c in todo["categories"].cats] == ["netbook", "thank-you"]
    assert str(todo["description"]) == 'From your meeting with Jane Doe (Acme; Ltd, "Global") on 2026-03-10.'
    assert "RRULE" not in todo and not todo.walk("VALARM")


def test_a_lead_followup_names_the_meeting_and_the_lead(store):
    meeting = make_meeting(store)
    lead = next(f for f in meeting.followups if f.kind is FollowUpKind.CONTACT_LEAD)
    todo = todos(export(store, [meeting]))[lead.title]
    assert str(todo["description"]).splitlines() == [
        'From your meeting with Jane Doe (Acme; Ltd, "Global") on 2026-03-10.',
        "Lead: Susan Smith (Citibank), suggested by Jane Doe.",
    ]


def test_check_ins_recur_every_interval(store):
    meeting = make_meeting(store)
    checkin = next(f for f in meeting.followups if f.kind is FollowUpKind.CHECK_IN)
    todo = todos(export(store, [meeting], rules=FollowUpRules(checkin_weeks=6)))[checkin.title]
    rule = todo["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [6]
    assert todo.decoded("dtstart") < todo.decoded("due") == checkin.due  # RFC 5545: DUE after DTSTART


def test_done_followups_are_completed(store):
    meeting = make_meeting(store)
    thanks = next(f for f in meeting.followups if f.kind is FollowUpKind.THANK_YOU)
    mark_done(thanks, datetime(2026, 3, 11, 8, 30))
    todo = todos(export(store, [meeting]))[thanks.title]
    assert str(todo["status"]) == "COMPLETED"
    assert todo.decoded("completed") == datetime(2026, 3, 11, 8, 30).astimezone(timezone.utc)
    assert int(todo["percent-complete"]) == 100


def test_uids_are_stable_so_a_reimport_updates(store):
    meeting = make_meeting(store)
    first = {str(t["uid"]) for t in todos(export(store, [meeting])).values()}
    snoozed = next(f for f in meeting.followups if f.kind is FollowUpKind.THANK_YOU)
    snoozed.snoozed_until = date(2026, 3, 20)
    again = todos(export(store, [meeting]))
    assert {str(t["uid"]) for t in again.values()} == first
    assert again[snoozed.title].decoded("due") == date(2026, 3, 20)


def test_one_check_in_per_person_across_meetings(store):
    first = make_meeting(store)
    second = store.load_meeting(first.id).model_copy(update={"id": "second000000", "started_at": datetime(2026, 4, 1, 9)})
    second.followups = [f.model_copy(update={"id": f"{f.id}x"}) for f in second.followups if f.kind is FollowUpKind.CHECK_IN]
    data = export(store, [first, second])
    checkins = [t for t in icalendar.Calendar.from_ical(data).walk("VTODO") if "RRULE" in t]
    assert len(checkins) == 1


def test_alarm_rings_on_the_due_day(store):
    meeting = make_meeting(store)
    found = todos(export(store, [meeting], alarm=time(9, 30)))
    alarms = [a for t in found.values() for a in t.walk("VALARM")]
    assert len(alarms) == len(found)
    alarm = alarms[0]
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(hours=9, minutes=30)
    assert alarm["trigger"].params["RELATED"] == "END"


def test_lines_are_crlf_and_folded_within_75_octets(store):
    meeting = make_meeting(store)
    meeting.followups[0].title = "Send Zoë Ñúñez-Ørsted 🎉 a thank-you — " * 4
    data = export(store, [meeting])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    assert str(todos(data)[meeting.followups[0].title]["summary"]) == meeting.followups[0].title


def test_hostile_titles_round_trip(store):
    meeting = make_meeting(store)
    hostile = "[bold]Eve[/] \x1b[31m\u0007 ;,\\ \"q\" 🎉 مرحبا\nsecond line"
    meeting.followups[0].title = hostile
    assert hostile in todos(export(store, [meeting]))
