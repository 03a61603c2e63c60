"""The one gc.freeze(): frozen while any holder holds it, unfrozen when the last goes, cycles collected on each release."""

from __future__ import annotations

import gc

from netbook.heap_hold import HeapHold


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


def test_a_release_while_another_holds_collects_its_cycles_and_keeps_the_rest_frozen() -> None:
    import weakref

    class Node:
        pass

    app_hold, meeting_hold = HeapHold(), HeapHold()
    app_hold.freeze()
    a, b = Node(), Node()
    a.other, b.other = b, a  # the closed screen's widgets: a cycle
    alive = weakref.ref(a)
    meeting_hold.freeze()
    del a, b
    meeting_hold.release()
    assert alive() is None  # collected when the meeting let go, not at exit
    assert gc.get_freeze_count() > 0  # the app's hold still keeps the rest out of full passes
    app_hold.release()
    assert gc.get_freeze_count() == 0


def test_a_closed_holder_never_freezes_again() -> None:
    hold = HeapHold()
    hold.freeze()
    hold.close()
    hold.freeze()  # a worker's result arriving after the screen went
    assert not hold.held and gc.get_freeze_count() == 0
