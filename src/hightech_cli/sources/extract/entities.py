"""The named things of an article: the zone, companies, people, projects, policies, bodies.

Each finder reads the repaired blocks and proposes :class:`Draft` entities with the rule that
found them and a confidence; :class:`Entities` merges proposals that name the same thing (a
legal name and its 以下简称 short name, 青岛西海岸新区 and 西海岸新区) and then finds every
mention of every name, which is where figures, quotes and events look for their subjects.

Rules first, the tagger (``tagger.py``) where rules cannot see: a legal name is cut at the
place name that begins it, or where the tagger's organisation begins; a personal name is the
two or three characters after a role (首席执行官郭俊兴) or before a speech verb, checked against
common surnames or the tagger; a list of names before 等企业 is a list of companies; a quoted
name before 服务品牌 or after 推出 is a policy; a name ending 项目/基地/平台 in a clause about
investment or building is a project.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from hightech_cli.numbers.numerals import Invalid, read_number
from hightech_cli.sources.extract import lexicon as lx
from hightech_cli.sources.extract.lexicon import words
from hightech_cli.sources.extract.spans import Tables, part_of, sentences
from hightech_cli.sources.extract.tagger import Span

HAN: Final = r"\u4e00-\u9fff"
_NAME_CHARS: Final = rf"[{HAN}A-Za-z0-9（）()·&\-]"
_FUNCTION: Final = words(
    "走进 来到 位于 作为 依托 由 在 与 和 及 对 向 将 等 从 到 被 把 让 使 给 同 跟 以 经 "
    "据 于 即 并 也 都 还 已 是 为 的 了 其 该 这 那 有 像 如 包括 引进 吸引 集聚 聚集 "
    "拥有 支持 推动 帮助 联合 携手 签约 落户 投资 旗下 今年 去年 目前 此外 其中 同时 近日 "
    "日前 记者 获悉 看到 既有 既 也有 还有 又有 以及 包括 例如 比如 诸如 "
    # what a company is, written before its name (台资企业昆山某某有限公司)
    "台资企业 外资企业 港资企业 侨资企业 民营企业 台资 外资 港资"
)
_INDUSTRY: Final = frozenset(
    words(
        "新能源汽车 智能网联汽车 生物医药 生命健康 人工智能 集成电路 高端装备 新材料 半导体 "
        "智能制造 新一代信息技术 新能源 医疗器械 数字经济 工业互联网 智能汽车 汽车电子 "
        "光电子 微电子 海洋经济 高端医疗 精密制造 先进制造 全球生物 现代服务 信息技术 "
        "节能环保 航空航天 机器人 工业机器人 核心技术"
    )
)
_BYLINE_ROLES: Final = (
    "责任编辑|实习记者|实习生|通讯员|特约记者|记者|摄影|编辑|责编|撰稿|作者|审核|校对"
)
# A byline in brackets that opens a news item's first paragraph: 本报讯（记者 王某 通讯员 李某）,
# 新华社合肥3月5日电（记者 王某）.
_LEAD_BYLINE: Final = re.compile(
    rf"^[^（(，。]{{0,20}}(?:讯|电)\s*[（(]((?:全媒体|融媒体|首席)?(?:{_BYLINE_ROLES})[^（）()。，]{{2,40}})[）)]"
)
# Words a byline holds that are not names: the paper, the desk, what was done.
_NOT_A_BYLINE_NAME: Final = (
    r"报|讯|网|台|社|融媒|全媒体|供图|整理|综合|报道|图片|视频|^摄$"
    r"|时间|日期|来源|编辑|浏览|点击|阅读"  # 发布时间：…, 责任编辑：…: the page's furniture
)
_AFTER_ORG: Final = "的、等在与和及以将已成通为于也均还落投研推签携旗总董副"
_GENERIC: Final = frozenset(
    words(
        "企业 公司 高校 科研机构 院所 金融机构 机构 政府 部门 单位 园区 新区 高新区 集团 技工贸 "
        "项目 平台 中心 基地 工厂 本地 国内 国外 外资 民营 国有 龙头 链主 配套 上下游 大型 "
        "中小 科技型 专精特新 高新技术 规上 规模以上 重点 重大 新兴 头部 本土 全球 世界 行业 "
        "产业 子公司 分公司 母公司 总公司 该公司 本公司 两家 多家"
    )
)
# Words no project's name holds: counts, dates, money, policy wording, vague quantifiers.
_NOT_PROJECT: Final = (
    r"今年|以来|累计|全年|季度|每个|一批|这批|力争|届时|以上|另有|超|等|今天|最高|给予|满足|各类|或|"
    r"新设|增资|重点|重大|第一|平方米|平米|㎡|m²|亩|[\d两一二三四五六七八九十百千万]元|亿|\d+年|\d+月|[\d一二三四五六七八九十]+[个家项条]|"
    r"我们|他们|要以|承接|吸引|评审|参赛|申报|征集|"
    # 数字经济类项目, 制造业类项目: a class of projects, which names none.
    r"类$"
)
# Moving into a place (公司搬进某某产业园): the move, no part of the place's name.
_MOVING_IN: Final = words("搬进 搬入 迁入 入驻 走进")
# What stands before a project's name in a sentence: its name begins after the last of these.
_PROJECT_MARKERS: Final = _MOVING_IN + words(
    "的 由 建设 扩建 新建 新上 设立 打造 实施 推进 引进 签约 落户 开工 投资 建成 启动 是 为 将 在 "
    "与 和 及 、 “ ” ： 其 该 对 举行 举办 召开 首个 首家 第一个 "
    # What officials do at a ceremony (副市长某某出席仪式并宣布项目开工): no part of a name;
    # nor what two sides talk about (双方就…项目深入交流).
    "宣布 出席 参加 见证 考察 调研 观摩 视察 就 双方 "
    # A company's legal name before its project (某某科技有限公司年产5万吨…项目): the owner.
    "公司 "
    # What a body does to projects in general (某某高新区推动项目建设, 加快项目落地): no name.
    "推动 加快 助力 谋划 招引 抓好 做好"
)
_FIRST_OF_KIND: Final = ("首个", "首家", "第一个")
# Markers that are verbs of building: what they build may be two things joined into one name.
_BUILDING_MARKERS: Final = frozenset(("建设", "扩建", "新建", "新上", "打造"))
# （以下简称“海尔维希”）after a legal name: the short name the article uses from then on.
_SHORT_NAME: Final = (
    r"[（(]\s*(?:以下|下文)?(?:简称|称)\s*[“\"「]?([^”\"」）)]{1,16})[”\"」]?\s*[）)]"
)
_COMPANY_ENDINGS_LONGEST: Final = lx.longest_first(lx.COMPANY_ENDINGS)
# Verbs that open what a zone does, before a field's name (完成工业投资, 实现软件收入).
_DOING: Final = tuple(
    words(
        "完成 实现 累计 新增 全年 全区 预计 计划 带动 拉动 引进 招引 推动 吸引 新签 签约 "
        "落地 开工 投产"
    )
)
# What stands before the first item of a list of companies: a verb and what it leads with.
_LIST_LEAD: Final = (
    r"了|的|是|有|如|像|包括|走访|考察|调研|拜访|参观|对接|洽谈|引进|集聚|吸引|涌现出"
)
# A company's legal name in Latin letters, ending with its legal form.
_LATIN_LEGAL: Final = (
    r"(?<![A-Za-z])((?:[A-Z][A-Za-z0-9&.\-]*\s)(?:(?:[A-Z][A-Za-z0-9&.\-]*|van|der|den|von|de|la|du|di)\s){0,5}"
    r"(?:GmbH|AG|SE|Inc\.?|Ltd\.?|LLC|S\.A\.|plc|PLC|Corp\.?|Corporation|Limited|"
    r"Co\.,\s?Ltd\.?|N\.V\.|B\.V\.|K\.K\.))(?![A-Za-z])"
)
# A Chinese name ending 公司 or 集团 with its Latin legal name in brackets after it.
_BRACKETED_LEGAL: Final = re.compile(
    # (with the small words of Dutch, German or French names: Van der Berg, von, de la)
    r"(公司|集团)（\s*((?:(?:[A-Z][A-Za-z0-9&.'\-]*|van|der|den|von|de|la|du|di)\s){0,6}?"
    r"(?:[A-Z][A-Za-z0-9&.'\-]*\s)?"
    r"(?:GmbH|AG|SE|S\.r\.l\.|S\.p\.A\.|S\.A\.|Zrt\.|Kft\.|Inc\.?|Ltd\.?|LLC|plc|PLC|"
    r"Corp\.?|Corporation|Limited|N\.V\.|B\.V\.|A/S|ASA|AS|Oy|AB|K\.K\.))(?:[，,][^）]{0,30})?）"
)
# Countries a foreign company's Chinese name is written after (德国…, 意大利…).
_COUNTRIES: Final = words(
    "德国 英国 法国 意大利 瑞士 瑞典 荷兰 美国 日本 韩国 新加坡 匈牙利 奥地利 丹麦 芬兰 挪威 "
    "比利时 西班牙 葡萄牙 波兰 捷克 以色列 加拿大 澳大利亚 新西兰 印度 泰国 马来西亚 越南"
)
# What a country is a part of the name before (日本电产, 法国电力, 美国铝业): a trade, no name.
_TRADES: Final = frozenset(
    (*lx.COMPANY_ENDINGS, *words("电产 电信 石油 铝业 钢铁 制铁 银行 邮政 铁路 烟草 航运 电视"))
)
# A Latin name in brackets inside a Chinese legal name, before its legal form: 西门子（Siemens）.
_LATIN_INSIDE: Final = re.compile(r"(.+?)[（(]\s*([A-Za-z][A-Za-z0-9 .,&'\-]{1,40}?)\s*[）)]")
# Kinds of companies written in Latin letters (CRO公司, CDMO企业): no name.
_KINDS_LATIN: Final = frozenset(
    words("CRO CDMO CMO CXO CSO AI IT ICT EPC PPP BOT OEM ODM SaaS IDM EDA MCN VC PE")
)
# A company named in Latin letters before a company's word (美国NovaMind公司).
_LATIN_COMPANY: Final = (
    r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&\-]{2,24}(?: [A-Z][A-Za-z0-9&\-]{1,24}){0,2})"
    r"(?=(?:有限公司|股份公司|集团|公司|株式会社|科技|生物|医疗|电子))"
    r"(?:有限公司|股份公司|集团|公司|株式会社)?"
)
# Roles held in a company, never in a body of government.
_COMPANY_ROLES: Final = tuple(
    words(
        "董事长 总经理 经理 首席执行官 首席技术官 首席科学家 总裁 总监 厂长 创始人 合伙人 "
        "董事 总工程师 CEO CTO 代表取缔役 取缔役"
    )
)
# A verb of investing with its sum, after a company's short name (蓝鲸储能追加投资8亿元).
_INVESTS: Final = r"(?:拟|计划|将|再|又|追加|新增|累计|增资)?投资[\d一二三四五六七八九十两近超约逾]"
_HELD: Final = ("举行", "举办", "召开")  # after a place: what is held there (在…中心举行)
_PROJECT_GENERIC: Final = words(
    "最大 最 首个 第一个 一个 这一 该批 全部 多个 各个 各 重点 重大 签约 开工 投产 外资 "
    "内资 龙头 产业化 产业 新 该 此 这些 各类 一批 优质 招商 在建 储备 新签约 新开工 "
    "其他 集中 新建 续建 亿元以上 超亿元 单体 这个 本 大 好 总部 科技 研发 示范 首批 "
    "配套 服务 公共 综合 创新 基础设施 民生 工业 技改 竣工 入驻 落地 达产 建成 落户 引进 "
    "在谈 拟建 待建 续建 已建 产业链 上下游 延链 补链 强链"
)
_PROJECT_GENERIC_LONGEST: Final = lx.longest_first(_PROJECT_GENERIC)


def _placed_in(alias: re.Match[str]) -> bool:
    """Whether a bracket after a zone's name says where, not what it is also called:
    昆明高新区（上海）投资推介会 is held in Shanghai; （以下简称“…”） always names."""
    inner = alias.group(1)
    return "称" not in alias.group() and (
        inner in lx.PLACES or inner in _REGIONS or inner.endswith(("市", "省"))
    )


def _count(numeral: str) -> int | None:
    """A small count as written (三, 两, 十二, 12), by the number grammar; None if none."""
    try:
        return int(read_number(numeral))
    except (Invalid, ArithmeticError):
        return None


@dataclass
class Draft:
    """A proposed entity: its names, kind-specific fields, where it is first named, and why."""

    kind: str
    name: str
    block: int
    start: int
    end: int
    rule: str
    confidence: float
    full_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    english_name: str | None = None
    role: str | None = None
    org: Draft | None = None
    investor: Draft | None = None
    status: str | None = None
    year: int | None = None
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # block, start, end
    # The Entities that lists it, told of every name it is given (Entities.find looks them up).
    registry: Any = field(default=None, repr=False, compare=False)

    def __setattr__(self, key: str, value: Any) -> None:
        object.__setattr__(self, key, value)
        registry = self.__dict__.get("registry")
        if registry is not None and key in ("name", "full_name", "aliases", "kind"):
            names = [value] if key in ("name", "full_name") else value if key == "aliases" else []
            registry.renamed(self, names)

    def forms(self) -> list[str]:
        out = [self.name]
        if self.full_name and self.full_name not in out:
            out.append(self.full_name)
        out += [a for a in self.aliases if a not in out]
        return out

    def add_alias(self, alias: str) -> None:
        alias = alias.strip()
        if alias and alias != self.name and alias not in self.aliases and alias != self.full_name:
            self.aliases.append(alias)
            if self.registry is not None:
                self.registry.renamed(self, [alias])


Blocks = Sequence[tuple[int, str, str]]  # n, kind, text
Known = tuple[str, str, tuple[str, ...]]  # a store's entity: kind, name, every name form


# Before a bare 公司, what makes it a legal form, a part of one, or a word of reference.
_NOT_BEFORE_BARE: Final = "限份团分子总母该本家类型司"


def _traded(name: str) -> bool:
    """Whether the words before a bare 公司 are a company's own name and trade: they end as
    company names end (``lexicon.COMPANY_ENDINGS``), and what is left once every such ending is
    taken off is two characters or more that are no field, kind or place (晋云数据科技 is;
    高新技术, 新能源汽车 and 这家科技 are not)."""
    name = _strip_function(name)
    base = name
    while True:
        ending = next((e for e in _COMPANY_ENDINGS_LONGEST if base.endswith(e)), None)
        if ending is None or len(base) - len(ending) < 2:
            break  # 晋云 stays 晋云, though 云 ends names too
        base = base[: -len(ending)]
    return (
        base != name
        and len(base) >= 2
        and not base.endswith(tuple(e for e in lx.COMPANY_ENDINGS if len(e) > 1))  # 新能源
        and base not in _INDUSTRY
        and not name.startswith(tuple(_INDUSTRY))  # 智能网联汽车公司: a kind of company
        and base not in _GENERIC
        and base not in lx.PLACES
        and not any(c in _FUNCTION_CHARS or c.isdigit() for c in base)
        and not base.startswith((*_DOING, *_ABROAD, "一", "某", "多", "几", "两", "各"))
        and not any(base.endswith(w) or base.startswith(w) for w in _GENERIC if len(w) > 1)
    )


# An investment firm leading or joining a round: after 由 or 老股东, before 领投 or 跟投.
_ROUND_INVESTOR: Final = re.compile(
    f"(?:由|老股东|[、，,；;](?:老股东)?)([{HAN}]{{2,10}}(?:资本|创投|资管))(?:联合)?(?:领投|跟投|共同投资|独家投资)"
)


# 领投方为云岗资本，…跟投: the firm a round names as its leader or follower.
_ROUND_LED_BY: Final = re.compile(
    f"(?:领投方|跟投方|投资方|领投机构|投资机构)(?:为|是|包括)([{HAN}]{{2,10}}?(?:资本|创投|资管))"
    "(?=[，,、。；;和及与等])"
)
# The fields a programme's noun may follow (“某某”人才计划, “某某”招商行动).
_POLICY_FIELDS: Final = frozenset(words("人才 英才 引才 产业 创新 科技 招商 金融 服务"))


def _strip_function(text: str) -> str:
    """A candidate name without the function words a left-open match takes in front of it."""
    changed = True
    while changed and text:
        changed = False
        if text.startswith(lx.ZONE_ENDINGS):
            break  # the 经 of 经开区企业服务中心 begins the zone's kind, no function word
        for word in sorted(_FUNCTION, key=len, reverse=True):
            if text.startswith(word) and len(text) > len(word) + 1:
                text = text[len(word) :]
                changed = True
                break
    return text


_JOINING: Final = frozenset("与和及同跟、")  # words that join two names
_JOINING_VERBS: Final = frozenset(("联合", "携手", "会同", "牵手"))  # 某某区联合福建某某集团
# And the end of a verb before a name (书记某某会见了湖南某某股份有限公司总裁…).
_BREAKS: Final = _JOINING | frozenset("了见的")  # …, 位于烟台高新区的山东某某有限公司
# Verbs no body's name holds: a match across them is a sentence about funds or bodies.
_DEED_IN_NAME: Final = r"完成|累计|集聚|获得|参股|拿到|投向|用于|撬动|吸引|带动"
# Before a place name, words that end one name and begin another (甲科创谷由泉州某某有限公司运营).
_AGENT: Final = frozenset("由被向对给")
# The tagger's parts of speech no name of a body holds: pronouns and adverbs.
_NO_NAME_TAGS: Final = frozenset(("r", "d", "ad"))
_FUNCTION_CHARS: Final = frozenset(
    "在对将和与的了是为从到把被让给同跟以于即并也都还已其该这那有像如等由它"
)


# What ends a company's legal name, and a bare 公司 after its name and trade.
_LEGAL_TAILS: Final = frozenset((*lx.LEGAL_FORMS, "公司"))


def _words_in(tags: Sequence[Span], lo: int, hi: int) -> Sequence[Span]:
    """The tagger's words that begin in ``[lo, hi)``. Its words are in text order and do not
    overlap, so they are found by halves, not by reading every word of the paragraph (a
    paragraph of thousands of names would be read once for each)."""
    first = bisect_left(tags, (lo,))
    last = bisect_left(tags, (hi,), first)
    return tags[first:last]


def _word_over(tags: Sequence[Span], at: int) -> Span | None:
    """The tagger's word that holds position ``at``, if one does (its words do not overlap:
    the last that begins at or before it)."""
    i = bisect_left(tags, (at + 1,)) - 1
    return tags[i] if i >= 0 and tags[i][1] > at else None


# The kind of company written between the place it is of and its name (日照本地企业山东…).
_KIND_AFTER_PLACE: Final = re.compile("(?:本地|当地|本土|龙头|民营|国有|骨干|重点|外资)?企业")


def _left_start(
    text: str, end: int, tags: list[Span], longest: int = 30, rest: int = 2
) -> int | None:
    """Where a name that ends at ``end`` (before its legal form or ending) begins: at the place
    name that begins it (with ``rest`` more characters after the place), else where the
    tagger's organisation or place begins, else after the function words before it."""
    lo = end
    while lo > 0 and end - lo < longest and re.match(_NAME_CHARS, text[lo - 1]):
        lo -= 1
    run = text[lo:end]
    if not run:
        return None
    # 新加坡某某集团旗下的某某电子有限公司, 项目来自某某半导体有限公司: the name begins after the
    # words that say whose it is or where it comes from (the parent is a name of its own).
    led = [m for m in _LEAD_IN_RUN.finditer(run) if len(run) - m.end() >= 2]
    if led:
        lo, run = lo + led[-1].end(), run[led[-1].end() :]
    # 青岛高新区与山东某某有限公司: a joining word right before a place name begins another
    # name, so the place scan starts after the last one.
    joined = [
        j + 1
        for j, c in enumerate(run[:-1])
        if (c in _BREAKS or c in _AGENT or run[max(0, j - 1) : j + 1] in _JOINING_VERBS)
        and (
            any(run.startswith(p, j + 1) for p in lx.PLACES)
            # 福州高新区与闽江数智科技有限公司, 甲有限公司和乙股份有限公司: a zone's or a
            # company's whole name joined to the name after it
            or (c in _JOINING and run.endswith((*lx.ZONE_ENDINGS, *_LEGAL_TAILS), 0, j))
        )
    ]
    if joined:
        lo, run = lo + joined[-1], run[joined[-1] :]
    for i in range(len(run)):
        place = next((p for p in lx.PLACES if run.startswith(p, i)), None)
        if place is not None and i >= 3 and run[i - 1] in "（(":
            # 某某（温州）半导体有限公司: a place in brackets is where the branch is, inside the
            # name, which begins before the bracket.
            return _left_start(text, lo + i - 1, tags, longest, rest=0)
        if place is not None:
            after = i + len(place)
            if run.startswith("的", after) and len(run) - after - 1 >= 2:
                return lo + after + 1  # 来自新加坡的捷通物流（贵阳）有限公司: where it is from
            kind = _KIND_AFTER_PLACE.match(run, after)
            if kind and any(run.startswith(p, kind.end()) for p in lx.PLACES):
                continue  # 日照本地企业山东岚汇…有限公司: the kind of company, then its name
            if len(run) - i - len(place) >= rest:
                return lo + i
            break
    for a, b, tag in _words_in(tags, lo, end):
        if a > 0 and text[a - 1] in "（(":
            continue  # a place in brackets inside the name, as above
        # (an organisation the tagger reads with its legal form too: 由锦州滨海国有资本投资运营
        # 有限公司出资, whose 有 is no function word)
        # (and a place it reads with the zone's kind: 大同经济技术开发区, whose 同 is no
        # function word either)
        whole = (
            b <= end
            or (tag == "ORG" and text[end:b] in _LEGAL_TAILS)
            or (tag == "LOC" and text[end:b] in lx.ZONE_ENDINGS)
        )
        if tag in ("ORG", "LOC") and lo <= a < end and whole and (b > a + 1):
            # 在宁安高新区创办了宁安启辰…: a tagged place before the verb begins no name.
            verbs = list(_VERB_IN_RUN.finditer(text, a, end))
            return verbs[-1].end() if verbs and end - verbs[-1].end() >= 2 else a
    stripped = _strip_function(run)
    # No function word survives inside a name: cut after the last one; but for the 和 of a
    # body's own name (自然资源和规划局, 发展和改革委员会).
    kept = {m.start() + m.group().index("和") for m in _AND_IN_NAMES.finditer(stripped)}
    for i in range(len(stripped) - 1, -1, -1):
        if stripped[i] in _FUNCTION_CHARS and i not in kept:
            stripped = stripped[i + 1 :]
            break
    return end - len(stripped)


