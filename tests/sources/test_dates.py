"""Dates in running text, resolved against the article's date (``sources/extract/dates.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import extracted, extracts_within
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
        ("本报讯（记者 王某）2025年3月4日，园区举行签约仪式。", "2025-03-04"),
        ("（2026年11月10日）走进园区，研发楼灯火通明。", "2026-11-10"),
        ("新华社青岛2025年5月6日电 园区今天发布新政。", "2025-05-06"),
        # A date inside a sentence is what happens then, not when the article was printed.
        ("园区近日印发新政，提出十条举措，鼓励企业加大研发投入。新政自2025年9月1日起施行。", ""),
    ],
)
def test_publication_date(head: str, iso: str) -> None:
    assert publication_date(head) == iso


def test_a_date_read_in_a_guessed_year_says_so() -> None:
    """In an article that prints no date, 6月12日 and 今年 are read in a guessed year and
    marked; a date that names its year, or takes the year last named, is not a guess."""
    found = find_dates(
        "2023年落户，同年9月投产；6月12日签约，今年开工", Reference.of("2025", guessed=True)
    )
    assert [(d.iso, d.guessed) for d in found] == [
        ("2023", False), ("2023-09", False), ("2025-06-12", True), ("2025", True)
    ]  # fmt: skip
    assert not any(d.guessed for d in find_dates("6月12日签约", Reference.of("2025-06-20")))


def test_an_undated_article_says_which_dates_it_read_in_a_guessed_year(tmp_path: Path) -> None:
    from hightech_cli.sources.extract import GUESSED_DATE_CONFIDENCE

    body = "园区新厂签约\n\n2024年，园区产值增长12%。3月8日，园区与一家企业签约，总投资6亿元。\n"
    undated = tmp_path / "undated.txt"
    undated.write_text(body, encoding="utf-8")
    done = extract(read_article(str(undated)), source_id="u")
    (remark,) = done.notes
    assert "3月8日" in remark and "2024" in remark and "--date" in remark
    march = [r for r in done.records if r.get("date") == "2024-03-08"]
    assert march and all(r["extracted"]["confidence"] <= GUESSED_DATE_CONFIDENCE for r in march)
    stated = [r for r in done.records if r.get("date") == "2024"]
    assert stated and all(r["extracted"]["confidence"] > GUESSED_DATE_CONFIDENCE for r in stated)
    dated = tmp_path / "dated.txt"
    dated.write_text(body.replace("\n\n", "\n\n2025年3月9日\n\n", 1), encoding="utf-8")
    again = extract(read_article(str(dated)), source_id="d")
    assert again.notes == []
    march = [r for r in again.records if r.get("date") == "2025-03-08"]
    assert march and all(r["extracted"]["confidence"] > GUESSED_DATE_CONFIDENCE for r in march)


def test_an_article_of_no_year_of_its_own_says_its_dates_are_left_out(tmp_path: Path) -> None:
    """计划于2027年建成 is a target, not the year of writing: with no other year, 9月18日 is
    left out, and a note says so."""

    path = tmp_path / "a.txt"
    path.write_text("标题\n\n9月18日，园区项目开工，计划于2027年6月建成。\n", encoding="utf-8")
    done = extract(read_article(str(path)), source_id="n")
    assert done.records[0]["sources"][0]["year"] == 0
    assert not any(str(r.get("date", "")).endswith("09-18") for r in done.records)
    (remark,) = done.notes
    assert "no year" in remark and "--date" in remark


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


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("园区2025年产业规模突破150亿元。今年计划再增两成。", 2026),
        ("2025年全年实现营业收入12亿元。", 2026),
        ("2025年上半年产值达到80亿元。", 2025),
        ("2025年1—8月营收达到12亿元。", 2025),
    ],
)
def test_a_whole_years_total_is_written_after_that_year(text: str, year: int) -> None:
    assert article_year(text) == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("该公司成立于2021年。6月11日，2026长三角新材料产业对接大会在园区开幕。", 2026),
        ("2019年，基地开工。2025全球氢能创新论坛上，三家企业签约。", 2025),
        ("公司2021年成立。6月，2026长三角（宁安）青年创业大会在园区举行。", 2026),
        ("公司2020年落户园区。2024款新车于今年3月上市。", 2020),
        ("公司2020年落户园区。计划2028国际电池博览会前发布新品。", 2020),
    ],
)
def test_a_meeting_named_by_its_year_is_of_that_year(text: str, year: int) -> None:
    """2026长三角…大会: a year that begins a meeting's name dates the meeting, so an undated
    article reporting it is of that year; a model year (2024款) or a meeting planned is not."""
    assert article_year(text) == year


def test_a_policy_in_force_until_a_day_is_a_dated_event(tmp_path: Path) -> None:
    """有效期至2027年6月30日: the day a policy lapses is an event of the policy."""
    records = extracted(
        tmp_path,
        "园区新闻\n\n2025年3月2日，宁安高新区发布《宁安高新区促进氢能产业发展若干措施》，"
        "自发布之日起实施。\n\n本措施有效期至2027年6月30日。\n",
    ).records
    events = [r for r in records if r["table"] == "facts" and r["kind"] == "event"]
    assert "2027-06-30" in [e["date"] for e in events]


def test_the_end_of_next_year_is_one_date() -> None:
    found = find_dates("力争到明年年底建成，去年年末已开工", Reference.of("2026-11-28"))
    assert [d.iso for d in found] == ["2027", "2025"]


def test_a_question_is_no_event(tmp_path: Path) -> None:
    text = (
        "专访园区主任\n\n2026年7月20日\n\n"
        "记者：今年上半年，园区经济运行情况如何？二期工程何时开工？\n\n"
        "王主任：园区二期工程已于4月开工。\n"
    )
    events = [r for r in extracted(tmp_path, text).records if r.get("kind") == "event"]
    assert [(e["topic"], e["date"]) for e in events] == [("开工", "2026-04")]


def test_a_rate_and_the_base_of_a_comparison_are_no_events(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n2026年11月12日\n\n"
        "已签约项目的开工率由去年同期的58%提高到71%。今年3月，星岚科技新工厂开工。\n"
    )
    events = [r for r in extracted(tmp_path, text).records if r.get("kind") == "event"]
    assert [(e["topic"], e["date"]) for e in events] == [("开工", "2026-03")]


def test_the_year_after_the_one_last_named() -> None:
    found = find_dates(
        "2018年公司成立，次年推出首款产品，当年冬天交付。", Reference.of("2026-05-01")
    )
    assert [d.iso for d in found] == ["2018", "2019", "2019"]


def test_moving_in_and_building_together_are_events(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n2026年5月1日\n\n"
        "2021年，我们搬进了高新区的科技企业加速器。今年3月，公司和哈尔滨工业大学共建了联合实验室。\n"
    )
    events = [r for r in extracted(tmp_path, text).records if r.get("kind") == "event"]
    assert [(e["topic"], e["date"]) for e in events] == [("搬进", "2021"), ("共建", "2026-03")]


def test_a_date_and_verb_describing_named_works_are_their_event(tmp_path: Path) -> None:
    """去年10月签约的甲公司乙项目, 今年3月开工的丙中心二期项目: the clause before 的 says when
    the works named after it were signed or begun, an event of those works (not of the
    company); 今年举办的第三场活动 names nothing after 的, and is no event."""
    text = (
        "园区新闻\n\n2026年5月12日\n\n"
        "去年10月签约的宁远新材料有限公司高纯石英砂项目已完成主体施工。"
        "今年3月开工的宁安智算中心二期项目预计年底建成。这是园区今年举办的第三场活动。\n"
    )
    records = extracted(tmp_path, text).records
    names = {r["id"]: r["name"] for r in records if r["table"] == "entities"}
    events = [r for r in records if r.get("kind") == "event"]
    found = [(e["topic"], e["date"], names[e["subject"]]) for e in events]
    assert ("签约", "2025-10", "高纯石英砂项目") in found
    assert ("开工", "2026-03", "宁安智算中心二期项目") in found
    assert not [e for e in events if e["topic"] == "举办"]


def test_what_happens_at_a_meeting_is_of_the_meeting_s_day(tmp_path: Path) -> None:
    """推介会上，…签约; 活动现场，…发布了…: the sentence begins at the meeting held on a day
    told before, so its event is of that day; 发布会上 is no 发布; once another day is told,
    a later 会上 may be of another meeting, and is left undated."""
    text = (
        "园区新闻\n\n2026年5月20日\n\n"
        "5月15日，宁安高新区投资推介会在慕尼黑举行。推介会上，宁安高新区与德国克勒曼精密机械有限公司签约。\n\n"
        "活动现场，宁安高新区还发布了《宁安高新区外资企业服务十条》。发布会上，企业代表认真记录。\n\n"
        "5月18日，代表团抵达米兰。推介会上，宁安高新区与意大利费兰迪机器人公司签约。\n"
    )
    events = [r for r in extracted(tmp_path, text).records if r.get("kind") == "event"]
    found = [(e["topic"], e["date"], e["evidence"]["quote"][:5]) for e in events]
    assert ("签约", "2026-05-15", "推介会上，") in found
    assert ("发布", "2026-05-15", "活动现场，") in found
    assert not [f for f in found if f[2].startswith("发布会上")]
    assert not [e for e in events if "费兰迪" in e["evidence"]["quote"]]


def _events(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    """Each event of an article: its verb, its date and its subject's name."""
    records = extracted(tmp_path, text).records
    names = {r["id"]: r["name"] for r in records if r["table"] == "entities"}
    events = [r for r in records if r.get("kind") == "event"]
    return [(e["topic"], e["date"], names.get(e["subject"], "")) for e in events]


