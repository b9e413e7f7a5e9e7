"""The UI's one translation catalog (简体中文 and English).

Messages live in per-area modules of this package (``common``, ``overview``, ``users``,
``content``, ``activities``, ``revenue``, ``abtest``, ``data``, ``auth``, ``fields``,
``error``, ``paths``, ``cohort``, ``feedback``, ``brief``), each a dict
``MESSAGES = {"area.key": {"zh": "...", "en": "..."}}``; keys start with the area's name.
:func:`translate` is the only lookup. Plain Python: the CLI and reports can use it too."""

from __future__ import annotations

import importlib
from typing import Literal

Language = Literal["zh", "en"]
LANGUAGES: dict[str, str] = {"zh": "简体中文", "en": "English"}
AREAS = (
    "common",
    "overview",
    "users",
    "content",
    "activities",
    "revenue",
    "abtest",
    "data",
    "auth",
    "fields",
    "error",
    "paths",
    "cohort",
    "feedback",
    "brief",
    "adoption",
    "chart",
    "views",
)


def _load() -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for area in AREAS:
        messages = importlib.import_module(f"opsdash.i18n.{area}").MESSAGES
        duplicated = catalog.keys() & messages.keys()
        if duplicated:
            raise RuntimeError(f"i18n keys defined twice: {sorted(duplicated)}")
        catalog.update(messages)
    return catalog


CATALOG = _load()


def translate(key: str, language: str, /, **values: object) -> str:
    """The message ``key`` in ``language`` with ``{placeholders}`` filled from ``values``.
    An unknown key returns the key itself (visible, never a crash); tests keep the catalog
    complete."""
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = entry.get(language) or entry["en"]
    return text.format(**values) if values else text


def error_text(error: BaseException, language: str, /) -> str:
    """A :class:`~opsdash.errors.UserError` in ``language``: its catalog message ``error.<code>``
    when it has one, else its own (English) message."""
    code = getattr(error, "code", None)
    if code and f"error.{code}" in CATALOG:
        return translate(f"error.{code}", language, **getattr(error, "values", {}))
    return str(error)
