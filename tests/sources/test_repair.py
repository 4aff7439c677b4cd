"""The repair step: layout breaks mended, blocks typed and numbered, original untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers import extracted
from hightech_cli.sources.repair import repair

ORIGINAL = Path(__file__).resolve().parents[2] / "data" / "source" / "qingdao-hitech-zone-2026.txt"


def test_original_is_the_shared_article_unchanged(original_text: str, store_data: dict) -> None:
    meta = next(iter(store_data["meta"].values()))
    digest = hashlib.sha256(ORIGINAL.read_bytes()).hexdigest()
    assert meta["sources"][0]["sha256"] == digest
    # The two page-layout breaks are still there in the original.
    assert "标本痕\n\n量病毒" in original_text
    assert "青岛高新\n\n区建立" in original_text


def test_words_split_by_the_layout_are_joined(original_text: str) -> None:
    texts = [b.text for b in repair(original_text)]
    joined = "\n".join(texts)
    assert "临床标本痕量病毒富集技术" in joined
    assert "在精准服务方面,青岛高新区建立企业需求" in joined
    assert "体外诊断企业数量占到青岛市总量的80%。" in joined
    # Nothing half-cut survives as its own block.
    assert "量病毒富集技术" not in [t[:7] for t in texts]
    assert not any(t.endswith("体外诊断企业") for t in texts)


def test_captions_interrupting_a_paragraph_follow_it(original_text: str) -> None:
    blocks = repair(original_text)
    idx = next(i for i, b in enumerate(blocks) if "体外诊断企业数量" in b.text)
    assert [b.kind for b in blocks[idx + 1 : idx + 3]] == ["caption", "caption"]
    assert [b.text for b in blocks[idx + 1 : idx + 3]] == [
        "青岛高新区政务服务中心",
        "阿斯利康吸入气雾剂生产基地",
    ]
    assert blocks[idx].lines == [45, 55]
    assert blocks[idx].repair and "captions" in blocks[idx].repair


def test_block_kinds(original_text: str) -> None:
    blocks = repair(original_text)
    kinds = {b.kind: [x.text for x in blocks if x.kind == b.kind] for b in blocks}
    assert kinds["title"] == ["新质赋能 高新先行"]
    assert kinds["subtitle"] == ["青岛高新区以创新之笔擘画高质量发展宏卷"]
    assert kinds["byline"] == ["本报特约通讯员 李青健 肖玲玲"]
    assert kinds["heading"] == [
        "激活创新引擎 筑牢新质生产力核心支撑",
        "推动产业升级 打造特色主导产业集群",
        "优化营商环境 培育高质量发展沃土",
    ]
    assert kinds["credit"] == ["青岛高新区供图"]
    assert kinds["caption"] == [
        "青岛高新区政务服务中心",
        "阿斯利康吸入气雾剂生产基地",
        "创新发展中的青岛高新区",
    ]


def test_numbering_is_contiguous_and_no_text_is_lost(original_text: str) -> None:
    blocks = repair(original_text)
    assert [b.n for b in blocks] == list(range(1, len(blocks) + 1))
    every_char = "".join(b.text for b in blocks)
    for line in original_text.splitlines():
        content = line.strip().lstrip("#▶").strip()
        assert content in every_char
    # Every original non-blank line is used exactly once.
    used = sorted(n for b in blocks for n in b.lines)
    nonblank = [i for i, ln in enumerate(original_text.splitlines(), 1) if ln.strip()]
    assert used == nonblank


def test_only_broken_paragraphs_are_marked_repaired(original_text: str) -> None:
    repaired = [b.lines for b in repair(original_text) if b.repair]
    assert repaired == [[21, 23], [45, 55], [65, 67]]


def test_repair_of_synthetic_breaks() -> None:
    text = "## 标题\n\n## 副标题\n\n第一段,没有\n\n图片说明\n\n结束。\n\n### 小标题\n\n第二段。\n"
    blocks = repair(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "标题"),
        ("subtitle", "副标题"),
        ("paragraph", "第一段,没有结束。"),
        ("caption", "图片说明"),
        ("heading", "小标题"),
        ("paragraph", "第二段。"),
    ]


def test_a_date_line_naming_the_source_is_a_byline() -> None:
    """2025年8月20日　来源：某某日报 under a title is the article's date and source, not a
    subtitle; a paragraph that begins with a date stays a paragraph."""
    text = (
        "园区新政\n\n2026年3月2日 08:30　来源：滨海日报\n\n"
        "2026年3月1日，园区发布新政，支持企业研发。\n"
    )
    kinds = [(b.kind, b.text) for b in repair(text)]
    assert kinds == [
        ("title", "园区新政"),
        ("byline", "2026年3月2日 08:30　来源：滨海日报"),
        ("paragraph", "2026年3月1日，园区发布新政，支持企业研发。"),
    ]


@pytest.mark.parametrize("line", ["宁安高新区管委会  2025-11-12", "滨海日报　2026年3月2日 08:30"])
def test_a_line_naming_who_issued_it_and_when_is_a_byline(line: str) -> None:
    """宁安高新区管委会　2025-11-12 under a title says who issued the article and when."""
    kinds = [(b.kind, b.text) for b in repair(f"园区通报\n\n{line}\n\n全区经济运行平稳。\n")]
    assert kinds[1] == ("byline", line)


def test_a_subtitle_with_commas_right_under_the_title() -> None:
    """计划总投资126.3亿元，涵盖…等领域 under the title, a blank line after it: a subtitle, not
    the start of a paragraph the layout cut; a line with the next right under it is one."""
    blocks = repair(
        "南宁高新区10个重大项目集中开工\n计划总投资126.3亿元，涵盖半导体等领域\n\n"
        "南宁日报讯（记者 覃晓薇）4月7日，项目集中开工。\n"
    )
    assert [b.kind for b in blocks] == ["title", "subtitle", "paragraph"]
    cut = repair("园区新闻\n记者从园区获悉，今年\n园区新增企业30家。\n")
    assert [b.kind for b in cut] == ["title", "paragraph"]
    assert cut[1].text == "记者从园区获悉，今年园区新增企业30家。"


@pytest.mark.parametrize("point", [".", "．"])
def test_a_number_cut_at_its_decimal_point_by_the_layout_is_joined(point: str) -> None:
    # The point read as a sentence's end: 利润为3. and 5亿元。 were two paragraphs, and the
    # figure was 5亿元.
    text = (
        "高新区企业今年发展势头良好，据统计，全年营收为1000万元，同比增长12%，利润为3"
        f"{point}\n5亿元，创历史新高。\n"
    )
    blocks = repair(text)
    assert [b.text for b in blocks] == [text.replace("\n", "", 1).rstrip("\n")]
    assert blocks[0].lines == [1, 2]


def test_a_sentence_ending_with_a_point_before_a_dated_paragraph_is_not_joined() -> None:
    # A year after the break begins a sentence; no word but a digit before the point ends one.
    for first in ("企业总数达到1000.", "全年营收创新高，达到历史最好水平."):
        text = f"高新区企业今年发展势头良好，{first}\n2025年，高新区新增企业100家。\n"
        assert len(repair(text)) == 2, first


@pytest.mark.parametrize(
    "caption",
    [
        "9月3日，园区新厂房封顶现场。 记者 苗一禾 摄",
        "▲9月3日,园区一批项目集中开工现场。本报记者 冀川 摄",
    ],
)
def test_a_caption_with_its_credit_on_one_line_joins_no_paragraph(caption: str) -> None:
    """A long caption ending with its photographer's credit is a credit, however long: the
    paragraph after it begins its own block, not the caption's last words."""
    text = f"园区新闻\n\n园区今年新开工项目12个。\n\n{caption}\n\n数字类项目有3个，总投资5亿元。\n"
    blocks = repair(text)
    assert [b.kind for b in blocks if b.text == caption] == ["credit"]
    assert any(b.text == "数字类项目有3个，总投资5亿元。" for b in blocks)


