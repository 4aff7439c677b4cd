"""Extraction: one article in, the records ``hz import`` takes out.

:func:`extract` reads an :class:`~hightech_cli.sources.article.Article` and returns an
:class:`Extraction`: a ``meta`` record adding the article as a source, its repaired and numbered
``blocks``, the ``entities`` it names and the ``facts`` it states (figures, investments, quotes
with their speakers, dated events), each fact with evidence quoted verbatim from its block, each
record with the rule that found it and a confidence (``extracted``). Nothing is written: the one
write path stays ``hz import`` (``hz add`` is extract, then import).

The work is done by the family's modules: ``spans`` (sentences, clauses, quotations),
``figures`` (numbers by hz's own grammar), ``dates``, ``entities`` (with the name tagger of
``tagger``), ``quotes``, and ``assemble`` (subjects, topics, evidence). Given a store, names the
store already has (by name, legal name, alias or short name) are linked to its entities, whose
records come back with the new evidence added, never duplicated; ids are deterministic, so
extracting the same article twice gives the same records.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from hightech_cli.invisible import no_width
from hightech_cli.models import SCHEMA_VERSION
from hightech_cli.sources import simplified
from hightech_cli.sources.article import Article, ArticleError
from hightech_cli.sources.evidence import Locator
from hightech_cli.sources.extract import assemble, dates, figures, quotes, spans, tagger
from hightech_cli.sources.extract.entities import Draft, Entities, Known, _person_name
from hightech_cli.sources.extract.lexicon import DEGREES
from hightech_cli.sources.repair import as_blocks, repair
from hightech_cli.store.limits import MAX_FIELD_CHARS

__all__ = ["Extraction", "extract", "known_names"]

# A store with more entities than this is not searched name by name (a big store's names are
# matched when records are linked, ``link.py``).
KNOWN_MAX: Final = 50_000
GUESSED_DATE_CONFIDENCE: Final = 0.4
# How many paragraphs a company or body its headings name is written of in for an article to
# be a feature on it.
_FEATURED_PARAGRAPHS: Final = 4
# Event verbs of works being built and run: their project's, where one is named.
_BUILDING_VERBS: Final = frozenset(
    (
        "开工",
        "动工",
        "投产",
        "竣工",
        "建成",
        "达产",
        "封顶",
        "试产",
        "投用",
        "投入使用",
        "投入运营",
        "奠基",
        "量产",
        "试生产",
        "通线",
    )
)
# Event verbs that bring into being the name after them.
_MAKING_VERBS: Final = frozenset(
    ("出台", "发布", "印发", "推出", "设立", "成立", "组建", "揭牌", "启用", "上线", "创建", "建立")
)  # a record dated in a year the article does not print
_KINDS: Final = ("company", "person", "project", "policy", "organisation", "zone")
# What may stand before a date that leads its clause (并于今年3月开工, 同年10月开工).
_CLAUSE_LEAD: Final = r"\s*(?:并|已|又|于|并于|已于|又于|即|随后|再|到|至|截至)?\s*"
# A reporter's interview of the person named right after (记者专访了…局长某某) or before
# (某某接受了本报记者的专访): the one who answers its questions.
_INTERVIEWED_BEFORE: Final = re.compile(r"(?:专访|采访|访问|对话)了?[^。！？；]{0,28}$")
_INTERVIEWED_AFTER: Final = re.compile(r"[^。！？；]{0,6}接受了?[^。！？；]{0,10}(?:专访|采访)")
# Event verbs of a step in a person's career (2019年，他辞职回到家乡创业: the person's).
_CAREER_VERBS: Final = frozenset(
    (
        "出生",
        "离职",
        "辞职",
        "辞去",
        "创业",
        "毕业",
        "提拔为",
        "升任",
        "出任",
        "晋升为",
        "考入",
        "担任",
    )
)
# Event verbs of an agreement between two parties (甲与乙签订…协议: the first's event).
_LOOK_BACK: Final = 600  # characters a role-holder named before is looked for in
# Words that point back to a role-holder named before (这位负责人, 该负责人).
_THIS_ONE: Final = r"(?:这位|该|此|这名)(?:相关)?"
# The clause after a step of a career, opening with the one who took it (…毕业后，他进入…).
_HE_AFTER: Final = r"[^。！？；，,]{0,6}[，,](?:[^。！？；，,]{0,4})(?<!其)[他她]"
_AGREEING_VERBS: Final = frozenset(("签约", "签订", "签署", "签下"))
# Event verbs of a meeting being held: what a later 会上 or 活动现场 refers back to.
_MEETING_VERBS: Final = frozenset(("举行", "举办", "召开", "开幕"))
# A sentence that begins at a meeting named before (推介会上，…; 大会期间，…; 活动现场，…; 在米兰
# 推介会上，…): what it tells happened on that meeting's day.
_AT_THE_MEETING: Final = re.compile(
    r"(?:在|据悉，)?[^，,。；;！？、“”\d]{0,10}?"
    r"(?:(?:会上|会期间|赛期间|式上|仪式现场|活动现场|签约现场|会现场)(?=[，,])"
    # 推介会同时发布了…, 大会期间还发布了…: the meeting, then what it also saw, with no comma
    r"|(?:大会|推介会|峰会|论坛|发布会|洽谈会|对接会|博览会|交流会|活动|仪式)"
    r"(?:期间|现场|上)?(?:同时|还|也|另)(?!是|有|要|将|需|应))"
)
# A meeting described by its day (5月21日下午举行的推介会): the meeting a later 会上 tells of.
_HELD_MEETING: Final = re.compile(
    r"[^，,。；;]{0,6}?(?:举行|举办|召开)的[^，,。；;]{0,24}?(?:会|论坛|活动|仪式)"
)
# How many clauses after a meeting's verb may tell its other deeds: a sentence says a few, and
# a run of thousands (a hostile file) is not read clause by clause for them.
_MEETING_DEED_CLAUSES: Final = 8
# What may stand before the verb of a clause that tells another deed of a meeting just held
# (召开…大会，发布《…》，签约项目12个).
_MEETING_DEED_LEAD: Final = r"\s*(?:并|还|同时|会上|现场|会议|大会|并现场)?\s*"


def known_names(store: Any) -> list[Known]:
    """The names of a store's entities, to look for in a new article ([] for a big store)."""
    if store.count_of(*_KINDS) > KNOWN_MAX:
        return []  # counted first: a big store's pool of names is most of its memory
    pool = store.name_pool(_KINDS)
    out: list[Known] = []
    for e in pool:
        forms = [str(e["name"])]
        for extra in (e.get("full_name"), *(e.get("aliases") or []), e.get("english_name")):
            if isinstance(extra, str) and extra and extra not in forms:
                forms.append(extra)
        out.append((str(e["kind"]), str(e["name"]), tuple(forms)))
    return out


