"""Saved views (保存的视图): a page with its filters and settings under a name, for its owner
(``personal``) or for everyone (``team``), optionally pinned to the Overview.

A view is stored as the page's URL query (the filters of opsdash.filters and the page
settings of opsdash.pageparams) and validated again when it is opened, like any link. Any
signed-in user may save, pin and delete their personal views; team views are saved, pinned
and deleted by editors and admins only."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.models import SavedView
from opsdash.timeutil import utc_now

VIEWS = SavedView.__table__
SCOPES = ("personal", "team")
TEAM_ROLES = frozenset({"admin", "editor"})
MAX_NAME = 80
MAX_VIEWS_PER_OWNER = 200
MAX_QUERY_CHARS = 20_000


@dataclass(frozen=True)
class ViewInfo:
    """A saved view as listed and opened (``query``: URL parameter -> values)."""

    id: int
    name: str
    scope: str
    owner: str
    page: str
    query: dict[str, list[str]]
    pinned: bool
    created_at: dt.datetime


def may_share(role: str | None) -> bool:
    """Whether ``role`` may save, pin and delete team views."""
    return role in TEAM_ROLES


def _may_change(view: ViewInfo, *, username: str, role: str | None) -> bool:
    if view.scope == "team":
        return may_share(role)
    return view.owner == username


def _clean_query(query: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        str(name)[:100]: [str(value)[:400] for value in values][:200]
        for name, values in query.items()
    }


def save_view(
    engine: Engine,
    *,
    name: str,
    page: str,
    query: dict[str, list[str]],
    username: str,
    role: str | None,
    scope: str = "personal",
) -> ViewInfo:
    """Save (or replace, same scope and name) a view and return it. UserError ``view_name``
    for an empty or too long name, ``view_team_forbidden`` for a team view by a viewer,
    ``view_limit`` past :data:`MAX_VIEWS_PER_OWNER`."""
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME:
        raise UserError(
            f"a view's name must have 1 to {MAX_NAME} characters",
            code="view_name",
            values={"limit": MAX_NAME},
        )
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    if scope == "team" and not may_share(role):
        raise UserError("only editors and admins save team views", code="view_team_forbidden")
    text = json.dumps(_clean_query(query), ensure_ascii=False, sort_keys=True)
    if len(text) > MAX_QUERY_CHARS:
        raise UserError("this view is too large to save", code="view_too_large")
    # a team view belongs to the team: one name per team, whoever saved it
    owner_key = "" if scope == "team" else username
    with engine.begin() as conn:
        existing = conn.execute(
            sa.select(VIEWS.c.id).where(
                VIEWS.c.scope == scope, VIEWS.c.owner == owner_key, VIEWS.c.name == name
            )
        ).scalar()
        if existing is not None:
            conn.execute(
                VIEWS.update()
                .where(VIEWS.c.id == existing)
                .values(page=page, query=text, created_at=utc_now())
            )
            view_id = existing
        else:
            count = conn.execute(
                sa.select(sa.func.count()).select_from(VIEWS).where(VIEWS.c.owner == owner_key)
            ).scalar_one()
            if count >= MAX_VIEWS_PER_OWNER:
                raise UserError("too many saved views", code="view_limit", values={"limit": count})
            view_id = conn.execute(
                VIEWS.insert().values(
                    name=name,
                    scope=scope,
                    owner=owner_key,
                    page=page,
                    query=text,
                    pinned=False,
                    created_at=utc_now(),
                )
            ).inserted_primary_key[0]
    found = get_view(engine, view_id)
    assert found is not None
    return found


def _info(row) -> ViewInfo:
    try:
        query = json.loads(row.query)
    except ValueError:
        query = {}
    if not isinstance(query, dict):
        query = {}
    return ViewInfo(
        id=row.id,
        name=row.name,
        scope=row.scope,
        owner=row.owner,
        page=row.page,
        query={str(k): [str(v) for v in vs] for k, vs in query.items() if isinstance(vs, list)},
        pinned=bool(row.pinned),
        created_at=row.created_at,
    )


def get_view(engine: Engine, view_id: int) -> ViewInfo | None:
    """One view by number, or None."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(VIEWS).where(VIEWS.c.id == view_id)).first()
    return _info(row) if row is not None else None


def list_views(engine: Engine, *, username: str, pinned_only: bool = False) -> list[ViewInfo]:
    """The views ``username`` sees: their personal views, then the team's, each by name."""
    condition = sa.or_(
        sa.and_(VIEWS.c.scope == "personal", VIEWS.c.owner == username), VIEWS.c.scope == "team"
    )
    if pinned_only:
        condition = sa.and_(condition, VIEWS.c.pinned.is_(True))
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(VIEWS).where(condition).order_by(VIEWS.c.scope, VIEWS.c.name)
        ).all()
    return [_info(row) for row in rows]


def _checked(engine: Engine, view_id: int, *, username: str, role: str | None) -> ViewInfo:
    view = get_view(engine, view_id)
    if view is None or (view.scope == "personal" and view.owner != username):
        raise UserError("no such view", code="view_missing")
    if not _may_change(view, username=username, role=role):
        raise UserError("only editors and admins change team views", code="view_team_forbidden")
    return view


def set_pinned(
    engine: Engine, view_id: int, pinned: bool, *, username: str, role: str | None
) -> None:
    """Pin a view to the Overview (or unpin it)."""
    _checked(engine, view_id, username=username, role=role)
    with engine.begin() as conn:
        conn.execute(VIEWS.update().where(VIEWS.c.id == view_id).values(pinned=bool(pinned)))


def delete_view(engine: Engine, view_id: int, *, username: str, role: str | None) -> None:
    """Delete a view."""
    _checked(engine, view_id, username=username, role=role)
    with engine.begin() as conn:
        conn.execute(VIEWS.delete().where(VIEWS.c.id == view_id))
