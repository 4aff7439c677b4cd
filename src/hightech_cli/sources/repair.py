"""Mend an article's print-layout breaks and cut it into numbered, typed blocks.

Articles reach hz as text taken from a printed page or a web page, and the page's layout
leaves marks: a sentence split across a blank line (``痕`` / ``量病毒富集技术``), photo captions
dropped into the middle of a paragraph (``体外诊断企业`` … ``数量占到青岛市总量的80%。``),
mastheads, bylines, datelines and photo credits among the paragraphs. The original is never
changed; :func:`repair` reads it and returns blocks. Each non-blank line is one piece:

1. Marked lines keep their kind: ``# ``/``## `` a title then subtitles, ``### `` a heading.
   A masthead (``《苏州日报》2025年4月21日 第A03版``), a dateline (``发布时间：…``), a byline
   (``▶ 本报记者 …``, ``记者 王某 通讯员 李某``, ``（责任编辑：…）``) is a ``byline``; a short line
   ending in 供图, 摄 or 摄影, or starting 图片来源, is a photo ``credit``.
2. A line of at most ``SHORT_CHARS`` characters with no sentence punctuation is a title or
   subtitle before the first paragraph, a heading between finished paragraphs, and a photo
   caption inside a paragraph the layout cut, or after the last paragraph. Before the first
   paragraph, a longer line that does not end a sentence is a title or subtitle too.
3. A paragraph that does not end with a sentence-ending mark (。！？…” and the like, or a colon
   before a list) was cut by the layout: it continues in the next paragraph, skipping the
   captions and credits between them, and the two are joined with nothing in between (Chinese
   has no spaces). Captions and credits that stood inside a paragraph are kept, in their kind,
   right after it.

Line endings (CRLF, CR) and full-width or half-width punctuation are kept as written: a block's
text is the original's, so evidence quoted from it is verbatim. Blocks are numbered from 1 in
reading order; a citation ``¶n`` names block ``n``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from hightech_cli.hanzi import simplify
from hightech_cli.models import Block, BlockKind

# A paragraph that ends with one of these is complete; otherwise the page layout cut it.
_SENTENCE_END: Final = ("。", "！", "？", "…", "”", "」", "）", ")", "!", "?", ".", ";", "；", '"')
_LIST_END: Final = ("：", ":")  # a paragraph that introduces a list is complete too
SHORT_CHARS: Final = 30
_TITLE_CHARS: Final = 60
_HEADER_LINES: Final = 4  # where a title or subtitle can stand
# Quotation marks are no sign of a sentence: headings and captions quote names (“关节”里的硬功夫).
_SENTENCE_MARKS: Final = re.compile(r"[。，,！？!?；;：:]")
_ENUMERATED: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|【.{1,20}】)"
)
_DATE_LINE: Final = re.compile(
    r"^.{0,40}?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:[\s\u3000]*星期[一二三四五六日天])?$"
)
_MASTHEAD: Final = re.compile(
    r"^《?[\u4e00-\u9fff]{2,12}(?:日报|晚报|时报|商报|报|周刊|新闻网|网)》?[\s\u3000]*"
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})"
)
_EDITION: Final = re.compile(r"第\s*[A-Za-z0-9０-９]+\s*版")
_DATELINE: Final = re.compile(
    r"^(?:发布时间|发布日期|发稿时间|时间|日期|来源|作者|编辑|责任编辑)\s*[:：]"
    r"|^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"(?:[\s\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?[\s\u3000]*(?:(?:星期|周)[一二三四五六日天])?"
    r"[\s\u3000]*(?:来源|作者|记者|编辑|$)"
    # 某某管委会　2025-11-12: who issued it, and when.
    r"|^[\u4e00-\u9fff]{2,16}[\s\u3000]+(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月"
    r"\s*\d{1,2}\s*日)(?:[\s\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_BULLET: Final = "▶■□●◆►"
_BYLINE: Final = re.compile(
    r"^[▶■□●◆►]?[\s\u3000]*.{0,12}?(?:首席)?(?:记者|通讯员|实习生)[\s\u3000]*[\u4e00-\u9fff·]{2,}"
    r"|^(?:文|图|文图|作者|撰稿|图文)\s*[/／:：|]"
    # （责任编辑：…）, （本版编辑：…）, 本版责编：…: the editor's line, in brackets or not; in
    # brackets, a space may stand for the colon (（编辑 某某）)
    r"|^[（(]\s*(?:本版|本期|本文)?(?:责任编辑|编辑|审核|校对|责编)"
    r"(?:\s*[:：]|[\s\u3000]+[\u4e00-\u9fff·]{2,8}[\s\u3000]*[）)]$)"
    r"|^(?:本版|本期|本文)(?:责任编辑|编辑|责编)\s*[:：]"
    # （某某办公室供稿　编辑：某某　审核：某某）: who supplied the item, then its editors
    r"|^[（(][^（）()。，,]{1,24}供稿[\s\u3000]+(?:责任编辑|编辑|审核|校对|责编)\s*[:：]"
)
_CREDIT: Final = re.compile(r"(?:供图|摄|摄影)$|^图片来源|^[（(]?图\s*[/／]")
_CREDIT_CHARS: Final = 30
# A caption with its credit after it on one line (…签约仪式现场。 记者 某某 摄): a credit too,
# however long the caption, for no paragraph ends in a photographer's name; never a sentence
# that ends with a verb of shooting (…游客纷纷驻足拍摄), which holds neither a role nor a space.
_CAPTION_CREDIT: Final = re.compile(
    r"[。！？!?][\s\u3000]*(?:(?:本报|特约|实习|首席)?(?:摄影记者|记者|通讯员)[\s\u3000]*)?"
    r"[\u4e00-\u9fff·]{2,5}(?:[\s\u3000]+[\u4e00-\u9fff·]{2,5}){0,2}[\s\u3000]+(?:摄影|摄|供图)$"
)
_CAPTION_CHARS: Final = 100
_BYLINE_CHARS: Final = 60


@dataclass
class RepairedBlock:
    """A block of the repaired text, with the original line numbers it was made from."""

    n: int
    kind: BlockKind
    text: str
    lines: list[int] = field(default_factory=list)
    repair: str | None = None


@dataclass
class _Piece:
    kind: BlockKind | None  # None: a short line, whose kind depends on where it stands
    text: str
    line: int


_TABLE_ROW: Final = re.compile(r"^\|.*\|$")
_TABLE_RULE: Final = re.compile(r"^[|:\-\s]+$")


def table_cells(text: str) -> list[str]:
    """The cells of a table row as the page's text gives it (| a | b |), or [] for a line
    that is no row."""
    if not _TABLE_ROW.match(text):
        return []
    return [c.strip() for c in text.strip()[1:-1].split("|")]


def _ends_sentence(text: str) -> bool:
    # A table's row stands alone: the page's layout never splits a sentence into rows.
    return text.endswith((*_SENTENCE_END, *_LIST_END)) or _TABLE_ROW.match(text) is not None


def _cut_number(text: str, after: _Piece | None) -> bool:
    """Whether the layout cut a number at its decimal point (…利润为3. / 5亿元。): a line
    ending in a digit and a point, the next paragraph's line starting with a digit, but not
    with a year (…达1000. / 2025年，…: a sentence ended with a half-width point)."""
    return (
        after is not None
        and after.kind == "paragraph"
        and re.search(r"[0-9０-９][.．]$", text) is not None
        and re.match(r"[0-9０-９]", after.text) is not None
        and re.match(r"(?:19|20|１９|２０)[0-9０-９]{2}年", after.text) is None
    )


def _short(text: str) -> bool:
    return len(text) <= SHORT_CHARS and not _SENTENCE_MARKS.search(text)


def _kind_of(text: str) -> tuple[BlockKind | None, str]:
    """What a line is on its own (None: short, decided by its place), and its text."""
    if _TABLE_ROW.match(text):
        # A row of a table (| 某某项目 | 120亿元 |): one with a figure in it says something as
        # a paragraph does; the header and the rule under it name the columns.
        cells = table_cells(text)
        figured = any(re.search(r"\d", c) for c in cells) and not _TABLE_RULE.match(text)
        return ("paragraph" if figured else "heading"), text
    if text.startswith("### "):
        return "heading", text[4:].strip()
    if text.startswith(("## ", "# ")):
        return "title", text.lstrip("#").strip()
    # Read as simplified characters, one for one (本報記者 is 本报记者): an article in
    # traditional ones has its bylines and credits where a simplified one has them.
    plain = simplify(text) if len(text) <= max(_CREDIT_CHARS, _BYLINE_CHARS) else text
    if len(text) <= _CREDIT_CHARS and _CREDIT.search(plain):
        return "credit", text
    if len(text) <= _CAPTION_CHARS and _CAPTION_CREDIT.search(simplify(text)):
        return "credit", text
    if len(text) <= _BYLINE_CHARS and (
        _MASTHEAD.match(plain)
        or (_EDITION.search(plain) and (len(text) <= 40 or not _ends_sentence(text)))
        or _DATELINE.match(plain)
        or (_BYLINE.match(plain) and not re.search("[，。]", text))
        or _DATE_LINE.match(plain)
    ):
        return "byline", text.lstrip(_BULLET).strip()
    if text[0] in _BULLET:
        # A bulleted line that is no byline is a heading where it is short and says no more
        # than a heading says; an item of a list (●某公司上半年实现营业收入152亿元，同比增长11%；)
        # is a paragraph of its own, kept with its bullet as printed.
        rest = text.lstrip(_BULLET).strip()
        if len(rest) > SHORT_CHARS or re.search("[，,。；;]", rest):
            return "paragraph", text
        return "heading", rest
    if _short(text) or (_ENUMERATED.match(text) and not _ends_sentence(text) and len(text) <= 40):
        return None, text
    return "paragraph", text


def _pieces(original: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    for lineno, line in enumerate(original.splitlines(), start=1):
        text = line.strip()
        if text:
            kind, text = _kind_of(text)
            pieces.append(_Piece(kind, text, lineno))
    return pieces


def _place(pieces: list[_Piece]) -> list[_Piece]:
    """Give the short lines, and the header's unmarked lines, their kind by where they stand."""
    first_para = next((i for i, p in enumerate(pieces) if p.kind == "paragraph"), len(pieces))
    # A paragraph-looking line among the first few that ends no sentence is a title or subtitle.
    while first_para < min(len(pieces), _HEADER_LINES):
        p = pieces[first_para]
        # Right under the title's line, a blank line after it, a subtitle may hold commas (计划
        # 总投资126.3亿元，涵盖…等领域); a line cut from a paragraph has its next line right under.
        spaced = (
            first_para > 0
            and pieces[first_para - 1].line == p.line - 1  # right under the title's line
            and (first_para + 1 >= len(pieces) or pieces[first_para + 1].line > p.line + 1)
        )
        stops = "[。；;！？!?]" if spaced else "[，,。；;！？!?]"
        if (
            len(p.text) <= _TITLE_CHARS
            and not _ends_sentence(p.text)
            and not re.search(stops, p.text)
        ):
            p.kind = None
            first_para = next(
                (i for i, q in enumerate(pieces) if q.kind == "paragraph"), len(pieces)
            )
            continue
        break
    last_para = max((i for i, p in enumerate(pieces) if p.kind == "paragraph"), default=-1)
    seen_title = False
    open_para = False
    for i, p in enumerate(pieces):
        if p.kind == "title":
            p.kind = "subtitle" if seen_title else "title"
            seen_title = True
            continue
        if p.kind is None:
            if i < first_para:
                p.kind = "subtitle" if seen_title else "title"
                seen_title = True
            elif open_para or i > last_para:
                p.kind = "caption"
            else:
                p.kind = "heading"
            continue
        if p.kind == "paragraph":
            open_para = not _ends_sentence(p.text)
        elif p.kind in ("heading", "subtitle", "byline"):
            open_para = False
    return pieces


