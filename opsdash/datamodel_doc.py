"""Generates the table reference in docs/data-model.md from opsdash/models.py.

``python -m opsdash.datamodel_doc`` rewrites the block between the markers; a test fails when
the committed document is out of date, so the CSV contract never drifts from the schema."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

from opsdash import models

BEGIN = "<!-- BEGIN GENERATED: python -m opsdash.datamodel_doc -->"
END = "<!-- END GENERATED -->"
DOC = Path(__file__).resolve().parents[1] / "docs" / "data-model.md"
MANAGED = {"id", "batch_id", "row_key", "signup_date", "event_date", "paid_date", "published_date"}


def _type_name(column: sa.Column) -> str:
    kind = column.type
    if isinstance(kind, sa.DateTime):
        return "timestamp (UTC)"
    if isinstance(kind, sa.Date):
        return "date"
    if isinstance(kind, sa.Boolean):
        return "boolean"
    if isinstance(kind, (sa.Integer, sa.BigInteger)):
        return "integer"
    if isinstance(kind, sa.Float):
        return "number"
    return "text"


def _model_classes() -> list[type[SQLModel]]:
    classes = [
        c
        for _, c in inspect.getmembers(models, inspect.isclass)
        if getattr(c, "__table__", None) is not None
    ]
    order = list(models.DATASETS.values())
    return order + sorted((c for c in classes if c not in order), key=lambda c: c.__tablename__)


def _key_columns(table: sa.Table) -> list[str]:
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            return [c.name for c in constraint.columns]
    return [c.name for c in table.primary_key.columns]


def generated_block() -> str:
    """The Markdown table reference for every table in the store."""
    kinds = {model: kind for kind, model in models.DATASETS.items()}
    lines = [BEGIN, ""]
    for model in _model_classes():
        table: sa.Table = model.__table__
        kind = kinds.get(model)
        heading = f"### `{table.name}`" + (f" (import kind `{kind}`)" if kind else "")
        lines += [heading, "", inspect.getdoc(model) or "", ""]
        lines += [f"Natural key: {', '.join(f'`{c}`' for c in _key_columns(table))}.", ""]
        lines += ["| column | type | required | meaning |", "|---|---|---|---|"]
        for name, field in model.model_fields.items():
            column = table.c[name]
            required = (
                "opsdash"
                if name in MANAGED
                else (
                    "yes"
                    if not column.nullable and column.default is None and field.is_required()
                    else "no"
                )
            )
            description = (field.description or "").replace("|", "\\|")
            lines.append(f"| `{name}` | {_type_name(column)} | {required} | {description} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def updated_document(text: str) -> str:
    """``text`` with its generated block replaced by the current one."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + generated_block() + text[end:]


if __name__ == "__main__":
    DOC.write_text(updated_document(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"updated {DOC}\n")
