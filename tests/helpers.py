"""What several test files share: the project's paths, records that quote the shipped article,
the benchmark's store generator, and the three read backends opened on one file."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from hightech_cli import names, query
from hightech_cli.errors import HzError
from hightech_cli.numbers.amounts import parse_amount
from hightech_cli.store import Reader, indexing, open_store
from hightech_cli.store.document import read_store_file
from hightech_cli.store.index import IndexedStore, cache_path
from hightech_cli.store.location import shipped_store_path
from hightech_cli.store.memory import MemoryStore
from hightech_cli.store.scan import ScannedStore

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHIPPED_PATH = DATA / "facts.json"
ORIGINAL = DATA / "source" / "qingdao-hitech-zone-2026.txt"
HOUR_AGO = time.time_ns() - 3600 * 1_000_000_000

# ------------------------------------------------------------------ records for write tests

SHIPPED: dict[str, Any] = json.loads(shipped_store_path().read_text(encoding="utf-8"))
FACTS = list(SHIPPED["facts"].values())
EVIDENCE = FACTS[0]["evidence"]
ZONE_ID = next(e["id"] for e in SHIPPED["entities"].values() if e["kind"] == "zone")


def fact(fid: str, text: str = "新事实", **extra: Any) -> dict[str, Any]:
    """A valid new fact about the zone, resting on real evidence."""
    rec = {
        "id": fid,
        "subject": ZONE_ID,
        "kind": "attribute",
        "topic": "测试",
        "text": text,
        "evidence": dict(EVIDENCE),
        "refs": [],
    }
    rec.update(extra)
    return rec


def jsonl(*records: tuple[str, dict[str, Any]]) -> str:
    """An import file: one record a line, each with its table."""
    return "".join(json.dumps({"table": t, **r}, ensure_ascii=False) + "\n" for t, r in records)


# ------------------------------------------------------------------ generated stores


def load_bench(name: str, module_name: str | None = None) -> ModuleType:
    """``bench/{name}.py`` as a module, filed in ``sys.modules`` under ``module_name`` (the
    file's name by default), as dataclasses look their module up while it executes."""
    module_name = module_name or name
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


make_store = load_bench("make_store")


def generate(path: Path, facts: int) -> Path:
    """A store of ``facts`` facts from bench/make_store.py (copies of the shipped store),
    its time stamp an hour back so that ``hz index`` need not wait for it."""
    make_store.write_store(path, facts, make_store.Template(make_store.TEMPLATE))
    return settle(path)


def settle(path: Path, ns: int = HOUR_AGO) -> Path:
    """Set a file's time stamps back, so that an index may be built from it at once."""
    os.utime(path, ns=(ns, ns))
    return path


# ------------------------------------------------------------------ the three backends


def memory(path: Path) -> MemoryStore:
    """The store file decoded whole."""
    return MemoryStore(path, read_store_file(path))


def scanned(path: Path) -> ScannedStore:
    """The store through the scan: call with ``HZ_INDEX_MIN_BYTES=0`` and no index."""
    store = open_store(path)
    assert isinstance(store, ScannedStore), type(store)
    return store


def indexed(path: Path) -> IndexedStore:
    """The store through its index, which ``hz index`` (indexing.index_store) writes; call
    with ``HZ_INDEX_MIN_BYTES=0`` and the file's time stamp settled."""
    built = indexing.index_store(path)
    assert built.index == cache_path(path)
    store = open_store(path)
    assert isinstance(store, IndexedStore), "no index was built"
    assert store.cache == built.index
    return store


BACKENDS: dict[str, Callable[[Path], Reader]] = {
    "memory": memory,
    "scan": scanned,
    "index": indexed,
}


# ------------------------------------------------------------------ questions and answers


def outcome(call: Callable[[], Any]) -> str:
    """A query's result as JSON text, or its error as the CLI would report it."""
    try:
        answer = call()
        if isinstance(answer, Iterator):  # a list's rows, read while the store is open
            answer = list(answer)
        return json.dumps(answer, ensure_ascii=False, sort_keys=True)
    except HzError as exc:
        return f"{type(exc).__name__}: {exc}"


COMPANIES = ["小优智能", "xiaoyou", "xyzn", "阿斯利康", "Haier Biomedical", "长木谷", "生物"]
COMPANIES += ["小尤智能", "青岛", "company:xiaoyou", "润扬", "nothing-like-it", "小优智能-7"]
PEOPLE = ["郭俊兴", "xukai", "徐凯-3", "gjx", "徐恺"]
POLICIES = ["e企炬链", "高新贷", "gaoxindai", "承诺开工", "政务服务中心", "体系"]
POLICIES += ["“10+1”创新型产业体系"]


def questions() -> Iterator[Callable[[Reader], Any]]:
    """Every question hz answers, asked a few ways, for comparing backends."""
    for name in COMPANIES:
        yield lambda s, n=name: query.company_card(s, n)
        yield lambda s, n=name: query.projects(s, company=n)
    for name in PEOPLE:
        yield lambda s, n=name: query.person(s, n)
    for name in POLICIES:
        yield lambda s, n=name: query.policy(s, n)
    yield lambda s: query.projects(s)
    yield lambda s: query.projects(s, min_invest=parse_amount("2亿"), sort="name")
    yield lambda s: query.people(s)
    yield lambda s: query.policies(s)
    yield lambda s: query.companies(s)
    yield lambda s: query.stats(s, keyword="企业")
    yield lambda s: query.timeline(s)
    yield lambda s: query.zone(s)
    yield lambda s: query.source(s, paragraph=5)
    yield lambda s: query.source(s, paragraph=10**6)
    yield lambda s: query.source(s)
    yield lambda s: query.sources(s)
    yield lambda s: query.conflicts(s)
    yield lambda s: query.stats(s, limit=3, offset=2)
    yield lambda s: query.stats(s, keyword="企业", limit=1)
    yield lambda s: query.companies(s, limit=5, offset=1)
    yield lambda s: query.timeline(s, since="2025", limit=4)
    yield lambda s: list(s.facts_of("quantity", "investment"))
    # Misses, whose did-you-mean the index reads from its pool of names.
    for miss in ("小尤智能", "小尤智能x", "xiaoyouzhinengg", "小\ud800", "qqq", "青岛某某"):
        yield lambda s, m=miss: query.company_card(s, m)
    yield lambda s: query.policy(s, "高新代")
    yield lambda s: query.person(s, "徐恺")
    # Names typed in traditional characters, looked up again in simplified ones on a miss.
    for written in ("小優智能", "阿斯利康", "小優智慧", "青島某某"):
        yield lambda s, w=written: query.company_card(s, w)
    yield lambda s: query.person(s, "徐凱")
    # The lists orders.py derives from every row, which the index stores when it is built.
    yield lambda s: query.zone(s, limit=3, offset=1)
    yield lambda s: query.conflicts(s, limit=1, offset=1)
    yield lambda s: query.timeline(s, until="2024", sources=s.source_ids()[-1:])
    yield lambda s: query.companies(s, sources=s.source_ids()[:1], limit=4)
    # Lists kept to each source, and to several: the index reads only the rows citing them.
    for pick in (slice(0, 1), slice(-1, None), slice(1, 3)):
        yield lambda s, p=pick: query.companies(s, sources=s.source_ids()[p])
        yield lambda s, p=pick: query.people(s, sources=s.source_ids()[p], limit=3, offset=1)
        yield lambda s, p=pick: query.policies(s, sources=s.source_ids()[p])
        yield lambda s, p=pick: query.stats(s, sources=s.source_ids()[p], limit=5)
        yield lambda s, p=pick: list(s.facts_citing(("quantity", "quote"), s.source_ids()[p]))
        yield lambda s, p=pick: list(s.entities_citing(("company", "person"), s.source_ids()[p]))
        yield lambda s, p=pick: list(s.companies_citing(s.source_ids()[p]))
    for sort in query.PROJECT_SORTS:
        yield lambda s, by=sort: query.projects(s, sort=by, limit=6, offset=2)
    yield lambda s: query.projects(s, max_invest=parse_amount("1亿美元"), usd_cny="7")
    yield lambda s: s.project_heads()
    yield lambda s: list(s.introduced_companies())
    yield lambda s: list(s.figure_pairs())
    yield lambda s: s.source_counts()
    yield lambda s: [s.fact_count(i) for i in ("company:xiaoyou", "zone:qingdao-hitech", "x")]
    yield lambda s: list(s.entities_of("policy", "organisation", "policy"))
    yield lambda s: [s.count_of(*k) for k in (("company",), ("policy", "zone"), ("none",), ())]
    for terms in (["小优"], ["投资", "亿元"], ["nothing"]):
        yield lambda s, t=terms: query.search(s, t)


KIND_SETS: list[set[str] | None] = [
    {"company"},
    {"person"},
    {"policy", "organisation"},
    {"project"},
    {"zone"},
    None,
    set(),
]


def name_queries(entities: list[dict[str, Any]], longest_part: int = 1_000) -> list[str]:
    """Every way of writing these entities' names, and the near misses around them.

    Parts: substrings of 2-4 characters, and beginnings up to ``longest_part`` characters.
    """
    out: set[str] = set(names.GENERIC_WORDS) | set(names.GENERIC_PINYIN)
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


def candidates_suffice(
    store: Reader, queries: list[str], pool: list[Any], kind_sets: list[set[str] | None]
) -> int:
    """Assert that resolving over the store's candidates answers as over every entity; the
    number of checks made."""
    checked = 0
    for kinds in kind_sets:
        everyone = [e for e in pool if kinds is None or e["kind"] in kinds]
        for q in queries:
            got = names.resolve(q, store.name_candidates(q, kinds), kinds=kinds)
            assert got == names.resolve(q, everyone, kinds=kinds), (q, kinds)
            checked += 1
    return checked


def extracted(tmp_path: Path, text: str, source_id: str = "t") -> Any:
    """``hz extract``'s reading (``sources.extract.Extraction``) of an article of ``text``,
    written to a file as a user would give it."""
    from hightech_cli.sources.article import read_article
    from hightech_cli.sources.extract import extract

    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return extract(read_article(str(path)), source_id=source_id)


def extracts_within(
    tmp_path: Path, text: str, seconds: float = 120, *, tagger: bool = False
) -> bool:
    """Whether an article of ``text`` is read, rules only (or with the tagger), in a process of
    its own that ends within ``seconds``: the guard of a hang, whose bound is far above what
    the reading takes (subprocess.TimeoutExpired where it does not end)."""
    import subprocess

    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    code = (
        "import sys; from hightech_cli.sources.article import read_article; "
        "from hightech_cli.sources.extract import extract; "
        f"extract(read_article(sys.argv[1]), use_tagger={tagger})"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], timeout=seconds, check=False)
    return done.returncode == 0
