"""Characters a reader cannot see: control codes and invisible formatting characters.

A name holding one (a zero-width space, a joiner, a BOM, a soft hyphen, a bidi mark, a
Hangul filler, a variation selector …) looks like another name yet is not the same text, so
``hz check`` reports it (``store/check.py``); a message that shows one shows it escaped
(:func:`printable`), so that a terminal never acts on it. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Beyond the categories Cc (controls) and Cf (format: ZWSP, ZWJ, BOM, soft hyphen, bidi
# marks and isolates, tags), characters that render as nothing or as blank space of no width.
_BLANKS: Final = (
    "\u034f"  # combining grapheme joiner
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer inherent vowels
    "\u180b-\u180f"  # Mongolian free variation selectors and vowel separator
    "\ufe00-\ufe0f"  # variation selectors
    "\U000e0100-\U000e01ef"  # variation selectors supplement
    "\u2800"  # Braille blank
)
# The format characters (category Cf): zero-width spaces and joiners, BOM, soft hyphen, bidi
# marks and isolates, tags.
_FORMATS: Final = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_UNSEEN: Final = re.compile("[\x00-\x1f\x7f-\x9f" + _FORMATS + _BLANKS + "]")
# What takes no room at all: the unseen characters less the controls (a line break or a tab
# is a break or a space to a reader).
_NO_WIDTH: Final = re.compile("[" + _FORMATS + _BLANKS + "]")


def _expand(spec: str) -> frozenset[str]:
    """The characters a regular-expression class body of single characters and ``a-b``
    ranges (as ``_FORMATS`` and ``_BLANKS`` are written) stands for."""
    chars: set[str] = set()
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            chars.update(map(chr, range(ord(spec[i]), ord(spec[i + 2]) + 1)))
            i += 3
        else:
            chars.add(spec[i])
            i += 1
    return frozenset(chars)


# Every character that takes no room, for ``str.translate`` tables (``text.normalize``).
NO_WIDTH_CHARS: Final = _expand(_FORMATS + _BLANKS)


def is_unseen(char: str) -> bool:
    """Whether one character is a control code or shows as nothing (see the module docstring)."""
    return bool(_UNSEEN.fullmatch(char)) or unicodedata.category(char) in ("Cc", "Cf")


def unseen(text: str) -> list[str]:
    """The characters of ``text`` a reader cannot see, in order, each once."""
    return list(dict.fromkeys(_UNSEEN.findall(text)))


def strip_unseen(text: str) -> str:
    """``text`` without its control and invisible characters."""
    return _UNSEEN.sub("", text)


def no_width(text: str) -> list[int]:
    """Where ``text`` holds a character that takes no room (a zero-width space, a joiner, a
    BOM, a bidi mark, a variation selector …; not a control such as a line break)."""
    return [m.start() for m in _NO_WIDTH.finditer(text)]


def code(char: str) -> str:
    """A character as ``U+200B``."""
    return f"U+{ord(char):04X}"


def printable(text: str) -> str:
    """``text`` with every control or invisible character shown as ``\\u200b`` (``\\x1b``)."""
    return _UNSEEN.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    n = ord(match.group())
    if n < 0x100:
        return f"\\x{n:02x}"
    return f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"
