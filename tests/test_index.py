"""The SQLite index of big stores (index.py): same answers as the file, and a cache that heals.

Every test here points ``$XDG_CACHE_HOME`` at its own temporary directory. Stores are indexed
from ``$HZ_INDEX_MIN_BYTES`` bytes on; the tests set it to 0, so small stores are indexed too.
Lookups never write an index (without one they read the file through ``scan.py``); ``hz index``
(``index.index_store``) writes it, once the file was last modified ``index.RACY_SECONDS`` ago or
more, so each store written here for indexing has its modification time set an hour back; the
stores written by ``hz import`` and ``hz init`` are indexed by them at once, and are left as
written. Timings live in ``bench/``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hightech_cli import index, query, scan, storage
from hightech_cli import names as names_mod
from hightech_cli import store as store_mod
from hightech_cli.amounts import parse_amount
from hightech_cli.cli import app
from hightech_cli.errors import HzError, NotIndexed, StoreError
from hightech_cli.index import IndexedStore
from hightech_cli.names import normalize, normalize_mapped, resolve
from hightech_cli.store import Store, index_min_bytes, read_store_file
from hightech_cli.transfer import ExportFormat, export_store, import_file, init_store

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "facts.json"
HOUR_AGO = time.time_ns() - 3600 * 1_000_000_000


def _load_make_store() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_store", ROOT / "bench" / "make_store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_store = _load_make_store()


def _settle(path: Path, ns: int = HOUR_AGO) -> Path:
    os.utime(path, ns=(ns, ns))
    return path


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")
    return cache


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10,000-fact store from bench/make_store.py (126 copies of the shipped store)."""
    path = tmp_path_factory.mktemp("stores") / "facts-10000.json"
    make_store.write_store(path, 10_000, make_store.Template(make_store.TEMPLATE))
    return _settle(path)


@pytest.fixture(scope="module")
def shipped_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[IndexedStore, list[Any]]:
    """The shipped store through its index (built once for the module), and its entities."""
    base = tmp_path_factory.mktemp("shipped")
    path = _settle(Path(shutil.copy(SHIPPED, base / "facts.json")))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CACHE_HOME", str(base / "cache"))
        env.setenv("HZ_INDEX_MIN_BYTES", "0")
        store = indexed(path)
    return store, from_file(path).entities


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped store, so its time stamp can be set back without touching data/."""
    return _settle(Path(shutil.copy(SHIPPED, tmp_path / "facts.json")))


def from_file(path: Path) -> Store:
    return Store(path, read_store_file(path))


def indexed(path: Path) -> IndexedStore:
    """The store through its index, which ``hz index`` (index.index_store) writes."""
    built = index.index_store(path)
    assert built.index == index.cache_path(path)
    store = Store.open(path)
    assert isinstance(store, IndexedStore), "no index was built"
    assert store.cache == built.index
    return store


def outcome(call: Callable[[], Any]) -> str:
    """A query's result as JSON text, or its error as the CLI would report it."""
    try:
        return json.dumps(call(), ensure_ascii=False, sort_keys=True)
    except HzError as exc:
        return f"{type(exc).__name__}: {exc}"


def questions(names: list[str], people: list[str], policies: list[str]) -> Iterator[Callable]:
    for name in names:
        yield lambda s, n=name: query.company_card(s, n)
        yield lambda s, n=name: query.projects(s, company=n)
    for name in people:
        yield lambda s, n=name: query.person(s, n)
    for name in policies:
        yield lambda s, n=name: query.policy(s, n)
    yield lambda s: query.projects(s)
    yield lambda s: query.projects(s, min_invest=parse_amount("2亿"), sort="name")
    yield lambda s: query.people(s)
    yield lambda s: query.policies(s)
    yield lambda s: query.companies(s)
    yield lambda s: query.stats(s, keyword="企业")
    yield lambda s: query.timeline(s)
    yield lambda s: query.zone(s)
    yield lambda s: query.source(s, 5)
    yield lambda s: query.source(s, 10**6)


COMPANIES = ["小优智能", "xiaoyou", "xyzn", "阿斯利康", "Haier Biomedical", "长木谷", "生物"]
COMPANIES += ["小尤智能", "青岛", "company:xiaoyou", "润扬", "nothing-like-it", "小优智能-7"]
PEOPLE = ["郭俊兴", "xukai", "徐凯-3", "gjx", "徐恺"]
POLICIES = [
    "e企炬链",
    "高新贷",
    "gaoxindai",
    "承诺开工",
    "政务服务中心",
    "体系",
    "“10+1”创新型产业体系",
]


