"""Validate a store: schema, unique ids, references between entities, and evidence.

``validate(data)`` takes the decoded store document (``document.read_store_file``'s)
and returns every problem it finds, never stopping at the first, so that ``hz check`` and
``hz import`` can report them all at once. An empty list means the store is valid.
A table may also be a :class:`Walked`, whose rows are decoded afresh each time it is walked,
so that a big store is validated with one row decoded at a time (``merge.store_passes``).
``transfer.check_store`` reads a file and makes the :class:`Report` ``hz check`` prints.
"""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final

from hightech_cli.errors import clip
from hightech_cli.invisible import code, strip_unseen, unseen
from hightech_cli.models import (
    CURRENCIES,
    ENTITY_KINDS,
    INVESTMENT_BASES,
    SCHEMA_VERSION,
    Block,
    Entity,
    Evidence,
    ExchangeRate,
    Fact,
    Meta,
    Quantity,
    fields,
    is_iso_date,
    is_rate,
)
from hightech_cli.store.document import TABLES
from hightech_cli.store.limits import (
    MAX_FIELD_CHARS,
    MAX_INTEGER,
    MAX_LIST_ITEMS,
    MAX_RECORD_CHARS,
)
from hightech_cli.text import normalize

# Objects checked by code of their own, not by ``_Checker.fields`` recursing into them: a
# fact's figures (against its quote), and exchange rates (their rate as a number).
_CHECKED_APART: Final = (Quantity, ExchangeRate)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a store: where it is, which field, and why."""

    table: str
    record: str  # id or row number
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.table} {clip(self.record)}: {clip(self.field)}: {clip(self.reason)}"


class Walked(ABC):
    """A table :func:`validate` reads a row at a time: each walk over it gives every row's id
    and the row, decoded afresh and let go of, never all of them held at once."""

    @abstractmethod
    def __iter__(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Each row's id and the row (an object), in the table's order."""

    @abstractmethod
    def __len__(self) -> int:
        """How many rows the table has."""


_Rows = list[tuple[str, Mapping[str, Any]]] | Walked


class _Checker:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.problems: list[Problem] = []

    def add(self, table: str, record: str, field: str, reason: str) -> None:
        self.problems.append(Problem(table, record, field, reason))

    def rows(self, table: str) -> _Rows:
        raw = self.data.get(table)
        if isinstance(raw, Walked):
            return raw  # its rows are objects: whoever made it walks only such rows
        if not isinstance(raw, Mapping):
            self.add(table, "-", "-", "table is missing or not an object")
            return []
        out: list[tuple[str, Mapping[str, Any]]] = []
        for doc_id, doc in raw.items():
            if type(doc) is dict or isinstance(doc, Mapping):
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
    ) -> int:
        """Each key the record type declares (``models.fields``): present if required, of its
        type, one of its choices, its items of their type, within the limits; and no key it
        does not declare. Returns the characters of its text values (``limits.py``)."""
        declared = _specs(record_type)
        size = 0
        for name, required, allowed, choices, items, shape in declared:
            if name not in doc:
                if required:
                    self.add(table, record, prefix + name, "missing")
                continue
            value = doc[name]
            kind = type(value)
            if kind not in allowed:
                self.add(table, record, prefix + name, f"must be {_type_name(allowed)}")
                continue
            if kind is int and not -MAX_INTEGER - 1 <= value <= MAX_INTEGER:
                self.add(table, record, prefix + name, _too_big(value))
                continue
            if kind is str:
                n = len(value)
                size += n
                if n > MAX_FIELD_CHARS:
                    self.add(table, record, prefix + name, _too_long(n))
                if choices and value not in choices:
                    self.add(table, record, prefix + name, f"must be one of {', '.join(choices)}")
                continue
            if kind is list:
                if len(value) > MAX_LIST_ITEMS:
                    self.add(table, record, prefix + name, f"over {MAX_LIST_ITEMS:,} items")
                if items is not None and value:
                    # Exact JSON types, compared in C: a bool is no int here.
                    if not {*map(type, value)} <= items:
                        reason = f"every item must be {_type_name(items)}"
                        self.add(table, record, prefix + name, reason)
                    elif int in items and not all(
                        -MAX_INTEGER - 1 <= v <= MAX_INTEGER for v in value if type(v) is int
                    ):
                        big = next(v for v in value if not -MAX_INTEGER - 1 <= v <= MAX_INTEGER)
                        self.add(table, record, prefix + name, _too_big(big))
                    elif str in items:
                        lengths = list(map(len, value))
                        size += sum(lengths)
                        if max(lengths) > MAX_FIELD_CHARS:
                            self.add(table, record, prefix + name, _too_long(max(lengths)))
            if shape is not None:
                listed = kind is list
                for i, item in enumerate(value if listed else [value]):
                    at = f"{prefix}{name}[{i}]" if listed else prefix + name
                    if type(item) is not dict:
                        self.add(table, record, at, "must be an object")
                    elif shape not in _CHECKED_APART:
                        size += self.fields(table, record, item, shape, prefix=f"{at}.")
        if not doc.keys() <= _names(record_type):
            for extra in sorted(set(doc) - _names(record_type)):
                self.add(table, record, prefix + extra, "unknown field")
        return size

    def record_size(self, table: str, record: str, size: int) -> None:
        if size > MAX_RECORD_CHARS:
            self.add(
                table, record, "-", f"holds {size:,} characters of text, over {MAX_RECORD_CHARS:,}"
            )


