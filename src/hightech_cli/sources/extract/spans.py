"""Sentences, clauses and quoted stretches of a paragraph, as character ranges into it.

Every range indexes the repaired paragraph's own text, so whatever is quoted from it as
evidence is verbatim. A sentence ends at 。！？!? (or ；; in long enumerations), not inside a
quotation; a clause ends at a comma or colon too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from hightech_cli.sources.repair import table_cells

Range = tuple[int, int]

SENTENCE_ENDS: Final = frozenset("。！？!?")
CLAUSE_ENDS: Final = frozenset("。！？!?；;，,：:")
OPENERS: Final = {"“": "”", "「": "」", "『": "』", "‘": "’"}
CLOSERS: Final = frozenset(OPENERS.values())


# The ranges of a paragraph are asked for once a figure, and a paragraph may hold thousands of
# figures: each function works a text out once (its last few texts are kept) and gives a copy.
_KEPT: Final = 64


def quoted(text: str) -> list[Range]:
    """The stretches inside quotation marks, marks included: “…”, 「…」, and ASCII "…" in
    pairs. Nested marks stay inside the outer stretch."""
    return list(_quoted(text))


def in_quotes(text: str, *positions: int) -> bool:
    """Whether any of ``positions`` stands inside a stretch of :func:`quoted`, found by halves
    (a paragraph of thousands of quotations is not read once for each position asked of it)."""
    starts, reach = _quoted_reach(text)
    for at in positions:
        i = bisect_right(starts, at) - 1
        if i >= 0 and reach[i] > at:
            return True
    return False


@lru_cache(maxsize=_KEPT)
def _quoted_reach(text: str) -> tuple[list[int], list[int]]:
    """The starts of the quoted stretches, in order, and for each the furthest end of any up
    to it (stretches may nest: an ASCII pair around a Chinese one)."""
    starts: list[int] = []
    reach: list[int] = []
    for a, b in _quoted(text):
        starts.append(a)
        reach.append(max(b, reach[-1]) if reach else b)
    return starts, reach


@lru_cache(maxsize=_KEPT)
def _quoted(text: str) -> tuple[Range, ...]:
    out: list[Range] = []
    stack: list[tuple[str, int]] = []
    ascii_open: int | None = None
    for i, c in enumerate(text):
        if c in OPENERS:
            stack.append((OPENERS[c], i))
        elif c in CLOSERS and stack and stack[-1][0] == c:
            _, start = stack.pop()
            if not stack:
                out.append((start, i + 1))
        elif c == '"' and not stack:
            if ascii_open is None:
                ascii_open = i
            else:
                out.append((ascii_open, i + 1))
                ascii_open = None
    return tuple(sorted(out))


def _inside(pos: int, ranges: Sequence[Range]) -> bool:
    return any(a < pos < b - 1 for a, b in ranges)


def _said_whole(text: str, rng: Range) -> bool:
    """Whether a quotation opened by a colon (X表示：“……。”) ends with its sentence: the
    sentence it stands in ends with it, as a speaker named after it (“……。”他说。) does not."""
    a, b = rng
    head = text[:a].rstrip()
    return b - a > 2 and text[b - 2] in SENTENCE_ENDS and head.endswith(("：", ":"))


def _han_point(text: str, i: int) -> bool:
    """A half-width point after a Chinese character (…要素保障.今年以来): a text typed with
    half-width marks ends its sentences so; a point between digits is a decimal's."""
    return (
        text[i] == "."
        and i > 0
        and "\u4e00" <= text[i - 1] <= "\u9fff"
        and (i + 1 == len(text) or not text[i + 1].isascii() or text[i + 1] in "'\"")
    )


def sentences(text: str) -> list[Range]:
    """The sentences of a paragraph; a closing quotation mark after the end belongs to it, and
    a quotation opened by a colon that ends with a sentence ends the sentence it stands in."""
    return list(_sentences(text))


@lru_cache(maxsize=_KEPT)
def _sentences(text: str) -> tuple[Range, ...]:
    quotes = _quoted(text)
    whole = {b - 1 for a, b in quotes if _said_whole(text, (a, b))}
    out: list[Range] = []
    start = i = dateline_end(text)
    if start:
        out.append((0, start))
    while i < len(text):
        if i in whole or (
            (text[i] in SENTENCE_ENDS or _han_point(text, i)) and not _inside(i, quotes)
        ):
            end = i + 1
            while end < len(text) and (text[end] in SENTENCE_ENDS or text[end] in CLOSERS):
                end += 1
            out.append((start, end))
            start = i = end
            continue
        i += 1
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    return tuple(out)


