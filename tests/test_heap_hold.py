"""The meeting screen's hold on gc.freeze(): frozen while any holder is open, unfrozen when the last goes."""

from __future__ import annotations

import gc

from netbook.screens.heap_hold import HeapHold


def test_the_heap_is_unfrozen_only_when_the_last_hold_is_released() -> None:
    gc.unfreeze()
    first, second = HeapHold(), HeapHold()
    first.freeze()
    first.freeze()  # idempotent: one hold
    kept = [object() for _ in range(10)]  # noqa: F841 - objects made after the first freeze
    second.freeze()
    assert gc.get_freeze_count() > 0
    first.release()
    first.release()
    assert gc.get_freeze_count() > 0  # the second still holds it
    second.release()
    assert gc.get_freeze_count() == 0


def test_cycles_that_became_garbage_while_frozen_are_collected_after_the_release() -> None:
    import weakref

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a reference cycle: only the cyclic GC frees it
    alive = weakref.ref(a)
    hold = HeapHold()
    hold.freeze()
    del a, b
    gc.collect()
    assert alive() is not None  # frozen: full passes skip it
    hold.release()
    gc.collect()
    assert alive() is None
