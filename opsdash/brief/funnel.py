"""The key funnel (关键漏斗) whose same-day conversion is a brief metric (``funnel_conversion``,
:func:`opsdash.metrics.users.funnel_conversion_by_day`).

It is the funnel an editor saved from the Users page ("Use in the morning brief"), kept in
``store_meta`` (key ``key_funnel``, JSON ``{"steps": [...]}``); without one, the setting
``OPSDASH_KEY_FUNNEL`` (event names, comma-separated, e.g. ``signup,view_item,purchase``);
without either, the brief has no funnel metric. Saving or clearing it bumps the data
version, so cached briefs refresh."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.metrics.users import MAX_FUNNEL_STEPS
from opsdash.store.meta import META, bump_data_version, get_meta, set_meta

META_KEY = "key_funnel"


def _steps(names) -> tuple[str, ...]:
    steps = tuple(str(name).strip() for name in names if str(name).strip())
    if not 2 <= len(steps) <= MAX_FUNNEL_STEPS:
        raise UserError(
            f"a key funnel has 2 to {MAX_FUNNEL_STEPS} steps",
            code="key_funnel_steps",
            values={"most": MAX_FUNNEL_STEPS},
        )
    return steps


def key_funnel(engine: Engine) -> tuple[str, ...] | None:
    """The key funnel's event names (module docstring), None when none is set."""
    with engine.connect() as conn:
        stored = get_meta(conn, META_KEY)
    if stored:
        try:
            return _steps(json.loads(stored).get("steps", ()))
        except (ValueError, AttributeError, UserError):
            return None
    from opsdash.settings import get_settings

    configured = get_settings().key_funnel
    if configured:
        try:
            return _steps(configured.split(","))
        except UserError:
            return None
    return None


def set_key_funnel(engine: Engine, steps) -> tuple[str, ...]:
    """Save ``steps`` as the key funnel; the steps saved. UserError unless 2 to 6 steps."""
    steps = _steps(steps)
    with engine.begin() as conn:
        set_meta(conn, META_KEY, json.dumps({"steps": list(steps)}, ensure_ascii=False))
        bump_data_version(conn)
    return steps


def clear_key_funnel(engine: Engine) -> None:
    """Forget the saved key funnel (the setting, if any, applies again)."""
    with engine.begin() as conn:
        conn.execute(META.delete().where(META.c.key == META_KEY))
        bump_data_version(conn)
