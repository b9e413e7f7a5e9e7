"""Columns that map to no field are kept, per row, as *properties* (nothing is dropped).

A property is named by the file's column header, trimmed (``' Country '`` -> ``Country``),
unless the user renames it; a column can be skipped. Each property column gets one type for
the whole column, decided from all its cells:

- ``number``: every non-empty cell reads as a number (``1,234``, ``755.4万``, ``9.98%``) and none
  is an identifier-like text with leading zeros (``007`` stays text);
- ``date``: every non-empty cell is a calendar day written year first (``2024-03-01``,
  ``2024/3/1``), stored as ``YYYY-MM-DD``;
- ``text`` otherwise, stored as written (trimmed; placeholders such as ``N/A`` are missing).

A row's properties are stored as one JSON object ``{name: value}`` holding its non-missing
values (numbers as JSON numbers); a row without any is NULL. The names and types present
per kind are kept in ``property_keys`` (:mod:`opsdash.store.properties`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from opsdash.errors import UserError
from opsdash.ingest import parse

MAX_PROPERTY_NAME = 120
VALUE_TYPES = ("text", "number", "date")
_YEAR_FIRST_DAY = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
_LEADING_ZERO = r"[+-]?0\d+"


@dataclass(frozen=True)
class PropertyColumn:
    """One file column kept as a property: where it comes from, its name, its type."""

    source: str
    name: str
    value_type: str


def property_sources(
    columns: list[str], mapped_sources: set[str], renames: Mapping[str, str]
) -> dict[str, str]:
    """``{file column: property name}`` for the columns that feed no field: named by the
    header, trimmed, or by ``renames[column]``; a column renamed to ``""`` is skipped.
    UserError when two columns would give the same property name."""
    chosen: dict[str, str] = {}
    owner: dict[str, str] = {}
    for column in columns:
        if column in mapped_sources:
            continue
        name = renames.get(column, column)
        name = " ".join(str(name).split())
        if not name:
            continue
        if len(name) > MAX_PROPERTY_NAME:
            name = name[:MAX_PROPERTY_NAME]
        if name in owner:
            raise UserError(
                f"Two columns ({owner[name]!r} and {column!r}) would both be kept as the "
                f"property {name!r}. Rename or skip one of them."
            )
        owner[name] = column
        chosen[column] = name
    return chosen


def detect_type(cells: pd.Series) -> str:
    """The one type of a property column (see the module docstring)."""
    text = parse.clean_text(cells).dropna()
    if text.empty:
        return "text"
    sample = pd.Series(pd.unique(text))
    if sample.str.fullmatch(_YEAR_FIRST_DAY).all():
        days = pd.to_datetime(sample.str.replace(r"[/.]", "-", regex=True), errors="coerce")
        if days.notna().all():
            return "date"
    if sample.str.fullmatch(_LEADING_ZERO).any():
        return "text"
    parsed = parse.parse_numbers(sample)
    if not parsed.bad.any() and parsed.values.notna().all():
        return "number"
    return "text"


def typed_values(cells: pd.Series, value_type: str) -> pd.Series:
    """The column's values as Python objects for JSON (None when missing)."""
    text = parse.clean_text(cells)
    if value_type == "number":
        numbers = parse.parse_numbers(cells).values
        return numbers.astype(object).where(numbers.notna(), None)
    if value_type == "date":
        days = pd.to_datetime(text.str.replace(r"[/.]", "-", regex=True), errors="coerce")
        return days.dt.strftime("%Y-%m-%d").astype(object).where(days.notna(), None)
    return text.astype(object).where(text.notna(), None)


def encode_properties(values: Mapping[str, pd.Series], size: int) -> pd.Series:
    """One JSON object per row from ``{name: values}`` (non-missing values only), or None for
    a row with none. Each distinct value is encoded once (exports repeat values a lot)."""
    if not values:
        return pd.Series([None] * size, dtype=object)
    parts: list[np.ndarray] = []
    for name, column in values.items():
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        key = json.dumps(str(name), ensure_ascii=False) + ":"
        encoded = np.array(
            [key + json.dumps(_plain(v), ensure_ascii=False) for v in uniques] + [""],
            dtype=object,
        )
        parts.append(encoded[np.where(codes < 0, len(uniques), codes)])
    if len(parts) == 1:
        body = parts[0]
        empty = body == ""
    else:
        stacked = np.column_stack(parts)
        empty = (stacked == "").all(axis=1)
        body = np.array([",".join(p for p in row if p) for row in stacked], dtype=object)
    wrapped = ("{" + pd.Series(body, dtype=object).fillna("") + "}").to_numpy(dtype=object)
    return pd.Series(np.where(empty, None, wrapped), dtype=object)


def _plain(value: object) -> object:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        # whole numbers as integers: 7554000, not 7554000.0 (counts, codes)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return value


def property_columns(
    frame: pd.DataFrame, sources: Mapping[str, str]
) -> tuple[list[PropertyColumn], pd.Series]:
    """Detect each property column's type and encode every row's properties:
    (the kept columns, the JSON text per row)."""
    kept: list[PropertyColumn] = []
    values: dict[str, pd.Series] = {}
    for source, name in sources.items():
        value_type = detect_type(frame[source])
        kept.append(PropertyColumn(source=source, name=name, value_type=value_type))
        values[name] = typed_values(frame[source], value_type).reset_index(drop=True)
    return kept, encode_properties(values, len(frame))
