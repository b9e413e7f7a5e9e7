"""The Content page's report: the parts the page draws and ``opsdash report content`` prints
(see :mod:`opsdash.reports.parts`). Definitions live in :mod:`opsdash.metrics.content`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.jsonready import json_records
from opsdash.metrics import content as metrics
from opsdash.reports.parts import Part, check_choice, run_parts

PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class ContentSettings:
    """The Content page's own choices; every default is what a first visit shows.

    ``period``: the trend's grouping; ``search``: the top-content search text (None: none);
    ``item``: the drill-down's content_id (None: the most viewed item of the top list)."""

    period: str = "day"
    search: str | None = None
    item: str | None = None

    def checked(self) -> ContentSettings:
        check_choice("period", self.period, PERIODS)
        return self


def plan(engine: Engine, *, filters: Filters, settings: ContentSettings) -> dict[str, Part]:
    """Every call whose result the Content page shows, but the drill-down curve, which needs
    the top list first (:func:`curve_part`)."""
    previous = filters.previous()
    return {
        "totals": Part(metrics.content_totals, {"filters": filters}),
        "previous_totals": Part(metrics.content_totals, {"filters": previous}),
        "daily": Part(metrics.content_series, {"filters": filters, "period": "day"}),
        "trend": Part(metrics.content_series, {"filters": filters, "period": settings.period}),
        "top": Part(
            metrics.top_content,
            {
                "filters": filters,
                "search": (settings.search or "").strip() or None,
                "limit": metrics.TOP_LIMIT,
            },
        ),
        **{
            f"by_{by}": Part(metrics.content_breakdown, {"filters": filters, "by": by})
            for by in metrics.BREAKDOWNS
        },
        "decay": Part(metrics.content_decay, {"filters": filters}),
        "cadence": Part(metrics.publishing_cadence, {"filters": filters}),
    }


def curve_part(top, item: str | None) -> Part | None:
    """The drill-down: ``item`` when the top list has it, else the list's first item."""
    ids = top["content_id"].tolist()
    if not ids:
        return None
    chosen = item if item in ids else ids[0]
    return Part(metrics.content_curve, {"content_id": chosen})


def build_report(engine: Engine, *, filters: Filters, settings: ContentSettings) -> dict:
    """What the Content page shows, JSON-ready (``opsdash report content --json``): the keys
    of :func:`opsdash.metrics.content.build_report` (``series`` grouped by the trend's
    period, ``top_content`` with the search), plus ``settings`` (``item`` filled in) and
    ``curve`` (the drill-down item's daily views since publication; null without items)."""
    settings = settings.checked()
    parts = plan(engine, filters=filters, settings=settings)
    got = run_parts(engine, parts)
    curve = curve_part(got["top"], settings.item)
    payload = metrics.report_payload(
        filters=filters,
        period=settings.period,
        totals=got["totals"],
        previous_totals=got["previous_totals"],
        series=got["trend"],
        top=got["top"],
        breakdowns={by: got[f"by_{by}"] for by in metrics.BREAKDOWNS},
        decay=got["decay"],
        cadence=got["cadence"],
    )
    chosen = None if curve is None else curve.kwargs["content_id"]
    payload["settings"] = {**asdict(settings), "item": chosen}
    payload["curve"] = None if curve is None else json_records(curve.run(engine))
    return payload
