"""The shape of an hz store: entities, facts, source blocks and metadata.

A store is a TinyDB JSON file with four tables (``entities``, ``facts``, ``blocks``, ``meta``);
every document is a plain dict described by one of the TypedDicts below, so the store stays
readable with ``jq`` and loads without any custom decoding. The TypedDicts are the one source
of the schema: :func:`fields` reads them, and validation (``store/check.py``), the JSON views
and the CSV export take their field lists and kinds from it, never from a copy.

Quantities keep the text exactly as the article writes it (``1600余家``) beside its typed
reading: number, unit, qualifier, and for money the ISO currency and the amount as an integer
in the smallest unit (fen, cents), so that no float ever stands for a sum of money.
"""

from __future__ import annotations

from functools import cache
from typing import (
    Final,
    Literal,
    NotRequired,
    TypedDict,
    cast,
    get_args,
    get_origin,
    get_type_hints,
)

SCHEMA_VERSION: Final = 1

EntityKind = Literal["zone", "company", "person", "project", "policy", "organisation"]
ENTITY_KINDS: Final = cast(tuple[EntityKind, ...], get_args(EntityKind))

FactKind = Literal["attribute", "quantity", "investment", "quote", "event"]
FACT_KINDS: Final = cast(tuple[FactKind, ...], get_args(FactKind))

# What a number's wording says about it: 余/多/超 more than, 上百 at least, 约 about, 近 nearly,
# 级 order of magnitude, 最高/不超过 at most. 1600余家 is more than 1600, never 1600.
Qualifier = Literal["exact", "more_than", "at_least", "about", "nearly", "order_of", "at_most"]
QUALIFIERS: Final = cast(tuple[Qualifier, ...], get_args(Qualifier))

# Entity fields that hold another entity's id: people's organisation, projects' investor.
ReferenceField = Literal["org", "investor"]
REFERENCE_FIELDS: Final = cast(tuple[ReferenceField, ...], get_args(ReferenceField))

Currency = Literal["CNY", "USD", "EUR", "HKD", "JPY", "GBP"]
CURRENCIES: Final = cast(tuple[Currency, ...], get_args(Currency))

# Which figure of an investment a fact gives.
# total 总投资; first 首次投资, the first of several; cumulative 累计投资; phase 一期/二期投资
# (which one in ``phase``); additional 追加投资/增资.
InvestmentBasis = Literal["total", "first", "cumulative", "phase", "additional"]
INVESTMENT_BASES: Final = cast(tuple[InvestmentBasis, ...], get_args(InvestmentBasis))

BlockKind = Literal["title", "subtitle", "byline", "heading", "paragraph", "caption", "credit"]
BLOCK_KINDS: Final = cast(tuple[BlockKind, ...], get_args(BlockKind))


class Quantity(TypedDict):
    """A figure as written, with its typed reading."""

    text: str  # verbatim from the evidence quote, e.g. "1600余家", "4.5亿美元"
    number: int | float  # 1600; for money, the amount in the major unit (元, 美元)
    unit: str  # "家", "%", "个工作日"; for money "元" or "美元"
    qualifier: Qualifier
    currency: NotRequired[Currency]  # money only
    minor: NotRequired[int]  # money only: the amount in fen/cents, exact


class Evidence(TypedDict):
    """Where a fact comes from: the source, the block number and the verbatim quote."""

    source: str  # a source id from the meta table
    paragraph: int  # the block number ``n`` in the repaired source
    quote: str  # occurs verbatim in that block


class NameKeys(TypedDict):
    """Lookup keys computed when the store is built (see tools/build_store.py)."""

    pinyin: list[str]  # toneless full pinyin of the name and Chinese aliases: "xiaoyouzhineng"
    initials: list[str]  # first letters: "xyzn"


