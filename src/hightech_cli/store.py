"""Open an hz store read-only and give typed access to its tables.

Storage design: a store is one TinyDB JSON file (see ``models.py`` for its four tables). The
shipped store lives inside the package (``hightech_cli/data/facts.json``, copied there from the
project's top-level ``data/`` when the wheel is built); a source checkout reads ``data/`` directly.
Which file is read: ``--db PATH``, else ``$HZ_DB``, else the user's own store if ``hz init`` made
one (``$XDG_DATA_HOME/hz/facts.json``), else the shipped store.

Lookups never write. The file is read once, decoded strictly (UTF-8, JSON, the TinyDB table
layout) and served through TinyDB from a read-only storage, so a bad file gives one clear
``StoreError`` and is never created, truncated or rewritten by a read.

Speed (figures in ``bench/README.md``): a lookup reads the whole file, so its cost grows with
the store, linearly; these keep the constant small. Decoding runs with the cyclic garbage
collector paused: a decoded document holds no cycles, yet each collection would walk every
object made so far (1.7 s instead of 0.6 s to decode a 100,000-fact store). Files of
``FAST_JSON_MIN_BYTES`` or more are decoded by orjson when it is installed (0.35 s instead of
0.53 s for 100,000 facts; below that size importing it costs more than it saves); anything
orjson rejects is decoded again by the standard library, so the result, and every error
message, is the standard library's. Rows are served as the TinyDB storage holds them, not
through ``Table.all()``, which copies each one into a new ``Document``. Lookups by id, kind and
paragraph number go through indexes built on first use, never a scan per item.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, Final, cast

from tinydb import TinyDB
from tinydb.storages import Storage

from hightech_cli.errors import NotFound, StoreError
from hightech_cli.models import Block, Entity, ExchangeRate, Fact, Meta

TABLES: Final = ("meta", "entities", "facts", "blocks")
ENV_DB: Final = "HZ_DB"
# From this size on, orjson (if installed) decodes the file: it saves about 2 ms per MB and
# costs about 10 ms to import, so it pays from some 5 MB (about 5,000 facts) up.
FAST_JSON_MIN_BYTES: Final = 5_000_000
_PACKAGE_DIR: Final = Path(__file__).resolve().parent


def shipped_data_dir() -> Path:
    """The directory holding the shipped store and article (installed, or a source checkout)."""
    installed = _PACKAGE_DIR / "data"
    if (installed / "facts.json").is_file():
        return installed
    return _PACKAGE_DIR.parent.parent / "data"


def shipped_store_path() -> Path:
    """The store that ships with hz (read-only)."""
    return shipped_data_dir() / "facts.json"


def user_store_path() -> Path:
    """The default location of a user's own, writable store."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "hz" / "facts.json"


def resolve_store_path(db: str | os.PathLike[str] | None = None) -> Path:
    """Pick the store file: explicit path, then $HZ_DB, then the user store, then shipped."""
    if db is not None and str(db) != "":
        return Path(db)
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env)
    user = user_store_path()
    if user.is_file():
        return user
    return shipped_store_path()


def read_store_file(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Read and decode a store file strictly; every failure is a one-line StoreError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"store not found: {path}", hint="pass --db PATH or set HZ_DB") from None
    except IsADirectoryError:
        raise StoreError(f"store is a directory, not a file: {path}") from None
    except OSError as exc:
        raise StoreError(f"cannot read store {path}: {exc.strerror or exc}") from None
    # isspace() rather than strip(): the same test, without copying a file of a gigabyte.
    if not raw or raw.isspace():
        raise StoreError(f"store is empty: {path}")
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = _decode(raw, path)
    finally:
        if collecting:
            gc.enable()
    return _check_layout(data, path)


