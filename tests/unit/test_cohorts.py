"""Cohorts: rules, static lists, the segment filter on every metric, export, CLI; on SQLite
and PostgreSQL, against hand-computed answers."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest

from opsdash import cohorts as c
from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.filters import CohortFilter, Filters
from opsdash.metrics import paths, revenue, users
from tests.unit.ingest.conftest import run_import

USERS_CSV = (
    "user_id,signup_at,channel,level,城市等级\n"
    "u1,2024-03-01,douyin,VIP,一线\n"
    "u2,2024-03-20,wechat,VIP,二线\n"
    "u3,2024-03-02,weibo,VIP,一线\n"
    "u4,2024-02-01,wechat,VIP,\n"
    "u5,2024-03-05,app,normal,一线\n"
).encode()
ORDERS_CSV = (
    b"order_id,user_id,paid_at,amount\n"
    b"o1,u1,2024-03-01 10:00,100\n"
    b"o2,u2,2024-03-02 11:00,50\n"
    b"o3,u3,2024-03-03 12:00,30\n"
    b"o4,,2024-03-03 13:00,20\n"
    b"o5,u9,2024-03-04 09:00,7\n"
)
EVENTS_CSV = (
    b"user_id,event_at,event\n"
    b"u1,2024-03-01 10:00,open\n"
    b"u1,2024-03-01 10:05,buy\n"
    b"u2,2024-03-02 10:00,open\n"
    b"u4,2024-03-03 10:00,open\n"
    b"u9,2024-03-04 10:00,open\n"
    b"u9,2024-03-04 10:01,buy\n"
)
MARCH = Filters(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31))
VIP_RULE = [
    "level=VIP",
    "channel=douyin",
    "channel=wechat",
    "signup_date>=2024-03-01",
    "signup_date<=2024-03-31",
]


@pytest.fixture
def store(engine):
    run_import(engine, "users.csv", "users", data=USERS_CSV)
    run_import(engine, "orders.csv", "orders", data=ORDERS_CSV)
    run_import(engine, "events.csv", "events", data=EVENTS_CSV)
    return engine


def with_cohort(engine, name: str) -> Filters:
    return c.resolve_filters(
        engine, Filters(start=MARCH.start, end=MARCH.end, cohort=CohortFilter(name))
    )


def test_parse_rule():
    assert c.parse_rule(VIP_RULE) == {
        "where": [["level", ["VIP"]], ["channel", ["douyin", "wechat"]]],
        "signup_from": "2024-03-01",
        "signup_to": "2024-03-31",
    }
    for bad in (["level"], ["=x"], ["signup_date>=March"]):
        with pytest.raises(UserError):
            c.parse_rule(bad)


def test_dynamic_rule_is_re_evaluated(store):
    info = c.create_cohort(store, "vip-march", rule=c.parse_rule(VIP_RULE), created_by="ana")
    assert (info.kind, info.users, info.created_by) == ("dynamic", 2, "ana")  # u1, u2
    frozen = c.create_cohort(store, "vip-frozen", rule=c.parse_rule(VIP_RULE), static=True)
    assert (frozen.kind, frozen.users) == ("static", 2)
    run_import(
        store,
        "more.csv",
        "users",
        data=b"user_id,signup_at,channel,level\nu6,2024-03-09,douyin,VIP\n",
    )
    sizes = {i.name: i.users for i in c.list_cohorts(store)}
    assert sizes == {"vip-frozen": 2, "vip-march": 3}
    assert c.cohort_names(store) == ["vip-frozen", "vip-march"]


def test_every_metric_honours_the_cohort(store):
    c.create_cohort(store, "vip-march", rule=c.parse_rule(VIP_RULE))
    c.create_cohort(store, "list", users=["u1", "u9", "u9", "nobody"])
    dynamic, static = with_cohort(store, "vip-march"), with_cohort(store, "list")
    assert users.new_users(store, filters=dynamic) == 2
    assert revenue.revenue_summary(store, filters=dynamic).revenue == 150.0  # u1 + u2
    # a static cohort's members count even without a users row (u9)
    assert revenue.revenue_summary(store, filters=static).revenue == 107.0
    # MAU: the 30 days ending 03-31 hold u9's events (u1's are on 03-01)
    assert users.activity_summary(store, filters=static).mau == 1
    assert users.new_users(store, filters=static) == 1
    flow = paths.paths(store, filters=static, event="open", steps=1)
    assert flow.users == 2 and flow.transitions["to"].tolist() == ["buy"]
    # with another segment the cohort is one more condition (AND)
    both = Filters(start=MARCH.start, end=MARCH.end, channels=("wechat",), cohort=dynamic.cohort)
    assert users.new_users(store, filters=both) == 1
    assert Filters.from_query(
        {k: v if isinstance(v, list) else [v] for k, v in static.to_query().items()},
        anchor=MARCH.end,
    ).cohort == CohortFilter("list")


def test_static_from_list_and_export(store):
    c.create_cohort(store, "picked", users=["u5", "u9", "=1+1"])
    frame = c.cohort_users(store, "picked")
    assert frame["user_id"].tolist() == ["=1+1", "u5", "u9"]
    assert frame.loc[1, "城市等级"] == "一线" and frame.loc[1, "channel"] == "app"
    assert frame.loc[2, "channel"] == "" and frame.loc[2, "signup_date"] == ""
    csv = pd.read_csv(io.BytesIO(__import__("opsdash.export").export.to_safe_csv(frame)), dtype=str)
    assert csv.loc[0, "user_id"] == "'=1+1"  # formula neutralised


def test_refusals(store):
    c.create_cohort(store, "a", users=["u1"])
    with pytest.raises(UserError, match="exists already"):
        c.create_cohort(store, "a", users=["u2"])
    with pytest.raises(UserError, match="neither a users field"):
        c.create_cohort(store, "b", rule=c.parse_rule(["nope=1"]))
    with pytest.raises(UserError):
        c.create_cohort(store, "  ", users=["u1"])
    with pytest.raises(UserError, match="no cohort named 'zz'"):
        c.delete_cohort(store, "zz")
    with pytest.raises(UserError, match="no cohort named"):
        with_cohort(store, "zz")
    c.delete_cohort(store, "a")
    assert c.cohort_names(store) == []


def test_read_users_file(tmp_path):
    assert c.read_users_file("x.csv", data="用户ID\nu1\nu2\nu1\n".encode()) == ["u1", "u2"]
    assert c.read_users_file("x.csv", data=b"\xef\xbb\xbfu1,extra\nu2\n") == ["u1", "u2"]
    with pytest.raises(UserError, match=r"x.csv: row 2, column 1: empty user ID"):
        c.read_users_file("x.csv", data=b"u1\n,3\n")
    with pytest.raises(UserError, match="no user IDs"):
        c.read_users_file("x.csv", data=b"user_id\n")


def test_cli(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    for kind, data in (("users", USERS_CSV), ("orders", ORDERS_CSV), ("events", EVENTS_CSV)):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(data)
        assert main(["import", kind, str(path), "--db", db]) == 0
    capsys.readouterr()
    rule = [arg for r in VIP_RULE for arg in ("--rule", r)]
    assert main(["cohort", "create", "vip", *rule, "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["users"] == 2
    ids = tmp_path / "ids.csv"
    ids.write_text("user_id\nu1\nu9\n")
    assert main(["cohort", "create", "list", "--users-file", str(ids), "--db", db]) == 0
    assert "static, 2 users" in capsys.readouterr().out
    assert main(["cohort", "list", "--json", "--db", db]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(x["name"], x["kind"], x["users"]) for x in listed] == [
        ("list", "static", 2),
        ("vip", "dynamic", 2),
    ]
    window = ["--start", "2024-03-01", "--end", "2024-03-31"]
    assert main(["report", "revenue", "--db", db, *window, "--cohort", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["revenue"] == 107.0
    assert main(["report", "revenue", "--db", db, *window, "--cohort", "nope"]) == 2
    assert "no cohort named 'nope'" in capsys.readouterr().err
    out = tmp_path / "vip.csv"
    assert main(["cohort", "export", "vip", "--db", db, "-o", str(out)]) == 0
    assert pd.read_csv(out, dtype=str)["user_id"].tolist() == ["u1", "u2"]
    assert main(["cohort", "delete", "vip", "--db", db]) == 0
    assert main(["cohort", "delete", "vip", "--db", db]) == 2
    assert (
        main(["cohort", "create", "x", "--users-file", str(tmp_path / "none.csv"), "--db", db]) == 2
    )


def test_funnel_users(store):
    steps = ("open", "buy")
    result = users.funnel(store, filters=MARCH, steps=steps)
    converted = users.funnel_users(store, filters=MARCH, steps=steps, step=2)
    dropped = users.funnel_users(store, filters=MARCH, steps=steps, step=1, outcome="dropped")
    assert converted == ["u1", "u9"] and dropped == ["u2", "u4"]
    assert result.steps["users"].tolist() == [4, 2]
    assert users.funnel_users(store, filters=MARCH, steps=steps, step=2, outcome="dropped") == []
