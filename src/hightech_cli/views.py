"""The JSON shape of everything hz prints, built in one place.

Each function turns store records into plain JSON-ready dicts. Query functions return these,
``--json`` prints them as they are, and the table renderer picks columns out of them, so a
table never shows anything the JSON lacks. Money stays integer (``minor`` in fen/cents) with
its currency; nothing here formats for a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from hightech_cli.models import REFERENCE_FIELDS, Block, Entity, Fact, optional_keys
from hightech_cli.store.reader import Reader


@cache
def _optional(record: type, *, besides: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The optional keys of a record type, in declared order, those ``besides`` left out."""
    return tuple(name for name in optional_keys(record) if name not in besides)


def ref_view(store: Reader, entity_id: str | None) -> dict[str, str] | None:
    """A reference to another entity: its id, kind and name."""
    if not entity_id:
        return None
    ent = store.get_entity(entity_id)
    if ent is None:
        return {"id": entity_id, "kind": entity_id.split(":", 1)[0], "name": entity_id}
    return {"id": ent["id"], "kind": ent["kind"], "name": ent["name"]}


def entity_view(store: Reader, ent: Entity) -> dict[str, Any]:
    """An entity without its internal lookup keys; references resolved to names."""
    view: dict[str, Any] = {
        "id": ent["id"],
        "kind": ent["kind"],
        "name": ent["name"],
        "aliases": list(ent.get("aliases", [])),
        "summary": ent.get("summary", ""),
    }
    # References are shown resolved to names, below.
    for key in _optional(Entity, besides=REFERENCE_FIELDS):
        if key in ent:
            view[key] = ent[key]  # type: ignore[literal-required]
    if "org" in ent:
        view["organisation"] = ref_view(store, ent["org"])
    if "investor" in ent:
        view["investor"] = ref_view(store, ent["investor"])
    view["evidence"] = list(ent.get("evidence", []))
    view["mentions"] = list(ent.get("mentions", []))
    return view


def fact_view(store: Reader, fact: Fact) -> dict[str, Any]:
    """A fact with its subject named and its evidence."""
    view: dict[str, Any] = {
        "id": fact["id"],
        "kind": fact["kind"],
        "subject": ref_view(store, fact["subject"]),
        "topic": fact["topic"],
        "text": fact["text"],
    }
    for key in _optional(Fact):
        if key in fact:
            view[key] = fact[key]  # type: ignore[literal-required]
    view["refs"] = [ref_view(store, r) for r in fact.get("refs", [])]
    view["evidence"] = fact["evidence"]
    return view


def block_view(store: Reader, n: int, source: str | None = None) -> dict[str, Any]:
    """One block of a repaired source, with its origin in the original file."""
    return block_record_view(store.block(n, source))


def block_record_view(block: Block) -> dict[str, Any]:
    """The JSON shape of a block record."""
    view: dict[str, Any] = {
        "source": block["source"],
        "n": block["n"],
        "kind": block["kind"],
        "text": block["text"],
        "lines": block["lines"],
    }
    if "repair" in block:
        view["repair"] = block["repair"]
    return view


def source_row(source: Mapping[str, Any], counts: Mapping[str, int]) -> dict[str, Any]:
    """A source of the store, as ``hz sources`` lists it: what it is and what rests on it."""
    row: dict[str, Any] = {"id": source["id"]}
    for key in ("title", "publication", "date", "year", "byline", "file"):
        if key in source:
            row[key] = source[key]
    row.update(counts)
    return row
