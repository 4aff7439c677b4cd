"""Entry point for ``hz`` and ``python -m hightech_cli``.

Start-up is most of what a lookup costs, and building the Typer app is most of start-up:
importing Typer and our command module takes about 55 ms and turning the commands into Click
commands (Typer 0.29 builds pydantic adapters for every parameter) another 65 ms, against
about 10 ms for ``python -c pass`` (``python -X importtime``, cProfile; ``bench/README.md``).

So the two hot commands, ``hz company NAME`` and ``hz projects [filters]``, are first tried by
a small fast path that reads the arguments itself and then calls the same functions as the
commands in ``cli.py`` (``actions.show_company``, ``actions.show_projects``). It accepts only
plain forms of their arguments. Anything else (help, ``--version``, completion,
``--opt=value``, bundled or repeated options, values starting with ``-``) and any ``HzError``
(unknown or ambiguous name, bad amount, missing store) goes to the Typer app, which parses,
reports and exits as always, so hz behaves the same either way. ``tests/test_speed.py``
holds the two paths to the same stdout, stderr and exit status.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from hightech_cli.render import Format

# Per command: its flags, its options that take a value, and how many arguments it takes.
_FLAGS: dict[str, dict[str, str]] = {
    "company": {"--json": "json", "--sources": "sources", "-s": "sources"},
    "projects": {"--json": "json", "--sources": "sources", "-s": "sources", "--chart": "chart"},
}
_VALUED: dict[str, dict[str, str]] = {
    "company": {"--format": "format", "-f": "format"},
    "projects": {
        "--format": "format",
        "-f": "format",
        "--min-invest": "min_invest",
        "--max-invest": "max_invest",
        "--company": "company",
        "--sort": "sort",
        "--usd-cny": "usd_cny",
    },
}
_ARGUMENTS: dict[str, int] = {"company": 1, "projects": 0}


class _Handover(Exception):
    """The fast path does not take these arguments; the Typer app will."""


def _parse(args: list[str]) -> tuple[str | None, str, dict[str, str | bool], list[str]]:
    """``[--db PATH] COMMAND ...`` as (db, command, options, arguments), or _Handover."""
    db: str | None = None
    if args[:1] == ["--db"] and len(args) >= 2 and not args[1].startswith("-"):
        db, args = args[1], args[2:]
    if not args or args[0] not in _ARGUMENTS:
        raise _Handover
    command, rest = args[0], args[1:]
    flags, valued = _FLAGS[command], _VALUED[command]
    options: dict[str, str | bool] = {}
    arguments: list[str] = []
    i = 0
    while i < len(rest):
        token = rest[i]
        if token in flags and flags[token] not in options:
            options[flags[token]] = True
        elif token in valued and valued[token] not in options and i + 1 < len(rest):
            value = rest[i + 1]
            if value.startswith("-"):
                raise _Handover
            options[valued[token]] = value
            i += 1
        elif token.startswith("-"):
            raise _Handover
        else:
            arguments.append(token)
        i += 1
    if len(arguments) != _ARGUMENTS[command]:
        raise _Handover
    return db, command, options, arguments


def _format(options: dict[str, str | bool]) -> Format:
    from hightech_cli.render import Format

    given = options.get("format")
    try:
        fmt = Format(given) if isinstance(given, str) else None
    except ValueError:
        raise _Handover from None  # Typer rejects it, or reads it case-insensitively (JSON)
    if options.get("json"):
        if fmt not in (None, Format.json):
            raise _Handover  # --json with another --format: a usage error, Typer's to report
        return Format.json
    return fmt or Format.table


def _company(db: str | None, name: str, options: dict[str, str | bool]) -> None:
    from hightech_cli.actions import show_company

    show_company(db, name, _format(options), sources=bool(options.get("sources")))


def _projects(db: str | None, options: dict[str, str | bool]) -> None:
    from hightech_cli.actions import show_projects

    fmt = _format(options)
    bounds = {}
    for key in ("min_invest", "max_invest"):
        text = options.get(key)
        if isinstance(text, str):
            # Parsed only when given, as cli._amount does; a bad one is Typer's to report.
            from hightech_cli.amounts import AmountError, parse_amount

            try:
                bounds[key] = parse_amount(text)
            except AmountError:
                raise _Handover from None  # Typer reports it as a usage error on the option
    company, usd_cny = options.get("company"), options.get("usd_cny")
    show_projects(
        db,
        fmt,
        min_invest=bounds.get("min_invest"),
        max_invest=bounds.get("max_invest"),
        company=company if isinstance(company, str) else None,
        sort=str(options.get("sort", "amount")),
        usd_cny=usd_cny if isinstance(usd_cny, str) else None,
        chart=bool(options.get("chart")),
        sources=bool(options.get("sources")),
    )


def _fast(args: list[str]) -> bool:
    """Run a hot command without Typer; False (having written nothing) to hand it over."""
    from hightech_cli.errors import HzError

    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return False  # shell completion is Typer's
    try:
        for arg in args:
            arg.encode("utf-8")  # undecodable bytes from the shell: Typer's to judge
        db, command, options, arguments = _parse(args)
        if command == "company":
            _company(db, arguments[0], options)
        else:
            _projects(db, options)
    except (_Handover, UnicodeEncodeError):
        return False
    except HzError as exc:
        # Raised before any output; reported as the Typer app does (render.fail), so that a
        # miss on a big store is not looked up a second time by the Typer path.
        from hightech_cli.render import fail

        fail(str(exc), exc.exit_code)
    except Exception:
        if os.environ.get("HZ_DEBUG"):
            raise
        return False  # a bug: the Typer app meets it again and reports it in one line
    return True


def main() -> None:
    """Run hz; a closed output pipe (``hz stats | head -1``) ends it quietly, status 141."""
    from hightech_cli.errors import ExitCode, OutputClosed

    # hz lives for one answer, and its big objects, the decoded store, hold no cycles; yet once
    # the collector is back on after decoding, each collection walks every one of them again
    # (6 s of a 1,000,000-fact lookup; store.py pauses it only while decoding).
    gc.disable()
    try:
        try:
            handled = _fast(sys.argv[1:])
        except KeyboardInterrupt:
            sys.exit(130)  # as the Typer app ends on Ctrl-C: status 130, nothing printed
        if not handled:
            from hightech_cli.cli import app

            app()
        sys.stdout.flush()
    except (BrokenPipeError, OutputClosed):
        from hightech_cli.render import quiet_stdout

        quiet_stdout()
        sys.exit(ExitCode.PIPE)


def run() -> NoReturn:
    """The ``hz`` command: :func:`main`, then an exit that frees nothing (as mypy's does).

    Once hz has answered, all that is left is freeing what it read, one object at a time:
    about 0.1 s for the row heads of a 100,000-fact store, as long as a small lookup takes
    in all. So the output is flushed and the process ends at once with ``os._exit``. hz
    registers no ``atexit`` handlers and writes files only through ``storage``, which has
    closed and synced them before it returns; tests call :func:`main`, which returns.
    """
    from hightech_cli.errors import ExitCode

    try:
        main()
        status = 0
    except SystemExit as exc:
        status = _status(exc.code)
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # ValueError: stdout was closed
        status = ExitCode.PIPE if status == 0 else status
    try:  # noqa: SIM105 - contextlib would cost every run 3 ms of imports
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # nothing more can be said: the status tells
    os._exit(status)


def _status(code: object) -> int:
    """The exit status Python gives ``sys.exit(code)``: None is 0, text is printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    run()
