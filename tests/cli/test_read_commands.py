"""The commands through Typer's test runner: exit codes, JSON shapes, stderr, tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hightech_cli import __version__
from hightech_cli.cli.app import app
from hightech_cli.text import normalize

runner = CliRunner()


def run(*args: str, **env: str) -> Any:
    return runner.invoke(app, list(args), env=env or None)


def ok_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


COMMANDS = [
    "company",
    "companies",
    "projects",
    "people",
    "policies",
    "stats",
    "search",
    "source",
    "timeline",
    "zone",
    "check",
    "export",
    "import",
    "init",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "hz " in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"hz {__version__}"


def test_no_command_shows_help() -> None:
    result = run()
    assert result.exit_code == 0
    assert "company" in result.stdout and "projects" in result.stdout


# ----------------------------------------------------------------------------- company


def test_company_card_json() -> None:
    card = ok_json("company", "小优智能")
    assert card["id"] == "company:xiaoyou"
    assert card["full_name"] == "青岛小优智能科技有限公司"
    topics = {f["topic"]: f for f in card["facts"]}
    assert topics["行业覆盖"]["value"]["qualifier"] == "more_than"
    assert topics["行业覆盖"]["evidence"]["paragraph"] == 12
    assert [p["name"] for p in card["people"]] == ["郭俊兴"]
    assert card["quotes"][0]["text"].startswith("技术是企业的立身之本")


def test_company_card_table_shows_evidence_paragraphs() -> None:
    result = run("company", "小优智能")
    assert result.exit_code == 0
    for text in ("青岛小优智能科技有限公司", "8秒钟", "超过95%", "¶12", "郭俊兴"):
        assert text in result.stdout
    assert "\x1b[" not in result.stdout


def test_company_with_sources_adds_the_quote() -> None:
    result = run("company", "润扬环境", "--sources")
    assert result.exit_code == 0
    assert "预计能带来约100万元的利润" in result.stdout


def test_company_links_policies_and_projects() -> None:
    card = ok_json("company", "润扬环境")
    assert {p["name"] for p in card["policies"]} >= {"高新贷", "科技型企业全生命周期风险补偿贷款"}
    az = ok_json("company", "AstraZeneca")
    assert [p["name"] for p in az["projects"]] == ["阿斯利康吸入气雾剂生产基地"]
    assert az["quotes"][0]["subject"]["name"] == "邵婕"


def test_unknown_company_exits_1_with_a_hint() -> None:
    result = run("company", "小尤智能")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "小尤智能" in result.stderr and "小优智能" in result.stderr


def test_ambiguous_company_lists_candidates_and_exits_1() -> None:
    result = run("company", "生物")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    for name in ("汉唐生物", "奥克生物", "海尔生物", "易邦生物"):
        assert name in result.stderr


# ----------------------------------------------------------------------------- lists


def test_companies_list() -> None:
    rows = ok_json("companies")
    assert len(rows) == 10
    assert all(r["industry"] and r["summary"] for r in rows)


def test_projects_min_invest_plain_chinese_amount() -> None:
    rows = ok_json("projects", "--min-invest", "2亿")
    names = [r["name"] for r in rows]
    assert names == [
        "阿斯利康吸入气雾剂生产基地",
        "长木谷医用人工智能与手术机器人高端医疗装备产业基地项目",
        "青岛康复医疗器械CDMO平台",
    ]
    az = rows[0]
    assert az["measure"] == "cumulative"
    assert {a["basis"] for a in az["amounts"]} == {"first", "cumulative"}
    first = next(a for a in az["amounts"] if a["basis"] == "first")
    assert first["value"] == {
        "text": "4.5亿美元",
        "number": 450000000,
        "unit": "美元",
        "qualifier": "exact",
        "currency": "USD",
        "minor": 45000000000,
    }
    assert first["converted"]["currency"] == "CNY"
    assert isinstance(first["converted"]["minor"], int)


def test_projects_bounds_are_inclusive() -> None:
    assert [
        r["name"] for r in ok_json("projects", "--min-invest", "5亿", "--max-invest", "5亿")
    ] == ["长木谷医用人工智能与手术机器人高端医疗装备产业基地项目"]
    assert ok_json("projects", "--min-invest", "2.6亿元", "--max-invest", "2.6亿")[0]["name"] == (
        "青岛康复医疗器械CDMO平台"
    )


def test_projects_nothing_matches_is_an_empty_array() -> None:
    assert ok_json("projects", "--min-invest", "1000亿") == []
    result = run("projects", "--min-invest", "1000亿")
    assert result.exit_code == 0


def test_projects_by_company_and_sort() -> None:
    rows = ok_json("projects", "--company", "长木谷")
    assert [r["investor"]["name"] for r in rows] == ["长木谷"]
    # pinyin order (a, chang, qing, quan), not code-point order (全 长 阿 青)
    by_name = [r["name"][:2] for r in ok_json("projects", "--sort", "name")]
    assert by_name == ["阿斯", "长木", "青岛", "全自"]
    by_investor = [
        (r.get("investor") or {}).get("name") for r in ok_json("projects", "--sort", "investor")
    ]
    assert by_investor == ["阿斯利康", "长木谷", "汉唐生物", None]


def test_projects_table_shows_original_and_converted() -> None:
    result = run("projects")
    assert result.exit_code == 0
    assert "4.5亿美元 (≈31.9亿元)" in result.stdout
    assert "2.6亿元" in result.stdout


def test_projects_chart() -> None:
    result = run("projects", "--chart")
    assert result.exit_code == 0
    assert "█" in result.stdout and "阿斯利康吸入气雾剂生产基地" in result.stdout


@pytest.mark.parametrize(
    "bounds",
    [("5亿", "1亿"), ("5亿", "4.99亿"), ("1亿美元", "1亿"), ("20000万", "1.99亿")],
)
def test_a_min_invest_above_the_max_invest_is_a_usage_error(bounds: tuple[str, str]) -> None:
    low, high = bounds
    result = run("projects", "--min-invest", low, "--max-invest", high, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "is more than --max-invest" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_equal_bounds_are_one_amount() -> None:
    assert len(ok_json("projects", "--min-invest", "5亿", "--max-invest", "5亿")) == 1


@pytest.mark.parametrize("bad", ["abc", "-5亿", "亿", "nan", ""])
def test_bad_amount_is_a_usage_error(bad: str) -> None:
    result = run("projects", "--min-invest", bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "--min-invest" in result.stderr


def test_bad_sort_and_rate_are_usage_errors() -> None:
    assert run("projects", "--sort", "colour").exit_code == 2
    assert run("projects", "--usd-cny", "-1").exit_code == 2


@pytest.mark.parametrize("rate", ["1e5000", "1e999999999999", "1e-999999999999", "7e0", "0.0"])
def test_a_rate_beyond_plain_decimals_is_a_usage_error_at_once(rate: str) -> None:
    # A rate with an exponent made every conversion an integer of that many digits: an
    # internal error past Python's digit limit, a hang and all memory beyond it.
    from hightech_cli import query
    from hightech_cli.errors import UsageError
    from hightech_cli.store import open_store

    with pytest.raises(UsageError, match="exchange rate"):
        query.exchange_rate(open_store(), rate)
    if "999999999999" in rate:
        return  # through the CLI only where the code before ended
    result = run("projects", "--usd-cny", rate, "--json")
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "exchange rate" in result.stderr


def test_people_and_person() -> None:
    rows = ok_json("people")
    assert {r["name"] for r in rows} == {"郭俊兴", "邵婕", "徐凯", "李青健", "肖玲玲"}
    xu = ok_json("people", "徐凯")
    assert xu["role"] == "财务经理"
    assert xu["organisation"]["name"] == "润扬环境"
    assert xu["quotes"][0]["text"].startswith("这笔资金就像一场及时雨")


def test_policies_figures() -> None:
    card = ok_json("policies", "承诺开工一件事")
    facts = {f["topic"]: f for f in card["facts"]}
    assert facts["整合事项"]["value"]["number"] == 8
    assert (facts["申请材料"]["before"]["number"], facts["申请材料"]["value"]["number"]) == (15, 1)
    assert (facts["审批时限"]["before"]["number"], facts["审批时限"]["value"]["number"]) == (5, 1)
    result = run("policies", "承诺开工一件事")
    assert "15份 → 1份" in result.stdout
    assert "5个工作日 → 1个工作日" in result.stdout
    assert len(ok_json("policies")) >= 12


def test_stats_keep_qualifiers() -> None:
    rows = ok_json("stats", "经营主体")
    assert len(rows) == 1
    assert rows[0]["value"]["qualifier"] == "more_than"
    result = run("stats", "经营主体")
    assert "1600余家 (>1600家)" in result.stdout
    assert ok_json("stats", "不存在的词") == []


def test_search_all_terms_and_punctuation() -> None:
    rows = ok_json("search", "阿斯利康", "投资")
    assert rows and all("阿斯利康" in r["text"] or r["kind"] == "fact" for r in rows)
    rows = ok_json("search", "发展高科技，实现产业化")
    assert any(r["kind"] == "paragraph" for r in rows)
    assert ok_json("search", "火星基地") == []


def test_search_pages_and_short_terms() -> None:
    everything = ok_json("search", "的", "--limit", "0")
    assert len(everything) > 20
    assert ok_json("search", "的") == everything[:50]
    assert ok_json("search", "的", "--limit", "10") == everything[:10]
    assert ok_json("search", "的", "--limit", "3", "--offset", "2") == everything[2:5]
    assert ok_json("search", "的", "-n", "2", "--offset", "99999") == []
    assert [r["rank"] for r in everything] == list(range(1, len(everything) + 1))
    for row in everything:
        assert all(row["text"][s:e] == "的" for s, e in row["spans"]), row
    (one,) = ok_json("search", "润", "扬", "财", "-n", "1")
    assert one["kind"] == "entity" or "润" in one["text"]


def test_a_search_table_says_when_more_hits_follow() -> None:
    first = run("search", "的", "--limit", "5")
    assert first.exit_code == 0
    assert first.stderr == "hz: more hits follow: --offset 5 shows them\n"
    total = len(ok_json("search", "的", "--limit", "0"))
    last = run("search", "的", "--limit", "5", "--offset", str(total - 5))
    assert last.exit_code == 0 and last.stderr == ""
    assert run("search", "的", "--limit", "0").stderr == ""


@pytest.mark.parametrize(
    "term", ['"', '""', "*", "AND", "NEAR(企业", "企业 OR 投资", "^企业", "text:企业", "'", "\x07"]
)
def test_search_takes_query_syntax_literally(term: str) -> None:
    rows = ok_json("search", term, "--limit", "0")
    folded = normalize(term)
    assert all(folded in normalize(r["text"]) for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search"], "Missing argument"),
        (["search", ""], "empty search term"),
        (["search", "   "], "empty search term"),
        (["search", "\u200b"], "empty search term"),
        (["search", "企业", "--limit", "-1"], "--limit"),
        (["search", "企业", "--offset", "x"], "--offset"),
    ],
)
def test_search_usage_errors(args: list[str], message: str) -> None:
    args = [a.encode().decode("unicode_escape") if "\\u" in a else a for a in args]
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("hz: error:") and result.stderr.count("\n") == 1
    assert message in result.stderr


@pytest.mark.parametrize(
    "mark", ["\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufe0f", "\u3164"]
)
def test_a_name_copied_with_a_bidi_mark_or_another_unseen_character_is_found(mark: str) -> None:
    # Only zero-width spaces, joiners, the BOM and the soft hyphen were dropped: a name copied
    # with a left-to-right mark or an isolate around it matched nothing (exit 1).
    assert ok_json("company", f"{mark}小优{mark}智能{mark}")["id"] == "company:xiaoyou"
    hits = ok_json("search", f"{mark}小优智能")
    assert hits and hits == ok_json("search", "小优智能")
    for command in ("company", "search"):
        alone = run(command, mark)
        assert alone.exit_code == 2 and alone.stderr.count("\n") == 1, alone.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["source", ""],
        ["source", " ", "3"],
        ["source", "\u200b"],
        ["companies", "--source", ""],
        ["projects", "--source", "\u3000"],
        ["timeline", "--source", " "],
    ],
)
def test_an_empty_source_id_is_bad_usage(args: list[str]) -> None:
    # An id that is empty once folded is no id, as an empty name is none: it was "no source
    # '' in the store" (exit 1), as if one had been looked for.
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("hz: error: empty source id") and "qdhz-2026" in result.stderr
    assert result.stderr.count("\n") == 1


def test_search_of_a_very_long_term_is_an_empty_list() -> None:
    assert ok_json("search", "企" * 5000) == []


def test_source_attribution_and_paragraph() -> None:
    src = ok_json("source")
    assert src["byline"] == "本报特约通讯员 李青健 肖玲玲"
    assert src["photo_credit"] == "青岛高新区供图"
    assert len(src["blocks"]) == 34
    para = ok_json("source", "21")
    assert para["text"].endswith("数量占到青岛市总量的80%。")
    assert para["lines"] == [45, 55]


def test_source_paragraph_out_of_range() -> None:
    result = run("source", "999")
    assert result.exit_code == 1
    assert "999" in result.stderr and result.stderr.count("\n") == 1
    assert run("source", "0").exit_code == 2
    missing = run("source", "x")  # no source of that id: the error names the ones there are
    assert missing.exit_code == 1 and "qdhz-2026" in missing.stderr


def test_timeline_in_order() -> None:
    rows = ok_json("timeline")
    years = [r["year"] for r in rows]
    assert years == sorted(years)
    assert years[0] == 2023


def test_zone_profile() -> None:
    card = ok_json("zone")
    topics = {f["topic"] for f in card["facts"]}
    assert {"初心使命", "发展定位", "建设目标", "主导产业", "规划期"} <= topics
    assert any(s["value"]["text"] == "1600余家" for s in card["statistics"])


# ----------------------------------------------------------------------------- formats


def test_jsonl_csv_md() -> None:
    result = run("companies", "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 10 and all(json.loads(line)["kind"] == "company" for line in lines)
    result = run("companies", "--format", "csv")
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0][0] == "公司 company" and len(rows) == 11
    result = run("stats", "--format", "md")
    assert result.stdout.startswith("| ")
    assert "1600余家" in result.stdout


def test_json_conflicts_with_another_format() -> None:
    result = run("companies", "--json", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1


def test_json_is_not_ascii_escaped() -> None:
    result = run("company", "小优智能", "--json")
    assert "小优智能" in result.stdout and "\\u" not in result.stdout


# ----------------------------------------------------------------------------- store choice


def test_missing_store_is_an_error_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = run("--db", str(missing), "companies")
    assert result.exit_code == 1
    assert str(missing) in result.stderr and result.stderr.count("\n") == 1
    assert not missing.exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b'{"meta": ', "not valid JSON"),
        (b"[1, 2]", "wrong shape"),
        (b'{"meta": {}, "entities": {}}', "wrong shape"),
        (b"[" + b"1" * 5000 + b"]", "4300 digits"),
        (b'{"meta": {"1": {"a": NaN}}, "entities": {}, "facts": {}, "blocks": {}}', "NaN"),
    ],
)
def test_bad_store_files(tmp_path: Path, content: bytes, problem: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = run("--db", str(bad), "companies")
    assert result.exit_code == 1
    assert problem in result.stderr and result.stderr.count("\n") == 1
    assert bad.read_bytes() == content


def test_hz_db_environment_variable(tmp_path: Path) -> None:
    result = run("companies", HZ_DB=str(tmp_path / "x.json"))
    assert result.exit_code == 1
    assert "x.json" in result.stderr


def test_check_command_reports_and_fails(tmp_path: Path, store_data: dict) -> None:
    result = run("check")
    assert result.exit_code == 0 and "ok: no problems" in result.stdout
    broken = json.loads(json.dumps(store_data))
    next(iter(broken["facts"].values()))["subject"] = "company:nope"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    result = run("--db", str(path), "check")
    assert result.exit_code == 1
    assert "unknown entity 'company:nope'" in result.stdout
    report = json.loads(run("--db", str(path), "check", "--json").stdout)
    assert report["ok"] is False and report["problems"]


def test_unknown_option_is_one_line_usage_error() -> None:
    result = run("companies", "--colour")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--colour" in result.stderr


def test_usd_bound_converts_yuan_amounts_the_other_way() -> None:
    rows = ok_json("projects", "--min-invest", "0.5亿美元")
    names = [r["name"] for r in rows]
    # 5亿元 at 7.09 is about 0.705亿美元; 2.6亿元 (about 0.367亿美元) stays out.
    assert names == [
        "阿斯利康吸入气雾剂生产基地",
        "长木谷医用人工智能与手术机器人高端医疗装备产业基地项目",
    ]
    converted = rows[1]["amounts"][0]["converted"]
    assert converted["currency"] == "USD"
    assert converted["minor"] == 7_052_186_178  # 500000000 元 / 7.09 in cents, half-even
    assert rows[0]["amounts"][0].get("converted") is None


def test_exchange_rate_override_changes_the_comparison() -> None:
    # At 20 CNY per USD, 5亿元 is 0.25亿美元: below the bound.
    rows = ok_json("projects", "--min-invest", "0.5亿美元", "--usd-cny", "20")
    assert [r["name"] for r in rows] == ["阿斯利康吸入气雾剂生产基地"]
    rate = rows[0]["amounts"][0]
    assert rate.get("converted") is None
    cny = ok_json("projects", "--usd-cny", "20")[0]["amounts"]
    assert cny[0]["converted"]["rate"]["rate"] == "20"


def test_qualified_figures_against_bounds() -> None:
    from hightech_cli.query import _passes

    two_yi = 200_000_000_00
    assert _passes(two_yi, "more_than", two_yi, None)  # 超2亿 meets --min-invest 2亿
    assert not _passes(two_yi, "more_than", None, two_yi)  # ... and not --max-invest 2亿
    assert _passes(two_yi, "exact", None, two_yi)
    assert _passes(two_yi, "about", two_yi, two_yi)
    assert not _passes(two_yi - 1, "exact", two_yi, None)


def test_an_unexpected_failure_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from hightech_cli import query

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(query, "companies", broken)
    result = run("companies")
    assert result.exit_code == 1
    assert (
        result.stderr == "hz: error: internal error: RuntimeError: boom (HZ_DEBUG=1 shows where)\n"
    )


LONG = "高" * 40_000


@pytest.mark.parametrize(
    "args",
    [
        ["company", LONG],
        ["people", LONG],
        ["policies", LONG],
        ["projects", "--company", LONG],
        ["projects", "--min-invest", "x" + LONG],
        ["companies", "--limit", LONG],
        ["companies", "--source", LONG],
        ["source", LONG, "3"],
        ["timeline", "--since", LONG],
        ["export", "-f", LONG],
    ],
)
def test_an_error_line_shows_a_long_value_by_its_ends(args: list[str]) -> None:
    # Every message names the bad value: a name typed as 40,000 characters was a line of
    # 120 kB on stderr.
    result = run(*args)
    assert result.exit_code in (1, 2) and result.stdout == ""
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 2_000, len(result.stderr)
    assert "高高" in result.stderr


def test_an_import_problem_shows_a_long_id_by_its_ends(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    assert run("--db", str(store), "init", "--empty").exit_code == 0
    record = {"table": "facts", "id": "zone." + LONG, "kind": "attribute"}
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("--db", str(store), "import", str(source))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines and all(len(line) < 2_000 for line in lines), max(map(len, lines))
    assert any("characters left out" in line for line in lines)
