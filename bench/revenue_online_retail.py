"""Start-up and the Revenue page on the real UCI Online Retail export, opsdash vs DuckDB.

    .venv/bin/python bench/revenue_online_retail.py [--shared DIR] [--db URL] [--runs N]

1. Start-up: ``opsdash --help`` and ``opsdash report overview`` on an empty (migrated) store,
   whole processes.
2. The Revenue page for the whole year (2010-12-01 to 2011-12-09, the page's defaults: by
   week, cohorts and LTV over the whole history): ``opsdash report revenue --json`` as a whole
   process, and its calculation alone (``opsdash.reports.revenue.build_report`` timed inside
   a new process, cold engine), against DuckDB computing the same numbers from the CSV in a
   new process, its loading counted. The runs alternate (opsdash, DuckDB, opsdash, ...);
   medians are printed, and a check that both computed the same totals.

The store is built once with ``opsdash import orders`` (the importer's rules: C invoices are
returns dated by their own day, A invoices, negative prices, zero amounts and charge/fee
products are left out). Default store: sqlite:////tmp/opsdash_bench_retail.db. Skips (exit
0) when ../shared/datasets/online_retail.csv is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared" / "datasets"
DEFAULT_DB = "sqlite:////tmp/opsdash_bench_retail.db"
START, END = "2010-12-01", "2011-12-09"

# the importer's charge/fee products (opsdash.ingest.derive.NON_GOODS_CODES), for DuckDB
sys.path.insert(0, str(ROOT))
from opsdash.ingest.derive import NON_GOODS_CODES  # noqa: E402

CALCULATION = """
import datetime as dt, json, sys, time
started = time.perf_counter()
from opsdash.db import make_engine
from opsdash.filters import Filters
from opsdash.reports.revenue import RevenueSettings, build_report
imported = time.perf_counter() - started
engine = make_engine(sys.argv[1])
filters = Filters(start=dt.date.fromisoformat(sys.argv[2]), end=dt.date.fromisoformat(sys.argv[3]))
started = time.perf_counter()
report = build_report(engine, filters=filters, settings=RevenueSettings())
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "imports": imported, "report": report}, default=str))
"""

DUCKDB = r"""
import json, sys, time
started = time.perf_counter()
import duckdb
path, start, end, non_goods = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
db = duckdb.connect()
db.execute("SET enable_progress_bar = false")
db.execute(f'''
CREATE TABLE raw AS SELECT * FROM read_csv('{path}', header = true,
    types = {{'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'CustomerID': 'DOUBLE'}})''')
db.execute('''
CREATE TABLE lines AS
WITH typed AS (
    SELECT InvoiceNo AS order_id, CAST(CAST(CustomerID AS BIGINT) AS VARCHAR) AS user_id,
        CAST(InvoiceDate AS DATE) AS day, trim(Description) AS product, Quantity AS quantity,
        Quantity * UnitPrice AS amount,
        regexp_matches(InvoiceNo, '^A[0-9]') OR UnitPrice < 0
            OR lower(trim(Description)) IN (SELECT unnest(?::VARCHAR[])) AS adjustment
    FROM raw)
SELECT *, CASE WHEN adjustment THEN 'adjustment' WHEN amount = 0 THEN 'zero_amount'
    WHEN order_id LIKE 'C%' OR quantity < 0 THEN 'return' ELSE 'sale' END AS kind,
    CASE WHEN order_id LIKE 'C%' OR quantity < 0 THEN -abs(amount) ELSE amount END AS net
FROM typed''', [non_goods])
period = "day BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)"
money = f"kind IN ('sale', 'return') AND {period}"
args = {"start": start, "end": end}
q = lambda sql: db.execute(sql, {k: v for k, v in args.items() if "$" + k in sql}).fetchall()
summary = q(f'''SELECT sum(CASE WHEN kind = 'sale' THEN net ELSE 0 END),
    sum(CASE WHEN kind = 'return' THEN -net ELSE 0 END),
    count(DISTINCT CASE WHEN kind = 'sale' THEN order_id END),
    count(DISTINCT CASE WHEN kind = 'sale' THEN user_id END),
    count(DISTINCT CASE WHEN kind = 'return' THEN order_id END),
    sum(CASE WHEN user_id IS NOT NULL THEN net ELSE 0 END)
    FROM lines WHERE {money}''')[0]
