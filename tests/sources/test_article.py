"""Reading an article file (``sources/article.py``): encodings, web pages, and refusals."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from helpers import ROOT, extracted
from hightech_cli.errors import ExitCode, HzError
from hightech_cli.sources.article import MAX_BYTES, ArticleError, read_article

ARTICLES = ROOT / "tests" / "articles"
TEXT = "合肥高新区举行签约仪式\n\n5月15日，12个项目集中签约，总投资186.5亿元。\n"


def test_utf8_with_and_without_a_bom_read_alike(tmp_path: Path) -> None:
    plain, bom = tmp_path / "a.txt", tmp_path / "b.txt"
    plain.write_bytes(TEXT.encode("utf-8"))
    bom.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert read_article(str(plain)).text == read_article(str(bom)).text == TEXT
    assert read_article(str(bom)).encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb18030_and_gbk_are_detected(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(codec))
    article = read_article(str(path))
    assert article.text == TEXT
    assert article.encoding == "gb18030"


def test_the_encoding_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("big5", errors="ignore"))
    assert read_article(str(path), encoding="big5").encoding == "big5"
    with pytest.raises(HzError) as err:
        read_article(str(path), encoding="no-such-codec")
    assert err.value.exit_code == ExitCode.USAGE


@pytest.mark.parametrize("encoding", [os.fsdecode(b"\xff"), "undefined"])
def test_an_encoding_no_codec_reads_with_is_a_usage_error(tmp_path: Path, encoding: str) -> None:
    # --encoding typed as bytes of another locale, and the codec that refuses everything,
    # raised UnicodeError past the LookupError the unknown names raise: an internal error.
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    with pytest.raises(HzError) as err:
        read_article(str(path), encoding=encoding)
    assert err.value.exit_code == ExitCode.USAGE and "unknown encoding" in str(err.value)


def test_a_saved_web_page_gives_its_main_text_and_head() -> None:
    article = read_article(str(ARTICLES / "qingdao-xihaian-chips-2025.html"))
    assert article.html
    assert article.title and article.date == "2025-04-09"
    assert "集成电路产业发展推进会" in article.text
    assert "<" not in article.text and "ICP" not in article.text  # footer and markup dropped


def test_stdin_is_read(tmp_path: Path) -> None:
    article = read_article("-", stdin=io.BytesIO(TEXT.encode("utf-8")))
    assert article.text == TEXT and article.file == "<stdin>"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        ("\u3000\u3000\n\u3000 \r\n".encode(), "is empty"),  # the ideographic space is one too
        ("\u3000\n".encode("gb18030"), "is empty"),
        (b"\x00\x01\x02binary\x00\xff", "binary"),
        # Documents that are not text are named, whether or not their first bytes hold a NUL.
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "is a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "is a zip archive (a .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "is an Office document"),
        (b"{\\rtf1\\ansi\\ansicpg936 \\'c7\\'e0\\'b5\\'ba}", "is an RTF document"),
        (b"\xef\xbb\xbf%PDF-1.4\n", "is a PDF document"),
        (bytes(range(128, 256)) * 20, "neither UTF-8, GB18030 nor Big5"),
        # UTF-8 that holds control characters: said so (it said "neither UTF-8 nor GB18030").
        (
            "\x01\x02\x03\x04\x05\x06文字".encode() * 50,
            "is UTF-8 text holding 300 control characters (the first: \\x01 at character 1), "
            "not an article (give --encoding utf-8 to read it as it is)",
        ),
        (
            "园区新闻\n\n\x1b[31m红字\x1b[0m\x1b]52;c;aGk=\x07".encode(),
            "is UTF-8 text holding 4 control characters (the first: \\x1b at character 7)",
        ),
        (
            "园区新闻\x1b[2J\x1b[H\x1b]8;;http://x\x1b\\链接".encode("gb18030"),
            "is GB18030 text holding 4 control characters (the first: \\x1b at character 5)",
        ),
    ],
)
def test_what_is_no_article_is_one_line_naming_the_file(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as err:
        read_article(str(path))
    assert reason in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_its_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    # The binary test let it through for its mark, and then no codec tried read it.
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff".encode(codec) + TEXT.encode(codec))
    assert read_article(str(path)).text == TEXT


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_its_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    # Its little-endian mark begins as UTF-16's: it was refused as "UTF-16 text holding control
    # characters" with the hint --encoding utf-16, and the big-endian one as binary.
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff".encode(codec) + TEXT.encode(codec))
    article = read_article(str(path))
    assert article.text == TEXT and article.encoding == "utf-32"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_mark_are_read_as_the_encoding_given(
    tmp_path: Path, codec: str
) -> None:
    # Their NUL bytes made the file "binary" before the encoding given was even tried, so
    # --encoding utf-16-le could never read one.
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(codec))
    article = read_article(str(path), encoding=codec)
    assert article.text == TEXT and article.encoding == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_mark_are_refused_naming_the_encoding(
    tmp_path: Path, codec: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(codec))
    with pytest.raises(ArticleError) as err:
        read_article(str(path))
    message = str(err.value)
    assert f"{path} looks like {codec.upper()} text without a byte order mark" in message
    assert f"give --encoding {codec}" in message and "\n" not in message


def test_binary_data_stays_binary_whatever_encoding_is_given(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"\x00\x01\x02binary\x00\xff\x00" * 20)
    for encoding in (None, "utf-8", "latin-1"):
        with pytest.raises(ArticleError, match="binary"):
            read_article(str(path), encoding=encoding)


@pytest.mark.parametrize("declared", ["utf-16", "utf-32", "hex", "rot13", "nonesuch"])
def test_a_page_declaring_a_charset_that_cannot_be_its_own_is_read_as_utf8(
    tmp_path: Path, declared: str
) -> None:
    # A <meta charset> read as ASCII cannot name UTF-16: the page was "no article text found".
    path = tmp_path / "a.html"
    page = f'<html><head><meta charset="{declared}"><title>t</title></head><body><p>{TEXT}</p>'
    path.write_bytes((page + "</body></html>").encode("utf-8"))
    assert "合肥高新区" in read_article(str(path)).text


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin-1", "windows-1252", "gbk", "big5"])
def test_a_utf8_page_declaring_another_charset_is_read_as_utf8(
    tmp_path: Path, declared: str
) -> None:
    # A page saved as UTF-8 whose <meta> still names the charset it was served in: Latin-1
    # decodes any bytes, so the article came out as mojibake (麓谷 as éº\x93è°·), silently.
    path = tmp_path / "a.html"
    page = f'<html><head><meta charset="{declared}"><title>麓谷</title></head><body><p>{TEXT}</p>'
    path.write_bytes((page + "</body></html>").encode("utf-8"))
    article = read_article(str(path))
    assert "合肥高新区" in article.text and article.title == "麓谷"


def test_a_page_in_the_charset_it_declares_is_read_so(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    page = f'<html><head><meta charset="gbk"><title>麓谷</title></head><body><p>{TEXT}</p>'
    path.write_bytes((page + "</body></html>").encode("gbk"))
    article = read_article(str(path))
    assert "合肥高新区" in article.text and article.encoding == "gbk"


def test_a_directory_a_missing_file_and_a_fifo_are_refused(tmp_path: Path) -> None:
    with pytest.raises(HzError, match="directory"):
        read_article(str(tmp_path))
    with pytest.raises(HzError, match="no such file"):
        read_article(str(tmp_path / "missing.txt"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(HzError, match="not a regular file"):
        read_article(str(fifo))  # refused before it is opened: nothing waits for a writer


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ArticleError, match="not an article"):
        read_article(str(path))
    with pytest.raises(ArticleError, match="no article is that long"):
        read_article("-", stdin=io.BytesIO(b"a" * (MAX_BYTES + 1)))


def test_json_data_is_no_article_but_text_that_only_begins_like_it_is(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    for data in ('{"table": "meta"}\n{"table": "facts"}\n', '  {"entities": {}}'):
        path.write_text(data, encoding="utf-8")
        with pytest.raises(ArticleError, match="JSON data"):
            read_article(str(path))
    for text in ("{本报讯} 高新区新增企业120家。", '{"a": 1} 之后是正文', "[1] 高新区新增企业。"):
        path.write_text(text, encoding="utf-8")
        assert read_article(str(path)).text == text


TRADITIONAL = "青島高新區15個重大項目集中簽約，協議總投資186億元。據統計，新增企業1200餘家。"


def test_big5_is_read_as_big5_not_as_the_nonsense_gb18030_makes_of_it(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    article = read_article(str(path))
    assert article.text == TRADITIONAL and article.encoding == "big5hkscs"


@pytest.mark.parametrize("written", ["安泰斯", "Signed with 安泰斯 today."])
def test_short_big5_whose_gb18030_reading_holds_private_use_characters_is_big5(
    tmp_path: Path, written: str
) -> None:
    """A name of a few characters, none of them common: GB18030 reads the bytes as
    private-use characters (U+E6DD), which no article holds, and so the reading was kept."""
    path = tmp_path / "short.txt"
    path.write_bytes(written.encode("big5"))
    article = read_article(str(path))
    assert (article.text, article.encoding) == (written, "big5hkscs")


@pytest.mark.parametrize(
    "name", ["shijiazhuang-hitech-biomed-2026.gbk.txt", "dalian-hitech-summary-2026.gbk.txt"]
)
def test_gb18030_articles_stay_gb18030(name: str) -> None:
    assert read_article(str(ARTICLES / name)).encoding == "gb18030"


def test_a_file_name_that_is_not_utf8_is_recorded_as_text_a_store_holds(tmp_path: Path) -> None:
    # Python holds the bytes \xff\xfe of a name as lone surrogates; recorded so, the source's
    # ``file`` made every record of the article one that hz import refuses.
    path = tmp_path / os.fsdecode(b"bad\xff\xfename.txt")
    path.write_bytes(TEXT.encode("utf-8"))
    article = read_article(str(path))
    assert article.file == "bad\\xff\\xfename.txt"
    article.file.encode("utf-8")  # no surrogate left
    named = tmp_path / "青岛.txt"
    named.write_bytes(TEXT.encode("utf-8"))
    assert read_article(str(named)).file == "青岛.txt"


def _nested(depth: int) -> str:
    body = "<p>5月15日，12个项目集中签约，总投资186.5亿元，涵盖新一代信息技术等领域。</p>"
    return f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"


@pytest.mark.parametrize("depth", [300, 254, 5000])
def test_a_page_nested_too_deeply_says_so(tmp_path: Path, depth: int) -> None:
    # The parser gives up past 256 levels: the page said "no article text found", or gave the
    # text before that point as the whole article.
    path = tmp_path / "deep.html"
    path.write_text(_nested(depth), encoding="utf-8")
    with pytest.raises(ArticleError) as err:
        read_article(str(path))
    message = str(err.value)
    assert "nested too deeply" in message and "256 levels" in message and str(path) in message
    assert "\n" not in message and err.value.exit_code == ExitCode.NOT_FOUND


def test_a_page_nested_deeply_but_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_nested(200), encoding="utf-8")
    assert "总投资186.5亿元" in read_article(str(path)).text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("passwd", b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/bin/false\n"),
        ("notes.txt", "Plant opened in May; 120 jobs — café.\n".encode()),
        ("page.html", b"<html><body><p>Signing ceremony, 5 projects.</p></body></html>"),
    ],
)
def test_a_text_with_no_chinese_is_no_article(tmp_path: Path, name: str, data: bytes) -> None:
    """A configuration file, a log or an English page: hz add took its lines as a source's
    paragraphs and wrote them into the store."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ArticleError, match="holds no Chinese text") as caught:
        read_article(str(path))
    assert caught.value.exit_code == ExitCode.NOT_FOUND


