"""Questions hz answers, as functions over a store ``Reader`` that return JSON-ready data.

Every function takes the store and keyword-only filters and returns the shapes from
``views.py``: one dict for lookups; for list commands, an iterator of dicts built as they are
read (empty when nothing matches), so that a list of a million rows is printed as it comes,
not held whole (read it while the store is open; ``list()`` it to keep it).
Name arguments go through ``names.resolve_one``, which raises ``NotFound``/``Ambiguous``.
Nothing here formats text for a terminal.

A lookup asks the store only for what it needs: the name's candidates, facts about an entity,
entities that refer to it, an entity or fact by id. On a big store these are reads of a few
rows (``store/reader.py``), so single-entity questions cost about the same whatever the size
of the store; a list reads its rows in order, and no further than its page's end.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, cast

from hightech_cli import orders
from hightech_cli.errors import NotFound, StoreError, UsageError
from hightech_cli.models import Entity, Fact, is_rate
from hightech_cli.names import not_found, resolve_one
from hightech_cli.store.reader import Reader
from hightech_cli.text import normalize
from hightech_cli.views import (
    block_record_view,
    block_view,
    entity_view,
    fact_view,
    ref_view,
    source_row,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from hightech_cli.numbers.amounts import Money

_Row = TypeVar("_Row", bound=Mapping[str, Any])
_T = TypeVar("_T")
ProjectSort = Literal["amount", "name", "year", "investor", "status"]
PROJECT_SORTS: Final[tuple[ProjectSort, ...]] = ("amount", "name", "year", "investor", "status")

_STAT_SUBJECT_KINDS: Final = ("zone", "policy", "organisation")


def _resolve(store: Reader, name: str, *kinds: str) -> Entity:
    """The one entity of these kinds that a user's name means (NotFound/Ambiguous otherwise).

    Resolving over the store's candidates gives what resolving over every entity would; only
    the did-you-mean of a miss compares the name with every entity of the kinds.
    """
    wanted = set(kinds)
    try:
        return cast(Entity, resolve_one(name, store.name_candidates(name, wanted), kinds=wanted))
    except NotFound:
        pass
    # A name typed in traditional characters (小優智能) means the one the store has in simplified
    # ones, as names from any article are stored (sources/simplified.py).
    from hightech_cli.hanzi import simplify

    plain = simplify(name)
    if plain != name:
        with contextlib.suppress(NotFound):
            return cast(
                Entity, resolve_one(plain, store.name_candidates(plain, wanted), kinds=wanted)
            )
    raise not_found(name, store.suggestion_pool(name, wanted), kinds=wanted)


def _dedupe(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for item in items:
        if item["id"] not in seen:
            seen.add(item["id"])
            out.append(item)
    return out


# ---------------------------------------------------------------------------------- sources


def _wanted_sources(store: Reader, sources: Collection[str] | None) -> set[str] | None:
    """The source ids a list is limited to (None: every one); NotFound for an unknown id."""
    if not sources:
        return None
    ids = store.source_ids()
    return {resolve_source(sid, ids) for sid in sources}


def find_source(given: str, ids: list[str]) -> str | None:
    """The source id ``given`` means, read by the rule every value is (case, full-width forms
    and spaces at either end do not matter): the id as written if the store has it, else the
    one id that folds to the same text; None if none does, NotFound if several do, and
    UsageError if ``given`` folds to nothing (an empty id is no id, as an empty name is none)."""
    if given in ids:
        return given
    key = normalize(given)
    if not key:
        raise UsageError(f"empty source id {given!r}", hint=f"sources: {some_ids(ids)}")
    found = [sid for sid in ids if normalize(sid) == key] if key else []
    if len(found) > 1:
        raise NotFound(f"source {given!r} is ambiguous", hint=f"it could be {some_ids(found)}")
    return found[0] if found else None


def resolve_source(given: str, ids: list[str]) -> str:
    """:func:`find_source`, with NotFound naming the ids there are where none is meant."""
    found = find_source(given, ids)
    if found is None:
        raise not_found_source(given, ids)
    return found


def _rests_on(row: Mapping[str, Any], wanted: set[str]) -> bool:
    """Whether a row rests on one of the wanted sources: a fact by its evidence, an entity by
    any of its evidence or the sources that mention it (``orders.row_sources``)."""
    return orders.rests_on(row, wanted)


def page(rows: list[_T], limit: int | None, offset: int = 0) -> list[_T]:
    """Rows ``offset`` to ``offset + limit`` of a list (every row from ``offset`` if no limit):
    a person pages a long list, a script fetches it in pieces."""
    return rows[offset : _page_end(limit, offset)]


def _page_end(limit: int | None, offset: int) -> int | None:
    """Where a page ends (None: at the end of the list); UsageError for a negative count."""
    if (limit is not None and limit < 0) or offset < 0:
        raise UsageError("--limit and --offset take a number from 0", hint="e.g. --limit 50")
    return None if limit is None else offset + limit


def _paged(
    rows: Iterable[_Row], wanted: set[str] | None, limit: int | None, offset: int
) -> Iterator[_Row]:
    """A page of rows resting on the wanted sources, in the order given, read as it is asked
    for: no row past the page's end is read."""
    if wanted is not None:
        rows = (row for row in rows if _rests_on(row, wanted))
    return stream(rows, limit, offset)


