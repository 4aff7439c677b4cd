"""Writing the SQLite index of a big store (``index.py`` reads it), and removing old ones.

**Building.** Lookups never build an index: without one they read the file through
``scan.py``, which is faster than building one (``bench/results/``). Two kinds of caller build
it:

- the commands that write a store (``hz import``, ``hz init``: ``transfer.py``), right after
  the rename and still under the write lock, when the new file is at or above the threshold:
  through :func:`build_index`, from the document they have just validated and written, or
  through :func:`build_index_file`, from the file itself, for a writer that has not kept the
  decoded document. A store that hz maintains thus always has its index, unless it could not
  be written;
- ``hz index`` (:func:`index_store`), for a store written by another program, or by an hz
  before this one, or whose writer could not build it, through :func:`build_index_file`.

**Patched.** A write through the rows (``splice.py``) that changed few rows, into the file the
old index was built from, patches a copy of the old index instead (:func:`patch_index`,
``index_patch.py``), renamed over it as a build is; where that cannot be, it builds.

**How, from a file.** The file is never decoded whole when it need not be: ``rows.py`` reads
its bytes once and gives its rows one at a time, each decoded exactly as the strict reader
(``document.read_store_file``) would decode it, so that memory holds the file's bytes and a
row's work, not a document of dicts several times the file's size. Where ``rows.py`` cannot
show that the strict reader reads the file alike (a key given twice anywhere, a row it refuses,
deep nesting, a table missing: ``rows.Undecided``), the build is given up and the file is
decoded whole, which refuses it with the strict reader's message or builds from the document.
So an index is never built from, and never answers for, a file the strict reader refuses.

**One pass.** Either source feeds the same pass (``index_fill.fill``): each row, decoded, with
its place in its table and its JSON text, goes to every part of the index in turn (row tables,
references and relations, name forms, search rows), each writing in batches; then SQLite sorts
the search rows into rank order, fills the full-text table from them and makes the indexes,
once every row is in (sorting once is faster than keeping indexes up to date row by row). From
a file, on two processors or more, the pass is split: a second process feeds half of the parts
into a database of its own, whose tables are then copied in (``index_split.py``).

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
import os
import sqlite3
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from hightech_cli.errors import NotIndexed, StoreError
from hightech_cli.store import index_patch
from hightech_cli.store.document import Document, read_store_file
from hightech_cli.store.index import (
    SCHEMA,
    built_from,
    cache_dir,
    cache_path,
    info_at,
    signature,
)
from hightech_cli.store.index_fill import DocumentRows, Rows, fill
from hightech_cli.store.index_patch import Delta
from hightech_cli.store.index_split import Second, first_parts
from hightech_cli.store.location import index_min_bytes
from hightech_cli.store.rows import StoreRows, Undecided

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
    return _written_info(store_path) is not None


def written_digest(store_path: Path) -> str | None:
    """The SHA-256 of the file hz wrote at ``store_path``, as the index that write built
    records it, if the file is, by its status, unchanged since (:func:`written_by_hz`); a
    reader compares it with the file's bytes (``splice.load``) to know that they are, byte
    for byte, what hz wrote, whatever a program writing in place did to the status."""
    info = _written_info(store_path)
    return None if info is None else info.get("sha256")


def indexed_digest(store_path: Path) -> str | None:
    """The SHA-256 of the bytes the index that answers for the file (by its status) was built
    from, whoever built it: a write, or ``hz index``. Unlike :func:`written_digest`, it says
    nothing of whether the file passes ``hz check``, only which bytes the index is of."""
    info = _answering_info(store_path)
    return None if info is None else info.get("sha256")


def _written_info(store_path: Path) -> dict[str, str] | None:
    """The ``info`` of the index the last write built, if it still answers for the file."""
    info = _answering_info(store_path)
    return info if info is not None and info.get("origin") == "write" else None


def _answering_info(store_path: Path) -> dict[str, str] | None:
    """The ``info`` of the index that answers for the file as it is, if there is one."""
    try:
        st = store_path.stat()
        cache = cache_path(store_path)
        # As open_index: only a regular file hz wrote there, never a link planted in the cache.
        if not stat.S_ISREG(cache.lstat().st_mode):
            return None
    except (OSError, RuntimeError):
        return None
    info = info_at(cache)
    if info is not None and built_from(info, signature(store_path, st)):
        return info
    return None


def prune_cache(keep: Path | None = None) -> tuple[int, int]:
    """Delete the indexes in the cache directory that can no longer answer for their store (it
    was deleted, or changed since), and the temporary files of builds killed an hour ago or
    more: ``hz index`` does, so that their disk space (more than their store's) does not stay
    taken. Returns how many files and bytes were removed."""
    removed = freed = 0
    try:
        found = sorted(cache_dir().glob("*.sqlite"))
        # What builds killed mid-way left, of any store: a store deleted since would keep them
        # forever, as only the next build of the same index removes its own.
        cutoff = time.time() - _OLD_TEMP_SECONDS
        left = sorted(cache_dir().glob("*.sqlite.*.tmp"))
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
    for tmp in left:
        try:
            st = tmp.lstat()
            if not stat.S_ISREG(st.st_mode) or st.st_mtime >= cutoff:
                continue  # a build still running, or no file of hz's
            tmp.unlink()
        except OSError:
            continue
        removed, freed = removed + 1, freed + st.st_size
    return removed, freed


def build_index(
    store_path: Path,
    st: os.stat_result,
    data: Document,
    *,
    written: bool = False,
    digest: str | None = None,
) -> Path | None:
    """Write the index of ``data``, the content of the file ``st`` describes; None if skipped.

    ``written``: hz has just written this file with ``data`` itself, as a new inode whose
    status is settled (``storage.Written.settled``), so the index may be trusted at once;
    otherwise ``data`` was read from the file, and a file too recent is not indexed (see the
    module docstring). ``digest``: the SHA-256 of the bytes written, recorded for the next
    write (``written_digest``). Never raises for want of a usable cache directory or an
    indexable store: the index is an optimisation, and the caller has done its work either way.
    """
    try:
        return _build(store_path, st, DocumentRows(data), _made_by(written, digest))
    except NotIndexed:
        return None


def _made_by(written: bool, digest: str | None = None) -> dict[str, str]:
    """What the index's ``info`` records of who built it: a write (with the digest of what it
    wrote, if known) or a reader."""
    if not written:
        return {"origin": "index"}
    return {"origin": "write"} if digest is None else {"origin": "write", "sha256": digest}


def build_index_file(
    store_path: Path, st: os.stat_result, *, written: bool = False, digest: str | None = None
) -> Path | None:
    """Write the index of the store file ``st`` describes, read from the file itself; None if
    skipped. The rules are :func:`build_index`'s (``written``: hz has just written this file
    as a settled new inode); a file the strict reader refuses gets no index. For a writer
    that has not kept the decoded document, and for ``hz index``.
    """
    try:
        return _build_from_file(store_path, st, _made_by(written, digest))
    except StoreError:  # NotIndexed included
        return None


def _build_from_file(store_path: Path, st: os.stat_result, made_by: dict[str, str]) -> Path:
    """``build_index_file``, raising NotIndexed, or the strict reader's StoreError for a file
    it refuses, instead of returning None.

    The rows are read from the file's bytes (``rows.StoreRows``); where that cannot show the
    strict reader would read them alike (``rows.Undecided``), the file is decoded whole, and
    the build starts again from the document.
    """
    try:
        rows = StoreRows(store_path)
        if made_by["origin"] == "index":
            # The bytes this index is of, so that a later write that reads the same bytes
            # may patch it (``index_patch.py``) instead of building it again.
            made_by = {**made_by, "sha256": rows.digest()}
        return _build(store_path, st, rows, made_by)
    except Undecided:
        pass
    data = read_store_file(store_path)
    return _build(store_path, st, DocumentRows(data), made_by)


def _build(store_path: Path, st: os.stat_result, source: Rows, made_by: dict[str, str]) -> Path:
    """``build_index``, raising NotIndexed with the reason instead of returning None;
    ``made_by`` (:func:`_made_by`) goes into the index's ``info``."""
    if (
        made_by["origin"] != "write"
        and st.st_mtime_ns > time.time_ns() - RACY_SECONDS * 1_000_000_000
    ):
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
        _write(tmp, source, {**signature(store_path, st), **made_by})
        tmp.replace(cache)  # atomic: readers see the old index or the new one
    except Undecided:  # the build is given up, leaving nothing: the caller decodes the file
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    except Exception as exc:  # a full or read-only disk, rows the index cannot hold: no index
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise NotIndexed(f"the index could not be written ({exc.strerror or exc})") from None
        if isinstance(exc, sqlite3.OperationalError):  # SQLite's word for a full disk, I/O
            raise NotIndexed(f"the index could not be written ({exc})") from None
        raise NotIndexed(f"it holds rows an index cannot hold ({exc}); see 'hz check'") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return cache


