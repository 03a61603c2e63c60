"""The note pad's two reaches into Textual 8.2 internals still hold (see netbook/widgets/text_area_hooks.py)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.document._wrapped_document import WrappedDocument

from netbook.widgets.text_area_hooks import CountedWrappedDocument, HookedTextArea


class Recording(HookedTextArea):
    def __init__(self, text: str) -> None:
        self.replaced: list[str] = []
        super().__init__(text, soft_wrap=True)

    def document_replaced(self, text: str) -> None:
        self.replaced.append(text)


class One(App):
    def compose(self) -> ComposeResult:
        yield Recording("first")


async def test_every_whole_document_replacement_is_reported() -> None:
    app = One()
    async with app.run_test(size=(30, 10)) as pilot:
        area = app.query_one(Recording)
        area.load_text("second")
        area.text = "third"
        await pilot.pause()
        assert area.replaced[0] == "first" and area.replaced[-2:] == ["second", "third"]
        seen = len(area.replaced)
        area.insert("typed ")  # an edit is not a replacement
        await pilot.pause()
        assert len(area.replaced) == seen


async def test_the_counted_height_matches_textual_s_own_sum() -> None:
    app = One()
    async with app.run_test(size=(30, 10)) as pilot:
        area = app.query_one(Recording)
        area.load_text("\n".join("a fairly long line that wraps in a narrow pane " * 2 for _ in range(20)))
        await pilot.pause()
        wrapped = area.wrapped_document
        assert isinstance(wrapped, CountedWrappedDocument)
        assert wrapped.height == WrappedDocument.height.fget(wrapped) > 20  # Textual's own sum
