"""Unit and property tests of ``numbers/quantities.py``: figures as an article writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hightech_cli.numbers.amounts import AmountError
from hightech_cli.numbers.quantities import ParsedQuantity, format_quantity, parse_quantity

Y = 10**8 * 100  # 1亿 in minor units
W = 10**4 * 100  # 1万 in minor units

QUANTITIES = [
    ("1600余家", 1600, "家", "more_than", None, None),
    ("400余家", 400, "家", "more_than", None, None),
    ("200余家次", 200, "家次", "more_than", None, None),
    ("400余", 400, "", "more_than", None, None),
    ("200多家", 200, "家", "more_than", None, None),
    ("1600余万元", 16000000, "元", "more_than", "CNY", 1600 * W),
    ("超2亿元", 200000000, "元", "more_than", "CNY", 2 * Y),
    ("超过95%", 95, "%", "more_than", None, None),
    ("约100万元", 1000000, "元", "about", "CNY", 100 * W),
    ("上百种", 100, "种", "at_least", None, None),
    ("上万人", 10000, "人", "at_least", None, None),
    ("100家以上", 100, "家", "at_least", None, None),
    ("千亿元级", 100000000000, "元", "order_of", "CNY", 1000 * Y),
    ("千万元级", 10000000, "元", "order_of", "CNY", 1000 * W),
    ("2.6亿元", 260000000, "元", "exact", "CNY", 26 * Y // 10),
    ("5亿元", 500000000, "元", "exact", "CNY", 5 * Y),
    ("4.5亿美元", 450000000, "美元", "exact", "USD", 45 * Y // 10),
    ("8.86亿美元", 886000000, "美元", "exact", "USD", 886 * Y // 100),
    ("500万元", 5000000, "元", "exact", "CNY", 500 * W),
    ("88家", 88, "家", "exact", None, None),
    ("4家", 4, "家", "exact", None, None),
    ("21家", 21, "家", "exact", None, None),
    ("80%", 80, "%", "exact", None, None),
    ("60%", 60, "%", "exact", None, None),
    ("8秒钟", 8, "秒钟", "exact", None, None),
    ("180度", 180, "度", "exact", None, None),
    ("15份", 15, "份", "exact", None, None),
    ("1份", 1, "份", "exact", None, None),
    ("5个工作日", 5, "个工作日", "exact", None, None),
    ("1个工作日", 1, "个工作日", "exact", None, None),
    ("8个事项", 8, "个事项", "exact", None, None),
    ("10个百分点", 10, "个百分点", "exact", None, None),
    ("两条", 2, "条", "exact", None, None),
    ("35千伏", 35, "千伏", "exact", None, None),
    ("3次", 3, "次", "exact", None, None),
    ("两家", 2, "家", "exact", None, None),
    ("近30家", 30, "家", "nearly", None, None),
    ("5级", 5, "级", "exact", None, None),  # a grade, not an order of magnitude
    ("2.5%", Decimal("2.5"), "%", "exact", None, None),
    ("0.5元", Decimal("0.5"), "元", "exact", "CNY", 50),
    # A decimal point written in Chinese, and a percentage written out with a qualifier after.
    ("一点八亿元", 180000000, "元", "exact", "CNY", 18 * Y // 10),
    ("十二点五万元", 125000, "元", "exact", "CNY", 125 * W // 10),
    ("一点零五亿元", 105000000, "元", "exact", "CNY", 105 * Y // 100),
    ("约二点五倍", Decimal("2.5"), "倍", "about", None, None),
    ("百分之一点五", Decimal("1.5"), "%", "exact", None, None),
    ("百分之十二以上", 12, "%", "at_least", None, None),
    ("百分之十五左右", 15, "%", "about", None, None),
]


@pytest.mark.parametrize(("text", "number", "unit", "qualifier", "currency", "minor"), QUANTITIES)
def test_parse_quantity(text, number, unit, qualifier, currency, minor):
    got = parse_quantity(text)
    assert got == ParsedQuantity(number, unit, qualifier, currency, minor)
    assert type(got.number) is type(number)  # int when whole, Decimal otherwise, never float


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "家",
        "",
        "超",
        "余家",
        "上家",
        "0.001元",
        "约超100家",
        "近30家左右",
        "5亿元美元",
        "5 家",
        "1点5亿元",  # a Chinese point after Arabic digits: no reading is sure
        "一亿点五元",
    ],
)
def test_parse_quantity_rejects(text):
    with pytest.raises(AmountError, match=r"^invalid quantity "):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("number", "unit", "qualifier", "expected"),
    [
        (1600, "家", "more_than", ">1600家"),
        (100, "种", "at_least", "≥100种"),
        (1000000, "元", "about", "≈100万元"),
        (30, "家", "nearly", "<≈30家"),
        (400, "", "more_than", ">400"),
        (100000000000, "元", "order_of", "1000亿元级"),
        (886000000.0, "美元", "exact", "8.86亿美元"),
        (Decimal("2.5"), "%", "exact", "2.5%"),
        (95.0, "%", "exact", "95%"),
    ],
)
def test_format_quantity(number, unit, qualifier, expected):
    assert format_quantity(number, unit, qualifier) == expected


def test_format_quantity_covers_every_parsed_figure():
    for text, *_ in QUANTITIES:
        q = parse_quantity(text)
        shown = format_quantity(q.number, q.unit, q.qualifier)
        assert shown  # every parsed figure has a reading
    with pytest.raises(ValueError, match="qualifier"):
        format_quantity(1, "家", "roughly")


# The alphabet of test_amounts.py: the grammar's characters, so shrinking finds near-misses.
grammar_text = st.text(
    alphabet="0123456789.,eEkMB 零〇一二两三五九十百千万亿元块美金人民币$¥USDRMB-余多超约近上级%家",
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(text=st.text() | grammar_text)
def test_parse_quantity_raises_only_amount_error(text):
    try:
        parse_quantity(text)
    except AmountError:
        return


@pytest.mark.parametrize(
    ("text", "number", "unit", "qualifier"),
    [
        ("突破2000亿元", 2000_0000_0000, "元", "more_than"),
        ("不到50人", 50, "人", "at_most"),
        ("不足10个月", 10, "个月", "at_most"),
        ("最长3年", 3, "年", "at_most"),
        ("两个半月", Decimal("2.5"), "个月", "exact"),
        ("一年半", Decimal("1.5"), "年", "exact"),
        ("1.5亿欧元", 150_000_000, "欧元", "exact"),
        ("3个月内", 3, "个月", "at_most"),
        ("10年内", 10, "年", "at_most"),
        ("30秒内", 30, "秒", "at_most"),
    ],
)
def test_more_of_the_ways_articles_write_figures(
    text: str, number: object, unit: str, qualifier: str
) -> None:
    q = parse_quantity(text)
    assert (q.number, q.unit, q.qualifier) == (number, unit, qualifier)


def test_within_is_read_after_a_unit_of_time_only_and_once() -> None:
    assert parse_quantity("5家内").qualifier == "exact"  # 家内: no measure of time
    with pytest.raises(AmountError):
        parse_quantity("约3个月内")  # about and within: two qualifiers
