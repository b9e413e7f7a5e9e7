"""Page settings in the URL: which of a page's choices a shared link carries, and how they
are written and read back.

Each page declares its shareable settings as :class:`Param` values: the URL parameter, the
session key of the widget that holds it, and its kind. :func:`parse` turns a query string
(each parameter a list of strings) into widget values, dropping anything malformed; the widget
itself then drops a value that is not among its options (the URL is never trusted).
:func:`encode` is the way back. Parameter names are unique across pages, so a query string
names its page's settings unambiguously and the filters' own names (opsdash.filters) are
never reused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["text", "texts", "int", "float", "bool"]
MAX_TEXT = 200
MAX_VALUES = 20


@dataclass(frozen=True)
class Param:
    """One shareable page setting: URL parameter ``name`` <-> widget ``key``. ``low``/``high``
    bound an ``int`` or ``float``; ``None`` (no choice) is never written."""

    name: str
    key: str
    kind: Kind = "text"
    low: float | None = None
    high: float | None = None


PAGE_PARAMS: dict[str, tuple[Param, ...]] = {
    "users": (
        Param("u_period", "users_period"),
        Param("u_events", "users_active_events", "texts"),
        Param("u_cohort_by", "users_cohort_by"),
        Param("u_cohort_event", "users_cohort_event"),
        Param("u_return_event", "users_return_event"),
        Param("u_retention", "users_retention_mode"),
        Param("u_retention_show", "users_retention_show"),
        Param("u_funnel", "users_funnel_steps", "texts"),
        Param("u_funnel_days", "users_funnel_window", "int", 1, 90),
        Param("u_funnel_by", "users_funnel_breakdown"),
    ),
    "paths": (
        Param("p_direction", "paths_direction"),
        Param("p_event", "paths_event"),
        Param("p_steps", "paths_steps", "int", 1, 20),
        Param("p_minutes", "paths_minutes", "int", 1, 24 * 60),
        Param("p_top", "paths_top", "int", 1, 50),
        Param("p_collapse", "paths_collapse", "bool"),
        Param("p_from", "paths_interval_from"),
        Param("p_to", "paths_interval_to"),
    ),
    "content": (
        Param("c_metric", "content_trend_metric"),
        Param("c_period", "content_trend_period"),
        Param("c_search", "content_search"),
        Param("c_sort", "content_sort"),
        Param("c_item", "content_item"),
        Param("c_by", "content_breakdown_by"),
    ),
    "activities": (
        Param("a_scope", "activities_scope"),
        Param("a_status", "activities_status", "texts"),
        Param("a_ads", "activities_ads_campaign"),
        Param("a_timeline", "activities_timeline_metric"),
        Param("a_campaign", "activities_review_campaign"),
        Param("a_compare", "activities_compare", "texts"),
        Param("a_compare_metric", "activities_compare_metric"),
    ),
    "revenue": (
        Param("r_period", "revenue_period"),
        Param("r_history", "revenue_cohorts_all_history", "bool"),
        Param("r_cohorts", "revenue_cohorts_view"),
        Param("r_ltv", "revenue_ltv_basis"),
    ),
    "abtest": (
        Param("ab_source", "abtest_source"),
        Param("ab_experiment", "abtest_experiment"),
        Param("ab_alpha", "abtest_alpha", "float", 0.0, 0.5),
        Param("ab_alternative", "abtest_alternative"),
        Param("ab_correction", "abtest_correction"),
    ),
    "feedback": (Param("f_keyword", "feedback_keyword"),),
}
ALL_PARAMS: tuple[Param, ...] = tuple(p for params in PAGE_PARAMS.values() for p in params)
PARAM_NAMES: frozenset[str] = frozenset(p.name for p in ALL_PARAMS)


def page_params(page: str) -> tuple[Param, ...]:
    """The shareable settings of the page whose url_path is ``page`` (none for the others)."""
    return PAGE_PARAMS.get(page, ())


def parse(query: dict[str, list[str]], params: tuple[Param, ...] = ALL_PARAMS) -> dict[str, Any]:
    """Widget values by session key for every parameter of ``params`` present and well
    formed in ``query``; anything else is left out (the widget then keeps its default)."""
    values: dict[str, Any] = {}
    for param in params:
        raw = [text[:MAX_TEXT] for text in query.get(param.name, []) if isinstance(text, str)]
        if not raw:
            continue
        value = _parse_one(param, raw)
        if value is not None:
            values[param.key] = value
    return values


def _parse_one(param: Param, raw: list[str]) -> Any:
    if param.kind == "texts":
        return list(dict.fromkeys(v for v in raw if v))[:MAX_VALUES]
    text = raw[0].strip()
    if param.kind == "text":
        return text or None
    if param.kind == "bool":
        return {"1": True, "0": False}.get(text)
    try:
        number = int(text) if param.kind == "int" else float(text)
    except ValueError:
        return None
    if number != number:  # NaN
        return None
    if param.low is not None and number < param.low:
        return None
    if param.high is not None and number > param.high:
        return None
    return number


def encode(values: dict[str, Any], params: tuple[Param, ...]) -> dict[str, list[str]]:
    """URL parameters (each a list of strings) for the widget values by session key; a
    setting with no choice (None, an empty text) is left out."""
    query: dict[str, list[str]] = {}
    for param in params:
        value = values.get(param.key)
        if value is None:
            continue
        if param.kind == "texts":
            if isinstance(value, list | tuple):
                # an emptied choice is written as one empty value, so it is not the default
                query[param.name] = [str(v) for v in value] or [""]
            continue
        if param.kind == "bool":
            query[param.name] = ["1" if value else "0"]
        elif param.kind == "int":
            try:
                query[param.name] = [str(int(value))]
            except (TypeError, ValueError):
                continue
        elif str(value):
            query[param.name] = [str(value)]
    return query
