"""From what the finders found to store records: subjects, topics, evidence, ids.

A figure's **subject** is the entity the sentence says it is about: the one whose name holds
it (年产5万吨…项目), or that it qualifies (规模20亿元的…基金: the figure, a 的 and the name, in one
clause); for a grant (补助, 奖励), the policy named before it, or the policy a notice publishes;
for an investment, the project named in its clause or sentence (not one that another sum
after it builds; for a phase, the project referred to; for a cumulative sum, the investor),
else the investing company; otherwise the entity named last before it in its clause (a zone
named as the place where something happens, 在…举行, only if nothing else is named), else the
one a pronoun refers back to
(该公司, 该项目, 该产品, a clause opening with 其 or 公司; 其中 and 其他 are no pronoun), else the
first one named in its sentence, else the one the paragraph was last about, else the zone. A
zone named as the place (在…) is passed over while anything else is named, and a school named
as where someone studied (毕业于…, …的博士) is no subject at all. Inside a quotation
the speech is the sentence, cut at its own commas; a figure in it is about the speaker's
company (or the body a speaker named by role speaks for) unless its own clause names what it
is about, and a department of the zone's administration speaks for the zone. A name in a list right
before a count (海尔生物、易邦生物两家…) is what the figure counts, not its subject.

How the subject was found travels with it (:class:`Choice`), so that a figure whose subject
was only carried over from an earlier sentence, or fell back to the zone, is marked as less
certain than one whose own clause names it.

Evidence is the clause (or, if short, the sentence) that holds the figure, verbatim from the
repaired block.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Final

from hightech_cli.numbers.quantities import MONEY_UNITS
from hightech_cli.sources.extract import lexicon as lx
from hightech_cli.sources.extract.dates import DateMention
from hightech_cli.sources.extract.entities import Draft
from hightech_cli.sources.extract.figures import Figure, change_lead
from hightech_cli.sources.extract.spans import (
    CLAUSE_ENDS,
    Range,
    clauses,
    containing,
    part_of,
    quoted,
    sentences,
    trim,
)

_ANAPHORA: Final = ("该公司", "公司", "该企业", "企业", "该项目", "项目", "其", "该", "这家")
_MIN_QUOTE: Final = 12  # evidence shorter than this takes in the whole sentence
_MAX_QUOTE: Final = 120
_LONGEST_QUOTE: Final = 4 * _MAX_QUOTE  # a longer clause is quoted around its figure only

_INVESTMENT: Final = (
    ("累计投资", "cumulative"),
    ("累计完成投资", "cumulative"),
    ("累计投入", "cumulative"),
    ("追加投资", "additional"),
    ("再追加", "additional"),
    ("增资", "additional"),
    ("新增投资", "additional"),
    ("首次投资", "first"),
    ("首期投资", "phase"),
    ("总投资", "total"),
    ("投资总额", "total"),
    ("计划投资", "total"),
    ("协议投资", "total"),
    ("投资", "total"),
)
_PHASE: Final = re.compile(r"([一二三四五六七八九十\d])期(?:项目)?(?:计划)?(?:总)?投资")
_CN: Final = {c: i for i, c in enumerate("零一二三四五六七八九十")}
# A sum listed right before another one: 12亿元、 or 5.5亿元和.
_LISTED_BEFORE: Final = re.compile(
    r"(?:约|近|超)?[\d.,]+(?:万亿|亿|千万|万|千)?(?:美元|欧元|港元|日元|英镑|元)(?:、|和|及|与|以及)$"
)


@dataclass(frozen=True)
class Choice:
    """A subject and how it was found (``clause``, ``anaphora:company``, ``carried``, …)."""

    draft: Draft | None
    how: str


@dataclass
class Paragraph:
    """One repaired block with what was found in it."""

    n: int
    kind: str
    text: str


def mentions_in(drafts: Sequence[Draft], n: int) -> list[tuple[int, int, Draft]]:
    """The entity mentions of block ``n``, in order."""
    out = [(a, b, d) for d in drafts for bn, a, b in d.mentions if bn == n]
    return sorted(out, key=lambda m: m[0])


def investment_basis(text: str, start: int) -> tuple[str, int | None] | None:
    """The basis of a money figure at ``start`` if its clause says it is invested, else None.
    A figure listed after others (…分别为12亿元、5.5亿元和3亿元) is read from the list's start."""
    while listed := _LISTED_BEFORE.search(text, max(0, start - 24), start):
        start = listed.start()
    head = text[max(0, start - 14) : start]
    clause_start = max(head.rfind(c) for c in "，,。；;：:")
    head = head[clause_start + 1 :]
    not_invested = "签约金额|签约额|营收|产值|收入|利润|销售|规模|融资|补助|补贴|奖励|资金"
    if re.search(not_invested, head) and not re.search("投资", head[-6:]):
        return None
    phase = _PHASE.search(head)
    if phase:
        digit = phase.group(1)
        return "phase", int(digit) if digit.isdigit() else _CN.get(digit)
    if "首期" in head and "投资" in head:
        return "phase", 1
    for word, basis in _INVESTMENT:
        if word in head:
            return basis, None
    return None


class _Sorted:
    """Mentions in order of where they start, and the ones starting in a stretch of text."""

    def __init__(self, mentions: list[tuple[int, int, Draft]]) -> None:
        self.mentions = mentions
        self._starts = [m[0] for m in mentions]

    def within(self, lo: int, hi: int) -> list[tuple[int, int, Draft]]:
        """The mentions starting from ``lo`` to ``hi``, both included."""
        return self.mentions[bisect_left(self._starts, lo) : bisect_right(self._starts, hi)]


@dataclass(frozen=True)
class _Candidates:
    """``Subjects._candidates``: a paragraph's names a figure can be about."""

    named: _Sorted
    every: _Sorted
    people: _Sorted


