"""Time hz against ``python -c pass`` and ``jq``, and at growing store sizes; write a report.

Run from the project root with the interpreter hz is installed in::

    python bench/run.py                      # everything (about 5-10 minutes)
    python bench/run.py --sizes 1000,10000   # a quick look
    python bench/run.py --no-scale           # start-up only

Start-up: each command runs ``--runs`` times (default 40), interleaved so that machine noise
hits every command alike, after ``--warmup`` runs that are not counted; the figure is the median
wall time of a fresh process, and its ratio to ``python -c pass`` in the same run. The shipped
store is used (``HZ_DB`` unset, ``XDG_DATA_HOME`` pointed at an empty directory). If
``hyperfine`` is installed its own table of the same commands is added (``--no-hyperfine`` skips
it); the harness needs nothing but Python.

Scale: for each size a synthetic store is made with ``bench/make_store.py`` (kept in
``bench/stores/`` and reused while the template is unchanged), then ``hz --db FILE company
小优智能 --json`` runs a few times; the figures are the median wall time and the child's peak
resident memory (``ru_maxrss`` from ``wait4``). ``jq`` answers the same question once per size.

The report goes to ``bench/results/latest.md`` (``--out``). Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_store  # noqa: E402  (bench/ is not a package; make_store sits beside this file)

NAME = "小优智能"
JQ_FILTER = f'.entities[] | select(.name=="{NAME}")'
DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
# Goals from issue 7, as ratios to `python -c pass` and as limits at a store size.
STARTUP_GOALS = {"company": 5.0, "projects": 9.0}
SCALE_GOALS = {100_000: (0.5, 300.0), 1_000_000: (5.0, None)}


@dataclass(frozen=True)
class Cmd:
    key: str
    label: str
    argv: list[str]


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int


def run_once(argv: Sequence[str], env: dict[str, str]) -> Run:
    """One fresh process, output discarded; its wall time and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode)


def find_hz(given: str | None) -> str:
    if given:
        return given
    beside = Path(sys.executable).with_name("hz")
    found = str(beside) if beside.exists() else shutil.which("hz")
    if not found:
        sys.exit("bench: cannot find hz; install the project or pass --hz PATH")
    return found


