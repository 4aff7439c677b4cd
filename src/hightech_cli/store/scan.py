"""Answer a lookup in a big store that has no index, without decoding all of it.

**Why.** Decoding a whole big store with the standard library takes seconds and gigabytes, and
building the index (``indexing.py``) from it takes longer still (``bench/results/``). A lookup
needs a few rows: the entity a name means, the facts about it, the paragraphs they cite.
:class:`ScannedStore` finds those rows and decodes only them.

**How.** The file is read once and parsed with msgspec, which checks the JSON syntax of the
whole file but builds little. A first pass reads each row's few *head* fields into small
structs, and checks that every row is an object:

- entities: ``id``, ``kind``, the names (``name``, ``aliases``, ``full_name``, ``english_name``,
  ``keys``) and the references (``org``, ``investor``), enough to resolve a name and to follow a
  relation;
- facts: ``subject`` and ``refs``, enough to find the facts about an entity;
- blocks: nothing (only ``hz source``, ``search`` and ``timeline`` read them, and read them all).

Questions are answered with places (a row's index in its table), found by ``list.index`` over a
column of heads, a scan in C, or, once a column has been asked often, by a dict built from it. A
second pass, when the first row is needed, splits the tables into each row's bytes
(``msgspec.Raw``, no copy), and only the rows asked for are decoded.

A row a command is given is its own bytes decoded by the standard library, exactly as
``document.read_store_file`` decodes the whole file (same integers, floats and key order, NaN
and over-long integers refused), and the calls answer as ``MemoryStore``'s do, row for row and
in the same order (``tests/store/test_parity.py`` holds every backend to the same answers).

**What it gives up.** Anything the head types cannot hold (a name that is not text, a row that
is not an object, a top level without the four tables), and anything msgspec rejects that
Python's reader takes (a lone surrogate escape), makes :func:`scan_file` return None, and
the caller decodes the whole file as before: unusual files are answered, or refused, exactly as
before. Bytes in rows a lookup never decodes are checked for JSON syntax only: a row that is
not UTF-8 or holds a 5,000-digit integer is reported when a command reads it, and ``hz check``
reads them all.

Its cost is measured in ``bench/results/``. msgspec is imported only here, for big stores.
"""

from __future__ import annotations

import gc
import itertools
import operator
import types
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, Final, cast

import msgspec

from hightech_cli import names
from hightech_cli.errors import StoreError
from hightech_cli.models import Block, Entity, Fact, Meta, ReferenceField
from hightech_cli.store.document import TABLES, check_table, parse_json, read_store_bytes
from hightech_cli.store.reader import WholeBlocks

# The types msgspec reads with, built from real types rather than class bodies: under
# ``from __future__ import annotations`` a class body's annotations are strings, which msgspec
# would have to evaluate, compiling them on every run.
#
# What a lookup reads of each row: structs without the cyclic collector's header
# (``gc=False``), faster to make than dicts. A field a row lacks is UNSET; one of another type
# (null included) fails the pass, and the file is then decoded whole.


# Every head made by a first pass, kept here until the pass is over. More heads made than rows
# in the tables means that a key was given twice (a row id, or a whole table) and msgspec kept
# the last, as Python's reader would: the file is then decoded whole, which refuses it.
_made: list[Any] = []


class _Counted(msgspec.Struct, gc=False):
    """A row's head that counts itself as msgspec makes it (a list's append, so no Python
    frame per row)."""

    __post_init__ = staticmethod(_made.append)  # type: ignore[misc]


class _EntityHeadBase(_Counted, gc=False):
    """An entity's head, read as ``names`` reads an entity row: ``head["name"]``,
    ``head.get("aliases", [])``, with a field the row lacks absent, as in the row."""

    def __getitem__(self, key: str) -> Any:
        value = getattr(self, key, msgspec.UNSET)
        if value is msgspec.UNSET:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key, msgspec.UNSET)
        return default if value is msgspec.UNSET else value


def _optional(name: str, kind: Any) -> tuple[str, Any, Any]:
    return (name, kind | msgspec.UnsetType, msgspec.UNSET)


