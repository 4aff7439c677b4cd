"""The SQLite export for Datasette below the CLI (``store/publish/``).

Every database is written under ``tmp_path`` from the shipped store or from a copy of it
changed in memory; the shipped store itself is only read.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any, NotRequired, TypedDict

import pytest

from helpers import SHIPPED, SHIPPED_PATH, settle
from hightech_cli.errors import ExitCode, StoreError
from hightech_cli.models import Evidence, Fact, Quantity, fields
from hightech_cli.store.document import dumps
from hightech_cli.store.publish import OutputRefused, metadata_path, publish_sqlite
from hightech_cli.store.publish import database as database_mod
from hightech_cli.store.publish.tables import TABLES, columns

FACTS: list[dict[str, Any]] = list(SHIPPED["facts"].values())
MONEY = [f for f in FACTS if "minor" in f.get("value", {})]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "corpus.db"
    publish_sqlite(SHIPPED_PATH, out)
    return out


@pytest.fixture
def conn(exported: Path) -> Any:
    connection = sqlite3.connect(f"file:{exported}?mode=ro", uri=True)
    yield connection
    connection.close()


def _store(tmp_path: Path, change: Any = None) -> Path:
    """A copy of the shipped store, changed by ``change(doc)``, written under tmp_path."""
    doc = copy.deepcopy(SHIPPED)
    if change is not None:
        change(doc)
    path = tmp_path / "store.json"
    path.write_text(dumps(doc), encoding="utf-8")
    return path


def _rows(conn: sqlite3.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    cur = conn.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


# ------------------------------------------------------------------------ the schema


def test_every_field_of_the_models_has_a_column() -> None:
    by_name = {t.name: t for t in TABLES}
    for table, record in (("facts", Fact), ("entities", by_name["entities"].record)):
        assert record is not None
        paths = {c.path for c in by_name[table].columns}
        for f in fields(record):
            if f.shape is not None and f.types == (dict,):
                for sub in fields(f.shape):
                    assert (f.name, sub.name) in paths, (table, f.name, sub.name)
            else:
                assert (f.name,) in paths, (table, f.name)


def test_columns_follow_the_model() -> None:
    class Probe(TypedDict):
        id: str
        evidence: Evidence
        value: NotRequired[Quantity]
        share: NotRequired[int | float]
        tags: list[str]

    cols = {c.name: c for c in columns(Probe)}
    assert set(cols) == {
        "id",
        "evidence_source_id",
        "evidence_paragraph",
        "evidence_quote",
        "value_text",
        "value_number",
        "value_unit",
        "value_qualifier",
        "value_currency",
        "value_amount_minor",
        "share",
        "tags",
    }
    assert cols["id"].required and not cols["share"].required
    assert cols["value_amount_minor"].sql == "INTEGER" and not cols["value_amount_minor"].required
    assert cols["share"].exact and cols["share"].sql == "TEXT"
    assert cols["tags"].as_json


def test_fact_columns_name_the_figure_and_the_evidence_plainly() -> None:
    names = [c.name for c in next(t for t in TABLES if t.name == "facts").columns]
    for name in ("amount_minor", "currency", "qualifier", "number", "unit", "value_text"):
        assert name in names
    for name in ("source_id", "paragraph", "quote", "block_id", "record"):
        assert name in names
    assert names[0] == "id"


def test_every_name_a_table_declares_is_one_of_its_columns() -> None:
    by_name = {t.name: t for t in TABLES}
    for table in TABLES:
        cols = {c.name for c in table.columns}
        named = {*table.key, *table.search, *table.facets, *([table.label] if table.label else [])}
        for idx in (*table.indexes, *table.unique):
            named |= set(idx)
        for here, other, there in table.links:
            named |= set(here)
            assert set(there) <= {c.name for c in by_name[other].columns}, (table.name, there)
        assert named <= cols, (table.name, named - cols)


def test_descriptions_come_from_the_model_comments(conn: sqlite3.Connection) -> None:
    facts = next(t for t in TABLES if t.name == "facts")
    described = {c.name: c.description for c in facts.columns}
    assert "fen/cents" in described["amount_minor"]
    assert "more_than" in described["qualifier"]  # a Literal lists its values
    assert "verbatim" in described["quote"]


def test_tables_and_counts_equal_the_store(conn: sqlite3.Connection) -> None:
    meta = next(iter(SHIPPED["meta"].values()))
    expected = {
        "sources": len(meta["sources"]),
        "exchange_rates": len(meta["exchange_rates"]),
        "blocks": len(SHIPPED["blocks"]),
        "entities": len(SHIPPED["entities"]),
        "facts": len(SHIPPED["facts"]),
        "fact_refs": sum(len(set(f["refs"])) for f in FACTS),
    }
    for table, n in expected.items():
        count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        assert count == n, table
    assert expected["fact_refs"] > 0


def test_amounts_are_exact_integers(conn: sqlite3.Connection) -> None:
    assert MONEY
    rows = {r["id"]: r for r in _rows(conn, "SELECT * FROM facts WHERE amount_minor IS NOT NULL")}
    assert set(rows) == {f["id"] for f in MONEY}
    for f in MONEY:
        row = rows[f["id"]]
        assert type(row["amount_minor"]) is int and row["amount_minor"] == f["value"]["minor"]
        assert row["currency"] == f["value"]["currency"]
        assert row["value_text"] == f["value"]["text"]
        assert Decimal(row["number"]) == Decimal(repr(f["value"]["number"]))
    typed = conn.execute("SELECT DISTINCT typeof(amount_minor) FROM facts").fetchall()
    assert {t for (t,) in typed} == {"integer", "null"}


def test_references_resolve_and_are_declared(conn: sqlite3.Connection) -> None:
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    links = {(r[2], r[3], r[4]) for r in conn.execute("PRAGMA foreign_key_list(facts)")}
    assert ("entities", "subject", "id") in links
    assert ("sources", "source_id", "id") in links
    assert ("blocks", "source_id", "source_id") in links and ("blocks", "paragraph", "n") in links
    assert ("blocks", "block_id", "id") in links
    joined = conn.execute(
        "SELECT count(*) FROM facts f JOIN blocks b ON b.id = f.block_id "
        "AND b.source_id = f.source_id AND b.n = f.paragraph"
    ).fetchone()[0]
    assert joined == len(FACTS)


def test_chinese_is_stored_as_written(conn: sqlite3.Connection) -> None:
    for f in FACTS[:20]:
        row = _rows(conn, "SELECT text, quote, topic, record FROM facts WHERE id = ?", f["id"])[0]
        assert (row["text"], row["quote"], row["topic"]) == (
            f["text"],
            f["evidence"]["quote"],
            f["topic"],
        )
        assert json.loads(row["record"]) == f
        assert "\\u" not in row["record"]
    block = next(iter(SHIPPED["blocks"].values()))
    got = conn.execute(
        "SELECT text FROM blocks WHERE source_id = ? AND n = ?", (block["source"], block["n"])
    ).fetchone()[0]
    assert got == block["text"]


def test_search_finds_three_characters_anywhere(conn: sqlite3.Connection) -> None:
    def search(table: str, term: str) -> set[str]:
        sql = (
            f"SELECT id FROM {table} WHERE rowid IN "  # noqa: S608 -- our table names
            f"(SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)"
        )
        return {str(r[0]) for r in conn.execute(sql, (f'"{term}"',))}

    about = {f["id"] for f in FACTS if f["subject"] == "company:xiaoyou"}
    assert about and about <= search("facts", "小优智能")  # through subject_name
    names = {e["id"]: e["name"] for e in SHIPPED["entities"].values()}

    def holds(f: dict[str, Any], term: str) -> bool:
        texts = (f["text"], f["topic"], f["evidence"]["quote"], names[f["subject"]])
        return any(term in t for t in (*texts, f.get("value", {}).get("text", "")))

    for term in ("皮肤检测", "投资额", "高新区"):
        assert search("facts", term) == {f["id"] for f in FACTS if holds(f, term)}, term
    assert "company:xiaoyou" in search("entities", "小优智")
    assert search("blocks", "小优智能")
    assert search("facts", "小优") == set()  # trigram: two characters match nothing


def test_datasette_finds_the_search_tables(conn: sqlite3.Connection) -> None:
    from datasette.utils import detect_fts

    for table in TABLES:
        expected = f"{table.name}_fts" if table.search else None
        assert detect_fts(conn, table.name) == expected


def test_without_trigram_there_is_no_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hightech_cli.store.publish as face

    monkeypatch.setattr(face, "has_trigram", lambda: False)
    done = publish_sqlite(SHIPPED_PATH, tmp_path / "plain.db")
    assert done.search is None
    with sqlite3.connect(done.database) as c:
        names = {r[0] for r in c.execute("SELECT name FROM sqlite_master")}
    assert not {n for n in names if n.endswith("_fts")}
    meta = json.loads(done.metadata.read_text(encoding="utf-8"))
    assert all("fts_table" not in t for t in meta["databases"]["plain"]["tables"].values())


# ------------------------------------------------------------------------ the metadata


def test_metadata_describes_the_database(exported: Path, conn: sqlite3.Connection) -> None:
    meta = json.loads(metadata_path(exported).read_text(encoding="utf-8"))
    assert list(meta["databases"]) == ["corpus"]
    source = next(iter(SHIPPED["meta"].values()))["sources"][0]
    assert source["title"] in meta["title"]
    assert meta["license"] == "unknown"  # the store records none, and none is invented
    assert source["title"] in meta["description"] and "licence: unknown" in meta["description"]
    tables = meta["databases"]["corpus"]["tables"]
    assert tables["facts"]["facets"][:5] == ["kind", "topic", "subject", "qualifier", "currency"]
    assert tables["facts"]["fts_table"] == "facts_fts"
    for name, entry in tables.items():
        cols = {r[1] for r in conn.execute(f"PRAGMA table_info({name})")}
        assert set(entry["columns"]) <= cols, name
        assert set(entry.get("facets", [])) <= cols, name
    assert "amount_minor" in tables["facts"]["columns"]
    licences = conn.execute("SELECT DISTINCT licence FROM sources").fetchall()
    assert licences == [("unknown",)]


def test_a_recorded_licence_and_url_are_carried(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        src = next(iter(doc["meta"].values()))["sources"][0]
        src["licence"] = "CC BY 4.0"
        src["url"] = "https://example.org/article"

    done = publish_sqlite(_store(tmp_path, change), tmp_path / "lic.db")
    meta = json.loads(done.metadata.read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY 4.0" and meta["source_url"] == "https://example.org/article"
    with sqlite3.connect(done.database) as c:
        assert c.execute("SELECT licence, url FROM sources").fetchone() == (
            "CC BY 4.0",
            "https://example.org/article",
        )


# ------------------------------------------------------------------------ writing


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "out.db"
    first = publish_sqlite(SHIPPED_PATH, out)
    assert first.replaced == [] and first.metadata == tmp_path / "out.metadata.json"
    before = out.read_bytes(), first.metadata.read_bytes()
    with pytest.raises(OutputRefused, match="already exists") as exc:
        publish_sqlite(SHIPPED_PATH, out)
    assert exc.value.exit_code == ExitCode.NOT_FOUND and "--force" in str(exc.value)
    assert (out.read_bytes(), first.metadata.read_bytes()) == before
    again = publish_sqlite(SHIPPED_PATH, out, force=True)
    assert again.replaced == [out, first.metadata]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.db", "out.metadata.json"]


def test_an_existing_metadata_file_stops_the_export_before_anything_is_written(
    tmp_path: Path,
) -> None:
    meta = tmp_path / "m.json"
    meta.write_text("{}", encoding="utf-8")
    with pytest.raises(OutputRefused, match="already exists"):
        publish_sqlite(SHIPPED_PATH, tmp_path / "new.db", metadata_to=meta)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]
    done = publish_sqlite(SHIPPED_PATH, tmp_path / "new.db", metadata_to=meta, force=True)
    assert json.loads(meta.read_text(encoding="utf-8"))["databases"].keys() == {"new"}
    assert done.replaced == [meta]


def test_targets_that_are_not_regular_files_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (tmp_path, fifo, tmp_path / "missing" / "x.db"):
        with pytest.raises(OutputRefused):
            publish_sqlite(SHIPPED_PATH, target, force=True)
    link = tmp_path / "dangling.db"
    link.symlink_to(tmp_path / "nowhere" / "x.db")
    with pytest.raises(OutputRefused, match="not a regular file"):
        publish_sqlite(SHIPPED_PATH, link, force=True)
    with pytest.raises(OutputRefused, match="itself"):
        publish_sqlite(SHIPPED_PATH, tmp_path / "a.db", metadata_to=tmp_path / "a.db")


def test_a_target_ending_in_a_slash_is_refused(tmp_path: Path) -> None:
    # A Path drops the slash: hz export -f sqlite out.db/ wrote the file out.db.
    for out, meta in ((f"{tmp_path}/out.db/", None), (tmp_path / "a.db", f"{tmp_path}/m.json/")):
        with pytest.raises(OutputRefused, match="ends in '/': it names a directory"):
            publish_sqlite(SHIPPED_PATH, out, metadata_to=meta)
    assert list(tmp_path.iterdir()) == []


def test_the_store_is_never_a_target(tmp_path: Path) -> None:
    store = _store(tmp_path)
    before = store.read_bytes()
    with pytest.raises(OutputRefused, match="store"):
        publish_sqlite(store, store, force=True)
    with pytest.raises(OutputRefused, match="store"):
        publish_sqlite(store, tmp_path / "x.db", metadata_to=SHIPPED_PATH, force=True)
    assert store.read_bytes() == before


def test_the_metadata_is_never_the_database_by_another_name(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    out = tmp_path / "a.db"
    publish_sqlite(SHIPPED_PATH, out)
    before = out.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(out)
    for other in (tmp_path / "sub" / ".." / "a.db", link):
        with pytest.raises(OutputRefused, match="itself"):
            publish_sqlite(SHIPPED_PATH, out, metadata_to=other, force=True)
    assert out.read_bytes() == before


def test_the_stores_lock_is_never_a_target(tmp_path: Path) -> None:
    from hightech_cli.store.atomic import lock_path

    store = _store(tmp_path)
    lock = lock_path(store)
    lock.write_bytes(b"")
    for out, meta in ((lock, None), (tmp_path / "x.db", lock)):
        with pytest.raises(OutputRefused, match="lock"):
            publish_sqlite(store, out, metadata_to=meta, force=True)
    assert lock.read_bytes() == b""


def test_the_index_and_the_cache_directory_are_never_a_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hightech_cli.store import indexing
    from hightech_cli.store.index import cache_dir, cache_path

    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")
    store = settle(_store(tmp_path))
    index = indexing.build_index_file(store, store.stat())
    assert index == cache_path(store)
    before = index.read_bytes()
    (tmp_path / "hard.db").hardlink_to(index)
    (tmp_path / "link.db").symlink_to(index)
    (tmp_path / "cache-link").symlink_to(cache_dir())
    for out, meta in (
        (index, None),
        (tmp_path / "x.db", index),
        (tmp_path / "hard.db", None),
        (tmp_path / "link.db", None),
        (tmp_path / "cache-link" / "new.db", None),
        (tmp_path / "x.db", cache_dir() / "new.metadata.json"),
    ):
        with pytest.raises(OutputRefused, match="index"):
            publish_sqlite(store, out, metadata_to=meta, force=True)
    assert index.read_bytes() == before
    assert sorted(p.name for p in cache_dir().iterdir()) == [index.name]


def test_the_users_own_store_is_never_a_target(tmp_path: Path, own_stores: None) -> None:
    from hightech_cli.store.atomic import lock_path
    from hightech_cli.store.location import user_store_path

    own = user_store_path()
    assert own is not None
    own.parent.mkdir(parents=True)
    own.write_bytes(SHIPPED_PATH.read_bytes())
    lock_path(own).write_bytes(b"")
    other = _store(tmp_path)
    for out in (own, lock_path(own)):
        with pytest.raises(OutputRefused, match="store"):
            publish_sqlite(other, out, force=True)
    assert own.read_bytes() == SHIPPED_PATH.read_bytes() and lock_path(own).read_bytes() == b""


def test_a_failed_export_leaves_the_old_files_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hightech_cli.store.publish as face

    out = tmp_path / "out.db"
    publish_sqlite(SHIPPED_PATH, out)
    before = out.read_bytes()

    def broken(path: Path, doc: Any, *, search: bool) -> dict[str, int]:
        path.write_bytes(b"half a database")
        raise StoreError("disk full")

    monkeypatch.setattr(face, "write_database", broken)
    with pytest.raises(StoreError, match="disk full"):
        publish_sqlite(SHIPPED_PATH, out, force=True)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.db", "out.metadata.json"]


def test_a_float_figure_is_its_exact_decimal(tmp_path: Path) -> None:
    target = next(f for f in FACTS if "value" in f and "minor" not in f["value"])

    def change(doc: dict[str, Any]) -> None:
        doc["facts"][next(k for k, v in doc["facts"].items() if v["id"] == target["id"])]["value"][
            "number"
        ] = 0.1

    done = publish_sqlite(_store(tmp_path, change), tmp_path / "f.db")
    with sqlite3.connect(done.database) as c:
        got = c.execute("SELECT number FROM facts WHERE id = ?", (target["id"],)).fetchone()
    assert got == ("0.1",)


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda f: f.update(subject="company:nobody"), "do not resolve"),
        (lambda f: f["evidence"].update(paragraph=999), "do not resolve"),
        (lambda f: f.pop("topic"), "NOT NULL"),
        (lambda f: f.update(subject=["a", "list"]), "cannot export"),
    ],
)
def test_a_store_that_breaks_the_keys_is_refused(
    tmp_path: Path, breakage: Any, message: str
) -> None:
    def change(doc: dict[str, Any]) -> None:
        breakage(next(iter(doc["facts"].values())))

    with pytest.raises(StoreError, match=message) as exc:
        publish_sqlite(_store(tmp_path, change), tmp_path / "bad.db")
    assert "hz check" in str(exc.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.json"]


def test_a_duplicate_block_is_refused(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        first = next(iter(doc["blocks"].values()))
        doc["blocks"]["9999"] = dict(first)

    with pytest.raises(StoreError, match="UNIQUE"):
        publish_sqlite(_store(tmp_path, change), tmp_path / "dup.db")


def test_licence_defaults_to_unknown() -> None:
    assert database_mod.licence({}) == "unknown"
    assert database_mod.licence({"license": "MIT"}) == "MIT"


def test_two_sources_keep_their_paragraphs_apart(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        meta = next(iter(doc["meta"].values()))
        second = dict(meta["sources"][0], id="second", title="第二篇", publication="", date="2025")
        meta["sources"].append(second)
        for k, block in list(doc["blocks"].items()):
            doc["blocks"][f"b{k}"] = dict(block, source="second")
        for k, f in list(doc["facts"].items())[:10]:
            doc["facts"][f"f{k}"] = dict(
                f, id=f["id"] + "-2", evidence=dict(f["evidence"], source="second")
            )

    done = publish_sqlite(_store(tmp_path, change), tmp_path / "two.db")
    assert done.counts["sources"] == 2 and done.counts["blocks"] == 2 * len(SHIPPED["blocks"])
    with sqlite3.connect(done.database) as c:
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        pairs = c.execute(
            "SELECT f.source_id, b.source_id, f.paragraph, b.n FROM facts f "
            "JOIN blocks b ON b.id = f.block_id WHERE f.id LIKE '%-2'"
        ).fetchall()
    assert len(pairs) == 10 and all(fs == bs == "second" and p == n for fs, bs, p, n in pairs)
    meta = json.loads(done.metadata.read_text(encoding="utf-8"))
    assert meta["title"] == "hz: 2 articles"
    assert "second: 第二篇 (2025); licence: unknown." in meta["description"]
    assert meta["source"] == next(iter(SHIPPED["meta"].values()))["sources"][0]["publication"]


@pytest.mark.parametrize("pages", [2, 40])  # full while creating the tables, or filling them
def test_a_disk_that_fills_is_one_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: int
) -> None:
    # SQLite says "database or disk is full" as an OperationalError, which escaped as an
    # internal error (or, from an insert, blamed the store and pointed at 'hz check').
    connect = sqlite3.connect

    def small(path: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(path, **kwargs)
        conn.execute(f"PRAGMA max_page_count = {pages}")  # a disk with room for a few pages
        return conn

    monkeypatch.setattr(database_mod.sqlite3, "connect", small)
    out = tmp_path / "out" / "corpus.db"
    out.parent.mkdir()
    with pytest.raises(StoreError) as err:
        publish_sqlite(SHIPPED_PATH, out)
    assert str(err.value) == f"cannot write {out}: database or disk is full"
    assert list(out.parent.iterdir()) == []  # no database, no metadata, no temporary file
