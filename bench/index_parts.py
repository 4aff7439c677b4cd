"""What each part of the index costs to build: the pass over a store's rows with one part of
``store/index_fill.py`` at a time, in one process; print a Markdown table.

Run from the project root with the interpreter hz is installed in::

    python bench/index_parts.py bench/stores/facts-1000000.json
    python bench/index_parts.py STORE --parts RowTables,SearchRows

Each part is fed every row of the store, as ``hz index`` feeds it, into a database of its own
in a temporary directory, and its indexes made. Two passes feed no part: the rows read as the
first process of a build reads them (decoded, checked against their bytes, their JSON text
kept) and as the second reads them (decoded only). A part's own cost is its time less the
pass that reads its rows (the second process's parts: ``index_split.SECOND_PROCESS``). The
file's reading (before the pass) is given apart. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hightech_cli.store import index_fill
from hightech_cli.store.index import SCHEMA
from hightech_cli.store.index_fill import SECOND_PROCESS, Consumer
from hightech_cli.store.index_split import _Decoded
from hightech_cli.store.rows import StoreRows

CHECKED, DECODED = "(rows read, checked)", "(rows read, decoded only)"


class _Nothing(Consumer):
    """A part that takes every row and keeps nothing: the pass alone."""

    TEXT = True

    def entity(self, n: int, row: dict[str, Any], text: index_fill.Text) -> None:
        pass

    def fact(self, n: int, row: dict[str, Any], text: index_fill.Text) -> None:
        pass

    def block(self, n: int, row: dict[str, Any], text: index_fill.Text) -> None:
        pass


class _Untexted(_Nothing):
    TEXT = False


def _run(store: Path, name: str, folder: Path) -> tuple[float, float]:
    """Seconds to read the file, and to feed every row to the part named."""
    started = time.perf_counter()
    rows = StoreRows(store)
    read = time.perf_counter() - started
    if name == CHECKED:
        part: type[Consumer] = _Nothing
    elif name == DECODED:
        part = _Untexted
    else:
        part = getattr(index_fill, name)
    second = name == DECODED or part in SECOND_PROCESS
    source: index_fill.Rows = _Decoded(rows, os.getppid()) if second else rows
    path = folder / "part.sqlite"
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        started = time.perf_counter()
        with con:
            index_fill.fill(con, source, [part])
        return read, time.perf_counter() - started
    finally:
        con.close()
        path.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    names = [part.__name__ for part in index_fill.CONSUMERS]
    parser.add_argument("--parts", default=",".join(names), help="of: " + ", ".join(names))
    args = parser.parse_args()
    print(f"- store: `{args.store}`, {args.store.stat().st_size / 1e6:,.1f} MB")
    print(f"- command: `python bench/index_parts.py {' '.join(sys.argv[1:])}`")
    print()
    print("| part | process | read the file s | the pass s | the part's own s |")
    print("|---|---|---:|---:|---:|")
    passes: dict[bool, float] = {}
    with tempfile.TemporaryDirectory(prefix="hz-parts-") as tmp:
        for name in [CHECKED, DECODED, *args.parts.split(",")]:
            read, took = _run(args.store, name, Path(tmp))
            if name in (CHECKED, DECODED):
                passes[name == DECODED] = took
                print(
                    f"| {name} | {'second' if name == DECODED else 'first'} | {read:.2f} | "
                    f"{took:.2f} | |",
                    flush=True,
                )
                continue
            second = getattr(index_fill, name) in SECOND_PROCESS
            own = took - passes[second]
            print(
                f"| `{name}` | {'second' if second else 'first'} | {read:.2f} | {took:.2f} | "
                f"{own:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
