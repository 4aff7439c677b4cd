"""The store as a SQLite database to browse with Datasette: ``hz export -f sqlite OUT.db``.

The family: ``tables`` (the columns, derived from ``models.py``, and the SQL), ``database``
(the rows, the checks, the search), ``metadata`` (Datasette's metadata file), and this face
(the targets and the atomic write).

The database is made for reading, not for hz: hz never reads it back. Its tables are the
store's (``sources``, ``blocks``, ``entities``, ``facts``, and ``exchange_rates`` from the
meta row, plus ``fact_refs``, one row per entity a fact refers to), and their columns are
derived from ``models.py`` (``tables.columns``): a plain field is a column of its own; an object
(a fact's ``value``, ``before``, ``evidence``; an entity's ``keys``) is flattened one level
into ``<field>_<key>`` columns, except that a fact's figure and evidence keep their keys' bare
names (``number``, ``unit``, ``qualifier``, ``currency``, ``quote``, ``paragraph``) where no
other column has that name; lists and lists of objects are JSON text. Three spellings are
chosen for the reader: a source reference is ``source_id``, an amount in minor units is
``amount_minor``, and a figure's own wording is ``value_text`` beside the fact's ``text``.

Exactness. Money is ``amount_minor`` (INTEGER, fen or cents, exact) beside ``value_text``,
the figure as written (``4.5亿美元``); a figure's ``number`` is TEXT holding its exact decimal
(``450000000``, ``4.5``), never a REAL. Text is stored as written (UTF-8). Every fact and entity
keeps its whole store record as JSON in ``record``, so nothing the flat columns leave out is lost.

Links. ``facts.subject`` and entities' ``org`` and ``investor`` reference ``entities.id``;
``source_id`` columns reference ``sources.id``; a fact's ``(source_id, paragraph)`` references
``blocks(source_id, n)``. Datasette links only single-column keys, so a fact also carries
``block_id``, the ``blocks.id`` of its paragraph (a row number of this export; the pair is the
stable key). The database is written with the keys declared and then checked with
``PRAGMA foreign_key_check``: a store whose references do not resolve is refused (``hz
check`` says why), as is one with duplicate ids or missing required fields.

Search. Each table with text has an external-content FTS5 table, ``<table>_fts`` with
``content=[<table>]``, which Datasette finds by itself (and the metadata names, too). Chinese
has no spaces between words, so the tokenizer is ``trigram`` (SQLite 3.34 and later): a search
finds any run of three or more characters anywhere in the text, and nothing for one or two
(``小优`` needs Datasette's ``contains`` filter, ``?text__contains=小优``, or the metadata's
query of facts with their paragraphs, which tests substrings). Where this SQLite has no
trigram tokenizer, the database has no full-text tables and :class:`Published` says so.

The metadata file (``datasette OUT.db -m OUT.metadata.json``) gives the title, each article's
title, publication and licence (what the store records, else ``unknown``: hz never guesses
one), a description of every table and column (the comments of ``models.py``), the facets,
label columns, full-text tables, and a query of every fact with its whole paragraph.
Datasette keys table settings by the database's file name without its suffix, so the
metadata fits the database under the name it was written with.

Writing. Each file is built in a temporary file beside it and renamed into place
(``atomic.building``); an existing file is replaced only with ``force``, and anything but a
regular file (a directory, a device, a pipe) never; the store being read, the shipped store and
the user's own store, their locks, and hz's cache directory (the indexes) are never a target.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from hightech_cli.errors import HzError, StoreError
from hightech_cli.store.atomic import lock_path
from hightech_cli.store.document import read_store_file
from hightech_cli.store.location import (
    file_path,
    resolve_store_path,
    shipped_store_path,
    user_store_path,
)
from hightech_cli.store.publish.database import has_trigram, write_database
from hightech_cli.store.publish.metadata import metadata
from hightech_cli.store.publish.tables import TOKENIZER

__all__ = ["OutputRefused", "Published", "metadata_path", "publish_sqlite"]


class OutputRefused(HzError):
    """An export target exists (without --force), is not a regular file, or is the store."""


@dataclass(frozen=True)
class Published:
    """What ``hz export -f sqlite`` wrote."""

    database: Path
    metadata: Path
    counts: dict[str, int]
    search: str | None  # the FTS5 tokenizer, None where there is no full-text search
    seconds: float
    bytes: int
    replaced: list[Path] = field(default_factory=list)


def metadata_path(out: Path) -> Path:
    """Where the metadata goes by default: ``OUT.db`` → ``OUT.metadata.json`` beside it."""
    return out.with_name(out.stem + ".metadata.json")


def _target(path: Path, *, force: bool, store: Path) -> bool:
    """Refuse a target we must not write; whether it exists (and will be replaced)."""
    try:
        st = path.stat()  # through a symbolic link: the file it names is what gets replaced
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputRefused(f"not a regular file: {path} (a broken link)") from None
        st = None
    except OSError as exc:
        raise OutputRefused(f"cannot write {path}: {exc.strerror or exc}") from None
    stores = [store, shipped_store_path(), user_store_path()]
    for other in dict.fromkeys(p for p in stores if p is not None):
        with contextlib.suppress(OSError):
            if st is not None and path.samefile(other):
                raise OutputRefused(f"refusing to write over the store {other}")
        with contextlib.suppress(OSError):
            if st is not None and path.samefile(lock_path(other)):
                # Replacing it would let two writers of the store each hold a lock of its own.
                raise OutputRefused(f"refusing to write over the store's lock {lock_path(other)}")
    _not_in_cache(path, st, store)
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputRefused(f"not a regular file: {path}")
    if st is not None and not force:
        raise OutputRefused(f"already exists: {path}", hint="add --force to replace it")
    if not path.parent.is_dir():
        raise OutputRefused(f"directory does not exist: {path.parent}")
    return st is not None


def _not_in_cache(path: Path, st: os.stat_result | None, store: Path) -> None:
    """Refuse a target in hz's cache directory, where the indexes of stores live (``hz
    index`` prunes what it finds there), or the store's index reached by another name."""
    from hightech_cli.store.index import cache_dir, cache_path

    try:
        cache = Path(os.path.realpath(cache_dir()))
        index = cache_path(store)
    except (OSError, RuntimeError):  # no cache directory: no index to keep
        return
    inside = Path(os.path.realpath(path)).is_relative_to(cache)
    with contextlib.suppress(OSError):
        inside = inside or (st is not None and path.samefile(index))
    if inside:
        raise OutputRefused(
            f"refusing to write into hz's index directory {cache}: {path}",
            hint="export somewhere else",
        )