def stream(rows: Iterable[_T], limit: int | None, offset: int = 0) -> Iterator[_T]:
    """``page`` of rows read in order, as it is asked for: none past the page's end is read.
    A count past any list's length (beyond ``sys.maxsize``) means its end. A bad count is
    refused at once, before anything is read."""
    end = _page_end(limit, offset)
    most = sys.maxsize
    return islice(rows, min(offset, most), None if end is None else min(end, most))


def window(rows: Iterable[_T], limit: int | None, offset: int = 0) -> list[_T]:
    """:func:`stream`'s rows in a list."""
    return list(stream(rows, limit, offset))


# ---------------------------------------------------------------------------------- money


def exchange_rate(store: Reader, usd_cny: str | Decimal | None = None) -> dict[str, str] | None:
    """The USD→CNY rate in force: the user's override, else the store's, else None. Either is
    read by one rule (``models.is_rate``), which keeps every conversion bounded."""
    if usd_cny is not None:
        given = str(usd_cny).strip()
        if not is_rate(given):
            raise UsageError(
                f"invalid exchange rate {usd_cny!r}",
                hint="give CNY per USD as a plain decimal number, e.g. --usd-cny 7.1",
            )
        from decimal import Decimal  # here: most commands never need it

        return {
            "base": "USD",
            "quote": "CNY",
            "rate": str(Decimal(given)),
            "as_of": "",
            "source": "given on the command line",
        }
    stored = store.exchange_rate("USD", "CNY")
    if stored is None:
        return None
    stored_rate = stored.get("rate")
    if not isinstance(stored_rate, str) or not is_rate(stored_rate):
        raise StoreError(
            f"the store's USD/CNY exchange rate is not a positive number: {store.path}",
            hint="'hz check' says more; --usd-cny RATE gives one",
        )
    return {k: str(v) for k, v in stored.items()}


def convertible(currency: str, target: str, rate: dict[str, str] | None) -> bool:
    """Whether an amount can be read in another currency: the same, or US dollars and yuan
    with a rate (the store records no other rate)."""
    return currency == target or ({currency, target} == {"USD", "CNY"} and rate is not None)


def _in_currency(minor: int, currency: str, target: str, rate: dict[str, str] | None) -> int:
    """An amount in another currency; a store without a rate can still answer in one currency."""
    if currency == target:
        return minor
    if {currency, target} != {"USD", "CNY"}:
        raise UsageError(
            f"cannot compare {currency} with {target}: hz records no rate between them",
            hint="compare amounts in CNY or USD",
        )
    if rate is None:
        raise UsageError(
            f"cannot compare {currency} with {target}: the store records no USD/CNY rate",
            hint="pass one with --usd-cny RATE",
        )
    from decimal import Decimal

    from hightech_cli.numbers.amounts import convert

    return convert(minor, currency, target, Decimal(rate["rate"]))


