"""properties on every data table, property_keys, nullable measures, cumulative campaign stats

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 11:00:00

Existing rows keep their values: measures stored as 0 before this revision stay 0 (the
importer then filled absent measures with 0; from now on it stores NULL).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PROPERTIES = sa.JSON().with_variant(JSONB(), "postgresql")
PROPERTY_TABLES = ("users", "events", "contents", "content_stats", "campaign_stats", "orders")
CONTENT_COUNTERS = ("views", "readers", "likes", "comments", "shares", "favorites")
CAMPAIGN_COUNTERS = ("impressions", "clicks", "participants", "new_users", "conversions")


def upgrade() -> None:
    op.create_table(
        "property_keys",
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "name"),
    )
    for table in PROPERTY_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("properties", PROPERTIES, nullable=True))
    with op.batch_alter_table("content_stats", schema=None) as batch_op:
        for name in (*CONTENT_COUNTERS, "followers_gained"):
            batch_op.alter_column(name, existing_type=sa.BigInteger(), nullable=True)
    with op.batch_alter_table("campaign_stats", schema=None) as batch_op:
        for name in CAMPAIGN_COUNTERS:
            batch_op.alter_column(name, existing_type=sa.BigInteger(), nullable=True)
        for name in ("cost", "revenue"):
            batch_op.alter_column(name, existing_type=sa.Float(), nullable=True)
        batch_op.add_column(
            sa.Column("cumulative", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("campaign_stats", schema=None) as batch_op:
        batch_op.drop_column("cumulative")
    for table in PROPERTY_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("properties")
    op.drop_table("property_keys")
