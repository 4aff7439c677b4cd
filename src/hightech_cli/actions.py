"""What the two hot commands do once their arguments are parsed.

``hz company`` and ``hz projects`` are reached two ways: through the Typer app in ``cli.py``, and
through the start-up fast path in ``__main__.py``, which parses their plain forms without
importing Typer. Both call these functions, so the work and the output have one home. Nothing
here imports typer or rich (``render`` imports Rich only to draw a table).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hightech_cli import columns as cols
from hightech_cli import query
from hightech_cli.render import Format, emit_bars, emit_card, emit_list
from hightech_cli.store import Store

if TYPE_CHECKING:
    from decimal import Decimal

    from hightech_cli.amounts import Money


def show_company(db: str | None, name: str, fmt: Format, *, sources: bool) -> None:
    """Print one company's card."""
    store = Store.open(db)  # held until the answer is out: freeing a big store takes a while
    card = query.company_card(store, name)
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
    store = Store.open(db)  # held until the answer is out, as above
    rows = query.projects(
        store,
        min_invest=min_invest,
        max_invest=max_invest,
        company=company,
        sort=sort,  # type: ignore[arg-type]  # query.projects names the bad value
        usd_cny=usd_cny,
    )
    if chart and fmt is Format.table:
        emit_bars(rows, lambda r: r["name"], cols.chart_value, cols.chart_label, title="投资额")
        return
    emit_list(rows, cols.project_columns(sources), fmt, title="项目 projects")
