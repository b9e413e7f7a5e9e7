"""Import rules of the ``feedback`` kind (also in docs/data-model.md, "Import rules"):

- ``sentiment``: a label column given by the file, read as ``positive`` (1, 正面, 好评,
  positive, pos), ``negative`` (0, -1, 负面, 差评, negative, neg) or ``neutral`` (中性, 中评,
  neutral); any other value is a problem of the row;
- ``submitted_at``: optional; a file without it (or an empty cell) takes the import day, or the
  day given with ``--date`` / on the Data page, at 00:00 in the reporting timezone;
- ``feedback_id``: when the file has no id column, ``fb-`` + 16 hex digits of a hash of the
  row's values as the file gives them (mapped fields and properties, not the defaulted day)
  and the row's occurrence among identical rows of the file. Re-importing the same export
  adds nothing; two identical reviews in one export stay two items;
- ``sentiment`` / ``sentiment_basis`` for rows without a label: from the rating, the NPS score
  or the text's classifier (:mod:`opsdash.feedback.sentiment`);
- a row needs at least one of text, rating, NPS score or sentiment; a rating is 1 to 5, an
  NPS score 0 to 10.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from opsdash.timeutil import to_utc_naive, today

SENTIMENT_WORDS = {
    "positive": ("1", "1.0", "正面", "积极", "好评", "正向", "positive", "pos", "good", "p"),
    "negative": ("0", "0.0", "-1", "负面", "消极", "差评", "负向", "negative", "neg", "bad", "n"),
    "neutral": ("中性", "中评", "neutral", "neu"),
}
_SENTIMENT_LOOKUP = {word: label for label, words in SENTIMENT_WORDS.items() for word in words}
RANGES = {"rating": (1.0, 5.0), "nps_score": (0, 10)}
CONTENT_FIELDS = ("text", "rating", "nps_score", "sentiment")
HASHED_FIELDS = (
    "submitted_at",
    "user_id",
    "source",
    "rating",
    "nps_score",
    "text",
    "sentiment",
    "version",
    "platform",
    "category",
    "tags",
    "properties",
)


def normalise_sentiment(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Label words -> positive/negative/neutral; (values, mask of values not recognised)."""
    folded = values.astype("string").str.strip().str.casefold()
    result = folded.map(_SENTIMENT_LOOKUP).astype(object)
    unknown = (values.notna() & result.isna()).fillna(False).astype(bool)
    return result.where(result.notna(), None), unknown


def import_day_start(day: dt.date, timezone: str) -> dt.datetime:
    """00:00 of ``day`` in the reporting timezone, as naive UTC."""
    stamp = to_utc_naive(pd.Series([pd.Timestamp(day)]), timezone).iloc[0]
    return stamp.to_pydatetime()


def derive_feedback(
    rows: pd.DataFrame, *, from_file: set[str], timezone: str
) -> tuple[pd.DataFrame, pd.Series]:
    """Fill ``submitted_at`` and ``feedback_id`` and normalise ``sentiment`` (module rules);
    ``from_file`` names the fields read from file columns. Returns (rows, mask of rows whose
    sentiment label was not recognised)."""
    rows = rows.copy()
    unknown = pd.Series(False, index=rows.index)
    if "sentiment" in rows:
        rows["sentiment"], unknown = normalise_sentiment(rows["sentiment"])
    default = import_day_start(today(timezone), timezone)
    if "submitted_at" not in rows:
        rows["submitted_at"] = pd.Series(pd.Timestamp(default), index=rows.index)
    else:
        rows["submitted_at"] = pd.to_datetime(rows["submitted_at"]).fillna(pd.Timestamp(default))
    if "feedback_id" not in from_file or "feedback_id" not in rows:
        hashed = [f for f in HASHED_FIELDS if f in rows and (f in from_file or f == "properties")]
        rows["feedback_id"] = derived_ids(rows, hashed)
    from opsdash.feedback.sentiment import resolve

    rows["sentiment"], rows["sentiment_basis"] = resolve(rows)
    return rows, unknown


def derived_ids(rows: pd.DataFrame, fields: list[str]) -> pd.Series:
    """``fb-`` + 16 hex digits: a hash of ``fields`` as text and the occurrence number among
    identical rows (0 for the first)."""
    content = pd.DataFrame(
        {name: rows[name].astype(object).map(_text) for name in fields}, index=rows.index
    )
    if content.empty or not fields:
        content = pd.DataFrame({"_": [""] * len(rows)}, index=rows.index)
    content_hash = pd.util.hash_pandas_object(content, index=False).to_numpy()
    occurrence = pd.Series(content_hash).groupby(content_hash, sort=False).cumcount().to_numpy()
    combined = pd.util.hash_pandas_object(
        pd.DataFrame({"h": content_hash, "n": occurrence}), index=False
    ).to_numpy()
    return pd.Series([f"fb-{value:016x}" for value in combined], index=rows.index, dtype=object)


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def range_problems(rows: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per field, the rows whose value is outside its range (rating 1-5, NPS 0-10)."""
    found = {}
    for name, (low, high) in RANGES.items():
        if name in rows:
            values = pd.to_numeric(rows[name], errors="coerce")
            found[name] = ((values < low) | (values > high)).fillna(False).to_numpy(dtype=bool)
    return found


def empty_rows(rows: pd.DataFrame) -> np.ndarray:
    """Rows with none of text, rating, NPS score or sentiment."""
    present = [rows[name].notna() for name in CONTENT_FIELDS if name in rows]
    if not present:
        return np.ones(len(rows), dtype=bool)
    return ~np.logical_or.reduce([p.to_numpy(dtype=bool) for p in present])
