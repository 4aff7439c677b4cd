"""Typer parameters every command family shares: values read by ``values.py``'s one rule.

``parsed`` turns a reader of ``values.py`` into a Typer parser (its UsageError becomes Typer's
usage error on that option), ``choice`` an option over a string enum whose help names the
choices as words (never ``<json|jsonl|csv>``), and ``db_of`` the store a command reads.
``adapt_commands`` and ``numbers_as_arguments`` give every command of the app its shape: help
that names arguments as git and gh do, ``--db`` after the command name, and a negative number
read as an argument. ``app._HzGroup`` applies them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperArgument

from hightech_cli.cli import values
from hightech_cli.cli.values import DB_KEY
from hightech_cli.errors import HzError

_T = TypeVar("_T")


def parsed(read: Callable[[str], _T]) -> Callable[[str], _T]:
    """A Typer parser from a reader of ``values.py``: its UsageError becomes Typer's."""

    def parse(text: str) -> _T:
        if not isinstance(text, str):  # a default, already a value
            return text
        try:
            return read(text)
        except HzError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


def choice(
    enum: type[StrEnum], *names: str, help: str, metavar: str, what: str, **extra: Any
) -> Any:
    """An option taking one member of ``enum``, folded as every value is (``-f JSON``)."""
    return typer.Option(
        *names,
        help=help,
        metavar=metavar,
        parser=parsed(lambda t: values.member(t, enum, what)),
        **extra,
    )


def db_of(ctx: typer.Context) -> str | None:
    """The store the command reads: ``--db`` before or after the command."""
    return values.given_db(ctx)


# ------------------------------------------------------------------ the commands' shape

# A negative number, in ASCII or full-width digits, and whatever follows it (a unit, a percent
# sign: -2%, -5亿元): an argument, never an option's name, as no option begins with a digit.
_NEGATIVE = re.compile(r"[-－−][0-9０-９]\S*")


class _Argument(TyperArgument):
    """An argument shown as git and gh show one: ``NAME``, ``[NAME]``, ``TERM...``.

    Typer writes ``{name}`` in the usage line and the Python type (``<str>``,
    ``<list[str]>``) beside it in the list, which tell a user nothing.
    """

    def _label(self) -> str:
        return (self.metavar or self.name or "").upper()

    def _usage_display_name(self) -> str:
        name = self._label() if self.required else f"[{self._label()}]"
        return name + ("..." if self.nargs != 1 else "")

    def _rich_display_name(self) -> str:
        return self._label() + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _keep_db(ctx: typer.Context, value: str | None) -> str | None:
    if value is not None:
        ctx.meta[DB_KEY] = value
    return value


def _show_version(value: bool) -> None:
    if value:
        from hightech_cli import __version__

        sys.stdout.write(f"hz {__version__}\n")
        raise typer.Exit(0)


def _global_options() -> list[Any]:
    """The global options as every command also takes them after its name, hidden from its
    help: ``--db`` (kept in ctx.meta: ``hz company X --db f``) and ``--version``.

    Built by Typer from a declaration, as every other option is, then given to each command.
    """
    probe = typer.Typer(add_completion=False)

    @probe.command()
    def declared(
        db: Annotated[
            str | None,
            typer.Option(
                "--db", metavar="PATH", hidden=True, expose_value=False, callback=_keep_db
            ),
        ] = None,
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                hidden=True,
                expose_value=False,
                is_eager=True,
                callback=_show_version,
            ),
        ] = False,
    ) -> None:
        """Only declares the options."""

    return list(typer.main.get_command(probe).params)


def adapt_commands(commands: Iterable[Any]) -> None:
    """Every command of the app as hz shows and parses it: arguments named in capitals, and
    the global options taken after the command name too."""
    global_options = _global_options()
    for command in commands:
        for param in command.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument
        command.params.extend(global_options)


def numbers_as_arguments(commands: Mapping[str, Any], args: list[str]) -> list[str]:
    """A negative number after a command is its argument (``hz source -1``), not an option.

    Click reads any ``-`` word as an option and says "No such option: -1". So where one
    stands where an argument may, the arguments are moved behind ``--``, in their order,
    and the command judges the number (``hz source -1``: no paragraph -1, status 2).
    """
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 2 if args[i] == "--db" else 1
    command = commands.get(args[i]) if i < len(args) else None
    if command is None or not any(_NEGATIVE.fullmatch(a) for a in args[i + 1 :]):
        return args
    valued = {
        name
        for p in command.params
        if getattr(p, "param_type_name", "") == "option"
        and not getattr(p, "is_flag", False)
        and not getattr(p, "count", False)
        for name in p.opts
    }
    options: list[str] = []
    arguments: list[str] = []
    rest = args[i + 1 :]
    j = 0
    while j < len(rest):
        word = rest[j]
        if word == "--":
            arguments += rest[j + 1 :]
            break
        if word in valued and j + 1 < len(rest):
            options += [word, rest[j + 1]]
            j += 1
        elif word.startswith("-") and len(word) > 1 and not _NEGATIVE.fullmatch(word):
            options.append(word)
        else:
            arguments.append(word)
        j += 1
    return [*args[: i + 1], *options, "--", *arguments]