class Entity(TypedDict):
    """A named thing: the zone, a company, person, project, policy or organisation."""

    id: str  # "<kind>:<slug>", e.g. "company:xiaoyou"
    kind: EntityKind
    name: str  # the short name the article uses
    aliases: list[str]  # full legal name, other written forms, curated English names
    summary: str  # one line, in the article's words where possible
    evidence: list[Evidence]  # where the entity is named
    mentions: list[int]  # every block that names it (computed at build)
    keys: NameKeys
    full_name: NotRequired[str]  # legal name where the article gives it
    english_name: NotRequired[str]  # curated, not from the article
    industry: NotRequired[str]  # company
    category: NotRequired[str]  # policy: 政策/服务/平台/机制/联合体/体系 …; organisation type
    role: NotRequired[str]  # person: role as written, e.g. "首席执行官"
    org: NotRequired[str]  # person: entity id of the organisation
    investor: NotRequired[str]  # project: entity id of the investing company
    status: NotRequired[str]  # project: as stated, e.g. "落地", "签约启用"
    year: NotRequired[int]  # project: the year the article gives
    when: NotRequired[str]  # project: period as written where there is no exact year
    notes: NotRequired[list[str]]
    extracted: NotRequired[Extracted]  # found by ``hz extract``, not curated
    # Blocks of other sources that name it (``mentions`` are those of its first source).
    other_mentions: NotRequired[list[Mentions]]


class Mentions(TypedDict):
    """The blocks of one source that name an entity."""

    source: str  # a source id from the meta table
    paragraphs: list[int]


class Extracted(TypedDict):
    """How ``hz extract`` found a record: the rule that fired and how sure it is."""

    rule: str  # e.g. "figure:money", "quote:after", "company:legal-name"
    confidence: float  # 0-1; a reviewer checks the lowest first


class Fact(TypedDict):
    """One statement of the article about one subject, with its evidence."""

    id: str  # "<slug>.<topic>", stable across builds
    subject: str  # entity id
    kind: FactKind
    topic: str  # a short label: "总投资额", "经营主体", "审批时限"
    text: str  # what the fact says, in Chinese
    evidence: Evidence
    refs: list[str]  # other entities the fact is about
    value: NotRequired[Quantity]
    before: NotRequired[Quantity]  # for a change: the figure before (15份 → 1份)
    basis: NotRequired[InvestmentBasis]  # investment facts
    date: NotRequired[str]  # ISO, as precise as the source: "2023", "2025-05", "2025-05-18"
    year: NotRequired[int]  # for ordering the timeline
    note: NotRequired[str]  # where the source looks wrong: recorded as written, then noted
    phase: NotRequired[int]  # investment basis "phase": 一期 1, 二期 2
    speaker: NotRequired[str]  # quote: the speaker as written, where not a named person
    extracted: NotRequired[Extracted]  # found by ``hz extract``, not curated


class Block(TypedDict):
    """One block of the repaired source: a paragraph, heading, caption …"""

    source: str
    n: int  # 1-based, in reading order
    kind: BlockKind
    text: str
    lines: list[int]  # 1-based line numbers in the original file
    repair: NotRequired[str]  # how the block was mended from the printed page


class SourceMeta(TypedDict):
    """A source document and its attribution."""

    id: str
    title: str
    subtitle: str
    byline: str
    photo_credit: str
    publication: str
    year: int
    file: str  # the original file: its path inside the package data, or its name as added
    sha256: str  # of the original file, untouched
    date: NotRequired[str]  # of publication, ISO: YYYY, YYYY-MM or YYYY-MM-DD


class ExchangeRate(TypedDict):
    """The rate used to compare amounts across currencies."""

    base: Currency
    quote: Currency
    rate: str  # decimal string: quote units per base unit
    as_of: str  # ISO date
    source: str


class Meta(TypedDict):
    """The single document of the ``meta`` table."""

    schema_version: int
    sources: list[SourceMeta]
    exchange_rates: list[ExchangeRate]


# ---------------------------------------------------------------------------------- the schema


