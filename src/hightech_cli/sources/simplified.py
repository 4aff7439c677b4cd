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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from hightech_cli.hanzi import simplify, table, traditional_table

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


class Twin:
    """An article's blocks and their simplified twins, by block number: what was found in a
    twin, taken back from the block at the same place."""

    def __init__(self, blocks: Iterable[Mapping[str, Any]]) -> None:
        self._text: dict[int, tuple[str, str]] = {}
        self.source = ""  # the blocks' source: evidence from any other is not this article's
        for b in blocks:
            self._text[int(b["n"])] = (str(b["text"]), simplify(str(b["text"])))
            self.source = str(b.get("source", self.source))

    def back(self, n: int | None, found: str) -> str:
        """What block ``n`` writes where its twin has ``found`` (``found`` where it has none)."""
        pair = self._text.get(n) if isinstance(n, int) else None
        if pair is None or not found:
            return found
        written, twin = pair
        at = twin.find(found)
        return written[at : at + len(found)] if at >= 0 else found

    def anywhere(self, found: str) -> str:
        """What the article writes where a twin first has ``found``."""
        for n, (_, twin) in self._text.items():
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
            written = twin.anywhere(form)
            if written != form and written not in aliases and written != rec.get("name"):
                aliases.append(written)
    if aliases:
        rec["aliases"] = aliases


def _fact(rec: Record, twin: Twin) -> None:
    # A fact's quote is cut from the article's own block already, at the place it was found
    # (``_Run._evidence``); its text and figures are taken back from within that quote.
    ev = rec.get("evidence") or {}
    n = ev.get("paragraph")
    quote = ev.get("quote", "")
    quote = quote if isinstance(quote, str) else ""
    twin_quote = simplify(quote)
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

    def back(found: str) -> str:
        at = twin_quote.find(found) if found else -1
        return quote[at : at + len(found)] if at >= 0 else found

    return back
