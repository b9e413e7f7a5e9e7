"""saved views (a page with its filters and settings, personal or team, pinned to Overview)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 17:20:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString()


def upgrade() -> None:
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", TEXT, nullable=False),
        sa.Column("scope", TEXT, nullable=False),
        sa.Column("owner", TEXT, nullable=False),
        sa.Column("page", TEXT, nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scope", "owner", "name", name="uq_saved_views_name"),
    )
    op.create_index("ix_saved_views_owner", "saved_views", ["owner"])


def downgrade() -> None:
    op.drop_index("ix_saved_views_owner", table_name="saved_views")
    op.drop_table("saved_views")
