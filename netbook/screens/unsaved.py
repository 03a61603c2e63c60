"""Asked on quit when the notes will not save (a full disk, a data dir turned read-only).

Quitting then would lose everything typed since the last save that worked, so the app
never quits silently over it: try again, or write the notes to a rescue file outside the
data dir (the cache dir, else the temp dir; 0600) whose path is printed after the app
exits, or go back to the notes. ctrl+q a second time quits without them, as it says.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from netbook.domain.display_text import visible_text


class UnsavedScreen(ModalScreen[str]):
    """Dismissed with "retry", "rescue" or "back"."""

    HELP_TITLE = "The notes are not saved"

    DEFAULT_CSS = """
    UnsavedScreen { align: center middle; }
    UnsavedScreen > Vertical {
        width: 72; max-width: 100%; height: auto; border: round $error; background: $panel; padding: 0 1;
    }
    UnsavedScreen #unsaved-keys { margin-top: 1; }
    """

    BINDINGS = [
        Binding("r", "choose('retry')", "Try again", id="unsaved.retry"),
        Binding("w", "choose('rescue')", "Rescue file, quit", id="unsaved.rescue"),
        Binding("escape", "choose('back')", "Back to the notes", id="unsaved.back"),
    ]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self._problem = problem

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Your notes could not be saved\n", style="bold")
        text.append(visible_text(self._problem))
        text.append("\nQuitting now would lose what you typed since the last save.")
        keys = Text()
        for key, what in (
            ("r", "try saving again"),
            ("w", "write them to a rescue file outside the data dir and quit"),
            ("Esc", "back to the notes"),
            ("ctrl+q", "quit without saving them"),
        ):
            keys.append(f"{key:>7}", style="bold")
            keys.append(f"  {what}\n")
        keys.rstrip()
        with Vertical():
            yield Static(text, id="unsaved-problem", markup=False)
            yield Static(keys, id="unsaved-keys", markup=False)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
