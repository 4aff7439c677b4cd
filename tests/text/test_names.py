"""Name matching (``names.py``) on a fixture of real names from the article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hightech_cli.errors import Ambiguous, ExitCode, NotFound, UsageError
from hightech_cli.names import Match, complete, resolve, resolve_one, suggest
from hightech_cli.text import normalize

ROOT = Path(__file__).resolve().parents[2]


from hightech_cli.sources.keys import name_keys  # noqa: E402


def entity(eid: str, name: str, *aliases: str) -> dict[str, Any]:
    """An entity dict as the store holds it, keyed the way tools/build_store.py keys it."""
    chinese = [a for a in aliases if not a.isascii()]
    return {
        "id": eid,
        "kind": eid.split(":")[0],
        "name": name,
        "aliases": list(aliases),
        "summary": "",
        "evidence": [],
        "mentions": [],
        "keys": name_keys([name, *chinese]),
    }


ENTITIES = [
    entity("company:xiaoyou", "小优智能", "青岛小优智能科技有限公司"),
    entity("company:hantang", "汉唐生物", "青岛汉唐生物科技有限公司"),
    entity("company:runyang", "润扬环境", "青岛润扬环境科技有限公司"),
    entity("company:astrazeneca", "阿斯利康", "AstraZeneca"),
    entity("company:haier-biomedical", "海尔生物", "Haier Biomedical"),
    entity("company:yebio", "易邦生物"),
    entity("company:oke", "奥克生物"),
    entity("company:berger", "伯杰医疗"),
    entity("company:gaoce", "高测股份"),
    entity("company:changmugu", "长木谷"),
    entity("person:guo-junxing", "郭俊兴"),
    entity("person:shao-jie", "邵婕"),
    entity("person:xu-kai", "徐凯"),
    entity("policy:chengnuo-kaigong", "承诺开工一件事"),
    entity("policy:gaoxindai", "高新贷"),
    entity("policy:e-qi-ju-lian", "e企炬链"),
]
BY_ID = {e["id"]: e for e in ENTITIES}


def one(query: str, **kwargs: Any) -> Match:
    matches = resolve(query, ENTITIES, **kwargs)
    assert len(matches) == 1, (query, matches)
    return matches[0]


# --- resolve: each tier ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "eid", "how"),
    [
        ("小优智能", "company:xiaoyou", "exact"),
        (" 小优 智能 ", "company:xiaoyou", "exact"),
        ("company:xiaoyou", "company:xiaoyou", "exact"),  # an id always names one entity
        ("郭俊兴", "person:guo-junxing", "exact"),
        ("e企炬链", "policy:e-qi-ju-lian", "exact"),
        ("“e企炬链”", "policy:e-qi-ju-lian", "exact"),  # pasted with the article's quotes
        ("《承诺开工一件事》", "policy:chengnuo-kaigong", "exact"),
        ("Ｅ企炬链", "policy:e-qi-ju-lian", "exact"),
        ("青岛小优智能科技有限公司", "company:xiaoyou", "alias"),
        ("AstraZeneca", "company:astrazeneca", "alias"),
        ("astrazeneca", "company:astrazeneca", "alias"),
        ("ＡｓｔｒａＺｅｎｅｃａ", "company:astrazeneca", "alias"),
        ("  haier   BIOMEDICAL ", "company:haier-biomedical", "alias"),
        ("xiaoyouzhineng", "company:xiaoyou", "pinyin"),
        ("Xiao You Zhi Neng", "company:xiaoyou", "pinyin"),
        ("xiǎoyǒu zhìnéng", "company:xiaoyou", "pinyin"),  # tone marks ignored
        ("changmugu", "company:changmugu", "pinyin"),
        ("asilikang", "company:astrazeneca", "pinyin"),
        ("hantangshengwu", "company:hantang", "pinyin"),
        ("eqijulian", "policy:e-qi-ju-lian", "pinyin"),
        ("qingdaoxiaoyouzhinengkejiyouxiangongsi", "company:xiaoyou", "pinyin"),
        ("xiaoyou", "company:xiaoyou", "pinyin_prefix"),
        ("xiao", "company:xiaoyou", "pinyin_prefix"),
        ("hantang", "company:hantang", "pinyin_prefix"),
        ("qingdaoxiaoyou", "company:xiaoyou", "pinyin_prefix"),
        ("xyzn", "company:xiaoyou", "initials"),
        ("XYZN", "company:xiaoyou", "initials"),
        ("cnkgyjs", "policy:chengnuo-kaigong", "initials"),
        ("eqjl", "policy:e-qi-ju-lian", "initials"),
        ("xk", "person:xu-kai", "initials"),
        ("小优", "company:xiaoyou", "substring"),
        ("润扬", "company:runyang", "substring"),
        ("汉唐", "company:hantang", "substring"),
        ("青岛小优", "company:xiaoyou", "substring"),
        ("小优智能科技", "company:xiaoyou", "substring"),
        ("承诺开工", "policy:chengnuo-kaigong", "substring"),
        ("astra", "company:astrazeneca", "substring"),
        ("e企", "policy:e-qi-ju-lian", "substring"),
    ],
)
def test_resolves_to_one(query: str, eid: str, how: str) -> None:
    match = one(query)
    assert (match.entity_id, match.how) == (eid, how)
    assert match.name == BY_ID[eid]["name"]


def test_match_records_what_matched() -> None:
    assert one("青岛小优智能科技有限公司").matched == "青岛小优智能科技有限公司"
    assert one("ＡｓｔｒａＺｅｎｅｃａ").matched == "AstraZeneca"
    assert one("xiaoyou").matched == "xiaoyouzhineng"
    assert one("xyzn").matched == "xyzn"
    assert one("青岛小优").matched == "青岛小优智能科技有限公司"


def test_earlier_tier_wins() -> None:
    extra = [*ENTITIES, entity("project:astrazeneca-base", "阿斯利康吸入气雾剂生产基地")]
    matches = resolve("阿斯利康", extra)
    assert [(m.entity_id, m.how) for m in matches] == [("company:astrazeneca", "exact")]
    # Only a prefix is shared: both answer, and the caller lists them.
    assert {m.entity_id for m in resolve("asili", extra)} == {
        "company:astrazeneca",
        "project:astrazeneca-base",
    }


def test_kinds_filter() -> None:
    assert resolve("xk", ENTITIES, kinds={"company"}) == []
    assert one("xk", kinds=("person",)).entity_id == "person:xu-kai"
    assert [m.entity_id for m in resolve("gaoxin", ENTITIES, kinds=["policy"])] == [
        "policy:gaoxindai"
    ]


# --- resolve: what must not resolve to one entity --------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("生物", {"company:hantang", "company:haier-biomedical", "company:yebio", "company:oke"}),
        ("青岛", set()),  # a place name, and the start of every legal name
        ("青岛市", set()),
        ("公司", set()),
        ("科技", set()),
        ("有限公司", set()),
        ("科技有限公司", set()),
        ("青岛科技", set()),
        ("青岛小", set()),  # one meaningful character left
        ("qingdao", set()),
        ("qing", set()),
        ("qingdaox", set()),
        ("Qingdao Co., Ltd.", set()),
        ("小", set()),
        ("优", set()),
        ("x", set()),  # too short for a prefix or initials
        ("ha", set()),  # too short for a prefix, not any initials
        ("ai", set()),  # ASCII substring needs 3 characters
        ("", set()),
        ("   ", set()),
        ("\u200b", set()),
        ("小尤智能", set()),  # typos: nothing, suggest() helps instead
        ("xiaoyouzhineg", set()),
        ("AstraZenca", set()),
        ("汉堂生物", set()),
    ],
)
def test_does_not_resolve_to_one(query: str, expected: set[str]) -> None:
    matches = resolve(query, ENTITIES)
    assert {m.entity_id for m in matches} == expected
    assert len(matches) != 1


def test_ambiguous_matches_come_in_store_order() -> None:
    assert [m.name for m in resolve("生物", ENTITIES)] == [
        "汉唐生物",
        "海尔生物",
        "易邦生物",
        "奥克生物",
    ]
    assert {m.how for m in resolve("生物", ENTITIES)} == {"substring"}


def test_no_false_matches() -> None:
    """Every name, alias and key of every entity resolves to that entity and nothing else."""
    checked = 0
    wrong: list[tuple[str, list[str]]] = []
    for e in ENTITIES:
        queries = [e["name"], *e["aliases"], *e["keys"]["pinyin"], *e["keys"]["initials"]]
        for query in queries:
            ids = [m.entity_id for m in resolve(query, ENTITIES)]
            checked += 1
            if ids != [e["id"]]:
                wrong.append((query, ids))
    assert wrong == []
    assert checked == 59  # 16 names, 5 aliases, 19 pinyin keys, 19 initials keys


def test_no_substring_resolves_to_the_wrong_entity() -> None:
    """Every piece (2+ characters) of every name and alias: if it resolves to one entity,
    that entity's name or alias contains it."""
    singles = 0
    wrong: list[tuple[str, str]] = []
    for e in ENTITIES:
        for text in [e["name"], *e["aliases"]]:
            for i in range(len(text)):
                for j in range(i + 2, len(text) + 1):
                    matches = resolve(text[i:j], ENTITIES)
                    if len(matches) != 1:
                        continue
                    singles += 1
                    owner = BY_ID[matches[0].entity_id]
                    forms = [normalize(f) for f in [owner["name"], *owner["aliases"]]]
                    if not any(normalize(text[i:j]) in f for f in forms):
                        wrong.append((text[i:j], owner["id"]))
    assert wrong == []
    assert singles > 100