def _decode(raw: bytes, path: Path) -> object:
    if len(raw) >= FAST_JSON_MIN_BYTES:
        try:
            # An optional dependency: without it the standard library decodes every file.
            import orjson  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            pass
        else:
            try:
                return orjson.loads(raw)
            except orjson.JSONDecodeError:
                pass  # decoded again below: the standard library's reading and messages rule
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(f"store is not UTF-8 text: {path} (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"store is not valid JSON: {path} (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise StoreError(f"store is not valid JSON: {path} (nested too deeply)") from None


def _check_layout(data: object, path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    if not isinstance(data, dict):
        raise StoreError(f"store has the wrong shape: {path} (top level is not an object)")
    for name in TABLES:
        table = data.get(name)
        if not isinstance(table, dict):
            raise StoreError(f"store has the wrong shape: {path} (no table '{name}')")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise StoreError(
                    f"store has the wrong shape: {path} (table '{name}' row {doc_id} "
                    "is not an object)"
                )
    if len(data["meta"]) != 1:
        raise StoreError(f"store has the wrong shape: {path} (table 'meta' needs one row)")
    return cast(dict[str, dict[str, dict[str, Any]]], data)


class _ReadOnlyStorage(Storage):
    """TinyDB storage over data already read; any write is refused."""

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise StoreError("this store is opened read-only")


class Store:
    """A loaded store: tables as lists of plain dicts, and indexes built on first use."""

    def __init__(self, path: Path, data: dict[str, dict[str, dict[str, Any]]]) -> None:
        self.path = path
        self.db = TinyDB(storage=_ReadOnlyStorage, data=data)

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> Store:
        """Open the store chosen by ``resolve_store_path`` for reading."""
        path = resolve_store_path(db)
        return cls(path, read_store_file(path))

    def _rows(self, table: str) -> list[dict[str, Any]]:
        # Straight from the storage: Table.all() would copy each row into a Document, which
        # for a 1,000,000-fact store costs seconds and gigabytes, and rows are only read.
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
    def _entity_index(self) -> dict[str, Entity]:
        return {e["id"]: e for e in self.entities}

    @cached_property
    def _fact_index(self) -> dict[str, Fact]:
        return {f["id"]: f for f in self.facts}

    @cached_property
    def _entities_by_kind(self) -> dict[str, list[Entity]]:
        index: dict[str, list[Entity]] = {}
        for ent in self.entities:
            index.setdefault(ent["kind"], []).append(ent)
        return index

    @cached_property
    def _block_index(self) -> dict[int, Block]:
        index: dict[int, Block] = {}
        for block in self.blocks:
            index.setdefault(block["n"], block)  # the first, as a scan of self.blocks finds
        return index

    @cached_property
    def _facts_by_entity(self) -> dict[str, list[Fact]]:
        index: dict[str, list[Fact]] = {}
        for fact in self.facts:
            index.setdefault(fact["subject"], []).append(fact)
            for ref in fact.get("refs", []):
                if ref != fact["subject"]:
                    index.setdefault(ref, []).append(fact)
        return index

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; NotFound if there is none."""
        try:
            return self._entity_index[entity_id]
        except KeyError:
            raise NotFound(f"no entity with id {entity_id!r}") from None

    def get_entity(self, entity_id: str) -> Entity | None:
        return self._entity_index.get(entity_id)

    def get_fact(self, fact_id: str) -> Fact | None:
        """The fact with this id, or None; a lookup in an index, not a scan of every fact."""
        return self._fact_index.get(fact_id)

    def entities_of(self, *kinds: str) -> Iterator[Entity]:
        """Entities of these kinds, in store order."""
        if len(kinds) == 1:
            return iter(self._entities_by_kind.get(kinds[0], []))
        return (e for e in self.entities if e["kind"] in kinds)

    def facts_about(self, entity_id: str) -> list[Fact]:
        """Facts whose subject is the entity, then facts that refer to it."""
        return self._facts_by_entity.get(entity_id, [])

    def block(self, n: int) -> Block:
        """Block number ``n``; NotFound if there is none."""
        block = self._block_index.get(n)
        if block is None:
            last = self.blocks[-1]["n"] if self.blocks else 0
            raise NotFound(f"no paragraph {n} in the source", hint=f"paragraphs are 1-{last}")
        return block

    def exchange_rate(self, base: str, quote: str) -> ExchangeRate | None:
        for rate in self.meta.get("exchange_rates", []):
            if rate["base"] == base and rate["quote"] == quote:
                return rate
        return None