class Subjects:
    """Who each figure, event and quote of a paragraph is about."""

    def __init__(
        self, drafts: Sequence[Draft], default: Draft | None, zone: Draft | None = None
    ) -> None:
        self.drafts = drafts
        self.default = default  # the zone, or the policy a notice publishes
        # The zone, also where the default is a policy: its administration speaks for it.
        self.zone = (
            zone
            if zone is not None
            else (default if default is not None and default.kind == "zone" else None)
        )
        self.seen: dict[str, Draft] = {}  # per kind, the one named last in earlier paragraphs
        self._index: dict[int, list[tuple[int, int, Draft]]] = {}  # block -> its mentions
        self._index_key = -1  # how many drafts the index was made from
        self._zone_words: list[Range] = []  # the paragraph's 全区, 园区, 高新区
        # The one policy document the article names (《…若干措施》), if it names one only.
        documents = [d for d in drafts if d.kind == "policy" and d.rule == "policy:document"]
        self._document = documents[0] if len(documents) == 1 else None
        # The zone named by its own kind too (烟波湖科技园: 科技园), where that is no word of
        # the zone words already.
        kind = next(
            (e for e in sorted(lx.ZONE_ENDINGS, key=len, reverse=True)
             if self.zone is not None and self.zone.name.endswith(e) and self.zone.name != e),
            None,
        )  # fmt: skip
        own = [] if kind is None or kind in _ZONE_WORDS.split("|") else [re.escape(kind)]
        self._zone_kinds = re.compile("|".join([*own, _ZONE_WORDS]))
        self._runs: list[Sequence[Figure]] = []  # the paragraph's figures, list by list
        self._every: _Candidates | None = None  # _candidates of the paragraph below
        self._every_key: tuple[int, str, int] | None = None

    def _told_document(self, n: int) -> Draft | None:
        """Of an article about a zone naming several policy documents, the one named last
        before paragraph ``n``: an interview goes through its terms answer by answer. (A
        notice's terms are its own policy's: ``default``.)"""
        if self.default is not None and self.default.kind == "policy":
            return None
        named = [
            (b, a, d)
            for d in self.drafts
            if d.kind == "policy" and d.rule == "policy:document"
            for b, a, _ in d.mentions
            if b < n
        ]
        return max(named, key=lambda m: (m[0], m[1]))[2] if named else None

    def new_paragraph(self, p: Paragraph, figs: Sequence[Figure] = ()) -> None:
        """Remember what the paragraph before named last, for 该公司 and 该项目 here; find
        where this one names the zone by its kind (全区, 园区), once for all its figures; and
        keep its figures (``figs``) in the lists they stand in (:func:`listed_runs`)."""
        self._runs = listed_runs(p.text, figs)
        self._zone_words = [(m.start(), m.end()) for m in re.finditer(self._zone_kinds, p.text)]
        self._every_key = None  # made again from these zone words
        for _, _, d in self._mentions(p.n - 1):
            if d.kind in ("company", "project", "policy"):
                self.seen[d.kind] = d

    def _mentions(self, n: int) -> list[tuple[int, int, Draft]]:
        """:func:`mentions_in` block ``n``, from an index of every block's mentions (found once
        the entities are, before any fact), made again when a draft has been added since (a
        speaker found in a quote)."""
        key = len(self.drafts)
        if self._index_key != key:
            index: dict[int, list[tuple[int, int, Draft]]] = {}
            for d in self.drafts:
                for bn, a, b in d.mentions:
                    index.setdefault(bn, []).append((a, b, d))
            for found in index.values():
                found.sort(key=lambda m: m[0])
            self._index, self._index_key = index, key
        return self._index.get(n, [])

    def as_subject(self, d: Draft) -> Draft:
        """The zone's own administration (合肥高新区管委会; 前海管理局 of 前海合作区, by the
        first words of the zone's name) speaks for the zone."""
        zone = self.zone
        if zone is None or d.kind != "organisation" or not d.name.endswith(_ADMIN):
            return d
        core = d.name[: -len(next(e for e in _ADMIN if d.name.endswith(e)))]
        if any(
            d.name.startswith(f) or (len(core) >= 2 and f.startswith(core)) for f in zone.forms()
        ):
            return zone
        return d

    def speaks_for(self, org: Draft) -> Draft:
        """Whom a speaker's body speaks for: a department of the zone's administration (园区科技
        发展局, 高新区人才服务中心) for the zone, as its 管委会 does."""
        zone = self.zone
        if (
            zone is not None
            and org.kind == "organisation"
            and org.name.startswith((*zone.forms(), *_ZONE_WORDS.split("|")))
            and org.name.endswith((*_ADMIN, *_DEPARTMENTS))
        ):
            return zone
        if org.kind == "organisation" and org.name.endswith((*_ADMIN, *_DEPARTMENTS)):
            # 医药园管理服务中心 of the park 西南医药健康产业园（以下简称“医药园”）: a park's own
            # administration speaks for the park, as the zone's does for the zone
            parks = [
                d
                for d in self.drafts
                if d.kind == "zone"
                and d.rule == "zone:park"
                and d is not zone
                and any(org.name.startswith(f) and len(org.name) > len(f) for f in d.forms())
            ]
            if len(parks) == 1:
                return parks[0]
        return self.as_subject(org)

    def of(self, p: Paragraph, pos: int) -> Draft | None:
        return self.choose(p, pos).draft

    def made_by(self, p: Paragraph, pos: int) -> Draft | None:
        """The policy, body or works named after ``pos`` in its clause (a verb that makes it:
        出台了《…》, 设立总规模100亿元的科创母基金), if one is."""
        for a, _, d in self._candidates(p).named.within(pos, pos + _MADE_REACH):
            if d.kind in ("policy", "organisation", "project") and _MADE_GAP.fullmatch(
                p.text, pos, a
            ):
                return self.as_subject(d)
        return None

    def named_at(self, p: Paragraph, pos: int) -> Draft | None:
        """The entity (no person) whose name begins at ``pos``, or one character after it,
        if one does: the longest name there; a company's works named right after it
        (甲公司乙项目) rather than the company."""
        named = self._candidates(p).named
        found = named.within(pos, pos + 1)
        if not found:
            return None
        _, end, d = max(found, key=lambda m: m[1] - m[0])
        works = [m for m in named.within(end, end + 1) if m[2].kind == "project"]
        if d.kind == "company" and works:
            d = max(works, key=lambda m: m[1] - m[0])[2]
        return self.as_subject(d)

    def first_party(self, p: Paragraph, pos: int) -> Draft | None:
        """The first of two parties named before an agreement's verb at ``pos`` in its clause
        (甲与乙签订…协议, 甲同乙签约): the one the sentence is about; None unless one is."""
        clause = containing(clauses(p.text), pos)
        if clause is None:
            return None
        named = sorted(
            (m for m in self._candidates(p).named.within(clause[0], pos) if m[1] <= pos),
            key=lambda m: m[0],
        )
        if len(named) < 2 or named[0][2].kind == "person":
            return None
        first, second = named[0], next((m for m in named if m[0] >= named[0][1]), None)
        joined = second is not None and re.fullmatch(_JOINS, p.text[first[1] : second[0]])
        if not joined:
            return None
        return self.as_subject(first[2])

    def works_of(self, p: Paragraph, pos: int) -> Draft | None:
        """The project named last before ``pos`` in its sentence: what a verb of building
        (开工, 投产, 建成) is done to."""
        sentence = containing(sentences(p.text), pos) or (0, len(p.text))
        named = self._candidates(p).named.within(sentence[0], sentence[1])
        before = [m for m in named if m[2].kind == "project" and m[1] <= pos]
        # 甲项目、乙项目均计划于三季度开工: of several at once, none of them alone; the zone's.
        several = "均|都|全部|分别|陆续|各"
        clause = containing(clauses(p.text, sentence), pos) or sentence
        if before and re.search(several, p.text[max(before[-1][1], clause[0]) : pos]):
            return self.default
        if before:
            return self.as_subject(before[-1][2])
        # 一期投资6亿元建设甲基地，二期将建设乙中心。一期厂房已于6月开工: a sentence of a phase
        # and no project is of the works that phase was said to build, not of the one named last.
        phase = re.match(r"\s*(?:其中)?([一二三四五六七八九十首]期)", p.text[sentence[0] : pos])
        if phase is None:
            # 计划今年9月开工, 预计2027年底全面投产: works named in the sentences before (of the
            # company this sentence names, if it names one); not several at once (均计划…开工).
            if re.search(several, p.text[clause[0] : pos]):
                return None
            return self._works_meant(p, pos, "", named)
        earlier = self._candidates(p).named.within(0, sentence[0])
        for a, _, d in reversed(earlier):
            lead = p.text[max(0, a - 16) : a]
            if d.kind == "project" and re.search(
                rf"{phase.group(1)}[^。；;，,]{{0,12}}(?:建设|新建|扩建|兴建)$", lead
            ):
                return self.as_subject(d)
        return None

    def _works_meant(
        self, p: Paragraph, pos: int, word: str, named: Sequence[tuple[int, int, Draft]]
    ) -> Draft | None:
        """The project a word for works (生产线, 工厂, or none) refers back to from ``pos``: of
        those named before, whose name holds the word, the ones of a company ``named``; the
        one of them, or the one named last, in this paragraph or the one before; else None."""
        before = [
            d
            for d in self.drafts
            if d.kind == "project" and (d.block, d.start) < (p.n, pos) and word in d.name
        ]
        owners = [m[2] for m in named if m[2].kind == "company"]
        owned = [d for d in before if d.investor is not None and d.investor in owners]
        if owners and not owned:
            return None  # a company named whose works are not among them: not ours to guess
        pick = owned or before
        if len(pick) == 1:
            return self.as_subject(pick[0])
        last = {
            d.name: max((bn, a) for bn, a, _ in d.mentions if (bn, a) < (p.n, pos))
            for d in pick
            if any((bn, a) < (p.n, pos) for bn, a, _ in d.mentions)
        }
        if not last:
            return None
        latest = max(pick, key=lambda d: last.get(d.name, (-1, -1)))
        if last.get(latest.name, (-1, -1))[0] < p.n - 1:
            return None  # named too long ago to be what the words point to
        return self.as_subject(latest)

    def holding(self, p: Paragraph, pos: int) -> tuple[int, int] | None:
        """The span of the longest name (no person's) that holds ``pos``, if one does."""
        named = self._candidates(p).named.within(pos - _FAR, pos)
        held = [m for m in named if m[0] <= pos < m[1]]
        return max(held, key=lambda m: m[1] - m[0])[:2] if held else None

    def choose(
        self, p: Paragraph, pos: int, end: int | None = None, *, basis: str | None = None
    ) -> Choice:
        """The subject of whatever stands at ``pos`` (a figure: to ``end``; an investment: with
        its ``basis``, total, cumulative, phase …), and how it was found."""
        found, how = self._of(p, pos, pos if end is None else end, basis, figure=end is not None)
        return Choice(None if found is None else self.as_subject(found), how)

    def _of(
        self, p: Paragraph, pos: int, end: int, basis: str | None, *, figure: bool = False
    ) -> tuple[Draft | None, str]:
        investment = basis is not None
        sentence = containing(sentences(p.text), pos) or (0, len(p.text))
        clause = containing(clauses(p.text, sentence), pos) or sentence
        speech = next(((a, b) for a, b in quoted(p.text) if a < pos < b - 1), None)
        if speech is not None:
            # Inside a quotation the speech is the sentence, cut at its own commas: the names
            # of the attribution (…负责人表示：) are the speaker's, not the speech's.
            sentence = (max(sentence[0], speech[0] + 1), min(sentence[1], speech[1] - 1))
            clause = containing(_spoken_clauses(p.text, sentence), pos) or sentence
        # Names are looked for no further than _FAR from the figure: a paragraph of thousands
        # of figures (one line of a megabyte) is read in time that grows with its length.
        candidates = self._candidates(p)
        named = candidates.named.within(pos - _FAR, end + _FAR)
        # and the words of the sentence before the figure are read from no further back
        told_from = max(sentence[0], pos - _FAR)
        # 在科学技术部组织的评价中获评…: a ministry or exchange judges, lists or approves; a
        # local article's figures are of those it judges, and so is an event it only frames.
        named = [m for m in named if not _aside(p.text, m, figure)]
        # A figure that is part of a name (年产10万吨…项目) is about what the name names.
        holding = [m for m in named if m[0] <= pos < m[1]]
        if holding:
            return max(holding, key=lambda m: m[1] - m[0])[2], "inside"
        # 新上两条汽车电子线路板生产线: the count of works right before their name is theirs
        counted = [m for m in named if m[0] == end and m[2].kind == "project"]
        if counted and re.search("[条座个处栋幢]$", p.text[pos:end]):
            return counted[0][2], "counts:project"
        # 45岁的总工程师韩志远, 在外企干了十年的韩志远: a figure that qualifies a person is theirs.
        for a, _, d in candidates.people.within(end, end + 12):
            if re.fullmatch(_QUALIFIES_PERSON, p.text[end:a]):
                return d, "modifies:person"
        # 陆星遥今年38岁: an age right after a person's name is theirs.
        if p.text.startswith("岁", end - 1):
            for _, b, d in candidates.people.within(pos - 12, pos):
                if re.fullmatch("(?:今年|现年|年仅|已经|已)?", p.text[b:pos]):
                    return d, "age:person"
        # 该地块面积186.4亩，起始价6990万元，…最终由某某有限公司以8210万元竞得: a parcel
        # auctioned is filed under the company that won it, every figure of its sentence.
        winners = [
            m
            for m in candidates.named.within(max(sentence[0], pos - _FAR), end + _FAR)
            if m[2].kind == "company"
            and sentence[0] <= m[0] < sentence[1]
            # 由某某公司以8210万元竞得, or 某某公司以4680万元的成交价摘得…地块 at the head of a
            # clause
            and (
                (m[0] > sentence[0] and p.text[m[0] - 1] in "由被") or _at_clause_head(p.text, m[0])
            )
            and _WON_LAND.match(p.text, m[1], sentence[1])
        ]
        if len(winners) == 1:
            return winners[0][2], "land:winner"
        # 他带着6名同事…创办了…, 和两位合伙人…: the people a founder set out with are theirs.
        if re.search(_SET_OUT_WITH, p.text[max(0, pos - 4) : pos]) and re.match(
            _COMPANIONS, p.text[end : end + 8]
        ):
            folks = candidates.people.within(sentence[0], pos)
            if folks:
                return folks[-1][2], "companions:person"
            if re.search(r"(?<!其)[他她]", p.text[told_from:pos]):
                folks = candidates.people.within(0, pos)
                found = folks[-1][2] if folks else self.seen.get("person")
                if found is not None:
                    return found, "companions:person"
        # 周明远在光电行业深耕十余年, 宋景然…，曾在一家企业从事研发工作十余年: the years a person
        # gave to a trade are theirs, where nothing else is named after them in the sentence.
        if re.search(_YEARS_SPENT, p.text[pos:end]) and re.search(_CAREER, p.text[clause[0] : pos]):
            folks = candidates.people.within(sentence[0], pos)
            # (a school they left, 毕业于…大学, is no other doer)
            doers = [m for m in named if m[2].kind in ("company", "project", "zone")]
            if folks and not [m for m in doers if folks[-1][1] <= m[0] < pos]:
                return folks[-1][2], "career:person"
        # A figure that qualifies a name (规模30亿元的…基金, 由21家企业组成的…联合体): the name.
        modified = _modified(p.text, named, end, clause[1])
        if modified is not None:
            return modified, "modifies"
        every = candidates.every.within(pos - _FAR, end + _FAR)
        every = [m for m in every if not _aside(p.text, m, figure)]
        # What a figure's own words say, near it: a sentence of thousands of characters (a
        # table's row, a list) is read no further than _NEAR from the figure.
        near = (max(sentence[0], pos - _NEAR), min(sentence[1], end + _NEAR))
        # 其余6个项目…单个项目投资额在…, 甲项目等其余4个项目总投资…: the others, several at
        # once and none of them named: the zone's, as a sum of several is.
        rest = re.search(_OTHERS, p.text[near[0] : max(pos, end)])
        if rest is not None and self.default is not None:
            past = near[0] + rest.end()
            if not [m for m in every if past <= m[0] < pos and m[2].kind != "zone"]:
                return self.default, "others"
        if re.search(_SUBSIDY, p.text[near[0] : near[1]]):
            # 绍兴微象光电…入选…计划，获得首期资助500万元: a company named as it receives is
            # what the sum (and what it then does) is about, not the scheme that gives.
            received = [
                m
                for m in every
                if sentence[0] <= m[0] < pos
                and m[2].kind == "company"
                and _RECEIVES.search(p.text, m[1], pos)
            ]
            if received:
                return received[-1][2], "subsidy:received"
            # 今年公司营收有望突破5亿元，按新政可获得50万元奖励: the company the words refer back
            # to receives, as one named would.
            # (公司 alone, not the end of a legal name: 有限公司, 股份公司, 集团公司)
            told = re.search(_COMPANY_ANAPHORA + r"|(?<![限份团])公司", p.text[told_from:pos])
            if told is not None and _RECEIVES.search(p.text, told_from + told.end(), end):
                found = self._last([m for m in every if m[1] <= pos], "company", anaphora=True)
                if found is not None:
                    return found, "subsidy:received"
            # The policy named before in the paragraph, else in one before: the terms a
            # briefing goes through paragraph by paragraph (在研发创新方面，对…给予…奖励).
            acting = [  # the zone itself giving (保费由科技城补贴60%): its own deed
                m
                for m in every
                if sentence[0] <= m[0] < sentence[1]
                and m[2].kind == "zone"
                and re.match(f"(?:将|再|还|共|累计|已)?(?:{_SUBSIDY})", p.text[m[1] : m[1] + 12])
            ]
            policy = self._last([m for m in every if m[1] <= pos], "policy") or (
                None
                if acting or any(m[2].kind == "policy" for m in every)
                else self._document or self._told_document(p.n)
            )
            if policy is not None:
                return policy, "subsidy"
            if (
                self.default is not None
                and self.default.kind == "policy"
                and re.search(_SUBSIDY, _unquoted(p.text, near, pos))
            ):
                # a notice's terms grant what its policy grants; not a figure beside what
                # someone says of them (…两款手游上线海外市场，“《若干政策》里的研发补助…”)
                return self.default, "subsidy"
        # 甲、乙和丙三家企业…总投资分别为12亿元、5.5亿元和3亿元: each its own, in order.
        named_before = candidates.named.within(sentence[0], pos)
        each = _respectively(p.text, sentence, pos, named_before, self._runs)
        if each is not None:
            # 甲与乙分别投资3亿元和2亿元，分别建设丙产业园和丁项目: each sum is its works'.
            built_each = _built_respectively(
                p.text, sentence, pos, candidates.named.within(pos, sentence[1]), self._runs
            )
            return built_each or each, "respectively"
        # 深化“交地即开工”改革，工业项目…由68天压缩至23天: a policy the zone works by is how
        # it does it; the figures are the zone's, not the policy's terms.
        every = [m for m in every if not _applied(p.text, m)]
        earlier = [m for m in every if m[1] <= pos and not _counted(p.text, m, pos)]
        # A sentence's parts between semicolons speak of one thing each (甲项目8月投产；乙公司
        # 算力中心9月上线，装机规模达到1200个机柜: the part's, not the sentence's first).
        part = part_of(p.text, sentence, pos)
        in_part = [m for m in earlier if m[0] >= part[0]]
        in_sentence = in_part or [m for m in earlier if m[0] >= sentence[0]]
        in_clause = [m for m in in_sentence if m[0] >= clause[0]]
        lead = p.text[max(clause[0], near[0]) : pos]
        if investment and re.search(_SUMMED, lead):
            # 三个项目合计总投资102亿元: the sum of several, none of them alone.
            return self.default, "sum"
        if investment:
            # A project named after the figure, past another sum, is what that sum builds
            # (首次投资4.2亿元，建设…；追加投资6.5亿元建设二期工厂); not past a semicolon, where
            # the next item of a list begins (甲项目，投资48亿元；乙项目，投资30亿元).
            part = part_of(p.text, sentence, pos)
            # The sum given again in another currency (5000万美元（约合人民币3.6亿元）建设…) is
            # no other sum: the works after it are still this one's.
            converted = _CONVERSION.match(p.text, end)
            past = converted.end() if converted else end
            projects = [
                m
                for m in every
                if m[2].kind == "project"
                and part[0] <= m[0] < part[1]
                and not (m[0] >= end and _MONEY.search(p.text, past, m[0]))
            ]
            in_lead = [m for m in projects if clause[0] <= m[0] < pos]
            if in_lead:
                return in_lead[-1][2], "invest:project"
            # (项目分两期建设。一期投资21亿元…: the project the paragraph spoke of before)
            phase = basis == "phase" and (
                "项目" in p.text[sentence[0] : pos]
                or re.search(
                    r"(?:^|[。！？；;])(?:该|这个|整个)?项目",
                    p.text[max(0, sentence[0] - _FAR) : sentence[0]],
                )
            )
            # (项目由某某集团投资，总投资约25亿元: the sentence is about the project it opens with)
            of_project = re.match(r"(?:该|这个|整个)?项目", p.text[sentence[0] : pos]) is not None
            if (
                basis == "cumulative"
                or phase
                or of_project
                or re.search(r"该项目|这个项目|^项目", lead)
            ):
                # 该项目总投资18亿元 and its 其中一期投资7亿元: the project referred to;
                # 累计投资: all the investor put in, over every project, so the company.
                kind = "company" if basis == "cumulative" else "project"
                # A company of a paragraph before only where the words refer back to it (其累计
                # 投资): 全区…累计完成投资 is the zone's.
                back = kind == "project" or re.search(_COMPANY_ANAPHORA, lead) is not None
                found = self._last(earlier, kind, anaphora=back)
                if found is not None:
                    return found, "invest:" + kind
            if projects:
                return min(projects, key=lambda m: abs(m[0] - pos))[2], "invest:project"
            found = self._last(earlier, "project", anaphora="项目" in lead)
            if found is not None and (
                "项目" in lead or not [m for m in in_sentence if m[2].kind == "company"]
            ):
                return found, "invest:earlier-project"
            companies = [m for m in in_sentence if m[2].kind == "company"]
            if companies:
                return companies[-1][2], "invest:company"
            if found is not None:
                return found, "invest:earlier-project"
        # 为润扬环境注入500万元: the one given to is not what the sum is about while what gives
        # it is named in the sentence.
        given_to = [m for m in in_clause if _given_to(p.text, m)]
        others = [m for m in in_sentence if m not in given_to]
        if given_to and others:
            in_sentence, in_clause = others, [m for m in in_clause if m not in given_to]
        # A short quoted name (以“项目攻坚年”活动为抓手) refers back to nothing.
        # What refers back (该项目, 其) does so in the figure's own part of the sentence.
        refer = _SHORT_QUOTED.sub(
            lambda m: "_" * len(m.group()), p.text[max(near[0], part[0]) : pos]
        )
        # 公司计划在园区建成…, 我们在高新区的孵化器里租了…: the zone is only where it happens;
        # the one referred to, or the speaker's company, acts.
        placed = all(_placed(p.text, m) for m in in_clause)
        featured = self.default is not None and self.default.kind in ("company", "organisation")
        only_zone = in_clause or in_sentence
        if (
            featured
            and only_zone
            and all(m[2].kind == "zone" and _placed(p.text, m) for m in only_zone)
        ):
            # In a feature on one company, the zone named as the place (科技城…车间里，20多名
            # 工人…) is where the company works.
            return self.default, "featured:place"
        if in_clause and not (placed and (re.search(_COMPANY_ANAPHORA, refer) or speech)):
            # Only where it happens (在高新区的孵化器里租了…): the zone, unless a speaker's
            # words say whose it is.
            return _actors(p.text, in_clause)[-1][2], "clause:place" if placed else "clause"
        # 该公司计划投资42亿元建设…生产基地，规划用地约310亩: the works the sentence builds,
        # named last before the figure, is what its later clauses measure.
        built = [
            m
            for m in in_sentence
            if m[2].kind == "project"
            and m[1] <= pos
            and re.search(_BUILDS, p.text[max(sentence[0], m[0] - 6) : m[0]])
        ]
        if built and built[-1] is in_sentence[-1] and not in_clause:
            return built[-1][2], "built:project"
        # 康达医疗器械的项目主要生产…，达产后年产值…: the one project of the company named.
        of_company = [
            m
            for m in in_sentence
            if m[2].kind == "company" and p.text.startswith(("的项目", "项目"), m[1])
        ]
        if of_company:
            owner = of_company[-1][2]
            works = [d for d in self.drafts if d.kind == "project" and d.investor is owner]
            if len(works) == 1:
                return works[0], "anaphora:project"
        # 产业园达产后…, 基地建成后…: the one project named before whose name holds the word.
        place = re.search(_PROJECT_NOUN, p.text[max(clause[0], near[0]) : pos])
        pointed = False
        if place is None:
            # 这条产线的自动化率达到85%，单台…的生产节拍…压缩到45秒: the works a clause points
            # to are what it and the later clauses measure, where no other name comes between.
            opened = list(re.finditer(_POINTED_WORKS, p.text[told_from:pos]))
            if opened and not [m for m in every if told_from + opened[-1].end() <= m[0] < pos]:
                place, pointed = opened[-1], True
        if place is not None:
            before = [
                d
                for d in self.drafts
                if d.kind == "project" and (d.block, d.start) < (p.n, told_from)
            ]
            works = [d for d in before if place.group(1) in d.name]
            # 高新区与某某大学共建的生物医药中试基地揭牌运行。基地首期投入…: the body of that
            # name in this paragraph, before works of the name told of elsewhere
            here = [
                d
                for d in self.drafts
                if d.kind in ("project", "organisation")
                and d.name.endswith(place.group(1))
                and any(b == p.n and a < pos for b, a, _ in d.mentions)
            ]
            if len(here) == 1:
                works = here
            if pointed and not works:
                works = before  # the works of the one project named before, by any name
            if len(works) == 1 and (works[0].block, works[0].start) < (p.n, pos):
                return works[0], "anaphora:project"
        # 新生产线建成后，年产能可达8GWh; 新工厂投产后…，年产能为3万吨: what the works will do
        # once built, said of works named before (of the company the sentence names, if any).
        done = re.search(_WORKS_DONE, p.text[told_from:pos])
        if (
            done is not None
            and not [m for m in in_part if m[2].kind == "project"]
            # …建成后，我们的年产能将…, 我们还要招聘300名: the company's own, as it says
            and not re.search(_OURS, p.text[clause[0] : pos])
        ):
            meant = self._works_meant(p, pos, done.group(1) or "", in_sentence)
            if meant is not None:
                return meant, "anaphora:project"
        # 谷内企业累计申请知识产权…, 园内企业…: the companies within the park named before whose
        # name ends so (旗山科创谷, …产业园), not the body that runs it nor the speaker's.
        inside = re.search(_WITHIN, refer)
        if inside is not None:
            holders = [
                d
                for d in self.drafts
                if d.kind in ("organisation", "project", "zone")
                and d.name.endswith(inside.group(1))
                and (d.block, d.start) < (p.n, pos)
            ]
            if holders:
                return max(holders, key=lambda d: (d.block, d.start)), "within"
        # 该中心, 这个基地: the last one named before whose name ends with the noun.
        noun = re.search(_NAMED_NOUN, refer)
        if noun is not None:
            word = noun.group(1) or noun.group(2)
            ends = [
                d
                for d in self.drafts
                if d.kind != "person" and d.name.endswith(word) and (d.block, d.start) < (p.n, pos)
            ]
            if ends:
                return max(ends, key=lambda d: (d.block, d.start)), "anaphora:" + ends[0].kind
        if re.search(_PROJECT_ANAPHORA, refer):
            found = self._last(earlier, "project", anaphora=True)
            if found is not None:
                return found, "anaphora:project"
        if re.search(_COMPANY_ANAPHORA, refer):
            found = self._last(earlier, "company", anaphora=True)
            if found is not None:
                return found, "anaphora:company"
        if re.search(_POLICY_ANAPHORA, refer):
            found = self._last(earlier, "policy", anaphora=True)
            if found is None and self.default is not None and self.default.kind == "policy":
                found = self.default
            if found is not None:
                return found, "anaphora:policy"
        pair = [m for m in in_sentence if m[2].kind == "company"]
        if len(pair) >= 2 and re.search("双方|两家企业|两家公司", refer):
            # 甲与乙签署协议，双方将合作建设…: the pair, filed under the first named.
            return pair[0][2], "pair"
        if (
            in_sentence
            and all(_placed(p.text, m) for m in in_sentence)
            and re.search(_COMPANY_ANAPHORA, p.text[told_from:pos])
        ):
            # 公司表示，上半年位于青岛高新区的基地投产…；海外收入占比…: the company spoken of.
            found = self._last(earlier, "company", anaphora=True)
            if found is not None:
                return found, "anaphora:company"
        if in_sentence:
            actors = _actors(p.text, in_sentence)
            first, last = actors[0], actors[-1]
            made = re.search(_CREATING, p.text[first[1] : last[0]]) if last is not first else None
            led = _LEAD_CLAUSE.match(p.text, sentence[0], first[0])
            opens = (led.end() if led else sentence[0]) if first[0] > sentence[0] else first[0]
            if first[0] - opens <= 4 and not made:
                # 某某科技有限公司卫星总装测试基地项目总投资…: the owner's project, named at once.
                # (…有限公司的储能系统智能制造基地项目总投资…, 分两期建设: the same, with 的)
                owned = next(
                    (
                        m
                        for m in actors
                        if m[2].kind == "project"
                        and re.fullmatch(_OWNER_TO_WORKS, p.text[first[1] : m[0]])
                    ),
                    None,
                )
                if first[2].kind == "company" and owned is not None:
                    return owned[2], "sentence:first"
                return first[2], "sentence:first"  # (量子…项目由…投资建设，…规划用地约200亩)
            return last[2], "sentence:last"
        after = [m for m in every if pos <= m[0] < clause[1]]
        if after and after[0][2].kind in ("project", "policy", "organisation"):
            return after[0][2], "clause:after"
        if earlier:
            return _actors(p.text, earlier)[-1][2], "carried"
        return self.default, "default"

    def _candidates(self, p: Paragraph) -> _Candidates:
        """The names of a paragraph a figure can be about, in order: every one but a person's
        (``named``), and of those the ones in no list and not cited as a source, with the zone
        where a word names it by its kind (全区, 新区) and no name holds that word (``every``);
        and the people, whom only a figure that qualifies them is about (``people``).
        The same for every figure of the paragraph, so made once per paragraph: made per
        figure, a paragraph of a thousand figures took minutes."""
        key = (p.n, p.text, len(self.drafts))
        if self._every is not None and self._every_key == key:
            return self._every
        named = [m for m in self._mentions(p.n) if m[2].kind != "person"]
        every = [
            m
            for m in named
            if not _listed(p.text, m) and not _cited(p.text, m) and not _schooled(p.text, m)
        ]
        # (also where the default is the policy the article is about; not in a feature on a
        # company, where the zone words are the place the company works in)
        default = self.default.kind if self.default is not None else None
        zone = self.zone if default in ("zone", "policy") else None
        if zone is not None:  # 全区, 新区, 园区: the zone, named by its kind
            starts = [a for a, _, _ in every]  # in order: the mentions are sorted by start
            reach = list(accumulate((b for _, b, _ in every), max))  # furthest end so far
            # 某某产业园…。园区实现营业收入…: 园区 after a park of the zone named in the
            # paragraph is that park.
            parks = [m for m in named if m[2].kind == "zone" and m[2] is not zone
                     and m[2].name.endswith(("园", "园区"))]  # fmt: skip
            for za, zb in self._zone_words:
                i = bisect_right(starts, za)  # the names starting at za or before
                if i == 0 or reach[i - 1] <= za:  # none of them reaches past za
                    park = [m for m in parks if m[1] <= za]
                    word = p.text[za:zb]
                    meant = park[-1][2] if park and word == "园区" else zone
                    every.append((za, zb, meant))
            every.sort(key=lambda m: m[0])
        people = [m for m in self._mentions(p.n) if m[2].kind == "person"]
        self._every = _Candidates(_Sorted(named), _Sorted(every), _Sorted(people))
        self._every_key = key
        return self._every

    def _last(
        self, earlier: list[tuple[int, int, Draft]], kind: str, *, anaphora: bool = False
    ) -> Draft | None:
        """The last one of a kind named before, in this paragraph (or, where the text refers
        back to one, 该项目, in the paragraph before)."""
        of_kind = [m for m in earlier if m[2].kind == kind]
        if of_kind:
            return of_kind[-1][2]
        return self.seen.get(kind) if anaphora else None


