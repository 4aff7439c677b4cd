"""Write a synthetic hz store of N facts, valid under ``hz --db FILE check``.

Run: ``python bench/make_store.py --facts 100000`` (writes ``bench/stores/facts-100000.json``).

How a store is made: the shipped store (``data/facts.json``) is the template. Copy 0 is the
shipped store itself, untouched, so ``hz company 小优智能`` means the same at every size. Each
further copy k repeats the article as 34 more paragraphs (numbered after the ones before) with
every entity but the zone again under a new id (``company:xiaoyou-k``) and a new name
(``小优智能-k``, pinyin ``xiaoyouzhinengk``), and every fact again about those entities; facts
about the zone stay about the one zone, which thus gathers facts as the store grows. The last
copy is cut short so that the store holds exactly N facts. Evidence quotes stay verbatim in
their paragraphs and every reference resolves, so the result is a valid store with the shipped
store's proportions: per 79 facts, 32 entities and 34 paragraphs.

The file is streamed, one row at a time, byte for byte as ``store.document.dumps`` would write
the same store (``indent=1``, UTF-8 not escaped), so a 1M-fact store (about 1 GB) never
has to be held in memory.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "data" / "facts.json"
STORES = Path(__file__).resolve().parent / "stores"

Row = dict[str, Any]


class Template:
    """The shipped store's tables, and how one copy of them is renamed."""

    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.meta: list[Row] = list(data["meta"].values())
        self.entities: list[Row] = list(data["entities"].values())
        self.facts: list[Row] = list(data["facts"].values())
        self.blocks: list[Row] = list(data["blocks"].values())
        self.span = max(b["n"] for b in self.blocks)  # paragraphs per copy
        # The zone is not copied: every copy's facts about the zone stay about the one zone.
        self.fixed = {e["id"] for e in self.entities if e["kind"] == "zone"}

    def copies(self, facts: int) -> int:
        return -(-facts // len(self.facts))

    def entity_id(self, eid: str, k: int) -> str:
        return eid if k == 0 or eid in self.fixed else f"{eid}-{k}"

    def entities_of(self, k: int) -> Iterator[Row]:
        for ent in self.entities:
            if k == 0:
                yield ent
            elif ent["id"] not in self.fixed:
                yield self._entity(ent, k)

    def _entity(self, ent: Row, k: int) -> Row:
        out = dict(ent)
        out["id"] = self.entity_id(ent["id"], k)
        out["name"] = f"{ent['name']}-{k}"
        out["aliases"] = [f"{a}-{k}" for a in ent["aliases"]]
        for field in ("full_name", "english_name"):
            if field in ent:
                out[field] = f"{ent[field]}-{k}"
        out["keys"] = {name: [f"{v}{k}" for v in vals] for name, vals in ent["keys"].items()}
        out["evidence"] = [self._evidence(ev, k) for ev in ent["evidence"]]
        out["mentions"] = [n + k * self.span for n in ent["mentions"]]
        for field in ("org", "investor"):
            if field in ent:
                out[field] = self.entity_id(ent[field], k)
        return out

    def _evidence(self, ev: Row, k: int) -> Row:
        return {**ev, "paragraph": ev["paragraph"] + k * self.span}

    def facts_of(self, k: int, limit: int) -> Iterator[Row]:
        for fact in self.facts[:limit]:
            if k == 0:
                yield fact
                continue
            out = dict(fact)
            slug, _, topic = fact["id"].partition(".")
            out["id"] = f"{slug}-{k}.{topic}"
            out["subject"] = self.entity_id(fact["subject"], k)
            out["refs"] = [self.entity_id(r, k) for r in fact["refs"]]
            out["evidence"] = self._evidence(fact["evidence"], k)
            yield out

    def blocks_of(self, k: int) -> Iterator[Row]:
        for block in self.blocks:
            yield block if k == 0 else {**block, "n": block["n"] + k * self.span}


def _row_text(doc_id: int, row: Row) -> str:
    # A row sits two levels deep in the store document; json.dumps(indent=1) of the whole
    # store indents each of its lines by two more spaces. Strings never hold a raw newline.
    text = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n  ")
    return f'  "{doc_id}": {text}'


def _write_table(out: TextIO, name: str, rows: Iterator[Row], last: bool) -> int:
    out.write(f' "{name}": {{')
    count = 0
    for count, row in enumerate(rows, start=1):
        out.write(("\n" if count == 1 else ",\n") + _row_text(count, row))
    out.write(("\n }" if count else "}") + ("\n" if last else ",\n"))
    return count


def write_store(path: Path, facts: int, template: Template) -> dict[str, int]:
    """Stream a store of exactly ``facts`` facts to ``path``; return the row counts."""
    if facts < 1:
        raise ValueError("a store needs at least one fact")
    copies = template.copies(facts)
    per = len(template.facts)

    def fact_rows() -> Iterator[Row]:
        for k in range(copies):
            yield from template.facts_of(k, min(per, facts - k * per))

    counts: dict[str, int] = {}
    tmp = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        out.write("{\n")
        counts["meta"] = _write_table(out, "meta", iter(template.meta), last=False)
        counts["entities"] = _write_table(
            out, "entities", (e for k in range(copies) for e in template.entities_of(k)), False
        )
        counts["facts"] = _write_table(out, "facts", fact_rows(), last=False)
        counts["blocks"] = _write_table(
            out, "blocks", (b for k in range(copies) for b in template.blocks_of(k)), True
        )
        out.write("}\n")
    tmp.replace(path)
    return counts


def store_path(facts: int) -> Path:
    """Where the benchmarks keep the store of ``facts`` facts."""
    return STORES / f"facts-{facts}.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, required=True, help="number of facts (>= 1)")
    parser.add_argument("--out", type=Path, help="output file (default bench/stores/facts-N.json)")
    parser.add_argument("--template", type=Path, default=TEMPLATE, help="store to copy")
    args = parser.parse_args(argv)
    if args.facts < 1:
        parser.error("--facts must be at least 1")
    path = args.out or store_path(args.facts)
    start = time.perf_counter()
    counts = write_store(path, args.facts, Template(args.template))
    seconds = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    listed = ", ".join(f"{n} {t}" for t, n in counts.items())
    print(f"{path}: {listed}; {size:.1f} MB in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
