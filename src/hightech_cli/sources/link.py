"""Link an article's records to a store: what the store already has is not added twice.

An entity the store already holds, by name, legal name, alias or short name (阿斯利康 in a
second article about it), keeps the store's id; its record comes back as the store's record
with the article's evidence and any new names added, and every fact and entity of the
article that pointed at the new id points at the store's. Names are compared as ``names``
compares them (exact and alias tiers only: a name that merely contains another is no link),
over the store's candidates for each name, so a big store is asked a few rows per name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from hightech_cli import names
from hightech_cli.errors import StoreError
from hightech_cli.sources.extract import lexicon as lx

Record = dict[str, Any]
_HAN = re.compile("[\u4e00-\u9fff]")


def _family(kind: str) -> set[str]:
    return {"policy", "organisation"} if kind in ("policy", "organisation") else {kind}


def _forms(rec: Mapping[str, Any]) -> list[str]:
    out = [str(rec["name"])]
    for extra in (rec.get("full_name"), *rec.get("aliases", []), rec.get("english_name")):
        if isinstance(extra, str) and extra and extra not in out:
            out.append(extra)
    return out


# One tier: a form to the entities that have it, id to kind. Most forms name one entity, held
# as an (id, kind) pair: a dict for each of the million forms of a big store would take
# several hundred MB more.
_Tier = dict[str, tuple[str, str] | dict[str, str]]


def _put(tier: _Tier, form: str, ident: str, kind: str) -> None:
    """File ``ident`` (of ``kind``) under ``form``; a later kind for the same id wins."""
    found = tier.get(form)
    if found is None or (isinstance(found, tuple) and found[0] == ident):
        tier[form] = (ident, kind)
    elif isinstance(found, tuple):
        tier[form] = {found[0]: found[1], ident: kind}
    else:
        found[ident] = kind


class NameTable:
    """The store's names as the exact and alias tiers compare them, kept for a run of imports:
    built once from the store, then told of each batch's entities, so that linking many
    articles costs a lookup per name instead of a pass over every entity.

    Where the store offers the entities that have a name form from its index
    (``splice.RowReader.text_named``), the table holds only the entities of the run, and the
    store's own are asked of the index a form at a time: a big store's names are then never
    all read. The two give the same ids: the table would hold the store's forms first, then
    the run's, a later kind for the same id winning.
    """

    def __init__(self) -> None:
        self._tiers: tuple[_Tier, _Tier] | None = None
        self._base: Callable[[str], Sequence[Mapping[str, Any]]] | None = None

    def add(self, entities: Iterable[Mapping[str, Any]]) -> None:
        exact, alias = self._tiers if self._tiers is not None else ({}, {})
        for ent in entities:
            ids, aliases = names.text_forms(ent)
            ident, kind = str(ent["id"]), str(ent["kind"])
            for form in ids:
                _put(exact, form, ident, kind)
            for form in aliases:
                _put(alias, form, ident, kind)
        self._tiers = (exact, alias)

    def ids(self, store: Any, form: str, kinds: set[str]) -> set[str]:
        """The ids the first tier that matches ``form`` finds among entities of ``kinds``."""
        if self._tiers is None:
            self._base = getattr(store, "text_named", None)
            if self._base is None:
                self._fill(store)
            else:
                self._tiers = ({}, {})
        assert self._tiers is not None
        q = names.query_form(form)
        based = self._based(store, q)
        for tier, base in zip(self._tiers, based, strict=True):
            filed = dict(base)  # the store's entities, then the run's: a later kind wins
            entry = tier.get(q)
            if entry is not None:
                filed.update([entry] if isinstance(entry, tuple) else entry.items())
            found = {i for i, kind in filed.items() if kind in kinds}
            if found:
                return found
        return set()

    def _fill(self, store: Any) -> None:
        # A merge over a big store's rows gives every entity's names without the rest of
        # each row (store/splice.py); any other reader, its entities.
        name_rows = getattr(store, "name_rows", None)
        self.add(name_rows() if name_rows is not None else store.entities)

    def _based(self, store: Any, q: str) -> tuple[dict[str, str], dict[str, str]]:
        """The store's own entities that have ``q`` as a form of each tier, id to kind, from
        its index; none once the table holds the store's names itself."""
        exact: dict[str, str] = {}
        alias: dict[str, str] = {}
        if self._base is None:
            return exact, alias
        try:
            rows = self._base(q)
        except StoreError:  # a damaged index: the table is built from the rows instead
            self._base = None
            self._fill(store)
            return exact, alias
        for ent in rows:
            ids, aliases = names.text_forms(ent)
            ident, kind = str(ent["id"]), str(ent["kind"])
            if q in ids:
                exact[ident] = kind
            if q in aliases:
                alias[ident] = kind
        return exact, alias

    def __call__(self, records: Sequence[Record], store: Any) -> list[Record]:
        """``link`` with this table, as ``hz add`` prepares each article (a ``Prepare``)."""
        out = link(records, store, table=self)
        self.add(r for r in out if r.get("table") == "entities")
        return out


def find(
    store: Any, rec: Mapping[str, Any], table: NameTable | None = None
) -> Mapping[str, Any] | None:
    """The store's entity that ``rec`` names, or None (None too when two would fit)."""
    kinds = _family(str(rec["kind"]))
    for form in _forms(rec):
        if table is not None:
            exact = table.ids(store, form, kinds)
        else:
            matches = names.resolve(form, store.name_candidates(form, kinds), kinds=kinds)
            exact = {m.entity_id for m in matches if m.how in ("exact", "alias")}
        if len(exact) == 1:
            found: Mapping[str, Any] | None = store.get_entity(next(iter(exact)))
            if found is not None:
                return found
    return None


