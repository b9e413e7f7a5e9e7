"""The property registry (``property_keys``) and how SQL reads a property.

Imports record the names and types of the properties they wrote; undo recomputes the
registry of the kinds it touched from the rows that remain. Filters and breakdowns name a
property by its name; :func:`validate_property` checks it against the registry, and
:func:`property_text` reads it with the name as a bound parameter (never in the SQL text)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from opsdash.errors import UserError
from opsdash.models import DATASETS, PropertyKey

KEYS = PropertyKey.__table__


class _PropertyText(FunctionElement):
    """``properties[name]`` as text (NULL when absent); the name is a bound parameter."""

    type = sa.Text()
    inherit_cache = True
    name = "property_text"


def property_text(properties: ColumnElement, name: str) -> ColumnElement:
    """SQL expression: the property ``name`` of a ``properties`` column, as text (numbers as
    their JSON text, e.g. ``42`` or ``2.5``); NULL when the row has no such property."""
    return _PropertyText(properties, sa.bindparam(None, name, type_=sa.Text()))


@compiles(_PropertyText, "sqlite")
def _property_text_sqlite(element, compiler, **kw):
    column, name = (compiler.process(c, **kw) for c in element.clauses)
    # json_extract needs a path; quoting the key keeps dots and spaces in names literal
    path = f"'$.\"' || replace({name}, '\"', '\\\"') || '\"'"
    return f"CAST(json_extract({column}, {path}) AS TEXT)"


@compiles(_PropertyText, "postgresql")
def _property_text_postgres(element, compiler, **kw):
    column, name = (compiler.process(c, **kw) for c in element.clauses)
    return f"({column} ->> {name})"


def record_property_keys(
    conn: sa.Connection, kind: str, columns: Iterable[tuple[str, str]], *, replace: bool = False
) -> None:
    """Add ``(name, value_type)`` pairs to the registry of ``kind``; a name seen before with
    another type becomes ``text``. ``replace``: the kind's rows were all replaced."""
    if replace:
        conn.execute(KEYS.delete().where(KEYS.c.kind == kind))
    known = dict(
        conn.execute(sa.select(KEYS.c.name, KEYS.c.value_type).where(KEYS.c.kind == kind)).all()
    )
    for name, value_type in columns:
        if name not in known:
            conn.execute(KEYS.insert().values(kind=kind, name=name, value_type=value_type))
            known[name] = value_type
        elif known[name] != value_type and known[name] != "text":
            conn.execute(
                KEYS.update()
                .where(KEYS.c.kind == kind, KEYS.c.name == name)
                .values(value_type="text")
            )
            known[name] = "text"


def refresh_property_keys(conn: sa.Connection, kind: str) -> None:
    """Drop from the registry of ``kind`` the names no remaining row has (after an undo)."""
    table = DATASETS[kind].__table__
    if "properties" not in table.c:
        return
    if conn.dialect.name == "postgresql":
        present = conn.execute(
            sa.text(
                f"SELECT DISTINCT jsonb_object_keys(properties) FROM {table.name} "  # noqa: S608
                "WHERE properties IS NOT NULL"
            )
        ).scalars()
    else:
        present = conn.execute(
            sa.text(
                f"SELECT DISTINCT j.key FROM {table.name}, json_each({table.name}.properties) j "  # noqa: S608
                f"WHERE {table.name}.properties IS NOT NULL"
            )
        ).scalars()
    names = set(present)
    stored = conn.execute(sa.select(KEYS.c.name).where(KEYS.c.kind == kind)).scalars().all()
    gone = [name for name in stored if name not in names]
    if gone:
        conn.execute(KEYS.delete().where(KEYS.c.kind == kind, KEYS.c.name.in_(gone)))


def property_keys(engine: Engine | sa.Connection, kind: str) -> dict[str, str]:
    """``{name: value_type}`` of the properties rows of ``kind`` carry, by name."""
    query = sa.select(KEYS.c.name, KEYS.c.value_type).where(KEYS.c.kind == kind)
    query = query.order_by(KEYS.c.name)
    if isinstance(engine, sa.Connection):
        return dict(engine.execute(query).all())
    with engine.connect() as conn:
        return dict(conn.execute(query).all())


def validate_property(engine: Engine | sa.Connection, kind: str, name: str) -> str:
    """``name`` if rows of ``kind`` have that property; UserError listing the ones they have."""
    known = property_keys(engine, kind)
    if name in known:
        return name
    listed = ", ".join(known) if known else "none yet"
    raise UserError(
        f"{name!r} is not a property of {kind}; its properties are: {listed}.",
        code="unknown_property",
        values={"name": name, "kind": kind, "known": listed},
    )
