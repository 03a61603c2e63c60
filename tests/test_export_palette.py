"""Palette exports of the book: contacts (vCard, CSV), follow-ups (iCalendar), meetings to a Markdown folder.

Each asks for a path (default in the home folder), never replaces a file without a
second Enter, writes in a worker with the CLI's exporters and says where the file went.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import icalendar
import pytest
import vobject

from netbook.domain.demo import generate_demo
from netbook.interop.export_files import BOOK_EXPORTS, ExportTargetError, book_export, check_target
from netbook.screens.export_path import ExportPathScreen
from netbook.storage.store import Store
from pilot_steps import palette_pick, settle

NOW = datetime(2026, 3, 10, 14, 0)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def export_via_palette(app, pilot, label: str, *, path: Path | None = None) -> ExportPathScreen:
    await settle(pilot)
    await palette_pick(pilot, label)
    screen = app.screen
    assert isinstance(screen, ExportPathScreen) and screen.export.label == label
    if path is not None:
        field = screen.query_one("#export-path-input")
        field.value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    return screen


def test_every_cli_export_has_a_palette_entry():
    assert [e.label for e in BOOK_EXPORTS] == [
        "Export contacts (vCard)", "Export contacts (CSV)", "Export follow-ups (iCalendar)",
        "Export all meetings to a Markdown folder",
    ]


async def test_contacts_vcard_lands_in_the_home_folder_by_default(make_app, data_dir, home):
    with Store.open(data_dir) as store:
        store.ensure_contact("Zoë Ørsted", organization="Beacon")
        store.ensure_contact("José Núñez")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await export_via_palette(app, pilot, "Export contacts (vCard)")
        assert not isinstance(app.screen, ExportPathScreen)
        target = home / "netbook-contacts.vcf"
        assert any(str(target) in n and "2 contact(s)" in n for n in notices(app))
    cards = list(vobject.readComponents(target.read_text(encoding="utf-8")))
    assert sorted(c.fn.value for c in cards) == ["José Núñez", "Zoë Ørsted"]
    assert target.stat().st_mode & 0o777 == 0o600


async def test_an_existing_file_is_replaced_only_after_a_second_enter(make_app, data_dir, home):
    with Store.open(data_dir) as store:
        store.ensure_contact("Ann Lee", organization="Acme")
    target = home / "book.csv"
    target.write_text("keep me", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await export_via_palette(app, pilot, "Export contacts (CSV)", path=target)
        assert app.screen is screen
        assert "exists. Enter again to replace it" in str(screen.query_one("#export-path-message").render())
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not screen
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[1][0] == "Ann Lee" and "Acme" in rows[1]


async def test_escape_and_a_bad_path_write_nothing(make_app, data_dir, home):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await export_via_palette(app, pilot, "Export follow-ups (iCalendar)", path=home / "no" / "x.ics")
        assert app.screen is screen
        assert f"folder {home / 'no'} does not exist" in str(screen.query_one("#export-path-message").render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportPathScreen)
    assert list(home.iterdir()) == []


async def test_followups_calendar_parses_back(make_app, data_dir, home):
    generate_demo(data_dir, meetings=6, contacts=12, seed=2, now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await export_via_palette(app, pilot, "Export follow-ups (iCalendar)")
    calendar = icalendar.Calendar.from_ical((home / "netbook-followups.ics").read_bytes())
    todos = [c for c in calendar.walk() if c.name == "VTODO"]
    assert todos and all(t.get("summary") for t in todos)


async def test_meetings_go_one_file_each_into_a_markdown_folder(make_app, data_dir, home):
    generate_demo(data_dir, meetings=5, contacts=10, seed=4, now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await export_via_palette(app, pilot, "Export all meetings to a Markdown folder")
        folder = home / "netbook-meetings"
        files = sorted(folder.glob("*.md"))
        assert len(files) == 5 and files[0].read_text(encoding="utf-8").startswith("---\n")
        assert any(str(folder) in n and "5 meeting(s)" in n for n in notices(app))
        screen = await export_via_palette(app, pilot, "Export all meetings to a Markdown folder")  # again
        assert "has files in it" in str(screen.query_one("#export-path-message").render())
        await pilot.press("enter")
        await settle(pilot)
        assert any("5 unchanged" in n for n in notices(app))


def test_check_target_names_the_problem(tmp_path):
    vcf, folder = book_export("contacts-vcf"), book_export("meetings-md")
    with pytest.raises(ExportTargetError, match="is a folder"):
        check_target(vcf, tmp_path)
    (tmp_path / "file.md").write_text("x", encoding="utf-8")
    with pytest.raises(ExportTargetError, match="is a file"):
        check_target(folder, tmp_path / "file.md")
    assert check_target(vcf, tmp_path / "new.vcf") is False
    assert check_target(folder, tmp_path / "fresh") is False and check_target(folder, tmp_path) is True


# --------------------------------------------------------------------------- snapshots


async def _asking(pilot) -> None:
    """The path prompt over Home, opened as the palette entry opens it (the palette itself has its own tests)."""
    from netbook.screens.export_path import ask_and_export

    await settle(pilot)
    ask_and_export(pilot.app, "contacts-vcf")
    await settle(pilot)
    pilot.app.screen.query_one("#export-path-input").value = "/home/someone/netbook-contacts.vcf"  # same everywhere
    await settle(pilot)  # the path check (a worker)


def test_snapshot_export_path_80x24(snap_compare, make_app, home):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_asking)


def test_snapshot_export_path_120x40(snap_compare, make_app, home):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_asking)
