from opsdash.ingest.mapping import (
    ColumnMap,
    guess_kind,
    list_mappings,
    load_mapping,
    normalise,
    save_mapping,
    suggest_columns,
)


def test_normalise_ignores_case_spaces_punctuation_and_width():
    assert normalise(" Customer_ID ") == "customerid"
    assert normalise("订单付款时间 ") == "订单付款时间"
    assert normalise("ＵＩＤ") == "uid"


def test_aliases_in_english_and_chinese():
    retail = [
        "InvoiceNo",
        "StockCode",
        "Description",
        "Quantity",
        "InvoiceDate",
        "UnitPrice",
        "CustomerID",
        "Country",
    ]
    assert suggest_columns(retail, "orders") == {
        "InvoiceNo": "order_id",
        "Description": "product",
        "Quantity": "quantity",
        "InvoiceDate": "paid_at",
        "UnitPrice": "unit_price",
        "CustomerID": "user_id",
    }
    tmall = [
        "订单编号",
        "总金额",
        "买家实际支付金额",
        "收货地址 ",
        "订单创建时间",
        "订单付款时间 ",
        "退款金额",
    ]
    assert suggest_columns(tmall, "orders") == {
        "订单编号": "order_id",
        "总金额": "amount",
        "订单创建时间": "created_at",
        "订单付款时间 ": "paid_at",
        "退款金额": "refund_amount",
    }
    assert suggest_columns(["用户ID", "注册时间"], "users") == {
        "用户ID": "user_id",
        "注册时间": "signup_at",
    }
    assert suggest_columns(["阅读量", "点赞", "播放量"], "content_stats") == {
        "阅读量": "views",
        "点赞": "likes",
    }


def test_guess_kind_recognises_an_orders_file():
    assert guess_kind(["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice"]) == "orders"


def test_saved_mapping_round_trip(engine):
    column_map = ColumnMap(
        kind="events",
        columns={"column_1": "user_id", "column_5": "event_at", "column_3": ""},
        constants={"event": "pv"},
        has_header=False,
        day_first=True,
    )
    save_mapping(engine, "taobao behaviour", column_map)
    save_mapping(engine, "taobao behaviour", column_map)  # overwrite, not a second row
    assert load_mapping(engine, "taobao behaviour") == column_map
    assert list_mappings(engine, "events") == ["taobao behaviour"]
    assert list_mappings(engine, "users") == []
