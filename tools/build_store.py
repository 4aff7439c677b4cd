"""Rebuild data/facts.json from data/curated.toml and the original article.

Usage:
    python tools/build_store.py           # write data/facts.json
    python tools/build_store.py --check   # exit 1 if data/facts.json is not what a rebuild gives

Needs the development extra (pypinyin), which computes the pinyin name keys; hz itself never
imports pypinyin.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from hightech_cli.sources.curated import BuildError, build_from_files  # noqa: E402
from hightech_cli.sources.keys import name_keys  # noqa: E402

DATA = ROOT / "data"
STORE = DATA / "facts.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    try:
        text = build_from_files(DATA / "curated.toml", DATA, name_keys)
    except BuildError as exc:
        print(f"build_store: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = STORE.read_text(encoding="utf-8") if STORE.exists() else ""
        if current != text:
            print(
                "build_store: data/facts.json is out of date; run tools/build_store.py",
                file=sys.stderr,
            )
            return 1
        print("data/facts.json is up to date")
        return 0
    tmp = STORE.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(STORE)
    print(f"wrote {STORE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
