"""Writing the SQLite database: a store's records as rows, then the checks and the search.

The database is built in one transaction on a new file that nobody else can see yet (the
family's face renames it into place), so it runs without a journal or syncs: the face syncs
the finished file once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from hightech_cli.errors import StoreError
from hightech_cli.store.document import Document
from hightech_cli.store.publish.tables import TABLES, TOKENIZER, Column, Table, fts_sql, ident
from hightech_cli.store.publish.tables import table_sql as create_sql

UNKNOWN_LICENCE: Final = "unknown"
_HINT: Final = "'hz check' lists the problems"

Row = tuple[Any, ...]


def licence(source: Mapping[str, Any]) -> str:
    """An article's licence as the store records it; ``unknown`` where it records none."""
    return str(source.get("licence") or source.get("license") or UNKNOWN_LICENCE)


def sources(doc: Document) -> list[dict[str, Any]]:
    """The store's sources (from its one meta row)."""
    meta = next(iter(doc["meta"].values()))
    return [s for s in meta.get("sources") or [] if isinstance(s, dict)]


def has_trigram() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 and later)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return True


# ------------------------------------------------------------------------ rows


def _decimal(value: Any) -> Any:
    """A figure as its exact decimal text: 450000000, 4.5 (a float by its shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value  # not a number: stored as the store holds it
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")


def _cell(rec: Mapping[str, Any], col: Column) -> Any:
    value: Any = rec
    for key in col.path:
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return None
    if col.as_json or isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return _decimal(value) if col.exact else value


def row(table: Table, rec: Mapping[str, Any], computed: Mapping[str, Any] | None = None) -> Row:
    """One record as a row of ``table``; ``computed`` holds the columns the export adds."""
    computed = computed or {}
    return tuple(
        computed[c.name] if c.name in computed else _cell(rec, c) if c.path else None
        for c in table.columns
    )


def _key(*parts: Any) -> tuple[str, ...]:
    # Keys of lookups built from records of a store that may be invalid: never unhashable.
    return tuple(p if isinstance(p, str) else json.dumps(p) for p in parts)


def _table_rows(doc: Document) -> dict[str, Iterable[Row]]:
    by_name = {t.name: t for t in TABLES}
    meta = next(iter(doc["meta"].values()))
    blocks = list(doc["blocks"].values())
    block_ids = {_key(b.get("source"), b.get("n")): i for i, b in enumerate(blocks, 1)}
    names = {_key(e.get("id")): e.get("name") for e in doc["entities"].values()}

    def fact_rows() -> Iterator[Row]:
        for f in doc["facts"].values():
            ev = f.get("evidence")
            ev = ev if isinstance(ev, dict) else {}
            yield row(
                by_name["facts"],
                f,
                {
                    "subject_name": names.get(_key(f.get("subject"))),
                    "block_id": block_ids.get(_key(ev.get("source"), ev.get("paragraph"))),
                    "record": json.dumps(f, ensure_ascii=False),
                },
            )

    def ref_rows() -> Iterator[Row]:
        for f in doc["facts"].values():
            refs = f.get("refs")
            if isinstance(refs, list):
                for ref in dict.fromkeys(r for r in refs if isinstance(r, str)):
                    yield (f.get("id"), ref)

    rates = [r for r in meta.get("exchange_rates") or [] if isinstance(r, dict)]
    return {
        "sources": (
            row(by_name["sources"], s, {"licence": licence(s), "url": s.get("url")})
            for s in sources(doc)
        ),
        "exchange_rates": (row(by_name["exchange_rates"], r) for r in rates),
        "blocks": (row(by_name["blocks"], b, {"id": i}) for i, b in enumerate(blocks, 1)),
        "entities": (
            row(by_name["entities"], e, {"record": json.dumps(e, ensure_ascii=False)})
            for e in doc["entities"].values()
        ),
        "facts": fact_rows(),
        "fact_refs": ref_rows(),
    }


# ------------------------------------------------------------------------ the database


def _insert(conn: sqlite3.Connection, table: Table, rows: Iterable[Row]) -> int:
    names = ", ".join(ident(c.name) for c in table.columns)
    marks = ", ".join("?" * len(table.columns))
    before = conn.total_changes
    try:
        # Names of the tables and columns above, never of the data: no injection.
        sql = f"INSERT INTO {ident(table.name)} ({names}) VALUES ({marks})"  # noqa: S608
        conn.executemany(sql, rows)
    except sqlite3.OperationalError:
        raise  # the file, not the store: a full disk, an I/O error (publish_sqlite says so)
    except (sqlite3.Error, OverflowError) as exc:  # OverflowError: an integer beyond 64 bits
        raise StoreError(f"cannot export the {table.name} table: {exc}", hint=_HINT) from None
    return conn.total_changes - before


def _check_links(conn: sqlite3.Connection) -> None:
    bad = conn.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        table, rowid, parent, _ = bad[0]
        sql = f"SELECT * FROM {ident(table)} WHERE rowid = ?"  # noqa: S608 -- one of ours
        first = conn.execute(sql, (rowid,)).fetchone()
        raise StoreError(
            f"cannot export: {len(bad)} reference(s) do not resolve, the first from {table} "
            f"{first[0] if first else rowid} to {parent}",
            hint=_HINT,
        )


def write_database(path: Path, doc: Document, *, search: bool) -> dict[str, int]:
    """Write the tables of ``doc`` into the new, empty file ``path``; the rows of each table.

    With ``search``, each table with text gets its full-text table. A store whose rows break
    the keys (a duplicate id, a missing field, a reference to nothing) is a ``StoreError``.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    counts: dict[str, int] = {}
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        for table in TABLES:
            for stmt in create_sql(table):
                conn.execute(stmt)
        rows = _table_rows(doc)
        for table in TABLES:
            counts[table.name] = _insert(conn, table, rows[table.name])
        _check_links(conn)
        if search:
            for table in TABLES:
                if table.search:
                    conn.execute(fts_sql(table))
                    fts = ident(table.name + "_fts")
                    conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = DELETE")
    except (TypeError, AttributeError, ValueError) as exc:  # a record of the wrong shape
        raise StoreError(f"cannot export the store: {exc}", hint=_HINT) from None
    finally:
        conn.close()
    return counts
