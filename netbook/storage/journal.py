"""A table file as a snapshot plus an append-only log: saving a record costs the record, not the file.

Used for ``people.json`` (the contact book) and ``index.json`` (the meeting index); see
:class:`Journal` for the files, the compaction and what a kill leaves behind.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from netbook.storage.files import (
    FILE_MODE,
    CorruptFileError,
    ReadOnlyError,
    StoreError,
    atomic_write_bytes,
    fsync_dir,
    write_all,
)

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
                fsync_dir(path.parent)
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
