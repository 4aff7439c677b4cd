"""Entities found in running text (``sources/extract/entities.py``), read through ``extract``
on short articles written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import extracted, extracts_within
from hightech_cli.sources.article import read_article
from hightech_cli.sources.extract import extract


def _entities(tmp_path: Path, text: str) -> dict[str, dict[str, Any]]:
    records = extracted(tmp_path, text).records
    return {r["name"]: r for r in records if r["table"] == "entities"}


def test_people_in_a_byline_and_a_photo_credit_pen_names_too(tmp_path: Path) -> None:
    text = (
        "园区新厂开工\n\n▶ 本报记者 曲晓燕 通讯员 麓宣\n\n"
        "3月2日，园区一家企业新厂开工，总投资5亿元。\n\n本报记者 邵明远 摄\n"
    )
    found = _entities(tmp_path, text)
    assert found["曲晓燕"]["role"] == "记者"
    assert found["麓宣"]["role"] == "通讯员"
    assert found["邵明远"]["kind"] == "person"
    assert not any(name.startswith(("本报", "通讯员")) for name in found)


def test_a_byline_in_brackets_opening_the_first_paragraph(tmp_path: Path) -> None:
    """本报讯（记者 … 通讯员 …）: the news item's opening names its writers before the news."""
    text = (
        "园区新厂开工\n\n本报讯（记者 苗一禾 通讯员 冀川）6月2日，园区一家企业新厂开工。\n\n"
        "新华社宁安6月3日电（记者 戚望舒）园区又一个项目投产。\n"
    )
    found = _entities(tmp_path, text)
    assert found["苗一禾"]["role"] == "记者"
    assert found["冀川"]["role"] == "通讯员"
    assert found["戚望舒"]["role"] == "记者"


@pytest.mark.parametrize(
    ("sentence", "wanted", "unwanted"),
    [
        ("新签项目中，既有华擎动力、北辰装备等龙头企业的扩产项目。", "华擎动力", "既有华擎动力"),
        ("从汇川技术等本土企业到博世等外资企业，都在这里布局。", "汇川技术", "汇川技术等本土企业"),
        ("园区正加快建设高端装备产业创新中心，年内投用。", "高端装备产业创新中心",
         "园区正加快建设高端装备产业创新中心"),
    ],
)  # fmt: skip
def test_a_name_never_takes_in_the_words_around_it(
    tmp_path: Path, sentence: str, wanted: str, unwanted: str
) -> None:
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    assert wanted in found
    assert unwanted not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "5月9日，开发区在国际会展中心举行项目集中签约活动，共有12个项目签约。",
        "园区近日召开项目推进会，8个项目现场开工。",
        "新区在科创大厦举办项目路演，吸引40余家机构参加。",
    ],
)
def test_an_event_held_for_projects_is_no_project(tmp_path: Path, sentence: str) -> None:
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    # Neither the event (…举行项目) nor the place it is held (国际会展中心) is a project.
    assert not any(f["kind"] == "project" for f in found.values()), found


def test_a_kind_of_company_is_no_company(tmp_path: Path) -> None:
    found = _entities(tmp_path, "标题\n\n另有1个项目由世界500强企业投资，区党工委统筹推进。\n")
    assert not any("500强" in name or name.endswith("党工委") for name in found)


def test_a_bank_branch_is_one_body(tmp_path: Path) -> None:
    found = _entities(tmp_path, "标题\n\n园区与交通银行苏州分行签署协议，授信50亿元。\n")
    assert found["交通银行苏州分行"]["kind"] == "organisation"
    assert "苏州分行" not in found


def test_bodies_named_by_their_field(tmp_path: Path) -> None:
    text = "标题\n\n区里设立集成电路产业投资基金，并与高校共建光电材料联合实验室。\n"
    found = _entities(tmp_path, text)
    assert "集成电路产业投资基金" in found
    assert "光电材料联合实验室" in found


def test_a_japanese_name_of_four_characters(tmp_path: Path) -> None:
    text = "标题\n\n“我们看好这里的市场。”东光精机总经理佐藤健一说。\n"
    found = _entities(tmp_path, text)
    assert "佐藤健一" in found and "佐藤健" not in found


@pytest.mark.parametrize(
    ("sentence", "full"),
    [
        ("5月，杭州高新区与浙江云帆材料股份有限公司（以下简称“云帆材料”）签约。",
         "浙江云帆材料股份有限公司"),
        ("潍坊市政府和苏州泽川智能科技有限公司（简称“泽川智能”）达成合作。",
         "苏州泽川智能科技有限公司"),
        ("烟台开发区、青岛澜石海洋科技有限公司共同发起。", "青岛澜石海洋科技有限公司"),
    ],
)  # fmt: skip
def test_a_legal_name_joined_to_another_name_begins_after_the_join(
    tmp_path: Path, sentence: str, full: str
) -> None:
    """甲与乙有限公司: the company's name begins at the place name after the joining word."""
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    company = next(f for f in found.values() if f["kind"] == "company")
    assert company.get("full_name", company["name"]) == full or full in company["aliases"]
    assert not any("与" in a or "和" in a for f in found.values() for a in f.get("aliases", []))


def test_a_policy_s_short_name_in_title_marks_is_its_alias(tmp_path: Path) -> None:
    """《关于…的实施办法》（以下简称《办法》）: the figures 《办法》 gives are the policy's."""
    text = (
        "新政出台\n\n园区印发《关于促进首台套装备应用的实施办法》（以下简称《办法》）。\n\n"
        "《办法》提出，对首台套装备给予最高200万元奖励。\n"
    )
    records = extracted(tmp_path, text).records
    (policy,) = [r for r in records if r["table"] == "entities" and r["kind"] == "policy"]
    assert policy["name"] == "关于促进首台套装备应用的实施办法" and "办法" in policy["aliases"]
    (award,) = [r for r in records if r["table"] == "facts" and r["kind"] == "quantity"]
    assert award["subject"] == policy["id"] and award["value"]["number"] == 2_000_000


def test_a_company_named_in_full_then_by_its_short_name_is_one(tmp_path: Path) -> None:
    """浙江某某科技有限公司 … 某某: one company, its short name as its name; a short name that
    begins two legal names is left alone."""
    found = _entities(
        tmp_path,
        "标题\n\n2025年4月2日\n\n浙江禾川传感科技有限公司新厂开工，总投资3亿元。"
        "禾川传感去年营收4.5亿元，由宁波禾川传感科技有限公司控股的工厂也在扩产。"
        "江苏澜图测绘有限公司当天签约。澜图测绘将设立研发中心。\n",
    )
    companies = {n: f for n, f in found.items() if f["kind"] == "company"}
    assert companies["澜图测绘"]["full_name"] == "江苏澜图测绘有限公司"
    assert "江苏澜图测绘有限公司" not in companies
    # 禾川传感 begins two legal names: which one it means is not for hz to guess.
    assert {"浙江禾川传感科技有限公司", "宁波禾川传感科技有限公司"} <= set(companies)
    assert "禾川传感" not in companies


def test_a_dateline_names_the_paper_and_its_reporter(tmp_path: Path) -> None:
    """滨海日报讯（记者 宁远）at the head of the first paragraph: the publication, the byline
    and the reporter; 本报讯 names no paper."""
    path = tmp_path / "a.txt"
    path.write_text(
        "标题\n\n滨海日报讯（记者 宁远）3月2日，园区两个项目开工，总投资9亿元。\n", encoding="utf-8"
    )
    done = extract(read_article(str(path)), source_id="t")
    (meta,) = done.records[0]["sources"]
    assert (meta["publication"], meta["byline"]) == ("滨海日报", "记者 宁远")
    people = {r["name"]: r for r in done.records if r["table"] == "entities"}
    assert people["宁远"]["role"] == "记者"
    path.write_text("标题\n\n本报讯（记者 宁远）园区两个项目开工。\n", encoding="utf-8")
    (meta,) = extract(read_article(str(path)), source_id="t").records[0]["sources"]
    assert meta["publication"] == "" and meta["byline"] == "记者 宁远"


def test_a_region_a_branch_is_named_for_is_no_company(tmp_path: Path) -> None:
    """亚太研发中心, 华东区总裁: the part of the world is no company; the event is 启用."""
    records = extracted(
        tmp_path,
        "标题\n\n2025年10月9日\n\n法国维朗集团旗下的亚太研发中心于9月正式启用。"
        "维朗集团华东区总裁安娜·杜邦表示，中心将招聘工程师100名。\n",
    ).records
    names = {r["name"] for r in records if r["table"] == "entities"}
    assert not names & {"亚太", "华东"}
    (event,) = [r for r in records if r["table"] == "facts" and r["kind"] == "event"]
    assert event["topic"] == "启用"


def test_an_official_of_the_zone_s_bodies_is_of_the_zone(tmp_path: Path) -> None:
    """高新区党工委书记某某, 高新区管委会主任某某: their organisation is the zone."""
    records = extracted(
        tmp_path,
        "标题\n\n2025年3月2日\n\n宁安高新区召开推进会。市委常委、高新区党工委书记韩立出席，"
        "高新区管委会主任许婧主持会议。\n",
    ).records
    ents = {r["name"]: r for r in records if r["table"] == "entities"}
    zone = ents["宁安高新区"]["id"]
    assert ents["韩立"]["org"] == zone and ents["许婧"]["org"] == zone


def test_a_short_name_with_its_english_name_is_a_company(tmp_path: Path) -> None:
    """西门子（Siemens）: a company; 苏州（Suzhou） and a zone's English name are not."""
    found = _entities(
        tmp_path,
        "标题\n\n2025年3月2日\n\n西门子（Siemens）在苏州（Suzhou）新建工厂，总投资3亿元。"
        "宁安高新区（Ningan Hi-tech Zone）为其提供配套服务。\n",
    )
    assert found["西门子"]["kind"] == "company" and "Siemens" in found["西门子"]["aliases"]
    assert "苏州" not in found
    assert not any(f["kind"] == "company" and "高新区" in n for n, f in found.items())


def _mentions_by_hand(drafts: list[Any], blocks: list[tuple[int, str, str]]) -> list[list[Any]]:
    """Every place each draft is named, by the definition: its forms longest first, each
    place taken once, every form looked for in every block."""
    forms = sorted(
        ((f, d) for d in drafts for f in d.forms() if len(f) >= 2), key=lambda x: -len(x[0])
    )
    out: dict[int, list[tuple[int, int, int]]] = {id(d): [] for d in drafts}
    for n, _, text in blocks:
        taken: list[tuple[int, int]] = []
        for form, d in forms:
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                if not any(x < end and start < y for x, y in taken):
                    taken.append((start, end))
                    out[id(d)].append((n, start, end))
                start = text.find(form, start + len(form))
    return [sorted(out[id(d)]) for d in drafts]


def test_mentions_of_many_names_sharing_their_start_are_found_as_by_hand() -> None:
    """An article of hundreds of companies whose names all begin alike (青岛…有限公司): every
    mention found, as the definition finds it, without looking for every name in every block."""
    import random

    from hightech_cli.sources.extract.entities import Entities

    rng = random.Random(7)  # noqa: S311 (test data, not secrets)
    chars = "安宝北博晨成川达德东丰福广海航和恒华汇佳嘉金锦凯康蓝力联林龙明南鹏齐瑞润森盛顺泰"
    names = sorted(
        {"".join(rng.choice(chars) for _ in range(rng.choice((2, 3, 4)))) for _ in range(400)}
    )
    blocks = [(1, "title", "标题")]
    for n, name in enumerate(names, start=2):
        other = rng.choice(names)
        blocks.append((n, "paragraph", f"青岛{name}科技有限公司与{other}签约，{name}新建产线3条。"))
    found = Entities(blocks, {})
    drafts = found.run()
    assert len([d for d in drafts if d.kind == "company"]) >= len(names) // 2
    assert [sorted(d.mentions) for d in drafts] == _mentions_by_hand(drafts, blocks)


def test_a_project_built_by_the_verb_before_its_name(tmp_path: Path) -> None:
    """签约建设…产业园, 扩建其…中心, 首个…产业园正式开园: projects, though no 项目 ends them."""
    text = (
        "园区新闻\n\n宁远机械股份有限公司此次签约建设精密液压件产业园，总投资约9亿元。\n\n"
        "星河物流集团宣布追加投资5000万美元，扩建其华东分拨中心。\n\n"
        "6月8日，宁安高新区首个氢能产业园正式开园。\n\n"
        "宁安高新区支持企业建设研发中心。\n"
    )
    found = _entities(tmp_path, text)
    assert found["精密液压件产业园"]["kind"] == "project"
    assert found["精密液压件产业园"]["status"] == "签约"
    assert found["华东分拨中心"]["kind"] == "project"
    assert found["氢能产业园"]["status"] == "开园"
    assert "研发中心" not in found


