"""Downloads that are safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Return ``value`` with a leading apostrophe if it is text a spreadsheet would run as a
    formula (starts with = + - @ tab or CR; OWASP "CSV injection"). Numbers are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as CSV bytes for download: UTF-8 with BOM (so Excel reads Chinese text) and
    every text cell, header included, neutralised."""
    safe = frame.copy()
    safe.columns = [neutralise_formula(str(c)) for c in safe.columns]
    for column in safe.columns:
        if not (
            pd.api.types.is_numeric_dtype(safe[column]) or pd.api.types.is_bool_dtype(safe[column])
        ):
            safe[column] = safe[column].map(neutralise_formula)
    return safe.to_csv(index=False).encode("utf-8-sig")
