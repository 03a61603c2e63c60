"""Startup benchmark: netbook's home screen on a big notebook vs a bare Textual app.

    python benchmarks/bench_startup.py [--runs 21] [--meetings 2000] [--contacts 5000]

Generates demo data (``netbook.demo.generate_demo``) into a temporary folder, then runs,
alternately, in fresh subprocesses on a pseudo-terminal of 120x40:

* netbook: the real start path (``netbook.cli.launch``, what the ``netbook`` command runs)
  on that data; the clock stops when the home screen has painted its loaded lists
  (``HomeScreen.Ready``, posted after the refresh that drew them);
* bare: a plain Textual app composed of the same widget kinds (Header, a compact Input,
  four titled OptionLists holding as many rows as netbook shows, Footer), stopped after
  its first paint with those rows.

Time is measured from just before the process is spawned (interpreter start included)
to that paint; peak memory is the child's peak RSS at that paint (VmHWM). Medians are printed,
with the ratios the issue sets: time <= 1.3x, memory <= 2x. Start-up times on a shared
2-core machine wander by ~10% between runs, hence the default of 21 runs each.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from datetime import date
from pathlib import Path

SIZE = (120, 40)


# --------------------------------------------------------------------------- children


def _peak_rss_kib() -> int:
    """This process's peak RSS so far (VmHWM: reset by exec, unlike wait4's ru_maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _mark(out: str) -> None:
    Path(out).write_text(f"{time.time()!r} {_peak_rss_kib()}")


def child_netbook(data_dir: str, out: str) -> None:
    """The real start path: what the ``netbook`` command runs (netbook.cli.launch)."""
    from netbook.cli import launch
    from netbook.config import Config

    def drawn(app) -> None:
        _mark(out)
        app.exit()

    launch(Path(data_dir), config=Config(), on_home_drawn=drawn)


def child_bare(rows: str, out: str) -> None:
    from rich.text import Text
    from textual.app import App
    from textual.containers import Container
    from textual.widgets import Footer, Header, Input, OptionList
    from textual.widgets.option_list import Option

    counts = [int(n) for n in rows.split(",")]

    class Bare(App):
        CSS = """
        #body { layout: grid; grid-size: 2 2; height: 1fr; }
        OptionList { height: 1fr; border: round $panel; }
        """

        def compose(self):
            yield Header(show_clock=False)
            yield Input(placeholder="Search", compact=True)
            with Container(id="body"):
                for i in range(4):
                    yield OptionList(id=f"l{i}")
            yield Footer()

        def on_mount(self) -> None:
            for i, n in enumerate(counts):
                lst = self.query_one(f"#l{i}", OptionList)
                lst.border_title = f"List {i} ({n})"
                lst.set_options(Option(Text(f"Mon Mar 9 17:00  Person number {j} · Some Organization"), id=str(j))
                                for j in range(n))
            self.call_after_refresh(self.done)

        def done(self) -> None:
            _mark(out)
            self.exit()

    Bare().run()


# --------------------------------------------------------------------------- parent


