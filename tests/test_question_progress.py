"""Moving through a meeting's questions (netbook.domain.meeting_lifecycle): marked, moved on, wrapped."""

from __future__ import annotations

from netbook.domain.meeting_lifecycle import mark_current_question, next_pending_question, set_current_question
from netbook.domain.models import Meeting, MeetingQuestion, QuestionStatus


def meeting(statuses: list[QuestionStatus], current: int = 0) -> Meeting:
    questions = [MeetingQuestion(text=f"Q{i}", status=s) for i, s in enumerate(statuses)]
    return Meeting(contact_id="c1", questions=questions, current_question=current)


P, A, S = QuestionStatus.PENDING, QuestionStatus.ASKED, QuestionStatus.SKIPPED


def test_marking_moves_on_to_the_next_pending_question_wrapping_round() -> None:
    m = meeting([P, A, P, P], current=3)
    mark_current_question(m, A)
    assert [q.status for q in m.questions] == [P, A, P, A]
    assert m.current_question == 0  # wrapped past the end, skipping nothing pending
    mark_current_question(m, S)
    assert m.current_question == 2  # question 1 was already asked


def test_with_nothing_pending_the_next_question_is_simply_the_next_one_clamped() -> None:
    assert next_pending_question([MeetingQuestion(text="a", status=A), MeetingQuestion(text="b", status=S)], 0) == 1
    assert next_pending_question([MeetingQuestion(text="a", status=A), MeetingQuestion(text="b", status=S)], 1) == 1


def test_the_current_question_is_clamped_to_the_list() -> None:
    m = meeting([P, P, P])
    set_current_question(m, 7)
    assert m.current_question == 2
    set_current_question(m, -3)
    assert m.current_question == 0
