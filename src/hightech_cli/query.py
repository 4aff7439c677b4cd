"""Questions hz answers, as functions over a store ``Reader`` that return JSON-ready data.

Every function takes the store and keyword-only filters and returns the shapes from
``views.py``: a list for list commands (``[]`` when nothing matches), one dict for lookups.
Name arguments go through ``names.resolve_one``, which raises ``NotFound``/``Ambiguous``.
Nothing here formats text for a terminal.

A lookup asks the store only for what it needs: the name's candidates, facts about an entity,
entities that refer to it, an entity or fact by id. On a big store these are reads of a few
rows (``store/reader.py``), so single-entity questions cost about the same whatever the size
of the store; list commands (``stats``, ``timeline``, ``search`` …) read whole tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, cast

from hightech_cli.errors import NotFound, UsageError
from hightech_cli.models import Entity, Fact
from hightech_cli.names import not_found, resolve_one
from hightech_cli.store.reader import Reader
from hightech_cli.text import normalize
from hightech_cli.views import block_view, entity_view, fact_view, ref_view

if TYPE_CHECKING:
    from decimal import Decimal

    from hightech_cli.numbers.amounts import Money

ProjectSort = Literal["amount", "name", "year", "investor", "status"]
PROJECT_SORTS: Final[tuple[ProjectSort, ...]] = ("amount", "name", "year", "investor", "status")

# The figure a filter or sort uses when a project has several: the overall total, then the
# cumulative total, then the first investment.
_BASIS_PRIORITY: Final = ("total", "cumulative", "first")
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
        raise not_found(name, store.name_pool(wanted), kinds=wanted) from None


def _dedupe(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for item in items:
        if item["id"] not in seen:
            seen.add(item["id"])
            out.append(item)
    return out


# ---------------------------------------------------------------------------------- money


def exchange_rate(store: Reader, usd_cny: str | Decimal | None = None) -> dict[str, str] | None:
    """The USD→CNY rate in force: the user's override, else the store's, else None."""
    if usd_cny is not None:
        from decimal import Decimal, InvalidOperation  # here: most commands never need it

        try:
            rate = Decimal(str(usd_cny).strip())
        except InvalidOperation:
            rate = Decimal("NaN")
        if not rate.is_finite() or rate <= 0:
            raise UsageError(
                f"invalid exchange rate {usd_cny!r}", hint="give CNY per USD, e.g. --usd-cny 7.1"
            )
        return {
            "base": "USD",
            "quote": "CNY",
            "rate": str(rate),
            "as_of": "",
            "source": "given on the command line",
        }
    stored = store.exchange_rate("USD", "CNY")
    return None if stored is None else {k: str(v) for k, v in stored.items()}


def _in_currency(minor: int, currency: str, target: str, rate: dict[str, str] | None) -> int:
    """An amount in another currency; a store without a rate can still answer in one currency."""
    if currency == target:
        return minor
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
    if currency != display:
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
    facts = [
        f
        for f in store.facts_about(project["id"])
        if f["subject"] == project["id"] and f["kind"] == "investment" and "value" in f
    ]
    amounts = [_amount_view(f, rate, display) for f in facts]
    bases = [a["basis"] for a in amounts]
    measure = next((b for b in _BASIS_PRIORITY if b in bases), None)
    row = entity_view(store, project)
    row["amounts"] = amounts
    row["measure"] = measure
    return row


def _measure_minor(
    row: dict[str, Any], currency: str, rate: dict[str, str] | None
) -> tuple[int, str]:
    for amount in row["amounts"]:
        if amount["basis"] == row["measure"]:
            value = amount["value"]
            cur = value.get("currency", "CNY")
            return _in_currency(value["minor"], cur, currency, rate), value["qualifier"]
    raise LookupError(row["id"])


def projects(
    store: Reader,
    *,
    min_invest: Money | None = None,
    max_invest: Money | None = None,
    company: str | None = None,
    sort: ProjectSort = "amount",
    usd_cny: str | Decimal | None = None,
) -> list[dict[str, Any]]:
    """Investment projects, filtered by amount bounds (inclusive) and investor, then sorted."""
    rate = exchange_rate(store, usd_cny)
    bound = min_invest or max_invest
    # With a bound in US dollars, yuan amounts are shown converted to dollars, and vice versa.
    display = bound.currency if bound is not None else "CNY"
    rows = [project_row(store, p, rate, display=display) for p in store.entities_of("project")]
    if company is not None:
        investor = _resolve(store, company, "company")
        rows = [r for r in rows if (r.get("investor") or {}).get("id") == investor["id"]]
    if min_invest is not None or max_invest is not None:
        max_minor: int | None
        if min_invest and max_invest and min_invest.currency != max_invest.currency:
            max_minor = _in_currency(max_invest.minor, max_invest.currency, display, rate)
        else:
            max_minor = max_invest.minor if max_invest else None
        low = min_invest.minor if min_invest else None
        kept = []
        for row in rows:
            if row["measure"] is None:
                continue
            minor, qualifier = _measure_minor(row, display, rate)
            if _passes(minor, qualifier, low, max_minor):
                kept.append(row)
        rows = kept
    return _sort_projects(store, rows, sort, rate)


def _sort_projects(
    store: Reader, rows: list[dict[str, Any]], sort: ProjectSort, rate: dict[str, str] | None
) -> list[dict[str, Any]]:
    if sort not in PROJECT_SORTS:
        raise UsageError(f"cannot sort by {sort!r}", hint=f"use one of {', '.join(PROJECT_SORTS)}")
    if sort == "amount":

        def amount_key(row: dict[str, Any]) -> tuple[int, int]:
            if row["measure"] is None:
                return (1, 0)
            return (0, -_measure_minor(row, "CNY", rate)[0])

        return sorted(rows, key=amount_key)
    if sort == "year":
        return sorted(rows, key=lambda r: (r.get("year") is None, r.get("year") or 0))
    if sort in ("name", "investor"):
        # Names sort as a Chinese reader expects them, by pinyin (阿, 长, 青), not by code point.
        order = _PinyinOrder(store)
        if sort == "name":
            return sorted(rows, key=lambda r: order.key(r))
        return sorted(
            rows, key=lambda r: (r.get("investor") is None, order.key(r.get("investor") or {}))
        )
    return sorted(rows, key=lambda r: str(r.get(sort) or ""))


class _PinyinOrder:
    """Sort keys of entities by name in pinyin order: the full pinyin key the store holds for
    the entity (computed when it was built, with the readings of proper names set right: 长木谷
    is chang), else pypinyin's reading of the name, imported only then (a store made by
    another program may hold no keys), else the name itself."""

    def __init__(self, store: Reader) -> None:
        self.store = store

    def key(self, ref: Mapping[str, Any]) -> tuple[str, str]:
        name = str(ref.get("name") or "")
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
    card["facts"] = [fact_view(store, f) for f in related if f["subject"] == cid]
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


def companies(store: Reader) -> list[dict[str, Any]]:
    """All companies, in the order the article introduces them."""
    rows = []
    for ent in store.entities_of("company"):
        row = entity_view(store, ent)
        row["fact_count"] = len(store.facts_about(ent["id"]))
        rows.append(row)
    return sorted(rows, key=lambda r: min(r["mentions"] or [0]))


def _person_view(store: Reader, person: Entity) -> dict[str, Any]:
    view = entity_view(store, person)
    view["quotes"] = [
        fact_view(store, f)
        for f in store.facts_about(person["id"])
        if f["kind"] == "quote" and f["subject"] == person["id"]
    ]
    return view


def people(store: Reader) -> list[dict[str, Any]]:
    """Everyone the article names, with role, organisation and quotes."""
    return [_person_view(store, p) for p in store.entities_of("person")]


def person(store: Reader, name: str) -> dict[str, Any]:
    """One person, looked up by name."""
    return _person_view(store, _resolve(store, name, "person"))


def _policy_view(store: Reader, policy: Entity) -> dict[str, Any]:
    view = entity_view(store, policy)
    view["facts"] = [
        fact_view(store, f) for f in store.facts_about(policy["id"]) if f["subject"] == policy["id"]
    ]
    return view


def policies(store: Reader) -> list[dict[str, Any]]:
    """Policies, services, platforms, mechanisms and alliances, with their figures."""
    return [_policy_view(store, p) for p in store.entities_of("policy", "organisation")]


def policy(store: Reader, name: str) -> dict[str, Any]:
    """One policy, service, platform, mechanism or alliance, looked up by name."""
    ent = _resolve(store, name, "policy", "organisation")
    return _policy_view(store, ent)


def stats(store: Reader, *, keyword: str | None = None) -> list[dict[str, Any]]:
    """The zone's statistics (figures about the zone and its policies), qualifiers kept."""
    key = normalize(keyword) if keyword else ""
    rows = []
    for fact in store.facts:
        if fact["kind"] != "quantity":
            continue
        subject = store.get_entity(fact["subject"])
        if subject is None or subject["kind"] not in _STAT_SUBJECT_KINDS:
            continue
        if key:
            haystack = " ".join(
                [
                    fact["topic"],
                    fact["text"],
                    subject["name"],
                    fact.get("value", {}).get("text", ""),
                ]
            )
            if key not in normalize(haystack):
                continue
        rows.append(fact_view(store, fact))
    return rows


