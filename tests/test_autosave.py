"""The debounced saver: coalesces bursts, never writes old over new, never blocks submit."""

from __future__ import annotations

import threading

from netbook.storage.autosave import DebouncedSaver


class Recorder:
    """A writer that records snapshots; ``gate`` holds it, ``entered`` says it is writing."""

    def __init__(self) -> None:
        self.written: list = []
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()
        self.done = threading.Event()

    def __call__(self, snapshot) -> None:
        self.entered.set()
        self.gate.wait()
        self.written.append(snapshot)
        self.done.set()


def test_flush_writes_the_latest_snapshot_once() -> None:
    rec = Recorder()
    saver = DebouncedSaver(rec, interval=5.0)
    try:
        rec.gate.clear()  # hold the writer so the burst piles up
        for i in range(100):
            saver.submit(f"v{i}")
        rec.gate.set()
        assert saver.flush()
        assert rec.written[-1] == "v99"
        assert not saver.dirty
        n = len(rec.written)
        assert saver.flush() and len(rec.written) == n  # nothing new: no write
    finally:
        saver.close()


def test_background_thread_writes_within_the_interval() -> None:
    rec = Recorder()
    saver = DebouncedSaver(rec, interval=0.05)
    try:
        saver.submit("a")
        assert rec.done.wait(2.0) and rec.written == ["a"]
        rec.done.clear()
        for i in range(50):  # a burst is coalesced into (at most) a couple of writes
            saver.submit(f"b{i}")
        while rec.written[-1] != "b49":
            assert rec.done.wait(2.0), "the newest snapshot was not written"
            rec.done.clear()
        assert len(rec.written) <= 3
    finally:
        saver.close()


def test_submit_never_waits_for_a_slow_disk() -> None:
    rec = Recorder()
    saver = DebouncedSaver(rec, interval=0.01)
    try:
        rec.gate.clear()  # the disk hangs
        saver.submit("first")
        assert rec.entered.wait(2.0)  # the writer is stuck inside the write
        typist = threading.Thread(target=lambda: [saver.submit(f"k{i}") for i in range(1000)])
        typist.start()
        typist.join(10.0)
        assert not typist.is_alive() and not rec.gate.is_set()  # every submit returned while the disk hung
        rec.gate.set()
        saver.flush()
        assert rec.written[-1] == "k999"
    finally:
        saver.close()


def test_an_older_snapshot_is_never_written_after_a_newer_one() -> None:
    rec = Recorder()
    saver = DebouncedSaver(rec, interval=0.0005)
    try:
        for i in range(300):
            saver.submit(i)
            if i % 37 == 0:
                saver.flush()
        saver.flush()
        assert rec.written == sorted(rec.written) and rec.written[-1] == 299
    finally:
        saver.close()


def test_errors_are_reported_and_the_next_change_retries() -> None:
    errors: list[BaseException] = []
    calls: list[str] = []

    def write(snapshot: str) -> None:
        calls.append(snapshot)
        if snapshot == "bad":
            raise OSError("disk full")

    saver = DebouncedSaver(write, interval=10.0, on_error=errors.append)
    try:
        saver.submit("bad")
        saver.flush()
        assert isinstance(saver.last_error, OSError) and len(errors) == 1
        saver.submit("good")
        assert saver.flush() and saver.last_error is None and calls[-1] == "good"
    finally:
        saver.close()


def test_close_flushes() -> None:
    rec = Recorder()
    saver = DebouncedSaver(rec, interval=10.0)
    saver.submit("x")
    saver.close()
    assert rec.written[-1] == "x"