# 该公司, 这家企业, and 其 or 公司 opening a clause or a quotation; 其中, 其他, 其余 (among
# them, the others) are no pronoun and refer back to nothing.
_COMPANY_ANAPHORA: Final = (
    r"该公司|该企业|这家企业|这家公司|(?:^|[，,；;：:“「])(?:公司|其(?![中他余次实后间]))|"
    r"(?:^|[，,；;：:“「])这家[^，,。；;]{1,24}的(?:企业|公司)"  # 这家2019年落户…的企业
)
_SHORT_QUOTED: Final = re.compile(r"[“‘「][^“”‘’「」，。,]{1,10}[”’」]")
# 该项目, and 项目 opening a clause; 项目平均…, 项目审批… speak of projects in general.
_PROJECT_ANAPHORA: Final = r"该项目|这个项目|(?:^|[，,；;：:“「])项目(?!平均|审批|开工前|从)"
# A word for a project's works opening a clause (产业园达产后, 基地建成后).
_PROJECT_NOUN: Final = r"^[“「]?(?:该|这个|整个|新)?(产业园|基地|工厂|新厂|厂区|生产线|产线|工程)"
# A company speaking of itself, or spoken of, in the clause of a figure.
_OURS: Final = r"我们|我司|本公司|公司的|企业的|集团的"
# The companies within a park: 谷内企业, 园内企业, 基地内企业.
_WITHIN: Final = r"(?:^|[，,；;：:“」])\s*(谷|园|基地|港)内(?:的)?(?:企业|在孵企业|入驻企业)"
# Works pointed to, opening a clause (这条产线, 该工厂, 这座基地).
_POINTED_WORKS: Final = (
    r"(?:^|[，,；;：:“「])(?:这条|这座|这个|这一|该)"
    r"(产业园|基地|工厂|新厂|厂区|生产线|产线|工程|车间)"
)
# Works spoken of as built or running (新生产线建成后, 新工厂投产后, 一期投产后), opening a clause.
_WORKS_DONE: Final = (
    r"(?:^|[，,；;：:“「])(?:该|这个|整个|新|新的)?(?:[一二三四首]期)?"
    r"(产业园|基地|工厂|新厂|厂区|生产线|产线|工程|车间)?(?:项目)?"
    r"(?:全面|全部|正式)?(?:建成|投产|达产|投用|竣工|满产)(?:投产|达产)?(?:后|以后)"
)
_NAMED_NOUN: Final = (
    r"(?:该|这个|这一|这座|这家)(研发中心|中心|基地|产业园|园区|工厂|研究院|实验室|基金|联盟)"
    r"|(?:^|[，,；;：:“「])(研发中心|基地|产业园|工厂|研究院|实验室)(?=[将已在由是的])"
)
# 该产品, 本政策, 该平台: a policy, service or platform named before.
_POLICY_ANAPHORA: Final = r"(?:该|本|此)(?:产品|政策|措施|办法|平台|计划|服务|机制|模式|品牌)"
_ADMIN: Final = ("管委会", "管理委员会", "管理局", "人民政府", "政府", "工委", "党工委")
_DEPARTMENTS: Final = ("局", "委员会", "办公室", "服务中心")
_ZONE_WORDS: Final = r"全区|本区|该区|区内|新区|园区|高新区|开发区|全市"
_SUBSIDY: Final = r"补助|补贴|奖励|资助|奖补|贴息|给予.{0,8}支持"
# Verbs that introduce a new topic: what they make is what the rest of the sentence is about.
_CREATING: Final = (
    "推出|打造|设立|组建|成立|建设|引进|上线|推行|构建|建立|搭建|发布|出台|开通|实施|启动|整合为"
)