def test_a_page_s_credit_line_is_kept(tmp_path: Path) -> None:
    """<div class="source">来源：…　作者：记者 某某 通讯员 某某　发布时间：…</div>: the page's
    furniture the text extraction drops, though it names the reporters; it is kept as the
    article's first line, and the time and source are no names."""
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>第{i}段，宁安高新区今年签约项目{i}个，总投资{i * 10}亿元，企业发展势头良好。</p>"
        for i in range(1, 7)
    )
    page.write_text(
        "<html><head><title>园区签约</title></head><body><div class='article'><h1>园区签约</h1>"
        "<div class='source'>来源：宁安日报　作者：记者 缪清远 通讯员 沙明珠"
        "　发布时间：2026-08-14</div>"
        f"<div class='content'>{body}</div></div></body></html>",
        encoding="utf-8",
    )
    article = read_article(str(page))
    assert article.text.startswith("来源：宁安日报 作者：记者 缪清远 通讯员 沙明珠")
    records = extracted(tmp_path, article.text)
    people = {r["name"]: r.get("role") for r in records.records if r.get("kind") == "person"}
    assert people == {"缪清远": "记者", "沙明珠": "通讯员"}


def test_a_box_beside_the_article_is_read_after_it(tmp_path: Path) -> None:
    """<aside>企业声音: a company head's words and figures</aside>: dropped with the page's
    furniture, they are read after the body; a box of links to related pages is not."""
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>第{i}段，宁安高新区今年签约项目{i}个，总投资{i * 10}亿元，企业发展势头良好。</p>"
        for i in range(1, 7)
    )
    said = "“从拿地到主体封顶只用了11个月。”康维医疗董事长黄诗韵说，公司去年营业收入4.3亿元。"
    page.write_text(
        "<html><head><title>园区访谈</title></head><body><div class='main'><h1>园区访谈</h1>"
        f"<div class='content'>{body}</div><aside class='sidebar'><h4>企业声音</h4><p>{said}</p>"
        "</aside><aside><ul><li><a href='/a'>宁安高新区获批省级新型工业化示范基地</a></li></ul>"
        "</aside></div></body></html>",
        encoding="utf-8",
    )
    text = read_article(str(page)).text
    assert text.endswith(said)
    assert "示范基地" not in text
