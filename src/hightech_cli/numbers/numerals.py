"""Numbers the way Chinese text writes them: the grammar shared by amounts and quantities.

Two readers share this one numeral grammar:

* ``amounts.parse_amount`` reads what a user types as a bound (``--min-invest 2亿``) into money;
* ``quantities.parse_quantity`` reads a figure as the article writes it (``1600余家``, ``超2亿元``,
  ``千亿元级``) into number, unit and qualifier.

This module knows numbers only: currency markers live in ``amounts``, units and qualifier words in
``quantities``.

Numbers are Arabic (``2.6``, ``2,000``, ``2e8``) or Chinese (零〇一二两三…九十百千 and the
financial forms 壹贰叁…拾佰仟), with the large units 万 (10^4), 亿 (10^8) and 万亿 (10^12), mixed
as Chinese writes them: ``2亿5000万``, ``三千五百万``, ``1.5万亿``. Rules that keep one reading:

- units get smaller from left to right, so ``2亿亿`` and ``2亿26000万`` are rejected;
- only the leading number may have a decimal point (``2.6亿``, never ``2亿0.5万``), written in
  Chinese too (一点八亿 is 1.8亿, 十二点五万 12.5万) where Chinese digits alone stand before 点
  and no 十, 百 or 千 after its digits (三点二十分 is a time);
- a single digit right after a unit is read the spoken way, as the next place down
  (两千五 = 2500, 一万五 = 15000, 2亿5 = 2.5亿); a longer trailing number must fill its places
  exactly (``1万2345``) or follow 零 (``1万零5``), anything else is ambiguous and rejected;
- 十, 百, 千 take one digit (5千万, 1.5千万; not 15百) and may open a number without one (十亿,
  千亿); 万 and 亿 need a number before them (亿 alone is no amount), and no unit takes 0.

Two entry points: ``read_number`` takes a whole text as one number and also accepts the
scientific (``2e8``) and English-scale (``3k``, ``100M``, ``2.5bn``) forms a user may type;
``read_tokens`` and ``evaluate`` read the Chinese/Arabic numeral at the start of a text and stop
at the first character that is not one (an article's unit), as ``quantities`` needs.

All arithmetic is exact (``Decimal`` in the ``EXACT`` context, with ample precision and traps on
any rounding; integers for money); no float ever holds a value. Values above 10^18
(``MAX_MAJOR``: major units, yuan or dollars, for money) are rejected, as is any input longer than
64 characters (``MAX_LEN``) after NFKC normalisation.

The Chinese-numeral library cn2an was measured and not used (``bench/cn2an_import.py``): it costs
more to import than a lookup spends in all, knows no currencies or qualifiers and reads ``负5亿``
as 5亿; the grammar here is small. This module imports only the standard library and is cheap
to import.

The names without a leading underscore are the internal API of ``amounts`` and ``quantities``, not
of hz: a rejected text raises ``Invalid`` saying why, and those modules turn it into an
``AmountError``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow
from typing import Final

__all__ = [
    "BIG_UNITS",
    "EXACT",
    "MAX_LEN",
    "MAX_MAJOR",
    "Invalid",
    "check_size",
    "evaluate",
    "prepare",
    "read_number",
    "read_tokens",
]

MAX_MAJOR: Final = 10**18  # the largest amount accepted, in yuan or dollars
MAX_LEN: Final = 64  # longer input is no amount anyone types; the cap also bounds the work done

# Exact arithmetic: inputs are at most MAX_LEN digits, so 400 digits never round.
EXACT: Final = Context(prec=400, traps=[InvalidOperation, Inexact, Overflow])

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
BIG_UNITS: Final = {
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


class Invalid(Exception):
    """Why a text is rejected; the public functions turn it into an AmountError."""


# Plain classes: a dataclass would import ``dataclasses`` and ``inspect`` on every amount filter.
class _Num:
    __slots__ = ("arabic", "digits", "fractional", "value")

    def __init__(self, value: Decimal, digits: int, arabic: bool, fractional: bool) -> None:
        self.value = value
        self.digits = digits  # integer digits as written; 1 for a Chinese digit
        self.arabic = arabic
        self.fractional = fractional


class _Unit:
    __slots__ = ("big", "text", "value")

    def __init__(self, value: int, big: bool, text: str) -> None:
        self.value = value  # 0 for 零 used as a place holder
        self.big = big
        self.text = text


_Token = _Num | _Unit


def prepare(raw: str) -> str:
    """``raw`` NFKC-normalised and stripped; raises Invalid when empty or over ``MAX_LEN``."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        raise Invalid("empty")
    if len(text) > MAX_LEN:
        raise Invalid(f"longer than {MAX_LEN} characters")
    return text


