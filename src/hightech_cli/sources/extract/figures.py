"""Figures in running text: where each stands, and its typed reading by hz's own grammar.

A figure is a numeral (``numbers.quantities.numeral_end`` finds where it ends), with the
qualifier words before or after it, and a unit from :data:`UNITS`; its typed reading (number,
unit, qualifier, currency, minor units) is ``numbers.quantities.parse_quantity``'s, the same
grammar that reads ``--min-invest``. A stretch that looks like a figure and is not one is left
out: a year or a date (2023年, 5月18日), an ordinal (第三届), a name or model (5G, 3D, RG-40,
2号线, 500强), a plan (“十五五”), a phase label (二期), a time phrase (三年前, 近两年), the
indefinite 一 (一批, 一家孵化器), a short quoted term (“1个链主+N个配套”). A change is one
figure with the one before it (由15份精简为1份, 从5个工作日压减至1个工作日, 82%→97%).

A range (3亿至5亿元, 3至5亿元, 3000万-5000万元, 两到三年, 十二三家, 三五家) is two figures over
its whole text: at least its first end, at most its second; neither end alone is the figure. A
qualifier before a list holds for each item of it (最高1000万元、500万元: both are caps;
突破10亿元、50亿元: each is passed). Both readings carry less confidence.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Final

from hightech_cli.errors import UsageError
from hightech_cli.invisible import no_width
from hightech_cli.models import Qualifier
from hightech_cli.numbers.numerals import Invalid, read_number
from hightech_cli.numbers.quantities import (
    HALF_UNITS,
    MONEY_UNITS,
    QUALIFIER_WORDS,
    ParsedQuantity,
    numeral_end,
    parse_quantity,
)
from hightech_cli.sources.extract import lexicon as lx

# Areas written short or with a symbol, and the name a figure's unit is given (the one the
# long form is read with): 5万㎡ is 5万平方米, 12km² twelve 平方公里, not 12km.
_AREA_NAMES: Final = {
    "㎡": "平方米",
    "m²": "平方米",
    "m2": "平方米",
    "平米": "平方米",
    "㎢": "平方公里",
    "km²": "平方公里",
    "km2": "平方公里",
}
# Units, longest first where one begins another. Money units are read by the grammar itself.
UNITS: Final = tuple(
    sorted(
        {
            *MONEY_UNITS,
            *HALF_UNITS,
            "个工作日",
            "个百分点",
            "个人",
            "百分点",
            "个月",
            "个小时",
            "小时",
            "分钟",
            "秒钟",
            "摄氏度",
            "℃",
            "°C",
            "毫秒",
            "秒",
            "弧秒",
            "平方公里",
            "平方千米",
            "平方米",
            *_AREA_NAMES,
            "立方米",
            "公顷",
            "千瓦时",
            "兆瓦时",
            "吉瓦时",
            "千瓦",
            "兆瓦",
            "千伏",
            "吉瓦",
            "英寸",
            "纳米",
            "微米",
            "毫米",
            "厘米",
            "公里",
            "千米",
            "米",
            "公斤",
            "千克",
            "吨",
            "亩",
            "毫升",
            "升",
            "剂",
            "粒",
            "瓶",
            "盒",
            "P",
            "家次",
            "人次",
            "架次",
            "车次",
            "件次",
            "户次",
            "批次",
            "项次",
            "个",
            "家",
            "名",
            "人",
            "位",
            "台套",
            "台",
            "套",
            "件",
            "款",
            "条",
            "份",
            "种",
            "项",
            "次",
            "批",
            "所",
            "座",
            "栋",
            "幢",
            "辆",
            "只",
            "列",
            "趟",
            "艘",
            "架",
            "颗",
            "片",
            "块",
            "张",
            "部",
            "支",
            "枚",
            "场",
            "倍",
            "成",
            "年",
            "天",
            "周",
            "例",
            "处",
            "类",
            "笔",
            "户",
            "株",
            "层",
            "度",
            "岁",
            "期",
            "轮",
            "组",
            "对",
            "股",  # shares: 全球发售H股1.35亿股
            "间",
            "遍",
            "%",
            "‰",
            "代",
            "MW",
            "GW",
            "kW",
            "kWh",
            "MWh",
            "GWh",
            "TB",
            "PB",
            "nm",
            "mm",
            "km",
            "kg",
        },
        key=len,
        reverse=True,
    )
)
_MONEY_UNITS: Final = MONEY_UNITS
# Qualifier words the grammar reads before a number, longest first (the grammar's own list).
_PREFIXES: Final = QUALIFIER_WORDS
_PREFIX_STARTS: Final = frozenset(w[0] for w in QUALIFIER_WORDS) | {"百"}
_SUFFIXES: Final = ("及以上", "以上", "左右", "以内", "及以下", "以下", "级", "内")
_TIME_UNITS: Final = (
    "年", "天", "日", "个工作日", "个月", "小时", "个小时", "周", "分钟", "秒钟", "秒", "毫秒"
)  # fmt: skip
# Words that may stand between an upper bound and its number: 最高奖励500万元.
_BOUND_VERBS: Final = re.compile(
    r"(?:可)?(?:奖励|奖补|补助|补贴|给予|资助|支持|扶持|可达|可获|获得|达到|达|不超过|延长至|延长到|为)"
)
# Words that may stand between a floor and its number: 至少提前了6个月, 不少于需要…
_FLOOR_VERBS: Final = re.compile(
    r"(?:要|需要|需|可|能)?(?:提前了|提前|缩短了|缩短|节省了|节省|节约|带动|新增|投入|达到|达|有)"
)
# 约占全国的三成, 约占全省同类产业规模的四成: a share of what is named between the verb and the
# figure.
_ABOUT_VERBS: Final = re.compile(r"为|占(?:[^，,。；;：:\d]{1,10}的)?|达到|达|有|合计|合|共")
_DIGITS: Final = "0123456789"
_CURRENCY_FIRST: Final = ("人民币", "美元", "欧元", "港元", "港币", "日元", "英镑")
_CURRENCY_STARTS: Final = frozenset(w[0] for w in _CURRENCY_FIRST)
_HALF_SHARE: Final = re.compile(r"(约|近|超过|超|逾)?一半(以上|左右)?")
# The qualifiers of a share written in words (约一半, 一半以上, 不到三分之一).
_SHARE_QUALIFIERS: Final = {
    "约": "about", "左右": "about", "近": "nearly", "超过": "more_than", "超": "more_than",
    "逾": "more_than", "以上": "at_least", "不到": "at_most", "不足": "at_most",
}  # fmt: skip
_DEGREES: Final = ("摄氏度", "度", "℃", "°C")  # a temperature, which may be below zero
# A minus sign as text writes one: ASCII, Unicode's, the full-width and small forms, and the
# hyphens and dashes typed for it (增速为—2%, 增长–1.5%); a sign only right before digits and
# after no digit, unit or dash (2020—2025年, 3—5亿元 and —— are no signs: :func:`_signed`).
_MINUS: Final = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# What a sign never follows: a digit or numeral, a letter (RG-40), a unit a range's first end
# ends with (3元—5元, 5%—8%, 5℃—10℃), a closing bracket, or another dash (——: punctuation).
_NOT_BEFORE_SIGN: Final = re.compile(r"[A-Za-z0-9.%)）元币金镑度℃点\]】]")
_FALL_BEFORE: Final = re.compile(r"(?:亏损|亏|损失|下降|减少|降低|下滑|回落|缩减)(?:了|为|达)?$")
# Spaces that group digits by thousands (1 000万元 with a no-break, thin or figure space):
# between a digit and three more, read as the comma 1,000 would be; and the space some text
# puts between Chinese and digits (总投资 2.6 亿元，增长 12 %, 3000 ㎡), which carries no meaning,
# as it carries none in a value typed to hz.
_GROUP_SPACE: Final = re.compile(
    "(?<=[0-9\uff10-\uff19])[\u00a0\u2007\u2009\u202f](?=[0-9\uff10-\uff19]{3}(?![0-9\uff10-\uff19]))"
    "|(?<=[0-9\uff10-\uff19])[ \u00a0\u2009\u202f](?=[\u4e00-\u9fff%\uff05\u2030\u33a1\u33a2])"
    "|(?<=[\u4e00-\u9fff])[ \u00a0\u2009\u202f](?=[0-9\uff10-\uff19])"
)
# Full-width ASCII forms (１２％, ＡＢ) and the small percent sign (12﹪) read as their ASCII
# twins, one character for one, so that places found in the translated text are places in the
# original.
_HALF: Final = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFE6A: 0x25}
_CHINESE: Final = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_STARTS: Final = frozenset(_DIGITS + _CHINESE)
_BEFORE_NAME: Final = re.compile(r"[A-Za-z\-－/#.．·]$")
_AFTER_NAME: Final = re.compile(r"^(?:[A-Za-z]|[+＋])")
_YEAR: Final = re.compile(r"^(?:1[89]|20)\d\d$")
# A Chinese count of phases, times, years … that is a label or a time phrase, not a figure.
_TIME_AFTER: Final = re.compile(
    # …“数智大连”三年行动, 五年规划: the span a campaign or plan is named by, no figure
    r"^(?:前|来|后|以来|之前|之后|多前|之间|间|行动|攻坚|规划|计划|专项行动|倍增)"
)
_TIME_BEFORE: Final = ("未来", "今后", "近", "过去", "最近", "前", "这", "那", "每")
# After 前N年: what a benefit does for that term (免收, 减半, 每月发放, 按…给予, 享受).
_TERM_AFTER: Final = re.compile(r"[，,]?(?:免|减|每月|每人|每家|按|给予|享受|全额|补贴|奖励|返还)")
_CHANGE_VERB: Final = re.compile(
    r"(?:精简|压缩|压减|缩短|减少|降低|下降|降|提升|提高|增加|增长|扩大|壮大|攀升|跃升|增至|升|减|扩|"
    r"缩减|扩容|拓展|延长|优化|发展|变为|变成)(?:了)?(?:为|至|到)?(?:了)?(?:如今|现在|目前|今天|当前)?的?$"
)


@dataclass
class Figure:
    """A figure found in a paragraph: where it stands, as written, and its reading."""

    start: int
    end: int
    text: str
    parsed: ParsedQuantity
    rule: str
    confidence: float
    before: Figure | None = None
    # The same sum given again in another currency right after it, in brackets
    # (5000万美元（约合人民币3.6亿元）): the article's own conversion, kept with the sum.
    conversion: Figure | None = None

    @property
    def money(self) -> bool:
        return self.parsed.currency is not None


def _match_any(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.startswith(word, pos):
            return word
    return None


def _quoted_terms(text: str) -> list[tuple[int, int]]:
    """Short quoted terms (names, slogans) and book titles (《…三年行动方案》): a figure inside
    one is part of a name."""
    out = []
    for m in re.finditer(r"[“\"「『]([^“”\"「」『』]{1,14})[”\"」』]|《[^》]{1,60}》", text):
        out.append((m.start(), m.end()))
    return out


def _read_at(text: str, i: int) -> tuple[int, str, str, str] | None:
    """The figure that starts at ``i`` of the (half-width) text: its end, the text the
    grammar reads, its unit and its numeral; or None."""
    prefix = _match_any(text, i, _PREFIXES)
    j = i + len(prefix) if prefix else i
    gap = ""
    if prefix in ("最高", "最多", "最长", "不超过") and j < len(text) and text[j] not in _STARTS:
        verb = _BOUND_VERBS.match(text, j)
        if verb and verb.end() - j <= 4:
            gap = verb.group()
            j = verb.end()
    elif prefix in ("至少", "不少于") and j < len(text) and text[j] not in _STARTS:
        verb = _FLOOR_VERBS.match(text, j)  # 至少提前了6个月: at least six months
        if verb and verb.end() - j <= 4:
            gap = verb.group()
            j = verb.end()
    elif prefix in ("约", "大约") and j < len(text) and text[j] not in _STARTS:
        verb = _ABOUT_VERBS.match(text, j)  # 约为18%, 约占七成: about, whatever the verb
        if verb:
            gap = verb.group()
            j = verb.end()
    # 约合人民币12亿元, 超过人民币10亿元: a qualifier before the currency named first is the sum's;
    # 人民币5亿 with no qualifier is the currency's too, where no 元 follows (see below)
    currency = _match_any(text, j, _CURRENCY_FIRST) or ""
    if currency:
        gap += currency
        j += len(currency)
    percent = text.startswith("百分之", j) and not currency
    number_start = j + 3 if percent else j
    if number_start >= len(text) or text[number_start] not in _STARTS:
        return None
    end = numeral_end(text, number_start)
    if end == number_start:
        return None
    numeral = text[number_start:end]
    k = end
    if k < len(text) and (text[k] in "余多" or (text[k] == "几" and numeral[-1] in "十百千万")):
        k += 1  # 1600余家, 200多家, 十几个
        if k < len(text) and text[k] in "万亿":
            k += 1
    if percent:
        unit, after = "%", end
    else:
        found = _match_any(text, k, UNITS)
        if found == "个人" and text[k + 2 : k + 3] in _PERSON_COMPOUND:
            found = "个"  # 3个人才项目, 两个人工智能基地: 个 counts what follows
        if found in ("m2", "km2") and re.match("[A-Za-z0-9]", text[k + len(found) :]):
            found = None  # 8000m23: a code, not an area
        if found is None:
            if k == end and not currency:
                return None
            found = ""  # 400余: a count with its noun after it
        unit, after = found, k + len(found)
        more = (
            re.match(r"多(月|小时|工作日|星期)?", text[after:]) if found in ("倍", "个") else None
        )
        if more and (found == "倍") != bool(more.group(1)):
            # 六倍多, 4个多月: more than, written after the unit (or inside it)
            unit, after = found + (more.group(1) or ""), after + more.end()
    # 人民币5亿, 超过美元3000万: the currency written first is the unit of a sum with none after
    # it; only of one in 万 or 亿, as a rate (美元兑人民币7.1) or a price in passing is no sum,
    # and never of a range's first end (人民币3亿至5亿 is read as no figure, not as 3亿)
    bare = bool(currency) and not unit
    if bare and (
        not re.search("[万亿]", text[number_start:k]) or _match_any(text, after, _RANGE_SIGNS)
    ):
        return None
    if currency and not bare and (unit not in _MONEY_UNITS or not prefix):
        # 约人民币5家: no sum; 注册资本人民币5000万元 is read from its number, as written
        return None
    suffix = _match_any(text, after, _SUFFIXES)
    stop = after + len(suffix) if suffix else after
    if (suffix == "级" and unit not in _MONEY_UNITS) or (
        suffix == "内" and unit not in _TIME_UNITS
    ):
        stop = after  # 5级 is a grade; 10年内 is within ten years, 园区内 is a place
    if not _plausible(text, i, end, numeral, unit, k, stop):
        return None
    if bare:
        # the grammar reads a currency after the number: 人民币5亿 as 5亿人民币
        reading = text[i : i + len(prefix or "")] + text[j:after] + currency + text[after:stop]
        return stop, reading, currency, numeral
    reading = text[i : i + len(prefix or "")] + text[j:stop] if gap else text[i:stop]
    if unit in _AREA_NAMES:
        # read with the unit's name: the grammar takes no digit (the 2 of m2) in a unit
        named = _AREA_NAMES[unit]
        reading = reading[: len(reading) - (stop - k)] + named + text[after:stop]
        return stop, reading, named, numeral
    return stop, reading, unit, numeral


def _figure_at(text: str, plain: str, i: int) -> Figure | None:
    prefix = _match_any(plain, i, _PREFIXES)
    if prefix in _WORD_ENDS and i > 0 and plain[i - 1] in _WORD_ENDS[prefix]:
        # 签约三个项目, 附近5公里: the 约 of 签约 and the 近 of 附近 end a word; no qualifier
        return None
    # 数千万元, 数十家: some tens of millions, some tens; read as 上千万元, at least the power.
    vague = _VAGUE.match(plain, i) is not None
    read = _read_at(plain[:i] + "上" + plain[i + 1 :] if vague else plain, i)
    if read is None:
        return None
    stop, reading, unit, numeral = read
    try:
        parsed = parse_quantity(reading)
    except UsageError:
        # The qualifier word may belong to the sentence, not to the figure: try without it.
        if prefix and i + len(prefix) < len(plain) and plain[i + len(prefix)] in _STARTS:
            return _figure_at(text, plain, i + len(prefix))
        return None
    # The grammar reads a unit as NFKC folds it (℃ is °C).
    if unit and parsed.currency is None and parsed.unit != _folded(HALF_UNITS.get(unit, unit)):
        return None
    if parsed.unit == "个人":
        parsed = dataclasses.replace(parsed, unit="人")  # 12个人: twelve people
    rule = "figure:money" if parsed.currency else "figure:quantity"
    confidence = 0.9 if parsed.qualifier == "exact" else 0.8
    if numeral[0] in _CHINESE:
        confidence -= 0.1
    if vague:
        rule, confidence = "figure:vague", confidence - 0.2
    return Figure(i, stop, text[i:stop], parsed, rule, confidence)


_VAGUE: Final = re.compile("数(?=[十百千万亿])")
# A fraction written out (三分之一, 5分之2); 百分之 and 千分之 are rates, read as such.
_FRACTION: Final = re.compile(
    r"([一二三四五六七八九十两\d]{1,3})分之([一二三四五六七八九十\d]{1,3})"
)
_FRACTION_LEAD: Final = re.compile(r"(约|近|超过|超|不到|不足|逾)(?:占)?$")


def _fraction(whole: str, part: str, qualifier: str) -> tuple[Decimal, str] | None:
    """The value of a fraction 三分之一 (``part`` of ``whole``) to four places, with the
    qualifier that stays true of the value written: one rounded is about it (三分之一 is about
    0.3333), an upper bound rounds up and a lower one down (不到三分之一: at most 0.3334).
    None where it is no proper fraction."""
    try:
        a, b = read_number(whole), read_number(part)
    except (Invalid, ArithmeticError):
        return None
    if not (0 < b < a) or a in (100, 1000):
        return None
    share = Decimal(b) / Decimal(a)
    places = Decimal("0.0001")
    if share == share.quantize(places):
        return share.quantize(places).normalize(), qualifier
    if qualifier == "at_most":
        return share.quantize(places, rounding=ROUND_CEILING), qualifier
    if qualifier == "more_than":
        return share.quantize(places, rounding=ROUND_FLOOR), qualifier
    return share.quantize(places), "about"


# More than a bare unit of money (超亿元, 过亿元, 逾千万元), or 过 before a numeral (过10亿元).
_PASSED: Final = re.compile(
    r"[超过逾](?:((?:亿|千万|万)(?:美)?元)|(?=[\d一二三四五六七八九十百千两]))"
)
# Before 过 or 超: what makes it part of a word (经过, 通过, 超过 is read as itself, 不过, 越过).
_NOT_PASSING: Final = "经通超越度错难跨不闯"
# Qualifier words that are also the last character of a word, with what stands before them
# then: 签约, 预约, 节约, 合约 …; 附近, 临近, 邻近, 就近, 最近.
_WORD_ENDS: Final = {"约": "签预制节公条合违履特相", "近": "附临邻就最"}
# Words before a time taken (只用了一周): its 一 is a count, not the indefinite article.
_TOOK: Final = re.compile("(?:用了|用时|仅需|只需|仅用|只要|耗时|缩短[至到]|压缩[至到]|减至)$")
# After 成, characters that make it the start of a word (成立, 成为, 三五成群), no share.
_CHENG_WORDS: Final = frozenset("立为功本果员交熟群")
# After 个人, characters that make 人 the start of a word 个 counts: 人才, 人工, 人员.
_PERSON_COMPOUND: Final = "才工员力口"


def _plausible(text: str, i: int, end: int, numeral: str, unit: str, k: int, stop: int) -> bool:
    """False where the numeral is part of a date, a name, an ordinal or a time phrase."""
    before = text[max(0, i - 2) : i]
    qualified = _match_any(text, i, _PREFIXES) is not None
    if (
        not qualified  # 总数突破1800家: what stands before a qualifier is no part of the figure
        and (
            before.endswith(("第", "首", "初", "星期", "周", "礼拜"))
            # 几十个, 数百家: a vague count; 员工总数2860人 is a count
            or (before.endswith(("几", "数")) and numeral[0] in "十百千万")
        )
    ) or _BEFORE_NAME.search(before):
        return False  # 第三届, 几十个: an ordinal or a vague count
    if _AFTER_NAME.match(text[end:]) and not unit:
        return False
    if text[end : end + 1] in ("+", "＋", "×", "x", "X", "~", "～") or (
        end < len(text) and text[end] in _MINUS
    ):
        return False  # 10+1, a range's first end: the range is read from its second figure
    if numeral.isdigit() and len(numeral) > 12:
        return False  # a telephone or register number
    if unit in ("年", "年半") and (_YEAR.match(numeral) or text.startswith("年度", k)):
        return False  # 2023年, 2026年半年度报告: a year, no span of years
    if unit in ("年", "天", "周", "个月", "代") and _TIME_AFTER.match(text[stop:]):
        return False
    if unit in ("年", "天", "周", "个月") and before.endswith(_TIME_BEFORE):
        # 前2年免收租金, 前3年每月发放补贴: the term a benefit lasts, a figure; 今年前5个月 and
        # 前三年 in passing are spans of the calendar
        term = (
            before.endswith("前")
            and not re.search(r"(?:年|月|季度)前$", before)
            and _TERM_AFTER.match(text, stop) is not None
        )
        if not term:
            return False
    if (
        unit in ("年", "个月")
        and text.startswith("近", i)
        and (
            i == 0
            or text[i - 1] in "，,。；;：:、“（(\n"
            or before.endswith(("经过", "过去"))
            # 为近五年同期最多, 实验室近三年已培养…: the window a count or a record is taken in
            or re.match(r"(?:同期|以来|来|累计|已|共|先后)", text[stop:]) is not None
        )
    ):
        return False  # 近三年累计研发投入…, 经过近二十年培育: a span of time, as 近两年 is
    if numeral[0] in _CHINESE and before.endswith(("这", "那")) and not qualified:
        return False  # 这两条, 那三家: the ones just named, no figure
    if unit == "位" and text[stop : stop + 1] == "数":
        return False  # 两位数增长: double figures
    if text[stop - 1 : stop] == "内" and (
        re.match(r"[，,]?[^，,。；;]{0,5}?(?:把|将|从|让|使|要|力争)", text[stop : stop + 8])
        # 力争三年内带动…: the years a target is set over; a deadline of months or days (力争
        # 三个月内开工率达到…) is a figure of its own.
        or (unit == "年" and before.endswith(("力争", "争取", "计划", "预计", "确保")))
    ):
        return False  # 三年内把…提升到…, 三年内，我们要把…: the horizon of a plan, not a figure
    if numeral in ("一", "壹") and unit in _TIME_UNITS and _TOOK.search(text[max(0, i - 4) : i]):
        return True  # 只用了一周, 仅需一天: a time taken, not the indefinite 一
    if (
        numeral in ("一", "壹")
        and unit not in ("%", "倍", "成", *HALF_UNITS)
        and not before.endswith("仅")
    ):
        # The indefinite article (一批, 一家孵化器, 一个千万元级项目), unless qualified: 至少一个月.
        return qualified and k == end
    if unit in ("期", "代") and numeral[0] in _CHINESE and not before.endswith(("分", "共")):
        return False  # 二期: a phase label; 分三期 counts phases
    if unit == "代":
        return False
    if unit == "P" and re.match("[A-Za-z]", text[stop : stop + 1]):
        return False
    if unit == "成" and text[stop : stop + 1] in _CHENG_WORDS:
        return False
    if unit == "类" and re.match(
        "创新药|新药|药|医疗器械|器械|疫苗|证|资质", text[stop : stop + 4]
    ):
        return False  # 1类创新药, 三类医疗器械: a class, no count
    if before.endswith("前") and unit in ("位", "名", "强", ""):
        return False  # 排名前四位: a rank
    return not (unit in ("部", "处", "所", "类") and numeral[0] in _CHINESE and len(numeral) == 1)


def _folded(unit: str) -> str:
    return unicodedata.normalize("NFKC", unit)


def find_figures(text: str) -> list[Figure]:
    """Every figure in a paragraph, left to right, changes paired with the figure before.

    Characters that take no room (a zero-width space, a BOM, a joiner: 1\u200b000万元) and spaces
    that group digits (1 000万元) are read as if they were not there, and each figure's place
    and text are the paragraph's own, those characters kept: evidence stays verbatim."""
    dropped = set(no_width(text)) | {m.start() for m in _GROUP_SPACE.finditer(text)}
    if not dropped:
        return _find_figures(text)
    kept = [i for i in range(len(text)) if i not in dropped]
    found = _find_figures("".join(text[i] for i in kept))
    return [_placed(fig, text, kept) for fig in found]


