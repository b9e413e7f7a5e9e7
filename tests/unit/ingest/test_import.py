"""Importing the hand-made fixtures: counts, values, dedup, upsert, replace, undo (both DBs)."""

import datetime as dt
import io

import openpyxl
import pytest

from opsdash.errors import UserError
from opsdash.ingest import ColumnMap, list_batches, undo_batch
from opsdash.store.meta import data_version
from tests.unit.ingest.conftest import dump_store, fixture_bytes, rows, run_import

TAOBAO_MAP = ColumnMap(
    kind="events",
    columns={
        "column_1": "user_id",
        "column_2": "content_id",
        "column_4": "event",
        "column_5": "event_at",
    },
)


def test_users_with_mixed_date_formats(engine):
    result = run_import(engine, "users_en.csv", "users")
    assert (result.rows_read, result.rows_imported, result.rows_rejected) == (4, 4, 0)
    users = {u["user_id"]: u for u in rows(engine, "users", "user_id")}
    assert users["u001"]["signup_at"] == dt.datetime(2024, 1, 31, 9, 30)
    assert users["u003"]["signup_at"] == dt.datetime(2024, 2, 2, 8, 0)
    assert users["u004"]["signup_at"] == dt.datetime(2024, 2, 3, 0, 0)  # Unix seconds
    assert users["u002"]["level"] is None and users["u001"]["level"] == "gold"
    assert all(u["batch_id"] == result.batch_id for u in users.values())


def test_naive_times_read_in_reporting_timezone(engine):
    run_import(engine, "users_en.csv", "users", timezone="Asia/Shanghai")
    user = rows(engine, "users", "user_id")[0]
    assert user["signup_at"] == dt.datetime(2024, 1, 31, 1, 30)  # 09:30 in Shanghai, as UTC
    assert user["signup_date"] == dt.date(2024, 1, 31)


@pytest.mark.parametrize("name", ["users_zh_gbk.csv", "users_utf16.txt", "users_bom.csv"])
def test_encodings_import(engine, name):
    result = run_import(engine, name, "users")
    assert result.rows_imported == 2
    if name == "users_bom.csv":
        assert [u["user_id"] for u in rows(engine, "users", "user_id")] == ["007", "008"]


def test_utf16_offsets_converted(engine):
    run_import(engine, "users_utf16.txt", "users")
    assert [u["signup_at"] for u in rows(engine, "users", "user_id")] == [
        dt.datetime(2024, 4, 1, 0, 0),
        dt.datetime(2024, 4, 1, 23, 30),
    ]


def test_same_file_twice_adds_nothing(engine):
    first = run_import(engine, "users_en.csv", "users")
    second = run_import(engine, "users_en.csv", "users")
    assert (second.rows_imported, second.rows_duplicate) == (0, 4)
    assert len(rows(engine, "users", "user_id")) == 4
    assert {u["batch_id"] for u in rows(engine, "users", "user_id")} == {first.batch_id}


def test_changed_row_is_updated_and_moves_to_the_new_batch(engine):
    first = run_import(engine, "users_en.csv", "users")
    changed = fixture_bytes("users_en.csv").replace(
        b"u001,2024-01-31 09:30:00,organic", b"u001,2024-01-31 09:30:00,paid_social"
    )
    second = run_import(engine, "users_en.csv", "users", data=changed)
    assert (second.rows_imported, second.rows_duplicate) == (1, 3)
    users = {u["user_id"]: u for u in rows(engine, "users", "user_id")}
    assert users["u001"]["channel"] == "paid_social"
    assert users["u001"]["batch_id"] == second.batch_id
    assert users["u002"]["batch_id"] == first.batch_id
    undo_batch(engine, second.batch_id)  # documented: the updated row goes with the later batch
    assert (
        sorted(users_left := [u["user_id"] for u in rows(engine, "users", "user_id")]) == users_left
    )
    assert users_left == ["u002", "u003", "u004"]


