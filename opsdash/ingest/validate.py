"""Typed columns from text cells, and the row-level problems found on the way.

A problem is ``{row, column, message}``: ``row`` is the line number a user sees in the file
(header = line 1; the Excel row number for workbooks), ``column`` the file's column name (or
the field name for values opsdash derived), ``message`` a sentence for people. Each problem
also carries a ``code`` and the offending ``value`` so the UI can say it in the user's
language. Nothing is written here."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from opsdash.ingest import parse
from opsdash.ingest.fields import NON_NEGATIVE, FieldSpec

PROBLEM_COLUMNS = ["row", "column", "code", "value", "message"]
MESSAGES = {
    "not_number": "{value!r} is not a number",
    "not_integer": "{value!r} is not a whole number",
    "not_time": "{value!r} is not a date and time opsdash can read",
    "not_date": "{value!r} is not a date opsdash can read",
    "not_boolean": "{value!r} is not yes/no (TRUE/FALSE, 1/0, 是/否)",
    "missing": "this required value is empty",
    "negative": "{value!r} is negative; this number cannot be below zero",
    "below_one": "{value!r}: line numbers start at 1",
    "formula": "{value!r} is a spreadsheet formula, not a value; export values instead",
    "end_before_start": "the end date is before the start date",
    "rate_above_one": "{value} is above 100%; write rates as 9.98% or 0.0998",
    "duplicate_key": "{value} appears again in this file (first on line {first})",
    # lines the reader could not split (read.RowProblem): their message is the reader's own
    "line_too_long": "This line is {value} KB long",
    "line_cut_off": "The last line has only {value} values: the file seems to be cut off",
    "line_width": "This line has {value} values, not as many as the header has columns",
    "not_sentiment": "{value!r} is not a sentiment label (1/0, 正面/负面, positive/negative)",
    "out_of_range": "{value!r} is outside the field's range (rating 1-5, NPS score 0-10)",
    "no_feedback": "the row has no text, rating, NPS score or sentiment",
    # bounds both databases accept (see FIRST_DAY, MAX_INTEGER, MAX_NUMBER, FieldSpec.max_length)
    "date_out_of_bounds": "{value!r} is outside the dates opsdash stores "
    "(1900-01-01 to 2100-12-31)",
    "number_out_of_bounds": "{value!r} is beyond the largest number opsdash stores "
    "(±9,007,199,254,740,991 for counts, ±10^15 for amounts)",
    "too_long": "the value is longer than 255 characters, the most an ID or name may have",
    "nul_byte": "the cell holds a NUL character (\\x00), which is not text; export the file again",
}
# Bounds every stored value keeps, so both SQLite and PostgreSQL accept it and the metrics stay
# exact: days 1900-01-01..2100-12-31 (pandas' datetime64[ns] spans 1677-2262; a date outside
# this range in an ops export is a typing error or a placeholder such as 9999-12-31); whole
# numbers up to 2^53 - 1 (exact in float64, which numbers pass through, and within int64);
# other numbers up to 10^15 in size (sums of millions of them stay finite and precise to cents).
FIRST_DAY = pd.Timestamp("1900-01-01")
END_DAY = pd.Timestamp("2101-01-01")  # exclusive: the last day is 2100-12-31
MAX_INTEGER = 2**53 - 1
MAX_NUMBER = 1e15
LINE_CODES = frozenset({"line_too_long", "line_cut_off", "line_width"})
"""Problems of a whole line: its cells are not reported on their own."""


@dataclass
class ProblemLog:
    """Problems collected vectorially: each entry is a boolean mask over the rows."""

    line_numbers: np.ndarray
    parts: list[pd.DataFrame]

    @classmethod
    def for_lines(cls, line_numbers: np.ndarray) -> ProblemLog:
        return cls(np.asarray(line_numbers), [])

    def add(
        self,
        mask: pd.Series | np.ndarray,
        *,
        column: str,
        code: str,
        values: pd.Series | None = None,
        extra: dict[str, pd.Series] | None = None,
        message: str | None = None,
    ) -> None:
        """Record ``code`` for the rows in ``mask``; ``message`` (English) replaces the
        code's template, e.g. a line problem's message from the reader."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        positions = np.flatnonzero(mask)
        shown = (
            values.iloc[positions].astype(object).map(lambda v: "" if pd.isna(v) else str(v))
            if values is not None
            else pd.Series([""] * len(positions))
        ).reset_index(drop=True)
        template = MESSAGES[code]
        if extra:
            extras = {k: v.iloc[positions].reset_index(drop=True) for k, v in extra.items()}
            messages = [
                template.format(value=value, **{k: extras[k][i] for k in extras})
                for i, value in enumerate(shown)
            ]
        elif message is not None:
            messages = [message] * len(positions)
        else:
            messages = [template.format(value=_clip(value)) for value in shown]
        self.parts.append(
            pd.DataFrame(
                {
                    "position": positions,
                    "row": self.line_numbers[positions],
                    "column": column,
                    "code": code,
                    "value": shown.map(_clip),
                    "message": messages,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        """All problems, ordered by row then column (with the row ``position`` in the table)."""
        if not self.parts:
            return pd.DataFrame(columns=["position", *PROBLEM_COLUMNS])
        frame = pd.concat(self.parts, ignore_index=True)
        unreadable = frame["code"].isin(LINE_CODES)
        if unreadable.any():  # a broken line's cells are meaningless: report the line only
            broken = frame.loc[unreadable, "position"]
            frame = frame[unreadable | ~frame["position"].isin(broken)]
        return frame.sort_values(["row", "column"], kind="stable").reset_index(drop=True)

    def bad_positions(self) -> np.ndarray:
        if not self.parts:
            return np.asarray([], dtype=np.int64)
        return np.unique(np.concatenate([p["position"].to_numpy() for p in self.parts]))


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def convert_column(
    cells: pd.Series,
    spec: FieldSpec,
    *,
    column: str,
    log: ProblemLog,
    timezone: str,
    day_first: bool | None,
    formats: dict[str, str] | None = None,
) -> tuple[pd.Series, pd.Series | None]:
    """One file column -> the field's typed values (bad cells become missing and are logged);
    also returns the currency each money cell named, if any. The format decided for the whole
    column (date order, decimal mark) is recorded in ``formats`` under ``column``; a column
    whose cells disagree raises :class:`~opsdash.ingest.parse.MixedFormats`."""
    try:
        return _convert_column(
            cells,
            spec,
            column=column,
            log=log,
            timezone=timezone,
            day_first=day_first,
            formats={} if formats is None else formats,
        )
    except parse.MixedFormats as mixed:
        raise mixed.user_error(column, log.line_numbers) from None


def _convert_column(
    cells: pd.Series,
    spec: FieldSpec,
    *,
    column: str,
    log: ProblemLog,
    timezone: str,
    day_first: bool | None,
    formats: dict[str, str],
) -> tuple[pd.Series, pd.Series | None]:
    currencies = None
    if spec.type in ("id", "text"):
        values = parse.clean_text(cells)
        if spec.type == "id":
            values = normalise_ids(values)
        formula = _formulas(values)
        if formula is not None:
            log.add(formula, column=column, code="formula", values=values)
            values = values.where(~formula)
        if spec.max_length is not None:
            long = (values.str.len() > spec.max_length).fillna(False).to_numpy(dtype=bool)
            if long.any():
                log.add(long, column=column, code="too_long", values=values)
                values = values.where(~long)
    elif spec.type in ("integer", "number"):
        parsed = parse.parse_numbers(cells, column=column, formats=formats)
        values = parsed.values
        log.add(parsed.bad, column=column, code="not_number", values=cells)
        limit = MAX_INTEGER if spec.type == "integer" else MAX_NUMBER
        beyond = (values.abs() > limit).fillna(False).to_numpy(dtype=bool)
        if beyond.any():
            log.add(beyond, column=column, code="number_out_of_bounds", values=cells)
            values = values.where(~beyond)
        if spec.type == "integer":
            values, not_whole = parse.to_integers(values)
            log.add(not_whole, column=column, code="not_integer", values=cells)
        if spec.name in NON_NEGATIVE:
            negative = values.notna() & (values < 0)
            log.add(negative.fillna(False), column=column, code="negative", values=cells)
        currencies = parsed.currencies
    elif spec.type in ("timestamp", "date"):
        parser = parse.parse_timestamps if spec.type == "timestamp" else parse.parse_dates
        values, bad = parser(
            cells, timezone=timezone, day_first=day_first, column=column, formats=formats
        )
        outside = parse.out_of_bounds_days(cells)
        outside |= values.notna() & ((values < FIRST_DAY) | (values >= END_DAY))
        outside = outside.fillna(False).to_numpy(dtype=bool)
        if outside.any():
            log.add(outside, column=column, code="date_out_of_bounds", values=cells)
            values = values.where(~outside)
        bad = bad.to_numpy(dtype=bool) & ~outside
        log.add(
            bad,
            column=column,
            code="not_time" if spec.type == "timestamp" else "not_date",
            values=cells,
        )
    elif spec.type == "boolean":
        values, bad = parse.parse_booleans(cells)
        log.add(bad, column=column, code="not_boolean", values=cells)
    else:  # pragma: no cover - every model type is handled above
        raise ValueError(spec.type)
    return values, currencies


def _formulas(values: pd.Series) -> pd.Series | None:
    """Cells a spreadsheet would run as a formula: ``=...``, or ``+``/``-``/``@`` followed by
    a function-like word (``@SUM(``, ``-cmd|``). None when there are none (the usual case)."""
    candidates = values.str.startswith(("=", "+", "-", "@")).fillna(False)
    if not candidates.any():
        return None
    formula = pd.Series(False, index=values.index)
    formula[candidates] = values[candidates].str.match(r"^=|^[+\-@]\s*[A-Za-z_]+\s*[(|!]")
    return formula.astype(bool)


def normalise_ids(values: pd.Series) -> pd.Series:
    """IDs as text, exactly as written, except a float rendering of a whole number
    (``17850.0`` -> ``17850``, what pandas/Excel exports do to integer IDs with gaps)."""
    candidates = values.str.endswith(".0").fillna(False)
    if not candidates.any():
        return values
    float_like = pd.Series(False, index=values.index)
    float_like[candidates] = values[candidates].str.fullmatch(r"\d+\.0+")
    if float_like.any():
        values = values.copy()
        values[float_like] = values[float_like].str.replace(r"\.0+$", "", regex=True)
    return values


def duplicate_keys(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.Series]:
    """Rows whose natural key appeared on an earlier row of the file (the first one is kept):
    (mask, position of the first occurrence for each row)."""
    key_frame = frame[keys].astype(str)
    duplicated = key_frame.duplicated(keep="first").to_numpy()
    if not duplicated.any():
        return duplicated, pd.Series(dtype=np.int64)
    group = key_frame.groupby(keys, sort=False, dropna=False).ngroup()
    first_position = pd.Series(np.arange(len(frame))).groupby(group.to_numpy()).transform("min")
    return duplicated, first_position
