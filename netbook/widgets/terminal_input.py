"""Terminal input where a bracketed paste is text, never keys.

Textual 8.2's XTermParser reads a paste (``ESC [ 200 ~ ... ESC [ 201 ~``) one character at
a time and, when the pasted text itself holds an escape sequence, re-issues that sequence
as key presses: a pasted ``ESC ] 0 ; T BEL`` arrived as "^", "]", "0", ";", "T" and ctrl+g
(which ends the meeting), outside the paste and out of order; it also drops NUL. A paste
is text: :class:`PasteSafeParser` cuts everything between the markers out of the stream
before Textual's parser sees it and delivers it as one ``Paste`` event, byte for byte.

The same driver notices when the terminal goes away without a SIGHUP (EOF or EIO on its
input, EIO on its output) and posts :class:`TerminalLost`: the app saves, releases the
lock and exits, where Textual would spin on empty reads and block on its output queue.

This is an adapter around Textual internals (``textual._xterm_parser`` and
``LinuxDriver.run_input_thread``, as of Textual 8.2); tests/test_paste.py drives the real
app in a pseudo-terminal and fails if a Textual upgrade changes either.

Not a widget, but UI: it lives with the widgets so the core stays free of Textual; the app
imports it only when it picks its driver (Linux and macOS), never at start-up elsewhere.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Iterable
from time import monotonic

from textual import events
from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
HOLD_SECONDS = 0.1  # a held partial start marker ("ESC [ 2") not completed by then is keys


def _partial_suffix(data: str, marker: str) -> int:
    """Length of the longest end of ``data`` that is a proper beginning of ``marker``."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if data.endswith(marker[:size]):
            return size
    return 0


class PasteSafeParser(XTermParser):
    """XTermParser that passes a bracketed paste on as one exact ``Paste`` event."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._paste: list[str] | None = None  # the paste being read, or None outside one
        self._held = ""  # the end of a read that may be the start of a paste marker
        self._held_since = 0.0

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input: whatever was held or half pasted is still delivered
            if self._paste is not None:
                yield events.Paste("".join(self._paste) + self._held)
            elif self._held:
                yield from super().feed(self._held)
            self._paste, self._held = None, ""
            yield from super().feed(data)
            return
        data, self._held = self._held + data, ""
        while data:
            if self._paste is None:
                start = data.find(PASTE_START)
                if start < 0:
                    keep = _partial_suffix(data, PASTE_START)
                    # A lone ESC goes straight on (it is the Escape key far more often than the
                    # first byte of a marker split across two reads, and must not wait longer).
                    if keep >= 2:
                        data, self._held, self._held_since = data[:-keep], data[-keep:], monotonic()
                    if data:
                        yield from super().feed(data)
                    return
                if start:
                    yield from super().feed(data[:start])
                self._paste = []
                data = data[start + len(PASTE_START):]
            else:
                end = data.find(PASTE_END)
                if end < 0:
                    keep = _partial_suffix(data, PASTE_END)
                    self._paste.append(data[: len(data) - keep])
                    self._held = data[len(data) - keep:]
                    return
                self._paste.append(data[:end])
                yield events.Paste("".join(self._paste))
                self._paste = None
                data = data[end + len(PASTE_END):]

    def tick(self) -> Iterable[Message]:
        # "ESC [ 2" held in case a paste marker followed is, after a moment, keys after all.
        if self._held and self._paste is None and monotonic() - self._held_since >= HOLD_SECONDS:
            held, self._held = self._held, ""
            yield from super().feed(held)
        yield from super().tick()


class TerminalLost(Message):
    """The terminal has gone (EOF or EIO reading it, EIO writing to it) though no SIGHUP came:
    a parent that traps HUP, a pane killed while keys were queued, no controlling terminal."""


class _TerminalOutput:
    """The driver's output file. Once a write fails (the terminal has gone) every later write
    is dropped: Textual's writer thread would otherwise die, its queue fill, and the app block
    on its next frame (deaf to SIGTERM, holding the lock)."""

    def __init__(self, file, on_lost) -> None:
        self._file = file
        self._on_lost = on_lost
        self.lost = False

    def write(self, text: str) -> int:
        if not self.lost:
            try:
                return self._file.write(text)
            except (OSError, ValueError):
                self._lose()
        return len(text)

    def flush(self) -> None:
        if not self.lost:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self._lose()

    def _lose(self) -> None:
        self.lost = True
        try:  # what is still buffered for the dead terminal would fail again at exit (status 120)
            fd = self._file.fileno()
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, fd)
            os.close(devnull)
        except (OSError, ValueError):
            pass
        self._on_lost()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True


class PasteSafeDriver(LinuxDriver):
    """LinuxDriver reading input through :class:`PasteSafeParser`, and telling the app
    (:class:`TerminalLost`) when the terminal goes away instead of spinning on empty reads."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._file = _TerminalOutput(self._file, self._terminal_lost)
        self._lost = False

    def _terminal_lost(self) -> None:
        if not self._lost:
            self._lost = True
            self._app.post_message(TerminalLost())  # thread-safe; the app saves, releases the lock, exits

    def run_input_thread(self) -> None:
        # Textual 8.2's LinuxDriver.run_input_thread with the parser swapped, and EOF/EIO on the
        # terminal ending the thread (Textual's loop `break`s on an empty read and selects again:
        # a busy loop, for ever, once the terminal has gone).
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ
        parser = PasteSafeParser(self._debug)
        feed = parser.feed
        tick = parser.tick
        decode = getincrementaldecoder("utf-8")().decode
        read = os.read

        def process_selector_events(selector_events, final: bool = False) -> bool:
            """False once the terminal has gone."""
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & EVENT_READ:
                    try:
                        raw = read(fileno, 1024 * 4)
                    except BlockingIOError:  # a non-blocking tty another reader emptied first: nothing gone
                        continue
                    except OSError:  # EIO: the other end of the terminal has closed
                        raw = b""
                    if not raw:
                        return False
                    for event in feed(decode(raw, final=final and last)):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)
            return True

        try:
            while not self.exit_event.is_set():
                if not process_selector_events(selector.select(0.1)):
                    self._terminal_lost()
                    return
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
