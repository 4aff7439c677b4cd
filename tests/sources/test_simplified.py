"""Articles in traditional characters (``sources/simplified.py``): read through a simplified
twin, place for place, with every quote, figure and paragraph stored as the article writes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ORIGINAL, ROOT, extracted, load_bench
from hightech_cli.sources import simplified
from hightech_cli.sources.article import read_article
from hightech_cli.sources.extract import extract
from hightech_cli.store.check import validate

ARTICLES = ROOT / "tests" / "articles"


TRADITIONAL = simplified.traditional_table()


def test_the_table_is_there_and_converts_one_character_for_one() -> None:
    assert len(simplified.table()) > 2000
    assert (
        simplified.simplify("青島高新區簽約項目總投資186億元") == "青岛高新区签约项目总投资186亿元"
    )


@given(st.text(alphabet="青島高新區億萬簽約項目總投資a1，。「」𠀀\n乾著", max_size=60))
def test_the_twin_is_as_long_as_the_text_place_for_place(text: str) -> None:
    twin = simplified.simplify(text)
    assert len(twin) == len(text)
    assert all((a == b) or ord(a) in simplified.table() for a, b in zip(text, twin, strict=True))


# The test articles printed in traditional characters, by hand; every other is simplified.
WRITTEN_TRADITIONAL = frozenset({"shenzhen-qianhai-signing-2026.txt"})


@pytest.mark.parametrize(
    "path",
    [*sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html")), ORIGINAL],
    ids=lambda p: p.name,
)
def test_an_article_is_read_as_traditional_only_where_it_is_written_so(path: Path) -> None:
    read = simplified.is_traditional(read_article(str(path)).text)
    assert read == (path.name in WRITTEN_TRADITIONAL)


# The benchmark's own measure of "the same entities and facts".
_facts = load_bench("traditional").keys


@pytest.mark.parametrize(
    "name",
    ["hefei-signing-2025.txt", "tianjin-binhai-voices-2026.txt", "wuhu-hitech-signing-2026.txt"],
)
def test_an_article_in_traditional_characters_reads_as_its_simplified_twin(
    tmp_path: Path, name: str
) -> None:
    """The same article written in traditional characters: the same entities and facts, with
    its own characters in every quote, figure and paragraph, and a store that checks."""
    source = ARTICLES / name
    text = source.read_text(encoding="utf-8")
    written = text.translate(TRADITIONAL)
    assert simplified.is_traditional(written)
    path = tmp_path / name
    path.write_text(written, encoding="utf-8")
    plain = extract(read_article(str(source)), source_id="s", use_tagger=False)
    traditional = extract(read_article(str(path)), source_id="s", use_tagger=False)
    before, after = _facts(plain.records), _facts(traditional.records)
    assert len(before & after) >= 0.95 * len(before)
    assert len(after - before) <= 0.02 * len(before)
    assert any("traditional characters" in note for note in traditional.notes)
    blocks = {r["n"]: r["text"] for r in traditional.records if r["table"] == "blocks"}
    assert all(t in written for t in blocks.values())  # the paragraphs as written
    for r in traditional.records:
        if r["table"] != "facts":
            continue
        quote = r["evidence"]["quote"]
        assert quote in blocks[r["evidence"]["paragraph"]]
        for key in ("value", "before"):
            if key in r:
                assert r[key]["text"] in quote


def test_names_are_simplified_with_the_written_forms_as_aliases(tmp_path: Path) -> None:
    text = (
        "青島高新區項目簽約\n\n2026年5月18日\n\n"
        "青島海藍生物科技有限公司（以下簡稱「海藍生物」）投資25億元建設創新藥基地。"
        "海藍生物董事長陳志強說：「這裡的營商環境很好。」\n"
    )
    records = extracted(tmp_path, text).records
    entities = {r["name"]: r for r in records if r["table"] == "entities"}
    assert "海藍生物" in entities["海蓝生物"]["aliases"]
    assert "陳志強" in entities["陈志强"]["aliases"]
    (money,) = [r for r in records if r.get("kind") == "investment"]
    assert money["value"]["text"] == "25億元" and money["value"]["number"] == 2_500_000_000
    title = next(r for r in records if r["table"] == "meta")["sources"][0]["title"]
    assert title == "青島高新區項目簽約"


def test_a_store_of_a_traditional_article_checks(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hightech_cli.cli.app import app
    from hightech_cli.store.document import read_store_file

    path = tmp_path / "trad.txt"
    path.write_text((ARTICLES / "hefei-signing-2025.txt").read_text("utf-8").translate(TRADITIONAL))
    db = str(tmp_path / "store.json")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "init", "--empty"]).exit_code == 0
    added = runner.invoke(app, ["--db", db, "add", str(path)], env={"HZ_TAGGER": "none"})
    assert added.exit_code == 0, added.stderr
    assert validate(read_store_file(Path(db))) == []


def test_a_quote_the_twin_holds_twice_is_the_one_it_was_found_at(tmp_path: Path) -> None:
    """臺灣… and 台湾… read the same in the twin: each fact keeps the sentence it came from,
    not the first one its twin matches."""
    text = (
        "南京高新區簽約儀式舉行\n\n"
        "南京高新區與臺灣廠商簽約，總投資5億元。南京高新区与台湾厂商签约，总投资5亿元。\n"
    )
    records = extracted(tmp_path, text).records
    money = [r for r in records if r.get("kind") == "investment"]
    assert [r["evidence"]["quote"] for r in money] == [
        "南京高新區與臺灣廠商簽約，總投資5億元。",
        "南京高新区与台湾厂商签约，总投资5亿元。",
    ]
    assert [r["value"]["text"] for r in money] == ["5億元", "5亿元"]
    assert [r["text"] for r in money] == [r["evidence"]["quote"] for r in money]


def test_the_stores_evidence_from_other_sources_is_left_as_written(tmp_path: Path) -> None:
    """Extracted against a store that holds the same article in simplified characters, the
    linked entities keep that source's quotes as it writes them: the records import."""
    from typer.testing import CliRunner

    from hightech_cli.cli.app import app
    from hightech_cli.store.document import read_store_file

    source = ARTICLES / "hefei-signing-2025.txt"
    path = tmp_path / "trad.txt"
    path.write_text(source.read_text("utf-8").translate(TRADITIONAL))
    db = str(tmp_path / "store.json")
    env = {"HZ_TAGGER": "none"}
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "init", "--empty"]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "add", str(source)], env=env).exit_code == 0
    out = runner.invoke(app, ["--db", db, "extract", str(path)], env=env)
    assert out.exit_code == 0, out.stderr
    (tmp_path / "recs.jsonl").write_text(out.stdout)
    imported = runner.invoke(app, ["--db", db, "import", str(tmp_path / "recs.jsonl")])
    assert imported.exit_code == 0, imported.stderr
    assert "Traceback" not in imported.stderr
    assert validate(read_store_file(Path(db))) == []