# --- suggest ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("小尤智能", "小优智能"),
        ("xiaoyouzhineg", "小优智能"),
        ("AstraZenca", "阿斯利康"),
        ("astra zeneka", "阿斯利康"),
        ("汉堂生物", "汉唐生物"),
        ("青岛小尤智能科技有限公司", "小优智能"),
        ("青岛润杨环境", "润扬环境"),
        ("郭俊星", "郭俊兴"),
        ("徐恺", "徐凯"),
        ("高新代", "高新贷"),
        ("hantanshengwu", "汉唐生物"),
        ("Haier Biomedial", "海尔生物"),
    ],
)
def test_suggest_typos(query: str, expected: str) -> None:
    assert resolve(query, ENTITIES) == []
    assert suggest(query, ENTITIES)[0] == expected
    assert suggest(query, ENTITIES) == [expected]  # no noise behind a clear winner


@pytest.mark.parametrize("query", ["", "青岛", "公司", "科技", "xyz", "朝阳", "小"])
def test_suggest_nothing_for_unrelated(query: str) -> None:
    assert suggest(query, ENTITIES) == []


def test_suggest_limit_and_kinds() -> None:
    assert len(suggest("生物", ENTITIES)) == 3
    assert suggest("生物", ENTITIES, limit=1) == ["汉唐生物"]
    assert suggest("生物", ENTITIES, limit=0) == []
    assert suggest("郭俊星", ENTITIES, kinds={"company"}) == []


