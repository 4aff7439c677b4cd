"""Export, import and init below the CLI (``store/transfer.py``, ``store/merge.py``).

Every test works on stores under ``tmp_path``; HZ_DB is unset and XDG_DATA_HOME points into
``tmp_path``, so neither the shipped store nor a real user store is ever written.
"""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import EVIDENCE, FACTS, SHIPPED, ZONE_ID, fact, jsonl, settle
from hightech_cli import query
from hightech_cli.errors import ExitCode, HzError, StoreError, UsageError
from hightech_cli.store import index, indexing, open_store
from hightech_cli.store.check import validate
from hightech_cli.store.document import dumps, read_store_file
from hightech_cli.store.location import shipped_store_path, user_store_path
from hightech_cli.store.memory import MemoryStore
from hightech_cli.store.merge import ImportRejected
from hightech_cli.store.transfer import (
    ExportFormat,
    Kind,
    ReadOnlyStore,
    export_store,
    import_file,
    init_store,
)

pytestmark = pytest.mark.usefixtures("own_stores")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A user store holding a copy of the shipped facts."""
    path = tmp_path / "store.json"
    init_store(db=path, from_shipped=True)
    return path


def write(path: Path, text: str | bytes) -> str:
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return str(path)


# ------------------------------------------------------------------------ export


def test_json_export_is_the_store_file_itself(db: Path) -> None:
    out = export_store(db, ExportFormat.json)
    assert out.text == db.read_text(encoding="utf-8")
    assert json.loads(out.text) == read_store_file(db)


def test_jsonl_export_has_a_table_field_and_every_record(db: Path) -> None:
    out = export_store(db, ExportFormat.jsonl)
    assert out.text is not None
    lines = [json.loads(line) for line in out.text.splitlines()]
    data = read_store_file(db)
    assert len(lines) == sum(len(data[t]) for t in ("meta", "entities", "facts", "blocks"))
    assert lines[0]["table"] == "meta"
    facts = [
        {k: v for k, v in ln.items() if k != "table"} for ln in lines if ln["table"] == "facts"
    ]
    assert facts == list(data["facts"].values())


def test_kind_limits_an_export_to_one_table(db: Path) -> None:
    out = export_store(db, ExportFormat.jsonl, Kind.entities)
    assert out.text is not None
    assert {json.loads(line)["table"] for line in out.text.splitlines()} == {"entities"}
    doc = json.loads(export_store(db, ExportFormat.json, Kind.blocks).text or "")
    assert set(doc) == {"blocks"}


def test_csv_export_needs_a_kind(db: Path) -> None:
    with pytest.raises(UsageError) as err:
        export_store(db, ExportFormat.csv)
    assert err.value.exit_code == ExitCode.USAGE


def test_csv_export_has_schema_columns_and_json_cells(db: Path) -> None:
    out = export_store(db, ExportFormat.csv, Kind.facts)
    assert out.headers[:7] == ["id", "subject", "kind", "topic", "text", "evidence", "refs"]
    assert len(out.rows) == len(SHIPPED["facts"])
    first = out.rows[0]
    assert json.loads(first["evidence"]) == FACTS[0]["evidence"]
    assert first["refs"] == json.dumps(FACTS[0]["refs"])


def test_export_reads_but_never_writes_the_shipped_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HZ_DB", str(shipped_store_path()))
    before = shipped_store_path().read_bytes()
    assert export_store(None, ExportFormat.json).text == before.decode("utf-8")
    assert shipped_store_path().read_bytes() == before


# ------------------------------------------------------------------------ import


def test_import_adds_then_updates_then_changes_nothing(db: Path, tmp_path: Path) -> None:
    src = write(tmp_path / "new.jsonl", jsonl(("facts", fact("t.one")), ("facts", fact("t.two"))))
    report = import_file(src, db=db)
    assert (report.total("added"), report.total("updated"), report.written) == (2, 0, True)
    assert validate(read_store_file(db)) == []

    again = import_file(src, db=db)
    assert again.summary() == "0 added, 0 updated, 2 unchanged"
    assert not again.written

    write(tmp_path / "new.jsonl", jsonl(("facts", fact("t.one", "改过的事实"))))
    changed = import_file(src, db=db)
    assert (changed.total("added"), changed.total("updated")) == (0, 1)
    texts = {f["id"]: f["text"] for f in read_store_file(db)["facts"].values()}
    assert texts["t.one"] == "改过的事实"
    assert texts["t.two"] == "新事实"


def test_importing_the_same_file_twice_leaves_the_bytes_alone(db: Path, tmp_path: Path) -> None:
    src = write(tmp_path / "f.json", dumps({"facts": {"1": fact("t.x")}}))
    import_file(src, db=db)
    before, mtime = db.read_bytes(), db.stat().st_mtime_ns
    assert import_file(src, db=db).summary() == "0 added, 0 updated, 1 unchanged"
    assert db.read_bytes() == before
    assert db.stat().st_mtime_ns == mtime


def test_an_update_replaces_the_whole_record(db: Path, tmp_path: Path) -> None:
    import_file(write(tmp_path / "a.jsonl", jsonl(("facts", fact("t.y", note="旧注")))), db=db)
    import_file(write(tmp_path / "b.jsonl", jsonl(("facts", fact("t.y")))), db=db)
    stored = next(f for f in read_store_file(db)["facts"].values() if f["id"] == "t.y")
    assert "note" not in stored


def test_round_trip_through_jsonl_into_an_empty_store(db: Path, tmp_path: Path) -> None:
    dump = export_store(db, ExportFormat.jsonl).text or ""
    empty = tmp_path / "empty.json"
    init_store(db=empty)
    report = import_file(write(tmp_path / "all.jsonl", dump), db=empty)
    data = read_store_file(empty)
    assert report.total("added") == len(data["entities"]) + len(data["facts"])
    assert validate(data) == []
    assert export_store(empty, ExportFormat.jsonl).text == dump


def test_a_json_array_of_records_imports_as_its_lines_do(db: Path, tmp_path: Path) -> None:
    # What hz extract -f json writes: the records of its JSON lines, as one array. hz import
    # refused it ("must be a store document (an object) or JSON lines").
    records = [{"table": "facts", **fact("t.array")}, {"table": "facts", **fact("t.array2")}]
    lines = tmp_path / "a.jsonl"
    lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    array = tmp_path / "a.json"
    array.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_bytes(db.read_bytes())
    assert import_file(str(array), db=db).total("added") == 2
    assert import_file(str(lines), db=other).total("added") == 2
    assert db.read_bytes() == other.read_bytes()
    with pytest.raises(ImportRejected) as err:
        import_file(write(tmp_path / "b.json", json.dumps([{"table": "facts", "id": 5}])), db=db)
    assert any(p.record == "item 1" or "item 1" in p.record for p in err.value.problems)


def test_a_new_source_with_its_blocks_and_facts(db: Path, tmp_path: Path) -> None:
    meta = {
        "sources": [
            {
                "id": "other-2027",
                "title": "另一篇",
                "subtitle": "",
                "byline": "",
                "photo_credit": "",
                "publication": "test",
                "year": 2027,
                "file": "source/other.txt",
                "sha256": "0" * 64,
            }
        ],
        "exchange_rates": [
            {"base": "USD", "quote": "CNY", "rate": "7.2", "as_of": "2027-01-01", "source": "t"}
        ],
    }
    block = {
        "source": "other-2027",
        "n": 1,
        "kind": "paragraph",
        "text": "高新区新增企业100家。",
        "lines": [1],
    }
    new = fact(
        "other.firms", evidence={"source": "other-2027", "paragraph": 1, "quote": "新增企业100家"}
    )
    src = write(tmp_path / "o.jsonl", jsonl(("meta", meta), ("blocks", block), ("facts", new)))
    report = import_file(src, db=db)
    assert report.counts["meta"]["updated"] == 1
    assert report.counts["blocks"]["added"] == 1
    data = read_store_file(db)
    assert validate(data) == []
    stored_meta = next(iter(data["meta"].values()))
    assert [s["id"] for s in stored_meta["sources"]][-1] == "other-2027"
    usd = [r for r in stored_meta["exchange_rates"] if r["base"] == "USD" and r["quote"] == "CNY"]
    assert [r["rate"] for r in usd] == ["7.2"]


def test_a_bad_file_is_rejected_whole_with_every_problem(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    bad_quote = fact("t.bad-quote", evidence={**EVIDENCE, "quote": "这句话不在原文里"})
    records = (
        ("facts", fact("t.good")),
        ("facts", fact("t.bad-subject", subject="company:nobody")),
        ("facts", bad_quote),
        ("entities", {"id": "company:half", "kind": "company"}),
        ("facts", {**fact("t.no-evidence"), "evidence": {}}),
    )
    with pytest.raises(ImportRejected) as err:
        import_file(write(tmp_path / "bad.jsonl", jsonl(*records)), db=db)
    text = "\n".join(str(p) for p in err.value.problems)
    assert "t.bad-subject (line 2)" in text and "unknown entity 'company:nobody'" in text
    assert "t.bad-quote (line 3)" in text and "does not occur verbatim" in text
    assert "company:half (line 4)" in text and "name: missing" in text
    assert "t.no-evidence (line 5)" in text
    assert "t.good" not in text
    assert err.value.exit_code == ExitCode.NOT_FOUND
    assert "was not changed" in str(err.value)
    assert db.read_bytes() == before


def test_problems_in_the_store_itself_are_named_as_such(db: Path, tmp_path: Path) -> None:
    # Replacing a block that shipped entities quote breaks them: the report says where.
    quoted = next(b for b in SHIPPED["blocks"].values() if b["n"] == EVIDENCE["paragraph"])
    block = dict(quoted, text="全新的文字")
    with pytest.raises(ImportRejected) as err:
        import_file(write(tmp_path / "b.jsonl", jsonl(("blocks", block))), db=db)
    assert any("(in the store)" in p.record for p in err.value.problems)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf \n", "is empty"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"{", "not valid JSON"),
        (b"[1, 2]", "is a JSON array, but not of records with a 'table' field"),
        (b'[{"id": "company:x", "name": "x"}]', "not of records with a 'table' field"),
        (b'[{"table": "facts", "id": "x"}, {"table": "nope"}]', "'table' must be one of"),
        (b'{"facts": []}', "a table must be an object"),
        (b'{"stuff": {}}', "unknown table"),
        (b'{"table": "nope", "id": "x"}\n', "'table' must be one of"),
        (b'{"table": "facts", "id": "x"}\n[1]\n', "a line must be a JSON object"),
        (b'{"table": "facts", "id": "x", "n": NaN}\n', "NaN is not allowed"),
        (b'{"table": "facts", "id": "x", "n": 1e999}\n', "out of range"),
        (b'{"facts": {"1": {"id": "x", "v": ' + b"9" * 5000 + b"}}}", "not valid JSON"),
        (b"[" * 100000, "nested too deeply"),
    ],
)
def test_unreadable_import_files(db: Path, tmp_path: Path, content: bytes, reason: str) -> None:
    before = db.read_bytes()
    with pytest.raises(ImportRejected) as err:
        import_file(write(tmp_path / "in.json", content), db=db)
    assert reason in " ".join(p.reason for p in err.value.problems)
    assert db.read_bytes() == before


def test_text_with_line_separators_survives_jsonl(db: Path, tmp_path: Path) -> None:
    text = "一\u2028二\u2029三\x85四"
    import_file(write(tmp_path / "s.jsonl", jsonl(("facts", fact("t.sep", text)))), db=db)
    dump = export_store(db, ExportFormat.jsonl).text or ""
    empty = tmp_path / "e.json"
    init_store(db=empty)
    import_file(write(tmp_path / "all.jsonl", dump), db=empty)
    stored = [f for f in read_store_file(empty)["facts"].values() if f["id"] == "t.sep"]
    assert stored[0]["text"] == text


def test_duplicate_ids_in_one_file(db: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as err:
        import_file(
            write(tmp_path / "d.jsonl", jsonl(("facts", fact("t.d")), ("facts", fact("t.d")))),
            db=db,
        )
    assert "appears twice in the file (also at line 1)" in str(err.value.problems)


def test_schema_version_must_match(db: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected):
        import_file(write(tmp_path / "m.jsonl", jsonl(("meta", {"schema_version": 99}))), db=db)


def test_import_reads_stdin(db: Path) -> None:
    stdin = io.BytesIO(jsonl(("facts", fact("t.stdin"))).encode("utf-8"))
    assert import_file("-", db=db, stdin=stdin).total("added") == 1


def test_dry_run_writes_nothing_not_even_a_lock_file(db: Path, tmp_path: Path) -> None:
    lock = db.with_name(db.name + ".lock")
    lock.unlink()
    before = db.read_bytes()
    report = import_file(
        write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.dry")))), db=db, dry_run=True
    )
    assert (report.total("added"), report.written, report.dry_run) == (1, False, True)
    assert "dry run" in report.summary()
    assert db.read_bytes() == before
    assert not lock.exists()


def test_a_missing_import_file_is_bad_usage(db: Path) -> None:
    with pytest.raises(UsageError) as err:
        import_file("no-such-file.jsonl", db=db)
    assert err.value.exit_code == ExitCode.USAGE


# ------------------------------------------------------------------------ the index


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store is big enough to be indexed; caches go to the test's own directory."""
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")