HIDDEN = (
    "青岛高新区发布新政\n\n2026年5月18日\n\n"
    "青岛高新区近日印发《关于支持\u200b人工智能产业发展的若干措施》，设立总规模1\u200b0亿元的产业基金。"
    "青岛小优\u2060智能科技有限公司投资2亿元建设智能装备项目。"
    "该公司董事长王\ufeff明说：“这里的营商环境很好。”\n"
)


def _hidden_records(tmp_path: Path, text: str) -> tuple[list[dict], dict[int, str]]:
    done = extracted(tmp_path, text)
    blocks = {r["n"]: r["text"] for r in done.records if r["table"] == "blocks"}
    return done.records, blocks


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_names_read_across_characters_that_take_no_room_are_the_names_seen(
    tmp_path: Path, script: str
) -> None:
    # One zero-width space in a policy's title made the article one hz add refused ("name:
    # holds invisible or control characters"); one in a company's name cut it to 智能科技有限公司.
    text = HIDDEN if script == "simplified" else HIDDEN.translate(TRADITIONAL)
    records, blocks = _hidden_records(tmp_path, text)
    entities = [r for r in records if r["table"] == "entities"]
    names = {simplified.simplify(r["name"]) for r in entities}
    assert {"关于支持人工智能产业发展的若干措施", "青岛小优智能科技有限公司", "王明"} <= names
    for ent in entities:  # no name, alias or id holds a character a reader cannot see
        for form in [ent["id"], ent["name"], *ent.get("aliases", [])]:
            assert not any(c in form for c in "\u200b\u2060\ufeff"), form
    # Every quote, fact text and figure is the article's own, hidden characters and all.
    for rec in records:
        for ev in rec.get("evidence", []) if rec["table"] == "entities" else [rec.get("evidence")]:
            if ev:
                assert ev["quote"] in blocks[ev["paragraph"]]
        if rec["table"] == "facts":
            assert rec["text"] in blocks[rec["evidence"]["paragraph"]]
            if "value" in rec:
                assert rec["value"]["text"] in rec["evidence"]["quote"]
    money = {r["value"]["text"]: r["value"]["number"] for r in records if "value" in r}
    assert money["1\u200b0亿元" if script == "simplified" else "1\u200b0億元"] == 10**9


def test_a_store_of_an_article_with_hidden_characters_checks(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hightech_cli.cli.app import app
    from hightech_cli.store.document import read_store_file

    path = tmp_path / "hidden.txt"
    path.write_text(HIDDEN, encoding="utf-8")
    db = str(tmp_path / "store.json")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "init", "--empty"]).exit_code == 0
    added = runner.invoke(app, ["--db", db, "add", str(path)], env={"HZ_TAGGER": "none"})
    assert added.exit_code == 0, added.stderr
    assert validate(read_store_file(Path(db))) == []
    found = runner.invoke(app, ["--db", db, "company", "小优智能", "--json"])
    assert found.exit_code == 0, found.stderr
    assert "青岛小优智能科技有限公司" in found.stdout
