"""Does a stats file hold daily numbers or snapshots of lifetime totals?

``content_stats`` and ``campaign_stats`` exports come both ways: WeChat-style daily numbers,
or bilibili/Medium-style lifetime totals scraped on several days. Metrics difference snapshot
rows (:mod:`opsdash.metrics.snapshots`), so the import must know which it is.

Detection rule (:func:`detect_snapshots`): look at every *item* (content_stats: content_id;
campaign_stats: campaign_id + ad_id) that has rows on two or more dates, and at every *step*
(two consecutive dates of one item) of every counter the file has. The file looks like
snapshots when

- at least one item has two or more dates and at least one step goes up, and
- at most :data:`TOLERANCE` (1 %) of the steps go down.

The 1 % tolerance allows the rare corrections platforms make to lifetime totals (removed
likes, filtered fraudulent clicks); daily numbers go down on roughly half of the steps, so a
daily file is far from it. A file with one date per item (a single export) cannot be told
apart and is read as daily numbers unless the user says otherwise.

The choice (``--cumulative yes|no|auto`` on the CLI, a yes/no on the Data page) always wins
over the detection; ``auto`` uses the detection unless the file has its own ``cumulative``
column (or the mapping sets one), which then decides per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

TOLERANCE = 0.01
"""Largest share of decreasing steps a snapshot file may have."""
ITEMS: dict[str, tuple[str, ...]] = {
    "content_stats": ("content_id",),
    "campaign_stats": ("campaign_id", "ad_id"),
}
COUNTERS: dict[str, tuple[str, ...]] = {
    "content_stats": (
        "views",
        "readers",
        "likes",
        "comments",
        "shares",
        "favorites",
        "followers_gained",
    ),
    "campaign_stats": (
        "impressions",
        "clicks",
        "participants",
        "new_users",
        "conversions",
        "cost",
        "revenue",
    ),
}
Choice = Literal["auto", "yes", "no"]
CHOICES: tuple[Choice, ...] = ("auto", "yes", "no")


def has_snapshots(kind: str) -> bool:
    """Whether rows of ``kind`` may be snapshots of lifetime totals."""
    return kind in ITEMS


@dataclass(frozen=True)
class SnapshotCheck:
    """What :func:`detect_snapshots` saw: ``items`` with two or more dates, ``steps``
    (consecutive dates of one item, per counter, both values present), how many of them go
    ``up`` and ``down``, and the verdict ``detected``."""

    items: int
    steps: int
    up: int
    down: int
    detected: bool

    def to_dict(self) -> dict:
        return {
            "items": self.items,
            "steps": self.steps,
            "up": self.up,
            "down": self.down,
            "detected": self.detected,
        }


def detect_snapshots(rows: pd.DataFrame, kind: str, counters: list[str]) -> SnapshotCheck:
    """The :class:`SnapshotCheck` of typed ``rows`` of ``kind`` for the given counter columns
    (those the file has); see the module docstring for the rule."""
    item = list(ITEMS[kind])
    counters = [c for c in counters if c in rows]
    if not counters or not set(item) | {"date"} <= set(rows.columns):
        return SnapshotCheck(0, 0, 0, 0, False)
    frame = rows[[*item, "date", *counters]].dropna(subset=[*item, "date"])
    frame = frame.drop_duplicates([*item, "date"]).sort_values([*item, "date"], kind="stable")
    groups = frame.groupby(item, sort=False, dropna=False)
    sizes = groups["date"].transform("size")
    items = int(groups.ngroups - (groups.size() < 2).sum()) if len(frame) else 0
    up = down = steps = 0
    for counter in counters:
        values = pd.to_numeric(frame[counter], errors="coerce").astype(float)
        change = values - values.groupby([frame[c] for c in item], sort=False).shift()
        change = change[sizes >= 2].dropna()
        steps += len(change)
        up += int((change > 0).sum())
        down += int((change < 0).sum())
    detected = items > 0 and up > 0 and down <= TOLERANCE * steps
    return SnapshotCheck(items=items, steps=steps, up=up, down=down, detected=detected)


def parse_choice(value: str | bool | None) -> Choice:
    """``auto``, ``yes`` or ``no`` from an option value (True/False accepted)."""
    if value is None:
        return "auto"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value).strip().lower()
    if text in CHOICES:
        return text  # type: ignore[return-value]
    raise ValueError(f"cumulative must be one of {', '.join(CHOICES)}, not {value!r}")
