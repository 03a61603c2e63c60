"""Never lose a word: drive the real app in a pseudo-terminal, type, kill it, restart, check.

Round 1 starts ``netbook --data-dir D meet "Jane Doe" --company Acme``; every later round
starts plain ``netbook --data-dir D``, whose Home offers the unfinished meeting, resumes it
with one key (Enter), types more and is killed with SIGKILL at a random moment. After each kill the stored notes must be exactly
what was typed up to some point, and hold everything typed more than a second before
the kill. Then SIGTERM and SIGHUP must save everything and exit 0 with the terminal restored.
"""

from __future__ import annotations

import fcntl
import os
import random
import select
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from netbook.storage.store import Store

KILLS = 22
SAVE_WINDOW = 1.0  # seconds: anything typed earlier than this before a kill must be on disk
READY_TIMEOUT = 20.0
NETBOOK = str(Path(sys.executable).with_name("netbook"))

WORDS = ["talked", "to", "Susan", "Smith", "at", "Citibank", "about", "roles", "María", "de", "la", "Cruz",
         "J.P.", "Morgan", "résumé", "gap", "year", "[bold]", "[/]", "e-mail", "intro", "Friday", "AT&T", "3M"]


class Term:
    """A child process on a pty, with its output drained in a thread."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        pid, fd = os.forkpty()
        if pid == 0:  # child
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        self._lock = threading.Condition()  # notified whenever output arrives
        self._stop = False
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()
        self.status: int | None = None

    def _drain(self) -> None:
        while not self._stop:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if ready:
                    data = os.read(self.fd, 65536)
                    if not data:
                        return
                    with self._lock:
                        self.output += data
                        self._lock.notify_all()
            except OSError:
                return

    def seen(self, needle: bytes) -> bool:
        with self._lock:
            return needle in self.output

    def wait_for(self, needle: bytes, timeout: float = READY_TIMEOUT, *, after: int = 0) -> None:
        """Wait until ``needle`` is drawn after output position ``after`` (woken by each read, not polled)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while needle not in self.output[after:]:
                if self.poll() is not None:
                    raise AssertionError(f"app exited ({self.status}) before showing {needle!r}: {bytes(self.output)[-2000:]!r}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"app did not show {needle!r} within {timeout}s: {bytes(self.output)[-2000:]!r}")
                self._lock.wait(min(left, 0.5))  # wakes on output; the cap notices an exit that prints nothing

    def write(self, data: str) -> None:
        os.write(self.fd, data.encode("utf-8"))

    def poll(self) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
        return self.status

    def wait(self, timeout: float = 10.0) -> int:
        if self.status is None:
            waiter = threading.Thread(target=self._reap, daemon=True)
            waiter.start()
            waiter.join(timeout)
            if self.status is None:
                os.kill(self.pid, signal.SIGKILL)
                waiter.join()
                raise AssertionError("app did not exit in time")
        return self.status

    def _reap(self) -> None:
        _, self.status = os.waitpid(self.pid, 0)

    def close(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            self.wait()
        self._stop = True
        self._reader.join(timeout=1)
        os.close(self.fd)


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NETBOOK"))}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", NETBOOK_CONFIG=os.devnull, LANG="C.UTF-8",
               HOME=str(tmp))
    return env


def _stored_notes(data_dir: Path, meeting_id: str) -> str:
    return Store(data_dir, read_only=True).load_meeting(meeting_id).notes


def _wait_until_stored(data_dir: Path, meeting_id: str, notes: str, timeout: float = 10.0) -> None:
    """The autosave has written ``notes``: the file is the only place that can say so."""
    deadline = time.monotonic() + timeout
    while _stored_notes(data_dir, meeting_id) != notes:
        assert time.monotonic() < deadline, f"notes not saved within {timeout}s"
        time.sleep(SAVE_WINDOW / 5)


def _type_until_killed(term: Term, rng: random.Random, duration: float) -> list[tuple[float, str]]:
    """Type words in small bursts for ``duration`` seconds; return (time sent, text) chunks."""
    sent: list[tuple[float, str]] = []
    end = time.monotonic() + duration
    while time.monotonic() < end:
        word = rng.choice(WORDS)
        chunk = word + rng.choice([" ", " ", " ", "\r"])
        for i in range(0, len(chunk), 3):
            piece = chunk[i:i + 3]
            term.write(piece)
            sent.append((time.monotonic(), piece.replace("\r", "\n")))
            time.sleep(rng.uniform(0.005, 0.03))
    return sent


def _launch(argv: list[str], env: dict[str, str], *, resume: bool = False) -> Term:
    term = Term(argv, env)
    if resume:  # Home highlights the unfinished meeting: one key takes us back in
        term.wait_for(b"resume")
        term.write("\r")
    term.wait_for(b"Meeting with Jane Doe")
    term.wait_for(b"Tag person")  # the footer: the whole first frame is drawn, the note pad has focus
    return term


def _meeting_id(data_dir: Path) -> str:
    store = Store(data_dir, read_only=True)
    return store.meeting_summaries()[0].id


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_at_most_the_last_second(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("NETBOOK_KILL_SEED", "20260310")))
    data_dir = tmp_path / "data"
    env = _env(tmp_path)
    expected = ""  # what the notes should hold once everything sent so far is saved
    meeting_id = None
    kills = 0
    for round_no in range(KILLS):
        if meeting_id is None:
            term = _launch([NETBOOK, "--data-dir", str(data_dir), "meet", "Jane Doe", "--company", "Acme"], env)
        else:
            term = _launch([NETBOOK, "--data-dir", str(data_dir)], env, resume=True)
        try:
            if meeting_id is None:
                meeting_id = _meeting_id(data_dir)
            base = _stored_notes(data_dir, meeting_id)
            assert base == expected, f"round {round_no}: reopened notes differ from what was saved"
            sent = _type_until_killed(term, rng, rng.uniform(0.3, 1.6))
            time.sleep(rng.uniform(0.0, 0.4))
            kill_time = time.monotonic()
            os.kill(term.pid, signal.SIGKILL)
            term.wait()
            kills += 1
        finally:
            term.close()
        full = base + "".join(text for _, text in sent)
        must = base + "".join(text for t, text in sent if t < kill_time - SAVE_WINDOW)
        stored = _stored_notes(data_dir, meeting_id)
        assert full.startswith(stored), f"round {round_no}: stored notes are not what was typed: {stored[-80:]!r}"
        assert len(stored) >= len(must), (
            f"round {round_no}: lost more than {SAVE_WINDOW}s of typing: "
            f"stored {len(stored)} chars, needed {len(must)} of {len(full)}"
        )
        expected = stored
    assert kills >= 20
    assert expected  # something was typed and kept


