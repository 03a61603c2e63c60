"""A long list of one-line rows drawn only when visible: thousands of search hits replaced per keystroke.

Rows are any objects; the owner gives ``render_row(row) -> Text`` (user text as Text,
never markup) and the list draws the visible ones, so replacing 2,000 hits costs a
list assignment, not 2,000 options. The cursor moves with the usual keys, over the rows
``selectable`` accepts (headings are skipped); Enter posts :class:`HitList.Selected`.
(The same drawing scheme as the People list.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class HitList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"hit-list--cursor", "hit-list--empty"}
    DEFAULT_CSS = """
    HitList { height: 1fr; background: $surface; overflow-x: hidden; scrollbar-gutter: stable; }
    HitList > .hit-list--cursor { background: $block-cursor-blurred-background; }
    HitList:focus > .hit-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    HitList > .hit-list--empty { color: $text-muted; text-style: italic; }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, id="hit_list.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="hit_list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="hit_list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="hit_list.page_down"),
        Binding("home", "jump(0)", "First", show=False, id="hit_list.first"),
        Binding("end", "jump(-1)", "Last", show=False, id="hit_list.last"),
        Binding("enter", "select", "Open", id="hit_list.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Selected(Message):
        def __init__(self, hit_list: HitList, row: Any) -> None:
            super().__init__()
            self.hit_list = hit_list
            self.row = row

        @property
        def control(self) -> HitList:
            return self.hit_list

    def __init__(self, render_row: Callable[[Any], Text], *, empty_text: str = "Nothing here.",
                 selectable: Callable[[Any], bool] | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._render = render_row
        self._selectable = selectable or (lambda _row: True)
        self._rows: Sequence[Any] = ()
        self.empty_text = empty_text
        self._cache: dict[tuple[int, bool, int], Strip] = {}

    @property
    def rows(self) -> Sequence[Any]:
        return self._rows

    @property
    def highlighted(self) -> Any | None:
        row = self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None
        return row if row is not None and self._selectable(row) else None

    def set_rows(self, rows: Sequence[Any], *, empty_text: str | None = None, cursor: int | None = None) -> None:
        """Show ``rows``: the cursor on the first selectable one, or near ``cursor`` (a row was removed)."""
        self._rows = rows
        if empty_text is not None:
            self.empty_text = empty_text
        self._cache.clear()
        self._set_virtual_height(len(rows))
        if cursor is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = self._nearest(cursor or 0, 1)
        self.refresh()

    def _nearest(self, index: int, step: int) -> int:
        """The first selectable row from ``index`` in direction ``step`` (else the other way; else ``index``)."""
        rows = self._rows
        index = max(0, min(index, len(rows) - 1))
        for direction in (step, -step):
            at = index
            while 0 <= at < len(rows):
                if self._selectable(rows[at]):
                    return at
                at += direction
        return index

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, value: int) -> None:
        self._cache.clear()
        height = self.scrollable_content_region.height
        if self._rows and height > 0:
            top = int(self.scroll_y)
            if value < top:
                self.scroll_to(y=value, animate=False, immediate=True)
            elif value >= top + height:
                self.scroll_to(y=value - height + 1, animate=False, immediate=True)
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self.cursor = self._nearest(self.cursor + delta, 1 if delta > 0 else -1)

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        self.cursor = self._nearest(len(self._rows) - 1, -1) if where < 0 else self._nearest(0, 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def _on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self._rows) and self._selectable(self._rows[index]):
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index
            self.focus()

    # ------------------------------------------------------------------ drawing

    def _set_virtual_height(self, height: int) -> None:
        """Resize the scrollable area without a layout pass of the whole screen."""
        size = Size(self.scrollable_content_region.width, height)
        if size == self.virtual_size:
            return
        if not self.is_mounted or self.scrollable_content_region.width <= 0:
            self.virtual_size = size
            return
        self.set_reactive(HitList.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + int(self.scroll_y)
        if not self._rows:
            lines = self.empty_text.splitlines()
            if y >= len(lines):
                return Strip.blank(width, base)
            return self._strip(Text(" " + lines[y]), width, base + self.get_component_rich_style("hit-list--empty"))
        if index >= len(self._rows):
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, selected, width)
        strip = self._cache.get(key)
        if strip is None:
            style = base + self.get_component_rich_style("hit-list--cursor") if selected else base
            strip = self._strip(Text(" ").append_text(self._render(self._rows[index])), width, style)
            if len(self._cache) > 500:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.no_wrap, text.overflow, text.end = True, "ellipsis", ""
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(text.render(self.app.console)), width).apply_style(style)