def bench_env(tmp: Path) -> dict[str, str]:
    """The environment of a user's shell: no HZ_DB, no user store, byte-code cached.

    An installed hz has its byte-code compiled; here it is cached outside the source tree
    (the warm-up runs write it), since PYTHONDONTWRITEBYTECODE would otherwise make every run
    compile hz from source. Output is block-buffered, as it is without PYTHONUNBUFFERED.
    """
    dropped = ("HZ_DB", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    (tmp / "data").mkdir()
    env["XDG_DATA_HOME"] = str(tmp / "data")  # no user store: hz reads the shipped one
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def startup_commands(hz: str, python: str, typer_path: bool) -> list[Cmd]:
    cmds = [
        Cmd("pass", "python -c pass", [python, "-c", "pass"]),
        Cmd("company", f"hz company {NAME} --json", [hz, "company", NAME, "--json"]),
        Cmd(
            "projects",
            "hz projects --min-invest 2亿 (table)",
            [hz, "projects", "--min-invest", "2亿"],
        ),
    ]
    if typer_path:
        # The same lookup through the Typer app, skipping any fast path in __main__.
        code = "from hightech_cli.cli import app; app()"
        cmds.append(
            Cmd(
                "company-typer",
                f"hz company {NAME} --json, through Typer",
                [python, "-c", code, "company", NAME, "--json"],
            )
        )
    jq = shutil.which("jq")
    if jq:
        cmds.append(
            Cmd("jq", f"jq '{JQ_FILTER}' data/facts.json", [jq, JQ_FILTER, "data/facts.json"])
        )
    return cmds


def bench_startup(
    cmds: list[Cmd], runs: int, warmup: int, env: dict[str, str]
) -> dict[str, list[float]]:
    for cmd in cmds:
        for _ in range(warmup):
            first = run_once(cmd.argv, env)
            if first.returncode != 0:
                sys.exit(f"bench: {cmd.label} exited {first.returncode}")
    samples: dict[str, list[float]] = {c.key: [] for c in cmds}
    for _ in range(runs):
        for cmd in cmds:
            samples[cmd.key].append(run_once(cmd.argv, env).seconds * 1000)
    return samples


def startup_table(cmds: list[Cmd], samples: dict[str, list[float]]) -> list[str]:
    base = statistics.median(samples["pass"])
    lines = [
        "| command | median ms | min ms | x `python -c pass` | goal |",
        "|---|---:|---:|---:|---|",
    ]
    for cmd in cmds:
        ms = statistics.median(samples[cmd.key])
        ratio = ms / base
        goal = STARTUP_GOALS.get(cmd.key)
        verdict = f"<= {goal:g}x: {'met' if ratio <= goal else 'NOT met'}" if goal else ""
        label = cmd.label.replace("|", "\\|")  # a bare | would end the table cell
        lines.append(
            f"| `{label}` | {ms:.1f} | {min(samples[cmd.key]):.1f} | {ratio:.1f} | {verdict} |"
        )
    return lines


def hyperfine_table(cmds: list[Cmd], runs: int, warmup: int, env: dict[str, str]) -> list[str]:
    exe = shutil.which("hyperfine")
    if not exe:
        return ["(hyperfine is not installed; skipped)"]
    with tempfile.TemporaryDirectory() as tmp:
        md = Path(tmp) / "hyperfine.md"
        argv = [
            exe,
            "-N",
            "--warmup",
            str(warmup),
            "--runs",
            str(runs),
            "--export-markdown",
            str(md),
        ]
        for cmd in cmds:
            argv += ["--command-name", cmd.label, shlex.join(cmd.argv)]
        done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not md.exists():
            return [f"(hyperfine failed: {done.stderr.strip().splitlines()[-1:]})"]
        return md.read_text(encoding="utf-8").strip().splitlines()


def ensure_store(facts: int, regenerate: bool) -> tuple[Path, float | None]:
    """The store of ``facts`` facts, made if missing or older than its inputs."""
    path = make_store.store_path(facts)
    inputs = (make_store.TEMPLATE, Path(make_store.__file__))
    stale = not path.exists() or any(p.stat().st_mtime > path.stat().st_mtime for p in inputs)
    if not (stale or regenerate):
        return path, None
    start = time.perf_counter()
    make_store.write_store(path, facts, make_store.Template(make_store.TEMPLATE))
    return path, time.perf_counter() - start


def store_rows(facts: int) -> tuple[int, int]:
    """How many entities and blocks make_store writes beside ``facts`` facts."""
    t = make_store.Template(make_store.TEMPLATE)
    copies = t.copies(facts)
    per_copy = len(t.entities) - len(t.fixed)
    return len(t.entities) + (copies - 1) * per_copy, copies * len(t.blocks)


def scale_runs(facts: int, runs: int) -> int:
    if facts >= 1_000_000:
        return max(1, min(runs, 3))
    if facts >= 100_000:
        return max(1, min(runs, 5))
    return max(1, min(runs, 10))


def bench_scale(
    hz: str, sizes: Sequence[int], runs: int, env: dict[str, str], regenerate: bool, check: bool
) -> list[str]:
    jq = shutil.which("jq")
    lines = [
        "| facts | entities | blocks | file MB | made in s | valid | hz median s | hz peak RSS MB "
        "| runs | jq s | jq RSS MB | goal |",
        "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for facts in sizes:
        path, made = ensure_store(facts, regenerate)
        entities, blocks = store_rows(facts)
        valid = ""
        if check:
            done = run_once([hz, "--db", str(path), "check"], env)
            valid = "yes" if done.returncode == 0 else f"NO (exit {done.returncode})"
        argv = [hz, "--db", str(path), "company", NAME, "--json"]
        n = scale_runs(facts, runs)
        results = [run_once(argv, env) for _ in range(n)]
        if any(r.returncode != 0 for r in results):
            sys.exit(f"bench: {shlex.join(argv)} failed")
        secs = statistics.median(r.seconds for r in results)
        rss = statistics.median(r.max_rss_mb for r in results)
        jq_s = jq_rss = ""
        if jq:
            j = run_once([jq, JQ_FILTER, str(path)], env)
            jq_s, jq_rss = f"{j.seconds:.2f}", f"{j.max_rss_mb:.0f}"
        goal = ""
        if facts in SCALE_GOALS:
            limit_s, limit_mb = SCALE_GOALS[facts]
            ok = secs <= limit_s and (limit_mb is None or rss <= limit_mb)
            wanted = f"<= {limit_s:g} s" + (f", <= {limit_mb:g} MB" if limit_mb else "")
            goal = f"{wanted}: {'met' if ok else 'NOT met'}"
        size_mb = path.stat().st_size / 1e6
        made_s = f"{made:.1f}" if made is not None else "(kept)"
        lines.append(
            f"| {facts:,} | {entities:,} | {blocks:,} | {size_mb:.1f} | {made_s} | {valid} "
            f"| {secs:.3f} | {rss:.0f} | {n} | {jq_s} | {jq_rss} | {goal} |"
        )
        print(lines[-1], file=sys.stderr)
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    py = platform.python_version()
    return f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, Python {py}"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for dist in ("hightech-cli", "typer", "rich", "tinydb", "orjson"):
        try:
            found.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            found.append(f"{dist} (not installed)")
    return ", ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="start-up runs per command")
    parser.add_argument("--warmup", type=int, default=3, help="uncounted runs per command")
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated fact counts for the scale runs",
    )
    parser.add_argument("--no-scale", action="store_true", help="skip the store-size runs")
    parser.add_argument("--no-hyperfine", action="store_true", help="skip hyperfine")
    parser.add_argument("--no-check", action="store_true", help="do not run 'hz check' on stores")
    parser.add_argument("--regenerate", action="store_true", help="remake the synthetic stores")
    parser.add_argument("--hz", help="the hz to time (default: beside this Python, else PATH)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.md")
    parser.add_argument("--title", default="hz benchmarks", help="heading of the report")
    args = parser.parse_args(argv)

    hz = find_hz(args.hz)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    report = [
        f"# {args.title}",
        "",
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {machine()}",
        f"- packages: {versions()}",
        f"- command: `{shlex.join(['python', *sys.argv])}` (python = `{sys.executable}`)",
        "- environment: byte-code cached (`PYTHONPYCACHEPREFIX`), `HZ_DB`, "
        "`PYTHONDONTWRITEBYTECODE` and `PYTHONUNBUFFERED` unset; output to /dev/null",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(Path(tmp))
        cmds = startup_commands(hz, sys.executable, typer_path=True)
        print(f"start-up: {len(cmds)} commands x {args.runs} runs", file=sys.stderr)
        samples = bench_startup(cmds, args.runs, args.warmup, env)
        report += [
            f"## Start-up: shipped store, median of {args.runs} interleaved runs",
            "",
            *startup_table(cmds, samples),
            "",
        ]
        if not args.no_hyperfine:
            print("hyperfine ...", file=sys.stderr)
            report += [
                "## The same commands under hyperfine (mean ± σ)",
                "",
                *hyperfine_table(cmds, args.runs, args.warmup, env),
                "",
            ]
        if not args.no_scale and sizes:
            report += [
                f"## Store size: `hz --db FILE company {NAME} --json`",
                "",
                "Stores from `bench/make_store.py` (the shipped store repeated, see its "
                "docstring); `valid` is `hz --db FILE check`; RSS is the peak resident memory "
                "of the process.",
                "",
                *bench_scale(hz, sizes, args.runs, env, args.regenerate, not args.no_check),
                "",
            ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