def test_a_year_inside_a_title_dates_nothing(tmp_path: Path) -> None:
    """发布《…三年行动方案（2026—2028年）》: 2028年 is part of the document's name; the 发布 is of
    the day the sentence opens with, the meeting's."""
    text = (
        "园区新闻\n\n2026年4月10日\n\n"
        "4月8日，宁安高新区召开科技创新工作会议，发布《宁安高新区科技创新三年行动方案（2026—2028年）》"
        "和《宁安高新区企业服务清单（2026年版）》，首批推出服务事项30项。\n"
    )
    found = _events(tmp_path, text)
    assert ("召开", "2026-04-08", "宁安高新区") in found
    assert [f for f in found if f[0] == "发布"] and all(
        f[1] == "2026-04-08" for f in found if f[0] == "发布"
    )
    assert not [f for f in found if f[1].startswith("2028")]


def test_a_meeting_described_by_its_day_dates_what_it_also_saw(tmp_path: Path) -> None:
    """4月8日上午举行的对接会吸引了…; 对接会同时发布了《…》: what the meeting also saw, with no
    comma after its name, is of its day."""
    text = (
        "园区新闻\n\n2026年4月10日\n\n"
        "4月8日上午举行的对接会吸引了60余家企业参加。\n\n"
        "对接会同时发布了《宁安高新区应用场景清单》，列出场景需求40项。\n"
    )
    found = _events(tmp_path, text)
    assert [f for f in found if f[0] == "发布" and f[1] == "2026-04-08"]


