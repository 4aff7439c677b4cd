"""Time ``hz export -f sqlite`` and weigh what it writes, at the shipped size and bigger.

Run: ``python bench/sqlite_export.py`` (shipped store and 100,000 facts, 3 runs each) or
``python bench/sqlite_export.py --sizes 100000,1000000 --runs 1``. Writes
``results/sqlite-export.md``.

For each store (the shipped one, then synthetic ones from ``make_store.py``, made once under
``bench/stores/``) the export runs ``--runs`` times into a fresh directory; the figures are the
median wall time, CPU time and peak resident memory of the ``hz`` process (``run.measured``), the
database and metadata sizes, and, from the last database, how long SQLite takes to answer
the search Datasette makes for a three-character term (median of 20), and the row counts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import make_store
from run import bench_env, find_hz, measured

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "sqlite-export.md"
SEARCH = "高新区"


def store_for(size: int | None) -> Path:
    if size is None:
        return ROOT / "data" / "facts.json"
    path = make_store.store_path(size)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        make_store.write_store(path, size, make_store.Template(make_store.TEMPLATE))
    return path


def search_ms(db: Path) -> float:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sql = (
        "SELECT count(*) FROM facts WHERE rowid IN "
        "(SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?)"
    )
    times = []
    for _ in range(20):
        start = time.perf_counter()
        conn.execute(sql, (f'"{SEARCH}"',)).fetchone()
        times.append(time.perf_counter() - start)
    conn.close()
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000", help="synthetic store sizes, in facts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hz", help="the hz to run (default: beside this Python)")
    args = parser.parse_args(argv)
    hz = find_hz(args.hz)
    sizes: list[int | None] = [None, *(int(s) for s in args.sizes.split(",") if s)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = bench_env(tmp)
        for size in sizes:
            store = store_for(size)
            runs, cpu = [], []
            for i in range(args.runs):
                out = tmp / f"run-{size}-{i}" / "corpus.db"
                out.parent.mkdir()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                run = measured([hz, "--db", str(store), "export", "-f", "sqlite", str(out)], env)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                if run.returncode != 0:
                    sys.exit(f"bench: the export of {store} failed ({run.returncode})")
                runs.append(run)
            with sqlite3.connect(f"file:{out}?mode=ro", uri=True) as conn:
                counts = {
                    t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                    for t in ("entities", "facts", "blocks")
                }
                try:  # where the bytes go, where SQLite has the dbstat table
                    parts = conn.execute(
                        "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6"
                    ).fetchall()
                except sqlite3.Error:
                    parts = []
            meta = out.with_name("corpus.metadata.json")
            json.loads(meta.read_text(encoding="utf-8"))  # it is JSON
            rows.append(
                {
                    "store": "shipped" if size is None else f"{size:,} facts",
                    "store_mb": store.stat().st_size / 1e6,
                    "seconds": statistics.median(r.seconds for r in runs),
                    "cpu": statistics.median(cpu),
                    "rss_mb": statistics.median(r.max_rss_mb for r in runs),
                    "db_mb": out.stat().st_size / 1e6,
                    "meta_kb": meta.stat().st_size / 1e3,
                    "search_ms": search_ms(out),
                    "parts": ", ".join(f"{n} {b / 1e6:.2f}" for n, b in parts),
                    **counts,
                }
            )
            print(rows[-1], flush=True)
    lines = [
        "# hz export -f sqlite",
        "",
        f"`python bench/sqlite_export.py --sizes {args.sizes} --runs {args.runs}`, "
        f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} cores (shared, loaded: compare "
        "ratios, not seconds). Median of the runs: wall time, CPU time (user and system, less "
        "hurt by the load) and peak RSS of the hz process; "
        f"search is SQLite answering Datasette's query for `{SEARCH}` on the written database.",
        "",
        "| store | store MB | facts | entities | blocks | export s | CPU s | peak MB "
        "| database MB | metadata kB | search ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['store']} | {r['store_mb']:.1f} | {r['facts']:,} | {r['entities']:,} "
            f"| {r['blocks']:,} | {r['seconds']:.2f} | {r['cpu']:.2f} | {r['rss_mb']:.0f} "
            f"| {r['db_mb']:.1f} "
            f"| {r['meta_kb']:.1f} | {r['search_ms']:.2f} |"
        )
    lines += ["", "Largest parts of each database, MB (SQLite's dbstat):", ""]
    lines += [f"- {r['store']}: {r['parts'] or 'dbstat not available'}" for r in rows]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
