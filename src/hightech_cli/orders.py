"""What the list commands derive from whole tables: orders, measures, counts and conflicts.

Some lists cannot be paged without reading every row of a kind: companies in the order the
sources introduce them, projects by the amount they measure, the timeline by date, the figures
two sources give differently, and each source's counts. This module is the one definition of
each. :class:`Derived` takes the store's rows one at a time, in store order, keeping only small
keys, and ends with the :class:`Lists` those questions are answered from:

- the memory and scan backends feed it their tables once, when a list first asks;
- the index (``store/indexing.py``) feeds it while it is built and stores the result, so that a
  page of any of these lists reads a few rows (``store/index.py``).

Either way the same code decides, so every backend gives the same rows in the same order
(``tests/store/test_parity.py``). Places (``n``) are a row's index in its own table.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple

from hightech_cli.models import is_iso_date
from hightech_cli.text import normalize

# The figure a filter or sort uses when a project has several: the overall total, then the
# cumulative total, then the first investment.
BASIS_PRIORITY: Final = ("total", "cumulative", "first")
_DAYS_IN: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
NO_TIME: Final = ("0000-01-01", "0000-01-01")
_COUNTED: Final = ("paragraphs", "entities", "facts")


def source_ranks(meta: Mapping[str, Any]) -> dict[str, int]:
    """Each source id's place in the store's list of sources."""
    return {str(src.get("id")): i for i, src in enumerate(meta.get("sources", []))}


def introduced(ent: Mapping[str, Any], ranks: Mapping[str, int]) -> tuple[int, int]:
    """Where an entity is introduced: its first source's place, then its first mention."""
    evidence = ent.get("evidence") or []
    first = evidence[0]["source"] if evidence else ""
    return (ranks.get(first, len(ranks)), min(ent.get("mentions") or [0]))


def row_sources(row: Mapping[str, Any]) -> set[Any]:
    """The sources a row rests on, as a ``--source`` filter reads them: a fact's evidence's, an
    entity's evidence's and those that mention it besides (any value, as the row has it)."""
    ev = row.get("evidence")
    if isinstance(ev, dict):
        return {ev.get("source")}
    found = {e.get("source") for e in ev or []}
    found |= {m.get("source") for m in row.get("other_mentions") or []}
    return found


def rests_on(row: Mapping[str, Any], sources: Collection[str]) -> bool:
    """Whether a row rests on one of ``sources`` (:func:`row_sources`)."""
    return not row_sources(row).isdisjoint(sources)


def entity_sources(ent: Mapping[str, Any]) -> list[str]:
    """The sources an entity rests on: its evidence's and those that mention it besides."""
    # A filter names sources by text.
    return sorted(s for s in row_sources(ent) if isinstance(s, str))


# ---------------------------------------------------------------------------------- time


def days_in(month: int) -> int:
    """The most days a month can have (February: 29)."""
    return _DAYS_IN[month - 1]


def span(date: str) -> tuple[str, str]:
    """The first and last day an ISO date as precise as its source means, as ``YYYY-MM-DD``
    text: 2025 is the year through, 2025-05 the month."""
    parts = date.split("-")
    year = parts[0].zfill(4)
    if len(parts) == 1:
        return f"{year}-01-01", f"{year}-12-31"
    month = parts[1].zfill(2)
    if len(parts) == 2:
        return f"{year}-{month}-01", f"{year}-{month}-{_DAYS_IN[int(month) - 1]:02d}"
    day = parts[2].zfill(2)
    return f"{year}-{month}-{day}", f"{year}-{month}-{day}"


def span_of(fact: Mapping[str, Any]) -> tuple[str, str]:
    """The first and last day a fact's date may mean (see :func:`span`); a date that is none
    (``hz check`` flags it) counts as its year, else as no time at all (sorted first)."""
    for when in (fact.get("date"), fact.get("year")):
        if when is not None and is_iso_date(str(when)):
            return span(str(when))
    return NO_TIME


