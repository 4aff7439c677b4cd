"""The one interface every read backend implements, and the little they share.

``query.py`` and ``views.py`` ask a :class:`Reader` only for what a question needs (the entities
a name may mean, the facts about one entity, the entities that refer to it, a row by id), so a
backend can answer a lookup from a few rows; the whole tables (``entities``, ``facts``,
``blocks``) are for list commands. Three backends answer the same calls with the same rows in
the same order (``tests/store/test_parity.py`` holds them to it):

- ``memory.MemoryStore``: the whole file decoded, served through TinyDB;
- ``scan.ScannedStore``: a big file parsed by msgspec, only the rows asked for decoded;
- ``index.IndexedStore``: a big file's SQLite index, read a few rows at a time.

``open_store`` in this package's face picks one. "The backend narrows candidates, ``names``
decides": :meth:`Reader.name_candidates` returns any superset of the entities a query could
match, and ``names.resolve`` gives the same answer over it as over every entity.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hightech_cli import orders
from hightech_cli.errors import NotFound
from hightech_cli.models import Block, Entity, ExchangeRate, Fact, Meta, ReferenceField

if TYPE_CHECKING:
    from hightech_cli.search import Hit


class Reader(ABC):
    """A store opened for reading: its tables, and the questions a lookup asks of them."""

    path: Path

    # ------------------------------------------------------------------ whole tables

    @property
    @abstractmethod
    def meta(self) -> Meta:
        """The one document of the ``meta`` table."""

    @property
    @abstractmethod
    def entities(self) -> list[Entity]:
        """Every entity, in store order."""

    @property
    @abstractmethod
    def facts(self) -> list[Fact]:
        """Every fact, in store order."""

    @property
    @abstractmethod
    def blocks(self) -> list[Block]:
        """Every block, by paragraph number (store order among equal numbers)."""

    # ------------------------------------------------------------------ rows by question

    @abstractmethod
    def get_entity(self, entity_id: str) -> Entity | None:
        """The entity with this id (the last row with it), or None."""

    @abstractmethod
    def get_fact(self, fact_id: str) -> Fact | None:
        """The fact with this id (the last row with it), or None."""

    @abstractmethod
    def entities_of(self, *kinds: str) -> Iterator[Entity]:
        """Entities of these kinds, in store order."""

    @abstractmethod
    def facts_about(self, entity_id: str) -> list[Fact]:
        """Facts whose subject is the entity or that refer to it, in store order."""

    @abstractmethod
    def facts_about_any(self, entity_ids: Iterable[str]) -> list[Fact]:
        """Facts about any of these entities (subject or reference), each once, in store order."""

    @abstractmethod
    def entities_referring(self, entity_id: str, field: ReferenceField) -> list[Entity]:
        """Entities whose ``field`` (``org``, ``investor``) is this entity id, in store order."""

    @abstractmethod
    def name_candidates(self, query: str, kinds: Collection[str] | None) -> list[Entity]:
        """A superset, in store order, of the entities of the kinds ``query`` could name."""

    @abstractmethod
    def name_pool(self, kinds: Collection[str]) -> Sequence[Mapping[str, Any]]:
        """Every entity of the kinds, in store order, for ``names.suggest`` to compare a missed
        name with; a backend may give just the fields ``names`` reads."""

    def count_of(self, *kinds: str) -> int:
        """How many entities there are of these kinds."""
        return sum(1 for _ in self.entities_of(*kinds))

    def suggestion_pool(self, query: str, kinds: Collection[str]) -> Sequence[Mapping[str, Any]]:
        """Entities of the kinds, in store order, over which ``names.suggest`` proposes for
        ``query`` what it would over every one of them: any superset of the entities it could
        propose and those that decide their order (here every one, as ``name_pool``)."""
        return self.name_pool(kinds)

    @abstractmethod
    def _block_at(self, n: int, source: str | None = None) -> Block | None:
        """The first block numbered ``n`` (of ``source``, when given), or None."""

    @abstractmethod
    def _last_paragraph(self, source: str | None = None) -> int:
        """The highest block number (of ``source``, when given; 0 for none)."""

    # ------------------------------------------------------------------ shared

    def search(
        self, terms: Sequence[str], *, limit: int | None = None, offset: int = 0
    ) -> list[Hit]:
        """The records matching every term, best first, ``offset`` skipped, at most ``limit``.

        ``search.py`` says what matches and how hits rank. This reads every record; the index
        answers from its full-text table instead, with the same hits in the same order.
        """
        from hightech_cli import search

        return search.search(
            terms,
            entities=self.entities,
            facts=self.facts,
            blocks=self.blocks,
            limit=limit,
            offset=offset,
        )

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; NotFound if there is none."""
        ent = self.get_entity(entity_id)
        if ent is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return ent

    def block(self, n: int, source: str | None = None) -> Block:
        """Block number ``n`` (of ``source``, when given); NotFound if there is none."""
        block = self._block_at(n, source)
        if block is None:
            last = self._last_paragraph(source)
            where = "the source" if source is None else f"source {source!r}"
            raise NotFound(f"no paragraph {n} in {where}", hint=f"paragraphs are 1-{last}")
        return block

    def facts_of(self, *kinds: str) -> Iterator[Fact]:
        """Facts of these kinds, in store order, one at a time (a backend may read them as they
        are asked for, so a page of a list stops reading where it ends)."""
        return (fact for fact in self.facts if fact["kind"] in kinds)

    def facts_citing(self, kinds: Sequence[str], sources: Collection[str]) -> Iterator[Fact]:
        """Facts of these kinds resting on one of the sources (``orders.row_sources``), in
        store order, read as they are asked for."""
        return (f for f in self.facts_of(*kinds) if orders.rests_on(f, sources))

    def entities_citing(self, kinds: Sequence[str], sources: Collection[str]) -> Iterator[Entity]:
        """Entities of these kinds resting on one of the sources, in store order."""
        return (e for e in self.entities_of(*kinds) if orders.rests_on(e, sources))

    def dated_facts(self) -> Iterator[Fact]:
        """Facts that carry a year or a date, in store order (the timeline's)."""
        return (fact for fact in self.facts if "year" in fact or "date" in fact)

    def source_counts(self) -> dict[str, dict[str, int]]:
        """For each source that blocks, entities or facts cite: its paragraphs, the entities
        with evidence from it and the facts resting on it (``orders.Derived``)."""
        blocks = (block["source"] for block in self.blocks)
        return orders.derive(self.meta, self.entities, self.facts, blocks).sources

    # ------------------------------------------------------------------ lists (orders.py)
    #
    # What a list needs of every row of a kind, worked out by ``orders.py`` from the rows each
    # time here; the index stores the result when it is built and reads a page of it.

    def introduced_companies(self) -> Iterator[Entity]:
        """Companies in the order the sources introduce them (``orders.introduced``)."""
        companies = list(self.entities_of("company"))
        order = orders.derive(self.meta, companies, [], []).companies
        return (companies[n] for n in order)

    def companies_citing(self, sources: Collection[str]) -> Iterator[Entity]:
        """``introduced_companies`` resting on one of the sources."""
        return (e for e in self.introduced_companies() if orders.rests_on(e, sources))

    def project_heads(self) -> list[orders.ProjectHead]:
        """What ``hz projects`` filters and sorts each project by (``orders.project_head``),
        in store order."""
        projects = list(self.entities_of("project"))
        facts = self.facts_about_any(p["id"] for p in projects)
        # The investing companies first, so that each head knows its investor's name.
        wanted = {p.get("investor") for p in projects}
        investors = [
            found
            for ident in sorted(i for i in wanted if isinstance(i, str))
            if (found := self.get_entity(ident)) is not None and found["kind"] == "company"
        ]
        return orders.derive(self.meta, [*investors, *projects], facts, []).projects

    def timeline(
        self, low: str | None, high: str | None, sources: Collection[str] | None
    ) -> Iterator[Fact]:
        """Dated facts in the timeline's order (``orders.Dated``) whose time overlaps the days
        ``low`` to ``high`` (``YYYY-MM-DD``, inclusive; None: unbounded), of these sources."""
        facts = list(self.dated_facts())
        entries = orders.derive(self.meta, [], facts, []).timeline
        return (facts[d.n] for d in entries if d.within(low, high, sources))

    def figure_pairs(self) -> Iterator[tuple[Fact, Fact]]:
        """Pairs of figures from different sources about the same thing that disagree
        (``orders.Figures``)."""
        facts = list(self.facts_of("quantity", "investment"))
        pairs = orders.derive(self.meta, [], facts, []).conflicts
        return ((facts[a], facts[b]) for a, b in pairs)

    def fact_count(self, entity_id: str) -> int:
        """How many facts are about the entity (``facts_about``)."""
        return len(self.facts_about(entity_id))

    def subject_facts(self, entity_id: str, *, quantities: bool) -> Iterator[Fact]:
        """The entity's own facts (its subject), in store order: its quantities, or the rest."""
        for fact in self.facts_about(entity_id):
            if fact["subject"] == entity_id and (fact["kind"] == "quantity") == quantities:
                yield fact

    def source_ids(self) -> list[str]:
        """The ids of the store's sources, in the order the store lists them."""
        return [str(src["id"]) for src in self.meta.get("sources", [])]

    def exchange_rate(self, base: str, quote: str) -> ExchangeRate | None:
        """The recorded rate from ``base`` to ``quote``, or None."""
        for rate in self.meta.get("exchange_rates", []):
            if rate["base"] == base and rate["quote"] == quote:
                return rate
        return None