def _placed(fig: Figure, text: str, kept: list[int]) -> Figure:
    """A figure found in the text without its dropped characters, placed in ``text``."""
    start, end = kept[fig.start], kept[fig.end - 1] + 1
    before = _placed(fig.before, text, kept) if fig.before is not None else None
    conversion = _placed(fig.conversion, text, kept) if fig.conversion is not None else None
    return dataclasses.replace(
        fig, start=start, end=end, text=text[start:end], before=before, conversion=conversion
    )


def _signed(plain: str, i: int) -> int:
    """The length of the minus sign at ``i`` (0 if none stands there): a dash or 负 right before
    digits (为—2%, 亏损－120.5亿元, 增长负2%), after no digit, unit or other dash."""
    c = plain[i]
    if c == "负":  # not in 正负5% (plus or minus)
        after = plain[i + 1 : i + 2]
        signed = after and (after in _DIGITS or after in "一二两三四五六七八九")
        return 1 if signed and plain[i - 1 : i] != "正" else 0
    if c not in _MINUS or i + 1 >= len(plain) or plain[i + 1] not in _DIGITS:
        return 0
    if i > 0 and (
        _NOT_BEFORE_SIGN.match(plain[i - 1]) or plain[i - 1] in _CHINESE or plain[i - 1] in _MINUS
    ):
        return 0
    return 1


