"""Figures in running text (``sources/extract/figures.py``): typed by hz's grammar, and the
words that look like figures left out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hightech_cli.sources.extract.assemble import topic_of
from hightech_cli.sources.extract.figures import find_figures


def one(text: str) -> tuple[str, Decimal, str, str, str | None]:
    found = find_figures(text)
    assert len(found) == 1, [f.text for f in found]
    f = found[0]
    return (
        f.text,
        Decimal(str(f.parsed.number)),
        f.parsed.unit,
        f.parsed.qualifier,
        f.parsed.currency,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("园区集聚企业1600余家。", ("1600余家", Decimal(1600), "家", "more_than", None)),
        ("签约金额超2亿元。", ("超2亿元", Decimal(200000000), "元", "more_than", "CNY")),
        ("总投资三十亿元，", ("三十亿元", Decimal(3000000000), "元", "exact", "CNY")),
        ("投资两千五百万元建设", ("两千五百万元", Decimal(25000000), "元", "exact", "CNY")),
        ("首期投资4.5亿美元", ("4.5亿美元", Decimal(450000000), "美元", "exact", "USD")),
        ("可带动就业800人以上", ("800人以上", Decimal(800), "人", "at_least", None)),
        ("产值约20亿元", ("约20亿元", Decimal(2000000000), "元", "about", "CNY")),
        ("配套近百家整机企业", ("近百家", Decimal(100), "家", "nearly", None)),
        ("可检测上百种指标", ("上百种", Decimal(100), "种", "at_least", None)),
        ("千亿元级产业集群", ("千亿元级", Decimal(10**11), "元", "order_of", "CNY")),
        ("最高奖励500万元", ("最高奖励500万元", Decimal(5000000), "元", "at_most", "CNY")),
        ("给予不超过100万元补贴", ("不超过100万元", Decimal(1000000), "元", "at_most", "CNY")),
        ("同比增长１９．４％", ("１９．４％", Decimal("19.4"), "%", "exact", None)),
        ("占比达到百分之三十", ("百分之三十", Decimal(30), "%", "exact", None)),
        ("兑现惠企资金一点八亿元，", ("一点八亿元", Decimal(180000000), "元", "exact", "CNY")),
        ("比重保持在百分之十二以上", ("百分之十二以上", Decimal(12), "%", "at_least", None)),
        ("建筑面积4.6万平方米", ("4.6万平方米", Decimal(46000), "平方米", "exact", None)),
        ("利率低10个百分点", ("10个百分点", Decimal(10), "个百分点", "exact", None)),
        ("配了两条线路", ("两条", Decimal(2), "条", "exact", None)),
        ("35千伏线路", ("35千伏", Decimal(35), "千伏", "exact", None)),
        ("发放400余二、三类注册证", ("400余", Decimal(400), "", "more_than", None)),
        ("压缩至0.5个工作日", ("0.5个工作日", Decimal("0.5"), "个工作日", "exact", None)),
        ("对签约后3个月内未注册的", ("3个月内", Decimal(3), "个月", "at_most", None)),
        ("可在3分钟内完成预授信", ("3分钟内", Decimal(3), "分钟", "at_most", None)),
        ("贷款期限最长可达15年", ("最长可达15年", Decimal(15), "年", "at_most", None)),
        ("项目至少提前了6个月投产", ("至少提前了6个月", Decimal(6), "个月", "at_least", None)),
        ("企业总数突破1800家", ("突破1800家", Decimal(1800), "家", "more_than", None)),
        ("从申请到放款只用了一周", ("一周", Decimal(1), "周", "exact", None)),
        ("每90秒完成一次压铸", ("90秒", Decimal(90), "秒", "exact", None)),
        ("年产高速光模块300万只", ("300万只", Decimal(3000000), "只", "exact", None)),
        ("永磁材料产量约占全国的三成", ("约占全国的三成", Decimal(3), "成", "about", None)),
        (
            "出口额约占全省同类企业总额的两成",
            ("约占全省同类企业总额的两成", Decimal(2), "成", "about", None),
        ),
        ("公司成立近三年", ("近三年", Decimal(3), "年", "nearly", None)),
        ("力争两个月内完成拆迁", ("两个月内", Decimal(2), "个月", "at_most", None)),
        ("总投资约合5亿美元", ("约合5亿美元", Decimal(500000000), "美元", "about", "USD")),
        ("工业投资同比增长-3.2%", ("-3.2%", Decimal("-3.2"), "%", "exact", None)),
        ("营收增长了六倍多", ("六倍多", Decimal(6), "倍", "more_than", None)),
        ("年产电解槽300台套", ("300台套", Decimal(300), "台套", "exact", None)),
        ("员工总数2860人", ("2860人", Decimal(2860), "人", "exact", None)),
        ("总装机容量约400兆瓦时", ("约400兆瓦时", Decimal(400), "兆瓦时", "about", None)),
        ("可开展12类场景测试", ("12类", Decimal(12), "类", "exact", None)),
        ("项目只用了一年半", ("一年半", Decimal("1.5"), "年", "exact", None)),
        ("从签约到开工只用了4个多月", ("4个多月", Decimal(4), "个月", "more_than", None)),
        ("招了十几个应届毕业生", ("十几个", Decimal(10), "个", "more_than", None)),
        ("研发人员占了一半以上", ("一半以上", Decimal(50), "%", "at_least", None)),
        (
            "约占全市集成电路产业的一半",
            ("约占全市集成电路产业的一半", Decimal(50), "%", "about", None),
        ),
        ("能在零下40摄氏度的环境中工作", ("零下40摄氏度", Decimal(-40), "摄氏度", "exact", None)),
        ("电池在-40℃下仍能放电", ("-40℃", Decimal(-40), "°C", "exact", None)),
        ("炉温可达1200℃", ("1200℃", Decimal(1200), "°C", "exact", None)),
        ("能在零下30℃启动", ("零下30℃", Decimal(-30), "°C", "exact", None)),
        ("耐受温度为85°C", ("85°C", Decimal(85), "°C", "exact", None)),
        ("成交价40万元/亩", ("40万元/亩", Decimal(400000), "元/亩", "exact", "CNY")),
        ("楼面价约3280元/平方米", ("约3280元/平方米", Decimal(3280), "元/平方米", "about", "CNY")),
        (
            "| 固定资产投资 | －1.5个百分点 |",
            ("－1.5个百分点", Decimal("-1.5"), "个百分点", "exact", None),
        ),
    ],
)
def test_figures_are_typed_by_the_grammar(text: str, expected: tuple) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年，公司成立。",
        "5月18日上午举行。",
        "世界500强企业落户。",
        "第三届大会开幕。",
        "“十五五”规划开局之年。",
        "5G基站和3D打印。",
        "地铁2号线西延二期。",
        "一批项目密集落地。",
        "建成一家孵化器。",
        "三年前公司只有几个人。",
        "RG-40系列减速器。",
        "“1个链主+N个配套”模式。",
        "融入“10+1”创新型产业体系。",
        "95后工程师。",
        "推出“一件事”改革。",
        "成高管发〔2025〕7号",
        "公司计划在三年内把本地采购比例提高。",
        "园区内企业。",
        "有一天他来到园区。",
        "近三年累计研发投入创新高。",
        "经过近二十年培育。",
        "靠的是离原料近、离客户近这两条。",
        "增速连续保持两位数。",
        "采用RG-40系列减速器。",
        "亏损-5亿元。",
        "几十家企业参加。",
        "公司发布2026年半年度报告。",
        "营业收入排名前四位的企业。",
        "1类创新药获批上市。",
        "三年内，我们要把产品做出来。",
        "用一半时间完成。",
        "上半年新增注册企业，为近四年同期最多。",
        "研究院近两年已孵化企业。",
        "力争五年内建成世界一流园区。",
    ],
)
def test_what_looks_like_a_figure_and_is_not(text: str) -> None:
    assert [f.text for f in find_figures(text)] == []


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("申请材料由15份精简为1份承诺书", "15份", "1份"),
        ("审批时限从5个工作日压减至1个工作日", "5个工作日", "1个工作日"),
        ("良品率从最初的40%提升到92%", "40%", "92%"),
        ("渗透率82%→97%", "82%", "97%"),
        ("团队已从创业时的8人壮大到230人", "8人", "230人"),
        ("系统响应时间从0.8秒缩短到0.3秒", "0.8秒", "0.3秒"),
        ("流失率从最高时的30%降到了现在的6%左右", "30%", "6%左右"),
        ("营业收入由2021年的35亿元增至2025年的61亿元", "35亿元", "61亿元"),
        ("孵化面积从2020年的8万平方米扩大到2025年底的21万平方米", "8万平方米", "21万平方米"),
        ("亩均税收由2023年的28.6万元增至去年的36.2万元", "28.6万元", "36.2万元"),
        ("项目备案时间由4个工作日压缩至半个工作日", "4个工作日", "半个工作日"),
    ],
)
def test_a_change_is_one_figure_with_the_one_before(text: str, before: str, after: str) -> None:
    found = find_figures(text)
    assert [f.text for f in found] == [after]
    assert found[0].before is not None and found[0].before.text == before


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("如今从下单到收货只需半个小时", "0.5", "个小时"),
        ("材料齐全的话仅用半天就能办结", "0.5", "天"),
        ("设备调试周期缩短到半个月", "0.5", "个月"),
    ],
)
def test_half_a_unit_of_time_is_a_figure(text: str, number: str, unit: str) -> None:
    """半个小时, 半天: half of a unit with no numeral before it, 0.5 of the unit."""
    found = find_figures(text)
    assert [(Decimal(str(f.parsed.number)), f.parsed.unit) for f in found] == [
        (Decimal(number), unit)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "下半年将新开工8个项目",
        "园区每半年评估一次",
        "近半年来订单回暖",
        "一聊就是半个小时",
        "半年报显示盈利",
    ],
)
def test_a_half_that_names_a_period_is_no_figure(text: str) -> None:
    assert [f.text for f in find_figures(text) if f.text.startswith("半")] == []


def test_two_figures_of_one_clause_are_not_a_change() -> None:
    found = find_figures("年产能15万台，配套30家企业")
    assert [f.text for f in found] == ["15万台", "30家"]
    assert all(f.before is None for f in found)


@given(
    st.text(
        alphabet="0123456789一二三四五六七八九十百千万亿元美家个%年月日第约超近余多，。、“”5GD号强期批",
        max_size=30,
    )
)
def test_every_figure_is_verbatim_and_typed(text: str) -> None:
    for f in find_figures(text):
        assert text[f.start : f.end] == f.text
        assert f.parsed.qualifier in (
            "exact", "more_than", "at_least", "about", "nearly", "order_of", "at_most"
        )  # fmt: skip
        if f.parsed.currency is not None:
            assert f.parsed.minor == int(Decimal(str(f.parsed.number)) * 100)


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("达产后年销售额可达6亿元。", "达产后年销售额"),
        ("预计税收有望突破8000万元。", "税收"),
        ("基地年产值将达到15亿元。", "基地年产值"),
        ("新增产能3万吨。", "产能"),
        ("达标企业有42家。", "达标企业"),
        ("围绕融资、用地等方面推出9项服务举措。", "服务举措"),
        ("园区新建3条中试线。", "中试线"),
    ],
)
def test_a_figure_s_label_leaves_out_its_verb_and_modal(sentence: str, topic: str) -> None:
    """可达, 有望突破, 将达到 before a figure are no part of its label; 达产, 达标 are; what
    a verb before it makes (推出9项举措) is named after it."""
    (fig,) = find_figures(sentence)
    assert topic_of(sentence, fig, None) == topic


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("项目总投资4亿至6亿元。", 400_000_000, 600_000_000, "元"),
        ("预计年产值4至6亿元。", 400_000_000, 600_000_000, "元"),
        ("单个项目支持2000万-3000万元。", 20_000_000, 30_000_000, "元"),
        ("带动就业300～500人。", 300, 500, "人"),
        ("厂房面积1.5到2万平方米。", 15_000, 20_000, "平方米"),
        ("仓库面积1.5万至2万㎡。", 15_000, 20_000, "平方米"),
        ("增速保持在8%至10%。", 8, 10, "%"),
        ("每台设备售价在8至12万元之间", 80_000, 120_000, "元"),
        ("计划引进30-50家配套企业", 30, 50, "家"),
        ("建设周期两到三年", 2, 3, "年"),
    ],
)
def test_a_range_is_at_least_its_first_end_and_at_most_its_second(
    text: str, low: int, high: int, unit: str
) -> None:
    """Neither end of a range is the figure: the lower end was dropped and the upper one
    read as exact."""
    first, second = find_figures(text)
    assert first.text == second.text and first.text in text
    assert first.rule == second.rule == "figure:range"
    assert (first.parsed.qualifier, first.parsed.number) == ("at_least", low)
    assert (second.parsed.qualifier, second.parsed.number) == ("at_most", high)
    assert first.parsed.unit == second.parsed.unit == unit


@pytest.mark.parametrize("text", ["研发投入从4亿元增至6亿元。", "2024至2026年", "型号RG-40"])
def test_a_change_a_span_of_years_and_a_model_are_no_range(text: str) -> None:
    assert all(f.parsed.qualifier == "exact" for f in find_figures(text))


def test_a_change_from_one_figure_to_another_is_no_range() -> None:
    (f,) = find_figures("床位由200张增加到350张")
    assert (f.text, f.parsed.qualifier, f.before is not None) == ("350张", "exact", True)


@pytest.mark.parametrize(
    ("text", "qualifiers"),
    [
        ("分别给予不超过80万元、40万元的补助", ["at_most", "at_most"]),
        ("营收首次超过5亿元、20亿元、80亿元的企业", ["more_than"] * 3),
        ("产值约3亿元、税收1.2亿元", ["about", "exact"]),
        ("同比分别增长9%、14%", ["exact", "exact"]),
    ],
)
def test_a_qualifier_before_a_list_holds_for_each_item(text: str, qualifiers: list) -> None:
    """Only items joined by 、 to a qualified first item, with nothing of their own between."""
    assert [f.parsed.qualifier for f in find_figures(text)] == qualifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成了数亿元的融资", ("数亿元", Decimal(100000000), "元", "at_least", "CNY")),
        ("吸引数十家企业入驻", ("数十家", Decimal(10), "家", "at_least", None)),
        ("车间里只有9个人，", ("9个人", Decimal(9), "人", "exact", None)),
        ("工人平均年龄28岁", ("28岁", Decimal(28), "岁", "exact", None)),
        ("引进5个人才团队", ("5个", Decimal(5), "个", "exact", None)),
    ],
)
def test_vague_powers_people_and_ages(text: str, expected: tuple) -> None:
    """数亿元 is at least a 亿, as little as it says; 9个人 counts people, 5个人才团队 teams."""
    assert one(text) == expected


@pytest.mark.parametrize(
    "text", ["数一数二的企业", "数十年来坚持研发", "数字经济快速发展", "团队十年如一日地坚持研发"]
)
def test_shu_that_is_no_figure(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("出口额预计达到5亿美元（约合人民币35.6亿元），较去年翻一番", ["5亿美元"]),
        ("投资2000万欧元(约1.6亿元)建设研发中心", ["2000万欧元"]),
        ("总投资1亿元（其中5000万美元为外资）", ["1亿元", "5000万美元"]),
        ("总投资8亿元（约1.1亿美元）", ["8亿元"]),
    ],
)
def test_a_sum_given_again_in_another_currency_is_one_figure(text: str, kept: list[str]) -> None:
    assert [f.text for f in find_figures(text)] == kept


@pytest.mark.parametrize(
    ("text", "conversion", "qualifier"),
    [
        ("出口额预计达到5亿美元（约合人民币35.6亿元）", "约合人民币35.6亿元", "about"),
        ("投资2000万欧元(约1.6亿元)建设研发中心", "约1.6亿元", "about"),
        ("总投资8亿元（约1.1亿美元）", "约1.1亿美元", "about"),
        ("投资1亿美元（折合人民币7.2亿元）", "折合人民币7.2亿元", "exact"),
        ("投资1\u200b亿美元（约合人民币7.2\u200b亿元）", "约合人民币7.2\u200b亿元", "about"),
        ("拟投资3000万美元，折合人民币约2.1亿元，新建厂房", "折合人民币约2.1亿元", "about"),
        ("投资5000万欧元，约合人民币3.9亿元", "约合人民币3.9亿元", "about"),
    ],
)
def test_a_conversion_is_kept_with_the_sum_it_converts(
    text: str, conversion: str, qualifier: str
) -> None:
    (fig,) = find_figures(text)
    assert fig.conversion is not None
    assert fig.conversion.text == conversion
    assert text[fig.conversion.start : fig.conversion.end] == conversion
    assert fig.conversion.parsed.qualifier == qualifier
    assert fig.conversion.parsed.currency != fig.parsed.currency


@pytest.mark.parametrize(
    "text",
    [
        # after a comma a bare 约 opens a sum of its own: no conversion
        "投资3000万美元，约2亿元用于研发",
        # the same currency twice is two sums
        "投资3亿元，折合人民币3亿元",
    ],
)
def test_a_sum_after_a_comma_is_a_conversion_only_by_its_word(text: str) -> None:
    figs = find_figures(text)
    assert len(figs) == 2 and figs[0].conversion is None


def test_a_sum_in_brackets_of_its_own_is_no_conversion() -> None:
    """总投资1亿元（其中5000万美元为外资）: a part of the sum, not the sum again."""
    assert all(f.conversion is None for f in find_figures("总投资1亿元（其中5000万美元为外资）"))


@pytest.mark.parametrize(
    ("text", "figure", "qualifier", "before"),
    [
        ("亏损面约为18%，", "约为18%", "about", None),
        ("外贸企业约占七成", "约占七成", "about", None),
        ("通关时间已经由原来的2天压缩到6小时以内", "6小时以内", "at_most", "2天"),
        ("兑现周期将由过去平均4个月缩短到45天", "45天", "exact", "4个月"),
    ],
)
def test_about_before_a_verb_and_a_change_of_time_units(
    text: str, figure: str, qualifier: str, before: str | None
) -> None:
    (found,) = find_figures(text)
    assert (found.text, found.parsed.qualifier) == (figure, qualifier)
    assert (found.before.text if found.before else None) == before


def test_the_span_a_campaign_is_named_by_is_no_figure() -> None:
    assert find_figures("一是实施“数智大连”三年行动，二是制定五年规划") == []


# A minus as text writes one: ASCII, U+2212, full-width, small, and the hyphens and dashes
# typed for it (增速为—2% read +2 %, and 净利润为－120.5亿元 gave no figure at all).
_SIGNS = ["-", "\u2212", "\uff0d", "\ufe63", "\u2014", "\u2013", "\u2010", "\u2012", "\u2015"]


@pytest.mark.parametrize("sign", _SIGNS)
@pytest.mark.parametrize(
    ("template", "number", "unit", "currency"),
    [
        ("规上工业增加值增速为{}2%", Decimal(-2), "%", None),
        ("同比增长{}3.5个百分点", Decimal("-3.5"), "个百分点", None),
        ("净利润为{}120.5亿元", Decimal(-12050000000), "元", "CNY"),
        ("{}2.1%", Decimal("-2.1"), "%", None),
        ("增速： {}8%", Decimal(-8), "%", None),
        ("最低气温降至{}20℃", Decimal(-20), "°C", None),
    ],
)
def test_a_minus_in_any_form_before_digits_is_a_sign(
    sign: str, template: str, number: Decimal, unit: str, currency: str | None
) -> None:
    text = template.format(sign)
    found = find_figures(text)
    assert len(found) == 1, [f.text for f in found]
    fig = found[0]
    assert fig.text.startswith(sign) and text[fig.start : fig.end] == fig.text
    assert (Decimal(str(fig.parsed.number)), fig.parsed.unit) == (number, unit)
    assert fig.parsed.currency == currency
    if currency is not None:  # the exact amount is negative too
        assert fig.parsed.minor == int(number * 100)


@pytest.mark.parametrize("sign", _SIGNS)
def test_a_dash_between_numbers_is_a_range_not_a_sign(sign: str) -> None:
    ranged = find_figures(f"计划投资3{sign}5亿元")
    assert [(f.parsed.qualifier, f.parsed.number) for f in ranged] == [
        ("at_least", 300000000),
        ("at_most", 500000000),
    ]
    assert all(f.text == f"3{sign}5亿元" for f in ranged)
    assert all(f.parsed.number > 0 for f in find_figures(f"增长5%{sign}8%"))
    assert find_figures(f"2020{sign}2025年") == []  # a span of years
    assert find_figures(f"第一{sign}第三") == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("增长——2%", 2),  # a dash of punctuation, doubled, is no sign
        ("增长＋5%", 5),
        ("增长+5%", 5),
        ("同比增长负2%", -2),  # 负, the word for minus
        ("误差为正负5%", 5),  # plus or minus: no sign of its own
    ],
)
def test_dashes_of_punctuation_and_plus_and_fu(text: str, number: int) -> None:
    assert [f.parsed.number for f in find_figures(text)] == [number]


@pytest.mark.parametrize("sign", ["-", "\u2014", "\uff0d", "负"])
def test_a_signed_number_that_cannot_be_negative_is_no_figure(sign: str) -> None:
    # Read without its sign, —5家 was five firms and 亏损—5亿元 a loss of 5亿元; the ASCII
    # minus was always left out, and so is every other form of it now.
    assert find_figures(f"新增{sign}5家") == []
    assert find_figures(f"亏损{sign}5亿元。") == []


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("营收为1\u200b000万元", 10000000, "元"),
        ("营收为3\u2060.5亿元", 350000000, "元"),
        ("同比增长12\ufeff%", 12, "%"),
        ("营收为１\u200b０００万元", 10000000, "元"),  # full-width digits
        ("营收为一\u200b千万元", 10000000, "元"),  # a Chinese numeral
        ("营收为1\u200d2\u00ad3\u200e4万元", 12340000, "元"),  # joiner, soft hyphen, bidi mark
        ("投资1\u00a0000万元", 10000000, "元"),  # digits grouped by a no-break space
        ("共1\u2009000家", 1000, "家"),  # a thin space
        ("共1\u202f000\u202f000元", 1000000, "元"),  # a narrow no-break space
        ("共１\u00a0０００家", 1000, "家"),
        ("增速为\u200b—2%", -2, "%"),
        ("增速为—\u200b2%", -2, "%"),
    ],
)
def test_invisible_characters_and_group_spaces_do_not_break_a_number(
    text: str, number: int, unit: str
) -> None:
    found = find_figures(text)
    assert len(found) == 1, [f.text for f in found]
    fig = found[0]
    assert (fig.parsed.number, fig.parsed.unit) == (number, unit)
    # The figure's place and text are the paragraph's, its hidden characters kept: evidence
    # quoted from it is verbatim.
    assert text[fig.start : fig.end] == fig.text
    assert fig.text[0] not in "\u200b\u00a0" and fig.text[-1] not in "\u200b\u00a0"


def test_a_change_with_a_hidden_character_keeps_both_places() -> None:
    text = "审批材料由1\u200b5份精简为1份"
    fig = find_figures(text)[0]
    assert fig.before is not None and fig.before.parsed.number == 15
    assert text[fig.before.start : fig.before.end] == fig.before.text == "1\u200b5份"


@pytest.mark.parametrize("text", ["2025\u00a01000家", "共12\u00a034家", "编号1\u00a00000"])
def test_a_space_that_groups_no_thousands_joins_nothing(text: str) -> None:
    # Only a space between a digit and three more (then no digit) groups digits.
    assert all(f.parsed.number != 20251000 and f.parsed.number != 1234 for f in find_figures(text))


@given(
    st.text(
        alphabet="0123456789一二三四五亿万元家%为—–－-\u200b\u00a0\u2009\ufeff，。负",
        max_size=30,
    )
)
def test_figures_with_signs_and_hidden_characters_are_verbatim(text: str) -> None:
    for f in find_figures(text):
        assert text[f.start : f.end] == f.text
        if f.parsed.currency is not None:
            assert f.parsed.minor == int(Decimal(str(f.parsed.number)) * 100)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("总投资 2.6 亿元", [("2.6 亿元", 260000000, "元", "exact")]),
        ("同比增长 12 %", [("12 %", 12, "%", "exact")]),
        ("超 2 亿元", [("超 2 亿元", 200000000, "元", "more_than")]),
        ("企业 3 家、项目 5 个", [("3 家", 3, "家", "exact"), ("5 个", 5, "个", "exact")]),
        ("营收 1\u00a0000 万元", [("1\u00a0000 万元", 10000000, "元", "exact")]),
        ("同比增长12\ufe6a", [("12\ufe6a", 12, "%", "exact")]),  # the small percent sign
        ("2025 年", []),  # a year, spaced or not
        ("近 3 年来", []),
    ],
)
def test_a_space_between_chinese_and_digits_carries_no_meaning(text: str, expected: list) -> None:
    # 总投资 2.6 亿元 (a space each side of the number, as much web text writes it) was no
    # figure at all.
    found = find_figures(text)
    got = [(f.text, f.parsed.number, f.parsed.unit, f.parsed.qualifier) for f in found]
    assert got == expected
    assert all(text[f.start : f.end] == f.text for f in found)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("开发区当天签约9个项目", "9个"),
        ("新工艺可节约15%的用水", "15%"),
        ("双方续签合约两份", "两份"),
        ("园区附近3公里有两所高校", "3公里"),
    ],
)
def test_a_qualifier_that_ends_a_word_qualifies_nothing(text: str, figure: str) -> None:
    """签约9个项目: the 约 of 签约 is no 约 (about) before the count."""
    found = [f for f in find_figures(text) if f.text.endswith(figure[-2:])]
    assert [f.text for f in found][:1] == [figure]
    assert found[0].parsed.qualifier != "about" and found[0].parsed.qualifier != "nearly"


@pytest.mark.parametrize(
    ("text", "figure", "number"),
    [
        ("年营收过亿元的企业有15家", "过亿元", 100000000),
        ("培育营收超亿元企业20家", "超亿元", 100000000),
        ("产值过50亿元的园区", "过50亿元", 5000000000),
    ],
)
def test_more_than_a_bare_or_a_written_sum(text: str, figure: str, number: int) -> None:
    """过亿元, 超亿元: more than one 亿, its 1 unwritten; 过50亿元 as 超50亿元."""
    found = find_figures(text)
    assert (found[0].text, found[0].parsed.number, found[0].parsed.qualifier) == (
        figure,
        number,
        "more_than",
    )


@pytest.mark.parametrize("text", ["我们算过一笔账", "经过3年建设", "通过5项认证"])
def test_the_guo_of_a_verb_is_no_qualifier(text: str) -> None:
    assert all(f.parsed.qualifier == "exact" for f in find_figures(text))


@pytest.mark.parametrize(
    ("text", "figure"),
    [("入驻企业前3年免收租金", "3年"), ("引进的博士，前两年每月发放生活补贴", "两年")],
)
def test_the_first_years_a_benefit_lasts_are_a_figure(text: str, figure: str) -> None:
    """前3年免收租金: the term of a benefit; 今年前5个月 stays a span of the calendar."""
    assert [f.text for f in find_figures(text)][:1] == [figure]


@pytest.mark.parametrize("text", ["今年前5个月订单回暖", "公司前三年每年都在亏损"])
def test_the_first_months_of_the_calendar_are_no_figure(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "figure", "number", "qualifier"),
    [
        ("新工艺的能耗只有原来的四分之一", "四分之一", "0.25", "exact"),
        ("外地员工约占三分之二", "约占三分之二", "0.6667", "about"),
        ("超过三分之一的订单来自海外", "超过三分之一", "0.3333", "more_than"),
        # rounded, a share is about its value; a bound rounds outwards, so it stays true
        ("成本只有三分之一", "三分之一", "0.3333", "about"),
        ("不到三分之二的企业", "不到三分之二", "0.6667", "at_most"),
        ("不足七分之一", "不足七分之一", "0.1429", "at_most"),
        ("超过三分之二的订单", "超过三分之二", "0.6666", "more_than"),
        ("只占八分之一", "八分之一", "0.125", "exact"),
    ],
)
def test_a_fraction_written_out_is_a_share(
    text: str, figure: str, number: str, qualifier: str
) -> None:
    """四分之一: a share, its value to four places and no unit; 百分之 stays a rate."""
    (f,) = find_figures(text)
    assert (f.text, Decimal(str(f.parsed.number)), f.parsed.unit, f.parsed.qualifier) == (
        figure,
        Decimal(number),
        "",
        qualifier,
    )


def test_a_time_of_day_is_no_decimal() -> None:
    """下午三点二十分: a time, not 3.2 nor 32; 三点钟 likewise."""
    for text in ("会议于下午三点二十分开始。", "三点钟准时开工。"):
        assert [f.text for f in find_figures(text)] == []


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("园区新落户企业两三家。", 2, 3, "家"),
        ("入驻团队七八十个。", 70, 80, "个"),
        ("项目可带动就业三四百人。", 300, 400, "人"),
        ("单个项目投资五六千万元。", 50_000_000, 60_000_000, "元"),
    ],
)
def test_two_neighbouring_digits_are_a_range(text: str, low: int, high: int, unit: str) -> None:
    """两三家, 七八十个: from the first digit to the second, in the second's places."""
    found = [(f.parsed.number, f.parsed.qualifier, f.parsed.unit) for f in find_figures(text)]
    assert found == [(low, "at_least", unit), (high, "at_most", unit)]