def test_a_meeting_still_to_come_is_no_meeting_told_of(tmp_path: Path) -> None:
    """下一届论坛将于明年5月举办 is to come: a later 论坛期间还发布了… is not of next year."""
    text = (
        "园区新闻\n\n2026年4月10日\n\n"
        "下一届论坛将于明年5月在宁安高新区举办。\n\n"
        "论坛期间还发布了《宁安高新区算力产业白皮书》。\n"
    )
    found = _events(tmp_path, text)
    assert ("举办", "2027-05", "宁安高新区") in found
    assert not [f for f in found if f[0] == "发布"]


def test_a_count_of_the_meetings_day_is_no_event_of_it(tmp_path: Path) -> None:
    """4月8日，…举行签约大会，现场签约项目16个: the clause is a figure with the day, not also an
    event."""
    text = (
        "园区新闻\n\n2026年4月10日\n\n"
        "4月8日，宁安高新区举行重点项目签约大会，现场签约项目16个，总投资120亿元。\n"
    )
    found = _events(tmp_path, text)
    assert [f[0] for f in found] == ["举行"]


def test_the_first_party_signs(tmp_path: Path) -> None:
    """推介会上，宁安高新区与德国罗森精密公司签订投资协议: the zone, the first of the two, signs;
    the meeting's words before it do not make the company the sentence's first name."""
    text = (
        "园区新闻\n\n2026年4月10日\n\n"
        "4月8日，宁安高新区投资推介会在上海举行。推介会上，宁安高新区与德国罗森精密公司签订投资协议。\n"
    )
    found = _events(tmp_path, text)
    assert ("签订", "2026-04-08", "宁安高新区") in found


