"""channel_stats (traffic / channel reports); coins and danmaku counters on content_stats

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("content_stats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("coins", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("danmaku", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("content_stats", schema=None) as batch_op:
        batch_op.drop_column("danmaku")
        batch_op.drop_column("coins")
