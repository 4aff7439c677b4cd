"""Dates in running text, resolved against the article's own date.

Full dates (2025年5月18日, 2025-05-18), months and years (2025年5月, 2023年), dates without a
year (5月18日, read in the article's year), relative ones (今年, 去年10月, 前年, 明年一季度,
上月, 本月底, 昨天, 当天) and 同年, which takes the year last named. Each becomes an ISO date as
precise as the text: ``2025``, ``2025-10`` or ``2025-05-18``; what only names a period
(一季度, 上半年, 年底, 日前) keeps the year. A date that cannot be resolved (5月18日 in an
article whose year is unknown) is left out, never guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Final

from hightech_cli.invisible import no_width

_HALF: Final = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_CN_DIGITS: Final = dict(zip("〇零一二三四五六七八九", "0012345678", strict=False)) | {"九": "9"}
_CN_YEAR: Final = re.compile(r"([〇零一二三四五六七八九]{4})年")
_PATTERNS: Final = re.compile(
    "|".join(
        [
            r"(?P<ymd>(?P<y1>(?:19|20)\d\d)\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号])",
            r"(?P<iso>(?P<y2>(?:19|20)\d\d)[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2}))(?!\d)",
            r"(?P<ym>(?P<y3>(?:19|20)\d\d)\s*年\s*(?P<m3>\d{1,2})\s*月)",
            r"(?P<y>(?P<y4>(?:19|20)\d\d)\s*年)",
            # 三年后，…: years after the year last named, opening its clause
            r"(?P<after>(?<![\d一二两三四五六七八九十几数多])(?P<years>[一二两三四五六七八九十]|\d)"
            r"年(?:之)?后(?:(?=[，,])|(?<=[，,；;].年后)|(?<=[，,；;].年之后)))",
            r"(?P<rel>(?P<which>今年|本年|去年|上年|前年|明年|同年|当年|那年|那一年|这一年|次年|翌年|第二年)"
            # 明年年底: the end of next year, one date, not next year and this year's end
            r"(?:(?P<m4>\d{1,2})\s*月(?:(?P<d4>\d{1,2})\s*[日号])?|年底前?|年末|年初|年中)?)",
            r"(?P<mon>(?P<mwhich>上月|上个月|本月|这个月|当月|下月|下个月|次月|翌月)"
            r"(?:(?P<d6>\d{1,2})\s*[日号])?)",
            # 自印发之日起施行: the day the document was issued, the day last named in its paragraph
            r"(?P<day>昨天|昨日|今天|今日|前天|当天|当日|同日|同一天|次日|翌日"
            r"|(?:印发|发布|公布|签署|出台)之日)",
            # 年内 is this year; 2年内, 三年内 are spans of years (no date)
            r"(?P<recent>日前|近日|(?<![\d一二两三四五六七八九十几数多])年内|今年底|年底前|年底)",
            r"(?P<md>(?<![\d年个])(?P<m5>\d{1,2})\s*月(?:\s*(?P<d5>\d{1,2})\s*[日号])?)",
        ]
    )
)
_N: Final = r"(\d{1,2})"
# Before a date, words that make it the end of a term (有效期至…, 截至…): what 当天 and 同年 later
# refer to is a day something happened, never such a bound.
_BOUNDS_A_TERM: Final = re.compile(r"(?:至|到|截止|止于)\s*$")
_TITLE: Final = re.compile(r"《[^《》\n]{1,80}》")  # a document's title
_NEXT_YEAR: Final = ("次年", "翌年", "第二年")
_YEARS_AFTER: Final = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
_LAST_YEAR: Final = ("同年", "当年", "那年", "那一年", "这一年")  # the year last named
_SAME_DAY: Final = ("当天", "当日", "同日", "同一天")  # the day last named
_DAY_AFTER: Final = ("次日", "翌日")  # the day after it
_YEAR_OFFSET: Final = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_MONTH_OFFSET: Final = {
    "上月": -1, "上个月": -1, "本月": 0, "这个月": 0, "当月": 0, "下月": 1, "下个月": 1
}  # fmt: skip
_DAY_OFFSET: Final = {"昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "前天": -2}


@dataclass(frozen=True)
class Reference:
    """What relative dates are read against: the article's date, as precise as it is known.
    ``guessed``: the article prints no date, and the year is :func:`article_year`'s guess."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    guessed: bool = False

    @classmethod
    def of(cls, iso: str, *, guessed: bool = False) -> Reference:
        parts: list[int | None] = [int(p) for p in iso.split("-") if p.isdigit()] if iso else []
        parts += [None] * (3 - len(parts))
        return cls(parts[0], parts[1], parts[2], guessed=guessed)


