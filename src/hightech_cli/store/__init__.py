"""The store: one TinyDB JSON file of entities, facts, source blocks and metadata.

This face offers what commands need: :func:`open_store`, the one place that picks a read
backend, and :func:`ask`, which answers a question from a store and asks once more if the
store's index turns out damaged. The family's modules:

- ``location``: which file (``--db``, ``$HZ_DB``, the user's store, the shipped one);
- ``document``: strict decoding, the table layout, the one way a store is written;
- ``reader``: the ``Reader`` interface of the three read backends, ``memory``, ``scan`` and
  ``index`` (``reader``'s docstring says how each answers);
- ``atomic``: atomic replacement of a file and the write lock;
- ``check``: validation (``hz check``); ``merge``: an import file merged into a store;
  ``transfer``: ``hz import``, ``hz export``, ``hz init``; ``indexing``: writing the index;
  ``publish``: ``hz export -f sqlite``, a database to browse with Datasette.

Lookups never write, not even a cache. The JSON file is the one source of truth: an index is
used only while the file is as it was when the index was made, and any trouble with the index
or the scan falls back to the file. Small stores never import ``sqlite3`` or msgspec.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from hightech_cli.errors import HzError, IndexDamaged, NotFound, StoreError
from hightech_cli.store.document import check_version
from hightech_cli.store.location import index_min_bytes, resolve_store_path
from hightech_cli.store.reader import Reader

__all__ = ["Reader", "ask", "empty_note", "open_store", "store_problem"]

_T = TypeVar("_T")

# The store the last answer came from. Freeing a big store takes a while, better spent after
# the answer is out, and the ``hz`` command skips it altogether (``__main__.run`` ends the
# process without freeing anything); so it is kept here until the next question.
_answered_from: list[Reader] = []


def open_store(db: str | os.PathLike[str] | None = None) -> Reader:
    """Open the store chosen by ``resolve_store_path(db)`` for reading.

    A small store is decoded whole. A big one is answered from its index when the index is
    up to date, otherwise by a scan of the file; a file the scan cannot type is decoded whole.
    Nothing is written either way.
    """
    from hightech_cli.store.memory import MemoryStore

    path = resolve_store_path(db)
    try:
        st = path.stat()
    except OSError:
        st = None  # MemoryStore.read reports it
    if st is None or not stat.S_ISREG(st.st_mode) or st.st_size < index_min_bytes():
        return MemoryStore.read(path)  # it checks the schema version as it reads
    from hightech_cli.store.files import not_an_output

    not_an_output(st, "store", path)  # an index answers without reading the file
    from hightech_cli.store import index  # sqlite3, for big stores only

    store: Reader | None = index.open_index(path, st)
    if store is None:
        from hightech_cli.store import scan  # msgspec, for big stores only

        store = scan.scan_file(path)
    if store is None:
        return MemoryStore.read(path)
    check_version(store.meta, path)
    return store


def ask(db: str | os.PathLike[str] | None, question: Callable[[Reader], _T]) -> _T:
    """Open the store and answer, once more if its index proves damaged mid-answer.

    A damaged index is removed when found, so the second time the file answers.
    """
    _answered_from.clear()
    store = None
    try:
        try:
            store = open_store(db)
            _answered_from.append(store)
            answer = question(store)
        except IndexDamaged:
            _answered_from.clear()
            store = open_store(db)
            _answered_from.append(store)
            answer = question(store)
    except NotFound as exc:
        note = _empty(store) if store is not None else None
        if note is None:
            raise
        raise NotFound(f"{exc.message}: {note}", hint=EMPTY_HINT) from None
    except (HzError, KeyboardInterrupt, MemoryError):
        raise
    except Exception:
        problem = store_problem()
        if problem is not None:
            raise problem from None
        raise  # a valid store: hz's own bug, reported as one
    return answer


def ask_rows(
    db: str | os.PathLike[str] | None, question: Callable[[Reader], Iterator[_T]]
) -> Iterator[_T]:
    """:func:`ask` for a list whose rows are read as they are printed: the first row is read
    while asking, so that a damaged index found at the start is asked again like any other.
    Damage found further on ends the list with ``IndexDamaged``: its rows were printed."""

    def first(store: Reader) -> tuple[list[_T], Iterator[_T]]:
        rows = question(store)
        return list(islice(rows, 1)), rows

    head, rest = ask(db, first)
    return chain(head, rest)


def store_problem() -> StoreError | None:
    """After a command failed unexpectedly, a ``StoreError`` naming the first problem of the
    store it read, if that store fails ``hz check``; None if it passes (the bug is hz's).

    Lookups and their output read only what they need and trust the schema (checking every
    row would cost more than answering), so a store ``hz check`` refuses may break one
    mid-answer; the CLI's error mapper asks this before calling anything an internal error.
    """
    if not _answered_from:
        return None
    try:
        return explain_failure(_answered_from[-1].path)
    except StoreError as exc:  # it cannot even be read now
        return exc


def explain_failure(path: Path) -> StoreError | None:
    """A one-line ``StoreError`` naming the first problem of the store at ``path``, or None if
    it is valid (``StoreError`` raised if it cannot even be read)."""
    from hightech_cli.store.check import validate
    from hightech_cli.store.document import read_store_file

    problems = validate(read_store_file(path))
    if not problems:
        return None
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return StoreError(
        f"store is not valid: {path}: {problems[0]}{more}",
        hint=f"'hz --db {path} check' lists every problem",
    )


EMPTY_HINT = "'hz init --force' starts it again with the shipped facts; --db picks another store"


def _empty(store: Reader) -> str | None:
    """ "the store PATH is empty" if it holds no entities (so no facts either), else None."""
    from hightech_cli.models import ENTITY_KINDS

    # The zone first: one row, and a store that has it is not empty.
    if next(store.entities_of("zone"), None) is not None:
        return None
    if next(store.entities_of(*ENTITY_KINDS), None) is not None:
        return None
    return f"the store {store.path} is empty"


def empty_note() -> str | None:
    """If the last answer (``ask``) came from a store holding nothing, a line that says so.

    A list that comes back empty from an empty store is no answer: the user is most likely
    reading a store made with ``hz init --empty``, or one that lost its records, and should be
    told which, rather than see "nothing matched" as if the facts had been searched.
    """
    if not _answered_from:
        return None
    note = _empty(_answered_from[-1])
    return f"{note} ({EMPTY_HINT})" if note else None
