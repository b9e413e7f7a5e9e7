"""notification channels and log of the morning brief's push; annotations; alert rules

Revision ID: 0011
Revises: 0005
Create Date: 2026-12-01 14:40:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString()


def upgrade() -> None:
    op.create_table(
        "notification_channels",
        sa.Column("name", TEXT, nullable=False),
        sa.Column("kind", TEXT, nullable=False),
        sa.Column("target", TEXT, nullable=False),
        sa.Column("secret", TEXT, nullable=True),
        sa.Column("created_by", TEXT, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "notification_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", TEXT, nullable=False),
        sa.Column("status", TEXT, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("detail", TEXT, nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=False), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notification_log_day", "notification_log", ["day"])
    op.create_table(
        "annotations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", TEXT, nullable=False),
        sa.Column("created_by", TEXT, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_annotations_day", "annotations", ["day"])
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metric", TEXT, nullable=False),
        sa.Column("condition", TEXT, nullable=False),
        sa.Column("threshold", sa.Float(), nullable=True),
        sa.Column("segment", TEXT, nullable=True),
        sa.Column("channel", TEXT, nullable=True),
        sa.Column("created_by", TEXT, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("alert_rules")
    op.drop_index("ix_annotations_day", table_name="annotations")
    op.drop_table("annotations")
    op.drop_index("ix_notification_log_day", table_name="notification_log")
    op.drop_table("notification_log")
    op.drop_table("notification_channels")
