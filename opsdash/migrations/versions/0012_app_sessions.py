"""server-side sign-in sessions (sign-out and password reset end them); batch claims (rows a
later batch counted as already present survive an undo of their batch)

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
    op.create_table(
        "batch_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("kind", TEXT, nullable=False),
        sa.Column("row_pk", TEXT, nullable=False),
        sa.Column("owner_batch_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_batch_claims_batch_id", "batch_claims", ["batch_id"])
    op.create_index("ix_batch_claims_row", "batch_claims", ["kind", "row_pk"])


def downgrade() -> None:
    op.drop_index("ix_batch_claims_row", table_name="batch_claims")
    op.drop_index("ix_batch_claims_batch_id", table_name="batch_claims")
    op.drop_table("batch_claims")
    op.drop_index("ix_app_sessions_username", table_name="app_sessions")
    op.drop_table("app_sessions")
