"""Output: one format switch and one render function for lists, one for lookups.

JSON, JSONL, CSV and Markdown are written with plain writes (``ensure_ascii=False``), never
through Rich, which wraps long lines and eats ``[bracketed]`` text. Rich draws tables only,
is imported only when a table is drawn, and gets every cell as a plain ``Text`` (never parsed
as markup) stripped of terminal
control sequences first. CSV cells that a spreadsheet would run as a formula are guarded.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, NoReturn, ParamSpec, TextIO, TypeVar

from hightech_cli.errors import OutputClosed

_P = ParamSpec("_P")
_R = TypeVar("_R")


class Format(StrEnum):
    """Output formats; ``table`` is for people, the others for programs."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


def pick_format(fmt: Format | None, as_json: bool) -> Format:
    """The format ``--format``/``-f`` and ``--json`` ask for together (table by default)."""
    if as_json and fmt is not None and fmt is not Format.json:
        from hightech_cli.errors import UsageError

        raise UsageError(f"--json conflicts with --format {fmt.value}", hint="give one of them")
    return Format.json if as_json else (fmt or Format.table)


class Column:
    """A table/CSV/Markdown column: a header and how to get the cell text from a row.

    Plain classes here and in ``Section``: a dataclass would import ``dataclasses`` and
    ``inspect`` on every lookup."""

    __slots__ = ("get", "header", "spans", "wide")

    def __init__(
        self,
        header: str,
        get: Callable[[dict[str, Any]], str],
        wide: bool = False,  # give this column the spare width
        # Character ranges of the cell text to highlight in a table (search matches).
        spans: Callable[[dict[str, Any]], Sequence[Sequence[int]]] | None = None,
    ) -> None:
        self.header = header
        self.get = get
        self.wide = wide
        self.spans = spans


# C0/C1 controls (ANSI escapes start with ESC), and the bidi overrides and isolates that can
# make text display in an order other than its own.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINEBREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """Text safe to show in a terminal: line breaks become spaces, control codes are dropped."""
    return _CONTROL.sub("", _LINEBREAKS.sub(" ", text))


def csv_cell(text: str) -> str:
    """Guard a CSV cell against spreadsheet formula injection (a leading ' makes it text)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _md_cell(text: str) -> str:
    return clean(text).replace("\\", "\\\\").replace("|", "\\|")


def dumps(data: Any) -> str:
    """The JSON hz prints: UTF-8 text, not \\u-escaped."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _pipe_safe(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Turn a closed output pipe into OutputClosed, which the CLI ends quietly on.

    Typer would catch the BrokenPipeError itself and exit 1, the code for "not found".
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            raise OutputClosed from None

    return wrapper


def fail(message: str, code: int) -> NoReturn:
    """Report an error the one way hz does: one line on stderr, then exit with ``code``."""
    sys.stderr.write(f"hz: error: {clean(message)}\n")
    sys.stderr.flush()
    sys.exit(code)


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's flush at exit does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _write(out: TextIO, text: str) -> None:
    out.write(text)
    out.flush()


def _console(out: TextIO) -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handler exits 1, the code for "not found"; hz ends with PIPE instead.
            self.quiet = True
            raise OutputClosed

    # Data reaches Rich only as Text objects (see _text), so markup in it is never interpreted.
    return _Console(file=out, highlight=False, emoji=False)


def _rich_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[Column], title: str | None
) -> Any:
    from rich.table import Table

    table = Table(title=_text(title) if title else None, show_lines=False)
    for col in columns:
        table.add_column(_text(col.header), overflow="fold", ratio=3 if col.wide else None)
    for row in rows:
        table.add_row(*(_cell(col, row) for col in columns))
    return table


def _text(text: str) -> Any:
    """Data for Rich: a Text object, so ``[bold]`` or a trailing backslash shows as written."""
    from rich.text import Text

    return Text(clean(text))


def _cell(col: Column, row: dict[str, Any]) -> Any:
    raw = col.get(row)
    cell = _text(raw)
    if col.spans is None or cell.plain != raw:
        return cell
    for start, end in col.spans(row):
        cell.stylize("bold reverse", start, end)
    return cell


