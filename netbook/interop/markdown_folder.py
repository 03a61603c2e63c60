"""Meetings as a folder of Markdown files, one per meeting (an Obsidian vault, a notes folder).

Each file has YAML front matter (date, contact, organization, people and organizations
as quoted ``[[wikilinks]]``) and a stable name: ``2026-03-10 Jane Doe 3f9a2c.md`` (date,
contact, the start of the meeting id). The folder is the user's: netbook records the
files it wrote, with a hash of each, in ``.netbook-export.json``, and on a re-export
replaces only those, and only while they are as it left them. A file the user edited is
left alone unless ``force``; a file netbook did not write is never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from netbook.domain.export import meeting_markdown
from netbook.domain.models import Meeting
from netbook.storage.config import Profile
from netbook.storage.files import dump_json, write_output_file
from netbook.storage.store import Store

MANIFEST = ".netbook-export.json"
MANIFEST_FORMAT = 1

# Characters a note name cannot hold in Obsidian (links, headings, block refs, paths) or on Windows.
_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]')


def safe_name(text: str, *, limit: int = 80) -> str:
    """``text`` usable as a note / file name: unsafe characters become spaces, no leading dot."""
    cleaned = " ".join(_UNSAFE.sub(" ", text).split()).lstrip(". ")
    return cleaned[:limit].rstrip(". ")


def wikilink(name: str) -> str:
    """``[[Jane Doe]]``: a link to the note named after a person or organization."""
    return f"[[{safe_name(name) or 'unnamed'}]]"


def meeting_file_name(store: Store, meeting: Meeting) -> str:
    contact = store.get_contact(meeting.contact_id)
    when = meeting.when()
    who = safe_name(contact.name if contact else "") or "meeting"
    return f"{when:%Y-%m-%d} {who} {meeting.id[:6]}.md" if when else f"undated {who} {meeting.id[:6]}.md"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class FolderReport:
    folder: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # our old file for a meeting whose name changed
    left_alone: list[tuple[Path, str]] = field(default_factory=list)  # (file, why)


class _Manifest:
    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST
        self.files: dict[str, dict[str, str]] = {}
        self.problem: str | None = None
        if self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                files = data["files"]
                if not isinstance(files, dict):
                    raise TypeError
                self.files = {str(k): dict(v) for k, v in files.items() if isinstance(v, dict)}
            except (OSError, ValueError, KeyError, TypeError):
                self.problem = f"{self.path} could not be read, so no earlier export is replaced"

    def owns_unchanged(self, path: Path) -> bool | None:
        """True: ours and as we wrote it; False: ours but edited since; None: not ours."""
        entry = self.files.get(path.name)
        if entry is None:
            return None
        try:
            return _digest(path.read_bytes()) == entry.get("sha256")
        except OSError:
            return False

    def save(self) -> None:
        write_output_file(self.path, [dump_json({"netbook_markdown_folder": MANIFEST_FORMAT, "files": self.files})])


def _is_regular(path: Path) -> bool | None:
    """True for a regular file, False for anything else there (symlink, FIFO...), None if nothing is."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None


def export_markdown_folder(store: Store, meetings: Iterable[Meeting], folder: Path, *, force: bool = False,
                           profile: Profile | None = None) -> FolderReport:
    """Write one Markdown file per meeting into ``folder`` (which must exist); the drafts sign with ``profile``."""
    from netbook.domain.drafts import drafts_for_export

    folder = Path(folder)
    report = FolderReport(folder)
    manifest = _Manifest(folder)
    if manifest.problem:
        report.left_alone.append((manifest.path, "unreadable manifest: earlier exports are left alone"))
    for meeting in meetings:
        name = meeting_file_name(store, meeting)
        path = folder / name
        data = meeting_markdown(store, meeting, drafts=drafts_for_export(store, meeting, profile),
                                link=wikilink).encode("utf-8")
        kind = _is_regular(path)
        if kind is False:
            report.left_alone.append((path, "not a regular file"))
            continue
        if kind is True:
            owned = manifest.owns_unchanged(path) if not manifest.problem else None
            if owned is None:
                report.left_alone.append((path, "not written by netbook"))
                continue
            if owned is False and not force:
                report.left_alone.append((path, "edited since netbook wrote it (--force replaces it)"))
                continue
            if path.read_bytes() == data:
                report.unchanged.append(path)
                manifest.files[name] = {"meeting_id": meeting.id, "sha256": _digest(data)}
                continue
        write_output_file(path, [data])  # keeps the mode the user gave an earlier export
        manifest.files[name] = {"meeting_id": meeting.id, "sha256": _digest(data)}
        report.written.append(path)
        for old_name, entry in list(manifest.files.items()):  # the contact was renamed: drop our old file
            if old_name != name and entry.get("meeting_id") == meeting.id:
                old = folder / old_name
                if _is_regular(old) and manifest.owns_unchanged(old):
                    old.unlink()
                    report.removed.append(old)
                    del manifest.files[old_name]
                elif _is_regular(old) is None:
                    del manifest.files[old_name]
    if manifest.path.exists() and not manifest.path.is_file():  # a FIFO, a device: never written to
        report.left_alone.append((manifest.path, "not a regular file, so this export is not remembered"))
    elif not manifest.problem:
        manifest.save()
    return report