@pytest.mark.parametrize("text", ["三四月份开工", "一二期项目", "排名第三四名", "企业九十家"])
def test_neighbouring_digits_that_are_no_range(text: str) -> None:
    """Months, phases and ranks are no range; 九十 is ninety."""
    assert all(f.parsed.qualifier == "exact" for f in find_figures(text))


def test_one_and_a_half_times() -> None:
    (fig,) = find_figures("产值增长了一倍半。")
    assert (fig.text, fig.parsed.number, fig.parsed.unit) == ("一倍半", Decimal("1.5"), "倍")


@pytest.mark.parametrize(
    ("text", "figure", "number", "unit", "qualifier"),
    [
        ("项目计划投资两个亿。", "两个亿", 200_000_000, "", "exact"),
        ("去年营收3个多亿元。", "3个多亿元", 300_000_000, "元", "more_than"),
    ],
)
def test_yi_counted_as_a_thing_is_the_number(
    text: str, figure: str, number: int, unit: str, qualifier: str
) -> None:
    """两个亿 is 2亿 (it was read as 两个, a count of 2), a bare number where no 元 says money."""
    (fig,) = find_figures(text)
    assert (fig.text, fig.parsed.number, fig.parsed.unit, fig.parsed.qualifier) == (
        figure,
        number,
        unit,
        qualifier,
    )


