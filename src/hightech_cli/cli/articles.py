"""The commands that read articles: ``hz extract`` (an article to records, written to stdout)
and ``hz add`` (extract, then import into your store).

Registered by ``app.py`` as the store commands are; they import the extractor, its tagger and
the web-page reader only when they run, so no lookup pays for them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any

import typer

from hightech_cli.cli import values
from hightech_cli.cli.escape import dumps as json_dumps
from hightech_cli.cli.params import choice, db_of, parsed
from hightech_cli.cli.render import Column, Format, clean, emit_list, note
from hightech_cli.errors import ExitCode, HzError, UsageError
from hightech_cli.text import normalize

Record = dict[str, Any]

SourceIdOpt = Annotated[
    str | None,
    typer.Option(
        "--source-id", metavar="ID", help="Id of the new source (default: from the file)."
    ),
]
TitleOpt = Annotated[
    str | None, typer.Option("--title", metavar="TEXT", help="The article's title.")
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="Its date, YYYY-MM-DD (default: found in it)."),
]
PublicationOpt = Annotated[
    str | None, typer.Option("--publication", metavar="TEXT", help="Where it was published.")
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help=(
            "Its encoding, e.g. gbk or utf-16-le (default: detected: UTF-8, GB18030, Big5,"
            " UTF-16/32 with a BOM)."
        ),
    ),
]
RulesOpt = Annotated[
    bool, typer.Option("--rules-only", help="Do not load the name tagger (fewer names).")
]


_db = db_of


def _given(title: str | None, date: str | None, publication: str | None) -> dict[str, str]:
    given: dict[str, str] = {}
    if title:
        given["title"] = title
    if date is not None:
        from hightech_cli.models import is_iso_date

        day = values.folded(date)  # ２０２５ is 2025; an empty --date is no date
        if not is_iso_date(day):  # the one rule: 2025-99 and 2025-02-30 are no dates
            raise UsageError(f"invalid date {date!r}", hint="write YYYY, YYYY-MM or YYYY-MM-DD")
        given["date"] = day
    if publication:
        given["publication"] = publication
    return given


def _store_or_none(db: str | None) -> Any:
    """The store the records will be imported into, to link to; None if it cannot be read."""
    from hightech_cli.store import open_store
    from hightech_cli.store.location import resolve_store_path

    try:
        return open_store(resolve_store_path(db))
    except HzError:
        return None


def _extract_one(
    path: str,
    *,
    source_id: str | None,
    given: dict[str, str],
    encoding: str | None,
    rules_only: bool,
    store: Any,
    known: list[Any] | None = None,
) -> Any:
    from hightech_cli.cli.streams import standard_input
    from hightech_cli.sources.article import read_article
    from hightech_cli.sources.extract import extract

    stdin = standard_input() if path == "-" else None
    article = read_article(path, encoding=encoding, stdin=stdin)
    return extract(
        article,
        source_id=source_id,
        given=given,
        store=store,
        use_tagger=not rules_only,
        known=known,
    )


def _name_of(records: Sequence[Record]) -> dict[str, str]:
    return {str(r["id"]): str(r["name"]) for r in records if r["table"] == "entities"}


def review_rows(records: Sequence[Record]) -> list[Record]:
    """One row per entity and fact, what most needs checking (lowest confidence) first."""
    names = _name_of(records)
    rows: list[Record] = []
    for r in records:
        if r["table"] not in ("entities", "facts"):
            continue
        extracted = r.get("extracted") or {}
        ev = (
            r["evidence"][0] if isinstance(r["evidence"], list) and r["evidence"] else r["evidence"]
        )
        if r["table"] == "entities":
            kind, subject, topic = r["kind"], r["name"], r.get("full_name") or r.get("role") or ""
            value = ""
        else:
            kind, subject, topic = r["kind"], names.get(r["subject"], r["subject"]), r["topic"]
            value = _value_text(r)
        rows.append(
            {
                "confidence": extracted.get("confidence", 1.0),
                "kind": kind,
                "subject": subject,
                "topic": topic,
                "value": value,
                "paragraph": ev.get("paragraph") if isinstance(ev, dict) else None,
                "quote": ev.get("quote", "") if isinstance(ev, dict) else "",
                "rule": extracted.get("rule", "stored"),
            }
        )
    rows.sort(key=lambda row: (row["confidence"], row["paragraph"] or 0))
    return rows


def _value_text(fact: Record) -> str:
    from hightech_cli.cli.columns import fact_value_text

    text = fact_value_text(fact)
    if fact.get("date"):
        text = f"{text} ({fact['date']})" if text else str(fact["date"])
    return text


REVIEW_COLUMNS = [
    Column("置信 conf.", lambda r: f"{r['confidence']:.2f}"),
    Column("类型 kind", lambda r: str(r["kind"])),
    Column("对象 subject", lambda r: str(r["subject"])),
    Column("主题 topic", lambda r: str(r["topic"])),
    Column("数值 value", lambda r: str(r["value"])),
    Column("¶", lambda r: f"¶{r['paragraph']}" if r["paragraph"] else ""),
    Column("依据 quote", lambda r: str(r["quote"]), wide=True),
    Column("规则 rule", lambda r: str(r["rule"])),
]


def _write_records(records: Sequence[Record], fmt: Format) -> None:
    if fmt is Format.table:
        emit_list(review_rows(records), REVIEW_COLUMNS, Format.table, title="抽取 extraction")
        return
    if fmt is Format.json:
        sys.stdout.write(json_dumps(list(records), indent=1) + "\n")
    else:
        sys.stdout.write("".join(json_dumps(r) + "\n" for r in records))
    sys.stdout.flush()


def extract_cmd(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The article: text or a saved web page; '-' reads stdin."
        ),
    ],
    source_id: SourceIdOpt = None,
    title: TitleOpt = None,
    date: DateOpt = None,
    publication: PublicationOpt = None,
    encoding: EncodingOpt = None,
    rules_only: RulesOpt = False,
    fmt: Annotated[
        Any,
        choice(
            Format,
            "--format",
            "-f",
            metavar="FORMAT",
            help="jsonl (records for 'hz import', the default), json, or table (a review table).",
            what="format",
            show_default=False,
        ),
    ] = Format.jsonl,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Read one article and print the records 'hz import' takes: its source, paragraphs,
    entities and facts, each fact with its verbatim evidence. Writes nothing.

    Names your store already has are linked to its entities. '--format table' prints a review
    table, the least certain first.

    Example: hz extract article.txt > article.jsonl && hz import article.jsonl
    """
    if as_json and fmt not in (Format.jsonl, Format.json):
        raise UsageError(f"--json conflicts with --format {fmt.value}", hint="give one of them")
    fmt = Format.json if as_json else fmt
    if fmt not in (Format.jsonl, Format.json, Format.table):
        raise UsageError(f"hz extract writes jsonl, json or table, not {fmt.value}")
    given = _given(title, date, publication)
    from hightech_cli.sources.article import ArticleError

    try:
        done = _extract_one(
            file,
            source_id=source_id,
            given=given,
            encoding=encoding,
            rules_only=rules_only,
            store=_store_or_none(_db(ctx)),
        )
    except ArticleError as exc:
        raise _named(file, exc) from None
    for remark in done.notes:
        note(remark)
    _write_records(done.records, fmt)