Record = dict[str, Any]
_OWN_CLAUSE: Final = (
    "clause",
    "anaphora:project",
    "modifies",
    "modifies:person",
    "inside",
    "invest:project",
    "invest:company",
    # A policy's terms (对…给予…奖励) are the policy's, whoever explains them.
    "subsidy",
    "subsidy:received",
    "within",  # 谷内企业…: the park's, whoever speaks of it
)
# A speaker's body named by reference back (该公司负责人, 这家企业的董事长): a company before.
_BODY_ANAPHORA: Final = r"(?:该|这家|此)(?:公司|企业|集团)的?|公司|企业"
_CARRIED: Final = ("carried", "invest:company", "invest:earlier-project")
_SLUG: Final = re.compile(r"[^a-z0-9]+")


@dataclass
class Extraction:
    """What one article gave: records in ``hz import``'s JSON-lines form, and notes."""

    source_id: str
    records: list[Record]
    notes: list[str] = field(default_factory=list)

    def table(self, name: str) -> list[Record]:
        return [r for r in self.records if r["table"] == name]


def source_id_for(article: Article) -> str:
    """A deterministic id: the file's ASCII name (if it has one) and the start of its sha256."""
    stem = article.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = stem.removesuffix(".gbk").lower()
    ascii_stem = _SLUG.sub("-", stem).strip("-")[:40]
    return (
        f"{ascii_stem}-{article.sha256[:8]}"
        if len(ascii_stem) >= 3
        else f"src-{article.sha256[:12]}"
    )


def _meta(article: Article, blocks: Sequence[Any], source_id: str, given: dict[str, str]) -> Record:
    def first(kind: str, test: str = "") -> str:
        for b in blocks:
            if b["kind"] == kind and re.search(test, b["text"]):
                return str(b["text"])
        return ""

    byline = first("byline", "记者|通讯员|作者|文[/／]|撰稿")
    publication = ""
    masthead = first("byline", r"报|新闻|网|来源")
    found = re.match(
        r"^《?([\u4e00-\u9fff]{2,12}?(?:日报|晚报|时报|商报|报|周刊|新闻网|网))》?", masthead
    )
    if found:
        publication = found.group(1)
    source = re.search(r"来源\s*[:：]\s*([^\s　]+)", masthead)
    if source:
        publication = source.group(1)
    issuer = re.match(r"([\u4e00-\u9fff]{2,16})[\s\u3000]+\d{4}\s*[-/.年]", first("byline"))
    if issuer and not publication and not re.search("记者|通讯员|作者", issuer.group(1)):
        publication = issuer.group(1)  # 某某管委会　2025-11-12
    # 某某日报讯（记者 唐某）at the head of the first paragraph: the paper, and the byline.
    lead = first("paragraph")
    dateline = lead[: spans.dateline_end(lead)]
    # 某某日报讯, and one that dates itself: 长沙晚报1月8日讯, 新华社合肥3月5日电.
    paper = re.match(
        r"\s*([\u4e00-\u9fff/·]{2,16}?(?:报|网|台|新闻|客户端))"
        r"(?:[\u4e00-\u9fff]{0,4}?\d{1,2}月\d{1,2}日)?(?:讯|电)",
        lead,
    )
    if paper and not publication and not paper.group(1).startswith("本报"):
        publication = paper.group(1)
    credit = re.search(r"[（(]([^）)]*(?:记者|通讯员)[^）)]*)[）)]", dateline) or re.match(
        r"[^（(，。]{0,20}(?:讯|电)\s*[（(]([^）)]*(?:记者|通讯员)[^）)]*)[）)]", lead
    )
    if credit and not byline:
        byline = credit.group(1).strip()
    # A masthead, dateline or 原载 note may stand anywhere; then the top of the text.
    marked = "\n".join(str(b["text"]) for b in blocks if b["kind"] in ("byline", "credit"))
    date = (
        given.get("date")
        or article.date
        or dates.publication_date(marked)
        or dates.publication_date(article.text)
    )
    year = int(date[:4]) if date else dates.article_year(article.text)
    meta: Record = {
        "id": source_id,
        "title": given.get("title") or article.title or first("title"),
        "subtitle": first("subtitle").lstrip("—－- "),
        "byline": given.get("byline") or byline,
        "photo_credit": first("credit"),
        "publication": given.get("publication") or publication,
        "year": int(given["year"]) if given.get("year") else (year or 0),
        "file": article.file,
        "sha256": article.sha256,
    }
    if date:
        meta["date"] = date
    return meta


def _within_limits(blocks: Sequence[Mapping[str, Any]]) -> None:
    """ArticleError for a paragraph a store could not take (``limits.MAX_FIELD_CHARS``), said
    before any reading: its records would be refused at import, after a long read for
    nothing."""
    for block in blocks:
        size = len(block["text"])
        if size > MAX_FIELD_CHARS:
            raise ArticleError(
                f"paragraph {block['n']} is {size:,} characters, over"
                f" {MAX_FIELD_CHARS:,}: no store takes a paragraph that long"
            )


