"""The hot commands, ``hz company``, ``hz people NAME``, ``hz policies NAME``, ``hz projects``
and ``hz search``: their options, their bodies, and a start-up path.

Start-up is most of what a lookup costs, and building the Typer app is most of start-up
(importing Typer and turning the commands into Click commands; ``bench/README.md``). So
``__main__`` first offers the arguments to :func:`run_fast`, which reads the plain forms of
these commands itself, with the option table the Typer app is built from (``HOT``), and
calls the same bodies as the Typer commands (:func:`show_company`, :func:`show_person`,
:func:`show_policy`, :func:`show_projects`, :func:`show_search`). Anything else (help,
``--version``, completion, ``--opt=value``, bundled or repeated options, values starting with
``-``, the list options of ``people`` and ``policies`` beside a name) and any ``HzError``
raised before output (unknown or ambiguous name, bad amount, missing store) is reported as
the Typer app reports it, or handed to it, so hz behaves the same either way
(``tests/cli/test_fast_path.py``). Nothing here imports typer or rich (``render`` imports Rich
only to draw a table).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Final

from hightech_cli import query
from hightech_cli.cli import columns as cols
from hightech_cli.cli import values
from hightech_cli.cli.render import Format, emit_bars, emit_card, emit_list, note
from hightech_cli.errors import UsageError
from hightech_cli.store import ask, ask_rows

if TYPE_CHECKING:
    from decimal import Decimal

    from hightech_cli.numbers.amounts import Money


# ------------------------------------------------------------------ their options, declared once
# The Typer app builds these commands' options from the declarations below, and the start-up
# path parses with them, so the two cannot drift apart (``tests/cli/test_fast_path.py``).


class Opt:
    """One command-line option: its spellings, where its value goes, and its help.

    A plain class: this module is imported on every start, and a dataclass or a typed named
    tuple costs more to define (the latter compiles each of its annotations)."""

    __slots__ = ("dest", "help", "metavar", "names")

    def __init__(
        self, names: tuple[str, ...], dest: str, help: str, metavar: str | None = None
    ) -> None:
        self.names = names
        self.dest = dest
        self.help = help
        self.metavar = metavar  # None: a flag, which takes no value


FORMAT: Final = Opt(
    ("--format", "-f"),
    "format",
    "Output format: table (the default), json, jsonl, csv or md.",
    "FORMAT",
)
JSON: Final = Opt(("--json",), "json", "Same as --format json.")
SOURCES: Final = Opt(("--sources", "-s"), "sources", "Add each row's paragraph and verbatim quote.")
MIN_INVEST: Final = Opt(
    ("--min-invest",),
    "min_invest",
    "Only projects of at least AMOUNT (2亿, 5000万元, 4.5亿美元, USD 100M).",
    "AMOUNT",
)
MAX_INVEST: Final = Opt(
    ("--max-invest",), "max_invest", "Only projects of at most AMOUNT.", "AMOUNT"
)
COMPANY: Final = Opt(("--company",), "company", "Only projects of this investor.", "NAME")
SORT: Final = Opt(
    ("--sort",),
    "sort",
    "Sort by FIELD: amount (the default), name (pinyin order), year, investor or status.",
    "FIELD",
)
USD_CNY: Final = Opt(("--usd-cny",), "usd_cny", "CNY per USD for comparing currencies.", "RATE")
CHART: Final = Opt(("--chart",), "chart", "Draw the amounts as a bar chart.")
ROWS: Final = Opt(("--limit",), "limit", "Show at most N rows (default: all).", "N")
SKIP: Final = Opt(("--offset",), "offset", "Skip the first N rows.", "N")
SOURCE: Final = Opt(
    ("--source",),
    "only",
    "Only rows resting on source ID (repeatable; 'hz sources' lists them).",
    "ID",
)
SEARCH_LIMIT: Final = 50  # hits a search shows unless told otherwise
LIMIT: Final = Opt(
    ("--limit", "-n"), "limit", f"Show at most N hits (0: all; default {SEARCH_LIMIT}).", "N"
)
OFFSET: Final = Opt(("--offset",), "offset", "Skip the first N hits.", "N")
# The global option every command also takes after its name (``hz company X --db f``).
DB: Final = Opt(("--db",), "db", "Store file to read.", "PATH")

# What the fast path takes of each hot command: its options, and how many arguments
# (-1: one or more).
HOT: Final[dict[str, tuple[tuple[Opt, ...], int]]] = {
    "company": ((FORMAT, JSON, SOURCES), 1),
    # One person or policy by NAME; without one, or paged, they are lists: Typer's to run.
    "people": ((FORMAT, JSON, SOURCES, SOURCE, ROWS, SKIP), 1),
    "policies": ((FORMAT, JSON, SOURCES, SOURCE, ROWS, SKIP), 1),
    "search": ((FORMAT, JSON, LIMIT, OFFSET), -1),
    "projects": (
        (
            FORMAT,
            JSON,
            SOURCES,
            MIN_INVEST,
            MAX_INVEST,
            COMPANY,
            SORT,
            USD_CNY,
            CHART,
            SOURCE,
            ROWS,
            SKIP,
        ),
        0,
    ),
}


# ------------------------------------------------------------------ their bodies


def show_company(db: str | None, name: str, fmt: Format, *, sources: bool) -> None:
    """Print one company's card."""
    card = ask(db, lambda store: cols.labelled(store, lambda s: query.company_card(s, name)))
    fields, sections = cols.company_card(sources)
    emit_card(card, fields, sections, fmt, title=f"公司 {card['name']}")


