"""Quotes and their speakers (``sources/extract/quotes.py``)."""

from __future__ import annotations

from pathlib import Path

from helpers import extracted
from hightech_cli.sources.extract.quotes import find_quotes, read_speaker


def test_a_quote_before_its_speaker() -> None:
    text = "“技术是企业的立身之本，我们始终坚持投入。”小优智能首席执行官郭俊兴说。"
    (q,) = find_quotes(text)
    assert q.text == "技术是企业的立身之本，我们始终坚持投入。"
    assert q.speaker == "小优智能首席执行官郭俊兴"
    assert text[q.start : q.end].startswith("“") and text[q.start : q.end].endswith("说。")


def test_a_speaker_before_a_colon() -> None:
    (q,) = find_quotes("公司总经理王立表示：“明年产能将翻番，订单已经排满。”")
    assert q.speaker == "公司总经理王立"
    assert q.text.startswith("明年产能将翻番")


def test_a_quote_broken_by_its_speaker_is_one_quote() -> None:
    (q,) = find_quotes("“园区的服务很到位，”李明笑着说，“我们决定追加投资。”")
    assert q.text == "园区的服务很到位，我们决定追加投资。"
    assert q.speaker == "李明"


def test_reported_speech_of_a_named_person() -> None:
    (q,) = find_quotes("据张华介绍，公司研发团队已扩大到200人。")
    assert q.speaker == "张华" and q.rule == "quote:reported"
    assert q.text.startswith("公司研发团队")


def test_a_quoted_name_is_no_quote() -> None:
    assert find_quotes("推出“高新贷”服务，实现“一次办”。") == []


def test_speaker_parts() -> None:
    s = read_speaker("华擎零部件总经理孙启航")
    assert (s.org, s.role, s.name) == ("华擎零部件", "总经理", "孙启航")
    s = read_speaker("新区相关负责人")
    assert (s.role, s.name) == ("相关负责人", "")
    assert read_speaker("他").name == "他"


def test_a_quote_opened_by_its_speaker_ends_its_sentence() -> None:
    """X表示：“……。” names its speaker before: what follows is not X saying it again, and
    据了解 / 据介绍 name no one."""
    text = (
        "研究院院长周岚指出：“材料是整条产业链的底座，我们要把基础打牢。”"
        "据了解，研究院已建成中试线3条，聚集科研人员150余名。"
    )
    (q,) = find_quotes(text)
    assert q.speaker == "研究院院长周岚" and q.rule == "quote:before"
    assert q.text == "材料是整条产业链的底座，我们要把基础打牢。"
    assert text[q.start : q.end].endswith("”")
    assert find_quotes("据介绍，园区今年新增孵化企业60家，毕业企业12家。") == []


def test_an_interview_answer_is_a_quote_of_the_person_introduced() -> None:
    (q,) = find_quotes("周岚：我们明年会再建两条中试线，研发人员增加到200人。")
    assert (q.speaker, q.rule) == ("周岚", "quote:interview")
    assert q.text.startswith("我们明年")
    assert find_quotes("记者：企业下一步有什么打算？") == []
    (answer,) = find_quotes("答：我们会继续加大研发投入力度。")
    assert (answer.rule, answer.text) == ("quote:answer", "我们会继续加大研发投入力度。")


def test_answers_are_quotes_of_the_one_interviewed(tmp_path: Path) -> None:
    """问：… 答：…: the answers are what the person the reporter interviewed said (记者专访了
    …局长某某); with no one so introduced, an answer is no one's quote."""
    body = (
        "问：为什么现在出台这项政策？\n\n答：生物医药是全区的当家产业，去年产值约480亿元。\n\n"
        "问：企业如何申请？\n\n答：企业可以在线提交材料，20个工作日内完成审核。\n"
    )
    intro = "新政出台后，记者专访了宁安新区科技创新局局长邵明远。\n\n"
    records = extracted(tmp_path, f"政策解读\n\n2026年3月17日\n\n{intro}{body}").records
    people = {r["id"]: r["name"] for r in records if r.get("kind") == "person"}
    quotes = [r for r in records if r["table"] == "facts" and r["kind"] == "quote"]
    assert [people[q["subject"]] for q in quotes] == ["邵明远", "邵明远"]
    assert quotes[0]["text"].startswith("生物医药是全区的当家产业")
    (tmp_path / "b").mkdir()
    unknown = extracted(tmp_path / "b", f"政策解读\n\n2026年3月17日\n\n{body}").records
    assert not [r for r in unknown if r["table"] == "facts" and r["kind"] == "quote"]