def test_a_project_s_investor_is_named_in_its_own_clause(tmp_path: Path) -> None:
    """The company after a semicolon, or in the next item of a list, invests in its own
    project, not in the one named before it."""
    text = (
        "园区新闻\n\n总投资12亿元的宁安光电产业园一期已于5月投产；由宁远微电子有限公司投资建设的"
        "功率芯片封测项目总投资6亿元。\n\n"
        "此外，宁和精密机械有限公司智能装备基地、宁安材料研究院中试平台等项目同步开工。\n"
    )
    found = _entities(tmp_path, text)
    by_id = {r["id"]: r for r in found.values()}
    assert by_id[found["功率芯片封测项目"]["investor"]]["name"] == "宁远微电子有限公司"
    assert "investor" not in found["宁安光电产业园"]
    assert "investor" not in found["宁安材料研究院中试平台"]


def test_what_officials_do_at_a_ceremony_is_no_project(tmp_path: Path) -> None:
    text = "园区新闻\n\n5月8日，宁安市副市长陈立民出席仪式并宣布项目开工。\n"
    found = _entities(tmp_path, text)
    assert [r["name"] for r in found.values() if r["kind"] == "project"] == []


def test_a_clause_ending_with_a_zone_s_kind_is_no_zone(tmp_path: Path) -> None:
    """西门子能源青岛研发中心落户高新区: the centre comes to the zone; neither is a zone named
    青岛研发中心落户高新区. A tagged name that begins with a part of the world abroad is a
    company's branch, not a company."""
    text = (
        "宁恒能源青岛研发中心落户高新区\n\n"
        "11月5日，宁恒能源（Ninghen Energy）亚太数字化研发中心签约落户青岛高新区。\n"
    )
    found = _entities(tmp_path, text)
    assert [n for n, r in found.items() if r["kind"] == "zone"] == ["青岛高新区"]
    assert not [n for n in found if n.startswith("亚太") and found[n]["kind"] == "company"]


def test_the_issuer_on_the_date_line_is_the_publication(tmp_path: Path) -> None:
    text = "园区通报\n\n宁安高新区管委会  2025-11-12\n\n全区经济运行平稳。\n"
    meta = extracted(tmp_path, text).records[0]["sources"][0]
    assert (meta["publication"], meta["date"]) == ("宁安高新区管委会", "2025-11-12")


def test_a_zone_written_in_full_and_for_short_is_one_zone(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n今年，宁安综合保税区进出口总额312亿元。\n\n宁安综保区现有企业1200家。\n\n"
        "香港上市公司泓远科技与长春高新区签约。\n"
    )
    zones = {n: r for n, r in _entities(tmp_path, text).items() if r["kind"] == "zone"}
    assert zones["宁安综合保税区"]["aliases"] == ["宁安综保区"]
    assert set(zones) == {"宁安综合保税区", "长春高新区"}


def test_a_name_that_goes_on_to_another_ending_is_one_project(tmp_path: Path) -> None:
    text = "园区新闻\n\n宁远精密株式会社投资1.5亿日元建设的精密检测中心项目开工。\n"
    projects = [r["name"] for r in _entities(tmp_path, text).values() if r["kind"] == "project"]
    assert projects == ["精密检测中心项目"]


def test_a_meeting_parts_the_names_on_either_side(tmp_path: Path) -> None:
    """书记某某会见了湖南某某股份有限公司总裁某某一行，双方就…项目深入交流: two people, one
    company, and what they talk about is no part of a project's name; a dateline that dates
    itself names the paper and the reporter."""
    text = (
        "园区新闻\n\n长沙晚报1月8日讯（全媒体记者 黄雅琴）1月7日，长沙经开区党工委书记彭卫东会见了"
        "湖南中车时代电气股份有限公司总裁吴建华一行，双方就功率半导体扩产项目深入交流。\n"
    )
    records = extracted(tmp_path, text).records
    meta = records[0]["sources"][0]
    assert (meta["publication"], meta["byline"]) == ("长沙晚报", "全媒体记者 黄雅琴")
    found = {r["name"]: r for r in records if r["table"] == "entities"}
    assert "湖南中车时代电气股份有限公司" in found
    assert found["彭卫东"]["role"] == "党工委书记"
    assert found["吴建华"]["role"] == "总裁"
    assert [n for n, r in found.items() if r["kind"] == "project"] == ["功率半导体扩产项目"]


def test_a_project_s_status_is_the_first_said_of_it_in_its_own_part(tmp_path: Path) -> None:
    """甲项目于5月完成主体结构封顶，计划年底前投产；乙项目本月12日正式开工: 甲 is topped
    out, not started; a base on trial run is a project on trial run."""
    text = (
        "园区新闻\n\n2025年6月20日 星期五  来源：株洲日报\n\n"
        "宁安轨道交通装备基地项目于5月下旬完成主体结构封顶，计划今年年底前投产；"
        "湖南迈拓精密制造有限公司精密轴承项目本月12日正式开工；宁安新材料中试基地已于3月试运行。\n"
    )
    found = _entities(tmp_path, text)
    assert found["宁安轨道交通装备基地项目"]["status"] == "封顶"
    assert found["精密轴承项目"]["status"] == "开工"
    assert found["宁安新材料中试基地"]["status"] == "试运行"


def test_a_person_with_two_roles(tmp_path: Path) -> None:
    text = "园区新闻\n\n青岛百洋医药股份有限公司董事长兼总经理付钢介绍，公司新建研发中心。\n"
    found = _entities(tmp_path, text)
    assert found["付钢"]["role"] == "董事长兼总经理"


def test_a_body_of_a_city_whose_name_holds_a_function_word(tmp_path: Path) -> None:
    """成都高新区投资促进局局长: the 都 of 成都 is no word that ends what stands before a name."""
    text = "园区新闻\n\n成都高新区投资促进局局长刘畅表示，二季度将继续聚焦电子信息。\n"
    found = _entities(tmp_path, text)
    assert found["成都高新区投资促进局"]["kind"] == "organisation"
    assert found["刘畅"]["org"] == found["成都高新区投资促进局"]["id"]


def test_where_a_company_comes_from_and_kinds_of_projects_are_no_names(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n来自新加坡的捷通物流（贵阳）有限公司投资1.6亿元建设跨境分拨中心，"
        "贵阳海关给予支持。\n\n9个项目中，其中4个为人才创业项目。新工厂投产后将供应中部企业。\n"
    )
    found = _entities(tmp_path, text)
    assert "捷通物流（贵阳）有限公司" in found and "贵阳海关" in found
    assert not [n for n in found if n.startswith("新加坡")]
    assert "人才创业项目" not in found and "新工厂" not in found


def test_roles_for_a_region_and_bodies_named_for_short(tmp_path: Path) -> None:
    """中国区总裁 is a role; 贵阳综合保税区管委会 and 贵阳综保区管委会 are one body; a role after
    、管委会 is held in the zone's body, named in full in the title or for short."""
    text = (
        "贵阳综保区新闻\n\n贵阳综合保税区管委会近日发布新政。宁远化学中国区总裁金度贤表示支持。"
        "贵阳综合保税区党工委委员、管委会副主任杨启明主持会议。\n\n贵阳综保区管委会将做好服务。\n"
    )
    found = _entities(tmp_path, text)
    assert found["金度贤"]["role"] == "中国区总裁"
    bodies = [n for n, r in found.items() if r["kind"] == "organisation"]
    assert bodies == ["贵阳综合保税区管委会"]
    assert found["贵阳综合保税区管委会"]["aliases"] == ["贵阳综保区管委会"]
    assert found["杨启明"]["org"] == found["贵阳综合保税区管委会"]["id"]


def test_a_policy_named_by_the_count_of_its_articles(tmp_path: Path) -> None:
    """新区发布的信创产业“十条”明确，对…给予最高200万元奖励: a policy, and its terms its."""
    text = (
        "园区新闻\n\n新区发布的信创产业“十条”明确，对首次进入目录的企业给予最高200万元奖励。"
        "根据“十条”，新区还将给予租金补贴。\n"
    )
    found = _entities(tmp_path, text)
    (policy,) = [r for r in found.values() if r["kind"] == "policy"]
    assert policy["name"].startswith("信创产业“十条") and "十条" in policy["aliases"]
    assert len(policy["mentions"]) >= 1


def test_kinds_of_projects_and_a_project_s_building_are_no_projects(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n对新引进的固定资产投资5亿元以上的零部件项目，按设备投资额的8%给予补助。"
        "日韩企业投资的汽车零部件项目累计已超过130个。\n\n"
        "宁远微半导体有限公司三期项目主厂房顺利封顶。\n"
    )
    projects = [n for n, r in _entities(tmp_path, text).items() if r["kind"] == "project"]
    assert not [p for p in projects if "零部件" in p or p.endswith("厂房")]


def test_what_a_body_does_to_projects_in_general_names_no_project(tmp_path: Path) -> None:
    text = (
        "某某高新区推动项目建设\n\n"
        "园区加快项目落地，助力项目投产，抓好项目服务。星岚科技智能传感器项目当天签约。\n"
    )
    projects = [n for n, r in _entities(tmp_path, text).items() if r["kind"] == "project"]
    assert projects == ["星岚科技智能传感器项目"]


def test_a_name_with_yuan_in_a_word_is_no_sum(tmp_path: Path) -> None:
    """元 in 电子元件 is part of a word; 5亿元项目 names a kind of project by its size."""
    text = "园区新闻\n\n青岛远帆电子有限公司投资5亿元建设电子元件项目。园区新签约5亿元项目3个。\n"
    projects = [n for n, r in _entities(tmp_path, text).items() if r["kind"] == "project"]
    assert projects == ["电子元件项目"]


def test_bodies_made_by_others_begin_after_the_verb_that_makes_them(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n公司与内蒙古科技大学共建的稀土永磁材料工程研究中心获批。"
        "高新区将与河北省药品监督管理局共建医疗器械审评服务工作站。"
        "公司在深圳证券交易所上市。\n"
    )
    bodies = {n for n, r in _entities(tmp_path, text).items() if r["kind"] == "organisation"}
    assert {"稀土永磁材料工程研究中心", "医疗器械审评服务工作站", "深圳证券交易所"} <= bodies
    assert not [b for b in bodies if "共建" in b]


def test_a_name_that_begins_with_a_word_of_kind_is_still_a_name(tmp_path: Path) -> None:
    """创新药产业化基地 and 新能源电池项目 begin with 创新 and 新, which alone say only what kind
    of project one is (新签约项目, 重点项目)."""
    text = (
        "园区新闻\n\n海蓝生物投资25亿元建设创新药产业化基地。星岚科技新能源电池项目当天签约。"
        "园区新签约项目12个，重点项目开工，首批入驻项目投产。\n"
    )
    projects = {n for n, r in _entities(tmp_path, text).items() if r["kind"] == "project"}
    assert projects == {"创新药产业化基地", "星岚科技新能源电池项目"}


def test_names_quoted_side_by_side_share_the_words_around_them(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n今年，园区以“项目攻坚年”“招商引资突破年”活动为抓手，"
        "推出“拎包入住”“一企一策”等服务。“十五五”期间，园区将继续发力。\n"
    )
    policies = {n for n, r in _entities(tmp_path, text).items() if r["kind"] == "policy"}
    assert policies == {"项目攻坚年", "招商引资突破年", "拎包入住", "一企一策"}


def test_names_in_latin_letters(tmp_path: Path) -> None:
    """美国NovaMind公司首席执行官Tom Baker: a company and its chief; CRO公司 is a kind."""
    text = (
        "园区新闻\n\n美国NovaMind公司首席执行官Tom Baker宣布，公司将在园区设立研发中心。"
        "日本丸和精机株式会社社长山田太郎出席。园区已集聚CRO公司12家。\n"
    )
    found = _entities(tmp_path, text)
    companies = {n for n, r in found.items() if r["kind"] == "company"}
    assert companies == {"NovaMind", "日本丸和精机株式会社"}
    people = {n: r for n, r in found.items() if r["kind"] == "person"}
    assert people["Tom Baker"]["role"] == "首席执行官"
    assert people["山田太郎"]["role"] == "社长"


def test_a_hub_with_a_dash_in_its_name_and_a_kind_of_chain_project(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n恒昌国际投资12亿港元建设的中国—东盟跨境冷链物流枢纽当天开工。"
        "10个项目中，产业链上下游配套项目有6个。\n"
    )
    projects = {n for n, r in _entities(tmp_path, text).items() if r["kind"] == "project"}
    assert projects == {"中国—东盟跨境冷链物流枢纽"}