def _find_figures(text: str) -> list[Figure]:
    found: list[Figure] = []
    plain = text.translate(_HALF)
    skip = _quoted_terms(plain) + [(m.start() - 1, m.end()) for m in _SET_PHRASES.finditer(plain)]
    i = 0
    while i < len(plain):
        c = plain[i]
        bare = re.match(r"(?:亿|万|千万)(?:美)?元以上", plain[i:])
        if bare and (i == 0 or (plain[i - 1] not in _STARTS and plain[i - 1] not in "余多")):
            # 亿元以上项目: a threshold of one 亿, its 1 unwritten.
            parsed = parse_quantity("1" + bare.group())
            found.append(Figure(i, i + bare.end(), text[i : i + bare.end()], parsed,
                                "figure:threshold", 0.7))  # fmt: skip
            i += bare.end()
            continue
        part = _FRACTION.match(plain, i) if c in _STARTS else None
        lead = _FRACTION_LEAD.search(plain, max(0, i - 6), i) if part else None
        qualifier = _SHARE_QUALIFIERS.get(lead.group(1), "exact") if lead else "exact"
        read = _fraction(part.group(1), part.group(2), qualifier) if part else None
        if part and read is not None:
            # 成本只有三分之一, 约占三分之二: a share written as a fraction, to four places
            share, qualifier = read
            start = lead.start() if lead else i
            if lead:
                found = [f for f in found if f.end <= start]
            parsed = ParsedQuantity(share, "", qualifier)  # type: ignore[arg-type]
            found.append(
                Figure(start, part.end(), text[start : part.end()], parsed, "figure:share", 0.7)
            )
            i = part.end()
            continue
        passed = _PASSED.match(plain, i) if c in "超过逾" else None
        if passed and not (i > 0 and plain[i - 1] in _NOT_PASSING):
            # 营收过亿元的企业, 超亿元: more than one 亿, its 1 unwritten; 过10亿元 as 超10亿元
            if passed.group(1):
                parsed = parse_quantity("超1" + passed.group(1))
                end = passed.end()
                found.append(Figure(i, end, text[i:end], parsed, "figure:threshold", 0.7))
                i = end
                continue
            if c == "过":
                fig = _figure_at(text, plain[:i] + "超" + plain[i + 1 :], i)
                # only a sum: 算过一笔账, 去过3次 hold the 过 of a verb
                if fig is not None and fig.money and fig.parsed.qualifier == "more_than":
                    found.append(_per_unit(text, plain, fig))
                    i = fig.end
                    continue
        half = _HALF_SHARE.match(plain, i) if c in "一约近超逾" else None
        if half and (re.search(r"(?:占|的|了|达|为)$", plain[max(0, i - 2) : i]) or half.group(2)):
            # 约占…的一半, 研发人员占了一半以上: half, a share of 50 %
            qualifier = _SHARE_QUALIFIERS.get(half.group(1) or half.group(2) or "", "exact")
            about = re.search(r"约(?:占|为)[^，,。；;：:\d]{0,10}的?$", plain[max(0, i - 14) : i])
            start = i - len(about.group()) if about and qualifier == "exact" else i
            if start < i:
                qualifier = "about"
                found = [f for f in found if f.end <= start]
            parsed = ParsedQuantity(50, "%", qualifier)  # type: ignore[arg-type]
            found.append(
                Figure(start, half.end(), text[start : half.end()], parsed, "figure:share", 0.7)
            )
            i = half.end()
            continue
        halved = _half_unit(plain, i) if c == "半" else None
        if halved is not None:
            # 压缩至半个工作日, 只要半天: half of a unit of time, a figure of 0.5 of it
            end, unit = halved
            parsed = ParsedQuantity(Decimal("0.5"), unit, "exact")
            found.append(Figure(i, end, text[i:end], parsed, "figure:half", 0.7))
            i = end
            continue
        negative = None
        if c == "零" and re.match(r"零下\d", plain[i : i + 3]):
            # 零下40摄氏度: a temperature below zero
            negative = _negative(text, plain, i, 2, _DEGREES)
        elif sign := _signed(plain, i):
            # 同比增长-3.2%, | -2.1% |, 增速为—2%: a fall written as a negative rate; 净利润为
            # －120.5亿元: a loss (a sum, never one invested: see ``assemble.investment_basis``)
            # A signed sum after a word of loss or fall (亏损-5亿元) is left out: the sign may
            # say the word again or undo it, and no reading is sure.
            fall = _FALL_BEFORE.search(plain, max(0, i - 4), i) is not None
            units = ("%", "个百分点", *_DEGREES)
            negative = _negative(text, plain, i, sign, units, money=not fall)
            if negative is None:
                # A signed number of no unit that may be negative (-5家) is no figure, whatever
                # the sign's form: its digits are never read without it.
                i = max(i + sign, numeral_end(plain, i + sign))
                continue
        if negative is not None:
            found.append(negative)
            i = negative.end
            continue
        if c in _STARTS or c in _PREFIX_STARTS or c == "数" or c in _CURRENCY_STARTS:
            if any(a < i < b for a, b in skip):
                i += 1
                continue
            ends = _range_at(text, plain, i) or _spoken_range_at(text, plain, i)
            if ends is not None:
                found.extend(ends)
                i = ends[-1].end
                continue
            spoken = _counted_yi(text, plain, i)
            if spoken is not None:
                found.append(spoken)
                i = spoken.end
                continue
            base = _PER_BASE.match(plain, i) if plain[i - 1 : i] == "每" else None
            if base is not None:
                i = base.end()  # 每千人, 每万人: the base of a rate, no figure
                continue
            fig = _figure_at(text, plain, i)
            if fig is not None:
                fig = _per_unit(text, plain, fig)
                found.append(fig)
                i = fig.end
                continue
            if c in _STARTS:  # no figure starts inside a numeral that is none: 2025年
                i = max(i + 1, numeral_end(plain, i))
                continue
        i += 1
    found = _no_conversions(text, plain, _bounded_shares(text, plain, found))
    return _pair_changes(text, _share_qualifiers(plain, found))


