"""What each row of a store puts into the index's tables (``index.py`` has the schema): one pass
over the rows, feeding every part of the index.

**The pass** (:func:`fill`) reads the store once, in file order: the ``meta`` row, then every
entity, fact and block, each decoded (a dict, as the strict reader decodes it) with its place
``n`` in its table and its JSON text (the text the index stores, read back by ``json.loads``
equal to the row). It hands each to every :class:`Consumer` in :data:`CONSUMERS`: one per part
of the index (the row tables; references and relations; name forms; the search rows). A
consumer buffers what it makes of the rows and writes it with ``executemany`` a batch at a
time, so that no table's rows are all held at once. A new part of the index is a consumer
(its table in ``index.SCHEMA``, its indexes in ``index.INDEXES``, the tables it fills in its
``TABLES``) and a line in :data:`CONSUMERS`. The pass may be split in two, the consumers of
:data:`SECOND_PROCESS` fed in a process of their own (``index_split.py``): each consumer
writes only its own tables, and makes them the same wherever it runs.

**Where rows come from.** A :class:`Rows` source: the file's rows read one at a time
(``rows.StoreRows``, for ``hz index`` and a writer that has not kept the document) or a
document already decoded (:class:`DocumentRows`, for a writer that has). Either gives the same
rows, so the index is the same table for table (``tests/store/test_index_build.py``).

A row the index cannot hold as the backends read it (an id or kind that is not text, a block
number that is not an integer, ``refs`` that is not a list of texts) raises, and the caller
writes no index.
"""

from __future__ import annotations

import json
import math
import sqlite3
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Final, Protocol

from hightech_cli import names, orders, search
from hightech_cli.models import REFERENCE_FIELDS
from hightech_cli.store.document import Document
from hightech_cli.store.index import FILL_SEARCH, INDEXES, SEARCH_STAGE
from hightech_cli.store.near import blob_of

_BATCH: Final = 20_000  # rows a consumer holds before it writes them
Row = dict[str, Any]
Text = str | bytes  # bytes: UTF-8 JSON, stored as text by CAST(? AS TEXT)


class Rows(Protocol):
    """The rows of a store, table by table, for one pass."""

    meta: Row

    def rows(self, name: str) -> Iterator[tuple[Row, bytes | None]]:
        """Each row of the table with its compact JSON text (None: :func:`fill` writes it)."""
        ...

    def close(self) -> None:
        """Let go of the file's bytes, once every table has been read."""
        ...


class DocumentRows:
    """The rows of a document already decoded (and validated) by its caller."""

    def __init__(self, data: Document) -> None:
        self._data = data
        self.meta: Row = next(iter(data["meta"].values()))  # the layout check made sure

    def rows(self, name: str) -> Iterator[tuple[Row, bytes | None]]:
        return ((row, None) for row in self._data[name].values())

    def close(self) -> None:
        pass  # the caller's document is the caller's


class Consumer:
    """One part of the index, fed every row by :func:`fill`; the default ignores them all."""

    TABLES: ClassVar[tuple[str, ...]] = ()  # the index tables it fills, and no other
    TEXT: ClassVar[bool] = False  # whether it reads a row's JSON text (else given "")

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def meta(self, meta: Row, text: Text) -> None:
        """The one ``meta`` row."""

    def entity(self, n: int, row: Row, text: Text) -> None:
        """Entity ``n`` (its place in the file)."""

    def fact(self, n: int, row: Row, text: Text) -> None:
        """Fact ``n``."""

    def block(self, n: int, row: Row, text: Text) -> None:
        """Block ``n`` (its place in the file, not its number)."""

    def flush(self) -> None:
        """Write what has been buffered; called every batch of rows and at the end."""

    def finish(self) -> None:
        """Write what can be known only once every row is in; called once, after the last
        flush."""

    def info(self) -> dict[str, str]:
        """What the index's ``info`` table should record, once every row is in."""
        return {}


