"""A long list of one-line rows drawn only when visible: thousands of search hits replaced per keystroke.

Rows are any objects; the owner gives ``render_row(row) -> Text`` (user text as Text,
never markup) and the list draws the visible ones, so replacing 2,000 hits costs a
list assignment, not 2,000 options. The cursor moves with the usual keys, over the rows
``selectable`` accepts (headings are skipped); Enter posts :class:`HitList.Selected`.
(The drawing, cursor and scrolling are :class:`LineList`'s, as for the People list.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from netbook.widgets.line_list import LineList, list_bindings


class HitList(LineList):
    COMPONENT_PREFIX = "hit-list"
    COMPONENT_CLASSES = {"hit-list--cursor", "hit-list--empty"}
    DEFAULT_CSS = """
    HitList { height: 1fr; background: $surface; overflow-x: hidden; scrollbar-gutter: stable; }
    HitList > .hit-list--cursor { background: $block-cursor-blurred-background; }
    HitList:focus > .hit-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    HitList > .hit-list--empty { color: $text-muted; text-style: italic; }
    """
    BINDINGS = list_bindings("hit_list")

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
        super().__init__(empty_text=empty_text, id=id, classes=classes)
        self._render = render_row
        self._selectable = selectable or (lambda _row: True)

    def selectable(self, row: Any) -> bool:
        return self._selectable(row)

    def set_rows(self, rows: Sequence[Any], *, empty_text: str | None = None, cursor: int | None = None) -> None:
        """Show ``rows``: the cursor on the first selectable one, or near ``cursor`` (a row was removed)."""
        if empty_text is not None:
            self.empty_text = empty_text
        self.replace_rows(rows, cursor=cursor or 0, scroll_home=cursor is None)

    def select(self, row: Any) -> None:
        self.post_message(self.Selected(self, row))

    def render_row(self, row: Any, selected: bool, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("hit-list--cursor") if selected else base
        return self.fit(Text(" ").append_text(self._render(row)), width, style)
