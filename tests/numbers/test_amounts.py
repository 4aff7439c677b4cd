"""Unit and property tests of ``numbers/amounts.py``: parsing, display and conversion of money."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hightech_cli.errors import ExitCode, UsageError
from hightech_cli.models import CURRENCIES
from hightech_cli.numbers.amounts import (
    AMOUNT_EXAMPLES,
    MAX_MAJOR,
    AmountError,
    Money,
    convert,
    format_money,
    parse_amount,
)

Y = 10**8 * 100  # 1亿 in minor units
W = 10**4 * 100  # 1万 in minor units


def cny(minor: int) -> Money:
    return Money(minor, "CNY")


def usd(minor: int) -> Money:
    return Money(minor, "USD")


ACCEPTED = [
    ("2亿", cny(2 * Y)),
    ("2.6亿元", cny(26 * Y // 10)),
    ("两亿", cny(2 * Y)),
    ("五千万", cny(5000 * W)),
    ("26000万", cny(26000 * W)),
    ("5000万元", cny(5000 * W)),
    ("1.5万亿", cny(15000 * Y)),
    ("2亿5000万", cny(25 * Y // 10)),
    ("200000000", cny(2 * Y)),
    ("2e8", cny(2 * Y)),
    ("2E8元", cny(2 * Y)),
    ("2,000万", cny(2000 * W)),
    ("2，000万", cny(2000 * W)),
    ("1,234,567.89", cny(123456789)),
    ("1亿美元", usd(Y)),
    ("4.5亿美金", usd(45 * Y // 10)),
    ("USD 100M", usd(Y)),
    ("100M USD", usd(Y)),
    ("usd 100m", usd(Y)),
    ("US$ 2.5bn", usd(25 * Y)),
    ("100 million", cny(Y)),
    ("$1亿", usd(Y)),
    ("3k", cny(300000)),
    ("3K元", cny(300000)),
    ("1.2B", cny(12 * Y)),
    ("RMB 5亿", cny(5 * Y)),
    ("CNY 5亿", cny(5 * Y)),
    ("5亿人民币", cny(5 * Y)),
    ("5亿元人民币", cny(5 * Y)),
    ("人民币5亿元", cny(5 * Y)),
    ("￥5亿", cny(5 * Y)),
    ("¥5亿", cny(5 * Y)),
    ("5块", cny(500)),
    ("十亿", cny(10 * Y)),
    ("一百万", cny(100 * W)),
    ("三千五百万", cny(3500 * W)),
    ("零", cny(0)),
    ("〇", cny(0)),
    ("0元", cny(0)),
    ("  2亿  ", cny(2 * Y)),
    ("２．６亿元", cny(26 * Y // 10)),  # full-width digits and point
    ("ＵＳＤ　１００Ｍ", usd(Y)),  # full-width letters and ideographic space
    ("壹亿贰仟万", cny(12 * Y // 10)),
    ("十五", cny(1500)),
    ("二十万", cny(20 * W)),
    ("一千零五十", cny(105000)),
    ("一万零五", cny(1000500)),
    ("两千五", cny(250000)),  # spoken: 2500
    ("一万五", cny(15 * W // 10)),  # spoken: 15000
    ("2亿5", cny(25 * Y // 10)),  # spoken: 2.5亿
    ("1万2345", cny(1234500)),
    ("两亿五千万", cny(25 * Y // 10)),
    ("2亿5千万", cny(25 * Y // 10)),
    ("3千万", cny(3000 * W)),
    ("1.5千万", cny(1500 * W)),
    ("千亿", cny(1000 * Y)),
    ("一亿零五百万", cny(Y + 500 * W)),
    ("1万亿零5000万", cny(10000 * Y + 5000 * W)),
    ("0.5元", cny(50)),
    ("0.005元", cny(0)),  # half-even to the fen: 0.5 fen -> 0
    ("0.015元", cny(2)),  # 1.5 fen -> 2
    ("1e-3", cny(0)),
    ("1000000万亿", cny(MAX_MAJOR * 100)),
    # Above 1万亿, 亿 takes a coefficient with 万 in it (forms as cn2an.an2cn writes them).
    ("三万六千九百二十七亿六千四百四十四万八千二百七十八", cny(3692764448278 * 100)),
    ("十四万零七百三十亿七千一百四十九万四千九百九十五", cny(14073071494995 * 100)),
    ("叁万陆仟玖佰贰拾柒亿", cny(36927 * Y)),
    ("5万656亿", cny(50656 * Y)),
]

REJECTED = [
    "abc",
    "-5亿",
    "－5亿",
    "负5亿",
    "亿",
    "万",
    "万亿",
    "2亿亿",
    "2万万",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "",
    "   ",
    "\u3000",
    "2..5亿",
    "2.5.亿",
    "1e400",
    "1e9999",
    "1000001万亿",
    "5亿美元元",
    "5亿元元",
    "$5亿元",
    "USD 5亿人民币",
    "RMB 5亿美元",
    "2亿26000万",
    "1万234",
    "2 3",
    "元",
    "USD",
    "一万零",
    "零零",
    "五零",
    "三千零万",
    "2亿0.5万",
    "2.5亿3千万",
    "3百5千",
    "二〇二五",
    "2,00万",
    "2万k",
    "1,5",
    "5亿元 5亿元",
    "15百",  # 十/百/千 take one digit
    "2130千",
    "0万",  # no unit takes 0
    "7百0千",
    "一百零8十",  # 零 stands for a skipped place, and 十 is the next one
    "3万15千亿",
    "1亿2万亿",
    "x" * 1000,
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_parse_amount_accepts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", REJECTED)
def test_parse_amount_rejects(text):
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("invalid amount ")
    assert AMOUNT_EXAMPLES in message
    assert repr(text[:40]) in message or text[:40] in message


def test_amount_error_is_a_usage_error():
    with pytest.raises(UsageError) as info:
        parse_amount("abc")
    assert info.value.exit_code == ExitCode.USAGE
    assert str(info.value).startswith("invalid amount 'abc': ")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5亿", "negative"),
        ("2亿亿", "smaller"),
        ("5亿美元元", "currency"),
        ("$5亿元", "mixed currencies"),
        ("1e400", "too large"),
        ("1万234", "ambiguous"),
    ],
)
def test_rejection_says_why(text, reason):
    with pytest.raises(AmountError, match=reason):
        parse_amount(text)


FORMATTED = [
    (26 * Y // 10, "CNY", "2.6亿元"),
    (500 * W, "CNY", "500万元"),
    (45 * Y // 10, "USD", "4.5亿美元"),
    (886 * Y // 100, "USD", "8.86亿美元"),
    (15000 * Y, "CNY", "1.5万亿元"),
    (1234500, "CNY", "12345元"),
    (50, "CNY", "0.5元"),
    (1, "USD", "0.01美元"),
    (0, "CNY", "0元"),
    (31905 * Y // 1000, "CNY", "31.905亿元"),
    (Y + 1, "CNY", "100000000.01元"),
    (123456789 * 100, "CNY", "123456789元"),
    (12345 * W, "CNY", "1.2345亿元"),
    (MAX_MAJOR * 100, "CNY", "1000000万亿元"),
    (-26 * Y // 10, "CNY", "-2.6亿元"),
]


@pytest.mark.parametrize(("minor", "currency", "expected"), FORMATTED)
def test_format_money(minor, currency, expected):
    assert format_money(minor, currency) == expected


def test_money_str():
    assert str(parse_amount("4.5亿美金")) == "4.5亿美元"


def test_format_money_unknown_currency():
    with pytest.raises(AmountError, match="CHF"):
        format_money(100, "CHF")


@pytest.mark.parametrize(
    ("text", "minor", "currency", "written"),
    [
        ("3000万港元", 3000_0000_00, "HKD", "3000万港元"),
        ("200万港币", 200_0000_00, "HKD", "200万港元"),
        ("1.5亿日元", 1_5000_0000_00, "JPY", "1.5亿日元"),
        ("50万英镑", 50_0000_00, "GBP", "50万英镑"),
        ("HK$ 8000万", 8000_0000_00, "HKD", "8000万港元"),
    ],
)
def test_other_currencies_are_read_and_never_converted(
    text: str, minor: int, currency: str, written: str
) -> None:
    assert parse_amount(text) == Money(minor, currency)
    assert format_money(minor, currency) == written
    with pytest.raises(AmountError, match=currency):
        convert(100, currency, "CNY", Decimal("7.1"))  # hz records no rate for it


def test_euros_are_read_and_written_as_the_articles_write_them():
    assert parse_amount("1.2亿欧元") == Money(120_000_000_00, "EUR")
    assert parse_amount("EUR 5000万") == Money(50_000_000_00, "EUR")
    assert format_money(150_000_000_00, "EUR") == "1.5亿欧元"
    with pytest.raises(AmountError, match="EUR"):
        convert(100, "EUR", "CNY", Decimal("7.1"))  # hz records no euro rate


def test_convert_usd_to_cny_exact():
    minor = parse_amount("4.5亿美元").minor
    fen = convert(minor, "USD", "CNY", Decimal("7.09"))
    assert fen == parse_amount("31.905亿元").minor == 31905 * Y // 1000
    assert format_money(fen, "CNY") == "31.905亿元"


@pytest.mark.parametrize(
    ("minor", "src", "dst", "rate", "expected"),
    [
        (100, "USD", "USD", Decimal("7.09"), 100),
        (709, "CNY", "USD", Decimal("7.09"), 100),
        (1, "USD", "CNY", Decimal("0.5"), 0),  # 0.5 -> 0 (half to even)
        (3, "USD", "CNY", Decimal("0.5"), 2),  # 1.5 -> 2
        (5, "USD", "CNY", Decimal("0.5"), 2),  # 2.5 -> 2
        (100, "CNY", "USD", Decimal("7.09"), 14),  # 14.10... -> 14
        (1, "CNY", "USD", Decimal("0.4"), 2),  # 2.5 -> 2
    ],
)
def test_convert_rounds_half_even(minor, src, dst, rate, expected):
    assert convert(minor, src, dst, rate) == expected


@pytest.mark.parametrize(
    ("src", "dst", "rate"),
    [("EUR", "CNY", Decimal(7)), ("USD", "CNY", Decimal(0)), ("USD", "CNY", Decimal("NaN"))],
)
def test_convert_rejects(src, dst, rate):
    with pytest.raises(AmountError):
        convert(100, src, dst, rate)


# Property tests: amounts up to the cap, both currencies; "round" amounts exercise 万/亿/万亿.
minors = st.integers(0, MAX_MAJOR * 100)
round_minors = st.builds(lambda a, e: a * 10**e, st.integers(0, 99999), st.integers(0, 15))
currencies = st.sampled_from(CURRENCIES)
grammar_text = st.text(
    alphabet="0123456789.,eEkMB 零〇一二两三五九十百千万亿元块美金人民币$¥USDRMB-余多超约近上级%家",
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(minor=minors | round_minors, currency=currencies)
def test_format_then_parse_round_trips(minor, currency):
    assert parse_amount(format_money(minor, currency)) == Money(minor, currency)


@settings(max_examples=300, deadline=None)
@given(text=st.text() | grammar_text)
def test_parse_amount_raises_only_amount_error(text):
    try:
        money = parse_amount(text)
    except AmountError:
        return
    assert money.currency in CURRENCIES
    assert 0 <= money.minor <= MAX_MAJOR * 100


@settings(max_examples=200, deadline=None)
@given(yi=st.integers(1, 10**9), wan=st.integers(1, 9999), fen=st.integers(0, 99))
def test_arabic_with_units_is_integer_arithmetic(yi, wan, fen):
    assert parse_amount(f"{yi}亿{wan}万").minor == (yi * 10**8 + wan * 10**4) * 100
    assert parse_amount(f"{yi}亿").minor == yi * Y
    assert parse_amount(f"{wan}万").minor == wan * W
    assert parse_amount(f"{wan}万亿").minor == wan * 10**12 * 100
    assert parse_amount(f"{wan}.{fen:02d}亿").minor == (wan * 100 + fen) * 10**6 * 100


def test_long_hostile_input_fails_fast():
    start = time.perf_counter()
    for text in ("1" * 100_000, "1," * 50_000, "零" * 100_000, "1万" * 50_000 + "x"):
        with pytest.raises(AmountError):
            parse_amount(text)
    assert time.perf_counter() - start < 1


@pytest.mark.slow
def test_import_stays_light():
    src = Path(__file__).resolve().parents[2] / "src"
    code = (
        "import sys, hightech_cli.numbers.numerals, hightech_cli.numbers.amounts;"
        "import hightech_cli.numbers.quantities;"
        "print(' '.join(m for m in ('cn2an', 'typer', 'rich', 'tinydb') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == ""
