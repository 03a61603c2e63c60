"""The meeting's questions, numbered, with their status; the current one highlighted.

Never takes focus: the note pad keeps it. Clicking a question makes it current. The mark
and number sit in their own column, so a wrapped question keeps its indent; in a narrow
terminal (``-compact``) each question is one line and the current one is shown whole
above the notes (:class:`~netbook.widgets.current_question.CurrentQuestion`).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from netbook.domain.display_text import visible_text
from netbook.domain.models import MeetingQuestion, QuestionStatus

MARKS = {QuestionStatus.PENDING: "○", QuestionStatus.ASKED: "✓", QuestionStatus.SKIPPED: "–"}


def question_prefix(index: int, status: QuestionStatus, current: bool) -> Text:
    return Text(f"{'▶' if current else ' '}{index + 1:>2} {MARKS[status]} ", style="bold" if current else "")


class QuestionRow(Horizontal):
    DEFAULT_CSS = """
    QuestionRow { height: auto; }
    QuestionRow > .question-prefix { width: 6; }
    QuestionRow > .question-text { width: 1fr; }
    QuestionRow.-asked { color: $text-muted; }
    QuestionRow.-skipped { color: $text-disabled; text-style: italic; }
    QuestionRow.-current { background: $accent 30%; color: $text; text-style: bold; }
    """

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self._prefix = Static("", classes="question-prefix", markup=False)
        self._text = Static("", classes="question-text", markup=False)

    def compose(self) -> ComposeResult:
        yield self._prefix
        yield self._text

    def set_question(self, question: MeetingQuestion, current: bool) -> None:
        self._prefix.update(question_prefix(self.index, question.status, current))
        self._text.update(Text(visible_text(question.text)))

    def on_click(self) -> None:
        self.post_message(QuestionList.Jump(self.index))


class QuestionList(VerticalScroll, can_focus=False):
    HELP_TITLE = "Questions"

    DEFAULT_CSS = """
    QuestionList { border: round $panel-lighten-2; border-title-color: $text-muted; padding: 0 1; }
    QuestionList > #questions-empty { color: $text-muted; }
    QuestionList.-compact QuestionRow > .question-text { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    class Jump(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Questions"
        self._rows: list[QuestionRow] = []

    def show(self, questions: list[MeetingQuestion], current: int) -> None:
        asked = sum(q.status is QuestionStatus.ASKED for q in questions)
        self.border_title = f"Questions {asked}/{len(questions)}"
        if len(self._rows) != len(questions):
            self.remove_children()
            self._rows = [QuestionRow(i) for i in range(len(questions))]
            if self._rows:
                self.mount_all(self._rows)
            else:
                self.mount(Static("No questions planned.", id="questions-empty"))
        for i, (row, q) in enumerate(zip(self._rows, questions, strict=True)):
            is_current = i == current
            row.set_question(q, is_current)
            row.set_class(is_current, "-current")
            row.set_class(q.status is QuestionStatus.ASKED, "-asked")
            row.set_class(q.status is QuestionStatus.SKIPPED, "-skipped")
        if 0 <= current < len(self._rows):
            self.call_after_refresh(self.scroll_to_widget, self._rows[current], animate=False, top=self.has_class("-compact"))
