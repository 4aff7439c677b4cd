"""The hz command line: parse arguments, call one query, render, set the exit code.

Commands stay thin. Errors from below are ``HzError``s; ``_HzGroup.main`` is the one place that
turns them, and Typer's usage errors, into a one-line message on stderr and an exit status
(0 success, 1 not found or bad store, 2 bad usage, 141 output pipe closed by its reader).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from hightech_cli import __version__, query
from hightech_cli import columns as cols
from hightech_cli.actions import show_company, show_projects
from hightech_cli.cli_store import export_cmd, import_cmd, index_cmd, init_cmd
from hightech_cli.errors import ExitCode, HzError, OutputClosed, UsageError
from hightech_cli.render import Format, emit_card, emit_list, fail, quiet_stdout
from hightech_cli.store import Store

if TYPE_CHECKING:
    from hightech_cli.amounts import Money


class _HzGroup(TyperGroup):
    """Typer's group, with hz's one-line error reporting and exit codes."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(
                args=args,
                prog_name=prog_name or "hz",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except HzError as exc:
            fail(str(exc), exc.exit_code)
        except OutputClosed:
            quiet_stdout()
            sys.exit(ExitCode.PIPE)
        except typer.Abort:
            fail("aborted", 130)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except typer.TyperException as exc:
            message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
            code = getattr(exc, "exit_code", ExitCode.USAGE)
            fail(" ".join(str(message).split()) + " (see hz --help)", code)
        except Exception as exc:
            # A bug, not the user's doing: one line, and the traceback only when asked for.
            if os.environ.get("HZ_DEBUG"):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (HZ_DEBUG=1 shows where)", 1)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=_HzGroup,
    help=(
        "hz: sourced facts about the Qingdao High-Tech Industrial Zone (青岛高新区).\n\n"
        "Every answer carries the paragraph and verbatim quote it comes from. "
        "Use --json on any command for scripts; 'hz source N' shows paragraph N."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    invoke_without_command=True,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"hz {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="Store file to read (default: $HZ_DB, else your store from 'hz init', "
            "else the shipped store).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit(0)


def _db(ctx: typer.Context) -> str | None:
    db: str | None = (ctx.find_root().obj or {}).get("db")
    return db


def _store(ctx: typer.Context) -> Store:
    return Store.open(_db(ctx))


# ------------------------------------------------------------------------ shared options

FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Output format (default: table).", case_sensitive=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
SourcesOpt = Annotated[
    bool, typer.Option("--sources", "-s", help="Add each row's paragraph and verbatim quote.")
]


def _fmt(fmt: Format | None, as_json: bool) -> Format:
    if as_json and fmt is not None and fmt is not Format.json:
        raise UsageError(f"--json conflicts with --format {fmt.value}", hint="give one of them")
    return Format.json if as_json else (fmt or Format.table)


def _complete(kinds: tuple[str, ...]) -> Any:
    def complete(incomplete: str) -> list[str]:
        from hightech_cli.names import complete as complete_names

        try:
            store = Store.open(os.environ.get("HZ_DB"))
        except HzError:
            return []
        return complete_names(incomplete, store.entities, kinds=kinds)

    return complete


def _amount(text: str) -> Money:
    # Imported here so that commands without an amount never pay for amount parsing.
    from hightech_cli.amounts import AmountError, parse_amount

    try:
        return parse_amount(text)
    except AmountError as exc:
        raise typer.BadParameter(str(exc)) from None


# ------------------------------------------------------------------------ commands


@app.command()
def company(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="Short name, legal name, English name, pinyin or part of a name.",
            autocompletion=_complete(("company",)),
        ),
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """One company's card: names, figures, projects, people, quotes and policies.

    Example: hz company 小优智能 --sources
    """
    show_company(_db(ctx), name, _fmt(fmt, as_json), sources=sources)


@app.command()
def companies(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """All companies, one row each, with industry and a one-line summary.

    Example: hz companies --format csv > companies.csv
    """
    rows = query.companies(_store(ctx))
    emit_list(rows, cols.company_columns(sources), _fmt(fmt, as_json), title="公司 companies")


@app.command()
def projects(
    ctx: typer.Context,
    min_invest: Annotated[
        Any,
        typer.Option(
            "--min-invest",
            metavar="AMOUNT",
            parser=_amount,
            help="Only projects of at least AMOUNT (2亿, 5000万元, 4.5亿美元, USD 100M).",
        ),
    ] = None,
    max_invest: Annotated[
        Any,
        typer.Option(
            "--max-invest",
            metavar="AMOUNT",
            parser=_amount,
            help="Only projects of at most AMOUNT.",
        ),
    ] = None,
    company_name: Annotated[
        str | None,
        typer.Option(
            "--company",
            metavar="NAME",
            help="Only projects of this investor.",
            autocompletion=_complete(("company",)),
        ),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", metavar="FIELD", help="amount (default), name, year, investor, status."
        ),
    ] = "amount",
    usd_cny: Annotated[
        str | None,
        typer.Option("--usd-cny", metavar="RATE", help="CNY per USD for comparing currencies."),
    ] = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="Draw the amounts as a bar chart.")
    ] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """Investment projects with amount, currency, investor, year and status.

    Amounts in another currency are converted at the store's rate (or --usd-cny) to compare.
    Where a project has several figures (first and cumulative investment), filters and sort use
    the total, else the cumulative, else the first; the table marks it with *.

    Example: hz projects --min-invest 2亿 --json
    """
    show_projects(
        _db(ctx),
        _fmt(fmt, as_json),
        min_invest=min_invest,
        max_invest=max_invest,
        company=company_name,
        sort=sort,
        usd_cny=usd_cny,
        chart=chart,
        sources=sources,
    )


@app.command()
def people(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(help="A person's name (optional).", autocompletion=_complete(("person",))),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """People with their role, organisation and quotes; with NAME, one person.

    Example: hz people 郭俊兴
    """
    store = _store(ctx)
    if name is None:
        rows = query.people(store)
        emit_list(rows, cols.person_columns(sources), _fmt(fmt, as_json), title="人物 people")
        return
    card = query.person(store, name)
    fields, sections = cols.person_card(sources)
    emit_card(card, fields, sections, _fmt(fmt, as_json), title=f"人物 {card['name']}")


@app.command()
def policies(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="A policy, service, platform or mechanism (optional).",
            autocompletion=_complete(("policy", "organisation")),
        ),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """Policies, services, platforms, mechanisms and alliances, with their figures.

    Example: hz policies 承诺开工一件事
    """
    store = _store(ctx)
    if name is None:
        rows = query.policies(store)
        emit_list(rows, cols.policy_columns(sources), _fmt(fmt, as_json), title="政策与服务")
        return
    card = query.policy(store, name)
    fields, sections = cols.policy_card(sources)
    emit_card(card, fields, sections, _fmt(fmt, as_json), title=card["name"])


@app.command()
def stats(
    ctx: typer.Context,
    keyword: Annotated[str | None, typer.Argument(help="Only figures mentioning this.")] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """The zone's statistics, each with its qualifier kept (1600余家 is more than 1600).

    Example: hz stats 企业
    """
    rows = query.stats(_store(ctx), keyword=keyword)
    emit_list(
        rows, cols.fact_columns(sources, subject=True), _fmt(fmt, as_json), title="统计 statistics"
    )


@app.command()
def search(
    ctx: typer.Context,
    terms: Annotated[list[str], typer.Argument(help="Terms; every one must match.")],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every entity, fact and source paragraph containing all the terms, best first.

    Example: hz search 阿斯利康 投资
    """
    rows = query.search(_store(ctx), terms)
    emit_list(rows, cols.search_columns(), _fmt(fmt, as_json), title="搜索 search")


@app.command()
def source(
    ctx: typer.Context,
    paragraph: Annotated[
        int | None, typer.Argument(help="Paragraph number (¶) to show.", min=1)
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The article's title, byline and attribution with every paragraph, or paragraph N.

    Example: hz source 21
    """
    data = query.source(_store(ctx), paragraph)
    fields, sections = cols.block_card() if paragraph is not None else cols.source_card()
    title = f"¶{paragraph}" if paragraph is not None else "来源 source"
    emit_card(data, fields, sections, _fmt(fmt, as_json), title=title)


@app.command()
def timeline(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """Dated events in order.

    Example: hz timeline
    """
    rows = query.timeline(_store(ctx))
    emit_list(rows, cols.timeline_columns(sources), _fmt(fmt, as_json), title="时间线 timeline")


@app.command()
def zone(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
) -> None:
    """The zone's profile: positioning, mission, goal, leading industries and figures.

    Example: hz zone --sources
    """
    card = query.zone(_store(ctx))
    fields, sections = cols.zone_card(sources)
    emit_card(card, fields, sections, _fmt(fmt, as_json), title=card["name"])


@app.command()
def check(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Validate a store: schema, unique ids, references and evidence. Exits 1 on any problem.

    Example: hz --db my-facts.json check
    """
    from hightech_cli.check import validate
    from hightech_cli.store import read_store_file, resolve_store_path

    path = resolve_store_path(_db(ctx))
    data = read_store_file(path)
    problems = validate(data)
    counts = {t: len(data[t]) for t in ("entities", "facts", "blocks")}
    report = {
        "store": str(path),
        "ok": not problems,
        "counts": counts,
        "problems": [
            {"table": p.table, "record": p.record, "field": p.field, "reason": p.reason}
            for p in problems
        ],
    }
    out_fmt = _fmt(fmt, as_json)
    if out_fmt is Format.table:
        summary = ", ".join(f"{n} {t}" for t, n in counts.items())
        sys.stdout.write(f"{path}: {summary}\n")
        for p in problems:
            sys.stdout.write(f"  problem: {p}\n")
        sys.stdout.write("ok: no problems\n" if not problems else f"{len(problems)} problem(s)\n")
        sys.stdout.flush()
    else:
        emit_card(report, [], [], out_fmt, title="check")
    if problems:
        raise typer.Exit(ExitCode.NOT_FOUND)


# Writing commands live in cli_store.py; they import the write path only when they run.
app.command("export")(export_cmd)
app.command("import")(import_cmd)
app.command("init")(init_cmd)
app.command("index")(index_cmd)
