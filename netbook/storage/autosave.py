"""A debounced saver for the live meeting: typing never waits on the disk.

The UI thread calls :meth:`DebouncedSaver.submit` with the latest snapshot on every change
(it only stores a reference and wakes a thread). A background thread writes the newest
snapshot at most once every ``interval`` seconds, so a burst of keystrokes costs one write
and nothing typed waits longer than about ``interval`` plus one write to reach the disk.
:meth:`flush` writes the pending snapshot synchronously (quit, signals, leaving the screen).

Snapshots are numbered; a snapshot older than the last one written is never written, so
the thread and a flush racing each other cannot put old text over new. Core: no Textual.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

S = TypeVar("S")


class DebouncedSaver(Generic[S]):
    def __init__(
        self,
        write: Callable[[S], None],
        interval: float = 0.5,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        on_saved: Callable[[int], None] | None = None,
        name: str = "netbook-autosave",
    ) -> None:
        self._write = write
        self.interval = interval
        self._on_error = on_error
        self._on_saved = on_saved
        self._cond = threading.Condition()
        self._write_lock = threading.Lock()  # one write at a time (thread or flush)
        self._pending: S | None = None
        self._pending_seq = 0
        self._seq = 0
        self._written_seq = 0
        self._last_write = 0.0
        self._closed = False
        self.writes = 0
        self.last_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)  # started by the first submit

    # ------------------------------------------------------------------ UI thread

    def submit(self, snapshot: S) -> None:
        """Hand over the newest state; returns at once."""
        with self._cond:
            if not self._thread.is_alive() and not self._closed:
                self._thread.start()
            self._seq += 1
            self._pending = snapshot
            self._pending_seq = self._seq
            self._cond.notify()

    @property
    def dirty(self) -> bool:
        return self._pending_seq > self._written_seq

    def flush(self) -> bool:
        """Write the pending snapshot now, on the calling thread. True if all is on disk."""
        self._write_pending()
        return not self.dirty

    def close(self) -> None:
        """Flush and stop the thread."""
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    # ------------------------------------------------------------------ writer

    def _take(self) -> tuple[S | None, int]:
        with self._cond:
            if self._pending_seq <= self._written_seq:
                return None, 0
            return self._pending, self._pending_seq

    def _write_pending(self) -> None:
        with self._write_lock:
            snapshot, seq = self._take()
            if seq == 0 or seq <= self._written_seq:
                return
            try:
                self._write(snapshot)  # type: ignore[arg-type]
            except BaseException as exc:  # noqa: BLE001 - reported, retried on the next change
                self.last_error = exc
                # drop this snapshot so a failing disk is not hammered; the next submit retries
                with self._cond:
                    self._written_seq = max(self._written_seq, seq)
                    if self._pending_seq == seq:
                        self._pending = None
                if self._on_error is not None:
                    self._on_error(exc)
                return
            self.writes += 1
            self.last_error = None
            self._last_write = time.monotonic()
            with self._cond:
                self._written_seq = max(self._written_seq, seq)
                if self._pending_seq == seq:
                    self._pending = None  # let the text be collected
            if self._on_saved is not None:
                self._on_saved(seq)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed and self._pending_seq <= self._written_seq:
                    self._cond.wait()
                if self._closed:
                    return
            wait = self._last_write + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)  # coalesce a burst of keystrokes into one write
            self._write_pending()
