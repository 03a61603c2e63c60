"""Crash-safe file primitives: the store's errors, atomic (JSON) files, a TinyDB storage built on them.

TinyDB's JSONStorage rewrites its file in place, so a kill mid-write leaves half a
file. Here every write goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old file with ``os.replace`` and the folder fsynced:
a reader sees the old content or the new, never a mix.

Built on these: the journals of the contact book and the index (:mod:`netbook.storage.journal`)
and the one-writer lock of a data dir (:mod:`netbook.storage.data_dir_lock`).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable
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
    """Another netbook holds the writer lock on this data dir (``holder``: its pid, or "?")."""

    def __init__(self, path: Path | str, problem: str, holder: str = "?") -> None:
        super().__init__(path, problem)
        self.holder = holder


def ensure_private_dir(path: Path) -> Path:
    """``path`` as a folder, creating it and any missing parents 0700 whatever the umask.

    Only folders created here get that mode: an existing folder (a ``--data-dir`` the user
    made, their ``~/.config``) keeps its own. ``Path.mkdir(parents=True)`` would create the
    parents with the umask's mode (0777 under umask 000), and ``mode`` is masked too.
    """
    path = Path(path)
    missing: list[Path] = []
    folder = path
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:  # made meanwhile by someone else: theirs, mode and all
            continue
        os.chmod(folder, DIR_MODE)  # mkdir's mode went through the umask
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path))
    return path


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (one call may write fewer)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable (the folder's entry, not only the file)."""
    if sys.platform.startswith("win"):  # pragma: no cover - no directory fsync on Windows
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""

    def write(fd: int) -> int:
        write_all(fd, data)
        return len(data)

    _replace_atomically(Path(path), write)


def atomic_write_chunks(path: Path, chunks: Iterable[str]) -> int:
    """Like :func:`atomic_write_bytes`, for text produced piece by piece (a long export): memory stays flat.

    Returns the number of bytes written. If producing a piece fails, the old file is untouched.
    """
    return _producing(lambda write: _replace_atomically(Path(path), write), chunks)


class OutputFileError(StoreError):
    """A file the user named for output (``export -o``, the config) cannot be written; nothing was replaced."""


def write_output_file(path: Path | str, pieces: Iterable[str | bytes]) -> int:
    """Write ``pieces`` to ``path``, a place the user chose (``export -o``, the config file).

    What is there decides how, so that nothing but a regular file is ever renamed over:

    - nothing: a new file, 0600, written atomically (a temp file beside it, renamed into place);
    - a regular file: replaced atomically, keeping its mode (and its owner, when allowed);
    - a symlink: followed, never replaced; its target gets the rule that fits it;
    - a FIFO or a character device (``/dev/null``, a terminal, ``/dev/stdout``): written in
      place, never created, truncated or renamed over;
    - anything else (a folder, a socket, a block device): refused.

    Returns the number of bytes written. A failure is an :class:`OutputFileError` naming
    ``path``, with a regular file untouched; an error producing a piece is raised as it is.
    """
    path = Path(path)

    def write_there(write: Callable[[int], int]) -> int | os.stat_result:
        try:
            st = os.stat(path)  # through every symlink
        except FileNotFoundError:
            st = None
        if st is None or stat.S_ISREG(st.st_mode):
            if st is not None and not os.access(path, os.W_OK):  # read-only to us: `>` would refuse it too
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            # The file itself is replaced, beside it: a symlink stays, a dangling one names the file to create.
            return _replace_atomically(Path(os.path.realpath(path)), write, like=st)
        if not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
            return st  # refused below
        # Opened by the name given (/dev/stdout on a pipe has no real path to resolve to); no O_CREAT,
        # no O_TRUNC: what is there, as it is.
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        try:
            return write(fd)
        finally:
            os.close(fd)

    try:
        done = _producing(write_there, pieces)
    except OSError as exc:
        raise OutputFileError(path, f"cannot be written ({exc.strerror or exc})") from exc
    if isinstance(done, int):
        return done
    kind = ("a folder" if stat.S_ISDIR(done.st_mode) else "a block device" if stat.S_ISBLK(done.st_mode)
            else "a socket" if stat.S_ISSOCK(done.st_mode) else "not a file")
    raise OutputFileError(path, f"is {kind}; give a file name (nothing was written)")


