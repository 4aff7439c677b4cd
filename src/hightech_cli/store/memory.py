"""The in-memory backend: the whole store file decoded and served through TinyDB.

Used for every store under ``location.index_min_bytes()`` (the shipped one among them), and for
big stores that neither the index nor the scan can answer. The file is read once, decoded
strictly (``document.read_store_file``) and handed to TinyDB through a read-only storage, so a
read never creates, truncates or rewrites a file (TinyDB's own ``JSONStorage`` rewrites in
place). Rows are served as the storage holds them, not through ``Table.all()``, which copies
each one into a new ``Document``; lookups by id, kind, reference and paragraph number go through
dicts built on first use, never a pass over the table per question.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage

from hightech_cli.errors import StoreError
from hightech_cli.models import REFERENCE_FIELDS, Block, Entity, Fact, Meta, ReferenceField
from hightech_cli.store.document import Document, read_store_file
from hightech_cli.store.reader import WholeBlocks


class _ReadOnlyStorage(Storage):
    """TinyDB storage over data already read; any write is refused."""

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise StoreError("this store is opened read-only")


class MemoryStore(WholeBlocks):
    """A decoded store: tables as lists of plain dicts, and lookup dicts built on first use."""

    def __init__(self, path: Path, data: Document) -> None:
        self.path = path
        self.db = TinyDB(storage=_ReadOnlyStorage, data=data)

    @classmethod
    def read(cls, path: Path) -> MemoryStore:
        """The store file at ``path``, decoded whole."""
        return cls(path, read_store_file(path))

    def _rows(self, table: str) -> list[dict[str, Any]]:
        # Straight from the storage: Table.all() would copy each row into a Document.
        data = self.db.storage.read()
        if data is None:  # pragma: no cover - _ReadOnlyStorage always holds a document
            raise StoreError(f"store has no tables: {self.path}")
        return list(data[table].values())

    @cached_property
    def meta(self) -> Meta:
        return cast(Meta, self._rows("meta")[0])

    @cached_property
    def entities(self) -> list[Entity]:
        return cast(list[Entity], self._rows("entities"))

    @cached_property
    def facts(self) -> list[Fact]:
        return cast(list[Fact], self._rows("facts"))

    @cached_property
    def blocks(self) -> list[Block]:
        return sorted(cast(list[Block], self._rows("blocks")), key=lambda b: b["n"])

    @cached_property
    def _entity_by_id(self) -> dict[str, Entity]:
        return {e["id"]: e for e in self.entities}

    @cached_property
    def _fact_by_id(self) -> dict[str, Fact]:
        return {f["id"]: f for f in self.facts}

    @cached_property
    def _entities_by_kind(self) -> dict[str, list[Entity]]:
        found: dict[str, list[Entity]] = {}
        for ent in self.entities:
            found.setdefault(ent["kind"], []).append(ent)
        return found

    @cached_property
    def _facts_by_entity(self) -> dict[str, list[Fact]]:
        found: dict[str, list[Fact]] = {}
        for fact in self.facts:
            found.setdefault(fact["subject"], []).append(fact)
            for ref in fact.get("refs", []):
                if ref != fact["subject"]:
                    found.setdefault(ref, []).append(fact)
        return found

    @cached_property
    def _fact_positions(self) -> dict[int, int]:
        return {id(fact): n for n, fact in enumerate(self.facts)}

    @cached_property
    def _referrers(self) -> dict[tuple[str, str], list[Entity]]:
        found: dict[tuple[str, str], list[Entity]] = {}
        for ent in self.entities:
            for field in REFERENCE_FIELDS:
                target = ent.get(field)
                if isinstance(target, str):
                    found.setdefault((field, target), []).append(ent)
        return found

    def get_entity(self, entity_id: str) -> Entity | None:
        return self._entity_by_id.get(entity_id)

    def get_fact(self, fact_id: str) -> Fact | None:
        return self._fact_by_id.get(fact_id)

    def entities_of(self, *kinds: str) -> Iterator[Entity]:
        if len(kinds) == 1:
            return iter(self._entities_by_kind.get(kinds[0], []))
        return (e for e in self.entities if e["kind"] in kinds)

    def facts_about(self, entity_id: str) -> list[Fact]:
        return self._facts_by_entity.get(entity_id, [])

    def facts_about_any(self, entity_ids: Iterable[str]) -> list[Fact]:
        found = {id(f): f for eid in entity_ids for f in self.facts_about(eid)}
        order = self._fact_positions
        return [found[key] for key in sorted(found, key=order.__getitem__)]

    def entities_referring(self, entity_id: str, field: ReferenceField) -> list[Entity]:
        return self._referrers.get((field, entity_id), [])

    def name_candidates(self, query: str, kinds: Collection[str] | None) -> list[Entity]:
        # Every entity of the kinds: all are in memory already.
        if kinds is None:
            return self.entities
        if len(kinds) == 1:
            return self._entities_by_kind.get(next(iter(kinds)), [])
        return [e for e in self.entities if e["kind"] in kinds]

    def name_pool(self, kinds: Collection[str]) -> Sequence[Mapping[str, Any]]:
        return list(self.entities_of(*kinds))
