"""JSON-ready values for the `opsdash report --json` contracts: one rule for every report.

Dates and timestamps become ISO text; NaN, infinities, NaT and pd.NA become null (a zero
denominator is "no value", never NaN in JSON); numpy scalars become Python numbers."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd


def json_value(value: object) -> object:
    """One scalar, JSON-ready."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):  # numpy scalar (pd.Timestamp is a datetime, handled above)
        return json_value(value.item())
    return value


def json_tree(value: object) -> object:
    """Dicts, lists and tuples with every scalar inside made JSON-ready."""
    if isinstance(value, dict):
        return {key: json_tree(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_tree(item) for item in value]
    return json_value(value)


def json_records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as JSON-ready dicts."""
    return [{key: json_value(v) for key, v in row.items()} for row in frame.to_dict("records")]
