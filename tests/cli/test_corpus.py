"""A store of several sources: listing them, citing them, filtering by them, the figures they
disagree on, and a timeline across them. The store is built as a user builds one: the shipped
facts, then ``hz add`` of two articles about one company (``tests/corpus/``) and a test article
of another zone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from hightech_cli.cli.app import app
from hightech_cli.store.check import validate
from hightech_cli.store.document import read_store_file

CORPUS = ROOT / "tests" / "corpus"
OTHER = ROOT / "tests" / "articles" / "hefei-signing-2025.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "store.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HZ_TAGGER", "none")
        mp.setenv("HZ_DB", str(path))
        assert runner.invoke(app, ["init", "--from-shipped"]).exit_code == 0
        # One at a time, as articles arrive: the second finds the company the first added.
        for article in (CORPUS / "haichuan-a.txt", CORPUS / "haichuan-b.txt", OTHER):
            done = runner.invoke(app, ["add", str(article)])
            assert done.exit_code == 0, done.stderr
    return path


@pytest.fixture(autouse=True)
def _use(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HZ_DB", str(corpus))


def hz_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _ids() -> dict[str, str]:
    """The source ids, by the file each was read from."""
    return {row.get("file", row["id"]): row["id"] for row in hz_json("sources")}


def test_the_store_is_valid_and_lists_every_source(corpus: Path) -> None:
    assert validate(read_store_file(corpus)) == []
    rows = hz_json("sources")
    assert len(rows) == 4
    assert rows[0]["id"] == "qdhz-2026" and rows[0]["paragraphs"] == 34
    assert rows[0]["facts"] == 82
    for row in rows[1:]:
        assert row["paragraphs"] > 0 and row["facts"] > 0 and row["entities"] > 0
        assert "title" in row and ("date" in row or "year" in row)


def test_a_paragraph_needs_its_source_once_there_are_several() -> None:
    result = runner.invoke(app, ["source", "3"])
    assert result.exit_code == 2
    assert "4 sources" in result.stderr and "qdhz-2026" in result.stderr
    assert result.stderr.count("\n") == 1
    haichuan = _ids()["haichuan-a.txt"]
    block = hz_json("source", haichuan, "3")
    assert block["source"] == haichuan and block["n"] == 3 and "海川" in block["text"]
    whole = hz_json("source", haichuan)
    assert {b["source"] for b in whole["blocks"]} == {haichuan}
    assert [b["n"] for b in whole["blocks"]] == list(range(1, len(whole["blocks"]) + 1))
    missing = runner.invoke(app, ["source", haichuan, "99"])
    assert missing.exit_code == 1 and haichuan in missing.stderr


def test_the_help_gives_the_form_of_a_paragraph_that_works_here() -> None:
    # The top-level help tells a new user how to see a paragraph; in a store of several
    # sources only the form with the id works, so the help must give that form.
    intro = " ".join(runner.invoke(app, ["--help"]).stdout.split())
    assert "'hz source ID N'" in intro
    haichuan = _ids()["haichuan-a.txt"]
    assert runner.invoke(app, ["source", haichuan, "2"]).exit_code == 0


def test_tables_name_the_source_of_every_paragraph() -> None:
    haichuan = _ids()["haichuan-a.txt"]
    table = runner.invoke(app, ["stats", "--format", "csv"])
    assert table.exit_code == 0
    assert "qdhz-2026 ¶21" in table.stdout
    card = runner.invoke(app, ["company", "海川智造", "--format", "csv"])
    assert f"{haichuan} ¶4" in card.stdout


@pytest.mark.parametrize("command", ["companies", "people", "policies", "stats", "timeline"])
def test_every_list_keeps_to_the_sources_asked_for(command: str) -> None:
    ids = _ids()
    wanted = {ids["haichuan-a.txt"], ids["haichuan-b.txt"]}
    every = hz_json(command)
    rows = hz_json(command, "--source", ids["haichuan-a.txt"], "--source", ids["haichuan-b.txt"])
    assert len(rows) < len(every)
    for row in rows:
        ev = row["evidence"]
        found = {ev["source"]} if isinstance(ev, dict) else {e["source"] for e in ev}
        found |= {m["source"] for m in row.get("other_mentions", [])}
        assert found & wanted, row["id"]
    unknown = runner.invoke(app, [command, "--source", "nowhere"])
    assert unknown.exit_code == 1 and "nowhere" in unknown.stderr


def test_projects_keep_to_their_source_on_the_fast_path_too() -> None:
    hefei = _ids()["hefei-signing-2025.txt"]
    rows = hz_json("projects", "--source", hefei)
    assert rows and all(any(e["source"] == hefei for e in r["evidence"]) for r in rows)
    assert not any(any(e["source"] == "qdhz-2026" for e in r["evidence"]) for r in rows)


def test_figures_two_sources_give_differently_are_both_kept_and_marked() -> None:
    ids = _ids()
    pairs = hz_json("conflicts")
    staff = [p for p in pairs if p["subject"]["name"] == "海川智造" and "员工" in p["topic"]]
    assert len(staff) == 1
    a, b = staff[0]["facts"]
    assert {a["evidence"]["source"], b["evidence"]["source"]} == {
        ids["haichuan-a.txt"],
        ids["haichuan-b.txt"],
    }
    assert {a["value"]["text"], b["value"]["text"]} == {"1200人", "1500余人"}
    assert "1200人" in a["evidence"]["quote"] + b["evidence"]["quote"]
    # The revenue both give alike is no conflict.
    assert not any("营业收入" in p["topic"] for p in pairs if p["subject"]["name"] == "海川智造")
    card = hz_json("company", "海川智造")
    marked = {f["value"]["text"]: f.get("differs_from") for f in card["facts"] if "value" in f}
    assert marked["1200人"] == [b["id"] if a["value"]["text"] == "1200人" else a["id"]]
    assert marked["8.6亿元"] is None


def test_a_company_named_in_two_sources_has_the_evidence_and_mentions_of_both() -> None:
    ids = _ids()
    card = hz_json("company", "海川智造")
    assert {e["source"] for e in card["evidence"]} == {ids["haichuan-a.txt"], ids["haichuan-b.txt"]}
    assert [m["source"] for m in card["other_mentions"]] == [ids["haichuan-b.txt"]]
    assert {f["evidence"]["source"] for f in card["facts"]} == {
        ids["haichuan-a.txt"],
        ids["haichuan-b.txt"],
    }


def test_the_timeline_orders_every_source_by_date_and_takes_bounds() -> None:
    rows = hz_json("timeline")
    firsts = [_first_day(r) for r in rows]
    assert firsts == sorted(firsts)
    assert len({r["evidence"]["source"] for r in rows}) >= 3
    inside = hz_json("timeline", "--since", "2025-03", "--until", "2025-03-31")
    assert inside and all(_overlaps(r, "2025-03-01", "2025-03-31") for r in inside)
    assert any(r.get("date") == "2025-03-12" for r in inside)
    assert len(inside) < len(rows)
    bad = runner.invoke(app, ["timeline", "--since", "2025-13"])
    assert bad.exit_code == 2 and "--since" in bad.stderr


@pytest.mark.parametrize(
    ("chinese", "iso"),
    [
        ("2025年", "2025"),
        ("2025年3月", "2025-03"),
        ("2025年3月12日", "2025-03-12"),
        ("２０２５年０３月", "2025-03"),
        ("2025年3月12号", "2025-03-12"),
    ],
)
def test_the_timeline_takes_a_date_written_in_chinese(chinese: str, iso: str) -> None:
    # hz reads Chinese articles, and its dates are written so there: --since 2025年3月 was
    # "invalid date".
    for option in ("--since", "--until"):
        assert hz_json("timeline", option, chinese) == hz_json("timeline", option, iso)
    for bad in ("2025年2月30日", "2025年13月", "2025年3", "25年3月", "2025年3月12"):
        done = runner.invoke(app, ["timeline", "--since", bad])
        assert done.exit_code == 2 and done.stderr.count("\n") == 1, (bad, done.stderr)


def _first_day(row: dict[str, Any]) -> str:
    date = str(row.get("date") or row["year"])
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def _overlaps(row: dict[str, Any], low: str, high: str) -> bool:
    date = str(row.get("date") or row["year"])
    return date <= high[: len(date)] and date >= low[: len(date)]


def test_an_amount_in_euros_is_listed_but_never_compared_without_a_rate(tmp_path: Path) -> None:
    db = str(tmp_path / "euro.json")
    assert runner.invoke(app, ["--db", db, "init", "--from-shipped"]).exit_code == 0
    added = runner.invoke(app, ["--db", db, "add", str(CORPUS / "euro-project.txt")])
    assert added.exit_code == 0, added.stderr
    rows = hz_json("--db", db, "projects")
    (euro,) = [r for r in rows if any(a["value"].get("currency") == "EUR" for a in r["amounts"])]
    (amount,) = euro["amounts"]
    assert amount["value"]["minor"] == 150_000_000_00 and "converted" not in amount
    assert rows[-1]["id"] == euro["id"] or not rows[-1]["amounts"]  # sorted after the yuan
    over = hz_json("--db", db, "projects", "--min-invest", "1亿")
    assert over and euro["id"] not in {r["id"] for r in over}
    # What the bound left out is said, on stderr, with the bound that finds it.
    said = runner.invoke(app, ["--db", db, "projects", "--min-invest", "1亿", "--json"])
    assert json.loads(said.stdout) == over
    assert said.stderr.count("\n") == 1 and "EUR" in said.stderr and "1亿欧元" in said.stderr
    found = hz_json("--db", db, "projects", "--min-invest", "1亿欧元")
    assert [r["id"] for r in found] == [euro["id"]]
    plain = runner.invoke(app, ["--db", db, "projects", "--json"])
    assert plain.stderr == ""  # no bound, nothing left out
    table = runner.invoke(app, ["--db", db, "projects"])
    assert table.exit_code == 0 and "1.5亿欧元" in table.stdout


@pytest.mark.parametrize(
    "command",
    ["companies", "people", "policies", "stats", "timeline", "projects", "conflicts", "sources"],
)
def test_every_list_pages_into_slices_of_the_whole(command: str) -> None:
    every = [r.get("id") or json.dumps(r, sort_keys=True) for r in hz_json(command)]
    assert every, command
    for limit, offset in ((1, 0), (2, 1), (3, len(every) - 1), (5, len(every) + 3)):
        rows = hz_json(command, "--limit", str(limit), "--offset", str(offset))
        got = [r.get("id") or json.dumps(r, sort_keys=True) for r in rows]
        assert got == every[offset : offset + limit], (command, limit, offset)
    assert hz_json(command, "--limit", "0") == []
    bad = runner.invoke(app, [command, "--limit", "-1"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    # Counts past any list (and past what Python can slice an iterator by) mean its end.
    huge = str(10**30)
    assert hz_json(command, "--limit", huge) == hz_json(command)
    assert hz_json(command, "--offset", huge, "--limit", huge) == []


def test_the_zone_pages_its_facts_and_statistics_alike() -> None:
    whole = hz_json("zone")
    for limit, offset in ((1, 0), (2, 3), (4, 10**30)):
        part = hz_json("zone", "--limit", str(limit), "--offset", str(offset))
        for key in ("facts", "statistics"):
            assert part[key] == whole[key][offset : offset + limit], (key, limit, offset)
    assert len(whole["facts"]) > 4 and len(whole["statistics"]) > 4


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--since", "2025-02-29"),  # 2025 is no leap year
        ("--until", "2023-02-29"),
        ("--since", "٢٠٢٥"),  # Arabic-Indic digits are not the ASCII ones full-width forms are
        ("--until", "２٠٢٥-05"),
        ("--since", ""),
        ("--until", ""),
    ],
)
def test_a_date_that_is_none_is_a_usage_error(option: str, value: str) -> None:
    result = runner.invoke(app, ["timeline", option, value, "--json"])
    assert result.exit_code == 2, result.stdout
    assert option in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_leap_day_is_a_date() -> None:
    rows = hz_json("timeline", "--since", "2024-02-29", "--until", "２０２４-０２-２９")
    assert all(_overlaps(r, "2024-02-29", "2024-02-29") for r in rows)


def test_bounds_given_the_wrong_way_round_are_a_usage_error() -> None:
    result = runner.invoke(app, ["timeline", "--since", "2026", "--until", "2025-06", "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--since" in result.stderr and "--until" in result.stderr
    assert result.stderr.count("\n") == 1
    # One day, or a month with a day of it, is no reversal.
    assert hz_json("timeline", "--since", "2025-03-12", "--until", "2025-03") != []
    assert hz_json("timeline", "--since", "2025-03", "--until", "2025-03-12") != []


@pytest.mark.parametrize("typed", ["QDHZ-2026", " ｑｄｈｚ－２０２６ ", "Qdhz-2026\t"])
def test_a_source_id_is_read_by_the_rule_every_value_is(typed: str) -> None:
    """Case, full-width forms and spaces at either end do not matter, as for every value."""
    block = hz_json("source", typed, "３")
    assert block["source"] == "qdhz-2026" and block["n"] == 3
    assert hz_json("source", typed)["id"] == "qdhz-2026"
    for command in ("companies", "timeline", "projects"):  # projects: the start-up path
        assert hz_json(command, "--source", typed) == hz_json(command, "--source", "qdhz-2026")


def test_an_id_that_folds_to_two_sources_names_both(tmp_path: Path) -> None:
    from hightech_cli import query
    from hightech_cli.errors import NotFound

    ids = ["qdhz-2026", "QDHZ-2026", "other"]
    assert query.resolve_source("QDHZ-2026", ids) == "QDHZ-2026"  # as written first
    with pytest.raises(NotFound) as found:
        query.resolve_source("Qdhz-2026", ids)
    assert "qdhz-2026" in str(found.value) and "QDHZ-2026" in str(found.value)


def test_an_id_rows_cite_but_the_store_lacks_is_no_source(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``hz sources`` lists what ``hz source`` knows: a cited id that is no source of the store
    is named on stderr, not listed as a source with nothing in it."""
    doc = read_store_file(corpus)
    meta = next(iter(doc["meta"].values()))
    gone = meta["sources"].pop()  # its paragraphs, entities and facts still cite it
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("HZ_DB", str(damaged))
    listed = runner.invoke(app, ["sources", "--json"])
    assert listed.exit_code == 0
    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert ids == [src["id"] for src in meta["sources"]] and gone["id"] not in ids
    assert listed.stderr.count("\n") == 1 and gone["id"] in listed.stderr
    assert "hz check" in listed.stderr
    unknown = runner.invoke(app, ["source", gone["id"]])
    assert unknown.exit_code == 1 and gone["id"] in unknown.stderr
    assert runner.invoke(app, ["sources", "--json"], env={"HZ_DB": str(corpus)}).stderr == ""
