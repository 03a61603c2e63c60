"""Starting on a bad config, a full disk or a data dir netbook may not write: one line, never a traceback,
and nothing half created. Folders netbook creates are 0700; folders it finds keep their mode."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from netbook import cli
from netbook.storage.config import Config, load_config, save_theme
from netbook.storage.files import ensure_private_dir
from netbook.storage.paths import resolve_config_file, resolve_data_dir
from netbook.storage.store import Store
from pty_terminal import PtyTerminal

JUNK = bytes(range(128, 256)) * 4 + b"\x00\xff theme = 1"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def on_a_terminal(monkeypatch):
    """``netbook meet`` as if run on a terminal, the app itself never opened."""
    launched = []
    monkeypatch.setattr(cli, "_terminal_problem", lambda: None, raising=False)
    monkeypatch.setattr(cli, "launch", lambda data_dir, **options: launched.append(options) or 0)
    return launched


# --------------------------------------------------------------------------- config.toml


def test_binary_junk_in_the_config_is_one_line_naming_it(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(JUNK)
    config, problem = load_config(path)
    assert config == Config()
    assert problem.startswith(f"{path}: ") and "UTF-8" in problem and "\n" not in problem
    assert save_theme(path, "nord") is not None and path.read_bytes() == JUNK  # left exactly as it was


def test_meet_with_a_binary_config_opens_the_meeting_once_with_a_notice(tmp_path):
    data, config = tmp_path / "data", tmp_path / "config.toml"
    config.write_bytes(JUNK)
    term = PtyTerminal(["--data-dir", str(data), "--config", str(config), "meet", "Jane Doe"])
    try:
        term.wait_for(lambda: b"Tag person" in term.output and b"UTF-8" in term.output, "the meeting and the notice")
        term.write(b"\x11")  # ctrl+q
    finally:
        status = term.finish()
    assert status == 0, term.tail()
    assert b"Traceback" not in term.output
    assert len(list((data / "meetings").glob("*.json"))) == 1


def test_meet_reads_the_config_before_it_creates_the_meeting(tmp_path, monkeypatch, on_a_terminal):
    data = tmp_path / "data"
    seen = []
    monkeypatch.setattr("netbook.storage.config.load_config", lambda path: seen.append(data.exists()) or (Config(), "bad"))
    assert cli.main(["--data-dir", str(data), "meet", "Jane Doe"]) == 0
    assert seen == [False]
    (options,) = on_a_terminal
    assert options["config_problem"] == "bad"  # shown in the app, read once


# --------------------------------------------------------------------------- a full disk, an unwritable dir


def test_a_full_disk_at_the_lock_is_one_line(tmp_path, monkeypatch, capsys, on_a_terminal):
    data = tmp_path / "data"
    real_write = os.write

    def write(fd, payload):
        if os.readlink(f"/proc/self/fd/{fd}").endswith("/.lock"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, payload)

    monkeypatch.setattr(os, "write", write)
    assert cli.main(["--data-dir", str(data), "meet", "Jane Doe"]) == 1
    monkeypatch.undo()
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(data / ".lock") in line and "No space left on device" in line
    assert on_a_terminal == [] and not list((data / "meetings").glob("*.json"))


def test_meet_on_an_unwritable_data_dir_is_one_line(tmp_path, monkeypatch, capsys, on_a_terminal):
    """As a user who may not write there (root may write anywhere, so the refusal is simulated)."""
    data = tmp_path / "data"
    data.mkdir(mode=0o555)
    real_mkdir, real_open = os.mkdir, os.open

    def refuse(path):
        if Path(path).is_relative_to(data):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(os, "mkdir", lambda path, *a, **k: refuse(path) or real_mkdir(path, *a, **k))
    monkeypatch.setattr(os, "open", lambda path, *a, **k: refuse(path) or real_open(path, *a, **k))
    assert cli.main(["--data-dir", str(data), "meet", "Jane Doe"]) == 1
    monkeypatch.undo()
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("netbook: ") and str(data) in line and "Permission denied" in line
    assert on_a_terminal == [] and list(data.iterdir()) == []


# --------------------------------------------------------------------------- folder modes


def test_an_existing_data_dir_keeps_its_mode(tmp_path):
    data = tmp_path / "shared"
    data.mkdir()
    os.chmod(data, 0o750)
    Store.open(data).close()
    assert _mode(data) == 0o750  # the user's folder: not netbook's to change
    assert _mode(data / "meetings") == 0o700  # netbook's own


@pytest.fixture
def umask_000():
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.fixture
def bare_home(tmp_path, monkeypatch):
    """A new user's home (0755): netbook's folders go in the platform's default places under it."""
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "NETBOOK_HOME", "NETBOOK_CONFIG",
                 "NETBOOK_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    return home


def _created_modes(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): oct(_mode(p)) for p in sorted(home.rglob("*")) if p.is_dir()}


def test_folders_netbook_creates_are_0700_whatever_the_umask(bare_home, umask_000):
    """~/.local/share and ~/.config made for netbook under umask 000 are 0700, not 0777."""
    Store.open(resolve_data_dir()).close()
    assert save_theme(resolve_config_file(), "nord") is None
    modes = _created_modes(bare_home)
    assert {".local", ".local/share", ".local/share/netbook", ".config", ".config/netbook"} <= set(modes)
    assert modes == dict.fromkeys(modes, "0o700")
    assert _mode(bare_home) == 0o755


def test_the_rescue_folder_is_0700_whatever_the_umask(bare_home, umask_000):
    """~/.cache too, where notes that would not save are written (see tests/test_unsaved_quit.py)."""
    from netbook.storage.paths import rescue_folders
    from netbook.storage.files import write_new_private_file

    rescued = write_new_private_file(rescue_folders(), "notes.txt", b"x")
    assert rescued == bare_home / ".cache/netbook/rescue/notes.txt" and _mode(rescued) == 0o600
    modes = _created_modes(bare_home)
    assert modes == {".cache": "0o700", ".cache/netbook": "0o700", ".cache/netbook/rescue": "0o700"}


def test_ensure_private_dir_refuses_a_file(tmp_path):
    (tmp_path / "f").write_text("")
    with pytest.raises(NotADirectoryError):
        ensure_private_dir(tmp_path / "f")
