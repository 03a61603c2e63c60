"""The ``netbook`` command line.

Textual is imported only by the commands that open the app, so ``questions`` and
``export`` stay fast and usable in scripts.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from netbook import __version__
from netbook.domain.display_text import visible_text
from netbook.storage.files import DataDirLockedError, OutputFileError, StoreError, write_output_file
from netbook.storage.paths import resolve_config_file, resolve_data_dir


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


# --------------------------------------------------------------------------- commands


def _open_store(data_dir: Path, *, allow_read_only: bool):
    from netbook.storage.store import Store

    return Store.open(data_dir, allow_read_only=allow_read_only)


def _terminal_problem() -> str | None:
    """Why the app cannot open here, or None: it draws on a terminal and reads keys from it."""
    for stream, name in ((sys.stdin, "input"), (sys.stdout, "output")):
        if stream is None or not stream.isatty():
            return f"needs a terminal, and standard {name} is not one"
    return None


def _require_terminal(command: str) -> None:
    problem = _terminal_problem()
    if problem:
        raise CliError(f"{command}: {problem}; nothing was opened or created")


def _run_app(args: argparse.Namespace, data_dir: Path, meeting_id: str | None = None, **app_options: Any) -> int:
    _require_terminal(f"netbook {args.command}" if args.command else "netbook")
    app_options.setdefault("config_path", resolve_config_file(getattr(args, "config", None)))
    return launch(data_dir, meeting_id=meeting_id, **app_options)


def launch(data_dir: Path, *, on_home_drawn: Callable[[Any], None] | None = None, **app_options: Any) -> int:
    """Open the app (this is what ``netbook`` runs; benchmarks/bench_startup.py times it).

    The cyclic GC stays off while Textual, pydantic and the notebook load, which allocate
    many long-lived objects it would keep rescanning; the app turns it back on once its
    first screen is drawn.
    """
    gc.disable()
    try:
        from netbook.app import create_app

        app = create_app(data_dir, **app_options)
    except BaseException:
        gc.enable()
        raise
    app.on_home_drawn = on_home_drawn
    app.run()
    for path in app.rescued:
        _out(f"netbook: the notes could not be saved in {data_dir}; they are in {path}", err=True)
    if app.fatal_error:
        _out(f"netbook: {app.fatal_error}", err=True)
        return 1
    return app.return_code or 0


def _out(text: str = "", *, err: bool = False) -> None:
    """Print a line of output. To a terminal, control characters in it are made visible
    (a name holding ESC ] 0 ; ... BEL would retitle it); a file or a pipe gets the exact text."""
    stream = sys.stderr if err else sys.stdout
    if stream.isatty():
        text = visible_text(text, keep_newlines=True)
    try:
        print(text, file=stream)
    except BrokenPipeError:
        raise
    except OSError as exc:
        if err:
            raise
        raise _stdout_failed(exc) from None


def _stdout_failed(exc: OSError) -> CliError:
    """Standard output cannot take more (``> /dev/full``, a dead terminal): one line, not a traceback."""
    _detach_stdout()
    return CliError(f"netbook: cannot write to standard output ({exc.strerror or exc})")


def _detach_stdout() -> None:
    """Point standard output at the null device, so what is still buffered has nowhere to fail at exit."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to detach
        pass


def _say_store_warnings(store, command: str) -> None:
    """The store's warnings (say, a rebuilt index.json), each on one line on stderr."""
    for warning in store.warnings:
        _out(f"netbook {command}: {warning}", err=True)


def _report_damaged(store, command: str) -> int:
    """Each meeting file an export had to skip, one line each on stderr; the exit status (1 if any)."""
    damaged = store.damaged_meetings()
    for error in damaged:
        _out(f"netbook {command}: skipped damaged meeting file {error}", err=True)
    return 1 if damaged else 0


