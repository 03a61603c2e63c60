"""A long list of people or organizations that can be replaced cheaply on every keystroke.

Rows are one line each and drawn only when visible (:class:`LineList`), so swapping
5,000 rows for the matches of a search costs a list assignment, not a rebuild of 5,000
widgets or options.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from netbook.domain.contact_search import SearchEntry
from netbook.domain.display_text import visible_text
from netbook.widgets.line_list import LineList, list_bindings


class PeopleList(LineList):
    """One-line rows of :class:`SearchEntry`; posts Highlighted as the cursor moves, Selected on enter."""

    COMPONENT_PREFIX = "people-list"
    COMPONENT_CLASSES = {"people-list--cursor", "people-list--detail", "people-list--badge", "people-list--empty"}
    DEFAULT_CSS = """
    PeopleList { height: 1fr; background: $surface; overflow-x: hidden; scrollbar-gutter: stable; }
    PeopleList > .people-list--cursor { background: $block-cursor-blurred-background; }
    PeopleList:focus > .people-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    PeopleList > .people-list--detail { color: $text-muted; }
    PeopleList > .people-list--badge { color: $warning; }
    PeopleList > .people-list--empty { color: $text-muted; text-style: italic; }
    """
    BINDINGS = list_bindings("people_list")

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
        super().__init__(empty_text=empty_text, name=name, id=id, classes=classes)
        self.badges = badges or {}  # id -> short badge shown after the name (e.g. "due")

    def set_rows(self, rows: Sequence[SearchEntry], *, keep_id: str | None = None) -> None:
        """Show ``rows``; the cursor goes to ``keep_id`` if present, else the first row."""
        index = next((i for i, row in enumerate(rows) if row.id == keep_id), 0) if keep_id is not None else 0
        self.replace_rows(rows, cursor=index, scroll_home=index == 0)

    def select_id(self, record_id: str) -> bool:
        for i, row in enumerate(self._rows):
            if row.id == record_id:
                self.cursor = i
                return True
        return False

    def cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self, self.highlighted))

    def select(self, row: SearchEntry) -> None:
        self.post_message(self.Selected(self, row))

    def render_empty(self, line: str, width: int, base: Style) -> Strip:
        # the empty style on the text, the list's under it, as PeopleList always drew it (the other order,
        # HitList's, gives the hint another colour: the People snapshots pin this one)
        style = self.get_component_rich_style("people-list--empty")
        return self.fit(Text(" " + line, style=style), width, base)

    def render_row(self, row: SearchEntry, selected: bool, width: int, base: Style) -> Strip:
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
