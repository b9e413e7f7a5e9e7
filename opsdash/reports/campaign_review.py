"""The one-click campaign review (活动复盘) report: Markdown or a self-contained HTML file with
the charts embedded as PNG images, ready to paste into a weekly review.

Every piece of stored text (campaign names, channels ...) is escaped: HTML-escaped in the HTML
report, Markdown- and HTML-escaped in the Markdown report, so a name like ``<script>`` or
``[x](javascript:...)`` stays inert text."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from dataclasses import dataclass

import altair as alt
import pandas as pd

from opsdash.charts import activities as charts
from opsdash.formatting import format_money, format_number, format_percent
from opsdash.i18n import translate
from opsdash.metrics.activities import CampaignReview
from opsdash.timeutil import utc_now

REPORT_WIDTH = 720
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


@dataclass(frozen=True)
class ReviewImage:
    """One chart of the report as PNG bytes."""

    title: str
    png: bytes


def markdown_text(value: object) -> str:
    """``value`` as inert Markdown text: HTML entities for & < >, a backslash before the
    characters that start emphasis, code, links, tables or strikethrough (\\ ` * _ [ ] | ~),
    line breaks as spaces."""
    text = html.escape(str(value), quote=False).replace("\r", " ").replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def chart_png(chart: alt.TopLevelMixin, *, width: int = REPORT_WIDTH) -> bytes:
    """A chart as PNG (vl-convert), at a fixed width (reports have no container)."""
    import vl_convert

    spec = chart.properties(width=width).to_dict()
    return vl_convert.vegalite_to_png(spec, scale=2)


def review_images(review: CampaignReview, *, language: str) -> list[ReviewImage]:
    """The report's charts (goal metric by day, retention during vs outside) as PNG; empty
    when the review has no data to draw."""
    images = []
    metric_title = translate(f"activities.metric.{review.metric}", language)
    if not review.series.empty:
        title = translate("activities.review.chart_title", language, metric=metric_title)
        parts = {
            part: translate(f"activities.review.part.{part}", language)
            for part in ("campaign", "previous", "same_weekdays", "other")
        }
        chart = charts.review_chart(
            review.series, title=title, metric_title=metric_title, part_labels=parts
        )
        images.append(ReviewImage(title, chart_png(chart)))
    frame = retention_frame(review, language=language)
    if not frame.empty and frame["rate"].notna().any():
        title = translate("activities.review.retention.title", language)
        images.append(ReviewImage(title, chart_png(charts.retention_chart(frame, title=title))))
    return images


def retention_frame(review: CampaignReview, *, language: str) -> pd.DataFrame:
    """Rows label (D1, D7), cohort (during/outside, translated), users, retained, rate."""
    rows = []
    for during, outside in review.retention:
        label = translate("activities.review.retention.day", language, day=during.day)
        for key, rate in (("during", during), ("outside", outside)):
            rows.append(
                {
                    "label": label,
                    "cohort": translate(f"activities.review.retention.{key}", language),
                    "users": rate.users,
                    "retained": rate.retained,
                    "rate": rate.rate,
                }
            )
    return pd.DataFrame(rows, columns=["label", "cohort", "users", "retained", "rate"])


# ---------------------------------------------------------------- the report's content


def _results_rows(review: CampaignReview, *, language: str, symbol: str) -> list[tuple[str, str]]:
    results = review.results

    def label(name: str) -> str:
        return translate(f"activities.col.{name}", language)

    numbers = ("impressions", "clicks", "participants", "new_users", "conversions")
    rows = [(label(name), format_number(results.get(name))) for name in numbers]
    rows += [
        (label("ctr"), format_percent(results.get("ctr"), decimals=2)),
        (label("conversion_rate"), format_percent(results.get("conversion_rate"), decimals=2)),
        (label("cost"), format_money(results.get("cost"), symbol=symbol)),
        (label("cpa"), format_money(results.get("cpa"), symbol=symbol)),
        (label("revenue"), format_money(results.get("revenue"), symbol=symbol)),
        (label("roas"), format_number(results.get("roas"), decimals=2)),
        (label("roi"), format_percent(results.get("roi"))),
        (label("budget"), format_money(results.get("budget"), symbol=symbol)),
        (label("budget_used"), format_percent(results.get("budget_used"))),
    ]
    return rows


def _lift_rows(review: CampaignReview, *, language: str) -> tuple[list[str], list[list[str]]]:
    header = [
        translate("activities.review.baseline", language),
        translate("activities.review.window", language),
        translate("activities.review.mean_during", language),
        translate("activities.review.mean_baseline", language),
        translate("activities.review.lift", language),
        translate("activities.review.ci", language),
        translate("activities.review.p_value", language),
    ]
    rows = []
    for baseline in review.baselines:
        result = baseline.result
        interval = "–"
        if result.lift_low is not None and result.lift_high is not None:
            interval = f"{format_percent(result.lift_low)} → {format_percent(result.lift_high)}"
        window = "–"
        if baseline.start is not None:
            window = f"{baseline.start.isoformat()} → {baseline.end.isoformat()}"
        p_value = "–" if result.p_value is None else f"{result.p_value:.4f}"
        rows.append(
            [
                translate(f"activities.review.baseline.{baseline.kind}", language),
                window,
                format_number(result.mean_during, decimals=1),
                format_number(result.mean_baseline, decimals=1),
                format_percent(result.lift),
                interval,
                p_value,
            ]
        )
    return header, rows


def _notes(review: CampaignReview, *, language: str) -> list[str]:
    notes = []
    for baseline in review.baselines:
        if baseline.result.error:
            notes.append(translate(f"activities.review.error.{baseline.result.error}", language))
    return list(dict.fromkeys(notes))


def _retention_rows(review: CampaignReview, *, language: str) -> tuple[list[str], list[list[str]]]:
    frame = retention_frame(review, language=language)
    header = [
        "",
        "",
        translate("activities.review.retention.users", language),
        translate("activities.review.retention.retained", language),
        translate("activities.review.retention.rate", language),
    ]
    rows = [
        [row.label, row.cohort, format_number(row.users), format_number(row.retained),
         format_percent(row.rate)]
        for row in frame.itertuples(index=False)
    ]  # fmt: skip
    return header, rows


def _definitions(language: str) -> list[str]:
    keys = ("status", "ctr", "conversion_rate", "cpa", "roas", "roi", "budget_used", "zero")
    return [translate(f"activities.help.{key}", language) for key in keys] + [
        translate("activities.timeline.help", language),
        translate("activities.review.method", language),
        translate("activities.review.retention.help", language),
    ]


def _facts(review: CampaignReview, *, language: str) -> list[tuple[str, str]]:
    goal = review.goal or "–"
    if review.goal in ("acquisition", "activation", "retention", "conversion", "brand"):
        goal = translate(f"activities.goal.{review.goal}", language)
    dates = f"{_day(review.start)} → {_day(review.end)}"
    return [
        (translate("activities.col.campaign_id", language), review.campaign_id),
        (translate("activities.col.goal", language), goal),
        (translate("activities.col.channel", language), review.channel or "–"),
        (translate("activities.review.window", language), dates),
        (
            translate("activities.col.status", language),
            translate(f"activities.status.{review.status}", language),
        ),
    ]


def _day(value: dt.date | None) -> str:
    return "–" if value is None else value.isoformat()


def _title(review: CampaignReview, language: str) -> str:
    return translate(
        "activities.review.report_title", language, name=review.name or review.campaign_id
    )


def _generated(review: CampaignReview, language: str) -> str:
    return translate(
        "activities.review.report_generated",
        language,
        when=utc_now().strftime("%Y-%m-%d %H:%M"),
        as_of=_day(review.window_end),
    )


# ---------------------------------------------------------------- Markdown


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = [
        "| " + " | ".join(markdown_text(h) for h in header) + " |",
        "|" + "---|" * len(header),
    ]
    lines += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows]
    return lines


def review_markdown(
    review: CampaignReview,
    *,
    language: str,
    currency_symbol: str = "¥",
    images: list[ReviewImage] | None = None,
) -> str:
    """The review as Markdown; ``images`` are embedded as ``data:image/png;base64`` images."""
    t = lambda key, **values: translate(key, language, **values)  # noqa: E731
    metric = t(f"activities.metric.{review.metric}")
    lines = [
        f"# {markdown_text(_title(review, language))}",
        "",
        markdown_text(_generated(review, language)),
        "",
    ]
    lines += _md_table(
        [t("activities.review.metric"), t("activities.review.value")],
        [list(pair) for pair in _facts(review, language=language)],
    )
    lines += ["", f"## {markdown_text(t('activities.review.report_results'))}", ""]
    lines += _md_table(
        [t("activities.review.metric"), t("activities.review.value")],
        [list(pair) for pair in _results_rows(review, language=language, symbol=currency_symbol)],
    )
    lines += ["", f"## {markdown_text(t('activities.review.report_goal', metric=metric))}", ""]
    header, rows = _lift_rows(review, language=language)
    lines += _md_table(header, rows)
    lines += [""] + [f"> {markdown_text(note)}" for note in _notes(review, language=language)]
    header, rows = _retention_rows(review, language=language)
    lines += ["", f"## {markdown_text(t('activities.review.retention.title'))}", ""]
    if review.retention_channel:
        lines += [
            markdown_text(
                t("activities.review.retention.channel", channel=review.retention_channel)
            ),
            "",
        ]
    lines += _md_table(header, rows)
    for image in images or []:
        encoded = base64.b64encode(image.png).decode("ascii")
        lines += ["", f"![{markdown_text(image.title)}](data:image/png;base64,{encoded})"]
    lines += ["", f"## {markdown_text(t('activities.review.report_definitions'))}", ""]
    lines += [f"- {markdown_text(text)}" for text in _definitions(language)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- HTML

_STYLE = """
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",Helvetica,Arial,sans-serif;
max-width:820px;margin:24px auto;padding:0 16px;color:#0f172a;line-height:1.5}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #e2e8f0;
padding:4px 10px;text-align:left}th{background:#f8fafc}img{max-width:100%}
.note{color:#475569;font-size:0.9em}
"""


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def review_html(
    review: CampaignReview,
    *,
    language: str,
    currency_symbol: str = "¥",
    images: list[ReviewImage] | None = None,
) -> str:
    """The review as one self-contained HTML page (images inline); all text escaped."""
    t = lambda key, **values: translate(key, language, **values)  # noqa: E731
    e = html.escape
    metric = t(f"activities.metric.{review.metric}")
    pair_header = [t("activities.review.metric"), t("activities.review.value")]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if language == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{e(_title(review, language))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(_title(review, language))}</h1>",
        f'<p class="note">{e(_generated(review, language))}</p>',
        _html_table(pair_header, [list(p) for p in _facts(review, language=language)]),
        f"<h2>{e(t('activities.review.report_results'))}</h2>",
        _html_table(
            pair_header,
            [list(p) for p in _results_rows(review, language=language, symbol=currency_symbol)],
        ),
        f"<h2>{e(t('activities.review.report_goal', metric=metric))}</h2>",
        _html_table(*_lift_rows(review, language=language)),
        *(f'<p class="note">{e(note)}</p>' for note in _notes(review, language=language)),
        f"<h2>{e(t('activities.review.retention.title'))}</h2>",
    ]
    if review.retention_channel:
        channel_note = t("activities.review.retention.channel", channel=review.retention_channel)
        parts.append(f'<p class="note">{e(channel_note)}</p>')
    parts.append(_html_table(*_retention_rows(review, language=language)))
    for image in images or []:
        encoded = base64.b64encode(image.png).decode("ascii")
        parts.append(f'<p><img alt="{e(image.title)}" src="data:image/png;base64,{encoded}"></p>')
    parts.append(f"<h2>{e(t('activities.review.report_definitions'))}</h2><ul>")
    parts += [f"<li>{e(text)}</li>" for text in _definitions(language)]
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def build_review_files(
    review: CampaignReview, *, language: str, currency_symbol: str = "¥"
) -> dict[str, bytes]:
    """Both downloads, ready for a download button: {"md": ..., "html": ...} as UTF-8 bytes.
    If the charts cannot be rendered (no renderer), the reports are made without them."""
    try:
        images = review_images(review, language=language)
    except Exception:  # a missing or failing PNG renderer must not block the report
        images = []
    markdown = review_markdown(
        review, language=language, currency_symbol=currency_symbol, images=images
    )
    page = review_html(review, language=language, currency_symbol=currency_symbol, images=images)
    return {"md": markdown.encode("utf-8"), "html": page.encode("utf-8")}


def review_file_name(review: CampaignReview, extension: str) -> str:
    """A safe file name: campaign-review-<id>.<extension>, the id reduced to [A-Za-z0-9_-]."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", review.campaign_id)[:60] or "campaign"
    return f"campaign-review-{safe}.{extension}"


def campaign_review_files(
    engine, *, campaign_id: str, filters, language: str, currency_symbol: str = "¥"
) -> dict[str, bytes] | None:
    """The review of ``campaign_id`` (see
    :func:`opsdash.metrics.activities.campaign_review`) as downloadable files
    {"md": ..., "html": ...}; None when there is no such campaign. Engine first, so pages can
    cache it on the data version."""
    from opsdash.metrics.activities import campaign_review

    review = campaign_review(engine, campaign_id=campaign_id, filters=filters)
    if review is None:
        return None
    return build_review_files(review, language=language, currency_symbol=currency_symbol)
