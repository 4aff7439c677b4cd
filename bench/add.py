"""Time ``hz add`` of many articles into a new store, and one article cold; print the figures.

    python bench/add.py                 # 1000 articles (the test articles, each copied with a
                                        # line of its own so that every copy is a new source)
    python bench/add.py --articles 200  # fewer

Each run uses a fresh store (``hz init --empty``, else ``hz init``) in a temporary directory.
Reported: wall time and the peak resident memory of the ``hz add`` process and its children
(``ru_maxrss`` of the children, the largest of them), and the cold time of ``hz extract`` on
one article of about 3,000 characters, tagger load included. A report, not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def hz() -> str:
    found = Path(sys.executable).with_name("hz")
    return str(found) if found.exists() else shutil.which("hz") or "hz"


def make_articles(directory: Path, count: int) -> list[Path]:
    sources = sorted((ROOT / "tests" / "articles").glob("*.txt"))
    texts = []
    for path in sources:
        raw = path.read_bytes()
        for codec in ("utf-8-sig", "gb18030"):
            try:
                texts.append(raw.decode(codec))
                break
            except UnicodeDecodeError:
                continue
    out = []
    for i in range(count):
        path = directory / f"article-{i:05d}.txt"
        path.write_text(texts[i % len(texts)] + f"\n\n（本文第{i}次转载。）\n", encoding="utf-8")
        out.append(path)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        env = {**os.environ, "XDG_DATA_HOME": str(base / "xdg"), "XDG_CACHE_HOME": str(base / "c")}
        env.pop("HZ_DB", None)
        db = base / "store.json"
        init = subprocess.run(
            [hz(), "--db", str(db), "init", "--empty"], env=env, capture_output=True
        )
        if init.returncode != 0:
            subprocess.run(
                [hz(), "--db", str(db), "init"], env=env, check=True, capture_output=True
            )
        one = ROOT / "data" / "source" / "qingdao-hitech-zone-2026.txt"
        started = time.perf_counter()
        subprocess.run([hz(), "extract", str(one)], env=env, check=True, capture_output=True)
        cold = time.perf_counter() - started
        files = make_articles(base, args.articles)
        started = time.perf_counter()
        done = subprocess.run(
            [hz(), "--db", str(db), "add", *map(str, files)],
            env=env,
            capture_output=True,
            text=True,
        )
        took = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        lines = done.stdout.strip().splitlines()
        print(
            f"hz extract, one article of {len(one.read_text(encoding='utf-8')):,} characters, "
            f"cold: {cold:.2f} s"
        )
        print(
            f"hz add of {args.articles} articles: {took:.1f} s, exit {done.returncode}, "
            f"peak {peak:.0f} MB (largest process)"
        )
        print(
            f"store: {db.stat().st_size / 1e6:.1f} MB; "
            f"last line: {lines[-1] if lines else done.stderr[-200:]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
