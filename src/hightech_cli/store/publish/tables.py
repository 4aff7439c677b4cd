"""The tables of the SQLite export, derived from ``models.py``, and the SQL that makes them.

:func:`columns` turns a record TypedDict into columns (the family's face, ``__init__.py``, says
how); a :class:`Table` adds the key, the links, the full-text columns, the facets and the
columns the export computes. Column descriptions are the comments written beside the fields in
``models.py``, read from its source, so that they have one home.
"""

from __future__ import annotations

import inspect
import io
import re
import tokenize
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Final

from hightech_cli import models
from hightech_cli.errors import StoreError
from hightech_cli.models import (
    REFERENCE_FIELDS,
    Block,
    Entity,
    ExchangeRate,
    Fact,
    SourceMeta,
    fields,
)

TOKENIZER: Final = "trigram"


@dataclass(frozen=True)
class Column:
    """One column of an exported table and where its value comes from in the record."""

    name: str
    sql: str  # TEXT, INTEGER or REAL
    path: tuple[str, ...]  # keys into the record; () for a column computed by the export
    required: bool = False
    as_json: bool = False  # a list or object, kept whole as JSON text
    exact: bool = False  # an int-or-float figure, as its exact decimal text
    description: str = ""


# Objects whose keys keep their bare names, where no other column has the name.
_BARE: Final = {(Fact, "value"), (Fact, "evidence")}
# A key's column name, by the record type that declares the key.
_SPELLING: Final[dict[tuple[type, str], str]] = {
    (models.Evidence, "source"): "source_id",
    (Block, "source"): "source_id",
    (models.Quantity, "minor"): "amount_minor",
}


@cache
def _comments(record: type) -> dict[str, str]:
    """The comment written after each field of a TypedDict in ``models.py``."""
    try:
        source = inspect.getsource(record)
    except (OSError, TypeError):  # no source shipped: the columns go undescribed
        return {}
    found: dict[str, str] = {}
    lines = source.splitlines()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            code = lines[tok.start[0] - 1][: tok.start[1]]
            if m := re.match(r"\s+(\w+)\s*:", code):
                found[m.group(1)] = tok.string.lstrip("#").strip()
    return found


def _describe(comment: str, f: models.Field) -> str:
    """A column's description: the model's comment, and a Literal's values."""
    if f.choices:
        listed = "one of " + ", ".join(f.choices)
        return f"{comment}; {listed}" if comment else listed
    return comment


def _sql_type(f: models.Field) -> tuple[str, bool, bool]:
    """(SQL type, as JSON, exact decimal) of a plain field."""
    if f.types in ((list,), (dict,)):
        return "TEXT", True, False
    if set(f.types) == {int, float}:
        return "TEXT", False, True
    if f.types == (int,):
        return "INTEGER", False, False
    if f.types == (float,):
        return "REAL", False, False
    return "TEXT", False, False


@cache
def columns(record: type) -> tuple[Column, ...]:
    """The columns of a record TypedDict's table, derived from its fields (see the family)."""
    top = {f.name for f in fields(record)}
    out: list[Column] = []
    comments = _comments(record)
    for f in fields(record):
        name = _SPELLING.get((record, f.name), f.name)
        if f.shape is None or f.types != (dict,):
            sql, as_json, exact = _sql_type(f)
            described = _describe(comments.get(f.name, ""), f)
            out.append(Column(name, sql, (f.name,), f.required, as_json, exact, described))
            continue
        inner = _comments(f.shape)
        parent = comments.get(f.name) or f.name
        for sub in fields(f.shape):
            spelt = _SPELLING.get((f.shape, sub.name), sub.name)
            bare = (record, f.name) in _BARE and spelt not in top
            sql, as_json, exact = _sql_type(sub)
            out.append(
                Column(
                    spelt if bare else f"{f.name}_{spelt}",
                    sql,
                    (f.name, sub.name),
                    f.required and sub.required,
                    as_json,
                    exact,
                    f"{parent}: {_describe(inner.get(sub.name, ''), sub) or sub.name}",
                )
            )
    names = [c.name for c in out]
    if len(set(names)) != len(names):  # a model change made two columns alike
        raise StoreError(f"the {record.__name__} columns collide: {names}")
    return tuple(out)


# ------------------------------------------------------------------------ tables


