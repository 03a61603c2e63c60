"""Crash-safe file primitives: atomic JSON files, a TinyDB storage built on them, a lock.

TinyDB's JSONStorage rewrites its file in place, so a kill mid-write leaves half a
file. Here every write goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old file with ``os.replace`` and the folder fsynced:
a reader sees the old content or the new, never a mix.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
import threading
import time
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
    _fsync_dir(path.parent)
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


JOURNAL_TABLE = "_journal"  # a TinyDB-shaped table in the snapshot: {"1": {"generation": N}}
_HEAD = re.compile(rb'\A\s*\{\s*"_journal"\s*:\s*\{\s*"1"\s*:\s*\{\s*"generation"\s*:\s*(\d+)\s*\}')


class JournalEntry:
    """One logged change: ``doc`` is the record as stored, or None for a deletion."""

    __slots__ = ("table", "record_id", "doc", "path", "line")

    def __init__(self, table: str, record_id: str, doc: dict[str, Any] | None, path: Path, line: int) -> None:
        self.table, self.record_id, self.doc, self.path, self.line = table, record_id, doc, path, line


class Journal:
    """A table file as a snapshot plus an append-only log of changed records.

    ``people.json`` (the snapshot, a TinyDB-shaped JSON file holding every record and its
    generation N) and ``people.N.jsonl`` (one JSON line per saved or deleted record since
    that snapshot). A save appends one line and fsyncs it, so it costs the record, not
    the book. A kill -9 mid-append leaves at most a torn last line, which is ignored (and
    cut off before the next append). When the log outgrows a fraction of the book, it is
    compacted in a background thread: appends move to log N+1 at once, the new snapshot
    (generation N+1) is written to a temporary file, fsynced and renamed over the old one,
    then log N is deleted. A crash at any point leaves a snapshot plus the logs that follow
    it; logs older than the snapshot are leftovers and are removed on the next load.
    A data dir written before the journal existed is simply a generation-0 snapshot.
    """

    MIN_COMPACT_ENTRIES = 100

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.generation = 0
        self.entries = 0  # lines logged since the snapshot
        self._fd: int | None = None
        self._fd_generation = -1
        self._compactor: threading.Thread | None = None
        self.compactions = 0

    # ------------------------------------------------------------------ reading

    def log_path(self, generation: int) -> Path:
        return self.path.with_name(f"{self.path.stem}.{generation}.jsonl")

    def logs(self) -> list[tuple[int, Path]]:
        pattern = re.compile(rf"{re.escape(self.path.stem)}\.(\d+)\.jsonl")
        found = []
        try:
            with os.scandir(self.path.parent) as entries:
                for entry in entries:
                    match = pattern.fullmatch(entry.name)
                    if match:
                        found.append((int(match.group(1)), Path(entry.path)))
        except FileNotFoundError:
            pass
        return sorted(found)

    def read_snapshot(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(self.path, f"cannot be read ({exc.strerror or exc})") from exc

    @staticmethod
    def snapshot_generation(raw: bytes | None, parsed: Any = None) -> int:
        """The generation a snapshot records (0 for a file written before the journal)."""
        if raw is None:
            return 0
        match = _HEAD.match(raw)
        if match:
            return int(match.group(1))
        if f'"{JOURNAL_TABLE}"'.encode() not in raw:
            return 0  # written before the journal (never parse a 10 MB book just to learn that)
        if parsed is None:
            parsed = json.loads(raw.decode("utf-8"))
        try:
            return int(parsed[JOURNAL_TABLE]["1"]["generation"])
        except (KeyError, TypeError, ValueError):
            return 0

    def read_entries(self, generation: int) -> list[JournalEntry]:
        """The changes logged since snapshot ``generation``, oldest first; sets up appending."""
        self.generation = generation
        entries: list[JournalEntry] = []
        newest = generation
        for gen, path in self.logs():
            if gen < generation:
                if not self.read_only:
                    path.unlink(missing_ok=True)  # a compaction finished but was killed before tidying
                continue
            newest = max(newest, gen)
            entries.extend(self._read_log(path))
        self.entries = len(entries)
        self._fd_generation = newest
        return entries

    def _read_log(self, path: Path) -> list[JournalEntry]:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(path, f"cannot be read ({exc.strerror or exc})") from exc
        good = raw.rfind(b"\n") + 1
        if good < len(raw) and not self.read_only:
            with open(path, "r+b") as fh:  # a torn last line (killed mid-append): never acknowledged
                fh.truncate(good)
                os.fsync(fh.fileno())
        out = []
        for number, line in enumerate(raw[:good].splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line.decode("utf-8"))
                table, record_id = item["t"], str(item["id"])
                doc = item.get("doc")
                if not isinstance(table, str) or (doc is not None and not isinstance(doc, dict)):
                    raise ValueError("bad entry")
            except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
                raise CorruptFileError(path, f"line {number} is not a netbook journal entry ({exc})") from exc
            out.append(JournalEntry(table, record_id, doc, path, number))
        return out

    # ------------------------------------------------------------------ writing

    def append(self, table: str, record_id: str, doc: dict[str, Any] | None) -> None:
        """Log one saved record (``doc``) or deletion (None), durably, in one write."""
        if self.read_only:
            raise ReadOnlyError(self.path, "data dir is open read-only (another netbook holds the lock)")
        item: dict[str, Any] = {"t": table, "id": record_id}
        if doc is not None:
            item["doc"] = doc
        line = (json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        fd = self._log_fd()
        write_all(fd, line)
        os.fsync(fd)
        self.entries += 1

    def _log_fd(self) -> int:
        if self._fd is None:
            path = self.log_path(max(self._fd_generation, self.generation))
            created = not path.exists()
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
            if created:
                _fsync_dir(path.parent)
        return self._fd

    def _close_fd(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def write_snapshot(self, tables: dict[str, Iterable[Any]], dump: Callable[[Any], dict[str, Any]]) -> None:
        """Every record in one new snapshot, now (bulk writes, rebuilds); older logs are dropped."""
        if self.read_only:
            raise ReadOnlyError(self.path, "data dir is open read-only (another netbook holds the lock)")
        self.wait()
        on_disk = max((gen for gen, _ in self.logs()), default=-1)
        generation = max(self._fd_generation, self.generation, on_disk) + 1
        self._close_fd()
        self._write(generation, {name: list(rows) for name, rows in tables.items()}, dump)
        self.generation = self._fd_generation = generation
        self.entries = 0
        self._drop_logs_before(generation)

    def needs_compaction(self, records: int) -> bool:
        return self.entries > max(self.MIN_COMPACT_ENTRIES, records // 4) and self._compactor is None

    def compact_in_background(self, tables: dict[str, list[Any]], dump: Callable[[Any], dict[str, Any]],
                              on_error: Callable[[BaseException], None] | None = None) -> None:
        """Start a compaction of ``tables`` (copies, taken under the caller's lock)."""
        if self.read_only or self._compactor is not None:
            return
        generation = max(self._fd_generation, self.generation) + 1
        self._close_fd()
        self._fd_generation = generation  # new appends go to the next log from now on
        self.entries = 0

        def run() -> None:
            try:
                self._write(generation, tables, dump)
                self.generation = generation
                self._drop_logs_before(generation)
                self.compactions += 1
            except BaseException as exc:  # noqa: BLE001 - the logs still hold everything
                if on_error is not None:
                    on_error(exc)
            finally:
                self._compactor = None

        self._compactor = threading.Thread(target=run, name=f"compact-{self.path.name}", daemon=True)
        self._compactor.start()

    def wait(self) -> None:
        compactor = self._compactor
        if compactor is not None:
            compactor.join()

    def close(self) -> None:
        self.wait()
        self._close_fd()

    def _write(self, generation: int, tables: dict[str, list[Any]], dump: Callable[[Any], dict[str, Any]]) -> None:
        # One record per line, each dumped on its own: the file stays readable, and a
        # background compaction never holds the interpreter for one long call.
        parts = [f'{{"{JOURNAL_TABLE}": {{"1": {{"generation": {generation}}}}}']
        for name, rows in tables.items():
            body = ",\n".join(f' "{n}": ' + json.dumps(dump(row), ensure_ascii=False) for n, row in enumerate(rows, 1))
            parts.append(f"{json.dumps(name)}: {{\n{body}\n}}" if body else f"{json.dumps(name)}: {{}}")
        atomic_write_bytes(self.path, (",\n".join(parts) + "}\n").encode("utf-8"))

    def _drop_logs_before(self, generation: int) -> None:
        for gen, path in self.logs():
            if gen < generation:
                path.unlink(missing_ok=True)


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
