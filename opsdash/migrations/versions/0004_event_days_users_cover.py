"""event_days rollup; covering index on users (signup_date, channel, user_id)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 07:20:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_days",
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("event", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("event_date", "event"),
    )
    # backfill from the events already in the store (opsdash.store.rollups keeps it in step)
    op.execute(
        "INSERT INTO event_days (event_date, event, events) "
        "SELECT event_date, event, count(*) FROM events GROUP BY event, event_date"
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_signup_date")
        batch_op.create_index(
            "ix_users_signup_channel", ["signup_date", "channel", "user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_signup_channel")
        batch_op.create_index("ix_users_signup_date", ["signup_date"], unique=False)
    op.drop_table("event_days")
