"""Money for user input and display.

``parse_amount`` reads what a user types as a bound (``--min-invest 2亿``) into ``Money``: an
exact integer of fen or cents and the currency (CNY unless the text says otherwise). A currency
marker may come before the number (``USD 100M``, ``RMB 5亿``, ``¥5亿``, ``$1亿``) or after it
(``4.5亿美元``, ``5亿元人民币``, ``5块``), once each side at most, and the two must agree. The
number between is read by the numeral grammar in ``numerals`` (Chinese and Arabic digits,
十百千 and 万/亿/万亿, ``2e8``, ``100M``), whose module docstring sets out its rules; a
negative amount (``-5亿``, ``负5亿``) is rejected.

All arithmetic is exact (``Decimal`` with ample precision, integers for money); no float ever
holds a value. ``parse_amount`` rounds half-even to the minor unit (a user's bound of ``0.005元``
is 0 fen), whereas ``quantities.parse_quantity`` rejects money that is not a whole number of
fen/cents, because the store keeps figures exactly. Amounts above 10^18 major units
(``MAX_MAJOR``) are rejected, as is any input longer than 64 characters (``MAX_LEN``) after NFKC
normalisation. Both parsers, here and in ``quantities``, reject a text with an ``AmountError``.

``format_money`` writes an amount the way Chinese text does (``2.6亿元``, ``8.86亿美元``) and
``parse_amount`` reads every result back to the same ``Money``; ``convert`` changes currency at a
given CNY-per-USD rate, exactly, rounding half-even to the fen/cent (a rate that
``models.is_rate`` takes, so that no conversion can grow without bound).

The Chinese-numeral library cn2an was measured against ``parse_amount`` and not used
(``bench/cn2an_import.py``; the reasons are in ``numerals``). This module imports only the
standard library and is cheap to import.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, DecimalException, localcontext
from typing import Final

from hightech_cli.errors import UsageError
from hightech_cli.models import CURRENCIES
from hightech_cli.numbers.numerals import (
    EXACT,
    MAX_LEN,
    MAX_MAJOR,
    Invalid,
    check_size,
    prepare,
    read_number,
)

__all__ = [
    "AMOUNT_EXAMPLES",
    "MAX_LEN",
    "MAX_MAJOR",
    "AmountError",
    "Money",
    "convert",
    "format_money",
    "parse_amount",
]

AMOUNT_EXAMPLES: Final = "2亿, 2.6亿元, 五千万, 4.5亿美元, USD 100M"

# Currency markers, compared upper-cased; suffixes that end another suffix come first.
_PREFIXES: Final = (
    ("US$", "USD"),
    ("USD", "USD"),
    ("$", "USD"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("人民币", "CNY"),
    ("¥", "CNY"),  # NFKC turns the full-width ￥ into ¥
    ("EUR", "EUR"),
    ("€", "EUR"),
    ("HK$", "HKD"),
    ("HKD", "HKD"),
    ("JPY", "JPY"),
    ("GBP", "GBP"),
    ("£", "GBP"),
)
_SUFFIXES: Final = (
    ("元人民币", "CNY"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("欧元", "EUR"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("块钱", "CNY"),
    ("元", "CNY"),
    ("块", "CNY"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("HKD", "HKD"),
    ("JPY", "JPY"),
    ("GBP", "GBP"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
)
# The unit each currency is written with, here and by quantities.
CURRENCY_UNIT: Final = {
    "CNY": "元",
    "USD": "美元",
    "EUR": "欧元",
    "HKD": "港元",
    "JPY": "日元",
    "GBP": "英镑",
}
# Display units for format_money: (minor units per display unit, at most this many decimals).
# 亿 and 万亿 go down to the next unit (31.905亿), 万 to hundreds of yuan so 12345元 stays as is.
_DISPLAY_UNITS: Final = ((10**14, "万亿", 4), (10**10, "亿", 4), (10**6, "万", 2))


class AmountError(UsageError):
    """An amount the grammar does not accept."""


class Money:
    """An exact sum: ``minor`` in the smallest unit (fen for CNY, cents for USD). A plain
    class: a dataclass would import ``dataclasses`` and ``inspect`` on every amount filter."""

    __slots__ = ("currency", "minor")

    def __init__(self, minor: int, currency: str) -> None:
        self.minor = minor
        self.currency = currency  # one of models.CURRENCIES

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Money) and (self.minor, self.currency) == (
            other.minor,
            other.currency,
        )

    def __hash__(self) -> int:
        return hash((self.minor, self.currency))

    def __repr__(self) -> str:
        return f"Money(minor={self.minor!r}, currency={self.currency!r})"

    def __str__(self) -> str:
        return format_money(self.minor, self.currency)


def rejection(kind: str, raw: str, reason: str, examples: str) -> AmountError:
    """The one-line AmountError for a rejected ``raw`` (an amount or a quantity)."""
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    return AmountError(f"invalid {kind} {shown!r}: {reason}; expected e.g. {examples}")


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
        raise Invalid("more than one currency marker")
    if prefix and suffix and prefix != suffix:
        raise Invalid(f"mixed currencies ({prefix} and {suffix})")
    return prefix or suffix, text


def _amount_value(body: str) -> Decimal:
    if not body:
        raise Invalid("no number")
    if body[0] in "-−负":
        raise Invalid("negative amounts are not accepted")
    return read_number(body)


def parse_amount(text: str) -> Money:
    """Read a user-typed amount, e.g. ``2.6亿``, ``五千万``, ``USD 100M``; CNY by default.

    Rounds half-even to the minor unit. Raises AmountError, and nothing else, for any text the
    grammar does not accept.
    """
    try:
        with localcontext(EXACT):
            currency, body = _split_currency(prepare(text))
            value = _amount_value(body)
            check_size(value)
            minor = (value * 100).to_integral_value(rounding=ROUND_HALF_EVEN)
    except (Invalid, DecimalException) as exc:
        raise rejection("amount", text, str(exc) or "not a number", AMOUNT_EXAMPLES) from None
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
    unit = CURRENCY_UNIT[currency]
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
    if {src, dst} != {"USD", "CNY"}:
        raise AmountError(f"no exchange rate between {src} and {dst}")
    num, den = rate.as_integer_ratio()
    if src == "USD":
        return _round_half_even(minor * num, den)
    return _round_half_even(minor * den, num)