def test_identical_lines_kept_reimport_and_overlap_deduplicated(engine):
    first = run_import(engine, "events_noheader.csv", "events", column_map=TAOBAO_MAP)
    assert (first.rows_imported, first.rows_duplicate) == (3, 0)  # two identical lines kept
    again = run_import(engine, "events_noheader.csv", "events", column_map=TAOBAO_MAP)
    assert (again.rows_imported, again.rows_duplicate) == (0, 3)
    overlap = b"100,200,10,pv,1511658000\n100,200,10,pv,1511658000\n102,202,10,fav,1511658120\n"
    merged = run_import(engine, "next.csv", "events", data=overlap, column_map=TAOBAO_MAP)
    assert (merged.rows_imported, merged.rows_duplicate) == (1, 2)
    events = rows(engine, "events", "id")
    assert len(events) == 4
    assert events[0]["event_at"] == dt.datetime(2017, 11, 26, 1, 0)
    assert events[0]["event_date"] == dt.date(2017, 11, 26)
    assert events[0]["content_id"] == "200"


def test_orders_derive_amount_lines_status_and_ids(engine):
    result = run_import(engine, "orders_retail.csv", "orders")
    assert result.rows_imported == 5
    lines = rows(engine, "orders", "order_id,line")
    assert [(o["order_id"], o["line"]) for o in lines] == [
        ("536365", 1),
        ("536365", 2),
        ("536365", 3),
        ("536366", 1),
        ("C536379", 1),
    ]
    assert lines[0]["amount"] == pytest.approx(6 * 2.55)
    assert lines[0]["user_id"] == "17850"
    assert lines[3]["user_id"] is None  # a guest order is still revenue
    # C536379 cancels a "Discount" line: a charge, not goods, so an adjustment (left out)
    assert [o["status"] for o in lines] == ["paid"] * 4 + ["adjustment"]
    assert lines[4]["quantity"] == pytest.approx(-1) and lines[4]["refund_amount"] == 0
    assert lines[4]["amount"] == pytest.approx(-27.5)
    assert lines[0]["paid_date"] == dt.date(2010, 12, 1)


def test_orders_status_from_payment_time_and_refunds(engine):
    run_import(engine, "orders_tmall.csv", "orders")
    orders = {o["order_id"]: o for o in rows(engine, "orders", "order_id")}
    assert orders["1"]["status"] == "unpaid" and orders["1"]["paid_at"] is None
    assert orders["2"]["status"] == "paid" and orders["2"]["amount"] == pytest.approx(21.0)
    assert orders["5"]["status"] == "refunded" and orders["5"]["refund_amount"] == pytest.approx(
        64.8
    )
    assert orders["6"]["refund_amount"] == pytest.approx(178.8)
    assert orders["6"]["created_at"] == dt.datetime(2020, 2, 20, 23, 56, 39)


def test_units_parsed_and_not_found_cells_are_missing(engine):
    # "Not Found" is the scraper's "no value that day": the row is kept with missing numbers
    result = run_import(engine, "content_stats_bilibili.csv", "content_stats")
    assert not result.rejected and (result.rows_imported, result.rows_rejected) == (3, 0)
    stats = rows(engine, "content_stats", "date")
    assert stats[0]["content_id"] == "https://b.tv/BV1"
    assert (stats[0]["views"], stats[0]["likes"], stats[0]["favorites"]) == (
        7_554_000,
        294_000,
        1234,
    )
    unread = next(row for row in stats if row["content_id"] == "https://b.tv/BV2")
    assert unread["views"] is None and unread["likes"] is None
    assert stats[-1]["views"] == 7_600_000


def test_stats_without_a_date_need_an_as_of_date(engine):
    with pytest.raises(UserError, match="date"):
        run_import(engine, "campaign_stats_kag.csv", "campaign_stats")
    column_map = ColumnMap(kind="campaign_stats", constants={"date": "2017-08-31"})
    result = run_import(engine, "campaign_stats_kag.csv", "campaign_stats", column_map=column_map)
    assert result.rows_imported == 2
    stat = rows(engine, "campaign_stats", "ad_id")[0]
    assert (stat["campaign_id"], stat["ad_id"], stat["date"]) == (
        "916",
        "708746",
        dt.date(2017, 8, 31),
    )
    assert (stat["impressions"], stat["clicks"], stat["conversions"]) == (7350, 1, 2)
    assert stat["cost"] == pytest.approx(1.429999948)


def test_duplicate_keys_in_file_reported_first_kept(engine):
    rejected = run_import(engine, "experiments_ab.csv", "experiment_assignments")
    assert rejected.rejected
    problem = rejected.errors.iloc[0]
    assert problem["row"] == 4 and "first on line 2" in problem["message"]
    result = run_import(engine, "experiments_ab.csv", "experiment_assignments", skip_bad_rows=True)
    assert (result.rows_imported, result.rows_rejected) == (2, 1)
    assigned = rows(engine, "experiment_assignments", "user_id")
    assert {a["experiment"] for a in assigned} == {"experiments_ab"}  # named after the file
    assert [(a["variant"], a["converted"]) for a in assigned] == [
        ("treatment", True),
        ("control", False),
    ]


