"""Articles in traditional characters (繁體): read through a twin in simplified ones, quoted as
written.

**Why.** The rules of extraction, the money grammar and the tagger read simplified characters
(亿, 万, 高新区, 签约); an article printed in traditional ones (億, 萬, 高新區, 簽約) would give
them nothing. So such an article is read through its twin: the same text converted one
character for one, by OpenCC's table of traditional characters and their simplified forms
(``TSCharacters.txt``, as the ``opencc-purepy`` package ships it). One character for one means
every place in the twin is the same place in the article.

**What is stored.** The paragraphs are the article's own, and so is everything that must be
verbatim: each evidence quote, each figure as written, each date as written, each fact's text.
They are taken back from the article at the places the twin's were found. Names, topics and
roles stay in simplified characters, so that they meet the names the store already has
(``hz company 青岛高新区`` finds the entity an article in either script is about); each name the
article writes otherwise is kept beside them as an alias, so that it is found as written too.

A text is read as traditional where enough of its characters have a simplified form
(:func:`is_traditional`); a simplified article with a few characters of the table (乾, 著) is
read as it is. Without the table (the package missing), every article is read as it is.

**Characters that take no room.** An article holding zero-width spaces, joiners, BOMs or bidi
marks (``《关于支持\u200b人工智能…》``, ``青岛小优\u200b智能科技有限公司``) is read through a
twin without them, in either script: a name read across one is the name a reader sees, never
one holding a character ``hz check`` refuses in a name, and the verbatim parts are taken back
from the article as above, its hidden characters kept. Such a twin is shorter than its block,
so a place in it is taken back through the list of the places it keeps (``Twin.cut``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from hightech_cli.hanzi import simplify, table, traditional_table
from hightech_cli.invisible import no_width

__all__ = [
    "Twin",
    "is_traditional",
    "restore",
    "simplify",
    "table",
    "traditional_table",
]

Record = dict[str, Any]

# How much of a text's Chinese must change before it is read as traditional: at least this many
# characters, and this share of them.
_LEAST: Final = 8
_SHARE: Final = 0.04
_HAN: Final = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters, by how many of them change."""
    conversions = table()
    if not conversions:
        return False
    han = len(_HAN.findall(text))
    changed = sum(1 for c in text if ord(c) in conversions)
    return changed >= _LEAST and changed >= _SHARE * han


def _kept(text: str) -> list[int] | None:
    """The places of ``text`` a twin keeps, where it leaves any out (None: every one)."""
    hidden = set(no_width(text))
    return [i for i in range(len(text)) if i not in hidden] if hidden else None


def _span(written: str, kept: list[int] | None, at: int, end: int) -> str:
    """What ``written`` holds where its twin (keeping ``kept``) has ``[at, end)``."""
    if kept is None:
        return written[at:end]
    if end <= at:
        return ""
    return written[kept[at] : kept[end - 1] + 1]


class Twin:
    """An article's blocks and their twins, by block number: simplified where ``traditional``,
    without the characters that take no room: what was found in a twin, taken back from the
    block at the same place."""

    def __init__(self, blocks: Iterable[Mapping[str, Any]], *, traditional: bool = True) -> None:
        self.traditional = traditional
        self._text: dict[int, tuple[str, str, list[int] | None]] = {}
        self.source = ""  # the blocks' source: evidence from any other is not this article's
        for b in blocks:
            written = str(b["text"])
            kept = _kept(written)
            self._text[int(b["n"])] = (written, self.read(written), kept)
            self.source = str(b.get("source", self.source))

    def read(self, text: str) -> str:
        """The twin of a text: without its characters that take no room, simplified where
        the article is traditional."""
        kept = _kept(text)
        plain = text if kept is None else "".join(text[i] for i in kept)
        return simplify(plain) if self.traditional else plain

    def cut(self, n: int, at: int, end: int) -> str:
        """What block ``n`` writes where its twin has the span ``[at, end)``."""
        triple = self._text.get(n)
        if triple is None:
            return ""
        written, _, kept = triple
        return _span(written, kept, at, end)

    def back(self, n: int | None, found: str) -> str:
        """What block ``n`` writes where its twin has ``found`` (``found`` where it has none)."""
        triple = self._text.get(n) if isinstance(n, int) else None
        if triple is None or not found:
            return found
        written, twin, kept = triple
        at = twin.find(found)
        return _span(written, kept, at, at + len(found)) if at >= 0 else found

    def anywhere(self, found: str) -> str:
        """What the article writes where a twin first has ``found``."""
        for n, (_, twin, _) in self._text.items():
            if found and found in twin:
                return self.back(n, found)
        return found


def restore(records: list[Record], twin: Twin, given: Iterable[str] = ()) -> list[Record]:
    """The records of a twin, with what must be verbatim taken back from the article (a
    source's fields the user ``given`` stay as given)."""
    kept = set(given)
    for rec in records:
        table_name = rec.get("table")
        if table_name == "meta":
            for source in rec.get("sources", []):
                for key in ("title", "subtitle", "byline", "photo_credit", "publication"):
                    if key not in kept and isinstance(source.get(key), str):
                        source[key] = twin.anywhere(source[key])
        elif table_name == "entities":
            _entity(rec, twin)
        elif table_name == "facts":
            _fact(rec, twin)
    return records


def _entity(rec: Record, twin: Twin) -> None:
    for ev in rec.get("evidence", []):
        # An entity the store has comes back with its evidence from other sources, as written
        # there: only this article's is taken back from it.
        if ev.get("source") == twin.source:
            ev["quote"] = twin.back(ev.get("paragraph"), ev.get("quote", ""))
    if isinstance(rec.get("summary"), str):
        rec["summary"] = twin.anywhere(rec["summary"])
    forms = [rec.get("name"), rec.get("full_name"), *rec.get("aliases", [])]
    aliases: list[str] = list(rec.get("aliases", []))
    for form in forms:
        if isinstance(form, str) and form:
            # The name as written, less any character that takes no room: a name holding one
            # is no name a reader can tell from another (``hz check`` refuses it).
            written = _visible(twin.anywhere(form))
            if written != form and written not in aliases and written != rec.get("name"):
                aliases.append(written)
    if aliases:
        rec["aliases"] = aliases


def _visible(text: str) -> str:
    hidden = set(no_width(text))
    return "".join(c for i, c in enumerate(text) if i not in hidden) if hidden else text


def _fact(rec: Record, twin: Twin) -> None:
    # A fact's quote is cut from the article's own block already, at the place it was found
    # (``_Run._evidence``); its text and figures are taken back from within that quote.
    ev = rec.get("evidence") or {}
    n = ev.get("paragraph")
    quote = ev.get("quote", "")
    quote = quote if isinstance(quote, str) else ""
    twin_quote = twin.read(quote)
    within = _within(twin_quote, quote)
    for key in ("text", "written"):
        found = rec.get(key)
        if isinstance(found, str):
            rec[key] = within(found) if found and found in twin_quote else twin.back(n, found)
    for key in ("value", "before"):
        figure = rec.get(key)
        if isinstance(figure, dict) and isinstance(figure.get("text"), str):
            figure["text"] = within(figure["text"])


def _within(twin_quote: str, quote: str) -> Callable[[str], str]:
    """What ``quote`` writes where ``twin_quote`` (its twin) has a text."""
    kept = _kept(quote)

    def back(found: str) -> str:
        at = twin_quote.find(found) if found else -1
        return _span(quote, kept, at, at + len(found)) if at >= 0 else found

    return back