def _suggest_compared_with_every_name(
    query: str, entities: list[dict[str, Any]], kinds: set[str] | None = None, limit: int = 3
) -> list[str]:
    """``suggest`` as first written, comparing every name: what the faster one must equal."""
    import difflib

    from hightech_cli import names as n

    q = n.query_form(query)
    if not q or limit <= 0:
        return []
    p = n.pinyin_form(q)
    best: dict[str, float] = {}
    for entity in n._pool(entities, kinds):
        name = str(entity["name"])
        forms = []
        for c in [name, *n._aliases(entity)]:
            q_core, c_core = n.substring_content(q), n.substring_content(normalize(c))
            forms.append((q_core, c_core) if q_core and c_core else (q, normalize(c)))
        if p is not None:
            forms += [(p, k) for k in n._keys(entity, "pinyin")]
        score = max(difflib.SequenceMatcher(None, a, b).ratio() for a, b in forms)
        if score >= n.SUGGEST_CUTOFF and score > best.get(name, 0.0):
            best[name] = score
    ranked = sorted(best, key=lambda x: -best[x])
    floor = best[ranked[0]] - n.SUGGEST_BAND if ranked else 0.0
    return [x for x in ranked if best[x] >= floor][:limit]


def _typos(text: str) -> list[str]:
    out = [text, text[1:], text[:-1], text + "x", text.upper()]
    out += [text[:i] + "尤" + text[i + 1 :] for i in range(len(text))]
    return out


