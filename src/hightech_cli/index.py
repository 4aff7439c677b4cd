"""A SQLite index derived from a big store, so that a lookup reads a few rows, not the file.

**What it is.** The TinyDB JSON file stays the one source of truth; the index is a cache derived
from it, as git's index or mypy's cache are: it may be deleted at any time and is rebuilt when
the file changes (by ``hz index``, or by hz's next write). It lives at
``$XDG_CACHE_HOME/hz/<sha256 of the store's absolute path>.sqlite`` (``~/.cache/hz/`` by
default; symlinks resolved; mode 0600) and records the store file's size, modification time
(ns), inode and device, and ``FORMAT_VERSION``: it is used only while all of them match the
file as it is now (:func:`open_index`). Lookups (``Store.open``) and writes (``transfer.py``)
come here only for files of ``store.index_min_bytes()`` or more, so small stores never import
``sqlite3``.

**Building.** Lookups never build an index: without one they read the file through
``scan.py``, about 0.4 s at 100,000 facts, where building one takes seconds. Two callers build
it:

- the commands that write a store (``hz import``, ``hz init``: ``transfer.py``), through
  :func:`build_index`, from the document they have just validated and written, right after
  the rename and still under the write lock, when the new file is at or above the threshold.
  A store that hz maintains thus always has its index, unless it could not be written;
- ``hz index`` (:func:`index_store`), for a store written by another program, or by an hz
  before this one, or whose writer could not build it: it decodes the file and builds.

Either way the index is written to a temporary file in the cache directory, then renamed over
the old one: a reader sees the old index or the new one, never half of one, and concurrent
builds do not mix. Any failure (a read-only or full disk; rows the index cannot hold, such as
duplicate ids or a ``kind`` that is not text) leaves no index: the import still succeeds,
printing nothing about it, and ``hz index`` reports why (``NotIndexed``). Lookups then read the
file. ``info.origin`` records which caller built it (``write`` or ``index``).

**When a status can be trusted** ("racy git"). The key, size, modification time, inode and
device, misses a rewrite in place that keeps the size within one tick of the file system's
clock: the time would not move. So ``hz index`` does not read a file modified less than
``RACY_SECONDS`` before (2 s: whole-second and FAT time stamps included): it waits until the
file is that old. A writer needs no such wait, and its index is trusted at once:

- the file is a new inode (``storage.atomic_write``: a temporary file, then ``os.replace``),
  reachable by the store's name only from the rename on, and it holds exactly the document
  the index is built from: the writer wrote it under the lock (other hz writers wait), and a
  document decoded from JSON and validated (``merge.py``: text keys, finite numbers, no lone
  surrogates) reads back from ``build.dumps`` equal, in the same order;
- ``atomic_write(settle=True)`` lets the rename happen only once the clock is past the file's
  time stamp by more than stamps can lag (``storage.STAMP_SLACK_NS``, 20 ms; it rarely has to
  wait): any later write to that inode, in place, by any program, gets a later time, so the key
  no longer matches and the index is rebuilt. A replacement by rename changes the inode;
- where that cannot be made sure (whole-second time stamps, or a stamp ahead of our clock, as
  on a network file system with another clock) the write is not ``settled`` and the reader rule
  applies: no index until ``hz index`` builds one;
- the writer checks, as a reader does, that the file still has that status once the index is
  built; a file replaced meanwhile by another program gets no index.

What neither rule can see: a program that rewrites a store in place and then sets its time
back to the old value (``touch -r``, some sync tools) with the same size. Delete the index
(any file in the cache directory may go) after such a change.

**Tables.** ``entities`` (n, id, kind, json), ``facts`` (n, id, subject, kind, json), ``blocks``
(n, num, source, json), ``meta`` (json): ``n`` is the row's place in the file, ``json`` the row,
read back by ``json.loads`` equal to the file's. ``refs`` (entity_id, fact, pos): each fact under
its subject and each reference, as ``Store.facts_about`` files it. ``relations`` (entity, field,
target) for the ``REFERENCE_FIELDS``. ``names`` (kind, type, form, entity): every form
``names.name_forms`` gives, for :meth:`IndexedStore.name_candidates`. ``info``: what it was
built from, and by whom.

**Reading.** The index is opened read-only and immutable (it is only ever replaced, never changed
in place). A file that is no usable index is ignored (``hz index`` replaces it). Damage found
while answering raises
``errors.IndexDamaged`` after deleting the index; ``actions.py`` then asks once more, and the
store file answers (other commands report it in one line; the next run answers from the file).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Final, cast

from hightech_cli import names
from hightech_cli.errors import IndexDamaged, NotFound, NotIndexed
from hightech_cli.models import Block, Entity, Fact, Meta
from hightech_cli.store import REFERENCE_FIELDS, Store

FORMAT_VERSION: Final = 1  # bump whenever the tables or what goes into them change
RACY_SECONDS: Final = 2
_OLD_TEMP_SECONDS: Final = 3600  # a temporary file this old is left by a killed build
_CHUNK: Final = 500  # ids per IN (...) list, well under SQLite's limit on parameters

_SCHEMA: Final = """
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
"""
# Made once the rows are in (sorting once is faster than keeping indexes up to date row by
# row). A duplicate id fails the build: Store's dicts would keep only one of the rows.
_INDEXES: Final = """
CREATE UNIQUE INDEX entities_id ON entities (id);
CREATE INDEX entities_kind ON entities (kind, n);
CREATE UNIQUE INDEX facts_id ON facts (id);
CREATE INDEX blocks_num ON blocks (num, n);
CREATE INDEX refs_entity ON refs (entity_id, fact, pos);
CREATE INDEX relations_target ON relations (target, field, entity);
CREATE INDEX names_form ON names (kind, type, form, entity);
"""

Data = dict[str, dict[str, dict[str, Any]]]


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/hz``, or ``~/.cache/hz`` (a relative XDG path is ignored, per the spec)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or ".")
    return (base if base.is_absolute() else Path.home() / ".cache") / "hz"


def cache_path(store_path: Path) -> Path:
    """Where the index of this store file lives."""
    key = hashlib.sha256(os.fsencode(store_path.resolve())).hexdigest()
    return cache_dir() / f"{key}.sqlite"


def _signature(store_path: Path, st: os.stat_result) -> dict[str, str]:
    """What an index must have been built from to answer for the file as it is now."""
    return {
        "format": str(FORMAT_VERSION),
        "store": os.fsencode(store_path.resolve()).decode("utf-8", "backslashreplace"),
        "size": str(st.st_size),
        "mtime_ns": str(st.st_mtime_ns),
        "ino": str(st.st_ino),
        "dev": str(st.st_dev),
    }


def open_index(store_path: Path, st: os.stat_result) -> IndexedStore | None:
    """The store's index if there is one built from the file as ``st`` describes it, else None."""
    try:
        cache = cache_path(store_path)
        wanted = _signature(store_path, st)
        if not cache.is_file():
            return None
    except (OSError, RuntimeError):  # RuntimeError: no home directory, or a symlink loop
        return None
    con = _connect(cache)
    if con is None:
        return None
    info = _info(con) or {}
    try:
        kinds = json.loads(info.get("kinds", "null"))
    except ValueError:
        kinds = None
    if not isinstance(kinds, list) or {k: info.get(k) for k in wanted} != wanted:
        con.close()
        return None
    return IndexedStore(store_path, con, cache, [str(k) for k in kinds])


