"""Text made comparable, as a reader compares it: the normalisation every name and search uses.

:func:`normalize` makes text typed on any keyboard comparable with an article: characters
that show as nothing dropped (zero-width, bidi marks and isolates, variation selectors,
fillers), NFKC (full-width ``ＡＢ，；：`` become ``AB,;:``), casefold, curly and corner quotes
unified (``“”「」『』`` → ``"``, ``‘’`` → ``'``), dashes unified (``—`` → ``-``), whitespace
collapsed and trimmed. A space survives only between two narrow letters or digits (``Haier
Biomedical``); next to a Han character or a punctuation mark it carries no meaning in Chinese
text and is dropped, so ``小优 智能`` is ``小优智能`` and ``发展高科技， 实现产业化`` is
``发展高科技,实现产业化``. :func:`normalize_mapped` returns the same string together with where
each of its characters came from in the original, so a match can be shown where it was written.

Standard library only (and ``invisible``, which is too), and cheap to import.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from hightech_cli.invisible import NO_WIDTH_CHARS

Span = tuple[int, int]

# Every character that shows as nothing (``invisible.NO_WIDTH_CHARS``: zero-width spaces and
# joiners, BOM, soft hyphen, bidi marks, embeddings and isolates, variation selectors, fillers,
# tags), so that a name copied with one around it or inside it is the name a reader sees.
_DROP: Final = dict.fromkeys(map(ord, NO_WIDTH_CHARS))
# Applied after NFKC, which already maps the full-width forms (，；：！？（）＂) to ASCII.
_PUNCT: Final = str.maketrans(
    dict.fromkeys("\u201c\u201d\u201e\u201f\u300c\u300d\u300e\u300f\u301d\u301e\u301f«»", '"')
    | dict.fromkeys("\u2018\u2019\u201a\u201b", "'")
    | dict.fromkeys("\u2010\u2012\u2013\u2014\u2015\u2212", "-")
    | {"\u301c": "~"}
)
_MAX_PASSES: Final = 4  # a pass can expose a composition to the next (カ + ﾞ → ガ)
# Text that normalize() need only lower-case: ASCII letters and digits, ``:-_./`` and CJK
# unified ideographs (all NFKC-stable, and casefolded as lower() does), with single spaces
# only between ASCII letters or digits, where normalize() keeps them. Most names and ids are
# such text, and the test is far cheaper than folding. It reads the text's UTF-8
# bytes (U+4E00-U+9FFF is E4 B8 80 to E9 BF BF): a str pattern holding that range takes
# longer to compile than a lookup in the shipped store spends in normalize().
_SIMPLE_UTF8: Final = re.compile(
    rb"(?:[0-9a-zA-Z:\-_./]|(?<=[0-9a-zA-Z]) (?=[0-9a-zA-Z])"
    rb"|\xe4[\xb8-\xbf][\x80-\xbf]|[\xe5-\xe9][\x80-\xbf][\x80-\xbf])*"
)


def _fold_chunk(chunk: str) -> str:
    """Normalise one base character with its combining marks."""
    s = unicodedata.normalize("NFKC", chunk.translate(_DROP)).casefold()
    s = unicodedata.normalize("NFKC", s).translate(_PUNCT)
    return "".join(" " if c.isspace() else c for c in s)


def _is_word(c: str) -> bool:
    """A narrow letter or digit: the only neighbours that keep a space between them."""
    return c.isalnum() and unicodedata.east_asian_width(c) not in ("W", "F")


def _fold_pass(text: str) -> tuple[str, list[Span]]:
    """One normalising pass; each output character with the input range it came from."""
    chars: list[str] = []
    spans: list[Span] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        for c in _fold_chunk(text[i:j]):
            chars.append(c)
            spans.append((i, j))
        i = j
    out: list[str] = []
    out_spans: list[Span] = []
    k, m = 0, len(chars)
    while k < m:
        if chars[k] != " ":
            out.append(chars[k])
            out_spans.append(spans[k])
            k += 1
            continue
        end = k
        while end < m and chars[end] == " ":
            end += 1
        if out and end < m and _is_word(out[-1]) and _is_word(chars[end]):
            out.append(" ")
            out_spans.append((spans[k][0], spans[end - 1][1]))
        k = end
    return "".join(out), out_spans


def normalize_mapped(text: str) -> tuple[str, list[Span]]:
    """``normalize(text)``, and for each of its characters the ``(start, end)`` it came from.

    The ranges index ``text``, so a match found in the normalised string can be highlighted
    in the original even where NFKC changed the length (``…`` → ``...``, ``ß`` → ``ss``).
    """
    current = text
    spans: list[Span] = [(i, i + 1) for i in range(len(text))]
    for _ in range(_MAX_PASSES):
        folded, step = _fold_pass(current)
        if folded == current:
            break
        spans = [(spans[s][0], spans[e - 1][1]) for s, e in step]
        current = folded
    return current, spans


def normalize(text: str) -> str:
    """Text made comparable: NFKC, casefolded, punctuation and quotes unified, spaces tidied.

    >>> normalize("  ＡｓｔｒａＺｅｎｅｃａ ")
    'astrazeneca'
    >>> normalize("“发展高科技， 实现产业化”")
    '"发展高科技,实现产业化"'
    """
    if _SIMPLE_UTF8.fullmatch(text.encode("utf-8", "surrogatepass")):
        return text.lower()
    return _normalize_cached(text)


@lru_cache(maxsize=4096)
def _normalize_cached(text: str) -> str:
    folded = _fold_by_character(text)
    return normalize_mapped(text)[0] if folded is None else folded


class _CharacterFolds(dict[int, str]):
    """What each character folds to on its own, for ``str.translate``, learnt on first sight.

    Only characters whose fold does not depend on their neighbours are kept: not combining
    marks, and folding to characters that are neither combining nor folded any further (so a
    second pass of ``_fold_pass`` changes nothing). Any other character is not kept, and marks
    the text as one that only ``normalize_mapped`` may fold.
    """

    unsafe = False

    def __missing__(self, code: int) -> str:
        c = chr(code)
        folded = _fold_chunk(c)
        if unicodedata.combining(c) or any(
            unicodedata.combining(f) or _fold_chunk(f) != f for f in folded
        ):
            self.unsafe = True
            return c
        self[code] = folded
        return folded


_FOLDS: Final = _CharacterFolds()
_SPACES: Final = re.compile(" +")


def _keep_space(match: re.Match[str]) -> str:
    """A run of spaces as ``_fold_pass`` leaves it: one space between two narrow words."""
    text, start, end = match.string, match.start(), match.end()
    keep = start > 0 and end < len(text) and _is_word(text[start - 1]) and _is_word(text[end])
    return " " if keep else ""


def _fold_by_character(text: str) -> str | None:
    """``normalize_mapped(text)[0]`` computed a character at a time by ``str.translate``, many
    times faster; None for text holding a character whose fold depends on its neighbours."""
    _FOLDS.unsafe = False
    folded = text.translate(_FOLDS)
    if _FOLDS.unsafe:
        return None
    return _SPACES.sub(_keep_space, folded) if " " in folded else folded
