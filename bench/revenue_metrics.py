"""Speed of every Revenue-page number on the real UCI Online Retail export (541,909 order lines,
4,372 customers, 13 months), on SQLite or PostgreSQL.

    .venv/bin/python bench/revenue_metrics.py [--db URL] [--rebuild]

The store is built once from ../shared/datasets/online_retail.csv (order_id = InvoiceNo,
user_id = CustomerID as an integer string, amount = Quantity x UnitPrice, C invoices
cancelled: the importer's mapping), then each metric function runs on a cold engine for
the whole range (2010-12-01 to 2011-12-09, monthly) and for the last 30 days (daily).
Prints seconds per metric and the totals. Default store: sqlite:////tmp/opsdash_bench_revenue.db.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from opsdash.db import init_store, make_engine  # noqa: E402
from opsdash.filters import Filters  # noqa: E402
from opsdash.metrics import revenue  # noqa: E402
from opsdash.models import OrderLine  # noqa: E402
from opsdash.store.bulk import bulk_insert  # noqa: E402

DATASET = ROOT.parent / "shared" / "datasets" / "online_retail.csv"
DEFAULT_DB = "sqlite:////tmp/opsdash_bench_revenue.db"


def build(url: str) -> None:
    frame = pd.read_csv(DATASET, dtype={"InvoiceNo": str, "StockCode": str})
    stamps = pd.to_datetime(frame["InvoiceDate"])
    lines = pd.DataFrame(
        {
            "order_id": frame["InvoiceNo"],
            "line": frame.groupby("InvoiceNo").cumcount() + 1,
            "user_id": frame["CustomerID"].map(lambda v: None if pd.isna(v) else str(int(v))),
            "paid_at": stamps,
            "paid_date": stamps.dt.normalize(),
            "product": frame["Description"],
            "category": frame["StockCode"],
            "quantity": frame["Quantity"].astype(float),
            "unit_price": frame["UnitPrice"],
            "amount": frame["Quantity"] * frame["UnitPrice"],
            "status": frame["InvoiceNo"]
            .str.startswith("C")
            .map({True: "cancelled", False: "paid"}),
            "refund_amount": 0.0,
            "channel": frame["Country"],
        }
    )
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(OrderLine.__table__.delete())
        bulk_insert(conn, OrderLine.__table__, lines)
    print(f"loaded {len(lines):,} lines in {time.perf_counter() - started:.1f} s")
    engine.dispose()


def run(url: str, filters: Filters, period: str) -> float:
    engine = make_engine(url)
    calls = {
        "revenue_summary": lambda: revenue.revenue_summary(engine, filters=filters),
        "revenue_over_time": lambda: revenue.revenue_over_time(
            engine, filters=filters, period=period
        ),
        "revenue_by product": lambda: revenue.revenue_by(
            engine, filters=filters, dimension="product"
        ),
        "customer_mix": lambda: revenue.customer_mix(engine, filters=filters),
        "new_vs_returning": lambda: revenue.new_vs_returning_over_time(
            engine, filters=filters, period=period
        ),
        "days_to_first_purchase": lambda: revenue.days_to_first_purchase(engine, filters=filters),
        "retention_cohorts": lambda: revenue.retention_cohorts(engine, filters=filters),
        "cohort_ltv": lambda: revenue.cohort_ltv(engine, filters=filters, basis="first_purchase"),
        "rfm_customers": lambda: revenue.rfm_customers(engine, filters=filters),
        "exclusions": lambda: revenue.exclusions(engine, filters=filters),
    }
    total = 0.0
    print(f"\n{filters.start} .. {filters.end} ({period})")
    for name, call in calls.items():
        started = time.perf_counter()
        call()
        seconds = time.perf_counter() - started
        total += seconds
        print(f"  {name:<24} {seconds:6.2f} s")
    print(f"  {'total':<24} {total:6.2f} s")
    engine.dispose()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    engine = make_engine(args.db)
    init_store(engine, timezone="UTC")
    with engine.connect() as conn:
        count = conn.execute(OrderLine.__table__.select().limit(1)).first()
    engine.dispose()
    if args.rebuild or count is None:
        build(args.db)
    run(args.db, Filters(start=dt.date(2010, 12, 1), end=dt.date(2011, 12, 9)), "month")
    run(args.db, Filters(start=dt.date(2011, 11, 10), end=dt.date(2011, 12, 9)), "day")


if __name__ == "__main__":
    main()
