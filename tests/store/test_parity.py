"""One parity suite: every read backend (memory | scan | index) gives the same answers.

Each test runs once per backend and compares it with the whole file decoded (the memory
backend, which needs no cleverness to be right), call by call, question by question and
command by command. ``HZ_INDEX_MIN_BYTES`` is 0 here, so every store counts as big; each test
has its own cache directory, so there is no index until ``helpers.indexed`` builds one.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import (
    BACKENDS,
    KIND_SETS,
    SHIPPED,
    SHIPPED_PATH,
    candidates_suffice,
    generate,
    make_store,
    memory,
    name_queries,
    outcome,
    questions,
    settle,
)
from hightech_cli import names, query, search
from hightech_cli.cli.app import app
from hightech_cli.store import Reader, indexing
from hightech_cli.store.index import cache_path
from hightech_cli.text import normalize_mapped

pytestmark = pytest.mark.parametrize("backend", list(BACKENDS))
Open = Callable[[Path], Reader]


@pytest.fixture(autouse=True)
def _big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10,000-fact store from bench/make_store.py (copies of the shipped store)."""
    return generate(tmp_path_factory.mktemp("stores") / "facts-10000.json", 10_000)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped store with three articles added: sources that disagree on figures."""
    path = tmp_path_factory.mktemp("corpus") / "store.json"
    shutil.copy(SHIPPED_PATH, path)
    articles = Path(__file__).parents[1]
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HZ_TAGGER", "none")
        for name in (
            "corpus/haichuan-a.txt",
            "corpus/haichuan-b.txt",
            "articles/hefei-signing-2025.txt",
        ):
            done = CliRunner().invoke(app, ["--db", str(path), "add", str(articles / name)])
            assert done.exit_code == 0, done.stderr
    return settle(path)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped store, so its time stamp can be set back without touching data/."""
    return settle(Path(shutil.copy(SHIPPED_PATH, tmp_path / "facts.json")))


def _open(backend: str, path: Path) -> Reader:
    return BACKENDS[backend](path)


