"""`export -o PATH` and the config file: what is at PATH decides how it is written.

A regular file is replaced atomically and keeps its mode; a symlink is followed, never
replaced; a FIFO or a character device is written in place; nothing else is written.
The character device here is a pseudo-terminal's slave end (any user can open one),
never the machine's /dev/null: as root, the old code renamed a file over whatever -o named.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from netbook.domain.models import Meeting, MeetingStatus
from netbook.storage.config import save_theme
from netbook.storage.files import OutputFileError, write_output_file
from netbook.storage.store import Store

UNWRITABLE = Path("/proc/netbook-export.md")  # procfs: no file can be created there, not even by root


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netbook", *args], capture_output=True, text=True, timeout=120)


class FifoReader:
    """Reads a FIFO to its end in a thread (a writer's open blocks until a reader has it open)."""

    def __init__(self, path: Path) -> None:
        self.data = b""
        self._thread = threading.Thread(target=self._read, args=(path,), daemon=True)
        self._thread.start()

    def _read(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self.data = fh.read()

    def result(self) -> bytes:
        self._thread.join(timeout=60)
        return self.data


@pytest.fixture
def pty_slave():
    """A character device we may write to: the slave end of a new pseudo-terminal, and a reader of its master."""
    import termios
    import tty

    master, slave = os.openpty()
    tty.setraw(slave)  # bytes through as written (no \n -> \r\n)
    termios.tcflush(slave, termios.TCIOFLUSH)
    path = Path(os.ttyname(slave))

    def read_all() -> bytes:
        import select

        out = b""
        while select.select([master], [], [], 0.5)[0]:
            out += os.read(master, 65536)
        return out

    yield path, read_all
    os.close(slave)
    os.close(master)


def _book(data: Path) -> str:
    with Store.open(data) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        meeting = Meeting(contact_id=jane.id, status=MeetingStatus.ENDED, notes="talked about data teams")
        store.save_meeting(meeting)
        return meeting.id


# --------------------------------------------------------------------------- the one writer


def test_a_new_file_is_private_and_an_existing_one_keeps_its_mode(tmp_path):
    new = tmp_path / "new.md"
    assert write_output_file(new, ["one ", b"two"]) == 7
    assert new.read_text() == "one two" and stat.S_IMODE(new.stat().st_mode) == 0o600
    shared = tmp_path / "shared.md"
    shared.write_text("old")
    shared.chmod(0o644)
    write_output_file(shared, ["new"])
    assert shared.read_text() == "new" and stat.S_IMODE(shared.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "shared.md"]  # no temp file left


def test_a_symlink_is_followed_not_replaced(tmp_path):
    real = tmp_path / "real" / "notes.md"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_output_file(link, ["new"])
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new" and stat.S_IMODE(real.stat().st_mode) == 0o640
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "real" / "later.md")
    write_output_file(dangling, ["made"])
    assert dangling.is_symlink() and (tmp_path / "real" / "later.md").read_text() == "made"


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    write_output_file(fifo, ["through ", "the pipe"])
    assert reader.result() == b"through the pipe"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_character_device_is_written_in_place(pty_slave):
    path, read_all = pty_slave
    write_output_file(path, ["to the terminal"])
    assert read_all() == b"to the terminal"
    assert stat.S_ISCHR(os.stat(path).st_mode)


def test_a_socket_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        with pytest.raises(OutputFileError) as err:
            write_output_file(path, ["x"])
        assert str(path) in str(err.value) and "socket" in str(err.value)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_an_unwritable_place_is_one_error_naming_the_file():
    with pytest.raises(OutputFileError) as err:
        write_output_file(UNWRITABLE, ["x"])
    assert str(err.value).startswith(f"{UNWRITABLE}: cannot be written (")


def test_an_error_producing_a_piece_leaves_the_file_and_comes_out_as_raised(tmp_path):
    path = tmp_path / "out.md"
    path.write_text("kept")

    def pieces():
        yield "half"
        raise KeyError("boom")

    with pytest.raises(KeyError):
        write_output_file(path, pieces())
    assert path.read_text() == "kept" and [p.name for p in tmp_path.iterdir()] == ["out.md"]


# --------------------------------------------------------------------------- every export -o


def test_export_to_a_fifo_writes_into_it(tmp_path):
    data = tmp_path / "d"
    _book(data)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    out = run("--data-dir", str(data), "export", "all", "--format", "json", "-o", str(fifo))
    assert out.returncode == 0, out.stderr
    assert b'"talked about data teams"' in reader.result()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("what", [["latest"], ["contacts"], ["contacts", "--format", "csv"], ["followups"]])
def test_every_export_follows_a_symlink_and_keeps_the_mode(tmp_path, what):
    data = tmp_path / "d"
    _book(data)
    real = tmp_path / "real.out"
    real.write_text("old")
    real.chmod(0o644)
    link = tmp_path / "link.out"
    link.symlink_to(real)
    out = run("--data-dir", str(data), "export", *what, "-o", str(link))
    assert out.returncode == 0, out.stderr
    assert link.is_symlink() and real.read_text() != "old"
    assert stat.S_IMODE(real.stat().st_mode) == 0o644


def test_export_to_a_terminal_device_writes_in_place(tmp_path, pty_slave):
    data = tmp_path / "d"
    _book(data)
    path, read_all = pty_slave
    out = run("--data-dir", str(data), "export", "contacts", "--format", "csv", "-o", str(path))
    assert out.returncode == 0, out.stderr
    assert b"Jane Doe" in read_all()


@pytest.mark.parametrize("what", [["latest"], ["contacts"], ["followups"]])
def test_an_unwritable_output_is_one_line_and_exit_1(tmp_path, what):
    data = tmp_path / "d"
    _book(data)
    out = run("--data-dir", str(data), "export", *what, "-o", str(UNWRITABLE))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and str(UNWRITABLE) in lines[0] and "cannot be written" in lines[0], out.stderr


def test_markdown_folder_export_keeps_the_mode_of_a_file_it_rewrites(tmp_path):
    data = tmp_path / "d"
    meeting_id = _book(data)
    folder = tmp_path / "vault"
    assert run("--data-dir", str(data), "export", "all", "-o", f"{folder}/").returncode == 0
    (note,) = folder.glob("*.md")
    note.chmod(0o644)
    with Store.open(data) as store:
        meeting = store.load_meeting(meeting_id)
        meeting.notes += "\nand about hiring"
        store.save_meeting(meeting)
    out = run("--data-dir", str(data), "export", "all", "-o", f"{folder}/")
    assert out.returncode == 0, out.stderr
    assert "and about hiring" in note.read_text() and stat.S_IMODE(note.stat().st_mode) == 0o644


# --------------------------------------------------------------------------- the config file


def test_saving_the_theme_follows_a_symlinked_config(tmp_path):
    real = tmp_path / "dotfiles" / "netbook.toml"
    real.parent.mkdir()
    real.write_text('theme = "nord"\n')
    real.chmod(0o644)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    assert save_theme(link, "dracula") is None
    assert link.is_symlink() and real.read_text() == 'theme = "dracula"\n'
    assert stat.S_IMODE(real.stat().st_mode) == 0o644


def test_saving_the_theme_never_writes_into_a_device_or_fifo(tmp_path, pty_slave):
    path, read_all = pty_slave
    assert save_theme(path, "nord") is None
    assert read_all() == b"" and stat.S_ISCHR(os.stat(path).st_mode)
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    assert save_theme(fifo, "nord") is None  # returns at once: nobody reads a config FIFO
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_to_dev_stdout_on_a_pipe_writes_into_the_pipe(tmp_path):
    data = tmp_path / "d"
    _book(data)
    out = run("--data-dir", str(data), "export", "contacts", "--format", "csv", "-o", "/dev/stdout")
    assert out.returncode == 0, out.stderr
    assert "Jane Doe" in out.stdout


def test_a_folder_export_to_a_file_is_one_line(tmp_path):
    data = tmp_path / "d"
    _book(data)
    plain = tmp_path / "plain"
    plain.write_text("mine")
    out = run("--data-dir", str(data), "export", "all", "-o", f"{plain}/")
    assert out.returncode == 1 and out.stderr.strip() == f"netbook export: {plain} is not a folder (a trailing / asks for one file per meeting)"
    assert plain.read_text() == "mine"