# name, required, the exact JSON types allowed, choices, item types, the object's record type
_Spec = tuple[str, bool, frozenset[type], tuple[str, ...], frozenset[type] | None, type | None]


def _json_types(types: tuple[type, ...]) -> frozenset[type]:
    """The exact types a decoded JSON value of a field may have: a float field takes a whole
    number written without a point; JSON has no separate bool, so True is no int."""
    found = set(types)
    if float in found:
        found.add(int)
    return frozenset(found)


@cache
def _specs(record_type: type) -> tuple[_Spec, ...]:
    """``models.fields`` of a record type, as ``_Checker.fields`` compares them: exact types,
    and the objects it checks inside (not evidence and figures, checked apart)."""
    return tuple(
        (
            f.name,
            f.required,
            _json_types(f.types),
            f.choices,
            None if f.items is None else _json_types((f.items,)),
            f.shape if f.shape is not Evidence else None,  # evidence: _check_evidence
        )
        for f in fields(record_type)
    )


def _type_name(types: frozenset[type]) -> str:
    if float in types:
        return "a number"
    names = {
        str: "text",
        int: "an integer",
        list: "a list",
        dict: "an object",
        bool: "true or false",
    }
    ordered = [t for t in (str, int, list, dict, bool) if t in types]
    return " or ".join(names[t] for t in ordered)


def _too_big(n: int) -> str:
    digits = len(str(abs(n))) if abs(n) < 10**4000 else "thousands of"
    return f"an integer of {digits} digits, beyond {MAX_INTEGER:,} (64 bits)"


def _too_long(n: int) -> str:
    return f"is {n:,} characters, over {MAX_FIELD_CHARS:,}"


@cache
def _names(record_type: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(record_type))


def _check_quantity(c: _Checker, record: str, field: str, q: Mapping[str, Any], quote: str) -> int:
    """One figure of a fact, against its quote; returns the characters of its text."""
    size = c.fields("facts", record, q, Quantity, prefix=f"{field}.")
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
            -MAX_INTEGER - 1 <= minor <= MAX_INTEGER  # else c.fields has said so
            and isinstance(number, int | float)
            and not isinstance(number, bool)
            and Decimal(str(number)) * 100 != minor
        ):
            c.add("facts", record, f"{field}.minor", f"{minor} is not {number} x 100")
    return size


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