# Half of a unit of time, written with 半 and no numeral: 半个工作日, 半个小时, 半天, 半年.
_HALF_UNIT: Final = re.compile(r"半(个工作日|个小时|个月|小时|天|年)")
# Before 半: what makes the half a period of the calendar or a frequency (上半年, 每半年, 近半年).
_HALF_PERIOD: Final = re.compile(r"[上下前后每近大多这那一两]$")
# Before the half: what makes it a time taken or the new figure of a change (仅用半天, 缩短至半年).
_HALF_TAKEN: Final = re.compile(r"(?:至|到|为|仅|只|用|需|要|耗)$")


def _half_unit(plain: str, i: int) -> tuple[int, str] | None:
    """The end and unit of a half unit of time at ``i`` (压缩至半个工作日 → 个工作日), or None: a
    half with a numeral before it (一个半月) is read with the numeral, 上半年 is a period, and a
    half is a figure only as a time taken or a change's new figure."""
    m = _HALF_UNIT.match(plain, i)
    if m is None or _HALF_PERIOD.search(plain[:i]):
        return None
    if not (_HALF_TAKEN.search(plain[:i]) or _TOOK.search(plain[:i])):
        return None  # 一看就是半个小时, 半小时车程内: a while in passing, no figure
    if plain[m.end() : m.end() + 1] in ("度", "报", "期", "内"):
        return None  # 半年度, 半年报
    return m.end(), m.group(1)


