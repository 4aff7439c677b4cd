"""Quotes and their speakers: “……”，X说 / X表示：“……” / a quote broken by the speaker's name
(“……，”X说，“……。”) / X的感慨 / 据X介绍，…… and X表示，…… reported without marks.

A speaker is a stretch of text right before a speech verb (说, 表示, 介绍 …) or before the colon
that opens a quote; :class:`Speaker` reads the person's name at its end, the role before the
name and the company or body before the role. 他/她 stands for the person named last. A speaker
named only by a role (相关负责人) is kept as written, with the body it speaks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from hightech_cli.sources.extract import lexicon as lx
from hightech_cli.sources.extract.spans import Range, quoted

_VERBS: Final = "|".join(re.escape(v) for v in lx.SPEECH_VERBS)
_SPEAKER: Final = r"[^，。；！？“”\"「」\s]{1,30}?"
_AFTER: Final = re.compile(rf"^[，,]?\s*({_SPEAKER})(?:{_VERBS}|的感慨|的心声)")
_BEFORE: Final = re.compile(rf"({_SPEAKER})(?:{_VERBS})\s*[：:，,]?\s*$")
_REPORTED: Final = re.compile(
    rf"(?:据({_SPEAKER})(?:介绍|透露|表示|说)|({_SPEAKER})(?:表示|介绍|认为|指出|透露|坦言))[，,：:]"
)
_MIN_SPEECH: Final = 8  # a shorter quoted stretch is a name or a slogan, not speech
_PRONOUNS: Final = ("他", "她")


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
    out: list[Quote] = []
    ranges = [r for r in quoted(text) if _is_speech(_speech(text, r))]
    i = 0
    while i < len(ranges):
        a, b = ranges[i]
        speech = _speech(text, (a, b))
        after = _AFTER.match(text[b:])
        if after:
            speaker = after.group(1)
            end = b + after.end()
            nxt = ranges[i + 1] if i + 1 < len(ranges) else None
            # “……，”X说，“……。”: the second part continues the same quote.
            gap = text[end : nxt[0]] if nxt else ""
            if nxt and re.fullmatch(r"\s*[，,：:]?\s*", gap):
                speech += _speech(text, nxt)
                end = nxt[1]
                i += 1
            end = _sentence_end(text, end)
            out.append(Quote(speech, a, end, speaker, "quote:after", 0.9))
            i += 1
            continue
        head = text[max(0, a - 40) : a]
        before = _BEFORE.search(head)
        if before:
            start = a - len(head) + before.start(1)
            end = _sentence_end(text, b)
            out.append(Quote(speech, start, end, before.group(1), "quote:before", 0.85))
            i += 1
            continue
        i += 1
    out += _reported(text, [(q.start, q.end) for q in out])
    return sorted(out, key=lambda q: q.start)


def _sentence_end(text: str, pos: int) -> int:
    """The end of the sentence that runs on after a quote (…”他说。)."""
    m = re.match(r"[^。！？“”\"]*?[。！？]", text[pos:])
    if m and len(m.group()) <= 30:
        return pos + m.end()
    return pos


def _reported(text: str, taken: list[Range]) -> list[Quote]:
    """据X介绍，…… / X表示，……: reported speech, to the end of the sentence."""
    out: list[Quote] = []
    for m in _REPORTED.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        speaker = m.group(1) or m.group(2)
        rest = text[m.end() :]
        stop = re.search("[。！？]", rest)
        body = rest[: stop.end() if stop else len(rest)]
        if "“" in body or len(body) < _MIN_SPEECH:
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


def read_speaker(stretch: str) -> Speaker:
    """Split 小优智能首席执行官郭俊兴 into body, role and name; a pronoun or a bare role keeps
    just what it has."""
    stretch = stretch.strip("，,：: ")
    if stretch in _PRONOUNS or (stretch.endswith(_PRONOUNS) and len(stretch) <= 2):
        return Speaker("", "", stretch)
    for role in lx.ROLES:
        at = stretch.rfind(role)
        if at >= 0:
            name = stretch[at + len(role) :]
            org = stretch[:at]
            return Speaker(org, role, name)
    return Speaker("", "", stretch)
