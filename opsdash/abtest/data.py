"""Experiment data for the A/B calculator: from the store or from an uploaded per-user file.

This is the only I/O of :mod:`opsdash.abtest`. Both paths end in the same
:class:`ExperimentData`: per-variant sufficient statistics (users, conversions, value sums,
CUPED sums), the control first.

Definitions (both paths):
- a user is one row of ``experiment_assignments`` (store) or one distinct user id (file);
- converted: the user converted; an unknown value (NULL) counts as not converted;
- value: the continuous outcome per user (revenue, time); a missing value counts as 0
  (no revenue recorded = 0);
- covariate: the pre-experiment value for CUPED; a missing covariate is replaced by the mean
  covariate of all users (so that user is not adjusted).

Cleaning of uploaded files, in this order (each step counted in :class:`CleaningReport`):
rows without a user id or variant dropped; with a consistency column (e.g. ab_data's
``landing_page`` next to ``group``), rows whose value disagrees with the one that dominates
their variant dropped; users seen in more than one variant dropped entirely; remaining repeats
of a user kept once (the earliest when a time column is given); conversion cells that are not
a yes/no value dropped.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.abtest.cuped import CupedStats
from opsdash.abtest.models import MeanStats, Proportion
from opsdash.errors import UserError
from opsdash.ingest.parse import clean_text, parse_booleans, parse_numbers
from opsdash.models import ExperimentAssignment

CONTROL_NAMES = ("control", "ctrl", "a", "baseline", "old", "original", "对照", "对照组")
USER_COLUMNS = ("user_id", "userid", "user", "uid", "用户id", "用户", "member_id", "id")
VARIANT_COLUMNS = ("variant", "group", "version", "arm", "bucket", "分组", "组别", "实验组")
VALUE_HINTS = ("value", "revenue", "amount", "gmv", "sum_", "time", "金额", "收入", "时长")
COVARIATE_HINTS = ("covariate", "pre_", "pre-", "before", "baseline_", "实验前")
MAX_VARIANTS = 5


@dataclass(frozen=True)
class CleaningReport:
    """What cleaning removed, in rows (or users where named)."""

    rows_in: int = 0
    missing_key_rows: int = 0
    inconsistent_rows: int = 0
    multi_variant_users: int = 0
    duplicate_rows: int = 0
    bad_converted_rows: int = 0
    missing_values: int = 0
    rows_out: int = 0


@dataclass(frozen=True)
class ExperimentData:
    """Per-variant statistics, control first. ``proportions``: users and conversions;
    ``values``: MeanStats of the value (None without a value column); ``cuped``: CupedStats
    (None without a covariate); ``daily``: cumulative users and conversions per variant and
    day of first exposure (columns variant, day, users, conversions; the UTC day of
    ``assigned_at`` in the store, the day written in a file's time column), empty when
    unknown."""

    names: tuple[str, ...]
    proportions: tuple[Proportion, ...]
    values: tuple[MeanStats, ...] | None = None
    cuped: tuple[CupedStats, ...] | None = None
    daily: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False, repr=False)
    report: CleaningReport = field(default_factory=CleaningReport)


def order_control_first(names: list[str], control: str | None = None) -> list[str]:
    """``names`` sorted, with the control first: ``control`` if given, else the first name
    that looks like a control ("control", "A", "对照组" ...), else the first in sort order."""
    ordered = sorted(names, key=str)
    if control is None:
        control = next((n for n in ordered if str(n).strip().casefold() in CONTROL_NAMES), None)
        if control is None:
            control = next((n for n in ordered if "control" in str(n).casefold()), ordered[0])
    if control not in ordered:
        raise UserError(f"Variant {control!r} is not in the data.")
    return [control, *[n for n in ordered if n != control]]


# ---- store ---------------------------------------------------------------------------------


def experiment_names(engine: Engine) -> list[str]:
    """Experiments in the store, by name."""
    table = ExperimentAssignment.__table__
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(table.c.experiment).distinct().order_by(table.c.experiment)
        ).all()
    return [row[0] for row in rows]


def load_experiment(
    engine: Engine, *, experiment: str, control: str | None = None
) -> ExperimentData:
    """Sufficient statistics of ``experiment`` per variant, aggregated in the database (see the
    module docstring for the definitions). Raises UserError for an unknown experiment or more
    than five variants."""
    t = ExperimentAssignment.__table__
    converted = sa.case((t.c.converted.is_(True), 1), else_=0)
    value = sa.func.coalesce(t.c.value, 0.0)
    has_x = t.c.covariate.is_not(None)
    statement = (
        sa.select(
            t.c.variant,
            sa.func.count().label("users"),
            sa.func.sum(converted).label("conversions"),
            sa.func.count(t.c.value).label("values_present"),
            sa.func.sum(value).label("sum_y"),
            sa.func.sum(value * value).label("sum_y2"),
            sa.func.count(t.c.covariate).label("n_x"),
            sa.func.sum(t.c.covariate).label("sum_x"),
            sa.func.sum(t.c.covariate * t.c.covariate).label("sum_x2"),
            sa.func.sum(value * t.c.covariate).label("sum_xy"),
            sa.func.sum(sa.case((has_x, 0.0), else_=value)).label("sum_y_no_x"),
        )
        .where(t.c.experiment == experiment)
        .group_by(t.c.variant)
    )
    day = sa.func.date(t.c.assigned_at).label("day")
    daily_statement = (
        sa.select(
            t.c.variant,
            day,
            sa.func.count().label("users"),
            sa.func.sum(converted).label("conversions"),
        )
        .where(t.c.experiment == experiment, t.c.assigned_at.is_not(None))
        .group_by(t.c.variant, day)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(statement).mappings().all())
        daily = pd.DataFrame(conn.execute(daily_statement).mappings().all())
    if frame.empty:
        raise UserError(f"Experiment {experiment!r} has no users in the store.")
    return _from_sums(frame, daily, control=control, report=CleaningReport())


def _from_sums(
    frame: pd.DataFrame, daily: pd.DataFrame, *, control: str | None, report: CleaningReport
) -> ExperimentData:
    frame = frame.fillna({"sum_x": 0.0, "sum_x2": 0.0, "sum_xy": 0.0, "sum_y_no_x": 0.0})
    frame["variant"] = frame["variant"].astype(str)
    if len(frame) > MAX_VARIANTS:
        raise UserError(
            f"The experiment has {len(frame)} variants; the calculator handles at most "
            f"{MAX_VARIANTS}."
        )
    if len(frame) < 2:
        raise UserError("The experiment has only one variant: nothing to compare.")
    names = order_control_first(frame["variant"].tolist(), control)
    rows = frame.set_index("variant").loc[names]
    proportions = tuple(
        Proportion(n=int(r.users), conversions=int(r.conversions)) for r in rows.itertuples()
    )
    values = None
    if rows["values_present"].sum() > 0:
        values = tuple(
            CupedStats(int(r.users), float(r.sum_y), float(r.sum_y2), 0.0, 0.0, 0.0).mean_stats()
            for r in rows.itertuples()
        )
    cuped = None
    total_x = rows["n_x"].sum()
    if values is not None and total_x > 0:
        mean_x = rows["sum_x"].sum() / total_x
        cuped = tuple(
            CupedStats(
                n=int(r.users),
                sum_y=float(r.sum_y),
                sum_y2=float(r.sum_y2),
                sum_x=float(r.sum_x + (r.users - r.n_x) * mean_x),
                sum_x2=float(r.sum_x2 + (r.users - r.n_x) * mean_x**2),
                sum_xy=float(r.sum_xy + mean_x * r.sum_y_no_x),
            )
            for r in rows.itertuples()
        )
    return ExperimentData(
        names=tuple(names),
        proportions=proportions,
        values=values,
        cuped=cuped,
        daily=_cumulative(daily, names),
        report=report,
    )


def _cumulative(daily: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    columns = ["variant", "day", "users", "conversions"]
    if daily.empty:
        return pd.DataFrame(columns=columns)
    daily = daily.copy()
    daily["variant"] = daily["variant"].astype(str)
    daily["day"] = pd.to_datetime(daily["day"]).dt.date
    full = (
        daily.pivot_table(
            index="day", columns="variant", values=["users", "conversions"], aggfunc="sum"
        )
        .fillna(0)
        .sort_index()
        .cumsum()
    )
    out = []
    for name in names:
        if ("users", name) not in full.columns:
            continue
        out.append(
            pd.DataFrame(
                {
                    "variant": name,
                    "day": full.index,
                    "users": full[("users", name)].astype(int).to_numpy(),
                    "conversions": full[("conversions", name)].astype(int).to_numpy(),
                }
            )
        )
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=columns)


def sequential_looks(data: ExperimentData) -> list[tuple[dt.date, list[Proportion]]]:
    """(day, cumulative Proportion per variant in ``data.names`` order) for each day."""
    if data.daily.empty:
        return []
    pivot = data.daily.pivot_table(
        index="day", columns="variant", values=["users", "conversions"], aggfunc="sum"
    ).ffill()
    looks = []
    for day, row in pivot.iterrows():
        looks.append(
            (
                day,
                [
                    Proportion(
                        n=int(row.get(("users", name), 0) or 0),
                        conversions=int(row.get(("conversions", name), 0) or 0),
                    )
                    for name in data.names
                ],
            )
        )
    return looks


# ---- uploaded per-user files ---------------------------------------------------------------


@dataclass(frozen=True)
class ColumnGuess:
    """Suggested columns of a per-user file (None where nothing fits)."""

    user: str | None
    variant: str | None
    converted: tuple[str, ...]
    value: str | None
    covariate: str | None
    consistency: str | None
    time: str | None


def _folded(name: str) -> str:
    return str(name).strip().casefold()


def _is_boolean(values: pd.Series) -> bool:
    """Mostly yes/no cells (at least 90 % of the non-empty ones in the first 5000 rows)."""
    parsed, bad = parse_booleans(values.head(5000).astype(str))
    readable = int(parsed.notna().sum())
    return readable > 0 and readable >= 0.9 * (readable + int(bad.sum()))


def _dominant_share(frame: pd.DataFrame, variant: str, column: str) -> float:
    """Share of rows whose ``column`` value is the one dominating their variant; 0 when two
    variants share a dominant value (then the column does not identify the variant)."""
    counts = frame.groupby([variant, column], dropna=True).size()
    if counts.empty:
        return 0.0
    dominant = counts.groupby(level=0).idxmax().map(lambda key: key[1])
    if dominant.nunique() != len(dominant):
        return 0.0
    return float(counts.groupby(level=0).max().sum() / counts.sum())


def guess_columns(frame: pd.DataFrame) -> ColumnGuess:
    """Guess which columns hold the user id, variant, conversion flags (yes/no columns),
    value, pre-experiment covariate, a column that must agree with the variant (e.g. a
    landing page that maps 1:1 to the group) and a time column, from names and contents."""
    columns = list(frame.columns)
    folded = {c: _folded(c) for c in columns}
    user = next((c for h in USER_COLUMNS for c in columns if folded[c] == h), None)
    variant = next((c for h in VARIANT_COLUMNS for c in columns if folded[c] == h), None)
    if variant is None:
        variant = next(
            (c for c in columns if c != user and 2 <= frame[c].nunique(dropna=True) <= 5), None
        )
    rest = [c for c in columns if c not in (user, variant)]
    converted = tuple(c for c in rest if _is_boolean(frame[c]))
    numeric = [
        c
        for c in rest
        if c not in converted
        and parse_numbers(frame[c].head(2000).astype(str)).values.notna().mean() > 0.9
    ]
    covariate = next((c for c in numeric if any(h in folded[c] for h in COVARIATE_HINTS)), None)
    value = next(
        (c for c in numeric if c != covariate and any(h in folded[c] for h in VALUE_HINTS)),
        next((c for c in numeric if c != covariate), None),
    )
    time = next(
        (
            c
            for c in rest
            if (any(h in folded[c] for h in ("time", "date", "时间")) or folded[c].endswith("_at"))
            and c not in numeric
        ),
        None,
    )
    consistency = None
    if variant is not None:
        groups = frame[variant].nunique(dropna=True)
        for column in rest:
            if column in converted or column in numeric or column == time:
                continue
            if frame[column].nunique(dropna=True) != groups:
                continue
            if _dominant_share(frame, variant, column) >= 0.75:
                consistency = column
                break
    return ColumnGuess(user, variant, converted, value, covariate, consistency, time)


def clean_user_frame(
    frame: pd.DataFrame,
    *,
    user: str,
    variant: str,
    converted: str | None = None,
    value: str | None = None,
    covariate: str | None = None,
    consistency: str | None = None,
    time: str | None = None,
) -> tuple[pd.DataFrame, CleaningReport]:
    """A per-user table with columns user_id, variant, converted (bool), value, covariate
    (floats, NaN when absent), cleaned as the module docstring describes, and the report."""
    for column in (user, variant, converted, value, covariate, consistency, time):
        if column is not None and column not in frame.columns:
            raise UserError(f"Column {column!r} is not in the file.")
    rows_in = len(frame)
    work = pd.DataFrame(
        {
            "user_id": clean_text(frame[user].astype(str)),
            "variant": clean_text(frame[variant].astype(str)),
        }
    )
    if consistency is not None:
        work["consistency"] = clean_text(frame[consistency].astype(str))
    if time is not None:
        work["time"] = frame[time].astype(str)
    missing = work["user_id"].isna() | work["variant"].isna()
    work = work[~missing]
    inconsistent = 0
    if consistency is not None:
        dominant = (
            work.groupby(["variant", "consistency"])
            .size()
            .reset_index(name="rows")
            .sort_values("rows", ascending=False)
            .drop_duplicates("variant")
            .set_index("variant")["consistency"]
        )
        agrees = work["consistency"].to_numpy() == work["variant"].map(dominant).to_numpy()
        inconsistent = int((~agrees).sum())
        work = work[agrees]
    variants_per_user = work.groupby("user_id")["variant"].nunique()
    mixed = variants_per_user.index[variants_per_user > 1]
    work = work[~work["user_id"].isin(mixed)]
    before = len(work)
    if time is not None:
        work = work.sort_values("time", kind="stable")
    work = work[~work["user_id"].duplicated(keep="first")].sort_index()
    duplicates = before - len(work)
    index = work.index
    bad_converted = 0
    if converted is not None:
        flags, bad = _parse_flags(frame.loc[index, converted])
        unusable = bad | flags.isna()
        bad_converted = int(unusable.sum())
        work = work.assign(converted=flags.astype("boolean"))[~unusable.to_numpy()]
    else:
        work = work.assign(converted=pd.array([False] * len(work), dtype="boolean"))
    index = work.index
    missing_values = 0
    if value is not None:
        numbers = parse_numbers(frame.loc[index, value].astype(str)).values
        missing_values = int(numbers.isna().sum())
        work["value"] = numbers.fillna(0.0).to_numpy()
    else:
        work["value"] = np.nan
    if covariate is not None:
        work["covariate"] = parse_numbers(frame.loc[index, covariate].astype(str)).values.to_numpy()
    else:
        work["covariate"] = np.nan
    work["day"] = _days(work["time"]) if time is not None else None
    report = CleaningReport(
        rows_in=rows_in,
        missing_key_rows=int(missing.sum()),
        inconsistent_rows=inconsistent,
        multi_variant_users=len(mixed),
        duplicate_rows=duplicates,
        bad_converted_rows=bad_converted,
        missing_values=missing_values,
        rows_out=len(work),
    )
    columns = ["user_id", "variant", "converted", "value", "covariate", "day"]
    return work[columns].reset_index(drop=True), report


def _days(values: pd.Series) -> pd.Series:
    """Calendar day of each time cell (None when unreadable); ISO first, then any format."""
    try:
        stamps = pd.to_datetime(values, format="ISO8601", errors="coerce")
    except (ValueError, TypeError):
        stamps = pd.Series(pd.NaT, index=values.index)
    if stamps.isna().mean() > 0.5:
        stamps = pd.to_datetime(values, format="mixed", errors="coerce")
    return stamps.dt.date.where(stamps.notna(), None)


def _parse_flags(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """parse_booleans on the distinct cells only (files repeat the same few values)."""
    text = values.astype(str)
    distinct = pd.Series(pd.unique(text), dtype=object)
    flags, bad = parse_booleans(distinct)
    flag_map = dict(zip(distinct, flags, strict=True))
    bad_map = dict(zip(distinct, bad, strict=True))
    return text.map(flag_map), text.map(bad_map).astype(bool)


def summarise_users(
    users: pd.DataFrame,
    *,
    report: CleaningReport | None = None,
    control: str | None = None,
    has_value: bool = True,
) -> ExperimentData:
    """:class:`ExperimentData` from a cleaned per-user table (see :func:`clean_user_frame`);
    with a ``day`` column (from the time column) also the cumulative daily counts."""
    if users.empty:
        raise UserError("No usable rows are left after cleaning.")
    y = users["value"].astype(float).fillna(0.0)
    x = users["covariate"].astype(float)
    work = pd.DataFrame(
        {
            "variant": users["variant"].astype(str),
            "converted": users["converted"].fillna(False).astype(int),
            "present": users["value"].notna().astype(int) if has_value else 0,
            "y": y,
            "y2": y * y,
            "has_x": x.notna().astype(int),
            "x": x.fillna(0.0),
            "x2": x.fillna(0.0) ** 2,
            "xy": (x * y).fillna(0.0),
            "y_no_x": y.where(x.isna(), 0.0),
        }
    )
    sums = work.groupby("variant").agg(
        users=("converted", "size"),
        conversions=("converted", "sum"),
        values_present=("present", "sum"),
        sum_y=("y", "sum"),
        sum_y2=("y2", "sum"),
        n_x=("has_x", "sum"),
        sum_x=("x", "sum"),
        sum_x2=("x2", "sum"),
        sum_xy=("xy", "sum"),
        sum_y_no_x=("y_no_x", "sum"),
    )
    daily = pd.DataFrame()
    if "day" in users.columns and users["day"].notna().any():
        dated = work.assign(day=users["day"].to_numpy())[users["day"].notna().to_numpy()]
        daily = (
            dated.groupby(["variant", "day"])
            .agg(users=("converted", "size"), conversions=("converted", "sum"))
            .reset_index()
        )
    return _from_sums(sums.reset_index(), daily, control=control, report=report or CleaningReport())


def read_user_file(
    data: bytes, *, file_name: str = "", max_bytes: int | None = None
) -> pd.DataFrame:
    """An uploaded per-user export (CSV/TSV/.xlsx, any common encoding) as text columns."""
    from opsdash.ingest.read import read_table

    table = read_table(data, file_name=file_name, max_bytes=max_bytes)
    if table.frame.empty:
        raise UserError("The file has no rows.")
    return table.frame


def values_present(values: tuple[MeanStats, ...] | None) -> bool:
    return values is not None and any(v.n > 0 and math.isfinite(v.mean) for v in values)