# ------------------------------------------------------------------ same answers either way


def test_indexed_store_answers_as_the_file_on_a_generated_store(generated: Path) -> None:
    plain, fast = from_file(generated), indexed(generated)
    for ask in questions(COMPANIES, PEOPLE, POLICIES):
        assert outcome(lambda a=ask: a(fast)) == outcome(lambda a=ask: a(plain))


def test_indexed_store_answers_as_the_file_on_the_shipped_store(shipped: Path) -> None:
    plain, fast = from_file(shipped), indexed(shipped)
    for ask in questions(COMPANIES, PEOPLE, POLICIES):
        assert outcome(lambda a=ask: a(fast)) == outcome(lambda a=ask: a(plain))
    for terms in (["小优"], ["投资", "亿元"], ["nothing"]):
        assert query.search(fast, terms) == query.search(plain, terms)
    assert fast.entities == plain.entities
    assert fast.facts == plain.facts
    assert fast.blocks == plain.blocks
    assert fast.meta == plain.meta


def test_the_cli_prints_the_same_through_the_index(shipped: Path) -> None:
    runner = CliRunner()
    lookups = (["company", "小优智能", "--json"], ["people", "郭俊兴", "--json"])
    big = ["--db", str(shipped)]
    whole = [runner.invoke(app, [*big, *a], env={"HZ_INDEX_MIN_BYTES": "1e9"}) for a in lookups]
    scanned = [runner.invoke(app, [*big, *args]) for args in lookups]
    assert not index.cache_path(shipped).exists()  # a lookup writes no index
    built = runner.invoke(app, [*big, "index"])
    assert built.exit_code == 0, built.stderr
    assert built.stdout.startswith(f"indexed {shipped} (33 entities, 82 facts, 34 blocks) in ")
    assert built.stdout.endswith(" MB)\n") and str(index.cache_path(shipped)) in built.stdout
    warm = [runner.invoke(app, [*big, *args]) for args in lookups]
    for off, cold, fast in zip(whole, scanned, warm, strict=True):
        assert off.exit_code == cold.exit_code == fast.exit_code == 0
        assert off.stdout == cold.stdout == fast.stdout
        assert off.stderr == cold.stderr == fast.stderr == ""


def test_a_lookup_reads_only_what_it_needs(generated: Path) -> None:
    store = indexed(generated)
    assert [e["id"] for e in store.name_candidates("小优智能", {"company"})] == ["company:xiaoyou"]
    card = query.company_card(store, "小优智能")
    assert card["id"] == "company:xiaoyou" and card["quotes"]
    assert not {"entities", "facts", "blocks"} & set(vars(store))  # no whole table decoded
    assert len(store._entity_rows) < 50


def test_store_calls_agree_between_backends(generated: Path) -> None:
    plain, fast = from_file(generated), indexed(generated)
    for eid in ["company:xiaoyou", "company:xiaoyou-5", "zone:qingdao-hitech", "person:xu-kai"]:
        assert fast.facts_about(eid) == plain.facts_about(eid)
        assert fast.get_entity(eid) == plain.get_entity(eid) == plain.entity(eid)
        for field in ("org", "investor", "kind"):
            assert fast.entities_referring(eid, field) == plain.entities_referring(eid, field)
    ids = ["person:xu-kai", "company:xiaoyou", "company:nothing", "person:guo-junxing-9"]
    assert fast.facts_about_any(ids) == plain.facts_about_any(ids)
    scan = [f for f in plain.facts if f["subject"] in ids or set(ids) & set(f["refs"])]
    assert plain.facts_about_any(ids) == scan
    assert fast.get_fact("nothing") is None and fast.get_entity("nothing") is None
    for kinds in [("company",), ("policy", "organisation"), (), ("nothing",)]:
        assert list(fast.entities_of(*kinds)) == list(plain.entities_of(*kinds))
    assert [fast.block(n) for n in (1, 34, 35, 999)] == [plain.block(n) for n in (1, 34, 35, 999)]


# ------------------------------------------------------------- name candidates: no answer lost