over_time = q(f'''SELECT date_trunc('week', day) AS w, sum(greatest(net, 0)), sum(net),
    count(DISTINCT CASE WHEN kind = 'sale' THEN order_id END),
    count(DISTINCT CASE WHEN kind = 'sale' THEN user_id END)
    FROM lines WHERE {money} GROUP BY w ORDER BY w''')
by_product = q(f'''SELECT coalesce(nullif(product, ''), '(unknown)') AS p,
    sum(greatest(net, 0)), sum(net), count(DISTINCT CASE WHEN kind = 'sale' THEN order_id END),
    count(DISTINCT CASE WHEN kind = 'sale' THEN user_id END), sum(quantity)
    FROM lines WHERE {money} GROUP BY p ORDER BY sum(net) DESC, p''')
first = f'''SELECT user_id, min(day) AS first_day FROM lines
    WHERE kind = 'sale' AND user_id IS NOT NULL AND day <= CAST($end AS DATE) GROUP BY user_id'''
mix = q(f'''WITH f AS ({first}), p AS (
    SELECT l.user_id, f.first_day, sum(l.net) AS net,
        count(DISTINCT CASE WHEN l.kind = 'sale' THEN l.order_id END) AS orders
    FROM lines l JOIN f USING (user_id) WHERE l.kind IN ('sale', 'return')
        AND l.day BETWEEN CAST($start AS DATE) AND CAST($end AS DATE) GROUP BY 1, 2)
    SELECT count(*) FILTER (WHERE first_day >= CAST($start AS DATE)),
        count(*) FILTER (WHERE first_day < CAST($start AS DATE) AND orders > 0),
        sum(net) FILTER (WHERE first_day >= CAST($start AS DATE)),
        sum(net) FILTER (WHERE first_day < CAST($start AS DATE)),
        count(*) FILTER (WHERE orders >= 2) FROM p''')[0]
cohorts = q(f'''WITH f AS ({first}), m AS (
    SELECT DISTINCT l.user_id, date_trunc('month', f.first_day) AS cohort,
        date_trunc('month', l.day) AS month
    FROM lines l JOIN f USING (user_id) WHERE l.kind = 'sale'
        AND l.day <= CAST($end AS DATE))
    SELECT cohort, datediff('month', cohort, month) AS k, count(*) FROM m
    WHERE cohort >= date_trunc('month', CAST($start AS DATE)) GROUP BY 1, 2 ORDER BY 1, 2''')
ltv = q(f'''WITH f AS ({first}), r AS (
    SELECT date_trunc('month', f.first_day) AS cohort,
        datediff('month', date_trunc('month', f.first_day), date_trunc('month', l.day)) AS k,
        sum(l.net) AS net
    FROM lines l JOIN f USING (user_id) WHERE l.kind IN ('sale', 'return')
        AND l.day BETWEEN f.first_day AND CAST($end AS DATE) GROUP BY 1, 2)
    SELECT cohort, k, sum(net) OVER (PARTITION BY cohort ORDER BY k) FROM r ORDER BY 1, 2''')
rfm = q(f'''WITH c AS (SELECT user_id, max(day) AS last_day, count(DISTINCT order_id) AS f,
        sum(net) AS m FROM lines WHERE kind = 'sale' AND user_id IS NOT NULL AND {period}
        GROUP BY user_id)
    SELECT user_id, datediff('day', last_day, CAST($end AS DATE)) AS recency, f, m,
        ntile(5) OVER (ORDER BY datediff('day', last_day, CAST($end AS DATE)) DESC),
        ntile(5) OVER (ORDER BY f) FROM c''')
left_out = q(f'''SELECT kind, count(*), sum(amount) FROM lines
    WHERE kind IN ('adjustment', 'zero_amount') AND {period} GROUP BY kind''')
