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
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from itertools import chain, islice
from typing import Any, NoReturn, ParamSpec, TextIO, TypeVar

from hightech_cli.cli.escape import array_pieces, shown
from hightech_cli.cli.escape import dumps as json_dumps
from hightech_cli.errors import OutputClosed

_P = ParamSpec("_P")
_R = TypeVar("_R")
_Item = TypeVar("_Item")


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


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Markdown's inline syntax (emphasis, code, the brackets of links and images, strike) and the
# table's pipe, escaped with a backslash; HTML's three are written as entities, so no tag,
# entity, link, image or autolink (``<javascript:...>``) can form.
_MD_PUNCT = re.compile(r"([\\`*_\[\]|~])")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def clean(text: str) -> str:
    """Text safe to show in a terminal: one line, hidden characters escaped (``escape.shown``)."""
    return shown(text)


def csv_cell(text: str) -> str:
    """A CSV cell: shown as a table shows it, and guarded against formula injection (a leading
    ' makes it text)."""
    text = shown(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def md_cell(text: str) -> str:
    """A Markdown table cell that renders as its text and nothing else: no HTML, link or image."""
    return _MD_PUNCT.sub(r"\\\1", shown(text)).translate(_HTML)


def dumps(data: Any) -> str:
    """The JSON hz prints: UTF-8 text, not \\u-escaped but for hidden characters."""
    return json_dumps(data, indent=2)


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


def note(text: str) -> None:
    """A remark beside a result: one line on stderr, so that stdout stays what a program
    expects."""
    if sys.stderr is not None:
        sys.stderr.write(f"hz: note: {clean(text)}\n")


def _empty_store_note() -> str | None:
    from hightech_cli.store import empty_note  # the store family is loaded by then

    return empty_note()


def fail(message: str, code: int) -> NoReturn:
    """Report an error the one way hz does: one line on stderr, then exit with ``code``."""
    if sys.stderr is not None:  # closed (2>&-): the status still tells
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
    # NO_COLOR (any non-empty value, as no-color.org says) means no escape codes at all: Rich's
    # own reading of it drops colours but keeps bold and reverse.
    plain = bool(os.environ.get("NO_COLOR"))
    return _Console(
        file=out,
        highlight=False,
        emoji=False,
        width=table_width(out),
        color_system=None if plain else "auto",
    )


MIN_WIDTH = 40  # narrower than this, a table is unreadable: drawn this wide instead
MAX_WIDTH = 1000


def table_width(out: TextIO) -> int:
    """The width tables are drawn to: $COLUMNS if it is a number, else the terminal's, else 80.

    Rich takes COLUMNS=0 at its word and draws nothing; any value hz cannot use (0, negative,
    text, a terminal that reports no width) falls back, and the result is kept within
    ``MIN_WIDTH``..``MAX_WIDTH``.
    """
    width = 0
    raw = os.environ.get("COLUMNS", "").strip()
    if raw.isascii() and raw.isdigit():
        width = int(raw)
    if width <= 0:
        try:
            width = os.get_terminal_size(out.fileno()).columns
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            width = 0
    return min(max(width or 80, MIN_WIDTH), MAX_WIDTH)


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
    rows: Iterable[dict[str, Any]],
    columns: Sequence[Column],
    fmt: Format,
    *,
    title: str | None = None,
    out: TextIO | None = None,
    empty: str = "nothing matched",
) -> None:
    """Print a list result: a JSON array (``[]`` when empty), JSON lines, CSV, Markdown, table.

    Every format but the table is written as the rows come, a batch at a time, so that a list
    of a million rows is never held whole; a table is drawn once all its rows are in (Rich
    sizes its columns from every cell). Nothing found in a store that holds nothing is said
    so, naming the store: in the table, and on stderr beside the other formats, whose output
    stays what a program expects.
    """
    out = out or sys.stdout
    ahead = iter(rows)
    first = list(islice(ahead, 1))
    found = chain(first, ahead)
    remark = None if first else _empty_store_note()
    if remark and fmt is not Format.table:
        note(remark)
    elif remark:
        empty = f"{empty}: {remark}"
    if fmt is Format.json:
        if not first:
            _write(out, "[]\n")
            return
        for piece in array_pieces(found, indent=2):
            out.write(piece)
        _write(out, "\n")
    elif fmt is Format.jsonl:
        for batch in _batches(found):
            out.write("".join(json_dumps(r) + "\n" for r in batch))
        out.flush()
    elif fmt is Format.csv:
        import csv  # here: only CSV output needs it

        buf = io.StringIO()
        # A byte-order mark so that Excel opens the UTF-8 file as UTF-8 (documented in README).
        buf.write("\ufeff")
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([csv_cell(c.header) for c in columns])
        for batch in _batches(found):
            for row in batch:
                writer.writerow([csv_cell(c.get(row)) for c in columns])
            out.write(buf.getvalue())
            buf.seek(0)
            buf.truncate()
        _write(out, buf.getvalue())
    elif fmt is Format.md:
        out.write("| " + " | ".join(md_cell(c.header) for c in columns) + " |\n")
        out.write("|" + "|".join("---" for _ in columns) + "|\n")
        for batch in _batches(found):
            cells = (" | ".join(md_cell(c.get(r)) for c in columns) for r in batch)
            out.write("".join(f"| {line} |\n" for line in cells))
        out.flush()
    else:
        console = _console(out)
        if not first:
            console.print(_text(empty))
        else:
            console.print(_rich_table(list(found), columns, title))
        out.flush()


def _batches(rows: Iterable[_Item], size: int = 512) -> Iterator[list[_Item]]:
    """The rows in lists of ``size`` (the last shorter): one write per batch."""
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


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
        _write(out, json_dumps(obj) + "\n")
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
        console.print(_text(f"{label(row)}  {display(row)}".rstrip()))
        bar = "█" * max(1, round(width * v / top)) if v and top else "(no amount)"
        console.print(Text(bar, style="cyan"))
    out.flush()
