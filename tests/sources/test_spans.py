"""Sentences of a paragraph (``sources/extract/spans.py``): the ranges every fact's text and
evidence are cut from."""

from __future__ import annotations

import pytest

from hightech_cli.sources.extract.spans import sentences


def _cut(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


def test_a_quote_opened_by_a_colon_ends_its_sentence() -> None:
    text = "厂长吴川说：“订单排到了明年三月。”目前工厂有工人300名。"
    assert _cut(text) == ["厂长吴川说：“订单排到了明年三月。”", "目前工厂有工人300名。"]


def test_a_speaker_named_after_a_quote_stays_in_its_sentence() -> None:
    text = "“订单排到了明年三月。”吴川说。目前工厂有工人300名。"
    assert _cut(text) == ["“订单排到了明年三月。”吴川说。", "目前工厂有工人300名。"]


@pytest.mark.parametrize(
    "dateline", ["本报讯（记者 程远 通讯员 韩笑）", "新华社电 ", "滨海融媒讯（记者 宁夏）"]
)
def test_a_dateline_without_a_date_is_no_part_of_the_first_sentence(dateline: str) -> None:
    text = f"{dateline}9月3日，园区两个项目开工。总投资9亿元。"
    assert _cut(text) == [dateline, "9月3日，园区两个项目开工。", "总投资9亿元。"]


@pytest.mark.parametrize(
    "text",
    ["本报滨海9月3日讯 园区两个项目开工。", "通讯员报道，园区两个项目开工。", "讯达公司开工。"],
)
def test_a_dateline_that_dates_the_report_or_a_word_ending_in_xun_stays(text: str) -> None:
    assert _cut(text) == [text]


def test_a_half_width_point_after_a_chinese_character_ends_a_sentence() -> None:
    text = "园区建设离不开要素保障.今年以来,园区供应用地2.5万亩.'标准地'出让提速."
    assert _cut(text) == [
        "园区建设离不开要素保障.",
        "今年以来,园区供应用地2.5万亩.",
        "'标准地'出让提速.",
    ]