def _producing(run: Callable[[Callable[[int], int]], Any], pieces: Iterable[str | bytes]) -> Any:
    """``run(write)``, where ``write(fd)`` writes ``pieces``; an error producing a piece comes out as it was raised."""
    try:
        return run(_piece_writer(pieces))
    except _PieceFailed as failed:
        error = failed.error
    raise error


class _PieceFailed(Exception):
    """Producing a piece failed: carries that error past the handler for failed writes."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def _piece_writer(pieces: Iterable[str | bytes]) -> Callable[[int], int]:
    def write(fd: int) -> int:
        size = 0
        produced = iter(pieces)
        with os.fdopen(fd, "wb", buffering=1 << 20, closefd=False) as out:
            while True:
                try:
                    piece = next(produced)
                except StopIteration:
                    break
                except Exception as exc:
                    raise _PieceFailed(exc) from exc
                data = piece.encode("utf-8") if isinstance(piece, str) else piece
                out.write(data)
                size += len(data)
        return size

    return write


def _replace_atomically(path: Path, write: Callable[[int], int], *, like: os.stat_result | None = None) -> int:
    """A private temp file beside ``path``, filled by ``write``, fsynced, renamed over it, folder fsynced.

    ``like``: the file being replaced, whose mode (and owner, when allowed) the new one keeps.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        size = write(fd)
        if like is not None:
            _take_ownership_of(fd, like)
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
    fsync_dir(path.parent)
    return size


def write_new_private_file(folders: Iterable[Path], name: str, data: bytes) -> Path:
    """A new 0600 file ``name`` holding ``data``, in the first of ``folders`` that takes it.

    For what must land somewhere when the data dir will not take it (a rescue of unsaved
    notes on a full disk): each folder is created 0700 if missing; the file is never an
    existing one nor through a symlink (O_EXCL), so a shared /tmp is safe. Raises the last
    OSError if none of the folders could take it.
    """
    problem: OSError | None = None
    for folder in folders:
        path = Path(folder) / name
        try:
            ensure_private_dir(path.parent)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except OSError as exc:
            problem = exc
            continue
        try:
            write_all(fd, data)
            os.fsync(fd)
        except OSError as exc:
            problem = exc
            path.unlink(missing_ok=True)
            continue
        finally:
            os.close(fd)
        return path
    raise problem or FileNotFoundError(errno.ENOENT, "no folder to write in", name)


def _take_ownership_of(fd: int, like: os.stat_result) -> None:
    """The new file gets the old one's owner (when allowed: as root, or the same owner) and mode."""
    if hasattr(os, "fchown") and (like.st_uid, like.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, like.st_uid, like.st_gid)
        except PermissionError:
            pass
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(like.st_mode))


def dump_json(data: Any) -> bytes:
    """One top-level key per line, each value in compact JSON.

    ``json.dumps(indent=...)`` runs Python's pure-Python encoder: for a long meeting it held
    the interpreter for a few hundred ms per autosave, stealing time from typing. Each value
    here goes through the C encoder, and the file stays readable key by key.
    """
    if not isinstance(data, dict) or not data:
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    body = ",\n".join(f" {json.dumps(str(k), ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                       for k, v in data.items())
    return ("{\n" + body + "\n}\n").encode("utf-8")


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
    """Temp files left by a killed writer are garbage by construction: the rename never happened.

    This process's own temp files (named with its pid) are left alone: one may be half-way
    to its rename, so the clean-up can run in a thread beside the app's first writes.
    """
    own = f".{os.getpid()}."
    with os.scandir(folder) as entries:  # scandir: a glob over 2,000 meeting files costs ~15 ms at every start
        stale = [e.path for e in entries
                 if e.name.startswith(".") and e.name.endswith(TMP_SUFFIX) and own not in e.name]
    for path in stale:
        Path(path).unlink(missing_ok=True)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that reads once and writes atomically.

    The data dir has a single writer (see :class:`netbook.storage.data_dir_lock.DataDirLock`), so the parsed content
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
