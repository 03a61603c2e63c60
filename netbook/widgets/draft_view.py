"""One drafted e-mail at a time, with its place in the list (left / right to switch)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from netbook.domain.display_text import one_line, visible_text
from netbook.domain.drafts import Draft


class DraftView(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    DraftView { height: 1fr; border: tall $border-blurred; padding: 0 1; background: $surface; }
    DraftView:focus { border: tall $border; }
    DraftView > #draft-title { color: $text-accent; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "previous", "Previous draft", id="drafts.previous", show=False),
        Binding("right", "next", "Next draft", id="drafts.next", show=False),
    ]

    index: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.drafts: list[Draft] = []

    def compose(self):
        yield Static("", id="draft-title")
        yield Static("", id="draft-body")

    def show(self, drafts: list[Draft]) -> None:
        current = self.current.key if self.current else None
        self.drafts = drafts
        keys = [d.key for d in drafts]
        self.index = keys.index(current) if current in keys else 0
        self._render_draft()

    @property
    def current(self) -> Draft | None:
        return self.drafts[self.index] if 0 <= self.index < len(self.drafts) else None

    def watch_index(self) -> None:
        self._render_draft()

    def _render_draft(self) -> None:
        if not self.is_mounted:
            return
        draft = self.current
        title = self.query_one("#draft-title", Static)
        body = self.query_one("#draft-body", Static)
        if draft is None:
            title.update(Text("No drafts."))
            body.update("")
            return
        head = Text(f"{self.index + 1}/{len(self.drafts)}  ")
        head.append(one_line(draft.title))
        if draft.sent_at is not None:
            head.append(f"  ✓ sent {draft.sent_at:%a %d %b}", style="bold green not dim")
        if len(self.drafts) > 1:
            head.append("   ←/→ or [ ] other drafts", style="dim not bold")
        title.update(head)
        body.update(Text(visible_text(draft.text(), keep_newlines=True)))
        self.scroll_home(animate=False)

    def action_previous(self) -> None:
        if self.drafts:
            self.index = (self.index - 1) % len(self.drafts)

    def action_next(self) -> None:
        if self.drafts:
            self.index = (self.index + 1) % len(self.drafts)
