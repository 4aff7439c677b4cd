"""Full-text search over the store: entity names, facts and the blocks of every source.

Standard library only; this module is the one home of what a match is, how hits are ranked and
where their spans lie, and every read backend answers through it (``Reader.search``; the index
keeps the ranking precomputed, ``store/index.py``).

**What matches.** Every term is folded (:func:`fold`: :func:`hightech_cli.text.normalize`, so
``发展高科技，实现产业化`` finds the block that prints ``发展高科技,实现产业化``, and case,
full-width letters and stray spaces do not matter) and must occur, as a substring, in the folded
text of the record: an entity's name, aliases, full and English names (a term never matches
across two of them), a fact's text, a block's text. Several terms must all occur (AND). Any
length counts: one- and two-character terms (投资, 企业) are ordinary Chinese queries.

**Ranking** is a key computed from the record alone (:func:`rank_key`), so that an index can
store the records in rank order and read a page of hits without looking at the others: entities
first, then facts, then blocks; within each, the shorter folded text first (the more of a short
text the terms make up, the more it is about them: BM25's length normalisation, without its
term frequency, which would need every hit read to rank any); then the earlier paragraph, then
store order. Two hits never tie.

**Spans** index the *original* text, through the map :func:`~hightech_cli.text.normalize_mapped`
keeps, so a renderer can highlight the words as the article prints them; they are computed for
the hits shown only (:func:`hit`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from hightech_cli.errors import UsageError
from hightech_cli.text import normalize, normalize_mapped

HitKind = Literal["entity", "fact", "paragraph"]
Span = tuple[int, int]

# Rank order of the kinds (the index stores the number).
KINDS: Final[tuple[HitKind, ...]] = ("entity", "fact", "paragraph")
KIND_CODE: Final[dict[HitKind, int]] = {kind: code for code, kind in enumerate(KINDS)}
# Between an entity's name and aliases in Hit.text; terms never match across it.
FIELD_SEPARATOR: Final = " / "
# Between the folded fields of a record. Folding turns every white space into " ", so no folded
# term holds it: a term cannot match across two fields.
FOLDED_SEPARATOR: Final = "\n"
_NO_PARAGRAPH: Final = 1 << 62  # an entity without evidence or mentions ranks after the others

RankKey = tuple[int, int, int, int]


@dataclass(frozen=True)
class Hit:
    """One record that matched every term."""

    kind: HitKind
    id: str  # entity id, fact id, or str(block n)
    paragraph: int | None  # block number: of the block, of a fact's evidence, of an entity's
    source: str | None  # the source of that paragraph, where the record says
    text: str  # the text searched; spans index it
    spans: list[Span]  # every occurrence of every term, sorted; may overlap between terms
    rank: int  # 1 for the best hit of the whole search (not of the page)


@dataclass(slots=True)  # not frozen: an index build makes one per record, millions
class Record:
    """What search reads of a row: its kind, id, paragraph, source and texts."""

    kind: HitKind
    id: str
    paragraph: int | None
    source: str | None
    fields: list[str]


def fold(text: str) -> str:
    """``text`` in the form terms and records are compared in.

    ``normalize``, with NUL made U+FFFD, one character for one, so that SQLite's text functions
    (which stop at a NUL) see the whole text in every backend.
    """
    return normalize(text).replace("\x00", "\ufffd")


def fold_fields(fields: Sequence[str]) -> str:
    """The folded text of a record: each field folded, joined by ``FOLDED_SEPARATOR``."""
    return FOLDED_SEPARATOR.join(map(fold, fields))


def needles(terms: Sequence[str]) -> list[str]:
    """The folded terms, each once, in the order given; UsageError for none or an empty one."""
    if not terms:
        raise UsageError("no search terms", hint="give one or more words to look for")
    out: list[str] = []
    for term in terms:
        needle = fold(term)
        if not needle:
            raise UsageError(f"empty search term {term!r}", hint="drop it or quote a word")
        if needle not in out:
            out.append(needle)
    return out


def check_page(limit: int | None, offset: int) -> None:
    """UsageError unless ``limit`` (None: all) and ``offset`` are whole numbers of at least 0."""
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    if offset < 0:
        raise UsageError(f"--offset must be 0 or more, not {offset}")


def rank_key(kind: HitKind, folded_length: int, paragraph: int | None, order: int) -> RankKey:
    """Where a record ranks among the hits of any search (smaller first; see the docstring).

    ``order`` is the record's place in :func:`records`, unique, so keys never tie.
    """
    where = _NO_PARAGRAPH if paragraph is None else paragraph
    return (KIND_CODE[kind], folded_length, where, order)


def _entity_fields(entity: Mapping[str, Any]) -> list[str]:
    fields = [str(entity["name"]), *map(str, entity.get("aliases", []))]
    for extra in ("full_name", "english_name"):
        value = entity.get(extra)
        if isinstance(value, str) and value not in fields:
            fields.append(value)
    return fields


def _entity_evidence(entity: Mapping[str, Any]) -> tuple[int | None, str | None]:
    evidence = entity.get("evidence") or []
    if evidence:
        return int(evidence[0]["paragraph"]), evidence[0].get("source")
    mentions = entity.get("mentions") or []
    return (int(mentions[0]) if mentions else None), None


def entity_record(entity: Mapping[str, Any]) -> Record:
    paragraph, source = _entity_evidence(entity)
    return Record("entity", str(entity["id"]), paragraph, source, _entity_fields(entity))


def fact_record(fact: Mapping[str, Any]) -> Record:
    evidence = fact.get("evidence") or {}
    paragraph = evidence.get("paragraph")
    return Record(
        "fact",
        str(fact["id"]),
        None if paragraph is None else int(paragraph),
        evidence.get("source"),
        [str(fact["text"])],
    )


def block_record(block: Mapping[str, Any]) -> Record:
    return Record(
        "paragraph", str(block["n"]), int(block["n"]), block.get("source"), [str(block["text"])]
    )


RECORD_OF: Final = {"entity": entity_record, "fact": fact_record, "paragraph": block_record}


def records(
    entities: Iterable[Mapping[str, Any]],
    facts: Iterable[Mapping[str, Any]],
    blocks: Iterable[Mapping[str, Any]],
) -> Iterator[Record]:
    """Every record search reads, in store order: entities, facts, then blocks by number."""
    yield from map(entity_record, entities)
    yield from map(fact_record, facts)
    yield from map(block_record, blocks)


def _spans(fields: Sequence[str], wanted: Sequence[str]) -> list[Span]:
    """Spans of every needle in ``FIELD_SEPARATOR.join(fields)`` (each occurrence, left to
    right, as ``str.find`` finds them without overlap)."""
    spans: set[Span] = set()
    offset = 0
    for field in fields:
        folded, origin = normalize_mapped(field)
        folded = folded.replace("\x00", "\ufffd")
        for needle in wanted:
            start = folded.find(needle)
            while start != -1:
                end = start + len(needle)
                spans.add((offset + origin[start][0], offset + origin[end - 1][1]))
                start = folded.find(needle, end)
        offset += len(field) + len(FIELD_SEPARATOR)
    return sorted(spans)


def hit(record: Record, wanted: Sequence[str], rank: int) -> Hit:
    """The hit a record that matches every needle makes, with its spans."""
    text = FIELD_SEPARATOR.join(record.fields)
    spans = _spans(record.fields, wanted)
    return Hit(record.kind, record.id, record.paragraph, record.source, text, spans, rank)


def search(
    terms: Sequence[str],
    *,
    entities: Iterable[Mapping[str, Any]],
    facts: Iterable[Mapping[str, Any]],
    blocks: Iterable[Mapping[str, Any]],
    limit: int | None = None,
    offset: int = 0,
) -> list[Hit]:
    """The entities, facts and blocks matching all ``terms``, best first; [] when none do.

    ``offset`` hits are skipped, then at most ``limit`` (None: all) returned. Blocks are
    given by number (``Reader.blocks``). Raises UsageError when there are no terms, a term is
    empty once folded, or ``limit`` or ``offset`` is below 0.
    """
    wanted = needles(terms)
    check_page(limit, offset)
    found: list[tuple[RankKey, Record]] = []
    for order, record in enumerate(records(entities, facts, blocks)):
        folded = fold_fields(record.fields)
        if all(needle in folded for needle in wanted):
            found.append((rank_key(record.kind, len(folded), record.paragraph, order), record))
    found.sort(key=lambda pair: pair[0])
    page = found[offset:] if limit is None else found[offset : offset + limit]
    return [hit(record, wanted, offset + i + 1) for i, (_, record) in enumerate(page)]


def highlight_segments(text: str, spans: Iterable[Span]) -> list[tuple[str, bool]]:
    """``text`` cut into ``(segment, is_match)`` pieces; joined, the segments give ``text``.

    Overlapping and touching spans merge; spans are clipped to the text, empty ones ignored.

    >>> highlight_segments("高新贷无需抵押", [(0, 3)])
    [('高新贷', True), ('无需抵押', False)]
    """
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in merged:
        if cursor < start:
            segments.append((text[cursor:start], False))
        segments.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        segments.append((text[cursor:], False))
    return segments
