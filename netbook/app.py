"""The Textual application: screens, navigation, saving on every way out.

Build it with :func:`create_app` (tests pass a temporary data dir, a fixed clock and
a config). Screens register *savers* — callables that flush pending writes — and
the app runs them on ctrl+q, on SIGTERM/SIGHUP and on unmount, so nothing typed is
lost however the app ends.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from netbook.clock import Clock
from netbook.config import Config, load_config
from netbook.questions import QuestionBank, shipped_bank
from netbook.store import Store

Saver = Callable[[], None]


class NetbookApp(App[int]):
    TITLE = "netbook"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "show_keys", "Keys", id="app.keys"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        config: Config | None = None,
        clock: Clock | None = None,
        meeting_id: str | None = None,
        config_path: Path | None = None,
        config_problem: str | None = None,
        bank: QuestionBank | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.config = config or Config()
        self.config_path = config_path
        self.clock = clock or Clock()
        self.start_meeting_id = meeting_id
        self._bank = bank
        self._startup_notices = [*store.warnings, *([config_problem] if config_problem else [])]
        self._savers: dict[str, Saver] = {}
        self.save_failed = False

    # ------------------------------------------------------------------ setup

    @property
    def bank(self) -> QuestionBank:
        """The shipped question bank plus the user's own questions (loaded on first use)."""
        if self._bank is None:
            self._bank = shipped_bank().with_user_questions(self.store.user_questions())
        return self._bank

    def reload_bank(self) -> None:
        self._bank = None

    def on_mount(self) -> None:
        self.sub_title = str(self.store.root) + (" (read-only)" if self.store.read_only else "")
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self._install_signal_handlers()
        for notice in self._startup_notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)
        if self.start_meeting_id:
            self.open_meeting(self.start_meeting_id)
        else:
            self.open_home()

    def _install_signal_handlers(self) -> None:
        """Textual ignores SIGTERM/SIGHUP; a closed terminal must still save and exit cleanly."""
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, self._exit_on_signal)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on Windows
                pass

    def _exit_on_signal(self) -> None:
        self.flush_saves()
        self.exit(return_code=1 if self.save_failed else 0)

    # ------------------------------------------------------------------ saving

    def register_saver(self, key: str, saver: Saver) -> None:
        self._savers[key] = saver

    def unregister_saver(self, key: str) -> None:
        self._savers.pop(key, None)

    def flush_saves(self) -> None:
        """Run every pending save now, on the calling thread. Errors are reported, never raised."""
        for key, saver in list(self._savers.items()):
            try:
                saver()
            except Exception as exc:  # noqa: BLE001 - a failed save must not stop the others
                self.save_failed = True
                try:
                    self.notify(f"could not save ({key}): {exc}", severity="error", markup=False)
                except Exception:  # pragma: no cover - app already gone
                    pass

    async def action_quit(self) -> None:
        self.flush_saves()
        self.exit(return_code=1 if self.save_failed else 0)

    def on_unmount(self) -> None:
        self.flush_saves()
        self.store.close()

    # ------------------------------------------------------------------ navigation

    def action_show_keys(self) -> None:
        from netbook.screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen))

    def open_home(self) -> None:
        from netbook.screens.home import HomeScreen

        self.switch_screen(HomeScreen()) if self._has_user_screen() else self.push_screen(HomeScreen())

    def open_meeting(self, meeting_id: str) -> None:
        from netbook.screens.meeting import MeetingScreen

        self.push_screen(MeetingScreen(meeting_id))

    def open_closing(self, meeting_id: str) -> None:
        from netbook.screens.closing import ClosingScreen

        self.push_screen(ClosingScreen(meeting_id))

    def open_summary(self, meeting_id: str) -> None:
        from netbook.screens.summary import SummaryScreen

        self.push_screen(SummaryScreen(meeting_id))

    def open_prepare(self, *, contact_id: str | None = None, meeting_id: str | None = None) -> None:
        from netbook.screens.prepare import PrepareScreen

        self.push_screen(PrepareScreen(contact_id=contact_id, meeting_id=meeting_id))

    def open_people(self, *, contact_id: str | None = None) -> None:
        from netbook.screens.people import PeopleScreen

        self.push_screen(PeopleScreen(contact_id=contact_id))

    def _has_user_screen(self) -> bool:
        return len(self.screen_stack) > 1


def create_app(
    data_dir: Path | str,
    *,
    config: Config | None = None,
    config_path: Path | None = None,
    clock: Clock | None = None,
    meeting_id: str | None = None,
    store: Store | None = None,
) -> NetbookApp:
    """The app on ``data_dir``. Tests pass ``config`` directly; the CLI passes ``config_path``."""
    problem = None
    if config is None and config_path is not None:
        config, problem = load_config(config_path)
    store = store or Store.open(Path(data_dir))
    return NetbookApp(
        store, config=config, clock=clock, meeting_id=meeting_id, config_path=config_path, config_problem=problem
    )
