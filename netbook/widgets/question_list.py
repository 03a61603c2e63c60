"""The meeting's questions, numbered, with their status; the current one highlighted.

Never takes focus: the note pad keeps it. Clicking a question makes it current.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from netbook.display_text import visible_text
from netbook.models import MeetingQuestion, QuestionStatus

MARKS = {QuestionStatus.PENDING: "○", QuestionStatus.ASKED: "✓", QuestionStatus.SKIPPED: "–"}


class QuestionRow(Static):
    DEFAULT_CSS = """
    QuestionRow { padding: 0 0 0 0; }
    QuestionRow.-asked { color: $text-muted; }
    QuestionRow.-skipped { color: $text-disabled; text-style: italic; }
    QuestionRow.-current { background: $accent 30%; color: $text; text-style: bold; }
    """

    def __init__(self, index: int) -> None:
        super().__init__("", markup=False)
        self.index = index

    def on_click(self) -> None:
        self.post_message(QuestionList.Jump(self.index))


class QuestionList(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    QuestionList { border: round $panel-lighten-2; border-title-color: $text-muted; padding: 0 1; }
    QuestionList > #questions-empty { color: $text-muted; }
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
            text = Text()
            text.append(f"{'▶' if is_current else ' '}{i + 1:>2} {MARKS[q.status]} ", style="bold" if is_current else "")
            text.append(visible_text(q.text))
            row.update(text)
            row.set_class(is_current, "-current")
            row.set_class(q.status is QuestionStatus.ASKED, "-asked")
            row.set_class(q.status is QuestionStatus.SKIPPED, "-skipped")
        if 0 <= current < len(self._rows):
            self.call_after_refresh(self.scroll_to_widget, self._rows[current], animate=False)