_EntityHead = msgspec.defstruct(
    "_EntityHead",
    [
        ("id", str),
        ("kind", str),
        ("name", str),
        _optional("aliases", list[str]),
        _optional("full_name", str),
        _optional("english_name", str),
        _optional("keys", dict[str, list[str]]),
        _optional("org", str),
        _optional("investor", str),
    ],
    bases=(_EntityHeadBase,),
    gc=False,
)
_FactHead = msgspec.defstruct(
    "_FactHead", [("subject", str), _optional("refs", list[str])], bases=(_Counted,), gc=False
)
# Blocks are read only by the commands that read them all (``hz source``, ``search``,
# ``timeline``): the first pass only checks that each is an object, as a full decode would.
_BlockShape = msgspec.defstruct("_BlockShape", [], bases=(_Counted,), gc=False)
# First pass: the heads of entities and facts, the shape of blocks, meta as bytes (other
# top-level keys are skipped). Second pass, when a row is first needed: every entity's and
# fact's bytes. A command reading a whole table gets its bytes from a pass of its own.
_TABLES: Final = ("entities", "facts")
_Heads = msgspec.defstruct(
    "_Heads",
    [
        ("meta", msgspec.Raw),
        # dict[str, head], spelled so that a type checker takes a class made at run time
        ("entities", types.GenericAlias(dict, (str, _EntityHead))),
        ("facts", types.GenericAlias(dict, (str, _FactHead))),
        ("blocks", types.GenericAlias(dict, (str, _BlockShape))),
    ],
)
_Rows = msgspec.defstruct("_Rows", [(name, dict[str, msgspec.Raw]) for name in _TABLES])
_Whole = msgspec.defstruct("_Whole", [(name, msgspec.Raw) for name in (*_TABLES, "blocks")])


# Every table's rows as bytes, for a write that keeps most of them (``splice.py``): the tables in
# the order hz writes them; a file in another order or with other top-level keys is told apart
# by the caller, which lays the rows out again and compares.
_AllRows = msgspec.defstruct("_AllRows", [(name, dict[str, msgspec.Raw]) for name in TABLES])


