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
import tomllib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from hightech_cli.models import (
    SCHEMA_VERSION,
    Entity,
    Evidence,
    ExchangeRate,
    Fact,
    Meta,
    NameKeys,
    Quantity,
    SourceMeta,
    fields,
)
from hightech_cli.sources.evidence import LocateError, Locator
from hightech_cli.sources.repair import as_blocks, repair
from hightech_cli.store.document import dumps

KeysFn = Callable[[Iterable[str]], NameKeys]

# Copied as curated; the other optional fields are derived (value, before) or built (aliases).
_ENTITY_OPTIONAL = tuple(f.name for f in fields(Entity) if not f.required)
_FACT_OPTIONAL = tuple(
    f.name for f in fields(Fact) if not f.required and f.name not in ("value", "before")
)


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


def _evidence(loc: Locator, raw: Mapping[str, Any], where: str) -> Evidence:
    try:
        return loc.evidence(raw["quote"], raw.get("para"))
    except LocateError as exc:
        raise BuildError(f"{where}: {exc}") from None


def _entity(raw: Mapping[str, Any], loc: Locator, keys_fn: KeysFn) -> Entity:
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
        "evidence": [_evidence(loc, raw, where)],
        "mentions": loc.mentions([raw["name"], *aliases]),
        "keys": keys_fn([raw["name"], *(a for a in aliases if _has_han(a))]),
    }
    for key in _ENTITY_OPTIONAL:
        if key in raw:
            entity[key] = raw[key]  # type: ignore[literal-required]
    return entity


def _fact(raw: Mapping[str, Any], loc: Locator) -> Fact:
    where = f"fact {raw.get('id')}"
    fact: Fact = {
        "id": raw["id"],
        "subject": raw["subject"],
        "kind": raw["kind"],
        "topic": raw["topic"],
        "text": raw["text"],
        "evidence": _evidence(loc, raw, where),
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
    blocks = as_blocks(source_id, repair(original))
    loc = Locator(source_id, blocks)
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


def build_from_files(curated_path: Path, data_dir: Path, keys_fn: KeysFn) -> str:
    """Read ``curated.toml`` and the article it names; return the store as JSON text."""
    with curated_path.open("rb") as fh:
        curated = tomllib.load(fh)
    original = (data_dir / curated["source"]["file"]).read_text(encoding="utf-8")
    return dumps(build_store(curated, original, keys_fn))
