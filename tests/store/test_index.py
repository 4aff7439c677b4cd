"""The SQLite index of big stores: a cache that is trusted only while it matches, and heals.

Every test here points ``$XDG_CACHE_HOME`` at its own temporary directory. Stores are indexed
from ``$HZ_INDEX_MIN_BYTES`` bytes on; the tests set it to 0, so small stores are indexed too.
Lookups never write an index (without one they read the file through ``scan.py``); ``hz index``
(``indexing.index_store``) writes it, once the file was last modified ``indexing.RACY_SECONDS``
ago or more, so each store written here for indexing has its time stamp set an hour back; the
stores written by ``hz import`` and ``hz init`` are indexed by them at once, and are left as
written. That the index answers as the file does is ``test_parity.py``'s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import (
    HOUR_AGO,
    SHIPPED_PATH,
    generate,
    indexed,
    make_store,
    memory,
    settle,
)
from hightech_cli import query
from hightech_cli.cli.app import app
from hightech_cli.errors import NotIndexed, StoreError
from hightech_cli.store import Reader, index, indexing, open_store, scan
from hightech_cli.store import atomic as storage
from hightech_cli.store.document import read_store_file
from hightech_cli.store.index import IndexedStore
from hightech_cli.store.location import index_min_bytes
from hightech_cli.store.transfer import ExportFormat, export_store, import_file, init_store

SHIPPED = SHIPPED_PATH
_settle = settle
from_file = memory


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")
    return cache


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10,000-fact store from bench/make_store.py (copies of the shipped store)."""
    return generate(tmp_path_factory.mktemp("stores") / "facts-10000.json", 10_000)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped store, so its time stamp can be set back without touching data/."""
    return settle(Path(shutil.copy(SHIPPED, tmp_path / "facts.json")))


def test_hz_index_reports_what_it_built(shipped: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(app, ["--db", str(shipped), "index"])
    assert built.exit_code == 0, built.stderr
    assert built.stdout.startswith(f"indexed {shipped} (33 entities, 82 facts, 34 blocks) in ")
    assert built.stdout.endswith(" MB)\n") and str(index.cache_path(shipped)) in built.stdout


def test_a_lookup_reads_only_what_it_needs(generated: Path) -> None:
    store = indexed(generated)
    assert [e["id"] for e in store.name_candidates("小优智能", {"company"})] == ["company:xiaoyou"]
    card = query.company_card(store, "小优智能")
    assert card["id"] == "company:xiaoyou" and card["quotes"]
    assert not {"entities", "facts", "blocks"} & set(vars(store))  # no whole table decoded
    assert len(store._entity_rows) < 50


def test_a_miss_compares_a_few_names(generated: Path) -> None:
    from hightech_cli import names
    from hightech_cli.store import near

    store = indexed(generated)
    everyone = from_file(generated)
    for q, kinds in [
        ("小尤智能", {"company"}),
        ("xiaoyouzhineg", {"company"}),
        ("高新代", {"policy", "organisation"}),
        ("xukia", {"person"}),
        ("不存在的人", {"person"}),
    ]:
        few = near.near_pool(store, q, kinds)
        assert few is not None and len(few) <= 10, (q, few)
        offered = names.suggest(q, few, kinds=kinds)
        assert offered == names.suggest(q, everyone.name_pool(kinds), kinds=kinds)
        assert offered or q == "不存在的人"
    assert len(store._entity_rows) == 0  # only the pool's few entries were read
    # Nothing but generic words: compared whole with every name, which near_chars cannot bound.
    assert near.near_pool(store, "青岛科技", {"company"}) is None


def test_a_miss_near_a_name_held_twice_compares_every_name(tmp_path: Path) -> None:
    from hightech_cli import names
    from hightech_cli.store import near

    doc = json.loads(SHIPPED_PATH.read_text(encoding="utf-8"))
    rows = doc["entities"]
    twin = next(dict(e) for e in rows.values() if e["name"] == "徐凯")
    rows[str(len(rows) + 1)] = {**twin, "id": "person:xu-kai-2"}
    path = tmp_path / "twins.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    store = indexed(settle(path))
    assert near.near_pool(store, "徐恺", {"person"}) is None
    assert near.near_pool(store, "高新代", {"policy"}) is not None
    pool = store.suggestion_pool("徐恺", {"person"})
    assert names.suggest("徐恺", pool, kinds={"person"}) == ["徐凯"]


# ------------------------------------------------------------------- a cache that heals itself


def _cache_info(path: Path) -> dict[str, str]:
    import sqlite3

    con = sqlite3.connect(index.cache_path(path))
    try:
        return dict(con.execute("SELECT key, value FROM info").fetchall())
    finally:
        con.close()


def test_a_stale_index_is_noticed_and_rebuilt(shipped: Path) -> None:
    assert query.company_card(indexed(shipped), "小优智能")["name"] == "小优智能"
    # Rewritten in place: same size (忧 is as long as 优 in UTF-8), same inode, a new time.
    text = shipped.read_text(encoding="utf-8")
    shipped.write_text(text.replace('"name": "小优智能"', '"name": "小忧智能"'), encoding="utf-8")
    _settle(shipped, HOUR_AGO + 1_000)
    assert len(shipped.read_bytes()) == len(text.encode())
    stale = open_store(shipped)
    assert isinstance(stale, scan.ScannedStore)
    assert query.company_card(stale, "小忧智能")["name"] == "小忧智能"
    assert _cache_info(shipped)["mtime_ns"] == str(HOUR_AGO)  # the lookup rebuilt nothing
    assert query.company_card(indexed(shipped), "小忧智能")["name"] == "小忧智能"
    assert _cache_info(shipped)["mtime_ns"] == str(HOUR_AGO + 1_000)
    # Replaced by another file with the same size and time: the inode tells.
    other = shipped.with_name("other.json")
    other.write_text(text, encoding="utf-8")
    _settle(other, HOUR_AGO + 1_000)
    other.replace(shipped)
    assert not isinstance(open_store(shipped), IndexedStore)
    assert query.company_card(open_store(shipped), "小优智能")["name"] == "小优智能"


def test_an_edit_in_place_with_its_times_put_back_is_noticed(shipped: Path) -> None:
    """Size, inode and mtime all as before (touch -r): the ctime tells, and the answer is the
    file's, not the old index's."""
    assert query.company_card(indexed(shipped), "小优智能")["name"] == "小优智能"
    before = shipped.stat()
    text = shipped.read_text(encoding="utf-8")
    with shipped.open("r+b") as f:
        f.write(text.replace('"name": "小优智能"', '"name": "小忧智能"').encode())
    os.utime(shipped, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = shipped.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino, before.st_size, before.st_mtime_ns
    )  # fmt: skip
    stale = open_store(shipped)
    assert not isinstance(stale, IndexedStore)
    assert query.company_card(stale, "小忧智能")["name"] == "小忧智能"


def test_an_index_of_an_older_format_is_not_read_and_hz_index_replaces_it(shipped: Path) -> None:
    import sqlite3

    indexed(shipped)
    cache = index.cache_path(shipped)
    con = sqlite3.connect(cache)
    with con:  # as an hz whose index had no search tables left it
        con.execute("UPDATE info SET value = '1' WHERE key = 'format'")
        con.execute("DROP TABLE search_fts")
    con.close()
    assert not isinstance(open_store(shipped), IndexedStore)
    assert (
        CliRunner().invoke(app, ["--db", str(shipped), "search", "企业", "--json"]).exit_code == 0
    )
    assert CliRunner().invoke(app, ["--db", str(shipped), "index"]).exit_code == 0
    assert _cache_info(shipped)["format"] == str(index.FORMAT_VERSION)
    store = open_store(shipped)
    assert isinstance(store, IndexedStore)
    assert store.search(["企业"]) == memory(shipped).search(["企业"])


def test_hz_index_waits_until_a_time_stamp_can_be_trusted(shipped: Path) -> None:
    recent = time.time_ns() - (indexing.RACY_SECONDS * 1_000_000_000 - 300_000_000)
    _settle(shipped, recent)  # 0.3 s before it is old enough: a rewrite could still share it
    assert query.company_card(open_store(shipped), "小优智能")["name"] == "小优智能"
    assert not index.cache_path(shipped).exists()
    started = time.monotonic()
    built = indexing.index_store(shipped)
    assert time.monotonic() - started >= 0.25  # it waited, then read the file
    assert built.index is not None and _cache_info(shipped)["mtime_ns"] == str(recent)
    assert isinstance(open_store(shipped), IndexedStore)
    _settle(shipped, time.time_ns() + 3_600 * 1_000_000_000)  # stamped by a clock ahead of ours
    with pytest.raises(NotIndexed, match="ahead of the clock"):
        indexing.index_store(shipped)


def test_an_unwritable_cache_directory_still_answers(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    for _ in range(2):
        assert query.company_card(open_store(shipped), "小优智能")["name"] == "小优智能"
    with pytest.raises(NotIndexed, match="cache directory cannot be written"):
        indexing.index_store(shipped)
    done = CliRunner().invoke(app, ["--db", str(shipped), "index"])
    assert done.exit_code == 1 and done.stdout == ""
    assert done.stderr.startswith(f"hz: error: cannot index {shipped}: the cache directory")
    assert done.stderr.count("\n") == 1


def test_a_failed_build_leaves_nothing_behind(
    shipped: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(indexing, "_write", full_disk)
    with pytest.raises(NotIndexed, match="No space left on device"):
        indexing.index_store(shipped)
    assert list((cache_home / "hz").iterdir()) == []
    assert query.company_card(open_store(shipped), "小优智能")["name"] == "小优智能"


def test_duplicate_ids_are_answered_from_the_file(tmp_path: Path) -> None:
    data = read_store_file(SHIPPED)
    first = next(iter(data["entities"].values()))
    data["entities"]["9999"] = dict(first)
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _settle(path)
    with pytest.raises(NotIndexed, match=r"rows an index cannot hold .*UNIQUE"):
        indexing.index_store(path)
    for _ in range(2):
        assert not isinstance(open_store(path), IndexedStore)
    assert not index.cache_path(path).exists()


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(shipped: Path) -> None:
    cache = index.cache_path(shipped)
    cache.parent.mkdir(parents=True)
    cache.write_bytes(os.urandom(64 * 1024))
    store = open_store(shipped)
    assert isinstance(store, scan.ScannedStore)
    assert query.company_card(store, "小优智能")["name"] == "小优智能"
    assert isinstance(indexed(shipped), IndexedStore)
    cache.write_bytes(b"")  # an empty file is an empty SQLite database: no index either
    assert isinstance(open_store(shipped), scan.ScannedStore)
    assert isinstance(indexed(shipped), IndexedStore)


def test_damage_found_while_answering_is_one_error_and_heals(shipped: Path) -> None:
    store = indexed(shipped)
    raw = bytearray(store.cache.read_bytes())
    raw[4096:] = b"\xff" * (len(raw) - 4096)  # every page but the first: no valid b-tree page
    store.cache.write_bytes(bytes(raw))
    with pytest.raises(StoreError, match="damaged"):
        query.company_card(store, "小优智能")
    assert not store.cache.exists()
    assert query.company_card(open_store(shipped), "小优智能")["name"] == "小优智能"


def test_the_index_never_changes_the_store_file(generated: Path) -> None:
    before = generated.read_bytes(), generated.stat()
    store = indexed(generated)
    query.company_card(store, "小优智能")
    assert list(query.timeline(store))
    after = generated.read_bytes(), generated.stat()
    assert after[0] == before[0]
    assert (after[1].st_mtime_ns, after[1].st_ino, after[1].st_size) == (
        before[1].st_mtime_ns,
        before[1].st_ino,
        before[1].st_size,
    )


def test_cache_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "s.json"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    assert index.cache_path(store).parent == tmp_path / "c" / "hz"
    assert index.cache_path(store).name.endswith(".sqlite")
    assert index.cache_path(store) == index.cache_path(tmp_path / "." / "s.json")
    assert index.cache_path(store) != index.cache_path(tmp_path / "t.json")
    for unset in ("", "relative/dir"):
        monkeypatch.setenv("XDG_CACHE_HOME", unset)
        assert index.cache_dir() == Path.home() / ".cache" / "hz"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("0", 0), ("123", 123), (" 7 ", 7), ("", 5_000_000), ("-1", 5_000_000), ("1e9", 5_000_000)],
)
def test_index_threshold_from_the_environment(
    given: str, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", given)
    assert index_min_bytes() == expected
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "²")
    assert index_min_bytes() == 5_000_000


# ------------------------------------------------- written by the commands that write a store

# What a lookup through the CLI answers, for comparing indexes built by a writer and a reader.
LOOKUPS = [
    ["company", "小优智能", "--json"],
    ["company", "小优智能-3", "--json"],
    ["company", "xyzn", "--json"],
    ["projects", "--json"],
    ["projects", "--min-invest", "2亿", "--sort", "name", "--json"],
    ["people", "--json"],
    ["people", "郭俊兴", "--json"],
    ["people", "徐凯-2", "--json"],
    ["policies", "--json"],
    ["policies", "高新贷", "--json"],
    ["search", "小优", "--json"],
    ["source", "40", "--json"],
]


def _no_decode(path: Path) -> Any:
    raise AssertionError(f"the store file was decoded: {path}")


def _never_read(patch: pytest.MonkeyPatch) -> None:
    """Make reading the store file, whole or by scan, fail the test."""
    from hightech_cli.store import memory

    patch.setattr(memory, "read_store_file", _no_decode)
    patch.setattr(scan, "scan_file", _no_decode)


def _answers(path: Path, *, decode: bool = False) -> list[tuple[int, str, str]]:
    """Exit status, stdout and stderr of every lookup in LOOKUPS.

    Unless ``decode``, reading the store file fails the test: every answer comes from the index.
    """
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        if not decode:
            _never_read(patch)
        results = [runner.invoke(app, ["--db", str(path), *args]) for args in LOOKUPS]
    return [(r.exit_code, r.stdout, r.stderr) for r in results]


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a store's index but ``info``, in a fixed order."""
    import sqlite3

    con = sqlite3.connect(index.cache_path(path))
    try:
        found = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            name: sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)  # noqa: S608
            for name in found
            if name not in ("info", "search_fts")  # the FTS5 table: its shadow tables are compared
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def import_file_800(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A jsonl export of an 800-fact store from bench/make_store.py (0.7 MB as a store)."""
    base = tmp_path_factory.mktemp("import")
    made = base / "made.json"
    make_store.write_store(made, 800, make_store.Template(make_store.TEMPLATE))
    src = base / "facts-800.jsonl"
    src.write_text(export_store(made, ExportFormat.jsonl).text or "", encoding="utf-8")
    return src


def _init(path: Path) -> Path:
    done = CliRunner().invoke(app, ["--db", str(path), "init"])
    assert done.exit_code == 0, done.stderr
    return path


def test_hz_import_writes_the_index_and_the_next_lookup_decodes_nothing(
    tmp_path: Path, import_file_800: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "200000")
    db = _init(tmp_path / "store.json")
    assert db.stat().st_size < 200_000
    assert not index.cache_path(db).exists()  # under the threshold: no index
    done = CliRunner().invoke(app, ["--db", str(db), "import", str(import_file_800)])
    assert done.exit_code == 0, done.stderr
    assert done.stdout.count("\n") == 1 and done.stdout.startswith("1") and done.stderr == ""
    assert db.stat().st_size >= 200_000
    info = _cache_info(db)
    assert info["origin"] == "write"
    st = db.stat()  # keyed to the file as it is, written a moment ago and not settled back
    assert [info[k] for k in ("size", "mtime_ns", "ino", "dev")] == [
        str(v) for v in (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
    ]
    from_index = _answers(db)
    assert [code for code, _, _ in from_index] == [0] * len(LOOKUPS), from_index
    assert from_index == _answers(db, decode=True)  # the index answers as before, unchanged
    with pytest.MonkeyPatch.context() as off:
        off.setenv("HZ_INDEX_MIN_BYTES", str(1 << 62))
        assert from_index == _answers(db, decode=True)  # and as the file does

    # The same file indexed by hz index, as if another program had written it: the same
    # tables, the same answers.
    copy = _settle(Path(shutil.copy(db, tmp_path / "copy.json")))
    assert isinstance(open_store(copy), scan.ScannedStore)
    assert _answers(copy, decode=True) == from_index
    assert CliRunner().invoke(app, ["--db", str(copy), "index"]).exit_code == 0
    assert _cache_info(copy)["origin"] == "index"
    assert _tables(copy) == _tables(db)
    assert _answers(copy) == from_index


@pytest.mark.slow
def test_the_installed_hz_answers_from_the_index_an_import_wrote(
    tmp_path: Path, import_file_800: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "200000")
    db = _init(tmp_path / "store.json")
    assert import_file(str(import_file_800), db=db).written
    cache = index.cache_path(db)
    before = cache.stat()
    # __main__'s fast path, in a fresh process, with the file's decoder broken.
    code = (
        "import sys; from hightech_cli.store import memory, scan\n"
        "def no(path): raise SystemExit('decoded ' + str(path))\n"
        "memory.read_store_file = scan.scan_file = no\n"
        "sys.argv = ['hz', *sys.argv[1:]]\n"
        "from hightech_cli.__main__ import main; main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db), "company", "小优智能", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["id"] == "company:xiaoyou"
    after = cache.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_hz_init_writes_the_index_of_a_big_enough_store(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    done = CliRunner().invoke(app, ["--db", str(db), "init", "--from-shipped"])
    assert done.exit_code == 0, done.stderr
    assert _cache_info(db)["origin"] == "write"
    with pytest.MonkeyPatch.context() as off:
        off.setenv("HZ_INDEX_MIN_BYTES", str(1 << 62))
        file_answers = _answers(db, decode=True)
    assert _answers(db) == file_answers
    assert query.company_card(open_store(db), "小优智能")["id"] == "company:xiaoyou"
    again = CliRunner().invoke(app, ["--db", str(db), "init", "--force", "--empty"])  # re-keyed
    assert again.exit_code == 0, again.stderr
    assert isinstance(open_store(db), IndexedStore)
    assert list(open_store(db).entities_of("company")) == []


def test_an_import_below_the_threshold_writes_no_index(
    tmp_path: Path, import_file_800: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", str(1 << 62))
    db = tmp_path / "store.json"
    init_store(db=db)
    assert import_file(str(import_file_800), db=db).written
    assert not index.cache_path(db).parent.exists()


def test_a_rewrite_in_place_right_after_an_import_is_noticed(
    tmp_path: Path, import_file_800: Path
) -> None:
    db = tmp_path / "store.json"
    init_store(db=db)
    import_file(str(import_file_800), db=db)
    assert isinstance(open_store(db), IndexedStore)
    # Another program rewrites it at once, in place, keeping the size (忧 is as long as 优).
    text = db.read_text(encoding="utf-8")
    with db.open("r+", encoding="utf-8") as fh:
        fh.write(text.replace('"name": "小优智能"', '"name": "小忧智能"'))
    assert len(db.read_bytes()) == len(text.encode())
    store = open_store(db)  # the time stamp moved: the settled write saw to that
    assert not isinstance(store, IndexedStore)
    assert query.company_card(store, "小忧智能")["name"] == "小忧智能"


def test_an_unsettled_write_is_left_to_hz_index(
    tmp_path: Path, import_file_800: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the new file's time stamp cannot be trusted at once, the reader's rule applies."""
    monkeypatch.setattr(storage, "_wait_past_stamp", lambda _mtime_ns: False)
    db = tmp_path / "store.json"
    init_store(db=db)
    assert import_file(str(import_file_800), db=db).written
    assert not index.cache_path(db).exists()
    assert isinstance(open_store(db), scan.ScannedStore)
    _settle(db)
    assert isinstance(open_store(db), scan.ScannedStore)  # a lookup writes no index
    assert not index.cache_path(db).exists()
    assert isinstance(indexed(db), IndexedStore)
    assert _cache_info(db)["origin"] == "index"


def test_a_file_replaced_while_its_index_is_built_gets_none(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    doc = read_store_file(SHIPPED)
    written = storage.atomic_write(db, json.dumps(doc).encode(), settle=True)
    assert written.settled
    storage.atomic_write(db, json.dumps(doc, indent=1).encode())  # another writer's file
    assert indexing.build_index(db, written.stat, doc, written=True) is None
    assert not index.cache_path(db).exists()


def test_a_settled_write_returns_a_status_any_later_write_changes(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    for _ in range(3):
        written = storage.atomic_write(path, b"x" * 1000, settle=True)
        assert written.settled
        assert time.time_ns() > written.stat.st_mtime_ns + storage.STAMP_SLACK_NS
        st = path.stat()
        assert [written.stat.st_size, written.stat.st_mtime_ns, written.stat.st_ino] == [
            st.st_size,
            st.st_mtime_ns,
            st.st_ino,
        ]
        with path.open("r+b") as fh:  # in place, at once, the same size
            fh.write(b"y" * 1000)
        assert path.stat().st_mtime_ns > written.stat.st_mtime_ns


def test_settling_waits_only_where_it_can_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(storage.time, "sleep", slept.append)
    now = time.time_ns()
    assert storage._wait_past_stamp(now - 1) is True  # one tick at most
    assert 0 < slept.pop() <= storage.STAMP_SLACK_NS / 1e9
    assert storage._wait_past_stamp(now - 10**9 + 1) is True  # long past: no wait
    assert storage._wait_past_stamp(now // 10**9 * 10**9) is False  # whole-second stamps
    assert storage._wait_past_stamp(now + 10**9 + 1) is False  # stamped by another clock
    assert slept == []


_CONCURRENT_IMPORTS = """
import sys, time
from pathlib import Path
from hightech_cli.store.transfer import import_file
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
for src in sys.argv[3:]:
    import_file(src, db=sys.argv[1])
"""


@pytest.mark.slow
def test_concurrent_imports_leave_the_index_of_the_last_store(tmp_path: Path) -> None:
    from helpers import fact, jsonl

    db = tmp_path / "store.json"
    init_store(db=db, from_shipped=True)
    go, procs = tmp_path / "go", []
    for w in range(4):
        files = []
        for f in range(3):
            src = tmp_path / f"w{w}-{f}.jsonl"
            rows = (("facts", fact(f"w{w}.{f}.{i}", f"写者{w}")) for i in range(10))
            src.write_text(jsonl(*rows), encoding="utf-8")
            files.append(str(src))
        argv = [sys.executable, "-c", _CONCURRENT_IMPORTS, str(db), str(go), *files]
        procs.append(subprocess.Popen(argv, stderr=subprocess.PIPE))
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    plain = from_file(db)
    assert len(plain.facts) == len(read_store_file(SHIPPED)["facts"]) + 4 * 3 * 10
    with pytest.MonkeyPatch.context() as patch:
        _never_read(patch)
        fast = open_store(db)
    assert isinstance(fast, IndexedStore)
    assert _cache_info(db)["origin"] == "write"
    assert fast.facts == plain.facts and fast.entities == plain.entities
    assert query.company_card(fast, "小优智能") == query.company_card(plain, "小优智能")
    assert [p.name for p in (index.cache_dir()).iterdir()] == [index.cache_path(db).name]


# ------------------------------------------------------------------------ layers and start-up


def _modules_after_lookup(env: dict[str, str], *db: str) -> list[str]:
    code = (
        "import sys; sys.argv = ['hz', *sys.argv[1:], 'company', '小优智能', '--json'];"
        "from hightech_cli.__main__ import main; main(); import json;"
        "wanted = {'sqlite3', 'hightech_cli.store.index', 'msgspec'};"
        "print(json.dumps(sorted(wanted & set(sys.modules))), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *db],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    assert json.loads(done.stdout)["id"] == "company:xiaoyou"
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_shipped_store_lookup_never_imports_sqlite3() -> None:
    assert _modules_after_lookup({"HZ_INDEX_MIN_BYTES": ""}) == []


@pytest.mark.slow
def test_a_big_store_lookup_goes_through_the_index_or_the_scan(shipped: Path) -> None:
    env = {"HZ_INDEX_MIN_BYTES": "0"}
    scanned = ["hightech_cli.store.index", "msgspec", "sqlite3"]
    assert _modules_after_lookup(env, "--db", str(shipped)) == scanned
    assert not index.cache_path(shipped).exists()
    indexed(shipped)
    through_index = ["hightech_cli.store.index", "sqlite3"]
    assert _modules_after_lookup(env, "--db", str(shipped)) == through_index


def test_a_damaged_index_is_answered_from_the_file_in_the_same_run(
    shipped: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hightech_cli.cli import fast
    from hightech_cli.cli.render import Format
    from hightech_cli.errors import IndexDamaged

    indexed(shipped)
    real = query.company_card
    seen: list[str] = []

    def damaged_once(store: Reader, name: str) -> dict[str, Any]:
        seen.append(type(store).__name__)
        if len(seen) == 1:
            raise IndexDamaged("the index was damaged and has been removed")
        return real(store, name)

    monkeypatch.setattr(fast.query, "company_card", damaged_once)
    fast.show_company(str(shipped), "小优智能", Format.json, sources=False)
    out, err = capsys.readouterr()
    assert json.loads(out)["name"] == "小优智能"
    assert err == ""
    assert seen == ["IndexedStore", "IndexedStore"]


@pytest.mark.parametrize(
    ("spoil", "args"),
    [
        ("UPDATE lists SET json = '{oops' WHERE name = 'companies'", ["companies", "--limit", "3"]),
        ("UPDATE lists SET json = '[[1, 2' WHERE name = 'projects'", ["projects", "--limit", "2"]),
        ("UPDATE lists SET json = 'nope' WHERE name = 'sources'", ["sources"]),
        ("DELETE FROM lists WHERE name = 'conflicts'", ["conflicts"]),
        ("UPDATE pool SET json = '{x'", ["company", "小尤智能"]),
        ("UPDATE pool SET json = '{x'", ["policies", "高新代"]),
        ("UPDATE near_chars SET ids = x'010203'", ["company", "小尤智能"]),
        ("UPDATE near_chars SET forms = forms + 1", ["policies", "高新代"]),
        ("DELETE FROM near_forms", ["company", "xiaoyouzhineg"]),
        ("UPDATE near_forms SET form = NULL", ["people", "徐恺"]),
        ("DROP TABLE near_groups", ["company", "小尤智能"]),
    ],
)
def test_a_damaged_list_or_pool_is_answered_from_the_file(
    shipped: Path, spoil: str, args: list[str]
) -> None:
    import sqlite3

    runner = CliRunner()
    plain = runner.invoke(
        app, ["--db", str(shipped), *args], env={"HZ_INDEX_MIN_BYTES": str(1 << 62)}
    )
    indexed(shipped)
    cache = index.cache_path(shipped)
    con = sqlite3.connect(cache)
    with con:
        con.execute(spoil)
    con.close()
    got = runner.invoke(app, ["--db", str(shipped), *args])
    assert (got.exit_code, got.stdout, got.stderr) == (plain.exit_code, plain.stdout, plain.stderr)
    assert not cache.exists()  # removed, so the next command reads the file (or a new index)


# ----------------------------------------------------------------------------------- hz index


def test_hz_index_reports_what_it_wrote(shipped: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["--db", str(shipped), "index", "--json"])
    assert (done.exit_code, done.stderr) == (0, "")
    report = json.loads(done.stdout)
    cache = index.cache_path(shipped)
    assert report["store"] == str(shipped) and report["index"] == str(cache)
    assert report["store_bytes"] == shipped.stat().st_size
    assert report["index_bytes"] == cache.stat().st_size > 0
    assert report["rows"] == {"entities": 33, "facts": 82, "blocks": 34}
    assert 0 <= report["seconds"] < 60
    assert _cache_info(shipped)["origin"] == "index"
    first = _tables(shipped)
    again = runner.invoke(app, ["--db", str(shipped), "index", "--json"])  # rebuilt, the same
    assert json.loads(again.stdout)["rows"] == report["rows"]
    assert _tables(shipped) == first


def test_hz_index_of_a_small_store_writes_nothing(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", str(1 << 62))
    done = CliRunner().invoke(app, ["--db", str(shipped), "index"])
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout.startswith(f"no index needed: {shipped} (33 entities, 82 facts")
    assert (
        json.loads(CliRunner().invoke(app, ["--db", str(shipped), "index", "--json"]).stdout)[
            "index"
        ]
        is None
    )
    assert not index.cache_path(shipped).parent.exists()


@pytest.mark.parametrize("store", ["missing.json", ".", "bad.json"])
def test_hz_index_of_no_store_is_one_error(store: str, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    done = CliRunner().invoke(app, ["--db", str(tmp_path / store), "index"])
    assert done.exit_code == 1 and done.stdout == ""
    assert done.stderr.startswith("hz: error: store ") and done.stderr.count("\n") == 1
    assert not index.cache_dir().exists()


def test_hz_index_removes_what_killed_builds_of_any_store_left(
    shipped: Path, tmp_path: Path
) -> None:
    # A write killed while it built its index leaves a temporary file; only the next build of
    # the same index removed it, so that one of a store deleted since stayed for good.
    cache = index.cache_dir()
    cache.mkdir(parents=True)
    old = cache / ("1" * 64 + ".sqlite.abc.tmp")
    old.write_bytes(b"x" * 1000)
    os.utime(old, (time.time() - 7200,) * 2)
    fresh = cache / ("2" * 64 + ".sqlite.def.tmp")  # a build at work
    fresh.write_bytes(b"")
    done = CliRunner().invoke(app, ["--db", str(shipped), "index", "--json"])
    assert (done.exit_code, done.stderr) == (0, "")
    report = json.loads(done.stdout)
    assert (report["pruned"], report["pruned_bytes"]) == (1, 1000)
    assert not old.exists() and fresh.exists()


def test_hz_index_removes_the_indexes_no_store_can_use(shipped: Path, tmp_path: Path) -> None:
    stores = {}
    for name in ("kept", "gone", "changed"):
        stores[name] = _settle(Path(shutil.copy(SHIPPED, tmp_path / f"{name}.json")))
        indexed(stores[name])
    stores["gone"].unlink()
    text = stores["changed"].read_text(encoding="utf-8")
    stores["changed"].write_text(text.replace("小优智能", "小忧智能"), encoding="utf-8")
    _settle(stores["changed"], HOUR_AGO + 1_000)
    cache = index.cache_dir()
    junk = cache / ("0" * 64 + ".sqlite")
    junk.write_bytes(b"not an index")
    building = cache / f"{index.cache_path(shipped).name}.x.tmp"  # another hz index at work
    building.write_bytes(b"")
    sizes = {n: index.cache_path(p).stat().st_size for n, p in stores.items()}

    done = CliRunner().invoke(app, ["--db", str(shipped), "index", "--json"])
    assert (done.exit_code, done.stderr) == (0, "")
    report = json.loads(done.stdout)
    assert report["pruned"] == 3
    assert report["pruned_bytes"] == sizes["gone"] + sizes["changed"] + len(b"not an index")
    left = sorted(p.name for p in cache.iterdir())
    wanted = [index.cache_path(shipped), index.cache_path(stores["kept"]), building]
    assert left == sorted(p.name for p in wanted)
    assert isinstance(open_store(stores["kept"]), IndexedStore)

    again = CliRunner().invoke(app, ["--db", str(shipped), "index"])
    assert "removed" not in again.stdout  # nothing more to remove
    stores["kept"].unlink()
    told = CliRunner().invoke(app, ["--db", str(shipped), "index"])
    assert told.stdout.rstrip().endswith(
        f"; removed 1 unusable index(es) of other stores ({sizes['kept'] / 1e6:.1f} MB)"
    )