def test_several_currencies_refused(engine):
    with pytest.raises(UserError, match="several currencies"):
        run_import(engine, "orders_currencies.csv", "orders")
    column_map = ColumnMap(kind="orders", constants={"currency": "USD"})
    # a currency stated for the file means the symbols no longer decide it
    assert (
        run_import(engine, "orders_currencies.csv", "orders", column_map=column_map).rows_imported
        == 2
    )


def test_one_currency_symbol_recorded(engine):
    data = b"order_id,amount\nA1,$12.00\nA2,$5.50\n"
    run_import(engine, "usd.csv", "orders", data=data)
    assert {o["currency"] for o in rows(engine, "orders", "order_id")} == {"USD"}


def test_html_and_script_text_stored_as_given(engine):
    run_import(engine, "html_in_text.csv", "contents")
    content = rows(engine, "contents", "content_id")[0]
    assert content["title"] == "<script>alert('x')</script>"
    assert content["author"] == "<b>bold</b>"


def test_xlsx_import(engine):
    workbook = openpyxl.Workbook()
    workbook.active.append(["用户ID", "注册时间"])
    workbook.active.append([1001, dt.datetime(2024, 3, 1, 10, 0)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run_import(engine, "users.xlsx", "users", data=buffer.getvalue())
    assert result.rows_imported == 1
    assert rows(engine, "users", "user_id")[0]["signup_at"] == dt.datetime(2024, 3, 1, 10, 0)


def test_replace_mode_and_undo(engine):
    first = run_import(engine, "users_en.csv", "users")
    replaced = run_import(engine, "users_bom.csv", "users", mode="replace")
    assert [u["user_id"] for u in rows(engine, "users", "user_id")] == ["007", "008"]
    version = data_version(engine)
    removed = undo_batch(engine, replaced.batch_id)
    assert removed.rows_removed == {"users": 2}
    assert rows(engine, "users", "user_id") == []
    assert data_version(engine) > version
    with pytest.raises(UserError, match="already undone"):
        undo_batch(engine, replaced.batch_id)
    history = list_batches(engine)
    assert history["id"].tolist() == [replaced.batch_id, first.batch_id]
    assert history["undone_at"].notna().tolist() == [True, False]
    with pytest.raises(UserError, match="no import batch"):
        undo_batch(engine, 999)


def test_undo_removes_exactly_its_rows(engine):
    users = run_import(engine, "users_en.csv", "users")
    orders = run_import(engine, "orders_retail.csv", "orders")
    undo_batch(engine, orders.batch_id)
    assert rows(engine, "orders", "id") == []
    assert len(rows(engine, "users", "user_id")) == 4
    assert list_batches(engine).set_index("id").loc[users.batch_id, "rows_imported"] == 4


def test_batch_history_records_counts_and_file(engine):
    result = run_import(engine, "users_en.csv", "users")
    batch = list_batches(engine).iloc[0]
    assert batch["file_name"] == "users_en.csv"
    assert len(batch["sha256"]) == 64
    assert (batch["rows_read"], batch["rows_imported"], batch["created_by"]) == (4, 4, "test")
    assert batch["id"] == result.batch_id


def test_a_failure_half_way_writes_nothing(engine, monkeypatch):
    run_import(engine, "users_en.csv", "users")
    before = dump_store(engine)

    def broken(conn, kinds, **_):
        raise RuntimeError("disk full")

    monkeypatch.setattr("opsdash.ingest.write.after_data_write", broken)
    with pytest.raises(RuntimeError):
        run_import(engine, "orders_retail.csv", "orders")
    assert dump_store(engine) == before


def test_an_identical_file_again_is_nothing_new_without_a_batch(engine):
    first = run_import(engine, "users_en.csv", "users")
    version = data_version(engine)
    again = run_import(engine, "users_en.csv", "users")
    assert (again.nothing_new, again.batch_id, again.rows_duplicate) == (True, None, 4)
    assert again.to_json()["status"] == "nothing_new"
    assert list(list_batches(engine)["id"]) == [first.batch_id]  # no empty batch
    assert data_version(engine) == version  # nothing changed: caches stay valid
