"""How hz reads a value typed on the command line: one rule for every option and argument.

A value is compared the way names are (``text.normalize``): full-width forms are their
ASCII twins (``ＪＳＯＮ``, ``２１``, ``２亿``), case does not matter (``-f JSON``, ``--sort NAME``),
spaces at either end are dropped, and a space next to a Chinese character carries no meaning
(``2 亿`` is ``2亿``, while ``USD 100M`` keeps the space it needs). Then it is read as what the
option takes: one of a set of words, a whole number, an amount, a rate. Each reader raises
``UsageError`` naming the value and what would do, so the Typer app and the start-up path
(``fast.py``) refuse the same values with the same words. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from hightech_cli.errors import UsageError
from hightech_cli.text import normalize

if TYPE_CHECKING:
    from enum import StrEnum

    from hightech_cli.numbers.amounts import Money

_E = TypeVar("_E", bound="StrEnum")


def folded(text: str) -> str:
    """The value as hz compares it: ``" ＮＡＭＥ "`` is ``name``, ``"2 亿"`` is ``2亿``."""
    return normalize(text)


def word(text: str, allowed: Iterable[str], what: str) -> str:
    """One of ``allowed`` (``--sort NAME`` is ``name``), or UsageError listing them."""
    choices = list(allowed)
    value = folded(text)
    if value in choices:
        return value
    raise UsageError(f"invalid {what} {text!r}", hint=f"use one of {', '.join(choices)}")


def member(text: str, enum: type[_E], what: str) -> _E:
    """A member of a string enum, read as :func:`word` reads a word."""
    return enum(word(text, [m.value for m in enum], what))


def whole_number(text: str, what: str, *, minimum: int | None = None) -> int:
    """A whole number (``21``, ``２１``, `` 21 ``), at least ``minimum``; else UsageError."""
    value = folded(text)
    digits = value[1:] if value[:1] in "+-" else value
    if not (digits.isascii() and digits.isdigit()):
        raise UsageError(f"invalid {what} {text!r}", hint="give a whole number, e.g. 21")
    number = int(value)
    if minimum is not None and number < minimum:
        raise UsageError(f"invalid {what} {text!r}", hint=f"give {minimum} or more")
    return number


def amount(text: str) -> Money:
    """An amount (``2亿``, ``2 亿``, ``USD 100M``, ``４.５亿美元``); AmountError if it is none."""
    from hightech_cli.numbers.amounts import parse_amount

    return parse_amount(folded(text))


def rate(text: str) -> str:
    """A rate as its text, folded (``７.２`` is ``7.2``); the query judges the number."""
    return folded(text)


# The output options, which a user may give before the command as --db is (hz --json companies).
_OUTPUT_FLAGS = ("--json",)
_OUTPUT_VALUED = ("--format", "-f")


def output_after_command(args: list[str]) -> list[str]:
    """The command line with output options given before the command moved to just after its
    name: ``hz --json companies`` is ``hz companies --json``, as the intro's "--json on any
    command" reads. A command that takes no such option then says so, as it would after its
    name; a line without a command is given back as it is, for the app to judge.
    """
    head: list[str] = []
    moved: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        word = args[i]
        if word in _OUTPUT_FLAGS or word.startswith("--format="):
            moved.append(word)
        elif word in _OUTPUT_VALUED and i + 1 < len(args):
            moved += args[i : i + 2]
            i += 1
        elif word == "--db" and i + 1 < len(args):
            head += args[i : i + 2]  # its value, whatever it looks like, as Click reads it
            i += 1
        else:
            head.append(word)
        i += 1
    if not moved or i >= len(args) or args[i] == "--":
        return args
    return [*head, args[i], *moved, *args[i + 1 :]]


DB_KEY = "hz.db"  # where a command's own --db (given after it) is kept, in click's ctx.meta


def given_db(ctx: Any) -> str | None:
    """The store a command reads: ``--db`` before the command or after it (not both).

    ``ctx`` is the command's Typer context; ``ctx.meta`` is shared by the whole command line.
    An empty path is passed on as given, for the store's location rules to judge.
    """
    root = ctx.find_root()
    before = (root.obj or {}).get("db") if isinstance(root.obj, dict) else None
    if before is None:
        before = root.params.get("db")  # while completing, the callback has not run
    after = ctx.meta.get(DB_KEY)
    if before is not None and after is not None and before != after:
        raise UsageError("--db is given twice", hint="give it once, before or after the command")
    found = after if after is not None else before
    return None if found is None else str(found)