def repair(original: str) -> list[RepairedBlock]:
    """Return the article as numbered blocks, with layout breaks mended (see module docstring)."""
    pieces = _place(_pieces(original))
    blocks: list[RepairedBlock] = []
    held: list[_Piece] = []
    open_para: RepairedBlock | None = None

    def flush_held() -> None:
        for item in held:
            blocks.append(RepairedBlock(0, item.kind or "caption", item.text, [item.line]))
        held.clear()

    for at, item in enumerate(pieces):
        after = pieces[at + 1] if at + 1 < len(pieces) else None
        ended = _ends_sentence(item.text) and not _cut_number(item.text, after)
        if open_para is not None:
            if item.kind in ("caption", "credit"):
                held.append(item)
                continue
            if item.kind == "paragraph" and not _TABLE_ROW.match(item.text):
                pieces_joined = "+".join(str(n) for n in [*open_para.lines, item.line])
                open_para.text += item.text
                open_para.lines.append(item.line)
                open_para.repair = (
                    f"joined lines {pieces_joined}: a sentence split by the page layout"
                )
                if held:
                    open_para.repair += "; captions printed inside it moved after it"
                if ended:
                    open_para = None
                    flush_held()
                continue
            # A heading or byline after an unfinished paragraph: keep both as they are.
            open_para = None
            flush_held()
        block = RepairedBlock(0, item.kind or "caption", item.text, [item.line])
        blocks.append(block)
        if item.kind == "paragraph" and not ended:
            open_para = block
    flush_held()
    for n, block in enumerate(blocks, start=1):
        block.n = n
    return blocks


def as_blocks(source_id: str, repaired: list[RepairedBlock]) -> list[Block]:
    """Repaired blocks as the store's ``blocks`` rows of one source."""
    blocks: list[Block] = []
    for rb in repaired:
        block: Block = {
            "source": source_id,
            "n": rb.n,
            "kind": rb.kind,
            "text": rb.text,
            "lines": rb.lines,
        }
        if rb.repair:
            block["repair"] = rb.repair
        blocks.append(block)
    return blocks
