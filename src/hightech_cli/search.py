"""Full-text search over the store: entity names, facts and the article's blocks.

Standard library only. Every term is matched against normalised text (see
:func:`hightech_cli.text.normalize`), so ``发展高科技，实现产业化`` finds the block that
prints ``发展高科技,实现产业化``, and case, full-width letters and stray spaces do not matter.
The offsets a hit reports refer to the *original* text, through the map
:func:`~hightech_cli.text.normalize_mapped` keeps, so a renderer can highlight the words as
the article prints them.

Several terms must all match the same record (AND). Ranking: an entity whose name or alias
matches comes first, then facts, then blocks that merely mention the terms; within each, more
occurrences rank higher, then the earlier paragraph, then store order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from hightech_cli.errors import UsageError
from hightech_cli.text import normalize, normalize_mapped

HitKind = Literal["entity", "fact", "paragraph"]
Span = tuple[int, int]

# How much a match in each kind of record weighs; occurrences add less than 1 (see _score).
WEIGHTS: Final[dict[HitKind, int]] = {"entity": 3, "fact": 2, "paragraph": 1}
# Between an entity's name and aliases in Hit.text; terms never match across it.
FIELD_SEPARATOR: Final = " / "


@dataclass(frozen=True)
class Hit:
    """One record that matched every term."""

    kind: HitKind
    id: str  # entity id, fact id, or str(block n)
    paragraph: int | None  # block number: of the block, of a fact's evidence, of an entity's
    text: str  # the text searched; spans index it
    spans: list[Span]  # every occurrence of every term, sorted; may overlap between terms
    score: float


def _needles(terms: Sequence[str]) -> list[str]:
    if not terms:
        raise UsageError("no search terms", hint="give one or more words to look for")
    needles = []
    for term in terms:
        needle = normalize(term)
        if not needle:
            raise UsageError(f"empty search term {term!r}", hint="drop it or quote a word")
        needles.append(needle)
    return needles


def _occurrences(fields: Sequence[str], needles: Sequence[str]) -> list[Span] | None:
    """Spans of every needle in ``FIELD_SEPARATOR.join(fields)``, or None unless all occur."""
    spans: list[Span] = []
    found = [False] * len(needles)
    offset = 0
    for field in fields:
        folded, origin = normalize_mapped(field)
        for i, needle in enumerate(needles):
            start = folded.find(needle)
            while start != -1:
                end = start + len(needle)
                found[i] = True
                spans.append((offset + origin[start][0], offset + origin[end - 1][1]))
                start = folded.find(needle, end)
        offset += len(field) + len(FIELD_SEPARATOR)
    return sorted(set(spans)) if all(found) else None


def _score(kind: HitKind, occurrences: int) -> float:
    """The kind's weight plus a fraction below 1 that grows with the occurrences."""
    return WEIGHTS[kind] + occurrences / (occurrences + 1)


def _entity_fields(entity: Mapping[str, Any]) -> list[str]:
    fields = [str(entity["name"]), *map(str, entity.get("aliases", []))]
    for extra in ("full_name", "english_name"):
        value = entity.get(extra)
        if isinstance(value, str) and value not in fields:
            fields.append(value)
    return fields


def _entity_paragraph(entity: Mapping[str, Any]) -> int | None:
    evidence = entity.get("evidence") or []
    if evidence:
        return int(evidence[0]["paragraph"])
    mentions = entity.get("mentions") or []
    return int(mentions[0]) if mentions else None


def _records(
    entities: Iterable[Mapping[str, Any]],
    facts: Iterable[Mapping[str, Any]],
    blocks: Iterable[Mapping[str, Any]],
) -> Iterable[tuple[HitKind, str, int | None, list[str]]]:
    for e in entities:
        yield "entity", str(e["id"]), _entity_paragraph(e), _entity_fields(e)
    for f in facts:
        evidence = f.get("evidence") or {}
        paragraph = evidence.get("paragraph")
        yield "fact", str(f["id"]), None if paragraph is None else int(paragraph), [str(f["text"])]
    for b in blocks:
        yield "paragraph", str(b["n"]), int(b["n"]), [str(b["text"])]


def search(
    terms: Sequence[str],
    *,
    entities: Iterable[Mapping[str, Any]],
    facts: Iterable[Mapping[str, Any]],
    blocks: Iterable[Mapping[str, Any]],
) -> list[Hit]:
    """Every entity, fact and block matching all ``terms``, best first; [] when none do.

    Raises UsageError when there are no terms or a term is empty once normalised.
    """
    needles = _needles(terms)
    ranked: list[tuple[float, int, int, Hit]] = []
    for order, (kind, rid, paragraph, fields) in enumerate(_records(entities, facts, blocks)):
        spans = _occurrences(fields, needles)
        if spans is None:
            continue
        score = _score(kind, len(spans))
        hit = Hit(kind, rid, paragraph, FIELD_SEPARATOR.join(fields), spans, score)
        last = paragraph if paragraph is not None else 1 << 62
        ranked.append((-score, last, order, hit))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked]


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