class Buffered(Consumer):
    """A consumer that keeps rows for a few tables and writes each with one statement."""

    SQL: ClassVar[dict[str, str]] = {}  # buffer name -> INSERT statement

    def __init__(self, con: sqlite3.Connection) -> None:
        super().__init__(con)
        self.out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in self.SQL}

    def flush(self) -> None:
        for name, rows in self.out.items():
            if rows:
                self.con.executemany(self.SQL[name], rows)
                rows.clear()


def _text(row: Mapping[str, Any], key: str) -> str:
    """A field that must be text for the index to file the row as the backends do."""
    value = row[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} is not text")
    return value


def _texts(row: Mapping[str, Any], *keys: str) -> None:
    """TypeError naming the first of ``keys`` whose value is not text."""
    for key in keys:
        _text(row, key)


def _number(block: Mapping[str, Any]) -> int:
    n = block["n"]
    if type(n) is not int:  # not even a bool: SQLite would file True as 1, Store would not
        raise TypeError("n is not an integer")
    return n


class RowTables(Buffered):
    """``meta``, ``entities``, ``facts`` and ``blocks``: each row's keys and its JSON text."""

    TABLES: ClassVar[tuple[str, ...]] = ("meta", "entities", "facts", "blocks")
    TEXT: ClassVar[bool] = True

    SQL: ClassVar[dict[str, str]] = {
        "entities": "INSERT INTO entities VALUES (?, ?, ?, CAST(? AS TEXT))",
        "facts": "INSERT INTO facts VALUES (?, ?, ?, ?, CAST(? AS TEXT))",
        "blocks": "INSERT INTO blocks VALUES (?, ?, ?, CAST(? AS TEXT))",
    }

    def __init__(self, con: sqlite3.Connection) -> None:
        super().__init__(con)
        self.kinds: set[str] = set()
        self._entities = self.out["entities"].append
        self._facts = self.out["facts"].append
        self._blocks = self.out["blocks"].append

    def meta(self, meta: Row, text: Text) -> None:
        self.con.execute("INSERT INTO meta VALUES (CAST(? AS TEXT))", (text,))

    def entity(self, n: int, row: Row, text: Text) -> None:
        eid, kind = row["id"], row["kind"]
        if type(eid) is not str or type(kind) is not str:  # JSON text is a str, no subclass
            _texts(row, "id", "kind")
        self.kinds.add(kind)
        self._entities((n, eid, kind, text))

    def fact(self, n: int, row: Row, text: Text) -> None:
        fid, subject, kind = row["id"], row["subject"], row["kind"]
        if type(fid) is not str or type(subject) is not str or type(kind) is not str:
            _texts(row, "id", "subject", "kind")
        self._facts((n, fid, subject, kind, text))

    def block(self, n: int, row: Row, text: Text) -> None:
        self._blocks((n, _number(row), _text(row, "source"), text))

    def info(self) -> dict[str, str]:
        return {"kinds": json.dumps(sorted(self.kinds), ensure_ascii=False)}


class Links(Buffered):
    """``refs``: each fact under its subject and each reference, as ``Reader.facts_about``
    files it; ``relations``: the ``REFERENCE_FIELDS`` of each entity."""

    TABLES: ClassVar[tuple[str, ...]] = ("refs", "relations")

    SQL: ClassVar[dict[str, str]] = {
        "refs": "INSERT INTO refs VALUES (?, ?, ?)",
        "relations": "INSERT INTO relations VALUES (?, ?, ?)",
    }

    def entity(self, n: int, row: Row, text: Text) -> None:
        for field in REFERENCE_FIELDS:
            if field in row:
                self.out["relations"].append((n, field, _text(row, field)))

    def fact(self, n: int, row: Row, text: Text) -> None:
        subject = row["subject"]
        out = self.out["refs"]
        out.append((subject, n, 0))
        refs = row.get("refs", [])
        if not isinstance(refs, list):
            raise TypeError("refs is not a list")
        for pos, ref in enumerate(refs, start=1):
            if not isinstance(ref, str):
                raise TypeError("a reference is not text")
            if ref != subject:
                out.append((ref, n, pos))