def _graceful(tmp_path: Path, sig: signal.Signals) -> None:
    data_dir = tmp_path / "data"
    env = _env(tmp_path)
    term = _launch([NETBOOK, "--data-dir", str(data_dir), "meet", "Jane Doe", "--company", "Acme"], env)
    try:
        text = "Met Susan Smith at Citibank\r- ask about [bold]roles[/] "
        term.write(text)
        term.wait_for(b"roles")  # the app has taken the keys in
        term.write("tail")
        term.wait_for(b"tail", timeout=10)
        os.kill(term.pid, sig)
        status = term.wait()
    finally:
        term.close()
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"exit status {status}"
    assert b"\x1b[?1049l" in term.output  # the alternate screen was left: terminal restored
    notes = _stored_notes(data_dir, _meeting_id(data_dir))
    assert notes == text.replace("\r", "\n") + "tail"


def test_sigterm_saves_and_exits_zero(tmp_path: Path) -> None:
    _graceful(tmp_path, signal.SIGTERM)


def test_sighup_saves_and_exits_zero(tmp_path: Path) -> None:
    _graceful(tmp_path, signal.SIGHUP)


@pytest.mark.slow
def test_reopened_meeting_survives_a_kill(tmp_path: Path) -> None:
    """End from the checklist, reopen from the summary, type, kill -9: Home offers it live, follow-ups kept."""
    data_dir = tmp_path / "data"
    env = _env(tmp_path)
    term = _launch([NETBOOK, "--data-dir", str(data_dir), "meet", "Jane Doe", "--company", "Acme"], env)
    try:
        mark = len(term.output)
        term.write("Met Jane ")
        term.wait_for(b"Jane", after=mark)  # drawn (styled as a name, so not as one run of bytes)
        term.write("\x0c")  # ctrl+l: the closing checklist
        term.wait_for(b"asks open")
        term.write("\x07")  # ctrl+g: end the meeting
        term.wait_for(b"Follow-ups")
        term.wait_for(b"thank-you note")
        mark = len(term.output)
        term.write("r")  # reopen: back to the note pad
        term.wait_for(b"Meeting with Jane Doe", after=mark)
        term.wait_for(b"Tag person", after=mark)  # the note pad is back, focused
        mark = len(term.output)
        term.write("after reopening")
        term.wait_for(b"reopening", after=mark)  # the note pad has it
        meeting_id = _meeting_id(data_dir)
        _wait_until_stored(data_dir, meeting_id, "Met Jane after reopening")
        os.kill(term.pid, signal.SIGKILL)
        term.wait()
    finally:
        term.close()
    store = Store(data_dir, read_only=True)
    meeting = store.load_meeting(_meeting_id(data_dir))
    assert meeting.notes == "Met Jane after reopening"
    assert meeting.status.value == "live" and meeting.ended_at is None
    assert meeting.followups, "the follow-ups of the first ending are kept"
    assert [s.id for s in store.unfinished_meetings()] == [meeting.id]
    term = _launch([NETBOOK, "--data-dir", str(data_dir)], env, resume=True)  # Home offers it: one key back in
    term.close()