def cmd_meet(args: argparse.Namespace, data_dir: Path) -> int:
    from netbook.domain.clock import Clock
    from netbook.storage.config import load_config
    from netbook.domain.meeting_lifecycle import default_questions, start
    from netbook.domain.question_bank import shipped_bank

    name = args.name.strip()
    if not name:
        raise CliError("netbook meet: NAME must not be empty", 2)
    # Everything that can refuse comes before the meeting is created: no stray live meeting.
    _require_terminal("netbook meet")
    config_path = resolve_config_file(getattr(args, "config", None))
    config, config_problem = load_config(config_path)  # a bad file is a notice in the app, never a traceback
    try:
        store = _open_store(data_dir, allow_read_only=False)
    except DataDirLockedError as exc:
        raise CliError(f"netbook meet: netbook is already open on {data_dir} (pid {exc.holder}); "
                       "switch to it, or quit it first. Nothing was created") from None
    # The lock is held from here until the app exits: a second `meet` cannot slip in between.
    try:
        store.check_library()  # a bad library ends here, in one line, before a meeting exists
        contact = store.ensure_contact(name, organization=(args.company or "").strip() or None, role=args.role)
        meeting = store.create_meeting(
            contact,
            planned_minutes=args.minutes or 30,
            goal=args.goal,
            questions=default_questions(shipped_bank()),
        )
        start(meeting, Clock().now())
        store.save_meeting(meeting)
        return _run_app(args, data_dir, meeting_id=meeting.id, store=store, config=config,
                        config_path=config_path, config_problem=config_problem)
    finally:
        store.close()


def cmd_questions(args: argparse.Namespace, data_dir: Path) -> int:
    from netbook.domain.question_bank import shipped_bank

    adding = args.add is not None
    if adding and not args.add.strip():
        raise CliError("netbook questions: --add TEXT must not be empty", 2)
    bank = shipped_bank()
    store = None
    if (data_dir / "library.json").exists() or adding:
        store = _open_store(data_dir, allow_read_only=not adding)
        bank = bank.with_user_questions(store.user_questions())
    category = None
    if args.category:
        wanted = args.category.casefold()
        category = next((c.id for c in bank.categories if wanted in (c.id.casefold(), c.title.casefold())), None)
        if category is None and not adding:
            known = ", ".join(c.id for c in bank.categories)
            raise CliError(f"netbook questions: unknown category {args.category!r} (known: {known})", 2)
    if adding:
        text = args.add.strip()
        existing = bank.find_text(text)
        if existing is not None:
            store.close()
            raise CliError(f"netbook questions: that question is already in the bank as {existing.id} "
                           f"({existing.category}); nothing added", 1)
        cat = category or (args.category or "my-questions").strip().lower().replace(" ", "-")
        own = [q for q in bank.questions if q.own]
        qid = f"own-{len(own) + 1:03d}"
        while bank.by_id(qid):
            qid = f"own-{int(qid[4:]) + 1:03d}"
        store.add_user_question({"id": qid, "category": cat, "text": text})
        store.close()
        _out(f"added {qid} ({cat}): {text}")
        return 0
    if store:
        store.close()
    questions = [q for q in bank.questions if category is None or q.category == category]
    if args.json:
        _out(json.dumps([q.model_dump() for q in questions], ensure_ascii=False, indent=2))
        return 0
    titles = {c.id: c.title for c in bank.categories}
    current = None
    for q in questions:
        if q.category != current:
            current = q.category
            _out(f"\n{titles.get(current, current)} [{current}]")
        mark = "*" if q.default else " "
        _out(f" {mark} {q.id:<20} {q.text}")
    _out("\n * = in the default set")
    return 0


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    from netbook.domain.export import TerminalProgress, iter_export
    from netbook.storage.store import Store

    if args.meeting in ("contacts", "followups"):
        return cmd_export_book(args, data_dir)
    args.format = args.format or "md"
    if args.format not in ("md", "json"):
        raise CliError(f"netbook export: --format {args.format} is for 'export contacts' (vcf, csv) or 'export followups' (ics)", 2)
    folder = args.format == "md" and bool(args.output) and _names_a_folder(args.output)
    _check_export_options(args, args.format, folder=folder)
    if not (data_dir / "meetings").is_dir():
        raise CliError(f"netbook export: no netbook data in {data_dir}")
    if folder:
        return cmd_export_markdown_folder(args, data_dir)
    store = Store(data_dir, read_only=True)  # reading never needs the writer lock
    try:
        if args.meeting == "all":
            ids = [s.id for s in store.meeting_summaries()]
            chosen = store.iter_meetings(ids)  # one at a time: memory stays flat; unreadable files are said below
        else:
            ids = [store.resolve_meeting_id(args.meeting)]
            chosen = iter([store.load_meeting(ids[0])])  # a damaged file is said now, before anything is written
    except LookupError as exc:
        raise CliError(f"netbook export: {exc.args[0]}") from None
    except StoreError as exc:
        raise CliError(f"netbook export: damaged meeting file, nothing exported: {exc}") from None
    out = Path(args.output).expanduser() if args.output else None
    # A long export says how far it is, on the terminal only (never into the export itself).
    show = sys.stderr.isatty() and (out is not None or not sys.stdout.isatty())
    progress = TerminalProgress(sys.stderr, len(ids)) if show else None
    exported = 0

    def meetings():
        nonlocal exported
        for meeting in chosen:
            exported += 1
            yield meeting

    try:
        pieces = iter_export(store, meetings(), args.format, progress=progress, profile=_profile(args))
        _write_output("export", args.output, pieces, lambda: f"{exported} meeting(s)")
    finally:
        if progress is not None:
            progress.finish()
    _say_store_warnings(store, "export")
    return _report_damaged(store, "export") if args.meeting == "all" else 0


