"""Where to write an export: a path (default in the home folder), checked before anything is written.

The palette's book exports (contacts as vCard or CSV, follow-ups as iCalendar, every
meeting into a Markdown folder) ask here. The path is checked in a worker; a file that
is there already is replaced only after a second Enter on the same path (a folder for
the Markdown export: netbook replaces only the files it wrote there). The export then
runs in a worker (:func:`netbook.interop.export_files.write_book_export`, the CLI's
exporters) and ``app.say`` tells where it went.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from netbook.domain.display_text import visible_text
from netbook.interop.export_files import BOOK_EXPORTS, BookExport, ExportTargetError, book_export, check_target, default_path
from netbook.widgets.text_input import TextInput


class ExportPathScreen(ModalScreen["Path | None"]):
    HELP_TITLE = "Export to"

    DEFAULT_CSS = """
    ExportPathScreen { align: center middle; }
    ExportPathScreen > Vertical {
        width: 76; max-width: 100%; height: auto; border: round $accent; background: $panel; padding: 0 1;
    }
    ExportPathScreen #export-path-title { text-style: bold; }
    ExportPathScreen #export-path-input { margin: 1 0 0 0; }
    ExportPathScreen #export-path-message { margin-top: 1; }
    ExportPathScreen #export-path-message.-problem { color: $error; }
    ExportPathScreen #export-path-message.-confirm { color: $warning; text-style: bold; }
    ExportPathScreen #export-path-keys { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export_path.cancel")]

    def __init__(self, export: BookExport, path: Path | None = None) -> None:
        super().__init__()
        self.export = export
        self._path = path or default_path(export)
        self._confirming: Path | None = None  # Enter again on this path replaces what is there

    def compose(self) -> ComposeResult:
        what = "Folder" if self.export.folder else "File"
        with Vertical():
            yield Static(Text(self.export.label), id="export-path-title")
            yield Static(Text(self.export.help, style="dim"), id="export-path-help")
            field = TextInput(value=str(self._path), placeholder=f"{what} to write", id="export-path-input")
            field.cursor_blink = not self.app.is_headless
            yield field
            yield Static("", id="export-path-message", markup=False)
            yield Static("Enter  export     Esc  cancel", id="export-path-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#export-path-input", Input).focus()

    @on(Input.Changed, "#export-path-input")
    def _edited(self, event: Input.Changed) -> None:
        if self._confirming is not None and Path(event.value).expanduser() != self._confirming:
            self._confirming = None
            self._tell("", "")

    @on(Input.Submitted, "#export-path-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self._tell("Give a path to write to.", "-problem")
            return
        path = Path(event.value.strip()).expanduser()
        if self._confirming == path:
            self.dismiss(path)
            return
        self._check(path)

    @work(thread=True, exclusive=True, group="export-path")
    def _check(self, path: Path) -> None:
        try:
            replaces = check_target(self.export, path)
        except (ExportTargetError, OSError) as exc:
            self.app.call_on_ui(self._tell, str(exc), "-problem")  # type: ignore[attr-defined]
            return
        self.app.call_on_ui(self._checked, path, replaces)  # type: ignore[attr-defined]

    def _checked(self, path: Path, replaces: bool) -> None:
        if not replaces:
            self.dismiss(path)
            return
        self._confirming = path
        if self.export.folder:
            self._tell(f"{path} has files in it. netbook replaces only the ones it wrote there: Enter again "
                       "to export, or change the path.", "-confirm")
        else:
            self._tell(f"{path} exists. Enter again to replace it, or change the path.", "-confirm")

    def _tell(self, message: str, kind: str) -> None:
        label = self.query_one("#export-path-message", Static)
        label.update(Text(visible_text(message)))
        label.set_class(kind == "-problem", "-problem")
        label.set_class(kind == "-confirm", "-confirm")

    def action_cancel(self) -> None:
        self.dismiss(None)


def book_export_commands(app) -> list[tuple[str, str, Callable[[], object]]]:
    """Palette entries for the contact, follow-up and Markdown folder exports (each asks for a path)."""
    return [(e.label, e.help, partial(ask_and_export, app, e.key)) for e in BOOK_EXPORTS]


def ask_and_export(app, key: str, *, path: Path | None = None) -> None:
    """Palette entry: ask for the path, then export in a worker and say where it went."""
    export = book_export(key)

    def chosen(target: Path | None) -> None:
        if target is not None:
            app.run_worker(lambda: _write(app, key, target), thread=True, group="export", exit_on_error=False)

    app.push_screen(ExportPathScreen(export, path), chosen)


def _write(app, key: str, target: Path) -> None:
    from netbook.interop.export_files import write_book_export

    try:
        message = write_book_export(app.store, key, target, now=app.clock.now(), rules=app.config.followups)
    except Exception as exc:  # noqa: BLE001 - one line naming the problem, nothing else written
        app.call_on_ui(app.say, f"Export failed: {exc}", severity="error")
        return
    app.call_on_ui(app.say, message, timeout=8)
