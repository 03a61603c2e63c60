"""The Textual application: screens, navigation, saving on every way out.

The palette's providers are in :mod:`netbook.screens.command_palette`, the app's background writes
(export all, remember the theme) in :mod:`netbook.app_tasks`.

Build it with :func:`create_app` (tests pass a temporary data dir, a fixed clock and
a config). Screens register *savers* — callables that flush pending writes — and
the app runs them on ctrl+q, on SIGTERM/SIGHUP and on unmount, so nothing typed is
lost however the app ends.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.message import Message
from textual.notifications import SeverityLevel

from netbook.app_tasks import remember_theme
from netbook.domain.clock import Clock
from netbook.domain.display_text import one_line, visible_text
from netbook.heap_hold import HeapHold
from netbook.storage.config import Config, load_config
from netbook.storage.files import StoreError
from netbook.screens.command_palette import ActionsProvider, JumpProvider
from netbook.storage.store import Store

if TYPE_CHECKING:
    from netbook.domain.question_bank import QuestionBank
    from netbook.domain.meeting_session import MeetingSession

Saver = Callable[[], None]


class NetbookApp(App[int]):
    TITLE = "netbook"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ActionsProvider, JumpProvider}

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
        self._startup_notices = [config_problem] if config_problem else []
        self._warnings_shown = 0  # store.warnings already shown as notices
        self._mounted_once = False
        store.on_warning = self._store_warned  # e.g. index.json or home.json rebuilt while a worker reads it
        self._savers: dict[str, Saver] = {}
        from netbook.domain.jump_targets import JumpTargets

        self.jump_targets = JumpTargets(store)
        self.heap = HeapHold()  # frozen from the first paint (and again once the targets are built) until unmount
        from netbook.domain.note_text_index import NoteIndex

        self.note_index = NoteIndex()  # filled by the note search screen's worker, kept for the next search
        self._sessions: dict[str, tuple[MeetingSession, int]] = {}  # meeting id -> (session, screens using it)
        # Nothing reads the contact book or the index at start-up: Home draws from the store's
        # summary; the palette, People and the note pad load them in workers when they need them.
        self.save_failed = False
        self.fatal_error: str | None = None
        self.rescued: list[Path] = []  # rescue files of notes that could not be saved (the CLI prints them)
        self.on_home_drawn: Callable[[NetbookApp], None] | None = None  # called once, after Home's first full draw

    # ------------------------------------------------------------------ setup

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, but on Linux/macOS one that reads a bracketed paste as text, never keys."""
        driver_class = super().get_driver_class()
        if driver_class.__module__ == "textual.drivers.linux_driver" and driver_class.__name__ == "LinuxDriver":
            from netbook.widgets.terminal_input import PasteSafeDriver

            return PasteSafeDriver
        return driver_class

    @property
    def bank(self) -> QuestionBank:
        """The shipped question bank plus the user's own questions (loaded on first use)."""
        if self._bank is None:
            from netbook.domain.question_bank import shipped_bank  # not needed to draw Home

            self._bank = shipped_bank().with_user_questions(self.store.user_questions())
        return self._bank

    def reload_bank(self) -> None:
        self._bank = None

    def on_load(self) -> None:
        # Start-up allocates a great many long-lived objects (the contact book, the meeting
        # index, the first screen); the cyclic GC would rescan them over and over meanwhile.
        # It is off from here until the first screen has been drawn (measured: ~1.4x -> ~1.25x
        # of a bare app's start, benchmarks/bench_startup.py).
        gc.disable()

    def _startup_drawn(self) -> None:
        self.heap.freeze(sweep=False)
        gc.enable()

    def start_jump_targets(self) -> None:
        """Build the palette's targets in a worker (once; they are kept current afterwards)."""
        if not self.jump_targets.started:
            self.run_worker(self._build_jump_targets, thread=True, group="jump-targets", exit_on_error=False)

    def _build_jump_targets(self) -> None:
        self.jump_targets.build()  # reads the whole contact book and the meeting index
        self.heap.freeze()

    def _after_first_screen(self) -> None:
        """Work that grows with the history, kept out of start-up's way: the palette's targets, the store's upkeep."""
        self.start_jump_targets()
        self.store.start_upkeep()

    def on_home_screen_ready(self, _message: object) -> None:
        self.set_timer(0.5, self._after_first_screen)  # well after Home's first full draw: never in start-up's way
        callback, self.on_home_drawn = self.on_home_drawn, None
        if callback is not None:
            callback(self)

    def on_mount(self) -> None:
        self.call_after_refresh(self._startup_drawn)
        self.sub_title = one_line(str(self.store.root)) + (" (read-only)" if self.store.read_only else "")
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self.theme_changed_signal.subscribe(self, lambda theme: remember_theme(self, theme))
        self._install_signal_handlers()
        self._mounted_once = True
        self.show_store_warnings()
        for notice in self._startup_notices:
            self.say(notice, severity="warning", timeout=10)
        # The question library is checked now, like the contact book (a bad one ends the app with one
        # line naming it, never half-way through a meeting on ctrl+l).
        self.run_worker(self.store.check_library, thread=True, group="check-library")
        if self.start_meeting_id:
            self.set_timer(1.0, self._after_first_screen)  # no Home to wait for
            self.open_meeting(self.start_meeting_id)
        else:
            self.open_home()

    class StoreWarned(Message):
        """The store has a new warning to show (posted from whichever thread found it)."""

    def _store_warned(self, _message: str) -> None:
        if self.is_running:
            self.post_message(self.StoreWarned())  # never blocks: the finder may hold the store's lock

    def on_netbook_app_store_warned(self, _event: StoreWarned) -> None:
        self.show_store_warnings()

    def show_store_warnings(self) -> None:
        """Each of the store's warnings, once, as a notice (from on_mount on; earlier ones wait for it)."""
        if not self._mounted_once:
            return
        warnings = self.store.warnings
        while self._warnings_shown < len(warnings):
            self.say(warnings[self._warnings_shown], severity="warning", timeout=10)
            self._warnings_shown += 1

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
        self.save_and_exit_unattended()

    def on_terminal_lost(self, _message: object) -> None:
        """The driver saw the terminal go (EOF/EIO) with no SIGHUP: as for SIGHUP, save and exit."""
        self.save_and_exit_unattended()

    def save_and_exit_unattended(self) -> None:
        """Save and exit with nobody to ask (a signal, the terminal gone): what will not save is rescued."""
        self.flush_saves()
        if self.unsaved_sessions():
            self.rescue_unsaved()
        self.exit(return_code=1 if self.save_failed else 0)

    # ------------------------------------------------------------------ saving

    def register_saver(self, key: str, saver: Saver) -> None:
        self._savers[key] = saver

    def unregister_saver(self, key: str) -> None:
        self._savers.pop(key, None)

    def flush_saves(self) -> dict[str, Exception]:
        """Run every pending save now, on the calling thread. Errors are reported and returned
        (by saver), never raised."""
        failed: dict[str, Exception] = {}
        for key, saver in list(self._savers.items()):
            try:
                saver()
            except Exception as exc:  # noqa: BLE001 - a failed save must not stop the others
                failed[key] = exc
                self.save_failed = True
                try:
                    self.say(f"could not save ({key}): {exc}", severity="error")
                except Exception:  # pragma: no cover - app already gone
                    pass
        return failed

    def unsaved_sessions(self) -> list[MeetingSession]:
        """Open meetings whose last write failed: what the screen shows is not what is on disk."""
        return [session for session, _holds in self._sessions.values() if session.unsaved]

    def rescue_unsaved(self) -> list[Path]:
        """Write the notes of every meeting that will not save to a new 0600 file outside the data
        dir (the cache dir, else the temp dir); the paths go in :attr:`rescued` and are returned."""
        from netbook.storage.paths import rescue_folders
        from netbook.storage.files import write_new_private_file

        written = []
        now = self.clock.now()
        for session in self.unsaved_sessions():
            name = f"netbook-rescue-{now:%Y%m%d-%H%M%S}-{session.id[:8]}-{os.urandom(3).hex()}.txt"
            try:
                path = write_new_private_file(rescue_folders(), name, session.rescue_text(now).encode("utf-8"))
            except OSError as exc:
                self.say(f"Could not write a rescue file either: {exc}", severity="error")
                continue
            written.append(path)
            self.rescued.append(path)
        return written

    # ------------------------------------------------------------------ open meetings

    def session_for(self, meeting_id: str) -> MeetingSession:
        """The one session of an open meeting, shared by every screen that shows it.

        Each call is one hold: pair it with :meth:`release_session`. The first hold loads
        the meeting and registers its saver with :meth:`flush_saves`; the last release
        writes what is pending and drops it, so the next open reads the file again.
        """
        held = self._sessions.get(meeting_id)
        if held is None:
            from netbook.domain.meeting_session import MeetingSession

            session = MeetingSession.open(
                self.store, meeting_id, interval=self.config.autosave_seconds, on_error=self.report_save_failure
            )
            self.register_saver(f"meeting:{meeting_id}", session.flush)
            held = (session, 0)
        self._sessions[meeting_id] = (held[0], held[1] + 1)
        return held[0]

    def open_session(self, meeting_id: str) -> MeetingSession | None:
        """The session of ``meeting_id`` if a screen holds it (changes must go through it), else None."""
        held = self._sessions.get(meeting_id)
        return held[0] if held else None

    def release_session(self, session: MeetingSession) -> None:
        held = self._sessions.get(session.id)
        if held is None or held[0] is not session:
            return
        if held[1] > 1:
            self._sessions[session.id] = (session, held[1] - 1)
            return
        del self._sessions[session.id]
        self.unregister_saver(f"meeting:{session.id}")
        try:
            session.close()
        except Exception as exc:  # noqa: BLE001 - reported, the app goes on
            self.report_save_failure(f"Could not save the meeting: {exc}")

    def _handle_exception(self, error: Exception) -> None:
        """A bad data file ends the app with one line naming it (printed by the CLI), not a traceback."""
        cause = getattr(error, "error", error)  # a failed worker wraps what it raised
        if isinstance(cause, StoreError):
            self.fatal_error = str(cause)
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def say(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """Every notice netbook shows: plain text (never markup), control characters made visible.

        Notices quote user text (names, answers, file paths, error messages), so this is the
        one way screens notify; a rich ``Text`` would crash the toast, markup would be run.
        """
        self.notify(
            visible_text(str(message), keep_newlines=True),
            title=visible_text(title), severity=severity, timeout=timeout, markup=False,
        )

    def call_on_ui(self, callback: Callable[..., object], *args: object, **kwargs: object) -> None:
        """Run ``callback`` on the UI thread, from the UI thread or a worker (dropped if the app is gone)."""
        if threading.current_thread() is threading.main_thread():
            callback(*args, **kwargs)
            return
        try:
            self.call_from_thread(callback, *args, **kwargs)
        except RuntimeError:  # the app has already stopped
            pass

    def report_save_failure(self, message: str) -> None:
        """A write failed (read-only data dir, disk full): remember it for the exit status and say so."""
        self.save_failed = True
        self.call_on_ui(self.say, message, severity="error")

    async def action_quit(self) -> None:
        """Save and quit; if the notes will not save, never quit silently over them: ask."""
        from netbook.screens.unsaved import UnsavedScreen

        if isinstance(self.screen, UnsavedScreen):  # ctrl+q in the dialog: quit without them, as it says
            self.exit(return_code=1)
            return
        failed = self.flush_saves()
        if failed and self.unsaved_sessions():
            self.push_screen(UnsavedScreen(str(next(iter(failed.values())))), self._unsaved_choice)
            return
        self.exit(return_code=1 if self.save_failed else 0)

    async def _unsaved_choice(self, choice: str | None) -> None:
        if choice == "retry":
            await self.action_quit()
        elif choice == "rescue":
            unsaved = self.unsaved_sessions()
            if len(self.rescue_unsaved()) == len(unsaved):
                self.exit(return_code=1)
            else:
                await self.action_quit()  # a rescue failed too (said): the dialog again

    def on_unmount(self) -> None:
        gc.enable()
        self.heap.close()  # the frozen heap is the GC's again: an app run in-process (tests) leaves nothing behind
        self.flush_saves()
        self.store.close()

    # ------------------------------------------------------------------ navigation

    def action_show_keys(self) -> None:
        from netbook.screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen))

    def open_home(self) -> None:
        """Back to the Home already in the stack (closing what is above it), or a new one."""
        from netbook.screens.home import HomeScreen

        if not self._unwind_to(lambda screen: isinstance(screen, HomeScreen)):
            bottom = self.screen_stack[0]
            self._unwind_to(lambda screen: screen is bottom)
            self.push_screen(HomeScreen())

    def open_meeting(self, meeting_id: str, *, line: int | None = None) -> None:
        """The live meeting; if its screen is already open underneath, return to it rather than open a second.
        ``line``: put the note pad's cursor on that line of the notes."""
        from netbook.screens.meeting import MeetingScreen

        def same_meeting(screen: object) -> bool:
            return isinstance(screen, MeetingScreen) and screen.meeting_id == meeting_id

        if not self._unwind_to(same_meeting):
            try:
                session = self.session_for(meeting_id)  # the screen's hold, taken here: a bad file is said, not fatal
            except Exception as exc:  # noqa: BLE001 - missing or damaged since it was listed
                self.say(f"Could not open the meeting: {exc}", severity="error")
                return
            self.push_screen(MeetingScreen(meeting_id, line=line, session=session))
        elif line is not None:
            self.screen.go_to_line(line)  # type: ignore[attr-defined]

    def _unwind_to(self, wanted: Callable[[object], bool]) -> bool:
        """Pop screens until one that ``wanted`` accepts is on top; False (nothing popped) if none is open."""
        stack = self.screen_stack
        for index in range(len(stack) - 1, -1, -1):
            if wanted(stack[index]):
                for _ in range(len(stack) - 1 - index):
                    self.pop_screen()
                return True
        return False

    def open_meeting_by_status(self, meeting_id: str, *, line: int | None = None) -> None:
        """The screen a meeting opens on, by its status as stored now (or as an open session has it):
        live -> note pad, planned -> prepare, ended (or unknown) -> summary. Home and the palette both call this.
        With ``line`` (a note search hit) it opens at that line of the notes: the live note pad, else the notes."""
        from netbook.domain.models import MeetingStatus

        session = self.open_session(meeting_id)
        if session is not None:
            status = session.meeting.status
        else:
            home = self.store.cached_home_summary()  # Home's rows: no index read on the UI thread
            summary = home.meetings.get(meeting_id) if home is not None else None
            summary = summary or self.store.meeting_summary(meeting_id)
            status = summary.status if summary else MeetingStatus.ENDED
        if status is MeetingStatus.LIVE:
            self.open_meeting(meeting_id, line=line)
        elif line is not None:
            from netbook.screens.meeting_notes import MeetingNotesScreen

            self.push_screen(MeetingNotesScreen(meeting_id, line))
        elif status is MeetingStatus.PLANNED:
            self.open_prepare(meeting_id=meeting_id)
        else:
            self.open_summary(meeting_id)

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

    def open_note_search(self) -> None:
        from netbook.screens.note_search import NoteSearchScreen

        if not self._unwind_to(lambda screen: isinstance(screen, NoteSearchScreen)):
            self.push_screen(NoteSearchScreen())

    def open_open_asks(self) -> None:
        from netbook.screens.open_asks import OpenAsksScreen

        self.push_screen(OpenAsksScreen())

    def open_profile(self) -> None:
        from netbook.screens.profile import ProfileScreen

        if not isinstance(self.screen, ProfileScreen):
            self.push_screen(ProfileScreen())


def create_app(
    data_dir: Path | str,
    *,
    config: Config | None = None,
    config_path: Path | None = None,
    clock: Clock | None = None,
    meeting_id: str | None = None,
    store: Store | None = None,
    config_problem: str | None = None,
) -> NetbookApp:
    """The app on ``data_dir``. Tests pass ``config`` directly; the CLI passes ``config_path``
    (``netbook meet`` reads the config before it creates the meeting and passes both)."""
    problem = config_problem
    if config is None and config_path is not None:
        config, problem = load_config(config_path)
    store = store or Store.open(Path(data_dir))
    return NetbookApp(
        store, config=config, clock=clock, meeting_id=meeting_id, config_path=config_path, config_problem=problem
    )
