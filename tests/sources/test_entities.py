"""Entities found in running text (``sources/extract/entities.py``), read through ``extract``
on short articles written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hightech_cli.sources.article import read_article
from hightech_cli.sources.extract import extract


def _entities(tmp_path: Path, text: str) -> dict[str, dict[str, Any]]:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    records = extract(read_article(str(path)), source_id="t").records
    return {r["name"]: r for r in records if r["table"] == "entities"}


def test_people_in_a_byline_and_a_photo_credit_pen_names_too(tmp_path: Path) -> None:
    text = (
        "园区新厂开工\n\n▶ 本报记者 曲晓燕 通讯员 麓宣\n\n"
        "3月2日，园区一家企业新厂开工，总投资5亿元。\n\n本报记者 邵明远 摄\n"
    )
    found = _entities(tmp_path, text)
    assert found["曲晓燕"]["role"] == "记者"
    assert found["麓宣"]["role"] == "通讯员"
    assert found["邵明远"]["kind"] == "person"
    assert not any(name.startswith(("本报", "通讯员")) for name in found)


def test_a_byline_in_brackets_opening_the_first_paragraph(tmp_path: Path) -> None:
    """本报讯（记者 … 通讯员 …）: the news item's opening names its writers before the news."""
    text = (
        "园区新厂开工\n\n本报讯（记者 苗一禾 通讯员 冀川）6月2日，园区一家企业新厂开工。\n\n"
        "新华社宁安6月3日电（记者 戚望舒）园区又一个项目投产。\n"
    )
    found = _entities(tmp_path, text)
    assert found["苗一禾"]["role"] == "记者"
    assert found["冀川"]["role"] == "通讯员"
    assert found["戚望舒"]["role"] == "记者"


@pytest.mark.parametrize(
    ("sentence", "wanted", "unwanted"),
    [
        ("新签项目中，既有华擎动力、北辰装备等龙头企业的扩产项目。", "华擎动力", "既有华擎动力"),
        ("从汇川技术等本土企业到博世等外资企业，都在这里布局。", "汇川技术", "汇川技术等本土企业"),
        ("园区正加快建设高端装备产业创新中心，年内投用。", "高端装备产业创新中心",
         "园区正加快建设高端装备产业创新中心"),
    ],
)  # fmt: skip
def test_a_name_never_takes_in_the_words_around_it(
    tmp_path: Path, sentence: str, wanted: str, unwanted: str
) -> None:
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    assert wanted in found
    assert unwanted not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "5月9日，开发区在国际会展中心举行项目集中签约活动，共有12个项目签约。",
        "园区近日召开项目推进会，8个项目现场开工。",
        "新区在科创大厦举办项目路演，吸引40余家机构参加。",
    ],
)
def test_an_event_held_for_projects_is_no_project(tmp_path: Path, sentence: str) -> None:
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    # Neither the event (…举行项目) nor the place it is held (国际会展中心) is a project.
    assert not any(f["kind"] == "project" for f in found.values()), found


def test_a_kind_of_company_is_no_company(tmp_path: Path) -> None:
    found = _entities(tmp_path, "标题\n\n另有1个项目由世界500强企业投资，区党工委统筹推进。\n")
    assert not any("500强" in name or name.endswith("党工委") for name in found)


def test_a_bank_branch_is_one_body(tmp_path: Path) -> None:
    found = _entities(tmp_path, "标题\n\n园区与交通银行苏州分行签署协议，授信50亿元。\n")
    assert found["交通银行苏州分行"]["kind"] == "organisation"
    assert "苏州分行" not in found


def test_bodies_named_by_their_field(tmp_path: Path) -> None:
    text = "标题\n\n区里设立集成电路产业投资基金，并与高校共建光电材料联合实验室。\n"
    found = _entities(tmp_path, text)
    assert "集成电路产业投资基金" in found
    assert "光电材料联合实验室" in found


def test_a_japanese_name_of_four_characters(tmp_path: Path) -> None:
    text = "标题\n\n“我们看好这里的市场。”东光精机总经理佐藤健一说。\n"
    found = _entities(tmp_path, text)
    assert "佐藤健一" in found and "佐藤健" not in found


def test_a_project_built_by_the_verb_before_its_name(tmp_path: Path) -> None:
    """签约建设…产业园, 扩建其…中心, 首个…产业园正式开园: projects, though no 项目 ends them."""
    text = (
        "园区新闻\n\n宁远机械股份有限公司此次签约建设精密液压件产业园，总投资约9亿元。\n\n"
        "星河物流集团宣布追加投资5000万美元，扩建其华东分拨中心。\n\n"
        "6月8日，宁安高新区首个氢能产业园正式开园。\n\n"
        "宁安高新区支持企业建设研发中心。\n"
    )
    found = _entities(tmp_path, text)
    assert found["精密液压件产业园"]["kind"] == "project"
    assert found["精密液压件产业园"]["status"] == "签约"
    assert found["华东分拨中心"]["kind"] == "project"
    assert found["氢能产业园"]["status"] == "开园"
    assert "研发中心" not in found
