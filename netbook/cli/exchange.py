"""``netbook export`` (meetings as Markdown or JSON, a Markdown folder, contacts as vCard or
CSV, follow-ups as iCalendar) and ``netbook import`` (vCard, LinkedIn): the commands that
hand the notebook to other tools (netbook/interop/)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from netbook.cli.arguments import CliError
from netbook.cli.terminal import _out, _report_damaged, _say_store_warnings, _write_output
from netbook.storage.files import DataDirLockedError, OutputFileError, StoreError
from netbook.storage.paths import resolve_config_file


def _open_store(data_dir: Path, *, allow_read_only: bool):
    from netbook.storage.store import Store

    return Store.open(data_dir, allow_read_only=allow_read_only)


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


def _check_export_options(args: argparse.Namespace, fmt: str, *, folder: bool = False) -> None:
    """An option that does nothing for this format is a mistake worth one line, not silence."""
    for given, option, applies in ((args.bom, "--bom", fmt == "csv"), (args.alarm is not None, "--alarm", fmt == "ics"),
                                   (args.force, "--force", folder)):
        if given and not applies:
            wanted = {"--bom": "--format csv", "--alarm": "--format ics", "--force": "--format md -o FOLDER"}[option]
            raise CliError(f"netbook export: {option} only works with {wanted}", 2)


def _names_a_folder(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).expanduser().is_dir()


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