KIND_SETS: list[set[str] | None] = [
    {"company"},
    {"person"},
    {"policy", "organisation"},
    {"project"},
    {"zone"},
    None,
    set(),
]


def _name_queries(entities: list[dict[str, Any]], longest_part: int = 1_000) -> list[str]:
    """Every way of writing these entities' names, and the near misses around them.

    Parts: substrings of 2-4 characters, and beginnings up to ``longest_part`` characters.
    """
    out: set[str] = set(names_mod.GENERIC_WORDS) | set(names_mod.GENERIC_PINYIN)
    out |= {"", " ", "“”", "x", "xi", "qing", "qingdaox", "小", "a b", "\x00", "\ud800", "公司"}
    for ent in entities:
        texts = [ent["name"], ent["id"], *ent["aliases"]]
        texts += [ent[f] for f in ("full_name", "english_name") if f in ent]
        keys = ent["keys"]["pinyin"] + ent["keys"]["initials"]
        out.update(texts + keys)
        out.update(t.upper() for t in texts)
        out.update(f"“{t}”" for t in texts)
        for text in texts + keys:
            out.update(text[i : i + n] for n in (2, 3, 4) for i in range(0, len(text), 2))
            out.update(text[:n] for n in range(1, min(len(text), longest_part + 1)))
            if len(text) > 2:
                out.add(text[:1] + "尤" + text[2:])  # a typo
                out.add(text[:-1])
                out.add(text + "x")
    return sorted(out)


def _assert_candidates_suffice(
    store: Store, queries: list[str], pool: list[Any], kind_sets: list[set[str] | None]
) -> int:
    checked = 0
    for kinds in kind_sets:
        everyone = [e for e in pool if kinds is None or e["kind"] in kinds]
        for q in queries:
            got = resolve(q, store.name_candidates(q, kinds), kinds=kinds)
            assert got == resolve(q, everyone, kinds=kinds), (q, kinds)
            checked += 1
    return checked


def test_name_candidates_lose_no_match_on_the_shipped_store(
    shipped_index: tuple[IndexedStore, list[Any]],
) -> None:
    store, everyone = shipped_index
    queries = _name_queries(everyone)
    assert _assert_candidates_suffice(store, queries, everyone, KIND_SETS) > 20_000