class Dated(NamedTuple):
    """One event of the timeline: its place, its first and last day, its source and paragraph.
    The timeline is ordered by (first day, source's place, paragraph, place)."""

    n: int
    first: str
    last: str
    rank: int
    paragraph: int
    source: str

    def key(self) -> tuple[str, int, int, int]:
        return (self.first, self.rank, self.paragraph, self.n)

    def within(self, low: str | None, high: str | None, sources: Collection[str] | None) -> bool:
        """Whether its time overlaps the days ``low`` to ``high`` (inclusive, None: open) and
        its source is one of ``sources`` (None: any)."""
        if (low is not None and self.last < low) or (high is not None and self.first > high):
            return False
        return sources is None or self.source in sources


def dated(n: int, fact: Mapping[str, Any], ranks: Mapping[str, int]) -> Dated | None:
    """The timeline's entry for a fact, or None if it carries no year or date."""
    if "year" not in fact and "date" not in fact:
        return None
    first, last = span_of(fact)
    source = _one(fact["evidence"]["source"])
    rank = ranks.get(source, len(ranks))
    return Dated(n, _one(first), _one(last), rank, fact["evidence"]["paragraph"], source)


def _one(value: Any) -> Any:
    """One object for every equal text kept: a big store's rows repeat the same source, day,
    subject and unit thousands of times, each a string of its own once decoded."""
    return sys.intern(value) if type(value) is str else value


# ---------------------------------------------------------------------------------- figures


