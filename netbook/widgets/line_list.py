"""The base of netbook's long lists: one-line rows drawn only when visible, replaced cheaply per keystroke.

Rows are any objects; swapping 5,000 of them for a search's matches costs a list
assignment, not a rebuild of 5,000 widgets or options. This holds the cursor (over the
rows ``selectable`` accepts; headings are skipped), its keys and clicks, the scrolling
that keeps it in view, and the drawing of visible lines with a small cache. A subclass
draws one row (:meth:`LineList.render_row`) and names its ``COMPONENT_PREFIX``
(``<prefix>--cursor`` and ``<prefix>--empty`` style the cursor row and the empty text).
Used by the People list and the search hit list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


def list_bindings(prefix: str) -> list[Binding]:
    """The keys of a line list; binding ids are ``<prefix>.up`` etc., as the keymap names them."""
    return [
        Binding("up", "cursor(-1)", "Up", show=False, id=f"{prefix}.up"),
        Binding("down", "cursor(1)", "Down", show=False, id=f"{prefix}.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id=f"{prefix}.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id=f"{prefix}.page_down"),
        Binding("home", "jump(0)", "First", show=False, id=f"{prefix}.first"),
        Binding("end", "jump(-1)", "Last", show=False, id=f"{prefix}.last"),
        Binding("enter", "select", "Open", id=f"{prefix}.open"),
    ]


class LineList(ScrollView, can_focus=True):
    COMPONENT_PREFIX: ClassVar[str] = "line-list"

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, *, empty_text: str = "Nothing here.", name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: Sequence[Any] = ()
        self.empty_text = empty_text
        self._cache: dict[tuple[int, bool, int], Strip] = {}

    # ------------------------------------------------------------------ for a subclass

    def selectable(self, row: Any) -> bool:
        """Whether the cursor may rest on ``row`` (a heading may not)."""
        return True

    def render_row(self, row: Any, selected: bool, width: int, base: Style) -> Strip:
        raise NotImplementedError

    def render_empty(self, line: str, width: int, base: Style) -> Strip:
        """One line of the text shown when there are no rows."""
        empty = self.get_component_rich_style(f"{self.COMPONENT_PREFIX}--empty")
        return self.fit(Text(" " + line), width, base + empty)

    def cursor_moved(self) -> None:
        """Called after the cursor moved (and the list was redrawn)."""

    def select(self, row: Any) -> None:
        """Enter or a double click on ``row``: a subclass posts its message."""

    # ------------------------------------------------------------------ content

    @property
    def rows(self) -> Sequence[Any]:
        return self._rows

    @property
    def highlighted(self) -> Any | None:
        row = self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None
        return row if row is not None and self.selectable(row) else None

    def replace_rows(self, rows: Sequence[Any], *, cursor: int = 0, scroll_home: bool = True) -> None:
        """Show ``rows``, the cursor on the first selectable one from ``cursor``."""
        self._rows = rows
        self._cache.clear()
        self._set_virtual_height(len(rows))
        if scroll_home:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = self._nearest(cursor, 1)
        self.refresh()

    def _nearest(self, index: int, step: int) -> int:
        """The first selectable row from ``index`` in direction ``step`` (else the other way; else ``index``)."""
        rows = self._rows
        index = max(0, min(index, len(rows) - 1))
        for direction in (step, -step):
            at = index
            while 0 <= at < len(rows):
                if self.selectable(rows[at]):
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
        self.cursor_moved()

    def action_cursor(self, delta: int) -> None:
        self.cursor = self._nearest(self.cursor + delta, 1 if delta > 0 else -1)

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        self.cursor = self._nearest(len(self._rows) - 1, -1) if where < 0 else self._nearest(0, 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.select(self.highlighted)

    def _on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self._rows) and self.selectable(self._rows[index]):
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
        self.set_reactive(LineList.virtual_size, size)
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
            return self.render_empty(lines[y], width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, selected, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self.render_row(self._rows[index], selected, width, base)
            if len(self._cache) > 500:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def fit(self, text: Text, width: int, style: Style) -> Strip:
        """One line of ``text`` cut (with an ellipsis) or padded to ``width``, under ``style``."""
        text.no_wrap, text.overflow, text.end = True, "ellipsis", ""
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(text.render(self.app.console)), width).apply_style(style)
