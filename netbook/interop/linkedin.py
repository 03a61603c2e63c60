"""LinkedIn's ``Connections.csv`` (Settings → Data privacy → Get a copy of your data).

Its real layout: a few preamble lines ("Notes:", a quoted paragraph about e-mail
addresses, a blank line), then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On`` and one row per
connection. E-mail is often empty; dates look like ``02 Dec 2026``. Columns are found by
their header names, so older exports without URL still read.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from netbook.domain.linkedin_url import is_linkedin_url
from netbook.interop.incoming import BadFileError, IncomingPerson, Row, SkippedRow, read_text_file, tidy_field

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_PREAMBLE_ROWS = 20  # the header comes within the first few records


def connected_on(text: str) -> date | None:
    """``02 Dec 2026`` (LinkedIn's format; older exports wrote ``2 Dec 2026``) -> date."""
    try:
        return datetime.strptime(text.strip(), "%d %b %Y").date()
    except ValueError:
        return None


def _header_index(cells: list[str]) -> dict[str, int] | None:
    folded = [c.strip().casefold() for c in cells]
    if "first name" not in folded or "last name" not in folded:
        return None
    return {name: folded.index(name.casefold()) for name in HEADER if name.casefold() in folded}


def parse_connections(text: str, path: Path) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: dict[str, int] | None = None
    rows: list[Row] = []
    try:
        for cells in reader:
            line = reader.line_num
            if columns is None:
                columns = _header_index(cells)
                if columns is None and reader.line_num > _PREAMBLE_ROWS:
                    break
                width = len(cells)
                continue
            if not any(c.strip() for c in cells):
                continue
            rows.append(_row(cells, columns, width, f"line {line}"))
    except csv.Error as exc:
        raise BadFileError(path, f"is not a valid CSV file (line {reader.line_num}: {exc})") from None
    if columns is None:
        expected = ",".join(HEADER)
        raise BadFileError(path, f"is not LinkedIn's Connections.csv (no header line {expected!r})")
    return rows


def _row(cells: list[str], columns: dict[str, int], width: int, where: str) -> Row:
    if len(cells) > width:
        return SkippedRow(where, f"has {len(cells)} fields but the header has {width} (a comma outside quotes?)")

    def cell(name: str) -> str:
        i = columns.get(name)
        return tidy_field(cells[i]) if i is not None and i < len(cells) else ""

    name = tidy_field(f"{cell('First Name')} {cell('Last Name')}")
    if not name:
        return SkippedRow(where, "no first or last name")
    url = cell("URL")
    day = connected_on(cell("Connected On"))
    return IncomingPerson(
        where=where,
        name=name,
        organization=cell("Company"),
        role=cell("Position"),
        email=cell("Email Address"),
        linkedin_url=url if is_linkedin_url(url) else "",
        how_met=f"LinkedIn connection since {day.isoformat()}" if day else "LinkedIn connection",
    )


def read_connections(path: Path | str) -> list[Row]:
    path = Path(path)
    return parse_connections(read_text_file(path, "CSV file"), path)
