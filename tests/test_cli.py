"""The command line: help everywhere, one clear line for bad input, data dir anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from netbook import __version__, cli
from netbook.domain.models import MeetingStatus, QuestionStatus
from netbook.storage.store import Store


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "netbook", *args], capture_output=True, text=True, timeout=60, env=env
    )


@pytest.fixture
def no_app(monkeypatch):
    """Record the app launch instead of opening a terminal UI."""
    launched: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(cli, "_run_app", lambda args, data_dir, meeting_id=None, **_: launched.append((data_dir, meeting_id)) or 0)
    monkeypatch.setattr(cli, "_terminal_problem", lambda: None)  # as if on a terminal
    return launched


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"netbook {__version__}"


@pytest.mark.parametrize("command", [[], ["meet"], ["questions"], ["export"], ["meetings"], ["demo"]])
def test_help_on_every_command(command):
    out = run(*command, "--help")
    assert out.returncode == 0
    assert "usage: netbook" in out.stdout and "--data-dir" in out.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["meet", "Jane", "--minutes", "soon"], "expected a whole number of minutes, got 'soon'"),
        (["meet", "Jane", "--minutes", "0"], "minutes must be between 1 and 1440"),
        (["export", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["questions", "--category", "nope"], "unknown category 'nope'"),
        (["meet", "   "], "NAME must not be empty"),
    ],
)
def test_bad_arguments_give_one_clear_line(tmp_path, args, expected):
    out = run("--data-dir", str(tmp_path / "d"), *args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], out.stderr
    assert lines[0].startswith("netbook")


def test_data_dir_before_or_after_subcommand(tmp_path, no_app):
    assert cli.main(["--data-dir", str(tmp_path / "a"), "meet", "Jane Doe"]) == 0
    assert cli.main(["meet", "John Roe", "--data-dir", str(tmp_path / "b")]) == 0
    assert [d for d, _ in no_app] == [tmp_path / "a", tmp_path / "b"]
    with Store.open(tmp_path / "b") as store:
        assert [c.name for c in store.contacts()] == ["John Roe"]


def test_netbook_home_env(tmp_path, monkeypatch, no_app):
    monkeypatch.setenv("NETBOOK_HOME", str(tmp_path / "env-home"))
    assert cli.main(["meet", "Jane Doe"]) == 0
    assert no_app[0][0] == tmp_path / "env-home"


def test_meet_creates_contact_and_live_meeting(tmp_path, no_app):
    data = tmp_path / "d"
    assert cli.main(["--data-dir", str(data), "meet", "Jane Doe", "--company", "Acme", "--role", "VP Marketing", "--minutes", "45"]) == 0
    (launched_dir, meeting_id), = no_app
    with Store.open(data) as store:
        meeting = store.load_meeting(meeting_id)
        contact = store.get_contact(meeting.contact_id)
        assert contact.name == "Jane Doe" and contact.role == "VP Marketing"
        assert store.organization_name(contact) == "Acme"
        assert meeting.status is MeetingStatus.LIVE and meeting.started_at is not None
        assert meeting.planned_minutes == 45
        assert len(meeting.questions) == 4 and all(q.status is QuestionStatus.PENDING for q in meeting.questions)


def test_meet_refuses_a_data_dir_in_use(tmp_path, no_app, capsys):
    data = tmp_path / "d"
    holder = Store.open(data)
    try:
        assert cli.main(["--data-dir", str(data), "meet", "Jane Doe"]) == 1
    finally:
        holder.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "netbook is already open" in err[0] and str(data) in err[0]
    assert f"(pid {os.getpid()})" in err[0] and "Nothing was created" in err[0]
    assert no_app == []


def test_questions_json(tmp_path):
    out = run("--data-dir", str(tmp_path / "d"), "questions", "--json")
    assert out.returncode == 0
    questions = json.loads(out.stdout)
    assert len(questions) >= 150
    assert all({"id", "category", "text"} <= set(q) for q in questions)
    assert len({q["category"] for q in questions}) >= 8


def test_questions_by_category_and_add_own(tmp_path):
    data = str(tmp_path / "d")
    out = run("--data-dir", data, "questions", "--category", "roadblocks", "--json")
    roadblocks = json.loads(out.stdout)
    assert roadblocks and {q["category"] for q in roadblocks} == {"roadblocks"}
    assert all(q["note"] for q in roadblocks)
    added = run("--data-dir", data, "questions", "--add", "What would you do in my shoes?", "--category", "advice")
    assert added.returncode == 0, added.stderr
    advice = json.loads(run("--data-dir", data, "questions", "--category", "advice", "--json").stdout)
    assert advice[-1]["text"] == "What would you do in my shoes?" and advice[-1]["own"] is True
    listing = run("--data-dir", data, "questions").stdout
    assert "What would you do in my shoes?" in listing and "Potential roadblocks" in listing


def _meeting_with_everything(data: Path) -> str:
    with Store.open(data) as store:
        contact = store.ensure_contact("Jane [bold]Doe[/]", organization="Acme & Co.")
        from netbook.domain.meeting_lifecycle import default_questions
        from netbook.domain.question_bank import shipped_bank

        meeting = store.create_meeting(contact, questions=default_questions(shipped_bank()), goal="learn")
        meeting.notes = "talk to Susan Smith at Citibank\n[@click=app.quit]x \x1b[31m"
        meeting.questions[0].status = QuestionStatus.ASKED
        meeting.questions[0].answer = "SQL, storytelling"
        store.save_meeting(meeting)
        return meeting.id


def test_export_json_is_lossless(tmp_path):
    data = tmp_path / "d"
    meeting_id = _meeting_with_everything(data)
    out = run("--data-dir", str(data), "export", meeting_id[:5], "--format", "json")
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)["meetings"][0]
    with Store.open(data) as store:
        assert record["meeting"] == store.load_meeting(meeting_id).to_json_dict()
        contact = store.contacts()[0]
        assert record["contacts"] == [contact.to_json_dict()]
        assert record["organizations"][0]["name"] == "Acme & Co."


def test_export_markdown_to_file_and_all(tmp_path):
    data = tmp_path / "d"
    _meeting_with_everything(data)
    target = tmp_path / "out.md"
    out = run("--data-dir", str(data), "export", "latest", "--format", "md", "-o", str(target))
    assert out.returncode == 0, out.stderr
    text = target.read_text()
    assert "# Meeting with Jane \\[bold\\]Doe\\[/\\] (Acme & Co.)" in text  # names escaped in Markdown
    assert "talk to Susan Smith at Citibank" in text and "[x] What skills" in text
    both = run("--data-dir", str(data), "export", "all", "--format", "json")
    assert len(json.loads(both.stdout)["meetings"]) == 1


def test_export_errors_are_one_line(tmp_path):
    data = tmp_path / "d"
    out = run("--data-dir", str(data), "export")
    assert out.returncode == 1 and "no netbook data" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    _meeting_with_everything(data)
    out = run("--data-dir", str(data), "export", "zzzz")
    assert out.returncode == 1 and "no meeting with id 'zzzz'" in out.stderr
    out = run("--data-dir", str(data), "export", "-o", str(tmp_path / "missing" / "x.md"))
    assert out.returncode == 1 and "does not exist" in out.stderr


def test_corrupt_file_is_one_line_and_untouched(tmp_path):
    data = tmp_path / "d"
    meeting_id = _meeting_with_everything(data)
    path = data / "meetings" / f"{meeting_id}.json"
    path.write_text('{"id": "')
    out = run("--data-dir", str(data), "export", meeting_id, "--format", "json")
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [out.stderr.strip()] and str(path) in out.stderr
    assert path.read_text() == '{"id": "'


def test_wheel_ships_the_data_folder(tmp_path):
    """A plain `pip install .` must find data/ at run time: it is packaged as netbook/data."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(root)],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    wheel, = tmp_path.glob("netbook-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "netbook/data/questions.toml" in names
    assert "netbook/cli/__init__.py" in names and "netbook/screens/meeting.py" in names
    # And the unpacked wheel finds its data without the source checkout.
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    probe = (
        f"import sys; sys.path.insert(0, {str(unpacked)!r});"
        "import netbook.storage.resources as r, netbook.domain.question_bank as q;"
        "print(r.data_dir()); print(len(q.shipped_bank().questions))"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert found.returncode == 0, found.stderr
    where, count = found.stdout.split()
    assert where == str(unpacked / "netbook" / "data") and int(count) >= 150


def test_demo_never_overwrites_real_data(tmp_path):
    data = tmp_path / "d"
    _meeting_with_everything(data)
    before = sorted(p.name for p in (data / "meetings").iterdir())
    out = run("demo", "--no-open", "--data-dir", str(data))
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [out.stderr.strip()] and "not demo data" in out.stderr
    assert sorted(p.name for p in (data / "meetings").iterdir()) == before
    demo = tmp_path / "demo"
    made = run("demo", "--no-open", "--data-dir", str(demo), "--meetings", "5", "--contacts", "12")
    assert made.returncode == 0, made.stderr
    with Store.open(demo) as store:
        assert len(store.meeting_summaries()) == 5 and len(store.contacts()) >= 12


def test_meetings_lists_ids_for_export(tmp_path):
    data = tmp_path / "d"
    meeting_id = _meeting_with_everything(data)
    listing = run("meetings", "--data-dir", str(data))
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.startswith(meeting_id) and "Jane [bold]Doe[/] (Acme & Co.)" in listing.stdout
    rows = json.loads(run("meetings", "--json", "--data-dir", str(data)).stdout)
    assert [r["id"] for r in rows] == [meeting_id]
    empty = run("meetings", "--data-dir", str(tmp_path / "none"))
    assert empty.returncode == 1 and "no netbook data" in empty.stderr


PWNED = "\x1b]0;PWNED\x07\x1b[2J"
SHOWN = "\u241b]0;PWNED\u2407\u241b[2J"


def _run_on_a_terminal(args: list[str]) -> str:
    """Run netbook with its output on a pseudo-terminal; return what the terminal received."""
    from pty_terminal import PtyTerminal

    term = PtyTerminal(args)
    status = term.finish(timeout=60)
    assert status == 0, term.tail()
    return term.text()


def _hostile_book(data: Path) -> str:
    with Store.open(data) as store:
        eve = store.ensure_contact(f"Eve {PWNED}", organization=f"Acme {PWNED}")
        m = store.create_meeting(eve, notes=f"met {PWNED}\n")
        store.save_meeting(m)
        return m.id


def test_meetings_and_export_to_a_terminal_show_control_characters(tmp_path):
    """`netbook export` / `meetings` to a terminal used to retitle it and clear the screen."""
    data = tmp_path / "data"
    mid = _hostile_book(data)
    listed = _run_on_a_terminal(["--data-dir", str(data), "meetings"])
    assert f"Eve {SHOWN} (Acme {SHOWN})" in listed and "\x1b" not in listed
    for fmt in ("md", "json"):
        shown = _run_on_a_terminal(["--data-dir", str(data), "export", mid, "--format", fmt])
        assert "\x1b" not in shown and "\x07" not in shown
    assert SHOWN in _run_on_a_terminal(["--data-dir", str(data), "export", mid, "--format", "md"])


def test_export_to_a_pipe_keeps_exact_bytes(tmp_path):
    data = tmp_path / "data"
    mid = _hostile_book(data)
    out = subprocess.run([sys.executable, "-m", "netbook", "--data-dir", str(data), "export", mid, "--format", "json"],
                         capture_output=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(Path(cli.__file__).resolve().parents[1])})
    record = json.loads(out.stdout)
    assert record["meetings"][0]["meeting"]["notes"] == f"met {PWNED}\n"