def _amount_view(fact: Fact, rate: dict[str, str] | None, display: str) -> dict[str, Any]:
    value = fact["value"]
    view: dict[str, Any] = {
        "id": fact["id"],
        "basis": fact.get("basis", "total"),
        "topic": fact["topic"],
        "value": value,
    }
    currency = value.get("currency", "CNY")
    if currency != display and convertible(currency, display, rate):
        view["converted"] = {
            "currency": display,
            "minor": _in_currency(value.get("minor", 0), currency, display, rate),
            "approximate": True,
            "rate": rate,
        }
    if "date" in fact:
        view["date"] = fact["date"]
    if "note" in fact:
        view["note"] = fact["note"]
    view["evidence"] = fact["evidence"]
    return view


def _passes(minor: int, qualifier: str, low: int | None, high: int | None) -> bool:
    """Whether a figure meets inclusive bounds, reading its qualifier.

    A figure written 超x or x余 (more_than) lies above x: it meets a lower bound b when x >= b,
    and an upper bound b only when x < b. Every other figure, 上百 (at_least) and the approximate
    约/近/级 included, is compared as written; the JSON keeps the qualifier for the reader.
    """
    if low is not None and minor < low:
        return False
    if high is not None:
        return minor < high if qualifier == "more_than" else minor <= high
    return True


def project_row(
    store: Reader, project: Entity, rate: dict[str, str] | None, *, display: str = "CNY"
) -> dict[str, Any]:
    """One investment project with all its figures; ``measure`` names the one filters use.

    Amounts in a currency other than ``display`` carry a ``converted`` figure in it.
    """
    facts = [f for f in store.facts_about(project["id"]) if orders.is_amount(f, project["id"])]
    amounts = [_amount_view(f, rate, display) for f in facts]
    bases = [a["basis"] for a in amounts]
    measure = next((b for b in orders.BASIS_PRIORITY if b in bases), None)
    row = entity_view(store, project)
    row["amounts"] = amounts
    row["measure"] = measure
    return row


class _Measures:
    """Projects' measures (``orders.measure``) read in a currency, each conversion done once
    (a corpus repeats amounts, and a sort asks for each again)."""

    def __init__(self, rate: dict[str, str] | None) -> None:
        self.rate = rate
        self._converted: dict[tuple[int, str, str], int] = {}

    def of(self, head: orders.ProjectHead, currency: str) -> int | None:
        """The measure in ``currency``; None if there is none, or it cannot be read in it."""
        if head.minor is None or head.currency is None:
            return None
        if head.currency == currency:
            return head.minor
        if not convertible(head.currency, currency, self.rate):
            return None
        key = (head.minor, head.currency, currency)
        if key not in self._converted:
            self._converted[key] = _in_currency(head.minor, head.currency, currency, self.rate)
        return self._converted[key]


