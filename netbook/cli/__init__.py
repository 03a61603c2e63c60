"""The ``netbook`` command line: what each command runs, and opening the app.

Textual is imported only by the commands that open the app, so ``questions`` and
``export`` stay fast and usable in scripts.  The parser is in :mod:`.arguments`, terminal
and file output in :mod:`.terminal`, export and import in :mod:`.exchange`, the
``questions`` and ``meetings`` listings in :mod:`.listings`.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from netbook.cli.arguments import CliError, build_parser
from netbook.cli.exchange import _open_store, cmd_export, cmd_import
from netbook.cli.listings import cmd_meetings, cmd_questions
from netbook.cli.terminal import _detach_stdout, _flush_stdout, _out
from netbook.storage.files import DataDirLockedError, StoreError
from netbook.storage.paths import resolve_config_file, resolve_data_dir

__all__ = ["CliError", "build_parser", "launch", "main"]


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
