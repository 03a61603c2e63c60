"""A titled, keyboard-driven list of items with ids (Home sections, question lists).

Items are ``(id, Text)`` pairs; prompts are Rich ``Text`` built by the caller, so user
text is never parsed as markup. An empty list shows a dim, non-selectable hint.

A long list is drawn first with its first :data:`FIRST_ROWS` rows and the rest are added
right after that paint: an OptionList measures every option it holds, so Home's first
paint with 200-row sections grew with the history behind them (issue 13).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

EMPTY_ID = "__empty__"
MORE_ID = "__more__"
FIRST_ROWS = 50  # options put in at once: more than one list shows even on a tall terminal


class ItemList(OptionList):
    DEFAULT_CSS = """
    ItemList {
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        padding: 0 0;
        scrollbar-size-vertical: 1;
    }
    ItemList:focus {
        border: round $accent;
        border-title-color: $text;
        border-title-style: bold;
    }
    """

    def __init__(self, title: str = "", *, empty: str = "Nothing here.", id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.title = title
        self.empty_text = empty
        self._count = 0
        self._ids: list[str] = []
        self._fills = 0  # set_items calls so far: a later one drops an earlier one's pending rows
        self._update_title()

    def _update_title(self, extra: str = "") -> None:
        self.border_title = Text(f"{self.title} ({self._count}{extra})" if self._count else self.title)

    def set_items(self, items: Iterable[tuple[str, Text]], *, total: int | None = None,
                  empty: str | None = None, reset: bool = False) -> None:
        """Replace the items, keeping the highlighted one when it is still there.

        ``reset``: a different list (another filter or category), so the cursor starts
        at the top, on the row the user sees first, never at the old row number.
        """
        if empty is not None:
            self.empty_text = empty
        keep = None if reset else self.highlighted_id
        old_index = 0 if reset else self.highlighted
        pairs = list(items)
        self._count = len(pairs)
        self._ids = [item_id for item_id, _ in pairs]
        self._fills += 1
        more, tail = "", []
        if total is not None and total > len(pairs):
            more = f" of {total}"
            tail = [Option(Text(f"… {total - len(pairs)} more; search to narrow", style="dim"), id=MORE_ID, disabled=True)]
        target = None
        if pairs:
            target = self._ids.index(keep) if keep in self._ids else min(old_index or 0, len(pairs) - 1)
        # The rest comes after the next paint, unless the cursor belongs there (no jump a frame later).
        split = FIRST_ROWS if self.is_mounted and target is not None and target < FIRST_ROWS else len(pairs)
        options = [Option(prompt, id=item_id) for item_id, prompt in pairs[:split]]
        if split >= len(pairs):
            options += tail
        if not options:
            options = [Option(Text(self.empty_text, style="dim italic"), id=EMPTY_ID, disabled=True)]
        self.set_options(options)
        self._update_title(more)
        self.highlighted = target
        if split < len(pairs):
            self.call_after_refresh(self._add_rest, self._fills, pairs[split:], tail)
        if reset and target is not None:
            self.scroll_home(animate=False, immediate=True)

    def _add_rest(self, fill: int, pairs: list[tuple[str, Text]], tail: list[Option]) -> None:
        if fill == self._fills and self.is_mounted:
            self.add_options([*(Option(prompt, id=item_id) for item_id, prompt in pairs), *tail])

    @property
    def count(self) -> int:
        return self._count

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.disabled or option.id in (EMPTY_ID, MORE_ID):
            return None
        return option.id

    def item_ids(self) -> list[str]:
        return list(self._ids)