def test_steps_of_a_career_are_the_persons_events(tmp_path: Path) -> None:
    """2018年，他从一家研究所辞职; 次年回到家乡创业: steps of the founder's career, his."""
    text = (
        "园区新闻\n\n2026年4月10日\n\n"
        "宁远光学创始人邵启明早年在上海从事镜头设计。2018年，他从一家光学研究所辞职。\n\n"
        "2019年，邵启明回到家乡创业，如今公司已有员工120人。\n"
    )
    found = _events(tmp_path, text)
    assert ("辞职", "2018", "邵启明") in found
    assert ("创业", "2019", "邵启明") in found


@pytest.mark.parametrize(
    "body",
    [
        "今年3月，园区支持大学生创业，发放补贴50万元。",
        "2020年，宁远光学在创业板上市。",
        "去年，园区通过招商引资新增企业30家。",
    ],
)
def test_words_of_a_field_or_a_means_are_no_events(tmp_path: Path, body: str) -> None:
    """创业 in 支持大学生创业 and 创业板, 通过 as "by way of": no 创业 or 通过 event."""
    found = _events(tmp_path, f"园区新闻\n\n2026年4月10日\n\n{body}\n")
    assert not [f for f in found if f[0] in ("创业", "通过")]


def test_passing_an_acceptance_or_a_certification_is_an_event(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n2026年4月10日\n\n"
        "今年3月，宁远研究院牵头建设的省级重点实验室通过验收。"
        "去年9月，宁远光学的车载镜头通过了一家整车企业的认证。\n"
    )
    found = _events(tmp_path, text)
    assert [(f[0], f[1]) for f in found] == [("通过", "2026-03"), ("通过", "2025-09")]


def test_years_after_and_this_year_count_from_the_year_last_named(tmp_path: Path) -> None:
    """2015年…辞去…工作; 三年后，…成立; 这一年，…研制出…: each counted from the year told."""
    text = (
        "创业故事\n\n2026年5月1日\n\n"
        "2015年，宁远新材创始人邵启明辞去研究所的工作，回到家乡。三年后，宁远新材正式注册成立。\n\n"
        "转折出现在2021年。这一年，团队成功研制出电子级薄膜。\n"
    )
    found = _events(tmp_path, text)
    assert ("辞去", "2015", "邵启明") in found
    assert ("成立", "2018", "宁远新材") in found
    assert [f for f in found if f[:2] == ("研制出", "2021")]


def test_years_after_a_deed_planned_are_no_date(tmp_path: Path) -> None:
    """项目建成3年后达产: a span after an event, not a year counted from one told."""
    found = find_dates("2025年签约，项目建成3年后达产。", Reference.of("2026-05-01"), [])
    assert [d.iso for d in found] == ["2025"]


def test_a_visit_and_mass_production_are_events(tmp_path: Path) -> None:
    """次日上午，…一行实地察看了项目选址; 计划明年下半年实现量产: a visit on a day told, and the
    start of mass production planned, are events."""
    text = (
        "园区新闻\n\n2026年9月10日\n\n"
        "9月8日，宁远光电与宁安高新区签约。次日上午，宁远光电代表团一行实地察看了项目选址。"
        "公司计划明年下半年实现新产线量产。\n"
    )
    found = _events(tmp_path, text)
    assert [f[:2] for f in found if f[0] in ("察看", "量产")] == [
        ("察看", "2026-09-09"), ("量产", "2027")
    ]  # fmt: skip


def test_a_listed_company_is_no_listing(tmp_path: Path) -> None:
    """成为高新区今年第三家上市企业: a kind of company; the listing is 于5月18日…上市."""
    text = (
        "园区新闻\n\n2026年12月1日\n\n"
        "宁远科技5月18日在深交所创业板上市，成为高新区今年第三家上市企业。\n"
    )
    found = _events(tmp_path, text)
    assert [f[:2] for f in found if f[0] == "上市"] == [("上市", "2026-05-18")]


