"""Returns and cancellations are refunds: an Online Retail-like file imported through the
pipeline, checked against an independent pandas computation of the stated rules
(SQLite and PostgreSQL).

Rules as the pandas side writes them (opsdash.metrics.revenue's module docstring):
- adjustment: an "A" invoice, a negative price or a charge/fee product (postage, manual,
  discount, bad debt ...); left out;
- zero amount (quantity x price == 0): left out;
- return: otherwise a "C" invoice or a negative quantity; refund = |amount|, dated by its day;
- sale: the rest (amount > 0)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from opsdash.filters import Filters
from opsdash.ingest.derive import NON_GOODS_CODES
from opsdash.metrics import revenue
from tests.unit.ingest.conftest import FIXTURES, run_import

DECEMBER = Filters(start=dt.date(2010, 12, 1), end=dt.date(2010, 12, 31))
FILE = "orders_returns.csv"


def expected_lines(path=FIXTURES / FILE) -> pd.DataFrame:
    """The file's lines classified by the rules above, in pandas only."""
    lines = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str})
    lines["amount"] = lines["Quantity"] * lines["UnitPrice"]
    product = lines["Description"].fillna("").str.strip().str.casefold()
    adjustment = (
        lines["InvoiceNo"].str.match(r"^[Aa]\d")
        | (lines["UnitPrice"] < 0)
        | product.isin(NON_GOODS_CODES)
    )
    zero = ~adjustment & (lines["amount"] == 0)
    returned = (
        ~adjustment & ~zero & (lines["InvoiceNo"].str.match(r"^[Cc]\d") | (lines["Quantity"] < 0))
    )
    lines["kind"] = "sale"
    lines.loc[returned, "kind"] = "return"
    lines.loc[zero, "kind"] = "zero"
    lines.loc[adjustment, "kind"] = "adjustment"
    lines["day"] = pd.to_datetime(lines["InvoiceDate"]).dt.date
    return lines


@pytest.fixture
def store(engine):
    result = run_import(engine, FILE, "orders")
    assert not result.rejected
    return engine


def test_gross_refunds_net_and_refunded_orders_match_pandas(store):
    lines = expected_lines()
    sales, returns = lines[lines.kind == "sale"], lines[lines.kind == "return"]
    gross = sales.amount.sum()
    refunds = returns.amount.abs().sum()
    s = revenue.revenue_summary(store, filters=DECEMBER)
    assert s.gross_revenue == pytest.approx(gross)
    assert s.refunds == pytest.approx(refunds)
    assert s.revenue == pytest.approx(gross - refunds)
    assert s.refund_rate == pytest.approx(refunds / gross)
    assert s.refunded_orders == returns.InvoiceNo.nunique() == 2  # C536383, C581484
    assert s.orders == sales.InvoiceNo.nunique()
    assert s.aov == pytest.approx((gross - refunds) / sales.InvoiceNo.nunique())  # net


def test_returns_are_dated_by_their_own_day(store):
    lines = expected_lines()
    daily = revenue.revenue_over_time(store, filters=DECEMBER, period="day")
    returns = lines[lines.kind == "return"]
    by_day = returns.assign(refund=returns.amount.abs()).groupby("day").refund.sum()
    got = daily.set_index("period_start").refunds
    for day, refund in by_day.items():
        assert got[day] == pytest.approx(refund)
    assert got[dt.date(2010, 12, 2)] == pytest.approx(1.85)  # C536383 on 12-02, not 12-01


def test_a_fully_cancelled_order_nets_to_zero_in_products(store):
    lines = expected_lines()
    counted = lines[lines.kind.isin(["sale", "return"])]
    expected = counted.groupby("Description").agg(quantity=("Quantity", "sum"))
    expected["revenue"] = counted.groupby("Description").amount.sum()
    product = revenue.revenue_by(store, filters=DECEMBER, dimension="product").set_index("product")
    birdie = product.loc["PAPER CRAFT LITTLE BIRDIE"]
    assert (birdie.quantity, birdie.revenue, birdie.orders) == (0, 0, 1)
    assert birdie.refund_rate == pytest.approx(1)
    assert product.index[0] != "PAPER CRAFT LITTLE BIRDIE"  # not a top product any more
    assert product.quantity.to_dict() == pytest.approx(expected.quantity.to_dict())
    assert product.revenue.to_dict() == pytest.approx(expected.revenue.to_dict())
    assert not {"POSTAGE", "Manual", "Discount", "Adjust bad debt"} & set(product.index)


def test_adjustments_and_zero_prices_are_left_out_with_their_total(store):
    lines = expected_lines()
    left = lines[lines.kind.isin(["adjustment", "zero"])]
    excluded = revenue.exclusions(store, filters=DECEMBER)
    total = revenue.left_out(excluded)
    assert total.lines == len(left) == 7
    assert total.amount == pytest.approx(left.amount.sum())
    assert total.reasons == {
        "adjustment": int((lines.kind == "adjustment").sum()),
        "zero_amount": int((lines.kind == "zero").sum()),
    }
    report = revenue.build_report(store, filters=DECEMBER, period="day")
    assert report["left_out"]["lines"] == 7
    assert report["refunded_orders"] == 2


def test_status_column_paid_with_negative_amount_is_a_return(engine):
    data = (
        b"order_id,paid_at,amount,status\n"
        b"o1,2024-02-01 10:00,100,paid\n"
        b"o2,2024-02-03 10:00,-40,paid\n"
        b"o3,2024-02-04 10:00,-10,cancelled\n"
    )
    run_import(engine, "status.csv", "orders", data=data)
    s = revenue.revenue_summary(engine, filters=Filters(dt.date(2024, 2, 1), dt.date(2024, 2, 29)))
    assert (s.gross_revenue, s.refunds, s.revenue, s.refunded_orders) == (100, 40, 60, 1)


def test_import_says_how_many_lines_are_refunds_and_left_out(engine):
    lines = expected_lines()
    result = run_import(engine, FILE, "orders")
    assert result.refund_lines == int((lines.kind == "return").sum()) == 2
    assert result.left_out_lines == int(lines.kind.isin(["adjustment", "zero"]).sum()) == 7
    payload = result.to_json()
    assert (payload["refund_lines"], payload["left_out_lines"]) == (2, 7)
    users = run_import(engine, "users_en.csv", "users").to_json()
    assert users["refund_lines"] is None and users["left_out_lines"] is None
