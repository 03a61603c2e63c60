"""F1: every key that works on the screen underneath, as the keymap has set it.

Grouped by what the user is doing: the screen's own keys first, then the keys of the
part that has focus (its ``HELP_TITLE``: "Note pad", "Questions", "Checklist"), then the
keys that work everywhere. The standard editing and moving keys Textual gives every text
box and list are folded into one short paragraph at the end.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

EVERYWHERE = "Everywhere"
STANDARD = "Standard editing and moving keys"
PALETTE_LABEL = "Command palette: jump to a person, organization or meeting"


def help_title(node: DOMNode) -> str | None:
    """What the user calls this part of the screen, if netbook named it."""
    return getattr(node, "HELP_TITLE", None)


def describe_bindings(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sections of (keys, description); one row per action, its keys joined ("^r / f2")."""
    sections: dict[str, dict[tuple[int, str], tuple[list[str], str]]] = {}
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if binding.action == "command_palette":
            section = EVERYWHERE
        elif not binding.id:  # Textual's own keys: cursor moves, copy/paste, lists
            if not binding.description or binding.description.lower().endswith(" select"):
                continue  # shift + a move key selects: said once, below
            section = STANDARD
        elif node is screen:
            section = help_title(screen) or "This screen"
        elif node is screen.app:
            section = EVERYWHERE
        else:
            section = help_title(node) or help_title(screen) or "This screen"
        label = PALETTE_LABEL if binding.action == "command_palette" else binding.description or binding.action
        rows = sections.setdefault(section, {})
        slot = (id(node), label if not binding.id else binding.action)
        display = screen.app.get_key_display(binding)
        keys, _ = rows.setdefault(slot, ([], label))
        if display not in keys and not (section == STANDARD and display.startswith("super+")):
            keys.append(display)
    own = help_title(screen) or "This screen"
    middle = [name for name in sections if name not in (own, EVERYWHERE, STANDARD)]
    order = [own, *middle, EVERYWHERE, STANDARD]
    return [(name, [(" / ".join(keys), label) for keys, label in sections[name].values()])
            for name in order if name in sections]


class KeysScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
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
        self._title = help_title(under) or "This screen"

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(f"Keys — {self._title}\n", style="bold")
        for section, rows in self._rows:
            text.append(f"\n{section}\n", style="bold underline")
            if section == STANDARD:
                folded = Text(style="dim")
                for i, (keys, label) in enumerate(rows):
                    if i:
                        folded.append(" · ")
                    folded.append(keys, style="bold")
                    folded.append(f" {label.lower()}")
                folded.append(" · shift + a move key selects")
                text.append_text(folded)
                text.append("\n")
                continue
            for keys, label in rows:
                text.append(f"{keys:>16}  ", style="bold")
                text.append(f"{label}\n")
        text.append("\nEsc closes this list.", style="dim")
        with VerticalScroll():
            yield Static(text, id="keys-list")

    def action_dismiss_keys(self) -> None:
        self.dismiss(None)