def show_person(db: str | None, name: str, fmt: Format, *, sources: bool) -> None:
    """Print one person's card."""
    card = ask(db, lambda store: cols.labelled(store, lambda s: query.person(s, name)))
    fields, sections = cols.person_card(sources)
    emit_card(card, fields, sections, fmt, title=f"人物 {card['name']}")


def show_policy(db: str | None, name: str, fmt: Format, *, sources: bool) -> None:
    """Print one policy's (service's, platform's …) card."""
    card = ask(db, lambda store: cols.labelled(store, lambda s: query.policy(s, name)))
    fields, sections = cols.policy_card(sources)
    emit_card(card, fields, sections, fmt, title=card["name"])


def show_projects(
    db: str | None,
    fmt: Format,
    *,
    min_invest: Money | None = None,
    max_invest: Money | None = None,
    company: str | None = None,
    sort: str = "amount",
    usd_cny: str | Decimal | None = None,
    chart: bool = False,
    sources: bool = False,
    only: list[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> None:
    """Print the investment projects that pass the filters, as a table, chart or data."""
    unrated: dict[str, int] = {}
    rows = ask_rows(
        db,
        lambda store: cols.labelled(
            store,
            lambda s: query.projects(
                s,
                min_invest=min_invest,
                max_invest=max_invest,
                company=company,
                sort=sort,  # type: ignore[arg-type]  # query.projects names the bad value
                usd_cny=usd_cny,
                sources=only,
                limit=limit,
                offset=offset,
                unrated=unrated,
            ),
        ),
    )
    if chart and fmt is Format.table:
        bars = list(rows)
        emit_bars(bars, lambda r: r["name"], cols.chart_value, cols.chart_label, title="投资额")
    else:
        emit_list(rows, cols.project_columns(sources), fmt, title="项目 projects")
    if unrated:
        bound = min_invest or max_invest
        _note_unrated(unrated, bound.currency if bound is not None else "CNY")


def _note_unrated(unrated: dict[str, int], currency: str) -> None:
    """Say that a bound left out projects in currencies hz cannot compare with it."""
    from hightech_cli.numbers.amounts import CURRENCY_UNIT

    count = sum(unrated.values())
    first = sorted(unrated)[0]
    note(
        f"{count} project(s) in {', '.join(sorted(unrated))} left out: hz keeps no rate from "
        f"{'/'.join(sorted(unrated))} to {currency}; a bound in their own currency finds them "
        f"(--min-invest 1亿{CURRENCY_UNIT.get(first, '')})"
    )


def show_search(
    db: str | None, terms: list[str], fmt: Format, *, limit: int | None, offset: int
) -> None:
    """Print the hits of a search, best first; a table says on stderr when more follow."""
    # One hit more than the page, for a table to tell whether another page follows.
    wanted = limit + 1 if limit is not None and fmt is Format.table else limit
    rows = ask(
        db,
        lambda store: cols.labelled(
            store, lambda s: query.search(s, terms, limit=wanted, offset=offset)
        ),
    )
    more = limit is not None and len(rows) > limit
    emit_list(rows[:limit], cols.search_columns(), fmt, title="搜索 search")
    if more:
        sys.stderr.write(f"hz: more hits follow: --offset {offset + (limit or 0)} shows them\n")


# ------------------------------------------------------------------ the start-up path


class _Handover(Exception):
    """The fast path does not take these arguments; the Typer app will."""


Options = dict[str, str | bool]


def _parse(args: list[str]) -> tuple[str | None, str, Options, list[str]]:
    """``[--db PATH] COMMAND ...`` as (db, command, options, arguments), or _Handover."""
    db: str | None = None
    args = values.output_after_command(args)
    if args[:1] == ["--db"] and len(args) >= 2 and not args[1].startswith("-"):
        db, args = args[1], args[2:]
    if not args or args[0] not in HOT:
        raise _Handover
    command, rest = args[0], args[1:]
    declared, wanted = HOT[command]
    spelled = {name: opt for opt in (*declared, DB) for name in opt.names}
    options: Options = {}
    arguments: list[str] = []
    i = 0
    while i < len(rest):
        token = rest[i]
        opt = spelled.get(token)
        if opt is not None and opt.dest not in options:
            if opt.metavar is None:
                options[opt.dest] = True
            elif i + 1 < len(rest) and not rest[i + 1].startswith("-"):
                options[opt.dest] = rest[i + 1]
                i += 1
            else:
                raise _Handover
        elif token.startswith("-"):
            raise _Handover
        else:
            arguments.append(token)
        i += 1
    if len(arguments) != wanted and not (wanted == -1 and arguments):
        raise _Handover
    after = options.pop("db", None)
    if isinstance(after, str):
        if db is not None and db != after:
            raise _Handover  # given twice: Typer's to report
        db = after
    return db, command, options, arguments


def _format(options: Options) -> Format:
    given = options.get("format")
    try:
        fmt = values.member(given, Format, "format") if isinstance(given, str) else None
    except UsageError:
        raise _Handover from None  # Typer reports it as a usage error on the option
    if options.get("json"):
        if fmt not in (None, Format.json):
            raise _Handover  # --json with another --format: a usage error, Typer's to report
        return Format.json
    return fmt or Format.table


def _text(options: Options, key: str) -> str | None:
    value = options.get(key)
    return value if isinstance(value, str) else None


def _projects(db: str | None, options: Options) -> None:
    fmt = _format(options)
    bounds = {}
    try:
        for key in ("min_invest", "max_invest"):
            text = _text(options, key)
            if text is not None:  # parsed only when given, as the Typer option's parser does
                bounds[key] = values.amount(text)
        given = _text(options, "sort")  # given empty, it is a bad field, as Typer reads it
        sort = values.word("amount" if given is None else given, query.PROJECT_SORTS, "sort field")
        rate = _text(options, "usd_cny")
        usd_cny = values.rate(rate) if rate is not None else None
    except UsageError:
        raise _Handover from None  # Typer reports it as a usage error on the option
    show_projects(
        db,
        fmt,
        min_invest=bounds.get("min_invest"),
        max_invest=bounds.get("max_invest"),
        company=_text(options, "company"),
        sort=sort,
        usd_cny=usd_cny,
        chart=bool(options.get("chart")),
        sources=bool(options.get("sources")),
        only=[only] if (only := _text(options, "only")) is not None else None,
        limit=_count(options, "limit"),
        offset=_count(options, "offset") or 0,
    )


def _count(options: Options, key: str, default: int | None = None) -> int | None:
    """A row count as typed (plain digits), or ``default``; anything else is Typer's to judge."""
    text = _text(options, key)
    if text is None:
        return default
    if not (text.isascii() and text.isdigit()):
        raise _Handover  # not a whole number of at least 0: Typer reports it
    return int(text)


def _search(db: str | None, options: Options, terms: list[str]) -> None:
    limit = _count(options, "limit", SEARCH_LIMIT)
    offset = _count(options, "offset", 0) or 0
    show_search(db, terms, _format(options), limit=limit or None, offset=offset)


_CARDS: Final = {"company": show_company, "people": show_person, "policies": show_policy}


def run_fast(args: list[str]) -> bool:
    """Run a hot command without Typer; False (having written nothing) to hand it over."""
    from hightech_cli.errors import HzError, OutputClosed

    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return False  # shell completion is Typer's
    try:
        for arg in args:
            arg.encode("utf-8")  # undecodable bytes from the shell: Typer's to judge
        db, command, options, arguments = _parse(args)
        if command in _CARDS:
            if {"only", "limit", "offset"} & options.keys():
                raise _Handover  # a list's options beside a NAME: Typer's to judge
            show = _CARDS[command]
            show(db, arguments[0], _format(options), sources=bool(options.get("sources")))
        elif command == "search":
            _search(db, options, arguments)
        else:
            _projects(db, options)
    except (_Handover, UnicodeEncodeError):
        return False
    except HzError as exc:
        # Raised before any output; reported as the Typer app does (render.fail), so that a
        # miss on a big store is not looked up a second time by the Typer path.
        from hightech_cli.cli.render import fail

        fail(str(exc), exc.exit_code)
    except OutputClosed:
        raise  # the reader has gone: __main__ ends quietly; running again would print twice
    except Exception:
        if os.environ.get("HZ_DEBUG"):
            raise
        return False  # a bug: the Typer app meets it again and reports it in one line
    return True
