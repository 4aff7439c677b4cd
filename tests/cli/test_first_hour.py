"""The first hour of a new user: a store that answers, the README's walkthrough as written,
global options anywhere, help in words, one rule for every value, negative numbers."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import ROOT, SHIPPED_PATH
from hightech_cli import __main__ as entry
from hightech_cli.cli import values
from hightech_cli.cli.app import app
from hightech_cli.errors import UsageError

runner = CliRunner()


def run(*args: str, **kw: Any) -> Any:
    return runner.invoke(app, list(args), **kw)


def via_main(args: list[str], capsys: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """hz as the ``hz`` command runs it: the start-up path first, then Typer."""
    import gc

    monkeypatch.setattr(sys, "argv", ["hz", *args])
    try:
        entry.main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        gc.enable()
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ a new store


def _readme_walkthrough() -> tuple[list[list[str]], str, str]:
    """The README's init + import walkthrough: its commands, its printed line, its file."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("    $ hz init\n") :]
    block = block[: block.index("\n\n", block.index("# new.jsonl"))]
    commands = [line[6:].split()[1:] for line in block.splitlines() if line.startswith("    $ hz ")]
    printed = next(
        line.strip() for line in block.splitlines() if line.startswith("    ") and "added" in line
    )
    record = block.splitlines()[-1].strip()
    return commands, printed, record


