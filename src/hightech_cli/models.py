"""The shape of an hz store: entities, facts, source blocks and metadata.

A store is a TinyDB JSON file with four tables (``entities``, ``facts``, ``blocks``, ``meta``);
every document is a plain dict described by one of the TypedDicts below, so the store stays
readable with ``jq`` and loads without any custom decoding. ``check.py`` enforces the shape.

Quantities keep the text exactly as the article writes it (``1600余家``) beside its typed
reading: number, unit, qualifier, and for money the ISO currency and the amount as an integer
in the smallest unit (fen, cents), so that no float ever stands for a sum of money.
"""

from __future__ import annotations

from typing import Final, Literal, NotRequired, TypedDict

SCHEMA_VERSION: Final = 1

EntityKind = Literal["zone", "company", "person", "project", "policy", "organisation"]
ENTITY_KINDS: Final[tuple[EntityKind, ...]] = (
    "zone",
    "company",
    "person",
    "project",
    "policy",
    "organisation",
)

FactKind = Literal["attribute", "quantity", "investment", "quote", "event"]
FACT_KINDS: Final[tuple[FactKind, ...]] = ("attribute", "quantity", "investment", "quote", "event")

# What a number's wording says about it: 余/多/超 more than, 上百 at least, 约 about, 近 nearly,
# 级 order of magnitude. 1600余家 is more than 1600, never 1600.
Qualifier = Literal["exact", "more_than", "at_least", "about", "nearly", "order_of"]
QUALIFIERS: Final[tuple[Qualifier, ...]] = (
    "exact",
    "more_than",
    "at_least",
    "about",
    "nearly",
    "order_of",
)

Currency = Literal["CNY", "USD"]
CURRENCIES: Final[tuple[Currency, ...]] = ("CNY", "USD")

# Which figure of an investment a fact gives.
InvestmentBasis = Literal["total", "first", "cumulative"]
INVESTMENT_BASES: Final[tuple[InvestmentBasis, ...]] = ("total", "first", "cumulative")

BlockKind = Literal["title", "subtitle", "byline", "heading", "paragraph", "caption", "credit"]
BLOCK_KINDS: Final[tuple[BlockKind, ...]] = (
    "title",
    "subtitle",
    "byline",
    "heading",
    "paragraph",
    "caption",
    "credit",
)


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
    date: NotRequired[str]  # as written: "2023", "2025年以来"
    year: NotRequired[int]  # for ordering the timeline
    note: NotRequired[str]  # where the source looks wrong: recorded as written, then noted


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
    file: str  # path of the original text inside the package data
    sha256: str  # of the original file, untouched


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