def _check_rate(
    c: _Checker, record: str, where: str, rate: Mapping[str, Any], pairs: set[tuple[object, object]]
) -> None:
    """One exchange rate: its fields, and a rate by the rule ``query.exchange_rate`` reads it
    with (``models.is_rate``)."""
    c.fields("meta", record, rate, ExchangeRate, prefix=f"{where}.")
    for key in ("as_of", "source"):
        if isinstance(rate.get(key), str) and not rate[key].strip():
            c.add("meta", record, f"{where}.{key}", "is empty")
    value = rate.get("rate")
    if isinstance(value, str) and not is_rate(value):
        c.add("meta", record, f"{where}.rate", f"{value[:40]!r} is not a positive decimal number")
    pair = (rate.get("base"), rate.get("quote"))
    if not all(isinstance(currency, str) for currency in pair):
        return  # a currency that is not text: c.fields has said so
    if pair in pairs:
        c.add("meta", record, where, f"a second rate from {pair[0]} to {pair[1]}")
    pairs.add(pair)
    if pair[0] == pair[1]:
        c.add("meta", record, where, "base and quote are the same currency")


def _check_source_id(c: _Checker, record: str, where: str, sid: str, seen: dict[str, str]) -> None:
    """A source id is typed and shown as written: none that is blank, nor one holding a
    character a reader cannot see (ESC, a zero-width space), nor one that reads as another
    (``seen``: each folded id so far, to the id as written), as ``hz source`` and ``--source``
    read ids by the rule every value is read by (``text.normalize``)."""
    hidden = unseen(sid)
    if hidden:
        shown = ", ".join(code(ch) for ch in hidden[:4])
        c.add("meta", record, where, f"holds invisible or control characters ({shown})")
    elif not sid.strip():
        c.add("meta", record, where, "is blank")
    other = seen.setdefault(normalize(sid), sid)
    if other != sid:
        c.add(
            "meta",
            record,
            where,
            f"{sid!r} reads as {other!r}, another source's id (case, full-width forms, dashes"
            " and spaces at the ends do not matter to hz source and --source)",
        )


def _check_hidden(c: _Checker, table: str, record: str, where: str, value: object) -> None:
    """A name or id holding a character a reader cannot see (ESC, a zero-width space)."""
    hidden = unseen(value) if isinstance(value, str) else []
    if hidden:
        shown = ", ".join(code(ch) for ch in hidden[:4])
        c.add(table, record, where, f"holds invisible or control characters ({shown})")


def _check_names(
    c: _Checker, ent: Mapping[str, Any], record: str, seen: dict[str, tuple[str, str]]
) -> None:
    """Names a reader cannot tell apart: any invisible character in a name or id, and two
    entities whose names are the same text once folded (``_look_alike_key``: full-width
    and other compatibility forms, case, invisible characters) though written differently."""
    texts = [("id", ent.get("id")), ("name", ent.get("name"))]
    aliases = ent.get("aliases")
    if isinstance(aliases, list):
        texts += [(f"aliases[{i}]", a) for i, a in enumerate(aliases)]
    texts += [(f, ent.get(f)) for f in ("full_name", "english_name")]
    for where, value in texts:
        if not isinstance(value, str):
            continue
        _check_hidden(c, "entities", record, where, value)
        if where == "id":
            continue
        other, written = seen.setdefault(_look_alike_key(value), (record, value))
        if other != record and written != value:
            c.add(
                "entities",
                record,
                where,
                f"{value!r} looks like {written!r}, a name of {other}, but is written differently",
            )