# （以下简称“物联网产业园”） right after a name: the short name the article uses.
_SHORT_NAMED: Final = r"[（(](?:以下|下文)?简称[“\"「]([^）)“”\"「」]{2,10})[”\"」][）)]"
# A short name defined right before a word (…（以下简称“某某高新区”）管委会).
_DEFINED_BEFORE: Final = re.compile(
    r"[（(]\s*(?:以下|下文)?简称\s*[“\"「]([^”\"」（）()]{2,16})[”\"」]\s*[）)]$"
)
# A zone's party committee's title, then its 管委会's (…经开区党工委副书记、管委会主任).
_JOINT_TITLE: Final = re.compile(
    rf"([{HAN}]{{2,10}}(?:高新区|经开区|开发区|新区|园区|示范区|合作区))党工委[{HAN}]{{0,6}}、$"
)
_ZONE_BODIES: Final = frozenset(("管委会", "管理委员会", "党工委", "工委"))
# After a works' ending, a region's head office or centre that the name goes on to.
_REGIONAL_WORKS: Final = (
    r"(?:区域|华东|华南|华北|华中|西南|西北|东北|亚太|全球|中国区?)(?:总部|研发中心|中心)"
)
# Words before a name that say whose it is or where it comes from: no part of it.
_LEAD_IN_RUN: Final = re.compile("旗下的?|下属的|来自")
# Words no name holds: a verb done to the name after them.
_VERB_IN_RUN: Final = re.compile(
    "|".join(
        ("了", "创办", "创立", "创建", "落户", "入驻", "签约", "引进", *sorted(_JOINING_VERBS))
    )
)
# Bodies whose own names hold 和 (the ministries' and bureaus' of every level).
_AND_IN_NAMES: Final = re.compile(
    "发展和改革|自然资源和规划|人力资源和社会保障|住房和城乡建设|工业和信息化|文化和旅游|"
    "科学技术和|商务和|交通运输和|教育和|卫生和|农业农村和|生态环境和|应急管理和"
)
# Parts of the world a company's branch is named for (亚太研发中心, 华东区总部): no company;
# those of China (the rest are abroad, ``_ABROAD``), then all.
_HOME_REGIONS: Final = words(
    "华东 华南 华北 华中 西南 西北 东北 京津冀 长三角 珠三角 粤港澳 大湾区 成渝 关中 中原"
)
_REGIONS: Final = (
    *words("亚太 亚洲 欧洲 北美 南美 拉美 非洲 中东 东南亚 大中华 全球 海外 国际"),
    *_HOME_REGIONS,
)


# What may follow a body's name where the name ends: particles, conjunctions and the first
# characters of the verbs a body does (公布, 发布, 认定, 批复, 印发, 组织, 会同 …).
# After a national body, what it judges or lists (科学技术部国家高新区综合评价, 工信部公布的…).
_OF_A_BODY: Final = re.compile(
    f"[{HAN}]{{0,10}}?(?:评价|评估|考核|排名|名单|目录|认定|验收|统计)(?:中|里|结果|显示)"
)
# A body's unit named after it (科技部火炬中心, 商务部外资司): a body of its own.
_UNIT_OF: Final = re.compile(f"[{HAN}]{{0,6}}?(?:中心|司|局|研究所|研究院|办公室|委员会)")
_AFTER_A_BODY: Final = frozenset(
    "的和与及等对将在已于发公组认批印颁授会同主指出正首也还又上挂联共最近日递"
)
# The part of the world a role is held for (中国区总裁, 亚太区副总裁).
_REGION_OF_ROLE: Final = (
    r"(?:中国|大中华|亚太|亚洲|欧洲|北美|全球|华东|华南|华北|华中|西南|西北|东北)区"
)
# What may follow a person's name after their role (董事长邵振华出席, …今年52岁, …曾在…): a verb
# of meeting or leading, a word of time or of stance, or a particle; speech verbs and marks
# are added where it is used.
_AFTER_ROLE_NAME: Final = "|".join(
    (
        *words(
            "出席 致辞 带领 陪同 主持 一行 一边 边 接受 告诉 会见 接见 率队 带队 调研 考察 走访 "
            "今年 现年 年仅 早年 目前 如今 曾 一直 多次 亲自 坦言 回忆 认为 "
            "是 已 还 就 则 对 把 从 将 深耕 从事 扎根 投身 创办 创立 毕业 "
            "于 去年 前年 近年 先后 随后 回到 离开 辞去 辞职 考入 担任 带着 "
            "的 在 和 与 及 等 也"
        ),
        "[0-9０-９]{4}年",  # 创始人邵启明2004年考入…: a year
    )
)
# Parts of the world abroad: a tagged name that begins with one is a branch (亚太数字化研发中心).
_ABROAD: Final = tuple(r for r in _REGIONS if r not in _HOME_REGIONS)
# What no zone's name holds before its kind: a verb of coming or a body's or works' name.
_NOT_ZONE: Final = "|".join(
    (*_MOVING_IN, *words("落户 进驻 扎根 签约 来到 携手 助力 中心 基地 项目 搬到 迁至"))
)


# What stands right before a park named as a place: companies move into it, visit it.
_PLACED_PARK: Final = f"(?:{'|'.join((*_MOVING_IN, '考察', '参观', '落户'))})了?$"
# The most items a list of companies is read with (甲、乙、丙…等企业).
_LIST_ITEMS: Final = 40
# The endings of a park's name, which may be a part of a zone rather than works (``_projects``).
_PARKS: Final = ("产业园", "科技园")
# After a park, the figures of a place of companies (…（以下简称“激光园”）今年实现营业收入…).
_PARK_OWN_FIGURES: Final = re.compile(
    r"(?:[（(][^（）()]{0,16}[）)])?[，,]?(?:今年|去年|上半年|前三季度|全年|目前|现已|已){0,2}"
    r"(?:实现营业收入|实现营收|营业收入|实现产值|实现工业总产值|集聚|聚集|已集聚|入驻企业|已入驻"
    # …产业园去年新落地项目31个: the projects that came to the park, counted
    r"|新?(?:落地|签约|开工|引进|落户)(?:项目|企业)[\d一二三四五六七八九十两]"
    r")"
)
# A short bracket of Chinese words right before a name goes on (…枢纽（高新）数据中心).
# And an abbreviation in capitals (年产3万吨高性能聚偏氟乙烯（PVDF）项目).
_INNER_BRACKET: Final = re.compile(
    f"(?<=[{HAN}])[（(](?:(?!简称|以下|下称)[{HAN}]{{1,4}}|[A-Z][A-Z0-9]{{1,7}})[）)]$"
)
# What a list names where it is followed by 等 and one of these: kinds of things, not companies.
_KINDS_OF_THINGS: Final = r"方面|领域|环节|问题|行业|产业|要素|层面|方向|渠道|形式|途径|手段|事项"
# A zone's kind right before a place that begins a legal name (…开发区山东澜拓…有限公司).
_ZONE_THEN_PLACE: Final = re.compile(
    f"(?:{'|'.join(map(re.escape, lx.ZONE_ENDINGS))})({'|'.join(lx.PLACES)})"
)
# Words of time that may open a sentence right before a zone's name (今年高新区…).
_TIME_LEAD: Final = re.compile(
    r"(?:(?:今|去|明|前|当|同|本|每|全|近)年(?:来|以来)?|上半年|下半年|年[内初底末]|"
    r"目前|如今|当前|此前|近期|日前|近日|同时|此外|其中|另外)+"
)
# Two names joined (某某科技与净月高新区), or places counted (苏州、无锡、常州三地高新区).
_JOINED_ZONES: Final = r"(?<=.)[与和及、]|[一二三四五六七八九十两几多各]地"
# A zone's name in full with the short one the article goes on to use.
_SHORT_NAMED_ZONE: Final = re.compile(
    rf"[（(]\s*(?:以下|下文)?简称\s*[“\"「]([{HAN}]{{2,12}}(?:{'|'.join(lx.ZONE_ENDINGS)}))[”\"」]\s*[）)]"
)
# Places whose name holds a word that joins names elsewhere (呼和浩特).
_JOINING_PLACES: Final = re.compile(
    "|".join(re.escape(p) for p in lx.PLACES if re.search("[与和及]", p)) or "(?!)"
)
# What a zone's name never begins with before its kind: a company's or a body's name.
_NOT_ZONE_OWNERS: Final = ("银行", "公司", "集团", "大学", "医院", "学院")
# Words no zone's name holds before its kind: 云岭智算目前在新区 is a clause.
# …经开区是国家级经济技术开发区: a copula, which ends the zone named before it.
_NOT_IN_ZONE: Final = re.compile("目前|已经|正在|[在于从把被让给是]")
# A zone's kind as it is written in full and for short (贵阳综合保税区, 贵阳综保区: one zone).
_KIND_SHORT: Final = (
    ("高新技术产业开发区", "高新区"),
    ("高新技术开发区", "高新区"),
    ("经济技术开发区", "经开区"),
    ("综合保税区", "综保区"),
    ("管理委员会", "管委会"),  # the body that runs a zone, named in full and for short
)


# And where news writes a zone's kind for short otherwise (晋中经济技术开发区, then 晋中开发区).
_ALSO_SHORT: Final = (("经济技术开发区", "开发区"),)


def _zone_short_forms(name: str) -> set[str]:
    """Every way a name with a zone's kind in it is written for short (:func:`_abbreviated`,
    and :data:`_ALSO_SHORT`)."""
    return {_abbreviated(name), *(name.replace(full, short) for full, short in _ALSO_SHORT)}


def _abbreviated(name: str) -> str:
    """A name with a zone's kind in it written for short (贵阳综合保税区管委会: 贵阳综保区管委会;
    合肥高新技术产业开发区管理委员会: 合肥高新区管委会), or the name as it is."""
    for full, short in _KIND_SHORT:
        name = name.replace(full, short)
    return name


# A zone named by its kind, with the body that runs it, right before a role.
_ZONE_BODY: Final = r"(?:高新区|开发区|新区|园区|本区)(?:党工委|工委|管委会|管理委员会)?$"


def _after_places(name: str) -> str:
    """A legal name without the place names it begins with (四川长虹… → 长虹…)."""
    changed = True
    while changed:
        changed = False
        for place in sorted(lx.PLACES, key=len, reverse=True):
            if name.startswith(place) and len(name) > len(place) + 2:
                name = name[len(place) :].lstrip("省市县区")
                changed = True
                break
    return name