def timeline(store: Reader) -> list[dict[str, Any]]:
    """Dated facts in order of year, then of the article."""
    dated = [f for f in store.facts if "year" in f]
    dated.sort(key=lambda f: (f["year"], f["evidence"]["paragraph"]))
    return [fact_view(store, f) for f in dated]


def zone(store: Reader) -> dict[str, Any]:
    """The zone's profile: positioning, mission, goal, industries, and its figures."""
    zones = list(store.entities_of("zone"))
    if not zones:
        raise NotFound("the store has no zone entity")
    ent = zones[0]
    view = entity_view(store, ent)
    own = [f for f in store.facts_about(ent["id"]) if f["subject"] == ent["id"]]
    view["facts"] = [fact_view(store, f) for f in own if f["kind"] != "quantity"]
    view["statistics"] = [fact_view(store, f) for f in own if f["kind"] == "quantity"]
    return view


def source(store: Reader, paragraph: int | None = None) -> dict[str, Any]:
    """The article's attribution and blocks, or one block."""
    if paragraph is not None:
        return block_view(store, paragraph)
    meta = dict(store.meta["sources"][0])
    meta["blocks"] = [block_view(store, b["n"]) for b in store.blocks]
    return meta


def search(store: Reader, terms: list[str]) -> list[dict[str, Any]]:
    """Entities, facts and source paragraphs that contain every term, best first."""
    from hightech_cli.search import search as run_search

    hits = run_search(terms, entities=store.entities, facts=store.facts, blocks=store.blocks)
    rows = []
    for hit in hits:
        row: dict[str, Any] = {
            "kind": hit.kind,
            "id": hit.id,
            "paragraph": hit.paragraph,
            "text": hit.text,
            "spans": [list(s) for s in hit.spans],
            "score": hit.score,
        }
        if hit.kind == "entity":
            row["entity"] = ref_view(store, hit.id)
        elif hit.kind == "fact":
            fact = store.get_fact(hit.id)
            if fact is not None:
                row["entity"] = ref_view(store, fact["subject"])
        rows.append(row)
    return rows