class WholeBlocks(Reader):
    """A reader that finds paragraphs in its whole ``blocks`` list, as the memory and scan
    backends do (the index asks SQL instead)."""

    @cached_property
    def _block_by_number(self) -> dict[int, Block]:
        return first_by_number(self.blocks)

    @cached_property
    def _block_by_place(self) -> dict[tuple[str, int], Block]:
        return first_by_place(self.blocks)

    def _block_at(self, n: int, source: str | None = None) -> Block | None:
        if source is None:
            return self._block_by_number.get(n)
        return self._block_by_place.get((source, n))

    def _last_paragraph(self, source: str | None = None) -> int:
        if source is None:
            return self.blocks[-1]["n"] if self.blocks else 0
        return last_numbers(self.blocks).get(source, 0)


def first_by_number(blocks: Iterable[Block]) -> dict[int, Block]:
    """Blocks by paragraph number, the first of each number (as a scan of the list finds)."""
    found: dict[int, Block] = {}
    for block in blocks:
        found.setdefault(block["n"], block)
    return found


def first_by_place(blocks: Iterable[Block]) -> dict[tuple[str, int], Block]:
    """Blocks by source and paragraph number, the first of each."""
    found: dict[tuple[str, int], Block] = {}
    for block in blocks:
        found.setdefault((block["source"], block["n"]), block)
    return found


def last_numbers(blocks: Iterable[Block]) -> dict[str, int]:
    """Each source's highest paragraph number."""
    found: dict[str, int] = {}
    for block in blocks:
        found[block["source"]] = max(found.get(block["source"], 0), block["n"])
    return found
