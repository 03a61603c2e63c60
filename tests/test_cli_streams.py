"""Standard output that cannot take more: one line, or (a reader gone, `| head`) a quiet exit.

Real processes: a pipe whose reader has already gone (what `| head -1` leaves once it
has its line), /dev/full as standard output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from netbook.storage.store import Store


def run(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netbook", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=120)


def _book(data: Path) -> None:
    with Store.open(data) as store:
        jane = store.ensure_contact("Jane Doe")
        for n in range(3):
            store.save_meeting(store.create_meeting(jane, notes=f"meeting {n}\n" * 50))


@pytest.mark.parametrize("command", [["questions"], ["questions", "--json"], ["meetings"], ["export", "all"]])
def test_a_closed_pipe_ends_quietly(tmp_path, command):
    data = tmp_path / "d"
    _book(data)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: every write meets EPIPE
    try:
        out = run("--data-dir", str(data), *command, stdout=write_end)
    finally:
        os.close(write_end)
    assert out.stderr == ""  # no traceback, no "Exception ignored"
    assert out.returncode == 141  # 128 + SIGPIPE: what a shell reports for a program the pipe ended


def test_head_takes_one_line_and_netbook_stays_quiet(tmp_path):
    data = tmp_path / "d"
    _book(data)
    env = {**os.environ}
    shell = (f"{sys.executable} -m netbook --data-dir {data} questions | head -1; "
             f"{sys.executable} -m netbook --data-dir {data} meetings | head -1")
    out = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120, env=env)
    assert out.stderr == "" and len(out.stdout.splitlines()) == 2


@pytest.mark.parametrize("command", [["export", "all"], ["export", "contacts"], ["meetings"], ["questions"]])
def test_a_full_stdout_is_one_line(tmp_path, command):
    data = tmp_path / "d"
    _book(data)
    with open("/dev/full", "w") as full:
        out = run("--data-dir", str(data), *command, stdout=full)
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "standard output" in lines[0] and "No space left" in lines[0], out.stderr


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_questions_add_empty_text_is_one_line_and_exit_2(tmp_path, text):
    data = tmp_path / "d"
    out = run("--data-dir", str(data), "questions", "--add", text)
    assert out.returncode == 2 and out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "--add TEXT must not be empty" in lines[0]
    assert not data.exists()  # refused before anything was opened or created