def look_alike_names(ent: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Each name of an entity that ``_check_names`` compares across entities: its folded
    key and the name as written (for a caller that checks entities in parts, ``bulk.py``)."""
    aliases = ent.get("aliases")
    values = [ent.get("name"), *(aliases if isinstance(aliases, list) else [])]
    values += [ent.get(f) for f in ("full_name", "english_name")]
    for value in values:
        if isinstance(value, str):
            yield _look_alike_key(value), value


def _look_alike_key(text: str) -> str:
    """What a name looks like: invisible characters dropped, compatibility forms (full-width
    letters, ligatures, circled digits) and case folded."""
    return unicodedata.normalize("NFKC", strip_unseen(text)).casefold()


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
    for name in sorted(set(data) - set(TABLES)):
        c.add(str(name), "-", "-", "unknown table")

    metas = c.rows("meta")
    sources: set[str] = set()
    if len(metas) != 1:
        c.add("meta", "-", "-", "needs exactly one row")
    for doc_id, meta in metas:
        c.record_size("meta", doc_id, c.fields("meta", doc_id, meta, Meta))
        version = meta.get("schema_version")
        # Exactly the integer: true and 1.0 equal 1 in Python, not in the schema.
        if type(version) is not int or version != SCHEMA_VERSION:
            c.add("meta", doc_id, "schema_version", f"must be {SCHEMA_VERSION}")
        listed = meta.get("sources", [])
        source_keys: dict[str, str] = {}
        for i, src in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(src, Mapping) and isinstance(src.get("id"), str):
                sources.add(src["id"])
                _check_source_id(c, doc_id, f"sources[{i}].id", src["id"], source_keys)
        if not sources:
            c.add("meta", doc_id, "sources", "needs at least one source with an id")
        rates = meta.get("exchange_rates", [])
        pairs: set[tuple[object, object]] = set()
        for i, rate in enumerate(rates if isinstance(rates, list) else []):
            if isinstance(rate, Mapping):
                _check_rate(c, doc_id, f"exchange_rates[{i}]", rate, pairs)

    blocks: dict[tuple[str, int], str] = {}
    for doc_id, block in c.rows("blocks"):
        c.record_size("blocks", doc_id, c.fields("blocks", doc_id, block, Block))
        n = block.get("n")
        if isinstance(n, int) and isinstance(block.get("text"), str):
            block_key = (str(block.get("source")), n)
            if block_key in blocks:
                c.add("blocks", doc_id, "n", f"duplicate paragraph number {n}")
            blocks[block_key] = block["text"]

    entity_rows = c.rows("entities")
    fact_rows = c.rows("facts")
    entity_ids = _unique(c, "entities", entity_rows) | set(known_entities)
    # The facts' duplicate ids are found in the one walk over them below (a big store's rows
    # are decoded for each walk) and reported here, before the entities' problems, as if by a
    # walk of their own.
    duplicates_at = len(c.problems)
    fact_ids: set[str] = set()
    duplicates: list[Problem] = []

    seen_names: dict[str, tuple[str, str]] = {}
    for doc_id, ent in entity_rows:
        record = str(ent.get("id") or f"row {doc_id}")
        size = c.fields("entities", record, ent, Entity)
        _check_names(c, ent, record, seen_names)
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
                quote = _check_evidence(
                    c, "entities", record, f"evidence[{i}]", ev, sources, blocks
                )
                size += len(quote)
        if size > MAX_RECORD_CHARS:
            c.record_size("entities", record, size)
        for ref_field in ("org", "investor"):
            ref = ent.get(ref_field)
            if isinstance(ref, str) and ref not in entity_ids:
                c.add("entities", record, ref_field, f"unknown entity {ref!r}")
        mentioned = ent.get("other_mentions")
        for i, m in enumerate(mentioned if isinstance(mentioned, list) else []):
            source = m.get("source") if isinstance(m, Mapping) else None
            if isinstance(source, str) and source not in sources:
                c.add("entities", record, f"other_mentions[{i}].source", "unknown source")

    for doc_id, fact in fact_rows:
        ident = fact.get("id")
        if isinstance(ident, str) and ident:
            if ident in fact_ids:
                duplicates.append(Problem("facts", ident, "id", "duplicate id"))
            fact_ids.add(ident)
        record = str(fact.get("id") or f"row {doc_id}")
        size = c.fields("facts", record, fact, Fact)
        _check_hidden(c, "facts", record, "id", fact.get("id"))
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
        size += len(quote)
        for qfield in ("value", "before"):
            q = fact.get(qfield)
            if isinstance(q, Mapping):
                size += _check_quantity(c, record, qfield, q, quote)
        if size > MAX_RECORD_CHARS:
            c.record_size("facts", record, size)
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
        date = fact.get("date")
        if isinstance(date, str) and not is_iso_date(date):
            c.add("facts", record, "date", "must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
        if (
            kind == "quote"
            and isinstance(subject, str)
            and not subject.startswith("person:")
            and "speaker" not in fact
        ):
            c.add("facts", record, "subject", "a quote's subject must be a person, or give speaker")

    c.problems[duplicates_at:duplicates_at] = duplicates
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
