"""What the command line writes to the terminal and to files: lines of output (control
characters made visible on a terminal), exports streamed to ``-o FILE`` or standard output,
a full or closed standard output said in one line, and the store's warnings."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from netbook.cli.arguments import CliError
from netbook.domain.display_text import visible_text
from netbook.storage.files import OutputFileError, write_output_file


def _out(text: str = "", *, err: bool = False) -> None:
    """Print a line of output. To a terminal, control characters in it are made visible
    (a name holding ESC ] 0 ; ... BEL would retitle it); a file or a pipe gets the exact text."""
    stream = sys.stderr if err else sys.stdout
    if stream.isatty():
        text = visible_text(text, keep_newlines=True)
    try:
        print(text, file=stream)
    except BrokenPipeError:
        raise
    except OSError as exc:
        if err:
            raise
        raise _stdout_failed(exc) from None


def _stdout_failed(exc: OSError) -> CliError:
    """Standard output cannot take more (``> /dev/full``, a dead terminal): one line, not a traceback."""
    _detach_stdout()
    return CliError(f"netbook: cannot write to standard output ({exc.strerror or exc})")


def _detach_stdout() -> None:
    """Point standard output at the null device, so what is still buffered has nowhere to fail at exit."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to detach
        pass


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _stdout_failed(exc) from None


def _check_output(out: Path | None, command: str = "export") -> None:
    if out is None:
        return
    if out.is_dir():
        raise CliError(f"netbook {command}: {out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise CliError(f"netbook {command}: folder {out.parent} does not exist")


def _write_output(command: str, output: str | None, pieces: Iterable[str | bytes], what: Callable[[], str]) -> None:
    """An export, streamed to ``-o FILE`` (see :func:`netbook.storage.files.write_output_file`) or standard output.

    ``what()`` names what was written, for the line on stderr once a file is written.
    """
    if not output:
        _write_stdout(pieces)
        return
    out = Path(output).expanduser()
    _check_output(out, command)
    try:
        write_output_file(out, pieces)
    except OutputFileError as exc:
        raise CliError(f"netbook {command}: {exc}") from None
    _out(f"wrote {what()} to {out}", err=True)


def _write_stdout(pieces: Iterable[str | bytes]) -> None:
    """A terminal shows control characters in names, never obeys them; a file or a pipe gets the exact bytes."""
    to_terminal = sys.stdout.isatty()
    out = sys.stdout.buffer
    try:
        sys.stdout.flush()
        for piece in pieces:
            if to_terminal:
                text = piece.decode("utf-8") if isinstance(piece, bytes) else piece
                piece = visible_text(text.replace("\r\n", "\n"), keep_newlines=True)
            out.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _stdout_failed(exc) from None


def _say_store_warnings(store, command: str) -> None:
    """The store's warnings (say, a rebuilt index.json), each on one line on stderr."""
    for warning in store.warnings:
        _out(f"netbook {command}: {warning}", err=True)


def _report_damaged(store, command: str) -> int:
    """Each meeting file an export had to skip, one line each on stderr; the exit status (1 if any)."""
    damaged = store.damaged_meetings()
    for error in damaged:
        _out(f"netbook {command}: skipped damaged meeting file {error}", err=True)
    return 1 if damaged else 0