class Field:
    """One key of a record, as its TypedDict above declares it.

    A plain class: this module is imported on every start, and a dataclass or a typed named
    tuple costs more to define (the latter compiles each of its annotations)."""

    __slots__ = ("choices", "items", "name", "required", "shape", "types")

    def __init__(
        self,
        name: str,
        required: bool,
        types: tuple[type, ...],  # the JSON types its value may have: str, int, float, list, dict
        choices: tuple[str, ...] = (),  # a Literal's values
        items: type | None = None,  # a list of plain values: the type of each (str, int)
        shape: type | None = None,  # an object, or a list of objects: its TypedDict
    ) -> None:
        self.name = name
        self.required = required
        self.types = types
        self.choices = choices
        self.items = items
        self.shape = shape

    def __repr__(self) -> str:
        return f"Field({self.name!r}, required={self.required})"


def _field(name: str, hint: object, required: bool) -> Field:
    if get_origin(hint) is NotRequired:
        return _field(name, get_args(hint)[0], False)
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        return Field(name, required, (str,), choices=tuple(str(a) for a in args))
    if origin is list:
        item = args[0]
        if isinstance(item, type) and issubclass(item, dict):
            return Field(name, required, (list,), shape=item)
        return Field(name, required, (list,), items=cast(type, item))
    if args:  # a union: int | float
        return Field(name, required, tuple(cast(type, a) for a in args))
    if isinstance(hint, type) and issubclass(hint, dict):
        return Field(name, required, (dict,), shape=hint)
    return Field(name, required, (cast(type, hint),))


@cache
def fields(record: type) -> tuple[Field, ...]:
    """The keys of a record TypedDict (``Entity``, ``Fact``, ``Block`` …), in declared order.

    Read with ``include_extras``: under ``from __future__ import annotations`` the TypedDict's
    own ``__optional_keys__`` is empty, and ``NotRequired`` shows only in the hints.
    """
    hints = get_type_hints(record, include_extras=True)
    return tuple(_field(name, hint, True) for name, hint in hints.items())


def field_names(record: type) -> tuple[str, ...]:
    """The keys of a record TypedDict, in declared order."""
    return tuple(record.__annotations__)


def optional_keys(record: type) -> tuple[str, ...]:
    """The keys a record TypedDict declares ``NotRequired``, in declared order.

    Read from the annotations as written, without evaluating them: lookups need this list on
    every run, and :func:`fields` evaluates every annotation (it agrees, a test checks).
    """
    return tuple(name for name, hint in record.__annotations__.items() if _not_required(hint))


def _not_required(hint: object) -> bool:
    # A TypedDict keeps string annotations as ForwardRefs, unevaluated.
    written = getattr(hint, "__forward_arg__", hint)
    if isinstance(written, str):
        return written.startswith("NotRequired[")
    return get_origin(written) is NotRequired


_DAYS_IN_MONTH: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_rate(text: str) -> bool:
    """Whether ``text`` is an exchange rate (``ExchangeRate.rate``, ``--usd-cny``) as a person
    writes one, ``7.1`` or ``0.1408``: a positive number in plain decimal notation, at most
    twelve digits either side of the point. No exponent: ``1e999999999`` would make every
    conversion an integer of that many digits."""
    parts = text.split(".")
    if len(parts) > 2 or not all(p.isascii() and p.isdigit() and len(p) <= 12 for p in parts):
        return False
    return text.strip("0.") != ""


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is a date as precise as a source gives it (``Fact.date``): YYYY,
    YYYY-MM or YYYY-MM-DD, with a real month and day."""
    parts = text.split("-")
    if not (1 <= len(parts) <= 3) or not all(p.isascii() and p.isdigit() for p in parts):
        return False
    if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        return False
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2]) if len(parts) > 2 else 1
    if month == 2 and day == 29:  # only in a leap year of the Gregorian calendar
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]
