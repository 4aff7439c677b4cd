"""How much of what hz extracts from an article it still extracts from the same article written
in traditional characters.

Run from the project root with the Python hz is installed in::

    python bench/traditional.py

Each UTF-8 development article (``tests/articles/*.txt`` and the shipped one) is rewritten in
traditional characters with OpenCC's table of simplified characters and their traditional
forms (the first form of each, one character for one), and both are read by the rules alone.
An entity is the same where its kind and id are; a fact where its kind, subject, number, unit
and quote (read back in simplified characters) are. A report, not a test
(``bench/results/extract.md``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hightech_cli.sources import simplified
from hightech_cli.sources.article import read_article
from hightech_cli.sources.extract import extract

ROOT = Path(__file__).resolve().parent.parent


def keys(records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    out: set[tuple[Any, ...]] = set()
    for r in records:
        if r["table"] == "facts":
            v = r.get("value") or {}
            quote = simplified.simplify(r["evidence"]["quote"])
            out.add((r["kind"], r["subject"], str(v.get("number")), v.get("unit"), quote))
        elif r["table"] == "entities":
            out.add((r["kind"], r["id"]))
    return out


def main() -> int:
    table = simplified.traditional_table()
    paths = sorted(p for p in (ROOT / "tests" / "articles").glob("*.txt") if ".gbk" not in p.name)
    paths.append(ROOT / "data" / "source" / "qingdao-hitech-zone-2026.txt")
    print("| article | read as traditional | same | only simplified | only traditional |")
    print("|---|---|---:|---:|---:|")
    same = total = extra = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            written = path.read_text(encoding="utf-8").translate(table)
            copy = Path(tmp) / path.name
            copy.write_text(written, encoding="utf-8")
            plain = keys(extract(read_article(str(path)), source_id="s", use_tagger=False).records)
            trad = keys(extract(read_article(str(copy)), source_id="s", use_tagger=False).records)
            same, total, extra = (
                same + len(plain & trad),
                total + len(plain),
                extra + len(trad - plain),
            )
            print(
                f"| {path.stem} | {simplified.is_traditional(written)} | {len(plain & trad)} | "
                f"{len(plain - trad)} | {len(trad - plain)} |"
            )
    print(f"| **all** | | {same}/{total} ({same / total:.0%}) | {total - same} | {extra} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