# A sum of money, in the units the grammar reads as money (``quantities.MONEY_UNITS``).
_MONEY: Final = re.compile(
    r"[\d一二三四五六七八九十百千万两]+(?:\.\d+)?[万亿]*(?:"
    + "|".join(map(re.escape, MONEY_UNITS))
    + ")"
)
_MODIFIER_SPAN: Final = 20  # characters from a figure to the 的 that ties it to a name
_NEAR: Final = 300  # characters around a figure its subject's cue words are looked for in
# Characters before and after a figure its subject's name is looked for in: far beyond any
# article's paragraph (a few hundred characters), so only a paragraph of thousands of figures
# is read otherwise, in time that grows with its length instead of its square.
_FAR: Final = 2_000


# How far after a verb of making its product's name may begin, and what may stand between:
# a size and the words that say what it is (设立总规模100亿元的…), no stop and no verb.
_MADE_REACH: Final = 24
_MADE_GAP: Final = re.compile(r"了?[《“「]?|[^，,。；;：:《》“”]{0,20}?的[《“「]?")
_RECEIVES: Final = re.compile("获得|获批|拿到|得到|争取到|领到")
_SEPARATOR: Final = re.compile("、|和|及|与|以及")
_JOINS: Final = r"\s*(?:与|和|同|跟)\s*"  # the two parties of an agreement (甲与乙签订…)
# A meeting's place that leads a sentence and names no one (推介会上，…; 签约仪式现场，…): the
# sentence's first name after it is still its first, the doer of what the meeting saw.
_LEAD_CLAUSE: Final = re.compile(r"[^，,。；;：:“”\d]{0,8}?(?:会上|式上|现场|会期间)[，,]")
_RESPECTIVELY: Final = re.compile("分别")
# Between two names of a list: a bracket after the first (its legal name), then the joining word.
# (Where the bracket held the short name, 山东某某有限公司（以下简称“某某”）, its quote closes.)
_LISTED_NEXT: Final = re.compile(r"(?:[（(][^（）()]{0,60})?[”」\"]?[）)]?(?:、|和|及|与|以及)")
# From the last name of a list to 分别: its bracket, and no more than a clause of words.
_BEFORE_RESPECTIVELY: Final = re.compile(
    r"(?:[（(][^（）()]{0,60})?[”」\"]?[）)]?[^。；;：:]{0,24}"
)


