"""Cell values as exports write them -> typed columns.

Every parser takes a Series of text cells (as read from the file) and returns the typed
values and a boolean mask of the cells that were NOT empty yet could not be read. Empty
cells (and placeholders such as ``-``, ``N/A``, ``null``) are missing values, never errors.
Work is vectorised; the slow per-cell path only runs on the distinct values pandas could not
read directly (thousands separators, 万/亿 units, currency symbols, percentages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from opsdash.timeutil import local_dates, to_utc_naive

# Cells that mean "no value" in real exports (compared lower-cased): they are missing, never 0
# and never a problem ("Not Found" is what the bilibili top-100 scraper writes for a video it
# could not read that day).
NULL_TOKENS = frozenset(
    {
        *("", "-", "--", "—", "null", "none", "nan", "nat", "n/a", "na", "#n/a", "nil", "(null)"),
        *("not found", "暂无", "暂无数据", "无数据"),
    }
)
UNIT_FACTORS = {"万": 1e4, "w": 1e4, "亿": 1e8, "千": 1e3, "k": 1e3, "m": 1e6}
CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "￥": "CNY",
    "元": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "hk$": "HKD",
    "hkd": "HKD",
}
_CURRENCY_PATTERN = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_NUMBER = re.compile(
    r"^(?P<open>\()?\s*(?P<sign>[-+−])?\s*(?P<cur1>" + _CURRENCY_PATTERN + r")?\s*"
    r"(?P<num>\d[\d.,'_ \u00a0\u202f]*|\.\d+)\s*"
    r"(?P<unit>[万亿千wWkKmM])?\s*(?P<pct>%)?\s*(?P<cur2>"
    + _CURRENCY_PATTERN
    + r")?\s*(?P<close>\))?$",
    re.IGNORECASE,
)
_EURO_DECIMAL = re.compile(r"^\d{1,3}(\.\d{3})+,\d+$|^\d+,\d{1,2}$")
TRUE_TOKENS = frozenset(
    {"true", "t", "yes", "y", "1", "1.0", "是", "对", "真", "已转化", "converted"}
)
FALSE_TOKENS = frozenset({"false", "f", "no", "n", "0", "0.0", "否", "错", "假", "未转化"})
_TZ_SUFFIX = re.compile(r"(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)$", re.IGNORECASE)
_CHINESE_DATE = re.compile(
    r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?\s*(?:(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})秒?)?)?$"
)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(.*)$")


class MixedFormats(ValueError):
    """One column writes its values two ways that cannot both be right: day-first and
    month-first dates (13/02/2024 beside 02/13/2024), or a decimal comma and a decimal point
    (1.234,50 beside 1,234.50). ``first`` and ``other`` are row positions (the Series index)
    of a cell of each way."""

    def __init__(self, what: str, first: int, first_value: str, other: int, other_value: str):
        super().__init__(what)
        self.what = what
        self.first, self.first_value = int(first), str(first_value)
        self.other, self.other_value = int(other), str(other_value)

    def user_error(self, column: str, line_numbers: np.ndarray):
        """The refusal naming the column and the two lines that disagree."""
        from opsdash.errors import UserError

        line, other = int(line_numbers[self.first]), int(line_numbers[self.other])
        if self.what == "date":
            text = (
                f"Column {column!r} writes dates both day first (line {line}: "
                f"{self.first_value!r}) and month first (line {other}: {self.other_value!r}). "
                "One column must use one order: fix the rows that differ and import again."
            )
        else:
            text = (
                f"Column {column!r} writes numbers both with a decimal comma (line {line}: "
                f"{self.first_value!r}) and with a decimal point (line {other}: "
                f"{self.other_value!r}). One column must use one convention: fix the rows that "
                "differ and import again."
            )
        return UserError(
            text,
            code=f"mixed_{self.what}_formats",
            values={
                "column": column,
                "line": line,
                "value": self.first_value,
                "other_line": other,
                "other_value": self.other_value,
            },
        )


# A decimal comma is proven by ``1.234,5``, ``12,5`` or ``1,2345`` (a comma not followed by a
# group of exactly three digits); a decimal point by ``1,234.5``, ``12.5`` or ``1.2345``.
# ``1.234`` and ``1,234`` alone prove nothing: the column's other cells decide.
_DECIMAL_COMMA = re.compile(r"\d\.\d{3},\d|\d,(?:\d{1,2}|\d{4,})(?!\d)")
_DECIMAL_POINT = re.compile(r"\d,\d{3}\.\d|\d\.(?:\d{1,2}|\d{4,})(?!\d)")
POINT_FORMAT, COMMA_FORMAT = "1,234.56", "1.234,56"


def decimal_convention(text: pd.Series) -> str | None:
    """The decimal mark of a column of number cells: ``","`` when a cell proves a decimal
    comma and none proves a decimal point, ``"."`` otherwise (None: no cell has a separator).
    Raises :class:`MixedFormats` when cells prove both."""
    text = text[text.str.match(_NUMBER).fillna(False).astype(bool)]  # free text proves nothing
    commas = text.str.contains(",", regex=False).fillna(False)
    if not commas.any():
        return "." if text.str.contains(".", regex=False).fillna(False).any() else None
    comma_proof = commas & text.str.contains(_DECIMAL_COMMA).fillna(False)
    if not comma_proof.any():
        return "."
    point_proof = text.str.contains(_DECIMAL_POINT).fillna(False) & ~comma_proof
    if point_proof.any():
        first, other = comma_proof.idxmax(), point_proof.idxmax()
        raise MixedFormats("decimal", first, text[first], other, text[other])
    return ","


def clean_text(values: pd.Series) -> pd.Series:
    """Cells (as ``str`` dtype) with surrounding whitespace removed; placeholders (``-``,
    ``N/A``, ``null`` ...) and empty cells as missing."""
    stripped = values.astype("str").str.strip()
    missing = stripped.isna() | stripped.str.lower().isin(NULL_TOKENS)
    return stripped.where(~missing)


@dataclass(frozen=True)
class ParsedNumbers:
    """Numbers read from text: values (float, NaN when missing), bad cells, and the
    currency each cell named with a symbol or code (None when it named none)."""

    values: pd.Series
    bad: pd.Series
    currencies: pd.Series


def parse_numbers(
    values: pd.Series, *, column: str | None = None, formats: dict[str, str] | None = None
) -> ParsedNumbers:
    """Numbers as exports write them: ``1234.5``, ``1,234.5``, ``1.234,5``, ``755.4万``, ``3亿``,
    ``9.98%`` (-> 0.0998), ``¥12``, ``$1,200``, ``(12.00)`` (-> -12).

    The decimal mark is decided once for the column (:func:`decimal_convention`): in a column
    where ``1.234,50`` appears, ``1.234`` is 1234; elsewhere it is 1.234. The decision is
    recorded in ``formats[column]`` (``1,234.56`` or ``1.234,56``). Cells proving both raise
    :class:`MixedFormats` when ``column`` is given (a field's column), else each cell is read
    on its own."""
    text = clean_text(values)
    try:
        convention = decimal_convention(text)
    except MixedFormats:
        if column is not None:  # a field's column: the caller refuses the file
            raise
        convention = None  # a look at cells (property types, A/B files): each cell on its own
    if convention is not None and formats is not None and column is not None:
        formats[column] = COMMA_FORMAT if convention == "," else POINT_FORMAT
    if convention == ",":
        separated = text.str.contains(r"[.,]").fillna(False)
        text = text.copy()
        text[separated] = (
            text[separated].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        )
    present = text.notna()
    fast = pd.to_numeric(text, errors="coerce")
    result = fast.astype(float)
    currencies = pd.Series([None] * len(text), index=text.index, dtype=object)
    slow = present & result.isna()
    if slow.any():
        distinct = pd.unique(text[slow])
        parsed = {value: _parse_number(value) for value in distinct}
        result.loc[slow] = text[slow].map(lambda v: parsed[v][0]).astype(float)
        currencies.loc[slow] = text[slow].map(lambda v: parsed[v][1])
    finite = np.isfinite(result.to_numpy(dtype=float, na_value=np.nan))
    bad = present & ~pd.Series(finite, index=text.index)
    result = result.where(~bad)
    return ParsedNumbers(result, bad, currencies)


def _parse_number(text: str) -> tuple[float, str | None]:
    match = _NUMBER.match(text.replace("，", ","))
    if not match:
        return float("nan"), None
    digits = match["num"]
    digits = digits.rstrip(" \u00a0\u202f")
    if _EURO_DECIMAL.match(digits):
        digits = digits.replace(".", "").replace(",", ".")
    digits = re.sub(r"[,'_ \u00a0\u202f]", "", digits)
    try:
        number = float(digits)
    except ValueError:
        return float("nan"), None
    if match["unit"]:
        number *= UNIT_FACTORS[match["unit"].lower()]
    if match["pct"]:
        number /= 100
    if match["sign"] in ("-", "−") or (match["open"] and match["close"]):
        number = -number
    symbol = match["cur1"] or match["cur2"]
    return number, CURRENCY_SYMBOLS[symbol.lower()] if symbol else None


def to_integers(numbers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers from parsed floats (``755.4万`` -> 7554000); returns (Int64 values, mask
    of values that are not whole)."""
    rounded = numbers.round()
    not_whole = numbers.notna() & ((numbers - rounded).abs() > 1e-6 * np.maximum(1, numbers.abs()))
    return rounded.where(~not_whole).astype("Int64"), not_whole


def parse_booleans(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """TRUE/FALSE, yes/no, 是/否, 1/0 -> (object Series of True/False/None, bad mask)."""
    text = clean_text(values)
    folded = text.map(lambda v: None if v is None else v.casefold(), na_action="ignore")
    result = pd.Series([None] * len(text), index=text.index, dtype=object)
    result[folded.isin(TRUE_TOKENS)] = True
    result[folded.isin(FALSE_TOKENS)] = False
    bad = text.notna() & result.isna()
    return result, bad


def parse_timestamps(
    values: pd.Series,
    *,
    timezone: str,
    day_first: bool | None = None,
    column: str | None = None,
    formats: dict[str, str] | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Points in time -> (naive UTC datetime64 Series, bad mask).

    Accepts 2024-01-31 10:00[:00[.ffffff]], 2024/1/31, 31/01/2024 (day first when ``day_first``
    or when a first part above 12 proves it), 2024年1月31日 10:00, YYYYMMDD integers, Unix
    seconds and milliseconds (UTC by definition), ISO 8601 with an offset or Z (converted).
    Times without an offset are read in the reporting ``timezone``. The order of day and
    month is decided once for the column (see :func:`_parse_dmy`) and recorded in
    ``formats[column]``."""
    text = clean_text(values)
    text = text.where(~out_of_bounds_days(text))  # the caller reports them (validate)
    present = text.notna()
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if not present.any():
        return result, present
    found: dict[str, str] = {}
    cells, epoch, _ = _split_epoch(text[present])
    if epoch is not None:
        result.loc[epoch.index] = epoch
    if len(cells):
        local, aware = _local_and_aware(cells, day_first, found, column)
        if aware is not None:
            result.loc[aware.index] = aware
        if local is not None and len(local):
            result.loc[local.index] = to_utc_naive(local, timezone)
    _record(formats, column, found)
    return result, present & result.isna()


def parse_dates(
    values: pd.Series,
    *,
    timezone: str,
    day_first: bool | None = None,
    column: str | None = None,
    formats: dict[str, str] | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Calendar days -> (datetime64 Series at midnight, bad mask). A day written with a time
    keeps its calendar day as written; Unix times become the day in ``timezone``."""
    text = clean_text(values)
    text = text.where(~out_of_bounds_days(text))  # the caller reports them (validate)
    present = text.notna()
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if not present.any():
        return result, present
    found: dict[str, str] = {}
    cells, epoch, is_day = _split_epoch(text[present])
    if epoch is not None:
        if is_day:
            result.loc[epoch.index] = epoch
        else:
            days = pd.to_datetime(pd.Series(local_dates(epoch, timezone), index=epoch.index))
            result.loc[epoch.index] = days
    if len(cells):
        local, aware = _local_and_aware(cells, day_first, found, column)
        if aware is not None:
            result.loc[aware.index] = aware
        if local is not None and len(local):
            result.loc[local.index] = local
        result = result.dt.normalize()
    _record(formats, column, found)
    return result, present & result.isna()


def _record(formats: dict[str, str] | None, column: str | None, found: dict[str, str]) -> None:
    if formats is not None and column is not None and found.get("format"):
        formats[column] = found["format"]


_YEAR_FIRST = re.compile(r"^\s*([+-]?\d{4,})\s*[-/.年]")
_YEAR_LAST = re.compile(r"^\s*\d{1,2}[/.-]\d{1,2}[/.-](\d{4,})")


def out_of_bounds_days(values: pd.Series, first: int = 1900, last: int = 2100) -> pd.Series:
    """Cells that write a year before ``first`` or after ``last`` (``9999-12-31``,
    ``0001-01-01``, ``31/12/2300``): read as dates they are out of every store's bounds, and
    beyond what pandas can represent (they would otherwise be "not a date")."""
    text = values.astype("str")
    years = text.str.extract(_YEAR_FIRST)[0].fillna(text.str.extract(_YEAR_LAST)[0])
    numbers = pd.to_numeric(years, errors="coerce")
    return ((numbers < first) | (numbers > last)).fillna(False).astype(bool)


def _split_epoch(cells: pd.Series) -> tuple[pd.Series, pd.Series | None, bool]:
    """Separate the all-digit cells (numeric time codes) from the text ones; returns (text
    cells, parsed codes or None). Codes that fit no scheme are left NaT (bad)."""
    digits = cells.str.fullmatch(r"\d{8,13}(?:\.\d+)?").fillna(False)
    if not digits.any():
        return cells, None, False
    codes = cells[digits]
    parsed = _epoch_utc(codes)
    if parsed is None:
        parsed = pd.Series(pd.NaT, index=codes.index, dtype="datetime64[ns]")
    parsed = _nanoseconds(parsed)  # a code past 2262 is a bad cell, never an overflow
    is_day = bool(codes.str.len().eq(8).all())  # YYYYMMDD: a calendar day
    return cells[~digits], parsed, is_day


def _epoch_utc(cells: pd.Series) -> pd.Series | None:
    """Numeric time codes of one scheme: YYYYMMDD, Unix seconds, Unix milliseconds."""
    numbers = pd.to_numeric(cells, errors="coerce")
    low, high = numbers.min(), numbers.max()
    if low >= 19000101 and high <= 21001231 and cells.str.len().eq(8).all():
        return pd.to_datetime(cells, format="%Y%m%d", errors="coerce").rename(None)
    if low >= 1e8 and high < 1e11:
        unit = "s"
    elif low >= 1e11 and high < 1e14:
        unit = "ms"
    else:
        return None
    return pd.to_datetime(numbers, unit=unit, errors="coerce")


def _local_and_aware(cells, day_first, found, column):
    """:func:`_parse_local_and_aware`; without a ``column`` (a look at cells, not a field's
    column) a day/month disagreement reads month first instead of raising."""
    try:
        return _parse_local_and_aware(cells, day_first=day_first, found=found)
    except MixedFormats:
        if column is not None:
            raise
        return _parse_local_and_aware(cells, day_first=False, found=found)


def _parse_local_and_aware(
    cells: pd.Series, *, day_first: bool | None, found: dict[str, str]
) -> tuple[pd.Series | None, pd.Series | None]:
    """Parse text cells: returns (naive local times, already-UTC naive times)."""
    chinese = cells.str.contains("年", regex=False)
    if chinese.any():
        cells = cells.copy()
        cells[chinese] = cells[chinese].map(_chinese_to_iso)
    has_tz = cells.str.contains(_TZ_SUFFIX)
    aware = None
    if has_tz.any():
        parsed = pd.to_datetime(cells[has_tz], utc=True, format="mixed", errors="coerce")
        aware = _nanoseconds(parsed.dt.tz_localize(None))
        cells = cells[~has_tz]
    if cells.empty:
        return None, aware
    dmy = cells.str.match(_DMY).fillna(False).astype(bool)
    if dmy.all():
        return _nanoseconds(_parse_dmy(cells, day_first=day_first, found=found)), aware
    local = _nanoseconds(pd.to_datetime(cells, format="ISO8601", errors="coerce"))
    if dmy.any():  # the day/month order is decided once, for every such cell of the column
        local[dmy] = _parse_dmy(cells[dmy], day_first=day_first, found=found)
    elif local.notna().any():
        found.setdefault("format", "YYYY-MM-DD")
    retry = local.isna() & ~dmy
    if retry.any():
        local[retry] = _nanoseconds(
            pd.to_datetime(cells[retry], format="mixed", errors="coerce", dayfirst=bool(day_first))
        )
    return local, aware


_NS_FIRST, _NS_LAST = np.datetime64("1678-01-01"), np.datetime64("2261-12-31")


def _nanoseconds(values: pd.Series) -> pd.Series:
    """Parsed times as datetime64[ns]; a time pandas can only hold at a coarser unit (year
    9999, year 1) becomes missing (a bad cell), never an overflow."""
    if values.dtype == "datetime64[ns]":
        return values
    inside = values.notna() & (values >= _NS_FIRST) & (values <= _NS_LAST)
    return values.where(inside).astype("datetime64[ns]")


def _chinese_to_iso(text: str) -> str:
    match = _CHINESE_DATE.match(text.replace(" ", ""))
    if not match:
        return text
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
    return f"{y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}"


def _parse_dmy(cells: pd.Series, *, day_first: bool | None, found: dict[str, str]) -> pd.Series:
    """``31/01/2024``-style cells, all read in one order: day first when the caller says so or
    when a first part above 12 proves it, else month first. A column with a first part above
    12 on one row and a second part above 12 on another raises :class:`MixedFormats`."""
    parts = cells.str.extract(_DMY)
    first, second = parts[0].astype(int), parts[1].astype(int)
    if day_first is None:
        day_proof, month_proof = first > 12, second > 12
        if day_proof.any() and month_proof.any():
            a, b = day_proof.idxmax(), month_proof.idxmax()
            raise MixedFormats("date", a, cells[a], b, cells[b])
        day_first = bool(day_proof.any())
    separator = cells.iloc[0][len(parts[0].iloc[0])] if len(cells) else "/"
    order = ("DD", "MM") if day_first else ("MM", "DD")
    found["format"] = separator.join((*order, "YYYY"))
    day, month = (first, second) if day_first else (second, first)
    rest = parts[3].str.strip()
    iso = (
        parts[2]
        + "-"
        + month.astype(str).str.zfill(2)
        + "-"
        + day.astype(str).str.zfill(2)
        + rest.map(lambda r: f" {r}" if r else "")
    )
    return pd.to_datetime(iso, format="ISO8601", errors="coerce")