def test_the_coming_years_are_a_span_of_time() -> None:
    """今后三年, as 未来三年: a span of time, no figure."""
    assert [f.text for f in find_figures("今后三年将再建两座工厂")] == ["两座"]


def test_the_base_of_a_rate_is_no_figure() -> None:
    """每万人发明专利拥有量达到85件: 万人 is what the rate is per, not ten thousand people."""
    assert [f.text for f in find_figures("每万人发明专利拥有量达到85件。")] == ["85件"]


@pytest.mark.parametrize(
    ("text", "figure", "qualifier"),
    [
        ("总投资约合人民币12亿元", "约合人民币12亿元", "about"),
        ("注册资本约人民币5000万元", "约人民币5000万元", "about"),
        ("投资超过人民币10亿元", "超过人民币10亿元", "more_than"),
        ("注册资本人民币5000万元", "5000万元", "exact"),
    ],
)
def test_a_qualifier_before_the_currency_named_first_is_the_sums(
    text: str, figure: str, qualifier: str
) -> None:
    """约合人民币12亿元: about 12亿元 (it was read as exactly 12亿元, the 约 lost)."""
    (f,) = find_figures(text)
    assert (f.text, f.parsed.qualifier, f.parsed.currency) == (figure, qualifier, "CNY")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公司拟投资人民币5亿建设新厂", ("人民币5亿", Decimal(500_000_000), "元", "exact", "CNY")),
        (
            "合同外资超过美元3000万，",
            ("超过美元3000万", Decimal(30_000_000), "美元", "more_than", "USD"),
        ),
        ("项目总投资人民币3.5亿，", ("人民币3.5亿", Decimal(350_000_000), "元", "exact", "CNY")),
        ("追加投资约欧元800万", ("约欧元800万", Decimal(8_000_000), "欧元", "about", "EUR")),
        (
            "募集资金人民币20余亿",
            ("人民币20余亿", Decimal(2_000_000_000), "元", "more_than", "CNY"),
        ),
    ],
)
def test_a_sum_with_its_currency_first_and_no_yuan_after(text: str, expected: tuple) -> None:
    """人民币5亿: the currency named first says it is money, though no 元 follows."""
    assert one(text) == expected