@dataclass(frozen=True)
class DateMention:
    """A date expression where it stands in a text, and what it resolves to."""

    start: int
    end: int
    text: str
    iso: str  # YYYY, YYYY-MM or YYYY-MM-DD
    guessed: bool = False  # read in a year the article does not print (``Reference.guessed``)

    @property
    def year(self) -> int:
        return int(self.iso[:4])


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + by
    return total // 12, total % 12 + 1


def find_dates(text: str, ref: Reference, last_year: list[Any] | None = None) -> list[DateMention]:
    """The date expressions of ``text``, resolved; ``last_year`` carries the year last named
    from one paragraph to the next (for 同年), with the full date last named (for 当天), and is
    updated. Characters that take no room (2025\u200b年5月) are read as if not there, and each
    date's place and text are the paragraph's own, as figures' are."""
    hidden = set(no_width(text))
    if not hidden:
        return _find_dates(text, ref, last_year)
    kept = [i for i in range(len(text)) if i not in hidden]
    found = _find_dates("".join(text[i] for i in kept), ref, last_year)
    out = []
    for d in found:
        start, end = kept[d.start], kept[d.end - 1] + 1
        out.append(dataclasses.replace(d, start=start, end=end, text=text[start:end]))
    return out


def _find_dates(text: str, ref: Reference, last_year: list[Any] | None) -> list[DateMention]:
    plain = _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)) + "年", text)
    if len(plain) != len(text):  # pragma: no cover - the substitution keeps lengths
        plain = text
    plain = plain.translate(_HALF)
    carry = last_year if last_year is not None else []
    out: list[DateMention] = []
    day_here: str | None = None  # the day last named in this paragraph (no term's bound)
    titles = [t.span() for t in _TITLE.finditer(plain)]
    for m in _PATTERNS.finditer(plain):
        if any(a < m.start() < b for a, b in titles):
            continue  # 《…三年行动方案（2026—2028年）》: a year of a title names no day of news
        # 自印发之日起施行: the day of issue is named before it in its paragraph, or unknown
        issued = (m.group("day") or "").endswith("之日")
        iso = day_here if issued else _resolve(m, ref, carry)
        if iso is None:
            continue
        guessed = ref.guessed and not _stands_alone(m, carry)
        out.append(DateMention(m.start(), m.end(), text[m.start() : m.end()], iso, guessed))
        if _BOUNDS_A_TERM.search(plain[max(0, m.start() - 4) : m.start()]) or (
            re.search(r"[自从]\s*$", plain[max(0, m.start() - 2) : m.start()])
            and re.match(r"\s*起", plain[m.end() :])
        ):
            continue  # 有效期至2029年8月31日, 自9月1日起施行: a term's end or start, no day of news
        if m.group("day") in _DAY_AFTER:
            continue  # 次日上午…。当天下午…: a side step from the day told, which 当天 still means
        day = [iso] if len(iso) == 10 else carry[1:2]
        day_here = iso if len(iso) == 10 else day_here
        carry[:] = [int(iso[:4]), *day]
    return out


def _stands_alone(m: re.Match[str], carry: list[Any]) -> bool:
    """Whether a date is read without the article's year: it names its own year, or takes the
    year last named (同年)."""
    g = m.group
    if g("ymd") or g("iso") or g("ym") or g("y"):
        return True
    return bool(carry) and bool(g("after") or g("which") in (*_LAST_YEAR, *_NEXT_YEAR))


def _day_named(carry: list[Any]) -> dt.date | None:
    """The day last named, as ``carry`` keeps it (``find_dates``), if one was named to the day."""
    last = str(carry[1]) if len(carry) > 1 else ""
    return dt.date.fromisoformat(last) if len(last) == 10 else None


