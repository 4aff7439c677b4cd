"""An article as a file: its bytes read safely, decoded, and (for a saved web page) its main text.

:func:`read_article` takes a path (``-`` for stdin) and returns an :class:`Article`: the text to
extract from, the file's name and sha256, and what a web page's head says of its title, date
and author. Every refusal is an :class:`ArticleError` naming the file and the reason, in one
line: a directory or another file that is not a regular file, an empty file, a file over
``MAX_BYTES``, a binary file, bytes that are neither UTF-8, GB18030 nor Big5, JSON data (a store or
its records, which ``hz import`` reads).

Encodings: a UTF-8 byte-order mark is dropped; UTF-8 is tried first, then GB18030 (which also
reads GBK and GB2312), and the decoded text must look like text (few control characters), since
GB18030 decodes almost any byte sequence; Big5 (traditional characters), which GB18030 reads
into nonsense, wins where it decodes too and gives more common characters; white space alone
is an empty file. A UTF-16 byte order mark is UTF-16. ``encoding=`` forces one; UTF-16 or
UTF-32 without a mark is read only so, and is otherwise refused with the ``--encoding`` that
reads it. A web page's own charset (``<meta charset>``) is honoured when it names one Python
knows that reads ASCII as ASCII (the declaration was read so: a page that declares ``utf-16``
there is not), unless the bytes are UTF-8 throughout (a page saved as UTF-8 with the ``<meta>``
it was served with).

Web pages: the main text is taken by trafilatura, a library made for that job (navigation,
footers, share buttons, related links and comments dropped), imported only for HTML. Its
paragraphs become the article's lines. The title comes from the page's ``og:title`` or
``<title>``; the date from ``article:published_time`` or a Chinese date near the top of the
text; the author from the page's ``author`` meta.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final

from hightech_cli.errors import HzError, UsageError
from hightech_cli.invisible import printable
from hightech_cli.store.files import not_an_output

MAX_BYTES: Final = 5_000_000  # no news article comes near; a bigger file is a mistake
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML: Final = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body)", re.I)
_UTF32_BOMS: Final = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_BOMS: Final = (b"\xff\xfe", b"\xfe\xff", *_UTF32_BOMS)  # text whose NULs are no sign of binary
_CHARSET: Final = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


class ArticleError(HzError):
    """An article file that cannot be read as text."""


@dataclass(frozen=True)
class Article:
    """An article's text and where it came from."""

    text: str
    file: str  # the name it was given by (``-``: <stdin>)
    sha256: str  # of the bytes as read
    encoding: str
    html: bool
    title: str = ""
    date: str = ""  # ISO, from a web page's head
    author: str = ""


# Documents an article may come in that are not text: said by name, with what to do instead
# (a PDF's first kilobytes may hold no NUL, and decoded as GB18030 pass for Chinese).
_DOCUMENTS: Final = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (a .docx, .xlsx, .odt or .epub is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document (.doc, .xls or .wps)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)


def _document(data: bytes, name: str) -> None:
    """ArticleError naming the kind of document ``data`` is, if it begins as one does."""
    head = data[:16].lstrip(b"\xef\xbb\xbf")
    for magic, what in _DOCUMENTS:
        if head.startswith(magic):
            raise ArticleError(
                f"{name} is {what}, not an article",
                hint="save its text as a .txt file, or the web page as .html",
            )


