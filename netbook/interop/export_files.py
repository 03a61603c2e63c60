"""The book exports as the app offers them: contacts (vCard, CSV), follow-ups (iCalendar),
every meeting into a Markdown folder — written to a path the user chose.

The same exporters as ``netbook export contacts|followups`` and ``--format md -o DIR``
(:mod:`netbook.interop.vcard`, :mod:`~netbook.interop.contacts_csv`,
:mod:`~netbook.interop.ics`, :mod:`~netbook.interop.markdown_folder`); this module only
picks one, checks the target and writes. Meant for a worker thread. Core: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from netbook.storage.config import FollowUpRules
from netbook.storage.files import atomic_write_bytes, ensure_private_dir
from netbook.storage.store import Store


@dataclass(frozen=True)
class BookExport:
    key: str
    label: str  # the palette entry
    help: str
    default_name: str  # in the user's home folder
    folder: bool = False  # writes a folder of files, not one file


BOOK_EXPORTS: tuple[BookExport, ...] = (
    BookExport("contacts-vcf", "Export contacts (vCard)", "every contact as a .vcf for phones and address books",
               "netbook-contacts.vcf"),
    BookExport("contacts-csv", "Export contacts (CSV)", "every contact as a spreadsheet-ready .csv",
               "netbook-contacts.csv"),
    BookExport("followups-ics", "Export follow-ups (iCalendar)", "every follow-up as a calendar to-do (.ics)",
               "netbook-followups.ics"),
    BookExport("meetings-md", "Export all meetings to a Markdown folder",
               "one .md file per meeting (Obsidian-friendly); re-export replaces only its own files",
               "netbook-meetings", folder=True),
)


def book_export(key: str) -> BookExport:
    return next(e for e in BOOK_EXPORTS if e.key == key)


def default_path(export: BookExport, home: Path | None = None) -> Path:
    return (home or Path.home()) / export.default_name


class ExportTargetError(ValueError):
    """The chosen path cannot take this export (one line naming the path)."""


def check_target(export: BookExport, path: Path) -> bool:
    """Raise ExportTargetError if ``path`` cannot be written; True if writing would replace something."""
    if export.folder:
        if path.exists() and not path.is_dir():
            raise ExportTargetError(f"{path} is a file; give a folder")
        if not path.exists() and not path.parent.is_dir():
            raise ExportTargetError(f"folder {path.parent} does not exist")
        return path.is_dir() and any(path.iterdir())
    if path.is_dir():
        raise ExportTargetError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportTargetError(f"folder {path.parent} does not exist")
    return path.exists()


def write_book_export(store: Store, key: str, path: Path, *, now: datetime, rules: FollowUpRules) -> str:
    """Write export ``key`` to ``path``; returns what was written, in one line. Raises ExportTargetError / OSError."""
    export = book_export(key)
    path = Path(path).expanduser()
    check_target(export, path)
    if key == "meetings-md":
        from netbook.interop.markdown_folder import export_markdown_folder

        ensure_private_dir(path)
        meetings = list(store.iter_meetings())  # a damaged file is skipped (named below)
        report = export_markdown_folder(store, meetings, path)
        what = (f"{len(meetings)} meeting(s) to {path} ({len(report.written)} written, "
                f"{len(report.unchanged)} unchanged, {len(report.left_alone)} left alone)")
    elif key == "followups-ics":
        from netbook.interop.ics import followups_ics

        meetings = list(store.iter_meetings())
        atomic_write_bytes(path, followups_ics(store, meetings, now=now, rules=rules))
        what = f"the follow-ups of {len(meetings)} meeting(s) to {path}"
    else:
        contacts = store.contacts()
        if key == "contacts-vcf":
            from netbook.interop.vcard import contacts_vcard

            data = contacts_vcard(store, contacts, now)
        else:
            from netbook.interop.contacts_csv import contacts_csv

            data = contacts_csv(store, contacts)
        atomic_write_bytes(path, data)
        what = f"{len(contacts)} contact(s) to {path}"
    damaged = store.damaged_meetings() if key in ("meetings-md", "followups-ics") else []
    note = f" ({len(damaged)} damaged meeting file(s) left out: {damaged[0]})" if damaged else ""
    return f"Exported {what}{note}"
