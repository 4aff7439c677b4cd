"""Mend the article's print-layout breaks and cut it into numbered, typed blocks.

The source text was extracted from a printed page. Page layout split some sentences across a
blank line (``痕`` / ``量病毒富集技术``) and dropped photo captions into the middle of a paragraph
(``体外诊断企业`` … ``数量占到青岛市总量的80%。``). The original file is never changed; this
module reads it and returns blocks:

1. Blocks are separated by blank lines. ``## `` lines are the title then the subtitle, ``### ``
   lines are section headings, the ``▶ 本报…`` line is the byline, a line ending in ``供图`` is
   the photo credit.
2. A short line (at most 20 characters) with no sentence punctuation is a photo caption.
3. A body paragraph that does not end with a sentence-ending mark (。！？…” and the like) was
   cut by the layout: it continues in the next body paragraph, skipping any captions between
   them, and the two are joined with nothing in between (Chinese has no spaces). Captions that
   stood inside a paragraph are kept, as captions, right after it.

Blocks are numbered from 1 in reading order; a citation ``¶n`` names block ``n``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hightech_cli.models import Block, BlockKind

# A paragraph that ends with one of these is complete; otherwise the page layout cut it.
_SENTENCE_END = ("。", "！", "？", "…", "”", "」", "）", ")", "!", "?", ".", ";", "；")
_CAPTION_MAX_CHARS = 20
_SENTENCE_MARKS = re.compile(r"[。，,！？!?；;：:“”\"]")


@dataclass
class RepairedBlock:
    """A block of the repaired text, with the original line numbers it was made from."""

    n: int
    kind: BlockKind
    text: str
    lines: list[int] = field(default_factory=list)
    repair: str | None = None


@dataclass
class _Raw:
    kind: BlockKind
    text: str
    line: int


def _classify(lines: list[tuple[int, str]]) -> list[_Raw]:
    raw: list[_Raw] = []
    seen_title = False
    for lineno, line in lines:
        text = line.strip()
        kind: BlockKind
        if text.startswith("### "):
            kind, text = "heading", text[4:].strip()
        elif text.startswith("## "):
            kind = "subtitle" if seen_title else "title"
            seen_title = True
            text = text[3:].strip()
        elif text.startswith("▶"):
            kind, text = "byline", text.lstrip("▶").strip()
        elif text.endswith("供图") and len(text) <= _CAPTION_MAX_CHARS:
            kind = "credit"
        elif len(text) <= _CAPTION_MAX_CHARS and not _SENTENCE_MARKS.search(text):
            kind = "caption"
        else:
            kind = "paragraph"
        raw.append(_Raw(kind, text, lineno))
    return raw


def _nonblank_lines(original: str) -> list[tuple[int, str]]:
    return [(i, line) for i, line in enumerate(original.splitlines(), start=1) if line.strip()]


def repair(original: str) -> list[RepairedBlock]:
    """Return the article as numbered blocks, with layout breaks mended (see module docstring)."""
    raw = _classify(_nonblank_lines(original))
    blocks: list[RepairedBlock] = []
    held_captions: list[_Raw] = []
    open_para: RepairedBlock | None = None

    def flush_captions() -> None:
        for cap in held_captions:
            blocks.append(RepairedBlock(0, cap.kind, cap.text, [cap.line]))
        held_captions.clear()

    for item in raw:
        if open_para is not None:
            if item.kind == "caption":
                held_captions.append(item)
                continue
            if item.kind == "paragraph":
                pieces = "+".join(str(n) for n in [*open_para.lines, item.line])
                open_para.text += item.text
                open_para.lines.append(item.line)
                open_para.repair = f"joined lines {pieces}: a sentence split by the page layout"
                if held_captions:
                    open_para.repair += "; captions printed inside it moved after it"
                if item.text.endswith(_SENTENCE_END):
                    open_para = None
                    flush_captions()
                continue
            # A heading or credit after an unfinished paragraph: keep both as they are.
            open_para = None
            flush_captions()
        block = RepairedBlock(0, item.kind, item.text, [item.line])
        blocks.append(block)
        if item.kind == "paragraph" and not item.text.endswith(_SENTENCE_END):
            open_para = block
    flush_captions()
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
