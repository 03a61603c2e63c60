"""F1: every key that works on the screen underneath, as the keymap has set it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def describe_bindings(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for the bindings active on ``screen``, focused widget first."""
    rows: dict[str, tuple[str, str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        label = binding.description or binding.action
        display = screen.app.get_key_display(binding)
        rows.setdefault(binding.id or f"{binding.action}:{key}", (display, label))
    return sorted(rows.values(), key=lambda r: (r[0].startswith("F") is False, r[0]))


class KeysScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape", "dismiss_keys", "Close", id="keys.close"),
        Binding("f1", "dismiss_keys", "Close", id="keys.close_f1", show=False),
        Binding("q", "dismiss_keys", "Close", id="keys.close_q", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._rows = describe_bindings(under)
        self._title = getattr(under, "HELP_TITLE", None) or type(under).__name__.removesuffix("Screen")

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(f"Keys — {self._title}\n\n", style="bold")
        for keys, label in self._rows:
            text.append(f"{keys:>14}  ", style="bold")
            text.append(f"{label}\n")
        text.append("\nEsc closes this list.", style="dim")
        with VerticalScroll():
            yield Static(text, id="keys-list")

    def action_dismiss_keys(self) -> None:
        self.dismiss(None)
