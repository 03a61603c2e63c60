"""One netbook per data dir, for as long as it is open; and a terminal that goes away ends it cleanly.

Real processes on pseudo-terminals (tests/pty_terminal.py), and the CLI in-process where
the lock API says enough. Every wait is on the process or on its output, never a sleep.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import threading
from pathlib import Path

from netbook import cli
from netbook.storage.data_dir_lock import DataDirLock
from netbook.storage.store import Store
from pty_terminal import ROOT, PtyTerminal

EXIT_TIMEOUT = 60.0  # a bound on waiting for the process to exit, not a speed requirement


def _meeting_files(data: Path) -> list[Path]:
    return sorted((data / "meetings").glob("*.json"))


def _lock_is_free(data: Path) -> bool:
    lock = DataDirLock(data)
    try:
        return lock.acquire()
    finally:
        lock.release()


def _stored_notes(data: Path) -> str:
    with Store(data, read_only=True) as store:
        (summary,) = store.meeting_summaries()
        return store.load_meeting(summary.id).notes


def _on_meeting_screen(term: PtyTerminal) -> None:
    term.wait_for(lambda: b"Questions" in term.output and b"Tag person" in term.output, "the meeting screen")


# --------------------------------------------------------------------------- the lock (item: meet)


def test_meet_holds_the_lock_while_the_app_runs(tmp_path, monkeypatch):
    """From before the meeting is created until the app exits: nobody else can take it meanwhile."""
    data = tmp_path / "data"
    seen = []

    def app_running(data_dir, **options):
        seen.append((_meeting_files(data_dir) != [], _lock_is_free(data_dir)))
        return 0

    monkeypatch.setattr(cli, "launch", app_running)
    monkeypatch.setattr(cli, "_terminal_problem", lambda: None, raising=False)  # as if on a terminal
    assert cli.main(["--data-dir", str(data), "meet", "Jane Doe"]) == 0
    assert seen == [(True, False)]  # the meeting exists and the lock is still held while the app runs
    assert _lock_is_free(data)  # and released once it has exited


def _wait_for_first_exit(terms: list[PtyTerminal]) -> PtyTerminal:
    exited = threading.Event()
    for term in terms:
        threading.Thread(target=lambda t=term: (t.proc.wait(), exited.set()), daemon=True).start()
    assert exited.wait(EXIT_TIMEOUT), "neither netbook exited"
    (first,) = [t for t in terms if t.proc.poll() is not None]
    return first


def test_two_simultaneous_meets_make_one_meeting(tmp_path):
    data = tmp_path / "data"
    terms = [PtyTerminal(["--data-dir", str(data), "meet", name]) for name in ("Jane Doe", "John Roe")]
    try:
        loser = _wait_for_first_exit(terms)
        (winner,) = [t for t in terms if t is not loser]
        _on_meeting_screen(winner)
        assert loser.finish() != 0
        lines = loser.text().strip().splitlines()
        assert len(lines) == 1, lines
        assert "netbook is already open" in lines[0] and f"(pid {winner.proc.pid})" in lines[0], lines
        assert len(_meeting_files(data)) == 1
        with Store(data, read_only=True) as store:
            assert len(store.contacts()) == 1  # the loser created no contact either
        winner.write(b"\x11")  # ctrl+q
        assert winner.finish() == 0, winner.tail()
    finally:
        for term in terms:
            term.finish()
    assert len(_meeting_files(data)) == 1 and _lock_is_free(data)


def test_a_second_meet_while_one_is_open_creates_nothing(tmp_path):
    data = tmp_path / "data"
    first = PtyTerminal(["--data-dir", str(data), "meet", "Jane Doe"])
    try:
        _on_meeting_screen(first)
        second = PtyTerminal(["--data-dir", str(data), "meet", "John Roe"])
        assert second.finish(timeout=EXIT_TIMEOUT) == 1
        (line,) = second.text().strip().splitlines()
        assert "netbook is already open" in line and f"(pid {first.proc.pid})" in line
        assert len(_meeting_files(data)) == 1
        first.write(b"\x11")
        assert first.finish() == 0
    finally:
        first.finish()


# --------------------------------------------------------------------------- no terminal


def test_meet_without_a_terminal_refuses_before_creating_anything(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NETBOOK_CONFIG": os.devnull}
    out = subprocess.run([sys.executable, "-m", "netbook", "--data-dir", str(data), "meet", "Jane Doe"],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=EXIT_TIMEOUT)
    assert out.returncode != 0
    (line,) = out.stderr.strip().splitlines()
    assert line.startswith("netbook meet:") and "needs a terminal" in line
    assert not data.exists()  # no meeting, no contact, not even the folder


# --------------------------------------------------------------------------- the terminal goes away


def test_terminal_gone_without_sighup_saves_releases_the_lock_and_exits(tmp_path):
    """The pane is closed and no SIGHUP reaches the app (no controlling terminal): reads hit EIO."""
    data = tmp_path / "data"
    term = PtyTerminal(["--data-dir", str(data), "meet", "Jane Doe"])
    try:
        _on_meeting_screen(term)
        term.write(b"typed before the pane closed zebra")
        term.wait_for(lambda: b"zebra" in term.output, "the text drawn")
        term.hang_up()
        status = term.proc.wait(timeout=EXIT_TIMEOUT)
    finally:
        term.finish()
    assert status == 0
    assert _stored_notes(data) == "typed before the pane closed zebra"
    assert _lock_is_free(data)


class _SplitTerminal:
    """Keys from one pty, the screen on another: the screen's side can go while keys still come."""

    def __init__(self, args: list[str]) -> None:
        self.keys_leader, keys = pty.openpty()
        self.screen_leader, screen = pty.openpty()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "NETBOOK_CONFIG": os.devnull}
        self.proc = subprocess.Popen([sys.executable, "-m", "netbook", *args], stdin=keys, stdout=screen,
                                     stderr=screen, env=env, start_new_session=True)
        os.close(keys)
        os.close(screen)
        self.screen = bytearray()
        self._arrived = threading.Condition()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        import select

        while not self._stop.is_set():
            ready, _, _ = select.select([self.screen_leader], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.screen_leader, 65536)
                except OSError:
                    chunk = b""
                with self._arrived:
                    self.screen.extend(chunk)
                    self._arrived.notify_all()
                if not chunk:
                    return

    def wait_for(self, needle: bytes) -> None:
        with self._arrived:
            assert self._arrived.wait_for(lambda: needle in self.screen or self.proc.poll() is not None, 30)
        assert needle in self.screen, bytes(self.screen[-1500:])

    def close_screen(self) -> None:
        self._stop.set()
        self._reader.join(timeout=5)
        os.close(self.screen_leader)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.keys_leader)


def test_sigterm_still_saves_and_exits_once_the_screen_is_gone(tmp_path):
    """Writes to the gone terminal fail while keys keep arriving: Textual's output thread died and
    the app blocked on its full queue, deaf to SIGTERM, holding the lock. Now it saves and exits."""
    data = tmp_path / "data"
    term = _SplitTerminal(["--data-dir", str(data), "meet", "Jane Doe"])
    try:
        term.wait_for(b"Tag person")
        os.write(term.keys_leader, b"before the screen went zebra")
        term.wait_for(b"zebra")
        term.close_screen()
        for _ in range(3000):  # keys still coming, each a frame for the gone screen (paced by waiting on the app)
            os.write(term.keys_leader, b"x")
            try:
                term.proc.wait(timeout=0.003)
                break  # it noticed by itself
            except subprocess.TimeoutExpired:
                pass
        if term.proc.poll() is None:
            term.proc.send_signal(signal.SIGTERM)
        status = term.proc.wait(timeout=EXIT_TIMEOUT)
    finally:
        term.close()
    assert status == 0
    assert _stored_notes(data).startswith("before the screen went zebra")
    assert _lock_is_free(data)