@pytest.mark.parametrize(
    "text",
    ["美元兑人民币中间价报7.1", "人民币国际化稳步推进", "以美元500计价的合同", "人民币3亿至5亿"],
)
def test_a_currency_named_before_a_small_bare_number_is_no_sum(text: str) -> None:
    """A rate or a price in passing: only a sum in 万 or 亿 is read with no unit after it, and
    not the first end of a range (its second, with no currency, is no sum either)."""
    assert [f for f in find_figures(text) if f.money] == []


@pytest.mark.parametrize(
    ("text", "figure", "number", "unit"),
    [
        ("新建厂房5万㎡，", "5万㎡", 50_000, "平方米"),
        ("研发楼建筑面积1.2万m²", "1.2万m²", 12_000, "平方米"),
        ("展厅约3000㎡", "约3000㎡", 3000, "平方米"),
        ("一期用地12km²", "12km²", 12, "平方公里"),
        ("规划面积约5.6㎢", "约5.6㎢", Decimal("5.6"), "平方公里"),
        ("人才公寓2000平米", "2000平米", 2000, "平方米"),
        ("新增仓储面积8000m2，", "8000m2", 8000, "平方米"),
        ("展厅 3000 ㎡，", "3000 ㎡", 3000, "平方米"),
        ("租金约35元/㎡", "约35元/㎡", 35, "元/平方米"),
    ],
)
def test_an_area_written_with_a_symbol_is_in_square_metres(
    text: str, figure: str, number: int | Decimal, unit: str
) -> None:
    """5万㎡ is 5万平方米 and 12km² twelve square kilometres, the text kept as written
    (km² was read as 12km, a length)."""
    (f,) = find_figures(text)
    assert (f.text, f.parsed.number, f.parsed.unit) == (figure, number, unit)


