"""Saving a model from a worker thread without ever writing an older copy over a newer one.

The UI thread calls :meth:`SnapshotSaver.snapshot` (a deep copy, cheap) and hands the
returned callable to a thread worker; :meth:`flush` saves synchronously (on the way out).
Snapshots carry a sequence number and a write older than the last one written is skipped,
so workers finishing out of order never lose an edit. Core: no Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


class SnapshotSaver(Generic[M]):
    def __init__(self, save: Callable[[M], None]) -> None:
        self._save = save
        self._lock = threading.Lock()
        self._seq = 0
        self._written = 0
        self._dirty = False

    @property
    def dirty(self) -> bool:
        return self._dirty

    def snapshot(self, model: M) -> Callable[[], None]:
        """Copy ``model`` now; the returned callable writes that copy (from any thread)."""
        self._seq += 1
        seq = self._seq
        copy = model.model_copy(deep=True)
        self._dirty = True

        def write() -> None:
            with self._lock:
                if seq <= self._written:
                    return
                self._save(copy)
                self._written = seq
                if seq == self._seq:
                    self._dirty = False

        return write

    def flush(self, model: M) -> None:
        """Save ``model`` now, on the calling thread, if anything changed since the last write."""
        if self._dirty:
            self.snapshot(model)()