def _read(path: str, stdin: BinaryIO | None) -> bytes:
    if path == "-":
        stream = stdin or sys.stdin.buffer
        try:
            data = stream.read(MAX_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise ArticleError(f"cannot read <stdin>: {exc}") from None
        if len(data) > MAX_BYTES:
            raise ArticleError(f"<stdin> is over {MAX_BYTES:,} bytes: no article is that long")
        return bytes(data)
    try:
        st = Path(path).stat()
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except OSError as exc:
        raise ArticleError(f"cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ArticleError(f"{path} is a directory, not an article")
    if not stat.S_ISREG(st.st_mode):
        raise ArticleError(f"{path} is not a regular file")
    if st.st_size > MAX_BYTES:
        raise ArticleError(f"{path} is {st.st_size:,} bytes, over {MAX_BYTES:,}: not an article")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ArticleError(f"cannot read {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        not_an_output(os.fstat(fh.fileno()), "article", path)
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{path} is over {MAX_BYTES:,} bytes: not an article")
    return data


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    controls = len(_CONTROL.findall(text))
    return controls <= max(2, len(text) // 1000)


def _reads_ascii(codec: str) -> bool:
    """Whether a page's declared charset reads its ASCII as ASCII, as it must for the
    declaration itself to have been read: ``utf-16`` in a ``<meta>`` read as bytes is wrong."""
    try:
        return "<meta charset>".encode(codec) == b"<meta charset>"
    except (LookupError, UnicodeError):  # no such codec, or one of bytes to bytes (hex)
        return False


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with; ArticleError if it is not text."""
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{name} is not {encoding} text (byte {exc.start})") from None
        except (LookupError, UnicodeError):
            # UnicodeError: a name that is not valid text (bytes of another locale) cannot be
            # looked up, and the codec "undefined" refuses every input; neither reads text.
            raise UsageError(
                f"unknown encoding {encoding!r}", hint="try utf-8 or gb18030"
            ) from None
        # The NULs of the bytes are asked of the text, as read: UTF-16 and UTF-32 without a
        # mark are full of NUL bytes, and their text holds none.
        if "\x00" in text[:8192]:
            raise ArticleError(f"{name} is a binary file, not an article")
        return text.removeprefix("\ufeff"), encoding
    if b"\x00" in data[:8192] and not data.startswith(_BOMS):
        wide = _wide_unmarked(data)
        if wide is not None:
            raise ArticleError(
                f"{name} looks like {wide.upper()} text without a byte order mark",
                hint=f"give --encoding {wide} to read it",
            )
        raise ArticleError(f"{name} is a binary file, not an article")
    candidates = ["utf-8"]
    declared = _CHARSET.search(data[:4096])
    if (
        declared
        and _reads_ascii(codec := declared.group(1).decode("ascii").lower())
        and not _is_utf8(data)
    ):
        # Bytes that are UTF-8 throughout are UTF-8 whatever the page says (a page saved as
        # UTF-8 keeps the <meta> it was served with): no Chinese text in another encoding is
        # valid UTF-8, while Latin-1 reads any bytes, into mojibake.
        candidates.insert(0, codec)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates.insert(0, "utf-16")  # its byte order mark says so
    if data.startswith(_UTF32_BOMS):
        # UTF-32's little-endian mark begins as UTF-16's does: read as UTF-16 it was refused
        # as text full of NULs, with the hint to give --encoding utf-16, which reads nonsense.
        candidates.insert(0, "utf-32")
    candidates.append("gb18030")
    controlled: tuple[str, str] | None = None  # the first reading that is text but for controls
    for codec in dict.fromkeys(candidates):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        text = text.removeprefix("\ufeff")
        if not text.strip():  # white space alone, the ideographic space too
            raise ArticleError(f"{name} is empty")
        if _looks_like_text(text):
            if codec == "gb18030":
                # Big5 (traditional characters, Hong Kong and Taiwan) decodes as GB18030 too,
                # into nonsense: where it decodes as Big5 as well, the reading with more of
                # the characters Chinese text is made of wins.
                big5 = _as_big5(data)
                if big5 is not None and _common(big5) > _common(text):
                    return big5, "big5hkscs"
            return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else codec
        controlled = controlled or (codec, text)
    big5 = _as_big5(data)
    if big5 is not None:
        return big5, "big5hkscs"
    if controlled is not None:
        # It decodes, but holds control characters (ANSI colours, \x01…) as no article does:
        # not "neither UTF-8 nor GB18030", which would be untrue of it.
        codec, text = controlled
        first = next(_CONTROL.finditer(text))  # there are more than two
        count = len(_CONTROL.findall(text))
        raise ArticleError(
            f"{name} is {codec.upper()} text holding {count:,} control characters (the first: "
            f"{printable(first.group())} at character {first.start() + 1:,}), not an article",
            hint=f"give --encoding {codec} to read it as it is",
        )
    raise ArticleError(
        f"{name} is neither UTF-8, GB18030 nor Big5 text", hint="give --encoding if you know it"
    )


# What the text of an article is made of: white space, ASCII, CJK punctuation, kana and
# ideographs, full-width forms. Bytes of another kind read as UTF-16 give few of these.
_TEXTLIKE: Final = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u9fff\uff00-\uffef]"
)


def _wide_unmarked(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 byte order ``data`` is text in, where it has no byte order mark.

    Such a file is full of NUL bytes, as a binary one is, so it is refused; this says which
    ``--encoding`` reads it, where one reads it as text and nothing but text."""
    sample = data[:8192]
    for codec, width in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % width:
            continue
        try:
            text = sample[: len(sample) // width * width].decode(codec)
        except UnicodeDecodeError:  # a pair cut at the end of the sample is the sample's fault
            if len(sample) == len(data):
                continue
            try:
                text = sample[: len(sample) // width * width - width].decode(codec)
            except UnicodeDecodeError:
                continue
        if "\x00" in text or not _looks_like_text(text):
            continue
        if len(_TEXTLIKE.findall(text)) >= 0.95 * len(text):
            return codec
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _as_big5(data: bytes) -> str | None:
    """``data`` read as Big5 (with Hong Kong's characters), if it is Big5 text."""
    try:
        text = data.decode("big5hkscs").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    return text if text.strip() and _looks_like_text(text) else None


# Characters most Chinese text is made of, in both scripts where they differ: a reading of
# bytes in the wrong encoding has few of them.
_COMMON: Final = frozenset(
    "的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會"
    "可主发發年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着等部度"
    "家电電力里裡如水化高自二理起小物现現实實加量都两兩体體制机機当當使点點从從业業本去把性好应應"
    "开開它合还還因由其些然前外天政四日那社义義事平形相全表间間样樣与與关關各重新线線内內数數正"
    "心反你明看原又么麼利比或但质質气氣第向道命此变變条條只没沒结結解问問意建月公无無系军軍很情"
    "者最立代想已通并並提直题題程展五果料象员員位入常文总總次品式活设設及管特件长長求老头頭基资"
    "資边邊流路级級少图圖山统統接知较較将將组組见見计計别別她手角期根论論运運农農指几幾九区區强"
    "強放决決西被干做必战戰先回则則任取据據处處队隊南给給色光门門即保治北造百规規热熱领領七海口"
    "东東导導器压壓志世金增争爭济濟投资億亿万萬元项項目签簽约約企司"
)


_PRIVATE: Final = re.compile("[\ue000-\uf8ff]")


def _common(text: str) -> int:
    """How Chinese a reading looks: its common characters, less its private-use ones (GB18030
    reads the rows GB2312 leaves empty, where Big5's bytes fall, as those; no article has one)."""
    return sum(1 for c in text if c in _COMMON) - len(_PRIVATE.findall(text))


def _parser_limit(html: str) -> str | None:
    """Why the HTML parser (libxml2, under trafilatura) stops short of the end of the page, if
    it does: past 256 levels of nested elements it gives up, and what stood after that point
    is lost, so the page said "no article text found" or gave a part of its text as the whole."""
    from lxml import etree  # trafilatura's own parser

    parser = etree.HTMLParser(encoding="utf-8")
    try:
        etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except Exception:  # nothing to parse: trafilatura finds no text and says so
        return None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            if deep := re.search(r"depth[^0-9]*([0-9]+)", error.message, re.I):
                return (
                    f"the page is nested too deeply (more than {deep.group(1)} levels of"
                    " elements) for its text to be read"
                )
            return f"the page is beyond the HTML parser's limits ({error.message.strip()})"
    return None


def _html_text(html: str, name: str) -> tuple[str, str, str, str]:
    """The main text of a web page and its title, date and author."""
    import trafilatura  # here: only web pages need it

    limit = _parser_limit(html)
    if limit is not None:
        raise ArticleError(f"{name}: {limit}")
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # a page trafilatura cannot parse is the file's problem
        raise ArticleError(f"{name}: no article text found in the page ({exc})") from None
    if doc is None or not getattr(doc, "text", None):
        raise ArticleError(f"{name}: no article text found in the page")
    found: Any = doc
    text = "\n\n".join(line for line in str(found.text).splitlines() if line.strip())
    aside = _aside_paragraphs(html, text)
    if aside:
        # A box beside the article (<aside>: 企业声音, a company head's words and figures) that
        # the text extraction leaves out with the page's furniture: its sentences are the
        # article's too, read after the body.
        text = "\n\n".join([text, *aside])
    credit = _credit_line(html, text)
    if credit:
        # The page's byline, set apart from the body (作者：记者 某某 通讯员 某某), which the text
        # extraction leaves out with the page's furniture: the reporters are named in it.
        text = f"{credit}\n\n{text}"
    title = str(getattr(found, "title", "") or "")
    author = str(getattr(found, "author", "") or "")
    # The page's own published-date tag first; else the date trafilatura reads off the page.
    date = _meta_date(html) or _plain_date(str(getattr(found, "date", "") or ""))
    return text, title, date, author


def _aside_paragraphs(html: str, text: str) -> list[str]:
    """The paragraphs of the page's <aside> boxes that say something (twenty Chinese
    characters or more, a sentence's end) and are not in ``text`` already; links, headings and
    lists of related pages are no paragraphs."""
    out = []
    for box in _ASIDE.finditer(html):
        for m in _PARAGRAPH.finditer(box.group(1)):
            line = _one_line(re.sub(r"<[^>]+>", "", m.group(1)))
            if (
                len(_HAN.findall(line)) >= 20
                and re.search("[。！？”]", line)
                and line not in text
                and line not in out
            ):
                out.append(line)
    return out


_ASIDE: Final = re.compile(r"<aside\b[^>]*>(.*?)</aside>", re.I | re.S)
_PARAGRAPH: Final = re.compile(r"<p\b[^>]*>(.*?)</p>", re.I | re.S)


def _credit_line(html: str, text: str) -> str:
    """The first short element of the page that credits reporters (记者, 通讯员, 作者：) and is
    not in ``text`` already, as one line; "" if none."""
    for m in _ELEMENT_TEXT.finditer(html):
        line = _one_line(m.group(2))
        if line and _CREDITS.search(line) and line not in text:
            return line
    return ""


def _one_line(markup_text: str) -> str:
    """An element's text, its entities read and its white space made single spaces."""
    import html as entities

    return " ".join(entities.unescape(markup_text).split())


_ELEMENT_TEXT: Final = re.compile(r"<(p|div|span|h[2-6])\b[^>]*>([^<]{4,160})</\1>", re.I)
_CREDITS: Final = re.compile(r"记者|通讯员|作者[:：]")


def _plain_date(text: str) -> str:
    """``YYYY-MM-DD`` if ``text`` begins with one, else ""."""
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    return found.group(0) if found else ""


_META_DATE: Final = re.compile(
    r"<meta[^>]+(?:article:published_time|pubdate|publishdate|datePublished)[^>]+"
    r"content\s*=\s*[\"'](\d{4})-(\d{1,2})-(\d{1,2})",
    re.I,
)


def _meta_date(html: str) -> str:
    found = _META_DATE.search(html)
    if found is None:
        return ""
    year, month, day = (int(x) for x in found.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_records(text: str) -> bool:
    """Whether ``text`` is a JSON object (a store, ``hz export``) or JSON lines of objects
    (``hz export -f jsonl``, ``hz extract``): data for ``hz import``, whose text extracted as
    an article would become facts about JSON syntax. No article begins with a JSON object."""
    head = text.lstrip()
    if not head.startswith("{"):
        return False
    for candidate in (head, head.split("\n", 1)[0]):
        try:
            if isinstance(json.loads(candidate), dict):
                return True
        except ValueError:
            continue
    return False


def _text_name(name: str) -> str:
    """A file name as text a store can hold: bytes that are not UTF-8 (Python holds them as
    lone surrogates, which ``hz check`` refuses) shown as ``\\xff`` escapes, as ``ls -b`` does.
    Kept as they were, the records of ``bad\\xffname.txt`` could not be imported."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_article(
    path: str, *, encoding: str | None = None, stdin: BinaryIO | None = None
) -> Article:
    """Read an article file (``-``: stdin) as text; ArticleError (one line) if it is none."""
    name = "<stdin>" if path == "-" else path
    data = _read(path, stdin)
    if not data.strip():
        raise ArticleError(f"{name} is empty")
    _document(data, name)
    text, codec = decode(data, name, encoding)
    digest = hashlib.sha256(data).hexdigest()
    file = name if path == "-" else _text_name(Path(path).name)
    if _is_records(text):
        raise ArticleError(
            f"{name} is JSON data, not an article", hint="hz import reads a store or its records"
        )
    if _HTML.match(data[:1024]) or Path(path).suffix.lower() in (".html", ".htm"):
        body, title, date, author = _html_text(text, name)
        _check_chinese(body, name)
        return Article(body, file, digest, codec, True, title, date, author)
    _check_chinese(text, name)
    return Article(text, file, digest, codec, False)


def _check_chinese(text: str, name: str) -> None:
    """ArticleError for a text with no Chinese character at all (a configuration file, a log,
    an English page): no article hz reads, and adding it would put its lines in the store as a
    source's paragraphs."""
    if not _HAN.search(text):
        raise ArticleError(
            f"{name} holds no Chinese text: not an article",
            hint="hz reads Chinese news articles, as text or as a saved web page",
        )


_HAN: Final = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
