"""The shipped store is complete and true to the source.

The expected lists are derived from the article itself with patterns (legal names ending in
有限公司, quoted speakers, figures with units, quoted terms), so a missing entity or figure
fails a test instead of going unnoticed. Each list of exceptions says why it is exempt.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from hightech_cli.numbers.quantities import parse_quantity
from hightech_cli.sources.repair import repair

Store = dict[str, Any]


def _rows(store: Store, table: str) -> list[dict[str, Any]]:
    return list(store[table].values())


@pytest.fixture(scope="module")
def body(original_text: str) -> str:
    """The repaired article's paragraphs, recomputed from the original file."""
    return "\n".join(b.text for b in repair(original_text) if b.kind == "paragraph")


@pytest.fixture(scope="module")
def all_blocks(original_text: str) -> dict[int, str]:
    return {b.n: b.text for b in repair(original_text)}


def _evidence(store: Store) -> list[dict[str, Any]]:
    out = [f["evidence"] for f in _rows(store, "facts")]
    out += [ev for e in _rows(store, "entities") for ev in e["evidence"]]
    return out


def _names(store: Store) -> set[str]:
    return {n for e in _rows(store, "entities") for n in [e["name"], *e["aliases"]]}


def test_every_quote_is_verbatim_in_its_paragraph(store_data: Store, all_blocks: dict) -> None:
    evidence = _evidence(store_data)
    assert len(evidence) > 100
    for ev in evidence:
        assert ev["quote"] in all_blocks[ev["paragraph"]], ev


def test_every_figure_occurs_in_its_evidence_and_reads_the_same(store_data: Store) -> None:
    checked = 0
    for fact in _rows(store_data, "facts"):
        for key in ("value", "before"):
            q = fact.get(key)
            if not q:
                continue
            assert q["text"] in fact["evidence"]["quote"], fact["id"]
            # An independent reading of the written figure agrees with the curated one.
            parsed = parse_quantity(q["text"])
            assert Decimal(str(q["number"])) == Decimal(str(parsed.number)), fact["id"]
            assert q["qualifier"] == parsed.qualifier, fact["id"]
            assert q.get("currency") == parsed.currency, fact["id"]
            assert q.get("minor") == parsed.minor, fact["id"]
            if not q.get("currency"):
                assert q["unit"] == parsed.unit, fact["id"]
            checked += 1
    assert checked >= 30


def test_qualified_figures_are_not_read_as_exact(store_data: Store) -> None:
    by_text = {f["value"]["text"]: f["value"] for f in _rows(store_data, "facts") if f.get("value")}
    assert by_text["1600余家"]["qualifier"] == "more_than"
    assert by_text["超2亿元"]["qualifier"] == "more_than"
    assert by_text["超过95%"]["qualifier"] == "more_than"
    assert by_text["约100万元"]["qualifier"] == "about"
    assert by_text["上百种"]["qualifier"] == "at_least"
    assert by_text["千亿元级"]["qualifier"] == "order_of"


def test_every_legal_company_name_is_stored(store_data: Store, body: str) -> None:
    legal = set(re.findall(r"青岛[\u4e00-\u9fff]{2,12}?有限公司", body))
    assert legal == {
        "青岛汉唐生物科技有限公司",
        "青岛小优智能科技有限公司",
        "青岛润扬环境科技有限公司",
    }
    companies = [e for e in _rows(store_data, "entities") if e["kind"] == "company"]
    full_names = {e.get("full_name") for e in companies}
    assert legal <= full_names


# Two-character stems before 生物/医疗/股份/智能/环境 that are not company names.
NOT_COMPANIES = {
    "三类医疗": "二、三类医疗器械注册证",
    "人工智能": "“人工智能+”, a field",
    "全球生物": "全球生物医药领军企业, a description of 阿斯利康",
    "康复医疗": "inside the project name 青岛康复医疗器械CDMO平台",
    "营商环境": "business environment",
    "诊断医疗": "inside the alliance name 体外诊断医疗器械产业创新联合体",
    "高端医疗": "inside the project name of 长木谷",
}


def test_every_company_named_in_the_article_is_stored(store_data: Store, body: str) -> None:
    found = set(re.findall(r"[\u4e00-\u9fff]{2}(?:生物|医疗|股份|智能|环境)", body))
    names = {e["name"] for e in _rows(store_data, "entities") if e["kind"] == "company"}
    missing = found - names - set(NOT_COMPANIES)
    assert not missing
    # Companies named without such a suffix, checked by name.
    assert {"阿斯利康", "长木谷"} <= names
    assert len(names) == 10


def test_every_quoted_speaker_and_author_is_stored(store_data: Store, body: str) -> None:
    speakers = re.findall(
        r"”[^“”]*?(?:首席执行官|项目经理|财务经理)([\u4e00-\u9fff]{2,3}?)(?:说|的感慨)", body
    )
    assert speakers == ["郭俊兴", "邵婕", "徐凯"]
    people = {e["name"]: e for e in _rows(store_data, "entities") if e["kind"] == "person"}
    assert set(speakers) | {"李青健", "肖玲玲"} == set(people)
    quotes = [f for f in _rows(store_data, "facts") if f["kind"] == "quote"]
    assert sorted(f["subject"] for f in quotes) == sorted(people[name]["id"] for name in speakers)
    for name in speakers:
        assert people[name].get("role") and people[name].get("org")


