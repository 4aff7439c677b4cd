"""What the two hot commands do once their arguments are parsed.

``hz company`` and ``hz projects`` are reached two ways: through the Typer app in ``cli.py``, and
through the start-up fast path in ``__main__.py``, which parses their plain forms without
importing Typer. Both call these functions, so the work and the output have one home. Nothing
here imports typer or rich (``render`` imports Rich only to draw a table).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from hightech_cli import columns as cols
from hightech_cli import query
from hightech_cli.errors import IndexDamaged
from hightech_cli.render import Format, emit_bars, emit_card, emit_list
from hightech_cli.store import Store

_T = TypeVar("_T")

if TYPE_CHECKING:
    from decimal import Decimal

    from hightech_cli.amounts import Money


# The store the last answer came from. Freeing a big store takes a while (0.05 s at 100,000
# facts), better spent after the answer is out, and the ``hz`` command skips it altogether
# (``__main__.run`` ends the process without freeing anything); so the store is kept here
# rather than freed when the answer is made. The next question replaces it.
_answered_from: list[Store] = []


def _ask(db: str | None, question: Callable[[Store], _T]) -> _T:
    """Open the store and answer, once more if the store's index proves damaged.

    A damaged index is removed when found, so the second time the store file answers.
    """
    _answered_from.clear()
    try:
        store = Store.open(db)
        answer = question(store)
    except IndexDamaged:
        store = Store.open(db)
        answer = question(store)
    _answered_from.append(store)
    return answer


def show_company(db: str | None, name: str, fmt: Format, *, sources: bool) -> None:
    """Print one company's card."""
    card = _ask(db, lambda store: query.company_card(store, name))
    fields, sections = cols.company_card(sources)
    emit_card(card, fields, sections, fmt, title=f"公司 {card['name']}")


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
) -> None:
    """Print the investment projects that pass the filters, as a table, chart or data."""
    rows = _ask(
        db,
        lambda store: query.projects(
            store,
            min_invest=min_invest,
            max_invest=max_invest,
            company=company,
            sort=sort,  # type: ignore[arg-type]  # query.projects names the bad value
            usd_cny=usd_cny,
        ),
    )
    if chart and fmt is Format.table:
        emit_bars(rows, lambda r: r["name"], cols.chart_value, cols.chart_label, title="投资额")
        return
    emit_list(rows, cols.project_columns(sources), fmt, title="项目 projects")