@dataclass(frozen=True)
class Table:
    """An exported table: its record type, key, links, search and facets."""

    name: str
    record: type | None  # None: a table the export makes (fact_refs)
    description: str
    key: tuple[str, ...]
    extra: tuple[Column, ...] = ()  # columns the export adds to the model's
    links: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    search: tuple[str, ...] = ()  # columns of its full-text table
    facets: tuple[str, ...] = ()
    label: str | None = None
    indexes: tuple[tuple[str, ...], ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()  # other keys: what a composite link points to

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        derived = columns(self.record) if self.record else ()
        have = {c.name for c in derived}
        every = derived + tuple(c for c in self.extra if c.name not in have)
        # The key first, as a reader looks for it.
        return tuple(sorted(every, key=lambda c: c.name not in self.key))


RECORD = Column("record", "TEXT", (), True, description="the whole store record, as JSON")
_ENTITY = ("entities", ("id",))
_SOURCE = ("sources", ("id",))

TABLES: Final = (
    Table(
        "sources",
        SourceMeta,
        "The articles the facts come from, with their attribution.",
        ("id",),
        extra=(
            Column(
                "licence",
                "TEXT",
                (),
                True,
                description="the article's licence as the store records it; 'unknown' where "
                "it records none",
            ),
            Column("url", "TEXT", (), description="where the article was published, if known"),
        ),
        search=("title", "subtitle", "byline", "publication"),
        label="title",
    ),
    Table(
        "exchange_rates",
        ExchangeRate,
        "The rates hz compares amounts in different currencies with (not from the articles).",
        ("base", "quote"),
    ),
    Table(
        "blocks",
        Block,
        "Each article, repaired and numbered: paragraphs, headings, captions; a fact's "
        "'paragraph' is a block's 'n'.",
        ("id",),
        extra=(
            Column(
                "id",
                "INTEGER",
                (),
                True,
                description="row number of this export (source_id and n are the stable key)",
            ),
        ),
        links=((("source_id",), *_SOURCE),),
        search=("text",),
        facets=("source_id", "kind"),
        label="n",
        unique=(("source_id", "n"),),
    ),
    Table(
        "entities",
        Entity,
        "The zone, companies, people, projects, policies and organisations the articles name.",
        ("id",),
        extra=(RECORD,),
        links=tuple(((ref,), *_ENTITY) for ref in REFERENCE_FIELDS),
        search=("name", "full_name", "english_name", "aliases", "summary"),
        facets=("kind", "industry", "category"),
        label="name",
        indexes=(("kind",),),
    ),
    Table(
        "facts",
        Fact,
        "One statement of an article about one subject, with its figure and its evidence: "
        "the quote and the paragraph (block) it stands in.",
        ("id",),
        extra=(
            Column(
                "subject_name",
                "TEXT",
                (),
                description="the subject's name (entities.name), here so that a search finds it",
            ),
            Column(
                "block_id",
                "INTEGER",
                (),
                description="the blocks row of the evidence paragraph (source_id, paragraph)",
            ),
            RECORD,
        ),
        links=(
            (("subject",), *_ENTITY),
            (("source_id",), *_SOURCE),
            (("source_id", "paragraph"), "blocks", ("source_id", "n")),
            (("block_id",), "blocks", ("id",)),
        ),
        search=("text", "topic", "quote", "value_text", "subject_name"),
        facets=("kind", "topic", "subject", "qualifier", "currency", "basis", "source_id"),
        label="topic",
        indexes=(
            ("kind",),
            ("topic",),
            ("subject",),
            ("qualifier",),
            ("currency",),
            ("basis",),
            ("source_id", "paragraph"),
            ("block_id",),
        ),
    ),
    Table(
        "fact_refs",
        None,
        "The other entities each fact is about (a fact's 'refs'), one row each.",
        ("fact_id", "entity_id"),
        extra=(
            Column("fact_id", "TEXT", (), True, description="the fact"),
            Column("entity_id", "TEXT", (), True, description="an entity it refers to"),
        ),
        links=((("fact_id",), "facts", ("id",)), (("entity_id",), *_ENTITY)),
        indexes=(("entity_id",),),
    ),
)


def ident(name: str) -> str:
    """A name quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def table_sql(table: Table) -> list[str]:
    """CREATE statements of a table and its indexes."""
    cols = [f"{ident(c.name)} {c.sql}{' NOT NULL' if c.required else ''}" for c in table.columns]
    cols.append(f"PRIMARY KEY ({', '.join(map(ident, table.key))})")
    for here, other, there in table.links:
        cols.append(
            f"FOREIGN KEY ({', '.join(map(ident, here))}) "
            f"REFERENCES {ident(other)} ({', '.join(map(ident, there))})"
        )
    stmts = [f"CREATE TABLE {ident(table.name)} (\n  " + ",\n  ".join(cols) + "\n)"]
    kinds = [("UNIQUE INDEX", c) for c in table.unique] + [("INDEX", c) for c in table.indexes]
    for n, (kind, idx) in enumerate(kinds):
        stmts.append(
            f"CREATE {kind} {ident(f'{table.name}_{n}')} "
            f"ON {ident(table.name)} ({', '.join(map(ident, idx))})"
        )
    return stmts


def fts_sql(table: Table) -> str:
    """The external-content FTS5 table Datasette detects for ``table``."""
    cols = ", ".join(map(ident, table.search))
    return (
        f"CREATE VIRTUAL TABLE {ident(table.name + '_fts')} USING fts5({cols}, "
        f"content=[{table.name}], tokenize='{TOKENIZER}')"
    )
