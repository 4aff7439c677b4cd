"""The output layer: hostile text shown literally, machine formats untouched by Rich."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from hightech_cli.cli.render import (
    Column,
    Format,
    clean,
    csv_cell,
    dumps,
    emit_card,
    emit_list,
    md_cell,
)

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


# ------------------------------------------------------------------ lists written as they come

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({"text": st.text(), "x": _VALUES}), max_size=4))
def test_json_written_row_by_row_is_the_array_written_whole(rows: list[dict]) -> None:
    assert render(Format.json, rows) == dumps(rows) + "\n"


def test_every_format_is_the_same_whichever_batch_a_row_falls_in() -> None:
    rows = [{"text": f"第{i}行 “引号” =1+{i} |x|"} for i in range(1300)]  # over two batches
    whole = {fmt: render(fmt, rows) for fmt in Format}
    assert whole[Format.json] == dumps(rows) + "\n"
    assert whole[Format.jsonl].splitlines() == [json.dumps(r, ensure_ascii=False) for r in rows]
    # The whole list written at once, as the writers did before they wrote in batches.
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows([["text"], *([csv_cell(r["text"])] for r in rows)])
    assert whole[Format.csv] == "\ufeff" + buf.getvalue()
    lines = ["| text |", "|---|", *(f"| {md_cell(r['text'])} |" for r in rows)]
    assert whole[Format.md] == "\n".join(lines) + "\n"
    assert "第1299行" in whole[Format.table]


class _Writes(io.StringIO):
    """An output that notes how many rows had been made at each write."""

    def __init__(self, made: list[int]) -> None:
        super().__init__()
        self.made = made
        self.seen: list[int] = []

    def write(self, text: str) -> int:
        self.seen.append(len(self.made))
        return super().write(text)


def test_a_long_list_is_written_before_its_last_row_is_made() -> None:
    for fmt in (Format.json, Format.jsonl, Format.csv, Format.md):
        made: list[int] = []

        def rows(made: list[int] = made) -> Iterator[dict[str, str]]:
            for i in range(20_000):
                made.append(i)
                yield {"text": f"第{i:>40}行"}

        out = _Writes(made)
        emit_list(rows(), COLS, fmt, out=out)
        assert len(made) == 20_000
        assert out.seen[0] < 5000, fmt  # the first rows were out long before the last was made
