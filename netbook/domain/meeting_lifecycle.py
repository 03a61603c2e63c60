"""Meeting lifecycle rules: plan, start, end, reopen, move through the questions. Pure functions on the models."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from netbook.domain.models import Meeting, MeetingQuestion, MeetingStatus, QuestionStatus
from netbook.domain.question_bank import Question, QuestionBank


def meeting_questions(questions: Iterable[Question]) -> list[MeetingQuestion]:
    return [MeetingQuestion(text=q.text, question_id=q.id, category=q.category) for q in questions]


def default_questions(bank: QuestionBank) -> list[MeetingQuestion]:
    return meeting_questions(bank.defaults())


def start(meeting: Meeting, now: datetime) -> Meeting:
    """Mark the meeting live; starting again keeps the original start time."""
    if meeting.started_at is None:
        meeting.started_at = now
    meeting.ended_at = None
    meeting.status = MeetingStatus.LIVE
    return meeting


def end(meeting: Meeting, now: datetime) -> Meeting:
    if meeting.started_at is None:
        meeting.started_at = now
    meeting.ended_at = now
    meeting.status = MeetingStatus.ENDED
    return meeting


def reopen(meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Ending is reversible: back to live, keeping everything recorded.

    The time it sat ended is not meeting time: it is added to ``paused_seconds``.
    """
    if meeting.ended_at is not None and now is not None and now > meeting.ended_at:
        meeting.paused_seconds += int((now - meeting.ended_at).total_seconds())
    meeting.status = MeetingStatus.LIVE
    meeting.ended_at = None
    return meeting


def elapsed_seconds(meeting: Meeting, now: datetime) -> int:
    """How long the meeting has run (or ran): start to end or now, less the time it sat ended."""
    if meeting.started_at is None:
        return 0
    stop = meeting.ended_at or now
    return max(0, int((stop - meeting.started_at).total_seconds()) - meeting.paused_seconds)


def closing_notice_seconds(planned_minutes: int, override_minutes: int | None = None) -> int:
    """How long before the planned end the clock says it is time to close.

    The asks take longer the more people were mentioned, and a long meeting mentions
    more: a twelfth of the planned length, at least 2 and at most 10 minutes (5 of 60,
    3 of 30, 2 of 15), and never more than half of a very short meeting.
    ``override_minutes`` (config ``closing_notice_minutes``) fixes it instead.
    """
    planned = max(0, planned_minutes) * 60
    if override_minutes is not None:
        return min(planned, max(0, override_minutes) * 60)
    lead = min(10 * 60, max(2 * 60, -(-planned // 12 // 60) * 60))
    return min(lead, planned // 2)


def format_elapsed(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def questions_asked(meeting: Meeting) -> list[MeetingQuestion]:
    return [q for q in meeting.questions if q.status is QuestionStatus.ASKED]


def questions_not_asked(meeting: Meeting) -> list[MeetingQuestion]:
    return [q for q in meeting.questions if q.status is not QuestionStatus.ASKED]


def next_pending_question(questions: Sequence[MeetingQuestion], after: int) -> int:
    """The next question not yet asked or skipped after ``after`` (wrapping), else simply the next one."""
    n = len(questions)
    for step in range(1, n + 1):
        i = (after + step) % n
        if questions[i].status is QuestionStatus.PENDING:
            return i
    return min(after + 1, n - 1)


def set_current_question(meeting: Meeting, index: int) -> None:
    """The question shown as current, clamped to the list (the list is not empty)."""
    meeting.current_question = max(0, min(index, len(meeting.questions) - 1))


def mark_current_question(meeting: Meeting, status: QuestionStatus) -> None:
    """Mark the current question (asked, skipped) and move on to the next one still pending."""
    current = max(0, min(meeting.current_question, len(meeting.questions) - 1))
    meeting.questions[current].status = status
    set_current_question(meeting, next_pending_question(meeting.questions, current))
