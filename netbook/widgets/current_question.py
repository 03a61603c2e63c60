"""The current question in full, above the notes, when the question list is too narrow to show it whole."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from netbook.domain.display_text import visible_text
from netbook.domain.models import MeetingQuestion
from netbook.widgets.question_list import question_prefix


class CurrentQuestion(Horizontal):
    DEFAULT_CSS = """
    CurrentQuestion { height: auto; max-height: 3; background: $accent 25%; padding: 0 1; }
    CurrentQuestion > #current-question-prefix { width: 6; text-style: bold; }
    CurrentQuestion > #current-question-text { width: 1fr; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="current-question-prefix", markup=False)
        yield Static("", id="current-question-text", markup=False)

    def show(self, questions: list[MeetingQuestion], current: int) -> None:
        prefix, text = Text(""), Text("No questions planned.", style="dim")
        if 0 <= current < len(questions):
            question = questions[current]
            prefix = question_prefix(current, question.status, True)
            text = Text(visible_text(question.text))
        self.query_one("#current-question-prefix", Static).update(prefix)
        self.query_one("#current-question-text", Static).update(text)
