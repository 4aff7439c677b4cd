"""``hz extract`` and ``hz add``: records 'hz import' takes, linking, idempotence, refusals."""

from __future__ import annotations

import json
from pathlib import Path

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
