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
ADJUSTMENT_MARKER = r"^[Aa]\d"  # UCI Online Retail: InvoiceNo A563185 "Adjust bad debt"
# Products that are charges, fees or manual entries, not goods: UCI Online Retail's service
# StockCodes and their descriptions (the importer maps Description to product): postage and
# carriage, discounts, manual entries, samples, bad debt, bank charges, marketplace fees,
# charity commission. Compared trimmed and casefolded.
NON_GOODS_CODES = frozenset(
    {
        "post",
        "postage",
        "dot",
        "dotcom postage",
        "c2",
        "carriage",
        "d",
        "discount",
        "m",
        "manual",
        "s",
        "samples",
        "b",
        "adjust bad debt",
        "bank charges",
        "amazonfee",
        "amazon fee",
        "cruk",
        "cruk commission",
    }
)
# Statuses of sold lines (a negative one of these is a return).
MONEY_STATUSES = ("paid", "refunded")
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
    - ``status``: from a status column when mapped; otherwise ``unpaid`` when a payment-time
      column is mapped but empty, ``refunded`` when a refund amount is above 0, else ``paid``;
    - returns: a paid or refunded line with a negative quantity or amount, or (without a
      status column) an order id with a cancellation marker (``C`` + digits), is a return:
      status ``returned``, amount and quantity stored negative (``-abs``), no refund_amount.
      It is dated by its own payment time (a return invoice has its own date);
    - adjustments: a paid, refunded or returned line whose order id has the adjustment
      marker (``A`` + digits, Online Retail's "Adjust bad debt"), whose unit price is below
      zero, or whose product is a charge/fee code (:data:`NON_GOODS_CODES`: postage, manual
      entries, bank charges, marketplace fees ...) is status ``adjustment``: not a sale and
      not a refund, listed under "left out" (zero-amount lines are left out by the metrics);
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
    order_ids = frame["order_id"].astype(str)
    has_status = "status" in mapped and "status" in frame
    if not has_status:
        status = pd.Series("paid", index=frame.index, dtype=object)
        if refund is not None:
            status[refund.fillna(0) > 0] = "refunded"
        if "paid_at" in mapped:
            status[frame["paid_at"].isna()] = "unpaid"
        frame["status"] = status
    frame["status"] = frame["status"].fillna("paid")
    moved_money = np.array(frame["status"].isin(MONEY_STATUSES), dtype=bool)
    negative = np.array(((frame["quantity"] < 0) | (frame["amount"] < 0)).fillna(False), dtype=bool)
    returned = moved_money & negative
    if not has_status:
        cancelled = np.array(order_ids.str.match(CANCELLATION_MARKER).fillna(False), dtype=bool)
        returned |= cancelled & (frame["status"] != "unpaid").to_numpy()
    frame.loc[returned, "status"] = "returned"
    frame.loc[returned, "amount"] = -frame.loc[returned, "amount"].abs()
    frame.loc[returned, "quantity"] = -frame.loc[returned, "quantity"].abs()
    adjustment = np.array(order_ids.str.match(ADJUSTMENT_MARKER).fillna(False), dtype=bool)
    if "unit_price" in frame:
        adjustment |= (frame["unit_price"] < 0).fillna(False).to_numpy()
    if "product" in frame:
        codes = frame["product"].astype("string").str.strip().str.casefold()
        adjustment |= codes.isin(NON_GOODS_CODES).fillna(False).to_numpy()
    adjustment &= frame["status"].isin((*MONEY_STATUSES, "returned")).to_numpy()
    frame.loc[adjustment, "status"] = "adjustment"
    if refund is None:
        frame["refund_amount"] = np.where(frame["status"] == "refunded", frame["amount"], 0.0)
    else:
        frame["refund_amount"] = refund.fillna(0.0)
    frame.loc[returned | adjustment, "refund_amount"] = 0.0
    if "line" not in mapped:
        frame["line"] = frame.groupby("order_id", sort=False).cumcount() + 1
    return frame


def refund_line_mask(rows: pd.DataFrame) -> pd.Series:
    """Derived order rows that are refunds: return lines (``returned``, or a paid/refunded
    line with a negative amount) and sold lines with a refund amount above 0."""
    status, amount = rows["status"], rows["amount"]
    money = status.isin((*MONEY_STATUSES, "returned"))
    refund = rows["refund_amount"].fillna(0) if "refund_amount" in rows else 0
    return (money & ((amount < 0) | ((amount > 0) & (refund > 0)))).fillna(False)


def left_out_mask(rows: pd.DataFrame) -> pd.Series:
    """Derived order rows left out of revenue and refunds: adjustments and zero amounts."""
    money = rows["status"].isin((*MONEY_STATUSES, "returned"))
    return ((rows["status"] == "adjustment") | (money & (rows["amount"] == 0))).fillna(False)


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


class Occurrences:
    """How often each row content was seen in the earlier chunks of one file, so a file read
    in chunks gets the same row keys as read at once (:func:`event_row_keys`). Kept as two
    sorted numpy arrays (16 bytes per distinct row: 72 MB for 4.5M rows)."""

    def __init__(self) -> None:
        self.hashes = np.empty(0, dtype=np.uint64)
        self.counts = np.empty(0, dtype=np.int64)

    def number(self, content_hash: np.ndarray) -> np.ndarray:
        """Occurrence numbers of these rows (counting earlier chunks); remembers them."""
        within = pd.Series(content_hash).groupby(content_hash, sort=False).cumcount().to_numpy()
        if len(self.hashes):
            at = np.searchsorted(self.hashes, content_hash)
            clipped = np.minimum(at, len(self.hashes) - 1)
            seen = self.hashes[clipped] == content_hash
            within = within + np.where(seen, self.counts[clipped], 0)
        new, counts = np.unique(content_hash, return_counts=True)
        hashes = np.concatenate([self.hashes, new])
        counts = np.concatenate([self.counts, counts.astype(np.int64)])
        order = np.argsort(hashes, kind="stable")
        hashes, counts = hashes[order], counts[order]
        starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
        self.hashes, self.counts = hashes[starts], np.add.reduceat(counts, starts)
        return within


def event_row_keys(frame: pd.DataFrame, occurrences: Occurrences | None = None) -> np.ndarray:
    """Signed 64-bit row keys: a hash of the stored values of the event's fields together with
    the row's occurrence number among identical rows of the file (0 for the first). So the
    same export imported twice adds nothing, while two identical lines in one export are two
    events; overlapping exports merge without double counting. ``occurrences``: the counts
    of the file's earlier chunks (a file read in chunks)."""
    content = pd.DataFrame(
        {name: _hashable(frame, name) for name in ROW_KEY_FIELDS}, index=frame.index
    )
    content_hash = pd.util.hash_pandas_object(content, index=False).to_numpy()
    if occurrences is not None:
        occurrence = occurrences.number(content_hash)
    else:
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
