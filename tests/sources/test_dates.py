"""Dates in running text, resolved against the article's date (``sources/extract/dates.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hightech_cli.sources.article import read_article
from hightech_cli.sources.extract import extract
from hightech_cli.sources.extract.dates import (
    Reference,
    article_year,
    find_dates,
    publication_date,
)


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


@pytest.mark.parametrize(
    "text",
    [
        "去年12月，二号仓库项目封顶。该项目2024年开工，计划明年投用，2027年底前全部建成。",
        "该基地2024年签约。公司将在2028年前后启动第二条产线。",
        "2024年产值增长。预计今年6月投产，2029年达到设计产能。",
    ],
)
def test_a_deadline_or_a_plan_is_not_the_articles_year(text: str) -> None:
    """2027年底前, 2028年前后 and a year in a sentence that plans (计划…，2029年…) lie ahead
    of the writing: an undated article is of the latest year it names otherwise."""
    assert article_year(text) == 2024


def test_the_first_months_of_a_year_are_that_year() -> None:
    assert article_year("2023年前两个月，园区出口增长。") == 2023


def test_a_policy_in_force_until_a_day_is_a_dated_event(tmp_path: Path) -> None:
    """有效期至2027年6月30日: the day a policy lapses is an event of the policy."""
    path = tmp_path / "a.txt"
    path.write_text(
        "园区新闻\n\n2025年3月2日，宁安高新区发布《宁安高新区促进氢能产业发展若干措施》，"
        "自发布之日起实施。\n\n本措施有效期至2027年6月30日。\n",
        encoding="utf-8",
    )
    records = extract(read_article(str(path)), source_id="t").records
    events = [r for r in records if r["table"] == "facts" and r["kind"] == "event"]
    assert "2027-06-30" in [e["date"] for e in events]
