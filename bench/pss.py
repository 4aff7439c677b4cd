"""Run a command and report its wall time and the peak of the summed proportional set size
(PSS) of it and every process under it, sampled from ``/proc/PID/smaps_rollup``.

A build that forks shares pages with its child until either writes them: the resident sizes
of the two count those pages twice, their PSS once. Linux only.

    python bench/pss.py -- hz --db /tmp/f1m.json index
    python bench/pss.py --every 0.1 -- hz --db /tmp/s.json add tests/articles/*.txt
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    """Every process under ``pid``, from the kernel's list of each task's children."""
    out: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for kid in map(int, kids):
                out.append(kid)
                todo.append(kid)
    return out


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0  # it ended between the listing and the reading
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=0.25, help="seconds between samples")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    start = time.perf_counter()
    proc = subprocess.Popen(command)
    peak = 0
    most = 1
    while proc.poll() is None:
        pids = [proc.pid, *_children(proc.pid)]
        peak = max(peak, sum(_pss_kb(p) for p in pids))
        most = max(most, len(pids))
        time.sleep(args.every)
    wall = time.perf_counter() - start
    print(
        f"{wall:.1f} s, peak summed PSS {peak / 1024:.0f} MB over up to {most} processes, "
        f"exit {proc.returncode}",
        file=sys.stderr,
    )
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
