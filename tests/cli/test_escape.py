"""Hostile text in every field and every output format: nothing a terminal acts on, nothing
hidden, Markdown that renders as text, JSON that decodes to the exact value.

The set of hidden characters is derived here from ``unicodedata``, independently of the
ranges ``cli/escape.py`` writes out, and the two are compared over every code point.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from helpers import SHIPPED
from hightech_cli.cli.app import app
from hightech_cli.cli.escape import dumps, hidden_pattern, json_text, shown
from hightech_cli.cli.render import Column, Format, csv_cell, emit_card, emit_list, md_cell

# Characters of another category that render as nothing (fillers, joiners, selectors).
_INVISIBLE_OTHERS = (
    {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0}
    | set(range(0x180B, 0x1810))
    | set(range(0xFE00, 0xFE10))
    | set(range(0xE0100, 0xE01F0))
)


def is_hidden(c: str) -> bool:
    """What must never reach a terminal raw: controls, format characters, separators other
    than the plain and the ideographic space, surrogates, and the invisible others."""
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return True
    if cat == "Zs":
        return c not in (" ", "\u3000")
    return ord(c) in _INVISIBLE_OTHERS


def raw_hidden(text: str, *, allowed: str = "") -> list[str]:
    return [c for c in text if is_hidden(c) and c not in allowed]


def test_the_written_out_ranges_are_the_derived_set() -> None:
    pattern = hidden_pattern()
    wrong = [
        hex(cp)
        for cp in range(sys.maxunicode + 1)
        if bool(pattern.match(chr(cp))) != is_hidden(chr(cp))
    ]
    assert wrong == [], (
        f"escape.py misses or adds {wrong[:20]} (Unicode {unicodedata.unidata_version})"
    )


# Attacks a terminal or a reader meets: CSI, OSC 52 (clipboard), OSC 8 links, bidi, C1 CSI,
# zero-width look-alikes, tag characters, and Markdown/HTML that would run or link.
ATTACKS = [
    "\x1b[2J\x1b[H",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31m",
    "\u202eevil\u202c",
    "小优\u200b智能",
    "\U000e0041\U000e0042",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "![i](http://evil/t.png)",
    "<javascript:alert(1)>",
    "&lt;b&gt; `code` *em* _u_ ~~s~~ | pipe \\",
    '=HYPERLINK("http://evil")',
    "line\r\nbreak\u2028sep\u0085nel\tTab",
]
hidden_chars = st.characters(
    codec=None, categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Zs")
) | st.sampled_from([chr(c) for c in sorted(_INVISIBLE_OTHERS)][:40])
hostile = st.one_of(
    st.sampled_from(ATTACKS),
    st.text(st.characters(codec=None) | hidden_chars, max_size=40),
    st.lists(st.sampled_from(ATTACKS) | st.text(hidden_chars, max_size=3), max_size=4).map(
        "青岛".join
    ),
)


@given(hostile)
def test_shown_text_holds_nothing_hidden(text: str) -> None:
    out = shown(text)
    assert raw_hidden(out) == []
    assert "\n" not in out


@given(st.text(max_size=10), hidden_chars, st.text(max_size=10))
def test_a_hidden_character_never_displays_as_nothing(a: str, z: str, b: str) -> None:
    """Look-alikes: a name with a hidden character inside never looks like the name without."""
    if "\\" in a + b or re.search(r"[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]", a + z + b):
        return  # breaks become a space; a literal backslash could mimic an escape
    assert shown(a + z + b) != shown(a + b)


@given(hostile)
def test_json_escapes_hidden_characters_and_keeps_the_value(text: str) -> None:
    data = {"name": text, "list": [text, {"k": text}]}
    # The standard encoder's reading is the oracle: JSON cannot tell a lone surrogate pair
    # from the character it encodes, so neither can hz; anything else comes back exact.
    expected = json.loads(json.dumps(data))
    for out in (dumps(data), dumps(data, indent=2), json_text(json.dumps(data))):
        assert raw_hidden(out, allowed="\n") == []
        assert json.loads(out) == expected
    assert "\\u" not in dumps({"name": "青岛高新区 Haier"})  # readable text stays as it is


_MD = MarkdownIt("commonmark").enable("table")
_ALLOWED_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "/table", "/thead", "/tbody"}
_ALLOWED_TAGS |= {"/tr", "/th", "/td"}


@given(hostile)
def test_markdown_cells_render_as_their_text_only(text: str) -> None:
    table = f"| h |\n|---|\n| {md_cell(text)} |\n"
    rendered = _MD.render(table)
    tags = {m.group(1) for m in re.finditer(r"<(/?[a-zA-Z][a-zA-Z0-9]*)", rendered)}
    assert tags <= _ALLOWED_TAGS, rendered
    assert "href" not in rendered and "src=" not in rendered.replace("src=x", "")
    cell = re.search(r"<td>(.*?)</td>", rendered, re.S)
    got = html.unescape(cell.group(1)) if cell else ""
    assert got.strip() == shown(text).strip()  # a cell is trimmed


@given(hostile)
def test_csv_cells_are_shown_text_and_never_formulas(text: str) -> None:
    cell = csv_cell(text)
    assert raw_hidden(cell) == []
    assert not cell.startswith(("=", "+", "-", "@"))


COLS = [Column("name", lambda r: r["name"]), Column("note", lambda r: r["note"], wide=True)]


def _render_list(fmt: Format, rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    emit_list(rows, COLS, fmt, out=out)
    return out.getvalue()


def _check_output(fmt: Format, out: str, values: list[str]) -> None:
    if fmt in (Format.json, Format.jsonl):
        assert raw_hidden(out, allowed="\n") == []
        if fmt is Format.json:
            decoded = json.loads(out)
        else:
            decoded = [json.loads(line) for line in out.splitlines()]
        # every value exactly as the standard encoder gives it back (see the test above)
        assert {json.loads(json.dumps(v)) for v in values} <= set(_strings(decoded))
    elif fmt is Format.csv:
        body = out.removeprefix("\ufeff")
        assert raw_hidden(body, allowed="\r\n") == []
        rows = list(csv.reader(io.StringIO(body)))
        assert all(raw_hidden(c) == [] for row in rows for c in row)
    else:
        assert raw_hidden(out, allowed="\n") == []


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


@settings(max_examples=40)
@given(st.lists(st.tuples(hostile, hostile), min_size=1, max_size=3), st.sampled_from(Format))
def test_every_format_of_a_list(rows: list[tuple[str, str]], fmt: Format) -> None:
    data = [{"name": a, "note": b} for a, b in rows]
    out = _render_list(fmt, data)
    _check_output(fmt, out, [v for pair in rows for v in pair])


@settings(max_examples=40)
@given(hostile, hostile, st.sampled_from(Format))
def test_every_format_of_a_card(title: str, value: str, fmt: Format) -> None:
    from hightech_cli.cli.render import Section

    obj = {"name": value, "rows": [{"name": value, "note": title}]}
    out = io.StringIO()
    emit_card(
        obj,
        [("name", lambda r: r["name"])],
        [Section(title, lambda r: r["rows"], COLS)],
        fmt,
        title=title,
        out=out,
    )
    _check_output(fmt, out.getvalue(), [value, title])


# ------------------------------------------------------------------ through the commands


def _plant(store: dict[str, Any], text: str) -> dict[str, Any]:
    """The shipped store with ``text`` in every text field of a company, a fact and a block id."""
    for entity in store["entities"].values():
        if entity["id"] == "company:xiaoyou":
            entity["summary"] = text
            entity["industry"] = text
            entity["aliases"] = [*entity["aliases"], text]
            entity["notes"] = [text]
    fact = next(f for f in store["facts"].values() if f["subject"] == "company:xiaoyou")
    fact["topic"] = text
    fact["text"] = "智能" + text
    fact["id"] = "x." + text
    broken = next(f for f in store["facts"].values() if f["subject"] != "company:xiaoyou")
    broken["id"] = "y." + text  # a record id and a value that hz check prints
    broken["subject"] = "company:" + text
    return store


runner = CliRunner()
COMMAND_LINES = [
    ["company", "小优智能"],
    ["companies"],
    ["search", "智能"],
    ["stats"],
    ["check"],
]


# Every attack at once, with a sample of every kind of hidden character (a lone surrogate
# too: a JSON store can hold one as an escape), so one store exercises each command once.
EVERYTHING = (
    "".join(ATTACKS)
    + "".join(chr(c) for c in (0x0, 0x7F, 0x85, 0xA0, 0xAD, 0x61C, 0x180E, 0x2066, 0x2800, 0x3164))
    + "\ud800\ufeff\U000e0001\ufe0f"
)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("hostile") / "hostile.json"
    planted = _plant(json.loads(json.dumps(SHIPPED)), EVERYTHING)
    path.write_text(json.dumps(planted), encoding="ascii")  # the surrogate as an escape
    return path, planted


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
@pytest.mark.parametrize("fmt", list(Format), ids=str)
def test_hostile_store_text_through_every_command_and_format(
    hostile_store: tuple[Path, dict[str, Any]], args: list[str], fmt: Format
) -> None:
    path, _ = hostile_store
    result = runner.invoke(app, ["--db", str(path), *args, "-f", fmt.value])
    assert result.exit_code in (0, 1), result.output
    if args[0] in ("company", "companies", "check"):
        assert "x1b" in result.stdout or "u001b" in result.stdout  # there, and made inert
    _check_output(fmt, result.stdout, [])
    assert raw_hidden(result.stderr, allowed="\n") == []


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_export_escapes_and_keeps_every_value(
    hostile_store: tuple[Path, dict[str, Any]], fmt: str
) -> None:
    path, planted = hostile_store
    out = runner.invoke(app, ["--db", str(path), "export", "-f", fmt]).stdout
    assert raw_hidden(out, allowed="\n") == []
    if fmt == "json":
        assert json.loads(out) == planted
    else:
        assert EVERYTHING in {r.get("summary") for r in map(json.loads, out.splitlines())}


def test_export_csv_is_shown_text(hostile_store: tuple[Path, dict[str, Any]]) -> None:
    path, _ = hostile_store
    out = runner.invoke(app, ["--db", str(path), "export", "-f", "csv", "-k", "entities"]).stdout
    assert raw_hidden(out.removeprefix("\ufeff"), allowed="\r\n") == []


def test_an_error_message_never_carries_the_hidden_text() -> None:
    result = runner.invoke(app, ["company", "x\x1b]52;c;aGk=\x07\u200b"])
    assert result.exit_code == 1
    assert raw_hidden(result.stderr, allowed="\n") == []
    assert "\\x1b]52;c;aGk=\\x07\\u200b" in result.stderr


def test_look_alike_names_display_differently(tmp_path: Path, store_data: dict[str, Any]) -> None:
    store = json.loads(json.dumps(store_data))
    twin = dict(next(e for e in store["entities"].values() if e["id"] == "company:xiaoyou"))
    twin.update(id="company:twin", name="小优\u200b智能", aliases=[], evidence=twin["evidence"])
    store["entities"]["999"] = twin
    path = tmp_path / "twins.json"
    path.write_text(json.dumps(store, ensure_ascii=False), encoding="utf-8")
    table = runner.invoke(app, ["--db", str(path), "companies"]).stdout
    assert "小优\\u200b智能" in table and "小优智能" in table


@pytest.mark.parametrize("fmt", ["md", "csv", "jsonl"])
def test_check_keeps_its_problems_in_every_format(tmp_path: Path, store_data, fmt: str) -> None:
    store = json.loads(json.dumps(store_data))
    fact = next(iter(store["facts"].values()))
    fact["subject"] = "company:nobody"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(store, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["--db", str(path), "check", "-f", fmt])
    assert result.exit_code == 1
    assert "company:nobody" in result.stdout and fact["id"] in result.stdout