class Names(Buffered):
    """``names``: every form ``names.name_forms`` gives, for ``IndexedStore.name_candidates``."""

    TABLES: ClassVar[tuple[str, ...]] = ("names",)

    SQL: ClassVar[dict[str, str]] = {"names": "INSERT INTO names VALUES (?, ?, ?, ?)"}

    def entity(self, n: int, row: Row, text: Text) -> None:
        kind = row["kind"]
        self.out["names"] += [(kind, t, form, n) for t, form in names.name_forms(row)]


class SearchRows(Buffered):
    """Every record ``search.records`` reads, staged with its rank key (four numbers), its
    kind, its place in its own table and its folded text; once every row is in,
    ``index.FILL_SEARCH`` puts them in rank order and fills the full-text table. The key's
    last number, the record's place among all records, is its place in its own table:
    records of different kinds never tie on the first number, and blocks of one number are
    in file order among those ``search.records`` reads by number."""

    TABLES: ClassVar[tuple[str, ...]] = ("search_rows", "search_fts")
    SQL: ClassVar[dict[str, str]] = {
        "stage": "INSERT INTO temp.search_stage VALUES (?, ?, ?, ?, ?, ?, ?)"
    }

    def __init__(self, con: sqlite3.Connection) -> None:
        super().__init__(con)
        con.executescript(SEARCH_STAGE)
        self._add = self.out["stage"].append

    def _record(self, record: search.Record, n: int) -> None:
        folded = search.fold_fields(record.fields)
        key = search.rank_key(record.kind, len(folded), record.paragraph, n)
        self._add((*key, search.KIND_CODE[record.kind], n, folded))

    def entity(self, n: int, row: Row, text: Text) -> None:
        self._record(search.entity_record(row), n)

    def fact(self, n: int, row: Row, text: Text) -> None:
        self._record(search.fact_record(row), n)

    def block(self, n: int, row: Row, text: Text) -> None:
        _number(row)
        self._record(search.block_record(row), n)

    def finish(self) -> None:
        self.con.executescript(FILL_SEARCH)


class Lists(Consumer):
    """``lists`` and ``timeline``: what ``orders.Derived`` makes of every row (the orders of
    the list commands, project heads, disagreeing figures, source counts), written at the end.
    Blocks are given to it by paragraph number, as ``Reader.blocks`` gives them."""

    TABLES: ClassVar[tuple[str, ...]] = ("lists", "timeline")

    def __init__(self, con: sqlite3.Connection) -> None:
        super().__init__(con)
        self._derived = orders.Derived({})  # replaced by the one for the meta row, fed first
        self._blocks: list[tuple[int, int, str]] = []

    def meta(self, meta: Row, text: Text) -> None:
        self._derived = orders.Derived(meta)

    def entity(self, n: int, row: Row, text: Text) -> None:
        self._derived.entity(n, row)

    def fact(self, n: int, row: Row, text: Text) -> None:
        self._derived.fact(n, row)

    def block(self, n: int, row: Row, text: Text) -> None:
        self._blocks.append((_number(row), n, _text(row, "source")))

    def finish(self) -> None:
        self._blocks.sort()  # by number, file order among equal numbers
        for _, _, source in self._blocks:
            self._derived.block(source)
        found = self._derived.lists()
        dumps = row_encoder()
        rows = {
            "companies": found.companies,
            "projects": found.projects,
            "conflicts": [list(pair) for pair in found.conflicts],
            "sources": found.sources,
        }
        self.con.executemany(
            "INSERT INTO lists VALUES (?, ?)", [(k, dumps(v)) for k, v in rows.items()]
        )
        self.con.executemany(
            "INSERT INTO timeline VALUES (?, ?, ?, ?, ?)",
            ((i, d.n, d.first, d.last, d.source) for i, d in enumerate(found.timeline)),
        )