def _resolve(m: re.Match[str], ref: Reference, carry: list[Any]) -> str | None:
    g = m.group
    if g("ymd"):
        return _iso(int(g("y1")), int(g("m1")), int(g("d1")))
    if g("iso"):
        return _iso(int(g("y2")), int(g("m2")), int(g("d2")))
    if g("ym"):
        return _iso(int(g("y3")), int(g("m3")))
    if g("y"):
        return _iso(int(g("y4")))
    if g("after"):
        # 三年后: the years counted from the one last named, where one is
        years = g("years")
        count = int(years) if years.isdigit() else _YEARS_AFTER[years]
        return _iso(carry[0] + count) if carry else None
    if g("rel"):
        which = g("which")
        if which in ("那年", "那一年", "这一年") and not carry:
            return None  # that year: one told before, and none was
        if which in _LAST_YEAR:
            year = carry[0] if carry else ref.year
        elif which in _NEXT_YEAR:  # 次年: the year after the one last named
            year = carry[0] + 1 if carry else None
        else:
            year = None if ref.year is None else ref.year + _YEAR_OFFSET[which]
        if year is None:
            return None
        month, day = g("m4"), g("d4")
        return _iso(year, int(month) if month else None, int(day) if day else None)
    if g("mon") and g("mwhich") in ("次月", "翌月"):
        # 项目一期将于次月开工: the month after the day last named, where one is
        last = _day_named(carry)
        if last is None:
            return None
        year, month = _shift_month(last.year, last.month, 1)
        day = g("d6")
        return _iso(year, month, int(day) if day else None)
    if g("mon"):
        if ref.year is None or ref.month is None:
            return None if ref.year is None else _iso(ref.year)
        year, month = _shift_month(ref.year, ref.month, _MONTH_OFFSET[g("mwhich")])
        day = g("d6")
        return _iso(year, month, int(day) if day else None)
    if g("day"):
        word = g("day")
        if word in _SAME_DAY and len(carry) > 1:
            return str(carry[1])  # the day last named, whether or not the article is dated
        if word in _DAY_AFTER:
            # 次日: the day after the day last named, where one is named to the day
            last = _day_named(carry)
            return None if last is None else (last + dt.timedelta(days=1)).isoformat()
        if ref.year is None:
            return None
        if ref.month is None or ref.day is None:
            return _iso(ref.year)
        if word in _SAME_DAY:
            return None
        base = dt.date(ref.year, ref.month, ref.day) + dt.timedelta(days=_DAY_OFFSET[word])
        return base.isoformat()
    if g("recent"):
        return None if ref.year is None else _iso(ref.year)
    if g("md"):
        year = ref.year if ref.year is not None else (carry[0] if carry else None)
        if year is None:
            return None
        day = g("d5")
        return _iso(year, int(g("m5")), int(day) if day else None)
    return None  # pragma: no cover - every alternative is handled above


def publication_date(text: str) -> str:
    """The article's date as printed near its top (a masthead, a dateline, a date line), or ""."""
    head = text[:600].translate(_HALF)
    for pattern in (
        rf"((?:19|20)\d\d)\s*年\s*{_N}\s*月\s*{_N}\s*日",
        rf"((?:19|20)\d\d)[-/.]{_N}[-/.]{_N}(?!\d)",
    ):
        for m in re.finditer(pattern, head):
            # A date inside a sentence (…，自2025年9月1日起施行) is what happens then, not when
            # the article was printed: the date stands in a short line of its own, or begins
            # its paragraph (after a dateline: 本报讯（记者 某某）2025年3月4日，…), or a
            # dateline ends with it (…2025年3月4日电).
            start = head.rfind("\n", 0, m.start()) + 1
            end = head.find("\n", m.end())
            line = head[start : len(head) if end < 0 else end]
            if (
                (len(line.strip()) <= _DATE_LINE and not re.search("[，。；！？]", line))
                or re.fullmatch(_LEAD, head[start : m.start()])
                or re.match(r"\s*[讯电]", head[m.end() :])
            ):
                return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) or ""
    return ""


_DATE_LINE: Final = 48  # characters of a line that dates an article, at most
_LEAD: Final = r"\s*(?:[^，。；\n]{0,30}?(?:讯|电|[）)]))?\s*[（(]?\s*"  # a dateline, or nothing