def figure_key(fact: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """What two figures must share to be about the same thing: subject, kind, topic, basis
    and phase of an investment, and the time they are for (None: the fact is no figure)."""
    if fact["kind"] not in ("quantity", "investment") or "value" not in fact:
        return None
    when = fact.get("date") or fact.get("year")
    return (
        fact["subject"],
        fact["kind"],
        normalize(fact["topic"]),
        fact.get("basis"),
        fact.get("phase"),
        str(when) if when is not None else None,
    )


def figure(fact: Mapping[str, Any]) -> tuple[Any, ...]:
    """A figure as compared: number, unit, qualifier, currency, and the figure before."""
    from decimal import Decimal  # here: lookups never compare figures

    def part(q: Any) -> tuple[Any, ...]:
        if not isinstance(q, dict):
            return ()
        return (Decimal(str(q.get("number"))), q.get("unit"), q.get("qualifier"), q.get("currency"))

    return (part(fact.get("value")), part(fact.get("before")))


class Figures:
    """Figures grouped by what they are about, keeping of each source and figure the first
    fact (a big store repeats one figure many times): enough to name every disagreeing pair."""

    def __init__(self) -> None:
        # Each group's first item of each (source, figure), in the order they came. Most groups
        # of a big store hold one: kept as the pair ``((source, figure), item)`` until another
        # comes, a dict then (a dict for each of a million figures would take hundreds of MB).
        self._groups: dict[tuple[Any, ...], Any] = {}
        self._figures: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # one of each equal figure

    def add(self, item: Any, fact: Mapping[str, Any]) -> None:
        key = figure_key(fact)
        if key is None:
            return
        key = tuple(_one(part) for part in key)
        compared = figure(fact)
        with contextlib.suppress(TypeError):  # a number that cannot be hashed: kept as it is
            compared = self._figures.setdefault(compared, compared)
        entry = (_one(fact["evidence"]["source"]), compared)
        found = self._groups.get(key)
        if found is None:
            self._groups[key] = (entry, item)
        elif isinstance(found, dict):
            found.setdefault(entry, item)
        elif found[0] != entry:
            self._groups[key] = {found[0]: found[1], entry: item}

    def pairs(self) -> list[tuple[Any, Any]]:
        """Pairs of items from different sources whose figures disagree, in store order. Nothing
        is merged: both stand, each with its source."""
        out = []
        for first in self._groups.values():
            if not isinstance(first, dict) or len({source for source, _ in first}) < 2:
                continue
            ones = list(first.items())
            for i, ((source_a, figure_a), a) in enumerate(ones):
                for (source_b, figure_b), b in ones[i + 1 :]:
                    if source_a != source_b and figure_a != figure_b:
                        out.append((a, b))
        return out


def differing(facts: Iterable[Mapping[str, Any]]) -> list[tuple[Any, Any]]:
    """The disagreeing pairs among these facts (see :class:`Figures`)."""
    found = Figures()
    for fact in facts:
        found.add(fact, fact)
    return found.pairs()


# ---------------------------------------------------------------------------------- projects


def measure(amounts: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The figure filters and sorts read among a project's investment facts (in store order):
    the first of the basis ``BASIS_PRIORITY`` puts first; None if it has none."""
    bases = [a.get("basis", "total") for a in amounts]
    chosen = next((b for b in BASIS_PRIORITY if b in bases), None)
    for amount, basis in zip(amounts, bases, strict=True):
        if basis == chosen:
            value = amount["value"]
            return {
                "basis": basis,
                "currency": value.get("currency", "CNY"),
                "minor": value["minor"],
                "qualifier": value["qualifier"],
            }
    return None


def is_amount(fact: Mapping[str, Any], subject: str) -> bool:
    """Whether a fact is one of the project ``subject``'s own investment figures."""
    return fact["subject"] == subject and fact["kind"] == "investment" and "value" in fact


class ProjectHead(NamedTuple):
    """What ``hz projects`` filters and sorts a project by, without its whole row: the entity's
    own fields, its sources, and its measure (``basis`` to ``qualifier``: None without one)."""

    id: str
    name: str
    pinyin: str | None  # its first stored pinyin key
    investor: str | None
    year: Any
    status: Any
    sources: list[str]
    basis: str | None
    currency: str | None
    minor: int | None
    qualifier: str | None
    # The investor's name and first pinyin key, where the investor is a company of the store
    # (what ``--sort investor`` orders by); None where it is not known so, and is looked up.
    investor_name: str | None
    investor_pinyin: str | None


# A company's name and its first stored pinyin key (None without one).
Named = tuple[str, str | None]


def first_pinyin(ent: Mapping[str, Any]) -> str | None:
    """An entity's first stored pinyin key, if it has one."""
    keys = ent.get("keys") or {}
    pinyin = keys.get("pinyin") or [] if isinstance(keys, Mapping) else []
    return str(pinyin[0]) if pinyin else None


def project_head(
    ent: Mapping[str, Any], amounts: Sequence[Mapping[str, Any]], investor: Named | None = None
) -> ProjectHead:
    """A project's head, from its entity, its investment facts in store order and, if it is
    known, its investing company's name and pinyin key."""
    m = measure(amounts) or dict.fromkeys(("basis", "currency", "minor", "qualifier"))
    return ProjectHead(
        ent["id"],
        ent["name"],
        first_pinyin(ent),
        ent.get("investor"),
        ent.get("year"),
        ent.get("status"),
        entity_sources(ent),
        m["basis"],
        m["currency"],
        m["minor"],
        m["qualifier"],
        *(investor or (None, None)),
    )


# ---------------------------------------------------------------------------------- the lot


class Lists(NamedTuple):
    """What :class:`Derived` ends with; every list of places is in the order it is shown."""

    companies: list[int]  # company entities, as introduced
    projects: list[ProjectHead]  # in store order
    timeline: list[Dated]
    conflicts: list[tuple[int, int]]  # fact places
    sources: dict[str, dict[str, int]]


# The fields of an entity and of a fact that :class:`Derived` and :func:`row_sources` read: a
# pass over many rows for them may decode only these (``store/index_patch.py``).
ENTITY_FIELDS: Final = (
    "id", "kind", "name", "evidence", "mentions", "other_mentions", "keys", "investor", "year",
    "status",
)  # fmt: skip
FACT_FIELDS: Final = (
    "subject", "kind", "topic", "value", "before", "date", "year", "basis", "phase", "evidence",
    "other_mentions",
)  # fmt: skip


class Derived:
    """Feed the meta, then every entity, then every fact (each in store order), then the
    blocks' sources; :meth:`lists` gives the result. Keeps small keys, never whole rows."""

    def __init__(self, meta: Mapping[str, Any]) -> None:
        self._ranks = source_ranks(meta)
        self._companies: list[tuple[tuple[int, int], int]] = []
        self._named: dict[str, Named] = {}  # each company's name and pinyin key, by id
        # id -> the fields of the project's entity a head reads, as compact JSON: a big store
        # holds tens of thousands of projects, and their evidence decoded is many small objects
        import msgspec  # here: only a pass over every row derives the lists

        self._pack, self._unpack = msgspec.json.encode, msgspec.json.decode
        self._projects: dict[str, bytes] = {}
        self._amounts: dict[str, list[Mapping[str, Any]]] = {}
        self._timeline: list[Dated] = []
        self._figures = Figures()
        # Each count by source, in the order sources are first seen: paragraphs, then
        # entities, then facts decide where a source the meta does not list comes.
        self._counts: dict[str, dict[str, int]] = {what: {} for what in _COUNTED}

    def _count(self, what: str, source: str) -> None:
        counts = self._counts[what]
        counts[source] = counts.get(source, 0) + 1

    def entity(self, n: int, ent: Mapping[str, Any]) -> None:
        if ent["kind"] == "company":
            self._companies.append((introduced(ent, self._ranks), n))
            ident, name = ent["id"], ent["name"]
            if isinstance(ident, str) and isinstance(name, str):  # else looked up, as others
                self._named.setdefault(ident, (name, first_pinyin(ent)))
        elif ent["kind"] == "project":
            self._projects[ent["id"]] = self._pack(_project_part(ent))
        for source in {ev["source"] for ev in ent.get("evidence", [])}:
            self._count("entities", source)

    def _investor(self, project: Mapping[str, Any]) -> Named | None:
        investor = project.get("investor")
        return self._named.get(investor) if isinstance(investor, str) else None

    def fact(self, n: int, fact: Mapping[str, Any]) -> None:
        subject = fact["subject"]
        if subject in self._projects and is_amount(fact, subject):
            self._amounts.setdefault(subject, []).append(_amount_part(fact))
        entry = dated(n, fact, self._ranks)
        if entry is not None:
            self._timeline.append(entry)
        self._figures.add(n, fact)
        self._count("facts", fact["evidence"]["source"])

    def block(self, source: str) -> None:
        """A block's source, the blocks fed by paragraph number (as ``Reader.blocks``)."""
        self._count("paragraphs", source)

    def lists(self) -> Lists:
        self._companies.sort(key=lambda c: c[0])  # stable: store order among equals
        self._timeline.sort(key=Dated.key)
        sources: dict[str, dict[str, int]] = {}
        for what in _COUNTED:
            for source, count in self._counts[what].items():
                sources.setdefault(source, dict.fromkeys(_COUNTED, 0))[what] = count
        return Lists(
            companies=[n for _, n in self._companies],
            projects=[
                project_head(ent, self._amounts.get(pid, []), self._investor(ent))
                for pid, packed in self._projects.items()
                for ent in [self._unpack(packed)]
            ],
            timeline=self._timeline,
            conflicts=self._figures.pairs(),
            sources=sources,
        )


def _project_part(ent: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a project entity its head reads (so the whole row is not kept)."""
    wanted = ("id", "name", "keys", "investor", "year", "status", "evidence", "other_mentions")
    return {k: ent[k] for k in wanted if k in ent}


def _amount_part(fact: Mapping[str, Any]) -> dict[str, Any]:
    return {"basis": fact.get("basis", "total"), "value": fact["value"]}


def derive(
    meta: Mapping[str, Any],
    entities: Iterable[Mapping[str, Any]],
    facts: Iterable[Mapping[str, Any]],
    block_sources: Iterable[str],
) -> Lists:
    """:class:`Derived` over whole tables."""
    found = Derived(meta)
    for n, ent in enumerate(entities):
        found.entity(n, ent)
    for n, fact in enumerate(facts):
        found.fact(n, fact)
    for source in block_sources:
        found.block(source)
    return found.lists()
