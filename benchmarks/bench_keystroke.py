"""Cost of one keystroke in the live note pad vs a plain TextArea, printed as a ratio.

A 5,000-line note and 2,000 known contacts and organizations. One keystroke = insert one
character at the cursor (mid-document, typing a sentence that names people) + repaint
of the visible region (``render_lines`` over the widget's size, as the compositor
asks for it). Both widgets get the same keys in the same run, interleaved key by key so
machine noise hits both alike; the median per-key time of each is compared.

    /work/venv/bin/python benchmarks/bench_keystroke.py [--keys 300] [--rounds 5]

Target: ratio <= 1.25. Printed for bullet lines (how notes are typed) and for the
worst case of one run-on line that keeps growing, where each key re-reads that line.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import TextArea

from netbook.widgets.note_pad import NotePad, make_tracker

FIRST = ["Susan", "James", "Maria", "Wei", "Aisha", "Carlos", "Anne-Marie", "José", "Priya", "Olga", "Kenji",
         "Fatima", "Liam", "Noor", "Diego", "Hannah", "Tomás", "Ngozi", "Ivan", "Mei", "Omar", "Sofia", "Raj",
         "Elena", "Kwame"]
LAST = ["Smith", "Nguyen", "Garcia", "O'Neill", "Núñez", "Park", "Okafor", "Rossi", "Kowalski", "Haddad",
        "Tanaka", "Müller", "Silva", "Cohen", "Ivanova", "Mensah", "Larsen", "Dubois", "Khan", "Reyes",
        "de la Cruz", "Van An", "Johnson", "Brown", "Patel", "Kim", "Lopez", "Wilson", "Andersen", "Moreau",
        "Yilmaz", "Novak", "Oduya", "Fischer", "Costa", "Sato", "Hughes", "Bianchi", "Eriksen", "Mendoza"]
ORG_A = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Cyberdyne", "Soylent",
         "Tyrell", "Wonka", "Gringotts", "Monarch", "Oscorp", "Pied Piper", "Dunder", "Massive", "Aperture", "Black Mesa"]
ORG_B = ["Bank", "Health", "Partners", "University", "Group", "Labs", "Capital", "Foundation", "Institute",
         "Systems", "Consulting", "Media", "Energy", "Logistics", "Insurance", "Analytics", "Robotics", "Foods",
         "Motors", "Pharma", "Studios", "Ventures", "Networks", "Dynamics", "Holdings", "Works", "Solutions",
         "Brands", "Digital", "Retail", "Airlines", "Hotels", "Games", "Biotech", "Realty", "Telecom", "Textiles",
         "Chemicals", "Security", "Learning", "Mobility", "Finance", "Records", "Outfitters", "Clinics", "Farms",
         "Press", "Trust", "Mining", "Steel"]
FILLER = ["said the team is hiring in the spring", "recommends joining the local association",
          "asked about my resume and the gap year", "talk to her about product roles",
          "worked there for six years before moving", "thinks the field needs data skills",
          "suggested I e-mail rather than call", "may be able to introduce me next week"]


def known_names(rng: random.Random) -> tuple[list[str], list[str]]:
    people = sorted({f"{f} {l}" for f in FIRST for l in LAST})[:1000]
    orgs = sorted({f"{a} {b}" for a in ORG_A for b in ORG_B})[:1000]
    rng.shuffle(people)
    rng.shuffle(orgs)
    return people, orgs


def make_note(rng: random.Random, people: list[str], orgs: list[str], lines: int = 5000) -> str:
    out = []
    for i in range(lines):
        kind = i % 4
        if kind == 0:
            out.append(f"[{i // 60:02d}:{i % 60:02d}] {rng.choice(people)} at {rng.choice(orgs)} {rng.choice(FILLER)}")
        elif kind == 1:
            out.append(f"- {rng.choice(FILLER)}, then {rng.choice(people).split()[0]} from {rng.choice(orgs)}")
        elif kind == 2:
            out.append(f"  {rng.choice(FILLER).capitalize()}.")
        else:
            out.append(f"Met {rng.choice(people)}; {rng.choice(FILLER)}")
    return "\n".join(out)


class Bench(App[None]):
    def __init__(self, text: str, people: list[str], orgs: list[str]) -> None:
        super().__init__()
        self._text, self._people, self._orgs = text, people, orgs

    def compose(self) -> ComposeResult:
        yield TextArea(self._text, soft_wrap=True, id="plain")
        yield NotePad(self._text, tracker=make_tracker(self._people, self._orgs), id="pad")


# Typed as notes are: short bullet lines. The run-on variant keeps typing into one line
# until it is ~3,000 characters long: the worst case, where each key re-reads that line.
TYPED_LINES = "- then Susan Smith at Citibank said to call Wei Park, and talk to Acme Bank about it\n"
TYPED_RUNON = "Then Susan Smith at Citibank said to call Wei Park, and talk to Acme Bank about it. "


def one_key(widget: TextArea, ch: str, region: Region) -> float:
    t0 = time.perf_counter()
    widget.insert(ch)
    widget.render_lines(region)  # repaint of the visible region
    return time.perf_counter() - t0


def type_keys(plain: TextArea, pad: NotePad, keys: str, width: int, height: int) -> tuple[list[float], list[float]]:
    """Each key is typed into both widgets back to back (alternating which goes first),
    so both see the same machine load."""
    region = Region(0, 0, width, height)
    plain_times, pad_times = [], []
    for i, ch in enumerate(keys):
        if i % 2:
            pad_times.append(one_key(pad, ch, region))
            plain_times.append(one_key(plain, ch, region))
        else:
            plain_times.append(one_key(plain, ch, region))
            pad_times.append(one_key(pad, ch, region))
    return plain_times, pad_times


async def run(keys: int, rounds: int, typed: str, label: str) -> None:
    rng = random.Random(7)
    people, orgs = known_names(rng)
    text = make_note(rng, people, orgs)
    app = Bench(text, people, orgs)
    async with app.run_test(size=(120, 50)) as pilot:
        plain = app.query_one("#plain", TextArea)
        pad = app.query_one("#pad", NotePad)
        for w in (plain, pad):
            w.styles.height = 40
            w.styles.width = 100
        await pilot.pause()
        for w in (plain, pad):
            w.cursor_blink = False
            w.move_cursor((2500, 0), center=True)
            w.insert("\n")
            w.move_cursor((2500, 0), center=True)
        await pilot.pause()
        width, height = pad.size.width, pad.size.height
        stream = (typed * (keys // len(typed) + 1))[:keys]
        type_keys(plain, pad, stream[:20], width, height)  # warm up both
        results = {"plain": [], "pad": []}
        for _ in range(rounds):
            plain_times, pad_times = type_keys(plain, pad, stream, width, height)
            results["plain"].extend(plain_times)
            results["pad"].extend(pad_times)
            await pilot.pause()  # let timers run (deferred restyles, as between real keys)
        plain_med = statistics.median(results["plain"]) * 1e6
        pad_med = statistics.median(results["pad"]) * 1e6
        plain_mean = statistics.fmean(results["plain"]) * 1e6
        pad_mean = statistics.fmean(results["pad"]) * 1e6
        lines = pad.document.line_count
        print(f"--- {label}")
        print(f"note: {lines} lines, known names: {len(people)} people + {len(orgs)} organizations, "
              f"tracker: {type(pad.tracker).__module__}.{type(pad.tracker).__name__}")
        print(f"visible region: {width}x{height}, keystrokes per widget: {len(results['pad'])}")
        print(f"plain TextArea: median {plain_med:8.1f} us/key  mean {plain_mean:8.1f} us/key")
        print(f"NotePad:        median {pad_med:8.1f} us/key  mean {pad_mean:8.1f} us/key")
        print(f"keystroke cost ratio (NotePad / TextArea, median): {pad_med / plain_med:.2f}x  (target <= 1.25x)")
        print(f"keystroke cost ratio (NotePad / TextArea, mean):   {pad_mean / plain_mean:.2f}x")
        paired = statistics.median(b / a for a, b in zip(results["plain"], results["pad"], strict=True))
        print(f"median of per-key ratios: {paired:.2f}x")
        # A line longer than LONG_LINE is re-read for names when typing pauses, not per key:
        # report what that one re-read costs, so the work moved off the keystroke is visible.
        pad.insert("x")
        if pad._long_edit is not None:
            t0 = time.perf_counter()
            pad._flush_long_edit()
            print(f"re-reading the {len(pad.document.get_line(pad.cursor_location[0]))}-character line "
                  f"once typing pauses: {(time.perf_counter() - t0) * 1e3:.1f} ms (off the keystroke path)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.keys, args.rounds, TYPED_LINES, "typing bullet lines (as notes are typed)"))
    asyncio.run(run(args.keys, args.rounds, TYPED_RUNON, "worst case: one run-on line growing to ~1,500 characters"))


if __name__ == "__main__":
    main()