def test_the_readme_walkthrough_runs_as_written(
    own_stores: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_DATA_HOME")  # the README's path is the default one, under ~
    monkeypatch.chdir(tmp_path)
    commands, printed, record = _readme_walkthrough()
    assert commands == [["init"], ["import", "new.jsonl"]]
    (tmp_path / "new.jsonl").write_text(record + "\n", encoding="utf-8")
    assert run(*commands[0]).exit_code == 0
    done = run(*commands[1])
    assert done.exit_code == 0, done.output
    home = str(tmp_path / "home")
    assert done.stdout.strip() == printed.replace("~", home)


def test_a_plain_init_answers_as_the_shipped_store(own_stores: None) -> None:
    assert run("init").exit_code == 0
    shipped = run("--db", str(SHIPPED_PATH), "company", "小优智能", "--json").stdout
    assert run("company", "小优智能", "--json").stdout == shipped
    assert json.loads(run("companies", "--json").stdout)


def test_an_empty_store_says_so_and_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    made = run("--db", str(path), "init", "--empty", "--json")
    assert json.loads(made.stdout)["counts"]["facts"] == 0
    table = run("--db", str(path), "companies")
    assert table.exit_code == 0
    assert "empty" in table.stdout and "empty.json" in table.stdout
    listing = run("--db", str(path), "companies", "--json")
    assert (listing.exit_code, listing.stdout) == (0, "[]\n")
    assert "empty.json is empty" in listing.stderr
    miss = run("--db", str(path), "company", "小优智能")
    assert miss.exit_code == 1
    assert "empty.json is empty" in miss.stderr and miss.stderr.count("\n") == 1


def test_a_miss_in_a_full_store_says_nothing_about_emptiness() -> None:
    miss = run("company", "不存在的公司")
    assert miss.exit_code == 1 and "empty" not in miss.stderr
    assert run("stats", "不存在的词").stdout.strip() == "nothing matched"


def test_init_empty_and_from_shipped_conflict(tmp_path: Path) -> None:
    done = run("--db", str(tmp_path / "s.json"), "init", "--empty", "--from-shipped")
    assert done.exit_code == 2 and not (tmp_path / "s.json").exists()


# ------------------------------------------------------------------ --db after the command


@pytest.mark.parametrize(
    "args",
    [
        ["company", "小优智能", "--json"],
        ["projects", "--json"],
        ["companies", "--json"],
        ["stats", "企业", "--json"],
        ["check", "--json"],
    ],
    ids=" ".join,
)
def test_db_after_the_command_on_both_paths(
    args: list[str], tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HZ_DB", str(tmp_path / "never-read.json"))
    before = via_main(["--db", str(SHIPPED_PATH), *args], capsys, monkeypatch)
    after = via_main([*args, "--db", str(SHIPPED_PATH)], capsys, monkeypatch)
    middle = via_main([args[0], "--db", str(SHIPPED_PATH), *args[1:]], capsys, monkeypatch)
    assert before[0] == 0, before
    assert before == after == middle


def test_db_twice_with_different_paths_is_a_usage_error(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for command in (["company", "小优智能"], ["companies"]):
        code, out, err = via_main(
            ["--db", str(SHIPPED_PATH), *command, "--db", str(tmp_path / "x.json")],
            capsys,
            monkeypatch,
        )
        assert (code, out) == (2, "") and "--db" in err


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--json", "companies"], ["companies", "--json"]),
        (["--json", "company", "小优智能"], ["company", "小优智能", "--json"]),
        (["-f", "csv", "--db", "SHIPPED", "stats"], ["--db", "SHIPPED", "stats", "-f", "csv"]),
        (["--format=md", "timeline"], ["timeline", "--format=md"]),
        (["--json", "check"], ["check", "--json"]),
    ],
    ids=lambda args: " ".join(args),
)
def test_output_options_before_the_command_are_the_command_s(
    before: list[str], after: list[str], capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = [str(SHIPPED_PATH) if a == "SHIPPED" else a for a in before]
    given_before = via_main(shipped, capsys, monkeypatch)
    given_after = via_main(
        [str(SHIPPED_PATH) if a == "SHIPPED" else a for a in after], capsys, monkeypatch
    )
    assert given_before[0] == 0 and given_before[1], given_before
    assert given_before == given_after


def test_an_output_option_a_command_lacks_is_its_usage_error(
    capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = via_main(["--json", "export"], capsys, monkeypatch)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "--json" in err and "hz export --help" in err
    assert values.output_after_command(["--json"]) == ["--json"]  # no command: the app judges
    assert values.output_after_command(["--db", "--json", "company", "x"]) == [
        "--db",
        "--json",
        "company",
        "x",
    ]


@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        (["export", "--json"], None),  # close to the hidden --version only
        (["--json", "export"], None),
        (["export", "--fomat", "csv"], "--format"),
        (["companies", "--jsn"], "--json"),
    ],
)
def test_an_unknown_option_suggests_only_what_the_help_shows(
    args: list[str], suggested: str | None, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = via_main(args, capsys, monkeypatch)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "No such option" in err
    assert "--version" not in err
    if suggested is None:
        assert "Possible" not in err and "Did you mean" not in err
    else:
        assert suggested in err


def test_db_after_the_command_writes_there(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    assert run("init", "--db", str(path)).exit_code == 0
    assert path.exists()


def test_completion_reads_the_store_given_by_db(tmp_path: Path, store_data: dict[str, Any]) -> None:
    store = json.loads(json.dumps(store_data))
    for entity in store["entities"].values():
        if entity["id"] == "company:xiaoyou":
            entity.update(name="小优测试公司", aliases=[])
    other = tmp_path / "other.json"
    other.write_text(json.dumps(store, ensure_ascii=False), encoding="utf-8")

    def complete(words: str) -> str:
        env = {
            "_HZ_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
        return runner.invoke(app, [], env=env, prog_name="hz").stdout

    assert "小优测试公司" in complete(f"hz --db {other} company 小")
    assert "小优测试公司" in complete(f"hz company --db {other} 小")
    assert "小优智能" in complete("hz company 小")


# ------------------------------------------------------------------ help in words


def _helps() -> dict[str, str]:
    import typer

    names = list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    return {name: run(name, "--help", prog_name="hz").stdout for name in names}


def test_help_shows_words_not_python_types() -> None:
    for name, text in _helps().items():
        assert not re.search(r"<[a-z][a-z |\[\]]*>|\{[a-zA-Z_.]+\}|\[x>=", text), (name, text)
        assert "--db" not in text.split("Options:")[-1] or name == "init"


def test_arguments_are_named_in_capitals() -> None:
    helps = _helps()
    assert "Usage: hz company [OPTIONS] NAME" in helps["company"]
    assert "Usage: hz source [OPTIONS] [ID] [N]" in helps["source"]
    assert "Usage: hz search [OPTIONS] TERM..." in helps["search"]
    assert "Usage: hz import [OPTIONS] FILE" in helps["import"]


def test_sort_states_its_default_once() -> None:
    text = run("projects", "--help").stdout
    assert text.count("default") == text.count("(the default)") + text.count("(default:")
    assert "[default: amount]" not in text and "amount (the default)" in text


# ------------------------------------------------------------------ one rule for every value


@settings(max_examples=60)
@given(
    st.sampled_from(["json", "table", "md", "name", "amount", "year", "21", "2亿", "usd 100m"]),
    st.data(),
)
def test_case_width_and_spaces_never_change_a_value(canonical: str, data: st.DataObject) -> None:
    def variant(c: str) -> str:
        c = data.draw(st.sampled_from([c, c.upper()]))
        if "!" <= c <= "~" and data.draw(st.booleans()):
            c = chr(ord(c) + 0xFEE0)  # its full-width form
        return c

    spaced = data.draw(st.sampled_from(["", " ", "  "]))
    text = spaced + "".join(variant(c) for c in canonical) + data.draw(st.sampled_from(["", " "]))
    if canonical == "2亿":
        text = text.replace("亿", data.draw(st.sampled_from(["亿", " 亿"])))
    assert values.folded(text) == canonical


@pytest.mark.parametrize(
    ("given_args", "canonical"),
    [
        (["projects", "-f", "JSON"], ["projects", "-f", "json"]),
        (["projects", "-f", "ｊｓｏｎ"], ["projects", "-f", "json"]),
        (["projects", "--sort", "NAME", "--json"], ["projects", "--sort", "name", "--json"]),
        (["projects", "--sort", " Ｙｅａｒ ", "--json"], ["projects", "--sort", "year", "--json"]),
        (
            ["projects", "--min-invest", "2 亿", "--json"],
            ["projects", "--min-invest", "2亿", "--json"],
        ),
        (
            ["projects", "--max-invest", "USD 100M", "--json"],
            ["projects", "--max-invest", "usd100m", "--json"],
        ),
        (
            ["projects", "--usd-cny", "７．１", "--json"],
            ["projects", "--usd-cny", "7.1", "--json"],
        ),
        (["company", "小优智能", "-f", "MD"], ["company", "小优智能", "-f", "md"]),
        (["source", "２１", "--json"], ["source", "21", "--json"]),
        (["source", " 21 ", "--json"], ["source", "21", "--json"]),
        (["stats", "-f", "CSV"], ["stats", "-f", "csv"]),
        (["check", "-f", "JSONL"], ["check", "-f", "jsonl"]),
        (["export", "-f", "CSV", "-k", "FACTS"], ["export", "-f", "csv", "-k", "facts"]),
    ],
    ids=lambda a: " ".join(a),
)
def test_every_option_value_and_argument_folds_alike(
    given_args: list[str], canonical: list[str], capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = via_main(given_args, capsys, monkeypatch)
    want = via_main(canonical, capsys, monkeypatch)
    assert want[0] == 0, want
    assert got == want


@pytest.mark.parametrize("bad", ["jsn", "ｘ", "json table"])
def test_a_bad_word_names_the_choices(bad: str) -> None:
    with pytest.raises(UsageError, match="json"):
        values.word(bad, ["table", "json"], "format")
    done = run("companies", "-f", bad)
    assert done.exit_code == 2 and "table" in done.stderr


# ------------------------------------------------------------------ negative numbers


@pytest.mark.parametrize("number", ["-1", "－１", "-0", "-21"])
def test_a_negative_paragraph_is_a_bad_paragraph(number: str) -> None:
    done = run("source", number)
    assert done.exit_code == 2
    assert "paragraph" in done.stderr and "No such option" not in done.stderr


def test_a_negative_number_is_an_argument_wherever_it_stands() -> None:
    assert run("stats", "-5", "--json").stdout == "[]\n"
    assert run("search", "-5", "青岛", "--json").exit_code == 0
    miss = run("company", "-1")
    assert miss.exit_code == 1 and "-1" in miss.stderr
    assert run("source", "--json", "-1").exit_code == 2
    assert run("stats", "--bogus").exit_code == 2  # an unknown option is still one


@pytest.mark.parametrize("term", ["-2%", "-12.5%", "－2％", "-5亿元", "-40℃", "-1.5万"])
def test_a_negative_figure_is_an_argument_too(term: str) -> None:
    # Only a bare number was: hz search -2% said "No such option: -2", and hz stats -5亿元
    # "No such option: -5", though hz has no option that begins with a digit.
    for command in ("search", "stats"):
        done = run(command, term, "--json")
        assert done.exit_code == 0, done.stderr
        assert json.loads(done.stdout) == []
    assert run("stats", "-2x").exit_code == 0  # no figure, a word: still an argument
    assert run("search", "-x").exit_code == 2  # an unknown option is still one


# ------------------------------------------------------------------ the chart


def test_the_chart_says_no_amount_once_per_project_without_one() -> None:
    rows = json.loads(run("projects", "--json").stdout)
    without = sum(1 for r in rows if r["measure"] is None)
    assert without >= 1
    chart = run("projects", "--chart").stdout
    assert chart.count("no amount") == without


def test_version_after_the_command_too() -> None:
    from hightech_cli import __version__

    for args in (["--version"], ["company", "--version"], ["stats", "企业", "--version"]):
        done = run(*args)
        assert (done.exit_code, done.stdout) == (0, f"hz {__version__}\n")
