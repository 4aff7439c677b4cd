"""A SQLite index derived from a big store, so that a lookup reads a few rows, not the file.

**What it is.** The TinyDB JSON file stays the one source of truth; the index is a cache derived
from it, as git's index or mypy's cache are: it may be deleted at any time and is rebuilt when
the file changes (by ``hz index``, or by hz's next write). It lives at
``$XDG_CACHE_HOME/hz/<sha256 of the store's absolute path>.sqlite`` (``~/.cache/hz/`` by
default; symlinks resolved; mode 0600) and records the store file's size, modification and
status-change times (ns), inode and device, and ``FORMAT_VERSION``: it is used only while all
of them match the file as it is now (:func:`open_index`); an edit in place that puts the old
size and times back still changes the status-change time. Lookups (``store.open_store``) and
writes (``transfer.py``) come here only for files of ``location.index_min_bytes()`` or more,
so small stores never import ``sqlite3``.

**Tables.** ``entities`` (n, id, kind, json), ``facts`` (n, id, subject, kind, json), ``blocks``
(n, num, source, json), ``meta`` (json): ``n`` is the row's place in the file, ``json`` the row,
read back by ``json.loads`` equal to the file's. ``refs`` (entity_id, fact, pos): each fact under
its subject and each reference, as ``Reader.facts_about`` files it. ``relations`` (entity, field,
target) for the ``REFERENCE_FIELDS``. ``names`` (kind, type, form, entity): every form
``names.name_forms`` gives, for :meth:`IndexedStore.name_candidates`. ``info``: what it was
built from, and by whom.

**Lists.** What ``orders.Derived`` works out from every row when the index is built, so that a
page of a list reads a few rows: ``lists`` (name, json) holds ``companies`` (entity places in
the order they are introduced), ``projects`` (each project's head), ``conflicts`` (pairs of
fact places) and ``sources`` (each source's counts); ``timeline`` (place, n, first, last,
source) holds the dated facts in the timeline's order, ``place`` being that order. ``pool`` (n,
kind, texts, json): what ``names`` reads of every entity (``names.pool_entry``), with the texts
a missed name's did-you-mean compares (``names.suggest_texts``), so that a miss can read only
the entities that share a character with it.

**Near names.** What a missed name's did-you-mean compares, kept so that it compares a few
(``near.py`` has the bound and the search): ``near_forms`` (id, n, form), every string of
``names.suggest_forms`` numbered, with its entity's place; ``near_groups`` (grp, kind, side), a
number for each kind and side of the query those strings are compared with; ``near_chars`` (grp,
ch, len, cnt, forms, ids): for each group, character, string length and count of the character
in the string, how many strings hold it so and their numbers (``ids``, 4-byte little-endian),
indexed on all but the numbers so that choosing the rarest characters reads the index alone.

**Search.** ``search_rows`` (place, kind, row, len, para, norm): every record
``search.records`` reads, stored in rank order (``place`` orders them as ``search.rank_key``
does, spaced ``SEARCH_GAP`` apart by a build so that a patch can put new ones between), with
its place in its own table, the rest of its rank key, and its folded text
(``search.fold_fields``). ``search_fts``: an FTS5
table over that text (the trigram tokenizer, case-sensitive, as the text is folded already;
``detail=none``, contentless), each text followed by two newlines so that every character
begins a trigram: a term of three or more characters is looked for by its trigrams (AND), one
of one or two characters by the trigrams that begin with it (OR, from ``fts5vocab``). Both
only narrow the candidates: ``instr`` on the folded text decides, so the index matches exactly
as ``search.search`` does, and as the rows come in rank order a page of hits reads only the
rows before its end (:meth:`IndexedStore.search`).

**Reading.** The index is opened read-only and immutable (it is only ever replaced, never changed
in place: a write patches a copy, ``index_patch.py``). A file that is no usable index is
ignored (``hz index`` replaces it). Damage found while answering raises
``errors.IndexDamaged`` after deleting the index; ``store.ask`` then asks once more, and the
store file answers.

``indexing.py`` writes it: when, from what, and why a new one can be trusted at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import json
import operator
import os
import sqlite3
import stat
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

from hightech_cli import names, orders
from hightech_cli.errors import IndexDamaged
from hightech_cli.models import Block, Entity, Fact, Meta, ReferenceField
from hightech_cli.store import near
from hightech_cli.store.location import xdg_dir
from hightech_cli.store.reader import Reader
from hightech_cli.text import normalize

if TYPE_CHECKING:
    from hightech_cli.search import Hit, Record

FORMAT_VERSION: Final = 11  # bump whenever the tables or what goes into them change
_CHUNK: Final = 500  # ids per IN (...) list, well under SQLite's limit on parameters

# Pages of 8 KB rather than 4: fewer pages for the rows' JSON text, a smaller file built a little
# faster, the same lookups (``bench/results/index-build.md``).
SCHEMA: Final = """
PRAGMA page_size = 8192;
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -65536;
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE meta (json TEXT NOT NULL);
CREATE TABLE entities (n INTEGER PRIMARY KEY, id TEXT, kind TEXT, json TEXT NOT NULL);
CREATE TABLE facts (n INTEGER PRIMARY KEY, id TEXT, subject TEXT, kind TEXT, json TEXT NOT NULL);
CREATE TABLE blocks (n INTEGER PRIMARY KEY, num INTEGER, source TEXT, json TEXT NOT NULL);
CREATE TABLE refs (entity_id TEXT, fact INTEGER, pos INTEGER);
CREATE TABLE relations (entity INTEGER, field TEXT, target TEXT);
CREATE TABLE names (kind TEXT, type TEXT, form TEXT, entity INTEGER);
CREATE TABLE lists (name TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE pool (n INTEGER PRIMARY KEY, kind TEXT, texts TEXT, json TEXT NOT NULL);
CREATE TABLE near_groups (grp INTEGER PRIMARY KEY, kind TEXT, side TEXT);
CREATE TABLE near_forms (id INTEGER PRIMARY KEY, n INTEGER, form TEXT);
CREATE TABLE near_chars (grp INTEGER, ch TEXT, len INTEGER, cnt INTEGER, forms INTEGER, ids BLOB);
CREATE TABLE cites (source TEXT, tbl INTEGER, ids BLOB, PRIMARY KEY (source, tbl));
CREATE TABLE timeline (place INTEGER PRIMARY KEY, n INTEGER, first TEXT, last TEXT, source TEXT);
CREATE TABLE search_rows (
    place INTEGER PRIMARY KEY, kind INTEGER, row INTEGER, len INTEGER, para INTEGER, norm TEXT
);
CREATE VIRTUAL TABLE search_fts USING fts5(
    norm, content='', columnsize=0, detail=none, tokenize='trigram case_sensitive 1'
);
"""
# How the search rows are filled (``indexing.py``): each record's rank key and folded text go
# into a temporary table in store order, as they are made, and SQLite's sorter puts them in rank
# order (ordering by the key's parts is ordering by the key), rather than a list of every row
# sorted in Python; then the full-text table is filled from them, all in SQL. FTS5 holds the
# terms of the rows inserted in memory up to ``hashsize`` bytes (1 MB by default) before it
# writes them as a segment, and merges segments as they pile up: a larger buffer writes far
# fewer segments, and merges less, for the same answers (``bench/results/index-build.md``).
# The setting is kept in ``search_fts_config``: a patch's few rows stay far below it.
SEARCH_STAGE: Final = """
CREATE TEMP TABLE search_stage (k0 INTEGER, k1 INTEGER, k2 INTEGER, k3 INTEGER,
    kind INTEGER, row INTEGER, norm TEXT);
"""
# Places are spaced ``SEARCH_GAP`` apart, so that a write can put its new records between the
# old ones in rank order without numbering every row again (``index_patch.py``).
SEARCH_GAP: Final = 1 << 20
FILL_SEARCH: Final = f"""
INSERT INTO search_rows (place, kind, row, len, para, norm)
    SELECT row_number() OVER (ORDER BY k0, k1, k2, k3) * {SEARCH_GAP}, kind, row, k1, k2, norm
    FROM search_stage ORDER BY k0, k1, k2, k3;
DROP TABLE search_stage;
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 268435456);
INSERT INTO search_fts (rowid, norm) SELECT place, norm || char(10, 10) FROM search_rows;
"""  # noqa: S608 (the one value put in is this module's constant)
_MAX_GRAMS: Final = 12  # trigrams of a long term looked up (instr checks the whole term)
# Made once the rows are in (sorting once is faster than keeping indexes up to date row by
# row), each table's by the part of the build that fills it. A duplicate id fails the build:
# Store's dicts would keep only one of the rows.
INDEXES: Final[dict[str, str]] = {
    "entities": """