def split_rows(raw: bytes | memoryview) -> dict[str, dict[str, msgspec.Raw]] | None:
    """Every table of a store file as each row's bytes by row id (no copy), in the order of
    ``document.TABLES``; None if msgspec cannot read the file so (a table missing, or not
    an object). Nothing in a row is looked at: the caller decodes what it needs."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        rows = msgspec.json.decode(raw, type=_AllRows)
    except _UNREADABLE:
        return None
    finally:
        if collecting:
            gc.enable()
    return {name: getattr(rows, name) for name in TABLES}


_BOM: Final = b"\xef\xbb\xbf"
# msgspec's errors for what it cannot read or type; UnicodeDecodeError for a head field.
_UNREADABLE = (msgspec.MsgspecError, UnicodeDecodeError, RecursionError)


def scan_file(path: Path) -> ScannedStore | None:
    """The store at ``path`` parsed for lookups, or None if only a full decode can read it.

    Reading errors (missing file, directory, empty file) also give None: the caller then runs
    ``document.read_store_file``, so that every message about a bad file comes from one place.
    The cyclic garbage collector is paused meanwhile, as for a full decode: the heads hold no
    cycles, and each collection would walk every object made so far.
    """
    try:
        raw = read_store_bytes(path)
    except StoreError:
        return None
    if not raw or raw.isspace():
        return None
    # A byte order mark is skipped, as document.decode skips it (a view: no copy).
    body: bytes | memoryview = memoryview(raw)[3:] if raw.startswith(_BOM) else raw
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            heads = msgspec.json.decode(body, type=_Heads)
            made = len(_made)
        finally:
            _made.clear()
        if made != sum(len(getattr(heads, t)) for t in (*_TABLES, "blocks")):
            return None  # a key given twice: document.read_store_file says which
        return ScannedStore(path, body, heads)
    except (*_UNREADABLE, _Unscannable):
        return None
    finally:
        if collecting:
            gc.enable()


def load_row(raw: msgspec.Raw, path: Path) -> Any:
    """Bytes of a row or table, decoded as ``document.read_store_file`` decodes the whole file
    (a byte offset would be the row's, not the file's: the reason is given instead)."""
    try:
        text = bytes(raw).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(f"store is not UTF-8 text: {path} ({exc.reason})") from None
    return parse_json(text, path)


class _Unscannable(Exception):
    """A table whose rows or heads msgspec cannot type; the file must be decoded whole."""


class _Split:
    """Every row's bytes, by table, from a second pass made when a row is first needed.

    The same bytes as the heads: the same keys in the same order (a repeated key keeps its
    first place and its last value in both, as in Python's reader); the first pass has shown
    the tables to be objects, so this pass cannot fail.
    """

    def __init__(self, raw: bytes | memoryview) -> None:
        self._raw = raw

    @cached_property
    def tables(self) -> dict[str, list[msgspec.Raw]]:
        rows = msgspec.json.decode(self._raw, type=_Rows)
        return {name: list(getattr(rows, name).values()) for name in _TABLES}

    @cached_property
    def _wholes(self) -> Any:
        return msgspec.json.decode(self._raw, type=_Whole)

    def whole(self, name: str) -> msgspec.Raw:
        """One table's bytes, for a command that reads every row of it (one pass for all)."""
        return getattr(self._wholes, name)  # type: ignore[no-any-return]


class _Table:
    """One table: its rows' heads, and its rows decoded on demand, each once."""

    def __init__(self, name: str, heads: dict[str, Any], split: _Split, path: Path) -> None:
        self.heads: list[Any] = list(heads.values())
        self._name = name
        self._split = split
        self._decoded: dict[int, Any] = {}
        self._path = path

    def row(self, n: int) -> Any:
        """Row ``n`` (its place in the file), decoded once."""
        found = self._decoded.get(n)
        if found is None:
            raw = self._split.tables[self._name][n]
            found = self._decoded[n] = load_row(raw, self._path)
        return found

    def rows(self, places: Iterable[int]) -> list[Any]:
        return [self.row(n) for n in places]

    def all(self) -> list[Any]:
        """Every row: the table decoded at once (one call, not one per row), keeping the
        rows already decoded, so that a row is the same object however it was reached."""
        table = load_row(self._split.whole(self._name), self._path)
        return [self._decoded.setdefault(n, row) for n, row in enumerate(table.values())]


# A value held by more rows than this is found by one pass in a comprehension rather than by a
# list.index call per row (entities_of("company") at 1,000,000 facts: 120,000 rows).
_MANY: Final = 64


def _places(items: list[Any], value: Any) -> list[int]:
    """Every place of ``value`` in ``items``, by list.index: a scan in C, not a Python loop."""
    if items.count(value) > _MANY:
        return [n for n, item in enumerate(items) if item == value]
    found: list[int] = []
    at = -1
    try:
        while True:
            at = items.index(value, at + 1)
            found.append(at)
    except ValueError:
        return found


# A column answers its first few questions by scans; from then on, from a dict of every value's
# places, which costs about as much as 10 scans to build. A lookup asks
# a handful of questions; a list command asks one per entity, thousands.
_SCANS_BEFORE_INDEX: Final = 8


class _Column:
    """One field of every head of a table, and where each value is."""

    def __init__(self, values: list[Any]) -> None:
        self.values = values
        self._index: dict[Any, list[int]] | None = None
        self._scans = 0

    def places(self, wanted: Collection[Any]) -> list[int]:
        """The places holding any of ``wanted``, in order."""
        if self._index is None and self._scans + len(wanted) <= _SCANS_BEFORE_INDEX:
            self._scans += len(wanted)
            found = [n for value in wanted for n in _places(self.values, value)]
        else:
            index = self._index if self._index is not None else self._build()
            found = [n for value in wanted for n in index.get(value, ())]
        if len(wanted) > 1:
            found.sort()
        return found

    def _build(self) -> dict[Any, list[int]]:
        index: dict[Any, list[int]] = {}
        for n, value in enumerate(self.values):
            index.setdefault(value, []).append(n)
        self._index = index
        return index


class ScannedStore(WholeBlocks):
    """A store answered from its file's bytes: the ``Reader`` calls, with the same results.

    No row is decoded up front (the small ``meta`` table aside). Construction splits the
    tables and reads their heads; a table that cannot be typed raises ``_Unscannable``.
    """

    def __init__(self, path: Path, raw: bytes | memoryview, heads: Any) -> None:
        self.path = path
        split = _Split(raw)
        self._entity_table = _Table("entities", heads.entities, split, path)
        self._fact_table = _Table("facts", heads.facts, split, path)
        self._split = split
        self._about_cache: dict[str, list[int]] = {}
        self._columns: dict[str, _Column] = {}
        try:
            self._meta = self._whole(heads.meta, "meta")
        except StoreError as exc:
            raise _Unscannable(str(exc)) from None
        if len(self._meta) != 1:
            raise _Unscannable("table 'meta' needs one row")

    def _whole(self, raw: msgspec.Raw, name: str) -> list[dict[str, Any]]:
        """A table decoded whole, checked as ``document.read_store_file`` checks it."""
        return list(check_table(load_row(raw, self.path), name, self.path).values())

    @cached_property
    def meta(self) -> Meta:
        return cast(Meta, self._meta[0])

    @cached_property
    def entities(self) -> list[Entity]:
        return cast(list[Entity], self._entity_table.all())

    @cached_property
    def facts(self) -> list[Fact]:
        return cast(list[Fact], self._fact_table.all())

    @cached_property
    def blocks(self) -> list[Block]:
        # Only ``hz source``, ``search`` and ``timeline`` read paragraphs, and they read them
        # all: the table is decoded whole, and ``_block_at`` finds one in it.
        rows = self._whole(self._split.whole("blocks"), "blocks")
        return sorted(cast(list[Block], rows), key=lambda b: b["n"])

    # ------------------------------------------------------------------ rows by place
    # Each question is answered with places (a row's index in its table), found by list.index
    # over one column of the heads, a scan in C: a Python loop over 100,000 heads costs more
    # than a lookup can spare.

    def _column(self, key: str) -> _Column:
        """One field of every entity head (UNSET where absent), made once per field."""
        found = self._columns.get(key)
        if found is None:
            heads = self._entity_table.heads
            found = self._columns[key] = _Column(list(map(operator.attrgetter(key), heads)))
        return found

    def _entity_places(self, key: str, values: Iterable[Any]) -> list[int]:
        """Places of the entities whose ``key`` is one of ``values``, in store order."""
        return self._column(key).places(set(values))

    def _entities_at(self, places: Iterable[int]) -> list[Entity]:
        return cast(list[Entity], self._entity_table.rows(places))

    @cached_property
    def _entity_at(self) -> dict[str, int]:
        # The last row with an id wins, as in MemoryStore's dict of rows by id.
        return dict(zip(self._column("id").values, itertools.count()))

    @cached_property
    def _fact_at(self) -> dict[str, Fact]:
        # Facts are looked up by id only for search, which reads every fact anyway; the last
        # row with an id wins, as in MemoryStore's dict of rows by id.
        return {f["id"]: f for f in self.facts}

    @cached_property
    def _subjects(self) -> _Column:
        return _Column(list(map(operator.attrgetter("subject"), self._fact_table.heads)))

    @cached_property
    def _referenced(self) -> dict[str, list[int]]:
        """Facts under each reference that is not their subject, once per listing."""
        refs = list(map(operator.attrgetter("refs"), self._fact_table.heads))
        subjects = self._subjects.values
        index: dict[str, list[int]] = {}
        # The facts with references: UNSET (no refs) and [] are false.
        for n in itertools.compress(itertools.count(), refs):
            for ref in refs[n]:
                if ref != subjects[n]:
                    index.setdefault(ref, []).append(n)
        return index

    def _about(self, entity_id: str) -> list[int]:
        """The places of the facts about an entity, as MemoryStore files them: once under the
        subject, and once per other reference naming it."""
        found = self._about_cache.get(entity_id)
        if found is None:
            found = self._subjects.places([entity_id]) + self._referenced.get(entity_id, [])
            found.sort()
            self._about_cache[entity_id] = found
        return found

    # ------------------------------------------------------------------- MemoryStore's calls

    def get_entity(self, entity_id: str) -> Entity | None:
        n = self._entity_at.get(entity_id)
        return None if n is None else cast(Entity, self._entity_table.row(n))

    def get_fact(self, fact_id: str) -> Fact | None:
        return self._fact_at.get(fact_id)

    def entities_of(self, *kinds: str) -> Iterator[Entity]:
        return iter(self._entities_at(self._entity_places("kind", kinds)))

    def facts_about(self, entity_id: str) -> list[Fact]:
        return cast(list[Fact], self._fact_table.rows(self._about(entity_id)))

    def facts_about_any(self, entity_ids: Iterable[str]) -> list[Fact]:
        places = {n for eid in entity_ids for n in self._about(eid)}
        return cast(list[Fact], self._fact_table.rows(sorted(places)))

    def entities_referring(self, entity_id: str, field: ReferenceField) -> list[Entity]:
        return self._entities_at(self._entity_places(field, [entity_id]))

    def count_of(self, *kinds: str) -> int:
        return len(self._entity_places("kind", kinds))

    def name_pool(self, kinds: Collection[str]) -> Sequence[Mapping[str, Any]]:
        heads = self._entity_table.heads
        return [heads[n] for n in self._entity_places("kind", kinds)]

    def name_candidates(self, query: str, kinds: Collection[str] | None) -> list[Entity]:
        """The entities the query resolves to over every head of the kinds, in store order.

        Resolving over exactly the entities a query matches gives the same answer as over all
        of them (the module docstring of ``names`` has the tiers); heads carry every field the
        tiers compare, so only the matches are decoded.
        """
        pool = self._entity_table.heads if kinds is None else self.name_pool(kinds)
        ids = {m.entity_id for m in names.resolve(query, pool, kinds=kinds)}
        return self._entities_at(self._entity_places("id", ids))