@pytest.mark.parametrize("which", ["fixture", pytest.param("shipped", marks=pytest.mark.slow)])
def test_suggest_compares_only_what_can_score_and_finds_the_same(which: str) -> None:
    import json

    store = json.loads((ROOT / "data" / "facts.json").read_text(encoding="utf-8"))
    pool = ENTITIES if which == "fixture" else list(store["entities"].values())
    queries = {"", "x", "公司", "青岛小尤", "hantan", "Haier Biomedial", "zzz", "1", "科技有限"}
    for entity in pool:
        for text in [entity["name"], *entity.get("aliases", []), *entity["keys"]["pinyin"]]:
            queries.update(_typos(text))
    assert len(queries) > 300
    for kinds in (None, {"company"}, {"person", "policy"}):
        for q in sorted(queries):
            assert suggest(q, pool, kinds=kinds) == _suggest_compared_with_every_name(
                q, pool, kinds
            ), (q, kinds)


@given(st.text(alphabet="小优尤智能汉唐生物青岛科技有限公司 xiaoyuhantngswAZ-1", max_size=10))
def test_suggest_finds_the_same_for_any_text(q: str) -> None:
    assert suggest(q, ENTITIES) == _suggest_compared_with_every_name(q, ENTITIES)


def _resolve_trying_every_string(
    query: str, entities: list[dict[str, Any]], kinds: set[str] | None = None
) -> list[Match]:
    """``resolve`` as first written, normalising every string of every tier: the reference
    for the faster one, which skips what cannot match (ASCII text for a Chinese query)."""
    from hightech_cli import names as n

    q = n.query_form(query)
    if not q:
        return []
    pin, substring = n.pinyin_form(q), n.substring_allowed(q)
    for how in n.TIERS:
        found = []
        for entity in n._pool(entities, kinds):
            name, aliases = str(entity["name"]), n._aliases(entity)
            strings: dict[str, list[str]] = {"exact": [name, str(entity["id"])], "alias": aliases}
            if pin is not None:
                strings["pinyin"] = n._keys(entity, "pinyin")
                if n.prefix_allowed(pin):
                    strings["pinyin_prefix"] = n._keys(entity, "pinyin")
                if len(pin) >= n.MIN_INITIALS:
                    strings["initials"] = n._keys(entity, "initials")
            if substring:
                strings["substring"] = [name, *aliases]
            tests = {
                "exact": lambda c: normalize(c) == q,
                "alias": lambda c: normalize(c) == q,
                "pinyin": lambda c: c == pin,
                "pinyin_prefix": lambda c: pin is not None and c.startswith(pin),
                "initials": lambda c: c == pin,
                "substring": lambda c: q in normalize(c),
            }
            hit = next((c for c in strings.get(how, []) if tests[how](c)), None)
            if hit is not None:
                found.append(Match(str(entity["id"]), name, how, hit))
        if found:
            return found
    return []


# Names that normalise across the ASCII line: full-width letters and digits, a ligature, an
# accented letter, a full-width colon in an id.
ODD_NAMES = [
    entity("company:fullwidth", "ＡＢＣ生物", "ＡＢＣ", "Ａｂｃ Ltd"),
    entity("company:ligature", "ﬁne医疗", "ﬁne"),
    {**entity("company:wide", "Café智能", "CAFÉ"), "id": "company：wide"},
    entity("company:ascii", "abc", "abc ltd"),
]


