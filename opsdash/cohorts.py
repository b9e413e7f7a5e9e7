"""Cohorts (用户分群): named sets of users that every page's segment filter accepts.

- **static**: the users at the time it was saved (a funnel step, a path link, an uploaded
  list of IDs, or a rule evaluated once), kept in ``cohort_members``; members need not be in
  the users table.
- **dynamic**: a rule over users fields and user properties (the sidebar's ``where``
  semantics: values of one name are alternatives, names combine with AND) and an optional
  signup day range, re-evaluated on every read.

Every write bumps the data version, so cached numbers filtered by a cohort never go stale.
Names are compared exactly; a cohort is identified by its name in URLs and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.filters import CohortFilter, Filters, WhereFilter, parse_where
from opsdash.metrics.sql import segment_condition, user_filter_conditions
from opsdash.models import Cohort, CohortMember, User
from opsdash.store.meta import bump_data_version

COHORTS = Cohort.__table__
MEMBERS = CohortMember.__table__
USERS = User.__table__
MAX_NAME = 100
MAX_MEMBERS = 5_000_000
SIGNUP_FIELD = "signup_date"
HEADER_NAMES = {"user_id", "userid", "user", "uid", "id", "用户id", "用户", "用户编号", "会员id"}
USER_FIELDS = ["user_id", "signup_date", "channel", "platform", "region", "level"]


@dataclass(frozen=True)
class CohortInfo:
    """A cohort as listed: ``users`` is its current size (dynamic: the rule evaluated now)."""

    name: str
    kind: str
    rule: dict | None
    users: int
    created_by: str | None
    created_at: dt.datetime

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "rule": self.rule,
            "users": self.users,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
        }


# ----------------------------------------------------------------------------- rules


def parse_rule(pairs: Iterable[str]) -> dict:
    """``["level=VIP", "channel=douyin", "channel=wechat", "signup_date>=2024-03-01",
    "signup_date<=2024-03-31"]`` -> the JSON rule ``{"where": [["level", ["VIP"]], ["channel",
    ["douyin", "wechat"]]], "signup_from": "2024-03-01", "signup_to": "2024-03-31"}``.
    UserError (code ``cohort_rule``) for anything else."""
    plain, signup_from, signup_to = [], None, None
    for pair in pairs:
        text = pair.strip()
        for operator in (">=", "<="):
            name, sep, value = text.partition(operator)
            if sep and name.strip() == SIGNUP_FIELD:
                try:
                    day = dt.date.fromisoformat(value.strip())
                except ValueError:
                    raise UserError(
                        f"rule {pair!r}: {value.strip()!r} is not a date (YYYY-MM-DD)",
                        code="cohort_rule",
                        values={"rule": pair},
                    ) from None
                if operator == ">=":
                    signup_from = day
                else:
                    signup_to = day
                break
        else:
            name, sep, value = text.partition("=")
            if not sep or not name.strip() or not value.strip():
                raise UserError(
                    f"rule {pair!r}: expected FIELD=VALUE or signup_date>=/<=YYYY-MM-DD",
                    code="cohort_rule",
                    values={"rule": pair},
                )
            plain.append(f"{name.strip()}={value.strip()}")
    return {
        "where": [[name, list(values)] for name, values in parse_where(plain)],
        "signup_from": signup_from.isoformat() if signup_from else None,
        "signup_to": signup_to.isoformat() if signup_to else None,
    }


def rule_from_where(where: WhereFilter) -> dict:
    """The JSON rule of a ``where`` filter (e.g. the sidebar's current choice)."""
    return {"where": [[n, list(v)] for n, v in where], "signup_from": None, "signup_to": None}


def _filter_of(name: str, kind: str, rule: dict | None) -> CohortFilter:
    rule = rule or {}
    where = tuple((str(n), tuple(str(v) for v in values)) for n, values in rule.get("where", []))

    def day(key: str) -> dt.date | None:
        return dt.date.fromisoformat(rule[key]) if rule.get(key) else None

    return CohortFilter(
        name=name,
        kind="dynamic" if kind == "dynamic" else "static",
        where=where,
        signup_from=day("signup_from"),
        signup_to=day("signup_to"),
    )


def _validate_rule(engine: Engine, rule: dict) -> None:
    from opsdash.metrics.breakdowns import validate_user_filters

    where = tuple((n, tuple(v)) for n, v in rule.get("where", []))
    day = dt.date(2000, 1, 1)
    validate_user_filters(engine, Filters(start=day, end=day, where=where))
    if (
        rule.get("signup_from")
        and rule.get("signup_to")
        and rule["signup_to"] < rule["signup_from"]
    ):
        raise UserError(
            "the rule's signup range ends before it starts",
            code="cohort_rule",
            values={"rule": f"{rule['signup_from']}..{rule['signup_to']}"},
        )


def _rule_users(conn: sa.Connection, rule: dict) -> list[str]:
    cohort = _filter_of("", "dynamic", rule)
    day = dt.date(2000, 1, 1)
    conditions = user_filter_conditions(Filters(start=day, end=day, cohort=cohort))
    return [r[0] for r in conn.execute(sa.select(USERS.c.user_id).where(*conditions))]


# ----------------------------------------------------------------------------- files


def read_users_file(path: str | Path, *, data: bytes | None = None) -> list[str]:
    """User IDs from a CSV file's first column (UTF-8, with or without BOM; GB18030 also
    read); a first line that reads like a header (user_id, uid, 用户ID ...) is skipped.
    Duplicates are dropped, order kept. UserError naming the file and row for an empty ID or
    an empty file."""
    name = Path(path).name
    raw = data if data is not None else Path(path).read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(
            f"{name}: not UTF-8 or GB18030 text", code="cohort_file_encoding", values={"file": name}
        )
    ids: list[str] = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        value = row[0].strip()
        if number == 1 and value.lower() in HEADER_NAMES:
            continue
        if not value:
            raise UserError(
                f"{name}: row {number}, column 1: empty user ID",
                code="cohort_file_row",
                values={"file": name, "row": number},
            )
        ids.append(value[:200])
    if not ids:
        raise UserError(
            f"{name}: no user IDs in the first column",
            code="cohort_file_empty",
            values={"file": name},
        )
    return list(dict.fromkeys(ids))


# ----------------------------------------------------------------------------- writes


def _check_name(name: str) -> str:
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > MAX_NAME:
        raise UserError(
            f"a cohort name has 1 to {MAX_NAME} characters", code="cohort_name", values={}
        )
    return cleaned


def create_cohort(
    engine: Engine,
    name: str,
    *,
    rule: dict | None = None,
    users: Iterable[str] | None = None,
    static: bool = False,
    created_by: str | None = None,
) -> CohortInfo:
    """Save a cohort: ``users`` (static), or ``rule`` (dynamic; with ``static=True`` its users
    now, frozen). UserError for a taken or empty name, an unknown rule field, or nothing to
    save. Bumps the data version."""
    name = _check_name(name)
    if (rule is None) == (users is None):
        raise UserError("give either a rule or a list of users", code="cohort_source", values={})
    if rule is not None:
        _validate_rule(engine, rule)
    kind = "dynamic" if rule is not None and not static else "static"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        taken = conn.execute(sa.select(COHORTS.c.id).where(COHORTS.c.name == name)).first()
        if taken:
            raise UserError(
                f"a cohort named {name!r} exists already",
                code="cohort_exists",
                values={"name": name},
            )
        members = None
        if users is not None:
            members = list(dict.fromkeys(str(u).strip() for u in users if str(u).strip()))
        elif static:
            members = _rule_users(conn, rule)
        if members is not None and len(members) > MAX_MEMBERS:
            raise UserError(
                f"a cohort has at most {MAX_MEMBERS:,} users",
                code="cohort_size",
                values={"max": MAX_MEMBERS},
            )
        cohort_id = conn.execute(
            sa.insert(COHORTS)
            .values(
                name=name,
                kind=kind,
                rule=json.dumps(rule, ensure_ascii=False) if rule is not None else None,
                created_by=created_by,
                created_at=now,
            )
            .returning(COHORTS.c.id)
        ).scalar_one()
        if members:
            for start in range(0, len(members), 10_000):
                conn.execute(
                    sa.insert(MEMBERS),
                    [
                        {"cohort_id": cohort_id, "user_id": u}
                        for u in members[start : start + 10_000]
                    ],
                )
        bump_data_version(conn)
    return get_cohort_info(engine, name)


def delete_cohort(engine: Engine, name: str) -> None:
    """Delete the cohort ``name`` and its members; UserError when there is none."""
    with engine.begin() as conn:
        cohort_id = conn.execute(sa.select(COHORTS.c.id).where(COHORTS.c.name == name)).scalar()
        if cohort_id is None:
            raise _unknown(conn, name)
        conn.execute(sa.delete(MEMBERS).where(MEMBERS.c.cohort_id == cohort_id))
        conn.execute(sa.delete(COHORTS).where(COHORTS.c.id == cohort_id))
        bump_data_version(conn)


# ----------------------------------------------------------------------------- reads


def _unknown(conn: sa.Connection, name: str) -> UserError:
    names = [r[0] for r in conn.execute(sa.select(COHORTS.c.name).order_by(COHORTS.c.name))]
    listed = ", ".join(names) or "none"
    return UserError(
        f"no cohort named {name!r} (cohorts: {listed})",
        code="unknown_cohort",
        values={"name": name, "known": listed},
    )


def cohort_names(engine: Engine) -> list[str]:
    """The saved cohorts' names, sorted (the sidebar picker)."""
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(sa.select(COHORTS.c.name).order_by(COHORTS.c.name))]


