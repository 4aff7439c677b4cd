"""Time a missed name's did-you-mean, and a hit, on big synthetic stores with the index; print a
Markdown report.

Run from the project root with the interpreter hz is installed in::

    python bench/misses.py                          # 100,000 and 1,000,000 facts
    python bench/misses.py --sizes 100000 --runs 5
    python bench/misses.py --hz OTHER/hz --stderr-to DIR   # another hz; keep each error line
    python bench/misses.py --stores /tmp/a.json,/tmp/b.json --cache DIR  # these files, as they are

Stores come from ``bench/make_store.py`` (kept in ``bench/stores/``), as ``bench/lists.py``
makes them, with their index written first by ``hz index`` into a fresh cache directory
(``--cache DIR`` reuses one, for an index already built; ``--stores`` names store files to use
as they are, their time stamp already old enough for ``hz index``). Each command runs
``--runs`` times as a fresh process with ``--json``; a miss ends with status 1 and its error
line on stderr, a hit with status 0. The report gives the median wall time and the largest peak
resident memory
(``ru_maxrss`` from ``wait4``), and the error line, which must be the same from run to run.
``--stderr-to DIR`` writes it to a file per size and command, to compare two versions of hz byte
for byte. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import measured, store  # this folder's own helpers

COMMANDS = [
    ["company", "小优智能"],  # hits, for comparison: company has a start-up path, the others
    ["people", "徐凯"],  # go through the Typer app
    ["policies", "高新贷"],
    ["company", "小尤智能"],
    ["people", "不存在的人"],
    ["policies", "高新代"],
    ["people", "徐恺"],
    ["company", "xiaoyouzhineg"],
    ["people", "xukia"],
    ["company", "AstraZenca"],
]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, bytes]:
    """Wall seconds, peak resident MB, exit status and stderr of one run."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - started
    return took, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--stores", default=None, help="store files instead of --sizes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hz", default=None, help="the hz command (default: beside python)")
    parser.add_argument("--cache", default=None, help="XDG_CACHE_HOME with the index built")
    parser.add_argument("--stderr-to", default=None, help="directory for each error line")
    args = parser.parse_args()
    hz = shlex.split(args.hz) if args.hz else [str(Path(sys.executable).with_name("hz"))]
    env = {k: v for k, v in os.environ.items() if not k.startswith("HZ_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte-code cached, as in an installed hz
    print(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    machine = f"{os.cpu_count()} CPUs, {platform.platform()}"
    print(f"- machine: {machine}, Python {platform.python_version()}")
    print(f"- load: {os.getloadavg()[0]:.2f} (1 min average at the start)")
    print(f"- command: `python bench/misses.py {shlex.join(sys.argv[1:])}`")
    print()
    print("| store | command | median s | min s | peak MB | runs | stderr |")
    print("|---:|---|---:|---:|---:|---:|---|")
    if args.stores:
        paths = [(Path(p).name, Path(p)) for p in args.stores.split(",")]
    else:
        paths = [(f"{int(s):,}", store(int(s), sys.executable)) for s in args.sizes.split(",")]
    for size, path in paths:
        with tempfile.TemporaryDirectory(prefix="hz-bench-") as fresh:
            run_env = {**env, "XDG_CACHE_HOME": args.cache or fresh}
            if args.cache is None:
                measured([*hz, "--db", str(path), "index"], run_env)
            for command in COMMANDS:
                argv = [*hz, "--db", str(path), *command, "--json"]
                times, peaks, errs = [], [], set()
                for _ in range(args.runs):
                    took, mb, _, err = run(argv, run_env)
                    times.append(took)
                    peaks.append(mb)
                    errs.add(err)
                if args.stderr_to:
                    out = Path(args.stderr_to) / f"{size}-{'-'.join(command)}.txt"
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(b"".join(sorted(errs)))
                said = " / ".join(e.decode("utf-8", "replace").strip() for e in sorted(errs))
                print(
                    f"| {size} | `hz {shlex.join(command)}` | {statistics.median(times):.3f} | "
                    f"{min(times):.3f} | {max(peaks):.0f} | {args.runs} | {said or '(none)'} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
