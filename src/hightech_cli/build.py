"""Build the store from the curated facts and the original article.

``data/curated.toml`` holds what a person curated: entities, facts, their typed figures and the
verbatim quotes they rest on. This module adds what can be derived and must not drift: the
repaired, numbered source blocks, the block number of every quote (a quote must be found, and
found once unless ``para`` says which), the blocks that mention each entity, money in minor
units, and the name keys (pinyin) from a function passed in by ``tools/build_store.py``, so
that the pinyin library is a build-time dependency only.

The output is a TinyDB JSON document, written deterministically so that a rebuild of an
unchanged input is byte-for-byte the shipped ``data/facts.json`` (a test checks this).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from hightech_cli.models import (
    SCHEMA_VERSION,
    Block,
    Entity,
    Evidence,
    ExchangeRate,
    Fact,
    Meta,
    NameKeys,
    Quantity,
    SourceMeta,
)
from hightech_cli.repair import repair

KeysFn = Callable[[Iterable[str]], NameKeys]

_ENTITY_OPTIONAL = (
    "full_name",
    "english_name",
    "industry",
    "category",
    "role",
    "org",
    "investor",
    "status",
    "year",
    "when",
    "notes",
)
_FACT_OPTIONAL = ("basis", "date", "year", "note")


class BuildError(Exception):
    """The curated input cannot be turned into a valid store."""


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _quantity(raw: Mapping[str, Any], where: str) -> Quantity:
    number = raw["number"]
    if not isinstance(number, int | float) or isinstance(number, bool):
        raise BuildError(f"{where}: number must be numeric, got {number!r}")
    q: Quantity = {
        "text": raw["text"],
        "number": number,
        "unit": raw["unit"],
        "qualifier": raw["q"],
    }
    if "currency" in raw:
        q["currency"] = raw["currency"]
        minor = Decimal(str(number)) * 100
        if minor != minor.to_integral_value():
            raise BuildError(f"{where}: {raw['text']} is not a whole number of minor units")
        q["minor"] = int(minor)
    return q


class _Locator:
    """Finds the block that holds a quote."""

    def __init__(self, source_id: str, blocks: list[Block]) -> None:
        self.source_id = source_id
        self.blocks = blocks

    def evidence(self, quote: str, para: int | None, where: str) -> Evidence:
        found = [b["n"] for b in self.blocks if quote in b["text"]]
        if not found:
            raise BuildError(f"{where}: quote not found in the source: {quote!r}")
        if para is None:
            if len(found) > 1:
                raise BuildError(f"{where}: quote occurs in blocks {found}; say which with para")
            para = found[0]
        elif para not in found:
            raise BuildError(f"{where}: quote is not in block {para} (found in {found})")
        return {"source": self.source_id, "paragraph": para, "quote": quote}

    def mentions(self, names: Iterable[str]) -> list[int]:
        wanted = [n for n in names if n]
        return [b["n"] for b in self.blocks if any(n in b["text"] for n in wanted)]


def _entity(raw: Mapping[str, Any], loc: _Locator, keys_fn: KeysFn) -> Entity:
    where = f"entity {raw.get('id')}"
    aliases: list[str] = []
    for alias in [raw.get("full_name"), *raw.get("aliases", []), raw.get("english_name")]:
        if alias and alias != raw["name"] and alias not in aliases:
            aliases.append(alias)
    entity: Entity = {
        "id": raw["id"],
        "kind": raw["kind"],
        "name": raw["name"],
        "aliases": aliases,
        "summary": raw["summary"],
        "evidence": [loc.evidence(raw["quote"], raw.get("para"), where)],
        "mentions": loc.mentions([raw["name"], *aliases]),
        "keys": keys_fn([raw["name"], *(a for a in aliases if _has_han(a))]),
    }
    for key in _ENTITY_OPTIONAL:
        if key in raw:
            entity[key] = raw[key]  # type: ignore[literal-required]
    return entity


def _fact(raw: Mapping[str, Any], loc: _Locator) -> Fact:
    where = f"fact {raw.get('id')}"
    fact: Fact = {
        "id": raw["id"],
        "subject": raw["subject"],
        "kind": raw["kind"],
        "topic": raw["topic"],
        "text": raw["text"],
        "evidence": loc.evidence(raw["quote"], raw.get("para"), where),
        "refs": list(raw.get("refs", [])),
    }
    if "value" in raw:
        fact["value"] = _quantity(raw["value"], where)
    if "before" in raw:
        fact["before"] = _quantity(raw["before"], where)
    for key in _FACT_OPTIONAL:
        if key in raw:
            fact[key] = raw[key]  # type: ignore[literal-required]
    return fact


def build_store(curated: Mapping[str, Any], original: str, keys_fn: KeysFn) -> dict[str, Any]:
    """Return the store document (TinyDB layout) for curated input and the original article."""
    src = curated["source"]
    source_id: str = src["id"]
    blocks: list[Block] = []
    for rb in repair(original):
        block: Block = {
            "source": source_id,
            "n": rb.n,
            "kind": rb.kind,
            "text": rb.text,
            "lines": rb.lines,
        }
        if rb.repair:
            block["repair"] = rb.repair
        blocks.append(block)
    loc = _Locator(source_id, blocks)
    entities = [_entity(e, loc, keys_fn) for e in curated.get("entity", [])]
    facts = [_fact(f, loc) for f in curated.get("fact", [])]
    source: SourceMeta = {
        "id": source_id,
        "title": src["title"],
        "subtitle": src["subtitle"],
        "byline": src["byline"],
        "photo_credit": src["photo_credit"],
        "publication": src["publication"],
        "year": src["year"],
        "file": src["file"],
        "sha256": hashlib.sha256(original.encode("utf-8")).hexdigest(),
    }
    rates = [cast(ExchangeRate, dict(r)) for r in curated.get("exchange_rate", [])]
    meta: Meta = {"schema_version": SCHEMA_VERSION, "sources": [source], "exchange_rates": rates}

    def table(rows: list[Any]) -> dict[str, Any]:
        return {str(i): row for i, row in enumerate(rows, start=1)}

    return {
        "meta": table([meta]),
        "entities": table(entities),
        "facts": table(facts),
        "blocks": table(blocks),
    }


def dumps(store: Mapping[str, Any]) -> str:
    """Serialise a store the one way hz writes it: UTF-8 text, not \\u-escaped, stable order."""
    return json.dumps(store, ensure_ascii=False, indent=1) + "\n"


def build_from_files(curated_path: Path, data_dir: Path, keys_fn: KeysFn) -> str:
    """Read ``curated.toml`` and the article it names; return the store as JSON text."""
    with curated_path.open("rb") as fh:
        curated = tomllib.load(fh)
    original = (data_dir / curated["source"]["file"]).read_text(encoding="utf-8")
    return dumps(build_store(curated, original, keys_fn))