def _respectively(
    text: str,
    sentence: Range,
    pos: int,
    named: list[tuple[int, int, Draft]],
    runs: Sequence[Sequence[Figure]],
) -> Draft | None:
    """The name a figure at ``pos`` goes with where the sentence lists names, then says 分别
    (respectively) before a list of as many figures (``runs``: the paragraph's figures, list by
    list): the figure's place in its list is the name's in the other. None where the sentence
    does not pair them so."""
    words = [m.start() for m in _RESPECTIVELY.finditer(text, sentence[0], pos)]
    if not words:
        return None
    first, last = words[0], words[-1]
    # The names listed last before the first 分别, each joined to the next by 、 和 及 与.
    run: list[tuple[int, int, Draft]] = []
    for m in sorted((m for m in named if m[1] <= first), key=lambda m: (m[0], m[0] - m[1])):
        if run and m[0] < run[-1][1]:
            continue  # inside the name before (华芯半导体 in 华芯半导体项目)
        if run and m[2] is run[-1][2]:
            run[-1] = (run[-1][0], m[1], m[2])  # its Latin name in brackets: the one item
            continue
        if m[2].kind == "zone":
            run = []  # 佛山高新区与甲、乙和丙签署…: the zone is the other party, no item
            continue
        if run and not _LISTED_NEXT.fullmatch(text, run[-1][1], m[0]):
            run = []
        run.append(m)
    # The names may stand a clause before (甲公司（…）、乙公司（…）和丙公司（…）签署协议，
    # 意向投资分别为…): the two lists as long as each other is what pairs them.
    if len(run) < 2 or not _BEFORE_RESPECTIVELY.fullmatch(text, run[-1][1], first):
        return None
    listed = next((r for r in runs if any(f.start == pos for f in r)), ())
    starts = [f.start for f in listed if last <= f.start < sentence[1]]
    if pos not in starts or len(starts) != len(run):
        return None
    return run[starts.index(pos)][2]


# After the sums: 分别建设 (or 建设 alone, where 分别 stood before the sums: 甲、乙、丙分别投资
# 9亿元、4.5亿元、2.8亿元，建设…).
_BUILT_EACH: Final = re.compile(r"[，,]?(?:分别)?(?:用于)?(?:投资)?(?:建设|新建|扩建|兴建|打造)")


def _built_respectively(
    text: str,
    sentence: Range,
    pos: int,
    named_after: list[tuple[int, int, Draft]],
    runs: Sequence[Sequence[Figure]],
) -> Draft | None:
    """Where a list of sums paired with names by 分别 goes on, 分别建设 and as many projects
    (…分别签约投资3亿元和2亿元，分别建设甲产业园和乙项目; …分别投资…，建设甲基地、乙工厂和丙中心),
    the project at the figure's place."""
    listed = next((r for r in runs if any(f.start == pos for f in r)), ())
    if len(listed) < 2:
        return None
    verb = _BUILT_EACH.match(text, listed[-1].end)
    if verb is None:
        return None
    projects: list[Draft] = []
    end = verb.end()
    for a, b, draft in sorted(named_after, key=lambda m: m[0]):
        if a < end or b > sentence[1]:
            continue
        if draft.kind != "project" or (projects and draft is projects[-1]):
            break
        if projects and not re.fullmatch("、|和|及|与|以及", text[end:a]):
            break
        if not projects and a != end:
            break
        projects.append(draft)
        end = b
    index = [f.start for f in listed].index(pos)
    return projects[index] if len(projects) == len(listed) else None


