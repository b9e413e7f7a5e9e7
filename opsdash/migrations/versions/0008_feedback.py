"""feedback: imported user feedback, and the team's feedback themes

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None

PROPERTIES = sa.JSON().with_variant(JSONB(), "postgresql")
TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("feedback_id", TEXT(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("submitted_date", sa.Date(), nullable=False),
        sa.Column("user_id", TEXT(), nullable=True),
        sa.Column("source", TEXT(), nullable=True),
        sa.Column("rating", sa.Float(), nullable=True),
        sa.Column("nps_score", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("sentiment", TEXT(), nullable=True),
        sa.Column("sentiment_basis", TEXT(), nullable=True),
        sa.Column("version", TEXT(), nullable=True),
        sa.Column("platform", TEXT(), nullable=True),
        sa.Column("category", TEXT(), nullable=True),
        sa.Column("tags", TEXT(), nullable=True),
        sa.Column("properties", PROPERTIES, nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"]),
        sa.PrimaryKeyConstraint("feedback_id"),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_batch_id", ["batch_id"], unique=False)
        batch_op.create_index(
            "ix_feedback_date_source", ["submitted_date", "source"], unique=False
        )
    op.create_table(
        "feedback_themes",
        sa.Column("name", TEXT(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=False), nullable=True),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("feedback_themes")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_date_source")
        batch_op.drop_index("ix_feedback_batch_id")
    op.drop_table("feedback")