# The generated store's runs take the longest of the everyday suite: -m "not slow" keeps the
# shipped store's, the whole suite (CI) both.
@pytest.mark.parametrize(
    "which", [pytest.param("generated", marks=pytest.mark.slow), "shipped", "corpus"]
)
def test_every_question_is_answered_alike(
    backend: str, which: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(which)
    plain, store = memory(path), _open(backend, path)
    for ask in questions():
        assert outcome(lambda a=ask: a(store)) == outcome(lambda a=ask: a(plain))
    if which == "corpus":  # the questions met sources that disagree
        assert len(list(query.conflicts(store))) >= 1
        assert len(store.source_ids()) == 4


@pytest.mark.parametrize("few", [0, 10**9])
def test_lists_kept_to_sources_answer_alike_by_places_or_by_rows(
    backend: str, few: int, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index reads the rows citing a source by their places where they are few, else
    keeps those of the rows read in order: each way (forced here, for every source, as the
    index is built) gives every answer alike."""
    from hightech_cli.store import index_fill

    monkeypatch.setattr(index_fill.Cites, "FEW", few)
    plain, store = memory(corpus), _open(backend, corpus)
    for ask in questions():
        assert outcome(lambda a=ask: a(store)) == outcome(lambda a=ask: a(plain))


def test_an_index_that_forgets_its_decoded_rows_answers_alike(
    backend: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index keeps only so many decoded rows (a streamed list of a million keeps a few
    # thousand); here so few that every list and lookup forgets rows while it reads.
    from hightech_cli.store import index

    monkeypatch.setattr(index, "_KEPT", 3)
    plain, store = memory(corpus), _open(backend, corpus)
    for ask in questions():
        assert outcome(lambda a=ask: a(store)) == outcome(lambda a=ask: a(plain))
    if isinstance(store, index.IndexedStore):
        assert 0 < len(store._fact_rows) <= 3


def test_every_call_is_answered_alike(backend: str, generated: Path) -> None:
    plain, store = memory(generated), _open(backend, generated)
    ids = ["company:xiaoyou", "company:xiaoyou-5", "zone:qingdao-hitech", "person:xu-kai"]
    ids += ["project:xiaoyou-hq-3", "policy:gaoxindai", "nothing", ""]
    # Twice over, three times each: a backend may answer its first questions one way (the scan
    # scans a column) and later ones another (from a dict built from it).
    for _ in range(2):
        for eid in ids * 3:
            assert store.facts_about(eid) == plain.facts_about(eid)
            assert store.get_entity(eid) == plain.get_entity(eid)
            assert outcome(lambda e=eid: store.entity(e)) == outcome(lambda e=eid: plain.entity(e))
            for field in ("org", "investor"):
                assert store.entities_referring(eid, field) == plain.entities_referring(eid, field)
    assert store.facts_about_any(ids) == plain.facts_about_any(ids)
    by_hand = [f for f in plain.facts if f["subject"] in ids or set(ids) & set(f["refs"])]
    assert plain.facts_about_any(ids) == by_hand
    assert store.facts_about_any([]) == []
    for kinds in [("company",), ("policy", "organisation"), (), ("nothing",), ("zone",)]:
        assert list(store.entities_of(*kinds)) == list(plain.entities_of(*kinds))
        # A pool may hold just the fields names reads (the scan's heads).
        read = ("id", "kind", "name", "aliases", "full_name", "english_name", "keys")
        pool, plain_pool = store.name_pool(kinds), plain.name_pool(kinds)
        assert [[e.get(k) for k in read] for e in pool] == [
            [e.get(k) for k in read] for e in plain_pool
        ]
    for n in (1, 34, 35, 999, 10**6):
        assert outcome(lambda n=n: store.block(n)) == outcome(lambda n=n: plain.block(n))
    for fid in ("fact:xiaoyou-founded", "nothing", plain.facts[-1]["id"]):
        assert store.get_fact(fid) == plain.get_fact(fid)
    assert store.exchange_rate("USD", "CNY") == plain.exchange_rate("USD", "CNY")
    assert store.exchange_rate("CNY", "USD") is None
    assert store.meta == plain.meta
    assert store.entities == plain.entities
    assert store.facts == plain.facts
    assert store.blocks == plain.blocks


def test_name_candidates_lose_no_match_on_the_shipped_store(backend: str, shipped: Path) -> None:
    store, everyone = _open(backend, shipped), memory(shipped).entities
    assert candidates_suffice(store, name_queries(everyone), everyone, KIND_SETS) > 20_000


@pytest.mark.slow
def test_name_candidates_lose_no_match_on_a_generated_store(backend: str, tmp_path: Path) -> None:
    path = generate(tmp_path / "facts-800.json", 800)
    store, everyone = _open(backend, path), memory(path).entities
    # Copies 0 and 9 (each name is inside other copies' names too), against their own kinds,
    # and a sample against all kinds: resolving over every entity is what takes time.
    shipped_ids = {e["id"] for e in make_store.Template(make_store.TEMPLATE).entities}
    sample = [e for e in everyone if e["id"] in shipped_ids or e["id"].endswith("-9")]
    checked = 0
    for kinds in KIND_SETS[:4]:
        queries = name_queries([e for e in sample if kinds and e["kind"] in kinds], 8)
        checked += candidates_suffice(store, queries, everyone, [kinds])
        some = queries[:: max(1, len(queries) // 60)]
        checked += candidates_suffice(store, some, everyone, [None])
    assert checked > 2_500


_SHIPPED_ONCE: dict[str, tuple[Reader, list[Any]]] = {}


@settings(max_examples=150, deadline=None)
@given(q=st.text(alphabet="小优智能生物青岛科技 xiaoyuzhngsw-1“”AZ", max_size=8))
def test_name_candidates_lose_no_match_on_any_text(
    backend: str, tmp_path_factory: pytest.TempPathFactory, q: str
) -> None:
    if backend not in _SHIPPED_ONCE:
        base = tmp_path_factory.mktemp(f"hyp-{backend}")
        path = settle(Path(shutil.copy(SHIPPED_PATH, base / "facts.json")))
        with pytest.MonkeyPatch.context() as env:
            env.setenv("XDG_CACHE_HOME", str(base / "cache"))
            env.setenv("HZ_INDEX_MIN_BYTES", "0")
            _SHIPPED_ONCE[backend] = (_open(backend, path), memory(path).entities)
    store, everyone = _SHIPPED_ONCE[backend]
    for kinds in KIND_SETS:
        pool = [e for e in everyone if kinds is None or e["kind"] in kinds]
        got = names.resolve(q, store.name_candidates(q, kinds), kinds=kinds)
        assert got == names.resolve(q, pool, kinds=kinds)


# Entities added at the end of the shipped store, for the did-you-mean's edge cases: what the
# index's bounds (store/near.py) must get right, and where it hands back to every entity.
NEAR_NAMES: list[tuple[str, str, list[str], list[str]]] = [
    ("company", "青岛科技有限公司", [], ["qingdaokejiyouxiangongsi"]),  # nothing but generic words
    ("company", "有限公司", ["公司"], ["youxiangongsi"]),
    ("company", "小尤智", [], ["xiaoyouzhi"]),  # closer to 小尤智能 than 小优智能, far down
    ("company", "晓友之能", ["XiaoYou ZhiNeng Tech"], ["xiaoyouzhineng"]),  # 小优智能's pinyin
    ("company", "小游", [], ["xiaoyou"]),
    ("company", "小优智能科技", [], ["xiaoyouzhinengkeji"]),
    ("company", "长文科技", ["小优智能" + "的" * 250], ["changwenkeji"]),  # past difflib's junk
    ("company", "阿斯利康", ["AstraZeneka"], ["asilikang"]),  # a name held twice
    ("company", "小优智能x", [], ["xiaoyouzhinengx"]),
    ("company", "x小优智能", [], ["xxiaoyouzhineng"]),
    ("person", "徐凯凯", [], ["xukaikai"]),
    ("person", "徐楷", [], ["xukai"]),
    ("person", "许凯", [], ["xukai"]),
    ("organisation", "高新贷", [], ["gaoxindai"]),  # a policy's name, another kind
    ("policy", "高新代贷", [], ["gaoxindaidai"]),
]
# Misses as typed, space-separated (a list literal would take a line each).
NEAR_MISSES = [
    *(  # noqa: SIM905
        "小尤智能 小尤智 小优智 xiaoyouzhineg xiaoyouzhi xiaoyuo 晓友 小游智能 小优智能科 阿斯利 "
        "asilikng AstraZenca astrazeneka 青岛科技 青岛科技有限 有限公司x 公司 长文 小优智能的的的 "
        "徐恺 徐凯k xukia xuka 许恺 高新代 gaoxindia 高薪贷 qqq 青岛某某 x 小 的的的的"
    ).split(),
    "小优智能" + "的" * 240,
    "xiao you zhi neg",
    "小\ud800智能",
]


@pytest.fixture(scope="module")
def near_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped store with ``NEAR_NAMES`` added at its end."""
    doc = copy.deepcopy(SHIPPED)
    rows = doc["entities"]
    like = {e["kind"]: e for e in rows.values()}
    for i, (kind, name, aliases, pinyin) in enumerate(NEAR_NAMES):
        entity = {k: v for k, v in like[kind].items() if k not in ("full_name", "english_name")}
        entity.update(id=f"{kind}:near-{i}", name=name, aliases=aliases)
        entity["keys"] = {"pinyin": pinyin, "initials": []}
        rows[str(len(rows) + 1)] = entity
    path = tmp_path_factory.mktemp("near") / "facts.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return settle(path)


def _suggestions_alike(store: Reader, plain: Reader, queries: list[str]) -> int:
    checked = 0
    for kinds in [*KIND_SETS[:5], {"company", "person"}, set()]:
        everyone = plain.name_pool(kinds)
        for q in queries:
            got = names.suggest(q, store.suggestion_pool(q, kinds), kinds=kinds)
            assert got == names.suggest(q, everyone, kinds=kinds), (q, kinds)
            checked += 1
    return checked


def test_a_miss_is_offered_the_same_names(backend: str, near_names: Path) -> None:
    plain = memory(near_names)
    queries = NEAR_MISSES + [q + "x" for q in NEAR_MISSES] + [q[1:] for q in NEAR_MISSES]
    assert _suggestions_alike(_open(backend, near_names), plain, queries) > 500
    store = _open(backend, near_names)
    offered = names.suggest("小尤智能", store.suggestion_pool("小尤智能", {"company"}))
    # The closest is last in the store; 小优智能科技 ties with 小优智能 (科技 is generic).
    assert offered == ["小尤智", "小优智能", "小优智能科技"]


@pytest.mark.slow
def test_a_miss_is_offered_the_same_names_on_a_generated_store(
    backend: str, generated: Path
) -> None:
    plain = memory(generated)
    queries = [*NEAR_MISSES, "小优智能-12x", "xiaoyouzhineng12x", "徐凯-1x", "高新贷-99x"]
    assert _suggestions_alike(_open(backend, generated), plain, queries) > 200


_NEAR_ONCE: dict[str, tuple[Reader, Reader]] = {}


@settings(max_examples=100, deadline=None)
@given(q=st.text(alphabet="小优尤智能生物青岛科技有限公司徐凯 xiaoyuzhngkeAstr-1“”", max_size=9))
def test_a_miss_is_offered_the_same_names_for_any_text(
    backend: str, near_names: Path, tmp_path_factory: pytest.TempPathFactory, q: str
) -> None:
    if backend not in _NEAR_ONCE:
        base = tmp_path_factory.mktemp(f"near-{backend}")
        path = settle(Path(shutil.copy(near_names, base / "facts.json")))
        with pytest.MonkeyPatch.context() as env:
            env.setenv("XDG_CACHE_HOME", str(base / "cache"))
            env.setenv("HZ_INDEX_MIN_BYTES", "0")
            _NEAR_ONCE[backend] = (_open(backend, path), memory(path))
    _suggestions_alike(*_NEAR_ONCE[backend], [q])


COMMANDS = [
    ["company", "小优智能"],
    ["company", "小优智能", "--json"],
    ["company", "xiaoyou", "--json"],  # ambiguous: an error, the same one
    ["company", "小尤智能"],  # a typo: not found, with the same suggestion
    ["projects", "--min-invest", "2亿", "--json"],
    ["projects", "--sort", "name", "-f", "csv"],
    ["people", "徐凯-2", "--json"],
    ["people", "-f", "md"],
    ["policies", "高新贷"],
    ["companies", "--json"],
    ["stats", "企业"],
    ["search", "投资", "亿元", "--json"],
    ["timeline", "--json"],
    ["source", "40", "--json"],
    ["source", "0"],
    ["zone", "--json"],
]


@pytest.mark.slow
def test_the_cli_prints_the_same(backend: str, generated: Path) -> None:
    runner = CliRunner()
    if backend == "index":
        indexing.index_store(generated)
    whole = {"HZ_INDEX_MIN_BYTES": str(1 << 62)}
    for args in COMMANDS:
        argv = ["--db", str(generated), *args]
        mine = runner.invoke(app, argv, env=None if backend != "memory" else whole)
        plain = runner.invoke(app, argv, env=whole)
        mine_out = (mine.exit_code, mine.stdout, mine.stderr)
        assert mine_out == (plain.exit_code, plain.stdout, plain.stderr), args
    assert cache_path(generated).exists() == (backend == "index")  # lookups write no index


# ------------------------------------------------------------------ search

_SEARCH_ONCE: dict[str, tuple[Reader, Reader, list[str]]] = {}

# Short and long terms, terms in no record, FTS5 syntax that must be taken literally, and
# what folding must see through (full width, quotes, spaces, case).
SEARCH_TERMS: list[list[str]] = [
    ["投资"],
    ["企业"],
    ["小优"],
    ["的"],
    ["高"],
    ["1"],
    ["-"],
    ["-3"],
    ["小优智能"],
    ["小优智能-3"],
    ["阿斯利康", "投资"],
    ["投资", "亿元"],
    ["润扬环境科技有限公司"],
    ["ＡｓｔｒａＺｅｎｅｃａ"],
    ["astrazeneca-2"],
    ["“高新贷”"],
    ['"高新'],
    ['"'],
    ['""'],
    ["*"],
    ["AND"],
    ["a AND b"],
    ["NEAR(a b)"],
    ["小优 OR 阿斯利康"],
    ["^小优"],
    ["column:小优"],
    ["'"],
    ["发展高科技，实现产业化"],
    ["量子计算"],
    ["\x01"],
    ["x" * 400],
    ["小优智能" * 50],
    ["企业", "企业"],
]


def _search_pair(backend: str, base: Path) -> tuple[Reader, Reader]:
    """The backend and the whole-file reader, opened once on a 2,000-fact store."""
    if backend not in _SEARCH_ONCE:
        path = generate(base / "facts-2000.json", 2_000)
        with pytest.MonkeyPatch.context() as env:
            env.setenv("XDG_CACHE_HOME", str(base / "cache"))
            env.setenv("HZ_INDEX_MIN_BYTES", "0")
            store = _open(backend, path)
        assert type(store).__name__ == {"memory": "MemoryStore", "scan": "ScannedStore"}.get(
            backend, "IndexedStore"
        )
        plain = memory(path)
        texts = [f["text"] for f in plain.facts[:200]] + [b["text"] for b in plain.blocks[:60]]
        texts += [e["name"] for e in plain.entities[:100]]
        _SEARCH_ONCE[backend] = (store, plain, texts)
    store, plain, _ = _SEARCH_ONCE[backend]
    return store, plain


def _by_hand(plain: Reader, terms: list[str]) -> list[tuple[str, str]]:
    """The hits of a search worked out from the definition, with the mapped fold."""
    wanted = [normalize_mapped(t)[0] for t in terms]
    rows = []
    for order, record in enumerate(search.records(plain.entities, plain.facts, plain.blocks)):
        folded = "\n".join(normalize_mapped(f)[0] for f in record.fields)
        if all(w in folded for w in wanted):
            where = record.paragraph if record.paragraph is not None else 1 << 62
            key = (search.KINDS.index(record.kind), len(folded), where, order)
            rows.append((key, (record.kind, record.id)))
    return [hit for _, hit in sorted(rows)]


def _check_spans(hits: list[search.Hit], terms: list[str]) -> None:
    """Every span holds a term, folded, and no more: the term itself, or a character whose
    fold holds it (… folds to ..., so a search for . marks the whole …)."""
    wanted = {normalize_mapped(t)[0] for t in terms}
    for hit in hits:
        assert hit.spans, hit
        for start, end in hit.spans:
            folded = normalize_mapped(hit.text[start:end])[0]
            # and no wider than it: a character less at either end no longer holds that term.
            less = [
                normalize_mapped(hit.text[a:b])[0]
                for a, b in ((start + 1, end), (start, end - 1))
                if a < b
            ]
            assert any(w in folded and not any(w in x for x in less) for w in wanted), (
                hit,
                start,
                end,
            )


@pytest.mark.parametrize("terms", SEARCH_TERMS, ids=repr)
def test_search_finds_the_same(
    backend: str, terms: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    store, plain = _search_pair(backend, tmp_path_factory.mktemp(f"search-{backend}"))
    everything = store.search(terms)
    assert everything == plain.search(terms)
    assert [(h.kind, h.id) for h in everything] == _by_hand(plain, terms)
    assert [h.rank for h in everything] == list(range(1, len(everything) + 1))
    _check_spans(everything, terms)
    pages = [(1, 0), (5, 0), (5, 3), (50, 0), (7, len(everything) - 2), (3, 10**6)]
    pages += [(10**30, 0), (2, 10**30), (0, 0)]
    for limit, offset in pages:
        page = store.search(terms, limit=limit, offset=max(offset, 0))
        assert page == everything[max(offset, 0) : max(offset, 0) + limit]


@pytest.mark.parametrize("terms", [[], [""], ["  "], ["\u200b"], ["小优", "\u3000"]], ids=repr)
def test_empty_search_terms_are_usage_errors_alike(
    backend: str, terms: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    store, plain = _search_pair(backend, tmp_path_factory.mktemp(f"search-{backend}"))
    assert outcome(lambda: store.search(terms)) == outcome(lambda: plain.search(terms))
    assert "empty search term" in outcome(lambda: store.search(terms)) or not terms


_RANDOM = st.text(alphabet='小优智能投资企业亿元高新阿斯利康的-123 ,，"“”*()ANDnear^:', max_size=6)


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_search_finds_the_same_for_any_terms(
    backend: str, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    store, plain = _search_pair(backend, tmp_path_factory.mktemp(f"search-{backend}"))
    texts = _SEARCH_ONCE[backend][2]

    def piece(d: st.DataObject) -> str:
        text = d.draw(st.sampled_from(texts))
        i = d.draw(st.integers(0, max(0, len(text) - 1)))
        return text[i : i + d.draw(st.integers(1, 8))]

    terms = [
        data.draw(st.one_of(st.builds(lambda: piece(data)), _RANDOM))
        for _ in range(data.draw(st.integers(1, 3)))
    ]
    if not all(search.fold(t) for t in terms):
        return
    limit = data.draw(st.sampled_from([None, 1, 3, 20]))
    offset = data.draw(st.integers(0, 5))
    got = store.search(terms, limit=limit, offset=offset)
    assert got == plain.search(terms, limit=limit, offset=offset)
    _check_spans(got, terms)


@pytest.mark.parametrize(("limit", "offset"), [(-1, 0), (None, -1), (0, -5)])
def test_a_page_below_zero_is_a_usage_error_alike(
    backend: str, limit: int | None, offset: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    store, plain = _search_pair(backend, tmp_path_factory.mktemp(f"search-{backend}"))
    got = outcome(lambda: store.search(["企业"], limit=limit, offset=offset))
    assert got == outcome(lambda: plain.search(["企业"], limit=limit, offset=offset))
    assert "must be 0 or more" in got


def test_projects_sort_by_investor_alike_whatever_the_investor_is(
    backend: str, tmp_path: Path
) -> None:
    """A head knows the name of an investing company; an investor of another kind, one the
    store does not have, none, a company without pinyin keys: each sorts as when every
    investor was looked up, on every backend."""
    doc = copy.deepcopy(SHIPPED)
    entities = doc["entities"]
    projects = [k for k, e in entities.items() if e["kind"] == "project"]
    org = next(e["id"] for e in entities.values() if e["kind"] in ("organisation", "policy"))
    bare = next(k for k, e in entities.items() if e["kind"] == "company" and e.get("keys"))
    del entities[bare]["keys"]  # its reading comes from its name
    investors = [org, "company:nowhere", None, entities[bare]["id"]]
    for key, investor in zip(projects[: len(investors)], investors, strict=True):
        if investor is None:
            entities[key].pop("investor", None)
        else:
            entities[key]["investor"] = investor
    path = tmp_path / "store.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    settle(path)
    plain, store = memory(path), _open(backend, path)

    def by_investor(reader: Reader) -> list[str]:
        return [p["id"] for p in query.projects(reader, sort="investor")]

    # The order as it was worked out before heads knew investors: each looked up.
    order = query._PinyinOrder(plain)
    looked_up = sorted(
        plain.project_heads(),
        key=lambda h: (
            (ref := query.ref_view(plain, h.investor)) is None,
            order.key(ref or {}),
        ),
    )
    assert by_investor(store) == by_investor(plain) == [h.id for h in looked_up]
    assert any(h.investor_name for h in store.project_heads())
