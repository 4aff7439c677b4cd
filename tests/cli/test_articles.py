"""``hz extract`` and ``hz add``: records 'hz import' takes, linking, idempotence, refusals."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import ROOT, SHIPPED_PATH
from hightech_cli.cli.app import app
from hightech_cli.store.check import validate
from hightech_cli.store.document import read_store_file

ARTICLES = ROOT / "tests" / "articles"
EVERY = sorted(
    [
        *ARTICLES.glob("*.txt"),
        *ARTICLES.glob("*.html"),
        SHIPPED_PATH.parent / "source" / "qingdao-hitech-zone-2026.txt",
    ]
)
runner = CliRunner()


@pytest.fixture(autouse=True)
def _own(own_stores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HZ_TAGGER", "none")  # the rules alone: fast; the tagger has its own test
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.json"
    done = runner.invoke(app, ["--db", str(path), "init", "--from-shipped"])
    assert done.exit_code == 0, done.stderr
    return path


def _records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("article", EVERY, ids=lambda p: p.name)
def test_every_extraction_imports_into_a_fresh_store(article: Path, tmp_path: Path) -> None:
    db = tmp_path / "fresh.json"
    assert runner.invoke(app, ["--db", str(db), "init"]).exit_code == 0
    out = runner.invoke(app, ["--db", str(db), "extract", str(article)])
    assert out.exit_code == 0, out.stderr
    records = _records(out.stdout)
    assert {r["table"] for r in records} >= {"meta", "blocks", "entities", "facts"}
    path = tmp_path / "a.jsonl"
    path.write_text(out.stdout, encoding="utf-8")
    done = runner.invoke(app, ["--db", str(db), "import", str(path)])
    assert done.exit_code == 0, done.stderr
    assert validate(read_store_file(db)) == []
    again = runner.invoke(app, ["--db", str(db), "import", str(path)])
    assert again.stdout.startswith("0 added, 0 updated")


def test_extraction_is_deterministic() -> None:
    path = str(ARTICLES / "hefei-signing-2025.txt")
    first = runner.invoke(app, ["extract", path]).stdout
    assert first == runner.invoke(app, ["extract", path]).stdout


def test_the_review_table_puts_the_least_certain_first() -> None:
    out = runner.invoke(app, ["extract", str(ARTICLES / "hefei-signing-2025.txt"), "-f", "table"])
    assert out.exit_code == 0, out.stderr
    cells = [line.split("│")[1] for line in out.stdout.splitlines() if line.startswith("│")]
    confidences = [float(c) for c in cells if c.strip()[:1].isdigit()]
    assert confidences and confidences == sorted(confidences)


def test_add_links_to_what_the_store_has_and_twice_changes_nothing(
    db: Path, tmp_path: Path
) -> None:
    article = tmp_path / "az.txt"
    article.write_text(
        "阿斯利康再加码青岛高新区\n\n"
        "记者 王明\n\n"
        "5月20日，阿斯利康在青岛高新区追加投资2亿美元，扩建吸入气雾剂生产线。\n",
        encoding="utf-8",
    )
    first = runner.invoke(app, ["--db", str(db), "add", str(article)])
    assert first.exit_code == 0, first.stderr
    data = read_store_file(db)
    az = [e for e in data["entities"].values() if e["name"] == "阿斯利康"]
    assert len(az) == 1 and az[0]["id"] == "company:astrazeneca"  # linked, not duplicated
    assert len(az[0]["evidence"]) == 2
    new = [f for f in data["facts"].values() if f["evidence"]["source"] != "qdhz-2026"]
    # The sum builds the line it names (扩建…生产线): a project whose investor is the linked
    # company, not a second 阿斯利康.
    (added,) = [f for f in new if f.get("value", {}).get("text") == "2亿美元"]
    (line,) = [e for e in data["entities"].values() if e["id"] == added["subject"]]
    assert line["kind"] == "project" and line["investor"] == "company:astrazeneca"
    before = db.read_bytes()
    second = runner.invoke(app, ["--db", str(db), "add", str(article)])
    assert second.exit_code == 0
    assert "0 added, 0 updated" in second.stdout
    assert db.read_bytes() == before


def test_add_dry_run_writes_nothing(db: Path) -> None:
    before = db.read_bytes()
    done = runner.invoke(
        app, ["--db", str(db), "add", str(ARTICLES / "hefei-signing-2025.txt"), "--dry-run"]
    )
    assert done.exit_code == 0, done.stderr
    assert "dry run" in done.stdout and "抽取" in done.stdout
    assert db.read_bytes() == before


def test_add_refuses_the_shipped_store() -> None:
    done = runner.invoke(
        app, ["--db", str(SHIPPED_PATH), "add", str(ARTICLES / "hefei-signing-2025.txt")]
    )
    assert done.exit_code == 2 and "shipped" in done.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\x01\xff binary", bytes(range(128, 256)) * 10])
def test_a_bad_article_is_one_line_and_writes_nothing(
    db: Path, tmp_path: Path, content: bytes
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = db.read_bytes()
    for argv in (["extract", str(bad)], ["add", str(bad)]):
        done = runner.invoke(app, ["--db", str(db), *argv])
        assert done.exit_code == 1, done.stdout
        assert done.stderr.startswith("hz: error: ") and done.stderr.count("\n") == 1
        assert str(bad) in done.stderr and done.stdout == ""
    assert db.read_bytes() == before


def test_a_paragraph_no_store_takes_is_refused_before_it_is_read(db: Path, tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    paragraph = "高新区企业营收增长，" * 12_000 + "。"
    long.write_text(f"标题\n\n第一段。\n\n{paragraph}\n", encoding="utf-8")
    before = db.read_bytes()
    for argv in (["extract", str(long)], ["add", str(long)]):
        done = runner.invoke(app, ["--db", str(db), *argv])
        assert done.exit_code == 1, done.stdout
        assert done.stderr.count("\n") == 1 and done.stdout == ""
        assert done.stderr.startswith(f"hz: error: {long}: paragraph 3 is 120,001 characters")
    assert db.read_bytes() == before


def test_add_takes_the_good_files_and_reports_the_bad(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    good = ARTICLES / "hefei-signing-2025.txt"
    done = runner.invoke(app, ["--db", str(db), "add", str(good), str(bad), "--jobs", "1"])
    assert done.exit_code == 1
    assert "empty" in done.stderr and "hefei-signing-2025.txt:" in done.stdout
    assert any(
        s["id"].startswith("hefei-signing-2025")
        for s in next(iter(read_store_file(db)["meta"].values()))["sources"]
    )


def test_an_article_with_nothing_to_find_keeps_its_source_and_says_so(tmp_path: Path) -> None:
    article = tmp_path / "plain.txt"
    article.write_text("春天来了。\n\n花开了，草绿了。\n", encoding="utf-8")
    done = runner.invoke(app, ["extract", str(article)])
    assert done.exit_code == 0
    tables = {r["table"] for r in _records(done.stdout)}
    assert tables == {"meta", "blocks"}
    assert "nothing found" in done.stderr


def test_every_article_added_twice_changes_nothing_the_second_time(db: Path) -> None:
    """The second time, every name of the article is known to the store and found where the
    article first writes it: still nothing changes."""
    files = [str(p) for p in EVERY if p.parent == ARTICLES]
    first = runner.invoke(app, ["--db", str(db), "add", *files])
    assert first.exit_code == 0, first.stderr
    before = db.read_bytes()
    again = runner.invoke(app, ["--db", str(db), "add", "--json", *files])
    assert again.exit_code == 0, again.stderr
    report = json.loads(again.stdout)
    assert [(f["added"], f["updated"]) for f in report["files"]] == [(0, 0)] * len(files)
    assert db.read_bytes() == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_missing_article_is_bad_usage_for_extract_and_add_alike(
    db: Path, tmp_path: Path, jobs: str
) -> None:
    missing = str(tmp_path / "no-such-article.txt")
    good = str(ARTICLES / "hefei-signing-2025.txt")
    before = db.read_bytes()
    for argv in (["extract", missing], ["add", missing], ["add", missing, missing]):
        done = runner.invoke(
            app, ["--db", str(db), *argv, *(["--jobs", jobs] if argv[0] == "add" else [])]
        )
        assert done.exit_code == 2, (argv, done.stderr)
        assert "no such file" in done.stderr
    assert db.read_bytes() == before
    # Beside an article that is added, it still makes the command end as bad usage.
    done = runner.invoke(app, ["--db", str(db), "add", good, missing, "--jobs", jobs])
    assert done.exit_code == 2, done.stderr
    assert "hefei-signing-2025.txt:" in done.stdout


def test_a_store_or_an_export_given_as_an_article_is_refused(db: Path, tmp_path: Path) -> None:
    """Data hz reads with 'hz import' (the store itself, its JSON or JSON-lines export) is no
    article: extracting one would file the JSON text as facts."""
    jsonl = tmp_path / "all.jsonl"
    jsonl.write_text(runner.invoke(app, ["--db", str(db), "export", "-f", "jsonl"]).stdout)
    before = db.read_bytes()
    for data in (db, jsonl):
        for command in ("add", "extract"):
            result = runner.invoke(app, ["--db", str(db), command, str(data)])
            assert result.exit_code == 1, result.stdout
            assert "hz import" in result.stderr and str(data) in result.stderr
            assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert db.read_bytes() == before


@pytest.mark.parametrize("sid", ["x\x1b[2Jy", "a\u200bb", " ", "\u3000"])
def test_a_source_id_that_hides_or_is_blank_is_refused(db: Path, sid: str) -> None:
    before = db.read_bytes()
    article = ROOT / "tests" / "corpus" / "haichuan-a.txt"
    result = runner.invoke(app, ["--db", str(db), "add", str(article), "--source-id", sid])
    assert result.exit_code == 1
    assert "sources" in result.stderr and "\x1b" not in result.stderr
    assert db.read_bytes() == before


def test_a_source_id_of_another_article_in_the_store_is_refused(db: Path) -> None:
    # The import merges sources by id and blocks by source and number: added as qdhz-2026, an
    # article replaced the shipped article's title, file and first paragraphs, and said
    # "3 added, 3 updated".
    before = db.read_bytes()
    article = ROOT / "tests" / "corpus" / "haichuan-a.txt"
    argv = ["--db", str(db), "add", str(article), "--rules-only", "--source-id", "qdhz-2026"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.stderr
    assert "qdhz-2026" in result.stderr and "already another article's" in result.stderr
    assert db.read_bytes() == before
    # The same article under the id it was added with is still "already in the store".
    argv[-1] = "haichuan"
    assert runner.invoke(app, argv).exit_code == 0
    again = runner.invoke(app, argv)
    assert again.exit_code == 0 and "already in the store" in again.stderr


def test_an_article_the_store_has_under_another_name_is_not_added_again(
    db: Path, tmp_path: Path
) -> None:
    # The same bytes saved as another file (a.txt and "a (1).txt", or the shipped article in
    # data/source/) were added again as a new source: every figure twice, and duplicates of
    # the entities linking did not find.
    shipped = SHIPPED_PATH.parent / "source" / "qingdao-hitech-zone-2026.txt"
    before = db.read_bytes()
    done = runner.invoke(app, ["--db", str(db), "add", str(shipped)])
    assert done.exit_code == 0, done.stderr
    assert "already in the store as source qdhz-2026" in done.stderr
    assert db.read_bytes() == before
    article = ROOT / "tests" / "corpus" / "haichuan-a.txt"
    assert runner.invoke(app, ["--db", str(db), "add", str(article)]).exit_code == 0
    added = db.read_bytes()
    copy = tmp_path / "haichuan-a (1).txt"
    copy.write_bytes(article.read_bytes())
    for argv in ([str(copy)], [str(copy), "--source-id", "other"], [str(copy), "--dry-run"]):
        again = runner.invoke(app, ["--db", str(db), "add", *argv])
        assert again.exit_code == 0, again.stderr
        assert "already in the store as source haichuan-a" in again.stderr
        assert db.read_bytes() == added


def test_the_shipped_article_adds_its_facts_to_an_empty_store(tmp_path: Path) -> None:
    """hz init --empty keeps the shipped article's paragraphs and nothing that cites them:
    adding that article gave "already in the store" and added nothing, so a store built with
    hz add from the shipped article could not be had. Its facts now go in under the source
    the store has (its record unchanged), once, given twice or not."""
    db = tmp_path / "empty.json"
    assert runner.invoke(app, ["--db", str(db), "init", "--empty"]).exit_code == 0
    shipped = SHIPPED_PATH.parent / "source" / "qingdao-hitech-zone-2026.txt"
    source_before = read_store_file(db)["meta"]["1"]["sources"]
    done = runner.invoke(app, ["--db", str(db), "add", str(shipped), str(shipped)])
    assert done.exit_code == 0, done.stderr
    assert "with no facts yet" in done.stderr
    store = read_store_file(db)
    assert validate(store) == []
    assert store["meta"]["1"]["sources"] == source_before  # one source, as it was
    facts = list(store["facts"].values())
    assert facts and {f["evidence"]["source"] for f in facts} == {"qdhz-2026"}
    names = {e["name"] for e in store["entities"].values()}
    assert "小优智能" in names
    card = runner.invoke(app, ["--db", str(db), "company", "小优智能"])
    assert card.exit_code == 0 and "¶12" in card.stdout
    after = db.read_bytes()
    again = runner.invoke(app, ["--db", str(db), "add", str(shipped)])
    assert again.exit_code == 0 and "already in the store" in again.stderr
    assert db.read_bytes() == after


def test_an_article_given_twice_in_one_add_is_added_once(db: Path, tmp_path: Path) -> None:
    # hz add a.txt a.txt (a glob and a name that overlap): both were read against the store as
    # it was, and the second, merged after the first, added 9 more entities, duplicates.
    article = str(ROOT / "tests" / "corpus" / "haichuan-a.txt")
    once = tmp_path / "once.json"
    once.write_bytes(db.read_bytes())
    assert runner.invoke(app, ["--db", str(once), "add", article]).exit_code == 0
    twice = runner.invoke(app, ["--db", str(db), "add", article, article])
    assert twice.exit_code == 0, twice.stderr
    assert db.read_bytes() == once.read_bytes()
    assert "given twice" in twice.stderr and twice.stderr.count("\n") == 1
    dry = runner.invoke(app, ["--db", str(once), "add", article, article, "--dry-run"])
    assert dry.exit_code == 0 and "already in the store" in dry.stderr
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(article).read_bytes())
    other = tmp_path / "other.json"
    assert runner.invoke(app, ["--db", str(other), "init", "--from-shipped"]).exit_code == 0
    both = runner.invoke(app, ["--db", str(other), "add", str(copy), article])
    assert both.exit_code == 0 and "holds the same bytes as" in both.stderr


@pytest.mark.parametrize("sid", ["QDHZ-2026", "ＱＤＨＺ-2026", "qdhz\u20142026"])
def test_a_source_id_that_reads_as_another_articles_is_refused(db: Path, sid: str) -> None:
    # Only the id as written was compared: added as QDHZ-2026, the article made
    # 'hz source Qdhz-2026' and '--source ＱＤＨＺ-2026' ambiguous for ever after.
    before = db.read_bytes()
    article = ROOT / "tests" / "corpus" / "haichuan-a.txt"
    argv = ["--db", str(db), "add", str(article), "--rules-only", "--source-id", sid]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.stderr
    assert "reads as 'qdhz-2026'" in result.stderr and result.stderr.count("\n") == 1
    assert db.read_bytes() == before


def test_a_source_id_taken_by_another_run_meanwhile_is_refused_clearly(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two runs of hz add under one --source-id at once: both read the store before the other
    # wrote, so a check of that early reading passed for both, and the second was refused for
    # "evidence[0].quote: does not occur verbatim" in the first one's paragraphs.
    from hightech_cli.store import transfer

    first = ROOT / "tests" / "corpus" / "haichuan-a.txt"
    second = ROOT / "tests" / "corpus" / "haichuan-b.txt"
    done = runner.invoke(app, ["extract", str(first), "--rules-only", "--source-id", "X"])
    assert done.exit_code == 0, done.stderr
    other = tmp_path / "other-run.jsonl"
    other.write_text(done.stdout, encoding="utf-8")
    real = transfer.import_batches

    def other_run_writes_meanwhile(*args: Any, **kwargs: Any) -> Any:
        # This run has read the store (no source X in it) and waits for the write lock; the
        # other run holds it meanwhile and adds its article as X.
        assert transfer.import_file(str(other), db=db).written
        return real(*args, **kwargs)

    monkeypatch.setattr(transfer, "import_batches", other_run_writes_meanwhile)
    between = db.read_bytes()
    argv = ["--db", str(db), "add", str(second), "--rules-only", "--source-id", "X"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.stderr
    assert "'X' is already another article's in the store" in result.stderr
    assert "verbatim" not in result.stderr and result.stderr.count("\n") == 1
    # The store is as the other run left it: its source X and text, not this article's.
    assert db.read_bytes() != between
    after = read_store_file(db)
    source = next(s for s in after["meta"]["1"]["sources"] if s["id"] == "X")
    assert source["file"] == first.name
    assert validate(after) == []


def test_extract_takes_json_as_every_command_does(db: Path) -> None:
    """--json is --format json for hz extract too; with another format it is bad usage; a
    mistyped option points at the command's own help."""
    article = str(ARTICLES / "hefei-signing-2025.txt")
    plain = runner.invoke(app, ["--db", str(db), "extract", article, "-f", "json"])
    switch = runner.invoke(app, ["--db", str(db), "extract", article, "--json"])
    assert switch.exit_code == 0 and json.loads(switch.stdout) == json.loads(plain.stdout)
    both = runner.invoke(app, ["--db", str(db), "extract", article, "--json", "-f", "table"])
    assert both.exit_code == 2 and "--json" in both.stderr and both.stdout == ""
    typo = runner.invoke(app, ["--db", str(db), "extract", article, "--jsn"])
    assert typo.exit_code == 2 and "hz extract --help" in typo.stderr