def extract(
    article: Article,
    *,
    source_id: str | None = None,
    given: dict[str, str] | None = None,
    store: Any = None,
    use_tagger: bool = True,
    known: Sequence[Known] | None = None,
) -> Extraction:
    """The records of one article (see the module docstring). ``given``: title, date,
    publication, byline or year the user states, which win over what is found; ``store``: a
    ``store.Reader`` whose entities are linked to rather than duplicated; ``known``: its names
    (``known_names(store)``), looked for in the article whatever the rules find, which
    ``store`` gives by itself."""
    given = given or {}
    sid = source_id or source_id_for(article)
    text = article.text
    if article.html and article.title:
        text = f"## {article.title}\n\n{text}"
    blocks = as_blocks(sid, repair(text))
    _within_limits(blocks)
    # An article in traditional characters is read through its simplified twin, place for
    # place, and one holding characters that take no room through a twin without them; what
    # must be verbatim is taken back from the article at the end (simplified.py).
    traditional = simplified.is_traditional(text)
    twin = (
        simplified.Twin(blocks, traditional=traditional) if traditional or no_width(text) else None
    )
    read = blocks
    if twin is not None:
        read = [{**b, "text": twin.read(b["text"])} for b in blocks]
        article = dataclasses.replace(
            article, text=twin.read(article.text), title=twin.read(article.title)
        )
    meta = _meta(article, read, sid, given)
    if known is None and store is not None:
        known = known_names(store)
    # No date printed or given: the year is article_year's reading of the years the text names.
    guessed = not meta.get("date") and not given.get("year")
    # Evidence is cut from the article's own blocks at the places found in the twin's: a quote
    # the twin holds twice (臺灣… and 台湾… both read 台湾…) is the one it was found at.
    run = _Run(sid, read, meta, tagger.load() if use_tagger else None, known or (), guessed, twin)
    records = run.records()
    if store is not None:
        from hightech_cli.sources.link import link

        records = link(records, store)
    notes = list(run.notes)
    if twin is not None:
        simplified.restore([{"table": "meta", "sources": [meta]}, *records], twin, given)
    if traditional:
        notes.append(
            f"{article.file} is written in traditional characters: it was read through simplified"
            " ones; names are given in simplified characters, with the article's forms as"
            " aliases, and quotes as written"
        )
    doubt = run.guessed_year_note(article.file)
    if doubt:
        notes.append(doubt)
    elif not meta.get("date") and not meta.get("year"):
        notes.append(
            f"{article.file} prints no date and names no year of its own: dates without a"
            " year, such as 5月18日 or 今年, are left out (give --date YYYY-MM-DD to read them)"
        )
    if not any(r["table"] in ("entities", "facts") for r in records):
        notes.append(f"nothing found in {article.file} but its paragraphs")
    head: Record = {"table": "meta", "sources": [meta], "schema_version": SCHEMA_VERSION}
    blocks_out = [{"table": "blocks", **b} for b in blocks]
    return Extraction(sid, [head, *blocks_out, *records], notes)