def publish_sqlite(
    db: str | os.PathLike[str] | None,
    out: str | os.PathLike[str],
    *,
    metadata_to: str | os.PathLike[str] | None = None,
    force: bool = False,
) -> Published:
    """Export the store ``resolve_store_path(db)`` picks as ``out`` and its Datasette metadata."""
    from hightech_cli.store import atomic

    started = time.perf_counter()
    store = resolve_store_path(db)
    database = file_path(out, "database", error=OutputRefused)
    replaced = [database] if _target(database, force=force, store=store) else []
    if metadata_to:
        meta_file = file_path(metadata_to, "metadata file", error=OutputRefused)
    else:
        meta_file = metadata_path(database)
    if os.path.realpath(meta_file) == os.path.realpath(database):  # `..` and links too
        raise OutputRefused(f"the metadata cannot be the database itself: {meta_file}")
    if _target(meta_file, force=force, store=store):
        replaced.append(meta_file)
    doc = read_store_file(store)
    search = has_trigram()
    text = json.dumps(metadata(database.stem, doc, search=search), ensure_ascii=False, indent=2)
    try:
        with (
            atomic.building(meta_file, replace=force) as meta_tmp,
            atomic.building(database, replace=force) as db_tmp,
        ):
            try:
                counts = write_database(db_tmp, doc, search=search)
            except sqlite3.OperationalError as exc:
                # SQLite's own word for a file it cannot write ("database or disk is full",
                # "disk I/O error"); the temporary file is removed, the target left as it was.
                raise StoreError(f"cannot write {database}: {exc}") from None
            meta_tmp.write_text(text + "\n", encoding="utf-8")
            size = db_tmp.stat().st_size
    except FileExistsError as exc:
        raise OutputRefused(
            f"already exists: {exc.filename}", hint="add --force to replace it"
        ) from None
    return Published(
        database,
        meta_file,
        counts,
        TOKENIZER if search else None,
        time.perf_counter() - started,
        size,
        replaced,
    )