def _per_unit(text: str, plain: str, fig: Figure) -> Figure:
    """A price per unit written with a slash (40万元/亩, 约3280元/平方米): the figure goes on to
    the unit it is paid for, which is then its unit (元/亩)."""
    per = _PER_UNIT.match(plain, fig.end) if fig.money else None
    if per is None:
        return fig
    paid = _AREA_NAMES.get(per.group(1), per.group(1))
    parsed = dataclasses.replace(fig.parsed, unit=fig.parsed.unit + "/" + paid)
    return dataclasses.replace(fig, end=per.end(), text=text[fig.start : per.end()], parsed=parsed)


_PER_UNIT: Final = re.compile(
    r"/(亩|平方米|平米|㎡|m²|m2|吨|千瓦时|度|立方米|人|月|年|天|件|台|套|公里|千克|公斤|小时)(?![\u4e00-\u9fff]{0,1}[\d])"
)


def _negative(
    text: str, plain: str, i: int, sign: int, units: tuple[str, ...], *, money: bool = False
) -> Figure | None:
    """The figure after a sign ``sign`` characters long at ``i`` (零下, -), negated, where it is
    in one of ``units`` (or a sum of money, with ``money``); the sign is read as a space, so
    that no rule takes it for a name's."""
    fig = _figure_at(text, plain[:i] + " " * sign + plain[i + sign :], i + sign)
    if fig is None or fig.start != i + sign:
        return None
    if not (fig.parsed.unit in units and not fig.money) and not (money and fig.money):
        return None
    minor = fig.parsed.minor
    negated = dataclasses.replace(
        fig.parsed, number=-fig.parsed.number, minor=None if minor is None else -minor
    )
    return dataclasses.replace(fig, start=i, text=text[i : fig.end], parsed=negated)