def test_a_company_whose_short_name_is_the_word_company(tmp_path: Path) -> None:
    """星岚科技股份有限公司（以下简称“公司”）: a company, named by its legal name."""
    text = "园区新闻\n\n星岚科技股份有限公司（以下简称“公司”）发布半年度报告。公司营收增长。\n"
    companies = [n for n, r in _entities(tmp_path, text).items() if r["kind"] == "company"]
    assert companies == ["星岚科技股份有限公司"]


def test_what_is_no_company_in_a_zones_report(tmp_path: Path) -> None:
    """完成工业投资, 江苏省智能网联汽车测试示范区, 在沪期间，代表团还走访了A、B等企业: a deed,
    a field and the words before a list are no companies; the list's items are."""
    text = (
        "园区新闻\n\n今年1—5月，全区完成工业投资158亿元。常州高新区获批建设江苏省智能网联汽车"
        "测试示范区，区内已有9家企业取得智能网联汽车道路测试牌照。在沪期间，代表团还走访了启衡"
        "新材料、弘曜数据等企业。双方承担省级科技项目3项。\n"
    )
    found = _entities(tmp_path, text)
    companies = {n for n, r in found.items() if r["kind"] == "company"}
    assert companies == {"启衡新材料", "弘曜数据"}
    assert not [n for n, r in found.items() if r["kind"] == "project" and "科技项目" in n]


def test_a_police_detachment_is_one_body(tmp_path: Path) -> None:
    text = "园区新闻\n\n示范区由管委会与常州市公安局交通警察支队共同建设运营。\n"
    bodies = {n for n, r in _entities(tmp_path, text).items() if r["kind"] == "organisation"}
    assert "常州市公安局交通警察支队" in bodies and "常州市公安局" not in bodies


def test_a_legal_name_in_latin_letters_with_its_short_name(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n德国Hellwig Antriebstechnik GmbH（以下简称“海尔维希”）投资建设的精密减速器"
        "生产基地开工。这是海尔维希在中国的第三个生产基地。\n"
    )
    found = _entities(tmp_path, text)
    assert found["海尔维希"]["kind"] == "company"
    assert "Hellwig Antriebstechnik GmbH" in found["海尔维希"]["aliases"]


def test_a_quoted_service_that_opens_its_clause_and_acts(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n去年，“项目管家”共协调解决各类问题630余个。“人才服务一卡通”已发放3200张。"
        "他说“这很好”。\n"
    )
    policies = {n for n, r in _entities(tmp_path, text).items() if r["kind"] == "policy"}
    assert policies == {"项目管家", "人才服务一卡通"}


def test_a_zone_whose_short_name_begins_with_he(tmp_path: Path) -> None:
    """和田新区 begins with 和, read elsewhere as the word that joins two names."""
    text = (
        "和田新区：数字经济提速\n\n"
        "新疆和田新区（以下简称“和田新区”）举行发布会。和田新区经济发展局局长马立新介绍，"
        "和田新区今年新签约项目12个。"
    )
    found = _entities(tmp_path, text)
    zones = [e for e in found.values() if e["kind"] == "zone"]
    assert [z["name"] for z in zones] == ["新疆和田新区"] and "和田新区" in zones[0]["aliases"]


def test_listed_names_counted_as_companies_are_companies(tmp_path: Path) -> None:
    text = "园区新闻\n\n启辰新材、鸿远光电和泰和精工三家企业当天签约落户宁安高新区。"
    names = {e["name"] for e in _entities(tmp_path, text).values() if e["kind"] == "company"}
    assert {"启辰新材", "鸿远光电", "泰和精工"} <= names


def test_words_that_are_no_company_or_person(tmp_path: Path) -> None:
    text = (
        "让“绿电”变“算力”\n\n"
        "宁安高新区数据中心的电能利用效率（PUE）降至1.2，绿电在用电中的占比达到60%。"
        "算力调度是发布会上记者关注的焦点。"
    )
    names = {e["name"] for e in _entities(tmp_path, text).values()}
    assert not names & {"电能利用效率", "绿电", "关注"}


def test_a_visit_to_a_companys_project_names_that_project(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n宁安启辰新材料有限公司（以下简称“启辰新材”）投资20亿元建设高纯石英砂项目。\n\n"
        "会后，李国平一行实地察看了启辰新材项目建设用地。"
    )
    projects = [e for e in _entities(tmp_path, text).values() if e["kind"] == "project"]
    assert [p["name"] for p in projects] == ["高纯石英砂项目"]
    assert "启辰新材项目" in projects[0]["aliases"]


def test_a_zone_joined_to_a_legal_name_is_no_part_of_it(tmp_path: Path) -> None:
    text = "园区新闻\n\n宁安高新区与闽越数智科技有限公司签约，该公司将投资3亿元建设数据平台。"
    companies = [e["name"] for e in _entities(tmp_path, text).values() if e["kind"] == "company"]
    assert companies == ["闽越数智科技有限公司"]


def test_a_park_named_by_its_field_makes_no_company(tmp_path: Path) -> None:
    text = "园区新闻\n\n宁安高新区闽西生物医药产业园二期本月开工，总投资6亿元。"
    found = _entities(tmp_path, text)
    assert not [e for e in found.values() if e["kind"] == "company"]


def test_a_person_who_founds_a_company_is_its_founder(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n2018年，博士顾长林从苏州回到宁安，在宁安高新区创办了宁安启辰新材料有限公司。"
        "“那时候公司只有五个人。”顾长林说。"
    )
    found = _entities(tmp_path, text)
    person = found["顾长林"]
    assert person["role"] == "创始人"
    assert person["org"] == found["宁安启辰新材料有限公司"]["id"]


def test_bodies_a_park_runs_and_meetings_about_projects(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n走进宁安高新区青禾科创谷，路演厅里一场新材料项目对接会刚刚结束。"
        "青禾科创谷由宁安青禾发展有限公司运营，在孵企业120家。\n\n"
        "宁安高新区联合福建海川投资集团有限公司（以下简称“海川投资”）设立种子基金。"
        "宁安高新区一家孵化器里，创业者正在调试设备。青禾科创谷二期将于年底建成。"
    )
    found = _entities(tmp_path, text)
    assert found["青禾科创谷"]["kind"] == "organisation"
    assert not [n for n, e in found.items() if e["kind"] == "project" and "路演" in n]
    forms = {f for e in found.values() for f in (e["name"], *e["aliases"])}
    assert "福建海川投资集团有限公司" in forms
    assert not [f for f in forms if f.startswith("宁安高新区联合")]
    assert not [n for n in found if "一家" in n]
    assert not [n for n, e in found.items() if e["kind"] == "company" and n.endswith("二期")]


def test_a_kind_of_zone_or_a_branch_named_for_one_is_no_zone(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n在科学技术部国家高新区综合评价中，宁安高新区居东北地区国家高新区首位。"
        "宁安银行科技城支行行长表示，该行去年新增授信20亿元。"
    )
    zones = [n for n, e in _entities(tmp_path, text).items() if e["kind"] == "zone"]
    assert zones == ["宁安高新区"]


def test_a_long_article_of_many_companies_compiles_no_pattern_per_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each project's investor was looked for with a pattern per company name; past the 512
    # patterns ``re`` keeps, every one was compiled again at every project: 1 MB with 500
    # companies took 8 minutes, nearly all of it compiling.
    import re._compiler as compiler

    compiled = [0]
    compile_ = compiler.compile

    def counting(*args: Any, **kwargs: Any) -> Any:
        compiled[0] += 1
        return compile_(*args, **kwargs)

    sentence = "青岛高新区管委会表示，青岛小优{}智能科技有限公司计划投资5亿元建设智能制造基地项目。"
    text = "园区项目集中签约\n\n" + "\n\n".join(sentence.format(i) for i in range(600)) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(str(path))
    monkeypatch.setattr(compiler, "compile", counting)
    extract(article, use_tagger=False)
    assert compiled[0] < 5_000  # a handful of patterns, not one per company per project


def test_a_cooperation_zone_and_a_byline_in_traditional_characters(tmp_path: Path) -> None:
    text = (
        "前海港澳項目集中簽約\n\n本報駐深圳記者 梁穎欣\n\n"
        "深圳前海深港現代服務業合作區（以下簡稱「前海合作區」）昨日舉行集中簽約儀式，"
        "共有18個項目現場簽約，總投資逾260億元人民幣。國家自主創新示範區的經驗表明，"
        "前海合作區的港資企業增長很快。"
    )
    found = _entities(tmp_path, text)
    zones = [e for e in found.values() if e["kind"] == "zone"]
    assert len(zones) == 1 and "前海合作区" in [zones[0]["name"], *zones[0]["aliases"]]
    assert found["梁颖欣"]["kind"] == "person"


def test_a_bodys_own_name_may_hold_he(tmp_path: Path) -> None:
    text = "园区新闻\n\n宁安市自然资源和规划局发布公告。宁安市发展和改革委员会主任表示支持。"
    names = {n for n, e in _entities(tmp_path, text).items() if e["kind"] == "organisation"}
    assert {"宁安市自然资源和规划局", "宁安市发展和改革委员会"} <= names


def test_a_place_in_brackets_is_inside_a_company_s_name(tmp_path: Path) -> None:
    """某某（宁波）精密机械有限公司: the branch's place in brackets is part of the name, which
    begins before the bracket, after the words that say where it comes from."""
    text = "标题\n\n会上签约的最大项目来自华屹（宁波）精密机械有限公司，将建设轴承基地。\n"
    found = _entities(tmp_path, text)
    assert "华屹（宁波）精密机械有限公司" in found
    assert not any(name.startswith(("宁波）", "项目来自")) for name in found)


def test_a_parent_named_before_its_subsidiary_is_a_name_of_its_own(tmp_path: Path) -> None:
    """德国某某集团旗下的某某（合肥）有限公司: two companies, the parent and the one it owns."""
    text = "标题\n\n德国欧斯特集团旗下的欧斯特（合肥）传感技术有限公司将投资2亿元扩产。\n"
    found = _entities(tmp_path, text)
    assert "欧斯特（合肥）传感技术有限公司" in found
    assert "德国欧斯特集团" in found
    assert not any("旗下" in name for name in found)


def test_the_zone_s_body_named_by_the_short_name_just_defined(tmp_path: Path) -> None:
    """某某高新技术产业开发区（以下简称“某某高新区”）管委会: the body is 某某高新区管委会."""
    text = "标题\n\n3月1日，宁安高新技术产业开发区（以下简称“宁安高新区”）管委会印发新规。\n"
    found = _entities(tmp_path, text)
    assert found["宁安高新区管委会"]["kind"] == "organisation"


@pytest.mark.parametrize(
    ("sentence", "wanted", "unwanted"),
    [
        ("宁安数联科技有限公司签约金额1.2亿元，建设数字孪生平台华东总部。",
         "数字孪生平台华东总部", "数字孪生平台"),
        ("两家企业分别投资3亿元和2亿元，分别建设储能变流器产业园和关节模组项目。",
         "储能变流器产业园", None),
    ],
)  # fmt: skip
def test_a_works_built_after_a_sum(
    tmp_path: Path, sentence: str, wanted: str, unwanted: str | None
) -> None:
    """A works named after a sum and a verb of building (签约金额…，建设…; 分别建设…和…) is a
    project, under its whole name (a region's head office after a platform's name)."""
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    assert found[wanted]["kind"] == "project"
    assert unwanted not in found


def test_a_building_of_a_phase_is_no_project(tmp_path: Path) -> None:
    """一期厂房明年开工: the building of a phase of the project named before, no project."""
    text = "标题\n\n某某公司投资12亿元建设智能传感器产业园。一期厂房明年3月开工。\n"
    found = _entities(tmp_path, text)
    assert "智能传感器产业园" in found
    assert "一期厂房" not in found


@pytest.mark.parametrize(
    "line", ["（本版编辑：苗雨）", "本版责编：苗雨", "（编辑 苗雨）", "（责任编辑　苗雨）"]
)
def test_a_page_editor_s_line_names_a_person(tmp_path: Path, line: str) -> None:
    found = _entities(tmp_path, f"园区新厂开工\n\n园区一家企业新厂开工。\n\n{line}\n")
    assert found["苗雨"]["kind"] == "person"


def test_a_company_s_staff_are_no_part_of_its_name(tmp_path: Path) -> None:
    """图为某某新材技术人员在调试设备: 技术人员 are people, and 技术 ends no company here."""
    found = _entities(tmp_path, "标题\n\n图为启衡新材技术人员在调试设备。\n")
    assert "启衡新材技术" not in found


def test_a_quoted_name_of_a_way_of_working_is_the_policy(tmp_path: Path) -> None:
    """实行“一企一策”服务机制: the policy is 一企一策, not the words with the quote inside."""
    found = _entities(tmp_path, "标题\n\n园区将对入驻企业实行“一企一策”服务机制。\n")
    assert found["一企一策"]["kind"] == "policy"
    assert not any("”" in name for name in found)


