"""A real netbook process on a pseudo-terminal, for tests that need what a terminal receives."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class PtyTerminal:
    """``python -m netbook ARGS`` with stdin, stdout and stderr (where Textual draws) on a pty."""

    def __init__(self, args: list[str], *, size: tuple[int, int] = (110, 30), env: dict[str, str] | None = None) -> None:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "NETBOOK_CONFIG": os.devnull,
               **(env or {})}
        # A new session and no controlling terminal: closing the leader sends no SIGHUP (see hang_up)
        self.proc = subprocess.Popen([sys.executable, "-m", "netbook", *args], stdin=follower, stdout=follower,
                                     stderr=follower, env=env, start_new_session=True)
        os.close(follower)  # the child holds it; reads end with EIO once it exits
        self.leader = leader
        self._closed = False
        self._stop = threading.Event()
        self.output = bytearray()
        self._arrived = threading.Condition()  # notified on every read, and when the pty closes
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.leader], [], [], 0.1)  # the timeout notices hang_up
                if self._stop.is_set():
                    chunk = b""
                elif not ready:
                    continue
                else:
                    chunk = os.read(self.leader, 65536)  # read while it writes: a full pty would block it
            except OSError:
                chunk = b""  # EIO: the child has gone
            with self._arrived:
                if chunk:
                    self.output.extend(chunk)
                self._arrived.notify_all()
            if not chunk:
                return

    def wait_for(self, predicate, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while not predicate():
                assert self.proc.poll() is None, f"netbook exited waiting for {what}: {self.tail()!r}"
                left = deadline - time.monotonic()
                assert left > 0, f"timed out waiting for {what}: {self.tail()!r}"
                self._arrived.wait(min(left, 0.5))  # woken by output; the cap notices a silent exit

    def write(self, data: bytes) -> None:
        os.write(self.leader, data)

    def hang_up(self) -> None:
        """Close the terminal's side, as a killed pane or window does, without any SIGHUP reaching
        the app (it has no controlling terminal): its reads now fail with EIO, its writes too."""
        self._stop.set()
        self._reader.join(timeout=5)
        os.close(self.leader)
        self._closed = True

    def tail(self) -> bytes:
        return bytes(self.output[-1500:])

    def finish(self, timeout: float = 30.0) -> int:
        """Wait for the process to exit (killing it if it does not) and return its exit status."""
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            if not self._closed:
                self._reader.join(timeout=5)  # it ends at EIO, once the child has gone and all is read
                self._stop.set()
                self._reader.join(timeout=1)
                os.close(self.leader)
                self._closed = True

    def text(self) -> str:
        return self.output.decode("utf-8", errors="replace").replace("\r\n", "\n")