gross, refunds, orders, payers, refunded, user_revenue = summary
sizes = {}
for cohort, k, n in cohorts:
    if k == 0:
        sizes[str(cohort)[:7]] = n
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "gross_revenue": gross, "refunds": refunds, "revenue": gross - refunds, "orders": orders,
    "paying_users": payers, "refunded_orders": refunded, "user_revenue": user_revenue,
    "weeks": len(over_time), "products": len(by_product),
    "new_customers": mix[0], "returning_customers": mix[1], "repeat_customers": mix[4],
    "cohort_sizes": sizes, "rfm_customers": len(rfm), "ltv_cells": len(ltv),
    "left_out_lines": sum(n for _, n, _ in left_out),
}, default=str))
"""


def has_orders(url: str) -> bool:
    """Whether the store exists and holds order lines (else it is imported first)."""
    import sqlalchemy as sa

    from opsdash.db import init_store, make_engine
    from opsdash.models import OrderLine

    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(OrderLine)).scalar_one()
    engine.dispose()
    return count > 0


def run(command: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - started, done.stdout


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    dataset = args.shared / "online_retail.csv"
    if not dataset.exists():
        print(f"skipped: {dataset} is absent")
        return 0
    python = sys.executable
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPSDASH_TIMEZONE": "UTC"}
    cli = [python, "-c", "import sys; from opsdash.cli import main; sys.exit(main(sys.argv[1:]))"]
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")

    # 1. start-up
    with tempfile.TemporaryDirectory() as folder:
        empty = f"sqlite:///{folder}/empty.db"
        run([*cli, "report", "overview", "--db", empty], env)  # first open: migrations
        for name, extra in (("--help", ["--help"]), ("report overview", ["report", "overview"])):
            command = [*cli, *extra] + (["--db", empty] if extra[0] == "report" else [])
            times = [run(command, env)[0] for _ in range(max(args.runs, 5))]
            print(f"opsdash {name:<16} median {median(times):.3f} s  min {min(times):.3f} s")

    # 2. the revenue page, whole year
    if not has_orders(args.db):
        print("importing online_retail.csv ...")
        seconds, _ = run([*cli, "import", "orders", str(dataset), "--db", args.db, "--json"], env)
        print(f"  imported in {seconds:.1f} s")
    report_cmd = [*cli, "report", "revenue", "--db", args.db, "--json"]
    report_cmd += ["--start", START, "--end", END]
    calc_cmd = [python, "-c", CALCULATION, args.db, START, END]
    duck_cmd = [python, "-c", DUCKDB, str(dataset), START, END, json.dumps(sorted(NON_GOODS_CODES))]
    whole, calc, duck_whole, duck_inner = [], [], [], []
    for _ in range(args.runs):
        seconds, _ = run(report_cmd, env)
        whole.append(seconds)
        _, out = run(calc_cmd, env)
        ours = json.loads(out)
        calc.append(ours["seconds"])
        seconds, out = run(duck_cmd, env)
        duck_whole.append(seconds)
        duck = json.loads(out)
        duck_inner.append(duck["seconds"])
    report = ours["report"]
    print(f"opsdash report revenue (whole process)   median {median(whole):.2f} s")
    print(f"opsdash calculation (cold engine)         median {median(calc):.2f} s")
    print(f"DuckDB (whole process, CSV load counted)  median {median(duck_whole):.2f} s")
    print(f"ratio whole process / DuckDB              {median(whole) / median(duck_whole):.2f}x")
    print(f"ratio calculation / DuckDB                {median(calc) / median(duck_whole):.2f}x")
    sizes = {c["cohort"]: c["size"] for c in report["cohorts"]}
    checks = {
        "gross_revenue": (report["gross_revenue"], duck["gross_revenue"]),
        "refunds": (report["refunds"], duck["refunds"]),
        "revenue": (report["revenue"], duck["revenue"]),
        "orders": (report["orders"], duck["orders"]),
        "paying_users": (report["paying_users"], duck["paying_users"]),
        "refunded_orders": (report["refunded_orders"], duck["refunded_orders"]),
        # weeks with money lines (the page also lists weeks without sales, as zeros)
        "weeks": (sum(1 for w in report["over_time"] if w["gross_revenue"]), duck["weeks"]),
        "products": (len(report["by_product"]), duck["products"]),
        "new_customers": (report["customers"]["new_customers"], duck["new_customers"]),
        "repeat_customers": (report["customers"]["repeat_customers"], duck["repeat_customers"]),
        "cohort_sizes": (sizes, duck["cohort_sizes"]),
        "left_out_lines": (report["left_out"]["lines"], duck["left_out_lines"]),
    }
    same = True
    for name, (mine, theirs) in checks.items():
        equal = (
            abs(mine - theirs) <= 1e-6 * max(1.0, abs(theirs))
            if isinstance(mine, float)
            else mine == theirs
        )
        same &= equal
        verdict = "ok" if equal else "DIFF"
        print(f"  {name:<18} opsdash {mine!s:<22.22} DuckDB {theirs!s:<22.22} {verdict}")
    print("same numbers" if same else "NUMBERS DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