def test_an_interview_answer_speaks_for_the_person_s_company(tmp_path: Path) -> None:
    """马某：我们计划投资…: the person named before says it, for the company; a 某某： that
    names no one introduced (高新区：, 王某：) is no quote."""
    records = extracted(
        tmp_path,
        "标题\n\n2025年3月2日\n\n苏州澄湖智造有限公司董事长周岚介绍了企业的情况。\n\n"
        "记者：企业下一步有什么打算？\n\n周岚：我们计划投资6亿元建设新工厂。\n\n"
        "高新区：全年新增高新技术企业300家，增长12%。\n",
    ).records
    people = {
        r["id"]: r["name"] for r in records if r["table"] == "entities" and r["kind"] == "person"
    }
    assert list(people.values()) == ["周岚"]
    quotes = [r for r in records if r["table"] == "facts" and r["kind"] == "quote"]
    assert [people[q["subject"]] for q in quotes] == ["周岚"]
    (sum_,) = [r for r in records if r["table"] == "facts" and r["kind"] == "investment"]
    assert sum_["subject"].startswith("company:")


def test_a_quote_broken_by_a_verb_with_shuo_after_it_is_one_quote() -> None:
    """回忆说, 感慨道: the verb and its 说 both stand between the two parts."""
    (q,) = find_quotes("“那年冬天厂房还没有暖气，”总工程师赵一帆回忆道，“大家裹着棉衣调设备。”")
    assert q.text == "那年冬天厂房还没有暖气，大家裹着棉衣调设备。"
    assert q.speaker == "总工程师赵一帆"


def test_listed_roles_are_one_role_and_the_body_is_before_them() -> None:
    s = read_speaker("企业联合创始人、总裁程蔚", ["程蔚"])
    assert (s.org, s.role, s.name) == ("企业", "联合创始人、总裁", "程蔚")


def test_an_interview_of_the_person_the_title_names(tmp_path: Path) -> None:
    """访…副主任某某 at the end of the title introduces the person; an answer that quotes a
    term (“研发飞地”) is still the answer."""
    records = extracted(
        tmp_path,
        "访谈｜把“研发飞地”建到长三角——访宁安高新区管委会副主任周立刚\n\n2025年3月2日\n\n"
        "记者：今年有哪些新做法？\n\n周立刚：我们在上海设立了2个“研发飞地”，入驻企业36家。\n",
    ).records
    people = [r for r in records if r["table"] == "entities" and r["kind"] == "person"]
    assert [(p["name"], p["role"]) for p in people] == [("周立刚", "副主任")]
    quotes = [r for r in records if r["table"] == "facts" and r["kind"] == "quote"]
    assert [q["subject"] for q in quotes] == [people[0]["id"]]


def test_what_a_role_holder_does_is_no_name(tmp_path: Path) -> None:
    assert read_speaker("财政局相关负责人在回答记者提问时").name == ""
    assert read_speaker("管委会主任鲜于明远").name == "鲜于明远"
    text = (
        "园区新闻\n\n石家庄高新区财政局相关负责人在回答记者提问时表示："
        "“这些措施每年需要的资金预计在3亿元左右。”\n"
    )
    records = extracted(tmp_path, text).records
    assert not [r for r in records if r["table"] == "entities" and r["kind"] == "person"]
    (quote,) = [r for r in records if r.get("kind") == "quote"]
    assert quote["subject"].startswith("organisation:") and quote["speaker"] == "相关负责人"


def test_a_quote_that_is_a_sentence_goes_on_from_the_speaker_before() -> None:
    text = (
        "园区管委会主任王立新介绍，园区现有企业90余家。“这样的企业，是我们打造产业集群的重要力量。”"
    )
    (reported, quote) = find_quotes(text)
    assert quote.text == "这样的企业，是我们打造产业集群的重要力量。"
    assert quote.speaker == reported.speaker == "园区管委会主任王立新"
    alone = find_quotes("园区现有企业90余家。“这样的企业，是我们的重要力量。”")
    assert alone == []


