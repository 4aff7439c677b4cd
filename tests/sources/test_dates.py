"""Dates in running text, resolved against the article's date (``sources/extract/dates.py``)."""

from __future__ import annotations

import pytest

from hightech_cli.sources.extract.dates import Reference, find_dates, publication_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025年5月18日", "2025-05-18"),
        ("2025-05-16", "2025-05-16"),
        ("2024年10月", "2024-10"),
        ("2023年", "2023"),
        ("二〇二四年", "2024"),
        ("5月18日", "2025-06-18".replace("06", "05")),
        ("去年10月", "2024-10"),
        ("前年", "2023"),
        ("明年", "2026"),
        ("今年2月", "2025-02"),
        ("上月", "2025-05"),
        ("本月", "2025-06"),
        ("昨天", "2025-06-02"),
    ],
)
def test_dates_resolve_against_the_article(text: str, iso: str) -> None:
    found = find_dates(text, Reference.of("2025-06-03"))
    assert [d.iso for d in found] == [iso]
    assert found[0].text == text


def test_same_year_takes_the_year_last_named() -> None:
    found = find_dates("2021年落户，同年4月投产", Reference.of("2025-06-03"))
    assert [d.iso for d in found] == ["2021", "2021-04"]


def test_a_date_without_its_year_in_an_undated_article_is_left_out() -> None:
    assert find_dates("5月18日开工", Reference()) == []
    assert [d.iso for d in find_dates("5月18日开工", Reference.of("2025"))] == ["2025-05-18"]


def test_three_months_is_no_date() -> None:
    assert find_dates("用时3个月", Reference.of("2025-06-03")) == []


@pytest.mark.parametrize(
    ("head", "iso"),
    [
        ("《苏州日报》2025年4月21日 第A03版\n标题", "2025-04-21"),
        ("发布时间：2025-05-16　　来源：管委会", "2025-05-16"),
        ("没有日期的文章", ""),
    ],
)
def test_publication_date(head: str, iso: str) -> None:
    assert publication_date(head) == iso
