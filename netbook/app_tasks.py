"""The app's background writes that are not a screen's: exporting every meeting, remembering the theme.

Each runs in a worker thread and reports back with a notice (``app.say``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netbook.app import NetbookApp


def export_all(app: NetbookApp, fmt: str) -> None:
    """Export every meeting to <data dir>/exports/ in a worker; the path is shown once written."""

    def write() -> None:
        from netbook.domain.export import iter_export
        from netbook.storage.files import atomic_write_chunks, ensure_private_dir

        exported = 0

        def counted(meetings):
            nonlocal exported
            for meeting in meetings:
                exported += 1
                yield meeting

        try:
            folder = ensure_private_dir(app.store.root / "exports")
            path = folder / f"netbook-{app.clock.now():%Y%m%d-%H%M%S}.{fmt}"
            atomic_write_chunks(path, iter_export(app.store, counted(app.store.iter_meetings()), fmt,
                                                  profile=app.config.profile))
            damaged = app.store.damaged_meetings()
        except Exception as exc:  # noqa: BLE001 - reported in one line
            app.call_from_thread(app.say, f"Export failed: {exc}", severity="error")
            return
        app.call_from_thread(app.say, f"Exported {exported} meeting(s) to {path}", timeout=8)
        for error in damaged:
            app.call_from_thread(app.say, f"Not exported (damaged): {error}", severity="warning", timeout=10)

    app.run_worker(write, thread=True, group="export")


def remember_theme(app: NetbookApp, theme: object) -> None:
    """A theme picked in the palette is written back to the config file, keeping its other keys."""
    name = getattr(theme, "name", None) or app.theme
    if name == app.config.theme:
        return
    app.config.theme = name
    path = app.config_path
    if path is None:
        return

    def write() -> None:
        from netbook.storage.config import save_theme

        problem = save_theme(path, name)
        if problem:
            app.call_from_thread(app.say, problem, severity="warning")

    app.run_worker(write, thread=True, group="config")
