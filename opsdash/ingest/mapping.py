"""Which file column feeds which field: automatic suggestions and saved, named mappings.

A :class:`ColumnMap` says, for one kind, ``{file column: field}``, plus constant values for
fields the file lacks (``date`` of a snapshot export, ``experiment`` name ...) and reading
options (header or not, day-first dates, encoding). Saved mappings live in the
``column_mappings`` table as JSON, so the next export of the same tool imports in one step."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.ingest.fields import KINDS, field_specs
from opsdash.models import ColumnMapping
from opsdash.timeutil import utc_now

MAPPINGS = ColumnMapping.__table__
IGNORE = ""  # field value meaning "do not import this column"


def normalise(name: str) -> str:
    """A column name compared loosely: case folded, full-width folded (NFKC), spaces,
    underscores, dashes and punctuation removed (``' Customer_ID '`` -> ``customerid``,
    ``订单付款时间 `` -> ``订单付款时间``)."""
    folded = unicodedata.normalize("NFKC", str(name)).casefold()
    return re.sub(r"[\W_]+", "", folded)


@dataclass(frozen=True)
class ColumnMap:
    """A mapping for one kind: file column -> field, constants for missing fields, options.

    Columns that feed no field are kept as properties named by their header;
    ``properties`` renames some of them (``{file column: property name}``) or skips them
    (property name ``""``)."""

    kind: str
    columns: Mapping[str, str] = field(default_factory=dict)
    constants: Mapping[str, str] = field(default_factory=dict)
    has_header: bool | None = None
    day_first: bool | None = None
    encoding: str | None = None
    properties: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        payload = asdict(self)
        payload["columns"] = dict(self.columns)
        payload["constants"] = dict(self.constants)
        payload["properties"] = dict(self.properties)
        return json.dumps(payload, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ColumnMap:
        payload = json.loads(text)
        return cls(
            kind=payload["kind"],
            columns=dict(payload.get("columns") or {}),
            constants=dict(payload.get("constants") or {}),
            has_header=payload.get("has_header"),
            day_first=payload.get("day_first"),
            encoding=payload.get("encoding"),
            properties=dict(payload.get("properties") or {}),
        )

    def fields(self) -> dict[str, str]:
        """field -> file column, for the columns that are imported."""
        return {target: source for source, target in self.columns.items() if target}


def suggest_columns(columns: Iterable[str], kind: str) -> dict[str, str]:
    """``{file column: field}`` for the columns recognised by name or alias; each field at most
    once, the best-ranked match winning (the field's own name, then its aliases in order)."""
    specs = field_specs(kind)
    normalised = {column: normalise(column) for column in columns}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    ranked: list[tuple[int, int, str, str]] = []
    for order, spec in enumerate(specs):
        names = [spec.name, *spec.aliases]
        for rank, alias in enumerate(names):
            key = normalise(alias)
            for column, value in normalised.items():
                if value and value == key:
                    ranked.append((rank, order, column, spec.name))
    for _rank, _order, column, target in sorted(ranked):
        if column in mapping or target in taken:
            continue
        mapping[column] = target
        taken.add(target)
    return mapping


_REPEAT = re.compile(r"^(?P<base>.*) \((?P<n>\d+)\)$")


def field_candidates(columns: Iterable[str], kind: str) -> dict[str, list[str]]:
    """``{field: [file columns]}`` for the fields that two or more columns of the file could
    fill: a header written twice (the reader numbers them ``user_id`` and ``user_id (2)``),
    for any field; a column named as a field that identifies rows (a required field or a
    natural key) beside another of its aliases (``uid`` beside ``user_id``). The import
    cannot know which is meant. Otherwise the best-ranked alias wins, as real exports need
    (``StockCode`` before ``Description`` for ``product``, ``id`` before ``url`` for
    ``content_id``)."""
    from opsdash.ingest.fields import NATURAL_KEYS

    columns = list(columns)
    present = set(columns)
    keys: dict[str, str] = {}
    for column in columns:
        repeat = _REPEAT.match(column)
        base = repeat["base"] if repeat and repeat["base"] in present else column
        keys[column] = normalise(base)
    found: dict[str, list[str]] = {}
    for spec in field_specs(kind):
        names = {normalise(alias) for alias in (spec.name, *spec.aliases)} - {""}
        matching = [column for column, key in keys.items() if key in names]
        identifying = spec.required or spec.name in NATURAL_KEYS.get(kind, ())
        named = normalise(spec.name) in {keys[column] for column in matching}
        repeated = len({keys[column] for column in matching}) < len(matching)
        if len(matching) > 1 and ((identifying and named) or repeated):
            found[spec.name] = matching
    return found


def guess_kind(columns: Iterable[str]) -> str | None:
    """The kind whose required fields the columns cover best (None if none is covered).

    A kind needs at least two recognised columns (one generic header such as ``ID`` says
    nothing about what a file is). A file that describes content items (a title column) and
    whose only day column is the one contents read as the publication date (a bare ``date``,
    as in Medium's article export) is a contents file, not daily content stats."""
    columns = list(columns)
    suggested = {kind: suggest_columns(columns, kind) for kind in KINDS}
    scores: dict[str, float] = {}
    for kind in KINDS:
        specs = field_specs(kind)
        mapped = set(suggested[kind].values())
        required = [s.name for s in specs if s.required]
        if len(mapped) < 2 or (required and not set(required) & mapped):
            continue
        scores[kind] = (
            len(mapped) + 2 * len(set(required) & mapped) - 2 * len(set(required) - mapped)
        )
    if "content_stats" in scores and "contents" in scores:
        contents = {target: source for source, target in suggested["contents"].items()}
        stats = {target: source for source, target in suggested["content_stats"].items()}
        day = stats.get("date")
        if "title" in contents and day is not None and contents.get("published_at") == day:
            del scores["content_stats"]
    best, best_score = None, 0.0
    for kind, score in scores.items():
        if score > best_score:
            best, best_score = kind, score
    return best


def parse_map_arguments(
    pairs: Iterable[str], *, option: str = "--map", what: str = "FIELD"
) -> dict[str, str]:
    """``["src=dst", ...]`` from the command line -> ``{src: dst}``."""
    result = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip():
            raise UserError(f"{option} expects SOURCE={what}, got {pair!r}")
        result[source.strip()] = target.strip()
    return result


def save_mapping(engine: Engine, name: str, column_map: ColumnMap) -> None:
    """Save (or overwrite) a named mapping."""
    name = name.strip()
    if not name:
        raise UserError("a saved mapping needs a name")
    with engine.begin() as conn:
        conn.execute(MAPPINGS.delete().where(MAPPINGS.c.name == name))
        conn.execute(
            MAPPINGS.insert().values(
                name=name,
                kind=column_map.kind,
                mapping=column_map.to_json(),
                created_at=utc_now(),
            )
        )


def load_mapping(engine: Engine, name: str) -> ColumnMap:
    """The saved mapping ``name``; UserError when there is none."""
    with engine.connect() as conn:
        text = conn.execute(
            sa.select(MAPPINGS.c.mapping).where(MAPPINGS.c.name == name)
        ).scalar_one_or_none()
    if text is None:
        raise UserError(f"there is no saved mapping named {name!r}")
    return ColumnMap.from_json(text)


def list_mappings(engine: Engine, kind: str | None = None) -> list[str]:
    """Names of the saved mappings (of ``kind`` when given), alphabetical."""
    query = sa.select(MAPPINGS.c.name).order_by(MAPPINGS.c.name)
    if kind:
        query = query.where(MAPPINGS.c.kind == kind)
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def delete_mapping(engine: Engine, name: str) -> None:
    with engine.begin() as conn:
        conn.execute(MAPPINGS.delete().where(MAPPINGS.c.name == name))
