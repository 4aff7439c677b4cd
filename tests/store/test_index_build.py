"""Building the index from the file (``rows.py``, ``index_fill.py``): the same index as from the
decoded document, table by table, and never an index of a file the strict reader refuses.

Every build here writes to its own ``$XDG_CACHE_HOME``. Each case is built twice, from the file
(``indexing.build_index_file``) and from the document the strict reader decodes
(``indexing.build_index``), and the two indexes are compared row for row, the full-text
table's shadow tables included; where the strict reader refuses the file, neither is built.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import SHIPPED, generate, settle
from hightech_cli.cli.app import app
from hightech_cli.errors import NotIndexed, StoreError
from hightech_cli.store import index, index_split, indexing, rows
from hightech_cli.store.document import read_store_file


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "facts-2000.json", 2000)


def _tables(cache: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of an index but ``info``, the FTS5 table through its shadow
    tables, in a fixed order; and the schema."""
    con = sqlite3.connect(cache)
    try:
        found = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {
            name: sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)  # noqa: S608
            for name in found
            if name not in ("info", "search_fts")
        }
        out["schema"] = sorted(con.execute("SELECT type, name, sql FROM sqlite_master"))
        return out
    finally:
        con.close()


def _both(path: Path, monkeypatch: pytest.MonkeyPatch, base: Path) -> tuple[Any, Any]:
    """The index built from the file and from the strictly decoded document (None where none
    is built, the StoreError's text where the strict reader refuses the file)."""
    settle(path)
    st_ = path.stat()
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "from-file"))
    built = indexing.build_index_file(path, st_)
    from_file = None if built is None else _tables(built)
    try:
        doc = read_store_file(path)
    except StoreError as exc:
        assert from_file is None, "an index of a file the strict reader refuses"
        return None, str(exc)
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "from-doc"))
    built = indexing.build_index(path, st_, doc)
    return from_file, None if built is None else _tables(built)


def _no_whole_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> Any:
        raise AssertionError(f"decoded whole: {path}")

    monkeypatch.setattr(indexing, "read_store_file", refuse)


def _shipped_text(extra: str = "", *, ascii_only: bool = False) -> str:
    """The shipped store as hz writes it, ``extra`` (JSON members) added to its first fact."""
    text = json.dumps(SHIPPED, ensure_ascii=ascii_only, indent=1)
    first = next(iter(SHIPPED["facts"].values()))
    fid = json.dumps(first["id"], ensure_ascii=ascii_only)
    anchor = f'"id": {fid},'
    assert anchor in text
    return text.replace(anchor, f"{anchor} {extra}" if extra else anchor, 1)


# ------------------------------------------------------------------ the same index


def test_the_index_from_the_file_is_the_index_from_the_document(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as spy:
        _no_whole_read(spy)
        settle(generated)
        spy.setenv("XDG_CACHE_HOME", str(tmp_path / "from-file"))
        built = indexing.build_index_file(generated, generated.stat())
        assert built is not None
        from_file = _tables(built)
    spy_doc = read_store_file(generated)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "from-doc"))
    built = indexing.build_index(generated, generated.stat(), spy_doc)
    assert built is not None
    assert from_file == _tables(built)
    assert len(from_file["facts"]) == 2000