def check_size(value: Decimal) -> None:
    """Raise Invalid for a value above ``MAX_MAJOR``."""
    if value > MAX_MAJOR:
        raise Invalid("too large (the limit is 10^18)")


def _arabic(text: str) -> _Num:
    whole, _, frac = text.replace(",", "").partition(".")
    return _Num(Decimal(whole + "." + frac if frac else whole), len(whole), True, bool(frac))


def read_tokens(text: str, pos: int, stop: tuple[str, ...] = ()) -> tuple[list[_Token], int]:
    """Read numeral tokens from ``pos`` until a character that is not one (or a ``stop`` word)."""
    tokens: list[_Token] = []
    while pos < len(text) and not text.startswith(stop, pos):
        if match := re.compile(_ARABIC).match(text, pos):
            tokens.append(_arabic(match.group()))
            pos = match.end()
            continue
        pair, char = text[pos : pos + 2], text[pos]
        if pair in BIG_UNITS:
            tokens.append(_Unit(BIG_UNITS[pair], True, pair))
            pos += 2
            continue
        if char in "点點" and tokens:
            decimal = _chinese_decimal(text, pos, tokens)
            if decimal is None:
                break
            tokens, pos = [decimal[0]], decimal[1]
            continue
        if char in "零〇":
            tokens.append(_Unit(0, False, char))
        elif char in _DIGITS:
            tokens.append(_Num(Decimal(_DIGITS[char]), 1, False, False))
        elif char in _SMALL_UNITS:
            tokens.append(_Unit(_SMALL_UNITS[char], False, char))
        elif char in BIG_UNITS:
            tokens.append(_Unit(BIG_UNITS[char], True, char))
        else:
            break
        pos += 1
    return tokens, pos


_FRACTION_DIGITS: Final = "零〇一二三四五六七八九"


def _chinese_decimal(text: str, pos: int, tokens: list[_Token]) -> tuple[_Num, int] | None:
    """一点八, 十二点五: the Chinese numeral read so far (``tokens``, before the 点 at ``pos``)
    with the digits after 点 as its decimal places, and where it ends; None where 点 is no
    decimal point (三点钟, 下午三点二十分: a time; a point after a large unit or Arabic
    digits)."""
    if any(t.arabic if isinstance(t, _Num) else t.big for t in tokens):
        return None
    end = pos + 1
    while end < len(text) and text[end] in _FRACTION_DIGITS:
        end += 1
    if end == pos + 1 or (end < len(text) and text[end] in _SMALL_UNITS):
        return None
    try:
        whole = evaluate(tokens)
    except Invalid:
        return None
    places = "".join(str(_DIGITS[c]) for c in text[pos + 1 : end])
    value = Decimal(f"{whole}.{places}")
    return _Num(value, len(str(whole)), False, True), end


