"""Which entity a figure is about (``sources/extract/assemble.py``, ``Subjects``), read through
``extract`` on short articles written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import extracted

Found = dict[str, dict[str, Any]]


def _read(tmp_path: Path, body: str, title: str = "园区新闻") -> tuple[Found, Found]:
    """The entities by id and the figures by their text, of an article of ``body``."""
    records = extracted(tmp_path, f"{title}\n\n{body}\n").records
    entities = {r["id"]: r for r in records if r["table"] == "entities"}
    figures = {r["value"]["text"]: r for r in records if r["table"] == "facts" and "value" in r}
    return entities, figures


def _subject(tmp_path: Path, body: str, figure: str, title: str = "园区新闻") -> dict[str, Any]:
    entities, figures = _read(tmp_path, body, title)
    return entities[figures[figure]["subject"]]


def test_qi_zhong_is_no_pronoun(tmp_path: Path) -> None:
    """其中 (among them) refers back to no company: the count is the zone's."""
    body = (
        "苏州恒川精工有限公司（以下简称“恒川精工”）今年扩产。\n\n"
        "目前，宁安高新区集聚企业1800余家，其中高新技术企业640家。"
    )
    assert _subject(tmp_path, body, "640家")["kind"] == "zone"


def test_qi_is_still_a_pronoun(tmp_path: Path) -> None:
    body = (
        "苏州恒川精工有限公司（以下简称“恒川精工”）今年扩产。\n\n"
        "宁安高新区持续优化服务，其研发人员已达320人。"
    )
    assert _subject(tmp_path, body, "320人")["name"] == "恒川精工"


def test_a_figure_inside_a_name_is_about_what_it_names(tmp_path: Path) -> None:
    body = "6月3日，宁远新材料有限公司年产8万吨高纯硅项目在宁安高新区正式开工。"
    found = _subject(tmp_path, body, "8万吨")
    assert found["kind"] == "project" and "高纯硅项目" in found["name"]


def test_a_figure_qualifying_a_name_is_about_that_name(tmp_path: Path) -> None:
    """规模40亿元的…基金: the figure says how big the fund is, not what the zone has."""
    body = "在金融支持方面，宁安高新区设立规模40亿元的海洋产业投资基金，重点投向海工装备。"
    assert "海洋产业投资基金" in _subject(tmp_path, body, "40亿元")["name"]


def test_a_figure_before_another_figure_qualifies_nothing(tmp_path: Path) -> None:
    body = "宁安高新区集聚企业300家、年产值50亿元的海洋产业投资基金正在筹建。"
    assert "基金" not in _subject(tmp_path, body, "300家")["name"]


def test_a_product_named_before_is_what_gai_chanpin_means(tmp_path: Path) -> None:
    body = (
        "宁安高新区推出“海创贷”，面向初创企业发放信用贷款，园区按利率的30%给予贴息。"
        "截至5月底，该产品已累计发放贷款4.6亿元。"
    )
    assert _subject(tmp_path, body, "4.6亿元")["name"] == "海创贷"


def test_a_department_of_the_zone_speaks_for_the_zone(tmp_path: Path) -> None:
    body = "宁安高新区科技发展局副局长王立新介绍，目前高新区已集聚海洋企业260家，年产值逾90亿元。"
    assert _subject(tmp_path, body, "260家")["kind"] == "zone"


def test_a_notice_grants_what_its_policy_grants(tmp_path: Path) -> None:
    title = "关于印发《宁安高新区促进海洋经济发展的若干措施》的通知"
    body = (
        "各有关单位：现将《宁安高新区促进海洋经济发展的若干措施》印发给你们。\n\n"
        "第三条 对购买首台套海工装备的企业，按照采购额的15%给予补助。"
    )
    found = _subject(tmp_path, body, "15%", title)
    assert found["kind"] == "policy" and "若干措施" in found["name"]


def test_reported_speech_is_about_what_its_own_clause_names(tmp_path: Path) -> None:
    """A company's chairman speaking of 项目: the project, not the company."""
    body = (
        "6月3日，恒川精工有限公司高端轴承项目在宁安高新区开工。\n\n"
        "“项目建成后，年产值将达20亿元。”恒川精工有限公司董事长李明说。"
    )
    assert _subject(tmp_path, body, "20亿元")["kind"] == "project"


def test_a_zone_short_name_in_quotation_marks(tmp_path: Path) -> None:
    body = "7月1日，在宁波东方科技城（以下简称“科技城”）举行的对接会上，12家企业签约。"
    entities, _ = _read(tmp_path, body)
    zone = next(e for e in entities.values() if e["kind"] == "zone")
    assert "科技城" in zone["aliases"]
    assert not any("简称" in a for a in zone["aliases"])


def test_a_zone_where_something_happens_is_no_actor(tmp_path: Path) -> None:
    """在…举行: the zone named as the place, the one named before it acts."""
    body = (
        "宁安高新区今年以来新签约项目逾百个。\n\n"
        "9月2日，宁安高新区2025年秋季集中签约仪式在东港经济区举行，此次签约项目共26个。"
    )
    assert _subject(tmp_path, body, "26个")["name"] == "宁安高新区"


def test_what_the_zone_launches_is_what_the_sentence_goes_on_about(tmp_path: Path) -> None:
    body = "会上，宁安高新区还启动了“链通宁安”对接平台，首批上线供需信息800余条。"
    assert _subject(tmp_path, body, "800余条")["name"] == "链通宁安"


def test_an_investment_takes_no_project_another_sum_builds(tmp_path: Path) -> None:
    body = (
        "宁远轴承有限公司（以下简称“宁远轴承”）首次投资3亿元，建设装配车间；"
        "此次宁远轴承追加投资5亿元建设智能轴承二期工厂项目。"
    )
    assert _subject(tmp_path, body, "3亿元")["name"] == "宁远轴承"
    assert "二期工厂" in _subject(tmp_path, body, "5亿元")["name"]


def test_a_cumulative_investment_is_the_investors(tmp_path: Path) -> None:
    body = (
        "宁远轴承有限公司（以下简称“宁远轴承”）此次投资5亿元建设智能轴承二期工厂项目，"
        "累计投资将达9亿元。"
    )
    assert _subject(tmp_path, body, "9亿元")["name"] == "宁远轴承"


def test_a_phase_belongs_to_the_project_referred_to(tmp_path: Path) -> None:
    body = (
        "6月3日，宁远轴承有限公司智能轴承产业化项目在宁安高新区签约。"
        "该项目总投资20亿元，其中一期投资8亿元，建设精密轴承生产线项目。"
    )
    found = _subject(tmp_path, body, "8亿元")
    assert found["kind"] == "project" and "产业化项目" in found["name"]


def test_speech_is_cut_at_its_own_commas(tmp_path: Path) -> None:
    """The zone named early in a quotation is not what a later clause of it counts: the
    speaker's company is."""
    body = (
        "宁安高新区今年新开工项目32个。\n\n"
        "“高新区为我们建了专用变电站，从签约到投产只用了14个月。”"
        "恒川精工有限公司副总经理李明说。"
    )
    assert _subject(tmp_path, body, "14个月")["name"] == "恒川精工有限公司"


def test_a_speaker_named_by_role_speaks_for_the_body(tmp_path: Path) -> None:
    body = "宁安高新区科技发展局相关负责人表示：“下一步，我们将每年实施50个以上技术改造项目。”"
    assert _subject(tmp_path, body, "50个以上")["kind"] == "zone"


def test_a_zone_opening_a_sentence_as_the_place_is_no_topic(tmp_path: Path) -> None:
    body = (
        "在宁安高新区东部，苏州恒川精工有限公司（以下简称“恒川精工”）旗下品牌的轴承"
        "已进入多家主机厂供应链，去年出货量超过200万套。"
    )
    assert _subject(tmp_path, body, "超过200万套")["name"] == "恒川精工"


def test_projects_in_general_refer_back_to_none(tmp_path: Path) -> None:
    """项目平均审批时间: every project's average, not the project named before."""
    body = (
        "6月3日，恒川精工有限公司高端轴承项目在宁安高新区开工。\n\n"
        "宁安高新区推行并联审批。今年以来，项目平均审批时间由40个工作日缩短至15个工作日。"
    )
    assert _subject(tmp_path, body, "15个工作日")["kind"] == "zone"


def test_a_sum_given_to_a_company_is_about_what_gives_it(tmp_path: Path) -> None:
    """“园区贷”…为某某注入800万元: the sum is the loan's, not the company's it was given to."""
    body = "园区推出“园区贷”。“园区贷”审批快，及时为青岛蓝鲸海洋科技有限公司注入800万元资金。"
    assert _subject(tmp_path, body, "800万元")["name"] == "园区贷"
    # The zone that gives it, named in the sentence (园区), likewise.
    alone = "宁安高新区及时为青岛蓝鲸海洋科技有限公司注入800万元资金。"
    assert _subject(tmp_path, alone, "800万元")["kind"] == "zone"


