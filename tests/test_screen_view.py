"""The test adapters read what Textual draws and notifies; if Textual changes, this fails first."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from screen_view import NoticeLog, screen_text


class Shown(App):
    def compose(self) -> ComposeResult:
        yield Static("visible words", markup=False)


async def test_screen_text_reads_the_drawn_screen_and_notices_are_logged() -> None:
    notices = NoticeLog()
    app = Shown()
    async with app.run_test(size=(60, 10), notifications=True, message_hook=notices) as pilot:
        assert not notices
        app.notify("a toast", markup=False)
        await pilot.pause()
        await pilot.pause()
        assert notices.messages == ["a toast"]
        text = screen_text(app.screen)
        assert "visible words" in text and "a toast" in text