@pytest.mark.parametrize(
    "extra",
    [
        '"x": "caf\\u00e9 \\/ \\ud83d\\ude00",',  # escapes msgspec would not write
        '"x": 1.50, "y": 1e5, "z": 1E-7, "w": -0,',  # numbers written otherwise
        '"x": 123456789012345678901234567890, "y": 0.1000000000000000055511151231257827,',
        '"x" : [ 1 ,\t2 ],\r\n',  # white space
        '"x": "\\u0000\\u001f\\"\\\\",',
    ],
)
def test_a_row_msgspec_reads_otherwise_is_read_by_the_standard_library(
    extra: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_text(_shipped_text(extra), encoding="utf-8")
    with monkeypatch.context() as spy:
        _no_whole_read(spy)  # decided row by row: the file is never decoded whole
        settle(path)
        spy.setenv("XDG_CACHE_HOME", str(tmp_path / "from-file"))
        assert indexing.build_index_file(path, path.stat()) is not None
    from_file, from_doc = _both(path, monkeypatch, tmp_path)
    assert from_file is not None and from_file == from_doc


def test_a_store_written_with_ascii_escapes_is_indexed_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_text(_shipped_text(ascii_only=True), encoding="ascii")  # as TinyDB writes
    from_file, from_doc = _both(path, monkeypatch, tmp_path)
    assert from_file is not None and from_file == from_doc


def test_a_byte_order_mark_is_skipped_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(b"\xef\xbb\xbf" + _shipped_text().encode("utf-8"))
    from_file, from_doc = _both(path, monkeypatch, tmp_path)
    assert from_file is not None and from_file == from_doc


def test_a_lone_surrogate_gets_no_index_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_text(_shipped_text('"x": "\\ud800",'), encoding="utf-8")
    assert _both(path, monkeypatch, tmp_path) == (None, None)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=6),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=8,
    ),
    ascii_only=st.booleans(),
    indent=st.sampled_from([None, 0, 2]),
)
def test_any_value_in_a_row_is_indexed_as_from_the_document(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    value: Any,
    ascii_only: bool,
    indent: int | None,
) -> None:
    base = tmp_path_factory.mktemp("any")
    member = '"x": ' + json.dumps(value, ensure_ascii=ascii_only, indent=indent) + ","
    path = base / "s.json"
    path.write_text(_shipped_text(member), encoding="utf-8")
    from_file, from_doc = _both(path, monkeypatch, base)
    assert from_file == from_doc


# ------------------------------------------------------------------ never a file the reader refuses

DUPLICATES = {
    "deep in a row": '"x": {"a": [1, {"b": {"k": 1, "k": 2}}]},',
    "in a row": '"topic": "again",',
}