def test_a_saying_is_the_quote_of_the_one_it_is_said_of(tmp_path: Path) -> None:
    text = (
        "园区人物\n\n2015年，韩志远回到家乡创办了晶朗光电。“别人能做，我们为什么不能做？”"
        "这是韩志远那几年常挂在嘴边的一句话。\n\n每年新员工入职，韩志远都要亲自讲第一课，"
        "内容只有一句话：“把每一片滤光片当成最后一片来做。”\n"
    )
    records = extracted(tmp_path, text).records
    people = {r["id"]: r["name"] for r in records if r["table"] == "entities"}
    said = [(people.get(r["subject"]), r["text"]) for r in records if r.get("kind") == "quote"]
    assert said == [
        ("韩志远", "别人能做，我们为什么不能做？"),
        ("韩志远", "把每一片滤光片当成最后一片来做。"),
    ]


def test_a_speaker_who_talks_while_doing_something_else() -> None:
    text = "“订单已经排到了明年三月。”启辰新材董事长顾长林一边查看生产线，一边告诉记者。"
    (q,) = find_quotes(text)
    assert q.text == "订单已经排到了明年三月。" and read_speaker(q.speaker).name == "顾长林"


def test_a_speaker_before_a_colon_without_a_verb_of_speech() -> None:
    text = "对于未来，顾长林很有信心：“明年我们计划再上两条生产线，产值争取突破15亿元。”"
    (q,) = find_quotes(text)
    assert q.speaker == "顾长林很有信心" and q.rule == "quote:colon"
    assert read_speaker(q.speaker, ["顾长林"]).name == "顾长林"


def test_a_signs_words_are_nobodys_quote() -> None:
    text = "走进车间，墙上的横幅写着：“质量是企业的生命，安全是员工的保障。”"
    assert find_quotes(text) == []


def test_a_speaker_after_a_clause_of_when_who_sums_it_up() -> None:
    """“……。”在回答记者提问时，X这样概括…: the speaker is X, after the clause of when."""
    text = (
        "“先把配套补齐，再谈规模扩张。”在回答记者提问时，"
        "宁安新区招商局局长柯明远这样总结今年的打法。"
    )
    (q,) = find_quotes(text)
    assert q.text == "先把配套补齐，再谈规模扩张。"
    assert read_speaker(q.speaker).name == "柯明远"


def test_what_a_named_person_recalls_is_reported_speech() -> None:
    (q,) = find_quotes("柯明远回忆，园区刚起步时只有三家企业，道路都没有修通。")
    assert q.speaker == "柯明远" and q.rule == "quote:reported"
    assert q.text.startswith("园区刚起步时")


def test_what_a_speaker_goes_on_to_report_starts_after_the_comma() -> None:
    """“……。”X介绍，去年……。: the reported part's place in the text is its words, not the
    comma before them (the evidence quote began with ，)."""
    text = "“企业有需要，我们就上门。”园区服务局局长陈岚介绍，去年全区走访企业六百余家。"
    reported = [q for q in find_quotes(text) if q.rule == "quote:reported"]
    assert [text[q.start : q.end] for q in reported] == ["去年全区走访企业六百余家。"]


def test_a_body_that_reports_names_no_person(tmp_path: Path) -> None:
    """据宁安高新区发展和改革局介绍: the body reports; its first characters were read as a
    person's name (宁安高), an entity that does not exist."""
    for stretch in ("宁安高新区发展和改革局", "宁安高新区管委会", "宁安市人民政府"):
        read = read_speaker(stretch)
        assert (read.org, read.name) == (stretch, "")
    text = "园区新闻\n\n据宁安高新区发展和改革局介绍，园区今年新增项目12个。\n"
    people = [r for r in extracted(tmp_path, text).records if r.get("kind") == "person"]
    assert people == []


def test_speakers_named_in_latin_letters_or_for_a_region(tmp_path: Path) -> None:
    """首席执行官Thomas Krellmann在签约后说 names Thomas Krellmann; 大元精密中国法人代表金相勋 is
    大元精密's legal representative; the figures of their speech (我们…) are their company's,
    found by the word the speaker uses for it (克勒曼, 大元精密)."""
    read = read_speaker("克勒曼首席执行官Thomas Krellmann在签约后")
    assert (read.org, read.role, read.name) == ("克勒曼", "首席执行官", "Thomas Krellmann")
    read = read_speaker("大元精密中国法人代表金相勋")
    assert (read.role, read.name) == ("法人代表", "金相勋")
    text = (
        "园区新闻\n\n德国克勒曼精密机械有限公司与宁安高新区签约。\n\n"
        "“去年我们在华销售额增长了约22%。”克勒曼首席执行官Thomas Krellmann在签约后说。\n"
    )
    records = extracted(tmp_path, text).records
    names = {r["id"]: r["name"] for r in records if r["table"] == "entities"}
    (fig,) = [r for r in records if (r.get("value") or {}).get("text") == "约22%"]
    assert names[fig["subject"]] == "德国克勒曼精密机械有限公司"


