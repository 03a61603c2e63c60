"""``netbook questions`` (the question bank, and adding your own) and ``netbook meetings``
(every meeting, damaged files named too)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from netbook.cli.arguments import CliError
from netbook.cli.exchange import _open_store
from netbook.cli.terminal import _out, _say_store_warnings


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
