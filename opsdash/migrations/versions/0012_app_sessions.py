"""server-side sign-in sessions (sign-out and password reset end them)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 17:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString()


def upgrade() -> None:
    op.create_table(
        "app_sessions",
        sa.Column("id_hash", TEXT, nullable=False),
        sa.Column("username", TEXT, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=False), nullable=True),
        sa.PrimaryKeyConstraint("id_hash"),
    )
    op.create_index("ix_app_sessions_username", "app_sessions", ["username"])


def downgrade() -> None:
    op.drop_index("ix_app_sessions_username", table_name="app_sessions")
    op.drop_table("app_sessions")
