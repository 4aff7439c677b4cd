"""Writing the SQLite index of a big store (``index.py`` reads it), and removing old ones.

**Building.** Lookups never build an index: without one they read the file through
``scan.py``, which is faster than building one (``bench/results/``). Two callers build it:

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
  time stamp by more than stamps can lag (``atomic.STAMP_SLACK_NS``, 20 ms; it rarely has to
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
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from hightech_cli import names, search
from hightech_cli.errors import NotIndexed, StoreError
from hightech_cli.models import REFERENCE_FIELDS
from hightech_cli.store.document import Document, read_store_file
from hightech_cli.store.index import (
    FILL_SEARCH,
    INDEXES,
    SCHEMA,
    SEARCH_STAGE,
    built_from,
    cache_dir,
    cache_path,
    info_at,
    signature,
)
from hightech_cli.store.location import index_min_bytes

RACY_SECONDS: Final = 2
_OLD_TEMP_SECONDS: Final = 3600  # a temporary file this old is left by a killed build


def _answers_for_its_store(cache: Path) -> bool:
    """False if the index at ``cache`` can never be used again: unreadable, of another format,
    or built from a file that is gone or has changed since. True where that cannot be told (a
    store path that does not name the file back, as a path that is not UTF-8 may not)."""
    info = info_at(cache)
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
    return built_from(info, signature(store, st))


def written_by_hz(store_path: Path) -> bool:
    """Whether the file is, unchanged, one hz wrote after checking it: its index was built by
    that write (``origin`` ``write``) and still answers for the file as it is. An import may
    then check only what it changes; any other file is checked whole."""
    try:
        st = store_path.stat()
        cache = cache_path(store_path)
        # As open_index: only a regular file hz wrote there, never a link planted in the cache.
        if not stat.S_ISREG(cache.lstat().st_mode):
            return False
    except (OSError, RuntimeError):
        return False
    info = info_at(cache)
    return (
        info is not None
        and info.get("origin") == "write"
        and built_from(info, signature(store_path, st))
    )


def prune_cache(keep: Path | None = None) -> tuple[int, int]:
    """Delete the indexes in the cache directory that can no longer answer for their store (it
    was deleted, or changed since): ``hz index`` does, so that their disk space (more than
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
    store_path: Path, st: os.stat_result, data: Document, *, written: bool = False
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


def build_index_file(store_path: Path, st: os.stat_result, *, written: bool = False) -> Path | None:
    """Write the index of the store file ``st`` describes, read from the file itself; None if
    skipped. The rules are :func:`build_index`'s (``written``: hz has just written this file
    as a settled new inode); a file the strict reader refuses gets no index. For a writer
    that has not kept the decoded document, and for ``hz index``.
    """
    try:
        return _build_from_file(store_path, st, origin="write" if written else "index")
    except (NotIndexed, StoreError):
        return None


def _build_from_file(store_path: Path, st: os.stat_result, *, origin: str) -> Path:
    """``build_index_file``, raising NotIndexed (or StoreError, for a file the strict reader
    refuses) instead of returning None."""
    return _build(store_path, st, read_store_file(store_path), origin=origin)


def _build(store_path: Path, st: os.stat_result, data: Document, *, origin: str) -> Path:
    """``build_index``, raising NotIndexed with the reason instead of returning None."""
    if origin != "write" and st.st_mtime_ns > time.time_ns() - RACY_SECONDS * 1_000_000_000:
        raise NotIndexed("it was modified too recently for its time stamp to be trusted")
    try:
        if signature(store_path, store_path.stat()) != signature(store_path, st):
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
        _write(tmp, data, {**signature(store_path, st), "origin": origin})
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
    try:
        cache = _build_from_file(store_path, st, origin="index")
    except NotIndexed as exc:
        raise NotIndexed(f"cannot index {store_path}: {exc}") from None
    rows = _row_counts(cache)
    took = time.perf_counter() - started
    size = cache.stat().st_size
    return Indexed(store_path, cache, st.st_size, size, rows, took, *prune_cache(keep=cache))


def _row_counts(cache: Path) -> dict[str, int]:
    """The rows of each table of the index just built (the file's, one for one): ``n`` counts
    them from 0, and its largest value is read from the b-tree, not by a walk over the rows."""
    con = sqlite3.connect(cache)
    try:
        return {
            name: int(con.execute(f"SELECT coalesce(max(n) + 1, 0) FROM {name}").fetchone()[0])  # noqa: S608
            for name in ("entities", "facts", "blocks")
        }
    finally:
        con.close()


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


def _write(path: Path, data: Document, info: dict[str, str]) -> None:
    dumps = _row_encoder()
    entities = list(data["entities"].values())
    facts = list(data["facts"].values())
    kinds = sorted({_text(e, "kind") for e in entities})
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        with con:
            con.execute("INSERT INTO meta VALUES (?)", (dumps(_only(data["meta"])),))
            con.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?)",
                ((n, _text(e, "id"), _text(e, "kind"), dumps(e)) for n, e in enumerate(entities)),
            )
            con.executemany(
                "INSERT INTO facts VALUES (?, ?, ?, ?, ?)",
                (
                    (n, _text(f, "id"), _text(f, "subject"), _text(f, "kind"), dumps(f))
                    for n, f in enumerate(facts)
                ),
            )
            con.executemany(
                "INSERT INTO blocks VALUES (?, ?, ?, ?)",
                (
                    (n, _number(b), _text(b, "source"), dumps(b))
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
            con.executescript(SEARCH_STAGE)
            con.executemany(
                "INSERT INTO temp.search_stage VALUES (?, ?, ?, ?, ?, ?, ?)",
                _search_rows(entities, facts, list(data["blocks"].values())),
            )
        con.executescript(FILL_SEARCH)
        con.executescript(INDEXES)
        with con:
            rows = {**info, "kinds": json.dumps(kinds, ensure_ascii=False)}
            con.executemany("INSERT INTO info VALUES (?, ?)", rows.items())
    finally:
        con.close()


def _search_rows(
    entities: list[dict[str, Any]], facts: list[dict[str, Any]], blocks: list[dict[str, Any]]
) -> Iterator[tuple[Any, ...]]:
    """Every record ``search.records`` reads, in store order: its rank key (four numbers), its
    kind, its place in its own table and its folded text. Blocks are read by number, as
    ``Reader.blocks`` gives them, and filed by their place in the file."""
    by_number = sorted(range(len(blocks)), key=lambda n: _number(blocks[n]))
    places = itertools.chain(range(len(entities)), range(len(facts)), by_number)
    records = search.records(entities, facts, (blocks[n] for n in by_number))
    codes = search.KIND_CODE
    for order, (place, record) in enumerate(zip(places, records, strict=True)):
        folded = search.fold_fields(record.fields)
        key = search.rank_key(record.kind, len(folded), record.paragraph, order)
        yield (*key, codes[record.kind], place, folded)


def _row_encoder() -> Callable[[Any], str]:
    """Each row as JSON text that ``json.loads`` reads back equal to it.

    msgspec (a dependency, imported here for big stores only) writes it several times faster
    than the standard library; a row it cannot write (an integer beyond 64 bits) is written by
    the standard library. Rows hold no NaN or infinity (the store's strict decoding and
    ``merge.py`` refuse them), which msgspec would write as null.
    """
    plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    try:
        import msgspec
    except ImportError:  # pragma: no cover - a dependency
        return plain.encode
    fast = msgspec.json.Encoder()

    def dumps(row: Any) -> str:
        try:
            return fast.encode(row).decode("utf-8")
        except Exception:  # any row msgspec cannot write is the standard library's to write
            return plain.encode(row)

    return dumps


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