def patch_index(
    store_path: Path, st: os.stat_result, delta: Delta, *, written: bool, digest: str
) -> Path | None:
    """The index of the file hz has just written (``st``: as a settled new inode, ``written``;
    ``digest``: the SHA-256 of its bytes) made by patching the old index with what the write
    changed (``index_patch.py``), written and renamed as a build is; None where it cannot be
    (the old index is not of the rows the write read, the write was not settled, anything
    failed): the caller then builds it (:func:`build_index_file`)."""
    if not written:
        return None  # no index can be trusted at once: build_index_file says why
    try:
        if signature(store_path, store_path.stat()) != signature(store_path, st):
            return None
        cache = cache_path(store_path)
        if not stat.S_ISREG(cache.lstat().st_mode):
            return None
        fd, name = tempfile.mkstemp(prefix=f"{cache.name}.", suffix=".tmp", dir=cache.parent)
    except (OSError, RuntimeError):
        return None
    os.close(fd)
    tmp = Path(name)
    try:
        index_patch.patch_copy(
            cache, tmp, delta, {**signature(store_path, st), **_made_by(True, digest)}
        )
        if signature(store_path, store_path.stat()) != signature(store_path, st):
            raise index_patch.NotPatched("the store changed while its index was patched")
        tmp.replace(cache)  # atomic, as a build's
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, Exception):
            return None
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
        cache = _build_from_file(store_path, st, _made_by(written=False))
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


def _write(path: Path, source: Rows, info: dict[str, str]) -> None:
    """The index of ``source``'s rows, written to the new file at ``path``: the tables, filled
    in one pass over the rows (``index_fill.fill``), the search table and the indexes made
    once the rows are in. From a file, on two processors or more, half of the parts are fed
    in a second process at the same time (``index_split.py``)."""
    second = Second.start(path, source) if isinstance(source, StoreRows) else None
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        with con:
            recorded = fill(con, source, first_parts(second is not None))
        if second is not None:
            second.copy_into(con)
        with con:
            con.executemany("INSERT INTO info VALUES (?, ?)", {**info, **recorded}.items())
    finally:  # whatever went wrong (rows the second could not hold: SecondFailed) is _build's
        con.close()
        if second is not None:
            second.close()
