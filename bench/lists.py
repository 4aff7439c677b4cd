"""Time every list command, and a lookup, on big synthetic stores with the index; print a
Markdown report.

Run from the project root with the interpreter hz is installed in::

    python bench/lists.py                       # 100,000 and 1,000,000 facts
    python bench/lists.py --sizes 100000 --runs 3
    python bench/lists.py --unpaged             # whole lists too, streamed, once each

Stores come from ``bench/make_store.py`` (kept in ``bench/stores/``), as ``bench/search.py``
makes them, with their index written first by ``hz index`` into a fresh cache directory. Each
command runs ``--runs`` times as a fresh process, ``--limit 50 --json`` where it pages; the
report gives the median wall time and the largest peak resident memory. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import measured, store  # this folder's own helpers

COMMANDS = [
    ["company", "小优智能"],
    ["companies", "--limit", "50"],
    ["people", "--limit", "50"],
    ["policies", "--limit", "50"],
    ["projects", "--limit", "50"],
    ["projects", "--min-invest", "2亿", "--limit", "50"],
    *(["projects", "--sort", sort, "--limit", "50"] for sort in ("investor", "name", "year")),
    ["projects", "--company", "长木谷", "--limit", "50"],
    ["stats", "--limit", "50"],
    ["timeline", "--limit", "50"],
    ["timeline", "--since", "2025", "--limit", "50"],
    ["conflicts", "--limit", "50"],
    ["sources", "--limit", "50"],
    ["zone", "--limit", "50"],
]
# With --unpaged: whole lists, streamed as they are read (one run each: seconds at 1,000,000).
UNPAGED = [["companies"], ["people"], ["timeline"], ["projects"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--unpaged", action="store_true", help="also whole lists, once each")
    args = parser.parse_args()
    hz = [str(Path(sys.executable).with_name("hz"))]
    env = {k: v for k, v in os.environ.items() if not k.startswith("HZ_")}
    print(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    machine = f"{os.cpu_count()} CPUs, {platform.platform()}"
    print(f"- machine: {machine}, Python {platform.python_version()}")
    print(f"- command: `python bench/lists.py {shlex.join(sys.argv[1:])}`")
    print()
    print("| facts | command | median s | min s | peak MB | runs |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        path = store(size, sys.executable)
        with tempfile.TemporaryDirectory(prefix="hz-bench-") as cache:
            run_env = {**env, "XDG_CACHE_HOME": cache}
            measured([*hz, "--db", str(path), "index"], run_env)
            unpaged = [(c, 1) for c in UNPAGED] if args.unpaged else []
            for command, runs in [*((c, args.runs) for c in COMMANDS), *unpaged]:
                argv = [*hz, "--db", str(path), *command, "--json"]
                times, peaks = [], []
                for _ in range(runs):
                    took, mb, _ = measured(argv, run_env)
                    times.append(took)
                    peaks.append(mb)
                print(
                    f"| {size:,} | `hz {shlex.join(command)}` | {statistics.median(times):.3f} | "
                    f"{min(times):.3f} | {max(peaks):.0f} | {runs} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