def test_graduating_and_a_promotion_are_the_persons_events(tmp_path: Path) -> None:
    """2007年，她从…大学毕业; 两年后，她被提拔为车间主任: the founder's; 毕业生 is no event."""
    text = (
        "创业故事\n\n2026年5月1日\n\n"
        "宁远精密创始人邵静兰出生在宁安。2007年，她从宁安理工大学毕业，进入一家汽车零部件企业。"
        "两年后，她被提拔为车间主任。\n\n今年园区新招高校毕业生1200人。\n"
    )
    found = _events(tmp_path, text)
    assert ("毕业", "2007", "邵静兰") in found
    assert ("提拔为", "2009", "邵静兰") in found
    assert not [f for f in found if f[0] == "毕业" and f[1] == "2026"]


def test_a_birth_a_first_profit_and_a_first_order_are_events(tmp_path: Path) -> None:
    """1976年，他出生在…; 2012年，公司首次实现盈利; 同年，公司拿下了第一张订单; 出生率 is none."""
    text = (
        "创业故事\n\n2026年5月1日\n\n"
        "宁远锂业创始人马文斌今年50岁。1976年，马文斌出生在宁安一个农民家庭。"
        "2012年，宁远锂业首次实现盈利。"
        "同年，公司拿下了第一张来自电池企业的订单。\n\n2025年，宁安的出生率为千分之七。\n"
    )
    found = _events(tmp_path, text)
    assert ("出生", "1976", "马文斌") in found
    assert [f[:2] for f in found if f[0] in ("实现盈利", "拿下")] == [
        ("实现盈利", "2012"), ("拿下", "2012")
    ]  # fmt: skip
    assert not [f for f in found if f[0] == "出生" and f[1] == "2025"]


def test_a_meetings_deeds_are_read_in_its_first_clauses_only(tmp_path: Path) -> None:
    """A sentence of a meeting with a long run of deeds (a hostile file): the first few clauses
    after the meeting are read for them, so the run costs no time per clause of it."""
    deeds = "".join(f"发布《方案{i}》，" for i in range(40))
    text = f"园区新闻\n\n2026年3月2日\n\n3月1日，宁安高新区召开大会，{deeds}启动平台。\n"
    found = _events(tmp_path, text)
    released = [f for f in found if f[0] == "发布"]
    assert 1 <= len(released) <= 8
    assert all(f[1] == "2026-03-01" for f in released)


def test_a_clause_led_by_its_own_date_keeps_its_verb(tmp_path: Path) -> None:
    """去年5月取得土地，同年10月开工: each date has its own verb (取得 among them); the first
    date took 开工 from the clause after it, and 同年10月 was left with none."""
    text = (
        "园区新闻\n\n2026年5月1日\n\n"
        "宁远半导体三期项目2024年12月签约，去年5月取得土地，同年10月开工，今年8月主厂房封顶。\n"
    )
    events = [r for r in extracted(tmp_path, text).records if r.get("kind") == "event"]
    assert [(e["topic"], e["date"]) for e in events] == [
        ("签约", "2024-12"), ("取得", "2025-05"), ("开工", "2025-10"), ("封顶", "2026-08")
    ]  # fmt: skip


def test_moving_a_plant_and_bringing_in_equipment_are_events(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n2026年5月1日\n\n"
        "这家企业去年从外省整体搬迁到园区。新厂房已经封顶，明年一季度设备进场。\n"
    )
    events = [r for r in extracted(tmp_path, text).records if r.get("kind") == "event"]
    assert [(e["topic"], e["date"]) for e in events] == [("搬迁", "2025"), ("进场", "2027")]


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("宁安高新区营业收入由2021年的35亿元增至2025年的61亿元。", "2025"),
        ("2025年，宁安高新区高新技术企业从300家增加到540家。", "2025"),
        ("宁安高新区高新技术企业从2021年的300家增加到540家。", None),
    ],
)
def test_a_change_is_dated_by_its_new_figure(
    tmp_path: Path, sentence: str, date: str | None
) -> None:
    """The year of the old figure (从2021年的300家…) dates the old figure, not the change."""
    records = extracted(tmp_path, f"园区新闻\n\n{sentence}\n").records
    (change,) = [r for r in records if r["table"] == "facts" and "before" in r]
    assert change.get("date") == date


def test_a_span_of_years_is_no_date_this_year() -> None:
    """年内 is this year; 3年内 and 五年内 say how long, and date nothing."""
    ref = Reference.of("2026-03-02")
    assert [d.iso for d in find_dates("力争年内建成投用。", ref)] == ["2026"]
    assert find_dates("入园企业3年内减半收取物业费，五年内不迁出。", ref) == []


