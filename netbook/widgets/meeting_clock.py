"""Elapsed against planned time; changes style when it is time to close and when over."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from netbook.meetings import format_elapsed


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

    def show(self, elapsed_seconds: int, planned_minutes: int, notice_minutes: int) -> str:
        """Draw the clock and return its phase ("running", "closing" or "over")."""
        self.elapsed, self.planned_minutes = elapsed_seconds, planned_minutes
        planned = planned_minutes * 60
        if elapsed_seconds >= planned:
            phase = "over"
        elif elapsed_seconds >= planned - notice_minutes * 60:
            phase = "closing"
        else:
            phase = "running"
        self.phase = phase
        self.set_class(phase == "closing", "-closing")
        self.set_class(phase == "over", "-over")
        label = {"running": "", "closing": " close now", "over": " over time"}[phase]
        self.update(Text(f"{format_elapsed(elapsed_seconds)} / {format_elapsed(planned)}{label}"))
        return phase
