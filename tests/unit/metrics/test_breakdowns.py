"""Breakdowns and filters by fields and properties, against plain pandas on the same rows."""

import datetime as dt
import json

import pandas as pd
import pytest

from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.metrics import breakdowns, revenue, users
from tests.unit.ingest.conftest import run_import

USERS_CSV = (
    "user_id,signup_at,channel,城市等级,vip\n"
    "u1,2024-03-01,douyin,一线,1\n"
    "u2,2024-03-02,wechat,二线,0\n"
    "u3,2024-03-02,douyin,一线,0\n"
    "u4,2024-02-01,wechat,,1\n"
).encode()
ORDERS_CSV = (
    b"order_id,user_id,paid_at,amount,refund_amount,Country\n"
    b"o1,u1,2024-03-01 10:00,100,0,UK\n"
    b"o2,u2,2024-03-02 11:00,50,10,France\n"
    b"o3,u3,2024-03-03 12:00,30,0,UK\n"
    b"o4,,2024-03-03 13:00,20,0,UK\n"
    b"o5,u9,2024-03-04 09:00,7,0,\n"
    b"o6,u1,2024-04-01 09:00,999,0,UK\n"
)
EVENTS_CSV = (
    b"user_id,event_at,event\n"
    b"u1,2024-03-01 10:00,open\n"
    b"u1,2024-03-05 10:00,open\n"
    b"u2,2024-03-02 10:00,open\n"
    b"u4,2024-03-03 10:00,open\n"
    b"u9,2024-03-04 10:00,open\n"
)
MARCH = Filters(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31))


@pytest.fixture
def store(engine):
    run_import(engine, "users.csv", "users", data=USERS_CSV)
    run_import(engine, "orders.csv", "orders", data=ORDERS_CSV)
    run_import(engine, "events.csv", "events", data=EVENTS_CSV)
    return engine


def _frame(csv: bytes) -> pd.DataFrame:
    import io

    return pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False)


def test_revenue_by_order_property_adds_up_to_net_revenue(store):
    orders = _frame(ORDERS_CSV)
    orders = orders[orders["paid_at"].str.startswith("2024-03")]
    orders["net"] = orders["amount"].astype(float) - orders["refund_amount"].astype(float)
    expected = orders.groupby(orders["Country"].replace("", None), dropna=False)["net"].sum()
    frame = breakdowns.revenue_by_dimension(store, filters=MARCH, name="Country")
    got = dict(zip(frame["value"], frame["revenue"], strict=True))
    assert got == {"UK": 150.0, "France": 40.0, None: 7.0}
    assert got == {(None if pd.isna(k) else k): v for k, v in expected.items()}
    assert list(frame["value"]) == ["UK", "France", None]  # by revenue, largest first
    assert frame["revenue"].sum() == revenue.revenue_summary(store, filters=MARCH).revenue
    uk = frame.iloc[0]
    assert (uk["orders"], uk["paying_users"], uk["gross_revenue"]) == (3, 2, 150.0)


def test_revenue_by_user_property_puts_guests_and_unknown_users_together(store):
    frame = breakdowns.revenue_by_dimension(store, filters=MARCH, name="城市等级")
    got = dict(zip(frame["value"], frame["revenue"], strict=True))
    # o4 is a guest, u9 has no users row: both are "not in the data"
    assert got == {"一线": 130.0, "二线": 40.0, None: 27.0}


def test_where_filters_on_user_properties_like_the_sidebar(store):
    guangdong = Filters(start=MARCH.start, end=MARCH.end, where=(("城市等级", ("一线",)),))
    summary = revenue.revenue_summary(store, filters=guangdong)
    assert summary.revenue == 130.0 and summary.paying_users == 2
    vip = Filters(start=MARCH.start, end=MARCH.end, where=(("vip", ("1",)),))
    assert users.new_users(store, filters=vip) == 1  # u1 (u4 signed up in February)
    both = Filters(
        start=MARCH.start, end=MARCH.end, channels=("wechat",), where=(("vip", ("0", "1")),)
    )
    assert users.new_users(store, filters=both) == 1  # u2


def test_users_by_property(store):
    frame = breakdowns.users_by_dimension(store, filters=MARCH, name="城市等级")
    got = {row.value: (row.new_users, row.active_users) for row in frame.itertuples()}
    # active: u1, u2, u4 (no 城市等级), u9 (no users row)
    assert got == {"一线": (2, 1), "二线": (1, 1), None: (0, 2)}
    assert frame["new_users"].sum() == users.new_users(store, filters=MARCH)


def test_unknown_names_are_refused_with_the_known_ones(store):
    with pytest.raises(UserError, match="choose one of: product, category, channel, Country"):
        breakdowns.revenue_by_dimension(store, filters=MARCH, name="Nope")
    with pytest.raises(UserError, match="neither a users field nor a user property"):
        breakdowns.validate_user_filters(
            store, Filters(start=MARCH.start, end=MARCH.end, where=(("Country", ("UK",)),))
        )


def test_cli_by_and_where(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    for kind, data in (("users", USERS_CSV), ("orders", ORDERS_CSV)):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(data)
        assert main(["import", kind, str(path), "--db", db]) == 0
    capsys.readouterr()
    window = ["--start", "2024-03-01", "--end", "2024-03-31"]
    assert main(["report", "revenue", "--db", db, *window, "--by", "Country", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    block = report["by_property"]
    assert block["name"] == "Country"
    assert [(r["value"], r["revenue"], r["orders"], r["paying_users"]) for r in block["rows"]] == [
        ("UK", 150.0, 3, 2),
        ("France", 40.0, 1, 1),
        (None, 7.0, 1, 1),
    ]
    assert sum(r["revenue"] for r in block["rows"]) == report["revenue"]
    assert (
        main(["report", "revenue", "--db", db, *window, "--where", "城市等级=一线", "--json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["revenue"] == 130.0
    assert main(["report", "revenue", "--db", db, "--by", "Nope"]) == 2
    assert "choose one of" in capsys.readouterr().err


def test_filters_url_round_trip_keeps_where():
    filters = Filters(
        start=MARCH.start, end=MARCH.end, where=(("城市等级", ("一线", "二线")), ("vip", ("1",)))
    )
    query = {k: v if isinstance(v, list) else [v] for k, v in filters.to_query().items()}
    assert query["where"] == ["城市等级=一线", "城市等级=二线", "vip=1"]
    assert Filters.from_query(query, anchor=MARCH.end).where == filters.where
    hostile = {"where": ["=x", "novalue=", "a=b=c"], "start": ["2024-03-01"], "end": ["2024-03-02"]}
    assert Filters.from_query(hostile, anchor=MARCH.end).where == (("a", ("b=c",)),)
