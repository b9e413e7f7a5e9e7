"""What a page shows, as text: every label, message, help, placeholder, table header and cell,
chart title, axis, legend and tooltip title of an AppTest run; and the checks the language
walk (test_language_walk.py) applies to it."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterator

import pandas as pd
from google.protobuf.json_format import MessageToDict

# Proto fields that hold text the user reads.
TEXT_KEYS = {
    "label",
    "body",
    "help",
    "placeholder",
    "options",
    "delta",
    "deltaDescription",
    "caption",
    "text",
    "title",
}
MISSING_WORDS = re.compile(r"(?<![\w/])(None|nan|NaN|NaT|<NA>|null|undefined)(?![\w/])")
# Metric and format names ops people use, units, product names, and the Streamlit
# leftovers listed in docs/i18n.md.
ALLOWED_ENGLISH = {
    "DAU",
    "WAU",
    "MAU",
    "ARPU",
    "ARPPU",
    "CPA",
    "CPC",
    "CPM",
    "CTR",
    "CVR",
    "ROI",
    "ROAS",
    "GMV",
    "LTV",
    "RFM",
    "NPS",
    "CSAT",
    "SRM",
    "KPI",
    "UV",
    "PV",
    "ID",
    "IDs",
    "CSV",
    "UTF",
    "BOM",
    "GBK",
    "GB18030",
    "URL",
    "SQL",
    "SQLite",
    "PostgreSQL",
    "Excel",
    "WPS",
    "opsdash",
    "Language",  # the language picker's label is bilingual on purpose
    "English",
    "YYYY",
    "MM",
    "DD",
    "HH",
    "pp",
    "CI",
    "MAD",
    "WeCom",
    "DingTalk",
    "Feishu",
    "webhook",
    "Webhook",
    "Slack",  # a product name (webhook compatible with Slack)
    # what users type: field names in NAME=VALUE segment syntax, commands and doc paths
    "channel",
    "platform",
    "region",
    "level",
    "brief",
    "send",
    "docs",
    "md",
    "ops",  # the test's channel name ops-wecom (user data)
    "SMTP",
    "jieba",
    "SnowNLP",
    "Markdown",
    "JSON",
    "API",
    "Bayes",
    "delta",  # the delta method (统计学的 delta 方法)
    "Katz",
    "mSPRT",
    "Amplitude",
    "PostHog",
    "GrowthBook",
    "Optimizely",
    "Statsig",
    "Welch",
    "Wilson",
    "Wald",
    "CUPED",
    "MDE",
    "Newcombe",
    "Benjamini",
    "Hochberg",
    "Holm",
    "Bonferroni",
    "Poisson",
    "Beta",
    "UTC",
    "Asia",
    "Shanghai",
    "GMT",
    "PNG",
    "JPEG",
    "GIF",
    "PDF",
    "ZIP",
    "HTML",
    "XLSX",
    "xlsx",
    "xls",
    "csv",
    "tsv",
    "txt",
    "MB",
    "KB",
    "GB",
    "Top",
    "TOP",
    "vs",
    "App",
    "iOS",
    "ios",
    "android",
    "Android",
    "web",
    "admin",
    "viewer",
    "analyst",
}
CODE = re.compile(r"\b[A-Za-z]\w*(?:[_.]\w+)+\b|--[a-z-]+")
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
NOISE = (
    re.compile(r":material/[a-z_]+:"),
    re.compile(r":[a-z-]+\["),  # Markdown directives: ":orange[▲]", ":gray-badge[…]"
    re.compile(r"https?://\S+"),
    re.compile(r"⟪\w+⟫"),
    re.compile(r"`[^`]*`"),  # code: field and column names the user types in a file
    re.compile(r"\{[^{}]*\}"),
    re.compile(r"\b[\w.+-]+@[\w.-]+\b"),
)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _proto_texts(proto) -> Iterator[str]:
    data = MessageToDict(proto)

    def visit(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in TEXT_KEYS:
                    yield from _strings(value)
                elif isinstance(value, (dict, list)):
                    yield from visit(value)
        elif isinstance(node, list):
            for item in node:
                yield from visit(item)

    yield from visit(data)


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def _table_texts(element) -> Iterator[str]:
    from streamlit import dataframe_util

    frame = element.value
    styled = element.proto.arrow_data.styler.display_values
    if styled:  # what a Styler made the cells show
        shown = dataframe_util.convert_arrow_bytes_to_pandas_df(styled)
        shown.columns = frame.columns
        frame = shown
    config = json.loads(element.proto.columns or "{}") if element.proto.columns else {}
    labels = {}
    for name, column in config.items():
        if not isinstance(column, dict):
            continue
        if column.get("hidden"):
            labels[name] = None
        elif column.get("label"):
            labels[name] = column["label"]
    for name in frame.columns:
        shown = labels.get(str(name), str(name))
        if shown is None:
            continue
        yield f"[column] {shown}"
        for cell in frame[name].tolist():
            yield f"<<None>> in column {shown}" if _is_missing(cell) else str(cell)


def _chart_texts(spec: dict) -> Iterator[str]:
    """Titles a Vega-Lite chart draws: its title, axis/legend titles (a field's name when no
    title is given, unless a layer next to it names the shared axis) and tooltip titles."""

    def title_of(channel: dict) -> object:
        for holder in (channel, channel.get("axis") or {}, channel.get("legend") or {}):
            if "title" in holder:
                return holder["title"]
        return _UNTITLED

    def titled(encoding: dict) -> set[str]:
        return {
            name
            for name, channel in encoding.items()
            if isinstance(channel, dict) and title_of(channel) is not _UNTITLED
        }

    def visit(node: object, siblings: set[str]) -> Iterator[str]:
        if isinstance(node, list):
            for item in node:
                yield from visit(item, siblings)
            return
        if not isinstance(node, dict):
            return
        title = node.get("title")
        if isinstance(title, dict):
            yield from _strings(title.get("text"))
        elif isinstance(title, (str, list)):
            yield from _strings(title)
        encoding = node.get("encoding") if isinstance(node.get("encoding"), dict) else {}
        for name, channel in encoding.items():
            for one in channel if isinstance(channel, list) else [channel]:
                if not isinstance(one, dict) or "field" not in one:
                    continue
                shown = title_of(one)
                hidden = ("axis" in one and one["axis"] is None) or (
                    "legend" in one and one["legend"] is None
                )
                drawn = name in _TITLED_CHANNELS and not hidden
                if shown is _UNTITLED:
                    if drawn and (name == "tooltip" or name not in siblings):
                        yield f"[untitled {name}] {one['field']}"
                elif isinstance(shown, str):
                    yield shown
        if isinstance(node.get("layer"), list):
            names = set(siblings) | titled(encoding)
            for layer in node["layer"]:
                if isinstance(layer, dict) and isinstance(layer.get("encoding"), dict):
                    names |= titled(layer["encoding"])
            yield from visit(node["layer"], names)
        for key in ("hconcat", "vconcat", "concat", "spec"):
            if key in node:
                yield from visit(node[key], siblings)

    yield from visit(spec, set())


_UNTITLED = object()
_TITLED_CHANNELS = {"x", "y", "color", "tooltip", "size", "shape", "opacity", "strokeDash"}


def page_texts(app) -> list[str]:
    """Every text the user reads on the page (and its sidebar), one string each."""
    texts: list[str] = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if children is not None:
            proto = getattr(node, "proto", None)
            if proto is not None and hasattr(proto, "DESCRIPTOR"):
                data = MessageToDict(proto)
                for key in ("expandable", "tab", "popover"):
                    if key in data:
                        texts.extend(_strings(data[key].get("label")))
                if "label" in data:
                    texts.extend(_strings(data["label"]))
            for child in children.values():
                walk(child)
            return
        if node.type in ("dataframe", "arrow_data_frame", "table"):
            texts.extend(_table_texts(node))
            return
        if node.type in ("vega_lite_chart", "arrow_vega_lite_chart"):
            texts.extend(_chart_texts(json.loads(node.proto.spec)))
            return
        if node.type in ("component_instance", "html", "code", "json", "exception"):
            return
        texts.extend(
            f"{text} ⟪{node.type}⟫" if os.environ.get("WALK_DEBUG") else text
            for text in _proto_texts(node.proto)
        )

    walk(app._tree)
    return texts


def missing_words(texts: list[str]) -> list[str]:
    """Texts that show a missing value as a word (None, nan, NaT, <NA>, …)."""
    return [text for text in texts if MISSING_WORDS.search(text)]


def english_words(texts: list[str], *, data_words: set[str]) -> list[tuple[str, str]]:
    """(word, text) for each English word outside the allow-list and the data's own words."""
    found = []
    allowed = {w.lower() for w in ALLOWED_ENGLISH} | {w.lower() for w in data_words}
    for text in texts:
        if text.startswith("<<None>>"):
            continue
        if text.startswith("[untitled"):
            found.append((text.split("] ", 1)[1], text))
            continue
        clean = text.removeprefix("[column] ")
        if clean == text:  # prose: a field code next to its name (signup_date, users.level)
            clean = CODE.sub(" ", clean)
        for pattern in NOISE:
            clean = pattern.sub(" ", clean)
        for word in WORD.findall(clean):
            if word.lower() not in allowed:
                found.append((word, text))
    return found


def store_words(url: str) -> set[str]:
    """Every word in the store's text cells and the default feedback theme keywords (English
    words that match English feedback): the data's own names (channels, titles, …) are not
    UI text."""
    import sqlalchemy as sa

    from opsdash.feedback.themes import DEFAULT_THEMES

    engine = sa.create_engine(url)
    words = {word for theme in DEFAULT_THEMES for k in theme.keywords for word in WORD.findall(k)}
    with engine.connect() as conn:
        for table in sa.inspect(conn).get_table_names():
            if table == "alembic_version":
                continue
            columns = sa.inspect(conn).get_columns(table)
            text_columns = [c["name"] for c in columns if isinstance(c["type"], sa.String)]
            for column in text_columns:
                query = sa.text(f'SELECT DISTINCT "{column}" FROM "{table}" LIMIT 5000')
                for (value,) in conn.execute(query):
                    if isinstance(value, str):
                        words.update(WORD.findall(value))
                        if value.startswith("{"):
                            words.update(WORD.findall(value))
    engine.dispose()
    return words
