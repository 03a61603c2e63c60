"""``netbook export all`` at 200 / 2,000 / 10,000 meetings: time, peak memory, slope.

    PYTHONPATH=$PWD python benchmarks/bench_export.py [--sizes 200:500,2000:5000,10000:20000] [--runs 3]

Each size is a ``netbook demo`` data dir (meetings:contacts), generated once and cached in
/tmp/netbook-bench-m<M>-c<C> (delete it to regenerate). Each run is a fresh process running
the real command (``python -m netbook export all --format F -o FILE``), timed from spawn to
exit; peak memory is that child's maximum RSS (wait4). The median of the runs is printed
with the spread, and the slope: the 10,000 figure over the 200 figure (linear = 50x).

Targets (issue 14): linear (10,000 ≤ 60x the 200 figure), ≤ 20 s and ≤ 300 MB at 10,000.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def data_dir(meetings: int, contacts: int) -> Path:
    path = Path(f"/tmp/netbook-bench-m{meetings}-c{contacts}")
    if not (path / ".done").exists():
        print(f"generating {meetings} meetings / {contacts} contacts in {path} ...", flush=True)
        subprocess.run([sys.executable, "-m", "netbook", "demo", "--meetings", str(meetings), "--contacts",
                        str(contacts), "--data-dir", str(path), "--no-open"], check=True,
                       stdout=subprocess.DEVNULL)
        (path / ".done").touch()
    return path


def run_export(root: Path, fmt: str, out: Path) -> tuple[float, float, float]:
    """(seconds, peak RSS MiB, CPU seconds) of one ``netbook export all``."""
    env = {**os.environ, "NETBOOK_CONFIG": os.devnull}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "netbook", "export", "all", "--format", fmt, "-o", str(out),
                             "--data-dir", str(root)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"export failed ({proc.returncode}): {err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200:500,2000:5000,10000:20000")
    parser.add_argument("--formats", default="md,json")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes.split(",")]
    dirs = {s: data_dir(*s) for s in sizes}
    with tempfile.TemporaryDirectory(prefix="netbook-bench-export-") as tmp:
        for fmt in args.formats.split(","):
            results: dict[tuple[int, int], list[tuple[float, float, float]]] = {s: [] for s in sizes}
            for _ in range(args.runs):  # sizes interleaved so machine noise hits each alike
                for size in sizes:
                    results[size].append(run_export(dirs[size], fmt, Path(tmp) / f"out.{fmt}"))
            base = statistics.median(r[0] for r in results[sizes[0]])
            for size in sizes:
                times = [r[0] for r in results[size]]
                mem = max(r[1] for r in results[size])
                cpu = statistics.median(r[2] for r in results[size])
                med = statistics.median(times)
                print(f"export all --format {fmt:<4} {size[0]:>6} meetings / {size[1]:>6} contacts: "
                      f"{med:7.2f} s (runs {min(times):.2f}-{max(times):.2f}; CPU {cpu:.2f} s), peak {mem:6.0f} MiB, "
                      f"{med / base:5.1f}x the {sizes[0][0]} figure", flush=True)
    print("targets: 10,000 <= 60x the 200 figure, <= 20 s, <= 300 MB")


if __name__ == "__main__":
    main()