# Brackets that give a sum again in another currency (5亿美元（约合人民币35.6亿元）).
_CONVERTED: Final = re.compile(rf"[（(]\s*(?:{lx.CONVERTING})(?:人民币)?\s*")
# The same said after a comma (投资1.2亿美元，折合人民币约8.6亿元): only with a word that can
# mean nothing but converting, since after a comma a bare 约 begins a sum of its own.
_CONVERTED_AFTER_COMMA: Final = re.compile(r"[，,]\s*(?:折合|约合|相当于)(?:人民币)?\s*")


# Set phrases with a number that count nothing (十年如一日: steadily, year after year).
_SET_PHRASES: Final = re.compile(r"[一二三四五六七八九十百千几数]+年如一日")
# A bound put on a share of something named between (按不超过实际投资额的10%给予补助).
_SHARE_BOUND: Final = re.compile(
    # 从最高时的30%: the highest it was, no bound
    r"(?<![从由])(不超过|不高于|最高不超过|最高|最多|至多|不低于|不少于|至少)(?![时峰点期])"
    r"[^，,。；;：:、\d%“”《》]{1,12}?的$"
)
_BOUND_QUALIFIER: Final[dict[str, Qualifier]] = {
    "不超过": "at_most", "不高于": "at_most", "最高不超过": "at_most", "最高": "at_most",
    "最多": "at_most", "至多": "at_most", "不低于": "at_least", "不少于": "at_least",
    "至少": "at_least",
}  # fmt: skip


def _bounded_shares(text: str, plain: str, figures: list[Figure]) -> list[Figure]:
    """A share with a bound a few words before it, across what it is a share of (不超过市场价格
    的70%): the bound is its qualifier, and its text begins at the bound, as the words are
    written; it was read as exactly 70%."""
    out: list[Figure] = []
    last_end = 0
    for fig in figures:
        bound = None
        if fig.parsed.unit == "%" and fig.parsed.qualifier == "exact":
            bound = _SHARE_BOUND.search(plain, max(last_end, fig.start - 20), fig.start)
        if bound is not None:
            parsed = dataclasses.replace(fig.parsed, qualifier=_BOUND_QUALIFIER[bound.group(1)])
            fig = dataclasses.replace(
                fig, start=bound.start(), text=text[bound.start() : fig.end], parsed=parsed
            )
        out.append(fig)
        last_end = fig.end
    return out


