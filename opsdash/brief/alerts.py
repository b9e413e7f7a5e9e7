"""Alert rules (告警规则) on the brief's metrics, evaluated for the brief's day and sent with it.

A rule names a metric of :data:`opsdash.brief.series.METRICS`, optionally for one segment
(``NAME=VALUE`` of a users field or user property: channel, platform, region, level or a
property), a condition, and a channel (none: every channel):

- ``anomaly``: the day is outside its expected band (:mod:`opsdash.brief.detector`);
- ``above`` / ``below``: the day's value is above / below ``threshold``;
- ``change``: the day's value differs from the previous day's by more than ``threshold``
  (a share: 0.2 = 20%) either way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.brief import series
from opsdash.brief.report import Brief, BriefMetric, build_brief
from opsdash.errors import UserError
from opsdash.filters import Filters, parse_where
from opsdash.models import AlertRule
from opsdash.timeutil import utc_now

RULES = AlertRule.__table__
CONDITIONS = ("anomaly", "above", "below", "change")
SEGMENT_FIELDS = {"channel": "channels", "platform": "platforms", "region": "regions"}


@dataclass(frozen=True)
class Rule:
    id: int
    metric: str
    condition: str
    threshold: float | None
    segment: str | None
    channel: str | None


@dataclass(frozen=True)
class Triggered:
    """A rule that fired on the day: the metric's ``value`` and, for ``change``, the
    ``previous`` day's."""

    rule: Rule
    value: float | None
    previous: float | None = None


def _segment_filters(base: Filters, segment: str | None) -> Filters:
    if not segment:
        return base
    name, _, value = segment.partition("=")
    if name in SEGMENT_FIELDS:
        return replace(base, **{SEGMENT_FIELDS[name]: (value,)})
    return replace(base, where=parse_where([segment]))


def add_rule(
    engine: Engine,
    *,
    metric: str,
    condition: str,
    threshold: float | None = None,
    segment: str | None = None,
    channel: str | None = None,
    created_by: str | None = None,
) -> int:
    """Add a rule (module docstring); its id. UserError for an unknown metric, condition,
    segment name or channel, or a missing threshold."""
    from opsdash.metrics.breakdowns import validate_user_filters
    from opsdash.notify.channels import get_channel

    if metric not in series.METRICS:
        raise UserError(f"unknown metric {metric!r}; choose one of: {', '.join(series.METRICS)}")
    if condition not in CONDITIONS:
        raise UserError(f"unknown condition {condition!r}; choose one of: {', '.join(CONDITIONS)}")
    if condition != "anomaly" and threshold is None:
        raise UserError(f"the condition {condition!r} needs a threshold", code="alert_threshold")
    if condition == "change" and threshold is not None and threshold <= 0:
        raise UserError(
            "a change threshold is a share above 0 (0.2 = 20%)", code="alert_change_threshold"
        )
    if segment:
        name, sep, value = segment.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UserError(f"a segment is NAME=VALUE, not {segment!r}", code="alert_segment_form")
        segment = f"{name.strip()}={value.strip()}"
        if metric == "content_views":
            raise UserError(
                "content views are not per user: no segment", code="alert_content_segment"
            )
        validate_user_filters(engine, _segment_filters(Filters(dt.date.min, dt.date.min), segment))
    if channel:
        get_channel(engine, channel)
    with engine.begin() as conn:
        result = conn.execute(
            sa.insert(RULES).values(
                metric=metric,
                condition=condition,
                threshold=None if condition == "anomaly" else float(threshold),
                segment=segment or None,
                channel=channel or None,
                created_by=created_by,
                created_at=utc_now(),
            )
        )
        return int(result.inserted_primary_key[0])


def list_rules(engine: Engine) -> list[Rule]:
    query = sa.select(
        RULES.c.id,
        RULES.c.metric,
        RULES.c.condition,
        RULES.c.threshold,
        RULES.c.segment,
        RULES.c.channel,
    ).order_by(RULES.c.id)
    with engine.connect() as conn:
        return [Rule(*row) for row in conn.execute(query)]


def remove_rule(engine: Engine, rule_id: int) -> None:
    with engine.begin() as conn:
        if not conn.execute(sa.delete(RULES).where(RULES.c.id == rule_id)).rowcount:
            raise UserError(f"no alert rule {rule_id} (see: opsdash alert list)")


def _fires(rule: Rule, item: BriefMetric) -> Triggered | None:
    j = item.judgement
    if j.value is None:
        return None
    if rule.condition == "anomaly":
        return Triggered(rule, j.value) if j.anomaly else None
    if rule.condition == "above":
        return Triggered(rule, j.value) if j.value > rule.threshold else None
    if rule.condition == "below":
        return Triggered(rule, j.value) if j.value < rule.threshold else None
    previous = item.history["value"].iloc[-2] if len(item.history) > 1 else None
    if previous is None or previous != previous or not previous:  # None, NaN or 0
        return None
    if abs(j.value / previous - 1.0) > rule.threshold:
        return Triggered(rule, j.value, float(previous))
    return None


def evaluate(engine: Engine, brief: Brief, rules: list[Rule]) -> list[Triggered]:
    """The rules that fire on the brief's day (a segment rule computes that segment's
    brief)."""
    briefs: dict[str | None, Brief] = {None: brief}
    fired = []
    for rule in rules:
        if rule.segment not in briefs:
            filters = _segment_filters(Filters(start=brief.day, end=brief.day), rule.segment)
            briefs[rule.segment] = build_brief(engine, filters=filters)
        item = next((m for m in briefs[rule.segment].metrics if m.metric == rule.metric), None)
        hit = _fires(rule, item) if item is not None else None
        if hit is not None:
            fired.append(hit)
    return fired