def _no_decode(path: Path) -> Any:
    raise AssertionError(f"the store file was decoded: {path}")


@pytest.mark.usefixtures("indexed")
def test_an_import_writes_the_index_of_the_store_it_wrote(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.i", subject=ZONE_ID))))
    assert import_file(src, db=db).written
    monkeypatch.setattr("hightech_cli.store.memory.read_store_file", _no_decode)
    store = open_store(db)
    assert isinstance(store, index.IndexedStore)
    assert store.get_fact("t.i") == fact("t.i", subject=ZONE_ID)


def _full_disk(*_: object) -> None:
    raise OSError(28, "No space left on device")


def _bug(*_: object, **__: object) -> None:
    raise RuntimeError("a bug in the index")


@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize("failure", ["full disk", "read-only cache", "a bug"])
def test_a_failed_index_write_leaves_the_import_successful(
    db: Path, tmp_path: Path, failure: str
) -> None:
    cache = index.cache_path(db)
    cache.unlink()  # the one hz init wrote
    src = write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.f"))))
    with pytest.MonkeyPatch.context() as patch:
        if failure == "full disk":
            patch.setattr(indexing, "_write", _full_disk)
        elif failure == "read-only cache":
            blocker = write(tmp_path / "a-file", "not a directory")
            patch.setenv("XDG_CACHE_HOME", f"{blocker}/cache")
        else:  # the write goes through the rows or the document: either way a bug
            patch.setattr(indexing, "build_index", _bug)
            patch.setattr(indexing, "build_index_file", _bug)
        report = import_file(src, db=db)
    assert (report.written, report.total("added")) == (True, 1)
    data = read_store_file(db)
    assert validate(data) == []
    assert any(f["id"] == "t.f" for f in data["facts"].values())
    assert not cache.exists()
    assert list(cache.parent.iterdir()) == []  # no temporary file left either
    store = open_store(db)  # the next lookup reads the file (too recent to index yet)
    assert not isinstance(store, index.IndexedStore)
    assert store.get_fact("t.f") is not None


@pytest.mark.slow
def test_a_failed_index_write_prints_nothing(db: Path, tmp_path: Path) -> None:
    blocker = write(tmp_path / "a-file", "not a directory")
    src = write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.q"))))
    env = {**os.environ, "HZ_INDEX_MIN_BYTES": "0", "XDG_CACHE_HOME": f"{blocker}/cache"}
    done = subprocess.run(
        [sys.executable, "-m", "hightech_cli", "--db", str(db), "import", src],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"1 added, 0 updated, 0 unchanged: {db}\n"


@pytest.mark.usefixtures("indexed")
def test_a_dry_run_and_an_import_that_changes_nothing_write_no_index(
    db: Path, tmp_path: Path
) -> None:
    cache = index.cache_path(db)
    before = cache.stat()
    src = write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.d"))))
    assert not import_file(src, db=db, dry_run=True).written
    import_file(src, db=db)
    written = cache.stat()
    assert written.st_ino != before.st_ino
    assert not import_file(src, db=db).written
    assert cache.stat().st_ino == written.st_ino and cache.stat().st_mtime_ns == written.st_mtime_ns
    cache.unlink()
    import_file(src, db=db, dry_run=True)
    assert not cache.exists()


@pytest.mark.slow
def test_small_stores_get_no_index_and_no_sqlite3(tmp_path: Path) -> None:
    code = (
        "import sys; from hightech_cli.store.transfer import init_store, import_file\n"
        "init_store(db=sys.argv[1], from_shipped=True)\n"
        "import_file(sys.argv[2], db=sys.argv[1])\n"
        "print(sorted({'sqlite3', 'hightech_cli.store.index'} & set(sys.modules)))\n"
    )
    src = write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.s"))))
    env = {k: v for k, v in os.environ.items() if k != "HZ_INDEX_MIN_BYTES"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s.json"), src],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout == "[]\n"
    assert not (tmp_path / "cache").exists()


# ------------------------------------------------------------------------ targets


def test_import_refuses_the_shipped_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = shipped_store_path().read_bytes()
    src = write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.s"))))
    for how in ("db", "env"):
        if how == "env":
            monkeypatch.setenv("HZ_DB", str(shipped_store_path()))
        with pytest.raises(ReadOnlyStore) as err:
            import_file(src, db=shipped_store_path() if how == "db" else None)
        assert str(shipped_store_path()) in str(err.value)
        assert "hz init" in str(err.value)
        assert err.value.exit_code == ExitCode.USAGE
    assert shipped_store_path().read_bytes() == before
    assert not shipped_store_path().with_name("facts.json.lock").exists()


def test_import_goes_to_the_user_store_by_default(tmp_path: Path) -> None:
    src = write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.u"))))
    with pytest.raises(StoreError, match="hz init"):
        import_file(src)
    assert not user_store_path().exists()
    init_store(from_shipped=True)
    assert import_file(src).store == user_store_path()
    assert any(f["id"] == "t.u" for f in read_store_file(user_store_path())["facts"].values())


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"\xc3\x28", "not UTF-8"),
        (b'{"meta": {"1": {}}, "entities": {}', "not valid JSON"),
        (b"[]", "wrong shape"),
        (b'{"meta": {}, "entities": {}, "facts": {}, "blocks": {}}', "wrong shape"),
        (b'{"meta": {"1": {}}, "entities": {"1": 5}, "facts": {}, "blocks": {}}', "wrong shape"),
        (b'{"meta": {"1": {"x": ' + b"1" * 5000 + b"}}}", "not valid JSON"),
    ],
)
def test_a_damaged_store_is_reported_and_never_overwritten(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    target = tmp_path / "broken.json"
    target.write_bytes(content)
    src = write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.b"))))
    with pytest.raises(StoreError) as err:
        import_file(src, db=target)
    assert reason in str(err.value)
    assert str(target) in str(err.value)
    assert "\n" not in str(err.value)
    assert target.read_bytes() == content
    assert not target.with_name("broken.json.lock").exists()


def test_a_store_with_problems_rejects_imports(db: Path, tmp_path: Path) -> None:
    data = read_store_file(db)
    next(iter(data["facts"].values()))["subject"] = "company:gone"
    db.write_text(dumps(data), encoding="utf-8")
    before = db.read_bytes()
    with pytest.raises(ImportRejected) as err:
        import_file(write(tmp_path / "n.jsonl", jsonl(("facts", fact("t.n")))), db=db)
    assert "(in the store)" in str(err.value.problems)
    assert db.read_bytes() == before


# ------------------------------------------------------------------------ init


def test_init_makes_an_empty_but_valid_store_at_the_default_path() -> None:
    report = init_store()
    assert report.store == user_store_path()
    data = read_store_file(user_store_path())
    assert validate(data) == []
    assert (len(data["entities"]), len(data["facts"])) == (0, 0)
    assert len(data["blocks"]) == len(SHIPPED["blocks"])
    assert open_store().path == user_store_path()  # reads now find it


def test_init_from_shipped_copies_the_facts(tmp_path: Path) -> None:
    init_store(db=tmp_path / "s.json", from_shipped=True)
    assert read_store_file(tmp_path / "s.json") == read_store_file(shipped_store_path())


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(b"my precious, even if broken")
    with pytest.raises(StoreError, match="already exists"):
        init_store(db=path)
    with pytest.raises(StoreError, match="already exists"):
        init_store(db=path, from_shipped=True)
    assert path.read_bytes() == b"my precious, even if broken"

    report = init_store(db=path, force=True)
    assert report.replaced and report.backup == tmp_path / "s.json.bak"
    assert (tmp_path / "s.json.bak").read_bytes() == b"my precious, even if broken"
    assert validate(read_store_file(path)) == []


def test_init_refuses_the_shipped_store_and_missing_directories(tmp_path: Path) -> None:
    with pytest.raises(ReadOnlyStore):
        init_store(db=shipped_store_path(), force=True)
    with pytest.raises(StoreError, match="directory does not exist"):
        init_store(db=tmp_path / "nope" / "s.json")


# ------------------------------------------------------------------------ properties

_PROPS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)
FACT_FIELDS = [
    "id",
    "subject",
    "kind",
    "topic",
    "text",
    "evidence",
    "refs",
    "value",
    "before",
    "basis",
    "date",
    "year",
    "note",
    "other",
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("pristine") / "s.json"
    init_store(db=path, from_shipped=True)
    return path.read_bytes()


def _attempt(db: Path, pristine: bytes, src: Path, payload: bytes) -> None:
    """Import ``payload``: a clean HzError and an untouched store, or a valid, usable store."""
    db.write_bytes(pristine)
    src.write_bytes(payload)
    error: HzError | None = None
    try:
        report = import_file(str(src), db=db)
    except HzError as exc:
        error = exc
    if error is not None:
        assert str(error)
        assert "\n" not in str(error)
        assert db.read_bytes() == pristine
        return
    data = read_store_file(db)
    assert validate(data) == []
    if not report.written:
        assert db.read_bytes() == pristine
    store = MemoryStore(db, data)  # whatever got in can be shown
    list(query.companies(store))  # the rows are built as they are read: read them all
    list(query.stats(store))
    list(query.timeline(store))


@_PROPS
@given(payload=st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, pristine: bytes, payload: bytes) -> None:
    _attempt(tmp_path / "s.json", pristine, tmp_path / "in", payload)


@_PROPS
@given(cut=st.floats(0, 1), fmt=st.sampled_from([ExportFormat.json, ExportFormat.jsonl]))
def test_truncated_exports(tmp_path: Path, pristine: bytes, cut: float, fmt: ExportFormat) -> None:
    src = tmp_path / "full.json"
    src.write_bytes(pristine)
    full = (export_store(src, fmt).text or "").encode("utf-8")
    _attempt(tmp_path / "s.json", pristine, tmp_path / "in", full[: int(len(full) * cut)])


@_PROPS
@given(doc=json_values)
def test_wrong_shapes(tmp_path: Path, pristine: bytes, doc: Any) -> None:
    payload = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    _attempt(tmp_path / "s.json", pristine, tmp_path / "in", payload)


@_PROPS
@given(
    table=st.sampled_from(["meta", "entities", "facts", "blocks"]),
    rows=st.dictionaries(st.text(max_size=3), json_values, max_size=3),
    as_lines=st.booleans(),
)
def test_wrong_shapes_in_tables(
    tmp_path: Path, pristine: bytes, table: str, rows: dict[str, Any], as_lines: bool
) -> None:
    if as_lines:
        text = (
            "".join(
                json.dumps({"table": table, **r} if isinstance(r, dict) else r) + "\n"
                for r in rows.values()
            )
            or "\n"
        )
    else:
        text = json.dumps({table: rows})
    _attempt(tmp_path / "s.json", pristine, tmp_path / "in", text.encode("utf-8"))


@_PROPS
@given(table=st.sampled_from(["facts", "entities", "blocks"]), data=st.data())
def test_wrong_types_in_fields(
    tmp_path: Path, pristine: bytes, table: str, data: st.DataObject
) -> None:
    rec = fact("t.prop") if table == "facts" else copy.deepcopy(next(iter(SHIPPED[table].values())))
    field = data.draw(st.sampled_from([*FACT_FIELDS, *sorted(rec)]))
    rec[field] = data.draw(json_values)
    payload = jsonl((table, rec)).encode("utf-8")
    _attempt(tmp_path / "s.json", pristine, tmp_path / "in", payload)


@_PROPS
@given(
    subject=st.text(max_size=20),
    refs=st.lists(json_values, max_size=3),
    source=json_values,
    paragraph=json_values,
)
def test_bad_references(
    tmp_path: Path, pristine: bytes, subject: str, refs: list[Any], source: Any, paragraph: Any
) -> None:
    rec = fact("t.ref", subject=subject, refs=refs)
    rec["evidence"] = {"source": source, "paragraph": paragraph, "quote": EVIDENCE["quote"]}
    _attempt(tmp_path / "s.json", pristine, tmp_path / "in", jsonl(("facts", rec)).encode("utf-8"))


@_PROPS
@given(
    damage=st.one_of(
        st.binary(max_size=200),
        st.floats(0, 0.999).map(lambda c: ("cut", c)),
        json_values.map(lambda v: ("json", v)),
    )
)
def test_random_store_files_are_never_overwritten(
    tmp_path: Path, pristine: bytes, damage: Any
) -> None:
    if isinstance(damage, bytes):
        content = damage
    elif damage[0] == "cut":
        content = pristine[: int(len(pristine) * damage[1])]
    else:
        content = json.dumps(damage).encode("utf-8")
    target = tmp_path / "target.json"
    target.write_bytes(content)
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(("facts", fact("t.z"))), encoding="utf-8")
    with pytest.raises(HzError) as err:
        import_file(str(src), db=target)
    assert "\n" not in str(err.value)
    assert target.read_bytes() == content


