"""Text normalisation (``text.py``): what every name and search compares."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hightech_cli.text import normalize, normalize_mapped


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡｓｔｒａＺｅｎｅｃａ", "astrazeneca"),
        ("  Haier   Biomedical\t", "haier biomedical"),
        ("小优 智能", "小优智能"),  # a space between Han characters means nothing
        ("发展高科技，实现产业化", "发展高科技,实现产业化"),
        ("发展高科技, 实现产业化", "发展高科技,实现产业化"),
        ("“高新”「高新」『高新』＂高新＂", '"高新""高新""高新""高新"'),
        ("‘e’", "'e'"),
        ("申请材料；审批时限：", "申请材料;审批时限:"),
        ("众创空间—孵化器–加速器", "众创空间-孵化器-加速器"),
        ("小\u200b优\ufeff智能\u200d", "小优智能"),
        ("II期", "ii期"),
        ("C反应蛋白", "c反应蛋白"),
        ("ＭＥＭＳ（微机电系统）", "mems(微机电系统)"),
        ("高新区……", "高新区......"),
        ("\u3000青岛\u3000高新区\u3000", "青岛高新区"),
        ("", ""),
        (" \u200b ", ""),
        # Bidi marks, embeddings and isolates, which copying a name from a web page or a chat
        # can bring along, and the other characters that show as nothing: a name typed with
        # one is the name a reader sees (they made hz company find nothing).
        ("\u200e小优智能\u200f", "小优智能"),
        ("\u202a小优\u202e智能\u202c", "小优智能"),
        ("\u2066小优智能\u2069", "小优智能"),
        ("小优\ufe0f智能\U000e0100", "小优智能"),
        ("\u3164小优\u034f智能\u2800", "小优智能"),
        ("\u061c\u180b\U000e0041", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_mapped_points_back_into_the_original() -> None:
    raw = "ＡＩ “人工智能+” 小优…"
    folded, spans = normalize_mapped(raw)
    assert folded == normalize(raw) == 'ai"人工智能+"小优...'
    assert len(spans) == len(folded)
    assert raw[slice(*spans[0])] == "Ａ"
    assert raw[slice(*spans[2])] == "“"
    assert all(raw[slice(*spans[i])] == "…" for i in range(len(folded) - 3, len(folded)))


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


ARTICLE_ALPHABET = (
    "青岛高新区小优智能汉唐生物阿斯利康，,。“”「」\"'：:；; \u3000\u200bＡａAa1１-—…ß"
)


@given(st.text(alphabet=ARTICLE_ALPHABET))
def test_normalize_is_idempotent_on_article_like_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normalize_mapped_spans_are_ordered_and_inside(text: str) -> None:
    folded, spans = normalize_mapped(text)
    assert folded == normalize(text)
    assert len(spans) == len(folded)
    for (start, end), (next_start, _) in itertools.pairwise(spans):
        assert start <= next_start
        assert start < end
    assert all(0 <= s < e <= len(text) for s, e in spans)


def test_fast_path_characters_are_left_alone_by_the_slow_path() -> None:
    chars = "0123456789abcdefghijklmnopqrstuvwxyz:-_./"
    chars += "".join(map(chr, range(0x4E00, 0xA000)))
    assert all(normalize_mapped(c)[0] == c for c in chars)
    assert unicodedata.normalize("NFKC", chars).casefold() == chars


@given(st.text())
def test_normalize_equals_the_slow_path(text: str) -> None:
    assert normalize(text) == normalize_mapped(text)[0]


@given(st.text(alphabet="aZ09 :-_./\t小优\u4e00\u9fffＡ\u3000\u0301ßİ"))
def test_normalize_equals_the_slow_path_near_the_fast_alphabet(text: str) -> None:
    assert normalize(text) == normalize_mapped(text)[0]


_FOLD_ALPHABET = (
    '青岛高新区小优智能,，。“”"「」 \u3000\u200b\u00adＡａAaßİıς1１…ｶﾞﬁ—-\u0301\u0308e'
    "\u1100\u1161\u11a8가\u2474\u33c2\u00a0\t\n㈱Ⅷ\u0000"
)


@settings(max_examples=400)
@given(st.text(alphabet=_FOLD_ALPHABET) | st.text())
def test_normalize_equals_the_mapped_fold(text: str) -> None:
    # normalize folds most text a character at a time; it must give what the mapped fold gives.
    assert normalize(text) == normalize_mapped(text)[0]