def test_every_item_of_a_list_of_works_after_a_verb_of_building(tmp_path: Path) -> None:
    """建设甲基地、乙中心和丙工厂: each item is a project, not the first alone."""
    text = (
        "标题\n\n宁安启明电子有限公司计划投资8亿元，"
        "建设功率器件封装线、可靠性测试中心和电子浆料工厂。\n"
    )
    found = _entities(tmp_path, text)
    for name in ("功率器件封装线", "可靠性测试中心", "电子浆料工厂"):
        assert found[name]["kind"] == "project"


def test_a_list_of_legal_names_is_no_list_led_by_the_you_of_youxian(tmp_path: Path) -> None:
    """甲有限公司、乙有限公司2家企业: the 有 of 有限公司 leads no list, and 限公司 is no company."""
    text = "标题\n\n考察组走访了宁安启明电子有限公司、宁安禾丰乳业有限公司2家企业。\n"
    found = _entities(tmp_path, text)
    assert "宁安启明电子有限公司" in found and "宁安禾丰乳业有限公司" in found
    assert "限公司" not in found


def test_a_body_named_in_quotes_is_named_by_all_of_it(tmp_path: Path) -> None:
    """共建的“智能网联现代产业学院”: the quoted name, not its last words the tagger sees."""
    text = "标题\n\n今年4月，宁安大学与一家车企共建的“智能网联现代产业学院”揭牌。\n"
    found = _entities(tmp_path, text)
    assert found["智能网联现代产业学院"]["kind"] == "organisation"
    assert "现代产业学院" not in found


def test_a_school_of_a_university_is_no_body_and_its_field_no_company(tmp_path: Path) -> None:
    """宁安学院材料与环境工程学院院长: neither 环境工程学院 nor 宁安学院材料 is a name."""
    text = "标题\n\n宁安学院材料与环境工程学院院长郑若愚说，学院今年扩招。\n"
    found = _entities(tmp_path, text)
    assert "环境工程学院" not in found
    assert "宁安学院材料" not in found
    assert found["郑若愚"]["kind"] == "person"


def test_what_a_first_phase_s_sum_builds_is_the_project_where_none_is_named(
    tmp_path: Path,
) -> None:
    """签约，一期投资4亿元建设…基地: no project is named before, so the phase's works is one."""
    text = (
        "标题\n\n宁安翔宇航空有限公司上月与园区签约，一期投资4亿元建设无人机整机制造基地，"
        "二期将建设飞行测试中心。\n"
    )
    found = _entities(tmp_path, text)
    assert found["无人机整机制造基地"]["kind"] == "project"


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("园区为每个项目配备专员，全程跟踪项目审批和建设。", "全程跟踪项目"),
        ("签约项目中，另有4个项目为文化旅游和现代物流项目。", "现代物流项目"),
    ],
)
def test_projects_in_general_are_no_project(tmp_path: Path, text: str, unwanted: str) -> None:
    """项目审批: the handling of projects; 4个项目为…项目: what kind some of them are."""
    assert unwanted not in _entities(tmp_path, f"标题\n\n{text}\n")


def test_kinds_listed_before_what_companies_run_are_no_companies(tmp_path: Path) -> None:
    """对开通城际物流、医疗配送等航线的企业: the list is of routes, not of companies."""
    text = "标题\n\n对开通城际物流、医疗配送等航线的企业，每条航线奖励10万元。\n"
    found = _entities(tmp_path, text)
    assert not any(k in name for name in found for k in ("物流", "配送"))


def test_a_phase_named_in_the_headline_is_the_project_of_the_text(tmp_path: Path) -> None:
    """海洋装备产业园二期封顶 in the headline, 宁安高新区海洋装备产业园二期项目 in the text: one
    project, its phase part of its name, the zone's name left out in one of its forms."""
    text = (
        "海洋装备产业园二期封顶\n\n"
        "宁安高新区海洋装备产业园二期项目主体结构于5月8日封顶，总投资12亿元。\n"
    )
    projects = [r for r in extracted(tmp_path, text).records if r.get("kind") == "project"]
    assert len(projects) == 1, [p["name"] for p in projects]
    forms = {projects[0]["name"], *projects[0].get("aliases", [])}
    assert {"海洋装备产业园二期", "宁安高新区海洋装备产业园二期项目"} <= forms


def test_a_sentence_opening_with_xiangmu_you_names_the_investor(tmp_path: Path) -> None:
    """…项目昨日开工。项目由某某有限公司投资建设: the investor of the project named before."""
    text = (
        "园区新闻\n\n总投资9亿元的宁安智能装备产业园项目昨日开工。"
        "项目由宁安城建发展有限公司投资建设，预计明年底竣工。\n"
    )
    found = _entities(tmp_path, text)
    (project,) = [r for r in found.values() if r["kind"] == "project"]
    assert project["investor"] == found["宁安城建发展有限公司"]["id"]


def test_a_zone_s_body_named_in_full_and_for_short_is_one_body(tmp_path: Path) -> None:
    """宁安高新区管委会 and 宁安高新技术产业开发区管理委员会: the same body."""
    text = (
        "园区新政出台\n\n来源：宁安高新区管委会\n\n"
        "近日，宁安高新技术产业开发区管理委员会印发新规，自2026年11月1日起施行。\n"
    )
    bodies = [r for r in _entities(tmp_path, text).values() if r["kind"] == "organisation"]
    assert len(bodies) == 1, [b["name"] for b in bodies]
    assert "宁安高新技术产业开发区管理委员会" in bodies[0]["aliases"]


@pytest.mark.parametrize(
    ("sentence", "name", "country", "english"),
    [
        (
            "6月2日，宁安高新区与瑞典霍格伦（Hoglund）签约，投资2亿元建设轴承工厂。",
            "霍格伦",
            "瑞典",
            "Hoglund",
        ),
        ("韩国星汉（Seonghan）在宁安高新区追加投资3000万美元。", "星汉", "韩国", "Seonghan"),
    ],
)
def test_a_country_before_a_short_name_with_its_english_name_is_no_part_of_it(
    tmp_path: Path, sentence: str, name: str, country: str, english: str
) -> None:
    """瑞典霍格伦（Hoglund）: the company 霍格伦, from Sweden, as 瑞典霍格伦在… is read."""
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    assert country + name not in found
    assert found[name]["kind"] == "company"
    assert {english, country + name} <= set(found[name]["aliases"])


@pytest.mark.parametrize(
    ("sentence", "name", "english", "alias"),
    [
        (
            "法国罗兰德（Roland）股份公司在宁安高新区追加投资3亿元。",
            "罗兰德股份公司",
            "Roland",
            "法国罗兰德股份公司",
        ),
        (
            "日本高森（Takamori）株式会社在宁安高新区设立研发中心，投资1亿元。",
            "高森株式会社",
            "Takamori",
            "日本高森株式会社",
        ),
    ],
)
def test_a_latin_name_inside_a_legal_name_and_the_country_before_it(
    tmp_path: Path, sentence: str, name: str, english: str, alias: str
) -> None:
    """法国罗兰德（Roland）股份公司: the legal name 罗兰德股份公司, its English name in the
    brackets and the country before it no part of it; the sum in the sentence is the
    company's."""
    records = extracted(tmp_path, f"标题\n\n{sentence}\n").records
    found = {r["name"]: r for r in records if r["table"] == "entities"}
    assert found[name]["english_name"] == english
    assert alias in found[name]["aliases"]
    assert not any(n.startswith(alias[:2]) for n in found)
    sums = [r for r in records if r["table"] == "facts" and r["kind"] == "investment"]
    assert [r["subject"] for r in sums] == [found[name]["id"]]


def test_a_legal_name_with_a_latin_name_inside_and_a_short_name_after(tmp_path: Path) -> None:
    """…（Roland）股份公司（以下简称“罗兰德”）: the short name defined is the name."""
    found = _entities(
        tmp_path,
        "标题\n\n法国罗兰德（Roland）股份公司（以下简称“罗兰德”）在宁安高新区投资3亿元。\n\n"
        "罗兰德亚太区总裁表示，将继续扩产。\n",
    )
    assert found["罗兰德"]["full_name"] == "罗兰德股份公司"
    assert "Roland" in found["罗兰德"]["aliases"]


def test_a_country_before_a_trade_is_part_of_the_name(tmp_path: Path) -> None:
    """美国铝业（Alumco）: with a trade alone after it, the country is part of the name."""
    found = _entities(tmp_path, "标题\n\n美国铝业（Alumco）在宁安高新区投资2亿元。\n")
    assert found["美国铝业"]["kind"] == "company" and "铝业" not in found


def test_a_class_of_projects_names_no_project(tmp_path: Path) -> None:
    found = _entities(tmp_path, "标题\n\n先进制造类项目有4个，其中2个计划年内开工。\n")
    assert not any(name.endswith("类项目") for name in found)


@pytest.mark.parametrize(
    ("sentence", "project"),
    [
        ("瑞典北岬动力集团将在宁安高新区建设储能变流器华南生产基地，总投资2亿美元。",
         "储能变流器华南生产基地"),
        ("苏州恒川精工有限公司拟在园区设立智能装备区域总部，首期投资5000万元。",
         "智能装备区域总部"),
    ],
)  # fmt: skip
def test_works_built_or_set_up_where_a_company_means_to_are_a_project(
    tmp_path: Path, sentence: str, project: str
) -> None:
    """将在…建设, 拟在…设立: the place said between the intent and the verb of building."""
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    assert found[project]["kind"] == "project"


def test_a_venue_a_zones_field_and_a_copula_make_no_entity(tmp_path: Path) -> None:
    """在宁安经开区企业服务中心举行: the place of a ceremony; 面向钢铁、汽车行业的: a field;
    宁安经开区是国家级经济技术开发区: the copula ends the zone's name."""
    text = (
        "标题\n\n宁安经济技术开发区（以下简称“宁安经开区”）项目推介会在经开区企业服务中心举行。"
        "此次推介项目12个，总投资约40亿元。\n\n"
        "苏州恒川精工有限公司将建设面向钢铁、汽车行业的工业大数据平台。\n\n"
        "宁安经开区是国家级经济技术开发区，规划面积约30平方公里。\n"
    )
    records = extracted(tmp_path, text).records
    found = {r["name"]: r for r in records if r["table"] == "entities"}
    assert not any(name.endswith("企业服务中心") for name in found)
    assert "汽车行业" not in found
    assert not any("是" in name for name in found)
    zone = found["宁安经济技术开发区"]["id"]
    figures = {r["value"]["text"]: r for r in records if r["table"] == "facts" and "value" in r}
    assert figures["12个"]["subject"] == zone
    assert figures["约30平方公里"]["subject"] == zone


@pytest.mark.parametrize(
    "sentence",
    [
        "对固定资产投资2亿元以上的储能应用项目，按投资额的5%给予奖励。",
        "园区将数据中心项目能评、环评等审批时限压缩一半。",
    ],
)
def test_a_kind_of_project_a_policy_names_is_no_project(tmp_path: Path, sentence: str) -> None:
    found = _entities(tmp_path, f"标题\n\n{sentence}\n")
    assert not [name for name, r in found.items() if r["kind"] == "project"]


def test_a_zone_written_before_a_companys_short_name_is_no_part_of_it(tmp_path: Path) -> None:
    text = (
        "一颗芯片的十年\n——记宁安高新区澄芯光电创始人魏思远\n\n"
        "江苏澄芯光电科技有限公司（以下简称“澄芯光电”）今年投产新产线。\n"
    )
    records = extracted(tmp_path, text).records
    found = {r["name"] for r in records if r["table"] == "entities" and r["kind"] == "company"}
    assert found == {"澄芯光电"}


@pytest.mark.parametrize(
    "sentence",
    [
        "宁安启衡光学有限公司董事长邵振华今年52岁，早年在德国从事镜头设计。",
        "启衡光学总经理邵振华现年47岁。",
        "启衡光学创始人邵振华曾在一家外资企业任职。",
        "启衡光学首席技术官邵振华一直在做红外镜头。",
    ],
)
def test_a_name_after_a_role_may_be_followed_by_time_or_stance(
    tmp_path: Path, sentence: str
) -> None:
    """董事长邵振华今年52岁, …曾在…, …一直…: the name after a role ends where a word of time,
    of the past or of stance begins, as it does before a verb of speech."""
    people = {e["name"] for e in _entities(tmp_path, f"园区新闻\n\n{sentence}\n").values()
              if e["kind"] == "person"}  # fmt: skip
    assert people == {"邵振华"}