def test_the_same_day_is_a_day_of_news_not_the_end_of_a_term() -> None:
    """当天 refers back to the day something happened, never to the bound of a term printed
    after it (有效期至…, 自…起施行), and it does so in an article with no date of its own."""
    text = "4月9日，园区印发新规，自2026年5月1日起施行，有效期至2029年4月30日。当天，三家企业入驻。"
    for ref in (Reference.of("2026-04-10"), Reference.of("2026", guessed=True)):
        found = {d.text: d.iso for d in find_dates(text, ref)}
        assert found["当天"] == "2026-04-09"


def test_a_year_set_against_the_present_is_not_the_article_s_year() -> None:
    """2019年…如今…: a year the article looks back to is gone by; with no other year the
    article's year is unknown rather than guessed."""
    assert article_year("2019年工厂投产时只有80名工人，如今已有600人。") is None
    assert article_year("2019年工厂投产。2024年产值增长12%。") == 2024


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025\u200b年5\u200b月18日，项目开工", "2025-05-18"),
        ("2025年\ufeff5月18日，项目开工", "2025-05-18"),
        ("今年\u20605月，双方签约", "2026-05"),
        ("２０２５\u200b年", "2025"),
    ],
)
def test_a_date_with_characters_that_take_no_room_is_read_in_place(text: str, iso: str) -> None:
    found = find_dates(text, Reference.of("2026-01-02"))
    assert [d.iso for d in found] == [iso]
    d = found[0]
    assert text[d.start : d.end] == d.text and d.text[-1] in "日月年"


def test_the_day_a_document_was_issued_is_the_day_last_named() -> None:
    """自印发之日起施行: in force from the day of the issue named before it."""
    found = find_dates(
        "9月8日，管委会印发新政策。新政策自印发之日起施行。", Reference.of("2026-09-09")
    )
    assert [d.iso for d in found] == ["2026-09-08", "2026-09-08"]


def test_a_figure_of_the_present_is_not_dated_by_a_year_before_it(tmp_path: Path) -> None:
    """成立于2017年，目前拥有员工320人: the staff counted now, not in the year it was founded;
    a figure the year itself governs keeps it."""
    text = (
        "园区新闻\n\n宁安智控成立于2017年，目前拥有员工320人。"
        "宁安智控2017年营收为3.2亿元，现有专利86项。\n"
    )
    records = extracted(tmp_path, text).records
    dated = {
        r["value"]["text"]: r.get("date") for r in records if r["table"] == "facts" and "value" in r
    }
    assert dated["3.2亿元"] == "2017"
    assert dated["320人"] != "2017" and dated["86项"] != "2017"


def test_the_year_a_change_starts_from_dates_no_later_figure(tmp_path: Path) -> None:
    """产值从2021年的八千万元增长到三点二亿元，研发投入占比保持在百分之十二以上: the share is
    no figure of 2021."""
    text = (
        "园区新闻\n\n宁安智控年产值已从2021年的八千万元增长到三点二亿元，"
        "研发投入占比保持在12%以上。\n"
    )
    records = extracted(tmp_path, text).records
    dated = {
        r["value"]["text"]: r.get("date") for r in records if r["table"] == "facts" and "value" in r
    }
    assert dated["12%以上"] != "2021"


def test_in_force_from_the_day_of_issue_is_an_event_of_coming_into_force(tmp_path: Path) -> None:
    """自印发之日起施行: the event is 施行, dated the day of the issue; 印发 names the day."""
    text = "园区新政\n\n2026年3月2日，管委会印发《若干意见》。《若干意见》自印发之日起施行。\n"
    records = extracted(tmp_path, text).records
    events = [r for r in records if r.get("kind") == "event"]
    in_force = [r for r in events if "施行" in r["evidence"]["quote"]]
    assert [(r["topic"], r["date"]) for r in in_force] == [("施行", "2026-03-02")]


def test_the_day_of_issue_is_none_named_in_another_paragraph() -> None:
    """A day named in the paragraph before (a project's start) is not the day a document
    was issued: 自印发之日起施行 with no day before it in its own paragraph is undated."""
    carry: list[Any] = []
    ref = Reference.of("2026-11-12")
    find_dates("某项目已于9月20日开工。", ref, carry)
    assert [d.iso for d in find_dates("《若干措施》自印发之日起施行。", ref, carry)] == []


