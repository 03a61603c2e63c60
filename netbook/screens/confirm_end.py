"""Asked once before ending a meeting that has barely begun (a double ctrl+g, a slip of the finger).

A meeting under two minutes old, or with nothing typed, is far more likely ended by
accident than on purpose; anything longer ends on the first ctrl+g, as the user expects.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from netbook.domain.meeting_lifecycle import format_elapsed

CONFIRM_UNDER_SECONDS = 120


def needs_confirmation(elapsed_seconds: int, notes: str) -> bool:
    return elapsed_seconds < CONFIRM_UNDER_SECONDS or not notes.strip()


class ConfirmEndScreen(ModalScreen[bool]):
    HELP_TITLE = "End the meeting?"

    DEFAULT_CSS = """
    ConfirmEndScreen { align: center middle; }
    ConfirmEndScreen > Vertical {
        width: 60; max-width: 100%; height: auto; border: round $warning; background: $panel; padding: 0 1;
    }
    ConfirmEndScreen #confirm-end-keys { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [
        Binding("y,enter", "answer(True)", "End it", id="confirm_end.yes"),
        Binding("n,escape", "answer(False)", "Keep it open", id="confirm_end.no"),
    ]

    def __init__(self, who: str, elapsed_seconds: int, notes: str) -> None:
        super().__init__()
        self._who, self._elapsed, self._notes = who, elapsed_seconds, notes

    def compose(self) -> ComposeResult:
        why = []
        if self._elapsed < CONFIRM_UNDER_SECONDS:
            why.append(f"it started {format_elapsed(self._elapsed)} ago")
        if not self._notes.strip():
            why.append("nothing is written yet")
        text = Text()
        text.append("End the meeting", style="bold")
        if self._who:
            text.append(" with ", style="bold")
            text.append(self._who, style="bold")
        text.append("?\n")
        text.append(" and ".join(why).capitalize() + ".")
        with Vertical():
            yield Static(text, id="confirm-end-question", markup=False)
            yield Static("y / Enter  end it     n / Esc  keep it open", id="confirm-end-keys", markup=False)

    def action_answer(self, end: bool) -> None:
        self.dismiss(end)