def test_national_bodies_by_their_own_names(tmp_path: Path) -> None:
    """科学技术部, 工业和信息化部, 北交所: no ending of a body's name makes them out (部 ends a
    company's department too), so they are known by name; a longer name holding one
    (科技部火炬中心) is not cut."""
    text = (
        "园区新闻\n\n近日，科学技术部公布了国家级科技企业孵化器名单。工业和信息化部批复同意建设示范区。"
        "宁安启衡光学有限公司于2024年在北交所上市。科技部火炬中心发布了评价结果。\n"
    )
    bodies = {n for n, e in _entities(tmp_path, text).items() if e["kind"] == "organisation"}
    assert {"科学技术部", "工业和信息化部", "北交所"} <= bodies
    assert "科技部" not in bodies


def test_a_national_body_that_judges_is_not_the_subject(tmp_path: Path) -> None:
    """在科学技术部组织的评价中获评优秀，…孵化企业186家: the figures and the award are the
    incubator's; the ministry only frames them."""
    text = (
        "园区新闻\n\n2026年3月，宁安科创谷在科学技术部组织的国家级科技企业孵化器年度评价中获评优秀，"
        "累计孵化企业186家。\n"
    )
    records = extracted(tmp_path, text).records
    names = {r["id"]: r["name"] for r in records if r["table"] == "entities"}
    facts = [r for r in records if r["table"] == "facts"]
    assert facts and all(names.get(f["subject"]) != "科学技术部" for f in facts)


@pytest.mark.parametrize(
    ("sentence", "works"),
    [
        ("上海弘曜数据科技有限公司拟投资超5亿元建设区域算力服务中心。", "区域算力服务中心"),
        ("多瑙能源公司意向投资1.2亿美元在佛山设立亚洲研发制造中心。", "亚洲研发制造中心"),
        ("宁安光纤公司在宁安高新区新建的光纤预制棒工厂预计明年一季度投产。", "光纤预制棒工厂"),
        ("宁安新材料有限公司将投资8000万元建设红外探测器封装测试线。", "红外探测器封装测试线"),
    ],
)
def test_works_a_sum_builds_or_that_are_newly_built(
    tmp_path: Path, sentence: str, works: str
) -> None:
    """A centre a sum builds (建设…中心, 在…设立…中心) is works, not a body; works described
    as newly built (新建的…工厂) are works; a line for testing (封装测试线) is a line."""
    found = _entities(tmp_path, f"园区新闻\n\n{sentence}\n")
    assert found[works]["kind"] == "project"


def test_a_body_s_works_leave_the_body_and_a_workshop_is_no_project(tmp_path: Path) -> None:
    """总投资12亿元的某某研究院中试基地开工: the works are the 中试基地 of the body, which stays a
    body; 新建的一体化压铸车间里: a workshop of a company's, no project."""
    text = (
        "园区新闻\n\n今年3月，总投资12亿元的宁安中科光电材料研究院中试基地开工建设。"
        "宁安华腾汽配有限公司新建的一体化压铸车间里，压铸机正在运转。\n"
    )
    found = _entities(tmp_path, text)
    assert found["宁安中科光电材料研究院"]["kind"] == "organisation"
    assert not [n for n, e in found.items() if e["kind"] == "project" and "车间" in n]


@pytest.mark.parametrize(
    "body",
    [
        "宁安高新区科技和工业信息化局",
        "宁安高新区人力资源和社会保障局",
        "宁安高新区住房和城乡建设局",
    ],
)
def test_a_bureau_whose_name_joins_two_fields(tmp_path: Path, body: str) -> None:
    """科技和工业信息化局, 人力资源和社会保障局: the 和 inside a bureau's name does not cut it."""
    found = _entities(tmp_path, f"园区新闻\n\n{body}局长卢景川在发布会上介绍了新政。\n")
    assert found[body]["kind"] == "organisation"


def test_a_national_body_begins_no_company(tmp_path: Path) -> None:
    """进入国家药监局创新医疗器械特别审查程序: no company 国家药监局创新."""
    text = (
        "园区新闻\n\n同年12月，宁安澄元医疗的手术导航系统进入国家药监局创新医疗器械特别审查程序。\n"
    )
    found = _entities(tmp_path, text)
    assert not [n for n, e in found.items() if e["kind"] == "company" and n.startswith("国家")]


def test_a_promotion_centre_is_a_body(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n宁安科学城医疗器械产业促进中心相关负责人告诉记者，园区今年新增企业20多家。\n"
    )
    assert _entities(tmp_path, text)["宁安科学城医疗器械产业促进中心"]["kind"] == "organisation"


def test_what_a_company_is_before_its_name_is_not_its_name(tmp_path: Path) -> None:
    """台资企业宁安联茂新材料有限公司: the company is 宁安联茂新材料有限公司; 创始人邵建平深耕…:
    the founder is named before a verb of his working life."""
    text = (
        "园区新闻\n\n台资企业宁安联茂新材料有限公司同日签下增资协议。"
        "创始人邵建平深耕工业污水处理行业十余年。\n"
    )
    found = _entities(tmp_path, text)
    assert found["宁安联茂新材料有限公司"]["kind"] == "company"
    assert found["邵建平"]["kind"] == "person"


def test_works_the_next_words_call_a_project(tmp_path: Path) -> None:
    """…来自位于高新区云飞路的量子计算产业化基地。该项目由玄量科技投资建设: the base is the
    project, and its phase's sum its own."""
    text = (
        "园区新闻\n\n宁安玄量科技有限公司的底气，来自位于高新区云飞路的量子计算产业化基地。"
        "该项目由玄量科技投资建设，总投资32亿元，分两期实施：一期投资12.5亿元，去年6月竣工投用。\n"
    )
    records = extracted(tmp_path, text).records
    names = {r["id"]: (r["kind"], r["name"]) for r in records if r["table"] == "entities"}
    assert ("project", "量子计算产业化基地") in names.values()
    (phase,) = [r for r in records if (r.get("value") or {}).get("text") == "12.5亿元"]
    assert names[phase["subject"]] == ("project", "量子计算产业化基地")


def test_a_legal_name_after_by_begins_at_its_place(tmp_path: Path) -> None:
    """泉州科创谷由泉州科创发展有限公司运营: two names, the body and the company that runs it;
    one company 泉州科创谷由泉州科创发展有限公司 was read."""
    found = _entities(tmp_path, "园区新闻\n\n泉州科创谷由泉州科创发展有限公司运营。\n")
    assert found["泉州科创谷"]["kind"] == "organisation"
    assert found["泉州科创发展有限公司"]["kind"] == "company"


def test_works_measured_by_their_land_are_works(tmp_path: Path) -> None:
    """占地约300亩的寒地装备试验场: a testing ground whose land is given is works."""
    text = "园区新闻\n\n园区正在建设占地约300亩的寒地装备试验场，计划今年11月投用。\n"
    assert _entities(tmp_path, text)["寒地装备试验场"]["kind"] == "project"


@pytest.mark.parametrize(
    "title",
    [
        "宁安高新区新能源汽车产业三年行动计划（2026—2028年）",
        "宁安高新区信创产业发展白皮书（2026）",
        "宁安高新区涉企服务“一件事”清单（2026年版）",
    ],
)
def test_a_document_with_its_years_or_edition_in_brackets(tmp_path: Path, title: str) -> None:
    """《…三年行动计划（2026—2028年）》, 《…白皮书（2026）》: the kind of document stands before
    the bracket; the whole title is its name."""
    found = _entities(tmp_path, f"园区新闻\n\n7月1日，宁安高新区发布《{title}》。\n")
    assert found[title]["kind"] == "policy"


def test_a_quoted_name_inside_a_document_s_title_is_that_document(tmp_path: Path) -> None:
    """《宁安高新区“清源英才”计划实施办法（2026—2028年）》 and later “清源英才”: one policy."""
    text = (
        "园区新闻\n\n3月12日，宁安高新区印发《宁安高新区“清源英才”计划实施办法（2026—2028年）》。"
        "“清源英才”计划每年安排资金2亿元。\n"
    )
    policies = [e for e in _entities(tmp_path, text).values() if e["kind"] == "policy"]
    assert len(policies) == 1 and "清源英才" in policies[0]["aliases"]


@pytest.mark.parametrize(
    "sentence",
    [
        "去年12月，母基金完成首批8支子基金的设立。",
        "截至目前，园区累计集聚基金管理人超过600家。",
        "初创团队还获得区级天使基金支持。",
    ],
)
def test_a_deed_told_of_funds_names_no_body(tmp_path: Path, sentence: str) -> None:
    """母基金完成首批8支子基金, 累计集聚基金…: a run across 完成, 累计, 获得 names no fund."""
    found = _entities(tmp_path, f"园区新闻\n\n宁安高新区消息。{sentence}\n")
    assert not [n for n, e in found.items() if e["kind"] == "organisation" and len(n) > 6]


@pytest.mark.parametrize(
    "company", ["湘潭九华城市建设投资有限公司", "长沙九华建设有限公司", "南通城轨建设发展有限公司"]
)
def test_building_as_a_company_s_trade_is_part_of_its_name(tmp_path: Path, company: str) -> None:
    """由湘潭九华城市建设投资有限公司投资建设的…: 建设 here is the company's trade, not a verb
    before another name; the company was read as 限公司."""
    found = _entities(tmp_path, f"园区新闻\n\n9月26日，由{company}投资建设的产业园一期竣工。\n")
    assert found[company]["kind"] == "company"


def test_works_built_after_a_sum_and_its_conversion_and_a_place(tmp_path: Path) -> None:
    """将投资6800万欧元（约合人民币5.3亿元），在新会经开区建设汽车高压连接器生产基地: the sum, its
    conversion and the place stand between the verb of investing and the works."""
    text = (
        "园区新闻\n\n宁安海茨曼电子连接器有限公司将投资6800万欧元（约合人民币5.3亿元），"
        "在宁安高新区建设汽车高压连接器生产基地。\n"
    )
    assert _entities(tmp_path, text)["汽车高压连接器生产基地"]["kind"] == "project"


def test_a_distance_from_works_of_a_kind_names_no_project(tmp_path: Path) -> None:
    """“选择宁安，是因为这里离海上风电项目近”: no project 里离海上风电项目."""
    text = "园区新闻\n\n“选择宁安，是因为这里离海上风电项目近，产品运过去只要半天。”蒋立新说。\n"
    found = _entities(tmp_path, text)
    assert not [n for n, e in found.items() if e["kind"] == "project"]


def test_a_word_of_time_before_a_zone_is_none_of_its_name(tmp_path: Path) -> None:
    """今年高新区新增…: 今年 opens the sentence; the zone is 高新区, no 今年高新区."""
    text = (
        "年终盘点\n\n宁安高新区今年经济运行平稳。\n\n"
        "今年高新区新增研发平台38个。今年高新区新引进人才1.2万人。\n"
    )
    found = _entities(tmp_path, text)
    assert not [name for name in found if name.startswith("今年")]


def test_a_zone_before_a_legal_name_that_begins_with_a_place(tmp_path: Path) -> None:
    """——记宁安经济技术开发区山东澜川新材料科技有限公司创始人: the zone, then the company's
    own name, which begins with its province."""
    text = (
        "创业故事\n——记宁安经济技术开发区山东澜川新材料科技有限公司创始人邵启明\n\n"
        "山东澜川新材料科技有限公司今年营业收入超过3亿元。\n"
    )
    found = _entities(tmp_path, text)
    assert found["山东澜川新材料科技有限公司"]["kind"] == "company"
    assert "宁安经济技术开发区山东澜川新材料科技有限公司" not in found


def test_a_zones_own_company_keeps_the_zone_in_its_name(tmp_path: Path) -> None:
    text = "园区新闻\n\n宁安高新区投资发展集团有限公司今年完成投资12亿元。\n"
    found = _entities(tmp_path, text)
    assert found["宁安高新区投资发展集团有限公司"]["kind"] == "company"


def test_matters_listed_before_deng_fangmian_are_no_companies(tmp_path: Path) -> None:
    """在用地、用能和人才公寓等方面持续为企业做好保障: matters, not companies."""
    text = (
        "园区新闻\n\n宁安经开区相关负责人表示，经开区将在用地、用能和人才公寓等方面持续为企业"
        "做好保障。\n"
    )
    found = _entities(tmp_path, text)
    assert not [n for n, e in found.items() if e["kind"] == "company"]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("中国石油大学（华东）", "中国石油大学（华东）"),
        ("哈尔滨工业大学（深圳）", "哈尔滨工业大学（深圳）"),
    ],
)
def test_a_universitys_campus_in_brackets_is_of_its_name(
    tmp_path: Path, written: str, name: str
) -> None:
    text = f"人物\n\n2010年，邵启明从{written}博士毕业，进入一家化工企业工作。\n"
    found = _entities(tmp_path, text)
    assert found[name]["kind"] == "organisation"
    assert name.split("（")[0] not in found