@pytest.mark.parametrize("extra", list(DUPLICATES.values()), ids=list(DUPLICATES))
def test_a_key_given_twice_in_one_row_of_a_big_store_is_refused(
    extra: str, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = generated.read_text(encoding="utf-8")
    marker = '"subject": "zone:qingdao-hitech",'
    at = text.index(marker, len(text) // 2)  # a fact far into the file
    path = tmp_path / "big.json"
    path.write_text(text[:at] + extra + " " + text[at:], encoding="utf-8")
    settle(path)
    done = CliRunner().invoke(app, ["--db", str(path), "index"])
    assert done.exit_code == 1 and "appears twice" in done.stderr, done.stderr
    assert not index.cache_path(path).exists()
    assert indexing.build_index_file(path, path.stat()) is None


def _doc_text(**tables: str) -> str:
    """The shipped store as JSON text, a table's text replaced where given."""
    parts = {name: json.dumps(SHIPPED[name], ensure_ascii=False) for name in SHIPPED}
    parts.update(tables)
    return "{" + ", ".join(f'"{name}": {body}' for name, body in parts.items()) + "}"


def _rows_text(name: str, again: str) -> str:
    body = json.dumps(SHIPPED[name], ensure_ascii=False)
    return body[:-1] + ", " + again + "}"


@pytest.mark.parametrize(
    "text",
    [
        # a row id given twice, its first row dropped by a dict
        _doc_text(facts=_rows_text("facts", '"1": {"id": "x"}')),
        _doc_text(blocks=_rows_text("blocks", '"1": {}')),
        # a table given twice, the second one empty
        _doc_text()[:-1] + ', "blocks": {}}',
        _doc_text()[:-1] + ', "meta": {"1": {"schema_version": 1}}}',
        # a key given twice in another top-level value, and in meta
        _doc_text()[:-1] + ', "_default": {"a": 1, "a": 1}}',
        _doc_text(meta='{"1": {"schema_version": 1, "schema_version": 1}}'),
    ],
    ids=["row-id", "block-id", "table", "meta-table", "other-value", "in-meta"],
)
def test_a_key_given_twice_around_the_rows_is_refused(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    from_file, refused = _both(path, monkeypatch, tmp_path)
    assert from_file is None and "appears twice" in str(refused)


def test_a_key_holding_a_quote_is_left_to_the_whole_file_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its quote is counted as a key's (rows.py counts keys by their quotes): not decided by
    # the rows, and read (and indexed) by the whole-file reader.
    first = next(iter(SHIPPED["facts"].values()))
    facts = {**SHIPPED["facts"], 'say "1"': {**first, "id": "zone.quoted"}}
    path = tmp_path / "s.json"
    path.write_text(_doc_text(facts=json.dumps(facts, ensure_ascii=False)), encoding="utf-8")
    with pytest.raises(rows.Undecided):
        _read_all(rows.StoreRows(path))
    from_file, from_doc = _both(path, monkeypatch, tmp_path)
    assert from_file is not None and from_file == from_doc


def _read_all(store: rows.StoreRows) -> None:
    for name in ("entities", "facts", "blocks"):
        for _ in store.rows(name):
            pass


@pytest.mark.parametrize("depth", [rows.SAFE_DEPTH, 5000])
def test_a_deeply_nested_row_is_left_to_the_whole_file_reader(
    depth: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_text(_shipped_text('"x": ' + "[" * depth + "]" * depth + ","), encoding="utf-8")
    whole: list[Path] = []
    real = indexing.read_store_file

    def spy(p: Path) -> Any:
        whole.append(p)
        return real(p)

    monkeypatch.setattr(indexing, "read_store_file", spy)
    from_file, from_doc = _both(path, monkeypatch, tmp_path)
    assert whole  # the rows did not decide
    if depth == 5000:
        assert from_file is None and "nested too deeply" in str(from_doc)
    else:
        assert from_file is not None and from_file == from_doc


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"[]",
        b'{"meta": {}, "entities": {}, "facts": {}}',
        b'{"meta": {"1": {"schema_version": 99}}, "entities": {}, "facts": {}, "blocks": {}}',
        _doc_text(facts='{"1": [1]}').encode(),
        _shipped_text('"x": NaN,').encode(),
        _shipped_text('"x": [1e400, {"y": -1e400}],').encode(),
        _shipped_text('"x": "SPOIL",').encode().replace(b"SPOIL", b"\xff"),
    ],
    ids=["empty", "list", "no-blocks", "version", "row-not-object", "nan", "1e400", "not-utf8"],
)
def test_a_file_the_strict_reader_refuses_gets_its_error_and_no_index(
    text: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(text)
    from_file, refused = _both(path, monkeypatch, tmp_path)
    assert from_file is None and refused is not None
    settle(path)
    done = CliRunner().invoke(app, ["--db", str(path), "index"])
    assert done.exit_code == 1 and done.stderr == f"hz: error: {refused}\n"


# ------------------------------------------------------------------ the entry point


def test_build_index_file_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    path.write_text(_shipped_text(), encoding="utf-8")
    st_ = settle(path).stat()
    path.unlink()
    assert indexing.build_index_file(path, st_) is None  # gone
    path.mkdir()
    assert indexing.build_index_file(path, st_) is None  # a directory
    path.rmdir()
    path.write_text(_shipped_text(), encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    assert indexing.build_index_file(path, settle(path).stat()) is None  # no cache directory


def test_a_file_hz_has_just_written_is_indexed_at_once_as_a_write(tmp_path: Path) -> None:
    from hightech_cli.store import atomic

    path = tmp_path / "s.json"
    written = atomic.atomic_write(path, _shipped_text().encode("utf-8"), settle=True)
    assert written.settled
    built = indexing.build_index_file(path, written.stat, written=True)
    assert built is not None and indexing.written_by_hz(path)
    assert indexing.build_index_file(path, path.stat()) is None  # a reader waits: too recent


def test_compact_formatting_keeps_every_string_and_number_as_written() -> None:
    # rows.py's argument rests on it: the compact text differs from msgspec's writing of the
    # decoded row wherever the bytes spell anything otherwise.
    raw = b'{ "a" : ["\\u0022", "\\"", "\\/", "\\u00e9"], "b": [1.50, 1E5, -0, 1e400] }'
    assert msgspec.json.format(raw, indent=-1) == raw.replace(b" ", b"")


def test_a_consumer_added_to_the_pass_is_fed_every_row_with_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hightech_cli.store import index_fill

    seen: list[list[tuple[str, int, Any]]] = []

    class Recorder(index_fill.Consumer):
        def __init__(self, con: sqlite3.Connection) -> None:
            super().__init__(con)
            self.rows: list[tuple[str, int, Any]] = []
            seen.append(self.rows)

        def meta(self, meta: index_fill.Row, text: index_fill.Text) -> None:
            self.rows.append(("meta", 0, meta["schema_version"]))

        def entity(self, n: int, row: index_fill.Row, text: index_fill.Text) -> None:
            self.rows.append(("entity", n, row["id"]))

        def fact(self, n: int, row: index_fill.Row, text: index_fill.Text) -> None:
            self.rows.append(("fact", n, row["id"]))

    monkeypatch.setattr(index_fill, "CONSUMERS", (*index_fill.CONSUMERS, Recorder))
    path = tmp_path / "s.json"
    path.write_text(_shipped_text(), encoding="utf-8")
    from_file, from_doc = _both(path, monkeypatch, tmp_path)
    assert from_file is not None and from_file == from_doc
    want = [("meta", 0, SHIPPED["meta"]["1"]["schema_version"])]
    want += [("entity", n, e["id"]) for n, e in enumerate(SHIPPED["entities"].values())]
    want += [("fact", n, f["id"]) for n, f in enumerate(SHIPPED["facts"].values())]
    assert seen == [want, want]  # from the file, then from the document


# ------------------------------------------------------------------ a build in two processes


def _spy_on_second(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record whether each build from the file started a second process."""
    started: list[bool] = []
    start = index_split.Second.start

    def spy(index_path: Path, source: rows.StoreRows) -> index_split.Second | None:
        second = start(index_path, source)
        started.append(second is not None)
        return second

    monkeypatch.setattr(index_split.Second, "start", staticmethod(spy))
    return started


def _leftovers(base: Path) -> list[str]:
    """Temporary files left in a cache directory."""
    return sorted(p.name for p in base.rglob("*.tmp"))


def test_a_build_in_two_processes_is_the_build_in_one(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(generated)
    started = _spy_on_second(monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "two"))
    monkeypatch.setattr(index_split, "processors", lambda: 2)
    two = indexing.build_index_file(generated, generated.stat())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "one"))
    monkeypatch.setattr(index_split, "processors", lambda: 1)
    one = indexing.build_index_file(generated, generated.stat())
    assert started == [True, False]
    assert two is not None and one is not None
    assert _tables(two) == _tables(one)
    con = sqlite3.connect(two)  # the full-text table copied through its shadow tables holds up
    try:
        con.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
        hits = con.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH '高新区'")
        assert hits.fetchone()[0] > 0
    finally:
        con.close()
    assert _leftovers(tmp_path) == []


def test_a_second_process_that_fails_fails_the_build_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hightech_cli.store import index_fill

    def refuse(self: index_fill.Pool, n: int, row: index_fill.Row, text: index_fill.Text) -> None:
        raise TypeError("aliases is not a list")

    monkeypatch.setattr(index_split, "processors", lambda: 2)
    monkeypatch.setattr(index_fill.Pool, "entity", refuse)  # fed in the second process only
    started = _spy_on_second(monkeypatch)
    path = tmp_path / "s.json"
    path.write_text(_shipped_text(), encoding="utf-8")
    settle(path)
    with pytest.raises(NotIndexed, match=r"cannot hold \(aliases is not a list\)"):
        indexing.index_store(path)
    assert started == [True]
    assert list((tmp_path / "cache" / "hz").glob("*.sqlite")) == []
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("processes", [1, 2])
def test_a_disk_that_fills_is_no_fault_of_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    # SQLite says "database or disk is full" as an OperationalError: it was reported as rows
    # "an index cannot hold", sending the user to 'hz check' over a valid store.
    connect = sqlite3.connect

    def small(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 20")  # a disk with room for a few pages
        return conn

    monkeypatch.setattr(index_split, "processors", lambda: processes)
    monkeypatch.setattr(sqlite3, "connect", small)  # in the second process too: it forks
    path = tmp_path / "s.json"
    path.write_text(_shipped_text(), encoding="utf-8")
    settle(path)
    with pytest.raises(NotIndexed, match=r"could not be written \(.*database or disk is full\)"):
        indexing.index_store(path)
    assert list((tmp_path / "cache" / "hz").glob("*.sqlite")) == []
    assert _leftovers(tmp_path) == []


def test_a_first_process_that_gives_up_stops_the_second_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_split, "processors", lambda: 2)
    started = _spy_on_second(monkeypatch)
    path = tmp_path / "s.json"
    path.write_text(_shipped_text(DUPLICATES["deep in a row"]), encoding="utf-8")
    assert indexing.build_index_file(path, settle(path).stat()) is None
    assert started == [True]
    assert _leftovers(tmp_path) == []
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no second process left behind, running or not reaped
