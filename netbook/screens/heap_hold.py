"""Keeping what an open screen has loaded out of the cyclic garbage collector's full passes.

A live meeting with a long note holds ~140,000 tracked objects (the contact book, the
detector's tables, two trackers' hits, the mentions, Textual's cached strips). CPython's
full (generation-2) collection walks all of them, ~120 ms on this 2-core machine, and it
runs every few hundred keystrokes: a key typed meanwhile waits for it (the maxima of
benchmarks/bench_meeting_typing.py). :meth:`HeapHold.freeze` moves what exists once the
screen has loaded into the permanent generation (``gc.freeze``: constant time), so later
full passes walk only what typing allocated since; :meth:`HeapHold.release` gives it back
when the screen goes (``gc.unfreeze``), so anything that became garbage while frozen is
collected then. Reference counting frees frozen objects as usual; only reference cycles
wait for the release.
"""

from __future__ import annotations

import gc

_holds = 0  # screens holding the freeze; the heap is unfrozen when the last one lets go


class HeapHold:
    """One screen's hold on the freeze: :meth:`freeze` once loaded, :meth:`release` when it goes (both idempotent)."""

    def __init__(self) -> None:
        self.held = False

    def freeze(self) -> None:
        global _holds
        if self.held:
            return
        gc.collect(1)  # the young generations' garbage (cheap) is not frozen with the rest
        gc.freeze()
        self.held = True
        _holds += 1

    def release(self) -> None:
        global _holds
        if not self.held:
            return
        self.held = False
        _holds -= 1
        if _holds == 0:
            gc.unfreeze()