# 本报讯（记者 林晓）, 新华社讯, 观海新闻讯: a dateline that names no date, before the first
# sentence of a report. One that names its date (本报青岛6月12日讯) dates what follows, and stays.
_DATELINE: Final = re.compile(
    r"^\s*[\u4e00-\u9fffA-Za-z/·]{0,10}?(?:报|社|网|台|新闻|客户端|融媒体?)(?:讯|电)"
    r"\s*(?:[（(][^）)\d]{1,24}[）)])?\s*"
)


def dateline_end(text: str) -> int:
    """Where a paragraph's dateline without a date ends (0: it has none)."""
    m = _DATELINE.match(text)
    return m.end() if m and m.end() < len(text) else 0


def part_of(text: str, within: Range, pos: int, stops: str = "；;") -> Range:
    """The part of the range ``within`` between the stops (semicolons, by default) around
    ``pos``: one item of a list that a sentence makes."""
    lo = max([within[0]] + [i + 1 for c in stops if (i := text.rfind(c, within[0], pos)) >= 0])
    hi = min([within[1]] + [i for c in stops if (i := text.find(c, pos, within[1])) >= 0])
    return lo, hi


def clauses(text: str, within: Range | None = None) -> list[Range]:
    """The clauses of ``text`` (or of the range ``within``): cut at commas, colons, semicolons
    and sentence ends outside quotation marks."""
    return list(_clauses(text, within))


@lru_cache(maxsize=_KEPT)
def _clauses(text: str, within: Range | None) -> tuple[Range, ...]:
    lo, hi = within or (0, len(text))
    quotes = _quoted(text)
    out: list[Range] = []
    start = lo
    for i in range(lo, hi):
        if text[i] in CLAUSE_ENDS and not _inside(i, quotes):
            if i + 1 > start:
                out.append((start, i + 1))
            start = i + 1
    if start < hi and text[start:hi].strip():
        out.append((start, hi))
    return tuple(out)


def containing(ranges: Sequence[Range], pos: int) -> Range | None:
    """The range that holds position ``pos`` (``ranges`` in order, none inside another)."""
    at = bisect_right(ranges, (pos, float("inf"))) - 1
    if at >= 0 and ranges[at][0] <= pos < ranges[at][1]:
        return ranges[at]
    return None


def trim(text: str, rng: Range) -> Range:
    """A range without the punctuation and spaces at its ends (a quote reads as a phrase)."""
    a, b = rng
    while a < b and (text[a].isspace() or text[a] in "，,。；;：:、"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "，,；;：:、"):
        b -= 1
    return a, b


# Headers of a column of values, named by each row's label (| 指标 | 数值 |), and of how the
# value changed.
_VALUE_HEADERS: Final = (
    r"(?:本期|本年|本月|当期|累计|全年|年度)?(?:数值|数据|数量|金额|总量|完成值|完成数|绝对值|值|规模)"
    r"(?:[（(][^）)]*[）)])?"
)
_CHANGE_HEADERS: Final = r"增速|增长|增幅|同比|环比|比上年|比去年"


class Tables:
    """The tables among a paragraph's blocks: for each row, the header of its table (the
    row above with no figure in it), found in one pass."""

    def __init__(self, blocks: Sequence[tuple[int, str, str]]) -> None:
        self._headers: dict[int, list[str]] = {}
        self._cuts: dict[int, list[int]] = {}  # each row's bars, once asked for
        header: list[str] | None = None
        for n, kind, text in blocks:
            cells = table_cells(text)
            if not cells:
                header = None
            elif kind == "heading":
                if not re.fullmatch(r"[|:\-\s]+", text):
                    header = cells
            elif header is not None:
                self._headers[n] = header

    def topic(self, n: int, text: str, header: str) -> str:
        """What a cell under ``header`` in row ``n`` measures: the header, or, in a table of
        statistics (| 指标 | 数值 | 同比增速 |), the row's label, with the header where that
        says how it changed (地区生产总值, 地区生产总值同比增速)."""
        cells = table_cells(text)
        label = cells[0].strip() if cells else ""
        if not label or re.search(r"\d", label) or label == header:
            return header
        if re.fullmatch(_VALUE_HEADERS, header):
            return label
        if re.search(_CHANGE_HEADERS, header):
            return label + header
        return header

    def column(self, n: int, text: str, pos: int) -> tuple[str, tuple[int, int]] | None:
        """For a place ``pos`` in block ``n`` (its ``text``) that is a cell of a table's row,
        its column's header and the cell's span; else None."""
        header = self._headers.get(n)
        if header is None:
            return None
        cut = self._cuts.get(n)
        if cut is None:
            cut = self._cuts[n] = [i for i, c in enumerate(text) if c == "|"]
        col = bisect_right(cut, pos - 1) - 1
        if col < 0 or col >= len(cut) - 1 or col >= len(header):
            return None
        return header[col], (cut[col] + 1, cut[col + 1])