def test_resolve_skips_only_what_cannot_match() -> None:
    pool = ENTITIES + ODD_NAMES
    queries = {"abc", "ＡＢＣ", "abc生物", "fine", "ﬁne", "café", "cafe", "company：wide"}
    queries |= {"company:wide", "company:fullwidth", "生物", "Ａｂｃ", "abc ltd", "医疗"}
    for entity in pool:
        for text in [entity["name"], entity["id"], *entity.get("aliases", [])]:
            queries.update(_typos(text))
    for kinds in (None, {"company"}, {"person", "policy"}):
        for q in sorted(queries):
            assert resolve(q, pool, kinds=kinds) == _resolve_trying_every_string(q, pool, kinds)


@given(st.text(alphabet="abcＡＢＣﬁé生物小优智能-:： xiaoyou", max_size=8))
def test_resolve_finds_the_same_for_any_text(q: str) -> None:
    pool = ENTITIES + ODD_NAMES
    assert resolve(q, pool) == _resolve_trying_every_string(q, pool)


# --- resolve_one: the errors the CLI reports --------------------------------------------------


def test_resolve_one_returns_the_entity() -> None:
    assert resolve_one("xyzn", ENTITIES) is BY_ID["company:xiaoyou"]
    assert resolve_one("ＡｓｔｒａＺｅｎｅｃａ", ENTITIES)["id"] == "company:astrazeneca"


def test_resolve_one_not_found_names_query_and_suggests() -> None:
    with pytest.raises(NotFound) as info:
        resolve_one("小尤智能", ENTITIES)
    assert "小尤智能" in info.value.message
    assert info.value.hint == "did you mean: 小优智能"
    assert info.value.exit_code == ExitCode.NOT_FOUND


def test_resolve_one_not_found_without_hint() -> None:
    with pytest.raises(NotFound) as info:
        resolve_one("青岛", ENTITIES, kinds=["company"])
    assert info.value.message == "no company matches '青岛'"
    assert info.value.hint is None


def test_resolve_one_ambiguous_lists_candidates() -> None:
    with pytest.raises(Ambiguous) as info:
        resolve_one("生物", ENTITIES)
    assert info.value.candidates == [
        "company:hantang",
        "company:haier-biomedical",
        "company:yebio",
        "company:oke",
    ]
    assert "汉唐生物" in info.value.message
    assert info.value.exit_code == ExitCode.NOT_FOUND


def test_an_ambiguity_lists_ten_names_and_counts_the_rest() -> None:
    many = [
        {"id": f"company:c{i}", "kind": "company", "name": f"测试{i}号", "aliases": []}
        for i in range(25)
    ]
    with pytest.raises(Ambiguous) as info:
        resolve_one("测试", many)
    assert len(info.value.candidates) == 25
    assert info.value.message.startswith("'测试' matches 25 entities: 测试0号 (company:c0), ")
    assert info.value.message.endswith("测试9号 (company:c9) and 15 more")


@pytest.mark.parametrize("query", ["", "  ", "\u200b"])
def test_resolve_one_empty_is_usage(query: str) -> None:
    with pytest.raises(UsageError) as info:
        resolve_one(query, ENTITIES)
    assert info.value.exit_code == ExitCode.USAGE


# --- complete --------------------------------------------------------------------------------


def test_complete() -> None:
    assert complete("xiao", ENTITIES) == ["小优智能"]
    assert complete("小优", ENTITIES) == ["小优智能"]
    assert complete("生物", ENTITIES) == ["汉唐生物", "海尔生物", "易邦生物", "奥克生物"]
    assert complete("gao", ENTITIES) == ["高测股份", "高新贷"]
    assert complete("g", ENTITIES, ["person"]) == ["郭俊兴"]
    assert complete("", ENTITIES, ["person"]) == ["郭俊兴", "邵婕", "徐凯"]
    assert complete("Astra", ENTITIES) == ["阿斯利康"]
    assert complete("智能", ENTITIES) == ["小优智能"]  # contains, not starts
    assert complete("zzz", ENTITIES) == []


def test_complete_puts_prefix_matches_first() -> None:
    extra = [entity("project:lab", "生物实验室"), *ENTITIES]
    assert complete("生物", extra)[0] == "生物实验室"
    extra = [*ENTITIES, entity("project:lab", "生物实验室")]
    assert complete("生物", extra)[0] == "生物实验室"
