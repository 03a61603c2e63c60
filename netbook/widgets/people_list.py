"""A long list of people or organizations that can be replaced cheaply on every keystroke.

Rows are one line each and drawn only when visible, so swapping 5,000 rows for the
matches of a search costs a list assignment, not a rebuild of 5,000 widgets or options.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netbook.domain.contact_search import SearchEntry
from netbook.domain.display_text import visible_text


class PeopleList(ScrollView, can_focus=True):
    """One-line rows of :class:`SearchEntry`; posts Highlighted as the cursor moves, Selected on enter."""

    COMPONENT_CLASSES = {"people-list--cursor", "people-list--detail", "people-list--badge", "people-list--empty"}
    DEFAULT_CSS = """
    PeopleList { height: 1fr; background: $surface; overflow-x: hidden; scrollbar-gutter: stable; }
    PeopleList > .people-list--cursor { background: $block-cursor-blurred-background; }
    PeopleList:focus > .people-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    PeopleList > .people-list--detail { color: $text-muted; }
    PeopleList > .people-list--badge { color: $warning; }
    PeopleList > .people-list--empty { color: $text-muted; text-style: italic; }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, id="people_list.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="people_list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="people_list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="people_list.page_down"),
        Binding("home", "jump(0)", "First", show=False, id="people_list.first"),
        Binding("end", "jump(-1)", "Last", show=False, id="people_list.last"),
        Binding("enter", "select", "Open", id="people_list.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, people_list: PeopleList, entry: SearchEntry | None) -> None:
            super().__init__()
            self.people_list = people_list
            self.entry = entry

        @property
        def control(self) -> PeopleList:
            return self.people_list

    class Selected(Highlighted):
        pass

    def __init__(self, *, empty_text: str = "Nobody here yet.", badges: dict[str, str] | None = None,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: Sequence[SearchEntry] = ()
        self.empty_text = empty_text
        self.badges = badges or {}  # id -> short badge shown after the name (e.g. "due")
        self._line_cache: dict[tuple[int, str, bool, int], Strip] = {}

    # ------------------------------------------------------------------ content

    @property
    def rows(self) -> Sequence[SearchEntry]:
        return self._rows

    @property
    def highlighted(self) -> SearchEntry | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def set_rows(self, rows: Sequence[SearchEntry], *, keep_id: str | None = None) -> None:
        """Show ``rows``; the cursor goes to ``keep_id`` if present, else the first row."""
        self._rows = rows
        self._line_cache.clear()
        self._set_virtual_height(len(rows))
        index = 0
        if keep_id is not None:
            for i, row in enumerate(rows):
                if row.id == keep_id:
                    index = i
                    break
        self.scroll_to(y=0, animate=False, immediate=True) if index == 0 else None
        self.cursor = index
        self.refresh()

    def select_id(self, record_id: str) -> bool:
        for i, row in enumerate(self._rows):
            if row.id == record_id:
                self.cursor = i
                return True
        return False

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, value: int) -> None:
        self._line_cache.clear()
        if self._rows:
            self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_jump(self, where: int) -> None:
        self.cursor = len(self._rows) - 1 if where < 0 else 0

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def _on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self._rows):
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index
            self.focus()

    # ------------------------------------------------------------------ drawing

    def _set_virtual_height(self, height: int) -> None:
        """Resize the scrollable area without a layout pass (the widget's own size does not change).

        Assigning ``virtual_size`` would re-lay out and repaint the whole screen on every
        keystroke; the scrollbar gutter is stable, so only the list and its scrollbar change.
        """
        size = Size(self.scrollable_content_region.width, height)
        if size == self.virtual_size:
            return
        if not self.is_mounted or self.scrollable_content_region.width <= 0:
            self.virtual_size = size
            return
        self.set_reactive(PeopleList.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def on_resize(self) -> None:
        self._line_cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        base = self.rich_style
        if not self._rows:
            lines = self.empty_text.splitlines()
            if y < len(lines):
                style = self.get_component_rich_style("people-list--empty")
                text = Text(" " + lines[y], style=style, no_wrap=True, overflow="ellipsis", end="")
                text.truncate(width, overflow="ellipsis", pad=True)
                return Strip(list(text.render(self.app.console)), width).apply_style(base)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        selected = index == self.cursor
        key = (index, row.id, selected, width)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_row(row, selected, width, base)
            if len(self._line_cache) > 500:
                self._line_cache.clear()
            self._line_cache[key] = strip
        return strip

    def _render_row(self, row: SearchEntry, selected: bool, width: int, base: Style) -> Strip:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(" ")
        text.append(visible_text(row.name) or "(no name)", style=Style(bold=True))
        badge = self.badges.get(row.id)
        if badge:
            text.append(f" {badge}", style=self.get_component_rich_style("people-list--badge"))
        if row.detail:
            text.append("  ")
            text.append(visible_text(row.detail), style=self.get_component_rich_style("people-list--detail"))
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = list(text.render(self.app.console))
        if selected:
            cursor = self.get_component_rich_style("people-list--cursor")
            segments = list(Segment.apply_style(segments, post_style=cursor))
        return Strip(segments, width).apply_style(base)