def test_a_store_hz_wrote_and_nobody_changed_is_checked_only_where_an_import_changes_it(
    indexed: None, tmp_path: Path
) -> None:
    from hightech_cli.store import transfer

    path = tmp_path / "big.json"
    init_store(db=path, from_shipped=True)
    assert transfer._checked(path)  # its index was written by that write
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("x.trusted"))), encoding="utf-8")
    assert import_file(src, db=path).counts["facts"]["added"] == 1
    assert transfer._checked(path)

    # Changed by another program: checked whole again, and its problem found.
    doc = json.loads(path.read_text(encoding="utf-8"))
    first = next(iter(doc["facts"]))
    doc["facts"][first]["subject"] = "company:nowhere"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    assert not transfer._checked(path)
    src.write_text(jsonl(("facts", fact("x.second"))), encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        import_file(src, db=path)
    assert any("company:nowhere" in p.reason for p in rejected.value.problems)

    # An index hz index made of a file hz did not write vouches for nothing.
    settle(path)
    assert indexing.build_index(path, path.stat(), read_store_file(path)) is not None
    assert not transfer._checked(path)


def test_import_batches_asks_refuse_of_the_sources_as_they_stand(db: Path) -> None:
    """``refuse`` sees the store's sources under the lock, the batches before included: a
    second article under the first one's id is turned away, and the first lands."""
    from hightech_cli.store.transfer import import_batches

    def batch(sid: str, digest: str, text: str) -> list[dict[str, Any]]:
        source = {
            "id": sid, "title": "另一篇", "subtitle": "", "byline": "", "photo_credit": "",
            "publication": "test", "year": 2027, "file": f"{digest[0]}.txt", "sha256": digest,
        }  # fmt: skip
        block = {"source": sid, "n": 1, "kind": "paragraph", "text": text, "lines": [1]}
        return [{"table": "meta", "sources": [source]}, {"table": "blocks", **block}]

    seen: list[dict[str, str]] = []

    def refuse(records: list[dict[str, Any]], had: dict[str, str]) -> HzError | None:
        seen.append(dict(had))
        source = records[0]["sources"][0]
        taken = had.get(source["id"])
        return UsageError("taken") if taken not in (None, source["sha256"]) else None

    batches = [("a", batch("x", "1" * 64, "第一篇。")), ("b", batch("x", "2" * 64, "第二篇。"))]
    _, reports, written = import_batches(batches, db=db, refuse=refuse)
    assert written and reports[0].ok and reports[0].refused is None
    assert not reports[1].ok and str(reports[1].refused) == "taken"
    assert "qdhz-2026" in seen[0] and "x" not in seen[0] and seen[1]["x"] == "1" * 64
    data = read_store_file(db)
    sources = next(iter(data["meta"].values()))["sources"]
    assert [s["sha256"] for s in sources if s["id"] == "x"] == ["1" * 64]
    assert [b["text"] for b in data["blocks"].values() if b["source"] == "x"] == ["第一篇。"]