def _modified(
    text: str, named: Sequence[tuple[int, int, Draft]], end: int, clause_end: int
) -> Draft | None:
    """The name a figure ending at ``end`` qualifies: the next name in its clause, when what
    stands between them ends in 的 (规模30亿元的集成电路产业基金) and names nothing else."""
    after = [m for m in named if end <= m[0] < clause_end]
    if not after:
        return None
    first = min(after, key=lambda m: m[0])
    between = text[end : first[0]].rstrip("“「《\"'")
    if not between.endswith("的") or len(between) > _MODIFIER_SPAN:
        return None
    if re.search(r"\d|[一二三四五六七八九十百千万亿]+[个家项名台套]|说|表示", between[:-1]):
        return None  # another figure, or speech, stands between: the 的 is not this one's
    return first[2]


# A sum over several projects: 合计, 共计, 总计, or a count of projects before it.
_OTHERS: Final = r"(?:其余|其他|另有|另外|余下)(?:的)?[\d一二三四五六七八九十两几]+[个家项]"
# Brackets right after a sum that give it again in another currency.
_CONVERSION: Final = re.compile(
    rf"[（(]\s*(?:{lx.CONVERTING})[^（()）。；;，,]{{0,24}}[）)]"
    r"|[，,]\s*(?:折合|约合|相当于)[^（()）。；;，,]{0,24}"
)
_SUMMED: Final = (
    r"合计|共计|总计|[\d一二三四五六七八九十两几]+[个项大](?:重点|重大)?项目.{0,4}总?投资"
)


def _unquoted(text: str, within: Range, pos: int) -> str:
    """``text[within]`` with every quotation that does not hold ``pos`` blanked out."""
    out = list(text[within[0] : within[1]])
    spans = quoted(text)  # in order, none inside another: only those reaching into ``within``
    first = bisect_right([b for _, b in spans], within[0])
    for a, b in spans[first:]:
        if a >= within[1]:
            break
        if not a <= pos < b:
            for i in range(max(a, within[0]), min(b, within[1])):
                out[i - within[0]] = "_"
    return "".join(out)


def _spoken_clauses(text: str, within: Range) -> list[Range]:
    """The clauses of a stretch of speech: cut at every comma, colon and stop in it."""
    out: list[Range] = []
    start = within[0]
    for i in range(within[0], within[1]):
        if text[i] in CLAUSE_ENDS:
            out.append((start, i + 1))
            start = i + 1
    if start < within[1]:
        out.append((start, within[1]))
    return out


_LEADS_A_ROUND: Final = re.compile(r"(?:等机构|等)?(?:联合|共同)?(?:领投|跟投|参投|独家投资)")
# A sum an investor put in, right after its name: 1500万元天使轮投资, 的2亿元战略融资.
_ITS_MONEY: Final = re.compile(r"的?[\d.]+[万亿]*[美欧]?元[^，,。；;]{0,6}?(?:投资|融资)")


def _aside(text: str, mention: tuple[int, int, Draft], figure: bool) -> bool:
    """Whether a national body's mention stands aside from what is told: always for a figure;
    for an event, where it frames another's deed (在…组织的评价中, 经…批准, 由…认定)."""
    # 完成由某某基金领投的B轮融资: the investor who leads a company's round is no subject of
    # the round's figures, nor of the company's event.
    if _LEADS_A_ROUND.match(text, mention[1], mention[1] + 8):
        return True
    # 鲸帆智能获得某某基金1500万元天使轮投资: the investor whose money was got, likewise.
    if text.endswith("获得", 0, mention[0]) and _ITS_MONEY.match(text, mention[1]):
        return True
    # 6月26日获得内蒙古自治区能源局核准，建成后年产…: the body that approves, of any level,
    # stands aside from the works it approves.
    if (
        mention[2].kind == "organisation"
        and re.search(r"(?:获得|获|经|通过)$", text[max(0, mention[0] - 2) : mention[0]])
        and _APPROVES.match(text, mention[1])
    ):
        return True
    if mention[2].name not in lx.NATIONAL_BODIES:
        return False
    return (
        figure
        or re.search(r"[在经由被获向]$", text[max(0, mention[0] - 1) : mention[0]]) is not None
    )


_APPROVES: Final = re.compile(r"的?(?:核准|批复|批准|认定|审批|备案|验收|立项)")


def _actors(text: str, mentions: list[tuple[int, int, Draft]]) -> list[tuple[int, int, Draft]]:
    """The mentions that can act, a zone named as the place where something happens (在红岛
    举行, 公司在高新区新租的厂房) left out while anything else is named."""
    out = [m for m in mentions if not _placed(text, m)]
    return out or mentions


def _applied(text: str, mention: tuple[int, int, Draft]) -> bool:
    """Whether a name is a policy named as the means the zone works by (深化“交地即开工”改革)."""
    return (
        mention[2].kind == "policy"
        and re.search(_CARRY_OUT, text[max(0, mention[0] - 5) : mention[0]]) is not None
    )


# An ongoing reform deepened (深化“…”改革): what follows is what the zone achieved with it;
# one launched (实施“…”三年行动，新建…) is followed by its own targets.
_CARRY_OUT: Final = r"(?:深化|纵深推进|依托|借助|通过)[“「]?$"


def _placed(text: str, mention: tuple[int, int, Draft]) -> bool:
    """Whether a name is a zone named as the place where something happens (在红岛举行, 搬进
    某某产业园, or a phrase of place that begins with it: 嘉兴科技城智慧产业园3号楼的洁净车间
    里，…)."""
    if mention[2].kind != "zone":
        return False
    return text[max(0, mention[0] - 3) : mention[0]].endswith(_AT) or bool(
        _PLACE_PHRASE.match(text, mention[1])
    )


# The rest of a phrase of place after a zone's name, to the clause's end.
_PLACE_PHRASE: Final = re.compile(
    r"[^，,。；;：:“”]{0,16}的[^，,。；;：:“”]{1,8}(?:里|内|中)(?=[，,])"
)


# Before a zone named as the place: 在, 位于, and moving into it (搬进了某某产业园).
_AT: Final = ("在", "于", "位于", "搬进", "搬入", "迁入", "搬进了", "搬入了", "迁入了")
# A verb of building right before a works' name (建设…基地, 扩建二期工厂).
# Between a company named first in its sentence and its works named at once: nothing, 的, or
# the short name it is given (…有限公司（以下简称“钧和新能源”）的…基地项目).
_OWNER_TO_WORKS: Final = r"(?:[（(][^（）()。；;]{0,24}[）)])?的?"
_BUILDS: Final = r"(?:建设|新建|新上|扩建|打造|建成|兴建|投建)(?:一[条座个处栋幢])?$"
_ROLES: Final = "|".join(map(re.escape, lx.ROLES))
# Between a figure and the person it qualifies: 45岁的总工程师, 32岁的机械博士.
# A span of years, and the verbs of a person's working life before it.
_YEARS_SPENT: Final = r"(?:年|个年头)(?:多|余|左右|以上)?$"
_CAREER: Final = (
    r"(?:深耕|从事|工作|扎根|任职|执教|钻研|打拼|摸爬滚打|坚守|投身|干了|做了|待了|研究)"
    r"[^，,。；;：:“”]{0,12}$"
)


def _at_clause_head(text: str, at: int) -> bool:
    """Whether a name at ``at`` opens its clause (after a stop, a comma or a date's comma)."""
    return at == 0 or text[at - 1] in "。；;，,：:\n"


# After the company that wins a parcel of land at auction (…以8210万元竞得).
_WON_LAND: Final = re.compile(
    r"(?:（[^（）]{0,24}）)?[^。；;，,]{0,16}?(?:竞得|摘得|拍得|竞买成功)"
)
# Before a count of people someone set out with (带着6名同事, 和两位合伙人), and after it.
_SET_OUT_WITH: Final = r"(?:带着|带领|领着|率领|和|与|同|跟)$"
_COMPANIONS: Final = (
    r"[^，,。；;、]{0,6}?(?:同事|伙伴|合伙人|学生|弟子|队员|工程师|研究生|博士|战友|老乡|技术骨干)"
)
_QUALIFIES_PERSON: Final = re.compile(
    f"的(?:[\u4e00-\u9fff]{{0,6}}?(?:{_ROLES}|博士|硕士|院士|教授|专家|学者|研究员|工程师|技术员|工人|班长|组长|技师|员工|职工))?"
)


def _given_to(text: str, mention: tuple[int, int, Draft]) -> bool:
    """Whether a name is what something is given to (为企业提供, 向某某发放, 给某某注入)."""
    a, b, _ = mention
    return bool(
        re.search(r"(?<![作成认])为$|给$|(?<!面)向$", text[max(0, a - 2) : a])
        and re.match(_GIVING, text[b : b + 6])
    )


_GIVING: Final = (
    r"(?:快速|及时|累计|共|再)?(?:注入|提供|发放|授信|拨付|兑现|减免|投放|放款|出资|争取)"
)


def _cited(text: str, mention: tuple[int, int, Draft]) -> bool:
    """Whether a name is cited as the source of a figure (据园区经济发展委员会统计, 记者从区经济
    发展局获悉): the figure is not about it."""
    a, b, _ = mention
    before = text[max(0, a - 1) : a]
    if re.search(r"(?:像|如|比如|例如)$", text[max(0, a - 2) : a]) and re.match(
        r"(?:这样|一样|这类|这种)", text[b : b + 2]
    ):
        return True  # 全区像锐思智能这样的企业已有27家: an example of what is counted
    return before == "据" or (before == "从" and re.match(_LEARNT, text[b : b + 8]) is not None)