def test_a_count_of_listed_items_is_the_zone_s(tmp_path: Path) -> None:
    """甲公司电池项目、乙产业园等3个项目开工，总投资约20亿元: the count and the sum are of the
    group the zone starts, not of the company whose name begins the first item."""
    body = (
        "宁安高新区举行项目开工活动，青川新能源电池三期、澄湖智造产业园等2个项目开工，"
        "总投资约20亿元。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["2个"]["subject"]]["kind"] == "zone"
    assert entities[figures["约20亿元"]["subject"]]["kind"] == "zone"
    assert figures["2个"]["topic"] == "项目"


def test_the_works_of_a_project_named_before_are_the_project_s(tmp_path: Path) -> None:
    """产业园达产后… after the 产业园 project is named: the project's figure."""
    body = (
        "澄湖智能制造产业园项目由苏州澄湖集团投资建设。\n\n"
        "澄湖集团总经理周野说，产业园达产后年产值超过30亿元。"
    )
    assert _subject(tmp_path, body, "超过30亿元")["name"] == "澄湖智能制造产业园项目"


def test_a_spokesperson_of_the_company_named_before_speaks_for_it(tmp_path: Path) -> None:
    """该公司负责人: the company the text has just named, not the zone."""
    body = (
        "宁安高新区的恒川精工有限公司（以下简称“恒川精工”）今年扩产。"
        "该公司负责人说：“今年我们的订单已经排到了9月，出货量预计增长40%。”"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["40%"]["subject"]]["name"] == "恒川精工"
    records = extracted(tmp_path, f"园区新闻\n\n{body}\n").records
    quote = next(r for r in records if r["table"] == "facts" and r["kind"] == "quote")
    assert entities[quote["subject"]]["name"] == "恒川精工"
    assert quote["speaker"] == "负责人"


def test_a_department_speaks_for_the_zone_in_an_article_on_a_policy(tmp_path: Path) -> None:
    """The title names a policy, so terms are the policy's; what a zone department's head
    reports of the zone's industry is still the zone's, not the department's."""
    body = (
        "宁安高新区发布《宁安高新区支持海洋产业发展的若干措施》（以下简称《若干措施》），对新落户企业给予最高100万元奖励。"
        "\n\n宁安高新区海洋发展局局长韩启明介绍，目前海洋产业规上企业达到86家。"
    )
    title = "宁安高新区出台若干措施 支持海洋产业"
    assert _subject(tmp_path, body, "86家", title)["kind"] == "zone"


def test_figures_in_a_quote_of_a_company_founder_are_the_companys(tmp_path: Path) -> None:
    body = (
        "宁安高新区的恒川精工有限公司（以下简称“恒川精工”）已走过十年。\n\n"
        "“起步时我们只有7个人，租的厂房连空调都没有，”公司创始人、董事长韩启明回忆说，“如今订单排到了明年。”"
    )
    assert _subject(tmp_path, body, "7个人")["name"] == "恒川精工"


def test_a_quoted_name_opening_with_xiangmu_refers_back_to_no_project(tmp_path: Path) -> None:
    """以“项目服务季”活动为抓手: a campaign's name, not 项目 referring to the project before."""
    body = (
        "6月3日，恒川精工有限公司高端轴承项目在宁安高新区开工。\n\n"
        "下半年，宁安高新区将以“项目服务季”活动为抓手，力争新增规上企业不少于30家。"
    )
    assert _subject(tmp_path, body, "不少于30家")["kind"] == "zone"


def test_a_body_the_news_was_learnt_from_is_no_subject(tmp_path: Path) -> None:
    """记者从…局获悉: the office told the reporter; the figures are the zone's."""
    body = "记者从宁安高新区经济发展局获悉，今年前三季度，全区地区生产总值同比增长7.2%。"
    assert _subject(tmp_path, body, "7.2%")["kind"] == "zone"


def test_a_figure_inside_a_name_is_labelled_by_what_the_name_measures(tmp_path: Path) -> None:
    _, figures = _read(
        tmp_path,
        "宁远半导体有限公司投资45亿元建设的12英寸特色工艺晶圆项目开工。\n\n"
        "宁远新材料有限公司年产8万吨高纯硅项目正式投产。\n\n"
        "今年全区规模以上工业增加值同比增长11.5%。",
    )
    assert figures["12英寸"]["topic"] == "特色工艺晶圆"
    assert figures["8万吨"]["topic"] == "年产高纯硅"
    assert figures["11.5%"]["topic"] == "全区规模以上工业增加值同比增长"


def test_the_centre_refers_to_the_one_named_before(tmp_path: Path) -> None:
    """该中心 and a clause opening with 研发中心 refer to the last name ending with the noun."""
    body = (
        "11月5日，宁安高新区政务服务中心开放；宁恒能源亚太数字化研发中心签约落户宁安高新区。"
        "该中心由宁恒能源中国有限公司全资设立，注册资本2000万欧元。\n\n"
        "根据协议，研发中心将在三年内组建不少于150人的团队。"
    )
    assert _subject(tmp_path, body, "2000万欧元")["name"].endswith("数字化研发中心")
    assert _subject(tmp_path, body, "不少于150人")["name"].endswith("数字化研发中心")


def test_a_company_s_project_named_at_once_is_the_project(tmp_path: Path) -> None:
    """某某有限公司…项目总投资: the project is named without its owner, who invests in it, and
    the sentence's figures are the project's."""
    entities, figures = _read(
        tmp_path, "宁远航天技术有限公司卫星总装测试基地项目总投资约18亿元，年测试卫星100颗以上。"
    )
    project = entities[figures["约18亿元"]["subject"]]
    assert project["name"] == "卫星总装测试基地项目"
    assert entities[project["investor"]]["name"] == "宁远航天技术有限公司"
    assert figures["100颗以上"]["subject"] == project["id"]


def test_a_change_or_a_total_is_labelled_by_the_figure_it_goes_on_from(tmp_path: Path) -> None:
    _, figures = _read(
        tmp_path,
        "全区规模以上工业总产值完成328.6亿元，同比增长9.4%。新增科技型中小企业415家，累计达到3860家。",
    )
    assert figures["9.4%"]["topic"] == "全区规模以上工业总产值增长"
    assert figures["3860家"]["topic"] == "科技型中小企业"


def test_a_label_keeps_the_you_of_a_term(tmp_path: Path) -> None:
    _, figures = _read(tmp_path, "新政自2025年9月1日起施行，有效期三年。")
    assert figures["三年"]["topic"] == "有效期"


def test_each_item_of_a_list_of_projects_has_its_own_sum(tmp_path: Path) -> None:
    """分别为：甲项目，投资48亿元；乙项目，投资30亿元: each sum is its own item's, and the
    sum of them all (三个项目合计总投资) is no one project's."""
    entities, figures = _read(
        tmp_path,
        "当天，宁安经开区与三家企业签约。三个项目合计总投资102亿元，分别为：功率半导体扩产项目，"
        "投资48亿元；智能装备产业园项目，投资30亿元；风电叶片智能工厂项目，投资24亿元。",
    )
    name = {k: entities[f["subject"]]["name"] for k, f in figures.items() if "亿元" in k}
    assert name["48亿元"] == "功率半导体扩产项目"
    assert name["30亿元"] == "智能装备产业园项目"
    assert name["24亿元"] == "风电叶片智能工厂项目"
    assert entities[figures["102亿元"]["subject"]]["kind"] != "project"


def test_what_is_completed_is_the_event_and_a_total_completed_is_none(tmp_path: Path) -> None:
    records = extracted(
        tmp_path,
        "园区新闻\n\n2025年6月20日 星期五  来源：株洲日报\n\n"
        "今年以来全区重点项目完成投资76.5亿元。宁安装备基地项目于5月下旬完成主体结构封顶。\n",
    ).records
    meta = records[0]["sources"][0]
    assert (meta["publication"], meta["date"]) == ("株洲日报", "2025-06-20")
    events = [r for r in records if r["table"] == "facts" and r["kind"] == "event"]
    assert [(e["topic"], e["date"]) for e in events] == [("封顶", "2025-05")]


def test_a_threshold_a_count_is_of_is_no_investment_and_a_base_year_no_date(
    tmp_path: Path,
) -> None:
    """总投资超10亿元的项目5个: a threshold of the projects counted; 较2020年增加了近一倍 is
    dated by the year it speaks of, not by the year it is compared with."""
    _, figures = _read(
        tmp_path,
        "2025年全区新落户项目27个，其中总投资超10亿元的项目5个。"
        "截至2025年底，区内企业达到863家，较2020年增加了近一倍。",
        title="园区新闻\n\n2026年1月15日 来源：宁安日报",
    )
    assert figures["超10亿元"]["kind"] == "quantity" and "basis" not in figures["超10亿元"]
    assert figures["27个"]["topic"] == "全区新落户项目"
    assert figures["近一倍"]["date"] == "2025"


def test_a_table_s_cells_are_what_their_columns_say(tmp_path: Path) -> None:
    """A table (as a page's text gives it) of projects and their investments: each row is a
    project and its sum, the sum typed by its column's header; rows are never joined."""
    entities, figures = _read(
        tmp_path,
        "一季度签约重大项目如下\n\n| 项目名称 | 投资额 | 用地 |\n|---|---|---|\n"
        "| 宁安柔性显示扩产项目 | 120亿元 | 300亩 |\n| 宁安芯谷封测基地 | 45亿元 | 80亩 |\n\n"
        "宁安高新区将做好服务。",
    )
    assert entities[figures["120亿元"]["subject"]]["name"] == "宁安柔性显示扩产项目"
    assert entities[figures["45亿元"]["subject"]]["name"] == "宁安芯谷封测基地"
    assert figures["45亿元"]["kind"] == "investment" and figures["45亿元"]["basis"] == "total"
    assert figures["80亩"]["topic"] == "用地"
    assert figures["80亩"]["evidence"]["quote"] == "| 宁安芯谷封测基地 | 45亿元 | 80亩 |"


def test_projects_built_with_a_sum_and_a_sentence_s_parts(tmp_path: Path) -> None:
    """计划投资42亿元建设…基地, 投资5000万美元，在某地建设…生产线: projects, and their figures
    theirs; a phase's works (一期投资18亿元，建设…生产线) are no project of their own; the
    figures after a semicolon are about that part's own names."""
    entities, figures = _read(
        tmp_path,
        "江西晶澜光电科技有限公司计划投资42亿元建设Mini LED显示模组生产基地，规划用地约310亩，"
        "其中一期投资18亿元，建设年产24万片晶圆生产线。\n\n"
        "宁远世洋化学株式会社将投资5000万美元，在南昌高新区建设电子级湿化学品生产线。\n\n"
        "宁远海辰智能装备有限公司数控机床核心部件项目8月建成投产；宁远云帆数据科技有限公司"
        "（以下简称“云帆数据”）算力中心一期于9月上线，装机规模达到1200个标准机柜。",
        title="园区新闻\n\n2026年11月28日",
    )
    projects = {r["name"] for r in entities.values() if r["kind"] == "project"}
    assert {"Mini LED显示模组生产基地", "电子级湿化学品生产线", "算力中心"} <= projects
    assert not [p for p in projects if "晶圆生产线" in p]
    name = {k: entities[f["subject"]]["name"] for k, f in figures.items()}
    assert name["42亿元"] == name["约310亩"] == "Mini LED显示模组生产基地"
    assert name["5000万美元"] == "电子级湿化学品生产线"
    assert name["1200个"] == "算力中心"


def test_zones_compared_in_one_sentence(tmp_path: Path) -> None:
    """苏州、无锡、常州三地高新区 names three zones, not a fourth; the figures of a comparison
    are labelled by what is compared, not by the zone each is about."""
    entities, figures = _read(
        tmp_path,
        "记者近日走访了苏州、无锡、常州三地高新区。今年上半年，苏州高新区实现规上工业总产值"
        "1860亿元，无锡高新区为2210亿元，常州高新区则为1380亿元。"
        "在研发投入上，无锡高新区全社会研发投入占GDP比重达到5.1%。",
    )
    zones = sorted(r["name"] for r in entities.values() if r["kind"] == "zone")
    assert zones == ["常州高新区", "无锡高新区", "苏州高新区"]
    assert {figures[k]["topic"] for k in ("1860亿元", "2210亿元", "1380亿元")} == {"规上工业总产值"}
    assert entities[figures["2210亿元"]["subject"]]["name"] == "无锡高新区"
    assert figures["5.1%"]["topic"] == "全社会研发投入占GDP比重"


def test_a_paragraph_of_thousands_of_figures_without_a_stop(tmp_path: Path) -> None:
    """A table's row or a list of thousands of items in one clause: every figure is read, each
    quoted by the words around it, not by the whole clause again and again."""
    items = "".join(f"宁安{i}号项目投资{i}亿元" for i in range(1, 401))
    text = f"园区新闻\n\n2025年5月1日\n\n园区{items}。\n"
    records = extracted(tmp_path, text).records
    sums = [r for r in records if r["table"] == "facts" and r.get("kind") == "investment"]
    assert len(sums) == 400
    assert all(r["evidence"]["quote"] in text for r in sums)
    assert max(len(r["evidence"]["quote"]) for r in sums) <= 130


def test_a_company_where_it_stands_and_an_example_of_what_is_counted(tmp_path: Path) -> None:
    """位于…高新区的山东某某有限公司: the company's name begins after 的; 全区像某某这样的…企业
    已有27家: the count is the zone's, the company an example; labels lose a quotation mark."""
    entities, figures = _read(
        tmp_path,
        "走进位于烟台高新区的山东锐思智能科技有限公司（以下简称“锐思智能”），协作机器人正在调试。"
        "“我们每年拿出营业收入的12%投入研发，”韩冬说。\n\n"
        "全区像锐思智能这样的国家级专精特新“小巨人”企业已有27家。",
    )
    companies = [r["name"] for r in entities.values() if r["kind"] == "company"]
    assert companies == ["锐思智能"]
    assert entities[figures["27家"]["subject"]]["kind"] == "zone"
    assert figures["27家"]["topic"] == "国家级专精特新“小巨人”企业"
    assert figures["12%"]["topic"] == "我们每年拿出营业收入的"


def test_a_company_s_own_works_a_sum_goes_to(tmp_path: Path) -> None:
    """追加投资1.2亿美元扩建其在园区的亚太制造基地: the base is a project and the sum its; 项目从
    签约到开工… speaks of projects in general, and refers back to none."""
    entities, figures = _read(
        tmp_path,
        "德国克劳斯集团追加投资1.2亿美元扩建其在园区的亚太制造基地。\n\n"
        "项目从签约到开工的平均用时由120天压缩至45天；园区还推出“智造贷”，已为86家企业授信23.5亿元。",
    )
    assert entities[figures["1.2亿美元"]["subject"]]["name"] == "亚太制造基地"
    assert entities[figures["45天"]["subject"]]["kind"] != "project"
    assert entities[figures["23.5亿元"]["subject"]]["kind"] != "project"


def test_a_company_named_only_before_a_role_held_in_it(tmp_path: Path) -> None:
    """A short name with no legal name, known from the role of a person (智途机器人董事长):
    the company, and what 该公司 says of it is its own, not the company named before."""
    body = (
        "青岛澜海新材料有限公司投资12亿元建设高性能复合材料项目。\n\n"
        "另一家落户企业是来自上海的智途机器人。该公司去年营收突破4亿元，同比增长56%。\n\n"
        "“这里的人才政策很有吸引力。”智途机器人董事长赵一鸣说。"
    )
    entities, figures = _read(tmp_path, body)
    company = entities[figures["突破4亿元"]["subject"]]
    assert (company["kind"], company["name"]) == ("company", "智途机器人")
    (person,) = [r for r in entities.values() if r["kind"] == "person"]
    assert person["org"] == company["id"] and person["role"] == "董事长"


@pytest.mark.parametrize(
    "before", ["公司董事长王明", "园区企业董事长王明", "记者采访了业内多家公司董事长王明"]
)
def test_no_company_is_made_of_the_words_before_a_role(tmp_path: Path, before: str) -> None:
    entities, _ = _read(tmp_path, f"{before}表示，园区新增企业30家。")
    assert [r["name"] for r in entities.values() if r["kind"] == "company"] == []


def test_a_works_whose_own_sum_follows_its_name_is_a_project(tmp_path: Path) -> None:
    body = "星岚科技有限公司今年落户园区。星岚科技青岛基地一期投资3.5亿元，预计明年投产。"
    entities, figures = _read(tmp_path, body)
    project = entities[figures["3.5亿元"]["subject"]]
    assert (project["kind"], project["name"]) == ("project", "星岚科技青岛基地")


def test_a_zone_named_by_its_own_kind_is_the_zone(tmp_path: Path) -> None:
    """烟波湖科技园, then 科技园: the zone, not the builder named after it."""
    body = "烟波湖科技园今天开园。\n\n科技园由烟波城投集团投资建设，总建筑面积28万平方米。"
    entities, figures = _read(tmp_path, body, title="烟波湖科技园开园")
    assert entities[figures["28万平方米"]["subject"]]["name"] == "烟波湖科技园"


def test_a_company_referred_to_acts_where_the_zone_is_only_the_place(tmp_path: Path) -> None:
    body = (
        "青岛高新区新落户企业12家。\n\n"
        "北辰感知科技有限公司主要研发激光雷达。公司计划今年在园区建成一条年产5万台激光雷达的生产线。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["5万台"]["subject"]]["name"] == "北辰感知科技有限公司"


def test_an_officials_answer_keeps_the_companies_and_projects_it_names(tmp_path: Path) -> None:
    """In an interview answer (周启航：…), an investment of a company or of a project named in
    its own clause is theirs, not the speaker's zone's."""
    body = (
        "记者 吴静\n\n苍梧高新区管委会主任周启航接受了采访。\n\n"
        "周启航：外资项目取得突破，德国施泰因公司投资1.2亿欧元的汽车传感器工厂已于4月开工。"
        "三是存量企业增资扩产，蓝鲸储能追加投资8亿元建设二期工程。"
    )
    entities, figures = _read(tmp_path, body, title="苍梧高新区上半年经济运行稳中有进")
    assert entities[figures["1.2亿欧元"]["subject"]]["name"] == "汽车传感器工厂"
    company = entities[figures["8亿元"]["subject"]]
    assert (company["kind"], company["name"]) == ("company", "蓝鲸储能")


@pytest.mark.parametrize(
    "clause",
    [
        "汽车零部件投资5亿元",
        "生物医药投资12亿元",
        "企业研发投资3亿元",
        "全区数字经济投资8亿元",
        "园区智能装备投资6亿元",
    ],
)
def test_a_field_that_invests_is_no_company(tmp_path: Path, clause: str) -> None:
    entities, _ = _read(tmp_path, f"今年以来，{clause}，同比增长12%。")
    assert [r["name"] for r in entities.values() if r["kind"] == "company"] == []


def test_a_briefing_goes_through_the_terms_of_the_one_document_it_named(tmp_path: Path) -> None:
    """Terms in paragraphs after the one that named the document (在研发创新方面，对…给予…):
    the document's; a sum the zone gives itself (保费由园区补贴60%) stays the zone's."""
    body = (
        "石门高新区今天发布《石门高新区加快生物医药产业发展的若干措施》。\n\n"
        "在研发创新方面，对完成临床试验的创新药，给予最高200万元奖励。\n\n"
        "今年以来，石门高新区已为36家企业提供保障，保费由石门高新区补贴60%。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["最高200万元"]["subject"]]["kind"] == "policy"
    assert entities[figures["60%"]["subject"]]["kind"] == "zone"


def test_terms_follow_no_document_where_the_article_names_two(tmp_path: Path) -> None:
    body = (
        "石门高新区今天发布《人才新政》和《产业新政》。\n\n"
        "在研发创新方面，对完成临床试验的创新药，给予最高200万元奖励。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["最高200万元"]["subject"]]["kind"] != "policy"


def test_a_zones_cumulative_investment_takes_no_company_of_a_paragraph_before(
    tmp_path: Path,
) -> None:
    body = "中弘轴承有限公司今年扩产。\n\n上半年，全区在建亿元以上项目86个，累计完成投资92.5亿元。"
    entities, figures = _read(tmp_path, body, title="洛阳高新区上半年经济运行")
    assert entities[figures["92.5亿元"]["subject"]]["kind"] == "zone"


def test_a_company_role_with_no_company_named_is_the_company_written_of(tmp_path: Path) -> None:
    """生产部经理贾文斌, in a paragraph right after one on one company: that company's, and so
    are the figures he gives."""
    body = (
        "走进包头瑞磁永磁科技股份有限公司（以下简称“瑞磁科技”）智能化车间。\n\n"
        "“这条线去年投用，良品率提高到了98.6%。”生产部经理贾文斌一边查看数据一边介绍。"
    )
    entities, figures = _read(tmp_path, body)
    (person,) = [r for r in entities.values() if r["kind"] == "person"]
    assert entities[person["org"]]["name"] == "瑞磁科技"
    assert entities[figures["98.6%"]["subject"]]["name"] == "瑞磁科技"


def test_this_company_with_words_between_refers_back(tmp_path: Path) -> None:
    body = (
        "内蒙古北磁新材料有限公司（以下简称“北磁新材”）生产线一片繁忙。"
        "这家2019年落户包头稀土高新区的企业，去年产值突破10亿元。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["突破10亿元"]["subject"]]["name"] == "北磁新材"


def test_the_others_of_a_list_are_the_zones(tmp_path: Path) -> None:
    body = (
        "广东南粤低空科技有限公司投资3.8亿元建设低空飞行器总装测试中心。"
        "其余6个项目涉及科技服务等领域，单个项目投资额在5000万元至2亿元之间。"
    )
    records = extracted(tmp_path, f"珠海高新区项目签约\n\n{body}\n").records
    entities = {r["id"]: r for r in records if r["table"] == "entities"}
    figures = [r for r in records if r["table"] == "facts" and "value" in r]
    others = [f for f in figures if f["value"]["text"] in ("6个", "5000万元至2亿元")]
    assert len(others) == 3 and {entities[f["subject"]]["kind"] for f in others} == {"zone"}


def test_a_table_of_statistics_names_each_figure_by_its_row(tmp_path: Path) -> None:
    body = (
        "| 指标 | 数值 | 同比增速 |\n| 地区生产总值 | 256.3亿元 | 7.8% |\n"
        "| 固定资产投资 | 120.5亿元 | -2.1% |"
    )
    records = extracted(tmp_path, f"兰溪高新区前三季度主要经济指标\n\n{body}\n").records
    facts = {r["value"]["text"]: r for r in records if r["table"] == "facts" and "value" in r}
    assert facts["256.3亿元"]["topic"] == "地区生产总值"
    assert facts["7.8%"]["topic"] == "地区生产总值同比增速"
    assert (facts["120.5亿元"]["kind"], facts["120.5亿元"]["topic"]) == ("quantity", "固定资产投资")
    assert facts["-2.1%"]["value"]["number"] == -2.1


def test_an_answer_in_the_zone_is_the_speakers_companys(tmp_path: Path) -> None:
    """苗立军：…在高新区的孵化器里租了一间不到100平方米的办公室: the zone is only where; and
    a sentence after one that places the company in the zone goes on about the company."""
    body = (
        "哈尔滨极测智能科技有限公司（以下简称“极测智能”）创始人苗立军接受了专访。\n\n"
        "苗立军：2018年，我们在高新区的孵化器里租了一间不到100平方米的办公室。\n\n"
        "在极测智能位于哈尔滨高新区的生产基地，机器人正在测试。这座厂房面积约1.2万平方米。"
    )
    entities, figures = _read(tmp_path, body, title="访哈尔滨高新区企业")
    assert entities[figures["不到100平方米"]["subject"]]["name"] == "极测智能"
    assert entities[figures["约1.2万平方米"]["subject"]]["name"] == "极测智能"


def test_what_a_deepened_reform_achieves_is_the_zones(tmp_path: Path) -> None:
    body = (
        "三是营商环境持续优化。深化“交地即开工”改革，工业项目从拿地到开工平均用时由68天压缩"
        "至23天；全年发放科技贷款436亿元。二是实施“数智大连”三年行动，新建5G基站800个以上。"
    )
    entities, figures = _read(tmp_path, body, title="无锡高新区年终盘点")
    assert entities[figures["23天"]["subject"]]["kind"] == "zone"
    assert entities[figures["436亿元"]["subject"]]["kind"] == "zone"
    assert entities[figures["800个以上"]["subject"]]["kind"] == "policy"


def test_a_paragraph_of_many_figures_tries_each_name_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every figure tried every name of its paragraph (and every zone word against every
    name): one line of 1,000 figures (16 KB) took 71 s to extract, of 2,000 over 7 minutes.
    The names a figure can be about are found once per paragraph; each is the same."""
    from hightech_cli.sources.extract import assemble

    calls = 0
    listed = assemble._listed

    def counted(text: str, mention: tuple[int, int, Any]) -> bool:
        nonlocal calls
        calls += 1
        return listed(text, mention)

    monkeypatch.setattr(assemble, "_listed", counted)
    many = 300
    records = extracted(tmp_path, "园区新闻\n\n" + "合肥高新区签约项目总投资5亿元，" * many).records
    sums = [
        r for r in records if r["table"] == "facts" and r.get("value", {}).get("text") == "5亿元"
    ]
    assert len(sums) == many
    assert len({r["subject"] for r in sums}) == 1
    names = sum(len(r.get("mentions", ())) for r in records if r["table"] == "entities")
    assert calls <= 2 * max(names, many), (calls, names)


def test_the_project_of_a_company_named_is_its_one_project(tmp_path: Path) -> None:
    body = (
        "广西康达医疗器械有限公司（以下简称“康达医疗器械”）投资9亿元建设高值医用耗材产业化项目。"
        "康达医疗器械的项目主要生产介入导管，达产后年产值预计超过12亿元。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["超过12亿元"]["subject"]]["name"] == "高值医用耗材产业化项目"


def test_a_company_speaking_of_itself_over_a_zone_named_as_a_place(tmp_path: Path) -> None:
    body = (
        "星岚科技股份有限公司（以下简称“公司”）发布半年度报告。\n\n"
        "公司表示，上半年位于青岛高新区的智能制造基地二期正式投产；"
        "海外收入占比由去年同期的18%提升至26%。"
    )
    entities, figures = _read(tmp_path, body)
    fact = figures["26%"]
    assert entities[fact["subject"]]["kind"] == "company" and fact["topic"] == "海外收入占比"


def test_a_figure_that_qualifies_a_person_is_theirs(tmp_path: Path) -> None:
    body = (
        "保定晶朗光电科技有限公司（以下简称“晶朗光电”）研发中心里，45岁的总工程师韩志远盯着"
        "屏幕。\n\n2015年，在一家外资光学企业干了十年的韩志远回到家乡，创办了晶朗光电。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["45岁"]["subject"]]["name"] == "韩志远"
    assert entities[figures["十年"]["subject"]]["name"] == "韩志远"


def test_a_list_published_is_a_document(tmp_path: Path) -> None:
    body = (
        "推介会同时发布了《昆明高新区2026年产业投资机会清单》，列出重点招商项目28个，"
        "总投资约360亿元。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["28个"]["subject"]]["kind"] == "policy"


def test_what_two_companies_will_do_together_is_filed_under_the_first(tmp_path: Path) -> None:
    body = (
        "常州星衡储能科技有限公司与常州恒立电力工程有限公司签署战略合作协议，双方将合作建设"
        "用户侧储能电站20座。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["20座"]["subject"]]["name"] == "常州星衡储能科技有限公司"


def test_the_works_a_sentence_builds_is_what_its_later_clauses_measure(tmp_path: Path) -> None:
    body = (
        "江西晶澜光电科技有限公司（以下简称“晶澜光电”）当天签约。该公司计划投资42亿元建设"
        "Mini LED显示模组生产基地，规划用地约310亩，预计2027年6月建成投产。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["约310亩"]["subject"]]["name"] == "Mini LED显示模组生产基地"
    assert entities[figures["42亿元"]["subject"]]["name"] == "Mini LED显示模组生产基地"


def test_figures_listed_respectively_go_to_the_names_in_order(tmp_path: Path) -> None:
    """甲、乙和丙三家企业…分别为A、B和C: each figure is its own company's, in order."""
    body = (
        "宁安高新区举行签约仪式，启辰新材、鸿远光电和泰和精工三家企业分别与高新区签约，"
        "计划总投资分别为9亿元、4.5亿元和2亿元。"
    )
    entities, figures = _read(tmp_path, body)
    owners = {
        text: entities[figures[text]["subject"]]["name"] for text in ("9亿元", "4.5亿元", "2亿元")
    }
    assert owners == {"9亿元": "启辰新材", "4.5亿元": "鸿远光电", "2亿元": "泰和精工"}
    assert {figures[t]["kind"] for t in owners} == {"investment"}


def test_respectively_pairs_only_lists_of_the_same_length(tmp_path: Path) -> None:
    body = "启辰新材和鸿远光电两家企业今年分别完成产值9亿元、4.5亿元和2亿元，宁安高新区表示满意。"
    _, figures = _read(tmp_path, body)
    assert len({figures[t]["subject"] for t in ("9亿元", "4.5亿元", "2亿元")}) == 1


def test_a_company_that_receives_a_grant_is_what_it_is_about(tmp_path: Path) -> None:
    """…入选“某某英才”计划，获得首期资助300万元: the company's, not the scheme's."""
    body = (
        "宁安青禾光学科技有限公司入选宁安高新区“青禾英才”计划，获得首期资助300万元，"
        "将投资6000万元扩建镜头模组车间。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["300万元"]["subject"]]["kind"] == "company"
    assert entities[figures["6000万元"]["subject"]]["kind"] in ("company", "project")


def test_a_document_short_name_after_its_number_is_its_alias(tmp_path: Path) -> None:
    body = (
        "宁安高新区管委会印发《宁安高新区支持光电产业发展的若干措施》（宁高管发〔2026〕5号，"
        "以下简称《若干措施》）。《若干措施》明确，对新认定的企业技术中心给予50万元奖励。"
    )
    entities, figures = _read(tmp_path, body)
    policies = [e for e in entities.values() if e["kind"] == "policy"]
    assert len(policies) == 1 and "若干措施" in policies[0]["aliases"]
    assert entities[figures["50万元"]["subject"]]["kind"] == "policy"


def test_an_items_number_is_no_part_of_its_topic(tmp_path: Path) -> None:
    body = "1.宁安高新区启辰新材料有限公司完成B轮融资2.5亿元。\n\n2.宁安高新区企业总数达到860家。"
    _, figures = _read(tmp_path, body, title="一周快讯")
    assert not figures["2.5亿元"]["topic"].startswith("1.")
    assert not figures["860家"]["topic"].startswith("2.")


def _event(tmp_path: Path, body: str, verb: str) -> dict[str, Any]:
    records = extracted(tmp_path, f"园区新闻\n\n{body}\n").records
    entities = {r["id"]: r for r in records if r["table"] == "entities"}
    (event,) = [r for r in records if r["table"] == "facts" and r.get("topic") == verb]
    return entities[event["subject"]]


def test_an_event_right_after_its_doer_is_the_doers(tmp_path: Path) -> None:
    """2024年，某某完成…: the name right before the verb does it (it is no count's name)."""
    body = (
        "宁安启辰新材料有限公司（以下简称“启辰新材”）落户宁安高新区。\n\n"
        "2024年，启辰新材完成了新厂房建设。"
    )
    assert _event(tmp_path, body, "完成")["name"] == "启辰新材"


def test_what_a_verb_of_making_brings_into_being_is_the_events(tmp_path: Path) -> None:
    body = "2025年10月，宁安高新区设立总规模60亿元的光电产业母基金，首期规模20亿元。"
    assert "母基金" in _event(tmp_path, body, "设立")["name"]


def test_a_works_built_is_the_building_events(tmp_path: Path) -> None:
    body = (
        "高纯石英砂项目由宁安启辰新材料有限公司投资建设，总投资20亿元，"
        "其中一期投资8亿元，计划2026年9月开工。"
    )
    assert _event(tmp_path, body, "开工")["kind"] == "project"


def test_an_age_before_a_persons_title_is_the_persons(tmp_path: Path) -> None:
    body = "2016年，32岁的材料学博士顾长林在宁安高新区创办了宁安启辰新材料有限公司。"
    assert _subject(tmp_path, body, "32岁")["name"] == "顾长林"


def test_a_feature_on_one_company_gives_it_what_has_no_subject(tmp_path: Path) -> None:
    """——记…企业启辰新材: the company its headings name is what the unowned figures are about."""
    body = (
        "宁安启辰新材料有限公司（以下简称“启辰新材”）成立于2020年，是宁安高新区的初创企业。\n\n"
        "创始人顾长林今年41岁。“我们的订单已经排到了明年。”顾长林说。\n\n"
        "启辰新材去年营收1.8亿元。宁安高新区智造园2号楼的车间里，30多名工人正在装配。\n\n"
        "目前，累计申请专利86件。启辰新材计划明年再招工程师100名。"
    )
    title = "从5个人到200人\n——记宁安高新区初创企业启辰新材"
    entities, figures = _read(tmp_path, body, title=title)
    assert entities[figures["30多名"]["subject"]]["name"] == "启辰新材"
    assert entities[figures["86件"]["subject"]]["name"] == "启辰新材"
    assert entities[figures["41岁"]["subject"]]["name"] == "顾长林"


def test_figures_listed_respectively_are_labelled_by_what_they_measure(tmp_path: Path) -> None:
    body = (
        "今年上半年，宁安高新区工业总产值、营业收入和税收收入分别增长12.1%、9.8%和7.5%。"
        "新签约项目总投资分别为12亿元、5.5亿元和3亿元。"
    )
    _, figures = _read(tmp_path, body)
    assert [figures[t]["topic"] for t in ("12.1%", "9.8%", "7.5%")] == [
        "工业总产值增长",
        "营业收入增长",
        "税收收入增长",
    ]
    assert {figures[t]["topic"] for t in ("12亿元", "5.5亿元", "3亿元")} == {"总投资"}


def test_a_price_per_unit_is_no_sum_invested(tmp_path: Path) -> None:
    body = "宁安高新区出让工业用地3宗，投资强度不低于400万元/亩，成交价40万元/亩。"
    _, figures = _read(tmp_path, body)
    assert figures["不低于400万元/亩"]["kind"] == "quantity"
    assert figures["40万元/亩"]["value"]["unit"] == "元/亩"


def test_foreign_companies_with_latin_legal_names_listed_respectively(tmp_path: Path) -> None:
    body = (
        "在米兰推介会上，宁安高新区与意大利莫雷蒂机械公司（Moretti Meccanica S.r.l.）、"
        "卡萨诺照明公司（Cassano Luce S.p.A.）和贝卢奇阀门公司（Bellucci Valvole S.r.l.）"
        "签署意向协议，意向投资分别为2600万欧元、1400万欧元和900万欧元。"
    )
    entities, figures = _read(tmp_path, body)
    owners = [
        entities[figures[t]["subject"]]["name"] for t in ("2600万欧元", "1400万欧元", "900万欧元")
    ]
    assert owners == ["莫雷蒂机械公司", "卡萨诺照明公司", "贝卢奇阀门公司"]
    first = next(e for e in entities.values() if e["name"] == "莫雷蒂机械公司")
    assert (
        first["english_name"] == "Moretti Meccanica S.r.l."
        and "意大利莫雷蒂机械公司" in first["aliases"]
    )


def test_legal_names_joined_by_he_listed_respectively(tmp_path: Path) -> None:
    """甲有限公司（以下简称“甲”）、乙有限公司和丙股份有限公司三家企业…分别为…: three names, one
    figure each; the zone's short name in brackets is no part of a label."""
    body = (
        "宁安高新技术产业开发区（以下简称“宁安高新区”）新落户项目18个。"
        "宁安青禾电机科技有限公司（以下简称“青禾电机”）、宁安华岳精密机械有限公司和"
        "宁安临川新材料股份有限公司三家企业分别与高新区签约，计划投资分别为20亿元、8亿元和5亿元。"
    )
    entities, figures = _read(tmp_path, body)
    owners = [entities[figures[t]["subject"]]["name"] for t in ("20亿元", "8亿元", "5亿元")]
    assert owners == ["青禾电机", "宁安华岳精密机械有限公司", "宁安临川新材料股份有限公司"]
    assert figures["18个"]["topic"] == "新落户项目"


def test_sums_paired_by_fen_bie_go_to_the_works_built_by_fen_bie(tmp_path: Path) -> None:
    """甲与乙分别投资…和…，分别建设丙产业园和丁项目: each sum is its works', in order."""
    body = (
        "江苏华衡电气有限公司与上海智擎装备股份有限公司分别签约投资3.1亿元和2.5亿元，"
        "分别建设储能变流器产业园和协作机器人关节模组项目。"
    )
    assert _subject(tmp_path, body, "3.1亿元")["name"] == "储能变流器产业园"
    assert _subject(tmp_path, body, "2.5亿元")["name"] == "协作机器人关节模组项目"


def test_sums_listed_with_one_respectively_go_to_the_works_listed_after(tmp_path: Path) -> None:
    """甲、乙、丙分别投资A、B、C，建设X、Y和Z: 分别 once, before the sums; the works are
    listed after 建设 alone, each sum its own works', in order."""
    body = (
        "宁安高新区昨日举行项目签约仪式。宁安启明电子有限公司、宁安恒泰机械有限公司、"
        "宁安禾丰乳业有限公司分别投资6亿元、3.2亿元、1.5亿元，"
        "建设车规芯片封装线、数控机床装配基地和低温乳品工厂。"
    )
    entities, figures = _read(tmp_path, body)
    names = {f: entities[figures[f]["subject"]]["name"] for f in ("6亿元", "3.2亿元", "1.5亿元")}
    assert names == {
        "6亿元": "车规芯片封装线",
        "3.2亿元": "数控机床装配基地",
        "1.5亿元": "低温乳品工厂",
    }


def test_a_phase_s_start_is_of_the_works_that_phase_builds(tmp_path: Path) -> None:
    """一期投资…建设甲基地，二期将建设乙中心。一期厂房…开工: the start is 甲基地's, not that
    of 乙中心, the project named last."""
    body = (
        "2026年5月1日\n\n宁安翔宇航空有限公司今年3月与园区签约，一期投资4亿元建设无人机整机制造基地，"
        "二期将建设飞行测试中心。一期厂房已于4月20日开工。"
    )
    records = extracted(tmp_path, f"园区新闻\n\n{body}\n").records
    entities = {r["id"]: r for r in records if r["table"] == "entities"}
    starts = [r for r in records if r.get("kind") == "event" and r.get("topic") == "开工"]
    assert [entities[r["subject"]]["name"] for r in starts] == ["无人机整机制造基地"]


@pytest.mark.parametrize(
    ("body", "figure", "topic"),
    [
        ("宁安高新区的青禾生物科技有限公司于6月3日完成8000万元A轮融资。", "8000万元", "A轮融资"),
        ("青禾生物科技有限公司去年获得500万元研发补助。", "500万元", "研发补助"),
    ],
)
def test_what_is_got_is_named_after_the_figure(
    tmp_path: Path, body: str, figure: str, topic: str
) -> None:
    """完成…融资, 获得…补助: the label is what was got, not the name and the day before it."""
    _, figures = _read(tmp_path, body)
    assert figures[figure]["topic"] == topic


def test_a_count_of_the_items_listed_before_it_is_labelled_by_its_noun(tmp_path: Path) -> None:
    """分为甲、乙、丙三个方面: the count is of 方面, not of the last item listed."""
    body = "新规分为降低成本、保障用地、引育人才三个方面，共十二条。"
    _, figures = _read(tmp_path, body)
    assert figures["三个"]["topic"] == "方面"


def test_speech_an_unnamed_speaker_reports_is_no_quote_but_gives_their_figures(
    tmp_path: Path,
) -> None:
    """“……。”负责人说，……: the marked speech is a quote; what the unnamed official goes on to
    report, without marks, is no quote fact (only a named person's is), and its figures are
    still the body's the speaker speaks for."""
    body = (
        "宁安高新区的恒川精工有限公司（以下简称“恒川精工”）今年扩产。"
        "“订单已经排到了明年。”该公司负责人说，公司今年的出货量预计增长40%左右。"
    )
    records = extracted(tmp_path, f"园区新闻\n\n{body}\n").records
    entities = {r["id"]: r for r in records if r["table"] == "entities"}
    quotes = [r for r in records if r["table"] == "facts" and r["kind"] == "quote"]
    assert [q["text"] for q in quotes] == ["订单已经排到了明年。"]
    (figure,) = [r for r in records if r.get("value", {}).get("text") == "40%左右"]
    assert entities[figure["subject"]]["name"] == "恒川精工"


def test_speech_a_named_person_reports_after_a_quote_is_quoted(tmp_path: Path) -> None:
    body = "“订单已经排到了明年。”恒川精工总经理何立说，公司今年的出货量预计增长40%左右。"
    records = extracted(tmp_path, f"园区新闻\n\n{body}\n").records
    entities = {r["id"]: r for r in records if r["table"] == "entities"}
    quotes = [r for r in records if r["table"] == "facts" and r["kind"] == "quote"]
    assert len(quotes) == 2
    assert {entities[q["subject"]]["name"] for q in quotes} == {"何立"}


@pytest.mark.parametrize("speaker", ["云泽大学博士丁若衡", "云泽大学的博士丁若衡"])
def test_a_speakers_degree_names_no_body_they_speak_for(tmp_path: Path, speaker: str) -> None:
    """云泽大学博士丁若衡说: the university is where the speaker studied, not whom they speak
    for; the company the speech refers back to (公司…) owns its figures."""
    body = (
        "临川微测科技有限公司（以下简称“微测科技”）成立于2022年，专做光学检测仪器。\n\n"
        f"“公司今年订单超过8000万元，团队扩大到90人。”{speaker}说。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["超过8000万元"]["subject"]]["name"] == "微测科技"
    person = next(e for e in entities.values() if e["name"] == "丁若衡")
    assert "大学" not in (person.get("org") or "")


@pytest.mark.parametrize(
    "description",
    [
        "他是云泽大学的博士，2020年带着4项专利回到家乡",
        "他毕业于云泽大学，2020年带着4项专利回到家乡",
    ],
)
def test_the_university_a_speaker_studied_at_owns_none_of_their_figures(
    tmp_path: Path, description: str
) -> None:
    """“……”丁若衡说，他是云泽大学的博士，…: the figures of the speech, and of what the
    article tells of the speaker after it, are the founder's company's, never the school's."""
    body = (
        "临川微测科技有限公司创始人丁若衡带领团队专做光学检测仪器。\n\n"
        f"“我们今年订单超过8000万元，团队扩大到90人。”丁若衡说，{description}。"
    )
    entities, figures = _read(tmp_path, body)
    for figure in ("超过8000万元", "90人", "4项"):
        assert entities[figures[figure]["subject"]]["name"] == "临川微测科技有限公司"


def test_a_school_named_before_a_speech_is_not_what_its_figures_are_about(
    tmp_path: Path,
) -> None:
    """丁若衡是云泽大学的博士。“……”他说: the speech's figures are no university's."""
    body = (
        "在临川高新区，一批科技企业正在成长。\n\n"
        "丁若衡是云泽大学的博士。“我们今年订单超过8000万元，团队扩大到90人。”他说。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["超过8000万元"]["subject"]]["kind"] != "organisation"


def test_a_school_a_founder_graduated_from_is_not_what_the_founding_is_about(
    tmp_path: Path,
) -> None:
    """他毕业于云泽大学，…创办了微测科技: the speaker founded the company, which owns the
    figures of the speech before; the school owns none."""
    body = (
        "临川微测科技有限公司（以下简称“微测科技”）专做光学检测仪器。\n\n"
        "“我们今年订单超过8000万元。”丁若衡说。他毕业于云泽大学，2020年带着4项专利创办了微测科技。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["超过8000万元"]["subject"]]["name"] == "微测科技"
    assert entities[figures["4项"]["subject"]]["kind"] != "organisation"


def test_what_a_school_counts_of_its_own_students_is_the_schools(tmp_path: Path) -> None:
    """云泽大学毕业生就业率达96%: the graduates counted are the school's, as its figure."""
    body = "云泽大学毕业生就业率达96%，博士生规模扩大到1200人。"
    entities, figures = _read(tmp_path, body)
    assert entities[figures["96%"]["subject"]]["name"] == "云泽大学"


def test_a_sum_given_again_in_yuan_still_builds_the_works_after_it(tmp_path: Path) -> None:
    """将投资6000万美元（约合人民币4.3亿元）建设…基地: the bracket repeats the sum in another
    currency; it is no second sum, so the works named after it are what the sum builds."""
    body = (
        "5月9日，加拿大枫岭材料公司与宁安高新区签约，将投资6000万美元（约合人民币4.3亿元）"
        "建设特种密封材料生产基地，预计明年投产。"
    )
    found = _subject(tmp_path, body, "6000万美元")
    assert found["kind"] == "project" and "密封材料生产基地" in found["name"]


def test_the_articles_own_conversion_is_a_figure_of_the_same_sum(tmp_path: Path) -> None:
    """6000万美元（约合人民币4.3亿元）: the sum in yuan is the article's, so it is kept, as a
    figure of the same subject, basis and date as the sum it converts, about (约合), and noted
    as that sum converted."""
    body = (
        "5月9日，加拿大枫岭材料公司与宁安高新区签约，将投资6000万美元（约合人民币4.3亿元）"
        "建设特种密封材料生产基地，预计明年投产。"
    )
    _, figures = _read(tmp_path, body)
    first, converted = figures["6000万美元"], figures["约合人民币4.3亿元"]
    assert converted["subject"] == first["subject"]
    assert (converted["kind"], converted["basis"]) == ("investment", first["basis"])
    assert converted["value"]["currency"] == "CNY"
    assert converted["value"]["number"] == 430000000
    assert converted["value"]["qualifier"] == "about"
    assert "6000万美元" in converted["note"] and "note" not in first
    assert "约合人民币4.3亿元" in converted["evidence"]["quote"]
    assert "6000万美元" in converted["evidence"]["quote"]


def test_a_conversion_after_a_comma_still_builds_the_works_after_it(tmp_path: Path) -> None:
    """计划投资3000万美元，折合人民币约2.1亿元，新建…工厂: the clause after the comma gives the
    sum again in yuan; both are the works', the second noted as the first converted."""
    body = (
        "瑞典北岬电气有限公司计划投资3000万美元，折合人民币约2.1亿元，"
        "新建一座智能配电柜工厂，达产后年产值约6亿元。"
    )
    entities, figures = _read(tmp_path, body)
    works = entities[figures["3000万美元"]["subject"]]
    assert (works["kind"], works["name"]) == ("project", "智能配电柜工厂")
    converted = figures["折合人民币约2.1亿元"]
    assert converted["subject"] == works["id"] and "3000万美元" in converted["note"]
    assert figures["约6亿元"]["subject"] == works["id"]


def test_a_conversion_without_about_stays_exact(tmp_path: Path) -> None:
    """折合人民币7.2亿元 in brackets: converted, but the article gives no 约, so nor does hz."""
    body = "德国罗森精密公司将投资1亿美元（折合人民币7.2亿元）建设传感器工厂。"
    _, figures = _read(tmp_path, body)
    converted = figures["折合人民币7.2亿元"]
    assert converted["value"]["qualifier"] == "exact"
    assert converted["subject"] == figures["1亿美元"]["subject"]


def test_another_sum_before_the_works_still_stops_the_reach(tmp_path: Path) -> None:
    """A second sum of its own (and not a conversion) between a sum and the works: the works
    are the second sum's, not the first's."""
    body = (
        "宁远新材料有限公司今年累计投资3亿元，其中新投入1.2亿元建设高纯石英砂项目，"
        "项目预计年底建成。"
    )
    assert _subject(tmp_path, body, "3亿元")["kind"] == "company"


@pytest.mark.parametrize(
    "body",
    [
        "创始人邵启明在精密光学领域深耕二十余年，2018年回到宁安创办了启明光学。",
        "启明光学董事长邵振华今年52岁，早年在德国一家镜头厂从事设计工作十余年。",
    ],
)
def test_the_years_a_person_gave_to_a_trade_are_theirs(tmp_path: Path, body: str) -> None:
    """深耕二十余年, 从事设计工作十余年: a span of years of a person's working life is about
    the person, not the company they lead or the zone."""
    figure = "二十余年" if "二十余年" in body else "十余年"
    found = _subject(tmp_path, body, figure)
    assert found["kind"] == "person" and found["name"] in ("邵启明", "邵振华")


def test_a_company_s_years_at_a_trade_are_the_company_s(tmp_path: Path) -> None:
    """The company named after the person is what 深耕十余年 is said of."""
    body = "邵启明创办的宁安启明光学有限公司在精密光学领域深耕十余年，产品远销欧洲。"
    assert _subject(tmp_path, body, "十余年")["kind"] == "company"


def test_what_works_will_do_once_built_is_the_works(tmp_path: Path) -> None:
    """新生产线建成后，年产能可达8GWh: the capacity of the works the company builds, named in
    the paragraph before, not the company's, though only the company is named near it."""
    body = (
        "宁安绿川储能科技有限公司（以下简称“绿川储能”）投资9.6亿元建设储能电池模组生产线。\n\n"
        "绿川储能总经理张晓峰告诉记者，新生产线建成后，储能电池模组年产能可达8GWh。"
    )
    found = _subject(tmp_path, body, "8GWh")
    assert found["kind"] == "project" and "生产线" in found["name"]


def test_what_a_company_says_of_its_own_capacity_is_its_own(tmp_path: Path) -> None:
    """新基地建成后，我们的年产能将…: the speaker says whose it is."""
    body = (
        "宁安康川生物科技有限公司（以下简称“康川生物”）投资20亿元建设疫苗生产基地。\n\n"
        "康川生物总经理邓慧表示，新基地建成后，我们的疫苗年产能将提升到3000万剂。"
    )
    assert _subject(tmp_path, body, "3000万剂")["kind"] == "company"


def test_a_zone_authority_named_by_the_zone_s_first_words_speaks_for_it(tmp_path: Path) -> None:
    """前海管理局 of 前海合作区: the zone's own authority, named by the first words of the zone's
    name; the figures its deputy gives are the zone's."""
    body = (
        "4月21日，宁湾合作区港澳项目签约活动举行。\n\n"
        "宁湾管理局副局长邱慧敏说：“截至今年3月底，累计注册港资企业1680家。”"
    )
    assert _subject(tmp_path, body, "1680家")["kind"] == "zone"


def test_a_policy_s_terms_stay_the_policy_s_when_an_official_explains_them(
    tmp_path: Path,
) -> None:
    """局长…介绍，对新落户的…企业，给予最高500万元奖励: the official's bureau speaks for the
    zone, but the terms are the policy's."""
    body = (
        "3月3日，宁安高新区发布《宁安高新区加快机器人产业发展的若干措施》（以下简称《若干措施》）。\n\n"
        "宁安高新区科技和工业信息化局局长卢景川在发布会上介绍，对新落户的机器人整机企业，"
        "给予最高500万元落户奖励。"
    )
    assert _subject(tmp_path, body, "最高500万元")["kind"] == "policy"


def test_a_person_s_years_at_a_trade_past_the_school_they_left(tmp_path: Path) -> None:
    """…罗晏清今年39岁，博士毕业于宁安大学，此前在一家企业做了7年研发: the school named between
    the person and the years is no other doer."""
    body = (
        "宁安澄元医疗科技有限公司创始人罗晏清今年39岁，博士毕业于宁安大学生物医学工程专业，"
        "此前在一家跨国医疗器械企业做了7年研发。"
    )
    found = _subject(tmp_path, body, "7年")
    assert found["kind"] == "person" and found["name"] == "罗晏清"


def test_the_companies_within_a_park_are_the_park_s(tmp_path: Path) -> None:
    """该公司总经理介绍，…谷内企业累计申请知识产权超过4800件: the companies of the 科创谷, not
    of the company that runs it and whose manager speaks."""
    body = (
        "泉州科创谷由泉州科创发展有限公司运营。\n\n"
        "该公司总经理林婉清介绍，截至今年5月底，谷内企业累计申请知识产权超过4800件。"
    )
    found = _subject(tmp_path, body, "超过4800件")
    assert found["name"] == "泉州科创谷"


def test_a_park_moved_into_is_the_place_not_the_doer(tmp_path: Path) -> None:
    """2019年，宁远食品搬进宁安经开区食品产业园，员工由60人增加到420人: the park is where the
    company went, so the staff are the company's (the park, found as a zone, took them)."""
    body = "2019年，宁远食品搬进宁安经开区食品产业园，员工由当初的60人增加到目前的420人。"
    assert _subject(tmp_path, body, "420人")["name"] == "宁远食品"


@pytest.mark.parametrize(
    "body",
    [
        "宁安晶源科技有限公司（以下简称“晶源科技”）的功率器件封测基地项目总投资12亿元，分两期建设。",
        "宁远精密机械有限公司的高端轴承产业园项目总投资8亿元，分两期建设。",
    ],
)
def test_a_company_named_first_with_its_works_leaves_the_sentence_to_the_works(
    tmp_path: Path, body: str
) -> None:
    """某某有限公司（以下简称…）的…项目总投资…，分两期建设: the works named at once after their
    owner (past its short name and 的) are what the sentence measures."""
    entities, figures = _read(tmp_path, body)
    assert entities[figures["两期"]["subject"]]["kind"] == "project"


_ISSUED = (
    "2026年9月8日\n\n9月8日，宁安高新区管委会发布《宁安高新区支持新型储能产业发展若干措施》"
    "（以下简称《若干措施》）。\n\n对新落户的储能电池企业，按设备投资额的10%给予补助，单个企业"
    "最高1500万元。申报材料由9项精简为4项，资金在审核通过后15个工作日内拨付。\n\n"
    "目前，区内集聚储能企业60余家，去年产业规模约120亿元。\n\n"
    "宁安蓝池电力有限公司是区内成长最快的企业之一。公司负责人说，去年公司研发的三款储能柜"
    "进入欧洲市场，“《若干措施》里的设备补助正是我们需要的”。"
)


def test_an_article_that_announces_a_policy_files_its_terms_under_it(tmp_path: Path) -> None:
    """宁安高新区出台12条措施支持新型储能产业: the headings announce the policy without its
    name; its terms and how they are carried out are the policy's, the zone's own figures (区内
    集聚…) the zone's, and a company's figures beside what it says of the policy its own."""
    entities, figures = _read(tmp_path, _ISSUED, title="宁安高新区出台12条措施支持新型储能产业")
    kind = {text: entities[f["subject"]]["kind"] for text, f in figures.items()}
    policy = "宁安高新区支持新型储能产业发展若干措施"
    for term in ("10%", "最高1500万元", "4项", "15个工作日内"):
        assert entities[figures[term]["subject"]]["name"] == policy, term
    assert kind["60余家"] == "zone" and kind["约120亿元"] == "zone"
    assert kind["三款"] == "company"


def test_without_such_headings_the_zone_stays_the_default(tmp_path: Path) -> None:
    entities, figures = _read(tmp_path, _ISSUED, title="宁安高新区新型储能产业观察")
    assert entities[figures["15个工作日内"]["subject"]]["kind"] == "zone"


def test_a_phase_sum_after_the_project_is_spoken_of_is_the_projects(tmp_path: Path) -> None:
    """宁远智造有限公司（以下简称“宁远智造”）船舶动力及电控系统产业基地项目…。项目分两期建设。
    一期投资9亿元…: the works are one name though long after 及, and the phases' sums in the
    sentences after 项目分两期建设 are the project's, not the zone's."""
    body = (
        "5月6日，宁远智造有限公司（以下简称“宁远智造”）船舶动力及电控系统产业基地项目在宁安"
        "经开区开工。项目总投资30亿元。\n\n项目分两期建设。一期投资9亿元，建设年产500台套"
        "动力系统的生产线；二期投资21亿元，预计2029年建成。"
    )
    entities, figures = _read(tmp_path, body)
    works = entities[figures["30亿元"]["subject"]]
    assert works["name"] == "船舶动力及电控系统产业基地项目"
    assert figures["9亿元"]["subject"] == works["id"]
    assert figures["21亿元"]["subject"] == works["id"]


def test_yuanqu_after_a_park_of_the_zone_is_that_park(tmp_path: Path) -> None:
    """宁安高新区光电产业园（以下简称“光电产业园”）…。园区实现营业收入…: 园区 right after the
    park is the park, its short name one of its names; 全区 stays the zone."""
    body = (
        "上半年，宁安高新区实现规上工业增加值同比增长8.1%。\n\n作为核心板块，企业纷纷入驻"
        "宁安高新区光电产业园（以下简称“光电产业园”）。园区实现营业收入约45亿元，入驻企业"
        "由年初的80家增至96家。全区新增高新技术企业30家。\n\n"
        "下半年，光电产业园营业收入力争突破100亿元。"
    )
    entities, figures = _read(tmp_path, body, title="宁安高新区上半年经济运行情况")
    park = entities[figures["约45亿元"]["subject"]]
    assert park["kind"] == "zone" and park["name"].endswith("光电产业园")
    assert "光电产业园" in park.get("aliases", [park["name"]]) or park["name"] == "光电产业园"
    assert figures["96家"]["subject"] == park["id"]
    assert figures["突破100亿元"]["subject"] == park["id"]
    assert entities[figures["30家"]["subject"]]["name"] != park["name"]
    assert entities[figures["8.1%"]["subject"]]["name"] != park["name"]


@pytest.mark.parametrize(
    ("body", "figure"),
    [
        ("2019年，宁远光电创始人邵启明带着5名同事在宁安高新区成立了宁远光电。", "5名"),
        ("2019年，宁远光电创始人邵启明和三位志同道合的伙伴创办了宁远光电。", "三位"),
        (
            "宁远光电创始人邵启明早年在研究所工作。2019年，他带领4名技术骨干回到家乡，创办了宁远光电。",
            "4名",
        ),
    ],
)
def test_the_people_a_founder_set_out_with_are_the_founders(
    tmp_path: Path, body: str, figure: str
) -> None:
    """带着5名同事…成立了…, 和三位…伙伴创办了…: a count of the founder's companions, not of the
    company they founded."""
    assert _subject(tmp_path, body, figure)["kind"] == "person"


def test_the_fund_that_leads_a_round_is_not_what_the_round_measures(tmp_path: Path) -> None:
    """宁远光电完成由宁安高新区产业基金领投的B轮融资，金额约3亿元: the round and its sum are the
    company's; the fund only leads it."""
    body = (
        "今年5月，宁远光电完成由宁安高新区产业基金领投的B轮融资，融资金额约3亿元，"
        "投后估值超过20亿元。"
    )
    entities, figures = _read(tmp_path, body)
    for figure in ("约3亿元", "超过20亿元"):
        assert entities[figures[figure]["subject"]]["name"] == "宁远光电", figure


def test_a_company_an_answer_opens_its_sentence_with_is_what_it_speaks_of(
    tmp_path: Path,
) -> None:
    """答：…去年宁远光电营业收入达到5.2亿元，同比增长31%: the zone official answers, but the
    sentence is about the company it opens with, its growth too."""
    body = (
        "记者专访了宁安高新区管委会副主任邵启明。\n\n问：政策落地效果如何？\n\n"
        "答：效果明显。比如宁远光电科技有限公司（以下简称“宁远光电”），去年获得资助800万元。"
        "去年宁远光电营业收入达到5.2亿元，同比增长31%。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["31%"]["subject"]]["name"] == "宁远光电"


def test_a_parcel_auctioned_is_filed_under_the_company_that_won_it(tmp_path: Path) -> None:
    """该地块面积120亩，起始价5200万元，经过18轮竞价，最终由宁远光电科技有限公司以6100万元
    竞得: the parcel's figures are the winner's, not the zone's that sold it."""
    body = (
        "8月12日，宁安高新区一宗工业用地挂牌出让。该地块面积120亩，起始价5200万元，经过18轮"
        "竞价，最终由宁远光电科技有限公司以6100万元竞得。"
    )
    entities, figures = _read(tmp_path, body)
    for figure in ("120亩", "5200万元", "18轮", "6100万元"):
        assert entities[figures[figure]["subject"]]["kind"] == "company", figure


def test_a_company_referred_back_to_receives_the_reward(tmp_path: Path) -> None:
    """宁远光电科技有限公司…。今年公司营收有望突破5亿元，按新政可获得50万元奖励: the reward is
    the company's, the one 公司 refers back to, not the policy's term."""
    body = (
        "近日，宁安经开区印发《宁安经开区支持工业企业提质增效若干措施》。对年营业收入首次突破"
        "5亿元的企业，给予50万元奖励。\n\n宁远光电科技有限公司是一家生产光伏银浆的企业，去年营业"
        "收入4.6亿元。今年公司营收有望首次突破5亿元，按新政可获得50万元奖励。"
    )
    records = extracted(tmp_path, f"宁安经开区出台10条措施支持工业企业\n\n{body}\n").records
    entities = {r["id"]: r for r in records if r["table"] == "entities"}
    rewards = [r for r in records if r.get("value", {}).get("text") == "50万元"]
    assert [entities[r["subject"]]["kind"] for r in rewards] == ["policy", "company"]


def test_a_parks_own_administration_speaks_for_the_park(tmp_path: Path) -> None:
    """西南医药健康产业园（以下简称“医药园”）…医药园管理服务中心相关负责人告诉记者: the figures it
    gives are the park's, as a zone's administration speaks for the zone."""
    body = (
        "宁安高新区去年实现地区生产总值680亿元。位于高新区南部的西南医药健康产业园（以下简称“医药园”）"
        "入驻企业由年初的76家增加到94家。\n\n“今年上半年还将交付二期厂房8万平方米。”医药园管理服务中心"
        "相关负责人告诉记者，目前排队等待入园的企业还有17家。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["8万平方米"]["subject"]]["name"] == "西南医药健康产业园"
    assert entities[figures["17家"]["subject"]]["name"] == "西南医药健康产业园"


def test_the_investor_whose_money_was_got_is_no_subject_of_the_next_round(
    tmp_path: Path,
) -> None:
    """鲸川智能获得宁安高新区产业引导基金1500万元天使轮投资；…又完成B轮融资3.5亿元: the fund
    gave money; the rounds after it are the company's."""
    body = (
        "宁安鲸川智能科技有限公司（以下简称“鲸川智能”）成立于2020年。2021年，鲸川智能获得宁安高新区"
        "产业引导基金1500万元天使轮投资；2023年5月，公司完成A轮融资1.2亿元；今年2月，又完成B轮融资"
        "3.5亿元。"
    )
    for figure in ("1500万元", "1.2亿元", "3.5亿元"):
        assert _subject(tmp_path, body, figure)["name"] == "鲸川智能", figure


def test_a_parcel_won_by_the_company_opening_the_sentence_is_its(tmp_path: Path) -> None:
    """2025年12月，宁安拓川装备以4680万元的成交价摘得…地块，地块面积约86亩: the parcel's figures
    are the winner's, though the zone is named before them."""
    body = (
        "宁安拓川装备股份有限公司（以下简称“拓川装备”）是一家隧道掘进装备企业。2025年12月，拓川装备以"
        "4680万元的成交价摘得宁安高新区科创大道北侧GX2025-07号地块，地块面积约86亩。"
    )
    assert _subject(tmp_path, body, "约86亩")["name"] == "拓川装备"
    assert _subject(tmp_path, body, "4680万元")["name"] == "拓川装备"


def test_an_age_before_a_workers_trade_and_name_is_the_workers(tmp_path: Path) -> None:
    """42岁的焊工班长邱志川: the age is the person's."""
    body = (
        "在宁安拓川装备股份有限公司的总装车间，42岁的焊工班长邱志川正在做焊缝探伤。“现在下班20分钟"
        "就到家。”邱志川说。"
    )
    assert _subject(tmp_path, body, "42岁")["name"] == "邱志川"


def test_the_works_a_clause_points_to_are_what_the_sentence_measures(tmp_path: Path) -> None:
    """这条产线的自动化率达到85%，单台…的生产节拍…压缩到45秒: the one project named before is
    what 这条产线 points to, and what the later clauses measure; the zone's own figure is not."""
    body = (
        "2026年3月18日\n\n去年4月，海川精工电动压缩机智能制造项目在临港开发区开工。\n\n"
        "柳厂长介绍，这条产线的自动化率达到85%，单台压缩机的生产节拍由90秒压缩到45秒。"
        "临港开发区去年汽车零部件产值增长13%。"
    )
    entities, figures = _read(tmp_path, body)
    for figure in ("85%", "45秒"):
        assert entities[figures[figure]["subject"]]["kind"] == "project", figure
    assert entities[figures["13%"]["subject"]]["kind"] == "zone"


def test_a_bulletin_item_s_heading_is_not_the_verb_of_its_event(tmp_path: Path) -> None:
    """【投产】7月6日，某某公司…项目一期在高新区正式投产: the works the sentence's own verb is of;
    where that verb makes no event (a sum before it), the heading still dates one."""
    body = (
        "2026年7月10日\n\n【投产】7月6日，贵州黔川微电子科技有限公司功率器件封装测试项目一期在"
        "桐梓高新区正式投产。\n\n【开工】6月30日，总投资约6.8亿元的桐梓高新区智能终端产业园二期开工建设。"
    )
    records = extracted(tmp_path, f"园区新闻\n\n{body}\n").records
    entities = {r["id"]: r for r in records if r["table"] == "entities"}
    events = {r["date"]: r for r in records if r["table"] == "facts" and r["kind"] == "event"}
    assert entities[events["2026-07-06"]["subject"]]["name"] == "功率器件封装测试项目"
    assert "2026-06-30" in events


def test_a_platform_two_parties_built_is_works_and_its_figures_its_own(tmp_path: Path) -> None:
    """高新区与某某大学共建的生物医药中试基地揭牌运行。基地首期投入…: works two parties built, and
    the 基地 of the next sentence is they, not a 基地 project told of in an earlier paragraph."""
    body = (
        "2026年7月10日\n\n7月3日，锐川储能桐梓储能系统集成基地项目正式落户。项目总投资15亿元。\n\n"
        "7月2日，桐梓高新区与黔北医科大学共建的生物医药中试基地揭牌运行。基地首期投入建设资金2000万元，"
        "建有中试车间3000平方米。"
    )
    entities, figures = _read(tmp_path, body)
    base = entities[figures["2000万元"]["subject"]]
    assert (base["name"], base["kind"]) == ("生物医药中试基地", "project")
    assert entities[figures["3000平方米"]["subject"]] == base
    assert entities[figures["15亿元"]["subject"]]["kind"] == "project"


def test_a_count_of_works_before_their_name_is_theirs_and_no_part_of_it(tmp_path: Path) -> None:
    """签约增资，新上两条汽车电子线路板生产线: the works are named without their count, and the
    count is theirs."""
    body = (
        "2026年7月10日\n\n黄川电子（黄石）有限公司签约增资2800万美元，新上两条汽车电子线路板生产线，"
        "预计明年投产。"
    )
    entities, figures = _read(tmp_path, body)
    works = entities[figures["两条"]["subject"]]
    assert (works["kind"], works["name"]) == ("project", "汽车电子线路板生产线")


def test_the_body_that_approves_works_stands_aside_from_their_figures(tmp_path: Path) -> None:
    """…示范项目，6月26日获得内蒙古自治区能源局核准，建成后年产绿氢3万吨: the works' figure, not
    the approving bureau's."""
    body = (
        "2026年7月10日\n\n由蒙西氢源能源有限公司投资约35亿元建设的风光制氢一体化示范项目，6月26日获得"
        "内蒙古自治区能源局核准，建成后年产绿氢3万吨。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["3万吨"]["subject"]]["kind"] == "project"


def test_an_interview_s_terms_are_the_policy_named_last_before_the_answer(tmp_path: Path) -> None:
    """An article on a zone naming two documents: an answer's subsidies with no policy named in
    it are the terms of the document named last before it; the zone's own output is not."""
    body = (
        "2026年3月26日\n\n3月12日，嘉峪高新区正式印发《嘉峪高新区支持光伏产业发展若干政策》。\n\n"
        "记者：技术改造方面有哪些举措？\n\n"
        "周启明：对企业实施的智能化改造项目，按设备投资额的8%给予补助，单个项目最高不超过2000万元。"
        "去年园区实现产值1180亿元。\n\n"
        "记者：人才方面呢？\n\n"
        "周启明：我们同步出台了《嘉峪高新区光伏人才引育十条措施》。对引进的顶尖人才团队，"
        "给予最高不超过3000万元的综合资助。"
    )
    entities, figures = _read(tmp_path, body)
    name = lambda figure: entities[figures[figure]["subject"]]["name"]  # noqa: E731
    assert name("最高不超过2000万元") == "嘉峪高新区支持光伏产业发展若干政策"
    assert name("8%") == "嘉峪高新区支持光伏产业发展若干政策"
    assert name("最高不超过3000万元") == "嘉峪高新区光伏人才引育十条措施"
    assert entities[figures["1180亿元"]["subject"]]["kind"] == "zone"


def test_a_sum_in_a_sentence_opening_with_the_project_is_the_project_s(tmp_path: Path) -> None:
    """…氢能装备产业园项目在高新区开工。项目由北京某某集团有限公司投资，总投资约25亿元: the
    sentence is about the project it opens with, not the investor it names."""
    body = (
        "2026年12月2日\n\n11月26日，长株潭氢能装备产业园项目在株洲高新区开工。项目由北京氢川科技集团"
        "有限公司投资，总投资约25亿元，占地约380亩。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["约25亿元"]["subject"]]["kind"] == "project"


def test_what_an_answer_s_sentence_sets_up_is_what_its_figures_measure(tmp_path: Path) -> None:
    """答：…园区联合社会资本，设立了某某光电产业发展基金，总规模30亿元: the fund the official's
    sentence sets up, not the official's body; his zone's own output stays the zone's."""
    body = (
        "2026年7月22日\n\n今年上半年，宛川高新技术产业开发区（以下简称“宛川高新区”）主要指标实现“双过半”。"
        "日前，记者专访了宛川高新区党工委副书记、管委会主任刘建川。\n\n"
        "问：产业基金发挥了什么作用？\n\n"
        "答：去年12月，园区联合社会资本，设立了宛川高新区光电产业发展基金，总规模30亿元。"
        "上半年，全区规模以上工业增加值同比增长9.1%。"
    )
    entities, figures = _read(tmp_path, body)
    assert entities[figures["30亿元"]["subject"]]["name"] == "宛川高新区光电产业发展基金"
    assert entities[figures["9.1%"]["subject"]]["kind"] == "zone"