def test_a_short_opening_broken_by_its_speaker_is_one_quote() -> None:
    """“拿证不是终点，”她说，“……。”: the opening part is too short to be speech alone, but its
    speaker breaks it; one quote of both parts."""
    (q,) = find_quotes("“拿证不是终点，”她说，“我们想让县医院的医生也用得起国产手术机器人。”")
    assert q.text == "拿证不是终点，我们想让县医院的医生也用得起国产手术机器人。"
    assert q.speaker == "她"


def test_a_speaker_after_a_clause_of_what_is_talked_about() -> None:
    """“……。”说起创业经历，某某创始人邵晨阳感慨万千: the clause before the speaker says what
    they speak of; the speaker is named after it."""
    text = (
        "“我们十年前来的时候，整个团队不到50人，租了半层写字楼。”"
        "说起创业经历，麒芯科技创始人邵晨阳感慨万千。"
    )
    (q,) = find_quotes(text)
    assert read_speaker(q.speaker).name == "邵晨阳"


def test_this_role_holder_speaks_for_the_body_named_with_the_role_before(
    tmp_path: Path,
) -> None:
    """据宁安高新区经济发展局相关负责人介绍…。“…”这位负责人说: the quote is the bureau's, whose
    role-holder the paragraph named before, not the zone's."""
    text = (
        "园区新闻\n\n2026年5月1日\n\n据宁安高新区经济发展局相关负责人介绍，今年园区新增企业40家。"
        "“像宁远光电这样的企业，是我们最看重的。”这位负责人说。\n"
    )
    records = extracted(tmp_path, text).records
    names = {r["id"]: r["name"] for r in records if r["table"] == "entities"}
    (quote,) = [r for r in records if r.get("kind") == "quote"]
    assert names[quote["subject"]] == "宁安高新区经济发展局"


def test_speakers_one_after_another_hold_no_rest_of_the_sentence(tmp_path: Path) -> None:
    """某某说，某某说，… 300 times in a sentence with no stop: each reported speech ran to the
    sentence's end, so the quotes held the rest of it each (66 KB in, 595 MB out at 3,000).
    A speech ends where the next speaker's words begin; an empty one is none."""
    run = "宁安经开区党工委副书记、管委会主任邵启明说，" * 300
    records = extracted(tmp_path, f"标题\n\n2026年3月1日\n\n{run}园区今年新增企业40家。\n").records
    said = [r for r in records if r.get("kind") == "quote"]
    assert len(said) == 1 and said[0]["text"].endswith("园区今年新增企业40家。")
    assert len(said[0]["text"]) < 100


def test_a_quote_then_words_describing_its_speaker_by_role() -> None:
    """“……。”站在产线旁的某某厂长周振华嗓子有些哑: no verb of speech, yet the one described,
    named by role, said it; a plain description after a slogan names no one."""
    (q,) = find_quotes(
        "“从打下第一根桩到第一台产品下线，我们用了不到一年。”"
        "站在产线旁的海川热管理厂长周振华嗓子有些哑。"
    )
    assert read_speaker(q.speaker, ["周振华"]).name == "周振华"
    assert q.text.startswith("从打下第一根桩")
    assert find_quotes("“一件事一次办”改革全面推行。园区企业普遍叫好。") == []


def test_a_quote_after_a_colon_in_a_sentence_a_person_opens() -> None:
    """刘思宇跨上车，回头看了一眼灯火通明的车间：“……。”: the one the sentence opens with."""
    (q,) = find_quotes(
        "刘思宇跨上车，回头看了一眼灯火通明的车间：“等二期建起来，我想去考个设备工程师。”"
    )
    assert q.speaker == "刘思宇"
    assert q.text.startswith("等二期建起来")