def get_cohort(engine: Engine, name: str) -> CohortFilter | None:
    """The cohort ``name`` as a segment filter (:attr:`Filters.cohort`), or None."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(COHORTS.c.kind, COHORTS.c.rule).where(COHORTS.c.name == name)
        ).first()
    if row is None:
        return None
    return _filter_of(name, row.kind, json.loads(row.rule) if row.rule else None)


def resolve_filters(engine: Engine, filters: Filters) -> Filters:
    """``filters`` with its cohort (by name, e.g. from a URL or ``--cohort``) read from the
    store; UserError (code ``unknown_cohort``) when there is no such cohort."""
    from dataclasses import replace

    if filters.cohort is None:
        return filters
    found = get_cohort(engine, filters.cohort.name)
    if found is None:
        with engine.connect() as conn:
            raise _unknown(conn, filters.cohort.name)
    return replace(filters, cohort=found)


def _size(conn: sa.Connection, cohort_id: int, cohort: CohortFilter) -> int:
    if cohort.kind == "static":
        return int(
            conn.execute(
                sa.select(sa.func.count()).where(MEMBERS.c.cohort_id == cohort_id)
            ).scalar_one()
        )
    day = dt.date(2000, 1, 1)
    conditions = user_filter_conditions(Filters(start=day, end=day, cohort=cohort))
    return int(conn.execute(sa.select(sa.func.count()).where(*conditions)).scalar_one())


def list_cohorts(engine: Engine) -> list[CohortInfo]:
    """Every cohort with its current size, by name."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(COHORTS).order_by(COHORTS.c.name)).all()
        out = []
        for row in rows:
            rule = json.loads(row.rule) if row.rule else None
            cohort = _filter_of(row.name, row.kind, rule)
            out.append(
                CohortInfo(
                    name=row.name,
                    kind=row.kind,
                    rule=rule,
                    users=_size(conn, row.id, cohort),
                    created_by=row.created_by,
                    created_at=row.created_at,
                )
            )
    return out


