"""What hz lets reach a terminal: text from a store made inert before anyone reads it.

A store is data anyone can write, so its text may carry what a terminal acts on (ANSI and OSC
sequences: clear the screen, set the title, write the clipboard with OSC 52), what reorders a
line (bidi overrides) and what cannot be seen at all (zero-width characters, odd spaces,
fillers, variation and tag characters), which makes a planted look-alike name display exactly
as the real one. Two rules, one per kind of output:

- Text for people (tables, Markdown, CSV, reports, error messages): :func:`shown`. Line breaks
  and tabs become one space; every other such character is written as a visible escape in
  Python's notation (``\\x1b``, ``\\u200b``, ``\\U000e0041``), so that nothing acts and nothing
  hides, and two names that differ only there look different.
- Text for programs (JSON, JSON lines): :func:`json_text`, the same characters as JSON ``\\u``
  escapes (a character above U+FFFF as its surrogate pair), so a terminal showing the JSON
  never acts on them while ``json.loads`` gives back the exact value. Lone surrogates (bytes of
  an undecodable argument) are escaped the same way instead of failing the write.

The set is the Unicode categories Cc, Cf, Cs, Zl and Zp, the spaces of category Zs other than
U+0020 and the ideographic space U+3000 (which Chinese text uses and shows as a wide blank),
and the characters that render as nothing though their category says otherwise: U+034F, the
Hangul fillers, U+17B4/5, U+2800, the Mongolian and other variation selectors. The ranges are
written out below because deriving them at start-up would cost every lookup a walk over all
code points; ``tests/cli/test_escape.py`` derives them from ``unicodedata`` and compares.
Standard library only, cheap to import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

# Unicode 14.0 (Python 3.11's database); the test names any code point this misses or adds.
_RANGES: Final = (
    "\x00-\x1f\x7f-\xa0\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"
    "\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u2064"
    "\u2066-\u206f\u2800\u3164\ud800-\udfff\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
# Compiled on first use: a lookup printing JSON never needs the other two, and compiling
# all three would cost every start a millisecond.
_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    found = _PATTERNS.get(name)
    if found is None:
        source = {
            "hidden": f"[{_RANGES}]",
            # What ends a line or moves along it (str.splitlines' breaks, the tab): one space.
            "breaks": r"[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]+",
            # In JSON text the layout's newlines stay; json.dumps escapes the rest of C0.
            "json": "[\x00-\x09\x0b-\x1f" + _RANGES[len("\x00-\x1f") :] + "]",
        }[name]
        found = _PATTERNS[name] = re.compile(source)
    return found


def hidden_pattern() -> re.Pattern[str]:
    """The pattern of every hidden character (what :func:`shown` escapes)."""
    return _pattern("hidden")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown(text: str) -> str:
    """Text safe and honest on a terminal: one line, every hidden character visibly escaped.

    ``"小优\\u200b智能\\n\\x1b[2J"`` is shown as ``小优\\u200b智能 \\x1b[2J``, backslashes and all.
    """
    if not text.isprintable():  # breaks are never printable: most text skips this pass
        text = _pattern("breaks").sub(" ", text)
    return _pattern("hidden").sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(text: str) -> str:
    """JSON text (as ``json.dumps`` writes it) with every hidden character ``\\u``-escaped.

    Only characters inside strings can match (JSON's own layout is spaces and newlines), and
    an escape decodes to the very character it replaces, so the value is unchanged.
    """
    return _pattern("json").sub(_json_escape, text)


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON as hz prints it: UTF-8 text, readable Chinese, hidden characters escaped."""
    return json_text(json.dumps(data, ensure_ascii=False, indent=indent))


class _Rows(list):  # type: ignore[type-arg]  # a list to json's encoder, only ever iterated
    """Rows for ``json.JSONEncoder.iterencode`` to write as an array, one at a time."""

    def __init__(self, rows: Iterator[Any]) -> None:
        super().__init__()
        self._rows = rows

    def __iter__(self) -> Iterator[Any]:
        return self._rows

    def __bool__(self) -> bool:
        return True  # the caller gives at least one row


def array_pieces(rows: Iterator[Any], *, indent: int, size: int = 1 << 16) -> Iterator[str]:
    """``dumps(list(rows), indent=indent)`` in pieces of about ``size`` characters, each row
    encoded as it comes: one encoder for the whole array (an encoder made per row leaves
    reference cycles, which hz, running without the cycle collector, would keep). ``rows``
    must not be empty."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=indent)
    held: list[str] = []
    count = 0
    for piece in encoder.iterencode(_Rows(rows)):
        held.append(piece)
        count += len(piece)
        if count >= size:
            yield json_text("".join(held))
            held.clear()
            count = 0
    yield json_text("".join(held))
