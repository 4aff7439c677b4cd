"""The output layer: hostile text shown literally, machine formats untouched by Rich."""

from __future__ import annotations

import csv
import io
import json

from hightech_cli.cli.render import Column, Format, clean, csv_cell, emit_card, emit_list

HOSTILE = "[bold]x[/] [link=http://evil]y[/link] \x1b[31mred\x1b[0m\rline\u202eevil =1+1"
COLS = [Column("text", lambda r: r["text"], spans=lambda r: r.get("spans", []))]


def render(fmt: Format, rows: list[dict]) -> str:
    out = io.StringIO()
    emit_list(rows, COLS, fmt, out=out)
    return out.getvalue()


def test_table_shows_markup_literally_and_drops_control_codes() -> None:
    text = render(Format.table, [{"text": HOSTILE}])
    assert "[bold]x[/]" in text
    assert "[link=http://evil]y[/link]" in text
    assert "\x1b" not in text
    assert "\r" not in text
    assert "\u202e" not in text


def test_highlighted_cells_keep_their_text() -> None:
    text = render(Format.table, [{"text": "阿斯利康 [b]", "spans": [[0, 4]]}])
    assert "阿斯利康 [b]" in text


def test_clean() -> None:
    assert clean("a\r\nb\tc\x07\u2066d") == "a b c\\x07\\u2066d"


def test_csv_guards_formulas_and_keeps_data() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("-5") == "'-5"
    assert csv_cell("@x") == "'@x"
    assert csv_cell("+1") == "'+1"
    assert csv_cell("小优智能") == "小优智能"
    out = render(Format.csv, [{"text": "=1+1"}, {"text": "a,b\n“c”"}])
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    # a line break is one space, as in every human format
    assert rows == [["text"], ["'=1+1"], ["a,b “c”"]]


def test_json_is_written_plainly_and_long_lines_are_not_wrapped() -> None:
    long = "青岛高新区" * 100 + "[bold]"
    out = render(Format.json, [{"text": long}])
    assert json.loads(out) == [{"text": long}]
    assert "\\u" not in out
    assert render(Format.json, []) == "[]\n"


def test_jsonl_and_markdown() -> None:
    out = render(Format.jsonl, [{"text": "a"}, {"text": "b|c"}])
    assert [json.loads(x)["text"] for x in out.splitlines()] == ["a", "b|c"]
    md = render(Format.md, [{"text": "b|c"}])
    assert "b\\|c" in md


def test_card_in_every_format() -> None:
    obj = {"name": "小优智能", "facts": [{"text": "8秒钟"}]}
    fields = [("name", lambda r: r["name"])]
    for fmt in Format:
        out = io.StringIO()
        emit_card(obj, fields, [], fmt, title="card", out=out)
        assert "小优智能" in out.getvalue()
    out = io.StringIO()
    emit_card(obj, fields, [], Format.json, title="card", out=out)
    assert json.loads(out.getvalue()) == obj
