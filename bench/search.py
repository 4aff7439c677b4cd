"""Time ``hz search`` and ``hz index`` on big synthetic stores; print a Markdown report.

Run from the project root with the interpreter hz is installed in::

    python bench/search.py                          # 100,000 and 1,000,000 facts
    python bench/search.py --sizes 100000 --runs 3
    python bench/search.py --hz 'python -m hightech_cli' --pythonpath OTHER/src  # another hz

For each size the store is made by ``bench/make_store.py`` (kept in ``bench/stores/``), its
time stamp set an hour back so that ``hz index`` need not wait, and then:

- ``hz --db FILE index`` runs once with an empty cache directory (``XDG_CACHE_HOME``);
- ``hz --db FILE search TERM --json`` runs ``--runs`` times for each term (a two-, a three- and
  a six-character one, each in many records, and one in none), answered from that index.

Figures: the median wall time of a fresh process and the largest peak resident memory of the
runs (``ru_maxrss`` from ``wait4``). ``hits``: how many rows the search printed (the default
page is 50). Nothing here is asserted; the report goes to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORES = ROOT / "bench" / "stores"
TERMS = ["投资", "高新区", "润扬环境科技", "火星基地"]


def measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """Wall seconds, peak resident MB (``wait4``) and stdout of one run."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{shlex.join(argv)} failed with status {proc.returncode}")
    return took, usage.ru_maxrss / 1024, out


def store(facts: int, python: str) -> Path:
    path = STORES / f"facts-{facts}.json"
    if not path.exists():
        subprocess.run(
            [python, str(ROOT / "bench" / "make_store.py"), "--facts", str(facts)], check=True
        )
    hour_ago = time.time() - 3600
    os.utime(path, (hour_ago, hour_ago))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--hz", default=None, help="command that runs hz (default: the hz beside python)"
    )
    parser.add_argument("--pythonpath", default=None, help="PYTHONPATH for that command")
    parser.add_argument("--terms", default=",".join(TERMS))
    args = parser.parse_args()
    hz = shlex.split(args.hz) if args.hz else [str(Path(sys.executable).with_name("hz"))]
    terms = args.terms.split(",")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("HZ_")}
    if args.pythonpath:
        base_env["PYTHONPATH"] = args.pythonpath
    print(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    machine = f"{os.cpu_count()} CPUs, {platform.platform()}"
    print(f"- machine: {machine}, Python {platform.python_version()}")
    print(f"- command: `python bench/search.py {shlex.join(sys.argv[1:])}`")
    print()
    columns = ["facts", "file MB", "hz index s", "MB", "index MB", "term", "chars"]
    columns += ["search s (median)", "min s", "MB", "hits", "runs"]
    print("| " + " | ".join(columns) + " |")
    print("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        path = store(size, sys.executable)
        with tempfile.TemporaryDirectory(prefix="hz-bench-") as cache:
            env = {**base_env, "XDG_CACHE_HOME": cache}
            took, mb, _ = measured([*hz, "--db", str(path), "index"], env)
            index_mb = sum(p.stat().st_size for p in Path(cache).rglob("*.sqlite")) / 1e6
            file_mb = path.stat().st_size / 1e6
            head = f"| {size:,} | {file_mb:.1f} | {took:.1f} | {mb:.0f} | {index_mb:.0f} "
            for term in terms:
                argv = [*hz, "--db", str(path), "search", term, "--json"]
                times, peaks, hits = [], [], 0
                for _ in range(args.runs):
                    t, m, out = measured(argv, env)
                    times.append(t)
                    peaks.append(m)
                    hits = len(json.loads(out))
                print(
                    f"{head}| {term} | {len(term)} | {statistics.median(times):.3f} | "
                    f"{min(times):.3f} | {max(peaks):.0f} | {hits} | {args.runs} |",
                    flush=True,
                )
                head = "| | | | | "


if __name__ == "__main__":
    main()
