"""Validate a store: schema, unique ids, references between entities, and evidence.

``validate(data)`` takes the decoded store document (``document.read_store_file``'s)
and returns every problem it finds, never stopping at the first, so that ``hz check`` and
``hz import`` can report them all at once. An empty list means the store is valid.
``check_store`` reads a file and makes the report ``hz check`` prints.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from hightech_cli.models import (
    CURRENCIES,
    ENTITY_KINDS,
    INVESTMENT_BASES,
    SCHEMA_VERSION,
    Block,
    Entity,
    Fact,
    Mentions,
    NameKeys,
    Quantity,
    fields,
)
from hightech_cli.store.document import read_store_file


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a store: where it is, which field, and why."""

    table: str
    record: str  # id or row number
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.table} {self.record}: {self.field}: {self.reason}"


class _Checker:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.problems: list[Problem] = []

    def add(self, table: str, record: str, field: str, reason: str) -> None:
        self.problems.append(Problem(table, record, field, reason))

    def rows(self, table: str) -> list[tuple[str, Mapping[str, Any]]]:
        raw = self.data.get(table)
        if not isinstance(raw, Mapping):
            self.add(table, "-", "-", "table is missing or not an object")
            return []
        out: list[tuple[str, Mapping[str, Any]]] = []
        for doc_id, doc in raw.items():
            if isinstance(doc, Mapping):
                out.append((str(doc_id), doc))
            else:
                self.add(table, str(doc_id), "-", "row is not an object")
        return out

    def fields(
        self,
        table: str,
        record: str,
        doc: Mapping[str, Any],
        record_type: type,
        *,
        prefix: str = "",
    ) -> None:
        """Each key the record type declares (``models.fields``): present if required, of its
        type, one of its choices, its items of their type; and no key it does not declare."""
        declared = fields(record_type)
        for f in declared:
            where = prefix + f.name
            if f.name not in doc:
                if f.required:
                    self.add(table, record, where, "missing")
                continue
            value = doc[f.name]
            if not _isinstance(value, f.types):
                self.add(table, record, where, f"must be {_type_name(f.types)}")
            elif f.choices and value not in f.choices:
                self.add(table, record, where, f"must be one of {', '.join(f.choices)}")
            elif f.items is not None and not all(_isinstance(i, f.items) for i in value):
                self.add(table, record, where, f"every item must be {_type_name(f.items)}")
        unknown = set(doc) - {f.name for f in declared}
        for name in sorted(unknown):
            self.add(table, record, prefix + name, "unknown field")


def _isinstance(value: object, typ: type | tuple[type, ...]) -> bool:
    # JSON has no separate bool: True must not pass as an int.
    if isinstance(value, bool):
        return typ is bool
    return isinstance(value, typ)


def _type_name(typ: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "an integer", float: "a number", list: "a list", dict: "an object"}
    if typ == (int, float):
        return "a number"
    if isinstance(typ, tuple):
        return " or ".join(names.get(t, t.__name__) for t in typ)
    return names.get(typ, typ.__name__)


def _check_quantity(c: _Checker, record: str, field: str, q: Mapping[str, Any], quote: str) -> None:
    c.fields("facts", record, q, Quantity, prefix=f"{field}.")
    number = q.get("number")
    if isinstance(number, float) and (number != number or number in (_INF, -_INF)):
        c.add("facts", record, f"{field}.number", "must be finite")
    text = q.get("text")
    if isinstance(text, str) and text not in quote:
        c.add("facts", record, f"{field}.text", f"{text!r} does not occur in the evidence quote")
    if "currency" in q or "minor" in q:
        if "currency" not in q:
            c.add("facts", record, f"{field}.currency", f"must be one of {', '.join(CURRENCIES)}")
        minor = q.get("minor")
        if isinstance(minor, bool) or not isinstance(minor, int):
            c.add("facts", record, f"{field}.minor", "money needs an integer amount in fen/cents")
        elif (
            isinstance(number, int | float)
            and not isinstance(number, bool)
            and Decimal(str(number)) * 100 != minor
        ):
            c.add("facts", record, f"{field}.minor", f"{minor} is not {number} x 100")


