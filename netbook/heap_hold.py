"""Keeping what the app has loaded out of the cyclic garbage collector's full passes.

What start-up and the palette's targets load (the contact book, the meeting index: ~100 MiB
at 20,000 contacts) and what a live meeting adds (the detector's tables, the trackers' hits,
~1,400 mentions, Textual's cached strips: ~140,000 tracked objects) lives for minutes or
hours. CPython's full (generation-2) collection walks all of it, 100-230 ms on this 2-core
machine, every few hundred allocations: those pauses were the palette's slow first paint
(benchmarks/bench_startup.py) and the worst keystroke waits in a long meeting
(benchmarks/bench_meeting_typing.py). ``gc.freeze`` moves what exists into the permanent
generation in constant time, so later full passes walk only what was allocated since.

There is one freeze per process, so holders share it through this module: the app holds it
from its first paint until it unmounts, the live meeting while it is on top. Reference
counting frees frozen objects as usual; only reference cycles wait, so when a holder lets go
its cyclic garbage (a closed screen's widgets) is collected then, once, instead of staying
until the app exits.
"""

from __future__ import annotations

import gc

_holders = 0  # holders of the freeze; the heap is unfrozen when the last one lets go


class HeapHold:
    """One holder's share of the freeze: :meth:`freeze` once loaded (again after loading more), :meth:`release` when done."""

    def __init__(self) -> None:
        self.held = False
        self.closed = False  # a holder that has gone: a late worker result must not freeze again

    def freeze(self, *, sweep: bool = True) -> None:
        """Freeze everything alive now; a holder freezing again adds what was loaded since.

        ``sweep`` first collects the young generations' garbage so it is not frozen with the
        rest; start-up passes False: with the GC off until the first paint, everything it
        allocated is still young, and walking it would delay Home for garbage it hardly made.
        """
        global _holders
        if self.closed:
            return
        if sweep:
            gc.collect(1)
        gc.freeze()
        if not self.held:
            self.held = True
            _holders += 1

    def release(self) -> None:
        global _holders
        if not self.held:
            return
        self.held = False
        _holders -= 1
        gc.unfreeze()
        if _holders:  # others still hold it: collect what became garbage while frozen, freeze the rest again
            gc.collect()
            gc.freeze()

    def close(self) -> None:
        """Release for good (the holder unmounts): later :meth:`freeze` calls do nothing."""
        self.closed = True
        self.release()
