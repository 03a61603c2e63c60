"""A titled, keyboard-driven list of items with ids (Home sections, question lists).

Items are ``(id, Text)`` pairs; prompts are Rich ``Text`` built by the caller, so user
text is never parsed as markup. An empty list shows a dim, non-selectable hint.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

EMPTY_ID = "__empty__"


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
        options = [Option(prompt, id=item_id) for item_id, prompt in items]
        self._count = len(options)
        more = ""
        if total is not None and total > len(options):
            more = f" of {total}"
            options.append(Option(Text(f"… {total - len(options)} more; search to narrow", style="dim"),
                                  id="__more__", disabled=True))
        if not options:
            options = [Option(Text(self.empty_text, style="dim italic"), id=EMPTY_ID, disabled=True)]
        self.set_options(options)
        self._update_title(more)
        if not self._count:
            self.highlighted = None
            return
        if keep is not None:
            try:
                self.highlighted = self.get_option_index(keep)
                return
            except Exception:  # noqa: BLE001 - the item is gone
                pass
        self.highlighted = min(old_index or 0, self._count - 1)
        if reset:
            self.scroll_home(animate=False, immediate=True)

    @property
    def count(self) -> int:
        return self._count

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.disabled or option.id in (EMPTY_ID, "__more__"):
            return None
        return option.id

    def item_ids(self) -> list[str]:
        return [o.id for o in self.options if o.id and not o.disabled]