_INF = float("inf")


def _check_evidence(
    c: _Checker,
    table: str,
    record: str,
    field: str,
    ev: object,
    sources: set[str],
    blocks: Mapping[tuple[str, int], str],
) -> str:
    """Check one evidence object; return its quote ('' if unusable)."""
    if not isinstance(ev, Mapping):
        c.add(table, record, field, "evidence must be an object")
        return ""
    source, para, quote = ev.get("source"), ev.get("paragraph"), ev.get("quote")
    if set(ev) - {"source", "paragraph", "quote"}:
        c.add(table, record, field, "unknown field in evidence")
    if not isinstance(quote, str) or not quote.strip():
        c.add(table, record, f"{field}.quote", "missing or empty")
        return ""
    if not isinstance(source, str) or source not in sources:
        c.add(table, record, f"{field}.source", f"unknown source {source!r}")
        return quote
    if isinstance(para, bool) or not isinstance(para, int):
        c.add(table, record, f"{field}.paragraph", "must be an integer")
        return quote
    text = blocks.get((str(source), para))
    if text is None:
        c.add(table, record, f"{field}.paragraph", f"no paragraph {para} in {source}")
    elif quote not in text:
        c.add(table, record, f"{field}.quote", f"does not occur verbatim in paragraph {para}")
    return quote


def _unique(c: _Checker, table: str, rows: Iterable[tuple[str, Mapping[str, Any]]]) -> set[str]:
    seen: set[str] = set()
    for _, doc in rows:
        ident = doc.get("id")
        if not isinstance(ident, str) or not ident:
            continue
        if ident in seen:
            c.add(table, ident, "id", "duplicate id")
        seen.add(ident)
    return seen


