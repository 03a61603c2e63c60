"""The ``netbook`` command line's arguments: the parser, and :class:`CliError` for a
problem said in one line."""

from __future__ import annotations

import argparse
from typing import NoReturn

from netbook import __version__


class CliError(Exception):
    """A problem to report in one line, with exit status 2 (usage) or 1 (runtime)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, not a usage dump
        raise CliError(f"{self.prog}: {message} (see --help)", 2)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of minutes, got {text!r}") from None
    if not 1 <= value <= 24 * 60:
        raise argparse.ArgumentTypeError(f"minutes must be between 1 and 1440, got {value}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected zero or more, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS,
        help="data folder (default: $NETBOOK_HOME, else the platform's user data dir)",
    )
    common.add_argument(
        "--config", metavar="FILE", default=argparse.SUPPRESS,
        help="config file (default: $NETBOOK_CONFIG, else config.toml in the user config dir)",
    )
    parser = _Parser(
        prog="netbook", parents=[common],
        description="A terminal notebook for networking and informational meetings.",
    )
    parser.add_argument("--version", action="version", version=f"netbook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    meet = sub.add_parser("meet", parents=[common], help="start a meeting now and open the live note pad")
    meet.add_argument("name", help="the person you are meeting")
    meet.add_argument("--company", metavar="ORG", help="their organization")
    meet.add_argument("--role", help="their role")
    meet.add_argument("--minutes", type=_positive_int, default=None, help="planned length (default 30)")
    meet.add_argument("--goal", default="", help="what you want from the meeting")

    questions = sub.add_parser("questions", parents=[common], help="list the question bank")
    questions.add_argument("--category", metavar="C", help="only this category (id or title)")
    questions.add_argument("--json", action="store_true", help="print a JSON array")
    questions.add_argument("--add", metavar="TEXT", help="add your own question (with --category)")

    export = sub.add_parser("export", parents=[common], help="export meetings, contacts or follow-ups")
    export.add_argument(
        "meeting", nargs="?", default="latest",
        help="latest (default), a meeting id or prefix, or all; contacts (vcf, csv); followups (ics)",
    )
    export.add_argument(
        "--format", choices=("md", "json", "vcf", "csv", "ics"), default=None,
        help="meetings: md (default) or json; contacts: vcf (default) or csv; followups: ics",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE",
        help="write to FILE instead of standard output (md: a folder gets one file per meeting)",
    )
    export.add_argument("--bom", action="store_true", help="csv: UTF-8 with a BOM, formulas defused (for spreadsheets)")
    export.add_argument(
        "--alarm", nargs="?", const="09:00", default=None, metavar="HH:MM",
        help="ics: a reminder at HH:MM on the due day (default 09:00)",
    )
    export.add_argument("--force", action="store_true", help="md folder: also replace exported files you edited")

    imports = sub.add_parser("import", parents=[common], help="import contacts from LinkedIn or vCard (dry run first)")
    import_kinds = imports.add_subparsers(dest="source", metavar="SOURCE", parser_class=_Parser, required=True)
    for source, help_text, file_help in (
        ("linkedin", "LinkedIn's Connections.csv", "Connections.csv from LinkedIn's data export"),
        ("vcard", "a vCard file (2.1, 3.0 or 4.0; one or many cards)", "a .vcf file from a phone or address book"),
    ):
        kind = import_kinds.add_parser(source, parents=[common], help=help_text)
        kind.add_argument("file", metavar="FILE", help=file_help)
        kind.add_argument("--apply", action="store_true", help="write the import (otherwise a dry run, or asks on a terminal)")
        kind.add_argument("-v", "--verbose", action="store_true", help="list every row, not only skipped and filled-in ones")

    meetings = sub.add_parser("meetings", parents=[common], help="list meetings with their ids (for export)")
    meetings.add_argument("--json", action="store_true", help="print a JSON array")

    demo = sub.add_parser("demo", parents=[common], help="open netbook on generated sample data (never your real data)")
    demo.add_argument("--meetings", type=_count, default=40, help="number of meetings (default 40)")
    demo.add_argument("--contacts", type=_count, default=120, help="number of contacts (default 120)")
    demo.add_argument("--no-open", action="store_true", help="only generate the data, do not open the app")
    return parser
