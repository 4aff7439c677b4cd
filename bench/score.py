"""Score what ``hz extract`` found in an article against a hand annotation of it.

The annotation is in the shape of ``data/curated.toml`` (``tests/articles/README.md``): entities,
and facts of kind quantity, investment, quote and event. The extraction is the list of records
``hz extract`` prints. Matching is by place in the article, not by wording:

- an **entity** matches when its kind agrees (policy and organisation count as one family) and
  one of its names (name, full name, aliases) equals one of the annotation's, compared
  normalised; a name that differs only by a trailing 项目/公司/集团 matches too, and a project
  named with or without its investor in front (five characters or more in common at the end);
- a **figure** matches when its number is the annotated one and it stands where the annotated
  figure stands (within a few characters, in the article with its whitespace removed); it is
  *fully typed* when number, unit, qualifier and currency (and the figure before, for a change)
  all agree;
- a **quote** matches when the two speeches share their first words; its *speaker* is right when
  the fact's subject is the annotated speaker;
- an **event** matches a fact of the extraction that carries a date (an event, or a dated
  figure) whose quote overlaps the annotated one, with the same date to the annotated
  precision (year, month or day). Its *subject* is scored where an extracted event (not a
  dated figure) matches it so, and the annotation names one.

Every figure's *subject* is right when the extracted subject is the annotated one. Evidence is
verbatim when its quote occurs in the block it cites. Nothing here is a test; ``bench/extract.py``
prints the tables and ``tests/sources/test_extract_quality.py`` holds floors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

FAMILY = {"policy": "policy", "organisation": "policy"}
_SUFFIXES = ("项目", "公司", "集团", "有限公司")
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Text compared as a reader would: NFKC, case folded, quotes and spaces dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if not c.isspace() and c not in "\"'“”‘’「」『』《》")


def squeeze(text: str) -> str:
    """The article or a quote without whitespace, as positions are compared."""
    return _SPACE.sub("", text)


def _names(ent: Mapping[str, Any]) -> set[str]:
    forms = {ent.get("name", ""), ent.get("full_name", ""), ent.get("english_name", "")}
    forms |= set(ent.get("aliases", []))
    out = {norm(f) for f in forms if f}
    for f in list(out):
        for suffix in _SUFFIXES:
            if f.endswith(suffix) and len(f) > len(suffix) + 1:
                out.add(f[: -len(suffix)])
    return out


def _family(kind: str) -> str:
    return FAMILY.get(kind, kind)


def _same_entity(gold: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    if _family(gold["kind"]) != _family(got["kind"]):
        return False
    mine, theirs = _names(gold), _names(got)
    if mine & theirs:
        return True
    # A project named with or without its investor (阿斯利康吸入气雾剂生产基地): the same one.
    return gold["kind"] == "project" and any(
        (a.endswith(b) or b.endswith(a)) and min(len(a), len(b)) >= 5 for a in mine for b in theirs
    )


def _number(value: Any) -> Decimal:
    return Decimal(str(value))


def _typed(gold: Mapping[str, Any], got: Mapping[str, Any]) -> bool:
    """Number, unit, qualifier and currency all agree."""
    return (
        _number(gold["number"]) == _number(got["number"])
        and norm(gold.get("unit", "")) == norm(got.get("unit", ""))
        and gold.get("q", gold.get("qualifier")) == got.get("qualifier")
        and gold.get("currency") == got.get("currency")
    )


@dataclass
class Count:
    """Hits out of a total, for recall or precision."""

    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hit += bool(ok)

    def __iadd__(self, other: Count) -> Count:
        self.hit += other.hit
        self.total += other.total
        return self

    @property
    def rate(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __str__(self) -> str:
        rate = self.rate
        return "-" if rate is None else f"{100 * rate:.0f}% ({self.hit}/{self.total})"


@dataclass
class Score:
    """Recall and precision of each kind of thing, for one article or several."""

    entities_recall: Count = field(default_factory=Count)
    entities_precision: Count = field(default_factory=Count)
    figures_found: Count = field(default_factory=Count)  # located, number right
    figures_recall: Count = field(default_factory=Count)  # fully typed
    figures_precision: Count = field(default_factory=Count)
    subjects: Count = field(default_factory=Count)  # of the figures found
    quotes_recall: Count = field(default_factory=Count)  # right speaker
    quotes_precision: Count = field(default_factory=Count)
    events_recall: Count = field(default_factory=Count)
    events_precision: Count = field(default_factory=Count)
    events_subjects: Count = field(default_factory=Count)  # of the events found as events
    verbatim: Count = field(default_factory=Count)
    misses: list[str] = field(default_factory=list)

    def __iadd__(self, other: Score) -> Score:
        for name in self.__dataclass_fields__:
            if name != "misses":
                mine = getattr(self, name)
                mine += getattr(other, name)
        self.misses += other.misses
        return self

    def rows(self) -> list[tuple[str, Count]]:
        return [
            ("figures recall (fully typed)", self.figures_recall),
            ("figures precision", self.figures_precision),
            ("figures found (number and place)", self.figures_found),
            ("figures with the right subject", self.subjects),
            ("entities recall", self.entities_recall),
            ("entities precision", self.entities_precision),
            ("quotes recall (right speaker)", self.quotes_recall),
            ("quotes precision", self.quotes_precision),
            ("dated events recall", self.events_recall),
            ("dated events precision", self.events_precision),
            ("dated events with the right subject", self.events_subjects),
            ("evidence verbatim", self.verbatim),
        ]


class _Places:
    """Where quotes stand in the article, whitespace removed."""

    def __init__(self, article: str) -> None:
        self.text = squeeze(article)

    def of(self, quote: str, inner: str = "") -> int | None:
        """The position of ``inner`` inside ``quote`` (of the quote itself if none)."""
        q = squeeze(quote)
        at = self.text.find(q)
        if at < 0:
            return None
        if inner:
            offset = q.find(squeeze(inner))
            return None if offset < 0 else at + offset
        return at

    def span(self, quote: str) -> tuple[int, int] | None:
        at = self.of(quote)
        return None if at is None else (at, at + len(squeeze(quote)))


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _same_date(gold: str, got: str | None) -> bool:
    return got is not None and got[: len(gold)] == gold


def score(
    gold: Mapping[str, Any], records: Sequence[Mapping[str, Any]], article: str, label: str = ""
) -> Score:
    """Score the extraction ``records`` of ``article`` against the annotation ``gold``."""
    s = Score()
    places = _Places(article)
    ents = [r for r in records if r.get("table") == "entities"]
    facts = [r for r in records if r.get("table") == "facts"]
    blocks = {(b["source"], b["n"]): b["text"] for b in records if b.get("table") == "blocks"}
    by_id = {e["id"]: e for e in ents}
    gold_ents = list(gold.get("entity", []))
    gold_by_id = {e["id"]: e for e in gold_ents}

    for g in gold_ents:
        found = any(_same_entity(g, e) for e in ents)
        s.entities_recall.add(found)
        if not found:
            s.misses.append(f"{label} entity {g['kind']} {g['name']}")
    for e in ents:
        ok = any(_same_entity(g, e) for g in gold_ents)
        s.entities_precision.add(ok)
        if not ok:
            s.misses.append(f"{label} extra entity {e['kind']} {e['name']}")

    def subject_right(gold_subject: str, fact: Mapping[str, Any]) -> bool:
        g, e = gold_by_id.get(gold_subject), by_id.get(fact.get("subject", ""))
        return g is not None and e is not None and _same_entity(g, e)

    # Figures.
    gold_figs = [f for f in gold.get("fact", []) if "value" in f]
    got_figs = [f for f in facts if "value" in f]
    got_at = [(places.of(f["evidence"]["quote"], f["value"]["text"]), f) for f in got_figs]
    used: set[int] = set()
    for g in gold_figs:
        at = places.of(g["quote"], g["value"]["text"])
        match = None
        for i, (pos, f) in enumerate(got_at):
            if i in used or pos is None or at is None or abs(pos - at) > 8:
                continue
            if _number(f["value"]["number"]) == _number(g["value"]["number"]):
                match = i
                break
        s.figures_found.add(match is not None)
        if match is None:
            s.figures_recall.add(False)
            s.misses.append(f"{label} figure {g['value']['text']} in {g['quote'][:30]}")
            continue
        used.add(match)
        f = got_at[match][1]
        typed = _typed(g["value"], f["value"])
        if "before" in g:
            typed = typed and "before" in f and _typed(g["before"], f["before"])
        s.figures_recall.add(typed)
        if not typed:
            s.misses.append(f"{label} figure typed wrong {g['value']} vs {f['value']}")
        right = subject_right(g["subject"], f)
        s.subjects.add(right)
        if not right:
            s.misses.append(
                f"{label} figure {g['value']['text']} subject {g['subject']} vs {f.get('subject')}"
            )
    for i, (_, f) in enumerate(got_at):
        s.figures_precision.add(i in used)
        if i not in used:
            s.misses.append(f"{label} extra figure {f['value']['text']} in {f['text'][:30]}")

    # Quotes.
    gold_quotes = [f for f in gold.get("fact", []) if f["kind"] == "quote"]
    got_quotes = [f for f in facts if f["kind"] == "quote"]
    matched_quotes: set[int] = set()
    for g in gold_quotes:
        head = norm(g["text"])[:8]
        hit = next(
            (
                i
                for i, f in enumerate(got_quotes)
                if head and (head in norm(f["text"]) or norm(f["text"])[:8] in norm(g["text"]))
            ),
            None,
        )
        right = hit is not None and subject_right(g["subject"], got_quotes[hit])
        if hit is not None:
            matched_quotes.add(hit)
        s.quotes_recall.add(right)
        if not right:
            who = None if hit is None else got_quotes[hit].get("subject")
            s.misses.append(f"{label} quote {g['text'][:16]} by {g['subject']} (got {who})")
    for i, f in enumerate(got_quotes):
        s.quotes_precision.add(i in matched_quotes)
        if i not in matched_quotes:
            s.misses.append(f"{label} extra quote {f['text'][:20]}")

    # Dated events.
    gold_events = [f for f in gold.get("fact", []) if f["kind"] == "event"]
    dated = [f for f in facts if f.get("date")]
    got_events = [f for f in facts if f["kind"] == "event"]
    for g in gold_events:
        span = places.span(g["quote"])
        ok = any(
            _overlap(span, places.span(f["evidence"]["quote"]))
            and _same_date(str(g.get("date", g.get("year"))), f.get("date"))
            for f in dated
        )
        s.events_recall.add(ok)
        if not ok:
            s.misses.append(f"{label} event {g.get('date')} {g['quote'][:30]}")
        as_events = [
            f
            for f in got_events
            if _overlap(span, places.span(f["evidence"]["quote"]))
            and _same_date(str(g.get("date", g.get("year"))), f.get("date"))
        ]
        if as_events and "subject" in g:
            right = any(subject_right(g["subject"], f) for f in as_events)
            s.events_subjects.add(right)
            if not right:
                s.misses.append(
                    f"{label} event {g.get('date')} subject {g['subject']}"
                    f" vs {as_events[0].get('subject')}"
                )
    gold_spans = [(places.span(g["quote"]), str(g.get("date", g.get("year")))) for g in gold_events]
    gold_spans += [
        (places.span(g["quote"]), str(g.get("date", g.get("year"))))
        for g in gold.get("fact", [])
        if g.get("date") and g["kind"] != "event"
    ]
    for f in got_events:
        ok = any(
            _overlap(span, places.span(f["evidence"]["quote"])) and _same_date(d, f.get("date"))
            for span, d in gold_spans
        )
        s.events_precision.add(ok)
        if not ok:
            s.misses.append(f"{label} extra event {f.get('date')} {f['text'][:30]}")

    # Evidence.
    for r in [*facts, *ents]:
        evs = r["evidence"] if isinstance(r["evidence"], list) else [r["evidence"]]
        for ev in evs:
            text = blocks.get((ev["source"], ev["paragraph"]))
            s.verbatim.add(text is not None and ev["quote"] in text)
    return s


def total(scores: Iterable[Score]) -> Score:
    out = Score()
    for one in scores:
        out += one
    return out