def validate(data: Mapping[str, Any], *, known_entities: Collection[str] = ()) -> list[Problem]:
    """Every problem in a decoded store document; ``[]`` when it is valid.

    ``known_entities``: ids of entities that exist beyond ``data`` (the rest of a store, when
    only the records an import changes are validated), which references may name."""
    c = _Checker(data)

    metas = c.rows("meta")
    sources: set[str] = set()
    if len(metas) != 1:
        c.add("meta", "-", "-", "needs exactly one row")
    for doc_id, meta in metas:
        if meta.get("schema_version") != SCHEMA_VERSION:
            c.add("meta", doc_id, "schema_version", f"must be {SCHEMA_VERSION}")
        for src in meta.get("sources", []) if isinstance(meta.get("sources"), list) else []:
            if isinstance(src, Mapping) and isinstance(src.get("id"), str):
                sources.add(src["id"])
        if not sources:
            c.add("meta", doc_id, "sources", "needs at least one source with an id")
        rates = meta.get("exchange_rates", [])
        for i, rate in enumerate(rates if isinstance(rates, list) else []):
            if not isinstance(rate, Mapping):
                c.add("meta", doc_id, f"exchange_rates[{i}]", "must be an object")
                continue
            for key in ("base", "quote", "rate", "as_of", "source"):
                if not isinstance(rate.get(key), str) or not rate.get(key):
                    c.add("meta", doc_id, f"exchange_rates[{i}].{key}", "missing or not text")

    blocks: dict[tuple[str, int], str] = {}
    for doc_id, block in c.rows("blocks"):
        c.fields("blocks", doc_id, block, Block)
        n = block.get("n")
        if isinstance(n, int) and isinstance(block.get("text"), str):
            block_key = (str(block.get("source")), n)
            if block_key in blocks:
                c.add("blocks", doc_id, "n", f"duplicate paragraph number {n}")
            blocks[block_key] = block["text"]

    entity_rows = c.rows("entities")
    fact_rows = c.rows("facts")
    entity_ids = _unique(c, "entities", entity_rows) | set(known_entities)
    _unique(c, "facts", fact_rows)

    for doc_id, ent in entity_rows:
        record = str(ent.get("id") or f"row {doc_id}")
        c.fields("entities", record, ent, Entity)
        ent_id, kind = ent.get("id"), ent.get("kind")
        if (
            isinstance(ent_id, str)
            and isinstance(kind, str)
            and kind in ENTITY_KINDS
            and (not ent_id.startswith(f"{kind}:") or len(ent_id) <= len(kind) + 1)
        ):
            c.add("entities", record, "id", f"must look like '{ent['kind']}:<slug>'")
        if isinstance(ent.get("name"), str) and not ent["name"].strip():
            c.add("entities", record, "name", "is empty")
        evidence = ent.get("evidence")
        if isinstance(evidence, list):
            if not evidence:
                c.add("entities", record, "evidence", "needs at least one quote")
            for i, ev in enumerate(evidence):
                _check_evidence(c, "entities", record, f"evidence[{i}]", ev, sources, blocks)
        for ref_field in ("org", "investor"):
            ref = ent.get(ref_field)
            if isinstance(ref, str) and ref not in entity_ids:
                c.add("entities", record, ref_field, f"unknown entity {ref!r}")
        keys = ent.get("keys")
        if isinstance(keys, Mapping):
            c.fields("entities", record, keys, NameKeys, prefix="keys.")
        mentioned = ent.get("other_mentions")
        for i, m in enumerate(mentioned if isinstance(mentioned, list) else []):
            if isinstance(m, Mapping):
                c.fields("entities", record, m, Mentions, prefix=f"other_mentions[{i}].")
                if isinstance(m.get("source"), str) and m["source"] not in sources:
                    c.add("entities", record, f"other_mentions[{i}].source", "unknown source")

    for doc_id, fact in fact_rows:
        record = str(fact.get("id") or f"row {doc_id}")
        c.fields("facts", record, fact, Fact)
        kind = fact.get("kind")
        subject = fact.get("subject")
        if isinstance(subject, str) and subject not in entity_ids:
            c.add("facts", record, "subject", f"unknown entity {subject!r}")
        refs = fact.get("refs")
        for ref in refs if isinstance(refs, list) else []:
            if not isinstance(ref, str) or ref not in entity_ids:
                c.add("facts", record, "refs", f"unknown entity {ref!r}")
        quote = _check_evidence(
            c, "facts", record, "evidence", fact.get("evidence"), sources, blocks
        )
        for qfield in ("value", "before"):
            q = fact.get(qfield)
            if isinstance(q, Mapping):
                _check_quantity(c, record, qfield, q, quote)
        if kind in ("quantity", "investment") and "value" not in fact:
            c.add("facts", record, "value", f"a {kind} fact needs a value")
        if kind == "investment":
            if "basis" not in fact:
                c.add("facts", record, "basis", f"must be one of {', '.join(INVESTMENT_BASES)}")
            value = fact.get("value")
            if isinstance(value, Mapping) and "currency" not in value:
                c.add("facts", record, "value", "an investment needs a currency")
        if kind == "event" and "year" not in fact:
            c.add("facts", record, "year", "an event needs a year")
        if (
            kind == "quote"
            and isinstance(subject, str)
            and not subject.startswith("person:")
            and "speaker" not in fact
        ):
            c.add("facts", record, "subject", "a quote's subject must be a person, or give speaker")

    return c.problems


@dataclass(frozen=True)
class Report:
    """What ``hz check`` found in a store file."""

    store: Path
    counts: dict[str, int]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``hz check --json``."""
        return {
            "store": str(self.store),
            "ok": self.ok,
            "counts": self.counts,
            "problems": [
                {"table": p.table, "record": p.record, "field": p.field, "reason": p.reason}
                for p in self.problems
            ],
        }


def check_store(path: Path) -> Report:
    """Read the store file at ``path`` strictly and validate it (StoreError if unreadable)."""
    data = read_store_file(path)
    counts = {t: len(data[t]) for t in ("entities", "facts", "blocks")}
    return Report(path, counts, validate(data))
