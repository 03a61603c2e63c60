"""A data file that cannot be read is named wherever it matters, never silently dropped.

A corrupt meeting file shows as damaged in Home and in `netbook meetings`; `export all`
exports the rest, names what it skipped and exits 1; `export <id>` says it is damaged.
A rebuilt index.json is said (a notice in the app, a line on stderr). library.json is
checked at start like people.json: one line naming it, never an exit half-way through a meeting.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from screen_view import NoticeLog

from netbook import cli
from netbook.domain.models import Meeting, MeetingStatus
from netbook.storage.files import CorruptFileError
from netbook.storage.store import Store
from netbook.widgets.item_list import ItemList

NOW = datetime(2026, 3, 10, 14, 0)
BROKEN = '{"id": "'


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netbook", *args], capture_output=True, text=True, timeout=120)


def book_with_a_damaged_meeting(data: Path) -> tuple[str, Path]:
    """Two meetings, then the older one's file is cut short after the index was rebuilt without it."""
    with Store.open(data) as store:
        jane = store.ensure_contact("Jane Doe")
        tom = store.ensure_contact("Tom Baker")
        good = Meeting(contact_id=jane.id, status=MeetingStatus.ENDED, started_at=NOW - timedelta(days=1),
                       notes="good notes")
        bad = Meeting(contact_id=tom.id, status=MeetingStatus.ENDED, started_at=NOW - timedelta(days=2))
        store.save_meeting(good)
        store.save_meeting(bad)
    path = data / "meetings" / f"{bad.id}.json"
    path.write_text(BROKEN)
    (data / "index.json").unlink()  # the next open rebuilds the index from the files
    for log in data.glob("index.*.jsonl"):
        log.unlink()
    return good.id, path


# --------------------------------------------------------------------------- the store knows


def test_the_store_names_a_damaged_meeting_and_does_not_rebuild_for_it_every_time(tmp_path):
    data = tmp_path / "d"
    good_id, bad = book_with_a_damaged_meeting(data)
    with Store.open(data) as store:
        assert [s.id for s in store.meeting_summaries()] == [good_id]
        (error,) = store.damaged_meetings()
        assert error.path == bad and isinstance(error, CorruptFileError)
        assert list(store.iter_meetings()) and [m.id for m in store.iter_meetings()] == [good_id]
    index_before = (data / "index.json").stat().st_mtime_ns
    with Store.open(data) as store:
        assert [e.path for e in store.damaged_meetings()] == [bad]
        assert store.warnings == []  # not rebuilt again: the damaged file alone is not staleness
    assert (data / "index.json").stat().st_mtime_ns == index_before
    assert bad.read_text() == BROKEN


def test_a_file_damaged_after_its_index_row_was_written_is_found_when_read(tmp_path):
    data = tmp_path / "d"
    with Store.open(data) as store:
        jane = store.ensure_contact("Jane Doe")
        meetings = [Meeting(contact_id=jane.id, started_at=NOW - timedelta(days=n)) for n in range(2)]
        for meeting in meetings:
            store.save_meeting(meeting)
    bad = data / "meetings" / f"{meetings[1].id}.json"
    bad.write_text(BROKEN)
    with Store(data, read_only=True) as store:
        assert [m.id for m in store.iter_meetings()] == [meetings[0].id]
        assert [e.path for e in store.damaged_meetings()] == [bad]
        assert [s.id for s in store.meeting_summaries()] == [meetings[0].id]  # listed as damaged, not as a meeting
    out = run("--data-dir", str(data), "export", "all")
    assert out.returncode == 1 and str(bad) in out.stderr


# --------------------------------------------------------------------------- the command line


def test_meetings_lists_a_damaged_file_naming_it(tmp_path):
    data = tmp_path / "d"
    good_id, bad = book_with_a_damaged_meeting(data)
    out = run("--data-dir", str(data), "meetings")
    assert out.returncode == 0, out.stderr
    damaged = [line for line in out.stdout.splitlines() if "damaged" in line]
    assert len(damaged) == 1 and damaged[0].startswith(bad.stem) and str(bad) in damaged[0]
    assert any(line.startswith(good_id) for line in out.stdout.splitlines())
    rows = json.loads(run("--data-dir", str(data), "meetings", "--json").stdout)
    assert {r["id"]: r["status"] for r in rows} == {good_id: "ended", bad.stem: "damaged"}
    assert next(r for r in rows if r["id"] == bad.stem)["file"] == str(bad)