def test_a_sentence_ending_with_a_verb_of_shooting_is_still_cut_by_the_layout() -> None:
    cut = "园区花海今年首次向市民开放，首日迎来游客两万余人次。游客纷纷驻足拍摄"
    text = f"园区新闻\n\n{cut}\n\n留下美好瞬间。\n"
    assert f"{cut}留下美好瞬间。" in [b.text for b in repair(text)]


def test_a_bulleted_item_that_says_something_is_a_paragraph(tmp_path: Path) -> None:
    """●某公司上半年实现营业收入152亿元左右，同比增长11%；: an item of a list, read for its
    figures as a paragraph; a short bulleted line with no sentence in it stays a heading."""
    text = (
        "园区半年报\n\n2026年7月15日\n\n●龙头企业带动明显\n\n"
        "●宁安恒岳重型机械股份有限公司上半年实现营业收入152亿元左右，同比增长11%；\n"
        "●3月18日，总投资36亿元的恒岳重机智能制造产业园项目开工。\n"
    )
    records = extracted(tmp_path, text).records
    kinds = [(r["kind"], r["text"][:3]) for r in records if r["table"] == "blocks"]
    assert ("heading", "龙头企") in kinds
    figures = {r["value"]["text"] for r in records if r["table"] == "facts" and "value" in r}
    assert {"152亿元左右", "11%", "36亿元"} <= figures
