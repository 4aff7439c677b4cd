"""Open an hz store read-only and give typed access to its tables.

Storage design: a store is one TinyDB JSON file (see ``models.py`` for its four tables). The
shipped store lives inside the package (``hightech_cli/data/facts.json``, copied there from the
project's top-level ``data/`` when the wheel is built); a source checkout reads ``data/`` directly.
Which file is read: ``--db PATH``, else ``$HZ_DB``, else the user's own store if ``hz init`` made
one (``$XDG_DATA_HOME/hz/facts.json``), else the shipped store.

Lookups never write, not even a cache. The file is read once, decoded strictly (UTF-8, JSON,
the TinyDB table layout) and served through TinyDB from a read-only storage, so a bad file gives
one clear ``StoreError`` and is never created, truncated or rewritten by a read.

Big stores: a file of ``index_min_bytes()`` or more (5 MB, about 5,000 facts; override with
``$HZ_INDEX_MIN_BYTES``, a byte count: 0 makes every store big) is answered in one of two ways,
each reading a few rows instead of decoding the whole file:

- from a SQLite index derived from it and kept in the user's cache directory (``index.py``),
  when one matches the file as it is: ``hz import``/``hz init`` write it along with the file,
  and ``hz index`` writes it for a file changed by another program;
- otherwise through ``scan.py``, which parses the file with msgspec and decodes only the rows
  a question needs.

The JSON file stays the one source of truth, and any trouble with the index or the scan falls
back to the file. Smaller stores, the shipped one included, never import ``sqlite3`` or
msgspec. ``Store`` below is the in-memory backend and the interface; ``index.IndexedStore`` and
``scan.ScannedStore`` answer the same calls. ``query.py`` asks only for what a question needs
(``facts_about``, ``get_entity``, ``entities_referring``, ``name_candidates`` …), so that
neither has to decode every row for a lookup; the full tables (``entities``, ``facts``,
``blocks``) are for list commands.

Speed of the in-memory backend (figures in ``bench/README.md``): a lookup reads the whole file,
so its cost grows with the store, linearly; these keep the constant small. Decoding runs with
the cyclic garbage collector paused: a decoded document holds no cycles, yet each collection
would walk every object made so far (1.7 s instead of 0.6 s to decode a 100,000-fact store).
The standard library decodes every file: orjson would save some 0.2 s at 100,000 facts, but it
reads an integer beyond 64 bits as a float without a word, and a store's money is exact
integers. Rows are served as the TinyDB storage holds them, not
through ``Table.all()``, which copies each one into a new ``Document``. Lookups by id, kind and
paragraph number go through indexes built on first use, never a scan per item.
"""

from __future__ import annotations

import gc
import json
import os
import stat
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, Final, cast

from tinydb import TinyDB
from tinydb.storages import Storage

from hightech_cli.errors import NotFound, StoreError
from hightech_cli.models import Block, Entity, ExchangeRate, Fact, Meta

TABLES: Final = ("meta", "entities", "facts", "blocks")
# Entity fields that hold another entity's id: people's organisation, projects' investor.
REFERENCE_FIELDS: Final = ("org", "investor")
ENV_DB: Final = "HZ_DB"
# From this size on, lookups go through the SQLite index (index.py). An indexed lookup costs
# what decoding some 1-2 MB does, but the first one also builds the index (+0.2 s at 9 MB), so
# small stores (about 5,000 facts and fewer) are better off without.
INDEX_MIN_BYTES: Final = 5_000_000
ENV_INDEX_MIN_BYTES: Final = "HZ_INDEX_MIN_BYTES"
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


def index_min_bytes() -> int:
    """The store size from which lookups use the index: ``$HZ_INDEX_MIN_BYTES`` if it is a
    byte count (0 or more), else ``INDEX_MIN_BYTES``."""
    given = os.environ.get(ENV_INDEX_MIN_BYTES, "").strip()
    # ASCII digits only: isdigit() alone also takes "²", which int() refuses.
    return int(given) if given.isascii() and given.isdigit() else INDEX_MIN_BYTES


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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(f"store is not UTF-8 text: {path} (byte {exc.start})") from None
    return parse_json(text, path)


def parse_json(text: str, path: Path) -> object:
    """JSON text of the store at ``path`` (all of it, or one row: ``scan.py``), decoded
    strictly; every failure is a one-line StoreError."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"store is not valid JSON: {path} (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise StoreError(f"store is not valid JSON: {path} (nested too deeply)") from None
    except ValueError as exc:  # an integer of more than 4,300 digits, NaN, Infinity
        raise StoreError(f"store is not valid JSON: {path} ({exc})") from None


def _no_constant(name: str) -> object:
    """NaN and Infinity are not JSON; Python's reader would accept them."""
    raise ValueError(f"{name} is not a JSON number")