@pytest.mark.parametrize("date", ["2025-99", "2025-02-30", "2025-02-29", "", " ", "٢٠٢٥", "2025-5"])
def test_a_date_that_is_none_is_a_usage_error(date: str) -> None:
    # --date 2025-99 wrote a date no store takes, and 2025-02-30 was an internal error.
    article = ARTICLES / "hefei-signing-2025.txt"
    result = runner.invoke(app, ["extract", str(article), "--rules-only", "--date", date])
    assert result.exit_code == 2, result.stderr
    assert result.stdout == "" and "invalid date" in result.stderr


def test_a_date_is_read_by_the_rule_of_every_value() -> None:
    article = ARTICLES / "hefei-signing-2025.txt"
    result = runner.invoke(
        app, ["extract", str(article), "--rules-only", "--date", "２０２４-０２-２９"]
    )
    assert result.exit_code == 0, result.stderr
    meta = _records(result.stdout)[0]
    assert meta["sources"][0]["date"] == "2024-02-29"


def test_a_name_two_articles_share_links_only_what_is_one_thing(tmp_path: Path) -> None:
    """A company by its name; a person only at the same company; a scheme or a works by a
    name many share (若干措施, 一期项目) never: each stays its own article's."""
    db = tmp_path / "two.json"
    assert runner.invoke(app, ["--db", str(db), "init", "--empty"]).exit_code == 0
    first = tmp_path / "a.txt"
    first.write_text(
        "宁安高新区出台若干措施\n\n宁安日报　2026年3月2日\n\n"
        "宁安高新区印发《宁安高新区支持光电产业发展的若干措施》（以下简称《若干措施》）。"
        "宁安启辰新材料有限公司（以下简称“启辰新材”）总经理沈嘉禾表示：“我们将扩大产能。”\n",
        encoding="utf-8",
    )
    second = tmp_path / "b.txt"
    second.write_text(
        "临川高新区出台若干措施\n\n临川日报　2026年4月8日\n\n"
        "临川高新区印发《临川高新区支持氢能产业发展的若干措施》（以下简称《若干措施》）。"
        "临川海岳科技有限公司总经理沈嘉禾说：“订单已经排满。”"
        "启辰新材总经理沈嘉禾也表示：“临川的配套很齐全。”\n",
        encoding="utf-8",
    )
    for article in (first, second):
        done = runner.invoke(app, ["--db", str(db), "add", str(article)])
        assert done.exit_code == 0, done.stderr
    entities = list(read_store_file(db)["entities"].values())
    policies = [e for e in entities if e["kind"] == "policy"]
    assert len({e["id"] for e in policies}) == 2  # two documents, one short name
    people = [e for e in entities if e["kind"] == "person" and e["name"] == "沈嘉禾"]
    orgs = sorted(str(e.get("org")) for e in people)
    assert len(people) == 2 and len(set(orgs)) == 2  # 启辰新材's, in both articles, and 海岳's
    starts = [
        e for e in entities if e["kind"] == "company" and "启辰新材" in [e["name"], *e["aliases"]]
    ]
    assert len(starts) == 1 and len({ev["source"] for ev in starts[0]["evidence"]}) == 2
    assert validate(read_store_file(db)) == []