def _no_conversions(text: str, plain: str, figures: list[Figure]) -> list[Figure]:
    """The figures less each sum that only converts the sum right before it, which is kept as
    that sum's ``conversion``: the article's own figure is the first, and no rule that reads a
    paragraph's figures in turn (lists, changes, 分别) takes the second for another sum."""
    out: list[Figure] = []
    for fig in figures:
        last = out[-1] if out else None
        if (
            last is not None
            and last.conversion is None
            and fig.money
            and last.money
            and fig.parsed.currency != last.parsed.currency
            and (
                _CONVERTED.fullmatch(plain[last.end : fig.start])
                or _CONVERTED_AFTER_COMMA.fullmatch(plain[last.end : fig.start])
                or (
                    re.fullmatch(r"[，,]\s*", plain[last.end : fig.start])
                    and fig.text.startswith(("约合", "折合", "相当于"))
                )
                or (re.fullmatch(r"[（(]\s*", plain[last.end : fig.start]) and fig.text[0] == "约")
            )
        ):
            out[-1] = dataclasses.replace(last, conversion=_converted(text, plain, last, fig))
            continue
        out.append(fig)
    return out


def _converted(text: str, plain: str, sum_: Figure, fig: Figure) -> Figure:
    """A conversion as a figure of its own: about, where the words before it say so (约合,
    折合人民币约), as a rate makes it; its text from the word that opens it (约合人民币3.6亿元)."""
    opening = plain[sum_.end : fig.start]
    word = re.match(rf"[（(，,]\s*((?:{lx.CONVERTING})(?:人民币)?\s*)?", opening)
    start = sum_.end + (word.start(1) if word and word.group(1) else len(opening))
    parsed = fig.parsed
    if parsed.qualifier == "exact" and "约" in plain[start : fig.start]:
        parsed = dataclasses.replace(parsed, qualifier="about")
    return dataclasses.replace(
        fig, start=start, text=text[start : fig.end], parsed=parsed, rule="figure:converted",
        confidence=min(fig.confidence, sum_.confidence) - 0.1,
    )  # fmt: skip


