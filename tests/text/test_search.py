"""Full-text search (hightech_cli.search) over real paragraphs of the article."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hightech_cli.errors import ExitCode, UsageError
from hightech_cli.names import normalize
from hightech_cli.search import Hit, highlight_segments, search


def block(n: int, kind: str, text: str) -> dict[str, Any]:
    return {"source": "qdhtz-2026", "n": n, "kind": kind, "text": text, "lines": [n]}


def entity(eid: str, name: str, aliases: list[str], paragraph: int) -> dict[str, Any]:
    return {
        "id": eid,
        "kind": eid.split(":")[0],
        "name": name,
        "aliases": aliases,
        "summary": "",
        "evidence": [{"source": "qdhtz-2026", "paragraph": paragraph, "quote": name}],
        "mentions": [paragraph],
        "keys": {"pinyin": [], "initials": []},
    }


def fact(fid: str, subject: str, text: str, paragraph: int) -> dict[str, Any]:
    return {
        "id": fid,
        "subject": subject,
        "kind": "attribute",
        "topic": fid.split(".")[1],
        "text": text,
        "evidence": {"source": "qdhtz-2026", "paragraph": paragraph, "quote": text},
        "refs": [],
    }


# Verbatim from the article (its ASCII commas and parentheses included); n is illustrative.
BLOCKS = [
    block(
        4,
        "paragraph",
        "“十五五”规划开局之年,青岛高新区锚定“发展高科技,实现产业化”的初心使命,牢牢把握“高新”发展定位,把发展新质生产力作为重要着力点,全力将青岛高新区打造成为“中国康湾”产业核心承载区、创新策源先导区。",
    ),
    block(
        11,
        "paragraph",
        "走进青岛小优智能科技有限公司(以下简称“小优智能”),研发人员正在对最新一代3D皮肤检测仪进行算法优化。这款产品仅需8秒钟就能完成人脸180度三维扫描,生成3D面部模型,不仅能清晰地呈现皮肤微观状况,还能借助大模型生成个性化护肤或整形方案。凭借自研的MEMS(微机电系统)微透镜技术、动态结构光算法等核心软硬件,小优智能的产品为行业内超过95%的3D皮肤检测仪厂商提供核心技术方案。",
    ),
    block(
        12,
        "paragraph",
        "“技术是企业的立身之本,我们始终坚持在研发上投入,不断探索技术的边界。”小优智能首席执行官郭俊兴说。",
    ),
    block(
        13,
        "paragraph",
        "从为“蛟龙”号载人潜水器开发深海相机到在数字医美领域深耕,小优智能的每一步都在诠释着创新的无限可能。",
    ),
    block(
        19,
        "paragraph",
        "全球生物医药领军企业阿斯利康的“三年三投”,成为青岛高新区产业生态优越性的生动注脚。自2023年首次投资额达4.5亿美元的吸入气雾剂生产基地落户于此,阿斯利康已连续3次追加投资,累计投资额达8.86亿美元。",
    ),
    block(
        22,
        "caption",
        "阿斯利康吸入气雾剂生产基地",
    ),
    block(
        29,
        "paragraph",
        "区建立企业需求“意见收集—分析研判—及时反馈”闭环工作机制,针对企业在资金、人才、技术等方面需求,第一时间匹配资源。青岛润扬环境科技有限公司在项目推进中面临“垫资多、回款周期长”的资金困境,青岛高新区工作人员迅速联动金融机构,为其量身定制“科技型企业全生命周期风险补偿贷款”方案。“高新贷”无需抵押、审批高效,快速地为润扬环境注入500万元周转资金,利率比普通流动资金贷款低10个百分点,直接支撑了企业的一个千万元级项目,预计能带来约100万元的利润。",
    ),
    block(
        30,
        "paragraph",
        "“这笔资金就像一场及时雨,让我们能够摆脱资金链紧张的束缚,全力投入生产经营。”青岛润扬环境科技有限公司财务经理徐凯说。",
    ),
]

ENTITIES = [
    entity("company:xiaoyou", "小优智能", ["青岛小优智能科技有限公司"], 11),
    entity("company:astrazeneca", "阿斯利康", ["AstraZeneca"], 19),
    entity("company:runyang", "润扬环境", ["青岛润扬环境科技有限公司"], 29),
    entity("policy:gaoxindai", "高新贷", [], 29),
    entity("person:guo-junxing", "郭俊兴", [], 12),
]
FACTS = [
    fact("xiaoyou.首席执行官", "person:guo-junxing", "郭俊兴是小优智能首席执行官", 12),
    fact(
        "xiaoyou.市场份额",
        "company:xiaoyou",
        "小优智能的产品为行业内超过95%的3D皮肤检测仪厂商提供核心技术方案",
        11,
    ),
    fact("astrazeneca.累计投资额", "company:astrazeneca", "阿斯利康累计投资额达8.86亿美元", 19),
    fact("gaoxindai.利率", "policy:gaoxindai", "“高新贷”利率比普通流动资金贷款低10个百分点", 29),
]


def run(*terms: str) -> list[Hit]:
    return search(terms, entities=ENTITIES, facts=FACTS, blocks=BLOCKS)


def found(hits: list[Hit]) -> list[tuple[str, str]]:
    return [(h.kind, h.id) for h in hits]


def matched_text(hit: Hit) -> list[str]:
    return [hit.text[s:e] for s, e in hit.spans]


# --- ranking ---------------------------------------------------------------------------------


def test_entity_then_facts_then_paragraphs_shorter_first() -> None:
    assert found(run("小优智能")) == [
        ("entity", "company:xiaoyou"),
        ("fact", "xiaoyou.首席执行官"),  # 13 characters before 32
        ("fact", "xiaoyou.市场份额"),
        ("paragraph", "12"),  # 51 characters
        ("paragraph", "13"),  # 52
        ("paragraph", "11"),  # 197
    ]


def test_ranks_count_from_the_best_hit_of_the_search() -> None:
    hits = run("小优智能")
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    page = search(["小优智能"], entities=ENTITIES, facts=FACTS, blocks=BLOCKS, limit=2, offset=3)
    assert page == hits[3:5]
    assert [h.rank for h in page] == [4, 5]
    none = search(["小优智能"], entities=ENTITIES, facts=FACTS, blocks=BLOCKS, offset=99)
    assert none == []


def test_equal_lengths_rank_by_paragraph_then_store_order() -> None:
    blocks = [block(7, "paragraph", "企业甲"), block(3, "paragraph", "企业乙")]
    facts = [
        fact("a.x", "z", "企业丙", 9),
        fact("b.x", "z", "企业丁", 2),
        fact("c.x", "z", "企业戊", 2),
    ]
    hits = search(["企业"], entities=[], facts=facts, blocks=sorted(blocks, key=lambda b: b["n"]))
    assert found(hits) == [
        ("fact", "b.x"),
        ("fact", "c.x"),
        ("fact", "a.x"),
        ("paragraph", "3"),
        ("paragraph", "7"),
    ]


def test_hit_fields() -> None:
    entity_hit, fact_hit, *_, paragraph_hit = run("阿斯利康")
    assert entity_hit == Hit(
        "entity",
        "company:astrazeneca",
        19,
        "qdhtz-2026",
        "阿斯利康 / AstraZeneca",
        [(0, 4)],
        1,
    )
    assert (fact_hit.kind, fact_hit.id, fact_hit.paragraph) == (
        "fact",
        "astrazeneca.累计投资额",
        19,
    )
    assert (paragraph_hit.kind, paragraph_hit.id, paragraph_hit.paragraph) == (
        "paragraph",
        "19",
        19,
    )
    assert paragraph_hit.text.startswith("全球生物医药")


# --- AND -------------------------------------------------------------------------------------


def test_all_terms_must_match() -> None:
    assert found(run("小优智能", "郭俊兴")) == [
        ("fact", "xiaoyou.首席执行官"),
        ("paragraph", "12"),
    ]
    assert run("小优智能", "阿斯利康") == []


def test_spans_cover_every_term() -> None:
    (hit,) = [h for h in run("郭俊兴", "首席执行官") if h.kind == "paragraph"]
    assert matched_text(hit) == ["首席执行官", "郭俊兴"]


def test_terms_match_in_any_field_of_an_entity_but_never_across_fields() -> None:
    assert found(run("阿斯利康", "astrazeneca")) == [("entity", "company:astrazeneca")]
    assert run("阿斯利康/astrazeneca") == []
    assert run("阿斯利康 / AstraZeneca") == []


def test_no_match_is_an_empty_list() -> None:
    assert run("量子计算") == []


# --- normalisation and offsets ---------------------------------------------------------------


def test_full_width_punctuation_finds_ascii_punctuation() -> None:
    hits = run("发展高科技，实现产业化")
    assert found(hits) == [("paragraph", "4")]
    assert matched_text(hits[0]) == ["发展高科技,实现产业化"]


@pytest.mark.parametrize(
    ("term", "original"),
    [
        ("发展高科技, 实现产业化", "发展高科技,实现产业化"),
        ("“发展高科技，实现产业化”", "“发展高科技,实现产业化”"),
        ('"发展高科技,实现产业化"', "“发展高科技,实现产业化”"),
        ("「发展高科技，实现产业化」", "“发展高科技,实现产业化”"),
        ("发展 高科技", "发展高科技"),
    ],
)
def test_punctuation_quotes_and_spaces_do_not_matter(term: str, original: str) -> None:
    (hit,) = run(term)
    assert matched_text(hit) == [original]


def test_full_width_letters_and_case() -> None:
    (hit,) = run("ＭＥＭＳ（微机电系统）")
    assert hit.id == "11"
    assert matched_text(hit) == ["MEMS(微机电系统)"]
    (hit,) = run("astrazeneca")
    assert matched_text(hit) == ["AstraZeneca"]
    assert hit.spans == [(7, 18)]


def test_offsets_survive_length_changes() -> None:
    text = "高新区……发展ｶﾞ“十五五”ﬁnance"
    blocks = [block(1, "paragraph", text)]

    def spans(term: str) -> list[str]:
        (hit,) = search([term], entities=[], facts=[], blocks=blocks)
        return [hit.text[s:e] for s, e in hit.spans]

    assert spans("...发展") == ["…发展"]  # one … is three dots after NFKC
    assert spans("ガ") == ["ｶﾞ"]  # two half-width characters are one after NFKC
    assert spans("finance") == ["ﬁnance"]  # a ligature is two letters
    assert spans("十五五") == ["十五五"]
    assert spans("”fi") == ["”ﬁ"]


def test_every_occurrence_is_reported() -> None:
    (hit,) = [h for h in run("小优智能") if h.id == "11"]
    assert matched_text(hit) == ["小优智能"] * 3
    assert hit.spans == sorted(hit.spans)


# --- usage errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("terms", [[], [""], ["   "], ["\u3000"], ["小优", " "], ["\u200b"]])
def test_empty_terms_are_usage_errors(terms: list[str]) -> None:
    with pytest.raises(UsageError) as info:
        search(terms, entities=ENTITIES, facts=FACTS, blocks=BLOCKS)
    assert info.value.exit_code == ExitCode.USAGE


# --- highlight_segments ----------------------------------------------------------------------


def test_highlight_segments() -> None:
    (hit,) = [h for h in run("高新贷", "利率") if h.kind == "fact"]
    assert highlight_segments(hit.text, hit.spans) == [
        ("“", False),
        ("高新贷", True),
        ("”", False),
        ("利率", True),
        ("比普通流动资金贷款低10个百分点", False),
    ]


def test_highlight_merges_overlapping_terms() -> None:
    (hit,) = [h for h in run("高新", "高新贷") if h.kind == "fact"]
    assert hit.spans == [(1, 3), (1, 4)]
    assert highlight_segments(hit.text, hit.spans)[1] == ("高新贷", True)


def test_highlight_edge_cases() -> None:
    assert highlight_segments("", []) == []
    assert highlight_segments("abc", []) == [("abc", False)]
    assert highlight_segments("abc", [(0, 3)]) == [("abc", True)]
    assert highlight_segments("abc", [(2, 2), (-5, 1), (2, 99)]) == [
        ("a", True),
        ("b", False),
        ("c", True),
    ]
    assert highlight_segments("abcd", [(0, 1), (1, 2)]) == [("ab", True), ("cd", False)]


# --- properties ------------------------------------------------------------------------------

ALPHABET = '青岛高新区小优智能发展高科技,，。“”"「」 \u3000\u200bＡａAa1１…ｶﾞﬁ—-'


@given(st.data(), st.text(alphabet=ALPHABET, min_size=1))
def test_spans_lie_inside_the_text(data: st.DataObject, text: str) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    term = text[i:j]
    if not normalize(term):
        return
    hits = search([term], entities=[], facts=[], blocks=[block(1, "paragraph", text)])
    for hit in hits:
        assert hit.text == text
        assert hit.spans
        assert all(0 <= s < e <= len(text) for s, e in hit.spans)
        assert "".join(seg for seg, _ in highlight_segments(text, hit.spans)) == text
    if normalize(term) in normalize(text):
        assert len(hits) == 1


@given(
    st.text(),
    st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=8),
)
def test_highlight_round_trip(text: str, spans: list[tuple[int, int]]) -> None:
    segments = highlight_segments(text, spans)
    assert "".join(seg for seg, _ in segments) == text
    assert all(seg for seg, _ in segments)
    flags = [flag for _, flag in segments]
    assert all(a != b for a, b in itertools.pairwise(flags))  # merged, alternating