def _connect(cache: Path) -> sqlite3.Connection | None:
    """The index file opened read-only and immutable (it is only ever replaced), or None."""
    try:
        return sqlite3.connect(cache.as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None


def _info(con: sqlite3.Connection) -> dict[str, str] | None:
    """The ``info`` table of an index, or None if the file is no index hz can read (random
    bytes, another file)."""
    try:
        return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM info")}
    except sqlite3.Error:
        return None


def _answers_for_its_store(cache: Path) -> bool:
    """False if the index at ``cache`` can never be used again: unreadable, of another format,
    or built from a file that is gone or has changed since. True where that cannot be told (a
    store path that does not name the file back, as a path that is not UTF-8 may not)."""
    con = _connect(cache)
    if con is None:
        return False
    try:
        info = _info(con)
    finally:
        con.close()
    if info is None or "store" not in info:
        return False
    store = Path(info["store"])
    try:
        if cache_path(store) != cache:
            return True  # the recorded path is not the one the index was keyed by: keep it
        st = store.stat()
    except FileNotFoundError:
        return False
    except (OSError, RuntimeError):
        return True  # unreachable now (permissions, a symlink loop): not known to be gone
    wanted = _signature(store, st)
    return {k: info.get(k) for k in wanted} == wanted


def prune_cache(keep: Path | None = None) -> tuple[int, int]:
    """Delete the indexes in the cache directory that can no longer answer for their store (it
    was deleted, or changed since): ``hz index`` does, so that their disk space (about 1.4 times
    their store's) does not stay taken. Returns how many files and bytes were removed."""
    removed = freed = 0
    try:
        found = sorted(cache_dir().glob("*.sqlite"))
    except (OSError, RuntimeError):
        return 0, 0
    for cache in found:
        if cache == keep or _answers_for_its_store(cache):
            continue
        try:
            size = cache.stat().st_size
            cache.unlink()
        except OSError:
            continue
        removed, freed = removed + 1, freed + size
    return removed, freed


def build_index(
    store_path: Path, st: os.stat_result, data: Data, *, written: bool = False
) -> Path | None:
    """Write the index of ``data``, the content of the file ``st`` describes; None if skipped.

    ``written``: hz has just written this file with ``data`` itself, as a new inode whose
    status is settled (``storage.Written.settled``), so the index may be trusted at once;
    otherwise ``data`` was read from the file, and a file too recent is not indexed (see the
    module docstring). Never raises for want of a usable cache directory or an indexable
    store: the index is an optimisation, and the caller has done its work either way.
    """
    try:
        return _build(store_path, st, data, origin="write" if written else "index")
    except NotIndexed:
        return None


def _build(store_path: Path, st: os.stat_result, data: Data, *, origin: str) -> Path:
    """``build_index``, raising NotIndexed with the reason instead of returning None."""
    if origin != "write" and st.st_mtime_ns > time.time_ns() - RACY_SECONDS * 1_000_000_000:
        raise NotIndexed("it was modified too recently for its time stamp to be trusted")
    try:
        if _signature(store_path, store_path.stat()) != _signature(store_path, st):
            raise NotIndexed("it changed while it was read")
        cache = cache_path(store_path)
        cache.parent.mkdir(parents=True, exist_ok=True)
        _remove_old_temporaries(cache)
        fd, name = tempfile.mkstemp(prefix=f"{cache.name}.", suffix=".tmp", dir=cache.parent)
    except (OSError, RuntimeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise NotIndexed(f"the cache directory cannot be written ({reason})") from None
    os.close(fd)
    tmp = Path(name)
    try:
        _write(tmp, data, {**_signature(store_path, st), "origin": origin})
        tmp.replace(cache)  # atomic: readers see the old index or the new one
    except Exception as exc:  # a full or read-only disk, rows the index cannot hold: no index
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise NotIndexed(f"the index could not be written ({exc.strerror or exc})") from None
        raise NotIndexed(f"it holds rows an index cannot hold ({exc}); see 'hz check'") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return cache


@dataclass(frozen=True)
class Indexed:
    """What ``hz index`` did: the index written for a store, or why none is needed."""

    store: Path
    index: Path | None  # None: the store is small enough to be read whole
    store_bytes: int
    index_bytes: int
    rows: dict[str, int]
    seconds: float
    pruned: int = 0  # indexes of other stores removed: their store is gone or has changed
    pruned_bytes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "store": str(self.store),
            "index": None if self.index is None else str(self.index),
            "store_bytes": self.store_bytes,
            "index_bytes": self.index_bytes,
            "rows": self.rows,
            "seconds": round(self.seconds, 3),
            "pruned": self.pruned,
            "pruned_bytes": self.pruned_bytes,
        }


def index_store(store_path: Path) -> Indexed:
    """Build (or rebuild) the index of a store file as it is now: ``hz index``.

    Lookups never write an index (they read a store without one through ``scan.py``), so a
    big store written by another program is indexed by this, once it has stopped changing.
    It also removes the indexes that can no longer be used (:func:`prune_cache`).
    A file modified less than ``RACY_SECONDS`` ago is waited for, so that its time stamp can
    be trusted. Raises ``StoreError`` for a store that cannot be read, and NotIndexed.
    """
    from hightech_cli.store import index_min_bytes, read_store_file

    started = time.perf_counter()
    try:
        st = store_path.stat()
    except OSError:
        read_store_file(store_path)  # says what is wrong with it: missing, a directory …
        raise NotIndexed(f"cannot index {store_path}: it could not be read") from None
    if st.st_size < index_min_bytes():
        data = read_store_file(store_path)
        rows = {name: len(data[name]) for name in ("entities", "facts", "blocks")}
        took = time.perf_counter() - started
        return Indexed(store_path, None, st.st_size, 0, rows, took, *prune_cache())
    # Waited for before reading: a rewrite in place after the read would otherwise be able
    # to keep the time stamp the file had when read (the module docstring has the rule).
    wait = st.st_mtime_ns + RACY_SECONDS * 1_000_000_000 - time.time_ns()
    if wait > RACY_SECONDS * 1_000_000_000:
        raise NotIndexed(f"cannot index {store_path}: its time stamp is ahead of the clock")
    if wait > 0:
        time.sleep(wait / 1e9 + 0.01)
        st = store_path.stat()
    data = read_store_file(store_path)
    rows = {name: len(data[name]) for name in ("entities", "facts", "blocks")}
    try:
        cache = _build(store_path, st, data, origin="index")
    except NotIndexed as exc:
        raise NotIndexed(f"cannot index {store_path}: {exc}") from None
    took = time.perf_counter() - started
    size = cache.stat().st_size
    return Indexed(store_path, cache, st.st_size, size, rows, took, *prune_cache(keep=cache))


def _remove_old_temporaries(cache: Path) -> None:
    """Delete what builds of this index killed mid-way left (not a build still running)."""
    cutoff = time.time() - _OLD_TEMP_SECONDS
    for old in cache.parent.glob(f"{cache.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < cutoff:
                old.unlink()


def _text(row: dict[str, Any], key: str) -> str:
    """A field that must be text for the index to file the row as Store does."""
    value = row[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} is not text")
    return value


def _write(path: Path, data: Data, info: dict[str, str]) -> None:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    entities = list(data["entities"].values())
    facts = list(data["facts"].values())
    kinds = sorted({_text(e, "kind") for e in entities})
    con = sqlite3.connect(path)
    try:
        con.executescript(_SCHEMA)
        with con:
            con.execute("INSERT INTO meta VALUES (?)", (dumps.encode(_only(data["meta"])),))
            con.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?)",
                (
                    (n, _text(e, "id"), _text(e, "kind"), dumps.encode(e))
                    for n, e in enumerate(entities)
                ),
            )
            con.executemany(
                "INSERT INTO facts VALUES (?, ?, ?, ?, ?)",
                (
                    (n, _text(f, "id"), _text(f, "subject"), _text(f, "kind"), dumps.encode(f))
                    for n, f in enumerate(facts)
                ),
            )
            con.executemany(
                "INSERT INTO blocks VALUES (?, ?, ?, ?)",
                (
                    (n, _number(b), _text(b, "source"), dumps.encode(b))
                    for n, b in enumerate(data["blocks"].values())
                ),
            )
            con.executemany("INSERT INTO refs VALUES (?, ?, ?)", _refs(facts))
            con.executemany("INSERT INTO relations VALUES (?, ?, ?)", _relations(entities))
            con.executemany(
                "INSERT INTO names VALUES (?, ?, ?, ?)",
                (
                    (e["kind"], t, form, n)
                    for n, e in enumerate(entities)
                    for t, form in names.name_forms(e)
                ),
            )
        con.executescript(_INDEXES)
        with con:
            rows = {**info, "kinds": json.dumps(kinds, ensure_ascii=False)}
            con.executemany("INSERT INTO info VALUES (?, ?)", rows.items())
    finally:
        con.close()


