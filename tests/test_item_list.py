"""ItemList: a long list paints its first rows at once and gets the rest right after, losing nothing."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from netbook.widgets.item_list import FIRST_ROWS, MORE_ID, ItemList


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield ItemList("People", id="list")


def _items(n: int, prefix: str = "p") -> list[tuple[str, Text]]:
    return [(f"{prefix}{i}", Text(f"Person {i}")) for i in range(n)]


def _shown(lst: ItemList) -> list[str | None]:
    return [o.id for o in lst.options]


async def test_a_long_list_paints_its_first_rows_then_the_rest():
    app = _Host()
    async with app.run_test(size=(80, 24)) as pilot:
        lst = app.query_one(ItemList)
        lst.set_items(_items(200), total=250)
        assert lst.option_count == FIRST_ROWS  # what the first paint has to measure
        assert lst.count == 200 and lst.item_ids() == [f"p{i}" for i in range(200)]
        assert "(200 of 250)" in str(lst.border_title)
        await pilot.pause()
        assert _shown(lst) == [*(f"p{i}" for i in range(200)), MORE_ID]
        assert lst.highlighted_id == "p0"


async def test_the_cursor_far_down_keeps_its_row_with_no_jump():
    app = _Host()
    async with app.run_test(size=(80, 24)) as pilot:
        lst = app.query_one(ItemList)
        lst.set_items(_items(200))
        await pilot.pause()
        lst.highlighted = 120
        lst.set_items(_items(200))  # e.g. Home drawing again after a save
        assert lst.option_count == 200 and lst.highlighted_id == "p120"  # all at once: the cursor's row is there
        await pilot.pause()
        assert lst.option_count == 200 and lst.highlighted_id == "p120"


async def test_a_newer_list_drops_the_rows_still_to_come_of_an_older_one():
    app = _Host()
    async with app.run_test(size=(80, 24)) as pilot:
        lst = app.query_one(ItemList)
        lst.set_items(_items(200, "old"))
        lst.set_items(_items(80, "new"))
        await pilot.pause()
        assert _shown(lst) == [f"new{i}" for i in range(80)]
        lst.set_items([])
        await pilot.pause()
        assert lst.count == 0 and lst.highlighted is None and lst.item_ids() == []
