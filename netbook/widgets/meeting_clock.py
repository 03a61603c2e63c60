"""Elapsed against planned time; near the end it says it is time to close and how many asks are open.

The notice lives here, in the header line, never in a toast: it must not cover the note
line being typed, and it is there whenever the user looks up (also after coming back
from the checklist), without being said again.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from netbook.domain.meeting_lifecycle import format_elapsed


class MeetingClock(Static):
    DEFAULT_CSS = """
    MeetingClock { width: auto; padding: 0 1; color: $text-muted; }
    MeetingClock.-closing { background: $warning; color: $text; text-style: bold; }
    MeetingClock.-over { background: $error; color: $text; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.elapsed = 0
        self.planned_minutes = 30
        self.phase = "running"  # running | closing | over

    @staticmethod
    def phase_of(elapsed_seconds: int, planned_minutes: int, notice_seconds: int) -> str:
        planned = planned_minutes * 60
        if elapsed_seconds >= planned:
            return "over"
        if elapsed_seconds >= planned - notice_seconds:
            return "closing"
        return "running"

    def show(self, elapsed_seconds: int, planned_minutes: int, notice_seconds: int, open_asks: int | None = None,
             closing_key: str = "^l") -> str:
        """Draw the clock (with the open-ask count once it is time to close) and return its phase."""
        self.elapsed, self.planned_minutes = elapsed_seconds, planned_minutes
        phase = self.phase_of(elapsed_seconds, planned_minutes, notice_seconds)
        self.phase = phase
        self.set_class(phase == "closing", "-closing")
        self.set_class(phase == "over", "-over")
        text = f"{format_elapsed(elapsed_seconds)} / {format_elapsed(planned_minutes * 60)}"
        if phase != "running":
            text += " · time to close" if phase == "closing" else " · over time"
            if open_asks is not None:
                text += f": {open_asks} ask{'' if open_asks == 1 else 's'} open, {closing_key}"
        self.update(Text(text))
        return phase