def get_cohort_info(engine: Engine, name: str) -> CohortInfo:
    """One cohort as listed; UserError when there is none."""
    for info in list_cohorts(engine):
        if info.name == name:
            return info
    with engine.connect() as conn:
        raise _unknown(conn, name)


def cohort_users(engine: Engine, name: str) -> pd.DataFrame:
    """The cohort's users with their fields (``user_id``, ``signup_date``, ``channel``,
    ``platform``, ``region``, ``level``; empty for members absent from the users table) and
    one column per user property (empty when a user lacks it), sorted by user ID: the
    download (write it with :func:`opsdash.export.to_safe_csv`)."""
    cohort = get_cohort(engine, name)
    if cohort is None:
        with engine.connect() as conn:
            raise _unknown(conn, name)
    day = dt.date(2000, 1, 1)
    filters = Filters(start=day, end=day, cohort=cohort)
    columns = [USERS.c[f] for f in USER_FIELDS[1:]] + [USERS.c.properties]
    if cohort.kind == "static":
        ids = (
            sa.select(MEMBERS.c.user_id.label("user_id"))
            .where(
                MEMBERS.c.cohort_id
                == sa.select(COHORTS.c.id).where(COHORTS.c.name == name).scalar_subquery()
            )
            .subquery("members")
        )
        statement = sa.select(ids.c.user_id, *columns).select_from(
            ids.outerjoin(USERS, USERS.c.user_id == ids.c.user_id)
        )
    else:
        statement = sa.select(USERS.c.user_id, *columns).where(
            segment_condition(USERS.c.user_id, filters)
        )
    with engine.connect() as conn:
        rows = conn.execute(statement.order_by(statement.selected_columns[0])).all()
    frame = pd.DataFrame([tuple(r)[:-1] for r in rows], columns=USER_FIELDS)
    props = [
        r[-1] if isinstance(r[-1], dict) else (json.loads(r[-1]) if r[-1] else {}) for r in rows
    ]
    extra = pd.DataFrame(props, index=frame.index) if props else pd.DataFrame(index=frame.index)
    extra = extra[[c for c in extra.columns if c not in USER_FIELDS]]
    frame["signup_date"] = [d.isoformat() if d is not None else None for d in frame["signup_date"]]
    out = pd.concat([frame, extra], axis=1)
    return out.astype(object).where(out.notna(), "")
