"""Quotes and their speakers: “……”，X说 / X表示：“……” / a quote broken by the speaker's name
(“……，”X说，“……。”) / X的感慨 / 据X介绍，…… and X表示，…… reported without marks.

A speaker is a stretch of text right before a speech verb (说, 表示, 介绍 …) or before the colon
that opens a quote; :class:`Speaker` reads the person's name at its end, the role before the
name and the company or body before the role. 他/她 stands for the person named last. A speaker
named only by a role (相关负责人) is kept as written, with the body it speaks for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from hightech_cli.sources.extract import lexicon as lx
from hightech_cli.sources.extract.spans import Range, quoted

_VERBS: Final = "|".join(re.escape(v) for v in lx.SPEECH_VERBS)
_SPEAKER: Final = r"[^，。；！？“”\"「」]{1,40}?"
# 回忆说, 感慨道: a verb of speech may take 说 or 道 after it.
# “……。”在接受记者采访时，X这样概括…, “……。”说起创业经历，X感慨万千: a clause of when or of
# what before the speaker, and a verb that sums up what was said.
_AFTER: Final = re.compile(
    rf"^[，,]?\s*(?:(?:在[^，,。；“”]{{2,16}}时|(?:说起|谈起|谈到|提起|回忆起)[^，,。；“”]{{1,16}})"
    rf"[，,]\s*)?({_SPEAKER})"
    rf"(?:(?:一边|一面)[^，,。；“”]{{1,16}}[，,](?:一边|一面))?"
    rf"(?:{_VERBS}|的感慨|的心声|(?:这样|如此)(?:概括|总结|形容|评价|解释))(?:说|道)?"
)
# X很有信心：“……”, 林某笑着补充：“……”: a short stretch opening with a name or a role before
# the colon, and no verb of speech; not a sign's words (横幅上写着：).
_COLON_SPEAKER: Final = re.compile(r"^\s*[^，,。；：:“”]{2,16}[：:]\s*$")
_NOT_SPOKEN: Final = re.compile("写着|印着|标语|口号|横幅|屏幕|牌子|主题|题为|宣传|显示")
_SAYING_AFTER: Final = re.compile(
    r"^这是([^，,。；;“”]{2,16}?)(?:那几年|多年来|这些年)?(?:常|经常|一直|总)?"
    r"(?:挂在嘴边|说|念叨)的(?:一句话|话|口头禅)"
)
_BEFORE_VERB: Final = re.compile(rf"(?:{_VERBS})\s*[：:，,]?\s*$")
_SAID: Final = re.compile(rf"([^，。；！？“”\"「」]{{2,30}}?)(?:{_VERBS})[，,：:]")
_REPORTED: Final = re.compile(
    rf"(?:据({_SPEAKER})(?:介绍|透露|表示|说)|"
    rf"({_SPEAKER})(?:告诉记者|对记者说|向记者介绍|表示|介绍|认为|指出|透露|坦言|回忆|说))[，,：:]"
)
# 马卫东：…… opening a paragraph: a name, its colon, and what the person answers.
_INTERVIEW: Final = re.compile(r"^\s*([\u4e00-\u9fff·]{2,5})\s*[：:]\s*(?=\S)(.)")
_ANSWER: Final = re.compile(r"^\s*答\s*[：:]\s*(?=\S)")
_ASKERS: Final = frozenset(
    ["记者", "本报记者", "主持人", "问", "答", "提问", "编者按", "编者", "链接", "背景", "小贴士"]
)
_MIN_SPEECH: Final = 8  # a shorter quoted stretch is a name or a slogan, not speech
_PRONOUNS: Final = ("他", "她")
# Characters that begin a verb or a particle, and so end a personal name before them.
_AFTER_NAME: Final = frozenset("拿指说表介在对和与是为笑告坦等向把从也就还又都已将正带看站望")
_PAREN: Final = re.compile(r"[（(][^）)]*[）)]")
_STOPS: Final = ("。", "！", "？", "!", "?")
# After a quotation, words that describe a person named by role, before the next comma.
_DESCRIBED: Final = re.compile(
    rf"\s*([^，,。；;！？“”\"「」：:]{{0,24}}?(?:{'|'.join(map(re.escape, lx.ROLES))}))"
    rf"([\u4e00-\u9fff]{{2,4}})"
)
# What a person opening a sentence does before speaking (跨上车, 回头看了一眼).
_DOES: Final = frozenset("跨回转抬低拍举摸指望点握接放坐起走停挥")


@dataclass
class Quote:
    """A quotation: the speech, where it stands, and who said it as the text names them."""

    text: str  # the speech, the marks left out; broken quotes joined
    start: int  # the whole sentence of it, marks and speaker included
    end: int
    speaker: str  # the speaker stretch as written (郭俊兴, 小优智能首席执行官郭俊兴, 他)
    rule: str
    confidence: float


def _speech(text: str, rng: Range) -> str:
    return text[rng[0] + 1 : rng[1] - 1]


def _is_speech(speech: str) -> bool:
    return len(speech) >= _MIN_SPEECH and bool(re.search("[，。！？；,.!?…]", speech))


def find_quotes(text: str) -> list[Quote]:
    """The quotes of one paragraph, in order."""
    answer = _INTERVIEW.match(text)
    if (
        answer
        and answer.group(1) not in _ASKERS
        and not re.search(_VERBS, answer.group(1))
        and not any(b - a - 2 >= _MIN_SPEECH for a, b in quoted(text))  # a term may be quoted
    ):
        # An interview's answer, 马卫东：我们计划……: the paragraph is what the person said.
        speech = text[answer.start(2) :].rstrip()
        if _is_speech(speech) or len(speech) >= _MIN_SPEECH:
            return [Quote(speech, 0, len(text.rstrip()), answer.group(1), "quote:interview", 0.75)]
    answered = _ANSWER.match(text)
    if answered and not any(b - a - 2 >= _MIN_SPEECH for a, b in quoted(text)):
        # 问：…  答：……: the answer is what the one interviewed said (who: the article's
        # introduction names them, ``Extractor._interviewee``).
        speech = text[answered.end() :].rstrip()
        if len(speech) >= _MIN_SPEECH:
            return [Quote(speech, 0, len(text.rstrip()), "答", "quote:answer", 0.7)]
    out: list[Quote] = []
    every = quoted(text)
    ranges = [
        r
        for k, r in enumerate(every)
        if _is_speech(_speech(text, r)) or _opens_broken(text, every, k)
    ]
    i = 0
    while i < len(ranges):
        a, b = ranges[i]
        speech = _speech(text, (a, b))
        clause_start = max(text.rfind(c, 0, a) for c in "，,。；;！？!?”")
        head = text[clause_start + 1 : a]
        verb = _BEFORE_VERB.search(head)
        # X表示：“……” names its speaker before it: what follows is another sentence (据介绍，…).
        opened = verb is not None and head.rstrip().endswith(("：", ":"))
        after = None if opened else _AFTER.match(text[b:])
        if after and not _no_one(after.group(1)):
            speaker = after.group(1)
            end = b + after.end()
            nxt = ranges[i + 1] if i + 1 < len(ranges) else None
            # “……，”X说，“……。”: the second part continues the same quote.
            gap = text[end : nxt[0]] if nxt else ""
            if nxt and re.fullmatch(r"\s*[，,：:]?\s*", gap):
                speech += _speech(text, nxt)
                end = nxt[1]
                i += 1
            more = re.match(r"[，,]([^“”\"。！？]{8,}[。！？])", text[end:])
            if more and not gap.strip("，,：: "):
                # “……。”X表示，公司……。: what follows the verb is X's too, reported.
                part = (more.group(1), end + more.start(1), end + more.end())  # not its comma
                out.append(Quote(*part, speaker, "quote:reported", 0.6))
                end += more.end()
            end = _sentence_end(text, end)
            out.append(Quote(speech, a, end, speaker, "quote:after", 0.9))
            i += 1
            continue
        if verb:
            speaker = head[: verb.start()]
            start = clause_start + 1
            # X表示：“……。” ends with its sentence; “……”的说法 and the like run on.
            whole = opened and speech.endswith(("。", "！", "？", "!", "?"))
            out.append(
                Quote(speech, start, b if whole else _sentence_end(text, b), speaker,
                      "quote:before", 0.85)
            )  # fmt: skip
            i += 1
            continue
        described = _DESCRIBED.match(text, b) if speech.endswith(_STOPS) else None
        if described is not None and described.group(2)[:1] in lx.SURNAMES:
            # “……。”站在产线旁的某某厂长周振邦嗓子有些哑: the one the next words describe,
            # named by role, said it, though no verb of speech follows.
            name = _name_at(described.group(2))
            end = described.start(2) + len(name)
            speaker = text[described.start(1) : end]
            out.append(Quote(speech, a, _sentence_end(text, end), speaker, "quote:described", 0.55))
            i += 1
            continue
        colon = head.rstrip().endswith(("：", ":"))
        sentence_head = text[max(text.rfind(c, 0, a) for c in "。！？!?") + 1 : a] if colon else ""
        if (
            colon
            and sentence_head[:1] in lx.SURNAMES
            and not _NOT_SPOKEN.search(sentence_head)
            and 2 <= len(opener := _name_at(sentence_head)) <= 3
            and sentence_head[len(opener) : len(opener) + 1] in _AFTER_NAME | _DOES
        ):
            # 刘思雨跨上车，回头看了一眼…车间：“……。”: the one the sentence opens with speaks
            out.append(Quote(speech, a - len(sentence_head), b, opener, "quote:opener", 0.5))
            i += 1
            continue
        saying = _SAYING_AFTER.match(text[b:])
        if saying:
            # “……？”这是韩志远那几年常挂在嘴边的一句话: the one whose saying it is.
            out.append(Quote(speech, a, b + saying.end(), saying.group(1), "quote:saying", 0.6))
            i += 1
            continue
        if re.search(r"(?:一句话|这句话|这样的话|口头禅)[：:]\s*$", head):
            # 韩志远都要亲自讲第一课，内容只有一句话：“……”: the one the sentence is about.
            start = max(text.rfind(c, 0, a) for c in "。！？!?") + 1
            out.append(Quote(speech, start, b, text[start:a], "quote:saying", 0.55))
            i += 1
            continue
        stretch = head.strip().rstrip("：: ")
        if (
            _COLON_SPEAKER.match(head)
            and (stretch[:1] in lx.SURNAMES or stretch.startswith(lx.ROLES))
            and not _NOT_SPOKEN.search(stretch)
            and stretch not in _ASKERS
        ):
            out.append(Quote(speech, clause_start + 1, b, stretch, "quote:colon", 0.6))
            i += 1
            continue
        said = _said_before(text, a)
        if said is not None:
            speaker, start = said
            out.append(Quote(speech, start, _sentence_end(text, b), speaker, "quote:sentence", 0.7))
        elif (earlier := _said_in_sentence_before(text, a, b)) is not None:
            # X介绍，……。“……。”: a quote that is a sentence of its own goes on from the one
            # before, where X spoke.
            out.append(Quote(speech, a, b, earlier, "quote:next-sentence", 0.6))
        i += 1
    out += _reported(text, [(q.start, q.end) for q in out])
    return sorted(out, key=lambda q: q.start)


def _opens_broken(text: str, every: list[tuple[int, int]], k: int) -> bool:
    """Whether quoted range ``k``, too short to be speech alone, opens a quote its speaker
    breaks (“拿证不是终点，”她说，“我们想……。”): a verb of speech after it, then speech."""
    if k + 1 >= len(every):
        return False
    b = every[k][1]
    nxt = every[k + 1]
    after = _AFTER.match(text[b : nxt[0]])
    return (
        after is not None
        and text[b - 2 : b - 1] in "，,"
        and re.fullmatch(r"\s*[，,：:]?\s*", text[b + after.end() : nxt[0]]) is not None
        and _is_speech(_speech(text, nxt))
    )


def _no_one(speaker: str) -> bool:
    """Whether a speaker stretch names no one: 据介绍, 据了解 (it is said), a stretch of
    nothing but 据 and spaces."""
    return not speaker.strip() or speaker.strip() == "据"


def _said_before(text: str, pos: int) -> tuple[str, int] | None:
    """In 刘畅告诉记者，他……，“……”, the speaker named before in the same sentence."""
    start = max(text.rfind(c, 0, pos) for c in "。！？!?") + 1
    found = None
    for m in _SAID.finditer(text, start, pos):
        found = m
    if found is None:
        return None
    return found.group(1), found.start(1)


def _said_in_sentence_before(text: str, a: int, b: int) -> str | None:
    """The speaker of the sentence right before a quote that is a whole sentence itself
    (opening right after 。 and ending with its own stop), if that sentence names one."""
    if not (
        a > 0 and text[a - 1] in "。！？!?" and _speech(text, (a, b)).endswith(("。", "！", "？"))
    ):
        return None
    start = max(text.rfind(c, 0, a - 1) for c in "。！？!?”") + 1
    found = None
    for m in _REPORTED.finditer(text, start, a):
        found = m
    if found is None:
        return None
    speaker = found.group(1) or found.group(2)
    return None if _no_one(speaker) else speaker


def _sentence_end(text: str, pos: int) -> int:
    """The end of the sentence that runs on after a quote (…”他说。)."""
    m = re.match(r"[^。！？“”\"]*?[。！？]", text[pos:])
    if m and len(m.group()) <= 30:
        return pos + m.end()
    return pos


_SENTENCE_STOP: Final = re.compile("[。！？]")


def _reported(text: str, taken: list[Range]) -> list[Quote]:
    """据X介绍，…… / X表示，……: reported speech, to the end of the sentence."""
    out: list[Quote] = []
    found = list(_REPORTED.finditer(text))
    for i, m in enumerate(found):
        if any(a <= m.start() < b for a, b in taken):
            continue
        speaker = m.group(1) or m.group(2)
        if _no_one(speaker):
            continue
        stop = _SENTENCE_STOP.search(text, m.end())
        end = stop.end() if stop else len(text)
        # …说，…说，… thousands of times in a sentence with no stop: each speech ends where the
        # next speaker's words begin, so the quotes do not each hold the rest of the sentence.
        if i + 1 < len(found) and found[i + 1].start() >= m.end():
            end = min(end, found[i + 1].start())
        body = text[m.end() : end]
        if body.startswith("“") or len(body) < _MIN_SPEECH:
            continue
        end = m.end() + len(body)
        out.append(Quote(body, m.start(), end, speaker, "quote:reported", 0.6))
    return out


@dataclass
class Speaker:
    """A speaker stretch read: the body it names, the role, the personal name (any may be "")."""

    org: str
    role: str
    name: str


def read_speaker(stretch: str, people: Sequence[str] = ()) -> Speaker:
    """Split 小优智能首席执行官郭俊兴 into body, role and name; a pronoun or a bare role keeps
    just what it has. ``people``: personal names already known, found first."""
    stretch = _PAREN.sub("", stretch).strip("，,：: ")
    if stretch in _PRONOUNS or (stretch.endswith(_PRONOUNS) and len(stretch) <= 2):
        return Speaker("", "", stretch[-1])
    known = [(stretch.rfind(p), p) for p in people if p and p in stretch]
    if known:
        at, name = max(known, key=lambda k: (k[0], len(k[1])))
        role = next((r for r in lx.ROLES if stretch[:at].endswith(r)), "")
        return Speaker(*_roles(stretch[: at - len(role)], role), name)
    for role in lx.ROLES:
        at = stretch.rfind(role)
        if at >= 0:
            rest = stretch[at + len(role) :]
            # 相关负责人在回答记者提问时: what the role-holder does, no name after the role.
            named = rest[:1] not in _NO_NAME_STARTS
            return Speaker(*_roles(stretch[:at], role), _name_at(rest) if named else "")
    if len(stretch) >= 3 and stretch.endswith(_BODY_ENDS):
        return Speaker(stretch, "", "")  # 据某某高新区发展和改革局介绍: a body, no one named
    if stretch[:1] in lx.SURNAMES and len(stretch) > 3:
        return Speaker("", "", _name_at(stretch))  # 郑一鸣指着墙上的规划: the name opens it
    return Speaker("", "", stretch if len(stretch) <= 4 else _name_at(stretch[-3:]))


# How the name of a body ends: a speaker stretch ending so names no person.
_BODY_ENDS: Final = lx.words(
    "局 厅 部 委 委员会 管委会 工委 办公室 办事处 中心 公司 集团 政府 协会 商会 联盟 大学 学院 "
    "研究院 研究所 银行 基金 高新区 新区 开发区 经开区 示范区 平台 实验室 医院 法院 检察院"
)
# What follows a role where no name does: what the role-holder does (在回答记者提问时, 接受采访时,
# 对记者说, 向与会者介绍, 表示).
_NO_NAME_STARTS: Final = frozenset("在于对向就从将也还都已正接回谈指称认表说介据以同跟和与")


def _roles(org: str, role: str) -> tuple[str, str]:
    """The body and the whole role, where roles are listed (公司创始人、首席执行官: 公司, and
    创始人、首席执行官)."""
    while role and org.endswith(("、", "兼")):
        earlier = next((r for r in lx.ROLES if org[:-1].endswith(r)), "")
        if not earlier:
            break
        role = org[-1 - len(earlier) :] + role
        org = org[: -1 - len(earlier)]
    return org, role


def _name_at(text: str) -> str:
    """The personal name a text begins with: a foreign name joined by ·, or two or three
    characters, the third left out when it begins a verb (王立群拿起 → 王立群, 李明说 → 李明)."""
    foreign = re.match(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8})+", text)
    if foreign:
        return foreign.group()
    latin = re.match(r"[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,3}", text)
    if latin:
        return latin.group()  # 首席执行官Thomas Krellmann在签约后说: the name in Latin letters
    if (
        text.startswith(lx.COMPOUND_SURNAMES)
        and len(text) >= 4
        and text[3] not in _AFTER_NAME
        and re.fullmatch("[\u4e00-\u9fff]{4}", text[:4])
    ):
        return text[:4]  # 鲜于明远, 欧阳振华: a surname of two characters
    if (
        len(text) >= 3
        and text[2] not in _AFTER_NAME
        and re.fullmatch("[\u4e00-\u9fff]{3}", text[:3])
    ):
        return text[:3]
    return text[:2] if re.fullmatch("[\u4e00-\u9fff]{2}", text[:2]) else text