@pytest.mark.parametrize("fmt, target", [("json", "file"), ("md", "stdout"), ("md", "folder"), ("ics", "file")])
def test_export_all_exports_the_rest_then_names_what_it_skipped(tmp_path, fmt, target):
    data = tmp_path / "d"
    _good_id, bad = book_with_a_damaged_meeting(data)
    what = ["followups"] if fmt == "ics" else ["all", "--format", fmt]
    where = {"file": ["-o", str(tmp_path / "out")], "folder": ["-o", f"{tmp_path / 'vault'}/"], "stdout": []}[target]
    out = run("--data-dir", str(data), "export", *what, *where)
    assert out.returncode == 1
    skipped = [line for line in out.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 1 and str(bad) in skipped[0] and "damaged" in skipped[0], out.stderr
    assert "Traceback" not in out.stderr
    if fmt == "json":
        assert "good notes" in (tmp_path / "out").read_text()
    elif target == "stdout":
        assert "good notes" in out.stdout
    elif target == "folder":
        assert any("good notes" in p.read_text() for p in (tmp_path / "vault").glob("*.md"))
    assert bad.read_text() == BROKEN


def test_export_of_a_damaged_meeting_says_so_naming_the_file(tmp_path):
    data = tmp_path / "d"
    _good_id, bad = book_with_a_damaged_meeting(data)
    for ref in (bad.stem, bad.stem[:8]):
        out = run("--data-dir", str(data), "export", ref, "-o", str(tmp_path / "one.md"))
        assert out.returncode == 1
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "damaged" in lines[0] and str(bad) in lines[0], out.stderr
        assert "no meeting" not in lines[0]
    assert not (tmp_path / "one.md").exists()


def test_a_rebuilt_index_is_said_on_stderr(tmp_path):
    data = tmp_path / "d"
    good_id, _bad = book_with_a_damaged_meeting(data)
    with Store.open(data) as store:
        store.meeting_summaries()
    (data / "index.json").write_text("{ not json")
    out = run("--data-dir", str(data), "meetings")
    assert out.returncode == 0 and out.stdout.count(good_id) == 1
    notice = [line for line in out.stderr.splitlines() if "index.json" in line]
    assert len(notice) == 1 and "not valid JSON" in notice[0]


# --------------------------------------------------------------------------- the app


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_home_shows_a_damaged_meeting_naming_the_file(make_app, data_dir):
    good_id, bad = book_with_a_damaged_meeting(data_dir)
    app = make_app()
    notices = NoticeLog()
    async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#home-recent", ItemList)
        lines = [str(o.prompt) for o in recent.options]
        assert lines[0].startswith("damaged") and bad.name in lines[0]
        assert any("Jane Doe" in line for line in lines[1:])
        recent.focus()
        recent.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"  # nothing to open; said instead
        assert any(str(bad) in m for m in notices.messages)
    assert app.fatal_error is None and bad.read_text() == BROKEN


async def test_a_rebuilt_index_gives_a_notice_in_the_app(make_app, data_dir):
    with Store.open(data_dir) as store:
        store.save_meeting(Meeting(contact_id=store.ensure_contact("Jane Doe").id, started_at=NOW))
    (data_dir / "index.json").write_text("{ not json")
    app = make_app()
    notices = NoticeLog()
    async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
        await settle(pilot)
        said = [m for m in notices.messages if "index.json" in m]
        assert len(said) == 1 and "rebuilt" in said[0]


# --------------------------------------------------------------------------- library.json


LIBRARY_PROBLEMS = {
    "corrupt": ('{"questions": {"1": {"id": "own-001", "text": ', "not valid JSON"),
    "newer": (json.dumps({"questions": {"1": {"id": "own-001", "category": "c", "text": "Why?", "schema_version": 99}}}),
              "newer netbook"),
    "not a question": (json.dumps({"questions": {"1": {"id": "own-001"}}}), "invalid question"),
}


@pytest.mark.parametrize("kind", sorted(LIBRARY_PROBLEMS))
def test_questions_names_a_bad_library_in_one_line(tmp_path, kind):
    content, problem = LIBRARY_PROBLEMS[kind]
    data = tmp_path / "d"
    data.mkdir()
    library = data / "library.json"
    library.write_text(content)
    for args in (["questions"], ["questions", "--add", "What next?"]):
        out = run("--data-dir", str(data), *args)
        assert out.returncode == 1
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and str(library) in lines[0] and problem in lines[0], out.stderr
    assert library.read_text() == content


def test_meet_with_a_bad_library_stops_before_creating_the_meeting(tmp_path, monkeypatch, capsys):
    data = tmp_path / "d"
    data.mkdir()
    library = data / "library.json"
    library.write_text(LIBRARY_PROBLEMS["corrupt"][0])
    monkeypatch.setattr(cli, "_run_app", lambda *a, **k: pytest.fail("the app must not open"))
    monkeypatch.setattr(cli, "_terminal_problem", lambda: None)  # as if on a terminal
    assert cli.main(["--data-dir", str(data), "meet", "Jane Doe"]) == 1
    assert str(library) in capsys.readouterr().err
    assert not list((data / "meetings").glob("*.json"))


@pytest.mark.parametrize("kind", ["corrupt", "newer"])
async def test_app_checks_the_library_at_start_like_the_contact_book(make_app, data_dir, kind):
    content, problem = LIBRARY_PROBLEMS[kind]
    with Store.open(data_dir) as store:
        meeting = Meeting(contact_id=store.ensure_contact("Jane Doe").id, status=MeetingStatus.LIVE, started_at=NOW)
        store.save_meeting(meeting)
    library = data_dir / "library.json"
    library.write_text(content)
    app = make_app(meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert app.fatal_error.startswith(str(library)) and problem in app.fatal_error and "\n" not in app.fatal_error
    assert library.read_text() == content


async def test_a_good_library_opens_ctrl_l_in_a_meeting(make_app, data_dir):
    with Store.open(data_dir) as store:
        store.add_user_question({"id": "own-001", "category": "advice", "text": "What would you do?"})
        meeting = Meeting(contact_id=store.ensure_contact("Jane Doe").id, status=MeetingStatus.LIVE, started_at=NOW)
        store.save_meeting(meeting)
    app = make_app(meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.fatal_error is None and app.is_running
        assert any(q.text == "What would you do?" for q in app.bank.questions)


async def test_the_palette_export_exports_the_rest_and_names_the_damaged_file(make_app, data_dir):
    from netbook.app_tasks import export_all

    _good_id, bad = book_with_a_damaged_meeting(data_dir)
    app = make_app()
    notices = NoticeLog()
    async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
        await settle(pilot)
        export_all(app, "json")
        await settle(pilot)
        messages = notices.messages
        assert any(m.startswith("Exported 1 meeting(s)") for m in messages)
        assert any("damaged" in m and str(bad) in m for m in messages)
    (written,) = (data_dir / "exports").glob("*.json")
    assert "good notes" in written.read_text()


async def test_a_live_meeting_damaged_after_it_was_listed_says_so_and_stays_on_home(make_app, data_dir):
    """The file breaks after its index row was written: Home still lists it as live; opening it says why, no exit."""
    with Store.open(data_dir) as store:
        meeting = Meeting(contact_id=store.ensure_contact("Jane Doe").id, started_at=NOW, status=MeetingStatus.LIVE)
        store.save_meeting(meeting)
        path = store.meeting_path(meeting.id)
    path.write_text(BROKEN)
    app = make_app()
    notices = NoticeLog()
    async with app.run_test(size=(120, 40), message_hook=notices) as pilot:
        await settle(pilot)
        app.open_meeting_by_status(meeting.id)
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("Could not open the meeting" in m and path.name in m for m in notices.messages)
    assert app.fatal_error is None and path.read_text() == BROKEN
