"""What an importer reads from a file: one person per row or card, or why a row is skipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BadFileError(Exception):
    """The whole file cannot be imported; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(slots=True)
class IncomingPerson:
    where: str  # "line 7", "card 3 (line 20)": how the user finds the row in their file
    name: str
    organization: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    how_met: str = ""
    uid: str = ""  # a vCard UID, to recognise cards netbook exported


@dataclass(slots=True)
class SkippedRow:
    where: str
    reason: str


Row = IncomingPerson | SkippedRow


def tidy_field(text: str) -> str:
    """A value read from a file, as stored: one line, single spaces (the exact characters otherwise)."""
    return " ".join(str(text).split())


def read_text_file(path: Path | str, kind: str) -> str:
    """The file's text (UTF-8, a BOM allowed, or UTF-16 with its BOM); any problem is a BadFileError naming the file."""
    path = Path(path)
    if path.is_dir():
        raise BadFileError(path, "is a folder, not a file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise BadFileError(path, f"is empty, not a {kind}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some Windows address books write
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise BadFileError(path, f"is not a {kind} (broken UTF-16 text)") from None
    if b"\x00" in raw:
        raise BadFileError(path, f"is not a {kind} (binary data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadFileError(path, f"is not a {kind} (not UTF-8 text at byte {exc.start})") from None
