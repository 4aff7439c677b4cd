"""The hz command line: parse arguments, call one query, render, set the exit code.

Commands stay thin. Errors from below are ``HzError``s; ``_HzGroup.main`` is the one place that
turns them, and Typer's usage errors, into a one-line message on stderr and an exit status
(0 success, 1 not found or bad store, 2 bad usage, 74 output not written, 141 output pipe closed
by its reader; README, "Exit codes").
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from hightech_cli import __version__, query
from hightech_cli.cli import columns as cols
from hightech_cli.cli import fast as opts
from hightech_cli.cli import params, values
from hightech_cli.cli.articles import add_cmd, extract_cmd
from hightech_cli.cli.fast import show_company, show_person, show_policy, show_projects, show_search
from hightech_cli.cli.manage import check_cmd, export_cmd, import_cmd, index_cmd, init_cmd
from hightech_cli.cli.params import parsed
from hightech_cli.cli.render import (
    Format,
    emit_card,
    emit_list,
    fail,
    note,
    pick_format,
    quiet_stdout,
)
from hightech_cli.cli.values import given_db
from hightech_cli.errors import ExitCode, HzError, OutputClosed
from hightech_cli.query import PROJECT_SORTS
from hightech_cli.store import Reader, ask, ask_rows, open_store

if TYPE_CHECKING:
    from hightech_cli.numbers.amounts import Money

_T = TypeVar("_T")


class _HzGroup(TyperGroup):
    """Typer's group, with hz's one-line error reporting and exit codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        params.adapt_commands(self.commands.values())

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            if args is None:
                args = sys.argv[1:]
            rv = super().main(
                args=params.numbers_as_arguments(
                    self.commands, values.output_after_command(list(args))
                ),
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
            fail("aborted", ExitCode.INTERRUPTED)
        except KeyboardInterrupt:
            fail("interrupted", ExitCode.INTERRUPTED)
        except typer.TyperException as exc:
            _visible_suggestions(exc)
            message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
            code = getattr(exc, "exit_code", ExitCode.USAGE)
            # The help of the command the mistake is in: hz extract --help, not hz --help.
            path = getattr(getattr(exc, "ctx", None), "command_path", None) or "hz"
            where = " ".join(["hz", *path.split()[1:]])
            fail(" ".join(str(message).split()) + f" (see {where} --help)", code)
        except Exception as exc:
            # A bug, not the user's doing: one line, and the traceback only when asked for.
            if os.environ.get("HZ_DEBUG"):
                raise
            from hightech_cli.store import store_problem

            problem = store_problem()  # a store that fails 'hz check' is to blame, not hz
            if problem is not None:
                fail(str(problem), problem.exit_code)
            fail(f"internal error: {type(exc).__name__}: {exc} (HZ_DEBUG=1 shows where)", 1)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


def _visible_suggestions(exc: Exception) -> None:
    """An unknown option's "did you mean" names only options the command's help shows.

    Click suggests from every option a command takes, and each takes the hidden global ones
    too (``params.adapt_commands``): ``hz export --json`` would suggest ``--version``.
    """
    ctx = getattr(exc, "ctx", None)
    possible = getattr(exc, "possibilities", None)  # Typer's NoSuchOption, not exported
    if not possible or ctx is None:
        return
    hidden = {o for p in ctx.command.params if getattr(p, "hidden", False) for o in p.opts}
    exc.possibilities = [o for o in possible if o not in hidden]  # type: ignore[attr-defined]


app = typer.Typer(
    cls=_HzGroup,
    help=(
        "hz: sourced facts about the Qingdao High-Tech Industrial Zone (青岛高新区).\n\n"
        "Every answer carries the paragraph and verbatim quote it comes from. "
        "Use --json on any command for scripts; 'hz source ID N' shows paragraph N of a source "
        "('hz source N' in a store of one source)."
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
            help="Store file to read, given before or after the command (default: $HZ_DB, "
            "else your store from 'hz init', else the shipped store).",
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
    return given_db(ctx)


def _answer(ctx: typer.Context, question: Callable[[Reader], _T]) -> _T:
    """The question answered from the store the command reads (``store.ask``)."""
    return ask(_db(ctx), lambda store: cols.labelled(store, question))


def _rows(
    ctx: typer.Context, question: Callable[[Reader], Iterator[dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    """A list's rows from the store the command reads, read as they are printed
    (``store.ask_rows``)."""
    return ask_rows(_db(ctx), lambda store: cols.labelled(store, question))


def _option(opt: opts.Opt, **extra: Any) -> Any:
    """A Typer option built from its declaration in ``fast.py``."""
    return typer.Option(*opt.names, help=opt.help, metavar=opt.metavar, **extra)


# ------------------------------------------------------------------------ shared options

FormatOpt = Annotated[
    Any, _option(opts.FORMAT, parser=parsed(lambda t: values.member(t, Format, "format")))
]
JsonOpt = Annotated[bool, _option(opts.JSON)]
SourcesOpt = Annotated[bool, _option(opts.SOURCES)]
OnlyOpt = Annotated[list[str] | None, _option(opts.SOURCE, show_default=False)]


def _count(text: str) -> int:
    return parsed(lambda t: values.whole_number(t, "count", minimum=0))(text)


LimitOpt = Annotated[Any, _option(opts.ROWS, parser=_count, show_default=False)]
OffsetOpt = Annotated[Any, _option(opts.SKIP, parser=_count, show_default=False)]


def _complete(kinds: tuple[str, ...]) -> Any:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from hightech_cli.names import complete as complete_names

        try:  # the store the command will read: --db (before or after it), else as usual
            store = open_store(given_db(ctx))
        except HzError:
            return []
        return complete_names(incomplete, store.entities, kinds=kinds)

    return complete


def _amount(text: str) -> Money:
    return parsed(values.amount)(text)  # the grammar is imported only when an amount is given


def _sort(text: str) -> str:
    return parsed(lambda t: values.word(t, PROJECT_SORTS, "sort field"))(text)


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
    show_company(_db(ctx), name, pick_format(fmt, as_json), sources=sources)


@app.command()
def companies(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
    only: OnlyOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """All companies, one row each, with industry and a one-line summary.

    Example: hz companies --format csv > companies.csv
    """
    rows = _rows(
        ctx, lambda store: query.companies(store, sources=only, limit=limit, offset=offset)
    )
    emit_list(
        rows, cols.company_columns(sources), pick_format(fmt, as_json), title="公司 companies"
    )


@app.command()
def projects(
    ctx: typer.Context,
    min_invest: Annotated[Any, _option(opts.MIN_INVEST, parser=_amount)] = None,
    max_invest: Annotated[Any, _option(opts.MAX_INVEST, parser=_amount)] = None,
    company_name: Annotated[
        str | None, _option(opts.COMPANY, autocompletion=_complete(("company",)))
    ] = None,
    sort: Annotated[str, _option(opts.SORT, parser=_sort, show_default=False)] = "amount",
    usd_cny: Annotated[str | None, _option(opts.USD_CNY, parser=parsed(values.rate))] = None,
    chart: Annotated[bool, _option(opts.CHART)] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
    only: OnlyOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """Investment projects with amount, currency, investor, year and status.

    Amounts in another currency are converted at the store's rate (or --usd-cny) to compare.
    Where a project has several figures (first and cumulative investment), filters and sort use
    the total, else the cumulative, else the first; the table marks it with *.

    Example: hz projects --min-invest 2亿 --json
    """
    show_projects(
        _db(ctx),
        pick_format(fmt, as_json),
        min_invest=min_invest,
        max_invest=max_invest,
        company=company_name,
        sort=sort,
        usd_cny=usd_cny,
        chart=chart,
        sources=sources,
        only=only,
        limit=limit,
        offset=offset,
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
    only: OnlyOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """People with their role, organisation and quotes; with NAME, one person.

    Example: hz people 郭俊兴
    """
    if name is None:
        rows = _rows(
            ctx, lambda store: query.people(store, sources=only, limit=limit, offset=offset)
        )
        emit_list(
            rows, cols.person_columns(sources), pick_format(fmt, as_json), title="人物 people"
        )
        return
    show_person(_db(ctx), name, pick_format(fmt, as_json), sources=sources)


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
    only: OnlyOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """Policies, services, platforms, mechanisms and alliances, with their figures.

    Example: hz policies 承诺开工一件事
    """
    if name is None:
        rows = _rows(
            ctx, lambda store: query.policies(store, sources=only, limit=limit, offset=offset)
        )
        emit_list(rows, cols.policy_columns(sources), pick_format(fmt, as_json), title="政策与服务")
        return
    show_policy(_db(ctx), name, pick_format(fmt, as_json), sources=sources)


@app.command()
def stats(
    ctx: typer.Context,
    keyword: Annotated[str | None, typer.Argument(help="Only figures mentioning this.")] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
    only: OnlyOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """The zone's statistics, each with its qualifier kept (1600余家 is more than 1600).

    Example: hz stats 企业
    """
    rows = _rows(
        ctx,
        lambda store: query.stats(store, keyword=keyword, sources=only, limit=limit, offset=offset),
    )
    emit_list(
        rows,
        cols.fact_columns(sources, subject=True),
        pick_format(fmt, as_json),
        title="统计 statistics",
    )


@app.command()
def search(
    ctx: typer.Context,
    terms: Annotated[
        list[str], typer.Argument(metavar="TERM", help="Terms; every one must match.")
    ],
    limit: Annotated[Any, _option(opts.LIMIT, parser=_count)] = opts.SEARCH_LIMIT,
    offset: Annotated[Any, _option(opts.OFFSET, parser=_count, show_default=False)] = 0,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Entities, facts and source paragraphs containing all the terms, best first.

    Terms of any length match anywhere in the text, after folding case, full-width forms,
    quotes and spaces. Entities rank first, then facts, then paragraphs; within each, shorter
    texts first. Page with --limit and --offset.

    Example: hz search 阿斯利康 投资 --limit 10
    """
    show_search(_db(ctx), terms, pick_format(fmt, as_json), limit=limit or None, offset=offset)


@app.command()
def source(
    ctx: typer.Context,
    which: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="A source id ('hz sources' lists them); in a store of one source, N alone.",
            show_default=False,
        ),
    ] = None,
    paragraph: Annotated[
        str | None,
        typer.Argument(metavar="N", help="Paragraph number (¶) to show.", show_default=False),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A source's title, byline and attribution with every paragraph, or paragraph N.

    In a store with one source the id may be left out. Example: hz source 21
    """

    def ask_source(store: Reader) -> tuple[dict[str, Any], int | None]:
        source_id, n = _source_place(store, which, paragraph)
        return query.source(store, source_id, n), n

    data, n = _answer(ctx, ask_source)
    fields, sections = cols.block_card() if n is not None else cols.source_card()
    title = f"{data['source']} ¶{n}" if n is not None else "来源 source"
    emit_card(data, fields, sections, pick_format(fmt, as_json), title=title)


def _source_place(
    store: Reader, which: str | None, paragraph: str | None
) -> tuple[str | None, int | None]:
    """``hz source [ID] [N]`` read: an id the store has, else a number of its only source."""
    if which is None:
        return None, None
    if paragraph is not None:
        return which, _paragraph_number(paragraph)
    found = query.find_source(which, store.source_ids())
    if found is not None:
        return found, None
    if re.fullmatch(r"[-+]?\d+", values.folded(which)):
        return None, _paragraph_number(which)
    raise query.not_found_source(which, store.source_ids())


def _paragraph_number(text: str) -> int:
    """A paragraph number by the one rule for every value (２１ and 21 alike)."""
    return values.whole_number(text, "paragraph number", minimum=1)


@app.command()
def sources(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """Every source of the store: id, title, publication, date, and what rests on it.

    Example: hz sources
    """
    rows, stray = _answer(
        ctx,
        lambda store: (
            query.sources(store, limit=limit, offset=offset),
            query.stray_sources(store),
        ),
    )
    if stray:
        note(
            f"rows cite {len(stray)} id(s) that are no source of the store: "
            f"{query.some_ids(stray)}; hz check names the rows"
        )
    emit_list(rows, cols.sources_columns(), pick_format(fmt, as_json), title="来源 sources")


@app.command()
def timeline(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only events from DATE (YYYY[-MM[-DD]], or 2025年3月) on.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Only events up to DATE (YYYY[-MM[-DD]], or 2025年3月)."
        ),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
    only: OnlyOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """Dated events of every source in order of date, each with its source.

    Example: hz timeline --since 2025-05
    """
    rows = _rows(
        ctx,
        lambda store: query.timeline(
            store, since=since, until=until, sources=only, limit=limit, offset=offset
        ),
    )
    emit_list(
        rows, cols.timeline_columns(sources), pick_format(fmt, as_json), title="时间线 timeline"
    )


@app.command()
def conflicts(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    only: OnlyOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """Figures two sources give differently for one subject and topic, with both quotes.

    Neither replaces the other: both stay in the store, each with its source. Example: hz
    conflicts --json
    """
    rows = _rows(
        ctx, lambda store: query.conflicts(store, sources=only, limit=limit, offset=offset)
    )
    emit_list(rows, cols.conflict_columns(), pick_format(fmt, as_json), title="分歧 conflicts")


@app.command()
def zone(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    sources: SourcesOpt = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
) -> None:
    """The zone's profile: positioning, mission, goal, leading industries and figures.

    --limit and --offset page its facts and its statistics alike. Example: hz zone --sources
    """
    card = _answer(ctx, lambda store: query.zone(store, limit=limit, offset=offset))
    fields, sections = cols.zone_card(sources)
    emit_card(card, fields, sections, pick_format(fmt, as_json), title=card["name"])


# The commands that check, write, dump or index a store live in manage.py; they import the
# write path only when they run.
app.command("check")(check_cmd)
app.command("extract")(extract_cmd)
app.command("add")(add_cmd)
app.command("export")(export_cmd)
app.command("import")(import_cmd)
app.command("init")(init_cmd)
app.command("index")(index_cmd)
