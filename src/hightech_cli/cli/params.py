"""Typer parameters every command family shares: values read by ``values.py``'s one rule.

``parsed`` turns a reader of ``values.py`` into a Typer parser (its UsageError becomes Typer's
usage error on that option), ``choice`` an option over a string enum whose help names the
choices as words (never ``<json|jsonl|csv>``), and ``db_of`` the store a command reads.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

import typer

from hightech_cli.cli import values
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
