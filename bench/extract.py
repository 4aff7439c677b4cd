"""Score ``hz extract`` on the shipped article and the test articles; print the tables.

Run from the project root with the Python hz is installed in::

    python bench/extract.py                   # every article: recall and precision of each
    python bench/extract.py --misses          # and what was missed or found wrongly
    python bench/extract.py --dir DIR         # articles of another directory (same layout)
    python bench/extract.py --speed           # and the time of each extraction

The shipped article is scored against ``data/curated.toml``; every ``NAME.expected.toml`` in
the directory (``tests/articles/`` by default) against its article. How a match is decided is
in ``score.py``. A report, not a test: ``tests/sources/test_extract_quality.py`` holds floors.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import score  # noqa: E402  (bench/ is not a package)
from hightech_cli.sources.article import read_article  # noqa: E402
from hightech_cli.sources.extract import extract  # noqa: E402


def cases(directory: Path, shipped: bool) -> list[tuple[str, Path, dict]]:
    """(label, article file, annotation) for each article to score."""
    out = []
    if shipped:
        with (ROOT / "data" / "curated.toml").open("rb") as fh:
            gold = tomllib.load(fh)
        out.append(("shipped", ROOT / "data" / gold["source"]["file"], gold))
    for expected in sorted(directory.glob("*.expected.toml")):
        with expected.open("rb") as fh:
            gold = tomllib.load(fh)
        label = expected.name.removesuffix(".expected.toml")
        out.append((label, directory / gold["source"]["file"], gold))
    return out


def run(directory: Path, *, shipped: bool = True) -> list[tuple[str, score.Score, float]]:
    out = []
    for label, path, gold in cases(directory, shipped):
        started = time.perf_counter()
        article = read_article(str(path), encoding=None)
        done = extract(article)
        took = time.perf_counter() - started
        out.append((label, score.score(gold, done.records, article.text, label), took))
    return out


def report(results: list[tuple[str, score.Score, float]], *, misses: bool, speed: bool) -> str:
    lines = []
    heads = [name for name, _ in results[0][1].rows()] if results else []
    lines.append("| article | " + " | ".join(heads) + (" | s |" if speed else " |"))
    lines.append("|---" * (len(heads) + 1 + speed) + "|")
    for label, s, took in results:
        cells = [str(c) for _, c in s.rows()]
        lines.append(f"| {label} | " + " | ".join(cells) + (f" | {took:.2f} |" if speed else " |"))
    end = " | |" if speed else " |"
    dev = score.total(s for label, s, _ in results if label != "shipped")
    lines.append("| **all but shipped** | " + " | ".join(str(c) for _, c in dev.rows()) + end)
    everything = score.total(s for _, s, _ in results)
    lines.append("| **all** | " + " | ".join(str(c) for _, c in everything.rows()) + end)
    if misses:
        lines.append("")
        lines += [f"- {m}" for _, s, _ in results for m in s.misses]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "tests" / "articles")
    parser.add_argument("--no-shipped", action="store_true", help="leave the shipped article out")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--speed", action="store_true", help="time each extraction")
    args = parser.parse_args()
    results = run(args.dir, shipped=not args.no_shipped)
    print(report(results, misses=args.misses, speed=args.speed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
