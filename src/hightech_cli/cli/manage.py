"""The commands that check, write, dump or index a store: ``hz check``, ``hz export``,
``hz import``, ``hz init``, ``hz index``.

Written like the commands in ``app.py`` (parse, call one function of the store family, render)
and registered there with ``app.command("export")(export_cmd)`` and so on; this module never
imports ``app.py``, so registration cannot be circular. Errors are ``HzError``s that
``app._HzGroup.main`` turns into one line on stderr and an exit status. The one addition: a
rejected import first lists every problem on stderr, one line each, before that summary line.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from hightech_cli.cli import fast as opts
from hightech_cli.cli.render import Column, Format, clean, emit_card, emit_list, pick_format
from hightech_cli.errors import ExitCode
from hightech_cli.store import transfer

ReportJsonOpt = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


def _db(ctx: typer.Context) -> str | None:
    db = (ctx.find_root().obj or {}).get("db")
    return None if db is None else str(db)  # "" stays "": a usage error, not the default


def _column(header: str) -> Column:
    return Column(header, lambda row: str(row[header]))


def check_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        Format | None,
        typer.Option(*opts.FORMAT.names, help=opts.FORMAT.help, case_sensitive=False),
    ] = None,
    as_json: Annotated[bool, typer.Option(*opts.JSON.names, help=opts.JSON.help)] = False,
) -> None:
    """Validate a store: schema, unique ids, references and evidence. Exits 1 on any problem.

    Example: hz --db my-facts.json check
    """
    from hightech_cli.store.check import check_store
    from hightech_cli.store.location import resolve_store_path

    out_fmt = pick_format(fmt, as_json)
    report = check_store(resolve_store_path(_db(ctx)))
    if out_fmt is Format.table:
        summary = ", ".join(f"{n} {t}" for t, n in report.counts.items())
        lines = [f"{report.store}: {summary}"]
        lines += [f"  problem: {p}" for p in report.problems]
        lines.append("ok: no problems" if report.ok else f"{len(report.problems)} problem(s)")
        sys.stdout.write("".join(clean(line) + "\n" for line in lines))
        sys.stdout.flush()
    else:
        emit_card(report.as_dict(), [], [], out_fmt, title="check")
    if not report.ok:
        raise typer.Exit(ExitCode.NOT_FOUND)


def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        transfer.ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: the store document; jsonl: one record a line; csv: one table (--kind).",
            case_sensitive=False,
        ),
    ] = transfer.ExportFormat.json,
    kind: Annotated[
        transfer.Kind | None,
        typer.Option(
            "--kind", "-k", help="Export one table only (required for csv).", case_sensitive=False
        ),
    ] = None,
) -> None:
    """Write the whole store (or one table) to stdout, in a form 'hz import' reads back.

    json is the store file itself; jsonl has one record a line with a "table" field; csv is
    one table for spreadsheets (lists as JSON text, formulas guarded).

    Example: hz export --format jsonl > my-facts.jsonl
    """
    exported = transfer.export_store(_db(ctx), fmt, kind)
    if exported.text is not None:
        sys.stdout.write(exported.text)
        sys.stdout.flush()
        return
    emit_list(exported.rows, [_column(h) for h in exported.headers], Format.csv)


def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A json or jsonl export; '-' reads stdin.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Validate and report; write nothing.")
    ] = False,
    as_json: ReportJsonOpt = False,
) -> None:
    """Add or update records from FILE in your store, all or nothing.

    Records are matched by id (blocks by source and paragraph number). The store plus the
    file must pass 'hz check'; one problem rejects the file, every problem is listed on
    stderr, and the store is left as it was. Writes go to --db, $HZ_DB or your store from
    'hz init', never to the shipped one.

    Example: hz import new-facts.jsonl --dry-run
    """
    from hightech_cli.store.merge import ImportRejected, problem_line

    try:
        report = transfer.import_file(file, db=_db(ctx), dry_run=dry_run)
    except ImportRejected as exc:
        for problem in exc.problems:
            sys.stderr.write(f"hz: problem: {clean(problem_line(problem))}\n")
        raise
    if as_json:
        emit_card(report.as_dict(), [], [], Format.json, title="import")
        return
    sys.stdout.write(f"{clean(report.summary())}: {clean(str(report.store))}\n")
    sys.stdout.flush()


def init_cmd(
    ctx: typer.Context,
    from_shipped: Annotated[
        bool,
        typer.Option("--from-shipped", help="Start from a copy of the shipped facts."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace an existing store (the old one is kept as a new backup)."
        ),
    ] = False,
    as_json: ReportJsonOpt = False,
) -> None:
    """Create your own writable store (at --db, $HZ_DB, or $XDG_DATA_HOME/hz/facts.json).

    By default it holds the shipped article (sources and numbered paragraphs, so that facts
    quoting it can be imported) and no entities or facts; --from-shipped copies the shipped
    facts too. An existing store is never replaced without --force.

    Example: hz init --from-shipped
    """
    report = transfer.init_store(db=_db(ctx), from_shipped=from_shipped, force=force)
    if as_json:
        emit_card(report.as_dict(), [], [], Format.json, title="init")
        return
    counts = ", ".join(f"{n} {t}" for t, n in report.counts.items())
    line = f"created {report.store} ({counts})"
    if report.backup:
        line += f"; the old store is kept as {report.backup}"
    sys.stdout.write(clean(line) + "\n")
    sys.stdout.flush()


def index_cmd(ctx: typer.Context, as_json: ReportJsonOpt = False) -> None:
    """Build (or rebuild) the lookup index of a big store, so that lookups read a few rows.

    Lookups of a store of 5 MB or more ($HZ_INDEX_MIN_BYTES) use an index kept in your cache
    directory when it matches the file. 'hz import' and 'hz init' write it; run this after
    changing a big store with another program (until then lookups read the file, slower).
    A store under the threshold is read whole and needs none. The index is a cache: delete
    it any time. 'hz index' also removes the indexes of stores deleted or changed since.

    Example: hz --db big-store.json index
    """
    from hightech_cli.store import indexing
    from hightech_cli.store.location import resolve_store_path

    report = indexing.index_store(resolve_store_path(_db(ctx)))
    if as_json:
        emit_card(report.as_dict(), [], [], Format.json, title="index")
        return
    counts = ", ".join(f"{n:,} {table}" for table, n in report.rows.items())
    if report.index is None:
        line = (
            f"no index needed: {report.store} ({counts}) is under the size from which "
            "lookups use one; they read it whole"
        )
    else:
        size = report.index_bytes / 1_000_000
        line = f"indexed {report.store} ({counts}) in {report.seconds:.1f} s: {report.index} "
        line += f"({size:.1f} MB)"
    if report.pruned:
        freed = report.pruned_bytes / 1_000_000
        line += f"; removed {report.pruned} unusable index(es) of other stores ({freed:.1f} MB)"
    sys.stdout.write(clean(line) + "\n")
    sys.stdout.flush()
