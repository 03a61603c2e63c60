"""One autosave of the live meeting with 10 vs 2,000 past meetings in the data dir.

Target (issue 2): the 2,000-meeting cost is at most 1.5x the 10-meeting cost, because
an autosave rewrites only the live meeting's own file. For contrast it also times the
layout we avoided: every meeting in one TinyDB file with the default JSONStorage.

    python benchmarks/bench_autosave.py [--saves 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tinydb import Query, TinyDB

from netbook.domain.models import Contact, Meeting, MeetingStatus
from netbook.storage.files import atomic_write_json
from netbook.storage.store import Store

NOTE = "- talked about Susan Smith at Citibank and the SHRM NJ chapter\n" * 60  # ~4 KB per meeting


def populate(root: Path, past: int) -> tuple[Store, Meeting]:
    store = Store.open(root)
    contact = store.save_contact(Contact(name="Jane Doe"))
    for n in range(past):
        m = Meeting(contact_id=contact.id, notes=NOTE, status=MeetingStatus.ENDED)
        atomic_write_json(store.meeting_path(m.id), m.to_json_dict())
    store.meeting_summaries()  # builds the index once, as a first start would
    live = store.create_meeting(contact, status=MeetingStatus.LIVE)
    live.notes = NOTE * 5
    store.save_meeting(live)
    return store, live


def time_saves(setups: dict[int, tuple[Store, Meeting]], saves: int) -> dict[int, float]:
    """Interleaved, so background load on the machine hits both sizes alike."""
    samples: dict[int, list[float]] = {past: [] for past in setups}
    for i in range(saves):
        for past, (store, meeting) in setups.items():
            meeting.notes += f"typing {i}\n"
            start = time.perf_counter()
            store.save_meeting(meeting)
            samples[past].append(time.perf_counter() - start)
    return {past: statistics.median(s) * 1000 for past, s in samples.items()}


def time_single_file(root: Path, past: int, saves: int) -> float:
    db = TinyDB(root / "all.json")
    db.insert_multiple({"id": str(n), "notes": NOTE} for n in range(past))
    db.insert({"id": "live", "notes": NOTE * 5})
    samples = []
    for i in range(saves):
        start = time.perf_counter()
        db.update({"notes": NOTE * 5 + str(i)}, Query().id == "live")
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setups = {past: populate(Path(tmp) / f"d{past}", past) for past in (10, 2000)}
        results = time_saves(setups, args.saves)
        for store, _ in setups.values():
            store.close()
        single = time_single_file(Path(tmp), 2000, min(args.saves, 30))
    print(f"autosave, 10 past meetings:    {results[10]:.3f} ms (median of {args.saves})")
    print(f"autosave, 2000 past meetings:  {results[2000]:.3f} ms (median of {args.saves})")
    print(f"ratio 2000/10:                 {results[2000] / results[10]:.2f}x (target <= 1.5x)")
    print(f"for contrast, one TinyDB JSONStorage file with 2000 meetings: {single:.1f} ms per save")


if __name__ == "__main__":
    main()