def test_a_short_bracket_inside_a_project_name_is_of_it(tmp_path: Path) -> None:
    """中原算力枢纽（高新）数据中心项目 is one project's name, not 中原算力枢纽."""
    text = "园区新闻\n\n宁安算力枢纽（高新）数据中心项目今年开工，总投资52亿元，分两期建设。\n"
    found = _entities(tmp_path, text)
    assert found["宁安算力枢纽（高新）数据中心项目"]["kind"] == "project"
    assert "宁安算力枢纽" not in found


def test_what_a_sum_will_be_used_for_is_no_project_name(tmp_path: Path) -> None:
    text = "园区新闻\n\n宁远新材完成B轮融资3亿元，资金将主要用于二期项目建设。\n"
    found = _entities(tmp_path, text)
    assert not [n for n in found if n.startswith(("用于", "主要用于"))]


def test_two_things_joined_in_one_works_name(tmp_path: Path) -> None:
    """建设氢燃料电池电堆及系统生产基地: what follows 及 is too short a name of its own; the
    works are both things, one name."""
    text = (
        "园区新闻\n\n11月，上海氢川动力科技有限公司与宁安高新区签约，将投资约12亿元建设"
        "氢燃料电池电堆及系统生产基地，一期计划明年投产。\n"
    )
    found = _entities(tmp_path, text)
    assert found["氢燃料电池电堆及系统生产基地"]["kind"] == "project"


@pytest.mark.parametrize(
    ("sentence", "works"),
    [
        # after a verb of building, what follows 及 may be a long name of its own words
        ("将投资6亿元，建设船用螺旋桨及推进系统生产基地。", "船用螺旋桨及推进系统生产基地"),
        # described by its sum: 总投资…的
        ("总投资18亿元的光刻胶及配套试剂产业化基地今年投产。", "光刻胶及配套试剂产业化基地"),
        # a Latin word before 及
        ("计划投资9亿元建设新一代GPU设计及验证基地。", "新一代GPU设计及验证基地"),
    ],
)
def test_long_things_joined_after_a_verb_of_building_are_one_works(
    tmp_path: Path, sentence: str, works: str
) -> None:
    found = _entities(tmp_path, f"园区新闻\n\n5月，宁安微晶材料有限公司{sentence}\n")
    assert found[works]["kind"] == "project"


def test_a_team_and_a_works_after_de_are_not_one_name(tmp_path: Path) -> None:
    """公司的研发团队及智能装备生产基地: no verb of building nor sum before the first thing, so
    the long words after 及 are not joined to it."""
    text = "园区新闻\n\n宁安微晶材料有限公司的研发团队及智能装备生产基地都在园区，基地已投产。\n"
    assert "研发团队及智能装备生产基地" not in _entities(tmp_path, text)


@pytest.mark.parametrize(
    ("sentence", "works"),
    [
        ("计划投资2.5亿元，建设一条车规级电容封装测试线。", "车规级电容封装测试线"),
        ("计划在宁安高新区新建一座千吨级生物基材料工厂。", "千吨级生物基材料工厂"),
        ("增资1.8亿元新上锂电隔膜智能生产线4条。", "锂电隔膜智能生产线"),
    ],
)
def test_one_of_them_is_no_part_of_the_works_name(
    tmp_path: Path, sentence: str, works: str
) -> None:
    """建设一条…测试线, 新建一座…工厂, 新上…生产线: the works are named without 一条 or 一座,
    and 新上 builds as 新建 does."""
    records = extracted(tmp_path, f"园区新闻\n\n5月，宁安微晶材料有限公司{sentence}\n").records
    names = {r["id"]: r for r in records if r["table"] == "entities"}
    (project,) = [e for e in names.values() if e["kind"] == "project"]
    assert project["name"] == works
    money = [r for r in records if r["table"] == "facts" and r["kind"] == "investment"]
    assert all(r["subject"] == project["id"] for r in money)


def test_an_engineer_is_no_works(tmp_path: Path) -> None:
    """可容纳800名工程师的研发楼: 工程 of 工程师 is no ending of works."""
    text = "园区新闻\n\n公司将在园区新建可容纳800名工程师的研发楼，明年动工。\n"
    assert not [n for n in _entities(tmp_path, text) if n.endswith("工程")]


def test_works_described_by_the_start_of_their_building(tmp_path: Path) -> None:
    """前年动工的…创新综合体，今年7月全面投入运营: a complex whose building began is works, and
    what the next sentence measures of the 综合体 is its."""
    text = (
        "园区新闻\n\n2026年12月1日\n\n前年动工的宁安高新区数字经济创新综合体，今年7月全面投入运营。"
        "综合体建筑面积约28万平方米，目前已入驻企业320家。\n"
    )
    records = extracted(tmp_path, text).records
    names = {r["id"]: r for r in records if r["table"] == "entities"}
    (works,) = [e for e in names.values() if e["kind"] == "project"]
    assert works["name"] == "宁安高新区数字经济创新综合体"
    area = next(r for r in records if r.get("value", {}).get("text") == "约28万平方米")
    assert area["subject"] == works["id"]


def test_a_gaoxincheng_is_a_zone(tmp_path: Path) -> None:
    text = "园区新闻\n\n厦门和川生物将在同翔高新城设立华南总部。同翔高新城今年新增企业60家。\n"
    found = _entities(tmp_path, text)
    assert found["同翔高新城"]["kind"] == "zone"


def test_a_construction_bank_keeps_its_name(tmp_path: Path) -> None:
    """中国建设银行宁安分行: 建设 is of the bank's name, no verb that cuts it off."""
    text = "园区新闻\n\n仪式上，中国建设银行宁安分行与宁安高新区签订战略合作协议。\n"
    found = _entities(tmp_path, text)
    assert found["中国建设银行宁安分行"]["kind"] == "organisation"
    assert "银行宁安分行" not in found


def test_a_party_committee_is_no_company(tmp_path: Path) -> None:
    text = "园区新闻\n\n“医药产业是宁安最鲜明的名片。”宁安市委副书记、市长万启航在致辞中说。\n"
    found = _entities(tmp_path, text)
    assert not [n for n, e in found.items() if e["kind"] == "company"]


def test_a_japanese_companys_director_is_a_role_not_a_name(tmp_path: Path) -> None:
    text = (
        "园区新闻\n\n“我们先后考察了6个园区，最终选择这里，”森川制药代表取缔役社长森田健一通过翻译说，"
        "“这里的产业链很完整。”\n"
    )
    found = _entities(tmp_path, text)
    assert "取缔役" not in found and "代表取缔役" not in found


@pytest.mark.parametrize("times", [60, 5000])
def test_a_long_run_of_joined_words_is_read_in_time(tmp_path: Path, times: int) -> None:
    """电堆及系统及电堆及系统…: every way of cutting a run of words joined by 及 was tried
    before a list of companies was given up, and sixty of them never finished; then, each item
    taken at once, the run was still walked to its end from every place in it (5,000: 16 s). A
    hang, not a speed goal: the bound is minutes above what the reading takes."""
    run = "电堆及系统" * times
    assert extracts_within(tmp_path, f"标题\n\n将投资5亿元建设{run}生产基地。\n")


def test_things_a_kind_of_company_makes_are_no_companies(tmp_path: Path) -> None:
    """从事新能源汽车电驱、电池、电控等零部件研发生产的企业: parts made, not companies."""
    text = (
        "政策解读\n\n注册在宁安经开区、从事新能源汽车电驱、电池、电控和热管理等零部件研发生产的企业，"
        "都可以申报。\n"
    )
    found = _entities(tmp_path, text)
    assert not [n for n, e in found.items() if e["kind"] == "company"]


def test_the_year_after_is_no_part_of_a_works_name(tmp_path: Path) -> None:
    text = "园区新闻\n\n2011年，宁远医疗落户园区，次年首条生产线投产。\n"
    found = _entities(tmp_path, text)
    assert not [n for n in found if n.startswith("次年")]


def test_editors_after_who_supplied_the_item(tmp_path: Path) -> None:
    """（某某办公室供稿　编辑：刘思远　审核：许晴）: two people, each with their role."""
    text = (
        "园区简讯\n\n11月3日，宁安高新区新签约项目5个。\n\n"
        "（宁安高新区管委会办公室供稿　编辑：刘思远　审核：许晴）\n"
    )
    found = _entities(tmp_path, text)
    assert (found["刘思远"]["role"], found["许晴"]["role"]) == ("编辑", "审核")


def test_a_park_companies_move_into_is_a_zone(tmp_path: Path) -> None:
    """搬进宁安经开区精密制造产业园, 考察了经开区德山智造产业园: parks of the zone, named as
    places where companies are, not works being built; the move is no part of a name (宁远精密
    搬进宁安经开区 was read as a zone)."""
    text = (
        "园区新闻\n\n2026年5月1日\n\n2018年，宁远精密搬进宁安经开区精密制造产业园，租用了一栋厂房。"
        "客商还实地考察了经开区德山智造产业园。\n"
    )
    found = _entities(tmp_path, text)
    assert found["宁安经开区精密制造产业园"]["kind"] == "zone"
    assert found["德山智造产业园"]["kind"] == "zone"
    assert not [n for n in found if "搬进" in n]


def test_a_park_being_built_is_still_works(tmp_path: Path) -> None:
    text = "园区新闻\n\n宁远集团将投资20亿元建设宁安智能装备产业园，明年开工。\n"
    found = _entities(tmp_path, text)
    assert found["宁安智能装备产业园"]["kind"] == "project"


def test_a_software_park_is_a_zone_and_its_industry_no_company(tmp_path: Path) -> None:
    """2026宁安软件产业大会 names an industry (软件产业), not a company 宁安软件; 宁安软件园 is a
    park of the zone; a chemical park (精细化工园区) too."""
    text = (
        "园区新闻\n\n11月5日，2026宁安软件产业大会在宁安软件园开幕。宁安软件园今年新增企业120家。\n\n"
        "宁远精细化工园区（以下简称“化工园区”）今年新签约项目41个。\n"
    )
    found = _entities(tmp_path, text)
    assert "宁安软件" not in found
    assert found["宁安软件园"]["kind"] == "zone"
    assert found["宁远精细化工园区"]["kind"] == "zone"


def test_a_park_named_with_its_zone_is_also_named_without_it(tmp_path: Path) -> None:
    """搬进宁安经开区光电产业园: the park is 光电产业园 too, as the article may name it later."""
    text = (
        "园区新闻\n\n2026年5月1日\n\n宁安经开区今年新增企业40家。宁远光电今年3月搬进了"
        "宁安经开区光电产业园。光电产业园目前已入驻企业28家。\n"
    )
    records = extracted(tmp_path, text).records
    (park,) = [
        r for r in records if r["table"] == "entities" and r["name"] == "宁安经开区光电产业园"
    ]
    assert park["kind"] == "zone" and "光电产业园" in park.get("aliases", [])
    count = next(r for r in records if r.get("value", {}).get("text") == "28家")
    assert count["subject"] == park["id"]


def test_a_zone_officials_joint_title_names_the_zones_administration(tmp_path: Path) -> None:
    """宁安经开区党工委副书记、管委会主任邵启明: the 管委会 is the zone's (宁安经开区管委会), the
    official's organisation, though the article never prints the two words together."""
    text = (
        "园区新闻\n\n2026年5月1日\n\n宁安经济开发区（以下简称“宁安经开区”）今年新增企业40家。"
        "宁安经开区党工委副书记、管委会主任邵启明说，园区将继续优化服务。\n"
    )
    found = _entities(tmp_path, text)
    body = found["宁安经开区管委会"]
    assert body["kind"] == "organisation" and "管委会" in body.get("aliases", [])
    assert found["邵启明"]["org"] == body["id"]


def test_works_described_as_built_by_their_owner_are_one_name_past_yu(tmp_path: Path) -> None:
    """某某有限公司（以下简称“某某”）投资建设的氢能与储能装备产业化基地: what follows 与 is no
    name of its own; and 某某生产线项目车间内: the project is named up to 项目, the workshop its
    building."""
    text = (
        "园区新闻\n\n2026年11月20日\n\n第一站是宁远重装科技有限公司（以下简称“宁远重装”）投资建设"
        "的船舶与海工装备产业化基地。该项目总投资20亿元。\n\n在宁安精锻有限公司（以下简称“宁安"
        "精锻”）航空叶片精锻生产线项目车间内，两台压机正在调试。该项目总投资5亿元。\n"
    )
    found = _entities(tmp_path, text)
    assert found["船舶与海工装备产业化基地"]["kind"] == "project"
    assert found["航空叶片精锻生产线项目"]["kind"] == "project"