class Pool(Buffered):
    """``pool``: the fields ``names`` reads of every entity (``names.pool_entry``) and the
    texts a missed name's did-you-mean compares (``names.suggest_texts``). And what lets it
    compare only a few (``store/near.py``): ``near_forms``, every string it compares
    (``names.suggest_forms``, from those texts), numbered; ``near_groups``, a number for each
    kind and side of the query they are compared with; ``near_chars``, for each group,
    character, string length and count of the character, the numbers of the strings that hold
    it so. Those lists are kept in memory as 4-byte arrays (4 bytes a distinct character of
    every string) and written, in key order, at the end."""

    TABLES: ClassVar[tuple[str, ...]] = ("pool", "near_forms", "near_groups", "near_chars")
    SQL: ClassVar[dict[str, str]] = {
        "pool": "INSERT INTO pool VALUES (?, ?, ?, ?)",
        "forms": "INSERT INTO near_forms VALUES (?, ?, ?)",
    }

    def __init__(
        self,
        con: sqlite3.Connection,
        groups: Mapping[tuple[str, str], int] | None = None,
        first: int = 0,
    ) -> None:
        """``groups`` and ``first``: the groups an index has, and the number its next string
        takes, to add strings to it (``index_patch.py``); a build starts with none."""
        super().__init__(con)
        self._dumps = row_encoder()
        self.groups: dict[tuple[str, str], int] = dict(groups or {})
        self.lists: dict[tuple[int, str, int, int], array[int]] = {}
        self._next = first

    def entity(self, n: int, row: Row, text: Text) -> None:
        kind = row["kind"]
        texts = names.suggest_texts(row)
        self.out["pool"].append((n, kind, "\n".join(texts), self._dumps(names.pool_entry(row))))
        add, lists, groups = self.out["forms"].append, self.lists, self.groups
        for side, form in names.suggest_forms(row, texts):
            grp = groups.setdefault((kind, side), len(groups))
            number = self._next
            self._next += 1
            add((number, n, form))
            length = len(form)
            for c in set(form):
                key = (grp, c, length, form.count(c))
                held = lists.get(key)
                if held is None:
                    held = lists[key] = array("I")
                held.append(number)

    def finish(self) -> None:
        self.con.executemany(
            "INSERT INTO near_groups VALUES (?, ?, ?)",
            ((grp, kind, side) for (kind, side), grp in self.groups.items()),
        )
        lists = self.lists
        # In key order, each list let go of once written: they are most of this part's memory.
        self.con.executemany(
            "INSERT INTO near_chars VALUES (?, ?, ?, ?, ?, ?)",
            ((*key, len(ids), blob_of(ids)) for key in sorted(lists) for ids in [lists.pop(key)]),
        )


class Cites(Consumer):
    """``cites``: for each source (text) and table (``tbl`` 0, entities; 1, facts), the places
    of the rows resting on it (``orders.row_sources``) as 4-byte numbers, so that a list kept
    to a few sources reads only their rows; or NULL where they are not few (one row in
    :data:`FEW` of the table or more), where reading the rows in order finds a page at once."""

    TABLES: ClassVar[tuple[str, ...]] = ("cites",)
    FEW: ClassVar[int] = 20

    def __init__(self, con: sqlite3.Connection) -> None:
        super().__init__(con)
        self._places: tuple[dict[str, array[int]], dict[str, array[int]]] = ({}, {})
        self._rows = [0, 0]

    def entity(self, n: int, row: Row, text: Text) -> None:
        self._add(0, n, row)

    def fact(self, n: int, row: Row, text: Text) -> None:
        self._add(1, n, row)

    def _add(self, tbl: int, n: int, row: Row) -> None:
        self._rows[tbl] = n + 1
        places = self._places[tbl]
        for source in orders.row_sources(row):
            if isinstance(source, str):
                held = places.get(source)
                if held is None:
                    held = places[source] = array("I")
                held.append(n)

    def finish(self) -> None:
        rows = []
        for tbl, places in enumerate(self._places):
            for source, ids in places.items():
                few = len(ids) * self.FEW < self._rows[tbl]
                rows.append((source, tbl, blob_of(ids) if few else None))
        self.con.executemany("INSERT INTO cites VALUES (?, ?, ?)", rows)


