"""Money and quantities the way Chinese text writes them.

Two readers share one numeral grammar:

* ``parse_amount`` reads what a user types as a bound (``--min-invest 2亿``) into ``Money``: an
  exact integer of fen or cents and the currency (CNY unless the text says otherwise).
* ``parse_quantity`` reads a figure as the article writes it (``1600余家``, ``超2亿元``,
  ``千亿元级``) into number, unit, qualifier and, for money, currency and minor units.

Numbers are Arabic (``2.6``, ``2,000``, ``2e8``) or Chinese (零〇一二两三…九十百千 and the
financial forms 壹贰叁…拾佰仟), with the large units 万 (10^4), 亿 (10^8) and 万亿 (10^12), mixed
as Chinese writes them: ``2亿5000万``, ``三千五百万``, ``1.5万亿``. Rules that keep one reading:

- units get smaller from left to right, so ``2亿亿`` and ``2亿26000万`` are rejected;
- only the leading number may have a decimal point (``2.6亿``, never ``2亿0.5万``);
- a single digit right after a unit is read the spoken way, as the next place down
  (两千五 = 2500, 一万五 = 15000, 2亿5 = 2.5亿); a longer trailing number must fill its places
  exactly (``1万2345``) or follow 零 (``1万零5``), anything else is ambiguous and rejected;
- 十, 百, 千 take one digit (5千万, 1.5千万; not 15百) and may open a number without one (十亿,
  千亿); 万 and 亿 need a number before them (亿 alone is no amount), and no unit takes 0.

All arithmetic is exact (``Decimal`` with ample precision, integers for money); no float ever
holds a value. ``parse_amount`` rounds half-even to the minor unit (a user's bound of
``0.005元`` is 0 fen), while ``parse_quantity`` rejects money that is not a whole number of
fen/cents, because the store keeps figures exactly. Amounts above 10^18 major units are
rejected, as is any input longer than 64 characters after NFKC normalisation.

The Chinese-numeral library cn2an was measured and not used (``bench/cn2an_import.py``): it costs
about 80 ms to import, knows no currencies or qualifiers and reads ``负5亿`` as 5亿; the grammar
here is small. This module imports only the standard library and is cheap to import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DecimalException,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Final

from hightech_cli.errors import UsageError
from hightech_cli.models import CURRENCIES, QUALIFIERS, Qualifier

__all__ = [
    "AmountError",
    "Money",
    "ParsedQuantity",
    "convert",
    "format_money",
    "format_quantity",
    "parse_amount",
    "parse_quantity",
]

AMOUNT_EXAMPLES: Final = "2亿, 2.6亿元, 五千万, 4.5亿美元, USD 100M"
QUANTITY_EXAMPLES: Final = "1600余家, 超2亿元, 约100万元, 上百种, 35千伏"
MAX_MAJOR: Final = 10**18  # the largest amount accepted, in yuan or dollars
MAX_LEN: Final = 64  # longer input is no amount anyone types; the cap also bounds the work done

# Exact arithmetic: inputs are at most MAX_LEN digits, so 400 digits never round.
_EXACT: Final = Context(prec=400, traps=[InvalidOperation, Inexact, Overflow])

_DIGITS: Final = {
    **dict.fromkeys("零〇", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二两兩贰貳", 2),
    **dict.fromkeys("三叁參", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆陸", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
_SMALL_UNITS: Final = {
    **dict.fromkeys("十拾", 10),
    **dict.fromkeys("百佰", 100),
    "千": 1000,
    "仟": 1000,
}
_BIG_UNITS: Final = {
    "万亿": 10**12,
    "萬億": 10**12,
    "万": 10**4,
    "萬": 10**4,
    "亿": 10**8,
    "億": 10**8,
}

# Patterns are compiled on first use (re caches them), which keeps the import cheap.
_ARABIC: Final = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_SCIENTIFIC: Final = r"[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]{1,3}"
_ENGLISH: Final = rf"({_ARABIC}) ?(k|thousand|m|mn|million|b|bn|billion)"
_ENGLISH_SCALE: Final = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "million": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
}

# Currency markers, compared upper-cased; suffixes that end another suffix come first.
_PREFIXES: Final = (
    ("US$", "USD"),
    ("USD", "USD"),
    ("$", "USD"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("人民币", "CNY"),
    ("¥", "CNY"),  # NFKC turns the full-width ￥ into ¥
)
_SUFFIXES: Final = (
    ("元人民币", "CNY"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("块钱", "CNY"),
    ("元", "CNY"),
    ("块", "CNY"),
    ("USD", "USD"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
)
_CURRENCY_UNIT: Final = {"CNY": "元", "USD": "美元"}
# Display units for format_money: (minor units per display unit, at most this many decimals).
# 亿 and 万亿 go down to the next unit (31.905亿), 万 to hundreds of yuan so 12345元 stays as is.
_DISPLAY_UNITS: Final = ((10**14, "万亿", 4), (10**10, "亿", 4), (10**6, "万", 2))

# parse_quantity: units that begin with a numeral character, and the qualifier words.
_UNIT_WORDS: Final = ("千伏", "千瓦", "千米", "千克", "千卡", "千字", "百分点")
_QUALIFIER_PREFIXES: Final[tuple[tuple[str, Qualifier], ...]] = (
    ("超过", "more_than"),
    ("多于", "more_than"),
    ("超", "more_than"),
    ("逾", "more_than"),
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("至少", "at_least"),
    ("大约", "about"),
    ("约", "about"),
    ("将近", "nearly"),
    ("接近", "nearly"),
    ("近", "nearly"),
    ("上", "at_least"),  # 上百, 上千, 上万: only before a bare unit numeral
)
_QUALIFIER_SUFFIXES: Final[tuple[tuple[str, Qualifier], ...]] = (
    ("以上", "at_least"),
    ("左右", "about"),
    ("级", "order_of"),  # only after a power of ten of 100 or more: 千亿元级, not 5级
)
_MONEY_UNITS: Final = {
    "元": "CNY",
    "块": "CNY",
    "人民币": "CNY",
    "元人民币": "CNY",
    "美元": "USD",
    "美金": "USD",
}
_SYMBOLS: Final[dict[str, str]] = {
    "exact": "",
    "more_than": ">",
    "at_least": "≥",
    "about": "≈",
    "nearly": "<≈",
    "order_of": "",  # written as the article does, with 级 after the figure
}


class AmountError(UsageError):
    """An amount the grammar does not accept."""


@dataclass(frozen=True, slots=True)
class Money:
    """An exact sum: ``minor`` in the smallest unit (fen for CNY, cents for USD)."""

    minor: int
    currency: str  # "CNY" or "USD"

    def __str__(self) -> str:
        return format_money(self.minor, self.currency)


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


class _Invalid(Exception):
    """Why a text is rejected; the public functions turn it into an AmountError."""


@dataclass(frozen=True, slots=True)
class _Num:
    value: Decimal
    digits: int  # integer digits as written; 1 for a Chinese digit
    arabic: bool
    fractional: bool


@dataclass(frozen=True, slots=True)
class _Unit:
    value: int  # 0 for 零 used as a place holder
    big: bool
    text: str


_Token = _Num | _Unit


def _error(kind: str, raw: str, reason: str, examples: str) -> AmountError:
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    return AmountError(f"invalid {kind} {shown!r}: {reason}; expected e.g. {examples}")


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        raise _Invalid("empty")
    if len(text) > MAX_LEN:
        raise _Invalid(f"longer than {MAX_LEN} characters")
    return text


def _arabic(text: str) -> _Num:
    whole, _, frac = text.replace(",", "").partition(".")
    return _Num(Decimal(whole + "." + frac if frac else whole), len(whole), True, bool(frac))


def _scan(text: str, pos: int, stop: tuple[str, ...] = ()) -> tuple[list[_Token], int]:
    """Read numeral tokens from ``pos`` until a character that is not one (or a ``stop`` word)."""
    tokens: list[_Token] = []
    while pos < len(text) and not text.startswith(stop, pos):
        if match := re.compile(_ARABIC).match(text, pos):
            tokens.append(_arabic(match.group()))
            pos = match.end()
            continue
        pair, char = text[pos : pos + 2], text[pos]
        if pair in _BIG_UNITS:
            tokens.append(_Unit(_BIG_UNITS[pair], True, pair))
            pos += 2
            continue
        if char in "零〇":
            tokens.append(_Unit(0, False, char))
        elif char in _DIGITS:
            tokens.append(_Num(Decimal(_DIGITS[char]), 1, False, False))
        elif char in _SMALL_UNITS:
            tokens.append(_Unit(_SMALL_UNITS[char], False, char))
        elif char in _BIG_UNITS:
            tokens.append(_Unit(_BIG_UNITS[char], True, char))
        else:
            break
        pos += 1
    return tokens, pos


def _tail(num: _Num, after: _Unit | None, gap: bool) -> Decimal:
    """The value of a number that follows ``after`` (a unit, or 零 when ``gap``) with no unit."""
    if after is None:
        return num.value
    if gap:
        if num.value * 10 >= after.value:
            raise _Invalid(f"{num.value} does not fit after {after.text}零")
        return num.value
    if num.arabic and num.digits == len(str(after.value)) - 1:
        return num.value  # fills the places exactly: 1万2345, 3千250
    if num.digits == 1:
        return num.value * after.value / 10  # spoken form: 两千五, 一万五, 2亿5
    raise _Invalid(f"{num.value} after {after.text} is ambiguous (write 零 or a unit)")


_WAN: Final = 10**4


class _Reader:
    """Adds up numeral tokens left to right, checking the rules of the module docstring.

    Three running parts: ``high`` is what 亿 or 万亿 has scaled, ``mid`` what 万 has scaled
    since, ``section`` the 千/百/十 places since the latest large unit. 亿 scales everything
    since the previous 亿 (三万六千亿 = 36000亿), 万 only its own section.
    """

    def __init__(self, *, bare_big: bool) -> None:
        self.bare_big = bare_big
        self.high = self.mid = self.section = Decimal(0)
        self.current: _Num | None = None  # a number not yet multiplied by a unit
        self.after: _Unit | None = None  # the unit just before ``current``
        self.last: _Unit | None = None  # the latest unit
        self.yi: _Unit | None = None  # the latest 亿 or 万亿
        self.wan_seen = False  # a 万 since the latest 亿 or 万亿
        self.last_small: _Unit | None = None  # the latest 十/百/千 of this section
        self.gap = False  # a 零 since the latest unit
        self.started = False
        self.fraction = False  # the leading number has a decimal point

    def number(self, num: _Num) -> None:
        if self.current is not None:
            raise _Invalid("two numbers in a row")
        if self.started and (num.fractional or self.fraction):
            raise _Invalid("only a lone leading number may have a decimal point")
        self.fraction = self.fraction or num.fractional
        self.current, self.after, self.started = num, self.last, True

    def zero(self, unit: _Unit) -> None:
        if not self.started:
            self.number(_Num(Decimal(0), 1, False, False))  # 零 on its own is the number zero
        elif self.current is not None or self.gap:
            raise _Invalid(f"misplaced {unit.text}")
        else:
            self.gap = True  # a skipped place: 一万零五

    def _coefficient(self, unit: _Unit) -> Decimal | None:
        if self.gap and self.current is None:
            raise _Invalid(f"{unit.text} right after 零")
        if self.current is None:
            return None
        if self.current.value == 0:
            raise _Invalid(f"0 before {unit.text}")
        if not unit.big and self.current.value >= 10:
            raise _Invalid(f"{self.current.value} before {unit.text}: one digit only")
        after = self.after
        if unit.big and after is not None and not after.big and not self.gap:
            return _tail(self.current, after, self.gap)  # 三千五万
        return self.current.value

    def small(self, unit: _Unit) -> None:
        coef = self._coefficient(unit)
        if coef is None:
            if self.started:
                raise _Invalid(f"{unit.text} needs a number before it")
            coef = Decimal(1)  # 十亿, 千亿, 上百
        if self.last_small is not None and coef * unit.value * (10 if self.gap else 1) >= (
            self.last_small.value
        ):  # 3千5百, and 一千零五十 where 零 stands for the skipped 百
            raise _Invalid(f"{unit.text} does not fit after {self.last_small.text}")
        self.section += coef * unit.value
        self.last_small = unit
        self._used(unit)

    def big(self, unit: _Unit) -> None:
        above = "万" if unit.value == _WAN and self.wan_seen else None
        if unit.value != _WAN and self.yi is not None and unit.value >= self.yi.value:
            above = self.yi.text
        if above is not None:
            raise _Invalid(f"{unit.text} after {above}: units must get smaller")
        coef = self._coefficient(unit)
        if coef is None:
            if self.last_small is not None:
                coef = Decimal(0)  # 三千万: the section holds it
            elif not self.started and self.bare_big:
                coef = Decimal(1)  # 上万
            else:
                raise _Invalid(f"{unit.text} needs a number before it")
        low = self.section + coef
        if self.wan_seen and low >= _WAN:
            raise _Invalid(f"{unit.text} does not fit after 万")
        if unit.value == _WAN:
            if self.yi is not None and low * _WAN >= 10**8:
                raise _Invalid(f"万 does not fit after {self.yi.text}")
            self.mid += low * _WAN
            self.wan_seen = True
        else:
            value = self.mid + low
            if self.yi is not None and value * unit.value >= self.yi.value:
                raise _Invalid(f"{unit.text} does not fit after {self.yi.text}")
            self.high += value * unit.value
            self.mid, self.yi, self.wan_seen = Decimal(0), unit, False
        self.section, self.last_small = Decimal(0), None
        self._used(unit)

    def _used(self, unit: _Unit) -> None:
        self.current, self.last, self.gap, self.started = None, unit, False, True

    def finish(self) -> Decimal:
        if not self.started:
            raise _Invalid("no number")
        if self.current is None and self.gap:
            raise _Invalid("nothing after 零")
        low = self.section
        if self.current is not None:
            low += _tail(self.current, self.after, self.gap)
        if self.wan_seen and low >= _WAN:
            raise _Invalid(f"{low} does not fit after 万")
        if self.yi is not None and self.mid + low >= self.yi.value:
            raise _Invalid(f"{self.mid + low} does not fit after {self.yi.text}")
        return self.high + self.mid + low


def _evaluate(tokens: list[_Token], *, bare_big: bool = False) -> Decimal:
    """The value of a numeral written as ``tokens``."""
    reader = _Reader(bare_big=bare_big)
    for tok in tokens:
        if isinstance(tok, _Num):
            reader.number(tok)
        elif tok.value == 0:
            reader.zero(tok)
        elif tok.big:
            reader.big(tok)
        else:
            reader.small(tok)
    return reader.finish()


def _split_currency(text: str) -> tuple[str | None, str]:
    prefix = suffix = None
    for marker, currency in _PREFIXES:
        if text[: len(marker)].upper() == marker:
            prefix, text = currency, text[len(marker) :].lstrip()
            break
    for marker, currency in _SUFFIXES:
        if len(text) >= len(marker) and text[-len(marker) :].upper() == marker:
            suffix, text = currency, text[: -len(marker)].rstrip()
            break
    if any(len(text) > len(m) and text[-len(m) :].upper() == m for m, _ in _SUFFIXES):
        raise _Invalid("more than one currency marker")
    if prefix and suffix and prefix != suffix:
        raise _Invalid(f"mixed currencies ({prefix} and {suffix})")
    return prefix or suffix, text


def _amount_value(body: str) -> Decimal:
    if not body:
        raise _Invalid("no number")
    if body[0] in "-−负":
        raise _Invalid("negative amounts are not accepted")
    if re.fullmatch(_SCIENTIFIC, body):
        return Decimal(body)
    if english := re.fullmatch(_ENGLISH, body, re.IGNORECASE | re.ASCII):
        return _arabic(english.group(1)).value * _ENGLISH_SCALE[english.group(2).lower()]
    tokens, end = _scan(body, 0)
    if end < len(body):
        raise _Invalid(f"unexpected {body[end]!r}")
    return _evaluate(tokens)


def _check_size(value: Decimal) -> None:
    if value > MAX_MAJOR:
        raise _Invalid("too large (the limit is 10^18)")


def parse_amount(text: str) -> Money:
    """Read a user-typed amount, e.g. ``2.6亿``, ``五千万``, ``USD 100M``; CNY by default.

    Rounds half-even to the minor unit. Raises AmountError, and nothing else, for any text the
    grammar does not accept.
    """
    try:
        with localcontext(_EXACT):
            currency, body = _split_currency(_normalise(text))
            value = _amount_value(body)
            _check_size(value)
            minor = (value * 100).to_integral_value(rounding=ROUND_HALF_EVEN)
    except (_Invalid, DecimalException) as exc:
        raise _error("amount", text, str(exc) or "not a number", AMOUNT_EXAMPLES) from None
    return Money(int(minor), currency or "CNY")


def _check_currency(currency: str) -> None:
    if currency not in CURRENCIES:
        raise AmountError(f"unknown currency {currency!r}: expected one of {', '.join(CURRENCIES)}")


def _scaled(minor: int, per_unit: int, decimals: int) -> str | None:
    """``minor / per_unit`` written exactly with at most ``decimals`` decimals, or None."""
    whole, rest = divmod(minor, per_unit)
    step = per_unit // 10**decimals
    if rest % step:
        return None
    frac = str(rest // step).rjust(decimals, "0").rstrip("0")
    return f"{whole}.{frac}" if frac else str(whole)


def format_money(minor: int, currency: str) -> str:
    """Write an amount as Chinese text does: 2.6亿元, 500万元, 8.86亿美元, 12345元, 0.5元.

    Uses the largest of 万亿, 亿, 万 that writes the amount exactly (亿 and 万亿 to four decimals,
    万 to two), else plain 元/美元 with fen/cents; trailing zeros are trimmed. Exact, and
    ``parse_amount`` reads every result back to the same Money.
    """
    _check_currency(currency)
    sign, minor = ("-", -minor) if minor < 0 else ("", minor)
    unit = _CURRENCY_UNIT[currency]
    for per_unit, name, decimals in _DISPLAY_UNITS:
        if minor >= per_unit and (figure := _scaled(minor, per_unit, decimals)) is not None:
            return f"{sign}{figure}{name}{unit}"
    return f"{sign}{_scaled(minor, 100, 2)}{unit}"


def _round_half_even(numerator: int, denominator: int) -> int:
    quotient, rest = divmod(numerator, denominator)
    if 2 * rest > denominator or (2 * rest == denominator and quotient % 2):
        quotient += 1
    return quotient


def convert(minor: int, src: str, dst: str, rate: Decimal) -> int:
    """Convert ``minor`` units of ``src`` into ``dst``; ``rate`` is CNY per 1 USD.

    Exact rational arithmetic, rounded half-even to the nearest fen/cent.
    """
    _check_currency(src)
    _check_currency(dst)
    if not rate.is_finite() or rate <= 0:
        raise AmountError(f"invalid exchange rate {rate}: expected a positive number such as 7.09")
    if src == dst:
        return minor
    num, den = rate.as_integer_ratio()
    if src == "USD":
        return _round_half_even(minor * num, den)
    return _round_half_even(minor * den, num)


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
    tokens, pos = _scan(rest, 0, _UNIT_WORDS)
    value = _evaluate(tokens, bare_big=text.startswith("上"))
    unit = rest[pos:]
    if unit[:1] in ("余", "多"):  # 1600余家, 200多家, 20余万元
        if qualifier is not None:
            raise _Invalid("two qualifiers")
        qualifier, unit = "more_than", unit[1:]
        for name, scale in _BIG_UNITS.items():
            if unit.startswith(name):
                value, unit = value * scale, unit[len(name) :]
                break
    for word, suffix_qualifier in _QUALIFIER_SUFFIXES:
        if unit.endswith(word):
            if word == "级" and not (value >= 100 and str(value.normalize()).startswith("1E")):
                continue
            if qualifier is not None:
                raise _Invalid("two qualifiers")
            qualifier, unit = suffix_qualifier, unit[: -len(word)]
    _check_size(value)
    if any(c.isspace() or c in "0123456789.," for c in unit) or len(unit) > 10:
        raise _Invalid(f"unexpected unit {unit!r}")
    currency = _MONEY_UNITS.get(unit)
    if currency is None:
        if "元" in unit or "美金" in unit:
            raise _Invalid(f"unknown money unit {unit!r}")
        return ParsedQuantity(_whole_or_decimal(value), unit, qualifier or "exact")
    minor = value * 100
    if minor != minor.to_integral_value():
        raise _Invalid("not a whole number of fen/cents")
    number = _whole_or_decimal(value)
    return ParsedQuantity(
        number, _CURRENCY_UNIT[currency], qualifier or "exact", currency, int(minor)
    )


def parse_quantity(text: str) -> ParsedQuantity:
    """Read a figure as the article writes it: ``1600余家``, ``超2亿元``, ``千亿元级``, ``35千伏``.

    Qualifiers: 超/超过/逾 and 余/多 after the number mean more_than, 上 (上百) and 以上 at_least,
    约/左右 about, 近/将近 nearly, 级 after a power of ten order_of. Raises AmountError.
    """
    try:
        with localcontext(_EXACT):
            return _read_quantity(_normalise(text))
    except (_Invalid, DecimalException) as exc:
        raise _error("quantity", text, str(exc) or "not a number", QUANTITY_EXAMPLES) from None


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
    with localcontext(_EXACT):
        value = _plain(number)
        currency = {"元": "CNY", "美元": "USD"}.get(unit)
        minor = value * 100
        if currency is not None and minor == minor.to_integral_value():
            body = format_money(int(minor), currency)
        else:
            body = f"{_show(value)}{unit}"
    suffix = "级" if qualifier == "order_of" else ""
    return f"{_SYMBOLS[qualifier]}{body}{suffix}"
