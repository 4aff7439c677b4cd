"""The commands that check, write, dump or index a store: ``hz check``, ``hz export``,
``hz import``, ``hz init``, ``hz index``.

Written like the commands in ``app.py`` (parse, call one function of the store family, render)
and registered there with ``app.command("export")(export_cmd)`` and so on; this module never
imports ``app.py``, so registration cannot be circular. Errors are ``HzError``s that
``app._HzGroup.main`` turns into one line on stderr and an exit status. The one addition: a
rejected import first lists every problem on stderr, one line each, before that summary line.
"""

from __future__ import annotations

import shlex
import sys
from typing import Annotated, Any

import typer

from hightech_cli.cli import fast as opts
from hightech_cli.cli.escape import json_text
from hightech_cli.cli.params import choice, db_of
from hightech_cli.cli.render import (
    Column,
    Format,
    Section,
    clean,
    emit_card,
    emit_list,
    pick_format,
)
from hightech_cli.cli.streams import standard_input
from hightech_cli.errors import ExitCode, UsageError
from hightech_cli.store import transfer

ReportJsonOpt = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


_db = db_of


PROBLEM_FIELDS = ("table", "record", "field", "reason")


def _column(header: str) -> Column:
    return Column(header, lambda row: str(row[header]))


def check_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        Any,
        choice(Format, *opts.FORMAT.names, help=opts.FORMAT.help, metavar="FORMAT", what="format"),
    ] = None,
    as_json: Annotated[bool, typer.Option(*opts.JSON.names, help=opts.JSON.help)] = False,
) -> None:
    """Validate a store: schema, unique ids, references and evidence. Exits 1 on any problem.

    Example: hz --db my-facts.json check
    """
    from hightech_cli.store.location import resolve_store_path
    from hightech_cli.store.transfer import check_store

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
        fields = [
            ("store", lambda r: str(r["store"])),
            ("counts", lambda r: ", ".join(f"{n} {t}" for t, n in r["counts"].items())),
            ("result", lambda r: "ok" if r["ok"] else f"{len(r['problems'])} problem(s)"),
        ]
        problems = Section("problem", lambda r: r["problems"], [_column(h) for h in PROBLEM_FIELDS])
        emit_card(report.as_dict(), fields, [problems], out_fmt, title="check")
    if not report.ok:
        raise typer.Exit(ExitCode.NOT_FOUND)


def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        Any,
        choice(
            transfer.ExportFormat,
            "--format",
            "-f",
            help="json (the default): the store document; jsonl: one record a line; "
            "csv: one table (--kind); sqlite: a database for Datasette, written to OUT.",
            metavar="FORMAT",
            what="format",
            show_default=False,
        ),
    ] = transfer.ExportFormat.json,
    kind: Annotated[
        Any,
        choice(
            transfer.Kind,
            "--kind",
            "-k",
            help="Export one table only: entities, facts or blocks (required for csv).",
            metavar="TABLE",
            what="table",
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Argument(metavar="OUT", help="--format sqlite: the database file to write."),
    ] = None,
    metadata: Annotated[
        str | None,
        typer.Option(
            "--metadata",
            metavar="PATH",
            help="--format sqlite: where the Datasette metadata goes [default: beside OUT].",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="--format sqlite: replace OUT and its metadata if they exist."
        ),
    ] = False,
) -> None:
    """Write the whole store (or one table) to stdout, in a form 'hz import' reads back;
    or, with --format sqlite, a SQLite database to browse with Datasette.

    json is the store file itself; jsonl has one record a line with a "table" field; csv is
    one table for spreadsheets (lists as JSON text, formulas guarded). sqlite writes OUT and,
    beside it, Datasette's metadata (corpus.db: corpus.metadata.json); an existing file is
    replaced only with --force.

    Example: hz export --format jsonl > my-facts.jsonl

    Example: hz export -f sqlite corpus.db && datasette corpus.db -m corpus.metadata.json
    """
    if fmt is transfer.ExportFormat.sqlite:
        _publish(ctx, kind, out, metadata, force)
        return
    if out is not None or metadata is not None or force:
        raise UsageError(
            "OUT, --metadata and --force go with --format sqlite; json, jsonl and csv go to stdout",
            hint="hz export -f jsonl > FILE",
        )
    exported = transfer.export_store(_db(ctx), fmt, kind)
    if exported.text is not None:
        # Hidden characters as \u escapes: the same data, inert on a terminal (escape.py).
        sys.stdout.write(json_text(exported.text))
        sys.stdout.flush()
        return
    emit_list(exported.rows, [_column(h) for h in exported.headers], Format.csv)


def _publish(
    ctx: typer.Context,
    kind: transfer.Kind | None,
    out: str | None,
    metadata: str | None,
    force: bool,
) -> None:
    from hightech_cli.store.publish import publish_sqlite

    if kind is not None:
        raise UsageError("--format sqlite exports every table", hint="leave out --kind")
    if not out:
        raise UsageError("--format sqlite needs a file to write", hint="hz export -f sqlite OUT.db")
    for given, what in ((out, "OUT"), (metadata, "--metadata")):
        if given == "-":  # the usual name of stdout, where a database cannot go
            raise UsageError(
                f"--format sqlite writes files, not stdout: {what} '-'",
                hint="name a file, e.g. hz export -f sqlite corpus.db",
            )
    done = publish_sqlite(_db(ctx), out, metadata_to=metadata, force=force)
    counts = ", ".join(
        f"{done.counts[t]:,} {t}" for t in ("sources", "blocks", "entities", "facts")
    )
    search = f"search: {done.search}" if done.search else "no full-text search (no FTS5 trigram)"
    size = done.bytes / 1_000_000
    line = (
        f"wrote {done.database} ({size:.1f} MB: {counts}; {search}) and {done.metadata} "
        f"in {done.seconds:.1f} s; browse it with: "
        f"datasette {shlex.quote(str(done.database))} -m {shlex.quote(str(done.metadata))}"
    )
    sys.stdout.write(clean(line) + "\n")
    sys.stdout.flush()


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
        stdin = standard_input() if file == "-" else None
        report = transfer.import_file(file, db=_db(ctx), dry_run=dry_run, stdin=stdin)
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
    empty: Annotated[
        bool,
        typer.Option("--empty", help="Start with no entities or facts, only the article."),
    ] = False,
    from_shipped: Annotated[
        bool,
        typer.Option("--from-shipped", help="Start from the shipped facts (the default)."),
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

    It starts as a copy of the shipped store, facts and all, so that every lookup answers as
    before and new facts can refer to the zone and its companies. --empty leaves out the
    entities and facts and keeps the shipped article (sources and numbered paragraphs), so
    that facts quoting it can still be imported. An existing store is never replaced without
    --force.

    Example: hz init
    """
    if empty and from_shipped:
        raise UsageError("--empty conflicts with --from-shipped", hint="give one of them")
    report = transfer.init_store(db=_db(ctx), from_shipped=not empty, force=force)
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
