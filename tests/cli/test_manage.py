"""hz export / import / init through Typer's runner and as processes, and hostile text on screen.

The commands live in ``cli_store.py`` and are registered on ``cli.app`` by ``cli.py``; until
then this module registers them itself for its own tests, and removes what it added.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import EVIDENCE, FACTS, SHIPPED, fact, jsonl
from hightech_cli.cli.app import app
from hightech_cli.store.document import read_store_file
from hightech_cli.store.location import shipped_store_path, user_store_path

runner = CliRunner()

COMPANY = next(e for e in SHIPPED["entities"].values() if e["kind"] == "company")
ZONE = next(e for e in SHIPPED["entities"].values() if e["kind"] == "zone")
ZONE_FIGURE = next(f for f in FACTS if f["kind"] == "quantity" and f["subject"] == ZONE["id"])

# The hz command, in a fresh process.
HZ = [sys.executable, "-m", "hightech_cli"]


@pytest.fixture(autouse=True)
def _wide(own_stores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.json"
    result = run("--db", str(path), "init", "--from-shipped")
    assert result.exit_code == 0, result.stderr
    return path


def run(*args: str, input: str | bytes | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


@pytest.mark.parametrize("command", ["check", "export", "import", "init", "index"])
def test_every_store_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example: hz " in result.stdout


# ------------------------------------------------------------------------ init


def test_init_creates_the_default_store_and_refuses_to_overwrite_it() -> None:
    result = run("init")
    assert result.exit_code == 0, result.stderr
    assert str(user_store_path()) in result.stdout
    before = user_store_path().read_bytes()

    again = run("init", "--from-shipped")
    assert again.exit_code == 1
    assert again.stdout == ""
    assert again.stderr.count("\n") == 1
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert user_store_path().read_bytes() == before

    forced = run("init", "--from-shipped", "--force", "--json")
    assert forced.exit_code == 0, forced.stderr
    report = json.loads(forced.stdout)
    assert report["replaced"] is True
    assert report["counts"]["facts"] == len(SHIPPED["facts"])
    assert Path(report["backup"]).read_bytes() == before


def test_init_refuses_the_shipped_store() -> None:
    before = shipped_store_path().read_bytes()
    result = run("--db", str(shipped_store_path()), "init", "--force")
    assert result.exit_code == 2
    assert str(shipped_store_path()) in result.stderr and "hz init" in result.stderr
    assert shipped_store_path().read_bytes() == before


# ------------------------------------------------------------------------ export


def test_export_json_is_the_store(db: Path) -> None:
    result = run("--db", str(db), "export")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == db.read_text(encoding="utf-8")


def test_export_jsonl_one_table(db: Path) -> None:
    result = run("--db", str(db), "export", "--format", "jsonl", "--kind", "facts")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(SHIPPED["facts"])
    assert {r["table"] for r in rows} == {"facts"}


def test_export_csv_needs_a_kind(db: Path) -> None:
    result = run("--db", str(db), "export", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("hz: error: ") and result.stderr.count("\n") == 1
    bad = run("--db", str(db), "export", "--kind", "people")
    assert bad.exit_code == 2


def test_export_csv(db: Path) -> None:
    result = run("--db", str(db), "export", "-f", "csv", "-k", "entities")
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == len(SHIPPED["entities"])
    assert rows[0]["id"] == next(iter(SHIPPED["entities"].values()))["id"]


def test_export_sqlite_writes_the_database_and_its_metadata(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.db"
    result = run("--db", str(db), "export", "-f", "sqlite", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert f"datasette {out} -m {tmp_path / 'corpus.metadata.json'}" in result.stdout
    assert f"{len(SHIPPED['facts'])} facts" in result.stdout
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == len(SHIPPED["facts"])
    before = out.read_bytes()

    again = run("--db", str(db), "export", "-f", "sqlite", str(out))
    assert again.exit_code == 1 and again.stdout == ""
    assert again.stderr.startswith("hz: error: already exists") and "--force" in again.stderr
    assert again.stderr.count("\n") == 1
    assert out.read_bytes() == before
    forced = run("--db", str(db), "export", "-f", "sqlite", str(out), "--force")
    assert forced.exit_code == 0, forced.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-f", "sqlite"],  # no file
        ["export", "-f", "sqlite", "-k", "facts", "x.db"],  # one table
        ["export", "x.db"],  # a file for a format that goes to stdout
        ["export", "-f", "jsonl", "--force"],
        ["export", "-f", "sqlite", "-"],  # a database cannot go to stdout
        ["export", "-f", "sqlite", "x.db", "--metadata", "-"],
    ],
)
def test_export_sqlite_usage_errors(
    db: Path, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("--db", str(db), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("hz: error: ") and result.stderr.count("\n") == 1
    assert list(here.iterdir()) == []  # no file named "-", nor any other


def test_export_sqlite_refuses_a_directory_and_the_store(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    for target in (tmp_path, db):
        result = run("--db", str(db), "export", "-f", "sqlite", str(target), "--force")
        assert result.exit_code == 1
        assert result.stderr.startswith("hz: error: ") and result.stderr.count("\n") == 1
    assert db.read_bytes() == before


# ------------------------------------------------------------------------ import


def test_import_reports_counts_and_is_idempotent(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("t.a")), ("facts", fact("t.b"))), encoding="utf-8")
    first = run("--db", str(db), "import", str(src))
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("2 added, 0 updated, 0 unchanged")
    before = db.read_bytes()
    second = run("--db", str(db), "import", str(src), "--json")
    assert second.exit_code == 0
    assert second.stderr == ""
    report = json.loads(second.stdout)
    assert (report["added"], report["updated"], report["unchanged"]) == (0, 0, 2)
    assert report["written"] is False
    assert db.read_bytes() == before
    assert run("--db", str(db), "check").exit_code == 0


def test_import_from_stdin(db: Path) -> None:
    result = run("--db", str(db), "import", "-", input=jsonl(("facts", fact("t.in"))))
    assert result.exit_code == 0, result.stderr
    assert "1 added" in result.stdout


def test_dry_run_writes_nothing(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("t.dry"))), encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "import", "--dry-run", str(src))
    assert result.exit_code == 0
    assert "1 added" in result.stdout and "dry run" in result.stdout
    assert db.read_bytes() == before


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_an_article_given_to_import_points_to_add(db: Path, tmp_path: Path, codec: str) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes("高新区新闻\n\n某某公司总投资5亿元的项目开工。\n".encode(codec))
    records = tmp_path / "numbers.jsonl"
    records.write_text("1\n2\n", encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "import", str(article))
    assert result.exit_code == 1 and result.stdout == ""
    assert "an article is added with 'hz add FILE'" in result.stderr.splitlines()[0]
    other = run("--db", str(db), "import", str(records))
    assert other.exit_code == 1 and "hz add" not in other.stderr  # no article: no such hint
    assert db.read_bytes() == before


def test_a_bad_file_lists_every_problem_then_one_summary(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text(
        jsonl(
            ("facts", fact("t.ok")),
            ("facts", fact("t.who", subject="company:nobody")),
            ("facts", fact("t.where", evidence={**EVIDENCE, "paragraph": 9999})),
        ),
        encoding="utf-8",
    )
    before = db.read_bytes()
    result = run("--db", str(db), "import", str(src))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("hz: error: import rejected: 2 problems in ")
    assert str(db) in lines[-1]
    problems = lines[:-1]
    assert len(problems) == 2
    assert all(line.startswith("hz: problem: facts ") for line in problems)
    assert "t.who (line 2): subject: unknown entity 'company:nobody'" in problems[0]
    assert "t.where (line 3): evidence.paragraph: no paragraph 9999" in problems[1]
    assert db.read_bytes() == before


def test_import_usage_errors_exit_2(db: Path, tmp_path: Path) -> None:
    missing = run("--db", str(db), "import", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 2
    assert "import file not found" in missing.stderr
    no_arg = run("--db", str(db), "import")
    assert no_arg.exit_code == 2


def test_import_refuses_the_shipped_store(tmp_path: Path) -> None:
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("t.s"))), encoding="utf-8")
    before = shipped_store_path().read_bytes()
    result = run("--db", str(shipped_store_path()), "import", str(src))
    assert result.exit_code == 2
    assert str(shipped_store_path()) in result.stderr and "hz init" in result.stderr
    assert shipped_store_path().read_bytes() == before


def test_import_without_a_user_store_points_to_init(tmp_path: Path) -> None:
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("t.s"))), encoding="utf-8")
    result = run("import", str(src))
    assert result.exit_code == 1
    assert str(user_store_path()) in result.stderr and "hz init" in result.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\xff", b'{"meta": {"1": {}}', b"[]"])
def test_import_into_a_damaged_store_fails_cleanly(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "damaged.json"
    target.write_bytes(content)
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("t.d"))), encoding="utf-8")
    result = run("--db", str(target), "import", str(src))
    assert result.exit_code == 1
    assert result.stderr.startswith("hz: error: store ") and result.stderr.count("\n") == 1
    assert str(target) in result.stderr
    assert target.read_bytes() == content


# ------------------------------------------------------------------------ hostile text

HOSTILE = "[bold]x[/] \x1b[31mRED\x1b[0m a\rb \u202etxet [link=https://e.vil]click[/link]"
FORMULA = '=HYPERLINK("https://e.vil","x")'


@pytest.fixture
def hostile_db(db: Path, tmp_path: Path) -> Path:
    src = tmp_path / "hostile.jsonl"
    about_company = fact("t.hostile", HOSTILE, subject=COMPANY["id"], topic=FORMULA)
    figure = {**ZONE_FIGURE, "id": "t.formula", "text": FORMULA, "topic": "+SUM(1,2)"}
    src.write_text(jsonl(("facts", about_company), ("facts", figure)), encoding="utf-8")
    result = run("--db", str(db), "import", str(src))
    assert result.exit_code == 0, result.stderr
    return db


def _no_control(text: str) -> None:
    assert "\x1b" not in text
    assert "\r" not in text
    assert "\u202e" not in text


def test_hostile_text_is_neutralised_in_tables(hostile_db: Path) -> None:
    result = run("--db", str(hostile_db), "company", COMPANY["name"])
    assert result.exit_code == 0, result.stderr
    _no_control(result.stdout)
    assert "[31mRED" in result.stdout  # the escape sequence is shown as text, without its ESC
    assert "txet" in result.stdout
    stats = run("--db", str(hostile_db), "stats")
    assert stats.exit_code == 0
    _no_control(stats.stdout)
    assert FORMULA in stats.stdout


def test_hostile_markup_is_shown_literally_in_tables(hostile_db: Path) -> None:
    result = run("--db", str(hostile_db), "company", COMPANY["name"])
    assert "[bold]x[/]" in result.stdout
    assert "[link=https://e.vil]click[/link]" in result.stdout
    assert "\\[" not in result.stdout  # no escaping backslash shows


def test_a_trailing_backslash_is_shown_once(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "bs.jsonl"
    src.write_text(
        jsonl(("facts", fact("t.bs", "路径 C:\\", subject=COMPANY["id"]))), encoding="utf-8"
    )
    assert run("--db", str(db), "import", str(src)).exit_code == 0
    result = run("--db", str(db), "company", COMPANY["name"])
    assert "路径 C:\\ " in result.stdout or "路径 C:\\│" in result.stdout
    assert "C:\\\\" not in result.stdout


def test_hostile_text_is_exact_in_json(hostile_db: Path) -> None:
    result = run("--db", str(hostile_db), "company", COMPANY["name"], "--json")
    assert result.exit_code == 0
    facts = {f["id"]: f for f in json.loads(result.stdout)["facts"]}
    assert facts["t.hostile"]["text"] == HOSTILE
    assert facts["t.hostile"]["topic"] == FORMULA


def test_formulas_are_guarded_in_csv(hostile_db: Path) -> None:
    result = run("--db", str(hostile_db), "stats", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells
    assert "'+SUM(1,2)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    export = run("--db", str(hostile_db), "export", "-f", "csv", "-k", "facts")
    cells = [c for row in csv.reader(io.StringIO(export.stdout.lstrip("\ufeff"))) for c in row]
    assert "'" + FORMULA in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_problem_lines_are_neutralised_too(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text(
        jsonl(("facts", fact("t.\x1b[2J\u202ebad", subject="nobody\r"))), encoding="utf-8"
    )
    result = run("--db", str(db), "import", str(src))
    assert result.exit_code == 1
    _no_control(result.stderr)


# ------------------------------------------------------------------------ processes


@pytest.mark.slow
def test_hz_import_as_a_process(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("t.p"))), encoding="utf-8")
    env = {**os.environ, "HZ_DB": str(db)}
    ok = subprocess.run([*HZ, "import", str(src)], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("1 added, 0 updated, 0 unchanged")
    again = subprocess.run([*HZ, "import", str(src)], capture_output=True, text=True, env=env)
    assert again.stdout.startswith("0 added, 0 updated, 1 unchanged")
    src.write_text("{not json", encoding="utf-8")
    bad = subprocess.run([*HZ, "import", str(src)], capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert bad.stderr.splitlines()[-1].startswith("hz: error: import rejected")


@pytest.mark.slow
def test_parallel_hz_imports_all_land(db: Path, tmp_path: Path) -> None:
    procs = []
    for w in range(4):
        src = tmp_path / f"w{w}.jsonl"
        src.write_text(jsonl(*(("facts", fact(f"w{w}.{i}")) for i in range(20))), encoding="utf-8")
        procs.append(
            subprocess.Popen(
                [*HZ, "--db", str(db), "import", str(src)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.startswith("20 added")
    ids = {f["id"] for f in read_store_file(db)["facts"].values()}
    assert {f"w{w}.{i}" for w in range(4) for i in range(20)} <= ids