def run_child(args: list[str]) -> tuple[float, float]:
    """(seconds to first paint of the data, peak RSS in MiB) of one child on a 120x40 pty."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    out = tempfile.NamedTemporaryFile(delete=False, suffix=".t")
    out.close()
    os.unlink(out.name)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(SIZE[0]), "LINES": str(SIZE[1]),
           "NETBOOK_CONFIG": os.devnull}

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.time()
    proc = subprocess.Popen([sys.executable, __file__, "--child", *args, out.name],
                            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    _pid, status, _usage = os.wait4(proc.pid, 0)
    proc.returncode = status
    os.close(slave)
    os.close(master)
    reader.join(timeout=1)
    try:
        ready_text, rss_text = Path(out.name).read_text().split()
        ready, rss = float(ready_text), int(rss_text)
    except (OSError, ValueError):
        raise SystemExit(f"child {args[0]} did not reach its first paint (status {status})") from None
    Path(out.name).unlink(missing_ok=True)
    return ready - start, rss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--data-dir", help="reuse demo data here (generated if missing)")
    parser.add_argument("--sizes", help="meetings:contacts,... (e.g. 200:500,2000:5000,10000:20000): each size in one "
                                        "run, data cached in /tmp/netbook-bench-m<M>-c<C>, with the slope last/first")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "ARG", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, arg, out = args.child
        (child_netbook if kind == "netbook" else child_bare)(arg, out)
        return 0

    from netbook.demo import generate_demo
    from netbook.screens.home import MAX_ROWS, load_home_data
    from netbook.store import Store

    if args.sizes:
        return by_size(args)

    tmp = None
    if args.data_dir:
        data_dir = Path(args.data_dir)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="netbook-bench-")
        data_dir = Path(tmp.name) / "demo"
    if not (data_dir / "index.json").exists():
        t = time.perf_counter()
        generate_demo(data_dir, meetings=args.meetings, contacts=args.contacts, seed=0)
        print(f"generated {args.meetings} meetings, {args.contacts} contacts in {time.perf_counter() - t:.1f} s")
    store = Store(data_dir, read_only=True)
    data = load_home_data(store, date.today())
    rows = [min(len(x), MAX_ROWS) for x in (data.followups, data.leads, data.upcoming, data.recent)]
    print(f"home rows shown: follow-ups {rows[0]}, leads {rows[1]}, upcoming {rows[2]}, recent {rows[3]}")

    results: dict[str, list[tuple[float, float]]] = {"netbook": [], "bare": []}
    run_child(["bare", ",".join(map(str, rows))])  # warm the file cache for both
    run_child(["netbook", str(data_dir)])
    for _ in range(args.runs):
        results["bare"].append(run_child(["bare", ",".join(map(str, rows))]))
        results["netbook"].append(run_child(["netbook", str(data_dir)]))
    med = {k: (statistics.median(t for t, _ in v), statistics.median(m for _, m in v)) for k, v in results.items()}
    for kind in ("bare", "netbook"):
        times = ", ".join(f"{t * 1000:.0f}" for t, _ in results[kind])
        print(f"{kind:>8}: start->home drawn {med[kind][0] * 1000:6.0f} ms (runs: {times}); "
              f"peak RSS {med[kind][1]:6.1f} MiB")
    t_ratio = med["netbook"][0] / med["bare"][0]
    m_ratio = med["netbook"][1] / med["bare"][1]
    print(f"ratio time   {t_ratio:.2f}x (target <= 1.3x) {'OK' if t_ratio <= 1.3 else 'OVER'}")
    print(f"ratio memory {m_ratio:.2f}x (target <= 2x)   {'OK' if m_ratio <= 2 else 'OVER'}")
    if tmp:
        tmp.cleanup()
    return 0


def by_size(args: argparse.Namespace) -> int:
    """Start-up at several history sizes in one run: ratio to the bare app per size, and the slope."""
    from netbook.screens.home import MAX_ROWS, load_home_data
    from netbook.store import Store

    sys.path.insert(0, str(Path(__file__).parent))
    from bench_export import data_dir as cached_data_dir

    sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes.split(",")]
    dirs = {size: cached_data_dir(*size) for size in sizes}
    rows = {}
    for size, path in dirs.items():
        data = load_home_data(Store(path, read_only=True), date.today())
        rows[size] = ",".join(str(min(len(x), MAX_ROWS)) for x in (data.followups, data.leads, data.upcoming, data.recent))
    results: dict[object, list[tuple[float, float]]] = {size: [] for size in sizes}
    bare: dict[object, list[tuple[float, float]]] = {size: [] for size in sizes}
    for size in sizes:  # warm the file cache
        run_child(["netbook", str(dirs[size])])
    for _ in range(args.runs):  # interleaved, so machine noise hits every size and the baseline alike
        for size in sizes:
            bare[size].append(run_child(["bare", rows[size]]))
            results[size].append(run_child(["netbook", str(dirs[size])]))
    first = None
    for size in sizes:
        t = statistics.median(x for x, _ in results[size])
        m = statistics.median(x for _, x in results[size])
        bt = statistics.median(x for x, _ in bare[size])
        bm = statistics.median(x for _, x in bare[size])
        spread = f"{min(x for x, _ in results[size]) * 1000:.0f}-{max(x for x, _ in results[size]) * 1000:.0f}"
        first = first or (t, m)
        print(f"{size[0]:>6} meetings / {size[1]:>6} contacts: start->home drawn {t * 1000:5.0f} ms (runs {spread}) "
              f"{t / bt:.2f}x bare; peak RSS {m:5.1f} MiB {m / bm:.2f}x bare")
    print(f"slope {sizes[-1][0]} vs {sizes[0][0]}: time {t / first[0]:.2f}x, memory {m / first[1]:.2f}x "
          f"(targets: <= 1.3x bare and <= 1.1x slope for time; memory <= 2x bare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