def article_year(text: str) -> int | None:
    """The article's own year when it prints no date: the latest year it names that is not a
    target (到2028年, 预计2027年投产, 2027年底前建成, 计划…，2028年…), as a report names last
    year's totals and this year's events but only plans beyond; the year after it where that
    year's whole total is reported (2025年产业规模突破150亿元). None if it names no year."""
    plain = text.translate(_HALF)
    years = []
    closed: set[int] = set()
    for m in re.finditer(_YEAR_NAMED, plain):
        sentence = plain[max(plain.rfind(c, 0, m.start()) for c in "。！？；;\n") + 1 : m.start()]
        stop = _SENTENCE_END.search(plain, m.end())
        rest = plain[m.end() : stop.start() if stop else len(plain)]
        if (
            re.search(_FUTURE_BEFORE, plain[max(0, m.start() - 6) : m.start()])
            or re.match(_FUTURE_AFTER, plain[m.end() :])
            or re.search(_PLANNED, sentence)
            # 2021年公司刚落户时只有1条生产线，如今…: a year set against the present is gone by
            or re.search(_NOW, rest)
        ):
            continue
        years.append(int(m.group(1)))
        if re.match(_CLOSED, plain[m.end() :]) and not re.match(_PART_OF_YEAR, plain[m.end() :]):
            closed.add(int(m.group(1)))
    told = _told_again(plain)
    if not years:
        return told
    # 2025年产业规模突破150亿元: a whole year's total is written once that year is over.
    latest = max(years)
    found = latest + 1 if latest in closed else latest
    return max(found, told) if told is not None else found


def _told_again(plain: str) -> int | None:
    """The year of writing where a month of last year or this year is told again with its
    year soon after (去年底的一次土地出让。2025年12月，…: written in 2026), else None."""
    found = None
    for m in _LAST_OR_THIS.finditer(plain):
        month = m.group(2) or "12"
        again = re.search(rf"((?:19|20)\d\d)年{month}月", plain[m.end() : m.end() + 40])
        if again:
            year = int(again.group(1)) + (1 if m.group(1) == "去" else 0)
            found = year if found is None else max(found, year)
    return found


# 去年底, 去年12月, 今年3月: a month of the year before the article's, or of its own.
_LAST_OR_THIS: Final = re.compile(r"([去今])年(?:底|年底|末|年末|(\d{1,2})月)")


# A year, as a year (2025年), or as the first word of a meeting's name, the meeting of that
# year (2026中国…论坛, 2026南京江北新区集成电路产业发展大会, 2026长三角（无锡）…大会).
_YEAR_NAMED: Final = re.compile(
    r"((?:19|20)\d\d)\s*(?:年|中国|全国|世界|国际"
    r"|(?=[\u4e00-\u9fff][^\s，,。；;、：:“”\"\d]{1,30}?"
    r"(?:大会|峰会|论坛|博览会|展览会|交易会|洽谈会|推介会|年会|大赛|会议|活动周|创新周)))"
)
# After a year, a whole year's total (2025年产业规模突破150亿元, 2025年全年实现营收…), and
# the parts of a year that are no whole one (2025年前三季度, 上半年, 1—8月, 以来).
_CLOSED: Final = (
    r"(?=[^，,。；;、]{0,20}?(?:规模|营收|营业收入|产值|收入|总额|总量|增加值|利润))"
    r"(?=[^，,。；;、]{0,24}?(?:突破|达到|达|实现|完成|超过|为))"
)
_PART_OF_YEAR: Final = (
    r"\s*年?(?:前|上半年|下半年|第?[一二三四]季度|\d{1,2}[—\-－~～至到]|\d{1,2}月|以来|初|底|末|内)"
)
# Later in a year's sentence, words that set it against the present (…时只有…，如今…).
_NOW: Final = r"如今|而今|现如今|时至今日"
_SENTENCE_END: Final = re.compile(r"[。！？；;\n]")
# Words before a year that make it a target, not the time of writing.
_FUTURE_BEFORE: Final = (
    r"(?:(?:到|至|力争|预计|计划|拟|争取|目标|将|有望|预期|规划|展望|迈向|面向)(?:于|在|到)?"
    r"|~|—|-)\s*$"
)
# After a year, words that make it a deadline or an estimate (2027年底前, 2028年前后, 年内);
# 2025年前三季度 is a period of that year.
_FUTURE_AFTER: Final = r"\s*(?:底前|末前|前后|以前|之前|以内|内|前(?![一二三两四五六七八九十\d]))"
# Earlier in the same sentence, words that make what follows a plan (计划今年5月开工，2027年…).
_PLANNED: Final = r"计划|预计|力争|争取|有望|预期|规划|目标|将于|将在"