class _Run:
    """One extraction: blocks in, entity and fact records out."""

    def __init__(
        self,
        sid: str,
        blocks: list[Any],
        meta: Record,
        tg: tagger.Tagger | None,
        known: Sequence[Known] = (),
        year_guessed: bool = False,
        twin: simplified.Twin | None = None,
    ) -> None:
        self.known = known
        self._twin = twin  # the blocks as written, where they are read through a twin
        self.sid = sid
        self.blocks = blocks
        self.meta = meta
        self.tagger = tg
        self.notes: list[str] = []
        self.locator = Locator(sid, blocks)
        self._blocks_by_n = {b["n"]: b for b in blocks}
        date = str(meta.get("date") or meta.get("year") or "")
        self.ref = dates.Reference.of(date, guessed=year_guessed)
        self._guessed_dates: list[str] = []
        self._tables = spans.Tables([])

    def records(self) -> list[Record]:
        body = [(b["n"], b["kind"], b["text"]) for b in self.blocks]
        tags: dict[int, list[tagger.Span]] = {}
        if self.tagger is not None:
            for n, kind, text in body:
                if kind in ("paragraph", "byline", "subtitle", "title", "heading", "caption"):
                    tags[n] = self.tagger.tag(text)
        found = Entities(body, tags, self.known)
        drafts = found.run()
        self.zone = found.zone
        self._ids: dict[int, str] = {}
        self._taken_ids: set[str] = set()  # the values of _ids
        self._used: list[Draft] = []
        self._events: set[tuple[int, int]] = set()
        self._deduped = False  # whether the last event looked for was one found already
        self._money_at: dict[int, list[int]] = {}  # each paragraph's sums, where they begin
        self._meeting: dates.DateMention | None = None  # the date of the meeting last held
        # The people the article says were interviewed, where (``_interviewee``), and for how
        # many drafts that was found
        self._introduced: tuple[int, list[tuple[int, Draft]]] | None = None
        facts = self._facts(drafts, body)
        return self._entity_records(drafts) + facts

    # ------------------------------------------------------------------ facts

    def _facts(self, drafts: list[Draft], body: Sequence[tuple[int, str, str]]) -> list[Record]:
        subjects = assemble.Subjects(drafts, self._default_subject(drafts), self.zone)
        self._tables = spans.Tables(body)
        out: list[Record] = []
        carry: list[Any] = []
        for n, kind, text in body:
            if kind not in ("paragraph", "caption", "subtitle", "heading"):
                continue
            p = assemble.Paragraph(n, kind, text)
            figs = figures.find_figures(text) if kind == "paragraph" else []
            subjects.new_paragraph(p, figs)
            found_dates = dates.find_dates(text, self.ref, carry)
            qs = quotes.find_quotes(text) if kind == "paragraph" else []
            speakers = self._speakers(drafts, p, qs)
            k = 0
            taken_clauses: set[tuple[int, int]] = set()
            said = spans.sentences(text)
            last: tuple[spans.Range | None, str] = (None, "")  # the sentence and label before
            labels = assemble.list_labels(text, figs)
            previous: figures.Figure | None = None
            for fig in figs:
                k += 1
                rec = self._figure(p, fig, subjects, qs, speakers, found_dates, k)
                out.append(rec)
                start = fig.before.start if fig.before else fig.start
                sentence = spans.containing(said, start)
                if fig.start in labels and rec["kind"] != "investment":
                    rec["topic"] = labels[fig.start]
                elif assemble.listed_after(text, previous, fig) and last[1]:
                    rec["topic"] = last[1]  # 12亿元、5.5亿元和3亿元: what the first one is
                else:
                    before = last if last[0] == sentence else None
                    rec["topic"] = _continued(rec["topic"], fig, before)
                last = (sentence, rec["topic"])
                previous = fig
                taken_clauses.add(assemble.evidence_range(text, start, fig.end))
                if fig.conversion is not None:
                    k += 1
                    out.append(self._conversion(p, rec, fig, fig.conversion, k))
            for q, speaker in zip(qs, speakers, strict=True):
                if speaker is None or (
                    q.rule == "quote:reported" and isinstance(speaker, _Unnamed)
                ):
                    # 相关负责人说，…… / 据园区介绍，……: speech reported without marks is quoted
                    # for a named person only (what an unnamed one reports is the article's own
                    # account); it still says whose figures it gives
                    continue
                k += 1
                out.append(self._quote(p, q, speaker, k))
            for d in found_dates:
                event = self._event(p, d, subjects, taken_clauses, figs, k + 1, others=found_dates)
                if event is not None:
                    k += 1
                    out.append(event)
                verb = event["topic"] if event is not None else None
                if verb in _MEETING_VERBS or (verb is None and _HELD_MEETING.match(p.text, d.end)):
                    # 5月21日下午举行的推介会吸引了…: the meeting is named, described by its day
                    self._meeting = d if self._held(p, d) else None
                    deeds = (
                        self._meeting_deeds(p, d, verb, found_dates, figs)
                        if verb is not None and self._meeting is not None
                        else []
                    )
                    for deed in deeds:
                        event = self._event(
                            p, deed, subjects, taken_clauses, figs, k + 1, verbs_from=deed.start
                        )
                        if event is not None:
                            k += 1
                            out.append(event)
                elif self._meeting is not None and len(d.iso) > 4 and d.iso != self._meeting.iso:
                    # another day or month since: 会上 may be of another meeting (a year named,
                    # 去年实现产值…, tells a figure's time, not another meeting's)
                    self._meeting = None
            for d in self._at_meetings(p, found_dates):  # of the meeting just dated, too
                # The verb is after the words (发布会上，…发布了…: not the 发布 of 发布会).
                event = self._event(p, d, subjects, taken_clauses, figs, k + 1, verbs_from=d.end)
                if event is not None:
                    k += 1
                    out.append(event)
        return out

    def _held(self, p: assemble.Paragraph, d: dates.DateMention) -> bool:
        """Whether the meeting dated ``d`` has been held, so that a later 会上 tells of it: not
        one still to come (下一届大会将于明年4月举办), by its words or a year after the
        article's."""
        sentence = spans.containing(spans.sentences(p.text), d.start) or (d.start, d.end)
        if re.search(r"将|拟|计划|预计|下一届|下届", p.text[sentence[0] : sentence[1]]):
            return False
        return self.ref.year is None or d.year is None or d.year <= self.ref.year

    def _meeting_deeds(
        self,
        p: assemble.Paragraph,
        d: dates.DateMention,
        verb: str,
        found: Sequence[dates.DateMention],
        figs: Sequence[figures.Figure],
    ) -> list[dates.DateMention]:
        """The meeting's date, standing at each later clause of its sentence that opens with
        a verb of its own and has no date (3月16日，某区召开…大会，发布《…》: the 发布 is of
        that day too)."""
        sentence = spans.containing(spans.sentences(p.text), d.start)
        held = p.text.find(verb, d.end)
        if sentence is None or held < 0:
            return []
        out = []
        after = [c for c in spans.clauses(p.text, sentence) if c[0] > held]
        for a, b in after[:_MEETING_DEED_CLAUSES]:
            if any(a <= o.start < b for o in found):
                continue
            if any(a <= f.start < b for f in figs):
                continue  # 现场签约项目23个: a count of the day, a figure with its date
            lead = re.match(_MEETING_DEED_LEAD, p.text[a:b])
            start = a + (lead.end() if lead else 0)
            deed = assemble.event_verb(p.text, (start, b))
            if deed is not None and p.text.startswith(deed, start):
                out.append(dataclasses.replace(d, start=start, end=start, text=""))
        return out

    def _at_meetings(
        self, p: assemble.Paragraph, found: Sequence[dates.DateMention]
    ) -> list[dates.DateMention]:
        """For each sentence of the paragraph that begins at the meeting last dated (会上，…)
        and has no date of its own: that meeting's date, standing where the words are."""
        meeting = self._meeting
        if meeting is None:
            return []
        out = []
        for a, b in spans.sentences(p.text):
            m = _AT_THE_MEETING.match(p.text, a)
            if m is None or m.end() > b or any(a <= d.start < b for d in found):
                continue
            out.append(dataclasses.replace(meeting, start=m.start(), end=m.end(), text=m.group()))
        return out

    def _default_subject(self, drafts: list[Draft]) -> Draft | None:
        """What a figure with no subject of its own is about: the zone, or, in a notice that
        publishes a policy (关于印发《…》的通知), that policy."""
        title = str(self.meta.get("title", ""))
        if re.search("印发|通知|办法|措施|政策", title):
            # By any of its names: 《…若干措施》（以下简称《若干措施》） under 出台若干措施.
            named = [
                (len(f), d) for d in drafts if d.kind == "policy" for f in d.forms() if f in title
            ]
            if named:
                return max(named, key=lambda m: m[0])[1]
        heads = title + str(self.meta.get("subtitle", ""))
        issued = _ISSUES_POLICY.search(heads)
        if issued is not None:
            # 某某开发区出台12条措施支持…: the headings announce one policy without its name; the
            # one the article names so (…若干措施, …扶持办法), most often, is that policy.
            issued_kind = [
                d for d in drafts if d.kind == "policy" and d.name.endswith(_POLICY_NOUNS)
            ]
            if issued_kind:
                return max(issued_kind, key=lambda d: (len(d.mentions), -d.block))
        # A feature on one company or body (——记…初创企业栖光医疗和它的创始人): the one its
        # headings name, written of throughout, is what a figure with no subject of its own is
        # about.
        featured = {
            id(d): d
            for d in drafts
            if d.kind in ("company", "organisation")
            and any(f in heads for f in d.forms() if len(f) >= 2)
            and len({bn for bn, _, _ in d.mentions}) >= _FEATURED_PARAGRAPHS
        }
        if len(featured) == 1 and not any(
            d.kind in ("project", "policy") and any(f in heads for f in d.forms()) for d in drafts
        ):
            return next(iter(featured.values()))
        return self.zone

    def _evidence(self, p: assemble.Paragraph, rng: tuple[int, int]) -> Record:
        if self._twin is not None:
            quote = self._twin.cut(p.n, rng[0], rng[1])
        else:
            quote = p.text[rng[0] : rng[1]]
        return {"source": self.sid, "paragraph": p.n, "quote": quote}

    def _figure(
        self,
        p: assemble.Paragraph,
        fig: figures.Figure,
        subjects: assemble.Subjects,
        qs: list[quotes.Quote],
        speakers: list[Draft | None],
        found_dates: list[dates.DateMention],
        k: int,
    ) -> Record:
        start = fig.before.start if fig.before else fig.start
        # 总投资超10亿元的项目5个: a threshold the count is of, no sum invested.
        threshold = re.match(_THRESHOLD, p.text[fig.end :]) is not None
        # A price per unit (投资强度不低于400万元/亩) is no sum invested either.
        threshold = threshold or "/" in fig.parsed.unit
        # A sum below zero (亏损－120.5亿元, 总投资—5亿元) is no sum invested: no filter of
        # investments, which read amounts as sums put in, may ever take it for one.
        invested = fig.money and not threshold and fig.parsed.number >= 0
        basis = assemble.investment_basis(p.text, start) if invested else None
        # A cell of a table is what its column's header says (| 某某项目 | 120亿元 | under 投资额).
        column = self._tables.column(p.n, p.text, fig.start)
        if column is not None and invested:
            # In a table, the cell and its column's header say it, not the row's other cells
            # (| 固定资产投资 | 120.5亿元 |: a statistic, under 数值).
            cell = p.text[column[1][0] : fig.end]
            within = (
                assemble.investment_basis(cell, start - column[1][0]) if not threshold else None
            )
            basis = ("total", None) if "投资" in column[0] else within
        choice = subjects.choose(p, fig.start, fig.end, basis=basis[0] if basis else None)
        subject = choice.draft
        inside = next((i for i, q in enumerate(qs) if q.start <= fig.start < q.end), None)
        speaker = speakers[inside] if inside is not None else None
        # Reported speech is about the speaker's company, unless its own clause names what it is
        # about (a project, a policy, the zone): the clause is nearer than the speaker.
        body = speaker.body if isinstance(speaker, _Unnamed) else speaker and speaker.org
        # (答：…去年百康瑞营业收入达到9.3亿元，同比增长26%: a company the speech's sentence
        # opens with is what it speaks of, not the speaker's body)
        opens = choice.how == "sentence:first" and subject is not None and subject.kind == "company"
        # (…设立了南阳高新区光电产业发展基金，总规模30亿元: what the speech's sentence makes is
        # what its figures measure, not the speaker's body)
        made = (
            choice.how == "sentence:last"
            and subject is not None
            and subject.kind in ("organisation", "project")
            and subject is not body
        )
        opens = opens or made
        if body is not None and choice.how not in _OWN_CLAUSE and not opens:
            choice = assemble.Choice(subjects.speaks_for(body), "speaker:" + choice.how)
            subject = choice.draft
        rng = assemble.evidence_range(p.text, start, fig.end)
        rec: Record = {
            "table": "facts",
            "id": f"{self.sid}.{p.n}-{k}",
            "subject": self._id(subject),
            "kind": "investment" if basis else "quantity",
            "topic": (
                self._tables.topic(p.n, p.text, column[0])
                if column and column[0] and not basis
                else None
            )
            or assemble.topic_of(
                p.text, fig, basis[0] if basis else None, subjects.holding(p, fig.start)
            ),
            "text": p.text[rng[0] : rng[1]],
            "evidence": self._evidence(p, rng),
            "refs": [],
            "value": assemble.quantity_record(fig),
        }
        if fig.before is not None:
            rec["before"] = assemble.quantity_record(fig.before)
        if basis:
            rec["basis"] = basis[0]
            if basis[1] is not None:
                rec["phase"] = basis[1]
        if fig.before is None:
            when = assemble.date_for(found_dates, p.text, fig.start)
        else:  # a change is dated by a date of its new figure, not by its old figure's
            when = assemble.change_date(found_dates, p.text, fig)
        confidence = fig.confidence - _subject_doubt(choice, self.zone)
        if when is not None:
            rec["date"], rec["year"] = when.iso, when.year
            confidence = self._dated_by(when, confidence)
        rec["extracted"] = {"rule": fig.rule, "confidence": round(confidence, 2)}
        return rec

    def _conversion(
        self,
        p: assemble.Paragraph,
        rec: Record,
        fig: figures.Figure,
        conversion: figures.Figure,
        k: int,
    ) -> Record:
        """The article's own conversion of a sum into another currency (5000万美元（约合人民币
        3.6亿元）): a fact of the same subject, kind, basis and date as the sum's, its evidence
        holding both, noted as the same sum converted, so that no reader adds it to the first."""
        rng = assemble.evidence_range(p.text, fig.start, conversion.end)
        currency = "人民币" if conversion.parsed.currency == "CNY" else conversion.parsed.unit
        out: Record = {
            "table": "facts",
            "id": f"{self.sid}.{p.n}-{k}",
            "subject": rec["subject"],
            "kind": rec["kind"],
            "topic": f"{rec['topic']}（折合{currency}）",
            "text": p.text[rng[0] : rng[1]],
            "evidence": self._evidence(p, rng),
            "refs": list(rec["refs"]),
            "value": assemble.quantity_record(conversion),
        }
        out.update({key: rec[key] for key in ("basis", "phase", "date", "year") if key in rec})
        out["note"] = f"the same sum as {fig.text}, converted by the article itself"
        confidence = min(rec["extracted"]["confidence"], conversion.confidence)
        out["extracted"] = {"rule": conversion.rule, "confidence": round(confidence, 2)}
        return out

    def _speakers(
        self, drafts: list[Draft], p: assemble.Paragraph, qs: list[quotes.Quote]
    ) -> list[Draft | None]:
        out: list[Draft | None] = []
        if not qs:
            return out
        people = [f for d in drafts if d.kind == "person" for f in d.forms()]
        for q in qs:
            if q.rule == "quote:answer":
                out.append(self._interviewee(drafts, p.n))
                continue
            read = quotes.read_speaker(q.speaker, people)
            person = None
            if read.name in ("他", "她"):
                person = self._last_person(drafts, p.n, q.start)
            elif read.name:
                person = next(
                    (d for d in drafts if d.kind == "person" and read.name in d.forms()), None
                )
                plausible = _person_name(read.name) or (2 <= len(read.name) <= 4 and read.role)
                # An interview's 某某： names someone the article has introduced, or no one.
                plausible = plausible and q.rule != "quote:interview"
                if person is None and plausible:
                    person = Draft("person", read.name, p.n, q.start, q.end, "person:speaker", 0.7,
                                   role=read.role or None)  # fmt: skip
                    drafts.append(person)
            if person is None and q.rule == "quote:interview":
                out.append(None)
                continue
            body = self._body(drafts, read.org, p.n, q.start)
            if (
                body is None
                and read.role
                and re.search(_THIS_ONE + re.escape(read.role), q.speaker)
            ):
                # 这位负责人说: the body whose role-holder was named before (据某某局相关负责人…)
                body = self._role_holders_body(drafts, p, q.start, read.role)
            if person is None and read.role:
                for_whom = body or self.zone
                out.append(_Unnamed(for_whom, read.role) if for_whom is not None else None)
                continue
            if person is not None and person.org is None and read.org:
                # 云泽大学博士丁某说: where the speaker studied, not whom they speak for
                person.org = None if read.role in DEGREES else body
            out.append(person)
        return out

    def _interviewee(self, drafts: list[Draft], n: int) -> Draft | None:
        """Who answers an interview's questions (答：…): the one person a paragraph before
        says the reporter interviewed (记者专访了某局局长某某, 某某接受了本报记者专访); None
        where no paragraph says so, where it names several, or where the paper says it put the
        questions together itself."""
        # 记者梳理了企业关心的几个问题，并采访了…: questions the paper put together, answered
        # in its own words as much as the official's; no one's quotes
        if self._introduced is None or self._introduced[0] != len(drafts):
            texts = {
                b["n"]: b["text"]
                for b in self.blocks
                if not re.search(r"梳理|整理|汇总|归纳", b["text"])
            }
            said = [
                (bn, d)
                for d in drafts
                if d.kind == "person"
                for bn, a, b in d.mentions
                if bn in texts
                and (
                    _INTERVIEWED_BEFORE.search(texts[bn][max(0, a - 30) : a])
                    or _INTERVIEWED_AFTER.match(texts[bn], b)
                )
            ]
            self._introduced = (len(drafts), said)  # found once an article, not once an answer
        found = {id(d): d for bn, d in self._introduced[1] if bn < n}
        return next(iter(found.values())) if len(found) == 1 else None

    def _body(self, drafts: list[Draft], org: str, n: int, pos: int) -> Draft | None:
        """The body a speaker's stretch names (小优智能, 园区管委会), or the company its 该公司
        or 这家企业 refers back to: the one named last before the quote."""
        if not org:
            return None
        if re.fullmatch(_BODY_ANAPHORA, org):
            return self._last_named(drafts, n, pos, "company")
        # 大元精密中国法人代表: the company's branch for a region speaks for the company.
        org = re.sub("(?:中国|中国区|亚太区|亚太|大中华区|华东区|华南区|华北区)$", "", org) or org
        found = next((d for d in drafts if d.kind != "person" and org in d.forms()), None)
        if found is not None or len(org) < 2 or not re.search("[\u4e00-\u9fff]{2}", org):
            return found
        # 克勒曼首席执行官…说, of 德国克勒曼精密机械有限公司 named before: the one company whose
        # name holds the word.
        holding = [d for d in drafts if d.kind == "company" and any(org in f for f in d.forms())]
        return holding[0] if len(holding) == 1 else None

    def _role_holders_body(
        self, drafts: list[Draft], p: assemble.Paragraph, pos: int, role: str
    ) -> Draft | None:
        """The body or company whose ``role`` (负责人) was named last before ``pos``, in this
        paragraph or the one before (据某某局相关负责人介绍…。“…”这位负责人说)."""
        # (no further back than _LOOK_BACK characters: a paragraph of thousands of quotes)
        texts = [(b["n"], b["text"][-_LOOK_BACK:]) for b in self.blocks if p.n - 1 <= b["n"] < p.n]
        texts.append((p.n, p.text[max(0, pos - _LOOK_BACK) : pos]))
        best: tuple[int, int] | None = None
        found = None
        for d in drafts:
            if d.kind not in ("organisation", "company"):
                continue
            for n, text in texts:
                for form in d.forms():
                    if len(form) < 2:
                        continue
                    at = text.rfind(form + "相关" + role)
                    at = at if at >= 0 else text.rfind(form + role)
                    if at >= 0 and (best is None or (n, at) > best):
                        best, found = (n, at), d
        return found

    def _last_person(self, drafts: list[Draft], n: int, pos: int) -> Draft | None:
        return self._last_named(drafts, n, pos, "person")

    def _last_named(self, drafts: list[Draft], n: int, pos: int, kind: str) -> Draft | None:
        best: tuple[int, int] | None = None
        found = None
        for d in drafts:
            if d.kind != kind:
                continue
            for bn, a, _ in d.mentions:
                if (bn, a) < (n, pos) and (best is None or (bn, a) > best):
                    best, found = (bn, a), d
        return found

    def _quote(self, p: assemble.Paragraph, q: quotes.Quote, speaker: Draft, k: int) -> Record:
        rec: Record = {
            "table": "facts",
            "id": f"{self.sid}.{p.n}-{k}",
            "subject": self._id(speaker.body if isinstance(speaker, _Unnamed) else speaker),
            "kind": "quote",
            "topic": "引语",
            "text": q.text,
            "evidence": self._evidence(p, (q.start, q.end)),
            "refs": [],
        }
        if isinstance(speaker, _Unnamed):
            rec["speaker"] = speaker.role
        confidence = q.confidence - (0.2 if isinstance(speaker, _Unnamed) else 0.0)
        rec["extracted"] = {"rule": q.rule, "confidence": round(confidence, 2)}
        return rec

    def _event(
        self,
        p: assemble.Paragraph,
        d: dates.DateMention,
        subjects: assemble.Subjects,
        taken: set[tuple[int, int]],
        figs: list[figures.Figure],
        k: int,
        *,
        others: Sequence[dates.DateMention] = (),
        verbs_from: int = 0,
    ) -> Record | None:
        sentence = spans.containing(spans.sentences(p.text), d.start) or (0, len(p.text))
        if p.text[sentence[0] : sentence[1]].rstrip('”」’"） ').endswith(("？", "?")):
            return None  # 今年上半年经济运行情况如何？: a question says nothing happened
        if p.text.startswith("同期", d.end) or re.search(
            "[由较比]$", p.text[max(0, d.start - 1) : d.start]
        ):
            return None  # 由去年同期的58%提高到71%: the base of a comparison, no event's day
        heading = _ITEM_HEADING.match(p.text)
        if heading is not None and verbs_from < heading.end():
            # 【投产】7月6日，某某项目在高新区正式投产: a bulletin item's heading names its kind;
            # the verb is the sentence's own, after it, whose doer or works the event is
            # about. Where the sentence's own verb makes no event (总投资…的…二期开工建设: the
            # sum carries the date), the heading's does, as it did before.
            self._deduped = False
            found = self._event(
                p, d, subjects, taken, figs, k, others=others, verbs_from=heading.end()
            )
            if found is not None or self._deduped:
                return found
        parts = spans.clauses(p.text, sentence)
        first = spans.containing(parts, d.start) or sentence
        # The verb may stand in the clause of the date or the next one (5月18日，X项目开工).
        verb = None
        last = first
        # The three clauses from the date's on, found by halving (a sentence of thousands of
        # clauses is walked once, not once a date in it)
        from_first = bisect_left(parts, first[0], key=lambda c: c[0])
        for rng in parts[from_first : from_first + 3]:
            if rng != first and any(
                rng[0] <= o.start < rng[1] and re.fullmatch(_CLAUSE_LEAD, p.text[rng[0] : o.start])
                for o in others
            ):
                break  # 去年5月取得土地，同年10月开工: a clause led by its own date has its verb
            verb = assemble.event_verb(p.text, (max(rng[0], verbs_from), rng[1]))
            last = rng
            if verb:
                break
        if verb is None:
            return None
        at = p.text.find(verb, max(last[0], verbs_from))
        follows = p.text[at + len(verb) : at + len(verb) + 2]
        described = None
        if follows[:1] == "的" and follows != "的《":
            # 去年10月签约的甲公司乙项目, 3月中旬开工的丙中心二期: the date and verb describe
            # the works named right after them, whose event that is. 今年举办的第三场活动:
            # nothing named, a description, no event.
            if last != first:
                return None
            described = subjects.named_at(p, at + len(verb) + 1)
            if described is None:
                return None
        if spans.in_quotes(p.text, d.start, at):
            return None  # inside a quotation: said, or part of a quoted name
        money = self._money_at.get(p.n)
        if money is None:  # once a paragraph: a paragraph may hold thousands of dates
            money = self._money_at[p.n] = sorted(f.start for f in figs if f.money)
        first_money = bisect_left(money, d.start)
        if first_money < len(money) and money[first_money] < at:
            return None  # 2023年首次投资4.5亿美元的基地落户: the investment carries the date
        if (p.n, at) in self._events:
            self._deduped = True
            return None  # one event a verb, dated by its first date
        self._events.add((p.n, at))
        rng = spans.trim(p.text, (first[0], last[1]))
        # 高新区出台《…措施》, 组建…联合体, 设立…基金: what the verb brings into being is what
        # the event is about; any other verb's event is its doer's.
        made = subjects.made_by(p, at + len(verb)) if verb in _MAKING_VERBS else None
        if made is None and verb in _BUILDING_VERBS:
            made = subjects.works_of(p, at)  # 瑞格传动二期项目于10月开工: the works
        if made is None and verb in _CAREER_VERBS:
            made = self._career_of(p, sentence, at, subjects.drafts)
        party = subjects.first_party(p, at) if verb in _AGREEING_VERBS else None
        subject = described or made or party or subjects.of(p, at)
        return {
            "table": "facts",
            "id": f"{self.sid}.{p.n}-{k}",
            "subject": self._id(subject),
            "kind": "event",
            "topic": verb,
            "text": p.text[rng[0] : rng[1]],
            "evidence": self._evidence(p, rng),
            "refs": [],
            "date": d.iso,
            "year": d.year,
            "extracted": {"rule": "event:dated", "confidence": self._dated_by(d, 0.7)},
        }

    def _career_of(
        self, p: assemble.Paragraph, sentence: spans.Range, at: int, drafts: Sequence[Draft]
    ) -> Draft | None:
        """Whose step of a career (辞职, 离职, 回到家乡创业) a sentence tells: the person it
        names before the verb, or the one its 他 or 她 refers back to; None if neither."""
        named = [
            (a, d)
            for d in drafts
            if d.kind == "person"
            for bn, a, _ in d.mentions
            if bn == p.n and sentence[0] <= a < at
        ]
        if named:
            return max(named, key=lambda m: m[0])[1]
        if re.search(r"(?<!其)[他她]", p.text[sentence[0] : at]):
            return self._last_person(list(drafts), p.n, at)
        # 2011年硕士毕业后，他进入…: the one the clause after the step's own names so
        after = re.match(_HE_AFTER, p.text[at:])
        if after is not None:
            return self._last_person(list(drafts), p.n, at)
        return None

    def _dated_by(self, d: dates.DateMention, confidence: float) -> float:
        """How sure a record dated by ``d`` is: a date read in a year the article does not print
        (5月18日, 今年 in an undated article) is a guess, put before the others for review."""
        if not d.guessed:
            return confidence
        if d.text not in self._guessed_dates:
            self._guessed_dates.append(d.text)
        return round(min(confidence, GUESSED_DATE_CONFIDENCE), 2)

    def guessed_year_note(self, file: str) -> str | None:
        """What to tell the reader when dates were read in a guessed year, or None."""
        if not self._guessed_dates or self.ref.year is None:
            return None
        shown = "、".join(self._guessed_dates[:3]) + ("…" if len(self._guessed_dates) > 3 else "")
        return (
            f"{file} prints no date: {shown} read as in {self.ref.year}, from the years it names"
            " (the latest, or the one after a whole year it reports on; give --date YYYY-MM-DD"
            " if that is wrong)"
        )

    # ------------------------------------------------------------------ entities

    def _id(self, draft: Draft | None) -> str:
        if draft is None:
            draft = self._placeholder_zone()
        key = id(draft)
        if key not in self._ids:
            from hightech_cli.sources.keys import slug

            base = slug(draft.name) or f"{self.sid}-{len(self._ids) + 1}"
            candidate = f"{draft.kind}:{base}"
            taken = self._taken_ids
            n = 2
            while candidate in taken:
                candidate = f"{draft.kind}:{base}-{n}"
                n += 1
            self._ids[key] = candidate
            taken.add(candidate)
            self._used.append(draft)
        return self._ids[key]

    def _placeholder_zone(self) -> Draft:
        if self.zone is None:
            self.zone = Draft("zone", "本文所述园区", 1, 0, 0, "zone:unnamed", 0.1)
        return self.zone

    def _entity_records(self, drafts: list[Draft]) -> list[Record]:
        from hightech_cli.sources.keys import name_keys

        for d in drafts:
            self._id(d)
        for d in [*drafts]:
            for ref in (d.org, d.investor):
                if ref is not None and id(ref) not in self._ids:
                    self._id(ref)
        out = [self._entity(d, name_keys) for d in self._used]
        seen: set[str] = set()
        unique = []
        for rec in out:
            if rec["id"] not in seen:
                seen.add(rec["id"])
                unique.append(rec)
        return unique

    def _entity(self, d: Draft, name_keys: Any) -> Record:
        block = self._blocks_by_n.get(d.block)
        text = block["text"] if block else ""
        if d.end > d.start and text:
            rng = assemble.evidence_range(text, d.start, d.end)
            quote = text[rng[0] : rng[1]]
        else:
            quote = ""
        if not quote or (d.name not in quote and not any(f in quote for f in d.forms())):
            first = next(((n, a, b) for n, a, b in d.mentions), None)
            if first is not None:
                fb = next(b for b in self.blocks if b["n"] == first[0])
                rng = assemble.evidence_range(fb["text"], first[1], first[2])
                quote, d.block = fb["text"][rng[0] : rng[1]], first[0]
        evidence = [{"source": self.sid, "paragraph": d.block, "quote": quote}] if quote else []
        if not evidence:  # an entity no block names (the unnamed zone): its first paragraph
            para = next((b for b in self.blocks if b["kind"] == "paragraph"), self.blocks[0])
            evidence = [{"source": self.sid, "paragraph": para["n"], "quote": para["text"][:40]}]
        han = [f for f in d.forms() if re.search("[\u4e00-\u9fff]", f)]
        rec: Record = {
            "table": "entities",
            "id": self._ids[id(d)],
            "kind": d.kind,
            "name": d.name,
            "aliases": list(d.forms()[1:]),
            "summary": quote[:80],
            "evidence": evidence,
            "mentions": sorted({n for n, _, _ in d.mentions}) or [evidence[0]["paragraph"]],
            "keys": name_keys([d.name, *han]),
        }
        if d.full_name:
            rec["full_name"] = d.full_name
        if d.english_name:
            rec["english_name"] = d.english_name
        if d.role:
            rec["role"] = d.role
        if d.org is not None:
            rec["org"] = self._ids[id(d.org)]
        if d.investor is not None:
            rec["investor"] = self._ids[id(d.investor)]
        if d.status:
            rec["status"] = d.status
        if d.year:
            rec["year"] = d.year
        rec["extracted"] = {"rule": d.rule, "confidence": round(d.confidence, 2)}
        return rec


