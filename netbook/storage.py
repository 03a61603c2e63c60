"""Crash-safe file primitives: atomic JSON files, a TinyDB storage built on them, a lock.

TinyDB's JSONStorage rewrites its file in place, so a kill mid-write leaves half a
file. Here every write goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old file with ``os.replace`` and the folder fsynced:
a reader sees the old content or the new, never a mix.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

FILE_MODE = 0o600
DIR_MODE = 0o700
TMP_SUFFIX = ".tmp"


class StoreError(Exception):
    """A problem with a data file, always naming the file (and record, when known)."""

    def __init__(self, path: Path | str, problem: str, record: str | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.record = record
        where = f"{self.path}" + (f" (record {record})" if record else "")
        super().__init__(f"{where}: {problem}")


class CorruptFileError(StoreError):
    """The file cannot be parsed or validated; it is left untouched."""


class ReadOnlyError(StoreError):
    """A write was attempted on a data dir opened read-only."""


class DataDirLockedError(StoreError):
    """Another netbook holds the writer lock on this data dir."""


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    try:
        os.chmod(path, DIR_MODE)
    except PermissionError:  # pragma: no cover - not ours to change
        pass
    return path


def _fsync_dir(path: Path) -> None:
    if sys.platform.startswith("win"):  # pragma: no cover - no directory fsync on Windows
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def dump_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def atomic_write_json(path: Path, data: Any) -> None:
    atomic_write_bytes(path, dump_json(data))


def read_json(path: Path) -> Any:
    """Parse a JSON data file; any failure is a CorruptFileError naming the file."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise StoreError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise CorruptFileError(path, "is empty (truncated?)")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptFileError(path, f"is not valid JSON ({exc})") from exc


def remove_stale_temp_files(folder: Path) -> None:
    """Temp files left by a killed writer are garbage by construction: the rename never happened."""
    with os.scandir(folder) as entries:  # scandir: a glob over 2,000 meeting files costs ~15 ms at every start
        stale = [e.path for e in entries if e.name.startswith(".") and e.name.endswith(TMP_SUFFIX)]
    for path in stale:
        Path(path).unlink(missing_ok=True)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that reads once and writes atomically.

    The data dir has a single writer (see :class:`DataDirLock`), so the parsed content
    is kept in memory and never re-read; each write replaces the file atomically.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._cache: dict[str, dict[str, Any]] | None = None
        self._loaded = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._loaded:
            if self.path.exists():
                data = read_json(self.path)
                if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                    raise CorruptFileError(self.path, "is not a netbook table file")
                self._cache = data
            self._loaded = True
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise ReadOnlyError(self.path, "data dir is open read-only (another netbook holds the lock)")
        atomic_write_json(self.path, data)
        self._cache = data
        self._loaded = True

    def close(self) -> None:
        pass


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
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def holder_pid(self) -> str:
        try:
            return self.path.read_text().strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
