"""Pinyin lookup keys for entity names, computed when records are made, never at lookup.

This is the only module of the project that imports pypinyin, and only the curated build
(``tools/build_store.py``) and extraction (``hz extract``, ``hz add``) import it: they call
``name_keys([entity name] + Chinese aliases)`` and write the result into each entity's
``keys``, so ``hz`` resolves ``xiaoyouzhineng`` or ``xyzn`` without any pinyin library.

One reading per name: pypinyin's phrase-aware ``lazy_pinyin`` with ``Style.NORMAL`` and no
heteronyms, so a name gives one key, never a combinatorial set. Where its phrase dictionary
reads a proper name wrongly (长木谷 is *cháng*mùgǔ, not *zhǎng*mùgǔ), ``READING_OVERRIDES``
gives the reading. ASCII letters and digits inside a name are kept, lowercased, as one token
(``e企炬链`` → ``eqijulian``, initials ``eqjl``); punctuation, quotes and spaces are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from pypinyin import Style, lazy_pinyin

if TYPE_CHECKING:
    from hightech_cli.models import NameKeys

# Proper names whose reading pypinyin's phrase dictionary gets wrong, as toneless syllables.
READING_OVERRIDES: Final[dict[str, tuple[str, ...]]] = {
    "长木谷": ("chang", "mu", "gu"),
}

_HAN: Final = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A run of Han characters, or a run of ASCII letters and digits; everything else is dropped.
_TOKEN: Final = re.compile(f"([{_HAN}]+)|([a-z0-9]+)")
_HAS_HAN: Final = re.compile(f"[{_HAN}]")
_SYLLABLE: Final = re.compile(r"[a-z]+")
_OVERRIDE: Final = re.compile(
    "|".join(re.escape(k) for k in sorted(READING_OVERRIDES, key=len, reverse=True))
)


def _han_syllables(run: str) -> list[str]:
    """Toneless syllables of a run of Han characters, phrase-aware, overrides applied."""
    syllables: list[str] = []
    start = 0
    for m in _OVERRIDE.finditer(run):
        syllables += _lazy(run[start : m.start()])
        syllables += READING_OVERRIDES[m.group()]
        start = m.end()
    syllables += _lazy(run[start:])
    return syllables


def _lazy(text: str) -> list[str]:
    """pypinyin's reading of ``text``; a character it cannot read contributes nothing."""
    if not text:
        return []
    readings: list[str] = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
    return [r.lower() for r in readings if _SYLLABLE.fullmatch(r.lower())]


def name_key(name: str) -> tuple[str, str] | None:
    """The full pinyin and the initials of one name, or None when it holds no Han character."""
    text = unicodedata.normalize("NFKC", name).lower()
    if not _HAS_HAN.search(text):
        return None
    full: list[str] = []
    initials: list[str] = []
    for m in _TOKEN.finditer(text):
        han, ascii_word = m.groups()
        if han:
            syllables = _han_syllables(han)
            full += syllables
            initials += [s[0] for s in syllables]
        else:
            full.append(ascii_word)
            initials.append(ascii_word)
    if not full:
        return None
    return "".join(full), "".join(initials)


def slug(name: str) -> str:
    """An ASCII id part for a name: its pinyin syllables, or its letters and digits, joined by
    hyphens (小优智能 → xiao-you-zhi-neng); "" for a name with neither."""
    text = unicodedata.normalize("NFKC", name).lower()
    parts: list[str] = []
    for m in _TOKEN.finditer(text):
        han, ascii_word = m.groups()
        parts += _han_syllables(han) if han else [ascii_word]
    return "-".join(p for p in parts if p)[:60].strip("-")


def name_keys(names: Iterable[str]) -> NameKeys:
    """Pinyin and initials keys of every name that holds Han characters, deduplicated, in order.

    >>> name_keys(["小优智能", "青岛小优智能科技有限公司", "Xiaoyou"])["initials"]
    ['xyzn', 'qdxyznkjyxgs']
    """
    pinyin: list[str] = []
    initials: list[str] = []
    for name in names:
        key = name_key(name)
        if key is None:
            continue
        full, first_letters = key
        if full not in pinyin:
            pinyin.append(full)
        if first_letters not in initials:
            initials.append(first_letters)
    return {"pinyin": pinyin, "initials": initials}