def check_table(table: object, name: str, path: Path) -> dict[str, dict[str, Any]]:
    """One table as a store must hold it, an object of objects; StoreError otherwise."""
    if not isinstance(table, dict):
        raise StoreError(f"store has the wrong shape: {path} (no table '{name}')")
    for doc_id, doc in table.items():
        if not isinstance(doc, dict):
            raise StoreError(
                f"store has the wrong shape: {path} (table '{name}' row {doc_id} is not an object)"
            )
    return cast(dict[str, dict[str, Any]], table)


def _check_layout(data: object, path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    if not isinstance(data, dict):
        raise StoreError(f"store has the wrong shape: {path} (top level is not an object)")
    for name in TABLES:
        check_table(data.get(name), name, path)
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
        """Open the store chosen by ``resolve_store_path`` for reading.

        A big store is answered from its index when the index is up to date, otherwise by a
        scan of the file (``scan.py``); a file the scan cannot type is decoded whole, as a small
        store is. Nothing is written either way.
        """
        path = resolve_store_path(db)
        try:
            st = path.stat()
        except OSError:
            st = None  # read_store_file reports it
        if st is None or not stat.S_ISREG(st.st_mode) or st.st_size < index_min_bytes():
            return cls(path, read_store_file(path))
        from hightech_cli import index  # sqlite3, for big stores only

        cached = index.open_index(path, st)
        if cached is not None:
            return cached
        from hightech_cli import scan  # msgspec, for big stores only

        scanned = scan.scan(path)
        if scanned is not None:
            return scanned
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
        ent = self.get_entity(entity_id)
        if ent is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return ent

    def get_entity(self, entity_id: str) -> Entity | None:
        return self._entity_index.get(entity_id)

    def get_fact(self, fact_id: str) -> Fact | None:
        """The fact with this id, or None; a lookup in an index, not a scan of every fact."""
        return self._fact_index.get(fact_id)

    @cached_property
    def _fact_positions(self) -> dict[int, int]:
        return {id(fact): n for n, fact in enumerate(self.facts)}

    @cached_property
    def _referrers(self) -> dict[tuple[str, str], list[Entity]]:
        index: dict[tuple[str, str], list[Entity]] = {}
        for ent in self.entities:
            for field in REFERENCE_FIELDS:
                target = ent.get(field)
                if isinstance(target, str):
                    index.setdefault((field, target), []).append(ent)
        return index

    def entities_of(self, *kinds: str) -> Iterator[Entity]:
        """Entities of these kinds, in store order."""
        if len(kinds) == 1:
            return iter(self._entities_by_kind.get(kinds[0], []))
        return (e for e in self.entities if e["kind"] in kinds)

    def facts_about(self, entity_id: str) -> list[Fact]:
        """Facts whose subject is the entity or that refer to it, in store order."""
        return self._facts_by_entity.get(entity_id, [])

    def facts_about_any(self, entity_ids: Iterable[str]) -> list[Fact]:
        """Facts about any of these entities (subject or reference), each once, in store order."""
        found = {id(f): f for eid in entity_ids for f in self.facts_about(eid)}
        order = self._fact_positions
        return [found[key] for key in sorted(found, key=order.__getitem__)]

    def entities_referring(self, entity_id: str, field: str) -> list[Entity]:
        """Entities whose ``field`` (``org``, ``investor``) is this entity id, in store order."""
        if field in REFERENCE_FIELDS:
            return self._referrers.get((field, entity_id), [])
        return [e for e in self.entities if e.get(field) == entity_id]

    def name_candidates(self, query: str, kinds: Collection[str] | None) -> list[Entity]:
        """Entities that ``names.resolve`` must look at to answer ``query``, in store order.

        Any superset of the entities the query could match does; here, every entity of the
        kinds (all are in memory already). The indexed backend returns just a few.
        """
        if kinds is None:
            return self.entities
        if len(kinds) == 1:
            return self._entities_by_kind.get(next(iter(kinds)), [])
        return [e for e in self.entities if e["kind"] in kinds]

    def name_pool(self, kinds: Collection[str]) -> Sequence[Mapping[str, Any]]:
        """Every entity of the kinds, in store order, for ``names.suggest`` to compare a missed
        name with. A backend may give just the fields ``names`` reads (scan.py does)."""
        return list(self.entities_of(*kinds))

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