@pytest.mark.parametrize("text", ["M2余额同比增长8%", "采用m2芯片的整机", "型号XM2000"])
def test_an_m2_that_is_no_area(text: str) -> None:
    """M2 of the money supply, a chip's name and a model number: no area."""
    assert all(f.parsed.unit != "平方米" for f in find_figures(text))


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("每年能招到十二三家配套商。", 12, 13, "家"),
        ("展会上谈成了二十四五个意向。", 24, 25, "个"),
        ("每批带三五家企业去考察。", 3, 5, "家"),
        ("车间新增三五十台机床。", 30, 50, "台"),
        ("一期需要十五六万元启动资金", 150_000, 160_000, "元"),
    ],
)
def test_approximate_counts_said_in_words_are_ranges(
    text: str, low: int, high: int, unit: str
) -> None:
    """十二三家 is twelve or thirteen, 三五家 three to five: a range, as 两三家 is."""
    found = [(f.parsed.number, f.parsed.qualifier, f.parsed.unit) for f in find_figures(text)]
    assert found == [(low, "at_least", unit), (high, "at_most", unit)]
    assert len({f.text for f in find_figures(text)}) == 1


@pytest.mark.parametrize(
    "text",
    [
        "工人们三五成群地讨论。",
        "仓库里乱七八糟。",
        "他十二三岁就开始拆收音机。",
        "两三岁的孩子也能玩。",
        "车间里三四十岁的师傅居多。",
        "“十四五”期间园区持续扩容。",
        "十四五期间园区持续扩容。",
        "十四五规划提出新目标。",
        "排在第十二三位。",
        "十一二月份是旺季。",
    ],
)
def test_words_that_look_like_approximate_counts_and_are_not(text: str) -> None:
    """An idiom, an age, a plan's name, a rank or months: no range, and no figure of a part."""
    assert [f.text for f in find_figures(text)] == []