def test_the_end_of_a_term_is_not_the_day_of_issue() -> None:
    """有效期至2028年12月31日 bounds a term: 自发布之日起 after it in its paragraph is not that
    day, nor a day of the paragraph before."""
    carry: list[Any] = []
    ref = Reference.of("2026-11-12")
    find_dates("某项目已于9月20日开工。", ref, carry)
    found = find_dates("措施有效期至2028年12月31日，自发布之日起施行。", ref, carry)
    assert [d.iso for d in found] == ["2028-12-31"]


def test_works_built_later_in_the_paragraph_are_the_event_s(tmp_path: Path) -> None:
    """宁川科技…建设量子芯片中试线项目。主要建设…，计划今年9月开工: the sentence of the verb
    names no works; they are the project named before, not the company; 均计划…开工, of
    several at once, is none of them alone."""
    text = (
        "园区新闻\n\n2026年5月1日\n\n"
        "宁川量子科技有限公司投资12亿元建设量子芯片中试线项目。主要建设研发楼和洁净厂房，计划今年9月开工。\n\n"
        "此外，宁安光电有限公司在宁安高新区投资5亿元建设显示模组生产基地，宁安精工有限公司投资3亿元建设"
        "精密轴承生产线，两个项目均计划于今年三季度前开工。\n"
    )
    records = extracted(tmp_path, text).records
    names = {r["id"]: r["name"] for r in records if r["table"] == "entities"}
    events = {e["date"]: names[e["subject"]] for e in records if e.get("kind") == "event"}
    assert events["2026-09"] == "量子芯片中试线项目"
    assert events.get("2026") not in ("显示模组生产基地", "精密轴承生产线")


def test_that_year_is_the_year_last_named_and_none_without_one() -> None:
    """那年春天, 那一年: the year told before, as 同年; with none told, no date (not this year)."""
    ref = Reference.of("2026-05-01")
    found = find_dates("2023年，他回国创业。那年春天，公司拿到第一笔融资。", ref)
    assert [(d.text, d.iso) for d in found] == [("2023年", "2023"), ("那年", "2023")]
    assert find_dates("那年春天，公司拿到第一笔融资。", ref) == []


def test_the_same_day_and_the_day_after() -> None:
    """同日, 同一天: the day last named, as 当天; 次日: the day after it, which 当天 later does not
    mean (次日上午…奠基。当天下午…: the day told first)."""
    ref = Reference.of("2026-11-20")
    text = (
        "11月18日，签约仪式举行。乙公司同日签下增资协议。"
        "次日上午，丙项目举行奠基仪式。当天下午，双方签署备忘录。"
    )
    found = [(d.text, d.iso) for d in find_dates(text, ref)]
    assert found == [
        ("11月18日", "2026-11-18"), ("同日", "2026-11-18"), ("次日", "2026-11-19"),
        ("当天", "2026-11-18"),
    ]  # fmt: skip
    assert find_dates("次日，项目开工。", ref) == []


def test_the_month_after_the_day_last_named() -> None:
    """次月, 翌月: the month after the day told; with none told, no date."""
    ref = Reference.of("2026-10-23")
    found = find_dates("10月22日，项目签约。按计划，项目一期将于次月开工。", ref)
    assert [(d.text, d.iso) for d in found] == [("10月22日", "2026-10-22"), ("次月", "2026-11")]
    assert find_dates("项目一期将于次月开工。", ref) == []


def test_founding_and_setting_up_are_events(tmp_path: Path) -> None:
    """2019年创办, 2021年创立, 与…建立了合作: a company founded, a partnership begun."""
    text = (
        "园区新闻\n\n2026年5月1日\n\n"
        "宁安启衡光学有限公司2019年创办于宁安高新区。去年3月，公司与宁安大学建立了联合实验室。\n"
    )
    events = [r for r in extracted(tmp_path, text).records if r.get("kind") == "event"]
    assert [(e["topic"], e["date"]) for e in events] == [("创办", "2019"), ("建立", "2025-03")]