class _Strings:
    """Where any of many strings (two characters or more) stand in a text, overlaps included,
    in one pass: each place is looked up by its first two characters and the lengths of the
    strings that begin so (many names may share a start, 青岛…有限公司; few share a length),
    so that the work grows with the text, not with the strings times the text."""

    def __init__(self, wanted: Iterable[str]) -> None:
        self.wanted = {w for w in wanted if len(w) >= 2}
        self.lengths: dict[str, set[int]] = {}
        for w in self.wanted:
            self.lengths.setdefault(w[:2], set()).add(len(w))

    def places(self, text: str) -> Iterator[tuple[int, str]]:
        for i in range(len(text) - 1):
            for size in self.lengths.get(text[i : i + 2], ()):
                if (piece := text[i : i + size]) in self.wanted:
                    yield i, piece

    def count(self, texts: Iterable[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for text in texts:
            for _, piece in self.places(text):
                out[piece] = out.get(piece, 0) + 1
        return out


def _short_forms(core: str) -> list[str]:
    """A legal name's core without its legal form, then without each trade word at its end
    (澜图测绘有限公司 → 澜图测绘; 海纳光电科技有限公司 → 海纳光电科技, 海纳光电), longest first."""
    name = next((core[: -len(f)] for f in lx.LEGAL_FORMS if core.endswith(f)), core)
    out = [name]
    while True:
        word = next((w for w in _TRADE_WORDS if name.endswith(w) and len(name) > len(w) + 1), None)
        if word is None:
            return out
        name = name[: -len(word)]
        out.append(name)


_TRADE_WORDS: Final = ("科技", "技术", "股份", "实业", "发展", "控股", "集团", "国际", "中国")


class Entities:
    """Every entity of an article, found, merged and mentioned."""

    def __init__(
        self, blocks: Blocks, tags: dict[int, list[Span]], known: Sequence[Known] = ()
    ) -> None:
        self.blocks = blocks
        self.tags = tags
        self.known = known
        self.drafts: list[Draft] = []
        self.zone: Draft | None = None
        # What find and add look up, kept as drafts are listed, named and removed, so that
        # neither reads every draft: the drafts each name was given to, each listed draft's
        # place in the list, and the zones.
        self._by_name: dict[str, list[Draft]] = {}
        self._place: dict[int, int] = {}
        self._zone_list: list[Draft] | None = None
        self._forms_of: tuple[list[Draft], frozenset[str]] | None = None  # _zone_forms
        self._quoted_terms: dict[str, bool] = {}  # _quoted_term's answers, by name
        self._texts: dict[int, str] | None = None  # each block's text by number, for _text

    # ------------------------------------------------------------------ bookkeeping

    def find(self, name: str, kinds: Iterable[str] | None = None) -> Draft | None:
        """The first listed draft of these kinds (any kind: None) that has this name."""
        wanted = set(kinds) if kinds is not None else None
        best: tuple[int, Draft] | None = None
        for d in self._by_name.get(name, ()):
            place = self._place.get(id(d))
            if place is None or (best is not None and place >= best[0]):
                continue
            if (wanted is None or d.kind in wanted) and (
                name == d.name or name == d.full_name or name in d.aliases
            ):
                best = (place, d)
        return best[1] if best else None

    def renamed(self, draft: Draft, names: Iterable[str]) -> None:
        """A listed draft has been given these names (or another kind: no names)."""
        for name in names:
            if isinstance(name, str):
                self._by_name.setdefault(name, []).append(draft)
        if not names or draft.kind == "zone":  # a kind changed, or a zone was named
            self._zone_list = None

    def _list(self, draft: Draft) -> None:
        self._place[id(draft)] = len(self._place)
        self.drafts.append(draft)
        draft.registry = self
        self.renamed(draft, draft.forms())

    def _unlist(self, draft: Draft) -> None:
        self.drafts.remove(draft)
        self._place.pop(id(draft), None)
        self._zone_list = None

    def _zone_drafts(self) -> list[Draft]:
        if self._zone_list is None:
            self._zone_list = [d for d in self.drafts if d.kind == "zone"]
        return self._zone_list

    def add(self, draft: Draft) -> Draft:
        name = draft.name.strip('“”"「」《》 ')
        for opening, closing in ("“”", "「」"):
            if name.count(opening) > name.count(closing) and draft.name.endswith(closing):
                name += closing  # 人才“新政30条”: the quotation inside the name is closed
        if draft.kind in ("company", "organisation") and not draft.rule.startswith("known"):
            name = _tidy_body(name)
            at = draft.name.find(name)
            if name and at >= 0:
                draft.start += at
                draft.end = draft.start + len(name)
            if (
                name.startswith("记")
                and draft.block
                and re.search("[—―-]$", self._text(draft.block)[: draft.start])
            ):
                # ——记某某生物科技有限公司: a feature's subtitle, 记 (of) no part of the name
                name, draft.start = name[1:], draft.start + 1
        if draft.kind in ("company", "organisation") and draft.block and name == draft.name:
            name = self._zone_led(draft)  # 和林格尔新区经济发展局, not 林格尔新区经济发展局
        if draft.kind == "person" and len(name) == 3 and draft.block:
            text = self._text(draft.block)
            if text[draft.end - 1 : draft.end + 1] in _ADVERBS:
                name, draft.end = name[:-1], draft.end - 1  # 韩雪正在调试: 韩雪
        if (
            len(name) < 2
            or name in _GENERIC
            or (draft.kind in ("company", "organisation") and _generic(name))
        ):
            return draft
        if draft.kind == "company" and name.endswith(_NOT_COMPANY_ENDINGS):
            return draft
        if draft.kind in ("company", "organisation") and _SOME_ONE.search(name):
            return draft  # 西安高新区一家孵化器: one of a kind, unnamed
        if draft.kind == "company" and any(
            name in form for d in self._zone_drafts() for form in d.forms()
        ):
            return draft  # 光谷 of 东湖高新区（中国光谷）: the zone's own name
        draft.name = name
        for form in draft.forms():
            found = self.find(form)
            if found is not None:
                if found.kind != draft.kind and draft.confidence > found.confidence:
                    found.kind = draft.kind
                for alias in draft.forms():
                    found.add_alias(alias)
                if draft.full_name and not found.full_name:
                    found.full_name = draft.full_name
                    if found.name == draft.full_name:
                        found.name = draft.name
                for attr in ("english_name", "role", "org", "investor", "status", "year"):
                    if getattr(found, attr) is None and getattr(draft, attr) is not None:
                        setattr(found, attr, getattr(draft, attr))
                return found
        self._list(draft)
        return draft

    # ------------------------------------------------------------------ the finders

    def run(self) -> list[Draft]:
        self._known_names()
        self._short_named_zones()
        tables = Tables(self.blocks)
        for n, kind, text in self.blocks:
            tags = self.tags.get(n, [])
            if kind in ("byline", "credit"):
                self._bylines(n, text)
            elif kind == "paragraph":
                lead = _LEAD_BYLINE.match(text)  # 本报讯（记者 王某 通讯员 李某）3月5日，…
                if lead:
                    self._bylines(n, lead.group(1), lead.start(1))
            self._zones(n, text, tags)
            self._legal_names(n, text, tags)
            self._organisations(n, text, tags)
            self._lists(n, text, tags)
            self._tagged_companies(n, text, tags)
            self._english_named(n, text, tags)
            self._latin_legal_names(n, text)
            self._bracketed_legal_names(n, text, tags)
            self._latin_companies(n, text)
            self._policies(n, text)
            self._people(n, text, tags)
            self._investors(n, text)
            self._projects(n, text)
            if kind == "paragraph" and text.startswith("|"):
                self._table_projects(n, text, tables)
        self._merge_short_companies()
        self._merge_quoted_policies()
        self._zone_led_companies()
        self._merge_zones()
        self._merge_titled_people()
        self._mentions()
        self._staff()
        self._founders()
        return self.drafts

    def _founders(self) -> None:
        """A person with no organisation who founds a company named in the same sentence
        (魏某从德国回到沈阳，…创办了沈阳某某科技有限公司), or in the next where it opens with 他 or
        她 and no one else is named between (…丁某说。他毕业于…，创办了某某科技): its founder."""
        people = [(bn, a) for d in self.drafts if d.kind == "person" for bn, a, _ in d.mentions]
        for person in self.drafts:
            if person.kind != "person" or person.org is not None:
                continue
            for bn, _, b in person.mentions:
                text = self._text(bn)
                stop = _stop(text, b)
                founded = _FOUNDED.search(text, b, stop)
                if (
                    founded is None
                    and re.match("[他她]", text[stop + 1 : stop + 2])
                    and not any(m == bn and b <= a <= stop for m, a in people)
                ):
                    founded = _FOUNDED.search(text, stop + 1, _stop(text, stop + 1))
                if founded is None or "”" in text[b : founded.start()]:
                    continue
                at = founded.end()
                company = next(
                    (d for d in self.drafts if d.kind == "company"
                     for mb, ma, _ in d.mentions if mb == bn and ma == at),
                    None,
                )  # fmt: skip
                if company is not None:
                    person.org = company
                    # A degree (博士顾长林…创办了…) says what they studied, not what they are there.
                    if person.role is None or person.role in lx.DEGREES:
                        person.role = "创始人"
                    break

    def _staff(self) -> None:
        """A person with a company's role and no organisation named with it (生产部经理贾文斌,
        in a paragraph on one company): the company named last before them, in their own
        paragraph or the one before, where only one company is named there."""
        for person in self.drafts:
            if person.kind != "person" or person.org is not None or person.role is None:
                continue
            if not person.role.endswith(_COMPANY_ROLES):
                continue
            at = (person.block, person.start)
            near = [
                (bn, a, d)
                for d in self.drafts
                if d.kind == "company"
                for bn, a, _ in d.mentions
                if person.block - 1 <= bn and (bn, a) < at
            ]
            if near and len({id(d) for _, _, d in near}) == 1:
                person.org = near[0][2]

    def _merge_short_companies(self) -> None:
        """青岛海纳光电科技有限公司, then 海纳光电: an article that names a company in full and
        then by the start of its name after the place is writing of one company, though it
        never says 以下简称. A short name that begins two legal names is left alone."""
        companies = [d for d in self.drafts if d.kind == "company"]
        legal = [
            (d, core)
            for d in companies
            for full in (d.full_name or d.name,)
            if full.endswith(lx.LEGAL_FORMS) and (core := _after_places(full))
        ]
        for short in companies:
            if short.full_name or short.name.endswith(lx.LEGAL_FORMS) or len(short.name) < 2:
                continue
            owners = [d for d, core in legal if d is not short and core.startswith(short.name)]
            if len(owners) != 1 or owners[0] not in self.drafts:
                continue
            (owner,) = owners
            full = owner.full_name or owner.name
            owner.full_name = full
            owner.name = short.name  # the name the article goes on to use
            for form in short.forms():
                owner.add_alias(form)
            owner.aliases = [a for a in owner.aliases if a not in (owner.name, full)]
            for attr in ("english_name", "year"):
                if getattr(owner, attr) is None:
                    setattr(owner, attr, getattr(short, attr))
            for d in self.drafts:
                if d.org is short:
                    d.org = owner
                if d.investor is short:
                    d.investor = owner
            owner.block, owner.start, owner.end = min(
                (owner.block, owner.start, owner.end), (short.block, short.start, short.end)
            )
            self._unlist(short)
        self._short_names_written(legal)

    def _merge_titled_people(self) -> None:
        """厂长周振邦, then 周厂长; 总经理李明, then 李总: a person called by surname and title
        is the one person of that surname whose role the title is, or, where none has a role
        that says otherwise, the one person of that surname the article names."""
        people = [d for d in self.drafts if d.kind == "person"]
        for titled in people:
            called = _TITLED.fullmatch(titled.name)
            if called is None or titled.role is not None:
                continue
            surname, title = called.groups()
            if len(surname) == 2 and surname not in lx.COMPOUND_SURNAMES:
                continue
            same = [
                d
                for d in people
                if d is not titled
                and d in self.drafts
                and d.name.startswith(surname)
                and len(d.name) > len(surname) + (1 if len(surname) == 2 else 0)
                and not _TITLED.fullmatch(d.name)
            ]
            fitting = [d for d in same if d.role and _title_fits(title, d.role)]
            if (
                len(fitting) != 1
                and len(same) == 1
                and (same[0].role is None or title in _HONORIFICS)
            ):
                fitting = same  # (创始人郑恺文, then 郑总 or 郑博士: a founder called so)
            if len(fitting) != 1:
                continue
            (named,) = fitting
            named.add_alias(titled.name)
            self._repoint(titled, named)
            self._unlist(titled)

    def _merge_quoted_policies(self) -> None:
        """《某高新区“清源英才”计划实施办法（2026—2028年）》, and elsewhere “清源英才”: the quoted
        name inside a document's title names that document; one policy, the title its name,
        the quoted names its aliases. A quoted name inside two titles is left alone."""
        documents = [d for d in self.drafts if d.kind == "policy" and d.rule == "policy:document"]
        for short in [d for d in self.drafts if d.kind == "policy" and d not in documents]:
            owners = [
                d
                for d in documents
                if any(f"“{form}”" in d.name or f"「{form}」" in d.name for form in short.forms())
            ]
            if len(owners) != 1 or short not in self.drafts:
                continue
            (owner,) = owners
            for form in short.forms():
                owner.add_alias(form)
            for d in self.drafts:
                if d.org is short:
                    d.org = owner
            owner.block, owner.start, owner.end = min(
                (owner.block, owner.start, owner.end), (short.block, short.start, short.end)
            )
            self._unlist(short)

    def _zone_led_companies(self) -> None:
        """——记镇江高新区某某光电创始人…: a name found by the tagger or before a role that is a
        zone's name and then another company's is that company, where the zone is; the two are
        found as two mentions."""
        zone_kind = "|".join(map(re.escape, lx.ZONE_ENDINGS))
        found = [d for d in self.drafts if d.kind == "company" and d.rule in _LOOSE_COMPANY_RULES]
        for d in found:
            led = re.match(f"[{HAN}]{{2,8}}?(?:{zone_kind})", d.name)
            rest = d.name[led.end() :] if led else ""
            owner = next(
                (c for c in self.drafts if c is not d and c.kind == "company"
                 and rest in c.forms()),
                None,
            )  # fmt: skip
            if len(rest) < 2 or owner is None:
                continue
            self._repoint(d, owner)
            self._unlist(d)

    def _short_names_written(self, legal: list[tuple[Draft, str]]) -> None:
        """A legal name whose start (its name without the place, the legal form and then the
        trade words: 江苏澜图测绘有限公司 → 澜图测绘) the article writes by itself elsewhere:
        that is the name it goes on to use. Only a start of three characters or more, that
        begins no other legal name of the article."""
        cores = sorted(core for _, core in legal)
        present = {id(d) for d in self.drafts}
        wanted = {form for owner, _ in legal for form in owner.forms()} | {
            short for _, core in legal for short in _short_forms(core) if len(short) >= 3
        }
        strings = _Strings(wanted)
        # Where each wanted string is written, by the string: a name's places are looked up,
        # not searched for among every place of every name (an article of thousands of names).
        places: dict[str, list[tuple[int, int]]] = {}
        for n, _, text in self.blocks:
            for i, piece in strings.places(text):
                places.setdefault(piece, []).append((n, i))
        for owner, core in legal:
            if id(owner) not in present or owner.full_name:
                continue
            full = owner.name
            # Where the legal name is written, in any of its forms (西门子（Siemens）股份公司, of
            # the name 西门子股份公司): a start inside one is no start written by itself.
            inside = [
                (n, i, i + len(form))
                for form in set(owner.forms())
                for n, i in places.get(form, ())
            ]
            for short in _short_forms(core):
                begins = bisect_left(cores, short + "\U0010ffff") - bisect_left(cores, short)
                if len(short) < 3 or begins > 1:
                    continue
                alone = any(
                    not any(m == n and a <= i and i + len(short) <= b for m, a, b in inside)
                    for n, i in places.get(short, ())
                )
                if alone and not self.find(short):
                    owner.full_name, owner.name = full, short
                    break

    def _known_names(self) -> None:
        """Names the store already has, where the article writes them (阿斯利康 in a second
        article): found whether or not a rule would find them, in the store's kind."""
        for kind, name, forms in self.known:
            for form in sorted(forms, key=len, reverse=True):
                if len(form) < (2 if kind == "person" else 3):
                    continue
                hit = next(((n, t.find(form)) for n, _, t in self.blocks if form in t), None)
                if hit is not None:
                    n, at = hit
                    draft = Draft(kind, name, n, at, at + len(form), "known:store", 0.9)
                    for alias in forms:
                        if alias != name:
                            draft.add_alias(alias)
                    self.add(draft)
                    break

    def _zone_led(self, draft: Draft) -> str:
        """The draft's name begun where the name of a zone that begins it does, if the name
        was cut inside it (at the 和 of 和林格尔新区, the 同 of 大同经开区…); the draft moved to
        match. A zone's form of three characters or more begun one or two characters before
        the name and going on into it, looked up by its text, not zone by zone."""
        forms = self._zone_forms()
        text = self._text(draft.block)
        for cut in (1, 2):
            lo = draft.start - cut
            if lo < 0:
                continue
            for size in range(max(3, cut + 1), cut + len(draft.name) + 1):
                if text[lo : lo + size] in forms:
                    draft.start = lo
                    draft.name = text[lo : draft.end]
                    return draft.name
        return draft.name

    def _zone_forms(self) -> frozenset[str]:
        """Every form of every zone drafted so far (kept while no zone is added)."""
        zones = self._zone_drafts()
        if self._forms_of is None or self._forms_of[0] is not zones:
            self._forms_of = (zones, frozenset(f for z in zones for f in z.forms()))
        return self._forms_of[1]

    def _short_named_zones(self) -> None:
        """内蒙古和林格尔新区（以下简称“和林格尔新区”）: a zone the article names in full and
        says how it names it from then on, found first, in every block, so that the short name
        is taken whole wherever it stands (和林格尔新区 begins with 和, which would else be
        read as the word that joins two names)."""
        for n, _, text in self.blocks:
            for m in re.finditer(_SHORT_NAMED_ZONE, text):
                short, at = m.group(1), m.start()
                if short in _GENERIC or not text.endswith(short, 0, at):
                    continue
                start = _left_start(text, at, self.tags.get(n, []), longest=16, rest=0)
                start = min(at - len(short), at if start is None else start)
                name = text[start:at]
                if not re.fullmatch(f"[{HAN}]+", name):
                    continue
                draft = self.add(Draft("zone", name, n, start, at, "zone:short-name", 0.85))
                if draft.kind == "zone" and short != draft.name:
                    draft.add_alias(short)

    def _zones(self, n: int, text: str, tags: list[Span]) -> None:
        for ending in lx.ZONE_ENDINGS:
            for m in re.finditer(re.escape(ending), text):
                end = m.end()
                if any(d.block == n and d.start <= m.start() < d.end for d in self.drafts):
                    continue
                if any(
                    text.endswith(form, 0, end) and len(form) > len(ending)
                    for d in self._zone_drafts()
                    if d.rule == "zone:short-name"
                    for form in d.forms()
                ):
                    continue  # a zone named already, as it said it would be named
                start = _left_start(text, m.start(), tags, longest=8, rest=0)
                if start is None:
                    continue
                # 厦门某某生物将在同翔高新城设立…: where the tagger names a place that ends with
                # the zone's kind, the name is that place, not the words before it
                placed = [
                    a
                    for a, b, tag in _words_in(tags, start + 1, m.start())
                    if b == end and tag == "LOC"
                    and (
                        _NOT_IN_ZONE.search(text, start, a)  # 将在同翔高新城: 在 is none of it
                        # 鲸川智能获得宁安高新区…基金: nor is a verb the tagger reads before it
                        or any(t == "v" and vb <= a for va, vb, t in _words_in(tags, start, a))
                    )
                ]  # fmt: skip
                start = min(placed) if placed else start
                # 从天津迁到秦皇岛经开区: after a verb the tagger reads, a place it reads begins
                # the name (the place and the kind may be two words)
                words_before = _words_in(tags, start, m.start())
                verbs = [b for a, b, tag in words_before if tag == "v"]
                if verbs and any(a == max(verbs) and tag == "LOC" for a, _, tag in words_before):
                    start = max(verbs)
                # 今年高新区新增…, 目前郑州高新区…: a word of time before the name is none of it
                timed = _TIME_LEAD.match(text, start, m.start())
                start = timed.end() if timed else start
                name = text[start:end]
                if len(name) - len(ending) < 2 or not re.fullmatch(f"[{HAN}]+", name):
                    continue
                if not self._zone_like(name, len(ending), start, tags):
                    continue
                draft = self.add(Draft("zone", name, n, start, end, "zone:name", 0.8))
                alias = re.match(
                    r"[（(](?:(?:以下|下文)?(?:简称|称))?[“\"「]?([^）)“”\"「」]{2,10})[”\"」]?[）)]",
                    text[end:],
                )
                if alias and draft.kind == "zone" and not _placed_in(alias):
                    draft.add_alias(alias.group(1))  # 东方科技城（以下简称“科技城”）: 科技城

    def _zone_like(self, name: str, ending: int, start: int, tags: list[Span]) -> bool:
        """A zone's name begins with a place, or with what the tagger names, or is written more
        than once (离不开新区 is no zone's name)."""
        core = name[:-ending]
        if re.search(_NOT_ZONE, core) or _NOT_IN_ZONE.search(core, 1):
            return False
        # 东北地区国家高新区, 科学技术部国家高新区: a kind of zone, a region's or a ministry's;
        # 杭州银行科技城(支行): a bank's branch named for the zone.
        if (
            core.startswith((*_REGIONS, "国家", "全国", "省级"))
            or core.endswith(("地区", *_NOT_ZONE_OWNERS))
            or re.search("[部厅]", core)
        ):
            return False
        # The 和 of a place (呼和浩特) joins nothing.
        if re.search(_JOINED_ZONES, _JOINING_PLACES.sub("地", core)):
            # 西门子能源青岛研发中心落户高新区, 某某科技与净月高新区: a clause that ends with a
            # zone's kind, or two names joined.
            return False
        if core.startswith(lx.PLACES) or any(
            tag in ("LOC", "ORG", "nz") for _, _, tag in _words_in(tags, start, start + 1)
        ):
            return True
        return sum(text.count(name) for _, _, text in self.blocks) >= 2

    def _repoint(self, old: Draft, new: Draft) -> None:
        """Every draft that refers to ``old`` (its org, its investor) refers to ``new``."""
        for d in self.drafts:
            if d.org is old:
                d.org = new
            if d.investor is old:
                d.investor = new

    def _merge_zones(self) -> None:
        zones = [d for d in self.drafts if d.kind == "zone"]
        # A zone is merged into the first zone whose name ends with its name, or is its name
        # with the kind written for short. Each zone's such forms are listed once and looked
        # up, not every pair of zones compared (an article may name thousands).
        by_form: dict[str, list[int]] = {}
        for i, long in enumerate(zones):
            name = long.name
            forms = {name[k:] for k in range(len(name))}
            forms.update(_zone_short_forms(name))
            for form in forms:
                by_form.setdefault(form, []).append(i)
        for j, short in enumerate(zones):
            into = next((i for i in by_form.get(short.name, ()) if i != j), None)
            if into is None:
                continue
            long = zones[into]
            long.add_alias(short.name)
            for alias in short.aliases:
                long.add_alias(alias)
            self._repoint(short, long)
            self._unlist(short)
        # A body of the zone named with its kind in full and for short (贵阳综合保税区管委会,
        # 贵阳综保区管委会) is one body, under the name written first.
        first: dict[str, Draft] = {}
        for body in [d for d in self.drafts if d.kind == "organisation"]:
            kept = first.setdefault(_abbreviated(body.name), body)
            if kept is body:
                continue
            for alias in (body.name, *body.aliases):
                kept.add_alias(alias)
            self._repoint(body, kept)
            self._unlist(body)
        # A body named with its zone before it (福州高新区旗山科创谷) and without (旗山科创谷):
        # one body, under the shorter name, the article's own.
        zone_forms = [f for z in self.drafts if z.kind == "zone" for f in z.forms() if len(f) >= 3]
        bodies = [d for d in self.drafts if d.kind == "organisation"]
        for long in bodies:
            rest = next((long.name[len(f) :] for f in zone_forms if long.name.startswith(f)), "")
            same = next((d for d in bodies if d is not long and d.name == rest), None)
            if len(rest) >= 3 and same is not None and long in self.drafts:
                same.add_alias(long.name)
                self._repoint(long, same)
                self._unlist(long)
        zones = [d for d in self.drafts if d.kind == "zone"]
        if zones:
            self._mentions()
            # A park of the zone (某某高新区光电产业园) is written of inside the article's zone,
            # however often it is named: the zone is the article's where there is one.
            whole = [d for d in zones if d.rule != "zone:park"] or zones
            self.zone = max(whole, key=lambda d: (len(d.mentions), -d.block))

    def _legal_names(self, n: int, text: str, tags: list[Span]) -> None:
        pattern = "|".join(re.escape(f) for f in lx.LEGAL_FORMS)
        # And a name written with a bare 公司 after its trade (晋云数据科技公司, as news writes
        # a company it does not name in full): no legal form, so its trade must say company,
        # and the tagger must read it as a name.
        bare = f"(?<![{_NOT_BEFORE_BARE}])公司"
        for m in re.finditer(f"(?:{pattern})(?![军化式])|{bare}", text):
            end = m.end()
            start = _left_start(text, m.start(), tags)
            if start is None or m.start() - start < 2:
                continue
            if m.group() == "公司":
                # where the tagger reads one organisation's name ending there (协调电力公司 it
                # does not), from its start
                start = next(
                    (
                        a
                        for a, b, tag in _words_in(tags, end - 30, end - 4)
                        if tag == "ORG" and b == end
                    ),
                    -1,
                )
                if (
                    start < 0
                    or not _traded(text[start : m.start()])
                    or re.match(r"\s*[（(]\s*[A-Za-z]", text[end : end + 4])
                ):
                    continue  # …公司（Moretti S.r.l.）: the Latin legal name's, read below
                start += len(_nationality(text[start : m.start()]))  # 意大利某某机械公司
            # ——记东营经济技术开发区山东澜拓新材料科技有限公司创始人: the zone, then a legal name
            # that begins with its own place; a zone's own company (某某高新区投资集团有限公司)
            # goes on with no place after the zone.
            zoned = _ZONE_THEN_PLACE.search(text, start, m.start())
            start = zoned.start(1) if zoned else start
            full = text[start:end]
            if full[: -len(m.group())] in _GENERIC or not re.search(f"[{HAN}A-Za-z]", full):
                continue
            before_form = _words_in(tags, start, m.start())
            if before_form and all(t == "v" for _, _, t in before_form):
                continue  # 把它建成集团在亚太地区的供货中心: a verb before 集团, no name
            # 德国西门子（Siemens）股份公司: the legal name 西门子股份公司, its English name in the
            # brackets and the country before it (as 德国博世（Bosch） is read) no part of it;
            # the forms the article writes stay aliases, for the places it is named.
            inside = _LATIN_INSIDE.fullmatch(full[: -len(m.group())])
            forms: list[str] = []
            if inside is not None:
                country = _nationality(inside.group(1))
                written, start = full[len(country) :], start + len(country)
                full = inside.group(1)[len(country) :] + m.group()
                forms = [inside.group(2).strip(), written] + ([country + full] if country else [])
            after = text[end:]
            short = re.match(
                _SHORT_NAME,
                after,
            )
            english = re.match(r"[（(]\s*([A-Za-z][A-Za-z0-9 .,&'\-]{1,40})\s*[）)]", after)
            confidence = 0.95 if m.group().endswith("公司") else 0.8
            draft = Draft("company", full, n, start, end, "company:legal-name", confidence)
            if short and short.group(1) in _GENERIC:
                # （以下简称“公司”）: every 公司 after it is this one, as 公司 refers back to the
                # company named last anyway; the legal name stays its name.
                draft.end = end + short.end()
            elif short:
                draft = Draft(
                    "company",
                    short.group(1),
                    n,
                    start,
                    end + short.end(),
                    "company:short-name",
                    0.95,
                    full_name=full,
                )
            if english:
                draft.english_name = english.group(1).strip()
                draft.add_alias(draft.english_name)
            elif forms:
                draft.english_name = forms[0]
            for form in forms:
                draft.add_alias(form)
            if m.group() in ("集团", "控股集团") and not draft.full_name:
                draft.full_name = None
            self.add(draft)

    def _organisations(self, n: int, text: str, tags: list[Span]) -> None:
        # A bank's branch is one body (交通银行苏州分行), not a bank and a branch.
        for m in re.finditer(rf"[{HAN}]{{2,8}}银行[{HAN}]{{2,4}}?[分支]行", text):
            bank = m.start() + m.group().index("银行")
            start = self._org_start(n, text, bank, tags)
            if start is None:
                start = bank - len(_strip_function(text[m.start() : bank]))
            self.add(Draft("organisation", text[start : m.end()], n, start, m.end(),
                           "organisation:name", 0.7))  # fmt: skip
        # 科学技术部, 北交所: a national body by its own name, where no longer name holds it
        # (科学技术部火炬中心 is a body of its own).
        bodies = "|".join(map(re.escape, lx.NATIONAL_BODIES))
        for m in re.finditer(f"(?:{bodies})", text):
            after = text[m.end() : m.end() + 1]
            if (
                after
                and re.match(f"[{HAN}]", after)
                and after not in _AFTER_A_BODY
                # 在科学技术部国家高新区综合评价中: what the body does follows, no body of its own
                and not (_OF_A_BODY.match(text, m.end()) and not _UNIT_OF.match(text, m.end()))
            ):
                continue
            if any(d.block == n and d.start <= m.start() < d.end for d in self.drafts):
                continue
            self.add(Draft("organisation", m.group(), n, m.start(), m.end(),
                           "organisation:national", 0.75))  # fmt: skip
        pattern = "|".join(re.escape(f) for f in lx.ORG_ENDINGS)
        for m in re.finditer(f"(?:{pattern})", text):
            end = m.end()
            if any(d.block == n and d.start <= m.start() < d.end for d in self.drafts):
                continue
            if m.group() in ("局", "厅") and text[end : end + 1] == "长":
                continue  # 促进局局长: the title's 局, after the body's own
            if re.match(f"[{HAN}]{{2,8}}?(?:支队|大队|总队|分局|派出所)", text[end:]):
                continue  # 常州市公安局交通警察支队: the body goes on to its unit
            # 黄石经开区党工委副书记、管委会主任卢志刚: the zone's 管委会, named by the zone
            # before the party committee's title.
            joint = _JOINT_TITLE.search(text, max(0, m.start() - 30), m.start())
            zone = None
            if joint and m.group() == "管委会" and text[end : end + 1] not in "”」":
                # by the zone's own name, where the words before the title end with it
                forms = [f for d in self._zone_drafts() for f in d.forms() if len(f) >= 3]
                zone = max((f for f in forms if joint.group(1).endswith(f)), key=len, default=None)
            if joint and zone is not None:
                name = zone + m.group()
                if not self.find(name):
                    at = joint.end(1) - len(zone)
                    body = Draft("organisation", name, n, at, end, "organisation:name", 0.6)
                    body.add_alias(m.group())
                    self.add(body)
                continue
            defined = _DEFINED_BEFORE.search(text[max(0, m.start() - 24) : m.start()])
            if defined and m.group() in _ZONE_BODIES:
                # 某某高新技术产业开发区（以下简称“某某高新区”）管委会: the body of the zone, named
                # by the short name just defined.
                start = m.start() - len(defined.group())
                name = defined.group(1) + m.group()
                self.add(Draft("organisation", name, n, start, end, "organisation:name", 0.7))
                continue
            # 共建的“动力电池现代产业学院”: a body named in quotes is named by all of it, where
            # what stands before its ending is more than a word (“科技支行” is a kind of branch).
            quoted = re.search(
                r"[“「]([^“”「」，,。；;、]{4,16})$", text[max(0, m.start() - 17) : m.start()]
            )
            if quoted and text[end : end + 1] in "”」":
                start = m.start() - len(quoted.group(1))
            elif m.group() == "学院" and re.search(
                rf"(?:大学|学院)[{HAN}]{{1,8}}[与和][{HAN}]{{1,8}}$",
                text[max(0, m.start() - 20) : m.start()],
            ):
                continue  # 某某大学材料与化学工程学院: a school of the university named before it
            else:
                found = self._org_start(n, text, m.start(), tags)
                if found is None:
                    continue
                start = found
            # 中国石油大学（华东）, 哈尔滨工业大学（威海）: the campus in brackets is of the name
            campus = re.match(rf"[（(]([{HAN}]{{2,3}})[）)]", text[end:])
            if m.group() == "大学" and campus and campus.group(1) in (*_REGIONS, *lx.PLACES):
                end += campus.end()
            name = text[start:end]
            core = text[start : m.start()]
            if (
                len(core) < 2
                or core in _GENERIC
                or not re.fullmatch(f"[{HAN}A-Za-z0-9（）()]+", name)
            ):
                continue
            if any(form in core for form in ("公司", "集团")):
                continue  # a company's laboratory or centre is the company's, not a body
            if re.search(_DEED_IN_NAME, core):
                continue  # 母基金完成首批8支子基金, 累计集聚基金: a deed told, no body's name
            if m.group() == "中心" and not re.search(
                "服务|研究|创新|数据|检验|检测|转化|孵化|促进", name
            ):
                continue
            if text.startswith(_HELD, end) and text.endswith("在", 0, start):
                continue  # 在…企业服务中心举行: the place a ceremony is held, no body in it
            kind = "policy" if m.group() in ("联盟", "联合体") else "organisation"
            self.add(Draft(kind, name, n, start, end, "organisation:name", 0.7))

    def _org_start(self, n: int, text: str, end: int, tags: list[Span]) -> int | None:
        """Where a body's name begins: at a zone, a place or the tagger's organisation."""
        lo = end
        while lo > 0 and end - lo < 24 and re.match(f"[{HAN}A-Za-z0-9（）()]", text[lo - 1]):
            lo -= 1
        run = text[lo:end]
        # No function word stands inside a body's name: begin after the last one, which is
        # no character of a place's name (the 都 of 成都 is none).
        placed = bytearray(len(run))
        for i in range(len(run)):
            place = next((p for p in lx.PLACES if run.startswith(p, i)), "")
            placed[i : i + len(place)] = b"\x01" * len(place)
        for m in _AND_IN_NAMES.finditer(run):  # 自然资源和规划局: the 和 of the body's name
            placed[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for i in range(len(run) - 1, -1, -1):
            if run[i] in _FUNCTION_CHARS and not placed[i]:
                lo, run = lo + i + 1, run[i + 1 :]
                break
        # 与某某局共建医疗器械审评服务工作站: the body made begins after the verb that makes it.
        made = list(re.finditer(_MAKING, run))
        if made and len(run) - made[-1].end() >= 4:
            lo, run = lo + made[-1].end(), run[made[-1].end() :]
        for d in self.drafts:
            if d.block == n and d.kind in ("zone", "company") and lo <= d.start and d.end <= end:
                return d.start
        for i in range(len(run)):
            if run.startswith(lx.PLACES, i) or run.startswith(("园区", "新区", "区")):
                return lo + i
        for a, b, tag in _words_in(tags, lo, end):
            if tag == "ORG" and b >= end - 1:
                return a
        if text.startswith("基金", end):
            # 规模5亿元的概念验证基金: a fund is named by what stands before 基金; where the
            # tagger reads a pronoun or an adverb there, it is a sentence about funds, and
            # names none (大家很关心产业基金, 单个项目投资一般不超过基金规模的20%).
            told = any(tag in _NO_NAME_TAGS for _, _, tag in _words_in(tags, lo, end))
            return lo if len(run) >= 2 and run not in _GENERIC and not told else None
        # A body named by its field (集成电路产业投资基金, 光电材料联合实验室): it begins with
        # the field, after the verb that makes it (共建, 设立).
        made = list(re.finditer(_MAKING, run))
        field_start = made[-1].end() if made else 0
        rest = run[field_start:]
        if len(rest) >= 4 and any(rest.startswith(w) for w in _INDUSTRY | _FIELDS):
            return lo + field_start
        # …共建的稀土永磁材料工程研究中心: a research body named by its field, right after the
        # verb that makes it.
        research = text.startswith(("实验室", "工作站", "研究院", "研究所"), end) or (
            text.startswith("中心", end) and run.endswith(("研究", "创新", "技术", "检测"))
        )
        if (
            research
            and len(run) >= 4
            and re.search(f"(?:{_MAKING})的?$", text[max(0, lo - 6) : lo])
        ):
            return lo
        return None

    def _lists(self, n: int, text: str, tags: list[Span]) -> None:
        item = rf"[{HAN}A-Za-z0-9·]{{2,12}}"
        # 甲、乙等企业; 甲、乙和丙三家企业 (as many as it counts).
        pattern = (
            # Each item with its joining word taken at once (an atomic group): the words that
            # join items are characters an item may hold too, and trying every way to cut a
            # long run of them (电堆及系统及电堆及系统…) took time that doubled with each. And at
            # most _LIST_ITEMS of them, so that a run that is no list is given up after a few,
            # not walked to its end from every place in it.
            rf"((?:(?>{item}[、和及与])){{1,{_LIST_ITEMS}}}{item})(?:等(?:[^，。；]{{0,14}}?)"
            r"(?:企业|公司|巨头|厂商|品牌|车企|药企|集团)"
            r"|(?:这|等)?([两二三四五六七八九十\d]{1,2})家(?:[^，。；\d]{0,6}?)(?:企业|公司))"
        )
        for m in re.finditer(pattern, text):
            between = re.match(
                r"等([^，。；]*?)(?:企业|公司|巨头|厂商|品牌|车企|药企|集团)$",
                m.group()[len(m.group(1)) :],
            )
            if (
                between
                and re.fullmatch(r"[^，。；]{1,14}的", between.group(1))
                and not re.match("在内|为代表|为首|领衔", between.group(1))
            ):
                continue  # 开通物流、空中交通等航线的企业, 电池、电控等零部件研发生产的企业: kinds
            if between and (
                re.match(_KINDS_OF_THINGS, between.group(1))
                or re.search("[为向给对让帮替]", between.group(1))
            ):
                continue  # 在用地、用能和人才公寓等方面持续为企业…: matters done for companies
            items = re.split("[、和及与]", m.group(1))
            if m.group(2) is not None and _count(m.group(2)) != len(items):
                continue  # 甲和乙等三家: not every one is named
            # 代表团还走访了启衡新材料、弘曜数据等企业: the list begins after the verb.
            # A legal name found already is whole, and the 有 of 有限公司 leads no list.
            lead = [
                w
                for w in re.finditer(_LIST_LEAD, items[0])
                if not (w.group() == "有" and items[0].startswith("限", w.end()))
            ]
            lead = [] if self.find(items[0]) else lead
            items[0] = _strip_function(items[0][lead[-1].end() :] if lead else items[0])
            if any(i in _GENERIC or i in _INDUSTRY or len(i) < 2 for i in items):
                continue  # a list of kinds or of industries, not of companies
            if any(set(i) & _FUNCTION_CHARS or re.search("[内外]$", i) for i in items):
                continue  # 公司已与省内两家…企业签订: the 与 of with whom, 省内 where they are
            if (between and re.match("[国地省市]", between.group(1))) or any(
                _strip_function(i).removeprefix("来自") in (*_COUNTRIES, *lx.PLACES) for i in items
            ):
                continue  # 来自德国、荷兰、挪威等国的60余家企业: where the companies come from
            pos = m.start(1)
            for name in items:
                at = text.find(name, pos)
                if not self.find(name):
                    self.add(Draft("company", name, n, at, at + len(name), "company:list", 0.75))
                pos = at + len(name)

    def _english_named(self, n: int, text: str, tags: list[Span]) -> None:
        """博世（Bosch）, 西门子（Siemens）: a short Chinese name with its English name in
        brackets after it is a company's, where nothing else has taken it (a place, a zone, a
        body, a legal name found already)."""
        for m in re.finditer(r"（\s*([A-Z][A-Za-z0-9&.'\- ]{1,30}?)\s*）", text):
            start = _left_start(text, m.start(), tags, longest=8, rest=0)
            if start is None:
                continue
            # 德国博世（Bosch）: the company 博世, from Germany, as 德国博世在… is read
            country = _nationality(text[start : m.start()])
            start += len(country)
            if any(d.block == n and d.start <= start < d.end for d in self.drafts):
                continue
            name = text[start : m.start()]
            if not re.fullmatch(f"[{HAN}]{{2,6}}", name) or name in lx.PLACES or name in _REGIONS:
                continue
            if name in _GENERIC or _generic(name) or name.endswith(lx.ZONE_ENDINGS):
                continue
            if name.endswith(_MEASURES):
                continue  # 电能利用效率（PUE）, 国内生产总值（GDP）: a measure and its abbreviation
            draft = Draft("company", name, n, start, m.start(), "company:english-name", 0.6)
            draft.english_name = m.group(1).strip()
            draft.add_alias(draft.english_name)
            if country:
                draft.add_alias(country + name)
            self.add(draft)

    def _latin_legal_names(self, n: int, text: str) -> None:
        """Hellwig Antriebstechnik GmbH（以下简称“海尔维希”）: a legal name in Latin letters, by
        its legal form, with the short name the article uses after it."""
        for m in re.finditer(_LATIN_LEGAL, text):
            a, b = m.start(1), m.end(1)
            if self._inside_known(n, a, b):
                continue
            if re.search(r"(?:公司|集团)[（(]\s*$", text[max(0, a - 4) : a]):
                continue  # 某某公司（Van der Berg … B.V.）: the Chinese name's, read below
            short = re.match(
                _SHORT_NAME,
                text[b:],
            )
            if short and short.group(1) not in _GENERIC:
                draft = Draft("company", short.group(1), n, a, b + short.end(),
                              "company:short-name", 0.9, full_name=m.group(1))  # fmt: skip
            else:
                draft = Draft("company", m.group(1), n, a, b, "company:legal-name", 0.85)
            self.add(draft)

    def _bracketed_legal_names(self, n: int, text: str, tags: list[Span]) -> None:
        """意大利费兰迪机器人公司（Ferrandi Robotica S.r.l.）: a company written in Chinese with
        its legal name in Latin letters in brackets after it, which says it is one; named without
        the country before it, the Latin name its English name."""
        for m in _BRACKETED_LEGAL.finditer(text):
            end = m.end(1)
            start = _left_start(text, m.start(1), tags, longest=16, rest=0)
            if start is None:
                continue
            name = text[start:end]
            if name.endswith(lx.LEGAL_FORMS):
                continue  # …有限公司（… GmbH）: a legal name, found as one
            country = _nationality(name)
            name, start = name[len(country) :], start + len(country)
            if not re.fullmatch(f"[{HAN}]{{2,14}}", name) or self._inside_known(n, start, end):
                continue
            draft = Draft("company", name, n, start, end, "company:latin-legal-name", 0.85)
            draft.english_name = m.group(2).strip()
            draft.add_alias(draft.english_name)
            if country:
                draft.add_alias(country + name)
            self.add(draft)

    def _latin_companies(self, n: int, text: str) -> None:
        """美国NovaMind公司, SkyLink科技: a company named in Latin letters, right before a
        company's word; its name is the Latin one, the whole its full name."""
        for m in re.finditer(_LATIN_COMPANY, text):
            a, b = m.start(1), m.end(1)
            if self._inside_known(n, a, b) or self.find(m.group(1)) or m.group(1) in _KINDS_LATIN:
                continue
            draft = Draft("company", m.group(1), n, a, m.end(), "company:latin", 0.6)
            draft.full_name = text[a : m.end()]
            self.add(draft)

    def _tagged_companies(self, n: int, text: str, tags: list[Span]) -> None:
        """Companies the tagger sees: a name it tags, followed by a company word (伯杰 + 医疗,
        德昌 + 电机, 海尔 + 生物); or an organisation it tags, standing as a company stands
        (before 的, 、, 等, 在, a verb of investing or a role)."""
        # The starts of the zones' names (none is added below), for a word of two to five
        # characters: a set, not a walk over every zone for every word the tagger read.
        zone_starts = {d.name[:k] for d in self.drafts if d.kind == "zone" for k in range(2, 6)}
        for a, b, tag in tags:
            word = text[a:b]
            named_place = (
                word in lx.PLACES
                or word in _REGIONS
                or word.endswith(("区", "市", "省", "县", "镇"))
                or word in zone_starts
            )
            if tag in ("ORG", "PER", "LOC") and 2 <= len(word) <= 5 and not named_place:
                ending = next((e for e in _COMPANY_ENDINGS_LONGEST
                               if text.startswith(e, b)), None)  # fmt: skip
                if ending is not None:
                    end = b + len(ending)
                    name = text[a:end]
                    follow = text[end : end + 2]
                    if (
                        name not in _INDUSTRY
                        and word not in _INDUSTRY
                        and not _in_industry(text, a, end)
                        # 在唐家湾科技创新中心举行: a centre or building, no company
                        and not re.match(
                            "园|区|大学|学院|城|路|街|产业|行业|创新|中心|大厦|广场", follow
                        )
                        # 某某学院材料与化学工程学院: a university's school, the field no company's
                        and not word.endswith(("大学", "学院", "研究院", "研究所", "医院"))
                        # 某某新材技术人员: the company's staff, the word 技术人员 no part of it
                        and not re.match("人员|骨干|工人|团队|专家|工程师", text[end:])
                        # 海西生物医药产业园: a park named by its field, no company
                        and not re.match(
                            f"[{HAN}]{{0,4}}(?:产业园|园区|科技园|产业基地|小镇)", text[end:]
                        )
                        and not self._inside_known(n, a, end)
                        and not name.startswith(lx.NATIONAL_BODIES)
                    ):
                        self.add(Draft("company", name, n, a, end, "company:tagger", 0.65))
                    continue
            if tag != "ORG":
                continue
            name = _strip_function(word)
            a = b - len(name)
            if (
                not (2 <= len(name) <= 12)
                or name in _GENERIC
                or name in _INDUSTRY
                or name in _REGIONS
                # 国家药监局创新(医疗器械…): a national body's name begins it, no company's
                or name.startswith((*_ABROAD, *lx.NATIONAL_BODIES))
                # 1500万元天使轮投资, Pre-A轮: a round of investment, no company
                or name.endswith("轮")
                # 客户覆盖山东、辽宁、福建等地: places in a list, no companies
                or (name.endswith(lx.PLACES) and text[b : b + 1] in "、和及等")
            ):
                continue
            if (
                self._inside_known(n, a, b)
                or name.endswith(lx.ORG_ENDINGS)
                or _in_industry(text, a, b)
            ):
                continue
            if any(name.startswith(w) for w in _INDUSTRY) or name.endswith(
                (*lx.ZONE_ENDINGS, *lx.PROJECT_ENDINGS)  # 新工厂: works, no company
            ):
                continue
            if name.endswith(_FIELD_WORDS) or (name.endswith("行") and text.startswith("业", b)):
                continue  # 面向钢铁、汽车行业的…: a field of business, no company
            if re.search("[一二三四五六七八九十\\d]期$", name):
                continue  # 科创谷二期: a phase of works, no company
            if re.search("[市省区县镇]委$|党委$|党工委$|委员会$", name):
                continue  # 泰州市委副书记: a party committee, no company
            if self._owner_at_place(name):
                continue  # 锐联储能遵义储能系统集成基地项目: a company's works at a place
            follow = text[b : b + 1]
            if name.endswith(lx.COMPANY_ENDINGS) or (follow and follow in _AFTER_ORG):
                if len(name) <= 3 and self._quoted_term(name):
                    continue  # 让“绿电”变“算力”: a word the article puts in quotes, no company
                self.add(Draft("company", name, n, a, b, "company:tagger", 0.6))

    def _owner_at_place(self, name: str) -> bool:
        """Whether ``name`` is a company named before, then a place (锐联储能遵义储能…): the
        head of the name of its works there, no other company."""
        heads = [
            name[:cut]
            for cut in range(2, len(name) - 1)
            if name[cut:].startswith(lx.PLACES) and name[:cut] not in lx.PLACES
        ]
        if not heads:  # (most names: no company's forms are read)
            return False
        for d in self.drafts:
            if d.kind != "company":
                continue
            for form in d.forms():
                core = _after_places(form)  # 深圳锐联储能科技有限公司: 锐联储能… begins it
                if any(form.startswith(h) or core.startswith(h) for h in heads):
                    return True
        return False

    def _park_of_zone(self, text: str, start: int, core: str, end: int = -1) -> bool:
        """Whether a park named at ``start`` stands as a place (搬进, 走进, 考察了, 入驻 right
        before it), or is named by the zone it is in (威海高新区海洋科技产业园), or is given
        figures of its own as a place of companies (…产业园（以下简称“激光园”）今年实现营业收入,
        …科技园集聚企业236家)."""
        if re.search(_PLACED_PARK, text[max(0, start - 4) : start]):
            return True
        if end >= 0 and _PARK_OWN_FIGURES.match(text, end):
            return True
        forms = [f for z in self._zone_drafts() for f in z.forms() if len(f) >= 3]
        return any(core.startswith(f) and len(core) > len(f) + 1 for f in forms)

    def _company_project(self, core: str, name: str) -> bool:
        """Whether ``core`` is a company's name and that company has one project found, which
        ``name`` (the company's name and 项目) then names too: its alias, no project of its own."""
        company = self.find(core, ("company",))
        if company is None:
            return False
        works = [d for d in self.drafts if d.kind == "project" and d.investor is company]
        if len(works) != 1:
            return False
        works[0].add_alias(name)
        return True

    def _quoted_term(self, name: str) -> bool:
        """Whether the article writes ``name`` in quotation marks as a word of its own, not as
        a short name it gives (以下简称“云帆”). Asked once a name: the answer is kept."""
        known = self._quoted_terms.get(name)
        if known is None:
            known = self._quoted_terms[name] = self._find_quoted_term(name)
        return known

    def _find_quoted_term(self, name: str) -> bool:
        for _, _, text in self.blocks:
            for m in re.finditer(f'[“「"]{re.escape(name)}[”」"]', text):
                if not re.search("简称|称为|简称为|品牌", text[max(0, m.start() - 6) : m.start()]):
                    return True
        return False

    def _inside_known(self, n: int, a: int, b: int) -> bool:
        return any(d.block == n and d.start <= a and b <= d.end for d in self.drafts) or any(
            bn == n and s <= a and b <= e for d in self.drafts for bn, s, e in d.mentions
        )

    def _policies(self, n: int, text: str) -> None:
        # Names quoted side by side share the words around them (以“项目攻坚年”“招商引资突破年”
        # 活动为抓手, 推出“拎包入住”“一企一策”等服务): what stands before the first and after
        # the last is said of each.
        for run in re.finditer(_QUOTED_RUN, text):
            before = text[max(0, run.start() - 8) : run.start()]
            tail = text[run.end() : run.end() + 7]
            after = tail[1:] if tail.startswith("等") and run.group().count("“") > 1 else tail
            for m in re.finditer(_QUOTED_NAME, run.group()):
                self._quoted_policy(n, text, run.start() + m.start(), m.group(1), before, after)
        self._other_policies(n, text)

    def _quoted_policy(
        self, n: int, text: str, start: int, name: str, before: str, after: str
    ) -> None:
        """One quoted name, with the words before and after its run of quoted names."""
        end = start + len(name) + 2
        if re.search("[，。；！？,]", name) and not name.endswith(lx.POLICY_ENDINGS):
            return
        noun = next((w for w in lx.POLICY_NOUNS if after.startswith(w)), None)
        if noun is None and after[:2] in _POLICY_FIELDS and re.search(f"[{HAN}]{{2}}", name):
            # “衢江精英”人才计划: the noun after the field it is of
            noun = next((after[:2] + w for w in lx.POLICY_NOUNS if after.startswith(w, 2)), None)
        if noun is None and name.endswith("年") and re.match("活动|行动", after):
            noun = after[:2]  # “项目攻坚年”活动: a year's campaign
        ends = name.endswith(lx.POLICY_ENDINGS)
        strong = name.endswith(lx.POLICY_STRONG)
        # 推行“…”, 建立了企业“科创画像”: a verb of setting up, a few words before the name.
        verb = re.search(rf"(?:{_POLICY_VERBS})了?[{HAN}]{{0,3}}$", before) is not None
        # “项目管家”共协调解决问题630余个: a service that opens its clause and does things.
        acts = re.search(r"(?:^|[，,。；;：:])$", before) is not None and re.match(
            _SERVICE_DOES, after
        )
        if not (noun or strong or (ends and verb) or (verb and len(name) <= 10) or acts):
            return
        if self.find(name, ("company", "person")) or _descriptor(name):
            return
        draft = Draft("policy", name, n, start, end, "policy:quoted-name", 0.75)
        if noun:
            draft.add_alias(f"{name}{noun}")
        self.add(draft)

    def _other_policies(self, n: int, text: str) -> None:
        """Policies named by the count of their articles, by a document's title, or by the
        mechanism a verb builds."""
        # 信创产业“十条”, 人才“新政30条”: a policy named by the count of its articles.
        for m in re.finditer(_ARTICLES_NAMED, text):
            head = re.split(_POLICY_HEAD_CUT, m.group(1))[-1]
            field = re.sub(r"[一二三四五六七八九十百零\d]{1,3}条$", "", m.group(2))
            fielded = len(field) >= 2 and field not in ("新政", "黄金", "人才")
            if fielded and not head.endswith((*lx.ZONE_ENDINGS, *lx.PLACES)):
                head = ""  # 与“鞋服十条”等…重复的: the quoted name is whole; 与 begins no name
            elif len(head) < 2:
                continue
            if self.find(m.group(2), ("policy",)):
                continue
            start = m.start(1) + len(m.group(1)) - len(head)
            name = text[start : m.end()]
            draft = Draft("policy", name, n, start, m.end(), "policy:articles", 0.7)
            draft.add_alias(m.group(2))
            self.add(draft)
        for m in re.finditer(r"《([^》]{4,40})》", text):
            name = m.group(1)
            # …三年行动计划（2026—2028年）, …白皮书（2026）, …清单（2026年版）: the kind of document
            # stands before the years or edition in brackets.
            kind = re.sub(r"[（(][^（）()]{1,14}[）)]$", "", name)
            if re.search(
                "(政策|措施|办法|方案|计划|规划|意见|通知|细则|条例|规定|清单|指南|目录|名录|纲要"
                "|白皮书|指引|图谱)$",
                kind,
            ):
                draft = self.add(
                    Draft("policy", name, n, m.start(), m.end(), "policy:document", 0.7)
                )
                # 《关于…的若干措施》（以下简称《措施》）, and after its number (…〔2026〕3号，以下
                # 简称《若干政策》): the short name used from then on.
                short = re.match(
                    r"\s*[（(]\s*(?:[^（）()，,。]{0,24}[，,]\s*)?(?:以下|下文)?(?:简称|称)\s*"
                    r"[《“\"「]([^》”\"」）)]{1,16})[》”\"」]\s*[）)]",
                    text[m.end() :],
                )
                if short and draft.kind == "policy" and short.group(1) != name:
                    draft.add_alias(short.group(1))
        verbs = "|".join(lx.POLICY_VERBS)
        # 构建“要素前置研判、问题动态跟踪、资源统筹调配”全要素保障机制: the words around the
        # quoted list name the mechanism, the list is its alias.
        for m in re.finditer(
            rf"(?:{verbs})了?([{HAN}]{{0,8}})“([^”]{{4,40}})”([{HAN}]{{2,12}}?"
            r"(?:机制|体系|模式|链条|平台|品牌))",
            text,
        ):
            name = m.group(1) + m.group(3)
            if len(name) >= 4 and not self.find(name):
                draft = Draft("policy", name, n, m.start(1), m.end(3), "policy:built", 0.6)
                draft.add_alias(m.group(2))
                self.add(draft)
        for m in re.finditer(
            rf"(?:{verbs})了?([{HAN}“”]{{2,16}}?(?:保障机制|工作机制|机制|体系|联合体|服务平台|"
            rf"公共服务平台|孵化链条|链条|引育体系|产业体系))(?=[，。；、和及]|$)",
            text,
        ):
            if re.match(r"“[^“”]{2,12}”(?:服务|工作|保障)?机制$", m.group(1)):
                continue  # 实行“一企一策”服务机制: the quoted name is the policy, found as one
            name = m.group(1).strip("“”")
            if len(name) < 4 or self.find(name):
                continue
            self.add(Draft("policy", name, n, m.start(1), m.end(1), "policy:built", 0.55))

    def _bylines(self, n: int, text: str, pos: int = 0) -> None:
        """People in a byline or photo credit (本报记者 曲晓燕 通讯员 麓宣; 记者 孙海涛 摄): every
        name after a role word has that role. Pen names are common there (通讯员 甬科宣), so a
        name needs no known surname; it needs only a role before it. ``pos``: where ``text``
        stands in its block."""
        role: str | None = None
        for part in re.split(f"({_BYLINE_ROLES})", text):
            if re.fullmatch(_BYLINE_ROLES, part):
                role = part
                pos += len(part)
                continue
            for m in re.finditer(rf"[{HAN}·]+", part):
                name = m.group()
                if len(name) > 3 and name.endswith("摄"):
                    name = name[:-1]  # 孙海涛摄
                if (
                    role is not None
                    and 2 <= len(name) <= 4
                    and not re.search(_NOT_A_BYLINE_NAME, name)
                    and name not in _GENERIC
                ):
                    at = pos + m.start()
                    self.add(Draft("person", name, n, at, at + len(name), "person:byline", 0.85,
                                   role=role))  # fmt: skip
            pos += len(part)

    def _people(self, n: int, text: str, tags: list[Span]) -> None:
        roles = "|".join(re.escape(r) for r in lx.ROLES)
        verbs = "|".join(re.escape(v) for v in lx.SPEECH_VERBS)
        pattern = (
            # 董事长兼总经理某某, 中国区总裁某某
            rf"((?:{_REGION_OF_ROLE})?(?:{roles})(?:兼(?:{roles}))*)([{HAN}·]{{2,8}}?)"
            rf"(?={verbs}|{_AFTER_ROLE_NAME}|、|，|,|。|（|\(|\s|：|:|$)"
        )
        for m in re.finditer(pattern, text):
            name = m.group(2)
            a, b = m.start(2), m.end(2)
            # (each name looks up the tagger's words where it stands, not every word)
            over = _word_over(tags, a)
            tagged = over is not None and over[2] == "PER" and over[1] >= b
            # 副主任那晓光: the tagger reads a rare surname that is also a pronoun (那) as no
            # part of the name, and the rest as a name; right after a role, the name is all
            # three.
            rest = _word_over(tags, a + 1)
            tagged = tagged or (
                len(name) == 3
                and over == (a, a + 1, "r")
                and rest is not None
                and rest[:2] == (a + 1, b)
                and rest[2] in ("PER", "LOC", "ORG", "nz")
            )
            if not (_person_name(name) or (tagged and 2 <= len(name) <= 4)):
                # The tagger may see a shorter name at the start: 何振东出席 → 何振东.
                short = (
                    over[:2] if over and over[0] == a and over[2] == "PER" and over[1] < b else None
                )
                if short is None or not _person_name(text[short[0] : short[1]]):
                    continue
                a, b = short
                name = text[a:b]
            # 云泽大学博士丁某: the school a degree was taken at is no organisation of theirs
            org = (
                None
                if m.group(1) in lx.DEGREES
                else self._org_before(n, m.start(1)) or self._short_company(n, text, m.start(1))
            )
            self.add(Draft("person", name, n, a, b, "person:role", 0.85, role=m.group(1), org=org))
        # 首席执行官Tom Baker宣布: a name in Latin letters after a role.
        latin = (
            rf"((?:{_REGION_OF_ROLE})?(?:{roles}))([A-Z][a-z]+(?: [A-Z][a-z]+){{1,2}})(?![A-Za-z])"
        )
        for m in re.finditer(latin, text):
            org = self._org_before(n, m.start(1)) or self._short_company(n, text, m.start(1))
            self.add(
                Draft("person", m.group(2), n, m.start(2), m.end(2), "person:role", 0.8,
                      role=m.group(1), org=org)
            )  # fmt: skip
        for a, b, tag in tags:
            if tag != "PER" or not _person_name(text[a:b]) or self._inside_known(n, a, b):
                continue
            after = text[b : b + 6]
            if re.match(rf"(?:{verbs})", after) or re.match("(?:博士|教授|院士|先生|女士)", after):
                self.add(Draft("person", text[a:b], n, a, b, "person:tagger", 0.6))

    def _investors(self, n: int, text: str) -> None:
        """Companies named only by their short name at the start of a clause, right before a
        verb of investing with its sum (蓝鲸储能追加投资8亿元)."""
        for m in re.finditer(_INVESTS, text):
            if m.start() > 0 and not self._inside_known(n, m.start() - 1, m.start()):
                self._short_company(n, text, m.start(), clause_start=True)
        # 由厦门海屿资本领投, 老股东某某资本跟投: the investors in a round, by the names
        # investment firms take (no legal form, no trade of a company)
        for m in [*_ROUND_INVESTOR.finditer(text), *_ROUND_LED_BY.finditer(text)]:
            a, b = m.span(1)
            if not self._inside_known(n, a, b) and m.group(1) not in _GENERIC:
                self.add(Draft("company", m.group(1), n, a, b, "company:round", 0.7))

    def _short_company(
        self, n: int, text: str, pos: int, *, clause_start: bool = False
    ) -> Draft | None:
        """A company named only by its short name, right before a role held in it (智途机器人
        董事长赵一鸣) or a verb of what it does: the words before ``pos``, where they end as
        company names end (:data:`lexicon.COMPANY_ENDINGS`) and begin after a stop or a
        function word (with ``clause_start``, after a stop only)."""
        run = re.search(f"[{HAN}A-Za-z]{{3,10}}$", text[max(0, pos - 10) : pos])
        if run is None:
            return None
        words_before = run.group()
        cut = max(words_before.rfind(c) for c in _BREAKS)  # 来自上海的智途机器人: after 的
        if cut < 0 and len(words_before) == 10 and re.match(f"[{HAN}]", text[pos - 11 : pos - 10]):
            return None  # the words may go on to the left: where the name starts is unknown
        if clause_start and (
            cut >= 0
            or (
                pos - len(words_before) > 0
                and text[pos - len(words_before) - 1] not in "，,。；;：:、“”\n"
            )
        ):
            return None  # not the clause's first words: what stands before may be its subject
        name = _strip_function(words_before[cut + 1 :])
        ending = next((e for e in _COMPANY_ENDINGS_LONGEST
                       if name.endswith(e)), None)  # fmt: skip
        if ending is None:
            return None
        core = name[: -len(ending)]
        if (
            len(core) < 2
            or core.startswith((*_DOING, *_ABROAD))  # 完成工业投资158亿元: what is done
            or any(c in _FUNCTION_CHARS for c in core)
            or name in _INDUSTRY
            or core in _INDUSTRY
            or core in _GENERIC
            or core in lx.PLACES
            or core.endswith(lx.COMPANY_ENDINGS)  # 汽车零部件, 新能源汽车: a field, no name
            or any(core.startswith(w) or core.endswith(w) for w in ("公司", "企业", "园区", "集团"))
        ):
            return None
        start = pos - len(name)
        if self._inside_known(n, start, pos):
            return None
        return self.add(Draft("company", name, n, start, pos, "company:role", 0.6))

    def _org_before(self, n: int, pos: int) -> Draft | None:
        """The company, body or zone named right before a role (小优智能首席执行官)."""
        best: Draft | None = None
        text = self._text(n)
        for d in self.drafts:
            if d.kind not in ("company", "organisation", "zone"):
                continue
            for form in d.forms():
                at = text.rfind(form, max(0, pos - len(form) - 6), pos)
                if at >= 0 and at + len(form) >= pos - 6:
                    between = text[at + len(form) : pos]
                    if (
                        d.kind == "zone"
                        and re.fullmatch(f"[{HAN}]{{2,}}", between)
                        and not re.search(_ZONE_BODY, text[max(0, pos - 10) : pos])
                    ):
                        # 常熟高新区翎光激光创始人: the company named after the zone holds the
                        # role (unless the words are the zone's own body, read below)
                        continue
                    if not re.search("[，。；、]", between) and (
                        best is None or len(form) > len(best.name)
                    ):
                        best = d
        before = text[max(0, pos - 10) : pos]
        bare = re.search(r"[、，,](党工委|工委|管委会|管理委员会)$", before)
        if best is None and bare:
            # 某某高新区党工委委员、管委会副主任: the zone's own body of that name, where the
            # article names one.
            bodies = [
                d
                for d in self.drafts
                if d.kind == "organisation"
                and d.name.endswith(bare.group(1))
                and any(d.name.startswith(z.name) for z in self._zone_drafts())
            ]
            if len(bodies) == 1:
                return bodies[0]
        if best is None and (bare or re.search(_ZONE_BODY, before)):
            # 高新区党工委书记, 开发区管委会主任: the zone the article is about, where it has one.
            best = self._one_zone()
        return best

    def _one_zone(self) -> Draft | None:
        """The zone the article is about, where all its zones so far are names of one (南昌高新技术
        产业开发区 and 南昌高新区 are merged only once every name is found)."""
        zones = self._zone_drafts()
        if not zones:
            return None
        longest = max(zones, key=lambda z: len(z.name))
        one = all(
            longest.name.endswith(z.name) or _abbreviated(longest.name) == z.name for z in zones
        )
        return longest if one else None

    def _text(self, n: int) -> str:
        if self._texts is None:
            self._texts = {bn: t for bn, _, t in self.blocks}
        return self._texts[n]

    def _projects(self, n: int, text: str) -> None:
        """Investment projects: a name ending 项目/基地/工厂/中心 … that is invested in, built
        or given a status: it ends with 项目, or a status verb follows it (落地, 签约启用, 开工),
        or an investment precedes it (总投资2.6亿元的…), or 由 introduces its investor."""
        # Where the names of works built in this block end, with what was said of each.
        built_ends: dict[int, str | None] = {}
        named: list[tuple[int, Draft]] = []  # the projects named in this block, where
        for m in re.finditer(_ENDING, text):
            end = m.end()
            if end < len(text) and text[end] in "园区":
                continue
            if m.group() == "工程" and text.startswith(("师", "院"), end):
                continue  # 可容纳3000名工程师, 某某工程院: a trade or a body, no works
            # 某某生产线项目车间内: the project's building, the name ends at 项目
            its_building = m.group() == "项目" and text.startswith(("车间", "厂房", "工地"), end)
            if (
                text.startswith(lx.PROJECT_ENDINGS, end) or re.match(_REGIONAL_WORKS, text[end:])
            ) and not its_building:
                continue  # 检测中心项目, 云平台华东总部: the name goes on to the later ending
            if text.startswith(_PROJECT_EVENTS, end):
                continue  # 固态电池项目对接会: a meeting about projects, no project
            building = text[max(0, m.start() - 3) : m.start()]
            if m.group() in ("厂房", "车间") and re.search(r"(?:项目|基地|工厂)主?$", building):
                continue  # 三期项目主厂房: a building of the project named before
            later = re.match(r"[一二三四五六七八九十]期", text[end:])
            phase_end = end
            if later and m.group() != "项目":  # 项目二期 is a part of the project named
                if text.startswith(lx.PROJECT_ENDINGS, end + later.end()):
                    continue  # 产业园二期项目: the name goes on to the later ending
                phase_end = end + later.end()  # 产业园二期封顶: the works, and its phase
            lo = m.start()
            inner = _INNER_BRACKET.search(text, max(0, lo - 12), lo)
            if inner is not None:
                lo = inner.start()  # …聚偏氟乙烯（PVDF）项目: the bracket right before the ending
            while (
                lo > 0
                and m.start() - lo < 26
                and (
                    re.match(f"[{HAN}A-Za-z0-9]", text[lo - 1])
                    or re.fullmatch(r"[A-Za-z0-9] [A-Za-z0-9]", text[max(0, lo - 2) : lo + 1])
                    or re.fullmatch(f"[{HAN}]—[{HAN}]", text[max(0, lo - 2) : lo + 1])
                )
            ):  # Mini LED显示模组生产基地, 中国—东盟…枢纽: a space between two Latin words, a dash
                # between two Chinese ones, is part of a name
                lo -= 1
                # 中原算力枢纽（高新）数据中心项目: a short bracket of Chinese inside the name is
                # of it (not a short name defined, 以下简称…, nor a Latin name)
                inner = _INNER_BRACKET.search(text, max(0, lo - 12), lo)
                if inner is not None and m.start() - inner.start() < 26:
                    lo = inner.start()
            run = text[lo : m.start()]
            cut = 0
            first = False  # 首个…产业园: the first of its kind, named by its field alone
            for marker in _PROJECT_MARKERS:
                at = run.rfind(marker)
                if marker == "推进" and run.startswith(("系统", "器"), at + 2):
                    continue  # 螺旋桨及推进系统: a propulsion system, not 推进 a project
                if at >= 0 and at + len(marker) >= cut:
                    first = marker in _FIRST_OF_KIND or (first and at + len(marker) == cut)
                    cut = at + len(marker)
            if cut > 0 and run[cut - 1] in "及和与" and len(run) - cut >= 2:
                # 建设氢燃料电池电堆及系统生产基地: what follows 及 is too short a name of its
                # own; the name is both things joined, back to the marker before. Longer
                # after a verb of building or a sum (建设卫星结构件及精密部件生产基地, 总投资
                # 62亿元的刻蚀及薄膜沉积设备产业化基地): what stands before 及 is no works.
                found = [(run.rfind(mk, 0, cut - 1), mk) for mk in _PROJECT_MARKERS]
                joined_from, marker = max(
                    ((at + len(mk), mk) for at, mk in found if at >= 0), default=(0, "")
                )
                first_thing = run[joined_from : cut - 1]
                lead = text[max(0, lo + joined_from - 16) : lo + joined_from]
                longest = (
                    12
                    if marker in _BUILDING_MARKERS
                    or re.search(r"投资[^，,。；;]{0,12}元[^，,。；;]{0,4}的$", lead)
                    # 某某公司投资建设的氢能与储能装备产业化基地: works described as built
                    or re.search(_BUILT_NEW, lead)
                    # 某某公司（以下简称“某某”）人形机器人及核心零部件产业基地项目: its owner's
                    or (not marker and lead.endswith(("）", ")")))
                    else 4
                )
                if (
                    len(run) - cut <= longest
                    and len(first_thing) >= 2
                    and re.fullmatch(f"[{HAN}][{HAN}A-Za-z0-9]*", first_thing)
                    # 测试中心和电子浆料工厂: two works; 研发中心及中试基地: one, 中试 being no
                    # name of its own
                    and (not first_thing.endswith(lx.PROJECT_ENDINGS) or len(run) - cut == 2)
                ):
                    cut = joined_from
            core = _strip_function(run[cut:])
            core = re.sub(
                r"^(?:今年|去年|明年|次年|同年|当年|前年|目前|此次|本次|当前|其中|全区|全市|主要|公司|企业|启动|开展|"
                # 建设一条…测试线, 一座…工厂: one of them, not part of the name
                r"将|用于|一[条座个处栋幢]|第[二三四五六七八九十]个)+",
                "",
                core,
            )
            # 陆承泽一行实地察看了芯越微电子项目: the name begins after the visit.
            core = _VISITED.split(core)[-1]
            # 新上两条汽车电子线路板生产线: the works, not their count (18个…项目 are many
            # projects of a kind, no name: 个 counts them)
            core = re.sub(r"^[两二三四五六七八九十\d]+[条座栋幢]", "", core)
            if first and core in _ACTIVITIES:
                continue  # 该公司在亚洲设立的首个生产基地: a kind of works, not one named
            phase = re.fullmatch(r"\w{0,8}?[一二三四五六七八九十]期", core) is not None
            if m.group() in ("厂房", "车间") and re.fullmatch("[一二三四五六七八九十首]期", core):
                continue  # 一期厂房明年开工: a building of a phase of the project named before
            # 某某公司（以下简称“云帆数据”）算力中心一期于9月上线: the company's works, named
            # by two words right after its short name.
            owned = m.start() - len(core) > 0 and text[m.start() - len(core) - 1] in "）)"
            if (len(core) < (2 if first or owned else 3) and not phase) or _generic_project(core):
                continue
            if core in _INDUSTRY or re.search(_NOT_PROJECT, core):
                continue
            # 数据中心项目, 算力应用项目: a field and the kind of works, which names none.
            stem = re.sub(f"(?:{_ENDINGS}|应用)$", "", core)
            if stem != core and stem in _INDUSTRY | _FIELDS:
                continue
            start = m.start() - len(core)
            name = text[start:end]
            if m.group() == "项目" and self._company_project(core, name):
                continue  # 芯越微电子项目: the one project of 芯越微电子, named by its owner
            after = text[end : end + 8]
            # 建设一座…基地: the words before are those before the one of them
            one = re.search(r"一[条座个处栋幢]$", text[max(0, start - 2) : start])
            opening = start - (len(one.group()) if one else 0)
            before = text[max(0, opening - 24) : opening]
            if (before.endswith("受") or core.startswith("受")) and re.match(
                r"[^，,。；;]{0,8}影响", text[end:]
            ):
                continue  # 受海外矿山项目延期影响: projects that weigh on a company, not its own
            if re.match(r"(?:国内|全国|全省|全市|各地|多地)", core):
                continue  # 国内水利和抽水蓄能工程集中开工: works of a kind across the land
            # 建设甲生产基地、乙工厂和丙中心: an item of a list after a verb of building is built
            # as the item before it is.
            joined = re.search(r"(?:、|和|及|以及)$", text[max(0, start - 2) : start])
            listed = joined is not None and start - len(joined.group()) in built_ends
            status = next((w for w in lx.PROJECT_STATUS if w in after), None)
            if status is None and m.group() in _BUILDINGS and re.match(_BEING_BUILT, after):
                status = "在建"  # 某某新材第二工厂正在加紧建设: works under way
            if m.group() in _PARKS and _PARK_OWN_FIGURES.match(text, end):
                status = None  # …产业园去年新落地项目31个: the park's count, no status of it
            if m.group() in _PARKS and re.search(r"(?:在|于|落户|入驻)$", before) and status:
                status = None  # 一期产线在淄博经开区新材料产业园投产: the park is where
            invested = re.search(r"投资[^，,。；]{0,12}元[^，,。；]{0,4}的$", before) is not None
            # 占地约300亩的寒地装备试验场: works measured by their land are works
            invested = invested or bool(re.search(_LAND_OF_WORKS, before))
            # …的量子计算产业化基地。该项目由某公司投资建设, …，项目总投资32亿元: the works the
            # next words call a project
            # (or by its own kind: …产业基地。该基地总投资46亿元)
            introduced = after.startswith("由") or bool(
                re.match(
                    # (…生产基地。据她介绍，项目总投资约12亿元: the words of whom it is told)
                    r"[。，,；;](?:据[^，,。；;]{1,8}介绍[，,])?(?:(?:该|此|这一|这个)?项目|(?:该|此|这一|这个)"
                    + re.escape(m.group())
                    + r"|(?<=。)"
                    + re.escape(m.group())
                    + r")(?:由|总投资|计划总投资|投资|占地|规划用地|总建筑面积|建筑面积)",
                    text[end : end + 24],
                )
            )
            # 智途机器人青岛基地一期投资3.5亿元: a works whose own sum follows its name.
            invested = invested or bool(
                re.match(
                    r"(?:[一二三四五六七八九十首]期)?(?:总|计划|拟|预计)?投资[\d一二三四五六七八九十两约近超逾]",
                    after,
                )
            )
            # 签约建设…产业园, 扩建其…中心: a verb of building right before the name; not a time
            # clause (扩建完成后…), nor a bare phase (签约建设二期项目: the phase of one before).
            # 追加投资1.2亿美元扩建其在园区的亚太制造基地, 追加投资…，将其光谷研发中心面积扩大:
            # the company's own works, that a sum in the clause before goes to.
            owned_works = bool(
                re.search(_OWN_WORKS, before)
                and re.search(
                    r"投资[^。；;]{0,12}(?:元|英镑)", text[max(0, opening - 44) : opening]
                )
            )
            built = (
                (
                    owned_works
                    or re.search(_BUILT_BEFORE, before)
                    or (re.search(_BUILT_NEW, before) and m.group() not in ("车间", "厂房"))
                    or re.search(_SUM_BUILT, text[max(0, opening - 44) : opening])
                    or listed
                    # 该公司与园区签约，一期投资6亿元建设…总装基地: what a phase's sum builds is
                    # the project where no project is named before it in the paragraph
                    or (
                        re.search(_PHASE_SUM_BUILT, before)
                        and not any(
                            d.kind == "project" and d.block == n and d.start < start
                            for d in self.drafts
                        )
                    )
                )
                and not re.match(_WHEN_DONE, core)
                and not phase
            )
            if re.search(r"对(?:新建|新引进|新落户|符合条件的)?$|对[^，,。；;对]{1,20}的$", before):
                # 对新建12英寸晶圆项目，给予补助, 对固定资产投资1亿元以上的…项目: a kind of
                # project a policy names
                continue
            if re.search(
                r"[\d一二三四五六七八九十两]+[个项](?:项目)?(?:为|是|属于)(?:[^，,。；;]{1,10}[和及、])?$",
                before,
            ):
                continue  # 其中4个为人才创业项目, 其余6个项目为科研和服务业项目: kinds of them
            if re.search(r"(?:以上|以下|以内)的$|[、等]关键$|对新落户的", before) or re.match(
                r"(?:累计|合计|共)", after
            ):
                continue  # 5亿元以上的零部件项目, …投资的汽车零部件项目累计已超过130个: a kind
            if after.startswith(_HELD):
                continue  # 在会展中心举行…: the place where something is held
            if re.match(r"[\d一二三四五六七八九十两]+[个项]", after):
                continue  # 承担省级科技项目3项: how many of a kind
            if (
                m.group() in _JOINT_BODIES
                and re.search(_BUILT_JOINTLY, before)
                and not self.find(name)
            ):
                # 高新区与某某大学共建的生物医药中试基地揭牌运行: works two parties built, named
                # where no sum or status is said with them
                self.add(Draft("project", name, n, start, end, "project:joint", 0.6))
                continue
            if not (
                # 这里离海上风电项目近: a distance from works of a kind names none of them
                (
                    m.group() == "项目"
                    and len(core) >= 4
                    and not re.match(r"里?[离距]", core)
                    and "距离" not in core  # 日照港距离项目选址不到20公里: how far, no name
                )
                or status
                or invested
                or introduced
                or built
            ):
                if m.group() in _PARKS and self._park_of_zone(text, start, core, end):
                    # 搬进了威海高新区海洋科技产业园, 考察了经开区德山智造产业园: a park of the
                    # zone where companies are, named as a place; no works being built
                    bare = re.match(r"(?:高新区|经开区|开发区|园区|新区)", name)  # 经开区德山…园
                    at = start + (bare.end() if bare else 0)
                    if not self.find(text[at:end]):
                        park = self.add(Draft("zone", text[at:end], n, at, end, "zone:park", 0.6))
                        short = re.match(_SHORT_NAMED, text[end:])
                        if short and park.kind == "zone":
                            park.add_alias(short.group(1))  # （以下简称“物联网产业园”）
                        # 黄石经开区新港产业园: the park is 新港产业园 too, without its zone
                        zone = next(
                            (f for d in self._zone_drafts() if d is not park
                             for f in d.forms() if park.name.startswith(f)),
                            "",
                        )  # fmt: skip
                        if zone and len(park.name) - len(zone) >= 4 and park.kind == "zone":
                            park.add_alias(park.name[len(zone) :])
                continue
            known = self.find(name, ("company", "organisation", "zone"))
            # 投资超5亿元建设区域算力服务中心: a centre a sum builds is works, not a body, where
            # only its ending made it one; not where the name goes on (…研究院中试基地开工: the
            # body's own works are named on, and the body stays).
            ends_here = not re.match(f"[{HAN}]", text[end : end + 1]) or text.startswith(
                lx.PROJECT_STATUS, end
            )
            if known is not None and not (
                (invested or built)
                and ends_here
                and known.kind == "organisation"
                and known.rule == "organisation:name"
                and known.name == name
            ):
                continue
            if known is not None:
                self._unlist(known)  # the works drawn below take its place
            sentence = next(((a, b) for a, b in sentences(text) if a <= start < b), (0, len(text)))
            if status is None and built and "签约" in before:
                status = "签约"
            if status is None:
                # The first said of it, in its own part of the sentence (封顶，计划…投产；乙项目
                # …开工: 封顶, not the next project's 开工).
                part = text[start : part_of(text, sentence, start)[1]]
                said = [(at, w) for w in lx.PROJECT_STATUS if (at := part.find(w)) >= 0]
                status = min(said, key=lambda s: (s[0], -len(s[1])))[1] if said else None
            if status is None and joined is not None and listed:
                status = built_ends[start - len(joined.group())]
            if built:
                built_ends[end] = status
            draft = Draft("project", name, n, start, end, "project:name", 0.6, status=status)
            draft.investor = self._investor(n, sentence[0], sentence[1], start)
            if phase_end > end:
                draft.add_alias(text[start:phase_end])  # the works named with its phase
            works = name.removesuffix("项目")
            if works != name and len(works) >= 4 and _WORKS_END.search(works):
                draft.add_alias(works)  # 产业园二期项目 is the 产业园二期 a headline names
            for form in [name, *draft.aliases]:
                # 某某高新区海洋装备产业园: the zone's works, named without the zone too.
                zone = next(
                    (z for d in self._zone_drafts() for z in d.forms() if form.startswith(z)), ""
                )
                if zone and len(form) - len(zone) >= 4:
                    draft.add_alias(form[len(zone) :])
            named.append((start, self.add(draft)))
        self._built_by(text, named)

    def _built_by(self, text: str, named: list[tuple[int, Draft]]) -> None:
        """…二期项目主体结构全面封顶。项目由某某集团有限公司投资建设: a sentence that opens with
        项目由 names the investor of the project named last before it, where it has none."""
        for m in _BUILT_BY.finditer(text):
            before = [d for at, d in named if at < m.start() and d.kind == "project"]
            if not before or before[-1].investor is not None:
                continue
            company = next(
                (
                    d
                    for d in self.drafts
                    if d.kind == "company"
                    and any(text.startswith(f, m.end()) for f in d.forms() if len(f) >= 2)
                ),
                None,
            )
            if company is not None:
                before[-1].investor = company

    def _table_projects(self, n: int, text: str, tables: Tables) -> None:
        """A row of a table whose column is headed 项目 (项目名称): its cell names a project."""
        for m in re.finditer(r"\|\s*([^|]+?)\s*(?=\|)", text):
            column = tables.column(n, text, m.start(1))
            name = m.group(1)
            if column is None or "项目" not in column[0] or not re.search(f"[{HAN}]{{3}}", name):
                continue
            if self.find(name, ("company", "organisation", "zone", "project")):
                continue
            a, b = m.start(1), m.end(1)
            self.add(Draft("project", name, n, a, b, "project:table", 0.6))

    def _investor(self, n: int, s: int, e: int, pos: int) -> Draft | None:
        """The company that invests in a project named at ``pos`` of sentence ``s:e``."""
        text = self._text(n)
        # Within the project's own clause of the sentence and its own item of a list: the
        # company of the project named after the semicolon (…一期已投产；由某某公司投资建设的…
        # 项目) or of the item beside it (甲公司智能制造基地、乙研究院中试平台) is not its investor.
        s, e = part_of(text, (s, e), pos, "；;、")
        part = text[s:e]
        best: tuple[int, Draft] | None = None
        for d in self.drafts:
            if d.kind != "company":
                continue
            for form in d.forms():
                for start in _places(form, part):
                    at = s + start
                    if (
                        at > pos
                        and re.search("[，,]", text[pos:at])
                        and re.match(_OWNS_NEXT, text[at + len(form) :])
                    ):
                        continue  # …项目预计6月投产，乙公司的…项目: the next works' owner
                    dist = abs(at - pos)
                    if best is None or dist < best[0]:
                        best = (dist, d)
        return best[1] if best else None

    def _mentions(self) -> None:
        """Every place each entity is named: its forms, longest first, never overlapping (the
        forms are looked for in one pass over each block, :class:`_Strings`)."""
        forms = sorted(
            ((f, d) for d in self.drafts for f in d.forms() if len(f) >= 2),
            key=lambda fd: -len(fd[0]),
        )
        for d in self.drafts:
            d.mentions = []
        rank: dict[str, int] = {}  # a form shared by two drafts is the first's
        for place, (form, _) in enumerate(forms):
            rank.setdefault(form, place)
        strings = _Strings(rank)
        for n, _, text in self.blocks:
            found = sorted((rank[form], i, i + len(form)) for i, form in strings.places(text))
            taken = bytearray(len(text))
            for place, a, b in found:
                if any(taken[a:b]):
                    continue
                taken[a:b] = b"\x01" * (b - a)
                forms[place][1].mentions.append((n, a, b))
        for d in self.drafts:
            d.mentions.sort()


# The words a project's name ends with, as a pattern.
_ENDINGS: Final = "|".join(map(re.escape, lx.PROJECT_ENDINGS))
_ENDING: Final = re.compile(_ENDINGS)
# A sentence that says who builds the project named before it (。项目由…投资建设).
_BUILT_BY: Final = re.compile(r"(?:(?<=[。！？；;])|^)(?:该|此)?项目(?:由|系)")
# Before a name, the land or floor it takes (占地约300亩的, 建筑面积12万平方米的).
_LAND_OF_WORKS: Final = (
    r"(?:占地|用地|占地面积|建筑面积)(?:面积)?[^，,。；;的]{1,12}(?:亩|平方米|公顷|㎡)的$"
)
# A platform or base built by two parties together (…与某某大学共建的…中试基地): works.
_BUILT_JOINTLY: Final = r"(?:合作|联合|携手|共同)?(?:共建|共同建设|组建|共同组建)的$"
_JOINT_BODIES: Final = frozenset(words("基地 中心 研发中心 平台 研究院"))
# After a company, its own works named in the same clause (乙公司的N型电池片项目).
_OWNS_NEXT: Final = re.compile(rf"的?[^，,。；;]{{0,20}}?(?:{_ENDINGS})")
# Works being built, said right after their name (…第二工厂正在加紧建设, …基地加快建设).
_BEING_BUILT: Final = (
    r"(?:目前|眼下|当前)?(?:正在|正)(?:加紧|加快|抓紧|全力|紧张|火热)?(?:建设|施工|推进建设)"
    r"|(?:加紧|加快|抓紧)(?:建设|施工)|(?:正在|正)(?:安装)?调试"
)
# The works a sentence can say are being built: buildings, not a centre or platform of an
# aim (打造区域科技创新中心正在加快建设 is no works).
_BUILDINGS: Final = frozenset(
    words(
        "项目 基地 产业园 工厂 厂房 生产线 产线 封装线 装配线 组装线 测试线 封测线 中试线 "
        "示范线 总部 研发中心 工程 车间 综合体"
    )
)
# Words right after works that call them a project (。该项目由…, ，项目总投资…).
_CALLED_A_PROJECT: Final = r"[。，,；;](?:该|此|这一|这个)?项目(?:由|总投资|计划总投资|投资|占地)"
# A phase of works once 项目 is taken off its name (产业园二期项目: 产业园二期).
_WORKS_END: Final = re.compile(rf"(?:{_ENDINGS})[一二三四五六七八九十]期$")


def _places(form: str, text: str) -> Iterator[int]:
    """Where ``form`` stands in ``text``, left to right, never overlapping: the starts
    ``re.finditer(re.escape(form), text)`` gives, without compiling a pattern per name.

    Asked for every company of the article at every project, a pattern per name overflowed
    ``re``'s cache of 512 in a long article and was compiled again each time: an article of
    1 MB with 500 companies took 8 minutes to extract, nearly all of it compiling."""
    if not form:
        yield from range(len(text) + 1)  # as the empty pattern matches
        return
    at = text.find(form)
    while at >= 0:
        yield at
        at = text.find(form, at + len(form))


# 签约建设…, 将在某某经开区建设…, 拟在园区设立…: an intent to build, where it is said before
# the verb or not.
_BUILT_BEFORE: Final = (
    r"(?:签约|投资|计划|拟|将|宣布|(?<![主需只还也])要|准备)(?:在[^，,。；;的]{2,12})?(?:开工)?"
    r"(?:新建|新上|建设|扩建|兴建|设立)其?$"
    r"|(?:扩建|兴建)其?$"
)
# 公司在高新区新建的光纤预制棒工厂: works described as built, where they are more than a
# building of a company's (新建的一体化压铸车间里: a workshop).
# 前年动工的…综合体, 去年开工建设的…基地: works described by their building's start.
_BUILT_NEW: Final = r"(?:新建|在建|扩建|兴建|投资建设|动工|开工|开工建设|开建|奠基)的$"
_ARTICLES_NAMED: Final = (
    rf"([{HAN}]{{0,10}})[“「]((?:新政|新|黄金|人才|(?!第)[{HAN}]{{2,4}}?)?"
    rf"[一二三四五六七八九十百零\d]{{1,3}}条)[”」]"  # “鞋服十条”: a field before the number
)
# What ends the words before such a name: the verb that issues it, or a stop.
_POLICY_HEAD_CUT: Final = r"的|出台|发布|印发|制定|推出|实施|出炉|落地|明确|根据|按照|依据"
_OWN_WORKS: Final = (
    r"(?:扩建|新建|建设|兴建|升级|将)其(?:在[^，,。；;]{1,8}的)?(?:第[一二三四五六七八九十]个)?$"
)
# 计划投资42亿元建设…基地, 签约投资6.5亿元，建设…工厂, 签约金额2亿元，建设…总部, 分别签约投资
# 3亿元和2亿元，分别建设…产业园和…项目: a sum, then a verb of building; not
# a phase's or a later sum (一期投资15亿元，建设…生产线: what a phase of the project builds).
_SUM_BUILT: Final = (
    r"(?<![一二三四五六七八九十首分]期)(?<!首次|追加|再次)(?<![再增])(?:投资|出资|增资|签约金额|合同金额)"
    r"[^。；;]{0,10}?元(?:[、和及][^。；;、]{0,8}?元){0,5}"
    # 6800万欧元（约合人民币5.3亿元）, 5000万美元，折合人民币约3.6亿元: the sum again
    r"(?:[（(][^（）()。；;]{0,16}[）)]|[，,](?:折合|约合|相当于)[^，,。；;（）()]{0,16})?"
    r"[，,]?(?:用于|在[^，,。；;]{2,10})?"
    r"(?:分别)?(?:新建|新上|建设|扩建|兴建|设立)其?$"
)
# A phase's sum, then a verb of building: 一期投资6亿元建设, 首期投资2亿元，新建.
_PHASE_SUM_BUILT: Final = (
    r"[一二三四五六七八九十首]期(?:计划|拟|将)?投资[^。；;，,]{0,10}?元[，,]?"
    r"(?:新建|建设|扩建|兴建)$"
)
# After a verb of building, a time clause, not a name: 扩建完成后基地面积…
_WHEN_DONE: Final = r"(?:完成|建成|竣工|投产)?(?:后|以后|之后)|完成|建成"


_DESCRIPTORS: Final = frozenset(
    words(
        "一站式 保姆式 管家式 全链条 全方位 一体化 点对点 零距离 面对面 全周期 全生命周期 "
        "一条龙 店小二 最优服务 最强磁场 一号工程 硬核 金字招牌"
    )
)


def _in_industry(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is an industry's name, or its end, or a place before one (智能网联
    汽车 in …取得智能网联汽车道路测试牌照; 江苏省智能网联汽车): a field, no company."""
    for w in _INDUSTRY:
        at = b - len(w)
        if at >= 0 and text.startswith(w, at):
            before = text[a:at]
            if at <= a or not before or before in lx.PLACES or before.endswith(("省", "市", "区")):
                return True
    return False


def _generic_project(core: str) -> bool:
    """Whether the words before a project's ending only say what kind of project it is (重点
    项目, 新签约项目, 优质产业化项目), not which: a word of :data:`_PROJECT_GENERIC`, then no
    more than one character, or only more such words."""
    rest = core
    while rest:
        word = next((w for w in _PROJECT_GENERIC_LONGEST
                     if rest.startswith(w)), None)  # fmt: skip
        if word is None:
            return rest != core and len(rest) < 2
        rest = rest[len(word) :]
    return True


_BUILDERS_TRADE: Final = "投资|发展|工程|开发|集团|控股|实业|管理|运营|经营|咨询|服务"


# A surname and a title (周厂长, 王主任, 李总, 欧阳院长).
_TITLES: Final = (
    "副主任 主任 副厂长 厂长 副局长 局长 书记 副部长 部长 副院长 院长 所长 校长 教授 博士 "
    "总经理 经理 董事长 区长 市长 县长 主席 队长 组长 班长 科长 处长 站长 行长 总监 总裁 秘书长 "
    "总工 总 董 工 老师 师傅"
)
_TITLED: Final = re.compile(f"([{HAN}]{{1,2}}?)({'|'.join(words(_TITLES))})")


# Titles a person of any role is called by (郑总 for a founder, 郑博士 for a doctor).
_HONORIFICS: Final = frozenset(words("总 博士 老师 师傅 工"))


def _title_fits(title: str, role: str) -> bool:
    """Whether a person of ``role`` is called by ``title`` (厂长 for 厂长, 李总 for 总经理 or
    总裁, 董 for 董事长, 总工 for 总工程师)."""
    return title in role or any(r in role for r in _TITLE_OF_ROLES.get(title, ()))


# The roles a short title stands for.
_TITLE_OF_ROLES: Final = {
    "总": ("总经理", "总裁", "总监"),
    "董": ("董事长",),
    "总工": ("总工程师",),
}


def _tidy_body(name: str) -> str:
    """A company's or body's name without what a match takes in beside it: function words in
    front (既有中联重科, 到博世), a clause before a verb of making (园区正加快建设…创新中心), a
    tail after 等 (汇川技术等本土企业)."""
    name = _strip_function(name)
    # 中国建设银行泰州分行: 建设 is of the bank's name, no verb
    made = [m for m in re.finditer(_MAKING, name) if not name.startswith("银行", m.end())]
    # 长沙九华建设有限公司, 城市建设投资有限公司: 建设 is the company's trade where no more than
    # its legal form and trade words follow it, not a verb before another name.
    trade_only = bool(made) and re.fullmatch(
        f"(?:{_BUILDERS_TRADE})*(?:{'|'.join(map(re.escape, lx.LEGAL_FORMS))})",
        name[made[-1].end() :],
    )
    if made and len(name) - made[-1].end() >= 4 and not trade_only:
        name = name[made[-1].end() :]
    if "等" in name[2:]:
        name = name[: name.index("等", 2)]
    listed = list(re.finditer("包括|包含|涵盖|例如|比如|诸如", name))
    if listed and len(name) - listed[-1].end() >= 3:
        name = name[listed[-1].end() :]  # 投资方包括滨海产业基金: the name follows the verb
    kind = _KIND_BEFORE_NAME.match(name)
    if kind and (kind.group(1) in _COUNTRIES or kind.group(1) in lx.PLACES or kind.group(2)):
        name = name[kind.end() :]  # 英国医疗器械企业阿什福德医疗集团: the kind is no part of it
    return _strip_function(name)


# A country or place, or where it is from, then a field and a word for a company, before a
# name of three characters or more that is no trade of the word (某某企业管理有限公司).
_KIND_BEFORE_NAME: Final = re.compile(
    rf"([{HAN}]{{2,5}}?)?(本地|当地|本土|国内|省内|外资|民营|龙头)?[{HAN}]{{0,8}}?(?:企业|厂商|巨头)"
    rf"(?!管理|发展|服务|咨询|孵化|家|集团|联合|总部|园|群|投资)(?=[{HAN}A-Za-z]{{3,}})"
)


def _nationality(name: str) -> str:
    """The country a foreign company's Chinese name is written after (德国博世, 瑞典霍格伦), or
    "": none, or one that is part of the name, before a trade (日本电产, 法国电力)."""
    country = next((c for c in _COUNTRIES if name.startswith(c)), "")
    rest = name[len(country) :]
    return country if len(rest) >= 2 and rest not in _TRADES else ""


def _generic(name: str) -> bool:
    """A phrase for a kind of body, not the name of one (世界500强企业, 开工项目中)."""
    kind_of = re.search(r"\d+强|强企业|[项目]中$|项目$|布局$|格局$|企业$", name) is not None
    measured = re.search(r"\d+(?:平方|公里|亩|万|亿|吨|个|家|%)|规划面积|占地", name) is not None
    return (kind_of and not name.endswith(("有限公司", "集团"))) or measured


# Two-character adverbs whose first character a tagger may take into a name before them.
_ADVERBS: Final = frozenset(
    words("正在 正和 已经 曾经 还是 也是 就是 都是 将要 正是 又是 均已 仍在")
)
_POLICY_VERBS: Final = "|".join(sorted(lx.POLICY_VERBS, key=len, reverse=True))
_SERVICE_DOES: Final = (
    r"(?:已|共|累计|先后|目前|已经)?(?:协调|解决|发放|服务|覆盖|办理|帮助|受理|惠及|撮合|兑现|为)"
)
_QUOTED_NAME: Final = r"[“\"「‘']([^“”\"「」‘’']{3,16})[”\"」’']"
_QUOTED_RUN: Final = rf"(?:{_QUOTED_NAME}[、和及与]?)*{_QUOTED_NAME}"
# A company's name never ends as an administration's does (区党工委).
_NOT_COMPANY_ENDINGS: Final = ("党工委", "工委", "管委会", "委员会", "政府", "局", "办公室")
# Fields a body's name may begin with, beside the industries (光电材料联合实验室).
_FIELDS: Final = frozenset(
    words("光电材料 量子精密测量 量子 材料 能源 数据 算力 海洋 生物 医药 智能 低空 氢能 储能 芯片")
)
# Companies found by where a name stands, not by a legal form or a definition: such a name
# may take in the words before it.
_LOOSE_COMPANY_RULES: Final = ("company:tagger", "company:role")
# What names a field of business, never a company (汽车行业, 钢铁产业, 医疗领域).
_FIELD_WORDS: Final = ("行业", "产业", "领域", "板块", "赛道")
# Verbs after which a body's name begins (…共建智能装备联合实验室).
_MAKING: Final = "加快建设|建设|共建|组建|筹建|成立|设立|打造|牵头|揭牌|入驻|引进|依托"


def _descriptor(name: str) -> bool:
    """A quoted word that describes a service rather than naming one (“一站式”服务)."""
    return (
        name in _DESCRIPTORS
        or (len(name) <= 3 and name.endswith(("式", "化", "性")))
        or re.fullmatch(r"[0-9０-９]{2}后", name) is not None  # “95后”: a generation
    )


def _person_name(name: str) -> bool:
    """A plausible personal name: a common surname and one or two more characters (or a
    foreign name joined by ·)."""
    if "·" in name:
        return 3 <= len(name) <= 12 and not name.startswith("·") and not name.endswith("·")
    if name.startswith((*lx.COMPOUND_SURNAMES, *lx.JAPANESE_SURNAMES)):
        return 3 <= len(name) <= 4
    return (
        2 <= len(name) <= 3
        and name[0] in lx.SURNAMES
        and re.fullmatch(f"[{HAN}]+", name) is not None
        and not name.startswith(_NOT_GIVEN_NAMES)
    )


# A verb of founding, right before the company founded.
_FOUNDED: Final = re.compile("(?:创办|创立|创建|创设|成立|组建)了?")


def _stop(text: str, pos: int) -> int:
    """Where the sentence that ``pos`` stands in ends (its 。 or ；), or the text's end."""
    return min((i for i in (text.find(c, pos) for c in "。；;") if i >= 0), default=len(text))


# Words that make a name of a kind no name: 一家孵化器, 这家企业.
_SOME_ONE: Final = re.compile("一家|一个|一座|一所|这家|那家|该")
# What follows 项目 where the words name a meeting about projects, not a project.
_PROJECT_EVENTS: Final = words(
    "对接会 推介会 路演 洽谈会 签约仪式 签约会 观摩会 评审会 发布会 申报 "
    # 全程跟踪项目审批: the handling of projects in general, no project
    "审批 备案 手续"
)
# The visit before a project's name (一行实地察看了…项目).
_VISITED: Final = re.compile("一行|察看了|考察了|参观了|走访了|调研了|察看|考察|参观")
# What a works does, which names no works by itself (首个生产基地).
_ACTIVITIES: Final = frozenset(words("生产 研发 制造 销售 运营 服务 结算 物流 创新 仓储 组装"))
# What a measure's name ends with (电能利用效率, 国内生产总值, 采购经理指数).
_MEASURES: Final = words(
    "率 效率 指数 系数 总值 产值 总量 比重 比例 密度 强度 水平 均值 平均值 增速 能耗"
)
# Words that begin with a surname's character and may follow a role (记者关注的焦点, 主任万分
# 感慨): no one's name.
_NOT_GIVEN_NAMES: Final = words(
    "关注 关于 向记者 高度 万分 许多 常常 马上 陆续 严格 毕竟 曾经 何时 余下 方面 方便"
)