def test_name_candidates_lose_no_match_on_a_generated_store(tmp_path: Path) -> None:
    path = tmp_path / "facts-800.json"
    make_store.write_store(path, 800, make_store.Template(make_store.TEMPLATE))
    store = indexed(_settle(path))
    everyone = from_file(path).entities
    # Copies 0 and 9 (each name is inside other copies' names too), against their own kinds,
    # and a sample against all kinds: resolving over all 321 entities is what takes time.
    shipped_ids = {e["id"] for e in make_store.Template(make_store.TEMPLATE).entities}
    sample = [e for e in everyone if e["id"] in shipped_ids or e["id"].endswith("-9")]
    checked = 0
    for kinds in KIND_SETS[:4]:
        queries = _name_queries([e for e in sample if kinds and e["kind"] in kinds], 8)
        checked += _assert_candidates_suffice(store, queries, everyone, [kinds])
        some = queries[:: max(1, len(queries) // 60)]
        checked += _assert_candidates_suffice(store, some, everyone, [None])
    assert checked > 2_500


@settings(max_examples=300, deadline=None)
@given(q=st.text(alphabet="小优智能生物青岛科技 xiaoyuzhngsw-1“”AZ", max_size=8))
def test_name_candidates_lose_no_match_on_any_text(
    shipped_index: tuple[IndexedStore, list[Any]], q: str
) -> None:
    store, everyone = shipped_index
    for kinds in KIND_SETS:
        pool = [e for e in everyone if kinds is None or e["kind"] in kinds]
        got = resolve(q, store.name_candidates(q, kinds), kinds=kinds)
        assert got == resolve(q, pool, kinds=kinds)


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
    stale = Store.open(shipped)
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
    assert not isinstance(Store.open(shipped), IndexedStore)
    assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"


def test_hz_index_waits_until_a_time_stamp_can_be_trusted(shipped: Path) -> None:
    recent = time.time_ns() - (index.RACY_SECONDS * 1_000_000_000 - 300_000_000)
    _settle(shipped, recent)  # 0.3 s before it is old enough: a rewrite could still share it
    assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"
    assert not index.cache_path(shipped).exists()
    started = time.monotonic()
    built = index.index_store(shipped)
    assert time.monotonic() - started >= 0.25  # it waited, then read the file
    assert built.index is not None and _cache_info(shipped)["mtime_ns"] == str(recent)
    assert isinstance(Store.open(shipped), IndexedStore)
    _settle(shipped, time.time_ns() + 3_600 * 1_000_000_000)  # stamped by a clock ahead of ours
    with pytest.raises(NotIndexed, match="ahead of the clock"):
        index.index_store(shipped)


def test_an_unwritable_cache_directory_still_answers(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    for _ in range(2):
        assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"
    with pytest.raises(NotIndexed, match="cache directory cannot be written"):
        index.index_store(shipped)
    done = CliRunner().invoke(app, ["--db", str(shipped), "index"])
    assert done.exit_code == 1 and done.stdout == ""
    assert done.stderr.startswith(f"hz: error: cannot index {shipped}: the cache directory")
    assert done.stderr.count("\n") == 1


def test_a_failed_build_leaves_nothing_behind(
    shipped: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index, "_write", full_disk)
    with pytest.raises(NotIndexed, match="No space left on device"):
        index.index_store(shipped)
    assert list((cache_home / "hz").iterdir()) == []
    assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"


def test_duplicate_ids_are_answered_from_the_file(tmp_path: Path) -> None:
    data = read_store_file(SHIPPED)
    first = next(iter(data["entities"].values()))
    data["entities"]["9999"] = dict(first)
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _settle(path)
    with pytest.raises(NotIndexed, match=r"rows an index cannot hold .*UNIQUE"):
        index.index_store(path)
    for _ in range(2):
        assert not isinstance(Store.open(path), IndexedStore)
    assert not index.cache_path(path).exists()


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(shipped: Path) -> None:
    cache = index.cache_path(shipped)
    cache.parent.mkdir(parents=True)
    cache.write_bytes(os.urandom(64 * 1024))
    store = Store.open(shipped)
    assert isinstance(store, scan.ScannedStore)
    assert query.company_card(store, "小优智能")["name"] == "小优智能"
    assert isinstance(indexed(shipped), IndexedStore)
    cache.write_bytes(b"")  # an empty file is an empty SQLite database: no index either
    assert isinstance(Store.open(shipped), scan.ScannedStore)
    assert isinstance(indexed(shipped), IndexedStore)


def test_damage_found_while_answering_is_one_error_and_heals(shipped: Path) -> None:
    store = indexed(shipped)
    raw = bytearray(store.cache.read_bytes())
    raw[4096:] = b"\xff" * (len(raw) - 4096)  # every page but the first: no valid b-tree page
    store.cache.write_bytes(bytes(raw))
    with pytest.raises(StoreError, match="damaged"):
        query.company_card(store, "小优智能")
    assert not store.cache.exists()
    assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"


def test_the_index_never_changes_the_store_file(generated: Path) -> None:
    before = generated.read_bytes(), generated.stat()
    store = indexed(generated)
    query.company_card(store, "小优智能")
    query.timeline(store)
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
    patch.setattr(store_mod, "read_store_file", _no_decode)
    patch.setattr(scan, "scan", _no_decode)


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
            if name != "info"
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
    assert isinstance(Store.open(copy), scan.ScannedStore)
    assert _answers(copy, decode=True) == from_index
    assert CliRunner().invoke(app, ["--db", str(copy), "index"]).exit_code == 0
    assert _cache_info(copy)["origin"] == "index"
    assert _tables(copy) == _tables(db)
    assert _answers(copy) == from_index


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
        "import sys; from hightech_cli import scan, store\n"
        "def no(path): raise SystemExit('decoded ' + str(path))\n"
        "store.read_store_file = scan.scan = no\n"
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
    assert query.company_card(Store.open(db), "小优智能")["id"] == "company:xiaoyou"
    again = CliRunner().invoke(app, ["--db", str(db), "init", "--force"])  # replaced: re-keyed
    assert again.exit_code == 0, again.stderr
    assert isinstance(Store.open(db), IndexedStore)
    assert list(Store.open(db).entities_of("company")) == []


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
    assert isinstance(Store.open(db), IndexedStore)
    # Another program rewrites it at once, in place, keeping the size (忧 is as long as 优).
    text = db.read_text(encoding="utf-8")
    with db.open("r+", encoding="utf-8") as fh:
        fh.write(text.replace('"name": "小优智能"', '"name": "小忧智能"'))
    assert len(db.read_bytes()) == len(text.encode())
    store = Store.open(db)  # the time stamp moved: the settled write saw to that
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
    assert isinstance(Store.open(db), scan.ScannedStore)
    _settle(db)
    assert isinstance(Store.open(db), scan.ScannedStore)  # a lookup writes no index
    assert not index.cache_path(db).exists()
    assert isinstance(indexed(db), IndexedStore)
    assert _cache_info(db)["origin"] == "index"


def test_a_file_replaced_while_its_index_is_built_gets_none(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    doc = read_store_file(SHIPPED)
    written = storage.atomic_write(db, json.dumps(doc).encode(), settle=True)
    assert written.settled
    storage.atomic_write(db, json.dumps(doc, indent=1).encode())  # another writer's file
    assert index.build_index(db, written.stat, doc, written=True) is None
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
from hightech_cli.transfer import import_file
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
for src in sys.argv[3:]:
    import_file(src, db=sys.argv[1])
"""


def test_concurrent_imports_leave_the_index_of_the_last_store(tmp_path: Path) -> None:
    from records import fact, jsonl

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
        fast = Store.open(db)
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
        "print(json.dumps(sorted({'sqlite3', 'hightech_cli.index', 'msgspec'} & set(sys.modules))),"
        " file=sys.stderr)"
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


def test_the_shipped_store_lookup_never_imports_sqlite3() -> None:
    assert _modules_after_lookup({"HZ_INDEX_MIN_BYTES": ""}) == []


def test_a_big_store_lookup_goes_through_the_index_or_the_scan(shipped: Path) -> None:
    env = {"HZ_INDEX_MIN_BYTES": "0"}
    scanned = ["hightech_cli.index", "msgspec", "sqlite3"]
    assert _modules_after_lookup(env, "--db", str(shipped)) == scanned
    assert not index.cache_path(shipped).exists()
    indexed(shipped)
    assert _modules_after_lookup(env, "--db", str(shipped)) == ["hightech_cli.index", "sqlite3"]


# ------------------------------------------------------------------ names.normalize fast path


def test_fast_path_characters_are_left_alone_by_the_slow_path() -> None:
    chars = "0123456789abcdefghijklmnopqrstuvwxyz:-_./"
    chars += "".join(map(chr, range(0x4E00, 0xA000)))
    assert all(normalize_mapped(c)[0] == c for c in chars)
    assert unicodedata.normalize("NFKC", chars).casefold() == chars


@given(st.text())
def test_normalize_equals_the_slow_path(text: str) -> None:
    assert normalize(text) == normalize_mapped(text)[0]


@given(st.text(alphabet="aZ09 :-_./\t小优\u4e00\u9fffＡ\u3000\u0301ßİ"))
def test_normalize_equals_the_slow_path_near_the_fast_alphabet(text: str) -> None:
    assert normalize(text) == normalize_mapped(text)[0]


def test_a_damaged_index_is_answered_from_the_file_in_the_same_run(
    shipped: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hightech_cli import actions
    from hightech_cli.errors import IndexDamaged
    from hightech_cli.render import Format

    indexed(shipped)
    real = query.company_card
    seen: list[str] = []

    def damaged_once(store: Store, name: str) -> dict[str, Any]:
        seen.append(type(store).__name__)
        if len(seen) == 1:
            raise IndexDamaged("the index was damaged and has been removed")
        return real(store, name)

    monkeypatch.setattr(actions.query, "company_card", damaged_once)
    actions.show_company(str(shipped), "小优智能", Format.json, sources=False)
    out, err = capsys.readouterr()
    assert json.loads(out)["name"] == "小优智能"
    assert err == ""
    assert seen == ["IndexedStore", "IndexedStore"]


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
    assert isinstance(Store.open(stores["kept"]), IndexedStore)

    again = CliRunner().invoke(app, ["--db", str(shipped), "index"])
    assert "removed" not in again.stdout  # nothing more to remove
    stores["kept"].unlink()
    told = CliRunner().invoke(app, ["--db", str(shipped), "index"])
    assert told.stdout.rstrip().endswith(
        f"; removed 1 unusable index(es) of other stores ({sizes['kept'] / 1e6:.1f} MB)"
    )
