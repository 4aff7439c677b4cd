"""Figures as the article writes them: ``1600余家``, ``超2亿元``, ``千亿元级``, ``35千伏``.

``parse_quantity`` reads such a figure into a ``ParsedQuantity``: number, unit, qualifier and,
for money, currency and minor units; ``format_quantity`` writes a short human reading of one back
(``>1600家``, ``≈100万元``, ``1000亿元级``). The number is read by the numeral grammar in
``numerals``, which stops at the first character that is no numeral: the rest is the unit. Units
that begin with a numeral character (千伏, 千瓦, 百分点, ...) are stopped at by name.

Qualifiers come before the number (超, 超过, 多于, 逾, 不少于, 不低于, 至少, 约, 大约, 近, 将近,
接近, 不超过, 不高于, 最高, 最多, 至多, and 上 before a bare unit numeral as in 上百), right after
it (余/多, which may carry a large unit: 20余万元) or at the end (以上, 左右, 以内, 以下, and 级
after a power of ten of 100 or more: 千亿元级, not 5级); a figure has at most one. A percentage
may be written out: 百分之三十 is 30%.

All arithmetic is exact (``Decimal`` with ample precision, integers for money); no float ever
holds a value. ``parse_quantity`` rejects money that is not a whole number of fen/cents, because
the store keeps figures exactly (``amounts.parse_amount``, reading a user's bound, rounds
instead), and, like it, rejects values above 10^18 and input longer than 64 characters after NFKC
normalisation; every rejection is an ``amounts.AmountError``. This module imports only the
standard library and is cheap to import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, DecimalException, localcontext
from typing import Final

from hightech_cli.models import QUALIFIERS, Qualifier
from hightech_cli.numbers.amounts import CURRENCY_UNIT, format_money, rejection
from hightech_cli.numbers.numerals import (
    BIG_UNITS,
    EXACT,
    Invalid,
    check_size,
    evaluate,
    prepare,
    read_tokens,
)

__all__ = [
    "QUANTITY_EXAMPLES",
    "ParsedQuantity",
    "format_quantity",
    "numeral_end",
    "parse_quantity",
]

QUANTITY_EXAMPLES: Final = "1600余家, 超2亿元, 约100万元, 上百种, 35千伏"

# Units that begin with a numeral character, and the qualifier words.
_UNIT_WORDS: Final = ("千伏", "千瓦", "千米", "千克", "千卡", "千字", "百分点")
_QUALIFIER_PREFIXES: Final[tuple[tuple[str, Qualifier], ...]] = (
    ("达到或超过", "at_least"),  # 达到或超过30%: that much or more
    ("达到或高于", "at_least"),
    ("等于或超过", "at_least"),
    ("不超过", "at_most"),
    ("不高于", "at_most"),
    ("最高", "at_most"),
    ("最多", "at_most"),
    ("至多", "at_most"),
    ("超过", "more_than"),
    ("多于", "more_than"),
    ("超", "more_than"),
    ("逾", "more_than"),
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("至少", "at_least"),
    ("突破", "more_than"),
    ("不到", "at_most"),
    ("不足", "at_most"),
    ("未超过", "at_most"),
    ("最长", "at_most"),
    ("大约", "about"),
    ("约", "about"),
    ("将近", "nearly"),
    ("接近", "nearly"),
    ("近", "nearly"),
    ("上", "at_least"),  # 上百, 上千, 上万: only before a bare unit numeral
)
# A unit and a half: 两个半月 is 2.5个月, 一年半 1.5年.
HALF_UNITS: Final = {
    "个半月": "个月",
    "个半小时": "个小时",
    "个半工作日": "个工作日",
    "年半": "年",
    "天半": "天",
    "周半": "周",
    "倍半": "倍",  # 增长了一倍半: one and a half times
}
# The words, for a reader that must find figures in running text before reading them.
QUALIFIER_WORDS: Final = tuple(sorted((w for w, _ in _QUALIFIER_PREFIXES), key=len, reverse=True))
_QUALIFIER_SUFFIXES: Final[tuple[tuple[str, Qualifier], ...]] = (
    ("及以上", "at_least"),  # 500公斤及以上: that much or more
    ("以上", "at_least"),
    ("以内", "at_most"),
    ("及以下", "at_most"),
    ("以下", "at_most"),
    ("左右", "about"),
    ("级", "order_of"),  # only after a power of ten of 100 or more: 千亿元级, not 5级
)
# Units of time after which 内 means "within" (3个月内 is at most three months; 园区内 a place).
_WITHIN_UNITS: Final = frozenset(
    ("年", "天", "日", "周", "个月", "个工作日", "工作日", "小时", "个小时", "分钟", "秒", "秒钟")
)
_MONEY_UNITS: Final = {
    "元": "CNY",
    "块": "CNY",
    "人民币": "CNY",
    "元人民币": "CNY",
    "美元": "USD",
    "美金": "USD",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
    "日元": "JPY",
    "英镑": "GBP",
}
MONEY_UNITS: Final = tuple(sorted(_MONEY_UNITS, key=len, reverse=True))
_SYMBOLS: Final[dict[str, str]] = {
    "exact": "",
    "at_most": "≤",
    "more_than": ">",
    "at_least": "≥",
    "about": "≈",
    "nearly": "<≈",
    "order_of": "",  # written as the article does, with 级 after the figure
}


@dataclass(frozen=True, slots=True)
class ParsedQuantity:
    """A figure as the article writes it, read.

    ``number`` is an ``int`` when the value is whole and a ``Decimal`` otherwise (never a
    float); for money it is the amount in the major unit (元, 美元), ``unit`` is "元" or
    "美元", and ``currency`` and ``minor`` (exact fen/cents) are set. Otherwise both are None.
    """

    number: int | Decimal
    unit: str
    qualifier: Qualifier
    currency: str | None = None
    minor: int | None = None


def _whole_or_decimal(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value.normalize()


def _show(value: Decimal) -> str:
    number = _whole_or_decimal(value)
    return str(number) if isinstance(number, int) else format(number, "f")


def _take_prefix(text: str) -> tuple[Qualifier | None, str]:
    for word, qualifier in _QUALIFIER_PREFIXES:
        if text.startswith(word):
            rest = text[len(word) :]
            if word == "上" and rest[:1] not in ("十", "百", "千", "万", "亿"):
                break
            return qualifier, rest
    return None, text


def _read_quantity(text: str) -> ParsedQuantity:
    qualifier, rest = _take_prefix(text)
    if rest.startswith("百分之"):  # 百分之三十: a percentage written out
        written = rest[3:]
        end = read_tokens(written, 0, _UNIT_WORDS)[1]  # 百分之十二以上: the sign before 以上
        parsed = _read_quantity(written[:end] + "%" + written[end:])
        if parsed.unit != "%" or (qualifier and parsed.qualifier != "exact"):
            raise Invalid(f"unexpected {rest!r}")
        return ParsedQuantity(parsed.number, "%", qualifier or parsed.qualifier)
    tokens, pos = read_tokens(rest, 0, _UNIT_WORDS)
    value = evaluate(tokens, bare_big=text.startswith("上"))
    unit = rest[pos:]
    # 十几个, 二十几家: some more than a round ten; 六倍多, 4个多月: more than, after the unit.
    tens = unit[:1] == "几" and value >= 10 and value % 10 == 0
    after = re.fullmatch(r"(倍|个)多(月|小时|工作日|星期)?", unit)
    if after and (after.group(1) == "倍") != bool(after.group(2)):
        if qualifier is not None:
            raise Invalid("two qualifiers")
        qualifier, unit = "more_than", after.group(1) + (after.group(2) or "")
    if unit[:1] in ("余", "多") or tens:  # 1600余家, 200多家, 20余万元
        if qualifier is not None:
            raise Invalid("two qualifiers")
        qualifier, unit = "more_than", unit[1:]
        for name, scale in BIG_UNITS.items():
            if unit.startswith(name):
                value, unit = value * scale, unit[len(name) :]
                break
    for word, suffix_qualifier in _QUALIFIER_SUFFIXES:
        if unit.endswith(word):
            if word == "级" and not (value >= 100 and str(value.normalize()).startswith("1E")):
                continue
            if qualifier is not None:
                raise Invalid("two qualifiers")
            qualifier, unit = suffix_qualifier, unit[: -len(word)]
    if unit.endswith("内") and unit[:-1] in _WITHIN_UNITS:  # 3个月内, 10年内: within
        if qualifier is not None:
            raise Invalid("two qualifiers")
        qualifier, unit = "at_most", unit[:-1]
    if unit in HALF_UNITS:  # 两个半月, 一年半: and a half of the unit
        value, unit = value + Decimal("0.5"), HALF_UNITS[unit]
    check_size(value)
    if any(c.isspace() or c in "0123456789.," for c in unit) or len(unit) > 10:
        raise Invalid(f"unexpected unit {unit!r}")
    currency = _MONEY_UNITS.get(unit)
    if currency is None:
        if "元" in unit or "美金" in unit:
            raise Invalid(f"unknown money unit {unit!r}")
        return ParsedQuantity(_whole_or_decimal(value), unit, qualifier or "exact")
    minor = value * 100
    if minor != minor.to_integral_value():
        raise Invalid("not a whole number of fen/cents")
    number = _whole_or_decimal(value)
    return ParsedQuantity(
        number, CURRENCY_UNIT[currency], qualifier or "exact", currency, int(minor)
    )


def numeral_end(text: str, pos: int) -> int:
    """Where the numeral that starts at ``pos`` ends (``pos`` itself if none starts there).

    The numeral grammar's own reading of running text: it stops at the first character that is
    no numeral, and before a unit that begins with one (千伏, 百分点), so a figure in an article
    is cut where :func:`parse_quantity` would read it.
    """
    return read_tokens(text, pos, _UNIT_WORDS)[1]


def parse_quantity(text: str) -> ParsedQuantity:
    """Read a figure as the article writes it: ``1600余家``, ``超2亿元``, ``千亿元级``, ``35千伏``.

    Qualifiers: 超/超过/逾 and 余/多 after the number mean more_than, 上 (上百) and 以上 at_least,
    约/左右 about, 近/将近 nearly, 级 after a power of ten order_of. Raises AmountError.
    """
    try:
        with localcontext(EXACT):
            return _read_quantity(prepare(text))
    except (Invalid, DecimalException) as exc:
        raise rejection("quantity", text, str(exc) or "not a number", QUANTITY_EXAMPLES) from None


def _plain(number: int | float | Decimal) -> Decimal:
    if isinstance(number, float):
        number = Decimal(repr(number))  # the shortest repr is the value the store wrote
    value = Decimal(number)
    if not value.is_finite():
        raise ValueError(f"not a finite number: {number!r}")
    return value


def format_quantity(number: int | float | Decimal, unit: str, qualifier: str) -> str:
    """A short human reading of a figure: ``>1600家``, ``≥100种``, ``≈100万元``, ``<≈30家``.

    Prefixes: more_than ``>``, at_least ``≥``, about ``≈``, nearly ``<≈``, exact nothing;
    order_of keeps the article's ``级`` after the figure (``1000亿元级``). Money (unit 元 or
    美元, number in the major unit) is written as ``format_money`` does. Raises ValueError for an
    unknown qualifier or a non-finite number: those come from a broken store, not a user.
    """
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    with localcontext(EXACT):
        value = _plain(number)
        currency = {unit: code for code, unit in CURRENCY_UNIT.items()}.get(unit)
        minor = value * 100
        if currency is not None and minor == minor.to_integral_value():
            body = format_money(int(minor), currency)
        else:
            body = f"{_show(value)}{unit}"
    suffix = "级" if qualifier == "order_of" else ""
    return f"{_SYMBOLS[qualifier]}{body}{suffix}"
