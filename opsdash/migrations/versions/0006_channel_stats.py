"""channel_stats (traffic / channel reports); coins and danmaku counters on content_stats

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 14:00:00

New columns and the new table hold NULL where a file has no such measure ("not in the data").
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

PROPERTIES = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("content_stats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("coins", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("danmaku", sa.BigInteger(), nullable=True))
    op.create_table(
        "channel_stats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sub_channel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("visitors", sa.BigInteger(), nullable=True),
        sa.Column("pageviews", sa.BigInteger(), nullable=True),
        sa.Column("buyers", sa.BigInteger(), nullable=True),
        sa.Column("conversion_rate", sa.Float(), nullable=True),
        sa.Column("average_order_value", sa.Float(), nullable=True),
        sa.Column("orders", sa.BigInteger(), nullable=True),
        sa.Column("revenue", sa.Float(), nullable=True),
        sa.Column("properties", PROPERTIES, nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("date", "channel", "sub_channel", name="uq_channel_stats_key"),
    )
    with op.batch_alter_table("channel_stats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_channel_stats_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_channel_stats_date"), ["date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("channel_stats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_channel_stats_date"))
        batch_op.drop_index(batch_op.f("ix_channel_stats_batch_id"))
    op.drop_table("channel_stats")
    with op.batch_alter_table("content_stats", schema=None) as batch_op:
        batch_op.drop_column("danmaku")
        batch_op.drop_column("coins")