def test_questions_to_a_terminal_show_control_characters(tmp_path):
    data = tmp_path / "data"
    assert cli.main(["--data-dir", str(data), "questions", "--add", f"Why {PWNED}?"]) == 0
    shown = _run_on_a_terminal(["--data-dir", str(data), "questions"])
    assert f"Why {SHOWN}?" in shown and "\x1b" not in shown


def test_questions_add_an_exact_duplicate_says_it_exists(tmp_path):
    data = str(tmp_path / "d")
    first = run("--data-dir", data, "questions", "--add", "What would you do in my shoes?", "--category", "advice")
    assert first.returncode == 0, first.stderr
    again = run("--data-dir", data, "questions", "--add", "  what would you do in  my shoes? ")
    assert again.returncode == 1 and again.stdout == ""
    lines = again.stderr.strip().splitlines()
    assert len(lines) == 1 and "already in the bank as own-001" in lines[0]
    shipped = run("--data-dir", data, "questions", "--category", "roadblocks", "--json")
    text = json.loads(shipped.stdout)[0]["text"]
    dup = run("--data-dir", data, "questions", "--add", text)
    assert dup.returncode == 1 and "already in the bank" in dup.stderr
    own = [q for q in json.loads(run("--data-dir", data, "questions", "--json").stdout) if q.get("own")]
    assert len(own) == 1