def merged(existing: Mapping[str, Any], new: Mapping[str, Any]) -> Record:
    """The store's entity with what the article adds: its evidence and any new names."""
    from hightech_cli.sources.keys import name_keys

    out: Record = {"table": "entities", **existing}
    evidence = list(out.get("evidence", []))
    cited = {ev.get("source") for ev in evidence}
    for ev in new.get("evidence", []):
        # One quote a source is evidence enough; another (the same article read again, its
        # name now known from the store, found in an earlier paragraph) would change nothing.
        if ev.get("source") not in cited:
            evidence.append(ev)
            cited.add(ev.get("source"))
    out["evidence"] = evidence
    first = evidence[0]["source"] if evidence else None
    new_source = next((ev["source"] for ev in new.get("evidence", [])), None)
    paragraphs = [int(n) for n in new.get("mentions", [])]
    if new_source is not None and new_source != first and paragraphs:
        # Paragraph numbers say nothing without their source: each source's are kept apart.
        others = [dict(m) for m in out.get("other_mentions", []) if m["source"] != new_source]
        known = next((m for m in out.get("other_mentions", []) if m["source"] == new_source), None)
        merged_numbers = sorted({*paragraphs, *(known["paragraphs"] if known else [])})
        out["other_mentions"] = [*others, {"source": new_source, "paragraphs": merged_numbers}]
    aliases = list(out.get("aliases", []))
    for alias in _forms(new):
        if alias != out["name"] and alias not in aliases and alias != out.get("full_name"):
            aliases.append(alias)
    if aliases != list(out.get("aliases", [])):
        out["aliases"] = aliases
        out["keys"] = name_keys([a for a in [out["name"], *aliases] if _HAN.search(a)])
    return out


# Linked first: the kinds that people and works are of, so that a person's organisation and a
# project's investor are known by the store's ids when they are compared.
_LINKED_FIRST = ("zone", "company", "organisation", "policy")


def _same_one(
    rec: Mapping[str, Any], existing: Mapping[str, Any], renamed: Mapping[str, str]
) -> bool:
    """Whether the store's entity that has one of ``rec``'s names is the one ``rec`` is, as far
    as the records can tell without guessing. A name alone says so for a zone or a company;
    two people of one name are one person only where they work for the one organisation, two
    works of one name (一期项目, 精密减速器生产基地) one only where one investor builds them,
    and a scheme or a body (项目管家, 若干措施, 经济发展局) only by a name of its own that says
    whose it is (石家庄高新区…若干措施, 中国海洋大学), not by a short name many share."""
    kind = str(rec["kind"])
    if kind in ("person", "project"):
        field = "org" if kind == "person" else "investor"
        mine = rec.get(field)
        mine = renamed.get(mine, mine) if isinstance(mine, str) else None
        return mine is not None and mine == existing.get(field)
    if kind in ("policy", "organisation"):
        own = {str(rec["name"]), *([rec["full_name"]] if rec.get("full_name") else [])}
        theirs = set(_forms(existing))
        return any(name in theirs and _whose(name) for name in own)
    return True


def _whose(name: str) -> bool:
    """Whether a scheme's or a body's name says whose it is: it begins with a place or a zone's
    name, or names a national body or a university."""
    return len(name) >= 4 and (
        name.startswith((*lx.PLACES, "中国", "国家", "全国"))
        or any(ending in name for ending in lx.ZONE_ENDINGS)
        or name.endswith(("大学", "学院", "科学院", "工程院"))
    )


def link(records: Sequence[Record], store: Any, *, table: NameTable | None = None) -> list[Record]:
    """The records with entities the store has linked to it (see the module docstring)."""
    renamed: dict[str, str] = {}
    done: dict[int, Record] = {}
    entities = [i for i, rec in enumerate(records) if rec.get("table") == "entities"]
    for i in sorted(entities, key=lambda i: records[i].get("kind") not in _LINKED_FIRST):
        rec = records[i]
        try:
            existing = find(store, rec, table)
        except Exception:  # a damaged store links nothing; the import says what is wrong
            existing = None
        if existing is not None and not _same_one(rec, existing, renamed):
            existing = None  # one name, two entities: added apart, never merged by a guess
        if existing is None:
            taken = store.get_entity(str(rec["id"]))
            if taken is not None:  # the id names another entity of the store: take a new one
                source = rec["evidence"][0]["source"] if rec.get("evidence") else "new"
                renamed[str(rec["id"])] = f"{rec['id']}-{source}"
                rec = {**rec, "id": renamed[str(rec["id"])]}
            done[i] = rec
            continue
        renamed[str(rec["id"])] = str(existing["id"])
        done[i] = merged(existing, rec)
    out = [done.get(i, rec) for i, rec in enumerate(records)]
    if not renamed:
        return out
    seen: set[str] = set()
    result: list[Record] = []
    for rec in out:
        rec = dict(rec)
        if rec.get("table") == "entities":
            for field in ("org", "investor"):
                if rec.get(field) in renamed:
                    rec[field] = renamed[rec[field]]
            if rec["id"] in seen:
                continue  # two names of the article that are one entity of the store
            seen.add(rec["id"])
        elif rec.get("table") == "facts":
            rec["subject"] = renamed.get(rec["subject"], rec["subject"])
            rec["refs"] = [renamed.get(r, r) for r in rec.get("refs", [])]
        result.append(rec)
    return result
