"""F1: every key that works on the screen underneath, as the keymap has set it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def describe_bindings(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sections of (keys, description): the screen's own keys first, then the app's, then the focused widget's."""
    sections: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        ident = binding.id or f"{binding.action}:{key}"
        if ident in seen:
            continue
        seen.add(ident)
        if active.node is screen:
            section = "This screen"
        elif active.node is screen.app:
            section = "Everywhere"
        else:
            section = f"In {type(active.node).__name__}"
        display = screen.app.get_key_display(binding)
        sections.setdefault(section, []).append((display, binding.description or binding.action))
    order = ["This screen", *[name for name in sections if name.startswith("In ")], "Everywhere"]
    return [(name, sections[name]) for name in order if name in sections]


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
        text.append(f"Keys — {self._title}\n", style="bold")
        for section, rows in self._rows:
            text.append(f"\n{section}\n", style="bold underline")
            for keys, label in rows:
                text.append(f"{keys:>14}  ", style="bold")
                text.append(f"{label}\n")
        text.append("\nEsc closes this list.", style="dim")
        with VerticalScroll():
            yield Static(text, id="keys-list")

    def action_dismiss_keys(self) -> None:
        self.dismiss(None)
