"""Fields an export lacks, computed from the ones it has (rules in docs/data-model.md,
"Import rules")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from opsdash.timeutil import local_dates

STATUS_WORDS = {
    "paid": (
        "paid",
        "complete",
        "completed",
        "success",
        "succeeded",
        "delivered",
        "shipped",
        "已付款",
        "已支付",
        "交易成功",
        "已完成",
        "已发货",
        "待发货",
        "已收货",
    ),
    "refunded": (
        "refunded",
        "refund",
        "returned",
        "partially refunded",
        "已退款",
        "退款成功",
        "退款",
        "部分退款",
        "已退货",
    ),
    "cancelled": (
        "cancelled",
        "canceled",
        "cancel",
        "void",
        "closed",
        "已取消",
        "交易关闭",
        "取消",
    ),
    "unpaid": ("unpaid", "pending", "awaiting payment", "待付款", "未付款", "等待付款"),
}
_STATUS_LOOKUP = {word: status for status, words in STATUS_WORDS.items() for word in words}
CANCELLATION_MARKER = r"^[Cc]\d"  # UCI Online Retail: InvoiceNo C536379 cancels an invoice
LOCAL_DATE_OF = {
    "users": ("signup_at", "signup_date"),
    "events": ("event_at", "event_date"),
    "orders": ("paid_at", "paid_date"),
    "contents": ("published_at", "published_date"),
    "feedback": ("submitted_at", "submitted_date"),
}


def normalise_status(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Status words (English or Chinese) -> paid/refunded/cancelled/unpaid; (values, mask of
    words not recognised)."""
    folded = values.str.strip().str.casefold()
    result = folded.map(_STATUS_LOOKUP)
    unknown = values.notna() & result.isna()
    return result, unknown


def derive_orders(frame: pd.DataFrame, *, mapped: set[str]) -> pd.DataFrame:
    """Fill the order fields an export lacks:

    - ``order_id``: when absent, ``<user_id>-<payment time YYYYMMDDHHMMSS>`` (one order per
      buyer and moment, e.g. CDNOW's per-customer purchase lists);
    - ``quantity``: 1 when absent; ``amount``: quantity × unit price when absent or empty;
    - ``status``: from a status column when mapped; otherwise ``cancelled`` for an order id
      with a cancellation marker (``C`` + digits), ``unpaid`` when a payment-time column is
      mapped but empty, ``refunded`` when a refund amount is above 0, else ``paid``;
    - ``refund_amount``: 0 when absent, the whole amount for a refunded line without one;
    - ``line``: the occurrence of the order id within the file, in file order (1, 2, ...)."""
    frame = frame.copy()
    if "order_id" not in mapped:
        moment = frame["paid_at"] if "paid_at" in frame else frame["created_at"]
        frame["order_id"] = frame["user_id"].astype(str) + "-" + moment.dt.strftime("%Y%m%d%H%M%S")
    if "quantity" not in frame:
        frame["quantity"] = 1.0
    frame["quantity"] = frame["quantity"].fillna(1.0)
    computed = (
        frame["quantity"] * frame["unit_price"]
        if "unit_price" in frame
        else pd.Series(np.nan, index=frame.index)
    )
    if "amount" not in frame:
        frame["amount"] = computed
    else:
        frame["amount"] = frame["amount"].fillna(computed)
    refund = frame.get("refund_amount")
    if "status" not in mapped or "status" not in frame:
        status = pd.Series("paid", index=frame.index, dtype=object)
        if refund is not None:
            status[refund.fillna(0) > 0] = "refunded"
        if "paid_at" in mapped:
            status[frame["paid_at"].isna()] = "unpaid"
        cancelled = frame["order_id"].astype(str).str.match(CANCELLATION_MARKER).fillna(False)
        status[cancelled.to_numpy()] = "cancelled"
        frame["status"] = status
    frame["status"] = frame["status"].fillna("paid")
    if refund is None:
        frame["refund_amount"] = np.where(frame["status"] == "refunded", frame["amount"], 0.0)
    else:
        frame["refund_amount"] = refund.fillna(0.0)
    if "line" not in mapped:
        frame["line"] = frame.groupby("order_id", sort=False).cumcount() + 1
    return frame


def add_local_dates(frame: pd.DataFrame, *, kind: str, timezone: str) -> pd.DataFrame:
    """Add the kind's ``*_date`` column: the day of its timestamp in the reporting timezone."""
    if kind not in LOCAL_DATE_OF:
        return frame
    stamp, day = LOCAL_DATE_OF[kind]
    if stamp not in frame:
        frame[day] = None
        return frame
    frame[day] = pd.to_datetime(pd.Series(local_dates(frame[stamp], timezone), index=frame.index))
    return frame


ROW_KEY_FIELDS = ("user_id", "event_at", "event", "content_id", "campaign_id", "value")


def event_row_keys(frame: pd.DataFrame) -> np.ndarray:
    """Signed 64-bit row keys: a hash of the stored values of the event's fields together with
    the row's occurrence number among identical rows of the file (0 for the first). So the
    same export imported twice adds nothing, while two identical lines in one export are two
    events; overlapping exports merge without double counting."""
    content = pd.DataFrame(
        {name: _hashable(frame, name) for name in ROW_KEY_FIELDS}, index=frame.index
    )
    content_hash = pd.util.hash_pandas_object(content, index=False).to_numpy()
    occurrence = pd.Series(content_hash).groupby(content_hash, sort=False).cumcount().to_numpy()
    combined = pd.util.hash_pandas_object(
        pd.DataFrame({"h": content_hash, "n": occurrence}), index=False
    ).to_numpy()
    return combined.view(np.int64)


def _hashable(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as hashed for the row key: times as int64 nanoseconds, numbers as their
    shortest text (``12.5``), missing values as ""."""
    if name not in frame:
        return pd.Series("", index=frame.index)
    values = frame[name]
    if name == "event_at":
        return values.astype("int64")
    if pd.api.types.is_float_dtype(values.dtype):
        return values.astype("str").fillna("")
    return values.astype("str").fillna("")
