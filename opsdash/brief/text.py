"""The brief as text in a language: one line per metric, drivers under anomalies. Used by the
CLI's text output and the push messages (markdown) and the Overview (labels)."""

from __future__ import annotations

from dataclasses import dataclass

from opsdash.brief.drivers import Driver
from opsdash.brief.report import Brief, BriefMetric, needed_per_day
from opsdash.formatting import DASH, format_compact, format_money, format_number, format_percent
from opsdash.i18n import translate
from opsdash.metrics import overview as overview_metrics


def format_value(kind: str, value: float | None, *, language: str, symbol: str = "¥") -> str:
    """A brief number: money with the currency symbol, rates as percentages, counts in full
    (万/亿 in Chinese, K/M in English from a million on)."""
    if kind == "money":
        return format_money(value, symbol=symbol)
    if kind == "percent":
        return format_percent(value)
    if value is None:
        return DASH
    if abs(value) >= 1e6:
        return format_compact(value, language=language)
    return format_number(value, decimals=0 if float(value).is_integer() else 1)


def format_signed_percent(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:+.1f}%"


def dimension_label(dimension: str, language: str) -> str:
    """A dimension's name: the catalog's for users and content columns, a user property's own
    name otherwise."""
    key = f"brief.dimension.{dimension}"
    text = translate(key, language)
    return dimension if text == key else text


def driver_text(driver: Driver, direction: str | None, language: str) -> str:
    value = translate("brief.unknown", language) if driver.value is None else str(driver.value)
    values = {
        "dimension": dimension_label(driver.dimension, language),
        "value": value,
        "share": format_percent(driver.share, decimals=0),
    }
    if driver.effect:
        return translate(f"brief.driver.{driver.effect}", language, **values)
    change = translate(f"brief.change.{direction or 'down'}", language)
    return translate("brief.driver", language, direction=change, **values)


def metric_line(item: BriefMetric, language: str, *, symbol: str = "¥") -> str:
    j = item.judgement
    name = translate(f"brief.metric.{item.metric}", language)
    value = format_value(item.kind, j.value, language=language, symbol=symbol)
    if j.expected is None:
        return translate("brief.line.nohistory", language, metric=name, value=value)
    return translate(
        "brief.line",
        language,
        metric=name,
        value=value,
        expected=format_value(item.kind, j.expected, language=language, symbol=symbol),
        change=format_signed_percent(item.change),
    )


@dataclass(frozen=True)
class Message:
    """A brief as a message: ``title``, ``markdown`` (chat robots) and ``text`` (plain)."""

    title: str
    markdown: str
    text: str


def brief_message(
    brief: Brief, language: str, *, symbol: str = "¥", alerts: tuple[str, ...] = ()
) -> Message:
    """The brief as a chat / e-mail message: title with the day, the anomalies with their top
    three drivers, the other metrics in one line each, the targets, then ``alerts``."""
    title = translate("brief.message.title", language, date=brief.day.isoformat())
    md = [f"### {title}"]
    plain = [title, ""]
    anomalies = brief.anomalies
    if not brief.metrics:
        md.append(translate("brief.empty", language))
        plain.append(translate("brief.empty", language))
    elif not anomalies:
        md.append(translate("brief.none", language))
        plain.append(translate("brief.none", language))
    else:
        summary = translate("brief.message.summary", language, count=len(anomalies))
        md.append(f"**{summary}**")
        plain.append(summary)
    for item in anomalies:
        line = metric_line(item, language, symbol=symbol)
        mark = "🔻" if item.judgement.direction == "down" else "🔺"
        md.append(f"- {mark} **{line}**")
        plain.append(f"* {line}")
        for driver in item.drivers[:3]:
            text = driver_text(driver, item.judgement.direction, language)
            md.append(f"  - {text}")
            plain.append(f"    - {text}")
    others = [item for item in brief.metrics if not item.judgement.anomaly]
    if others:
        md.append("")
        plain.append("")
        for item in others:
            line = metric_line(item, language, symbol=symbol)
            md.append(f"- {line}")
            plain.append(f"  {line}")
    for row in brief.targets:
        line = translate(
            "brief.targets",
            language,
            metric=translate(f"overview.metric.{row.metric}", language),
            progress=format_percent(row.progress),
            pace=format_percent(row.pace),
        )
        needed = needed_per_day(row)
        if needed is not None:
            kind = overview_metrics.KEY_METRICS[row.metric][0]
            line += translate(
                "brief.targets.needed",
                language,
                needed=format_value(kind, needed, language=language, symbol=symbol),
            )
        md.append(f"- {line}")
        plain.append(f"  {line}")
    if alerts:
        heading = translate("brief.message.alerts", language)
        md += ["", f"**{heading}**", *[f"- {a}" for a in alerts]]
        plain += ["", heading, *[f"  {a}" for a in alerts]]
    return Message(title=title, markdown="\n".join(md), text="\n".join(plain))


def alert_text(hit, language: str, *, symbol: str = "¥") -> str:
    """A triggered alert rule (:class:`opsdash.brief.alerts.Triggered`) as one line."""
    rule = hit.rule
    kind = series_kind(rule.metric)
    threshold = rule.threshold
    values = {
        "metric": translate(f"brief.metric.{rule.metric}", language),
        "segment": f" ({rule.segment})" if rule.segment else "",
        "value": format_value(kind, hit.value, language=language, symbol=symbol),
    }
    if rule.condition in ("above", "below"):
        values["threshold"] = format_value(kind, threshold, language=language, symbol=symbol)
    if rule.condition == "change":
        values["threshold"] = format_percent(threshold, decimals=0)
        values["previous"] = format_value(kind, hit.previous, language=language, symbol=symbol)
        values["change"] = format_signed_percent(hit.value / hit.previous - 1.0)
    return translate(f"brief.alert.{rule.condition}", language, **values)


def series_kind(metric: str) -> str:
    from opsdash.brief.series import KINDS

    return KINDS.get(metric, "number")
