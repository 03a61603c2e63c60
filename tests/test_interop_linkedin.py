"""LinkedIn's Connections.csv: preamble, header, empty e-mails, quoted commas and quotes, non-ASCII names."""

from __future__ import annotations

from datetime import date

import pytest
from interop_book import FILES

from netbook.interop.incoming import BadFileError, IncomingPerson, SkippedRow
from netbook.interop.linkedin import connected_on, parse_connections, read_connections


def test_the_real_layout_reads_every_row_after_the_preamble():
    rows = read_connections(FILES / "Connections.csv")
    people = [r for r in rows if isinstance(r, IncomingPerson)]
    assert [p.name for p in people] == [
        "Susan Smith", "José Núñez", "Zoë O'Brien", "小龙 李", "Ana Lima 🌱", "Priya Raman", "Susan Smith",
    ]
    susan = people[0]
    assert susan == IncomingPerson(
        where="line 5", name="Susan Smith", organization="Citibank", role="Vice President, Talent Acquisition",
        email="", linkedin_url="https://www.linkedin.com/in/susan-smith-1a2b3c",
        how_met="LinkedIn connection since 2026-12-02",
    )
    assert people[1].organization == "Acme, Inc." and people[1].email == "jose.nunez@example.com"
    assert people[2].organization == 'The "Good" Company'
    assert people[3].role == "产品经理" and people[3].organization == "腾讯"


def test_skipped_rows_say_why_and_where():
    skipped = [r for r in read_connections(FILES / "Connections.csv") if isinstance(r, SkippedRow)]
    assert skipped == [
        SkippedRow("line 10", "no first or last name"),
        SkippedRow("line 12", "has 8 fields but the header has 7 (a comma outside quotes?)"),
    ]


def test_crlf_a_bom_and_an_older_export_without_url_read_too(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes("\ufeffFirst Name,Last Name,Email Address,Company,Position,Connected On\r\n"
                     "Ana,Lima,ana@x.br,Itaú,Analista,2 Jan 2020\r\n".encode("utf-8"))
    (ana,) = read_connections(path)
    assert (ana.name, ana.email, ana.organization, ana.linkedin_url) == ("Ana Lima", "ana@x.br", "Itaú", "")
    assert ana.how_met == "LinkedIn connection since 2020-01-02"


def test_dates():
    assert connected_on("02 Dec 2026") == date(2026, 12, 2)
    assert connected_on("2 Dec 2026") == date(2026, 12, 2)
    assert connected_on("2026-12-02") is None


def test_a_url_that_is_not_linkedin_is_not_kept_as_the_profile(tmp_path):
    rows = parse_connections("First Name,Last Name,URL\nAna,Lima,https://evil.example/x\n", tmp_path / "c.csv")
    assert rows[0].linkedin_url == ""


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"Name,E-mail\nAna,ana@x.br\n", "is not LinkedIn's Connections.csv (no header line"),
        (b"BEGIN:VCARD\nFN:Ana\nEND:VCARD\n", "is not LinkedIn's Connections.csv"),
        (b"PK\x03\x04\x00\x00binary", "is not a CSV file (binary data)"),
        (b"First Name,Last Name\n\"Ana,Lima\n" + b"x" * 10, "is not a valid CSV file"),
        (b"First Name,Last Name\nJos\xe9,Lima\n", "not UTF-8"),
    ],
)
def test_bad_files_raise_one_problem_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "Connections.csv"
    path.write_bytes(content)
    with pytest.raises(BadFileError) as caught:
        read_connections(path)
    assert str(caught.value).startswith(f"{path}: ") and problem in str(caught.value)