def test_and_above_and_and_below_are_bounds() -> None:
    """500公斤及以上, 10万吨及以下: that much or more, that much or less."""
    from hightech_cli.sources.extract.figures import find_figures

    found = {
        f.text: f.parsed.qualifier for f in find_figures("载重500公斤及以上、年产10万吨及以下")
    }
    assert found == {"500公斤及以上": "at_least", "10万吨及以下": "at_most"}


@pytest.mark.parametrize(
    ("text", "figure", "qualifier"),
    [
        ("租金按不超过市场价格的70%收取", "不超过市场价格的70%", "at_most"),
        ("按不超过实际投资额的10%给予补助", "不超过实际投资额的10%", "at_most"),
        ("研发投入不低于营业收入的5%", "不低于营业收入的5%", "at_least"),
        ("按设备投资额的10%给予补助", "10%", "exact"),
        ("流失率从最高时的30%降到6%", "30%", "exact"),
    ],
)
def test_a_bound_on_a_share_of_something(text: str, figure: str, qualifier: str) -> None:
    """不超过市场价格的70%: at most 70%, the bound's words part of the figure as written."""
    found = [g for f in find_figures(text) for g in (f.before, f) if g is not None]
    assert (figure, qualifier) in [(f.text, f.parsed.qualifier) for f in found]


@pytest.mark.parametrize(
    ("text", "figure", "unit", "qualifier"),
    [
        ("公司此次全球发售H股1.35亿股", "1.35亿股", "股", "exact"),
        ("在园区租下两间旧厂房", "两间", "间", "exact"),
        ("出口增值达到或超过30%的货物", "达到或超过30%", "%", "at_least"),
    ],
)
def test_shares_rooms_and_a_bound_reached_or_passed(
    text: str, figure: str, unit: str, qualifier: str
) -> None:
    (fig,) = find_figures(text)
    assert (fig.text, fig.parsed.unit, fig.parsed.qualifier) == (figure, unit, qualifier)


def test_kuo_zhi_is_a_change() -> None:
    """年产能由1万吨扩至5万吨: one change, 1万吨 before."""
    (fig,) = find_figures("年产能由1万吨扩至5万吨")
    assert fig.text == "5万吨" and fig.before is not None and fig.before.text == "1万吨"