_LEARNT: Final = r"(?:处|那里)?(?:获悉|了解到|得知|获得消息|获取的数据)"


def _schooled(text: str, mention: tuple[int, int, Draft]) -> bool:
    """Whether a school is named as where someone studied (毕业于云泽大学, 他是云泽大学的博士,
    在云泽大学读博士时): a person's past, not what a figure near it is about."""
    a, b, d = mention
    if d.kind != "organisation" or not d.name.endswith(_SCHOOLS):
        return False
    return bool(
        re.search(r"(?:毕业于|就读于|求学于|受教于|考入|考上)$", text[max(0, a - 3) : a])
        or re.match(_STUDIED_AFTER, text[b : b + 8])
    )


# What a school is named before where someone studied there: a degree held as a title (云泽大学
# 的博士, 云泽大学博士毕业), graduating, or studying there (在云泽大学读博士时). Not its students,
# graduates or programmes counted (云泽大学博士生, 毕业生, 博士点, 博士后工作站): the school's.
_STUDIED_AFTER: Final = re.compile(
    r"的?(?:博士|硕士)(?![生点后站导])|毕业(?!生)|读博|攻读|就读|求学|留学|深造"
)
_SCHOOLS: Final = ("大学", "学院", "研究生院", "学校", "科学院", "研究院", "研究所")


def _listed(text: str, mention: tuple[int, int, Draft]) -> bool:
    """Whether a name is one of a list (A、B、C), or begins or ends one of its items
    (长虹新能源电池二期、九洲产业园等3个项目): the list is what a figure counts."""
    a, b, _ = mention
    if text[b : b + 1] == "、" or text[a - 1 : a] == "、":
        return True
    # Only an item end a few characters away can count (``short``): looked for there alone,
    # not through the whole paragraph once for each of its names.
    reach = _ITEM_REST + 1
    left = max(text.rfind(c, max(0, a - reach), a) for c in _ITEM_ENDS)
    right = min(
        (i for c in _ITEM_ENDS if (i := text.find(c, b, b + reach)) >= 0), default=len(text)
    )

    def short(rest: str) -> bool:  # a few more words of the item's name, no figure
        return len(rest) <= _ITEM_REST and not re.search(r"\d", rest)

    return (left >= 0 and text[left] == "、" and short(text[left + 1 : a])) or (
        text[right : right + 1] == "、" and short(text[b:right])
    )


_ITEM_ENDS: Final = "、，,。；;：:（）()“”"
_ITEM_REST: Final = 6  # characters of an item's name beyond the name it begins or ends with


def _counted(text: str, mention: tuple[int, int, Draft], pos: int) -> bool:
    """Whether a name right before a count figure is what it counts (海尔生物、易邦生物两家)."""
    _, b, _ = mention
    if pos - b > 1:  # before slicing: a paragraph's every name is tried for each of its figures
        return False
    between = text[b:pos]
    # Only a count (两家, 3个): a verb right after a name (智擎机器人完成…) is the name's deed.
    counts = re.match(r"[\d一二三四五六七八九十两几数]", text[pos : pos + 1]) is not None
    return counts and (between == "" or between in "、和及等")


