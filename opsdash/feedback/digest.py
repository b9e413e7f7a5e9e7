"""The feedback digest for the product team (反馈摘要): themes ranked by volume and change,
with counts, sentiment and three representative quotes each; then the rising keywords.
Markdown (user text escaped, never markup) and a formula-safe CSV (opsdash.export)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from opsdash.export import to_safe_csv
from opsdash.formatting import escape_markdown, format_number, format_percent

Translate = Callable[..., str]


def digest_frame(report, t: Translate) -> pd.DataFrame:
    """One row per theme (ranked as in the report), quotes in their own columns."""
    rows = []
    for rank, theme in enumerate(report.themes, start=1):
        row = {
            t("feedback.digest.rank"): rank,
            t("feedback.digest.theme"): theme.name,
            t("feedback.digest.items"): theme.count,
            t("feedback.digest.previous"): theme.previous,
            t("feedback.digest.change"): None if theme.change is None else round(theme.change, 4),
            t("feedback.digest.negative_share"): None
            if theme.negative_share is None
            else round(theme.negative_share, 4),
        }
        for number in range(3):
            quote = theme.quotes[number] if number < len(theme.quotes) else None
            row[t("feedback.digest.quote", number=number + 1)] = quote
        rows.append(row)
    return pd.DataFrame(rows)


def digest_csv(report, t: Translate) -> bytes:
    return to_safe_csv(digest_frame(report, t))


def digest_markdown(report, t: Translate, *, language: str = "en") -> str:
    """The digest as a Markdown document; every piece of user text is escaped."""

    def number(value) -> str:
        return format_number(value) if value is not None else "–"

    def percent(value) -> str:
        return format_percent(value) if value is not None else "–"

    lines = [
        f"# {t('feedback.digest.title')}",
        "",
        t("feedback.digest.period", start=report.start.isoformat(), end=report.end.isoformat()),
        "",
        f"- {t('feedback.kpi.items')}: {number(report.items)}",
        f"- {t('feedback.kpi.nps')}: "
        + ("–" if report.nps.score is None else format_number(report.nps.score, decimals=1)),
        f"- {t('feedback.kpi.csat')}: {percent(report.csat)}",
        f"- {t('feedback.kpi.positive')}: {percent(report.sentiment['positive'])}",
        f"- {t('feedback.kpi.negative')}: {percent(report.sentiment['negative'])}",
        "",
        f"## {t('feedback.themes.title')}",
        "",
    ]
    for rank, theme in enumerate(report.themes, start=1):
        change = "–" if theme.change is None else f"{theme.change * 100:+.1f}%"
        lines.append(
            f"### {rank}. {escape_markdown(theme.name)}"
            f" — {t('feedback.digest.items')} {number(theme.count)}"
            f" ({t('feedback.digest.change')} {change}),"
            f" {t('feedback.digest.negative_share')} {percent(theme.negative_share)}"
        )
        lines.append("")
        lines.extend(f"> {escape_markdown(quote)}\n" for quote in theme.quotes)
        if not theme.quotes:
            lines.append(t("feedback.digest.no_quotes"))
        lines.append("")
    rising = report.keywords[report.keywords["rising"]] if len(report.keywords) else []
    lines += [f"## {t('feedback.keywords.rising_title')}", ""]
    if len(rising):
        lines.extend(
            f"- {escape_markdown(row.term)}: {number(row.count)} "
            f"({t('feedback.digest.previous')} {number(row.previous)})"
            for row in rising.itertuples(index=False)
        )
    else:
        lines.append(t("feedback.keywords.none_rising"))
    return "\n".join(lines) + "\n"
