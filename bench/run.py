"""Time hz against ``python -c pass`` and ``jq``, and at growing store sizes; write a report.

Run from the project root with the interpreter hz is installed in::

    python bench/run.py                      # everything (about 20 minutes)
    python bench/run.py --sizes 1000,10000   # a quick look
    python bench/run.py --no-scale           # start-up only
    python bench/run.py --no-import          # no 'hz import' runs (10 of the 20 minutes)

Start-up: each command runs ``--runs`` times (default 40), interleaved so that machine noise
hits every command alike, after ``--warmup`` runs that are not counted; the figure is the median
wall time of a fresh process, and its ratio to ``python -c pass`` in the same run. The shipped
store is used (``HZ_DB`` unset, ``XDG_DATA_HOME`` pointed at an empty directory). If
``hyperfine`` is installed its own table of the same commands is added (``--no-hyperfine`` skips
it); the harness needs nothing but Python.

Scale: for each size a synthetic store is made with ``bench/make_store.py`` (kept in
``bench/stores/`` and reused while the template is unchanged), then ``hz --db FILE company
小优智能 --json`` runs in three ways, and ``hz --db FILE index`` builds the index, each a few
times; the figures are the median wall time and the child's peak resident memory
(``ru_maxrss`` from ``wait4``):

- *no index*: ``HZ_INDEX_MIN_BYTES`` set beyond the file, so the whole file is decoded with the
  standard library, as hz did before it had an index or a scan;
- *first lookup*: a lookup of a store with no index, with an empty cache directory
  (``XDG_CACHE_HOME``, a new one per run): it reads the file through ``scan.py`` (msgspec,
  decoding only the rows it needs) and writes nothing. Checked after every run: no index file
  (``*.sqlite``) appeared under ``$XDG_CACHE_HOME/hz`` (column *writes*);
- *hz index*: ``hz --db FILE index``, with an empty cache directory per run, once the store's
  time stamp is old enough (``settle``) for it not to wait; *index MB* is the file it wrote;
- *indexed*: every lookup after ``hz index`` built the index, answered from it.

Checked: the first lookup and the indexed one print what the no-index one prints (*same
answer*). Stores under the index threshold (5 MB) never use an index or the scan: their lookup
figures are one, and ``hz index`` writes nothing. ``jq`` answers the same question once per size.

Written by ``hz import``: for each size at or above the threshold, the store is also made the
way a user would make it, ``hz --db NEW init`` then ``hz --db NEW import facts-N.jsonl`` (the
``hz export --format jsonl`` of the generated store, kept beside it), with an empty cache
directory; the import writes the index (``transfer.py``). Timed: that import, and the first
lookup after it. Checked: the index file is still as the import wrote it after the lookup (no
lookup writes an index), and the lookup prints what the generated store answers without an
index. An import is skipped when the one at the size before, scaled linearly (a lower bound:
hz's import is not linear), would take more than ``--import-limit`` seconds or
``--import-max-gb`` GB, and killed if it runs past the time limit.

The report goes to ``bench/results/latest.md`` (``--out``). Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import select
import shlex
import shutil
import signal
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
try:  # hz's own thresholds, when the hz being timed is the one installed here
    from hightech_cli.store.indexing import RACY_SECONDS  # a newer store is not indexed yet
    from hightech_cli.store.location import INDEX_MIN_BYTES
except ImportError:
    INDEX_MIN_BYTES, RACY_SECONDS = 5_000_000, 2


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


# Runs a command from a small, fresh Python and reports its wall time, peak RSS and status on
# a pipe. A child's ru_maxrss counts the memory of the process it was forked from (Linux keeps
# the old image's high-water mark across exec), so a child of this harness (some 25 MB) could
# never show less; a child of `python -S` shows its own figure down to about 9 MB.
_LAUNCHER = """
import os, sys, time
fd, argv = int(sys.argv[1]), sys.argv[2:]
os.set_inheritable(fd, False)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
os.write(fd, f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""


def run_measured(
    argv: Sequence[str], env: dict[str, str], timeout: float | None = None
) -> Run | None:
    """As ``run_once``, with the child's own peak RSS (see ``_LAUNCHER``).

    With ``timeout``, a command still running after that many seconds is killed (the launcher
    and the command, a session of their own) and None returned.
    """
    read, write = os.pipe()
    launcher = [sys.executable, "-S", "-c", _LAUNCHER, str(write), *argv]
    with subprocess.Popen(
        launcher,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        pass_fds=(write,),
        start_new_session=timeout is not None,
    ) as proc:
        os.close(write)
        with os.fdopen(read, "rb") as report:
            if timeout is not None and not select.select([report], [], [], timeout)[0]:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return None
            seconds, rss_kb, code = report.read().split()
    if proc.returncode != 0:
        sys.exit(f"bench: the launcher failed for {shlex.join(argv)}")
    return Run(float(seconds), int(rss_kb) / 1024, int(code))


def measured(argv: Sequence[str], env: dict[str, str]) -> Run:
    """``run_measured`` without a time limit."""
    run = run_measured(argv, env)
    assert run is not None  # only a timeout gives None
    return run


def find_hz(given: str | None) -> str:
    if given:
        return given
    beside = Path(sys.executable).with_name("hz")
    found = str(beside) if beside.exists() else shutil.which("hz")
    if not found:
        sys.exit("bench: cannot find hz; install the project or pass --hz PATH")
    return found


def bench_env(tmp: Path) -> dict[str, str]:
    """The environment of a user's shell: no HZ_DB, no user store, hz's own index threshold,
    byte-code cached.

    An installed hz has its byte-code compiled; here it is cached outside the source tree
    (the warm-up runs write it), since PYTHONDONTWRITEBYTECODE would otherwise make every run
    compile hz from source. Output is block-buffered, as it is without PYTHONUNBUFFERED.
    """
    dropped = ("HZ_DB", "HZ_INDEX_MIN_BYTES", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")
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
        code = "from hightech_cli.cli.app import app; app()"
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


def scale_runs(facts: int, runs: int) -> dict[str, int]:
    """Runs per way at this size: the slow ways run less often on big stores."""
    if facts >= 1_000_000:
        slow, first = 1, 3
    elif facts >= 100_000:
        slow, first = 3, 5
    else:
        slow, first = 5, 5
    return {
        "no index": min(runs, slow),
        "first lookup": min(runs, first),
        "hz index": min(runs, slow),
        "indexed": min(runs, 10),
    }


def index_files(cache: Path) -> list[Path]:
    """The index files hz left under this ``XDG_CACHE_HOME`` (temporaries of one included)."""
    hz_dir = cache / "hz"
    if not hz_dir.is_dir():
        return []
    return sorted(p for p in hz_dir.rglob("*") if ".sqlite" in p.name and p.is_file())


@dataclass(frozen=True)
class Figure:
    seconds: float
    rss_mb: float
    runs: int
    # With a fresh cache per run: the sizes of the index files each run left in it.
    left: tuple[tuple[int, ...], ...] = ()
    kept: Path | None = None  # the last run's cache directory, if asked to keep it

    def cells(self) -> str:
        return f"{self.seconds:.3f} | {self.rss_mb:.0f}"


def timed(
    argv: list[str],
    env: dict[str, str],
    runs: int,
    fresh_cache: Path | None,
    *,
    keep_last: bool = False,
) -> Figure:
    """Median time and peak RSS of ``runs`` runs.

    With ``fresh_cache``, each run gets a new empty cache directory under it
    (``XDG_CACHE_HOME``), and what index files the run left there is recorded (``Figure.left``)
    before the directory is deleted; with ``keep_last``, the last run's is kept
    (``Figure.kept``) for the caller to use and delete.
    """
    results = []
    left = []
    kept = None
    for i in range(max(1, runs)):
        cache = None
        if fresh_cache is not None:
            cache = fresh_cache / f"cache-{i}"
            cache.mkdir(parents=True)
            env = {**env, "XDG_CACHE_HOME": str(cache)}
        results.append(measured(argv, env))
        if cache is not None:
            left.append(tuple(p.stat().st_size for p in index_files(cache)))
            if keep_last and i == max(1, runs) - 1:
                kept = cache
            else:
                shutil.rmtree(cache, ignore_errors=True)  # about 1.2 GB at 1,000,000 facts
        if results[-1].returncode != 0:
            sys.exit(f"bench: {shlex.join(argv)} failed")
    return Figure(
        statistics.median(r.seconds for r in results),
        statistics.median(r.max_rss_mb for r in results),
        len(results),
        tuple(left),
        kept,
    )


def settle(path: Path) -> None:
    """Wait until the store is old enough to be indexed (``hz index`` waits for a fresh file
    until then, and would time the wait: see index.py)."""
    wait = path.stat().st_mtime + RACY_SECONDS + 0.5 - time.time()
    if wait > 0:
        time.sleep(wait)


def verdict(facts: int, figure: Figure) -> str:
    limit_s, limit_mb = SCALE_GOALS[facts]
    ok = figure.seconds <= limit_s and (limit_mb is None or figure.rss_mb <= limit_mb)
    return "met" if ok else "NOT met"


def bench_scale(
    hz: str, sizes: Sequence[int], runs: int, env: dict[str, str], regenerate: bool, check: bool
) -> list[str]:
    jq = shutil.which("jq")
    lines = [
        "| facts | entities | blocks | file MB | valid | no index s | MB "
        "| first lookup s | MB | writes | hz index s | MB | index MB | indexed s | MB | runs "
        "| same answer | jq s | jq MB | goal |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---|"
        "---:|---:|---|",
    ]
    scratch = Path(env["XDG_DATA_HOME"]).parent  # the run's temporary directory
    for facts in sizes:
        path, _ = ensure_store(facts, regenerate)
        settle(path)
        big = path.stat().st_size >= INDEX_MIN_BYTES
        entities, blocks = store_rows(facts)
        valid = ""
        if check:
            done = run_once([hz, "--db", str(path), "check"], env)
            valid = "yes" if done.returncode == 0 else f"NO (exit {done.returncode})"
        lookup = [hz, "--db", str(path), "company", NAME, "--json"]
        n = scale_runs(facts, runs)
        whole_env = {**env, "HZ_INDEX_MIN_BYTES": str(1 << 62)}
        off = timed(lookup, whole_env, n["no index"], None)
        first = timed(lookup, env, n["first lookup"], scratch / f"first-{facts}")
        settle(path)  # hz index would wait for a fresh file, and the wait would be timed
        build = timed(
            [hz, "--db", str(path), "index"],
            env,
            n["hz index"],
            scratch / f"index-{facts}",
            keep_last=True,  # the index the indexed lookups read
        )
        assert build.kept is not None
        indexed_cache = build.kept
        indexed_env = {**env, "XDG_CACHE_HOME": str(indexed_cache)}
        indexed_built = bool(index_files(indexed_cache))
        warm = timed(lookup, indexed_env, n["indexed"], None)
        # The answers: without an index, a first lookup (its cache checked as the timed ones
        # are), and from the index.
        first_cache = scratch / f"first-{facts}-answer"
        first_cache.mkdir()
        answers = {
            "first lookup": answer(lookup, {**env, "XDG_CACHE_HOME": str(first_cache)}),
            "indexed": answer(lookup, indexed_env),
        }
        lookup_left = [*first.left, tuple(p.stat().st_size for p in index_files(first_cache))]
        shutil.rmtree(first_cache, ignore_errors=True)
        shutil.rmtree(indexed_cache, ignore_errors=True)
        expected = answer(lookup, whole_env)
        differ = [way for way, text in answers.items() if text != expected]
        same = "yes" if not differ else "NO: " + ", ".join(differ)
        wrote = sum(1 for files in lookup_left if files)
        writes = "none" if not wrote else f"INDEX WRITTEN ({wrote} of {len(lookup_left)} runs)"
        sizes_mb = [sum(files) / 1e6 for files in build.left if files]
        if not big:
            index_mb = "none" if not sizes_mb and not indexed_built else "WRITTEN"
        elif len(sizes_mb) == len(build.left) and indexed_built:
            index_mb = f"{statistics.median(sizes_mb):.1f}"
        else:
            index_mb = "NOT WRITTEN"
        jq_s = jq_rss = ""
        if jq:
            j = measured([jq, JQ_FILTER, str(path)], env)
            jq_s, jq_rss = f"{j.seconds:.2f}", f"{j.max_rss_mb:.0f}"
        goal = ""
        if facts in SCALE_GOALS:
            limit_s, limit_mb = SCALE_GOALS[facts]
            wanted = f"<= {limit_s:g} s" + (f", <= {limit_mb:g} MB" if limit_mb else "")
            goal = f"{wanted}: first lookup {verdict(facts, first)}, indexed {verdict(facts, warm)}"
        size_mb = path.stat().st_size / 1e6
        counts = "/".join(str(f.runs) for f in (off, first, build, warm))
        lines.append(
            f"| {facts:,} | {entities:,} | {blocks:,} | {size_mb:.1f} | {valid} "
            f"| {off.cells()} | {first.cells()} | {writes} | {build.cells()} | {index_mb} "
            f"| {warm.cells()} | {counts} | {same} | {jq_s} | {jq_rss} | {goal} |"
        )
        print(lines[-1], file=sys.stderr)
    return lines


def ensure_jsonl(hz: str, store: Path, env: dict[str, str]) -> Path:
    """``hz export --format jsonl`` of a generated store, kept beside it while it is newer."""
    path = store.with_suffix(".jsonl")
    if path.exists() and path.stat().st_mtime > store.stat().st_mtime:
        return path
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as out:
        argv = [hz, "--db", str(store), "export", "--format", "jsonl"]
        subprocess.run(argv, stdout=out, env=env, cwd=ROOT, check=True)
    tmp.replace(path)
    return path


def answer(argv: list[str], env: dict[str, str]) -> str:
    return subprocess.run(
        argv, env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


@dataclass(frozen=True)
class Imported:
    """One run of ``hz import`` into a new store, and the first lookup after it."""

    load: Run
    lookup: Run
    index_mb: float | None  # the index the import wrote; None if it wrote none
    from_index: bool  # the index was still as the import wrote it after the lookup
    same_answer: bool  # the lookup printed what the generated store answers without an index


def import_once(
    hz: str, source: Path, work: Path, env: dict[str, str], expected: str, limit_s: float
) -> Imported | None:
    """``hz init`` a new store, time ``hz import`` of ``source`` into it, then one lookup."""
    work.mkdir()
    db = work / "facts.json"
    env = {**env, "XDG_CACHE_HOME": str(work / "cache")}
    if run_once([hz, "--db", str(db), "init"], env).returncode != 0:
        sys.exit(f"bench: hz --db {db} init failed")
    try:
        load = run_measured([hz, "--db", str(db), "import", str(source)], env, timeout=limit_s)
        if load is None:
            return None
        if load.returncode != 0:
            sys.exit(f"bench: hz --db {db} import {source} exited {load.returncode}")
        caches = list((work / "cache" / "hz").glob("*.sqlite"))
        before = [(c.stat().st_ino, c.stat().st_mtime_ns) for c in caches]
        argv = [hz, "--db", str(db), "company", NAME, "--json"]
        lookup = measured(argv, env)
        after = [(c.stat().st_ino, c.stat().st_mtime_ns) for c in caches if c.exists()]
        return Imported(
            load,
            lookup,
            sum(c.stat().st_size for c in caches) / 1e6 if caches else None,
            bool(caches) and after == before,
            answer(argv, env) == expected,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_import(
    hz: str, sizes: Sequence[int], env: dict[str, str], limit_s: float, max_gb: float
) -> list[str]:
    lines = [
        "| facts | file MB | import s | import MB | index MB | first lookup s | MB "
        "| from index | same answer | runs |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    scratch = Path(env["XDG_DATA_HOME"]).parent
    last: tuple[int, Run] | None = None
    for facts in sizes:
        store, _ = ensure_store(facts, regenerate=False)
        size_mb = store.stat().st_size / 1e6
        if store.stat().st_size < INDEX_MIN_BYTES:
            continue  # never indexed
        if last is not None:
            scale = facts / last[0]
            need_s, need_gb = last[1].seconds * scale, last[1].max_rss_mb * scale / 1024
            if need_s > limit_s or need_gb > max_gb:
                lines.append(
                    f"| {facts:,} | {size_mb:.1f} | skipped: at least {need_s:,.0f} s and "
                    f"{need_gb:.1f} GB (the {last[0]:,}-fact import scaled linearly; limits "
                    f"{limit_s:g} s, {max_gb:g} GB) | | | | | | | |"
                )
                print(lines[-1], file=sys.stderr)
                continue
        source = ensure_jsonl(hz, store, env)
        expected = answer(
            [hz, "--db", str(store), "company", NAME, "--json"],
            {**env, "HZ_INDEX_MIN_BYTES": str(1 << 62)},
        )
        runs = 3 if facts < 100_000 else 1
        done: list[Imported] = []
        for i in range(runs):
            one = import_once(hz, source, scratch / f"import-{facts}-{i}", env, expected, limit_s)
            if one is None:
                break
            done.append(one)
        if not done:
            lines.append(
                f"| {facts:,} | {size_mb:.1f} | killed after {limit_s:g} s | | | | | | | |"
            )
            print(lines[-1], file=sys.stderr)
            continue
        load = Run(
            statistics.median(d.load.seconds for d in done),
            statistics.median(d.load.max_rss_mb for d in done),
            0,
        )
        last = (facts, load)
        index_mb = [d.index_mb for d in done if d.index_mb is not None]
        index_cell = f"{statistics.median(index_mb):.1f}" if len(index_mb) == len(done) else "none"
        lines.append(
            f"| {facts:,} | {size_mb:.1f} | {load.seconds:.2f} | {load.max_rss_mb:.0f} "
            f"| {index_cell} "
            f"| {statistics.median(d.lookup.seconds for d in done):.3f} "
            f"| {statistics.median(d.lookup.max_rss_mb for d in done):.0f} "
            f"| {'yes' if all(d.from_index for d in done) else 'NO'} "
            f"| {'yes' if all(d.same_answer for d in done) else 'NO'} | {len(done)} |"
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
    for dist in ("hightech-cli", "typer", "rich", "tinydb", "msgspec"):
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
    parser.add_argument("--no-import", action="store_true", help="skip the 'hz import' runs")
    parser.add_argument(
        "--import-limit",
        type=float,
        default=900.0,
        help="seconds an 'hz import' may take (projected from the size before, then enforced)",
    )
    parser.add_argument(
        "--import-max-gb", type=float, default=12.0, help="projected peak memory of an import"
    )
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
        "- environment: byte-code cached (`PYTHONPYCACHEPREFIX`), `HZ_DB`, `HZ_INDEX_MIN_BYTES`, "
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
                "docstring); `valid` is `hz --db FILE check`; MB is the peak resident memory "
                "of the process. *No index*: the whole file decoded by the standard library "
                "(`HZ_INDEX_MIN_BYTES` beyond it); *first lookup*: a lookup with no index (an "
                "empty cache directory per run), which reads the file through `scan.py` "
                "(msgspec); *writes*: whether such a lookup left an index file in its cache "
                "directory (it should leave none); *hz index*: `hz --db FILE index`, which "
                "builds the index (an empty cache directory per run), and `index MB` the file "
                "it wrote; *indexed*: lookups after it, from the index. *Same answer*: the "
                "first lookup and the indexed one print what the no-index one prints. `runs`: "
                "no index/first lookup/hz index/indexed. Stores under "
                f"{INDEX_MIN_BYTES // 1_000_000} MB never use an index or the scan (their "
                "lookup figures are one).",
                "",
                *bench_scale(hz, sizes, args.runs, env, args.regenerate, not args.no_check),
                "",
            ]
        if not args.no_scale and not args.no_import and sizes:
            report += [
                "## Written by `hz import`: the import, then the first lookup",
                "",
                "For each store of the table above that is indexed: `hz --db NEW init`, then "
                "`hz --db NEW import facts-N.jsonl` (the `hz export --format jsonl` of that "
                "store) with an empty cache directory, then `hz --db NEW company "
                f"{NAME} --json` once. MB is peak resident memory; `index MB` the index the "
                "import wrote; *from index*: that index was still as the import wrote it "
                "after the lookup (no lookup writes one); *same "
                "answer*: it printed what the generated store answers without an index. "
                "Imports are skipped when the import at the size before, scaled linearly, "
                f"exceeds {args.import_limit:g} s or {args.import_max_gb:g} GB "
                "(`--import-limit`, `--import-max-gb`).",
                "",
                *bench_import(hz, sizes, env, args.import_limit, args.import_max_gb),
                "",
            ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