def test_a_page_nested_too_deeply_is_one_line_and_changes_nothing(db: Path, tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    body = "<p>5月15日，12个项目集中签约，总投资186.5亿元，涵盖新一代信息技术等领域。</p>"
    page.write_text(f"<html><body>{'<div>' * 400}{body}{'</div>' * 400}</body></html>")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for command in ("extract", "add"):
        result = runner.invoke(app, ["--db", str(db), command, str(page), "--rules-only"])
        assert result.exit_code == 1, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "nested too deeply" in result.stderr and str(page) in result.stderr
        assert "no article text found" not in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


SIGNED = """## 青岛高新区一季度经济运行简报

今年一季度，青岛高新区规上工业增加值增速为—2%，固定资产投资增速为–1.5%。

青岛海川智造科技有限公司新建智能装备项目总投资－5亿元，计划今年开工。

青岛海川智造科技有限公司净利润为﹣120.5亿元，营业收入为1\u200b000万元，同比增长12\ufeff%。
"""


def test_signed_and_hidden_figures_are_added_typed_and_verbatim(db: Path, tmp_path: Path) -> None:
    article = tmp_path / "signed.txt"
    article.write_text(SIGNED, encoding="utf-8")
    done = runner.invoke(app, ["--db", str(db), "add", str(article), "--rules-only"])
    assert done.exit_code == 0, done.stderr
    data = read_store_file(db)
    assert validate(data) == []
    blocks = {(b["source"], b["n"]): b["text"] for b in data["blocks"].values()}
    mine = [f for f in data["facts"].values() if f["evidence"]["source"].startswith("signed")]
    values = {f["value"]["text"]: f for f in mine if "value" in f}
    for text, number in [("—2%", -2), ("–1.5%", -1.5), ("﹣120.5亿元", -12050000000)]:
        assert values[text]["value"]["number"] == number
    assert values["﹣120.5亿元"]["value"]["minor"] == -1205000000000
    assert values["1\u200b000万元"]["value"]["number"] == 10000000
    assert values["12\ufeff%"]["value"]["number"] == 12
    for fact in mine:  # every quote verbatim from its paragraph as stored, hidden marks and all
        ev = fact["evidence"]
        assert ev["quote"] in blocks[(ev["source"], ev["paragraph"])]
    # A sum below zero is never a sum invested: no filter of investments takes it.
    assert not [f for f in mine if f["kind"] == "investment"]
    assert values["－5亿元"]["kind"] == "quantity"
    assert values["－5亿元"]["value"]["number"] == -500000000
    for bound in (["--max-invest", "10亿"], ["--min-invest", "0"], []):
        listed = runner.invoke(app, ["--db", str(db), "projects", "--json", *bound])
        assert listed.exit_code == 0, listed.stderr
        amounts = [a for p in json.loads(listed.stdout) for a in p["amounts"]]
        assert all(a["value"]["number"] >= 0 for a in amounts)
        assert "－5亿元" not in [a["value"]["text"] for a in amounts]
