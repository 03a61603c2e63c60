"""The one-writer lock of a data dir (``<data dir>/.lock``); a second netbook opens read-only."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from netbook.storage.files import FILE_MODE, StoreError


class DataDirLock:
    """One writer per data dir, enforced with an OS advisory lock.

    POSIX: ``fcntl.flock`` (exclusive, non-blocking) on ``<data dir>/.lock``; Windows:
    ``msvcrt.locking``. The OS drops the lock when the process dies, even by kill -9,
    so a crash never leaves a stale lock behind.
    """

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / ".lock"
        self._fd: int | None = None

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            if sys.platform.startswith("win"):  # pragma: no cover
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError as exc:  # a full disk at start: one line naming the file, not a traceback
            os.close(fd)
            raise StoreError(self.path, f"cannot be written ({exc.strerror or exc})") from exc
        self._fd = fd
        return True

    def holder_pid(self) -> str:
        """The pid the holder wrote; it writes it just after taking the lock, so a loser of a
        simultaneous start may look in between (an empty file): it looks again, briefly."""
        for _attempt in range(50):
            try:
                pid = self.path.read_text().strip()
            except OSError:
                return "?"
            if pid:
                return pid
            time.sleep(0.01)
        return "?"

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