def _only(table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return next(iter(table.values()))  # the layout check made sure there is one


def _number(block: dict[str, Any]) -> int:
    n = block["n"]
    if type(n) is not int:  # not even a bool: SQLite would file True as 1, Store would not
        raise TypeError("n is not an integer")
    return n


def _refs(facts: list[dict[str, Any]]) -> Iterator[tuple[str, int, int]]:
    """Each fact under its subject and under each reference, as Store.facts_about files it."""
    for n, fact in enumerate(facts):
        subject = fact["subject"]
        yield subject, n, 0
        refs = fact.get("refs", [])
        if not isinstance(refs, list):
            raise TypeError("refs is not a list")
        for pos, ref in enumerate(refs, start=1):
            if not isinstance(ref, str):
                raise TypeError("a reference is not text")
            if ref != subject:
                yield ref, n, pos


def _relations(entities: list[dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
    for n, ent in enumerate(entities):
        for field in REFERENCE_FIELDS:
            if field in ent:
                yield n, field, _text(ent, field)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class IndexedStore(Store):
    """A store answered from its index: the calls of ``Store``, with the same results.

    Rows are decoded when asked for and kept, so each is decoded once. ``Store.__init__`` is
    not called: nothing is read up front, and there is no TinyDB object (``db``).
    """

    def __init__(self, path: Path, con: sqlite3.Connection, cache: Path, kinds: list[str]) -> None:
        self.path = path
        self.cache = cache
        self._con = con
        self._kinds = kinds
        self._entity_rows: dict[int, Entity] = {}
        self._fact_rows: dict[int, Fact] = {}
        self._by_id: dict[str, Entity | None] = {}
        self._about: dict[str, list[tuple[int, Fact]]] = {}

    def _select(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, tuple(params)).fetchall()
        except UnicodeEncodeError:
            return []  # a lone surrogate (undecodable command-line bytes) is in no stored text
        except sqlite3.DatabaseError as exc:
            self._con.close()
            with contextlib.suppress(OSError):
                self.cache.unlink()
            raise IndexDamaged(
                f"the index of {self.path} was damaged ({exc}) and has been removed",
                hint="run the command again to answer from the store file",
            ) from None

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
        if not kinds:
            return iter([])
        marks = _marks(len(kinds))  # placeholders only: the values are bound, never spliced
        sql = f"SELECT n, json FROM entities WHERE kind IN ({marks}) ORDER BY n"  # noqa: S608
        return iter(self._entities(sql, kinds))

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

    def entities_referring(self, entity_id: str, field: str) -> list[Entity]:
        if field not in REFERENCE_FIELDS:
            return super().entities_referring(entity_id, field)
        return self._entities(
            "SELECT e.n, e.json FROM relations r JOIN entities e ON e.n = r.entity "
            "WHERE r.target = ? AND r.field = ? ORDER BY r.entity",
            [entity_id, field],
        )

    def block(self, n: int) -> Block:
        rows = self._select("SELECT json FROM blocks WHERE num = ? ORDER BY n LIMIT 1", [n])
        if not rows:
            last = self._select("SELECT max(num) FROM blocks")[0][0] or 0
            raise NotFound(f"no paragraph {n} in the source", hint=f"paragraphs are 1-{last}")
        return cast(Block, json.loads(rows[0][0]))

    def name_candidates(self, query: str, kinds: Collection[str] | None) -> list[Entity]:
        """The few entities ``names.resolve`` needs to answer ``query`` as over all of them.

        Tier by tier (see ``names``): an entity whose name, id or alias is the query ends the
        search at tier 1 or 2, so those entities alone give the answer; likewise a pinyin key
        equal to the query's pinyin form (tier 3). Otherwise the candidates are the keys
        starting with that form (tiers 4, 5) and the names containing the query (tier 6);
        only this last one reads every name of the kinds, and only when tiers 1-5 found none.
        """
        q = names.query_form(query)
        wanted = sorted(self._kinds if kinds is None else set(kinds))
        if not q or not wanted:
            return []
        found = self._names(wanted, "text", "form = ?", q)
        if found:
            return self._entities_at(found)
        p = names.pinyin_form(q)
        if p is not None:
            found = self._names(wanted, "pinyin", "form = ?", p)
            if found:
                return self._entities_at(found)
            if len(p) >= names.MIN_INITIALS:
                found |= self._names(wanted, "initials", "form = ?", p)
            if names.prefix_allowed(p):
                # Every key that starts with p sorts between p and p with its last letter
                # raised by one (p is ASCII letters and digits).
                upper = p[:-1] + chr(ord(p[-1]) + 1)
                found |= self._names(wanted, "pinyin", "form >= ? AND form < ?", p, upper)
        if not found and names.substring_allowed(q):
            found = self._names(wanted, "text", "instr(form, ?) > 0", q)
        return self._entities_at(found)

    def _names(self, kinds: list[str], kind_of_form: str, test: str, *params: str) -> set[int]:
        sql = (
            f"SELECT entity FROM names WHERE kind IN ({_marks(len(kinds))}) "  # noqa: S608
            f"AND type = ? AND {test}"
        )
        return {n for (n,) in self._select(sql, [*kinds, kind_of_form, *params])}

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
