"""Stats rows as increments: the one rule for daily rows and lifetime-total snapshots.

``content_stats`` and ``campaign_stats`` hold two kinds of rows (column ``cumulative``):

- **daily rows** (``cumulative`` false): the numbers of that day. Their increment is the row
  as it is.
- **snapshot rows** (``cumulative`` true): lifetime totals of the item as of ``date``. Their
  increment is the snapshot minus the item's previous snapshot (the latest earlier snapshot
  row of the same item). The item's **first** snapshot is its *baseline*: increment 0, never
  growth (a lifetime total says nothing about when the views happened).

Every metric sums the increments dated in its period, so for an item with snapshots the value
of a period start..end is

    (last snapshot on or before end) - (last snapshot before start, or, when there is none,
    the item's first snapshot in the period)

and 0 when the item has no snapshot in the period. This differs from summing the rows, which
would count each lifetime total again on every day it is reported. Increments may be negative
when a platform lowers a total (removed likes); they are kept as they are. A measure the file
does not have is NULL in every row, so its increments are NULL too (never 0).

The UI pages and ``opsdash report`` both read these increments (Content page:
:mod:`opsdash.metrics.content`; Activities page: :mod:`opsdash.metrics.activities` and
:func:`opsdash.metrics.breakdowns.activities_by_dimension`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa

from opsdash.metrics.sql import days_between


def increments(
    table: sa.Table,
    *,
    item: Sequence[str],
    counters: Sequence[str],
    since: dt.date | None = None,
    until: dt.date | None = None,
    columns: Sequence[str] | None = None,
    name: str = "increments",
) -> sa.Subquery:
    """A subquery with one row per stats row of ``table``: the ``item`` columns, ``date``,
    each of ``counters`` as its increment (see the module docstring), the other ``columns``
    as stored (e.g. ``properties`` for breakdowns), and ``one_day``
    (1 when the row covers exactly one day: a daily row, or a snapshot whose previous snapshot
    is the day before; 0 for a baseline snapshot or a gap).

    Daily rows outside ``since``..``until`` and snapshot rows after ``until`` are left out
    (earlier snapshots are kept: the differences need them). Callers still restrict the
    result to their period by ``date``."""
    item = tuple(item)
    counters = tuple(counters)
    extra = tuple(c for c in (columns or ()) if c not in (*item, "date", *counters))
    passed = (*item, "date", *extra)
    daily = sa.select(
        *(table.c[c] for c in passed),
        *(table.c[c] for c in counters),
        sa.literal(1).label("one_day"),
    ).where(sa.not_(table.c.cumulative))
    snapshots = sa.select(*(table.c[c] for c in (*passed, *counters))).where(table.c.cumulative)
    if since is not None:
        daily = daily.where(table.c.date >= since)
    if until is not None:
        daily = daily.where(table.c.date <= until)
        snapshots = snapshots.where(table.c.date <= until)
    # A snapshot's previous value is the item's last earlier *known* value of that counter: a
    # day the export could not read (NULL) must not swallow the growth across it. Without
    # LAG ... IGNORE NULLS (neither SQLite nor PostgreSQL has it): number the known values
    # (a running COUNT), spread each known value over the rows up to the next one (MAX over
    # its number), and take the previous row's spread value.
    raw = snapshots.subquery(f"{name}_raw")
    partition = [raw.c[c] for c in item]
    running = sa.select(
        raw,
        *(
            sa.func.count(raw.c[counter])
            .over(partition_by=partition, order_by=raw.c.date, rows=(None, 0))
            .label(f"_{counter}_n")
            for counter in counters
        ),
    ).subquery(f"{name}_numbered")
    spread = sa.select(
        running,
        *(
            sa.func.max(running.c[counter])
            .over(partition_by=[*(running.c[c] for c in item), running.c[f"_{counter}_n"]])
            .label(f"_{counter}_known")
            for counter in counters
        ),
    ).subquery(f"{name}_spread")
    snap = spread
    partition = [snap.c[c] for c in item]

    def previous(column: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.lag(column).over(partition_by=partition, order_by=snap.c.date)

    differenced = []
    for counter in counters:
        value = snap.c[counter]
        # first known value (no previous) -> value - value = 0: the baseline; NULL stays NULL
        before = previous(snap.c[f"_{counter}_known"])
        differenced.append((value - sa.func.coalesce(before, value)).label(counter))
    one_day = sa.case((days_between(previous(snap.c.date), snap.c.date) == 1, 1), else_=0)
    snapshot_rows = sa.select(*(snap.c[c] for c in passed), *differenced, one_day.label("one_day"))
    return sa.union_all(daily, snapshot_rows).subquery(name)