def _tail(num: _Num, after: _Unit | None, gap: bool) -> Decimal:
    """The value of a number that follows ``after`` (a unit, or 零 when ``gap``) with no unit."""
    if after is None:
        return num.value
    if gap:
        if num.value * 10 >= after.value:
            raise Invalid(f"{num.value} does not fit after {after.text}零")
        return num.value
    if num.arabic and num.digits == len(str(after.value)) - 1:
        return num.value  # fills the places exactly: 1万2345, 3千250
    if num.digits == 1:
        return num.value * after.value / 10  # spoken form: 两千五, 一万五, 2亿5
    raise Invalid(f"{num.value} after {after.text} is ambiguous (write 零 or a unit)")


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
            raise Invalid("two numbers in a row")
        if self.started and (num.fractional or self.fraction):
            raise Invalid("only a lone leading number may have a decimal point")
        self.fraction = self.fraction or num.fractional
        self.current, self.after, self.started = num, self.last, True

    def zero(self, unit: _Unit) -> None:
        if not self.started:
            self.number(_Num(Decimal(0), 1, False, False))  # 零 on its own is the number zero
        elif self.current is not None or self.gap:
            raise Invalid(f"misplaced {unit.text}")
        else:
            self.gap = True  # a skipped place: 一万零五

    def _coefficient(self, unit: _Unit) -> Decimal | None:
        if self.gap and self.current is None:
            raise Invalid(f"{unit.text} right after 零")
        if self.current is None:
            return None
        if self.current.value == 0:
            raise Invalid(f"0 before {unit.text}")
        if not unit.big and self.current.value >= 10:
            raise Invalid(f"{self.current.value} before {unit.text}: one digit only")
        after = self.after
        if unit.big and after is not None and not after.big and not self.gap:
            return _tail(self.current, after, self.gap)  # 三千五万
        return self.current.value

    def small(self, unit: _Unit) -> None:
        coef = self._coefficient(unit)
        if coef is None:
            if self.started:
                raise Invalid(f"{unit.text} needs a number before it")
            coef = Decimal(1)  # 十亿, 千亿, 上百
        if self.last_small is not None and coef * unit.value * (10 if self.gap else 1) >= (
            self.last_small.value
        ):  # 3千5百, and 一千零五十 where 零 stands for the skipped 百
            raise Invalid(f"{unit.text} does not fit after {self.last_small.text}")
        self.section += coef * unit.value
        self.last_small = unit
        self._used(unit)

    def big(self, unit: _Unit) -> None:
        above = "万" if unit.value == _WAN and self.wan_seen else None
        if unit.value != _WAN and self.yi is not None and unit.value >= self.yi.value:
            above = self.yi.text
        if above is not None:
            raise Invalid(f"{unit.text} after {above}: units must get smaller")
        coef = self._coefficient(unit)
        if coef is None:
            if self.last_small is not None:
                coef = Decimal(0)  # 三千万: the section holds it
            elif not self.started and self.bare_big:
                coef = Decimal(1)  # 上万
            else:
                raise Invalid(f"{unit.text} needs a number before it")
        low = self.section + coef
        if self.wan_seen and low >= _WAN:
            raise Invalid(f"{unit.text} does not fit after 万")
        if unit.value == _WAN:
            if self.yi is not None and low * _WAN >= 10**8:
                raise Invalid(f"万 does not fit after {self.yi.text}")
            self.mid += low * _WAN
            self.wan_seen = True
        else:
            value = self.mid + low
            if self.yi is not None and value * unit.value >= self.yi.value:
                raise Invalid(f"{unit.text} does not fit after {self.yi.text}")
            self.high += value * unit.value
            self.mid, self.yi, self.wan_seen = Decimal(0), unit, False
        self.section, self.last_small = Decimal(0), None
        self._used(unit)

    def _used(self, unit: _Unit) -> None:
        self.current, self.last, self.gap, self.started = None, unit, False, True

    def finish(self) -> Decimal:
        if not self.started:
            raise Invalid("no number")
        if self.current is None and self.gap:
            raise Invalid("nothing after 零")
        low = self.section
        if self.current is not None:
            low += _tail(self.current, self.after, self.gap)
        if self.wan_seen and low >= _WAN:
            raise Invalid(f"{low} does not fit after 万")
        if self.yi is not None and self.mid + low >= self.yi.value:
            raise Invalid(f"{self.mid + low} does not fit after {self.yi.text}")
        return self.high + self.mid + low


def evaluate(tokens: list[_Token], *, bare_big: bool = False) -> Decimal:
    """The value of a numeral written as ``tokens``; ``bare_big`` lets 万/亿 open it (上万)."""
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


def read_number(text: str) -> Decimal:
    """The value of ``text``, all of it one number: scientific, English scale, Chinese or Arabic.

    Meant to run inside ``localcontext(EXACT)``, so a value that would round or overflow raises a
    DecimalException; any other text the grammar rejects raises Invalid.
    """
    if re.fullmatch(_SCIENTIFIC, text):
        return Decimal(text)
    if english := re.fullmatch(_ENGLISH, text, re.IGNORECASE | re.ASCII):
        return _arabic(english.group(1)).value * _ENGLISH_SCALE[english.group(2).lower()]
    tokens, end = read_tokens(text, 0)
    if end < len(text):
        raise Invalid(f"unexpected {text[end]!r}")
    return evaluate(tokens)