def test_more_steps_of_a_career_and_of_a_park_are_events(tmp_path: Path) -> None:
    """2004年，他考入…; 2012年，他…担任…: the person's; 始建于, 首批企业入园, 由…迁至 and
    试生产 are events of what the sentence names."""
    text = (
        "园区新闻\n\n2026年9月10日\n\n"
        "宁安光谷始建于2003年，2011年首批企业入园。\n\n"
        "宁远光电创始人邵启明2004年考入一所理工大学。2012年，邵启明在一家研究所担任副所长。\n\n"
        "宁远光电2019年由苏州迁至宁安光谷，今年6月新产线开始试生产。\n"
    )
    found = {f[:3] for f in _events(tmp_path, text)}
    assert ("考入", "2004", "邵启明") in found
    assert ("担任", "2012", "邵启明") in found
    verbs = {(verb, date) for verb, date, _ in found}
    assert {("始建", "2003"), ("入园", "2011"), ("迁至", "2019"), ("试生产", "2026-06")} <= verbs


def test_years_after_in_a_clause_and_a_step_told_before_its_doer(tmp_path: Path) -> None:
    """2011年硕士毕业后，他进入…，6年后升任…: the degree is his though 他 comes after it, and
    6年后 at the head of a clause counts from 2011 (a span after works, 建成3年后, still does
    not)."""
    text = (
        "园区新闻\n\n2026年9月10日\n\n"
        "宁远光电创始人邵启明早年在南京求学。2011年硕士毕业后，他进入一家激光企业，从工程师做起，"
        "6年后升任研发总监。\n\n宁远光电新基地建成3年后达产。\n"
    )
    found = {f[:3] for f in _events(tmp_path, text)}
    assert ("毕业", "2011", "邵启明") in found
    assert ("升任", "2017", "邵启明") in found
    assert not [f for f in found if f[0] == "达产"]


def test_mass_production_of_works_is_the_works_event(tmp_path: Path) -> None:
    """宁远光电…建设Micro LED显示模组生产线…。公司计划明年下半年实现新产线量产: the new line's
    mass production is an event of the works named before, not of the company."""
    text = (
        "园区新闻\n\n2026年9月10日\n\n"
        "宁远光电科技有限公司此次签下增资协议，将投资3亿元建设Micro LED显示模组生产线。"
        "公司计划明年下半年实现新产线量产。\n"
    )
    found = {f[:3] for f in _events(tmp_path, text)}
    assert ("量产", "2027", "Micro LED显示模组生产线") in found


def test_a_sentence_of_many_dated_figures_is_read_in_time(tmp_path: Path) -> None:
    """今年…5亿元，…50万元，… 1,500 times in one sentence: each figure's date was looked for
    among every date before it, each with a search to the figure (1,500 took minutes). A hang,
    not a speed goal: the bound is far above what the reading takes."""
    run = "今年公司营收有望突破5亿元，按新政可获得50万元奖励，" * 1500
    assert extracts_within(tmp_path, f"标题\n\n2026年3月1日\n\n宁远光电科技有限公司。{run}\n")


def test_a_launch_and_a_passed_approval_are_events(tmp_path: Path) -> None:
    """2021年夏天，第一代样机在海湾下水测试; 2024年9月，…通过中国船级社型式认可: dated deeds;
    下水管网 is a sewer, no launch."""
    text = (
        "园区新闻\n\n2026年7月8日\n\n2021年夏天，宁安鲸川智能科技有限公司的第一代样机在东山湾下水测试。"
        "2024年9月，该公司的“海鲸3号”通过中国船级社型式认可。2025年，园区改造下水管网12公里。\n"
    )
    found = _events(tmp_path, text)
    assert ("下水", "2021", "宁安鲸川智能科技有限公司") in found or any(
        f[0] == "下水" and f[1] == "2021" for f in found
    )
    assert any(f[0] == "通过" and f[1] == "2024-09" for f in found)
    assert not any(f[0] == "下水" and f[1] == "2025" for f in found)


def test_a_month_of_last_year_told_again_with_its_year_dates_the_article() -> None:
    """去年底的一次土地出让。2025年12月，…: an undated article that names 2025 as last year is
    written in 2026, though 2025 is the latest year it names; a year merely near 去年 is not."""
    told = (
        "让企业下定决心的，是去年底的一次土地出让。2025年12月，公司摘得一宗地块。预计2027年底投产。"
    )
    assert article_year(told) == 2026
    near = "去年，公司营业收入较2021年增长两倍。2025年3月，公司搬进园区。"
    assert article_year(near) == 2025