# --------------------------------------------------------------------------- interop (netbook/interop/)


def _check_export_options(args: argparse.Namespace, fmt: str, *, folder: bool = False) -> None:
    """An option that does nothing for this format is a mistake worth one line, not silence."""
    for given, option, applies in ((args.bom, "--bom", fmt == "csv"), (args.alarm is not None, "--alarm", fmt == "ics"),
                                   (args.force, "--force", folder)):
        if given and not applies:
            wanted = {"--bom": "--format csv", "--alarm": "--format ics", "--force": "--format md -o FOLDER"}[option]
            raise CliError(f"netbook export: {option} only works with {wanted}", 2)


def _names_a_folder(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).expanduser().is_dir()


def _check_output(out: Path | None, command: str = "export") -> None:
    if out is None:
        return
    if out.is_dir():
        raise CliError(f"netbook {command}: {out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise CliError(f"netbook {command}: folder {out.parent} does not exist")


def _write_output(command: str, output: str | None, pieces: Iterable[str | bytes], what: Callable[[], str]) -> None:
    """An export, streamed to ``-o FILE`` (see :func:`netbook.storage.files.write_output_file`) or standard output.

    ``what()`` names what was written, for the line on stderr once a file is written.
    """
    if not output:
        _write_stdout(pieces)
        return
    out = Path(output).expanduser()
    _check_output(out, command)
    try:
        write_output_file(out, pieces)
    except OutputFileError as exc:
        raise CliError(f"netbook {command}: {exc}") from None
    _out(f"wrote {what()} to {out}", err=True)


def _write_stdout(pieces: Iterable[str | bytes]) -> None:
    """A terminal shows control characters in names, never obeys them; a file or a pipe gets the exact bytes."""
    to_terminal = sys.stdout.isatty()
    out = sys.stdout.buffer
    try:
        sys.stdout.flush()
        for piece in pieces:
            if to_terminal:
                text = piece.decode("utf-8") if isinstance(piece, bytes) else piece
                piece = visible_text(text.replace("\r\n", "\n"), keep_newlines=True)
            out.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _stdout_failed(exc) from None


def _book_store(data_dir: Path):
    from netbook.storage.store import Store

    if not (data_dir / "people.json").exists() and not (data_dir / "meetings").is_dir():
        raise CliError(f"netbook export: no netbook data in {data_dir}")
    return Store(data_dir, read_only=True)  # reading never needs the writer lock


def cmd_export_book(args: argparse.Namespace, data_dir: Path) -> int:
    """``export contacts --format vcf|csv`` and ``export followups --format ics``."""
    from datetime import datetime

    allowed = {"contacts": ("vcf", "csv"), "followups": ("ics",)}[args.meeting]
    fmt = args.format or allowed[0]
    if fmt not in allowed:
        raise CliError(f"netbook export: {args.meeting} export as {' or '.join(allowed)}, not {fmt}", 2)
    _check_export_options(args, fmt)
    alarm = _alarm_time(args.alarm) if args.alarm is not None else None
    store = _book_store(data_dir)
    now = datetime.now()
    if args.meeting == "contacts":
        contacts = store.contacts()
        if fmt == "vcf":
            from netbook.interop.vcard import contacts_vcard

            data = contacts_vcard(store, contacts, now)
        else:
            from netbook.interop.contacts_csv import contacts_csv

            data = contacts_csv(store, contacts, bom=args.bom)
        what = f"{len(contacts)} contact(s)"
    else:
        from netbook.storage.config import load_config
        from netbook.interop.ics import followups_ics

        config, _problem = load_config(resolve_config_file(getattr(args, "config", None)))
        meetings = _readable_meetings(store)
        data = followups_ics(store, meetings, now=now, rules=config.followups, alarm=alarm)
        what = f"the follow-ups of {len(meetings)} meeting(s)"
    _write_output("export", args.output, [data], lambda: what)
    _say_store_warnings(store, "export")
    return _report_damaged(store, "export") if args.meeting == "followups" else 0


def _alarm_time(text: str):
    from datetime import time

    try:
        return time.fromisoformat(text)
    except ValueError:
        raise CliError(f"netbook export: --alarm wants a time of day like 09:00, got {text!r}", 2) from None


def _readable_meetings(store) -> list:
    """Every meeting whose file reads (``_report_damaged`` names the others afterwards)."""
    if not store.meetings_dir.is_dir():
        return []
    return list(store.iter_meetings())


def _profile(args: argparse.Namespace):
    """The profile the exported drafts sign with (a bad config: defaults, as in the app)."""
    from netbook.storage.config import load_config

    return load_config(resolve_config_file(getattr(args, "config", None)))[0].profile


def cmd_export_markdown_folder(args: argparse.Namespace, data_dir: Path) -> int:
    from netbook.interop.markdown_folder import export_markdown_folder
    from netbook.storage.files import ensure_private_dir
    from netbook.storage.store import Store

    folder = Path(args.output).expanduser()
    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():
            raise CliError(f"netbook export: {folder} is not a folder (a trailing / asks for one file per meeting)")
        if not folder.parent.is_dir():
            raise CliError(f"netbook export: folder {folder.parent} does not exist")
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            raise CliError(f"netbook export: cannot create folder {folder} ({exc.strerror or exc})") from None
    store = Store(data_dir, read_only=True)
    try:
        if args.meeting == "all":
            meetings = _readable_meetings(store)
        else:
            meetings = [store.load_meeting(store.resolve_meeting_id(args.meeting))]
    except LookupError as exc:
        raise CliError(f"netbook export: {exc.args[0]}") from None
    except StoreError as exc:
        raise CliError(f"netbook export: damaged meeting file, nothing exported: {exc}") from None
    try:
        report = export_markdown_folder(store, meetings, folder, force=args.force, profile=_profile(args))
    except OutputFileError as exc:
        raise CliError(f"netbook export: {exc}") from None
    except OSError as exc:
        raise CliError(f"netbook export: cannot write in {folder} ({exc.strerror or exc})") from None
    for path, why in report.left_alone:
        _out(f"left alone {path.name}: {why}", err=True)
    _out(
        f"{folder}: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.left_alone)} left alone" + (f", {len(report.removed)} renamed" if report.removed else ""),
        err=True,
    )
    _say_store_warnings(store, "export")
    return _report_damaged(store, "export") if args.meeting == "all" else 0


def cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    """Dry run first (what would be added, filled in, skipped and why), then apply."""
    from netbook.interop.contact_import import apply_import, plan_import
    from netbook.interop.incoming import BadFileError
    from netbook.storage.store import Store

    if args.source == "linkedin":
        from netbook.interop.linkedin import read_connections as read_rows
    else:
        from netbook.interop.vcard import read_vcards as read_rows
    path = Path(args.file).expanduser()
    try:
        rows = read_rows(path)
    except BadFileError as exc:
        raise CliError(f"netbook import: {exc}") from None
    plan = plan_import(Store(data_dir, read_only=True), rows, path)
    _out(f"{path.name}: {plan.summary()}")
    for line in plan.details(verbose=args.verbose):
        _out(f"  {line}")
    if not plan.changes_anything:
        _out("nothing to import: every row is already in your contacts or skipped")
        return 0
    if not args.apply:
        if not sys.stdin.isatty():
            _out("dry run: nothing written (run again with --apply to import)")
            return 0
        try:
            answer = input("Import these? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().casefold() not in ("y", "yes"):
            _out("nothing written")
            return 0
    try:
        store = _open_store(data_dir, allow_read_only=False)
    except DataDirLockedError as exc:
        raise CliError(f"netbook import: {exc}; quit it (ctrl+q) and import again. Nothing was written") from None
    with store:
        plan = plan_import(store, rows, path)  # again under the lock: the book may have changed meanwhile
        apply_import(store, plan)
    _out(f"imported: {plan.summary()}; the names are known to the note pad from the next meeting you open")
    return 0


def cmd_meetings(args: argparse.Namespace, data_dir: Path) -> int:
    from netbook.storage.store import Store

    if not (data_dir / "meetings").is_dir():
        raise CliError(f"netbook meetings: no netbook data in {data_dir}")
    store = Store(data_dir, read_only=True)
    summaries = store.meeting_summaries()
    damaged = store.damaged_meetings()  # listed too, naming the file: a meeting never silently disappears
    _say_store_warnings(store, "meetings")
    if args.json:
        rows = [s.to_json_dict() for s in summaries]
        rows += [{"id": e.path.stem, "status": "damaged", "file": str(e.path), "problem": e.problem} for e in damaged]
        _out(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for e in damaged:
        _out(f"{e.path.stem}  {'':16}  damaged  {e}")
    for s in summaries:
        when = s.when()
        who = s.contact_name + (f" ({s.organization_name})" if s.organization_name else "")
        _out(f"{s.id}  {when:%Y-%m-%d %H:%M}  {s.status.value:<7}  {who}" if when else f"{s.id}  {'':16}  {s.status.value:<7}  {who}")
    return 0


def cmd_demo(args: argparse.Namespace, data_dir: Path | None) -> int:
    from netbook.domain.demo import DemoDirError, default_demo_dir, generate_demo

    demo_dir = data_dir or default_demo_dir()
    real = resolve_data_dir(None)
    if demo_dir.resolve() == real.resolve():
        raise CliError(f"netbook demo: refusing to write sample data into your real data dir {real}", 2)
    try:
        generate_demo(demo_dir, meetings=args.meetings, contacts=args.contacts)
    except DemoDirError as exc:
        raise CliError(f"netbook demo: {exc}") from None
    _out(f"demo data in {demo_dir}", err=True)
    if args.no_open:
        return 0
    return _run_app(args, demo_dir)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        status = _run_command(argv)
        _flush_stdout()  # here, not at exit: a full or closed stdout is reported like any other problem
        return status
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as a program killed by SIGPIPE would
        _detach_stdout()
        return 128 + 13
    except CliError as exc:
        _out(str(exc), err=True)
        return exc.status
    except StoreError as exc:
        _out(f"netbook: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        return 130


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _stdout_failed(exc) from None


def _run_command(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    explicit_dir = getattr(args, "data_dir", None)
    if args.command == "demo":
        return cmd_demo(args, Path(explicit_dir).expanduser() if explicit_dir else None)
    data_dir = resolve_data_dir(explicit_dir)
    if data_dir.exists() and not data_dir.is_dir():
        raise CliError(f"netbook: data dir {data_dir} is not a folder", 2)
    if args.command == "meet":
        return cmd_meet(args, data_dir)
    if args.command == "questions":
        return cmd_questions(args, data_dir)
    if args.command == "export":
        return cmd_export(args, data_dir)
    if args.command == "meetings":
        return cmd_meetings(args, data_dir)
    if args.command == "import":
        return cmd_import(args, data_dir)
    return _run_app(args, data_dir)


def entry() -> None:  # pragma: no cover - console script shim
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