def test_a_park_with_figures_of_its_own_is_a_zone(tmp_path: Path) -> None:
    """宁安光电产业园（以下简称“光电园”）今年实现营业收入…: a park given its companies' figures
    is a place of companies, a zone, where nothing builds it."""
    text = (
        "园区新闻\n\n2026年12月1日\n\n宁安高新区今年实现营业收入900亿元。宁安光电产业园（以下简称"
        "“光电园”）今年实现营业收入172亿元，同比增长15.8%；园区集聚企业236家。\n"
    )
    found = _entities(tmp_path, text)
    park = found["宁安光电产业园"]
    assert park["kind"] == "zone" and "光电园" in park.get("aliases", [])


def test_works_after_a_conversion_given_after_a_comma_are_what_the_sum_builds(
    tmp_path: Path,
) -> None:
    """计划投资5000万美元，折合人民币约3.6亿元，新建一座精密轴承工厂: the works, though no word
    of status follows them; and a park's figures after two words of time (今年前三季度)."""
    text = (
        "园区新闻\n\n2026年11月28日\n\n瑞士赫尔曼精工集团计划投资5000万美元，折合人民币约3.6亿元，"
        "新建一座精密轴承工厂，预计带动就业约400人。\n\n宁安经开区汽车零部件产业园（以下简称"
        "“零部件园”）今年前三季度实现营业收入约210亿元。\n"
    )
    found = _entities(tmp_path, text)
    assert found["精密轴承工厂"]["kind"] == "project"
    park = found["宁安经开区汽车零部件产业园"]
    assert park["kind"] == "zone" and "零部件园" in park.get("aliases", [])


def test_a_company_named_by_its_trade_and_a_bare_gongsi(tmp_path: Path) -> None:
    """园区内的澜舟数据科技公司刚刚完成B轮融资: news names a company by its name, trade and a bare
    公司, no legal form; a kind of company (这家科技公司, 一家新能源汽车公司) and a verb before a
    company (协调电力公司) are none, and the round is the company's."""
    text = (
        "园区新闻\n\n2026年12月1日\n\n宁安高新区数字产业园内的澜舟数据科技公司刚刚完成B轮融资1.5亿元。"
        "这家科技公司成立于2021年。一家新能源汽车公司也在洽谈中。管委会多方协调电力公司保障用电。\n"
    )
    records = extracted(tmp_path, text).records
    found = {r["name"]: r for r in records if r["table"] == "entities"}
    company = found["澜舟数据科技公司"]
    assert company["kind"] == "company"
    assert not any(n.endswith("公司") for n in found if n != "澜舟数据科技公司"), sorted(found)
    facts = [r for r in records if r["table"] == "facts"]
    (round_,) = [r for r in facts if "1.5亿元" in r["evidence"]["quote"]]
    assert round_["subject"] == company["id"]


def test_a_rare_surname_that_is_also_a_word_after_a_role(tmp_path: Path) -> None:
    """副主任那晓川: the tagger reads 那 as no part of the name; right after a role the name goes
    on from it, and the questions and answers of the interview are that person's."""
    text = (
        "园区新闻\n\n2026年4月22日\n\n记者专访了宁安滨江新区管委会副主任那晓川。\n\n"
        "记者：为什么现在出台措施？\n\n那晓川：行业正在洗牌，政府这个时候帮一把，效果最好。\n"
    )
    records = extracted(tmp_path, text).records
    people = [r for r in records if r["table"] == "entities" and r["kind"] == "person"]
    assert [p["name"] for p in people] == ["那晓川"]
    quotes = [r for r in records if r.get("kind") == "quote"]
    assert quotes and all(q["subject"] == people[0]["id"] for q in quotes)


def test_a_legal_name_the_tagger_reads_whole_keeps_its_you(tmp_path: Path) -> None:
    """由宁安滨江国有资本投资运营有限公司出资: the 有 of 国有 is no function word where the
    tagger reads the whole legal name as one organisation's."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年4月22日\n\n基金首期规模20亿元，由宁安滨江国有资本投资运营有限公司出资8亿元。\n",
    )
    assert "宁安滨江国有资本投资运营有限公司" in found
    assert "资本投资运营有限公司" not in found


def test_sentences_about_funds_name_no_fund(tmp_path: Path) -> None:
    """大家很关心产业基金, 一般不超过基金规模的20%: a pronoun or an adverb before 基金 says a
    sentence about funds, not a fund's name; 设立数字文创产业引导基金 names one."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年4月22日\n\n记者：大家很关心产业基金，具体怎么运作？宁安新区设立数字文创产业"
        "引导基金，单个项目投资一般不超过基金规模的20%。\n",
    )
    funds = [name for name in found if name.endswith("基金")]
    assert funds == ["数字文创产业引导基金"], funds


def test_works_the_next_sentence_calls_by_their_kind(tmp_path: Path) -> None:
    """…有限公司（以下简称“冀川重装”）智能矿山装备产业基地。该基地总投资46亿元: works named after
    their owner and taken up as 该基地 with a sum are a project, and the sum is theirs."""
    text = (
        "园区新闻\n\n2026年3月18日\n\n主会场设在河北冀川重型装备有限公司（以下简称“冀川重装”）智能矿山"
        "装备产业基地。该基地总投资46亿元，规划用地约520亩。\n"
    )
    records = extracted(tmp_path, text).records
    found = {r["name"]: r for r in records if r["table"] == "entities"}
    base = found["智能矿山装备产业基地"]
    assert base["kind"] == "project"
    (total,) = [r for r in records if r.get("value", {}).get("text") == "46亿元"]
    assert total["subject"] == base["id"]


def test_with_whom_and_where_make_no_list_of_companies(tmp_path: Path) -> None:
    """公司已与省内两家碳纤维企业签订…: 与 says with whom, 省内 where they are; no companies
    公司已 and 省内."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年3月18日\n\n宁安恒川新材料总经理潘雨说，公司已与省内两家碳纤维企业签订长期"
        "供货协议。\n",
    )
    assert "省内" not in found and "公司已" not in found


def test_a_park_counting_the_projects_that_came_to_it_is_a_zone(tmp_path: Path) -> None:
    """宁安高新区智能终端产业园去年新落地项目31个: the park's count of projects, no status of a
    park being built."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年2月3日\n\n宁安高新区去年实现地区生产总值680亿元。宁安高新区智能终端产业园"
        "去年新落地项目31个，协议投资额186亿元，入驻企业累计达到213家。\n",
    )
    assert found["宁安高新区智能终端产业园"]["kind"] == "zone"


def test_investment_firms_in_a_round_are_companies(tmp_path: Path) -> None:
    """由厦门澜屿资本领投, 老股东…跟投: a firm named by 资本 or 创投 that leads or joins a round."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年7月8日\n\n2023年5月，宁安鲸川智能科技有限公司完成A轮融资1.2亿元，由厦门澜屿"
        "资本领投，宁安高新创投跟投；其余向社会资本募集。\n",
    )
    assert found["厦门澜屿资本"]["kind"] == "company"
    assert found["宁安高新创投"]["kind"] == "company"
    assert "社会资本" not in found


def test_a_founder_named_after_the_zone_and_the_company_is_the_company_s(tmp_path: Path) -> None:
    """——记宁安高新区澜光激光创始人许嘉川: the company named between the zone and the role is whose
    founder he is; 高新区党工委书记 is still the zone's."""
    text = (
        "把光做成刀的人\n——记宁安高新区澜光激光创始人许嘉川\n\n2026年6月10日\n\n"
        "宁安澜光激光科技有限公司（以下简称“澜光激光”）的厂房里很忙。宁安高新区党工委书记周川"
        "来到车间。\n"
    )
    found = _entities(tmp_path, text)
    assert found["许嘉川"]["org"] == found["澜光激光"]["id"]
    assert found["周川"]["org"] in (
        found["宁安高新区"]["id"],
        found.get("宁安高新区党工委", {}).get("id"),
    )


def test_a_paragraph_of_thousands_of_tagged_names_is_read_in_time(tmp_path: Path) -> None:
    """Thousands of names after roles in one paragraph (副主任那晓光、… 12,000 times): each
    name looks up the tagger's words where it stands, not every word of the paragraph (which
    took minutes; a few seconds now)."""
    run = "副主任那晓光、" * 12_000
    assert extracts_within(tmp_path, f"标题\n\n2026年3月1日\n\n{run}\n", seconds=90, tagger=True)


def test_projects_that_weigh_on_a_company_or_of_a_kind_across_the_land_are_none(
    tmp_path: Path,
) -> None:
    """受海外矿山项目延期影响, 国内水利和抽水蓄能工程集中开工, 港口距离项目选址不到20公里:
    no works of the article."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年7月8日\n\n受海外矿山项目延期影响，宁安拓川装备股份有限公司去年营业收入"
        "9.1亿元。今年以来，国内水利和抽水蓄能工程集中开工。“宁安港距离项目选址不到20公里。”\n",
    )
    assert not [name for name, r in found.items() if r["kind"] == "project"], sorted(found)


def test_a_project_named_with_an_abbreviation_in_brackets(tmp_path: Path) -> None:
    """浙江华川新材料有限公司年产3万吨高性能聚偏氟乙烯（PVDF）项目: the bracket is of the name."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年11月26日\n\n11月20日，浙江华川新材料有限公司年产3万吨高性能聚偏氟乙烯（PVDF）"
        "项目建成投产。项目总投资15.6亿元。\n",
    )
    assert found["年产3万吨高性能聚偏氟乙烯（PVDF）项目"]["kind"] == "project"


def test_works_taken_up_by_their_bare_kind_in_the_next_sentence(tmp_path: Path) -> None:
    """…共建的氟硅新材料中试基地。基地总建筑面积约1.8万平方米: works the next sentence opens
    with by their kind, and measures."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年11月26日\n\n宁安高新区与宁安大学共建的氟硅新材料中试基地。基地总建筑面积约"
        "1.8万平方米。\n",
    )
    assert found["氟硅新材料中试基地"]["kind"] == "project"


def test_a_programme_named_in_quotes_before_its_field_and_noun(tmp_path: Path) -> None:
    """2026年度宁安高新区“宁江精英”人才计划入选名单公布: a programme; “1+N”产业政策体系 is a
    framework's slogan, none."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年11月26日\n\n2026年度宁安高新区“宁江精英”人才计划入选名单公布。园区完善"
        "“1+N”产业政策体系。\n",
    )
    assert found["宁江精英"]["kind"] == "policy"
    assert "1+N" not in found


def test_countries_companies_come_from_and_a_kind_before_a_name_are_no_companies(
    tmp_path: Path,
) -> None:
    """来自德国、荷兰、挪威等国的60余家企业; 与宁安本地企业山东岚川…有限公司签署; 荷兰范德堡…公司
    （Van der Berg Port Equipment B.V.）; 把它建成集团在亚太地区的供货中心."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年5月20日\n\n来自德国、荷兰、挪威等国的60余家企业参加推介会。"
        "挪威北川海洋科技公司与宁安本地企业山东岚川海洋牧场发展有限公司签署合资协议。"
        "荷兰范德堡港口装备公司（Van der Berg Port Equipment B.V.）将投资3500万美元。"
        "“我们希望把它建成集团在亚太地区的供货中心。”\n",
    )
    assert "山东岚川海洋牧场发展有限公司" in found
    none = ("德国", "荷兰", "挪威", "来自德国", "建成集团", "它建成集团")
    assert not any(n in found for n in none)
    assert not any(n.startswith("宁安本地企业") for n in found)
    assert found["范德堡港口装备公司"]["kind"] == "company"
    assert "Berg Port Equipment B.V." not in found


def test_a_zone_named_in_full_and_as_its_place_and_kaifaqu_is_one_zone(tmp_path: Path) -> None:
    """宁安经济技术开发区, then 宁安开发区: news writes the kind of a zone for short as 开发区 as
    well as 经开区; one zone, whose figures are all its own."""
    text = (
        "园区新闻\n\n2026年11月3日\n\n记者从宁安经济技术开发区管委会获悉，今年1至9月，宁安开发区完成"
        "固定资产投资186.4亿元。\n"
    )
    found = _entities(tmp_path, text)
    zones = [r for r in found.values() if r["kind"] == "zone"]
    assert [z["name"] for z in zones] == ["宁安经济技术开发区"]
    assert "宁安开发区" in zones[0]["aliases"]


def test_works_said_to_be_under_construction_are_a_project(tmp_path: Path) -> None:
    """鹭川新材第二工厂正在加紧建设。项目总投资18亿元: works of a company said to be being built
    are a project under way, and the sums of the 项目 after are theirs; an aim said so is none."""
    text = (
        "园区新闻\n\n2026年3月18日\n\n眼下，在滨河工业园，鹭川新材第二工厂正在加紧建设。项目总投资18亿元，"
        "占地约260亩。\n\n该区打造区域科技创新中心正在加快建设。\n"
    )
    records = extracted(tmp_path, text).records
    found = {r["name"]: r for r in records if r["table"] == "entities"}
    plant = found["鹭川新材第二工厂"]
    assert (plant["kind"], plant.get("status")) == ("project", "在建")
    (total,) = [r for r in records if r.get("value", {}).get("text") == "18亿元"]
    assert total["subject"] == plant["id"]
    assert not any(r["kind"] == "project" and "创新中心" in name for name, r in found.items())


def test_the_kind_of_company_before_its_name_is_none_of_it(tmp_path: Path) -> None:
    """英国医疗器械企业阿什福德医疗集团: the country and kind of company written before a name
    are no part of it; 企业管理 as a trade in a legal name is."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年3月18日\n\n当天，英国医疗器械企业布莱顿医疗集团宣布追加投资4000万英镑。"
        "本地龙头企业华岳重工集团表示支持，上海佳瑞企业管理有限公司也参与投资。\n",
    )
    assert {"布莱顿医疗集团", "华岳重工集团", "上海佳瑞企业管理有限公司"} <= set(found)
    assert not any(name.endswith("企业布莱顿医疗集团") for name in found)