# Headings that announce a policy without its name (出台12条措施, 出台…扶持办法, 解读《…》).
_ISSUES_POLICY: Final = re.compile(
    r"(?:出台|印发|发布|出炉|解读)[^，。；！？]{0,16}(?:措施|办法|政策|细则|方案|条|意见)"
)
_POLICY_NOUNS: Final = ("措施", "办法", "政策", "细则", "方案", "意见")


# The heading of a bulletin's item: 【投产】, [签约].
_ITEM_HEADING: Final = re.compile(r"\s*[【\[][^】\]]{1,8}[】\]]")


def _subject_doubt(choice: assemble.Choice, zone: Draft | None) -> float:
    """How much less sure a figure is for the way its subject was found: the zone, a fallback,
    most; one carried over from an earlier sentence, or an investor standing in for a project
    the text does not name, less; a subject its own clause names, not at all."""
    if choice.draft is None or choice.draft is zone:
        return 0.15
    return 0.1 if choice.how in _CARRIED else 0.0


class _Unnamed(Draft):
    """A speaker named only by a role (相关负责人), speaking for a body."""

    def __init__(self, body: Draft, role: str) -> None:
        self.__dict__.update(body.__dict__)
        self.body = body
        self.role = role


_THRESHOLD: Final = (
    r"(?:以上|及以上)?的?(?:重大|重点|产业|制造业|工业)?(?:项目|企业)[\d一二三四五六七八九十两]"
)


# A label that names only a change (同比增长9.4%, 增长21%), or nothing but the unit (累计达到
# 3860家): the change or the total of what the figure before it in its sentence measures.
_BARE_CHANGE: Final = re.compile(r"(?:同比|环比)?(?:增长|下降|提高|减少|增加|上升|回落|下滑)")


def _continued(topic: str, fig: figures.Figure, before: tuple[Any, str] | None) -> str:
    """``topic``, or the label of the figure before it in its sentence (``before``) that it
    goes on from."""
    if before is None or not before[1] or before[1] in ("数量", fig.parsed.unit):
        return topic
    if _BARE_CHANGE.fullmatch(topic) and not _BARE_CHANGE.search(before[1]):
        return before[1] + topic
    if topic in (fig.parsed.unit, "数量") or re.fullmatch(assemble.OWNER, topic):
        return before[1]  # 苏州高新区实现产值1860亿元，无锡高新区为2210亿元: the same thing
    return topic