CREATE UNIQUE INDEX entities_id ON entities (id);
CREATE INDEX entities_kind ON entities (kind, n);
""",
    "facts": "CREATE UNIQUE INDEX facts_id ON facts (id);",
    "blocks": "CREATE INDEX blocks_num ON blocks (num, n);",
    "refs": "CREATE INDEX refs_entity ON refs (entity_id, fact, pos);",
    "relations": "CREATE INDEX relations_target ON relations (target, field, entity);",
    "names": "CREATE INDEX names_form ON names (kind, type, form, entity);",
    "pool": "CREATE INDEX pool_kind ON pool (kind, n);",
    "near_chars": "CREATE INDEX near_chars_at ON near_chars (grp, ch, len, cnt, forms);",
}

Document = dict[str, dict[str, dict[str, Any]]]
_KEPT: Final = 2_000  # decoded rows an open index keeps for reuse: pages' worth, not a store's
_K = TypeVar("_K")
_V = TypeVar("_V")


class _Kept(dict[_K, _V]):
    """Rows decoded once and kept for reuse (a subject named by many facts, a person's facts),
    all forgotten at once when there are too many: a list streamed over a million rows keeps
    a few thousand of them, not the million."""

    def __setitem__(self, key: _K, value: _V) -> None:
        if len(self) >= _KEPT and key not in self:
            self.clear()
        super().__setitem__(key, value)


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/hz``, or ``~/.cache/hz`` (a relative XDG path is ignored, per the spec);
    RuntimeError if neither is an absolute path (no index is then read or written)."""
    base = xdg_dir("XDG_CACHE_HOME", ".cache")
    if base is None:
        raise RuntimeError("no cache directory: neither $XDG_CACHE_HOME nor $HOME is absolute")
    return base / "hz"


def cache_path(store_path: Path) -> Path:
    """Where the index of this store file lives."""
    key = hashlib.sha256(os.fsencode(store_path.resolve())).hexdigest()
    return cache_dir() / f"{key}.sqlite"


def signature(store_path: Path, st: os.stat_result) -> dict[str, str]:
    """What an index must have been built from to answer for the file as it is now."""
    return {
        "format": str(FORMAT_VERSION),
        "store": os.fsencode(store_path.resolve()).decode("utf-8", "backslashreplace"),
        "size": str(st.st_size),
        "mtime_ns": str(st.st_mtime_ns),
        # A file edited in place with its size and mtime put back (touch -r) has another ctime.
        "ctime_ns": str(st.st_ctime_ns),
        "ino": str(st.st_ino),
        "dev": str(st.st_dev),
    }


def open_index(store_path: Path, st: os.stat_result) -> IndexedStore | None:
    """The store's index if there is one built from the file as ``st`` describes it, else None."""
    try:
        cache = cache_path(store_path)
        wanted = signature(store_path, st)
        # Only a regular file hz wrote there: never a link planted in the cache directory.
        if not stat.S_ISREG(cache.lstat().st_mode):
            return None
    except (OSError, RuntimeError):  # RuntimeError: no home directory, or a symlink loop
        return None
    con = connect(cache)
    if con is None:
        return None
    info = read_info(con) or {}
    try:
        kinds = json.loads(info.get("kinds", "null"))
    except ValueError:
        kinds = None
    if not isinstance(kinds, list) or not built_from(info, wanted):
        con.close()
        return None
    return IndexedStore(store_path, con, cache, [str(k) for k in kinds])


def built_from(info: Mapping[str, str], wanted: Mapping[str, str]) -> bool:
    """Whether an index's ``info`` records the ``signature`` wanted: it answers for that file."""
    return {k: info.get(k) for k in wanted} == wanted


def info_at(cache: Path) -> dict[str, str] | None:
    """The ``info`` table of the index file at ``cache``, or None if it is no readable index."""
    con = connect(cache)
    if con is None:
        return None
    try:
        return read_info(con)
    finally:
        con.close()


def connect(cache: Path) -> sqlite3.Connection | None:
    """The index file opened read-only and immutable (it is only ever replaced), or None."""
    try:
        return sqlite3.connect(cache.as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None


def read_info(con: sqlite3.Connection) -> dict[str, str] | None:
    """The ``info`` table of an index, or None if the file is no index hz can read (random
    bytes, another file)."""
    try:
        return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM info")}
    except sqlite3.Error:
        return None


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _decode(text: str) -> Any:
    """A stored list: msgspec reads the big ones several times faster; the standard library
    reads what msgspec will not (an integer beyond 64 bits)."""
    try:
        import msgspec

        return msgspec.json.decode(text)
    except Exception:  # any text msgspec cannot read is the standard library's to read
        return json.loads(text)


def _quoted(text: str) -> str:
    """``text`` as an FTS5 string: every character literal (``"``, ``*``, ``AND``, ``NEAR(``)."""
    return '"' + text.replace('"', '""') + '"'


def _after(prefix: str) -> str | None:
    """The least text greater than every text starting with ``prefix``; None if none is."""
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:
        last = 0xE000  # surrogates are no characters SQLite could hold
    return None if last > 0x10FFFF else prefix[:-1] + chr(last)


def _trigrams(needle: str) -> list[str]:
    """A few of the needle's trigrams, first and last among them, each once."""
    grams = list(dict.fromkeys(needle[i : i + 3] for i in range(len(needle) - 2)))
    if len(grams) <= _MAX_GRAMS:
        return grams
    step = (len(grams) - 1) / (_MAX_GRAMS - 1)
    return list(dict.fromkeys(grams[round(i * step)] for i in range(_MAX_GRAMS)))


class IndexedStore(Reader):
    """A store answered from its index: the ``Reader`` calls, with the same results.

    Rows are decoded when asked for and kept, so each is decoded once; nothing is read up front.
    """

    def __init__(self, path: Path, con: sqlite3.Connection, cache: Path, kinds: list[str]) -> None:
        self.path = path
        self.cache = cache
        self._con = con
        self._kinds = kinds
        self._entity_rows: _Kept[int, Entity] = _Kept()
        self._fact_rows: _Kept[int, Fact] = _Kept()
        self._by_id: _Kept[str, Entity | None] = _Kept()
        self._about: _Kept[str, list[tuple[int, Fact]]] = _Kept()

    def close(self) -> None:
        """Close the index file (a reader that ends with the process need not)."""
        self._con.close()

    def _select(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, tuple(params)).fetchall()
        except UnicodeEncodeError:
            return []  # a lone surrogate (undecodable command-line bytes) is in no stored text
        except sqlite3.DatabaseError as exc:
            raise self._damaged(str(exc)) from None

    def _damaged(self, why: str) -> IndexDamaged:
        """The index closed and removed, and the error that says so."""
        self._con.close()
        with contextlib.suppress(OSError):
            self.cache.unlink()
        return IndexDamaged(
            f"the index of {self.path} was damaged ({why}) and has been removed",
            hint="run the command again to answer from the store file",
        )

    def _entities(self, sql: str, params: Iterable[object] = ()) -> list[Entity]:
        """Rows of ``SELECT n, json FROM entities …``, decoded once per store."""
        out = []
        for n, text in self._select(sql, params):
            ent = self._entity_rows.get(n)
            if ent is None:
                ent = self._entity_rows[n] = json.loads(text)
            out.append(ent)
        return out

    def _facts(self, sql: str, params: Iterable[object] = ()) -> list[tuple[int, Fact]]:
        out = []
        for n, text in self._select(sql, params):
            fact = self._fact_rows.get(n)
            if fact is None:
                fact = self._fact_rows[n] = json.loads(text)
            out.append((n, fact))
        return out

    def _all(self, sql: str) -> list[Any]:
        return [json.loads(text) for (text,) in self._select(sql)]

    def facts_of(self, *kinds: str) -> Iterator[Fact]:
        marks = _marks(len(kinds))  # placeholders only: the kinds are bound
        sql = f"SELECT json FROM facts WHERE kind IN ({marks}) ORDER BY n"  # noqa: S608
        try:
            for (text,) in self._con.execute(sql, kinds):
                yield cast(Fact, json.loads(text))
        except sqlite3.DatabaseError as exc:
            raise self._damaged(str(exc)) from None

    def _list(self, name: str) -> Any:
        """One of the ``lists`` the build stored (see the module docstring)."""
        rows = self._select("SELECT json FROM lists WHERE name = ?", [name])
        if not rows:
            raise self._damaged(f"it has no list of {name}")
        try:
            return _decode(rows[0][0])
        except ValueError:
            raise self._damaged(f"its list of {name} is no JSON") from None

    def source_counts(self) -> dict[str, dict[str, int]]:
        return cast(dict[str, dict[str, int]], self._list("sources"))

    def introduced_companies(self) -> Iterator[Entity]:
        return self._entities_in(cast(list[int], self._list("companies")))

    # A list kept to some sources reads the places of the rows resting on them from ``cites``,
    # then only those rows, where they are few (``index_fill.Cites``): a rare source's page no
    # longer reads every row of the kind. Where they are many, the rows read in order find a
    # page's worth at once.

    def _citing(self, tbl: int, sources: Collection[str]) -> list[int] | None:
        """The places of the entities (``tbl`` 0) or facts (1) resting on these sources, in
        store order; None where they are not few."""
        from hightech_cli.store.near import ids_of

        wanted = sorted(s for s in sources if isinstance(s, str))
        if not wanted:
            return []
        sql = f"SELECT ids FROM cites WHERE source IN ({_marks(len(wanted))}) AND tbl = ?"  # noqa: S608
        found: set[int] = set()
        for (blob,) in self._select(sql, [*wanted, tbl]):
            if blob is None:
                return None
            try:
                found.update(ids_of(blob))
            except (ValueError, TypeError):
                raise self._damaged("a list of places is not one") from None
        return sorted(found)

    def companies_citing(self, sources: Collection[str]) -> Iterator[Entity]:
        places = self._citing(0, sources)
        if places is None:
            return super().companies_citing(sources)
        citing = set(places)
        order = cast(list[int], self._list("companies"))
        return self._entities_in([n for n in order if n in citing])

    def entities_citing(self, kinds: Sequence[str], sources: Collection[str]) -> Iterator[Entity]:
        places = self._citing(0, sources)
        if places is None:
            return super().entities_citing(kinds, sources)
        wanted = set(kinds)
        return (ent for ent in self._entities_in(places) if ent["kind"] in wanted)

    def facts_citing(self, kinds: Sequence[str], sources: Collection[str]) -> Iterator[Fact]:
        places = self._citing(1, sources)
        if places is None:
            return super().facts_citing(kinds, sources)
        wanted = set(kinds)
        return (fact for fact in self._facts_in(places) if fact["kind"] in wanted)

    def _facts_in(self, places: list[int]) -> Iterator[Fact]:
        """The facts at these places, in the order given (as ``_entities_in``)."""
        return self._rows_in("facts", places, self._fact_rows)

    def project_heads(self) -> list[orders.ProjectHead]:
        # As bytes: msgspec reads UTF-8 itself, without a str of the whole list first.
        rows = self._select("SELECT CAST(json AS BLOB) FROM lists WHERE name = 'projects'")
        if not rows:
            raise self._damaged("it has no list of projects")
        import msgspec

        try:
            return msgspec.json.decode(rows[0][0], type=list[orders.ProjectHead])
        except msgspec.MsgspecError:  # an integer beyond 64 bits: the standard library reads it
            try:
                return [orders.ProjectHead(*head) for head in json.loads(rows[0][0])]
            except (ValueError, TypeError):
                raise self._damaged("its list of projects is not one") from None

    def timeline(
        self, low: str | None, high: str | None, sources: Collection[str] | None
    ) -> Iterator[Fact]:
        tests, params = ["1"], []
        if low is not None:
            tests.append("t.last >= ?")
            params.append(low)
        if high is not None:
            tests.append("t.first <= ?")
            params.append(high)
        if sources is not None:
            wanted = sorted(sources)
            tests.append(f"t.source IN ({_marks(len(wanted))})")
            params += wanted
        # Placeholders only: every value is bound, never spliced.
        sql = (
            "SELECT f.n, f.json FROM timeline t JOIN facts f ON f.n = t.n "  # noqa: S608
            f"WHERE {' AND '.join(tests)} ORDER BY t.place"
        )
        return self._lazy_facts(sql, tuple(params))

    def figure_pairs(self) -> Iterator[tuple[Fact, Fact]]:
        pairs = cast(list[list[int]], self._list("conflicts"))
        for start in range(0, len(pairs), _CHUNK // 2):
            chunk = pairs[start : start + _CHUNK // 2]
            found = dict(self._facts_at({n for pair in chunk for n in pair}))
            try:
                yield from ((found[a], found[b]) for a, b in chunk)
            except KeyError:
                raise self._damaged("a conflict names no fact") from None

    def fact_count(self, entity_id: str) -> int:
        return int(self._select("SELECT count(*) FROM refs WHERE entity_id = ?", [entity_id])[0][0])

    def subject_facts(self, entity_id: str, *, quantities: bool) -> Iterator[Fact]:
        test = "=" if quantities else "!="
        sql = (
            "SELECT f.n, f.json FROM refs r JOIN facts f ON f.n = r.fact "  # noqa: S608
            f"WHERE r.entity_id = ? AND r.pos = 0 AND f.kind {test} 'quantity' ORDER BY r.fact"
        )
        return self._lazy_facts(sql, (entity_id,))

    def _lazy_facts(self, sql: str, params: tuple[object, ...]) -> Iterator[Fact]:
        """Facts of ``SELECT n, json FROM facts …`` decoded as they are asked for."""
        for n, text in self._rows(sql, params):
            fact = self._fact_rows.get(n)
            if fact is None:
                fact = self._fact_rows[n] = json.loads(text)
            yield fact

    def _facts_at(self, rows: set[int]) -> list[tuple[int, Fact]]:
        order = sorted(rows)
        out: list[tuple[int, Fact]] = []
        for start in range(0, len(order), _CHUNK):
            chunk = order[start : start + _CHUNK]
            sql = f"SELECT n, json FROM facts WHERE n IN ({_marks(len(chunk))})"  # noqa: S608
            out += self._facts(sql, chunk)
        return out

    def _entities_in(self, places: list[int]) -> Iterator[Entity]:
        """The entities at these places, in the order given, read a chunk at a time as they
        are asked for (a page reads no chunk past its end; chunks grow from a page's size)."""
        return self._rows_in("entities", places, self._entity_rows)

    def _rows_in(self, table: str, places: list[int], kept: _Kept[int, _V]) -> Iterator[_V]:
        """``_entities_in`` of the table named, its decoded rows kept in ``kept``."""
        start, size = 0, 64
        while start < len(places):
            chunk = places[start : start + size]
            start, size = start + size, min(size * 2, _CHUNK)
            wanted = sorted(set(chunk))
            sql = f"SELECT n, json FROM {table} WHERE n IN ({_marks(len(wanted))})"  # noqa: S608
            found: dict[int, _V] = {}
            for n, text in self._select(sql, wanted):
                row = kept.get(n)
                if row is None:
                    row = kept[n] = json.loads(text)
                found[n] = row
            try:
                yield from (found[n] for n in chunk)
            except KeyError:
                raise self._damaged(f"a list names no row of {table}") from None

    def dated_facts(self) -> Iterator[Fact]:
        # The text test lets through every row with the key, and a few that only quote it;
        # the decoded row decides.
        sql = (
            "SELECT json FROM facts WHERE instr(json, '\"year\"') OR instr(json, '\"date\"') "
            "ORDER BY n"
        )
        try:
            for (text,) in self._con.execute(sql):
                fact = cast(Fact, json.loads(text))
                if "year" in fact or "date" in fact:
                    yield fact
        except sqlite3.DatabaseError as exc:
            raise self._damaged(str(exc)) from None

    @cached_property
    def meta(self) -> Meta:
        return cast(Meta, self._all("SELECT json FROM meta")[0])

    @cached_property
    def entities(self) -> list[Entity]:
        return cast(list[Entity], self._all("SELECT json FROM entities ORDER BY n"))

    @cached_property
    def facts(self) -> list[Fact]:
        return cast(list[Fact], self._all("SELECT json FROM facts ORDER BY n"))

    @cached_property
    def blocks(self) -> list[Block]:
        return cast(list[Block], self._all("SELECT json FROM blocks ORDER BY num, n"))

    def get_entity(self, entity_id: str) -> Entity | None:
        if entity_id not in self._by_id:
            rows = self._entities("SELECT n, json FROM entities WHERE id = ?", [entity_id])
            self._by_id[entity_id] = rows[0] if rows else None
        return self._by_id[entity_id]

    def get_fact(self, fact_id: str) -> Fact | None:
        rows = self._facts("SELECT n, json FROM facts WHERE id = ?", [fact_id])
        return rows[0][1] if rows else None

    def entities_of(self, *kinds: str) -> Iterator[Entity]:
        # One read per kind, each in store order from the kind's index, merged by place: one
        # read of several kinds would first sort every matching row whole (a temporary B-tree).
        sql = "SELECT n, json FROM entities WHERE kind = ? ORDER BY n"
        reads = [self._rows(sql, (kind,)) for kind in dict.fromkeys(kinds)]
        if not reads:
            return iter([])
        rows = reads[0] if len(reads) == 1 else heapq.merge(*reads, key=operator.itemgetter(0))
        return self._decoded_entities(rows)

    def _rows(self, sql: str, params: tuple[object, ...]) -> Iterator[tuple[int, str]]:
        """The rows of a query, read as they are asked for."""
        try:
            # Not ``yield from``: a read left unfinished (a page's end, another read that found
            # damage and closed the index) would then close its cursor, on a closed database.
            for row in self._con.execute(sql, params):  # noqa: UP028
                yield row
        except UnicodeEncodeError:
            return  # a lone surrogate (undecodable command-line bytes) is in no stored text
        except sqlite3.DatabaseError as exc:
            raise self._damaged(str(exc)) from None

    def _decoded_entities(self, rows: Iterable[tuple[int, str]]) -> Iterator[Entity]:
        for n, text in rows:
            ent = self._entity_rows.get(n)
            if ent is None:
                ent = self._entity_rows[n] = json.loads(text)
            yield ent

    def _about_rows(self, entity_id: str) -> list[tuple[int, Fact]]:
        if entity_id not in self._about:
            self._about[entity_id] = self._facts(
                "SELECT f.n, f.json FROM refs r JOIN facts f ON f.n = r.fact "
                "WHERE r.entity_id = ? ORDER BY r.fact, r.pos",
                [entity_id],
            )
        return self._about[entity_id]

    def facts_about(self, entity_id: str) -> list[Fact]:
        return [fact for _, fact in self._about_rows(entity_id)]

    def facts_about_any(self, entity_ids: Iterable[str]) -> list[Fact]:
        found = {n: fact for eid in entity_ids for n, fact in self._about_rows(eid)}
        return [found[n] for n in sorted(found)]

    def entities_referring(self, entity_id: str, field: ReferenceField) -> list[Entity]:
        return self._entities(
            "SELECT e.n, e.json FROM relations r JOIN entities e ON e.n = r.entity "
            "WHERE r.target = ? AND r.field = ? ORDER BY r.entity",
            [entity_id, field],
        )

    def count_of(self, *kinds: str) -> int:
        wanted = sorted(set(kinds))
        sql = f"SELECT count(*) FROM entities WHERE kind IN ({_marks(len(wanted))})"  # noqa: S608
        return int(self._select(sql, wanted)[0][0])

    def name_pool(self, kinds: Collection[str]) -> Sequence[Mapping[str, Any]]:
        """Just the fields ``names`` reads of every entity of the kinds (the ``pool`` table),
        in store order: no whole row is decoded."""
        return self._pool(kinds, "1", [])

    def suggestion_pool(self, query: str, kinds: Collection[str]) -> Sequence[Mapping[str, Any]]:
        """The few entities ``store/near.py`` finds ``names.suggest`` needs; failing that, the
        ``pool`` rows whose texts hold a character it needs."""
        found = near.near_pool(self, query, kinds)
        if found is not None:
            return found
        chars = names.suggest_chars(query)
        if chars is None:
            return self.name_pool(kinds)
        # A lone surrogate (undecodable command-line bytes) is in no stored text.
        wanted = sorted(c for c in chars if not 0xD800 <= ord(c) <= 0xDFFF)
        if not wanted:
            return []
        return self._pool(kinds, " OR ".join(["instr(texts, ?)"] * len(wanted)), wanted)

    @cached_property
    def _near_groups(self) -> dict[tuple[str, str], int]:
        rows = self._select("SELECT grp, kind, side FROM near_groups")
        return {(str(kind), str(side)): int(grp) for grp, kind, side in rows}

    def near_groups(self) -> dict[tuple[str, str], int]:
        """The number of each (kind, side) of ``near_chars`` (``store/near.py``)."""
        return self._near_groups

    def near_rows(self, grp: int, char: str) -> dict[int, list[tuple[int, int, int]]]:
        """For each string length: (count, rowid, strings) of the ``near_chars`` rows of the
        group and character, read from their index alone."""
        out: dict[int, list[tuple[int, int, int]]] = {}
        sql = "SELECT rowid, len, cnt, forms FROM near_chars WHERE grp = ? AND ch = ?"
        for rowid, length, cnt, size in self._select(sql, [grp, char]):
            out.setdefault(length, []).append((cnt, rowid, size))
        return out

    def near_ids(self, rowids: list[int]) -> set[int]:
        """The string numbers the ``near_chars`` rows hold."""
        wanted = sorted(set(rowids))
        out: set[int] = set()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            sql = f"SELECT forms, ids FROM near_chars WHERE rowid IN ({_marks(len(chunk))})"  # noqa: S608
            rows = self._select(sql, chunk)
            if len(rows) != len(chunk):
                raise self._damaged("a list of names is missing")
            for size, blob in rows:
                try:
                    ids = near.ids_of(blob)
                except (TypeError, ValueError):
                    raise self._damaged("a list of names is no list") from None
                if len(ids) != size:
                    raise self._damaged("a list of names is cut short")
                out.update(ids)
        return out

    def near_forms(self, ids: Iterable[int]) -> dict[int, tuple[int, str]]:
        """Each numbered string of ``near_forms`` with its entity's place."""
        wanted = sorted(set(ids))
        out: dict[int, tuple[int, str]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            sql = f"SELECT id, n, form FROM near_forms WHERE id IN ({_marks(len(chunk))})"  # noqa: S608
            for i, n, form in self._select(sql, chunk):
                if not isinstance(n, int) or not isinstance(form, str):
                    raise self._damaged("a name is no text")
                out[i] = (n, form)
        if len(out) != len(wanted):
            raise self._damaged("a name is missing")
        return out

    def near_entries(
        self, places: list[int], kinds: Collection[str]
    ) -> list[Mapping[str, Any]] | None:
        """The ``pool`` entries at these places, in store order; None if one's name is held by
        another entity of the kinds (``store/near.py`` says why)."""
        entries = self._pool_at(places)
        try:
            held = [str(entry["name"]) for entry in entries]
        except (KeyError, TypeError):
            raise self._damaged("a name in its pool is no entity") from None
        if len(set(held)) != len(held):
            return None
        wanted = sorted(set(kinds))
        sql = (
            f"SELECT DISTINCT entity FROM names WHERE kind IN ({_marks(len(wanted))}) "  # noqa: S608
            "AND type = 'text' AND form = ?"
        )
        mine = set(places)
        for name in held:
            others = {n for (n,) in self._select(sql, [*wanted, normalize(name)])} - mine
            if any(str(e.get("name")) == name for e in self._pool_at(sorted(others))):
                return None
        return entries

    def _pool_at(self, places: list[int]) -> list[Any]:
        """The ``pool`` entries at these places (sorted, each once), in that order."""
        out: list[Any] = []
        for start in range(0, len(places), _CHUNK):
            chunk = places[start : start + _CHUNK]
            marks = _marks(len(chunk))
            sql = f"SELECT n, CAST(json AS BLOB) FROM pool WHERE n IN ({marks}) ORDER BY n"  # noqa: S608
            rows = self._select(sql, chunk)
            if len(rows) != len(chunk):
                raise self._damaged("a name in its pool is missing")
            try:
                out += [_decode(entry) for _, entry in rows]
            except ValueError:
                raise self._damaged("a name in its pool is no JSON") from None
        return out

    def _pool(self, kinds: Collection[str], test: str, params: list[str]) -> list[Any]:
        # One ordered read per kind, merged by place, as entities_of reads them.
        sql = f"SELECT n, CAST(json AS BLOB) FROM pool WHERE kind = ? AND ({test}) ORDER BY n"  # noqa: S608
        reads = [self._rows(sql, (kind, *params)) for kind in sorted(set(kinds))]
        rows = heapq.merge(*reads, key=operator.itemgetter(0))
        try:
            return [_decode(entry) for _, entry in rows]
        except ValueError:
            raise self._damaged("a name in its pool is no JSON") from None

    def _block_at(self, n: int, source: str | None = None) -> Block | None:
        if source is None:
            rows = self._select("SELECT json FROM blocks WHERE num = ? ORDER BY n LIMIT 1", [n])
        else:
            rows = self._select(
                "SELECT json FROM blocks WHERE num = ? AND source = ? ORDER BY n LIMIT 1",
                [n, source],
            )
        return cast(Block, json.loads(rows[0][0])) if rows else None

    def _last_paragraph(self, source: str | None = None) -> int:
        if source is None:
            return int(self._select("SELECT max(num) FROM blocks")[0][0] or 0)
        found = self._select("SELECT max(num) FROM blocks WHERE source = ?", [source])
        return int(found[0][0] or 0)

    def name_candidates(self, query: str, kinds: Collection[str] | None) -> list[Entity]:
        """The few entities ``names.resolve`` needs to answer ``query`` as over all of them:
        those the first group of ``names.probes`` that finds any finds in the ``names`` table.
        Only a ``contains`` probe reads every name of the kinds, and only when the tiers
        before it found none."""
        wanted = sorted(self._kinds if kinds is None else set(kinds))
        if not wanted:
            return []
        for group in names.probes(query):
            found: set[int] = set()
            for probe in group:
                found |= self._probe(wanted, probe)
            if found:
                return self._entities_at(found)
        return []

    def text_named(self, form: str) -> list[Entity]:
        """Every entity, of any kind, that has ``form`` (normalised) among its ``text`` name
        forms (``names.name_forms``: its name, id and aliases), in store order: for a caller
        that tells the tiers apart itself (``sources/link.py``)."""
        kinds = sorted(self._kinds)
        if not kinds or not form:
            return []
        return self._entities_at(self._probe(kinds, names.Probe("text", "equal", form)))

    def _probe(self, kinds: list[str], probe: names.Probe) -> set[int]:
        """Places of the entities of the kinds that have a name form passing ``probe``."""
        if probe.test == "equal":
            test, params = "form = ?", [probe.value]
        elif probe.test == "prefix":
            # Every form that starts with the value sorts between it and the value with its
            # last character raised by one.
            upper = probe.value[:-1] + chr(ord(probe.value[-1]) + 1)
            test, params = "form >= ? AND form < ?", [probe.value, upper]
        else:
            test, params = "instr(form, ?) > 0", [probe.value]
        sql = (
            f"SELECT entity FROM names WHERE kind IN ({_marks(len(kinds))}) "  # noqa: S608
            f"AND type = ? AND {test}"
        )
        return {n for (n,) in self._select(sql, [*kinds, probe.form, *params])}

    # ------------------------------------------------------------------ search

    def search(
        self, terms: Sequence[str], *, limit: int | None = None, offset: int = 0
    ) -> list[Hit]:
        """``Reader.search`` from the full-text table: the rows come in rank order, so a page
        reads the candidates up to its end and decodes only its own rows."""
        from hightech_cli import search

        wanted = search.needles(terms)
        search.check_page(limit, offset)
        match = self._match(wanted)
        if match is None:
            return []
        # Placeholders only: every value is bound, never spliced.
        tests = " AND ".join(["instr(s.norm, ?) > 0"] * len(wanted))
        sql = (
            "SELECT s.kind, s.row FROM search_fts "  # noqa: S608
            "JOIN search_rows s ON s.place = search_fts.rowid "
            f"WHERE search_fts MATCH ? AND {tests} ORDER BY search_fts.rowid LIMIT ? OFFSET ?"
        )
        # SQLite integers stop at 2**63 - 1; no store has that many rows, so beyond is "all".
        top = (1 << 63) - 1
        page = [-1 if limit is None or limit > top else limit, min(offset, top)]
        rows = self._select(sql, [match, *wanted, *page])
        records = self._search_records(rows)
        return [search.hit(r, wanted, offset + i + 1) for i, r in enumerate(records)]

    def _match(self, wanted: Sequence[str]) -> str | None:
        """The FTS5 query that finds a superset of the records holding every needle; None if
        a short needle begins no trigram (it is in no record)."""
        parts = []
        for needle in wanted:
            if len(needle) >= 3:
                parts.append(" AND ".join(map(_quoted, _trigrams(needle))))
                continue
            terms = self._terms_starting(needle)
            if not terms:
                return None
            parts.append(" OR ".join(map(_quoted, terms)))
        return " AND ".join(f"({part})" for part in parts)

    def _terms_starting(self, prefix: str) -> list[str]:
        """The trigrams of the full-text table that begin with ``prefix``."""
        self._select(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
            "USING fts5vocab(main, search_fts, row)"
        )
        upper = _after(prefix)
        if upper is None:
            found = self._select("SELECT term FROM search_terms WHERE term >= ?", [prefix])
        else:
            found = self._select(
                "SELECT term FROM search_terms WHERE term >= ? AND term < ?", [prefix, upper]
            )
        return [term for (term,) in found if isinstance(term, str) and term.startswith(prefix)]

    def _search_records(self, rows: list[tuple[Any, ...]]) -> list[Record]:
        """What search reads of each (kind, row) of ``search_rows``, in the order given."""
        from hightech_cli import search

        wanted: dict[int, set[int]] = {}
        for kind, row in rows:
            wanted.setdefault(kind, set()).add(row)
        tables = ("entities", "facts", "blocks")
        found: dict[tuple[int, int], Any] = {}
        for kind, places in wanted.items():
            order = sorted(places)
            for start in range(0, len(order), _CHUNK):
                chunk = order[start : start + _CHUNK]
                sql = f"SELECT n, json FROM {tables[kind]} WHERE n IN ({_marks(len(chunk))})"  # noqa: S608
                for n, text in self._select(sql, chunk):
                    found[kind, n] = json.loads(text)
        try:
            return [search.RECORD_OF[search.KINDS[kind]](found[kind, row]) for kind, row in rows]
        except (KeyError, IndexError, TypeError):
            raise self._damaged("a search row names no record") from None

    def _entities_at(self, rows: set[int]) -> list[Entity]:
        """The entities at these places in the store, in store order."""
        order = sorted(rows)
        out: list[Entity] = []
        for start in range(0, len(order), _CHUNK):
            chunk = order[start : start + _CHUNK]
            marks = _marks(len(chunk))
            sql = f"SELECT n, json FROM entities WHERE n IN ({marks}) ORDER BY n"  # noqa: S608
            out += self._entities(sql, chunk)
        return out
