"""The interop commands: export contacts / followups / a Markdown folder, import linkedin / vcard."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import icalendar
import pytest
import vobject
from interop_book import FILES, make_meeting

from netbook import cli
from netbook.storage.store import Store


@pytest.fixture
def book(data_dir):
    with Store.open(data_dir) as store:
        make_meeting(store)
    return data_dir


def nb(data_dir, *args: str) -> int:
    return cli.main(["--data-dir", str(data_dir), *args])


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


# --------------------------------------------------------------------------- export


def test_export_contacts_as_vcard_to_stdout_and_to_a_file(book, tmp_path, capsysbinary):
    assert nb(book, "export", "contacts") == 0
    out = capsysbinary.readouterr().out
    names = {c.fn.value for c in vobject.readComponents(out.decode("utf-8"))}
    assert {"Jane Doe", "Susan Smith"} <= names and b"\r\n" in out
    target = tmp_path / "contacts.vcf"
    assert nb(book, "export", "contacts", "--format", "vcf", "-o", str(target)) == 0
    assert target.read_bytes().startswith(b"BEGIN:VCARD\r\n")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert "wrote 3 contact(s) to" in capsysbinary.readouterr().err.decode()


def test_export_contacts_as_csv_with_a_bom(book, tmp_path):
    target = tmp_path / "contacts.csv"
    assert nb(book, "export", "contacts", "--format", "csv", "--bom", "-o", str(target)) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfName,First name,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert {r["Name"] for r in rows} >= {"Jane Doe", "Susan Smith"}


def test_export_followups_as_icalendar_with_alarms(book, tmp_path):
    target = tmp_path / "followups.ics"
    assert nb(book, "export", "followups", "--format", "ics", "--alarm", "08:15", "-o", str(target)) == 0
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    todos = calendar.walk("VTODO")
    assert todos and all(t.walk("VALARM") for t in todos)
    assert str(todos[0].walk("VALARM")[0]["trigger"].to_ical().decode()) == "PT8H15M"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["export", "contacts", "--format", "ics"], "contacts export as vcf or csv, not ics"),
        (["export", "followups", "--format", "csv"], "followups export as ics, not csv"),
        (["export", "--format", "vcf"], "--format vcf is for 'export contacts'"),
        (["export", "followups", "--alarm", "nine"], "--alarm wants a time of day like 09:00, got 'nine'"),
        (["export", "contacts", "--bom"], "--bom only works with --format csv"),
        (["export", "contacts", "--alarm"], "--alarm only works with --format ics"),
        (["export", "all", "--force", "-o", "x.md"], "--force only works with --format md -o FOLDER"),
        (["import", "facebook", "x.csv"], "invalid choice: 'facebook'"),
        (["import"], "required: SOURCE"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(book, capsys, args, expected):
    assert nb(book, *args) == 2
    line = one_error_line(capsys)
    assert line.startswith("netbook") and expected in line


def test_export_into_a_missing_folder_or_onto_a_folder_says_so(book, tmp_path, capsys):
    assert nb(book, "export", "contacts", "-o", str(tmp_path / "nope" / "c.vcf")) == 1
    assert "does not exist" in one_error_line(capsys)


def test_export_markdown_into_a_folder_one_file_per_meeting(book, tmp_path, capsys):
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "Jane Doe.md").write_text("my person note", encoding="utf-8")
    assert nb(book, "export", "all", "--format", "md", "-o", str(vault)) == 0
    assert "1 written, 0 unchanged, 0 left alone" in capsys.readouterr().err
    files = sorted(p.name for p in vault.iterdir())
    assert len(files) == 3 and ".netbook-export.json" in files and "Jane Doe.md" in files
    assert nb(book, "export", "all", "--format", "md", "-o", str(vault) + "/") == 0
    assert "0 written, 1 unchanged, 0 left alone" in capsys.readouterr().err
    assert (vault / "Jane Doe.md").read_text(encoding="utf-8") == "my person note"


def test_a_trailing_slash_makes_a_new_folder(book, tmp_path):
    assert nb(book, "export", "latest", "-o", f"{tmp_path}/new/") == 0
    (written,) = [p for p in (tmp_path / "new").iterdir() if p.suffix == ".md"]
    assert written.read_text(encoding="utf-8").startswith("---\ndate: 2026-03-10T14:00\ncontact: \"[[Jane Doe]]\"")


# --------------------------------------------------------------------------- import


def test_import_linkedin_dry_run_then_apply_then_nothing_new(data_dir, capsys):
    path = str(FILES / "Connections.csv")
    assert nb(data_dir, "import", "linkedin", path) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Connections.csv: 6 new, 0 matched (0 to fill in), 3 skipped; 5 new organizations"
    assert "  skipped line 10: no first or last name" in out
    assert out[-1] == "dry run: nothing written (run again with --apply to import)"
    assert not (data_dir / "people.json").exists()
    assert nb(data_dir, "import", "linkedin", path, "--apply") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("imported: 6 new, 0 matched")
    with Store(data_dir, read_only=True) as store:
        assert len(store.contacts()) == 6 and store.find_contact("Zoë O'Brien").role == "Recruiter"
    assert nb(data_dir, "import", "linkedin", path, "--apply") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Connections.csv: 0 new, 6 matched (0 to fill in), 3 skipped"
    assert out[-1] == "nothing to import: every row is already in your contacts or skipped"


def test_import_vcard_verbose_lists_every_row(data_dir, capsys):
    assert nb(data_dir, "import", "vcard", str(FILES / "phone-2.1.vcf"), "-v") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "phone-2.1.vcf: 2 new, 0 matched (0 to fill in), 1 skipped; 1 new organization"
    assert "  new José Núñez (card 1 (line 1)): Director of Engineering, Acme, Inc." in out
    assert "  skipped card 3 (line 22): no name (FN or N)" in out


def test_on_a_terminal_the_import_asks_first(data_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert nb(data_dir, "import", "vcard", str(FILES / "apple-4.0.vcf")) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "nothing written"
    assert not (data_dir / "people.json").exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert nb(data_dir, "import", "vcard", str(FILES / "apple-4.0.vcf")) == 0
    with Store(data_dir, read_only=True) as store:
        assert [c.name for c in store.contacts()] == ["Marta Kowalska-Wiśniewska", "Søren Ærø"]


@pytest.mark.parametrize(
    "source, content, problem",
    [
        ("linkedin", b"\x89PNG\r\n\x1a\n\x00", "is not a CSV file (binary data)"),
        ("linkedin", b"Name,Phone\nAna,1\n", "is not LinkedIn's Connections.csv"),
        ("vcard", b"BEGIN:VCARD\nFN:Ana\n", "has no END:VCARD"),
        ("vcard", b"hello\n", "is not a vCard file"),
    ],
)
def test_a_bad_file_gives_one_line_exit_1_and_writes_nothing(data_dir, tmp_path, capsys, source, content, problem):
    with Store.open(data_dir) as store:
        store.ensure_contact("Jane Doe")
    before = (data_dir / "people.json").read_bytes()
    path = tmp_path / "input.file"
    path.write_bytes(content)
    assert nb(data_dir, "import", source, str(path), "--apply") == 1
    line = one_error_line(capsys)
    assert line.startswith(f"netbook import: {path}: ") and problem in line
    assert (data_dir / "people.json").read_bytes() == before


def test_a_missing_file_gives_one_line(data_dir, tmp_path, capsys):
    assert nb(data_dir, "import", "vcard", str(tmp_path / "nope.vcf")) == 1
    assert "nope.vcf: cannot be read (No such file or directory)" in one_error_line(capsys)


def test_import_while_netbook_is_open_says_to_quit_it_first(data_dir, capsys):
    with Store.open(data_dir):  # the running app holds the writer lock
        assert nb(data_dir, "import", "linkedin", str(FILES / "Connections.csv"), "--apply") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is in use by another netbook" in err[0] and "quit it (ctrl+q) and import again" in err[0]
    assert not (data_dir / "people.json").exists()  # nothing written


def test_the_commands_have_help():
    for command in (["import", "linkedin"], ["import", "vcard"], ["import"]):
        out = subprocess.run([sys.executable, "-m", "netbook", *command, "--help"], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0 and "--data-dir" in out.stdout


# --------------------------------------------------------------------------- the note pad knows the imported names


async def test_imported_names_are_flagged_in_the_next_meeting(data_dir, tmp_path, make_app, clock):
    from netbook.domain.meeting_lifecycle import start
    from netbook.widgets.note_pad import NotePad

    assert nb(data_dir, "import", "linkedin", str(FILES / "Connections.csv"), "--apply") == 0
    with Store.open(data_dir) as store:
        me = store.ensure_contact("Jane Doe")
        meeting = store.create_meeting(me)
        start(meeting, clock.now())
        store.save_meeting(meeting)
    app = make_app(meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        pad = app.screen.query_one(NotePad)
        for ch in "ask priya raman about tencent 腾讯":
            pad.insert(ch)
        await pilot.pause()
        flagged = {pad.document.get_text_range((0, s.start), (0, s.end)) for s in pad.get_line(0).spans}
        assert "priya raman" in flagged and "腾讯" in flagged


def test_export_to_a_terminal_shows_control_characters(data_dir, monkeypatch, capsysbinary):
    from netbook.domain.models import Contact

    with Store.open(data_dir) as store:
        store.save_contact(Contact(name="Eve \x1b[31mRed\x07"))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert nb(data_dir, "export", "contacts") == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out and "Eve ␛[31mRed␇" in out and "\r" not in out


def test_export_to_a_pipe_keeps_the_exact_bytes(data_dir, capsysbinary):
    from netbook.domain.models import Contact

    with Store.open(data_dir) as store:
        store.save_contact(Contact(name="Eve \x1b[31mRed"))
    assert nb(data_dir, "export", "contacts") == 0
    assert "FN:Eve \x1b[31mRed\r\n" in capsysbinary.readouterr().out.decode("utf-8")
