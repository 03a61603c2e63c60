"""What the user sees and is told, read in one place so tests never reach into Textual's internals.

Notices come from Textual's public ``message_hook`` (every ``notify`` posts a ``Notify``
message). The drawn screen has no public reader in Textual 8.2, so ``screen_text`` is the one
adapter over ``Screen._compositor``; tests/test_screen_view.py fails if Textual changes it.
"""

from __future__ import annotations

from textual.message import Message
from textual.notifications import Notify
from textual.screen import Screen


class NoticeLog:
    """Pass as ``run_test(message_hook=notices)``: records every notice shown, in order."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.messages.append(str(message.notification.message))

    def clear(self) -> None:
        self.messages.clear()

    def __bool__(self) -> bool:
        return bool(self.messages)


def screen_text(screen: Screen) -> str:
    """The characters on ``screen`` as drawn, one line per row (toasts too, with ``run_test(notifications=True)``)."""
    return "\n".join("".join(seg.text for seg in strip) for strip in screen._compositor.render_strips())
