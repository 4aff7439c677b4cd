"""The SQLite index of big stores (index.py): same answers as the file, and a cache that heals.

Every test here points ``$XDG_CACHE_HOME`` at its own temporary directory. Stores are indexed
from ``$HZ_INDEX_MIN_BYTES`` bytes on; the tests set it to 0, so small stores are indexed too.
An index is only built for a file last modified ``index.RACY_SECONDS`` ago or more, so each
store written here has its modification time set an hour back. Timings live in ``bench/``.
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

from hightech_cli import index, query
from hightech_cli import names as names_mod
from hightech_cli.amounts import parse_amount
from hightech_cli.cli import app
from hightech_cli.errors import HzError, StoreError
from hightech_cli.index import IndexedStore
from hightech_cli.names import normalize, normalize_mapped, resolve
from hightech_cli.store import Store, index_min_bytes, read_store_file

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
    """The store through its index: the first open builds it, the second reads it."""
    first = Store.open(path)
    second = Store.open(path)
    assert isinstance(second, IndexedStore), "no index was built"
    assert not isinstance(first, IndexedStore) or first.cache == second.cache
    return second


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
    for args in (["company", "小优智能", "--json"], ["people", "郭俊兴", "--json"]):
        off = runner.invoke(app, ["--db", str(shipped), *args], env={"HZ_INDEX_MIN_BYTES": "1e9"})
        cold = runner.invoke(app, ["--db", str(shipped), *args])
        warm = runner.invoke(app, ["--db", str(shipped), *args])
        assert off.exit_code == cold.exit_code == warm.exit_code == 0
        assert off.stdout == cold.stdout == warm.stdout
    assert index.cache_path(shipped).is_file()


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
    assert not isinstance(stale, IndexedStore)
    assert query.company_card(stale, "小忧智能")["name"] == "小忧智能"
    assert _cache_info(shipped)["mtime_ns"] == str(HOUR_AGO + 1_000)
    assert query.company_card(Store.open(shipped), "小忧智能")["name"] == "小忧智能"
    # Replaced by another file with the same size and time: the inode tells.
    other = shipped.with_name("other.json")
    other.write_text(text, encoding="utf-8")
    _settle(other, HOUR_AGO + 1_000)
    other.replace(shipped)
    assert not isinstance(Store.open(shipped), IndexedStore)
    assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"


def test_a_file_just_written_is_not_indexed_yet(shipped: Path) -> None:
    _settle(shipped, time.time_ns())  # its time stamp could still be shared by a rewrite
    assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"
    assert not index.cache_path(shipped).exists()
    _settle(shipped)
    assert isinstance(indexed(shipped), IndexedStore)


def test_an_unwritable_cache_directory_still_answers(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    for _ in range(2):
        assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"


def test_a_failed_build_leaves_nothing_behind(
    shipped: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index, "_write", full_disk)
    assert query.company_card(Store.open(shipped), "小优智能")["name"] == "小优智能"
    assert list((cache_home / "hz").iterdir()) == []


def test_duplicate_ids_are_answered_from_the_file(tmp_path: Path) -> None:
    data = read_store_file(SHIPPED)
    first = next(iter(data["entities"].values()))
    data["entities"]["9999"] = dict(first)
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _settle(path)
    for _ in range(2):
        assert not isinstance(Store.open(path), IndexedStore)
    assert not index.cache_path(path).exists()


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(shipped: Path) -> None:
    cache = index.cache_path(shipped)
    cache.parent.mkdir(parents=True)
    cache.write_bytes(os.urandom(64 * 1024))
    store = Store.open(shipped)
    assert not isinstance(store, IndexedStore)
    assert query.company_card(store, "小优智能")["name"] == "小优智能"
    assert isinstance(Store.open(shipped), IndexedStore)
    cache.write_bytes(b"")  # an empty file is an empty SQLite database: no index either
    assert not isinstance(Store.open(shipped), IndexedStore)
    assert isinstance(Store.open(shipped), IndexedStore)


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


# ------------------------------------------------------------------------ layers and start-up


def _modules_after_lookup(env: dict[str, str], *db: str) -> list[str]:
    code = (
        "import sys; sys.argv = ['hz', *sys.argv[1:], 'company', '小优智能', '--json'];"
        "from hightech_cli.__main__ import main; main(); import json;"
        "print(json.dumps(sorted({'sqlite3', 'hightech_cli.index'} & set(sys.modules))),"
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


def test_a_big_store_lookup_goes_through_the_index(shipped: Path) -> None:
    env = {"HZ_INDEX_MIN_BYTES": "0"}
    assert _modules_after_lookup(env, "--db", str(shipped)) == ["hightech_cli.index", "sqlite3"]
    assert index.cache_path(shipped).is_file()


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