def projects(
    store: Reader,
    *,
    min_invest: Money | None = None,
    max_invest: Money | None = None,
    company: str | None = None,
    sort: ProjectSort = "amount",
    usd_cny: str | Decimal | None = None,
    sources: Collection[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    unrated: dict[str, int] | None = None,
) -> Iterator[dict[str, Any]]:
    """Investment projects, filtered by amount bounds (inclusive), investor and source, then
    sorted. Filters and sorts read each project's head (``orders.project_head``); only the
    page's projects are read whole. A bound leaves out the projects whose amount is in a
    currency with no rate to the bound's; ``unrated``, if given, counts them by currency."""
    wanted = _wanted_sources(store, sources)
    rate = exchange_rate(store, usd_cny)
    bound = min_invest or max_invest
    # With a bound in US dollars, yuan amounts are shown converted to dollars, and vice versa.
    display = bound.currency if bound is not None else "CNY"
    heads = store.project_heads()
    if wanted is not None:
        heads = [h for h in heads if not wanted.isdisjoint(h.sources)]
    if company is not None:
        investor = _resolve(store, company, "company")
        heads = [h for h in heads if h.investor == investor["id"]]
    if min_invest is not None or max_invest is not None:
        max_minor: int | None
        if min_invest and max_invest and min_invest.currency != max_invest.currency:
            max_minor = _in_currency(max_invest.minor, max_invest.currency, display, rate)
        else:
            max_minor = max_invest.minor if max_invest else None
        low = min_invest.minor if min_invest else None
        if min_invest and max_invest and max_minor is not None and min_invest.minor > max_minor:
            from hightech_cli.numbers.amounts import format_money

            raise UsageError(
                f"--min-invest {format_money(min_invest.minor, min_invest.currency)} is more "
                f"than --max-invest {format_money(max_invest.minor, max_invest.currency)}: "
                "no amount is in both",
                hint="the bounds are inclusive: --min-invest 1亿 --max-invest 5亿",
            )
        kept = []
        measures = _Measures(rate)
        for head in heads:
            # A project with no figure, or one in a currency with no rate to the bound's, cannot
            # be said to meet the bound: it is left out.
            minor = measures.of(head, display)
            if minor is not None and _passes(minor, str(head.qualifier), low, max_minor):
                kept.append(head)
            elif minor is None and head.minor is not None and unrated is not None:
                currency = str(head.currency)
                unrated[currency] = unrated.get(currency, 0) + 1
        heads = kept
    shown = page(_sort_projects(store, heads, sort, _Measures(rate)), limit, offset)
    return (project_row(store, store.entity(h.id), rate, display=display) for h in shown)


def _sort_projects(
    store: Reader, heads: list[orders.ProjectHead], sort: ProjectSort, measures: _Measures
) -> list[orders.ProjectHead]:
    if sort not in PROJECT_SORTS:
        raise UsageError(f"cannot sort by {sort!r}", hint=f"use one of {', '.join(PROJECT_SORTS)}")
    if sort == "amount":

        def amount_key(head: orders.ProjectHead) -> tuple[int, int]:
            minor = measures.of(head, "CNY")
            return (1, 0) if minor is None else (0, -minor)

        return sorted(heads, key=amount_key)
    if sort == "year":
        return sorted(heads, key=lambda h: (h.year is None, h.year or 0))
    if sort in ("name", "investor"):
        # Names sort as a Chinese reader expects them, by pinyin (阿, 长, 青), not by code point.
        order = _PinyinOrder(store)
        if sort == "name":
            return sorted(heads, key=lambda h: order.key_of(h.name, h.pinyin))
        # A head knows its investor's name and pinyin where the investor is a company; any
        # other is looked up (once each).
        looked_up = {
            h.investor: ref_view(store, h.investor)
            for h in heads
            if h.investor and h.investor_name is None
        }

        def investor_key(head: orders.ProjectHead) -> tuple[bool, tuple[str, str]]:
            if not head.investor:  # no investor: last, all alike, so in store order
                return (True, ("", ""))
            if head.investor_name is not None:
                return (False, order.key_of(head.investor_name, head.investor_pinyin))
            return (False, order.key(looked_up[head.investor] or {}))

        return sorted(heads, key=investor_key)
    return sorted(heads, key=lambda h: str(h.status or ""))


class _PinyinOrder:
    """Sort keys of entities by name in pinyin order: the full pinyin key the store holds for
    the entity (computed when it was built, with the readings of proper names set right: 长木谷
    is chang), else pypinyin's reading of the name, imported only then (a store made by
    another program may hold no keys), else the name itself."""

    def __init__(self, store: Reader) -> None:
        self.store = store

    def key_of(self, name: Any, pinyin: str | None) -> tuple[str, str]:
        """The key of an entity whose name and first pinyin key (None: it has none) are known,
        as :meth:`key` gives it."""
        if pinyin:
            return (str(pinyin), str(name or ""))
        return self.key({"name": name, "pinyin": None})

    def key(self, ref: Mapping[str, Any]) -> tuple[str, str]:
        """``ref``: an entity's id and name, and its first pinyin key if known (a project's
        head carries it), else looked up."""
        name = str(ref.get("name") or "")
        if "pinyin" in ref:
            stored = [ref["pinyin"]] if ref["pinyin"] else []
        else:
            entity = self.store.get_entity(str(ref["id"])) if ref.get("id") else None
            keys: Mapping[str, Any] = cast("Mapping[str, Any]", entity or {}).get("keys") or {}
            stored = keys.get("pinyin") or []
        if stored:
            return (str(stored[0]), name)
        try:
            from hightech_cli.sources.keys import name_key
        except ImportError:  # pypinyin missing from this install: code-point order
            return (name.casefold(), name)
        computed = name_key(name)
        return (computed[0] if computed else name.casefold(), name)


# ---------------------------------------------------------------------------------- entities


def company_card(store: Reader, name: str) -> dict[str, Any]:
    """Everything the store says about one company."""
    ent = _resolve(store, name, "company")
    cid = ent["id"]
    related = store.facts_about(cid)
    people = [p for p in store.entities_referring(cid, "org") if p["kind"] == "person"]
    person_ids = {p["id"] for p in people}
    rate = exchange_rate(store)
    card = entity_view(store, ent)
    own = [f for f in related if f["subject"] == cid]
    card["facts"] = [fact_view(store, f) for f in own]
    _mark_differing(card["facts"], own)
    card["projects"] = [
        project_row(store, p, rate)
        for p in store.entities_referring(cid, "investor")
        if p["kind"] == "project"
    ]
    card["people"] = [_person_view(store, p) for p in people]
    # Quotes by its people or referring to it: all are among the facts about them.
    card["quotes"] = [
        fact_view(store, f)
        for f in store.facts_about_any([*person_ids, cid])
        if f["kind"] == "quote" and (f["subject"] in person_ids or cid in f.get("refs", []))
    ]
    others = [f for f in related if f["subject"] != cid and f["kind"] != "quote"]
    card["policies"] = _dedupe(
        ref for f in others if (ref := ref_view(store, f["subject"])) and ref["kind"] == "policy"
    )
    card["mentioned_in"] = [fact_view(store, f) for f in others]
    return card


def companies(
    store: Reader,
    *,
    sources: Collection[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    """All companies, in the order the article introduces them (``limit``/``offset``: a page)."""
    wanted = _wanted_sources(store, sources)
    rows = store.introduced_companies() if wanted is None else store.companies_citing(wanted)
    found = _paged(rows, wanted, limit, offset)
    return (_company_view(store, ent) for ent in found)


def _company_view(store: Reader, company: Entity) -> dict[str, Any]:
    view = entity_view(store, company)
    view["fact_count"] = store.fact_count(company["id"])
    return view


def _person_view(store: Reader, person: Entity) -> dict[str, Any]:
    view = entity_view(store, person)
    view["quotes"] = [
        fact_view(store, f)
        for f in store.facts_about(person["id"])
        if f["kind"] == "quote" and f["subject"] == person["id"]
    ]
    return view


def people(
    store: Reader,
    *,
    sources: Collection[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    """Everyone the articles name, with role, organisation and quotes."""
    wanted = _wanted_sources(store, sources)
    found = _paged(_of_kinds(store, ("person",), wanted), wanted, limit, offset)
    return (_person_view(store, p) for p in found)


def person(store: Reader, name: str) -> dict[str, Any]:
    """One person, looked up by name."""
    return _person_view(store, _resolve(store, name, "person"))


def _policy_view(store: Reader, policy: Entity) -> dict[str, Any]:
    view = entity_view(store, policy)
    view["facts"] = [
        fact_view(store, f) for f in store.facts_about(policy["id"]) if f["subject"] == policy["id"]
    ]
    return view


def policies(
    store: Reader,
    *,
    sources: Collection[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    """Policies, services, platforms, mechanisms and alliances, with their figures."""
    wanted = _wanted_sources(store, sources)
    found = _paged(_of_kinds(store, ("policy", "organisation"), wanted), wanted, limit, offset)
    return (_policy_view(store, p) for p in found)


def _of_kinds(store: Reader, kinds: tuple[str, ...], wanted: set[str] | None) -> Iterator[Entity]:
    """Entities of these kinds in store order; those resting on the wanted sources, if any."""
    return store.entities_of(*kinds) if wanted is None else store.entities_citing(kinds, wanted)


def policy(store: Reader, name: str) -> dict[str, Any]:
    """One policy, service, platform, mechanism or alliance, looked up by name."""
    ent = _resolve(store, name, "policy", "organisation")
    return _policy_view(store, ent)


def stats(
    store: Reader,
    *,
    keyword: str | None = None,
    sources: Collection[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    """The zone's statistics (figures about the zone and its policies), qualifiers kept."""
    wanted = _wanted_sources(store, sources)
    key = normalize(keyword) if keyword else ""
    rows = (
        store.facts_of("quantity") if wanted is None else store.facts_citing(("quantity",), wanted)
    )
    kept = (f for f in rows if _is_stat(store, f, wanted, key))
    return (fact_view(store, f) for f in stream(kept, limit, offset))


def _is_stat(store: Reader, fact: Fact, wanted: set[str] | None, key: str) -> bool:
    """Whether a quantity is one of the zone's statistics, from a wanted source, holding the
    normalised keyword (if any)."""
    subject = store.get_entity(fact["subject"])
    if subject is None or subject["kind"] not in _STAT_SUBJECT_KINDS:
        return False
    if wanted is not None and fact["evidence"]["source"] not in wanted:
        return False
    if not key:
        return True
    haystack = " ".join(
        [fact["topic"], fact["text"], subject["name"], fact.get("value", {}).get("text", "")]
    )
    return key in normalize(haystack)


def timeline(
    store: Reader,
    *,
    since: str | None = None,
    until: str | None = None,
    sources: Collection[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    """Dated facts of every source in order of date (as precise as each source is), then of
    the store's sources, then of the article; ``since``/``until`` (YYYY[-MM[-DD]], inclusive)
    keep the events whose time overlaps them."""
    wanted = _wanted_sources(store, sources)
    low = None if since is None else _date_bound(since, "--since", end=False)
    high = None if until is None else _date_bound(until, "--until", end=True)
    if low is not None and high is not None and low > high:
        raise UsageError(
            f"--since {since!r} is after --until {until!r}: no time is in both",
            hint="give the earlier date to --since",
        )
    found = stream(store.timeline(low, high, wanted), limit, offset)
    return (fact_view(store, f) for f in found)


def _date_bound(text: str, option: str, *, end: bool) -> str:
    """A --since/--until date as the first (or last) day it means; UsageError if it is none
    (an empty value, a day its month does not have that year, digits other than 0-9 and their
    full-width forms). It is written YYYY[-MM[-DD]] (or with / or .), or as Chinese text
    writes dates: 2025年, 2025年3月, 2025年3月12日 (or 号)."""
    import re
    import unicodedata

    from hightech_cli.models import is_iso_date

    plain = unicodedata.normalize("NFKC", text).strip()
    m = re.fullmatch(r"([0-9]{4})(?:[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?)?", plain)
    m = m or re.fullmatch(r"([0-9]{4})年(?:([0-9]{1,2})月(?:([0-9]{1,2})[日号])?)?", plain)
    month = int(m.group(2)) if m and m.group(2) else 1
    day = int(m.group(3)) if m and m.group(3) else 1
    if m is None or not is_iso_date(f"{m.group(1)}-{month:02d}-{day:02d}"):
        raise UsageError(
            f"invalid date {text!r} for {option}",
            hint="give YYYY, YYYY-MM or YYYY-MM-DD, or 2025年3月12日",
        )
    first, last = orders.span("-".join(p for p in m.groups() if p))
    return last if end else first


# ---------------------------------------------------------------------------------- conflicts


def _mark_differing(views: list[dict[str, Any]], facts: list[Fact]) -> None:
    """Mark each fact view whose figure another source gives otherwise (``differs_from``)."""
    other: dict[str, list[str]] = {}
    for a, b in orders.differing(facts):
        other.setdefault(a["id"], []).append(b["id"])
        other.setdefault(b["id"], []).append(a["id"])
    for view in views:
        if view["id"] in other:
            view["differs_from"] = other[view["id"]]


def conflicts(
    store: Reader,
    *,
    sources: Collection[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    """Every pair of figures from different sources about the same subject and topic (and
    basis, phase and time) that disagree, with both facts and their quotes."""
    wanted = _wanted_sources(store, sources)
    _page_end(limit, offset)  # a bad count is refused before anything is read
    pairs = (
        (a, b)
        for a, b in store.figure_pairs()
        if wanted is None or {a["evidence"]["source"], b["evidence"]["source"]} & wanted
    )
    return (
        {
            "subject": ref_view(store, a["subject"]),
            "topic": a["topic"],
            "facts": [fact_view(store, a), fact_view(store, b)],
        }
        for a, b in stream(pairs, limit, offset)
    )


def zone(store: Reader, *, limit: int | None = None, offset: int = 0) -> dict[str, Any]:
    """The zone's profile: positioning, mission, goal, industries, and its figures
    (``limit``/``offset``: a page of each list, facts and statistics)."""
    _page_end(limit, offset)  # a bad count is refused before anything is read
    ent = next(store.entities_of("zone"), None)
    if ent is None:
        raise NotFound("the store has no zone entity")
    view = entity_view(store, ent)
    for key, quantities in (("facts", False), ("statistics", True)):
        own = store.subject_facts(ent["id"], quantities=quantities)
        view[key] = [fact_view(store, f) for f in window(own, limit, offset)]
    return view


def sources(store: Reader, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Every source of the store, with its paragraphs and the entities and facts citing it.
    Only the store's sources: an id that rows cite but the store does not list is no source
    (``hz source`` does not know it either); :func:`stray_sources` names those."""
    cited = store.source_counts()
    zero = {"paragraphs": 0, "entities": 0, "facts": 0}
    rows = [
        source_row(src, cited.get(str(src["id"]), zero)) for src in store.meta.get("sources", [])
    ]
    return page(rows, limit, offset)


def stray_sources(store: Reader) -> list[str]:
    """Ids that paragraphs, entities or facts cite but that are no source of the store: a
    damaged store (``hz check`` reports each row), never listed as a source."""
    known = set(store.source_ids())
    return sorted(sid for sid in store.source_counts() if sid not in known)


def source(
    store: Reader, source_id: str | None = None, paragraph: int | None = None
) -> dict[str, Any]:
    """One source's attribution and blocks, or one of its blocks. Without an id, the store's
    only source; with several, a usage error that lists them."""
    ids = store.source_ids()
    if source_id is None:
        if len(ids) > 1:
            raise UsageError(
                f"the store has {len(ids)} sources: say which one",
                hint=f"hz source ID [N]; 'hz sources' lists them ({some_ids(ids)})",
            )
        if not ids:
            raise NotFound("the store has no source")
        source_id = ids[0]
    else:
        source_id = resolve_source(source_id, ids)
    if paragraph is not None:
        return block_view(store, paragraph, source_id)
    meta = dict(next(src for src in store.meta["sources"] if src["id"] == source_id))
    meta["blocks"] = [block_record_view(b) for b in store.blocks if b["source"] == source_id]
    return meta


def not_found_source(source_id: str, ids: list[str]) -> NotFound:
    """No source with this id: the error, naming the ids there are."""
    return NotFound(f"no source {source_id!r} in the store", hint=f"sources: {some_ids(ids)}")


def some_ids(ids: list[str], most: int = 8) -> str:
    """Ids for a hint: the first few, and how many more."""
    return ", ".join(ids[:most]) + (f" and {len(ids) - most} more" if len(ids) > most else "")


def search(
    store: Reader, terms: list[str], *, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Entities, facts and source paragraphs that contain every term, best first: ``offset``
    hits skipped, then at most ``limit`` (None: all)."""
    rows = []
    for hit in store.search(terms, limit=limit, offset=offset):
        row: dict[str, Any] = {
            "rank": hit.rank,
            "kind": hit.kind,
            "id": hit.id,
            "source": hit.source,
            "paragraph": hit.paragraph,
            "text": hit.text,
            "spans": [list(s) for s in hit.spans],
        }
        if hit.kind == "entity":
            row["entity"] = ref_view(store, hit.id)
        elif hit.kind == "fact":
            fact = store.get_fact(hit.id)
            if fact is not None:
                row["entity"] = ref_view(store, fact["subject"])
        rows.append(row)
    return rows
