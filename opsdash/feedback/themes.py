"""Themes (主题): keyword groups the team defines, e.g. 卡顿, 闪退, 加载慢 -> 稳定性.

An item has a theme when its text contains any of the theme's keywords (case-folded
substring match, so 贵 matches 太贵了 and "crash" matches "crashes"). Themes are stored in
``feedback_themes``; a store without any uses :data:`DEFAULT_THEMES`. The team's dictionary
of product terms (kept whole by the segmenter) is stored in ``store_meta`` under
``feedback_dictionary``, one term per line; theme keywords are added to it automatically."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.models import FeedbackTheme
from opsdash.store.meta import bump_data_version, get_meta, set_meta
from opsdash.timeutil import utc_now

THEMES = FeedbackTheme.__table__
DICTIONARY_KEY = "feedback_dictionary"
MAX_KEYWORDS = 50


@dataclass(frozen=True)
class Theme:
    name: str
    keywords: tuple[str, ...]

    def matches(self, folded_text: str) -> list[str]:
        """The keywords found in an already case-folded text."""
        return [k for k in self.keywords if k.casefold() in folded_text]


DEFAULT_THEMES: tuple[Theme, ...] = (
    Theme("稳定性", ("卡顿", "闪退", "加载慢", "崩溃", "死机", "crash", "freeze", "lag")),
    Theme("价格", ("贵", "价格", "性价比", "expensive", "price")),
    Theme("配送", ("送餐", "配送", "送达", "快递", "物流", "delivery")),
    Theme("服务", ("客服", "态度", "服务", "service", "support")),
    Theme("质量", ("质量", "做工", "正品", "quality")),
)


def parse_keywords(text: str) -> tuple[str, ...]:
    """Keywords from text: one per line or separated by commas (, ，、), trimmed, deduplicated."""
    parts = [p.strip() for line in text.splitlines() for p in _split(line)]
    return tuple(dict.fromkeys(p for p in parts if p))


def _split(line: str) -> list[str]:
    for sep in ("，", "、", ";", "；"):
        line = line.replace(sep, ",")
    return line.split(",")


def load_themes(engine: Engine) -> tuple[Theme, ...]:
    with engine.connect() as conn:
        stored = conn.execute(sa.select(THEMES.c.name, THEMES.c.keywords).order_by(THEMES.c.name))
        themes = tuple(Theme(name, parse_keywords(words)) for name, words in stored)
    return themes or DEFAULT_THEMES


def save_themes(engine: Engine, themes: Iterable[Theme]) -> None:
    """Replace the stored themes (one transaction; bumps the data version so reports refresh).
    UserError for a theme without a name or keywords, or a name used twice."""
    themes = list(themes)
    seen: set[str] = set()
    for theme in themes:
        name = theme.name.strip()
        if not name:
            raise UserError("A theme needs a name.", code="feedback_theme_name")
        if name in seen:
            raise UserError(
                f"The theme {name!r} is defined twice.",
                code="feedback_theme_twice",
                values={"name": name},
            )
        if not theme.keywords:
            raise UserError(
                f"The theme {name!r} has no keywords.",
                code="feedback_theme_empty",
                values={"name": name},
            )
        if len(theme.keywords) > MAX_KEYWORDS:
            raise UserError(
                f"The theme {name!r} has more than {MAX_KEYWORDS} keywords.",
                code="feedback_theme_long",
                values={"name": name, "limit": MAX_KEYWORDS},
            )
        seen.add(name)
    with engine.begin() as conn:
        conn.execute(THEMES.delete())
        for theme in themes:
            conn.execute(
                THEMES.insert().values(
                    name=theme.name.strip(),
                    keywords="\n".join(theme.keywords),
                    updated_at=utc_now(),
                )
            )
        bump_data_version(conn)


def load_dictionary(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as conn:
        return parse_keywords(get_meta(conn, DICTIONARY_KEY) or "")


def save_dictionary(engine: Engine, terms: Iterable[str]) -> None:
    with engine.begin() as conn:
        set_meta(conn, DICTIONARY_KEY, "\n".join(dict.fromkeys(t.strip() for t in terms if t)))
        bump_data_version(conn)
