"""Contact-book writes and ctrl+t at 500 / 5,000 / 20,000 contacts.

    PYTHONPATH=$PWD python benchmarks/bench_contacts.py [--sizes 200:500,2000:5000,10000:20000] [--repeat 15]

On a copy of each cached ``netbook demo`` data dir (see bench_export.py):

* new contact save: ``Store.save_contact`` of a new contact, the book already loaded
  (what the contact form and a tagged lead cost on disk), median of ``--repeat``;
* index row: ``Store.save_meeting`` of a change that alters the meeting's index row
  (a follow-up ticked), median;
* ctrl+t: the live meeting screen (the real app, headless, 120x40) with the contact book
  loaded; a new name is typed and ``ctrl+t`` pressed; the figure is the time the UI
  thread spends in the tag action (what holds the keyboard), median.

Targets (issue 14): at 20,000 contacts, new contact save and ctrl+t ≤ 1.5x the 500 figure.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_export import data_dir  # noqa: E402

SIZE = (120, 40)


def store_figures(root: Path, repeat: int) -> tuple[float, float]:
    from netbook.domain.models import Contact, FollowUp, FollowUpKind
    from netbook.storage.store import Store

    with Store.open(root) as store:
        store.contacts()
        saves = []
        for i in range(repeat):
            contact = Contact(name=f"Bench Person {i}")
            t = time.perf_counter()
            store.save_contact(contact)
            saves.append((time.perf_counter() - t) * 1000)
        meeting = store.load_meeting(store.meeting_summaries()[0].id)
        rows = []
        for i in range(repeat):
            meeting.followups.append(FollowUp(kind=FollowUpKind.CHECK_IN, title=f"bench {i}", due=date.today()))
            t = time.perf_counter()
            store.save_meeting(meeting)
            rows.append((time.perf_counter() - t) * 1000)
    return statistics.median(saves), statistics.median(rows)


async def tag_figure(root: Path, repeat: int) -> float:
    from netbook.app import NetbookApp
    from netbook.storage.config import Config
    from netbook.domain.meeting_lifecycle import start
    from netbook.screens.meeting import MeetingScreen
    from netbook.storage.store import Store
    from netbook.widgets.note_pad import NotePad

    with Store.open(root) as store:
        contact = store.contacts()[0]
        meeting = store.create_meeting(contact, planned_minutes=30)
        start(meeting, datetime.now())
        store.save_meeting(meeting)
        meeting_id = meeting.id
    store = Store.open(root)
    app = NetbookApp(store, config=Config(), meeting_id=meeting_id)
    times = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            screen = app.screen
            assert isinstance(screen, MeetingScreen)
            pad = screen.query_one(NotePad)
            for i in range(repeat):
                word = "".join(chr(ord("a") + int(d)) for d in f"{i:03d}")
                pad.insert(f"\nmet Zed Q{word}son today")
                pad.move_cursor((pad.document.line_count - 1, len("met Zed Q") + 3))
                await pilot.pause(0.05)
                t = time.perf_counter()
                screen.action_tag("person")
                times.append((time.perf_counter() - t) * 1000)
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
    finally:
        store.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200:500,2000:5000,10000:20000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes.split(",")]
    results: dict[tuple[int, int], list[tuple[float, float, float]]] = {s: [] for s in sizes}
    with tempfile.TemporaryDirectory(prefix="netbook-bench-contacts-") as tmp:
        for _ in range(args.rounds):
            for size in sizes:
                copy = Path(tmp) / "data"
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(data_dir(*size), copy)
                save, row = store_figures(copy, args.repeat)
                tag = asyncio.run(tag_figure(copy, args.repeat))
                results[size].append((save, row, tag))
    base = [statistics.median(r[i] for r in results[sizes[0]]) for i in range(3)]
    for size in sizes:
        meds = [statistics.median(r[i] for r in results[size]) for i in range(3)]
        spread = ["-".join(f"{v:.1f}" for v in (min(r[i] for r in results[size]), max(r[i] for r in results[size])))
                  for i in range(3)]
        print(f"{size[1]:>6} contacts / {size[0]:>6} meetings: new contact save {meds[0]:6.1f} ms ({spread[0]}) "
              f"{meds[0] / base[0]:4.2f}x; index-row save {meds[1]:6.1f} ms ({spread[1]}) {meds[1] / base[1]:4.2f}x; "
              f"ctrl+t on the UI thread {meds[2]:6.1f} ms ({spread[2]}) {meds[2] / base[2]:4.2f}x")
    print(f"targets: at {sizes[-1][1]} contacts, save and ctrl+t <= 1.5x the {sizes[0][1]} figure")


if __name__ == "__main__":
    main()