def test_every_direct_quote_is_stored_with_its_speaker(store_data: Store, body: str) -> None:
    # Speech ends with a full stop inside the quotation marks; slogans do not.
    spoken = re.findall(r"“([^“”]{10,}。)”", body)
    stored = {f["text"] for f in _rows(store_data, "facts") if f["kind"] == "quote"}
    assert set(spoken) == stored


# Numbers in the text that are not figures to store, with the reason.
NOT_FIGURES = {"3": "3D in 3D皮肤检测仪 (a product name) — 3次 is checked separately"}


def test_every_number_with_its_unit_is_stored(store_data: Store, body: str) -> None:
    written = set(re.findall(r"\d+(?:\.\d+)?(?:余|多)?[\u4e00-\u9fff%]{0,2}", body))
    facts = _rows(store_data, "facts")
    covered = " ".join(
        [f[k]["text"] for f in facts for k in ("value", "before") if f.get(k)]
        + [f.get("date", "") for f in facts]
    )
    stored_years = {str(f["year"]) for f in facts if "year" in f}
    missing = []
    for token in written:
        number = re.match(r"\d+(?:\.\d+)?", token).group()  # type: ignore[union-attr]
        if number in stored_years or (number in NOT_FIGURES and token.startswith("3D")):
            continue
        if number == "10" and token.startswith("10+1"):
            continue
        if not any(number in t for t in re.findall(r"\d+(?:\.\d+)?", covered) if t == number):
            missing.append(token)
    assert not missing, missing
    # Figures written in Chinese numerals.
    for text in ("两家", "两条", "上百种", "千亿元级", "千万元级", "3次"):
        assert text in covered, text


def test_every_quoted_term_is_covered_by_evidence(store_data: Store, body: str) -> None:
    terms = set(re.findall(r"“([^”]+)”", body))
    quotes = [ev["quote"] for ev in _evidence(store_data)]
    uncovered = sorted(t for t in terms if not any(t in q for q in quotes))
    # The three one-character plays on words (“高”“新”“金”) are covered with their context.
    assert not uncovered


def test_policies_services_and_alliances(store_data: Store) -> None:
    policies = {e["name"] for e in _rows(store_data, "entities") if e["kind"] == "policy"}
    assert {
        "承诺开工一件事",
        "高新贷",
        "e企炬链",
        "全要素保障机制",
        "三提前三同步",
        "企业需求闭环工作机制",
        "科技型企业全生命周期风险补偿贷款",
        "科技企业梯次引育体系",
        "科技企业孵化链条",
        "全国海洋科技大市场",
        "青岛市体外诊断医疗器械产业创新联合体",
        "10+1创新型产业体系",
    } == policies


def test_policy_reform_before_and_after(store_data: Store) -> None:
    facts = {f["id"]: f for f in _rows(store_data, "facts")}
    docs = facts["chengnuo-kaigong.documents"]
    assert (docs["before"]["number"], docs["value"]["number"]) == (15, 1)
    days = facts["chengnuo-kaigong.days"]
    assert (days["before"]["number"], days["value"]["number"]) == (5, 1)
    assert facts["chengnuo-kaigong.items"]["value"]["number"] == 8


def test_projects_and_their_investments(store_data: Store) -> None:
    facts = [f for f in _rows(store_data, "facts") if f["kind"] == "investment"]
    got = sorted(
        (f["subject"], f["basis"], f["value"]["minor"], f["value"]["currency"]) for f in facts
    )
    assert got == [
        ("project:az-inhaler", "cumulative", 88600000000, "USD"),
        ("project:az-inhaler", "first", 45000000000, "USD"),
        ("project:cdmo", "total", 26000000000, "CNY"),
        ("project:changmugu-base", "total", 50000000000, "CNY"),
    ]


def test_source_anomalies_are_kept_and_noted(store_data: Store) -> None:
    notes = {f["id"]: f.get("note", "") for f in _rows(store_data, "facts")}
    assert "青州市级" in notes["zone.chain-leaders"]
    assert "崛起起" in notes["zone.ai-plus"]
    facts = {f["id"]: f for f in _rows(store_data, "facts")}
    assert "青州市级" in facts["zone.chain-leaders"]["evidence"]["quote"]
    assert "崛起起" in facts["zone.ai-plus"]["evidence"]["quote"]


def test_timeline_years(store_data: Store) -> None:
    years = sorted({f["year"] for f in _rows(store_data, "facts") if "year" in f})
    assert years == [2023, 2025, 2026]


def test_every_body_paragraph_is_cited_or_exempt(store_data: Store, original_text: str) -> None:
    cited = {ev["paragraph"] for ev in _evidence(store_data)}
    exempt = {
        4: "the standfirst, repeated word for word in ¶6",
        5: "scene-setting prose without a checkable claim",
        11: "a transition sentence",
        31: "a rhetorical summary",
        32: "the closing restates the mission and goal of ¶6",
    }
    paragraphs = {b.n for b in repair(original_text) if b.kind == "paragraph"}
    assert paragraphs - cited == set(exempt)