def _share_qualifiers(plain: str, figures: list[Figure]) -> list[Figure]:
    """A qualifier written before the first item of a list (最高1000万元、500万元) holds for
    the items after it that have none of their own."""
    out: list[Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        if (
            prev is not None
            and plain[prev.end : fig.start] == "、"
            and fig.parsed.qualifier == "exact"
            and prev.parsed.qualifier != "exact"
            and (prev.rule == "figure:listed" or _match_any(plain, prev.start, _PREFIXES))
            and (prev.parsed.unit == fig.parsed.unit)
        ):
            parsed = dataclasses.replace(fig.parsed, qualifier=prev.parsed.qualifier)
            fig = dataclasses.replace(fig, parsed=parsed, rule="figure:listed",
                                      confidence=fig.confidence - 0.1)  # fmt: skip
        out.append(fig)
    return out


# Every dash a minus may be written with joins a range's two ends too (3–5亿元, 3—5亿元).
_RANGE_SIGNS: Final = ("至", "到", "~", "～", *_MINUS)
_MULTIPLIERS: Final = ("千万", "百万", "万", "亿")


def _range_at(text: str, plain: str, i: int) -> list[Figure] | None:
    """A range (3亿至5亿元, 3至5亿元, 3000万-5000万元) that starts at ``i``: two figures over its
    whole text, at least its first end and at most its second, so that neither end is taken
    for the figure itself. None where no range starts there, or where it is a change
    (从3亿元增至5亿元 is read by :func:`_pair_changes`)."""
    if plain[i] not in _STARTS:
        return None
    end = numeral_end(plain, i)
    own_mult = _match_any(plain, end, _MULTIPLIERS) or ""
    j = end + len(own_mult)
    own_unit = _match_any(plain, j, UNITS) or ""
    j += len(own_unit)
    sign = _match_any(plain, j, _RANGE_SIGNS)
    if end == i or sign is None or re.search("[从由]", plain[max(0, i - 12) : i]):
        return None
    # The second end read as if the sign were a space (a dash before a number marks a model
    # name, RG-40, to the figure reader).
    k = j + len(sign)
    high = _figure_at(text, plain[:j] + " " * len(sign) + plain[k:], k)
    if high is None or high.start != k or high.parsed.qualifier != "exact":
        return None
    high_end = numeral_end(plain, k)
    low_numeral = plain[i:end]
    # 3至5亿元: the first end takes the multiplier the second is written with.
    mult = re.search("[千百万亿]+$", plain[k:high_end])
    if mult and not re.search("[千百万亿]$", low_numeral) and not own_mult:
        low_numeral += mult.group()
    unit = _AREA_NAMES.get(plain[high_end : high.end], plain[high_end : high.end])
    if own_unit and _AREA_NAMES.get(own_unit, own_unit) != unit:
        return None  # 3个月至5年: not one measure
    try:
        low = parse_quantity(low_numeral + own_mult + unit)
    except UsageError:
        return None
    if low.unit != high.parsed.unit or low.currency != high.parsed.currency:
        return None
    if not low.number < high.parsed.number:
        return None
    whole = text[i : high.end]
    rule = "figure:range"
    least = dataclasses.replace(low, qualifier="at_least")
    most = dataclasses.replace(high.parsed, qualifier="at_most")
    return [
        Figure(i, high.end, whole, least, rule, 0.8),
        Figure(i, high.end, whole, most, rule, 0.8),
    ]


_COUNTED_YI: Final = re.compile(
    r"((?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十几]{1,3}))个(多)?亿(元|美元)?"
)
_PER_BASE: Final = re.compile(r"(?:十|百|千|万|十万|百万)(?=人|户|名|家|平方|元)")


def _counted_yi(text: str, plain: str, i: int) -> Figure | None:
    """两个亿, 3个多亿元: 亿 counted as a thing is the number, not a count of 个 (两个亿 was read
    as 两个). Without 元 it says no currency, so it is read as a bare number."""
    m = _COUNTED_YI.match(plain, i)
    if m is None or "几" in m.group(1) or (i > 0 and plain[i - 1] in _STARTS):
        return None
    try:
        parsed = parse_quantity(
            ("超" if m.group(2) else "") + m.group(1) + "亿" + (m.group(3) or "")
        )
    except UsageError:
        return None
    rule = "figure:money" if parsed.currency else "figure:quantity"
    return Figure(i, m.end(), text[i : m.end()], parsed, rule, 0.7)


_NEIGHBOURS: Final = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _spoken_range_at(text: str, plain: str, i: int) -> list[Figure] | None:
    """Two neighbouring digits said together (两三家, 七八十家, 三四百人, 五六千万元), or three and
    five (三五家): a range from the first to the second, both taking the places the second is
    written with; or such a pair after a count of tens (十二三家, 二十四五个): the tens held by
    both. None where no such pair starts at ``i`` (九十 is ninety, 十一二月 a date)."""
    if i > 0 and (plain[i - 1] in _STARTS or plain[i - 1] == "第"):
        return None  # 第三四名, 第十二三位: ranks
    tens = _TENS_PAIR.match(plain, i)
    if tens is not None:
        return _tens_range(text, plain, tens)
    first, second = _NEIGHBOURS.get(plain[i]), _NEIGHBOURS.get(plain[i + 1 : i + 2])
    if first is None or second is None or (second != first + 1 and (first, second) != (3, 5)):
        return None
    high = _figure_at(text, plain, i + 1)
    if high is None or high.start != i + 1 or high.parsed.qualifier != "exact":
        return None
    if high.parsed.unit in _NO_RANGE_UNITS or high.before is not None:
        return None
    low_number, rest = divmod(Decimal(high.parsed.number) * first, second)
    minor = high.parsed.minor
    if rest or (minor is not None and minor * first % second):
        return None
    low = dataclasses.replace(
        high.parsed,
        number=int(low_number),
        qualifier="at_least",
        minor=None if minor is None else minor * first // second,
    )
    return _spoken_range(text, i, high, low)


# A count of tens and a digit, with a digit after it: 十二三, 二十四五.
_TENS_PAIR: Final = re.compile("([二三四五六七八九]?十)([一二三四五六七八])(?=[二三四五六七八九])")
# The places a pair after tens may take: none, 万 or 亿 (十二三万元); 十二三百 says nothing.
_TENS_SCALES: Final = frozenset([1, 10**4, 10**8])


def _tens_range(text: str, plain: str, tens: re.Match[str]) -> list[Figure] | None:
    """十二三家, 二十四五个, 十五六万元: from the tens and the first digit to the tens and the
    next digit, in the places written after it. 十四五 is the name of a five-year plan however
    it is written (“十四五”期间, 十四五规划), never fourteen or fifteen."""
    first = _NEIGHBOURS[tens.group(2)]
    if _NEIGHBOURS[plain[tens.end()]] != first + 1 or tens.group() == "十四":
        return None
    high = _figure_at(text, plain, tens.end())
    if high is None or high.start != tens.end() or high.parsed.qualifier != "exact":
        return None
    if high.parsed.unit in _NO_RANGE_UNITS or high.before is not None:
        return None
    scale, rest = divmod(Decimal(high.parsed.number), first + 1)
    if rest or scale not in _TENS_SCALES:
        return None
    base = int(read_number(tens.group(1)))
    money = high.parsed.minor is not None
    top, bottom = (base + first + 1) * int(scale), (base + first) * int(scale)
    most = dataclasses.replace(high.parsed, number=top, minor=top * 100 if money else None)
    low = dataclasses.replace(
        high.parsed, number=bottom, qualifier="at_least", minor=bottom * 100 if money else None
    )
    return _spoken_range(text, tens.start(), dataclasses.replace(high, parsed=most), low)


def _spoken_range(text: str, i: int, high: Figure, low: ParsedQuantity) -> list[Figure]:
    """The two figures of a range said in words, over its whole text from ``i``."""
    most = dataclasses.replace(high.parsed, qualifier="at_most")
    whole = text[i : high.end]
    return [
        Figure(i, high.end, whole, low, "figure:range", 0.7),
        Figure(i, high.end, whole, most, "figure:range", 0.7),
    ]


# Units of a date or a time: 三四月 are months of the year, no count. And 岁: an age said
# roughly (他十二三岁时, 三四十岁的工程师) tells of a life in passing, no fact of anyone's.
_NO_RANGE_UNITS: Final = frozenset(
    ["月", "月份", "日", "号", "点", "时", "年", "季度", "期", "代", "岁"]
)


def _pair_changes(text: str, figures: list[Figure]) -> list[Figure]:
    """Join a figure before a change to the figure after it: 由15份精简为1份."""
    out: list[Figure] = []
    i = 0
    while i < len(figures):
        fig = figures[i]
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        if nxt is not None and _is_change(text, fig, nxt):
            nxt.before = fig
            nxt.rule = "figure:change"
            out.append(nxt)
            i += 2
            continue
        out.append(fig)
        i += 1
    return out


def _is_change(text: str, old: Figure, new: Figure) -> bool:
    between = text[old.end : new.start]
    # 由2020年的486亿元增至2025年的812亿元: the year of the new figure stands before it.
    plain = _CHANGE_YEAR.sub("", between)
    if len(plain) > 10 or re.search(r"[，,。；;]", between):
        return False
    # The same unit, or two of time (由原来的2天压缩到6小时以内, 由4个月缩短到45天).
    same = (
        old.parsed.unit == new.parsed.unit
        or (old.parsed.currency is not None and old.parsed.currency == new.parsed.currency)
        or (old.parsed.unit in _TIME_UNITS and new.parsed.unit in _TIME_UNITS)
    )
    if not same:
        return False
    if between.strip() in ("→", "->", "—>", "➝", "至", "到"):
        lead = text[max(0, old.start - 12) : old.start]
        return between.strip() not in ("至", "到") or bool(re.search("[从由]", lead))
    if not _CHANGE_VERB.search(plain):
        return False
    lead = text[max(0, old.start - 16) : old.start]
    return (
        bool(re.search("[从由]", lead))
        and re.search("(?:为|至|到)[^为至到]{0,5}$", plain) is not None
    )


# A year (and the month or end of it) right before a change's new figure: 增至2025年底的.
_CHANGE_YEAR: Final = re.compile(
    r"(?<=[为至到])(?:(?:\d{4}年|去年|今年|前年|上年)(?:\d{1,2}月)?(?:底|末)?的?)"
)


def change_lead(text: str, old: Figure) -> int:
    """Where the words that begin a change start (the 从 or 由 before its old figure, with the
    date of the old figure after it: 从2020年的612家…), or the old figure's start."""
    lead = re.search("[从由][^从由，,。；;]{0,15}$", text[max(0, old.start - 16) : old.start])
    return old.start - len(lead.group()) if lead else old.start