def test_a_feature_s_subtitle_of_whom_it_tells_begins_the_name_after_ji(tmp_path: Path) -> None:
    """——记某某生物科技有限公司创始人…: 记 (of) begins the subtitle, not the company's name."""
    found = _entities(
        tmp_path,
        "从小实验室到新药工厂\n——记两江新区青岚生物科技有限公司创始人何嘉文\n\n2026年3月18日\n\n"
        "青岚生物今年投资2亿元。\n",
    )
    assert any(name.endswith("青岚生物科技有限公司") for name in found)
    assert not any(name.startswith("记") for name in found)


def test_a_body_named_after_a_verb_of_listing_begins_after_it(tmp_path: Path) -> None:
    """投资方包括滨海产业基金: the fund's name begins after 包括, not at the 方 of 投资方."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年3月18日\n\n华锐软件今年1月完成新一轮融资6亿元，投资方包括滨江产业基金等机构。\n",
    )
    assert "滨江产业基金" in found
    assert not any("包括" in name for name in found)


def test_a_person_called_by_surname_and_title_is_the_one_named_before(tmp_path: Path) -> None:
    """厂长周振华, then 周厂长; 总经理李明远, then 李总: one person each, and their words are
    theirs; 王主任 is not the 副区长 of that surname."""
    text = (
        "园区新闻\n\n2026年3月18日\n\n海岳热管理厂长周振华、华辰材料总经理李明远、副区长王立强出席活动。\n\n"
        "周厂长介绍，产线已全面投产。李总告诉记者：“订单已经排到6月。”王主任表示，园区将继续招商。\n"
    )
    records = extracted(tmp_path, text).records
    people = {r["name"]: r for r in records if r["table"] == "entities" and r["kind"] == "person"}
    assert "周厂长" in people["周振华"].get("aliases", [])
    assert "李总" in people["李明远"].get("aliases", [])
    assert "周厂长" not in people and "李总" not in people
    assert "王主任" not in people["王立强"].get("aliases", [])
    (quote,) = [r for r in records if r.get("kind") == "quote" and "订单" in r.get("text", "")]
    assert quote["subject"] == people["李明远"]["id"]


def test_a_company_and_a_place_heading_works_make_no_other_company(tmp_path: Path) -> None:
    """深圳锐川储能科技有限公司…，锐川储能遵义储能系统集成基地项目正式落户: the company's works at a
    place, whose investor it is; 锐川储能遵义储能 is no second company."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年7月3日\n\n7月3日，遵义高新区与深圳锐川储能科技有限公司签订投资协议，"
        "锐川储能遵义储能系统集成基地项目正式落户。\n",
    )
    assert not any(name.startswith("锐川储能遵义") and r["kind"] == "company"
                   for name, r in found.items())  # fmt: skip
    (works,) = [r for r in found.values() if r["kind"] == "project"]
    assert found["锐川储能"]["id"] == works["investor"]


def test_a_policy_named_by_its_field_and_count_of_articles(tmp_path: Path) -> None:
    """与“鞋服十条”等…重复的: the quoted name is the policy's whole name (与 begins none); a
    name with a quotation inside keeps it closed (信创产业“十条”)."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年7月10日\n\n同一事项与“鞋服十条”等已有政策重复的，按从高不重复原则执行。"
        "新区发布信创产业“十条”，并与22家企业签约。\n",
    )
    policies = {name for name, r in found.items() if r["kind"] == "policy"}
    assert "鞋服十条" in policies
    assert "信创产业“十条”" in policies
    assert not any(name.startswith("同一事项") for name in policies)


def test_a_region_of_china_before_a_trade_is_no_company(tmp_path: Path) -> None:
    """第二届京津冀汽车零部件产业对接会, 长三角新能源…: a region of China, then a field; no
    company 京津冀汽车."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年7月10日\n\n这个项目，是在第二届京津冀汽车零部件产业对接会上签下的。\n",
    )
    assert not any(name.startswith("京津冀") and r["kind"] == "company"
                   for name, r in found.items())  # fmt: skip


def test_a_zone_moved_to_begins_after_the_verb(tmp_path: Path) -> None:
    """把研发中心从天津迁到秦皇岛经开区: the zone is 秦皇岛经开区, whichever verb moves it."""
    for verb in ("迁到", "搬到"):
        found = _entities(
            tmp_path,
            f"园区新闻\n\n2026年7月10日\n\n公司打算把研发中心从天津{verb}秦皇岛经开区。\n",
        )
        zones = {name for name, r in found.items() if r["kind"] == "zone"}
        assert zones == {"秦皇岛经开区"}, verb


def test_a_limited_partnership_is_a_legal_name_and_a_venue_no_company(tmp_path: Path) -> None:
    """济南某某股权投资合伙企业（有限合伙）跟投: a fund's legal form; 签约仪式在唐家湾科技创新中心
    举行: the centre where it is held, no company 唐家湾科技."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年7月10日\n\n6月11日上午，珠海高新区重点项目集中签约仪式在唐家湾科技创新中心举行。"
        "本轮融资由深圳鼎元创业投资管理有限公司领投，济南泓川股权投资合伙企业（有限合伙）跟投。\n",
    )
    assert found["济南泓川股权投资合伙企业（有限合伙）"]["kind"] == "company"
    assert "唐家湾科技" not in found


def test_a_park_where_works_start_is_a_zone_not_the_works(tmp_path: Path) -> None:
    """…的一期产线在淄博经开区新材料产业园投产: the park is where the line starts, a zone; the
    status after it is the line's."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年7月10日\n\n去年3月，瓷川科技年产30万片氮化硅陶瓷基板的一期产线在"
        "淄博经开区新材料产业园投产。\n",
    )
    assert found["淄博经开区新材料产业园"]["kind"] == "zone"


def test_a_count_of_projects_of_a_kind_names_none(tmp_path: Path) -> None:
    """会上，16个新能源产业项目集中签约: many projects of a kind, counted by 个; no project."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年7月10日\n\n会上，16个新能源产业项目集中签约，总投资超200亿元。\n",
    )
    assert not [name for name, r in found.items() if r["kind"] == "project"]


def test_the_owner_of_the_next_works_is_no_investor_of_these(tmp_path: Path) -> None:
    """晶川硅材年产5万吨颗粒硅项目预计6月投产，锐川新能源的N型电池片项目也将开工: 锐川新能源 owns
    the second project, not the first."""
    records = extracted(
        tmp_path,
        "园区新闻\n\n2026年3月26日\n\n晶川硅材年产5万吨颗粒硅项目预计6月投产，锐川新能源的N型高效电池片"
        "项目也将在下半年开工。\n",
    ).records
    found = {r["name"]: r for r in records if r["table"] == "entities"}
    company = found["锐川新能源"]["id"]
    assert found["N型高效电池片项目"].get("investor") == company
    assert found["晶川硅材年产5万吨颗粒硅项目"].get("investor") != company


@pytest.mark.parametrize(
    ("text", "works"),
    [
        # the next sentence calls them a project, after whom it is told by
        ("沈若霖的下一步，是在光明区建设一座万吨级合成生物产品生产基地。据她介绍，项目总投资约12亿元。",
         "合成生物产品生产基地"),
        # an intent to break ground and build
        ("陆星川说，明年我们要在科技城开工建设智能贴片生产基地，计划总投资不低于3亿元。",
         "智能贴片生产基地"),
        # the company's second works of their kind
        ("阿什顿医疗将追加投资4000万英镑，在开发区建设其在亚太地区的第二个微创介入器械生产基地。",
         "微创介入器械生产基地"),
        # a line being tuned
        ("公司的新厂房里，一条硅光芯片封装测试线正在调试。这条总投资约3.2亿元的产线计划年底投产。",
         "硅光芯片封装测试线"),
    ],
)  # fmt: skip
def test_works_named_by_what_is_said_of_them(tmp_path: Path, text: str, works: str) -> None:
    found = _entities(tmp_path, f"园区新闻\n\n2026年3月18日\n\n{text}\n")
    (named,) = [r for name, r in found.items() if name.endswith(works)]  # (万吨级… or not)
    assert named["kind"] == "project"


def test_what_a_phase_mainly_builds_is_no_project_of_its_own(tmp_path: Path) -> None:
    """该项目总投资25亿元，分两期建设，其中一期投资11亿元，主要建设电解槽和储氢容器生产线: the
    works of the project's phase; 主要 is no 要 of an intent."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年3月18日\n\n蜀川氢能装备产业基地项目开工。该项目总投资25亿元，分两期建设，"
        "其中一期投资11亿元，主要建设电解槽和储氢容器生产线，预计明年6月投产。\n",
    )
    assert "电解槽和储氢容器生产线" not in found


@pytest.mark.parametrize(
    "text",
    [
        "在科学技术部国家高新区综合评价中，宁安高新区位列第11位。",
        "在科技部最新公布的国家高新区综合评价结果中，宁安高新区位列全国第41位。",
        "公司已于今年8月向北交所递交上市申请。",
    ],
)
def test_a_national_body_before_what_it_does_is_named(tmp_path: Path, text: str) -> None:
    """科学技术部国家高新区综合评价, 科技部最新公布的…, 向北交所递交…: the body, though a word of
    what it does follows its name at once; 科学技术部火炬中心 stays a body of its own."""
    found = _entities(tmp_path, f"园区新闻\n\n2026年3月18日\n\n{text}\n")
    assert any(r["kind"] == "organisation" and name in text for name, r in found.items())


def test_a_filing_to_an_exchange_is_the_company_s_event(tmp_path: Path) -> None:
    """公司已于今年8月向北交所递交上市申请: the company's deed; the exchange it files to stands
    aside."""
    records = extracted(
        tmp_path,
        "园区新闻\n\n2026年11月18日\n\n宁川海视科技有限公司（以下简称“海视科技”）今年营收有望突破3亿元。"
        "公司已于今年8月向北交所递交上市申请。\n",
    ).records
    names = {r["id"]: r["name"] for r in records if r["table"] == "entities"}
    (event,) = [r for r in records if r.get("kind") == "event" and r["date"] == "2026-08"]
    assert names[event["subject"]] == "海视科技"


def test_a_place_whose_name_holds_a_function_word_begins_its_zone_and_bodies(
    tmp_path: Path,
) -> None:
    """大同经济技术开发区（以下简称“大同经开区”）, 大同经开区产业投资基金: the 同 of 大同 is no
    function word; the zone and its fund begin at 大."""
    found = _entities(
        tmp_path,
        "园区新闻\n\n2026年3月18日\n\n清晨7点，大同经济技术开发区（以下简称“大同经开区”）的一间测试车间里，"
        "指示灯已经亮起。公司完成A轮融资，领投方为云冈资本，大同经开区产业投资基金跟投。\n",
    )
    assert found["大同经济技术开发区"]["kind"] == "zone"
    assert found["大同经开区产业投资基金"]["kind"] == "organisation"
    assert found["云冈资本"]["kind"] == "company"  # the firm a round names as its leader


def test_a_founder_called_by_surname_and_an_honorific(tmp_path: Path) -> None:
    """创始人郑恺川, then 郑总 and 郑博士: the one person of that surname, whatever his role."""
    text = (
        "园区新闻\n\n2026年3月18日\n\n氢川动力创始人郑恺川今年45岁。\n\n"
        "郑总告诉记者：“明年产能还要翻一番。”郑博士说，公司正在招人。\n"
    )
    records = extracted(tmp_path, text).records
    people = {r["name"]: r for r in records if r["table"] == "entities" and r["kind"] == "person"}
    assert set(people) == {"郑恺川"}
    assert {"郑总", "郑博士"} <= set(people["郑恺川"].get("aliases", []))