def evidence_range(text: str, start: int, end: int) -> Range:
    """The clause (or short sentence) that holds text[start:end], trimmed."""
    sentence = containing(sentences(text), start) or (0, len(text))
    parts = clauses(text, sentence)
    first = containing(parts, start) or sentence
    last = containing(parts, max(start, end - 1)) or first
    rng = trim(text, (first[0], last[1]))
    if rng[1] - rng[0] < _MIN_QUOTE and sentence[1] - sentence[0] <= _MAX_QUOTE:
        # Too short to stand alone (达到30家): the clause before it too, where the words it
        # goes on from are; the whole sentence where that is still short.
        i = parts.index(first) if first in parts else -1
        grown = trim(text, (parts[i - 1][0], last[1])) if i > 0 else rng
        rng = grown if grown[1] - grown[0] >= _MIN_QUOTE else trim(text, sentence)
    if rng[1] - rng[0] > _LONGEST_QUOTE:
        # A clause of thousands of characters (a list, a table's row, no stop in it): the
        # words around the figure, as the article prints them.
        rng = trim(text, (max(rng[0], start - _MAX_QUOTE // 2), min(rng[1], end + _MAX_QUOTE // 2)))
    return rng


_MAKING: Final = "|".join(lx.MAKING_VERBS)
_GETTING: Final = "获得|荣获|获|完成|斩获|拿下|签下|赢得|争取到"
_ENDINGS: Final = "|".join(map(re.escape, lx.PROJECT_ENDINGS))
_HEAD: Final = 20  # characters before a figure its label may take
# A name that opens the words before a figure: a zone's or a company's (the figure's subject).
OWNER: Final = (
    r"[\u4e00-\u9fff]{2,12}?(?:高新区|开发区|经开区|新区|园区|综保区|有限公司|集团|公司)(?:的)?"
)
# What ends the noun after a figure: what the thing counted does (3个项目同时开工).
_NOUN_ENDS: Final = "|".join(["同时", "集中", "已", "将", "均", "全部", "正在", *lx.EVENT_VERBS])


_NAMED_SHORT: Final = re.compile(r"^[^（(]*[（(]\s*(?:以下|下文)?简称[^）)]*[）)]")
_ENUMERATOR: Final = re.compile(
    r"^(?:\d{1,2}[.．、](?!\d)|[（(][\d一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[是、])"
)


def topic_of(text: str, fig: Figure, basis: str | None, name: tuple[int, int] | None = None) -> str:
    """A short label for a figure: the noun after it (88家高新技术企业), else the words before
    it in its clause (签约金额186.5亿元); for a figure inside a name (``name``, its span), what
    the name says it measures (年产10万吨锂电池材料项目: 年产锂电池材料)."""
    if name is not None and basis is None:
        rest = re.sub(f"(?:{_ENDINGS})$", "", text[fig.end : name[1]]) or text[fig.end : name[1]]
        if len(rest) >= 2:
            return ("年产" if text[name[0] : fig.start].endswith("年产") else "") + rest
    if basis is not None:
        return {
            "total": "总投资",
            "first": "首次投资",
            "cumulative": "累计投资",
            "additional": "追加投资",
            "phase": "分期投资",
        }[basis]
    after = re.match(r"([^，,。；;、：:（(]{2,12}?)(?=[，,。；;、：:（(]|$)", text[fig.end :])
    if fig.text.endswith("内") and fig.before is None:
        # 3分钟内完成预授信, 3个月内未注册的: a time limit is named by what must happen in it.
        done = re.match(r"[^，,。；;、：:（(“”0-9一二三四五六七八九十]{2,12}", text[fig.end :])
        if done:
            return re.sub("(?:的|达到|达|要|须|必须)$", "", done.group())
    start = fig.before.start if fig.before else fig.start
    head = text[max(0, start - 2 * _HEAD) : start]
    # 完成数千万元天使轮融资, 获得500万元奖励: what is got is named after the figure.
    got = fig.before is None and re.search(f"(?:{_GETTING})$", head)
    cut = max(head.rfind(c) for c in "，,。；;：:、")
    whole = cut >= 0 or start <= 2 * _HEAD  # the words before begin at a stop, not in a word
    head = head[cut + 1 :].lstrip('“「‘"')
    # 某某高新区（以下简称“高新区”）新落户项目21个: the name and its short name are the
    # subject's, no part of the label.
    head = _NAMED_SHORT.sub("", head)
    # 3.高新区企业…, （二）…, 一是…: an item's number is no part of its label.
    head = _ENUMERATOR.sub("", head)
    if len(head) > _HEAD // 2:
        # 无锡高新区全社会研发投入占GDP比重: what it names, the one it is about left out.
        owner = re.match(OWNER, head)
        if owner and len(head) - owner.end() >= 4:
            head = head[owner.end() :]
    head = re.sub(
        "^(?:(?:19|20)\\d\\d年度?|今年|去年|明年|当年|全年|以来|[上下]半年|前?[一二三四]季度|前[一二三四五六七八九十]+个?月|"
        "该公司|该企业|该项目|该区|公司|企业|其中|其|现有|拥有|共有|"
        "已|共|累计|目前|其中|预计|达到|达(?![产标成])|为|有(?![效限])|约|超过|超|近|实现|完成|新增|同比|"
        "则|也|还|均|都)+",
        "",
        head,
    )
    # 占比由去年同期的18%提升至26%: where the change starts from is no part of the label.
    head = re.sub(r"(?:由|从)[^，,。；;由从]{0,8}的$", "", head)
    # 年产值可达, 营收有望突破: the verb and the modal before it are no part of the label.
    head = re.sub(
        "(?:则|也)?(?:可望|有望|预计|可|将)?(?:达到|达|为|有|约|超过|实现|完成|由|从|是|共|已|突破|占)*$",
        "",
        head,
    )
    if len(head) > _HEAD:
        # Still long: the words nearest the figure, from a word's start where one is plain.
        like = re.search(r"(?:这样的|之类的|这类|等)(?=.{4,})", head[-_HEAD - 8 :])
        head = head[-_HEAD - 8 :][like.end() :] if like else head[-_HEAD:]
        whole = True  # cut here on purpose
    noun = (
        after.group(1)
        if after and not re.match(r"^[\d一二三四五六七八九十]", after.group(1))
        else None
    )
    if noun:  # 3个项目同时开工: the noun, not what it does
        bare = re.split(_NOUN_ENDS, noun, maxsplit=1)[0]
        noun = bare if len(bare) >= 2 else noun
    # 提出12条支持政策, 新建两条产线: what the verb before makes is named after the figure;
    # so is what a list counts (甲、乙等3个项目; 分为甲、乙、丙三个方面).
    if noun and (
        got or re.search(f"(?:{_MAKING})$", head) or head.endswith("等") or _counts_list(text, fig)
    ):
        return noun
    if len(head) >= 2:
        return head if whole else head[-12:]
    if noun:
        return noun
    return fig.parsed.unit or "数量"


def _counts_list(text: str, fig: Figure) -> bool:
    """Whether ``fig`` counts the items listed right before it in its clause (分为甲、乙、丙
    三个方面: three)."""
    clause = text[max(text.rfind(c, 0, fig.start) for c in "，,。；;：:") + 1 : fig.start]
    items = clause.split("、")
    return (
        len(items) >= 2
        and fig.parsed.unit in ("个", "项", "类", "条", "大")
        and (fig.parsed.number == len(items))
    )


def list_labels(text: str, figs: Sequence[Figure]) -> dict[int, str]:
    """Labels of figures listed together, by where each starts: where the words before 分别
    list as many things (产值、营收和税收分别增长12.1%、9.8%和7.5%), each figure's thing and
    the verb; where they do not, nothing (the list's later figures then take the first's
    label, :func:`listed_after`)."""
    out: dict[int, str] = {}
    for run in listed_runs(text, figs):
        if len(run) < 2:
            continue
        sentence = containing(sentences(text), run[0].start) or (0, len(text))
        said = list(_RESPECTIVELY.finditer(text, sentence[0], run[0].start))
        if not said:
            continue
        at = said[-1].start()
        verb = text[said[-1].end() : run[0].start]
        clause = max((text.rfind(c, sentence[0], at) for c in "，,；;：:"), default=-1)
        items = _SEPARATOR.split(text[max(clause + 1, sentence[0]) : at])
        items[0] = re.sub(f"^(?:其中)?(?:{OWNER})?", "", items[0]) or items[0]
        items[-1] = re.sub(_COUNTED_KIND, "", items[-1]) or items[-1]
        if len(items) != len(run) or not all(2 <= len(t) <= 16 for t in items):
            continue
        if any(re.search(r"\d", t) for t in items):
            continue  # 对年营收首次突破10亿元、50亿元的企业分别给予…: conditions, not things
        if not re.fullmatch(r"[^，,。；;、\d]{0,8}", verb):
            continue
        for fig, item in zip(run, items, strict=True):
            # A company listed is the figure's subject already: its label is the verb's.
            named = item.endswith((*lx.LEGAL_FORMS, "公司", "集团"))
            out[fig.start] = verb if named and len(verb) >= 2 else item + verb
    return out


def listed_runs(text: str, figs: Sequence[Figure]) -> list[Sequence[Figure]]:
    """The figures of a paragraph, in order, list by list: each run of figures joined by
    、 和 及 与 (12亿元、5.5亿元和3亿元) is one list, a figure standing alone its own."""
    runs: list[Sequence[Figure]] = []
    i = 0
    while i < len(figs):
        j = i
        while j + 1 < len(figs) and listed_after(text, figs[j], figs[j + 1]):
            j += 1
        runs.append(figs[i : j + 1])
        i = j + 1
    return runs


def listed_after(text: str, before: Figure | None, fig: Figure) -> bool:
    """Whether ``fig`` is listed right after ``before`` (12亿元、5.5亿元和3亿元)."""
    return before is not None and _SEPARATOR.fullmatch(text, before.end, fig.start) is not None


# The count and kind that close a list of names (机器人、新材料两大产业).
_COUNTED_KIND: Final = r"[两二三四五六七八九十\d]{1,2}(?:大|个|家|项|类)?[\u4e00-\u9fff]{0,4}$"


def _start(d: DateMention) -> int:
    return d.start


def date_for(dates: Sequence[DateMention], text: str, pos: int) -> DateMention | None:
    """The date a figure at ``pos`` is dated by: the last date before it in its sentence that
    is no base of a comparison (较2020年增加了近一倍 is dated by the year it speaks of) and
    that no word of the present follows before it (成立于2019年，目前拥有员工260人: the staff
    is today's, not 2019's)."""
    sentence = containing(sentences(text), pos) or (0, len(text))
    # The last one that qualifies, looked for from the figure back: a word of the present after
    # a date is after every date before it too, so the search stops there (a sentence of
    # thousands of dates and figures is read in time that grows with its length).
    # (the dates are in text order, so those of the sentence before the figure are found by
    # halves, not by reading every date of the paragraph for each figure)
    first = bisect_left(dates, sentence[0], key=_start)
    for d in reversed(dates[first : bisect_left(dates, pos, first, key=_start)]):
        if re.search(_PRESENT, text[d.end : pos]):
            return None
        if re.search(_BASE, text[max(0, d.start - 3) : d.start]):
            continue
        # 从2021年的八千万元增长到…: the year of where a change starts dates nothing after it
        if text[d.start - 1 : d.start] in ("从", "由") and text.startswith("的", d.end):
            continue
        return d
    return None


_BASE: Final = r"(?:较|比|与|相比|相较|同比|对比)$"  # before the date a figure is compared with
# A clause that speaks of the present, after a date and before a figure.
_PRESENT: Final = r"[，,；;]\s*(?:截至)?(?:目前|现在|现已|现有|如今|而今|当前|眼下)"


def change_date(dates: Sequence[DateMention], text: str, fig: Figure) -> DateMention | None:
    """The date of a change's new figure: one written between the old figure and the new
    (由…486亿元增至2025年的812亿元), else the one before the words that begin the change
    (2025年，企业数从612家增加到1530家), never the old figure's own (从2020年的612家…)."""
    old = fig.before
    if old is None:
        return date_for(dates, text, fig.start)
    between = [d for d in dates if old.end <= d.start < fig.start]
    if between:
        return between[-1]
    return date_for(dates, text, change_lead(text, old))


def event_verb(text: str, rng: Range) -> str | None:
    """The first verb of an event in the range; 正式 before another (正式启用, 正式注册成立) is
    the adverb of that one."""
    found = sorted(
        (at, v)
        for v in lx.EVENT_VERBS
        if (at := text.find(v, rng[0], rng[1])) >= 0
        and text[at + len(v) : at + len(v) + 1] != "率"  # 开工率, 投产率: a rate, no event
        # 自印发之日起施行: 印发 names the day; what happens on it is 施行
        and not text.startswith("之日", at + len(v))
        and (v not in _READ_NARROWLY or _READ_NARROWLY[v](text, at, rng[1]))
        and not text.startswith(_NOUN_AFTER.get(v, ()), at + len(v))
    )
    if found and found[0][1] == "完成":
        # 完成主体结构封顶: what is done is the event; 完成投资76.5亿元: a total, no event.
        later = [f for f in found[1:] if f[0] - found[0][0] <= _DONE_SPAN]
        if later:
            return later[0][1]
        if re.match(_TOTALS, text[found[0][0] + 2 : rng[1]]):
            found = found[1:]
    if len(found) > 1 and found[0][1] == "正式" and found[1][0] <= found[0][0] + 4:
        return found[1][1]  # 正式注册成立: 成立, a word between
    return found[0][1] if found else None


def _started_out(text: str, at: int, end: int) -> bool:
    """创业 as a deed (回到家乡创业，…; 辞职创业。), not a word of a name or a field (创业板,
    创业园, 创新创业, 支持大学生创业)."""
    return text[at + 2 : at + 3] in ("", "，", ",", "。", "；", ";", "了") and not re.search(
        r"创新|双|支持|鼓励|扶持|服务|带动|促进|引导", text[max(0, at - 6) : at]
    )


def _passed(text: str, at: int, end: int) -> bool:
    """通过 as passing a test (通过验收, 通过了一家车企的认证), not 通过 as "by way of"."""
    return re.match(_PASSED, text[at + 2 : end]) is not None


_PASSED: Final = r"了?[^，,。；;“”]{0,24}?(?:认证|验收|评审|审核|鉴定|复审|考核|审批|认可|测试)"


# Event verbs read only where their words around them make them one.
_READ_NARROWLY: Final[dict[str, Callable[[str, int, int], bool]]] = {
    "创业": _started_out,
    "通过": _passed,
}
# Event verbs that are a word of a noun where one of these follows them: 第三家上市企业 (a kind
# of company, not a listing), 毕业生, 出生率.
_NOUN_AFTER: Final = {
    "上市": ("企业", "公司", "后备", "挂牌企业"),
    "下水": ("道", "管"),  # 下水道, 下水管网: a sewer, no launch
    "毕业": ("生", "证", "季", "设计", "论文"),
    "出生": ("率", "地", "证", "人口"),
}
_DONE_SPAN: Final = 8  # characters from 完成 to the verb of what it completes
# What 完成 completes when it reports a total (完成投资, 完成产值), not an event.
_TOTALS: Final = (
    r"(?:年度|全年|固定资产)?"
    r"(?:投资|产值|营收|营业收入|任务|目标|签约|进出口|工业|地区生产总值|税收|招商)"
)


def quantity_record(fig: Figure) -> dict[str, Any]:
    """The ``value`` (or ``before``) record of a figure, typed by the grammar's reading."""
    parsed = fig.parsed
    number: int | float = parsed.number if isinstance(parsed.number, int) else float(parsed.number)
    out: dict[str, Any] = {
        "text": fig.text,
        "number": number,
        "unit": parsed.unit,
        "qualifier": parsed.qualifier,
    }
    if parsed.currency is not None:
        out["currency"] = parsed.currency
        out["minor"] = parsed.minor
    return out