# Every part of the index, in the order each is fed a row.
# (The pool before the search rows: it lets go of its near tables' lists before the full-text
# table is filled, which takes memory of its own.)
CONSUMERS: Final[tuple[type[Consumer], ...]] = (
    RowTables,
    Links,
    Names,
    Pool,
    SearchRows,
    Lists,
    Cites,
)
# The parts a build on several processors feeds in a second process (``index_split.py``):
# about half of the work (``bench/results/index-build.md``), none of it needing the rows' text.
SECOND_PROCESS: Final[frozenset[type[Consumer]]] = frozenset({SearchRows, Pool, Cites})


def fill(
    con: sqlite3.Connection, source: Rows, parts: Sequence[type[Consumer]] | None = None
) -> dict[str, str]:
    """Feed every row of ``source`` to each of ``parts`` (all of :data:`CONSUMERS` by
    default), in one pass, and make the indexes of the tables they fill; what they want
    recorded in ``info``. The source's bytes are let go of once its last table is read."""
    dumps = row_encoder()
    made = [make(con) for make in (CONSUMERS if parts is None else parts)]
    wants_text = any(part.TEXT for part in made)
    meta_text = dumps(source.meta) if wants_text else ""
    for part in made:
        part.meta(source.meta, meta_text)
    # Each table's rows go only to the consumers that take them (a call per row saved).
    feeds: list[tuple[str, list[Callable[[int, Row, Text], None]]]] = [
        (table, [getattr(p, kind) for p in made if _takes(p, kind)])
        for table, kind in (("entities", "entity"), ("facts", "fact"), ("blocks", "block"))
    ]
    flushes = [part.flush for part in made]
    for table, feed in feeds:
        for n, (row, raw) in enumerate(source.rows(table)):
            text: Text = (dumps(row) if raw is None else raw) if wants_text else ""
            for consume in feed:
                consume(n, row, text)
            if n % _BATCH == _BATCH - 1:
                for flush in flushes:
                    flush()
    source.close()
    info: dict[str, str] = {}
    for part in made:
        part.flush()
        part.finish()
        info.update(part.info())
    con.commit()
    make_indexes(con, [table for part in made for table in part.TABLES])
    return info


def make_indexes(con: sqlite3.Connection, tables: Sequence[str]) -> None:
    """Make the indexes of these tables (``index.INDEXES``), once their rows are in."""
    for table in tables:
        if table in INDEXES:
            con.executescript(INDEXES[table])


def _takes(part: Consumer, kind: str) -> bool:
    """Whether ``part`` does anything with rows of this kind (overrides the method)."""
    return getattr(type(part), kind) is not getattr(Consumer, kind)


def row_encoder() -> Callable[[Any], str]:
    """Each row as JSON text that ``json.loads`` reads back equal to it, for a row read by the
    standard library (``rows.py`` gives msgspec's text for the others).

    msgspec writes it several times faster than the standard library; a row it cannot write
    is written by the standard library, and so is one holding an infinity, which msgspec
    would write as null (the strict reader refuses ``1e400``; a caller's own row may hold one).
    """
    plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    import msgspec

    fast = msgspec.json.Encoder()

    def dumps(row: Any) -> str:
        try:
            text = fast.encode(row)
        except Exception:  # any row msgspec cannot write is the standard library's to write
            return plain.encode(row)
        # msgspec writes an infinity as null; the standard library writes ``Infinity``, which
        # json.loads reads back as the row has it.
        if b"null" in text and _non_finite(row):
            return plain.encode(row)
        return text.decode("utf-8")

    return dumps


def _non_finite(value: Any) -> bool:
    """Whether a float in ``value`` is an infinity or NaN (without recursion)."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, float):
            if not math.isfinite(item):
                return True
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list | tuple):
            todo.extend(item)
    return False