def add_cmd(
    ctx: typer.Context,
    files: Annotated[
        list[str], typer.Argument(metavar="FILE", help="Articles: text or saved web pages.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Print the review table; write nothing.")
    ] = False,
    source_id: SourceIdOpt = None,
    title: TitleOpt = None,
    date: DateOpt = None,
    publication: PublicationOpt = None,
    encoding: EncodingOpt = None,
    rules_only: RulesOpt = False,
    jobs: Annotated[
        Any,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="Articles read at once (default: the CPUs).",
            parser=parsed(lambda t: values.whole_number(t, "number of jobs", minimum=1)),
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Extract each article and add it to your store: each file all or nothing, in one write.

    Entities your store already has (by name, legal name, alias or short name) get the new
    evidence instead of a duplicate where the names say they are the same one: a person at the
    same organisation, a project of the same investor; nothing is merged by a guess. Adding the
    same article again changes nothing. Writes go to --db, $HZ_DB or your store from 'hz init'.

    Example: hz add article.txt --dry-run
    """
    from hightech_cli.sources.link import NameTable, link
    from hightech_cli.store.transfer import import_batches, write_target

    if (source_id or title or date or publication) and len(files) > 1:
        raise UsageError(
            "--source-id, --title, --date and --publication name one article",
            hint="add one file at a time with them",
        )
    write_target(_db(ctx))  # the shipped store is refused before any article is read
    given = _given(title, date, publication)
    from hightech_cli.sources.extract import known_names

    store_now = _store_or_none(_db(ctx))
    known = known_names(store_now) if store_now is not None else []
    had = _sources_of(store_now)
    bare = _bare_sources(store_now, had, files)
    # Let go of it: a big store read without an index holds the file's bytes, and the import
    # reads the file again, under the lock.
    close = getattr(store_now, "close", None)
    if close is not None:
        close()
    del store_now
    kept: list[tuple[str, list[Record]]] = []  # the dry run's review tables
    failures: list[ExitCode] = []  # each failed article's status, as extract would end

    this_run: dict[str, tuple[str, str]] = {}  # sha256 of each article read: its file and id

    def extracted() -> Iterator[tuple[str, list[Record]]]:
        # Consumed while the workers read the next articles: extraction and merging overlap,
        # and no article's records outlive its merge (unless a dry run shows them).
        for path, done in _extract_all(files, source_id, given, encoding, rules_only, jobs, known):
            if isinstance(done, HzError):
                failures.append(done.exit_code)
                sys.stderr.write(f"hz: error: {clean(str(done))}\n")
                continue
            for remark in done.notes:
                note(remark)
            records = done.records
            source = _source_of(records)
            digest = str(source.get("sha256", ""))
            there = _already_added(records, had)
            if there is not None and there in bare:
                # The article's paragraphs are in the store and nothing cites them yet (hz init
                # --empty keeps the shipped article so): read under that source's id, its
                # entities and facts go in beside them, the source as the store has it.
                note(f"{path} is in the store as source {there}, with no facts yet: adding them")
                done = _safe_extract(path, there, given, encoding, rules_only)
                if isinstance(done, HzError):
                    failures.append(done.exit_code)
                    sys.stderr.write(f"hz: error: {clean(str(done))}\n")
                    continue
                records = _as_source(done.records, bare.pop(there))
            elif there is not None:
                # The same bytes, added before (under this id or, saved as another file, under
                # another). Extracted again now that the store knows its names, it could come
                # out a little otherwise, or as a second source of every figure; nothing changes.
                note(f"{path} is already in the store as source {there}")
                records = []
            elif digest and digest in this_run:
                # The same article twice in this run (a.txt a.txt, a glob and a name, a copy):
                # merged after the first, its second reading added duplicates of the entities
                # the first had just introduced.
                first, sid = this_run[digest]
                said = "is given twice" if first == path else f"holds the same bytes as {first}"
                note(f"{path} {said}: added once, as source {sid}")
                records = []
            elif digest:
                this_run[digest] = (path, str(source.get("id", "")))
            if dry_run:
                kept.append((path, records))
            yield path, records

    # Whether the article's id is another article's is asked under the write lock, of the
    # store as it then stands: asked of the store read before, two runs adding articles under
    # one id at once both passed, and the second was refused for quotes of the first's text.
    store, reports, written = import_batches(
        extracted(), db=_db(ctx), dry_run=dry_run, prepare=NameTable(), refuse=_id_taken
    )
    for report in reports:
        if report.refused is not None:
            failures.append(report.refused.exit_code)
            sys.stderr.write(f"hz: error: {clean(report.name)}: {clean(str(report.refused))}\n")
    if dry_run:
        kept = [k for k, r in zip(kept, reports, strict=True) if r.refused is None]
    reports = [r for r in reports if r.refused is None]
    failed = len(failures)
    # Articles that could not be read for bad usage alone (no such file, an unknown encoding)
    # end the command as ``hz extract`` ends on them; any other failure is exit 1.
    usage = bool(failures) and set(failures) == {ExitCode.USAGE}
    status = ExitCode.USAGE if usage else ExitCode.NOT_FOUND
    if not reports:
        raise typer.Exit(status if failed else ExitCode.OK)
    if dry_run and not as_json:
        for (path, records), report in zip(kept, reports, strict=True):
            if report.ok:
                sys.stdout.write(f"{clean(path)}:\n")
                sys.stdout.flush()
                _write_records(link(records, _store_or_none(str(store))), Format.table)
    for report in reports:
        if not report.ok:
            failed += 1
            for line in report.problems:
                sys.stderr.write(f"hz: problem: {clean(report.name)}: {clean(line)}\n")
            count = len(report.problems)
            sys.stderr.write(f"hz: error: {clean(report.name)} was not added: {count} problem(s)\n")
    if as_json:
        out = {
            "store": str(store),
            "dry_run": dry_run,
            "written": written,
            "files": [
                {
                    "file": r.name,
                    "ok": r.ok,
                    "added": r.total("added"),
                    "updated": r.total("updated"),
                    "unchanged": r.total("unchanged"),
                    "problems": r.problems,
                }
                for r in reports
            ],
        }
        sys.stdout.write(json_dumps(out, indent=2) + "\n")
    else:
        for r in reports:
            if r.ok:
                line = (
                    f"{r.name}: {r.total('added')} added, {r.total('updated')} updated, "
                    f"{r.total('unchanged')} unchanged"
                )
                sys.stdout.write(
                    clean(line) + ("" if not dry_run else " (dry run: nothing written)") + "\n"
                )
        sys.stdout.write(
            clean(f"{'would write' if dry_run else 'wrote' if written else 'unchanged'}: {store}")
            + "\n"
        )
    sys.stdout.flush()
    if failed > len(failures):  # an article extracted but refused by the import
        raise typer.Exit(ExitCode.NOT_FOUND)
    if failed:
        raise typer.Exit(status)


def _sources_of(store: Any) -> dict[str, str]:
    """The store's sources: id to the sha256 of the file each was read from."""
    if store is None:
        return {}
    try:
        return {str(s["id"]): str(s.get("sha256", "")) for s in store.meta.get("sources", [])}
    except HzError:
        return {}  # a damaged store: the import says what is wrong


def _bare_sources(store: Any, had: Mapping[str, str], files: Sequence[str]) -> dict[str, Record]:
    """The store's sources that one of ``files`` was read from (by sha256) and that no entity
    or fact cites: paragraphs alone, as ``hz init --empty`` keeps the shipped article's. Each
    with its record in the store's meta."""
    import hashlib
    from pathlib import Path

    from hightech_cli.sources.article import MAX_BYTES

    if store is None or not had:
        return {}  # a new store, or one with no sources: no file is read twice for nothing
    digests = set()
    for name in files:
        path = Path(name)
        try:  # an article too big, or unreadable, is refused when it is read, not here
            if name != "-" and path.is_file() and path.stat().st_size <= MAX_BYTES:
                digests.add(hashlib.sha256(path.read_bytes()).hexdigest())
        except OSError:
            continue
    wanted = [sid for sid, sha in had.items() if sha in digests]
    if not wanted:
        return {}
    try:
        counts = store.source_counts()
        records = {str(s["id"]): dict(s) for s in store.meta.get("sources", [])}
    except HzError:
        return {}  # a damaged store: the import says what is wrong
    return {
        sid: records[sid]
        for sid in wanted
        if sid in records
        and not counts.get(sid, {}).get("entities")
        and not counts.get(sid, {}).get("facts")
    }


def _as_source(records: list[Record], source: Record) -> list[Record]:
    """The records with the meta's source replaced by the store's record of that source."""
    out = []
    for r in records:
        if r.get("table") == "meta":
            r = {**r, "sources": [source]}
        out.append(r)
    return out


def _source_of(records: Sequence[Record]) -> Record:
    """The source an extraction's meta record adds."""
    meta = next((r for r in records if r.get("table") == "meta"), {})
    return dict((meta.get("sources") or [{}])[0])


def _already_added(records: Sequence[Record], had: dict[str, str]) -> str | None:
    """The id of the store's source read from the same bytes as the article, if any: its own
    id first, else another (the same file saved under another name: "a (1).txt")."""
    source = _source_of(records)
    digest = source.get("sha256")
    if not digest:
        return None
    sid = str(source.get("id", ""))
    if had.get(sid) == digest:
        return sid
    return next((other for other, sha in had.items() if sha == digest), None)


def _id_taken(records: Sequence[Record], had: Mapping[str, str]) -> HzError | None:
    """A UsageError if the article's source id is another article's in the store (``had``:
    its sources, id to sha256, as they stand under the write lock).

    The import merges sources by id and blocks by source and number, so an article added as
    ``--source-id qdhz-2026`` would replace that source's title, file and paragraphs with its
    own, and the other article would be lost from the store without a word."""
    source = _source_of(records)
    sid = str(source.get("id", ""))
    hint = "give the article an id of its own with --source-id, or leave it out"
    if sid not in had:
        # hz source and --source read an id as every value is read (case, full-width forms,
        # dashes): an id that reads as another's would make both ambiguous from then on.
        key = normalize(sid)
        alike = next((other for other in had if normalize(other) == key), None)
        if alike is not None:
            return UsageError(
                f"source id {sid!r} reads as {alike!r}, another article's id in the store",
                hint=hint,
            )
    digest = had.get(sid)
    if digest is None or digest == source.get("sha256"):
        return None
    return UsageError(f"source id {sid!r} is already another article's in the store", hint=hint)


def _extract_all(
    files: list[str],
    source_id: str | None,
    given: dict[str, str],
    encoding: str | None,
    rules_only: bool,
    jobs: int | None,
    known: list[Any],
) -> Iterator[tuple[str, Any]]:
    """Each file's extraction (or the error that stopped it), in order, as it is ready; in
    parallel when there are several files and more than one CPU."""
    workers = min(len(files), jobs or os.cpu_count() or 1)
    args = [(f, source_id, given, encoding, rules_only) for f in files]
    _KNOWN[:] = known
    if workers == 1 or len(files) == 1:
        for f, a in zip(files, args, strict=True):
            yield f, _safe_extract(*a)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=workers, initializer=_set_known, initargs=(known,)
    ) as pool:
        chunk = max(1, min(8, len(args) // (workers * 4)))
        yield from zip(files, pool.map(_safe_extract_args, args, chunksize=chunk), strict=True)


_KNOWN: list[Any] = []  # the store's names, in this process (a worker gets them at its start)


def _set_known(known: list[Any]) -> None:
    _KNOWN[:] = known


def _safe_extract_args(args: tuple[Any, ...]) -> Any:
    return _safe_extract(*args)


def _safe_extract(
    path: str, source_id: str | None, given: dict[str, str], encoding: str | None, rules_only: bool
) -> Any:
    try:
        return _extract_one(
            path,
            source_id=source_id,
            given=given,
            encoding=encoding,
            rules_only=rules_only,
            store=None,
            known=_KNOWN,
        )
    except HzError as exc:
        return _named(path, exc)


def _named(path: str, exc: HzError) -> HzError:
    """The error, naming the article it is about if it does not yet."""
    if path in str(exc):  # it names the article already (no such file: PATH)
        return exc
    named = HzError(f"{path}: {exc}")
    named.exit_code = exc.exit_code  # what the error was stays: bad usage is still exit 2
    return named
