"""The global view: date range, comparison and segment filters, as one frozen value.

It round-trips through the URL query string (:meth:`Filters.to_query` /
:meth:`Filters.from_query`) so a copied link reproduces the view. Parsing never trusts the
URL: bad values fall back to defaults."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

Preset = Literal["7d", "30d", "90d", "this_month", "last_month", "custom"]
PRESETS: tuple[Preset, ...] = ("7d", "30d", "90d", "this_month", "last_month", "custom")
DEFAULT_PRESET: Preset = "30d"
SEGMENT_FIELDS = ("channel", "platform", "region")
MAX_SEGMENT_VALUES = 50
MAX_WHERE_NAMES = 10
WhereFilter = tuple[tuple[str, tuple[str, ...]], ...]


def preset_range(preset: Preset, anchor: dt.date) -> tuple[dt.date, dt.date]:
    """The (start, end) days of a preset, both inclusive, ending on ``anchor``'s day or month.

    ``anchor`` is the last day with data (or today): "last 7 days" is the 7 days ending on it;
    "this month" runs from its month's first day to it; "last month" is the whole month
    before."""
    if preset in ("7d", "30d", "90d"):
        days = int(preset[:-1])
        return anchor - dt.timedelta(days=days - 1), anchor
    if preset == "this_month":
        return anchor.replace(day=1), anchor
    if preset == "last_month":
        last = anchor.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    raise ValueError(f"{preset} has no fixed range")


@dataclass(frozen=True)
class CohortFilter:
    """A cohort chosen as a segment filter (URL ``cohort=NAME``, CLI ``--cohort NAME``), as
    read from the store: ``static`` keeps the saved members (``cohort_members``); ``dynamic``
    re-evaluates its rule over the users table (``where`` like :attr:`Filters.where`, and an
    optional signup day range, both inclusive)."""

    name: str
    kind: Literal["static", "dynamic"] = "static"
    where: WhereFilter = ()
    signup_from: dt.date | None = None
    signup_to: dt.date | None = None


@dataclass(frozen=True)
class Filters:
    """What every page is filtered by. ``start`` and ``end`` are inclusive calendar days in
    the reporting timezone; empty segment tuples mean "all"."""

    start: dt.date
    end: dt.date
    preset: Preset = "custom"
    compare: bool = True
    channels: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    # more segment filters on the users table: (name, values) with name a users column
    # (e.g. level) or a user property (e.g. 省份); values of one name are alternatives
    where: WhereFilter = ()
    # a saved cohort (opsdash.cohorts): only its users count, on every page
    cohort: CohortFilter | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the end date is before the start date")

    @property
    def days(self) -> int:
        """Length of the range in days."""
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The comparison period: for a whole calendar month, the month before; otherwise the
        same number of days immediately before ``start``. Segments are kept."""
        if (
            self.start.day == 1
            and self.end.day == calendar.monthrange(self.end.year, self.end.month)[1]
            and (self.start.year, self.start.month) == (self.end.year, self.end.month)
        ):
            end = self.start - dt.timedelta(days=1)
            return replace(self, start=end.replace(day=1), end=end, preset="custom")
        end = self.start - dt.timedelta(days=1)
        return replace(self, start=end - dt.timedelta(days=self.days - 1), end=end, preset="custom")

    @property
    def segments(self) -> dict[str, tuple[str, ...]]:
        """Non-empty segment filters by user field name."""
        chosen = {"channel": self.channels, "platform": self.platforms, "region": self.regions}
        return {field: values for field, values in chosen.items() if values}

    @property
    def has_segment(self) -> bool:
        """Whether any segment filter (a user field or property) is chosen."""
        return bool(self.segments or self.where or self.cohort)

    def to_query(self) -> dict[str, str | list[str]]:
        """The filters as URL query parameters."""
        query: dict[str, str | list[str]] = {
            "preset": self.preset,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "compare": "1" if self.compare else "0",
        }
        for field, values in self.segments.items():
            query[field] = list(values)
        if self.where:
            query["where"] = [f"{name}={value}" for name, values in self.where for value in values]
        if self.cohort:
            query["cohort"] = self.cohort.name
        return query

    @classmethod
    def from_query(cls, query: dict[str, list[str]], *, anchor: dt.date) -> Filters:
        """Parse URL query parameters (each a list of strings); anything invalid falls back to
        the default (last 30 days ending on ``anchor``)."""

        def first(name: str) -> str | None:
            values = query.get(name) or []
            return values[0] if values else None

        preset = first("preset")
        preset = preset if preset in PRESETS else None
        start, end = _parse_day(first("start")), _parse_day(first("end"))
        if preset and preset != "custom" and not (start and end):
            start, end = preset_range(preset, anchor)
        if not (start and end) or end < start or (end - start).days > 3660:
            preset = DEFAULT_PRESET
            start, end = preset_range(DEFAULT_PRESET, anchor)
        segments = {
            field: tuple(dict.fromkeys(v[:200] for v in query.get(field, []) if v))[
                :MAX_SEGMENT_VALUES
            ]
            for field in SEGMENT_FIELDS
        }
        return cls(
            start=start,
            end=end,
            preset=preset or "custom",
            compare=first("compare") != "0",
            channels=segments["channel"],
            platforms=segments["platform"],
            regions=segments["region"],
            where=parse_where([v[:400] for v in query.get("where", [])][:MAX_SEGMENT_VALUES]),
            # only the name: the caller resolves it against the store (opsdash.cohorts)
            cohort=CohortFilter(name=first("cohort")[:200]) if first("cohort") else None,
        )


def parse_where(pairs: list[str]) -> WhereFilter:
    """``["NAME=VALUE", ...]`` -> ``((NAME, (VALUE, ...)), ...)`` in first-seen order; values
    of one name are alternatives (OR), names are combined with AND. Malformed pairs are
    dropped (the URL is never trusted); :func:`where_pairs` raises instead for the CLI."""
    grouped: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name or not value.strip():
            continue
        if name not in grouped and len(grouped) >= MAX_WHERE_NAMES:
            continue
        values = grouped.setdefault(name, [])
        if value.strip() not in values:
            values.append(value.strip())
    return tuple((name, tuple(values)) for name, values in grouped.items())


def _parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