@_pipe_safe
def emit_list(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    fmt: Format,
    *,
    title: str | None = None,
    out: TextIO | None = None,
    empty: str = "nothing matched",
) -> None:
    """Print a list result: a JSON array (``[]`` when empty), JSON lines, CSV, Markdown, table."""
    out = out or sys.stdout
    if fmt is Format.json:
        _write(out, dumps(list(rows)) + "\n")
    elif fmt is Format.jsonl:
        _write(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    elif fmt is Format.csv:
        import csv  # here: only CSV output needs it

        buf = io.StringIO()
        # A byte-order mark so that Excel opens the UTF-8 file as UTF-8 (documented in README).
        buf.write("\ufeff")
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow([csv_cell(c.get(row)) for c in columns])
        _write(out, buf.getvalue())
    elif fmt is Format.md:
        lines = ["| " + " | ".join(_md_cell(c.header) for c in columns) + " |"]
        lines.append("|" + "|".join("---" for _ in columns) + "|")
        lines += ["| " + " | ".join(_md_cell(c.get(r)) for c in columns) + " |" for r in rows]
        _write(out, "\n".join(lines) + "\n")
    else:
        console = _console(out)
        if not rows:
            console.print(_text(empty))
        else:
            console.print(_rich_table(rows, columns, title))
        out.flush()


class Section:
    """A part of a lookup's table view: a titled table over one list in the result."""

    __slots__ = ("columns", "rows", "title")

    def __init__(
        self,
        title: str,
        rows: Callable[[dict[str, Any]], Sequence[dict[str, Any]]],
        columns: Sequence[Column],
    ) -> None:
        self.title = title
        self.rows = rows
        self.columns = columns


@_pipe_safe
def emit_card(
    obj: dict[str, Any],
    fields: Sequence[tuple[str, Callable[[dict[str, Any]], str]]],
    sections: Sequence[Section],
    fmt: Format,
    *,
    title: str,
    out: TextIO | None = None,
) -> None:
    """Print a lookup result: one JSON object, or a card of fields and titled tables."""
    out = out or sys.stdout
    if fmt is Format.json:
        _write(out, dumps(obj) + "\n")
        return
    if fmt is Format.jsonl:
        _write(out, json.dumps(obj, ensure_ascii=False) + "\n")
        return
    # CSV and Markdown flatten the card into (section, field, value) rows.
    flat: list[dict[str, Any]] = [
        {"section": title, "field": label, "value": get(obj)} for label, get in fields
    ]
    for section in sections:
        for row in section.rows(obj):
            text = " · ".join(c.get(row) for c in section.columns if c.get(row))
            flat.append({"section": section.title, "field": "", "value": text})
    if fmt in (Format.csv, Format.md):
        cols = [
            Column("section", lambda r: r["section"]),
            Column("field", lambda r: r["field"]),
            Column("value", lambda r: r["value"], wide=True),
        ]
        emit_list(flat, cols, fmt, out=out)
        return
    from rich.table import Table

    console = _console(out)
    head = Table(title=_text(title), show_header=False, show_lines=False)
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    for label, get in fields:
        value = get(obj)
        if value:
            head.add_row(_text(label), _text(value))
    console.print(head)
    for section in sections:
        rows = section.rows(obj)
        if rows:
            console.print(_rich_table(rows, section.columns, section.title))
    out.flush()


@_pipe_safe
def emit_bars(
    rows: Sequence[dict[str, Any]],
    label: Callable[[dict[str, Any]], str],
    value: Callable[[dict[str, Any]], int | None],
    display: Callable[[dict[str, Any]], str],
    *,
    title: str,
    out: TextIO | None = None,
) -> None:
    """A horizontal bar chart: each row's label and figure, then a bar scaled to the largest."""
    from rich.text import Text

    out = out or sys.stdout
    console = _console(out)
    width = max(10, min(console.width - 2, 60))
    values = [value(r) for r in rows]
    top = max((v for v in values if v), default=0)
    console.print(Text(clean(title), style="bold"))
    for row, v in zip(rows, values, strict=True):
        console.print(_text(f"{label(row)}  {display(row)}"))
        bar = "█" * max(1, round(width * v / top)) if v and top else "(no amount)"
        console.print(Text(bar, style="cyan"))
    out.flush()
